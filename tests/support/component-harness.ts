/**
 * A harness for component tests: renders elements inside a `<plc-provider>` on a seeded memory
 * store, finds controls the way a person does (by their visible name or label, through shadow
 * roots), and drives them with real mouse clicks and key presses in Chromium.
 */
import { fixture } from '@open-wc/testing';
import { html, type TemplateResult } from 'lit';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { createMemoryStore } from '../../src/store/memory.js';
import type { Store } from '../../src/store/store.js';
import type { DraftStore } from '../../src/store/drafts.js';
import type { DomainEvent } from '../../src/lifecycle/events.js';
import type { Lifecycle } from '../../src/lifecycle/lifecycle.js';
import { defaultLifecycle } from '../../src/lifecycle/lifecycle.js';
import { seedDemo } from '../../examples/demo/seed.js';
import '../../components/plc-provider/index.js';
import type { PlcProvider } from '../../components/plc-provider/plc-provider.js';
import type { StageView } from '../../components/stages/stage-view.js';
import type { EvidenceKindView } from '../../components/evidence/evidence-view.js';

export interface SessionOptions {
  /** Who is signed in (default: Beth Evans, a member of the feedback PLC). */
  personId?: string;
  /** Seed the demo school (default true). */
  seed?: boolean;
  /** Extra events to append after seeding. */
  events?: DomainEvent[];
  lang?: string;
  theme?: 'light' | 'dark' | 'auto';
  store?: Store;
  /** Where the editors keep drafts (default: the provider's own, in memory beside a memory store). */
  drafts?: DraftStore;
  lifecycle?: Lifecycle;
  /** How the host's own stages and evidence kinds are shown (the provider's `stageViews`, `evidenceViews`). */
  stageViews?: readonly StageView[];
  evidenceViews?: readonly EvidenceKindView[];
  /** Wait until the element has loaded (default true); false for a store that never answers. */
  untilLoaded?: boolean;
}

/** Renders `template` inside a provider on a seeded memory store and waits until it has loaded. */
export async function renderWithSession<E extends HTMLElement = HTMLElement>(
  template: TemplateResult,
  options: SessionOptions = {},
): Promise<{ element: E; provider: PlcProvider; store: Store }> {
  const lifecycle = options.lifecycle ?? defaultLifecycle;
  const store = options.store ?? createMemoryStore({ lifecycle });
  if (options.seed !== false) await seedDemo(store);
  const byEnquiry = new Map<string, DomainEvent[]>();
  for (const event of options.events ?? []) byEnquiry.set(event.enquiryId, [...(byEnquiry.get(event.enquiryId) ?? []), event]);
  for (const [enquiryId, events] of byEnquiry) await store.append(enquiryId, events);
  const provider = await fixture<PlcProvider>(html`
    <plc-provider
      .store=${store}
      .drafts=${options.drafts}
      .lifecycle=${lifecycle}
      .stageViews=${options.stageViews ?? []}
      .evidenceViews=${options.evidenceViews ?? []}
      person-id=${options.personId ?? 'p-beth'}
      lang=${options.lang ?? 'en-GB'}
      theme=${options.theme ?? 'light'}
      >${template}</plc-provider
    >
  `);
  await provider.ready;
  const element = provider.firstElementChild as E;
  if (options.untilLoaded === false) await (element as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
  else await settle(element);
  return { element, provider, store };
}

/** Waits for an element to finish loading (its `loaded`, else its `updateComplete`) and rendering. */
export async function settle(element: Element, rounds = 3): Promise<void> {
  const target = element as unknown as { loaded?: Promise<void>; updateComplete?: Promise<unknown> };
  for (let i = 0; i < rounds; i += 1) {
    await (target.loaded ?? target.updateComplete);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** Every element matching `selector` under `root`, looking through open shadow roots. */
export function queryAllDeep<T extends Element = Element>(root: Element | ShadowRoot | Document, selector: string): T[] {
  const found: T[] = [];
  const visit = (node: Element | ShadowRoot | Document) => {
    for (const element of node.querySelectorAll<T>(selector)) found.push(element);
    for (const element of node.querySelectorAll('*')) if (element.shadowRoot) visit(element.shadowRoot);
  };
  visit(root instanceof Element && root.shadowRoot ? root.shadowRoot : root);
  if (root instanceof Element && root.shadowRoot) for (const element of root.querySelectorAll<T>(selector)) found.push(element);
  return found;
}

/** The first element matching `selector` under `root` (through shadow roots), or throws. */
export function queryDeep<T extends Element = Element>(root: Element | ShadowRoot | Document, selector: string): T {
  const [first] = queryAllDeep<T>(root, selector);
  if (!first) throw new Error(`Nothing matches "${selector}"`);
  return first;
}

const visibleText = (element: Element) => (element.getAttribute('aria-label') ?? element.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The button (or link) a person would call `name`; throws listing the buttons there are. */
export function button(root: Element, name: string | RegExp): HTMLButtonElement {
  const candidates = queryAllDeep<HTMLButtonElement>(root, 'button, a[href], [role="button"], [role="tab"]');
  const matches = (text: string) => (typeof name === 'string' ? text === name || text.includes(name) : name.test(text));
  const found = candidates.find((b) => matches(visibleText(b)));
  if (!found) throw new Error(`No button named ${String(name)}; there are: ${candidates.map((b) => JSON.stringify(visibleText(b))).join(', ')}`);
  return found;
}

/** Whether a button named `name` is there. */
export function hasButton(root: Element, name: string | RegExp): boolean {
  try {
    button(root, name);
    return true;
  } catch {
    return false;
  }
}

/** The form control labelled `label` (by <label>, aria-label or aria-labelledby). */
export function field<T extends HTMLElement = HTMLInputElement>(root: Element, label: string | RegExp): T {
  const controls = queryAllDeep<HTMLElement>(root, 'input, textarea, select');
  const matches = (text: string) => (typeof label === 'string' ? text.replace(/\s+/g, ' ').trim().startsWith(label) : label.test(text));
  for (const control of controls) {
    const names: string[] = [];
    const aria = control.getAttribute('aria-label');
    if (aria) names.push(aria);
    const labels = (control as HTMLInputElement).labels;
    if (labels) for (const l of labels) names.push(l.textContent ?? '');
    const labelledBy = control.getAttribute('aria-labelledby');
    if (labelledBy) {
      const rootNode = control.getRootNode() as ShadowRoot | Document;
      for (const id of labelledBy.split(/\s+/)) names.push(rootNode.getElementById?.(id)?.textContent ?? '');
    }
    if (names.some(matches)) return control as T;
  }
  throw new Error(`No field labelled ${String(label)}`);
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * Clicks the middle of an element with the real mouse, once the page shows it where it is: the
 * browser aims a mouse event by the last frame it drew, so right after scrolling (or a late render
 * above the element) the click would land where the element was a frame ago. Waits for two frames
 * after the element last moved.
 */
export async function click(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  const where = () => JSON.stringify(element.getBoundingClientRect());
  let box = where();
  for (let frames = 0; frames < 30; frames += 1) {
    await nextFrame();
    await nextFrame();
    const now = where();
    if (now === box) break;
    element.scrollIntoView({ block: 'center' });
    box = where();
  }
  const { left, top, width, height } = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(left + width / 2), Math.round(top + height / 2)] });
}

/** Focuses a field and types `text` into it with real key presses (replacing what was there). */
export async function typeInto(control: HTMLElement, text: string): Promise<void> {
  control.focus();
  if ('select' in control && typeof (control as HTMLInputElement).select === 'function') (control as HTMLInputElement).select();
  if ((control as HTMLInputElement).value) await sendKeys({ press: 'Backspace' });
  if (text) await sendKeys({ type: text });
}

/** Presses one key (e.g. `Enter`, `Tab`, `Shift+Tab`, `ArrowRight`). */
export async function press(key: string): Promise<void> {
  await sendKeys({ press: key });
}

/** The element that has focus, looking through shadow roots. */
export function deepActiveElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Presses Tab until `target` has focus (at most `limit` times); throws if it never does. */
export async function tabTo(target: Element, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    if (deepActiveElement() === target) return;
    await press('Tab');
  }
  throw new Error(`Tab never reached ${target.tagName.toLowerCase()} "${visibleText(target)}"`);
}

/** The visible text of an element and its shadow tree, whitespace folded. */
export function textOf(element: Element): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    if (node instanceof Element) {
      if (node.tagName === 'STYLE') return;
      if (node.shadowRoot) {
        walk(node.shadowRoot);
        return;
      }
    }
    if (node instanceof HTMLSlotElement) {
      for (const assigned of node.assignedNodes({ flatten: true })) walk(assigned);
      return;
    }
    for (const child of node.childNodes) walk(child);
  };
  walk(element);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}
