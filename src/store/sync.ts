/**
 * What a syncing store tells the page about its exchange with a server, and the small pieces
 * the HTTP sync store is built from: retry delays with backoff and jitter, and one-tab-syncs-for-all
 * coordination through Web Locks and BroadcastChannel.
 * @module
 */
import type { Store } from './store.js';

/**
 * Where this device's work stands:
 * - `saved-locally`: on this device, not yet confirmed by the server (being sent now, or no
 *   exchange has finished yet);
 * - `synced`: everything on this device is on the server, and the last exchange succeeded;
 * - `offline`: the server cannot be reached; `waiting` changes are kept on this device and go
 *   when it can;
 * - `error`: the server answered but refused (sign-in, permission, or some changes): `reason`
 *   says why. Work is still kept on this device.
 */
export type SyncStatus = 'saved-locally' | 'synced' | 'offline' | 'error';

/** Stable codes of sync errors, for translated messages; `reason` has the details in English. */
export type SyncErrorCode =
  /** The server did not accept the sign-in token (401). */
  | 'unauthorized'
  /** The signed-in person may not do this (403 for the whole request). */
  | 'forbidden'
  /** The host's token function failed or gave nothing. */
  | 'token'
  /** The server refused some changes (kept on this device; see `retryRejected`). */
  | 'rejected'
  /** The server failed (500) or answered something unexpected. */
  | 'server'
  /** This device's storage failed while applying changes. */
  | 'local';

/** The sync state of a {@link SyncingStore}. */
export interface SyncState {
  status: SyncStatus;
  /** Changes made on this device that the server does not have yet. */
  waiting: number;
  /** Changes the server refused; kept on this device, not sent again until `retryRejected()`. */
  rejected: number;
  /** Set with `status: 'error'`. */
  code?: SyncErrorCode;
  /** Why, in English, with `status: 'error'`. */
  reason?: string;
  /** When the last successful exchange with the server ended (ISO 8601). */
  lastSyncedAt?: string;
}

/** A step this device wrote that the server refused: kept on this device, not sent again until retried. */
export interface ServerRefusal {
  /** The refused event, as written on this device. */
  eventId: string;
  /** What the server said: `invalid`, `forbidden`, `too-large`, or a refused request's error code. */
  code: string;
  /** The policy's or the lifecycle's code, when the server gave one (`not-allowed`, `author-mismatch`...). */
  because?: string;
  /** Why, in English, as the server said. */
  reason: string;
}

/** A store that keeps a copy on this device and syncs it with a server. */
export interface SyncingStore extends Store {
  /** The current sync state. */
  readonly syncState: SyncState;
  /** Tells `listener` of every change of {@link syncState}. Returns an unsubscribe function. */
  subscribeSync(listener: (state: SyncState) => void): () => void;
  /** Sends what is waiting and fetches what changed, now. Resolves with the state afterwards. */
  sync(): Promise<SyncState>;
  /**
   * The steps of `enquiryId` the server refused, oldest first, so a history can show them with
   * the reason. A store without an outbox of refusals may leave this out (it has none).
   */
  serverRefusals?(enquiryId: string): Promise<ServerRefusal[]>;
}

/** Whether `store` syncs with a server (and so has a sync state to show). */
export function isSyncingStore(store: Store | undefined | null): store is SyncingStore {
  return (
    typeof store === 'object' &&
    store !== null &&
    typeof (store as Partial<SyncingStore>).subscribeSync === 'function' &&
    typeof (store as Partial<SyncingStore>).syncState === 'object'
  );
}

/** Two states are the same for a listener (the time of the last sync aside). */
export function sameSyncState(a: SyncState, b: SyncState): boolean {
  return a.status === b.status && a.waiting === b.waiting && a.rejected === b.rejected && a.code === b.code && a.reason === b.reason;
}

/** Retry timing: the first delay and the cap, in milliseconds. */
export interface RetryOptions {
  /** The first retry waits about this long (1 s by default). */
  baseMs?: number;
  /** No retry waits longer than this (60 s by default). */
  maxMs?: number;
}

/**
 * The delay before retry number `attempt` (1, 2, ...): exponential backoff with "equal jitter",
 * between half and all of `min(maxMs, baseMs * 2^(attempt-1))`, so many devices coming back at
 * once (a school's Wi-Fi returning) do not all retry in the same instant, and none retries at once.
 */
export function backoffDelay(attempt: number, options: RetryOptions = {}, random: () => number = Math.random): number {
  const base = options.baseMs ?? 1_000;
  const max = options.maxMs ?? 60_000;
  const cap = Math.min(max, base * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

/** Messages between the tabs of one sync store. */
export type TabMessage =
  /** A follower wrote events to the shared outbox: the leader should send them. */
  | { type: 'kick' }
  /** A follower asks for a sync now (its `sync()`). */
  | { type: 'sync' }
  /** The leader's state after every change of it. */
  | { type: 'state'; state: SyncState };

/** One tab syncs for all: the tab holding the lock is the leader; the others follow. */
export interface TabCoordinator {
  /** Whether this tab syncs. */
  readonly leader: boolean;
  /** Tells the other tabs. */
  post(message: TabMessage): void;
  /** Stops leading (the next tab waiting for the lock takes over) and closes the channel. */
  close(): void;
}

/** The Web Locks API, when this browser has it. */
function lockManager(): LockManager | undefined {
  const nav = (globalThis as { navigator?: Navigator }).navigator;
  return nav && typeof nav.locks?.request === 'function' ? nav.locks : undefined;
}

/** Whether this environment can coordinate tabs (Web Locks and BroadcastChannel). */
export function canCoordinateTabs(): boolean {
  return lockManager() !== undefined && typeof BroadcastChannel === 'function';
}

/**
 * Joins the tabs syncing `name`: waits for the Web Lock `name` (held until this tab closes or
 * calls `close`), calls `onLeader` once it has it, and passes messages through a
 * BroadcastChannel of the same name. Without Web Locks, this tab leads on its own at once.
 */
export function coordinateTabs(name: string, handlers: { onLeader: () => void; onMessage: (message: TabMessage) => void }): TabCoordinator {
  const locks = lockManager();
  if (!locks || typeof BroadcastChannel !== 'function') {
    queueMicrotask(handlers.onLeader);
    return { leader: true, post: () => undefined, close: () => undefined };
  }
  const channel = new BroadcastChannel(name);
  const abort = new AbortController();
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  let closed = false;
  const coordinator = {
    leader: false,
    post(message: TabMessage) {
      if (!closed) channel.postMessage(message);
    },
    close() {
      if (closed) return;
      closed = true;
      abort.abort();
      release();
      channel.close();
    },
  };
  channel.onmessage = (event: MessageEvent<TabMessage>) => {
    if (!closed && event.data && typeof event.data === 'object') handlers.onMessage(event.data);
  };
  locks
    .request(name, { signal: abort.signal }, async () => {
      if (closed) return;
      coordinator.leader = true;
      handlers.onLeader();
      await held;
    })
    .catch(() => undefined); // aborted by close() while waiting
  return coordinator;
}
