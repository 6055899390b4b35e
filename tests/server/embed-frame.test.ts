/**
 * The embed page as a school uses it, in Debian's Chromium: a real plc-kit server serves /embed
 * (a folder made by the build's page step, with the bundle and resizer compiled from the current
 * sources) and holds the data; a host page on another origin frames it and signs it in through
 * resizer.js's setTokenProvider. The view shows the server's enquiry for the person the token
 * names, the iframe's height follows its content, nothing breaks the strict policy, a site not
 * in PLC_EMBED_ANCESTORS cannot frame it, and opened on its own it says it needs its host.
 * The server's part is the same SQL as the other server tests, so this runs on the PGlite pass only.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser, type Frame, type Page } from 'puppeteer-core';
import { EMBED_PAGE_FILES, writeEmbedPage } from '../../scripts/embed-page.js';
// @ts-expect-error: a JavaScript build script without declarations
import { writeServiceWorker } from '../../scripts/service-worker.js';
import { browserForFile, compileEmbedInto, compileInto, ELEMENTS_BUNDLE, embedFrame, RESIZER, stopFrameTest } from '../support/embed-browser.js';
import { eventWriter } from '../support/store-fixtures.js';
import { DATABASE_URL, freePort, openTestDb, pushAsAuthors, seedTrust, startServer, tokenFor, type TestDb, type TestServer } from './helpers.js';
import { VISIBLE_TEXT, waitForText } from '../support/page-text.js';

const TRUST = 'trust-embed';


/** A host site: one page framing `embedUrl`, loading resizer.js from the plc-kit server. */
function hostPage(serverUrl: string, embedUrl: string, token: string | undefined): string {
  const provider = token === undefined ? '() => { throw new Error("the portal is down"); }' : `(origin) => { window.asked.push(origin); return ${JSON.stringify(token)}; }`;
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Host site</title></head>
<body style="margin:0">
  <h1>Our school</h1>
  <iframe data-plc-embed title="Our enquiry" style="width:800px;border:0;display:block" height="150" src="${embedUrl}"></iframe>
  <script type="module">
    import { setTokenProvider } from '${serverUrl}/embed/resizer.js';
    window.asked = [];
    setTokenProvider(${provider});
  </script>
</body></html>`;
}

/** Serves host pages: `/?embed=<url>&person=<id>` (and `&fail` for a provider that throws). */
function startHost(serverUrl: () => string): Promise<{ server: Server; port: number }> {
  const server = createHttpServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://host');
      const embed = url.searchParams.get('embed') ?? '';
      const person = url.searchParams.get('person') ?? 'p-ana';
      const token = url.searchParams.has('fail') ? undefined : await tokenFor({ sub: person, trust: TRUST, roles: ['teacher'] });
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostPage(serverUrl(), embed, token));
    })();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })));
}


const heights = (page: Page, frame: Frame) =>
  Promise.all([
    page.$eval('iframe[data-plc-embed]', (iframe) => Math.round(iframe.getBoundingClientRect().height)),
    frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height)),
  ]);

/** Waits until the iframe's height (on the host) meets `condition`. */
async function waitForHeight(page: Page, frame: Frame, condition: (outer: number, inner: number) => boolean, what: string): Promise<[number, number]> {
  const started = Date.now();
  for (;;) {
    const [outer, inner] = await heights(page, frame);
    if (condition(outer, inner)) return [outer, inner];
    if (Date.now() - started > 15_000) throw new Error(`Timed out waiting for ${what}: the iframe is ${outer}px, its content ${inner}px`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const chromium = browserForFile();

describe('the embed page served by the plc-kit server, framed by another site (PGlite)', { skip: DATABASE_URL ? 'browser test: runs on the PGlite pass' : false }, () => {
  let testDb: TestDb;
  let server: TestServer;
  let host: { server: Server; port: number };
  let browser: Browser;
  let dir: string;
  /** The host site, allowed to frame the embed page; the same host under another name is not. */
  let allowed: string;
  let other: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plc-kit-embed-frame-'));
    writeEmbedPage(dir);
    await compileEmbedInto(dir);
    testDb = await openTestDb();
    // The host server first, so its origin can go into the ancestors list.
    host = await startHost(() => server.url);
    allowed = `http://localhost:${host.port}`;
    other = `http://127.0.0.1:${host.port}`;
    server = await startServer(testDb.db, { embed: { dir, ancestors: [allowed] } });
    await seedTrust(server, TRUST);
    await pushAsAuthors(server, TRUST, 'enq-embed', eventWriter({ prefix: 'em' }).walk('enq-embed', 'observation'));
    browser = await chromium.launch();
  });

  after(() => stopFrameTest(chromium, { host, server, testDb, dir }));

  /** Opens the host page at `origin` framing `view`, collecting policy violations and errors. */
  async function openHost(origin: string, view: string, extra = '') {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`error: ${String(error)}`));
    page.on('console', (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text())) problems.push(`console: ${message.text()}`);
    });
    await page.setViewport({ width: 1000, height: 800 });
    await page.goto(`${origin}/?embed=${encodeURIComponent(`${server.url}/embed?${view}`)}${extra}`);
    return { context, page, problems };
  }

  it('shows the server’s enquiry to the person the host signs in, as tall as its content, under the strict policy', { timeout: 120_000 }, async () => {
    const { context, page, problems } = await openHost(allowed, 'view=enquiry&id=enq-embed', '&person=p-ana');
    try {
      const frame = await embedFrame(page, server.url);
      await waitForText(frame, 'Engaging with written feedback');
      await waitForText(frame, 'Synced');
      // The token named the person: the address did not.
      assert.equal(await frame.$eval('plc-provider', (provider) => provider.getAttribute('person-id')), 'p-ana');
      assert.equal(await frame.$eval('plc-provider', (provider) => provider.getAttribute('server')), server.url);
      const asked = await page.evaluate(() => (window as unknown as { asked: string[] }).asked);
      assert.ok(asked.length >= 1, 'the host was asked for a token');
      assert.deepEqual([...new Set(asked)], [server.url], 'and told which server asked');

      const [outer] = await waitForHeight(page, frame, (o, i) => o === i && o > 150, 'the iframe to take its content height');
      await frame.evaluate(() => {
        const filler = document.createElement('div');
        filler.id = 'filler';
        filler.style.height = '600px';
        document.getElementById('plc-embed')!.append(filler);
      });
      await waitForHeight(page, frame, (o) => o === outer + 600, 'the iframe to grow by 600px');
      await frame.evaluate(() => document.getElementById('filler')!.remove());
      await waitForHeight(page, frame, (o, i) => o === outer && i === outer, 'the iframe to shrink back');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('says so when the host cannot give a token, and keeps the view', { timeout: 60_000 }, async () => {
    const { context, page } = await openHost(allowed, 'view=board', '&fail');
    try {
      const frame = await embedFrame(page, server.url);
      await waitForText(frame, 'you are not signed in to the server');
    } finally {
      await context.close();
    }
  });

  it('cannot be framed by a site that is not in the list', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await openHost(other, 'view=enquiry&id=enq-embed');
    try {
      await page.waitForFunction(() => document.querySelector('iframe')?.dataset['plcEmbed'] !== undefined);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const loaded = page.frames().filter((f) => f !== page.mainFrame());
      for (const frame of loaded) {
        const shown = await frame.evaluate(() => Boolean(document.querySelector('plc-provider, #plc-embed'))).catch(() => false);
        assert.equal(shown, false, `the frame at ${frame.url()} shows nothing of plc-kit`);
      }
      assert.ok(problems.some((p) => /frame-ancestors/.test(p)), `Chromium reports the frame-ancestors refusal (${problems.join(' | ')})`);
    } finally {
      await context.close();
    }
  });

  it('opened on its own, says it opens only inside a site the server allows', { timeout: 60_000 }, async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/embed?view=board`);
      await waitForText(page.mainFrame(), 'This view is signed in by the site that shows it');
    } finally {
      await context.close();
    }
  });
});

/** Types `text` into the field `selector` of the frame (through shadow roots), key by key, replacing what it held. */
async function typeInFrame(page: Page, frame: Frame, selector: string, text: string): Promise<void> {
  const input = await frame.waitForSelector(`pierce/${selector}`);
  assert.ok(input, selector);
  await input.click({ count: 3 });
  await page.keyboard.press('Backspace');
  await input.type(text);
}

/**
 * The value of the frame's field `selector`, once it is there. Two minutes: the frame's view
 * waits for the host to sign it in, and in `npm test` this file shares two cores with other
 * server files; when it never comes, the error quotes what the frame shows instead.
 */
async function frameValue(frame: Frame, selector: string): Promise<string> {
  const input = await frame.waitForSelector(`pierce/${selector}`, { timeout: 120_000 }).catch(async (error: unknown) => {
    const shown = String(await frame.evaluate(VISIBLE_TEXT).catch((e: unknown) => `(unreadable: ${String(e)})`));
    throw new Error(`${selector} did not appear (${String(error)}); the frame shows: ${shown.slice(0, 600)}`);
  });
  assert.ok(input, selector);
  return input.evaluate((el) => (el as HTMLInputElement).value);
}

describe('the embed page opened again while the plc-kit server is unreachable (PGlite)', { skip: DATABASE_URL ? 'browser test: runs on the PGlite pass' : false }, () => {
  let testDb: TestDb;
  let server: TestServer | undefined;
  let host: { server: Server; port: number };
  let browser: Browser;
  let dir: string;
  let port: number;
  let allowed: string;
  const serverUrl = () => `http://127.0.0.1:${port}`;
  const start = () => startServer(testDb.db, { embed: { dir, ancestors: [allowed] } }, port);

  before(async () => {
    // The folder as `npm run build` makes it, with the page's own service worker.
    dir = mkdtempSync(join(tmpdir(), 'plc-kit-embed-offline-'));
    writeEmbedPage(dir);
    await compileInto(dir, [ELEMENTS_BUNDLE, RESIZER]);
    await writeServiceWorker(dir, (name: string) => EMBED_PAGE_FILES.includes(name));
    testDb = await openTestDb();
    port = await freePort();
    host = await startHost(serverUrl);
    allowed = `http://localhost:${host.port}`;
    server = await start();
    await seedTrust(server, TRUST);
    await pushAsAuthors(server, TRUST, 'enq-offline', eventWriter({ prefix: 'of' }).walk('enq-offline', 'question.drafting'));
    browser = await chromium.launch();
  });

  after(() => stopFrameTest(chromium, { host, server, testDb, dir }));

  it('keeps the teacher’s unsent words through a reload of the frame and of the host page, says they are not sent, then sends them once when the server is back', { timeout: 480_000 }, async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    page.on('console', (m) => process.env['DEBUG_OFFLINE'] && console.log('page:', m.text()));
    await page.setViewport({ width: 1000, height: 800 });
    try {
      await page.goto(`${allowed}/?embed=${encodeURIComponent(`${serverUrl()}/embed?view=enquiry&id=enq-offline`)}&person=p-ana`);
      let frame = await embedFrame(page, serverUrl());
      await waitForText(frame, 'Why this question?', 120_000);
      await waitForText(frame, 'Synced', 60_000);
      // The first visit is cached once the worker controls the page and holds its address.
      const cached = await frame.evaluate(async () => {
        for (const started = Date.now(); Date.now() - started < 60_000; await new Promise((r) => setTimeout(r, 100))) {
          if (navigator.serviceWorker.controller && (await caches.match(location.href))) return true;
        }
        return false;
      });
      assert.equal(cached, true, 'the embed page’s worker controls it and keeps its copy');

      // The server goes away; Ana writes and saves: kept on this device, said to be not sent.
      await server!.close();
      server = undefined;
      assert.equal(await fetch(`${serverUrl()}/embed`).then(() => 'reachable', () => 'unreachable'), 'unreachable');
      const words = 'Pupils skip written feedback; we want them to act on it.';
      await typeInFrame(page, frame, '#q-rationale', words);
      const save = await frame.waitForSelector('::-p-aria([name="Save draft"][role="button"])');
      await save!.click();
      await waitForText(frame, 'not sent yet', 60_000);

      // The frame is opened again with the server still away: the worker answers, the words are there.
      await frame.evaluate(() => {
        Object.assign(window, { beforeReload: true });
        setTimeout(() => location.reload(), 0);
      });
      frame = await embedFrame(page, serverUrl());
      for (let fresh = false; !fresh; await new Promise((r) => setTimeout(r, 100))) {
        fresh = await frame.evaluate(() => document.readyState !== 'loading' && !('beforeReload' in window)).catch(() => false);
      }
      await waitForText(frame, 'Why this question?', 60_000);
      assert.equal(await frame.evaluate(() => Boolean(navigator.serviceWorker.controller)), true, 'the worker answered the reload');
      assert.equal(await frameValue(frame, '#q-rationale'), words, 'her words are kept and shown');
      await waitForText(frame, '1 not sent yet', 60_000);

      // The teacher reloads the whole host page, the server still away: the host's resizer.js
      // comes from the browser's cache, signs the page in, and her words are shown again.
      await page.reload();
      frame = await embedFrame(page, serverUrl());
      await waitForText(frame, '1 not sent yet', 60_000);
      assert.equal(await frameValue(frame, '#q-rationale'), words, 'her words are there after the host page is reloaded');

      // The server comes back: the words are sent, once.
      server = await start();
      const retry = await frame.waitForSelector('::-p-aria([name="Try again"][role="button"])', { timeout: 5_000 }).catch(() => null);
      await retry?.click();
      await waitForText(frame, 'Synced', 60_000);
      const service = await server.service(TRUST);
      const drafts = ((await service.get('/v1/enquiries/enq-offline/events')).body.events as Array<{ type: string; payload: Record<string, unknown> }>).filter(
        (e) => e.type === 'question.draft' && e.payload['rationale'] === words,
      );
      assert.equal(drafts.length, 1, 'the server holds her words once');
    } finally {
      await context.close();
    }
  });
});
