// The service worker that opens plc-kit offline (components/offline/sw.ts, Workbox's modules):
// bundled by esbuild into one classic script, with the list of the files it precaches written in
// where the source says `self.__WB_MANIFEST` (Workbox's injection point). scripts/build.js writes
// dist/sw.js (the drop-in bundle's files) and dist/embed/sw.js (the embed page); scripts/start.js
// serves one without a list for the demo; the offline tests write theirs the same way.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const INJECTION_POINT = 'self.__WB_MANIFEST';

/**
 * The drop-in bundle's files, which dist/sw.js precaches: bundle.js and every bundle-*.js beside it.
 * @param {string} name
 */
export const isBundleFile = (name) => /^bundle(-[\w.-]+)?\.js$/.test(name);

/**
 * The worker's code, with `manifest` (files relative to the worker, with a hash of each) written in.
 * @param {Array<{ url: string, revision: string }>} [manifest]
 * @returns {Promise<string>}
 */
export async function bundleServiceWorker(manifest = []) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(ROOT, 'components/offline/sw.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    // Workbox's modules log in development builds only.
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  const code = result.outputFiles[0].text;
  if (!code.includes(INJECTION_POINT)) throw new Error(`components/offline/sw.ts no longer reads ${INJECTION_POINT}: the precache list has nowhere to go.`);
  return code.replace(INJECTION_POINT, JSON.stringify(manifest));
}

/**
 * Writes `dir`/sw.js precaching the files of `dir` that `accept` takes (names relative to `dir`).
 * @param {string} dir
 * @param {(name: string) => boolean} accept
 * @returns {Promise<{ files: number, bytes: number }>} how many files it precaches, and their size
 */
export async function writeServiceWorker(dir, accept) {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name !== 'sw.js' && accept(entry.name))
    .map((entry) => entry.name)
    .sort();
  let bytes = 0;
  const manifest = names.map((name) => {
    const body = readFileSync(join(dir, name));
    bytes += body.length;
    return { url: name, revision: createHash('sha256').update(body).digest('base64url').slice(0, 16) };
  });
  if (!manifest.length) throw new Error(`${dir} has no files for the service worker to precache.`);
  writeFileSync(join(dir, 'sw.js'), await bundleServiceWorker(manifest));
  return { files: manifest.length, bytes };
}
