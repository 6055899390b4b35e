/**
 * `GET /v1/analysis/figures`: a cycle's leaders' figures (impact, learning walks, participation
 * and the stage funnel, time in stage, student-voice surveys), for the trust and each school as
 * far as the reader's reach goes (see `figuresReach`). Only aggregates leave the server, with
 * small appraisal groups suppressed across every school and group (docs/privacy.md).
 *
 * The query is declared with a strict zod schema (through `route()`, which also puts the route in
 * the OpenAPI document): only `cycleId` and `schoolId` are accepted, so
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
import type { Person } from '../../schema/directory.js';
import { actorOf, type Authenticator, type Principal } from '../auth.js';
import type { Db } from '../db.js';
import { forbidden } from '../errors.js';
import { readRecord } from '../sql.js';
import { FiguresCache, sliceFigures } from './analysisRepository.js';
import { authenticated, idOf, principalOf } from './context.js';
import { AUTHENTICATED_ERRORS, checkParameters, errors, route } from './route.js';

/** The query of `GET /v1/analysis/figures`: strict, so any other parameter answers 400. */
export const FiguresQuery = z.strictObject({
  cycleId: idOf('The cycle whose figures are wanted; its previous cycle is the one that started last before it.'),
  schoolId: z.optional(idOf('One school\u2019s figures; by default everything the reader\u2019s reach covers.')),
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

/**
 * The figures of a cycle as `principal` may read them: the trust's and each school's for a
 * trust-wide CPD leader (or one school when `schoolId` is given), their school's for a school's.
 */
export async function readFigures(deps: AnalysisRouteDeps, principal: Principal, query: unknown): Promise<LeadersFigures> {
  const { cycleId, schoolId } = checkParameters(FiguresQuery, query) as z.infer<typeof FiguresQuery>;
  const db = deps.db();
  const { reach, appraisals } = await accessOf(db, principal);
  const wanted: FiguresScope = schoolId ? { kind: 'school', schoolId } : reach;
  if (!reachCovers(reach, wanted)) throw forbidden('not-aggregate-reader', 'Your figures cover your own school; the other schools\u2019 are for the trust\u2019s CPD leaders.', 'schoolId');
  const figures = await deps.cache.trustFigures(db, principal.trustId, cycleId, appraisals, deps.lifecycle.stages);
  return sliceFigures(figures, wanted);
}

const Group = z.object({
  count: z.int(),
  strengths: z.int(),
  proportion: z.optional(z.number()),
  percentage: z.optional(z.number()),
  interval: z.optional(z.object({ lower: z.number(), upper: z.number() })),
  tooSmall: z.boolean(),
  suppressed: z.optional(z.boolean().check(z.describe('Hidden so no one can be picked out: every count reads 0; show "too few".'))),
});

const ScopeFigures = z.object({
  scope: z.object({ kind: z.enum(['trust', 'school']), schoolId: z.optional(z.string()) }),
  impact: z.optional(
    z
      .array(z.looseObject({ aspectId: z.string(), members: Group, all: Group, nonMembers: Group, ratio: z.optional(z.number()), difference: z.optional(z.number()) }))
      .check(z.describe('One result per aspect of last cycle\u2019s PLC themes; absent when the reader may not see appraisal figures.')),
  ),
  walks: z.array(z.object({ walk: z.object({ id: z.string(), focus: z.string(), date: z.string(), cycleId: z.string() }), result: z.looseObject({}) })),
  participation: z.looseObject({}).check(z.describe('Staff taking part, by theme and school; the stage funnel; median and mean days in each stage.')),
  surveys: z.object({ surveys: z.int(), open: z.int(), readable: z.int(), responses: z.int() }),
});

/** The body of `GET /v1/analysis/figures` (documentation: see `LeadersFigures`). */
const FiguresBody = z.object({
  cycleId: z.string(),
  previousCycleId: z.optional(z.string()),
  trust: z.optional(ScopeFigures),
  schools: z.array(ScopeFigures),
  stages: z.array(z.string()),
});

/** The analysis routes, as a Fastify plugin (`app.register(analysisRoutes, deps)`). */
export async function analysisRoutes(app: FastifyInstance, deps: AnalysisRouteDeps): Promise<void> {
  route(app, {
    method: 'GET',
    url: '/v1/analysis/figures',
    operationId: 'leadersFigures',
    summary: 'A cycle\u2019s leaders\u2019 figures: impact, learning walks, participation, time in stage, surveys (aggregates only)',
    description: [
      'For CPD leaders: a trust-wide one (`trustWide` on their person record) reads the trust and each school, another their own school.',
      'Appraisal figures need the appraisal aggregate right. Groups of fewer than five staff are suppressed across schools and groups,',
      'so no figure can be worked out from others. Computed over everyone\u2019s data and cached until the trust\u2019s data changes.',
    ],
    querystring: FiguresQuery,
    responses: { 200: { description: 'The figures.', body: FiguresBody }, ...AUTHENTICATED_ERRORS, ...errors([404, 'No such cycle.']) },
    onRequest: authenticated(deps.authenticate),
    handler: async (request, reply) => reply.header('cache-control', 'private, no-store').send(await readFigures(deps, principalOf(request), request.query)),
  });
}
