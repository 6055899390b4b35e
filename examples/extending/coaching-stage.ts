/**
 * Extension point: insert a stage. This school adds `coaching` between the driving question and
 * observation: a coach meets the group to plan the actions before anyone is observed.
 *
 * - Entry requirement: the question lists at least one planned action (`hasPlannedActions`).
 *   It is checked on the way in, so approving a question without actions is refused with the
 *   guard's own reason.
 * - Its own events, with payload schemas: `coaching.session` records a session (kept in
 *   `data.extra.coaching`), `coaching.complete` moves on to observation and needs a session.
 * - Old logs: enquiries list the stages they were created with (`details.stages`). An enquiry
 *   created before coaching existed passes over the new stage, so its log replays to the same
 *   stage and data as under the default lifecycle. New enquiries opt in by writing
 *   `stages: coachingLifecycle.stages` into `enquiry.create`.
 *
 * Run: npx tsx examples/extending/coaching-stage.ts
 */
import * as z from 'zod/mini';
import {
  CalendarDate,
  createLifecycle,
  defaultLifecycle,
  Id,
  LongText,
  type DomainEvent,
  type EnquiryData,
  type LifecycleGuard,
  type RefusalText,
  type StageExtension,
} from '../../src/index.js';
import { ANA, BEN, createWriter, details, INPUT, LEAD, observation, question, runIfMain } from './sample.js';

/** A coaching session, as `coaching.session` records it. */
export const CoachingSession = z.object({
  coachId: Id,
  date: CalendarDate,
  notes: LongText,
});
export type CoachingSession = z.infer<typeof CoachingSession>;

/** What the coaching stage keeps in `data.extra.coaching`. */
export interface CoachingData {
  sessions: Array<CoachingSession & { recordedBy: string }>;
}

export const coachingOf = (data: EnquiryData): CoachingData => (data.extra['coaching'] as CoachingData | undefined) ?? { sessions: [] };

export const hasPlannedActions: LifecycleGuard = ({ context }) => context.question.plannedActions.length > 0;
export const hasCoachingSession: LifecycleGuard = ({ context }) => coachingOf(context).sessions.length > 0;

export const coachingRefusals: Record<string, RefusalText<EnquiryData>> = {
  hasPlannedActions: {
    code: 'no-planned-actions',
    message: () => ({ message: 'List at least one planned action in the question: coaching starts from the plan.' }),
  },
  hasCoachingSession: {
    code: 'no-coaching-session',
    message: () => ({ message: 'Record at least one coaching session before moving on to observation.' }),
  },
};

/** The stage itself: where it goes, what lets the enquiry in, and the events it accepts. */
export const coachingStage: StageExtension = {
  id: 'coaching',
  after: 'question',
  entryRequires: ['hasPlannedActions'],
  on: {
    'coaching.session': {
      apply: (stageData, event: DomainEvent) => {
        const data = (stageData as CoachingData | undefined) ?? { sessions: [] };
        return { sessions: [...data.sessions, { ...(event.payload as CoachingSession), recordedBy: event.authorId }] };
      },
    },
    'coaching.complete': { advances: true, requires: ['hasCoachingSession'] },
  },
};

/** The lifecycle with coaching: theme, question, coaching, observation, evidence, sharing, shared. */
export const coachingLifecycle = createLifecycle({
  stages: [coachingStage],
  guards: { hasPlannedActions, hasCoachingSession },
  refusals: coachingRefusals,
  events: { 'coaching.session': CoachingSession, 'coaching.complete': z.object({}) },
});

/** A new enquiry under the coaching lifecycle, from creation to observation. */
export function newEnquiryLog(write = createWriter('enq-coached')) {
  return [
    write('enquiry.create', details({ stages: [...coachingLifecycle.stages] })),
    write('question.draft', question({ plannedActions: [] })),
    write('question.submit'),
    write('question.approve', {}, LEAD), // refused: no planned actions yet
    write('question.return', { comment: 'Add what you will try in lessons.' }, LEAD),
    write('question.draft', question()),
    write('question.submit'),
    write('question.approve', {}, LEAD),
    write('coaching.complete'), // refused: no session yet
    write('coaching.session', { coachId: 'p-coach', date: '2025-09-24', notes: 'Planned the green-pen routine.' }, 'p-coach'),
    write('coaching.complete'),
    write('observation.record', observation(1, BEN), BEN),
  ];
}

/** An enquiry written before coaching existed (under the default lifecycle). */
export function oldEnquiryLog(write = createWriter('enq-old')) {
  return [
    write('enquiry.create', details()),
    write('question.draft', question()),
    write('question.submit'),
    write('question.approve', {}, LEAD),
    write('observation.record', observation(1, BEN), BEN),
    write('evidence.start', {}, ANA),
  ];
}

export function main(log: (line: string) => void = console.log) {
  log(`Stages: ${coachingLifecycle.stages.join(' > ')}`);

  const fresh = coachingLifecycle.replay(newEnquiryLog(), INPUT);
  for (const refusal of fresh.refusals) log(`Refused ${refusal.type} at ${refusal.stage}: [${refusal.code}] ${refusal.message}`);
  log(`New enquiry: "${fresh.stage}" after ${coachingOf(fresh.data).sessions.length} coaching session(s); visited ${fresh.data.stageVisits.map((v) => v.stage).join(' > ')}.`);

  const old = oldEnquiryLog();
  const before = defaultLifecycle.replay(old, INPUT);
  const after = coachingLifecycle.replay(old, INPUT);
  const same = JSON.stringify(before.data) === JSON.stringify(after.data) && before.step === after.step;
  log(`Old enquiry: "${before.stage}" under the default lifecycle, "${after.stage}" under the coaching one; same data: ${same}.`);
  return { fresh, before, after, same };
}

runIfMain(import.meta.url, main);
