/**
 * Proportions, the Wilson interval, ratios, medians and means, on worked examples whose answers
 * were computed by hand (and agree with published tables of the Wilson interval), plus properties.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  SMALL_GROUP,
  Z_95,
  describeProportion,
  mean,
  median,
  percentage,
  proportion,
  shareDifference,
  shareRatio,
  wilsonInterval,
} from '../../../src/analysis/index.js';

const close = (actual: number | undefined, expected: number, digits = 4, what = 'value') => {
  assert.ok(actual !== undefined, `${what} is undefined`);
  assert.ok(Math.abs(actual - expected) < 0.5 * 10 ** -digits, `${what}: expected ${expected}, got ${actual}`);
};

describe('wilsonInterval', () => {
  it('14 of 20 gives about [0.481, 0.855]', () => {
    const interval = wilsonInterval(14, 20)!;
    close(interval.lower, 0.481, 3, 'lower');
    close(interval.upper, 0.855, 3, 'upper');
    // More digits, by hand: centre 0.66778, half-width 0.18675.
    close(interval.lower, 0.4810, 4, 'lower');
    close(interval.upper, 0.8545, 4, 'upper');
  });

  it('0 of 10 starts at exactly 0 and reaches about 0.2775', () => {
    const interval = wilsonInterval(0, 10)!;
    assert.equal(interval.lower, 0);
    close(interval.upper, 0.2775, 4, 'upper');
  });

  it('10 of 10 ends at exactly 1 and starts at about 0.7225', () => {
    const interval = wilsonInterval(10, 10)!;
    assert.equal(interval.upper, 1);
    close(interval.lower, 0.7225, 4, 'lower');
  });

  it('n = 0 gives no interval', () => {
    assert.equal(wilsonInterval(0, 0), undefined);
  });

  it('5 of 10 is symmetric about a half: [0.2366, 0.7634]', () => {
    const interval = wilsonInterval(5, 10)!;
    close(interval.lower, 0.2366, 4, 'lower');
    close(interval.upper, 0.7634, 4, 'upper');
    close(interval.lower + interval.upper, 1, 12, 'sum');
  });

  it('22 of 30 (the learning walk) gives about [0.556, 0.858]', () => {
    const interval = wilsonInterval(22, 30)!;
    close(interval.lower, 0.5555, 4, 'lower');
    close(interval.upper, 0.8582, 4, 'upper');
  });

  it('24 of 60 gives about [0.286, 0.526]', () => {
    const interval = wilsonInterval(24, 60)!;
    close(interval.lower, 0.2857, 4, 'lower');
    close(interval.upper, 0.5263, 4, 'upper');
  });

  it('1 of 1 is wide: [0.2065, 1]', () => {
    const interval = wilsonInterval(1, 1)!;
    close(interval.lower, 0.2065, 4, 'lower');
    assert.equal(interval.upper, 1);
  });

  it('uses z = 1.959964 by default and accepts another z (90%: 1.644854)', () => {
    assert.equal(Z_95, 1.959964);
    assert.deepEqual(wilsonInterval(14, 20), wilsonInterval(14, 20, 1.959964));
    const ninety = wilsonInterval(14, 20, 1.644854)!;
    const ninetyFive = wilsonInterval(14, 20)!;
    assert.ok(ninety.lower > ninetyFive.lower && ninety.upper < ninetyFive.upper, 'a 90% interval is narrower');
  });

  it('refuses impossible counts and a non-positive z', () => {
    assert.throws(() => wilsonInterval(11, 10), RangeError);
    assert.throws(() => wilsonInterval(-1, 10), RangeError);
    assert.throws(() => wilsonInterval(1.5, 10), RangeError);
    assert.throws(() => wilsonInterval(0, -1), RangeError);
    assert.throws(() => wilsonInterval(0, Number.NaN), RangeError);
    assert.throws(() => wilsonInterval(1, 10, 0), RangeError);
    assert.throws(() => wilsonInterval(1, 10, Number.NaN), RangeError);
  });
});

describe('proportion and percentage', () => {
  it('divide, and give undefined for a share of nobody', () => {
    assert.equal(proportion(14, 20), 0.7);
    assert.equal(proportion(0, 10), 0);
    assert.equal(proportion(10, 10), 1);
    assert.equal(proportion(0, 0), undefined);
    assert.equal(percentage(0, 0), undefined);
    assert.equal(percentage(24, 60), 40);
    assert.equal(Math.round(percentage(22, 30)!), 73);
  });

  it('refuse impossible counts', () => {
    assert.throws(() => proportion(3, 2), RangeError);
    assert.throws(() => percentage(-1, 2), RangeError);
  });
});

describe('describeProportion', () => {
  it('describes 22 of 30', () => {
    const estimate = describeProportion(22, 30);
    assert.equal(estimate.count, 30);
    assert.equal(estimate.successes, 22);
    close(estimate.proportion, 0.7333, 4);
    close(estimate.percentage, 73.333, 3);
    assert.deepEqual(estimate.interval, wilsonInterval(22, 30));
    assert.equal(estimate.tooSmall, false);
  });

  it(`flags groups under SMALL_GROUP (${SMALL_GROUP}) as too small, the empty group included`, () => {
    assert.equal(SMALL_GROUP, 5);
    assert.equal(describeProportion(3, 4).tooSmall, true);
    assert.equal(describeProportion(0, 5).tooSmall, false);
    const empty = describeProportion(0, 0);
    assert.deepEqual(empty, { count: 0, successes: 0, proportion: undefined, percentage: undefined, interval: undefined, tooSmall: true });
  });
});

describe('shareRatio and shareDifference', () => {
  const share = (successes: number, count: number) => ({ successes, count });

  it('14 of 20 against 24 of 60 is exactly 1.75 times and 30 points', () => {
    assert.equal(shareRatio(share(14, 20), share(24, 60)), 1.75);
    assert.equal(shareDifference(share(14, 20), share(24, 60)), 30);
    assert.equal(shareDifference(share(24, 60), share(14, 20)), -30);
    assert.equal(shareRatio(share(24, 60), share(14, 20)), 24 * 20 / (14 * 60));
  });

  it('1 of 3 against 1 of 6 is twice as likely, 16.67 points', () => {
    assert.equal(shareRatio(share(1, 3), share(1, 6)), 2);
    close(shareDifference(share(1, 3), share(1, 6)), 16.6667, 4);
  });

  it('are undefined for an empty group, and the ratio when the other share is 0', () => {
    assert.equal(shareRatio(share(3, 10), share(0, 10)), undefined);
    assert.equal(shareRatio(share(0, 0), share(1, 10)), undefined);
    assert.equal(shareRatio(share(1, 10), share(0, 0)), undefined);
    assert.equal(shareRatio(share(0, 10), share(5, 10)), 0);
    assert.equal(shareDifference(share(0, 0), share(1, 2)), undefined);
    assert.equal(shareDifference(share(0, 4), share(0, 9)), 0);
  });

  it('refuse impossible counts', () => {
    assert.throws(() => shareRatio(share(3, 2), share(1, 2)), RangeError);
    assert.throws(() => shareDifference(share(1, 2), share(-1, 2)), RangeError);
  });
});

describe('median and mean', () => {
  it('work on odd, even, single and empty lists without sorting their argument', () => {
    const values = [3, 1, 2];
    assert.equal(median(values), 2);
    assert.deepEqual(values, [3, 1, 2]);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([10, 2]), 6);
    assert.equal(median([7]), 7);
    assert.equal(median([]), undefined);
    assert.equal(median([1, 100, 2]), 2, 'numeric order, not text order');
    assert.equal(mean([1, 2, 6]), 3);
    assert.equal(mean([0.5]), 0.5);
    assert.equal(mean([]), undefined);
  });
});

describe('properties', () => {
  const counts = fc.integer({ min: 1, max: 5_000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));

  it('the proportion is in [0, 1] and the interval contains it, inside [0, 1]', () => {
    fc.assert(
      fc.property(counts, ([successes, n]) => {
        const p = proportion(successes, n)!;
        const interval = wilsonInterval(successes, n)!;
        return p >= 0 && p <= 1 && interval.lower >= 0 && interval.upper <= 1 && interval.lower <= p && p <= interval.upper;
      }),
    );
  });

  it('the interval is symmetric: k of n mirrors n - k of n', () => {
    fc.assert(
      fc.property(counts, ([successes, n]) => {
        const a = wilsonInterval(successes, n)!;
        const b = wilsonInterval(n - successes, n)!;
        return Math.abs(a.lower - (1 - b.upper)) < 1e-12 && Math.abs(a.upper - (1 - b.lower)) < 1e-12;
      }),
    );
  });

  it('the interval narrows as the sample grows at the same share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 2, max: 10 }), (n, k, factor) => {
        const successes = Math.min(k, n);
        const small = wilsonInterval(successes, n)!;
        const large = wilsonInterval(successes * factor, n * factor)!;
        return large.upper - large.lower < small.upper - small.lower;
      }),
    );
  });

  it('the median lies between the smallest and largest value, and so does the mean', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), (values) => {
        const lo = Math.min(...values);
        const hi = Math.max(...values);
        const m = median(values)!;
        const avg = mean(values)!;
        return m >= lo && m <= hi && avg >= lo - 1e-6 && avg <= hi + 1e-6;
      }),
    );
  });
});
