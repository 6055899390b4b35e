#!/usr/bin/env node
// The plc-kit command (`npx plc-kit serve`, `token`, `openapi`: bin/cli.js). The server is its own
// package, @plc-kit/server, so that browser users of plc-kit install no server dependency; this
// command runs it when it is installed, and says how to install it when it is not. In a clone of
// the repository it runs the server from this repository's TypeScript sources through tsx (or
// dist/ when tsx is missing); both need the development dependencies.
import { existsSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const argv = process.argv.slice(2);
const clone = existsSync(new URL('src/server/index.ts', root));

/**
 * The server module of this clone: its TypeScript sources through tsx (a development dependency),
 * so the command never runs a dist/ older than the sources; the compiled dist/ only without tsx.
 */
async function cloneServer() {
  try {
    const { register } = await import('tsx/esm/api');
    register();
  } catch {
    const built = new URL('dist/src/server/index.js', root);
    if (existsSync(built)) return import(built.href);
    throw new Error('the server is not built and tsx is missing: run `npm install` (or `npm run build`) first.');
  }
  return import(new URL('src/server/index.ts', root).href);
}

if (clone) {
  const { main } = await import('./cli.js');
  await main(argv, cloneServer);
} else {
  let cli;
  try {
    cli = await import('@plc-kit/server/cli');
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('@plc-kit/server')) throw error;
    console.error(
      'plc-kit: the plc-kit server is its own package, so that browser users install none of it.\n' +
        '  npm install @plc-kit/server     then run this command again\n' +
        '  npx @plc-kit/server serve       or run it without installing',
    );
    process.exit(1);
  }
  await cli.main(argv);
}
