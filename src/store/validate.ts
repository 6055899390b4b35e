/**
 * The store's boundary checks, shared by every adapter: each refusal is a {@link StoreError}
 * with code `invalid` whose `field` names the argument or path at fault (`enquiryId`,
 * `events.3.payload.title`, `record.policy.minObservations`) and whose `problems` list every
 * field with what was expected. Validation errors from the schemas and the lifecycle are never
 * thrown as they are: a caller of a store only ever catches `StoreError`.
 * @internal
 */
import { Id } from '../schema/common.js';
import { coachingLogProblems, coachingPairProblems, type CoachingLogEntry, type CoachingPair } from '../schema/coaching.js';
import { COLLECTIONS, DIRECTORY, learningWalkDateProblem, type Collection, type Cycle, type DirectoryRecord, type LearningWalk } from '../schema/directory.js';
import { describeIssues, ValidationError, type FieldProblem } from '../schema/errors.js';
import { migrate, UnsupportedVersionError } from '../schema/migrate.js';
import type { DomainEvent } from '../lifecycle/events.js';
import type { ReplayLifecycle } from '../lifecycle/replayLifecycle.js';
import { MAX_BATCH, MAX_EVENT_JSON, MAX_RECORD_JSON, StoreError, type EnquiryFilter } from './store.js';
import { parseSafely } from '../schema/zod.js';

const list = (problems: FieldProblem[]) => problems.map((p) => `${p.path} ${p.message}`).join('; ');

/** A StoreError `invalid` for one field. */
export function invalid(field: string, message: string): StoreError {
  return new StoreError('invalid', `${field} ${message}`, field);
}

/** A StoreError `invalid` naming every problem, each path under `prefix`. */
export function invalidFields(what: string, problems: FieldProblem[], prefix: string, cause?: unknown): StoreError {
  const prefixed = problems.map((p) => ({ path: p.path === '(value)' ? prefix : `${prefix}.${p.path}`, message: p.message }));
  return new StoreError('invalid', `${what} is not valid: ${list(prefixed)}`, prefixed[0]?.path ?? prefix, { problems: prefixed, cause });
}

const describe = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'string' ? `"${value.slice(0, 80)}"` : typeof value);

/** Checks an identifier argument (letters, digits, `-_.:`, 1 to 64 characters). */
export function checkId(value: unknown, field: string): string {
  if (typeof value !== 'string') throw invalid(field, `must be an id (a string), not ${describe(value)}`);
  const result = Id.safeParse(value);
  if (!result.success) throw invalid(field, `must be an id of 1 to 64 letters, digits or - _ . : (got ${describe(value)})`);
  return value;
}

/** Checks a collection name. */
export function checkCollection(value: unknown): Collection {
  if (typeof value === 'string' && Object.prototype.hasOwnProperty.call(DIRECTORY, value)) return value as Collection;
  throw invalid('collection', `must be one of: ${COLLECTIONS.join(', ')} (got ${describe(value)})`);
}

/** Checks an expected version: a whole number, 0 for a new record. */
export function checkVersion(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  throw invalid('expectedVersion', `must be a whole number, 0 to create a record or the version you read (got ${describe(value)})`);
}

const jsonLength = (value: unknown): number | undefined => {
  try {
    return JSON.stringify(value)?.length;
  } catch {
    return undefined;
  }
};

/**
 * Validates a directory record for `collection`: migrated to the current version, then parsed by
 * the collection's schema.
 * @returns the record as it is stored (migrated, defaults applied, text trimmed).
 */
export function checkRecord<C extends Collection>(collection: C, record: unknown, field = 'record'): DirectoryRecord<C> {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw invalid(field, `must be a ${collection} record (an object), not ${describe(record)}`);
  }
  const size = jsonLength(record);
  if (size === undefined) throw invalid(field, 'must be plain JSON data');
  if (size > MAX_RECORD_JSON) throw invalid(field, `is ${size.toLocaleString('en-GB')} characters of JSON; the limit is ${MAX_RECORD_JSON.toLocaleString('en-GB')}`);
  let migrated: unknown;
  try {
    migrated = migrate(collection, record);
  } catch (error) {
    if (error instanceof UnsupportedVersionError) throw new StoreError('invalid', `${field}.schemaVersion: ${error.message}`, `${field}.schemaVersion`, { cause: error });
    throw error;
  }
  const result = parseSafely(DIRECTORY[collection], migrated);
  if (!result.success) throw invalidFields(`${collection} record`, describeIssues(result.error.issues), field);
  return result.data as DirectoryRecord<C>;
}

/**
 * Validates a batch for `append`: an array of at most {@link MAX_BATCH} events, each at most
 * {@link MAX_EVENT_JSON} characters of JSON, valid for the lifecycle and for this enquiry.
 * Events the lifecycle would refuse (its guards) pass: they are appended and show as refused.
 * @returns the events as they are stored (migrated, payload parsed).
 */
export function checkBatch(enquiryId: string, events: unknown, lifecycle: ReplayLifecycle): DomainEvent[] {
  if (!Array.isArray(events)) throw invalid('events', `must be an array of events, not ${describe(events)}`);
  if (events.length > MAX_BATCH) {
    throw invalid('events', `has ${events.length.toLocaleString('en-GB')} events; one append takes at most ${MAX_BATCH.toLocaleString('en-GB')} (split the batch)`);
  }
  return events.map((raw: unknown, index) => {
    const field = `events.${index}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid(field, `must be an event (an object), not ${describe(raw)}`);
    const id = (raw as { id?: unknown }).id;
    const name = typeof id === 'string' ? `Event ${id.slice(0, 64)} (${field})` : `Event ${field}`;
    const size = jsonLength(raw);
    if (size === undefined) throw invalid(field, 'must be plain JSON data');
    if (size > MAX_EVENT_JSON) {
      throw new StoreError('invalid', `${name} is ${size.toLocaleString('en-GB')} characters of JSON; the limit is ${MAX_EVENT_JSON.toLocaleString('en-GB')}`, field);
    }
    let event: DomainEvent;
    try {
      event = lifecycle.validate(raw);
    } catch (error) {
      if (error instanceof ValidationError) throw invalidFields(name, error.problems, field, error);
      if (error instanceof UnsupportedVersionError) throw new StoreError('invalid', `${name}: ${error.message}`, `${field}.schemaVersion`, { cause: error });
      throw error;
    }
    if (event.enquiryId !== enquiryId) {
      throw new StoreError('invalid', `${name} belongs to enquiry ${event.enquiryId}, not ${enquiryId}: append it to its own enquiry`, `${field}.enquiryId`);
    }
    return event;
  });
}

const FILTER_KEYS = ['cycleId', 'communityId', 'themeId', 'stage', 'ownerId'] as const;

/** Checks a filter for `listEnquiries`: known fields only, each an id when given. */
export function checkFilter(filter: unknown): EnquiryFilter {
  if (filter === undefined || filter === null) return {};
  if (typeof filter !== 'object' || Array.isArray(filter)) throw invalid('filter', `must be an object, not ${describe(filter)}`);
  const out: EnquiryFilter = {};
  for (const [key, value] of Object.entries(filter)) {
    if (!(FILTER_KEYS as readonly string[]).includes(key)) throw invalid(`filter.${key}`, `is not a filter (use ${FILTER_KEYS.join(', ')})`);
    if (value === undefined) continue;
    out[key as (typeof FILTER_KEYS)[number]] = checkId(value, `filter.${key}`);
  }
  return out;
}

/**
 * Refuses a learning walk dated outside its cycle (`record.date`), given the cycle as stored;
 * a walk whose cycle is not stored is left to the other checks.
 */
export function checkWalkInCycle(walk: Pick<LearningWalk, 'date'>, cycle: Pick<Cycle, 'name' | 'startsOn' | 'endsOn'> | undefined): void {
  const problem = learningWalkDateProblem(walk, cycle);
  if (problem) throw invalidFields('learningWalks record', [problem], 'record');
}

/** Refuses a coaching pair whose slots are not reciprocal, not between the pair, or outside its cycle (given as stored). */
export function checkCoachingPair(pair: CoachingPair, cycle: Pick<Cycle, 'name' | 'startsOn' | 'endsOn'> | undefined): void {
  const problems = coachingPairProblems(pair, cycle);
  if (problems.length) throw invalidFields('coachingPairs record', problems, 'record');
}

/** Refuses a coaching log entry that is not its stored pair's, or not written by one of the pair. */
export function checkCoachingLog(entry: CoachingLogEntry, pair: CoachingPair | undefined): void {
  const problems = coachingLogProblems(entry, pair);
  if (problems.length) throw invalidFields('coachingLogs record', problems, 'record');
}
