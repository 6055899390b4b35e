/**
 * The script for a page that embeds plc-kit in an iframe (served by the plc-kit server as
 * `/embed/resizer.js`). It keeps each `<iframe data-plc-embed>` as tall as its content, so it
 * never shows a second scroll bar, and, when the page gives it a token provider, signs the
 * embedded view in. The embed page posts `{ type: 'plc-kit:height', height }` and
 * `{ type: 'plc-kit:token-request', id }`; this script believes a message only when it comes
 * from that iframe's own window (`event.source`) and from the origin of the iframe's `src`
 * (`event.origin`), answers only to that window at that origin, and ignores every other message.
 * Tokens go only to frames of the plc-kit server this script was loaded from (or the origins
 * given to `setTokenProvider`): an iframe someone else put on the page, marked
 * `data-plc-embed` but showing another site, is told no.
 * No dependencies: about 2 KB minified, 1 KB gzipped.
 *
 * ```html
 * <iframe data-plc-embed title="Our enquiry"
 *   src="https://plc.school.example/embed?view=enquiry&id=enq-1"
 *   style="width:100%;border:0" height="600"></iframe>
 * <script type="module">
 *   import { setTokenProvider } from 'https://plc.school.example/embed/resizer.js';
 *   // The signed-in person's token for the plc-kit server, from the host's own back end.
 *   setTokenProvider(() => fetch('/plc-token', { credentials: 'same-origin' }).then((r) => r.text()));
 * </script>
 * ```
 *
 * Loading it twice is harmless: the second copy finds the first and does nothing, and its
 * `setTokenProvider` gives the provider to the first.
 * @module
 */

const FRAMES = 'iframe[data-plc-embed]';
const MAX_TOKEN = 16_384;

/**
 * Gives the signed-in person's token for the plc-kit server at `origin` (the embedded iframe's
 * origin), as a string, or with the person's id when the token's `sub` is not it. Called for
 * each request of the embed page, so return a cached token and refresh it when it is near expiry.
 */
export type TokenProvider = (origin: string) => Promise<string | { token: string; personId?: string }> | string | { token: string; personId?: string };

/** State shared by every copy of this script on the page. */
interface HostState {
  stop: () => void;
  tokenProvider: TokenProvider | undefined;
  /** Token requests that came before a provider was set: the latest per iframe window. */
  waiting: Map<HTMLIFrameElement, { id: string; origin: string; target: Window }>;
  /** The last request answered per iframe window: a request sent again (see requestHeights) is answered once. */
  answered: WeakMap<Window, string>;
  /** The origins whose frames may have a token. */
  tokenOrigins: ReadonlySet<string>;
}

/** The http(s) origin an address is at, or undefined. */
const httpOrigin = (address: string, base?: string): string | undefined => {
  try {
    const url = new URL(address, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
};

/** Where this script was loaded from: the plc-kit server, whose embed pages may have tokens. */
const SCRIPT_ORIGIN = httpOrigin(import.meta.url);

const KEY = Symbol.for('plc-kit.embed-host');
const global = globalThis as { [KEY]?: HostState };

/** The origin of an iframe's `src`, or undefined when it has none (about:blank, srcdoc). */
const originOf = (frame: HTMLIFrameElement): string | undefined => httpOrigin(frame.src, location.href);

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
  const frame = frameOf(event, root);
  if (frame) frame.style.height = `${Math.ceil(height)}px`;
  return frame;
}

/** The `data-plc-embed` iframe in `root` whose window and origin sent `event`. */
function frameOf(event: MessageEvent, root: ParentNode): HTMLIFrameElement | undefined {
  for (const frame of root.querySelectorAll<HTMLIFrameElement>(FRAMES)) {
    if (frame.contentWindow === event.source && originOf(frame) === event.origin) return frame;
  }
  return undefined;
}

/**
 * Asks each embed (at its own origin only) for its height, for iframes that loaded before this
 * script, and tells it this script is listening (a token request it sent earlier is sent again).
 */
export function requestHeights(root: ParentNode = document): void {
  for (const frame of root.querySelectorAll<HTMLIFrameElement>(FRAMES)) {
    const origin = originOf(frame);
    if (!origin) continue;
    frame.contentWindow?.postMessage({ type: 'plc-kit:height-request' }, origin);
    frame.contentWindow?.postMessage({ type: 'plc-kit:host-ready' }, origin);
  }
}

/** Answers one token request with the provider's token, to the iframe's window at its origin only. */
async function answerToken(target: Window, origin: string, id: string, provider: TokenProvider, allowed: ReadonlySet<string>): Promise<void> {
  let answer: { token?: string; personId?: string; error?: string };
  if (!allowed.has(origin)) {
    // Never ask the provider: a frame of another site must not even learn that one exists.
    const list = [...allowed].join(', ') || 'none';
    answer = { error: `this page gives plc-kit tokens only to ${list}, not to ${origin} (the origins option of setTokenProvider)` };
    target.postMessage({ type: 'plc-kit:token', id, ...answer }, origin);
    return;
  }
  try {
    const given = await provider(origin);
    const token = typeof given === 'string' ? given : given?.token;
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN) {
      answer = { error: 'the token provider gave no token (it must return the bearer token as a string, or { token, personId })' };
    } else {
      answer = { token, ...(typeof given === 'object' && typeof given.personId === 'string' ? { personId: given.personId } : {}) };
    }
  } catch (error) {
    answer = { error: `the token provider failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  target.postMessage({ type: 'plc-kit:token', id, ...answer }, origin);
}

/**
 * Answers a token request from a `data-plc-embed` iframe in `root` (its own window, its own
 * origin), with `provider`; without one yet, the request waits for {@link setTokenProvider}.
 * @returns whether the message was a token request this page answers.
 */
export function handleTokenRequest(event: MessageEvent, root: ParentNode = document): boolean {
  const state = global[KEY];
  const data = event.data as { type?: unknown; id?: unknown } | null;
  if (!data || data.type !== 'plc-kit:token-request' || typeof data.id !== 'string' || data.id.length > 64) return false;
  const frame = frameOf(event, root);
  const target = frame?.contentWindow;
  if (!frame || !target || !state) return false;
  const origin = event.origin;
  if (state.answered.get(target) === data.id) return true;
  if (state.tokenProvider) {
    state.answered.set(target, data.id);
    void answerToken(target, origin, data.id, state.tokenProvider, state.tokenOrigins);
  } else state.waiting.set(frame, { id: data.id, origin, target });
  return true;
}

/** Options of {@link setTokenProvider}. */
export interface TokenProviderOptions {
  /**
   * The origins of the plc-kit servers whose embed pages may have a token, such as
   * `['https://plc.school.example']`. By default, the origin this script was loaded from; give
   * them when the script is bundled into the page's own code.
   */
  origins?: readonly string[] | undefined;
}

/**
 * Sets how embedded plc-kit views get the signed-in person's token (see {@link TokenProvider}).
 * Requests that came before it are answered now. `undefined` stops answering. Only frames at
 * the allowed origins (see {@link TokenProviderOptions}) get one; others are told why not.
 * @throws TypeError when an origin is not an http(s) origin.
 * @example
 * ```js
 * import { setTokenProvider } from 'https://plc.school.example/embed/resizer.js';
 * setTokenProvider(async (origin) => (await portal.plcToken(origin)).jwt);
 * ```
 */
export function setTokenProvider(provider: TokenProvider | undefined, options: TokenProviderOptions = {}): void {
  const origins = options.origins ?? (SCRIPT_ORIGIN ? [SCRIPT_ORIGIN] : []);
  for (const origin of origins) {
    if (httpOrigin(origin) !== origin) throw new TypeError(`setTokenProvider: "${origin}" is not an origin: give the plc-kit server's scheme and host only, such as https://plc.school.example.`);
  }
  const state = (global[KEY] ??= startState());
  state.tokenProvider = provider;
  state.tokenOrigins = new Set(origins);
  if (!provider) return;
  // Only to iframes still on the page and still showing the page that asked.
  for (const [frame, { id, origin, target }] of state.waiting) {
    if (frame.isConnected && frame.contentWindow === target && originOf(frame) === origin) {
      state.answered.set(target, id);
      void answerToken(target, origin, id, provider, state.tokenOrigins);
    }
  }
  state.waiting.clear();
}

/**
 * Starts resizing: listens for height messages and asks every embed for its height now and
 * whenever one (re)loads.
 * @returns a function that stops it.
 */
export function startResizer(win: Window = window): () => void {
  const onMessage = (event: MessageEvent) => {
    if (!applyHeightMessage(event, win.document)) handleTokenRequest(event, win.document);
  };
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

function startState(): HostState {
  const state: HostState = { stop: () => undefined, tokenProvider: undefined, waiting: new Map(), answered: new WeakMap(), tokenOrigins: new Set() };
  if (typeof document !== 'undefined') state.stop = startResizer();
  return state;
}

global[KEY] ??= startState();
