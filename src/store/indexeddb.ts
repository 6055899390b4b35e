/**
 * The IndexedDB store: plc-kit's embedded default. Offline, durable, and kept in step across the
 * tabs of one origin.
 *
 * - Each append writes its events and the enquiry's summary in one transaction, so a list never
 *   replays logs and a crash or reload leaves all of a batch or none. An append usually costs a
 *   single round trip to the database: the summary is computed from the state this connection
 *   already holds, and checked in the same transaction (see `writeBatch`).
 * - Other tabs hear of every change through a `BroadcastChannel('plc-kit:<name>')`; their
 *   subscribers get it with origin `remote`.
 * - When another tab upgrades or deletes the database (`versionchange`), this store closes its
 *   connection at once and reopens it on its next call; when its own upgrade waits for an older
 *   tab (`blocked`), subscribers get an `error` change saying so.
 * - When the browser's quota is full, the batch is kept in this tab's memory (reads include it),
 *   subscribers get an `error` change with code `quota`, and the store retries with backoff and
 *   on every later call. Nothing typed is lost while the tab stays open.
 *
 * Database layout, version 2 (this one):
 * - `events`: key `id`; index `byEnquiry` on `[enquiryId, hlc, id]`, which is merge order.
 * - `summaries`: key `enquiryId`; indexes `cycleId`, `communityId`, `ownerIds` (multi-entry), `updatedAt`.
 * - `snapshots`: key `enquiryId`; a lifecycle state from the log, with the input it was made
 *   with, so a connection that does not hold the state resumes from it instead of replaying the
 *   whole log. Stored every 32 events, and whenever an event arrives that sorts before it.
 * - `records`: key `[collection, id]`; values `{ collection, id, version, record }`.
 * - `meta`: out-of-line keys; `cpdLeaders` lists the ids of people with the `cpd-leader` role;
 *   `generation` grows when the whole content is replaced (an import, a rebuild, an upgrade).
 *
 * Version 1 (before the hybrid clock) had `events` with an index `enquiryId` and events of
 * schema version 1 (no `hlc`), `records` and `meta` as now, and no summaries or snapshots.
 * Upgrading adds the `hlc` to every event, builds the `byEnquiry` index, and replays every log
 * into its summary and snapshot, in the upgrade transaction: all of it happens or none.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPObjectStore, type IDBPTransaction, type StoreNames } from 'idb';
import type { Collection, Community, Cycle, DirectoryRecord, LearningWalk, Person } from '../schema/directory.js';
import type { EnquiryDetails } from '../schema/enquiry.js';
import { migrate } from '../schema/migrate.js';
import { compareEvents, mergeLogs, type DomainEvent } from '../lifecycle/events.js';
import { replayLifecycle, type ReplayLifecycle } from '../lifecycle/replayLifecycle.js';
import { appendBatch, idConflictError, sameInputSource, sortOutStored, type AppendPort, type LoadedState } from './append.js';
import { ChangeHub } from './changes.js';
import { checkDirectoryDelete, ledBy, MAKE_REPLICA, recordDirectoryHistory } from './history.js';
import {
  allSortAfter,
  compareSummaries,
  enquiryDetailsOf,
  inputImpactOf,
  inputKeyOf,
  isCpdLeader,
  matchesFilter,
  parseEventKey,
  resolveInput,
  snapshotOf,
  summarizeEnquiry,
  type CachedEnquiry,
  type InputSources,
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
import { checkBatch, checkCollection, checkFilter, checkId, checkRecord, checkVersion, checkWalkInCycle, invalid } from './validate.js';

/** The database version this plc-kit writes. */
export const INDEXEDDB_VERSION = 2;

/** A directory record as the `records` object store keeps it. */
interface StoredRecord {
  collection: Collection;
  id: string;
  version: number;
  record: unknown;
}

interface PlcDatabase extends DBSchema {
  events: { key: string; value: DomainEvent; indexes: { byEnquiry: [string, string, string] } };
  summaries: { key: string; value: EnquirySummary; indexes: { cycleId: string; communityId: string; ownerIds: string; updatedAt: string } };
  snapshots: { key: string; value: CachedEnquiry };
  records: { key: [string, string]; value: StoredRecord };
  meta: { key: string; value: unknown };
}

type Db = IDBPDatabase<PlcDatabase>;
type Name = StoreNames<PlcDatabase>;
type WriteTx = IDBPTransaction<PlcDatabase, Name[], 'readwrite' | 'versionchange'>;
type ReadTx = IDBPTransaction<PlcDatabase, Name[], 'readonly' | 'readwrite' | 'versionchange'>;

const ALL_STORES: Name[] = ['events', 'summaries', 'snapshots', 'records', 'meta'];

/** What {@link IndexedDbStoreOptions.beforeCommit} is told. @internal */
export interface CommitProbe {
  enquiryId: string;
  eventIds: string[];
  /** 1 for the first attempt at this batch, 2 for the first retry, ... */
  attempt: number;
  /** Aborts the transaction, as a reload or a crash in the middle of the batch would. */
  abort(): void;
}

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

interface Pending {
  enquiryId: string;
  events: DomainEvent[];
  attempts: number;
}

type Message =
  | { kind: 'events'; enquiryId: string; eventIds: string[] }
  | { kind: 'record'; collection: Collection; id: string; version: number | undefined }
  | { kind: 'reset' };

/** Marks a request's promise as handled; it is still awaited (and its error seen) later. */
const quiet = <T>(promise: Promise<T>): Promise<T> => {
  promise.catch(() => {});
  return promise;
};

const isQuota = (error: unknown) =>
  error instanceof Error && (error.name === 'QuotaExceededError' || (error as DOMException).code === 22);

/** How many events an append may add to an enquiry before its cached state is stored again. */
const SNAPSHOT_INTERVAL = 32;
/** How many enquiries' states a connection keeps in memory. */
const KNOWN_LIMIT = 256;

/** An enquiry's stored state as this store's append port loads it. */
interface IdbLoaded extends LoadedState {
  /** The event count of the snapshot stored for it. */
  persistedCount: number;
  /** Whether `state` was replayed from the log although a snapshot was stored (it is then replaced). */
  hadSnapshot: boolean;
}

/** An enquiry's state after this connection's last append to it. */
interface Known {
  generation: number;
  cached: CachedEnquiry;
  /** The event count of the snapshot stored for it. */
  persistedCount: number;
}

const logRange = (enquiryId: string) => IDBKeyRange.bound([enquiryId], [enquiryId, []]);
const collectionRange = (collection: string) => IDBKeyRange.bound([collection], [collection, []]);

const readRecord = (stored: StoredRecord): Versioned<unknown> => ({ record: migrate(stored.collection, stored.record), version: stored.version });

/** The stored records an enquiry's lifecycle input depends on, as read. */
interface SourceRecords {
  cycle: StoredRecord | undefined;
  community: StoredRecord | undefined;
  leaders: string[] | undefined;
  /** People who were CPD leaders until a date (meta `pastCpdLeaders`). */
  pastLeaders: PastLeader[] | undefined;
}

/** A former CPD leader as the meta store keeps them: their id and the terms that ended. */
type PastLeader = Pick<Person, 'id'> & { pastRoles: NonNullable<Person['pastRoles']> };

/** The CPD-leader terms of a person that ended, or undefined when they never held the role before. */
const pastLeaderOf = (person: Person | undefined): PastLeader | undefined => {
  const terms = (person?.pastRoles ?? []).filter((r) => r.role === 'cpd-leader');
  return person && terms.length ? { id: person.id, pastRoles: terms } : undefined;
};

/** Issues the reads of an enquiry's input records (all at once, inside a transaction). */
function readSources(tx: ReadTx, details: EnquiryDetails | undefined): Promise<SourceRecords> {
  const records = tx.objectStore('records');
  return Promise.all([
    details?.cycleId ? records.get(['cycles', details.cycleId]) : undefined,
    details?.communityId ? records.get(['communities', details.communityId]) : undefined,
    tx.objectStore('meta').get('cpdLeaders') as Promise<string[] | undefined>,
    tx.objectStore('meta').get('pastCpdLeaders') as Promise<PastLeader[] | undefined>,
  ]).then(([cycle, community, leaders, pastLeaders]) => ({ cycle, community, leaders, pastLeaders }));
}

const sourcesOf = (raw: SourceRecords): InputSources => ({
  cycle: raw.cycle && (readRecord(raw.cycle).record as Cycle),
  community: raw.community && (readRecord(raw.community).record as Community),
  cpdLeaders: [
    ...(raw.leaders ?? []).map((id) => ({ id, roles: ['cpd-leader' as const], pastRoles: raw.pastLeaders?.find((p) => p.id === id)?.pastRoles })),
    ...(raw.pastLeaders ?? []).filter((p) => !raw.leaders?.includes(p.id)).map((p) => ({ id: p.id, roles: [], pastRoles: p.pastRoles })),
  ],
});

/** Reads what an enquiry's lifecycle input depends on, inside a transaction. */
const loadSources = async (tx: ReadTx, details: EnquiryDetails | undefined): Promise<InputSources> => sourcesOf(await readSources(tx, details));

/** The events of an enquiry's log after a cached position (`lastKey` is `<hlc>|<id>`). */
function tailAfter(tx: ReadTx, enquiryId: string, lastKey: string | undefined): Promise<DomainEvent[]> {
  const index = tx.objectStore('events').index('byEnquiry');
  const last = parseEventKey(lastKey);
  if (last === undefined) return index.getAll(logRange(enquiryId));
  return index.getAll(IDBKeyRange.bound([enquiryId, last.hlc, last.id], [enquiryId, []], true));
}

/** Summaries, snapshots and the CPD leader list for a whole content, replayed from scratch. */
function buildAll(lifecycle: ReplayLifecycle, events: readonly DomainEvent[], records: readonly StoredRecord[]) {
  const byCollection = new Map<string, Map<string, unknown>>();
  for (const stored of records) {
    const map = byCollection.get(stored.collection) ?? new Map<string, unknown>();
    map.set(stored.id, readRecord(stored).record);
    byCollection.set(stored.collection, map);
  }
  const people = [...(byCollection.get('people')?.values() ?? [])] as Person[];
  const cpdLeaders = people.filter((p) => isCpdLeader(p) || pastLeaderOf(p));
  const logs = new Map<string, DomainEvent[]>();
  for (const event of events) {
    const log = logs.get(event.enquiryId) ?? [];
    log.push(event);
    logs.set(event.enquiryId, log);
  }
  const out: Array<{ summary: EnquirySummary; cached: CachedEnquiry }> = [];
  for (const [enquiryId, log] of logs) {
    const details = enquiryDetailsOf(log);
    const input = resolveInput(details, {
      cycle: details ? (byCollection.get('cycles')?.get(details.cycleId) as Cycle | undefined) : undefined,
      community: details?.communityId ? (byCollection.get('communities')?.get(details.communityId) as Community | undefined) : undefined,
      cpdLeaders,
    });
    out.push(snapshotOf(lifecycle, enquiryId, lifecycle.replay(log, input), inputKeyOf(input, lifecycle)));
  }
  return {
    states: out,
    cpdLeaders: cpdLeaders.filter(isCpdLeader).map((p) => p.id),
    pastCpdLeaders: cpdLeaders.map(pastLeaderOf).filter((p): p is PastLeader => p !== undefined),
  };
}

/**
 * Replaces summaries, snapshots and the CPD leader list, inside a write transaction, and moves
 * the database to a new generation: connections drop what they knew of its enquiries.
 */
async function writeDerived(tx: WriteTx, built: ReturnType<typeof buildAll>, clear: boolean, previousGeneration: unknown) {
  const summaries = tx.objectStore('summaries');
  const snapshots = tx.objectStore('snapshots');
  const meta = tx.objectStore('meta');
  if (clear) await Promise.all([summaries.clear(), snapshots.clear()]);
  await Promise.all([
    ...built.states.flatMap(({ summary, cached }) => [summaries.put(summary), snapshots.put(cached)]),
    meta.put(built.cpdLeaders, 'cpdLeaders'),
    meta.put(built.pastCpdLeaders, 'pastCpdLeaders'),
    meta.put((typeof previousGeneration === 'number' ? previousGeneration : 0) + 1, 'generation'),
  ]);
}

/** Creates the object stores, and upgrades a version-1 database's data. */
async function upgrade(db: Db, oldVersion: number, tx: WriteTx, lifecycle: ReplayLifecycle) {
  const raw = db as unknown as IDBPDatabase;
  if (oldVersion < 1) {
    raw.createObjectStore('events', { keyPath: 'id' });
    raw.createObjectStore('records', { keyPath: ['collection', 'id'] });
    raw.createObjectStore('meta');
  }
  if (oldVersion < 2) {
    const events = tx.objectStore('events') as unknown as IDBPObjectStore<unknown, string[], string, 'versionchange'>;
    if (events.indexNames.contains('enquiryId')) events.deleteIndex('enquiryId');
    events.createIndex('byEnquiry', ['enquiryId', 'hlc', 'id']);
    const summaries = db.createObjectStore('summaries', { keyPath: 'enquiryId' });
    summaries.createIndex('cycleId', 'cycleId');
    summaries.createIndex('communityId', 'communityId');
    summaries.createIndex('ownerIds', 'ownerIds', { multiEntry: true });
    summaries.createIndex('updatedAt', 'updatedAt');
    db.createObjectStore('snapshots', { keyPath: 'enquiryId' });
    if (oldVersion === 1) {
      // Version-1 events have no hybrid-clock stamp: migrating adds it (ordered by `at`).
      let cursor = await events.openCursor();
      while (cursor) {
        let upgraded: unknown;
        try {
          upgraded = migrate('event', cursor.value);
        } catch {
          upgraded = cursor.value;
        }
        if (upgraded !== cursor.value) await cursor.update(upgraded);
        cursor = await cursor.continue();
      }
      const [all, records] = await Promise.all([tx.objectStore('events').getAll(), tx.objectStore('records').getAll()]);
      await writeDerived(tx, buildAll(lifecycle, all.sort(compareEvents), records), false, await tx.objectStore('meta').get('generation'));
    }
  }
}

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

  let connection: Promise<Db> | undefined;
  let closed = false;
  const pending: Pending[] = [];
  const pendingIds = new Map<string, string>();
  let flushing: Promise<void> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let resolvePersisted: (value: boolean) => void = () => {};
  const persisted = new Promise<boolean>((resolve) => (resolvePersisted = resolve));

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

  const unavailable = (error: unknown, doing: string) =>
    error instanceof StoreError
      ? error
      : new StoreError('unavailable', `plc-kit could not ${doing}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, undefined, { cause: error });

  async function open(): Promise<Db> {
    if (typeof indexedDB === 'undefined') throw new StoreError('unavailable', 'This browser offers no IndexedDB storage (a private window, or storage switched off).');
    let upgradeError: unknown;
    const callbacks = (self: () => Db | undefined) => ({
      blocked() {
        hub.emit({
          kind: 'error',
          origin: 'local',
          error: new StoreError('unavailable', `plc-kit is waiting for another tab that has "${name}" open with an older version: close or reload that tab.`),
        });
      },
      blocking() {
        // Another tab is upgrading or deleting the database: step aside, reopen on the next call.
        const db = self();
        db?.close();
        if (db && current === db) {
          connection = undefined;
          current = undefined;
          forget();
        }
      },
      terminated() {
        if (current === self()) {
          connection = undefined;
          current = undefined;
          forget();
        }
      },
    });
    let db: Db | undefined;
    try {
      db = await openDB<PlcDatabase>(name, INDEXEDDB_VERSION, {
        ...callbacks(() => db),
        upgrade(database, oldVersion, _newVersion, tx) {
          upgrade(database, oldVersion, tx as WriteTx, lifecycle).catch((error: unknown) => {
            upgradeError = error;
            try {
              tx.abort();
            } catch {
              // Already finished.
            }
          });
        },
      });
    } catch (error) {
      if (upgradeError) throw unavailable(upgradeError, `upgrade the database "${name}"`);
      if (!(error instanceof Error && error.name === 'VersionError')) throw unavailable(error, `open the database "${name}"`);
      // A newer plc-kit in another tab upgraded the database: use it if it still has our stores.
      db = await openDB<PlcDatabase>(name, undefined, callbacks(() => db));
      const missing = ALL_STORES.filter((store) => !db!.objectStoreNames.contains(store));
      if (missing.length) {
        db.close();
        throw new StoreError('unavailable', `The database "${name}" was changed by a newer version of plc-kit (it has no ${missing.join(', ')}): reload this page.`);
      }
    }
    current = db;
    return db;
  }

  let current: Db | undefined;
  let persistAsked = false;

  function database(): Promise<Db> {
    if (closed) return Promise.reject(new StoreError('closed', 'This store has been closed: create a new one.'));
    if (!connection) {
      const opening = open();
      connection = opening;
      opening.then(
        () => {
          if (persistAsked) return;
          persistAsked = true;
          if (options.persist === false || typeof navigator === 'undefined' || !navigator.storage?.persist) return resolvePersisted(false);
          navigator.storage.persist().then(resolvePersisted, () => resolvePersisted(false));
        },
        () => {
          if (connection === opening) connection = undefined;
        },
      );
    }
    return connection;
  }

  /** Starts a transaction, reopening once if the connection was closed under us. */
  async function transaction<M extends IDBTransactionMode>(stores: Name[], mode: M) {
    let db = await database();
    try {
      return db.transaction(stores, mode);
    } catch (error) {
      if (!(error instanceof Error && error.name === 'InvalidStateError')) throw error;
      if (current === db) {
        connection = undefined;
        current = undefined;
        forget();
      }
      db = await database();
      return db.transaction(stores, mode);
    }
  }

  /** Runs `body` in one read-write transaction: it commits when body succeeds, else nothing is applied. */
  async function write<T>(stores: Name[], body: (tx: WriteTx) => Promise<T>): Promise<T> {
    const tx = (await transaction(stores, 'readwrite')) as unknown as WriteTx;
    const done = tx.done;
    let result: T;
    try {
      result = await body(tx);
    } catch (error) {
      done.catch(() => {});
      try {
        tx.abort();
      } catch {
        // The browser already aborted it (a failed request).
      }
      throw error;
    }
    await done;
    return result;
  }

  async function read<T>(stores: Name[], body: (tx: ReadTx) => Promise<T>): Promise<T> {
    const tx = (await transaction(stores, 'readonly')) as unknown as ReadTx;
    try {
      return await body(tx);
    } catch (error) {
      throw unavailable(error, 'read its data');
    }
  }

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

  /**
   * What this connection knows of enquiries it wrote: the state after its last commit, so the
   * next append can compute the summary before reading anything (see {@link writeBatch}).
   */
  const known = new Map<string, Known>();
  let generation: number | undefined;

  const remember = (enquiryId: string, entry: Known) => {
    known.delete(enquiryId);
    known.set(enquiryId, entry);
    if (known.size > KNOWN_LIMIT) known.delete(known.keys().next().value!);
  };
  const forget = () => {
    known.clear();
    generation = undefined;
  };

  /**
   * The append orchestration's port inside one write transaction (see append.ts). The usual
   * append waits for one round of reads: the id probes, with the log's event count, the database
   * generation and the input records, all issued at once. When nothing was written since this
   * connection's own last append to the enquiry (the count and generation say so) and its input
   * is unchanged, the state it kept is resumed; otherwise the stored snapshot and the log after
   * it, or the whole log.
   */
  function appendPort(tx: WriteTx, batch: Pending, done: (entry: Known) => void): AppendPort<IdbLoaded> {
    const { enquiryId } = batch;
    const events = tx.objectStore('events');
    const created = enquiryDetailsOf(batch.events);
    const details = known.get(enquiryId)?.cached.cache.context.details ?? created;
    const reads = Promise.all([
      quiet(events.index('byEnquiry').count(logRange(enquiryId))),
      quiet(tx.objectStore('meta').get('generation') as Promise<number | undefined>),
      quiet(readSources(tx, details)),
    ]);
    const inputFor = async (wanted: EnquiryDetails | undefined) => {
      const input = resolveInput(wanted, sameInputSource(wanted, details) ? sourcesOf((await reads)[2]) : await loadSources(tx, wanted));
      return { input, inputKey: inputKeyOf(input, lifecycle) };
    };
    const readLog = () => events.index('byEnquiry').getAll(logRange(enquiryId));
    return {
      async storedOwners(ids) {
        const stored = await Promise.all(ids.map((id) => events.get(id)));
        return new Map(stored.flatMap((event) => (event ? [[event.id, event.enquiryId] as const] : [])));
      },
      async load(fresh) {
        const [count, storedGeneration] = await reads;
        if ((storedGeneration ?? 0) !== generation) {
          known.clear();
          generation = storedGeneration ?? 0;
        }
        const mine = known.get(enquiryId);
        if (mine && count === mine.cached.cache.eventCount) {
          const resolved = await inputFor(mine.cached.cache.context.details);
          if (resolved.inputKey === mine.cached.inputKey) {
            return { state: lifecycle.restore(mine.cached.cache, resolved.input), ...resolved, details: mine.cached.cache.context.details, log: undefined, persistedCount: mine.persistedCount, hadSnapshot: false };
          }
        }
        const newEvents = fresh.map((c) => c.event);
        if (count === 0) {
          const resolved = await inputFor(created);
          return { state: lifecycle.initial(resolved.input), ...resolved, details: created, log: undefined, persistedCount: 0, hadSnapshot: false };
        }
        const snapshot = await tx.objectStore('snapshots').get(enquiryId);
        const persistedCount = snapshot?.cache.eventCount ?? 0;
        const snapshotDetails = snapshot?.cache.context.details;
        if (snapshot && snapshotDetails && allSortAfter(newEvents, snapshot.cache.lastKey)) {
          const resolved = await inputFor(snapshotDetails);
          const tail = snapshot.inputKey === resolved.inputKey ? await tailAfter(tx, enquiryId, snapshot.cache.lastKey) : undefined;
          const state = tail && lifecycle.resume(lifecycle.restore(snapshot.cache, resolved.input), tail, resolved.input);
          if (state) return { state, ...resolved, details: snapshotDetails, log: undefined, persistedCount, hadSnapshot: true };
        }
        const log = await readLog();
        const logDetails = enquiryDetailsOf([...log, ...newEvents]);
        const resolved = await inputFor(logDetails);
        return { state: lifecycle.replay(log, resolved.input), ...resolved, details: logDetails, log, persistedCount, hadSnapshot: snapshot !== undefined };
      },
      readLog,
      inputFor,
      async write({ loaded, accepted, state, replayed }) {
        const writes: Array<Promise<unknown>> = [...accepted.map(({ event }) => events.add(event)), tx.objectStore('summaries').put(summarizeEnquiry(enquiryId, state))];
        // A snapshot stays valid while every event added after it sorts after it; a replay (an
        // event arrived late, or the input changed) replaces it so it never misses one.
        let persistedCount = loaded.persistedCount;
        if ((replayed && (loaded.log === undefined || loaded.hadSnapshot)) || state.eventCount - persistedCount >= SNAPSHOT_INTERVAL) {
          writes.push(tx.objectStore('snapshots').put({ enquiryId, inputKey: loaded.inputKey, cache: lifecycle.toCache(state) }));
          persistedCount = state.eventCount;
        }
        await Promise.all(writes);
        options.beforeCommit?.({ enquiryId, eventIds: accepted.map((c) => c.event.id), attempt: batch.attempts, abort: () => tx.abort() });
        done({ generation: generation ?? 0, cached: { enquiryId, inputKey: loaded.inputKey, cache: lifecycle.toCache(state) }, persistedCount });
      },
    };
  }

  /**
   * Writes a batch (already validated, no id repeated in it) with the enquiry's summary, in one
   * transaction, through the shared append orchestration. Returns the ids that were new.
   */
  async function writeBatch(batch: Pending): Promise<string[]> {
    batch.attempts += 1;
    let entry: Known | undefined;
    const written = await write(ALL_STORES, async (tx) => {
      const report = await appendBatch(lifecycle, batch.enquiryId, batch.events.map((event, index) => ({ index, event })), appendPort(tx, batch, (kept) => (entry = kept)));
      return report.fresh.map((c) => c.event.id);
    });
    if (entry) remember(batch.enquiryId, entry);
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

  await database();

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
      kick();
      const version = await write(ALL_STORES, async (tx) => {
        const records = tx.objectStore('records');
        const current = await records.get([collection, id]);
        if ((current?.version ?? 0) !== expected) throw new StaleWriteError(collection, id, expected, current?.version);
        if (collection === 'learningWalks' && !replica) {
          const walk = valid as LearningWalk;
          const cycle = await records.get(['cycles', walk.cycleId]);
          checkWalkInCycle(walk, cycle && (readRecord(cycle).record as Cycle));
        }
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
      const db = current;
      connection = undefined;
      current = undefined;
      db?.close();
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
