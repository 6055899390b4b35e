/**
 * Faults with real processes: the server killed in the middle of a push (before and after its
 * transaction commits), the client retrying until every event is stored exactly once; and the
 * `plc-kit serve` command bringing it back and stopping gracefully on SIGTERM.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PEOPLE, eventWriter, individualDetails } from '../support/store-fixtures.js';
import { CHILD_SERVER as CHILD, client, ON, openTestDb, startChild as start, tokenFor, type Child, type TestDb } from './helpers.js';

const BIN = fileURLToPath(new URL('../../bin/plc-kit.js', import.meta.url));

describe(`server: faults in real processes (${ON})`, () => {
  let testDb: TestDb;
  let dbOptions: string;
  before(async () => {
    testDb = await openTestDb();
    // The children open the database themselves (an embedded one has one process at a time).
    await testDb.db.close();
    dbOptions = JSON.stringify(testDb.reopen);
  });
  after(async () => {
    if (!testDb) return;
    const { openDb } = await import('../../src/server/index.js');
    testDb.db = await openDb(testDb.reopen);
    await testDb.cleanup();
  });

  for (const pause of ['before-commit', 'after-commit'] as const) {
    it(`the server killed during a push (${pause}): the client retries and every event is stored exactly once`, async () => {
      const trust = `trust-kill-${pause}`;
      const enquiryId = `enq-${pause}`;
      const write = eventWriter({ prefix: `k-${pause}` });
      const events = [
        ...write.walk(enquiryId, 'question.drafting', individualDetails({ ownerIds: [PEOPLE.ana.id] })),
        ...Array.from({ length: 198 }, (_, i) => write.event(enquiryId, 'question.draft', { text: `Draft ${i}`, rationale: '', targetStudents: '', plannedActions: [], successCriteria: [], plannedEvidence: [] })),
      ];
      const token = await tokenFor({ sub: PEOPLE.ana.id, trust });
      const push = (url: string) => client(url, token).post(`/v1/enquiries/${enquiryId}/events`, { events });

      const doomed = await start(CHILD, [], { PLC_TEST_DB: dbOptions, PLC_TEST_PAUSE: pause });
      const attempt = push(doomed.url).then(
        (reply) => reply.status,
        () => 'connection lost',
      );
      await doomed.line('paused');
      doomed.process.kill('SIGKILL');
      assert.equal(await doomed.exited, null, 'killed');
      assert.equal(await attempt, 'connection lost', 'the client saw the connection drop, not an answer');

      // The server comes back: the plain test server, or the `plc-kit serve` command itself.
      const revived = pause === 'before-commit' ? await start(CHILD, [], { PLC_TEST_DB: dbOptions }) : await serve();
      try {
        const retry = await push(revived.url);
        assert.equal(retry.status, 200);
        const expected = pause === 'before-commit' ? 'appended' : 'duplicate';
        assert.deepEqual([...new Set(retry.body.results.map((r: { status: string }) => r.status))], [expected], `the retry finds the events ${pause === 'before-commit' ? 'never stored' : 'already stored'}`);
        const again = await push(revived.url);
        assert.deepEqual([...new Set(again.body.results.map((r: { status: string }) => r.status))], ['duplicate']);
        const log = await client(revived.url, token).get(`/v1/enquiries/${enquiryId}/events`);
        const ids = log.body.events.map((e: { id: string }) => e.id);
        assert.equal(ids.length, events.length, 'every event stored');
        assert.equal(new Set(ids).size, ids.length, 'none twice');
        assert.equal((await client(revived.url, token).get(`/v1/enquiries/${enquiryId}`)).body.counts.events, events.length, 'the summary counts each once');
      } finally {
        revived.process.kill('SIGTERM');
        assert.equal(await revived.exited, 0, 'a graceful stop on SIGTERM');
      }
      if (pause === 'after-commit') {
        assert.match(revived.url, /^http:\/\/127\.0\.0\.1:\d+$/, '`plc-kit serve` binds 127.0.0.1 by default');
        await revived.line('stopped');
      }
    });
  }

  /** `plc-kit serve` on the same database, configured as a deployment would be: by environment. */
  function serve(): Promise<Child> {
    const options = JSON.parse(dbOptions) as { databaseUrl?: string; dataDir?: string; schema: string };
    const env: Record<string, string> = { PLC_DB_SCHEMA: options.schema, PLC_PORT: '0' };
    if (options.databaseUrl) env['DATABASE_URL'] = options.databaseUrl;
    return start(BIN, ['serve', ...(options.dataDir ? ['--data', options.dataDir] : [])], env);
  }
});
