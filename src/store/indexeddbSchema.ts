/**
 * The IndexedDB store's database: its layout, the reads and writes every part of the store
 * shares, and the upgrade from older versions. The store itself is indexeddb.ts.
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
 * @internal
 * @module
 */
import type { DBSchema, IDBPDatabase, IDBPObjectStore, IDBPTransaction, StoreNames } from 'idb';
import type { Collection, Community, Cycle, Person } from '../schema/directory.js';
import type { EnquiryDetails } from '../schema/enquiry.js';
import { migrate } from '../schema/migrate.js';
import { compareEvents, type DomainEvent } from '../lifecycle/events.js';
import type { ReplayLifecycle } from '../lifecycle/replayLifecycle.js';
import { enquiryDetailsOf, inputKeyOf, isCpdLeader, parseEventKey, resolveInput, snapshotOf, type CachedEnquiry, type InputSources } from './summary.js';
import type { EnquirySummary, Versioned } from './store.js';
import type { RecordRulesPort } from './recordRules.js';
import type { CoachingPair } from '../schema/coaching.js';

/** The database version this plc-kit writes. */
export const INDEXEDDB_VERSION = 2;

/** A directory record as the `records` object store keeps it. */
export interface StoredRecord {
  collection: Collection;
  id: string;
  version: number;
  record: unknown;
}

export interface PlcDatabase extends DBSchema {
  events: { key: string; value: DomainEvent; indexes: { byEnquiry: [string, string, string] } };
  summaries: { key: string; value: EnquirySummary; indexes: { cycleId: string; communityId: string; ownerIds: string; updatedAt: string } };
  snapshots: { key: string; value: CachedEnquiry };
  records: { key: [string, string]; value: StoredRecord };
  meta: { key: string; value: unknown };
}

export type Db = IDBPDatabase<PlcDatabase>;
export type Name = StoreNames<PlcDatabase>;
export type WriteTx = IDBPTransaction<PlcDatabase, Name[], 'readwrite' | 'versionchange'>;
export type ReadTx = IDBPTransaction<PlcDatabase, Name[], 'readonly' | 'readwrite' | 'versionchange'>;

export const ALL_STORES: Name[] = ['events', 'summaries', 'snapshots', 'records', 'meta'];

/** Marks a request's promise as handled; it is still awaited (and its error seen) later. */
export const quiet = <T>(promise: Promise<T>): Promise<T> => {
  promise.catch(() => {});
  return promise;
};

/**
 * Adds each event unless its id is already stored: resolves with `true` for each one added. An
 * existing id fails its request with a ConstraintError, which is caught here so the transaction
 * goes on; any other error (a full quota) aborts it as usual.
 */
export function addEach(store: IDBObjectStore, events: readonly DomainEvent[]): Promise<boolean[]> {
  return Promise.all(
    events.map(
      (event) =>
        new Promise<boolean>((resolve, reject) => {
          const request = store.add(event);
          request.onsuccess = () => resolve(true);
          request.onerror = (error) => {
            if (request.error?.name !== 'ConstraintError') return reject(request.error);
            error.preventDefault();
            error.stopPropagation();
            resolve(false);
          };
        }),
    ),
  );
}

export const isQuota = (error: unknown) =>
  error instanceof Error && (error.name === 'QuotaExceededError' || (error as DOMException).code === 22);

export const logRange = (enquiryId: string) => IDBKeyRange.bound([enquiryId], [enquiryId, []]);
export const collectionRange = (collection: string) => IDBKeyRange.bound([collection], [collection, []]);

export const readRecord = (stored: StoredRecord): Versioned<unknown> => ({ record: migrate(stored.collection, stored.record), version: stored.version });

/** What the record rules read (see `recordRules.ts`), inside the write transaction that checks them. */
export function rulesPortOf(tx: ReadTx): RecordRulesPort {
  const records = tx.objectStore('records');
  const stored = async <T>(collection: Collection, id: string) => {
    const found = await records.get([collection, id]);
    return found ? (readRecord(found).record as T) : undefined;
  };
  return {
    cycle: (id) => stored<Cycle>('cycles', id),
    coachingPair: (id) => stored<CoachingPair>('coachingPairs', id),
    people: async () => (await records.getAll(collectionRange('people'))).map((found) => readRecord(found).record as Person),
    cycleSummaries: (cycleId) => tx.objectStore('summaries').index('cycleId').getAll(cycleId),
  };
}

/** The stored records an enquiry's lifecycle input depends on, as read. */
export interface SourceRecords {
  cycle: StoredRecord | undefined;
  community: StoredRecord | undefined;
  leaders: string[] | undefined;
  /** People who were CPD leaders until a date (meta `pastCpdLeaders`). */
  pastLeaders: PastLeader[] | undefined;
}

/** A former CPD leader as the meta store keeps them: their id and the terms that ended. */
export type PastLeader = Pick<Person, 'id'> & { pastRoles: NonNullable<Person['pastRoles']> };

/** The CPD-leader terms of a person that ended, or undefined when they never held the role before. */
export const pastLeaderOf = (person: Person | undefined): PastLeader | undefined => {
  const terms = (person?.pastRoles ?? []).filter((r) => r.role === 'cpd-leader');
  return person && terms.length ? { id: person.id, pastRoles: terms } : undefined;
};

/** Issues the reads of an enquiry's input records (all at once, inside a transaction). */
export function readSources(tx: ReadTx, details: EnquiryDetails | undefined): Promise<SourceRecords> {
  const records = tx.objectStore('records');
  return Promise.all([
    details?.cycleId ? records.get(['cycles', details.cycleId]) : undefined,
    details?.communityId ? records.get(['communities', details.communityId]) : undefined,
    tx.objectStore('meta').get('cpdLeaders') as Promise<string[] | undefined>,
    tx.objectStore('meta').get('pastCpdLeaders') as Promise<PastLeader[] | undefined>,
  ]).then(([cycle, community, leaders, pastLeaders]) => ({ cycle, community, leaders, pastLeaders }));
}

export const sourcesOf = (raw: SourceRecords): InputSources => ({
  cycle: raw.cycle && (readRecord(raw.cycle).record as Cycle),
  community: raw.community && (readRecord(raw.community).record as Community),
  cpdLeaders: [
    ...(raw.leaders ?? []).map((id) => ({ id, roles: ['cpd-leader' as const], pastRoles: raw.pastLeaders?.find((p) => p.id === id)?.pastRoles })),
    ...(raw.pastLeaders ?? []).filter((p) => !raw.leaders?.includes(p.id)).map((p) => ({ id: p.id, roles: [], pastRoles: p.pastRoles })),
  ],
});

/** Reads what an enquiry's lifecycle input depends on, inside a transaction. */
export const loadSources = async (tx: ReadTx, details: EnquiryDetails | undefined): Promise<InputSources> => sourcesOf(await readSources(tx, details));

/** The events of an enquiry's log after a cached position (`lastKey` is `<hlc>|<id>`). */
export function tailAfter(tx: ReadTx, enquiryId: string, lastKey: string | undefined): Promise<DomainEvent[]> {
  const index = tx.objectStore('events').index('byEnquiry');
  const last = parseEventKey(lastKey);
  if (last === undefined) return index.getAll(logRange(enquiryId));
  return index.getAll(IDBKeyRange.bound([enquiryId, last.hlc, last.id], [enquiryId, []], true));
}

/** Summaries, snapshots and the CPD leader list for a whole content, replayed from scratch. */
export function buildAll(lifecycle: ReplayLifecycle, events: readonly DomainEvent[], records: readonly StoredRecord[]) {
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
export async function writeDerived(tx: WriteTx, built: ReturnType<typeof buildAll>, clear: boolean, previousGeneration: unknown) {
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
export async function upgrade(db: Db, oldVersion: number, tx: WriteTx, lifecycle: ReplayLifecycle) {
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

