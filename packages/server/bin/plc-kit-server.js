#!/usr/bin/env node
// `plc-kit-server serve | token | openapi` (`npx @plc-kit/server serve`): see dist/cli.js.
import { main } from '../dist/cli.js';

await main(process.argv.slice(2));
