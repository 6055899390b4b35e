/**
 * A tiny assertion helper that runs the same in Node and in the browser (no `node:assert`, no
 * chai), so a shared suite such as the store conformance suite can run under node:test and under
 * @web/test-runner's mocha alike. Failures say what differed and where.
 */

/** Thrown when an assertion fails. */
export class AssertionError extends Error {
  override readonly name = 'AssertionError';
}

const show = (value: unknown): string => {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}...` : value);
  try {
    const text = JSON.stringify(value);
    return text.length > 300 ? `${text.slice(0, 300)}...` : text;
  } catch {
    return String(value);
  }
};

const fail = (message: string | undefined, detail: string): never => {
  throw new AssertionError(message ? `${message}: ${detail}` : detail);
};

/** Asserts that `value` is truthy. */
export function ok(value: unknown, message?: string): asserts value {
  if (!value) fail(message, `expected a truthy value, got ${show(value)}`);
}

/** Asserts `Object.is(actual, expected)`. */
export function equal<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
  if (!Object.is(actual, expected)) fail(message, `expected ${show(expected)}, got ${show(actual)}`);
}

/** Asserts `!Object.is(actual, unexpected)`. */
export function notEqual(actual: unknown, unexpected: unknown, message?: string): void {
  if (Object.is(actual, unexpected)) fail(message, `expected anything but ${show(unexpected)}`);
}

/** Where two values first differ, or undefined when they are deeply equal. */
export function difference(actual: unknown, expected: unknown, path = '(value)'): string | undefined {
  if (Object.is(actual, expected)) return undefined;
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) {
    return `${path}: expected ${show(expected)}, got ${show(actual)}`;
  }
  if (Array.isArray(actual) !== Array.isArray(expected)) return `${path}: expected ${Array.isArray(expected) ? 'an array' : 'an object'}`;
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length) return `${path}: expected ${expected.length} items, got ${actual.length}`;
    for (let i = 0; i < actual.length; i += 1) {
      const found = difference(actual[i], expected[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  // A property holding undefined counts as absent, as it does once the data goes through JSON.
  const keys = (value: object) => Object.keys(value).filter((key) => (value as Record<string, unknown>)[key] !== undefined).sort();
  const [ka, ke] = [keys(actual), keys(expected)];
  const missing = ke.filter((key) => !ka.includes(key));
  const extra = ka.filter((key) => !ke.includes(key));
  if (missing.length || extra.length) {
    return `${path}: ${missing.length ? `missing ${missing.join(', ')}` : ''}${missing.length && extra.length ? '; ' : ''}${extra.length ? `unexpected ${extra.join(', ')}` : ''}`;
  }
  for (const key of ke) {
    const found = difference((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}

/** Asserts that two plain-data values are equal all the way down (undefined properties count as absent). */
export function deepEqual<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
  const found = difference(actual, expected);
  if (found) fail(message, found);
}

/** Asserts that two values differ somewhere. */
export function notDeepEqual(actual: unknown, expected: unknown, message?: string): void {
  if (!difference(actual, expected)) fail(message, `expected the values to differ, both are ${show(actual)}`);
}

/** Asserts that `text` matches `pattern`. */
export function match(text: unknown, pattern: RegExp, message?: string): void {
  if (typeof text !== 'string' || !pattern.test(text)) fail(message, `expected ${show(text)} to match ${pattern}`);
}

/** What a thrown error must look like: every given field is compared. */
export interface ErrorExpectation {
  /** The error's class (checked with instanceof). */
  type?: abstract new (...args: never[]) => Error;
  name?: string;
  code?: string;
  field?: string;
  message?: RegExp;
}

function checkError(error: unknown, expected: ErrorExpectation, message?: string): Error {
  if (!(error instanceof Error)) return fail(message, `expected an Error to be thrown, got ${show(error)}`);
  const details = error as Error & { code?: unknown; field?: unknown };
  if (expected.type && !(error instanceof expected.type)) fail(message, `expected a ${expected.type.name}, got ${details.name}: ${details.message}`);
  if (expected.name !== undefined && error.name !== expected.name) fail(message, `expected error name ${expected.name}, got ${error.name}: ${error.message}`);
  if (expected.code !== undefined && details.code !== expected.code) fail(message, `expected code ${show(expected.code)}, got ${show(details.code)}: ${error.message}`);
  if (expected.field !== undefined && details.field !== expected.field) fail(message, `expected field ${show(expected.field)}, got ${show(details.field)}: ${error.message}`);
  if (expected.message && !expected.message.test(error.message)) fail(message, `expected the message to match ${expected.message}, got ${show(error.message)}`);
  return error;
}

/** Asserts that `fn` throws an error like `expected`; returns the error. */
export function throws(fn: () => unknown, expected: ErrorExpectation = {}, message?: string): Error {
  try {
    fn();
  } catch (error) {
    return checkError(error, expected, message);
  }
  return fail(message, 'expected an error to be thrown, but none was');
}

/** Asserts that a promise (or an async function) rejects with an error like `expected`; returns the error. */
export async function rejects(action: Promise<unknown> | (() => Promise<unknown>), expected: ErrorExpectation = {}, message?: string): Promise<Error> {
  try {
    // A function that throws synchronously counts as a rejection too.
    await (typeof action === 'function' ? action() : action);
  } catch (error) {
    return checkError(error, expected, message);
  }
  return fail(message, 'expected a rejection, but the promise resolved');
}

/** Waits until `condition` holds, polling every 10 ms, or fails after `timeoutMs`. */
export async function eventually(condition: () => boolean | Promise<boolean>, message = 'condition', timeoutMs = 3_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) fail(undefined, `timed out after ${timeoutMs} ms waiting for ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
