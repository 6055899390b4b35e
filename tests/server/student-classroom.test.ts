/**
 * Student voice in a real classroom, in Debian's Chromium against a real plc-kit server: a
 * teacher opens a survey in <plc-survey-builder> (with a server, in a host page), reads out its
 * code and shows its QR code; twelve students, each in a browser profile of their own, answer
 * through the code, the QR code's link and the link, one of them offline and then online; the
 * teacher's view shows results from the fifth answer and free text from the tenth; the teacher
 * closes the survey and a late answer is refused. axe checks the student page in every state;
 * screenshots of the student page at 360 px and of the class view at 1280 px go to
 * $PLC_SCREENSHOTS when it is set. This tests the browser, not the SQL: the same routes and
 * queries (codes, answers stored once, closing, the members' aggregated results) are tested on
 * both databases by student-page.test.ts and surveys.test.ts, so this runs on the PGlite pass only.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page } from 'puppeteer-core';
import { encode } from 'uqr';
import { writeStudentPage } from '../../scripts/student-page.js';
import type { Survey } from '../../src/schema/directory.js';
import { browserForFile, compileInto, ELEMENTS_BUNDLE } from '../support/embed-browser.js';
import { PEOPLE, eventWriter } from '../support/store-fixtures.js';
import { VISIBLE_TEXT, waitForText } from '../support/page-text.js';
import { DATABASE_URL, openTestDb, pushAsAuthors, seedTrust, startServer, tokenFor, type Client, type TestDb, type TestServer } from './helpers.js';

const TRUST = 'trust-classroom';
const ENQUIRY = 'enq-class';
const source = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const SHOTS = process.env['PLC_SCREENSHOTS'];

const SURVEY: Survey = {
  schemaVersion: 1,
  id: 'sv-class',
  enquiryId: ENQUIRY,
  title: 'Feedback in our lessons',
  lang: 'en-GB',
  questions: [
    { id: 'q1', text: 'I know what to do with written feedback.', type: 'agree' },
    { id: 'q2', text: 'What would make feedback more useful?', type: 'text' },
  ],
  status: 'open',
  createdById: PEOPLE.ana.id,
};

/** The teacher's page: the builder in a provider that syncs with the server. */
function teacherPage(serverUrl: string, token: string): string {
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Teacher</title>
<script type="module" src="/bundle.js"></script></head><body>
<plc-provider server="${serverUrl}" person-id="${PEOPLE.ana.id}" database-name="teacher">
  <plc-survey-builder enquiry-id="${ENQUIRY}" survey-id="${SURVEY.id}"></plc-survey-builder>
</plc-provider>
<script type="module">document.querySelector('plc-provider').tokenProvider = async () => ${JSON.stringify(token)};</script>
</body></html>`;
}

const AXE = readFileSync(source('node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core on the page (its shadow roots included): the violations' ids and targets. */
async function axe(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = (await page.evaluate(`axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`)) as string[];
  return violations;
}

/** Clicks the button of the student page (in its shadow root) whose text is `text`. */
async function clickButton(page: Page, text: string): Promise<void> {
  const handle = await page.evaluateHandle(`(() => {
    const find = (root) => { for (const el of root.querySelectorAll('*')) { if (el.tagName === 'BUTTON' && el.textContent.trim() === ${JSON.stringify(text)}) return el; if (el.shadowRoot) { const f = find(el.shadowRoot); if (f) return f; } } return null; };
    return find(document);
  })()`);
  const element = handle.asElement();
  assert.ok(element, `a button "${text}"`);
  await (element as import('puppeteer-core').ElementHandle<Element>).click();
}

const chromium = browserForFile();

describe('student voice in a classroom, in Chromium (PGlite)', { skip: DATABASE_URL ? 'browser test: runs on the PGlite pass' : false }, () => {
  let testDb: TestDb;
  let test: TestServer;
  let browser: Browser;
  let host: Server;
  let hostUrl: string;
  let dir: string;
  let ana: Client;
  let teacher: Page;
  let code = '';
  let link = '';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plc-classroom-'));
    await writeStudentPage(join(dir, 'student'));
    await compileInto(dir, [ELEMENTS_BUNDLE]);
    let page = '';
    host = createHttpServer((request, response) => {
      if (request.url === '/bundle.js') {
        response.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(dir, 'bundle.js')));
      } else response.writeHead(200, { 'content-type': 'text/html' }).end(page);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    testDb = await openTestDb();
    test = await startServer(testDb.db, { corsOrigins: [hostUrl], student: { dir: join(dir, 'student') } });
    await seedTrust(test, TRUST);
    await pushAsAuthors(test, TRUST, ENQUIRY, eventWriter({ prefix: 'cl' }).walk(ENQUIRY, 'evidence'));
    ana = await test.as(PEOPLE.ana.id, TRUST);
    assert.equal((await ana.put(`/v1/records/surveys/${SURVEY.id}`, SURVEY, { 'if-none-match': '*' })).status, 201);
    page = teacherPage(test.url, await tokenFor({ sub: PEOPLE.ana.id, trust: TRUST, roles: ['teacher'] }));
    browser = await chromium.launch();
  });
  after(async () => {
    await chromium.closeContexts();
    await new Promise((resolve) => host?.close(resolve));
    await test?.close();
    await testDb?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shares the survey: code, QR code of the link, the link, and the class view', async () => {
    teacher = await (await browser.createBrowserContext()).newPage();
    await teacher.setViewport({ width: 1280, height: 800 });
    await teacher.goto(hostUrl);
    await waitForText(teacher, 'Share with your class');
    await waitForText(teacher, 'Survey code');
    const shared = (await teacher.evaluate(`(() => {
      const builder = document.querySelector('plc-survey-builder');
      const root = builder.shadowRoot;
      return { code: root.querySelector('.share .code').textContent.trim(), link: root.querySelector('#sv-link').value, qr: root.querySelector('.share svg.qr path').getAttribute('d') };
    })()`)) as { code: string; link: string; qr: string };
    code = shared.code.replace(/\s/g, '');
    link = shared.link;
    assert.match(code, /^[2-9A-HJKMNP-TV-Z]{7}$/);
    assert.equal(link, `${test.url}/s/${code}`);
    // The QR code is the link's: the same modules as encoding the link again.
    const { data } = encode(link, { ecc: 'M', border: 0 });
    let expected = '';
    data.forEach((row, y) => row.forEach((dark, x) => (expected += dark ? `M${x} ${y}h1v1h-1z` : '')));
    assert.equal(shared.qr, expected);
    await clickButton(teacher, 'Show to the class');
    await waitForText(teacher, 'and type the code');
    await waitForText(teacher, '0 responses');
    if (SHOTS) await teacher.screenshot({ path: join(SHOTS, 'class-view-1280.png') });
    await clickButton(teacher, 'Close the class view');
  });

  /** One student in a browser profile of their own, at a phone's width. */
  async function studentPage(): Promise<Page> {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setBypassCSP(true); // only so that axe can be added; the page's own policy is tested in student-page.test.ts
    await page.setViewport({ width: 360, height: 740 });
    return page;
  }

  async function answer(page: Page, n: number): Promise<void> {
    await waitForText(page, SURVEY.questions[0]!.text);
    await page.evaluate(`(() => {
      const root = document.querySelector('plc-student-survey').shadowRoot;
      root.querySelectorAll('input[type=radio]')[${(n % 5)}].click();
    })()`);
    const textarea = (await page.evaluateHandle(`document.querySelector('plc-student-survey').shadowRoot.querySelector('textarea')`)).asElement()!;
    await (textarea as import('puppeteer-core').ElementHandle<Element>).type(`Comment ${String(n).padStart(2, '0')} <script>window.pwned = true</script>`);
    await clickButton(page, 'Send my answers');
  }

  const results = async () => String(await teacher.evaluate(VISIBLE_TEXT));

  it('takes twelve answers through the code, the QR link and the link, one sent after the device comes back online', async () => {
    const states: Record<string, string[]> = {};
    for (let n = 1; n <= 12; n += 1) {
      const page = await studentPage();
      const via = n % 3;
      if (via === 0) {
        await page.goto(`${test.url}/s`);
        await waitForText(page, 'Type the code');
        if (n === 3) states['enter-code'] = await axe(page);
        const input = (await page.evaluateHandle(`document.querySelector('plc-student-survey').shadowRoot.querySelector('#code')`)).asElement()!;
        await (input as import('puppeteer-core').ElementHandle<Element>).type(n === 3 ? 'ZZZ 2222' : `${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`);
        if (n === 3) {
          await clickButton(page, 'Open the survey');
          await page.waitForNavigation();
          await waitForText(page, 'There is no open survey with that code');
          states['unknown-code'] = await axe(page);
          await page.goto(`${test.url}/s`);
          await waitForText(page, 'Type the code');
          const again = (await page.evaluateHandle(`document.querySelector('plc-student-survey').shadowRoot.querySelector('#code')`)).asElement()!;
          await (again as import('puppeteer-core').ElementHandle<Element>).type(code);
        }
        await clickButton(page, 'Open the survey');
        await page.waitForNavigation();
      } else await page.goto(link);
      if (n === 1) states['form'] = await axe(page);
      if (n === 1 && SHOTS) await page.screenshot({ path: join(SHOTS, 'student-page-360.png'), fullPage: true });
      if (n === 7) {
        // The connection drops before sending: the answers wait on the device.
        await page.setOfflineMode(true);
        await answer(page, n);
        await waitForText(page, 'Saved on this device');
        states['queued'] = await axe(page);
        await page.setOfflineMode(false);
        await page.evaluate(`window.dispatchEvent(new Event('online'))`);
      } else await answer(page, n);
      await waitForText(page, 'Your answers have been sent');
      if (n === 1) states['sent'] = await axe(page);
      assert.equal(await page.evaluate('window.pwned === true'), false, 'script typed in a comment never runs');
      if (n === 2) {
        await page.reload();
        await waitForText(page, 'This device has already answered');
        states['already'] = await axe(page);
        await page.close();
      }
      if (n === 4) await waitForText(teacher, 'Fewer than 5', 15_000);
      if (n === 5) {
        await waitForText(teacher, '5 responses', 15_000);
        const text = await results();
        assert.ok(!text.includes('Comment 01'), 'free text stays hidden under 10 answers');
      }
      if (n === 10) await waitForText(teacher, 'Comment 10', 15_000);
    }
    await waitForText(teacher, '12 responses', 15_000);
    const text = await results();
    assert.ok(text.includes('Comment 07 <script>window.pwned = true</script>'), 'the offline answer arrived, and script shows as text');
    assert.equal(await teacher.evaluate('window.pwned === true'), false);
    const { rows } = await testDb.db.query<{ n: string }>('SELECT count(*) AS n FROM survey_responses WHERE survey_id = $1', [SURVEY.id]);
    assert.equal(Number(rows[0]!.n), 12, 'twelve sheets: the offline one counted once');
    for (const [state, violations] of Object.entries(states)) assert.deepEqual(violations, [], `axe on the student page, ${state}`);
    assert.deepEqual(Object.keys(states).sort(), ['already', 'enter-code', 'form', 'queued', 'sent', 'unknown-code']);
  });

  it('closes the survey: an answer already on a student\'s screen is refused and nothing is stored', async () => {
    const late = await studentPage();
    await late.goto(link);
    await waitForText(late, SURVEY.questions[0]!.text);
    await clickButton(teacher, 'Close the survey');
    await waitForText(teacher, 'Reopen the survey');
    await answer(late, 13);
    await waitForText(late, 'closed before your answers arrived');
    assert.deepEqual(await axe(late), [], 'axe on the student page, closed');
    const { rows } = await testDb.db.query<{ n: string }>('SELECT count(*) AS n FROM survey_responses WHERE survey_id = $1', [SURVEY.id]);
    assert.equal(Number(rows[0]!.n), 12);
    const fresh = await studentPage();
    await fresh.goto(link);
    await waitForText(fresh, 'This survey has closed');
    assert.deepEqual(await axe(fresh), [], 'axe on the student page opened after closing');
  });

  it('shows a survey in its own language', async () => {
    const spanish = { ...SURVEY, id: 'sv-es', lang: 'es', title: 'La retroalimentación', questions: [{ id: 'q1', text: 'Sé qué hacer con los comentarios.', type: 'agree' as const }] };
    assert.equal((await ana.put('/v1/records/surveys/sv-es', spanish, { 'if-none-match': '*' })).status, 201);
    const { code: esCode } = (await ana.post('/v1/surveys/sv-es/tokens', {})).body as { code: string };
    const page = await studentPage();
    await page.goto(`${test.url}/s/${esCode}`);
    await waitForText(page, 'Enviar mis respuestas');
    await waitForText(page, 'Totalmente de acuerdo');
    assert.equal(await page.evaluate('document.documentElement.lang'), 'es');
    assert.deepEqual(await axe(page), [], 'axe on the Spanish page');
  });
});
