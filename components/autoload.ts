/**
 * The drop-in bundle's element loader: `<plc-app>`, the provider and the app's first view come
 * with `bundle.js`; every other element is loaded the first time the page uses its tag, so a page
 * that shows only `<plc-survey-response>` or only `<plc-app>` downloads only what it shows.
 *
 * Tags are found in the document as it is parsed and changed (a MutationObserver on the light
 * DOM). A tag created only inside another framework's shadow root is not seen: load it with
 * {@link loadElement} first. With a build step, import the element's own module instead
 * (`plc-kit/components/plc-x.js`).
 * @module
 */

const enquiryView = () => import('./plc-enquiry/index.js');

/**
 * Every element the bundle loads on first use, by tag. The enquiry view's editors come with it
 * (it always shows them): one file for the nine rather than nine.
 */
const LAZY_ELEMENTS: Readonly<Record<string, () => Promise<unknown>>> = {
  'plc-enquiry': enquiryView,
  'plc-question-editor': enquiryView,
  'plc-observation-form': enquiryView,
  'plc-observation-list': enquiryView,
  'plc-evidence-board': enquiryView,
  'plc-survey-builder': enquiryView,
  'plc-survey-results': enquiryView,
  'plc-outcome-editor': enquiryView,
  'plc-survey-response': () => import('./plc-survey-response/index.js'),
  'plc-sync-status': () => import('./plc-sync-status/index.js'),
  'plc-learning-walk': () => import('./plc-learning-walk/index.js'),
  'plc-sharing-session': () => import('./plc-sharing-session/index.js'),
  'plc-impact-report': () => import('./plc-impact-report/index.js'),
  'plc-review-queue': () => import('./plc-review-queue/index.js'),
  'plc-notifications': () => import('./plc-notifications/index.js'),
  'plc-credentials': () => import('./plc-credentials/index.js'),
  'plc-celebrate': () => import('./plc-celebrate/index.js'),
  'plc-vle-post': () => import('./plc-vle-post/index.js'),
  'plc-coaching-pairs': () => import('./plc-coaching-pairs/index.js'),
  'plc-staff-feedback': () => import('./plc-staff-feedback/index.js'),
  'plc-booklet': () => import('./plc-booklet/index.js'),
  'plc-cycle-admin': () => import('./plc-cycle-admin/index.js'),
  'plc-community-board': () => import('./plc-community-board/index.js'),
  'plc-meeting': () => import('./plc-meeting/index.js'),
  'plc-roster-review': () => import('./plc-roster-review/index.js'),
};

/** The tags {@link loadElement} loads on demand. */
export const LAZY_TAGS: readonly string[] = Object.keys(LAZY_ELEMENTS);
const SELECTOR = LAZY_TAGS.join(',');
const loading = new Map<string, Promise<void>>();

/**
 * Loads (and so defines) a plc-kit element the bundle has not loaded yet; resolves when it is
 * defined. A tag that is not a plc-kit element, or is already defined, resolves at once. A file
 * that cannot be loaded rejects, and the console names it; a later call tries again.
 */
export function loadElement(tag: string): Promise<void> {
  const load = LAZY_ELEMENTS[tag];
  if (!load || customElements.get(tag)) return Promise.resolve();
  let pending = loading.get(tag);
  if (!pending) {
    pending = load().then(
      () => undefined,
      (error: unknown) => {
        loading.delete(tag);
        throw error;
      },
    );
    loading.set(tag, pending);
  }
  return pending;
}

/** Loads every lazily loaded plc-kit element found in `root` (itself included). */
function loadFound(root: Element | Document): void {
  const found = new Set<string>();
  if (root instanceof Element && root.localName in LAZY_ELEMENTS) found.add(root.localName);
  for (const element of root.querySelectorAll(SELECTOR)) found.add(element.localName);
  // A missing file is already named on the console by the bundle; the page goes on without it.
  for (const tag of found) loadElement(tag).catch(() => undefined);
}

/** Starts watching the document for plc-kit tags: those in it now, and every one added later. */
export function startAutoload(): void {
  if (typeof document === 'undefined' || typeof MutationObserver === 'undefined') return;
  loadFound(document);
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) loadFound(node);
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
}
