/**
 * Peer-coaching records: the schemas refuse what is malformed, and the checks across fields name
 * the field at fault: two different colleagues, slots between the two of them in both directions
 * and within the cycle, a log entry that belongs to its pair and is written by one of it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CoachingLogEntry, CoachingPair, coachingLogProblems, coachingPairProblems } from '../../../src/schema/coaching.js';
import { reciprocalSlots } from '../../../src/analysis/coaching.js';

const CYCLE = { name: '2025-26', startsOn: '2025-09-01', endsOn: '2026-07-20' };
const pair = (extra: Partial<CoachingPair> = {}): CoachingPair => ({
  schemaVersion: 1,
  id: 'cp-1',
  cycleId: 'cy-1',
  personIds: ['p-ann', 'p-bea'],
  arrangedById: 'p-cpd',
  slots: reciprocalSlots('p-ann', 'p-bea', '2025-10-06', '2025-10-20', 'Questioning'),
  ...extra,
});

describe('schema: coaching pairs and their log', () => {
  it('accepts a reciprocal pair within its cycle, and a pair not yet given slots', () => {
    assert.ok(CoachingPair.safeParse(pair()).success);
    assert.deepEqual(coachingPairProblems(pair(), CYCLE), []);
    assert.deepEqual(coachingPairProblems(pair({ slots: [] }), CYCLE), []);
  });

  it('refuses a pair of one person, or of three', () => {
    assert.deepEqual(coachingPairProblems(pair({ personIds: ['p-ann', 'p-ann'], slots: [] }), CYCLE).map((p) => p.path), ['personIds.1']);
    assert.equal(CoachingPair.safeParse({ ...pair(), personIds: ['p-ann', 'p-bea', 'p-cat'] }).success, false);
  });

  it('names each slot that is not between the pair, not reciprocal, or outside the cycle', () => {
    const outsider = pair({ slots: [{ observerId: 'p-cat', observedId: 'p-ann', date: '2025-10-06' }] });
    assert.deepEqual(coachingPairProblems(outsider, CYCLE).map((p) => p.path), ['slots.0.observerId']);
    const self = pair({ slots: [{ observerId: 'p-ann', observedId: 'p-ann', date: '2025-10-06' }] });
    assert.match(coachingPairProblems(self, CYCLE)[0]!.message, /must be the other colleague of the pair \(p-bea\), not p-ann/);
    const oneWay = pair({ slots: [{ observerId: 'p-ann', observedId: 'p-bea', date: '2025-10-06' }] });
    assert.deepEqual(coachingPairProblems(oneWay, CYCLE), [{ path: 'slots', message: 'must be reciprocal: add a slot where p-bea observes p-ann' }]);
    const late = pair({ slots: reciprocalSlots('p-ann', 'p-bea', '2025-10-06', '2026-09-02') });
    assert.deepEqual(coachingPairProblems(late, CYCLE), [{ path: 'slots.1.date', message: 'must be within the cycle 2025-26 (2025-09-01 to 2026-07-20), not 2026-09-02' }]);
    assert.deepEqual(coachingPairProblems(late, undefined), [], 'a cycle not stored is left to the other checks');
  });

  it('a log entry belongs to its pair and is written by one of it', () => {
    const entry = { schemaVersion: 1, id: 'cl-1', pairId: 'cp-1', memberIds: ['p-bea', 'p-ann'] as [string, string], authorId: 'p-ann', date: '2025-10-07', text: 'We tried wait time.' };
    assert.ok(CoachingLogEntry.safeParse(entry).success);
    assert.equal(CoachingLogEntry.safeParse({ ...entry, text: '' }).success, false, 'an empty entry is refused');
    assert.deepEqual(coachingLogProblems(entry, pair()), []);
    assert.deepEqual(coachingLogProblems(entry, undefined).map((p) => p.path), ['pairId']);
    assert.deepEqual(coachingLogProblems({ ...entry, memberIds: ['p-ann', 'p-cat'] }, pair()).map((p) => p.path), ['memberIds']);
    assert.deepEqual(coachingLogProblems({ ...entry, authorId: 'p-cpd' }, pair()).map((p) => p.path), ['authorId']);
  });
});
