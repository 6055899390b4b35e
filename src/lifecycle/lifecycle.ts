/**
 * The lifecycle: replaying an enquiry's log through the enquiry machine. Replaying the same set
 * of events gives the same state on every device; events the merged order makes invalid are
 * kept and reported as refused, with a reason, never dropped.
 */
import { createActor, type AnyActorScope, type ExecutableActionObject, type StateValue } from 'xstate';
import type * as z from 'zod/mini';
import { describeIssues, ValidationError } from '../schema/errors.js';
import { createEvidenceKinds, type EvidenceKinds } from '../schema/evidence.js';
import { migrateEvent } from '../schema/migrate.js';
import {
  builtInRefusals,
  createEnquiryMachine,
  initialData,
  type EnquiryData,
  type EnquiryMachineOptions,
  type EnquirySnapshot,
  type LifecycleAction,
  type LifecycleGuard,
  type LifecycleInput,
  type MachineEvent,
  type StageExtension,
  sortedByUntil,
} from './enquiryMachine.js';
import { createTransitionTable, type Position, type TableState } from './transitionTable.js';
import { compareEvents, EVENT_PAYLOADS, EventEnvelope, eventKey, type DomainEvent } from './events.js';
import type { Refusal, RefusalText } from './refusals.js';
import { parseSafely } from '../schema/zod.js';

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
  /** @internal the machine snapshot (made when first read: replay does not need one) */
  readonly snapshot: EnquirySnapshot;
}

/** Options for {@link Lifecycle.replay}. */
export interface ReplayOptions {
  /**
   * The events were validated by this lifecycle already (read back from a store that validates
   * every append, or just checked with {@link Lifecycle.validate}), so only their type is
   * checked: replay is then about twice as fast.
   */
  validated?: boolean;
}

/** A replayed state in plain JSON, for caching; see {@link Lifecycle.restore}. */
export interface EnquiryCache {
  value: unknown;
  context: EnquiryData;
  refusals: Refusal[];
  eventCount: number;
  lastKey: string | undefined;
}

/** One step of the lifecycle, as seen by a transition observer. */
export interface LifecycleTransition {
  event: DomainEvent;
  from: { stage: string; status: string };
  to: { stage: string; status: string };
  accepted: boolean;
  refusal?: Refusal;
  state: EnquiryState;
}

/** Options for {@link createLifecycle}: the extension points. */
export interface LifecycleOptions {
  /** Stages to insert, e.g. coaching between question and observation. */
  stages?: readonly StageExtension[];
  /** Guards to add or replace (through XState's `.provide()`), by name. */
  guards?: Record<string, LifecycleGuard>;
  /** Why added guards refuse, by guard name. */
  refusals?: Record<string, RefusalText<EnquiryData>>;
  /** Host side effects on live steps (never on replay), by action name. */
  actions?: EnquiryMachineOptions['actions'];
  /** Payload schemas of event types the added stages use. */
  events?: Record<string, z.ZodMiniType>;
  /** Evidence kinds beyond the built-in ones (see `createEvidenceKinds`). */
  evidenceKinds?: EvidenceKinds;
}

/** A lifecycle: validation, replay and live steps for one set of stages, guards and kinds. */
export interface Lifecycle {
  /** The stage ids in order, including inserted ones. */
  readonly stages: readonly string[];
  /** The XState machine (built with `setup()`), for inspection, `xstate/graph` and tooling. */
  readonly machine: ReturnType<typeof createEnquiryMachine>['machine'];
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
   * `options` are those of {@link Lifecycle.replay}.
   */
  resume(state: EnquiryState, events: readonly DomainEvent[], input?: LifecycleInput, options?: ReplayOptions): EnquiryState | undefined;
  /** Applies one new event live: runs host actions and tells observers. */
  step(state: EnquiryState, event: DomainEvent): LifecycleTransition;
  /** Whether `event` would be accepted now, and why not. */
  check(state: EnquiryState, event: DomainEvent): { ok: true } | { ok: false; refusal: Refusal };
  /** Subscribes to every live transition (accepted and refused). Returns an unsubscribe function. */
  observe(listener: (transition: LifecycleTransition) => void): () => void;
  /** A plain-JSON copy of a state, for caching. */
  toCache(state: EnquiryState): EnquiryCache;
  /** A state from a cache made by {@link Lifecycle.toCache}. */
  restore(cache: EnquiryCache, input?: LifecycleInput): EnquiryState;
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

/** Where each state stands in its lifecycle's transition table. */
const positions = new WeakMap<EnquiryState, Position>();

/**
 * Creates a lifecycle. With no options it is plc-kit's default; integrators insert stages, add
 * or replace guards, add host actions and evidence kinds here. Logs written under the default
 * lifecycle replay unchanged under an extended one: inserted stages are passed over by
 * enquiries created before them (their `enquiry.create` lists the stages they were created with).
 *
 * Replay, resume and check run the machine's transition table (transitionTable.ts): the same
 * transitions, guards and updates as the machine, without XState's per-step bookkeeping. Live
 * steps run the machine itself, so host actions run exactly as XState runs them.
 * @example
 * ```ts
 * const lifecycle = createLifecycle();
 * const state = lifecycle.replay(events, { policy: cycle.policy, reviewerIds: [community.leadId] });
 * state.stage;     // 'observation'
 * state.refusals;  // [{ code: 'too-few-observations', message: 'Record at least 2 observations ...' }]
 * ```
 */
export function createLifecycle(options: LifecycleOptions = {}): Lifecycle {
  const built = createEnquiryMachine({
    ...(options.stages ? { stages: options.stages } : {}),
    ...(options.guards ? { guards: options.guards } : {}),
    ...(options.actions ? { actions: options.actions as Record<string, LifecycleAction> } : {}),
  });
  const { machine, stageIds } = built;
  const guards = machine.implementations.guards as Record<string, LifecycleGuard>;
  const table = createTransitionTable(machine.root, guards, built.updates);
  const initialPosition = table.positionOf(machine.root.initial!.target![0]!.key)!;
  const evidenceKinds = options.evidenceKinds ?? createEvidenceKinds();
  const payloads: Record<string, z.ZodMiniType> = { ...EVENT_PAYLOADS, ...options.events };
  for (const extension of options.stages ?? []) {
    for (const type of Object.keys(extension.on)) {
      if (!payloads[type]) throw new Error(`Stage "${extension.id}" accepts "${type}": give its payload schema in options.events.`);
    }
  }
  const refusalTexts: Record<string, RefusalText<EnquiryData>> = { ...builtInRefusals, ...options.refusals };
  const listeners = new Set<(transition: LifecycleTransition) => void>();

  /** A state from the table's; its machine snapshot is made only if someone reads it. */
  function wrap(at: TableState, refusals: Refusal[], eventCount: number, lastKey: string | undefined, made?: EnquirySnapshot): EnquiryState {
    const { position, context } = at;
    let snapshot = made;
    const state: EnquiryState = {
      data: context,
      stage: context.stage,
      step: position.step,
      refusals,
      eventCount,
      lastKey,
      get snapshot() {
        return (snapshot ??= machine.resolveState({ value: position.value as EnquirySnapshot['value'], context }) as EnquirySnapshot);
      },
    };
    positions.set(state, position);
    return state;
  }

  const positionOf = (value: StateValue): Position => {
    const position = table.positionOf(value);
    if (!position) throw new Error(`The state ${JSON.stringify(value)} is not one of this lifecycle's states.`);
    return position;
  };
  const tableState = (state: EnquiryState): TableState => ({ position: positions.get(state) ?? positionOf(state.snapshot.value), context: state.data });

  function validate(raw: unknown): DomainEvent {
    const migrated = migrateEvent(raw);
    const envelope = parseSafely(EventEnvelope, migrated);
    if (!envelope.success) throw new ValidationError('event', describeIssues(envelope.error.issues));
    const event = envelope.data as DomainEvent;
    const schema = payloads[event.type];
    if (!schema) throw new ValidationError('event', [{ path: 'type', message: `"${event.type}" is not an event this lifecycle knows` }]);
    const parsed = parseSafely(schema, event.payload);
    if (!parsed.success) throw new ValidationError(`${event.type} event`, describeIssues(parsed.error.issues, 'payload'));
    let payload = parsed.data as Record<string, unknown>;
    if (event.type === 'evidence.add') {
      const kindSchema = evidenceKinds[String(payload['kind'])];
      if (!kindSchema) {
        throw new ValidationError('evidence.add event', [
          { path: 'payload.kind', message: `must be one of: ${Object.keys(evidenceKinds).join(', ')}` },
        ]);
      }
      const item = parseSafely(kindSchema, payload);
      if (!item.success) throw new ValidationError(`${String(payload['kind'])} evidence`, describeIssues(item.error.issues, 'payload'));
      payload = item.data as Record<string, unknown>;
    }
    return { ...event, payload };
  }

  const refusal = (event: DomainEvent, context: EnquiryData, code: string, message: string, params: Refusal['params'] = {}): Refusal => ({
    eventId: event.id,
    type: event.type,
    code,
    params,
    message,
    stage: context.stage,
  });

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

  function textFor(name: string, args: { context: EnquiryData; event: MachineEvent }): RefusalText<EnquiryData> {
    const enter = /^enter:(.+)$/.exec(name);
    if (enter) {
      const stage = enter[1]!;
      // The entry requirement that failed, not merely the first one that has a text.
      const inner = built.extensions.get(stage)?.entryRequires?.find((guard) => !guards[guard]?.(args));
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

  /** Validation and the enquiry id: the event to step with, or why it is refused before the machine sees it. */
  function admit(context: EnquiryData, raw: DomainEvent, validated: boolean): { event: DomainEvent; refusal?: never } | { event?: never; refusal: Refusal } {
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

  /**
   * The scope machine transitions run in. XState's `transition()` builds a new actor for every
   * call; this machine spawns no children and its actions are collected, not run, so one inert
   * scope serves every live step, each with its own list of actions.
   */
  let inertScope: Omit<AnyActorScope, 'actionExecutor'> | undefined;
  const scopeFor = (actions: ExecutableActionObject[]): AnyActorScope => {
    if (!inertScope) {
      const self = createActor(machine, { input: {} });
      inertScope = { self, id: '', sessionId: '', system: self.system, logger: () => {}, defer: () => {}, emit: () => {}, stopChild: () => {} };
    }
    return { ...inertScope, actionExecutor: (action) => void actions.push(action) };
  };

  /** Applies one event through the machine itself, collecting the host actions it runs. */
  function applyLive(state: EnquiryState, raw: DomainEvent): { state: TableState; snapshot?: EnquirySnapshot; refusal?: Refusal; actions: ExecutableActionObject[] } {
    const current = tableState(state);
    const actions: ExecutableActionObject[] = [];
    const admitted = admit(current.context, raw, false);
    if (admitted.refusal) return { state: current, refusal: admitted.refusal, actions };
    const event = admitted.event;
    const machineEvent: MachineEvent = { type: event.type, event };
    if (!state.snapshot.can(machineEvent)) return { state: current, refusal: explain(current, event), actions };
    const snapshot = machine.transition(state.snapshot, machineEvent, scopeFor(actions)) as EnquirySnapshot;
    return { state: { position: positionOf(snapshot.value), context: snapshot.context }, snapshot, actions };
  }

  function initial(input: LifecycleInput = {}): EnquiryState {
    return wrap({ position: initialPosition, context: initialData(input) }, [], 0, undefined);
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
    const refusals = [...start.refusals];
    let lastKey = start.lastKey;
    for (const event of sorted) {
      const result = apply(current, event, validated);
      current = result.state;
      if (result.refusal) refusals.push(result.refusal);
      lastKey = eventKey(event);
    }
    return wrap(current, refusals, start.eventCount + sorted.length, lastKey);
  }

  const sortUnique = (events: readonly DomainEvent[]) => {
    const byId = new Map<string, DomainEvent>();
    for (const event of events) if (!byId.has(event.id)) byId.set(event.id, event);
    return [...byId.values()].sort(compareEvents);
  };

  const lifecycle: Lifecycle = {
    stages: stageIds,
    machine,
    eventTypes: Object.keys(payloads),
    evidenceKinds,
    validate,
    initial,
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
    step(state, event) {
      const result = applyLive(state, event);
      for (const action of result.actions) action.exec?.(action.info, action.params);
      const next = wrap(result.state, result.refusal ? [...state.refusals, result.refusal] : state.refusals, state.eventCount + 1, eventKey(event), result.snapshot);
      const change: LifecycleTransition = {
        event,
        from: { stage: state.stage, status: state.data.status },
        to: { stage: next.stage, status: next.data.status },
        accepted: !result.refusal,
        ...(result.refusal ? { refusal: result.refusal } : {}),
        state: next,
      };
      for (const listener of listeners) listener(change);
      return change;
    },
    observe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
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
      const state = wrap({ position: positionOf(cache.value as StateValue), context: cache.context }, cache.refusals, cache.eventCount, cache.lastKey);
      return input ? wrap(withInput(state, input), cache.refusals, cache.eventCount, cache.lastKey) : state;
    },
  };
  return lifecycle;
}

/** plc-kit's default lifecycle. */
export const defaultLifecycle: Lifecycle = /* @__PURE__ */ createLifecycle();
