/**
 * The session routes, as one Fastify plugin: `POST /auth/refresh` (a new token pair for the
 * refresh token, while the session lives), `POST /auth/signout` (ends the session of the bearer
 * session token), and the installation's public keys at `GET /.well-known/jwks.json`.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { errors, ref, route } from '../routes/route.js';
import type { KeyStore } from './keys.js';
import type { Sessions } from './sessions.js';

/** What the session routes need. */
export interface SessionRouteDeps {
  sessions: Sessions;
  keys: KeyStore;
}

/** The session routes (register with `app.register(sessionRoutes, deps)`). */
export async function sessionRoutes(app: FastifyInstance, deps: SessionRouteDeps): Promise<void> {
  route(app, {
    method: 'POST',
    url: '/auth/refresh',
    operationId: 'refreshSession',
    summary: 'A new token pair for the refresh token, while the session lives',
    public: true,
    body: { schema: z.object({ refreshToken: z.string().check(z.maxLength(400)) }) },
    responses: { 200: { description: 'The new tokens.', body: ref('IssuedSession') }, ...errors(400, [401, 'The refresh token is not valid, or the session ended.'], 415) },
    handler: async (request, reply) => reply.header('cache-control', 'no-store').send(await deps.sessions.refresh((request.body as { refreshToken?: unknown } | undefined)?.refreshToken)),
  });
  route(app, {
    method: 'POST',
    url: '/auth/signout',
    operationId: 'signOut',
    summary: 'Ends the session of the bearer session token',
    responses: { 204: { description: 'Signed out (also when there was no session).' } },
    handler: async (request, reply) => {
      await deps.sessions.signOut(request.headers.authorization);
      return reply.code(204).send();
    },
  });
  route(app, {
    method: 'GET',
    url: '/.well-known/jwks.json',
    operationId: 'jwks',
    summary: 'The installation\'s public keys, which sign its session tokens and LTI messages',
    public: true,
    responses: { 200: { description: 'A JSON Web Key Set.', body: ref('Jwks') } },
    handler: async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send(await deps.keys.jwks()),
  });
}
