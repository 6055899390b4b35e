/**
 * Extension point: replace a guard. The built-in `hasMinObservations` counts observations; this
 * school also wants them made by at least two different colleagues before evidence gathering
 * starts, so one enthusiastic observer cannot carry the whole enquiry. The replacement keeps the
 * cycle's count (it calls the built-in guard) and adds the stricter rule, with a refusal text
 * (a stable code for the UI to translate, and an English message built from the data).
 *
 * Run: npx tsx examples/extending/stricter-guard.ts
 */
import { builtInGuards, createLifecycle, type EnquiryData, type LifecycleGuard, type RefusalText } from '../../src/index.js';
import { ANA, BEN, CY, createWriter, details, INPUT, LEAD, observation, question, runIfMain } from './sample.js';

/** How many different colleagues this school wants observing before evidence gathering. */
export const MIN_OBSERVERS = 2;

const observersOf = (data: EnquiryData) => new Set(data.observations.map((o) => o.observerId)).size;

/** The cycle's minimum number of observations, by at least two different observers. */
export const hasMinObservations: LifecycleGuard = (args) => builtInGuards.hasMinObservations(args) && observersOf(args.context) >= MIN_OBSERVERS;

/** Why the stricter guard refuses. */
export const tooFewObservers: RefusalText<EnquiryData> = {
  code: 'too-few-observers',
  message: (data) => {
    const needed = data.policy.minObservations;
    return {
      message:
        `Record at least ${needed} observation${needed === 1 ? '' : 's'} by at least ${MIN_OBSERVERS} different colleagues ` +
        `before gathering evidence (${data.observations.length} so far, by ${observersOf(data)}).`,
      params: { needed, have: data.observations.length, observersNeeded: MIN_OBSERVERS, observers: observersOf(data) },
    };
  },
};

/** The lifecycle with the stricter guard: same stages, same events. */
export const stricterLifecycle = createLifecycle({
  guards: { hasMinObservations },
  refusals: { hasMinObservations: tooFewObservers },
});

export function main(log: (line: string) => void = console.log) {
  const write = createWriter();
  const events = [
    write('enquiry.create', details()),
    write('question.draft', question()),
    write('question.submit'),
    write('question.approve', { comment: 'Clear and open.' }, LEAD),
    write('observation.record', observation(1, BEN), BEN),
    write('observation.record', observation(2, BEN, { date: '2025-10-13' }), BEN),
    write('evidence.start'),
  ];
  let state = stricterLifecycle.replay(events, INPUT);
  const [refusal] = state.refusals;
  log(`Two observations, both by Ben: still at "${state.stage}".`);
  log(`Refused ${refusal?.type}: [${refusal?.code}] ${refusal?.message}`);

  const step = stricterLifecycle.step(state, write('observation.record', observation(3, CY), CY));
  state = stricterLifecycle.step(step.state, write('evidence.start', {}, ANA)).state;
  log(`After Cy observes too: "${state.stage}" (${state.data.observations.length} observations by 2 colleagues).`);
  return { refusal, stage: state.stage };
}

runIfMain(import.meta.url, main);
