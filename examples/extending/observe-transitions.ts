/**
 * Extension point: observe every transition. Two hooks, for two jobs:
 *
 * - `lifecycle.observe(listener)` hears every live step, accepted or refused, with the stage
 *   and status before and after: here it builds an xAPI-like statement per step (for an LRS or
 *   analytics) and tells the author when their step was refused.
 * - Host actions, given to `createLifecycle({ actions })` by name (`stageEntered`,
 *   `questionSubmitted`, `questionApproved`, `questionReturned`, `outcomePublished`), are the
 *   machine's named side effects: here they post notifications, e.g. to a Teams channel.
 *
 * Both run on live steps only. Replaying a log, on load or after a sync, never runs them, so
 * nobody is notified twice for the same thing.
 *
 * Run: npx tsx examples/extending/observe-transitions.ts
 */
import { createLifecycle, type Lifecycle, type LifecycleTransition } from '../../src/index.js';
import { BEN, createWriter, details, INPUT, LEAD, observation, question, runIfMain, studentVoice } from './sample.js';

/** The shape of an xAPI statement, reduced to what this example fills in. */
export interface Statement {
  id: string;
  actor: { account: { homePage: string; name: string } };
  verb: { id: string; display: { 'en-GB': string } };
  object: { id: string; definition: { type: string } };
  result: { success: boolean; extensions: Record<string, string> };
  timestamp: string;
}

const HOME = 'https://vle.example.org';

/** One statement per live step; refused steps are statements too (`success: false`). */
export function toStatement(transition: LifecycleTransition): Statement {
  const { event } = transition;
  return {
    id: event.id,
    actor: { account: { homePage: HOME, name: event.authorId } },
    verb: { id: `urn:plc-kit:verb:${event.type}`, display: { 'en-GB': event.type } },
    object: { id: `urn:plc-kit:enquiry:${event.enquiryId}`, definition: { type: 'urn:plc-kit:activity:enquiry' } },
    result: {
      success: transition.accepted,
      extensions: {
        'urn:plc-kit:stage-from': transition.from.stage,
        'urn:plc-kit:stage-to': transition.to.stage,
        ...(transition.refusal ? { 'urn:plc-kit:refusal': transition.refusal.code } : {}),
      },
    },
    timestamp: event.at,
  };
}

/** Where notifications go: a Teams webhook, e-mail, a toast. */
export interface Notifier {
  notify(to: string, text: string): void;
}

/** A lifecycle wired to a notifier and a statement sink. */
export function createObservedLifecycle(notifier: Notifier, statements: Statement[]): Lifecycle {
  const lifecycle = createLifecycle({
    actions: {
      stageEntered: ({ context }) => notifier.notify('community', `"${context.details?.title}" is now at the ${context.stage} stage.`),
      questionSubmitted: ({ context }) => notifier.notify('lead', `A driving question is waiting for your review: "${context.question.text}"`),
      questionApproved: ({ context }) => notifier.notify('owners', `Your question was approved${context.review.comment ? `: ${context.review.comment}` : '.'}`),
      questionReturned: ({ context }) => notifier.notify('owners', `Your question came back with comments: ${context.review.comment}`),
      outcomePublished: ({ context }) => notifier.notify('all-staff', `New in the booklet: ${context.outcome?.summary}`),
    },
  });
  lifecycle.observe((transition) => {
    statements.push(toStatement(transition));
    if (transition.refusal) notifier.notify(transition.event.authorId, `Not possible yet: ${transition.refusal.message}`);
  });
  return lifecycle;
}

export function main(log: (line: string) => void = console.log) {
  const sent: string[] = [];
  const statements: Statement[] = [];
  const lifecycle = createObservedLifecycle({ notify: (to, text) => sent.push(`to ${to}: ${text}`) }, statements);
  const write = createWriter();

  // Loading what is already in the store: a replay, so nothing is sent.
  let state = lifecycle.replay([write('enquiry.create', details()), write('question.draft', question())], INPUT);
  log(`After replaying ${state.eventCount} stored events: ${sent.length} notifications, ${statements.length} statements.`);

  // New steps, taken live in the app.
  for (const event of [
    write('question.submit'),
    write('question.approve', { comment: 'Clear and open.' }, LEAD),
    write('evidence.start'),
    write('observation.record', observation(1, BEN), BEN),
    write('evidence.start'),
    write('evidence.add', studentVoice()),
  ]) {
    state = lifecycle.step(state, event).state;
  }
  for (const line of sent) log(line);
  log(`${statements.length} statements, e.g. ${JSON.stringify(statements[1])}`);
  return { sent, statements, state };
}

runIfMain(import.meta.url, main);
