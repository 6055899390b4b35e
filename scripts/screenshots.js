// `node scripts/screenshots.js`: the README screenshots of the demo, taken in Debian's Chromium
// with puppeteer-core (a dependency of @web/test-runner-chrome; it never downloads a browser).
//   docs/screenshots/demo-desktop.png  1280x800, the feedback enquiry's page
//   docs/screenshots/demo-tablet.png   768x1024, the same page on a tablet
//   docs/screenshots/impact-desktop.png 1280x800, Clare (CPD leader) on the impact report
//   docs/screenshots/walk-tablet.png   768x1024, Amir (PLC lead) part-way through a learning walk
// It starts the dev server (scripts/start.js) itself, or uses one already running when DEMO_URL
// is set, e.g. DEMO_URL=http://localhost:8123/examples/index.html node scripts/screenshots.js.
// With --drafts it takes only the pictures of issue 16, at 1280, 768 and 360 px wide: Eli's
// words typed into the driving question, the page reloaded and the restore prompt offering them
// (docs/screenshots/drafts-restore-<width>.png); then, restored, a colleague's version arriving
// and Save showing both in the conflict view (docs/screenshots/drafts-conflict-<width>.png).
// Extra views for checking layout by eye (phone width, the list, dark mode) go to a folder
// given with --extra <dir>. Each run uses a fresh browser profile, so the demo school is seeded anew.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS, ensureChromium } from './browser.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const extraAt = process.argv.indexOf('--extra');
const EXTRA = extraAt > 0 ? process.argv[extraAt + 1] : undefined;

/** Starts `npm start`'s server and resolves with the demo's address it prints. */
function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/start.js'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const timer = setTimeout(() => reject(new Error('the dev server did not start within 30 s')), 30_000);
    child.stdout.on('data', (chunk) => {
      const match = /http:\/\/\S+\/examples\/index\.html/.exec(String(chunk));
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[0], stop: () => child.kill() });
      }
    });
    child.once('exit', (code) => reject(new Error(`the dev server exited (${code})`)));
  });
}

/** Waits until the page (through every shadow root) shows `text`. */
/* global window, document, Node, HTMLSlotElement -- these functions run in the page. */
async function waitForText(page, text, timeout = 30_000) {
  await page.waitForFunction(
    (wanted) => {
      const parts = [];
      const walk = (node) => {
        if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent);
        if (node.shadowRoot) walk(node.shadowRoot);
        if (node instanceof HTMLSlotElement) for (const assigned of node.assignedNodes({ flatten: true })) walk(assigned);
        else for (const child of node.childNodes) walk(child);
      };
      walk(document.body);
      return parts.join(' ').replace(/\s+/g, ' ').includes(wanted);
    },
    { timeout, polling: 100 },
    text,
  );
}

/** The demo's remembered choices (see plc-app): who is signed in. */
const DEMO_KEY = 'plc-kit-demo';

async function shoot(browser, url, { width, height, file, hash = '', wait, dark = false, fullPage = false, person = 'p-beth', prepare }) {
  const page = await browser.newPage();
  await page.setViewport({ width, height, deviceScaleFactor: 1 });
  await page.emulateMediaFeatures([
    { name: 'prefers-color-scheme', value: dark ? 'dark' : 'light' },
    { name: 'prefers-reduced-motion', value: 'reduce' },
  ]);
  // Runs in the page before its scripts: the demo signs in as `person`.
  await page.evaluateOnNewDocument((key, personId) => window.localStorage.setItem(key, JSON.stringify({ personId })), DEMO_KEY, person);
  await page.goto(`${url}${hash}`, { waitUntil: 'networkidle0' });
  await waitForText(page, wait);
  if (prepare) await prepare(page);
  // Let late renders (the embedded panels, the history) settle before the picture.
  await new Promise((resolve) => setTimeout(resolve, 800));
  await page.screenshot({ path: file, fullPage });
  await page.close();
  console.log(`screenshot: ${file}`);
}

/** Runs `action` in the page with `deep(selector)`, a querySelector that looks through shadow roots. */
function inPage(page, action, ...args) {
  return page.evaluate(
    (source, ...rest) => {
      const deep = (selector, root = document) => {
        const found = root.querySelector(selector);
        if (found) return found;
        for (const element of root.querySelectorAll('*')) {
          const inner = element.shadowRoot && deep(selector, element.shadowRoot);
          if (inner) return inner;
        }
        return null;
      };
      return new Function('deep', 'args', source)(deep, rest);
    },
    `return (async () => { ${action} })();`,
    ...args,
  );
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A walk part-way: a focus, then eight lessons with year groups and subjects, as a lead would tap them. */
async function walkUnderWay(page) {
  await inPage(page, `const input = deep('#walk-focus'); input.value = args[0]; input.dispatchEvent(new Event('input', { bubbles: true })); deep('form[part="setup"] button[type="submit"]').click();`, 'Elements of strategic learning');
  await waitForText(page, 'Shows the focus');
  const lessons = [
    ['Year 7', 'Maths', true],
    ['Year 7', 'English', true],
    ['Year 8', 'Science', false],
    ['Year 9', 'Geography', true],
    ['Year 8', 'Maths', true],
    ['Year 10', 'History', false],
    ['Year 9', 'Science', true],
    ['Year 7', 'Art', true],
  ];
  for (const [year, subject, shows] of lessons) {
    await inPage(
      page,
      `for (const [id, value] of [['#walk-year', args[0]], ['#walk-subject', args[1]]]) { const input = deep(id); input.value = value; input.dispatchEvent(new Event('input', { bubbles: true })); }`,
      year,
      subject,
    );
    // As after real typing: the form renders what was typed before the tap.
    await pause(100);
    await inPage(page, `deep(args[0] ? '[part="shows"]' : '[part="not-seen"]').click();`, shows);
    await pause(150);
  }
  // The walk keeps focus on its title after each tap; the picture is of the page, not the focus ring.
  await inPage(page, `let active = document.activeElement; while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement; active?.blur();`);
  // The app from its header down (the demo page's own introduction scrolled away), so the tally targets show.
  await page.evaluate(() => document.querySelector('plc-app').scrollIntoView());
}

/**
 * The restore prompt and the conflict view, at one width, in a browser profile of its own (so
 * the demo school is seeded afresh and no earlier draft is there).
 */
async function draftShots(browser, url, width, height) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width, height, deviceScaleFactor: 1 });
  await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
  await page.evaluateOnNewDocument((key) => window.localStorage.setItem(key, JSON.stringify({ personId: 'p-eli' })), DEMO_KEY);
  await page.goto(`${url}#/enquiry/enq-oracy`, { waitUntil: 'networkidle0' });
  await waitForText(page, 'Why this question?');
  await inPage(page, `const input = deep('#q-rationale'); input.value = args[0]; input.dispatchEvent(new Event('input', { bubbles: true }));`, 'In group work most answers are single words; we want reasons, built on each other.');
  // Past the typing pause, so the draft is on the device; then the page is reloaded.
  await pause(1200);
  // Unsaved changes: the browser asks "Leave site?" first (beforeunload); leave.
  let asked = false;
  page.on('dialog', (dialog) => {
    asked = dialog.type() === 'beforeunload';
    void dialog.accept();
  });
  await page.reload({ waitUntil: 'networkidle0' });
  if (!asked) throw new Error('leaving with unsaved changes did not ask first');
  await waitForText(page, 'Unsaved changes from');
  await inPage(page, `deep('[part="draft-prompt"]').scrollIntoView({ block: 'center' });`);
  await pause(500);
  await page.screenshot({ path: `${OUT}drafts-restore-${width}.png` });
  console.log(`screenshot: ${OUT}drafts-restore-${width}.png`);
  await inPage(page, `deep('[part="draft-prompt"] button.primary').click();`);
  await pause(300);
  // Fern saves another version on her laptop; it reaches this device while Eli's is unsaved.
  await inPage(
    page,
    `const session = deep('plc-provider').session;
     const question = (await session.store.readLog('enq-oracy')).filter((e) => e.type === 'question.draft').at(-1).payload;
     const event = session.newEvent('enq-oracy', 'question.draft', { ...question, rationale: args[0], targetStudents: 'Year 7 maths and geography' });
     await session.store.append('enq-oracy', [{ ...event, authorId: 'p-fern' }]);`,
    'Students in mixed groups let the most confident speak for them.',
  );
  await pause(500);
  await inPage(page, `[...deep('plc-question-editor').shadowRoot.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Save draft').click();`);
  await waitForText(page, 'Someone else saved this while you were editing it.');
  await inPage(page, `window.scrollBy(0, deep('[part="conflict"]').getBoundingClientRect().top - 16);`);
  await pause(500);
  await page.screenshot({ path: `${OUT}drafts-conflict-${width}.png` });
  console.log(`screenshot: ${OUT}drafts-conflict-${width}.png`);
  await context.close();
}

/** The phone menu, unfolded. */
async function openMenu(page) {
  await inPage(page, `deep('[part="menu-button"]').click();`);
}

ensureChromium();
const server = process.env.DEMO_URL ? { url: process.env.DEMO_URL, stop: () => {} } : await startServer();
const { default: puppeteer } = await import('puppeteer-core');
const browser = await puppeteer.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [...CHROMIUM_ARGS, '--headless=new', '--hide-scrollbars', '--font-render-hinting=none'],
});
try {
  mkdirSync(OUT, { recursive: true });
  if (process.argv.includes('--drafts')) {
    for (const [width, height] of [
      [1280, 800],
      [768, 1024],
      [360, 740],
    ]) {
      await draftShots(browser, server.url, width, height);
    }
  } else {
    await demoShots();
  }
} finally {
  await browser.close();
  server.stop();
}

/** The README's pictures of the demo, and the extra views with --extra. */
async function demoShots() {
  const enquiry = '#/enquiry/enq-feedback';
  // The first visit seeds the demo school into this profile's IndexedDB.
  await shoot(browser, server.url, { width: 1280, height: 800, file: `${OUT}demo-desktop.png`, hash: enquiry, wait: 'Start gathering evidence' });
  await shoot(browser, server.url, { width: 768, height: 1024, file: `${OUT}demo-tablet.png`, hash: enquiry, wait: 'Start gathering evidence' });
  await shoot(browser, server.url, { width: 1280, height: 800, file: `${OUT}impact-desktop.png`, hash: '#/impact', wait: 'Impact of PLC membership', person: 'p-clare' });
  await shoot(browser, server.url, { width: 768, height: 1024, file: `${OUT}walk-tablet.png`, hash: '#/walks', wait: 'Start the walk', person: 'p-amir', prepare: walkUnderWay });
  if (EXTRA) {
    mkdirSync(EXTRA, { recursive: true });
    const views = [
      { width: 1280, height: 800, file: 'list-desktop.png', hash: '#/', wait: 'Engaging with written feedback' },
      { width: 1280, height: 1600, file: 'enquiry-desktop-full.png', hash: enquiry, wait: 'Start gathering evidence', fullPage: true },
      { width: 768, height: 1024, file: 'list-tablet.png', hash: '#/', wait: 'Engaging with written feedback' },
      { width: 320, height: 640, file: 'enquiry-phone.png', hash: enquiry, wait: 'Start gathering evidence', fullPage: true },
      { width: 320, height: 640, file: 'list-phone.png', hash: '#/', wait: 'Engaging with written feedback', fullPage: true },
      { width: 1280, height: 800, file: 'enquiry-dark.png', hash: enquiry, wait: 'Start gathering evidence', dark: true },
      { width: 1280, height: 800, file: 'communities-desktop.png', hash: '#/communities', wait: 'Engaging with written feedback', person: 'p-clare' },
      { width: 1280, height: 800, file: 'meetings-choose-desktop.png', hash: '#/meetings', wait: 'Choose a community', person: 'p-amir' },
      { width: 1280, height: 800, file: 'meeting-desktop.png', hash: '#/meetings/com-feedback', wait: 'Meetings of', person: 'p-beth' },
      { width: 1280, height: 800, file: 'booklet-desktop.png', hash: '#/booklet', wait: 'Booklet', person: 'p-clare' },
      { width: 1280, height: 800, file: 'sharing-desktop.png', hash: '#/sharing', wait: 'Sharing sessions', person: 'p-clare' },
      { width: 768, height: 1024, file: 'sharing-tablet.png', hash: '#/sharing', wait: 'Sharing sessions', person: 'p-clare' },
      { width: 320, height: 640, file: 'sharing-phone.png', hash: '#/sharing', wait: 'Sharing sessions', person: 'p-clare', fullPage: true },
      { width: 1280, height: 800, file: 'coaching-desktop.png', hash: '#/coaching', wait: 'Peer coaching', person: 'p-beth' },
      { width: 320, height: 640, file: 'coaching-phone.png', hash: '#/coaching', wait: 'Peer coaching', person: 'p-beth', fullPage: true },
      { width: 1280, height: 800, file: 'coaching-leader-desktop.png', hash: '#/coaching', wait: 'Pair two colleagues', person: 'p-clare' },
      { width: 1280, height: 800, file: 'admin-desktop.png', hash: '#/admin', wait: 'Programme administration', person: 'p-kit' },
      { width: 1280, height: 800, file: 'refused-desktop.png', hash: '#/impact', wait: 'is not open to you', person: 'p-beth' },
      { width: 768, height: 1024, file: 'impact-tablet.png', hash: '#/impact', wait: 'Impact of PLC membership', person: 'p-clare' },
      { width: 320, height: 640, file: 'impact-phone.png', hash: '#/impact', wait: 'Impact of PLC membership', person: 'p-clare', fullPage: true },
      { width: 320, height: 640, file: 'menu-phone.png', hash: '#/', wait: 'My enquiries', person: 'p-clare', prepare: openMenu },
      { width: 1280, height: 800, file: 'impact-dark.png', hash: '#/impact', wait: 'Impact of PLC membership', person: 'p-clare', dark: true },
    ];
    for (const view of views) await shoot(browser, server.url, { ...view, file: `${EXTRA}/${view.file}` });
  }
}
