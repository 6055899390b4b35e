/**
 * The types the enquiry machine is written in: its context (everything the log says about an
 * enquiry), its events, its input, and the shapes of the guards, actions and stages that
 * integrators add. Kept apart from the machine so guards, actions and stages can share them.
 */
import type { CyclePolicy } from '../schema/directory.js';
import type { AnyEvidence } from '../schema/evidence.js';
import type { DrivingQuestion, EnquiryDetails, Observation, Outcome, Reflection } from '../schema/enquiry.js';
import type { DomainEvent } from './events.js';

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

/** What guards and actions receive: the enquiry's data and the incoming event. */
export type MachineArgs = { context: EnquiryData; event: MachineEvent };
/** A guard: a predicate over the enquiry's data and the incoming event. */
export type LifecycleGuard = (args: MachineArgs, params?: unknown) => boolean;
/** A host action run on live steps only (notifications, xAPI, analytics). */
export type LifecycleAction = (args: MachineArgs, params?: unknown) => void;

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
  /**
   * The rules version (`EnquiryDetails.rulesVersion`) from which enquiries go through the stage.
   * Without it, only enquiries whose `enquiry.create` lists the stage in `stages` go through it:
   * every other one predates it and passes it over (see `predatesStage`).
   */
  since?: number;
  /** Events the stage accepts, by type (register their payload schemas in `events`). */
  on: Record<string, StageEventSpec>;
}
