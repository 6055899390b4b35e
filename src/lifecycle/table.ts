/**
 * The enquiry machine's transitions as a table that replay runs without XState: for each leaf
 * state and event type the machine's candidate transitions, the leaf's own first, then its
 * ancestors' (the order XState tries them in), each with its guard, the names of what it requires
 * (to explain refusals), the updates it runs (exits, its own, then entries, as XState orders them)
 * and the leaf it ends in. Eventless transitions (`always`) are listed per leaf the same way and
 * taken after every step until none is enabled.
 *
 * The table is plain data ({@link TableData}): read from a machine's state nodes by
 * transitionTable.ts, or, for the default machine, generated ahead of time into defaultTable.ts,
 * so a page that only replays enquiries never loads XState. It runs the machine's updates (the
 * pure functions its `assign` actions wrap) and skips host actions: replay never runs side effects.
 */
import type { Update } from './actions.js';
import type { EnquiryData, LifecycleGuard, MachineArgs, MachineEvent } from './types.js';

/**
 * A guard as data: a name, a name with params, `and`/`or`/`not` of guards, or (from a machine
 * only, never in generated data) an inline guard function.
 */
export type TableGuard =
  | string
  | { type: string; params?: unknown }
  | { and: TableGuard[] }
  | { or: TableGuard[] }
  | { not: TableGuard }
  | ((args: MachineArgs, params?: unknown) => unknown);

/** One candidate transition from a leaf, as data. */
export interface TransitionData {
  guard?: TableGuard;
  /** A guard that only chooses between two ways of taking the event: failing it refuses nothing. */
  branch?: string;
  /** The actions it runs, in order (exits, its own, entries): name and params. Those that are not updates are skipped. */
  effects: Array<{ action: string; params?: unknown }>;
  /** The leaf it ends in (before eventless transitions), by state node id; absent: where it started. */
  to?: string;
}

/** A leaf state, as data. */
export interface PositionData {
  /** The leaf's state node id, e.g. `enquiry.active.question.review`. */
  id: string;
  /** The state value, as XState writes it. */
  value: string | Record<string, unknown>;
  /** `question.review` for a leaf under a stage, else the stage or the top-level state. */
  step: string;
  /** A top-level final state: nothing more happens. */
  final: boolean;
  /** Candidate transitions by event type, the leaf's first. */
  on: Record<string, TransitionData[]>;
  /** Eventless candidates, the leaf's first. */
  always: TransitionData[];
}

/** A machine's transition table as plain data. */
export interface TableData {
  /** The leaf the machine starts in. */
  initial: string;
  /** Every state node by its path of keys (`active.question`), to the leaf it resolves to (its initial leaf). */
  nodes: Record<string, string>;
  /** Every leaf. */
  positions: PositionData[];
}

/** An update to run, with its params. */
interface Effect {
  run: Update<unknown>;
  params: unknown;
}

/** One candidate transition from a leaf. */
export interface TableTransition {
  guard: TableGuard | undefined;
  /** What the transition requires, guard by guard in order (its `and` flattened), for explaining a refusal. */
  requires: ReadonlyArray<{ name: string; guard: TableGuard }>;
  branch: string | undefined;
  effects: Effect[];
  /** Whether it does anything at all (a target or an action): XState's `can()`. */
  acts: boolean;
  to: Position | undefined;
}

/** A leaf state of the machine and what can happen there. */
export interface Position {
  id: string;
  value: PositionData['value'];
  step: string;
  final: boolean;
  on: Map<string, TableTransition[]>;
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
  /** Where the machine starts. */
  initial: Position;
  /** The position a state value names (a compound value resolves to its initial leaf); undefined when there is none. */
  positionOf(value: unknown): Position | undefined;
  /** The next state after `event`, or undefined when the machine would not take it. */
  next(state: TableState, event: MachineEvent): TableState | undefined;
  /** The candidate transitions for an event where the enquiry is, for explaining refusals. */
  candidates(position: Position, type: string): readonly TableTransition[];
  /** Evaluates a guard the way the machine does. */
  check(guard: TableGuard | undefined, args: MachineArgs): boolean;
}

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
};

/** The named guards a guard requires, flattening `and`. */
function requirementsOf(guard: TableGuard | undefined): Array<{ name: string; guard: TableGuard }> {
  if (guard === undefined) return [];
  if (typeof guard === 'string') return [{ name: guard, guard }];
  if (typeof guard === 'function' || 'or' in guard || 'not' in guard) return [];
  if ('and' in guard) return guard.and.flatMap(requirementsOf);
  return [{ name: guard.type, guard }];
}

/** A state value's path of keys (`{ active: 'theme' }` -> `active.theme`), or undefined when it is not a state value. */
function pathOf(value: unknown): string | undefined {
  const keys: string[] = [];
  let rest = value;
  while (typeof rest === 'object' && rest !== null) {
    const entries = Object.keys(rest);
    if (entries.length !== 1) return undefined;
    keys.push(entries[0]!);
    rest = (rest as Record<string, unknown>)[entries[0]!];
  }
  if (typeof rest === 'string') keys.push(rest);
  else if (rest !== undefined) return undefined;
  return keys.join('.');
}

/** Builds the runnable table from its data, running `updates` for the actions they name and `guards` by name. */
export function buildTable(data: TableData, guards: Record<string, unknown>, updates: Record<string, Update<never>>): TransitionTable {
  const positions = new Map<string, Position>();
  for (const p of data.positions) {
    positions.set(p.id, { id: p.id, value: deepFreeze(structuredClone(p.value)), step: p.step, final: p.final, on: new Map(), always: [] });
  }
  const at = (id: string): Position => {
    const position = positions.get(id);
    if (!position) throw new Error(`The transition table names a state "${id}" it does not have.`);
    return position;
  };
  const compile = (t: TransitionData): TableTransition => ({
    guard: t.guard,
    requires: requirementsOf(t.guard).filter((r) => r.name !== t.branch),
    branch: t.branch,
    effects: t.effects.flatMap(({ action, params }) => {
      const run = updates[action] as Update<unknown> | undefined;
      return run ? [{ run, params }] : [];
    }),
    acts: t.to !== undefined || t.effects.length > 0,
    to: t.to === undefined ? undefined : at(t.to),
  });
  for (const p of data.positions) {
    const position = positions.get(p.id)!;
    for (const [type, transitions] of Object.entries(p.on)) position.on.set(type, transitions.map(compile));
    position.always = p.always.map(compile);
  }

  const implementation = (name: string): LifecycleGuard => {
    const guard = guards[name];
    if (typeof guard !== 'function') throw new Error(`Guard '${name}' is not implemented.`);
    return guard as LifecycleGuard;
  };

  function check(guard: TableGuard | undefined, args: MachineArgs): boolean {
    if (guard === undefined) return true;
    if (typeof guard === 'string') return implementation(guard)(args, undefined);
    if (typeof guard === 'function') return Boolean(guard(args, undefined));
    if ('and' in guard) return guard.and.every((g) => check(g, args));
    if ('or' in guard) return guard.or.some((g) => check(g, args));
    if ('not' in guard) return !check(guard.not, args);
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
    initial: at(data.initial),
    positionOf(value) {
      const path = pathOf(value);
      const leaf = path !== undefined && Object.hasOwn(data.nodes, path) ? data.nodes[path] : undefined;
      return leaf === undefined ? undefined : positions.get(leaf);
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
