/**
 * The pure steps of a push (no I/O; `enquiries.ts` runs them around the repository's reads and
 * writes, in `pushRepository.ts`): checking a batch's events, sorting out those already stored,
 * deciding each new one with the policy and the lifecycle, and what a push makes visible to more
 * readers. Each takes what it needs and returns what it decided, so it is tested and profiled
 * alone.
 * @internal
 * @module
 */
import { compareEvents, type DomainEvent } from '../lifecycle/events.js';
import type { LifecycleInput } from '../lifecycle/enquiryMachine.js';
import type { EnquiryState, Lifecycle } from '../lifecycle/lifecycle.js';
import type { Refusal } from '../lifecycle/refusals.js';
import { POLICY_REASONS } from '../policy/policy.js';
import type { Community } from '../schema/directory.js';
import { ValidationError, type FieldProblem } from '../schema/errors.js';
import { UnsupportedVersionError } from '../schema/migrate.js';
import { MAX_BATCH, MAX_EVENT_JSON } from '../store/store.js';
import { authorize } from './access.js';
import type { Principal } from './auth.js';
import type { PushResult } from '../sync/wire.js';
import { badRequest, HttpError, tooLarge } from './errors.js';
import type { NewEventRow } from './pushRepository.js';
import { eventColumns } from './sql.js';

/** An event of the batch with its place in it. */
export interface Candidate {
  index: number;
  event: DomainEvent;
}

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

/**
 * Sorts the candidates by what is stored: an id stored for this enquiry (or earlier in the
 * batch) is `duplicate`, an id of another enquiry `invalid` (a conflict); the rest are fresh.
 * @param stored the enquiry of each candidate id already stored.
 */
export function sortOutStored(enquiryId: string, candidates: readonly Candidate[], stored: ReadonlyMap<string, string>, out: Results) {
  const seen = new Set<string>();
  const conflicts = new Set<number>();
  const fresh: Candidate[] = [];
  for (const candidate of candidates) {
    const { index, event } = candidate;
    const owner = stored.get(event.id);
    if (owner !== undefined && owner !== enquiryId) {
      const field = `events.${index}.id`;
      out[index] = { index, eventId: event.id, status: 'invalid', field, message: `${field} is already an event of enquiry ${owner}: event ids must be unique`, problems: [{ path: field, message: `is already an event of enquiry ${owner}` }] };
      conflicts.add(index);
      continue;
    }
    if (owner !== undefined || seen.has(event.id)) out[index] = { index, eventId: event.id, status: 'duplicate' };
    else fresh.push(candidate);
    seen.add(event.id);
  }
  return { fresh, conflicts };
}

/** What {@link decideEvents} needs. */
export interface DecideInput {
  lifecycle: Lifecycle;
  principal: Principal;
  /** The enquiry's stored state and the lifecycle input it was replayed with. */
  state: EnquiryState;
  input: LifecycleInput;
  /** The stored log, when it has been read (needed only when an event arrived late). */
  log: readonly DomainEvent[] | undefined;
  /** Whether `state` is a replay of `log` (rather than the cached summary). */
  replayed: boolean;
  fresh: readonly Candidate[];
  /** The enquiry's community (from its details, or the batch's create). */
  community: Community | undefined;
  atomic: boolean;
  conflicts: ReadonlySet<number>;
}

/** What {@link decideEvents} decided. */
export type Decision =
  /** An event sorts before events already applied and the stored log was not given: read it and decide again. */
  | { kind: 'needs-log' }
  | { kind: 'decided'; accepted: Candidate[]; state: EnquiryState; replayed: boolean };

/**
 * Decides each fresh event in batch order: a second create is `forbidden`; a person's event is
 * judged by the policy against the state just before it; accepted events are applied by the
 * lifecycle (which may refuse them: they are stored all the same). Results go into `out`; in an
 * atomic push the first invalid or forbidden event throws.
 *
 * An event that sorts before events already applied arrived late (from a device that was
 * offline): the enquiry is then settled again before the next access check, exactly as a replay
 * of the whole log would, but from the state just before the batch's earliest event, so only the
 * stored events after that point are applied again.
 */
export function decideEvents(given: DecideInput, out: Results): Decision {
  const { lifecycle, principal, fresh, community } = given;
  const before = given.state.data;
  let view = given.state;
  let replayed = given.replayed;
  let stale = false;
  let prefix: { state: EnquiryState; after: DomainEvent[] } | undefined;
  const accepted: Candidate[] = [];
  const settle = (log: readonly DomainEvent[]) => {
    const newEvents = accepted.map((a) => a.event);
    if (!prefix) {
      const earliest = fresh.map((c) => c.event).reduce((a, b) => (compareEvents(a, b) <= 0 ? a : b));
      prefix = { state: lifecycle.replay(log.filter((e) => compareEvents(e, earliest) < 0), given.input), after: log.filter((e) => compareEvents(e, earliest) >= 0) };
    }
    view = lifecycle.resume(prefix.state, [...prefix.after, ...newEvents]) ?? lifecycle.replay([...log, ...newEvents], given.input);
    replayed = true;
    stale = false;
  };
  for (const candidate of fresh) {
    const { index, event } = candidate;
    // An enquiry's owners are what its first create says: no create for a stored enquiry is
    // ever stored, whoever sends it (a service too) and however it is dated (docs/privacy.md).
    if (event.type === 'enquiry.create' && (before.status !== 'new' || accepted.some((a) => a.event.type === 'enquiry.create'))) {
      out[index] = { index, eventId: event.id, status: 'forbidden', reason: 'already-created', message: POLICY_REASONS['already-created'] };
      if (given.atomic) failIfAny(out, given.conflicts);
      continue;
    }
    if (principal.kind === 'person') {
      if (stale) {
        if (!given.log) return { kind: 'needs-log' };
        settle(given.log);
      }
      const decision = authorize(principal, 'event.append', { enquiry: view.data, community, eventType: event.type, payload: event.payload });
      if (!decision.allowed) {
        out[index] = { index, eventId: event.id, status: 'forbidden', reason: decision.code, message: decision.reason };
        if (given.atomic) failIfAny(out, given.conflicts);
        continue;
      }
    }
    accepted.push(candidate);
    // Validated by checkEvents: the lifecycle only applies it.
    const next = stale ? undefined : lifecycle.resume(view, [event], undefined, { validated: true });
    if (next) view = next;
    else stale = true;
  }
  if (stale) {
    if (!given.log) return { kind: 'needs-log' };
    settle(given.log);
  }
  const refusals = new Map(view.refusals.map((r) => [r.eventId, r]));
  for (const { index, event } of accepted) {
    const refusal = refusals.get(event.id);
    out[index] = refusal ? { index, eventId: event.id, status: 'refused', refusal } : { index, eventId: event.id, status: 'appended' };
  }
  return { kind: 'decided', accepted, state: view, replayed };
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
