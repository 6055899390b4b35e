/**
 * Backups: every log and every directory record as one versioned JSON document. Any store
 * exports one with `exportBackup()`; `importBackup()` validates everything first with
 * {@link readBackup} and only then replaces the store's content, in one step.
 */
import * as z from 'zod/mini';
import { Instant, SchemaVersion } from '../schema/common.js';
import { COLLECTIONS, DIRECTORY, learningWalkDateProblem, type Collection, type Community, type Cycle, type LearningWalk, type Person } from '../schema/directory.js';
import { describeIssues, ValidationError, type FieldProblem } from '../schema/errors.js';
import { CURRENT_VERSIONS, migrate, UnsupportedVersionError } from '../schema/migrate.js';
import { compareEvents, type DomainEvent } from '../lifecycle/events.js';
import { replayLifecycle, type ReplayLifecycle } from '../lifecycle/replayLifecycle.js';
import { MAX_EVENT_JSON, MAX_RECORD_JSON, StoreError, type Backup, type Versioned } from './store.js';
import { parseSafely } from '../schema/zod.js';
import { coachingLogProblems, coachingPairProblems, type CoachingLogEntry, type CoachingPair } from '../schema/coaching.js';
import type { SharingSession } from '../schema/sharing.js';
import { sharingCandidates, sharingSessionProblems, type CandidateSummary } from '../analysis/sharingSession.js';
import { enquiryDetailsOf, resolveInput, summarizeEnquiry } from './summary.js';

/** The `format` field of every plc-kit backup. */
export const BACKUP_FORMAT = 'plc-kit-backup';

/** The backup format this plc-kit writes. */
export const BACKUP_SCHEMA_VERSION = CURRENT_VERSIONS.backup;

/**
 * The shape of a backup document. Events and records are checked one by one afterwards (events
 * by the lifecycle, records by their collection's schema) so every problem names its path.
 */
export const BackupDocument = z.object({
  format: z.literal(BACKUP_FORMAT),
  schemaVersion: SchemaVersion,
  exportedAt: Instant,
  /** `false` on an export that holds only what its reader may read (an administrator's): never importable. */
  complete: z.optional(z.boolean()),
  events: z.array(z.unknown()),
  records: z.record(z.string(), z.array(z.object({ record: z.unknown(), version: z.int().check(z.minimum(1)) }))),
});

/** At most this many problems are listed when a backup is refused. */
const MAX_PROBLEMS = 20;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const jsonLength = (value: unknown) => {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return Infinity;
  }
};

function corrupt(problems: FieldProblem[], cause?: unknown): StoreError {
  const shown = problems.slice(0, MAX_PROBLEMS);
  const more = problems.length > shown.length ? ` (and ${problems.length - shown.length} more)` : '';
  return new StoreError(
    'corrupt',
    `This backup cannot be imported, and nothing was changed: ${shown.map((p) => `${p.path} ${p.message}`).join('; ')}${more}`,
    shown[0]?.path,
    { problems: shown, cause },
  );
}

/**
 * Checks a backup completely (format, version, every event against the lifecycle, every record
 * against its collection's schema, sizes, duplicate ids, and the record rules a store applies
 * to a write: walks and coaching against their cycles and pairs, sharing sessions against the
 * outcomes its own logs publish) without changing anything.
 * @param value a parsed backup document, or its JSON text.
 * @returns the backup with every event and record migrated to the current version; events are
 *   ordered by enquiry, then merge order; records by id.
 * @throws StoreError with code `corrupt`, whose `field` is the first path at fault (such as
 *   `events.12.payload.title`) and whose `problems` list up to 20 of them.
 * @example
 * ```ts
 * try {
 *   readBackup(JSON.parse(text));
 * } catch (error) {
 *   if (error instanceof StoreError) console.log(error.field, error.message); // 'events.12.payload.title', ...
 * }
 * ```
 */
export function readBackup(value: unknown, lifecycle: ReplayLifecycle = replayLifecycle): Backup {
  let document = value;
  if (typeof document === 'string') {
    try {
      document = JSON.parse(document);
    } catch (error) {
      throw corrupt([{ path: '(backup)', message: `is not JSON (${error instanceof Error ? error.message : String(error)})` }], error);
    }
  }
  if (!isObject(document)) throw corrupt([{ path: '(backup)', message: 'must be a plc-kit backup document (a JSON object)' }]);
  if (document['format'] !== BACKUP_FORMAT) {
    throw corrupt([{ path: 'format', message: `must be "${BACKUP_FORMAT}": this is not a plc-kit backup` }]);
  }
  try {
    document = migrate('backup', document);
  } catch (error) {
    if (error instanceof UnsupportedVersionError) throw corrupt([{ path: 'schemaVersion', message: `is too new: ${error.message}` }], error);
    throw error;
  }
  const shape = parseSafely(BackupDocument, document);
  if (!shape.success) throw corrupt(describeIssues(shape.error.issues));
  const backup = shape.data;
  if (backup.complete === false) {
    throw corrupt([
      {
        path: 'complete',
        message:
          "is false: this export holds only what an administrator may read (no observation notes, appraisal records or answer sheets), so importing it would erase the rest. Import a complete backup, exported with the host's service token.",
      },
    ]);
  }
  const problems: FieldProblem[] = [];
  const enough = () => problems.length > MAX_PROBLEMS;

  const events: DomainEvent[] = [];
  const eventIds = new Map<string, number>();
  backup.events.forEach((raw, index) => {
    if (enough()) return;
    const path = `events.${index}`;
    if (jsonLength(raw) > MAX_EVENT_JSON) {
      problems.push({ path, message: `is larger than ${MAX_EVENT_JSON.toLocaleString('en-GB')} characters of JSON` });
      return;
    }
    try {
      const event = lifecycle.validate(raw);
      const first = eventIds.get(event.id);
      if (first !== undefined) problems.push({ path: `${path}.id`, message: `repeats the id of events.${first} (${event.id})` });
      else {
        eventIds.set(event.id, index);
        events.push(event);
      }
    } catch (error) {
      if (error instanceof ValidationError) problems.push(...error.problems.map((p) => ({ path: `${path}.${p.path}`, message: p.message })));
      else if (error instanceof UnsupportedVersionError) problems.push({ path: `${path}.schemaVersion`, message: `is too new: ${error.message}` });
      else throw error;
    }
  });

  const records: Backup['records'] = {};
  for (const [collection, entries] of Object.entries(backup.records)) {
    if (enough()) break;
    if (!Object.prototype.hasOwnProperty.call(DIRECTORY, collection)) {
      problems.push({ path: `records.${collection}`, message: `is not a collection (expected one of: ${COLLECTIONS.join(', ')})` });
      continue;
    }
    const schema = DIRECTORY[collection as Collection];
    const ids = new Map<string, number>();
    const out: Array<Versioned<unknown>> = [];
    entries.forEach((entry, index) => {
      if (enough()) return;
      const path = `records.${collection}.${index}.record`;
      if (jsonLength(entry.record) > MAX_RECORD_JSON) {
        problems.push({ path, message: `is larger than ${MAX_RECORD_JSON.toLocaleString('en-GB')} characters of JSON` });
        return;
      }
      let migrated: unknown;
      try {
        migrated = migrate(collection as Collection, entry.record);
      } catch (error) {
        if (!(error instanceof UnsupportedVersionError)) throw error;
        problems.push({ path: `${path}.schemaVersion`, message: `is too new: ${error.message}` });
        return;
      }
      const parsed = parseSafely(schema, migrated);
      if (!parsed.success) {
        problems.push(...describeIssues(parsed.error.issues, path));
        return;
      }
      const id = (parsed.data as { id: string }).id;
      const first = ids.get(id);
      if (first !== undefined) problems.push({ path: `${path}.id`, message: `repeats the id of records.${collection}.${first} (${id})` });
      else {
        ids.set(id, index);
        out.push({ record: parsed.data, version: entry.version });
      }
    });
    out.sort((a, b) => compareIds((a.record as { id: string }).id, (b.record as { id: string }).id));
    (records as Record<string, unknown>)[collection] = out;
  }
  // A walk must fall within its cycle, as a store checks when one is written.
  const cycles = new Map(((records as Record<string, Array<Versioned<unknown>> | undefined>)['cycles'] ?? []).map((v) => [(v.record as Cycle).id, v.record as Cycle]));
  (backup.records['learningWalks'] ?? []).forEach((entry, index) => {
    const walk = entry.record as Partial<LearningWalk> | undefined;
    if (typeof walk?.date !== 'string' || typeof walk.cycleId !== 'string') return;
    const problem = learningWalkDateProblem({ date: walk.date }, cycles.get(walk.cycleId));
    if (problem) problems.push({ path: `records.learningWalks.${index}.record.date`, message: problem.message });
  });
  if (!problems.length) problems.push(...coachingProblems(backup.records, cycles));
  if (!problems.length) problems.push(...sessionProblems(records, backup.records['sharingSessions'] ?? [], events, lifecycle));
  if (problems.length) throw corrupt(problems);

  return {
    format: BACKUP_FORMAT,
    schemaVersion: BACKUP_SCHEMA_VERSION,
    exportedAt: backup.exportedAt,
    events: sortForBackup(events),
    records,
  };
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A backup's coaching pairs and log entries checked as a store checks one written (see
 * `recordRules.ts`): a pair of two colleagues with reciprocal slots inside its cycle, an entry of a
 * pair in the backup by one of its colleagues. Run once every record passed its schema.
 */
function coachingProblems(records: Readonly<Record<string, ReadonlyArray<{ record?: unknown }> | undefined>>, cycles: ReadonlyMap<string, Cycle>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const pairs = (records['coachingPairs'] ?? []).map((entry) => entry.record as CoachingPair);
  pairs.forEach((pair, index) => {
    for (const problem of coachingPairProblems(pair, cycles.get(pair.cycleId))) problems.push({ path: `records.coachingPairs.${index}.record.${problem.path}`, message: problem.message });
  });
  const pairById = new Map(pairs.map((pair) => [pair.id, pair]));
  (records['coachingLogs'] ?? []).forEach((entry, index) => {
    const log = entry.record as CoachingLogEntry;
    for (const problem of coachingLogProblems(log, pairById.get(log.pairId))) problems.push({ path: `records.coachingLogs.${index}.record.${problem.path}`, message: problem.message });
  });
  return problems;
}

/**
 * A backup's sharing sessions checked as a store checks one written (see `recordRules.ts`): on a
 * day of its cycle, presenting outcomes published in its source cycle, by people on the staff that
 * day. Which outcomes are published is known only by replaying their logs, so the enquiries of
 * the sessions' source cycles are replayed here, against the backup's own cycles, communities and
 * people, as the store will replay them once imported. Run once every record passed its schema;
 * `records` are those checked, `inDocument` the sessions as the document lists them.
 */
function sessionProblems(records: Backup['records'], inDocument: ReadonlyArray<{ record?: unknown }>, events: readonly DomainEvent[], lifecycle: ReplayLifecycle): FieldProblem[] {
  const byCollection = records as Readonly<Record<string, ReadonlyArray<Versioned<unknown>> | undefined>>;
  const sessions = (byCollection['sharingSessions'] ?? []).map((entry) => entry.record as SharingSession);
  if (!sessions.length) return [];
  const byId = <T extends { id: string }>(collection: Collection) => new Map((byCollection[collection] ?? []).map((entry) => [(entry.record as T).id, entry.record as T]));
  const cycles = byId<Cycle>('cycles');
  const communities = byId<Community>('communities');
  const people = [...byId<Person>('people').values()];
  const sourceCycles = new Set(sessions.map((session) => session.sourceCycleId));
  const logs = new Map<string, DomainEvent[]>();
  for (const event of events) (logs.get(event.enquiryId) ?? logs.set(event.enquiryId, []).get(event.enquiryId)!).push(event);
  const summaries: CandidateSummary[] = [];
  for (const [enquiryId, log] of logs) {
    const details = enquiryDetailsOf(log);
    if (!details || !sourceCycles.has(details.cycleId)) continue;
    const input = resolveInput(details, { cycle: cycles.get(details.cycleId), community: details.communityId ? communities.get(details.communityId) : undefined, cpdLeaders: people });
    summaries.push(summarizeEnquiry(enquiryId, lifecycle.replay(log, input)));
  }
  // The paths name each session's place in the document: the checked records are sorted by id.
  const at = new Map(inDocument.map((entry, index) => [(entry.record as { id: string }).id, index]));
  return sessions.flatMap((session) => {
    const context = { cycle: cycles.get(session.cycleId), people, candidates: sharingCandidates(summaries, session.sourceCycleId) };
    return sharingSessionProblems(session, context).map((problem) => ({ path: `records.sharingSessions.${at.get(session.id)}.record.${problem.path}`, message: problem.message }));
  });
}

/** Events in backup order: by enquiry id, then merge order. @internal */
export function sortForBackup(events: DomainEvent[]): DomainEvent[] {
  return events.sort((a, b) => compareIds(a.enquiryId, b.enquiryId) || compareEvents(a, b));
}

/**
 * Assembles a backup document from a store's content. Adapters call it from `exportBackup()`;
 * every collection is present (empty when it has no records) so two exports of the same content
 * are equal but for `exportedAt`.
 */
export function createBackup(
  content: { events: readonly DomainEvent[]; records: Partial<Record<Collection, ReadonlyArray<Versioned<unknown>>>> },
  now: Date = new Date(),
): Backup {
  const records: Record<string, Array<Versioned<unknown>>> = {};
  for (const collection of COLLECTIONS) {
    records[collection] = [...(content.records[collection] ?? [])].sort((a, b) =>
      compareIds((a.record as { id: string }).id, (b.record as { id: string }).id),
    );
  }
  return {
    format: BACKUP_FORMAT,
    schemaVersion: BACKUP_SCHEMA_VERSION,
    exportedAt: now.toISOString(),
    events: sortForBackup([...content.events]),
    records: records as Backup['records'],
  };
}

/**
 * A backup with no events and no records: importing it empties a store.
 * @example
 * ```ts
 * await store.importBackup(emptyBackup()); // wipes everything, atomically
 * ```
 */
export function emptyBackup(now: Date = new Date()): Backup {
  return createBackup({ events: [], records: {} }, now);
}
