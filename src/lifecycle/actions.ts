/**
 * The enquiry machine's actions, by name. Two kinds:
 * - updates: pure functions from the enquiry's data and an event to the fields that change.
 *   The machine runs them as `assign` actions; replay's transition table runs the same
 *   functions directly (see transitionTable.ts), so a step means the same thing either way.
 * - host actions: side effects (notifications, xAPI, analytics), no-ops here, that a host
 *   replaces by name. Live steps run them; replay never does.
 */
import type { AnyEvidence } from '../schema/evidence.js';
import type { DrivingQuestion, EnquiryDetails, Observation, Outcome, Reflection } from '../schema/enquiry.js';
import { predatesStage, type StageParams } from './stages.js';
import type { EnquiryData, EnquiryStatus, LifecycleAction, MachineArgs, MachineEvent } from './types.js';

/** A pure update: the fields of the enquiry's data an event changes. */
export type Update<Params = undefined> = (args: MachineArgs, params: Params) => Partial<EnquiryData>;

const payload = <T>(event: MachineEvent) => event.event.payload as T;
const last = <T>(items: readonly T[]): T | undefined => items[items.length - 1];

/**
 * Events that say nothing of the enquiry's work: sharing one's own observation notes is the
 * observed colleague's right, not a contribution, and listing her would tell every reader whose
 * lesson was observed (docs/privacy.md).
 */
const NOT_CONTRIBUTIONS: ReadonlySet<string> = new Set(['observation.share']);

/** The author of an event a reader may not attribute (see `HIDDEN` in src/policy/redact.ts). */
const HIDDEN_AUTHOR = 'hidden';

/**
 * An observation as the log records it: shared further only when its author is the observed
 * colleague. Anyone else's `sharedWith` is dropped, so no one widens who reads notes about
 * someone else's lesson (docs/privacy.md); the observation itself is kept.
 */
const recordedObservation = (event: MachineEvent): Observation => {
  const observation = payload<Observation>(event);
  return observation.sharedWith.length === 0 || observation.observedId === event.event.authorId ? observation : { ...observation, sharedWith: [] };
};

/** The built-in updates, by action name. */
export const updates = {
  /** Every accepted event: when the enquiry last changed, and who has contributed. */
  record: ({ context, event }: MachineArgs) => ({
    updatedAt: event.event.at,
    contributorIds:
      NOT_CONTRIBUTIONS.has(event.type) || event.event.authorId === HIDDEN_AUTHOR || context.contributorIds.includes(event.event.authorId)
        ? context.contributorIds
        : [...context.contributorIds, event.event.authorId],
  }),
  createEnquiry: ({ event }: MachineArgs) => ({
    enquiryId: event.event.enquiryId,
    details: payload<EnquiryDetails>(event),
    status: 'active' as const,
    createdAt: event.event.at,
  }),
  renameEnquiry: ({ context, event }: MachineArgs) => ({ details: { ...context.details!, title: payload<{ title: string }>(event).title } }),
  setStatus: (_: MachineArgs, params: { status: EnquiryStatus }) => ({ status: params.status }),
  /** Records a visit to the stage, unless the enquiry predates it or is back in it (after a pause). */
  enterStage: ({ context, event }: MachineArgs, params: StageParams) => {
    if (predatesStage(context.details, params)) return {};
    const visit = last(context.stageVisits);
    return {
      stage: params.stage,
      stageVisits: visit?.stage === params.stage ? context.stageVisits : [...context.stageVisits, { stage: params.stage, at: event.event.at }],
    };
  },
  chooseTheme: ({ context, event }: MachineArgs) => ({ details: { ...context.details!, themeId: payload<{ themeId: string }>(event).themeId } }),
  draftQuestion: ({ context, event }: MachineArgs) => ({ question: payload<DrivingQuestion>(event), questionRevision: context.questionRevision + 1 }),
  requestReview: ({ event }: MachineArgs) => ({ review: { status: 'pending' as const, at: event.event.at } }),
  approveQuestion: ({ event }: MachineArgs) => {
    const { comment } = payload<{ comment?: string }>(event);
    return { review: { status: 'approved' as const, byId: event.event.authorId, at: event.event.at, ...(comment ? { comment } : {}) } };
  },
  returnQuestion: ({ event }: MachineArgs) => ({
    review: { status: 'returned' as const, byId: event.event.authorId, at: event.event.at, comment: payload<{ comment: string }>(event).comment },
  }),
  /** Back to drafting: the question will need a new review. */
  reopenQuestion: () => ({ review: { status: 'none' as const } }),
  recordObservation: ({ context, event }: MachineArgs) => ({ observations: [...context.observations, recordedObservation(event)] }),
  shareObservation: ({ context, event }: MachineArgs) => {
    const share = payload<{ observationId: string; personIds: string[] }>(event);
    return {
      observations: context.observations.map((o) =>
        o.id === share.observationId ? { ...o, sharedWith: [...new Set([...o.sharedWith, ...share.personIds])] } : o,
      ),
    };
  },
  addEvidence: ({ context, event }: MachineArgs) => ({ evidence: [...context.evidence, payload<AnyEvidence>(event)] }),
  removeEvidence: ({ context, event }: MachineArgs) => ({
    evidence: context.evidence.filter((e) => e.id !== payload<{ evidenceId: string }>(event).evidenceId),
  }),
  saveReflection: ({ event }: MachineArgs) => ({ reflection: payload<Reflection>(event) }),
  saveOutcome: ({ event }: MachineArgs) => ({ outcome: payload<Outcome>(event) }),
  publishOutcome: ({ event }: MachineArgs) => ({ publishedAt: event.event.at }),
} satisfies Record<string, Update<never>>;

/** The name of a built-in update. */
export type UpdateName = keyof typeof updates;

/** Host hooks run on live steps only, never on replay. Replace them by name. */
export const builtInActions = {
  stageEntered: () => {},
  questionSubmitted: () => {},
  questionApproved: () => {},
  questionReturned: () => {},
  outcomePublished: () => {},
} satisfies Record<string, LifecycleAction>;

/** The name of a host action. */
export type HostActionName = keyof typeof builtInActions;
