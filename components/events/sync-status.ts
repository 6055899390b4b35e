import type { SyncState } from '../../src/store/sync.js';

/**
 * Fired by `<plc-provider>` when the sync state of its store changes (and once when a syncing
 * store opens): saved on this device, synced, offline with changes waiting, or an error with
 * the reason. Only stores that sync with a server (`server="..."`, or a host's syncing store)
 * fire it. Bubbles and crosses shadow roots (`composed`).
 */
export class PlcSyncStatusEvent extends Event {
  static readonly eventName = 'plc-sync-status';
  /** `saved-locally`, `synced`, `offline` or `error`, with `waiting`, `rejected`, `code` and `reason`. */
  readonly state: SyncState;
  constructor(state: SyncState) {
    super(PlcSyncStatusEvent.eventName, { bubbles: true, composed: true });
    this.state = state;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'plc-sync-status': PlcSyncStatusEvent;
  }
}
