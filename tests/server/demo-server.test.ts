/**
 * The demo page against a real plc-kit server (what `npm run start:server` runs), in Debian's
 * Chromium: the first visit puts the demo school on the server with a development service token,
 * each person signs in with a development token carrying their directory roles, work done on one
 * device reaches another through the server, and a second visit seeds nothing again.
 * The demo runs on the default embedded storage, so this runs on the PGlite pass only.
 * DEBUG_DEMO=1 prints the page's console, failed responses and the server's log lines.
 */
import assert from 'node:assert/strict';
import { createServer as createNetServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { type Browser, type Page } from 'puppeteer-core';
import { createDemoServer } from '../../examples/demo/server.js';
import { browserForFile } from '../support/embed-browser.js';
import { eventually } from '../support/assert.js';
import { waitForText } from '../support/page-text.js';
import { client, DATABASE_URL, openTestDb, startServer, type TestDb, type TestServer } from './helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
  });
}

/**
 * How long a step waits for what it expects: each view's modules are compiled by the dev server
 * the first time a page asks for them, and in `npm test` this file shares two cores with other
 * server files, the PostgreSQL pass and the consumer test's build.
 */
const PATIENT_MS = 90_000;

/** Resolves when some element's accessible name is `name` (through shadow roots). */
async function byName(page: Page, role: string, name: string, timeout = PATIENT_MS) {
  const found = await page.waitForSelector(`::-p-aria([name="${name}"][role="${role}"])`, { timeout });
  assert.ok(found, `a ${role} named "${name}"`);
  return found;
}

/**
 * Clicks the control named `name` once the page has stopped replacing it: choosing another person
 * re-renders plc-app, and a handle found a moment before may be detached by the time it is clicked.
 */
async function clickWhenSettled(page: Page, role: string, name: string) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await (await byName(page, role, name)).click();
    } catch (error) {
      // Detached, or not yet laid out ("not clickable") while plc-app re-renders its header.
      if (attempt === 5 || !/detached|not clickable/i.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

const chromium = browserForFile();

describe('the demo page on a plc-kit server (PGlite)', { skip: DATABASE_URL ? 'the demo runs on the embedded default storage' : false }, () => {
  let testDb: TestDb;
  let server: TestServer;
  let dev: { stop(): Promise<unknown> };
  let browser: Browser;
  let address: string;

  before(async () => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    testDb = await openTestDb();
    server = await startServer(testDb.db, { corsOrigins: [origin], devTokens: true });
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
    address = `${origin}/examples/index.html?server=${server.url}`;
    browser = await chromium.launch();
  });

  after(async () => {
    if (process.env['DEBUG_DEMO']) for (const line of server.logs) console.log('server:', JSON.stringify(line));
    await chromium.closeContexts();
    await dev?.stop();
    await server?.close();
    await testDb?.cleanup();
  });

  it('seeds the server once, signs people in with their roles, and carries work between devices', { timeout: 480_000 }, async () => {
    // Device 1: the first visit puts the demo school on the server.
    const laptop = await browser.createBrowserContext();
    const page = await laptop.newPage();
    // The dev server compiles each module on its first request: on a busy machine (the server
    // tests run several files at once) the first load takes longer than puppeteer's 30 s.
    page.setDefaultNavigationTimeout(120_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (m) => process.env['DEBUG_DEMO'] && console.log('page:', m.text()));
    page.on('response', (r) => process.env['DEBUG_DEMO'] && r.status() >= 400 && console.log('page:', r.status(), r.url()));
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(address);
    // The first visit compiles every module in the dev server and seeds the server: be patient.
    await waitForText(page, 'Engaging with written feedback', PATIENT_MS);
    await waitForText(page, 'Synced', PATIENT_MS);
    await waitForText(page, 'Oakfield Academy', PATIENT_MS);
    await waitForText(page, 'synced with the plc-kit server', PATIENT_MS);

    const service = (await client(server.url).post('/v1/dev/token', { service: true, trustId: 'trust-riverside' })).body.token as string;
    const people = await client(server.url, service).get('/v1/records/people');
    assert.equal(people.status, 200);
    assert.equal(people.body.records.length, 42, 'every demo person is on the server');

    // Beth starts an individual project on the laptop, through the form, with real clicks and keys.
    await clickWhenSettled(page, 'button', 'Start a new enquiry');
    await clickWhenSettled(page, 'radio', 'Individual project');
    const support = await page.waitForSelector('pierce/select#support');
    assert.ok(support);
    await support.select('com-feedback');
    await (await byName(page, 'textbox', 'Title')).type('Questions in the margin');
    await clickWhenSettled(page, 'button', 'Start the enquiry');
    await waitForText(page, 'Choose this theme', PATIENT_MS);

    // The server has the new enquiry, once. (Asked of the server, not read from the page: the
    // status may still say "Synced" for a moment after the view changed, before the store counts
    // the new events as waiting.)
    const created = async () => {
      const enquiries = await client(server.url, service).get('/v1/enquiries');
      return (enquiries.body.enquiries as Array<{ title?: string; enquiryId: string }>).filter((s) => s.title === 'Questions in the margin');
    };
    await eventually(async () => (await created()).length > 0, 'the new enquiry to reach the server', PATIENT_MS);
    await waitForText(page, 'Synced', PATIENT_MS);
    assert.equal((await created()).length, 1, 'the enquiry reached the server once');

    // Device 2 (another browser profile): Beth sees it there too.
    const tablet = await browser.createBrowserContext();
    const second = await tablet.newPage();
    second.setDefaultNavigationTimeout(120_000);
    second.on('pageerror', (error) => errors.push(String(error)));
    await second.setViewport({ width: 768, height: 1024 });
    await second.goto(address);
    await waitForText(second, 'Questions in the margin', PATIENT_MS);

    // Clare, the CPD leader, signs in there: her token carries her directory roles, so Admin opens.
    const picker = await second.waitForSelector('pierce/select#person');
    assert.ok(picker);
    await picker.select('p-clare');
    await byName(second, 'link', 'Admin');
    await waitForText(second, 'Synced', PATIENT_MS);

    // Recognition: last year's two published projects earned their owners a badge as the school
    // was imported; the celebrate view shows them, and so does Aisha's own badges page.
    const { rows } = await testDb.db.query<{ n: number }>("SELECT count(*)::int AS n FROM badge_credentials WHERE trust_id = 'trust-riverside'");
    assert.equal(Number(rows[0]!.n), 2, 'issued with the import, before anyone reads them');
    await clickWhenSettled(second, 'link', 'Celebrate');
    await waitForText(second, 'Celebrating our enquiries', PATIENT_MS);
    await waitForText(second, 'Planning before doing', PATIENT_MS);
    await waitForText(second, 'Aisha Bello', PATIENT_MS);
    const picked = await second.waitForSelector('pierce/select#person');
    assert.ok(picked);
    await picked.select('p-s01');
    await clickWhenSettled(second, 'link', 'My badges');
    await waitForText(second, 'Published a professional enquiry', PATIENT_MS);
    await waitForText(second, 'Planning before doing', PATIENT_MS);

    // The school went up once, as one backup; a second visit finds it there and sends nothing.
    const backups = () => server.logs.filter((line) => line['path'] === '/v1/backup' && line['method'] === 'POST').length;
    assert.equal(backups(), 1, 'the school was put on the server in one import');
    await page.reload();
    await waitForText(page, 'Questions in the margin', PATIENT_MS);
    await waitForText(page, 'Synced', PATIENT_MS);
    assert.equal(backups(), 1, 'nothing seeded again');
    assert.deepEqual(errors, []);
    await laptop.close();
    await tablet.close();
  });

  it('says how to start a server that gives development tokens, and tries again next time', async () => {
    const closedPort = await freePort();
    await assert.rejects(createDemoServer(`http://127.0.0.1:${closedPort}`).ready(), /cannot be reached .*npm run start:server/);
    const noTokens = await startServer(testDb.db);
    try {
      const demo = createDemoServer(noTokens.url);
      await assert.rejects(demo.tokenFor('p-beth'), /gives no development tokens: start it with PLC_DEV_TOKENS=1/);
      await assert.rejects(demo.ready(), /PLC_DEV_TOKENS=1/, 'a failure is not remembered: the next call asks again');
    } finally {
      await noTokens.close();
    }
    // Against the demo's server, the school is already there: ready() sends no backup.
    const backupsBefore = server.logs.filter((line) => line['path'] === '/v1/backup').length;
    const demo = createDemoServer(server.url);
    await demo.ready();
    assert.equal(server.logs.filter((line) => line['path'] === '/v1/backup').length, backupsBefore);
    const claims = JSON.parse(Buffer.from((await demo.tokenFor('p-clare')).split('.')[1]!, 'base64url').toString()) as { plc_roles?: string[] };
    assert.deepEqual(claims.plc_roles, ['cpd-leader', 'teacher']);
  });
});
