// The packed package in a consumer project, for tests/consumer/consumer.test.ts and `npm run size`:
//   1. a build of dist/ (`npm run build` without the API docs) unless dist/ was built from the
//      same sources (a hash of them in dist/.build-stamp, written by scripts/build.js);
//   2. `npm pack` into .tmp-consumer/plc-kit.tgz (what `npm publish` would upload);
//   3. `npm install` in tests/consumer/, whose package.json names that tarball: the consumer's own
//      packages (vite, react, typescript) stay in its node_modules between runs, so after the first
//      run only plc-kit is unpacked again.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CONSUMER = join(ROOT, 'tests/consumer');
export const TARBALL = join(ROOT, '.tmp-consumer/plc-kit.tgz');
const STAMP = join(ROOT, 'dist/.build-stamp');
const INPUTS = ['src', 'components', 'examples/demo', 'examples/embed', 'bin', 'scripts', 'package.json', 'rollup.config.js', 'custom-elements-manifest.config.mjs', 'tsconfig.json', 'tsconfig.build.json', 'README.md', 'LICENSE'];

/** A hash of everything the build reads. */
export function sourceHash() {
  const hash = createHash('sha256');
  const add = (path) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) add(join(path, name));
    else hash.update(path.slice(ROOT.length)).update(readFileSync(path));
  };
  for (const input of INPUTS) add(join(ROOT, input));
  return hash.digest('hex');
}

/** Whether dist/ was built from the sources as they are now. */
export const buildIsCurrent = () => existsSync(STAMP) && readFileSync(STAMP, 'utf8') === sourceHash();

function run(command, args, cwd, what) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) throw new Error(`${what} failed:\n${result.stdout}\n${result.stderr}`);
  return { output: result.stdout, seconds: (Date.now() - started) / 1000 };
}

/** Builds if needed, packs, installs into tests/consumer/; returns how long each step took. */
export function preparePackage() {
  const times = {};
  if (!buildIsCurrent()) times.build = run('node', ['scripts/build.js', '--no-docs'], ROOT, 'the build').seconds;
  mkdirSync(join(ROOT, '.tmp-consumer'), { recursive: true });
  rmSync(TARBALL, { force: true });
  const packed = run('npm', ['pack', '--json', '--pack-destination', '.tmp-consumer'], ROOT, 'npm pack');
  times.pack = packed.seconds;
  const [{ filename }] = JSON.parse(packed.output);
  renameSync(join(ROOT, '.tmp-consumer', filename), TARBALL);
  // npm keeps an installed file: dependency of the same name and version: unpack it anew.
  rmSync(join(CONSUMER, 'node_modules/plc-kit'), { recursive: true, force: true });
  times.install = run('npm', ['install', '--no-package-lock', '--no-audit', '--no-fund', '--prefer-offline'], CONSUMER, 'npm install in tests/consumer').seconds;
  return times;
}
