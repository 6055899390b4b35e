/**
 * One rule for every stage (src/lifecycle/stages.ts): an enquiry that predates a stage passes
 * over it. A built-in stage added in a later version is a node of the same shape as the others
 * with `since` set to the rules version that introduces it (and RULES_VERSION moved on to it);
 * these tests insert such a stage, a coaching stage of version RULES_VERSION + 1, and replay the
 * logs stored in November 2026 (tests/unit/lifecycle/fixtures) through it: every one must
 * replay exactly as before, while enquiries started under the new version go through it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import {
  createLifecycle,
  defaultLifecycle,
  predatesStage,
  RULES_VERSION,
  type DomainEvent,
  type EnquiryState,
  type LifecycleInput,
  type StageExtension,
} from '../../../src/index.js';
import * as coaching from '../../../examples/extending/coaching-stage.js';
import { createFixture, details, inputFor, observation, PEOPLE, question, WALK_TARGETS } from '../../support/lifecycle-fixtures.js';

interface StoredLog {
  name: string;
  input: LifecycleInput;
  events: DomainEvent[];
  replayed: Record<string, unknown>;
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/logs-2026-11.json', import.meta.url), 'utf8')) as { logs: StoredLog[] };

const NEXT_VERSION = RULES_VERSION + 1;

/** A lifecycle with a coaching stage after the question, introduced in `since`. */
const withCoaching = (since: number | undefined) => {
  const stage: StageExtension = { ...coaching.coachingStage, ...(since === undefined ? {} : { since }) };
  return createLifecycle({
    stages: [stage],
    guards: { hasPlannedActions: coaching.hasPlannedActions, hasCoachingSession: coaching.hasCoachingSession },
    refusals: coaching.coachingRefusals,
    events: { 'coaching.session': coaching.CoachingSession, 'coaching.complete': z.object({}) },
  });
};
const newBuiltIn = withCoaching(NEXT_VERSION);

/** The fields the stored fixture records for each log. */
const summary = (s: EnquiryState) => ({
  stage: s.stage,
  step: s.step,
  status: s.data.status,
  ownerIds: s.data.details?.ownerIds ?? [],
  review: s.data.review.status,
  observations: s.data.observations.map((o) => o.id),
  evidence: s.data.evidence.map((e) => e.id),
  publishedAt: s.data.publishedAt ?? null,
  refusals: s.refusals.map((r) => [r.eventId, r.code]),
});

describe('adding a built-in stage never changes how an old log replays', () => {
  it(`the stored logs (${fixture.logs.length}) replay as they were stored, through a stage of version ${NEXT_VERSION}`, () => {
    assert.equal(fixture.logs.length, 25);
    for (const log of fixture.logs) {
      const before = defaultLifecycle.replay(log.events, log.input);
      const after = newBuiltIn.replay(log.events, log.input);
      assert.deepEqual(summary(after), log.replayed, log.name);
      assert.deepEqual([after.step, after.data, after.refusals], [before.step, before.data, before.refusals], `${log.name}: the same data, stage visits included`);
    }
  });

  it('every walk of the default lifecycle replays the same, stage visits included', () => {
    for (const review of [true, false]) {
      for (const target of WALK_TARGETS) {
        if (target === 'question.review' && !review) continue;
        const log = createFixture().walkToStage(target, { review });
        const after = newBuiltIn.replay(log, inputFor({ review }));
        const before = defaultLifecycle.replay(log, inputFor({ review }));
        assert.deepEqual([after.step, after.data, after.refusals], [before.step, before.data, before.refusals], target);
      }
    }
  });

  it('the rule is what keeps them: the same stage counted from version 1 changes how stored logs replay', () => {
    const always = withCoaching(1);
    const changed = fixture.logs.filter((log) => JSON.stringify(summary(always.replay(log.events, log.input))) !== JSON.stringify(log.replayed));
    assert.ok(changed.length >= 10, `${changed.length} stored logs would replay differently`);
  });
});

describe('enquiries started under the new version go through the new stage', () => {
  const approved = (create: object) => {
    const fx = createFixture();
    return [
      fx.event('enquiry.create', details({ themeId: 'theme-afl', ...create })),
      fx.event('question.draft', question()),
      fx.event('question.submit'),
      fx.event('question.approve', {}, { author: PEOPLE.lead }),
    ];
  };

  it(`rulesVersion ${NEXT_VERSION}: into coaching, and on only after a session`, () => {
    const log = approved({ rulesVersion: NEXT_VERSION });
    const state = newBuiltIn.replay(log, inputFor());
    assert.equal(state.step, 'coaching');
    assert.deepEqual(state.data.stageVisits.map((v) => v.stage), ['theme', 'question', 'coaching']);
    const fx = createFixture({ idPrefix: 'x', start: '2025-09-05T08:00:00.000Z' });
    const early = newBuiltIn.replay([...log, fx.event('coaching.complete')], inputFor());
    assert.deepEqual(early.refusals.map((r) => r.code), ['no-coaching-session']);
    const done = newBuiltIn.replay(
      [...log, fx.event('coaching.session', { coachId: 'p-coach', date: '2025-09-24', notes: '' }), fx.event('coaching.complete'), fx.event('observation.record', observation(1))],
      inputFor(),
    );
    assert.equal(done.step, 'observation');
    assert.deepEqual(done.refusals, []);
  });

  it(`rulesVersion ${RULES_VERSION}: passed over, with no visit, and its events refused as out of stage`, () => {
    const log = approved({ rulesVersion: RULES_VERSION });
    const state = newBuiltIn.replay(log, inputFor());
    assert.equal(state.step, 'observation');
    assert.deepEqual(state.data.stageVisits.map((v) => v.stage), ['theme', 'question', 'observation']);
    const fx = createFixture({ idPrefix: 'x', start: '2025-09-05T08:00:00.000Z' });
    const late = newBuiltIn.check(state, fx.event('coaching.complete'));
    assert.equal(!late.ok && late.refusal.code, 'not-in-stage');
  });

  it('an enquiry that lists the stage goes through it, whatever its version; one whose list lacks it passes over it', () => {
    assert.equal(newBuiltIn.replay(approved({ stages: [...newBuiltIn.stages] }), inputFor()).step, 'coaching');
    assert.equal(newBuiltIn.replay(approved({ stages: [...defaultLifecycle.stages], rulesVersion: NEXT_VERSION }), inputFor()).step, 'coaching');
    assert.equal(newBuiltIn.replay(approved({ stages: [...defaultLifecycle.stages] }), inputFor()).step, 'observation');
  });
});

describe('predatesStage', () => {
  const cases: Array<[string, Parameters<typeof predatesStage>[0], { stage: string; since?: number }, boolean]> = [
    ['a version-1 stage, an enquiry with nothing recorded', {}, { stage: 'observation', since: 1 }, false],
    ['a version-1 stage, a list that leaves it out', { stages: ['theme'] }, { stage: 'observation', since: 1 }, false],
    ['a version-3 stage, an enquiry of version 1', {}, { stage: 'coaching', since: 3 }, true],
    ['a version-3 stage, an enquiry of version 2', { rulesVersion: 2 }, { stage: 'coaching', since: 3 }, true],
    ['a version-3 stage, an enquiry of version 3', { rulesVersion: 3 }, { stage: 'coaching', since: 3 }, false],
    ['a version-3 stage, an enquiry of version 4', { rulesVersion: 4 }, { stage: 'coaching', since: 3 }, false],
    ['a version-3 stage an older enquiry lists', { stages: ['coaching'] }, { stage: 'coaching', since: 3 }, false],
    ["an integrator's stage, an enquiry that does not list it", { rulesVersion: 9 }, { stage: 'coaching' }, true],
    ["an integrator's stage, an enquiry that lists it", { stages: ['theme', 'coaching'] }, { stage: 'coaching' }, false],
    ["an integrator's stage, no details yet", undefined, { stage: 'coaching' }, true],
  ];
  for (const [name, enquiry, stage, expected] of cases) it(name, () => assert.equal(predatesStage(enquiry, stage), expected));
});
