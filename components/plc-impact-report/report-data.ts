/**
 * Loads what the impact report shows, all as aggregates: the impact of last cycle's PLCs on each
 * aspect of practice (from appraisal records), the cycle's learning walks, and participation.
 * @internal
 */
import { analyseAllAspects, type ImpactResult } from '../../src/analysis/impact.js';
import { analyseLearningWalk, type LearningWalkResult } from '../../src/analysis/learningWalk.js';
import { analyseParticipation, type ParticipationResult } from '../../src/analysis/participation.js';
import { previousCycleOf } from '../../src/analysis/cycleStaff.js';
import type { StageVisit } from '../../src/lifecycle/enquiryMachine.js';
import type { Cycle, LearningWalk } from '../../src/schema/directory.js';
import type { PlcSession } from '../context/session.js';

/** Everything the report draws. */
export interface ReportData {
  cycle: Cycle;
  /** The cycle before `cycle` by start date, whose PLCs make the members; undefined for the first. */
  previousCycle: Cycle | undefined;
  /** One result per aspect of the previous cycle's PLC themes; empty without a previous cycle. */
  impact: ImpactResult[];
  /** Whether appraisal records were read (the reader may see appraisal aggregates). */
  appraisalsRead: boolean;
  walks: Array<{ walk: LearningWalk; result: LearningWalkResult }>;
  participation: ParticipationResult;
  /** The stage order participation used. */
  stages: readonly string[];
}

/** Loads and analyses a cycle's figures. `withAppraisals: false` leaves appraisal records unread. */
export async function loadReport(session: PlcSession, cycle: Cycle, withAppraisals: boolean): Promise<ReportData> {
  const { store, directory, lifecycle } = session;
  const previousCycle = previousCycleOf(cycle, directory.cycles.values());
  const communities = [...directory.communities.values()];
  const [appraisals, walkRecords, summaries] = await Promise.all([
    withAppraisals && previousCycle ? store.list('appraisals') : Promise.resolve([]),
    store.list('learningWalks'),
    store.listEnquiries({ cycleId: cycle.id }),
  ]);
  const impact = previousCycle
    ? analyseAllAspects({
        cycleId: cycle.id,
        previousCycleId: previousCycle.id,
        appraisals: appraisals.map((a) => a.record),
        communities,
        themes: [...directory.themes.values()],
        people: [...directory.people.values()],
        cycles: [...directory.cycles.values()],
      })
    : [];
  const walks = walkRecords
    .map((w) => w.record)
    .filter((walk) => walk.cycleId === cycle.id)
    .sort((a, b) => (a.date === b.date ? (a.id < b.id ? -1 : 1) : a.date < b.date ? -1 : 1))
    .map((walk) => ({ walk, result: analyseLearningWalk(walk) }));
  // Time in each stage needs each enquiry's stage visits, which only its log has.
  const visits = new Map<string, readonly StageVisit[]>();
  await Promise.all(
    summaries.map(async (summary) => {
      const log = await store.readLog(summary.enquiryId);
      const state = lifecycle.replay(log, session.inputFor({ cycleId: summary.cycleId, communityId: summary.communityId }));
      visits.set(summary.enquiryId, state.data.stageVisits);
    }),
  );
  const participation = analyseParticipation({
    cycleId: cycle.id,
    people: [...directory.people.values()],
    cycles: [...directory.cycles.values()],
    communities,
    summaries,
    stageVisitsByEnquiry: visits,
    stages: lifecycle.stages,
    now: new Date(),
  });
  return { cycle, previousCycle, impact, appraisalsRead: withAppraisals, walks, participation, stages: lifecycle.stages };
}
