/**
 * The enquiry machine's guards, by name, and why each refuses. Names read as predicates
 * (`hasStudentVoice`); a host replaces any of them through `createLifecycle({ guards })`. Each
 * step is judged by the policy and the reviewers of its own time (`policyAt`, `reviewersAt`).
 */
import type { AnyEvidence } from '../schema/evidence.js';
import type { CyclePolicy } from '../schema/directory.js';
import { canShowStudentVoice } from '../analysis/thresholds.js';
import type { DomainEvent } from './events.js';
import type { RefusalText } from './refusals.js';
import { predatesStage, type StageParams } from './stages.js';
import type { EnquiryData, LifecycleGuard, MachineArgs } from './types.js';

/**
 * The policy in force when `event` was written: the first earlier policy that lasted beyond it,
 * else the current one. A step is always judged by the rules of its time.
 */
export function policyAt(context: Pick<EnquiryData, 'policy' | 'pastPolicies'>, event: Pick<DomainEvent, 'at'>): CyclePolicy {
  for (const past of context.pastPolicies) if (event.at < past.until) return past.policy;
  return context.policy;
}

/** Who could review the question when `event` was written: today's reviewers and those whose term had not ended. */
export function reviewersAt(context: Pick<EnquiryData, 'reviewerIds' | 'pastReviewers'>, event: Pick<DomainEvent, 'at'>): string[] {
  if (context.pastReviewers.length === 0) return context.reviewerIds;
  const ids = new Set(context.reviewerIds);
  for (const past of context.pastReviewers) if (event.at < past.until) ids.add(past.personId);
  return [...ids];
}

const isStudentVoice = (evidence: AnyEvidence) => evidence.kind === 'student-voice';

/**
 * Whether a student-voice item counts towards "student voice required": for enquiries started
 * under rules version 2 or later, only when at least one of its questions can be shown (see
 * `canShowStudentVoice`); earlier enquiries keep the rule they were started under.
 */
export const countsAsStudentVoice = (context: Pick<EnquiryData, 'details'>, evidence: AnyEvidence): boolean =>
  isStudentVoice(evidence) && ((context.details?.rulesVersion ?? 1) < 2 || canShowStudentVoice(evidence));

/** The built-in guards. Names read as predicates; a host may replace any of them. */
export const builtInGuards = {
  hasTheme: ({ context }: MachineArgs) => Boolean(context.details?.themeId),
  isQuestionComplete: ({ context }: MachineArgs) =>
    context.question.text.trim().length > 0 && context.question.successCriteria.length > 0,
  isReviewRequired: ({ context, event }: MachineArgs) => policyAt(context, event.event).questionReviewRequired,
  isReviewer: ({ context, event }: MachineArgs) => reviewersAt(context, event.event).includes(event.event.authorId),
  isNotOwnQuestion: ({ context, event }: MachineArgs) =>
    reviewersAt(context, event.event).length <= 1 || !(context.details?.ownerIds ?? []).includes(event.event.authorId),
  hasMinObservations: ({ context, event }: MachineArgs) => context.observations.length >= policyAt(context, event.event).minObservations,
  hasStudentVoice: ({ context, event }: MachineArgs) =>
    !policyAt(context, event.event).studentVoiceRequired || context.evidence.some((e) => countsAsStudentVoice(context, e)),
  hasMinEvidence: ({ context, event }: MachineArgs) => context.evidence.length >= policyAt(context, event.event).minEvidence,
  hasReflection: ({ context }: MachineArgs) => {
    const r = context.reflection;
    return Boolean(r && (r.whatWorked.trim() || r.whatDidNot.trim()));
  },
  hasOutcome: ({ context }: MachineArgs) => Boolean(context.outcome?.summary.trim()),
  isNewObservation: ({ context, event }: MachineArgs) => !context.observations.some((o) => o.id === event.event.payload['id']),
  observationExists: ({ context, event }: MachineArgs) =>
    context.observations.some((o) => o.id === event.event.payload['observationId']),
  isObservedColleague: ({ context, event }: MachineArgs) =>
    context.observations.some((o) => o.id === event.event.payload['observationId'] && o.observedId === event.event.authorId),
  isNewEvidence: ({ context, event }: MachineArgs) => !context.evidence.some((e) => e.id === event.event.payload['id']),
  evidenceExists: ({ context, event }: MachineArgs) => context.evidence.some((e) => e.id === event.event.payload['evidenceId']),
} satisfies Record<string, LifecycleGuard>;

/** The name of a built-in guard. */
export type BuiltInGuard = keyof typeof builtInGuards;

/**
 * The guards that steer the machine rather than judge a step: where the enquiry stands, not
 * what it lacks. They are part of the machine, not something a host replaces.
 */
export const stageGuards = {
  /** The enquiry predates the stage and passes over it (see `predatesStage`). */
  predatesStage: ({ context }: MachineArgs, params: StageParams) => predatesStage(context.details, params),
  /** The enquiry was in this stage (when resuming). */
  isInStage: ({ context }: MachineArgs, params: { stage: string }) => context.stage === params.stage,
  /** The question is waiting for the lead's review (when resuming). */
  isReviewPending: ({ context }: MachineArgs) => context.review.status === 'pending',
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Why each built-in guard refuses, in words a teacher understands. */
export const builtInRefusals: Record<BuiltInGuard, RefusalText<EnquiryData>> = {
  hasTheme: { code: 'theme-missing', message: () => ({ message: 'Choose a theme first.' }) },
  isQuestionComplete: {
    code: 'question-incomplete',
    message: () => ({ message: 'Write the driving question and at least one success criterion ("how will we know?") before submitting it.' }),
  },
  isReviewRequired: { code: 'stage-requirement', message: () => ({ message: 'This cycle does not ask for the question to be reviewed.' }) },
  isReviewer: { code: 'not-reviewer', message: () => ({ message: 'Only the community lead can review the driving question.' }) },
  isNotOwnQuestion: { code: 'own-question', message: () => ({ message: 'Another reviewer must approve a question you wrote yourself.' }) },
  hasMinObservations: {
    code: 'too-few-observations',
    message: (c, e) => {
      const needed = policyAt(c, e.event).minObservations;
      return {
        message: `Record at least ${plural(needed, 'observation', 'observations')} before gathering evidence (${c.observations.length} so far).`,
        params: { needed, have: c.observations.length },
      };
    },
  },
  hasStudentVoice: {
    code: 'student-voice-missing',
    message: () => ({
      message: 'This cycle asks for student voice: add an anonymous student-voice survey with enough answers to show (at least 5) before sharing.',
    }),
  },
  hasMinEvidence: {
    code: 'too-few-evidence',
    message: (c, e) => {
      const needed = policyAt(c, e.event).minEvidence;
      return {
        message: `Add at least ${plural(needed, 'piece', 'pieces')} of evidence before sharing (${c.evidence.length} so far).`,
        params: { needed, have: c.evidence.length },
      };
    },
  },
  hasReflection: { code: 'reflection-missing', message: () => ({ message: 'Write your reflection (what worked, what did not) before publishing.' }) },
  hasOutcome: { code: 'outcome-missing', message: () => ({ message: 'Write the summary for colleagues before publishing.' }) },
  isNewObservation: { code: 'duplicate-id', message: () => ({ message: 'This observation is already recorded.' }) },
  observationExists: { code: 'observation-not-found', message: () => ({ message: 'That observation is not part of this enquiry.' }) },
  isObservedColleague: {
    code: 'not-observed-colleague',
    message: () => ({ message: 'Only the colleague who was observed can share the notes further.' }),
  },
  isNewEvidence: { code: 'duplicate-id', message: () => ({ message: 'This evidence is already on the board.' }) },
  evidenceExists: { code: 'evidence-not-found', message: () => ({ message: 'That evidence is not part of this enquiry.' }) },
};
