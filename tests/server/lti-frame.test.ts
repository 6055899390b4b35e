/**
 * An LTI launch end to end in Debian's Chromium: the platform simulator's course page frames
 * plc-kit (another site, so the VLE frame is third-party and the state cookie is not sent back);
 * the login stores its state in the platform's storage frame (lti-cs-oidc), the platform posts
 * the id_token, the launch page checks the storage, gets a plc-kit session and shows the
 * person's enquiries from the server, under the launch page's strict policy.
 * The server's part is the same SQL as the other server tests, so this runs on the PGlite pass only.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser, type Frame, type Page } from 'puppeteer-core';
import { writeEmbedPage } from '../../scripts/embed-page.js';
import type { SigninOptions } from '../../src/server/index.js';
import { browserForFile, compileEmbedInto } from '../support/embed-browser.js';
import { startPlatform, ROLE, type TestPlatform } from '../support/lti-platform.js';
import { eventWriter } from '../support/store-fixtures.js';
import { waitForText } from '../support/page-text.js';
import { DATABASE_URL, freePort, openTestDb, pushAsAuthors, seedTrust, startServer, type TestDb, type TestServer } from './helpers.js';

const TRUST = 'trust-frame';

/** The frame whose address starts with `prefix`, once there. */
async function frameAt(page: Page, prefix: string): Promise<Frame> {
  const started = Date.now();
  for (;;) {
    const frame = page.frames().find((f) => f.url().startsWith(prefix));
    if (frame) return frame;
    if (Date.now() - started > 30_000) throw new Error(`no frame at ${prefix}: ${page.frames().map((f) => f.url()).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const chromium = browserForFile();

describe('an LTI launch from a VLE into plc-kit, in Chromium (PGlite)', { skip: DATABASE_URL ? 'browser test: runs on the PGlite pass' : false }, () => {
  let testDb: TestDb;
  let server: TestServer;
  let platform: TestPlatform;
  let browser: Browser;
  let dir: string;
  let tool: string;
  const signin: SigninOptions = { jwksCooldownMs: 0 };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plc-kit-lti-frame-'));
    writeEmbedPage(dir);
    await compileEmbedInto(dir);
    testDb = await openTestDb();
    // VLEs reach the tool by name; the platform is another site (127.0.0.1), so the tool's frame is
    // third-party. The server reads its public address when it starts, so the port is chosen first.
    const port = await freePort();
    tool = `http://localhost:${port}`;
    signin.publicUrl = tool;
    server = await startServer(testDb.db, { embed: { dir }, signin }, port);
    platform = await startPlatform();
    platform.toolJwksUrl = `${tool}/lti/jwks`;
    await seedTrust(server, TRUST);
    await server.server.db!.query(`UPDATE records SET data = jsonb_set(data, '{email}', '"ana@north.example"') WHERE trust_id = $1 AND collection = 'people' AND id = 'p-ana'`, [TRUST]);
    await pushAsAuthors(server, TRUST, 'enq-lti', eventWriter({ prefix: 'lt' }).walk('enq-lti', 'observation'));
    const admin = await server.as('p-admin', TRUST, ['admin']);
    const created = await admin.put('/v1/lti/platforms/vle', { name: 'Simulated VLE', issuer: platform.issuer, clientId: platform.clientId, authUrl: `${platform.url}/auth`, tokenUrl: `${platform.url}/token`, jwksUrl: `${platform.url}/jwks`, deploymentIds: [platform.deploymentId] });
    assert.equal(created.status, 201);
    browser = await chromium.launch();
  });

  after(async () => {
    await chromium.closeContexts();
    await platform?.close();
    await server?.close();
    await testDb?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the person’s enquiries after a launch bound through the platform’s storage', { timeout: 120_000 }, async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`error: ${String(error)}`));
    page.on('console', (message) => {
      if (/Content.Security.Policy|Refused to|Uncaught/i.test(message.text())) problems.push(`console: ${message.text()}`);
    });
    try {
      await page.setViewport({ width: 1100, height: 800 });
      const hint = platform.prepare({ sub: 'u-ana', name: 'Ana Adeyemi', email: 'ana@north.example', roles: [ROLE.instructor] });
      const login = `${tool}/lti/login?${new URLSearchParams({ ...platform.loginParams(hint), target_link_uri: `${tool}/lti/launch`, lti_storage_target: 'post_message_forwarding' })}`;
      await page.goto(`${platform.url}/course?login=${encodeURIComponent(login)}`);
      // The launch page puts the view in its address once the session is there.
      const frame = await frameAt(page, `${tool}/lti/launch?view=`);
      await waitForText(frame, 'Engaging with written feedback').catch((error: Error) => {
        throw new Error(`${error.message} (console: ${problems.join(' | ')})`);
      });
      assert.equal(await frame.$eval('plc-provider', (provider) => provider.getAttribute('person-id')), 'p-ana');
      assert.equal(await frame.$eval('plc-provider', (provider) => provider.getAttribute('server')), tool);
      assert.match(frame.url(), /view=my-enquiries/);
      assert.ok(server.logs.some((l) => l.msg === 'lti launch' && l['binding'] === 'platform-storage' && l['personId'] === 'p-ana'));
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
