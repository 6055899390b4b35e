/**
 * The HTTP sync store in real Chromium, with IndexedDB, Web Locks and BroadcastChannel, against a
 * `fetch` double (the real server is covered in Node by tests/server/http-store*.test.ts):
 * the outbox surviving the tab closing, one tab syncing for the others, `<plc-sync-status>` in
 * each state, and `<plc-provider server=...>`.
 */
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import { deleteDB } from 'idb';
import '../../components/plc-provider/index.js';
import '../../components/plc-sync-status/index.js';
import type { PlcProvider } from '../../components/plc-provider/plc-provider.js';
import type { PlcSyncStatus } from '../../components/plc-sync-status/plc-sync-status.js';
import type { PlcSyncStatusEvent } from '../../components/events/sync-status.js';
import type { DomainEvent } from '../../src/lifecycle/events.js';
import { createHttpSyncStore, type HttpSyncStore, type HttpSyncStoreOptions } from '../../src/store/http.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { openIndexedDbOutbox } from '../../src/store/syncOutbox.js';
import { eventually } from '../support/assert.js';
import { button, click, hasButton, queryDeep, settle, textOf } from '../support/component-harness.js';
import { eventWriter, individualDetails, PEOPLE } from '../support/store-fixtures.js';

const SERVER = 'https://plc.test';

/** A plc-kit server double: stores pushed events by id, and can be down or refuse the token. */
function fakeServer() {
  const stored = new Map<string, DomainEvent>();
  const received: string[] = [];
  const server = {
    mode: 'up' as 'up' | 'down' | 'unauthorized',
    stored,
    received,
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (server.mode === 'down') throw new TypeError('Failed to fetch');
      const json = (status: number, body?: unknown) => new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
      if (server.mode === 'unauthorized') return json(401, { error: 'unauthorized', message: 'The token has expired.' });
      const url = new URL(String(input));
      if (init?.method === 'POST' && /^\/v1\/enquiries\/[^/]+\/events$/.test(url.pathname)) {
        const { events } = JSON.parse(String(init.body)) as { events: DomainEvent[] };
        const results = events.map((event, index) => {
          received.push(event.id);
          const status = stored.has(event.id) ? 'duplicate' : 'appended';
          stored.set(event.id, event);
          return { index, eventId: event.id, status };
        });
        return json(200, { results });
      }
      if (url.pathname === '/v1/changes') return json(200, { changes: [], checkpoint: '1.0', hasMore: false, reset: false });
      return json(404, { error: 'not-found', message: `No ${url.pathname}` });
    }) as typeof fetch,
  };
  return server;
}

let counter = 0;
const uniqueName = (label: string) => `plc-sync-test-${label}-${Date.now().toString(36)}-${(counter += 1)}`;
const opened: HttpSyncStore[] = [];
const databases: string[] = [];

async function open(name: string, options: Partial<HttpSyncStoreOptions>): Promise<HttpSyncStore> {
  const store = await createHttpSyncStore({ server: SERVER, token: async () => 'dev-token', name, retry: { baseMs: 20, maxMs: 100 }, pullIntervalMs: 0, ...options });
  opened.push(store);
  if (!databases.includes(name)) databases.push(name);
  return store;
}

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  for (const name of databases.splice(0)) {
    await deleteDB(name);
    await deleteDB(`${name}:sync`);
  }
});

const draft = (write: ReturnType<typeof eventWriter>, enquiryId: string, n: number) =>
  write.event(enquiryId, 'question.draft', { text: `Draft ${n}`, rationale: '', targetStudents: '', plannedActions: [], successCriteria: [], plannedEvidence: [] });

describe('http sync store in the browser', () => {
  it('nothing typed offline is lost when the tab closes: the next tab sends it', async () => {
    const name = uniqueName('outbox');
    const server = fakeServer();
    server.mode = 'down';
    const write = eventWriter({ prefix: 'tab' });
    const events = [...write.walk('enq-1', 'question.drafting', individualDetails({ ownerIds: [PEOPLE.ana.id] })), draft(write, 'enq-1', 1)];
    const first = await open(name, { fetch: server.fetch, tabs: false });
    await first.append('enq-1', events);
    await eventually(() => first.syncState.status === 'offline' && first.syncState.waiting === 3, 'offline with 3 waiting');
    await first.close(); // the tab closes

    server.mode = 'up';
    const second = await open(name, { fetch: server.fetch, tabs: false });
    await eventually(() => second.syncState.status === 'synced', 'the next tab synced');
    expect(server.received).to.deep.equal(events.map((e) => e.id), 'each event sent once, in order');
    expect((await second.readLog('enq-1')).map((e) => e.id)).to.deep.equal(events.map((e) => e.id));
  });

  it('an event in the outbox whose local write never happened (the tab closed between the two) is restored and sent', async () => {
    const name = uniqueName('between');
    const server = fakeServer();
    const [create] = eventWriter({ prefix: 'half' }).walk('enq-2', 'created', individualDetails({ ownerIds: [PEOPLE.ana.id] }));
    const outbox = await openIndexedDbOutbox(`${name}:sync`);
    await outbox.add([create!]);
    await outbox.close();
    const store = await open(name, { fetch: server.fetch, tabs: false });
    await eventually(() => store.syncState.status === 'synced', 'synced');
    expect(server.received).to.deep.equal([create!.id]);
    expect((await store.readLog('enq-2')).map((e) => e.id)).to.deep.equal([create!.id], 'back in the local store');
  });

  it('one tab syncs for all (Web Locks): another tab\'s events are sent by it, and the next tab takes over when it closes', async () => {
    const name = uniqueName('tabs');
    const server = fakeServer();
    const leader = await open(name, { fetch: server.fetch, tabs: true });
    await eventually(() => leader.leader, 'the first tab leads');
    const follower = await open(name, { fetch: server.fetch, tabs: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(follower.leader).to.equal(false);
    const write = eventWriter({ prefix: 'fol' });
    const [create] = write.walk('enq-3', 'created', individualDetails({ ownerIds: [PEOPLE.ana.id] }));
    await follower.append('enq-3', [create!]);
    await eventually(() => server.received.includes(create!.id), 'the leader sent the follower\'s event');
    await eventually(() => follower.syncState.status === 'synced', 'the follower shows the leader\'s state');
    expect((await leader.readLog('enq-3')).length).to.equal(1, 'both tabs share the device copy');

    await leader.close();
    await eventually(() => follower.leader, 'the follower took over');
    server.mode = 'down';
    await follower.append('enq-3', [draft(write, 'enq-3', 2)]);
    await eventually(() => follower.syncState.status === 'offline' && follower.syncState.waiting === 1, 'the new leader syncs (offline, 1 waiting)');
  });
});

describe('plc-sync-status', () => {
  async function render(store: HttpSyncStore | undefined, options: { lang?: string; theme?: 'light' | 'dark' } = {}) {
    const provider = await fixture<PlcProvider>(html`
      <plc-provider .store=${store ?? createMemoryStore()} person-id="p-ana" lang=${options.lang ?? 'en-GB'} theme=${options.theme ?? 'light'}>
        <plc-sync-status></plc-sync-status>
      </plc-provider>
    `);
    await provider.ready;
    const element = provider.querySelector('plc-sync-status') as PlcSyncStatus;
    await settle(element);
    return { provider, element };
  }
  it('without a server: saved on this device', async () => {
    const { element } = await render(undefined);
    expect(statusText(element)).to.equal('Saved on this device');
    await expect(element).to.be.accessible();
  });

  it('shows synced, offline with the number waiting, and an error with its reason, in a live region; Try again syncs', async () => {
    const name = uniqueName('status');
    const server = fakeServer();
    // No retry of its own within the test: each change of status here comes from the test's own
    // steps, and an automatic retry (every 20-100 ms in the other tests) could sync before the
    // test saw 'Try again' offered after the error (it did, every run on a quiet machine).
    const store = await open(name, { fetch: server.fetch, tabs: false, retry: { baseMs: 600_000, maxMs: 600_000 } });
    await store.sync();
    const { element, provider } = await render(store);
    const events: PlcSyncStatusEvent[] = [];
    provider.addEventListener('plc-sync-status', (event) => events.push(event));
    const live = queryDeep(element, '[role="status"]');
    expect(live.getAttribute('aria-live')).to.equal('polite');
    await eventually(() => statusText(element) === 'Synced', 'Synced');
    await expect(element).to.be.accessible();

    server.mode = 'down';
    const write = eventWriter({ prefix: 'st' });
    await store.append('enq-s', write.walk('enq-s', 'question.drafting', individualDetails({ ownerIds: [PEOPLE.ana.id] })));
    await eventually(() => statusText(element) === 'Offline: 2 not sent yet', `Offline: 2 not sent yet (got "${statusText(element)}")`);
    expect(queryDeep(element, '[role="status"]')).to.equal(live, 'the same live region announces each change');
    await expect(element).to.be.accessible();

    server.mode = 'unauthorized';
    // The button reads "Trying…" while a sync is under way; wait until it can be pressed again.
    await eventually(() => hasButton(element, 'Try again'), 'Try again offered');
    await click(button(element, 'Try again'));
    await eventually(() => statusText(element).startsWith('Sync error'), 'Sync error');
    expect(statusText(element)).to.equal('Sync error: the server did not accept your sign-in. Sign in again.');
    expect(store.syncState.reason).to.match(/token has expired/);
    await expect(element).to.be.accessible();

    server.mode = 'up';
    await eventually(() => hasButton(element, 'Try again'), 'Try again offered after the error');
    await click(button(element, 'Try again'));
    await eventually(() => statusText(element) === 'Synced', 'Synced again');
    expect(events.map((e) => e.state.status)).to.include.members(['offline', 'error', 'synced']);
    expect(events.at(-1)!.state).to.include({ status: 'synced', waiting: 0 });
  });

  it('is accessible in dark mode, and speaks en-US and Spanish', async () => {
    const name = uniqueName('lang');
    const server = fakeServer();
    server.mode = 'down';
    const store = await open(name, { fetch: server.fetch, tabs: false });
    await store.append('enq-l', eventWriter({ prefix: 'lg' }).walk('enq-l', 'created', individualDetails({ ownerIds: [PEOPLE.ana.id] })));
    const { element, provider } = await render(store, { theme: 'dark' });
    await eventually(() => statusText(element) === 'Offline: 1 not sent yet', 'offline');
    await expect(element).to.be.accessible();
    provider.lang = 'es';
    await provider.updateComplete;
    await eventually(() => statusText(element) === 'Sin conexión: 1 sin enviar', `Spanish (got "${statusText(element)}")`);
    expect(textOf(button(element, 'Reintentar'))).to.equal('Reintentar');
    provider.lang = 'en-US';
    await provider.updateComplete;
    await eventually(() => statusText(element) === 'Offline: 1 not sent yet', 'en-US');
  });
});

describe('plc-provider server="..."', () => {
  const realFetch = window.fetch;
  afterEach(() => {
    window.fetch = realFetch;
  });

  it('syncs with the server using the host\'s token, and fires plc-sync-status', async () => {
    const server = fakeServer();
    const seen: string[] = [];
    window.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(new Headers(init?.headers).get('authorization') ?? '');
      return server.fetch(input, init);
    }) as typeof fetch;
    const name = uniqueName('provider');
    databases.push(`${name}@${SERVER}`);
    const statuses: string[] = [];
    const provider = await fixture<PlcProvider>(html`
      <plc-provider database-name=${name} server=${SERVER} person-id="p-ana" .tokenProvider=${async () => 'host-token'} @plc-sync-status=${(e: PlcSyncStatusEvent) => statuses.push(e.state.status)}>
        <plc-sync-status></plc-sync-status>
      </plc-provider>
    `);
    await provider.ready;
    const element = provider.querySelector('plc-sync-status') as PlcSyncStatus;
    await eventually(() => statusText(element) === 'Synced', 'Synced');
    expect(provider.session?.store.kind).to.equal('http');
    expect(seen[0]).to.equal('Bearer host-token');
    expect(statuses.at(-1)).to.equal('synced');
    const store = provider.session!.store;
    const [create] = eventWriter({ prefix: 'pv' }).walk('enq-p', 'created', individualDetails({ ownerIds: [PEOPLE.ana.id] }));
    await store.append('enq-p', [create!]);
    await eventually(() => server.received.includes(create!.id), 'sent to the server');
    provider.remove();
  });

  it('without a token it says so (the token attribute is the development fallback)', async () => {
    const server = fakeServer();
    window.fetch = server.fetch;
    const name = uniqueName('notoken');
    databases.push(`${name}@${SERVER}`);
    const provider = await fixture<PlcProvider>(html`
      <plc-provider database-name=${name} server=${SERVER} person-id="p-ana"><plc-sync-status></plc-sync-status></plc-provider>
    `);
    await provider.ready;
    const element = provider.querySelector('plc-sync-status') as PlcSyncStatus;
    await eventually(() => statusText(element) === 'Sync error: you are not signed in to the server.', `no token (got "${statusText(element)}")`);
    provider.token = 'dev-token';
    await eventually(() => statusText(element) === 'Synced', 'synced once a token is given');
    provider.remove();
  });
});

function statusText(element: PlcSyncStatus): string {
  return textOf(queryDeep(element, '[role="status"]'));
}
