import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { msg, str } from '@lit/localize';
import type { Store } from '../../src/store/store.js';
import { isSyncingStore, type SyncState } from '../../src/store/sync.js';
import { PlcElement } from '../base/plc-element.js';
import { formatNumber } from '../localization.js';
import { sharedStyles } from '../styles/shared.js';
import { syncStatusStyles } from './plc-sync-status.styles.js';
import { tryAgainText } from '../strings.js';

/** Why a sync failed, in the reader's language, by the store's stable code. */
function reasonText(state: SyncState): string {
  switch (state.code) {
    case 'unauthorized':
      return msg('the server did not accept your sign-in. Sign in again.', { id: 'sync.reason.unauthorized' });
    case 'token':
      return msg('you are not signed in to the server.', { id: 'sync.reason.token' });
    case 'forbidden':
      return msg('the server says you may not make these changes.', { id: 'sync.reason.forbidden' });
    case 'rejected':
      return state.rejected === 1
        ? msg('the server refused a change. It is kept on this device.', { id: 'sync.reason.rejected-one' })
        : msg(str`the server refused ${formatNumber(state.rejected)} changes. They are kept on this device.`, { id: 'sync.reason.rejected' });
    case 'server':
      return msg('the server had a problem. plc-kit will try again.', { id: 'sync.reason.server' });
    case 'local':
      return msg('this device could not save what the server sent. plc-kit will try again.', { id: 'sync.reason.local' });
    default:
      return state.reason ?? '';
  }
}

/**
 * Shows where this device's work stands with the server: "Saved on this device: 2 not sent
 * yet" (kept here, the server does not have it yet), "Synced" (the server has everything),
 * "Offline: 3 not sent yet" or "Sync error: ..." with the reason, in a polite live region so a screen
 * reader hears each change. Offline or after an error it offers "Try again". Place it anywhere
 * inside `<plc-provider>` (a header, a footer); with a store that does not sync (no `server`)
 * it says the work is saved on this device.
 *
 * @summary Sync status: saved on this device, synced, offline with changes waiting, or an error.
 * @csspart status - The status line (the live region).
 * @csspart indicator - The coloured dot before the text.
 * @csspart retry - The "Try again" button, shown offline and after an error.
 * @cssproperty --plc-color-success - The dot when synced.
 * @cssproperty --plc-color-warning - The dot when offline.
 * @cssproperty --plc-color-danger - The dot and text of an error.
 * @cssproperty --plc-color-text-muted - The dot and text while saved on this device only.
 */
export class PlcSyncStatus extends PlcElement {
  static override styles = [sharedStyles, syncStatusStyles];

  static override properties: PropertyDeclarations = {
    store: { attribute: false },
    syncState: { state: true },
    retrying: { state: true },
  };

  constructor() {
    super();
    this.retrying = false;
  }

  /** A store to show instead of the provider's, for a status placed outside `<plc-provider>`. */
  declare store: Store | undefined;

  private declare syncState: SyncState | undefined;
  private declare retrying: boolean;

  private watched: Store | undefined;
  private unsubscribe: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.watch();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.watched = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store') || changed.has('session')) this.watch();
  }

  /** Follows the sync state of the store shown. */
  private watch(): void {
    const store = this.store ?? this.session?.store;
    if (store === this.watched && this.unsubscribe) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.watched = store;
    if (isSyncingStore(store)) {
      this.syncState = store.syncState;
      this.unsubscribe = store.subscribeSync((next) => {
        this.syncState = next;
        // An outcome ends "Trying…" at once: the store may go on retrying with backoff for a
        // while, and the person should be able to press Try again as soon as the error shows.
        if (next.status === 'error' || next.status === 'synced') this.retrying = false;
      });
    } else {
      this.syncState = undefined;
    }
  }

  private async retry(): Promise<void> {
    const store = this.watched;
    if (!isSyncingStore(store) || this.retrying) return;
    this.retrying = true;
    try {
      await store.sync();
    } catch {
      // The state shows what went wrong.
    } finally {
      this.retrying = false;
    }
  }

  /** The status line's text and its kind. */
  private describe(): { kind: string; text: string } {
    const store = this.watched;
    if (!store) return { kind: 'saved-locally', text: msg('Opening the storage on this device…', { id: 'sync.loading' }) };
    const s = this.syncState;
    if (!isSyncingStore(store) || !s) return { kind: 'saved-locally', text: msg('Saved on this device', { id: 'sync.saved-locally' }) };
    switch (s.status) {
      case 'synced':
        return { kind: 'synced', text: msg('Synced', { id: 'sync.synced' }) };
      case 'offline':
        return {
          kind: 'offline',
          text: s.waiting > 0 ? msg(str`Offline: ${formatNumber(s.waiting)} not sent yet`, { id: 'sync.offline-unsent' }) : msg('Offline', { id: 'sync.offline' }),
        };
      case 'error':
        return { kind: 'error', text: msg(str`Sync error: ${reasonText(s)}`, { id: 'sync.error' }) };
      default:
        // Saved here, not yet on the server: said apart from "Synced", with how much is waiting.
        return s.waiting > 0
          ? { kind: 'saved-locally', text: msg(str`Saved on this device: ${formatNumber(s.waiting)} not sent yet`, { id: 'sync.unsent' }) }
          : { kind: 'saved-locally', text: msg('Saved on this device', { id: 'sync.saved-locally' }) };
    }
  }

  protected override render() {
    const { kind, text } = this.describe();
    const canRetry = kind === 'offline' || kind === 'error';
    return html`<div class="row">
      <p class="status ${kind}" part="status" role="status" aria-live="polite">
        <span class="dot" part="indicator" aria-hidden="true"></span><span>${text}</span>
      </p>
      ${canRetry
        ? html`<button type="button" class="link" part="retry" ?disabled=${this.retrying} @click=${() => void this.retry()}>
            ${this.retrying ? msg('Trying…', { id: 'sync.retrying' }) : tryAgainText()}
          </button>`
        : nothing}
    </div>`;
  }
}
