/**
 * The stage and evidence-kind descriptions the elements draw from: the built-in ones, and an
 * integrator's given to `<plc-provider .stageViews .evidenceViews>` (which replace a built-in
 * one of the same id). The session carries them, so every element names an integrator's stage
 * or kind in the active language.
 *
 * The built-in descriptions hold panels, add forms and renderers, which only the elements that
 * draw a stage or show evidence use: they are not imported here but added when one of those
 * elements loads (components/stages/built-in.ts and components/evidence/built-in.ts register
 * them), so the first view of `<plc-app>` does not carry them. Until then a built-in stage is
 * described by its name alone (components/stages/labels.ts).
 */
import type { EvidenceKindView } from '../evidence/evidence-view.js';
import { STAGE_LABELS } from '../stages/labels.js';
import type { StageView } from '../stages/stage-view.js';
import { humanise, textOf } from '../shared/text.js';

/** Looks up the description of a stage or an evidence kind. */
export interface PlcViews {
  /** The stage's description, or undefined for a stage nobody described. */
  stage(id: string): StageView | undefined;
  /** The evidence kind's description, or undefined for a kind nobody described. */
  evidence(kind: string): EvidenceKindView | undefined;
}

/** The built-in stages' descriptions, by id, once the enquiry view has loaded them. */
const builtInStages = new Map<string, StageView>();

/** Adds the built-in stages' descriptions (components/stages/built-in.ts calls it when loaded). */
export function addBuiltInStageViews(views: readonly StageView[]): void {
  for (const view of views) builtInStages.set(view.id, view);
}

/** A built-in stage by its name alone, before its description is loaded. */
const stageByName = (id: string): StageView | undefined => (Object.hasOwn(STAGE_LABELS, id) ? { id, label: STAGE_LABELS[id as keyof typeof STAGE_LABELS] } : undefined);

/** The built-in evidence kinds' descriptions, by kind, once an element that shows evidence has loaded them. */
const builtInEvidence = new Map<string, EvidenceKindView>();

/** Adds the built-in evidence kinds' descriptions (components/evidence/built-in.ts calls it when loaded). */
export function addBuiltInEvidenceViews(views: readonly EvidenceKindView[]): void {
  for (const view of views) builtInEvidence.set(view.kind, view);
}

/** The descriptions: the built-in ones, replaced or joined by `extra`. */
export function createViews(extra: { stages?: readonly StageView[]; evidence?: readonly EvidenceKindView[] } = {}): PlcViews {
  const stages = new Map((extra.stages ?? []).map((view) => [view.id, view]));
  const evidence = new Map((extra.evidence ?? []).map((view) => [view.kind, view]));
  return { stage: (id) => stages.get(id) ?? builtInStages.get(id) ?? stageByName(id), evidence: (kind) => evidence.get(kind) ?? builtInEvidence.get(kind) };
}

/** The built-in descriptions only. */
export const BUILT_IN_VIEWS: PlcViews = createViews();

/** The name of a stage in the active language; a stage nobody described shows its id in words. */
export function stageLabel(stage: string, views: PlcViews = BUILT_IN_VIEWS): string {
  const view = views.stage(stage);
  return view ? textOf(view.label) : humanise(stage);
}

/** The name of an evidence kind in the active language; a kind nobody described shows its id in words. */
export function evidenceKindLabel(kind: string, views: PlcViews = BUILT_IN_VIEWS): string {
  const view = views.evidence(kind);
  return view ? textOf(view.label) : humanise(kind);
}
