/**
 * Small, exact statistics for the leaders' reports: proportions, the Wilson score interval, ratios,
 * medians and means. Pure and deterministic; no dependencies.
 *
 * Conventions used by every analysis in plc-kit:
 * - a **proportion** is a share in [0, 1]; a **percentage** is the same share times 100, unrounded
 *   (components round and localise);
 * - an **interval** is a pair of proportions in [0, 1];
 * - a quantity that cannot be computed (a share of nobody, a ratio to zero) is `undefined`, never
 *   `NaN` or `Infinity`;
 * - a group of fewer than {@link SMALL_GROUP} people or lessons is flagged `tooSmall`: its share
 *   is still given, but a report should say it is too small to read.
 * @module
 */

/** The normal quantile for a two-sided 95% interval (1.959964...). */
export const Z_95 = 1.959964;

/** Groups with fewer than this many members (people, lessons) are flagged as too small to read. */
export const SMALL_GROUP = 5;

/** A confidence interval for a proportion: both bounds in [0, 1], `lower <= upper`. */
export interface Interval {
  lower: number;
  upper: number;
}

/** A proportion described for a report: counts, share, percentage, interval and small-group flag. */
export interface ProportionEstimate {
  /** How many were counted (people, lessons): the denominator. */
  count: number;
  /** How many of them had the property: the numerator. */
  successes: number;
  /** `successes / count` in [0, 1], or undefined when `count` is 0. */
  proportion: number | undefined;
  /** The proportion times 100, unrounded, or undefined when `count` is 0. */
  percentage: number | undefined;
  /** The Wilson score interval (95% unless another `z` is given), or undefined when `count` is 0. */
  interval: Interval | undefined;
  /** `count < SMALL_GROUP` (including an empty group). */
  tooSmall: boolean;
}

function checkCounts(successes: number, count: number): void {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number of at least 0 (got ${count})`);
  if (!Number.isInteger(successes) || successes < 0 || successes > count) {
    throw new RangeError(`successes must be a whole number from 0 to count (${count}) (got ${successes})`);
  }
}

/**
 * The share `successes / count`, or undefined when `count` is 0.
 * @throws RangeError when the counts are not whole numbers with `0 <= successes <= count`.
 * @example
 * ```ts
 * proportion(14, 20); // 0.7
 * proportion(0, 0);   // undefined
 * ```
 */
export function proportion(successes: number, count: number): number | undefined {
  checkCounts(successes, count);
  return count === 0 ? undefined : successes / count;
}

/**
 * The share `successes / count` as a percentage (0-100, unrounded), or undefined when `count` is 0.
 * @throws RangeError when the counts are not whole numbers with `0 <= successes <= count`.
 * @example
 * ```ts
 * percentage(22, 30); // 73.33...
 * Math.round(percentage(22, 30)!); // 73
 * ```
 */
export function percentage(successes: number, count: number): number | undefined {
  const p = proportion(successes, count);
  return p === undefined ? undefined : p * 100;
}

/**
 * The Wilson score interval for a proportion: unlike the textbook "p ± 1.96·SE" it stays inside
 * [0, 1], is not zero-width at 0 or at 100%, and behaves well for the small groups a school has.
 *
 * With p = successes / count, n = count:
 * `(p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)`.
 *
 * @param successes how many had the property (whole number, `0 <= successes <= count`)
 * @param count how many were counted (whole number)
 * @param z the normal quantile; {@link Z_95} (1.959964) for 95%, the default
 * @returns the interval, or undefined when `count` is 0 (nothing to estimate)
 * @throws RangeError when the counts are not whole numbers with `0 <= successes <= count`, or `z` is not positive
 * @example
 * ```ts
 * wilsonInterval(14, 20);  // { lower: 0.4810, upper: 0.8545 } (approximately)
 * wilsonInterval(0, 10);   // { lower: 0, upper: 0.2775 }
 * wilsonInterval(10, 10);  // { lower: 0.7225, upper: 1 }
 * wilsonInterval(0, 0);    // undefined
 * ```
 */
export function wilsonInterval(successes: number, count: number, z: number = Z_95): Interval | undefined {
  checkCounts(successes, count);
  if (!(z > 0) || !Number.isFinite(z)) throw new RangeError(`z must be a positive number (got ${z})`);
  if (count === 0) return undefined;
  const n = count;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // The bounds are exactly 0 and 1 at the extremes; clamp so rounding never leaves [0, 1].
  const lower = successes === 0 ? 0 : Math.max(0, Math.min(p, centre - half));
  const upper = successes === n ? 1 : Math.min(1, Math.max(p, centre + half));
  return { lower, upper };
}

/**
 * Describes a proportion for a report: counts, share, percentage, Wilson interval and whether the
 * group is too small to read (fewer than {@link SMALL_GROUP}).
 * @param z the normal quantile for the interval; 95% by default
 * @throws RangeError when the counts are not whole numbers with `0 <= successes <= count`
 * @example
 * ```ts
 * describeProportion(22, 30); // (figures rounded here)
 * // { count: 30, successes: 22, proportion: 0.733, percentage: 73.3,
 * //   interval: { lower: 0.556, upper: 0.858 }, tooSmall: false }
 * describeProportion(3, 4).tooSmall; // true
 * ```
 */
export function describeProportion(successes: number, count: number, z: number = Z_95): ProportionEstimate {
  const share = proportion(successes, count);
  return {
    count,
    successes,
    proportion: share,
    percentage: share === undefined ? undefined : share * 100,
    interval: wilsonInterval(successes, count, z),
    tooSmall: count < SMALL_GROUP,
  };
}

/** A count and how many of it had the property: a share as a fraction of whole numbers. */
export interface Counts {
  successes: number;
  count: number;
}

/**
 * How many times as likely `a` is as `b`: `(a.successes / a.count) / (b.successes / b.count)`,
 * computed from the whole numbers with a single rounding (so 14 of 20 against 24 of 60 is exactly
 * 1.75, not 1.7499999999999998). Undefined when either group is empty or `b`'s share is 0.
 * @throws RangeError when a pair of counts is not whole numbers with `0 <= successes <= count`
 * @example
 * ```ts
 * shareRatio({ successes: 14, count: 20 }, { successes: 24, count: 60 }); // 1.75 ("1.8 times as likely")
 * shareRatio({ successes: 3, count: 10 }, { successes: 0, count: 10 });   // undefined
 * ```
 */
export function shareRatio(a: Counts, b: Counts): number | undefined {
  checkCounts(a.successes, a.count);
  checkCounts(b.successes, b.count);
  if (a.count === 0 || b.count === 0 || b.successes === 0) return undefined;
  return (a.successes * b.count) / (b.successes * a.count);
}

/**
 * The difference between two shares in percentage points, `(a − b) × 100`, computed from the
 * whole numbers with a single rounding (14 of 20 against 24 of 60 is exactly 30). Undefined when
 * either group is empty.
 * @throws RangeError when a pair of counts is not whole numbers with `0 <= successes <= count`
 * @example
 * ```ts
 * shareDifference({ successes: 14, count: 20 }, { successes: 24, count: 60 }); // 30
 * shareDifference({ successes: 1, count: 4 }, { successes: 3, count: 4 });     // -50
 * ```
 */
export function shareDifference(a: Counts, b: Counts): number | undefined {
  checkCounts(a.successes, a.count);
  checkCounts(b.successes, b.count);
  if (a.count === 0 || b.count === 0) return undefined;
  return ((a.successes * b.count - b.successes * a.count) * 100) / (a.count * b.count);
}

/**
 * The median of some numbers (the mean of the middle two for an even count), or undefined for none.
 * Does not modify its argument.
 * @example
 * ```ts
 * median([3, 1, 2]);    // 2
 * median([4, 1, 3, 2]); // 2.5
 * median([]);           // undefined
 * ```
 */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The arithmetic mean of some numbers, or undefined for none.
 * @example
 * ```ts
 * mean([1, 2, 6]); // 3
 * mean([]);        // undefined
 * ```
 */
export function mean(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}
