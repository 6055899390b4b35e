/**
 * Directory records (people, cycles, communities, ...) over HTTP with optimistic concurrency:
 * the ETag is the record's version; a write names the version it read in `If-Match` (or
 * `If-None-Match: *` to create). A stale version gets 412 and nothing is written; a write to an
 * existing record without either header gets 428. Deletions stay as tombstones so the change
 * feed can report them.
 * @module
 */
import type { Lifecycle } from '../lifecycle/lifecycle.js';
import { POLICY_REASONS, type PolicyResources } from '../policy/policy.js';
import { COLLECTIONS, DIRECTORY, type Collection, type Community, type LearningWalk, type Meeting, type Survey } from '../schema/directory.js';
import { StaleWriteError, StoreError, type Versioned } from '../store/store.js';
import { checkDirectoryDelete, ledBy, recordDirectoryHistory, stampWriter } from '../store/history.js';
import { inputImpactOf } from '../store/summary.js';
import { checkId, checkRecord } from '../store/validate.js';
import { checkRecordFits } from '../store/recordRules.js';
import { authorize, recordForReader } from './access.js';
import type { Principal } from './auth.js';
import type { Db, Queryable } from './db.js';
import { enquiriesFor, readerContexts, refreshEnquiries, resendFiltered } from './enquiries.js';
import { badRequest, forbidden, fromStoreError, HttpError, notFound } from './errors.js';
import { allocateSeq, json, lockKeys, lockTrustShared, readRecord, recordKey, rulesPort } from './sql.js';

/** The collections a reader may list and fetch record by record. */
export function checkReadable(principal: Principal, collection: Collection): void {
  if (collection === 'appraisals') {
    const decision = authorize(principal, 'appraisal.read', { scope: 'individual' });
    if (!decision.allowed) throw forbidden(decision.code, decision.reason);
  }
  if (collection === 'surveyResponses') {
    const decision = authorize(principal, 'survey.results.read', { enquiry: { details: undefined, observations: [], status: 'new' }, aggregated: false });
    if (!decision.allowed) throw forbidden(decision.code, `${decision.reason} Read them at GET /v1/surveys/{id}/results.`);
  }
}

/** Whether a reader may see records of `collection` in the change feed. */
export function isReadable(principal: Principal, collection: string): boolean {
  try {
    checkReadable(principal, collection as Collection);
    return true;
  } catch {
    return false;
  }
}

/** Parses a collection name from the path, or 400. */
export function parseCollection(value: string): Collection {
  if (Object.prototype.hasOwnProperty.call(DIRECTORY, value)) return value as Collection;
  throw badRequest('collection', `must be one of: ${COLLECTIONS.join(', ')} (got "${value.slice(0, 64)}")`);
}

/** The ETag of a version. */
export const etagOf = (version: number) => `"${version}"`;

/** Reads the version an `If-Match` header names: `"3"`, `W/"3"` or `3`. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) throw badRequest('If-Match', `must be the ETag you read, such as "3" (got ${JSON.stringify(header.slice(0, 40))})`);
  return Number(match[1]);
}

interface RecordRow {
  version: number;
  data: unknown;
  deleted: boolean;
}

async function readRow(q: Queryable, trustId: string, collection: Collection, id: string): Promise<RecordRow | undefined> {
  const { rows } = await q.query<RecordRow>('SELECT version, data, deleted FROM records WHERE trust_id = $1 AND collection = $2 AND id = $3', [trustId, collection, id]);
  return rows[0];
}

/** Collections whose records a reader may see only in part, or not at all, record by record. */
export const FILTERED_COLLECTIONS: ReadonlySet<Collection> = new Set(['people', 'meetings', 'learningWalks', 'coachingPairs', 'coachingLogs']);

/** The trust's communities: what a reader's view of meetings and learning walks depends on. */
export async function readCommunities(q: Queryable, trustId: string): Promise<Community[]> {
  const { rows } = await q.query<{ data: Community }>("SELECT data FROM records WHERE trust_id = $1 AND collection = 'communities' AND NOT deleted", [trustId]);
  return rows.map((row) => row.data);
}

/**
 * A reader's view of records: each as the policy lets them see it (docs/privacy.md), those they
 * may not read left out. `communities` is read once, when a collection needs it.
 */
export function readerView(principal: Principal, collection: Collection, communities: () => Promise<Community[]>) {
  let loaded: Community[] | undefined;
  return async (record: unknown): Promise<unknown> => {
    if (principal.kind === 'service' || !FILTERED_COLLECTIONS.has(collection)) return record;
    loaded ??= await communities();
    return recordForReader(principal, collection, record, { communities: loaded });
  };
}

/** One record with its version, or 404 (also when the reader may not read it: the answer never says it exists). */
export async function getRecord(db: Queryable, principal: Principal, collection: Collection, id: string): Promise<Versioned<unknown>> {
  checkReadable(principal, collection);
  const row = await readRow(db, principal.trustId, collection, checkIdOr400(id));
  const visible = row && !row.deleted ? await readerView(principal, collection, () => readCommunities(db, principal.trustId))(row.data) : undefined;
  if (!row || visible === undefined) throw notFound('id', `${collection}/${id} does not exist.`);
  return { record: visible, version: Number(row.version) };
}

/** Every live record of a collection the reader may read, ordered by id (code-unit order, as every store). */
export async function listRecords(db: Queryable, principal: Principal, collection: Collection): Promise<Array<Versioned<unknown>>> {
  checkReadable(principal, collection);
  const { rows } = await db.query<{ data: unknown; version: number }>(
    'SELECT data, version FROM records WHERE trust_id = $1 AND collection = $2 AND NOT deleted ORDER BY id COLLATE "C"',
    [principal.trustId, collection],
  );
  const view = readerView(principal, collection, () => readCommunities(db, principal.trustId));
  const out: Array<Versioned<unknown>> = [];
  for (const row of rows) {
    const visible = await view(row.data);
    if (visible !== undefined) out.push({ record: visible, version: Number(row.version) });
  }
  return out;
}

function checkIdOr400(id: string): string {
  try {
    return checkId(id, 'id');
  } catch (error) {
    if (error instanceof StoreError) throw fromStoreError(error);
    throw error;
  }
}

/** The version a write expects: from `If-Match`, `If-None-Match: *`, or none given. */
export interface Precondition {
  ifMatch: string | undefined;
  ifNoneMatch: string | undefined;
}

function expectedVersion(pre: Precondition, current: RecordRow | undefined, collection: Collection, id: string, method: 'PUT' | 'DELETE'): number {
  const live = current && !current.deleted ? Number(current.version) : undefined;
  if (pre.ifNoneMatch !== undefined) {
    if (pre.ifNoneMatch.trim() !== '*') throw badRequest('If-None-Match', 'must be * (create only if the record does not exist)');
    if (live !== undefined) throw new StaleWriteError(collection, id, 0, live);
    return 0;
  }
  const version = parseIfMatch(pre.ifMatch);
  if (version === undefined) {
    if (live === undefined) {
      if (method === 'DELETE') throw notFound('id', `${collection}/${id} does not exist (it may have been deleted already).`);
      return 0;
    }
    throw new HttpError(428, {
      error: 'precondition-required',
      message: `${collection}/${id} exists: send If-Match with the ETag you read (${etagOf(live)}) so no one else's change is overwritten.`,
      field: 'If-Match',
      actualVersion: live,
    });
  }
  if (live === undefined && method === 'DELETE') throw notFound('id', `${collection}/${id} does not exist (it may have been deleted already).`);
  if (version !== (live ?? 0)) throw new StaleWriteError(collection, id, version, live);
  return version;
}

/**
 * Decides a directory write with the records the rule needs: a survey's enquiry, a meeting's
 * community, a learning walk's cycle's communities. Survey answers are never written here, not even by a service: only through a
 * survey link.
 */
async function authorizeWrite(q: Queryable, principal: Principal, collection: Collection, record: unknown): Promise<void> {
  if (principal.kind === 'service') {
    if (collection === 'surveyResponses') throw forbidden('use-survey-link', POLICY_REASONS['use-survey-link']);
    return;
  }
  let resource: PolicyResources['directory.write'] = { collection };
  if (collection === 'surveys') {
    const enquiryId = (record as Partial<Survey> | undefined)?.enquiryId;
    const context = enquiryId ? (await readerContexts(q, principal.trustId, [enquiryId])).get(enquiryId) : undefined;
    resource = { collection, enquiry: context?.enquiry.details ? context.enquiry : undefined, community: context?.community };
  } else if (collection === 'meetings') {
    const communityId = (record as Partial<Meeting> | undefined)?.communityId;
    resource = { collection, community: communityId ? await readRecord(q, principal.trustId, 'communities', communityId) : undefined };
  } else if (collection === 'learningWalks') {
    // Any lead of a community of the walk's cycle may record it.
    const cycleId = (record as Partial<LearningWalk> | undefined)?.cycleId;
    const { rows } = await q.query<{ data: Community }>(
      "SELECT data FROM records WHERE trust_id = $1 AND collection = 'communities' AND NOT deleted AND data->>'cycleId' = $2",
      [principal.trustId, cycleId ?? ''],
    );
    resource = { collection, communities: rows.map((row) => row.data) };
  } else if (collection === 'coachingPairs' || collection === 'coachingLogs') {
    resource = { collection, record };
  }
  const decision = authorize(principal, 'directory.write', resource);
  if (!decision.allowed) throw forbidden(decision.code, decision.reason);
}

/** Collections whose write rule depends on the record (its enquiry, community or cycle). */
const RECORD_DEPENDENT: ReadonlySet<Collection> = new Set(['surveys', 'meetings', 'learningWalks', 'coachingPairs', 'coachingLogs']);

/** Whether a community write changes who may read its enquiries' notes and outcomes. */
function membershipChanged(before: unknown, after: unknown): boolean {
  const pick = (value: unknown) => {
    const c = value as Partial<Community> | undefined;
    return json([c?.leadId ?? null, [...(c?.memberIds ?? [])].sort(), [...(c?.coachIds ?? [])].sort()]);
  };
  return pick(before) !== pick(after);
}

/**
 * Writes a record (create or update) after checking its schema, the caller's right and the
 * version it read. Enquiries whose lifecycle input it changes are replayed in the same
 * transaction.
 * @returns the stored record with its new version, and whether it was created.
 */
export async function putRecord(
  db: Db,
  lifecycle: Lifecycle,
  principal: Principal,
  collection: Collection,
  id: string,
  body: unknown,
  pre: Precondition,
): Promise<{ stored: Versioned<unknown>; created: boolean }> {
  checkIdOr400(id);
  let record: unknown;
  try {
    record = checkRecord(collection, body);
  } catch (error) {
    if (error instanceof StoreError) throw fromStoreError(error);
    throw error;
  }
  if ((record as { id: string }).id !== id) throw badRequest('record.id', `must be "${id}", the id in the path (got "${(record as { id: string }).id}")`);
  return db.transaction(async (tx) => {
    const trustId = principal.trustId;
    await lockTrustShared(tx, trustId);
    await lockKeys(tx, trustId, [recordKey(collection, id)]);
    const current = await readRow(tx, trustId, collection, id);
    // Moving a survey or a meeting needs the right on both sides.
    if (current && !current.deleted) await authorizeWrite(tx, principal, collection, current.data);
    await authorizeWrite(tx, principal, collection, record);
    let expected: number;
    try {
      expected = expectedVersion(pre, current, collection, id, 'PUT');
      await checkRecordFits(collection, record, rulesPort(tx, trustId));
    } catch (error) {
      if (error instanceof StoreError) throw fromStoreError(error);
      throw error;
    }
    const before = current && !current.deleted ? current.data : undefined;
    const now = new Date().toISOString();
    if (principal.kind === 'person') record = stampWriter(collection, record, principal.personId, now);
    record = recordDirectoryHistory(collection, before, record, now);
    await applyImpact(tx, lifecycle, trustId, collection, id, before, record);
    const version = expected + 1;
    const seq = await allocateSeq(tx, trustId, 1);
    await tx.query(
      `INSERT INTO records (trust_id, collection, id, version, data, deleted, seq) VALUES ($1, $2, $3, $4, $5::jsonb, false, $6)
       ON CONFLICT (trust_id, collection, id) DO UPDATE SET version = EXCLUDED.version, data = EXCLUDED.data, deleted = false, seq = EXCLUDED.seq`,
      [trustId, collection, id, version, json(record), seq],
    );
    return { stored: { record, version }, created: expected === 0 };
  });
}

/** Deletes a record at the version the caller read, leaving a tombstone for the change feed. */
export async function deleteRecord(db: Db, lifecycle: Lifecycle, principal: Principal, collection: Collection, id: string, pre: Precondition): Promise<void> {
  checkIdOr400(id);
  await db.transaction(async (tx) => {
    const trustId = principal.trustId;
    await lockTrustShared(tx, trustId);
    await lockKeys(tx, trustId, [recordKey(collection, id)]);
    // Permission before existence: a refusal never says whether the record exists.
    if (!RECORD_DEPENDENT.has(collection)) await authorizeWrite(tx, principal, collection, undefined);
    const current = await readRow(tx, trustId, collection, id);
    const missing = () => notFound('id', `${collection}/${id} does not exist (it may have been deleted already).`);
    if (!current || current.deleted) throw missing();
    if (RECORD_DEPENDENT.has(collection)) {
      // Who may delete depends on the record: one the caller may not even read is answered as missing.
      if ((await readerView(principal, collection, () => readCommunities(tx, trustId))(current.data)) === undefined) throw missing();
      await authorizeWrite(tx, principal, collection, current.data);
    }
    let expected: number;
    try {
      expected = expectedVersion(pre, current, collection, id, 'DELETE');
    } catch (error) {
      if (error instanceof StoreError) throw fromStoreError(error);
      throw error;
    }
    await checkDeletable(tx, trustId, collection, id, current.data);
    await applyImpact(tx, lifecycle, trustId, collection, id, current?.data, undefined);
    const seq = await allocateSeq(tx, trustId, 1);
    await tx.query('UPDATE records SET version = $4, data = NULL, deleted = true, seq = $5 WHERE trust_id = $1 AND collection = $2 AND id = $3', [
      trustId,
      collection,
      id,
      expected + 1,
      seq,
    ]);
    // A survey's answers, code, links and receipts go with it (docs/privacy.md, how long it is kept).
    if (collection === 'surveys') {
      for (const table of ['survey_responses', 'survey_codes', 'survey_tokens', 'survey_receipts']) {
        await tx.query(`DELETE FROM ${table} WHERE trust_id = $1 AND survey_id = $2`, [trustId, id]);
      }
    }
    if (collection === 'staffSurveys') {
      for (const table of ['survey_responses', 'staff_survey_receipts']) await tx.query(`DELETE FROM ${table} WHERE trust_id = $1 AND survey_id = $2`, [trustId, id]);
    }
  });
}

/** Refuses a deletion that would change an enquiry's history (see `checkDirectoryDelete`). */
async function checkDeletable(tx: Queryable, trustId: string, collection: Collection, id: string, record: unknown): Promise<void> {
  let enquiries = 0;
  let leadsCommunity = false;
  if (collection === 'cycles' || collection === 'communities') {
    const column = collection === 'cycles' ? 'cycle_id' : 'community_id';
    const { rows } = await tx.query<{ n: number }>(`SELECT count(*)::integer AS n FROM summaries WHERE trust_id = $1 AND ${column} = $2`, [trustId, id]);
    enquiries = Number(rows[0]?.n ?? 0);
  } else if (collection === 'people') {
    const { rows } = await tx.query<{ data: Community }>("SELECT data FROM records WHERE trust_id = $1 AND collection = 'communities' AND NOT deleted", [trustId]);
    leadsCommunity = rows.some((row) => ledBy(row.data, id));
  }
  try {
    checkDirectoryDelete(collection, record, { enquiries, leadsCommunity });
  } catch (error) {
    if (error instanceof StoreError) throw fromStoreError(error);
    throw error;
  }
}

/** Replays the enquiries a write changes, and re-sends what a community change lets more people see. */
async function applyImpact(tx: Queryable, lifecycle: Lifecycle, trustId: string, collection: Collection, id: string, before: unknown, after: unknown): Promise<void> {
  const impact = inputImpactOf(collection, id, before, after);
  const members = collection === 'communities' && membershipChanged(before, after);
  if (!impact && !members) return;
  const affected = impact ? await enquiriesFor(tx, trustId, impact) : [];
  if (affected.length) await refreshEnquiries(tx, lifecycle, trustId, affected, { collection, id, record: after });
  if (members) await resendFiltered(tx, trustId, await enquiriesFor(tx, trustId, { field: 'communityId', id }));
}
