/**
 * The administrator's API for LTI, as one Fastify plugin: the trust's platforms (manual
 * registration: `GET`, `PUT`, `DELETE /v1/lti/platforms/{id}`), one-time dynamic registration
 * links (`POST /v1/lti/registration-links`) and the courses plc-kit was launched from
 * (`GET /v1/lti/contexts`, the sources of Names and Roles). Administrators and service tokens only.
 * @module
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import { isId, type Authenticator, type Principal } from '../auth.js';
import type { Db } from '../db.js';
import { badRequest, forbidden, notFound } from '../errors.js';
import { errors, route } from '../routes/route.js';
import { putTicket } from '../signin/tickets.js';
import { deletePlatform, listContexts, listPlatforms, readPlatform, savePlatform, type Platform } from './platforms.js';

/** What the administrator's LTI routes need. */
export interface LtiAdminDeps {
  db: () => Db;
  authenticate: Authenticator;
  now: () => Date;
  publicUrl: () => string;
}

/** Days a dynamic registration link stays valid. */
export const REGISTRATION_LINK_DAYS = 7;

/** The caller, who must be an administrator of their trust (or its service). */
export async function adminOf(authenticate: Authenticator, request: FastifyRequest): Promise<Principal> {
  const principal = await authenticate(request.headers.authorization);
  if (principal.kind === 'person' && !principal.roles.includes('admin')) throw forbidden('not-admin', 'Only an administrator of plc-kit can change how it connects to VLEs and rosters.');
  return principal;
}

const httpsUrl = (value: unknown, field: string, required: boolean): string | undefined => {
  if (value === undefined || value === null || value === '') {
    if (required) throw badRequest(field, 'is required: the platform’s address for it, as its LTI settings page shows.');
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw badRequest(field, `must be a web address (got "${String(value).slice(0, 100)}").`);
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) throw badRequest(field, 'must be an https:// address (http:// only for localhost).');
  return url.href;
};

const text = (value: unknown, field: string, max = 200): string => {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) throw badRequest(field, `must be text of 1 to ${max} characters.`);
  return value.trim();
};

/** Reads a platform from a request body, naming the field at fault. */
export function platformFromBody(trustId: string, id: string, body: unknown): Platform {
  if (!isId(id)) throw badRequest('id', 'must be an id: letters, digits, “-”, “_”, “.” and “:” (up to 64).');
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('(body)', 'must be a JSON object.');
  const b = body as Record<string, unknown>;
  const deploymentIds = b['deploymentIds'] ?? [];
  if (!Array.isArray(deploymentIds) || !deploymentIds.every((d) => typeof d === 'string' && d.length > 0 && d.length <= 255)) throw badRequest('deploymentIds', 'must be a list of the deployment ids the platform shows.');
  if (b['schoolId'] !== undefined && (typeof b['schoolId'] !== 'string' || !isId(b['schoolId']))) throw badRequest('schoolId', 'must be a school id.');
  if (b['trustNewDeployments'] !== undefined && typeof b['trustNewDeployments'] !== 'boolean') throw badRequest('trustNewDeployments', 'must be true or false.');
  return {
    trustId,
    id,
    name: text(b['name'], 'name'),
    // Kept exactly as given: a launch's iss must equal it character for character.
    issuer: (httpsUrl(b['issuer'], 'issuer', true), String(b['issuer']).trim()),
    clientId: text(b['clientId'], 'clientId', 255),
    authUrl: httpsUrl(b['authUrl'], 'authUrl', true)!,
    tokenUrl: httpsUrl(b['tokenUrl'], 'tokenUrl', false),
    tokenAudience: b['tokenAudience'] === undefined ? undefined : text(b['tokenAudience'], 'tokenAudience', 500),
    jwksUrl: httpsUrl(b['jwksUrl'], 'jwksUrl', true)!,
    schoolId: b['schoolId'] as string | undefined,
    trustNewDeployments: b['trustNewDeployments'] === true,
    deploymentIds: [...new Set(deploymentIds as string[])],
  };
}

/** The administrator's LTI routes (register with `app.register(ltiAdminRoutes, deps)`). */
export async function ltiAdminRoutes(app: FastifyInstance, deps: LtiAdminDeps): Promise<void> {
  const Params = z.object({ id: z.string().check(z.describe('The platform registration\'s id.')) });
  route(app, {
    method: 'GET',
    url: '/v1/lti/platforms',
    operationId: 'listLtiPlatforms',
    summary: 'The trust\'s registered VLEs (administrators)',
    responses: { 200: { description: 'The registrations.', body: z.object({ platforms: z.array(z.unknown()) }) }, ...errors(401, 403) },
    handler: async (request) => {
      const principal = await adminOf(deps.authenticate, request);
      return { platforms: await listPlatforms(deps.db(), principal.trustId) };
    },
  });
  route(app, {
    method: 'PUT',
    url: '/v1/lti/platforms/:id',
    operationId: 'putLtiPlatform',
    summary: 'Register a VLE by hand, or change a registration (administrators)',
    params: Params,
    body: { schema: z.record(z.string(), z.unknown()) },
    responses: {
      200: { description: 'Changed.', body: z.record(z.string(), z.unknown()) },
      201: { description: 'Registered.', body: z.record(z.string(), z.unknown()) },
      ...errors(400, 401, 403, 415),
    },
    handler: async (request, reply) => {
      const principal = await adminOf(deps.authenticate, request);
      const platform = platformFromBody(principal.trustId, request.params.id, request.body);
      const existed = await readPlatform(deps.db(), principal.trustId, platform.id);
      try {
        await deps.db().transaction((tx) => savePlatform(tx, platform));
      } catch (error) {
        if ((error as { code?: string }).code === '23505') throw badRequest('clientId', `another registration already has issuer ${platform.issuer} and client id ${platform.clientId}.`);
        throw error;
      }
      return reply.code(existed ? 200 : 201).send(await readPlatform(deps.db(), principal.trustId, platform.id));
    },
  });
  route(app, {
    method: 'DELETE',
    url: '/v1/lti/platforms/:id',
    operationId: 'deleteLtiPlatform',
    summary: 'Remove a VLE\'s registration (administrators)',
    params: Params,
    responses: { 204: { description: 'Removed.' }, ...errors(401, 403, [404, 'No such registration.']) },
    handler: async (request, reply) => {
      const principal = await adminOf(deps.authenticate, request);
      const gone = await deps.db().transaction((tx) => deletePlatform(tx, principal.trustId, request.params.id));
      if (!gone) throw notFound('id', `There is no platform ${request.params.id.slice(0, 64)} in this trust.`);
      return reply.code(204).send();
    },
  });
  route(app, {
    method: 'POST',
    url: '/v1/lti/registration-links',
    operationId: 'createLtiRegistrationLink',
    summary: `A dynamic registration link for a VLE administrator, valid for ${REGISTRATION_LINK_DAYS} days (administrators)`,
    body: { schema: z.object({ schoolId: z.optional(z.string().check(z.describe('The school launches from this VLE belong to.'))) }) },
    responses: { 201: { description: 'The link.', body: z.object({ url: z.string(), expiresAt: z.string() }) }, ...errors(400, 401, 403, 415) },
    handler: async (request, reply) => {
      const principal = await adminOf(deps.authenticate, request);
      const schoolId = (request.body as { schoolId?: unknown } | undefined)?.schoolId;
      if (schoolId !== undefined && (typeof schoolId !== 'string' || !isId(schoolId))) throw badRequest('schoolId', 'must be a school id.');
      const now = deps.now();
      const token = await putTicket(deps.db(), principal.trustId, 'lti-registration', { schoolId, createdBy: principal.kind === 'person' ? principal.personId : principal.subject }, REGISTRATION_LINK_DAYS * 86_400, now);
      return reply.code(201).send({ url: `${deps.publicUrl()}/lti/register?t=${token}`, expiresAt: new Date(now.getTime() + REGISTRATION_LINK_DAYS * 86_400_000).toISOString() });
    },
  });
  route(app, {
    method: 'GET',
    url: '/v1/lti/contexts',
    operationId: 'listLtiContexts',
    summary: 'The courses plc-kit has been launched from, with their Names and Roles service (administrators)',
    responses: { 200: { description: 'The courses.', body: z.object({ contexts: z.array(z.unknown()) }) }, ...errors(401, 403) },
    handler: async (request) => {
      const principal = await adminOf(deps.authenticate, request);
      return { contexts: await listContexts(deps.db(), principal.trustId) };
    },
  });
}
