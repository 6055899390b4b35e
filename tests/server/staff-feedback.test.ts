/**
 * Staff feedback on the server (issue 19; docs/privacy.md, "Staff feedback"): a CPD leader makes
 * a cycle's staff survey; each member of staff answers once (a second answer is refused and
 * stores nothing); the sheet holds no person and the receipt no sheet; results only once closed,
 * suppressed under five; participation as counts; the comparison with last cycle's survey; the
 * complete backup restores the receipts apart from the sheets.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { defaultLifecycle } from '../../src/lifecycle/lifecycle.js';
import { erase, subjectAccess } from '../../src/server/index.js';
import { ON, serverForSuite, type Client, type Json, type TestDb, type TestServer } from './helpers.js';

const TRUST = 'trust-feedback';
const POLICY = { minObservations: 1, studentVoiceRequired: false, questionReviewRequired: true, minEvidence: 1 };
const person = (id: string, roles = ['teacher'], extra: object = {}) => ({ schemaVersion: 1, id, name: id, schoolId: 'sch-1', roles, ...extra });
const STAFF = Array.from({ length: 10 }, (_, i) => `p-s${i + 1}`);
const DIRECTORY: Array<[string, Record<string, unknown>]> = [
  ['schools', { schemaVersion: 1, id: 'sch-1', name: 'Riverside' }],
  ['people', person('p-cpd', ['teacher', 'cpd-leader'])],
  ['people', person('p-adm', ['admin'])],
  ...STAFF.map((id): [string, Record<string, unknown>] => ['people', person(id)]),
  // Left before 2026-27: staff of the first cycle only.
  ['people', person('p-gone', ['teacher'], { leftOn: '2026-08-31' })],
  ['cycles', { schemaVersion: 2, id: 'cy-1', name: '2025-26', startsOn: '2025-09-01', endsOn: '2026-07-20', status: 'closed', themeIds: [], policy: POLICY }],
  ['cycles', { schemaVersion: 2, id: 'cy-2', name: '2026-27', startsOn: '2026-09-01', endsOn: '2027-07-16', status: 'active', themeIds: [], policy: POLICY }],
];
const QUESTIONS = [
  { id: 'help-dedicated-time', text: 'Time set aside helped me.', type: 'agree' },
  { id: 'projects', text: 'Which way of working suited you best?', type: 'choice', options: ['My own project', 'A group enquiry', 'Either'] },
  { id: 'change', text: 'What should we change?', type: 'text' },
];
const survey = (cycleId: string, status = 'open') => ({ schemaVersion: 1, id: `staff-${cycleId}`, cycleId, title: `Staff feedback ${cycleId}`, questions: QUESTIONS, status, createdById: 'p-cpd', lang: 'en-GB' });

describe(`staff feedback (${ON})`, () => {
  let testDb: TestDb;
  let test: TestServer;
  let service: Client;
  let cpd: Client;
  const staff = new Map<string, Client>();
  serverForSuite((db, server) => ([testDb, test] = [db, server]), { now: () => new Date('2026-10-01T09:00:00.000Z') });

  /** Puts a survey (as the CPD leader) or changes its status, at its current version. */
  const putSurvey = async (cycleId: string, status = 'open') => {
    const current = await service.get(`/v1/records/staffSurveys/staff-${cycleId}`);
    const headers: Record<string, string> = current.status === 200 ? { 'if-match': current.headers.get('etag')! } : { 'if-none-match': '*' };
    return cpd.put(`/v1/records/staffSurveys/staff-${cycleId}`, survey(cycleId, status), headers);
  };
  const answer = (who: string, answers: object) => staff.get(who)!.post(`/v1/staff-surveys/staff-cy-2/answers`, { answers });

  before(async () => {
    service = await test.service(TRUST);
    for (const [collection, record] of DIRECTORY) assert.equal((await service.put(`/v1/records/${collection}/${record['id']}`, record, { 'if-none-match': '*' })).status, 201);
    cpd = await test.as('p-cpd', TRUST, ['teacher', 'cpd-leader']);
    for (const id of [...STAFF, 'p-gone']) staff.set(id, await test.as(id, TRUST, ['teacher']));
  });

  it('only CPD leaders and administrators make a staff survey; a student-voice id is refused by name', async () => {
    const teacher = await staff.get('p-s1')!.put('/v1/records/staffSurveys/staff-cy-1', survey('cy-1'), { 'if-none-match': '*' });
    assert.equal(teacher.status, 403);
    const badId = await cpd.put('/v1/records/staffSurveys/sv-1', { ...survey('cy-1'), id: 'sv-1' }, { 'if-none-match': '*' });
    assert.equal(badId.status, 400);
    assert.equal(badId.body.field, "record.id");
    assert.match(badId.body.message, /must start with "staff-"/);
    assert.equal((await putSurvey('cy-1')).status, 201);
    assert.equal((await putSurvey('cy-2')).status, 201);
  });

  it('last cycle: most preferred a group enquiry; closed, it is read with its figures', async () => {
    // Year 1 was answered through the same route (p-gone, on that year's staff, has since left and signs in no more).
    const year1 = (who: string, i: number) => staff.get(who)!.post('/v1/staff-surveys/staff-cy-1/answers', { answers: { 'help-dedicated-time': 3, projects: i < 5 ? 1 : 0, change: `More time ${i}` } });
    for (const [i, who] of STAFF.slice(0, 7).entries()) {
      const reply = await year1(who, i);
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
    }
    assert.equal((await putSurvey('cy-1', 'closed')).status, 200);
    const closed = await year1('p-s8', 7);
    assert.equal(closed.status, 403, 'a closed survey takes no more answers');
    assert.equal(closed.body.reason, 'survey-not-open');
    const read = (await cpd.get('/v1/staff-surveys/staff-cy-1/results')).body;
    assert.deepEqual([read.answered, read.staff], [7, 13], 'the staff of that cycle, the leaver included');
    assert.deepEqual(read.results.questions[1].counts, [2, 5, 0]);
    assert.equal(read.comparison, undefined, 'no cycle before the first');
  });

  it('each member of staff answers once: a second answer is refused (409) and stores nothing', async () => {
    const receipt = async (who: string) => (await staff.get(who)!.get('/v1/staff-surveys/staff-cy-2/receipt')).body.answered;
    assert.equal(await receipt('p-s1'), false);
    assert.equal((await answer('p-s1', { 'help-dedicated-time': 5, projects: 0 })).status, 201);
    assert.equal(await receipt('p-s1'), true);
    assert.equal(await receipt('p-s2'), false, 'a receipt is its own person\u2019s');
    const again = await answer('p-s1', { 'help-dedicated-time': 1, projects: 2 });
    assert.equal(again.status, 409);
    assert.equal(again.body.reason, 'already-answered');
    assert.equal((await cpd.get('/v1/staff-surveys/staff-cy-2/results')).body.answered, 1);
    const wrong = await answer('p-s2', { projects: 7 });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.field, 'answers.projects');
    assert.equal(await receipt('p-s2'), false, 'a refused sheet leaves no receipt, so its person can answer again');
    const asService = await service.post('/v1/staff-surveys/staff-cy-2/answers', { answers: { projects: 0 } });
    assert.equal(asService.status, 403);
  });

  it('while open, leaders see counts only; closed with four answers, every figure is suppressed', async () => {
    for (const who of ['p-s2', 'p-s3', 'p-s4']) assert.equal((await answer(who, { 'help-dedicated-time': 5, projects: 0, change: 'Keep the time' })).status, 201);
    const open = (await cpd.get('/v1/staff-surveys/staff-cy-2/results')).body;
    assert.deepEqual(open, { surveyId: 'staff-cy-2', cycleId: 'cy-2', status: 'open', answered: 4, staff: 12, share: 4 / 12 });
    assert.equal((await putSurvey('cy-2', 'closed')).status, 200);
    const four = (await cpd.get('/v1/staff-surveys/staff-cy-2/results')).body;
    assert.equal(four.results.responseCount, 4);
    assert.ok(four.results.questions.every((q: Json) => q.suppressed && q.counts.length === 0 && q.comments.length === 0), JSON.stringify(four.results));
    assert.deepEqual(four.comparison.questions, [], 'no comparison of a hidden question');
    assert.equal(four.comparison.suppressed.length, 2);
  });

  it('with enough answers, the comparison shows the year-2 change towards individual projects', async () => {
    assert.equal((await putSurvey('cy-2', 'open')).status, 200);
    for (const who of ['p-s5', 'p-s6', 'p-s7']) assert.equal((await answer(who, { 'help-dedicated-time': 4, projects: 0 })).status, 201);
    assert.equal((await putSurvey('cy-2', 'closed')).status, 200);
    const body = (await cpd.get('/v1/staff-surveys/staff-cy-2/results')).body;
    assert.equal(body.previousSurveyId, 'staff-cy-1');
    assert.deepEqual(body.results.questions[1].counts, [7, 0, 0]);
    const projects = body.comparison.questions.find((q: Json) => q.question.id === 'projects');
    const individual = projects.measures.find((m: Json) => m.key === 0);
    assert.deepEqual([individual.before.successes, individual.before.count, individual.after.successes, individual.after.count], [2, 7, 7, 7]);
    assert.equal(individual.direction, 'up');
    assert.deepEqual(body.results.questions[2].comments, [], 'three comments: under ten, none shown');
  });

  it('only CPD leaders and administrators read results; staff read the survey itself', async () => {
    assert.equal((await staff.get('p-s1')!.get('/v1/staff-surveys/staff-cy-2/results')).status, 403);
    assert.equal((await (await test.as('p-adm', TRUST, ['admin'])).get('/v1/staff-surveys/staff-cy-2/results')).status, 200);
    assert.equal((await staff.get('p-s1')!.get('/v1/records/staffSurveys/staff-cy-2')).status, 200);
    assert.equal((await (await test.as('p-x', 'trust-other', ['cpd-leader'])).get('/v1/staff-surveys/staff-cy-2/results')).status, 404);
  });

  it('a subject access pack lists the surveys a person answered, never a sheet; erasure deletes their receipts and keeps the sheets', async () => {
    const pack = await subjectAccess(testDb.db, TRUST, 'p-s1');
    assert.deepEqual(pack.staffSurveysAnswered, ['staff-cy-1', 'staff-cy-2']);
    assert.ok(!JSON.stringify(pack).includes('More time 0'), 'not even their own sheet: it cannot be told apart');
    await erase(testDb.db, defaultLifecycle, TRUST, 'p-s1');
    assert.deepEqual((await subjectAccess(testDb.db, TRUST, 'p-s1')).staffSurveysAnswered, []);
    assert.equal((await cpd.get('/v1/staff-surveys/staff-cy-1/results')).body.answered, 7, 'the anonymous sheets stay');
  });

  it('a restored backup keeps who answered, apart from what: no one answers twice after it, and a receipt without its survey is refused', async () => {
    assert.equal((await putSurvey('cy-2', 'open')).status, 200);
    const backup = (await service.get('/v1/backup')).body;
    const answered = ['p-s2', 'p-s3', 'p-s4', 'p-s5', 'p-s6', 'p-s7'];
    assert.deepEqual(
      backup.staffFeedbackReceipts,
      [
        { surveyId: 'staff-cy-1', personIds: answered },
        { surveyId: 'staff-cy-2', personIds: answered },
      ],
      'who answered each survey (p-s1 was erased), by id, and nothing else',
    );
    const sheets = (backup.records.surveyResponses as Json[]).map((e) => e.record.id);
    assert.deepEqual(sheets, [...sheets].sort(), 'the sheets stay in the order of their random ids');
    const admin = (await (await test.as('p-adm', TRUST, ['admin'])).get('/v1/backup')).body;
    assert.equal(admin.complete, false);
    assert.equal(admin.staffFeedbackReceipts, undefined, "an administrator's backup carries no receipts");

    const orphan = { ...backup, staffFeedbackReceipts: [...backup.staffFeedbackReceipts, { surveyId: 'staff-gone', personIds: ['p-s8'] }] };
    const refused = await service.post('/v1/backup', orphan);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.field, 'staffFeedbackReceipts.2.surveyId');
    assert.match(refused.body.message, /nothing was changed.*must name a staff survey in this backup/);
    assert.equal((await staff.get('p-s8')!.get('/v1/staff-surveys/staff-cy-2/receipt')).body.answered, false);

    assert.equal((await service.post('/v1/backup', backup)).status, 200);
    for (const who of answered) assert.equal((await staff.get(who)!.get('/v1/staff-surveys/staff-cy-2/receipt')).body.answered, true, who);
    const again = await answer('p-s2', { 'help-dedicated-time': 1, projects: 2 });
    assert.equal(again.status, 409, 'restored, the survey still knows p-s2 answered');
    assert.equal(again.body.reason, 'already-answered');
    assert.equal((await cpd.get('/v1/staff-surveys/staff-cy-2/results')).body.answered, 7);
    assert.equal((await putSurvey('cy-2', 'closed')).status, 200);
  });

  it('a sheet names no one and a receipt points to no sheet; deleting the survey removes both', async () => {
    const backup = (await service.get('/v1/backup')).body;
    const sheets = (backup.records.surveyResponses as Json[]).map((e) => e.record).filter((r) => r.surveyId === 'staff-cy-2');
    assert.equal(sheets.length, 7);
    for (const sheet of sheets) assert.deepEqual(Object.keys(sheet).sort(), ['answers', 'id', 'schemaVersion', 'surveyId']);
    assert.ok(!JSON.stringify(backup).includes('staff_survey_receipts') && !/"personId":"p-s1"/.test(JSON.stringify(backup.records.surveyResponses)));
    const { rows: columns } = await testDb.db.query<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'staff_survey_receipts' AND table_schema = current_schema() ORDER BY column_name",
    );
    assert.deepEqual(columns.map((c) => c.column_name), ['person_id', 'survey_id', 'trust_id'], 'no time, no sheet id');
    const current = await service.get('/v1/records/staffSurveys/staff-cy-2');
    assert.equal((await cpd.delete('/v1/records/staffSurveys/staff-cy-2', { 'if-match': current.headers.get('etag')! })).status, 204);
    const { rows } = await testDb.db.query<{ n: number }>(
      "SELECT (SELECT count(*) FROM survey_responses WHERE survey_id = 'staff-cy-2')::int + (SELECT count(*) FROM staff_survey_receipts WHERE survey_id = 'staff-cy-2')::int AS n",
    );
    assert.equal(Number(rows[0]!.n), 0);
  });
});
