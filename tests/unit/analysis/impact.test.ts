/**
 * Impact of PLC membership on worked examples with hand-computed answers, the case-study sentence
 * reproduced from synthetic data, the edge cases (two PLCs, no record, duplicates, empty input),
 * and a property test against a plain reference implementation.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  analyseAllAspects,
  analyseImpact,
  wilsonInterval,
  type ImpactAppraisal,
  type ImpactCommunity,
  type ImpactInput,
  type ImpactTheme,
} from '../../../src/analysis/index.js';

const PREVIOUS = '2024-25';
const CYCLE = '2025-26';

const literacy: ImpactTheme = { id: 't-literacy', name: 'Literacy', aspects: [{ id: 'a-literacy', name: 'literacy' }] };
const oracy: ImpactTheme = {
  id: 't-oracy',
  name: 'Literacy/Oracy',
  aspects: [
    { id: 'a-oracy', name: 'oracy' },
    { id: 'a-literacy', name: 'literacy' },
  ],
};
const afl: ImpactTheme = { id: 't-afl', name: 'Assessment for Learning', aspects: [{ id: 'a-questioning', name: 'questioning' }, { id: 'a-feedback', name: 'feedback' }] };

const person = (i: number) => `p${String(i).padStart(3, '0')}`;
let nextId = 0;
const record = (personId: string, aspectId: string, strength: boolean, cycleId = CYCLE, id?: string): ImpactAppraisal => ({
  id: id ?? `r${String((nextId += 1)).padStart(6, '0')}`,
  personId,
  cycleId,
  aspectId,
  strength,
});
const community = (themeId: string, leadId: string, memberIds: string[], cycleId = PREVIOUS): ImpactCommunity => ({ cycleId, themeId, leadId, memberIds });

/**
 * The case study's literacy finding as synthetic data: 60 staff with a literacy record this cycle;
 * 20 of them (p001-p020) were in one of two literacy PLCs last year, and 14 of those show strength;
 * 10 of the 40 others do: 24 of 60 in all.
 */
function literacyExample() {
  const members = Array.from({ length: 20 }, (_, i) => person(i + 1));
  const others = Array.from({ length: 40 }, (_, i) => person(i + 21));
  const communities = [
    community('t-literacy', members[0]!, members.slice(1, 10)),
    community('t-literacy', members[10]!, members.slice(11, 20)),
    // Noise: this year's literacy PLC (not last year's) and last year's AfL PLC.
    community('t-literacy', others[0]!, others.slice(1, 5), CYCLE),
    community('t-afl', others[5]!, others.slice(6, 12)),
  ];
  const appraisals = [
    ...members.map((id, i) => record(id, 'a-literacy', i < 14)),
    ...others.map((id, i) => record(id, 'a-literacy', i < 10)),
    // Noise: other aspects, other cycles.
    ...members.map((id) => record(id, 'a-questioning', false)),
    ...others.map((id) => record(id, 'a-literacy', true, PREVIOUS)),
    record(person(99), 'a-literacy', true, '2023-24'),
  ];
  return { members, others, communities, appraisals };
}

const input = (partial: Partial<ImpactInput> & Pick<ImpactInput, 'appraisals' | 'communities'>): ImpactInput => ({
  aspectId: 'a-literacy',
  cycleId: CYCLE,
  previousCycleId: PREVIOUS,
  themes: [literacy, oracy, afl],
  ...partial,
});

describe('analyseImpact: the case-study sentence', () => {
  const { communities, appraisals } = literacyExample();
  const result = analyseImpact(input({ appraisals, communities }));

  it('"1.8 times as likely to show strength in literacy (14 of 20) as staff as a whole (24 of 60)"', () => {
    assert.equal(result.members.count, 20);
    assert.equal(result.members.strengths, 14);
    assert.equal(result.all.count, 60);
    assert.equal(result.all.strengths, 24);
    assert.equal(result.ratio, 1.75);
    assert.equal(result.ratio!.toFixed(1), '1.8');
    assert.equal(result.difference, 30);
    assert.deepEqual(result.summary, {
      themeName: 'Literacy',
      themeNames: ['Literacy'],
      aspectName: 'literacy',
      members: { strengths: 14, count: 20 },
      all: { strengths: 24, count: 60 },
      nonMembers: { strengths: 10, count: 40 },
      ratio: 1.75,
      difference: 30,
      direction: 'higher',
    });
  });

  it('gives each group its percentage, 95% Wilson interval and small-group flag', () => {
    assert.deepEqual(result.members, { count: 20, strengths: 14, proportion: 0.7, percentage: 70, interval: wilsonInterval(14, 20), tooSmall: false });
    assert.deepEqual(result.all, { count: 60, strengths: 24, proportion: 0.4, percentage: 40, interval: wilsonInterval(24, 60), tooSmall: false });
    assert.deepEqual(result.nonMembers, { count: 40, strengths: 10, proportion: 0.25, percentage: 25, interval: wilsonInterval(10, 40), tooSmall: false });
    assert.ok(Math.abs(result.members.interval!.lower - 0.481) < 0.0005);
    assert.ok(Math.abs(result.members.interval!.upper - 0.855) < 0.0005);
  });

  it('compares members with non-members too: 70% against 25% is 2.8 times, 45 points', () => {
    assert.deepEqual(result.versusNonMembers, { ratio: 2.8, difference: 45 });
  });

  it('says which PLCs counted and that nothing was left out', () => {
    assert.deepEqual(result.themeIds, ['t-literacy']);
    assert.equal(result.communities, 2);
    assert.equal(result.membersWithoutRecord, 0);
    assert.equal(result.duplicateRecords, 0);
    assert.equal(result.excludedRecords, 0);
    assert.equal(result.aspectId, 'a-literacy');
    assert.equal(result.cycleId, CYCLE);
    assert.equal(result.previousCycleId, PREVIOUS);
  });

  it('does not depend on the order of records or communities', () => {
    const reversed = analyseImpact(input({ appraisals: [...appraisals].reverse(), communities: [...communities].reverse() }));
    assert.deepEqual(reversed, result);
  });
});

describe('analyseImpact: who is a member', () => {
  it('counts a person in two PLCs on the aspect once (two themes share the aspect)', () => {
    // p1 leads a literacy PLC and is a member of a Literacy/Oracy PLC; p2 is in both as a member.
    const communities = [community('t-literacy', 'p1', ['p2', 'p3']), community('t-oracy', 'p4', ['p1', 'p2'])];
    const appraisals = [record('p1', 'a-literacy', true), record('p2', 'a-literacy', true), record('p3', 'a-literacy', false), record('p4', 'a-literacy', false), record('p5', 'a-literacy', false)];
    const result = analyseImpact(input({ appraisals, communities }));
    assert.equal(result.members.count, 4);
    assert.equal(result.members.strengths, 2);
    assert.equal(result.all.count, 5);
    assert.equal(result.nonMembers.count, 1);
    assert.deepEqual(result.themeIds, ['t-literacy', 't-oracy']);
    assert.deepEqual(result.summary.themeNames, ['Literacy', 'Literacy/Oracy']);
    assert.equal(result.summary.themeName, 'Literacy');
    assert.equal(result.communities, 2);
    // 2 of 4 against 2 of 5: ratio 1.25, 10 points; both groups under 5.
    assert.equal(result.ratio, 1.25);
    assert.equal(result.difference, 10);
    assert.equal(result.members.tooSmall, true);
    assert.equal(result.all.tooSmall, false);
    assert.equal(result.summary.direction, 'too-small');
  });

  it('counts the lead but not coaches, and only PLCs of the previous cycle on a theme with the aspect (a group on a track is no PLC)', () => {
    const communities = [
      { ...community('t-literacy', 'lead', ['m1']), coachIds: ['coach'] },
      community('t-literacy', 'now', ['now2'], CYCLE), // this year's PLC
      community('t-literacy', 'old', ['old2'], '2023-24'), // two years ago
      community('t-afl', 'afl', ['afl2']), // a theme without the aspect
      community('t-missing', 'ghost', ['ghost2']), // a theme not in the list
      { ...community('t-literacy', 'habits', ['new1']), trackId: 'new-staff' }, // new staff's group on a track, not a PLC
    ];
    const people = ['lead', 'm1', 'coach', 'now', 'now2', 'old', 'old2', 'afl', 'afl2', 'ghost', 'ghost2', 'habits', 'new1'];
    const appraisals = people.map((id) => record(id, 'a-literacy', true));
    const result = analyseImpact(input({ appraisals, communities }));
    assert.equal(result.members.count, 2);
    assert.equal(result.all.count, 13);
    assert.equal(result.nonMembers.count, 11);
    assert.equal(result.communities, 1);
  });

  it('leaves out staff with no record for the aspect in the cycle, counting members among them', () => {
    const communities = [community('t-literacy', 'p1', ['p2', 'p3', 'p4'])];
    const appraisals = [
      record('p1', 'a-literacy', true),
      record('p2', 'a-literacy', false),
      record('p3', 'a-oracy', true), // another aspect only
      record('p4', 'a-literacy', true, PREVIOUS), // last cycle only
      record('p5', 'a-literacy', true),
    ];
    const result = analyseImpact(input({ appraisals, communities }));
    assert.equal(result.members.count, 2);
    assert.equal(result.members.strengths, 1);
    assert.equal(result.all.count, 3);
    assert.equal(result.all.strengths, 2);
    assert.equal(result.membersWithoutRecord, 2);
  });

  it('restricts to the given people, counting the records left out', () => {
    const communities = [community('t-literacy', 'p1', ['p2'])];
    const appraisals = [record('p1', 'a-literacy', true), record('p2', 'a-literacy', true), record('p3', 'a-literacy', false), record('p4', 'a-literacy', true)];
    const result = analyseImpact(input({ appraisals, communities, people: [{ id: 'p1' }, { id: 'p3' }] }));
    assert.equal(result.members.count, 1);
    assert.equal(result.all.count, 2);
    assert.equal(result.all.strengths, 1);
    assert.equal(result.excludedRecords, 2);
    assert.equal(result.membersWithoutRecord, 1, 'p2 is a member whose record was left out');
  });
});

describe('analyseImpact: duplicate records for the same person, aspect and cycle', () => {
  const communities = [community('t-literacy', 'p1', ['p2', 'p3', 'p4', 'p5'])];
  const appraisals = [
    record('p1', 'a-literacy', true, CYCLE, 'r-b'),
    record('p1', 'a-literacy', false, CYCLE, 'r-c'), // greatest id for p1: not a strength
    record('p1', 'a-literacy', true, CYCLE, 'r-a'),
    record('p2', 'a-literacy', false, CYCLE, 'r-d'),
    record('p2', 'a-literacy', true, CYCLE, 'r-e'), // greatest id for p2: a strength
    record('p3', 'a-literacy', false, CYCLE, 'r-f'),
    record('p4', 'a-literacy', false, CYCLE, 'r-g'),
    record('p5', 'a-literacy', false, CYCLE, 'r-h'),
  ];

  it('by default the record with the greatest id wins, whatever the order', () => {
    for (const order of [appraisals, [...appraisals].reverse(), [appraisals[2]!, appraisals[0]!, appraisals[4]!, appraisals[1]!, appraisals[3]!, ...appraisals.slice(5)]]) {
      const result = analyseImpact(input({ appraisals: order, communities }));
      assert.equal(result.members.count, 5, 'each person once');
      assert.equal(result.members.strengths, 1, 'p2 only');
      assert.equal(result.duplicateRecords, 3);
    }
  });

  it("with 'any-strength' a person counts as a strength when any record says so", () => {
    const result = analyseImpact(input({ appraisals, communities, duplicates: 'any-strength' }));
    assert.equal(result.members.count, 5);
    assert.equal(result.members.strengths, 2, 'p1 and p2');
    assert.equal(result.duplicateRecords, 3);
  });

  it('refuses an unknown rule', () => {
    assert.throws(() => analyseImpact(input({ appraisals, communities, duplicates: 'first' as never })), RangeError);
  });
});

describe('analyseImpact: empty and one-sided inputs', () => {
  it('empty input: every group empty, no interval, no ratio, no data', () => {
    const result = analyseImpact(input({ appraisals: [], communities: [], themes: [] }));
    const empty = { count: 0, strengths: 0, proportion: undefined, percentage: undefined, interval: undefined, tooSmall: true };
    assert.deepEqual(result.members, empty);
    assert.deepEqual(result.all, empty);
    assert.deepEqual(result.nonMembers, empty);
    assert.equal(result.ratio, undefined);
    assert.equal(result.difference, undefined);
    assert.deepEqual(result.versusNonMembers, { ratio: undefined, difference: undefined });
    assert.deepEqual(result.themeIds, []);
    assert.equal(result.summary.themeName, undefined);
    assert.equal(result.summary.aspectName, 'a-literacy', 'the id when no theme names the aspect');
    assert.equal(result.summary.direction, 'no-data');
  });

  it('records but no PLC on the aspect last cycle: no members, everyone a non-member', () => {
    const appraisals = Array.from({ length: 6 }, (_, i) => record(person(i), 'a-feedback', i % 2 === 0));
    const result = analyseImpact(input({ aspectId: 'a-feedback', appraisals, communities: [community('t-literacy', 'x', [])] }));
    assert.equal(result.members.count, 0);
    assert.equal(result.all.count, 6);
    assert.equal(result.all.strengths, 3);
    assert.deepEqual(result.nonMembers, result.all);
    assert.equal(result.ratio, undefined);
    assert.equal(result.summary.aspectName, 'feedback', 'named from a theme even without PLCs');
    assert.equal(result.summary.themeName, undefined);
    assert.equal(result.summary.direction, 'no-data');
  });

  it('every record a member: non-members empty, ratio 1', () => {
    const communities = [community('t-literacy', 'p0', ['p1', 'p2', 'p3', 'p4'])];
    const appraisals = ['p0', 'p1', 'p2', 'p3', 'p4'].map((id, i) => record(id, 'a-literacy', i < 3));
    const result = analyseImpact(input({ appraisals, communities }));
    assert.equal(result.ratio, 1);
    assert.equal(result.difference, 0);
    assert.equal(result.nonMembers.count, 0);
    assert.deepEqual(result.versusNonMembers, { ratio: undefined, difference: undefined });
    assert.equal(result.summary.direction, 'same');
  });

  it('no strengths among all staff: ratio undefined, difference 0, direction same', () => {
    const communities = [community('t-literacy', 'p0', ['p1', 'p2', 'p3', 'p4'])];
    const appraisals = Array.from({ length: 10 }, (_, i) => record(`p${i}`, 'a-literacy', false));
    const result = analyseImpact(input({ appraisals, communities }));
    assert.equal(result.ratio, undefined);
    assert.equal(result.difference, 0);
    assert.equal(result.summary.direction, 'same');
  });

  it('members less likely: direction lower', () => {
    const communities = [community('t-literacy', 'p0', ['p1', 'p2', 'p3', 'p4'])];
    // Members 1 of 5; others 5 of 5: all 6 of 10.
    const appraisals = Array.from({ length: 10 }, (_, i) => record(`p${i}`, 'a-literacy', i === 0 || i >= 5));
    const result = analyseImpact(input({ appraisals, communities }));
    assert.equal(result.summary.direction, 'lower');
    assert.equal(result.ratio, (1 * 10) / (6 * 5));
    assert.equal(result.difference, -40);
  });
});

describe('analyseAllAspects', () => {
  it('reports every aspect of last cycle’s PLC themes once, in theme order, matching analyseImpact', () => {
    const { communities, appraisals } = literacyExample();
    const all = [...communities, community('t-oracy', person(50), [person(51)])];
    const results = analyseAllAspects({ cycleId: CYCLE, previousCycleId: PREVIOUS, appraisals, communities: all, themes: [literacy, oracy, afl] });
    assert.deepEqual(
      results.map((r) => [r.aspectId, r.themeIds]),
      [
        ['a-literacy', ['t-literacy', 't-oracy']],
        ['a-oracy', ['t-oracy']],
        ['a-questioning', ['t-afl']],
        ['a-feedback', ['t-afl']],
      ],
    );
    for (const result of results) {
      const single = analyseImpact({ aspectId: result.aspectId, cycleId: CYCLE, previousCycleId: PREVIOUS, appraisals, communities: all, themes: [literacy, oracy, afl] });
      assert.deepEqual(result, single, result.aspectId);
    }
    // With the Literacy/Oracy PLC, p050 and p051 (non-strengths) join the literacy members: 14 of 22.
    assert.equal(results[0]!.members.count, 22);
    assert.equal(results[0]!.members.strengths, 14);
    // Questioning: the 20 literacy members' records, none a strength; AfL PLC members have none.
    assert.equal(results[2]!.all.count, 20);
    assert.equal(results[2]!.members.count, 0);
    assert.equal(results[2]!.membersWithoutRecord, 7);
  });

  it('is empty when the previous cycle had no PLCs', () => {
    assert.deepEqual(analyseAllAspects({ cycleId: CYCLE, previousCycleId: PREVIOUS, appraisals: [record('p1', 'a-literacy', true)], communities: [], themes: [literacy] }), []);
  });
});

describe('analyseImpact: properties', () => {
  /** The definition, written plainly: filter, dedupe (greatest id, or any strength), count. */
  function reference(data: ImpactInput) {
    const allowed = data.people ? new Set(data.people.map((p) => p.id)) : undefined;
    const themeIds = new Set(data.themes.filter((t) => t.aspects.some((a) => a.id === data.aspectId)).map((t) => t.id));
    const members = new Set(data.communities.filter((c) => c.cycleId === data.previousCycleId && themeIds.has(c.themeId)).flatMap((c) => [c.leadId, ...c.memberIds]));
    const latest = new Map<string, ImpactAppraisal>();
    for (const r of data.appraisals.filter((r) => r.cycleId === data.cycleId && r.aspectId === data.aspectId && (!allowed || allowed.has(r.personId)))) {
      const seen = latest.get(r.personId);
      if (!seen) latest.set(r.personId, r);
      else if (data.duplicates === 'any-strength') latest.set(r.personId, { ...seen, strength: seen.strength || r.strength });
      else if (r.id > seen.id) latest.set(r.personId, r);
    }
    const rows = [...latest.values()];
    const memberRows = rows.filter((r) => members.has(r.personId));
    return {
      members: [memberRows.filter((r) => r.strength).length, memberRows.length],
      all: [rows.filter((r) => r.strength).length, rows.length],
    };
  }

  const ids = fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8');
  const data = fc.record({
    appraisals: fc.uniqueArray(
      fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), personId: ids, cycleId: fc.constantFrom(CYCLE, PREVIOUS), aspectId: fc.constantFrom('a-literacy', 'a-oracy'), strength: fc.boolean() }),
      { selector: (r) => r.id, maxLength: 40 },
    ),
    communities: fc.array(fc.record({ cycleId: fc.constantFrom(CYCLE, PREVIOUS), themeId: fc.constantFrom('t-literacy', 't-oracy', 't-afl'), leadId: ids, memberIds: fc.array(ids, { maxLength: 4 }) }), { maxLength: 5 }),
    people: fc.option(fc.uniqueArray(ids, { maxLength: 8 }).map((list) => list.map((id) => ({ id }))), { nil: undefined }),
    duplicates: fc.constantFrom('last-by-id' as const, 'any-strength' as const),
  });

  it('agrees with the plain definition, and its shares and intervals are consistent', () => {
    fc.assert(
      fc.property(data, ({ appraisals, communities, people, duplicates }) => {
        const i = input({ appraisals, communities, people, duplicates });
        const result = analyseImpact(i);
        const expected = reference(i);
        assert.deepEqual([result.members.strengths, result.members.count], expected.members);
        assert.deepEqual([result.all.strengths, result.all.count], expected.all);
        assert.equal(result.members.count + result.nonMembers.count, result.all.count);
        assert.equal(result.members.strengths + result.nonMembers.strengths, result.all.strengths);
        for (const group of [result.members, result.all, result.nonMembers]) {
          if (group.count === 0) {
            assert.equal(group.interval, undefined);
            continue;
          }
          assert.ok(group.proportion! >= 0 && group.proportion! <= 1);
          assert.ok(group.interval!.lower <= group.proportion! && group.proportion! <= group.interval!.upper);
          assert.equal(group.tooSmall, group.count < 5);
        }
        const shuffled = analyseImpact({ ...i, appraisals: [...appraisals].reverse(), communities: [...communities].reverse() });
        assert.deepEqual(shuffled.members, result.members);
        assert.deepEqual(shuffled.all, result.all);
      }),
    );
  });
});
