/**
 * The pure steps of a push, without a database: sorting out stored ids, deciding events with the
 * policy and the lifecycle (a second create, another teacher, an event that arrived late), and
 * what a push shows to more readers.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultLifecycle as lifecycle } from '../../src/lifecycle/lifecycle.js';
import type { Principal } from '../../src/server/auth.js';
import { eventsToResend, visibilityChanges } from '../../src/policy/redact.js';
import { checkEvents, conflictResult, newEventRows, policyJudge, refuseOtherAuthors, reportAppend, type Results } from '../../src/server/pushSteps.js';
import { decideBatch, sortOutStored } from '../../src/store/append.js';
import { PEOPLE, eventWriter, individualDetails } from '../support/store-fixtures.js';

const ana: Principal = { kind: 'person', personId: PEOPLE.ana.id, trustId: 't', roles: ['teacher'] };
const ben: Principal = { kind: 'person', personId: PEOPLE.ben.id, trustId: 't', roles: ['teacher'] };
const input = { policy: { minObservations: 0, studentVoiceRequired: false, questionReviewRequired: false, minEvidence: 0 }, reviewerIds: [] } as never;

function setup() {
  const write = eventWriter({ prefix: 'x' });
  const log = write.walk('e1', 'question.drafting', individualDetails({ ownerIds: [PEOPLE.ana.id] }));
  return { write, log };
}

const decide = (principal: Principal, events: ReturnType<typeof setup>['log'], stored: ReturnType<typeof setup>['log'] = [], withLog = false) => {
  const out: Results = [];
  const checked = checkEvents('e1', JSON.parse(JSON.stringify({ events })), lifecycle, undefined);
  refuseOtherAuthors(principal, checked.valid, checked.results);
  const candidates = checked.valid.filter(({ index }) => !checked.results[index]);
  out.push(...checked.results);
  const { fresh, duplicates } = sortOutStored('e1', candidates, new Map(stored.map((e) => [e.id, 'e1'])));
  const state = lifecycle.replay(stored, input);
  const judge = policyJudge({ principal, before: state.data, community: undefined, atomic: false, conflicts: new Set() }, out);
  const loaded = { state, input, inputKey: '', details: state.data.details, log: undefined };
  const decision = decideBatch(lifecycle, loaded, fresh, judge, withLog ? stored : undefined);
  if (decision.kind === 'decided') {
    const refusals = new Map(decision.state.refusals.map((r) => [r.eventId, r]));
    reportAppend({ duplicates, outcome: { loaded, accepted: decision.accepted, state: decision.state, replayed: decision.replayed, log: undefined, refusals } }, out);
  } else reportAppend({ duplicates, outcome: undefined }, out);
  return { decision, out };
};

describe('push steps (pure)', () => {
  it('sorts out ids stored elsewhere as conflicts, reported invalid for that event alone', () => {
    const { log } = setup();
    const candidates = log.map((event, index) => ({ index, event }));
    const sorted = sortOutStored('e1', [...candidates, { index: 2, event: log[0]! }], new Map([[log[1]!.id, 'other']]));
    assert.deepEqual([sorted.fresh.map((c) => c.index), sorted.duplicates.map((c) => c.index), sorted.conflicts.map((c) => c.index)], [[0], [2], [1]]);
    const result = conflictResult(sorted.conflicts[0]!);
    assert.deepEqual([result.status, result.status === 'invalid' && result.field], ['invalid', 'events.1.id']);
    assert.match(result.status === 'invalid' ? result.message : '', /already an event of enquiry other/);
  });

  it('appends a fresh batch in order and reports each event', () => {
    const { log } = setup();
    const { decision, out } = decide(ana, log);
    assert.equal(decision.kind, 'decided');
    assert.deepEqual(out.map((r) => r?.status), ['appended', 'appended']);
    if (decision.kind === 'decided') assert.equal(decision.state.data.details?.title, individualDetails().title);
  });

  it('marks stored ids duplicate and refuses a second create', () => {
    const { write, log } = setup();
    const again = write.event('e1', 'enquiry.create', individualDetails({ ownerIds: [PEOPLE.ana.id] }));
    const { out } = decide(ana, [log[0]!, again], log);
    assert.deepEqual(out.map((r) => r?.status), ['duplicate', 'forbidden']);
    assert.equal(out[1]?.status === 'forbidden' && out[1].reason, 'already-created');
  });

  it("refuses another teacher's events and events written in someone else's name", () => {
    const { write, log } = setup();
    const bens = write.event('e1', 'enquiry.rename', { title: 'Mine now' }, PEOPLE.ben.id);
    const { out } = decide(ben, [bens, { ...bens, id: 'x-forged', authorId: PEOPLE.ana.id }], log);
    assert.equal(out[0]?.status, 'forbidden');
    assert.equal(out[1]?.status === 'forbidden' && out[1].reason, 'author-mismatch');
  });

  it('asks for the stored log when an event arrived late, then decides as a full replay would', () => {
    const { write, log } = setup();
    const later = write.event('e1', 'enquiry.rename', { title: 'Later' });
    const early = { ...later, id: 'x-early', hlc: log[0]!.hlc.replace(/^(\d+)/, (ms) => String(Number(ms) + 1).padStart(ms.length, '0')), payload: { title: 'Early' } };
    const stored = [...log, later];
    assert.equal(decide(ana, [early], stored).decision.kind, 'needs-log');
    const { decision, out } = decide(ana, [early], stored, true);
    assert.equal(decision.kind, 'decided');
    assert.equal(out[0]?.status, 'appended');
    const full = lifecycle.replay([...stored, early], input);
    if (decision.kind === 'decided') assert.equal(decision.state.data.details?.title, full.data.details?.title, 'the late rename sorts before the stored one');
  });

  it('numbers new rows in batch order with their refusals', () => {
    const { log } = setup();
    const rows = newEventRows(log.map((event, index) => ({ index, event })), new Map([[log[1]!.id, { eventId: log[1]!.id, code: 'x', message: 'no' } as never]]));
    assert.deepEqual(rows.map((r) => [r.n, r.refused]), [[0, false], [1, true]]);
  });

  it('finds what a publication or a wider share shows to more readers', () => {
    const before = { publishedAt: undefined, observations: [{ id: 'o1', sharedWith: [] }] } as never;
    const after = { publishedAt: '2026-01-01', observations: [{ id: 'o1', sharedWith: ['p-x'] }] } as never;
    const change = visibilityChanges(before, after);
    assert.ok(change);
    const ids = eventsToResend(change, [
      { id: 'a', type: 'reflection.save', payload: {} },
      { id: 'b', type: 'observation.record', payload: { id: 'o1' } },
      { id: 'c', type: 'observation.record', payload: { id: 'o2' } },
      { id: 'd', type: 'question.draft', payload: {} },
    ]);
    assert.deepEqual(ids, ['a', 'b']);
    assert.equal(visibilityChanges(after, after), undefined);
  });
});
