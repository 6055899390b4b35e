/**
 * The IndexedDB store's port of the append orchestration (append.ts): an append's reads and
 * writes inside its transaction, and what a connection keeps of the enquiries it wrote so the
 * next append need not read them again.
 * @internal
 * @module
 */
import { unwrap } from 'idb';
import type { DomainEvent } from '../lifecycle/events.js';
import type { ReplayLifecycle } from '../lifecycle/replayLifecycle.js';
import type { EnquiryDetails } from '../schema/enquiry.js';
import type { AppendPort, LoadedState } from './append.js';
import { sameInputSource } from './append.js';
import { addEach, loadSources, logRange, quiet, readSources, sourcesOf, tailAfter, type SourceRecords, type WriteTx } from './indexeddbSchema.js';
import type { Knowledge, Known } from './indexeddbKnowledge.js';
import { allSortAfter, enquiryDetailsOf, inputKeyOf, resolveInput, summarizeEnquiry } from './summary.js';

/** What {@link IndexedDbStoreOptions.beforeCommit} is told. @internal */
export interface CommitProbe {
  enquiryId: string;
  eventIds: string[];
  /** 1 for the first attempt at this batch, 2 for the first retry, ... */
  attempt: number;
  /** Aborts the transaction, as a reload or a crash in the middle of the batch would. */
  abort(): void;
}

/** A batch on its way to the database (kept in memory while the quota is full). */
export interface Pending {
  enquiryId: string;
  events: DomainEvent[];
  attempts: number;
}

/** How many events an append may add to an enquiry before its cached state is stored again. */
export const SNAPSHOT_INTERVAL = 32;
/** An enquiry's stored state as this store's append port loads it. */
export interface IdbLoaded extends LoadedState {
  /** The event count of the snapshot stored for it. */
  persistedCount: number;
  /** Whether `state` was replayed from the log although a snapshot was stored (it is then replaced). */
  hadSnapshot: boolean;
}

/** What {@link appendPort} needs of its store. */
export interface AppendContext {
  lifecycle: ReplayLifecycle;
  knowledge: Knowledge;
  beforeCommit: ((probe: CommitProbe) => void) | undefined;
}

/**
 * The append orchestration's port inside one write transaction (see append.ts). Stores write
 * every fresh event, so the probe of an id is its add: the ids not stored are added at once
 * (and the transaction aborts unless the append goes on to write them), with the log's event
 * count, the database generation and the input records read in the same round. When nothing
 * was written since this connection's own last append to the enquiry (the count and the
 * generation say so) and its input is unchanged, the state it kept is resumed; otherwise the
 * stored snapshot and the log after it, or the whole log. The usual append thus waits for one
 * round of requests, and its summary is written as it commits.
 */
export function appendPort(tx: WriteTx, batch: Pending, context: AppendContext, done: (entry: Known) => void): AppendPort<IdbLoaded> {
  const { lifecycle, knowledge } = context;
  const { known } = knowledge;
  const { enquiryId } = batch;
  const events = tx.objectStore('events');
  const created = enquiryDetailsOf(batch.events);
  const details = known.get(enquiryId)?.cached.cache.context.details ?? created;
  /** The ids this append added (its fresh events), left out of what it reads of the log. */
  const added = new Set<string>();
  let reads: Promise<[number, number | undefined, SourceRecords]> | undefined;
  const inputFor = async (wanted: EnquiryDetails | undefined) => {
    const input = resolveInput(wanted, sameInputSource(wanted, details) ? sourcesOf((await reads!)[2]) : await loadSources(tx, wanted));
    return { input, inputKey: inputKeyOf(input, lifecycle) };
  };
  const stored = (log: DomainEvent[]) => (added.size ? log.filter((event) => !added.has(event.id)) : log);
  const readLog = async () => stored(await events.index('byEnquiry').getAll(logRange(enquiryId)));
  return {
    async storedOwners() {
      const isNew = addEach(unwrap(events) as IDBObjectStore, batch.events);
      reads = Promise.all([
        quiet(events.index('byEnquiry').count(logRange(enquiryId))),
        quiet(tx.objectStore('meta').get('generation') as Promise<number | undefined>),
        quiet(readSources(tx, details)),
      ]);
      const fresh = await isNew;
      batch.events.forEach((event, i) => fresh[i] && added.add(event.id));
      const owners = await Promise.all(batch.events.filter((_, i) => !fresh[i]).map((event) => events.get(event.id)));
      return new Map(owners.flatMap((event) => (event ? [[event.id, event.enquiryId] as const] : [])));
    },
    async load(fresh) {
      const [total, storedGeneration] = await reads!;
      const count = total - added.size;
      if ((storedGeneration ?? 0) !== knowledge.generation) {
        known.clear();
        knowledge.generation = storedGeneration ?? 0;
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
        const tail = snapshot.inputKey === resolved.inputKey ? stored(await tailAfter(tx, enquiryId, snapshot.cache.lastKey)) : undefined;
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
    write({ loaded, accepted, state, replayed }) {
      // The events are added already; the summary (and snapshot) are written as it commits.
      quiet(tx.objectStore('summaries').put(summarizeEnquiry(enquiryId, state)));
      // A snapshot stays valid while every event added after it sorts after it; a replay (an
      // event arrived late, or the input changed) replaces it so it never misses one.
      let persistedCount = loaded.persistedCount;
      if ((replayed && (loaded.log === undefined || loaded.hadSnapshot)) || state.eventCount - persistedCount >= SNAPSHOT_INTERVAL) {
        quiet(tx.objectStore('snapshots').put({ enquiryId, inputKey: loaded.inputKey, cache: lifecycle.toCache(state) }));
        persistedCount = state.eventCount;
      }
      context.beforeCommit?.({ enquiryId, eventIds: accepted.map((c) => c.event.id), attempt: batch.attempts, abort: () => tx.abort() });
      done({ generation: knowledge.generation ?? 0, cached: { enquiryId, inputKey: loaded.inputKey, cache: lifecycle.toCache(state) }, persistedCount });
    },
  };
}

