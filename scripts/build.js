// `npm run build`, in six steps:
//   1. tsc -p tsconfig.build.json  one ESM module + .d.ts per source file in dist/ (the package's
//                                  entry points: dist/src/index.js, dist/components/define.js,
//                                  dist/components/<tag>/index.js)
//   2. rollup -c                   dist/bundle.js (plc-app and its first view, minified; every
//                                  other element, the locale catalogues and the demo in
//                                  dist/bundle-*.js beside it, loaded when first needed) and
//                                  dist/embed/bundle.js (every element as one file)
//   2b. service worker             dist/sw.js: opens the app offline once visited, with bundle.js
//                                  and every bundle-*.js precached (components/offline/sw.ts,
//                                  Workbox; scripts/service-worker.js)
//   3. embed page                  dist/embed/: the iframe page as one folder (index.html,
//                                  embed.js, embed.css, bundle.js (one file: the page's server
//                                  serves a fixed list of files), sw.js precaching those four,
//                                  and resizer.js for host pages; scripts/embed-page.js), served
//                                  by the plc-kit server at /embed or put on any web server
//   3b. student page               dist/student/: the page of /s/<code> (index.html, student.css and
//                                  its own small bundle student.js, made by esbuild from
//                                  components/student/; scripts/student-page.js), served by the
//                                  plc-kit server
//   4. server package              packages/server/: @plc-kit/server, the compiled server with the
//                                  core modules it imports, its command line, the embed page and
//                                  the student page (scripts/server-package.js)
//   5. cem analyze                 custom-elements.json (custom-elements-manifest.config.mjs)
//   6. typedoc                     API docs in docs/api/ (typedoc.json)
// Stops at the first step that fails.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { sourceHash } from './consumer.js';
import { EMBED_PAGE_FILES, writeEmbedPage } from './embed-page.js';
import { isBundleFile, writeServiceWorker } from './service-worker.js';
import { writeStudentPage } from './student-page.js';
import { writeServerPackage } from './server-package.js';

if (!existsSync('node_modules/.bin/tsc')) {
  console.error('node_modules is missing: run `npm install` first.');
  process.exit(1);
}

function step(name, args) {
  console.log(`\n== ${name}`);
  const started = Date.now();
  const result = spawnSync('npx', ['--no-install', ...args], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\nbuild failed at: ${name}`);
    process.exit(result.status || 1);
  }
  console.log(`   ${name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

rmSync('dist', { recursive: true, force: true });
step('tsc (ESM modules and declarations)', ['tsc', '-p', 'tsconfig.build.json']);

const hasComponents = existsSync('dist/components/bundle.js');
if (!hasComponents) {
  console.error('\ncomponents/bundle.ts is missing, so dist/bundle.js cannot be built.');
}
step('rollup (dist/bundle.js and the files beside it, dist/embed/bundle.js)', ['rollup', '-c', 'rollup.config.js']);
if (hasComponents) await serviceWorker();
if (hasComponents) await embedFolder();
await studentFolder();
serverPackage();
step('custom elements manifest (custom-elements.json)', ['cem', 'analyze']);
// `--no-docs` (the consumer test, scripts/consumer.js) leaves the API docs out.
if (!process.argv.includes('--no-docs')) step('typedoc (docs/api/)', ['typedoc', '--logLevel', 'Warn']);

if (!hasComponents) {
  console.error('\nbuild incomplete: dist/bundle.js is missing because components/bundle.ts does not exist.');
  process.exit(1);
}
writeFileSync('dist/.build-stamp', sourceHash());
console.log('\nbuild done: dist/, packages/server/, custom-elements.json, docs/api/');

/** dist/sw.js: the drop-in bundle's files precached (scripts/service-worker.js). */
async function serviceWorker() {
  console.log('\n== service worker (dist/sw.js)');
  try {
    const { files, bytes } = await writeServiceWorker('dist', isBundleFile);
    console.log(`   precaches ${files} files, ${bytes} bytes`);
  } catch (error) {
    console.error(`\nbuild failed at: service worker: ${error.message}`);
    process.exit(1);
  }
}

/** packages/server/: the @plc-kit/server package from the compiled server (scripts/server-package.js). */
function serverPackage() {
  console.log('\n== server package (packages/server/)');
  try {
    const { files, packages } = writeServerPackage();
    console.log(`   ${files} files; the server imports ${packages.join(', ')}`);
  } catch (error) {
    console.error(`\nbuild failed at: server package:\n${error.message}`);
    process.exit(1);
  }
}

/** dist/student/: the student page and its bundle (scripts/student-page.js), with the bundle's size. */
async function studentFolder() {
  console.log('\n== student page (dist/student/)');
  const started = Date.now();
  try {
    const { bytes, gzip } = await writeStudentPage('dist/student');
    console.log(`   student.js: ${bytes} bytes, ${gzip} bytes gzip; done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.error(`\nbuild failed at: student page: ${error.message}`);
    process.exit(1);
  }
}

/**
 * dist/embed/: the page's own files (scripts/embed-page.js) beside the one-file bundle.js rollup
 * wrote there, and the host's resizer.js minified. Self-contained, so the folder alone is the static embed page.
 */
async function embedFolder() {
  console.log('\n== embed page (dist/embed/)');
  const started = Date.now();
  const out = 'dist/embed';
  try {
    writeEmbedPage(out);
  } catch (error) {
    console.error(`\nbuild failed at: embed page: ${error.message}`);
    process.exit(1);
  }
  const { rollup } = await import('rollup');
  const { default: terser } = await import('@rollup/plugin-terser');
  const resizer = await rollup({ input: 'dist/components/embed/resizer.js', plugins: [terser({ ecma: 2022, module: true, format: { comments: false } })] });
  await resizer.write({ file: `${out}/resizer.js`, format: 'es' });
  await resizer.close();
  try {
    // resizer.js is the host page's, outside the embed page's worker.
    await writeServiceWorker(out, (name) => EMBED_PAGE_FILES.includes(name));
  } catch (error) {
    console.error(`\nbuild failed at: embed page: ${error.message}`);
    process.exit(1);
  }
  console.log(`   embed page: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
