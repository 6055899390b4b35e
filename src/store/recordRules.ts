/**
 * The rules a directory record must meet against what is already stored, beyond its schema: a
 * learning walk inside its cycle, a coaching pair of two colleagues with reciprocal slots inside
 * its cycle, a coaching log entry by one of its pair, a sharing session on a day of its cycle
 * presenting published outcomes with presenters on the staff. Written once here: the memory and
 * IndexedDB stores and the server's record writes each call {@link checkRecordFits} over their
 * own small {@link RecordRulesPort}, so every store refuses the same record the same way, with
 * the same field named. The rules themselves are pure functions beside their schemas. A backup's
 * import checks its learning walks, coaching pairs, log entries and sharing sessions against the
 * backup's own records and events (`backup.ts`, which replays the logs of the sessions' source
 * cycles to know which outcomes are published).
 * @module
 */
import type { CandidateSummary } from '../analysis/sharingSession.js';
import type { CoachingLogEntry, CoachingPair } from '../schema/coaching.js';
import type { Collection, Cycle, LearningWalk, Person } from '../schema/directory.js';
import type { SharingSession } from '../schema/sharing.js';
import { checkCoachingLog, checkCoachingPair, checkWalkInCycle, invalidFields } from './validate.js';

// The IndexedDB store's record writes need the directory's history too: loading it from here
// makes the rules and the history one file beside bundle.js rather than two.
export { checkDirectoryDelete, ledBy, recordDirectoryHistory } from './history.js';

/** What the rules read of a store, as it is inside the write that checks them. */
export interface RecordRulesPort {
  /** A cycle as stored, or undefined. */
  cycle(id: string): Promise<Cycle | undefined>;
  /** A coaching pair as stored, or undefined. */
  coachingPair(id: string): Promise<CoachingPair | undefined>;
  /** Every person in the directory (a session's presenters must be on the staff on its day). */
  people(): Promise<Person[]>;
  /** The summaries of a cycle's enquiries (a session presents the outcomes published in one). */
  cycleSummaries(cycleId: string): Promise<CandidateSummary[]>;
}

/** A collection's rules, run inside the write that checks them. */
export type RecordRules = (record: unknown, port: RecordRulesPort) => Promise<void>;

/** A sharing session's rules, given the module that holds them (loaded with the first session written). */
const sessionRules =
  ({ sharingCandidates, sharingSessionProblems }: typeof import('../analysis/sharingSession.js')): RecordRules =>
  async (record, port) => {
    const session = record as SharingSession;
    // One after another: the port reads inside the write's transaction, one connection (pg
    // deprecates queueing queries on a client that is still running one).
    const cycle = await port.cycle(session.cycleId);
    const people = await port.people();
    const summaries = await port.cycleSummaries(session.sourceCycleId);
    const problems = sharingSessionProblems(session, { cycle, people, candidates: sharingCandidates(summaries, session.sourceCycleId) });
    if (problems.length) throw invalidFields('sharingSessions record', problems, 'record');
  };

const RULES: Partial<Record<Collection, RecordRules>> = {
  learningWalks: async (record, port) => {
    const walk = record as LearningWalk;
    checkWalkInCycle(walk, await port.cycle(walk.cycleId));
  },
  coachingPairs: async (record, port) => {
    const pair = record as CoachingPair;
    checkCoachingPair(pair, await port.cycle(pair.cycleId));
  },
  coachingLogs: async (record, port) => {
    const entry = record as CoachingLogEntry;
    checkCoachingLog(entry, await port.coachingPair(entry.pairId));
  },
};

/**
 * The rules of `collection`, ready to run (undefined when it has none). A store whose write
 * transaction cannot wait on a module load (IndexedDB) asks for them before opening it.
 */
export async function recordRulesFor(collection: Collection): Promise<RecordRules | undefined> {
  // A page that never plans a session never downloads its rules.
  if (collection === 'sharingSessions') return sessionRules(await import('../analysis/sharingSession.js'));
  return RULES[collection];
}

/**
 * Refuses `record` (already valid for its schema) when it does not fit the stored data. A store
 * calls it inside its write, before storing; a replica does not (its server checked).
 * @throws StoreError `invalid`, its `field` and `problems` naming each field at fault.
 * @example
 * ```ts
 * await checkRecordFits('coachingPairs', { ...pair, personIds: ['p-ana', 'p-ana'] }, port);
 * // StoreError invalid: coachingPairs record is not valid: record.personIds.1 must be a different colleague ...
 * ```
 */
export async function checkRecordFits(collection: Collection, record: unknown, port: RecordRulesPort): Promise<void> {
  await (await recordRulesFor(collection))?.(record, port);
}
