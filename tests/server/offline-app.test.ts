/**
 * The app opens offline (issue 16), in Debian's Chromium: a page with the drop-in bundle (compiled
 * from the current sources, with the service worker the build writes beside it) is visited once
 * online; then its web server is stopped and the page reloaded. plc-app renders, and so does the
 * learning walk, whose file the first visit never loaded (the worker precached it). DEBUG_OFFLINE=1
 * prints the page's console.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
import { waitForText } from '../support/page-text.js';
import { freePort } from './helpers.js';

const source = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const DEMO_KEY = 'plc-kit-demo';

/** An integrator's page: the drop-in bundle, plc-app, and offline turned on. */
const PAGE = `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Oakfield PLC</title>
<script type="module">
  import { registerServiceWorker } from './bundle.js';
  window.offlineReady = registerServiceWorker('./sw.js');
</script></head>
<body><plc-app demo storage="indexeddb">Loading plc-kit…</plc-app></body></html>`;

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
    logLevel: 'error',
    tsconfig: source('tsconfig.json'),
  });
  writeFileSync(join(dir, 'index.html'), PAGE);
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

describe('the app opens offline after a first visit', () => {
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
