/**
 * The transition table replay runs (src/lifecycle/transitionTable.ts) against XState itself:
 * random logs are stepped one event at a time through the machine (`step()` runs XState's
 * `transition()`) and replayed through the table (`replay()`, `check()`); every state, data,
 * refusal and accepted step must be the same, under the default lifecycle and under one with
 * an inserted stage. The default lifecycle's table generated ahead of time (defaultTable.ts) is
 * the one read from the machine, and `replayLifecycle`, which replays with it and no XState, ends
 * in the same states. The table also refuses machines it cannot run, rather than run them wrong.
 */
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { setup } from 'xstate';
import * as z from 'zod/mini';
import { createLifecycle, DEFAULT_STAGES, enquiryMachine, type DomainEvent, type EnquiryState, type Lifecycle, type LifecycleInput } from '../../../src/index.js';
import { createTransitionTable, tableDataOf } from '../../../src/lifecycle/transitionTable.js';
import { DEFAULT_TABLE } from '../../../src/lifecycle/defaultTable.js';
import { replayLifecycle, type ReplayLifecycle } from '../../../src/lifecycle/replayLifecycle.js';
import * as coaching from '../../../examples/extending/coaching-stage.js';
import { createFixture, details, evidence, observation, outcome, PEOPLE, question, reflection } from '../../support/lifecycle-fixtures.js';
import { AUTHORS, BUILT_IN_TEMPLATES, policyArb, type EventTemplate } from '../../support/lifecycle-steps.js';

const SEED = process.env['PLC_FC_SEED'] ? Number(process.env['PLC_FC_SEED']) : 20_261_207;
const NUM_RUNS = 300;

const coachingLifecycle = createLifecycle({
  stages: [coaching.coachingStage],
  guards: { hasPlannedActions: coaching.hasPlannedActions, hasCoachingSession: coaching.hasCoachingSession },
  refusals: coaching.coachingRefusals,
  events: { 'coaching.session': coaching.CoachingSession, 'coaching.complete': z.object({}) },
});

/** The creates a log starts with: the two built-in ones and one that takes the coaching stage. */
const CREATES: EventTemplate[] = [...BUILT_IN_TEMPLATES.slice(0, 2), () => ['enquiry.create', details({ themeId: 'theme-afl', stages: [...coachingLifecycle.stages] })]];

/** Event templates: the built-in ones, the coaching stage's, and a bad payload. */
const TEMPLATES: EventTemplate[] = [
  ...BUILT_IN_TEMPLATES,
  CREATES[2]!,
  () => ['question.draft', question({ plannedActions: [] })],
  (ref) => ['coaching.session', { coachId: 'p-coach', date: '2025-09-24', notes: `Session ${ref}` }],
  () => ['coaching.complete', {}],
  () => ['question.draft', { text: 42 }],
];

/** The way through every stage, the coaching stage included, with who writes each step. */
const HAPPY_PATH: Array<[string, object, string]> = [
  ['question.draft', question(), PEOPLE.ana],
  ['question.submit', {}, PEOPLE.ana],
  ['question.approve', {}, PEOPLE.lead],
  ['coaching.session', { coachId: 'p-coach', date: '2025-09-24', notes: 'Planned' }, PEOPLE.ben],
  ['coaching.complete', {}, PEOPLE.ana],
  ['observation.record', observation(8), PEOPLE.ben],
  ['observation.record', observation(9), PEOPLE.ben],
  ['evidence.start', {}, PEOPLE.ana],
  ['evidence.add', evidence.studentVoice('ev-8'), PEOPLE.ana],
  ['evidence.add', evidence.note('ev-9'), PEOPLE.ana],
  ['reflection.save', reflection(), PEOPLE.ana],
  ['sharing.start', {}, PEOPLE.ana],
  ['outcome.save', outcome(), PEOPLE.ana],
  ['outcome.publish', {}, PEOPLE.ana],
  ['enquiry.archive', {}, PEOPLE.ana],
];

const stepArb = fc.record({
  next: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  template: fc.integer({ min: 0, max: TEMPLATES.length - 1 }),
  ref: fc.integer({ min: 1, max: 3 }),
  author: fc.integer({ min: 0, max: AUTHORS.length - 1 }),
});
/** Logs that start with a create most of the time, so they get somewhere. */
const logArb = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.array(stepArb, { maxLength: 50, size: 'max' }));

function write([create, steps]: [number, Array<{ next: boolean; template: number; ref: number; author: number }>]): DomainEvent[] {
  const fx = createFixture();
  const log: DomainEvent[] = create < 3 ? [fx.event(...CREATES[create]!(1))] : [];
  let along = 0;
  for (const s of steps) {
    const happy = s.next ? HAPPY_PATH[along++] : undefined;
    const [type, payload] = happy ?? TEMPLATES[s.template]!(s.ref);
    log.push(fx.event(type, payload, { author: happy?.[2] ?? AUTHORS[s.author]! }));
  }
  return log;
}

const view = (state: EnquiryState) => ({ data: state.data, stage: state.stage, step: state.step, refusals: state.refusals, eventCount: state.eventCount });

/** Steps the log through XState one event at a time, checking the table agrees at every step. */
function assertSameAsMachine(lifecycle: Lifecycle, log: readonly DomainEvent[], input: LifecycleInput, without?: ReplayLifecycle) {
  let live = lifecycle.initial(input);
  let alone = without?.initial(input);
  for (const [i, event] of log.entries()) {
    const checked = lifecycle.check(live, event);
    if (without && alone) {
      assert.deepEqual(without.check(alone, event), checked, `event ${i} (${event.type}): the same verdict without the machine`);
      alone = without.resume(alone, [event], input)!;
    }
    const { state, accepted, refusal } = lifecycle.step(live, event);
    assert.equal(checked.ok, accepted, `event ${i} (${event.type}): the table and the machine agree whether it is taken`);
    if (!checked.ok) assert.deepEqual(checked.refusal, refusal, `event ${i} (${event.type}): the same refusal`);
    assert.deepEqual(lifecycle.restore(lifecycle.toCache(state)).step, state.step);
    live = state;
  }
  const replayed = lifecycle.replay(log, input);
  assert.deepEqual(view(replayed), view(live));
  if (without && alone) {
    const table = without.replay(log, input);
    assert.deepEqual(view(table), view(live), 'replayed without the machine: the same state');
    assert.deepEqual(view(alone), view(live), 'resumed event by event without the machine: the same state');
    assert.deepEqual(without.toCache(table).value, live.snapshot.value);
    // A state replayed without the machine steps on with it (here with the log's last event again).
    const again = log[log.length - 1];
    if (again) assert.deepEqual(view(lifecycle.step(table, again).state), view(lifecycle.step(live, again).state));
  }
  assert.deepEqual(replayed.snapshot.value, live.snapshot.value);
  assert.equal(replayed.snapshot.status, live.snapshot.status);
}

describe('the transition table takes the same steps as XState', () => {
  it(`under the default lifecycle (${NUM_RUNS} random logs)`, () => {
    fc.assert(
      fc.property(logArb, policyArb, (steps, policy) => assertSameAsMachine(createLifecycleOnce(), write(steps), { policy, reviewerIds: [PEOPLE.lead] }, replayLifecycle)),
      { numRuns: NUM_RUNS, seed: SEED },
    );
  });

  it('from the default table generated ahead of time, which is the one read from the machine (else run `npm run lifecycle-table`)', () => {
    assert.deepEqual(DEFAULT_TABLE, JSON.parse(JSON.stringify(tableDataOf(enquiryMachine.root))));
  });

  it('without loading XState: replayLifecycle imports nothing that does', () => {
    const seen = new Set<string>();
    const visit = (url: URL) => {
      if (seen.has(url.href)) return;
      seen.add(url.href);
      const source = readFileSync(url, 'utf8');
      assert.doesNotMatch(source, /^import (?!type )[^;]*from 'xstate'/m, `${url.pathname} imports xstate`);
      for (const [, path] of source.matchAll(/^(?:import|export) (?!type )[^;]*?from '(\.{1,2}\/[^']+)\.js'/gm)) visit(new URL(`${path}.ts`, url));
    };
    visit(new URL('../../../src/lifecycle/replayLifecycle.ts', import.meta.url));
    assert.ok(seen.size > 5, `follows the imports (${seen.size} files)`);
  });

  it(`under a lifecycle with an inserted stage (${NUM_RUNS} random logs)`, () => {
    fc.assert(
      fc.property(logArb, policyArb, (steps, policy) => assertSameAsMachine(coachingLifecycle, write(steps), { policy, reviewerIds: [PEOPLE.lead] })),
      { numRuns: NUM_RUNS, seed: SEED + 1 },
    );
  });

  it('reaches the coaching stage and beyond in the random logs, so the comparison covers it', () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(logArb, policyArb, (steps, policy) => {
        reached.add(coachingLifecycle.replay(write(steps), { policy, reviewerIds: [PEOPLE.lead] }).step);
      }),
      { numRuns: NUM_RUNS, seed: SEED + 1 },
    );
    for (const step of ['theme', 'question.drafting', 'question.review', 'coaching', 'observation', 'evidence', 'sharing', 'shared', 'paused', 'withdrawn', 'archived']) {
      assert.ok(reached.has(step), `${step} is reached (reached: ${[...reached].join(', ')})`);
    }
  });
});

let defaultOnce: Lifecycle | undefined;
function createLifecycleOnce() {
  return (defaultOnce ??= createLifecycle());
}

describe('the transition table is read from the machine', () => {
  const table = createTransitionTable(enquiryMachine.root, enquiryMachine.implementations.guards, {});

  it('has one position per leaf state, in the stage order of the literal config', () => {
    assert.deepEqual(
      [...table.positions.values()].map((p) => p.step).sort(),
      ['new', 'theme', 'question.drafting', 'question.review', 'observation', 'evidence', 'sharing', 'shared', 'paused', 'withdrawn', 'archived'].sort(),
    );
    assert.deepEqual(Object.keys(enquiryMachine.root.states['active']!.states), [...DEFAULT_STAGES]);
  });

  it("lists a transition's requirements from its guards, leaving out a guard that only chooses a branch", () => {
    const requires = (step: string, type: string) =>
      table.candidates([...table.positions.values()].find((p) => p.step === step)!, type).map((t) => t.requires.map((r) => r.name));
    assert.deepEqual(requires('question.drafting', 'question.submit'), [['isQuestionComplete'], ['isQuestionComplete']]);
    assert.deepEqual(requires('question.review', 'question.approve'), [['isReviewer', 'isNotOwnQuestion']]);
    assert.deepEqual(requires('evidence', 'sharing.start'), [['hasMinEvidence', 'hasStudentVoice']]);
    assert.deepEqual(requires('evidence', 'observation.share'), [['observationExists', 'isObservedColleague']]);
    assert.deepEqual(requires('theme', 'evidence.add'), []);
  });

  it('refuses to build for what it cannot run: parallel states, unnamed actions', () => {
    const parallel = setup({}).createMachine({ type: 'parallel', states: { a: {}, b: {} } });
    assert.throws(() => createTransitionTable(parallel.root, {}, {}), /no parallel states/);
    const inline = setup({}).createMachine({ initial: 'a', states: { a: { on: { go: { target: 'b', actions: () => {} } } }, b: {} } });
    assert.throws(() => createTransitionTable(inline.root, {}, {}), /named actions/);
  });
});
