/**
 * Participation on a worked example (eight staff in two schools, five enquiries), with
 * hand-computed staff counts, stages reached and days in each stage; then edge cases and properties.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyseParticipation, type ParticipationCommunity, type ParticipationEnquiry, type ParticipationInput, type ParticipationPerson } from '../../../src/analysis/index.js';
import { DEFAULT_STAGES, type StageVisit } from '../../../src/lifecycle/index.js';

const CYCLE = '2025-26';
const NOW = '2025-12-01T00:00:00.000Z';

const person = (id: string, schoolId: string, newStaff?: boolean): ParticipationPerson => (newStaff === undefined ? { id, schoolId } : { id, schoolId, newStaff });
const enquiry = (enquiryId: string, fields: Partial<ParticipationEnquiry>): ParticipationEnquiry => ({
  enquiryId,
  cycleId: CYCLE,
  kind: 'individual',
  track: 'plc',
  themeId: undefined,
  ownerIds: [],
  stage: 'theme',
  status: 'active',
  ...fields,
});
const visits = (...pairs: Array<[string, string]>): StageVisit[] => pairs.map(([stage, day]) => ({ stage, at: `${day}T00:00:00.000Z` }));

/*
 * School s1: a (leads the literacy PLC), b and c (members; c also has an individual AfL project), g (nothing).
 * School s2: d (individual AfL project, and a group enquiry with no theme at an integrator's
 * "coaching" stage), e (new staff, on the "blh" track), f (new staff, nothing yet), h (only in
 * last year's PLC). "zz" is in the PLC but not among the staff.
 */
const people = [person('a', 's1'), person('b', 's1'), person('c', 's1'), person('g', 's1'), person('d', 's2'), person('e', 's2', true), person('f', 's2', true), person('h', 's2', false)];
const communities: ParticipationCommunity[] = [
  { cycleId: CYCLE, themeId: 't-lit', leadId: 'a', memberIds: ['b', 'c', 'zz'] },
  { cycleId: '2024-25', themeId: 't-oracy', leadId: 'h', memberIds: ['b'] },
];
const summaries = [
  enquiry('e1', { kind: 'group', themeId: 't-lit', ownerIds: ['a', 'b', 'c'], stage: 'observation', status: 'active' }),
  enquiry('e2', { themeId: 't-afl', ownerIds: ['c'], stage: 'shared', status: 'active' }),
  enquiry('e3', { themeId: 't-afl', ownerIds: ['d'], stage: 'question', status: 'paused' }),
  enquiry('e4', { themeId: 't-blh', track: 'blh', ownerIds: ['e'], stage: 'theme', status: 'new' }),
  enquiry('e5', { cycleId: '2024-25', themeId: 't-oracy', ownerIds: ['h'], stage: 'shared', status: 'archived' }),
  enquiry('e6', { kind: 'group', ownerIds: ['d'], stage: 'coaching', status: 'withdrawn' }),
];
const stageVisits = new Map<string, StageVisit[]>([
  // theme 10 days, question 20, observation open since 1 Oct: 61 days to 1 Dec.
  ['e1', visits(['theme', '2025-09-01'], ['question', '2025-09-11'], ['observation', '2025-10-01'])],
  // Loops back to the question once: theme 4, question 10 + 10, observation 10 + 10, evidence 17, sharing 10; shared is the end.
  [
    'e2',
    visits(
      ['theme', '2025-09-01'],
      ['question', '2025-09-05'],
      ['observation', '2025-09-15'],
      ['question', '2025-09-25'],
      ['observation', '2025-10-05'],
      ['evidence', '2025-10-15'],
      ['sharing', '2025-11-01'],
      ['shared', '2025-11-11'],
    ),
  ],
  // Paused in question since 3 Sep: 89 days to 1 Dec (paused time counts).
  ['e3', visits(['theme', '2025-09-01'], ['question', '2025-09-03'])],
  // New, in theme since 21 Nov: 10 days.
  ['e4', visits(['theme', '2025-11-21'])],
  ['e5', visits(['theme', '2024-09-01'], ['question', '2024-10-01'])],
  // Withdrawn at coaching: theme 1, question 10; the open coaching visit is not counted.
  ['e6', visits(['theme', '2025-09-01'], ['question', '2025-09-02'], ['coaching', '2025-09-12'])],
]);

const base: ParticipationInput = { cycleId: CYCLE, people, communities, summaries, stageVisitsByEnquiry: stageVisits, now: NOW };

describe('analyseParticipation: the worked example', () => {
  const result = analyseParticipation(base);

  it('counts staff in group PLCs, on individual projects, on the new-staff track and not taking part', () => {
    assert.deepEqual(result.staff, { total: 8, inGroupPlc: 4, onIndividualProject: 2, onNewStaffTrack: 2, participating: 6, notParticipating: 2 });
    assert.equal(result.unknownPeople, 1, 'zz');
    assert.equal(result.cycleId, CYCLE);
  });

  it('by school', () => {
    assert.deepEqual(result.bySchool, [
      { schoolId: 's1', total: 4, inGroupPlc: 3, onIndividualProject: 1, onNewStaffTrack: 0, participating: 3, notParticipating: 1 },
      { schoolId: 's2', total: 4, inGroupPlc: 1, onIndividualProject: 1, onNewStaffTrack: 2, participating: 3, notParticipating: 1 },
    ]);
  });

  it('by theme, enquiries without a theme last', () => {
    assert.deepEqual(result.byTheme, [
      { themeId: 't-afl', communities: 0, enquiries: { total: 2, group: 0, individual: 2, otherTrack: 0 }, staff: { inGroupPlc: 0, onIndividualProject: 2, onNewStaffTrack: 0, participating: 2 } },
      { themeId: 't-blh', communities: 0, enquiries: { total: 1, group: 0, individual: 0, otherTrack: 1 }, staff: { inGroupPlc: 0, onIndividualProject: 0, onNewStaffTrack: 1, participating: 1 } },
      { themeId: 't-lit', communities: 1, enquiries: { total: 1, group: 1, individual: 0, otherTrack: 0 }, staff: { inGroupPlc: 3, onIndividualProject: 0, onNewStaffTrack: 0, participating: 3 } },
      { themeId: undefined, communities: 0, enquiries: { total: 1, group: 1, individual: 0, otherTrack: 0 }, staff: { inGroupPlc: 1, onIndividualProject: 0, onNewStaffTrack: 0, participating: 1 } },
    ]);
  });

  it('counts enquiries by status and how many reached each stage', () => {
    assert.equal(result.enquiries, 5);
    assert.deepEqual(result.byStatus, { new: 1, active: 2, paused: 1, withdrawn: 1, archived: 0 });
    assert.deepEqual(result.stages, [
      { stage: 'theme', reached: 4, current: 1 },
      { stage: 'question', reached: 3, current: 1 },
      { stage: 'observation', reached: 2, current: 1 },
      { stage: 'evidence', reached: 1, current: 0 },
      { stage: 'sharing', reached: 1, current: 0 },
      { stage: 'shared', reached: 1, current: 1 },
    ]);
    assert.equal(result.unknownStage, 1, 'e6 at coaching, not in the default order');
  });

  it('gives the median and mean days in each stage', () => {
    assert.deepEqual(result.timeInStage, [
      { stage: 'theme', enquiries: 5, medianDays: 4, meanDays: 5.4 }, // 10, 4, 2, 10, 1
      { stage: 'question', enquiries: 4, medianDays: 20, meanDays: 34.75 }, // 20, 20, 89, 10
      { stage: 'observation', enquiries: 2, medianDays: 40.5, meanDays: 40.5 }, // 61, 20
      { stage: 'evidence', enquiries: 1, medianDays: 17, meanDays: 17 },
      { stage: 'sharing', enquiries: 1, medianDays: 10, meanDays: 10 },
      { stage: 'shared', enquiries: 0, medianDays: undefined, meanDays: undefined },
    ]);
  });

  it('without now, open stages are left out', () => {
    const withoutNow = analyseParticipation({ ...base, now: undefined });
    assert.deepEqual(withoutNow.timeInStage.slice(0, 3), [
      { stage: 'theme', enquiries: 4, medianDays: 3, meanDays: 4.25 }, // 10, 4, 2, 1
      { stage: 'question', enquiries: 3, medianDays: 20, meanDays: 50 / 3 }, // 20, 20, 10
      { stage: 'observation', enquiries: 1, medianDays: 20, meanDays: 20 },
    ]);
  });

  it('takes now as an ISO string, epoch milliseconds or a Date, and visits as a Map or a record', () => {
    const asDate = analyseParticipation({ ...base, now: new Date(NOW) });
    const asNumber = analyseParticipation({ ...base, now: Date.parse(NOW), stageVisitsByEnquiry: Object.fromEntries(stageVisits) });
    assert.deepEqual(asDate, result);
    assert.deepEqual(asNumber, result);
  });

  it('does not depend on the order of its inputs', () => {
    const reversed = analyseParticipation({ ...base, people: [...people].reverse(), communities: [...communities].reverse(), summaries: [...summaries].reverse() });
    assert.deepEqual(reversed, result);
  });
});

describe('analyseParticipation: stage order and edge cases', () => {
  it('uses the stage order passed in (an integrator’s coaching stage)', () => {
    const stages = ['theme', 'question', 'coaching', 'observation', 'evidence', 'sharing', 'shared'];
    const result = analyseParticipation({ ...base, stages });
    assert.equal(result.unknownStage, 0);
    assert.deepEqual(
      result.stages.map((s) => [s.stage, s.reached]),
      [
        ['theme', 5],
        ['question', 4],
        ['coaching', 3],
        ['observation', 2],
        ['evidence', 1],
        ['sharing', 1],
        ['shared', 1],
      ],
    );
    // e6 is withdrawn, so its open coaching visit still does not count.
    assert.deepEqual(result.timeInStage[2], { stage: 'coaching', enquiries: 0, medianDays: undefined, meanDays: undefined });
  });

  it('lists stages found only in the visits after the order, and counts backwards clocks as 0 days', () => {
    const result = analyseParticipation({
      cycleId: CYCLE,
      people: [person('a', 's1')],
      communities: [],
      summaries: [enquiry('x', { ownerIds: ['a'], stage: 'observation' })],
      stageVisitsByEnquiry: { x: visits(['theme', '2025-09-10'], ['mentoring', '2025-09-08'], ['question', '2025-09-15'], ['observation', '2025-09-20']) },
      stages: ['theme', 'question', 'observation'],
    });
    assert.deepEqual(result.timeInStage, [
      { stage: 'theme', enquiries: 1, medianDays: 0, meanDays: 0 },
      { stage: 'question', enquiries: 1, medianDays: 5, meanDays: 5 },
      { stage: 'observation', enquiries: 0, medianDays: undefined, meanDays: undefined },
      { stage: 'mentoring', enquiries: 1, medianDays: 7, meanDays: 7 },
    ]);
  });

  it('an open stage that is the last of the order is not timed, even for an active enquiry', () => {
    const result = analyseParticipation({
      cycleId: CYCLE,
      people: [],
      communities: [],
      summaries: [enquiry('x', { stage: 'shared', status: 'active' })],
      stageVisitsByEnquiry: { x: visits(['sharing', '2025-11-01'], ['shared', '2025-11-02']) },
      now: NOW,
    });
    assert.equal(result.timeInStage.find((t) => t.stage === 'shared')!.enquiries, 0);
    assert.equal(result.timeInStage.find((t) => t.stage === 'sharing')!.medianDays, 1);
  });

  it('empty input: zero everywhere, every stage listed', () => {
    const result = analyseParticipation({ cycleId: CYCLE, people: [], communities: [], summaries: [] });
    assert.deepEqual(result.staff, { total: 0, inGroupPlc: 0, onIndividualProject: 0, onNewStaffTrack: 0, participating: 0, notParticipating: 0 });
    assert.deepEqual(result.byTheme, []);
    assert.deepEqual(result.bySchool, []);
    assert.equal(result.enquiries, 0);
    assert.deepEqual(
      result.stages.map((s) => s.stage),
      [...DEFAULT_STAGES],
    );
    assert.ok(result.stages.every((s) => s.reached === 0 && s.current === 0));
    assert.ok(result.timeInStage.every((t) => t.enquiries === 0 && t.medianDays === undefined && t.meanDays === undefined));
    assert.equal(result.unknownPeople, 0);
  });

  it('counts a person listed twice once', () => {
    const result = analyseParticipation({ cycleId: CYCLE, people: [person('a', 's1'), person('a', 's1')], communities: [], summaries: [] });
    assert.equal(result.staff.total, 1);
    assert.equal(result.bySchool[0]!.total, 1);
  });

  it('refuses an invalid now', () => {
    assert.throws(() => analyseParticipation({ cycleId: CYCLE, people: [], communities: [], summaries: [], now: 'not a date' }), RangeError);
  });
});

describe('analyseParticipation: properties', () => {
  const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
  const arbitraryInput = fc.record({
    people: fc.array(fc.record({ id: ids, schoolId: fc.constantFrom('s1', 's2'), newStaff: fc.boolean() }), { maxLength: 8 }),
    communities: fc.array(fc.record({ cycleId: fc.constantFrom(CYCLE, 'old'), themeId: fc.constantFrom('t1', 't2'), leadId: ids, memberIds: fc.array(ids, { maxLength: 3 }) }), { maxLength: 3 }),
    summaries: fc.array(
      fc.record({
        enquiryId: fc.string({ maxLength: 3 }),
        cycleId: fc.constantFrom(CYCLE, 'old'),
        kind: fc.constantFrom('group' as const, 'individual' as const),
        track: fc.constantFrom('plc', 'blh'),
        themeId: fc.option(fc.constantFrom('t1', 't2'), { nil: undefined }),
        ownerIds: fc.array(ids, { minLength: 1, maxLength: 2 }),
        stage: fc.constantFrom(...DEFAULT_STAGES, 'coaching'),
        status: fc.constantFrom('new' as const, 'active' as const, 'paused' as const, 'withdrawn' as const, 'archived' as const),
      }),
      { maxLength: 10 },
    ),
  });

  it('counts add up: reached never grows along the stages, schools sum to the whole', () => {
    fc.assert(
      fc.property(arbitraryInput, (data) => {
        const result = analyseParticipation({ cycleId: CYCLE, ...data });
        const { staff } = result;
        assert.equal(staff.participating + staff.notParticipating, staff.total);
        for (const n of [staff.inGroupPlc, staff.onIndividualProject, staff.onNewStaffTrack]) assert.ok(n <= staff.participating);
        assert.equal(result.stages[0]!.reached + result.unknownStage, result.enquiries);
        for (let i = 1; i < result.stages.length; i += 1) assert.ok(result.stages[i]!.reached <= result.stages[i - 1]!.reached);
        assert.equal(Object.values(result.byStatus).reduce((a, b) => a + b, 0), result.enquiries);
        assert.equal(result.bySchool.reduce((sum, s) => sum + s.total, 0), staff.total);
        assert.equal(result.bySchool.reduce((sum, s) => sum + s.participating, 0), staff.participating);
        assert.equal(result.byTheme.reduce((sum, t) => sum + t.enquiries.total, 0), result.enquiries);
      }),
    );
  });
});
