/**
 * Attendance and exam results beside the rest of the school: changes, pass shares, the split of
 * the school's class rows into members' classes and others, and small groups never shown.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareAttendance, compareExamResults, splitAttendance, splitExamResults, MIN_GROUP_SIZE } from '../../../src/analysis/index.js';
import { evidence } from '../../support/lifecycle-fixtures.js';

describe('compareAttendance', () => {
  it('gives each group its change and the members’ change against the others’', () => {
    const result = compareAttendance({ students: 28, before: 91.2, after: 94.6, others: { students: 840, before: 92, after: 92.5 } });
    assert.deepEqual(result.members, { shown: true, students: 28, before: 91.2, after: 94.6, change: 3.4 });
    assert.deepEqual(result.others, { shown: true, students: 840, before: 92, after: 92.5, change: 0.5 });
    assert.equal(result.difference, 2.9);
  });

  it('reads the evidence item as stored', () => {
    const item = evidence.attendance() as unknown as Parameters<typeof compareAttendance>[0];
    assert.equal(compareAttendance(item).difference, 2.9);
  });

  it('shows no figures for a group under the threshold, and then no difference', () => {
    const small = compareAttendance({ students: MIN_GROUP_SIZE - 1, before: 80, after: 100, others: { students: 300, before: 90, after: 91 } });
    assert.deepEqual(small.members, { shown: false, students: 4 });
    assert.equal(small.difference, undefined);
    const smallOthers = compareAttendance({ students: 30, before: 80, after: 90, others: { students: 2, before: 50, after: 100 } });
    assert.deepEqual(smallOthers.others, { shown: false, students: 2 });
    assert.equal(smallOthers.difference, undefined);
    assert.equal(compareAttendance({ students: MIN_GROUP_SIZE, before: 80, after: 85 }).members.shown, true);
  });

  it('has no others and no difference when the item has no school figures', () => {
    const result = compareAttendance({ students: 20, before: 90, after: 88 });
    assert.equal(result.others, undefined);
    assert.equal(result.difference, undefined);
    assert.equal(result.members.shown && result.members.change, -2);
  });
});

describe('compareExamResults', () => {
  const item = evidence.examResults() as unknown as Parameters<typeof compareExamResults>[0];

  it('turns counts into shares per grade and the share at or above the pass grade', () => {
    const result = compareExamResults(item);
    assert.equal(result.before.shown, true);
    if (!result.before.shown || !result.after.shown) return;
    assert.equal(result.before.students, 30);
    assert.deepEqual(result.before.shares.slice(0, 3), [3.3, 6.7, 10]);
    // 1+2+3+4+5+5 = 20 of 30 at grade 4 or above; after, 2+3+4+5+5+4 = 23 of 30.
    assert.equal(result.before.passShare, 66.7);
    assert.equal(result.after.passShare, 76.7);
    assert.equal(result.passChange?.members, 10);
  });

  it('sets the members’ pass change beside the rest of the school’s', () => {
    const result = compareExamResults(item);
    // Others: 100 of 150 before, 101 of 150 after.
    assert.equal(result.others?.before.shown && result.others.before.passShare, 66.7);
    assert.equal(result.others?.after.shown && result.others.after.passShare, 67.3);
    assert.deepEqual(result.passChange, { members: 10, others: 0.6, difference: 9.4 });
  });

  it('suppresses a cohort under the threshold and every comparison that needs it', () => {
    const tiny = compareExamResults({ ...item, after: { counts: [1, 1, 0, 0, 0, 0, 0, 0, 0, 2] } });
    assert.deepEqual(tiny.after, { shown: false, students: 4 });
    assert.deepEqual(tiny.passChange, { others: 0.6 });
  });

  it('gives shares without a pass share when no pass grade is named', () => {
    const result = compareExamResults({ ...item, passFrom: undefined });
    assert.equal(result.passChange, undefined);
    assert.equal(result.before.shown && result.before.passShare, undefined);
  });
});

describe('splitting the school’s classes', () => {
  const classes = [
    { group: '9E1', teacherIds: ['p-ana'], students: 30, before: 90, after: 95 },
    { group: '9E2', teacherIds: ['p-ben', 'p-cal'], students: 10, before: 80, after: 85 },
    { group: '9E3', teacherIds: ['p-dee'], students: 20, before: 92, after: 92 },
  ];

  it('weights attendance by students, members’ classes apart from the rest', () => {
    const split = splitAttendance(classes, ['p-ana', 'p-cal']);
    assert.deepEqual(split.memberClasses, ['9E1', '9E2']);
    assert.deepEqual(split.otherClasses, ['9E3']);
    assert.deepEqual(split.members, { students: 40, before: 87.5, after: 92.5 });
    assert.deepEqual(split.others, { students: 20, before: 92, after: 92 });
  });

  it('gives an empty side zero students, which the comparison then suppresses', () => {
    const split = splitAttendance(classes, []);
    assert.deepEqual(split.members, { students: 0, before: 0, after: 0 });
    assert.equal(compareAttendance({ ...split.members, others: split.others }).members.shown, false);
  });

  it('refuses a class row that is not percentages, naming the class', () => {
    assert.throws(() => splitAttendance([{ ...classes[0]!, after: 120 }], []), /Class 9E1: after must be a percentage/);
    assert.throws(() => splitAttendance([{ ...classes[0]!, students: 2.5 }], []), /Class 9E1: students must be a whole number/);
  });

  it('sums exam results grade by grade and refuses rows with the wrong number of grades', () => {
    const rows = [
      { group: '11A', teacherIds: ['p-ana'], before: [1, 2, 3], after: [2, 2, 2] },
      { group: '11B', teacherIds: ['p-dee'], before: [3, 3, 3], after: [4, 4, 1] },
      { group: '11C', teacherIds: ['p-eve'], before: [0, 1, 0], after: [1, 0, 0] },
    ];
    const split = splitExamResults(rows, ['p-ana'], 3);
    assert.deepEqual(split.members, { before: [1, 2, 3], after: [2, 2, 2] });
    assert.deepEqual(split.others, { before: [3, 4, 3], after: [5, 4, 1] });
    assert.throws(() => splitExamResults(rows, [], 4), /Class 11A: before must have one whole count per grade \(4\)/);
  });
});
