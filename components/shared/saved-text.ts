/**
 * "Saved" never claims that anyone else has the work: while the store cannot reach its server
 * (offline, or a sync error), what is saved is on this device only, and every editor says so the
 * same way ("Saved on this device, not sent yet: it goes when the connection is back.").
 * @internal shared by the editors
 */
import { msg } from '@lit/localize';
import type { Store } from '../../src/store/store.js';
import { isSyncingStore } from '../../src/store/sync.js';

/** Whether what is saved in `store` now stays on this device until the connection is back. */
export function savedOnDeviceOnly(store: Store | undefined): boolean {
  return isSyncingStore(store) && (store.syncState.status === 'offline' || store.syncState.status === 'error');
}

/** The sentence that says the work is on this device only. */
export function notSentText(): string {
  return msg('Saved on this device, not sent yet: it goes when the connection is back.', { id: 'sync.saved-not-sent' });
}

/** `text` ("Meeting saved."), followed by {@link notSentText} while the work is on this device only. */
export function savedText(store: Store | undefined, text: string): string {
  return savedOnDeviceOnly(store) ? `${text} ${notSentText()}` : text;
}
