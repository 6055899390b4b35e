// Finds Debian's Chromium for the browser tests, installing it when this machine allows.
// No tool may download a browser of its own: the registry and Debian's packages are all we reach.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';
const INSTALL = 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium';

/** Flags that keep headless Chromium quiet on a closed network, and let it run as root. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Installs Debian packages when this process may (root, with apt-get); returns whether it tried. */
function aptInstall(command, what) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) return false;
  console.log(`${what} is missing: installing Debian's package (${command})`);
  execFileSync('sh', ['-c', command], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return true;
}

/** Returns the browser's path, or throws with the exact command a person must run. */
export function ensureChromium() {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  if (aptInstall(INSTALL, 'Chromium') && existsSync(CHROMIUM)) return CHROMIUM;
  throw new Error(
    `The browser tests need Debian's Chromium at ${CHROMIUM}. Install it with:\n  sudo sh -c '${INSTALL}'\n` +
      'or point CHROME_PATH at an existing Chromium or Chrome binary.',
  );
}

const PGBOUNCER_PATHS = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'];
const PGBOUNCER_INSTALL = 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y pgbouncer';

/**
 * Installs Debian's PgBouncer for the PostgreSQL pass of the server tests, when this machine
 * allows (root with apt-get). Without it, tests/server/pgbouncer.test.ts skips with the command.
 * The package's own service is not used: the test starts a PgBouncer of its own on its own port.
 */
export function ensurePgbouncer() {
  if (PGBOUNCER_PATHS.some((path) => existsSync(path))) return;
  try {
    aptInstall(PGBOUNCER_INSTALL, 'PgBouncer');
  } catch (error) {
    console.error(`PgBouncer could not be installed (${String(error)}): its tests will be skipped.`);
  }
}
