/**
 * How a stage looks in the enquiry machine's config, and how an integrator's stage is inserted
 * into it: the same entry (visit, then the host's hook), the same pass-over for enquiries that
 * predate it, the transitions into the following stage redirected through it.
 */
import { and } from 'xstate';
import type { StageParams } from './stages.js';
import type { StageExtension } from './types.js';

/** A stage's entry actions: the visit, then the host's hook (both skip a stage the enquiry predates). */
export const enter = (params: StageParams) =>
  [
    { type: 'enterStage', params },
    { type: 'announceStage', params },
  ] as const;

/** The eventless transition that passes over a stage the enquiry predates, on to `next`. */
export const passOver = (params: StageParams, next: string) => ({ target: stageTarget(next), guard: { type: 'predatesStage', params } }) as const;

/** The target of a transition into a stage. */
export const stageTarget = (stage: string) => `#enquiry.active.${stage}`;

/** The guard name that checks a stage's entry requirements (see `createEnquiryMachine`). */
export const entryGuardName = (stage: string) => `enter:${stage}`;

// The config is walked loosely: it is xstate's own config shape, checked when the machine is made.
type Json = Record<string, unknown>;
type Guard = unknown;

const guardOf = (names: readonly Guard[]): Guard => (names.length === 0 ? undefined : names.length === 1 ? names[0] : and(names as string[]));

const isPassOver = (transition: Json) => (transition['guard'] as { type?: string } | undefined)?.type === 'predatesStage';

/**
 * Sends every transition of `node` (and its child states) that goes into stage `from` to stage
 * `to` instead, adding `to`'s entry requirement to those that advance (not to the pass-over).
 */
function redirect(node: Json, from: string, to: string, entryGuard: string | undefined): Json {
  const retarget = (transition: unknown): unknown => {
    if (Array.isArray(transition)) return transition.map(retarget);
    if (typeof transition !== 'object' || transition === null) return transition;
    const t = transition as Json;
    if (t['target'] !== stageTarget(from)) return t;
    const guard = entryGuard && !isPassOver(t) ? guardOf([...(t['guard'] ? [t['guard']] : []), entryGuard]) : t['guard'];
    return { ...t, target: stageTarget(to), ...(guard ? { guard } : {}) };
  };
  const on = node['on'] as Json | undefined;
  const states = node['states'] as Record<string, Json> | undefined;
  return {
    ...node,
    ...(on ? { on: Object.fromEntries(Object.entries(on).map(([type, transition]) => [type, retarget(transition)])) } : {}),
    ...(node['always'] ? { always: retarget(node['always']) } : {}),
    ...(states ? { states: Object.fromEntries(Object.entries(states).map(([id, child]) => [id, redirect(child, from, to, entryGuard)])) } : {}),
  };
}

/**
 * The machine config with `extension` inserted after the stage it follows. `order` is the stage
 * order before it; the new order is returned with the config. The config given is not changed.
 */
export function insertStage<Config extends object>(config: Config, extension: StageExtension, order: readonly string[]): { config: Config; order: string[] } {
  const root = config as Json;
  const states = root['states'] as Record<string, Json>;
  const active = states['active']!;
  const stages = active['states'] as Record<string, Json>;
  const at = order.indexOf(extension.after);
  const next = order[at + 1]!;
  const params: StageParams = extension.since === undefined ? { stage: extension.id } : { stage: extension.id, since: extension.since };
  const newOrder = [...order.slice(0, at + 1), extension.id, ...order.slice(at + 1)];
  const canRefine = newOrder.indexOf(extension.id) > newOrder.indexOf('question') && newOrder.indexOf(extension.id) < newOrder.indexOf('sharing');
  const entryGuard = extension.entryRequires?.length ? entryGuardName(extension.id) : undefined;

  const node: Json = {
    entry: enter(params),
    always: passOver(params, next),
    on: {
      ...(canRefine ? { 'question.refine': { target: '#enquiry.active.question.drafting', actions: ['record', 'reopenQuestion'] } } : {}),
      ...Object.fromEntries(
        Object.entries(extension.on).map(([type, spec]) => [
          type,
          {
            ...(spec.advances ? { target: stageTarget(next) } : {}),
            ...(spec.requires?.length ? { guard: guardOf(spec.requires) } : {}),
            actions: ['record', { type: 'applyStageEvent', params: { stage: extension.id } }],
          },
        ]),
      ),
    },
  };
  const newStages = Object.fromEntries(
    newOrder.map((id) => [id, id === extension.id ? node : id === extension.after ? redirect(stages[id]!, next, extension.id, entryGuard) : stages[id]!]),
  );
  const paused = states['paused']!;
  const pausedOn = paused['on'] as Json;
  const resume = {
    target: stageTarget(extension.id),
    guard: { type: 'isInStage', params: { stage: extension.id } },
    actions: ['record', { type: 'setStatus', params: { status: 'active' } }],
  };
  return {
    order: newOrder,
    config: {
      ...root,
      states: {
        ...states,
        active: { ...active, states: newStages },
        paused: { ...paused, on: { ...pausedOn, 'enquiry.resume': [...(pausedOn['enquiry.resume'] as unknown[]), resume] } },
      },
    } as Config,
  };
}
