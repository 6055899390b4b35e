/**
 * For the server tests that drive Chromium (tests/server/*-frame, offline-app, student-classroom):
 * the pages' scripts compiled from the current sources, one Chromium per test file, and the
 * embed's frame in a host page.
 *
 * A compile is made once per set of sources and options and kept on disk (in the temporary
 * directory, named by a hash of every file under src/ and components/, tsconfig.json,
 * package-lock.json and the options), so the test files of one run, and the next run when nothing
 * changed, copy it instead of compiling again: each compile costs seconds on a busy machine.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after } from 'node:test';
// esbuild comes with @web/dev-server-esbuild (the test runner's TypeScript): it compiles the
// current sources in about a second, where the full build takes minutes.
import { build, version as esbuildVersion, type BuildOptions } from 'esbuild';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { CHROMIUM, CHROMIUM_ARGS, ensureChromium } from '../../scripts/browser.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const source = (path: string) => join(ROOT, path);
/** What a compile of the browser code reads, besides node_modules (pinned by the lockfile). */
const INPUTS = ['src', 'components', 'tsconfig.json', 'package-lock.json'];
const CACHE = join(tmpdir(), 'plc-kit-compiled');
/** Compiles older than this, of any sources, are removed when a new one is written. */
const KEEP_MS = 24 * 60 * 60 * 1000;

let sourcesHash: string | undefined;

/** A hash of every file a compile reads, computed once per process. */
function hashOfSources(): string {
  if (sourcesHash) return sourcesHash;
  const hash = createHash('sha256').update(esbuildVersion);
  const add = (path: string) => {
    if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) add(join(path, name));
    else hash.update(path.slice(ROOT.length)).update('\0').update(readFileSync(path));
  };
  for (const input of INPUTS) if (existsSync(source(input))) add(source(input));
  return (sourcesHash = hash.digest('hex'));
}

function pruneOldCompiles(): void {
  for (const name of readdirSync(CACHE)) {
    const path = join(CACHE, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > KEEP_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another process removed it first.
    }
  }
}

const compiling = new Map<string, Promise<string>>();

/**
 * The folder holding esbuild's output for `builds` (each with `outfile` or `outdir` relative to
 * that folder), compiled from the current sources at most once per process and once per set of
 * sources on this machine. The folder is shared: copy out of it before changing a file.
 */
export function compiled(builds: BuildOptions[]): Promise<string> {
  const key = createHash('sha256').update(hashOfSources()).update(JSON.stringify(builds)).digest('hex').slice(0, 24);
  let done = compiling.get(key);
  if (!done) {
    done = compileToCache(key, builds);
    compiling.set(key, done);
  }
  return done;
}

const isComplete = (dir: string) => existsSync(join(dir, '.complete'));
/** How long a file waits for another process's compile of the same sources before doing its own. */
const WAIT_FOR_OTHER_MS = 180_000;

async function compileToCache(key: string, builds: BuildOptions[]): Promise<string> {
  const dir = join(CACHE, key);
  mkdirSync(CACHE, { recursive: true });
  // Test files that start together would all compile the same sources: the first takes a lock
  // (making a folder is atomic) and the others wait for its result instead of competing for the
  // same two cores.
  const lock = join(CACHE, `.lock-${key}`);
  let locked = false;
  try {
    mkdirSync(lock);
    locked = true;
  } catch {
    for (const started = Date.now(); !isComplete(dir) && existsSync(lock) && Date.now() - started < WAIT_FOR_OTHER_MS; ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    if (isComplete(dir)) {
      // Marks it as in use, so that pruning keeps it.
      utimesSync(dir, new Date(), new Date());
      return dir;
    }
    await compileAs(dir, builds);
    return dir;
  } finally {
    if (locked) rmSync(lock, { recursive: true, force: true });
  }
}

/** Compiles `builds` into a new folder and moves it to `dir` when it is whole. */
async function compileAs(dir: string, builds: BuildOptions[]): Promise<void> {
  const building = mkdtempSync(join(CACHE, '.building-'));
  const inside = (path?: string) => (path === undefined ? undefined : join(building, path));
  for (const options of builds) await build({ ...options, outfile: inside(options.outfile), outdir: inside(options.outdir) });
  writeFileSync(join(building, '.complete'), '');
  try {
    renameSync(building, dir);
    pruneOldCompiles();
  } catch {
    // Another test file compiled the same sources at the same time: use theirs.
    rmSync(building, { recursive: true, force: true });
  }
}

/** Copies the compiled output of `builds` into `dir` (which the test may then change). */
export async function compileInto(dir: string, builds: BuildOptions[]): Promise<void> {
  const from = await compiled(builds);
  for (const name of readdirSync(from)) if (name !== '.complete') cpSync(join(from, name), join(dir, name), { recursive: true });
}

// ignoreAnnotations: these builds start from the sources, and package.json's sideEffects names the
// dist/ files only, so esbuild would otherwise drop side-effect imports such as the enquiry view's
// stage panels (the frame then said "This stage is run by your school's own tools").
const COMMON = { bundle: true, format: 'esm', target: 'es2022', minify: true, logLevel: 'error', tsconfig: source('tsconfig.json'), ignoreAnnotations: true } as const;

/** The drop-in bundle of every element (components/define.ts) as bundle.js. */
export const ELEMENTS_BUNDLE: BuildOptions = { ...COMMON, entryPoints: [source('components/define.ts')], outfile: 'bundle.js' };
/** The host page's resizer (components/embed/resizer.ts) as resizer.js. */
export const RESIZER: BuildOptions = { ...COMMON, entryPoints: [source('components/embed/resizer.ts')], outfile: 'resizer.js' };

/** Puts the bundle (every element, startEmbed) and the host's resizer.js into `dir`. */
export function compileEmbedInto(dir: string): Promise<void> {
  return compileInto(dir, [ELEMENTS_BUNDLE, RESIZER]);
}

/** One Chromium shared by the tests of a file. */
export interface FileBrowser {
  /** The browser, launched on the first call. */
  launch(): Promise<Browser>;
  /**
   * Closes every profile (browser context) the tests opened, and so their pages and connections
   * (tests open their pages in contexts of their own, never in the default one):
   * a suite calls it in its `after` hook before stopping its servers, as it closed the browser.
   */
  closeContexts(): Promise<void>;
}

/**
 * One Chromium for the whole test file, launched when first asked for and closed after the
 * file's tests. Call at the top level of the file (it registers the closing hook there); each
 * test still opens browser contexts of its own, so profiles stay apart.
 * @example
 * ```ts
 * const chromium = browserForFile();
 * before(async () => { browser = await chromium.launch(); });
 * after(async () => { await chromium.closeContexts(); await server.close(); });
 * ```
 */
export function browserForFile(): FileBrowser {
  let launched: Promise<Browser> | undefined;
  after(async () => {
    if (launched) await (await launched).close();
  });
  return {
    launch() {
      if (!launched) {
        ensureChromium();
        launched = puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
      }
      return launched;
    },
    async closeContexts() {
      if (!launched) return;
      const browser = await launched;
      await Promise.all(browser.browserContexts().filter((c) => c !== browser.defaultBrowserContext()).map((c) => c.close()));
    },
  };
}

/** The embed's frame in `page`, once its document has loaded. */
export async function embedFrame(page: Page, serverUrl: string): Promise<Frame> {
  let frame: Frame | undefined;
  const started = Date.now();
  while (!(frame = page.frames().find((f) => f.url().startsWith(`${serverUrl}/embed`)))) {
    if (Date.now() - started > 30_000) throw new Error(`no frame from ${serverUrl}/embed: ${page.frames().map((f) => f.url()).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return frame;
}

/** What a test of a framed page starts: a host site, the plc-kit server, its database, the page's folder. */
export interface FrameTestParts {
  host?: { server: { close(done: () => void): unknown } } | undefined;
  server?: { close(): Promise<unknown> } | undefined;
  testDb?: { cleanup(): Promise<unknown> } | undefined;
  dir?: string | undefined;
}

/** Stops what a framed-page test started, each part only if it started: pages, host, server, database, folder. */
export async function stopFrameTest(chromium: FileBrowser, parts: FrameTestParts): Promise<void> {
  await chromium.closeContexts();
  await new Promise<void>((resolve) => (parts.host ? parts.host.server.close(() => resolve()) : resolve()));
  await parts.server?.close();
  await parts.testDb?.cleanup();
  if (parts.dir) rmSync(parts.dir, { recursive: true, force: true });
}
