// `npm run build`, in four steps:
//   1. tsc -p tsconfig.build.json  one ESM module + .d.ts per source file in dist/ (the package's
//                                  entry points: dist/src/index.js, dist/components/define.js,
//                                  dist/components/<tag>/index.js)
//   2. rollup -c                   dist/bundle.js (single file, every dependency inside, minified)
//                                  and dist/core.min.js (for `npm run size`)
//   3. cem analyze                 custom-elements.json (custom-elements-manifest.config.mjs)
//   4. typedoc                     API docs in docs/api/ (typedoc.json)
// Stops at the first step that fails.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';

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

const hasComponents = existsSync('dist/components/define.js');
if (!hasComponents) {
  console.error('\ncomponents/define.ts is missing, so dist/bundle.js cannot be built (only dist/core.min.js is).');
}
step('rollup (dist/bundle.js, dist/core.min.js)', ['rollup', '-c', 'rollup.config.js']);
step('custom elements manifest (custom-elements.json)', ['cem', 'analyze']);
step('typedoc (docs/api/)', ['typedoc', '--logLevel', 'Warn']);

if (!hasComponents) {
  console.error('\nbuild incomplete: dist/bundle.js is missing because components/define.ts does not exist yet.');
  process.exit(1);
}
console.log('\nbuild done: dist/, custom-elements.json, docs/api/');
