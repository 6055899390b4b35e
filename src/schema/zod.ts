/**
 * The one place plc-kit imports zod. Schemas are built with `zod/mini` (about a quarter of the
 * classic API's bundle size, measured in the foundation commit), and zod's JIT is switched off
 * before any schema is defined so parsing never calls `new Function` and runs under a
 * Content-Security-Policy without `unsafe-eval`. Every schema module imports `z` from here, so
 * this module is always evaluated first. Internal: never re-export `z` from a public entry.
 * @internal
 */
import * as z from 'zod/mini';

z.config({ jitless: true });

export { z };
