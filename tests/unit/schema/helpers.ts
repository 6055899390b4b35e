/** Assertions shared by the schema tests: a value passes, or fails naming a field. */
import assert from 'node:assert/strict';
import { describeIssues, parseOrThrow, ValidationError, type FieldProblem } from '../../../src/index.js';
import { toJSONSchema } from 'zod/mini';
import { parseSafely } from '../../../src/schema/zod.js';

type Schema = Parameters<typeof parseOrThrow>[0];

/** Parses `value` and returns the parsed data; fails the test with the problems if it is refused. */
export function accepts<T = unknown>(schema: Schema, value: unknown): T {
  try {
    return parseOrThrow(schema, value, 'value') as T;
  } catch (error) {
    assert.fail(`expected the value to pass: ${(error as Error).message}`);
  }
}

/** Asserts the value is refused and returns every problem (field path and message). */
export function problemsOf(schema: Schema, value: unknown): FieldProblem[] {
  // As plc-kit parses: with its per-parse options (src/schema/zod.ts).
  const result = parseSafely(schema, value);
  assert.equal(result.success, false, `expected ${JSON.stringify(value)} to be refused`);
  return describeIssues(result.error!.issues);
}

/**
 * Asserts the value is refused with a problem on `path`, whose message matches `message` when
 * given; returns that problem.
 */
export function refuses(schema: Schema, value: unknown, path: string, message?: RegExp): FieldProblem {
  const problems = problemsOf(schema, value);
  const problem = problems.find((p) => p.path === path);
  assert.ok(problem, `expected a problem on "${path}", got ${JSON.stringify(problems)}`);
  if (message) assert.match(problem.message, message);
  return problem;
}

/** Asserts `parseOrThrow` throws a ValidationError whose message names `path`. */
export function throwsNaming(schema: Schema, value: unknown, what: string, path: string): ValidationError {
  let caught: unknown;
  try {
    parseOrThrow(schema, value, what);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ValidationError, 'expected a ValidationError');
  assert.ok(caught.message.startsWith(`${what} is not valid: `), caught.message);
  assert.ok(caught.problems.some((p) => p.path === path), `expected ${path} in ${caught.message}`);
  return caught;
}

/**
 * Asserts that `ours` does what `zods` (a schema written with zod's own format) does with each
 * value, parsed as plc-kit parses: the same output, the same issues (code, path, format) and the
 * same problems, and the same JSON Schema.
 */
export function parsesAsZod(ours: Schema, zods: Schema, values: readonly unknown[]): void {
  assert.deepEqual(toJSONSchema(ours), toJSONSchema(zods));
  const issuesOf = (result: ReturnType<typeof parseSafely>) =>
    result.error?.issues.map(({ code, path, ...rest }) => ({ code, path, format: 'format' in rest ? rest.format : undefined }));
  for (const value of values) {
    const [a, b] = [parseSafely(ours, value), parseSafely(zods, value)];
    assert.deepEqual(a.data, b.data, String(value));
    assert.deepEqual(issuesOf(a), issuesOf(b), String(value));
    assert.deepEqual(describeIssues(a.error?.issues ?? []), describeIssues(b.error?.issues ?? []), String(value));
  }
}
