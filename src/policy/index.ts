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
  OBSERVATION_NOTE_FIELDS,
  POLICY_ACTIONS,
  POLICY_REASONS,
  allowedEventTypes,
  decide,
  rolesFor,
  visibleObservation,
  type Actor,
  type AggregateKind,
  type AllowedEventTypesOptions,
  type EnquiryContext,
  type ObservationNoteField,
  type PolicyAction,
  type PolicyCode,
  type PolicyCommunity,
  type PolicyDecision,
  type PolicyEnquiry,
  type PolicyObservation,
  type PolicyPerson,
  type PolicyResources,
  type PolicyRole,
  type RoleContext,
  type VisibleObservation,
  type VisibleObservationOptions,
} from './policy.js';
