// `npm run size`: the figures issue 20 sets targets for, printed (never a test):
//   first view     the JavaScript a page with <plc-app> loads before "My enquiries" shows:
//                  dist/bundle.js and the files it imports statically (target 60 KB gzip)
//   everything     every file of the drop-in build, lazily loaded views included, less the
//                  alternatives (the en-US and Spanish catalogues, the demo school) (target 200 KB)
//   checkQuestion  `import { checkQuestion } from 'plc-kit'` in a Vite build of an app, from the
//                  packed tarball (tests/consumer/, target 4 KB gzip)
//   student page   dist/student/student.js, all the JavaScript of /s/<code> (target 20 KB gzip)
//   npm i plc-kit  the packed tarball installed into an empty folder: bytes on disk and packages
//                  (target 20 MB), and any engine warning npm prints
// with the ten biggest contributors to bundle.js and to everything (written by rollup,
// scripts/size-breakdown.js), what the same files would weigh as one, and any module in two files.
// Builds and packs first when dist/ is not current (scripts/consumer.js). Exits non-zero only when
// a figure cannot be measured: a figure past its target is printed as such.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, constants } from 'node:zlib';
import { CONSUMER, TARBALL, preparePackage } from './consumer.js';
import { BREAKDOWN_DIR, contributor } from './size-breakdown.js';

const KB = 1024;
const TOP = 10;
const gzipSize = (file) => gzipSync(readFileSync(file), { level: constants.Z_BEST_COMPRESSION }).length;
const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;

function figure(name, bytes, target, detail = '') {
  const verdict = bytes <= target ? `within target ${kb(target)}` : `OVER TARGET ${kb(target)} by ${kb(bytes - target)}`;
  console.log(`size ${name}: ${bytes} bytes (${kb(bytes)}), ${verdict}${detail ? `; ${detail}` : ''}`);
}

/** bundle.js and the files it imports statically, recursively: what loads before anything lazy. */
function staticClosure(file) {
  const files = new Set([file]);
  for (const current of files) {
    const code = readFileSync(join('dist', current), 'utf8');
    for (const [, imported] of code.matchAll(/(?:^|[;}])\s*(?:import|export)\s*(?:[^'"()]*?\bfrom\s*)?["']\.\/([\w.-]+\.js)["']/g)) files.add(imported);
  }
  return [...files];
}

/** The modules of `files` (from the breakdown rollup wrote), each with the file it is in. */
function modulesOf(files) {
  return files.flatMap((file) => {
    const path = `${BREAKDOWN_DIR}/${file}.json`;
    return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')).modules.map((m) => ({ ...m, file })) : [];
  });
}

function printBreakdown(files, label = files.join(' + ')) {
  const modules = modulesOf(files);
  if (modules.length === 0) return;
  const totals = new Map();
  for (const { id, bytes } of modules) totals.set(contributor(id), (totals.get(contributor(id)) ?? 0) + bytes);
  const sum = [...totals.values()].reduce((a, b) => a + b, 0);
  console.log(`  top ${TOP} of ${totals.size} contributors to ${label} (each module minified and gzipped alone; share of their sum, ${sum} bytes):`);
  for (const [name, bytes] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`  ${String(bytes).padStart(8)}  ${((100 * bytes) / sum).toFixed(1).padStart(5)}%  ${name}`);
}

/**
 * What splitting costs, and whether any module is in two files: each file is gzipped alone, so
 * none shares gzip's dictionary with another; the same files as one would be the smallest the
 * same code can be (and would load views nobody opened).
 */
function printSplitting(names) {
  const one = gzipSync(Buffer.concat(names.map((f) => readFileSync(join('dist', f)))), { level: constants.Z_BEST_COMPRESSION }).length;
  console.log(`  the same ${names.length} files as one: ${one} bytes (${kb(one)}) gzip -9`);
  const filesOf = new Map();
  for (const { id, file } of modulesOf(names)) filesOf.set(id, [...(filesOf.get(id) ?? []), file]);
  const twice = [...filesOf].filter(([, holders]) => holders.length > 1);
  console.log(`  modules in more than one file: ${twice.length ? twice.map(([id, holders]) => `${id} (${holders.join(', ')})`).join('; ') : 'none'}`);
}

/** Bytes on disk under `dir`. */
function diskBytes(dir) {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    total += stat.isDirectory() ? diskBytes(path) : stat.size;
  }
  return total;
}

const times = preparePackage();
console.log(`(prepared: ${Object.entries(times).map(([step, s]) => `${step} ${s.toFixed(1)} s`).join(', ')})`);

const files = readdirSync('dist').filter((f) => /^bundle(-.+)?\.js$/.test(f)).sort();
const first = staticClosure('bundle.js');
figure('first view (plc-app, My enquiries)', first.reduce((sum, f) => sum + gzipSize(join('dist', f)), 0), 60 * KB, `gzip -9 of ${first.join(' + ')}`);
printBreakdown(['bundle.js']);
const alternatives = (f) => /^bundle-(en-US|es|demo-.+)\.js$/.test(f);
const everything = files.filter((f) => !alternatives(f));
figure('everything, lazily loaded views included', everything.reduce((sum, f) => sum + gzipSize(join('dist', f)), 0), 200 * KB, `gzip -9 of ${everything.length} files`);
printBreakdown(everything, 'everything');
printSplitting(everything);
for (const file of files.filter((f) => !first.includes(f))) console.log(`size lazy ${file}: ${gzipSize(join('dist', file))} bytes gzip${alternatives(file) ? ' (an alternative: a catalogue or the demo)' : ''}`);

if (existsSync('dist/student/student.js')) figure('student page (/s/<code>): student.js', gzipSize('dist/student/student.js'), 20 * KB, 'gzip -9; everything the page loads besides its HTML and 0.4 KB of CSS');

const vite = spawnSync('npx', ['--no-install', 'vite', 'build', '--config', 'vite.size.config.ts'], { cwd: CONSUMER, encoding: 'utf8' });
if (vite.status !== 0) throw new Error(`the checkQuestion build failed:\n${vite.stdout}\n${vite.stderr}`);
const assets = join(CONSUMER, 'dist-size/assets');
const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
figure('import { checkQuestion } in a Vite build', js.reduce((sum, f) => sum + gzipSize(join(assets, f)), 0), 4 * KB, `gzip -9 of the app's JavaScript (${js.join(', ')})`);

const folder = mkdtempSync(join(tmpdir(), 'plc-install-'));
try {
  writeFileSync(join(folder, 'package.json'), '{ "name": "install-size", "private": true }\n');
  const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', TARBALL], { cwd: folder, encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`npm install of the tarball failed:\n${install.stderr}`);
  const modules = join(folder, 'node_modules');
  const packages = readdirSync(modules).flatMap((name) => (name.startsWith('@') ? readdirSync(join(modules, name)).map((n) => `${name}/${n}`) : name.startsWith('.') ? [] : [name]));
  const engine = `${install.stdout}\n${install.stderr}`.split('\n').filter((line) => /EBADENGINE/.test(line));
  figure('npm i plc-kit', diskBytes(modules), 20 * KB * KB, `${packages.length} packages: ${packages.join(', ')}; ${engine.length ? `engine warnings: ${engine.join(' | ')}` : 'no engine warning'}`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
