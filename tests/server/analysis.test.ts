/**
 * Leaders' figures on the server (issue 17): who reads which figures, the trust's and each
 * school's; suppression of small appraisal groups, including against differencing across
 * groups, schools, filters and cycles; the funnel and time in stage from the server's own
 * summaries; the cache, and its invalidation when data changes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ImpactResult } from '../../src/analysis/impact.js';
import type { LeadersFigures, ScopeFigures } from '../../src/analysis/leaders.js';
import { FiguresCache } from '../../src/server/routes/analysisRepository.js';
import { readFigures } from '../../src/server/routes/analysis.js';
import { defaultLifecycle } from '../../src/lifecycle/lifecycle.js';
import { eventWriter } from '../support/store-fixtures.js';
import { LEADERS_TRUST as TRUST, leadersDirectory } from '../support/leaders-fixture.js';
import { client, ON, openTestDb, startServer, type Client, type TestDb, type TestServer } from './helpers.js';

const FIGURES = '/v1/analysis/figures?cycleId=cy-1';

const impactOf = (scope: ScopeFigures | undefined): ImpactResult => {
  assert.ok(scope?.impact, 'impact figures present');
  assert.equal(scope.impact.length, 1);
  return scope.impact[0]!;
};
const school = (figures: LeadersFigures, id: string) => figures.schools.find((s) => s.scope.kind === 'school' && s.scope.schoolId === id);

/**
 * Whether any hidden group of the answer can be worked out from the groups shown: in every line
 * of the table (members + non-members = all staff; schools add up to the trust), a single hidden
 * figure can be.
 */
function recoverable(figures: LeadersFigures): string[] {
  const found: string[] = [];
  const rows = figures.schools.map((s) => ({ name: s.scope.kind === 'school' ? s.scope.schoolId : 'trust', r: impactOf(s) }));
  const line = (name: string, cells: Array<{ suppressed?: boolean }>) => {
    if (cells.filter((c) => c.suppressed).length === 1) found.push(name);
  };
  for (const { name, r } of rows) line(`${name} row`, [r.members, r.nonMembers, r.all]);
  if (figures.trust) {
    const t = impactOf(figures.trust);
    line('trust row', [t.members, t.nonMembers, t.all]);
    line('members column', [...rows.map(({ r }) => r.members), t.members]);
    line('non-members column', [...rows.map(({ r }) => r.nonMembers), t.nonMembers]);
    line('all-staff column', [...rows.map(({ r }) => r.all), t.all]);
  }
  return found;
}

describe(`leaders' figures on the server (${ON})`, () => {
  let testDb: TestDb;
  let test: TestServer;
  let service: Client;
  let trustLeader: Client;
  let southLeader: Client;

  before(async () => {
    testDb = await openTestDb();
    test = await startServer(testDb.db);
    service = await test.service(TRUST);
    for (const [collection, record] of leadersDirectory()) {
      const reply = await service.put(`/v1/records/${collection}/${record['id']}`, record, { 'if-none-match': '*' });
      assert.equal(reply.status, 201, `${collection}/${record['id']}: ${JSON.stringify(reply.body)}`);
    }
    const w = eventWriter({ prefix: 'lf', start: '2025-09-10T08:00:00.000Z', stepMs: 86_400_000 });
    const group = { title: 'Comments that move', kind: 'group', cycleId: 'cy-1', themeId: 'th-fb', communityId: 'c-new', ownerIds: ['n10'], track: 'plc' };
    const question = { text: 'How do students act on comments?', rationale: '', targetStudents: '', plannedActions: [], successCriteria: ['They redraft'], plannedEvidence: [] };
    const events = [
      w.event('g1', 'enquiry.create', group, 'n10'),
      w.event('g1', 'question.draft', question, 'n10'),
      w.event('g1', 'question.submit', {}, 'n10'),
      w.event('g1', 'question.approve', {}, 'n09'),
    ];
    assert.deepEqual((await service.post('/v1/enquiries/g1/events', { events })).body.results.map((r: { status: string }) => r.status), events.map(() => 'appended'));
    const own = w.event('i1', 'enquiry.create', { title: 'Retrieval', kind: 'individual', cycleId: 'cy-1', themeId: 'th-fb', ownerIds: ['s06'], track: 'plc' }, 's06');
    assert.equal((await service.post('/v1/enquiries/i1/events', { events: [own] })).status, 200);
    trustLeader = await test.as('p-trust', TRUST, ['teacher', 'cpd-leader']);
    southLeader = await test.as('p-south', TRUST, ['teacher', 'cpd-leader']);
  });
  after(async () => {
    await test?.close();
    await testDb?.cleanup();
  });

  it("a trust-wide CPD leader reads the trust's figures and each school's", async () => {
    const reply = await trustLeader.get(FIGURES);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    const figures = reply.body as LeadersFigures;
    assert.equal(figures.previousCycleId, 'cy-0');
    assert.deepEqual(figures.schools.map((s) => s.scope), [{ kind: 'school', schoolId: 'sch-north' }, { kind: 'school', schoolId: 'sch-south' }]);
    const trust = impactOf(figures.trust);
    assert.deepEqual([trust.members.strengths, trust.members.count], [8, 11]);
    assert.deepEqual([trust.all.strengths, trust.all.count], [18, 28]);
    assert.deepEqual([trust.nonMembers.strengths, trust.nonMembers.count], [10, 17]);
    assert.equal(trust.summary.direction, 'higher');
    assert.equal(trust.ratio !== undefined && Math.round(trust.ratio * 100) / 100, 1.13);
  });

  it('a group under five is never shown, nor any figure it could be worked out from', async () => {
    const figures = (await trustLeader.get(FIGURES)).body as LeadersFigures;
    const south = impactOf(school(figures, 'sch-south'));
    const north = impactOf(school(figures, 'sch-north'));
    assert.equal(south.members.suppressed, true, 'three members in South: hidden');
    assert.deepEqual([south.members.count, south.members.strengths], [0, 0]);
    assert.equal(south.nonMembers.suppressed, true, 'else all staff minus non-members gives the three');
    assert.equal(north.members.suppressed, true, "else the trust's members minus North's gives South's");
    assert.equal(north.nonMembers.suppressed, true, "else the trust's non-members minus North's gives South's");
    assert.deepEqual([north.all.count, south.all.count], [20, 8], "each school's whole staff is shown");
    assert.equal(south.summary.direction, 'too-small');
    assert.equal(south.summary.suppressed, true);
    assert.equal(south.ratio, undefined);
    assert.equal(south.membersWithoutRecord, 0);
    assert.deepEqual(recoverable(figures), []);
    // Nothing in the answer is an individual record, or a lesson's note.
    const text = JSON.stringify(figures);
    assert.ok(!text.includes('ap-') && !text.includes('WALK-NOTE'), 'no appraisal record or walk note');
  });

  it("a school's CPD leader reads their school only: the same suppressed row, no trust totals", async () => {
    const reply = await southLeader.get(FIGURES);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    const figures = reply.body as LeadersFigures;
    assert.equal(figures.trust, undefined);
    assert.deepEqual(figures.schools.map((s) => s.scope), [{ kind: 'school', schoolId: 'sch-south' }]);
    const asTrust = school((await trustLeader.get(FIGURES)).body, 'sch-south');
    assert.deepEqual(figures.schools[0], asTrust, "the same row as in the trust's table");
    const other = await southLeader.get(`${FIGURES}&schoolId=sch-north`);
    assert.equal(other.status, 403);
    assert.equal(other.body.field, 'schoolId');
  });

  it('differencing across filters: only cycleId and schoolId are accepted, and a school asked alone is its row of the whole table', async () => {
    for (const extra of ['previousCycleId=cy-1', 'personIds=s01', 'aspectId=asp-fb', 'communityId=c-old']) {
      const reply = await trustLeader.get(`${FIGURES}&${extra}`);
      assert.equal(reply.status, 400, extra);
      assert.equal(reply.body.field, extra.split('=')[0]);
    }
    const whole = (await trustLeader.get(FIGURES)).body as LeadersFigures;
    for (const id of ['sch-north', 'sch-south']) {
      const alone = (await trustLeader.get(`${FIGURES}&schoolId=${id}`)).body as LeadersFigures;
      assert.equal(alone.trust, undefined);
      assert.deepEqual(alone.schools, [school(whole, id)], `${id} asked alone hides what it hides in the table`);
    }
    const missing = await trustLeader.get('/v1/analysis/figures');
    assert.equal(missing.status, 400);
    assert.equal(missing.body.field, 'cycleId');
  });

  it("differencing across cycles: a cycle's members are always the previous cycle's PLCs, and each cycle is suppressed on its own", async () => {
    const first = await trustLeader.get('/v1/analysis/figures?cycleId=cy-0');
    assert.equal(first.status, 200);
    assert.equal(first.body.previousCycleId, undefined);
    assert.deepEqual(first.body.trust.impact, [], 'no earlier cycle: no comparison to subtract from');
    assert.equal((await trustLeader.get('/v1/analysis/figures?cycleId=cy-9')).status, 404);
  });

  it('the participation funnel and time in stage come from the server totals', async () => {
    const figures = (await trustLeader.get(FIGURES)).body as LeadersFigures;
    const p = figures.trust!.participation;
    assert.equal(p.enquiries, 2);
    assert.equal(p.staff.total, 31);
    assert.equal(p.staff.inGroupPlc, 4, "this cycle's lead and three members (n10, who owns the group enquiry, counted once)");
    assert.equal(p.staff.onIndividualProject, 1);
    const reached = Object.fromEntries(p.stages.map((s) => [s.stage, s.reached]));
    assert.equal(reached['question'], 2);
    assert.equal(reached['observation'], 1);
    const question = p.timeInStage.find((t) => t.stage === 'question')!;
    assert.equal(question.enquiries >= 1, true);
    assert.equal(Math.round(question.medianDays! * 10) / 10 >= 3, true, 'g1 spent three days drafting and in review');
    const south = school(figures, 'sch-south')!.participation;
    assert.equal(south.enquiries, 1, "South's own enquiry only");
    assert.equal(figures.trust!.walks.length, 1);
    assert.deepEqual([figures.trust!.walks[0]!.result.lessonsShowingFocus, figures.trust!.walks[0]!.result.lessonsVisited], [7, 10]);
  });

  it('survey figures count answer sheets, and say how many surveys can be read', async () => {
    const lead = await test.as('n10', TRUST);
    const survey = { schemaVersion: 1, id: 'sv-1', enquiryId: 'g1', title: 'Comments', questions: [{ id: 'q1', text: 'I read comments', type: 'agree' }], status: 'open', createdById: 'n10' };
    assert.equal((await lead.put('/v1/records/surveys/sv-1', survey, { 'if-none-match': '*' })).status, 201);
    const before = (await trustLeader.get(FIGURES)).body as LeadersFigures;
    assert.deepEqual(before.trust!.surveys, { surveys: 1, open: 1, readable: 0, responses: 0 });
    const { token } = (await lead.post('/v1/surveys/sv-1/tokens', {})).body;
    for (let i = 0; i < 5; i++) assert.equal((await client(test.url).post(`/v1/surveys/sv-1/responses?token=${token}`, { answers: { q1: 4 } })).status, 201);
    const after = (await trustLeader.get(FIGURES)).body as LeadersFigures;
    assert.deepEqual(after.trust!.surveys, { surveys: 1, open: 1, readable: 1, responses: 5 }, 'answers invalidate the cached figures');
    assert.deepEqual(school(after, 'sch-north')!.surveys.responses, 5);
    assert.deepEqual(school(after, 'sch-south')!.surveys.responses, 0);
  });

  it('who reads the figures: CPD leaders and the service; teachers, leads, administrators and other trusts are refused', async () => {
    assert.equal((await service.get(FIGURES)).status, 200);
    for (const [who, roles] of [['n10', ['teacher']], ['n09', ['teacher']], ['p-admin', ['admin']]] as const) {
      const reply = await (await test.as(who, TRUST, [...roles])).get(FIGURES);
      assert.equal(reply.status, 403, who);
      assert.equal(reply.body.reason, 'not-aggregate-reader');
    }
    const elsewhere = await test.as('p-x', 'trust-elsewhere', ['cpd-leader']);
    assert.equal((await elsewhere.get(FIGURES)).status, 403, 'no directory record in that trust: no school to read');
    assert.equal((await client(test.url).get(FIGURES)).status, 401);
  });

  it('figures are cached until the data changes, and recomputed when it does', async () => {
    const cache = new FiguresCache();
    const deps = { db: () => testDb.db, authenticate: async () => ({ kind: 'service' as const, subject: 's', trustId: TRUST }), lifecycle: defaultLifecycle, cache };
    const principal = { kind: 'service' as const, subject: 's', trustId: TRUST };
    const first = await readFigures(deps, principal, { cycleId: 'cy-1' });
    await readFigures(deps, principal, { cycleId: 'cy-1', schoolId: 'sch-south' });
    assert.equal(cache.computed, 1, 'the second answer came from the cache');
    const changed = { schemaVersion: 1, id: 'ap-s04', personId: 's04', cycleId: 'cy-1', aspectId: 'asp-fb', strength: false };
    const current = await service.get('/v1/records/appraisals/ap-s04');
    assert.equal((await service.put('/v1/records/appraisals/ap-s04', changed, { 'if-match': current.headers.get('etag')! })).status, 200);
    const second = await readFigures(deps, principal, { cycleId: 'cy-1' });
    assert.equal(cache.computed, 2);
    assert.equal(impactOf(second.trust).all.strengths, impactOf(first.trust).all.strengths - 1);
  });
});
