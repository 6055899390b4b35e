/**
 * The privacy contract, checked role by role and route by route (trust issue, "tests of its
 * own"). The expectations are read from the two tables of docs/privacy.md, never written here:
 * for every role of the contract and every kind of data, every read route's answers are searched
 * for that data's marker; every write and share action is tried and its effect looked for.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createEventFactory, type DomainEvent } from '../../src/lifecycle/events.js';
import { createHybridClock } from '../../src/lifecycle/hlc.js';
import type { Collection } from '../../src/schema/directory.js';
import { ensurePost } from '../../src/server/vle.js';
import { CONTRACT_ROLES, readPrivacyContract, type ContractRole } from '../support/privacy-contract.js';
import { client, ON, openTestDb, pullAll, startServer, type Client, type Json, type TestDb, type TestServer } from './helpers.js';

const TRUST = 'trust-privacy';
const ELSEWHERE = 'trust-elsewhere';
const contract = readPrivacyContract();
/** The VLE page of e4, made by its member in `before`. */
let vlePageUrl = '';

/** Who plays each role: a person of the trust with the roles their directory record gives them. */
const CAST: Record<Exclude<ContractRole, 'service' | 'student' | 'other-trust'>, { id: string; roles: string[] }> = {
  teacher: { id: 'p-tch', roles: ['teacher'] },
  member: { id: 'p-mem', roles: ['teacher'] },
  lead: { id: 'p-lead', roles: ['teacher'] },
  coach: { id: 'p-coach', roles: ['teacher', 'coach'] },
  observer: { id: 'p-obsr', roles: ['teacher'] },
  observed: { id: 'p-obs', roles: ['teacher'] },
  'line-manager': { id: 'p-lm', roles: ['teacher'] },
  'cpd-leader': { id: 'p-cpd', roles: ['teacher', 'cpd-leader'] },
  admin: { id: 'p-adm', roles: ['admin'] },
};

const person = (id: string, name: string, roles: string[], extra: Record<string, unknown> = {}) => ({ schemaVersion: 1, id, name, schoolId: 'sch-1', roles, ...extra });
const POLICY = { minObservations: 1, studentVoiceRequired: false, questionReviewRequired: true, minEvidence: 1 };
const DIRECTORY: Array<[Collection, Record<string, unknown>]> = [
  ['schools', { schemaVersion: 1, id: 'sch-1', name: 'Riverside' }],
  ...Object.values(CAST).map(({ id, roles }) => ['people', id === 'p-obs' ? person(id, 'MARK-NAME Olivia', roles, { email: 'mark-private@school.example', lineManagerId: 'p-lm' }) : person(id, id, roles)] as [Collection, Record<string, unknown>]),
  ['cycles', { schemaVersion: 2, id: 'cy-1', name: 'MARK-PROGRAMME 2025-26', startsOn: '2025-09-01', endsOn: '2026-07-20', status: 'active', themeIds: ['th-1'], policy: POLICY }],
  ['cycles', { schemaVersion: 2, id: 'cy-0', name: '2024-25', startsOn: '2024-09-01', endsOn: '2025-07-20', status: 'closed', themeIds: ['th-1'], policy: POLICY }],
  ['communities', { schemaVersion: 1, id: 'c0', name: 'Last year', cycleId: 'cy-0', themeId: 'th-1', leadId: 'p-lead', memberIds: ['p-mem'], coachIds: [], schoolIds: ['sch-1'], meetingSlots: [] }],
  ['themes', { schemaVersion: 1, id: 'th-1', name: 'Feedback', aspects: [{ id: 'asp-1', name: 'Feedback' }] }],
  ['communities', { schemaVersion: 1, id: 'c1', name: 'Feedback PLC', cycleId: 'cy-1', themeId: 'th-1', leadId: 'p-lead', memberIds: ['p-mem'], coachIds: ['p-coach'], schoolIds: ['sch-1'], meetingSlots: [] }],
  ['meetings', { schemaVersion: 1, id: 'm1', communityId: 'c1', date: '2025-10-01', protocol: 'open', agenda: [], notes: 'MARK-MEETING notes', decisions: [], attendance: [], enquiryIds: [], notesBy: 'p-lead', pastNotes: [{ notes: 'MARK-MEETVERSION earlier notes', by: 'p-mem', at: '2025-10-01T16:00:00.000Z', until: '2025-10-02T09:00:00.000Z' }] }],
  ['learningWalks', { schemaVersion: 1, id: 'w1', cycleId: 'cy-1', focus: 'Feedback', date: '2025-11-01', leaderIds: ['p-cpd'], lessons: [{ showsFocus: true, note: 'MARK-WALK note' }] }],
  ['appraisals', { schemaVersion: 1, id: 'ap-mark-1', personId: 'p-obs', cycleId: 'cy-1', aspectId: 'asp-1', strength: true }],
  ['coachingPairs', { schemaVersion: 1, id: 'cp1', cycleId: 'cy-1', personIds: ['p-obsr', 'p-obs'], arrangedById: 'p-cpd', slots: [
    { observerId: 'p-obsr', observedId: 'p-obs', date: '2025-10-06', focus: 'MARK-PAIR questioning' },
    { observerId: 'p-obs', observedId: 'p-obsr', date: '2025-10-20', focus: 'MARK-PAIR questioning' },
  ] }],
  // A tenth member of staff, so the staff survey has enough answers to show its comments.
  ['people', person('p-extra', 'p-extra', ['teacher'])],
  ['coachingLogs', { schemaVersion: 1, id: 'cl1', pairId: 'cp1', memberIds: ['p-obsr', 'p-obs'], authorId: 'p-obs', date: '2025-10-07', text: 'MARK-COACHLOG wait time' }],
];

let wall = Date.parse('2025-09-04T08:00:00.000Z');
let seq = 0;
const make = createEventFactory({ clock: createHybridClock('fixture', () => wall), newId: () => `pv-${String(++seq).padStart(4, '0')}`, now: () => new Date(wall) });
const event = (enquiryId: string, type: string, authorId: string, payload: object = {}): DomainEvent => {
  wall += 60_000;
  return make({ enquiryId, type, authorId, payload: payload as Record<string, unknown> });
};
const question = (text: string) => ({ text, rationale: '', targetStudents: '', plannedActions: [], successCriteria: ['Students act on comments'], plannedEvidence: [] });
const groupDetails = (title: string, owner = 'p-mem') => ({ title, kind: 'group', cycleId: 'cy-1', themeId: 'th-1', communityId: 'c1', ownerIds: [owner], track: 'plc' });
const OBSERVATION = {
  id: 'o-mark',
  observerId: 'p-obsr',
  observedId: 'p-obs',
  className: 'MARK-CLASS',
  date: '2025-10-06',
  focus: 'MARK-FOCUS',
  strengths: 'MARK-NOTES strengths',
  wonderings: '',
  nextSteps: '',
  sharedWith: [],
};

/** e1: a group enquiry in evidence, with an observation, a review comment and an unpublished reflection. */
const E1 = [
  event('e1', 'enquiry.create', 'p-mem', groupDetails('MARK-ENQ feedback')),
  event('e1', 'question.draft', 'p-mem', question('MARK-QUESTION How do students use feedback?')),
  event('e1', 'question.submit', 'p-mem'),
  event('e1', 'question.approve', 'p-lead', { comment: 'MARK-REVIEW open and clear' }),
  event('e1', 'observation.record', 'p-mem', OBSERVATION),
  event('e1', 'evidence.start', 'p-mem'),
  event('e1', 'evidence.add', 'p-mem', { id: 'ev-1', kind: 'note', title: 'MARK-EVIDENCE note', text: 'Seen in books.' }),
  event('e1', 'reflection.save', 'p-mem', { whatWorked: 'MARK-REFLECTION time', whatDidNot: '', nextSteps: '' }),
];
/** e2: an individual project, published. */
const plainObservation = { ...OBSERVATION, id: 'o-plain', observerId: 'p-mem', observedId: 'p-lead', className: '8A', focus: 'Plain focus', strengths: 'Plain notes' };
/** A log that takes an enquiry owned by p-mem from its start to a published outcome. */
const publishedLog = (id: string, details: object, reviewer: string, observation: object, words: { question: string; evidence: string; reflection: string; outcome: string }) => [
  event(id, 'enquiry.create', 'p-mem', details),
  event(id, 'question.draft', 'p-mem', question(words.question)),
  event(id, 'question.submit', 'p-mem'),
  event(id, 'question.approve', reviewer),
  event(id, 'observation.record', 'p-mem', observation),
  event(id, 'evidence.start', 'p-mem'),
  event(id, 'evidence.add', 'p-mem', { id: `ev-${id.slice(1)}`, kind: 'note', title: words.evidence, text: 'Better recall.' }),
  event(id, 'reflection.save', 'p-mem', { whatWorked: words.reflection, whatDidNot: '', nextSteps: '' }),
  event(id, 'sharing.start', 'p-mem'),
  event(id, 'outcome.save', 'p-mem', { summary: words.outcome, findings: [], recommendations: [], audiences: ['booklet'] }),
  event(id, 'outcome.publish', 'p-mem'),
];
const E2 = publishedLog('e2', { title: 'Retrieval', kind: 'individual', cycleId: 'cy-1', themeId: 'th-1', ownerIds: ['p-mem'], track: 'plc' }, 'p-cpd', plainObservation, {
  question: 'How does retrieval help?',
  evidence: 'Books',
  reflection: 'MARK-PUBLISHED reflection',
  outcome: 'MARK-PUBLISHED outcome',
});
/** e4: an individual project published for the booklet and the VLE, posted to the VLE in `before`. */
const E4 = [
  event('e4', 'enquiry.create', 'p-mem', { title: 'Posted', kind: 'individual', cycleId: 'cy-1', themeId: 'th-1', ownerIds: ['p-mem'], track: 'plc' }),
  event('e4', 'question.draft', 'p-mem', question('How does posting help?')),
  event('e4', 'question.submit', 'p-mem'),
  event('e4', 'question.approve', 'p-cpd'),
  event('e4', 'observation.record', 'p-mem', { ...plainObservation, id: 'o-e4' }),
  event('e4', 'evidence.start', 'p-mem'),
  event('e4', 'evidence.add', 'p-mem', { id: 'ev-4', kind: 'note', title: 'Books', text: 'Better recall.' }),
  event('e4', 'reflection.save', 'p-mem', { whatWorked: 'Worked', whatDidNot: '', nextSteps: '' }),
  event('e4', 'sharing.start', 'p-mem'),
  event('e4', 'outcome.save', 'p-mem', { summary: 'MARK-VLE outcome', findings: [], recommendations: [], audiences: ['booklet', 'vle'] }),
  event('e4', 'outcome.publish', 'p-mem'),
];
const E3 = [
  event('e3', 'enquiry.create', 'p-mem', groupDetails('Writable')),
  event('e3', 'question.draft', 'p-mem', question('How?')),
  event('e3', 'question.submit', 'p-mem'),
  event('e3', 'question.approve', 'p-lead'),
  event('e3', 'observation.record', 'p-mem', { ...plainObservation, id: 'o-e3' }),
  event('e3', 'evidence.start', 'p-mem'),
];
/** e5: a group enquiry, published: it earns its owner (p-mem) and its community's lead (p-lead) an Open Badges credential. */
const E5 = publishedLog('e5', groupDetails('Celebrated enquiry'), 'p-lead', { ...plainObservation, id: 'o-e5' }, {
  question: 'How do starters help?',
  evidence: 'Starters',
  reflection: 'Starters',
  outcome: 'Starters help',
});
/** A sharing session presenting e2's published outcome (written once e2 is published). */
const SESSION = (id: string, title: string) => ({
  schemaVersion: 1,
  id,
  title,
  cycleId: 'cy-1',
  sourceCycleId: 'cy-1',
  date: '2026-03-04',
  startsAt: '15:30',
  room: 'Hall',
  slots: [{ id: 's1', enquiryId: 'e2', title: 'Retrieval', presenterIds: ['p-mem'], minutes: 10 }],
  attendance: [],
});
const SURVEY = {
  schemaVersion: 1,
  id: 'sv1',
  enquiryId: 'e1',
  title: 'MARK-SURVEY title',
  questions: [
    { id: 'q1', text: 'What helps?', type: 'text' },
    { id: 'q2', text: 'I read comments', type: 'agree' },
  ],
  status: 'open',
  createdById: 'p-mem',
};

/** A cycle's staff feedback survey (`staff-mark` answered by ten and closed in `before`; `staff-open` for the write table). */
const STAFF_SURVEY = (id: string, status: 'open' | 'closed' = 'open') => ({
  schemaVersion: 1,
  id,
  cycleId: 'cy-1',
  title: 'MARK-FEEDBACKQ staff survey',
  questions: [
    { id: 'help-meetings', text: 'Meetings helped', type: 'agree' },
    { id: 'change', text: 'What to change?', type: 'text' },
  ],
  status,
  createdById: 'p-cpd',
});

/** How each kind of data shows in what a route answered. */
const PROBES: Record<string, (text: string) => boolean> = {
  enquiry: (t) => t.includes('MARK-ENQ') && t.includes('MARK-QUESTION'),
  // A coaching pair's slots also say who observes whom: they are the coaching-pair row's (each slot carries MARK-PAIR), not an enquiry's observation.
  'observation-fact': (t) => ((u) => u.includes('MARK-CLASS') || u.includes('MARK-FOCUS') || /"observerId":"p-obsr"/.test(u))(t.replace(/\{[^{}]*MARK-PAIR[^{}]*\}/g, '')),
  'observation-notes': (t) => t.includes('MARK-NOTES'),
  'review-comment': (t) => t.includes('MARK-REVIEW'),
  'reflection-unpublished': (t) => t.includes('MARK-REFLECTION'),
  'outcome-published': (t) => t.includes('MARK-PUBLISHED'),
  evidence: (t) => t.includes('MARK-EVIDENCE'),
  survey: (t) => t.includes('MARK-SURVEY'),
  'survey-answers': (t) => /"answers":\{/.test(t),
  'survey-results': (t) => t.includes('MARK-ANSWER'),
  'appraisal-record': (t) => t.includes('ap-mark-1'),
  'person-public': (t) => t.includes('MARK-NAME'),
  'person-private': (t) => t.includes('mark-private@'),
  meeting: (t) => t.includes('MARK-MEETING'),
  'meeting-versions': (t) => t.includes('MARK-MEETVERSION'),
  'learning-walk': (t) => t.includes('MARK-WALK'),
  programme: (t) => t.includes('MARK-PROGRAMME'),
  'sharing-session': (t) => t.includes('MARK-SHARING'),
  'leaders-figures': (t) => t.includes('"participation":{'),
  'impact-figures': (t) => t.includes('"nonMembers":{'),
  credential: (t) => t.includes('Published enquiry: '),
  celebration: (t) => t.includes('"members":['),
  'outcome-vle-page': (t) => t.includes('MARK-VLE'),
  'coaching-pair': (t) => t.includes('MARK-PAIR'),
  'coaching-log': (t) => t.includes('MARK-COACHLOG'),
  'staff-survey': (t) => t.includes('MARK-FEEDBACKQ'),
  // A person's own receipt, or the complete backup's section of who answered.
  'staff-feedback-receipt': (t) => t.includes('"answered":true') || t.includes('"staffFeedbackReceipts":[{'),
  'staff-feedback-results': (t) => t.includes('MARK-FEEDBACKA'),
};

/** p-mem's credential for e2, downloaded by id (found in `before`). */
let memCredential = '';

/** The read routes, by name. */
const READS: Record<string, (api: Client) => Promise<unknown>> = {
  'GET /v1/enquiries': (api) => api.get('/v1/enquiries'),
  'GET /v1/enquiries/e1': (api) => api.get('/v1/enquiries/e1'),
  'GET /v1/enquiries/e2': (api) => api.get('/v1/enquiries/e2'),
  'GET /v1/enquiries/e1/events': (api) => api.get('/v1/enquiries/e1/events'),
  'GET /v1/enquiries/e2/events': (api) => api.get('/v1/enquiries/e2/events'),
  'GET /v1/changes': (api) => pullAll(api).catch((error: unknown) => ({ error: String(error) })),
  'GET /v1/changes?form=compact': (api) => pullAll(api, undefined, 500, 'compact').catch((error: unknown) => ({ error: String(error) })),
  'GET /v1/backup': (api) => api.get('/v1/backup'),
  'GET /v1/surveys/sv1/results': (api) => api.get('/v1/surveys/sv1/results'),
  'GET /v1/analysis/figures': (api) => api.get('/v1/analysis/figures?cycleId=cy-1'),
  'GET /v1/notifications': (api) => api.get('/v1/notifications'),
  'GET /v1/credentials': (api) => api.get('/v1/credentials'),
  'GET /v1/credentials?personId=p-mem': (api) => api.get('/v1/credentials?personId=p-mem'),
  'GET /v1/credentials/{p-mem}': (api) => api.get(`/v1/credentials/${memCredential}`),
  'GET /v1/celebrate': (api) => api.get('/v1/celebrate'),
  'GET /v1/sharing-sessions/ss-1/programme': (api) => api.get('/v1/sharing-sessions/ss-1/programme'),
  'GET /v1/staff-surveys/staff-mark/receipt': (api) => api.get('/v1/staff-surveys/staff-mark/receipt'),
  'GET /v1/staff-surveys/staff-mark/results': (api) => api.get('/v1/staff-surveys/staff-mark/results'),
  // The page has no sign-in: everyone with the link reads the same page, whoever they are.
  'GET /vle/<token>': async () => (await fetch(vlePageUrl)).text(),
  ...Object.fromEntries(
    (['schools', 'people', 'cycles', 'themes', 'communities', 'meetings', 'learningWalks', 'appraisals', 'surveys', 'surveyResponses', 'coachingPairs', 'coachingLogs', 'sharingSessions', 'staffSurveys'] as Collection[]).map((c) => [
      `GET /v1/records/${c}`,
      (api: Client) => api.get(`/v1/records/${c}`),
    ]),
  ),
  ...Object.fromEntries(
    [['people', 'p-obs'], ['meetings', 'm1'], ['learningWalks', 'w1'], ['appraisals', 'ap-mark-1'], ['cycles', 'cy-1'], ['surveys', 'sv1'], ['coachingPairs', 'cp1'], ['coachingLogs', 'cl1'], ['sharingSessions', 'ss-1'], ['staffSurveys', 'staff-mark']].map(([c, id]) => [
      `GET /v1/records/${c}/${id}`,
      (api: Client) => api.get(`/v1/records/${c}/${id}`),
    ]),
  ),
};

/**
 * Routes that carry part of another row's data by the contract's own words: the VLE page names its
 * school, its cycle and the outcome's authors (docs/privacy.md, outcome-vle-page, person-public,
 * programme), for anyone with the link.
 */
const CARRIED_BY_DESIGN: Record<string, string[]> = { programme: ['GET /vle/<token>'], 'person-public': ['GET /vle/<token>'] };

/** Where each kind of data must show for a role the contract says may read it. */
const CARRIERS: Record<string, string[]> = {
  enquiry: ['GET /v1/enquiries/e1/events', 'GET /v1/enquiries', 'GET /v1/changes'],
  'observation-fact': ['GET /v1/enquiries/e1/events', 'GET /v1/changes'],
  'observation-notes': ['GET /v1/enquiries/e1/events', 'GET /v1/changes'],
  'review-comment': ['GET /v1/enquiries/e1/events', 'GET /v1/changes'],
  'reflection-unpublished': ['GET /v1/enquiries/e1/events', 'GET /v1/changes'],
  'outcome-published': ['GET /v1/enquiries/e2/events', 'GET /v1/changes'],
  evidence: ['GET /v1/enquiries/e1/events', 'GET /v1/changes'],
  survey: ['GET /v1/records/surveys', 'GET /v1/records/surveys/sv1', 'GET /v1/changes'],
  'survey-answers': ['GET /v1/backup'],
  'survey-results': ['GET /v1/surveys/sv1/results'],
  'appraisal-record': ['GET /v1/records/appraisals/ap-mark-1', 'GET /v1/changes'],
  'person-public': ['GET /v1/records/people', 'GET /v1/records/people/p-obs', 'GET /v1/changes'],
  'person-private': ['GET /v1/records/people/p-obs', 'GET /v1/changes'],
  meeting: ['GET /v1/records/meetings', 'GET /v1/records/meetings/m1', 'GET /v1/changes'],
  'meeting-versions': ['GET /v1/records/meetings', 'GET /v1/records/meetings/m1', 'GET /v1/changes'],
  'learning-walk': ['GET /v1/records/learningWalks', 'GET /v1/records/learningWalks/w1', 'GET /v1/changes'],
  programme: ['GET /v1/records/cycles', 'GET /v1/records/cycles/cy-1', 'GET /v1/changes'],
  'sharing-session': ['GET /v1/records/sharingSessions', 'GET /v1/records/sharingSessions/ss-1', 'GET /v1/sharing-sessions/ss-1/programme', 'GET /v1/changes'],
  'leaders-figures': ['GET /v1/analysis/figures'],
  'impact-figures': ['GET /v1/analysis/figures'],
  credential: ['GET /v1/credentials?personId=p-mem', 'GET /v1/credentials/{p-mem}'],
  celebration: ['GET /v1/celebrate'],
  'outcome-vle-page': ['GET /vle/<token>'],
  'coaching-pair': ['GET /v1/records/coachingPairs', 'GET /v1/records/coachingPairs/cp1', 'GET /v1/changes'],
  'coaching-log': ['GET /v1/records/coachingLogs', 'GET /v1/records/coachingLogs/cl1', 'GET /v1/changes'],
  'staff-survey': ['GET /v1/records/staffSurveys', 'GET /v1/records/staffSurveys/staff-mark', 'GET /v1/changes'],
  'staff-feedback-receipt': ['GET /v1/staff-surveys/staff-mark/receipt', 'GET /v1/backup'],
  'staff-feedback-results': ['GET /v1/staff-surveys/staff-mark/results'],
};
// The feed's compact form carries what its objects carry.
for (const carriers of Object.values(CARRIERS)) if (carriers.includes('GET /v1/changes')) carriers.push('GET /v1/changes?form=compact');

describe(`privacy: every role, every route, every kind of data, as docs/privacy.md says (${ON})`, () => {
  let testDb: TestDb;
  let test: TestServer;
  const apis = new Map<ContractRole, Client>();
  let service: Client;
  let surveyToken: string;

  const idOf = (role: ContractRole) => (role in CAST ? CAST[role as keyof typeof CAST].id : role === 'other-trust' ? 'p-x' : 'p-mem');

  before(async () => {
    testDb = await openTestDb();
    test = await startServer(testDb.db);
    service = await test.service(TRUST);
    for (const [collection, record] of DIRECTORY) {
      const reply = await service.put(`/v1/records/${collection}/${record['id']}`, record, { 'if-none-match': '*' });
      assert.equal(reply.status, 201, `${collection}/${record['id']}: ${JSON.stringify(reply.body)}`);
    }
    for (const [id, log] of [['e1', E1], ['e2', E2], ['e3', E3], ['e4', E4], ['e5', E5]] as const) {
      const pushed = await service.post(`/v1/enquiries/${id}/events`, { events: log });
      assert.deepEqual(pushed.body.results.map((r: Json) => r.status), log.map(() => 'appended'), `${id}: ${JSON.stringify(pushed.body)}`);
    }
    assert.equal((await service.put('/v1/records/surveys/sv1', SURVEY, { 'if-none-match': '*' })).status, 201);
    assert.equal((await service.put('/v1/records/sharingSessions/ss-1', SESSION('ss-1', 'MARK-SHARING session'), { 'if-none-match': '*' })).status, 201);
    vlePageUrl = (await (await test.as('p-mem', TRUST)).post('/v1/vle/posts', { enquiryId: 'e4' })).body.url;
    assert.match(vlePageUrl, /\/vle\/[0-9a-f]{32}/);
    surveyToken = (await (await test.as('p-mem', TRUST)).post('/v1/surveys/sv1/tokens', {})).body.token;
    for (let i = 0; i < 10; i++) {
      const answered = await client(test.url).post(`/v1/surveys/sv1/responses?token=${surveyToken}`, { answers: { q1: `MARK-ANSWER ${i}`, q2: 4 } });
      assert.equal(answered.status, 201);
    }
    // Every member of staff of the cast (and one more, to reach ten) answers the staff survey, which then closes.
    for (const survey of [STAFF_SURVEY('staff-mark'), STAFF_SURVEY('staff-open')]) assert.equal((await service.put(`/v1/records/staffSurveys/${survey.id}`, survey, { 'if-none-match': '*' })).status, 201);
    for (const [i, { id, roles }] of [...Object.values(CAST), { id: 'p-extra', roles: ['teacher'] }].entries()) {
      const answered = await (await test.as(id, TRUST, roles)).post('/v1/staff-surveys/staff-mark/answers', { answers: { 'help-meetings': 4, change: `MARK-FEEDBACKA ${i}` } });
      assert.equal(answered.status, 201, `${id}: ${JSON.stringify(answered.body)}`);
    }
    const open = await service.get('/v1/records/staffSurveys/staff-mark');
    assert.equal((await service.put('/v1/records/staffSurveys/staff-mark', STAFF_SURVEY('staff-mark', 'closed'), { 'if-match': open.headers.get('etag')! })).status, 200);
    const credentials = (await service.get('/v1/credentials?personId=p-mem')).body.credentials as Json[];
    assert.deepEqual(credentials.map((c) => c.enquiryId).sort(), ['e2', 'e4', 'e5'], 'a published enquiry earns its members a credential');
    memCredential = credentials.find((c) => c.enquiryId === 'e2').id;
    for (const role of CONTRACT_ROLES) {
      if (role === 'service') apis.set(role, service);
      else if (role === 'student') apis.set(role, client(test.url));
      else if (role === 'other-trust') apis.set(role, await test.as('p-x', ELSEWHERE, ['admin', 'cpd-leader']));
      else apis.set(role, await test.as(CAST[role].id, TRUST, CAST[role].roles));
    }
  });
  after(async () => {
    await test?.close();
    await testDb?.cleanup();
  });

  it('the contract has a probe and a route for every kind of data it names, and every role has a column', () => {
    assert.deepEqual([...contract.read.keys()].sort(), Object.keys(PROBES).sort());
    assert.deepEqual(Object.keys(CARRIERS).sort(), Object.keys(PROBES).sort());
  });

  for (const role of CONTRACT_ROLES) {
    it(`${role}: reads exactly what the read table says, on every route`, async () => {
      const api = apis.get(role)!;
      const answers = new Map<string, string>();
      for (const [route, call] of Object.entries(READS)) answers.set(route, JSON.stringify(await call(api)));
      const problems: string[] = [];
      for (const [kind, row] of contract.read) {
        const cell = row[role];
        const showing = [...answers].filter(([, text]) => PROBES[kind]!(text)).map(([route]) => route);
        const unexpected = showing.filter((route) => !CARRIED_BY_DESIGN[kind]?.includes(route));
        if (cell === 'no' && unexpected.length) problems.push(`${kind}: "no" in docs/privacy.md, but ${unexpected.join(', ')} show it`);
        if (cell === 'yes' || cell === 'self') {
          const missing = CARRIERS[kind]!.filter((route) => !showing.includes(route) && (route !== 'GET /v1/backup' || role === 'service'));
          if (kind === 'appraisal-record' && role === 'service') missing.splice(0, missing.length, ...(showing.length ? [] : ['any route']));
          // The service token answers no survey, so it has no receipt route: only its complete backup carries the receipts.
          if (kind === 'staff-feedback-receipt' && role === 'service') missing.splice(0, missing.length, ...(showing.includes('GET /v1/backup') ? [] : ['GET /v1/backup']));
          // "self" for a credential: the reader's own, on their own list (p-lead's is e5's).
          if (kind === 'credential' && cell === 'self') missing.splice(0, missing.length, ...(showing.includes('GET /v1/credentials') ? [] : ['GET /v1/credentials']));
          if (missing.length) problems.push(`${kind}: "${cell}" in docs/privacy.md, but ${missing.join(', ')} do not show it`);
        }
      }
      assert.deepEqual(problems, [], `${role}:\n  ${problems.join('\n  ')}`);
    });
  }

  /** Each write or share action: how a role tries it, and whether it took effect in the trust. */
  const ACTIONS: Record<string, { attempt: (role: ContractRole, api: Client) => Promise<unknown>; took: (role: ContractRole) => Promise<boolean> }> = {
    'start-enquiry-in-community': {
      attempt: (role, api) => api.post(`/v1/enquiries/new-${role}/events`, { events: [event(`new-${role}`, 'enquiry.create', idOf(role), groupDetails(`New ${role}`, idOf(role)))] }),
      took: async (role) => (await service.get(`/v1/enquiries/new-${role}`)).body?.status === 'active',
    },
    'restart-existing-enquiry': {
      attempt: (role, api) => {
        const hijack = event('e1', 'enquiry.create', role === 'service' ? 'p-tch' : idOf(role), { ...groupDetails(`Mine now ${role}`, role === 'service' ? 'p-tch' : idOf(role)) });
        return api.post('/v1/enquiries/e1/events', { events: [{ ...hijack, hlc: '000000000000001-00000-early' }] });
      },
      took: async () => {
        const summary = (await service.get('/v1/enquiries/e1')).body;
        return JSON.stringify(summary.ownerIds) !== JSON.stringify(['p-mem']) || summary.title !== 'MARK-ENQ feedback';
      },
    },
    'write-enquiry': {
      attempt: (role, api) => api.post('/v1/enquiries/e3/events', { events: [event('e3', 'evidence.add', idOf(role), { id: `ev-${role}`, kind: 'note', title: `By ${role}`, text: '.' })] }),
      took: async (role) => JSON.stringify((await service.get('/v1/enquiries/e3/events')).body.events).includes(`"ev-${role}"`) && !(await service.get('/v1/enquiries/e3/events')).body.refusals.some((r: Json) => r.eventId.includes(role)),
    },
    'review-question': {
      attempt: async (role, api) => {
        const id = `rev-${role}`;
        const walk = [event(id, 'enquiry.create', 'p-mem', groupDetails(`Review ${role}`)), event(id, 'question.draft', 'p-mem', question('How?')), event(id, 'question.submit', 'p-mem')];
        await service.post(`/v1/enquiries/${id}/events`, { events: walk });
        return api.post(`/v1/enquiries/${id}/events`, { events: [event(id, 'question.approve', role === 'service' ? 'p-lead' : idOf(role))] });
      },
      took: async (role) => (await service.get(`/v1/enquiries/rev-${role}`)).body.stage === 'observation',
    },
    'record-observation-shared': {
      attempt: (role, api) =>
        api.post('/v1/enquiries/e3/events', {
          events: [event('e3', 'observation.record', role === 'service' ? 'p-mem' : idOf(role), { ...OBSERVATION, id: `o-shared-${role}`, sharedWith: [`p-target-${role}`] })],
        }),
      took: async (role) => {
        const target = await test.as(`p-target-${role}`, TRUST);
        const seen = (await target.get('/v1/enquiries/e3/events')).body.events.find((e: Json) => e.payload.id === `o-shared-${role}`);
        return Boolean(seen && seen.payload.strengths.includes('MARK-NOTES'));
      },
    },
    'share-observation-notes': {
      attempt: (role, api) =>
        api.post('/v1/enquiries/e1/events', { events: [event('e1', 'observation.share', role === 'service' ? 'p-mem' : idOf(role), { observationId: 'o-mark', personIds: [`p-share-${role}`] })] }),
      took: async (role) => JSON.stringify((await (await test.as(`p-share-${role}`, TRUST)).get('/v1/enquiries/e1/events')).body).includes('MARK-NOTES'),
    },
    'write-programme-records': {
      attempt: (role, api) => api.put(`/v1/records/themes/th-${role}`, { schemaVersion: 1, id: `th-${role}`, name: 'New theme', aspects: [] }, { 'if-none-match': '*' }),
      took: async (role) => (await service.get(`/v1/records/themes/th-${role}`)).status === 200,
    },
    'write-meeting': {
      attempt: (role, api) =>
        api.put(`/v1/records/meetings/m-${role}`, { schemaVersion: 1, id: `m-${role}`, communityId: 'c1', date: '2025-12-01', protocol: 'open', agenda: [], notes: '', decisions: [], attendance: [], enquiryIds: [] }, { 'if-none-match': '*' }),
      took: async (role) => (await service.get(`/v1/records/meetings/m-${role}`)).status === 200,
    },
    'plan-sharing-session': {
      attempt: (role, api) => api.put(`/v1/records/sharingSessions/ss-${role}`, SESSION(`ss-${role}`, `Session by ${role}`), { 'if-none-match': '*' }),
      took: async (role) => (await service.get(`/v1/records/sharingSessions/ss-${role}`)).status === 200,
    },
    'delete-appraisal-record': {
      attempt: async (role, api) => {
        await service.put(`/v1/records/appraisals/ap-del-${role}`, { schemaVersion: 1, id: `ap-del-${role}`, personId: 'p-obs', cycleId: 'cy-1', aspectId: 'asp-1', strength: false }, { 'if-none-match': '*' });
        const existing = await api.delete(`/v1/records/appraisals/ap-del-${role}`, { 'if-match': '"1"' });
        const missing = await api.delete(`/v1/records/appraisals/ap-none-${role}`, { 'if-match': '"1"' });
        if (existing.status >= 400) assert.equal(missing.status, existing.status, `${role}: a refusal never says whether the record exists (trust #5)`);
        return existing;
      },
      took: async (role) => (await service.get(`/v1/records/appraisals/ap-del-${role}`)).status === 404,
    },
    'export-complete-backup': {
      attempt: async (role, api) => (exported[role] = await api.get('/v1/backup')),
      took: async (role) => exported[role]?.status === 200 && exported[role].body.complete !== false && JSON.stringify(exported[role].body).includes('MARK-NOTES'),
    },
    'import-backup': {
      attempt: async (role, api) => {
        epochBefore[role] = await epoch();
        return api.post('/v1/backup', (await service.get('/v1/backup')).body);
      },
      // An import replaces the trust's data, which starts a new epoch of its change feed.
      took: async (role) => (await epoch()) !== epochBefore[role],
    },
    'arrange-coaching-pair': {
      attempt: (role, api) =>
        api.put(`/v1/records/coachingPairs/cp-${role}`, { schemaVersion: 1, id: `cp-${role}`, cycleId: 'cy-1', personIds: ['p-tch', 'p-lm'], arrangedById: idOf(role), slots: [] }, { 'if-none-match': '*' }),
      took: async (role) => (await service.get(`/v1/records/coachingPairs/cp-${role}`)).status === 200,
    },
    'write-coaching-log': {
      attempt: (role, api) =>
        api.put(`/v1/records/coachingLogs/cl-${role}`, { schemaVersion: 1, id: `cl-${role}`, pairId: 'cp1', memberIds: ['p-obsr', 'p-obs'], authorId: role === 'service' ? 'p-obs' : idOf(role), date: '2025-10-08', text: `By ${role}` }, { 'if-none-match': '*' }),
      took: async (role) => (await service.get(`/v1/records/coachingLogs/cl-${role}`)).status === 200,
    },
    'revoke-vle-link': {
      // A link to the group enquiry e5 (its lead and members), made by a colleague outside the cast.
      attempt: async (role, api) => {
        vleTokens[role] = await ensurePost(testDb.db, TRUST, 'outcome', 'e5', 'p-maker');
        return api.delete(`/v1/vle/posts/${vleTokens[role]}`);
      },
      took: async (role) => (await fetch(`${test.url}/vle/${vleTokens[role]}`)).status === 410,
    },
    'create-staff-survey': {
      attempt: (role, api) => api.put(`/v1/records/staffSurveys/staff-${role}`, STAFF_SURVEY(`staff-${role}`), { 'if-none-match': '*' }),
      took: async (role) => (await service.get(`/v1/records/staffSurveys/staff-${role}`)).status === 200,
    },
    'answer-staff-survey': {
      attempt: async (role, api) => {
        countBefore[role] = (await service.get('/v1/staff-surveys/staff-open/results')).body.answered;
        return api.post('/v1/staff-surveys/staff-open/answers', { answers: { 'help-meetings': 5 } });
      },
      took: async (role) => (await service.get('/v1/staff-surveys/staff-open/results')).body.answered > countBefore[role]!,
    },
    'answer-survey': {
      attempt: async (role, api) => {
        countBefore[role] = (await (await test.as('p-mem', TRUST)).get('/v1/surveys/sv1/results')).body.responseCount;
        if (role === 'student') return api.post(`/v1/surveys/sv1/responses?token=${surveyToken}`, { answers: { q2: 5 } });
        return api.put(`/v1/records/surveyResponses/r-${role}`, { schemaVersion: 1, id: `r-${role}`, surveyId: 'sv1', answers: { q2: 5 } }, { 'if-none-match': '*' });
      },
      took: async (role) => (await (await test.as('p-mem', TRUST)).get('/v1/surveys/sv1/results')).body.responseCount > countBefore[role]!,
    },
  };
  const exported: Partial<Record<ContractRole, Json>> = {};
  const epochBefore: Partial<Record<ContractRole, string>> = {};
  const epoch = async () => (await service.get('/v1/changes?limit=1')).body.checkpoint.split('.')[0] as string;
  const countBefore: Partial<Record<ContractRole, number>> = {};
  const vleTokens: Partial<Record<ContractRole, string>> = {};

  it('the contract names every action tried here', () => assert.deepEqual([...contract.write.keys()].sort(), Object.keys(ACTIONS).sort()));

  for (const [action, row] of contract.write) {
    it(`${action}: exactly the roles the write table names can do it`, async () => {
      const { attempt, took } = ACTIONS[action]!;
      const problems: string[] = [];
      for (const role of CONTRACT_ROLES) {
        const reply = await attempt(role, apis.get(role)!);
        const effect = await took(role);
        if (effect !== (row[role] === 'yes')) problems.push(`${role}: "${row[role]}" in docs/privacy.md, but it ${effect ? 'took effect' : 'did not take effect'} (${JSON.stringify(reply).slice(0, 300)})`);
      }
      assert.deepEqual(problems, [], `${action}:\n  ${problems.join('\n  ')}`);
    });
  }
});
