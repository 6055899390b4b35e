/**
 * The lifecycle: replaying an enquiry's log through the enquiry machine. Replaying the same set
 * of events gives the same state on every device; events the merged order makes invalid are
 * kept and reported as refused, with a reason, never dropped.
 *
 * Replay, resume and check run the machine's transition table (replayLifecycle.ts); this file
 * adds the machine itself, for live steps that run host actions and for tooling.
 */
import { createActor, type AnyActorScope, type ExecutableActionObject } from 'xstate';
import type * as z from 'zod/mini';
import { createEvidenceKinds, type EvidenceKinds } from '../schema/evidence.js';
import {
  builtInRefusals,
  createEnquiryMachine,
  type EnquiryData,
  type EnquiryMachineOptions,
  type EnquirySnapshot,
  type LifecycleAction,
  type LifecycleGuard,
  type MachineEvent,
  type StageExtension,
} from './enquiryMachine.js';
import { createTransitionTable } from './transitionTable.js';
import { EVENT_PAYLOADS, eventKey, type DomainEvent } from './events.js';
import type { Refusal, RefusalText } from './refusals.js';
import { createReplayCore, replayOnly, type EnquiryState, type ReplayLifecycle } from './replayLifecycle.js';
import type { TableState } from './table.js';

export type { EnquiryCache, EnquiryState, ReplayLifecycle, ReplayOptions } from './replayLifecycle.js';

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
export interface Lifecycle extends ReplayLifecycle {
  /** The XState machine (built with `setup()`), for inspection, `xstate/graph` and tooling. */
  readonly machine: ReturnType<typeof createEnquiryMachine>['machine'];
  /** Applies one new event live: runs host actions and tells observers. */
  step(state: EnquiryState, event: DomainEvent): LifecycleTransition;
  /** Subscribes to every live transition (accepted and refused). Returns an unsubscribe function. */
  observe(listener: (transition: LifecycleTransition) => void): () => void;
}

/**
 * Creates a lifecycle. With no options it is plc-kit's default; integrators insert stages, add
 * or replace guards, add host actions and evidence kinds here. Logs written under the default
 * lifecycle replay unchanged under an extended one: inserted stages are passed over by
 * enquiries created before them (their `enquiry.create` lists the stages they were created with).
 *
 * Replay, resume and check run the machine's transition table (replayLifecycle.ts): the same
 * transitions, guards and updates as the machine, without XState's per-step bookkeeping. Live
 * steps run the machine itself, so host actions run exactly as XState runs them. A page that
 * never steps live needs no machine: `replayLifecycle` is the default lifecycle without it.
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
  const payloads: Record<string, z.ZodMiniType> = { ...EVENT_PAYLOADS, ...options.events };
  for (const extension of options.stages ?? []) {
    for (const type of Object.keys(extension.on)) {
      if (!payloads[type]) throw new Error(`Stage "${extension.id}" accepts "${type}": give its payload schema in options.events.`);
    }
  }
  const listeners = new Set<(transition: LifecycleTransition) => void>();
  const snapshotOf = ({ position, context }: TableState) => machine.resolveState({ value: position.value as EnquirySnapshot['value'], context }) as EnquirySnapshot;
  const table = createTransitionTable(machine.root, guards, built.updates);
  const core = createReplayCore({
    table,
    stageIds,
    guards,
    refusals: { ...builtInRefusals, ...options.refusals } as Record<string, RefusalText<EnquiryData>>,
    payloads,
    evidenceKinds: options.evidenceKinds ?? createEvidenceKinds(),
    entryRequires: (stage) => built.extensions.get(stage)?.entryRequires,
    snapshot: snapshotOf,
  });

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
    const current = core.tableState(state);
    const actions: ExecutableActionObject[] = [];
    const admitted = core.admit(current.context, raw);
    if (admitted.refusal) return { state: current, refusal: admitted.refusal, actions };
    const event = admitted.event;
    const machineEvent: MachineEvent = { type: event.type, event };
    const before = core.snapshotOf(state);
    if (!before.can(machineEvent)) return { state: current, refusal: core.explain(current, event), actions };
    const snapshot = machine.transition(before, machineEvent, scopeFor(actions)) as EnquirySnapshot;
    const position = table.positionOf(snapshot.value);
    if (!position) throw new Error(`The state ${JSON.stringify(snapshot.value)} is not one of this lifecycle's states.`);
    return { state: { position, context: snapshot.context }, snapshot, actions };
  }

  return {
    ...replayOnly(core),
    machine,
    step(state, event) {
      const result = applyLive(state, event);
      for (const action of result.actions) action.exec?.(action.info, action.params);
      const next = core.wrap(result.state, result.refusal ? [...state.refusals, result.refusal] : state.refusals, state.eventCount + 1, eventKey(event), result.snapshot);
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
  };
}

/** plc-kit's default lifecycle. */
export const defaultLifecycle: Lifecycle = /* @__PURE__ */ createLifecycle();
