/**
 * Leaders' figures on the server: the records they are computed from (read here, never sent),
 * the figures themselves ({@link leadersFigures}, the same pure function the components use
 * without a server), and a cache per trust and cycle that any change to the trust's data
 * invalidates.
 *
 * The cache is checked against the trust's change counter and epoch (every event and record
 * written moves the counter; a backup import or an erasure moves the epoch) and the number of
 * survey answer sheets, so several server processes each keep their own and none serves stale
 * figures. Time in stage counts open stages up to now, so an entry also expires after
 * {@link CACHE_TTL_MS}.
 * @module
 */
import { leadersFigures, type FiguresScope, type LeadersFigures, type SurveyCount } from '../../analysis/leaders.js';
import type { StageVisit } from '../../lifecycle/enquiryMachine.js';
import type { EnquirySummary } from '../../store/store.js';
import type { Queryable } from '../db.js';
import { notFound } from '../errors.js';
import { readCollection } from '../sql.js';

/** How long figures stay cached when nothing changes (time in stage moves on). */
export const CACHE_TTL_MS = 5 * 60_000;

/** The most cycles' figures kept per process. */
const CACHE_ENTRIES = 200;

interface Entry {
  stamp: string;
  at: number;
  figures: LeadersFigures;
}

/** What has changed in a trust since figures were computed. */
async function stampOf(q: Queryable, trustId: string): Promise<string> {
  const { rows } = await q.query<{ seq: number | null; epoch: number | null; answers: number }>(
    `SELECT (SELECT seq FROM trusts WHERE id = $1) AS seq, (SELECT epoch FROM trusts WHERE id = $1) AS epoch,
            (SELECT count(*)::int FROM survey_responses WHERE trust_id = $1) AS answers`,
    [trustId],
  );
  const row = rows[0]!;
  return `${row.seq ?? 0}/${row.epoch ?? 0}/${row.answers}`;
}

/** Reads everything a cycle's figures need and computes the trust's (every school's) figures. */
async function computeTrustFigures(q: Queryable, trustId: string, cycleId: string, withAppraisals: boolean, stages: readonly string[], now: Date): Promise<LeadersFigures> {
  const cycles = await readCollection(q, trustId, 'cycles');
  const cycle = cycles.find((c) => c.id === cycleId);
  if (!cycle) throw notFound('cycleId', `cycles/${cycleId} does not exist.`);
  const [people, communities, themes, walks, surveys] = await Promise.all([
    readCollection(q, trustId, 'people'),
    readCollection(q, trustId, 'communities'),
    readCollection(q, trustId, 'themes'),
    readCollection(q, trustId, 'learningWalks'),
    readCollection(q, trustId, 'surveys'),
  ]);
  const appraisals = withAppraisals
    ? (
        await q.query<{ id: string; person_id: string; aspect_id: string; strength: boolean }>(
          `SELECT id, data->>'personId' AS person_id, data->>'aspectId' AS aspect_id, (data->>'strength')::boolean AS strength
           FROM records WHERE trust_id = $1 AND collection = 'appraisals' AND NOT deleted AND data->>'cycleId' = $2`,
          [trustId, cycleId],
        )
      ).rows.map((row) => ({ id: row.id, personId: row.person_id, cycleId, aspectId: row.aspect_id, strength: row.strength }))
    : undefined;
  const { rows: summaryRows } = await q.query<{ summary: EnquirySummary; visits: StageVisit[] | null }>(
    `SELECT summary, cache->'context'->'stageVisits' AS visits FROM summaries WHERE trust_id = $1 AND cycle_id = $2`,
    [trustId, cycleId],
  );
  const { rows: answerRows } = await q.query<{ survey_id: string; answers: number }>(
    'SELECT survey_id, count(*)::int AS answers FROM survey_responses WHERE trust_id = $1 GROUP BY survey_id',
    [trustId],
  );
  const answers = new Map(answerRows.map((row) => [row.survey_id, Number(row.answers)]));
  const surveyCounts: SurveyCount[] = surveys.map((survey) => ({ survey: { id: survey.id, enquiryId: survey.enquiryId, status: survey.status }, responses: answers.get(survey.id) ?? 0 }));
  return leadersFigures(
    {
      cycle,
      cycles,
      people,
      communities,
      themes,
      appraisals,
      walks,
      summaries: summaryRows.map((row) => row.summary),
      stageVisits: new Map(summaryRows.map((row) => [row.summary.enquiryId, row.visits ?? []])),
      surveys: surveyCounts,
      stages,
      now,
    },
    { kind: 'trust' },
  );
}

/** The part of the trust's figures a reader whose reach is `scope` sees. */
export function sliceFigures(figures: LeadersFigures, scope: FiguresScope): LeadersFigures {
  if (scope.kind === 'trust') return figures;
  const school = figures.schools.find((s) => s.scope.kind === 'school' && s.scope.schoolId === scope.schoolId);
  return { ...figures, trust: undefined, schools: school ? [school] : [] };
}

/** The figures cache of one server process. */
export class FiguresCache {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;
  /** How many times figures were computed (not served from the cache): for tests and logs. */
  computed = 0;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /**
   * The trust's figures of a cycle (every school's, and the trust's), from the cache when
   * nothing changed since they were computed.
   */
  async trustFigures(q: Queryable, trustId: string, cycleId: string, withAppraisals: boolean, stages: readonly string[]): Promise<LeadersFigures> {
    const key = JSON.stringify([trustId, cycleId, withAppraisals, stages]);
    const stamp = await stampOf(q, trustId);
    const now = this.#now();
    const entry = this.#entries.get(key);
    if (entry && entry.stamp === stamp && now - entry.at < CACHE_TTL_MS) return entry.figures;
    const figures = await computeTrustFigures(q, trustId, cycleId, withAppraisals, stages, new Date(now));
    this.computed += 1;
    this.#entries.delete(key);
    this.#entries.set(key, { stamp, at: now, figures });
    if (this.#entries.size > CACHE_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
    return figures;
  }
}
