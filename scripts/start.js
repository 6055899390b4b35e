// `npm start`: serves the repository with @web/dev-server and prints the demo's address. The
// TypeScript in src/ and components/ is compiled by esbuild as it is served, so nothing needs
// building first. The demo keeps its data in the browser (IndexedDB): no server, no database.
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HOST = 'localhost';
const FIRST_PORT = Number(process.env.PORT) || 8123;
// Ports of services that commonly run on a developer's machine or in CI: never take them.
const RESERVED = new Set([1883, 3306, 4222, 5432, 5672, 6379]);

if (!existsSync(new URL('../node_modules/@web/dev-server', import.meta.url))) {
  console.error('node_modules is missing: run `npm install` first, then `npm start`.');
  process.exit(1);
}

/** Resolves true when nothing listens on `port` at HOST. */
function isFree(port) {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => probe.close(() => resolve(true)))
      .listen(port, HOST);
  });
}

async function freePort(from) {
  for (let port = from; port < from + 100; port += 1) {
    if (!RESERVED.has(port) && (await isFree(port))) return port;
  }
  throw new Error(`no free port between ${from} and ${from + 99}`);
}

const { startDevServer } = await import('@web/dev-server');
const { esbuildPlugin } = await import('@web/dev-server-esbuild');

const port = await freePort(FIRST_PORT);
await startDevServer({
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
  config: {
    rootDir: ROOT,
    hostname: HOST,
    port,
    open: false,
    watch: true,
    clearTerminalOnReload: false,
    nodeResolve: true,
    plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) })],
  },
});
console.log(`plc-kit demo: http://${HOST}:${port}/examples/index.html`);
