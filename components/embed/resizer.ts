/**
 * The resizer for a page that embeds plc-kit in an iframe: keeps each `<iframe data-plc-embed>`
 * as tall as its content, so it never shows a second scroll bar. The embed page posts
 * `{ type: 'plc-kit:height', height }`; this script believes a message only when it comes from
 * that iframe's own window (`event.source`) and from the origin of the iframe's `src`
 * (`event.origin`), and ignores every other message. No dependencies, under 1 KB minified.
 *
 * ```html
 * <iframe data-plc-embed title="Our enquiry"
 *   src="https://plc.school.example/embed?view=enquiry&id=enq-1&parent-origin=https://www.school.example"
 *   style="width:100%;border:0" height="600"></iframe>
 * <script type="module" src="https://plc.school.example/embed/resizer.js"></script>
 * ```
 *
 * Loading it twice is harmless: the second copy finds the first and does nothing.
 * @module
 */

const FRAMES = 'iframe[data-plc-embed]';

/** The origin of an iframe's `src`, or undefined when it has none (about:blank, srcdoc). */
const originOf = (frame: HTMLIFrameElement): string | undefined => {
  try {
    const url = new URL(frame.src, location.href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Sizes the iframe a height message comes from, when the message is one and comes from the
 * window and origin of a `data-plc-embed` iframe in `root`.
 * @returns the iframe it sized, or undefined when it ignored the message.
 */
export function applyHeightMessage(event: MessageEvent, root: ParentNode = document): HTMLIFrameElement | undefined {
  const data = event.data as { type?: unknown; height?: unknown } | null;
  if (!data || data.type !== 'plc-kit:height') return undefined;
  const height = data.height;
  if (typeof height !== 'number' || !(height >= 0 && height < 100000)) return undefined;
  for (const frame of root.querySelectorAll<HTMLIFrameElement>(FRAMES)) {
    if (frame.contentWindow === event.source && originOf(frame) === event.origin) {
      frame.style.height = `${Math.ceil(height)}px`;
      return frame;
    }
  }
  return undefined;
}

/** Asks each embed (at its own origin only) for its height, for iframes that loaded before this script. */
export function requestHeights(root: ParentNode = document): void {
  for (const frame of root.querySelectorAll<HTMLIFrameElement>(FRAMES)) {
    const origin = originOf(frame);
    if (origin) frame.contentWindow?.postMessage({ type: 'plc-kit:height-request' }, origin);
  }
}

/**
 * Starts resizing: listens for height messages and asks every embed for its height now and
 * whenever one (re)loads.
 * @returns a function that stops it.
 */
export function startResizer(win: Window = window): () => void {
  const onMessage = (event: MessageEvent) => void applyHeightMessage(event, win.document);
  const onLoad = (event: Event) => {
    if ((event.target as Element).matches?.(FRAMES)) requestHeights(win.document);
  };
  win.addEventListener('message', onMessage);
  win.document.addEventListener('load', onLoad, true);
  requestHeights(win.document);
  return () => {
    win.removeEventListener('message', onMessage);
    win.document.removeEventListener('load', onLoad, true);
  };
}

const KEY = Symbol.for('plc-kit.resizer');
const global = globalThis as { [KEY]?: () => void };
if (typeof document !== 'undefined' && !global[KEY]) global[KEY] = startResizer();
