/**
 * The embed page's side of signing in. The page that embeds plc-kit (a VLE, a school site) knows
 * who is signed in; the embed page, in an iframe on the plc-kit server's origin, cannot read its
 * cookies (they are partitioned or blocked in frames). So the embed page asks its parent window
 * for a token by `postMessage`, and the host's `resizer.js` answers through the host's
 * `setTokenProvider` (see resizer.ts):
 *
 * 1. embed page → parent, at the parent origin only: `{ type: 'plc-kit:token-request', id }`
 * 2. parent → that iframe, at the iframe's origin only: `{ type: 'plc-kit:token', id, token, personId? }`
 *    (or `{ type: 'plc-kit:token', id, error }`)
 *
 * The answer is believed only when it comes from the parent window (`event.source`) at the
 * parent origin (`event.origin`), which the page has checked against the origins its server
 * allows to frame it. The token never goes in a URL, so it stays out of server logs, browser
 * history and `Referer` headers. A host script that loads after the frame announces itself with
 * `{ type: 'plc-kit:host-ready' }`, and a request still waiting is sent again.
 * @module
 */

const REQUEST = 'plc-kit:token-request';
const ANSWER = 'plc-kit:token';
const HOST_READY = 'plc-kit:host-ready';
const ID = /^[A-Za-z0-9_.:-]{1,64}$/;
/** Longer than any bearer token a portal signs, short enough to refuse junk. */
const MAX_TOKEN = 16_384;

/** A token from the host page, and whose it is. */
export interface HostToken {
  token: string;
  /** The signed-in person's id: the host's, else the token's `sub` claim when it is a JWT. */
  personId?: string | undefined;
}

/** What {@link createHostTokenSource} gives back. */
export interface HostTokenSource {
  /** Asks the parent for a token; concurrent calls share one request. */
  token(): Promise<HostToken>;
  /** Stops listening; a request still waiting is refused. */
  stop(): void;
}

/**
 * The `sub` claim of a JWT, when `token` is one and its subject is an id; read only to show the
 * right person (the server verifies the token and decides who it is).
 */
export function subjectOf(token: string): string | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const base64 = parts[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) => c.charCodeAt(0)));
    const sub = (JSON.parse(json) as { sub?: unknown }).sub;
    return typeof sub === 'string' && ID.test(sub) ? sub : undefined;
  } catch {
    return undefined;
  }
}

/** Checks the host's answer: a token without spaces, and a person id when one is given. */
export function checkHostAnswer(data: { token?: unknown; personId?: unknown }): HostToken {
  const { token, personId } = data;
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN || /\s/.test(token)) {
    throw new Error(`The page that embeds this view gave a token that is not one: setTokenProvider must return the bearer token as a string without spaces (up to ${MAX_TOKEN} characters).`);
  }
  if (personId !== undefined && (typeof personId !== 'string' || !ID.test(personId))) {
    throw new Error('The page that embeds this view gave a personId that is not an id: ids use letters, digits, “-”, “_”, “.” and “:” (up to 64).');
  }
  return { token, personId: personId ?? subjectOf(token) };
}

interface Waiting {
  id: string;
  promise: Promise<HostToken>;
  resolve(value: HostToken): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Gets tokens from the parent window at `parentOrigin`. Answers from any other window or origin,
 * and answers to another request, are ignored.
 * @param options.timeoutMs how long a request waits for an answer (15 s by default).
 */
export function createHostTokenSource(parentOrigin: string, options: { win?: Window; timeoutMs?: number } = {}): HostTokenSource {
  const win = options.win ?? window;
  const timeoutMs = options.timeoutMs ?? 15_000;
  let waiting: Waiting | undefined;
  let counter = 0;
  let stopped = false;

  const send = (id: string) => win.parent.postMessage({ type: REQUEST, id }, parentOrigin);
  const settle = (current: Waiting) => {
    clearTimeout(current.timer);
    if (waiting === current) waiting = undefined;
  };
  const onMessage = (event: MessageEvent) => {
    if (event.source !== win.parent || event.origin !== parentOrigin) return;
    const data = event.data as { type?: unknown; id?: unknown; token?: unknown; personId?: unknown; error?: unknown } | null;
    if (!data || typeof data !== 'object' || !waiting) return;
    if (data.type === HOST_READY) return send(waiting.id);
    if (data.type !== ANSWER || data.id !== waiting.id) return;
    const current = waiting;
    settle(current);
    if (data.error !== undefined) {
      current.reject(new Error(`The page that embeds this view could not give a sign-in token: ${String(data.error).slice(0, 300)}`));
      return;
    }
    try {
      current.resolve(checkHostAnswer(data));
    } catch (error) {
      current.reject(error as Error);
    }
  };
  win.addEventListener('message', onMessage);

  return {
    token() {
      if (stopped) return Promise.reject(new Error('The sign-in channel to the host page is closed.'));
      if (win.parent === win) return Promise.reject(new Error('This view is not inside another page, so no page can sign it in: open it from the site that embeds it.'));
      if (waiting) return waiting.promise;
      const id = `t${Date.now().toString(36)}-${(counter += 1)}`;
      let resolve!: (value: HostToken) => void;
      let reject!: (error: Error) => void;
      const promise = new Promise<HostToken>((yes, no) => {
        resolve = yes;
        reject = no;
      });
      const current: Waiting = {
        id,
        promise,
        resolve,
        reject,
        timer: setTimeout(() => {
          settle(current);
          reject(
            new Error(
              `The page that embeds this view (${parentOrigin}) gave no sign-in token within ${Math.round(timeoutMs / 1000)} s: ` +
                'it must load resizer.js from the plc-kit server and call setTokenProvider().',
            ),
          );
        }, timeoutMs),
      };
      waiting = current;
      send(id);
      return promise;
    },
    stop() {
      stopped = true;
      win.removeEventListener('message', onMessage);
      if (waiting) {
        const current = waiting;
        settle(current);
        current.reject(new Error('The sign-in channel to the host page is closed.'));
      }
    },
  };
}
