/**
 * Student voice: survey link tokens, anonymous answer sheets, aggregated results.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { createSurveyToken, submitResponse, surveyResults } from '../surveys.js';
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
    summary: 'Create a link token for students to answer a survey',
    description: 'For the enquiry\'s members. The token is shown once and stored only as a hash.',
    params: SurveyParams,
    responses: { 201: { description: 'The token and the path students post to.', body: ref('SurveyToken') }, ...AUTHENTICATED_ERRORS, ...errors([404, 'No such survey.']) },
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
}
