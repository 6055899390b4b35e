/**
 * Open Badges 3.0 routes: the trust's issuer document (public: the key anyone verifies a
 * credential with), a person's credentials, one credential's signed document to download (it
 * travels with a teacher who changes school) and the celebrate view's recent published
 * enquiries. Who reads what is in docs/privacy.md (`credential`, `celebration`) and the policy's
 * `credential.read`. Credentials are issued from the trust's data before each read (idempotent).
 * @module
 */
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { Id } from '../../schema/common.js';
import type { Celebration as WireCelebration, CredentialListing } from '../../sync/badges.js';
import { authorize } from '../access.js';
import type { Authenticator } from '../auth.js';
import { celebrations, issueCredentials, listCredentials, readCredential, readIssuer } from '../badges/repository.js';
import type { Db } from '../db.js';
import { badRequest, forbidden, notFound } from '../errors.js';
import { authenticated, principalOf } from './context.js';
import { AUTHENTICATED_ERRORS, errors, route } from './route.js';

/** What the badge routes need. */
export interface BadgeRouteDeps {
  db: () => Db;
  authenticate: Authenticator;
  now: () => Date;
  /** The server's public address, which issuer ids start with (`PLC_PUBLIC_URL`, else where it listens). */
  publicUrl: () => string;
}

const Listing = z.object({
  id: z.string(),
  personId: z.string(),
  enquiryId: z.string(),
  title: z.string(),
  name: z.string(),
  achievement: z.string(),
  publishedAt: z.string(),
  issuedAt: z.string(),
});
const Celebration = z.object({
  enquiryId: z.string(),
  title: z.string(),
  kind: z.string(),
  cycleName: z.optional(z.string()),
  publishedAt: z.string(),
  achievement: z.string(),
  members: z.array(z.object({ personId: z.string(), name: z.string() })),
});
// The wire types are declared once, in src/sync/badges.ts: these schemas must describe them.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const listingIsWire: Same<z.infer<typeof Listing>, CredentialListing> = true;
const celebrationIsWire: Same<z.infer<typeof Celebration>, WireCelebration> = true;
void [listingIsWire, celebrationIsWire];

const Key = z.object({ id: z.string(), type: z.literal('Multikey'), controller: z.string(), publicKeyMultibase: z.string() });
const Issuer = z.object({ '@context': z.array(z.string()), id: z.string(), assertionMethod: z.array(Key) });
const CREDENTIAL_MEDIA = ['application/vc+ld+json', 'application/json'];

/** The badge routes (register with `app.register(badgeRoutes, deps)`). */
export async function badgeRoutes(app: FastifyInstance, deps: BadgeRouteDeps): Promise<void> {
  const onRequest = authenticated(deps.authenticate);

  route(app, {
    method: 'GET',
    url: '/v1/badges/issuers/:trustId',
    operationId: 'readBadgeIssuer',
    summary: 'The trust\u2019s Open Badges issuer document and public key: what anyone verifies its credentials with',
    description: 'The controller document at the credentials\u2019 `issuer.id`: its `assertionMethod` lists the Ed25519 key (`Multikey`) their `eddsa-rdfc-2022` proofs name. Nothing about any person.',
    public: true,
    params: z.object({ trustId: Id.check(z.describe('The trust.')) }),
    responses: { 200: { description: 'The issuer document.', body: Issuer, contentType: ['application/ld+json', 'application/json'] }, ...errors([404, 'No such issuer.']) },
    handler: async (request, reply) => {
      const issuer = await readIssuer(deps.db(), request.params.trustId, deps.publicUrl());
      if (!issuer) throw notFound('trustId', 'There is no such issuer.');
      return reply.header('cache-control', 'public, max-age=300').header('access-control-allow-origin', '*').send(issuer);
    },
  });

  route(app, {
    method: 'GET',
    url: '/v1/credentials',
    operationId: 'listCredentials',
    summary: 'A person\u2019s Open Badges credentials, newest first (the signed-in person\u2019s by default)',
    description: 'Another person\u2019s credentials only for a CPD leader or a service token (docs/privacy.md, `credential`).',
    querystring: z.object({ personId: z.optional(Id.check(z.describe('Whose credentials; yourself when absent.'))) }),
    responses: { 200: { description: 'The credentials.', body: z.object({ credentials: z.array(Listing) }) }, ...AUTHENTICATED_ERRORS },
    onRequest,
    handler: async (request, reply) => {
      const principal = principalOf(request);
      const personId = request.query.personId ?? (principal.kind === 'person' ? principal.personId : undefined);
      if (!personId) throw forbidden('person-required', 'A service token has no credentials of its own: name a person with personId.', 'personId');
      const decision = authorize(principal, 'credential.read', { recipientId: personId });
      if (!decision.allowed) throw forbidden(decision.code, decision.reason, 'personId');
      await issueCredentials(deps.db(), principal.trustId, deps.publicUrl(), deps.now());
      return reply.header('cache-control', 'private, no-store').send({ credentials: await listCredentials(deps.db(), principal.trustId, personId) });
    },
  });

  route(app, {
    method: 'GET',
    url: '/v1/credentials/:credentialId',
    operationId: 'downloadCredential',
    summary: 'One signed Open Badges 3.0 credential, as a file to keep',
    description: 'The W3C Verifiable Credential exactly as signed; verify it with the issuer document its proof names. 404 for a credential that does not exist or that the caller may not read.',
    params: z.object({ credentialId: Id.check(z.describe('The credential (the UUID of its `urn:uuid:` id).')) }),
    responses: {
      200: { description: 'The credential.', body: z.looseObject({}), contentType: CREDENTIAL_MEDIA, headers: { 'content-disposition': 'attachment, with a file name.' } },
      ...AUTHENTICATED_ERRORS,
      ...errors(404),
    },
    onRequest,
    handler: async (request, reply) => {
      const principal = principalOf(request);
      const found = await readCredential(deps.db(), principal.trustId, request.params.credentialId);
      if (!found || !authorize(principal, 'credential.read', { recipientId: found.listing.personId }).allowed) {
        throw notFound('credentialId', 'There is no such credential.');
      }
      const wantsLd = (request.headers.accept ?? '').includes('application/vc+ld+json');
      return reply
        .type(wantsLd ? 'application/vc+ld+json' : 'application/json')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename="open-badge-${found.listing.id}.json"`)
        .send(JSON.stringify(found.document, null, 2));
    },
  });

  route(app, {
    method: 'GET',
    url: '/v1/celebrate',
    operationId: 'listCelebrations',
    summary: 'Recently published enquiries and their members\u2019 badges, for a staff room screen',
    description: 'Titles, cycles and members\u2019 names of published enquiries only: what all staff read already (docs/privacy.md, `celebration`).',
    querystring: z.object({ limit: z.optional(z.string().check(z.describe('How many enquiries, a whole number from 1 to 50 (12 by default).'))) }),
    responses: { 200: { description: 'The enquiries, newest first.', body: z.object({ enquiries: z.array(Celebration) }) }, ...AUTHENTICATED_ERRORS },
    onRequest,
    handler: async (request, reply) => {
      const principal = principalOf(request);
      await issueCredentials(deps.db(), principal.trustId, deps.publicUrl(), deps.now());
      return reply.header('cache-control', 'private, no-store').send({ enquiries: await celebrations(deps.db(), principal.trustId, parseLimit(request.query.limit)) });
    },
  });
}

/** The celebrate view's `limit`: a whole number from 1 to 50, 12 when absent. */
function parseLimit(value: string | undefined): number {
  if (value === undefined) return 12;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 50) throw badRequest('limit', `must be a whole number from 1 to 50 (got "${value}")`);
  return n;
}
