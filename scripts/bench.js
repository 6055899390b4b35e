// `npm run bench`: the benchmarks in tests/bench/, never part of `npm test`.
//   *.bench.ts          run in Node through tsx, one process per file
//   *.browser.bench.ts  meant for Chromium; no runner for them yet, so they are listed, not run
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
for (const name of browserBenches) console.log(`bench: ${name} not run (browser benchmarks have no runner yet)`);

if (failures.length) {
  console.log(`\nbench failed: ${failures.join(', ')}`);
  process.exit(1);
}
