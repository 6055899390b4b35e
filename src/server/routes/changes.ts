/**
 * The change feed (`GET /v1/changes`) and the LRS forwarding status (`GET /v1/lrs`): what a
 * client or an operator polls.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { CHANGES_FORMS } from '../../sync/wire.js';
import { PAGE_SIZE, parseLimit, readChanges } from '../changes.js';
import { checkLrsStatusRight } from '../lrs.js';
import { feedReader } from '../replica.js';
import { authenticated, principalOf, type AppDeps } from './context.js';
import { AUTHENTICATED_ERRORS, errors, ref, route } from './route.js';

/** The feed routes (register with `app.register(changeRoutes, deps)`). */
export async function changeRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const onRequest = authenticated(deps.authenticate);

  route(app, {
    method: 'GET',
    url: '/v1/changes',
    operationId: 'pullChanges',
    summary: 'Everything that changed since a checkpoint, in pages',
    description: [
      'Events and directory records (deletions as `deleted: true`) in the order they changed, filtered for the reader',
      'as `readLog` is. Keep `checkpoint` and ask again with `since=<checkpoint>` while `hasMore`.',
      'An event may come again when what the reader may see of it changes (notes shared, an outcome published,',
      'a community\'s members changed): replace the copy you have. `reset: true` means the trust\'s data was',
      'replaced by a backup import: drop what you pulled before. With `form=compact` each change is an array',
      '(`CompactChangesPage`): the same changes in about 30% fewer bytes.',
    ],
    querystring: z.object({
      since: z.optional(z.string().check(z.describe('A checkpoint from an earlier page (`1.2045`); omit for everything.'))),
      limit: z.optional(z.string().check(z.describe(`Changes per page, a whole number from 1 to ${PAGE_SIZE.max} (${PAGE_SIZE.default} by default).`))),
      form: z.optional(z.enum(CHANGES_FORMS).check(z.describe('`objects` (the default): each change an object; `compact`: each change an array, as `CompactChangesPage` says.'))),
    }),
    responses: { 200: { description: 'A page of changes, in the form asked for.', body: { oneOf: [ref('ChangesPage'), ref('CompactChangesPage')] } }, ...AUTHENTICATED_ERRORS },
    onRequest,
    handler: async (request, reply) => {
      const principal = principalOf(request);
      // The feed may lag a moment: a caught-up replica answers it when there is one.
      const page = await readChanges(await feedReader(deps.db(), principal.trustId, request.query.since), principal, request.query.since, parseLimit(request.query.limit), request.query.form);
      // Encoded once here: Fastify measures a string's UTF-8 length before writing it (a second
      // pass over a page of a few hundred kB), a Buffer's it knows.
      return reply.type('application/json; charset=utf-8').send(Buffer.from(page));
    },
  });

  route(app, {
    method: 'GET',
    url: '/v1/lrs',
    operationId: 'lrsStatus',
    summary: 'How the trust\'s steps are going to the Learning Record Store (administrators, CPD leaders, services)',
    description: [
      'When the server sends xAPI statements to an LRS (`PLC_LRS_ENDPOINT`): the checkpoint, the steps waiting,',
      'how many were sent and skipped, the last error and when this process tries again. `{ "enabled": false }` otherwise.',
    ],
    responses: { 200: { description: 'The trust\'s forwarding.', body: ref('LrsStatus') }, ...errors(401, 403) },
    onRequest,
    handler: async (request) => {
      const principal = principalOf(request);
      checkLrsStatusRight(principal);
      return deps.lrsStatus(principal.trustId);
    },
  });
}
