/**
 * The append orchestration, written once. The memory store, the IndexedDB store and the
 * server's push each give a small {@link AppendPort} over what they keep (which ids are stored,
 * the enquiry's stored state, its log, writing the outcome) and run {@link appendBatch}:
 *
 * 1. sort out ids already stored: a `duplicate` changes nothing, an id stored under another
 *    enquiry is a conflict (stores throw {@link idConflictError}; the server reports it per event);
 * 2. load the enquiry's state (a cache resumed, or its log replayed);
 * 3. decide each fresh event in batch order: an optional judge (the server's policy) may reject
 *    it; the lifecycle applies the rest and may refuse some, which are stored all the same. An
 *    event that sorts before those already applied (it arrived late from an offline device)
 *    settles the enquiry again from the stored log, exactly as a replay of the whole log would;
 * 4. write the accepted events with the new state.
 *
 * A new refusal rule lands in the lifecycle (every store) or in the server's judge (the policy);
 * a new step of appending lands here. The events given are already validated by the caller.
 * @internal
 * @module
 */
import { compareEvents, type DomainEvent } from '../lifecycle/events.js';
import type { LifecycleInput } from '../lifecycle/enquiryMachine.js';
import type { EnquiryState, ReplayLifecycle } from '../lifecycle/replayLifecycle.js';
import type { Refusal } from '../lifecycle/refusals.js';
import type { EnquiryDetails } from '../schema/enquiry.js';
import { StoreError } from './store.js';
import { enquiryDetailsOf } from './summary.js';

type Awaitable<T> = T | Promise<T>;

/** An event of a batch with its place in it. */
export interface Candidate {
  index: number;
  event: DomainEvent;
}

/** An event whose id is already stored under another enquiry. */
export interface IdConflict extends Candidate {
  /** The enquiry that holds the id. */
  owner: string;
}

/** A batch's events sorted by what is stored. */
export interface SortedBatch {
  /** Not stored yet, and first of their id in the batch. */
  fresh: Candidate[];
  /** Stored for this enquiry already, or repeated earlier in the batch: nothing changes. */
  duplicates: Candidate[];
  conflicts: IdConflict[];
}

/**
 * Sorts a batch by what is stored: an id stored for this enquiry (or earlier in the batch) is a
 * duplicate, an id of another enquiry a conflict; the rest are fresh.
 * @param stored the enquiry of each id already stored (ids not stored are absent).
 */
export function sortOutStored(enquiryId: string, candidates: readonly Candidate[], stored: ReadonlyMap<string, string>): SortedBatch {
  const seen = new Set<string>();
  const sorted: SortedBatch = { fresh: [], duplicates: [], conflicts: [] };
  for (const candidate of candidates) {
    const owner = stored.get(candidate.event.id);
    if (owner !== undefined && owner !== enquiryId) {
      sorted.conflicts.push({ ...candidate, owner });
      continue;
    }
    if (owner !== undefined || seen.has(candidate.event.id)) sorted.duplicates.push(candidate);
    else sorted.fresh.push(candidate);
    seen.add(candidate.event.id);
  }
  return sorted;
}

/** How a store refuses a batch with an id another enquiry holds (nothing of it is stored). */
export const idConflictError = ({ event, index, owner }: IdConflict): StoreError =>
  new StoreError('conflict', `Event ${event.id} (events.${index}) is already in the log of enquiry ${owner}: event ids must be unique`, `events.${index}.id`);

/** The stored state of an enquiry that a batch applies to. */
export interface LoadedState {
  state: EnquiryState;
  input: LifecycleInput;
  inputKey: string;
  /** The details the input was resolved from. */
  details: EnquiryDetails | undefined;
  /** The stored log, when `state` is its replay (rather than a cached state resumed). */
  log: readonly DomainEvent[] | undefined;
}

/** What a judge may look at before it lets an event through. */
export interface JudgeContext {
  /** The enquiry just before this event (settled again first when an earlier one arrived late). */
  view(): EnquiryState;
  /** The events of the batch accepted so far. */
  accepted: readonly Candidate[];
}

/**
 * Lets an event through to the lifecycle (true) or rejects it (false: it is not stored). The
 * server's judge is the policy; stores have none.
 */
export type Judge = (candidate: Candidate, context: JudgeContext) => boolean;

/** What {@link decideBatch} decided. */
export type Decision =
  /** An event sorts before events already applied and no stored log was given: read it and decide again. */
  | { kind: 'needs-log' }
  | {
      kind: 'decided';
      accepted: Candidate[];
      rejected: Candidate[];
      state: EnquiryState;
      /** Whether `state` is a replay of the stored log (the refusals of stored events may have changed). */
      replayed: boolean;
    };

const VALIDATED = { validated: true } as const;
const NEEDS_LOG = Symbol('needs-log');

/**
 * Decides each fresh event in batch order (pure). A judge sees the state just before each
 * event; without one the batch is applied in one go. An event that sorts before events already
 * applied settles the enquiry again from the state just before the batch's earliest event, so
 * only the stored events after that point are applied again.
 * @param log the stored log, when read; without it a late event gives `needs-log`.
 */
export function decideBatch(lifecycle: ReplayLifecycle, loaded: LoadedState, fresh: readonly Candidate[], judge?: Judge, log = loaded.log): Decision {
  let view = loaded.state;
  let replayed = loaded.log !== undefined;
  let stale = false;
  let prefix: { state: EnquiryState; after: DomainEvent[] } | undefined;
  const accepted: Candidate[] = [];
  const rejected: Candidate[] = [];
  const current = () => {
    if (!stale) return view;
    if (!log) throw NEEDS_LOG;
    const newEvents = accepted.map((a) => a.event);
    if (!prefix) {
      const earliest = fresh.map((c) => c.event).reduce((a, b) => (compareEvents(a, b) <= 0 ? a : b));
      prefix = { state: lifecycle.replay(log.filter((e) => compareEvents(e, earliest) < 0), loaded.input), after: log.filter((e) => compareEvents(e, earliest) >= 0) };
    }
    view = lifecycle.resume(prefix.state, [...prefix.after, ...newEvents]) ?? lifecycle.replay([...log, ...newEvents], loaded.input);
    replayed = true;
    stale = false;
    return view;
  };
  const apply = (events: DomainEvent[]) => {
    const next = stale ? undefined : lifecycle.resume(view, events, undefined, VALIDATED);
    if (next) view = next;
    else stale = true;
  };
  try {
    for (const candidate of fresh) {
      if (judge && !judge(candidate, { view: current, accepted })) {
        rejected.push(candidate);
        continue;
      }
      accepted.push(candidate);
      if (judge) apply([candidate.event]);
    }
    if (!judge && accepted.length) apply(accepted.map((a) => a.event));
    current();
  } catch (error) {
    if (error === NEEDS_LOG) return { kind: 'needs-log' };
    throw error;
  }
  return { kind: 'decided', accepted, rejected, state: view, replayed };
}

/** What a batch changed, as given to {@link AppendPort.write}. */
export interface AppendOutcome<L extends LoadedState = LoadedState> {
  /** The state the batch applied to. */
  loaded: L;
  /** The events to store, in batch order. */
  accepted: Candidate[];
  /** The enquiry after them. */
  state: EnquiryState;
  /** Whether `state` is a replay of the stored log (`log`), not a cached state resumed. */
  replayed: boolean;
  /** The stored log, when it was read. */
  log: readonly DomainEvent[] | undefined;
  /** The refusal of each accepted event the lifecycle refused, by event id. */
  refusals: ReadonlyMap<string, Refusal>;
}

/**
 * What an adapter gives {@link appendBatch}: reads and writes of one enquiry, inside whatever
 * makes the append atomic (a transaction, or nothing at all in memory).
 */
export interface AppendPort<L extends LoadedState = LoadedState> {
  /** The enquiry each of these ids is stored under, for those stored. */
  storedOwners(ids: readonly string[]): Awaitable<ReadonlyMap<string, string>>;
  /** Told of ids other enquiries hold; throws to refuse the batch. By default the first is thrown as {@link idConflictError}. */
  conflicts?(conflicts: readonly IdConflict[]): Awaitable<void>;
  /** The enquiry's stored state for these fresh events (a create among them gives the details of a new enquiry). */
  load(fresh: readonly Candidate[]): Awaitable<L>;
  /** The stored log in any order, when an event arrived late. */
  readLog(): Awaitable<readonly DomainEvent[]>;
  /** The lifecycle input of other details (a late create that sorts before the stored one). */
  inputFor(details: EnquiryDetails | undefined): Awaitable<{ input: LifecycleInput; inputKey: string }>;
  /** The judge of this batch, made once its state is loaded. */
  judge?(loaded: L): Awaitable<Judge>;
  /** Stores the accepted events with the new state. */
  write(outcome: AppendOutcome<L>): Awaitable<void>;
}

/** What {@link appendBatch} did with a batch. */
export interface AppendReport<L extends LoadedState = LoadedState> extends SortedBatch {
  /** Fresh events the judge rejected (not stored). */
  rejected: Candidate[];
  /** What was written; undefined when nothing was. */
  outcome: AppendOutcome<L> | undefined;
}

/** Whether two details give the same lifecycle input (it depends on the cycle and the community only). */
export const sameInputSource = (a: EnquiryDetails | undefined, b: EnquiryDetails | undefined) => a?.cycleId === b?.cycleId && a?.communityId === b?.communityId;

/**
 * Appends a validated batch through a port: sorts out stored ids, loads the state, decides each
 * fresh event, writes what was accepted. See the module comment for the steps.
 * @example
 * ```ts
 * const batch = events.map((event, index) => ({ index, event }));
 * const report = await appendBatch(lifecycle, 'enq-1', batch, port);
 * report.duplicates; // already stored: nothing changed
 * ```
 */
export async function appendBatch<L extends LoadedState>(lifecycle: ReplayLifecycle, enquiryId: string, candidates: readonly Candidate[], port: AppendPort<L>): Promise<AppendReport<L>> {
  const sorted = sortOutStored(enquiryId, candidates, await port.storedOwners(candidates.map((c) => c.event.id)));
  if (sorted.conflicts.length) {
    if (port.conflicts) await port.conflicts(sorted.conflicts);
    else throw idConflictError(sorted.conflicts[0]!);
  }
  if (!sorted.fresh.length) return { ...sorted, rejected: [], outcome: undefined };
  let loaded = await port.load(sorted.fresh);
  const judge = port.judge ? await port.judge(loaded) : undefined;
  let log = loaded.log;
  let decision = decideBatch(lifecycle, loaded, sorted.fresh, judge);
  if (decision.kind === 'needs-log') {
    log = await port.readLog();
    decision = decideBatch(lifecycle, loaded, sorted.fresh, judge, log);
    // The input comes from the earliest create's cycle and community: a late create may change it.
    const details = decision.kind === 'decided' ? enquiryDetailsOf([...log, ...decision.accepted.map((c) => c.event)]) : undefined;
    if (decision.kind === 'decided' && !sameInputSource(details, loaded.details)) {
      const { input, inputKey } = await port.inputFor(details);
      loaded = { ...loaded, details, input, inputKey, state: lifecycle.replay(log, input), log };
      decision = decideBatch(lifecycle, loaded, sorted.fresh, judge, log);
    }
  }
  if (decision.kind !== 'decided') throw new Error('An append was decided without its log.');
  if (!decision.accepted.length) return { ...sorted, rejected: decision.rejected, outcome: undefined };
  const accepted = new Set(decision.accepted.map((a) => a.event.id));
  const outcome: AppendOutcome<L> = {
    loaded,
    accepted: decision.accepted,
    state: decision.state,
    replayed: decision.replayed,
    log,
    refusals: new Map(decision.state.refusals.filter((r) => accepted.has(r.eventId)).map((r) => [r.eventId, r])),
  };
  await port.write(outcome);
  return { ...sorted, rejected: decision.rejected, outcome };
}
