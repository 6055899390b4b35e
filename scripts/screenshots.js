// `node scripts/screenshots.js`: the README screenshots of the demo, taken in Debian's Chromium
// with puppeteer-core (a dependency of @web/test-runner-chrome; it never downloads a browser).
//   docs/screenshots/demo-desktop.png  1280x800, the feedback enquiry's page
//   docs/screenshots/demo-tablet.png   768x1024, the same page on a tablet (menu folded)
// It starts the dev server (scripts/start.js) itself, or uses one already running when DEMO_URL
// is set, e.g. DEMO_URL=http://localhost:8123/examples/index.html node scripts/screenshots.js.
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
/* global document, Node, HTMLSlotElement -- the function below runs in the page. */
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

async function shoot(browser, url, { width, height, file, hash = '', wait, dark = false, fullPage = false }) {
  const page = await browser.newPage();
  await page.setViewport({ width, height, deviceScaleFactor: 1 });
  await page.emulateMediaFeatures([
    { name: 'prefers-color-scheme', value: dark ? 'dark' : 'light' },
    { name: 'prefers-reduced-motion', value: 'reduce' },
  ]);
  await page.goto(`${url}${hash}`, { waitUntil: 'networkidle0' });
  await waitForText(page, wait);
  // Let late renders (the embedded panels, the history) settle before the picture.
  await new Promise((resolve) => setTimeout(resolve, 800));
  await page.screenshot({ path: file, fullPage });
  await page.close();
  console.log(`screenshot: ${file}`);
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
  const enquiry = '#/enquiry/enq-feedback';
  // The first visit seeds the demo school into this profile's IndexedDB.
  await shoot(browser, server.url, { width: 1280, height: 800, file: `${OUT}demo-desktop.png`, hash: enquiry, wait: 'Start gathering evidence' });
  await shoot(browser, server.url, { width: 768, height: 1024, file: `${OUT}demo-tablet.png`, hash: enquiry, wait: 'Start gathering evidence' });
  if (EXTRA) {
    mkdirSync(EXTRA, { recursive: true });
    const views = [
      { width: 1280, height: 800, file: 'list-desktop.png', hash: '#/', wait: 'Engaging with written feedback' },
      { width: 1280, height: 1600, file: 'enquiry-desktop-full.png', hash: enquiry, wait: 'Start gathering evidence', fullPage: true },
      { width: 768, height: 1024, file: 'list-tablet.png', hash: '#/', wait: 'Engaging with written feedback' },
      { width: 320, height: 640, file: 'enquiry-phone.png', hash: enquiry, wait: 'Start gathering evidence', fullPage: true },
      { width: 320, height: 640, file: 'list-phone.png', hash: '#/', wait: 'Engaging with written feedback', fullPage: true },
      { width: 1280, height: 800, file: 'enquiry-dark.png', hash: enquiry, wait: 'Start gathering evidence', dark: true },
    ];
    for (const view of views) await shoot(browser, server.url, { ...view, file: `${EXTRA}/${view.file}` });
  }
} finally {
  await browser.close();
  server.stop();
}
