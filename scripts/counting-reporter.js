// A @web/test-runner reporter that writes reliable counts to a file: the runner's own summary
// shows "0 passed, 0 failed" when a file fails to import, so broken files count as failures here.
// Each failed test is listed with its error's first lines (`failures`), for `npm test` to repeat at
// the end of its output, where a CI log that keeps only its head and tail still shows them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

/** An error's first six lines, indented under the test's name. */
const firstLines = (message) => String(message).split('\n').slice(0, 6).join('\n  ');

function countSuite(suite, counts, file, path = []) {
  const names = suite.name ? [...path, suite.name] : path;
  for (const test of suite.tests ?? []) {
    if (test.skipped) counts.skipped += 1;
    else if (test.passed) counts.passed += 1;
    else {
      counts.failed += 1;
      counts.failures.push(`${file}: ${[...names, test.name].join(' > ')}\n  ${firstLines(test.error?.message ?? 'no error given')}`);
    }
  }
  for (const child of suite.suites ?? []) countSuite(child, counts, file, names);
}

export function countingReporter(file = '.test-results/browser.json') {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0, brokenFiles: [], failures: [] };
      for (const session of sessions) {
        const before = counts.passed + counts.failed + counts.skipped;
        if (session.testResults) countSuite(session.testResults, counts, relative(process.cwd(), session.testFile));
        const ran = counts.passed + counts.failed + counts.skipped - before;
        if (!session.passed && (session.errors?.length || ran === 0)) {
          counts.failed += 1;
          counts.brokenFiles.push(session.testFile);
          counts.failures.push(`${relative(process.cwd(), session.testFile)}: the file did not run\n  ${firstLines(session.errors?.[0]?.message ?? 'no test ran')}`);
        }
      }
      mkdirSync('.test-results', { recursive: true });
      writeFileSync(file, JSON.stringify(counts, null, 2));
    },
  };
}
