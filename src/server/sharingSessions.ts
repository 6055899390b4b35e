/**
 * Sharing sessions on the server: the checks a session's write needs beyond its schema (its day
 * in its cycle, slots presenting outcomes published in the source cycle, presenters on the staff
 * that day), and the programme as printed, with names, times and who came. The rules are the
 * pure functions of `src/analysis/sharingSession.ts`; this file only reads what they need.
 * @module
 */
import { sessionAttendance, programmeOf, sharingCandidates, sharingSessionProblems, type CandidateSummary, type Programme, type SessionAttendance } from '../analysis/sharingSession.js';
import type { SharingSession } from '../schema/sharing.js';
import { invalidFields } from '../store/validate.js';
import type { Queryable } from './db.js';
import { readCollection, readRecord } from './sql.js';

/** The summaries of a cycle's enquiries, as the candidates' rule reads them. */
async function cycleSummaries(q: Queryable, trustId: string, cycleId: string): Promise<CandidateSummary[]> {
  const { rows } = await q.query<{ summary: CandidateSummary }>('SELECT summary FROM summaries WHERE trust_id = $1 AND cycle_id = $2', [trustId, cycleId]);
  return rows.map((row) => row.summary);
}

/**
 * Refuses (a store `invalid` error naming each field) a session that does not fit the trust's
 * data: see {@link sharingSessionProblems}.
 */
export async function checkSharingSession(q: Queryable, trustId: string, session: SharingSession): Promise<void> {
  const [cycle, people, summaries] = await Promise.all([
    readRecord(q, trustId, 'cycles', session.cycleId),
    readCollection(q, trustId, 'people'),
    cycleSummaries(q, trustId, session.sourceCycleId),
  ]);
  const problems = sharingSessionProblems(session, { cycle, people, candidates: sharingCandidates(summaries, session.sourceCycleId) });
  if (problems.length) throw invalidFields('sharingSessions record', problems, 'record');
}

/** A session's programme with who came (of the staff on its day). */
export interface ProgrammeReply {
  id: string;
  version: number;
  programme: Programme;
  invitedAt: string | undefined;
  attendance: SessionAttendance;
}

/** The programme of a session (undefined when there is none): every member of staff reads it. */
export async function readProgramme(q: Queryable, trustId: string, id: string): Promise<ProgrammeReply | undefined> {
  const { rows } = await q.query<{ data: SharingSession; version: number }>(
    "SELECT data, version FROM records WHERE trust_id = $1 AND collection = 'sharingSessions' AND id = $2 AND NOT deleted",
    [trustId, id],
  );
  const row = rows[0];
  if (!row) return undefined;
  const people = await readCollection(q, trustId, 'people');
  const names = new Map(people.map((p) => [p.id, p.name]));
  return {
    id,
    version: Number(row.version),
    programme: programmeOf(row.data, (personId) => names.get(personId)),
    invitedAt: row.data.invitedAt,
    attendance: sessionAttendance(row.data, people),
  };
}
