/**
 * Who may do what, with reasons: the pure policy the components use to hide actions and a server
 * uses to enforce them.
 * @example
 * ```ts
 * import { decide } from 'plc-kit';
 * const decision = decide(actor, 'observation.read-notes', { enquiry, community, observation });
 * ```
 * @module
 */
export {
  POLICY_ACTIONS,
  POLICY_REASONS,
  allowedEventTypes,
  enquiryMemberIds,
  decide,
  verdict,
  rolesFor,
  type Actor,
  type AggregateKind,
  type AllowedEventTypesOptions,
  type EnquiryContext,
  type PolicyAction,
  type PolicyCode,
  type PolicyCommunity,
  type PolicyDecision,
  type PolicyVerdict,
  type PolicyEnquiry,
  type PolicyObservation,
  type PolicyPerson,
  type PolicyResources,
  type PolicyRole,
  type RoleContext,
} from './policy.js';
export {
  FILTERED_EVENT_TYPES,
  HIDDEN,
  OBSERVATION_FACT_FIELDS,
  OBSERVATION_NOTE_FIELDS,
  PERSON_PRIVATE_FIELDS,
  eventForReader,
  recordForReader,
  visibleObservation,
  wholeEvents,
  type ObservationFactField,
  type ObservationNoteField,
  type RecordContext,
  type VisibleObservation,
  type VisibleObservationOptions,
  type WholeEvents,
} from './redact.js';
export { figuresReach, reachCovers, type ReachPerson } from './reach.js';
export { waitingForReview, REVIEW_STEP, type QueueSummary } from './reviewQueue.js';
