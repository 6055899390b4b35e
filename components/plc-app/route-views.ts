/**
 * What plc-app shows for each route once there is someone to show it to: the view's element, the
 * way back above an enquiry or a community's meetings, the choice of community in Meetings, and
 * the notices for a refused place or a view that could not be loaded. Pure rendering from a model
 * the app gives; the view elements themselves are loaded by `view-loading.ts`.
 * @internal
 */
import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import type { Community } from '../../src/schema/directory.js';
import type { PlcSession } from '../context/session.js';
import { SECTION_LABELS } from './header.js';
import type { AppAccess, AppRoute, AppSection } from './routes.js';
import { tryAgainText } from '../strings.js';

/** What the routed view needs to know. */
export interface RouteViewModel {
  route: AppRoute;
  access: AppAccess;
  session: PlcSession | undefined;
  /** The cycle the app was given, passed on to the views that take one. */
  cycleId: string | undefined;
  /** Whether who may see what is known: until then, a leader's view waits. */
  accessKnown: boolean;
  /** The address a link shows for a route. */
  hrefOf: (route: AppRoute) => string;
  navigate: (event: Event, route: AppRoute) => void;
}

/** The view's name, for the region around it and the heading of a view that failed to load. */
export function viewLabel(route: AppRoute): string {
  return route.enquiryId ? msg('Enquiry', { id: 'app.view.enquiry' }) : SECTION_LABELS[route.section]();
}

/** The notice when an address led somewhere the person may not go. */
export function renderRefused(refused: AppSection | undefined) {
  if (!refused) return nothing;
  const label = SECTION_LABELS[refused]();
  return html`<p class="notice warning" part="notice">
    ${msg(str`“${label}” is not open to you, so here are your enquiries.`, { id: 'app.refused' })}
  </p>`;
}

/** A view whose element could not be loaded (a file missing on the site, or no connection). */
export function renderViewFailed(route: AppRoute, retry: () => void) {
  return html`<h2 data-view tabindex="-1">${viewLabel(route)}</h2>
    <div class="notice error" role="alert">
      <p>${msg('This part of plc-kit could not be loaded. Check the connection, then try again.', { id: 'app.view-failed' })}</p>
      <button @click=${retry}>${tryAgainText()}</button>
    </div>`;
}

/** The element of the route's view (marked `data-view`, where focus goes after navigating). */
export function renderRouteView(model: RouteViewModel) {
  const { route } = model;
  if (route.enquiryId) {
    const back: AppRoute = { section: route.section };
    return html`<button class="link back" part="back" @click=${(e: Event) => model.navigate(e, back)}>
        <span aria-hidden="true">←</span>
        ${route.section === 'communities'
          ? msg('Back to the communities', { id: 'app.back-communities' })
          : msg('Back to my enquiries', { id: 'app.back' })}
      </button>
      <plc-enquiry data-view enquiry-id=${route.enquiryId}></plc-enquiry>`;
  }
  const cycleId = model.cycleId ?? nothing;
  if (route.section === 'enquiries') return html`<plc-my-enquiries data-view cycle-id=${cycleId}></plc-my-enquiries>`;
  // A leader's view waits until who may see it is known (the route may yet fall back).
  if (!model.accessKnown) return html`<p class="muted" role="status">${msg('Loading…', { id: 'app.loading-short' })}</p>`;
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
      return route.communityId ? renderMeetings(route.communityId, model) : renderCommunityChoice(model);
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

/** One community's meetings, with the way back to the choice when there is more than one. */
function renderMeetings(communityId: string, model: RouteViewModel) {
  const back: AppRoute = { section: 'meetings' };
  return html`${model.access.meetingCommunities.length > 1
      ? html`<button class="link back" part="back" @click=${(e: Event) => model.navigate(e, back)}>
          <span aria-hidden="true">←</span> ${msg('All communities’ meetings', { id: 'app.meetings.back' })}
        </button>`
      : nothing}
    <plc-meeting data-view community-id=${communityId}></plc-meeting>`;
}

/** Meetings: the communities this person can open, each a link to its meetings. */
function renderCommunityChoice(model: RouteViewModel) {
  const session = model.session!;
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
      ${model.access.meetingCommunities.map((c) => {
        const route: AppRoute = { section: 'meetings', communityId: c.id };
        const lead = session.directory.people.get(c.leadId)?.name ?? c.leadId;
        const theme = session.directory.themes.get(c.themeId)?.name;
        const mine = role(c);
        return html`<li>
          <a class="community" href=${model.hrefOf(route)} @click=${(e: Event) => model.navigate(e, route)}>
            <span class="community-name">${c.name}</span>
            <span class="muted">${theme ? html`${theme} · ` : nothing}${msg(str`Lead: ${lead}`, { id: 'app.meetings.lead' })}</span>
            ${mine ? html`<span class="badge">${mine}</span>` : nothing}
          </a>
        </li>`;
      })}
    </ul>`;
}
