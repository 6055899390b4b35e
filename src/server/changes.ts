/**
 * The change feed: everything of a trust that changed since a checkpoint, in pages, with
 * deletions, as the reader may see it. A client keeps the checkpoint of its last page and asks
 * again from there; it never misses a change, because a change is numbered under the trust's
 * lock just before its transaction commits.
 * @module
 */
import type { DomainEvent } from '../lifecycle/events.js';
import type { Collection } from '../schema/directory.js';
import { eventForReader, FILTERED_EVENT_TYPES } from './access.js';
import type { Principal } from './auth.js';
import type { Queryable } from './db.js';
import { readerContexts } from './enquiries.js';
import { badRequest } from './errors.js';
import { FILTERED_COLLECTIONS, isReadable, readCommunities, readerView } from './records.js';
import type { EventRow } from './sql.js';

/** One change in the feed. */
export type { Change, ChangesPage } from '../sync/wire.js';

/** Default and largest page sizes. */
export const PAGE_SIZE = { default: 500, max: 2_000 } as const;

interface Checkpoint {
  epoch: number;
  seq: number;
}

/** Checkpoints are `<epoch>.<seq>`: the epoch changes when a backup replaces the trust's data. */
export function parseCheckpoint(value: string | undefined): Checkpoint | undefined {
  if (value === undefined || value === '' || value === '0') return undefined;
  const match = /^(\d{1,9})\.(\d{1,15})$/.exec(value);
  if (!match) throw badRequest('since', `must be a checkpoint from an earlier page, such as "1.2045" (got ${JSON.stringify(value.slice(0, 40))})`);
  return { epoch: Number(match[1]), seq: Number(match[2]) };
}

export const formatCheckpoint = (checkpoint: Checkpoint) => `${checkpoint.epoch}.${checkpoint.seq}`;

/** Parses `limit`: a whole number from 1 to the largest page. */
export function parseLimit(value: string | undefined): number {
  if (value === undefined || value === '') return PAGE_SIZE.default;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > PAGE_SIZE.max) throw badRequest('limit', `must be a whole number from 1 to ${PAGE_SIZE.max} (got ${JSON.stringify(value.slice(0, 20))})`);
  return n;
}

type FeedRow = Omit<EventRow, 'payload'> & {
  kind: 'e' | 'r';
  /** Parsed, for the events a reader may see only in part; else null. */
  payload: Record<string, unknown> | null;
  /** The payload (or record) as JSON text, passed through without parsing; else null. */
  raw: string | null;
  collection: Collection | null;
  version: number | null;
  deleted: boolean | null;
  epoch: number | null;
};

/** An event's JSON with `payload` spliced in as text (it is the envelope's last field). */
function eventJson(event: Omit<DomainEvent, 'payload'>, payload: string): string {
  const envelope = JSON.stringify(event);
  return `${envelope.slice(0, -1)},"payload":${payload}}`;
}

/**
 * One page of changes after `since` for `principal`, as the JSON text of a {@link ChangesPage}.
 * Events and records come from one statement (one snapshot). Events whose payload a reader may
 * see only in part are parsed and filtered by the policy; every other payload passes through as
 * the database's JSON text, never parsed. Records a reader may not see (appraisals) are
 * skipped, and the checkpoint still moves past them.
 */
export async function readChanges(q: Queryable, principal: Principal, since: string | undefined, limit: number): Promise<string> {
  const trustId = principal.trustId;
  const asked = parseCheckpoint(since);
  let from = asked;
  for (let attempt = 0; ; attempt++) {
    // The page's last change number is found first (from the seq indexes alone), then its rows
    // are read as one range of each index: columns are only read for the rows sent, and no row
    // is looked up one at a time. Change numbers are unique within a trust.
    const { rows } = await q.query<FeedRow>(
      `WITH upto AS (
         SELECT max(seq) AS seq FROM (
           SELECT seq FROM (
             (SELECT seq FROM events WHERE trust_id = $1 AND seq > $2 ORDER BY seq LIMIT $3)
             UNION ALL
             (SELECT seq FROM records WHERE trust_id = $1 AND seq > $2 ORDER BY seq LIMIT $3)
           ) s ORDER BY seq LIMIT $3
         ) page
       )
       SELECT f.*, (SELECT epoch FROM trusts WHERE id = $1) AS epoch FROM (
         SELECT 'e' AS kind, e.id, e.enquiry_id, e.hlc, e.type, e.author_id, e.at, e.schema_version,
                CASE WHEN e.type = ANY($4::text[]) THEN e.payload END AS payload,
                CASE WHEN e.type = ANY($4::text[]) THEN NULL ELSE e.payload::text END AS raw,
                e.refused, e.refusal, e.seq, NULL::text AS collection, NULL::integer AS version, NULL::boolean AS deleted
         FROM events e WHERE e.trust_id = $1 AND e.seq > $2 AND e.seq <= (SELECT seq FROM upto)
         UNION ALL
         SELECT 'r', r.id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, r.data::text, NULL, NULL, r.seq, r.collection, r.version, r.deleted
         FROM records r WHERE r.trust_id = $1 AND r.seq > $2 AND r.seq <= (SELECT seq FROM upto)
       ) f ORDER BY f.seq`,
      [trustId, from?.seq ?? 0, limit + 1, [...FILTERED_EVENT_TYPES]],
    );
    const epoch = rows.length ? Number(rows[0]!.epoch ?? 1) : await readEpoch(q, trustId);
    // A checkpoint from before a backup was imported: start again from the beginning.
    if (from && from.epoch !== epoch && attempt === 0) {
      from = undefined;
      continue;
    }
    const page = rows.slice(0, limit);
    const hasMore = rows.length > limit;
    const lastSeq = page.length ? Number(page[page.length - 1]!.seq) : (from?.seq ?? 0);
    const contexts = await readerContexts(q, trustId, [...new Set((principal.kind === 'service' ? [] : page.filter((r) => r.kind === 'e')).map((r) => r.enquiry_id))]);
    const changes: string[] = [];
    const readableEnquiries = new Map<string, boolean>();
    let communities: ReturnType<typeof readCommunities> | undefined;
    const views: Partial<Record<Collection, (record: unknown) => Promise<unknown>>> = {};
    for (const row of page) {
      if (row.kind === 'e') {
        const envelope = { schemaVersion: Number(row.schema_version), id: row.id, enquiryId: row.enquiry_id, type: row.type, at: row.at, hlc: row.hlc, authorId: row.author_id };
        let payload = row.raw;
        let sent: Omit<DomainEvent, 'payload'> = envelope;
        if (principal.kind !== 'service') {
          const context = contexts.get(row.enquiry_id)!;
          if (row.payload === null) {
            // An event no reader sees in part is sent whole exactly when its enquiry may be read:
            // the policy decides that once per enquiry and page.
            let readable = readableEnquiries.get(row.enquiry_id);
            if (readable === undefined) readableEnquiries.set(row.enquiry_id, (readable = eventForReader(principal, { ...envelope, payload: {} }, context) !== undefined));
            if (!readable) continue;
          } else {
            const visible = eventForReader(principal, { ...envelope, payload: row.payload }, context);
            if (!visible) continue;
            payload = JSON.stringify(visible.payload);
            sent = { ...envelope, authorId: visible.authorId };
          }
        } else if (row.payload !== null) {
          payload = JSON.stringify(row.payload);
        }
        changes.push(`{"kind":"event","event":${eventJson(sent, payload!)},"refusal":${row.refused && row.refusal ? JSON.stringify(row.refusal) : 'null'}}`);
        continue;
      }
      const collection = row.collection!;
      if (!isReadable(principal, collection)) continue;
      let record = row.raw;
      if (!row.deleted && principal.kind !== 'service' && FILTERED_COLLECTIONS.has(collection)) {
        views[collection] ??= readerView(principal, collection, () => (communities ??= readCommunities(q, trustId)));
        const visible = await views[collection](JSON.parse(row.raw!));
        if (visible === undefined) continue;
        record = JSON.stringify(visible);
      }
      const head = JSON.stringify({ kind: 'record', collection, id: row.id, version: Number(row.version) });
      changes.push(row.deleted ? `${head.slice(0, -1)},"deleted":true}` : `${head.slice(0, -1)},"record":${record}}`);
    }
    const tail = JSON.stringify({ checkpoint: formatCheckpoint({ epoch, seq: lastSeq }), hasMore, reset: Boolean(asked && asked.epoch !== epoch) });
    return `{"changes":[${changes.join(',')}],${tail.slice(1)}`;
  }
}

async function readEpoch(q: Queryable, trustId: string): Promise<number> {
  const { rows } = await q.query<{ epoch: number }>('SELECT epoch FROM trusts WHERE id = $1', [trustId]);
  return Number(rows[0]?.epoch ?? 1);
}
