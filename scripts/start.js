// `npm start`: serves the repository with @web/dev-server and prints the demo's address. The
// TypeScript in src/ and components/ is compiled by esbuild as it is served, so nothing needs
// building first. The demo keeps its data in the browser (IndexedDB): no server, no database.
//
// `npm run start:server` (`node scripts/start.js --server`) also starts a plc-kit server from the
// sources, on embedded PGlite in .tmp-demo-server/ (development tokens on, CORS for the demo's
// origin only), and prints the demo's address with `?server=`: every browser that opens it
// shares one school. Stop both with Ctrl-C.
//
// The demo opens offline once visited: examples/demo/offline.ts registers /examples/sw.js, the
// service worker (scripts/service-worker.js) served here without a precache list, so it keeps
// the last copy of each file the demo loaded.
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

const { bundleServiceWorker } = await import('./service-worker.js');
const serviceWorker = await bundleServiceWorker();

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
    middleware: [
      (context, next) => {
        if (context.path !== '/examples/sw.js') return next();
        context.type = 'text/javascript';
        context.set('cache-control', 'no-cache');
        context.body = serviceWorker;
        return undefined;
      },
    ],
    plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) })],
  },
});
const demo = `http://${HOST}:${port}/examples/index.html`;

if (process.argv.includes('--server')) {
  // The server from the TypeScript sources (never a stale dist/), through tsx.
  const { register } = await import('tsx/esm/api');
  register();
  const { createServer, jsonLogger } = await import('../src/server/index.ts');
  const apiPort = await freePort(Number(process.env.PLC_PORT) || 8787);
  const log = jsonLogger();
  const server = createServer({
    // A fixed development secret: tokens come only from this machine's /v1/dev/token.
    auth: { secret: 'plc-kit-demo-only-secret-not-for-production-0123' },
    devTokens: true,
    corsOrigins: [`http://${HOST}:${port}`],
    dataDir: process.env.PLC_DATA_DIR || fileURLToPath(new URL('../.tmp-demo-server', import.meta.url)),
    log: (line) => (line.level === 'info' ? undefined : log(line)),
  });
  const api = await server.listen(apiPort, '127.0.0.1');
  const stop = () => server.close().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(`plc-kit server (development tokens, data in .tmp-demo-server/): ${api}`);
  console.log(`plc-kit demo on that server: ${demo}?server=${api}`);
} else {
  console.log(`plc-kit demo: ${demo}`);
}
