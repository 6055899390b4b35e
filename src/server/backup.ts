/**
 * Backups of one trust: every event, every live record and every anonymous answer sheet, in the
 * same document every plc-kit store exports and imports (the server's complete backup adds the
 * badges and the staff feedback receipts, sections of their own). Importing replaces the trust's data in
 * one transaction, after the whole document has been checked; clients then see `reset: true` in
 * the change feed and pull everything again.
 * @module
 */
import type { DomainEvent } from '../lifecycle/events.js';
import type { Lifecycle } from '../lifecycle/lifecycle.js';
import type { Collection } from '../schema/directory.js';
import { createBackup, readBackup } from '../store/backup.js';
import { StoreError, type Backup, type Versioned } from '../store/store.js';
import type { Principal } from './auth.js';
import type { Db } from './db.js';
import { authorize, eventForReader } from './access.js';
import { readerContexts, rebuildEnquiry } from './enquiries.js';
import { isReadable, readCommunities, readerView } from './records.js';
import { forbidden, fromStoreError } from './errors.js';
import { exportBadges, importBadges, readBadgesSection, type BadgesSection } from './badges/backup.js';
import { exportStaffFeedbackReceipts, importStaffFeedbackReceipts, readStaffFeedbackReceipts, type StaffFeedbackReceiptsSection } from './staffFeedbackBackup.js';
import { allocateSeq, createDirectoryReader, EVENT_COLUMNS, eventColumns, json, lockTrustExclusive, rowToEvent, type EventRow } from './sql.js';

/** Whether `principal` may import a backup (the policy's `backup.import`: administrators and the service). */
export function checkBackupRight(principal: Principal): void {
  const decision = authorize(principal, 'backup.import', {});
  if (!decision.allowed) throw forbidden(decision.code, decision.reason);
}

const CHUNK = 1_000;

/**
 * A backup as the server exports it: the complete one also carries the trust's badge key and
 * credentials, and who has answered each staff survey (never what).
 */
export type ServerBackup = Backup & { badges?: BadgesSection; staffFeedbackReceipts?: StaffFeedbackReceiptsSection };

/**
 * The trust's content as one backup document. The host's service token gets the complete backup;
 * an administrator gets what they may read anyway (docs/privacy.md, "Exports"), marked
 * `complete: false` so it can never be imported over the data it leaves out. Only the complete
 * backup carries the `badges` section (the trust's signing key and issued credentials).
 */
export async function exportTrust(db: Db, principal: Principal, now: Date): Promise<ServerBackup> {
  const complete = principal.kind === 'service';
  const decision = authorize(principal, 'backup.export', { complete });
  if (!decision.allowed) throw forbidden(decision.code, decision.reason);
  return db.transaction(async (tx) => {
    // One snapshot for the three reads.
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const trustId = principal.trustId;
    const { rows: events } = await tx.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE trust_id = $1`, [trustId]);
    const { rows: records } = await tx.query<{ collection: Collection; data: unknown; version: number }>(
      'SELECT collection, data, version FROM records WHERE trust_id = $1 AND NOT deleted',
      [trustId],
    );
    const { rows: responses } = await tx.query<{ data: unknown }>('SELECT data FROM survey_responses WHERE trust_id = $1', [trustId]);
    const byCollection: Partial<Record<Collection, Array<Versioned<unknown>>>> = {};
    if (complete) {
      for (const row of records) (byCollection[row.collection] ??= []).push({ record: row.data, version: Number(row.version) });
      byCollection.surveyResponses = responses.map((row) => ({ record: row.data, version: 1 }));
      const badges = await exportBadges(tx, trustId);
      const receipts = await exportStaffFeedbackReceipts(tx, trustId);
      return {
        ...createBackup({ events: events.map(rowToEvent), records: byCollection }, now),
        ...(badges ? { badges } : {}),
        ...(receipts ? { staffFeedbackReceipts: receipts } : {}),
      };
    }
    // The administrator's export: every event and record as they may read it, nothing more.
    const views = new Map<Collection, (record: unknown) => Promise<unknown>>();
    const communities = () => readCommunities(tx, trustId);
    for (const row of records) {
      if (!isReadable(principal, row.collection)) continue;
      if (!views.has(row.collection)) views.set(row.collection, readerView(principal, row.collection, communities));
      const visible = await views.get(row.collection)!(row.data);
      if (visible !== undefined) (byCollection[row.collection] ??= []).push({ record: visible, version: Number(row.version) });
    }
    const all = events.map(rowToEvent);
    const contexts = await readerContexts(tx, trustId, [...new Set(all.map((e) => e.enquiryId))]);
    const visibleEvents = all.flatMap((event) => eventForReader(principal, event, contexts.get(event.enquiryId)!) ?? []);
    return { ...createBackup({ events: visibleEvents, records: byCollection }, now), complete: false };
  });
}

/**
 * Replaces the trust's content with a backup's, atomically: checked completely first (a
 * corrupt or too new backup is refused with every problem named, and nothing changes), then
 * written with every summary replayed. The `badges` section, when there is one, replaces the
 * trust's credentials and signing key (docs/privacy.md, "Recognition: Open Badges"); the
 * `staffFeedbackReceipts` section replaces who has answered each staff survey ("Staff feedback").
 */
export async function importTrust(db: Db, lifecycle: Lifecycle, principal: Principal, document: unknown): Promise<{ events: number; records: number }> {
  checkBackupRight(principal);
  let backup: Backup;
  try {
    backup = readBackup(document, lifecycle);
  } catch (error) {
    if (error instanceof StoreError) throw fromStoreError(error);
    throw error;
  }
  const sections = typeof document === 'object' && document !== null ? (document as { badges?: unknown; staffFeedbackReceipts?: unknown }) : {};
  const badges = readBadgesSection(sections.badges);
  const staffSurveyIds = new Set((backup.records.staffSurveys ?? []).map((entry) => entry.record.id));
  const receipts = readStaffFeedbackReceipts(sections.staffFeedbackReceipts, staffSurveyIds);
  const problems = [...badges.problems, ...receipts.problems];
  if (problems.length) {
    const shown = problems.slice(0, 20);
    const message = `This backup cannot be imported, and nothing was changed: ${shown.map((p) => `${p.path} ${p.message}`).join('; ')}`;
    throw fromStoreError(new StoreError('corrupt', message, shown[0]!.path, { problems: shown }));
  }
  const trustId = principal.trustId;
  const records = Object.entries(backup.records).flatMap(([collection, entries]) =>
    (entries as Array<Versioned<{ id: string }>>).map((entry) => ({ collection: collection as Collection, entry })),
  );
  const responses = records.filter((r) => r.collection === 'surveyResponses');
  const directory = records.filter((r) => r.collection !== 'surveyResponses');
  return db.transaction(async (tx) => {
    await lockTrustExclusive(tx, trustId);
    for (const table of ['events', 'summaries', 'records', 'survey_responses', 'staff_survey_receipts']) await tx.query(`DELETE FROM ${table} WHERE trust_id = $1`, [trustId]);
    const first = await allocateSeq(tx, trustId, backup.events.length + directory.length);
    await tx.query('UPDATE trusts SET epoch = epoch + 1 WHERE id = $1', [trustId]);
    for (let i = 0; i < backup.events.length; i += CHUNK) {
      const rows = backup.events.slice(i, i + CHUNK).map((event: DomainEvent, j) => ({ ...eventColumns(event), enquiry_id: event.enquiryId, seq: first + i + j }));
      await tx.query(
        `INSERT INTO events (trust_id, id, enquiry_id, hlc, type, author_id, at, schema_version, payload, seq)
         SELECT $1, x.id, x.enquiry_id, x.hlc, x.type, x.author_id, x.at, x.schema_version, x.payload, x.seq
         FROM jsonb_to_recordset($2::jsonb) AS x(id text, enquiry_id text, hlc text, type text, author_id text, at text, schema_version integer, payload jsonb, seq bigint)`,
        [trustId, json(rows)],
      );
    }
    const base = first + backup.events.length;
    for (let i = 0; i < directory.length; i += CHUNK) {
      const rows = directory.slice(i, i + CHUNK).map(({ collection, entry }, j) => ({ collection, id: entry.record.id, version: entry.version, data: entry.record, seq: base + i + j }));
      await tx.query(
        `INSERT INTO records (trust_id, collection, id, version, data, deleted, seq)
         SELECT $1, x.collection, x.id, x.version, x.data, false, x.seq
         FROM jsonb_to_recordset($2::jsonb) AS x(collection text, id text, version integer, data jsonb, seq bigint)`,
        [trustId, json(rows)],
      );
    }
    for (let i = 0; i < responses.length; i += CHUNK) {
      const rows = responses.slice(i, i + CHUNK).map(({ entry }) => ({ id: entry.record.id, survey_id: (entry.record as unknown as { surveyId: string }).surveyId, data: entry.record }));
      await tx.query(
        `INSERT INTO survey_responses (trust_id, survey_id, id, data)
         SELECT $1, x.survey_id, x.id, x.data FROM jsonb_to_recordset($2::jsonb) AS x(id text, survey_id text, data jsonb)`,
        [trustId, json(rows)],
      );
    }
    await importBadges(tx, trustId, badges.section);
    await importStaffFeedbackReceipts(tx, trustId, receipts.section);
    const reader = createDirectoryReader(tx, trustId);
    for (const enquiryId of [...new Set(backup.events.map((e) => e.enquiryId))]) await rebuildEnquiry(tx, lifecycle, trustId, enquiryId, reader);
    return { events: backup.events.length, records: records.length };
  });
}
