import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decide } from '../../../src/policy/policy.js';

const person = (id: string, roles: Array<'teacher' | 'cpd-leader' | 'admin' | 'coach'>) => ({ kind: 'person' as const, person: { id, roles } });
const community = { id: 'com-1', leadId: 'p-lead', memberIds: ['p-lead', 'p-member'], coachIds: [] };

describe('policy: who records learning walks', () => {
  it('allows CPD leaders and administrators', () => {
    assert.equal(decide(person('p-cpd', ['cpd-leader']), 'directory.write', { collection: 'learningWalks' }).allowed, true);
    assert.equal(decide(person('p-admin', ['admin']), 'directory.write', { collection: 'learningWalks' }).allowed, true);
  });
  it("allows a lead of one of the cycle's communities", () => {
    const verdict = decide(person('p-lead', ['teacher']), 'directory.write', { collection: 'learningWalks', communities: [community] });
    assert.equal(verdict.allowed, true);
  });
  it('refuses members who lead nothing, with a reason', () => {
    const verdict = decide(person('p-member', ['teacher']), 'directory.write', { collection: 'learningWalks', communities: [community] });
    assert.deepEqual(verdict.allowed, false);
    assert.equal(!verdict.allowed && verdict.code, 'not-walk-leader');
  });
});
