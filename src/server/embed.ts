/**
 * The embed page, served at `/embed`: one plc-kit view in a page made for an iframe, which keeps
 * its data on this server (iframe storage is partitioned per top-level site, so data kept in the
 * browser would differ from one host site to the next). The files are the folder `npm run build`
 * writes, `dist/embed/` (the same folder can be put on any web server as a static page):
 *
 * | path | file | for |
 * | --- | --- | --- |
 * | `/embed`, `/embed/`, `/embed/index.html` | `index.html` | the iframe's `src` |
 * | `/embed/embed.js`, `/embed/embed.css`, `/embed/bundle.js` | the page's script, styles and every element | the page |
 * | `/embed/resizer.js` | the host page's script: iframe height, and the sign-in token | host pages (any origin) |
 * | `/embed/sw.js` | the service worker that opens the page offline after a first visit, sent with `Service-Worker-Allowed: /embed` so it may serve `/embed` too | the page (a build without it answers 404) |
 *
 * Only these names are served (a lookup in a table, never a path joined from the request), from
 * memory, gzipped when the browser accepts it, with a strong ETag and `Cache-Control: no-cache`
 * (a revalidation costs a 304), but for the host pages' resizer.js, fresh for an hour so that a
 * host page reloaded while this server is down still signs the embed page in. The page goes out with a strict Content-Security-Policy whose
 * `frame-ancestors` is the configured list (`PLC_EMBED_ANCESTORS`, `'self'` by default); the same
 * list is written into the page (`<meta name="plc-kit-parent-origins">`) so that the page talks
 * by `postMessage` only to the sites allowed to frame it. Without a build, every path answers 503
 * saying to run `npm run build`.
 * @module
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import { HttpError } from './errors.js';
import { errors, route } from './routes/route.js';

const gzip = promisify(gzipCallback);

/** Options of the `/embed` routes (`createServer({ embed })`). */
export interface EmbedOptions {
  /** The built embed folder; the package's `dist/embed/` by default. */
  dir?: string | undefined;
  /**
   * The origins that may frame the embed page and exchange messages with it: exact origins
   * (`https://vle.school.example`) and `'self'` (this server's own pages). `['self']` by default.
   */
  ancestors?: readonly string[] | undefined;
}

/** The files of the embed folder besides index.html, with their content types. */
export const EMBED_ASSETS: Readonly<Record<string, string>> = {
  'embed.js': 'text/javascript; charset=utf-8',
  'embed.css': 'text/css; charset=utf-8',
  'bundle.js': 'text/javascript; charset=utf-8',
  'resizer.js': 'text/javascript; charset=utf-8',
};

/** The embed page's service worker (components/offline/sw.ts): served when the build made one. */
const SERVICE_WORKER = 'sw.js';

const SELF = "'self'";
const SERVER_META = /<meta name="plc-kit-server" content="[^"]*"/;
const ORIGINS_META = /<meta name="plc-kit-parent-origins" content="[^"]*"/;

/**
 * Checks a list of origins allowed to frame the embed page: each one exactly an http(s) origin
 * (scheme, host and port; no path, no wildcard) or `'self'` (also accepted without quotes).
 * Duplicates are dropped; an empty list is `['self']`.
 * @param name what the list is called in error messages, such as `PLC_EMBED_ANCESTORS`.
 */
export function checkEmbedAncestors(values: readonly string[], name = 'embed.ancestors'): string[] {
  const out: string[] = [];
  for (const raw of values) {
    const value = raw.trim();
    if (value === '') continue;
    let origin: string | undefined;
    if (value === SELF || value === 'self') origin = SELF;
    else {
      try {
        const url = new URL(value);
        // The URL parser takes `*` in a host name; a CSP source would read it as a wildcard.
        const exact = (url.protocol === 'https:' || url.protocol === 'http:') && /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])$/.test(url.hostname);
        if (exact && url.origin === value.replace(/\/$/, '')) origin = url.origin;
      } catch {
        origin = undefined;
      }
    }
    if (!origin) {
      throw new Error(
        `${name}: "${value}" is not an origin. List exact origins such as https://vle.school.example (scheme and host, no path, no *), ` +
          `and 'self' for this server's own pages, separated by spaces or commas.`,
      );
    }
    if (!out.includes(origin)) out.push(origin);
  }
  return out.length ? out : [SELF];
}

/** Reads `PLC_EMBED_ANCESTORS` (origins separated by spaces or commas). */
export const parseEmbedAncestors = (value: string, name = 'PLC_EMBED_ANCESTORS'): string[] => checkEmbedAncestors(value.split(/[\s,]+/), name);

/** The Content-Security-Policy of the embed page: everything from this server, nothing inline, framed only by `ancestors`. */
export function embedPolicy(ancestors: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Lit's styles are constructed stylesheets, which style-src does not govern (docs/embedding/csp.md).
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${ancestors.join(' ')}`,
  ].join('; ');
}

/** The built embed folder of this installation: `dist/embed/` beside the compiled server, or in a clone running the sources. */
export function defaultEmbedDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // Compiled: dist/src/server/embed.js, so dist/ is two folders up; from the sources: src/server/embed.ts.
  const twoUp = resolve(here, '..', '..');
  return basename(twoUp) === 'dist' ? join(twoUp, 'embed') : join(twoUp, 'dist', 'embed');
}

/** One file as it is sent. */
export interface Representation {
  body: Buffer;
  etag: string;
  /** The gzipped body and its ETag, when smaller. */
  gzipped?: { body: Buffer; etag: string } | undefined;
}

interface LoadedEmbed {
  /** The page at `/embed` (its links point into `embed/`) and at `/embed/`. */
  pageAtRoute: Representation;
  pageInFolder: Representation;
  assets: Map<string, Representation>;
  /** sw.js, absent from a folder built before the page could open offline. */
  serviceWorker?: Representation | undefined;
}

/** A file ready to send: its strong ETag, and its gzipped form when that is smaller. */
export async function represent(body: Buffer): Promise<Representation> {
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  const representation: Representation = { body, etag: `"${hash}"` };
  if (body.length > 1024) {
    const zipped = await gzip(body, { level: 9 });
    if (zipped.length < body.length) representation.gzipped = { body: zipped, etag: `"${hash}-gz"` };
  }
  return representation;
}

const notBuilt = (dir: string, missing: string) =>
  new HttpError(503, {
    error: 'unavailable',
    message: `The embed page is not built on this server (${missing} is missing in ${dir}): run \`npm run build\` in the plc-kit folder, which writes dist/embed/, then restart the server.`,
  });

/**
 * Reads the embed folder and fills in the page's settings: the server it syncs with (this one:
 * `./` from `/embed`, `../` from `/embed/`) and the origins it may talk to.
 */
async function loadEmbed(dir: string, ancestors: readonly string[]): Promise<LoadedEmbed> {
  const read = async (name: string) => {
    try {
      return await readFile(join(dir, name));
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') throw notBuilt(dir, name);
      throw error;
    }
  };
  const template = (await read('index.html')).toString('utf8');
  if (!SERVER_META.test(template) || !ORIGINS_META.test(template)) {
    throw new HttpError(503, {
      error: 'unavailable',
      message: `${join(dir, 'index.html')} is not plc-kit's embed page (it has no <meta name="plc-kit-server"> and <meta name="plc-kit-parent-origins">): run \`npm run build\` again.`,
    });
  }
  const page = (serverUrl: string, assetPrefix: string) =>
    template
      .replace(SERVER_META, `<meta name="plc-kit-server" content="${serverUrl}"`)
      .replace(ORIGINS_META, `<meta name="plc-kit-parent-origins" content="${ancestors.join(' ')}"`)
      .replace(/(\s(?:src|href)=")\.\//g, `$1${assetPrefix}`);
  const assets = new Map<string, Representation>();
  for (const name of Object.keys(EMBED_ASSETS)) assets.set(name, await represent(await read(name)));
  const serviceWorker = await readFile(join(dir, SERVICE_WORKER)).then(represent, (error: unknown) => {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw error;
  });
  return {
    serviceWorker,
    pageAtRoute: await represent(Buffer.from(page('./', 'embed/'))),
    pageInFolder: await represent(Buffer.from(page('../', './'))),
    assets,
  };
}

/** Whether `If-None-Match` names `etag` (weak comparison, as RFC 9110 asks for GET). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const value = tag.trim().replace(/^W\//, '');
    return value === '*' || value === etag;
  });
}

const acceptsGzip = (header: string | undefined) =>
  (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== 'x-gzip') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  });

/**
 * How long host pages may use resizer.js without asking again. The host page is on another
 * site, out of the embed page's service worker's reach: with `no-cache`, a host page reloaded
 * while this server is down loses its script, so it cannot sign the embed page in, and the
 * teacher sees her unsent work counted but not shown. Fresh for an hour, it loads from the
 * browser's cache; a new release's resizer reaches host pages within that hour.
 */
const RESIZER_CACHE = 'max-age=3600';

/** Sends a file with its ETag (304 when the browser has it), gzipped when the browser accepts it; revalidated at each use unless `cacheControl` says otherwise. */
export function send(request: FastifyRequest, reply: FastifyReply, file: Representation, cacheControl = 'no-cache') {
  const header = request.headers['accept-encoding'];
  const zipped = file.gzipped && acceptsGzip(Array.isArray(header) ? header.join(',') : header) ? file.gzipped : undefined;
  const etag = zipped?.etag ?? file.etag;
  void reply.header('etag', etag).header('cache-control', cacheControl).header('x-content-type-options', 'nosniff');
  if (file.gzipped) {
    // Added to, not replacing, the Vary the CORS hook may have set.
    const vary = reply.getHeader('vary');
    void reply.header('vary', vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding');
  }
  const ifNoneMatch = request.headers['if-none-match'];
  if (matches(Array.isArray(ifNoneMatch) ? ifNoneMatch.join(',') : ifNoneMatch, etag)) return reply.code(304).send();
  if (zipped) void reply.header('content-encoding', 'gzip');
  return reply.send(zipped?.body ?? file.body);
}

/**
 * Adds `GET /embed`, `/embed/` and `/embed/<file>` for the files of {@link EMBED_ASSETS}. The
 * folder is read at the first request (and again after a failed read, so a build made while the
 * server runs is picked up); it is then kept in memory.
 */
export function registerEmbedRoutes(app: FastifyInstance, options: EmbedOptions = {}): void {
  const ancestors = checkEmbedAncestors(options.ancestors ?? [], 'embed.ancestors');
  const dir = options.dir ?? defaultEmbedDir();
  const policy = embedPolicy(ancestors);
  let loading: Promise<LoadedEmbed> | undefined;
  const files = () =>
    (loading ??= loadEmbed(dir, ancestors).catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));

  const page = (which: 'pageAtRoute' | 'pageInFolder') => async (request: FastifyRequest, reply: FastifyReply) => {
    const loaded = await files();
    void reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', policy)
      .header('referrer-policy', 'same-origin');
    return send(request, reply, loaded[which]);
  };
  const pageAnswers = {
    200: { description: 'The page, with its Content-Security-Policy.', body: z.string(), contentType: 'text/html' },
    304: { description: 'Not changed since the ETag sent in If-None-Match.' },
    ...errors([503, 'The embed page is not built: run `npm run build`.']),
  };
  const summary = 'The embed page for iframes (`?view=...`), framed only by PLC_EMBED_ANCESTORS; see docs/embedding';
  route(app, { method: 'GET', url: '/embed', operationId: 'embedPage', summary, public: true, responses: pageAnswers, handler: page('pageAtRoute') });
  route(app, { method: 'GET', url: '/embed/', operationId: 'embedFolderPage', summary: `${summary} (the same page, for relative links)`, public: true, responses: pageAnswers, handler: page('pageInFolder') });
  route(app, {
    method: 'GET',
    url: '/embed/:file',
    operationId: 'embedFile',
    summary: 'A file of the embed page: resizer.js for host pages, and the page\'s embed.js, embed.css, bundle.js and service worker sw.js',
    public: true,
    params: z.object({ file: z.string().check(z.describe(`One of index.html, ${Object.keys(EMBED_ASSETS).join(', ')}, ${SERVICE_WORKER}.`)) }),
    responses: {
      200: { description: 'The file.', body: z.string(), contentType: ['text/javascript', 'text/css', 'text/html'] },
      304: { description: 'Not changed since the ETag sent in If-None-Match.' },
      ...errors([404, 'Not a file of the embed page.'], [503, 'The embed page is not built: run `npm run build`.']),
    },
    handler: async (request, reply) => {
    const name = request.params.file;
    if (name === 'index.html') return page('pageInFolder')(request, reply);
    if (name === SERVICE_WORKER) {
      const worker = (await files()).serviceWorker;
      if (!worker) throw new HttpError(404, { error: 'not-found', message: `This build of the embed page has no ${SERVICE_WORKER} (${dir}): run \`npm run build\` to open it offline.`, field: 'path' });
      // Same origin only (a worker is never cross-origin); its scope may include /embed, the page beside the folder.
      void reply.type('text/javascript; charset=utf-8').header('service-worker-allowed', '/embed');
      return send(request, reply, worker);
    }
    const type = Object.hasOwn(EMBED_ASSETS, name) ? EMBED_ASSETS[name] : undefined;
    if (!type) {
      throw new HttpError(404, {
        error: 'not-found',
        message: `There is no /embed/${name.slice(0, 80)}: the embed folder serves index.html, ${Object.keys(EMBED_ASSETS).join(', ')}, ${SERVICE_WORKER}.`,
        field: 'path',
      });
    }
    const file = (await files()).assets.get(name)!;
    // Public files any host page may load (the resizer, the bundle for a script tag): module
    // scripts from another origin are fetched with CORS.
    void reply.type(type).header('access-control-allow-origin', '*').header('cross-origin-resource-policy', 'cross-origin').header('referrer-policy', 'same-origin');
    return send(request, reply, file, name === 'resizer.js' ? RESIZER_CACHE : undefined);
    },
  });
}
