/**
 * The memory store: everything in this page's memory, gone when it closes. For tests, demos and
 * hosts that keep data elsewhere. It behaves exactly like the other adapters (it passes the same
 * conformance suite), and copies data in and out so callers can never change what is stored.
 */
import type { Collection, DirectoryRecord, Cycle, Community, Person } from '../schema/directory.js';
import type { DomainEvent } from '../lifecycle/events.js';
import { mergeLogs } from '../lifecycle/events.js';
import { replayLifecycle, type ReplayLifecycle } from '../lifecycle/replayLifecycle.js';
import type { EnquiryDetails } from '../schema/enquiry.js';
import { appendBatch, sameInputSource, type AppendPort } from './append.js';
import { ChangeHub } from './changes.js';
import { checkDirectoryDelete, ledBy, MAKE_REPLICA, recordDirectoryHistory } from './history.js';
import {
  compareSummaries,
  enquiryDetailsOf,
  inputImpactOf,
  inputKeyOf,
  isCpdLeader,
  matchesFilter,
  resolveInput,
  snapshotOf,
  type CachedEnquiry,
  type InputSources,
} from './summary.js';
import {
  StaleWriteError,
  StoreError,
  type AppendResult,
  type Backup,
  type EnquirySummary,
  type Store,
  type StoreChange,
  type Versioned,
} from './store.js';
import { checkBatch, checkCollection, checkFilter, checkId, checkRecord, checkVersion } from './validate.js';
import { checkRecordFits, type RecordRulesPort } from './recordRules.js';
import type { CoachingPair } from '../schema/coaching.js';

/** Options for {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** The lifecycle that validates and replays events; plc-kit's default when omitted. */
  lifecycle?: ReplayLifecycle;
  /** Wall time, for `exportedAt` in backups. */
  now?: () => Date;
}

/** A store kept in memory. */
export interface MemoryStore extends Store {
  readonly kind: 'memory';
  /**
   * Replays every log again and rewrites every summary. Needed only when the host changes its
   * lifecycle's guards in a way the store cannot see (inserted stages are noticed on their own).
   */
  rebuildSummaries(): Promise<void>;
}

interface Content {
  logs: Map<string, DomainEvent[]>;
  owners: Map<string, string>;
  summaries: Map<string, EnquirySummary>;
  cached: Map<string, CachedEnquiry>;
  records: Map<Collection, Map<string, Versioned<unknown>>>;
}

const emptyContent = (): Content => ({ logs: new Map(), owners: new Map(), summaries: new Map(), cached: new Map(), records: new Map() });

const copy = <T>(value: T): T => structuredClone(value);

/**
 * Creates a store that keeps everything in memory.
 * @example
 * ```ts
 * const store = createMemoryStore();
 * await store.put('cycles', cycle, 0);
 * await store.append('enq-1', [createEvent({ enquiryId: 'enq-1', type: 'enquiry.create', authorId, payload: details })]);
 * const [summary] = await store.listEnquiries({ cycleId: cycle.id });
 * ```
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const lifecycle = options.lifecycle ?? replayLifecycle;
  const now = options.now ?? (() => new Date());
  const hub = new ChangeHub();
  let content = emptyContent();
  let closed = false;
  /** A sync store's local copy keeps the server's records as they are (see MAKE_REPLICA). */
  let replica = false;

  const open = () => {
    if (closed) throw new StoreError('closed', 'This store has been closed: create a new one.');
  };
  const emit = (change: StoreChange) => hub.emit(change);
  /**
   * Runs writes one at a time: an append awaits its port between reading and writing, and
   * nothing else may change the content in between (a put, another append).
   */
  let writing: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(write: () => T | Promise<T>): Promise<T> => {
    const run = writing.then(write);
    writing = run.catch(() => {});
    return run;
  };

  const recordsOf = (target: Content, collection: Collection) => {
    let map = target.records.get(collection);
    if (!map) {
      map = new Map();
      target.records.set(collection, map);
    }
    return map;
  };
  /** What the record rules read (see `recordRules.ts`), from the content as it is. */
  const rulesPort = (): RecordRulesPort => {
    const stored = <T>(collection: Collection, id: string) => recordsOf(content, collection).get(id)?.record as T | undefined;
    return {
      cycle: async (id) => stored<Cycle>('cycles', id),
      coachingPair: async (id) => stored<CoachingPair>('coachingPairs', id),
      people: async () => [...recordsOf(content, 'people').values()].map((v) => v.record as Person),
      cycleSummaries: async (cycleId) => [...content.summaries.values()].filter((s) => s.cycleId === cycleId),
    };
  };


  function sourcesIn(target: Content): (details: ReturnType<typeof enquiryDetailsOf>) => InputSources {
    const people = [...recordsOf(target, 'people').values()].map((v) => v.record as Person);
    const cpdLeaders = people.filter((p) => isCpdLeader(p) || p.pastRoles?.some((r) => r.role === 'cpd-leader'));
    return (details) => ({
      cycle: details?.cycleId ? (recordsOf(target, 'cycles').get(details.cycleId)?.record as Cycle | undefined) : undefined,
      community: details?.communityId ? (recordsOf(target, 'communities').get(details.communityId)?.record as Community | undefined) : undefined,
      cpdLeaders,
    });
  }

  /** Replays one enquiry's whole log into its summary and cache entry. */
  function rebuild(target: Content, enquiryId: string, sources = sourcesIn(target)) {
    const log = target.logs.get(enquiryId) ?? [];
    const input = resolveInput(enquiryDetailsOf(log), sources(enquiryDetailsOf(log)));
    const key = inputKeyOf(input, lifecycle);
    const { summary, cached } = snapshotOf(lifecycle, enquiryId, lifecycle.replay(log, input), key);
    target.summaries.set(enquiryId, summary);
    target.cached.set(enquiryId, cached);
  }

  /** Replays the enquiries whose lifecycle input a directory write changed. */
  function refreshInputs(collection: Collection, id: string, before: unknown, after: unknown) {
    const impact = inputImpactOf(collection, id, before, after);
    if (!impact) return;
    const sources = sourcesIn(content);
    for (const summary of content.summaries.values()) {
      if (impact.field !== 'all' && summary[impact.field] !== impact.id) continue;
      const details = enquiryDetailsOf(content.logs.get(summary.enquiryId) ?? []);
      const key = inputKeyOf(resolveInput(details, sources(details)), lifecycle);
      if (content.cached.get(summary.enquiryId)?.inputKey !== key) rebuild(content, summary.enquiryId, sources);
    }
  }

  /** The append orchestration's port on this content (see append.ts). */
  function portFor(enquiryId: string): AppendPort {
    const inputFor = (details: EnquiryDetails | undefined) => {
      const input = resolveInput(details, sourcesIn(content)(details));
      return { input, inputKey: inputKeyOf(input, lifecycle) };
    };
    return {
      storedOwners: (ids) => new Map(ids.flatMap((id) => (content.owners.has(id) ? [[id, content.owners.get(id)!] as const] : []))),
      load(fresh) {
        const cached = content.cached.get(enquiryId);
        const details = cached?.cache.context.details ?? enquiryDetailsOf(fresh.map((c) => c.event));
        const { input, inputKey } = inputFor(details);
        if (cached && cached.inputKey === inputKey) return { state: lifecycle.restore(cached.cache, input), input, inputKey, details, log: undefined };
        const log = content.logs.get(enquiryId) ?? [];
        const logDetails = enquiryDetailsOf([...log, ...fresh.map((c) => c.event)]);
        const resolved = sameInputSource(logDetails, details) ? { input, inputKey } : inputFor(logDetails);
        return { state: lifecycle.replay(log, resolved.input), ...resolved, details: logDetails, log };
      },
      readLog: () => content.logs.get(enquiryId) ?? [],
      inputFor,
      write({ accepted, state, loaded }) {
        const fresh = accepted.map((c) => copy(c.event));
        content.logs.set(enquiryId, mergeLogs(content.logs.get(enquiryId) ?? [], fresh));
        for (const event of fresh) content.owners.set(event.id, enquiryId);
        const { summary, cached } = snapshotOf(lifecycle, enquiryId, state, loaded.inputKey);
        content.summaries.set(enquiryId, summary);
        content.cached.set(enquiryId, cached);
      },
    };
  }

  const store: MemoryStore = {
    kind: 'memory',

    async append(enquiryId, events) {
      open();
      checkId(enquiryId, 'enquiryId');
      const batch = checkBatch(enquiryId, events, lifecycle).map((event, index) => ({ index, event }));
      const report = await exclusive(() => appendBatch(lifecycle, enquiryId, batch, portFor(enquiryId)));
      if (report.outcome) emit({ kind: 'events', enquiryId, eventIds: report.fresh.map((c) => c.event.id), origin: 'local' });
      const duplicates = new Set(report.duplicates.map((c) => c.index));
      return batch.map(({ index, event }): AppendResult => ({ eventId: event.id, status: duplicates.has(index) ? 'duplicate' : 'appended' }));
    },

    async readLog(enquiryId) {
      open();
      checkId(enquiryId, 'enquiryId');
      return copy(content.logs.get(enquiryId) ?? []);
    },

    async listEnquiries(filter) {
      open();
      const wanted = checkFilter(filter);
      return copy([...content.summaries.values()].filter((s) => matchesFilter(s, wanted)).sort(compareSummaries));
    },

    async getSummary(enquiryId) {
      open();
      checkId(enquiryId, 'enquiryId');
      const summary = content.summaries.get(enquiryId);
      return summary && copy(summary);
    },

    async get(collection, id) {
      open();
      checkCollection(collection);
      checkId(id, 'id');
      const found = recordsOf(content, collection).get(id);
      return found && (copy(found) as Versioned<DirectoryRecord<typeof collection>>);
    },

    async list(collection) {
      open();
      checkCollection(collection);
      const all = [...recordsOf(content, collection).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
      return copy(all) as Array<Versioned<DirectoryRecord<typeof collection>>>;
    },

    async put(collection, record, expectedVersion) {
      open();
      checkCollection(collection);
      const valid = checkRecord(collection, record);
      const expected = checkVersion(expectedVersion);
      const id = (valid as { id: string }).id;
      return exclusive(async () => {
        if (!replica) await checkRecordFits(collection, valid, rulesPort());
        const map = recordsOf(content, collection);
        const current = map.get(id);
        if ((current?.version ?? 0) !== expected) throw new StaleWriteError(collection, id, expected, current?.version);
        const kept = replica ? copy(valid) : recordDirectoryHistory(collection, current?.record, copy(valid), now().toISOString());
        const stored: Versioned<unknown> = { record: kept, version: expected + 1 };
        map.set(id, stored);
        refreshInputs(collection, id, current?.record, stored.record);
        emit({ kind: 'record', collection, id, version: stored.version, origin: 'local' });
        return copy(stored) as Versioned<DirectoryRecord<typeof collection>>;
      });
    },

    async delete(collection, id, expectedVersion) {
      open();
      checkCollection(collection);
      checkId(id, 'id');
      const expected = checkVersion(expectedVersion);
      return exclusive(() => {
        const map = recordsOf(content, collection);
        const current = map.get(id);
        if (!current) throw new StoreError('not-found', `${collection}/${id} does not exist (it may have been deleted already)`, 'id');
        if (current.version !== expected) throw new StaleWriteError(collection, id, expected, current.version);
        if (!replica) checkDirectoryDelete(collection, current.record, {
          enquiries: [...content.summaries.values()].filter((s) => (collection === 'cycles' && s.cycleId === id) || (collection === 'communities' && s.communityId === id)).length,
          leadsCommunity: collection === 'people' && [...recordsOf(content, 'communities').values()].some((c) => ledBy(c.record as Community, id)),
        });
        map.delete(id);
        refreshInputs(collection, id, current.record, undefined);
        emit({ kind: 'record', collection, id, version: undefined, origin: 'local' });
      });
    },

    subscribe(listener) {
      return hub.subscribe(listener);
    },

    async exportBackup(): Promise<Backup> {
      open();
      // Backups are made and read rarely: their schemas load with the first one, outside bundle.js.
      const { createBackup } = await import('./backup.js');
      const records: Partial<Record<Collection, Array<Versioned<unknown>>>> = {};
      for (const [collection, map] of content.records) records[collection] = [...map.values()];
      return copy(createBackup({ events: [...content.logs.values()].flat(), records }, now()));
    },

    async importBackup(value) {
      open();
      const { readBackup } = await import('./backup.js');
      const backup = readBackup(copy(value), lifecycle);
      return exclusive(() => {
        const next = emptyContent();
        for (const event of backup.events) {
          const log = next.logs.get(event.enquiryId) ?? [];
          log.push(event);
          next.logs.set(event.enquiryId, log);
          next.owners.set(event.id, event.enquiryId);
        }
        for (const [collection, entries] of Object.entries(backup.records) as Array<[Collection, Array<Versioned<unknown>>]>) {
          const map = recordsOf(next, collection);
          for (const entry of entries) map.set((entry.record as { id: string }).id, { record: entry.record, version: entry.version });
        }
        const sources = sourcesIn(next);
        for (const enquiryId of next.logs.keys()) rebuild(next, enquiryId, sources);
        content = next;
        emit({ kind: 'reset', origin: 'local' });
      });
    },

    async rebuildSummaries() {
      open();
      const sources = sourcesIn(content);
      for (const enquiryId of content.logs.keys()) rebuild(content, enquiryId, sources);
      emit({ kind: 'reset', origin: 'local' });
    },

    async close() {
      closed = true;
      hub.clear();
    },
  };
  Object.defineProperty(store, MAKE_REPLICA, { value: () => void (replica = true), enumerable: false });
  return store;
}

