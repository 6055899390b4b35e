/**
 * The sync protocol's messages, declared once as zod schemas: what a push answers, a page of the
 * change feed, an error body. The server builds them, the HTTP store reads them, and the OpenAPI
 * document describes them, all from these declarations (types with `z.output`).
 * @module
 */
import * as z from 'zod/mini';
import { EventEnvelope, type DomainEvent } from '../lifecycle/events.js';
import { COLLECTIONS } from '../schema/directory.js';
import { EnquiryKind } from '../schema/enquiry.js';
import { ERROR_CODES, PUSH_STATUSES } from './codes.js';

import type { CompactChange as CompactChangeTuple } from './compactChange.js';

export { compactChange, expandChange } from './compactChange.js';

const optional = <T extends z.ZodMiniType>(schema: T) => z.optional(schema);

/** One problem with one field: `path` is dotted (`events.3.payload.title`). */
export const FieldProblem = z.object({ path: z.string(), message: z.string() });

/** The JSON body of every error answer. */
export const ErrorBody = z.looseObject({
  error: z.enum(ERROR_CODES),
  message: z.string(),
  /** The field, path or id at fault (`events.3.payload.title`, `If-Match`, `people/p-ana`). */
  field: optional(z.string()),
  /** Every field at fault and what was expected. */
  problems: optional(z.array(FieldProblem)),
  /** A policy refusal's stable code. */
  reason: optional(z.string().check(z.describe('The policy\'s stable code, when the policy refused.'))),
  expectedVersion: optional(z.int()),
  actualVersion: optional(z.nullable(z.int())),
});
/** The JSON body of every error answer. */
export type ErrorBody = z.output<typeof ErrorBody>;

/** A step the lifecycle refused, kept in the log with its reason. */
export const Refusal = z.object({
  eventId: z.string(),
  type: z.string(),
  /** Stable reason code, e.g. `too-few-observations`. */
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.string(),
  stage: z.string(),
});

/** An enquiry's summary, as the server keeps it and every store answers it. */
export const EnquirySummary = z.object({
  enquiryId: z.string(),
  title: z.string(),
  kind: EnquiryKind,
  cycleId: z.string(),
  themeId: z.optional(z.string()),
  communityId: z.optional(z.string()),
  ownerIds: z.array(z.string()),
  track: z.string(),
  stage: z.string(),
  step: z.string(),
  status: z.enum(['new', 'active', 'paused', 'withdrawn', 'archived']),
  questionText: z.string(),
  counts: z.object({ events: z.int(), observations: z.int(), evidence: z.int(), refusals: z.int() }),
  contributorIds: z.array(z.string()),
  createdAt: z.optional(z.string()),
  updatedAt: z.optional(z.string()),
  publishedAt: z.optional(z.string()),
});

const result = <S extends (typeof PUSH_STATUSES)[number], F extends z.core.$ZodLooseShape>(status: S, fields: F) =>
  z.object({ index: z.int(), eventId: z.string(), status: z.literal(status), ...fields });

/** What one pushed event became. */
export const PushResult = z.discriminatedUnion('status', [
  result('appended', {}),
  result('duplicate', {}),
  /** Stored, and shown as refused by the lifecycle with this reason. */
  result('refused', { refusal: Refusal }),
  /** Not stored: the event is not valid (`eventId` is null when it had none). */
  z.object({ index: z.int(), eventId: z.nullable(z.string()), status: z.literal('invalid'), field: z.string(), message: z.string(), problems: z.array(FieldProblem) }),
  /** Not stored: the policy does not let the caller write it (`reason`: the policy's code, or `author-mismatch`). */
  result('forbidden', { reason: z.string(), message: z.string() }),
]);
/** What one pushed event became. */
export type PushResult = z.output<typeof PushResult>;

/** The answer to a push: one result per event, in the order sent, and the enquiry's summary after it. */
export const PushResponse = z.object({
  enquiryId: z.string(),
  results: z.array(PushResult),
  /** Undefined when nothing has been stored for the enquiry. */
  summary: z.optional(EnquirySummary),
});
/** The answer to a push. */
export type PushResponse = z.output<typeof PushResponse>;

/** One change of the feed: an event (with its refusal, if any), a record, or a record's deletion. */
export const Change = z.union([
  z.object({ kind: z.literal('event'), event: EventEnvelope, refusal: z.nullable(Refusal) }),
  z.object({ kind: z.literal('record'), collection: z.enum(COLLECTIONS), id: z.string(), version: z.int(), record: z.unknown() }),
  z.object({ kind: z.literal('record'), collection: z.enum(COLLECTIONS), id: z.string(), version: z.int(), deleted: z.literal(true) }),
]);
/** One change of the feed. */
export type Change = Exclude<z.output<typeof Change>, { kind: 'event' }> | { kind: 'event'; event: DomainEvent; refusal: z.output<typeof Refusal> | null };

/** A page of the change feed. */
export const ChangesPage = z.object({
  changes: z.array(Change),
  /** Ask again from here. Opaque: keep it as it is. */
  checkpoint: z.string().check(z.describe('Opaque; send it back as `since`.')),
  /** More changes are waiting: ask again at once. */
  hasMore: z.boolean(),
  /** The trust's data was replaced (a backup was imported) since your checkpoint: drop what you pulled before. */
  reset: z.boolean(),
});
/** A page of the change feed. */
export type ChangesPage = Omit<z.output<typeof ChangesPage>, 'changes'> & { changes: Change[] };

/**
 * The forms a page of the change feed comes in (`GET /v1/changes?form=`): `objects`, the first
 * and default, each change an object as {@link Change}; `compact`, each change an array
 * ({@link CompactChange}), about 30% fewer bytes for the server to build and send and the client
 * to parse. A server that does not know the parameter answers objects, so a client reads either.
 */
export const CHANGES_FORMS = ['objects', 'compact'] as const;
/** A form of the change feed's pages. */
export type ChangesForm = (typeof CHANGES_FORMS)[number];

/**
 * One change of the feed's compact form, the same facts as a {@link Change} by position:
 * `["e", id, enquiryId, type, at, hlc, authorId, schemaVersion, payload]` for an event, with its
 * refusal as a tenth item when the lifecycle refused it; `["r", collection, id, version, record]`
 * for a record; `["d", collection, id, version]` for a record's deletion.
 */
export const CompactChange = z.union([
  z.tuple([z.literal('e'), z.string(), z.string(), z.string(), z.string(), z.string(), z.string(), z.int(), z.record(z.string(), z.unknown()), z.optional(Refusal)]),
  z.tuple([z.literal('r'), z.enum(COLLECTIONS), z.string(), z.int(), z.unknown()]),
  z.tuple([z.literal('d'), z.enum(COLLECTIONS), z.string(), z.int()]),
]);
/** One change of the feed's compact form (declared in compactChange.ts, which the browser's store reads without these schemas). */
export type CompactChange = CompactChangeTuple;

/** A page of the change feed in the compact form (`form=compact`). */
export const CompactChangesPage = z.object({ ...ChangesPage.shape, changes: z.array(CompactChange) });

/** The messages by the names the OpenAPI document gives them (`#/components/schemas/<name>`). */
export const WIRE_SCHEMAS = { FieldProblem, Error: ErrorBody, Refusal, EnquirySummary, PushResult, PushResponse, ChangesPage, CompactChangesPage, DomainEvent: EventEnvelope } as const;
