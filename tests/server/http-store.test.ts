/**
 * The store conformance suite against the HTTP sync store talking to the real server (PGlite by
 * default, PostgreSQL with DATABASE_URL). Node has no IndexedDB, so each adapter keeps its copy
 * in a memory store. `reopen` opens a second adapter on the same local copy and outbox, as a
 * second tab does in a browser.
 *
 * Every test ends by syncing and checking that the server holds exactly what the adapter holds
 * (logs in merge order, summaries, records with versions), and that a fresh client pulling from
 * the server ends up with the same content.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Lifecycle } from '../../src/lifecycle/lifecycle.js';
import { createHttpSyncStore, type HttpSyncStore } from '../../src/store/http.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { createMemoryOutbox } from '../../src/store/syncOutbox.js';
import { COLLECTIONS } from '../../src/schema/directory.js';
import type { Backup, Store } from '../../src/store/store.js';
import { deepEqual } from '../support/assert.js';
import { storeConformance } from '../support/store-conformance.js';
import { client, ON, openTestDb, startServer, tokenFor, type TestDb, type TestServer } from './helpers.js';

let testDb: TestDb;
let server: TestServer;
let trusts = 0;

before(async () => {
  testDb = await openTestDb();
  server = await startServer(testDb.db);
});

after(async () => {
  await server?.close();
  await testDb?.cleanup();
});

const withoutTime = (backup: Backup) => ({ ...backup, exportedAt: '(any)' });

/** Syncs `store` and checks the server (and a fresh client) hold exactly what it holds. */
async function assertConverged(store: HttpSyncStore, token: string, lifecycle: Lifecycle | undefined): Promise<void> {
  const state = await store.sync();
  assert.equal(state.status, 'synced', `the adapter synced: ${JSON.stringify(state)}`);
  assert.equal(state.waiting, 0);
  const api = client(store.server, token);
  for (const summary of await store.listEnquiries()) {
    const log = await api.get(`/v1/enquiries/${summary.enquiryId}/events`);
    assert.deepEqual(
      log.body.events.map((e: { id: string }) => e.id),
      (await store.readLog(summary.enquiryId)).map((e) => e.id),
      `the server has ${summary.enquiryId}'s log, in the same order`,
    );
    deepEqual((await api.get(`/v1/enquiries/${summary.enquiryId}`)).body, summary, `the server's summary of ${summary.enquiryId} is the adapter's`);
  }
  for (const collection of COLLECTIONS) {
    if (collection === 'surveyResponses') continue;
    const records = (await api.get(`/v1/records/${collection}`)).body.records;
    deepEqual(records, await store.list(collection), `the server has the same ${collection}`);
  }
  // A new device pulling everything gets the same content.
  const fresh = await createHttpSyncStore({ server: store.server, token: () => token, local: createMemoryStore({ lifecycle }), outbox: createMemoryOutbox(), lifecycle, pullIntervalMs: 0 });
  try {
    assert.equal((await fresh.sync()).status, 'synced');
    deepEqual(withoutTime(await fresh.exportBackup()), withoutTime(await store.exportBackup()), 'a fresh client pulls the same content');
    deepEqual(await fresh.listEnquiries(), await store.listEnquiries());
  } finally {
    await fresh.close();
  }
}

storeConformance(
  `http (real server on ${ON})`,
  async (options) => {
    const trust = `trust-conf-${++trusts}`;
    const token = await tokenFor({ trust, service: true, sub: 'sync-job' });
    const local = createMemoryStore(options);
    const outbox = createMemoryOutbox();
    const opened: HttpSyncStore[] = [];
    const open = async (): Promise<Store> => {
      const store = await createHttpSyncStore({
        server: server.url,
        token: async () => token,
        local,
        outbox,
        lifecycle: options.lifecycle,
        pullIntervalMs: 0,
        retry: { baseMs: 20, maxMs: 200 },
      });
      opened.push(store);
      return store;
    };
    const store = (await open()) as HttpSyncStore;
    return {
      store,
      reopen: open,
      settle: async () => void (await store.sync()),
      cleanup: async () => {
        try {
          await assertConverged(store, token, options.lifecycle);
        } finally {
          for (const each of opened) await each.close();
          await local.close();
        }
      },
    };
  },
  { describe, it },
);
