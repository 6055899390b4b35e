/**
 * Student voice: survey link tokens, anonymous answer sheets, aggregated results.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { createSurveyToken, submitResponse, surveyCount, surveyResults } from '../surveys.js';
import { authenticated, idOf, principalOf, type AppDeps } from './context.js';
import { AUTHENTICATED_ERRORS, errors, ref, route } from './route.js';

const SurveyParams = z.object({ surveyId: idOf('The survey.') });

/** The survey routes (register with `app.register(surveyRoutes, deps)`). */
export async function surveyRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const onRequest = authenticated(deps.authenticate);

  route(app, {
    method: 'POST',
    url: '/v1/surveys/:surveyId/tokens',
    operationId: 'createSurveyToken',
    summary: 'Create a link for students to answer a survey: its short code and a token',
    description: [
      'For the enquiry\'s members. The code (7 characters, no look-alikes) is the survey\'s own, the same each time, answering while the survey is open; students open `/s/<code>`.',
      'The token is new each time, shown once and stored only as a hash, for API clients.',
    ],
    params: SurveyParams,
    responses: { 201: { description: 'The code and student page, the token and the path API clients post to.', body: ref('SurveyToken') }, ...AUTHENTICATED_ERRORS, ...errors([404, 'No such survey.']) },
    onRequest,
    handler: async (request, reply) => reply.code(201).send(await createSurveyToken(deps.db(), principalOf(request), request.params.surveyId)),
  });

  route(app, {
    method: 'POST',
    url: '/v1/surveys/:surveyId/responses',
    operationId: 'submitSurveyResponse',
    summary: 'An anonymous answer sheet, through a survey link',
    description: 'No authentication: the link\'s token is the only credential. Nothing about the sender is stored (no address, time, order or identifier). Rate-limited per token.',
    public: true,
    params: SurveyParams,
    querystring: z.object({ token: z.optional(z.string().check(z.describe('The survey link\'s token.'))) }),
    body: { schema: ref('AnswerSheet') },
    responses: {
      201: { description: 'Received.', body: z.object({ status: z.literal('received') }) },
      ...errors(400, 415, [403, 'No token, a token for another survey, or the survey is not open (`reason`).']),
      429: { description: 'Too many answers through this link just now.', body: ref('Error'), headers: { 'Retry-After': 'Seconds to wait.' } },
    },
    handler: async (request, reply) => {
      await submitResponse(deps.db(), deps.limiter, request.params.surveyId, request.query.token, request.body);
      return reply.code(201).header('cache-control', 'no-store').send({ status: 'received' });
    },
  });

  route(app, {
    method: 'GET',
    url: '/v1/surveys/:surveyId/results',
    operationId: 'surveyResults',
    summary: 'A survey\'s aggregated results (groups under five suppressed), for the enquiry\'s members',
    params: SurveyParams,
    responses: { 200: { description: 'Counts per option and sorted comments.', body: ref('SurveyResults') }, ...AUTHENTICATED_ERRORS, ...errors([404, 'No such survey.']) },
    onRequest,
    handler: async (request) => surveyResults(deps.db(), principalOf(request), request.params.surveyId),
  });

  route(app, {
    method: 'GET',
    url: '/v1/surveys/:surveyId/count',
    operationId: 'surveyCount',
    summary: 'How many answer sheets a survey has (the live count shown to a class), for the enquiry\'s members',
    params: SurveyParams,
    responses: {
      200: { description: 'A count only.', body: z.object({ surveyId: z.string(), status: z.enum(['draft', 'open', 'closed']), responseCount: z.int() }) },
      ...AUTHENTICATED_ERRORS,
      ...errors([404, 'No such survey.']),
    },
    onRequest,
    handler: async (request, reply) => reply.header('cache-control', 'no-store').send(await surveyCount(deps.db(), principalOf(request), request.params.surveyId)),
  });
}
