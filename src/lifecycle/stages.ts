/**
 * The one rule for stages an enquiry predates. Every stage, built-in or inserted by an
 * integrator, carries the rules version that introduced it; an enquiry started under an earlier
 * version passes over it (no visit recorded, no host action, its events not accepted there), so
 * adding a stage, built-in or not, never changes how an old log replays.
 */
import type { EnquiryDetails } from '../schema/enquiry.js';

/** A stage as the machine's stage guards and actions see it (their `params`). */
export interface StageParams {
  /** The stage id. */
  readonly stage: string;
  /**
   * The rules version (`EnquiryDetails.rulesVersion`, 1 when absent) that introduced the stage.
   * Absent for a stage an integrator inserts without one: then only enquiries whose
   * `enquiry.create` lists it in `stages` go through it.
   */
  readonly since?: number;
}

/**
 * Whether an enquiry predates a stage and so passes over it: it was created without the stage
 * in its `stages` list, under rules older than the stage. An enquiry that lists the stage goes
 * through it whatever its version; the built-in stages of version 1 are never passed over.
 */
export function predatesStage(details: Pick<EnquiryDetails, 'stages' | 'rulesVersion'> | undefined, stage: StageParams): boolean {
  if (details?.stages?.includes(stage.stage)) return false;
  return stage.since === undefined || (details?.rulesVersion ?? 1) < stage.since;
}

/** The built-in stages, in order, each with the rules version that introduced it. */
export const BUILT_IN_STAGES = [
  { stage: 'theme', since: 1 },
  { stage: 'question', since: 1 },
  { stage: 'observation', since: 1 },
  { stage: 'evidence', since: 1 },
  { stage: 'sharing', since: 1 },
  { stage: 'shared', since: 1 },
] as const satisfies readonly StageParams[];

/** A built-in stage id. */
export type BuiltInStage = (typeof BUILT_IN_STAGES)[number]['stage'];

/** The built-in stage ids, in order. */
export const DEFAULT_STAGES: readonly BuiltInStage[] = BUILT_IN_STAGES.map((s) => s.stage);

/** The params of a built-in stage, by id. */
export const STAGE = Object.fromEntries(BUILT_IN_STAGES.map((s) => [s.stage, s])) as { [S in BuiltInStage]: Extract<(typeof BUILT_IN_STAGES)[number], { stage: S }> };
