import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_POLICY, lifecycleInputFor, type Community, type Cycle } from '../../../src/index.js';

const cycle: Cycle = {
  schemaVersion: 2,
  id: 'cycle-2025',
  name: '2025-26',
  startsOn: '2025-09-01',
  endsOn: '2026-07-22',
  status: 'active',
  themeIds: [],
  policy: { minObservations: 3, studentVoiceRequired: false, questionReviewRequired: true, minEvidence: 2 },
};
const community: Community = {
  schemaVersion: 1,
  id: 'com-afl',
  name: 'AfL',
  cycleId: 'cycle-2025',
  themeId: 'theme-afl',
  leadId: 'p-lead',
  memberIds: [],
  coachIds: [],
  schoolIds: ['sch-1'],
  meetingSlots: [],
};

describe('lifecycleInputFor', () => {
  it('takes the enquiry\'s cycle policy, and its community lead as the reviewer', () => {
    const input = lifecycleInputFor({ cycleId: 'cycle-2025', communityId: 'com-afl' }, { cycle, community, cpdLeaders: [{ id: 'p-cpd' }] });
    assert.deepEqual(input, { policy: cycle.policy, reviewerIds: ['p-lead'] });
  });

  it('an individual project without a community is reviewed by the CPD leaders', () => {
    assert.deepEqual(lifecycleInputFor({ cycleId: 'cycle-2025', communityId: undefined }, { cycle, community, cpdLeaders: [{ id: 'p-cpd' }, { id: 'p-cpd-2' }] }).reviewerIds, ['p-cpd', 'p-cpd-2']);
  });

  it('falls back to the default policy when the cycle is unknown or another one', () => {
    assert.equal(lifecycleInputFor({ cycleId: 'cycle-2030', communityId: 'com-afl' }, { cycle }).policy, DEFAULT_POLICY);
    assert.deepEqual(lifecycleInputFor(undefined, {}), { policy: DEFAULT_POLICY, reviewerIds: [] });
  });
});
