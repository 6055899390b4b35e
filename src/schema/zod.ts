/**
 * How plc-kit runs its own parses: with options given to each parse, never through zod's global
 * `config()`, so importing plc-kit leaves the host's zod as it was (its schemas keep their JIT and
 * their own messages). zod is a peer dependency: the host's copy is plc-kit's copy.
 *
 * - `jitless`: a parse never compiles a parser with `new Function`, so plc-kit runs under a
 *   Content-Security-Policy without `unsafe-eval` even when an integrator hands it a schema built
 *   with zod's classic API (whose objects compile a fast path by default). plc-kit's own schemas
 *   use `zod/mini`, whose objects never compile one.
 * - `error`: issues leave out the input unless a parse asks for it, so errors.ts could not tell a
 *   missing field from one of the wrong type: this map says which, where the input is still known.
 *   A schema's own messages come first, as with any per-parse map.
 *
 * plc-kit uses `zod/mini`: about a third of the classic API's size for the same schemas.
 * @internal
 */
import { safeParse, type core } from 'zod/mini';

/** What {@link parseSafely} returns: the data, or the issues. */
export type ParseResult<T> = { success: true; data: T; error?: never } | { success: false; data?: never; error: core.$ZodError<T> };

/** The options of every parse plc-kit runs (zod's `ParseContext`). */
export const PARSE_OPTIONS: core.ParseContext<core.$ZodIssue> = Object.freeze({
  jitless: true,
  error: (issue: core.$ZodRawIssue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined),
});

/** What a fast path answers when zod itself must parse (for the result, or for its errors). */
export const FALLBACK: unique symbol = Symbol('zod parses');

/**
 * A fast path tried before zod: zod's exact output for a value zod accepts, or {@link FALLBACK}.
 * The server installs the compiled one (`compiledParse.ts`); the browser bundle never loads it.
 */
let fastPath: ((schema: core.$ZodType, value: unknown) => unknown) | undefined;

/** Installs (or, with undefined, removes) the fast path {@link parseSafely} tries first. */
export function useFastPath(parse: typeof fastPath): void {
  fastPath = parse;
}

/** Parses `value` with `schema` (plc-kit's or an integrator's, mini or classic) under {@link PARSE_OPTIONS}. */
export function parseSafely<T extends core.$ZodType>(schema: T, value: unknown): ParseResult<core.output<T>> {
  if (fastPath) {
    const data = fastPath(schema, value);
    if (data !== FALLBACK) return { success: true, data: data as core.output<T> };
  }
  return safeParse(schema, value, PARSE_OPTIONS) as ParseResult<core.output<T>>;
}
