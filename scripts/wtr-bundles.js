// Serves each browser test file to its page as one esbuild bundle (split into chunks shared between
// the test files) instead of the ~520 modules it imports, each transformed and served on its own.
// A test page still starts in a fresh browser context and runs its file alone: only the code is
// shared, built once per run. What the runner serves itself (its framework, the websocket module)
// and every other request (the example pages the iframe tests open) still go to the dev server.
//
// The bundles live in memory under /__test-bundles__/: the test file's own URL answers with one
// line that imports its bundle, so the runner still knows the file by its name; the bundles carry
// linked source maps, which the runner reads to point a failure at the test file and line.
import { build } from 'esbuild';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ownImportMeta } from './own-import-meta.js';

const PREFIX = '/__test-bundles__/';

/** `tests/**\/*.test.ts` as a regular expression over paths relative to the root (`/` separated). */
function globToRegExp(glob) {
  const pattern = glob
    .split('**/')
    .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]'))
    .join('(?:.*/)?');
  return new RegExp(`^${pattern}$`);
}

/** The files under `rootDir` (node_modules and dot folders left out) that match one of `globs`. */
function findFiles(rootDir, globs) {
  const patterns = globs.map(globToRegExp);
  const found = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const file = relative(rootDir, path).split(sep).join('/');
        if (patterns.some((pattern) => pattern.test(file))) found.push(file);
      }
    }
  };
  walk(rootDir);
  return found.sort();
}

/** A file's URL path on the dev server, from its path on disk. */
const urlPath = (rootDir, path) => `/${relative(rootDir, path).split(sep).join('/')}`;

/**
 * Each of the project's modules keeps its own `import.meta.url`, the URL the dev server serves it
 * at, where a bundle would give it the chunk's: a test that builds a URL from it (an iframe loading
 * src/store/indexeddb.ts beside the test) keeps reaching the sources.
 */
const ownImportMetaUrl = (rootDir) =>
  ownImportMeta('own-import-meta-url', (path) => ({ url: `new URL(${JSON.stringify(urlPath(rootDir, path))}, location.href).href` }));

/**
 * Bundles `entries` (paths relative to `rootDir`) into chunks held in memory, keyed by the URL
 * path they are served at. Resolution follows the dev server's node-resolve: the "development"
 * export condition, module/main fields, no "browser" field; every module keeps its side effects
 * (package.json's sideEffects describes the published dist/, not these sources).
 */
async function bundle(rootDir, entries, { target, tsconfig }) {
  const result = await build({
    absWorkingDir: rootDir,
    entryPoints: entries,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['development', 'module'],
    ignoreAnnotations: true,
    target,
    tsconfig,
    sourcemap: 'linked',
    outdir: join(rootDir, PREFIX),
    outbase: rootDir,
    chunkNames: 'chunks/[name]-[hash]',
    plugins: [ownImportMetaUrl(rootDir)],
    // Served by the test runner itself.
    external: ['/__web-dev-server__*', '/__web-test-runner__*'],
    write: false,
    logLevel: 'silent',
  });
  const files = new Map();
  for (const file of result.outputFiles) files.set(urlPath(rootDir, file.path), file.text);
  return files;
}

/**
 * A Koa middleware for @web/test-runner's `middleware` list: bundles the test files that match
 * `files` (globs relative to `rootDir`, as in the runner's config) on the first request for a test
 * file, and again when the runner asks for a test file outside them (`wtr --files <other>`).
 * `target` and `tsconfig` should be what the dev server's esbuild plugin uses. The files in
 * `unbundled` are served by the dev server as before: those whose tests need their modules at
 * their own URLs (a second copy of a module imported through another URL).
 */
export function bundledTestFiles({ files, unbundled = [], rootDir = process.cwd(), target = 'es2022', tsconfig = './tsconfig.json' }) {
  let entries;
  let built;
  // Every build's chunks stay served: a page still loading an earlier build's chunks gets them.
  const served = new Map();
  // A file esbuild cannot build leaves every file to the dev server, which reports the error as
  // it always has (file, line and the code around it).
  const bundles = (testFile) => {
    entries ??= findFiles(rootDir, files).filter((file) => !unbundled.includes(file));
    if (!built || !entries.includes(testFile)) {
      if (!entries.includes(testFile)) entries = [...entries, testFile];
      built = bundle(rootDir, entries, { target, tsconfig }).then(
        (files) => {
          for (const [path, text] of files) served.set(path, text);
          return true;
        },
        (error) => {
          console.warn(`Serving the test files unbundled: esbuild could not bundle them.\n${error.message}`);
          return false;
        },
      );
    }
    return built;
  };
  return async function serveBundledTestFiles(ctx, next) {
    if (ctx.method !== 'GET') return next();
    if (ctx.path.startsWith(PREFIX) && built) {
      await built;
      const text = served.get(ctx.path);
      if (text === undefined) return next();
      ctx.type = ctx.path.endsWith('.map') ? 'application/json' : 'text/javascript';
      ctx.set('Cache-Control', 'no-cache');
      ctx.body = text;
      return undefined;
    }
    // The runner imports a page's test file with its session's id in the query.
    if (ctx.query['wtr-session-id'] && /^\/(?!__).*\.[cm]?[jt]sx?$/.test(ctx.path)) {
      const testFile = decodeURIComponent(ctx.path).slice(1);
      if (unbundled.includes(testFile) || !existsSync(join(rootDir, testFile)) || !(await bundles(testFile))) return next();
      ctx.type = 'text/javascript';
      ctx.set('Cache-Control', 'no-cache');
      ctx.body = `import '${PREFIX}${testFile.replace(/\.[cm]?[jt]sx?$/, '.js')}';\n`;
      return undefined;
    }
    return next();
  };
}
