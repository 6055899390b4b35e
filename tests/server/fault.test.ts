/**
 * Faults with real processes: the server killed in the middle of a push (before and after its
 * transaction commits) while the HTTP sync store pushes through it; the store retrying on its own
 * until every event is stored exactly once; and the `plc-kit serve` command bringing the server
 * back and stopping gracefully on SIGTERM. (The sync store's other faults, in one process, are in
 * http-store-faults.test.ts; this file once had a plain-client copy of the same kill, merged here
 * to start half as many server processes.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { DomainEvent } from '../../src/lifecycle/events.js';
import { createHttpSyncStore } from '../../src/store/http.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { createMemoryOutbox } from '../../src/store/syncOutbox.js';
import { eventually } from '../support/assert.js';
import { PEOPLE, eventWriter, individualDetails } from '../support/store-fixtures.js';
import { CHILD_SERVER as CHILD, client, ON, openTestDb, startChild as start, tokenFor, type Child, type TestDb } from './helpers.js';

const BIN = fileURLToPath(new URL('../../bin/plc-kit.js', import.meta.url));

const statuses = (reply: { body: { results: Array<{ status: string }> } }) => [...new Set(reply.body.results.map((r) => r.status))];

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
    it(`the server killed during a push (${pause}): the sync store retries on its own and every event is stored exactly once`, async () => {
      const trust = `trust-kill-${pause}`;
      const enquiryId = `enq-${pause}`;
      const write = eventWriter({ prefix: `k-${pause}` });
      const events = [
        ...write.walk(enquiryId, 'question.drafting', individualDetails({ ownerIds: [PEOPLE.ana.id] })),
        ...Array.from({ length: 198 }, (_, i) => write.event(enquiryId, 'question.draft', { text: `Draft ${i}`, rationale: '', targetStudents: '', plannedActions: [], successCriteria: [], plannedEvidence: [] })),
      ];
      const token = await tokenFor({ sub: PEOPLE.ana.id, trust });
      // The store talks to one address; behind it, the server process is replaced (as behind a proxy).
      let target = '';
      const fetchVia: typeof fetch = (input, init) => fetch(String(input).replace('http://plc.test', target), init);
      const doomed = await start(CHILD, [], { PLC_TEST_DB: dbOptions, PLC_TEST_PAUSE: pause });
      target = doomed.url;
      const store = await createHttpSyncStore({
        server: 'http://plc.test',
        token: async () => token,
        local: createMemoryStore(),
        outbox: createMemoryOutbox(),
        pullIntervalMs: 0,
        retry: { baseMs: 20, maxMs: 150 },
        fetch: fetchVia,
      });
      let revived: Child | undefined;
      try {
        await store.sync();
        await store.append(enquiryId, events);
        await doomed.line('paused');
        doomed.process.kill('SIGKILL');
        assert.equal(await doomed.exited, null, 'killed');
        await eventually(() => store.syncState.status === 'offline', 'the store saw the connection drop, not an answer', 5_000);
        assert.equal(store.syncState.waiting, events.length, 'every event still waiting');

        // The server comes back: the plain test server, or the `plc-kit serve` command itself.
        revived = pause === 'before-commit' ? await start(CHILD, [], { PLC_TEST_DB: dbOptions }) : await serve();
        const api = client(revived.url, token);
        const storedAtDeath = (await api.get(`/v1/enquiries/${enquiryId}/events`)).body.events ?? [];
        assert.equal(storedAtDeath.length, pause === 'before-commit' ? 0 : events.length, `the events were ${pause === 'before-commit' ? 'never stored' : 'already stored'} when the server died`);

        target = revived.url;
        await eventually(() => store.syncState.status === 'synced', 'synced again by its own retries', 10_000);
        assert.equal(store.syncState.waiting, 0);
        const log = await api.get(`/v1/enquiries/${enquiryId}/events`);
        const stored = log.body.events.map((e: DomainEvent) => e.id);
        assert.equal(stored.length, events.length, 'every event stored');
        assert.equal(new Set(stored).size, stored.length, 'none twice');
        assert.deepEqual(stored, (await store.readLog(enquiryId)).map((e) => e.id), 'in the order the store has them');
        assert.equal((await api.get(`/v1/enquiries/${enquiryId}`)).body.counts.events, events.length, 'the summary counts each once');
        const again = await api.post(`/v1/enquiries/${enquiryId}/events`, { events });
        assert.deepEqual([again.status, statuses(again)], [200, ['duplicate']], 'sent once more, every event is a duplicate');
      } finally {
        await store.close();
        if (doomed.process.exitCode === null && doomed.process.signalCode === null) doomed.process.kill('SIGKILL');
        if (revived) {
          revived.process.kill('SIGTERM');
          assert.equal(await revived.exited, 0, 'a graceful stop on SIGTERM');
        }
      }
      if (pause === 'after-commit') {
        assert.match(revived!.url, /^http:\/\/127\.0\.0\.1:\d+$/, '`plc-kit serve` binds 127.0.0.1 by default');
        await revived!.line('stopped');
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
