/**
 * The codes of the sync protocol, as plain constants (no schema library), so a browser client
 * imports them without the schemas of wire.ts.
 * @module
 */

/** The codes of a `StoreError`, which every store throws and the server answers with. */
export const STORE_ERROR_CODES = ['invalid', 'not-found', 'stale', 'conflict', 'quota', 'closed', 'corrupt', 'unavailable'] as const;

/** A store error's code. */
export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];

/** The codes only the HTTP API answers with, besides the store's. */
export const HTTP_ERROR_CODES = ['unauthorized', 'left', 'forbidden', 'precondition-required', 'too-large', 'unsupported-media-type', 'rate-limited', 'internal'] as const;

/** Every `error` code of an error body. */
export const ERROR_CODES = [...STORE_ERROR_CODES, ...HTTP_ERROR_CODES] as const;

/** A stable error code of the HTTP API. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Whether an error body's code is a store's, so a client throws the same `StoreError`. */
export const isStoreErrorCode = (code: unknown): code is StoreErrorCode => (STORE_ERROR_CODES as readonly unknown[]).includes(code);

/** What a pushed event became: stored (`appended`, `duplicate`, `refused`) or not (`invalid`, `forbidden`). */
export const PUSH_STATUSES = ['appended', 'duplicate', 'refused', 'invalid', 'forbidden'] as const;
