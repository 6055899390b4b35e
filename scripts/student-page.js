// dist/student/: the student page (`/s/<code>` on the plc-kit server) as one folder:
// index.html, student.css and student.js, the page's own small bundle built by esbuild from
// components/student/student.ts (lit, the form, the student strings; no store, zod or xstate).
// scripts/build.js calls this; the server's tests and the size script call it too, so they
// serve and measure the page the build makes.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Writes index.html, student.css and student.js into `out`.
 * @param {string} out
 * @param {{ minify?: boolean }} [options]
 * @returns {Promise<{ bytes: number, gzip: number }>} student.js's size, raw and gzipped (level 9)
 */
export async function writeStudentPage(out, options = {}) {
  const { build } = await import('esbuild');
  mkdirSync(out, { recursive: true });
  copyFileSync(join(ROOT, 'components/student/index.html'), join(out, 'index.html'));
  copyFileSync(join(ROOT, 'components/student/student.css'), join(out, 'student.css'));
  await build({
    entryPoints: [join(ROOT, 'components/student/student.ts')],
    outfile: join(out, 'student.js'),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: options.minify ?? true,
    legalComments: 'none',
    conditions: ['browser', 'production'],
    logLevel: 'warning',
  });
  const js = readFileSync(join(out, 'student.js'));
  return { bytes: js.length, gzip: gzipSync(js, { level: 9 }).length };
}
