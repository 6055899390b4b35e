/**
 * Subject access and erasure on the server (docs/privacy.md): run by the operator with
 * `npx plc-kit subject-access` and `npx plc-kit erase`, never through the HTTP API (a request is
 * verified by the school, and a pack holds other people's notes about the person's lessons).
 * The pure parts are `subjectAccessPack` and `erasePerson` in src/export/subjectRights.ts.
 * @module
 */
import type { Lifecycle } from '../lifecycle/lifecycle.js';
import { erasePerson, subjectAccessPack, type SubjectAccessPack, type TrustContent } from '../export/subjectRights.js';
import type { AppraisalRecord, Meeting, Person } from '../schema/directory.js';
import type { Db, Queryable } from './db.js';
import { rebuildEnquiry } from './enquiries.js';
import { allocateSeq, createDirectoryReader, EVENT_COLUMNS, json, lockTrustExclusive, rowToEvent, type EventRow } from './sql.js';

async function readContent(q: Queryable, trustId: string): Promise<TrustContent> {
  const { rows: events } = await q.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE trust_id = $1`, [trustId]);
  const { rows: records } = await q.query<{ collection: string; data: unknown }>(
    "SELECT collection, data FROM records WHERE trust_id = $1 AND NOT deleted AND collection IN ('people', 'appraisals', 'meetings')",
    [trustId],
  );
  return {
    events: events.map(rowToEvent),
    people: records.filter((r) => r.collection === 'people').map((r) => r.data as Person),
    appraisals: records.filter((r) => r.collection === 'appraisals').map((r) => r.data as AppraisalRecord),
    meetings: records.filter((r) => r.collection === 'meetings').map((r) => r.data as Meeting),
  };
}

/** A subject-access pack as the server produces it: the core pack and the person's Open Badges credentials. */
export interface ServerSubjectAccessPack extends SubjectAccessPack {
  /** The signed Open Badges credentials issued to them, each as issued (docs/privacy.md). */
  credentials: Array<Record<string, unknown>>;
  /** The staff feedback surveys they answered (their receipts: never which answers were theirs). */
  staffSurveysAnswered: string[];
}

/** Everything the trust holds about `personId` (see {@link subjectAccessPack}), with their credentials. */
export async function subjectAccess(db: Db, trustId: string, personId: string, now: Date = new Date()): Promise<ServerSubjectAccessPack> {
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const pack = subjectAccessPack(await readContent(tx, trustId), personId, now);
    const { rows } = await tx.query<{ document: Record<string, unknown> }>(
      'SELECT document FROM badge_credentials WHERE trust_id = $1 AND person_id = $2 ORDER BY published_at, id',
      [trustId, personId],
    );
    const receipts = await tx.query<{ survey_id: string }>('SELECT survey_id FROM staff_survey_receipts WHERE trust_id = $1 AND person_id = $2 ORDER BY survey_id', [trustId, personId]);
    return { ...pack, credentials: rows.map((row) => row.document), staffSurveysAnswered: receipts.rows.map((row) => row.survey_id) };
  });
}

/** What an erasure changed. */
export interface ErasureReport {
  personId: string;
  /** Events whose words were replaced by tombstones. */
  events: number;
  /** Enquiries replayed again (each to the same stage). */
  enquiries: number;
  /** Appraisal records deleted. */
  appraisals: number;
  /** Whether the person's directory record was found and stripped of their name and contacts. */
  person: boolean;
  /** Open Badges credentials deleted (copies the person downloaded stay valid). */
  credentials: number;
}

/**
 * Erases a person's words from the trust in one transaction: tombstones in the events they wrote
 * and in the notes about their lessons, their record pseudonymised, their appraisal records
 * deleted, their Open Badges credentials deleted (never issued again: see `issueCredentials`),
 * the enquiries concerned replayed, and the trust's change feed reset so every device
 * fetches the erased content the next time it syncs.
 */
export async function erase(db: Db, lifecycle: Lifecycle, trustId: string, personId: string, now: Date = new Date()): Promise<ErasureReport> {
  return db.transaction(async (tx) => {
    await lockTrustExclusive(tx, trustId);
    const content = await readContent(tx, trustId);
    const erasure = erasePerson(content, personId, now);
    if (erasure.events.length) {
      await tx.query(
        `UPDATE events SET payload = x.payload FROM jsonb_to_recordset($2::jsonb) AS x(id text, payload jsonb)
         WHERE events.trust_id = $1 AND events.id = x.id`,
        [trustId, json(erasure.events.map((e) => ({ id: e.id, payload: e.payload })))],
      );
    }
    const changed = 1 + erasure.appraisalIds.length;
    let seq = await allocateSeq(tx, trustId, changed);
    if (erasure.person) {
      await tx.query("UPDATE records SET data = $3::jsonb, version = version + 1, seq = $4 WHERE trust_id = $1 AND collection = 'people' AND id = $2", [
        trustId,
        personId,
        json(erasure.person),
        seq++,
      ]);
    }
    for (const id of erasure.appraisalIds) {
      await tx.query("UPDATE records SET data = NULL, deleted = true, version = version + 1, seq = $3 WHERE trust_id = $1 AND collection = 'appraisals' AND id = $2", [trustId, id, seq++]);
    }
    // Their sign-in identities (a VLE's user id, an SSO subject, a OneRoster id) and sessions go too.
    await tx.query('DELETE FROM person_links WHERE trust_id = $1 AND person_id = $2', [trustId, personId]);
    await tx.query('DELETE FROM sessions WHERE trust_id = $1 AND person_id = $2', [trustId, personId]);
    const credentials = await tx.query('DELETE FROM badge_credentials WHERE trust_id = $1 AND person_id = $2', [trustId, personId]);
    // Their staff feedback receipts name them; their anonymous sheets hold nothing of them and stay.
    await tx.query('DELETE FROM staff_survey_receipts WHERE trust_id = $1 AND person_id = $2', [trustId, personId]);
    const enquiries = [...new Set(erasure.events.map((e) => e.enquiryId))];
    const reader = createDirectoryReader(tx, trustId);
    for (const enquiryId of enquiries) await rebuildEnquiry(tx, lifecycle, trustId, enquiryId, reader);
    // Every device drops its copy and pulls the trust again (`reset: true` in the change feed).
    await tx.query('UPDATE trusts SET epoch = epoch + 1 WHERE id = $1', [trustId]);
    return { personId, events: erasure.events.length, enquiries: enquiries.length, appraisals: erasure.appraisalIds.length, person: Boolean(erasure.person), credentials: credentials.rowCount ?? 0 };
  });
}
