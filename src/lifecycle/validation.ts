/**
 * Validation of events at the lifecycle's boundary: the migrated envelope, then the payload by
 * its type's schema, then an evidence item by its kind's schema. Errors name each field.
 */
import * as z from 'zod/mini';
import { describeIssues, ValidationError } from '../schema/errors.js';
import type { EvidenceKinds } from '../schema/evidence.js';
import { migrateEvent } from '../schema/migrate.js';
import { parseSafely } from '../schema/zod.js';
import { EventEnvelope, type DomainEvent } from './events.js';

/**
 * The envelope's fields, its payload taken as it is: for a payload that is a plain object, which
 * the envelope's record schema always accepts, and which the type's own schema parses next.
 * Copying it key by key first took about a seventh of replay's time.
 */
const EnvelopeFields = z.object({ ...EventEnvelope.shape, payload: z.unknown() });
const isPlainRecord = (value: unknown): boolean => {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && Object.getOwnPropertySymbols(value).length === 0;
};

/** A validator for the event types in `payloads` and the evidence kinds in `evidenceKinds`. */
export function createEventValidator(payloads: Record<string, z.ZodMiniType>, evidenceKinds: EvidenceKinds): (raw: unknown) => DomainEvent {
  return function validate(raw: unknown): DomainEvent {
    const migrated = migrateEvent(raw);
    const envelope = parseSafely(isPlainRecord((migrated as { payload?: unknown } | null)?.payload) ? EnvelopeFields : EventEnvelope, migrated);
    if (!envelope.success) throw new ValidationError('event', describeIssues(envelope.error.issues));
    const event = envelope.data as DomainEvent;
    const schema = payloads[event.type];
    if (!schema) throw new ValidationError('event', [{ path: 'type', message: `"${event.type}" is not an event this lifecycle knows` }]);
    const parsed = parseSafely(schema, event.payload);
    if (!parsed.success) throw new ValidationError(`${event.type} event`, describeIssues(parsed.error.issues, 'payload'));
    let payload = parsed.data as Record<string, unknown>;
    if (event.type === 'evidence.add') {
      const kindSchema = evidenceKinds[String(payload['kind'])];
      if (!kindSchema) {
        throw new ValidationError('evidence.add event', [
          { path: 'payload.kind', message: `must be one of: ${Object.keys(evidenceKinds).join(', ')}` },
        ]);
      }
      const item = parseSafely(kindSchema, payload);
      if (!item.success) throw new ValidationError(`${String(payload['kind'])} evidence`, describeIssues(item.error.issues, 'payload'));
      payload = item.data as Record<string, unknown>;
    }
    return { ...event, payload };
  }
}
