/**
 * Helpers for the embedding tests: waiting for a condition, loading a page in an iframe on the
 * test server, and clicking inside an iframe with a real mouse (the harness's `click` measures
 * from the top page, so a frame's offset is added here).
 */
import { sendMouse } from '@web/test-runner-commands';

/** Polls `condition` until it holds (or throws after `timeout` ms, naming `what`). */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeout = 15000): Promise<void> {
  const started = performance.now();
  while (!(await condition())) {
    if (performance.now() - started > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Adds an iframe to the page (marked `data-plc-embed` unless `plain`) and waits for it to load. */
export async function frame(src: string, { plain = false, width = 800, height = 150 } = {}): Promise<HTMLIFrameElement> {
  const iframe = document.createElement('iframe');
  if (!plain) iframe.dataset['plcEmbed'] = '';
  iframe.title = 'plc-kit';
  iframe.style.cssText = `width:${width}px;height:${height}px;border:0;display:block`;
  const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
  iframe.src = src;
  document.body.append(iframe);
  await loaded;
  return iframe;
}

/** Clicks the middle of `element`, which lives inside `iframe`, with the real mouse. */
export async function clickInFrame(iframe: HTMLIFrameElement, element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  const outer = iframe.getBoundingClientRect();
  const inner = element.getBoundingClientRect();
  const x = Math.round(outer.left + iframe.clientLeft + inner.left + inner.width / 2);
  const y = Math.round(outer.top + iframe.clientTop + inner.top + inner.height / 2);
  await sendMouse({ type: 'click', position: [x, y] });
}

/**
 * The text a person sees in `node`, through shadow roots and slots. Unlike the component
 * harness's `textOf`, it works on nodes of another window (an iframe), where `instanceof`
 * checks against this window's classes fail.
 */
export function frameText(node: Node): string {
  const parts: string[] = [];
  const walk = (current: Node) => {
    if (current.nodeType === Node.TEXT_NODE) parts.push(current.textContent ?? '');
    if (current.nodeType !== Node.ELEMENT_NODE && current.nodeType !== Node.DOCUMENT_FRAGMENT_NODE && current.nodeType !== Node.DOCUMENT_NODE) return;
    const element = current as Element;
    if (element.localName === 'style' || element.localName === 'script') return;
    if (element.shadowRoot) return walk(element.shadowRoot);
    if (element.localName === 'slot') {
      for (const assigned of (element as HTMLSlotElement).assignedNodes({ flatten: true })) walk(assigned);
      return;
    }
    for (const child of current.childNodes) walk(child);
  };
  walk(node);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** Every element matching `selector` under `root`, through open shadow roots, in any window. */
export function frameQueryAll<T extends Element = Element>(root: Element | Document | ShadowRoot, selector: string): T[] {
  const found: T[] = [];
  const visit = (node: Element | Document | ShadowRoot) => {
    found.push(...node.querySelectorAll<T>(selector));
    for (const element of node.querySelectorAll('*')) if (element.shadowRoot) visit(element.shadowRoot);
  };
  visit(root);
  if ('shadowRoot' in root && root.shadowRoot) visit(root.shadowRoot);
  return found;
}
