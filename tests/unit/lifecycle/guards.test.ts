import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { builtInGuards, builtInRefusals, createLifecycle, DEFAULT_POLICY, type BuiltInGuard, type EnquiryData, type MachineEvent } from '../../../src/index.js';
import { createFixture, details, evidence, inputFor, observation, outcome, PEOPLE, question, reflection } from '../../support/lifecycle-fixtures.js';

const fx = createFixture();
const base: EnquiryData = createLifecycle().replay(fx.walkToStage('theme'), inputFor()).data;
const context = (changes: Partial<EnquiryData> = {}): EnquiryData => ({ ...base, ...changes });
const event = (type: string, payload: Record<string, unknown> = {}, authorId: string = PEOPLE.ana): MachineEvent => ({ type, event: fx.event(type, payload, { author: authorId }) });
const check = (guard: BuiltInGuard, data: EnquiryData, machineEvent: MachineEvent = event('x.y')) => builtInGuards[guard]({ context: data, event: machineEvent });

/** Each guard with a context it accepts and one it refuses. */
const CASES: Record<BuiltInGuard, { pass: [EnquiryData, MachineEvent?]; fail: [EnquiryData, MachineEvent?] }> = {
  hasTheme: { pass: [context({ details: details({ themeId: 'theme-afl' }) })], fail: [context({ details: details() })] },
  isQuestionComplete: {
    pass: [context({ question: question() })],
    fail: [context({ question: question({ successCriteria: [] }) })],
  },
  isReviewRequired: { pass: [context()], fail: [context({ policy: { ...DEFAULT_POLICY, questionReviewRequired: false } })] },
  isReviewer: { pass: [context({ reviewerIds: [PEOPLE.lead] }), event('question.approve', {}, PEOPLE.lead)], fail: [context({ reviewerIds: [PEOPLE.lead] }), event('question.approve', {}, PEOPLE.ben)] },
  isNotOwnQuestion: {
    pass: [context({ reviewerIds: [PEOPLE.lead, PEOPLE.cpd] }), event('question.approve', {}, PEOPLE.lead)],
    fail: [context({ reviewerIds: [PEOPLE.ana, PEOPLE.cpd] }), event('question.approve', {}, PEOPLE.ana)],
  },
  hasMinObservations: { pass: [context({ observations: [observation(1)] })], fail: [context({ policy: { ...DEFAULT_POLICY, minObservations: 2 }, observations: [observation(1)] })] },
  hasStudentVoice: { pass: [context({ evidence: [evidence.note(), evidence.studentVoice()] })], fail: [context({ evidence: [evidence.note()] })] },
  hasMinEvidence: { pass: [context({ evidence: [evidence.note()] })], fail: [context({ evidence: [] })] },
  hasReflection: { pass: [context({ reflection: reflection({ whatWorked: '', whatDidNot: 'Long comments' }) })], fail: [context({ reflection: reflection({ whatWorked: ' ', whatDidNot: '' }) })] },
  hasOutcome: { pass: [context({ outcome: outcome() })], fail: [context({ outcome: outcome({ summary: '  ' }) })] },
  isNewObservation: { pass: [context({ observations: [observation(1)] }), event('observation.record', observation(2))], fail: [context({ observations: [observation(1)] }), event('observation.record', observation(1))] },
  observationExists: {
    pass: [context({ observations: [observation(1)] }), event('observation.share', { observationId: 'obs-1' })],
    fail: [context({ observations: [observation(1)] }), event('observation.share', { observationId: 'obs-2' })],
  },
  isObservedColleague: {
    pass: [context({ observations: [observation(1)] }), event('observation.share', { observationId: 'obs-1' }, PEOPLE.ana)],
    fail: [context({ observations: [observation(1)] }), event('observation.share', { observationId: 'obs-1' }, PEOPLE.ben)],
  },
  isNewEvidence: { pass: [context({ evidence: [evidence.note('ev-1')] }), event('evidence.add', evidence.note('ev-2'))], fail: [context({ evidence: [evidence.note('ev-1')] }), event('evidence.add', evidence.note('ev-1'))] },
  evidenceExists: { pass: [context({ evidence: [evidence.note('ev-1')] }), event('evidence.remove', { evidenceId: 'ev-1' })], fail: [context({ evidence: [evidence.note('ev-1')] }), event('evidence.remove', { evidenceId: 'ev-9' })] },
};

describe('built-in guards', () => {
  it('every guard has cases and a refusal text with a stable code', () => {
    assert.deepEqual(Object.keys(CASES).sort(), Object.keys(builtInGuards).sort());
    assert.deepEqual(Object.keys(builtInRefusals).sort(), Object.keys(builtInGuards).sort());
  });

  for (const [name, { pass, fail }] of Object.entries(CASES) as Array<[BuiltInGuard, (typeof CASES)[BuiltInGuard]]>) {
    it(`${name} passes and refuses`, () => {
      assert.equal(check(name, ...pass), true, 'pass case');
      assert.equal(check(name, ...fail), false, 'fail case');
      const text = builtInRefusals[name];
      assert.match(text.code, /^[a-z]+(-[a-z]+)*$/);
      const { message } = text.message(fail[0], fail[1] ?? event('x.y'));
      assert.ok(message.length > 10 && /^[A-Z]/.test(message) && /[.!?]$/.test(message), `${name}: "${message}" reads as a sentence`);
      assert.doesNotMatch(message, /undefined|NaN|\[object/);
    });
  }

  it('a single reviewer may approve their own question; with two, the other one must', () => {
    const approve = event('question.approve', {}, PEOPLE.ana);
    assert.equal(check('isNotOwnQuestion', context({ details: details(), reviewerIds: [PEOPLE.ana] }), approve), true);
    assert.equal(check('isNotOwnQuestion', context({ details: details(), reviewerIds: [PEOPLE.ana, PEOPLE.cpd] }), approve), false);
  });

  it('student voice is only needed when the cycle asks for it', () => {
    assert.equal(check('hasStudentVoice', context({ policy: { ...DEFAULT_POLICY, studentVoiceRequired: false }, evidence: [] })), true);
  });

  it('refusals that count say how many are needed and how many there are', () => {
    const observations = builtInRefusals.hasMinObservations.message(context({ policy: { ...DEFAULT_POLICY, minObservations: 3 }, observations: [observation(1)] }), event('evidence.start'));
    assert.deepEqual(observations, { message: 'Record at least 3 observations before gathering evidence (1 so far).', params: { needed: 3, have: 1 } });
    const one = builtInRefusals.hasMinObservations.message(context({ observations: [] }), event('evidence.start'));
    assert.equal(one.message, 'Record at least 1 observation before gathering evidence (0 so far).');
    const pieces = builtInRefusals.hasMinEvidence.message(context({ policy: { ...DEFAULT_POLICY, minEvidence: 2 }, evidence: [evidence.note()] }), event('sharing.start'));
    assert.deepEqual(pieces, { message: 'Add at least 2 pieces of evidence before sharing (1 so far).', params: { needed: 2, have: 1 } });
  });
});
