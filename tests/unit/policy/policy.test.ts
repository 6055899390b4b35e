/**
 * The policy as a role x action table: every role against every action (and the variants that
 * change an answer: published or not, aggregated or raw, open or closed survey), then the privacy
 * rules and edge cases one by one.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  POLICY_ACTIONS,
  enquiryMemberIds,
  POLICY_REASONS,
  allowedEventTypes,
  decide,
  verdict,
  rolesFor,
  visibleObservation,
  type Actor,
  type PolicyAction,
  type PolicyCode,
  type PolicyCommunity,
  type PolicyEnquiry,
  type PolicyResources,
} from '../../../src/policy/index.js';
import { EVENT_PAYLOADS } from '../../../src/lifecycle/events.js';
import type { Observation, Person } from '../../../src/schema/index.js';
import { readPrivacyContract } from '../../support/privacy-contract.js';

const person = (id: string, roles: Person['roles'] = ['teacher'], lineManagerId?: string): Person => ({
  schemaVersion: 1,
  id,
  name: id,
  schoolId: 'school-1',
  roles,
  ...(lineManagerId ? { lineManagerId } : {}),
});

const people = {
  owner: person('ana'), // owns the group enquiry
  member: person('ben'), // community member, observer of o-1
  lead: person('lee'),
  coach: person('cora', ['teacher', 'coach']),
  teacher: person('tom'), // staff with no link to the enquiry
  'cpd-leader': person('cat', ['teacher', 'cpd-leader']),
  admin: person('adam', ['admin']),
  observed: person('olivia', ['teacher'], 'mike'), // observed colleague, not a member
  'shared-with': person('sam'),
  'line-manager': person('mike'),
} satisfies Record<string, Person>;

type RoleName = keyof typeof people | 'student';
const ROLES: RoleName[] = ['student', ...(Object.keys(people) as (keyof typeof people)[])];
const actorOf = (role: RoleName): Actor => (role === 'student' ? { kind: 'student' } : { kind: 'person', person: people[role] });
const idOf = (role: RoleName) => (role === 'student' ? 'student' : people[role].id);

const community: PolicyCommunity = { id: 'c-1', leadId: 'lee', memberIds: ['ana', 'ben'], coachIds: ['cora'] };

const observation = (id: string, sharedWith: string[] = [], observedId = 'olivia', observerId = 'ben'): Observation => ({
  id,
  observerId,
  observedId,
  className: '9X2',
  date: '2025-11-05',
  focus: 'Use of written feedback',
  strengths: 'Students redrafted with care.',
  wonderings: 'Would a checklist help the quieter ones?',
  nextSteps: 'Try feedback codes.',
  sharedWith,
});

const o1 = observation('o-1', ['sam']);
const o2 = observation('o-2', ['cat']); // shared with the CPD leader
const o3 = observation('o-3', ['mike']); // shared with the line manager

const groupEnquiry = (extra: Partial<PolicyEnquiry> = {}): PolicyEnquiry => ({
  details: { kind: 'group', ownerIds: ['ana'], communityId: 'c-1' },
  observations: [o1, o2, o3],
  status: 'active',
  publishedAt: undefined,
  ...extra,
});
const enquiry = groupEnquiry();
/** A coaching pair of olivia (the observed colleague) and sam, and an entry of its log. */
const coachingPair = (arrangedById: string) => ({ schemaVersion: 1, id: 'cp-1', cycleId: 'cy-1', personIds: ['olivia', 'sam'], arrangedById, slots: [] });
const coachingLog = (authorId: string) => ({ schemaVersion: 1, id: 'cl-1', pairId: 'cp-1', memberIds: ['olivia', 'sam'], authorId, date: '2025-10-07', text: 'Wait time.' });
const published = groupEnquiry({ publishedAt: '2026-06-01T10:00:00.000Z' });
const individualAlone: PolicyEnquiry = { details: { kind: 'individual', ownerIds: ['ivy'] }, observations: [], status: 'active' };
const individualSupported: PolicyEnquiry = {
  details: { kind: 'individual', ownerIds: ['ivy'], communityId: 'c-1' },
  observations: [],
  status: 'active',
};

/** One column of the table: an action on a resource (which may depend on who asks). */
interface Column<A extends PolicyAction = PolicyAction> {
  name: string;
  action: A;
  resource: (role: RoleName) => PolicyResources[A];
  /** The expected answer per role: `true` for allowed, else the refusal code. */
  expect: Record<RoleName, true | PolicyCode>;
}

const col = <A extends PolicyAction>(c: Column<A>) => c as unknown as Column;

/** Fills a row: `allowed` roles get `true`, students `student-not-allowed`, everyone else `code`. */
function only(allowed: RoleName[], code: PolicyCode, overrides: Partial<Record<RoleName, true | PolicyCode>> = {}) {
  const row = {} as Record<RoleName, true | PolicyCode>;
  for (const role of ROLES) row[role] = role === 'student' ? 'student-not-allowed' : allowed.includes(role) ? true : code;
  return { ...row, ...overrides };
}
const everyone = (code: PolicyCode) => only([], code);
const allStaff = only(ROLES.filter((r) => r !== 'student'), 'not-member');
const MEMBERS: RoleName[] = ['owner', 'member', 'lead'];
const app = (eventType: string, payload?: Record<string, unknown>) => () => ({ enquiry, community, eventType, payload });

const TABLE: Column[] = [
  col({ name: 'read a group enquiry', action: 'enquiry.read', resource: () => ({ enquiry, community }), expect: allStaff }),
  col({
    name: 'start an individual project of their own',
    action: 'enquiry.create',
    resource: (role) => ({ details: { kind: 'individual', ownerIds: [idOf(role)] } }),
    expect: allStaff,
  }),
  col({
    name: "start someone else's individual project",
    action: 'enquiry.create',
    resource: () => ({ details: { kind: 'individual', ownerIds: ['ivy'] } }),
    expect: everyone('not-owner'),
  }),
  col({
    name: 'start a group enquiry for the community',
    action: 'enquiry.create',
    resource: (role) => ({ details: { kind: 'group', ownerIds: [idOf(role)], communityId: 'c-1' }, community }),
    expect: only(MEMBERS, 'not-community-member'),
  }),
  col({ name: 'append question.draft', action: 'event.append', resource: app('question.draft'), expect: only(MEMBERS, 'not-member') }),
  col({ name: 'append question.submit', action: 'event.append', resource: app('question.submit'), expect: only(MEMBERS, 'not-member') }),
  col({
    name: 'append observation.record',
    action: 'event.append',
    resource: app('observation.record'),
    expect: only(MEMBERS, 'not-member'),
  }),
  col({ name: 'append evidence.add', action: 'event.append', resource: app('evidence.add'), expect: only(MEMBERS, 'not-member') }),
  col({ name: 'append outcome.publish', action: 'event.append', resource: app('outcome.publish'), expect: only(MEMBERS, 'not-member') }),
  col({ name: 'append question.approve', action: 'event.append', resource: app('question.approve'), expect: only(['lead'], 'not-reviewer') }),
  col({ name: 'append question.return', action: 'event.append', resource: app('question.return'), expect: only(['lead'], 'not-reviewer') }),
  col({
    name: 'append observation.share of o-1',
    action: 'event.append',
    resource: app('observation.share', { observationId: 'o-1', personIds: ['sam'] }),
    expect: only(['observed'], 'not-observed-colleague'),
  }),
  col({
    name: 'read the notes of o-1 (shared with sam)',
    action: 'observation.read-notes',
    resource: () => ({ enquiry, community, observation: o1, observed: people.observed }),
    expect: only([...MEMBERS, 'observed', 'shared-with'], 'notes-private'),
  }),
  col({
    name: 'read an unpublished outcome',
    action: 'outcome.read',
    resource: () => ({ enquiry, community }),
    expect: only(MEMBERS, 'outcome-unpublished'),
  }),
  col({ name: 'read a published outcome', action: 'outcome.read', resource: () => ({ enquiry: published, community }), expect: allStaff }),
  col({
    name: 'read school-wide impact figures',
    action: 'aggregate.read',
    resource: () => ({ kind: 'impact' }),
    expect: only(['cpd-leader'], 'not-aggregate-reader'),
  }),
  col({
    name: "read the community's participation figures",
    action: 'aggregate.read',
    resource: () => ({ kind: 'participation', community }),
    expect: only(['cpd-leader', 'lead'], 'not-aggregate-reader'),
  }),
  col({
    name: 'write a person record',
    action: 'directory.write',
    resource: () => ({ collection: 'people' }),
    expect: only(['cpd-leader', 'admin'], 'not-directory-writer'),
  }),
  col({
    name: 'import appraisal records',
    action: 'directory.write',
    resource: () => ({ collection: 'appraisals' }),
    expect: only(['cpd-leader', 'admin'], 'not-directory-writer'),
  }),
  col({
    name: 'write a survey for the enquiry',
    action: 'directory.write',
    resource: () => ({ collection: 'surveys', enquiry, community }),
    expect: only(MEMBERS, 'not-member'),
  }),
  col({
    name: "record the community's meeting",
    action: 'directory.write',
    resource: () => ({ collection: 'meetings', community }),
    expect: only([...MEMBERS, 'coach', 'cpd-leader', 'admin'], 'not-meeting-writer'),
  }),
  col({
    name: 'write a survey response in the directory',
    action: 'directory.write',
    resource: () => ({ collection: 'surveyResponses' }),
    expect: everyone('use-survey-link'),
  }),
  col({
    name: 'read appraisal aggregates',
    action: 'appraisal.read',
    resource: () => ({ scope: 'aggregate' }),
    expect: only(['cpd-leader', 'admin'], 'not-appraisal-reader'),
  }),
  col({
    name: 'read an individual appraisal record',
    action: 'appraisal.read',
    resource: () => ({ scope: 'individual' }),
    expect: everyone('appraisal-aggregate-only'),
  }),
  col({
    name: 'answer an open survey through its link',
    action: 'survey.respond',
    resource: () => ({ survey: { id: 's-1', status: 'open' }, token: { surveyId: 's-1' } }),
    expect: only(ROLES, 'survey-not-open', { student: true }),
  }),
  col({
    name: 'answer a closed survey through its link',
    action: 'survey.respond',
    resource: () => ({ survey: { id: 's-1', status: 'closed' }, token: { surveyId: 's-1' } }),
    expect: only([], 'survey-not-open', { student: 'survey-not-open' }),
  }),
  col({
    name: 'answer a survey without its link',
    action: 'survey.respond',
    resource: () => ({ survey: { id: 's-1', status: 'open' } }),
    expect: only([], 'survey-token-missing', { student: 'survey-token-missing' }),
  }),
  col({
    name: 'read aggregated survey results',
    action: 'survey.results.read',
    resource: () => ({ enquiry, community, aggregated: true }),
    expect: only(MEMBERS, 'results-members-only'),
  }),
  col({
    name: 'read raw survey answers',
    action: 'survey.results.read',
    resource: () => ({ enquiry, community, aggregated: false }),
    expect: everyone('responses-anonymous'),
  }),
  col({
    name: 'start the enquiry again (it exists): nobody, even with oneself as owner',
    action: 'event.append',
    resource: (role) => ({ enquiry, community, eventType: 'enquiry.create', payload: { kind: 'individual', ownerIds: [idOf(role)], cycleId: 'y1', title: 'Mine now' } }),
    expect: everyone('already-created'),
  }),
  col({
    name: 'record an observation of olivia already shared with her line manager',
    action: 'event.append',
    resource: () => ({ enquiry, community, eventType: 'observation.record', payload: { ...observation('o-7'), sharedWith: ['mike'] } }),
    expect: only([], 'record-unshared', { observed: 'not-member' }),
  }),
  col({
    name: "read the reviewer's comments",
    action: 'review.read',
    resource: () => ({ enquiry, community }),
    expect: only(MEMBERS, 'review-private'),
  }),
  col({
    name: 'read a programme record (a cycle)',
    action: 'record.read',
    resource: () => ({ collection: 'cycles', record: { id: 'y1' } }),
    expect: allStaff,
  }),
  col({
    name: "read the community's meeting",
    action: 'record.read',
    resource: () => ({ collection: 'meetings', record: { id: 'm-1', communityId: 'c-1' }, community }),
    expect: only([...MEMBERS, 'coach', 'cpd-leader', 'admin'], 'record-private'),
  }),
  col({
    name: "read a learning walk's lessons",
    action: 'record.read',
    resource: () => ({ collection: 'learningWalks', record: { id: 'w-1', cycleId: 'y1', leaderIds: [] }, communities: [{ ...community, cycleId: 'y1' }] }),
    expect: only(['lead', 'cpd-leader', 'admin'], 'record-private'),
  }),
  col({
    name: 'read one appraisal record',
    action: 'record.read',
    resource: () => ({ collection: 'appraisals', record: { id: 'ap-1' } }),
    expect: everyone('appraisal-aggregate-only'),
  }),
  col({
    name: 'export the complete backup (the service token only)',
    action: 'backup.export',
    resource: () => ({ complete: true }),
    expect: everyone('backup-service-only'),
  }),
  col({
    name: 'export what one may read',
    action: 'backup.export',
    resource: () => ({ complete: false }),
    expect: only(['admin'], 'not-admin'),
  }),
  col({
    name: 'import a complete backup',
    action: 'backup.import',
    resource: () => ({}),
    expect: only(['admin'], 'not-admin'),
  }),
  col({
    name: "read a member's Open Badges credential (Ben's)",
    action: 'credential.read',
    resource: () => ({ recipientId: 'ben' }),
    expect: only(['member', 'cpd-leader'], 'credential-private'),
  }),
  col({
    name: 'read one\'s own Open Badges credential',
    action: 'credential.read',
    resource: (role) => ({ recipientId: idOf(role) }),
    expect: only(ROLES.filter((r) => r !== 'student'), 'credential-private'),
  }),
  col({
    name: 'read a coaching pair of olivia and sam, arranged by the CPD leader',
    action: 'record.read',
    resource: () => ({ collection: 'coachingPairs', record: coachingPair('cat') }),
    expect: only(['observed', 'shared-with', 'cpd-leader', 'admin'], 'record-private'),
  }),
  col({
    name: 'read a coaching pair arranged by the coach',
    action: 'record.read',
    resource: () => ({ collection: 'coachingPairs', record: coachingPair('cora') }),
    expect: only(['observed', 'shared-with', 'coach', 'cpd-leader', 'admin'], 'record-private'),
  }),
  col({
    name: "read the pair's log",
    action: 'record.read',
    resource: () => ({ collection: 'coachingLogs', record: coachingLog('olivia') }),
    expect: only(['observed', 'shared-with'], 'coaching-log-private'),
  }),
  col({
    name: 'arrange a coaching pair (as its arranger)',
    action: 'directory.write',
    resource: (role) => ({ collection: 'coachingPairs', record: coachingPair(idOf(role)) }),
    expect: only(['coach', 'cpd-leader', 'admin'], 'not-pair-arranger'),
  }),
  col({
    name: "change a pair the coach did not arrange",
    action: 'directory.write',
    resource: () => ({ collection: 'coachingPairs', record: coachingPair('cat') }),
    expect: only(['cpd-leader', 'admin'], 'not-pair-arranger'),
  }),
  col({
    name: "write to the pair's log as oneself",
    action: 'directory.write',
    resource: (role) => ({ collection: 'coachingLogs', record: coachingLog(idOf(role)) }),
    expect: only(['observed', 'shared-with'], 'coaching-log-private'),
  }),
  col({
    name: 'post to the VLE an outcome published for it',
    action: 'outcome.post-vle',
    resource: () => ({ enquiry: published, community, audiences: ['booklet', 'vle'] }),
    expect: allStaff,
  }),
  col({
    name: 'post to the VLE an outcome published for the booklet only',
    action: 'outcome.post-vle',
    resource: () => ({ enquiry: published, community, audiences: ['booklet'] }),
    expect: everyone('outcome-not-for-vle'),
  }),
  col({
    name: 'stop sharing a VLE link of a group enquiry that a colleague made',
    action: 'vle.revoke',
    resource: () => ({ createdBy: 'sam', enquiry: { enquiry: published, community } }),
    expect: only([...MEMBERS, 'shared-with', 'cpd-leader', 'admin'], 'not-vle-revoker'),
  }),
  col({
    name: "stop sharing a booklet's VLE link",
    action: 'vle.revoke',
    resource: () => ({ createdBy: 'tom' }),
    expect: only(['teacher', 'cpd-leader', 'admin'], 'not-vle-revoker'),
  }),
  col({
    name: 'post to the VLE an unpublished outcome, even one meant for it',
    action: 'outcome.post-vle',
    resource: () => ({ enquiry, community, audiences: ['vle'] }),
    expect: everyone('outcome-unpublished'),
  }),
  col({
    name: 'answer an open staff feedback survey',
    action: 'staff-feedback.answer',
    resource: () => ({ survey: { status: 'open' } }),
    expect: allStaff,
  }),
  col({
    name: 'answer a closed staff feedback survey',
    action: 'staff-feedback.answer',
    resource: () => ({ survey: { status: 'closed' } }),
    expect: everyone('survey-not-open'),
  }),
  col({
    name: "read a staff feedback survey's results",
    action: 'staff-feedback.results.read',
    resource: () => ({}),
    expect: only(['cpd-leader', 'admin'], 'not-staff-feedback-reader'),
  }),
];

function assertDecision(actual: ReturnType<typeof decide>, expected: true | PolicyCode) {
  if (expected === true) {
    assert.deepEqual(actual, { allowed: true });
  } else {
    assert.equal(actual.allowed, false, `expected refusal ${expected}`);
    if (actual.allowed) return;
    assert.equal(actual.code, expected);
    assert.equal(actual.reason, POLICY_REASONS[expected]);
  }
}

describe('policy: the members a published enquiry recognises', () => {
  it('are the owners and, for a group enquiry, the community lead and members; never its coaches', () => {
    assert.deepEqual(enquiryMemberIds({ enquiry: published, community }).sort(), ['ana', 'ben', 'lee']);
    assert.deepEqual(enquiryMemberIds({ enquiry: individualSupported, community }), ['ivy'], 'an individual project supported by a community: its owner only');
    assert.deepEqual(enquiryMemberIds({ enquiry: published, community: { ...community, id: 'c-other' } }), ['ana'], 'another community is ignored');
    assert.deepEqual(enquiryMemberIds({ enquiry: { ...published, details: undefined } }), []);
  });
});

describe('policy: role x action table', () => {
  it('covers every action and every role', () => {
    assert.deepEqual(new Set(TABLE.map((c) => c.action)), new Set(POLICY_ACTIONS));
    for (const column of TABLE) assert.deepEqual(Object.keys(column.expect).sort(), [...ROLES].sort(), column.name);
  });

  for (const column of TABLE) {
    describe(`${column.action}: ${column.name}`, () => {
      for (const role of ROLES) {
        const expected = column.expect[role];
        it(`${role} -> ${expected === true ? 'allowed' : expected}`, () => {
          assertDecision(decide(actorOf(role), column.action, column.resource(role)), expected);
          // verdict is the same answer without the English reason (what the elements use).
          assert.deepEqual(verdict(actorOf(role), column.action, column.resource(role)), expected === true ? { allowed: true } : { allowed: false, code: expected });
        });
      }
    });
  }
});

describe('policy: observation notes stay developmental', () => {
  const notes = (who: RoleName, obs: Observation, extra: Partial<PolicyResources['observation.read-notes']> = {}) =>
    decide(actorOf(who), 'observation.read-notes', { enquiry, community, observation: obs, ...extra });

  it('a line manager cannot read them by default, and rolesFor names them', () => {
    assertDecision(notes('line-manager', o1, { observed: people.observed }), 'notes-private');
    assert.deepEqual(rolesFor(actorOf('line-manager'), { enquiry, community, observation: o1, observed: people.observed }), [
      'teacher',
      'line-manager',
    ]);
  });
  it('a line manager can once the observed colleague shares them', () => assertDecision(notes('line-manager', o3), true));
  it('a CPD leader cannot read them unless shared', () => {
    assertDecision(notes('cpd-leader', o1), 'notes-private');
    assertDecision(notes('cpd-leader', o2), true);
  });
  it('an admin or a coach cannot', () => {
    assertDecision(notes('admin', o1), 'notes-private');
    assertDecision(notes('coach', o1), 'notes-private');
  });
  it('the observed colleague and the observer can, even outside the enquiry', () => {
    const elsewhere = observation('o-9', [], 'olivia', 'tom');
    assertDecision(notes('observed', elsewhere), true);
    assertDecision(notes('teacher', elsewhere), true);
  });
  it("members read only the enquiry's own observations", () => {
    assertDecision(notes('owner', observation('o-other', [], 'olivia', 'zed')), 'notes-private');
  });
  it('a member who is also a line manager reads them as a member', () => {
    const managedByBen = observation('o-4', [], 'olivia', 'ana');
    const withO4 = groupEnquiry({ observations: [managedByBen] });
    const decision = decide(actorOf('member'), 'observation.read-notes', {
      enquiry: withO4,
      community,
      observation: managedByBen,
      observed: person('olivia', ['teacher'], 'ben'),
    });
    assertDecision(decision, true);
  });
  it('a student never can', () => assertDecision(notes('student', o1), 'student-not-allowed'));
});

describe('policy: reviewing the question', () => {
  const review = (who: Actor, target: PolicyEnquiry, withCommunity = true) =>
    decide(who, 'event.append', { enquiry: target, community: withCommunity ? community : undefined, eventType: 'question.approve' });

  it('a CPD leader reviews an individual project with no community; a lead does not', () => {
    assertDecision(review(actorOf('cpd-leader'), individualAlone, false), true);
    assertDecision(review(actorOf('lead'), individualAlone, false), 'not-reviewer');
  });
  it("the supporting community's lead reviews an individual project; a CPD leader does not", () => {
    assertDecision(review(actorOf('lead'), individualSupported), true);
    assertDecision(review(actorOf('cpd-leader'), individualSupported), 'not-reviewer');
  });
  it("the owner of an individual project writes to it but the supporting community's members do not", () => {
    const ivy: Actor = { kind: 'person', person: person('ivy') };
    const draft = (who: Actor) => decide(who, 'event.append', { enquiry: individualSupported, community, eventType: 'question.draft' });
    assertDecision(draft(ivy), true);
    assertDecision(draft(actorOf('member')), 'not-member');
  });
  it('fails closed when the community is missing or is another one', () => {
    assertDecision(review(actorOf('lead'), enquiry, false), 'community-required');
    const other = { ...community, id: 'c-2' };
    assertDecision(decide(actorOf('lead'), 'event.append', { enquiry, community: other, eventType: 'question.approve' }), 'community-required');
    assertDecision(decide(actorOf('member'), 'event.append', { enquiry, community: other, eventType: 'question.draft' }), 'community-required');
    // An owner does not need the community to be a member.
    assertDecision(decide(actorOf('owner'), 'event.append', { enquiry, eventType: 'question.draft' }), true);
  });
});

describe('policy: appending events', () => {
  it('nobody changes an archived enquiry', () => {
    const archived = groupEnquiry({ status: 'archived' });
    for (const role of ['owner', 'lead', 'observed'] as const) {
      assertDecision(decide(actorOf(role), 'event.append', { enquiry: archived, community, eventType: 'question.draft' }), 'enquiry-archived');
    }
    assert.deepEqual(allowedEventTypes(actorOf('owner'), archived, { community }), []);
  });
  it("integrators' event types are for members only", () => {
    const coaching = (role: RoleName) => decide(actorOf(role), 'event.append', { enquiry, community, eventType: 'coaching.session' });
    assertDecision(coaching('member'), true);
    assertDecision(coaching('coach'), 'not-member');
  });
  it('enquiry.create as an event follows the create rule, from the payload', () => {
    const fresh: PolicyEnquiry = { details: undefined, observations: [], status: 'new' };
    const create = (role: RoleName, payload?: Record<string, unknown>) =>
      decide(actorOf(role), 'event.append', { enquiry: fresh, community, eventType: 'enquiry.create', payload });
    assertDecision(create('teacher', { kind: 'individual', ownerIds: ['tom'], cycleId: 'y1', title: 'Feedback' }), true);
    assertDecision(create('teacher', { kind: 'group', ownerIds: ['tom'], communityId: 'c-1' }), 'not-community-member');
    assertDecision(create('teacher'), 'details-missing');
  });
  it('observation.share names the observation: being observed in another one is not enough', () => {
    const mine = observation('o-5', [], 'tom');
    const withBoth = groupEnquiry({ observations: [o1, mine] });
    const share = (observationId: string) =>
      decide(actorOf('teacher'), 'event.append', { enquiry: withBoth, community, eventType: 'observation.share', payload: { observationId } });
    assertDecision(share('o-5'), true);
    assertDecision(share('o-1'), 'not-observed-colleague');
  });
  it('a survey link for another survey is refused', () => {
    const decision = decide({ kind: 'student' }, 'survey.respond', { survey: { id: 's-1', status: 'open' }, token: { surveyId: 's-2' } });
    assertDecision(decision, 'survey-token-mismatch');
    assertDecision(decide({ kind: 'student' }, 'survey.respond', { survey: { id: 's-1', status: 'draft' }, token: { surveyId: 's-1' } }), 'survey-not-open');
  });
  it('an unknown action is refused, never allowed', () => {
    const decision = decide(actorOf('admin'), 'enquiry.delete' as PolicyAction, { enquiry } as never);
    assertDecision(decision, 'unknown-action');
  });
});

describe('allowedEventTypes', () => {
  const all = Object.keys(EVENT_PAYLOADS);
  const types = (role: RoleName) => allowedEventTypes(actorOf(role), enquiry, { community });

  it('a member may append everything but a second create, the review and sharing notes they were not observed in', () => {
    assert.deepEqual(
      types('owner'),
      all.filter((t) => !['enquiry.create', 'question.approve', 'question.return', 'observation.share'].includes(t)),
    );
  });
  it('the lead may also review', () => {
    assert.deepEqual(types('lead'), all.filter((t) => t !== 'observation.share' && t !== 'enquiry.create'));
  });
  it('the observed colleague may only share', () => assert.deepEqual(types('observed'), ['observation.share']));
  it('a line manager, CPD leader, coach and student may append nothing', () => {
    for (const role of ['line-manager', 'cpd-leader', 'coach', 'student', 'teacher'] as const) assert.deepEqual(types(role), [], role);
  });
  it("considers integrators' types when asked", () => {
    assert.deepEqual(allowedEventTypes(actorOf('member'), enquiry, { community, eventTypes: ['coaching.session'] }), ['coaching.session']);
  });
});

describe('visibleObservation', () => {
  it('returns the same observation to a reader who may see the notes', () => {
    assert.equal(visibleObservation(actorOf('observed'), o1, enquiry, { community }), o1);
    assert.equal(visibleObservation(actorOf('shared-with'), o1, enquiry), o1);
  });
  it('removes the notes and the fact of the observation for everyone else', () => {
    for (const role of ['line-manager', 'cpd-leader', 'teacher', 'student'] as const) {
      const seen = visibleObservation(actorOf(role), o1, enquiry, { community });
      assert.deepEqual(seen, { id: 'o-1', notesHidden: true, factHidden: true });
      assert.ok(!JSON.stringify(seen).includes('redrafted'), role);
    }
    assert.equal(o1.strengths, 'Students redrafted with care.', 'the original is untouched');
  });
  it('needs the community to show notes to a non-owner member', () => {
    assert.ok('notesHidden' in visibleObservation(actorOf('lead'), o1, enquiry));
    assert.equal(visibleObservation(actorOf('lead'), o1, enquiry, { community }), o1);
  });
});

describe('rolesFor', () => {
  it('derives the roles towards an enquiry and its community', () => {
    assert.deepEqual(rolesFor(actorOf('owner'), { enquiry, community }), ['teacher', 'owner', 'member']);
    assert.deepEqual(rolesFor(actorOf('lead'), { enquiry, community }), ['teacher', 'member', 'lead']);
    assert.deepEqual(rolesFor(actorOf('coach'), { enquiry, community }), ['teacher', 'coach']);
    assert.deepEqual(rolesFor(actorOf('cpd-leader'), { enquiry, community }), ['teacher', 'cpd-leader']);
    assert.deepEqual(rolesFor(actorOf('admin')), ['teacher', 'admin']);
    assert.deepEqual(rolesFor(actorOf('student'), { enquiry, community }), ['student']);
  });
  it('derives the roles towards an observation', () => {
    assert.deepEqual(rolesFor(actorOf('member'), { enquiry, community, observation: o1 }), ['teacher', 'member', 'observer']);
    assert.deepEqual(rolesFor(actorOf('observed'), { enquiry, community, observation: o1 }), ['teacher', 'observed-colleague']);
    assert.deepEqual(rolesFor(actorOf('shared-with'), { enquiry, observation: o1 }), ['teacher', 'shared-with']);
  });
  it('ignores a community that is not the enquiry’s', () => {
    assert.deepEqual(rolesFor(actorOf('lead'), { enquiry, community: { ...community, id: 'c-2' } }), ['teacher']);
  });
  it('without an enquiry, member means a member of the community', () => {
    assert.deepEqual(rolesFor(actorOf('member'), { community }), ['teacher', 'member']);
  });
});

describe('POLICY_REASONS', () => {
  it('gives every code a readable English sentence', () => {
    for (const [code, reason] of Object.entries(POLICY_REASONS)) {
      assert.match(code, /^[a-z]+(-[a-z]+)*$/);
      assert.match(reason, /^[A-Z].*\.$/, code);
    }
  });
});

describe('policy: whoever reads a meeting also records it (so plc-meeting has no read-only view)', () => {
  const contract = readPrivacyContract();

  it('the contract gives the meeting row and the write-meeting row the same cells', () => {
    assert.deepEqual(contract.read.get('meeting'), contract.write.get('write-meeting'));
  });

  it('decide agrees for every role, in the community and outside it, and for a meeting of another community', () => {
    const other: PolicyCommunity = { id: 'c-2', leadId: 'zoe', memberIds: ['ana'], coachIds: [] };
    for (const role of ROLES) {
      if (role === 'student') continue;
      for (const [where, meeting] of [
        ['its own community', { communityId: 'c-1' }],
        ['another community', { communityId: 'c-2' }],
      ] as const) {
        const owner = meeting.communityId === 'c-1' ? community : other;
        const read: boolean = decide(actorOf(role), 'record.read', { collection: 'meetings', record: meeting, community: owner }).allowed;
        const write: boolean = decide(actorOf(role), 'directory.write', { collection: 'meetings', record: meeting, community: owner }).allowed;
        assert.equal(read, write, `${role}, a meeting of ${where}: reads ${read}, records ${write}`);
      }
    }
  });
});
