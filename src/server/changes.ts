/**
 * The change feed: everything of a trust that changed since a checkpoint, in pages, with
 * deletions, as the reader may see it. A client keeps the checkpoint of its last page and asks
 * again from there; it never misses a change, because a change is numbered under the trust's
 * lock just before its transaction commits.
 * @module
 */
import type { DomainEvent } from '../lifecycle/events.js';
import type { Collection } from '../schema/directory.js';
import type { Refusal } from '../lifecycle/refusals.js';
import { authorize, eventForReader, FILTERED_EVENT_TYPES } from './access.js';
import type { Principal } from './auth.js';
import type { Queryable } from './db.js';
import { readerContexts } from './enquiries.js';
import { badRequest } from './errors.js';
import { FILTERED_COLLECTIONS, isReadable, readCommunities, readerView } from './records.js';

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

type FeedRow = {
  kind: 'e' | 'r';
  id: string;
  enquiry_id: string;
  seq: number;
  /**
   * An event's whole change (`{"kind":"event","event":...,"refusal":...}`) as JSON text built by
   * the statement, or a record as JSON text: one field to decode, passed through unparsed.
   */
  text: string;
  /** The event is one a reader may see only in part (its text is parsed for the policy). */
  filtered: boolean | null;
  collection: Collection | null;
  version: number | null;
  deleted: boolean | null;
  epoch: number | null;
};

/** The change of an event the caller sees in part, as JSON text. */
const eventChange = (event: DomainEvent, refusal: Refusal | null) => `{"kind":"event","event":${JSON.stringify(event)},"refusal":${refusal ? JSON.stringify(refusal) : 'null'}}`;

/**
 * The statement of one page (see {@link readChanges}). The page's last change number is found
 * first (from the seq indexes alone), then its rows are read as one range of each index:
 * columns are only read for the rows sent, and no row is looked up one at a time. Change
 * numbers are unique within a trust. Each event comes as its whole change, JSON text built here
 * by concatenation (faster than json_build_object): one field to decode, its payload parsed only
 * when a reader may see it in part.
 */
const PAGE_SQL = `WITH upto AS (
     SELECT max(seq) AS seq FROM (
       SELECT seq FROM (
         (SELECT seq FROM events WHERE trust_id = $1 AND seq > $2 ORDER BY seq LIMIT $3)
         UNION ALL
         (SELECT seq FROM records WHERE trust_id = $1 AND seq > $2 ORDER BY seq LIMIT $3)
       ) s ORDER BY seq LIMIT $3
     ) page
   )
   SELECT f.*, (SELECT epoch FROM trusts WHERE id = $1) AS epoch FROM (
     SELECT 'e' AS kind, NULL::text AS id, e.enquiry_id, e.seq,
            '{"kind":"event","event":{"schemaVersion":' || e.schema_version::text || ',"id":' || to_json(e.id)::text || ',"enquiryId":' || to_json(e.enquiry_id)::text
              || ',"type":' || to_json(e.type)::text || ',"at":' || to_json(e.at)::text || ',"hlc":' || to_json(e.hlc)::text || ',"authorId":' || to_json(e.author_id)::text
              || ',"payload":' || e.payload::text || '},"refusal":' || CASE WHEN e.refused AND e.refusal IS NOT NULL THEN e.refusal::text ELSE 'null' END || '}' AS text,
            e.type = ANY($4::text[]) AS filtered, NULL::text AS collection, NULL::integer AS version, NULL::boolean AS deleted
     FROM events e WHERE e.trust_id = $1 AND e.seq > $2 AND e.seq <= (SELECT seq FROM upto)
     UNION ALL
     SELECT 'r', r.id, NULL, r.seq, r.data::text, NULL, r.collection, r.version, r.deleted
     FROM records r WHERE r.trust_id = $1 AND r.seq > $2 AND r.seq <= (SELECT seq FROM upto)
   ) f ORDER BY f.seq`;

/**
 * One page of changes after `since` for `principal`, as the JSON text of a {@link ChangesPage}.
 * Events and records come from one statement (one snapshot). Events whose payload a reader may
 * see only in part are filtered by the policy; every other event is sent whole exactly when its
 * enquiry may be read (the policy decides that once per enquiry and page), as the database's
 * JSON text, never parsed. Records a reader may not see (appraisals) are skipped, and the
 * checkpoint still moves past them.
 */
export async function readChanges(q: Queryable, principal: Principal, since: string | undefined, limit: number): Promise<string> {
  const trustId = principal.trustId;
  const asked = parseCheckpoint(since);
  let from = asked;
  for (let attempt = 0; ; attempt++) {
    const { rows } = await q.query<FeedRow>(PAGE_SQL, [trustId, from?.seq ?? 0, limit + 1, [...FILTERED_EVENT_TYPES]]);
    const epoch = rows.length ? Number(rows[0]!.epoch ?? 1) : await readEpoch(q, trustId);
    // A checkpoint from before a backup was imported: start again from the beginning.
    if (from && from.epoch !== epoch && attempt === 0) {
      from = undefined;
      continue;
    }
    const page = rows.slice(0, limit);
    const hasMore = rows.length > limit;
    const lastSeq = page.length ? Number(page[page.length - 1]!.seq) : (from?.seq ?? 0);
    const changes = await pageChanges(q, principal, page);
    const tail = JSON.stringify({ checkpoint: formatCheckpoint({ epoch, seq: lastSeq }), hasMore, reset: Boolean(asked && asked.epoch !== epoch) });
    return `{"changes":[${changes.join(',')}],${tail.slice(1)}`;
  }
}

/** The changes of a page's rows that `principal` may see, each as JSON text. */
async function pageChanges(q: Queryable, principal: Principal, page: readonly FeedRow[]): Promise<string[]> {
  const trustId = principal.trustId;
  const service = principal.kind === 'service';
  const contexts = await readerContexts(q, trustId, [...new Set((service ? [] : page.filter((r) => r.kind === 'e')).map((r) => r.enquiry_id))]);
  const changes: string[] = [];
  const readableEnquiries = new Map<string, boolean>();
  const readable = (enquiryId: string) => {
    let allowed = readableEnquiries.get(enquiryId);
    if (allowed === undefined) readableEnquiries.set(enquiryId, (allowed = authorize(principal, 'enquiry.read', contexts.get(enquiryId)!).allowed));
    return allowed;
  };
  let communities: ReturnType<typeof readCommunities> | undefined;
  const views: Partial<Record<Collection, (record: unknown) => Promise<unknown>>> = {};
  for (const row of page) {
    if (row.kind === 'e') {
      if (service) changes.push(row.text);
      else if (!row.filtered) {
        if (readable(row.enquiry_id)) changes.push(row.text);
      } else {
        const { event, refusal } = JSON.parse(row.text) as { event: DomainEvent; refusal: Refusal | null };
        const visible = eventForReader(principal, event, contexts.get(row.enquiry_id)!);
        // The policy hands back the event itself when the reader sees it whole: sent as it came.
        if (visible) changes.push(visible === event ? row.text : eventChange(visible, refusal));
      }
      continue;
    }
    const collection = row.collection!;
    if (!isReadable(principal, collection)) continue;
    let record = row.text;
    if (!row.deleted && !service && FILTERED_COLLECTIONS.has(collection)) {
      views[collection] ??= readerView(principal, collection, () => (communities ??= readCommunities(q, trustId)));
      const visible = await views[collection](JSON.parse(row.text));
      if (visible === undefined) continue;
      record = JSON.stringify(visible);
    }
    const head = JSON.stringify({ kind: 'record', collection, id: row.id, version: Number(row.version) });
    changes.push(row.deleted ? `${head.slice(0, -1)},"deleted":true}` : `${head.slice(0, -1)},"record":${record}}`);
  }
  return changes;
}

async function readEpoch(q: Queryable, trustId: string): Promise<number> {
  const { rows } = await q.query<{ epoch: number }>('SELECT epoch FROM trusts WHERE id = $1', [trustId]);
  return Number(rows[0]?.epoch ?? 1);
}
