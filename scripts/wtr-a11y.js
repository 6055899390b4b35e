// Two additions to @web/test-runner for the accessibility tests (tests/components/a11y-*.test.ts):
// a command that turns Windows-style forced colours on and off (the runner's emulateMedia does not
// pass `forced-colors` to Chromium, and puppeteer's own call refuses it, so it goes straight to the
// DevTools protocol), and a reporter that writes every test's name and result to a file, which
// scripts/conformance.js reads to mark the conformance report (docs/accessibility.md).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

/** `executeServerCommand('emulate-forced-colors', { active: true })` in a test. */
export function forcedColorsPlugin() {
  const sessions = new Map();
  return {
    name: 'emulate-forced-colors',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-forced-colors') return undefined;
      if (session.browser.type !== 'puppeteer') throw new Error('emulate-forced-colors needs the Chromium launcher');
      const page = session.browser.getPage(session.id);
      // Emulation lasts as long as the protocol session that set it: kept open until turned off.
      let client = sessions.get(page);
      if (!client) sessions.set(page, (client = await page.createCDPSession()));
      await client.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: payload?.active ? 'active' : 'none' }] });
      if (!payload?.active) {
        sessions.delete(page);
        await client.detach();
      }
      return true;
    },
  };
}

function collect(suite, path, file, out) {
  for (const test of suite.tests ?? []) {
    out.push({ file, name: [...path, test.name].join(' > '), status: test.skipped ? 'skipped' : test.passed ? 'passed' : 'failed' });
  }
  for (const child of suite.suites ?? []) collect(child, [...path, child.name], file, out);
}

/**
 * Writes `{ tests: [{ file, name, status }] }` to `file`: the results of the files this run ran,
 * and the earlier results of the files it did not run (so running one file updates its rows).
 */
export function resultsReporter(file = '.test-results/browser-tests.json') {
  return {
    onTestRunFinished({ sessions }) {
      const tests = [];
      const ran = new Set();
      for (const session of sessions) {
        const testFile = session.testFile.replace(`${process.cwd()}/`, '');
        ran.add(testFile);
        if (session.testResults) collect(session.testResults, [], testFile, tests);
        if (!session.passed && session.errors?.length) tests.push({ file: testFile, name: '(the file failed to load)', status: 'failed' });
      }
      let earlier = [];
      try {
        earlier = JSON.parse(readFileSync(file, 'utf8')).tests.filter((test) => !ran.has(test.file));
      } catch {
        earlier = [];
      }
      mkdirSync('.test-results', { recursive: true });
      writeFileSync(file, JSON.stringify({ finishedAt: new Date().toISOString(), tests: [...earlier, ...tests] }, null, 2));
    },
  };
}
