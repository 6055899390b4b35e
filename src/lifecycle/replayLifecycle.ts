/**
 * Replay without XState: validation, replay, resume and checks run the machine's transition
 * table (table.ts), which holds the same transitions, guards and updates as the machine. A page
 * that only shows and appends to enquiries (the stores, `<plc-provider>`) needs nothing more, so
 * {@link replayLifecycle}, plc-kit's default lifecycle without the machine, keeps XState out of
 * the first view; `createLifecycle` (lifecycle.ts) builds the same on the machine and adds live
 * steps that run host actions.
 */
import type * as z from 'zod/mini';
import { ValidationError } from '../schema/errors.js';
import { createEvidenceKinds, type EvidenceKinds } from '../schema/evidence.js';
import { migrateEvent } from '../schema/migrate.js';
import { updates, type Update } from './actions.js';
import { DEFAULT_TABLE } from './defaultTable.js';
import type { EnquirySnapshot } from './enquiryMachine.js';
import { compareEvents, EVENT_PAYLOADS, eventKey, type DomainEvent } from './events.js';
import { builtInGuards, builtInRefusals, stageGuards } from './guards.js';
import { initialData, sortedByUntil } from './initialData.js';
import type { Refusal, RefusalText } from './refusals.js';
import { DEFAULT_STAGES } from './stages.js';
import { buildTable, type Position, type TableState, type TransitionTable } from './table.js';
import type { EnquiryData, LifecycleGuard, LifecycleInput, MachineArgs, MachineEvent } from './types.js';
import { createEventValidator } from './validation.js';

/** The state of an enquiry after replaying its log. */
export interface EnquiryState {
  /** The enquiry's data: details, question, observations, evidence, reflection, outcome. */
  data: EnquiryData;
  /** The current stage, e.g. `observation`; kept while paused or withdrawn. */
  stage: string;
  /** `question.drafting` or `question.review` while in the question stage, else the stage. */
  step: string;
  /** Refused events, in log order, with their reasons. */
  refusals: Refusal[];
  /** How many events were replayed (accepted and refused). */
  eventCount: number;
  /** The sort key of the last event replayed; new events after it can resume from here. */
  lastKey: string | undefined;
  /**
   * @internal the machine snapshot, made when first read (replay does not need one); only a
   * lifecycle made by `createLifecycle` has a machine to make it with.
   */
  readonly snapshot: EnquirySnapshot;
}

/** Options for {@link ReplayLifecycle.replay}. */
export interface ReplayOptions {
  /**
   * The events were validated by this lifecycle already (read back from a store that validates
   * every append, or just checked with {@link ReplayLifecycle.validate}), so only their type is
   * checked: replay is then about twice as fast.
   */
  validated?: boolean;
}

/** A replayed state in plain JSON, for caching; see {@link ReplayLifecycle.restore}. */
export interface EnquiryCache {
  value: unknown;
  context: EnquiryData;
  refusals: Refusal[];
  eventCount: number;
  lastKey: string | undefined;
}

/**
 * What stores and elements need of a lifecycle: validation, replay and checks, with no live
 * steps. Every {@link Lifecycle} (lifecycle.ts) is one; {@link replayLifecycle} is the default.
 */
export interface ReplayLifecycle {
  /** The stage ids in order, including inserted ones. */
  readonly stages: readonly string[];
  /** Every event type this lifecycle accepts. */
  readonly eventTypes: readonly string[];
  /** The evidence kinds this lifecycle accepts. */
  readonly evidenceKinds: EvidenceKinds;
  /** Checks an event's envelope and payload; throws a {@link ValidationError} naming each field. */
  validate(event: unknown): DomainEvent;
  /** The state before any event. */
  initial(input?: LifecycleInput): EnquiryState;
  /** Replays a log (in any order, duplicates removed) into a state. */
  replay(events: readonly DomainEvent[], input?: LifecycleInput, options?: ReplayOptions): EnquiryState;
  /**
   * Continues from a state with events that sort after it. Returns `undefined` when one of them
   * sorts earlier (it arrived late from another device): then replay the whole log instead.
   * `options` are those of {@link ReplayLifecycle.replay}.
   */
  resume(state: EnquiryState, events: readonly DomainEvent[], input?: LifecycleInput, options?: ReplayOptions): EnquiryState | undefined;
  /** Whether `event` would be accepted now, and why not. */
  check(state: EnquiryState, event: DomainEvent): { ok: true } | { ok: false; refusal: Refusal };
  /** A plain-JSON copy of a state, for caching. */
  toCache(state: EnquiryState): EnquiryCache;
  /** A state from a cache made by {@link ReplayLifecycle.toCache}. */
  restore(cache: EnquiryCache, input?: LifecycleInput): EnquiryState;
}

/** What a replay lifecycle is made of (lifecycle.ts makes them from a machine). */
export interface ReplayParts {
  table: TransitionTable;
  stageIds: readonly string[];
  /** The guards the table runs, by name. */
  guards: Record<string, LifecycleGuard>;
  refusals: Record<string, RefusalText<EnquiryData>>;
  payloads: Record<string, z.ZodMiniType>;
  evidenceKinds: EvidenceKinds;
  /** The entry requirements of an inserted stage, to explain why it cannot start. */
  entryRequires?: (stage: string) => readonly string[] | undefined;
  /** Makes the machine snapshot of a state, when there is a machine. */
  snapshot?: (state: TableState) => EnquirySnapshot;
}

/** A replay lifecycle with what a live step needs of it: the table state of an `EnquiryState` and making one. */
export interface ReplayCore extends ReplayLifecycle {
  /** The table's state of `state` (its position, its data). */
  tableState(state: EnquiryState): TableState;
  /** The machine snapshot of `state`: its own when this lifecycle made it, else made from its table state. */
  snapshotOf(state: EnquiryState): EnquirySnapshot;
  /** Why the table would refuse `event` where `state` is. */
  explain(state: TableState, event: DomainEvent): Refusal;
  /** Validation and the enquiry id: the event to step with, or why it is refused before the table sees it. */
  admit(context: EnquiryData, raw: DomainEvent): { event: DomainEvent; refusal?: never } | { event?: never; refusal: Refusal };
  /** An `EnquiryState` of a table state; `snapshot` when the caller has made it already. */
  wrap(at: TableState, refusals: Refusal[], eventCount: number, lastKey: string | undefined, snapshot?: EnquirySnapshot): EnquiryState;
}

/** Migrates for sorting; a value that cannot be migrated is kept as it is, to be refused with its reason. */
const upgrade = (event: DomainEvent): DomainEvent => {
  try {
    return migrateEvent(event) as DomainEvent;
  } catch {
    return event;
  }
};

/** An event key (`<hlc>|<id>`) back into its parts, to compare with `compareEvents`. */
const keyParts = (key: string): Pick<DomainEvent, 'hlc' | 'id'> => {
  const split = key.indexOf('|');
  return { hlc: key.slice(0, split), id: key.slice(split + 1) };
};

/**
 * A state made by a replay core: where it stands in its table, and its machine snapshot made
 * when first read. A class rather than an object literal with a getter and a `WeakMap` entry for
 * its position: a push decides its batch event by event, a state per event, and the map's
 * entries (ephemerons to the collector) and a closure per state were a third of that decision's
 * CPU time (10,000 events: 65 -> 45 ms alone, 145-156 -> 113-122 ms in the server bench's push).
 */
class TableEnquiryState implements EnquiryState {
  readonly data: EnquiryData;
  readonly stage: string;
  readonly step: string;
  readonly #at: TableState;
  readonly #makeSnapshot: ((state: TableState) => EnquirySnapshot) | undefined;
  #snapshot: EnquirySnapshot | undefined;
  constructor(
    at: TableState,
    readonly refusals: Refusal[],
    readonly eventCount: number,
    readonly lastKey: string | undefined,
    makeSnapshot: ((state: TableState) => EnquirySnapshot) | undefined,
    snapshot: EnquirySnapshot | undefined,
  ) {
    this.data = at.context;
    this.stage = at.context.stage;
    this.step = at.position.step;
    this.#at = at;
    this.#makeSnapshot = makeSnapshot;
    this.#snapshot = snapshot;
  }

  get snapshot(): EnquirySnapshot {
    if (!this.#makeSnapshot) throw new Error('This state was replayed without the machine: step it with a lifecycle from createLifecycle().');
    return (this.#snapshot ??= this.#makeSnapshot(this.#at));
  }

  /** Where `state` stands in the table it was made with (undefined: not made by a replay core). */
  static positionOf(state: EnquiryState): Position | undefined {
    return #at in state ? state.#at.position : undefined;
  }
}


const sortUnique = (events: readonly DomainEvent[]) => {
  const byId = new Map<string, DomainEvent>();
  for (const event of events) if (!byId.has(event.id)) byId.set(event.id, event);
  return [...byId.values()].sort(compareEvents);
};

/** Builds a replay lifecycle from its parts. */
export function createReplayCore(parts: ReplayParts): ReplayCore {
  const { table, guards, payloads, evidenceKinds } = parts;
  const refusalTexts = parts.refusals;

  const positionOf = (value: unknown): Position => {
    const position = table.positionOf(value);
    if (!position) throw new Error(`The state ${JSON.stringify(value)} is not one of this lifecycle's states.`);
    return position;
  };

  function wrap(at: TableState, refusals: Refusal[], eventCount: number, lastKey: string | undefined, made?: EnquirySnapshot): EnquiryState {
    return new TableEnquiryState(at, refusals, eventCount, lastKey, parts.snapshot, made);
  }

  // A state from another lifecycle's table is placed in this one by its state value.
  const tableState = (state: EnquiryState): TableState => {
    const known = TableEnquiryState.positionOf(state);
    const position = known && table.positions.get(known.id) === known ? known : positionOf(known?.value ?? state.snapshot.value);
    return { position, context: state.data };
  };

  const snapshotOf = (state: EnquiryState): EnquirySnapshot => {
    if (!parts.snapshot) throw new Error('This lifecycle has no machine: make one with createLifecycle() to step live.');
    const known = TableEnquiryState.positionOf(state);
    return known && table.positions.get(known.id) === known ? state.snapshot : parts.snapshot(tableState(state));
  };

  const validate = createEventValidator(payloads, evidenceKinds);

  const refusal = (event: DomainEvent, context: EnquiryData, code: string, message: string, params: Refusal['params'] = {}): Refusal => ({
    eventId: event.id,
    type: event.type,
    code,
    params,
    message,
    stage: context.stage,
  });

  function textFor(name: string, args: MachineArgs): RefusalText<EnquiryData> {
    const enter = /^enter:(.+)$/.exec(name);
    if (enter) {
      const stage = enter[1]!;
      // The entry requirement that failed, not merely the first one that has a text.
      const inner = parts.entryRequires?.(stage)?.find((guard) => !guards[guard]?.(args));
      if (inner && refusalTexts[inner]) return refusalTexts[inner];
      return { code: 'stage-requirement', message: () => ({ message: `The ${stage} stage cannot start yet.`, params: { stage } }) };
    }
    return (
      refusalTexts[name] ?? {
        code: 'stage-requirement',
        message: () => ({ message: `This step is not possible yet (${name}).`, params: { guard: name } }),
      }
    );
  }

  /** Finds why the machine would not take `event`: the first failing requirement of its transitions there, or the stage. */
  function explain({ position, context }: TableState, event: DomainEvent): Refusal {
    const machineEvent: MachineEvent = { type: event.type, event };
    const status = context.status;
    if (status === 'new') {
      return refusal(event, context, 'not-created', 'This enquiry has not been started yet: its first event must be enquiry.create.');
    }
    if (event.type === 'enquiry.create') return refusal(event, context, 'already-created', 'This enquiry has already been started.');
    if (status === 'paused' && event.type !== 'enquiry.resume' && event.type !== 'enquiry.withdraw') {
      return refusal(event, context, 'paused', 'This enquiry is paused: resume it first.');
    }
    if (status === 'withdrawn' || status === 'archived') {
      return refusal(event, context, 'closed', `This enquiry has been ${status}: nothing more can be added.`, { status });
    }
    const args = { context, event: machineEvent };
    let failing: { name: string; text: RefusalText<EnquiryData> } | undefined;
    for (const transition of table.candidates(position, event.type)) {
      for (const { name, guard } of transition.requires) {
        if (guards[name] && !table.check(guard, args)) {
          failing ??= { name, text: textFor(name, args) };
          break;
        }
      }
    }
    if (failing) {
      const { message, params } = failing.text.message(context, machineEvent);
      return refusal(event, context, failing.text.code, message, params ?? {});
    }
    if (position.step === 'question.review' && event.type.startsWith('question.')) {
      return refusal(event, context, 'not-in-stage', 'The question is with the lead for review: wait for their approval or comments.', { stage: 'question' });
    }
    return refusal(event, context, 'not-in-stage', `"${event.type}" cannot be done at the ${context.stage} stage.`, { stage: context.stage });
  }

  function admit(context: EnquiryData, raw: DomainEvent, validated = false): { event: DomainEvent; refusal?: never } | { event?: never; refusal: Refusal } {
    let event: DomainEvent;
    try {
      // Events a store validated on append with this lifecycle need only their type checked.
      event = validated && payloads[raw.type] ? raw : validate(raw);
    } catch (error) {
      const problems = error instanceof ValidationError ? error.problems : [{ path: '(event)', message: error instanceof Error ? error.message : String(error) }];
      const code = problems.some((p) => p.path === 'type')
        ? 'unknown-event'
        : problems.every((p) => p.path.startsWith('payload')) ? 'invalid-payload' : 'invalid-event';
      return { refusal: refusal(raw, context, code, problems.map((p) => `${p.path} ${p.message}`).join('; ')) };
    }
    const enquiryId = context.enquiryId;
    if (enquiryId !== undefined && event.enquiryId !== enquiryId) {
      return { refusal: refusal(event, context, 'wrong-enquiry', `This event belongs to enquiry ${event.enquiryId}.`) };
    }
    return { event };
  }

  /** Applies one event through the table. Never throws. */
  function apply(current: TableState, raw: DomainEvent, validated = false): { state: TableState; refusal?: Refusal } {
    const admitted = admit(current.context, raw, validated);
    if (admitted.refusal) return { state: current, refusal: admitted.refusal };
    const next = table.next(current, { type: admitted.event.type, event: admitted.event });
    return next ? { state: next } : { state: current, refusal: explain(current, admitted.event) };
  }

  function initial(input: LifecycleInput = {}): EnquiryState {
    return wrap({ position: table.initial, context: initialData(input) }, [], 0, undefined);
  }

  function withInput(state: EnquiryState, input: LifecycleInput | undefined): TableState {
    const current = tableState(state);
    if (!input) return current;
    const context = {
      ...current.context,
      ...(input.policy ? { policy: input.policy } : {}),
      ...(input.reviewerIds ? { reviewerIds: input.reviewerIds } : {}),
      pastPolicies: sortedByUntil(input.pastPolicies),
      pastReviewers: input.pastReviewers ?? [],
    };
    return { position: current.position, context };
  }

  function run(start: EnquiryState, sorted: readonly DomainEvent[], from: TableState, validated = false): EnquiryState {
    let current = from;
    // States are values: the start's refusals are shared until a new one is added, so resuming
    // one event at a time (a batch decided event by event) does not copy them every time.
    let refusals = start.refusals;
    let lastKey = start.lastKey;
    for (const event of sorted) {
      const result = apply(current, event, validated);
      current = result.state;
      if (result.refusal) {
        if (refusals === start.refusals) refusals = [...refusals];
        refusals.push(result.refusal);
      }
      lastKey = eventKey(event);
    }
    return wrap(current, refusals, start.eventCount + sorted.length, lastKey);
  }

  return {
    stages: parts.stageIds,
    eventTypes: Object.keys(payloads),
    evidenceKinds,
    validate,
    initial,
    tableState,
    snapshotOf,
    explain,
    admit: (context, raw) => admit(context, raw, false),
    wrap,
    replay(events, input = {}, options = {}) {
      const start = initial(input);
      return run(start, sortUnique(events.map(upgrade)), tableState(start), options.validated === true);
    },
    resume(state, events, input, options = {}) {
      const sorted = sortUnique(events.map(upgrade));
      if (state.lastKey !== undefined && sorted.length > 0 && compareEvents(sorted[0]!, keyParts(state.lastKey)) <= 0) return undefined;
      return run(state, sorted, withInput(state, input), options.validated === true);
    },
    check(state, event) {
      const result = apply(tableState(state), event);
      return result.refusal ? { ok: false, refusal: result.refusal } : { ok: true };
    },
    toCache(state) {
      return {
        value: tableState(state).position.value,
        context: state.data,
        refusals: state.refusals,
        eventCount: state.eventCount,
        lastKey: state.lastKey,
      };
    },
    restore(cache, input) {
      const state = wrap({ position: positionOf(cache.value), context: cache.context }, cache.refusals, cache.eventCount, cache.lastKey);
      return input ? wrap(withInput(state, input), cache.refusals, cache.eventCount, cache.lastKey) : state;
    },
  };
}

/** The plain {@link ReplayLifecycle} of a core (its internals left off). */
export function replayOnly(core: ReplayCore): ReplayLifecycle {
  const { stages, eventTypes, evidenceKinds, validate, initial, replay, resume, check, toCache, restore } = core;
  return { stages, eventTypes, evidenceKinds, validate, initial, replay, resume, check, toCache, restore };
}

/**
 * plc-kit's default lifecycle without the machine: the default stages, guards and evidence kinds,
 * replayed by the table generated from the default machine (defaultTable.ts). It accepts and
 * refuses exactly what `defaultLifecycle` does; the stores and `<plc-provider>` use it unless
 * given a lifecycle.
 */
export const replayLifecycle: ReplayLifecycle = /* @__PURE__ */ replayOnly(
  /* @__PURE__ */ createReplayCore({
    table: /* @__PURE__ */ buildTable(DEFAULT_TABLE, { ...builtInGuards, ...stageGuards }, updates as Record<string, Update<never>>),
    stageIds: DEFAULT_STAGES,
    guards: { ...builtInGuards, ...stageGuards } as Record<string, LifecycleGuard>,
    refusals: builtInRefusals,
    payloads: EVENT_PAYLOADS,
    evidenceKinds: /* @__PURE__ */ createEvidenceKinds(),
  }),
);
