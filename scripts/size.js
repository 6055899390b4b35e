// `npm run size`: the gzip -9 size of the minified core and of the bundle against their budgets,
// with the ten biggest contributors to each (as written by rollup, scripts/size-breakdown.js),
// and the files beside the bundle that load only when needed (locale catalogues, the demo);
// exits non-zero when a file is over budget or missing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync, constants } from 'node:zlib';
import { BREAKDOWN_DIR, contributor } from './size-breakdown.js';

const KB = 1024;
const TOP = 10;
const budgets = [
  { name: 'core', file: 'dist/core.min.js', budget: 30 * KB },
  { name: 'bundle', file: 'dist/bundle.js', budget: 60 * KB },
];

const gzipSize = (file) => gzipSync(readFileSync(file), { level: constants.Z_BEST_COMPRESSION }).length;

function printBreakdown(file) {
  const path = `${BREAKDOWN_DIR}/${file.replace(/^dist\//, '')}.json`;
  if (!existsSync(path)) {
    console.log(`  (no breakdown: ${path} is missing; \`npm run build\` writes it)`);
    return;
  }
  const totals = new Map();
  for (const { id, bytes } of JSON.parse(readFileSync(path, 'utf8')).modules) totals.set(contributor(id), (totals.get(contributor(id)) ?? 0) + bytes);
  const sum = [...totals.values()].reduce((a, b) => a + b, 0);
  const rows = [...totals].sort((a, b) => b[1] - a[1]).slice(0, TOP);
  console.log(`  top ${rows.length} of ${totals.size} contributors (each module minified and gzipped alone; share of their sum, ${sum} bytes):`);
  for (const [name, bytes] of rows) console.log(`  ${String(bytes).padStart(8)}  ${((100 * bytes) / sum).toFixed(1).padStart(5)}%  ${name}`);
}

let failed = false;
for (const { name, file, budget } of budgets) {
  if (!existsSync(file)) {
    console.log(`size ${name}: ${file} is missing (run \`npm run build\` first)`);
    failed = true;
    continue;
  }
  const bytes = gzipSize(file);
  const over = bytes > budget;
  console.log(`size ${name}: ${bytes} bytes gzip (budget ${budget})${over ? ` OVER BUDGET by ${bytes - budget} bytes` : ''}`);
  printBreakdown(file);
  failed ||= over;
}

// The bundle's lazily loaded files: not in the budget, listed so that growth there shows too.
if (existsSync('dist')) {
  for (const lazy of readdirSync('dist').filter((f) => /^bundle-.+\.js$/.test(f)).sort()) {
    console.log(`size lazy ${lazy}: ${gzipSize(`dist/${lazy}`)} bytes gzip (loaded only when needed)`);
  }
}
process.exit(failed ? 1 : 0);
