/**
 * plc-kit as people install it (issue 20): the packed tarball installed into a fresh Vite + React
 * 19 + strict TypeScript project (tests/consumer/, prepared by scripts/consumer.js), and the
 * drop-in bundle from that installed package on a plain static page. Type-checks with bundler and
 * node16 resolution, builds with Vite, and loads both pages in Chromium with no console error.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM, CHROMIUM_ARGS, ensureChromium } from '../../scripts/browser.js';
// @ts-expect-error: a JavaScript script without declarations
import { CONSUMER, TARBALL, preparePackage } from '../../scripts/consumer.js';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css' };

/** A static server for `root` on a free loopback port. */
async function serve(root: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(root) || !existsSync(file)) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** A page that records console errors, uncaught errors and the scripts it requested. */
async function openPage(browser: Browser, url: string) {
  const page = await browser.newPage();
  const errors: string[] = [];
  const scripts: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname.split('/').pop()!);
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors, scripts };
}

const shadowText = (page: Page, tag: string) =>
  page.evaluate((t) => (document.querySelector(t)?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' '), tag);

/** A command run in the consumer project: its exit status and output once it ends. */
interface ConsumerRun {
  what: string;
  ended: Promise<{ status: number | null; output: string }>;
}

/** Starts a command in the consumer project, beside whatever runs next. */
function startInConsumer(command: string, args: string[]): ConsumerRun {
  const child = spawn(command, args, { cwd: CONSUMER, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { what: `${command} ${args.join(' ')}`, ended: new Promise((resolve) => child.on('close', (status) => resolve({ status, output }))) };
}

/** Waits for a command started in the consumer project and asserts it succeeded. */
async function succeeded(run: ConsumerRun): Promise<void> {
  const { status, output } = await run.ended;
  assert.equal(status, 0, `${run.what}:\n${output}`);
}

// Thirty minutes: npm test runs this file beside the server tests (see scripts/test.js).
describe('plc-kit installed from its tarball', { timeout: 1_800_000 }, () => {
  let browser: Browser;
  const servers: Server[] = [];
  const temporary: string[] = [];
  // The two type-checks and the Vite build each compute on one core: once the package is
  // installed they run side by side (and beside Chromium's start), and each test waits for its own.
  let typeCheckBundler: ConsumerRun;
  let typeCheckNode16: ConsumerRun;
  let viteBuild: ConsumerRun;

  before(async () => {
    const times = preparePackage() as Record<string, number>;
    console.log(`consumer: ${Object.entries(times).map(([step, s]) => `${step} ${s.toFixed(1)} s`).join(', ')}`);
    typeCheckBundler = startInConsumer('npx', ['--no-install', 'tsc', '-p', 'tsconfig.bundler.json']);
    typeCheckNode16 = startInConsumer('npx', ['--no-install', 'tsc', '-p', 'tsconfig.node16.json']);
    viteBuild = startInConsumer('npx', ['--no-install', 'vite', 'build', '--outDir', 'dist']);
    ensureChromium();
    browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await Promise.all([typeCheckBundler, typeCheckNode16, viteBuild].map((run) => run?.ended));
    await browser?.close();
    for (const server of servers) server.close();
    for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
  });

  it('packs no dead weight: no maps, no duplicate or size-only bundles, no server; a LICENSE and a README whose links work', () => {
    const files = spawnSync('tar', ['tzf', TARBALL], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
    assert.ok(files.includes('LICENSE') && files.includes('README.md') && files.includes('dist/bundle.js'));
    assert.deepEqual(files.filter((f) => /\.map$|core\.min\.js$|embed-bundle\.js$|^dist\/src\/server\/|\.build-stamp$/.test(f)), []);
    const readme = readFileSync(join(CONSUMER, 'node_modules/plc-kit/README.md'), 'utf8');
    for (const [, link] of readme.matchAll(/\]\((?!https?:|#)([^)#\s]+)/g)) {
      assert.ok(existsSync(join(CONSUMER, 'node_modules/plc-kit', link!)), `README links to ${link}, which is not in the package`);
    }
  });

  it('type-checks strictly with bundler resolution', async () => {
    await succeeded(typeCheckBundler);
  });

  it('type-checks strictly with node16 resolution', async () => {
    await succeeded(typeCheckNode16);
  });

  it('builds with Vite, and the page runs in Chromium with no console error', async () => {
    await succeeded(viteBuild);
    const site = await serve(join(CONSUMER, 'dist'));
    servers.push(site.server);
    const { page, errors } = await openPage(browser, `${site.url}/`);
    await page.waitForFunction(() => (document.querySelector('plc-app')?.shadowRoot?.textContent ?? '').length > 40, { timeout: 30_000 });
    // The host's zod keeps its own messages.
    assert.match(await page.evaluate(() => document.body.dataset['hostZod'] ?? ''), /expected string/);
    assert.equal(await page.evaluate(() => document.body.dataset['enquiryClass']), 'true');
    // React 19 listens to onplc-stage-change on the element.
    await page.evaluate(() => {
      const event = Object.assign(new Event('plc-stage-change', { bubbles: true, composed: true }), { enquiryId: 'enq-1', from: 'question', to: 'observation' });
      document.getElementById('enquiry')!.dispatchEvent(event);
    });
    await page.waitForFunction(() => document.getElementById('stage')?.textContent === 'question->observation', { timeout: 5000 });
    assert.deepEqual(errors, []);
    await page.close();
  });

  /** A file of the installed drop-in build and the files it imports statically (less bundle.js), as the browser fetches them. */
  function withImports(file: string): string[] {
    const files = [file];
    for (const current of files) {
      const code = readFileSync(join(CONSUMER, 'node_modules/plc-kit/dist', current), 'utf8');
      for (const [, imported] of code.matchAll(/(?:^|[;}])\s*(?:import|export)\s*(?:[^'"()]*?\bfrom\s*)?["']\.\/([\w.-]+\.js)["']/g)) {
        if (imported && imported !== 'bundle.js' && !files.includes(imported)) files.push(imported);
      }
    }
    return files;
  }

  /**
   * A plain static page as a site admin makes it: the installed package's dist/ copied to
   * /plc-kit/ (less `missing`), one script tag, and `body`.
   */
  async function dropInPage(body: string, missing?: string) {
    const dir = mkdtempSync(join(tmpdir(), 'plc-dropin-'));
    temporary.push(dir);
    cpSync(join(CONSUMER, 'node_modules/plc-kit/dist'), join(dir, 'plc-kit'), { recursive: true });
    if (missing) rmSync(join(dir, 'plc-kit', missing));
    writeFileSync(join(dir, 'index.html'), `<!doctype html><html lang="en-GB"><head><title>drop-in</title><link rel="icon" href="data:,"><script type="module" src="/plc-kit/bundle.js"></script></head><body>${body}</body></html>`);
    const site = await serve(dir);
    servers.push(site.server);
    return openPage(browser, `${site.url}/`);
  }

  it('the drop-in bundle shows plc-app (on an empty store, its first-run view), and loads other elements when the page uses them', async () => {
    const { page, errors, scripts } = await dropInPage('<plc-app storage="memory" routing="none"></plc-app>');
    await page.waitForFunction(() => (document.querySelector('plc-app')?.shadowRoot?.textContent ?? '').length > 40, { timeout: 30_000 });
    await page.waitForFunction(() => (document.querySelector('plc-app')?.shadowRoot?.textContent ?? '').includes('Set up plc-kit'), { timeout: 10_000 });
    // The app comes with bundle.js; the store in memory (storage="memory"; the default, IndexedDB, is in
    // bundle.js) with the files of the write path it shares with IndexedDB's first writes, then the
    // first-run view, shown only on an empty store: nothing else.
    assert.equal(scripts[0], 'bundle.js');
    assert.equal(scripts.at(-1), 'bundle-first-run.js');
    assert.deepEqual(new Set(scripts), new Set(['bundle.js', ...withImports('bundle-memory.js'), 'bundle-first-run.js']));
    assert.match(await shadowText(page, 'plc-app'), /person-id/);
    await page.evaluate(() => document.body.append(document.createElement('plc-survey-response')));
    await page.waitForFunction(() => Boolean(customElements.get('plc-survey-response')), { timeout: 10_000 });
    assert.ok(scripts.includes('bundle-survey-response.js'), scripts.join(', '));
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('a file missing beside bundle.js is named on the console', async () => {
    const { page, errors } = await dropInPage('<plc-survey-response survey-id="s-1"></plc-survey-response>', 'bundle-survey-response.js');
    for (let i = 0; i < 50 && !errors.some((e) => e.includes('plc-kit: could not load')); i += 1) await new Promise((r) => setTimeout(r, 100));
    const named = errors.find((e) => e.includes('plc-kit: could not load'));
    assert.ok(named, `no error names the file: ${errors.join(' | ')}`);
    assert.match(named, /could not load bundle-survey-response\.js\b.* from http:\/\/127\.0\.0\.1:\d+\/plc-kit\/: upload every bundle-\*\.js file/);
    await page.close();
  });

  it('a file missing that a view imports is named on the console, not the view that imports it', async () => {
    // The enquiry view shares code with other views, in files of its own that it imports.
    const [view, imported] = withImports('bundle-enquiry.js');
    assert.ok(imported, `${view} imports no other file`);
    const { page, errors } = await dropInPage('<plc-enquiry enquiry-id="enq-1"></plc-enquiry>', imported);
    for (let i = 0; i < 50 && !errors.some((e) => e.includes('plc-kit: could not load')); i += 1) await new Promise((r) => setTimeout(r, 100));
    const named = errors.find((e) => e.includes('plc-kit: could not load'));
    assert.ok(named, `no error names the file: ${errors.join(' | ')}`);
    assert.ok(named.includes(`could not load ${imported} from http://127.0.0.1:`), named);
    await page.close();
  });
});
