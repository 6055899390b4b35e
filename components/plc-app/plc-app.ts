import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ContextEvent } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { VERSION } from '../../src/version.js';
import type { Person } from '../../src/schema/directory.js';
import type { Store } from '../../src/store/store.js';
import { sessionContext, type PlcSession } from '../context/session.js';
import type { PlcEnquiryOpenEvent } from '../events/enquiry-open.js';
import { PlcErrorEvent } from '../events/error.js';
import { resolveLocale } from '../localization.js';
import '../plc-provider/index.js';
import type { PlcProvider } from '../plc-provider/plc-provider.js';
import '../plc-my-enquiries/index.js';
import type { PlcMyEnquiries } from '../plc-my-enquiries/plc-my-enquiries.js';
import '../plc-enquiry/index.js';
import type { PlcEnquiry } from '../plc-enquiry/plc-enquiry.js';
import { sharedStyles } from '../styles/shared.js';
import { appStyles } from './plc-app.styles.js';

/** Where the app is: a section, and within "My enquiries" possibly one enquiry. */
export interface AppRoute {
  section: 'enquiries';
  enquiryId?: string;
}

/**
 * The app's sections. Each gets a navigation entry; later sections (communities, meetings,
 * impact, booklet, admin) are added here with their route and view.
 */
const SECTIONS: ReadonlyArray<{ id: AppRoute['section']; href: string; label: () => string }> = [
  { id: 'enquiries', href: '#/', label: () => msg('My enquiries', { id: 'enquiry.list.heading' }) },
];

const LANGUAGES: ReadonlyArray<{ tag: string; name: string }> = [
  { tag: 'en-GB', name: 'English (UK)' },
  { tag: 'en-US', name: 'English (US)' },
  { tag: 'es', name: 'Español' },
];

/** Where the demo remembers the chosen person and language between visits (one entry per database). */
const DEMO_KEY = 'plc-kit-demo';
/** Who the demo signs in as the first time: a member of the feedback PLC. */
const DEMO_PERSON = 'p-beth';

/** Reads a route from a URL hash: `#/` (or nothing) is the list, `#/enquiry/<id>` one enquiry. */
export function routeFromHash(hash: string): AppRoute {
  const match = /^#\/enquiry\/([A-Za-z0-9_.:-]{1,64})$/.exec(hash);
  return match ? { section: 'enquiries', enquiryId: decodeURIComponent(match[1]!) } : { section: 'enquiries' };
}

/** The URL hash of a route. */
export function hashOf(route: AppRoute): string {
  return route.enquiryId ? `#/enquiry/${encodeURIComponent(route.enquiryId)}` : '#/';
}

/**
 * The all-in-one plc-kit page a site admin drops in: its own `<plc-provider>`, a header with the
 * school and programme, who is signed in, the language, navigation, and the routed view (my
 * enquiries, then one enquiry). The place is kept in the URL hash (`#/enquiry/<id>`) so a reload
 * or a shared link opens the same enquiry. With `demo`, an empty store is filled with the demo
 * school (loaded only then) and a visitor may switch between its people.
 *
 * @summary The whole plc-kit app in one element.
 * @event plc-enquiry-open - Bubbles up from the list when an enquiry is opened or started; the app then shows it.
 * @event plc-stage-change - Bubbles up from the enquiry view when an enquiry changes stage.
 * @event plc-error - The store could not be opened, or the demo school could not be set up.
 * @csspart header - The bar with the school, navigation, person and language.
 * @csspart brand - The school and programme name.
 * @csspart nav - The navigation between sections.
 * @csspart menu-button - The "Menu" button shown on narrow screens.
 * @csspart settings - The person and language pickers.
 * @csspart view - The routed view (the list, or one enquiry).
 * @csspart back - The "Back to my enquiries" button.
 * @cssproperty --plc-color-surface - Background of the header bar.
 * @cssproperty --plc-color-border - The line under the header bar.
 * @cssproperty --plc-color-accent - The current navigation entry.
 * @cssproperty --plc-app-max-width - The widest the app grows (default 80rem).
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

  /** The current place in the app. */
  @state() accessor route: AppRoute = { section: 'enquiries' };

  @state() private accessor session: PlcSession | undefined;
  @state() private accessor menuOpen = false;
  @state() private accessor schoolName = '';
  @state() private accessor seeding: 'no' | 'running' | 'failed' = 'no';

  @query('plc-provider') private accessor provider!: PlcProvider | null;

  private unsubscribeSession: (() => void) | undefined;
  private seededStore: Store | undefined;
  private schoolFor: { store: Store; schoolId: string | undefined } | undefined;
  private focusView = false;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /** Resolves when the provider has opened the store (and the demo school is in place). */
  get ready(): Promise<void> {
    return this.updateComplete.then(async () => {
      await this.provider?.ready;
      await this.seedingDone;
    });
  }

  private seedingDone: Promise<void> = Promise.resolve();

  private readonly onHashChange = () => {
    if (this.routing !== 'hash') return;
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
    if (changed.has('session')) this.onSession();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('route') && this.focusView) {
      this.focusView = false;
      void this.focusCurrentView();
    }
  }

  /** After navigating, focus goes to the new view's heading once it has loaded. */
  private async focusCurrentView(): Promise<void> {
    const view = this.renderRoot.querySelector<PlcEnquiry | PlcMyEnquiries>('plc-enquiry, plc-my-enquiries');
    if (!view) return;
    await view.updateComplete;
    if (view instanceof HTMLElement && view.localName === 'plc-enquiry') await (view as PlcEnquiry).enquiry.settled;
    else await (view as PlcMyEnquiries).loaded;
    await view.updateComplete;
    view.focusHeading();
  }

  private onSession(): void {
    const session = this.session;
    if (!session?.ready) return;
    if (this.demo && this.seededStore !== session.store) {
      this.seededStore = session.store;
      this.seedingDone = this.seedIfEmpty(session.store);
    }
    const schoolId = session.person?.schoolId;
    if (this.schoolFor?.store !== session.store || this.schoolFor.schoolId !== schoolId) {
      this.schoolFor = { store: session.store, schoolId };
      void this.loadSchoolName(session.store, schoolId);
    }
  }

  /** Fills an empty store with the demo school; the seed module is only loaded when it is needed. */
  private async seedIfEmpty(store: Store): Promise<void> {
    try {
      if ((await store.list('people')).length > 0) return;
      this.seeding = 'running';
      const { seedDemo } = await import('../../examples/demo/seed.js');
      await seedDemo(store);
      await this.provider?.loadDirectory();
      this.seeding = 'no';
      this.schoolFor = undefined;
      void this.loadSchoolName(store, this.session?.person?.schoolId);
    } catch (error) {
      this.seeding = 'failed';
      this.dispatchEvent(new PlcErrorEvent(error instanceof Error ? error.message : String(error), error));
    }
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
    if (route.section === this.route.section && route.enquiryId === this.route.enquiryId) return;
    this.focusView = true;
    this.menuOpen = false;
    this.route = route;
    if (push && this.routing === 'hash' && location.hash !== hashOf(route)) location.hash = hashOf(route);
  }

  private onOpen(event: PlcEnquiryOpenEvent): void {
    this.go({ section: 'enquiries', enquiryId: event.enquiryId });
  }

  private onNav(event: Event, href: string): void {
    event.preventDefault();
    this.go(routeFromHash(href));
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
    return html`<plc-provider
      storage=${this.storage}
      database-name=${this.databaseName}
      person-id=${this.personId ?? nothing}
      lang=${this.lang || document.documentElement.lang || 'en-GB'}
      cycle-id=${this.cycleId ?? nothing}
      theme=${this.theme}
      .store=${this.store}
      @plc-enquiry-open=${this.onOpen}
    >
      <div class="app">
        ${this.renderBar()}
        <div class="view" part="view">${this.renderView()}</div>
      </div>
    </plc-provider>`;
  }

  private renderBar() {
    const cycle = this.session?.cycle;
    return html`<div class="bar" part="header">
      <div class="top">
        <p class="brand" part="brand">
          <span class="school">${this.schoolName || msg('plc-kit', { id: 'app.name' })}</span>
          <span class="programme">
            ${cycle
              ? msg(str`Professional learning communities · ${cycle.name}`, { id: 'app.programme-cycle' })
              : msg('Professional learning communities', { id: 'app.programme' })}
          </span>
        </p>
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
            ${SECTIONS.map(
              (section) => html`<li>
                <a
                  href=${this.routing === 'hash' ? section.href : '#'}
                  aria-current=${this.route.section === section.id ? 'page' : nothing}
                  @click=${(e: Event) => this.onNav(e, section.href)}
                  >${section.label()}</a
                >
              </li>`,
            )}
          </ul>
        </nav>
        <div class="settings" part="settings">${this.renderPerson()} ${this.renderLanguage()}</div>
      </div>
    </div>`;
  }

  private renderPerson() {
    const session = this.session;
    const people = session ? [...session.directory.people.values()].sort((a, b) => a.name.localeCompare(b.name)) : [];
    if (this.demo) {
      return html`<div class="setting">
        <label for="person">${msg('Signed in as', { id: 'app.signed-in-as' })}</label>
        <select id="person" @change=${this.choosePerson} aria-describedby="person-hint">
          ${people.length === 0 ? html`<option value="">${msg('Loading…', { id: 'app.loading-short' })}</option>` : nothing}
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

  private renderView() {
    if (this.seeding === 'running') {
      return html`<p class="muted" role="status">${msg('Setting up the demo school…', { id: 'app.seeding' })}</p>`;
    }
    if (this.seeding === 'failed') {
      return html`<p class="notice error" role="alert">${msg('The demo school could not be set up in this browser.', { id: 'app.seed-failed' })}</p>`;
    }
    const enquiryId = this.route.enquiryId;
    if (enquiryId) {
      return html`<button class="link back" part="back" @click=${(e: Event) => this.onNav(e, '#/')}>
          <span aria-hidden="true">←</span> ${msg('Back to my enquiries', { id: 'app.back' })}
        </button>
        <plc-enquiry enquiry-id=${enquiryId}></plc-enquiry>`;
    }
    return html`<plc-my-enquiries cycle-id=${this.cycleId ?? nothing}></plc-my-enquiries>`;
  }
}
