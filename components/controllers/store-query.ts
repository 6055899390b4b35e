import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Store, StoreChange } from '../../src/store/store.js';
import type { PlcSession } from '../context/session.js';
import { PlcErrorEvent } from '../events/error.js';

/** Where a query stands: nothing to load (`idle`), loading, loaded (`ready`), or failed. */
export type QueryStatus = 'idle' | 'loading' | 'ready' | 'error';

/** What a {@link StoreQueryController} runs. */
export interface StoreQuery<T> {
  /**
   * What the result depends on besides the store (cycle id, person...): the query runs again when
   * it changes. `undefined` means "nothing to load" (status `idle`).
   */
  key: (session: PlcSession) => string | undefined;
  /** Loads the result. */
  load: (session: PlcSession) => Promise<T>;
  /** Whether a store change affects the result (then it loads again, a moment later). */
  affects: (change: StoreChange) => boolean;
  /**
   * How long to wait after a change before loading again, in milliseconds (default 30), so
   * changes arriving together (a sync, an import) cause one reload; 0 loads again at once.
   */
  delay?: number;
}

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Runs an async query against the session's store and runs it again when its key changes or when
 * the store reports a change that affects it (another element, tab or device writing). Changes
 * arriving together cause one reload (see {@link StoreQuery.delay}). Keeps the last result while
 * reloading the same key, so the page does not flash back to "Loading"; a new key starts from
 * `loading`. A failed load sets `error` and fires `plc-error` on the host.
 *
 * `loaded` resolves when the load under way (or one already scheduled after a change) has
 * finished; the host's own `loaded` waits for it.
 * @example
 * ```ts
 * private readonly walks = new StoreQueryController(this, () => this.session, {
 *   key: (session) => session.cycle?.id,
 *   load: async (session) => (await session.store.list('learningWalks')).map((row) => row.record),
 *   affects: (change) => change.kind === 'record' && change.collection === 'learningWalks',
 * });
 * render() { return this.walks.status === 'ready' ? html`${this.walks.value!.length} walks` : nothing; }
 * ```
 */
export class StoreQueryController<T> implements ReactiveController {
  status: QueryStatus = 'idle';
  value: T | undefined;
  error: string | undefined;
  /** Resolves when the current (or the scheduled) load has finished. */
  loaded: Promise<void> = Promise.resolve();

  private store: Store | undefined;
  private key: string | undefined;
  private unsubscribe: (() => void) | undefined;
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Resolves the `loaded` promise handed out while a reload waits for its delay. */
  private scheduled: (() => void) | undefined;

  constructor(
    private readonly host: Host,
    private readonly getSession: () => PlcSession | undefined,
    private readonly query: StoreQuery<T>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.sync();
  }

  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.store = undefined;
    this.key = undefined;
    clearTimeout(this.timer);
    this.scheduled?.();
    this.scheduled = undefined;
  }

  private sync(): void {
    const session = this.getSession();
    const key = session?.ready ? this.query.key(session) : undefined;
    if (session?.store === this.store && key === this.key) return;
    if (session?.store !== this.store) {
      this.unsubscribe?.();
      this.store = session?.store;
      this.unsubscribe = session?.store.subscribe((change) => {
        if (change.kind === 'reset' || (change.kind !== 'error' && this.query.affects(change))) this.schedule();
      });
      this.value = undefined;
      this.status = 'idle';
    }
    if (key !== this.key) {
      this.value = undefined;
      if (this.status === 'ready') this.status = 'idle';
    }
    this.key = key;
    void this.reload();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const delay = this.query.delay ?? 30;
    if (delay <= 0) {
      void this.reload();
      return;
    }
    if (!this.scheduled) {
      let done!: () => void;
      this.loaded = new Promise<void>((resolve) => (done = resolve));
      this.scheduled = done;
    }
    this.timer = setTimeout(() => {
      const done = this.scheduled;
      this.scheduled = undefined;
      void this.reload().finally(done);
    }, delay);
  }

  /** Runs the query again now. */
  reload(): Promise<void> {
    const generation = ++this.generation;
    const session = this.getSession();
    if (!session || !session.ready || this.key === undefined) {
      this.status = 'idle';
      this.value = undefined;
      this.host.requestUpdate();
      return (this.loaded = Promise.resolve());
    }
    if (this.status !== 'ready') this.status = 'loading';
    this.host.requestUpdate();
    this.loaded = (async () => {
      try {
        const value = await this.query.load(session);
        if (generation !== this.generation) return;
        this.value = value;
        this.status = 'ready';
        this.error = undefined;
      } catch (error) {
        if (generation !== this.generation) return;
        this.status = 'error';
        this.error = error instanceof Error ? error.message : String(error);
        this.host.dispatchEvent(new PlcErrorEvent(this.error, error));
      } finally {
        if (generation === this.generation) this.host.requestUpdate();
      }
    })();
    return this.loaded;
  }
}
