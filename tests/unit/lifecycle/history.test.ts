/**
 * The past stays as it was (docs/privacy.md, rule 6; trust issue #8): a directory change after
 * a step (a new lead, a CPD leader leaving the role, a cycle's policy raised) never changes how
 * that step replays, as long as the directory keeps its history (pastLeads, pastRoles,
 * pastPolicies). Also the observation rules of the contract: only the observed colleague records
 * an observation shared further, and sharing one's own notes is not a contribution.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLifecycle, lifecycleInputFor, RULES_VERSION, type Community, type Cycle, type DomainEvent, type LifecycleInput } from '../../../src/index.js';
import { createFixture, details, evidence, inputFor, observation, PEOPLE, REVIEW_POLICY } from '../../support/lifecycle-fixtures.js';

const lifecycle = createLifecycle();
const HANDOVER = '2026-04-01T00:00:00.000Z';

const community = (overrides: Partial<Community> = {}): Community => ({
  schemaVersion: 1,
  id: 'com-afl',
  name: 'AfL',
  cycleId: 'cycle-2025',
  themeId: 'theme-afl',
  leadId: PEOPLE.lead,
  memberIds: [PEOPLE.ana, PEOPLE.ben],
  coachIds: [],
  schoolIds: ['sch-1'],
  meetingSlots: [],
  ...overrides,
});

const cycle = (overrides: Partial<Cycle> = {}): Cycle => ({
  schemaVersion: 2,
  id: 'cycle-2025',
  name: '2025-26',
  startsOn: '2025-09-01',
  endsOn: '2026-07-22',
  status: 'active',
  themeIds: ['theme-afl'],
  policy: REVIEW_POLICY,
  ...overrides,
});

/** A log that reached `shared`, reviewed by the lead before the handover. */
function sharedLog(): DomainEvent[] {
  return createFixture().walkToStage('shared');
}

const replay = (log: DomainEvent[], input: LifecycleInput) => lifecycle.replay(log, input);

describe('the past stays as it was', () => {
  it('a community handed over to a new lead keeps the questions the old lead approved', () => {
    const log = sharedLog();
    const before = replay(log, lifecycleInputFor(details(), { cycle: cycle(), community: community() }));
    assert.equal(before.stage, 'shared');
    // What the bug did: the new lead alone counts, and the approval is refused on replay.
    const forgetful = replay(log, lifecycleInputFor(details(), { cycle: cycle(), community: community({ leadId: PEOPLE.cy }) }));
    assert.equal(forgetful.stage, 'question');
    // With the handover recorded, the history replays as it was.
    const handedOver = community({ leadId: PEOPLE.cy, pastLeads: [{ personId: PEOPLE.lead, until: HANDOVER }] });
    const after = replay(log, lifecycleInputFor(details(), { cycle: cycle(), community: handedOver }));
    assert.equal(after.stage, 'shared');
    assert.deepEqual(after.refusals, []);
    assert.deepEqual(after.data.review.byId, PEOPLE.lead);
  });

  it('the old lead cannot review after the handover, and the new lead can', () => {
    const fixture = createFixture({ start: '2026-04-10T08:00:00.000Z' });
    const log = fixture.walkToStage('question.review');
    const handedOver = community({ leadId: PEOPLE.cy, pastLeads: [{ personId: PEOPLE.lead, until: HANDOVER }] });
    const input = lifecycleInputFor(details(), { cycle: cycle(), community: handedOver });
    const old = replay([...log, fixture.event('question.approve', {}, { author: PEOPLE.lead })], input);
    assert.equal(old.step, 'question.review');
    assert.equal(old.refusals.at(-1)?.code, 'not-reviewer');
    const current = replay([...log, fixture.event('question.approve', {}, { author: PEOPLE.cy })], input);
    assert.equal(current.stage, 'observation');
  });

  it('an individual project approved by a CPD leader who later left the role stays approved', () => {
    const fixture = createFixture();
    const own = details({ kind: 'individual', communityId: undefined, ownerIds: [PEOPLE.ana] });
    const log = [
      fixture.event('enquiry.create', own),
      fixture.event('theme.choose', { themeId: 'theme-afl' }),
      fixture.event('question.draft', { text: 'How can students use feedback?', rationale: '', targetStudents: '', plannedActions: [], successCriteria: ['More redrafts'], plannedEvidence: [] }),
      fixture.event('question.submit'),
      fixture.event('question.approve', {}, { author: PEOPLE.cpd }),
    ];
    const was = lifecycleInputFor(own, { cycle: cycle(), cpdLeaders: [{ id: PEOPLE.cpd, roles: ['teacher', 'cpd-leader'] }] });
    assert.equal(replay(log, was).stage, 'observation');
    const stepped = lifecycleInputFor(own, {
      cycle: cycle(),
      cpdLeaders: [
        { id: PEOPLE.cpd, roles: ['teacher'], pastRoles: [{ role: 'cpd-leader', until: HANDOVER }] },
        { id: 'p-new-cpd', roles: ['cpd-leader'] },
      ],
    });
    assert.deepEqual(stepped.reviewerIds, ['p-new-cpd']);
    assert.equal(replay(log, stepped).stage, 'observation');
  });

  it('a policy raised mid-year does not undo a step taken under the earlier one', () => {
    const log = sharedLog(); // one observation, one piece of evidence
    const raised = cycle({
      policy: { ...REVIEW_POLICY, minObservations: 2, minEvidence: 3 },
      pastPolicies: [{ policy: REVIEW_POLICY, until: HANDOVER }],
    });
    const state = replay(log, lifecycleInputFor(details(), { cycle: raised, community: community() }));
    assert.equal(state.stage, 'shared');
    assert.deepEqual(state.refusals, []);
    // The raised policy applies to steps after it: the same walk written after the change stops.
    const late = createFixture({ start: '2026-05-01T08:00:00.000Z' }).walkToStage('shared');
    const now = replay(late, lifecycleInputFor(details(), { cycle: raised, community: community() }));
    assert.equal(now.stage, 'observation');
    assert.equal(now.refusals[0]?.code, 'too-few-observations');
    assert.equal(now.refusals[0]?.params['needed'], 2);
  });

  it('a cached state resumed under a new input keeps its history (the cache key names the history)', () => {
    const log = sharedLog();
    const first = replay(log.slice(0, 6), inputFor());
    const handedOver = community({ leadId: PEOPLE.cy, pastLeads: [{ personId: PEOPLE.lead, until: HANDOVER }] });
    const input = lifecycleInputFor(details(), { cycle: cycle(), community: handedOver });
    const resumed = lifecycle.resume(lifecycle.restore(lifecycle.toCache(first), input), log.slice(6), input);
    assert.equal(resumed?.stage, replay(log, input).stage);
  });
});

describe('observations and the privacy contract', () => {
  it('an observation recorded by someone else is kept, but not shared further', () => {
    const fixture = createFixture();
    const log = fixture.walkToStage('observation');
    const shared = observation(2, { observerId: PEOPLE.ana, observedId: 'p-obs', sharedWith: ['p-line-manager'] });
    const state = replay([...log, fixture.event('observation.record', shared, { author: PEOPLE.ana })], inputFor());
    const recorded = state.data.observations.find((o) => o.id === shared.id);
    assert.ok(recorded, 'the observation is recorded');
    assert.deepEqual(recorded.sharedWith, []);
  });

  it('the observed colleague may record her own observation shared, and share it later', () => {
    const fixture = createFixture();
    const log = fixture.walkToStage('observation');
    const own = observation(3, { observerId: PEOPLE.ana, observedId: PEOPLE.ben, sharedWith: ['p-line-manager'] });
    const state = replay(
      [
        ...log,
        fixture.event('observation.record', own, { author: PEOPLE.ben }),
        fixture.event('observation.share', { observationId: own.id, personIds: ['p-coach'] }, { author: PEOPLE.ben }),
      ],
      inputFor(),
    );
    assert.deepEqual(state.data.observations.find((o) => o.id === own.id)?.sharedWith, ['p-line-manager', 'p-coach']);
  });

  it('sharing her own notes does not list the observed colleague among the contributors', () => {
    const fixture = createFixture();
    const log = fixture.walkToStage('observation');
    const of = observation(4, { observedId: 'p-obs' });
    const state = replay(
      [...log, fixture.event('observation.record', of), fixture.event('observation.share', { observationId: of.id, personIds: ['p-lm'] }, { author: 'p-obs' })],
      inputFor(),
    );
    assert.deepEqual(state.data.observations.find((o) => o.id === of.id)?.sharedWith, ['p-lm']);
    assert.equal(state.data.contributorIds.includes('p-obs'), false);
  });
});

describe('student voice counts only when it can be shown (rules version 2)', () => {
  const toSharing = (rulesVersion: number | undefined, answers: number) => {
    const fixture = createFixture();
    const few = evidence.studentVoice('ev-few', {
      responseCount: answers,
      results: [
        { questionId: 'q1', counts: [0, 1, answers - 1, 0, 0] },
        { questionId: 'q2', counts: [], comments: [] },
      ],
    });
    const log = [
      fixture.event('enquiry.create', details(rulesVersion === undefined ? {} : { rulesVersion })),
      fixture.event('theme.choose', { themeId: 'theme-afl' }),
      fixture.event('question.draft', { text: 'How?', rationale: '', targetStudents: '', plannedActions: [], successCriteria: ['Redrafts'], plannedEvidence: [] }),
      fixture.event('question.submit'),
      fixture.event('question.approve', {}, { author: PEOPLE.lead }),
      fixture.event('observation.record', observation(1)),
      fixture.event('evidence.start'),
      fixture.event('evidence.add', few),
      fixture.event('sharing.start'),
    ];
    return replay(log, inputFor());
  };

  it('a survey with 3 answers does not count for a new enquiry, and says why', () => {
    const state = toSharing(RULES_VERSION, 3);
    assert.equal(state.stage, 'evidence');
    assert.equal(state.refusals.at(-1)?.code, 'student-voice-missing');
  });

  it('a survey with 5 answers to one question counts', () => {
    assert.equal(toSharing(RULES_VERSION, 5).stage, 'sharing');
  });

  it('an enquiry started under the earlier rules replays as it always did', () => {
    assert.equal(toSharing(undefined, 3).stage, 'sharing');
  });
});
