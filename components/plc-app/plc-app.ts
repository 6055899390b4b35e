import { keepFocusInSight } from './sticky-focus.js';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ContextEvent } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { VERSION } from '../../src/version.js';
import type { Community, Person } from '../../src/schema/directory.js';
import type { Store } from '../../src/store/store.js';
import { isSyncingStore } from '../../src/store/sync.js';
import { waitingForReview } from '../../src/policy/reviewQueue.js';
import { StoreQueryController } from '../controllers/store-query.js';
import type { DemoServer } from '../../examples/demo/server.js';
import { sessionContext, type PlcSession } from '../context/session.js';
import type { PlcEnquiryOpenEvent } from '../events/enquiry-open.js';
import { PlcErrorEvent } from '../events/error.js';
import { resolveLocale } from '../localization.js';
import '../plc-provider/index.js';
import type { PlcProvider } from '../plc-provider/plc-provider.js';
import '../plc-my-enquiries/index.js';
import { sharedStyles } from '../styles/shared.js';
import { appStyles } from './plc-app.styles.js';
import type { SetupDraft } from './first-run.js';

/** The first-run views, loaded only on a page with nothing to show yet. */
let firstRunModule: Promise<typeof import('./first-run.js')> | undefined;
const loadFirstRun = () => (firstRunModule ??= import('./first-run.js'));
/** The sync state in the header, loaded only when the app syncs with a server. */
let syncStatusModule: Promise<unknown> | undefined;
const loadSyncStatus = () => (syncStatusModule ??= import('../plc-sync-status/index.js'));
import { focusLost } from '../shared/focus.js';
import { appAccess, firstRunOf, hashOf, resolveRoute, routeFromHash, sameRoute, viewOf, type AppAccess, type AppRoute, type AppSection, type AppView } from './routes.js';

export type { AppRoute, AppSection } from './routes.js';
export { hashOf, routeFromHash } from './routes.js';

/** The name of each section in the navigation. */
const SECTION_LABELS: Readonly<Record<AppSection, () => string>> = {
  enquiries: () => msg('My enquiries', { id: 'enquiry.list.heading' }),
  reviews: () => msg('Waiting for my review', { id: 'review.heading' }),
  notifications: () => msg('Notifications', { id: 'notify.heading' }),
  badges: () => msg('My badges', { id: 'app.nav.badges' }),
  celebrate: () => msg('Celebrate', { id: 'app.nav.celebrate' }),
  communities: () => msg('Communities', { id: 'app.nav.communities' }),
  meetings: () => msg('Meetings', { id: 'app.nav.meetings' }),
  coaching: () => msg('Peer coaching', { id: 'coaching.heading' }),
  walks: () => msg('Learning walks', { id: 'app.nav.walks' }),
  impact: () => msg('Impact', { id: 'app.nav.impact' }),
  sharing: () => msg('Sharing sessions', { id: 'app.nav.sharing' }),
  booklet: () => msg('Booklet', { id: 'app.nav.booklet' }),
  feedback: () => msg('Staff feedback', { id: 'app.nav.feedback' }),
  admin: () => msg('Admin', { id: 'app.nav.admin' }),
};

/**
 * The views' elements, each loaded the first time someone opens it: "My enquiries" comes with the
 * app, so the first view needs nothing more; a teacher who never opens the impact report or the
 * programme administration never downloads them, and a view that fails to load leaves the rest of
 * the app working. (Already-registered tags, e.g. with `define.js`, load nothing new.)
 */
const VIEW_MODULES: Readonly<Record<Exclude<AppView, 'enquiries'>, () => Promise<unknown>>> = {
  enquiry: () => import('../plc-enquiry/index.js'),
  reviews: () => import('../plc-review-queue/index.js'),
  notifications: () => import('../plc-notifications/index.js'),
  badges: () => import('../plc-credentials/index.js'),
  celebrate: () => import('../plc-celebrate/index.js'),
  communities: () => import('../plc-community-board/index.js'),
  meetings: () => import('../plc-meeting/index.js'),
  coaching: () => import('../plc-coaching-pairs/index.js'),
  walks: () => import('../plc-learning-walk/index.js'),
  impact: () => import('../plc-impact-report/index.js'),
  sharing: () => import('../plc-sharing-session/index.js'),
  booklet: () => import('../plc-booklet/index.js'),
  feedback: () => import('../plc-staff-feedback/index.js'),
  admin: () => import('../plc-cycle-admin/index.js'),
};
/** The tag of each view's element. */
const VIEW_TAGS: Readonly<Record<Exclude<AppView, 'enquiries'>, string>> = {
  enquiry: 'plc-enquiry',
  reviews: 'plc-review-queue',
  notifications: 'plc-notifications',
  badges: 'plc-credentials',
  celebrate: 'plc-celebrate',
  communities: 'plc-community-board',
  meetings: 'plc-meeting',
  coaching: 'plc-coaching-pairs',
  walks: 'plc-learning-walk',
  impact: 'plc-impact-report',
  sharing: 'plc-sharing-session',
  booklet: 'plc-booklet',
  feedback: 'plc-staff-feedback',
  admin: 'plc-cycle-admin',
};
const viewModules = new Map<AppView, Promise<boolean>>();

/**
 * Loads a view's element once per page; resolves false if it could not be loaded. An element
 * already defined (define.js, or loaded before) needs no import, so the view shows as soon as
 * before, and focus moves to it without waiting for one.
 */
function loadView(view: AppView): Promise<boolean> {
  if (view === 'enquiries' || customElements.get(VIEW_TAGS[view])) return Promise.resolve(true);
  let loading = viewModules.get(view);
  if (!loading) {
    loading = VIEW_MODULES[view]().then(
      () => true,
      () => {
        viewModules.delete(view);
        return false;
      },
    );
    viewModules.set(view, loading);
  }
  return loading;
}

/**
 * What the app asks of the element a view shows, to put focus on its heading once it has loaded:
 * every plc-kit element the app routes to has `focusHeading()`.
 */
type ViewElement = HTMLElement & {
  updateComplete?: Promise<unknown>;
  loaded?: Promise<unknown>;
  focusHeading?: () => void;
};

/** The focused element, through shadow roots. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const LANGUAGES: ReadonlyArray<{ tag: string; name: string }> = [
  { tag: 'en-GB', name: 'English (UK)' },
  { tag: 'en-US', name: 'English (US)' },
  { tag: 'es', name: 'Español' },
];

/** Where the demo remembers the chosen person and language between visits (one entry per database). */
const DEMO_KEY = 'plc-kit-demo';
/** Who the demo signs in as the first time: a member of the feedback PLC. */
const DEMO_PERSON = 'p-beth';

/**
 * The all-in-one plc-kit page a site admin drops in: its own `<plc-provider>`, a header with the
 * school and programme, who is signed in, the language, navigation, and the routed view. The
 * navigation shows each person only the sections their role opens (from the policy):
 *
 * - **My enquiries** (everyone) and one enquiry, `#/` and `#/enquiry/<id>`;
 * - **Communities**, the community board of the cycle, `#/communities` (opening an enquiry there
 *   shows it, with a way back to the board);
 * - **Meetings**, `#/meetings` to choose a community and `#/meetings/<communityId>` for its
 *   meetings: members and coaches see their own communities, PLC leads, CPD leaders and
 *   administrators all of the cycle's (someone with one community goes straight to it);
 * - **Learning walks** `#/walks` (CPD leaders, administrators, PLC leads), **Impact** `#/impact`
 *   (whoever may read the school-wide figures), **Sharing sessions** `#/sharing` (everyone: the
 *   programme; CPD leaders plan sessions there), **Booklet** `#/booklet` (everyone) and **Admin**
 *   `#/admin` (CPD leaders and administrators).
 *
 * The place is kept in the URL hash, so a reload or a shared link opens the same view; a place
 * the person may not see opens "My enquiries" with a notice saying so. After navigating, focus
 * moves to the new view's heading. The leaders' views are loaded the first time they are opened.
 * On a narrow screen the navigation folds into a "Menu" button; when printed (the booklet), only
 * the view is printed. With `demo`, an empty store is filled with the demo school (loaded only
 * then) and a visitor may switch between its people.
 *
 * @summary The whole plc-kit app in one element.
 * @event plc-enquiry-open - Bubbles up from a list or the board when an enquiry is opened or started; the app then shows it.
 * @event plc-stage-change - Bubbles up from the enquiry view when an enquiry changes stage.
 * @event plc-error - The store could not be opened, or the demo school could not be set up.
 * @csspart header - The bar with the school, navigation, person and language.
 * @csspart brand - The school and programme name.
 * @csspart nav - The navigation between sections.
 * @csspart menu-button - The "Menu" button shown on narrow screens.
 * @csspart settings - The person and language pickers.
 * @csspart notice - The notice shown when an address led somewhere the person may not go.
 * @csspart view - The routed view.
 * @csspart back - The "Back to ..." button above an enquiry or a community's meetings.
 * @csspart community-list - The list of communities to choose from in Meetings.
 * @cssproperty --plc-color-surface - Background of the header bar.
 * @cssproperty --plc-color-border - The line under the header bar.
 * @cssproperty --plc-color-accent - The current navigation entry.
 * @cssproperty --plc-app-max-width - The widest the app grows (default 80rem).
 * @cssproperty --plc-app-sticky-top - On a phone the header row stays at the top as the view scrolls: how far below the top of the window (default 0; the height of a host's own fixed header).
 */
export class PlcApp extends LitElement {
  static readonly plcKitVersion = VERSION;
  static override styles = [sharedStyles, appStyles];

  /** Where data is kept: `indexeddb` (default) or `memory`. Passed to the provider. */
  @property({ reflect: true }) accessor storage: 'indexeddb' | 'memory' = 'indexeddb';

  /** The IndexedDB database name. Passed to the provider. */
  @property({ attribute: 'database-name' }) accessor databaseName = 'plc-kit';

  /** The signed-in person's id, set by the host page (in the demo, the person picker sets it). */
  @property({ attribute: 'person-id' }) accessor personId: string | undefined;

  /**
   * The language: `en-GB` (default), `en-US` or `es`. The language picker changes it. Reflected
   * only when set: an empty `lang` attribute would tell screen readers the language is unknown.
   */
  @property({ reflect: true, converter: { fromAttribute: (value: string | null) => value ?? '', toAttribute: (value: string) => value || null } })
  override accessor lang = '';

  /** The cycle to work in; the active cycle when unset. */
  @property({ attribute: 'cycle-id', reflect: true }) accessor cycleId: string | undefined;

  /** `light` (default), `dark`, or `auto` to follow the device. */
  @property({ reflect: true }) accessor theme: 'light' | 'dark' | 'auto' = 'light';

  /** Fills an empty store with the demo school and lets a visitor switch person. */
  @property({ type: Boolean, reflect: true }) accessor demo = false;

  /** `hash` (default) keeps the place in the URL hash; `none` leaves the URL alone (for hosts that route themselves). */
  @property({ reflect: true }) accessor routing: 'hash' | 'none' = 'hash';

  /** A store object supplied by the host instead of `storage`. Passed to the provider. */
  @property({ attribute: false }) accessor store: Store | undefined;

  /**
   * A plc-kit server to sync with (`https://plc.trust.example`), passed to the provider with
   * `tokenProvider`; the header then shows the sync status. With `demo` and no `tokenProvider`,
   * the app signs in through a development server's `/v1/dev/token` and puts the demo school on
   * it the first time (`npm run start:server`); each demo person keeps their own copy on this device.
   */
  @property({ reflect: true }) accessor server: string | undefined;

  /** Gives the signed-in person's bearer token for `server`. Passed to the provider. */
  @property({ attribute: false }) accessor tokenProvider: (() => Promise<string>) | undefined;

  /** The current place in the app. */
  @state() accessor route: AppRoute = { section: 'enquiries' };

  @state() private accessor session: PlcSession | undefined;
  @state() private accessor menuOpen = false;
  @state() private accessor schoolName = '';
  @state() private accessor seeding: 'no' | 'running' | 'failed' = 'no';
  /** The store the demo has checked (and filled if it was empty): until then nobody is known. */
  @state() private accessor seedCheckedFor: Store | undefined;
  /** The section someone was turned away from, for the notice. */
  @state() private accessor refused: AppSection | undefined;
  /** What an administrator typed in the first-run form. */
  @state() private accessor setup: SetupDraft = { school: '', name: '', errors: {}, busy: false };
  /** The first-run views, once loaded. */
  @state() private accessor firstRun: typeof import('./first-run.js') | undefined;
  /** Views whose element could not be loaded. */
  @state() private accessor failedViews: ReadonlySet<AppView> = new Set();

  @query('plc-provider') private accessor provider!: PlcProvider | null;

  /** How many driving questions wait for the person's review: the count beside the navigation entry. */
  private readonly reviewCount = new StoreQueryController<number>(this, () => this.session, {
    key: (session) => (session.person && this.access.sections.includes('reviews') ? JSON.stringify([session.person.id, session.cycle?.id ?? '']) : undefined),
    load: async (session) => waitingForReview(session.person!, await session.store.listEnquiries(session.cycle ? { cycleId: session.cycle.id } : {}), session.directory.communities).length,
    affects: (change) => change.kind === 'events',
  });

  private unsubscribeSession: (() => void) | undefined;
  private seededStore: Store | undefined;
  /** The demo's development server (with `demo` and `server`), loaded when first needed. */
  private demoServer: { server: string; client: Promise<DemoServer> } | undefined;
  private schoolFor: { store: Store; schoolId: string | undefined } | undefined;
  private focusView = false;
  private focusRun = 0;
  private accessFor: { session: PlcSession; access: AppAccess } | undefined;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /** Resolves when the provider has opened the store (and the demo school is in place). */
  get ready(): Promise<void> {
    return this.updateComplete.then(async () => {
      await this.provider?.ready;
      await this.seedingDone;
      await this.updateComplete;
    });
  }

  private seedingDone: Promise<void> = Promise.resolve();

  private readonly onHashChange = () => {
    if (this.routing !== 'hash' || location.hash === hashOf(this.route)) return;
    this.go(routeFromHash(location.hash), false);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.demo) this.restoreDemoChoices();
    if (this.routing === 'hash') this.route = routeFromHash(location.hash);
    window.addEventListener('hashchange', this.onHashChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
    this.unsubscribeSession?.();
    this.unsubscribeSession = undefined;
  }

  protected override firstUpdated(): void {
    // The app sits above its own provider, so it asks for the session from a node inside it.
    const inside = this.renderRoot.querySelector('.app');
    inside?.dispatchEvent(
      new ContextEvent(
        sessionContext,
        inside,
        (value: PlcSession | undefined, unsubscribe?: () => void) => {
          this.unsubscribeSession = unsubscribe;
          this.session = value;
        },
        true,
      ),
    );
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (this.syncs) void loadSyncStatus();
    if (changed.has('session')) this.onSession();
    this.applyAccess();
    if (changed.has('route')) void this.loadViewOf(this.route);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('route') && this.focusView) {
      this.focusView = false;
      void this.focusCurrentView();
    }
  }

  /** Whether the directory (and, in the demo, the demo school) is in, so who may see what is known. */
  private get accessKnown(): boolean {
    const session = this.session;
    if (!session?.ready || this.seeding === 'running') return false;
    return !this.demo || this.seedCheckedFor === session.store;
  }

  /** What the signed-in person may reach (nothing but "My enquiries" until that is known). */
  private get access(): AppAccess {
    const session = this.session;
    if (!session || !this.accessKnown) return { sections: ['enquiries'], meetingCommunities: [] };
    if (this.accessFor?.session !== session) {
      this.accessFor = { session, access: appAccess(session.person, session.directory.communities.values(), session.cycle?.id, { server: session.server !== undefined }) };
    }
    return this.accessFor.access;
  }

  /** Turns a route the person may not see into "My enquiries" (with a notice), once that is known. */
  private applyAccess(): void {
    if (!this.accessKnown) return;
    const resolved = resolveRoute(this.route, this.access);
    if (sameRoute(resolved.route, this.route)) return;
    if (resolved.refused) this.refused = this.route.section;
    this.route = resolved.route;
    if (this.routing === 'hash' && location.hash !== hashOf(resolved.route)) history.replaceState(history.state, '', hashOf(resolved.route));
  }

  private async loadViewOf(route: AppRoute): Promise<void> {
    const view = viewOf(route);
    const loaded = await loadView(view);
    if (loaded === this.failedViews.has(view)) {
      const failed = new Set(this.failedViews);
      if (loaded) failed.delete(view);
      else failed.add(view);
      this.failedViews = failed;
    }
  }

  /**
   * After navigating, focus goes to the new view's heading once the view has loaded: the app's
   * own heading, or the element's, through its `focusHeading()`. A view that re-renders its
   * heading while loading late gets focus put back on the new one.
   */
  private async focusCurrentView(): Promise<void> {
    const run = ++this.focusRun;
    if (!(await loadView(viewOf(this.route)))) return;
    await this.updateComplete;
    const target = this.renderRoot.querySelector<ViewElement>('[data-view]');
    if (!target || run !== this.focusRun) return;
    if (target.localName.includes('-')) {
      await customElements.whenDefined(target.localName);
      await (target.loaded ?? target.updateComplete);
    }
    this.focusHeadingOf(target);
    let focused = deepActiveElement();
    for (let check = 0; check < 20 && run === this.focusRun; check += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (run !== this.focusRun || !target.isConnected) return;
      const onBody = document.activeElement === document.body || document.activeElement === null;
      const lost = onBody && (!focused || focused === document.body || !focused.isConnected);
      if (!lost) continue;
      this.focusHeadingOf(target);
      focused = deepActiveElement();
    }
  }

  private focusHeadingOf(target: ViewElement): void {
    if (target.localName.includes('-')) target.focusHeading?.();
    else target.focus();
  }

  private onSession(): void {
    const session = this.session;
    if (!session?.ready) return;
    if (this.demo && this.seededStore !== session.store) {
      this.seededStore = session.store;
      this.seedingDone = this.usesDemoServer ? this.syncDemoServer(session.store) : this.seedIfEmpty(session.store);
    }
    const schoolId = session.person?.schoolId;
    if (this.schoolFor?.store !== session.store || this.schoolFor.schoolId !== schoolId) {
      this.schoolFor = { store: session.store, schoolId };
      void this.loadSchoolName(session.store, schoolId);
    }
  }

  /** Fills an empty store with the demo school; the seed module is only loaded when it is needed. */
  private seedIfEmpty(store: Store): Promise<void> {
    return this.prepareDemo(store, async () => {
      if ((await store.list('people')).length > 0) return false;
      this.seeding = 'running';
      const { seedDemo } = await import('../../examples/demo/seed.js');
      await seedDemo(store);
      return true;
    });
  }

  /**
   * Runs `fill` (which answers false when the school was already there), then reloads the
   * directory and the school's name; a failure becomes a `plc-error`. Either way the store
   * counts as checked, so who may see what is known.
   */
  private async prepareDemo(store: Store, fill: () => Promise<boolean>): Promise<void> {
    try {
      if (!(await fill())) return;
      await this.provider?.loadDirectory();
      this.seeding = 'no';
      this.schoolFor = undefined;
      void this.loadSchoolName(store, this.session?.person?.schoolId);
    } catch (error) {
      this.seeding = 'failed';
      this.dispatchEvent(new PlcErrorEvent(error instanceof Error ? error.message : String(error), error));
    } finally {
      this.seedCheckedFor = store;
    }
  }

  /** Whether the work syncs with a server, so the header shows the sync state. */
  private get syncs(): boolean {
    return Boolean(this.server) || isSyncingStore(this.store);
  }

  /** Whether the demo signs in through a development server (rather than the host's tokens). */
  private get usesDemoServer(): boolean {
    return this.demo && Boolean(this.server) && !this.tokenProvider && !this.store;
  }

  /** The demo's development server client for `server`, loaded the first time it is needed. */
  private demoServerFor(server: string): Promise<DemoServer> {
    if (this.demoServer?.server !== server) {
      this.demoServer = { server, client: import('../../examples/demo/server.js').then(({ createDemoServer }) => createDemoServer(server)) };
    }
    return this.demoServer.client;
  }

  /**
   * A development token provider for one demo person (the demo school is put on the server
   * first). One function per person, bound to them: a sync of the previous person's copy still
   * running after a switch must not be sent with the new person's token.
   */
  private demoTokenFor(personId: string): () => Promise<string> {
    let provider = this.demoTokens.get(personId);
    if (!provider) {
      provider = async () => {
        const server = this.server;
        if (!server) throw new Error('no server');
        return (await this.demoServerFor(server)).tokenFor(personId);
      };
      this.demoTokens.set(personId, provider);
    }
    return provider;
  }

  private readonly demoTokens = new Map<string, () => Promise<string>>();

  /** In the demo against a server: the school is on the server, and this device has fetched it. */
  private syncDemoServer(store: Store): Promise<void> {
    return this.prepareDemo(store, async () => {
      this.seeding = 'running';
      await (await this.demoServerFor(this.server!)).ready();
      if (isSyncingStore(store)) await store.sync();
      return true;
    });
  }

  private async loadSchoolName(store: Store, schoolId: string | undefined): Promise<void> {
    try {
      const school = schoolId ? await store.get('schools', schoolId) : undefined;
      const name = school?.record.name ?? (await store.list('schools'))[0]?.record.name ?? '';
      if (store === this.session?.store) this.schoolName = name;
    } catch {
      this.schoolName = '';
    }
  }

  private get demoKey(): string {
    return this.databaseName === 'plc-kit' ? DEMO_KEY : `${DEMO_KEY}:${this.databaseName}`;
  }

  private restoreDemoChoices(): void {
    try {
      const saved = JSON.parse(localStorage.getItem(this.demoKey) ?? '{}') as { personId?: string; lang?: string };
      if (!this.personId) this.personId = saved.personId ?? DEMO_PERSON;
      if (!this.lang && saved.lang) this.lang = saved.lang;
    } catch {
      if (!this.personId) this.personId = DEMO_PERSON;
    }
  }

  private saveDemoChoices(): void {
    if (!this.demo) return;
    try {
      localStorage.setItem(this.demoKey, JSON.stringify({ personId: this.personId, lang: this.lang }));
    } catch {
      // Storage may be blocked (private browsing); the choice then lasts for this page only.
    }
  }

  /** Goes to a route; `push` records it in the URL hash (and the browser's history). */
  go(route: AppRoute, push = true): void {
    if (sameRoute(route, this.route)) return;
    this.focusView = true;
    this.menuOpen = false;
    this.refused = undefined;
    this.route = route;
    if (push && this.routing === 'hash' && location.hash !== hashOf(route)) location.hash = hashOf(route);
  }

  /** An enquiry opened from a list or the board: shown within the section it was opened from. */
  private onOpen(event: PlcEnquiryOpenEvent): void {
    const from = this.route.section === 'communities' ? 'communities' : 'enquiries';
    this.go({ section: from, enquiryId: event.enquiryId });
  }

  private onNav(event: Event, route: AppRoute): void {
    event.preventDefault();
    this.go(route);
  }

  /**
   * The skip link: past the bar, straight to the view's heading (or to the view itself while it
   * loads). A button, not a link to `#content`: the view is in this shadow root, where no
   * address can point, and the hash is the app's route.
   */
  private skipToView(): void {
    const target = this.renderRoot.querySelector<ViewElement>('[data-view]');
    if (target) this.focusHeadingOf(target);
    if (!target || focusLost() || deepActiveElement()?.closest('.skip-link')) this.renderRoot.querySelector<HTMLElement>('#content')?.focus();
  }

  /** Escape closes the folded menu and puts focus back on its button. */
  private onMenuKey(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.menuOpen) return;
    this.menuOpen = false;
    this.renderRoot.querySelector<HTMLElement>('.menu-button')?.focus();
  }

  private choosePerson(event: Event): void {
    this.personId = (event.target as HTMLSelectElement).value || undefined;
    this.saveDemoChoices();
  }

  private chooseLanguage(event: Event): void {
    this.lang = (event.target as HTMLSelectElement).value;
    this.saveDemoChoices();
  }

  // ---- rendering ---------------------------------------------------------------------------

  protected override render() {
    const access = this.access;
    const demoServer = this.usesDemoServer;
    return html`<plc-provider
      storage=${this.storage}
      database-name=${demoServer ? `${this.databaseName}-${this.personId ?? DEMO_PERSON}` : this.databaseName}
      server=${this.server ?? nothing}
      .tokenProvider=${demoServer ? this.demoTokenFor(this.personId ?? DEMO_PERSON) : this.tokenProvider}
      person-id=${this.personId ?? nothing}
      lang=${this.lang || document.documentElement.lang || 'en-GB'}
      cycle-id=${this.cycleId ?? nothing}
      theme=${this.theme}
      .store=${this.store}
      @plc-enquiry-open=${this.onOpen}
    >
      <div class="app">
        <button class="skip-link" part="skip-link" @click=${this.skipToView}>${msg('Skip to the content', { id: 'app.skip' })}</button>
        ${this.renderBar(access)}
        <div class="view" part="view" id="content" role="region" tabindex="-1" @focusin=${(event: FocusEvent) => keepFocusInSight(this.shadowRoot!.querySelector('.bar'), event)} aria-label=${this.route.enquiryId ? msg('Enquiry', { id: 'app.view.enquiry' }) : SECTION_LABELS[this.route.section]()}>
          <div class="view-notice" role="status">${this.renderRefused()}</div>
          ${this.renderView(access)}
        </div>
      </div>
    </plc-provider>`;
  }

  private renderBar(access: AppAccess) {
    const cycle = this.session?.cycle;
    return html`<div class="bar ${this.menuOpen ? 'menu-open' : ''}" part="header">
      <div class="top">
        <p class="brand" part="brand">
          <span class="school">${this.schoolName || msg('plc-kit', { id: 'app.name' })}</span>
          <span class="programme">
            ${cycle
              ? msg(str`Professional learning communities · ${cycle.name}`, { id: 'app.programme-cycle' })
              : msg('Professional learning communities', { id: 'app.programme' })}
          </span>
        </p>
        ${
          // On a phone the settings fold into the menu: the sync state stays in sight here (only
          // one of the two is ever displayed, so a screen reader hears each change once).
          this.syncs ? html`<plc-sync-status class="sync in-top"></plc-sync-status>` : nothing
        }
        <button
          class="menu-button"
          part="menu-button"
          aria-expanded=${this.menuOpen ? 'true' : 'false'}
          aria-controls="menu"
          @click=${() => (this.menuOpen = !this.menuOpen)}
        >
          <span aria-hidden="true">☰</span> ${msg('Menu', { id: 'app.menu' })}
        </button>
      </div>
      <div id="menu" class="menu ${this.menuOpen ? 'open' : ''}" @keydown=${this.onMenuKey}>
        <nav part="nav" aria-label=${msg('Sections', { id: 'app.nav' })}>
          <ul>
            ${access.sections.map((section) => {
              const route: AppRoute = { section };
              return html`<li>
                <a
                  href=${this.routing === 'hash' ? hashOf(route) : '#'}
                  aria-current=${this.route.section === section ? 'page' : nothing}
                  @click=${(e: Event) => this.onNav(e, route)}
                  >${SECTION_LABELS[section]()}${section === 'reviews' && this.reviewCount.value
                    ? html` <span class="count" part="count">${this.reviewCount.value}</span>`
                    : nothing}</a
                >
              </li>`;
            })}
          </ul>
        </nav>
        <div class="settings" part="settings">
          ${this.renderPerson()} ${this.renderLanguage()}
          ${this.syncs ? html`<plc-sync-status class="sync in-settings"></plc-sync-status>` : nothing}
        </div>
      </div>
    </div>`;
  }

  private renderPerson() {
    const session = this.session;
    const people = session ? [...session.directory.people.values()].sort((a, b) => a.name.localeCompare(b.name)) : [];
    if (this.demo) {
      return html`<div class="setting">
        <label for="person">${msg('Signed in as', { id: 'app.signed-in-as' })} <span class="demo-badge">${msg('demo', { id: 'app.demo-badge' })}</span></label>
        <select id="person" @change=${this.choosePerson} aria-describedby="person-hint">
          ${people.length === 0 ? html`<option value="">${msg('Loading…', { id: 'app.loading-short' })}</option>` : nothing}
          ${people.length > 0 && !people.some((p) => p.id === this.personId)
            ? html`<option value="" selected>${msg('Choose a person', { id: 'app.choose-person' })}</option>`
            : nothing}
          ${people.map((p) => html`<option value=${p.id} ?selected=${p.id === this.personId}>${this.personLabel(p)}</option>`)}
        </select>
        <span class="visually-hidden" id="person-hint">${msg('Demo only: switch person to see each role.', { id: 'app.person-hint' })}</span>
      </div>`;
    }
    const person = session?.person;
    return html`<p class="signed-in">
      ${person
        ? html`<span class="muted">${msg('Signed in as', { id: 'app.signed-in-as' })}</span> <strong>${person.name}</strong>`
        : html`<span class="muted">${msg('Not signed in', { id: 'app.not-signed-in' })}</span>`}
    </p>`;
  }

  /** "Amir Khan · Lead, Feedback that moves learning": who each demo person is, so a visitor can pick a role. */
  private personLabel(person: Person): string {
    const session = this.session!;
    const cycleId = session.cycle?.id;
    const communities = [...session.directory.communities.values()].filter((c) => c.cycleId === cycleId);
    const led = communities.find((c) => c.leadId === person.id);
    const member = communities.find((c) => c.memberIds.includes(person.id));
    let role = '';
    if (person.roles.includes('cpd-leader')) role = msg('CPD leader', { id: 'app.role.cpd-leader' });
    else if (person.roles.includes('admin')) role = msg('Administrator', { id: 'app.role.admin' });
    else if (led) role = msg(str`Lead, ${led.name}`, { id: 'app.role.lead' });
    else if (person.newStaff) role = msg('New staff', { id: 'app.role.new-staff' });
    else if (member) role = msg(str`Member, ${member.name}`, { id: 'app.role.member' });
    else role = msg('Teacher', { id: 'app.role.teacher' });
    return `${person.name} · ${role}`;
  }

  private renderLanguage() {
    const current = resolveLocale(this.lang || document.documentElement.lang);
    return html`<div class="setting">
      <label for="language">${msg('Language', { id: 'app.language' })}</label>
      <select id="language" @change=${this.chooseLanguage}>
        ${LANGUAGES.map((l) => html`<option value=${l.tag} lang=${l.tag} ?selected=${l.tag === current}>${l.name}</option>`)}
      </select>
    </div>`;
  }

  private renderRefused() {
    if (!this.refused) return nothing;
    const label = SECTION_LABELS[this.refused]();
    return html`<p class="notice warning" part="notice">
      ${msg(str`“${label}” is not open to you, so here are your enquiries.`, { id: 'app.refused' })}
    </p>`;
  }

  private renderView(access: AppAccess) {
    if (this.seeding === 'running') {
      return html`<p class="muted" role="status">${msg('Setting up the demo school…', { id: 'app.seeding' })}</p>`;
    }
    if (this.seeding === 'failed') {
      return html`<p class="notice error" role="alert">${msg('The demo school could not be set up in this browser.', { id: 'app.seed-failed' })}</p>`;
    }
    const firstRun = firstRunOf(this.session, this.demo, this.personId);
    if (firstRun && !this.firstRun) {
      void loadFirstRun().then((module) => (this.firstRun = module));
      return html`<p class="muted" role="status">${msg('Loading…', { id: 'app.loading-short' })}</p>`;
    }
    if (firstRun === 'setup') {
      return this.firstRun!.renderSetup(this.setup, {
        input: (field, value) => (this.setup = { ...this.setup, [field]: value }),
        submit: () => void this.createSchool(),
      });
    }
    if (firstRun) return this.firstRun!.renderNoOne(firstRun, this.personId);
    const route = this.route;
    if (this.failedViews.has(viewOf(route))) return this.renderViewFailed(route);
    if (route.enquiryId) {
      const back: AppRoute = { section: route.section };
      return html`<button class="link back" part="back" @click=${(e: Event) => this.onNav(e, back)}>
          <span aria-hidden="true">←</span>
          ${route.section === 'communities'
            ? msg('Back to the communities', { id: 'app.back-communities' })
            : msg('Back to my enquiries', { id: 'app.back' })}
        </button>
        <plc-enquiry data-view enquiry-id=${route.enquiryId}></plc-enquiry>`;
    }
    if (route.section === 'enquiries') return html`<plc-my-enquiries data-view cycle-id=${this.cycleId ?? nothing}></plc-my-enquiries>`;
    // A leader's view waits until who may see it is known (the route may yet fall back).
    if (!this.accessKnown) return html`<p class="muted" role="status">${msg('Loading…', { id: 'app.loading-short' })}</p>`;
    const cycleId = this.cycleId ?? nothing;
    switch (route.section) {
      case 'reviews':
        return html`<plc-review-queue data-view></plc-review-queue>`;
      case 'notifications':
        return html`<plc-notifications data-view></plc-notifications>`;
      case 'badges':
        return html`<plc-credentials data-view></plc-credentials>`;
      case 'celebrate':
        return html`<plc-celebrate data-view></plc-celebrate>`;
      case 'communities':
        return html`<plc-community-board data-view cycle-id=${cycleId}></plc-community-board>`;
      case 'meetings':
        return route.communityId ? this.renderMeetings(route.communityId, access) : this.renderCommunityChoice(access.meetingCommunities);
      case 'coaching':
        return html`<plc-coaching-pairs data-view cycle-id=${cycleId}></plc-coaching-pairs>`;
      case 'walks':
        return html`<plc-learning-walk data-view cycle-id=${cycleId}></plc-learning-walk>`;
      case 'impact':
        return html`<plc-impact-report data-view cycle-id=${cycleId}></plc-impact-report>`;
      case 'sharing':
        return html`<plc-sharing-session data-view cycle-id=${cycleId}></plc-sharing-session>`;
      case 'booklet':
        return html`<plc-booklet data-view cycle-id=${cycleId}></plc-booklet>`;
      case 'feedback':
        return html`<plc-staff-feedback data-view cycle-id=${cycleId}></plc-staff-feedback>`;
      case 'admin':
        return html`<plc-cycle-admin data-view></plc-cycle-admin>`;
    }
  }

  /**
   * The first-run form's step: the school and the administrator's own record, then Admin, where
   * they create the first cycle and import staff. The administrator becomes the signed-in person
   * when the page named no one (a page that names someone makes that id the administrator's).
   */
  private async createSchool(): Promise<void> {
    const session = this.session;
    const firstRun = this.firstRun;
    if (!session || !firstRun || this.setup.busy) return;
    this.setup = { ...this.setup, busy: true, errors: {} };
    const result = await firstRun.createFirstAdministrator(session, this.setup, this.personId);
    this.setup = { ...this.setup, busy: false, errors: result.errors };
    if (!result.personId) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"], .first-run [role="alert"]')?.focus();
      return;
    }
    this.personId = result.personId;
    await this.updateComplete;
    await this.provider?.loadDirectory();
    await this.provider?.updateComplete;
    this.setup = firstRun.EMPTY_SETUP;
    this.go({ section: 'admin' });
  }

  /** A view whose element could not be loaded (a file missing on the site, or no connection). */
  private renderViewFailed(route: AppRoute) {
    const heading = route.enquiryId ? msg('Enquiry', { id: 'app.view.enquiry' }) : SECTION_LABELS[route.section]();
    return html`<h2 data-view tabindex="-1">${heading}</h2>
      <div class="notice error" role="alert">
        <p>${msg('This part of plc-kit could not be loaded. Check the connection, then try again.', { id: 'app.view-failed' })}</p>
        <button @click=${() => void this.loadViewOf(route)}>${msg('Try again', { id: 'app.retry' })}</button>
      </div>`;
  }

  private renderMeetings(communityId: string, access: AppAccess) {
    const back: AppRoute = { section: 'meetings' };
    return html`${access.meetingCommunities.length > 1
        ? html`<button class="link back" part="back" @click=${(e: Event) => this.onNav(e, back)}>
            <span aria-hidden="true">←</span> ${msg('All communities’ meetings', { id: 'app.meetings.back' })}
          </button>`
        : nothing}
      <plc-meeting data-view community-id=${communityId}></plc-meeting>`;
  }

  /** Meetings: the communities this person can open, each a link to its meetings. */
  private renderCommunityChoice(communities: readonly Community[]) {
    const session = this.session!;
    const personId = session.person?.id;
    const role = (c: Community) =>
      c.leadId === personId
        ? msg('You lead it', { id: 'app.meetings.you-lead' })
        : c.memberIds.includes(personId ?? '')
          ? msg('You are a member', { id: 'app.meetings.you-member' })
          : c.coachIds.includes(personId ?? '')
            ? msg('You coach it', { id: 'app.meetings.you-coach' })
            : '';
    return html`<h2 id="view-heading" data-view tabindex="-1">${SECTION_LABELS.meetings()}</h2>
      <p class="muted">${msg('Choose a community to see and record its meetings.', { id: 'app.meetings.choose' })}</p>
      <ul class="communities" part="community-list">
        ${communities.map((c) => {
          const route: AppRoute = { section: 'meetings', communityId: c.id };
          const lead = session.directory.people.get(c.leadId)?.name ?? c.leadId;
          const theme = session.directory.themes.get(c.themeId)?.name;
          const mine = role(c);
          return html`<li>
            <a class="community" href=${this.routing === 'hash' ? hashOf(route) : '#'} @click=${(e: Event) => this.onNav(e, route)}>
              <span class="community-name">${c.name}</span>
              <span class="muted">${theme ? html`${theme} · ` : nothing}${msg(str`Lead: ${lead}`, { id: 'app.meetings.lead' })}</span>
              ${mine ? html`<span class="badge">${mine}</span>` : nothing}
            </a>
          </li>`;
        })}
      </ul>`;
  }
}
