// The embed page's own files, as dist/embed/ holds them: examples/embed/production.html as
// index.html and production.js as embed.js (each pointed at the copies beside it), and
// embed.css. scripts/build.js adds bundle.js and the host's resizer.js; the server's tests
// call this too, so they serve the same page the build makes.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The files of the page itself, which its service worker (sw.js) precaches; resizer.js is the host page's. */
export const EMBED_PAGE_FILES = ['index.html', 'embed.js', 'embed.css', 'bundle.js'];

/** The two references the build rewrites; a source that no longer has one fails the build. */
const REWRITES = [
  { from: 'examples/embed/production.html', to: 'index.html', find: 'src="./production.js"', replace: 'src="./embed.js"' },
  { from: 'examples/embed/production.js', to: 'embed.js', find: "'../../dist/embed/bundle.js'", replace: "'./bundle.js'" },
];

/**
 * Writes index.html, embed.js and embed.css into `out` (created when missing).
 * @param {string} out
 */
export function writeEmbedPage(out) {
  mkdirSync(out, { recursive: true });
  for (const { from, to, find, replace } of REWRITES) {
    const text = readFileSync(join(ROOT, from), 'utf8');
    if (!text.includes(find)) throw new Error(`${from} no longer contains ${find}: update scripts/embed-page.js to match it.`);
    writeFileSync(join(out, to), text.replace(find, replace));
  }
  copyFileSync(join(ROOT, 'examples/embed/embed.css'), join(out, 'embed.css'));
}
