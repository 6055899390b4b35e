/**
 * Staff feedback routes (docs/privacy.md, "Staff feedback"): a member of staff's own receipt, an
 * anonymous answer sheet given once, and the CPD leader's participation and results. The survey
 * itself is a directory record (`PUT /v1/records/staffSurveys/{id}`), made from the template.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import type { StaffFeedbackReceipt, StaffFeedbackResults } from '../../sync/staffFeedback.js';
import { answerStaffSurvey, staffFeedbackReceipt, staffFeedbackResults } from '../staffFeedback.js';
import { authenticated, idOf, principalOf, type AppDeps } from './context.js';
import { AUTHENTICATED_ERRORS, errors, ref, route } from './route.js';

const Params = z.object({ surveyId: idOf('The staff survey (`staff-...`).') });
const Receipt = z.object({ surveyId: z.string(), answered: z.boolean() });
const Results = z.object({
  surveyId: z.string(),
  cycleId: z.string(),
  status: z.enum(['open', 'closed']),
  answered: z.int(),
  staff: z.int(),
  share: z.number(),
  results: z.optional(z.custom<NonNullable<StaffFeedbackResults['results']>>().check(z.describe('As `SurveyResults`: per question, suppressed below 5 answers (comments below 10).'))),
  previousSurveyId: z.optional(z.string()),
  comparison: z.optional(z.custom<NonNullable<StaffFeedbackResults['comparison']>>().check(z.describe('Question by question against the previous cycle\'s closed survey: shares before and after, hidden questions listed.'))),
});
// The wire types are declared once, in src/sync/staffFeedback.ts: these schemas must describe them.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const receiptIsWire: Same<z.infer<typeof Receipt>, StaffFeedbackReceipt> = true;
void receiptIsWire;

/** The staff feedback routes (register with `app.register(staffFeedbackRoutes, deps)`). */
export async function staffFeedbackRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const onRequest = authenticated(deps.authenticate);

  route(app, {
    method: 'GET',
    url: '/v1/staff-surveys/:surveyId/receipt',
    operationId: 'staffFeedbackReceipt',
    summary: 'Whether the caller has answered a staff feedback survey (their own receipt only)',
    params: Params,
    responses: { 200: { description: 'The caller\'s receipt.', body: Receipt }, ...AUTHENTICATED_ERRORS, ...errors([404, 'No such staff survey.']) },
    onRequest,
    handler: async (request, reply) => reply.header('cache-control', 'no-store').send(await staffFeedbackReceipt(deps.db(), principalOf(request), request.params.surveyId)),
  });

  route(app, {
    method: 'POST',
    url: '/v1/staff-surveys/:surveyId/answers',
    operationId: 'answerStaffSurvey',
    summary: 'An anonymous answer sheet from a member of staff, once per survey',
    description: [
      'The sheet holds only the answers; a separate receipt (survey and person, no time, nothing pointing to the sheet) stops a second answer.',
      'A service token cannot answer (403), nor can anyone once the survey is closed (403, `survey-not-open`).',
    ],
    params: Params,
    body: { schema: ref('AnswerSheet') },
    responses: {
      201: { description: 'Received.', body: z.object({ status: z.literal('received') }) },
      ...AUTHENTICATED_ERRORS,
      ...errors(400, 415, [404, 'No such staff survey.'], [409, 'The caller has already answered (`reason: already-answered`); nothing was stored.']),
    },
    onRequest,
    handler: async (request, reply) => {
      await answerStaffSurvey(deps.db(), principalOf(request), request.params.surveyId, request.body);
      return reply.code(201).header('cache-control', 'no-store').send({ status: 'received' });
    },
  });

  route(app, {
    method: 'GET',
    url: '/v1/staff-surveys/:surveyId/results',
    operationId: 'staffFeedbackResults',
    summary: 'A staff feedback survey\'s participation and, once closed, its results and the change since last cycle, for CPD leaders and administrators',
    params: Params,
    responses: { 200: { description: 'Counts of who answered (never who); results and comparison once closed.', body: Results }, ...AUTHENTICATED_ERRORS, ...errors([404, 'No such staff survey.']) },
    onRequest,
    handler: async (request, reply) => reply.header('cache-control', 'no-store').send(await staffFeedbackResults(deps.db(), principalOf(request), request.params.surveyId)),
  });
}
