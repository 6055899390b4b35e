// `npm run bench`: the benchmarks in tests/bench/, never part of `npm test`.
//   *.bench.ts          run in Node through tsx, one process per file
//   *.browser.bench.ts  in Debian's Chromium, through tests/bench/run-browser-bench.js
// Each benchmark prints its own `bench <name>: <value> <unit>` lines; this script passes them on.
// Files are listed explicitly: given a folder, Node 20 finds no .ts files.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const DIR = 'tests/bench';
const files = existsSync(DIR) ? readdirSync(DIR).filter((name) => name.endsWith('.bench.ts')).sort() : [];
const nodeBenches = files.filter((name) => !name.endsWith('.browser.bench.ts'));
const browserBenches = files.filter((name) => name.endsWith('.browser.bench.ts'));

if (nodeBenches.length === 0) console.log(`bench: no *.bench.ts files in ${DIR}/`);
const failures = [];
for (const name of nodeBenches) {
  console.log(`\n== ${name}`);
  const result = spawnSync('node', ['--import', 'tsx', join(DIR, name)], { stdio: 'inherit' });
  if (result.status !== 0) failures.push(name);
}
if (browserBenches.length) {
  console.log(`\n== ${browserBenches.join(', ')} (Chromium)`);
  const result = spawnSync('node', [join(DIR, 'run-browser-bench.js'), ...browserBenches.map((name) => join(DIR, name))], { stdio: 'inherit' });
  if (result.status !== 0) failures.push('browser benchmarks');
}

if (failures.length) {
  console.log(`\nbench failed: ${failures.join(', ')}`);
  process.exit(1);
}
