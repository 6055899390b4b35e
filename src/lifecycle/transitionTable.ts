/**
 * Reads a machine's transition table (table.ts) from its state nodes, once, so replay takes a
 * step in a few lookups instead of XState's general algorithm (which builds sets of state nodes
 * and a new snapshot for every event, most of replay's cost). The default machine's table is
 * read ahead of time into defaultTable.ts (`npm run lifecycle-table`), so replay with the default
 * lifecycle needs no XState at all; a test checks that file equals what this reads.
 *
 * It supports what the enquiry machine uses (compound and final states, named guards and
 * actions with fixed params, `and`/`or`/`not`) and refuses to build for anything else. A property
 * test checks the table step for step against XState (tests/unit/lifecycle/transition-table.test.ts).
 */
import { and, not, or, type AnyStateNode } from 'xstate';
import type { Update } from './actions.js';
import { buildTable, type PositionData, type TableData, type TableGuard, type TransitionData, type TransitionTable } from './table.js';

export type { Position, TableState, TableTransition, TransitionTable } from './table.js';

// XState's higher-order guards are told apart by their `check`, not their name (bundlers rename functions).
const AND = (and([]) as { check?: unknown }).check;
const OR = (or([]) as { check?: unknown }).check;
const NOT = (not('') as { check?: unknown }).check;

/** A guard as XState keeps it: a name, a name with params, or a function (inline, or `and`/`or`/`not` of guards). */
type MachineGuard = string | { type: string; params?: unknown } | (((...args: never[]) => unknown) & { guards?: MachineGuard[]; check?: unknown });

/** XState's guard as table data. */
function guardData(guard: MachineGuard | undefined): TableGuard | undefined {
  if (guard === undefined || typeof guard === 'string') return guard;
  if (typeof guard !== 'function') return guard.params === undefined ? { type: guard.type } : { type: guard.type, params: guard.params };
  const inner = guard.guards;
  if (!inner) return guard as TableGuard;
  if (guard.check === AND) return { and: inner.map((g) => guardData(g)!) };
  if (guard.check === OR) return { or: inner.map((g) => guardData(g)!) };
  if (guard.check === NOT) return { not: guardData(inner[0])! };
  throw new Error(`The transition table cannot evaluate the guard "${guard.name}".`);
}

const ancestors = (node: AnyStateNode): AnyStateNode[] => {
  const chain: AnyStateNode[] = [];
  for (let n: AnyStateNode | undefined = node.parent; n; n = n.parent) chain.push(n);
  return chain;
};
const isDescendant = (node: AnyStateNode, of: AnyStateNode) => ancestors(node).includes(of);

/** Reads the transition table of the machine whose root state node is `root`, as data. */
export function tableDataOf(root: AnyStateNode): TableData {
  const positions = new Map<string, PositionData>();
  const nodes: Record<string, string> = {};

  const effectsOf = (actions: readonly unknown[], where: string): TransitionData['effects'] =>
    actions.map((action) => {
      const ref = typeof action === 'string' ? { type: action, params: undefined } : (action as { type?: unknown; params?: unknown });
      if (typeof ref.type !== 'string' || typeof ref.params === 'function') {
        throw new Error(`${where}: the transition table runs named actions with fixed params only.`);
      }
      return ref.params === undefined ? { action: ref.type } : { action: ref.type, params: ref.params };
    });

  const leafOf = (node: AnyStateNode): AnyStateNode => {
    if (node.type === 'parallel' || node.type === 'history') throw new Error(`${node.id}: the transition table has no ${node.type} states.`);
    if (node.type !== 'compound') return node;
    const initial = node.initial?.target?.[0] as AnyStateNode | undefined;
    if (!initial) throw new Error(`${node.id}: a compound state needs an initial state.`);
    return leafOf(initial);
  };

  /** Compiles a transition taken from `leaf`, following XState's exit and entry order. */
  function compile(leaf: AnyStateNode, transition: AnyStateNode['transitions'] extends Map<string, Array<infer T>> ? T : never): TransitionData {
    const source = transition.source as AnyStateNode;
    const targets = (transition.target ?? []) as AnyStateNode[];
    if (targets.length > 1) throw new Error(`${source.id}: the transition table takes one target per transition.`);
    const target = targets[0];
    const where = `${source.id} on ${transition.eventType}`;
    const guard = guardData(transition.guard as MachineGuard | undefined);
    const branch = (transition as { meta?: { branch?: string } }).meta?.branch;
    const own = effectsOf(transition.actions as unknown[], where);
    const base = { ...(guard === undefined ? {} : { guard }), ...(branch === undefined ? {} : { branch }) };
    if (!target) return { ...base, effects: own };

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
    return { ...base, effects, to: positionFor(end).id };
  }

  const pathOf = (node: AnyStateNode) => [node, ...ancestors(node)].reverse().slice(1).map((n) => n.key);

  function positionFor(leaf: AnyStateNode): PositionData {
    const known = positions.get(leaf.id);
    if (known) return known;
    const path = pathOf(leaf);
    const value = path.slice(0, -1).reduceRight<PositionData['value']>((inner, key) => ({ [key]: inner }), path[path.length - 1]!);
    const position: PositionData = {
      id: leaf.id,
      value,
      step: path[0] === 'active' && path.length > 1 ? path.slice(1).join('.') : path[0]!,
      final: leaf.type === 'final' && leaf.parent === root,
      on: {},
      always: [],
    };
    positions.set(leaf.id, position);
    for (const node of [leaf, ...ancestors(leaf)]) {
      for (const [type, transitions] of node.transitions) {
        if (type.includes('*')) throw new Error(`${node.id}: the transition table has no wildcard events.`);
        const list = (position.on[type] ??= []);
        for (const transition of transitions) list.push(compile(leaf, transition));
      }
      for (const transition of node.always ?? []) position.always.push(compile(leaf, transition));
    }
    return position;
  }

  const collect = (node: AnyStateNode) => {
    if (node.type === 'parallel' || node.type === 'history') throw new Error(`${node.id}: the transition table has no ${node.type} states.`);
    if (node !== root) nodes[pathOf(node).join('.')] = leafOf(node).id;
    if (node.type === 'atomic' || node.type === 'final') positionFor(node);
    for (const child of Object.values(node.states)) collect(child);
  };
  collect(root);
  return { initial: leafOf(root).id, nodes, positions: [...positions.values()] };
}

/** Builds the table of the machine whose root state node is `root`, running `updates` for the actions they name. */
export function createTransitionTable(root: AnyStateNode, guards: Record<string, unknown>, updates: Record<string, Update<never>>): TransitionTable {
  return buildTable(tableDataOf(root), guards, updates);
}
