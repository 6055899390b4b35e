/**
 * Domain events: what people did to an enquiry. An enquiry is an append-only log of these; the
 * lifecycle machine replays the log to get the stage and the data. Each event is an envelope
 * (who, when, which enquiry, which type) around a payload validated by zod for its type.
 */
import * as z from 'zod/mini';
import { Id, Instant, LongText, SchemaVersion } from '../schema/common.js';
import {
  DrivingQuestion,
  EnquiryDetails,
  Observation,
  Outcome,
  Reflection,
} from '../schema/enquiry.js';
import { HLC_REGEX } from './hlc.js';

/** The envelope's current schema version. Version 1 had no `hlc` and was ordered by `at`. */
export const EVENT_SCHEMA_VERSION = 2;

/** Event types are lowercase dot namespaces: `question.submit`, `observation.record`. */
export const EventType = z.string().check(z.maxLength(64), z.regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/));

/** A domain event as stored, synced and replayed. */
export const EventEnvelope = z.object({
  schemaVersion: SchemaVersion,
  id: Id,
  enquiryId: Id,
  type: EventType,
  /** Wall-clock time on the author's device, for people to read. */
  at: Instant,
  /** Hybrid logical clock stamp: the merge order. */
  hlc: z.string().check(z.regex(HLC_REGEX)),
  authorId: Id,
  payload: z.record(z.string(), z.unknown()),
});

/** A domain event; `payload` is checked against its type's schema by the lifecycle. */
export type DomainEvent<P = Record<string, unknown>> = Omit<z.infer<typeof EventEnvelope>, 'payload'> & { payload: P };

const Empty = z.object({});
const Reason = z.object({ reason: z.optional(LongText) });

/** The payload schema of every built-in event type. */
export const EVENT_PAYLOADS = {
  'enquiry.create': EnquiryDetails,
  'enquiry.rename': z.object({ title: EnquiryDetails.shape.title }),
  'theme.choose': z.object({ themeId: Id }),
  'question.draft': DrivingQuestion,
  'question.submit': Empty,
  'question.approve': z.object({ comment: z.optional(LongText) }),
  'question.return': z.object({ comment: LongText.check(z.minLength(1)) }),
  'question.refine': Reason,
  'observation.record': Observation,
  'observation.share': z.object({ observationId: Id, personIds: z.array(Id).check(z.minLength(1), z.maxLength(200)) }),
  'evidence.start': Empty,
  'evidence.add': z.looseObject({ id: Id, kind: Id }),
  'evidence.remove': z.object({ evidenceId: Id, reason: z.optional(LongText) }),
  'evidence.reopen': Reason,
  'reflection.save': Reflection,
  'sharing.start': Empty,
  'outcome.save': Outcome,
  'outcome.publish': Empty,
  'enquiry.pause': Reason,
  'enquiry.resume': Empty,
  'enquiry.withdraw': Reason,
  'enquiry.archive': Empty,
} as const;

/** A built-in event type. */
export type BuiltInEventType = keyof typeof EVENT_PAYLOADS;

/** The payload type of a built-in event type. */
export type PayloadOf<T extends BuiltInEventType> = z.infer<(typeof EVENT_PAYLOADS)[T]>;

/** The input to {@link createEvent}: everything but what the factory injects. */
export interface NewEvent<T extends string = string> {
  enquiryId: string;
  type: T;
  authorId: string;
  payload: T extends BuiltInEventType ? PayloadOf<T> : Record<string, unknown>;
}

/** What an event factory needs injected: a clock, an id source and wall time. */
export interface EventFactoryOptions {
  clock: { now(): string };
  newId: () => string;
  now?: () => Date;
}

/**
 * Creates events stamped by an injected clock and id source, so tests and replays are
 * deterministic. Validation happens when the event is appended, not here.
 * @example
 * ```ts
 * const makeEvent = createEventFactory({ clock: createHybridClock('tablet-1'), newId: () => crypto.randomUUID() });
 * const event = makeEvent({ enquiryId, type: 'question.submit', authorId: 'p-ana', payload: {} });
 * ```
 */
export function createEventFactory(options: EventFactoryOptions) {
  const now = options.now ?? (() => new Date());
  return function createEvent<T extends string>(input: NewEvent<T>): DomainEvent {
    return {
      schemaVersion: EVENT_SCHEMA_VERSION,
      id: options.newId(),
      enquiryId: input.enquiryId,
      type: input.type,
      at: now().toISOString(),
      hlc: options.clock.now(),
      authorId: input.authorId,
      payload: input.payload as Record<string, unknown>,
    };
  };
}

/** Orders two events as every device does: by clock stamp, then by id. */
export function compareEvents(a: Pick<DomainEvent, 'hlc' | 'id'>, b: Pick<DomainEvent, 'hlc' | 'id'>): number {
  const [ha, hb] = [String(a.hlc ?? ''), String(b.hlc ?? '')];
  if (ha !== hb) return ha < hb ? -1 : 1;
  const [ia, ib] = [String(a.id ?? ''), String(b.id ?? '')];
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

/**
 * The key an event sorts by, as one string: `<hlc>|<id>` (neither may contain `|`). Split it at
 * the `|` and compare with {@link compareEvents}, not as strings: `…-d1|x` sorts after `…-d10|y`
 * as a string, but the event from node `d1` comes first.
 */
export function eventKey(event: Pick<DomainEvent, 'hlc' | 'id'>): string {
  return `${event.hlc ?? ''}|${event.id ?? ''}`;
}

/**
 * Merges logs from several devices: one copy of each event id, in the shared order. The first
 * copy of a duplicated id wins (appends are idempotent by id, so copies are the same event).
 */
export function mergeLogs(...logs: ReadonlyArray<readonly DomainEvent[]>): DomainEvent[] {
  const byId = new Map<string, DomainEvent>();
  for (const log of logs) for (const event of log) if (!byId.has(event.id)) byId.set(event.id, event);
  return [...byId.values()].sort(compareEvents);
}
