/**
 * The app opens offline (issue 16), in Debian's Chromium: a page with the drop-in bundle (compiled
 * from the current sources, with the service worker the build writes beside it) is visited once
 * online; then its web server is stopped and the page reloaded. plc-app renders, and so does the
 * learning walk, whose file the first visit never loaded (the worker precached it). DEBUG_OFFLINE=1
 * prints the page's console.
 *
 * Then updating with work not yet sent: steps saved while the plc-kit server is down, under release
 * N; release N+1 is put on the web server and its worker installed. It waits while N's page is
 * open; the next page opens on N+1, finds the steps, and sends them once. The demo runs on the
 * embedded default storage, so this runs on the PGlite pass only.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM, CHROMIUM_ARGS, ensureChromium } from '../../scripts/browser.js';
// @ts-expect-error: a JavaScript build script without declarations
import { isBundleFile, writeServiceWorker } from '../../scripts/service-worker.js';
import { pressButton, typeIn, valueOf, VISIBLE_TEXT, waitForText } from '../support/page-text.js';
import { client, DATABASE_URL, freePort, openTestDb, startServer, type TestDb, type TestServer } from './helpers.js';

const source = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const DEMO_KEY = 'plc-kit-demo';

/** An integrator's page: the drop-in bundle, plc-app (with `attributes`), and offline turned on. */
const page = (attributes: string) => `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Oakfield PLC</title>
<script type="module">
  import { registerServiceWorker } from './bundle.js';
  window.offlineReady = registerServiceWorker('./sw.js');
</script></head>
<body><plc-app demo ${attributes}>Loading plc-kit…</plc-app></body></html>`;

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

/** The release as `npm run build` lays it out: bundle.js, its lazily loaded files beside it, sw.js. */
async function release(dir: string): Promise<void> {
  await build({
    entryPoints: { bundle: source('components/bundle.ts') },
    outdir: dir,
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    chunkNames: 'bundle-[name]-[hash]',
    // package.json's sideEffects names dist/'s files: read from the sources, the elements' index
    // modules would look free of side effects and their definitions be dropped.
    ignoreAnnotations: true,
    logLevel: 'error',
    tsconfig: source('tsconfig.json'),
  });
  writeFileSync(join(dir, 'index.html'), page('storage="indexeddb"'));
  await writeServiceWorker(dir, isBundleFile);
}

/** A static web server for `dir` that the test can stop, as a network gone. */
function serve(dir: string, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    const name = new URL(request.url ?? '/', 'http://x').pathname.slice(1) || 'index.html';
    try {
      const body = readFileSync(join(dir, name.replace(/[^\w.-]/g, '')));
      response.writeHead(200, { 'content-type': TYPES[extname(name)] ?? 'application/octet-stream', 'cache-control': 'no-cache' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

const stop = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

describe('the app opens offline after a first visit', { skip: DATABASE_URL ? 'no database: the PGlite pass runs it' : false }, () => {
  let dir: string;
  let port: number;
  let web: Server | undefined;
  let browser: Browser;

  before(async () => {
    ensureChromium();
    dir = mkdtempSync(join(tmpdir(), 'plc-kit-offline-'));
    await release(dir);
    port = await freePort();
    web = await serve(dir, port);
    browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    if (web) await stop(web);
    rmSync(dir, { recursive: true, force: true });
  });

  async function visit(personId: string): Promise<Page> {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    page.on('console', (m) => process.env['DEBUG_OFFLINE'] && console.log('page:', m.text()));
    await page.evaluateOnNewDocument((key, id) => window.localStorage.setItem(key, JSON.stringify({ personId: id })), DEMO_KEY, personId);
    await page.goto(`http://127.0.0.1:${port}/index.html#/enquiries`);
    return page;
  }

  it('renders plc-app and the learning walk with the web server stopped', { timeout: 240_000 }, async () => {
    const page = await visit('p-clare');
    await waitForText(page, 'Clare Berry', 120_000);
    const registration = await page.evaluate('window.offlineReady.then((r) => Boolean(r && r.active))');
    assert.equal(registration, true, 'the worker is active once the first visit is cached');
    assert.equal(await page.evaluate(`Boolean(customElements.get('plc-learning-walk'))`), false, 'the first visit never loaded the learning walk');

    await stop(web!);
    web = undefined;
    const offline = await fetch(`http://127.0.0.1:${port}/index.html`).then(() => 'reachable', () => 'unreachable');
    assert.equal(offline, 'unreachable', 'the web server is gone');

    await page.reload();
    await waitForText(page, 'Clare Berry', 60_000);
    assert.equal(await page.evaluate('Boolean(navigator.serviceWorker.controller)'), true, 'the worker answered the reload');
    await page.evaluate(`location.hash = '#/walks'`);
    await waitForText(page, 'What are you looking for?', 60_000);
    await page.browserContext().close();
  });
});

describe('a new release never strands unsent work (PGlite)', { skip: DATABASE_URL ? 'the demo runs on the embedded default storage' : false }, () => {
  let dir: string;
  let web: Server;
  let origin: string;
  let testDb: TestDb;
  let api: TestServer;
  let apiPort: number;
  let browser: Browser;

  before(async () => {
    ensureChromium();
    dir = mkdtempSync(join(tmpdir(), 'plc-kit-update-'));
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    apiPort = await freePort();
    testDb = await openTestDb();
    api = await startServer(testDb.db, { corsOrigins: [origin], devTokens: true }, apiPort);
    await release(dir);
    writeFileSync(join(dir, 'app.html'), page(`storage="indexeddb" server="${api.url}"`));
    web = await serve(dir, port);
    browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    if (web) await stop(web);
    await api?.close();
    await testDb?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The question.draft events the server holds for the oracy enquiry. */
  async function serverDrafts(): Promise<Array<{ payload: Record<string, unknown> }>> {
    const service = (await client(api.url).post('/v1/dev/token', { service: true, trustId: 'trust-riverside' })).body.token as string;
    const reply = await client(api.url, service).get('/v1/enquiries/enq-oracy/events');
    assert.equal(reply.status, 200);
    return (reply.body as { events: Array<{ type: string; payload: Record<string, unknown> }> }).events.filter((e) => e.type === 'question.draft');
  }

  /** Whether the registration's waiting worker has taken over, asked of the workers themselves (a page would be a client). */
  async function waitForNewWorker(context: ReturnType<Browser['browserContexts']>[number]): Promise<void> {
    const started = Date.now();
    for (;;) {
      for (const target of context.targets().filter((t) => t.type() === 'service_worker')) {
        const worker = await target.worker().catch(() => null);
        const took = await worker?.evaluate('Boolean(self.registration.active && !self.registration.waiting && !self.registration.installing)').catch(() => false);
        if (took) return;
      }
      if (Date.now() - started > 30_000) throw new Error('release N+1\'s worker never took over once release N\'s page was closed');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('keeps steps saved under release N and sends them once from release N+1', { timeout: 300_000 }, async () => {
    const context = await browser.createBrowserContext();
    const first = await context.newPage();
    first.on('console', (m) => process.env['DEBUG_OFFLINE'] && console.log('N:', m.text()));
    first.on('requestfailed', (r) => process.env['DEBUG_OFFLINE'] && console.log('N: failed', r.url()));
    first.on('response', (r) => process.env['DEBUG_OFFLINE'] && r.status() >= 400 && console.log('N: status', r.status(), r.url()));
    first.on('dialog', (dialog) => void dialog.accept());
    await first.evaluateOnNewDocument((key) => window.localStorage.setItem(key, JSON.stringify({ personId: 'p-eli' })), DEMO_KEY);
    await first.goto(`${origin}/app.html#/enquiry/enq-oracy`);
    await waitForText(first, 'Why this question?', 120_000).catch(async (e) => { console.log(String(await first.evaluate(VISIBLE_TEXT)).slice(500, 3000)); throw e; });
    await waitForText(first, 'Synced', 60_000);
    assert.equal(await first.evaluate('window.offlineReady.then((r) => Boolean(r && r.active))'), true);

    // The plc-kit server goes down; Eli saves. The step waits in this device's outbox.
    await api.close();
    const words = 'Groups answer with single words; we want reasons.';
    await typeIn(first, '#q-rationale', words);
    await pressButton(first, 'Save draft');
    await waitForText(first, 'Draft saved.', 60_000);
    await waitForText(first, 'not sent yet', 60_000);

    // Release N+1 goes on the web server, and the browser finds its worker.
    appendFileSync(join(dir, 'bundle.js'), "\nglobalThis.plcRelease = 'N+1';\n");
    await writeServiceWorker(dir, isBundleFile);
    const waiting = await first.evaluate('navigator.serviceWorker.getRegistration().then((r) => r.update().then(() => new Promise((resolve) => { const w = r.installing || r.waiting; if (!w || w.state === "installed") return resolve(Boolean(r.waiting)); w.addEventListener("statechange", () => w.state === "installed" && resolve(true)); })))');
    assert.equal(waiting, true, 'release N+1\'s worker is installed and waiting');
    assert.equal(await first.evaluate('globalThis.plcRelease ?? "N"'), 'N', 'the open page keeps release N');

    // Eli closes the page; the server comes back; she opens plc-kit again: release N+1.
    await first.close();
    await waitForNewWorker(context);
    api = await startServer(testDb.db, { corsOrigins: [origin], devTokens: true }, apiPort);
    const next = await context.newPage();
    next.on('console', (m) => process.env['DEBUG_OFFLINE'] && console.log('N+1:', m.text()));
    next.on('dialog', (dialog) => void dialog.accept());
    await next.goto(`${origin}/app.html#/enquiry/enq-oracy`);
    await waitForText(next, 'Why this question?', 120_000);
    assert.equal(await next.evaluate('globalThis.plcRelease ?? "N"'), 'N+1', 'the new page runs release N+1');
    assert.equal(await valueOf(next, '#q-rationale', 60_000), words, 'the words saved under release N are there');
    await pressButton(next, 'Try again', 5_000).catch(() => undefined);
    await waitForText(next, 'Synced', 60_000);
    const arrived = (await serverDrafts()).filter((e) => e.payload['rationale'] === words);
    assert.equal(arrived.length, 1, 'sent once');
    await context.close();
  });
});
