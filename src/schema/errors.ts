/**
 * Turns zod issues into messages a developer or a person can act on: each names the field (its
 * path) and says what was expected. Our own wording keeps zod's locale bundles out of the build.
 */
import type * as z from 'zod/mini';
import { parseSafely } from './zod.js';

type Issue = z.core.$ZodIssue;

/** One problem with one field: `path` is dotted (`question.successCriteria.0`). */
export interface FieldProblem {
  path: string;
  message: string;
}

function expected(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      // zod.ts marks missing values: issues carry no input unless a parse asks for it.
      return issue.message === 'is required' ? 'is required' : `must be ${article(issue.expected)}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`;
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at most ${issue.maximum} items`;
      return `must be at most ${issue.maximum}`;
    case 'invalid_format':
      if (issue.format === 'url') return 'must be an http or https link';
      if (issue.format === 'datetime') return 'must be an ISO 8601 date and time in UTC, such as 2025-09-04T08:30:00.000Z';
      if (issue.format === 'date') return 'must be a date such as 2025-09-04';
      // A schema's own message ("must start with ...") says more than the general one.
      if (issue.format === 'regex') return issue.message.startsWith('must ') ? issue.message : 'contains characters that are not allowed (use letters, digits, - _ . :)';
      return `must be a valid ${issue.format}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return 'does not match any allowed shape';
    case 'unrecognized_keys':
      return `has unknown field${issue.keys.length === 1 ? '' : 's'}: ${issue.keys.join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    default:
      return issue.message && issue.message !== 'Invalid input' ? issue.message : 'is not valid';
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** Lists every problem in a zod error, one per field. */
export function describeIssues(issues: readonly Issue[], prefix = ''): FieldProblem[] {
  return issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    return { path: path || '(value)', message: expected(issue) };
  });
}

/**
 * Thrown when data fails validation at a boundary (an event appended, a record loaded, a file
 * imported). `problems` names every field and what was expected; nothing was changed.
 */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  readonly problems: FieldProblem[];
  constructor(what: string, problems: FieldProblem[]) {
    super(`${what} is not valid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
    this.problems = problems;
  }
}

/**
 * Parses `value` with `schema`, or throws a {@link ValidationError} naming each field.
 * @param what how the value is named in the message, e.g. `"observation"`.
 */
export function parseOrThrow<T extends z.core.$ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = parseSafely(schema, value);
  if (!result.success) throw new ValidationError(what, describeIssues(result.error.issues));
  return result.data as z.infer<T>;
}
