/**
 * Every policy question the server asks goes through {@link authorize}: one call to the same
 * pure `decide()` the components use, so the server enforces exactly what the browser shows.
 * The helpers below only shape what a reader receives once the policy has answered.
 * @module
 */
import type { DomainEvent } from '../lifecycle/events.js';
import {
  decide,
  visibleObservation,
  type EnquiryContext,
  type PolicyAction,
  type PolicyDecision,
  type PolicyObservation,
  type PolicyResources,
} from '../policy/policy.js';
import type { Observation } from '../schema/enquiry.js';
import { actorOf, type Principal } from './auth.js';

const ALLOWED: PolicyDecision = Object.freeze({ allowed: true });

/** Who is asking: a signed-in principal, or an anonymous student with a survey link. */
export type Caller = Principal | { kind: 'student' };

/**
 * Whether `caller` may perform `action` on `resource`: the policy's answer for a person or a
 * student; a service token acts for its whole trust.
 */
export function authorize<A extends PolicyAction>(caller: Caller, action: A, resource: PolicyResources[A]): PolicyDecision {
  if (caller.kind === 'service') return ALLOWED;
  return decide(caller.kind === 'student' ? caller : actorOf(caller), action, resource);
}

/** What a reader needs to know about an enquiry to filter its events. */
export type ReaderContext = EnquiryContext;

/** The note fields, blanked (not removed) so a filtered event still replays to the same stage. */
const BLANK_NOTES = { strengths: '', wonderings: '', nextSteps: '' } as const;

/**
 * An event as `principal` may see it, or undefined when they may not read the enquiry at all.
 * Observation notes a reader may not see are blanked and the payload is marked
 * `notesHidden: true`; an unpublished reflection or outcome is blanked for non-members and
 * marked `hidden: true`. Blanked payloads still pass the schemas, so the reader's replay reaches
 * the same stage as everyone else's.
 */
export function eventForReader(principal: Principal, event: DomainEvent, context: ReaderContext): DomainEvent | undefined {
  if (principal.kind === 'service') return event;
  if (!authorize(principal, 'enquiry.read', context).allowed) return undefined;
  switch (event.type) {
    case 'observation.record': {
      const payload = event.payload as unknown as Observation;
      // The current observation (with every later share applied) decides; the event is what is sent.
      const current: PolicyObservation = context.enquiry.observations.find((o) => o.id === payload.id) ?? payload;
      const visible = visibleObservation(actorOf(principal), current, context.enquiry, { community: context.community });
      if (visible === current) return event;
      return { ...event, payload: { ...event.payload, ...BLANK_NOTES, notesHidden: true } };
    }
    case 'reflection.save':
      if (authorize(principal, 'outcome.read', context).allowed) return event;
      return { ...event, payload: { whatWorked: '', whatDidNot: '', nextSteps: '', hidden: true } };
    case 'outcome.save':
      if (authorize(principal, 'outcome.read', context).allowed) return event;
      return { ...event, payload: { summary: '', findings: [], recommendations: [], audiences: event.payload['audiences'] ?? [], hidden: true } };
    default:
      return event;
  }
}

/**
 * The event types whose payload a reader may see only in part. When who may see them changes
 * (an observation shared, an outcome published, a community's members changed) the server sends
 * them again in the change feed.
 */
export const FILTERED_EVENT_TYPES = ['observation.record', 'reflection.save', 'outcome.save'] as const;
