/**
 * People over the years: each cycle's staff and new staff from joining and leaving dates, and the
 * participation and impact figures that use them without the caller choosing who counts.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  analyseAllAspects,
  analyseParticipation,
  firstCycleOf,
  isNewStaffIn,
  onStaffDuring,
  previousCycleOf,
  staffOfCycle,
  type ParticipationPerson,
} from '../../../src/analysis/index.js';

// The case study's three years.
const year1 = { id: 'cy-2024', startsOn: '2024-09-01', endsOn: '2025-07-19' };
const year2 = { id: 'cy-2025', startsOn: '2025-09-02', endsOn: '2026-07-18' };
const year3 = { id: 'cy-2026', startsOn: '2026-09-01', endsOn: '2027-07-17' };
const cycles = [year3, year1, year2];

const people: ParticipationPerson[] = [
  { id: 'p-long', schoolId: 's1' }, // here all along, no dates known
  { id: 'p-left', schoolId: 's1', joinedOn: '2015-09-01', leftOn: '2025-08-31' }, // left after year 1
  { id: 'p-easter', schoolId: 's1', joinedOn: '2018-09-01', leftOn: '2026-04-10' }, // left during year 2
  { id: 'p-new2', schoolId: 's1', joinedOn: '2025-08-27', newStaff: true }, // year 2's new staff
  { id: 'p-jan', schoolId: 's1', joinedOn: '2026-01-05' }, // joined mid-year 2
  { id: 'p-new3', schoolId: 's1', joinedOn: '2026-09-01', newStaff: true }, // year 3's new staff
  { id: 'p-exp', schoolId: 's1', joinedOn: '2026-09-01', newStaff: false }, // an experienced joiner, not on the track
];
const ids = (list: ReadonlyArray<{ id: string }>) => list.map((p) => p.id);

describe('a cycle’s staff', () => {
  it('are those here on some day of it: joiners from their year, leavers until theirs', () => {
    assert.deepEqual(ids(staffOfCycle(people, year1)), ['p-long', 'p-left', 'p-easter']);
    assert.deepEqual(ids(staffOfCycle(people, year2)), ['p-long', 'p-easter', 'p-new2', 'p-jan']);
    assert.deepEqual(ids(staffOfCycle(people, year3)), ['p-long', 'p-new2', 'p-jan', 'p-new3', 'p-exp']);
  });

  it('count the first and the last day, and not a leaver whose first day away is the cycle’s first', () => {
    assert.equal(onStaffDuring({ joinedOn: year2.endsOn }, year2), true);
    assert.equal(onStaffDuring({ leftOn: '2025-09-03' }, year2), true);
    assert.equal(onStaffDuring({ leftOn: year2.startsOn }, year2), false);
  });
});

describe('new staff', () => {
  it('are new in one cycle only: the first ending on or after the day they joined', () => {
    const person = people.find((p) => p.id === 'p-new2')!;
    assert.deepEqual(cycles.map((c) => isNewStaffIn(person, c, cycles)), [false, false, true]);
    assert.equal(firstCycleOf('2026-01-05', cycles)?.id, 'cy-2025', 'a January joiner is new in the year under way');
    assert.equal(firstCycleOf('2026-08-20', cycles)?.id, 'cy-2026', 'an August joiner in the year about to start');
    assert.equal(firstCycleOf('2028-01-01', cycles), undefined);
  });

  it('keep the old meaning without a joining date, and never when marked not new', () => {
    assert.equal(isNewStaffIn({ newStaff: true }, year1, cycles), true);
    assert.equal(isNewStaffIn({ newStaff: true }, year3, cycles), true);
    assert.equal(isNewStaffIn({}, year3, cycles), false);
    assert.equal(isNewStaffIn({ joinedOn: '2026-09-01', newStaff: false }, year3, cycles), false);
    assert.equal(isNewStaffIn({ joinedOn: '2026-09-01' }, year3, cycles), true, 'a joiner is new staff unless marked otherwise');
  });

  it('previous cycle: the one that started last before', () => {
    assert.equal(previousCycleOf(year3, cycles)?.id, 'cy-2025');
    assert.equal(previousCycleOf(year1, cycles), undefined);
  });
});

describe('participation and impact use the cycle’s staff when given the cycles', () => {
  const summaries = [
    { enquiryId: 'e-1', cycleId: 'cy-2025', kind: 'individual' as const, track: 'plc', themeId: 't', ownerIds: ['p-easter'], stage: 'question', status: 'active' as const },
    { enquiryId: 'e-2', cycleId: 'cy-2025', kind: 'individual' as const, track: 'blh', themeId: 't', ownerIds: ['p-new2'], stage: 'question', status: 'active' as const },
  ];

  it('counts year 2’s staff and new staff in year 2, and not in year 3', () => {
    const year2Report = analyseParticipation({ cycleId: 'cy-2025', people, cycles, communities: [], summaries });
    // p-new2 and the January joiner p-jan are year 2's new staff; p-left had gone, p-new3 not yet come.
    assert.deepEqual(year2Report.staff, { total: 4, inGroupPlc: 0, onIndividualProject: 1, onNewStaffTrack: 2, participating: 3, notParticipating: 1 });
    const year3Report = analyseParticipation({ cycleId: 'cy-2026', people, cycles, communities: [], summaries: [] });
    // p-new3 is year 3's only new member of staff: p-new2 was new last year, p-exp is marked not new.
    assert.deepEqual(year3Report.staff, { total: 5, inGroupPlc: 0, onIndividualProject: 0, onNewStaffTrack: 1, participating: 1, notParticipating: 4 });
    // Without cycles, the caller's list and the newStaff flag are all there is.
    const flat = analyseParticipation({ cycleId: 'cy-2026', people, communities: [], summaries: [] });
    assert.equal(flat.staff.total, 7);
    assert.equal(flat.staff.onNewStaffTrack, 2);
  });

  it('refuses cycles that do not include the cycle analysed', () => {
    assert.throws(() => analyseParticipation({ cycleId: 'cy-1999', people, cycles, communities: [], summaries: [] }), /cycles has no cycle cy-1999/);
  });

  it('leaves a leaver’s appraisal records out of the years after they left', () => {
    const themes = [{ id: 't', name: 'Literacy', aspects: [{ id: 'asp', name: 'Literacy' }] }];
    const communities = [{ cycleId: 'cy-2025', themeId: 't', leadId: 'p-long', memberIds: ['p-long'] }];
    const appraisals = ['p-long', 'p-left', 'p-jan'].map((personId, i) => ({ id: `ap-${i}`, personId, cycleId: 'cy-2026', aspectId: 'asp', strength: true }));
    const [result] = analyseAllAspects({ cycleId: 'cy-2026', previousCycleId: 'cy-2025', appraisals, communities, themes, people, cycles });
    assert.equal(result!.all.count, 2, 'p-left’s record for a year after leaving is not counted');
    assert.equal(result!.excludedRecords, 1);
  });
});

describe('a track’s group instead of a PLC', () => {
  it('puts its members on the new-staff track, not in a PLC, and leaves its lead out', () => {
    const communities = [
      { cycleId: 'cy-2026', themeId: 'th-habits', leadId: 'p-long', memberIds: ['p-long', 'p-new3', 'p-exp'], trackId: 'new-staff' },
    ];
    const report = analyseParticipation({ cycleId: 'cy-2026', people, cycles, communities, summaries: [] });
    // p-new3 is new staff anyway; p-exp (an experienced joiner) takes part through the group.
    assert.deepEqual(report.staff, { total: 5, inGroupPlc: 0, onIndividualProject: 0, onNewStaffTrack: 2, participating: 2, notParticipating: 3 });
    assert.deepEqual(report.byTheme.map((t) => [t.themeId, t.communities, t.staff.onNewStaffTrack]), [['th-habits', 0, 2]]);
  });
});
