// Bundles Node test files for scripts/test.js, so that each test process loads one plain
// JavaScript file instead of compiling hundreds of TypeScript modules through tsx's loader hooks
// (measured figures in scripts/test.js). `node --import tsx --test <file>` still runs any file by hand.
import { rmSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ownImportMeta } from './own-import-meta.js';

/** Where the bundles go: `<BUNDLES>/tests/server/x.test.js` for `tests/server/x.test.ts` (git-ignored). */
export const BUNDLES = '.test-bundles';

/**
 * Each module's `import.meta` made that of its own source file, so code that finds files relative
 * to itself (fixtures, migrations, `node_modules/...`, `bin/`) finds them from inside a bundle.
 */
const ownImportMetaOfSource = ownImportMeta('own-import-meta', (path) => ({
  url: JSON.stringify(pathToFileURL(path).href),
  dirname: JSON.stringify(resolve(path, '..')),
  filename: JSON.stringify(path),
}));

/**
 * Bundles `files` (test files, paths relative to the working folder) in one esbuild call, packages
 * from node_modules left as imports; returns the bundles' paths in the same order. Source maps
 * point stack traces at the .ts lines when the tests run with `--enable-source-maps`.
 */
export async function bundleTests(files) {
  const { build, stop } = await import('esbuild');
  rmSync(BUNDLES, { recursive: true, force: true });
  try {
    await build({
      entryPoints: files,
      outdir: BUNDLES,
      outbase: '.',
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: true,
      logLevel: 'warning',
      plugins: [ownImportMetaOfSource],
      // Modules shared by files go to chunks, written once: all 110 files took about 1.5 CPU-seconds
      // (node and esbuild) and 7.5 MB, against about 5.5 and 96 MB with every file a whole bundle.
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
    });
  } finally {
    await stop();
  }
  return files.map((file) => `${BUNDLES}/${relative('.', file).replace(/\.ts$/, '.js')}`);
}

/**
 * `text` (a test run's output, or a path) with each test bundle's path made its test file's:
 * `/repo/.test-bundles/tests/server/x.test.js` becomes `/repo/tests/server/x.test.ts`. (Stack
 * frames are mapped to the .ts lines by the source maps; this is for what names the file itself.)
 */
export function originalsIn(text) {
  return text.replace(/\.test-bundles[/\\]([\w./\\-]+?\.test)\.js\b/g, '$1.ts');
}
