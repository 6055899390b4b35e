/**
 * Switches zod's JIT off before any schema is defined, so parsing never calls `new Function` and
 * runs under a Content-Security-Policy without `unsafe-eval`. Every schema module imports this
 * file first (a side-effect import, listed in package.json `sideEffects`), then imports
 * `zod/mini` itself: re-exporting zod's namespace from here would defeat tree-shaking.
 * plc-kit uses `zod/mini`: about a third of the classic API's size for the same schemas
 * (8.9 KB against 24.8 KB gzip, measured in the foundation work).
 * @internal
 */
import { config } from 'zod/mini';

// Issues leave out the input unless a parse asks for it, so errors.ts could not tell a missing
// field from one of the wrong type: say which here, where the input is still known.
config({ jitless: true, customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined) });
