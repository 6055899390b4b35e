/**
 * Enquiries and their logs: push a batch of events, read a log, list and read summaries.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { MAX_BATCH, MAX_EVENT_JSON, StoreError } from '../../store/store.js';
import { checkFilter } from '../../store/validate.js';
import { eventForReader } from '../access.js';
import { listSummaries, pushEvents, readLogFor, readSummary } from '../enquiries.js';
import { fromStoreError, notFound } from '../errors.js';
import { authenticated, header, idOf, principalOf, type AppDeps } from './context.js';
import { AUTHENTICATED_ERRORS, errors, ref, route } from './route.js';

const EnquiryParams = z.object({ enquiryId: idOf('The enquiry; every pushed event\'s `enquiryId` must be this one.') });

const flag = (value: string | undefined) => value === 'true' || value === '1';

/** The enquiry routes (register with `app.register(enquiryRoutes, deps)`). */
export async function enquiryRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const onRequest = authenticated(deps.authenticate);

  route(app, {
    method: 'POST',
    url: '/v1/enquiries/:enquiryId/events',
    operationId: 'pushEvents',
    summary: 'Push a batch of events to an enquiry\'s log',
    description: [
      `At most ${MAX_BATCH} events, each at most ${MAX_EVENT_JSON} characters of JSON. Idempotent by event id: pushing`,
      'the same batch again answers `duplicate` for each event and changes nothing, so a client retries freely.',
      'Each event gets a result: `appended`; `duplicate`; `refused` (stored, and shown as refused by the lifecycle',
      'with its reason: nothing anyone wrote is dropped); `invalid` (not stored: `field` and `problems` say why);',
      '`forbidden` (not stored: the policy does not let the caller write it, or `authorId` is not the caller).',
      'With `atomic=true` the batch is all or nothing: the first invalid event answers 400 (409 for an id used',
      'by another enquiry) and a forbidden one 403, and nothing is stored.',
    ],
    params: EnquiryParams,
    querystring: z.object({ atomic: z.optional(z.enum(['true', 'false', '1', '0']).check(z.describe('All or nothing (`true`).'))) }),
    body: { schema: ref('PushRequest'), limit: deps.limits.push },
    responses: {
      200: { description: 'One result per event, in the order sent, and the enquiry\'s summary.', body: ref('PushResponse') },
      ...AUTHENTICATED_ERRORS,
      ...errors(413, 415, [409, 'With `atomic`: an event id already belongs to another enquiry.']),
    },
    onRequest,
    handler: async (request) => {
      const length = Number(header(request, 'content-length'));
      const pushed = await pushEvents(deps.db(), { lifecycle: deps.lifecycle }, principalOf(request), request.params.enquiryId, request.body, {
        atomic: flag(request.query.atomic),
        bodyBytes: Number.isFinite(length) ? length : undefined,
      });
      if (pushed.summary) deps.onEventsStored?.();
      // A published enquiry (its outcome published now, or a later event): its members' badges are issued at once.
      if (pushed.summary?.publishedAt && pushed.results.some((r) => r.status === 'appended' || r.status === 'refused')) {
        await deps.onPublishedStored?.(principalOf(request).trustId, pushed.enquiryId);
      }
      return pushed;
    },
  });

  route(app, {
    method: 'GET',
    url: '/v1/enquiries/:enquiryId/events',
    operationId: 'readLog',
    summary: 'An enquiry\'s log in merge order, with refusals',
    description: 'Observation notes, and reflections and outcomes before they are published, are blanked for readers the policy does not let see them (`notesHidden: true`, `hidden: true`).',
    params: EnquiryParams,
    responses: { 200: { description: 'The log (empty for an unknown enquiry).', body: ref('EnquiryLog') }, ...AUTHENTICATED_ERRORS },
    onRequest,
    handler: async (request) => {
      const principal = principalOf(request);
      const { enquiryId } = request.params;
      const { events, refusals } = await readLogFor(deps.db(), principal, enquiryId, (event, context) => eventForReader(principal, event, context));
      return { enquiryId, events, refusals };
    },
  });

  route(app, {
    method: 'GET',
    url: '/v1/enquiries',
    operationId: 'listEnquiries',
    summary: 'Enquiry summaries, newest change first',
    // Loose: checkFilter names an unknown filter (`filter.colour`) as the store does.
    querystring: z.looseObject({
      cycleId: z.optional(idOf('Only this cycle\'s.')),
      communityId: z.optional(idOf('Only this community\'s.')),
      themeId: z.optional(idOf('Only this theme\'s.')),
      stage: z.optional(idOf('Only enquiries at this stage.')),
      ownerId: z.optional(idOf('Only this person\'s.')),
    }),
    responses: { 200: { description: 'Summaries.', body: ref('EnquiryList') }, ...AUTHENTICATED_ERRORS },
    onRequest,
    handler: async (request) => {
      let filter;
      try {
        filter = checkFilter({ ...request.query });
      } catch (error) {
        if (error instanceof StoreError) throw fromStoreError(error);
        throw error;
      }
      return { enquiries: await listSummaries(deps.db(), principalOf(request), filter) };
    },
  });

  route(app, {
    method: 'GET',
    url: '/v1/enquiries/:enquiryId',
    operationId: 'getSummary',
    summary: 'One enquiry\'s summary',
    params: EnquiryParams,
    responses: { 200: { description: 'The summary.', body: ref('EnquirySummary') }, ...AUTHENTICATED_ERRORS, ...errors([404, 'No events for this enquiry.']) },
    onRequest,
    handler: async (request) => {
      const { enquiryId } = request.params;
      const summary = await readSummary(deps.db(), principalOf(request), enquiryId);
      if (!summary) throw notFound('enquiryId', `Enquiry ${enquiryId} has no events yet.`);
      return summary;
    },
  });
}
