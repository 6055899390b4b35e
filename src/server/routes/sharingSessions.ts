/**
 * Sharing sessions: the printed programme of one session for every member of staff. The session
 * itself is a directory record (`/v1/records/sharingSessions/{id}`, planned by CPD leaders); this
 * route resolves it into what is printed and shown: times per room, presenters' names, who came.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { notFound } from '../errors.js';
import { readProgramme } from '../sharingSessions.js';
import { authenticated, idOf, principalOf, type AppDeps } from './context.js';
import { AUTHENTICATED_ERRORS, errors, route } from './route.js';

const Slot = z.object({
  id: z.string(),
  order: z.int(),
  enquiryId: z.string(),
  title: z.string(),
  room: z.string(),
  start: z.string(),
  end: z.string(),
  minutes: z.int(),
  presenterIds: z.array(z.string()),
  presenters: z.array(z.string()),
});
const ProgrammeBody = z.object({
  id: z.string(),
  version: z.int(),
  invitedAt: z.optional(z.string()),
  programme: z.object({
    title: z.string(),
    date: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    rooms: z.array(z.object({ room: z.string(), slots: z.array(Slot) })),
  }),
  attendance: z.object({ present: z.int(), staff: z.int(), share: z.number() }),
});

/** The sharing-session routes (register with `app.register(sharingSessionRoutes, deps)`). */
export async function sharingSessionRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  route(app, {
    method: 'GET',
    url: '/v1/sharing-sessions/:id/programme',
    operationId: 'getSharingProgramme',
    summary: 'A sharing session\u2019s programme: rooms, running order with times, presenters\u2019 names, and who came',
    description: 'For every member of staff of the trust (docs/privacy.md, sharing-session). Plan or change the session at /v1/records/sharingSessions/{id} (CPD leaders).',
    params: z.object({ id: idOf('The session id.') }),
    responses: { 200: { description: 'The programme.', body: ProgrammeBody }, ...AUTHENTICATED_ERRORS, ...errors([404, 'No such session.']) },
    onRequest: authenticated(deps.authenticate),
    handler: async (request, reply) => {
      const found = await readProgramme(deps.db(), principalOf(request).trustId, request.params.id);
      if (!found) throw notFound('id', `sharingSessions/${request.params.id} does not exist.`);
      return reply.header('cache-control', 'private, no-cache').send(found);
    },
  });
}
