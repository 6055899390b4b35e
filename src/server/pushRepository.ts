/**
 * The SQL of enquiry logs and their summaries: what a push reads (the ids already stored, the
 * cached state or the log) and writes (events with their change numbers, the summary, refusal
 * flags, events sent again). Every statement filters on `trust_id`; the decisions are made by
 * the pure steps in `pushSteps.ts`.
 * @internal
 * @module
 */
import type { DomainEvent } from '../lifecycle/events.js';
import type { EnquiryState, Lifecycle } from '../lifecycle/lifecycle.js';
import type { EnquiryDetails } from '../schema/enquiry.js';
import type { EnquirySummary } from '../store/store.js';
import { enquiryDetailsOf, inputKeyOf, resolveInput, snapshotOf, type CachedEnquiry } from '../store/summary.js';
import { FILTERED_EVENT_TYPES } from './access.js';
import type { Queryable } from './db.js';
import { allocateSeq, EVENT_COLUMNS, json, readEventRows, rowToEvent, sourcesColumns, type DirectoryReader, type EventRow, type SourcesRow } from './sql.js';

/** An event row as a push stores it; `n` is its place among the rows stored, which numbers its change. */
export type NewEventRow = Omit<EventRow, 'enquiry_id' | 'seq'> & { n: number };

/** The summary row of an enquiry. */
export interface SummaryRow {
  cache: CachedEnquiry['cache'];
  input_key: string;
}

export async function readSummaryRow(q: Queryable, trustId: string, enquiryId: string): Promise<SummaryRow | undefined> {
  const { rows } = await q.query<SummaryRow>('SELECT cache, input_key FROM summaries WHERE trust_id = $1 AND enquiry_id = $2', [trustId, enquiryId]);
  return rows[0];
}

/** A summary row as this process last wrote it: the row version's `xmin`, its summary, its cached state. */
export interface WrittenSummary {
  version: string;
  /** The summary column's text as written. */
  summary: string;
  cache: CachedEnquiry['cache'];
  /** The cached state's JSON length, what the memo counts. */
  size: number;
  /** When written (ms since the epoch). */
  at: number;
}

/**
 * The summary rows this process wrote last, by trust and enquiry, so that its next push to the
 * same enquiry need not read the 120 kB cached state back from the database (about 2 ms of CPU
 * per push between the backend and `pg` at 1,000 events). An entry is only a hint: the push still
 * reads the row under the enquiry's lock, and the database sends the stored state unless the row
 * is exactly the version written here (same `xmin`, same summary); whatever else wrote it since
 * (another process, a replay after a directory change, an erasure, an import) made a new
 * version. Entries expire after ten minutes, far less than the billions of transactions before
 * an `xmin` can repeat, and the memo keeps at most {@link MEMO_CHARS} characters of state.
 */
export class SummaryMemo {
  readonly #entries = new Map<string, WrittenSummary>();
  #chars = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  constructor(readonly maxChars = MEMO_CHARS, readonly maxAgeMs = 10 * 60_000, readonly now: () => number = Date.now) {}

  get(trustId: string, enquiryId: string): WrittenSummary | undefined {
    const key = `${trustId}\u0000${enquiryId}`;
    const entry = this.#entries.get(key);
    if (!entry || this.now() - entry.at <= this.maxAgeMs) return entry;
    this.#drop(key, entry);
    return undefined;
  }

  set(trustId: string, enquiryId: string, entry: WrittenSummary): void {
    const key = `${trustId}\u0000${enquiryId}`;
    const old = this.#entries.get(key);
    if (old) this.#drop(key, old);
    if (entry.size > this.maxChars / 4) return;
    this.#entries.set(key, entry);
    this.#chars += entry.size;
    // The oldest written go first: past the size limit, and any past their age (entries are in
    // the order written, so the expired ones are at the front), so no state is held for long
    // after it may no longer be used.
    for (const [oldest, first] of this.#entries) {
      if (this.#chars <= this.maxChars) break;
      this.#drop(oldest, first);
    }
    this.#dropExpired();
    this.#sweepLater();
  }

  get size(): number {
    return this.#entries.size;
  }

  #drop(key: string, entry: WrittenSummary) {
    this.#entries.delete(key);
    this.#chars -= entry.size;
  }

  /**
   * Drops the copies past their age when the oldest one's time is up, then waits for the next:
   * a process that stops receiving pushes holds no copy for longer than the age (one timer at a
   * time, none while the memo is empty, and it never keeps the process alive).
   */
  #sweepLater() {
    if (this.#timer !== undefined) return;
    const first = this.#entries.values().next().value;
    if (!first) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#dropExpired();
      this.#sweepLater();
    }, Math.max(0, first.at + this.maxAgeMs - this.now()) + 1);
    this.#timer.unref?.();
  }

  /** Drops the copies past their age: entries are in the order written, so those are at the front. */
  #dropExpired() {
    const now = this.now();
    for (const [key, entry] of this.#entries) {
      if (now - entry.at <= this.maxAgeMs) break;
      this.#drop(key, entry);
    }
  }
}

/** The characters of cached state a {@link SummaryMemo} keeps at most (about 4x that in memory). */
export const MEMO_CHARS = 8_000_000;

/**
 * A push's read of the summary row: its input key and row version, and its cached state unless
 * the row is the version `known` describes (then the state is `known`'s, and the database does
 * not even fetch it from its out-of-line storage); with it, the directory records the
 * enquiry's lifecycle input comes from (its cycle and community, by the row's columns, and the
 * CPD leaders), which `directory` takes (one round trip rather than two).
 */
export async function readSummaryForPush(
  q: Queryable,
  trustId: string,
  enquiryId: string,
  known: WrittenSummary | undefined,
  directory?: Pick<DirectoryReader, 'prime'>,
): Promise<SummaryRow | undefined> {
  const { rows } = await q.query<{ cache: CachedEnquiry['cache'] | null; input_key: string; cycle_id: string | null; community_id: string | null } & SourcesRow>(
    `SELECT input_key, CASE WHEN xmin::text = $3 AND summary = $4::jsonb THEN NULL ELSE cache END AS cache,
            cycle_id, community_id, ${sourcesColumns('s.cycle_id', 's.community_id', 'true')}
     FROM summaries s WHERE trust_id = $1 AND enquiry_id = $2`,
    [trustId, enquiryId, known?.version ?? null, known?.summary ?? null],
  );
  const row = rows[0];
  if (!row) return undefined;
  const cache = row.cache ?? known!.cache;
  // The columns are the summary's, written with the state: the ids its details hold.
  directory?.prime(row.cycle_id ?? undefined, row.community_id ?? undefined, row);
  return { input_key: row.input_key, cache };
}

/**
 * The enquiry each of these event ids is stored under, for those stored: one probe of the key
 * per id, whatever the table's size (the planner would otherwise read a small table whole);
 * LIMIT 1 keeps the probe from being flattened into a join. A push asks only when its batch may
 * hold stored events (see `pushPort.ts`).
 */
export async function readStoredOwners(q: Queryable, trustId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const distinct = [...new Set(ids)];
  if (!distinct.length) return new Map();
  const { rows } = await q.query<{ ids: string[] | null; owners: string[] | null }>(
    `SELECT array_agg(e.id) AS ids, array_agg(e.enquiry_id) AS owners FROM unnest($2::text[]) AS x(id)
     CROSS JOIN LATERAL (SELECT id, enquiry_id FROM events WHERE trust_id = $1 AND id = x.id LIMIT 1) e`,
    [trustId, distinct],
  );
  const row = rows[0];
  return new Map((row?.ids ?? []).map((id, i) => [id, row!.owners![i]!]));
}

/**
 * A push stored an event whose id was already stored: its batch was taken for new without
 * probing the ids (see `pushPort.ts`). Nothing was committed; the push runs again, probing.
 */
export class StoredAlready extends Error {
  override readonly name = 'StoredAlready';
}

/**
 * Writes an enquiry's summary row; parameters `$1` to `$7` are {@link summaryParams}: trust,
 * enquiry, cycle, community, summary, cache, input key.
 */
const UPSERT_SUMMARY = `INSERT INTO summaries (trust_id, enquiry_id, cycle_id, community_id, summary, cache, input_key)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7)
     ON CONFLICT (trust_id, enquiry_id) DO UPDATE SET
       cycle_id = EXCLUDED.cycle_id, community_id = EXCLUDED.community_id,
       summary = EXCLUDED.summary, cache = EXCLUDED.cache, input_key = EXCLUDED.input_key`;

/** The summary of a state and the parameters of {@link UPSERT_SUMMARY} that store it. */
export function summaryParams(trustId: string, enquiryId: string, lifecycle: Lifecycle, state: EnquiryState, inputKey: string) {
  const { summary, cached } = snapshotOf(lifecycle, enquiryId, state, inputKey);
  const params = [trustId, enquiryId, summary.cycleId || null, summary.communityId ?? null, json(summary), json(cached.cache), inputKey] as const;
  return { summary, cache: cached.cache, params };
}

export async function writeSummary(q: Queryable, trustId: string, enquiryId: string, lifecycle: Lifecycle, state: EnquiryState, inputKey: string): Promise<EnquirySummary> {
  const { summary, params } = summaryParams(trustId, enquiryId, lifecycle, state, inputKey);
  await q.query(UPSERT_SUMMARY, params);
  return summary;
}

/** PostgreSQL's unique_violation: a row with this key was stored by another transaction first. */
const UNIQUE_VIOLATION = '23505';

/**
 * Stores a push's accepted events and the enquiry's new summary in two statements: the summary
 * (under the enquiry's lock, already held), then the trust's change counter and the events with
 * their change numbers. The counter row is the last lock of the transaction (as `lockTrustShared`
 * orders them) and is held only from the second statement to the commit, so the trust's other
 * writers wait for as little as possible. The rows go as one `json` text (parsed once, not
 * converted to `jsonb` first) and the insert has no ON CONFLICT clause (whose speculative
 * insertion costs each row): the ids were sorted out under the enquiry's lock, so a key already
 * stored means another enquiry's push stored the same id at the same moment.
 *
 * Two statements, not one with the summary as a data-modifying CTE: on PostgreSQL 15 the single
 * statement took 1.4 to 2 times the backends' CPU time of the two (the bench's 20 batches of 500
 * events, backends' CPU from /proc, the forms run in turn and interleaved), and on PGlite the two
 * cost the same; the extra round trip is a fraction of a millisecond on loopback.
 * @param summary the parameters of {@link summaryParams}.
 * @returns the summary row's new version (its `xmin`, for a {@link SummaryMemo}) and how many
 *   events were inserted: 0 when one of them was stored already (by another transaction at the
 *   same moment, or before when the ids were not probed), and the transaction is then aborted
 *   (roll it back).
 */
export async function storeEvents(q: Queryable, trustId: string, enquiryId: string, summary: readonly unknown[], rows: readonly NewEventRow[]): Promise<{ version: string; inserted: number }> {
  const { rows: written } = await q.query<{ version: string }>(`${UPSERT_SUMMARY} RETURNING xmin::text AS version`, summary);
  const version = written[0]!.version;
  try {
    const inserted = await q.query(
      `WITH counter AS (
         INSERT INTO trusts (id, seq) VALUES ($1, $3)
         ON CONFLICT (id) DO UPDATE SET seq = trusts.seq + EXCLUDED.seq RETURNING seq
       )
       INSERT INTO events (trust_id, ${EVENT_COLUMNS})
       SELECT $1, x.id, $2, x.hlc, x.type, x.author_id, x.at, x.schema_version, x.payload, x.refused, x.refusal, counter.seq - $3 + 1 + x.n
       FROM counter, json_to_recordset($4::json) AS x(id text, hlc text, type text, author_id text, at text,
         schema_version integer, payload jsonb, refused boolean, refusal jsonb, n bigint)`,
      [trustId, enquiryId, rows.length, json(rows)],
    );
    return { version, inserted: inserted.rowCount };
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === UNIQUE_VIOLATION) return { version, inserted: 0 };
    throw error;
  }
}

/** Writes the refused flag of stored events whose refusal changed in a full replay. */
export async function updateRefusals(q: Queryable, trustId: string, rows: readonly EventRow[], state: EnquiryState): Promise<void> {
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
export async function resend(q: Queryable, trustId: string, eventIds: readonly string[]): Promise<void> {
  if (!eventIds.length) return;
  const first = await allocateSeq(q, trustId, eventIds.length);
  await q.query(
    `UPDATE events SET seq = x.seq FROM jsonb_to_recordset($2::jsonb) AS x(id text, seq bigint)
     WHERE events.trust_id = $1 AND events.id = x.id`,
    [trustId, json(eventIds.map((id, i) => ({ id, seq: first + i })))],
  );
}

/** The stored events whose visibility can change (only the id of their payload), for `visibilityChanges`. */
export async function readFilteredTypes(q: Queryable, trustId: string, enquiryId: string) {
  const { rows } = await q.query<{ id: string; type: string; payload: Record<string, unknown> }>(
    `SELECT id, type, jsonb_build_object('id', payload->'id') AS payload FROM events
     WHERE trust_id = $1 AND enquiry_id = $2 AND type = ANY($3::text[])`,
    [trustId, enquiryId, [...FILTERED_EVENT_TYPES]],
  );
  return rows;
}

/** The stored state of one enquiry, resumed from its cache or replayed from its log. */
export interface LoadedEnquiry {
  state: EnquiryState;
  inputKey: string;
  input: ReturnType<typeof resolveInput>;
  /** The stored log's rows, when they were read (they are when the cache could not be used). */
  rows: EventRow[] | undefined;
  /** The same log as events, in stored order. */
  log: DomainEvent[] | undefined;
}

/**
 * Loads an enquiry's state for a write: its cache when the input is unchanged, else a replay of
 * its log. `summary` is its summary row when already read (a push reads it first).
 */
export async function loadEnquiry(
  q: Queryable,
  trustId: string,
  enquiryId: string,
  lifecycle: Lifecycle,
  directory: DirectoryReader,
  pendingDetails?: EnquiryDetails,
  summary?: { row: SummaryRow | undefined },
): Promise<LoadedEnquiry> {
  const row = summary ? summary.row : await readSummaryRow(q, trustId, enquiryId);
  const details = row?.cache.context.details ?? pendingDetails;
  const input = resolveInput(details, await directory.sources(details));
  const inputKey = inputKeyOf(input, lifecycle);
  if (row && row.input_key === inputKey) return { state: lifecycle.restore(row.cache, input), inputKey, input, rows: undefined, log: undefined };
  const rows = await readEventRows(q, trustId, enquiryId);
  const log = rows.map(rowToEvent);
  const logDetails = enquiryDetailsOf(log) ?? pendingDetails;
  const logInput = logDetails === details ? input : resolveInput(logDetails, await directory.sources(logDetails));
  return { state: lifecycle.replay(log, logInput), inputKey: inputKeyOf(logInput, lifecycle), input: logInput, rows, log };
}
