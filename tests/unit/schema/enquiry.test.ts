import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DrivingQuestion, EMPTY_QUESTION, EnquiryDetails, Observation, Outcome, PlannedEvidence, Reflection } from '../../../src/index.js';
import { details, observation, outcome, question, reflection } from '../../support/lifecycle-fixtures.js';
import { accepts, refuses } from './helpers.js';

describe('enquiry content', () => {
  it('EnquiryDetails: group or individual, owners, track defaulting to plc', () => {
    const { track: _track, ...withoutTrack } = details();
    assert.equal(accepts<EnquiryDetails>(EnquiryDetails, withoutTrack).track, 'plc');
    assert.equal(accepts<EnquiryDetails>(EnquiryDetails, details({ kind: 'individual', communityId: undefined, track: 'new-staff' })).track, 'new-staff');
    accepts(EnquiryDetails, details({ stages: ['theme', 'question', 'coaching', 'observation'] }));
    refuses(EnquiryDetails, details({ kind: 'pair' as never }), 'kind', /must be one of: "group", "individual"/);
    refuses(EnquiryDetails, details({ ownerIds: [] }), 'ownerIds', /at least 1 item/);
    refuses(EnquiryDetails, details({ title: '' }), 'title', /must not be empty/);
    refuses(EnquiryDetails, details({ cycleId: undefined as never }), 'cycleId', /is required/);
  });

  it('DrivingQuestion: text, rationale, target students, actions, criteria, planned evidence', () => {
    accepts(DrivingQuestion, question());
    accepts(DrivingQuestion, EMPTY_QUESTION);
    refuses(DrivingQuestion, question({ text: 'x'.repeat(401) }), 'text', /at most 400 characters/);
    refuses(DrivingQuestion, question({ successCriteria: ['ok', ' '] }), 'successCriteria.1', /must not be empty/);
    refuses(DrivingQuestion, question({ plannedActions: 'one' as never }), 'plannedActions', /must be an array/);
    refuses(DrivingQuestion, question({ plannedEvidence: [{ kind: 'student-voice' } as never] }), 'plannedEvidence.0.description', /is required/);
    refuses(PlannedEvidence, { kind: 'student voice', description: 'survey' }, 'kind', /not allowed/);
  });

  it('Observation: who observed whom, when, the focus, and who it is shared with', () => {
    accepts(Observation, observation(1, { sharedWith: ['p-hod'] }));
    refuses(Observation, observation(1, { date: '2025-02-30' }), 'date', /a date such as/);
    refuses(Observation, observation(1, { focus: '' }), 'focus', /must not be empty/);
    refuses(Observation, observation(1, { observedId: undefined as never }), 'observedId', /is required/);
    const { sharedWith: _omitted, ...v1 } = observation(1);
    refuses(Observation, v1, 'sharedWith', /is required/);
  });

  it('Reflection and Outcome', () => {
    accepts(Reflection, reflection({ whatDidNot: '' }));
    refuses(Reflection, { whatWorked: 'x' }, 'whatDidNot', /is required/);
    accepts(Outcome, outcome());
    refuses(Outcome, outcome({ audiences: ['newsletter' as never] }), 'audiences.0', /must be one of: "booklet", "vle", "sharing-session"/);
    refuses(Outcome, outcome({ audiences: ['booklet', 'vle', 'sharing-session', 'booklet'] }), 'audiences', /at most 3 items/);
  });
});
