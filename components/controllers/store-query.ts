import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Store, StoreChange } from '../../src/store/store.js';
import type { PlcSession } from '../context/session.js';

/** Where a query stands. */
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
   * changes arriving together cause one reload; 0 loads again at once.
   */
  delay?: number;
}

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Runs an async query against the session's store and runs it again when its key changes or when
 * the store reports a change that affects it (another element, tab or device writing). Changes
 * arriving together cause one reload (see {@link StoreQuery.delay}). Keeps the last result while
 * reloading, so the page does not flash back to "Loading". `settled` resolves when the current
 * load has finished.
 * @internal shared by the leaders' and the survey elements
 */
export class StoreQueryController<T> implements ReactiveController {
  status: QueryStatus = 'idle';
  value: T | undefined;
  error: string | undefined;
  settled: Promise<void> = Promise.resolve();

  private store: Store | undefined;
  private key: string | undefined;
  private unsubscribe: (() => void) | undefined;
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

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
    }
    this.key = key;
    void this.reload();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const delay = this.query.delay ?? 30;
    if (delay > 0) this.timer = setTimeout(() => void this.reload(), delay);
    else void this.reload();
  }

  /** Runs the query again now. */
  reload(): Promise<void> {
    const generation = ++this.generation;
    const session = this.getSession();
    if (!session || !session.ready || this.key === undefined) {
      this.status = 'idle';
      this.value = undefined;
      this.host.requestUpdate();
      return (this.settled = Promise.resolve());
    }
    if (this.status !== 'ready') this.status = 'loading';
    this.host.requestUpdate();
    this.settled = (async () => {
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
      } finally {
        if (generation === this.generation) this.host.requestUpdate();
      }
    })();
    return this.settled;
  }
}
