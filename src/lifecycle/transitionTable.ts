/**
 * The enquiry machine's transitions as a table, read from the machine's own state nodes once,
 * so replay takes a step in a few lookups instead of XState's general algorithm (which builds
 * sets of state nodes and a new snapshot for every event, most of replay's cost).
 *
 * For each leaf state and event type the table lists the machine's candidate transitions, the
 * leaf's own first, then its ancestors' (the order XState tries them in), each with its guard,
 * the names of what it requires (to explain refusals), the actions it runs (exits, its own,
 * then entries, as XState orders them) and the leaf it ends in. Eventless transitions (`always`)
 * are listed per leaf the same way and taken after every step until none is enabled.
 *
 * The table runs the machine's updates (the pure functions its `assign` actions wrap) and
 * skips host actions: it serves replay, which never runs side effects. It supports what the
 * enquiry machine uses (compound and final states, named guards and actions, `and`/`or`/`not`)
 * and refuses to build for anything else. A property test checks it step for step against
 * XState (tests/unit/lifecycle/transition-table.test.ts).
 */
import { and, not, or, type AnyStateNode, type StateValue } from 'xstate';
import type { Update } from './actions.js';
import type { EnquiryData, LifecycleGuard, MachineArgs, MachineEvent } from './types.js';

/** A guard as the config writes it: a name, a name with params, or `and`/`or`/`not` of guards. */
export type GuardRef = string | { type: string; params?: unknown } | (((args: MachineArgs, params?: unknown) => unknown) & { guards?: GuardRef[]; check?: unknown });

// XState's higher-order guards are told apart by their `check`, not their name (bundlers rename functions).
const AND = (and([]) as { check?: unknown }).check;
const OR = (or([]) as { check?: unknown }).check;
const NOT = (not('') as { check?: unknown }).check;

/** An update to run, with its params. */
interface Effect {
  run: Update<unknown>;
  params: unknown;
}

/** One candidate transition from a leaf. */
export interface TableTransition {
  guard: GuardRef | undefined;
  /** What the transition requires, guard by guard in order, for explaining a refusal. */
  requires: Array<{ name: string; guard: GuardRef }>;
  /** A guard that only chooses between two ways of taking the event: failing it refuses nothing. */
  branch: string | undefined;
  /** The updates it runs, in order. */
  effects: Effect[];
  /** Whether it does anything at all (a target or an action): XState's `can()`. */
  acts: boolean;
  /** Where it ends (before eventless transitions); undefined: where it started. */
  to: Position | undefined;
}

/** A leaf state of the machine and what can happen there. */
export interface Position {
  /** The leaf's state node id, e.g. `enquiry.active.question.review`. */
  id: string;
  /** The state value, as XState writes it. */
  value: StateValue;
  /** `question.review` for a leaf under a stage, else the stage or the top-level state. */
  step: string;
  /** A top-level final state: nothing more happens. */
  final: boolean;
  /** Candidate transitions by event type, the leaf's first. */
  on: Map<string, TableTransition[]>;
  /** Eventless candidates, the leaf's first. */
  always: TableTransition[];
}

/** A state as the table keeps it: where the enquiry is and its data. */
export interface TableState {
  position: Position;
  context: EnquiryData;
}

/** The table of one machine. */
export interface TransitionTable {
  /** The position of a leaf, by state node id. */
  positions: Map<string, Position>;
  /** The position a state value names (a compound value resolves to its initial leaf); undefined when there is none. */
  positionOf(value: StateValue): Position | undefined;
  /** The next state after `event`, or undefined when the machine would not take it. */
  next(state: TableState, event: MachineEvent): TableState | undefined;
  /** The candidate transitions for an event where the enquiry is, for explaining refusals. */
  candidates(position: Position, type: string): readonly TableTransition[];
  /** Evaluates a guard the way the machine does. */
  check(guard: GuardRef | undefined, args: MachineArgs): boolean;
}

const ancestors = (node: AnyStateNode): AnyStateNode[] => {
  const chain: AnyStateNode[] = [];
  for (let n: AnyStateNode | undefined = node.parent; n; n = n.parent) chain.push(n);
  return chain;
};
const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
};
const isDescendant = (node: AnyStateNode, of: AnyStateNode) => ancestors(node).includes(of);

/** The named guards a guard requires, flattening `and`. */
function requirementsOf(guard: GuardRef | undefined): Array<{ name: string; guard: GuardRef }> {
  if (guard === undefined) return [];
  if (typeof guard === 'string') return [{ name: guard, guard }];
  if (typeof guard === 'function') return guard.check === AND ? (guard.guards ?? []).flatMap(requirementsOf) : [];
  return [{ name: guard.type, guard }];
}

/** Builds the table of `machine`, running `updates` for the actions they name. */
export function createTransitionTable(
  root: AnyStateNode,
  guards: Record<string, unknown>,
  updates: Record<string, Update<never>>,
): TransitionTable {
  const positions = new Map<string, Position>();

  const effectsOf = (actions: readonly unknown[], where: string): Effect[] =>
    actions.flatMap((action) => {
      const ref = typeof action === 'string' ? { type: action, params: undefined } : (action as { type?: unknown; params?: unknown });
      if (typeof ref.type !== 'string' || typeof ref.params === 'function') {
        throw new Error(`${where}: the transition table runs named actions with fixed params only.`);
      }
      const run = updates[ref.type] as Update<unknown> | undefined;
      return run ? [{ run, params: ref.params }] : [];
    });

  const leafOf = (node: AnyStateNode): AnyStateNode => {
    if (node.type === 'parallel' || node.type === 'history') throw new Error(`${node.id}: the transition table has no ${node.type} states.`);
    if (node.type !== 'compound') return node;
    const initial = node.initial?.target?.[0] as AnyStateNode | undefined;
    if (!initial) throw new Error(`${node.id}: a compound state needs an initial state.`);
    return leafOf(initial);
  };

  /** Compiles a transition taken from `leaf`, following XState's exit and entry order. */
  function compile(leaf: AnyStateNode, transition: AnyStateNode['transitions'] extends Map<string, Array<infer T>> ? T : never): TableTransition {
    const source = transition.source as AnyStateNode;
    const targets = (transition.target ?? []) as AnyStateNode[];
    if (targets.length > 1) throw new Error(`${source.id}: the transition table takes one target per transition.`);
    const target = targets[0];
    const where = `${source.id} on ${transition.eventType}`;
    const guard = transition.guard as GuardRef | undefined;
    const meta = (transition as { meta?: { branch?: string } }).meta;
    const own = effectsOf(transition.actions as unknown[], where);
    const base = { guard, requires: requirementsOf(guard).filter((r) => r.name !== meta?.branch), branch: meta?.branch };
    if (!target) return { ...base, effects: own, acts: (transition.actions as unknown[]).length > 0, to: undefined };

    // The domain: the source when the target is inside it, else the nearest ancestor of both.
    const domain =
      !transition.reenter && (target === source || isDescendant(target, source))
        ? source
        : ancestors(target).find((a) => isDescendant(source, a)) ?? root;
    const exits = [leaf, ...ancestors(leaf)].filter((n) => isDescendant(n, domain));
    const end = leafOf(target);
    const entered = [end, ...ancestors(end)].filter((n) => isDescendant(n, domain) && (n !== source || n !== domain || transition.reenter)).reverse();
    const effects = [
      ...exits.flatMap((n) => effectsOf(n.exit as unknown[], `${n.id} exit`)),
      ...own,
      ...entered.flatMap((n) => effectsOf(n.entry as unknown[], `${n.id} entry`)),
    ];
    return { ...base, effects, acts: true, to: positionFor(end) };
  }

  function positionFor(leaf: AnyStateNode): Position {
    const known = positions.get(leaf.id);
    if (known) return known;
    const path = [leaf, ...ancestors(leaf)].reverse().slice(1).map((n) => n.key);
    const value = path.slice(0, -1).reduceRight<StateValue>((inner, key) => ({ [key]: inner }), path[path.length - 1]!);
    const position: Position = {
      id: leaf.id,
      value: deepFreeze(value),
      step: path[0] === 'active' && path.length > 1 ? path.slice(1).join('.') : path[0]!,
      final: leaf.type === 'final' && leaf.parent === root,
      on: new Map(),
      always: [],
    };
    positions.set(leaf.id, position);
    const chain = [leaf, ...ancestors(leaf)];
    for (const node of chain) {
      for (const [type, transitions] of node.transitions) {
        if (type.includes('*')) throw new Error(`${node.id}: the transition table has no wildcard events.`);
        const list = position.on.get(type) ?? [];
        for (const transition of transitions) list.push(compile(leaf, transition));
        position.on.set(type, list);
      }
      for (const transition of node.always ?? []) position.always.push(compile(leaf, transition));
    }
    return position;
  }

  const collect = (node: AnyStateNode) => {
    if (node.type === 'parallel' || node.type === 'history') throw new Error(`${node.id}: the transition table has no ${node.type} states.`);
    if (node.type === 'atomic' || node.type === 'final') positionFor(node);
    for (const child of Object.values(node.states)) collect(child);
  };
  collect(root);

  const implementation = (name: string): LifecycleGuard => {
    const guard = guards[name];
    if (typeof guard !== 'function') throw new Error(`Guard '${name}' is not implemented.`);
    return guard as LifecycleGuard;
  };

  function check(guard: GuardRef | undefined, args: MachineArgs): boolean {
    if (guard === undefined) return true;
    if (typeof guard === 'string') return implementation(guard)(args, undefined);
    if (typeof guard === 'function') {
      const inner = guard.guards;
      if (!inner) return Boolean(guard(args, undefined));
      if (guard.check === AND) return inner.every((g) => check(g, args));
      if (guard.check === OR) return inner.some((g) => check(g, args));
      if (guard.check === NOT) return !check(inner[0], args);
      throw new Error(`The transition table cannot evaluate the guard "${guard.name}".`);
    }
    return implementation(guard.type)(args, guard.params);
  }

  /** Takes a transition: runs its updates on a copy of the data (never the data given). */
  function take(state: TableState, transition: TableTransition, event: MachineEvent): TableState {
    let context = state.context;
    if (transition.effects.length > 0) {
      context = { ...context };
      const args = { context, event };
      for (const effect of transition.effects) Object.assign(context, effect.run(args, effect.params));
    }
    return { position: transition.to ?? state.position, context };
  }

  const enabled = (transitions: readonly TableTransition[], args: MachineArgs) => {
    for (const transition of transitions) if (check(transition.guard, args)) return transition;
    return undefined;
  };

  return {
    positions,
    positionOf(value) {
      let node: AnyStateNode = root;
      let rest: StateValue | undefined = value;
      while (rest !== undefined) {
        const key: string = typeof rest === 'string' ? rest : Object.keys(rest)[0]!;
        const child: AnyStateNode | undefined = node.states[key];
        if (!child) return undefined;
        node = child;
        rest = typeof rest === 'string' ? undefined : (rest[key] as StateValue | undefined);
      }
      return positions.get(leafOf(node).id);
    },
    candidates: (position, type) => position.on.get(type) ?? [],
    check,
    next(state, event) {
      const transition = enabled(state.position.on.get(event.type) ?? [], { context: state.context, event });
      if (!transition?.acts) return undefined;
      let next = take(state, transition, event);
      // Eventless transitions, until none is enabled (XState's macrostep).
      for (let steps = 0; !next.position.final && next.position.always.length > 0; steps++) {
        if (steps > 100) throw new Error(`${next.position.id}: eventless transitions loop.`);
        const always = enabled(next.position.always, { context: next.context, event });
        if (!always) break;
        next = take(next, always, event);
      }
      return next;
    },
  };
}
