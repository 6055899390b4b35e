/**
 * Anonymous student voice: answers through a per-survey link token, stored with no address,
 * time or identifier, rate-limited per token, read back only as aggregated results.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Survey } from '../../src/schema/directory.js';
import { PEOPLE, eventWriter } from '../support/store-fixtures.js';
import { client, ON, openTestDb, pushAsAuthors, seedTrust, startServer, type Client, type TestDb, type TestServer } from './helpers.js';

const SURVEY: Survey = {
  schemaVersion: 1,
  id: 'sv-1',
  enquiryId: 'enq-sv',
  title: 'Using feedback',
  questions: [
    { id: 'q1', text: 'I read the comments on my work', type: 'agree' },
    { id: 'q2', text: 'What helps most?', type: 'choice', options: ['Time in lesson', 'Sentence starters', 'Talking it through'] },
    { id: 'q3', text: 'Anything else?', type: 'text' },
  ],
  status: 'open',
  createdById: PEOPLE.ana.id,
};

describe(`server: anonymous student voice (${ON})`, () => {
  let testDb: TestDb;
  let test: TestServer;
  let ana: Client;
  let token: string;
  const trust = 'trust-voice';

  before(async () => {
    testDb = await openTestDb();
    test = await startServer(testDb.db, { surveyRateLimit: { max: 50, windowMs: 60_000 } });
    await seedTrust(test, trust);
    await pushAsAuthors(test, trust, 'enq-sv', eventWriter({ prefix: 'sv' }).walk('enq-sv', 'evidence'));
    ana = await test.as(PEOPLE.ana.id, trust);
    const created = await ana.put(`/v1/records/surveys/${SURVEY.id}`, SURVEY, { 'if-none-match': '*' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const link = await ana.post(`/v1/surveys/${SURVEY.id}/tokens`, {});
    assert.equal(link.status, 201);
    token = link.body.token;
    assert.equal(link.body.path, `/v1/surveys/${SURVEY.id}/responses?token=${token}`);
  });
  after(async () => {
    await test?.close();
    await testDb?.cleanup();
  });

  const student = () => client(test.url);
  const answer = (body: unknown, t: string | null = token, surveyId = SURVEY.id) =>
    student().post(`/v1/surveys/${surveyId}/responses${t === null ? '' : `?token=${encodeURIComponent(t)}`}`, body, { 'user-agent': 'StudentTablet/1.0 (Year 9)' });

  it('stores an answer sheet with no address, time, device or identifier', async () => {
    const reply = await answer({ answers: { q1: 4, q2: 1, q3: 'More time to redraft' } });
    assert.deepEqual([reply.status, reply.body], [201, { status: 'received' }]);
    const { rows } = await testDb.db.query<Record<string, unknown>>('SELECT * FROM survey_responses WHERE trust_id = $1', [trust]);
    assert.equal(rows.length, 1);
    assert.deepEqual(Object.keys(rows[0]!).sort(), ['data', 'id', 'survey_id', 'trust_id'], 'no column for an address, a time or a person');
    const data = rows[0]!['data'] as Record<string, unknown>;
    assert.deepEqual(Object.keys(data).sort(), ['answers', 'id', 'schemaVersion', 'surveyId']);
    assert.deepEqual(data['answers'], { q1: 4, q2: 1, q3: 'More time to redraft' });
    const everything = JSON.stringify(rows);
    for (const trace of ['127.0.0.1', '::1', 'StudentTablet', 'Year 9', token]) assert.ok(!everything.includes(trace), `nothing like ${trace} is stored`);
    const tokens = await testDb.db.query<Record<string, unknown>>('SELECT * FROM survey_tokens');
    assert.ok(!JSON.stringify(tokens.rows).includes(token), 'the token itself is never stored, only its hash');
    assert.ok(!JSON.stringify(test.logs).includes(token), 'nor logged');
    assert.ok(test.logs.some((l) => l['path'] === `/v1/surveys/${SURVEY.id}/responses` && l['status'] === 201), 'the request is logged without its query');
  });

  it('refuses answers without the link, through another survey\'s link, or when closed', async () => {
    assert.deepEqual([(await answer({ answers: { q1: 3 } }, null)).body.reason], ['survey-token-missing']);
    assert.deepEqual([(await answer({ answers: { q1: 3 } }, 'guessed-token')).status], [403]);
    const other = { ...SURVEY, id: 'sv-2', status: 'closed' as const };
    assert.equal((await ana.put('/v1/records/surveys/sv-2', other)).status, 201);
    const mismatch = await answer({ answers: { q1: 3 } }, token, 'sv-2');
    assert.deepEqual([mismatch.status, mismatch.body.reason], [403, 'survey-token-mismatch']);
    const closedLink = (await ana.post('/v1/surveys/sv-2/tokens', {})).body.token;
    const closed = await answer({ answers: { q1: 3 } }, closedLink, 'sv-2');
    assert.deepEqual([closed.status, closed.body.reason], [403, 'survey-not-open']);
    const outsider = await test.as('p-outsider', trust);
    assert.equal((await outsider.post(`/v1/surveys/${SURVEY.id}/tokens`, {})).status, 403, 'only the enquiry\'s members make links');
  });

  it('names the field of a bad answer and refuses anything but answers', async () => {
    const scale = await answer({ answers: { q1: 6 } });
    assert.deepEqual([scale.status, scale.body.field], [400, 'answers.q1']);
    const option = await answer({ answers: { q2: 3 } });
    assert.deepEqual([option.status, option.body.field], [400, 'answers.q2']);
    const unknown = await answer({ answers: { q9: 1 } });
    assert.deepEqual([unknown.status, unknown.body.field], [400, 'answers.q9']);
    const named = await answer({ answers: { q1: 3 }, name: 'Sam' });
    assert.deepEqual([named.status, named.body.field], [400, 'name']);
  });

  it('shows results to the enquiry\'s members only, aggregated, with small groups suppressed', async () => {
    const few = await ana.get(`/v1/surveys/${SURVEY.id}/results`);
    assert.equal(few.status, 200);
    assert.equal(few.body.suppressed, true, 'one answer sheet: suppressed');
    for (const q1 of [5, 4, 4, 2]) assert.equal((await answer({ answers: { q1, q3: `Comment ${q1}` } })).status, 201);
    const results = await ana.get(`/v1/surveys/${SURVEY.id}/results`);
    assert.equal(results.body.responseCount, 5);
    assert.deepEqual(results.body.questions[0].counts, [0, 1, 0, 3, 1]);
    const lead = await test.as(PEOPLE.lead.id, trust);
    assert.equal((await lead.get(`/v1/surveys/${SURVEY.id}/results`)).status, 200, 'the community lead is a member');
    const cpd = await test.as(PEOPLE.cpd.id, trust, ['cpd-leader']);
    const refused = await cpd.get(`/v1/surveys/${SURVEY.id}/results`);
    assert.deepEqual([refused.status, refused.body.reason], [403, 'results-members-only']);
    // The live count a class sees while answering: a number only, for the same members.
    const count = await ana.get(`/v1/surveys/${SURVEY.id}/count`);
    assert.deepEqual([count.status, count.body], [200, { surveyId: SURVEY.id, status: 'open', responseCount: 5 }]);
    const countRefused = await cpd.get(`/v1/surveys/${SURVEY.id}/count`);
    assert.deepEqual([countRefused.status, countRefused.body.reason], [403, 'results-members-only']);
    assert.equal((await ana.get('/v1/surveys/sv-none/count')).status, 404);
    const raw = await ana.get('/v1/records/surveyResponses');
    assert.deepEqual([raw.status, raw.body.reason], [403, 'responses-anonymous'], 'raw answer sheets are never served');
  });

  it('limits answers per link and window', async () => {
    const limited = await startServer(testDb.db, { surveyRateLimit: { max: 2, windowMs: 60_000 } });
    try {
      const link = (await ana.post(`/v1/surveys/${SURVEY.id}/tokens`, {})).body.token;
      const post = (t: string) => client(limited.url).post(`/v1/surveys/${SURVEY.id}/responses?token=${t}`, { answers: { q1: 3 } });
      assert.equal((await post(link)).status, 201);
      assert.equal((await post(link)).status, 201);
      const third = await post(link);
      assert.deepEqual([third.status, third.body.error], [429, 'rate-limited']);
      assert.ok(Number(third.headers.get('retry-after')) >= 1);
      // A new link: the suite's own link has answered more than twice this minute, and on
      // PostgreSQL the count is shared by every process (and server) on the database.
      const other = (await ana.post(`/v1/surveys/${SURVEY.id}/tokens`, {})).body.token;
      assert.equal((await post(other)).status, 201, 'another link has its own allowance');
    } finally {
      await limited.close();
    }
  });
});
