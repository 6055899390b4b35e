/**
 * The IndexedDB store in real Chromium: the conformance suite (and the memory store's, in the
 * browser), then what only IndexedDB does: a reload in the middle of a batch, other tabs told
 * through BroadcastChannel, a database upgrade from another tab, a full quota, and the upgrade
 * from a version-1 database. Every test uses its own database and deletes it.
 */
import { deleteDB, openDB, type IDBPDatabase } from 'idb';
import { createIndexedDbStore, type IndexedDbStore, type IndexedDbStoreOptions } from '../../src/store/indexeddb.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { StoreError, type Store, type StoreChange } from '../../src/store/store.js';
import { deepEqual, equal, eventually, match, ok, rejects } from '../support/assert.js';
import { replayedSummary, storeConformance } from '../support/store-conformance.js';
import { COMMUNITY, CYCLE, PEOPLE, eventWriter, observation, seedDirectory } from '../support/store-fixtures.js';

let counter = 0;
const uniqueName = (label: string) => `plc-test-${label}-${Date.now().toString(36)}-${(counter += 1)}-${Math.random().toString(36).slice(2, 8)}`;

/** Opens stores on one fresh database and deletes it afterwards. */
function database(label: string, base: IndexedDbStoreOptions = {}) {
  const name = uniqueName(label);
  const opened: Store[] = [];
  const open = async (options: IndexedDbStoreOptions = {}) => {
    const store = await createIndexedDbStore({ name, ...base, ...options });
    opened.push(store);
    return store;
  };
  const cleanup = async () => {
    for (const store of opened) await store.close().catch(() => {});
    await deleteDB(name);
  };
  return { name, open, cleanup };
}

storeConformance(
  'indexeddb',
  async (options) => {
    const db = database('conformance', options);
    return { store: await db.open(), reopen: () => db.open(), cleanup: db.cleanup };
  },
  { describe, it },
);

storeConformance('memory (in the browser)', async (options) => ({ store: createMemoryStore(options), cleanup: async () => {} }), { describe, it });

/** Observations enough to make a batch that takes a while to write. */
const manyObservations = (write: ReturnType<typeof eventWriter>, enquiryId: string, count: number) =>
  Array.from({ length: count }, (_, i) => write.event(enquiryId, 'observation.record', { ...observation(i), id: `obs-${i}` }, PEOPLE.ben.id));

describe('indexeddb store: what only IndexedDB does', () => {
  describe('a reload in the middle of a batch', () => {
    it('a page torn down while its batch is being written leaves all of the batch or none', async () => {
      const db = database('reload');
      try {
        const write = eventWriter();
        const batch = [...write.walk('enq-1', 'observation'), ...manyObservations(write, 'enq-1', 200)];
        const module = new URL('../../src/store/indexeddb.ts', import.meta.url).href;
        const frame = document.createElement('iframe');
        const torn = new Promise<string>((resolve) => {
          const onMessage = (message: MessageEvent) => {
            if (message.data?.test !== db.name) return;
            window.removeEventListener('message', onMessage);
            resolve(String(message.data.phase));
          };
          window.addEventListener('message', onMessage);
        });
        // The page in the frame removes itself while its transaction is still open: the
        // browser aborts it, as it does when a tab reloads or closes mid-write.
        frame.srcdoc = `<script type="module">
          import { createIndexedDbStore } from ${JSON.stringify(module)};
          const events = ${JSON.stringify(batch)};
          const store = await createIndexedDbStore({
            name: ${JSON.stringify(db.name)},
            broadcast: false,
            beforeCommit() {
              parent.postMessage({ test: ${JSON.stringify(db.name)}, phase: 'writing' }, '*');
              window.frameElement.remove();
            },
          });
          store.append('enq-1', events);
        </script>`;
        document.body.append(frame);
        equal(await torn, 'writing');
        await new Promise((resolve) => setTimeout(resolve, 50));
        const store = await db.open();
        const log = await store.readLog('enq-1');
        ok(log.length === 0 || log.length === batch.length, `all or nothing, got ${log.length} of ${batch.length}`);
        equal(log.length, 0, 'the batch was torn down before it committed');
        equal(await store.getSummary('enq-1'), undefined, 'and no summary was written either');
        await store.append('enq-1', batch);
        equal((await store.getSummary('enq-1'))?.counts.events, batch.length);
      } finally {
        await db.cleanup();
      }
    });

    it('an aborted transaction writes nothing, and the same batch can be appended again', async () => {
      let abort = true;
      const db = database('abort', { beforeCommit: (probe) => abort && probe.abort() });
      try {
        const store = await db.open();
        const write = eventWriter();
        const batch = [...write.walk('enq-1', 'observation'), ...manyObservations(write, 'enq-1', 20)];
        await rejects(store.append('enq-1', batch), { type: StoreError, code: 'unavailable', message: /none of them was saved/ });
        const reader = await db.open({ beforeCommit: undefined });
        deepEqual(await reader.readLog('enq-1'), []);
        equal(await reader.getSummary('enq-1'), undefined);
        abort = false;
        deepEqual(new Set((await store.append('enq-1', batch)).map((r) => r.status)), new Set(['appended']));
        equal((await reader.readLog('enq-1')).length, batch.length);
      } finally {
        await db.cleanup();
      }
    });

    it('a reader during a batch, or a close right after it starts, sees all of it or none', async () => {
      const db = database('inflight');
      try {
        const store = await db.open();
        const reader = await db.open();
        const write = eventWriter();
        const batch = [...write.walk('enq-1', 'observation'), ...manyObservations(write, 'enq-1', 400)];
        const appending = store.append('enq-1', batch);
        const seen: number[] = [];
        for (let i = 0; i < 5; i += 1) {
          const [log, summary] = await Promise.all([reader.readLog('enq-1'), reader.getSummary('enq-1')]);
          seen.push(log.length);
          equal(summary?.counts.events ?? 0, log.length, 'the summary always matches the log');
        }
        await appending;
        ok(seen.every((n) => n === 0 || n === batch.length), `never half a batch: ${seen.join(', ')}`);
        const more = manyObservations(eventWriter({ prefix: 'm', start: '2025-10-01T08:00:00.000Z' }), 'enq-1', 300).map((e, i) => ({ ...e, payload: { ...e.payload, id: `obs-m${i}` } }));
        const late = store.append('enq-1', more);
        const closing = store.close();
        await Promise.allSettled([late, closing]);
        const after = await db.open();
        const log = await after.readLog('enq-1');
        ok(log.length === batch.length || log.length === batch.length + more.length, `all or nothing after a close: ${log.length}`);
        equal((await after.getSummary('enq-1'))?.counts.events, log.length);
      } finally {
        await db.cleanup();
      }
    });
  });

  describe('other tabs', () => {
    it('tells other tabs of every change through BroadcastChannel, with origin remote', async () => {
      const db = database('broadcast');
      try {
        const tabA = await db.open();
        const tabB = await db.open();
        const heard: StoreChange[] = [];
        tabB.subscribe((change) => heard.push(change));
        const write = eventWriter();
        const events = write.walk('enq-1', 'question.review');
        await tabA.append('enq-1', events);
        await eventually(() => heard.length === 1, 'the events change in tab B');
        deepEqual(heard[0], { kind: 'events', enquiryId: 'enq-1', eventIds: events.map((e) => e.id), origin: 'remote' });
        equal((await tabB.getSummary('enq-1'))?.step, 'question.review', 'tab B reads the new summary without reloading');
        await tabA.put('people', PEOPLE.ana, 0);
        await tabA.importBackup(await tabA.exportBackup());
        await eventually(() => heard.length === 3, 'the record and reset changes');
        deepEqual(heard.slice(1), [
          { kind: 'record', collection: 'people', id: PEOPLE.ana.id, version: 1, origin: 'remote' },
          { kind: 'reset', origin: 'remote' },
        ]);
        const ownHeard: StoreChange[] = [];
        tabA.subscribe((change) => ownHeard.push(change));
        await tabA.put('people', PEOPLE.ben, 0);
        deepEqual(ownHeard.map((c) => c.origin), ['local'], 'a tab hears its own changes once, as local');
      } finally {
        await db.cleanup();
      }
    });

    it('steps aside when another tab upgrades the database, and reopens on the next call', async () => {
      const db = database('versionchange');
      let other: IDBPDatabase | undefined;
      try {
        const store = await db.open();
        await seedDirectory(store);
        const write = eventWriter();
        await store.append('enq-1', write.walk('enq-1', 'question.review'));
        // A newer plc-kit in another tab: this resolves only if the store closes its connection.
        other = await openDB(db.name, 3, {
          upgrade(database) {
            database.createObjectStore('coaching');
          },
        });
        equal(other.version, 3);
        other.close();
        await store.append('enq-1', [write.event('enq-1', 'question.approve', {}, PEOPLE.lead.id)]);
        equal((await store.getSummary('enq-1'))?.stage, 'observation', 'the store works on the upgraded database');
        equal((await store.list('people')).length, 4);

        const deleted = deleteDB(db.name);
        await deleted;
        deepEqual(await store.listEnquiries(), [], 'deleted by another tab: reopened empty, no error');
      } finally {
        other?.close();
        await db.cleanup();
      }
    });

    it('says so when its upgrade waits for an older tab, then carries on', async () => {
      const name = uniqueName('blocked');
      const old = await openDB(name, 1, {
        upgrade(database) {
          database.createObjectStore('events', { keyPath: 'id' }).createIndex('enquiryId', 'enquiryId');
          database.createObjectStore('records', { keyPath: ['collection', 'id'] });
          database.createObjectStore('meta');
        },
      });
      const heard: StoreChange[] = [];
      let store: IndexedDbStore | undefined;
      try {
        const opening = createIndexedDbStore({ name, listener: (change) => heard.push(change) });
        await eventually(() => heard.length > 0, 'the blocked notice');
        equal(heard[0]?.kind, 'error');
        const error = (heard[0] as { error: StoreError }).error;
        equal(error.code, 'unavailable');
        match(error.message, /another tab/);
        old.close();
        store = await opening;
        deepEqual(await store.listEnquiries(), []);
      } finally {
        old.close();
        await store?.close();
        await deleteDB(name);
      }
    });
  });

  describe('summaries across connections', () => {
    it('an append after another connection wrote, or the directory changed, still gives the replayed summary', async () => {
      const db = database('speculation');
      try {
        const tabA = await db.open();
        const tabB = await db.open();
        await seedDirectory(tabA);
        const a = eventWriter({ prefix: 'a', node: 'tab-a' });
        const b = eventWriter({ prefix: 'b', node: 'tab-b', start: '2025-09-04T09:00:00.000Z' });
        await tabA.append('enq-1', a.walk('enq-1', 'observation'));
        await tabA.append('enq-1', [a.event('enq-1', 'observation.record', observation(1), PEOPLE.ben.id)]);
        await tabB.append('enq-1', [b.event('enq-1', 'observation.record', { ...observation(2), id: 'obs-b' }, PEOPLE.ben.id)]);
        await tabA.append('enq-1', [a.event('enq-1', 'evidence.start')]);
        const afterOther = await tabA.getSummary('enq-1');
        deepEqual(afterOther, await replayedSummary(tabA, 'enq-1'), 'tab A saw the event tab B wrote');
        equal(afterOther?.counts.observations, 2);

        const cycle = await tabB.get('cycles', CYCLE.id);
        await tabB.put('cycles', { ...cycle!.record, policy: { ...cycle!.record.policy, minObservations: 3 } }, cycle!.version);
        await tabA.append('enq-1', [a.event('enq-1', 'reflection.save', { whatWorked: 'Time', whatDidNot: '', nextSteps: '' })]);
        const afterPolicy = await tabA.getSummary('enq-1');
        equal(afterPolicy?.stage, 'evidence', 'a raised policy does not undo the step taken before it');
        deepEqual(afterPolicy, await replayedSummary(tabA, 'enq-1'));
        a.tick(Date.now() + 60_000 - a.now()); // written after the change: the raised policy applies
        await tabA.append('enq-2', a.walk('enq-2', 'evidence'));
        const later = await tabA.getSummary('enq-2');
        equal(later?.stage, 'observation', 'three observations are now needed (tab A saw tab B\'s change)');
        deepEqual(later, await replayedSummary(tabA, 'enq-2'));

        const retry = await tabA.append('enq-1', (await tabA.readLog('enq-1')).slice(-2));
        deepEqual(retry.map((r) => r.status), ['duplicate', 'duplicate']);
        deepEqual(await tabA.getSummary('enq-1'), afterPolicy, 'a retried batch changes no summary');

        const backup = await tabB.exportBackup();
        const swapped = backup.events.map((e) => (e.type === 'reflection.save' ? { ...e, type: 'enquiry.rename', payload: { title: 'Swapped in' } } : e));
        await tabB.importBackup({ ...backup, events: swapped });
        await tabA.append('enq-1', [a.event('enq-1', 'observation.record', { ...observation(3), id: 'obs-3' }, PEOPLE.ben.id)]);
        const afterImport = await tabA.getSummary('enq-1');
        equal(afterImport?.title, 'Swapped in', 'an import in another tab is seen');
        deepEqual(afterImport, await replayedSummary(tabA, 'enq-1'));
      } finally {
        await db.cleanup();
      }
    });

    it('long logs resume from a stored snapshot, and an event that sorts before it replays the log', async () => {
      const db = database('snapshots');
      try {
        const writer = await db.open();
        await seedDirectory(writer);
        const write = eventWriter();
        await writer.append('enq-1', write.walk('enq-1', 'evidence'));
        for (let i = 0; i < 70; i += 1) {
          await writer.append('enq-1', [write.event('enq-1', 'evidence.add', { id: `ev-${i}`, kind: 'note', title: `Note ${i}`, text: 'Seen' })]);
        }
        const fresh = await db.open();
        await fresh.append('enq-1', [write.event('enq-1', 'evidence.add', { id: 'ev-last', kind: 'note', title: 'Last', text: 'Seen' })]);
        const summary = await fresh.getSummary('enq-1');
        equal(summary?.counts.evidence, 71);
        deepEqual(summary, await replayedSummary(fresh, 'enq-1'), 'resumed from the snapshot and the events after it');
        const early = { ...write.event('enq-1', 'enquiry.rename', { title: 'Renamed early' }), hlc: '000001757000000-00000-d0' };
        const other = await db.open();
        await other.append('enq-1', [early]);
        const replayed = await other.getSummary('enq-1');
        equal(replayed?.counts.events, 6 + 71 + 1);
        deepEqual(replayed, await replayedSummary(other, 'enq-1'), 'an event from before the snapshot replays the whole log');
        const third = await db.open();
        await third.append('enq-1', [write.event('enq-1', 'evidence.add', { id: 'ev-after', kind: 'note', title: 'After', text: 'Seen' })]);
        const after = await third.getSummary('enq-1');
        equal(after?.counts.events, 6 + 71 + 2, 'the late event is not lost by a later resume');
        deepEqual(after, await replayedSummary(third, 'enq-1'));
      } finally {
        await db.cleanup();
      }
    });
  });

  describe('a full quota', () => {
    const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

    it('keeps the batch in memory, reports it, reads include it, and retries until it is saved', async () => {
      let full = true;
      const db = database('quota', { retry: { initialMs: 40, maxMs: 200 } });
      try {
        const store = await db.open({ beforeCommit: () => { if (full) throw quotaError(); } });
        const reader = await db.open();
        await seedDirectory(reader);
        const heard: StoreChange[] = [];
        store.subscribe((change) => heard.push(change));
        const write = eventWriter();
        const first = write.walk('enq-1', 'question.review');
        const results = await store.append('enq-1', first);
        deepEqual(results.map((r) => [r.status, r.pending]), first.map(() => ['appended', true]), 'accepted, not yet durable');
        const quota = heard.find((c) => c.kind === 'error') as { error: StoreError } | undefined;
        equal(quota?.error.code, 'quota');
        match(quota!.error.message, /storage.*full.*kept in this tab/);
        ok(heard.some((c) => c.kind === 'events'), 'subscribers still hear of the events');
        const second = [write.event('enq-1', 'question.approve', {}, PEOPLE.lead.id)];
        await store.append('enq-1', second);
        equal(store.pendingCount, 4);
        deepEqual((await store.readLog('enq-1')).map((e) => e.id), [...first, ...second].map((e) => e.id), 'the log includes kept events');
        equal((await store.getSummary('enq-1'))?.stage, 'observation', 'so does the summary');
        deepEqual((await store.listEnquiries({ communityId: COMMUNITY.id })).map((s) => s.counts.events), [4], 'and the list');
        equal((await store.exportBackup()).events.length, 4, 'and a backup');
        deepEqual((await store.append('enq-1', second)).map((r) => r.status), ['duplicate'], 'a kept event is a duplicate too');
        deepEqual(await reader.readLog('enq-1'), [], 'not saved yet');

        full = false;
        await eventually(() => store.pendingCount === 0, 'the retry to save the kept events');
        equal((await reader.readLog('enq-1')).length, 4, 'saved, in order, for every tab');
        equal((await reader.getSummary('enq-1'))?.stage, 'observation');
      } finally {
        await db.cleanup();
      }
    });

    it('retries on the next call instead of waiting for the backoff', async () => {
      let failures = 1;
      const db = database('quota-next', { retry: { initialMs: 60_000 } });
      try {
        const store = await db.open({ beforeCommit: () => { if (failures-- > 0) throw quotaError(); } });
        const write = eventWriter();
        const [create] = write.walk('enq-1', 'created');
        equal((await store.append('enq-1', [create!]))[0]?.pending, true);
        equal(store.pendingCount, 1);
        await store.listEnquiries();
        await eventually(() => store.pendingCount === 0, 'the retry on the next call');
        const results = await store.append('enq-1', [write.event('enq-1', 'enquiry.rename', { title: 'Acting on feedback' })]);
        equal(results[0]?.pending, undefined, 'saved straight away once there is room');
        equal((await store.getSummary('enq-1'))?.title, 'Acting on feedback');
      } finally {
        await db.cleanup();
      }
    });
  });

  describe('the database layout', () => {
    it('upgrades a version-1 database with its data intact', async () => {
      const name = uniqueName('v1');
      const write = eventWriter();
      const v2 = [...write.walk('enq-1', 'observation'), write.event('enq-1', 'evidence.start')];
      // Version-1 events had no hybrid-clock stamp; version-1 cycles kept the policy at the top.
      const v1Events = v2.map(({ hlc: _hlc, ...event }) => ({ ...event, schemaVersion: 1 }));
      const { policy: _policy, ...cycle } = CYCLE;
      const v1Cycle = { ...cycle, schemaVersion: 1, minObservations: 2, requireStudentVoice: true, requireQuestionReview: true };
      const old = await openDB(name, 1, {
        upgrade(database) {
          database.createObjectStore('events', { keyPath: 'id' }).createIndex('enquiryId', 'enquiryId');
          database.createObjectStore('records', { keyPath: ['collection', 'id'] });
          database.createObjectStore('meta');
        },
      });
      const tx = old.transaction(['events', 'records', 'meta'], 'readwrite');
      await Promise.all([
        ...[...v1Events].reverse().map((event) => tx.objectStore('events').put(event)),
        tx.objectStore('records').put({ collection: 'cycles', id: CYCLE.id, version: 3, record: v1Cycle }),
        tx.objectStore('records').put({ collection: 'communities', id: COMMUNITY.id, version: 1, record: COMMUNITY }),
        ...Object.values(PEOPLE).map((p) => tx.objectStore('records').put({ collection: 'people', id: p.id, version: 1, record: p })),
        tx.objectStore('meta').put('2024-09-01T00:00:00.000Z', 'createdAt'),
        tx.done,
      ]);
      old.close();

      let store: IndexedDbStore | undefined;
      try {
        store = await createIndexedDbStore({ name });
        const log = await store.readLog('enq-1');
        deepEqual(log.map((e) => e.id), v2.map((e) => e.id), 'every event, in the order they were written');
        ok(log.every((e) => e.schemaVersion === 2 && /^\d{15}-00000-v1$/.test(e.hlc)), 'each with a clock stamp');
        deepEqual(log.map((e) => e.payload), v2.map((e) => e.payload));
        const cycleRecord = await store.get('cycles', CYCLE.id);
        equal(cycleRecord?.version, 3, 'versions are kept');
        deepEqual(cycleRecord?.record.policy, { minObservations: 2, studentVoiceRequired: true, questionReviewRequired: true, minEvidence: 1 });
        const summary = await store.getSummary('enq-1');
        equal(summary?.stage, 'observation', 'the summary was built from the log, under the migrated policy');
        equal(summary?.counts.refusals, 1, 'evidence.start refused: two observations needed');
        await store.append('enq-1', [...manyObservations(write, 'enq-1', 2), write.event('enq-1', 'evidence.start')]);
        equal((await store.getSummary('enq-1'))?.stage, 'evidence', 'new events continue the upgraded log');
        await store.close();
        const raw = await openDB(name);
        equal(raw.version, 2);
        deepEqual([...raw.objectStoreNames].sort(), ['events', 'meta', 'records', 'snapshots', 'summaries']);
        deepEqual([...raw.transaction('events').store.indexNames], ['byEnquiry']);
        raw.close();
      } finally {
        await store?.close();
        await deleteDB(name);
      }
    });

    it('creates a fresh database at version 2 and asks for persistent storage', async () => {
      const db = database('fresh');
      try {
        const store = await db.open();
        equal(typeof (await store.persisted), 'boolean');
        await store.close();
        const raw = await openDB(db.name);
        equal(raw.version, 2);
        raw.close();
        await rejects(store.readLog('enq-1'), { type: StoreError, code: 'closed' });
      } finally {
        await db.cleanup();
      }
    });
  });
});
