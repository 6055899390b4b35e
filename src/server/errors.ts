/**
 * Errors the HTTP API answers with. Every error body has the same shape, `{ error, message,
 * field?, problems? }`, where `error` is a stable code: the store's codes (`invalid`,
 * `not-found`, `stale`, `conflict`, `corrupt`, `unavailable`) so an HTTP store adapter can throw
 * the same `StoreError`, plus the HTTP ones below.
 * @module
 */
import type { FieldProblem } from '../schema/errors.js';
import { StaleWriteError, StoreError } from '../store/store.js';

/** A stable error code of the HTTP API. */
export type ErrorCode =
  | StoreError['code']
  | 'unauthorized'
  | 'left'
  | 'forbidden'
  | 'precondition-required'
  | 'too-large'
  | 'unsupported-media-type'
  | 'rate-limited'
  | 'internal';

/** The JSON body of every error response. */
export interface ErrorBody {
  error: ErrorCode;
  message: string;
  /** The field, path or id at fault (`events.3.payload.title`, `If-Match`, `people/p-ana`). */
  field?: string;
  /** Every field at fault and what was expected. */
  problems?: FieldProblem[];
  /** A policy refusal's stable code (see `POLICY_REASONS`). */
  reason?: string;
  [extra: string]: unknown;
}

/** An error with its HTTP status and body. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly status: number;
  readonly body: ErrorBody;
  readonly headers: Record<string, string>;
  constructor(status: number, body: ErrorBody, headers: Record<string, string> = {}) {
    super(body.message);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

/** 400 naming the field and what was expected. */
export const badRequest = (field: string, message: string, problems?: FieldProblem[]) =>
  new HttpError(400, { error: 'invalid', message: `${field} ${message}`, field, problems: problems ?? [{ path: field, message }] });

/** 413 naming what is too large. */
export const tooLarge = (field: string, message: string) => new HttpError(413, { error: 'too-large', message: `${field} ${message}`, field });

/** 404 for a missing record or enquiry. */
export const notFound = (field: string, message: string) => new HttpError(404, { error: 'not-found', message, field });

/** 403 with the policy's stable code and reason. */
export const forbidden = (reason: string, message: string, field?: string) =>
  new HttpError(403, { error: 'forbidden', reason, message, ...(field ? { field } : {}) });

const STATUS: Record<StoreError['code'], number> = {
  invalid: 400,
  corrupt: 400,
  'not-found': 404,
  stale: 412,
  conflict: 409,
  quota: 507,
  closed: 503,
  unavailable: 503,
};

/** The HTTP form of a store error, keeping its code, field and problems. */
export function fromStoreError(error: StoreError): HttpError {
  const body: ErrorBody = { error: error.code, message: error.message };
  if (error.field !== undefined) body.field = error.field;
  if (error.problems.length) body.problems = error.problems;
  if (error instanceof StaleWriteError) {
    body.expectedVersion = error.expectedVersion;
    body.actualVersion = error.actualVersion ?? null;
  }
  // A database that is briefly away (a dropped connection, a restart): say when to try again.
  const headers: Record<string, string> = error.code === 'unavailable' ? { 'retry-after': '1' } : {};
  return new HttpError(STATUS[error.code], body, headers);
}
