// `npm run size`: the gzip -9 size of the minified core and of the single-file bundle against
// their budgets; exits non-zero when one is over budget or missing.
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync, constants } from 'node:zlib';

const KB = 1024;
const budgets = [
  { name: 'core', file: 'dist/core.min.js', budget: 30 * KB },
  { name: 'bundle', file: 'dist/bundle.js', budget: 60 * KB },
];

let failed = false;
for (const { name, file, budget } of budgets) {
  if (!existsSync(file)) {
    console.log(`size ${name}: ${file} is missing (run \`npm run build\` first)`);
    failed = true;
    continue;
  }
  const bytes = gzipSync(readFileSync(file), { level: constants.Z_BEST_COMPRESSION }).length;
  const over = bytes > budget;
  console.log(`size ${name}: ${bytes} bytes gzip (budget ${budget})${over ? ` OVER BUDGET by ${bytes - budget} bytes` : ''}`);
  failed ||= over;
}
process.exit(failed ? 1 : 0);
