/**
 * The server's port of the append orchestration (`src/store/append.ts`): the repository's
 * reads and writes of one enquiry inside a push's transaction, with the policy as the judge and
 * each outcome reported per event. The stores run the same orchestration over memory and
 * IndexedDB.
 * @internal
 * @module
 */
import type { Lifecycle } from '../lifecycle/lifecycle.js';
import type { EnquiryDetails } from '../schema/enquiry.js';
import type { AppendPort, LoadedState } from '../store/append.js';
import type { EnquirySummary } from '../store/store.js';
import { allSortAfter, inputKeyOf, resolveInput } from '../store/summary.js';
import { eventsToResend, visibilityChanges } from '../policy/redact.js';
import type { Principal } from './auth.js';
import type { Queryable } from './db.js';
import { HttpError } from './errors.js';
import type { DomainEvent } from '../lifecycle/events.js';
import { loadEnquiry, readFilteredTypes, readStoredOwners, readSummaryForPush, resend, StoredAlready, storeEvents, summaryParams, updateRefusals, type SummaryRow, type WrittenSummary } from './pushRepository.js';
import { conflictResult, failIfAny, newEventRows, policyJudge, type Results } from './pushSteps.js';
import { createDirectoryReader, readEventRows, rowToEvent, type EventRow } from './sql.js';

/** A push's loaded state, with the create of the batch that may make the enquiry. */
interface PushLoaded extends LoadedState {
  pendingCreate: EnquiryDetails | undefined;
}

/** What {@link pushPort} needs. */
export interface PushPortInput {
  tx: Queryable;
  lifecycle: Lifecycle;
  principal: Principal;
  enquiryId: string;
  atomic: boolean;
  /** The batch's events, to tell whether it may hold stored ones. */
  events: readonly DomainEvent[];
  /** Probe every id for being stored, even in a batch that sorts after the stored log. */
  probe: boolean;
  /** The summary row as this process last wrote it, if it did (see `SummaryMemo`). */
  known: WrittenSummary | undefined;
}

/**
 * The port of one push, writing each event's result into `out`. `summary()` is the enquiry's
 * summary after the push, once something was stored, and `written()` the row as written then
 * (for the process's `SummaryMemo`, once committed).
 *
 * Insert first: the summary row is read first, and when every event of the batch sorts after
 * the last one the enquiry has applied (a new batch, the usual case) its ids are not probed, as
 * none of them can be stored in this enquiry; a batch sent again, or one with a late event, is
 * probed. An id stored all the same (under another enquiry) fails the insert and the write
 * throws {@link StoredAlready}: the caller runs the push again with `probe`, which reports it
 * exactly as before (duplicate, conflict).
 */
export function pushPort(given: PushPortInput, out: Results): { port: AppendPort<PushLoaded>; summary(): EnquirySummary | undefined; written(): WrittenSummary | undefined } {
  const { tx, lifecycle, principal, enquiryId, atomic, probe } = given;
  const trustId = principal.trustId;
  const directory = createDirectoryReader(tx, trustId);
  const conflicts = new Set<number>();
  /** The stored log's rows, once read. */
  let rows: EventRow[] | undefined;
  let summary: EnquirySummary | undefined;
  let written: WrittenSummary | undefined;
  /** The summary row, read before `load`. */
  let stored: SummaryRow | undefined;
  let probed = probe;
  const port: AppendPort<PushLoaded> = {
    async storedOwners(ids) {
      stored = await readSummaryForPush(tx, trustId, enquiryId, given.known, directory);
      probed ||= !allSortAfter(given.events, stored?.cache.lastKey);
      return probed ? readStoredOwners(tx, trustId, ids) : new Map();
    },
    conflicts(found) {
      for (const conflict of found) {
        out[conflict.index] = conflictResult(conflict);
        conflicts.add(conflict.index);
      }
      if (atomic) failIfAny(out, conflicts);
    },
    async load(fresh) {
      const pendingCreate = fresh.find(({ event }) => event.type === 'enquiry.create')?.event.payload as EnquiryDetails | undefined;
      const loaded = await loadEnquiry(tx, trustId, enquiryId, lifecycle, directory, pendingCreate, { row: stored });
      rows = loaded.rows;
      return { state: loaded.state, input: loaded.input, inputKey: loaded.inputKey, details: loaded.state.data.details ?? pendingCreate, log: loaded.log, pendingCreate };
    },
    async readLog() {
      rows = await readEventRows(tx, trustId, enquiryId);
      return rows.map(rowToEvent);
    },
    async inputFor(details) {
      const input = resolveInput(details, await directory.sources(details));
      return { input, inputKey: inputKeyOf(input, lifecycle) };
    },
    async judge(loaded) {
      // Only a create sets the community, and a stored enquiry takes no second one.
      const communityId = loaded.state.data.details?.communityId ?? loaded.pendingCreate?.communityId;
      const community = communityId ? await directory.community(communityId) : undefined;
      return policyJudge({ principal, before: loaded.state.data, community, atomic, conflicts }, out);
    },
    async write({ loaded, accepted, state, replayed, refusals }) {
      if (replayed && rows) await updateRefusals(tx, trustId, rows, state);
      const change = visibilityChanges(loaded.state.data, state.data);
      if (change) await resend(tx, trustId, eventsToResend(change, rows ? rows.map(rowToEvent) : await readFilteredTypes(tx, trustId, enquiryId)));
      const newRows = newEventRows(accepted, refusals);
      const next = summaryParams(trustId, enquiryId, lifecycle, state, loaded.inputKey);
      const stored = await storeEvents(tx, trustId, enquiryId, next.params, newRows);
      if (stored.inserted !== newRows.length) {
        if (!probed) throw new StoredAlready();
        throw new HttpError(409, { error: 'conflict', message: 'Another request stored some of these events at the same moment: push the batch again.' });
      }
      summary = next.summary;
      written = { version: stored.version, summary: next.params[4], cache: next.cache, size: next.params[5].length, at: Date.now() };
    },
  };
  return { port, summary: () => summary, written: () => written };
}
