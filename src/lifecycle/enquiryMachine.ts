/**
 * The enquiry lifecycle as an XState v5 machine: theme -> question -> observation -> evidence ->
 * sharing -> shared, with review of the question by the lead, loops back to refine the question
 * or gather more evidence, pause/resume, withdraw and archive.
 *
 * The machine is the reducer of an enquiry's event log (see `replay.ts`): it is only ever driven
 * through XState's pure `transition()`, so replaying never runs side effects. Side effects live
 * in named no-op actions (`stageEntered`, `questionApproved`, ...) that a host replaces with
 * `.provide()`; the live `step()` runs them, `replay()` never does.
 *
 * The machine is built from a list of stages so integrators can insert their own (a coaching
 * stage between question and observation, say) with entry and exit requirements.
 */
import { and, assign, enqueueActions, setup, type AnyMachineSnapshot } from 'xstate';
import type { CyclePolicy } from '../schema/directory.js';
import { DEFAULT_POLICY } from '../schema/directory.js';
import type { AnyEvidence } from '../schema/evidence.js';
import type { DrivingQuestion, EnquiryDetails, Observation, Outcome, Reflection } from '../schema/enquiry.js';
import { EMPTY_QUESTION } from '../schema/enquiry.js';
import { canShowStudentVoice } from '../analysis/thresholds.js';
import type { DomainEvent } from './events.js';
import type { RefusalText } from './refusals.js';

/**
 * The version of the lifecycle's rules new enquiries are started under (`EnquiryDetails.rulesVersion`).
 * A rule made stricter applies from the version that introduced it, so logs written before it
 * replay to the same state. 2: student voice counts only when one of its questions can be shown.
 */
export const RULES_VERSION = 2;

/** The built-in stages, in order. */
export const DEFAULT_STAGES = ['theme', 'question', 'observation', 'evidence', 'sharing', 'shared'] as const;

/** A built-in stage id. */
export type BuiltInStage = (typeof DEFAULT_STAGES)[number];

/** Where the enquiry stands overall, whatever its stage. */
export type EnquiryStatus = 'new' | 'active' | 'paused' | 'withdrawn' | 'archived';

/** The state of the lead's review of the driving question. */
export interface QuestionReview {
  status: 'none' | 'pending' | 'approved' | 'returned';
  byId?: string;
  at?: string;
  comment?: string;
}

/** When the enquiry entered a stage (for "time spent in each stage"). */
export interface StageVisit {
  stage: string;
  at: string;
}

/** Everything the log says about an enquiry: the machine's context. */
export interface EnquiryData {
  enquiryId: string | undefined;
  details: EnquiryDetails | undefined;
  stage: string;
  status: EnquiryStatus;
  question: DrivingQuestion;
  /** How many times the question was drafted; a changed question needs a new review. */
  questionRevision: number;
  review: QuestionReview;
  observations: Observation[];
  evidence: AnyEvidence[];
  reflection: Reflection | undefined;
  outcome: Outcome | undefined;
  publishedAt: string | undefined;
  stageVisits: StageVisit[];
  /** People who wrote accepted events, in first-contribution order. */
  contributorIds: string[];
  createdAt: string | undefined;
  updatedAt: string | undefined;
  /** Data kept by integrator stages, by stage id. */
  extra: Record<string, unknown>;
  /** The cycle's policy the guards apply. Not from the log: supplied when replaying. */
  policy: CyclePolicy;
  /** Who may review the question (the community lead, or a CPD leader for individual projects). */
  reviewerIds: string[];
  /** The cycle's earlier policies, each until an instant: a step is judged by the one then in force. */
  pastPolicies: PastPolicy[];
  /** Earlier reviewers, each until an instant: a review they made then stays valid. */
  pastReviewers: PastReviewer[];
}

/** A policy the cycle had until an instant (see `Cycle.pastPolicies`). */
export interface PastPolicy {
  policy: CyclePolicy;
  until: string;
}

/** Someone who could review the question until an instant (a former lead, a former CPD leader). */
export interface PastReviewer {
  personId: string;
  until: string;
}

/** What the machine receives as an event: the domain event, wrapped. */
export interface MachineEvent {
  type: string;
  event: DomainEvent;
}

/**
 * What replay needs besides the log: the cycle's policy and the reviewers, as they are now and
 * as they were before (so no directory change alters a decision already in the history).
 */
export interface LifecycleInput {
  policy?: CyclePolicy;
  reviewerIds?: string[];
  /** Earlier policies of the cycle, each until an instant. */
  pastPolicies?: PastPolicy[];
  /** Earlier reviewers, each until an instant. */
  pastReviewers?: PastReviewer[];
}

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

type GuardArgs = { context: EnquiryData; event: MachineEvent };
/** A guard: a predicate over the enquiry's data and the incoming event. */
export type LifecycleGuard = (args: GuardArgs, params?: unknown) => boolean;
/** A host action run on live steps only (notifications, xAPI, analytics). */
export type LifecycleAction = (args: GuardArgs, params?: unknown) => void;

/** One event an integrator stage accepts. */
export interface StageEventSpec {
  /** Guards (by name) that must all pass. */
  requires?: string[];
  /** Whether the event moves the enquiry on to the next stage. */
  advances?: boolean;
  /** Updates the stage's own data in `extra[stageId]`. */
  apply?: (stageData: unknown, event: DomainEvent) => unknown;
}

/** A stage an integrator inserts into the lifecycle. */
export interface StageExtension {
  /** Stage id, e.g. `coaching`. */
  id: string;
  /** The existing stage it follows. */
  after: string;
  /** Guards that must pass for the enquiry to enter the stage. */
  entryRequires?: string[];
  /** Events the stage accepts, by type (register their payload schemas in `events`). */
  on: Record<string, StageEventSpec>;
}

/** The requirements (guard names) behind each transition, for explaining refusals. */
export type RequirementTable = Map<string, Map<string, string[][]>>;

const last = <T>(items: readonly T[]): T | undefined => items[items.length - 1];

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
  hasTheme: ({ context }: GuardArgs) => Boolean(context.details?.themeId),
  isQuestionComplete: ({ context }: GuardArgs) =>
    context.question.text.trim().length > 0 && context.question.successCriteria.length > 0,
  isReviewRequired: ({ context, event }: GuardArgs) => policyAt(context, event.event).questionReviewRequired,
  isReviewer: ({ context, event }: GuardArgs) => reviewersAt(context, event.event).includes(event.event.authorId),
  isNotOwnQuestion: ({ context, event }: GuardArgs) =>
    reviewersAt(context, event.event).length <= 1 || !(context.details?.ownerIds ?? []).includes(event.event.authorId),
  hasMinObservations: ({ context, event }: GuardArgs) => context.observations.length >= policyAt(context, event.event).minObservations,
  hasStudentVoice: ({ context, event }: GuardArgs) =>
    !policyAt(context, event.event).studentVoiceRequired || context.evidence.some((e) => countsAsStudentVoice(context, e)),
  hasMinEvidence: ({ context, event }: GuardArgs) => context.evidence.length >= policyAt(context, event.event).minEvidence,
  hasReflection: ({ context }: GuardArgs) => {
    const r = context.reflection;
    return Boolean(r && (r.whatWorked.trim() || r.whatDidNot.trim()));
  },
  hasOutcome: ({ context }: GuardArgs) => Boolean(context.outcome?.summary.trim()),
  isNewObservation: ({ context, event }: GuardArgs) => !context.observations.some((o) => o.id === event.event.payload['id']),
  observationExists: ({ context, event }: GuardArgs) =>
    context.observations.some((o) => o.id === event.event.payload['observationId']),
  isObservedColleague: ({ context, event }: GuardArgs) =>
    context.observations.some((o) => o.id === event.event.payload['observationId'] && o.observedId === event.event.authorId),
  isNewEvidence: ({ context, event }: GuardArgs) => !context.evidence.some((e) => e.id === event.event.payload['id']),
  evidenceExists: ({ context, event }: GuardArgs) => context.evidence.some((e) => e.id === event.event.payload['evidenceId']),
} satisfies Record<string, LifecycleGuard>;

/** The name of a built-in guard. */
export type BuiltInGuard = keyof typeof builtInGuards;

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

/** Host hooks run on live steps only, never on replay. Replace them with `.provide()`. */
const builtInActions = {
  stageEntered: () => {},
  questionSubmitted: () => {},
  questionApproved: () => {},
  questionReturned: () => {},
  outcomePublished: () => {},
} satisfies Record<string, LifecycleAction>;

const payload = <T>(event: MachineEvent) => event.event.payload as T;

type Assigner = (args: { context: EnquiryData; event: MachineEvent }) => Partial<EnquiryData>;
/** `assign` for configs built in loops, where XState cannot infer the machine's types. */
const update = (assigner: Assigner) => assign(assigner as never) as never;

/**
 * Events that say nothing of the enquiry's work: sharing one's own observation notes is the
 * observed colleague's right, not a contribution, and listing her would tell every reader whose
 * lesson was observed (docs/privacy.md).
 */
const NOT_CONTRIBUTIONS: ReadonlySet<string> = new Set(['observation.share']);

/** The author of an event a reader may not attribute (see `HIDDEN` in src/policy/redact.ts). */
const HIDDEN_AUTHOR = 'hidden';

const touch = (context: EnquiryData, event: MachineEvent): Partial<EnquiryData> => ({
  updatedAt: event.event.at,
  contributorIds:
    NOT_CONTRIBUTIONS.has(event.type) || event.event.authorId === HIDDEN_AUTHOR || context.contributorIds.includes(event.event.authorId)
      ? context.contributorIds
      : [...context.contributorIds, event.event.authorId],
});

/**
 * An observation as the log records it: shared further only when its author is the observed
 * colleague. Anyone else's `sharedWith` is dropped, so no one widens who reads notes about
 * someone else's lesson (docs/privacy.md); the observation itself is kept.
 */
const recordedObservation = (event: MachineEvent): Observation => {
  const observation = payload<Observation>(event);
  return observation.sharedWith.length === 0 || observation.observedId === event.event.authorId ? observation : { ...observation, sharedWith: [] };
};

function initialData(input: LifecycleInput): EnquiryData {
  return {
    enquiryId: undefined,
    details: undefined,
    stage: 'theme',
    status: 'new',
    question: EMPTY_QUESTION,
    questionRevision: 0,
    review: { status: 'none' },
    observations: [],
    evidence: [],
    reflection: undefined,
    outcome: undefined,
    publishedAt: undefined,
    stageVisits: [],
    contributorIds: [],
    createdAt: undefined,
    updatedAt: undefined,
    extra: {},
    policy: input.policy ?? DEFAULT_POLICY,
    reviewerIds: input.reviewerIds ?? [],
    pastPolicies: sortedByUntil(input.pastPolicies),
    pastReviewers: input.pastReviewers ?? [],
  };
}

/** Past terms oldest first, so the first one that lasted beyond an event is the one in force. */
export function sortedByUntil<T extends { until: string }>(terms: readonly T[] | undefined): T[] {
  return terms?.length ? [...terms].sort((a, b) => (a.until < b.until ? -1 : a.until > b.until ? 1 : 0)) : [];
}

/** Options for {@link createEnquiryMachine}. */
export interface EnquiryMachineOptions {
  /** Stages to insert, in order. */
  stages?: readonly StageExtension[];
  /** Extra guards, or replacements for built-in ones, by name. */
  guards?: Record<string, LifecycleGuard>;
  /** Host actions (side effects) by name, replacing the built-in no-ops. */
  actions?: Partial<Record<keyof typeof builtInActions, LifecycleAction>>;
}

/**
 * Builds the enquiry machine. `createEnquiryMachine()` is the default lifecycle; pass `stages`
 * to insert stages and `guards` to add or replace guards.
 * @returns the machine and the requirement table used to explain refusals.
 */
export function createEnquiryMachine(options: EnquiryMachineOptions = {}) {
  const stageIds: string[] = [...DEFAULT_STAGES];
  const extensions = new Map<string, StageExtension>();
  for (const extension of options.stages ?? []) {
    if (stageIds.includes(extension.id)) throw new Error(`Stage "${extension.id}" already exists.`);
    const at = stageIds.indexOf(extension.after);
    if (at < 0) throw new Error(`Stage "${extension.id}" follows "${extension.after}", which does not exist.`);
    if (extension.after === 'shared') throw new Error('No stage can follow "shared": it is the end of the lifecycle.');
    stageIds.splice(at + 1, 0, extension.id);
    extensions.set(extension.id, extension);
  }
  const guards: Record<string, LifecycleGuard> = { ...builtInGuards, ...options.guards };
  for (const extension of extensions.values()) {
    const names = [...(extension.entryRequires ?? []), ...Object.values(extension.on).flatMap((spec) => spec.requires ?? [])];
    for (const name of names) if (!guards[name]) throw new Error(`Stage "${extension.id}" requires guard "${name}", which is not defined.`);
  }

  const requirements: RequirementTable = new Map();
  const next = (stage: string) => stageIds[stageIds.indexOf(stage) + 1]!;
  const indexOf = (stage: string) => stageIds.indexOf(stage);

  /** The stage an enquiry enters after `stage`: skips stages its log predates. */
  const target = (stage: string) => `#enquiry.active.${next(stage)}`;

  /** Records the requirements of a transition and returns its guard. */
  const guarded = (node: string, type: string, requires: string[]) => {
    const table = requirements.get(node) ?? new Map<string, string[][]>();
    table.set(type, [...(table.get(type) ?? []), requires]);
    requirements.set(node, table);
    if (requires.length === 0) return undefined;
    return requires.length === 1 ? requires[0] : and(requires);
  };

  /** The entry requirements of the stage after `stage`, checked on the way in. */
  const entryOf = (stage: string): string[] => {
    const following = extensions.get(next(stage));
    return following?.entryRequires?.length ? [`enter:${following.id}`] : [];
  };

  for (const extension of extensions.values()) {
    const entryGuards = extension.entryRequires ?? [];
    guards[`enter:${extension.id}`] = (args) =>
      isSkipped(args.context, extension.id) || entryGuards.every((name) => guards[name]!(args));
  }

  const isSkipped = (context: EnquiryData, stage: string) => {
    const known = context.details?.stages;
    return known !== undefined ? !known.includes(stage) : !(DEFAULT_STAGES as readonly string[]).includes(stage);
  };
  guards['isStageSkipped'] = ({ context }, params) => isSkipped(context, (params as { stage: string }).stage);

  const enterStage = (stage: string) =>
    update(({ context, event }) => {
      const visit = last(context.stageVisits);
      return {
        stage,
        stageVisits: visit?.stage === stage ? context.stageVisits : [...context.stageVisits, { stage, at: event.event.at }],
      };
    });

  const record = update(({ context, event }) => touch(context, event));

  const refine = (node: string) => ({
    target: '#enquiry.active.question.drafting',
    guard: guarded(node, 'question.refine', []),
    actions: [record, update(() => ({ review: { status: 'none' } }))],
  });

  const canRefine = (stage: string) => indexOf(stage) > indexOf('question') && indexOf(stage) < indexOf('sharing');

  const observationEvents = (node: string) => ({
    'observation.record': {
      guard: guarded(node, 'observation.record', ['isNewObservation']),
      actions: [record, update(({ context, event }) => ({ observations: [...context.observations, recordedObservation(event)] }))],
    },
  });

  const stageStates: Record<string, object> = {};
  for (const stage of stageIds) {
    const node = `active.${stage}`;
    const extension = extensions.get(stage);
    const on: Record<string, unknown> = {};
    const base = {
      // A stage the enquiry's log predates is passed over: no visit recorded, no host action.
      entry: extension
        ? enqueueActions(({ context, enqueue }) => {
            if (isSkipped(context as EnquiryData, stage)) return;
            enqueue(enterStage(stage));
            enqueue('stageEntered' as never);
          })
        : [enterStage(stage), 'stageEntered'],
      always: extension ? { target: target(stage), guard: { type: 'isStageSkipped', params: { stage } } } : undefined,
    };
    if (canRefine(stage)) on['question.refine'] = refine(node);
    if (extension) {
      for (const [type, spec] of Object.entries(extension.on)) {
        const requires = [...(spec.requires ?? []), ...(spec.advances ? entryOf(stage) : [])];
        on[type] = {
          target: spec.advances ? target(stage) : undefined,
          guard: guarded(node, type, requires),
          actions: [
            record,
            update(({ context, event }) => ({
              extra: spec.apply ? { ...context.extra, [stage]: spec.apply(context.extra[stage], event.event) } : context.extra,
            })),
          ],
        };
      }
      stageStates[stage] = { ...base, on };
      continue;
    }
    switch (stage as BuiltInStage) {
      case 'theme':
        stageStates[stage] = {
          entry: base.entry,
          always: { target: target('theme'), guard: and(['hasTheme', ...entryOf('theme')]) },
          on: {
            'theme.choose': {
              target: target('theme'),
              guard: guarded(node, 'theme.choose', entryOf('theme')),
              actions: [
                record,
                update(({ context, event }) => ({ details: { ...context.details!, themeId: payload<{ themeId: string }>(event).themeId } })),
              ],
            },
          },
        };
        break;
      case 'question': {
        const approveRequires = ['isReviewer', 'isNotOwnQuestion', ...entryOf('question')];
        stageStates[stage] = {
          entry: base.entry,
          initial: 'drafting',
          on,
          states: {
            drafting: {
              on: {
                'question.draft': {
                  guard: guarded(`${node}.drafting`, 'question.draft', []),
                  actions: [
                    record,
                    update(({ context, event }) => ({
                      question: payload<DrivingQuestion>(event),
                      questionRevision: context.questionRevision + 1,
                    })),
                  ],
                },
                'question.submit': [
                  {
                    target: 'review',
                    guard: guarded(`${node}.drafting`, 'question.submit', ['isQuestionComplete', 'isReviewRequired']),
                    actions: [record, update(({ event }) => ({ review: { status: 'pending', at: event.event.at } })), 'questionSubmitted'],
                  },
                  {
                    target: target('question'),
                    guard: guarded(`${node}.drafting`, 'question.submit', ['isQuestionComplete', ...entryOf('question')]),
                    actions: [record, 'questionSubmitted'],
                  },
                ],
              },
            },
            review: {
              on: {
                'question.approve': {
                  target: target('question'),
                  guard: guarded(`${node}.review`, 'question.approve', approveRequires),
                  actions: [
                    record,
                    update(({ event }) => {
                      const { comment } = payload<{ comment?: string }>(event);
                      return { review: { status: 'approved', byId: event.event.authorId, at: event.event.at, ...(comment ? { comment } : {}) } };
                    }),
                    'questionApproved',
                  ],
                },
                'question.return': {
                  target: 'drafting',
                  guard: guarded(`${node}.review`, 'question.return', ['isReviewer']),
                  actions: [
                    record,
                    update(({ event }) => ({
                      review: { status: 'returned', byId: event.event.authorId, at: event.event.at, comment: payload<{ comment: string }>(event).comment },
                    })),
                    'questionReturned',
                  ],
                },
              },
            },
          },
        };
        break;
      }
      case 'observation':
        stageStates[stage] = {
          ...base,
          on: {
            ...on,
            ...observationEvents(node),
            'evidence.start': {
              target: target('observation'),
              guard: guarded(node, 'evidence.start', ['hasMinObservations', ...entryOf('observation')]),
              actions: record,
            },
          },
        };
        break;
      case 'evidence':
        stageStates[stage] = {
          ...base,
          on: {
            ...on,
            ...observationEvents(node),
            'evidence.add': {
              guard: guarded(node, 'evidence.add', ['isNewEvidence']),
              actions: [record, update(({ context, event }) => ({ evidence: [...context.evidence, payload<AnyEvidence>(event)] }))],
            },
            'evidence.remove': {
              guard: guarded(node, 'evidence.remove', ['evidenceExists']),
              actions: [
                record,
                update(({ context, event }) => ({
                  evidence: context.evidence.filter((e) => e.id !== payload<{ evidenceId: string }>(event).evidenceId),
                })),
              ],
            },
            'reflection.save': reflectionSave(node),
            'sharing.start': {
              target: target('evidence'),
              guard: guarded(node, 'sharing.start', ['hasMinEvidence', 'hasStudentVoice', ...entryOf('evidence')]),
              actions: record,
            },
          },
        };
        break;
      case 'sharing':
        stageStates[stage] = {
          ...base,
          on: {
            ...on,
            'reflection.save': reflectionSave(node),
            'outcome.save': outcomeSave(node),
            'evidence.reopen': { target: '#enquiry.active.evidence', guard: guarded(node, 'evidence.reopen', []), actions: record },
            'outcome.publish': {
              target: target('sharing'),
              guard: guarded(node, 'outcome.publish', ['hasReflection', 'hasOutcome', ...entryOf('sharing')]),
              actions: [record, update(({ event }) => ({ publishedAt: event.event.at })), 'outcomePublished'],
            },
          },
        };
        break;
      case 'shared':
        stageStates[stage] = {
          ...base,
          on: { ...on, 'outcome.save': outcomeSave(node), 'enquiry.archive': { target: '#enquiry.archived', guard: guarded(node, 'enquiry.archive', []) } },
        };
        break;
    }
  }

  function reflectionSave(node: string) {
    return {
      guard: guarded(node, 'reflection.save', []),
      actions: [record, update(({ event }) => ({ reflection: payload<Reflection>(event) }))],
    };
  }
  function outcomeSave(node: string) {
    return {
      guard: guarded(node, 'outcome.save', []),
      actions: [record, update(({ event }) => ({ outcome: payload<Outcome>(event) }))],
    };
  }

  // Resume returns to the stage the enquiry was paused in (and to review, if it was pending).
  const resumeTargets = stageIds.map((stage) => ({
    target: stage === 'question' ? '#enquiry.active.question' : `#enquiry.active.${stage}`,
    guard: { type: 'isInStage', params: { stage } },
  }));
  guards['isInStage'] = ({ context }, params) => context.stage === (params as { stage: string }).stage;
  guards['isReviewPending'] = ({ context }) => context.review.status === 'pending';
  resumeTargets.splice(
    stageIds.indexOf('question'),
    0,
    { target: '#enquiry.active.question.review', guard: and([{ type: 'isInStage', params: { stage: 'question' } }, 'isReviewPending']) as never },
  );

  guarded('active', 'observation.share', ['observationExists', 'isObservedColleague']);
  guarded('active', 'enquiry.rename', []);
  guarded('active', 'enquiry.pause', []);
  guarded('active', 'enquiry.withdraw', []);
  guarded('paused', 'enquiry.resume', []);
  guarded('paused', 'enquiry.withdraw', []);
  guarded('withdrawn', 'enquiry.archive', []);
  guarded('new', 'enquiry.create', []);

  const machine = setup({
    types: {
      context: {} as EnquiryData,
      events: {} as MachineEvent,
      input: {} as LifecycleInput,
    },
    guards: guards as Record<string, LifecycleGuard>,
    actions: { ...builtInActions, ...options.actions } as Record<string, LifecycleAction>,
  }).createMachine({
    id: 'enquiry',
    context: ({ input }) => initialData(input ?? {}),
    initial: 'new',
    states: {
      new: {
        on: {
          'enquiry.create': {
            target: 'active',
            actions: [
              record,
              update(({ event }) => ({
                enquiryId: event.event.enquiryId,
                details: payload<EnquiryDetails>(event),
                status: 'active',
                createdAt: event.event.at,
              })),
            ],
          },
        },
      },
      active: {
        initial: stageIds[0]!,
        on: {
          'observation.share': {
            guard: and(['observationExists', 'isObservedColleague']),
            actions: [
              record,
              update(({ context, event }) => {
                const share = payload<{ observationId: string; personIds: string[] }>(event);
                return {
                  observations: context.observations.map((o) =>
                    o.id === share.observationId ? { ...o, sharedWith: [...new Set([...o.sharedWith, ...share.personIds])] } : o,
                  ),
                };
              }),
            ],
          },
          'enquiry.rename': {
            actions: [record, update(({ context, event }) => ({ details: { ...context.details!, title: payload<{ title: string }>(event).title } }))],
          },
          'enquiry.pause': { target: 'paused', actions: [record, update(() => ({ status: 'paused' }))] },
          'enquiry.withdraw': { target: 'withdrawn', actions: [record, update(() => ({ status: 'withdrawn' }))] },
        },
        states: stageStates as never,
      },
      paused: {
        on: {
          'enquiry.resume': resumeTargets.map((t) => ({ ...t, actions: [record, update(() => ({ status: 'active' }))] })) as never,
          'enquiry.withdraw': { target: 'withdrawn', actions: [record, update(() => ({ status: 'withdrawn' }))] },
        },
      },
      withdrawn: {
        on: { 'enquiry.archive': { target: 'archived', actions: record } },
      },
      archived: { type: 'final', entry: [record, update(() => ({ status: 'archived' }))] },
    },
  });

  return { machine, requirements, stageIds, extensions };
}

/** The default lifecycle's machine. */
export const enquiryMachine = /* @__PURE__ */ createEnquiryMachine().machine;

/** A snapshot of the enquiry machine. */
export type EnquirySnapshot = AnyMachineSnapshot & { context: EnquiryData };
