/**
 * Every policy question the server asks goes through {@link authorize}: one call to the same
 * pure `decide()` the components use, so the server enforces exactly what the browser shows.
 * What a reader receives is shaped by the policy's redaction functions (src/policy/redact.ts);
 * a service token, the host's own back end, receives everything of its trust.
 * @module
 */
import type { DomainEvent } from '../lifecycle/events.js';
import { decide, type EnquiryContext, type PolicyAction, type PolicyDecision, type PolicyResources } from '../policy/policy.js';
import { eventForReader as redactEvent, FILTERED_EVENT_TYPES, recordForReader as redactRecord, type RecordContext } from '../policy/redact.js';
import type { Collection } from '../schema/directory.js';
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

/** An event as `principal` may see it, or undefined when they may not read the enquiry at all (see src/policy/redact.ts). */
export function eventForReader(principal: Principal, event: DomainEvent, context: ReaderContext): DomainEvent | undefined {
  if (principal.kind === 'service') return event;
  return redactEvent(actorOf(principal), event, context);
}

/** A directory record as `principal` may see it, or undefined when they may not read it (answered as a missing record). */
export function recordForReader<R>(principal: Principal, collection: Collection, record: R, context: RecordContext): R | undefined {
  if (principal.kind === 'service') return record;
  return redactRecord(actorOf(principal), collection, record, context);
}

export { FILTERED_EVENT_TYPES };
