/**
 * Participation in a cycle: who takes part and how (group PLCs, individual projects, the new-staff
 * track), by theme and by school; how far enquiries got; and how long they spend in each stage.
 *
 * Who counts where (staff are the `people` given, or with `cycles` those of them on the staff
 * during the cycle; ids found only in communities or enquiries are counted in `unknownPeople` and
 * nowhere else):
 * - **in a group PLC**: the lead or a member of a community of the cycle, or an owner of a group
 *   enquiry of the cycle on the PLC track (`track === 'plc'`);
 * - **on an individual project**: an owner of an individual enquiry of the cycle on the PLC track;
 * - **on the new-staff track**: a person new staff in the cycle (marked `newStaff`, or, given
 *   `cycles`, who joined during or just before it), a member of a community of the cycle on one of
 *   its tracks (`trackId`, e.g. "Building Learning Habits": not a PLC, its lead not counted), or an
 *   owner of an enquiry of the cycle on any other track (`track !== 'plc'`);
 * - **participating**: in any of the three; **not participating**: in none.
 * The three are not exclusive: someone in a PLC who also runs an individual project counts in
 * both, once in `participating`.
 *
 * Stages: an enquiry has **reached** a stage when its current stage comes at or after it in the
 * stage order (`stages`, or {@link DEFAULT_STAGES}); one whose stage is not in the order is counted
 * in `unknownStage`. Withdrawn, paused and archived enquiries count at the stage they stopped at.
 *
 * Time in stage: from `stageVisitsByEnquiry` (each enquiry's `EnquiryData.stageVisits`, in log
 * order), a visit lasts from entering the stage to entering the next one. The last visit lasts until
 * `now` when the enquiry is still open (`new`, `active` or `paused`: paused time counts) and its
 * stage is not the last of the order; otherwise, or when `now` is not given, it is left out. An
 * enquiry's visits to the same stage (after looping back) add up, and the median and mean are over
 * enquiries. Negative spans (clock skew between devices) count as 0.
 * @module
 */
import type { Community, Person } from '../schema/directory.js';
import type { EnquiryStatus, StageVisit } from '../lifecycle/enquiryMachine.js';
import { DEFAULT_STAGES } from '../lifecycle/stages.js';
import type { EnquirySummary } from '../store/store.js';
import { mean, median } from './stats.js';
import { isNewStaffIn, staffOfCycle, type CycleDates } from './cycleStaff.js';

/** The fields of a person the analysis reads. */
export type ParticipationPerson = Pick<Person, 'id' | 'schoolId' | 'newStaff' | 'joinedOn' | 'leftOn'>;
/** The fields of a community the analysis reads. */
export type ParticipationCommunity = Pick<Community, 'cycleId' | 'themeId' | 'memberIds' | 'leadId' | 'trackId'>;
/** The fields of an enquiry summary the analysis reads. */
export type ParticipationEnquiry = Pick<EnquirySummary, 'enquiryId' | 'cycleId' | 'kind' | 'track' | 'themeId' | 'ownerIds' | 'stage' | 'status'>;

/** What {@link analyseParticipation} needs. */
export interface ParticipationInput {
  cycleId: string;
  /**
   * The staff; with `cycles`, everyone in the directory, and the analysis keeps those on the
   * staff during the cycle (`joinedOn`, `leftOn`).
   */
  people: readonly ParticipationPerson[];
  /**
   * Every cycle (or at least this one and those before it). When given, the cycle's staff and its
   * new staff come from people's dates (see `cycleStaff.ts`): a leaver counts in the years they
   * were here, and year 2's new staff are not new in year 3. Without it, `people` are the staff
   * and `newStaff` marks new staff.
   */
  cycles?: readonly CycleDates[];
  /** Communities (those of other cycles are ignored). */
  communities: readonly ParticipationCommunity[];
  /** Enquiry summaries (those of other cycles are ignored). */
  summaries: readonly ParticipationEnquiry[];
  /** Each enquiry's stage visits (`EnquiryData.stageVisits`), by enquiry id; needed for time in stage. */
  stageVisitsByEnquiry?: ReadonlyMap<string, readonly StageVisit[]> | Readonly<Record<string, readonly StageVisit[] | undefined>>;
  /** The stage order; {@link DEFAULT_STAGES} by default. */
  stages?: readonly string[];
  /** The time open stages run until: an ISO instant, epoch milliseconds or a Date. */
  now?: string | number | Date;
}

/** How many staff take part, and how. */
export interface StaffParticipation {
  /** Staff counted (everyone for the whole cycle; the school's staff for a school). */
  total: number;
  inGroupPlc: number;
  onIndividualProject: number;
  onNewStaffTrack: number;
  /** In at least one of the three. */
  participating: number;
  notParticipating: number;
}

/** Participation in one school (by each person's `schoolId`). */
export interface SchoolParticipation extends StaffParticipation {
  schoolId: string;
}

/** Participation in one theme. */
export interface ThemeParticipation {
  /** The theme, or undefined for enquiries without one. */
  themeId: string | undefined;
  /** Communities of the cycle on the theme. */
  communities: number;
  /** Enquiries of the cycle on the theme: all, group (PLC track), individual (PLC track), other tracks. */
  enquiries: { total: number; group: number; individual: number; otherTrack: number };
  /** Distinct staff on the theme in each way (a `newStaff` person counts here only through an enquiry). */
  staff: { inGroupPlc: number; onIndividualProject: number; onNewStaffTrack: number; participating: number };
}

/** How many enquiries reached a stage, and how many are at it now. */
export interface StageReach {
  stage: string;
  /** Enquiries whose current stage is this one or a later one. */
  reached: number;
  /** Enquiries at this stage now. */
  current: number;
}

/** Time spent in a stage, over the enquiries that spent time in it. */
export interface StageTime {
  stage: string;
  /** Enquiries with a measured time in the stage. */
  enquiries: number;
  /** Median days per enquiry, or undefined when none. */
  medianDays: number | undefined;
  /** Mean days per enquiry, or undefined when none. */
  meanDays: number | undefined;
}

/** The participation report of a cycle. */
export interface ParticipationResult {
  cycleId: string;
  staff: StaffParticipation;
  /** By theme, ordered by theme id, enquiries without a theme last. */
  byTheme: ThemeParticipation[];
  /** By school, ordered by school id. */
  bySchool: SchoolParticipation[];
  /** Enquiries of the cycle. */
  enquiries: number;
  byStatus: Record<EnquiryStatus, number>;
  /** One row per stage of the order, in order. */
  stages: StageReach[];
  /** Enquiries whose stage is not in the order. */
  unknownStage: number;
  /** One row per stage of the order, then any other stage found in the visits (by id). */
  timeInStage: StageTime[];
  /** Distinct ids in the cycle's communities and enquiries that are not among `people`. */
  unknownPeople: number;
}

const GROUP = 1;
const INDIVIDUAL = 2;
const NEW_STAFF = 4;
const DAY_MS = 86_400_000;
const OPEN_STATUSES: ReadonlySet<string> = new Set<EnquiryStatus>(['new', 'active', 'paused']);

function toMillis(value: string | number | Date | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : value.getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

function mark(map: Map<string, number>, id: string, flag: number): void {
  map.set(id, (map.get(id) ?? 0) | flag);
}

function countFlags(flags: Iterable<number>): { inGroupPlc: number; onIndividualProject: number; onNewStaffTrack: number; participating: number } {
  let inGroupPlc = 0;
  let onIndividualProject = 0;
  let onNewStaffTrack = 0;
  let participating = 0;
  for (const flag of flags) {
    if (flag & GROUP) inGroupPlc += 1;
    if (flag & INDIVIDUAL) onIndividualProject += 1;
    if (flag & NEW_STAFF) onNewStaffTrack += 1;
    if (flag) participating += 1;
  }
  return { inGroupPlc, onIndividualProject, onNewStaffTrack, participating };
}

const byKey = (a: string | undefined, b: string | undefined) => (a === b ? 0 : a === undefined ? 1 : b === undefined ? -1 : a < b ? -1 : 1);

/**
 * The participation report of a cycle: staff in group PLCs, on individual projects and on the
 * new-staff track (overall, by theme and by school), how many enquiries reached each stage, and the
 * median and mean days spent in each stage (see the module notes for the exact rules).
 * @example
 * ```ts
 * const report = analyseParticipation({
 *   cycleId: '2025-26', people, communities, summaries: await store.listEnquiries({ cycleId: '2025-26' }),
 *   stageVisitsByEnquiry: new Map(replayed.map((data) => [data.enquiryId!, data.stageVisits])),
 *   now: new Date(),
 * });
 * report.staff;        // { total: 80, inGroupPlc: 48, onIndividualProject: 14, onNewStaffTrack: 9, participating: 69, notParticipating: 11 }
 * report.stages[2];    // { stage: 'observation', reached: 31, current: 12 }
 * report.timeInStage[1]; // { stage: 'question', enquiries: 40, medianDays: 17, meanDays: 21.4 }
 * ```
 */
export function analyseParticipation(input: ParticipationInput): ParticipationResult {
  const { cycleId, communities, summaries } = input;
  const cycle = input.cycles?.find((c) => c.id === cycleId);
  if (input.cycles && !cycle) throw new RangeError(`cycles has no cycle ${cycleId}`);
  const people = cycle ? staffOfCycle(input.people, cycle) : input.people;
  const isNew = (person: ParticipationPerson) => (cycle ? isNewStaffIn(person, cycle, input.cycles!) : person.newStaff === true);
  const order = [...new Set<string>(input.stages ?? DEFAULT_STAGES)];
  const stageIndex = new Map<string, number>(order.map((stage, i) => [stage, i]));
  const now = toMillis(input.now);
  if (input.now !== undefined && now === undefined) throw new RangeError(`now is not a valid time (got ${String(input.now)})`);

  const known = new Set<string>();
  for (const person of people) known.add(person.id);
  const unknown = new Set<string>();

  // Flags per person, overall and per theme; communities and enquiries per theme.
  const flags = new Map<string, number>();
  const themeFlags = new Map<string | undefined, Map<string, number>>();
  const themeRows = new Map<string | undefined, ThemeParticipation>();
  const themeRow = (themeId: string | undefined) => {
    let row = themeRows.get(themeId);
    if (!row) {
      row = {
        themeId,
        communities: 0,
        enquiries: { total: 0, group: 0, individual: 0, otherTrack: 0 },
        staff: { inGroupPlc: 0, onIndividualProject: 0, onNewStaffTrack: 0, participating: 0 },
      };
      themeRows.set(themeId, row);
      themeFlags.set(themeId, new Map());
    }
    return row;
  };
  const markPerson = (id: string, flag: number, themeId: string | undefined) => {
    if (!known.has(id)) {
      unknown.add(id);
      return;
    }
    mark(flags, id, flag);
    mark(themeFlags.get(themeId)!, id, flag);
  };

  for (const person of people) if (isNew(person)) mark(flags, person.id, NEW_STAFF);

  for (const community of communities) {
    if (community.cycleId !== cycleId) continue;
    if (community.trackId) {
      // A track's group (new staff on Building Learning Habits): its members are on the track;
      // whoever leads its sessions is staff running it, not taking part.
      themeRow(community.themeId);
      for (const id of community.memberIds) if (id !== community.leadId) markPerson(id, NEW_STAFF, community.themeId);
      continue;
    }
    themeRow(community.themeId).communities += 1;
    markPerson(community.leadId, GROUP, community.themeId);
    for (const id of community.memberIds) markPerson(id, GROUP, community.themeId);
  }

  const byStatus: Record<EnquiryStatus, number> = { new: 0, active: 0, paused: 0, withdrawn: 0, archived: 0 };
  const current = new Array<number>(order.length).fill(0);
  let unknownStage = 0;
  let enquiries = 0;
  const durations = new Map<string, number[]>(order.map((stage) => [stage, []]));
  const visitsOf = input.stageVisitsByEnquiry;
  const lookup =
    visitsOf === undefined
      ? () => undefined
      : visitsOf instanceof Map
        ? (id: string) => (visitsOf as ReadonlyMap<string, readonly StageVisit[]>).get(id)
        : (id: string) => (Object.hasOwn(visitsOf, id) ? (visitsOf as Readonly<Record<string, readonly StageVisit[] | undefined>>)[id] : undefined);
  const lastStage = order[order.length - 1];

  for (const summary of summaries) {
    if (summary.cycleId !== cycleId) continue;
    enquiries += 1;
    if (summary.status in byStatus) byStatus[summary.status] += 1;
    const onPlc = summary.track === 'plc';
    const flag = !onPlc ? NEW_STAFF : summary.kind === 'group' ? GROUP : INDIVIDUAL;
    const row = themeRow(summary.themeId);
    row.enquiries.total += 1;
    if (!onPlc) row.enquiries.otherTrack += 1;
    else if (summary.kind === 'group') row.enquiries.group += 1;
    else row.enquiries.individual += 1;
    for (const id of summary.ownerIds) markPerson(id, flag, summary.themeId);

    const index = stageIndex.get(summary.stage);
    if (index === undefined) unknownStage += 1;
    else current[index]! += 1;

    const visits = lookup(summary.enquiryId);
    if (!visits || visits.length === 0) continue;
    const spent = new Map<string, number>();
    for (let i = 0; i < visits.length; i += 1) {
      const visit = visits[i]!;
      const start = Date.parse(visit.at);
      let end: number | undefined;
      const next = visits[i + 1];
      if (next) end = Date.parse(next.at);
      else if (now !== undefined && OPEN_STATUSES.has(summary.status) && visit.stage !== lastStage) end = now;
      if (end === undefined || !Number.isFinite(start) || !Number.isFinite(end)) continue;
      spent.set(visit.stage, (spent.get(visit.stage) ?? 0) + Math.max(0, end - start));
    }
    for (const [stage, ms] of spent) {
      let list = durations.get(stage);
      if (!list) durations.set(stage, (list = []));
      list.push(ms / DAY_MS);
    }
  }

  const reached = new Array<number>(order.length).fill(0);
  for (let i = order.length - 1, sum = 0; i >= 0; i -= 1) {
    sum += current[i]!;
    reached[i] = sum;
  }

  const total = known.size; // a person listed twice counts once
  const overall = countFlags(flags.values());
  const staff: StaffParticipation = { total, ...overall, notParticipating: total - overall.participating };

  const schools = new Map<string, { total: number; flags: number[] }>();
  const seenPeople = new Set<string>();
  for (const person of people) {
    if (seenPeople.has(person.id)) continue;
    seenPeople.add(person.id);
    let school = schools.get(person.schoolId);
    if (!school) schools.set(person.schoolId, (school = { total: 0, flags: [] }));
    school.total += 1;
    school.flags.push(flags.get(person.id) ?? 0);
  }
  const bySchool = [...schools.keys()].sort(byKey).map((schoolId): SchoolParticipation => {
    const school = schools.get(schoolId)!;
    const counts = countFlags(school.flags);
    return { schoolId, total: school.total, ...counts, notParticipating: school.total - counts.participating };
  });

  const byTheme = [...themeRows.keys()].sort(byKey).map((themeId) => {
    const row = themeRows.get(themeId)!;
    row.staff = countFlags(themeFlags.get(themeId)!.values());
    return row;
  });

  const stageOrder = [...durations.keys()];
  const extra = stageOrder.filter((stage) => !stageIndex.has(stage)).sort(byKey);
  const timeInStage = [...stageOrder.filter((stage) => stageIndex.has(stage)), ...extra].map((stage): StageTime => {
    const days = durations.get(stage)!;
    return { stage, enquiries: days.length, medianDays: median(days), meanDays: mean(days) };
  });

  return {
    cycleId,
    staff,
    byTheme,
    bySchool,
    enquiries,
    byStatus,
    stages: order.map((stage, i) => ({ stage, reached: reached[i]!, current: current[i]! })),
    unknownStage,
    timeInStage,
    unknownPeople: unknown.size,
  };
}
