/**
 * Learning walks: leaders visit many lessons looking for one focus, and the result is the share of
 * lessons showing it ("73% of lessons during the Strategic Learning Walk had elements of strategic
 * learning"), with its 95% Wilson interval, optionally broken down by year group or subject.
 * @module
 */
import type { LearningWalk } from '../schema/directory.js';
import { Z_95, describeProportion, type Interval } from './stats.js';

/** The fields of a lesson the analysis reads. */
export type WalkLesson = Pick<LearningWalk['lessons'][number], 'showsFocus' | 'yearGroup' | 'subject'>;

/** What {@link analyseLearningWalk} reads from a walk: its lessons, and its id and focus when present. */
export interface WalkInput {
  id?: string;
  focus?: string;
  lessons: readonly WalkLesson[];
}

/** What a breakdown groups lessons by. */
export type WalkBreakdown = 'yearGroup' | 'subject';

/** Options for {@link analyseLearningWalk}. */
export interface LearningWalkOptions {
  /** Break the result down by year group or subject. */
  by?: WalkBreakdown;
  /** The normal quantile for the intervals; 95% (1.959964) by default. */
  z?: number;
}

/** A share of lessons showing the focus. */
export interface WalkShare {
  /** Lessons visited: the denominator. */
  lessonsVisited: number;
  /** Lessons showing the focus. */
  lessonsShowingFocus: number;
  /** The share in [0, 1], or undefined when no lesson was visited. */
  proportion: number | undefined;
  /** The share times 100, unrounded, or undefined when no lesson was visited. */
  percentage: number | undefined;
  /** The 95% Wilson interval, or undefined when no lesson was visited. */
  interval: Interval | undefined;
  /** Fewer than 5 lessons: too small to read. */
  tooSmall: boolean;
}

/** One row of a breakdown. */
export interface WalkGroup extends WalkShare {
  /** The year group or subject as recorded (trimmed), or undefined for lessons where it was not recorded. */
  key: string | undefined;
}

/** The result of a learning walk. */
export interface LearningWalkResult extends WalkShare {
  walkId: string | undefined;
  focus: string | undefined;
  /** What `breakdown` groups by, when asked. */
  by: WalkBreakdown | undefined;
  /**
   * One row per year group or subject, in natural order ("Year 7" before "Year 10"), with lessons
   * where it was not recorded last; empty when no breakdown was asked for.
   */
  breakdown: WalkGroup[];
}

function share(showing: number, visited: number, z: number): WalkShare {
  const estimate = describeProportion(showing, visited, z);
  return {
    lessonsVisited: visited,
    lessonsShowingFocus: showing,
    proportion: estimate.proportion,
    percentage: estimate.percentage,
    interval: estimate.interval,
    tooSmall: estimate.tooSmall,
  };
}

const CHUNK = /(\d+)|(\D+)/g;

/**
 * Natural order for labels such as "Year 7" and "Year 10": digit runs compare as numbers, other text
 * case-insensitively by code unit, then case-sensitively, so the order is the same everywhere
 * (no dependence on the runtime's locale data).
 * @example
 * ```ts
 * ['Year 10', 'Year 7', 'Year 8'].sort(naturalCompare); // ['Year 7', 'Year 8', 'Year 10']
 * ```
 */
export function naturalCompare(a: string, b: string): number {
  const left = a.match(CHUNK) ?? [];
  const right = b.match(CHUNK) ?? [];
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i += 1) {
    const x = left[i]!;
    const y = right[i]!;
    const xDigits = x.charCodeAt(0) >= 48 && x.charCodeAt(0) <= 57;
    const yDigits = y.charCodeAt(0) >= 48 && y.charCodeAt(0) <= 57;
    if (xDigits && yDigits) {
      const difference = Number(x) - Number(y);
      if (difference !== 0) return difference;
      continue;
    }
    if (xDigits !== yDigits) return xDigits ? -1 : 1;
    const xl = x.toLowerCase();
    const yl = y.toLowerCase();
    if (xl !== yl) return xl < yl ? -1 : 1;
  }
  if (left.length !== right.length) return left.length - right.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The result of a learning walk: lessons visited, lessons showing the focus, the percentage and its
 * 95% Wilson interval, and, when `by` is given, the same for each year group or subject (each with
 * its own interval and small-group flag). Labels are trimmed; a blank or missing label is "not recorded".
 * @example
 * ```ts
 * // 30 lessons visited on the Strategic Learning Walk, 22 showing strategic learning
 * const result = analyseLearningWalk(walk, { by: 'yearGroup' });
 * Math.round(result.percentage!); // 73
 * result.interval;                // { lower: 0.556, upper: 0.858 } (approximately)
 * result.breakdown[0];            // { key: 'Year 7', lessonsVisited: 6, lessonsShowingFocus: 5, ... }
 * ```
 */
export function analyseLearningWalk(walk: WalkInput, options: LearningWalkOptions = {}): LearningWalkResult {
  const z = options.z ?? Z_95;
  const by = options.by;
  if (by !== undefined && by !== 'yearGroup' && by !== 'subject') throw new RangeError(`unknown breakdown "${String(by)}"`);
  let showing = 0;
  const groups = new Map<string | undefined, { visited: number; showing: number }>();
  for (const lesson of walk.lessons) {
    if (lesson.showsFocus) showing += 1;
    if (by === undefined) continue;
    const label = lesson[by]?.trim();
    const key = label ? label : undefined;
    let counts = groups.get(key);
    if (!counts) groups.set(key, (counts = { visited: 0, showing: 0 }));
    counts.visited += 1;
    if (lesson.showsFocus) counts.showing += 1;
  }
  const keys = [...groups.keys()].sort((a, b) => (a === undefined ? 1 : b === undefined ? -1 : naturalCompare(a, b)));
  return {
    walkId: walk.id,
    focus: walk.focus,
    by,
    ...share(showing, walk.lessons.length, z),
    breakdown: keys.map((key) => {
      const counts = groups.get(key)!;
      return { key, ...share(counts.showing, counts.visited, z) };
    }),
  };
}
