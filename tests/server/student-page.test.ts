/**
 * Student voice through a short code: the code issued with a survey's link, the page at
 * `/s/<code>` (anonymous, no cookies, the survey's language), answers sent with a receipt so a
 * queued sheet counts once, rate limits per survey and per code, and every bad input refused
 * with a clear message and nothing stored.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Survey } from '../../src/schema/directory.js';
import { normaliseSurveyCode, SURVEY_CODE_ALPHABET, SURVEY_CODE_LENGTH } from '../../src/schema/surveyCode.js';
import { PEOPLE, eventWriter } from '../support/store-fixtures.js';
import { writeStudentPage } from '../../scripts/student-page.js';
import { client, ON, openTestDb, pushAsAuthors, seedTrust, startServer, type Client, type TestDb, type TestServer } from './helpers.js';

const SURVEY: Survey = {
  schemaVersion: 1,
  id: 'sv-code',
  enquiryId: 'enq-code',
  title: 'Usar la retroalimentación',
  lang: 'es',
  questions: [
    { id: 'q1', text: 'Leo los comentarios', type: 'agree' },
    { id: 'q2', text: '¿Algo más?', type: 'text' },
  ],
  status: 'open',
  createdById: PEOPLE.ana.id,
};

describe(`server: the student page and survey codes (${ON})`, () => {
  let testDb: TestDb;
  let test: TestServer;
  let ana: Client;
  let code: string;
  let dir: string;
  const trust = 'trust-code';
  let receipts = 0;
  const receipt = () => `receipt-${String((receipts += 1)).padStart(10, '0')}`;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plc-student-page-'));
    await writeStudentPage(dir, { minify: true });
    testDb = await openTestDb();
    test = await startServer(testDb.db, { surveyRateLimit: { max: 40, windowMs: 60_000 }, student: { dir } });
    await seedTrust(test, trust);
    await pushAsAuthors(test, trust, 'enq-code', eventWriter({ prefix: 'cd' }).walk('enq-code', 'evidence'));
    ana = await test.as(PEOPLE.ana.id, trust);
    assert.equal((await ana.put(`/v1/records/surveys/${SURVEY.id}`, SURVEY, { 'if-none-match': '*' })).status, 201);
    const link = await ana.post(`/v1/surveys/${SURVEY.id}/tokens`, {});
    assert.equal(link.status, 201);
    code = link.body.code;
    assert.equal(link.body.studentPath, `/s/${code}`);
  });
  after(async () => {
    await test?.close();
    await testDb?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const student = () => client(test.url);
  const send = (body: unknown, c = code) => student().post(`/v1/s/${c}/responses`, body);
  const count = async () => (await testDb.db.query<{ n: string }>('SELECT count(*) AS n FROM survey_responses WHERE trust_id = $1 AND survey_id = $2', [trust, SURVEY.id])).rows[0]!.n;

  it('issues one short code per survey, without look-alike characters, the same each time', async () => {
    assert.equal(code.length, SURVEY_CODE_LENGTH);
    for (const c of code) assert.ok(SURVEY_CODE_ALPHABET.includes(c), `${c} is in the alphabet`);
    for (const c of '01OIL') assert.ok(!SURVEY_CODE_ALPHABET.includes(c), `${c} is never used`);
    const again = await ana.post(`/v1/surveys/${SURVEY.id}/tokens`, {});
    assert.equal(again.body.code, code, 'asking again gives the same code (one to write on the board)');
    assert.equal(normaliseSurveyCode(` ${code.slice(0, 3).toLowerCase()}-${code.slice(3)} `), code, 'typed in lower case with a dash, it still works');
  });

  it('serves the anonymous form by code, in the survey\'s language, with nothing about staff', async () => {
    const form = await student().get(`/v1/s/${code.toLowerCase()}`);
    assert.equal(form.status, 200);
    assert.deepEqual(form.body, { code, id: SURVEY.id, title: SURVEY.title, lang: 'es', status: 'open', questions: SURVEY.questions });
    assert.ok(!JSON.stringify(form.body).includes(PEOPLE.ana.id), 'no author');
    const page = await fetch(`${test.url}/s/${code}`);
    const html = await page.text();
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('set-cookie'), null, 'no cookies');
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'; .*frame-ancestors 'none'/);
    assert.match(html, /<html lang="es"/);
    assert.match(html, new RegExp(`"code":"${code}"`), 'the form is in the page: one request on a slow phone');
    assert.ok(!html.includes(PEOPLE.ana.id) && !html.includes('enq-code'), 'no staff data, not even the enquiry');
    assert.match(html, /src="\/student\/student\.js"/);
    assert.equal((await fetch(`${test.url}/student/student.css`)).status, 200);
    const script = await fetch(`${test.url}/student/student.js`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /javascript/);
    assert.equal((await fetch(`${test.url}/student/../package.json`)).status, 404);
    const start = await fetch(`${test.url}/s`);
    assert.equal(start.status, 200, 'the page with a box to type the code');
    assert.match(await start.text(), /id="plc-survey">\{"error":null\}</);
  });

  it('stores an answer sheet once, however often its receipt is sent', async () => {
    const before = await count();
    const sheet = { answers: { q1: 4, q2: 'Más tiempo' }, receipt: receipt() };
    const first = await send(sheet);
    assert.deepEqual([first.status, first.body.status], [201, 'received']);
    const replay = await send(sheet);
    assert.deepEqual([replay.status, replay.body.status], [200, 'duplicate'], 'a queued sheet sent again counts once');
    assert.equal(Number(await count()), Number(before) + 1);
    const { rows } = await testDb.db.query<Record<string, unknown>>('SELECT * FROM survey_receipts');
    assert.ok(!JSON.stringify(rows).includes(sheet.receipt), 'only the receipt\'s hash is kept');
    assert.deepEqual(Object.keys(rows[0]!).sort(), ['receipt_hash', 'survey_id', 'trust_id'], 'no time, no link to the sheet');
  });

  it('refuses bad input with a clear message and stores nothing', async () => {
    const before = await count();
    const wrong = await send({ answers: { q1: 3 }, receipt: receipt() }, 'ZZZZZZZ');
    assert.deepEqual([wrong.status, wrong.body.reason, wrong.body.field], [404, 'survey-code-unknown', 'code']);
    assert.match(wrong.body.message, /check the code/i);
    const malformed = await student().get('/v1/s/0OIL1');
    assert.deepEqual([malformed.status, malformed.body.reason], [404, 'survey-code-unknown']);
    const badPage = await fetch(`${test.url}/s/NOPE123`);
    assert.equal(badPage.status, 404);
    assert.match(await badPage.text(), /survey-code-unknown/, 'the page still loads and says what is wrong');
    const long = await send({ answers: { q2: 'x'.repeat(501) }, receipt: receipt() });
    assert.deepEqual([long.status, long.body.field], [400, 'answers.q2']);
    const huge = await send({ answers: { q2: 'x'.repeat(80_000) }, receipt: receipt() });
    assert.equal(huge.status, 413);
    const noReceipt = await send({ answers: { q1: 3 } });
    assert.deepEqual([noReceipt.status, noReceipt.body.field], [400, 'receipt']);
    const named = await send({ answers: { q1: 3 }, receipt: receipt(), name: 'Sam' });
    assert.deepEqual([named.status, named.body.field], [400, 'name']);
    const control = await send({ answers: { q2: 'hi\u0000there' }, receipt: receipt() });
    assert.deepEqual([control.status, control.body.field], [400, 'answers.q2']);
    assert.equal(await count(), before, 'nothing stored');
    const script = await send({ answers: { q2: '<script>alert(1)</script><img src=x onerror=alert(2)>' }, receipt: receipt() });
    assert.equal(script.status, 201, 'script in free text is only text: stored as typed, shown as text');
  });

  it('limits answers per survey and per code', async () => {
    // A survey of its own, so that its counts start at 0 (on PostgreSQL every process shares them).
    assert.equal((await ana.put('/v1/records/surveys/sv-limited', { ...SURVEY, id: 'sv-limited' }, { 'if-none-match': '*' })).status, 201);
    const fresh = (await ana.post('/v1/surveys/sv-limited/tokens', {})).body.code;
    const limited = await startServer(testDb.db, { surveyRateLimit: { max: 2, windowMs: 60_000 }, student: { dir } });
    try {
      const post = () => client(limited.url).post(`/v1/s/${fresh}/responses`, { answers: { q1: 5 }, receipt: receipt() });
      assert.equal((await post()).status, 201);
      assert.equal((await post()).status, 201);
      const third = await post();
      assert.deepEqual([third.status, third.body.error], [429, 'rate-limited']);
      assert.match(third.body.message, /your answers are kept/);
      assert.ok(Number(third.headers.get('retry-after')) >= 1);
    } finally {
      await limited.close();
    }
  });

  it('gives the members a live count, and closing stops answers at once', async () => {
    const live = await ana.get(`/v1/surveys/${SURVEY.id}/count`);
    assert.equal(live.status, 200);
    assert.equal(live.body.responseCount, Number(await count()));
    const outsider = await test.as('p-outsider', trust);
    assert.equal((await outsider.get(`/v1/surveys/${SURVEY.id}/count`)).status, 403);
    const current = await ana.get(`/v1/records/surveys/${SURVEY.id}`);
    // A sheet and the close race: whichever commits first, the sheet is stored only if it came first.
    const [late, closed] = await Promise.all([
      send({ answers: { q1: 2 }, receipt: receipt() }),
      ana.put(`/v1/records/surveys/${SURVEY.id}`, { ...SURVEY, status: 'closed' }, { 'if-match': current.headers.get('etag')! }),
    ]);
    assert.equal(closed.status, 200);
    assert.ok([201, 403].includes(late.status));
    const before = await count();
    const refused = await send({ answers: { q1: 2 }, receipt: receipt() });
    assert.deepEqual([refused.status, refused.body.reason], [403, 'survey-not-open']);
    assert.match(refused.body.message, /closed.*Nothing was saved/);
    assert.equal(await count(), before);
    const form = await student().get(`/v1/s/${code}`);
    assert.deepEqual([form.body.status, form.body.questions], ['closed', []], 'a closed survey shows its title and status, no questions');
  });

  it('deletes the survey\'s answers, code, links and receipts with it', async () => {
    const current = await ana.get(`/v1/records/surveys/${SURVEY.id}`);
    assert.equal((await ana.delete(`/v1/records/surveys/${SURVEY.id}`, { 'if-match': current.headers.get('etag')! })).status, 204);
    for (const table of ['survey_responses', 'survey_codes', 'survey_tokens', 'survey_receipts']) {
      const { rows } = await testDb.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE survey_id = $1`, [SURVEY.id]);
      assert.equal(Number(rows[0]!.n), 0, `${table} is empty`);
    }
    assert.equal((await student().get(`/v1/s/${code}`)).status, 404, 'the code opens nothing any more');
  });
});
