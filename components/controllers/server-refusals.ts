import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Store } from '../../src/store/store.js';
import { isSyncingStore, type ServerRefusal } from '../../src/store/sync.js';

/**
 * The steps of one enquiry that the server refused on push, by event id, so a history can mark
 * them with the reason (issue 16). Read from the syncing store's outbox of refusals, and again
 * whenever the log or the count of refusals changes; a store that does not sync has none.
 */
export class ServerRefusalsController implements ReactiveController {
  /** The enquiry's server-refused steps, by event id. */
  refusals: ReadonlyMap<string, ServerRefusal> = new Map();

  private seen: { store: Store | undefined; enquiryId: string | undefined; log: unknown; rejected: number } | undefined;
  private unsubscribe: (() => void) | undefined;
  private subscribed: Store | undefined;
  private generation = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly getStore: () => Store | undefined,
    private readonly getEnquiryId: () => string | undefined,
    private readonly getLog: () => unknown,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const store = this.getStore();
    if (store !== this.subscribed) {
      this.unsubscribe?.();
      this.unsubscribe = isSyncingStore(store) ? store.subscribeSync(() => this.refresh()) : undefined;
      this.subscribed = store;
    }
    this.refresh();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.subscribed = undefined;
    this.seen = undefined;
  }

  /** Reads the refusals again when the store, the enquiry, the log or the count of refusals changed. */
  private refresh(): void {
    const store = this.getStore();
    const enquiryId = this.getEnquiryId();
    const rejected = isSyncingStore(store) ? store.syncState.rejected : 0;
    const next = { store, enquiryId, log: this.getLog(), rejected };
    const seen = this.seen;
    if (seen && seen.store === next.store && seen.enquiryId === next.enquiryId && seen.log === next.log && seen.rejected === next.rejected) return;
    this.seen = next;
    const generation = ++this.generation;
    if (!enquiryId || !isSyncingStore(store) || !store.serverRefusals || rejected === 0) {
      if (this.refusals.size) {
        this.refusals = new Map();
        this.host.requestUpdate();
      }
      return;
    }
    store.serverRefusals(enquiryId).then(
      (list) => {
        if (generation !== this.generation) return;
        this.refusals = new Map(list.map((r) => [r.eventId, r]));
        this.host.requestUpdate();
      },
      // The store closed or its outbox failed: the history shows what it knows; the sync status says what went wrong.
      () => undefined,
    );
  }
}
