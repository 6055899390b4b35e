/**
 * The extension points, through the runnable examples in examples/extending/ (each is imported
 * and its main() run with a collecting logger) and the edge cases an integrator relies on.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createActor } from 'xstate';
import * as z from 'zod/mini';
import { createEnquiryMachine, createLifecycle, defaultLifecycle, type DomainEvent, type EnquiryState } from '../../../src/index.js';
import * as stricter from '../../../examples/extending/stricter-guard.js';
import * as coaching from '../../../examples/extending/coaching-stage.js';
import * as homework from '../../../examples/extending/homework-evidence.js';
import * as observing from '../../../examples/extending/observe-transitions.js';
import { createWriter, INPUT, LEAD, observation, studentVoice } from '../../../examples/extending/sample.js';
import { createFixture, inputFor, PEOPLE, viaJson, WALK_TARGETS } from '../../support/lifecycle-fixtures.js';

const collect = () => {
  const lines: string[] = [];
  return { lines, log: (line: string) => void lines.push(line) };
};

describe('example: a stricter guard (two different observers before evidence)', () => {
  it('main() runs and prints the refusal, then the way on', () => {
    const { lines, log } = collect();
    const result = stricter.main(log);
    assert.equal(lines.length, 3);
    assert.equal(result.refusal?.code, 'too-few-observers');
    assert.match(lines[1]!, /Record at least 1 observation by at least 2 different colleagues before gathering evidence \(2 so far, by 1\)\./);
    assert.equal(result.stage, 'evidence');
  });

  it('replaces the built-in guard and its refusal, keeping the cycle\'s count', () => {
    const fx = createFixture();
    const log = [...fx.walkToStage('observation'), fx.event('observation.record', observation(1, PEOPLE.ben) as never, { author: PEOPLE.ben })];
    const oneObserver = [...log, fx.event('evidence.start')];
    assert.equal(defaultLifecycle.replay(oneObserver, inputFor()).step, 'evidence', 'the default lifecycle is satisfied');
    const state = stricter.stricterLifecycle.replay(oneObserver, inputFor({ policy: { minObservations: 3 } }));
    assert.equal(state.step, 'observation');
    assert.deepEqual(state.refusals.map((r) => [r.code, r.params]), [['too-few-observers', { needed: 3, have: 1, observersNeeded: 2, observers: 1 }]]);
    const enough = [...log, fx.event('observation.record', observation(2, PEOPLE.cy) as never, { author: PEOPLE.cy }), fx.event('evidence.start')];
    assert.equal(stricter.stricterLifecycle.replay(enough, inputFor()).step, 'evidence');
    assert.equal(stricter.stricterLifecycle.replay(enough, inputFor({ policy: { minObservations: 3 } })).step, 'observation');
  });

  it('a replaced guard keeps the built-in refusal text until that is replaced too', () => {
    const lifecycle = createLifecycle({ guards: { hasMinObservations: () => false } });
    const fx = createFixture();
    const state = lifecycle.replay([...fx.walkToStage('observation'), fx.event('evidence.start')], inputFor());
    assert.equal(state.refusals[0]?.code, 'too-few-observations');
  });

  it('a new guard without a refusal text refuses with a generic reason that names it', () => {
    const lifecycle = createLifecycle({
      stages: [{ ...coaching.coachingStage, on: { ...coaching.coachingStage.on, 'coaching.complete': { advances: true, requires: ['hasCoachSignedOff'] } } }],
      guards: { hasPlannedActions: coaching.hasPlannedActions, hasCoachingSession: coaching.hasCoachingSession, hasCoachSignedOff: () => false },
      events: { 'coaching.session': coaching.CoachingSession, 'coaching.complete': z.object({}) },
    });
    const write = createWriter('enq-coached');
    const state = lifecycle.replay([...coaching.newEnquiryLog(write).slice(0, 8), write('coaching.complete')], INPUT);
    const refusal = state.refusals[state.refusals.length - 1]!;
    assert.deepEqual([refusal.code, refusal.message, refusal.params], ['stage-requirement', 'This step is not possible yet (hasCoachSignedOff).', { guard: 'hasCoachSignedOff' }]);
  });
});

describe('example: a coaching stage between question and observation', () => {
  it('main() runs: a new enquiry goes through coaching; an old one replays the same', () => {
    const { lines, log } = collect();
    const result = coaching.main(log);
    assert.equal(lines[0], 'Stages: theme > question > coaching > observation > evidence > sharing > shared');
    assert.deepEqual(result.fresh.refusals.map((r) => [r.type, r.code, r.stage]), [
      ['question.approve', 'no-planned-actions', 'question'],
      ['coaching.complete', 'no-coaching-session', 'coaching'],
    ]);
    assert.equal(result.fresh.stage, 'observation');
    assert.deepEqual(result.fresh.data.stageVisits.map((v) => v.stage), ['theme', 'question', 'coaching', 'observation']);
    assert.deepEqual(coaching.coachingOf(result.fresh.data).sessions, [{ coachId: 'p-coach', date: '2025-09-24', notes: 'Planned the green-pen routine.', recordedBy: 'p-coach' }]);
    assert.equal(result.same, true, lines[lines.length - 1]);
  });

  it('every log written under the default lifecycle replays to the same stage and data under the extended one', () => {
    for (const review of [true, false]) {
      for (const target of WALK_TARGETS) {
        if (target === 'question.review' && !review) continue;
        const log = createFixture().walkToStage(target, { review });
        const before = defaultLifecycle.replay(log, inputFor({ review }));
        const after = coaching.coachingLifecycle.replay(log, inputFor({ review }));
        assert.equal(after.step, before.step, target);
        assert.deepEqual(after.data, before.data, `${target}: the same data, stage visits included`);
        assert.deepEqual(after.refusals, before.refusals, target);
      }
    }
  });

  it('an old enquiry stepped live under the extended lifecycle never announces the stage it passes over', () => {
    const entered: string[] = [];
    const lifecycle = createLifecycle({
      stages: [coaching.coachingStage],
      guards: { hasPlannedActions: coaching.hasPlannedActions, hasCoachingSession: coaching.hasCoachingSession },
      events: { 'coaching.session': coaching.CoachingSession, 'coaching.complete': z.object({}) },
      actions: { stageEntered: ({ context }) => void entered.push(context.stage) },
    });
    let state: EnquiryState = lifecycle.initial(INPUT);
    for (const event of coaching.oldEnquiryLog()) state = lifecycle.step(state, event).state;
    assert.deepEqual(entered, ['theme', 'question', 'observation', 'evidence']);
  });

  it('coaching events belong to the coaching stage; the default lifecycle does not know them', () => {
    const write = createWriter('enq-coached');
    const log = coaching.newEnquiryLog(write);
    const state = coaching.coachingLifecycle.replay(log, INPUT);
    const late = coaching.coachingLifecycle.check(state, write('coaching.session', { coachId: 'p-coach', date: '2025-10-01', notes: '' }, 'p-coach'));
    assert.equal(!late.ok && late.refusal.code, 'not-in-stage');
    const bad = coaching.coachingLifecycle.check(state, write('coaching.session', { coachId: 'p-coach', date: 'soon', notes: '' }));
    assert.equal(!bad.ok && bad.refusal.code, 'invalid-payload');
    assert.match(!bad.ok ? bad.refusal.message : '', /payload\.date must be a date/);
    const unknown = defaultLifecycle.replay(log, INPUT).refusals.filter((r) => r.type.startsWith('coaching.'));
    assert.deepEqual([...new Set(unknown.map((r) => r.code))], ['unknown-event']);
  });

  it('an inserted stage pauses and resumes like any other, and the question can be refined from it', () => {
    const write = createWriter('enq-coached');
    const log = coaching.newEnquiryLog(write).slice(0, 8); // approved: now in coaching
    const state = coaching.coachingLifecycle.replay([...log, write('enquiry.pause'), write('enquiry.resume')], INPUT);
    assert.equal(state.step, 'coaching');
    const refined = coaching.coachingLifecycle.replay([...log, write('question.refine', { reason: 'Coach asked a better question' })], INPUT);
    assert.equal(refined.step, 'question.drafting');
  });

  it('the entry refusal names the requirement that failed, when a stage has several', () => {
    const lifecycle = createLifecycle({
      stages: [{ ...coaching.coachingStage, entryRequires: ['hasPlannedActions', 'hasCoach'] }],
      guards: { hasPlannedActions: coaching.hasPlannedActions, hasCoachingSession: coaching.hasCoachingSession, hasCoach: () => false },
      refusals: { ...coaching.coachingRefusals, hasCoach: { code: 'no-coach', message: () => ({ message: 'Ask the CPD leader to assign a coach first.' }) } },
      events: { 'coaching.session': coaching.CoachingSession, 'coaching.complete': z.object({}) },
    });
    const write = createWriter('enq-coached');
    const log = coaching.newEnquiryLog(write).slice(0, 8);
    const [refusal] = lifecycle.replay(log, INPUT).refusals.filter((r) => r.type === 'question.approve').slice(-1);
    assert.equal(refusal?.code, 'no-coach', refusal?.message);
  });

  it('refuses extensions that cannot work, at creation, with the reason', () => {
    const stage = coaching.coachingStage;
    assert.throws(() => createEnquiryMachine({ stages: [{ ...stage, id: 'evidence' }] }), /Stage "evidence" already exists/);
    assert.throws(() => createEnquiryMachine({ stages: [{ ...stage, after: 'planning' }] }), /follows "planning", which does not exist/);
    assert.throws(() => createEnquiryMachine({ stages: [{ ...stage, id: 'afterlife', after: 'shared' }] }), /No stage can follow "shared"/);
    assert.throws(() => createEnquiryMachine({ stages: [stage] }), /requires guard "hasPlannedActions", which is not defined/);
    assert.throws(
      () => createLifecycle({ stages: [stage], guards: { hasPlannedActions: coaching.hasPlannedActions, hasCoachingSession: coaching.hasCoachingSession } }),
      /accepts "coaching.session": give its payload schema in options.events/,
    );
  });

  it('a cached state of the extended lifecycle restores and continues', () => {
    const write = createWriter('enq-coached');
    const log = coaching.newEnquiryLog(write);
    const head = coaching.coachingLifecycle.replay(log.slice(0, 10), INPUT);
    const restored = coaching.coachingLifecycle.restore(viaJson(coaching.coachingLifecycle.toCache(head)), INPUT);
    const continued = coaching.coachingLifecycle.resume(restored, log.slice(10))!;
    assert.deepEqual(viaJson(continued.data), viaJson(coaching.coachingLifecycle.replay(log, INPUT).data));
  });
});

describe('example: an homework evidence kind', () => {
  it('main() runs: the item is added and rendered, bad items are refused naming the field', () => {
    const { lines, log } = collect();
    const result = homework.main(log);
    assert.equal(lines[0], 'Added: Autumn homework: 9E2 (28 students) 91.2% -> 94.6% (+3.4 points)');
    assert.deepEqual(result.state.data.evidence.map((e) => e.id), ['ev-homework']);
    assert.deepEqual(
      result.state.refusals.map((r) => [r.code, r.message]),
      [
        ['invalid-payload', 'payload.after must be at most 100'],
        ['invalid-payload', 'payload.before is required'],
        ['invalid-payload', 'payload has unknown field: pupilNames'],
        ['invalid-payload', 'payload.kind must be one of: student-voice, assessment, learning-walk, artefact, note, attendance, exam-results, homework'],
      ],
    );
    assert.equal(result.withoutKind.ok, false, 'the default lifecycle does not know homework');
  });

  it('the new kind counts as evidence for the cycle\'s policy, next to the built-in ones', () => {
    const write = createWriter();
    const log = [...homework.atEvidence(write), write('evidence.add', homework.homework()), write('sharing.start')];
    const noVoice = homework.homeworkLifecycle.replay(log, { ...INPUT, policy: { ...INPUT.policy!, studentVoiceRequired: false, minEvidence: 1 } });
    assert.equal(noVoice.step, 'sharing');
    const withVoice = homework.homeworkLifecycle.replay(log, INPUT);
    assert.deepEqual(withVoice.refusals.map((r) => r.code), ['student-voice-missing']);
    const fixed = homework.homeworkLifecycle.replay([...log, write('evidence.add', studentVoice()), write('sharing.start')], INPUT);
    assert.equal(fixed.step, 'sharing');
    assert.deepEqual(homework.homeworkLifecycle.evidenceKinds, homework.evidenceKinds);
  });
});

describe('example: observing every transition', () => {
  it('main() runs: replay sends nothing; live steps notify and make one statement each', () => {
    const { lines, log } = collect();
    const { sent, statements } = observing.main(log);
    assert.equal(lines[0], 'After replaying 2 stored events: 0 notifications, 0 statements.');
    assert.deepEqual(sent, [
      'to lead: A driving question is waiting for your review: "How can we encourage students to engage more actively with written feedback?"',
      'to owners: Your question was approved: Clear and open.',
      'to community: "Engaging with written feedback" is now at the observation stage.',
      'to p-ana: Not possible yet: Record at least 1 observation before gathering evidence (0 so far).',
      'to community: "Engaging with written feedback" is now at the evidence stage.',
    ]);
    assert.equal(statements.length, 6);
    assert.deepEqual(statements.map((s) => s.result.success), [true, true, false, true, true, true]);
    assert.equal(statements[2]!.result.extensions['urn:plc-kit:refusal'], 'too-few-observations');
    assert.equal(statements[1]!.actor.account.name, LEAD);
  });

  it('the same action names work with machine.provide() for an actor the host runs itself', () => {
    const entered: string[] = [];
    const machine = defaultLifecycle.machine.provide({ actions: { stageEntered: ({ context }) => void entered.push(context.stage) } });
    const actor = createActor(machine, { input: inputFor() }).start();
    for (const event of createFixture().walkToStage('evidence')) actor.send({ type: event.type, event });
    assert.equal(actor.getSnapshot().context.stage, 'evidence');
    assert.deepEqual(entered, ['theme', 'question', 'observation', 'evidence']);
    actor.stop();
  });

  it('replays and resumes of the observed lifecycle stay silent', () => {
    const sent: string[] = [];
    const statements: observing.Statement[] = [];
    const lifecycle = observing.createObservedLifecycle({ notify: (_to, text) => void sent.push(text) }, statements);
    const fx = createFixture();
    const log: DomainEvent[] = fx.walkToStage('shared');
    const state = lifecycle.replay(log.slice(0, 5), inputFor());
    lifecycle.resume(state, log.slice(5));
    assert.deepEqual([sent, statements], [[], []]);
  });
});
