/**
 * The change feed's compact form (`GET /v1/changes?form=compact`, see `CompactChangesPage` in
 * wire.ts) turned to and from {@link Change} objects. Apart from wire.ts and its zod schemas, so
 * the browser's HTTP store reads the compact form without carrying the protocol's schemas.
 * @module
 */
import type { Collection } from '../schema/directory.js';
import type { Change } from './wire.js';

/** A refusal as a change carries it. */
type Refusal = NonNullable<Extract<Change, { kind: 'event' }>['refusal']>;

/** One change of the feed's compact form. */
export type CompactChange =
  | [kind: 'e', id: string, enquiryId: string, type: string, at: string, hlc: string, authorId: string, schemaVersion: number, payload: Record<string, unknown>, refusal?: Refusal]
  | [kind: 'r', collection: Collection, id: string, version: number, record: unknown]
  | [kind: 'd', collection: Collection, id: string, version: number];

/** A change in the compact form (the server's, for a change the policy shaped). */
export function compactChange(change: Change): CompactChange {
  if (change.kind === 'event') {
    const { id, enquiryId, type, at, hlc, authorId, schemaVersion, payload } = change.event;
    const event: CompactChange = ['e', id, enquiryId, type, at, hlc, authorId, schemaVersion, payload];
    if (change.refusal) event.push(change.refusal);
    return event;
  }
  return 'deleted' in change ? ['d', change.collection, change.id, change.version] : ['r', change.collection, change.id, change.version, change.record];
}

/** A change of either form as a {@link Change} (the client's); undefined for a kind of change this plc-kit does not know. */
export function expandChange(change: Change | CompactChange): Change | undefined {
  if (!Array.isArray(change)) return change;
  switch (change[0]) {
    case 'e': {
      const [, id, enquiryId, type, at, hlc, authorId, schemaVersion, payload, refusal] = change;
      return { kind: 'event', event: { schemaVersion, id, enquiryId, type, at, hlc, authorId, payload }, refusal: refusal ?? null };
    }
    case 'r':
      return { kind: 'record', collection: change[1], id: change[2], version: change[3], record: change[4] };
    case 'd':
      return { kind: 'record', collection: change[1], id: change[2], version: change[3], deleted: true };
    default:
      return undefined; // from a newer server: skipped, as an object of an unknown kind is
  }
}
