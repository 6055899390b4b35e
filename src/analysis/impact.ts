/**
 * Impact of PLC membership, measured against appraisal observations (the case study: "members of
 * any PLC the year before were much more likely to show strength in that aspect of practice than
 * the staff as a whole").
 *
 * For an aspect of practice and a cycle, the share of staff whose appraisal record in that cycle
 * shows the aspect as a strength, among three groups:
 * - **members**: staff who were in a PLC on that aspect in the previous cycle: the lead and the
 *   members (not coaches) of any community of `previousCycleId` whose theme lists the aspect. A
 *   person in two such PLCs counts once.
 * - **all staff**: everyone with an appraisal record for the aspect in the cycle.
 * - **non-members**: all staff who are not members.
 *
 * Staff with no record for the aspect in the cycle are in no group (a member without one is counted
 * in `membersWithoutRecord`). Records of other cycles and aspects are ignored.
 *
 * **Duplicate records** (the same person, aspect and cycle more than once, e.g. an import run twice
 * or a corrected record) are resolved by `duplicates`:
 * - `'last-by-id'` (the default): the record with the greatest id wins, ids compared as strings by
 *   code unit, so the answer never depends on the order records arrive in;
 * - `'any-strength'`: the aspect counts as a strength when any of the records says so.
 * Either way the person is counted once, and `duplicateRecords` says how many extra records there were.
 *
 * Cost: one pass over the communities and one over the appraisal records, counting as it goes,
 * with a Map of people and one typed array built once: time O(records + memberships), memory
 * O(people × aspects analysed) small integers (4 bytes each).
 * @module
 */
import type { AppraisalRecord, Community, Cycle, Person, Theme } from '../schema/directory.js';
import { staffOfCycle } from './cycleStaff.js';
import { Z_95, describeProportion, shareDifference, shareRatio, type Interval } from './stats.js';

/** The fields of an appraisal record the analysis reads. */
export type ImpactAppraisal = Pick<AppraisalRecord, 'id' | 'personId' | 'cycleId' | 'aspectId' | 'strength'>;
/** The fields of a community the analysis reads. */
export type ImpactCommunity = Pick<Community, 'cycleId' | 'themeId' | 'memberIds' | 'leadId'> & Partial<Pick<Community, 'trackId'>>;
/** The fields of a theme the analysis reads. */
export type ImpactTheme = Pick<Theme, 'id' | 'name' | 'aspects'>;
/** The fields of a person the analysis reads. */
export type ImpactPerson = Pick<Person, 'id' | 'joinedOn' | 'leftOn'>;

/** How several records for the same person, aspect and cycle are resolved. */
export type DuplicateRule = 'last-by-id' | 'any-strength';

/** What {@link analyseAllAspects} needs. */
export interface ImpactOptions {
  /** The cycle whose appraisal records are read (e.g. "2025-26"). */
  cycleId: string;
  /** The cycle whose PLCs make the members (usually the one before `cycleId`). */
  previousCycleId: string;
  appraisals: readonly ImpactAppraisal[];
  communities: readonly ImpactCommunity[];
  themes: readonly ImpactTheme[];
  /**
   * Restricts the analysis to these staff (e.g. one school of a trust, or without new staff):
   * records of anyone else are left out and counted in `excludedRecords`. All records count when omitted.
   */
  people?: readonly ImpactPerson[];
  /**
   * Every cycle: with `people` (the whole directory), only those on the staff during `cycleId`
   * (by `joinedOn` and `leftOn`) are counted, so the caller need not pick that year's staff.
   */
  cycles?: ReadonlyArray<Pick<Cycle, 'id' | 'startsOn' | 'endsOn'>>;
  /** How duplicate records are resolved; `'last-by-id'` by default (see the module notes). */
  duplicates?: DuplicateRule;
  /** The normal quantile for the intervals; 95% (1.959964) by default. */
  z?: number;
}

/** What {@link analyseImpact} needs: {@link ImpactOptions} and the aspect. */
export interface ImpactInput extends ImpactOptions {
  /** The aspect of practice, as named in the themes' `aspects`. */
  aspectId: string;
}

/** One group's share showing the aspect as a strength. */
export interface ImpactGroup {
  /** Staff in the group with a record for the aspect in the cycle. */
  count: number;
  /** Of them, how many show it as a strength. */
  strengths: number;
  /** `strengths / count` in [0, 1], or undefined for an empty group. */
  proportion: number | undefined;
  /** The proportion times 100, unrounded, or undefined for an empty group. */
  percentage: number | undefined;
  /** The 95% Wilson interval of the proportion, or undefined for an empty group. */
  interval: Interval | undefined;
  /** Fewer than 5 staff: too small to read. */
  tooSmall: boolean;
  /**
   * Set by leaders' figures (`leadersFigures`) when the group is hidden so no one can be picked
   * out, directly or by subtracting figures that are shown: then every count reads 0.
   */
  suppressed?: boolean;
}

/** How the members' share compares with another group's. */
export interface ImpactComparison {
  /** Members' share divided by the other group's, or undefined when either is missing or the other is 0. */
  ratio: number | undefined;
  /** Members' share minus the other group's, in percentage points, or undefined when either is missing. */
  difference: number | undefined;
}

/** Which way the finding points, for choosing the sentence to show. */
export type ImpactDirection = 'higher' | 'lower' | 'same' | 'too-small' | 'no-data';

/**
 * The plain-language finding as data, for a component to turn into a localised sentence such as
 * "Staff in last year's literacy PLC were 1.8 times as likely to show strength in literacy (14 of
 * 20) as staff as a whole (24 of 60)".
 */
export interface ImpactSummary {
  /** The name of the (first) previous-cycle theme with PLCs on the aspect, or undefined when there were none. */
  themeName: string | undefined;
  /** The names of every such theme, in the order of `themes`. */
  themeNames: string[];
  /** The aspect's name from the themes, or its id when no theme names it. */
  aspectName: string;
  members: { strengths: number; count: number };
  all: { strengths: number; count: number };
  nonMembers: { strengths: number; count: number };
  /** Members' share / all staff's share. */
  ratio: number | undefined;
  /** Members' share − all staff's share, in percentage points. */
  difference: number | undefined;
  /**
   * `no-data` when members or all staff have no records, `too-small` when either group is under 5,
   * else `higher`, `lower` or `same` (members against all staff).
   */
  direction: ImpactDirection;
  /** Set when members or all staff are hidden (see {@link ImpactGroup.suppressed}): say "too few", never a count. */
  suppressed?: boolean;
}

/** The impact of PLC membership on one aspect of practice. */
export interface ImpactResult {
  aspectId: string;
  cycleId: string;
  previousCycleId: string;
  /** The previous-cycle themes whose PLCs count, in the order of `themes`. */
  themeIds: string[];
  /** How many previous-cycle communities were on the aspect. */
  communities: number;
  members: ImpactGroup;
  all: ImpactGroup;
  nonMembers: ImpactGroup;
  /** Members against all staff (the headline). */
  ratio: number | undefined;
  /** Members against all staff, in percentage points. */
  difference: number | undefined;
  /** Members against non-members. */
  versusNonMembers: ImpactComparison;
  /** Members of those PLCs with no record for the aspect in the cycle (left out of every group). */
  membersWithoutRecord: number;
  /** Extra records for a person already counted (resolved by the duplicate rule). */
  duplicateRecords: number;
  /** Records of the aspect and cycle left out because the person is not in `people`. */
  excludedRecords: number;
  summary: ImpactSummary;
}

interface AspectIndex {
  aspectId: string;
  /** The aspect's column in the state table. */
  column: number;
  aspectName: string | undefined;
  themeIds: string[];
  themeNames: string[];
  communities: number;
  memberTotal: number;
  memberCount: number;
  memberStrengths: number;
  allCount: number;
  allStrengths: number;
  duplicateRecords: number;
  excludedRecords: number;
}

function newAspect(aspectId: string): AspectIndex {
  return {
    aspectId,
    column: -1,
    aspectName: undefined,
    themeIds: [],
    themeNames: [],
    communities: 0,
    memberTotal: 0,
    memberCount: 0,
    memberStrengths: 0,
    allCount: 0,
    allStrengths: 0,
    duplicateRecords: 0,
    excludedRecords: 0,
  };
}

/** State of a (person, aspect) cell: no record yet, not a member. */
const UNSEEN = 0;
/** State of a (person, aspect) cell: no record yet, a member of a counted PLC. */
const UNSEEN_MEMBER = -1;
// Otherwise the cell holds `2 × (index of the record that counts + 1) + (1 if a member)`.

/**
 * Builds the per-aspect index and counts every group, in one pass over the communities and one
 * over the records. `only`, when given, restricts the work to one aspect (always in the result).
 *
 * People get a slot number from one Map; the state of each (person, aspect) is a cell of one
 * Int32Array, person by person, that doubles as people are added. So each record costs two small
 * Map lookups and a typed-array read, and nothing is allocated per record.
 */
function buildIndex(options: ImpactOptions, only: string | undefined): Map<string, AspectIndex> {
  const { cycleId, previousCycleId, appraisals, communities, themes } = options;
  const cycle = options.cycles?.find((c) => c.id === cycleId);
  if (options.cycles && !cycle) throw new RangeError(`cycles has no cycle ${cycleId}`);
  const people = options.people && cycle ? staffOfCycle(options.people, cycle) : options.people;
  const rule: DuplicateRule = options.duplicates ?? 'last-by-id';
  if (rule !== 'last-by-id' && rule !== 'any-strength') throw new RangeError(`unknown duplicate rule "${String(rule)}"`);
  const anyStrength = rule === 'any-strength';

  // Themes used by the previous cycle's communities, and the communities of each theme.
  const communitiesByTheme = new Map<string, ImpactCommunity[]>();
  for (const community of communities) {
    // A group on a track (new staff's "Building Learning Habits") is not a PLC: its members are not "last year's PLC members".
    if (community.cycleId !== previousCycleId || community.trackId !== undefined) continue;
    const list = communitiesByTheme.get(community.themeId);
    if (list) list.push(community);
    else communitiesByTheme.set(community.themeId, [community]);
  }

  // The aspects to report, with their themes and communities.
  const aspects = new Map<string, AspectIndex>();
  const themeCommunities = new Map<AspectIndex, ImpactCommunity[][]>();
  if (only !== undefined) aspects.set(only, newAspect(only));
  for (const theme of themes) {
    const list = communitiesByTheme.get(theme.id);
    // Name the aspect from any theme, even one without PLCs, so the summary reads well.
    if (only !== undefined) {
      const index = aspects.get(only)!;
      if (index.aspectName === undefined) index.aspectName = theme.aspects.find((a) => a.id === only)?.name;
    }
    if (!list) continue;
    communitiesByTheme.delete(theme.id); // a theme listed twice counts once
    const seen = new Set<string>();
    for (const aspect of theme.aspects) {
      if (only !== undefined && aspect.id !== only) continue;
      if (seen.has(aspect.id)) continue;
      seen.add(aspect.id);
      let index = aspects.get(aspect.id);
      if (!index) aspects.set(aspect.id, (index = newAspect(aspect.id)));
      index.aspectName ??= aspect.name;
      index.themeIds.push(theme.id);
      index.themeNames.push(theme.name);
      index.communities += list.length;
      const lists = themeCommunities.get(index);
      if (lists) lists.push(list);
      else themeCommunities.set(index, [list]);
    }
  }
  const width = aspects.size;
  let column = 0;
  for (const index of aspects.values()) index.column = column++;

  // Person slots, and the state table.
  const slots = new Map<string, number>();
  let capacity = 256;
  let state = new Int32Array(capacity * width);
  const slotFor = (personId: string): number => {
    const slot = slots.size;
    slots.set(personId, slot);
    if (slot === capacity) {
      capacity *= 2;
      const grown = new Int32Array(capacity * width);
      grown.set(state);
      state = grown;
    }
    return slot;
  };
  // With `people`, their slots come first: any slot from `allowed` on is someone else.
  if (people) for (const person of people) if (!slots.has(person.id)) slotFor(person.id);
  const allowed = people ? slots.size : Number.POSITIVE_INFINITY;

  for (const [index, lists] of themeCommunities) {
    for (const list of lists) {
      for (const community of list) {
        for (let m = -1; m < community.memberIds.length; m += 1) {
          const personId = m < 0 ? community.leadId : community.memberIds[m]!;
          const slot = slots.get(personId) ?? slotFor(personId);
          const at = slot * width + index.column;
          if (state[at] === UNSEEN_MEMBER) continue; // in two PLCs on the aspect
          state[at] = UNSEEN_MEMBER;
          index.memberTotal += 1;
        }
      }
    }
  }

  for (let i = 0; i < appraisals.length; i += 1) {
    const record = appraisals[i]!;
    if (record.cycleId !== cycleId) continue;
    const index = aspects.get(record.aspectId);
    if (index === undefined) continue;
    let slot = slots.get(record.personId);
    if (slot === undefined) {
      if (people) {
        index.excludedRecords += 1;
        continue;
      }
      slot = slotFor(record.personId);
    } else if (slot >= allowed) {
      index.excludedRecords += 1;
      continue;
    }
    const at = slot * width + index.column;
    const cell = state[at]!;
    if (cell === UNSEEN || cell === UNSEEN_MEMBER) {
      // The person's first record for the aspect: count it.
      const member = cell === UNSEEN_MEMBER;
      state[at] = 2 * (i + 1) + (member ? 1 : 0);
      index.allCount += 1;
      if (member) index.memberCount += 1;
      if (record.strength) {
        index.allStrengths += 1;
        if (member) index.memberStrengths += 1;
      }
      continue;
    }
    // A duplicate: decide which record counts, and correct the strengths if that changes.
    index.duplicateRecords += 1;
    const member = (cell & 1) === 1;
    const counted = appraisals[(cell >> 1) - 1]!;
    const replace = anyStrength ? record.strength && !counted.strength : record.id > counted.id;
    if (!replace) continue;
    state[at] = 2 * (i + 1) + (member ? 1 : 0);
    const change = (record.strength ? 1 : 0) - (counted.strength ? 1 : 0);
    index.allStrengths += change;
    if (member) index.memberStrengths += change;
  }
  return aspects;
}

function group(strengths: number, count: number, z: number): ImpactGroup {
  const estimate = describeProportion(strengths, count, z);
  return {
    count,
    strengths,
    proportion: estimate.proportion,
    percentage: estimate.percentage,
    interval: estimate.interval,
    tooSmall: estimate.tooSmall,
  };
}

function direction(members: ImpactGroup, all: ImpactGroup): ImpactDirection {
  if (members.count === 0 || all.count === 0) return 'no-data';
  if (members.tooSmall || all.tooSmall) return 'too-small';
  // Compare the exact fractions with integers, so 14/20 against 7/10 is `same`.
  const left = members.strengths * all.count;
  const right = all.strengths * members.count;
  return left > right ? 'higher' : left < right ? 'lower' : 'same';
}

function resultOf(index: AspectIndex, options: ImpactOptions): ImpactResult {
  const z = options.z ?? Z_95;
  const { memberCount, memberStrengths, allCount, allStrengths } = index;
  const members = group(memberStrengths, memberCount, z);
  const all = group(allStrengths, allCount, z);
  const nonMembers = group(allStrengths - memberStrengths, allCount - memberCount, z);
  const memberCounts = { successes: memberStrengths, count: memberCount };
  const allCounts = { successes: allStrengths, count: allCount };
  const nonMemberCounts = { successes: allStrengths - memberStrengths, count: allCount - memberCount };
  const headlineRatio = shareRatio(memberCounts, allCounts);
  const difference = shareDifference(memberCounts, allCounts);
  return {
    aspectId: index.aspectId,
    cycleId: options.cycleId,
    previousCycleId: options.previousCycleId,
    themeIds: index.themeIds,
    communities: index.communities,
    members,
    all,
    nonMembers,
    ratio: headlineRatio,
    difference,
    versusNonMembers: {
      ratio: shareRatio(memberCounts, nonMemberCounts),
      difference: shareDifference(memberCounts, nonMemberCounts),
    },
    membersWithoutRecord: index.memberTotal - memberCount,
    duplicateRecords: index.duplicateRecords,
    excludedRecords: index.excludedRecords,
    summary: {
      themeName: index.themeNames[0],
      themeNames: index.themeNames,
      aspectName: index.aspectName ?? index.aspectId,
      members: { strengths: memberStrengths, count: memberCount },
      all: { strengths: allStrengths, count: allCount },
      nonMembers: { strengths: allStrengths - memberStrengths, count: allCount - memberCount },
      ratio: headlineRatio,
      difference,
      direction: direction(members, all),
    },
  };
}

/**
 * The impact of last cycle's PLCs on one aspect of practice: the share of staff showing the aspect
 * as a strength in this cycle's appraisal records among PLC members, all staff and non-members,
 * with 95% Wilson intervals, small groups flagged, the ratio and the difference (see the module
 * notes for who counts and how duplicate records are resolved).
 *
 * An aspect no previous-cycle PLC worked on gives zero members (`direction: 'no-data'`).
 * @example
 * ```ts
 * const result = analyseImpact({
 *   aspectId: 'literacy', cycleId: '2025-26', previousCycleId: '2024-25',
 *   appraisals, communities, themes,
 * });
 * result.members;  // { count: 20, strengths: 14, percentage: 70, interval: { lower: 0.481, upper: 0.855 }, ... }
 * result.all;      // { count: 60, strengths: 24, percentage: 40, ... }
 * result.ratio;    // 1.75 -> "1.8 times as likely"
 * result.summary;  // { themeName: 'Literacy', members: { strengths: 14, count: 20 }, all: { strengths: 24, count: 60 }, ratio: 1.75, ... }
 * ```
 */
export function analyseImpact(input: ImpactInput): ImpactResult {
  const index = buildIndex(input, input.aspectId).get(input.aspectId)!;
  return resultOf(index, input);
}

/**
 * {@link analyseImpact} for every aspect of practice of the themes the previous cycle's PLCs worked
 * on, in the order of `themes` and of each theme's aspects (an aspect in two themes appears once,
 * with both themes). Still one pass over the records for all aspects together.
 * @example
 * ```ts
 * for (const result of analyseAllAspects({ cycleId: '2025-26', previousCycleId: '2024-25', appraisals, communities, themes })) {
 *   console.log(result.summary.aspectName, result.members.percentage, result.all.percentage);
 * }
 * ```
 */
export function analyseAllAspects(options: ImpactOptions): ImpactResult[] {
  const results: ImpactResult[] = [];
  for (const index of buildIndex(options, undefined).values()) results.push(resultOf(index, options));
  return results;
}
