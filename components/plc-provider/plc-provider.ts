import { LitElement, html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { ContextProvider } from '@lit/context';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { VERSION } from '../../src/version.js';
import { createEventFactory } from '../../src/lifecycle/events.js';
import { createHybridClock } from '../../src/lifecycle/hlc.js';
import { replayLifecycle, type ReplayLifecycle } from '../../src/lifecycle/replayLifecycle.js';
import { lifecycleInputFor } from '../../src/lifecycle/input.js';
import type { Store } from '../../src/store/store.js';
import { createIndexedDbStore } from '../../src/store/indexeddb.js';
import { isSyncingStore } from '../../src/store/sync.js';
import { createMemoryDrafts, openIndexedDbDrafts, type DraftStore } from '../../src/store/drafts.js';
import { EMPTY_DIRECTORY, sessionContext, type Directory, type PlcSession } from '../context/session.js';
import { BUILT_IN_VIEWS, createViews, type PlcViews } from '../context/views.js';
import type { StageView } from '../stages/stage-view.js';
import type { EvidenceKindView } from '../evidence/evidence-view.js';
import { setPlcLocale } from '../localization.js';
import { sharedStyles } from '../styles/shared.js';
import { PlcErrorEvent } from '../events/error.js';
import { PlcSyncStatusEvent } from '../events/sync-status.js';
import { providerStyles } from './plc-provider.styles.js';

const DIRECTORY_COLLECTIONS = new Set<string>(['people', 'cycles', 'themes', 'communities']);

/** A random id that works on plain-http pages too, where `crypto.randomUUID` is missing. */
function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Gives every plc-kit element inside it the store, the lifecycle, the signed-in person, the
 * locale and the cycle. Drop it around the other elements (or use `<plc-app>`, which has one).
 *
 * With `server="https://..."` the work is kept on this device (IndexedDB) and synced with a
 * plc-kit server in the background (see `createHttpSyncStore`): saved at once, offline too, sent
 * when the server can be reached, and colleagues' changes arrive on their own. The host gives
 * the signed-in person's token through `tokenProvider`:
 *
 * ```html
 * <plc-provider server="https://plc.trust.example" person-id="p-ana">...</plc-provider>
 * <script type="module">
 *   document.querySelector('plc-provider').tokenProvider = () => auth.getAccessToken();
 * </script>
 * ```
 *
 * Changes to people, cycles and communities go to the server at once and, while offline, fail
 * with a message saying so (they are not queued). Place a `<plc-sync-status>` where people should
 * see whether their work has reached the server, or listen for `plc-sync-status`.
 *
 * @summary The root of a plc-kit page: storage, person, language and cycle.
 * @slot - The plc-kit elements (and anything else) that share this session.
 * @event plc-error - The store could not be opened or the directory could not be loaded.
 * @event plc-sync-status - The sync state changed (only with `server`, or a host's syncing store): `event.state` is `{ status, waiting, rejected, code?, reason? }`.
 * @cssproperty --plc-color-bg - Page background.
 * @cssproperty --plc-color-surface - Background of panels and lists.
 * @cssproperty --plc-color-surface-raised - Background of cards and buttons.
 * @cssproperty --plc-color-text - Body text.
 * @cssproperty --plc-color-text-muted - Secondary text (hints, dates).
 * @cssproperty --plc-color-border - Borders of fields, cards and buttons.
 * @cssproperty --plc-color-accent - Primary actions, links, the current stage.
 * @cssproperty --plc-color-accent-text - Text on the accent colour.
 * @cssproperty --plc-color-accent-soft - Soft accent backgrounds (badges, selected rows).
 * @cssproperty --plc-color-focus - Keyboard focus ring.
 * @cssproperty --plc-color-success - Done stages, met checklist items.
 * @cssproperty --plc-color-warning - Locked stages, warnings.
 * @cssproperty --plc-color-danger - Errors and refusals.
 * @cssproperty --plc-font-family - Typeface.
 * @cssproperty --plc-font-size - Base font size.
 * @cssproperty --plc-line-height - Base line height.
 * @cssproperty --plc-space - Spacing unit; gaps and paddings are multiples of it.
 * @cssproperty --plc-radius - Corner radius of fields and buttons.
 * @cssproperty --plc-radius-large - Corner radius of cards.
 * @cssproperty --plc-target-size - Smallest touch target (44px by default).
 * @csspart notice - The notice shown when storage falls back to this page only.
 */
export class PlcProvider extends LitElement {
  static readonly plcKitVersion = VERSION;

  static override styles = [sharedStyles, providerStyles];

  static override properties: PropertyDeclarations = {
    /** The language: `en-GB` (default), `en-US` or `es`; others fall back to the closest. */
    lang: {},
    storage: { reflect: true },
    databaseName: { attribute: 'database-name' },
    server: { reflect: true },
    tokenProvider: { attribute: false },
    token: {},
    personId: { attribute: 'person-id', reflect: true },
    cycleId: { attribute: 'cycle-id', reflect: true },
    theme: { reflect: true },
    store: { attribute: false },
    drafts: { attribute: false },
    lifecycle: { attribute: false },
    stageViews: { attribute: false },
    evidenceViews: { attribute: false },
    fallbackNotice: { state: true },
  };

  /** Where data is kept: `indexeddb` (the default: on this device, offline, shared by tabs) or `memory` (gone on reload). */
  declare storage: 'indexeddb' | 'memory';

  /** The IndexedDB database name, so two plc-kit instances on one site can keep apart. */
  declare databaseName: string;

  /**
   * A plc-kit server to sync with, such as `https://plc.trust.example`: the work is kept on this
   * device and synced in the background. Needs `tokenProvider` (or, in development, `token`).
   */
  declare server: string | undefined;

  /**
   * Gives the signed-in person's bearer token for `server` (a JWT the host signs). Called before
   * requests and again after a 401, so return a cached token and refresh it when it expires.
   */
  declare tokenProvider: (() => Promise<string>) | undefined;

  /**
   * **Development only**: a fixed bearer token for `server` (such as one printed by
   * `npx plc-kit token`). An attribute is readable by every script on the page and never
   * refreshed; production pages use `tokenProvider`.
   */
  declare token: string | undefined;

  /** The signed-in person's id in the directory. */
  declare personId: string | undefined;


  /** The cycle to work in; defaults to the active cycle. */
  declare cycleId: string | undefined;

  /** `light` (default), `dark`, or `auto` to follow the device. */
  declare theme: 'light' | 'dark' | 'auto';

  /** A store object supplied by the host instead of `storage` (an HTTP sync adapter, say). */
  declare store: Store | undefined;

  /**
   * Where editors keep what people type, on this device only. By default an IndexedDB database
   * of its own (`<database-name>:drafts`) beside a stored or syncing store, and memory beside a
   * memory store. When `person-id` changes (the person signs out, or another signs in), the
   * previous person's drafts are removed.
   */
  declare drafts: DraftStore | undefined;

  /** A lifecycle supplied by the host (extra stages, guards, evidence kinds). */
  declare lifecycle: ReplayLifecycle;

  /**
   * How the host's own stages look in `<plc-enquiry>`: a name and guidance in each language, the
   * step that moves on, and a panel (see `StageView`). A stage without one shows its id and its
   * `stage-<id>` slot. One given for a built-in stage replaces it.
   */
  declare stageViews: readonly StageView[];

  /**
   * How the host's own evidence kinds look on `<plc-evidence-board>`: a name in each language, the
   * add form's fields and a renderer (see `EvidenceKindView`). A kind without one gets a form made
   * from its schema and its fields listed. One given for a built-in kind replaces it.
   */
  declare evidenceViews: readonly EvidenceKindView[];

  private readonly sessionProvider = new ContextProvider(this, { context: sessionContext });

  /** The session given to the elements inside. */
  get session(): PlcSession | undefined {
    return this.sessionProvider.value;
  }

  set session(session: PlcSession | undefined) {
    const old = this.sessionProvider.value;
    this.sessionProvider.setValue(session);
    this.requestUpdate('session', old);
  }

  private declare fallbackNotice: boolean;

  private ownStore: Store | undefined;
  private ownDrafts: DraftStore | undefined;
  private activeDrafts: DraftStore | undefined;
  private activeStore: Store | undefined;
  private directory: Directory = EMPTY_DIRECTORY;
  private views: PlcViews = BUILT_IN_VIEWS;
  private directoryReady = false;
  private unsubscribe: (() => void) | undefined;
  private unsubscribeSync: (() => void) | undefined;
  private readonly clock = createHybridClock(`d${randomId().replace(/-/g, '').slice(0, 12)}`);
  private readonly makeEvent = createEventFactory({ clock: this.clock, newId: randomId });
  private loading: Promise<void> = Promise.resolve();
  /** The store being opened (its code may load first: IndexedDB's, the memory store's, the HTTP store's). */
  private opening: Promise<void> = Promise.resolve();

  constructor() {
    super();
    // Lit's `lang` accessor (from `properties`), not the attribute: it reflects at the first update.
    // eslint-disable-next-line wc/no-constructor-attributes
    this.lang = '';
    this.storage = 'indexeddb';
    this.databaseName = 'plc-kit';
    this.theme = 'light';
    this.lifecycle = replayLifecycle;
    this.stageViews = [];
    this.evidenceViews = [];
    this.fallbackNotice = false;
    updateWhenLocaleChanges(this);
  }

  /** Resolves when the store is open and the directory loaded. */
  get ready(): Promise<void> {
    return this.opening
      .catch(() => undefined)
      .then(() => this.loading)
      .then(() => this.updateComplete)
      .then(() => undefined);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.activeStore) this.opening = this.openStore();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.unsubscribeSync?.();
    this.unsubscribeSync = undefined;
    void this.ownStore?.close();
    this.ownStore = undefined;
    this.activeStore = undefined;
    void this.ownDrafts?.close();
    this.ownDrafts = undefined;
    this.activeDrafts = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('lang')) void setPlcLocale(this.lang || document.documentElement.lang);
    if ((changed.has('store') || changed.has('storage') || changed.has('databaseName') || changed.has('server')) && this.isConnected && this.hasUpdated) {
      this.opening = this.openStore();
    } else if ((changed.has('tokenProvider') || changed.has('token')) && this.hasUpdated && isSyncingStore(this.activeStore)) {
      // A new token (signed in again): sync now rather than at the next retry.
      void this.activeStore.sync().catch(() => undefined);
    }
    const previousPerson = changed.get('personId');
    if (changed.has('personId') && previousPerson && previousPerson !== this.personId) {
      // Signed out (or someone else signed in): what the previous person typed leaves the device.
      void this.activeDrafts?.clearPerson(previousPerson).catch(() => undefined);
    }
    if (changed.has('drafts') && this.hasUpdated && this.activeStore) {
      this.activeDrafts = this.drafts ?? this.activeDrafts;
      this.publish();
    }
    if (changed.has('stageViews') || changed.has('evidenceViews')) this.views = createViews({ stages: this.stageViews, evidence: this.evidenceViews });
    if (changed.has('personId') || changed.has('cycleId') || changed.has('lifecycle') || changed.has('stageViews') || changed.has('evidenceViews')) this.publish();
  }

  private openGeneration = 0;

  /** The token for `server`: the host's `tokenProvider`, else the development `token`. */
  private async currentToken(): Promise<string> {
    if (this.tokenProvider) return this.tokenProvider();
    if (this.token) return this.token;
    throw new Error('no token: set the tokenProvider property of <plc-provider> (or, in development, its token attribute)');
  }

  /** A call to the server with the signed-in person's token (again once after a 401, with a fresh token). */
  private async serverRequest(url: string, path: string, init: RequestInit = {}): Promise<Response> {
    const call = async () => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${await this.currentToken()}`);
      if (init.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
      return fetch(`${url}${path}`, { ...init, headers });
    };
    const first = await call();
    return first.status === 401 ? call() : first;
  }

  /**
   * A store in this page's memory: asked for with `storage="memory"`, or when the browser will not
   * open IndexedDB. Its code loads only then, so the default page (IndexedDB) never downloads it.
   */
  private async openMemoryStore(): Promise<Store> {
    const { createMemoryStore } = await import('../../src/store/memory.js');
    return createMemoryStore({ lifecycle: this.lifecycle });
  }

  /**
   * The HTTP sync store for `server`: on this device in IndexedDB, else in memory (with the notice).
   * Its code loads only when a server is set, so pages without one never download it.
   */
  private async openSyncStore(server: string): Promise<Store> {
    // One import: the outbox comes with the HTTP store (http.ts re-exports it), so both are one file.
    const { createHttpSyncStore, createMemoryOutbox } = await import('../../src/store/http.js');
    const options = {
      server,
      token: () => this.currentToken(),
      lifecycle: this.lifecycle,
      ...(this.databaseName !== 'plc-kit' ? { name: `${this.databaseName}@${server}` } : {}),
    };
    try {
      return await createHttpSyncStore(options);
    } catch (error) {
      if ((error as { code?: string }).code === 'invalid') throw error;
      this.fallbackNotice = true;
      this.dispatchEvent(new PlcErrorEvent(msg('This browser would not open its storage, so your work is kept only until this page is closed.', { id: 'provider.storage-fallback' }), error));
      return createHttpSyncStore({ ...options, local: await this.openMemoryStore(), outbox: createMemoryOutbox() });
    }
  }

  private async openStore(): Promise<void> {
    // A newer call (say, the host setting .store while IndexedDB opens) wins over this one.
    const generation = ++this.openGeneration;
    this.unsubscribeSync?.();
    this.unsubscribeSync = undefined;
    this.unsubscribe?.();
    if (this.ownStore) void this.ownStore.close();
    this.ownStore = undefined;
    this.fallbackNotice = false;
    let store = this.store;
    if (!store && this.server) {
      try {
        const opened = await this.openSyncStore(this.server);
        if (generation !== this.openGeneration) {
          void opened.close();
          return;
        }
        store = this.ownStore = opened;
      } catch (error) {
        // A server address that is not a URL: say so, and keep working on this device.
        this.dispatchEvent(new PlcErrorEvent(error instanceof Error ? error.message : String(error), error));
      }
    }
    if (!store) {
      if (this.storage === 'memory') store = this.ownStore = await this.openMemoryStore();
      else {
        try {
          const opened = await createIndexedDbStore({ name: this.databaseName, lifecycle: this.lifecycle });
          if (generation !== this.openGeneration) {
            void opened.close();
            return;
          }
          store = this.ownStore = opened;
        } catch (error) {
          // Private browsing or a blocked database: keep working, and say that nothing is kept.
          this.fallbackNotice = true;
          this.dispatchEvent(new PlcErrorEvent(msg('This browser would not open its storage, so your work is kept only until this page is closed.', { id: 'provider.storage-fallback' }), error));
          store = this.ownStore = await this.openMemoryStore();
        }
      }
    }
    const drafts = this.drafts ?? (await this.openDrafts(store!));
    if (generation !== this.openGeneration) return;
    this.activeDrafts = drafts;
    this.activeStore = store;
    if (isSyncingStore(store)) {
      const syncing = store;
      this.unsubscribeSync = syncing.subscribeSync((state) => this.dispatchEvent(new PlcSyncStatusEvent(state)));
      this.dispatchEvent(new PlcSyncStatusEvent(syncing.syncState));
    }
    this.unsubscribe = store!.subscribe((change) => {
      // Only the collections the directory holds: a student's survey answer must not reload it.
      if ((change.kind === 'record' && DIRECTORY_COLLECTIONS.has(change.collection)) || change.kind === 'reset') void this.loadDirectory();
    });
    this.loading = this.loadDirectory();
    await this.loading;
  }

  /** The drafts database beside `store`: memory beside a memory store, else IndexedDB (memory when it will not open). */
  private async openDrafts(store: Store): Promise<DraftStore> {
    void this.ownDrafts?.close();
    this.ownDrafts = undefined;
    let drafts: DraftStore = createMemoryDrafts();
    if (store.kind !== 'memory' && typeof indexedDB !== 'undefined') {
      drafts = await openIndexedDbDrafts(`${this.databaseName}:drafts`).catch(() => drafts);
    }
    this.ownDrafts = drafts;
    return drafts;
  }

  /** Reloads people, cycles, themes and communities. */
  async loadDirectory(): Promise<void> {
    const store = this.activeStore;
    if (!store) return;
    try {
      const [people, cycles, themes, communities] = await Promise.all([
        store.list('people'),
        store.list('cycles'),
        store.list('themes'),
        store.list('communities'),
      ]);
      if (store !== this.activeStore) return;
      const byId = <T extends { id: string }>(rows: Array<{ record: T }>) => new Map(rows.map((row) => [row.record.id, row.record]));
      this.directory = { people: byId(people), cycles: byId(cycles), themes: byId(themes), communities: byId(communities) };
      this.directoryReady = true;
    } catch (error) {
      this.dispatchEvent(new PlcErrorEvent(error instanceof Error ? error.message : String(error), error));
      this.directoryReady = true;
    }
    this.publish();
  }

  private publish(): void {
    const store = this.activeStore;
    if (!store) return;
    const directory = this.directory;
    const cycles = [...directory.cycles.values()];
    const cycle =
      (this.cycleId ? directory.cycles.get(this.cycleId) : undefined) ??
      cycles.find((c) => c.status === 'active') ??
      cycles.sort((a, b) => b.startsOn.localeCompare(a.startsOn))[0];
    const person = this.personId ? directory.people.get(this.personId) : undefined;
    const cpdLeaders = [...directory.people.values()].filter((p) => p.roles.includes('cpd-leader'));
    const serverUrl = this.server && isSyncingStore(store) ? this.server.replace(/\/+$/, '') : undefined;
    this.session = {
      store,
      server: serverUrl ? { url: serverUrl, token: () => this.currentToken(), request: (path, init) => this.serverRequest(serverUrl, path, init) } : undefined,
      lifecycle: this.lifecycle,
      person,
      cycle,
      directory,
      ready: this.directoryReady,
      newEvent: (enquiryId, type, payload) =>
        this.makeEvent({ enquiryId, type, authorId: this.personId ?? 'anonymous', payload: payload as never }),
      seen: (events) => {
        for (const event of events) this.clock.receive(event.hlc);
      },
      ...(this.activeDrafts ? { drafts: this.activeDrafts } : {}),
      newId: (prefix) => `${prefix}-${randomId()}`,
      views: this.views,
      inputFor: (details) =>
        lifecycleInputFor(details, {
          cycle: details ? directory.cycles.get(details.cycleId) : undefined,
          community: details?.communityId ? directory.communities.get(details.communityId) : undefined,
          cpdLeaders,
        }),
    };
  }

  protected override render() {
    return html`${this.fallbackNotice
        ? html`<p class="notice warning" part="notice" role="status">
            ${msg('This browser would not open its storage, so your work is kept only until this page is closed.', { id: 'provider.storage-fallback' })}
          </p>`
        : nothing}<slot></slot>`;
  }
}
