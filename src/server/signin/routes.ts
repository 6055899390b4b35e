/**
 * The session routes, as one Fastify plugin: `POST /auth/refresh` (a new token pair for the
 * refresh token, while the session lives), `POST /auth/signout` (ends the session of the bearer
 * session token), and the installation's public keys at `GET /.well-known/jwks.json`.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import type { KeyStore } from './keys.js';
import type { Sessions } from './sessions.js';

/** What the session routes need. */
export interface SessionRouteDeps {
  sessions: Sessions;
  keys: KeyStore;
}

const ISSUED = {
  type: 'object',
  required: ['token', 'expiresAt', 'refreshToken', 'sessionExpiresAt', 'trustId', 'personId', 'roles'],
  properties: {
    token: { type: 'string' },
    expiresAt: { type: 'string', format: 'date-time' },
    refreshToken: { type: 'string' },
    sessionExpiresAt: { type: 'string', format: 'date-time' },
    trustId: { type: 'string' },
    personId: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
  },
} as const;

/** The session routes (register with `app.register(sessionRoutes, deps)`). */
export async function sessionRoutes(app: FastifyInstance, deps: SessionRouteDeps): Promise<void> {
  app.post<{ Body: { refreshToken?: unknown } }>(
    '/auth/refresh',
    { schema: { body: { type: 'object', properties: { refreshToken: { type: 'string', maxLength: 400 } } }, response: { 200: ISSUED } } },
    async (request, reply) => reply.header('cache-control', 'no-store').send(await deps.sessions.refresh(request.body?.refreshToken)),
  );
  app.post('/auth/signout', async (request, reply) => {
    await deps.sessions.signOut(request.headers.authorization);
    return reply.code(204).send();
  });
  app.get('/.well-known/jwks.json', async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send(await deps.keys.jwks()));
}
