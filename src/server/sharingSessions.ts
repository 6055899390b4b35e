/**
 * Sharing sessions on the server: the programme as printed, with names, times and who came. The
 * checks a session's write needs beyond its schema (its day in its cycle, slots presenting
 * outcomes published in the source cycle, presenters on the staff that day) are every store's,
 * in `src/store/recordRules.ts`, which the record writes apply.
 * @module
 */
import { sessionAttendance, programmeOf, type Programme, type SessionAttendance } from '../analysis/sharingSession.js';
import type { SharingSession } from '../schema/sharing.js';
import type { Queryable } from './db.js';
import { readCollection } from './sql.js';

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
