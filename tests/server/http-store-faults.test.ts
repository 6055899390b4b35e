/**
 * The HTTP sync store under faults, against the real server: a client offline for 1,000 events,
 * two clients editing one enquiry at once, stale and offline directory writes, refused events,
 * notes shared later, a backup imported elsewhere, and a token the server refuses. The server
 * killed in the middle of a push (a real process, SIGKILL) is in fault.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DomainEvent } from '../../src/lifecycle/events.js';
import { lifecycleInputFor } from '../../src/lifecycle/input.js';
import { defaultLifecycle } from '../../src/lifecycle/lifecycle.js';
import { createHttpSyncStore, type HttpSyncStore, type HttpSyncStoreOptions } from '../../src/store/http.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { StaleWriteError, StoreError, type StoreChange } from '../../src/store/store.js';
import { createMemoryOutbox } from '../../src/store/syncOutbox.js';
import type { SyncState } from '../../src/store/sync.js';
import { eventually } from '../support/assert.js';
import { COMMUNITY, CYCLE, PEOPLE, eventWriter, groupDetails, individualDetails, observation } from '../support/store-fixtures.js';
import { client, ON, pushAsAuthors, seedTrust, tokenFor, type TestServer, serverForSuite } from './helpers.js';


/** A sync store on a memory copy, with quick retries and no timed pulls. */
async function syncStore(server: string, token: string | (() => Promise<string>), extra: Partial<HttpSyncStoreOptions> = {}): Promise<HttpSyncStore> {
  return createHttpSyncStore({
    server,
    token: typeof token === 'string' ? async () => token : token,
    local: createMemoryStore(),
    outbox: createMemoryOutbox(),
    pullIntervalMs: 0,
    retry: { baseMs: 20, maxMs: 150 },
    ...extra,
  });
}

/** A fetch that fails as a dropped connection does while `down()` is true, and counts pushes. */
function flakyFetch(down: () => boolean) {
  const counts = { pushes: 0, failed: 0 };
  const fetcher: typeof fetch = async (input, init) => {
    if (down()) {
      counts.failed += 1;
      throw new TypeError('fetch failed: connect ECONNREFUSED');
    }
    if (init?.method === 'POST' && String(input).includes('/events')) counts.pushes += 1;
    return fetch(input, init);
  };
  return { fetcher, counts };
}

const closeAll = async (...stores: Array<HttpSyncStore | undefined>) => {
  for (const store of stores) await store?.close();
};

const ids = (events: readonly DomainEvent[]) => events.map((e) => e.id);

describe(`http sync store: faults (real server on ${ON})`, () => {
  let test: TestServer;
  serverForSuite((_db, server) => (test = server));

  it('a client offline for 1,000 events: all kept, shown waiting, and all arrive once it is back', async () => {
    const trust = 'trust-offline';
    await seedTrust(test, trust);
    const token = await tokenFor({ sub: PEOPLE.ana.id, trust });
    let offline = true;
    const net = flakyFetch(() => offline);
    const store = await syncStore(test.url, token, { fetch: net.fetcher });
    const states: SyncState[] = [];
    store.subscribeSync((state) => states.push(state));
    try {
      const write = eventWriter({ prefix: 'off' });
      const enquiryId = 'enq-offline';
      const events = [
        ...write.walk(enquiryId, 'question.drafting', individualDetails({ ownerIds: [PEOPLE.ana.id] })),
        ...Array.from({ length: 998 }, (_, i) => write.event(enquiryId, 'question.draft', { text: `Draft ${i}`, rationale: '', targetStudents: '', plannedActions: [], successCriteria: [], plannedEvidence: [] })),
      ];
      assert.equal(events.length, 1_000);
      for (let i = 0; i < events.length; i += 100) await store.append(enquiryId, events.slice(i, i + 100));
      assert.equal((await store.readLog(enquiryId)).length, 1_000, 'every event is saved on the device at once');
      await eventually(() => store.syncState.status === 'offline' && store.syncState.waiting === 1_000, 'offline with 1,000 waiting');
      await eventually(() => net.counts.failed >= 3, 'retries with backoff while offline');

      offline = false;
      await eventually(() => store.syncState.status === 'synced', 'synced once the server is reachable', 10_000);
      assert.equal(store.syncState.waiting, 0);
      assert.ok(net.counts.pushes <= 3, `sent in a few batches, not one by one (${net.counts.pushes} requests)`);
      const log = await client(test.url, token).get(`/v1/enquiries/${enquiryId}/events`);
      assert.deepEqual(log.body.events.map((e: DomainEvent) => e.id), ids(await store.readLog(enquiryId)), 'all arrived, in order');
      assert.equal(new Set(log.body.events.map((e: DomainEvent) => e.id)).size, 1_000, 'none twice');
      const statuses = [...new Set(states.map((s) => s.status))];
      assert.ok(statuses.includes('offline') && statuses.at(-1) === 'synced', `states went offline then synced: ${statuses.join(', ')}`);
    } finally {
      await closeAll(store);
    }
  });

  it('two clients editing one enquiry at once converge to the same replayed state', async () => {
    const trust = 'trust-two';
    await seedTrust(test, trust);
    const enquiryId = 'enq-shared';
    await pushAsAuthors(test, trust, enquiryId, eventWriter({ prefix: 'base' }).walk(enquiryId, 'observation'));
    const ana = await syncStore(test.url, await tokenFor({ sub: PEOPLE.ana.id, trust }));
    const ben = await syncStore(test.url, await tokenFor({ sub: PEOPLE.ben.id, trust }));
    try {
      await Promise.all([ana.sync(), ben.sync()]);
      assert.equal((await ana.getSummary(enquiryId))?.stage, 'observation', 'both pulled the enquiry');
      assert.equal((await ben.getSummary(enquiryId))?.stage, 'observation');

      // Both edit at the same moment, on devices whose clocks differ.
      const a = eventWriter({ prefix: 'ana', node: 'dev-ana', start: '2025-10-01T09:00:00.000Z', stepMs: 1_000 });
      const b = eventWriter({ prefix: 'ben', node: 'dev-ben', start: '2025-10-01T09:00:00.500Z', stepMs: 1_000 });
      const fromAna = [
        a.event(enquiryId, 'enquiry.rename', { title: 'Feedback that students act on' }, PEOPLE.ana.id),
        ...Array.from({ length: 5 }, (_, i) => a.event(enquiryId, 'observation.record', { ...observation(100 + i), id: `obs-a${i}`, observerId: PEOPLE.ana.id, observedId: PEOPLE.ben.id }, PEOPLE.ana.id)),
        a.event(enquiryId, 'evidence.start', {}, PEOPLE.ana.id),
      ];
      const fromBen = [
        b.event(enquiryId, 'enquiry.rename', { title: 'Written feedback, read and used' }, PEOPLE.ben.id),
        ...Array.from({ length: 5 }, (_, i) => b.event(enquiryId, 'observation.record', { ...observation(200 + i), id: `obs-b${i}` }, PEOPLE.ben.id)),
      ];
      await Promise.all([...fromAna.map((e) => ana.append(enquiryId, [e])), ...fromBen.map((e) => ben.append(enquiryId, [e]))]);
      // Each pushes what it has and pulls the other's.
      await Promise.all([ana.sync(), ben.sync()]);
      await ana.sync();
      await ben.sync();

      const [logA, logB] = [await ana.readLog(enquiryId), await ben.readLog(enquiryId)];
      assert.equal(logA.length, 4 + fromAna.length + fromBen.length, 'every edit of both is in both logs');
      assert.deepEqual(ids(logA), ids(logB), 'the same log in the same order');
      const input = lifecycleInputFor(groupDetails(), { cycle: CYCLE, community: COMMUNITY, cpdLeaders: [PEOPLE.cpd] });
      const replayed = (log: DomainEvent[]) => {
        const state = defaultLifecycle.replay(log, input);
        return { data: state.data, stage: state.stage, step: state.step, refusals: state.refusals, eventCount: state.eventCount };
      };
      assert.deepEqual(replayed(logA), replayed(logB), 'both replay to the same state');
      assert.equal(replayed(logA).data.details?.title, 'Written feedback, read and used', 'the rename that sorts last wins on both');
      assert.deepEqual(await ana.getSummary(enquiryId), await ben.getSummary(enquiryId));
      const server = await client(test.url, await tokenFor({ sub: PEOPLE.lead.id, trust })).get(`/v1/enquiries/${enquiryId}/events`);
      assert.deepEqual(server.body.events.map((e: DomainEvent) => e.id), ids(logA), 'and the server has the same log');
    } finally {
      await closeAll(ana, ben);
    }
  });

  it('a stale directory write is refused with StaleWriteError and nothing is applied; offline, a directory write fails and is not queued', async () => {
    const trust = 'trust-stale';
    await seedTrust(test, trust);
    const adminToken = await tokenFor({ sub: 'p-admin', trust, roles: ['admin'] });
    let offline = false;
    const net = flakyFetch(() => offline);
    const first = await syncStore(test.url, adminToken);
    const second = await syncStore(test.url, adminToken, { fetch: net.fetcher });
    try {
      await Promise.all([first.sync(), second.sync()]);
      const read = await second.get('cycles', CYCLE.id);
      assert.equal(read?.version, 1);
      const saved = await first.put('cycles', { ...read!.record, name: '2025 to 2026' }, 1);
      assert.equal(saved.version, 2);

      const stale = await second.put('cycles', { ...read!.record, name: 'Lost update' }, 1).then(
        () => assert.fail('a stale write must be refused'),
        (error: unknown) => error,
      );
      assert.ok(stale instanceof StaleWriteError, `a StaleWriteError, got ${String(stale)}`);
      assert.deepEqual([stale.code, stale.expectedVersion, stale.actualVersion, stale.field], ['stale', 1, 2, `cycles/${CYCLE.id}`]);
      const api = client(test.url, adminToken);
      const onServer = await api.get(`/v1/records/cycles/${CYCLE.id}`);
      assert.deepEqual([onServer.body.version, onServer.body.record.name], [2, '2025 to 2026'], 'nothing of the stale write reached the server');
      await second.sync();
      const local = await second.get('cycles', CYCLE.id);
      assert.deepEqual([local?.version, local?.record.name], [2, '2025 to 2026'], 'and the local copy is the server\'s, not the stale write');

      offline = true;
      const error = await second.put('cycles', { ...local!.record, name: 'Typed offline' }, 2).then(
        () => assert.fail('an offline directory write must fail'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof StoreError && error.code === 'unavailable', `unavailable, got ${String(error)}`);
      assert.match((error as Error).message, /need a connection/);
      await assert.rejects(second.delete('cycles', CYCLE.id, 2), /need a connection/);
      offline = false;
      await second.sync();
      assert.equal((await second.get('cycles', CYCLE.id))?.record.name, '2025 to 2026', 'the offline write was not queued');
      assert.equal((await api.get(`/v1/records/cycles/${CYCLE.id}`)).body.version, 2);
    } finally {
      await closeAll(first, second);
    }
  });

  it('changes from another device reach subscribers with origin remote', async () => {
    const trust = 'trust-remote';
    const service = await tokenFor({ trust, service: true, sub: 'sync-job' });
    const writer = await syncStore(test.url, service);
    const reader = await syncStore(test.url, service);
    const heard: StoreChange[] = [];
    reader.subscribe((change) => heard.push(change));
    try {
      // A store syncs once as it starts: let the reader's first sync end before anything is
      // written, or on a busy machine it may pull the first version between the writer's puts.
      await reader.sync();
      assert.deepEqual(heard, [], 'nothing on the server yet');
      await writer.put('people', PEOPLE.ana, 0);
      await writer.put('people', { ...PEOPLE.ana, name: 'Ana A.' }, 1);
      await writer.put('people', { ...PEOPLE.ana, name: 'Ana Adeyemi' }, 2);
      const events = eventWriter({ prefix: 'rm' }).walk('enq-r', 'question.review');
      await writer.append('enq-r', events);
      await writer.sync();
      await reader.sync();
      assert.deepEqual(heard, [
        { kind: 'record', collection: 'people', id: PEOPLE.ana.id, version: 3, origin: 'remote' },
        { kind: 'events', enquiryId: 'enq-r', eventIds: ids(events), origin: 'remote' },
      ], 'one change per record (at its latest version) and per enquiry, all remote');
      assert.deepEqual(await reader.get('people', PEOPLE.ana.id), { record: { ...PEOPLE.ana, name: 'Ana Adeyemi' }, version: 3 }, 'versions follow the server');
      heard.length = 0;
      await reader.sync();
      assert.deepEqual(heard, [], 'pulling again announces nothing');
      await writer.delete('people', PEOPLE.ana.id, 3);
      await reader.sync();
      assert.deepEqual(heard, [{ kind: 'record', collection: 'people', id: PEOPLE.ana.id, version: undefined, origin: 'remote' }]);
    } finally {
      await closeAll(writer, reader);
    }
  });

  it('an event the server refuses is kept on the device, reported with the reason, and can be sent again', async () => {
    const trust = 'trust-refused';
    await seedTrust(test, trust);
    const store = await syncStore(test.url, await tokenFor({ sub: PEOPLE.ana.id, trust }));
    try {
      const write = eventWriter({ prefix: 'rf' });
      const [create, draft] = write.walk('enq-rf', 'question.drafting', individualDetails({ ownerIds: [PEOPLE.ana.id] }));
      const notMine = write.event('enq-rf', 'enquiry.rename', { title: 'Renamed by Ben' }, PEOPLE.ben.id);
      await store.append('enq-rf', [create!, draft!, notMine]);
      const state = await store.sync();
      assert.deepEqual([state.status, state.code, state.waiting, state.rejected], ['error', 'rejected', 0, 1]);
      assert.match(state.reason!, new RegExp(notMine.id));
      assert.equal((await store.readLog('enq-rf')).length, 3, 'kept on the device');
      const [refusal, ...others] = await store.serverRefusals('enq-rf');
      assert.deepEqual([refusal?.eventId, refusal?.code, others.length], [notMine.id, 'forbidden', 0], 'listed as refused by the server');
      assert.ok(refusal?.because, 'with the policy\'s code');
      assert.ok(refusal!.reason && !refusal!.reason.startsWith('event '), `the server's reason, without the event id: ${refusal!.reason}`);
      assert.deepEqual(await store.serverRefusals('enq-other'), []);
      const server = await client(test.url, await tokenFor({ sub: PEOPLE.ana.id, trust })).get('/v1/enquiries/enq-rf/events');
      assert.deepEqual(server.body.events.map((e: DomainEvent) => e.id), [create!.id, draft!.id], 'the others were stored');
      assert.equal(await store.retryRejected(), 1);
      const again = await store.sync();
      assert.deepEqual([again.status, again.rejected], ['error', 1], 'refused again, still kept');
    } finally {
      await closeAll(store);
    }
  });

  it('observation notes a reader may not see never reach their device; shared later, the new copy replaces the old', async () => {
    const trust = 'trust-notes';
    await seedTrust(test, trust);
    const write = eventWriter({ prefix: 'nt' });
    const events = write.walk('enq-n', 'evidence');
    await pushAsAuthors(test, trust, 'enq-n', events);
    const cpd = await syncStore(test.url, await tokenFor({ sub: PEOPLE.cpd.id, trust, roles: ['teacher', 'cpd-leader'] }));
    const heard: StoreChange[] = [];
    cpd.subscribe((change) => heard.push(change));
    try {
      await cpd.sync();
      const hidden = (await cpd.readLog('enq-n')).find((e) => e.type === 'observation.record')!;
      assert.deepEqual([hidden.payload['strengths'], hidden.payload['wonderings'], hidden.payload['nextSteps']], ['', '', ''], 'blanked for a non-member');
      assert.equal(JSON.stringify(await cpd.exportBackup()).includes(observation(1).strengths), false, 'the notes are nowhere on the device');
      assert.equal((await cpd.getSummary('enq-n'))?.stage, 'evidence', 'the same stage as everyone else');

      await pushAsAuthors(test, trust, 'enq-n', [write.event('enq-n', 'observation.share', { observationId: 'obs-1', personIds: [PEOPLE.cpd.id] })]);
      heard.length = 0;
      await cpd.sync();
      const shown = (await cpd.readLog('enq-n')).find((e) => e.type === 'observation.record')!;
      assert.equal(shown.payload['strengths'], observation(1).strengths, 'shared with her: the full copy replaced the blanked one');
      assert.ok(heard.some((c) => c.kind === 'reset' && c.origin === 'remote'), 'subscribers are told to reload');
      assert.equal((await cpd.readLog('enq-n')).length, events.length + 1);
    } finally {
      await closeAll(cpd);
    }
  });

  it('a backup imported from elsewhere replaces the device copy, keeping what was still waiting', async () => {
    const trust = 'trust-reset';
    const service = await tokenFor({ trust, service: true, sub: 'sync-job' });
    let offline = false;
    const net = flakyFetch(() => offline);
    const admin = await syncStore(test.url, service);
    const device = await syncStore(test.url, service, { fetch: net.fetcher });
    try {
      const write = eventWriter({ prefix: 'rs' });
      await admin.append('enq-old', write.walk('enq-old', 'question.review'));
      await admin.sync();
      const backup = await admin.exportBackup();
      await admin.append('enq-later', write.walk('enq-later', 'created'));
      await admin.sync();
      await device.sync();
      assert.equal((await device.listEnquiries()).length, 2);

      offline = true;
      const typed = write.event('enq-old', 'enquiry.rename', { title: 'Typed while the backup was restored' });
      await device.append('enq-old', [typed]);
      await admin.importBackup(backup); // enq-later is gone on the server
      offline = false;
      const heard: StoreChange[] = [];
      device.subscribe((change) => heard.push(change));
      const state = await device.sync();
      assert.equal(state.status, 'synced');
      assert.deepEqual((await device.listEnquiries()).map((s) => s.enquiryId).sort(), ['enq-old'], 'the device has the restored content');
      assert.ok((await device.readLog('enq-old')).some((e) => e.id === typed.id), 'and what it had not sent yet');
      assert.ok(heard.some((c) => c.kind === 'reset' && c.origin === 'remote'));
      await admin.sync();
      assert.equal((await admin.getSummary('enq-old'))?.title, 'Typed while the backup was restored', 'which reached the server after the reset');
    } finally {
      await closeAll(admin, device);
    }
  });

  it('a token the server refuses, or none at all, shows as a sync error with the reason; the work stays', async () => {
    const trust = 'trust-auth';
    let calls = 0;
    const bad = await syncStore(test.url, async () => {
      calls += 1;
      return 'not-a-jwt';
    });
    const none = await syncStore(test.url, async () => {
      throw new Error('signed out');
    });
    try {
      const [create] = eventWriter({ prefix: 'au' }).walk('enq-au', 'created', individualDetails({ ownerIds: [PEOPLE.ana.id] }));
      await bad.append('enq-au', [create!]);
      const state = await bad.sync();
      assert.deepEqual([state.status, state.code, state.waiting], ['error', 'unauthorized', 1]);
      assert.ok(calls >= 2, 'a fresh token was asked for after the 401');
      await none.append('enq-au', [create!]);
      const noToken = await none.sync();
      assert.deepEqual([noToken.status, noToken.code, noToken.waiting], ['error', 'token', 1]);
      assert.match(noToken.reason!, /signed out/);
      assert.equal((await none.readLog('enq-au')).length, 1);
      await assert.rejects(none.put('people', PEOPLE.ana, 0), (e: unknown) => e instanceof StoreError && e.code === 'unavailable' && /signed out/.test(e.message));
      void trust;
    } finally {
      await closeAll(bad, none);
    }
  });
});
