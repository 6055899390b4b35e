/**
 * Development only: `POST /v1/dev/token` signs a token for any person or a service (the demo's
 * sign-in). Registered only when the server verifies with the development secret and
 * `PLC_DEV_TOKENS=1` (see `AppDeps.devToken`).
 * @module
 */
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import type { Db } from '../db.js';
import { HttpError } from '../errors.js';
import { getRecord } from '../records.js';
import { idParam, type DevTokenClaims } from './context.js';
import { errors, route } from './route.js';

/** The roles on a person's directory record in a trust, if the record exists. */
async function directoryRoles(db: Db, trustId: string, personId: string): Promise<string[] | undefined> {
  try {
    const record = await getRecord(db, { kind: 'service', subject: 'dev-token', trustId }, 'people', personId);
    const roles = (record.record as { roles?: unknown }).roles;
    return Array.isArray(roles) && roles.every((role) => typeof role === 'string') ? roles : undefined;
  } catch (error) {
    if (error instanceof HttpError && error.status === 404) return undefined;
    throw error;
  }
}

const DevTokenRequest = z.object({
  personId: z.optional(z.string().check(z.describe('The person (`sub`); required unless `service`.'))),
  trustId: z._default(z.string(), 'trust-riverside'),
  roles: z.optional(z.array(z.enum(['teacher', 'cpd-leader', 'coach', 'admin']))),
  service: z.optional(z.boolean().check(z.describe('A service token for the whole trust (seeding, integrations).'))),
});

/** The development token route (register with `app.register(devTokenRoutes, deps)`). */
export async function devTokenRoutes(app: FastifyInstance, deps: { db: () => Db; sign: (claims: DevTokenClaims) => Promise<string> }): Promise<void> {
  route(app, {
    method: 'POST',
    url: '/v1/dev/token',
    operationId: 'devToken',
    summary: 'Development only: a token for any person or a service (the demo\'s sign-in)',
    description: [
      'Exists only when the server verifies tokens with the development secret (`PLC_JWT_SECRET`, no `PLC_JWKS_URL`)',
      'and `PLC_DEV_TOKENS=1`, never with `NODE_ENV=production`; otherwise 404. Anyone who can reach it can act as anyone.',
      'Without `roles`, the token carries those on the person\'s directory record in the trust (none when there is no record).',
    ],
    public: true,
    body: { schema: DevTokenRequest },
    responses: {
      200: { description: 'The token.', body: z.object({ token: z.string().check(z.describe('An HS256 JWT valid for 8 hours.')) }) },
      ...errors(400, 415),
    },
    handler: async (request) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      if (typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, { error: 'invalid', message: '(body) must be a JSON object.', field: '(body)' });
      const service = body['service'] === true;
      const trustId = idParam(typeof body['trustId'] === 'string' ? body['trustId'] : 'trust-riverside', 'trustId');
      const personId = service && body['personId'] === undefined ? undefined : idParam(typeof body['personId'] === 'string' ? body['personId'] : '', 'personId');
      const roles = body['roles'];
      if (roles !== undefined && !(Array.isArray(roles) && roles.every((role) => typeof role === 'string'))) {
        throw new HttpError(400, { error: 'invalid', message: 'roles must be an array of role names.', field: 'roles' });
      }
      // Without roles, the person's own directory record says which (as a school portal would).
      const known = roles === undefined && personId && !service ? await directoryRoles(deps.db(), trustId, personId) : undefined;
      return { token: await deps.sign({ personId, trustId, roles: (roles as string[] | undefined) ?? known, service }) };
    },
  });
}
