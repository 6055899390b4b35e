/**
 * The HTTP sync store: a {@link Store} that keeps everything on this device (IndexedDB by
 * default) and syncs it with a plc-kit server in the background.
 *
 * - **Events** (everything typed into an enquiry) are written to an outbox and the local store
 *   first, so they are saved at once, offline too, and survive the tab closing; then they are
 *   sent in the background, retried with exponential backoff and jitter. Pushes are idempotent by
 *   event id, so a retry after a lost answer stores nothing twice.
 * - **Remote changes** are pulled from the server's change feed every `pullIntervalMs`, when the
 *   browser comes back online, and when the page gets focus or becomes visible. They are applied
 *   to the local store and reach subscribers with `origin: 'remote'`.
 * - **Directory records** (people, cycles, communities, ...) are written to the server first,
 *   with `If-Match`, and then to the local copy. A stale write throws {@link StaleWriteError} as
 *   in every store. Offline, a directory write fails at once with a `StoreError` of code
 *   `unavailable` that says so: it is not queued, because a programme change made against an
 *   old copy would have to be refused later, long after the person who made it has moved on,
 *   and only the server can check versions across devices.
 * - **One tab syncs for all**: the tab holding the Web Lock `plc-kit-sync:<server>` pushes and
 *   pulls; the others write to the shared outbox, nudge it through a BroadcastChannel and show
 *   its sync state. When that tab closes, the next one takes over.
 * - **Reads** (`readLog`, `listEnquiries`, `get`, ...) come from the local copy: instant, and
 *   offline too.
 * @module
 */
import { replayLifecycle, type ReplayLifecycle } from '../lifecycle/replayLifecycle.js';
import type { DirectoryRecord } from '../schema/directory.js';
import { ChangeHub } from './changes.js';
import { MAKE_REPLICA, type ReplicaCapable } from './replica.js';
import { createDownstream } from './httpDownstream.js';
import { createTransport, describeError, HttpFailure, NetworkFailure, storeErrorOf, TokenFailure, type ErrorReply, type Reply } from './httpTransport.js';
import { createUpstream } from './httpUpstream.js';
import { createIndexedDbStore } from './indexeddb.js';
import { StaleWriteError, StoreError, type AppendResult, type Store, type Versioned } from './store.js';
import {
  backoffDelay,
  canCoordinateTabs,
  coordinateTabs,
  sameSyncState,
  type RetryOptions,
  type ServerRefusal,
  type SyncErrorCode,
  type SyncState,
  type SyncingStore,
  type TabCoordinator,
  type TabMessage,
} from './sync.js';
import { createMemoryOutbox, openIndexedDbOutbox, type SyncOutbox } from './syncOutbox.js';
import { checkBatch, checkCollection, checkId, checkRecord, checkVersion, invalid } from './validate.js';

/** The outbox for a host without IndexedDB (see `local`): here too, so plc-provider loads the HTTP store and its outbox as one file. */
export { createMemoryOutbox };

/** Options for {@link createHttpSyncStore}. */
export interface HttpSyncStoreOptions {
  /** The plc-kit server, such as `https://plc.trust.example` (http only for loopback in development). */
  server: string;
  /**
   * Gives a bearer token for the signed-in person (a JWT the host signs; see the server's
   * docs). Called before each request, and once more after a 401, so return a cached token and
   * refresh it when it is near expiry.
   */
  token: () => Promise<string> | string;
  /**
   * The store on this device. By default an IndexedDB store named `name`. A store you pass is
   * yours: `close()` leaves it open.
   */
  local?: Store;
  /**
   * The IndexedDB database name of the default local store; the outbox is `<name>:sync`.
   * Default `plc-kit@<server>`, so each server has its own copy.
   */
  name?: string;
  /**
   * Where waiting events are kept. By default an IndexedDB outbox next to an IndexedDB local
   * store, else one in memory.
   */
  outbox?: SyncOutbox;
  /** The lifecycle that validates and replays events (the same as the server's). */
  lifecycle?: ReplayLifecycle;
  /** The `fetch` to use (a test double, or one that adds headers); the global one by default. */
  fetch?: typeof fetch;
  /** How often to pull, in milliseconds; 30,000 by default, 0 for never (only on focus and online). */
  pullIntervalMs?: number;
  /** Backoff of retries after a failed exchange. */
  retry?: RetryOptions;
  /** Events per push request; 500 by default (halved on a 413). */
  pushBatch?: number;
  /** Changes per pull page; 1,000 by default (the server's largest is 2,000). */
  pullPage?: number;
  /** A request that takes longer than this is abandoned and retried; 30,000 ms by default. */
  requestTimeoutMs?: number;
  /**
   * Whether tabs coordinate (Web Locks + BroadcastChannel) so that one syncs for all; on by
   * default where the browser has Web Locks.
   */
  tabs?: boolean;
  /** Whether the device believes it is online; `navigator.onLine` by default. */
  online?: () => boolean;
  /** Randomness for the jitter of retries. */
  random?: () => number;
  /** Wall time. */
  now?: () => Date;
}

/** A store on this device that syncs with a plc-kit server. */
export interface HttpSyncStore extends SyncingStore {
  readonly kind: 'http';
  /** The server's URL, without a trailing slash. */
  readonly server: string;
  /** The store on this device. */
  readonly local: Store;
  /** Whether this tab is the one that syncs. */
  readonly leader: boolean;
  /** Puts the changes the server refused back in the queue and tries again. Returns how many. */
  retryRejected(): Promise<number>;
  serverRefusals(enquiryId: string): Promise<ServerRefusal[]>;
}

/** Checks and normalises the server URL. */
function serverUrl(value: unknown): string {
  if (typeof value !== 'string') throw invalid('server', 'must be the server URL, such as "https://plc.trust.example"');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid('server', `must be an absolute http(s) URL, such as "https://plc.trust.example" (got "${value.slice(0, 80)}")`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('server', `must be an http(s) URL (got "${url.protocol}")`);
  if (url.search || url.hash) throw invalid('server', 'must not have a query or a fragment');
  return url.href.replace(/\/+$/, '');
}

/**
 * Creates a store on this device that syncs with a plc-kit server.
 * @example
 * ```ts
 * const store = await createHttpSyncStore({
 *   server: 'https://plc.trust.example',
 *   token: () => auth.getAccessToken(),       // the host's sign-in
 * });
 * store.subscribeSync((state) => console.log(state.status, state.waiting)); // 'offline', 3
 * await store.append('enq-1', [event]);        // saved on this device at once, sent in the background
 * ```
 */
export async function createHttpSyncStore(options: HttpSyncStoreOptions): Promise<HttpSyncStore> {
  if (typeof options !== 'object' || options === null) throw invalid('options', 'must be an object with server and token');
  const server = serverUrl(options.server);
  if (typeof options.token !== 'function') throw invalid('token', 'must be a function giving the bearer token (() => Promise<string>)');
  const lifecycle = options.lifecycle ?? replayLifecycle;
  const name = options.name ?? `plc-kit@${server}`;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const pullIntervalMs = options.pullIntervalMs ?? 30_000;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const pullPage = options.pullPage ?? 1_000;
  const online = options.online ?? (() => (globalThis as { navigator?: Navigator }).navigator?.onLine !== false);

  const ownLocal = !options.local;
  let local: Store;
  if (options.local) local = options.local;
  else local = await createIndexedDbStore({ name, lifecycle });
  // The server applies the directory's history and deletion rules; the local copy mirrors it.
  (local as ReplicaCapable)[MAKE_REPLICA]?.();
  const ownOutbox = !options.outbox;
  let outbox: SyncOutbox;
  try {
    if (options.outbox) outbox = options.outbox;
    else if (local.kind === 'indexeddb' && typeof indexedDB !== 'undefined') outbox = await openIndexedDbOutbox(`${(local as Store & { name?: string }).name ?? name}:sync`);
    else outbox = createMemoryOutbox();
  } catch (error) {
    if (ownLocal) await local.close();
    throw error;
  }

  const hub = new ChangeHub();
  const syncListeners = new Set<(state: SyncState) => void>();
  const closing = new AbortController();
  let closed = false;

  // Sync state.
  let counts = await outbox.counts();
  let networkDown = false;
  let failure: { code: SyncErrorCode; reason: string } | undefined;
  let lastSyncedAt: string | undefined;
  let everSynced = false;
  let leaderState: SyncState | undefined;
  let state: SyncState = { status: 'saved-locally', waiting: counts.waiting, rejected: counts.rejected };

  // Changes the local store announces reach subscribers labelled local or remote (see httpDownstream.ts).
  let unsubscribeLocal = () => {};

  const open = () => {
    if (closed) throw new StoreError('closed', 'This store has been closed: create a new one.');
  };

  // ---------------------------------------------------------------------------------------
  // HTTP

  const { request } = createTransport({ server, token: options.token, fetch: fetchImpl, timeoutMs, signal: closing.signal });

  /** A directory write cannot be made offline: say so. */
  const offlineWrite = (what: string, cause?: unknown) =>
    new StoreError(
      'unavailable',
      `${what} was not saved: changes to people, cycles, communities and other programme records need a connection to the server (${server}), and it cannot be reached. Try again when you are online.`,
      undefined,
      { cause },
    );

  // ---------------------------------------------------------------------------------------
  // Sync state

  function computeState(): SyncState {
    const base = { waiting: counts.waiting, rejected: counts.rejected, ...(lastSyncedAt ? { lastSyncedAt } : {}) };
    if (!coordinator.leader && leaderState) {
      // A follower shows the leader's state, with the shared outbox's counts.
      const status = leaderState.status === 'synced' && counts.waiting > 0 ? 'saved-locally' : leaderState.status;
      return { ...leaderState, ...base, status, ...(leaderState.lastSyncedAt ? { lastSyncedAt: leaderState.lastSyncedAt } : {}) };
    }
    if (failure) return { status: 'error', ...base, code: failure.code, reason: failure.reason };
    if (!online() || networkDown) return { status: 'offline', ...base };
    if (counts.rejected > 0) {
      const reason = `The server refused ${counts.rejected === 1 ? 'a change' : `${counts.rejected} changes`}, kept on this device: ${counts.firstReason ?? 'no reason given'}`;
      return { status: 'error', ...base, code: 'rejected', reason };
    }
    if (counts.waiting > 0 || !everSynced) return { status: 'saved-locally', ...base };
    return { status: 'synced', ...base };
  }

  function publishState(): void {
    if (closed) return;
    const next = computeState();
    const changed = !sameSyncState(next, state) || next.lastSyncedAt !== state.lastSyncedAt;
    state = next;
    if (coordinator.leader) coordinator.post({ type: 'state', state });
    if (!changed) return;
    for (const listener of [...syncListeners]) {
      try {
        listener(state);
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    }
  }

  async function refreshCounts(): Promise<void> {
    try {
      counts = await outbox.counts();
    } catch {
      // The outbox is closing; the counts stay as they were.
    }
  }

  const downstream = createDownstream({ local, outbox, lifecycle, request, pullPage, now, stopped: () => closed });
  const { applyRecord, pull, restoreOutbox } = downstream;
  unsubscribeLocal = local.subscribe((change) => {
    if (closed) return;
    for (const labelled of downstream.label(change)) hub.emit(labelled);
  });

  // ---------------------------------------------------------------------------------------
  // Pushing the outbox

  const upstream = createUpstream({
    outbox,
    request,
    batch: options.pushBatch ?? 500,
    stopped: () => closed,
    progress: async () => {
      await refreshCounts();
      publishState();
    },
  });

  // ---------------------------------------------------------------------------------------
  // Scheduling (the leader only)

  /** Runs one exclusive task at a time: pushes, pulls, directory writes and imports. */
  let chain: Promise<unknown> = Promise.resolve();
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = chain.then(task, task);
    chain = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  let pushTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pullTimer: ReturnType<typeof setInterval> | undefined;
  let attempt = 0;
  let running: Promise<void> | undefined;
  let again: { pull: boolean } | undefined;
  let lastPullAt = 0;

  const unref = (timer: unknown) => (timer as { unref?: () => void }).unref?.();

  function failed(error: unknown): boolean {
    // Whether to retry later.
    if (closed) return false;
    if (error instanceof NetworkFailure) {
      networkDown = true;
      failure = undefined;
    } else if (error instanceof TokenFailure) {
      failure = { code: 'token', reason: error.message };
    } else if (error instanceof HttpFailure) {
      const message = error.body?.message ?? error.message;
      if (error.status === 401) failure = { code: 'unauthorized', reason: `The server did not accept the sign-in: ${message}` };
      else if (error.status === 403) failure = { code: 'forbidden', reason: message };
      else if (error.status === 502 || error.status === 503 || error.status === 504) {
        networkDown = true;
        failure = undefined;
      } else if (error.status === 429) {
        // Too many requests: wait, without calling it an error.
      } else failure = { code: 'server', reason: `The server answered ${error.status}: ${message}` };
    } else {
      failure = { code: 'local', reason: describeError(error) };
    }
    return true;
  }

  function scheduleRetry(): void {
    if (closed || retryTimer) return;
    attempt += 1;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void runSync(true);
    }, backoffDelay(attempt, options.retry, random));
    unref(retryTimer);
  }

  /** Pushes (and pulls, when asked) now, unless this tab is not the leader. */
  function runSync(withPull: boolean): Promise<void> {
    if (closed || !coordinator.leader) return Promise.resolve();
    if (running) {
      again = { pull: (again?.pull ?? false) || withPull };
      return running;
    }
    clearTimeout(pushTimer);
    pushTimer = undefined;
    running = exclusive(async () => {
      try {
        if (!online()) {
          networkDown = true;
          throw new NetworkFailure('This device is offline.');
        }
        await upstream.push();
        if (withPull) {
          await pull();
          lastPullAt = Date.now();
        }
        networkDown = false;
        failure = undefined;
        attempt = 0;
        clearTimeout(retryTimer);
        retryTimer = undefined;
        everSynced = true;
        lastSyncedAt = now().toISOString();
      } catch (error) {
        if (failed(error) && (online() || !(error instanceof NetworkFailure))) scheduleRetry();
      } finally {
        await refreshCounts();
        publishState();
      }
    }).finally(() => {
      running = undefined;
      const next = again;
      again = undefined;
      if (next && !closed) void runSync(next.pull);
    });
    return running;
  }

  function schedulePush(): void {
    if (closed || !coordinator.leader || retryTimer || pushTimer) return;
    pushTimer = setTimeout(() => {
      pushTimer = undefined;
      void runSync(false);
    }, 10);
    unref(pushTimer);
  }

  /** Sync now: the browser is back online, or the page was shown. */
  function wake(force: boolean): void {
    if (closed || !coordinator.leader) return;
    if (!force && Date.now() - lastPullAt < 2_000) return;
    clearTimeout(retryTimer);
    retryTimer = undefined;
    void runSync(true);
  }

  // Followers wait for the leader's answer to their sync().
  const stateWaiters = new Set<() => void>();

  function onMessage(message: TabMessage): void {
    if (message.type === 'state' && !coordinator.leader) {
      leaderState = message.state;
      void refreshCounts().then(publishState);
      for (const resolve of [...stateWaiters]) resolve();
    } else if (message.type === 'kick' && coordinator.leader) {
      void refreshCounts().then(() => {
        publishState();
        schedulePush();
      });
    } else if (message.type === 'sync' && coordinator.leader) {
      wake(true);
    }
  }

  let started = false;
  function onLeader(): void {
    if (closed || started) return;
    started = true;
    if (pullIntervalMs > 0) {
      pullTimer = setInterval(() => void runSync(true), pullIntervalMs);
      unref(pullTimer);
    }
    void exclusive(restoreOutbox)
      .catch(() => undefined)
      .then(() => runSync(true));
  }

  const tabs = options.tabs ?? canCoordinateTabs();
  const coordinator: TabCoordinator = tabs
    ? coordinateTabs(`plc-kit-sync:${server}${options.name ? `:${options.name}` : ''}`, { onLeader, onMessage })
    : { leader: true, post: () => undefined, close: () => undefined };
  if (!tabs) queueMicrotask(onLeader);

  // Browser events: back online, offline, focus, shown again.
  const win = typeof window !== 'undefined' && typeof window.addEventListener === 'function' ? window : undefined;
  const doc = typeof document !== 'undefined' ? document : undefined;
  const onOnline = () => {
    networkDown = false;
    publishState();
    wake(true);
  };
  const onOffline = () => publishState();
  const onFocus = () => wake(false);
  const onVisibility = () => {
    if (doc?.visibilityState === 'visible') wake(false);
  };
  win?.addEventListener('online', onOnline);
  win?.addEventListener('offline', onOffline);
  win?.addEventListener('focus', onFocus);
  doc?.addEventListener('visibilitychange', onVisibility);

  /** After a write of events: show them waiting and get them sent. */
  async function queued(): Promise<void> {
    await refreshCounts();
    publishState();
    if (coordinator.leader) schedulePush();
    else coordinator.post({ type: 'kick' });
  }

  const store: HttpSyncStore = {
    kind: 'http',
    server,
    local,

    get leader() {
      return coordinator.leader;
    },

    get syncState() {
      return { ...state };
    },

    subscribeSync(listener) {
      if (typeof listener !== 'function') throw invalid('listener', `must be a function, not ${typeof listener}`);
      const entry = (s: SyncState) => listener({ ...s });
      syncListeners.add(entry);
      return () => {
        syncListeners.delete(entry);
      };
    },

    async sync() {
      open();
      if (coordinator.leader) {
        clearTimeout(retryTimer);
        retryTimer = undefined;
        await runSync(true);
        // A sync asked for while another ran is run right after it.
        while (running) await running;
      } else {
        const answered = new Promise<void>((resolve) => {
          const done = () => {
            stateWaiters.delete(done);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(done, timeoutMs);
          stateWaiters.add(done);
        });
        coordinator.post({ type: 'sync' });
        await answered;
      }
      return { ...state };
    },

    async retryRejected() {
      open();
      const count = await outbox.requeue();
      await queued();
      return count;
    },

    async serverRefusals(enquiryId) {
      open();
      checkId(enquiryId, 'enquiryId');
      // The outbox says which event for the sync status ("event <id>: ..."); here each refusal is its event's already.
      return (await outbox.rejectedOf(enquiryId)).map((e) => {
        const prefix = `event ${e.event.id}: `;
        const reason = e.reason.startsWith(prefix) ? e.reason.slice(prefix.length) : e.reason;
        return { eventId: e.event.id, code: e.code, reason, ...(e.because ? { because: e.because } : {}) };
      });
    },

    async append(enquiryId, events) {
      open();
      checkId(enquiryId, 'enquiryId');
      const batch = checkBatch(enquiryId, events, lifecycle);
      if (!batch.length) return local.append(enquiryId, batch);
      // The outbox first: if the tab closes now, the next one still sends these events.
      const added = await outbox.add(batch);
      let results: AppendResult[];
      try {
        results = await local.append(enquiryId, batch);
      } catch (error) {
        await outbox.remove([...added]);
        throw error;
      }
      // Events the local store already had were sent or are waiting already.
      const appended = new Set(results.filter((r) => r.status === 'appended').map((r) => r.eventId));
      const known = [...added].filter((id) => !appended.has(id));
      if (known.length) await outbox.remove(known);
      if (known.length < added.size) await queued();
      return results;
    },

    async readLog(enquiryId) {
      open();
      return local.readLog(enquiryId);
    },

    async listEnquiries(filter) {
      open();
      return local.listEnquiries(filter);
    },

    async getSummary(enquiryId) {
      open();
      return local.getSummary(enquiryId);
    },

    async get(collection, id) {
      open();
      return local.get(collection, id);
    },

    async list(collection) {
      open();
      return local.list(collection);
    },

    async put(collection, record, expectedVersion) {
      open();
      checkCollection(collection);
      const valid = checkRecord(collection, record);
      const expected = checkVersion(expectedVersion);
      const id = (valid as { id: string }).id;
      const what = `${collection}/${id}`;
      return exclusive(async () => {
        open();
        if (!online()) throw offlineWrite(what);
        let reply: Reply<(Versioned<DirectoryRecord<typeof collection>> & ErrorReply) | undefined>;
        try {
          reply = await request('PUT', `/v1/records/${collection}/${encodeURIComponent(id)}`, valid, expected === 0 ? { 'if-none-match': '*' } : { 'if-match': `"${expected}"` });
        } catch (error) {
          if (error instanceof TokenFailure) throw new StoreError('unavailable', `${what} was not saved: ${error.message}`, undefined, { cause: error });
          throw offlineWrite(what, error);
        }
        if (reply.status === 412) {
          const actual = reply.body?.actualVersion;
          wake(true); // bring the local copy up to date, so a reload shows the newer record
          throw new StaleWriteError(collection, id, expected, typeof actual === 'number' ? actual : undefined);
        }
        if ((reply.status !== 200 && reply.status !== 201) || !reply.body || typeof reply.body.version !== 'number') throw storeErrorOf(reply, what);
        const stored = { record: reply.body.record, version: reply.body.version } as Versioned<DirectoryRecord<typeof collection>>;
        try {
          await applyRecord(collection, id, stored.record, stored.version, 'local');
        } catch (error) {
          // Saved on the server; the next pull brings the local copy up to date.
          hub.emit({ kind: 'error', error: error instanceof StoreError ? error : new StoreError('unavailable', describeError(error)), origin: 'local' });
        }
        return stored;
      });
    },

    async delete(collection, id, expectedVersion) {
      open();
      checkCollection(collection);
      checkId(id, 'id');
      const expected = checkVersion(expectedVersion);
      const what = `${collection}/${id}`;
      await exclusive(async () => {
        open();
        if (!online()) throw offlineWrite(`The deletion of ${what}`);
        let reply: Reply<ErrorReply | undefined>;
        try {
          reply = await request('DELETE', `/v1/records/${collection}/${encodeURIComponent(id)}`, undefined, { 'if-match': `"${expected}"` });
        } catch (error) {
          if (error instanceof TokenFailure) throw new StoreError('unavailable', `${what} was not deleted: ${error.message}`, undefined, { cause: error });
          throw offlineWrite(`The deletion of ${what}`, error);
        }
        if (reply.status === 404) {
          await applyRecord(collection, id, undefined, undefined, 'remote').catch(() => undefined);
          throw new StoreError('not-found', `${what} does not exist (it may have been deleted already)`, 'id');
        }
        if (reply.status === 412) {
          const actual = reply.body?.actualVersion;
          wake(true);
          throw new StaleWriteError(collection, id, expected, typeof actual === 'number' ? actual : undefined);
        }
        if (reply.status !== 204 && reply.status !== 200) throw storeErrorOf(reply, `the deletion of ${what}`);
        try {
          await applyRecord(collection, id, undefined, undefined, 'local');
        } catch (error) {
          hub.emit({ kind: 'error', error: error instanceof StoreError ? error : new StoreError('unavailable', describeError(error)), origin: 'local' });
        }
      });
    },

    subscribe(listener) {
      return hub.subscribe(listener);
    },

    /** What this device has: every log (with events still waiting to be sent) and record. */
    async exportBackup() {
      open();
      return local.exportBackup();
    },

    /**
     * Replaces the trust's data on the server (administrators only) and then this device's copy.
     * Events still waiting to be sent are dropped: the backup replaces everything.
     */
    async importBackup(value) {
      open();
      let document = value;
      if (typeof document === 'string') {
        try {
          document = JSON.parse(document);
        } catch {
          // readBackup says why.
        }
      }
      // Backups are read rarely: their schemas and checks load with the first one (backup.ts), so a
      // page that syncs does not download them at start.
      const { readBackup } = await import('./backup.js');
      const backup = readBackup(document, lifecycle);
      await exclusive(async () => {
        open();
        let reply: Reply<ErrorReply | undefined>;
        try {
          reply = await request('POST', '/v1/backup', document);
        } catch (error) {
          if (error instanceof TokenFailure) throw new StoreError('unavailable', `The backup was not imported: ${error.message}`, undefined, { cause: error });
          throw new StoreError('unavailable', `The backup was not imported, and nothing was changed: the server (${server}) cannot be reached. Try again when you are online.`, undefined, { cause: error });
        }
        if (reply.status !== 200) {
          if (reply.body?.error === 'corrupt' || reply.body?.error === 'invalid') {
            throw new StoreError('corrupt', reply.body.message ?? 'The server refused the backup.', reply.body.field, reply.body.problems ? { problems: reply.body.problems } : {});
          }
          throw storeErrorOf(reply, 'the backup');
        }
        await outbox.clear();
        await local.importBackup(backup);
        // The server's feed starts again from its new epoch: it holds what was just imported.
        try {
          await pull(true);
        } catch {
          // The next sync does it.
        }
        await refreshCounts();
        publishState();
      });
    },

    async close() {
      if (closed) return;
      closed = true;
      closing.abort();
      clearTimeout(pushTimer);
      clearTimeout(retryTimer);
      clearInterval(pullTimer);
      win?.removeEventListener('online', onOnline);
      win?.removeEventListener('offline', onOffline);
      win?.removeEventListener('focus', onFocus);
      doc?.removeEventListener('visibilitychange', onVisibility);
      coordinator.close();
      unsubscribeLocal();
      hub.clear();
      syncListeners.clear();
      await chain.catch(() => undefined);
      if (ownOutbox) await outbox.close();
      if (ownLocal) await local.close();
    },
  };

  publishState();
  return store;
}
