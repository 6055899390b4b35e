/**
 * The trust issue's repros, each as it was reported, on PGlite and PostgreSQL: people p-mem,
 * p-lead, p-obs (line manager p-tch) and p-tch; community c1 led by p-lead with member p-mem;
 * p-mem starts group enquiry e1 in c1 and records an observation of p-obs whose notes are not
 * shared. Each test failed before the fix. (#10 is in tests/unit/lifecycle/history.test.ts, #11
 * in tests/unit/schema/migrate.test.ts, #12 in tests/unit/export/booklet.test.ts, #13 in
 * tests/components/plc-app.test.ts; #14 with the faults it concerns, in tests/server/fault.test.ts.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createEventFactory, type DomainEvent } from '../../src/lifecycle/events.js';
import { createHybridClock } from '../../src/lifecycle/hlc.js';
import { client, ON, openTestDb, pullAll, startServer, type Client, type Json, type TestDb, type TestServer } from './helpers.js';

const TRUST = 'trust-repro';
const NOTES = 'Strengths only p-obs should decide about';
const people = [
  { id: 'p-mem', roles: ['teacher'] },
  { id: 'p-lead', roles: ['teacher'] },
  { id: 'p-obs', roles: ['teacher'], lineManagerId: 'p-tch' },
  { id: 'p-tch', roles: ['teacher'] },
  { id: 'p-cpd', roles: ['teacher', 'cpd-leader'] },
];
const policy = { minObservations: 1, studentVoiceRequired: false, questionReviewRequired: true, minEvidence: 1 };

let wall = Date.parse('2025-10-01T08:00:00.000Z');
let n = 0;
const make = createEventFactory({ clock: createHybridClock('d', () => wall), newId: () => `r-${++n}`, now: () => new Date(wall) });
const ev = (type: string, authorId: string, payload: object = {}, enquiryId = 'e1'): DomainEvent => {
  wall += 60_000;
  return make({ enquiryId, type, authorId, payload: payload as Record<string, unknown> });
};
const details = (owner: string) => ({ title: `Feedback (${owner})`, kind: 'group', cycleId: 'cy', themeId: 'th', communityId: 'c1', ownerIds: [owner], track: 'plc' });
const observation = { id: 'obs-1', observerId: 'p-mem', observedId: 'p-obs', className: '9X', date: '2025-10-02', focus: 'Redrafting', strengths: NOTES, wonderings: '', nextSteps: '', sharedWith: [] };

describe(`trust issue repros (${ON})`, () => {
  let testDb: TestDb;
  let test: TestServer;
  let as: (id: string) => Promise<Client>;
  let service: Client;

  before(async () => {
    testDb = await openTestDb();
    test = await startServer(testDb.db);
    service = await test.service(TRUST);
    as = (id) => test.as(id, TRUST, people.find((p) => p.id === id)?.roles ?? ['teacher']);
    const put = async (collection: string, record: Json) => assert.equal((await service.put(`/v1/records/${collection}/${record.id}`, record, { 'if-none-match': '*' })).status, 201);
    await put('schools', { schemaVersion: 1, id: 'sch', name: 'School' });
    for (const p of people) await put('people', { schemaVersion: 1, name: p.id, schoolId: 'sch', ...p });
    await put('cycles', { schemaVersion: 2, id: 'cy', name: '2025-26', startsOn: '2025-09-01', endsOn: '2026-07-20', status: 'active', themeIds: ['th'], policy });
    await put('themes', { schemaVersion: 1, id: 'th', name: 'Feedback', aspects: [{ id: 'asp', name: 'Feedback' }] });
    await put('communities', { schemaVersion: 1, id: 'c1', name: 'C1', cycleId: 'cy', themeId: 'th', leadId: 'p-lead', memberIds: ['p-mem'], coachIds: [], schoolIds: ['sch'], meetingSlots: [] });
    const mem = await as('p-mem');
    const first = [ev('enquiry.create', 'p-mem', details('p-mem')), ev('question.draft', 'p-mem', { text: 'How?', rationale: '', targetStudents: '', plannedActions: [], successCriteria: ['x'], plannedEvidence: [] }), ev('question.submit', 'p-mem')];
    assert.equal((await mem.post('/v1/enquiries/e1/events', { events: first })).status, 200);
    assert.equal((await (await as('p-lead')).post('/v1/enquiries/e1/events', { events: [ev('question.approve', 'p-lead', { comment: 'Clear.' })] })).status, 200);
    const obs = await mem.post('/v1/enquiries/e1/events', { events: [ev('observation.record', 'p-mem', observation), ev('evidence.start', 'p-mem')] });
    assert.deepEqual(obs.body.results.map((r: Json) => r.status), ['appended', 'appended']);
  });
  after(async () => {
    await test?.close();
    await testDb?.cleanup();
  });

  const summary = async () => (await service.get('/v1/enquiries/e1')).body;

  it('#1 a teacher cannot take over an enquiry with an earlier-dated create', async () => {
    const hijack = { ...ev('enquiry.create', 'p-tch', details('p-tch')), hlc: '000000000000001-00000-tch' };
    const reply = await (await as('p-tch')).post('/v1/enquiries/e1/events', { events: [hijack] });
    assert.deepEqual([reply.body.results[0].status, reply.body.results[0].reason], ['forbidden', 'already-created']);
    assert.deepEqual((await summary()).ownerIds, ['p-mem']);
    assert.equal(JSON.stringify((await (await as('p-tch')).get('/v1/enquiries/e1/events')).body).includes(NOTES), false, 'and never reads the notes');
    const lead = await (await as('p-lead')).get('/v1/enquiries/e1/events');
    assert.ok(JSON.stringify(lead.body).includes(NOTES), 'the real members keep their rights');
  });

  it('#2 a create with a current clock is refused and not stored in someone else\'s log', async () => {
    const late = ev('enquiry.create', 'p-tch', details('p-tch'));
    const reply = await (await as('p-tch')).post('/v1/enquiries/e1/events', { events: [late] });
    assert.equal(reply.body.results[0].status, 'forbidden');
    const log = (await service.get('/v1/enquiries/e1/events')).body.events;
    assert.equal(log.some((e: Json) => e.id === late.id), false);
  });

  it('#3 sharing without consent is refused: only the observed colleague shares notes about her lesson', async () => {
    const shared = ev('observation.record', 'p-mem', { ...observation, id: 'obs-2', sharedWith: ['p-tch'] });
    const reply = await (await as('p-mem')).post('/v1/enquiries/e1/events', { events: [shared] });
    assert.deepEqual([reply.body.results[0].status, reply.body.results[0].reason], ['forbidden', 'record-unshared']);
    for (const reader of ['p-tch', 'p-cpd']) {
      assert.equal(JSON.stringify((await (await as(reader)).get('/v1/enquiries/e1/events')).body).includes(NOTES), false, reader);
    }
  });

  it("#4 an administrator's backup holds no notes, unpublished reflections, appraisal records or answer sheets", async () => {
    assert.equal((await service.put('/v1/records/appraisals/ap-p-obs-cy-asp', { schemaVersion: 1, id: 'ap-p-obs-cy-asp', personId: 'p-obs', cycleId: 'cy', aspectId: 'asp', strength: true }, { 'if-none-match': '*' })).status, 201);
    const admin = await test.as('p-adm', TRUST, ['admin']);
    const backup = await admin.get('/v1/backup');
    assert.equal(backup.status, 200);
    const text = JSON.stringify(backup.body);
    assert.equal(text.includes(NOTES), false);
    assert.equal(text.includes('ap-p-obs-cy-asp'), false);
    assert.deepEqual(backup.body.records.surveyResponses ?? [], []);
    assert.equal(backup.body.complete, false);
  });

  it('#5 a teacher learns nothing of which appraisal records exist', async () => {
    const tch = await as('p-tch');
    const existing = await tch.delete('/v1/records/appraisals/ap-p-obs-cy-asp', { 'if-match': '"1"' });
    const missing = await tch.delete('/v1/records/appraisals/ap-p-tch-cy-asp', { 'if-match': '"1"' });
    assert.deepEqual([existing.status, existing.body.error], [403, 'forbidden']);
    assert.deepEqual([missing.status, missing.body], [existing.status, existing.body]);
  });

  it('#9 who observed whom, the class, the focus and the date reach no teacher outside the enquiry', async () => {
    const tch = await as('p-tch');
    for (const body of [(await tch.get('/v1/enquiries/e1/events')).body, await pullAll(tch)]) {
      const text = JSON.stringify(body);
      for (const fact of ['"observedId":"p-obs"', '"observerId":"p-mem"', '9X', 'Redrafting', '2025-10-02']) assert.equal(text.includes(fact), false, fact);
    }
    const summaryForTeacher = (await tch.get('/v1/enquiries/e1')).body;
    assert.equal(summaryForTeacher.counts.observations, 1, 'how many there are, for the stage');
  });

  it('#6 a query parameter given twice answers 400 naming it, before anything is hashed or read', async () => {
    const anonymous = client(test.url);
    const twice = await anonymous.post('/v1/surveys/sv1/responses?token=a&token=a', { answers: { q1: 1 } });
    assert.deepEqual([twice.status, twice.body.error, twice.body.field], [400, 'invalid', 'token']);
    assert.match(twice.body.message, /given 2 times/);
    // Once, the same token is simply not a valid link.
    assert.equal((await anonymous.post('/v1/surveys/sv1/responses?token=a', { answers: { q1: 1 } })).status, 403);
    const since = await service.get('/v1/changes?since=0&since=0');
    assert.deepEqual([since.status, since.body.field], [400, 'since']);
    const atomic = await (await as('p-mem')).post('/v1/enquiries/e1/events?atomic=maybe', { events: [] });
    assert.deepEqual([atomic.status, atomic.body.field], [400, 'atomic']);
  });

  it('#7 a body route refuses a media type it does not take (415) and changes nothing', async () => {
    const backup = await service.get('/v1/backup');
    assert.equal(backup.status, 200);
    const before = await summary();
    const plain = await service.post('/v1/backup', JSON.stringify({ ...backup.body, events: [] }), { 'content-type': 'text/plain' });
    assert.deepEqual([plain.status, plain.body.error, plain.body.field], [415, 'unsupported-media-type', 'Content-Type']);
    assert.deepEqual(await summary(), before, 'the trust\'s data is as it was');
    const form = await (await as('p-mem')).post('/v1/enquiries/e1/events', 'events=1', { 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal(form.status, 415);
    const record = await service.put('/v1/records/schools/sch', JSON.stringify({ schemaVersion: 1, id: 'sch', name: 'Renamed' }), { 'content-type': 'text/plain', 'if-match': '"1"' });
    assert.equal(record.status, 415);
    assert.equal((await service.get('/v1/records/schools/sch')).body.record.name, 'School');
  });

  it('#8 handing the community over keeps the approved question approved, and its observations', async () => {
    const before = await summary();
    const community = await service.get('/v1/records/communities/c1');
    const handed = await (await test.as('p-cpd', TRUST, ['teacher', 'cpd-leader'])).put('/v1/records/communities/c1', { ...community.body.record, leadId: 'p-tch', memberIds: ['p-mem', 'p-lead'] }, { 'if-match': `"${community.body.version}"` });
    assert.equal(handed.status, 200, JSON.stringify(handed.body));
    const after = await summary();
    assert.deepEqual([after.stage, after.counts.observations, after.counts.refusals], [before.stage, before.counts.observations, before.counts.refusals]);
    const cpd = await service.get('/v1/records/people/p-cpd');
    assert.equal((await service.put('/v1/records/people/p-cpd', { ...cpd.body.record, roles: ['teacher'] }, { 'if-match': `"${cpd.body.version}"` })).status, 200);
    assert.equal((await summary()).stage, before.stage);
  });
});
