// `npm test`: lint, type-check, the core tests in Node, the DOM tests in Chromium and the consumer
// test (the packed tarball in a Vite + React project, tests/consumer/), then one closing line
// "N passed, N failed" that sums them all. Lint and the type-check count as one check each.
// Flags: --only static|unit|server|browser|consumer runs one part.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium, ensurePgbouncer } from './browser.js';
import { bundleTests, originalsIn } from './test-bundles.js';

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const wants = (part) => !only || only === part;
const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];
/** Each failed test with its error's first lines, repeated at the end (see {@link failuresOf}). */
const failures = [];
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(0)} s`;

/** Starts timing a part; `done()` says how long it took. */
function timing() {
  const started = Date.now();
  return () => seconds(started);
}
const wholeRun = timing();

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: options.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8', env: { ...process.env, ...options.env } });
  if (options.capture && result.stdout) process.stdout.write((result.stdout = originalsIn(result.stdout)));
  return result;
}

/**
 * Starts a command beside whatever runs next, its output kept in a file (a pipe left unread while
 * the next part runs synchronously would fill and stall it); `finish()` waits for it and prints
 * the output, and returns it with the exit status and the seconds it took.
 */
function startBeside(command, args, env = {}) {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'plc-kit-test-report-'));
  const out = openSync(join(dir, 'stdout'), 'w');
  const child = spawn(command, args, { stdio: ['ignore', out, out], env: { ...process.env, ...env } });
  // The time it took is taken when it ends, not when finish() is called.
  const exited = new Promise((resolve) => child.on('close', (status) => resolve({ status, took: seconds(started) })));
  return {
    async finish() {
      const { status, took } = await exited;
      closeSync(out);
      const stdout = originalsIn(readFileSync(join(dir, 'stdout'), 'utf8'));
      rmSync(dir, { recursive: true, force: true });
      process.stdout.write(stdout);
      return { stdout, status, took };
    },
  };
}

/** Runs checks (name, command, args) side by side and counts each as one passed or failed check. */
async function checks(list) {
  const done = timing();
  const running = list.map(([name, command, args]) => [name, startBeside(command, args)]);
  for (const [name, child] of running) {
    console.log(`\n== ${name}`);
    const { status, took } = await child.finish();
    console.log(`(${name}: ${took}, run beside the other checks)`);
    if (status === 0) totals.passed += 1;
    else {
      totals.failed += 1;
      problems.push(name);
    }
  }
  console.log(`(static checks: ${done()})`);
}

/** Node 20 finds no .ts tests when given a folder and passes silently, so list every file. */
function listFiles(dir, accept) {
  let out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(listFiles(path, accept));
    else if (accept(path)) out.push(path);
  }
  return out.sort();
}

// Lint and the type-check each compute on one core: side by side on two.
if (wants('static')) {
  await checks([
    ['lint (eslint)', 'npx', ['eslint', '.']],
    ['type-check (tsc --noEmit)', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ]);
}

/**
 * `concurrency` is how many test files run at once (node's default is one less than the cores:
 * one file at a time here); `v8Flags` go to node, and through it to each test file's process;
 * `bundled` runs the files' bundles (made below) instead of the files through tsx.
 * Each run prints its slowest files last (scripts/file-times-reporter.js).
 */
const nodeTestArgs = (files, { timeoutMs = 180000, concurrency, v8Flags = [], bundled = false }) => [
  ...v8Flags,
  ...(bundled && bundles.size ? ['--enable-source-maps'] : ['--import', 'tsx']),
  '--test',
  `--test-timeout=${timeoutMs}`,
  ...(concurrency ? [`--test-concurrency=${concurrency}`] : []),
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=./scripts/file-times-reporter.js',
  '--test-reporter-destination=stdout',
  ...(bundled && bundles.size ? files.map((file) => bundles.get(file)) : files),
];

/**
 * The "failing tests" section the spec reporter prints at the end of a `node --test` run, without
 * the stack frames of Node's own test runner: repeated at the end of `npm test`, so a log cut to
 * its head and tail (a CI summary) still says what failed and why.
 */
function failuresOf(label, stdout) {
  const start = stdout.indexOf('\n✖ failing tests:');
  if (start < 0) return;
  const end = stdout.indexOf('\nℹ slowest files', start);
  const lines = stdout
    .slice(start + 1, end < 0 ? undefined : end)
    .split('\n')
    .filter((line) => line.trim() && !/^\s*at (node:|Test\.|new Promise|new SafePromise|Array\.map|async Promise\.all|process\.processTicksAndRejections)/.test(line));
  failures.push(`${label}:\n${lines.slice(1, 80).join('\n')}${lines.length > 80 ? `\n(${lines.length - 80} more lines above)` : ''}`);
}

/** Adds the counts a `node --test` run printed; `label` names the part in the summary. */
function tally(label, files, result) {
  const count = (label) => Number((result.stdout.match(new RegExp(`^ℹ ${label} (\\d+)$`, 'm')) ?? [])[1] ?? NaN);
  const [passed, failed, skipped, cancelled] = [count('pass'), count('fail'), count('skipped'), count('cancelled')];
  if (Number.isNaN(passed) || files.length === 0 || passed + failed === 0) {
    totals.failed += 1;
    problems.push(`${label}: no result (no files, or the runner crashed)`);
  } else {
    totals.passed += passed;
    totals.failed += failed + (cancelled || 0);
    totals.skipped += skipped || 0;
    if (failed || cancelled) problems.push(`${label}: ${failed + (cancelled || 0)} failed`);
    if (failed || cancelled) failuresOf(label, result.stdout);
    if (result.status !== 0 && !failed && !cancelled) {
      totals.failed += 1;
      problems.push(`${label}: the runner exited non-zero`);
    }
  }
}

/**
 * Runs Node test files and adds their counts. A test that hangs (a child process that never
 * answers, a wait without end) fails after `timeoutMs` (three minutes unless said) instead of
 * stalling the run; `env` is added to the environment.
 */
function nodeTests(label, files, options = {}) {
  const done = timing();
  tally(label, files, run('node', nodeTestArgs(files, options), { capture: true, env: options.env }));
  console.log(`(${label}: ${done()})`);
}

/** Starts a `node --test` run beside whatever runs next; `finish()` prints it and adds the counts. */
function nodeTestsBeside(label, files, options = {}) {
  const child = startBeside('node', nodeTestArgs(files, options), options.env);
  return {
    async finish() {
      const { stdout, status, took } = await child.finish();
      tally(label, files, { stdout, status });
      console.log(`(${label}: ${took}, run beside the parts before it)`);
    },
  };
}

const coreFiles = wants('unit') ? listFiles('tests/unit', (p) => p.endsWith('.test.ts') && !p.endsWith('.browser.test.ts')) : [];
const serverFiles = wants('server') ? listFiles('tests/server', (p) => p.endsWith('.test.ts')) : [];

// The core and server test files run from bundles (scripts/test-bundles.js), made here in one
// esbuild call (about 1.5 CPU-seconds for all of them): Node 20 loading a test file's hundreds of
// TypeScript modules through tsx's hooks, off its main thread, cost each test process about 2
// CPU-seconds (tests/server/wire.test.ts: 4.1-5.6 CPU-s with tsx, 2.6-3.0 from its bundle). Measured
// on 2026-12-07 (two cores shared, load average 10-13): the core tests took 97.6 CPU-seconds and
// 154 s with tsx, 56.3 and 105 s from bundles (1,384 passed each time); the server part with
// DATABASE_URL, tsx and bundles alternating (load average 8-14), 511 and 556 CPU-seconds (846 and
// 857 s) with tsx, 418 and 405 (622 and 538 s) from bundles: 23% less CPU (node, Chromium, esbuild;
// PostgreSQL's own not counted), 476 tests each time, one timing flake in one run of each kind.
/** Each test file's bundle, by the file's path. */
const bundles = new Map();
if (coreFiles.length || serverFiles.length) {
  const done = timing();
  const files = [...coreFiles, ...serverFiles];
  try {
    (await bundleTests(files)).forEach((bundle, i) => bundles.set(files[i], bundle));
    console.log(`(bundled ${files.length} test files: ${done()})`);
  } catch (error) {
    // A file esbuild cannot read (a syntax error) fails as a test file, as it would through tsx.
    console.log(`(bundling the test files failed, so they run through tsx: ${error.message.split('\n')[0]})`);
  }
}

if (wants('unit')) {
  console.log('\n== core tests (node --test)');
  // Each file is a process of its own that mostly computes on one core: as many at once as cores.
  // Node 20 applies --test-timeout to each file as a whole too: tests/unit/lifecycle/properties.test.ts
  // took 45 s under a load average of 15, 107 s near 25 and passed 180 s above that, so a core file
  // gets six minutes (a test that hangs still fails).
  nodeTests('core tests', coreFiles, { concurrency: availableParallelism(), timeoutMs: 360_000, bundled: true });
}

// Which server test files run on which database. PGlite is the default deployment, so every
// route runs on it; the same SQL must also work on PostgreSQL (CI sets DATABASE_URL), and a test
// file costs CPU mostly for what it starts (about 3 CPU-seconds of imports through tsx, about 1
// from its bundle, 3 more to open PGlite), so a file runs on PostgreSQL only where that tests SQL the others do not:
//  - on PGlite (DATABASE_URL empty): every file but the PostgreSQL-only ones (NEEDS_POSTGRES);
//    the files without a database (pure steps, settings) run here once and nowhere else;
//  - on PostgreSQL: the storage and SQL files (BOTH_DATABASES: pushes, pulls, records, the store
//    conformance suites, migrations and restarts, faults with killed processes, erasure), the
//    HTTP-level files that are the only test of some repository's statements, and the
//    PostgreSQL-only ones. The other HTTP-level files (CORS, the embed page, figures, meeting
//    notes, sharing sessions, wire messages, Chromium) run on PGlite only: all their SQL runs on
//    both in the files above.
//  - the check "SQL on both databases": every test database and child server records the
//    statements it runs (tests/support/sql-statements.ts, PLC_TEST_SQL_DIR), and a statement that
//    ran on PGlite but never on PostgreSQL fails the run, naming the files that ran it: add a
//    storage test for it, or the file to BOTH_DATABASES.
// Each test file has its own PGlite folder or PostgreSQL schema (or scratch database), its own
// loopback ports and temporary folders. Three files at once (six at once took longer on a quiet
// machine, 532 s against 483 s, and a Chromium test lost a handle to a re-render under the load):
//  - the PGlite files, two at a time in one run: each of the two takes the next file when its
//    last one ends, so neither waits with nothing to do while the other has files left (three
//    runs of one file at a time, with the Chromium-driving files in a run of their own, ended
//    far apart: on a loaded machine the Chromium run after 741 s, the PostgreSQL run after
//    1,124 s and the other PGlite files after 1,397 s, the last 270 s on one core);
//  - the PostgreSQL files, one at a time, beside them.
// Measured on 2026-12-07 (two cores shared, load average 5-10, through tsx): the server part
// took 277 s and 431 CPU-seconds (node, Chromium, esbuild: PostgreSQL's own not counted); the PostgreSQL pass
// ended about 65 s before the PGlite run, whose two workers then ended 2 s apart, so no core waited
// at the end. Starting the Chromium-driving files first (node:test's run() keeps the order given,
// where `node --test` sorts) did not help: 279 s and 492 CPU-seconds, those files slower side by
// side (offline-app 35 -> 56 s, student-classroom 32 -> 46 s). Most of such a file's CPU is
// Chromium's: drafts-e2e alone took 51-54 CPU-seconds, about 30 of them Chromium's, and its dev
// server's modules 1-2 in the test process's profile.
// The consumer test runs beside these (see below).
// The server runs take --liftoff-only (helpers.ts hands it on to child servers): optimising
// PGlite's WebAssembly cost a short-lived test process more CPU than it saved (push-store.test.ts
// 11.0 -> 7.6 CPU-s, badges.test.ts 22.4 -> 18.7).
const BOTH_DATABASES = [
  // Storage and SQL.
  ...['fault', 'http-store', 'http-store-faults', 'ops', 'pull', 'push', 'push-store', 'records', 'scale-shutdown', 'subject-rights', 'trust-repros'],
  // The only tests of some of their repositories' statements, found by the check (2026-12-07).
  ...['badges', 'lrs', 'lti', 'lti-services', 'notifications', 'privacy-matrix', 'sso', 'staff-feedback', 'student-page', 'surveys', 'vle'],
].map((name) => `tests/server/${name}.test.ts`);
const SERVER_V8_FLAGS = ['--liftoff-only'];
// Node 20 applies --test-timeout to each file as a whole too (and leaves a timed-out file's process
// running): a file sharing the cores with others takes longer than alone, so the server files get
// ten minutes each; a test that hangs still fails, and the tests' own limits still hold.
const SERVER_FILE_TIMEOUT_MS = 600_000;
const source = (path) => readFileSync(path, 'utf8');
const needsPostgres = (path) => source(path).includes('NEEDS_POSTGRES');

/**
 * The statements the PGlite runs recorded that the PostgreSQL run did not, each with the files
 * that ran it (records are named `<file>.<pid>.sql.txt`).
 */
function sqlOnPgliteOnly(pgliteDirs, postgresDir) {
  const read = (dir) =>
    readdirSync(dir).flatMap((name) =>
      readFileSync(join(dir, name), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((statement) => [statement, name.replace(/\.\d+\.sql\.txt$/, '')]),
    );
  const onPostgres = new Set(read(postgresDir).map(([statement]) => statement));
  const missing = new Map();
  for (const [statement, file] of pgliteDirs.flatMap(read)) {
    if (!onPostgres.has(statement)) missing.set(statement, new Set([...(missing.get(statement) ?? []), file]));
  }
  return missing;
}

// The consumer test starts before the server tests and runs beside them: it is mostly builds on
// one core at a time (tsc, rollup, Vite), the server tests tolerate a loaded machine (ten minutes
// a file), and neither shares a port, folder or database with the other. Its output is printed at
// the end. (The browser tests, run beside them too, failed three tests in a run on a machine
// shared under a load average of 20-35: typing into a form key by key outlasted its 20 s, and a
// 3 s wait for a re-render ran out. They keep the machine to themselves, after the server tests.)
const alongside = [];
// plc-kit as people install it: builds dist/ when it is not current (scripts/consumer.js), packs,
// installs into tests/consumer/ (whose own packages stay installed between runs), type-checks,
// builds with Vite and loads the pages in Chromium. Nothing else reads dist/ or tests/consumer/.
// The build is most of its work: alone on a quiet machine the file takes about 73 s, but beside the
// server tests on a machine shared under a load average near 30 it passed fifteen minutes still
// building (rollup had had 33 CPU-seconds in 342 s), so it may take thirty; a hang still fails.
if (wants('consumer')) {
  const consumer = nodeTestsBeside('consumer test', ['tests/consumer/consumer.test.ts'], { timeoutMs: 1_800_000 });
  alongside.push({
    async finish() {
      console.log('\n== consumer test: the packed tarball in a Vite + React 19 + strict TypeScript project');
      await consumer.finish();
    },
  });
}

if (wants('server')) {
  const done = timing();
  const all = serverFiles;
  const pglite = all.filter((p) => !needsPostgres(p));
  const postgres = all.filter((p) => BOTH_DATABASES.includes(p) || needsPostgres(p));
  const unknown = BOTH_DATABASES.filter((p) => !all.includes(p));
  if (unknown.length) throw new Error(`scripts/test.js: BOTH_DATABASES names files that do not exist: ${unknown.join(', ')}`);
  const sqlDirs = { pglite: mkdtempSync(join(tmpdir(), 'plc-kit-sql-')), postgres: mkdtempSync(join(tmpdir(), 'plc-kit-sql-')) };
  const options = (dir, concurrency, env = {}) => ({ timeoutMs: SERVER_FILE_TIMEOUT_MS, concurrency, v8Flags: SERVER_V8_FLAGS, bundled: true, env: { ...env, PLC_TEST_SQL_DIR: dir } });
  const beside = [];
  if (process.env.DATABASE_URL) {
    ensurePgbouncer();
    beside.push(nodeTestsBeside('server tests (PostgreSQL)', postgres, options(sqlDirs.postgres, 1)));
  }
  console.log(`\n== server tests on embedded PGlite (node --test, two files at once)${beside.length ? ', with the PostgreSQL pass (DATABASE_URL) beside them' : ''}`);
  nodeTests('server tests (PGlite)', pglite, options(sqlDirs.pglite, 2, { DATABASE_URL: '' }));
  for (const run of beside) await run.finish();
  if (process.env.DATABASE_URL) {
    console.log('\n== SQL on both databases: every statement run on PGlite also ran on PostgreSQL');
    const missing = sqlOnPgliteOnly([sqlDirs.pglite], sqlDirs.postgres);
    for (const [statement, files] of missing) console.log(`on PGlite only (${[...files].join(', ')}): ${statement.slice(0, 300)}`);
    if (missing.size) {
      totals.failed += 1;
      problems.push(`SQL on both databases: ${missing.size} statements ran on PGlite only (listed above)`);
    } else totals.passed += 1;
  }
  for (const dir of Object.values(sqlDirs)) rmSync(dir, { recursive: true, force: true });
  console.log(`(server part: ${done()})`);
}

if (wants('browser')) {
  console.log('\n== browser tests (@web/test-runner, Chromium)');
  let ready = true;
  try {
    ensureChromium();
  } catch (error) {
    console.error(String(error.message));
    ready = false;
  }
  rmSync('.test-results/browser.json', { force: true });
  if (ready) {
    const done = timing();
    // Each test file reaches its page as one esbuild bundle (web-test-runner.config.js): measured
    // on 2026-12-07 in three alternating pairs on a machine shared under a load average of 5-17,
    // the part took 389-422 CPU-seconds (Chromium, node, esbuild; 282-388 s) against 503-506 served
    // module by module (342-434 s), 17-23% less in each pair, the same tests passing. On a quiet
    // machine (08 Dec, load average under 1 at the start) the wall time barely moved: 240 s
    // bundled, 246 s module by module (571 tests each), as the part's time then goes mostly to
    // what its tests wait for; the saving is CPU, which counts where the cores are shared (CI).
    const result = run('npx', ['wtr']);
    console.log(`(browser tests: ${done()})`);
    let counts;
    try {
      counts = JSON.parse(readFileSync('.test-results/browser.json', 'utf8'));
    } catch {
      counts = undefined;
    }
    if (!counts || counts.passed + counts.failed === 0) {
      totals.failed += 1;
      problems.push('browser tests: no result (the browser did not start, or no file ran)');
    } else {
      totals.passed += counts.passed;
      totals.failed += counts.failed;
      totals.skipped += counts.skipped;
      if (counts.failed) problems.push(`browser tests: ${counts.failed} failed${counts.brokenFiles.length ? ` (broken files: ${counts.brokenFiles.join(', ')})` : ''}`);
      if (counts.failures?.length) failures.push(`browser tests:\n${counts.failures.join('\n')}`);
      if (result.status !== 0 && !counts.failed) {
        totals.failed += 1;
        problems.push('browser tests: the runner exited non-zero');
      }
    }
  } else {
    totals.failed += 1;
    problems.push('browser tests: Chromium is missing');
  }
}

for (const part of alongside) await part.finish();

console.log('');
if (failures.length) console.log(`== what failed (repeated from above)\n${failures.join('\n\n')}\n`);
for (const problem of problems) console.log(`failed: ${problem}`);
console.log(`(npm test: ${wholeRun()})`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed ? 1 : 0);
