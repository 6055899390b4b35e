/**
 * Sharing sessions on the server (issue 19): a CPD leader plans one from the outcomes published
 * in the previous cycle; anyone else is refused; a plan that does not fit the trust's data is
 * refused with each field named; every member of staff reads the printed programme; inviting the
 * presenters notifies each of them once, with the session's title and day only; a backup holding
 * a session that does not fit is refused whole; who came is counted against the staff on the day.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { eventWriter } from '../support/store-fixtures.js';
import { ON, serverForSuite, type Client, type Json, type TestServer } from './helpers.js';

const TRUST = 'trust-sharing';
const POLICY = { minObservations: 1, studentVoiceRequired: false, questionReviewRequired: true, minEvidence: 1 };
const person = (id: string, name: string, roles = ['teacher'], extra: object = {}) => ({ schemaVersion: 1, id, name, schoolId: 'sch-1', roles, ...extra });
const DIRECTORY: Array<[string, Record<string, unknown>]> = [
  ['schools', { schemaVersion: 1, id: 'sch-1', name: 'Riverside' }],
  ['people', person('p-cpd', 'Clare Berry', ['teacher', 'cpd-leader'])],
  ['people', person('p-adm', 'Ade Admin', ['admin'])],
  ['people', person('p-ann', 'Ann Lee')],
  ['people', person('p-bo', 'Bo Diaz')],
  ['people', person('p-gone', 'Gus Gone', ['teacher'], { leftOn: '2026-08-31' })],
  ['cycles', { schemaVersion: 2, id: 'cy-2', name: '2025-26', startsOn: '2025-09-01', endsOn: '2026-07-20', status: 'closed', themeIds: ['th-1'], policy: POLICY }],
  ['cycles', { schemaVersion: 2, id: 'cy-3', name: '2026-27', startsOn: '2026-09-01', endsOn: '2027-07-16', status: 'active', themeIds: ['th-1'], policy: POLICY }],
  ['themes', { schemaVersion: 1, id: 'th-1', name: 'Oracy', aspects: [] }],
];
const QUESTION = { text: 'How does talk help writing?', rationale: '', targetStudents: '', plannedActions: [], successCriteria: ['Better drafts'], plannedEvidence: [] };

const SESSION = {
  schemaVersion: 1, id: 'ss-1', title: 'What last year\u2019s PLCs learned', cycleId: 'cy-3', sourceCycleId: 'cy-2',
  date: '2026-10-14', startsAt: '15:30', room: 'Hall',
  slots: [
    { id: 's1', enquiryId: 'e-pub', title: 'Talk before writing', presenterIds: ['p-ann'], minutes: 15 },
    { id: 's2', enquiryId: 'e-pub', title: 'Talk before writing: the data', presenterIds: ['p-bo'], minutes: 10, room: 'Library' },
  ],
  attendance: [],
};

describe(`sharing sessions (${ON})`, () => {
  let test: TestServer;
  let service: Client;
  let cpd: Client;
  serverForSuite((_db, server) => (test = server), { now: () => new Date('2026-10-01T09:00:00.000Z') });

  before(async () => {
    service = await test.service(TRUST);
    for (const [collection, record] of DIRECTORY) assert.equal((await service.put(`/v1/records/${collection}/${record['id']}`, record, { 'if-none-match': '*' })).status, 201);
    const w = eventWriter({ prefix: 'sh', start: '2025-09-10T08:00:00.000Z' });
    const individual = (id: string) => ({ title: `Talk ${id}`, kind: 'individual', cycleId: 'cy-2', themeId: 'th-1', ownerIds: ['p-ann'], track: 'plc' });
    const steps = (id: string, publish: boolean) => [
      w.event(id, 'enquiry.create', individual(id), 'p-ann'),
      w.event(id, 'question.draft', QUESTION, 'p-ann'),
      w.event(id, 'question.submit', {}, 'p-ann'),
      w.event(id, 'question.approve', {}, 'p-cpd'),
      w.event(id, 'observation.record', { id: `o-${id}`, observerId: 'p-bo', observedId: 'p-ann', className: '8A', date: '2025-10-06', focus: 'Talk', strengths: '', wonderings: '', nextSteps: '', sharedWith: [] }, 'p-ann'),
      w.event(id, 'evidence.start', {}, 'p-ann'),
      w.event(id, 'evidence.add', { id: `ev-${id}`, kind: 'note', title: 'Drafts', text: 'Longer drafts.' }, 'p-ann'),
      w.event(id, 'reflection.save', { whatWorked: 'Talk partners', whatDidNot: '', nextSteps: '' }, 'p-ann'),
      ...(publish ? [w.event(id, 'sharing.start', {}, 'p-ann'), w.event(id, 'outcome.save', { summary: 'Talk first.', findings: [], recommendations: [], audiences: ['booklet'] }, 'p-ann'), w.event(id, 'outcome.publish', {}, 'p-ann')] : []),
    ];
    for (const [id, publish] of [['e-pub', true], ['e-draft', false]] as const) {
      const events = steps(id, publish);
      const reply = await service.post(`/v1/enquiries/${id}/events`, { events });
      assert.deepEqual(reply.body.results.map((r: Json) => r.status), events.map(() => 'appended'), JSON.stringify(reply.body));
    }
    cpd = await test.as('p-cpd', TRUST, ['teacher', 'cpd-leader']);
  });

  it('only a CPD leader plans a session: a teacher and an administrator are refused, and nothing is stored', async () => {
    for (const [id, roles] of [['p-ann', ['teacher']], ['p-adm', ['admin']]] as const) {
      const refused = await (await test.as(id, TRUST, [...roles])).put('/v1/records/sharingSessions/ss-1', SESSION, { 'if-none-match': '*' });
      assert.equal(refused.status, 403, id);
      assert.equal(refused.body.reason, 'not-session-planner');
    }
    assert.equal((await service.get('/v1/records/sharingSessions/ss-1')).status, 404);
    const planned = await cpd.put('/v1/records/sharingSessions/ss-1', SESSION, { 'if-none-match': '*' });
    assert.equal(planned.status, 201, JSON.stringify(planned.body));
  });

  it('refuses a plan that does not fit, naming each field: a day outside its cycle, an unpublished outcome, a presenter who has left', async () => {
    const bad = { ...SESSION, id: 'ss-bad', date: '2027-08-01', slots: [{ id: 's1', enquiryId: 'e-draft', title: 'Not yet', presenterIds: ['p-gone'], minutes: 10 }] };
    const reply = await cpd.put('/v1/records/sharingSessions/ss-bad', bad, { 'if-none-match': '*' });
    assert.equal(reply.status, 400);
    assert.deepEqual(reply.body.problems.map((p: Json) => p.path), ['record.date', 'record.slots.0.enquiryId', 'record.slots.0.presenterIds.0']);
    assert.match(reply.body.message, /within its cycle 2026-27/);
    const noCycle = await cpd.put('/v1/records/sharingSessions/ss-bad', { ...SESSION, id: 'ss-bad', cycleId: 'cy-9' }, { 'if-none-match': '*' });
    assert.deepEqual(noCycle.body.problems.map((p: Json) => p.path), ['record.cycleId']);
    assert.equal((await service.get('/v1/records/sharingSessions/ss-bad')).status, 404);
  });

  it('every member of staff reads the programme, with times per room and the presenters\u2019 names; a student is refused', async () => {
    const teacher = await test.as('p-bo', TRUST);
    const reply = await teacher.get('/v1/sharing-sessions/ss-1/programme');
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(reply.body.programme.endsAt, '15:45');
    assert.deepEqual(
      reply.body.programme.rooms.map((r: Json) => [r.room, r.slots.map((s: Json) => `${s.start}-${s.end} ${s.title} (${s.presenters.join(', ')})`)]),
      [
        ['Hall', ['15:30-15:45 Talk before writing (Ann Lee)']],
        ['Library', ['15:30-15:40 Talk before writing: the data (Bo Diaz)']],
      ],
    );
    assert.equal((await teacher.get('/v1/records/sharingSessions')).body.records.length, 1);
    assert.equal((await teacher.get('/v1/sharing-sessions/ss-none/programme')).status, 404);
    assert.equal((await fetch(`${test.url}/v1/sharing-sessions/ss-1/programme`)).status, 401);
    const elsewhere = await test.as('p-x', 'trust-elsewhere', ['cpd-leader']);
    assert.equal((await elsewhere.get('/v1/sharing-sessions/ss-1/programme')).status, 404);
  });

  it('inviting the presenters notifies each of them once, with the session\u2019s title and day only', async () => {
    const kinds = async (id: string) => (await (await test.as(id, TRUST)).get('/v1/notifications')).body.notifications.filter((n: Json) => n.kind === 'sharing-invited');
    assert.deepEqual(await kinds('p-ann'), [], 'no invitation while the plan is a draft');
    const current = await cpd.get('/v1/records/sharingSessions/ss-1');
    const invited = await cpd.put('/v1/records/sharingSessions/ss-1', { ...current.body.record, invitedAt: '2026-10-01T09:00:00.000Z' }, { 'if-match': current.headers.get('etag')! });
    assert.equal(invited.status, 200, JSON.stringify(invited.body));
    for (const id of ['p-ann', 'p-bo']) {
      const mine = await kinds(id);
      assert.equal(mine.length, 1, id);
      assert.deepEqual(mine[0].data, { title: SESSION.title, date: '2026-10-14' });
      assert.equal((await kinds(id)).length, 1, `${id}: read again, still one`);
    }
    assert.deepEqual(await kinds('p-cpd'), [], 'the planner is not a presenter');
  });

  it('a backup is checked the same way: a session that does not fit its own records and logs is refused by path, and nothing is imported', async () => {
    const backup = (await service.get('/v1/backup')).body;
    const stored = await service.get('/v1/records/sharingSessions/ss-1');
    const bad = { ...SESSION, id: 'ss-bad', date: '2027-08-01', slots: [{ id: 's1', enquiryId: 'e-draft', title: 'Not yet', presenterIds: ['p-gone'], minutes: 10 }] };
    const refused = await service.post('/v1/backup', { ...backup, records: { ...backup.records, sharingSessions: [...backup.records.sharingSessions, { record: bad, version: 1 }] } });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error, 'corrupt');
    assert.deepEqual(refused.body.problems.map((p: Json) => p.path), ['records.sharingSessions.1.record.date', 'records.sharingSessions.1.record.slots.0.enquiryId', 'records.sharingSessions.1.record.slots.0.presenterIds.0']);
    const unchanged = await service.get('/v1/records/sharingSessions/ss-1');
    assert.equal(unchanged.headers.get('etag'), stored.headers.get('etag'), 'nothing imported: ss-1 is as it was');
    // The same backup as exported holds a session that fits (its outcome published in its own log): imported whole.
    const imported = await service.post('/v1/backup', backup);
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    assert.deepEqual((await service.get('/v1/records/sharingSessions/ss-1')).body.record.slots.map((s: Json) => s.enquiryId), ['e-pub', 'e-pub']);
  });

  it('records who came, counted against the staff on the day (a leaver marked present does not count)', async () => {
    const current = await cpd.get('/v1/records/sharingSessions/ss-1');
    const attendance = [{ personId: 'p-ann', present: true }, { personId: 'p-bo', present: false }, { personId: 'p-cpd', present: true }, { personId: 'p-gone', present: true }];
    const slots = current.body.record.slots;
    assert.equal((await cpd.put('/v1/records/sharingSessions/ss-1', { ...current.body.record, slots, attendance }, { 'if-match': current.headers.get('etag')! })).status, 200);
    const reply = await (await test.as('p-ann', TRUST)).get('/v1/sharing-sessions/ss-1/programme');
    assert.deepEqual(reply.body.attendance, { present: 2, staff: 4, share: 0.5 });
  });
});
