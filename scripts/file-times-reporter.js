// A node --test reporter that prints, at the end of a run, how long each test file took: the sum
// of its top-level tests and suites (their hooks included; not the process start), slowest first.
// scripts/test.js adds it beside the spec reporter so every run shows where its time goes. Files run
// from their bundles (scripts/test-bundles.js) are named after their test files.
import { relative } from 'node:path';
import { originalsIn } from './test-bundles.js';

/** How many of the slowest files to list. */
const SHOWN = 15;

export default async function* fileTimes(source) {
  const perFile = new Map();
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { nesting, file, details } = event.data;
    if (nesting !== 0 || !file) continue;
    perFile.set(file, (perFile.get(file) ?? 0) + (details?.duration_ms ?? 0));
  }
  if (perFile.size === 0) return;
  const slowest = [...perFile].sort((a, b) => b[1] - a[1]).slice(0, SHOWN);
  yield `ℹ slowest files (of ${perFile.size}):\n`;
  for (const [file, ms] of slowest) yield `ℹ   ${(ms / 1000).toFixed(1).padStart(6)} s  ${relative(process.cwd(), originalsIn(file))}\n`;
}
