/**
 * SQL shared by the server's modules: locks, the trust's change counter, rows to events, and the
 * directory records replay needs. Every statement filters on `trust_id`.
 * @internal
 * @module
 */
import type { DomainEvent } from '../lifecycle/events.js';
import type { Refusal } from '../lifecycle/refusals.js';
import type { Collection, Community, Cycle, DirectoryRecord, Person } from '../schema/directory.js';
import type { EnquiryDetails } from '../schema/enquiry.js';
import type { InputSources } from '../store/summary.js';
import type { RecordRulesPort } from '../store/recordRules.js';
import type { CandidateSummary } from '../analysis/sharingSession.js';
import type { Queryable } from './db.js';

/**
 * Locks, always taken in this order so two writers never wait on each other in a circle:
 * the trust (shared by writers, exclusive for a backup import), then a record, then enquiries
 * in sorted order, and last the trust's row, to number the changes just before commit.
 */
export async function lockTrustShared(q: Queryable, trustId: string): Promise<void> {
  await q.query('SELECT pg_advisory_xact_lock_shared(hashtext($1), 0)', [trustId]);
}

export async function lockTrustExclusive(q: Queryable, trustId: string): Promise<void> {
  await q.query('SELECT pg_advisory_xact_lock(hashtext($1), 0)', [trustId]);
}

/**
 * A write's two locks in one statement (one round trip): the trust's, shared, then one key's.
 * The subquery (kept apart by OFFSET 0) is evaluated before the outer select, so the order
 * above holds.
 */
export async function lockTrustSharedAndKey(q: Queryable, trustId: string, key: string): Promise<void> {
  await q.query(
    `SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2)) FROM (SELECT pg_advisory_xact_lock_shared(hashtext($1), 0) OFFSET 0) AS trust`,
    [trustId, key],
  );
}

export async function lockKeys(q: Queryable, trustId: string, keys: readonly string[]): Promise<void> {
  for (const key of [...new Set(keys)].sort()) await q.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [trustId, key]);
}

export const enquiryKey = (enquiryId: string) => `e:${enquiryId}`;
export const recordKey = (collection: string, id: string) => `r:${collection}/${id}`;

/**
 * Takes `count` change numbers from the trust's counter and returns the first. The trust row
 * stays locked until commit, so numbers become visible in order.
 */
export async function allocateSeq(q: Queryable, trustId: string, count: number): Promise<number> {
  const { rows } = await q.query<{ seq: number }>(
    `INSERT INTO trusts (id, seq) VALUES ($1, $2)
     ON CONFLICT (id) DO UPDATE SET seq = trusts.seq + EXCLUDED.seq
     RETURNING seq`,
    [trustId, count],
  );
  return Number(rows[0]!.seq) - count + 1;
}

/** The columns of an event row, as selected by {@link EVENT_COLUMNS}. */
export interface EventRow {
  id: string;
  enquiry_id: string;
  hlc: string;
  type: string;
  author_id: string;
  at: string;
  schema_version: number;
  payload: Record<string, unknown>;
  refused: boolean;
  refusal: Refusal | null;
  seq: number;
}

export const EVENT_COLUMNS = 'id, enquiry_id, hlc, type, author_id, at, schema_version, payload, refused, refusal, seq';

export function rowToEvent(row: EventRow): DomainEvent {
  return {
    schemaVersion: Number(row.schema_version),
    id: row.id,
    enquiryId: row.enquiry_id,
    type: row.type,
    at: row.at,
    hlc: row.hlc,
    authorId: row.author_id,
    payload: row.payload,
  };
}

/** The inverse of {@link rowToEvent}: an event's own columns (without its enquiry, refusal or seq). */
export function eventColumns(event: DomainEvent): Pick<EventRow, 'id' | 'hlc' | 'type' | 'author_id' | 'at' | 'schema_version' | 'payload'> {
  return {
    id: event.id,
    hlc: event.hlc,
    type: event.type,
    author_id: event.authorId,
    at: event.at,
    schema_version: event.schemaVersion,
    payload: event.payload,
  };
}

/** An enquiry's stored events (any order) with their rows. */
export async function readEventRows(q: Queryable, trustId: string, enquiryId: string): Promise<EventRow[]> {
  const { rows } = await q.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE trust_id = $1 AND enquiry_id = $2`, [trustId, enquiryId]);
  return rows;
}

/** One live directory record, or undefined. */
export async function readRecord<C extends Collection>(q: Queryable, trustId: string, collection: C, id: string): Promise<DirectoryRecord<C> | undefined> {
  const { rows } = await q.query<{ data: DirectoryRecord<C> }>(
    'SELECT data FROM records WHERE trust_id = $1 AND collection = $2 AND id = $3 AND NOT deleted',
    [trustId, collection, id],
  );
  return rows[0]?.data;
}

/** Every live record of a collection of a trust, ordered by id (code-unit order). */
export async function readCollection<C extends Collection>(q: Queryable, trustId: string, collection: C): Promise<Array<DirectoryRecord<C>>> {
  const { rows } = await q.query<{ data: DirectoryRecord<C> }>(
    'SELECT data FROM records WHERE trust_id = $1 AND collection = $2 AND NOT deleted ORDER BY id COLLATE "C"',
    [trustId, collection],
  );
  return rows.map((row) => row.data);
}

/** What the record rules (`src/store/recordRules.ts`) read, from the trust's rows inside the write's transaction. */
export function rulesPort(q: Queryable, trustId: string): RecordRulesPort {
  return {
    cycle: (id) => readRecord(q, trustId, 'cycles', id),
    coachingPair: (id) => readRecord(q, trustId, 'coachingPairs', id),
    people: () => readCollection(q, trustId, 'people'),
    cycleSummaries: async (cycleId) => {
      const { rows } = await q.query<{ summary: CandidateSummary }>('SELECT summary FROM summaries WHERE trust_id = $1 AND cycle_id = $2', [trustId, cycleId]);
      return rows.map((row) => row.summary);
    },
  };
}

/** A record being written in the current transaction, which replay must see in place of the stored one. */
export interface RecordOverride {
  collection: Collection;
  id: string;
  record: unknown;
}

/** The people who are CPD leaders, or were until a date (their `pastRoles` name the role), as one jsonb array. */
const CPD_LEADERS = `SELECT coalesce(jsonb_agg(jsonb_build_object('id', id, 'roles', data->'roles')
         || CASE WHEN jsonb_typeof(data->'pastRoles') = 'array' THEN jsonb_build_object('pastRoles', data->'pastRoles') ELSE '{}'::jsonb END), '[]'::jsonb)
     FROM records WHERE trust_id = $1 AND collection = 'people' AND NOT deleted
       AND (data->'roles' @> '["cpd-leader"]'::jsonb OR data->'pastRoles' @> '[{"role":"cpd-leader"}]'::jsonb)`;

type LeaderRow = Pick<Person, 'id' | 'roles' | 'pastRoles'>;

/**
 * The directory records an enquiry's lifecycle input comes from, in one statement: a cycle and
 * a community by id (null when the id is null or the record is missing or deleted) and, when
 * asked, the trust's CPD leaders.
 */
async function readSources(q: Queryable, trustId: string, cycleId: string | null, communityId: string | null, leaders: boolean) {
  const { rows } = await q.query<SourcesRow>(`SELECT ${sourcesColumns('$2', '$3', '$4::boolean')}`, [trustId, cycleId, communityId, leaders]);
  return rows[0]!;
}

/** The directory records an enquiry's lifecycle input comes from, as {@link sourcesColumns} selects them. */
export interface SourcesRow {
  cycle: Cycle | null;
  community: Community | null;
  leaders: LeaderRow[] | null;
}

/**
 * The select list of {@link SourcesRow} for a cycle id, a community id and whether to read the
 * CPD leaders, each an SQL expression; `$1` is the trust. Another statement can read them along
 * with its own columns (a push, with its summary row: one round trip less).
 */
export const sourcesColumns = (cycleId: string, communityId: string, leaders: string) =>
  `(SELECT data FROM records WHERE trust_id = $1 AND collection = 'cycles' AND id = ${cycleId} AND NOT deleted) AS cycle,
            (SELECT data FROM records WHERE trust_id = $1 AND collection = 'communities' AND id = ${communityId} AND NOT deleted) AS community,
            CASE WHEN ${leaders} THEN (${CPD_LEADERS}) END AS leaders`;

/**
 * Reads the directory records an enquiry's replay depends on (see `lifecycleInputFor`), caching
 * per transaction: its cycle, its community and the trust's CPD leaders.
 */
export function createDirectoryReader(q: Queryable, trustId: string, override?: RecordOverride) {
  const cycles = new Map<string, Promise<Cycle | undefined>>();
  const communities = new Map<string, Promise<Community | undefined>>();
  let leaders: Promise<Array<Pick<Person, 'id' | 'roles'>>> | undefined;

  const isOverridden = (collection: Collection, id: string) => override !== undefined && override.collection === collection && override.id === id;
  const withOverride = (list: LeaderRow[]): LeaderRow[] => {
    if (override?.collection !== 'people') return list;
    const rest = list.filter((person) => person.id !== override.id);
    const person = override.record as Person | undefined;
    const leads = person && (person.roles.includes('cpd-leader') || person.pastRoles?.some((r) => r.role === 'cpd-leader'));
    return leads ? [...rest, { id: person.id, roles: person.roles, ...(person.pastRoles ? { pastRoles: person.pastRoles } : {}) }] : rest;
  };

  /**
   * Reads, in one statement, whichever of a cycle, a community and the CPD leaders are neither
   * cached nor overridden, and caches them (a write reads all three for an enquiry: one round
   * trip rather than three).
   */
  const fetch = (cycleId: string | undefined, communityId: string | undefined, wantLeaders: boolean) => {
    const cycleNeeded = cycleId !== undefined && !cycles.has(cycleId) && !isOverridden('cycles', cycleId);
    const communityNeeded = communityId !== undefined && !communities.has(communityId) && !isOverridden('communities', communityId);
    const leadersNeeded = wantLeaders && !leaders;
    if (!cycleNeeded && !communityNeeded && !leadersNeeded) return;
    const read = readSources(q, trustId, cycleNeeded ? cycleId : null, communityNeeded ? communityId : null, leadersNeeded);
    // A part nobody awaits (its caller failed on another part) must not reject unhandled, which
    // would end the process: each is marked handled, and still rejects for whoever awaits it.
    const part = <T>(pick: (row: Awaited<typeof read>) => T): Promise<T> => {
      const promise = read.then(pick);
      promise.catch(() => undefined);
      return promise;
    };
    if (cycleNeeded) cycles.set(cycleId, part((row) => row.cycle ?? undefined));
    if (communityNeeded) communities.set(communityId, part((row) => row.community ?? undefined));
    if (leadersNeeded) leaders = part((row) => withOverride(row.leaders ?? []));
  };
  const overridden = <T>(): Promise<T | undefined> => Promise.resolve(override!.record as T | undefined);

  const cycle = (id: string): Promise<Cycle | undefined> => {
    if (isOverridden('cycles', id)) return overridden();
    fetch(id, undefined, false);
    return cycles.get(id)!;
  };
  const community = (id: string): Promise<Community | undefined> => {
    if (isOverridden('communities', id)) return overridden();
    fetch(undefined, id, false);
    return communities.get(id)!;
  };
  const cpdLeaders = async () => {
    fetch(undefined, undefined, true);
    return leaders!;
  };
  return {
    cycle,
    community,
    /**
     * Takes the sources of an enquiry with this cycle and community as another statement read
     * them ({@link sourcesColumns}, in the same transaction), so `sources` asks nothing more.
     */
    prime(cycleId: string | undefined, communityId: string | undefined, row: SourcesRow): void {
      if (cycleId && !cycles.has(cycleId) && !isOverridden('cycles', cycleId)) cycles.set(cycleId, Promise.resolve(row.cycle ?? undefined));
      if (communityId && !communities.has(communityId) && !isOverridden('communities', communityId)) communities.set(communityId, Promise.resolve(row.community ?? undefined));
      leaders ??= Promise.resolve(withOverride(row.leaders ?? []));
    },
    /** The sources of an enquiry's lifecycle input. */
    async sources(details: Pick<EnquiryDetails, 'cycleId' | 'communityId'> | undefined): Promise<InputSources> {
      fetch(details?.cycleId || undefined, details?.communityId || undefined, true);
      return {
        cycle: details?.cycleId ? await cycle(details.cycleId) : undefined,
        community: details?.communityId ? await community(details.communityId) : undefined,
        cpdLeaders: await cpdLeaders(),
      };
    },
  };
}

export type DirectoryReader = ReturnType<typeof createDirectoryReader>;

/** JSON for a `jsonb` parameter. */
export const json = (value: unknown): string => JSON.stringify(value);
