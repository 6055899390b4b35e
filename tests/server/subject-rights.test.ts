/**
 * Subject access and erasure (docs/privacy.md): what a pack holds, and erasure by tombstones that
 * replay (every enquiry keeps its stage, only the person's words go, every device fetches the
 * trust again), through the functions and through the `plc-kit` commands an operator runs.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { defaultLifecycle } from '../../src/lifecycle/lifecycle.js';
import { erase, subjectAccess } from '../../src/server/index.js';
import { ERASED, FORMER_COLLEAGUE } from '../../src/export/subjectRights.js';
import { PEOPLE, eventWriter, observation } from '../support/store-fixtures.js';
import { ON, openTestDb, pullAll, pushAsAuthors, seedTrust, startServer, type Json, type TestDb, type TestServer } from './helpers.js';

const TRUST = 'trust-rights';
const BIN = fileURLToPath(new URL('../../bin/plc-kit.js', import.meta.url));
const ANA_WORDS = 'Ana wrote this reflection herself';
const BEN_WORDS = 'Ben wrote this about his own practice';

describe(`subject access and erasure (${ON})`, () => {
  let testDb: TestDb;
  let test: TestServer;

  before(async () => {
    testDb = await openTestDb();
    test = await startServer(testDb.db);
    await seedTrust(test, TRUST, [['appraisals', { schemaVersion: 1, id: 'ap-ana', personId: PEOPLE.ana.id, cycleId: 'cycle-2025', aspectId: 'asp-feedback', strength: true } as never]]);
    const write = eventWriter({ prefix: 'sr' });
    // Ana drafts the question; Ben observes Ana's lesson; Ana and Ben reflect.
    await pushAsAuthors(test, TRUST, 'enq-r', [
      ...write.walk('enq-r', 'observation'),
      write.event('enq-r', 'observation.record', observation(1), PEOPLE.ben.id),
      write.event('enq-r', 'evidence.start', {}),
      write.event('enq-r', 'reflection.save', { whatWorked: ANA_WORDS, whatDidNot: '', nextSteps: '' }),
      write.event('enq-r', 'evidence.add', { id: 'ev-ben', kind: 'note', title: 'Ben note', text: BEN_WORDS }, PEOPLE.ben.id),
    ]);
  });
  after(async () => {
    await test?.close();
    await testDb?.cleanup();
  });

  it('a subject-access pack holds their record, their words, observations of their lessons, reviews of their questions and their appraisal records', async () => {
    const pack = await subjectAccess(testDb.db, TRUST, PEOPLE.ana.id, new Date('2026-12-07T10:00:00Z'));
    assert.equal(pack.person?.name, PEOPLE.ana.name);
    assert.ok(pack.eventsWritten.length >= 4 && pack.eventsWritten.every((e) => e.authorId === PEOPLE.ana.id));
    assert.ok(JSON.stringify(pack.eventsWritten).includes(ANA_WORDS));
    assert.deepEqual(pack.observationsOfTheirLessons.map((e) => e.payload['strengths']), [observation(1).strengths], "Ben's notes about Ana's lesson are hers too");
    assert.deepEqual(pack.reviewsOfTheirQuestions.map((e) => e.type), ['question.approve']);
    assert.deepEqual(pack.appraisalRecords.map((a) => a.id), ['ap-ana']);
    assert.equal(JSON.stringify(pack).includes(BEN_WORDS), false, "other people's own words are not in it");
  });

  it('erasure leaves tombstones that replay: the same stage, her words gone, everyone else\'s kept, every device reset', async () => {
    const service = await test.service(TRUST);
    const teacher = await test.as(PEOPLE.ben.id, TRUST);
    const checkpoint = (await pullAll(teacher)).checkpoint;
    const before = (await service.get('/v1/enquiries/enq-r')).body;
    const report = await erase(testDb.db, defaultLifecycle, TRUST, PEOPLE.ana.id);
    assert.deepEqual({ ...report, events: report.events > 0 }, { personId: PEOPLE.ana.id, events: true, enquiries: 1, appraisals: 1, person: true, credentials: 0 });

    const after = (await service.get('/v1/enquiries/enq-r')).body;
    assert.deepEqual([after.stage, after.step, after.counts], [before.stage, before.step, before.counts], 'the enquiry replays to the same stage, with no new refusal');
    const log = JSON.stringify((await service.get('/v1/enquiries/enq-r/events')).body);
    for (const gone of [ANA_WORDS, observation(1).strengths, 'How can we encourage students']) assert.equal(log.includes(gone), false, gone);
    assert.ok(log.includes(ERASED));
    assert.ok(log.includes(BEN_WORDS), "Ben's own words stay");
    const ana = (await service.get(`/v1/records/people/${PEOPLE.ana.id}`)).body.record;
    assert.deepEqual([ana.name, ana.email, ana.roles], [FORMER_COLLEAGUE, undefined, PEOPLE.ana.roles]);
    assert.ok(!Number.isNaN(Date.parse(ana.erasedAt)), 'marked erased: the mark, not the name, is what tells (no more badges)');
    assert.equal((await service.get('/v1/records/appraisals/ap-ana')).status, 404);
    const pulled = await pullAll(teacher, checkpoint);
    assert.equal(pulled.reset, true, 'devices drop their copies and pull the trust again');
    assert.equal(JSON.stringify(pulled.changes).includes(ANA_WORDS), false);
  });

  it('the operator commands: subject-access prints the pack, erase needs --confirm', () => {
    const env = { ...process.env, ...testDb.reopen.databaseUrl ? { DATABASE_URL: testDb.reopen.databaseUrl } : {}, PLC_DB_SCHEMA: testDb.reopen.schema };
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', timeout: 120_000 });
    if (!testDb.reopen.databaseUrl) {
      // PGlite is one process at a time: the command-line check of a PGlite folder is in the PostgreSQL run.
      const refused = run('erase', '--trust', TRUST, '--person', PEOPLE.ben.id);
      assert.equal(refused.status, 1);
      assert.match(refused.stderr, /--confirm/);
      return;
    }
    const printed = run('subject-access', '--trust', TRUST, '--person', PEOPLE.ben.id);
    assert.equal(printed.status, 0, printed.stderr);
    const pack = JSON.parse(printed.stdout) as Json;
    assert.equal(pack.format, 'plc-kit-subject-access');
    assert.ok(JSON.stringify(pack.eventsWritten).includes(BEN_WORDS));
    const refused = run('erase', '--trust', TRUST, '--person', PEOPLE.ben.id);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /cannot be undone.*--confirm/);
    const erased = run('erase', '--trust', TRUST, '--person', PEOPLE.ben.id, '--confirm');
    assert.equal(erased.status, 0, erased.stderr);
    assert.equal(JSON.parse(erased.stdout).personId, PEOPLE.ben.id);
  });
});
