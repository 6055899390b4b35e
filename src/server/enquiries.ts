/**
 * Enquiry logs on the server: pushing a batch of events (idempotent by id, each decided by the
 * policy and replayed by the lifecycle), the summaries kept next to each log, and the state a
 * reader's view is filtered by.
 * @module
 */
import { compareEvents, type DomainEvent } from '../lifecycle/events.js';
import type { Lifecycle } from '../lifecycle/lifecycle.js';
import type { Refusal } from '../lifecycle/refusals.js';
import type { Community } from '../schema/directory.js';
import type { EnquiryDetails } from '../schema/enquiry.js';
import type { EnquiryFilter, EnquirySummary } from '../store/store.js';
import type { PushResponse, PushResult } from '../sync/wire.js';
import { compareSummaries, enquiryDetailsOf, inputKeyOf, matchesFilter, resolveInput } from '../store/summary.js';
import { FILTERED_EVENT_TYPES, authorize, type ReaderContext } from './access.js';
import type { Principal } from './auth.js';
import type { Queryable } from './db.js';
import { appendBatch } from '../store/append.js';
import { readSummaryRow, resend, StoredAlready, SummaryMemo, updateRefusals, writeSummary } from './pushRepository.js';
import { pushPort } from './pushPort.js';
import { checkEvents, failIfAny, refuseOtherAuthors, reportAppend, type Results } from './pushSteps.js';
import { createDirectoryReader, enquiryKey, lockKeys, lockTrustSharedAndKey, readEventRows, rowToEvent, type DirectoryReader, type RecordOverride } from './sql.js';

export type { PushResponse, PushResult } from '../sync/wire.js';

/** Dependencies of the enquiry functions. */
export interface EnquiryDeps {
  lifecycle: Lifecycle;
}

/** Each database's memo of the summary rows this process wrote (see `SummaryMemo`). */
const memos = new WeakMap<object, SummaryMemo>();
const memoOf = (db: object): SummaryMemo => {
  let memo = memos.get(db);
  if (!memo) memos.set(db, (memo = new SummaryMemo()));
  return memo;
};

/**
 * Pushes a batch of events to an enquiry's log. Each event is checked (schema, size, enquiry),
 * then, in one transaction: events already stored are `duplicate`; the policy decides whether
 * the caller may write each new one (`forbidden` otherwise, not stored); the lifecycle replays
 * them, and those it refuses are stored all the same and reported `refused` with the reason.
 * With `atomic`, any invalid or forbidden event fails the whole batch and nothing is stored.
 * The steps are the stores' append orchestration (`src/store/append.ts`) over the port in
 * `pushPort.ts`: the policy's judge and the results are `pushSteps.ts`, the SQL `pushRepository.ts`.
 */
export async function pushEvents(
  db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> },
  deps: EnquiryDeps,
  principal: Principal,
  enquiryId: string,
  body: unknown,
  options: { atomic: boolean; bodyBytes?: number | undefined },
): Promise<PushResponse> {
  const { lifecycle } = deps;
  const trustId = principal.trustId;
  const checked = checkEvents(enquiryId, body, lifecycle, options.bodyBytes);
  const results = checked.results;
  refuseOtherAuthors(principal, checked.valid, results);
  if (options.atomic) failIfAny(results, new Set());

  const candidates = checked.valid.filter(({ index }) => !results[index]);
  const events = candidates.map((c) => c.event);
  const memo = memoOf(db);
  const attempt = (probe: boolean) =>
    db.transaction(async (tx) => {
      await lockTrustSharedAndKey(tx, trustId, enquiryKey(enquiryId));
      const out: Results = [...results];
      const known = memo.get(trustId, enquiryId);
      const { port, summary, written } = pushPort({ tx, lifecycle, principal, enquiryId, atomic: options.atomic, events, probe, known }, out);
      reportAppend(await appendBatch(lifecycle, enquiryId, candidates, port), out);
      return { results: out, summary: summary(), written: written() };
    });
  // A batch taken for new without probing its ids held a stored one: again, probing (pushPort.ts).
  const outcome = await attempt(false).catch((error: unknown) => {
    if (error instanceof StoredAlready) return attempt(true);
    throw error;
  });
  // Committed: this process's next push to the enquiry can take the state from memory.
  if (outcome.written) memo.set(trustId, enquiryId, outcome.written);
  return { enquiryId, results: outcome.results as PushResult[], summary: outcome.summary };
}

/**
 * Replays enquiries again after a directory write changed their lifecycle input (a cycle's
 * policy, a community's lead, who is a CPD leader), with the record being written seen in place
 * of the stored one. Enquiries whose input did not change are left alone.
 */
export async function refreshEnquiries(
  q: Queryable,
  lifecycle: Lifecycle,
  trustId: string,
  enquiryIds: readonly string[],
  override?: RecordOverride,
): Promise<void> {
  if (!enquiryIds.length) return;
  await lockKeys(q, trustId, enquiryIds.map(enquiryKey));
  const directory = createDirectoryReader(q, trustId, override);
  for (const enquiryId of [...enquiryIds].sort()) {
    const row = await readSummaryRow(q, trustId, enquiryId);
    const details = row?.cache.context.details;
    const input = resolveInput(details, await directory.sources(details));
    const inputKey = inputKeyOf(input, lifecycle);
    if (row && row.input_key === inputKey) continue;
    await rebuildEnquiry(q, lifecycle, trustId, enquiryId, directory);
  }
}

/** Replays one enquiry's whole log into its summary and the refused flags of its events. */
export async function rebuildEnquiry(q: Queryable, lifecycle: Lifecycle, trustId: string, enquiryId: string, directory: DirectoryReader): Promise<void> {
  const log = await readEventRows(q, trustId, enquiryId);
  const events = log.map(rowToEvent);
  const details = enquiryDetailsOf(events);
  const input = resolveInput(details, await directory.sources(details));
  const state = lifecycle.replay(events, input);
  await updateRefusals(q, trustId, log, state);
  await writeSummary(q, trustId, enquiryId, lifecycle, state, inputKeyOf(input, lifecycle));
}

/** The enquiries whose summaries a directory write can change (see `inputImpactOf`). */
export async function enquiriesFor(q: Queryable, trustId: string, impact: { field: 'cycleId' | 'communityId'; id: string } | { field: 'all' }): Promise<string[]> {
  const where = impact.field === 'all' ? '' : impact.field === 'cycleId' ? 'AND cycle_id = $2' : 'AND community_id = $2';
  const { rows } = await q.query<{ enquiry_id: string }>(
    `SELECT enquiry_id FROM summaries WHERE trust_id = $1 ${where}`,
    impact.field === 'all' ? [trustId] : [trustId, impact.id],
  );
  return rows.map((row) => row.enquiry_id);
}

/**
 * Sends again the events of these enquiries whose payload a reader may see only in part: used
 * when a community's members or lead change, which changes who may read them.
 */
export async function resendFiltered(q: Queryable, trustId: string, enquiryIds: readonly string[]): Promise<void> {
  if (!enquiryIds.length) return;
  const { rows } = await q.query<{ id: string }>(
    'SELECT id FROM events WHERE trust_id = $1 AND enquiry_id = ANY($2::text[]) AND type = ANY($3::text[]) ORDER BY id',
    [trustId, [...enquiryIds], [...FILTERED_EVENT_TYPES]],
  );
  await resend(q, trustId, rows.map((row) => row.id));
}

/** Summaries a caller may see, filtered and newest change first. */
export async function listSummaries(q: Queryable, principal: Principal, filter: EnquiryFilter): Promise<EnquirySummary[]> {
  const params: unknown[] = [principal.trustId];
  let where = '';
  if (filter.cycleId !== undefined) {
    params.push(filter.cycleId);
    where += ` AND cycle_id = $${params.length}`;
  }
  if (filter.communityId !== undefined) {
    params.push(filter.communityId);
    where += ` AND community_id = $${params.length}`;
  }
  const { rows } = await q.query<{ summary: EnquirySummary; details: EnquiryDetails | null; status: EnquirySummary['status']; published_at: string | null }>(
    `SELECT summary, cache->'context'->'details' AS details,
            cache->'context'->>'status' AS status, cache->'context'->>'publishedAt' AS published_at
     FROM summaries WHERE trust_id = $1${where}`,
    params,
  );
  const visible = rows.filter((row) =>
    authorize(principal, 'enquiry.read', { enquiry: { details: row.details ?? undefined, observations: [], status: row.status, publishedAt: row.published_at ?? undefined } }).allowed,
  );
  return visible.map((row) => row.summary).filter((s) => matchesFilter(s, filter)).sort(compareSummaries);
}

/** The observation fields a reader's view depends on, as four parallel arrays. */
interface ObservationColumns {
  ids: string[];
  observers: string[];
  observed: string[];
  shared: string[][];
}

/** Zips {@link ObservationColumns} back into observations (every field is required by the schema). */
function observationsOf(enquiryId: string, columns: ObservationColumns): ReaderContext['enquiry']['observations'] {
  const { ids, observers, observed, shared } = columns;
  if (observers.length !== ids.length || observed.length !== ids.length || shared.length !== ids.length) {
    throw new Error(`The cached observations of enquiry ${enquiryId} lack a field (id, observerId, observedId or sharedWith): rebuild its summary.`);
  }
  return ids.map((id, i) => ({ id, observerId: observers[i]!, observedId: observed[i]!, sharedWith: shared[i]! }));
}

/** The reader column of a summary (migration 12): what a reader's view of its enquiry's events depends on. */
export type ReaderColumn = ObservationColumns & { details: EnquiryDetails | null; status: EnquirySummary['status']; publishedAt: string | null };

/** A summary row's reader column and its community, as {@link READER_FROM} selects them. */
interface ReaderRow {
  enquiry_id: string;
  reader: ReaderColumn;
  community: Community | null;
}

/**
 * The community `c` of summaries `s`, as a join after `summaries s` (none when the summary has no
 * community, or none at all): with `s.reader`, what {@link readerContextOf} takes. The change
 * feed's page bounds (changes.ts) join it too.
 */
export const COMMUNITY_OF_SUMMARY = `LEFT JOIN records c ON c.trust_id = s.trust_id AND c.collection = 'communities' AND c.id = s.community_id AND NOT c.deleted`;

/**
 * The reader context of summaries `s` (the FROM and JOIN of a statement that adds its own
 * columns and WHERE): the reader column, a small column the database derives from the cached
 * state on every write, and the enquiry's community.
 */
const READER_FROM = `s.enquiry_id, s.reader, c.data AS community
     FROM summaries s
     ${COMMUNITY_OF_SUMMARY}`;

/**
 * The reader context of an enquiry from its summary's reader column and community, or the
 * context of an enquiry with no summary yet (`reader` null).
 */
export function readerContextOf(enquiryId: string, reader: ReaderColumn | null, community: Community | null): ReaderContext {
  if (!reader) return { enquiry: { details: undefined, observations: [], status: 'new' } };
  return {
    enquiry: { details: reader.details ?? undefined, observations: observationsOf(enquiryId, reader), status: reader.status, publishedAt: reader.publishedAt ?? undefined },
    community: community ?? undefined,
  };
}

/** Reader contexts (enquiry state and community) of some enquiries, for filtering their events. */
export async function readerContexts(q: Queryable, trustId: string, enquiryIds: readonly string[]): Promise<Map<string, ReaderContext>> {
  const contexts = new Map<string, ReaderContext>();
  if (!enquiryIds.length) return contexts;
  // The change feed asks for these on every page: one statement for all its enquiries.
  const { rows } = await q.query<ReaderRow>(`SELECT ${READER_FROM} WHERE s.trust_id = $1 AND s.enquiry_id = ANY($2::text[])`, [trustId, [...enquiryIds]]);
  for (const row of rows) contexts.set(row.enquiry_id, readerContextOf(row.enquiry_id, row.reader, row.community));
  for (const id of enquiryIds) {
    if (!contexts.has(id)) contexts.set(id, readerContextOf(id, null, null));
  }
  return contexts;
}

/** One enquiry's log in merge order, with its refusals, as the caller may see it. */
export async function readLogFor(q: Queryable, principal: Principal, enquiryId: string, filter: (event: DomainEvent, context: ReaderContext) => DomainEvent | undefined) {
  const rows = await readEventRows(q, principal.trustId, enquiryId);
  const context = (await readerContexts(q, principal.trustId, [enquiryId])).get(enquiryId)!;
  const sorted = rows.sort((a, b) => compareEvents(a, b));
  const events: DomainEvent[] = [];
  const refusals: Refusal[] = [];
  for (const row of sorted) {
    const event = filter(rowToEvent(row), context);
    if (!event) continue;
    events.push(event);
    if (row.refused && row.refusal) refusals.push(row.refusal);
  }
  return { events, refusals };
}

/** One enquiry's summary, if the caller may see it: the summary and its reader context in one statement. */
export async function readSummary(q: Queryable, principal: Principal, enquiryId: string): Promise<EnquirySummary | undefined> {
  const { rows } = await q.query<ReaderRow & { summary: EnquirySummary }>(`SELECT s.summary, ${READER_FROM} WHERE s.trust_id = $1 AND s.enquiry_id = $2`, [principal.trustId, enquiryId]);
  const row = rows[0];
  if (!row) return undefined;
  return authorize(principal, 'enquiry.read', readerContextOf(row.enquiry_id, row.reader, row.community)).allowed ? row.summary : undefined;
}
