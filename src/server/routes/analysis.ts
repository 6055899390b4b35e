/**
 * `GET /v1/analysis/figures`: a cycle's leaders' figures (impact, learning walks, participation
 * and the stage funnel, time in stage, student-voice surveys), for the trust and each school as
 * far as the reader's reach goes (see `figuresReach`). Only aggregates leave the server, with
 * small appraisal groups suppressed across every school and group (docs/privacy.md).
 *
 * The query is declared with a strict zod schema: only `cycleId` and `schoolId` are accepted, so
 * no one can cut the figures along a line of their own choosing (another "previous" cycle, a
 * handful of people) and subtract one answer from another.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import type { FiguresScope, LeadersFigures } from '../../analysis/leaders.js';
import type { Lifecycle } from '../../lifecycle/lifecycle.js';
import { decide } from '../../policy/policy.js';
import { figuresReach, reachCovers } from '../../policy/reach.js';
import { Id } from '../../schema/common.js';
import type { Person } from '../../schema/directory.js';
import { describeIssues } from '../../schema/errors.js';
import { parseSafely } from '../../schema/zod.js';
import { actorOf, type Authenticator, type Principal } from '../auth.js';
import type { Db } from '../db.js';
import { badRequest, forbidden } from '../errors.js';
import { readRecord } from '../sql.js';
import { FiguresCache, sliceFigures } from './analysisRepository.js';

/** The query of `GET /v1/analysis/figures`. */
export const FiguresQuery = z.strictObject({
  /** The cycle whose figures are wanted; its previous cycle is the one that started last before it. */
  cycleId: Id,
  /** One school's figures; by default everything the reader's reach covers. */
  schoolId: z.optional(Id),
});

/** What the analysis routes need. */
export interface AnalysisRouteDeps {
  db: () => Db;
  authenticate: Authenticator;
  lifecycle: Lifecycle;
  cache: FiguresCache;
}

/** Who may read what: the reader's reach and whether appraisal figures are in it. */
async function accessOf(db: Db, principal: Principal): Promise<{ reach: FiguresScope; appraisals: boolean }> {
  if (principal.kind === 'service') return { reach: { kind: 'trust' }, appraisals: true };
  const record = await readRecord(db, principal.trustId, 'people', principal.personId);
  const person: Pick<Person, 'id' | 'roles' | 'schoolId' | 'trustWide'> = {
    id: principal.personId,
    roles: principal.roles,
    schoolId: record?.schoolId ?? '',
    ...(record?.trustWide ? { trustWide: true } : {}),
  };
  const reach = figuresReach(person);
  if (!reach) {
    const decision = decide(actorOf(principal), 'aggregate.read', { kind: 'participation' });
    throw forbidden(decision.allowed ? 'not-aggregate-reader' : decision.code, decision.allowed ? 'Leaders\u2019 figures are for CPD leaders.' : decision.reason);
  }
  if (reach.kind === 'school' && !record) throw forbidden('not-aggregate-reader', 'Your directory record is missing, so your school is not known: ask an administrator to add you.');
  return { reach, appraisals: decide(actorOf(principal), 'appraisal.read', { scope: 'aggregate' }).allowed };
}

/** Parses the query, naming the field at fault. */
function parseQuery(query: unknown): z.infer<typeof FiguresQuery> {
  const parsed = parseSafely(FiguresQuery, query ?? {});
  if (parsed.success) return parsed.data;
  const problems = describeIssues(parsed.error.issues);
  const first = problems[0]!;
  const unknown = parsed.error.issues.find((issue) => issue.code === 'unrecognized_keys') as { keys?: string[] } | undefined;
  if (unknown?.keys?.length) {
    throw badRequest(unknown.keys[0]!, 'is not a filter of the figures: only cycleId and schoolId are accepted, so no one can subtract one answer from another', problems);
  }
  throw badRequest(first.path || 'cycleId', first.message, problems);
}

/**
 * The figures of a cycle as `principal` may read them: the trust's and each school's for a
 * trust-wide CPD leader (or one school when `schoolId` is given), their school's for a school's.
 */
export async function readFigures(deps: AnalysisRouteDeps, principal: Principal, query: unknown): Promise<LeadersFigures> {
  const { cycleId, schoolId } = parseQuery(query);
  const db = deps.db();
  const { reach, appraisals } = await accessOf(db, principal);
  const wanted: FiguresScope = schoolId ? { kind: 'school', schoolId } : reach;
  if (!reachCovers(reach, wanted)) throw forbidden('not-aggregate-reader', 'Your figures cover your own school; the other schools\u2019 are for the trust\u2019s CPD leaders.', 'schoolId');
  const figures = await deps.cache.trustFigures(db, principal.trustId, cycleId, appraisals, deps.lifecycle.stages);
  return sliceFigures(figures, wanted);
}

/** The analysis routes, as a Fastify plugin (`app.register(analysisRoutes, deps)`). */
export async function analysisRoutes(app: FastifyInstance, deps: AnalysisRouteDeps): Promise<void> {
  app.get('/v1/analysis/figures', async (request, reply) => {
    const principal = await deps.authenticate(Array.isArray(request.headers.authorization) ? request.headers.authorization[0] : request.headers.authorization);
    const figures = await readFigures(deps, principal, request.query);
    return reply.header('cache-control', 'private, no-store').send(figures);
  });
}

const group = {
  type: 'object',
  description: 'One group: `count` staff with a record, `strengths` of them. `suppressed` groups read 0 and must be shown as "too few".',
  properties: {
    count: { type: 'integer' },
    strengths: { type: 'integer' },
    proportion: { type: 'number' },
    percentage: { type: 'number' },
    interval: { type: 'object', properties: { lower: { type: 'number' }, upper: { type: 'number' } } },
    tooSmall: { type: 'boolean' },
    suppressed: { type: 'boolean' },
  },
} as const;

const scopeFigures = {
  type: 'object',
  required: ['scope', 'walks', 'participation', 'surveys'],
  properties: {
    scope: { type: 'object', required: ['kind'], properties: { kind: { enum: ['trust', 'school'] }, schoolId: { type: 'string' } } },
    impact: {
      type: 'array',
      description: 'One result per aspect of practice of last cycle\u2019s PLC themes; absent when the reader may not see appraisal figures.',
      items: { type: 'object', properties: { aspectId: { type: 'string' }, members: group, all: group, nonMembers: group, ratio: { type: 'number' }, difference: { type: 'number' }, summary: { type: 'object' } } },
    },
    walks: { type: 'array', items: { type: 'object', properties: { walk: { type: 'object' }, result: { type: 'object' } } } },
    participation: { type: 'object', description: 'Staff taking part, by theme and school; the stage funnel; median and mean days in each stage.' },
    surveys: {
      type: 'object',
      properties: { surveys: { type: 'integer' }, open: { type: 'integer' }, readable: { type: 'integer' }, responses: { type: 'integer' } },
    },
  },
} as const;

/** The OpenAPI description of the analysis routes (merged into the server's document). */
export const ANALYSIS_PATHS = {
  '/v1/analysis/figures': {
    get: {
      operationId: 'leadersFigures',
      summary: 'A cycle\u2019s leaders\u2019 figures: impact, learning walks, participation, time in stage, surveys (aggregates only)',
      description: [
        'For CPD leaders: a trust-wide one (`trustWide` on their person record) reads the trust and each school, another their own school.',
        'Appraisal figures need the appraisal aggregate right. Groups of fewer than five staff are suppressed across schools and groups,',
        'so no figure can be worked out from others. Computed over everyone\u2019s data and cached until the trust\u2019s data changes.',
      ].join(' '),
      parameters: [
        { name: 'cycleId', in: 'query', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,64}$' } },
        { name: 'schoolId', in: 'query', required: false, schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,64}$' } },
      ],
      responses: {
        '200': {
          description: 'The figures.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['cycleId', 'schools', 'stages'],
                properties: {
                  cycleId: { type: 'string' },
                  previousCycleId: { type: 'string' },
                  trust: scopeFigures,
                  schools: { type: 'array', items: scopeFigures },
                  stages: { type: 'array', items: { type: 'string' } },
                },
              },
            },
          },
        },
        '400': { description: 'A parameter is missing or not accepted: `field` names it.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        '401': { description: 'No token, or a token that is not valid.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        '403': { description: 'Not a reader of these figures (`reason`).', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        '404': { description: 'No such cycle.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    },
  },
} as const;
