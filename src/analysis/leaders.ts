/**
 * Leaders' figures of a cycle, for a trust and each of its schools: impact of last cycle's PLCs
 * (from appraisal records), learning walks, participation with its stage funnel and time in
 * stage, and student-voice surveys. One pure function, {@link leadersFigures}, computes them from
 * the records, with the same analyses everywhere: the plc-kit server over everyone's data (where
 * appraisal records stay), and the components on a device without a server.
 *
 * Small groups of appraisal figures are suppressed across the whole table of schools and groups
 * (see `suppress.ts`), so no figure shown to anyone, at any scope, lets a hidden one be worked
 * out. A school's reader gets that school's row of the same table.
 * @module
 */
import type { StageVisit } from '../lifecycle/enquiryMachine.js';
import type { Community, Cycle, LearningWalk, Person, Survey, Theme } from '../schema/directory.js';
import { previousCycleOf } from './cycleStaff.js';
import { analyseAllAspects, type ImpactAppraisal, type ImpactGroup, type ImpactResult } from './impact.js';
import { analyseLearningWalk, type LearningWalkResult } from './learningWalk.js';
import { analyseParticipation, type ParticipationEnquiry, type ParticipationResult } from './participation.js';
import { suppressTable, type SuppressionCell } from './suppress.js';
import { MIN_GROUP_SIZE } from './thresholds.js';

/** Whose figures: the whole trust, or one school. */
export type FiguresScope = { kind: 'trust' } | { kind: 'school'; schoolId: string };

/** A learning walk's figures (never its lessons or notes). */
export interface WalkFigures {
  walk: Pick<LearningWalk, 'id' | 'focus' | 'date' | 'cycleId'>;
  result: LearningWalkResult;
}

/** Student-voice surveys of the cycle's enquiries: how many, and how many can be read. */
export interface SurveyFigures {
  surveys: number;
  open: number;
  /** Surveys with at least {@link MIN_GROUP_SIZE} answers (their results can be shown to the enquiry). */
  readable: number;
  /** Answer sheets received, across the surveys. */
  responses: number;
}

/** One scope's figures. */
export interface ScopeFigures {
  scope: FiguresScope;
  /** One result per aspect (suppressed groups marked `suppressed`), or undefined when the reader may not see appraisal figures. */
  impact: ImpactResult[] | undefined;
  walks: WalkFigures[];
  participation: ParticipationResult;
  surveys: SurveyFigures;
}

/** A cycle's figures as one reader may see them. */
export interface LeadersFigures {
  cycleId: string;
  /** The cycle before, whose PLCs make the members; undefined for the first cycle. */
  previousCycleId: string | undefined;
  /** The trust's figures, for a reader whose reach is the trust; else undefined. */
  trust: ScopeFigures | undefined;
  /** Each school's figures the reader may see, ordered by school id. */
  schools: ScopeFigures[];
  /** The stage order participation used. */
  stages: readonly string[];
}

/** A survey and how many answer sheets it has (never the answers). */
export interface SurveyCount {
  survey: Pick<Survey, 'id' | 'enquiryId' | 'status'>;
  responses: number;
}

/** What {@link leadersFigures} reads. */
export interface LeadersInput {
  cycle: Pick<Cycle, 'id' | 'startsOn' | 'endsOn'>;
  /**
   * Every cycle: the one that started last before `cycle` is the previous one, and a cycle's staff
   * are the people on the staff during it (joining and leaving dates; see `cycleStaff.ts`).
   */
  cycles: ReadonlyArray<Pick<Cycle, 'id' | 'startsOn' | 'endsOn'>>;
  /** Everyone in the directory. */
  people: ReadonlyArray<Pick<Person, 'id' | 'schoolId' | 'newStaff' | 'joinedOn' | 'leftOn'>>;
  communities: readonly Community[];
  themes: readonly Theme[];
  /** Appraisal records, or undefined when the reader may not see appraisal figures (then `impact` is undefined). */
  appraisals: readonly ImpactAppraisal[] | undefined;
  walks: ReadonlyArray<Pick<LearningWalk, 'id' | 'focus' | 'date' | 'cycleId' | 'leaderIds' | 'lessons'>>;
  /** Enquiry summaries (other cycles' are ignored). */
  summaries: readonly ParticipationEnquiry[];
  stageVisits: ReadonlyMap<string, readonly StageVisit[]>;
  surveys: readonly SurveyCount[];
  stages: readonly string[];
  now: Date;
}

const HIDDEN_GROUP: Omit<ImpactGroup, 'suppressed'> = { count: 0, strengths: 0, proportion: undefined, percentage: undefined, interval: undefined, tooSmall: true };

/** The result with the groups `hide` names blanked, and every comparison that reads them. */
function withHidden(result: ImpactResult, hide: { members: boolean; nonMembers: boolean; all: boolean }): ImpactResult {
  if (!hide.members && !hide.nonMembers && !hide.all) return result;
  const group = (shown: ImpactGroup, hidden: boolean): ImpactGroup => (hidden ? { ...HIDDEN_GROUP, suppressed: true } : shown);
  const counts = (g: ImpactGroup) => ({ strengths: g.strengths, count: g.count });
  const members = group(result.members, hide.members);
  const all = group(result.all, hide.all);
  const nonMembers = group(result.nonMembers, hide.nonMembers);
  const headline = hide.members || hide.all;
  return {
    ...result,
    members,
    all,
    nonMembers,
    ratio: headline ? undefined : result.ratio,
    difference: headline ? undefined : result.difference,
    versusNonMembers: hide.members || hide.nonMembers ? { ratio: undefined, difference: undefined } : result.versusNonMembers,
    // How many members had no record would give the members' count away.
    membersWithoutRecord: hide.members ? 0 : result.membersWithoutRecord,
    summary: {
      ...result.summary,
      members: counts(members),
      all: counts(all),
      nonMembers: counts(nonMembers),
      ratio: headline ? undefined : result.summary.ratio,
      difference: headline ? undefined : result.summary.difference,
      direction: headline ? 'too-small' : result.summary.direction,
      ...(headline ? { suppressed: true } : {}),
    },
  };
}

/** Impact for the trust and each school, suppressed across the whole table. */
function impactTable(input: LeadersInput, previousCycleId: string, schoolIds: readonly string[], peopleOf: (schoolId: string) => LeadersInput['people']) {
  const base = { cycleId: input.cycle.id, previousCycleId, appraisals: input.appraisals ?? [], communities: input.communities, themes: input.themes, cycles: input.cycles };
  const trust = analyseAllAspects({ ...base, people: input.people });
  const schools = schoolIds.map((schoolId) => analyseAllAspects({ ...base, people: peopleOf(schoolId) }));
  const cell = (count: number): SuppressionCell => ({ count, hidden: false });
  const trustOut: ImpactResult[] = [];
  const schoolsOut: ImpactResult[][] = schoolIds.map(() => []);
  trust.forEach((trustResult, i) => {
    const rows = schools.map((results) => results[i]!);
    const table = suppressTable({
      cells: rows.map((r) => [cell(r.members.count), cell(r.nonMembers.count)]),
      rowTotals: rows.map((r) => cell(r.all.count)),
      columnTotals: [cell(trustResult.members.count), cell(trustResult.nonMembers.count)],
      total: cell(trustResult.all.count),
    });
    trustOut.push(withHidden(trustResult, { members: table.columnTotals[0]!.hidden, nonMembers: table.columnTotals[1]!.hidden, all: table.total.hidden }));
    rows.forEach((r, s) => {
      schoolsOut[s]!.push(withHidden(r, { members: table.cells[s]![0]!.hidden, nonMembers: table.cells[s]![1]!.hidden, all: table.rowTotals[s]!.hidden }));
    });
  });
  return { trust: trustOut, schools: schoolsOut };
}

const byDateThenId = (a: Pick<LearningWalk, 'date' | 'id'>, b: Pick<LearningWalk, 'date' | 'id'>) =>
  a.date === b.date ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.date < b.date ? -1 : 1;

/**
 * A cycle's figures for a reader whose reach is `reach`: the trust and every school, or one
 * school. Small appraisal groups are suppressed across the trust's whole table first, whoever
 * asks, and the reader's part is then cut from it.
 * @example
 * ```ts
 * const figures = leadersFigures(input, { kind: 'school', schoolId: 'sch-north' });
 * figures.trust;                 // undefined: a school's leader sees their school
 * figures.schools[0].impact[0];  // the school's members against its staff, groups under 5 hidden
 * ```
 */
export function leadersFigures(input: LeadersInput, reach: FiguresScope): LeadersFigures {
  const cycleId = input.cycle.id;
  const previous = previousCycleOf(input.cycle, input.cycles);
  const allSchools = [...new Set(input.people.map((p) => p.schoolId))].sort();
  const schoolOf = new Map(input.people.map((p) => [p.id, p.schoolId]));
  const peopleBySchool = new Map<string, Array<LeadersInput['people'][number]>>();
  for (const person of input.people) {
    const list = peopleBySchool.get(person.schoolId);
    if (list) list.push(person);
    else peopleBySchool.set(person.schoolId, [person]);
  }
  const peopleOf = (schoolId: string) => peopleBySchool.get(schoolId) ?? [];

  const impact = input.appraisals && previous ? impactTable(input, previous.id, allSchools, peopleOf) : undefined;
  const summaries = input.summaries.filter((s) => s.cycleId === cycleId);
  const walks = input.walks.filter((w) => w.cycleId === cycleId).sort(byDateThenId);
  const enquiryOwners = new Map(summaries.map((s) => [s.enquiryId, s.ownerIds]));
  const inSchool = (ids: readonly string[], schoolId: string | undefined) => schoolId === undefined || ids.some((id) => schoolOf.get(id) === schoolId);

  const scopeFigures = (scope: FiguresScope, impactResults: ImpactResult[] | undefined): ScopeFigures => {
    const schoolId = scope.kind === 'school' ? scope.schoolId : undefined;
    const scoped = summaries.filter((s) => inSchool(s.ownerIds, schoolId));
    const surveys = input.surveys.filter(({ survey }) => enquiryOwners.has(survey.enquiryId) && inSchool(enquiryOwners.get(survey.enquiryId)!, schoolId));
    return {
      scope,
      impact: input.appraisals === undefined ? undefined : (impactResults ?? []),
      walks: walks
        .filter((w) => inSchool(w.leaderIds, schoolId))
        .map((w) => ({ walk: { id: w.id, focus: w.focus, date: w.date, cycleId: w.cycleId }, result: analyseLearningWalk(w) })),
      participation: analyseParticipation({
        cycleId,
        people: schoolId === undefined ? input.people : peopleOf(schoolId),
        cycles: input.cycles,
        communities: schoolId === undefined ? input.communities : input.communities.filter((c) => c.schoolIds.includes(schoolId)),
        summaries: scoped,
        stageVisitsByEnquiry: input.stageVisits,
        stages: input.stages,
        now: input.now,
      }),
      surveys: {
        surveys: surveys.length,
        open: surveys.filter(({ survey }) => survey.status === 'open').length,
        readable: surveys.filter(({ responses }) => responses >= MIN_GROUP_SIZE).length,
        responses: surveys.reduce((sum, { responses }) => sum + responses, 0),
      },
    };
  };

  const shownSchools = reach.kind === 'trust' ? allSchools : allSchools.filter((id) => id === reach.schoolId);
  // A school with no staff yet still gets its (empty) figures, so a new school's leader sees a page.
  if (reach.kind === 'school' && shownSchools.length === 0) shownSchools.push(reach.schoolId);
  return {
    cycleId,
    previousCycleId: previous?.id,
    trust: reach.kind === 'trust' ? scopeFigures({ kind: 'trust' }, impact?.trust) : undefined,
    schools: shownSchools.map((schoolId) => {
      const index = allSchools.indexOf(schoolId);
      return scopeFigures({ kind: 'school', schoolId }, index >= 0 ? impact?.schools[index] : impact ? [] : undefined);
    }),
    stages: input.stages,
  };
}
