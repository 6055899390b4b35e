/**
 * The IndexedDB store: plc-kit's embedded default. Offline, durable, and kept in step across the
 * tabs of one origin.
 *
 * - Each append writes its events and the enquiry's summary in one transaction, so a list never
 *   replays logs and a crash or reload leaves all of a batch or none. It runs the append
 *   orchestration every store shares (append.ts) over a port inside that transaction, and
 *   usually costs a single round of requests: the state this connection already holds is
 *   checked by reads made with the events' adds (see `appendPort`).
 * - Other tabs hear of every change through a `BroadcastChannel('plc-kit:<name>')`; their
 *   subscribers get it with origin `remote`.
 * - When another tab upgrades or deletes the database (`versionchange`), this store closes its
 *   connection at once and reopens it on its next call; when its own upgrade waits for an older
 *   tab (`blocked`), subscribers get an `error` change saying so.
 * - When the browser's quota is full, the batch is kept in this tab's memory (reads include it),
 *   subscribers get an `error` change with code `quota`, and the store retries with backoff and
 *   on every later call. Nothing typed is lost while the tab stays open.
 *
 * The database's layout and its upgrades are in indexeddbSchema.ts; an append's reads and
 * writes in indexeddbAppend.ts.
 */
import type { Collection, Community, DirectoryRecord, Person } from '../schema/directory.js';
import { migrate } from '../schema/migrate.js';
import { mergeLogs, type DomainEvent } from '../lifecycle/events.js';
import { replayLifecycle, type ReplayLifecycle } from '../lifecycle/replayLifecycle.js';
import { openConnection, unavailable } from './indexeddbConnection.js';
import type { CommitProbe, Pending } from './indexeddbAppend.js';
import { createKnowledge, type Known } from './indexeddbKnowledge.js';
import {
  ALL_STORES,
  buildAll,
  collectionRange,
  INDEXEDDB_VERSION,
  isQuota,
  loadSources,
  logRange,
  pastLeaderOf,
  readRecord,
  rulesPortOf,
  writeDerived,
  type PastLeader,
  type StoredRecord,
  type WriteTx,
} from './indexeddbSchema.js';
import { ChangeHub } from './changes.js';
import { MAKE_REPLICA } from './replica.js';
import {
  compareSummaries,
  enquiryDetailsOf,
  inputImpactOf,
  inputKeyOf,
  isCpdLeader,
  matchesFilter,
  resolveInput,
  snapshotOf,
  summarizeEnquiry,
} from './summary.js';
import {
  StaleWriteError,
  StoreError,
  type AppendResult,
  type Backup,
  type EnquiryFilter,
  type EnquirySummary,
  type Store,
  type StoreChange,
  type Versioned,
} from './store.js';
import { checkBatch, checkCollection, checkFilter, checkId, checkRecord, checkVersion, invalid } from './validate.js';

export { INDEXEDDB_VERSION, type CommitProbe };

/** Options for {@link createIndexedDbStore}. */
export interface IndexedDbStoreOptions {
  /** The database name; `plc-kit` by default. Tabs using the same name share data. */
  name?: string;
  /** The lifecycle that validates and replays events; plc-kit's default when omitted. */
  lifecycle?: ReplayLifecycle;
  /** Wall time, for `exportedAt` in backups. */
  now?: () => Date;
  /** Whether to ask the browser to keep the data under storage pressure (default true). */
  persist?: boolean;
  /** Whether to tell other tabs about changes, and hear theirs (default true). */
  broadcast?: boolean;
  /** Backoff of retries after a quota error: the first delay, doubled each time up to `maxMs`. */
  retry?: { initialMs?: number; maxMs?: number };
  /**
   * Subscribed before the database opens, so it also hears that the first open is waiting for
   * another tab (an `error` change with code `unavailable`).
   */
  listener?: (change: StoreChange) => void;
  /**
   * Test hook, called inside each append's transaction once its events are added and before it
   * commits: throwing from it (a `QuotaExceededError`, say) or calling `abort()` makes the
   * transaction fail as the browser would.
   * @internal
   */
  beforeCommit?: (probe: CommitProbe) => void;
}

/** A store on IndexedDB. */
export interface IndexedDbStore extends Store {
  readonly kind: 'indexeddb';
  /** The database name. */
  readonly name: string;
  /** Whether the browser granted persistent storage (false when it refused or cannot say). */
  readonly persisted: Promise<boolean>;
  /** How many events are kept in memory because they could not be saved yet. */
  readonly pendingCount: number;
  /** Tries to save the events kept in memory now, instead of waiting for the next retry. */
  flush(): Promise<void>;
  /**
   * Replays every log again and rewrites every summary and snapshot. Needed only when the host
   * changes its lifecycle's guards in a way the store cannot see (inserted stages are noticed).
   */
  rebuildSummaries(): Promise<void>;
}

type Message =
  | { kind: 'events'; enquiryId: string; eventIds: string[] }
  | { kind: 'record'; collection: Collection; id: string; version: number | undefined }
  | { kind: 'reset' };

/**
 * The append path (the orchestration and this store's port to it), loaded on the first append:
 * a page that only reads, such as plc-app's first view, does not download it.
 */
const appendPath = () => Promise.all([import('./append.js'), import('./indexeddbAppend.js')]);
/**
 * The rules a record must meet against stored ones (recordRules.ts) and the directory's history
 * (history.ts, re-exported by recordRules.ts so that both are one file), loaded on the first
 * write of a record for the same reason.
 */
const recordRules = () => import('./recordRules.js');

/**
 * Opens (creating or upgrading as needed) a plc-kit database in this browser and returns a store
 * on it. Rejects with a {@link StoreError} `unavailable` when the browser offers no IndexedDB
 * (some private modes) or the database cannot be opened; hosts then fall back to
 * {@link createMemoryStore} and tell the user nothing is kept.
 * @example
 * ```ts
 * const store = await createIndexedDbStore({ name: 'plc-kit' });
 * store.subscribe((change) => {
 *   if (change.kind === 'error') showBanner(change.error.message); // e.g. the quota is full
 *   else refresh();                                                // local or from another tab
 * });
 * ```
 */
export async function createIndexedDbStore(options: IndexedDbStoreOptions = {}): Promise<IndexedDbStore> {
  const name = options.name ?? 'plc-kit';
  if (typeof name !== 'string' || name.length === 0 || name.length > 200) throw invalid('name', 'must be a database name of 1 to 200 characters');
  const lifecycle = options.lifecycle ?? replayLifecycle;
  const now = options.now ?? (() => new Date());
  /** A sync store's local copy keeps the server's records as they are (see MAKE_REPLICA). */
  let replica = false;
  const initialDelay = options.retry?.initialMs ?? 1_000;
  const maxDelay = options.retry?.maxMs ?? 60_000;
  const hub = new ChangeHub();
  if (options.listener) hub.subscribe(options.listener);

  let closed = false;
  const pending: Pending[] = [];
  const pendingIds = new Map<string, string>();
  let flushing: Promise<void> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;

  const channel = options.broadcast !== false && typeof BroadcastChannel === 'function' ? new BroadcastChannel(`plc-kit:${name}`) : undefined;
  if (channel) {
    channel.onmessage = (message: MessageEvent<Message>) => {
      const data = message.data;
      if (!data || typeof data !== 'object' || closed) return;
      // What this connection knew of the enquiry is now out of date (an append would notice,
      // and compute its summary again; forgetting it saves that work).
      if (data.kind === 'events') known.delete(data.enquiryId);
      if (data.kind === 'reset') forget();
      if (data.kind === 'events' || data.kind === 'record' || data.kind === 'reset') hub.emit({ ...data, origin: 'remote' } as StoreChange);
    };
  }

  const announce = (message: Message, local = true) => {
    if (local) hub.emit({ ...message, origin: 'local' } as StoreChange);
    try {
      channel?.postMessage(message);
    } catch {
      // A closed channel: other tabs will see the change on their next read.
    }
  };

  const connection = openConnection({
    name,
    lifecycle,
    persist: options.persist !== false,
    onLost: () => forget(),
    onBlocked: (error) => hub.emit({ kind: 'error', origin: 'local', error }),
  });
  const { write, read, persisted } = connection;

  /** Rewrites one enquiry's summary and snapshot when its lifecycle input changed. */
  async function refreshInput(tx: WriteTx, enquiryId: string) {
    const cached = await tx.objectStore('snapshots').get(enquiryId);
    let details = cached?.cache.context.details;
    let log: DomainEvent[] | undefined;
    if (!details) {
      log = await tx.objectStore('events').index('byEnquiry').getAll(logRange(enquiryId));
      details = enquiryDetailsOf(log);
    }
    const input = resolveInput(details, await loadSources(tx, details));
    const key = inputKeyOf(input, lifecycle);
    if (cached?.inputKey === key) return;
    log ??= await tx.objectStore('events').index('byEnquiry').getAll(logRange(enquiryId));
    const { summary, cached: next } = snapshotOf(lifecycle, enquiryId, lifecycle.replay(log, input), key);
    await Promise.all([tx.objectStore('summaries').put(summary), tx.objectStore('snapshots').put(next)]);
  }

  const knowledge = createKnowledge();
  const { known } = knowledge;
  const forget = () => knowledge.forget();

  /**
   * Writes a batch (already validated, no id repeated in it) with the enquiry's summary, in one
   * transaction, through the shared append orchestration. Returns the ids that were new.
   */
  async function writeBatch(batch: Pending): Promise<string[]> {
    batch.attempts += 1;
    let entry: Known | undefined;
    // Loaded before the transaction opens: it would commit while a module loads.
    const [{ appendBatch }, { appendPort }] = await appendPath();
    const written = await write(ALL_STORES, async (tx) => {
      const report = await appendBatch(lifecycle, batch.enquiryId, batch.events.map((event, index) => ({ index, event })), appendPort(tx, batch, { lifecycle, knowledge, beforeCommit: options.beforeCommit }, (kept) => (entry = kept)));
      return report.fresh.map((c) => c.event.id);
    });
    if (entry) knowledge.remember(batch.enquiryId, entry);
    return written;
  }

  const quotaError = (batch: Pending, cause: unknown) =>
    new StoreError(
      'quota',
      `This browser's storage for the site is full, so ${batch.events.length === 1 ? 'an event' : `${batch.events.length} events`} of enquiry ${batch.enquiryId} (and ${pendingIds.size} in all) could not be saved. They are kept in this tab and plc-kit keeps retrying: keep the tab open, free some space, or export a backup.`,
      batch.enquiryId,
      { cause },
    );

  function keep(batch: Pending) {
    pending.push(batch);
    for (const event of batch.events) pendingIds.set(event.id, batch.enquiryId);
  }

  function scheduleRetry() {
    if (closed || retryTimer !== undefined || pending.length === 0) return;
    const delay = Math.min(initialDelay * 2 ** Math.max(0, failures - 1), maxDelay);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void flush();
    }, delay);
  }

  /** Saves kept batches in order; stops at the first that still fails. */
  function flush(): Promise<void> {
    if (pending.length === 0) return Promise.resolve();
    flushing ??= (async () => {
      try {
        while (pending.length) {
          const batch = pending[0]!;
          try {
            const written = await writeBatch(batch);
            failures = 0;
            pending.shift();
            for (const event of batch.events) pendingIds.delete(event.id);
            // Local subscribers heard of these events when they were kept; other tabs hear now.
            if (written.length) announce({ kind: 'events', enquiryId: batch.enquiryId, eventIds: written }, false);
          } catch (error) {
            if (error instanceof StoreError && (error.code === 'conflict' || error.code === 'invalid')) {
              // Cannot succeed on a retry: drop the batch and say why.
              pending.shift();
              for (const event of batch.events) pendingIds.delete(event.id);
              hub.emit({ kind: 'error', origin: 'local', error });
              continue;
            }
            failures += 1;
            hub.emit({ kind: 'error', origin: 'local', error: isQuota(error) ? quotaError(batch, error) : unavailable(error, 'save kept events') });
            scheduleRetry();
            return;
          }
        }
      } finally {
        flushing = undefined;
      }
    })();
    return flushing;
  }

  /** Kicks a retry of kept events on every call, without waiting for it. */
  const kick = () => {
    if (pending.length && !flushing && !closed) void flush();
  };

  const ensureOpen = () => {
    if (closed) throw new StoreError('closed', 'This store has been closed: create a new one.');
  };

  const pendingOf = (enquiryId: string) => pending.filter((b) => b.enquiryId === enquiryId).flatMap((b) => b.events);

  /** A summary including kept events, replayed (only while some are kept). */
  async function liveSummary(enquiryId: string): Promise<EnquirySummary> {
    return read(['events', 'records', 'meta'], async (tx) => {
      const stored = await tx.objectStore('events').index('byEnquiry').getAll(logRange(enquiryId));
      const log = mergeLogs(stored, pendingOf(enquiryId));
      const details = enquiryDetailsOf(log);
      return summarizeEnquiry(enquiryId, lifecycle.replay(log, resolveInput(details, await loadSources(tx, details))));
    });
  }

  await connection.database();

  const store: IndexedDbStore = {
    kind: 'indexeddb',
    name,
    persisted,
    get pendingCount() {
      return pendingIds.size;
    },

    async append(enquiryId, events) {
      ensureOpen();
      checkId(enquiryId, 'enquiryId');
      const batch = checkBatch(enquiryId, events, lifecycle);
      const [{ sortOutStored, idConflictError }] = await appendPath();
      // Events kept in this tab (the quota was full) are stored as far as callers can tell.
      const sorted = sortOutStored(enquiryId, batch.map((event, index) => ({ index, event })), pendingIds);
      if (sorted.conflicts.length) throw idConflictError(sorted.conflicts[0]!);
      const fresh = sorted.fresh.map((c) => c.event);
      const duplicates = new Set(sorted.duplicates.map((d) => d.index));
      const results = batch.map((event, index): AppendResult => ({ eventId: event.id, status: duplicates.has(index) ? 'duplicate' : 'appended' }));
      if (fresh.length === 0) return results;
      const next: Pending = { enquiryId, events: fresh, attempts: 0 };
      if (pending.length) await flush();

      let written: string[] | undefined;
      if (pending.length === 0) {
        try {
          written = await writeBatch(next);
        } catch (error) {
          if (!isQuota(error)) throw unavailable(error, `save the events of enquiry ${enquiryId}; none of them was saved`);
          failures += 1;
          keep(next);
          hub.emit({ kind: 'error', origin: 'local', error: quotaError(next, error) });
          scheduleRetry();
        }
      } else {
        // Still failing: keep this batch behind the others so batches are saved in order.
        const stored = await read(['events'], (tx) => Promise.all(fresh.map((e) => tx.objectStore('events').getKey(e.id))));
        next.events = fresh.filter((_, i) => stored[i] === undefined);
        if (next.events.length) keep(next);
      }
      const newIds = new Set(written ?? next.events.map((e) => e.id));
      const out = results.map((r) => (r.status === 'appended' && !newIds.has(r.eventId) ? { ...r, status: 'duplicate' as const } : r));
      const kept = written === undefined;
      if (newIds.size) hub.emit({ kind: 'events', enquiryId, eventIds: [...newIds], origin: 'local' });
      if (!kept && newIds.size) announce({ kind: 'events', enquiryId, eventIds: [...newIds] }, false);
      return kept ? out.map((r) => (r.status === 'appended' ? { ...r, pending: true as const } : r)) : out;
    },

    async readLog(enquiryId) {
      ensureOpen();
      checkId(enquiryId, 'enquiryId');
      kick();
      const log = await read(['events'], (tx) => tx.objectStore('events').index('byEnquiry').getAll(logRange(enquiryId)));
      const kept = pendingOf(enquiryId);
      return kept.length ? structuredClone(mergeLogs(log, kept)) : log;
    },

    async listEnquiries(filter) {
      ensureOpen();
      const wanted: EnquiryFilter = checkFilter(filter);
      kick();
      let found = await read(['summaries'], (tx) => {
        const summaries = tx.objectStore('summaries');
        if (wanted.cycleId !== undefined) return summaries.index('cycleId').getAll(wanted.cycleId);
        if (wanted.ownerId !== undefined) return summaries.index('ownerIds').getAll(wanted.ownerId);
        if (wanted.communityId !== undefined) return summaries.index('communityId').getAll(wanted.communityId);
        return summaries.getAll();
      });
      const keptEnquiries = new Set(pending.map((b) => b.enquiryId));
      if (keptEnquiries.size) {
        const live = await Promise.all([...keptEnquiries].map(liveSummary));
        found = [...found.filter((s) => !keptEnquiries.has(s.enquiryId)), ...live];
      }
      return found.filter((s) => matchesFilter(s, wanted)).sort(compareSummaries);
    },

    async getSummary(enquiryId) {
      ensureOpen();
      checkId(enquiryId, 'enquiryId');
      kick();
      if (pending.some((b) => b.enquiryId === enquiryId)) return liveSummary(enquiryId);
      return read(['summaries'], (tx) => tx.objectStore('summaries').get(enquiryId));
    },

    async get(collection, id) {
      ensureOpen();
      checkCollection(collection);
      checkId(id, 'id');
      kick();
      const stored = await read(['records'], (tx) => tx.objectStore('records').get([collection, id]));
      return stored && (readRecord(stored) as Versioned<DirectoryRecord<typeof collection>>);
    },

    async list(collection) {
      ensureOpen();
      checkCollection(collection);
      kick();
      const stored = await read(['records'], (tx) => tx.objectStore('records').getAll(collectionRange(collection)));
      return stored.map(readRecord) as Array<Versioned<DirectoryRecord<typeof collection>>>;
    },

    async put(collection, record, expectedVersion) {
      ensureOpen();
      checkCollection(collection);
      const valid = checkRecord(collection, record);
      const expected = checkVersion(expectedVersion);
      const id = (valid as { id: string }).id;
      // Loaded before the transaction opens: it would commit while a module loads.
      const { recordRulesFor, recordDirectoryHistory } = await recordRules();
      const rules = await recordRulesFor(collection);
      kick();
      const version = await write(ALL_STORES, async (tx) => {
        const records = tx.objectStore('records');
        const current = await records.get([collection, id]);
        if ((current?.version ?? 0) !== expected) throw new StaleWriteError(collection, id, expected, current?.version);
        if (!replica && rules) await rules(valid, rulesPortOf(tx));
        const before = current && readRecord(current).record;
        const kept = replica ? valid : recordDirectoryHistory(collection, before, valid, now().toISOString());
        await records.put({ collection, id, version: expected + 1, record: kept });
        await afterDirectoryWrite(tx, collection, id, before, kept);
        return { version: expected + 1, kept };
      }).catch((error: unknown) => {
        throw unavailable(error, `save ${collection}/${id}`);
      });
      announce({ kind: 'record', collection, id, version: version.version });
      return { record: version.kept, version: version.version } as Versioned<DirectoryRecord<typeof collection>>;
    },

    async delete(collection, id, expectedVersion) {
      ensureOpen();
      checkCollection(collection);
      checkId(id, 'id');
      const expected = checkVersion(expectedVersion);
      const { checkDirectoryDelete, ledBy } = await recordRules();
      kick();
      await write(ALL_STORES, async (tx) => {
        const records = tx.objectStore('records');
        const current = await records.get([collection, id]);
        if (!current) throw new StoreError('not-found', `${collection}/${id} does not exist (it may have been deleted already)`, 'id');
        if (current.version !== expected) throw new StaleWriteError(collection, id, expected, current.version);
        const summaries = tx.objectStore('summaries');
        const field = collection === 'cycles' ? 'cycleId' : collection === 'communities' ? 'communityId' : undefined;
        const communities = collection === 'people' ? await records.getAll(collectionRange('communities')) : [];
        if (!replica) checkDirectoryDelete(collection, readRecord(current).record, {
          enquiries: field ? await summaries.index(field).count(id) : 0,
          leadsCommunity: communities.some((c) => ledBy(readRecord(c).record as Community, id)),
        });
        await records.delete([collection, id]);
        await afterDirectoryWrite(tx, collection, id, readRecord(current).record, undefined);
      }).catch((error: unknown) => {
        throw unavailable(error, `delete ${collection}/${id}`);
      });
      announce({ kind: 'record', collection, id, version: undefined });
    },

    subscribe(listener) {
      return hub.subscribe(listener);
    },

    async exportBackup(): Promise<Backup> {
      ensureOpen();
      // Backups are made and read rarely: their schemas load with the first one, outside bundle.js.
      const { createBackup } = await import('./backup.js');
      kick();
      const [events, records] = await read(['events', 'records'], (tx) =>
        Promise.all([tx.objectStore('events').getAll(), tx.objectStore('records').getAll()]),
      );
      const grouped: Partial<Record<Collection, Array<Versioned<unknown>>>> = {};
      for (const stored of records) (grouped[stored.collection] ??= []).push(readRecord(stored));
      const kept = pending.flatMap((b) => structuredClone(b.events));
      return createBackup({ events: mergeLogs(events.map((e) => migrate('event', e) as DomainEvent), kept), records: grouped }, now());
    },

    async importBackup(value) {
      ensureOpen();
      const { readBackup } = await import('./backup.js');
      const backup = readBackup(value, lifecycle);
      const stored: StoredRecord[] = [];
      for (const [collection, entries] of Object.entries(backup.records) as Array<[Collection, Array<Versioned<unknown>>]>) {
        for (const entry of entries) stored.push({ collection, id: (entry.record as { id: string }).id, version: entry.version, record: entry.record });
      }
      const built = buildAll(lifecycle, backup.events, stored);
      await write(ALL_STORES, async (tx) => {
        const previous = await tx.objectStore('meta').get('generation');
        await Promise.all(ALL_STORES.map((s) => tx.objectStore(s).clear()));
        const events = tx.objectStore('events');
        const records = tx.objectStore('records');
        await Promise.all([...backup.events.map((e) => events.put(e)), ...stored.map((r) => records.put(r))]);
        await writeDerived(tx, built, false, previous);
      }).catch((error: unknown) => {
        throw isQuota(error)
          ? new StoreError('quota', "This browser's storage for the site is too full to import the backup; nothing was changed.", undefined, { cause: error })
          : unavailable(error, 'import the backup; nothing was changed');
      });
      pending.length = 0;
      pendingIds.clear();
      forget();
      announce({ kind: 'reset' });
    },

    flush() {
      ensureOpen();
      return flush();
    },

    async rebuildSummaries() {
      ensureOpen();
      await write(ALL_STORES, async (tx) => {
        const [events, records, previous] = await Promise.all([
          tx.objectStore('events').index('byEnquiry').getAll(),
          tx.objectStore('records').getAll(),
          tx.objectStore('meta').get('generation'),
        ]);
        await writeDerived(tx, buildAll(lifecycle, events, records), true, previous);
      });
      forget();
      announce({ kind: 'reset' });
    },

    async close() {
      if (closed) return;
      if (pending.length) await flush();
      const unsaved = pendingIds.size;
      closed = true;
      clearTimeout(retryTimer);
      retryTimer = undefined;
      channel?.close();
      hub.clear();
      connection.close();
      if (unsaved) {
        throw new StoreError('quota', `The store is closed, but ${unsaved} events could not be saved because the browser's storage is full; they are lost.`);
      }
    },
  };

  /** Keeps the CPD leader list and the summaries whose lifecycle input changed, in the same transaction. */
  async function afterDirectoryWrite(tx: WriteTx, collection: Collection, id: string, before: unknown, after: unknown) {
    if (collection === 'people') {
      const meta = tx.objectStore('meta');
      const leaders = new Set(((await meta.get('cpdLeaders')) as string[] | undefined) ?? []);
      const isLeader = Boolean(after && isCpdLeader(after as Person));
      if (isLeader !== leaders.has(id)) {
        if (isLeader) leaders.add(id);
        else leaders.delete(id);
        await meta.put([...leaders].sort(), 'cpdLeaders');
      }
      const past = ((await meta.get('pastCpdLeaders')) as PastLeader[] | undefined) ?? [];
      const entry = pastLeaderOf(after as Person | undefined);
      const next = [...past.filter((p) => p.id !== id), ...(entry ? [entry] : [])].sort((a, b) => (a.id < b.id ? -1 : 1));
      if (JSON.stringify(next) !== JSON.stringify(past)) await meta.put(next, 'pastCpdLeaders');
    }
    const impact = inputImpactOf(collection, id, before, after);
    if (!impact) return;
    const summaries = tx.objectStore('summaries');
    const enquiryIds = impact.field === 'all' ? await summaries.getAllKeys() : await summaries.index(impact.field).getAllKeys(impact.id);
    for (const enquiryId of enquiryIds) await refreshInput(tx, enquiryId);
  }

  Object.defineProperty(store, MAKE_REPLICA, { value: () => void (replica = true), enumerable: false });
  return store;
}
