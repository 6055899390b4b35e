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
 *
 * And a plc-kit server killed during a save: a real server process, SIGKILLed once the step is
 * committed but before it answers; restarted, the page reloaded: the words are there and the
 * server holds them once.
 */
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';
import { type Browser, type BrowserContext, type Page } from 'puppeteer-core';
// @ts-expect-error: a JavaScript build script without declarations
import { isBundleFile, writeServiceWorker } from '../../scripts/service-worker.js';
import { browserForFile, compileInto } from '../support/embed-browser.js';
import { pressButton, typeIn, valueOf, waitForText } from '../support/page-text.js';
import { CHILD_SERVER, client, DATABASE_URL, freePort, openTestDb, startChild, startServer, type Child, type TestDb, type TestServer } from './helpers.js';

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

/** The drop-in bundle split as the build splits it. */
const RELEASE: BuildOptions = {
  entryPoints: { bundle: source('components/bundle.ts') },
  outdir: '.',
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
};

/**
 * The release as `npm run build` lays it out: bundle.js and its lazily loaded files beside it
 * (compiled once for the file's three suites; see tests/support/embed-browser.ts), sw.js.
 */
async function release(dir: string): Promise<void> {
  await compileInto(dir, [RELEASE]);
  writeFileSync(join(dir, 'index.html'), page('storage="indexeddb"'));
  await writeServiceWorker(dir, isBundleFile);
}

/**
 * A static web server for `dir`, at /plc/ (the worker's scope), that the test can stop, as a
 * network gone. /probe.html, outside that scope, is an empty page that no worker controls.
 */
function serve(dir: string, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/probe.html') return void response.writeHead(200, { 'content-type': TYPES['.html']! }).end('<!doctype html><title>probe</title>');
    const name = path.replace(/^\/plc\//, '') || 'index.html';
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

/** One Chromium for the three suites, each in profiles of its own. */
const chromium = browserForFile();

describe('the app opens offline after a first visit', { skip: DATABASE_URL ? 'no database: the PGlite pass runs it' : false }, () => {
  let dir: string;
  let port: number;
  let web: Server | undefined;
  let browser: Browser;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plc-kit-offline-'));
    await release(dir);
    port = await freePort();
    web = await serve(dir, port);
    browser = await chromium.launch();
  });

  after(async () => {
    await chromium.closeContexts();
    if (web) await stop(web);
    rmSync(dir, { recursive: true, force: true });
  });

  async function visit(personId: string): Promise<Page> {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    page.on('console', (m) => process.env['DEBUG_OFFLINE'] && console.log('page:', m.text()));
    await page.evaluateOnNewDocument((key, id) => window.localStorage.setItem(key, JSON.stringify({ personId: id })), DEMO_KEY, personId);
    await page.goto(`http://127.0.0.1:${port}/plc/index.html#/enquiries`);
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
    const offline = await fetch(`http://127.0.0.1:${port}/plc/index.html`).then(() => 'reachable', () => 'unreachable');
    assert.equal(offline, 'unreachable', 'the web server is gone');

    await page.reload();
    await waitForText(page, 'Clare Berry', 60_000);
    assert.equal(await page.evaluate('Boolean(navigator.serviceWorker.controller)'), true, 'the worker answered the reload');
    await page.evaluate(`location.hash = '#/walks'`);
    await waitForText(page, 'What are you looking for?', 60_000);
    await page.browserContext().close();
  });
});

/** Eli's page on the oracy enquiry of `url` (the page with a server), once the question editor shows. */
async function oracyPage(context: BrowserContext, url: string, label: string, width = 1280): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => process.env['DEBUG_OFFLINE'] && console.log(`${label}:`, m.text()));
  // Leaving with unsaved changes asks first; these pages leave only when the test says so.
  page.on('dialog', (dialog) => void dialog.accept());
  await page.setViewport({ width, height: 740 });
  await page.evaluateOnNewDocument((key) => window.localStorage.setItem(key, JSON.stringify({ personId: 'p-eli' })), DEMO_KEY);
  await page.goto(`${url}#/enquiry/enq-oracy`);
  await waitForText(page, 'Why this question?', 120_000);
  return page;
}

/** Types `words` into `field` and saves while the server is away: saved, and said to be not sent. */
async function saveUnsent(page: Page, field: string, words: string): Promise<void> {
  await typeIn(page, field, words);
  await pressButton(page, 'Save draft');
  await waitForText(page, 'Draft saved.', 60_000);
  await waitForText(page, 'not sent yet', 60_000);
}

/** The question.draft events the server at `url` holds for the oracy enquiry. */
async function serverDrafts(url: string): Promise<Array<{ payload: Record<string, unknown> }>> {
  const service = (await client(url).post('/v1/dev/token', { service: true, trustId: 'trust-riverside' })).body.token as string;
  const reply = await client(url, service).get('/v1/enquiries/enq-oracy/events');
  assert.equal(reply.status, 200);
  return (reply.body as { events: Array<{ type: string; payload: Record<string, unknown> }> }).events.filter((e) => e.type === 'question.draft');
}

/** Where plc-app's header shows the sync status (the one displayed on a phone), at the top of the page. */
const UNSENT_IN_HEADER = `(() => {
  scrollTo(0, 0);
  const app = document.querySelector('plc-app');
  const status = [...app.shadowRoot.querySelectorAll('plc-sync-status')].find((el) => getComputedStyle(el).display !== 'none');
  const line = status.shadowRoot.querySelector('.status');
  const box = line.getBoundingClientRect();
  return JSON.stringify({ text: line.textContent.trim(), left: box.left, right: box.right, top: box.top, bottom: box.bottom, width: innerWidth });
})()`;

describe('a new release never strands unsent work (PGlite)', { skip: DATABASE_URL ? 'the demo runs on the embedded default storage' : false }, () => {
  let dir: string;
  let web: Server;
  let origin: string;
  let testDb: TestDb;
  let api: TestServer;
  let apiPort: number;
  let browser: Browser;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plc-kit-update-'));
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    apiPort = await freePort();
    testDb = await openTestDb();
    api = await startServer(testDb.db, { corsOrigins: [origin], devTokens: true }, apiPort);
    await release(dir);
    writeFileSync(join(dir, 'app.html'), page(`storage="indexeddb" server="${api.url}"`));
    web = await serve(dir, port);
    browser = await chromium.launch();
  });

  after(async () => {
    await chromium.closeContexts();
    if (web) await stop(web);
    await api?.close();
    await testDb?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });


  /** Waits until the waiting worker has taken over, asked from a page outside its scope (a page inside would be a client it waits for). */
  async function waitForNewWorker(context: BrowserContext): Promise<void> {
    const probe = await context.newPage();
    await probe.goto(`${origin}/probe.html`);
    const took = await probe.evaluate(`(async () => {
      for (const started = Date.now(); Date.now() - started < 60000; await new Promise((r) => setTimeout(r, 100))) {
        const r = await navigator.serviceWorker.getRegistration('/plc/');
        if (r && r.active && !r.waiting && !r.installing) return true;
      }
      return false;
    })()`);
    await probe.close();
    assert.equal(took, true, 'release N+1\'s worker took over once release N\'s page was closed');
  }

  it('keeps steps saved under release N and sends them once from release N+1', { timeout: 300_000 }, async () => {
    const context = await browser.createBrowserContext();
    // A phone-sized screen: the count of work not sent must stay in sight there.
    const first = await oracyPage(context, `${origin}/plc/app.html`, 'N', 375);
    await waitForText(first, 'Synced', 60_000);
    assert.equal(await first.evaluate('window.offlineReady.then((r) => Boolean(r && r.active))'), true);

    // The plc-kit server goes down; Eli saves. The step waits in this device's outbox.
    await api.close();
    const words = 'Groups answer with single words; we want reasons.';
    await saveUnsent(first, '#q-rationale', words);
    const shown = JSON.parse(String(await first.evaluate(UNSENT_IN_HEADER))) as { text: string; left: number; right: number; top: number; bottom: number; width: number };
    assert.match(shown.text, /1 not sent yet/, 'the header says how much is not sent, not "Synced"');
    assert.ok(shown.left >= 0 && shown.right <= shown.width && shown.bottom > shown.top && shown.top >= 0, `the count is on the 375px screen: ${JSON.stringify(shown)}`);

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
    const next = await oracyPage(context, `${origin}/plc/app.html`, 'N+1');
    assert.equal(await next.evaluate('globalThis.plcRelease ?? "N"'), 'N+1', 'the new page runs release N+1');
    assert.equal(await valueOf(next, '#q-rationale', 60_000), words, 'the words saved under release N are there');
    await pressButton(next, 'Try again', 5_000).catch(() => undefined);
    await waitForText(next, 'Synced', 60_000);
    const arrived = (await serverDrafts(api.url)).filter((e) => e.payload['rationale'] === words);
    assert.equal(arrived.length, 1, 'sent once');
    await context.close();
  });
});

describe('a plc-kit server killed during a save (PGlite)', { skip: DATABASE_URL ? 'the demo runs on the embedded default storage' : false }, () => {
  let dir: string;
  let web: Server;
  let origin: string;
  let testDb: TestDb;
  let dbOptions: string;
  let apiPort: number;
  let browser: Browser;
  const children: Child[] = [];

  /** The plc-kit server as its own process, on the one port the page knows. */
  async function serverProcess(env: Record<string, string> = {}): Promise<Child> {
    const child = await startChild(CHILD_SERVER, [], { PLC_TEST_DB: dbOptions, PLC_TEST_PORT: String(apiPort), PLC_TEST_CORS: origin, PLC_TEST_DEV_TOKENS: '1', ...env });
    children.push(child);
    return child;
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plc-kit-killed-'));
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    apiPort = await freePort();
    testDb = await openTestDb();
    await testDb.db.close(); // the children open it (an embedded database has one process at a time)
    dbOptions = JSON.stringify(testDb.reopen);
    await release(dir);
    writeFileSync(join(dir, 'app.html'), page(`storage="indexeddb" server="http://127.0.0.1:${apiPort}"`));
    web = await serve(dir, port);
    browser = await chromium.launch();
  });

  after(async () => {
    await chromium.closeContexts();
    if (web) await stop(web);
    for (const child of children) {
      if (child.process.exitCode !== null || child.process.signalCode !== null) continue;
      child.process.kill('SIGTERM');
      await child.exited;
    }
    if (testDb) {
      const { openDb } = await import('../../src/server/index.js');
      testDb.db = await openDb(testDb.reopen);
      await testDb.cleanup();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the words through the kill and the reload, and the server holds them once', { timeout: 300_000 }, async () => {
    const doomed = await serverProcess({ PLC_TEST_PAUSE: 'after-commit', PLC_TEST_ARM: 'signal' });
    const context = await browser.createBrowserContext();
    const eli = await oracyPage(context, `${origin}/plc/app.html`, 'eli');
    await waitForText(eli, 'Synced', 60_000);

    // The next push is stored, then the process dies before it can answer.
    doomed.process.kill('SIGUSR2');
    await doomed.line('armed');
    const words = 'Year 7 and Year 8 mixed groups';
    const saving = saveUnsent(eli, '#q-students', words);
    await doomed.line('paused');
    doomed.process.kill('SIGKILL');
    assert.equal(await doomed.exited, null, 'killed');
    await saving;

    // The server comes back; Eli reloads.
    const revived = await serverProcess();
    await eli.reload();
    await waitForText(eli, 'Why this question?', 120_000);
    assert.equal(await valueOf(eli, '#q-students', 60_000), words, 'the words are still there after the reload');
    await pressButton(eli, 'Try again', 5_000).catch(() => undefined);
    await waitForText(eli, 'Synced', 60_000);
    const arrived = (await serverDrafts(revived.url)).filter((e) => e.payload['targetStudents'] === words);
    assert.equal(arrived.length, 1, 'the server holds them once, though the first push was stored before the kill');
    await context.close();
  });
});
