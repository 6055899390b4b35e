// A @web/test-runner reporter that writes reliable counts to a file: the runner's own summary
// shows "0 passed, 0 failed" when a file fails to import, so broken files count as failures here.
import { mkdirSync, writeFileSync } from 'node:fs';

function countSuite(suite, counts) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) counts.skipped += 1;
    else if (test.passed) counts.passed += 1;
    else counts.failed += 1;
  }
  for (const child of suite.suites ?? []) countSuite(child, counts);
}

export function countingReporter(file = '.test-results/browser.json') {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0, brokenFiles: [] };
      for (const session of sessions) {
        const before = counts.passed + counts.failed + counts.skipped;
        if (session.testResults) countSuite(session.testResults, counts);
        const ran = counts.passed + counts.failed + counts.skipped - before;
        if (!session.passed && (session.errors?.length || ran === 0)) {
          counts.failed += 1;
          counts.brokenFiles.push(session.testFile);
        }
      }
      mkdirSync('.test-results', { recursive: true });
      writeFileSync(file, JSON.stringify(counts, null, 2));
    },
  };
}
