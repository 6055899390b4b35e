import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROMIUM, CHROMIUM_ARGS } from './scripts/browser.js';
import { countingReporter } from './scripts/counting-reporter.js';
import { forcedColorsPlugin, resultsReporter } from './scripts/wtr-a11y.js';
import { defaultReporter } from '@web/test-runner';
import { bundledTestFiles } from './scripts/wtr-bundles.js';

const FILES = ['tests/**/*.browser.test.ts', 'tests/components/**/*.test.ts', 'tests/e2e/**/*.test.ts'];
// Loads a second copy of the elements through query-string URLs next to its own: needs the modules
// at their own URLs.
const UNBUNDLED = ['tests/components/collision.test.ts'];
// Each test file reaches its page as one esbuild bundle (scripts/wtr-bundles.js), not as the ~520
// modules it imports. Watching, debugging (--manual) and coverage keep the sources, module by
// module, as does PLC_WTR_SOURCES=1 (to compare, or to read a module on its own in DevTools).
const bundled = process.env.PLC_WTR_SOURCES !== '1' && !['--watch', '--manual', '--coverage'].some((flag) => process.argv.includes(flag));

// Every test that touches the DOM, IndexedDB or layout runs here, in Debian's real Chromium.
export default {
  files: FILES,
  middleware: bundled ? [bundledTestFiles({ files: FILES, unbundled: UNBUNDLED, target: 'es2022', tsconfig: './tsconfig.json' })] : [],
  // Lit and xstate in their development builds (the "development" condition @web/test-runner
  // resolves by default), so their dev-mode checks and warnings run in every test: the production
  // builds (exportConditions: ['production']) saved nothing, 298.6 against 299.8 CPU-seconds for
  // the whole browser part (Chromium included, 566 tests, 2026-12-07).
  nodeResolve: true,
  concurrency: 2,
  concurrentBrowsers: 1,
  // 20 s per test: typing a form key by key takes a few seconds when the machine is busy (CI shares
  // its two cores); a test that waits for something that never comes still fails.
  testFramework: { config: { timeout: 20000 } },
  // A file's tests must all end within ten minutes: on a machine shared under a load average of
  // 25-35, tests/components/a11y-states.test.ts (axe over every state, the longest file) took more
  // than five (each test still has its own 20 s).
  testsFinishTimeout: 600000,
  browserStartTimeout: 60000,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), forcedColorsPlugin()],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS },
      // Each test page in a browser context (a window) of its own: as a background tab of a
      // shared window a page is hidden, and Chromium then runs no layout or ResizeObserver.
      // The price is paid per file: served module by module, a file that loads the elements
      // (about 520 modules, 4.2 MB of source) cost about 2.7 CPU-seconds more than none (Chromium
      // 2.1, the dev server 0.6), and as one bundle 0.85 (Chromium 0.8): six such files against
      // one, two runs each, 2026-12-07. Windows of one shared context instead (one
      // HTTP cache) cost no less for the whole part (336.5 against about 300 CPU-seconds) and
      // would share storage between files that run at once (localStorage 'plc-kit-demo').
      createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
    }),
  ],
  reporters: [defaultReporter({ reportTestResults: true, reportTestProgress: false }), countingReporter(), resultsReporter()],
};
