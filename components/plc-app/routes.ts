/**
 * The app's places and who may go where: pure functions of the URL hash, the signed-in person and
 * the directory, so the navigation, the router and the tests agree.
 * @internal
 */
import { verdict, type Actor } from '../../src/policy/policy.js';
import { Id } from '../../src/schema/common.js';
import type { Community, Person } from '../../src/schema/directory.js';
import type { PlcSession } from '../context/session.js';

/** A section of the app: one entry in its navigation. */
export type AppSection = 'enquiries' | 'reviews' | 'notifications' | 'badges' | 'communities' | 'meetings' | 'coaching' | 'walks' | 'impact' | 'sharing' | 'booklet' | 'feedback' | 'celebrate' | 'admin';

/**
 * What the app shows, one element each: a section's own view, or `enquiry` for one enquiry
 * (opened from "My enquiries" or from the board).
 */
export type AppView = AppSection | 'enquiry';

/** Every section, in the order the navigation lists them. */
export const APP_SECTIONS: readonly AppSection[] = ['enquiries', 'reviews', 'notifications', 'badges', 'communities', 'meetings', 'coaching', 'walks', 'impact', 'sharing', 'booklet', 'feedback', 'celebrate', 'admin'];

/**
 * Where the app is: a section; within it possibly one enquiry (opened from "My enquiries" or from
 * the community board, which stays the current section) or, in meetings, one community.
 */
export interface AppRoute {
  section: AppSection;
  enquiryId?: string;
  communityId?: string;
}

/** A path segment as it appears in a hash: percent-encoded by `hashOf`, or typed as it is. */
const SEGMENT = '([^/?#]{1,400})';
const ENQUIRY = new RegExp(`^#/enquiry/${SEGMENT}$`);
const MEETINGS = new RegExp(`^#/meetings(?:/${SEGMENT})?$`);

/** The id a hash segment names, decoded, when it is a valid id (see `Id` in the schema), else undefined. */
function idFrom(segment: string): string | undefined {
  let id: string;
  try {
    id = decodeURIComponent(segment);
  } catch {
    return undefined;
  }
  return Id.safeParse(id).success ? id : undefined;
}
const PLAIN: Readonly<Record<string, AppSection>> = {
  '#/reviews': 'reviews',
  '#/notifications': 'notifications',
  '#/badges': 'badges',
  '#/celebrate': 'celebrate',
  '#/communities': 'communities',
  '#/coaching': 'coaching',
  '#/walks': 'walks',
  '#/impact': 'impact',
  '#/sharing': 'sharing',
  '#/booklet': 'booklet',
  '#/feedback': 'feedback',
  '#/admin': 'admin',
};

/**
 * Reads a route from a URL hash: `#/` (or nothing, or anything unknown) is "My enquiries",
 * `#/enquiry/<id>` one enquiry, `#/communities`, `#/meetings`, `#/meetings/<communityId>`,
 * `#/reviews`, `#/notifications`, `#/badges`, `#/coaching`, `#/walks`, `#/impact`, `#/sharing`, `#/booklet`, `#/feedback`, `#/celebrate` and `#/admin` the other sections.
 */
export function routeFromHash(hash: string): AppRoute {
  const enquiry = ENQUIRY.exec(hash);
  const enquiryId = enquiry && idFrom(enquiry[1]!);
  if (enquiryId) return { section: 'enquiries', enquiryId };
  const meetings = MEETINGS.exec(hash);
  if (meetings && !meetings[1]) return { section: 'meetings' };
  const communityId = meetings && idFrom(meetings[1]!);
  if (communityId) return { section: 'meetings', communityId };
  const section = PLAIN[hash];
  return section ? { section } : { section: 'enquiries' };
}

/** The URL hash of a route (an enquiry has one address, whichever section it was opened from). */
export function hashOf(route: AppRoute): string {
  if (route.enquiryId) return `#/enquiry/${encodeURIComponent(route.enquiryId)}`;
  if (route.section === 'enquiries') return '#/';
  if (route.section === 'meetings' && route.communityId) return `#/meetings/${encodeURIComponent(route.communityId)}`;
  return `#/${route.section}`;
}

/** The view a route shows. */
export const viewOf = (route: AppRoute): AppView => (route.enquiryId ? 'enquiry' : route.section);

/** Whether two routes are the same place. */
export const sameRoute = (a: AppRoute, b: AppRoute): boolean =>
  a.section === b.section && a.enquiryId === b.enquiryId && a.communityId === b.communityId;

/** What one person may reach in the app. */
export interface AppAccess {
  /** The sections in their navigation, in order. */
  sections: AppSection[];
  /** The communities whose meetings they can open, by name. */
  meetingCommunities: Community[];
}

/**
 * What `person` may reach in the cycle `cycleId`, from the policy:
 * - everyone signed in: my enquiries, communities (the board), sharing sessions (the programme
 *   is for all staff; CPD leaders plan there too) and the booklet;
 * - meetings: the communities they lead, belong to or coach; a PLC lead, CPD leader or
 *   administrator picks from all of the cycle's communities;
 * - waiting for my review: the people who review driving questions (the cycle's PLC leads and CPD leaders);
 * - notifications: everyone signed in, when the app syncs with a plc-kit server (`options.server`),
 *   the only place notifications are made;
 * - my badges and celebrate: everyone signed in, when the app syncs with a plc-kit server (where
 *   badges are signed);
 * - staff feedback: everyone signed in, when the app syncs with a plc-kit server (which keeps
 *   answers apart from who answered); CPD leaders and administrators also make and read it there;
 * - peer coaching: everyone signed in (their own pair and its log; who arranges pairs also sees
 *   the cycle's pairs and the form);
 * - learning walks: whoever may record one (CPD leaders, administrators and the cycle's PLC leads);
 * - impact: whoever may read the school-wide figures (CPD leaders);
 * - admin: whoever may change the programme's records (CPD leaders and administrators).
 * Nobody signed in: only "My enquiries", which asks them to choose who they are.
 */
export function appAccess(person: Person | undefined, communities: Iterable<Community>, cycleId: string | undefined, options: { server?: boolean } = {}): AppAccess {
  if (!person) return { sections: ['enquiries'], meetingCommunities: [] };
  const actor: Actor = { kind: 'person', person };
  const ofCycle = [...communities].filter((c) => !cycleId || c.cycleId === cycleId).sort((a, b) => a.name.localeCompare(b.name));
  const leadsOne = ofCycle.some((c) => c.leadId === person.id);
  const programme = person.roles.includes('cpd-leader') || person.roles.includes('admin');
  const meetingCommunities =
    programme || leadsOne
      ? ofCycle
      : ofCycle.filter((c) => c.memberIds.includes(person.id) || c.coachIds.includes(person.id));
  const allowed: Record<AppSection, boolean> = {
    enquiries: true,
    reviews: leadsOne || person.roles.includes('cpd-leader'),
    notifications: options.server === true,
    badges: options.server === true,
    celebrate: options.server === true,
    feedback: options.server === true,
    communities: true,
    meetings: meetingCommunities.length > 0,
    coaching: true,
    // The same question plc-learning-walk asks (its `mayLeadWalks`), asked here so the app does
    // not load the walk's code for people who will never open it.
    walks: verdict(actor, 'directory.write', { collection: 'learningWalks', communities: ofCycle }).allowed,
    impact: verdict(actor, 'aggregate.read', { kind: 'impact' }).allowed,
    sharing: true,
    booklet: true,
    admin: verdict(actor, 'directory.write', { collection: 'cycles' }).allowed,
  };
  return { sections: APP_SECTIONS.filter((s) => allowed[s]), meetingCommunities };
}

/**
 * Where a route really leads for someone with `access`: itself when they may see it; the one
 * community's meetings when they only have one; otherwise "My enquiries", marked `refused`.
 */
export function resolveRoute(route: AppRoute, access: AppAccess): { route: AppRoute; refused: boolean } {
  const home = { route: { section: 'enquiries' as const }, refused: true };
  if (!access.sections.includes(route.section)) return home;
  if (route.section === 'meetings' && !route.enquiryId) {
    if (route.communityId) return access.meetingCommunities.some((c) => c.id === route.communityId) ? { route, refused: false } : home;
    const only = access.meetingCommunities.length === 1 ? access.meetingCommunities[0] : undefined;
    if (only) return { route: { section: 'meetings', communityId: only.id }, refused: false };
  }
  return { route, refused: false };
}

/**
 * - `setup`: the store has no one in it (and this is not the demo);
 * - `unknown-person`: `person-id` names no one in the directory;
 * - `no-person`: people exist, but the page has not said who is signed in.
 */
export type FirstRun = 'setup' | 'unknown-person' | 'no-person';

/** Which first-run state applies, if any, once the directory is loaded. */
export function firstRunOf(session: PlcSession | undefined, demo: boolean, personId: string | undefined): FirstRun | undefined {
  if (!session?.ready || demo) return undefined;
  if (session.directory.people.size === 0) return 'setup';
  if (!session.person) return personId ? 'unknown-person' : 'no-person';
  return undefined;
}
