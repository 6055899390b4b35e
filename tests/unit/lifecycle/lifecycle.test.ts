/**
 * The default lifecycle, event by event: what each event does when accepted, and the refusal
 * (stable code, readable message, the stage it happened in) when it is not.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLifecycle, DEFAULT_STAGES, type DomainEvent, type EnquiryState, type LifecycleInput, type Refusal } from '../../../src/index.js';
import {
  createFixture,
  details,
  evidence,
  inputFor,
  observation,
  outcome,
  PEOPLE,
  question,
  reflection,
  type Fixture,
  type WalkOptions,
  type WalkTarget,
} from '../../support/lifecycle-fixtures.js';

const lifecycle = createLifecycle();

interface Scene {
  fx: Fixture;
  state: EnquiryState;
  input: LifecycleInput;
  /** Applies an event live and asserts it was accepted. */
  accept(type: string, payload?: object, author?: string): EnquiryState;
  /** Applies an event live and asserts it was refused with `code`; the stage does not change. */
  refuse(type: string, payload: object | undefined, code: string, message?: RegExp, author?: string): Refusal;
}

/** An enquiry replayed to `target`, with helpers that move it on. */
function scene(target: WalkTarget, options: WalkOptions & { input?: LifecycleInput } = {}): Scene {
  const fx = createFixture();
  const input = options.input ?? inputFor({ review: options.review ?? true });
  const self: Scene = {
    fx,
    input,
    state: lifecycle.replay(fx.walkToStage(target, options), input),
    accept(type, payload = {}, author = PEOPLE.ana) {
      const step = lifecycle.step(self.state, fx.event(type, payload, { author }));
      assert.equal(step.accepted, true, `${type} refused: ${step.refusal?.code} ${step.refusal?.message}`);
      self.state = step.state;
      return self.state;
    },
    refuse(type, payload = {}, code, message, author = PEOPLE.ana) {
      const event = fx.event(type, payload, { author });
      const before = self.state;
      const step = lifecycle.step(before, event);
      assert.equal(step.accepted, false, `${type} should be refused with ${code}`);
      const refusal = step.refusal!;
      assert.equal(refusal.code, code, `${type}: ${refusal.message}`);
      if (message) assert.match(refusal.message, message);
      assertReadable(refusal.message);
      assert.equal(refusal.eventId, event.id);
      assert.equal(refusal.type, type);
      assert.equal(refusal.stage, before.stage);
      assert.equal(step.state.step, before.step, 'a refused event does not move the enquiry');
      assert.deepEqual(step.state.data, before.data, 'a refused event does not change the data');
      assert.deepEqual(step.state.refusals, [...before.refusals, refusal], 'the refusal is kept');
      assert.equal(step.state.eventCount, before.eventCount + 1, 'the refused event is counted');
      self.state = step.state;
      return refusal;
    },
  };
  return self;
}

function assertReadable(message: string) {
  assert.ok(message.length >= 10, `"${message}" is too short to explain anything`);
  assert.doesNotMatch(message, /undefined|\[object|NaN|enter:/, message);
}

describe('enquiry.create', () => {
  it('starts the enquiry at the theme stage', () => {
    const s = scene('new');
    const state = s.accept('enquiry.create', details());
    assert.equal(state.step, 'theme');
    assert.equal(state.data.status, 'active');
    assert.equal(state.data.enquiryId, 'enq-1');
    assert.equal(state.data.details?.title, 'Engaging with written feedback');
    assert.equal(state.data.createdAt, state.data.updatedAt);
    assert.deepEqual(state.data.contributorIds, [PEOPLE.ana]);
    assert.deepEqual(state.data.stageVisits.map((v) => v.stage), ['theme']);
  });

  it('goes straight to drafting the question when the theme is chosen at creation', () => {
    const s = scene('new');
    const state = s.accept('enquiry.create', details({ themeId: 'theme-afl' }));
    assert.equal(state.step, 'question.drafting');
    assert.deepEqual(state.data.stageVisits.map((v) => v.stage), ['theme', 'question']);
  });

  it('nothing can happen before it, and it happens once', () => {
    const s = scene('new');
    s.refuse('question.draft', question(), 'not-created', /first event must be enquiry\.create/);
    s.accept('enquiry.create', details());
    s.refuse('enquiry.create', details(), 'already-created', /already been started/);
  });

  it('refuses an invalid payload, naming the field', () => {
    scene('new').refuse('enquiry.create', details({ ownerIds: [] }), 'invalid-payload', /payload\.ownerIds must have at least 1 item/);
  });
});

describe('enquiry.rename', () => {
  it('renames at any active stage', () => {
    for (const target of ['theme', 'question.review', 'evidence', 'shared'] as const) {
      const s = scene(target);
      assert.equal(s.accept('enquiry.rename', { title: 'Feedback that lands' }).data.details?.title, 'Feedback that lands');
      assert.equal(s.state.step, target);
    }
  });

  it('is refused while paused, after withdrawal and after archiving', () => {
    scene('paused').refuse('enquiry.rename', { title: 'x' }, 'paused', /paused: resume it first/);
    scene('withdrawn').refuse('enquiry.rename', { title: 'x' }, 'closed', /has been withdrawn/);
    scene('archived').refuse('enquiry.rename', { title: 'x' }, 'closed', /has been archived/);
  });
});

describe('theme.choose', () => {
  it('sets the theme and moves on to drafting the question', () => {
    const state = scene('theme').accept('theme.choose', { themeId: 'theme-oracy' });
    assert.equal(state.step, 'question.drafting');
    assert.equal(state.data.details?.themeId, 'theme-oracy');
  });

  it('is refused once past the theme stage', () => {
    scene('question.drafting').refuse('theme.choose', { themeId: 'theme-oracy' }, 'not-in-stage', /"theme\.choose" cannot be done at the question stage/);
  });
});

describe('question.draft and question.submit', () => {
  it('drafting saves the question and counts revisions', () => {
    const s = scene('theme');
    s.accept('theme.choose', { themeId: 't' });
    s.accept('question.draft', question({ successCriteria: [] }));
    const state = s.accept('question.draft', question());
    assert.equal(state.data.questionRevision, 2);
    assert.deepEqual(state.data.question, question());
  });

  it('an incomplete question cannot be submitted', () => {
    const s = scene('theme');
    s.accept('theme.choose', { themeId: 't' });
    s.refuse('question.submit', {}, 'question-incomplete', /driving question and at least one success criterion/);
    s.accept('question.draft', question({ text: '   ' }));
    s.refuse('question.submit', {}, 'question-incomplete');
  });

  it('submitting goes to the lead for review when the cycle asks for it', () => {
    const s = scene('question.drafting');
    const state = s.accept('question.submit');
    assert.equal(state.step, 'question.review');
    assert.equal(state.stage, 'question');
    assert.equal(state.data.review.status, 'pending');
  });

  it('submitting goes straight to observation when it does not', () => {
    const s = scene('question.drafting', { review: false });
    assert.equal(s.accept('question.submit').step, 'observation');
    assert.equal(s.state.data.review.status, 'none');
  });

  it('the question cannot change while the lead reviews it, or once observing', () => {
    scene('question.review').refuse('question.draft', question(), 'not-in-stage', /with the lead for review/);
    scene('question.review').refuse('question.submit', {}, 'not-in-stage', /with the lead for review/);
    scene('observation').refuse('question.draft', question(), 'not-in-stage', /cannot be done at the observation stage/);
    scene('theme').refuse('question.draft', question(), 'not-in-stage', /at the theme stage/);
  });
});

describe('question review: approve and return', () => {
  it('the lead approves, with a comment, and observation starts', () => {
    const s = scene('question.review');
    const state = s.accept('question.approve', { comment: 'Open and about students.' }, PEOPLE.lead);
    assert.equal(state.step, 'observation');
    assert.equal(state.data.review.status, 'approved');
    assert.equal(state.data.review.byId, PEOPLE.lead);
    assert.equal(state.data.review.comment, 'Open and about students.');
    assert.equal(state.data.review.at, state.data.updatedAt);
  });

  it('approval without a comment keeps no comment', () => {
    const state = scene('question.review').accept('question.approve', {}, PEOPLE.lead);
    assert.equal('comment' in state.data.review, false);
  });

  it('the lead returns the question with a comment; it is redrafted and resubmitted', () => {
    const s = scene('question.review');
    const returned = s.accept('question.return', { comment: 'Name the evidence you will collect.' }, PEOPLE.lead);
    assert.equal(returned.step, 'question.drafting');
    assert.deepEqual({ status: returned.data.review.status, byId: returned.data.review.byId, comment: returned.data.review.comment }, {
      status: 'returned',
      byId: PEOPLE.lead,
      comment: 'Name the evidence you will collect.',
    });
    s.accept('question.draft', question({ plannedEvidence: [{ kind: 'assessment', description: 'Redraft scores' }] }));
    assert.equal(s.accept('question.submit').data.review.status, 'pending');
    assert.equal(s.accept('question.approve', {}, PEOPLE.lead).step, 'observation');
  });

  it('returning needs a comment', () => {
    scene('question.review').refuse('question.return', { comment: '' }, 'invalid-payload', /payload\.comment must not be empty/, PEOPLE.lead);
  });

  it('only a reviewer can approve or return', () => {
    const s = scene('question.review');
    s.refuse('question.approve', {}, 'not-reviewer', /Only the community lead/, PEOPLE.ben);
    s.refuse('question.return', { comment: 'No' }, 'not-reviewer', /Only the community lead/, PEOPLE.ana);
  });

  it('with two reviewers, an owner who reviews cannot approve their own question', () => {
    const s = scene('question.review', { input: inputFor({ reviewerIds: [PEOPLE.ana, PEOPLE.cpd] }) });
    s.refuse('question.approve', {}, 'own-question', /Another reviewer/, PEOPLE.ana);
    assert.equal(s.accept('question.approve', {}, PEOPLE.cpd).step, 'observation');
  });

  it('there is nothing to approve while drafting', () => {
    scene('question.drafting').refuse('question.approve', {}, 'not-in-stage', /at the question stage/, PEOPLE.lead);
  });
});

describe('question.refine: back from observation or evidence', () => {
  for (const from of ['observation', 'evidence'] as const) {
    it(`from ${from}: back to drafting, a new review, and what was gathered is kept`, () => {
      const s = scene(from);
      if (from === 'observation') s.accept('observation.record', observation(1));
      const before = s.state.data;
      const state = s.accept('question.refine', { reason: 'The observations showed a different problem.' });
      assert.equal(state.step, 'question.drafting');
      assert.equal(state.data.review.status, 'none');
      assert.deepEqual(state.data.observations, before.observations);
      assert.deepEqual(state.data.evidence, before.evidence);
      s.accept('question.draft', question({ text: 'How can talk before writing help students act on feedback?' }));
      s.accept('question.submit');
      assert.equal(s.accept('question.approve', {}, PEOPLE.lead).step, 'observation');
      assert.deepEqual(s.state.data.stageVisits.map((v) => v.stage).slice(-2), ['question', 'observation']);
    });
  }

  it('is refused before observation and once sharing', () => {
    scene('question.drafting').refuse('question.refine', {}, 'not-in-stage', /at the question stage/);
    scene('sharing').refuse('question.refine', {}, 'not-in-stage', /at the sharing stage/);
    scene('shared').refuse('question.refine', {}, 'not-in-stage', /at the shared stage/);
  });
});

describe('observations', () => {
  it('are recorded in the observation stage and while gathering evidence', () => {
    const s = scene('observation');
    s.accept('observation.record', observation(1));
    s.accept('evidence.start');
    const state = s.accept('observation.record', observation(2, { observerId: PEOPLE.cy }));
    assert.equal(state.step, 'evidence');
    assert.deepEqual(state.data.observations.map((o) => o.id), ['obs-1', 'obs-2']);
  });

  it('are refused before the question is settled and once sharing', () => {
    scene('question.drafting').refuse('observation.record', observation(1), 'not-in-stage', /at the question stage/);
    scene('question.review').refuse('observation.record', observation(1), 'not-in-stage');
    scene('sharing').refuse('observation.record', observation(9), 'not-in-stage', /at the sharing stage/);
  });

  it('the same observation is not recorded twice', () => {
    const s = scene('observation');
    s.accept('observation.record', observation(1));
    s.refuse('observation.record', observation(1, { focus: 'Another focus' }), 'duplicate-id', /already recorded/);
  });

  it('refuses an invalid observation, naming the field', () => {
    scene('observation').refuse('observation.record', observation(1, { date: '6 Oct' }), 'invalid-payload', /payload\.date must be a date such as 2025-09-04/);
  });

  it('only the observed colleague shares notes further, at any active stage', () => {
    const s = scene('sharing');
    s.refuse('observation.share', { observationId: 'obs-1', personIds: ['p-hod'] }, 'not-observed-colleague', /Only the colleague who was observed/, PEOPLE.ben);
    s.refuse('observation.share', { observationId: 'obs-404', personIds: ['p-hod'] }, 'observation-not-found', /not part of this enquiry/);
    s.accept('observation.share', { observationId: 'obs-1', personIds: ['p-hod', 'p-dep'] });
    const state = s.accept('observation.share', { observationId: 'obs-1', personIds: ['p-dep', 'p-head'] });
    assert.deepEqual(state.data.observations[0]!.sharedWith, ['p-hod', 'p-dep', 'p-head']);
    assert.equal(state.step, 'sharing');
  });
});

describe('evidence', () => {
  it('gathering starts once the cycle\'s observations are recorded', () => {
    const s = scene('observation', { input: inputFor({ policy: { minObservations: 2 } }) });
    const refusal = s.refuse('evidence.start', {}, 'too-few-observations', /Record at least 2 observations before gathering evidence \(0 so far\)\./);
    assert.deepEqual(refusal.params, { needed: 2, have: 0 });
    s.accept('observation.record', observation(1));
    s.refuse('evidence.start', {}, 'too-few-observations', /\(1 so far\)/);
    s.accept('observation.record', observation(2));
    assert.equal(s.accept('evidence.start').step, 'evidence');
  });

  it('a cycle that asks for no observations lets evidence start at once', () => {
    assert.equal(scene('observation', { input: inputFor({ policy: { minObservations: 0 } }) }).accept('evidence.start').step, 'evidence');
  });

  it('every built-in kind can be added, removed with a reason, and ids stay unique', () => {
    const s = scene('evidence');
    for (const make of [evidence.studentVoice, evidence.assessment, evidence.learningWalk, evidence.artefact, evidence.note, evidence.attendance, evidence.examResults]) s.accept('evidence.add', make());
    assert.deepEqual(s.state.data.evidence.map((e) => e.kind), ['student-voice', 'assessment', 'learning-walk', 'artefact', 'note', 'attendance', 'exam-results']);
    s.refuse('evidence.add', evidence.note(), 'duplicate-id', /already on the board/);
    s.accept('evidence.remove', { evidenceId: 'ev-no', reason: 'Duplicate of the survey' });
    s.refuse('evidence.remove', { evidenceId: 'ev-no' }, 'evidence-not-found', /not part of this enquiry/);
    assert.deepEqual(s.state.data.evidence.map((e) => e.id), ['ev-sv', 'ev-as', 'ev-lw', 'ev-ar', 'ev-at', 'ev-ex']);
  });

  it('an item is checked against its kind\'s schema', () => {
    const s = scene('evidence');
    s.refuse('evidence.add', { ...evidence.note(), kind: 'video' }, 'invalid-payload', /payload\.kind must be one of: student-voice, assessment, learning-walk, artefact, note, attendance, exam-results/);
    s.refuse('evidence.add', evidence.artefact('ev-x', { url: 'javascript:alert(1)' }), 'invalid-payload', /payload\.url must be an http or https link/);
    s.refuse('evidence.add', evidence.studentVoice('ev-y', { names: ['Sam'] }), 'invalid-payload', /has unknown field: names/);
    s.refuse('evidence.add', { kind: 'note', title: 'No id', text: '' }, 'invalid-payload', /payload\.id is required/);
  });

  it('is refused before gathering starts', () => {
    scene('observation').refuse('evidence.add', evidence.note(), 'not-in-stage', /at the observation stage/);
    scene('observation').refuse('evidence.remove', { evidenceId: 'ev-sv' }, 'not-in-stage');
  });
});

describe('reflection, sharing and publishing', () => {
  it('reflection is saved while gathering evidence and while sharing, not before', () => {
    scene('observation').refuse('reflection.save', reflection(), 'not-in-stage');
    assert.deepEqual(scene('evidence').accept('reflection.save', reflection({ whatWorked: 'Time' })).data.reflection?.whatWorked, 'Time');
    assert.equal(scene('sharing').accept('reflection.save', reflection({ nextSteps: 'More' })).data.reflection?.nextSteps, 'More');
  });

  it('sharing needs the cycle\'s evidence, including student voice', () => {
    const s = scene('observation', { input: inputFor({ policy: { minEvidence: 2 } }) });
    s.accept('observation.record', observation(1));
    s.accept('evidence.start');
    const none = s.refuse('sharing.start', {}, 'too-few-evidence', /Add at least 2 pieces of evidence before sharing \(0 so far\)\./);
    assert.deepEqual(none.params, { needed: 2, have: 0 });
    s.accept('evidence.add', evidence.note('ev-1'));
    s.accept('evidence.add', evidence.assessment('ev-2'));
    s.refuse('sharing.start', {}, 'student-voice-missing', /anonymous student-voice survey/);
    s.accept('evidence.add', evidence.studentVoice('ev-3'));
    assert.equal(s.accept('sharing.start').step, 'sharing');
  });

  it('without a student-voice requirement, any evidence will do', () => {
    const s = scene('observation', { input: inputFor({ policy: { studentVoiceRequired: false } }) });
    s.accept('observation.record', observation(1));
    s.accept('evidence.start');
    s.accept('evidence.add', evidence.note());
    assert.equal(s.accept('sharing.start').step, 'sharing');
  });

  it('publishing needs a reflection and a summary, and records when', () => {
    const s = scene('evidence');
    s.accept('evidence.add', evidence.studentVoice());
    s.accept('sharing.start');
    s.refuse('outcome.publish', {}, 'reflection-missing', /Write your reflection/);
    s.accept('reflection.save', reflection({ whatWorked: '', whatDidNot: '' }));
    s.refuse('outcome.publish', {}, 'reflection-missing');
    s.accept('reflection.save', reflection());
    s.refuse('outcome.publish', {}, 'outcome-missing', /summary for colleagues/);
    s.accept('outcome.save', outcome());
    const state = s.accept('outcome.publish');
    assert.equal(state.step, 'shared');
    assert.equal(state.data.publishedAt, state.data.updatedAt);
  });

  it('the outcome can still be edited once shared; not before sharing', () => {
    assert.equal(scene('shared').accept('outcome.save', outcome({ summary: 'Revised' })).data.outcome?.summary, 'Revised');
    scene('evidence').refuse('outcome.save', outcome(), 'not-in-stage', /at the evidence stage/);
  });

  it('evidence.reopen goes back from sharing to gathering evidence', () => {
    const s = scene('sharing');
    const state = s.accept('evidence.reopen', { reason: 'One more survey after half term' });
    assert.equal(state.step, 'evidence');
    s.accept('evidence.add', evidence.studentVoice('ev-sv-2'));
    assert.equal(s.accept('sharing.start').step, 'sharing');
    assert.deepEqual(s.state.data.stageVisits.map((v) => v.stage).slice(-3), ['sharing', 'evidence', 'sharing']);
    scene('evidence').refuse('evidence.reopen', {}, 'not-in-stage');
    scene('shared').refuse('evidence.reopen', {}, 'not-in-stage', /at the shared stage/);
  });
});

describe('pause and resume', () => {
  for (const target of ['theme', 'question.drafting', 'observation', 'evidence', 'sharing', 'shared'] as const) {
    it(`resumes at the same step it was paused in: ${target}`, () => {
      const s = scene(target);
      const paused = s.accept('enquiry.pause', { reason: 'Mocks' });
      assert.equal(paused.step, 'paused');
      assert.equal(paused.data.status, 'paused');
      assert.equal(paused.stage, s.state.stage);
      const resumed = s.accept('enquiry.resume');
      assert.equal(resumed.step, target);
      assert.equal(resumed.data.status, 'active');
    });
  }

  it('returns to the lead\'s review if it was pending', () => {
    const s = scene('question.review');
    s.accept('enquiry.pause');
    const resumed = s.accept('enquiry.resume');
    assert.equal(resumed.step, 'question.review');
    assert.equal(s.accept('question.approve', {}, PEOPLE.lead).step, 'observation');
  });

  it('returns to drafting if the question had been returned', () => {
    const s = scene('question.review');
    s.accept('question.return', { comment: 'Sharpen it' }, PEOPLE.lead);
    s.accept('enquiry.pause');
    assert.equal(s.accept('enquiry.resume').step, 'question.drafting');
  });

  it('keeps the stage visits as they were: pausing is not a stage', () => {
    const s = scene('observation');
    const visits = s.state.data.stageVisits;
    s.accept('enquiry.pause');
    s.accept('enquiry.resume');
    assert.deepEqual(s.state.data.stageVisits, visits);
  });

  it('while paused, only resume or withdraw', () => {
    const s = scene('paused');
    s.refuse('observation.record', observation(1), 'paused', /paused: resume it first/);
    s.refuse('enquiry.pause', {}, 'paused');
    s.refuse('enquiry.archive', {}, 'paused');
    assert.equal(s.accept('enquiry.withdraw').step, 'withdrawn');
  });

  it('resume is refused when the enquiry is not paused', () => {
    scene('observation').refuse('enquiry.resume', {}, 'not-in-stage', /"enquiry\.resume" cannot be done/);
  });
});

describe('withdraw and archive', () => {
  it('withdraws from any active stage and from pause, keeping the stage it was in', () => {
    for (const target of ['theme', 'question.review', 'evidence', 'shared'] as const) {
      const s = scene(target);
      const stage = s.state.stage;
      const state = s.accept('enquiry.withdraw', { reason: 'Left the school' });
      assert.equal(state.step, 'withdrawn');
      assert.equal(state.data.status, 'withdrawn');
      assert.equal(state.stage, stage);
    }
  });

  it('a withdrawn enquiry takes nothing more but archiving', () => {
    const s = scene('withdrawn');
    s.refuse('enquiry.resume', {}, 'closed', /has been withdrawn: nothing more can be added/);
    s.refuse('enquiry.withdraw', {}, 'closed');
    const state = s.accept('enquiry.archive');
    assert.equal(state.step, 'archived');
    assert.equal(state.data.status, 'archived');
  });

  it('a shared enquiry is archived; an enquiry in progress is not', () => {
    const s = scene('shared');
    assert.equal(s.accept('enquiry.archive').data.status, 'archived');
    assert.equal(s.state.snapshot.status, 'done');
    scene('evidence').refuse('enquiry.archive', {}, 'not-in-stage', /"enquiry\.archive" cannot be done at the evidence stage/);
  });

  it('an archived enquiry takes nothing more', () => {
    const s = scene('archived');
    for (const type of ['enquiry.rename', 'enquiry.archive', 'enquiry.pause', 'outcome.save']) s.refuse(type, type === 'enquiry.rename' ? { title: 'x' } : type === 'outcome.save' ? outcome() : {}, 'closed', /archived/);
  });
});

describe('events that cannot apply are kept, refused, never thrown', () => {
  it('events of unknown types', () => {
    const s = scene('observation');
    s.refuse('observation.delete', { id: 'obs-1' }, 'unknown-event', /"observation\.delete" is not an event this lifecycle knows/);
    s.refuse('coaching.session', {}, 'unknown-event');
  });

  it('events of another enquiry', () => {
    const s = scene('observation');
    const stray = s.fx.event('observation.record', observation(1), { enquiryId: 'enq-2' });
    const step = lifecycle.step(s.state, stray);
    assert.equal(step.refusal?.code, 'wrong-enquiry');
    assert.match(step.refusal!.message, /belongs to enquiry enq-2/);
    assert.equal(step.state.data.observations.length, 0);
  });

  it('envelopes that are not valid', () => {
    const s = scene('observation');
    const event = s.fx.event('observation.record', observation(1));
    for (const broken of [{ ...event, authorId: '' }, { ...event, at: 'now' }, { ...event, hlc: 'x' }, { ...event, payload: 'x' as never }]) {
      let step: ReturnType<typeof lifecycle.step> | undefined;
      assert.doesNotThrow(() => {
        step = lifecycle.step(s.state, broken as DomainEvent);
      });
      assert.equal(step!.accepted, false);
      assert.ok(['invalid-event', 'invalid-payload'].includes(step!.refusal!.code), step!.refusal!.code);
      assertReadable(step!.refusal!.message);
    }
  });

  it('envelope problems and payload problems have their own codes', () => {
    const s = scene('observation');
    const event = s.fx.event('observation.record', observation(1));
    assert.equal(lifecycle.check(s.state, { ...event, authorId: '' }).ok, false);
    const envelope = lifecycle.check(s.state, { ...event, at: 'now' });
    const payload = lifecycle.check(s.state, { ...event, payload: { ...event.payload, date: 'now' } });
    assert.equal(!envelope.ok && envelope.refusal.code, 'invalid-event');
    assert.equal(!payload.ok && payload.refusal.code, 'invalid-payload');
  });

  it('a replayed log reports every refusal in log order, counts every event and drops none', () => {
    const fx = createFixture();
    const log = [
      fx.event('question.draft', question()),
      ...fx.walkToStage('observation'),
      fx.event('evidence.start'),
      fx.event('unknown.thing'),
      fx.event('observation.record', observation(1)),
      fx.event('observation.record', observation(1)),
      fx.event('evidence.start'),
      fx.event('question.approve', {}, { author: PEOPLE.lead }),
    ];
    const state = lifecycle.replay(log, inputFor());
    assert.equal(state.eventCount, log.length);
    assert.deepEqual(
      state.refusals.map((r) => [r.type, r.code, r.stage]),
      [
        ['question.draft', 'not-created', 'theme'],
        ['evidence.start', 'too-few-observations', 'observation'],
        ['unknown.thing', 'unknown-event', 'observation'],
        ['observation.record', 'duplicate-id', 'observation'],
        ['question.approve', 'not-in-stage', 'evidence'],
      ],
    );
    assert.equal(state.step, 'evidence');
    assert.equal(state.lastKey !== undefined, true);
    for (const refusal of state.refusals) assert.ok(log.some((e) => e.id === refusal.eventId));
  });

  it('check() says whether an event would be accepted, without changing anything', () => {
    const s = scene('observation');
    const before = s.state;
    assert.deepEqual(lifecycle.check(before, s.fx.event('observation.record', observation(1))), { ok: true });
    const refused = lifecycle.check(before, s.fx.event('evidence.start'));
    assert.equal(!refused.ok && refused.refusal.code, 'too-few-observations');
    assert.equal(s.state, before);
    assert.equal(before.eventCount, s.state.eventCount);
  });
});

describe('the whole lifecycle', () => {
  for (const review of [true, false]) {
    it(`theme to shared ${review ? 'with' : 'without'} the lead's review`, () => {
      const fx = createFixture();
      const log = fx.walkToStage('shared', { review });
      let state = lifecycle.initial(inputFor({ review }));
      const steps: string[] = [];
      for (const event of log) {
        const step = lifecycle.step(state, event);
        assert.equal(step.accepted, true, `${event.type}: ${step.refusal?.message}`);
        state = step.state;
        if (steps[steps.length - 1] !== state.step) steps.push(state.step);
      }
      assert.deepEqual(steps, [
        'theme',
        'question.drafting',
        ...(review ? ['question.review'] : []),
        'observation',
        'evidence',
        'sharing',
        'shared',
      ]);
      assert.deepEqual(state.data.stageVisits.map((v) => v.stage), [...DEFAULT_STAGES]);
      assert.deepEqual(state.data.contributorIds, review ? [PEOPLE.ana, PEOPLE.lead] : [PEOPLE.ana]);
      assert.equal(state.data.createdAt, log[0]!.at);
      assert.equal(state.data.updatedAt, log[log.length - 1]!.at);
      assert.equal(state.data.publishedAt, log[log.length - 1]!.at);
      assert.equal(state.eventCount, log.length);
      assert.deepEqual(state.refusals, []);
      assert.deepEqual(lifecycle.replay(log, inputFor({ review })).data, state.data, 'replay and live steps agree');
    });
  }

  it('a lifecycle knows its stages and event types', () => {
    assert.deepEqual(lifecycle.stages, [...DEFAULT_STAGES]);
    assert.ok(lifecycle.eventTypes.includes('question.submit'));
    assert.equal(lifecycle.eventTypes.length, 22);
    assert.equal(lifecycle.initial().data.policy.questionReviewRequired, true, 'the default policy applies without input');
  });

  it('validate() returns the parsed event and throws a ValidationError naming the field', () => {
    const fx = createFixture();
    const event = fx.event('enquiry.create', { ...details(), track: undefined });
    assert.equal((lifecycle.validate(event).payload as { track: string }).track, 'plc');
    assert.throws(() => lifecycle.validate({ ...event, payload: { ...event.payload, kind: 'pair' } }), /enquiry\.create event is not valid: payload\.kind must be one of/);
    assert.throws(() => lifecycle.validate({ ...event, type: 'nope.nope' }), /"nope\.nope" is not an event this lifecycle knows/);
  });
});
