import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { describeIssues, parseOrThrow, ValidationError } from '../../../src/index.js';
import { parseSafely } from '../../../src/schema/zod.js';

const issues = (schema: z.ZodMiniType, value: unknown) => {
  const result = parseSafely(schema, value);
  assert.equal(result.success, false);
  return result.error!.issues;
};

describe('describeIssues', () => {
  const Sample = z.object({
    name: z.string().check(z.minLength(1), z.maxLength(5)),
    count: z.int().check(z.minimum(1), z.maximum(3), z.multipleOf(1)),
    even: z.optional(z.number().check(z.multipleOf(2))),
    tags: z.array(z.string()).check(z.minLength(1), z.maxLength(2)),
    kind: z.enum(['a', 'b']),
    nested: z.object({ deep: z.array(z.object({ id: z.string().check(z.regex(/^x/)) })) }),
    either: z.optional(z.union([z.number(), z.boolean()])),
    strict: z.optional(z.strictObject({ keep: z.string() })),
    long: z.optional(z.string().check(z.minLength(3))),
  });
  const valid = { name: 'ab', count: 2, tags: ['t'], kind: 'a', nested: { deep: [{ id: 'x1' }] } };

  it('names every field with a dotted path, including array indexes', () => {
    const problems = describeIssues(issues(Sample, { ...valid, nested: { deep: [{ id: 'x' }, { id: 'y' }] } }));
    assert.deepEqual(problems, [{ path: 'nested.deep.1.id', message: 'contains characters that are not allowed (use letters, digits, - _ . :)' }]);
  });

  it('says what was expected for each kind of problem', () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ name: undefined }, 'name', /^is required$/],
      [{ name: 3 }, 'name', /^must be a string$/],
      [{ count: 'x' }, 'count', /^must be a number$/],
      [{ name: '' }, 'name', /^must not be empty$/],
      [{ long: 'ab' }, 'long', /^must be at least 3 characters$/],
      [{ name: 'abcdef' }, 'name', /^must be at most 5 characters$/],
      [{ count: 0 }, 'count', /^must be at least 1$/],
      [{ count: 4 }, 'count', /^must be at most 3$/],
      [{ tags: [] }, 'tags', /^must have at least 1 item$/],
      [{ tags: ['a', 'b', 'c'] }, 'tags', /^must have at most 2 items$/],
      [{ kind: 'c' }, 'kind', /^must be one of: "a", "b"$/],
      [{ either: 'no' }, 'either', /^does not match any allowed shape$/],
      [{ strict: { keep: 'k', extra: 1, more: 2 } }, 'strict', /^has unknown fields: extra, more$/],
      [{ even: 3 }, 'even', /^must be a multiple of 2$/],
      [{ tags: 'x' }, 'tags', /^must be an array$/],
    ];
    for (const [change, path, message] of cases) {
      const problems = describeIssues(issues(Sample, { ...valid, ...change }));
      const problem = problems.find((p) => p.path === path);
      assert.ok(problem, `${path}: ${JSON.stringify(problems)}`);
      assert.match(problem.message, message, path);
    }
  });

  it('prefixes paths and names the whole value when there is no path', () => {
    assert.deepEqual(describeIssues(issues(z.object({ a: z.string() }), { a: 1 }), 'payload'), [{ path: 'payload.a', message: 'must be a string' }]);
    assert.deepEqual(describeIssues(issues(z.string(), 1)), [{ path: '(value)', message: 'must be a string' }]);
  });
});

describe('ValidationError and parseOrThrow', () => {
  it('returns the parsed value when it is valid', () => {
    assert.deepEqual(parseOrThrow(z.object({ a: z.string() }), { a: 'x' }, 'thing'), { a: 'x' });
  });
  it('throws a ValidationError naming every field, and nothing is changed', () => {
    const value = { a: 1, b: '' };
    const schema = z.object({ a: z.string(), b: z.string().check(z.minLength(1)) });
    assert.throws(
      () => parseOrThrow(schema, value, 'observation'),
      (error: unknown) => {
        assert.ok(error instanceof ValidationError);
        assert.equal(error.name, 'ValidationError');
        assert.equal(error.message, 'observation is not valid: a must be a string; b must not be empty');
        assert.deepEqual(error.problems.map((p) => p.path), ['a', 'b']);
        return true;
      },
    );
    assert.deepEqual(value, { a: 1, b: '' });
  });
});
