/**
 * The HTTP sync store's upstream: sends the outbox to the server, batch by batch and enquiry by
 * enquiry, and settles each event by the server's answer: sent (appended, duplicate, refused:
 * stored either way), or kept aside with the reason (invalid, forbidden, too large, a batch the
 * server refused as a whole). A 413 halves the batch; any other failure is thrown for the sync
 * loop to retry. Nothing here calls `fetch`: it sends through a {@link Request}.
 * @module
 */
import type { DomainEvent } from '../lifecycle/events.js';
import type { PushResponse } from '../sync/wire.js';
import { HttpFailure, type ErrorReply, type Request } from './httpTransport.js';
import type { SyncOutbox } from './syncOutbox.js';

/** What the upstream needs. */
export interface UpstreamOptions {
  outbox: SyncOutbox;
  request: Request;
  /** Events per request at first; halved after each 413, down to one. */
  batch: number;
  /** Stop between requests (the store is closing). */
  stopped: () => boolean;
  /** After each enquiry's answer is settled in the outbox (the sync state shows the new counts). */
  progress: () => Promise<void>;
}

/** Pushes the outbox until it is empty; `batch` says the size it settled on. */
export interface Upstream {
  push(): Promise<void>;
  readonly batch: number;
}

/** Creates the upstream of an HTTP sync store. */
export function createUpstream(options: UpstreamOptions): Upstream {
  const { outbox } = options;
  let batch = options.batch;

  /** Sends one enquiry's events; false when the batch must shrink first. */
  async function send(enquiryId: string, events: DomainEvent[]): Promise<boolean> {
    const reply = await options.request<Partial<PushResponse> & ErrorReply>('POST', `/v1/enquiries/${encodeURIComponent(enquiryId)}/events`, { events });
    if (reply.status === 413) {
      if (events.length === 1) await outbox.reject([{ id: events[0]!.id, code: 'too-large', reason: reply.body?.message ?? 'The event is larger than the server accepts.' }]);
      else batch = Math.max(1, Math.floor(Math.min(batch, events.length) / 2));
      return false;
    }
    if (reply.status === 400 || reply.status === 404 || reply.status === 409) {
      // The request as a whole was refused: these events will never be stored as they are.
      const reason = reply.body?.message ?? `The server answered ${reply.status}.`;
      await outbox.reject(events.map((e) => ({ id: e.id, code: reply.body?.error ?? 'invalid', reason })));
      return true;
    }
    if (reply.status !== 200 || !Array.isArray(reply.body?.results)) throw new HttpFailure(reply.status, reply.body);
    const done: string[] = [];
    const refused: Array<{ id: string; code: string; reason: string; because?: string }> = [];
    for (const result of reply.body.results) {
      if (result.status === 'invalid' || result.status === 'forbidden') {
        // A pushed event always has its id (checked before it entered the outbox).
        const id = result.eventId ?? events[result.index]!.id;
        const reason = result.message || ('reason' in result ? `refused (${result.reason})` : `refused (${result.status})`);
        const because = 'reason' in result && typeof result.reason === 'string' ? result.reason : undefined;
        refused.push({ id, code: result.status, reason: `event ${id}: ${reason}`, ...(because ? { because } : {}) });
      } else {
        done.push(result.eventId);
      }
    }
    await outbox.remove(done);
    if (refused.length) await outbox.reject(refused);
    await options.progress();
    return true;
  }

  return {
    get batch() {
      return batch;
    },
    async push() {
      for (;;) {
        if (options.stopped()) return;
        const entries = await outbox.pending(batch);
        if (!entries.length) return;
        const byEnquiry = new Map<string, DomainEvent[]>();
        for (const { event } of entries) byEnquiry.set(event.enquiryId, [...(byEnquiry.get(event.enquiryId) ?? []), event]);
        for (const [enquiryId, events] of byEnquiry) if (!(await send(enquiryId, events))) break;
      }
    },
  };
}
