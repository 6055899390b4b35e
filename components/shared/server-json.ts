/**
 * Reads JSON from the plc-kit server with the signed-in person's token (the session's
 * `server.request`, which retries once with a fresh token), and tells an unreachable server from
 * a refusal, so elements can say "offline" rather than "failed".
 * @internal shared by the elements that read what only the server keeps (badges, celebrations)
 */
import type { PlcServerLink } from '../context/session.js';

/** A failed request: `status` 0 when the server could not be reached. */
export class ServerReadError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The response to a GET of `path`, or a {@link ServerReadError} with the server's message. */
export async function serverGet(server: PlcServerLink, path: string, accept = 'application/json'): Promise<Response> {
  let response: Response;
  try {
    response = await server.request(path, { headers: { accept }, cache: 'no-store' });
  } catch (error) {
    throw new ServerReadError(error instanceof Error ? error.message : String(error), 0);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as { message?: string } | undefined;
    throw new ServerReadError(body?.message ?? `HTTP ${response.status}`, response.status);
  }
  return response;
}

/** The JSON body of a GET of `path`. */
export async function serverJson<T>(server: PlcServerLink, path: string): Promise<T> {
  return (await (await serverGet(server, path)).json()) as T;
}

/** Whether a failed read means the server could not be reached (or the device is offline). */
export const isOffline = (error: unknown): boolean =>
  (typeof navigator !== 'undefined' && navigator.onLine === false) || (error instanceof ServerReadError && error.status === 0);
