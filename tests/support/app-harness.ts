/**
 * Helpers for the app, enquiry and end-to-end tests, on top of the shared component harness:
 * waiting for what a person would wait for (a text, a control), reading the element a panel
 * embeds, and choosing an option in a select with real key presses.
 */
import { sendKeys } from '@web/test-runner-commands';
import { deepActiveElement, queryAllDeep, textOf } from './component-harness.js';

/** Polls `condition` until it holds (or throws after `timeout` ms, saying what it waited for). */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeout = 4000, what = 'condition'): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (await condition()) return;
    if (Date.now() - started > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

/** Waits until `element` (and its shadow tree) shows `text`; the error shows what it did show. */
export async function waitForText(element: Element, text: string | RegExp, timeout = 4000): Promise<void> {
  const has = () => (typeof text === 'string' ? textOf(element).includes(text) : text.test(textOf(element)));
  try {
    await waitFor(has, timeout);
  } catch {
    throw new Error(`Never showed ${String(text)}; shows: ${textOf(element).slice(0, 600)}`);
  }
}

/** Waits for the first element matching `selector` under `root` (through shadow roots). */
export async function waitForElement<T extends Element = Element>(root: Element, selector: string, timeout = 4000): Promise<T> {
  let found: T | undefined;
  await waitFor(() => (found = queryAllDeep<T>(root, selector)[0]) !== undefined, timeout, selector);
  return found!;
}

/**
 * Chooses the option whose text starts with `label` in a select, with real key presses: focus,
 * then ArrowDown / ArrowUp until it is selected (Chromium changes a closed select's value with
 * the arrow keys and fires `change`).
 */
export async function chooseOption(select: HTMLSelectElement, label: string | RegExp): Promise<void> {
  const options = [...select.options];
  const target = options.findIndex((o) => (typeof label === 'string' ? o.text.trim().startsWith(label) : label.test(o.text)));
  if (target < 0) throw new Error(`No option ${String(label)}; there are: ${options.map((o) => o.text).join(', ')}`);
  select.focus();
  for (let guard = 0; select.selectedIndex !== target && guard < options.length + 2; guard += 1) {
    await sendKeys({ press: select.selectedIndex < target ? 'ArrowDown' : 'ArrowUp' });
  }
  if (select.selectedIndex !== target) throw new Error(`Could not choose ${String(label)} with the arrow keys`);
}

/** Presses Shift+Tab until `target` has focus (at most `limit` times); throws if it never does. */
export async function shiftTabTo(target: Element, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    if (deepActiveElement() === target) return;
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
  }
  throw new Error(`Shift+Tab never reached ${target.tagName.toLowerCase()} "${(target.textContent ?? '').trim()}"`);
}

/** The app's navigation (the `nav` part, in the app's own shadow root). */
export function appNav(app: Element): HTMLElement {
  const nav = app.shadowRoot?.querySelector<HTMLElement>('nav[part="nav"]');
  if (!nav) throw new Error('The app has no navigation');
  return nav;
}

/** The names of the app's navigation entries, in order. */
export function navNames(app: Element): string[] {
  return [...appNav(app).querySelectorAll('a')].map((a) => (a.textContent ?? '').replace(/\s+/g, ' ').trim());
}

/** The navigation entry named `name` (exactly). */
export function navLink(app: Element, name: string): HTMLAnchorElement {
  const link = [...appNav(app).querySelectorAll('a')].find((a) => (a.textContent ?? '').replace(/\s+/g, ' ').trim() === name);
  if (!link) throw new Error(`No navigation entry ${name}; there are: ${navNames(app).join(', ')}`);
  return link;
}

/** The name of the navigation entry marked as the current page ('' if none). */
export function currentNav(app: Element): string {
  const current = appNav(app).querySelectorAll('a[aria-current="page"]');
  if (current.length > 1) throw new Error(`${current.length} entries are marked current`);
  return (current[0]?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The element (or the app's own heading) the current view shows, marked `data-view`. */
export function viewElement<T extends Element = HTMLElement>(app: Element): T | null {
  return app.shadowRoot?.querySelector<T>('[data-view]') ?? null;
}

/** Waits until focus is on the current view's heading: an `h1`-`h6` in the view's element, or the app's own. */
export async function waitForViewHeadingFocus(app: Element, timeout = 6000): Promise<HTMLElement> {
  let heading: HTMLElement | undefined;
  await waitFor(
    () => {
      const active = deepActiveElement();
      const view = viewElement(app);
      if (!active || !view || !/^H[1-6]$/.test(active.tagName)) return false;
      const inView = active === view || active.getRootNode() === view.shadowRoot;
      if (inView) heading = active as HTMLElement;
      return inView;
    },
    timeout,
    `focus on the heading of ${viewElement(app)?.localName ?? 'the view'} (focus is on ${deepActiveElement()?.localName ?? 'nothing'})`,
  );
  return heading!;
}
