/**
 * Enquiry logs on the server: pushing a batch of events (idempotent by id, each decided by the
 * policy and replayed by the lifecycle), the summaries kept next to each log, and the state a
 * reader's view is filtered by.
 * @module
 */
import { eventsToResend, visibilityChanges } from '../policy/redact.js';
import type { PushResponse, PushResult } from '../sync/wire.js';
import { compareEvents, type DomainEvent } from '../lifecycle/events.js';
import type { EnquiryState, Lifecycle } from '../lifecycle/lifecycle.js';
import type { Refusal } from '../lifecycle/refusals.js';
import { POLICY_REASONS } from '../policy/policy.js';
import type { Community } from '../schema/directory.js';
import type { EnquiryDetails } from '../schema/enquiry.js';
import { ValidationError, type FieldProblem } from '../schema/errors.js';
import { UnsupportedVersionError } from '../schema/migrate.js';
import { MAX_BATCH, MAX_EVENT_JSON, type EnquiryFilter, type EnquirySummary } from '../store/store.js';
import {
  compareSummaries,
  enquiryDetailsOf,
  inputKeyOf,
  matchesFilter,
  resolveInput,
  snapshotOf,
  type CachedEnquiry,
} from '../store/summary.js';
import { FILTERED_EVENT_TYPES, authorize, type ReaderContext } from './access.js';
import type { Principal } from './auth.js';
import type { Queryable } from './db.js';
import { badRequest, HttpError, tooLarge } from './errors.js';
import {
  allocateSeq,
  createDirectoryReader,
  enquiryKey,
  EVENT_COLUMNS,
  json,
  lockKeys,
  lockTrustShared,
  readEventRows,
  rowToEvent,
  type DirectoryReader,
  type EventRow,
  type RecordOverride,
} from './sql.js';

/** What happened to one event of a pushed batch. */
export type { PushResponse, PushResult } from '../sync/wire.js';

/** Dependencies of the enquiry functions. */
export interface EnquiryDeps {
  lifecycle: Lifecycle;
}

const describe = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

/** Checks each event of a batch before any database work: shape, size, schema, enquiry id. */
function checkEvents(enquiryId: string, raw: unknown, lifecycle: Lifecycle, bodyChars: number | undefined) {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw badRequest('(body)', `must be an object { "events": [...] }, not ${describe(raw)}`);
  const events = (raw as { events?: unknown }).events;
  if (!Array.isArray(events)) throw badRequest('events', `must be an array of events, not ${describe(events)}`);
  if (events.length > MAX_BATCH) throw tooLarge('events', `has ${events.length} events; one push takes at most ${MAX_BATCH} (split the batch)`);
  const valid: Array<{ index: number; event: DomainEvent }> = [];
  const results: Array<PushResult | undefined> = [];
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

/** The stored state of one enquiry, resumed from its cache or replayed from its log. */
interface LoadedEnquiry {
  state: EnquiryState;
  inputKey: string;
  input: ReturnType<typeof resolveInput>;
  /** Whether the stored log was read (it is, when the cache could not be used). */
  log: EventRow[] | undefined;
}

/** The summary row of an enquiry. */
interface SummaryRow {
  cache: CachedEnquiry['cache'];
  input_key: string;
}

async function readSummaryRow(q: Queryable, trustId: string, enquiryId: string): Promise<SummaryRow | undefined> {
  const { rows } = await q.query<SummaryRow>('SELECT cache, input_key FROM summaries WHERE trust_id = $1 AND enquiry_id = $2', [trustId, enquiryId]);
  return rows[0];
}

/** Writes an enquiry's summary row; parameters `$1` to `$7` are {@link summaryParams}. */
const UPSERT_SUMMARY = `INSERT INTO summaries (trust_id, enquiry_id, cycle_id, community_id, summary, cache, input_key)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7)
     ON CONFLICT (trust_id, enquiry_id) DO UPDATE SET
       cycle_id = EXCLUDED.cycle_id, community_id = EXCLUDED.community_id,
       summary = EXCLUDED.summary, cache = EXCLUDED.cache, input_key = EXCLUDED.input_key`;

/** The summary of a state and the parameters of {@link UPSERT_SUMMARY} that store it. */
function summaryParams(trustId: string, enquiryId: string, lifecycle: Lifecycle, state: EnquiryState, inputKey: string) {
  const { summary, cached } = snapshotOf(lifecycle, enquiryId, state, inputKey);
  return { summary, params: [trustId, enquiryId, summary.cycleId || null, summary.communityId ?? null, json(summary), json(cached.cache), inputKey] };
}

async function writeSummary(q: Queryable, trustId: string, enquiryId: string, lifecycle: Lifecycle, state: EnquiryState, inputKey: string): Promise<EnquirySummary> {
  const { summary, params } = summaryParams(trustId, enquiryId, lifecycle, state, inputKey);
  await q.query(UPSERT_SUMMARY, params);
  return summary;
}

/** An event row as a push stores it; `n` is its place in the batch, which numbers its change. */
type NewEventRow = Omit<EventRow, 'enquiry_id' | 'seq'> & { n: number };

/**
 * Stores a push's accepted events and the enquiry's new summary in two statements: the summary
 * with the trust's change counter (the last lock of the transaction, as `lockTrustShared`
 * orders them), then the events with their change numbers. Returns how many events were
 * inserted: fewer than given when another transaction stored some of them first.
 */
async function storeEvents(q: Queryable, trustId: string, enquiryId: string, summary: readonly unknown[], rows: readonly NewEventRow[]): Promise<number> {
  const { rows: counter } = await q.query<{ seq: number }>(
    `WITH summary AS (${UPSERT_SUMMARY})
     INSERT INTO trusts (id, seq) VALUES ($1, $8) ON CONFLICT (id) DO UPDATE SET seq = trusts.seq + EXCLUDED.seq RETURNING seq`,
    [...summary, rows.length],
  );
  const first = Number(counter[0]!.seq) - rows.length + 1;
  const inserted = await q.query(
    `INSERT INTO events (trust_id, ${EVENT_COLUMNS})
     SELECT $1, x.id, $2, x.hlc, x.type, x.author_id, x.at, x.schema_version, x.payload, x.refused, x.refusal, $3 + x.n
     FROM jsonb_to_recordset($4::jsonb) AS x(id text, hlc text, type text, author_id text, at text,
       schema_version integer, payload jsonb, refused boolean, refusal jsonb, n bigint)
     ON CONFLICT DO NOTHING`,
    [trustId, enquiryId, first, json(rows)],
  );
  return inserted.rowCount;
}

/** Writes the refused flag of stored events whose refusal changed in a full replay. */
async function updateRefusals(q: Queryable, trustId: string, rows: readonly EventRow[], state: EnquiryState): Promise<void> {
  const refusals = new Map(state.refusals.map((r) => [r.eventId, r]));
  const changed = rows
    .filter((row) => row.refused !== refusals.has(row.id) || (row.refused && json(row.refusal) !== json(refusals.get(row.id))))
    .map((row) => ({ id: row.id, refused: refusals.has(row.id), refusal: refusals.get(row.id) ?? null }));
  if (!changed.length) return;
  await q.query(
    `UPDATE events SET refused = x.refused, refusal = x.refusal
     FROM jsonb_to_recordset($2::jsonb) AS x(id text, refused boolean, refusal jsonb)
     WHERE events.trust_id = $1 AND events.id = x.id`,
    [trustId, json(changed)],
  );
}

/**
 * Sends events again in the change feed by giving them new change numbers: used when what a
 * reader may see of them changed.
 */
async function resend(q: Queryable, trustId: string, eventIds: readonly string[]): Promise<void> {
  if (!eventIds.length) return;
  const first = await allocateSeq(q, trustId, eventIds.length);
  await q.query(
    `UPDATE events SET seq = x.seq FROM jsonb_to_recordset($2::jsonb) AS x(id text, seq bigint)
     WHERE events.trust_id = $1 AND events.id = x.id`,
    [trustId, json(eventIds.map((id, i) => ({ id, seq: first + i })))],
  );
}

/** Loads an enquiry's state for a write: its cache when the input is unchanged, else a replay of its log. */
async function loadEnquiry(
  q: Queryable,
  trustId: string,
  enquiryId: string,
  lifecycle: Lifecycle,
  directory: DirectoryReader,
  pendingDetails?: EnquiryDetails,
): Promise<LoadedEnquiry> {
  const row = await readSummaryRow(q, trustId, enquiryId);
  const details = row?.cache.context.details ?? pendingDetails;
  const input = resolveInput(details, await directory.sources(details));
  const inputKey = inputKeyOf(input, lifecycle);
  if (row && row.input_key === inputKey) return { state: lifecycle.restore(row.cache, input), inputKey, input, log: undefined };
  const log = await readEventRows(q, trustId, enquiryId);
  const events = log.map(rowToEvent);
  const logDetails = enquiryDetailsOf(events) ?? pendingDetails;
  const logInput = logDetails === details ? input : resolveInput(logDetails, await directory.sources(logDetails));
  return { state: lifecycle.replay(events, logInput), inputKey: inputKeyOf(logInput, lifecycle), input: logInput, log };
}

/**
 * Pushes a batch of events to an enquiry's log. Each event is checked (schema, size, enquiry),
 * then, in one transaction: events already stored are `duplicate`; the policy decides whether
 * the caller may write each new one (`forbidden` otherwise, not stored); the lifecycle replays
 * them, and those it refuses are stored all the same and reported `refused` with the reason.
 * With `atomic`, any invalid or forbidden event fails the whole batch and nothing is stored.
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
  if (principal.kind === 'person') {
    for (const { index, event } of checked.valid) {
      if (event.authorId !== principal.personId) {
        results[index] = {
          index,
          eventId: event.id,
          status: 'forbidden',
          reason: 'author-mismatch',
          message: `Events are written by the person signed in: authorId must be ${principal.personId}, not ${event.authorId}.`,
        };
      }
    }
  }
  if (options.atomic) failIfAny(results, new Set());

  const candidates = checked.valid.filter(({ index }) => !results[index]);
  const outcome = await db.transaction(async (tx) => {
    await lockTrustShared(tx, trustId);
    await lockKeys(tx, trustId, [enquiryKey(enquiryId)]);
    const out: Array<PushResult | undefined> = [...results];
    const ids = candidates.map(({ event }) => event.id);
    // One probe of the key per id, whatever the table's size (the planner would otherwise
    // read a small table whole); LIMIT 1 keeps the probe from being flattened into a join.
    const { rows: existing } = ids.length
      ? await tx.query<{ id: string; enquiry_id: string }>(
          `SELECT e.id, e.enquiry_id FROM unnest($2::text[]) AS x(id)
           CROSS JOIN LATERAL (SELECT id, enquiry_id FROM events WHERE trust_id = $1 AND id = x.id LIMIT 1) e`,
          [trustId, ids],
        )
      : { rows: [] };
    const stored = new Map(existing.map((row) => [row.id, row.enquiry_id]));
    const seen = new Set<string>();
    const conflicts = new Set<number>();
    const fresh: Array<{ index: number; event: DomainEvent }> = [];
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
    if (options.atomic) failIfAny(out, conflicts);
    if (!fresh.length) return { results: out, summary: undefined as EnquirySummary | undefined };

    const directory = createDirectoryReader(tx, trustId);
    const pendingCreate = fresh.find(({ event }) => event.type === 'enquiry.create')?.event.payload as EnquiryDetails | undefined;
    const loaded = await loadEnquiry(tx, trustId, enquiryId, lifecycle, directory, pendingCreate);
    const before = loaded.state.data;
    let view = loaded.state;
    let log = loaded.log;
    let replayed = Boolean(log);
    const accepted: Array<{ index: number; event: DomainEvent }> = [];

    const community = async (): Promise<Community | undefined> => {
      const id = view.data.details?.communityId ?? pendingCreate?.communityId;
      return id ? directory.community(id) : undefined;
    };
    // An event that sorts before events already applied arrived late (from a device that was
    // offline): the enquiry is then settled again before the next access check, exactly as a
    // replay of the whole log would, but from the state just before the batch's earliest event,
    // so only the stored events after that point are applied again. Replaying the whole log for
    // each late event made a returning laptop's 500 events take seconds on a long-lived enquiry.
    let prefix: { state: EnquiryState; after: DomainEvent[] } | undefined;
    let stale = false;
    const settle = async () => {
      log ??= await readEventRows(tx, trustId, enquiryId);
      const newEvents = accepted.map((a) => a.event);
      if (!prefix) {
        const earliest = fresh.map((c) => c.event).reduce((a, b) => (compareEvents(a, b) <= 0 ? a : b));
        const stored = log.map(rowToEvent);
        const before = stored.filter((e) => compareEvents(e, earliest) < 0);
        prefix = { state: lifecycle.replay(before, loaded.input), after: stored.filter((e) => compareEvents(e, earliest) >= 0) };
      }
      view = lifecycle.resume(prefix.state, [...prefix.after, ...newEvents]) ?? lifecycle.replay([...log.map(rowToEvent), ...newEvents], loaded.input);
      replayed = true;
      stale = false;
    };
    for (const candidate of fresh) {
      const { index, event } = candidate;
      // An enquiry's owners are what its first create says: no create for a stored enquiry is
      // ever stored, whoever sends it (a service too) and however it is dated (docs/privacy.md).
      if (event.type === 'enquiry.create' && (before.status !== 'new' || accepted.some((a) => a.event.type === 'enquiry.create'))) {
        out[index] = { index, eventId: event.id, status: 'forbidden', reason: 'already-created', message: POLICY_REASONS['already-created'] };
        if (options.atomic) failIfAny(out, conflicts);
        continue;
      }
      if (principal.kind === 'person') {
        if (stale) await settle();
        const decision = authorize(principal, 'event.append', { enquiry: view.data, community: await community(), eventType: event.type, payload: event.payload });
        if (!decision.allowed) {
          out[index] = { index, eventId: event.id, status: 'forbidden', reason: decision.code, message: decision.reason };
          if (options.atomic) failIfAny(out, conflicts);
          continue;
        }
      }
      accepted.push(candidate);
      // Validated by checkEvents: the lifecycle only applies it.
      const next = stale ? undefined : lifecycle.resume(view, [event], undefined, { validated: true });
      if (next) view = next;
      else stale = true;
    }
    if (!accepted.length) return { results: out, summary: undefined };
    if (stale) await settle();

    const refusals = new Map(view.refusals.map((r) => [r.eventId, r]));
    for (const { index, event } of accepted) {
      const refusal = refusals.get(event.id);
      out[index] = refusal ? { index, eventId: event.id, status: 'refused', refusal } : { index, eventId: event.id, status: 'appended' };
    }
    if (replayed && log) await updateRefusals(tx, trustId, log, view);
    const change = visibilityChanges(before, view.data);
    if (change) await resend(tx, trustId, eventsToResend(change, log ? log.map(rowToEvent) : await readFilteredTypes(tx, trustId, enquiryId)));

    const rows = accepted.map(({ event }, n): NewEventRow => {
      const refusal = refusals.get(event.id);
      return {
        n,
        id: event.id,
        hlc: event.hlc,
        type: event.type,
        author_id: event.authorId,
        at: event.at,
        schema_version: event.schemaVersion,
        payload: event.payload,
        refused: Boolean(refusal),
        refusal: refusal ?? null,
      };
    });
    const { summary, params } = summaryParams(trustId, enquiryId, lifecycle, view, loaded.inputKey);
    if ((await storeEvents(tx, trustId, enquiryId, params, rows)) !== rows.length) {
      throw new HttpError(409, { error: 'conflict', message: 'Another request stored some of these events at the same moment: push the batch again.' });
    }
    return { results: out, summary };
  });
  return { enquiryId, results: outcome.results as PushResult[], summary: outcome.summary };
}

/** The stored events whose visibility can change, for {@link visibilityChanges}. */
async function readFilteredTypes(q: Queryable, trustId: string, enquiryId: string) {
  const { rows } = await q.query<{ id: string; type: string; payload: Record<string, unknown> }>(
    `SELECT id, type, jsonb_build_object('id', payload->'id') AS payload FROM events
     WHERE trust_id = $1 AND enquiry_id = $2 AND type = ANY($3::text[])`,
    [trustId, enquiryId, [...FILTERED_EVENT_TYPES]],
  );
  return rows;
}

/** In an atomic push, the first invalid or forbidden event fails the whole batch. */
function failIfAny(results: ReadonlyArray<PushResult | undefined>, conflicts: ReadonlySet<number>): void {
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

/** Reader contexts (enquiry state and community) of some enquiries, for filtering their events. */
export async function readerContexts(q: Queryable, trustId: string, enquiryIds: readonly string[]): Promise<Map<string, ReaderContext>> {
  const contexts = new Map<string, ReaderContext>();
  if (!enquiryIds.length) return contexts;
  // The cached context is read out of its (large, compressed) row once, and only the fields a
  // reader's view depends on are taken from it: the change feed asks for every page.
  const { rows } = await q.query<{ enquiry_id: string; details: EnquiryDetails | null; status: EnquirySummary['status']; published_at: string | null; community: Community | null } & ObservationColumns>(
    `WITH s AS MATERIALIZED (
       SELECT trust_id, enquiry_id, community_id, cache->'context' AS context FROM summaries WHERE trust_id = $1 AND enquiry_id = ANY($2::text[])
     )
     SELECT s.enquiry_id, s.context->'details' AS details, s.context->>'status' AS status, s.context->>'publishedAt' AS published_at,
            jsonb_path_query_array(s.context, '$.observations[*].id') AS ids,
            jsonb_path_query_array(s.context, '$.observations[*].observerId') AS observers,
            jsonb_path_query_array(s.context, '$.observations[*].observedId') AS observed,
            jsonb_path_query_array(s.context, '$.observations[*].sharedWith') AS shared,
            c.data AS community
     FROM s
     LEFT JOIN records c ON c.trust_id = s.trust_id AND c.collection = 'communities' AND c.id = s.community_id AND NOT c.deleted`,
    [trustId, [...enquiryIds]],
  );
  for (const row of rows) {
    contexts.set(row.enquiry_id, {
      enquiry: { details: row.details ?? undefined, observations: observationsOf(row.enquiry_id, row), status: row.status, publishedAt: row.published_at ?? undefined },
      community: row.community ?? undefined,
    });
  }
  for (const id of enquiryIds) {
    if (!contexts.has(id)) contexts.set(id, { enquiry: { details: undefined, observations: [], status: 'new' } });
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

/** One enquiry's summary, if the caller may see it. */
export async function readSummary(q: Queryable, principal: Principal, enquiryId: string): Promise<EnquirySummary | undefined> {
  const { rows } = await q.query<{ summary: EnquirySummary }>('SELECT summary FROM summaries WHERE trust_id = $1 AND enquiry_id = $2', [principal.trustId, enquiryId]);
  if (!rows[0]) return undefined;
  const context = (await readerContexts(q, principal.trustId, [enquiryId])).get(enquiryId)!;
  return authorize(principal, 'enquiry.read', context).allowed ? rows[0].summary : undefined;
}

