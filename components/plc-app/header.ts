/**
 * plc-app's header bar: the school and programme, the navigation between the sections the person
 * may reach, who is signed in (in the demo, a picker of the demo school's people) and the
 * language. Pure rendering from a model the app gives; the app keeps the state and the handlers.
 * @internal
 */
import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import type { Person } from '../../src/schema/directory.js';
import type { PlcSession } from '../context/session.js';
import { resolveLocale } from '../localization.js';
import type { AppRoute, AppSection } from './routes.js';

/** The name of each section in the navigation (also the view's name where the app needs one). */
export const SECTION_LABELS: Readonly<Record<AppSection, () => string>> = {
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

const LANGUAGES: ReadonlyArray<{ tag: string; name: string }> = [
  { tag: 'en-GB', name: 'English (UK)' },
  { tag: 'en-US', name: 'English (US)' },
  { tag: 'es', name: 'Español' },
];

/** What the header shows. */
export interface HeaderModel {
  session: PlcSession | undefined;
  /** The school's name, or '' while unknown. */
  schoolName: string;
  /** The sections the person may reach, in navigation order. */
  sections: readonly AppSection[];
  /** The section shown now. */
  current: AppSection;
  /** How many driving questions wait for the person's review (beside "Waiting for my review"). */
  reviewCount: number | undefined;
  /** Whether the folded menu (narrow screens) is open. */
  menuOpen: boolean;
  /** Whether the work syncs with a server, so the sync state shows. */
  syncs: boolean;
  /** The demo: a visitor picks who is signed in. */
  demo: boolean;
  personId: string | undefined;
  /** The `lang` the app was given ('' when none). */
  lang: string;
  /** The address a navigation link shows for a route. */
  hrefOf: (route: AppRoute) => string;
}

/** What the header's controls do. */
export interface HeaderActions {
  navigate: (event: Event, route: AppRoute) => void;
  toggleMenu: () => void;
  menuKey: (event: KeyboardEvent) => void;
  choosePerson: (event: Event) => void;
  chooseLanguage: (event: Event) => void;
}

/** The header bar (`part="header"`). */
export function renderHeader(model: HeaderModel, actions: HeaderActions) {
  const cycle = model.session?.cycle;
  return html`<div class="bar ${model.menuOpen ? 'menu-open' : ''}" part="header">
    <div class="top">
      <p class="brand" part="brand">
        <span class="school">${model.schoolName || msg('plc-kit', { id: 'app.name' })}</span>
        <span class="programme">
          ${cycle
            ? msg(str`Professional learning communities · ${cycle.name}`, { id: 'app.programme-cycle' })
            : msg('Professional learning communities', { id: 'app.programme' })}
        </span>
      </p>
      ${
        // On a phone the settings fold into the menu: the sync state stays in sight here (only
        // one of the two is ever displayed, so a screen reader hears each change once).
        model.syncs ? html`<plc-sync-status class="sync in-top"></plc-sync-status>` : nothing
      }
      <button
        class="menu-button"
        part="menu-button"
        aria-expanded=${model.menuOpen ? 'true' : 'false'}
        aria-controls="menu"
        @click=${actions.toggleMenu}
      >
        <span aria-hidden="true">☰</span> ${msg('Menu', { id: 'app.menu' })}
      </button>
    </div>
    <div id="menu" class="menu ${model.menuOpen ? 'open' : ''}" @keydown=${actions.menuKey}>
      <nav part="nav" aria-label=${msg('Sections', { id: 'app.nav' })}>
        <ul>
          ${model.sections.map((section) => {
            const route: AppRoute = { section };
            return html`<li>
              <a
                href=${model.hrefOf(route)}
                aria-current=${model.current === section ? 'page' : nothing}
                @click=${(e: Event) => actions.navigate(e, route)}
                >${SECTION_LABELS[section]()}${section === 'reviews' && model.reviewCount
                  ? html` <span class="count" part="count">${model.reviewCount}</span>`
                  : nothing}</a
              >
            </li>`;
          })}
        </ul>
      </nav>
      <div class="settings" part="settings">
        ${renderPerson(model, actions.choosePerson)} ${renderLanguage(model.lang, actions.chooseLanguage)}
        ${model.syncs ? html`<plc-sync-status class="sync in-settings"></plc-sync-status>` : nothing}
      </div>
    </div>
  </div>`;
}

/** Who is signed in; in the demo, the picker of the demo school's people. */
function renderPerson(model: HeaderModel, choose: (event: Event) => void) {
  const session = model.session;
  if (model.demo) {
    const people = session ? [...session.directory.people.values()].sort((a, b) => a.name.localeCompare(b.name)) : [];
    return html`<div class="setting">
      <label for="person">${msg('Signed in as', { id: 'app.signed-in-as' })} <span class="demo-badge">${msg('demo', { id: 'app.demo-badge' })}</span></label>
      <select id="person" @change=${choose} aria-describedby="person-hint">
        ${people.length === 0 ? html`<option value="">${msg('Loading…', { id: 'app.loading-short' })}</option>` : nothing}
        ${people.length > 0 && !people.some((p) => p.id === model.personId)
          ? html`<option value="" selected>${msg('Choose a person', { id: 'app.choose-person' })}</option>`
          : nothing}
        ${people.map((p) => html`<option value=${p.id} ?selected=${p.id === model.personId}>${personLabel(session!, p)}</option>`)}
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
function personLabel(session: PlcSession, person: Person): string {
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

/** The language picker, on the language in use (the page's when the app was given none). */
function renderLanguage(lang: string, choose: (event: Event) => void) {
  const current = resolveLocale(lang || document.documentElement.lang);
  return html`<div class="setting">
    <label for="language">${msg('Language', { id: 'app.language' })}</label>
    <select id="language" @change=${choose}>
      ${LANGUAGES.map((l) => html`<option value=${l.tag} lang=${l.tag} ?selected=${l.tag === current}>${l.name}</option>`)}
    </select>
  </div>`;
}
