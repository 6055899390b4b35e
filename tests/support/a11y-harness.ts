/**
 * Accessibility checks for the browser tests: axe-core over an element (shadow roots included)
 * for WCAG 2.0, 2.1 and 2.2 at levels A and AA, reported as readable lines, plus the checks axe
 * cannot make: the accessible name a person hears against the text she sees, horizontal
 * scrolling at a narrow width, and where keyboard focus is.
 */
import 'axe-core/axe.min.js';
import type * as Axe from 'axe-core';
import { sendKeys } from '@web/test-runner-commands';
import { deepActiveElement, queryAllDeep, settle } from './component-harness.js';
import { waitFor } from './app-harness.js';
import type { PlcApp } from '../../components/plc-app/plc-app.js';
import type { AppRoute } from '../../components/plc-app/routes.js';

declare global {
  interface Window {
    axe: typeof Axe;
  }
}

/** The axe tags of WCAG 2.0, 2.1 and 2.2, levels A and AA: what plc-kit claims to meet. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/**
 * Rules that axe marks experimental but that test a WCAG A/AA criterion we claim (2.5.3 label in
 * name): axe leaves them out of a run by tags, so they are asked for by name.
 */
export const EXTRA_RULES = ['label-content-name-mismatch'];

/** One violation as a line a person can act on: the rule, its help, and where. */
function describe(violation: Axe.Result): string {
  const where = violation.nodes
    .slice(0, 3)
    .map((node) => `${JSON.stringify(node.target)}${node.failureSummary ? ` (${node.failureSummary.replace(/\s+/g, ' ').slice(0, 160)})` : ''}`)
    .join('; ');
  return `${violation.id}: ${violation.help} at ${where}`;
}

/** Options for {@link axeViolations}. */
export interface AxeOptions {
  /** Only these rules (default: every WCAG A/AA rule and {@link EXTRA_RULES}). */
  rules?: string[];
}

/** The WCAG A/AA violations axe finds in `root` (through its open shadow roots), as readable lines. */
export async function axeViolations(root: Element | Document = document, options: AxeOptions = {}): Promise<string[]> {
  const context = root instanceof Document ? root : root;
  const runOnly: Axe.RunOptions['runOnly'] = options.rules ? { type: 'rule', values: options.rules } : { type: 'tag', values: WCAG_AA_TAGS };
  const result = await window.axe.run(context as Axe.ElementContext, {
    runOnly,
    rules: options.rules ? {} : Object.fromEntries(EXTRA_RULES.map((id) => [id, { enabled: true }])),
    resultTypes: ['violations'],
  });
  return result.violations.map(describe);
}

/** Throws listing every WCAG A/AA violation in `root`, prefixed with `where` (the state being checked). */
export async function expectNoViolations(root: Element | Document, where: string, options: AxeOptions = {}): Promise<void> {
  const found = await axeViolations(root, options);
  if (found.length) throw new Error(`${where}: ${found.length} accessibility violation(s):\n  ${found.join('\n  ')}`);
}

/** The accessible name a screen reader gives a control, for the cases our elements use. */
export function accessibleName(element: Element): string {
  const fold = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
  const root = element.getRootNode() as Document | ShadowRoot;
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) return fold(labelledBy.split(/\s+/).map((id) => root.getElementById(id)?.textContent ?? '').join(' '));
  const label = element.getAttribute('aria-label');
  if (label) return fold(label);
  const labels = (element as HTMLInputElement).labels;
  if (labels?.length) return fold([...labels].map((l) => l.textContent).join(' '));
  return fold(element.textContent);
}

/** The text a sighted person sees on a control: its text, less what is visually hidden. */
export function visibleText(element: Element): string {
  const clone = element.cloneNode(true) as Element;
  for (const hidden of clone.querySelectorAll('.visually-hidden, [hidden]')) hidden.remove();
  return (clone.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Buttons and links under `root` whose accessible name does not contain their visible text (WCAG 2.5.3). */
export function labelNameMismatches(root: Element): string[] {
  return queryAllDeep<HTMLElement>(root, 'button, a[href], [role="button"]')
    .filter((control) => {
      const seen = visibleText(control).toLowerCase();
      return seen && !accessibleName(control).toLowerCase().includes(seen);
    })
    .map((control) => `"${visibleText(control)}" is named "${accessibleName(control)}"`);
}

/** How far the page scrolls sideways (0 when it fits the viewport). */
export function horizontalOverflow(): number {
  return Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The focused element (through shadow roots), or throws when focus is on the page body or nowhere. */
export function focusedElement(): HTMLElement {
  const active = deepActiveElement();
  if (!active || active === document.body || active === document.documentElement) throw new Error('focus dropped to the page body');
  return active as HTMLElement;
}

/** The deepest elements under `root` (through shadow roots) reaching past `width` px, described, to say what overflows. */
export function overflowingElements(root: Element, width = document.documentElement.clientWidth): string[] {
  const over = queryAllDeep<HTMLElement>(root, '*').filter((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > width + 0.5 && getComputedStyle(el).position !== 'fixed';
  });
  const deepest = over.filter((el) => !over.some((other) => other !== el && el.contains(other)));
  return deepest.slice(0, 8).map((el) => {
    const host = (el.getRootNode() as ShadowRoot).host?.localName ?? 'document';
    return `${host} ${el.localName}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} right=${Math.round(el.getBoundingClientRect().right)}`;
  });
}

/** Whether `node` is `container` or inside it, crossing shadow roots. */
export function isWithin(node: Node | null, container: Node): boolean {
  for (let at: Node | null = node; at; at = at instanceof ShadowRoot ? at.host : at.parentNode) if (at === container) return true;
  return false;
}

/** Presses Shift+Tab once. */
export async function shiftTab(): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
}

/**
 * Goes to `route` in `app` (without touching the address) and waits until its view has loaded,
 * shows a heading and every element inside it has settled; returns the view.
 */
export async function showRoute(app: PlcApp, route: AppRoute): Promise<Element> {
  app.go(route, false);
  await waitFor(
    () => {
      const view = app.shadowRoot!.querySelector('[data-view]');
      return !!view && (!route.enquiryId || view.localName === 'plc-enquiry') && !!(view.shadowRoot ?? view).querySelector('h1, h2, h3');
    },
    8000,
    `the view of ${JSON.stringify(route)}`,
  );
  const view = app.shadowRoot!.querySelector('[data-view]')!;
  for (const inner of [view, ...queryAllDeep(view, '*')]) if (inner.localName.startsWith('plc-')) await settle(inner, 2);
  return view;
}
