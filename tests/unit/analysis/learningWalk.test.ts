/**
 * Learning walks on worked examples: the case study's 73% (22 of 30), breakdowns by year group and
 * subject, lessons with no label, empty walks, and properties.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyseLearningWalk, naturalCompare, wilsonInterval, type WalkLesson } from '../../../src/analysis/index.js';

const lessons = (count: number, showing: number, extra: Partial<WalkLesson> = {}): WalkLesson[] =>
  Array.from({ length: count }, (_, i) => ({ showsFocus: i < showing, ...extra }));

/**
 * The Strategic Learning Walk: 30 lessons, 22 with elements of strategic learning.
 * Year 7: 6 of 8; Year 8: 5 of 7; Year 10: 8 of 10; Year 9: 1 of 3; not recorded: 2 of 2.
 */
const strategicWalk = {
  id: 'walk-1',
  focus: 'Strategic learning',
  lessons: [
    ...lessons(8, 6, { yearGroup: 'Year 7', subject: 'English' }),
    ...lessons(7, 5, { yearGroup: 'Year 8', subject: 'Maths' }),
    ...lessons(10, 8, { yearGroup: 'Year 10', subject: 'Science' }),
    ...lessons(3, 1, { yearGroup: ' Year 9 ', subject: 'English' }),
    ...lessons(2, 2, { subject: '' }),
  ],
};

describe('analyseLearningWalk', () => {
  it('73% of lessons had elements of strategic learning (22 of 30)', () => {
    const result = analyseLearningWalk(strategicWalk);
    assert.equal(result.lessonsVisited, 30);
    assert.equal(result.lessonsShowingFocus, 22);
    assert.equal(Math.round(result.percentage!), 73);
    assert.equal(result.proportion, 22 / 30);
    assert.deepEqual(result.interval, wilsonInterval(22, 30));
    assert.ok(Math.abs(result.interval!.lower - 0.5555) < 0.00005);
    assert.ok(Math.abs(result.interval!.upper - 0.8582) < 0.00005);
    assert.equal(result.tooSmall, false);
    assert.equal(result.walkId, 'walk-1');
    assert.equal(result.focus, 'Strategic learning');
    assert.equal(result.by, undefined);
    assert.deepEqual(result.breakdown, []);
  });

  it('breaks down by year group in natural order, trimmed, with unrecorded lessons last', () => {
    const result = analyseLearningWalk(strategicWalk, { by: 'yearGroup' });
    assert.equal(result.by, 'yearGroup');
    assert.deepEqual(
      result.breakdown.map((g) => [g.key, g.lessonsShowingFocus, g.lessonsVisited, g.tooSmall]),
      [
        ['Year 7', 6, 8, false],
        ['Year 8', 5, 7, false],
        ['Year 9', 1, 3, true],
        ['Year 10', 8, 10, false],
        [undefined, 2, 2, true],
      ],
    );
    const year10 = result.breakdown[3]!;
    assert.equal(year10.percentage, 80);
    assert.deepEqual(year10.interval, wilsonInterval(8, 10));
    assert.equal(result.breakdown.reduce((sum, g) => sum + g.lessonsVisited, 0), 30);
    // The overall figures do not change with a breakdown.
    assert.equal(result.lessonsShowingFocus, 22);
  });

  it('breaks down by subject, a blank subject counting as not recorded', () => {
    const result = analyseLearningWalk(strategicWalk, { by: 'subject' });
    assert.deepEqual(
      result.breakdown.map((g) => [g.key, g.lessonsShowingFocus, g.lessonsVisited]),
      [
        ['English', 7, 11],
        ['Maths', 5, 7],
        ['Science', 8, 10],
        [undefined, 2, 2],
      ],
    );
    assert.equal(Math.round(result.breakdown[0]!.percentage!), 64);
  });

  it('an empty walk has no percentage and no interval', () => {
    const result = analyseLearningWalk({ lessons: [] }, { by: 'subject' });
    assert.equal(result.lessonsVisited, 0);
    assert.equal(result.lessonsShowingFocus, 0);
    assert.equal(result.percentage, undefined);
    assert.equal(result.proportion, undefined);
    assert.equal(result.interval, undefined);
    assert.equal(result.tooSmall, true);
    assert.deepEqual(result.breakdown, []);
    assert.equal(result.walkId, undefined);
  });

  it('every lesson or none showing the focus: 100% and 0%, intervals pinned at 1 and 0', () => {
    const all = analyseLearningWalk({ lessons: lessons(12, 12) });
    assert.equal(all.percentage, 100);
    assert.equal(all.interval!.upper, 1);
    const none = analyseLearningWalk({ lessons: lessons(12, 0) });
    assert.equal(none.percentage, 0);
    assert.equal(none.interval!.lower, 0);
  });

  it('flags a walk of fewer than 5 lessons as too small', () => {
    assert.equal(analyseLearningWalk({ lessons: lessons(4, 3) }).tooSmall, true);
    assert.equal(analyseLearningWalk({ lessons: lessons(5, 3) }).tooSmall, false);
  });

  it('refuses an unknown breakdown', () => {
    assert.throws(() => analyseLearningWalk({ lessons: [] }, { by: 'teacher' as never }), RangeError);
  });
});

describe('naturalCompare', () => {
  it('orders year groups and other labels naturally and deterministically', () => {
    assert.deepEqual(['Year 10', 'Year 7', 'Year 12', 'Year 8', 'Reception', 'Year 9'].sort(naturalCompare), ['Reception', 'Year 7', 'Year 8', 'Year 9', 'Year 10', 'Year 12']);
    assert.deepEqual(['Y11', 'y2', '10', '9', 'art', 'Art'].sort(naturalCompare), ['9', '10', 'Art', 'art', 'y2', 'Y11']);
    assert.equal(naturalCompare('Year 7', 'Year 7'), 0);
  });
});

describe('analyseLearningWalk: properties', () => {
  const lesson = fc.record({
    showsFocus: fc.boolean(),
    yearGroup: fc.option(fc.constantFrom('Year 7', 'Year 8', 'Year 10', ' ', ''), { nil: undefined }),
    subject: fc.option(fc.constantFrom('Art', 'Maths', 'History'), { nil: undefined }),
  });

  it('shares are in [0, 1], intervals contain them, and the breakdown adds up', () => {
    fc.assert(
      fc.property(fc.array(lesson, { maxLength: 60 }), fc.constantFrom('yearGroup' as const, 'subject' as const), (walkLessons, by) => {
        const result = analyseLearningWalk({ lessons: walkLessons }, { by });
        let visited = 0;
        let showing = 0;
        for (const share of [result, ...result.breakdown]) {
          if (share.lessonsVisited === 0) continue;
          assert.ok(share.proportion! >= 0 && share.proportion! <= 1);
          assert.ok(share.interval!.lower <= share.proportion! && share.proportion! <= share.interval!.upper);
        }
        for (const group of result.breakdown) {
          assert.ok(group.lessonsVisited > 0);
          visited += group.lessonsVisited;
          showing += group.lessonsShowingFocus;
        }
        assert.equal(visited, walkLessons.length);
        assert.equal(showing, result.lessonsShowingFocus);
      }),
    );
  });
});
