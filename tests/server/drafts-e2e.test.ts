/**
 * Never losing a word, end to end: the demo on a real plc-kit server, in Debian's Chromium, with
 * two browser profiles (Eli's laptop and Fern's tablet) editing the oracy enquiry's driving
 * question. Eli saves offline; Fern saves online from the same start; when Eli's laptop
 * reconnects, both versions are on the server and Eli is offered the conflict, and keeps hers.
 * Then the server is killed while Eli saves, restarted, and the page reloaded (the demo signs in
 * through its server): her words are still there and reach the server once. The demo runs on the embedded default storage, so
 * this runs on the PGlite pass only. DEBUG_DEMO=1 prints the pages' consoles.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { type Browser, type Page } from 'puppeteer-core';
import { browserForFile } from '../support/embed-browser.js';
import { pressButton, typeIn, valueOf, waitForText } from '../support/page-text.js';
import { client, DATABASE_URL, freePort, openTestDb, startServer, type TestDb, type TestServer } from './helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DEMO_KEY = 'plc-kit-demo';

const chromium = browserForFile();

describe('drafts and conflicts on a plc-kit server (PGlite)', { skip: DATABASE_URL ? 'the demo runs on the embedded default storage' : false }, () => {
  let testDb: TestDb;
  let server: TestServer;
  let serverPort: number;
  let origin: string;
  let dev: { stop(): Promise<unknown> };
  let browser: Browser;
  let address: string;

  before(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    serverPort = await freePort();
    testDb = await openTestDb();
    server = await startServer(testDb.db, { corsOrigins: [origin], devTokens: true }, serverPort);
    dev = await startDevServer({
      readCliArgs: false,
      readFileConfig: false,
      logStartMessage: false,
      config: {
        rootDir: ROOT,
        hostname: '127.0.0.1',
        port,
        watch: false,
        nodeResolve: true,
        plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) })],
      },
    });
    address = `${origin}/examples/index.html?server=${server.url}#/enquiry/enq-oracy`;
    browser = await chromium.launch();
  });

  after(async () => {
    await chromium.closeContexts();
    await dev?.stop();
    await server?.close();
    await testDb?.cleanup();
  });

  /** A browser profile of its own, signed in to the demo as `personId`, on the oracy enquiry. */
  async function device(personId: string): Promise<Page> {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    // The dev server compiles each module on its first request: on a busy machine (the server
    // tests run several files at once) the first load takes longer than puppeteer's 30 s.
    page.setDefaultNavigationTimeout(120_000);
    page.on('console', (m) => process.env['DEBUG_DEMO'] && console.log(`${personId}:`, m.text()));
    // Leaving with unsaved changes asks first; these pages leave only when the test reloads them.
    page.on('dialog', (dialog) => void dialog.accept());
    await page.setViewport({ width: 1280, height: 900 });
    await page.evaluateOnNewDocument((key, id) => window.localStorage.setItem(key, JSON.stringify({ personId: id })), DEMO_KEY, personId);
    await page.goto(address);
    await waitForText(page, 'Why this question?', 120_000);
    await waitForText(page, 'Synced', 60_000);
    return page;
  }

  /** The question.draft events the server holds for the oracy enquiry, oldest first. */
  async function serverDrafts(): Promise<Array<{ authorId: string; payload: Record<string, unknown> }>> {
    const service = (await client(server.url).post('/v1/dev/token', { service: true, trustId: 'trust-riverside' })).body.token as string;
    const reply = await client(server.url, service).get('/v1/enquiries/enq-oracy/events');
    assert.equal(reply.status, 200);
    const events = (reply.body as { events: Array<{ type: string; authorId: string; payload: Record<string, unknown> }> }).events;
    return events.filter((e) => e.type === 'question.draft');
  }

  it('offers Eli the conflict when Fern saved from the same start while Eli was offline, with both versions on the server', { timeout: 300_000 }, async () => {
    const eli = await device('p-eli');
    const fern = await device('p-fern');

    // Eli, offline in a corridor, rewrites the reason and saves.
    await eli.setOfflineMode(true);
    await typeIn(eli, '#q-rationale', 'Answers in group work are single words.');
    await pressButton(eli, 'Save draft');
    await waitForText(eli, 'Saved on this device, not sent yet');

    // Fern, online, rewrites it from the same start and saves: it reaches the server.
    await typeIn(fern, '#q-rationale', 'The confident speak for the group.');
    await pressButton(fern, 'Save draft');
    await waitForText(fern, 'Synced');

    // Eli reconnects: both versions reach the server, and hers is offered beside Fern's.
    await eli.setOfflineMode(false);
    await pressButton(eli, 'Try again').catch(() => undefined);
    await waitForText(eli, 'Someone else saved this while you were editing it.', 60_000).catch(async (error) => {
      const state = await eli.evaluate(`(async () => {
        const deep = (selector, root = document) => {
          const found = root.querySelector(selector);
          if (found) return found;
          for (const element of root.querySelectorAll('*')) {
            const inner = element.shadowRoot && deep(selector, element.shadowRoot);
            if (inner) return inner;
          }
          return null;
        };
        const editor = deep('plc-question-editor');
        const log = await editor.session.store.readLog('enq-oracy');
        return JSON.stringify({ sent: editor.sent, conflict: editor.conflict, drafts: log.filter((e) => e.type === 'question.draft').map((e) => [e.authorId, e.hlc, e.payload.rationale]) });
      })()`);
      console.log('STATE', state);
      throw error;
    });
    await waitForText(eli, 'Answers in group work are single words.');
    await waitForText(eli, 'The confident speak for the group.');
    const texts = (await serverDrafts()).map((e) => e.payload['rationale']);
    assert.ok(texts.includes('Answers in group work are single words.'), 'Eli’s version is on the server');
    assert.ok(texts.includes('The confident speak for the group.'), 'Fern’s version is on the server');

    await pressButton(eli, 'Keep mine (save over theirs)');
    await waitForText(eli, 'Draft saved.');
    await waitForText(eli, 'Synced');
    assert.equal((await serverDrafts()).at(-1)!.payload['rationale'], 'Answers in group work are single words.');
    await fern.browserContext().close();

    // The server dies while Eli saves; she reloads; it comes back; her words arrive once.
    await server.close();
    await typeIn(eli, '#q-students', 'Year 7 and Year 8 mixed groups');
    await pressButton(eli, 'Save draft');
    await waitForText(eli, 'Draft saved.', 60_000).catch(async (error) => {
      const text = await eli.evaluate(`(() => {
        const deep = (selector, root = document) => {
          const found = root.querySelector(selector);
          if (found) return found;
          for (const element of root.querySelectorAll('*')) {
            const inner = element.shadowRoot && deep(selector, element.shadowRoot);
            if (inner) return inner;
          }
          return null;
        };
        const editor = deep('plc-question-editor');
        return JSON.stringify({ text: editor.shadowRoot.textContent.replace(/\\s+/g, ' ').slice(-1500), busy: editor.steps.busy, conflict: editor.conflict });
      })()`);
      console.log('STATE', text);
      throw error;
    });
    // The demo signs in through its server, so the page is reloaded once the server is back.
    server = await startServer(testDb.db, { corsOrigins: [origin], devTokens: true }, serverPort);
    await eli.reload();
    await waitForText(eli, 'Why this question?', 60_000);
    assert.equal(await valueOf(eli, '#q-students'), 'Year 7 and Year 8 mixed groups', 'the words are still there after the reload');
    await pressButton(eli, 'Try again', 5_000).catch(() => undefined);
    await waitForText(eli, 'Synced', 60_000);
    const arrived = (await serverDrafts()).filter((e) => e.payload['targetStudents'] === 'Year 7 and Year 8 mixed groups');
    assert.equal(arrived.length, 1, 'sent once');
    await eli.browserContext().close();
  });
});
