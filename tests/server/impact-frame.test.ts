/**
 * The impact report in Chromium against a real plc-kit server (issue 17): the appraisal records
 * were imported through the server (as a CSV import on the CPD leader's office computer would),
 * never reach a browser, and yet a CPD leader opening the report in a second, fresh browser
 * profile reads the members-against-all-staff comparison, from the server's totals. A school's
 * CPD leader, in a third profile, reads their school, with its small groups suppressed.
 * The view is the embed page at /embed?view=impact on a host site that signs the person in.
 * Runs on the PGlite pass (the server's part is the same SQL as tests/server/analysis.test.ts).
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser } from 'puppeteer-core';
import { writeEmbedPage } from '../../scripts/embed-page.js';
import { browserForFile, compileEmbedInto, embedFrame, stopFrameTest } from '../support/embed-browser.js';
import { LEADERS_TRUST as TRUST, leadersDirectory } from '../support/leaders-fixture.js';
import { VISIBLE_TEXT, waitForText } from '../support/page-text.js';
import { DATABASE_URL, openTestDb, startServer, tokenFor, type TestDb, type TestServer } from './helpers.js';



/** A host site whose page frames the impact report for `?person=` with that person's roles. */
function startHost(serverUrl: () => string): Promise<{ server: Server; port: number }> {
  const server = createHttpServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://host');
      const person = url.searchParams.get('person') ?? 'p-trust';
      const token = await tokenFor({ sub: person, trust: TRUST, roles: ['teacher', 'cpd-leader'] });
      const embed = `${serverUrl()}/embed?view=impact&cycle=cy-1&lang=en-GB`;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>CPD portal</title></head>
<body style="margin:0"><iframe data-plc-embed title="Impact" style="width:1000px;border:0" height="900" src="${embed}"></iframe>
<script type="module">
  import { setTokenProvider } from '${serverUrl()}/embed/resizer.js';
  setTokenProvider(() => ${JSON.stringify(token)});
</script></body></html>`);
    })();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })));
}

const chromium = browserForFile();

describe('the impact report in a fresh browser profile reads the server totals (PGlite)', { skip: DATABASE_URL ? 'browser test: runs on the PGlite pass' : false }, () => {
  let testDb: TestDb;
  let server: TestServer;
  let host: { server: Server; port: number };
  let browser: Browser;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plc-kit-impact-frame-'));
    writeEmbedPage(dir);
    await compileEmbedInto(dir);
    testDb = await openTestDb();
    host = await startHost(() => server.url);
    server = await startServer(testDb.db, { embed: { dir, ancestors: [`http://localhost:${host.port}`] } });
    const service = await server.service(TRUST);
    for (const [collection, record] of leadersDirectory()) {
      const reply = await service.put(`/v1/records/${collection}/${record['id']}`, record, { 'if-none-match': '*' });
      assert.equal(reply.status, 201);
    }
    browser = await chromium.launch();
  });

  after(() => stopFrameTest(chromium, { host, server, testDb, dir }));

  async function open(person: string) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width: 1100, height: 1000 });
    await page.goto(`http://localhost:${host.port}/?person=${person}`);
    return { context, frame: await embedFrame(page, server.url) };
  }

  it("a trust's CPD leader on a second profile sees members against all staff, from the server", { timeout: 120_000 }, async () => {
    const { context, frame } = await open('p-trust');
    try {
      await waitForText(frame, "Computed by the server over everyone's records");
      await waitForText(frame, "Staff in last year's Feedback PLC were 1.1 times as likely to show strength in Feedback (8 of 11) as staff as a whole (18 of 28).");
      const text = String(await frame.evaluate(VISIBLE_TEXT));
      assert.ok(!text.includes('no appraisal records'), 'the comparison is there although this profile never held a record');
      // Nothing of the records themselves reached this browser: its store holds none.
      const stored = await frame.evaluate(`(async () => {
        const provider = document.querySelector('plc-provider');
        return (await provider.session.store.list('appraisals').catch((e) => [])).length;
      })()`);
      assert.equal(stored, 0);
    } finally {
      await context.close();
    }
  });

  it("a school's CPD leader on a third profile sees their school, its small groups as too few to read", { timeout: 120_000 }, async () => {
    const { context, frame } = await open('p-south');
    try {
      await waitForText(frame, 'Feedback: too few staff to compare.');
      const text = String(await frame.evaluate(VISIBLE_TEXT));
      assert.ok(text.includes('South'));
      assert.ok(!text.includes('The whole trust'), 'no trust figures for a school leader');
      assert.ok(!text.includes('(8 of 11)') && !text.includes('(2 of 3)'));
    } finally {
      await context.close();
    }
  });
});
