/**
 * The one way elements get leaders' figures: from the plc-kit server when the provider has one
 * (figures over everyone's data, computed where the appraisal records stay), and computed on the
 * device otherwise, with the same `leadersFigures` and the same suppression. An element asks
 * {@link loadFigures} and never knows which.
 * @module
 */
import { leadersFigures, type FiguresScope, type LeadersFigures, type SurveyCount } from '../../src/analysis/leaders.js';
import type { StageVisit } from '../../src/lifecycle/enquiryMachine.js';
import { verdict } from '../../src/policy/policy.js';
import { figuresReach } from '../../src/policy/reach.js';
import type { Person } from '../../src/schema/directory.js';
import type { PlcSession, ServerLink } from '../context/session.js';

/** Figures with the names of the schools they mention, and where they were computed. */
export interface LoadedFigures extends LeadersFigures {
  /** School names by id, for headings. */
  schoolNames: ReadonlyMap<string, string>;
  /** `server` when the plc-kit server computed them over everyone's data; `device` otherwise. */
  source: 'server' | 'device';
}

/** A failure to get figures from the server, with its message (already readable). */
export class FiguresError extends Error {
  constructor(
    message: string,
    /** The HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
  ) {
    super(message);
    this.name = 'FiguresError';
  }
}

async function fromServer(server: ServerLink, cycleId: string): Promise<LeadersFigures> {
  const url = new URL('/v1/analysis/figures', server.url);
  url.searchParams.set('cycleId', cycleId);
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${await server.token()}`, accept: 'application/json' } });
  } catch (error) {
    throw new FiguresError(error instanceof Error ? error.message : String(error), 0);
  }
  const body = (await response.json().catch(() => undefined)) as { message?: string } | undefined;
  if (!response.ok) throw new FiguresError(body?.message ?? `HTTP ${response.status}`, response.status);
  return body as unknown as LeadersFigures;
}

async function onDevice(session: PlcSession, cycleId: string, reach: FiguresScope, withAppraisals: boolean): Promise<LeadersFigures> {
  const { store, directory, lifecycle } = session;
  const cycle = directory.cycles.get(cycleId);
  if (!cycle) throw new FiguresError(`There is no cycle ${cycleId}.`, 404);
  const [appraisals, walks, summaries, surveys, responses] = await Promise.all([
    withAppraisals ? store.list('appraisals') : Promise.resolve(undefined),
    store.list('learningWalks'),
    store.listEnquiries({ cycleId }),
    store.list('surveys'),
    store.list('surveyResponses').catch(() => []),
  ]);
  // Time in each stage needs each enquiry's stage visits, which only its log has.
  const visits = new Map<string, readonly StageVisit[]>();
  await Promise.all(
    summaries.map(async (summary) => {
      const state = lifecycle.replay(await store.readLog(summary.enquiryId), session.inputFor({ cycleId: summary.cycleId, communityId: summary.communityId }));
      visits.set(summary.enquiryId, state.data.stageVisits);
    }),
  );
  const answers = new Map<string, number>();
  for (const { record } of responses) answers.set(record.surveyId, (answers.get(record.surveyId) ?? 0) + 1);
  const surveyCounts: SurveyCount[] = surveys.map(({ record }) => ({ survey: record, responses: answers.get(record.id) ?? 0 }));
  return leadersFigures(
    {
      cycle,
      cycles: [...directory.cycles.values()],
      people: [...directory.people.values()],
      communities: [...directory.communities.values()],
      themes: [...directory.themes.values()],
      appraisals: appraisals?.map((a) => a.record),
      walks: walks.map((w) => w.record),
      summaries,
      stageVisits: visits,
      surveys: surveyCounts,
      stages: lifecycle.stages,
      now: new Date(),
    },
    reach,
  );
}

/** Whether `person` may read leaders' figures at all (a CPD leader, in their reach). */
export function figuresAllowed(person: Pick<Person, 'id' | 'roles' | 'schoolId' | 'trustWide'> | undefined): boolean {
  return Boolean(person && figuresReach(person));
}

/**
 * A cycle's leaders' figures for the session's person: asked of the server when the provider
 * has one, else computed on this device. Throws {@link FiguresError} when the server refuses or
 * cannot be reached (the figures are never computed from a partial copy instead).
 * @example
 * ```ts
 * const figures = await loadFigures(session, session.cycle!.id);
 * figures.trust?.impact?.[0].members; // the trust's members, or `suppressed` when too few
 * ```
 */
export async function loadFigures(session: PlcSession, cycleId: string): Promise<LoadedFigures> {
  const person = session.person;
  const reach = person ? figuresReach(person) : undefined;
  if (!person || !reach) throw new FiguresError('Leaders\u2019 figures are for CPD leaders.', 403);
  const withAppraisals = verdict({ kind: 'person', person }, 'appraisal.read', { scope: 'aggregate' }).allowed;
  const [figures, schools] = await Promise.all([
    session.server ? fromServer(session.server, cycleId) : onDevice(session, cycleId, reach, withAppraisals),
    session.store.list('schools').catch(() => []),
  ]);
  return { ...figures, schoolNames: new Map(schools.map(({ record }) => [record.id, record.name])), source: session.server ? 'server' : 'device' };
}
