import { keepFocusInSight } from './sticky-focus.js';
import { LitElement, html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { ContextEvent } from '@lit/context';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { VERSION } from '../../src/version.js';
import type { Store } from '../../src/store/store.js';
import { isSyncingStore } from '../../src/store/sync.js';
import { waitingForReview } from '../../src/policy/reviewQueue.js';
import { StoreQueryController } from '../controllers/store-query.js';
import { sessionContext, type PlcSession } from '../context/session.js';
import type { PlcEnquiryOpenEvent } from '../events/enquiry-open.js';
import { PlcErrorEvent } from '../events/error.js';
import { focusLost } from '../shared/focus.js';
import '../plc-provider/index.js';
import type { PlcProvider } from '../plc-provider/plc-provider.js';
import '../plc-my-enquiries/index.js';
import { sharedStyles } from '../styles/shared.js';
import { appStyles } from './plc-app.styles.js';
import type { SetupDraft } from './first-run.js';
import { DEMO_PERSON, DemoServerSignIn, restoreDemoChoices, saveDemoChoices } from './demo.js';
import { renderHeader, type HeaderActions } from './header.js';
import { renderRefused, renderRouteView, renderViewFailed, viewLabel } from './route-views.js';
import { deepActiveElement, focusHeadingOf, holdFocusOn, loadView, type ViewElement } from './view-loading.js';
import { appAccess, firstRunOf, hashOf, resolveRoute, routeFromHash, sameRoute, viewOf, type AppAccess, type AppRoute, type AppSection, type AppView } from './routes.js';

/** The first-run views, loaded only on a page with nothing to show yet. */
let firstRunModule: Promise<typeof import('./first-run.js')> | undefined;
const loadFirstRun = () => (firstRunModule ??= import('./first-run.js'));
/** The sync state in the header, loaded only when the app syncs with a server. */
let syncStatusModule: Promise<unknown> | undefined;
const loadSyncStatus = () => (syncStatusModule ??= import('../plc-sync-status/index.js'));

export type { AppRoute, AppSection } from './routes.js';
export { hashOf, routeFromHash } from './routes.js';

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

  static override properties: PropertyDeclarations = {
    storage: { reflect: true },
    databaseName: { attribute: 'database-name' },
    personId: { attribute: 'person-id' },
    cycleId: { attribute: 'cycle-id', reflect: true },
    theme: { reflect: true },
    demo: { type: Boolean, reflect: true },
    routing: { reflect: true },
    /**
     * The language: `en-GB` (default), `en-US` or `es`. The language picker changes it. Reflected
     * only when set: an empty `lang` attribute would tell screen readers the language is unknown.
     */
    lang: { reflect: true, converter: { fromAttribute: (value: string | null) => value ?? '', toAttribute: (value: string) => value || null } },
    store: { attribute: false },
    server: { reflect: true },
    tokenProvider: { attribute: false },
    route: { state: true },
    session: { state: true },
    menuOpen: { state: true },
    schoolName: { state: true },
    seeding: { state: true },
    seedCheckedFor: { state: true },
    refused: { state: true },
    setup: { state: true },
    firstRun: { state: true },
    failedViews: { state: true },
  };

  /** Where data is kept: `indexeddb` (default) or `memory`. Passed to the provider. */
  declare storage: 'indexeddb' | 'memory';

  /** The IndexedDB database name. Passed to the provider. */
  declare databaseName: string;

  /** The signed-in person's id, set by the host page (in the demo, the person picker sets it). */
  declare personId: string | undefined;


  /** The cycle to work in; the active cycle when unset. */
  declare cycleId: string | undefined;

  /** `light` (default), `dark`, or `auto` to follow the device. */
  declare theme: 'light' | 'dark' | 'auto';

  /** Fills an empty store with the demo school and lets a visitor switch person. */
  declare demo: boolean;

  /** `hash` (default) keeps the place in the URL hash; `none` leaves the URL alone (for hosts that route themselves). */
  declare routing: 'hash' | 'none';

  /** A store object supplied by the host instead of `storage`. Passed to the provider. */
  declare store: Store | undefined;

  /**
   * A plc-kit server to sync with (`https://plc.trust.example`), passed to the provider with
   * `tokenProvider`; the header then shows the sync status. With `demo` and no `tokenProvider`,
   * the app signs in through a development server's `/v1/dev/token` and puts the demo school on
   * it the first time (`npm run start:server`); each demo person keeps their own copy on this device.
   */
  declare server: string | undefined;

  /** Gives the signed-in person's bearer token for `server`. Passed to the provider. */
  declare tokenProvider: (() => Promise<string>) | undefined;

  /** The current place in the app. */
  declare route: AppRoute;

  private declare session: PlcSession | undefined;
  private declare menuOpen: boolean;
  private declare schoolName: string;
  private declare seeding: 'no' | 'running' | 'failed';
  /** The store the demo has checked (and filled if it was empty): until then nobody is known. */
  private declare seedCheckedFor: Store | undefined;
  /** The section someone was turned away from, for the notice. */
  private declare refused: AppSection | undefined;
  /** What an administrator typed in the first-run form. */
  private declare setup: SetupDraft;
  /** The first-run views, once loaded. */
  private declare firstRun: typeof import('./first-run.js') | undefined;
  /** Views whose element could not be loaded. */
  private declare failedViews: ReadonlySet<AppView>;

  private get provider(): PlcProvider | null {
    return this.renderRoot?.querySelector('plc-provider') ?? null;
  }

  /** How many driving questions wait for the person's review: the count beside the navigation entry. */
  private readonly reviewCount = new StoreQueryController<number>(this, () => this.session, {
    key: (session) => (session.person && this.access.sections.includes('reviews') ? JSON.stringify([session.person.id, session.cycle?.id ?? '']) : undefined),
    load: async (session) => waitingForReview(session.person!, await session.store.listEnquiries(session.cycle ? { cycleId: session.cycle.id } : {}), session.directory.communities).length,
    affects: (change) => change.kind === 'events',
  });

  private unsubscribeSession: (() => void) | undefined;
  private seededStore: Store | undefined;
  /** The demo's sign-in through a development server (with `demo` and `server`). */
  private readonly demoSignIn = new DemoServerSignIn(() => this.server);
  private schoolFor: { store: Store; schoolId: string | undefined } | undefined;
  private focusView = false;
  private focusRun = 0;
  private accessFor: { session: PlcSession; access: AppAccess } | undefined;

  constructor() {
    super();
    // Lit's `lang` accessor (from `properties`), not the attribute: it reflects at the first update.
    // eslint-disable-next-line wc/no-constructor-attributes
    this.lang = '';
    this.storage = 'indexeddb';
    this.databaseName = 'plc-kit';
    this.theme = 'light';
    this.demo = false;
    this.routing = 'hash';
    this.route = { section: 'enquiries' };
    this.menuOpen = false;
    this.schoolName = '';
    this.seeding = 'no';
    this.setup = { school: '', name: '', errors: {}, busy: false };
    this.failedViews = new Set();
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
    await holdFocusOn(target, () => run === this.focusRun);
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


  /** In the demo against a server: the school is on the server, and this device has fetched it. */
  private syncDemoServer(store: Store): Promise<void> {
    return this.prepareDemo(store, async () => {
      this.seeding = 'running';
      await (await this.demoSignIn.clientFor(this.server!)).ready();
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

  private restoreDemoChoices(): void {
    const saved = restoreDemoChoices(this.databaseName);
    if (!this.personId) this.personId = saved.personId;
    if (!this.lang && saved.lang) this.lang = saved.lang;
  }

  private saveDemoChoices(): void {
    if (this.demo) saveDemoChoices(this.databaseName, { personId: this.personId, lang: this.lang });
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
    if (target) focusHeadingOf(target);
    if (!target || focusLost() || deepActiveElement()?.closest('.skip-link')) this.renderRoot.querySelector<HTMLElement>('#content')?.focus();
  }

  /** What the header's controls do: made once, so the header's listeners stay the same between renders. */
  private readonly headerActions: HeaderActions = {
    navigate: (event, route) => this.onNav(event, route),
    toggleMenu: () => (this.menuOpen = !this.menuOpen),
    // Escape closes the folded menu and puts focus back on its button.
    menuKey: (event) => {
      if (event.key !== 'Escape' || !this.menuOpen) return;
      this.menuOpen = false;
      this.renderRoot.querySelector<HTMLElement>('.menu-button')?.focus();
    },
    choosePerson: (event) => {
      this.personId = (event.target as HTMLSelectElement).value || undefined;
      this.saveDemoChoices();
    },
    chooseLanguage: (event) => {
      this.lang = (event.target as HTMLSelectElement).value;
      this.saveDemoChoices();
    },
  };

  // ---- rendering ---------------------------------------------------------------------------

  protected override render() {
    const access = this.access;
    const demoServer = this.usesDemoServer;
    return html`<plc-provider
      storage=${this.storage}
      database-name=${demoServer ? `${this.databaseName}-${this.personId ?? DEMO_PERSON}` : this.databaseName}
      server=${this.server ?? nothing}
      .tokenProvider=${demoServer ? this.demoSignIn.tokenProviderFor(this.personId ?? DEMO_PERSON) : this.tokenProvider}
      person-id=${this.personId ?? nothing}
      lang=${this.lang || document.documentElement.lang || 'en-GB'}
      cycle-id=${this.cycleId ?? nothing}
      theme=${this.theme}
      .store=${this.store}
      @plc-enquiry-open=${this.onOpen}
    >
      <div class="app">
        <button class="skip-link" part="skip-link" @click=${this.skipToView}>${msg('Skip to the content', { id: 'app.skip' })}</button>
        ${renderHeader(
          {
            session: this.session,
            schoolName: this.schoolName,
            sections: access.sections,
            current: this.route.section,
            reviewCount: this.reviewCount.value,
            menuOpen: this.menuOpen,
            syncs: this.syncs,
            demo: this.demo,
            personId: this.personId,
            lang: this.lang,
            hrefOf: this.hrefOf,
          },
          this.headerActions,
        )}
        <div class="view" part="view" id="content" role="region" tabindex="-1" @focusin=${(event: FocusEvent) => keepFocusInSight(this.shadowRoot!.querySelector('.bar'), event)} aria-label=${viewLabel(this.route)}>
          <div class="view-notice" role="status">${renderRefused(this.refused)}</div>
          ${this.renderView(access)}
        </div>
      </div>
    </plc-provider>`;
  }

  /** The address a link shows: the route's hash, or `#` when the host routes. */
  private readonly hrefOf = (route: AppRoute): string => (this.routing === 'hash' ? hashOf(route) : '#');

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
    if (this.failedViews.has(viewOf(route))) return renderViewFailed(route, () => void this.loadViewOf(route));
    return renderRouteView({
      route,
      access,
      session: this.session,
      cycleId: this.cycleId,
      accessKnown: this.accessKnown,
      hrefOf: this.hrefOf,
      navigate: (event, to) => this.onNav(event, to),
    });
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
}
