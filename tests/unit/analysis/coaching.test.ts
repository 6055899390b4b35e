/** The coaching overview of a cycle: pairs by name with their next slot, and who is not paired. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coachingOverview, partnerOf, reciprocalSlots } from '../../../src/analysis/coaching.js';
import type { CoachingPair } from '../../../src/schema/coaching.js';

const people = [
  { id: 'p-bea', name: 'Bea Bold' },
  { id: 'p-ann', name: 'Ann Able' },
  { id: 'p-cat', name: 'Cat Cole' },
  { id: 'p-dan', name: 'Dan Dee', leftOn: '2025-07-20' },
  { id: 'p-eve', name: 'Eve East' },
];
const pair = (id: string, a: string, b: string, cycleId = 'cy-1'): CoachingPair => ({
  schemaVersion: 1, id, cycleId, personIds: [a, b], arrangedById: 'p-cpd', slots: reciprocalSlots(a, b, '2025-10-06', '2025-11-03'),
});

describe('analysis: coaching overview', () => {
  it('lists the cycle’s pairs by first name with the next slot, and the unpaired staff who had not left', () => {
    const overview = coachingOverview([pair('cp-2', 'p-cat', 'p-eve'), pair('cp-1', 'p-ann', 'p-bea'), pair('cp-0', 'p-cat', 'p-ann', 'cy-0')], people, { id: 'cy-1', startsOn: '2025-09-01' }, '2025-10-20');
    assert.deepEqual(overview.pairs.map((p) => p.pair.id), ['cp-1', 'cp-2']);
    assert.deepEqual(overview.pairs.map((p) => [p.past, p.next?.date]), [[1, '2025-11-03'], [1, '2025-11-03']]);
    assert.deepEqual(overview.unpaired, [], 'Dan left before the cycle; everyone else is paired');
    const early = coachingOverview([pair('cp-1', 'p-ann', 'p-bea')], people, { id: 'cy-1', startsOn: '2025-09-01' }, '2025-09-10');
    assert.deepEqual(early.unpaired.map((p) => p.name), ['Cat Cole', 'Eve East']);
    assert.equal(early.pairs[0]!.next?.observerId, 'p-ann');
  });

  it('names a pair’s other colleague', () => {
    const p = pair('cp-1', 'p-ann', 'p-bea');
    assert.deepEqual([partnerOf(p, 'p-ann'), partnerOf(p, 'p-bea'), partnerOf(p, 'p-cat')], ['p-bea', 'p-ann', undefined]);
  });
});
