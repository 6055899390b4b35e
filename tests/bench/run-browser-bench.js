// Runs the browser benchmarks (tests/bench/*.browser.bench.ts) in Debian's Chromium: serves the
// repository with @web/dev-server (TypeScript through esbuild, bare imports resolved), opens one
// page per benchmark with puppeteer-core and passes on every `bench ...` line the page logs.
// Standalone: `node tests/bench/run-browser-bench.js [file ...]` (all browser benchmarks when
// none is given). Exits non-zero when a benchmark throws or does not finish.
import { readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/browser.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const DIR = join(ROOT, 'tests/bench');
const TIMEOUT_MS = 10 * 60_000;

const requested = process.argv.slice(2);
const files = (requested.length ? requested.map((file) => resolve(file)) : readdirSync(DIR).filter((name) => name.endsWith('.browser.bench.ts')).sort().map((name) => join(DIR, name)))
  .map((file) => relative(ROOT, file).split('\\').join('/'));
if (files.length === 0) {
  console.log('bench: no *.browser.bench.ts files in tests/bench/');
  process.exit(0);
}

const freePort = () =>
  new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });

const executablePath = ensureChromium();
const port = await freePort();
const server = await startDevServer({
  config: {
    rootDir: ROOT,
    port,
    hostname: '127.0.0.1',
    // lit's production build, as a school's page would load it (the development build's checks
    // slow the element and the lit-html baseline alike, and hide what ships).
    nodeResolve: { exportConditions: ['production'] },
    plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: join(ROOT, 'tsconfig.json') })],
    middleware: [
      async (context, next) => {
        if (context.path !== '/__bench') return next();
        const file = context.query.file;
        context.type = 'html';
        context.body = `<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="/${file}"></script>`;
      },
    ],
  },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});

const browser = await puppeteer.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS, '--headless=new'] });
const failures = [];
try {
  for (const file of files) {
    console.log(`\n== ${file}`);
    const page = await browser.newPage();
    let broken;
    const failed = new Promise((_, fail) => (broken = fail));
    failed.catch(() => {});
    page.on('console', (message) => {
      const text = message.text();
      if (text.startsWith('bench ')) console.log(text);
      else if (message.type() === 'error' && !text.includes('favicon')) {
        console.error(`  [page] ${text}`);
        if (/Failed to load module/.test(text)) broken(new Error(text));
      }
    });
    page.on('pageerror', (error) => broken(error));
    page.on('error', (error) => broken(error));
    await page.goto(`http://127.0.0.1:${port}/__bench?file=${encodeURIComponent(file)}`);
    try {
      await Promise.race([failed, page.waitForFunction('window.__benchDone === true', { timeout: TIMEOUT_MS, polling: 200 })]);
      const error = await page.evaluate('window.__benchError');
      if (error) {
        console.error(`bench failed: ${file}: ${error}`);
        failures.push(file);
      }
    } catch (error) {
      console.error(`bench failed: ${file}: ${error instanceof Error ? error.message : String(error)}`);
      failures.push(file);
    }
    await page.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
if (failures.length) process.exit(1);
