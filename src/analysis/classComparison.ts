/**
 * Attendance and exam results of PLC members' classes set beside the rest of the school's:
 * the figures the `attendance` and `exam-results` evidence kinds show, and the school-level
 * split of class rows into members' classes and others that fills their `others` field.
 *
 * A group of fewer than {@link MIN_GROUP_SIZE} students is suppressed (its figures are not
 * returned, only that it is too small), as student voice is: a class of three's attendance is
 * three children's attendance.
 * @module
 */
import { MIN_GROUP_SIZE } from './thresholds.js';

/** Attendance of one group over two periods, as percentages of sessions attended. */
export interface AttendanceFigures {
  students: number;
  before: number;
  after: number;
}

/** A group's figures with the change, or only that it is too small to show. */
export type ShownAttendance = (AttendanceFigures & { shown: true; change: number }) | { shown: false; students: number };

/** What {@link compareAttendance} finds. */
export interface AttendanceComparison {
  members: ShownAttendance;
  /** Absent when the item has no figures for the rest of the school. */
  others?: ShownAttendance;
  /** Members' change minus the others' change, in percentage points, when both are shown. */
  difference?: number;
}

const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

function showAttendance(group: AttendanceFigures): ShownAttendance {
  if (group.students < MIN_GROUP_SIZE) return { shown: false, students: group.students };
  return { shown: true, students: group.students, before: group.before, after: group.after, change: round(group.after - group.before) };
}

/**
 * The members' attendance change beside the rest of the school's, each suppressed below
 * {@link MIN_GROUP_SIZE} students.
 * @example
 * ```ts
 * compareAttendance({ students: 28, before: 91.2, after: 94.6, others: { students: 880, before: 92, after: 92.5 } }).difference; // 2.9
 * ```
 */
export function compareAttendance(item: AttendanceFigures & { others?: AttendanceFigures | undefined }): AttendanceComparison {
  const members = showAttendance(item);
  if (!item.others) return { members };
  const others = showAttendance(item.others);
  return members.shown && others.shown ? { members, others, difference: round(members.change - others.change) } : { members, others };
}

/** One cohort's results as shares of its students per grade. */
export type ShownDistribution =
  | { shown: true; students: number; shares: number[]; /** the share at or above the pass grade, when one is named */ passShare?: number }
  | { shown: false; students: number };

/** What {@link compareExamResults} finds. */
export interface ExamComparison {
  grades: string[];
  before: ShownDistribution;
  after: ShownDistribution;
  /** The rest of the school's classes over the same two exams, when the item has them. */
  others?: { before: ShownDistribution; after: ShownDistribution };
  /** Change in the pass share, in percentage points: members', the others', and members' minus the others'. */
  passChange?: { members?: number; others?: number; difference?: number };
}

/** The exam-results fields {@link compareExamResults} reads. */
export interface ExamFigures {
  grades: readonly string[];
  passFrom?: string | undefined;
  before: { counts: readonly number[] };
  after: { counts: readonly number[] };
  others?: { before: readonly number[]; after: readonly number[] } | undefined;
}

function distribution(counts: readonly number[], passIndex: number | undefined): ShownDistribution {
  const students = counts.reduce((sum, n) => sum + n, 0);
  if (students < MIN_GROUP_SIZE) return { shown: false, students };
  const shares = counts.map((n) => round((n / students) * 100));
  if (passIndex === undefined) return { shown: true, students, shares };
  const passing = counts.slice(0, passIndex + 1).reduce((sum, n) => sum + n, 0);
  return { shown: true, students, shares, passShare: round((passing / students) * 100) };
}

const passChangeOf = (before: ShownDistribution, after: ShownDistribution): number | undefined =>
  before.shown && after.shown && before.passShare !== undefined && after.passShare !== undefined ? round(after.passShare - before.passShare) : undefined;

/**
 * The grade distributions before and after as percentages, with the share at or above the pass
 * grade and its change beside the rest of the school's; each cohort suppressed below
 * {@link MIN_GROUP_SIZE} students.
 */
export function compareExamResults(item: ExamFigures): ExamComparison {
  const index = item.passFrom === undefined ? -1 : item.grades.indexOf(item.passFrom);
  const passIndex = index >= 0 ? index : undefined;
  const before = distribution(item.before.counts, passIndex);
  const after = distribution(item.after.counts, passIndex);
  const result: ExamComparison = { grades: [...item.grades], before, after };
  if (item.others) result.others = { before: distribution(item.others.before, passIndex), after: distribution(item.others.after, passIndex) };
  if (passIndex !== undefined) {
    const members = passChangeOf(before, after);
    const others = result.others && passChangeOf(result.others.before, result.others.after);
    result.passChange = {
      ...(members !== undefined ? { members } : {}),
      ...(others !== undefined ? { others } : {}),
      ...(members !== undefined && others !== undefined ? { difference: round(members - others) } : {}),
    };
  }
  return result;
}

/** One class's attendance over the two periods, with who teaches it. */
export interface ClassAttendance extends AttendanceFigures {
  group: string;
  teacherIds: readonly string[];
}

/** One class's exam results over the two exams, with who teaches it. */
export interface ClassExamResults {
  group: string;
  teacherIds: readonly string[];
  before: readonly number[];
  after: readonly number[];
}

/** The school's class rows split into the members' classes and the others, each summed. */
export interface ClassSplit<T> {
  members: T;
  others: T;
  /** The classes in each part, by name. */
  memberClasses: string[];
  otherClasses: string[];
}

const taughtByMember = (teacherIds: readonly string[], memberIds: ReadonlySet<string>) => teacherIds.some((id) => memberIds.has(id));

function weighted(rows: readonly AttendanceFigures[]): AttendanceFigures {
  const students = rows.reduce((sum, r) => sum + r.students, 0);
  if (students === 0) return { students: 0, before: 0, after: 0 };
  const average = (pick: (r: AttendanceFigures) => number) => round(rows.reduce((sum, r) => sum + pick(r) * r.students, 0) / students, 2);
  return { students, before: average((r) => r.before), after: average((r) => r.after) };
}

/**
 * The school's attendance by class, split into classes a member teaches and the rest, each
 * weighted by its students: what an attendance item's `others` is filled from.
 * @throws RangeError when a class row's figures are not percentages or its students not a count.
 */
export function splitAttendance(classes: readonly ClassAttendance[], memberIds: Iterable<string>): ClassSplit<AttendanceFigures> {
  const members = new Set(memberIds);
  for (const row of classes) {
    if (!Number.isInteger(row.students) || row.students < 0) throw new RangeError(`Class ${row.group}: students must be a whole number, 0 or more.`);
    for (const side of ['before', 'after'] as const) {
      if (!(row[side] >= 0 && row[side] <= 100)) throw new RangeError(`Class ${row.group}: ${side} must be a percentage from 0 to 100.`);
    }
  }
  const mine = classes.filter((c) => taughtByMember(c.teacherIds, members));
  const rest = classes.filter((c) => !taughtByMember(c.teacherIds, members));
  return { members: weighted(mine), others: weighted(rest), memberClasses: mine.map((c) => c.group), otherClasses: rest.map((c) => c.group) };
}

/**
 * The school's exam results by class, split into classes a member teaches and the rest, each
 * summed grade by grade: what an exam-results item's `others` is filled from.
 * @throws RangeError when a class row does not have one whole count per grade.
 */
export function splitExamResults(classes: readonly ClassExamResults[], memberIds: Iterable<string>, gradeCount: number): ClassSplit<{ before: number[]; after: number[] }> {
  const members = new Set(memberIds);
  for (const row of classes) {
    for (const side of ['before', 'after'] as const) {
      if (row[side].length !== gradeCount || row[side].some((n) => !Number.isInteger(n) || n < 0)) {
        throw new RangeError(`Class ${row.group}: ${side} must have one whole count per grade (${gradeCount}).`);
      }
    }
  }
  const sum = (rows: readonly ClassExamResults[], side: 'before' | 'after') => Array.from({ length: gradeCount }, (_, i) => rows.reduce((total, r) => total + r[side][i]!, 0));
  const mine = classes.filter((c) => taughtByMember(c.teacherIds, members));
  const rest = classes.filter((c) => !taughtByMember(c.teacherIds, members));
  return {
    members: { before: sum(mine, 'before'), after: sum(mine, 'after') },
    others: { before: sum(rest, 'before'), after: sum(rest, 'after') },
    memberClasses: mine.map((c) => c.group),
    otherClasses: rest.map((c) => c.group),
  };
}
