/**
 * The embed page's bootstrap: reads the URL parameters, checks them, and shows one plc-kit view
 * inside a `<plc-provider>`, for pages that can only take an iframe (Canvas, Moodle for most
 * authors, Google Sites). When the page is framed and given its parent's origin, it also posts
 * its height to that origin, and only to it, so the host's resizer script can size the iframe.
 *
 * The URL parameters:
 *
 * | parameter | values | default |
 * | --- | --- | --- |
 * | `view` | `enquiry`, `board`, `impact`, `booklet`, `my-enquiries` (or `inquiry`, `my-inquiries`) | `my-enquiries` |
 * | `id` | the enquiry id (required by `view=enquiry`) | |
 * | `person` | the signed-in person's id | nobody |
 * | `lang` | `en-GB`, `en-US`, `es` (others fall back to the closest) | the page's language |
 * | `cycle` | a cycle id | the active cycle |
 * | `community`, `theme` | board filters: a community id, a theme id | all |
 * | `color-scheme` | `light`, `dark`, `auto` | `light` |
 * | `storage` | `indexeddb`, `memory` | `indexeddb` |
 * | `demo` | present: an empty store is filled with the demo school | absent |
 * | `parent-origin` | the host page's origin, e.g. `https://vle.school.example` | no height messages |
 *
 * **Served by the plc-kit server** (`/embed`), the page says so in two `<meta>` tags the server
 * fills in, and {@link startEmbed} reads them (`readEmbedPageConfig`):
 * `<meta name="plc-kit-server">` is the server to sync with (the page's own), and
 * `<meta name="plc-kit-parent-origins">` the origins allowed to frame it (the server's
 * `PLC_EMBED_ANCESTORS`, also its `frame-ancestors`). The page then keeps its data on that
 * server, gets the signed-in person's token from its parent window by `postMessage`
 * (host-token.ts; `person`, `storage` and `demo` are ignored: the token says who is signed in),
 * and talks only to a parent at one of those origins: `parent-origin`, when given, must be one
 * of them, and otherwise the parent's origin is found among them.
 *
 * Elements must be registered before {@link startEmbed} runs (import components/define.js, or
 * load dist/bundle.js); this module only arranges them.
 * @module
 */
import { html, nothing, render } from 'lit';
import { msg, str } from '@lit/localize';
import type { Store } from '../../src/store/store.js';
import { setPlcLocale } from '../localization.js';
import { createHostTokenSource, type HostToken } from './host-token.js';

/** The views the embed page can show. */
export const EMBED_VIEWS = ['enquiry', 'board', 'impact', 'booklet', 'my-enquiries'] as const;
/** A view the embed page can show. */
export type EmbedView = (typeof EMBED_VIEWS)[number];
/** US spellings of the views, for addresses written in American English. */
const VIEW_ALIASES: Readonly<Record<string, EmbedView>> = { inquiry: 'enquiry', 'my-inquiries': 'my-enquiries' };

/** What the URL asks for, checked. */
export interface EmbedParams {
  view: EmbedView;
  id?: string | undefined;
  person?: string | undefined;
  lang?: string | undefined;
  cycle?: string | undefined;
  community?: string | undefined;
  theme?: string | undefined;
  colorScheme: 'light' | 'dark' | 'auto';
  storage: 'indexeddb' | 'memory';
  demo: boolean;
  /** The only origin the page posts its height to. */
  parentOrigin?: string | undefined;
}

/** A parameter the embed page cannot use, and why. */
export interface EmbedProblem {
  param: string;
  code: 'unknown-view' | 'missing' | 'invalid-id' | 'invalid-value' | 'invalid-origin' | 'origin-not-allowed' | 'no-host' | 'invalid-setting';
  value?: string | undefined;
}

/** The result of {@link readEmbedParams}. */
export type EmbedParse = { ok: true; params: EmbedParams } | { ok: false; problems: EmbedProblem[] };

const ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const LANG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,3}$/;
const MESSAGE_TYPE = 'plc-kit:height';
const REQUEST_TYPE = 'plc-kit:height-request';

/**
 * The origin `value` names (`https://vle.school.example`), or undefined when it is not exactly
 * an http(s) origin: no path, no `*`, no `null`.
 */
export function checkOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return url.origin === value.replace(/\/$/, '') ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Reads and checks the embed page's URL parameters; every problem is listed, none is guessed around. */
export function readEmbedParams(search: string | URLSearchParams): EmbedParse {
  const query = typeof search === 'string' ? new URLSearchParams(search) : search;
  const problems: EmbedProblem[] = [];
  const get = (name: string) => query.get(name)?.trim() || undefined;
  const id = (name: string) => {
    const value = get(name);
    if (value !== undefined && !ID.test(value)) problems.push({ param: name, code: 'invalid-id', value });
    return value;
  };
  const oneOf = <T extends string>(name: string, values: readonly T[], fallback: T): T => {
    const value = get(name);
    if (value === undefined) return fallback;
    if ((values as readonly string[]).includes(value)) return value as T;
    problems.push({ param: name, code: 'invalid-value', value });
    return fallback;
  };

  const viewValue = get('view') ?? 'my-enquiries';
  const named = VIEW_ALIASES[viewValue] ?? viewValue;
  const view = (EMBED_VIEWS as readonly string[]).includes(named) ? (named as EmbedView) : undefined;
  if (!view) problems.push({ param: 'view', code: 'unknown-view', value: viewValue });
  const params: EmbedParams = {
    view: view ?? 'my-enquiries',
    id: id('id'),
    person: id('person'),
    cycle: id('cycle'),
    community: id('community'),
    theme: id('theme'),
    colorScheme: oneOf('color-scheme', ['light', 'dark', 'auto'], 'light'),
    storage: oneOf('storage', ['indexeddb', 'memory'], 'indexeddb'),
    demo: query.has('demo') && !['0', 'false'].includes(query.get('demo') ?? ''),
  };
  const lang = get('lang');
  if (lang !== undefined && !LANG.test(lang)) problems.push({ param: 'lang', code: 'invalid-value', value: lang });
  else params.lang = lang;
  const parent = get('parent-origin');
  if (parent !== undefined) {
    params.parentOrigin = checkOrigin(parent);
    if (!params.parentOrigin) problems.push({ param: 'parent-origin', code: 'invalid-origin', value: parent });
  }
  if (params.view === 'enquiry' && !params.id && !problems.some((p) => p.param === 'id')) problems.push({ param: 'id', code: 'missing' });
  return problems.length ? { ok: false, problems } : { ok: true, params };
}

/** The text explaining one problem, in the active language. */
function problemText(problem: EmbedProblem): string {
  const value = problem.value ?? '';
  switch (problem.code) {
    case 'unknown-view':
      return msg(str`There is no view called “${value}”. Use view=enquiry, board, impact, booklet or my-enquiries.`, { id: 'embed.problem.view' });
    case 'missing':
      return msg('view=enquiry needs the enquiry’s id, as id=…', { id: 'embed.problem.missing-id' });
    case 'invalid-id':
      return msg(str`${problem.param}=${value} is not an id: ids use letters, digits, “-”, “_”, “.” and “:” (up to 64).`, { id: 'embed.problem.id' });
    case 'invalid-origin':
      return msg(str`parent-origin=${value} is not an origin: give the host page’s scheme and host only, such as https://vle.school.example.`, { id: 'embed.problem.origin' });
    case 'origin-not-allowed':
      return msg(str`${value} is not one of the sites this plc-kit server lets show its views (its PLC_EMBED_ANCESTORS setting).`, { id: 'embed.problem.origin-not-allowed' });
    case 'no-host':
      return msg('This view is signed in by the site that shows it, so it opens only inside one of the sites this plc-kit server allows.', { id: 'embed.problem.no-host' });
    case 'invalid-setting':
      return msg(str`The page’s ${problem.param} setting has “${value}”, which is not a web address or an origin.`, { id: 'embed.problem.setting' });
    default:
      return msg(str`${problem.param}=${value} is not one of the values it accepts.`, { id: 'embed.problem.value' });
  }
}

/** What {@link mountEmbed} gives back. */
export interface EmbedHandle {
  /** The provider, or undefined when the parameters had problems. */
  provider: HTMLElement | undefined;
  /** Resolves when the view is on screen (the store open, the demo seeded). */
  ready: Promise<void>;
  /** Shows another view (the embed page does this when a list opens an enquiry). */
  show(params: EmbedParams): void;
}

/** Options of {@link mountEmbed} and {@link startEmbed}. */
export interface EmbedOptions {
  /**
   * A store supplied by the page instead of the `storage` parameter: on the server's /embed
   * page, the HTTP store that syncs with the server (iframe storage is partitioned per site).
   */
  store?: Store | undefined;
  /** Called when a list opens an enquiry; {@link startEmbed} records it in the page's history. */
  onNavigate?: ((params: EmbedParams) => void) | undefined;
  /** Called by the "Back" button instead of showing the list again; {@link startEmbed} goes back in history. */
  onBack?: (() => void) | undefined;
  /**
   * The plc-kit server to keep the view's data on (an absolute URL), signed in by `hostToken`;
   * `person`, `storage` and `demo` are then ignored. {@link startEmbed} reads it from the page.
   */
  server?: string | undefined;
  /**
   * Gives the signed-in person's token for `server`, and their id (the token says who is signed
   * in). {@link startEmbed} asks the parent window (host-token.ts).
   */
  hostToken?: (() => Promise<HostToken>) | undefined;
  /** Problems found outside the URL (the page's settings, the parent's origin), listed with the URL's. */
  problems?: readonly EmbedProblem[] | undefined;
}

type ProviderElement = HTMLElement & { ready?: Promise<void>; store?: Store; session?: { store: Store; ready: boolean } | undefined; loadDirectory?: () => Promise<void> };

/**
 * Shows the view `search` asks for inside `root`: the view's element in a `<plc-provider>`, or,
 * when a parameter cannot be used, a message saying which and why.
 */
export function mountEmbed(root: HTMLElement, search: string | URLSearchParams, options: EmbedOptions = {}): EmbedHandle {
  // The page's own "Loading…" goes: Lit renders after existing children otherwise.
  root.replaceChildren();
  const parsed = readEmbedParams(search);
  const problems = [...(parsed.ok ? [] : parsed.problems), ...(options.problems ?? [])];
  if (!parsed.ok || problems.length) {
    const lang = new URLSearchParams(search).get('lang') ?? document.documentElement.lang;
    const ready = setPlcLocale(LANG.test(lang) ? lang : undefined).then(() => {
      render(
        html`<div class="plc-embed-problem" role="alert">
          <h1>${msg('This plc-kit view cannot be shown', { id: 'embed.problem.heading' })}</h1>
          <ul>
            ${problems.map((p) => html`<li>${problemText(p)}</li>`)}
          </ul>
          <p>${msg('Ask whoever added it to this page to correct its address.', { id: 'embed.problem.fix' })}</p>
        </div>`,
        root,
      );
    });
    return { provider: undefined, ready, show: () => undefined };
  }

  let params = parsed.params;
  let previous: EmbedParams | undefined;
  // On the server's page the token says who is signed in, never the address.
  const server = options.store ? undefined : options.server;
  const hostToken = options.hostToken;
  let signedIn: string | undefined;
  const tokenProvider =
    server && hostToken
      ? async () => {
          const given = await hostToken();
          if (given.personId && given.personId !== signedIn) {
            signedIn = given.personId;
            draw();
          }
          return given.token;
        }
      : undefined;
  const show = (next: EmbedParams, back?: EmbedParams) => {
    params = next;
    previous = back;
    draw();
  };
  const onOpen = (event: Event) => {
    const enquiryId = (event as Event & { enquiryId?: string }).enquiryId;
    if (!enquiryId || !ID.test(enquiryId)) return;
    const next = { ...params, view: 'enquiry' as const, id: enquiryId };
    show(next, params);
    options.onNavigate?.(next);
  };
  // The skip link: past the sync status and the back button, to the view's own heading (in its
  // shadow root, where no address can point).
  const skipToView = () => {
    root.querySelector<HTMLElement & { focusHeading?: () => void }>('#plc-embed-view')?.focusHeading?.();
  };
  const draw = () =>
    render(
      html`<plc-provider
        storage=${params.storage}
        server=${server ?? nothing}
        .tokenProvider=${tokenProvider}
        person-id=${(server ? signedIn : params.person) ?? nothing}
        lang=${params.lang ?? (document.documentElement.lang || 'en-GB')}
        cycle-id=${params.cycle ?? nothing}
        theme=${params.colorScheme}
        .store=${options.store}
        @plc-enquiry-open=${onOpen}
        ><button class="plc-embed-skip" type="button" @click=${skipToView}>${msg('Skip to the content', { id: 'embed.skip' })}</button>${server
          ? html`<plc-sync-status class="plc-embed-sync"></plc-sync-status>`
          : nothing}${previous
          ? html`<button class="plc-embed-back" type="button" @click=${() => (options.onBack ? options.onBack() : show(previous!))}>
              <span aria-hidden="true">←</span> ${msg('Back', { id: 'embed.back' })}
            </button>`
          : nothing}${viewTemplate(params)}</plc-provider
      >`,
      root,
    );
  draw();
  const provider = root.querySelector<ProviderElement>('plc-provider')!;
  const ready = (async () => {
    await customElements.whenDefined('plc-provider');
    await provider.ready;
    if (params.demo && !options.store && !server) await seedDemoIfEmpty(provider);
  })();
  return { provider, ready, show: (next) => show(next) };
}

function viewTemplate(params: EmbedParams) {
  switch (params.view) {
    case 'enquiry':
      return html`<plc-enquiry id="plc-embed-view" enquiry-id=${params.id!}></plc-enquiry>`;
    case 'board':
      return html`<plc-community-board id="plc-embed-view"
        cycle-id=${params.cycle ?? nothing}
        filter-community=${params.community ?? nothing}
        filter-theme=${params.theme ?? nothing}
      ></plc-community-board>`;
    case 'impact':
      return html`<plc-impact-report id="plc-embed-view" cycle-id=${params.cycle ?? nothing}></plc-impact-report>`;
    case 'booklet':
      return html`<plc-booklet id="plc-embed-view" cycle-id=${params.cycle ?? nothing}></plc-booklet>`;
    default:
      return html`<plc-my-enquiries id="plc-embed-view" cycle-id=${params.cycle ?? nothing}></plc-my-enquiries>`;
  }
}

/** Fills an empty store with the demo school (the seed module is loaded only then). */
async function seedDemoIfEmpty(provider: ProviderElement): Promise<void> {
  const store = provider.session?.store;
  if (!store || (await store.list('people')).length > 0) return;
  const { seedDemo } = await import('../../examples/demo/seed.js');
  await seedDemo(store);
  await provider.loadDirectory?.();
}

/**
 * Posts this page's height to its parent whenever it changes, with `parentOrigin` as the
 * target origin (never `*`), and answers the parent's height requests, ignoring messages from
 * any other window or origin. Does nothing when the page is not framed.
 * @returns a function that stops it.
 */
export function postHeightToParent(parentOrigin: string, win: Window = window): () => void {
  const origin = checkOrigin(parentOrigin);
  if (!origin || win.parent === win) return () => undefined;
  const element = win.document.documentElement;
  let last = -1;
  const post = (force = false) => {
    const height = Math.ceil(element.getBoundingClientRect().height);
    if (height === last && !force) return;
    last = height;
    win.parent.postMessage({ type: MESSAGE_TYPE, height }, origin);
  };
  const observer = new ResizeObserver(() => post());
  observer.observe(element);
  const onMessage = (event: MessageEvent) => {
    if (event.origin !== origin || event.source !== win.parent) return;
    if ((event.data as { type?: unknown } | null)?.type === REQUEST_TYPE) post(true);
  };
  win.addEventListener('message', onMessage);
  post(true);
  return () => {
    observer.disconnect();
    win.removeEventListener('message', onMessage);
  };
}

/** What the page says about where it is served, in its `<meta>` tags (see the module comment). */
export interface EmbedPageConfig {
  /** `<meta name="plc-kit-server">` as an absolute URL (relative values are resolved against the page). */
  server?: string | undefined;
  /** `<meta name="plc-kit-parent-origins">`: the origins allowed to frame the page, `'self'` made the page's own. */
  parentOrigins?: string[] | undefined;
  /** Settings that are not a web address or an origin. */
  problems: EmbedProblem[];
}

/** Reads the page's settings; an empty or missing tag is no setting (the page keeps data in the browser). */
export function readEmbedPageConfig(doc: Document = document): EmbedPageConfig {
  const meta = (name: string) => doc.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content.trim() || undefined;
  const config: EmbedPageConfig = { problems: [] };
  const server = meta('plc-kit-server');
  if (server !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(server, doc.baseURI);
    } catch {
      url = undefined;
    }
    if (url && (url.protocol === 'https:' || url.protocol === 'http:') && !url.search && !url.hash) config.server = url.href.replace(/\/+$/, '');
    else config.problems.push({ param: 'plc-kit-server', code: 'invalid-setting', value: server });
  }
  const origins = meta('plc-kit-parent-origins');
  if (origins !== undefined) {
    const own = new URL(doc.URL).origin;
    config.parentOrigins = [];
    for (const value of origins.split(/[\s,]+/).filter(Boolean)) {
      const origin = value === "'self'" || value === 'self' ? own : checkOrigin(value);
      if (!origin) config.problems.push({ param: 'plc-kit-parent-origins', code: 'invalid-setting', value });
      else if (!config.parentOrigins.includes(origin)) config.parentOrigins.push(origin);
    }
  }
  return config;
}

/**
 * The origin of the parent window to talk to. Without an `allowed` list (a page not served by a
 * plc-kit server) it is `asked`, the `parent-origin` parameter. With one: `asked` when it is in
 * the list; else the parent's origin as the browser reports it (`location.ancestorOrigins`,
 * else the referrer) when it is in the list; else the list's only origin. Not framed: none.
 */
export function chooseParentOrigin(asked: string | undefined, allowed: readonly string[] | undefined, win: Window = window): { origin?: string; problem?: EmbedProblem } {
  if (!allowed) return asked ? { origin: asked } : {};
  if (asked) return allowed.includes(asked) ? { origin: asked } : { problem: { param: 'parent-origin', code: 'origin-not-allowed', value: asked } };
  if (win.parent === win) return {};
  // Chromium and Safari say who the parent is; Firefox does not, so the referrer stands in.
  const ancestors = (win.location as Location & { ancestorOrigins?: DOMStringList }).ancestorOrigins;
  if (ancestors && ancestors.length > 0) {
    const parent = ancestors[0]!;
    return allowed.includes(parent) ? { origin: parent } : { problem: { param: 'parent-origin', code: 'origin-not-allowed', value: parent } };
  }
  let referrer: string | undefined;
  try {
    referrer = win.document.referrer ? new URL(win.document.referrer).origin : undefined;
  } catch {
    referrer = undefined;
  }
  if (referrer && allowed.includes(referrer)) return { origin: referrer };
  return allowed.length === 1 ? { origin: allowed[0]! } : {};
}

/**
 * Runs the embed page: shows the view the page's URL asks for in `#plc-embed` (or the body),
 * follows the browser's back and forward buttons, and posts the height to the parent origin.
 * On a page served by a plc-kit server (`readEmbedPageConfig`) it keeps the data on that
 * server and asks the parent window for the signed-in person's token.
 */
export function startEmbed(options: EmbedOptions = {}): EmbedHandle {
  const root = document.getElementById('plc-embed') ?? document.body;
  const page = readEmbedPageConfig(document);
  const parsed = readEmbedParams(location.search);
  const problems: EmbedProblem[] = [...page.problems];
  let parentOrigin: string | undefined;
  if (parsed.ok) {
    const chosen = chooseParentOrigin(parsed.params.parentOrigin, page.parentOrigins);
    parentOrigin = chosen.origin;
    if (chosen.problem) problems.push(chosen.problem);
  }
  const server = options.server ?? page.server;
  let hostToken = options.hostToken;
  if (server && !options.store && !hostToken && parsed.ok && !problems.length) {
    if (parentOrigin) {
      const source = createHostTokenSource(parentOrigin);
      hostToken = () => source.token();
    } else problems.push({ param: 'parent-origin', code: 'no-host' });
  }
  const handle = mountEmbed(root, location.search, {
    ...options,
    server,
    hostToken,
    problems: [...(options.problems ?? []), ...problems],
    onNavigate: (params) => {
      const url = new URL(location.href);
      url.searchParams.set('view', params.view);
      if (params.id) url.searchParams.set('id', params.id);
      history.pushState(null, '', url);
      options.onNavigate?.(params);
    },
    onBack: () => history.back(),
  });
  addEventListener('popstate', () => {
    const parsed = readEmbedParams(location.search);
    if (parsed.ok) handle.show(parsed.params);
  });
  if (parentOrigin) postHeightToParent(parentOrigin);
  return handle;
}
