/**
 * How plc-app loads the element of each routed view and puts focus on it: the views' modules are
 * imported the first time they are opened, never with the app, so this module keeps only the
 * import functions (no view's code).
 * @internal
 */
import type { AppView } from './routes.js';

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
export function loadView(view: AppView): Promise<boolean> {
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
export type ViewElement = HTMLElement & {
  updateComplete?: Promise<unknown>;
  loaded?: Promise<unknown>;
  focusHeading?: () => void;
};

/** The focused element, through shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Focus on a view's heading: a plc-kit element's own `focusHeading()`, or the app's heading itself. */
export function focusHeadingOf(target: ViewElement): void {
  if (target.localName.includes('-')) target.focusHeading?.();
  else target.focus();
}

/**
 * Keeps focus on a view's heading while the view settles: an element that re-renders its heading
 * while loading late gets focus put back on the new one. Checks for up to two seconds and stops
 * as soon as `current()` is false (the person navigated again) or the view left the page.
 */
export async function holdFocusOn(target: ViewElement, current: () => boolean): Promise<void> {
  focusHeadingOf(target);
  let focused = deepActiveElement();
  for (let check = 0; check < 20 && current(); check += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (!current() || !target.isConnected) return;
    const onBody = document.activeElement === document.body || document.activeElement === null;
    const lost = onBody && (!focused || focused === document.body || !focused.isConnected);
    if (!lost) continue;
    focusHeadingOf(target);
    focused = deepActiveElement();
  }
}
