/**
 * The HTTP sync store's transport: one JSON request to the plc-kit server with the host's bearer
 * token (asked again once after a 401), a timeout, and the failures the sync loop tells apart.
 * It is the only part of the HTTP store that calls `fetch`; the upstream and downstream parts
 * take its {@link Transport.request} and are tested with a stand-in.
 * @module
 */
import { isStoreErrorCode } from '../sync/codes.js';
import type { ErrorBody } from '../sync/wire.js';
import { StoreError } from './store.js';

/** An error answer as a client reads it: any field may be missing from a server or proxy it does not know. */
export type ErrorReply = Partial<ErrorBody>;

/** A status and its parsed JSON body (undefined when there was none, or it was not JSON). */
export interface Reply<T = unknown> {
  status: number;
  body: T;
}

/** Sends one request and reads its answer. */
export type Request = <T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Reply<T>>;

/** The fetch failed: no connection, DNS, refused, reset, or timed out. */
export class NetworkFailure extends Error {
  override readonly name = 'NetworkFailure';
}

/** The server answered with an error status. */
export class HttpFailure extends Error {
  override readonly name = 'HttpFailure';
  constructor(
    readonly status: number,
    readonly body: ErrorReply | undefined,
  ) {
    super(body?.message ?? `The server answered ${status}.`);
  }
}

/** The host's token function failed. */
export class TokenFailure extends Error {
  override readonly name = 'TokenFailure';
}

/** What a transport needs. */
export interface TransportOptions {
  /** The server's URL, without a trailing slash. */
  server: string;
  token: () => Promise<string> | string;
  fetch: typeof fetch;
  timeoutMs: number;
  /** Aborts every request in flight (the store is closing). */
  signal: AbortSignal;
}

/** The transport's one operation. */
export interface Transport {
  request: Request;
}

export const describeError = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Creates the transport of an HTTP sync store. */
export function createTransport(options: TransportOptions): Transport {
  const { server, timeoutMs } = options;

  async function bearer(): Promise<string> {
    let token: unknown;
    try {
      token = await options.token();
    } catch (error) {
      throw new TokenFailure(`The sign-in token could not be got: ${describeError(error)}`);
    }
    if (typeof token !== 'string' || token.trim() === '') throw new TokenFailure('There is no sign-in token: the page must give one (tokenProvider) before plc-kit can sync.');
    return token.trim();
  }

  /** One request; retried once with a fresh token after a 401. */
  async function request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    for (let attempt = 0; ; attempt++) {
      const token = await bearer();
      const signal = AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)]);
      let response: Response;
      let text: string;
      try {
        response = await options.fetch(`${server}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal,
        });
        text = await response.text();
      } catch (error) {
        throw new NetworkFailure(`The server at ${server} could not be reached: ${describeError(error)}`);
      }
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      if (response.status === 401 && attempt === 0) continue;
      return { status: response.status, body: parsed as T };
    }
  }

  return { request };
}

/** The StoreError a failed directory request becomes: the server's own code when it is a store's. */
export function storeErrorOf(reply: Reply<ErrorReply | undefined>, what: string): StoreError {
  const body = reply.body ?? {};
  const message = body.message ?? `The server answered ${reply.status} to ${what}.`;
  if (isStoreErrorCode(body.error)) return new StoreError(body.error, message, body.field, body.problems ? { problems: body.problems } : {});
  if (reply.status === 401) return new StoreError('unavailable', `The server did not accept the sign-in, so ${what} was not saved: sign in again. (${message})`);
  if (reply.status === 403) return new StoreError('invalid', `The server refused ${what}: ${message}`, body.field ?? what);
  if (reply.status === 413) return new StoreError('invalid', message, body.field ?? 'record');
  return new StoreError('unavailable', `The server could not save ${what} (${reply.status}): ${message}`);
}
