import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  createLifecycle,
  CURRENT_VERSIONS,
  Cycle,
  EventEnvelope,
  formatHlc,
  migrate,
  migrateEvent,
  parseHlc,
  School,
  UnsupportedVersionError,
  type DomainEvent,
} from '../../../src/index.js';
import { createFixture, observation, PEOPLE, viaJson } from '../../support/lifecycle-fixtures.js';
import { accepts } from './helpers.js';

const fixture = <T>(name: string): T => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;

const v1Events = fixture<DomainEvent[]>('v1-events.json');
const v1Observation = fixture<DomainEvent>('v1-observation-record.json');
const v1Cycles = fixture<Array<Record<string, unknown>>>('v1-cycles.json');
const newer = fixture<{ event: DomainEvent; cycle: Record<string, unknown> }>('newer-version.json');
const legacyInput = { reviewerIds: [PEOPLE.lead] };

describe('migrations', () => {
  it('knows the current version of every kind of record', () => {
    assert.equal(CURRENT_VERSIONS.event, 2);
    assert.equal(CURRENT_VERSIONS.cycles, 2);
    assert.equal(CURRENT_VERSIONS.schools, 1);
  });

  describe('events v1 -> v2: a hybrid clock stamp from `at`', () => {
    it('adds hlc and the current schemaVersion, and the envelope then validates', () => {
      for (const event of v1Events) {
        assert.equal((event as { hlc?: string }).hlc, undefined, 'the fixture is v1');
        const upgraded = migrateEvent(event) as DomainEvent;
        assert.equal(upgraded.schemaVersion, 2);
        assert.deepEqual(parseHlc(upgraded.hlc), { ms: Date.parse(event.at), counter: 0, node: 'v1' });
        accepts(EventEnvelope, upgraded);
      }
    });

    it('keeps the order of `at` (then id) for the shared order', () => {
      const byStamp = v1Events.map((e) => migrateEvent(e) as DomainEvent).sort((a, b) => (a.hlc + a.id < b.hlc + b.id ? -1 : 1));
      const byTime = [...v1Events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : 1));
      assert.deepEqual(byStamp.map((e) => e.id), byTime.map((e) => e.id));
    });

    it('an event with an unreadable `at` sorts first, for its validation to refuse it', () => {
      const upgraded = migrateEvent({ ...v1Events[0], at: 'yesterday' }) as DomainEvent;
      assert.equal(upgraded.hlc, formatHlc({ ms: 0, counter: 0, node: 'v1' }));
    });

    it('observation.record payloads without sharedWith get an empty list; others are kept', () => {
      const upgraded = migrateEvent(v1Observation) as DomainEvent<{ sharedWith: string[] }>;
      assert.deepEqual(upgraded.payload.sharedWith, []);
      const shared = migrateEvent({ ...v1Observation, payload: { ...v1Observation.payload, sharedWith: ['p-hod'] } }) as DomainEvent<{ sharedWith: string[] }>;
      assert.deepEqual(shared.payload.sharedWith, ['p-hod']);
      const other = migrateEvent(v1Events.find((e) => e.type === 'question.draft')) as DomainEvent;
      assert.equal('sharedWith' in other.payload, false);
    });

    it('does not change the stored value', () => {
      const before = viaJson(v1Observation);
      migrateEvent(v1Observation);
      assert.deepEqual(v1Observation, before);
    });

    it('returns current events as they are', () => {
      const current = createFixture().event('enquiry.rename', { title: 'x' });
      assert.equal(migrateEvent(current), current);
    });

    it('a v1 log replays through today\'s lifecycle, in time order, with nothing refused', () => {
      const lifecycle = createLifecycle();
      const state = lifecycle.replay([...v1Events, v1Observation], legacyInput);
      assert.deepEqual(state.refusals, []);
      assert.equal(state.eventCount, v1Events.length + 1);
      assert.equal(state.stage, 'evidence');
      assert.equal(state.data.details?.track, 'plc', 'v1 enquiries default to the PLC track');
      assert.deepEqual(state.data.observations.map((o) => [o.id, o.sharedWith]), [['obs-legacy-1', []], ['obs-legacy-2', []]]);
      assert.deepEqual(state.data.evidence.map((e) => e.id), ['ev-legacy-1']);
      assert.equal(state.data.review.status, 'approved');
    });

    it('a log mixing v1 events and newer v2 events replays as one', () => {
      const lifecycle = createLifecycle();
      const fx = createFixture({ start: '2025-01-06T09:00:00.000Z', enquiryId: 'enq-legacy' });
      const newer = [fx.event('observation.record', observation(7), { author: PEOPLE.cy }), fx.event('evidence.add', { id: 'ev-2', kind: 'note', title: 'Book look', text: '' })];
      const state = lifecycle.replay([...newer, ...v1Events], legacyInput);
      assert.deepEqual(state.refusals, []);
      assert.deepEqual(state.data.observations.map((o) => o.id), ['obs-legacy-1', 'obs-7']);
      assert.deepEqual(state.data.evidence.map((e) => e.id), ['ev-legacy-1', 'ev-2']);
    });
  });

  describe('cycles v1 -> v2: policy fields grouped in `policy`', () => {
    it('moves the flat fields into policy and adds minEvidence', () => {
      const upgraded = accepts<Cycle>(Cycle, migrate('cycles', v1Cycles[0]));
      assert.equal(upgraded.schemaVersion, 2);
      assert.deepEqual(upgraded.policy, { minObservations: 2, studentVoiceRequired: false, questionReviewRequired: false, minEvidence: 1 });
      for (const flat of ['minObservations', 'requireStudentVoice', 'requireQuestionReview']) assert.equal(flat in upgraded, false, flat);
      assert.deepEqual(upgraded.themeIds, ['theme-oracy', 'theme-habits']);
    });

    it('fills in the case study\'s defaults when a v1 cycle set nothing (and had no schemaVersion)', () => {
      const upgraded = accepts<Cycle>(Cycle, migrate('cycles', v1Cycles[1]));
      assert.deepEqual(upgraded.policy, { minObservations: 1, studentVoiceRequired: true, questionReviewRequired: true, minEvidence: 1 });
    });

    it('keeps the values of a policy a v1 record already carries, and refuses a wrong one by name (trust #11)', () => {
      const written = {
        schemaVersion: 1, id: 'cy-x', name: '2025-26', startsOn: '2025-09-01', endsOn: '2026-07-20', status: 'active', themeIds: [],
        policy: { minObservations: 2, studentVoiceRequired: true, questionReviewRequired: false, minEvidence: 2 },
      };
      const upgraded = accepts<Cycle>(Cycle, migrate('cycles', written));
      assert.deepEqual(upgraded.policy, written.policy);
      const partial = accepts<Cycle>(Cycle, migrate('cycles', { ...written, minObservations: 3, policy: { minEvidence: 4 } }));
      assert.deepEqual(upgraded.policy.minObservations, 2);
      assert.deepEqual(partial.policy, { minObservations: 3, studentVoiceRequired: true, questionReviewRequired: true, minEvidence: 4 });
      const wrong = Cycle.safeParse(migrate('cycles', { ...written, policy: { ...written.policy, minEvidence: 'two' } }));
      assert.equal(wrong.success, false);
      assert.match(JSON.stringify(wrong.error?.issues.map((i) => i.path)), /policy.*minEvidence/);
    });

    it('leaves records of kinds without migrations as they are', () => {
      const school = { schemaVersion: 1, id: 'sch-1', name: 'Riverside' };
      assert.equal(migrate('schools', school), school);
      accepts(School, migrate('schools', { id: 'sch-1', name: 'Riverside' }));
    });
  });

  describe('values migrate cannot read are left for the schema to refuse', () => {
    it('non-objects and unreadable versions pass through unchanged', () => {
      for (const value of [null, 3, 'text', [1, 2]]) assert.equal(migrate('cycles', value), value);
      for (const schemaVersion of [0, -1, 1.5, '1']) {
        const value = { ...v1Cycles[0], schemaVersion };
        assert.equal(migrate('cycles', value), value);
        assert.equal(Cycle.safeParse(value).success, false);
      }
    });
  });

  describe('records from a newer plc-kit are refused, never guessed at', () => {
    it('throws UnsupportedVersionError naming both versions', () => {
      assert.throws(() => migrate('cycles', newer.cycle), (error: unknown) => {
        assert.ok(error instanceof UnsupportedVersionError);
        assert.equal(error.name, 'UnsupportedVersionError');
        assert.match(error.message, /newer plc-kit \(schemaVersion 7; this one reads up to 2\)\. Update plc-kit/);
        return true;
      });
      assert.throws(() => migrateEvent(newer.event), /This event was written by a newer plc-kit \(schemaVersion 3/);
    });

    it('lifecycle.validate throws it; replay keeps the event, refused with the reason', () => {
      const lifecycle = createLifecycle();
      assert.throws(() => lifecycle.validate(newer.event), UnsupportedVersionError);
      const state = lifecycle.replay([...v1Events, newer.event], legacyInput);
      assert.equal(state.eventCount, v1Events.length + 1);
      assert.equal(state.stage, 'evidence');
      const [refusal] = state.refusals;
      assert.equal(state.refusals.length, 1);
      assert.equal(refusal!.eventId, 'future-0001');
      assert.equal(refusal!.code, 'invalid-event');
      assert.match(refusal!.message, /written by a newer plc-kit/);
      assert.doesNotMatch(refusal!.message, /UnsupportedVersionError/);
    });
  });
});
