/**
 * The pure steps of a push that belong to the server (no I/O): checking a batch's events, the
 * policy's judge of each new one, and how each outcome is reported. Sorting out stored ids and
 * deciding with the lifecycle are the stores' shared orchestration (`src/store/append.ts`),
 * which `pushPort.ts` runs over the repository's reads and writes (`pushRepository.ts`). Each
 * step takes what it needs and returns what it decided, so it is tested and profiled alone.
 * @internal
 * @module
 */
import type { EnquiryData } from '../lifecycle/enquiryMachine.js';
import type { Lifecycle } from '../lifecycle/lifecycle.js';
import type { Refusal } from '../lifecycle/refusals.js';
import { POLICY_REASONS } from '../policy/policy.js';
import type { Community } from '../schema/directory.js';
import { ValidationError, type FieldProblem } from '../schema/errors.js';
import { UnsupportedVersionError } from '../schema/migrate.js';
import type { AppendReport, Candidate, IdConflict, Judge } from '../store/append.js';
import { MAX_BATCH, MAX_EVENT_JSON } from '../store/store.js';
import { authorize } from './access.js';
import type { Principal } from './auth.js';
import type { PushResult } from '../sync/wire.js';
import { badRequest, HttpError, tooLarge } from './errors.js';
import type { NewEventRow } from './pushRepository.js';
import { eventColumns } from './sql.js';

export type { Candidate } from '../store/append.js';

/** The results so far, by the event's place in the batch (undefined: not decided yet). */
export type Results = Array<PushResult | undefined>;

const describe = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

/** Checks each event of a batch before any database work: shape, size, schema, enquiry id. */
export function checkEvents(enquiryId: string, raw: unknown, lifecycle: Lifecycle, bodyChars: number | undefined) {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw badRequest('(body)', `must be an object { "events": [...] }, not ${describe(raw)}`);
  const events = (raw as { events?: unknown }).events;
  if (!Array.isArray(events)) throw badRequest('events', `must be an array of events, not ${describe(events)}`);
  if (events.length > MAX_BATCH) throw tooLarge('events', `has ${events.length} events; one push takes at most ${MAX_BATCH} (split the batch)`);
  const valid: Candidate[] = [];
  const results: Results = [];
  events.forEach((item: unknown, index) => {
    const field = `events.${index}`;
    const rawId = (item as { id?: unknown } | null)?.id;
    const eventId = typeof rawId === 'string' ? rawId : null;
    const invalid = (problems: FieldProblem[]) => {
      results[index] = { index, eventId, status: 'invalid', field: problems[0]!.path, message: problems.map((p) => `${p.path} ${p.message}`).join('; '), problems };
    };
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return invalid([{ path: field, message: `must be an event (an object), not ${describe(item)}` }]);
    // A body smaller than the limit cannot hold an event larger than it: measure only when needed.
    const size = bodyChars !== undefined && bodyChars <= MAX_EVENT_JSON ? 0 : JSON.stringify(item).length;
    if (size > MAX_EVENT_JSON) throw tooLarge(field, `is ${size} characters of JSON; the limit is ${MAX_EVENT_JSON}`);
    try {
      const event = lifecycle.validate(item);
      if (event.enquiryId !== enquiryId) return invalid([{ path: `${field}.enquiryId`, message: `is ${event.enquiryId}, but this is enquiry ${enquiryId}: push it to its own enquiry` }]);
      valid.push({ index, event });
    } catch (error) {
      if (error instanceof ValidationError) return invalid(error.problems.map((p) => ({ path: p.path === '(value)' ? field : `${field}.${p.path}`, message: p.message })));
      if (error instanceof UnsupportedVersionError) return invalid([{ path: `${field}.schemaVersion`, message: error.message }]);
      throw error;
    }
  });
  return { valid, results, count: events.length };
}

/** A person writes events as themselves: any other author is `forbidden` (marked in `results`). */
export function refuseOtherAuthors(principal: Principal, valid: readonly Candidate[], results: Results): void {
  if (principal.kind !== 'person') return;
  for (const { index, event } of valid) {
    if (event.authorId === principal.personId) continue;
    results[index] = {
      index,
      eventId: event.id,
      status: 'forbidden',
      reason: 'author-mismatch',
      message: `Events are written by the person signed in: authorId must be ${principal.personId}, not ${event.authorId}.`,
    };
  }
}

/** The result of an event whose id another enquiry holds: `invalid` for that event alone. */
export function conflictResult({ index, event, owner }: IdConflict): PushResult {
  const field = `events.${index}.id`;
  return { index, eventId: event.id, status: 'invalid', field, message: `${field} is already an event of enquiry ${owner}: event ids must be unique`, problems: [{ path: field, message: `is already an event of enquiry ${owner}` }] };
}

/** What {@link policyJudge} needs. */
export interface PolicyJudgeInput {
  principal: Principal;
  /** The enquiry as stored, before the batch. */
  before: EnquiryData;
  /** The enquiry's community (from its details, or the batch's create). */
  community: Community | undefined;
  atomic: boolean;
  /** The places of events whose id another enquiry holds (an atomic push then fails with 409). */
  conflicts: ReadonlySet<number>;
}

/**
 * The server's judge of each fresh event (see `Judge` in append.ts): a second create is
 * `forbidden`; a person's event is judged by the policy against the state just before it. A
 * rejection goes into `out`; in an atomic push the first invalid or forbidden event throws.
 */
export function policyJudge(given: PolicyJudgeInput, out: Results): Judge {
  const { principal, before, community } = given;
  const forbid = (index: number, result: PushResult) => {
    out[index] = result;
    if (given.atomic) failIfAny(out, given.conflicts);
    return false;
  };
  return ({ index, event }, { view, accepted }) => {
    // An enquiry's owners are what its first create says: no create for a stored enquiry is
    // ever stored, whoever sends it (a service too) and however it is dated (docs/privacy.md).
    if (event.type === 'enquiry.create' && (before.status !== 'new' || accepted.some((a) => a.event.type === 'enquiry.create'))) {
      return forbid(index, { index, eventId: event.id, status: 'forbidden', reason: 'already-created', message: POLICY_REASONS['already-created'] });
    }
    if (principal.kind !== 'person') return true;
    const decision = authorize(principal, 'event.append', { enquiry: view().data, community, eventType: event.type, payload: event.payload });
    return decision.allowed || forbid(index, { index, eventId: event.id, status: 'forbidden', reason: decision.code, message: decision.reason });
  };
}

/** The results of what an append stored or found stored, into `out`. */
export function reportAppend(report: Pick<AppendReport, 'duplicates' | 'outcome'>, out: Results): void {
  for (const { index, event } of report.duplicates) out[index] = { index, eventId: event.id, status: 'duplicate' };
  for (const { index, event } of report.outcome?.accepted ?? []) {
    const refusal = report.outcome!.refusals.get(event.id);
    out[index] = refusal ? { index, eventId: event.id, status: 'refused', refusal } : { index, eventId: event.id, status: 'appended' };
  }
}

/** The rows to store for the accepted events, each with its refusal; `n` numbers its change. */
export function newEventRows(accepted: readonly Candidate[], refusals: ReadonlyMap<string, Refusal>): NewEventRow[] {
  return accepted.map(({ event }, n) => {
    const refusal = refusals.get(event.id);
    return {
      n,
      ...eventColumns(event),
      refused: Boolean(refusal),
      refusal: refusal ?? null,
    };
  });
}

/** In an atomic push, the first invalid or forbidden event fails the whole batch. */
export function failIfAny(results: ReadonlyArray<PushResult | undefined>, conflicts: ReadonlySet<number>): void {
  for (const result of results) {
    if (result?.status === 'invalid') {
      const status = conflicts.has(result.index) ? 409 : 400;
      throw new HttpError(status, {
        error: status === 409 ? 'conflict' : 'invalid',
        message: `Event ${result.eventId ?? result.index} (events.${result.index}) is not valid, and nothing was stored: ${result.message}`,
        field: result.field,
        problems: result.problems,
      });
    }
    if (result?.status === 'forbidden') {
      throw new HttpError(403, { error: 'forbidden', reason: result.reason, message: `${result.message} Nothing was stored.`, field: `events.${result.index}` });
    }
  }
}
