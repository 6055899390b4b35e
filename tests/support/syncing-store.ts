/** A memory store that says it syncs, for elements that show or act on a sync state. */
import { createMemoryStore } from '../../src/store/memory.js';
import type { SyncState, SyncingStore } from '../../src/store/sync.js';

/** A memory store that says it syncs, in the state a test sets. */
export function syncingStore(initial: SyncState): SyncingStore & { set(state: SyncState): void } {
  const store = createMemoryStore();
  const listeners = new Set<(state: SyncState) => void>();
  let state = initial;
  const syncing = Object.assign(Object.create(null) as object, store, {
    subscribeSync(listener: (next: SyncState) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    sync: async () => state,
    set(next: SyncState) {
      state = next;
      for (const listener of listeners) listener(next);
    },
  });
  // A getter of its own (Object.assign would copy one value).
  Object.defineProperty(syncing, 'syncState', { get: () => state });
  return syncing as unknown as SyncingStore & { set(state: SyncState): void };
}

