import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  compareEvents,
  createEventFactory,
  createHybridClock,
  describeIssues,
  EVENT_PAYLOADS,
  EVENT_SCHEMA_VERSION,
  EventEnvelope,
  eventKey,
  EventType,
  formatHlc,
  mergeLogs,
  type BuiltInEventType,
  type DomainEvent,
  defaultLifecycle,
  ValidationError,
} from '../../../src/index.js';
import { parseSafely } from '../../../src/schema/zod.js';
import { createFixture, details, evidence, observation, outcome, question, reflection } from '../../support/lifecycle-fixtures.js';

/** A valid and an invalid payload of every built-in event type, with the field the error names. */
const PAYLOAD_CASES: Record<BuiltInEventType, { valid: object; invalid: unknown; field: string }> = {
  'enquiry.create': { valid: details(), invalid: details({ ownerIds: [] }), field: 'ownerIds' },
  'enquiry.rename': { valid: { title: 'Feedback, take two' }, invalid: { title: '' }, field: 'title' },
  'theme.choose': { valid: { themeId: 'theme-oracy' }, invalid: { themeId: 'oracy and talk' }, field: 'themeId' },
  'question.draft': { valid: question(), invalid: question({ successCriteria: 'act on feedback' as never }), field: 'successCriteria' },
  'question.submit': { valid: {}, invalid: [], field: '(value)' },
  'question.approve': { valid: { comment: 'Clear and open.' }, invalid: { comment: 5 }, field: 'comment' },
  'question.return': { valid: { comment: 'Make it about students.' }, invalid: { comment: '' }, field: 'comment' },
  'question.refine': { valid: { reason: 'Observations showed a different problem.' }, invalid: { reason: false }, field: 'reason' },
  'observation.record': { valid: observation(1), invalid: observation(1, { date: 'Monday' }), field: 'date' },
  'observation.share': { valid: { observationId: 'obs-1', personIds: ['p-hod'] }, invalid: { observationId: 'obs-1', personIds: [] }, field: 'personIds' },
  'evidence.start': { valid: {}, invalid: 'now', field: '(value)' },
  'evidence.add': { valid: evidence.note(), invalid: { kind: 'note', title: 'x', text: '' }, field: 'id' },
  'evidence.remove': { valid: { evidenceId: 'ev-1', reason: 'Duplicate' }, invalid: { reason: 'Duplicate' }, field: 'evidenceId' },
  'evidence.reopen': { valid: { reason: 'One more survey' }, invalid: { reason: ['x'] }, field: 'reason' },
  'reflection.save': { valid: reflection(), invalid: reflection({ whatWorked: undefined as never }), field: 'whatWorked' },
  'sharing.start': { valid: {}, invalid: null, field: '(value)' },
  'outcome.save': { valid: outcome(), invalid: outcome({ audiences: ['radio' as never] }), field: 'audiences.0' },
  'outcome.publish': { valid: {}, invalid: 1, field: '(value)' },
  'enquiry.pause': { valid: { reason: 'Exams' }, invalid: { reason: 3 }, field: 'reason' },
  'enquiry.resume': { valid: {}, invalid: 'please', field: '(value)' },
  'enquiry.withdraw': { valid: {}, invalid: { reason: {} }, field: 'reason' },
  'enquiry.archive': { valid: {}, invalid: true, field: '(value)' },
};

describe('event types and payloads', () => {
  it('event types are lowercase dot namespaces, never the xstate. prefix by accident', () => {
    for (const type of Object.keys(EVENT_PAYLOADS)) assert.ok(EventType.safeParse(type).success, type);
    for (const bad of ['submit', 'Question.submit', 'question.', '.submit', 'question submit', 'question.Submit', `a.${'b'.repeat(64)}`]) {
      assert.equal(EventType.safeParse(bad).success, false, bad);
    }
  });

  it('has a valid and an invalid example of every built-in payload, and the error names the field', () => {
    assert.deepEqual(Object.keys(PAYLOAD_CASES).sort(), Object.keys(EVENT_PAYLOADS).sort());
    for (const [type, { valid, invalid, field }] of Object.entries(PAYLOAD_CASES)) {
      const schema = EVENT_PAYLOADS[type as BuiltInEventType];
      const ok = schema.safeParse(valid);
      assert.ok(ok.success, `${type}: ${JSON.stringify(ok.error?.issues)}`);
      const bad = schema.safeParse(invalid);
      assert.equal(bad.success, false, type);
      const paths = describeIssues(bad.error!.issues).map((p) => p.path);
      assert.ok(paths.includes(field), `${type}: expected ${field} in ${paths.join(', ')}`);
    }
  });

  it('question.return needs a comment: the lead says what to change', () => {
    assert.equal(EVENT_PAYLOADS['question.return'].safeParse({}).success, false);
    assert.equal(EVENT_PAYLOADS['question.approve'].safeParse({}).success, true);
  });
});

describe('event envelope', () => {
  const fx = createFixture();
  const event = fx.event('question.submit');

  it('accepts what the factory writes', () => {
    assert.ok(EventEnvelope.safeParse(event).success);
  });

  it('names the envelope field at fault', () => {
    const cases: Array<[Partial<Record<keyof DomainEvent, unknown>>, string]> = [
      [{ id: 'has space' }, 'id'],
      [{ enquiryId: undefined }, 'enquiryId'],
      [{ type: 'Submit' }, 'type'],
      [{ at: '2025-09-04 08:00' }, 'at'],
      [{ hlc: '2025-09-04T08:00:00Z' }, 'hlc'],
      [{ authorId: '' }, 'authorId'],
      [{ payload: 'x' }, 'payload'],
      [{ schemaVersion: 0 }, 'schemaVersion'],
    ];
    for (const [change, field] of cases) {
      const result = EventEnvelope.safeParse({ ...event, ...change });
      assert.equal(result.success, false, field);
      assert.deepEqual([...new Set(describeIssues(result.error!.issues).map((p) => p.path))], [field]);
    }
  });

  it("the lifecycle's validation refuses every payload the envelope refuses, with the envelope's words", () => {
    // Replay skips the envelope's key-by-key copy of plain-object payloads; anything else goes through it.
    const withSymbol = { [Symbol('x')]: 1 };
    const payloads: unknown[] = [[], 'x', null, 5, new Date(0), withSymbol, undefined];
    for (const payload of payloads) {
      const envelope = parseSafely(EventEnvelope, { ...event, payload });
      let thrown: unknown;
      try {
        defaultLifecycle.validate({ ...event, payload });
      } catch (error) {
        thrown = error;
      }
      const label = String(payload instanceof Date ? 'a Date' : Array.isArray(payload) ? 'an array' : typeof payload);
      if (envelope.success) {
        assert.equal(thrown instanceof ValidationError && thrown.problems.every((p) => p.path.startsWith('payload') || p.path === 'type'), true, label);
        continue;
      }
      assert.ok(thrown instanceof ValidationError, label);
      assert.deepEqual(thrown.problems, describeIssues(envelope.error.issues), label);
    }
    const plain = Object.assign(Object.create(null) as object, {});
    assert.deepEqual(defaultLifecycle.validate({ ...event, payload: plain }).payload, {}, 'an object without a prototype is a plain payload');
  });
});

describe('createEventFactory', () => {
  it('stamps events with the injected clock, id source and wall time', () => {
    let n = 0;
    const makeEvent = createEventFactory({
      clock: createHybridClock('tablet-1', () => Date.parse('2025-09-04T08:00:00.000Z')),
      newId: () => `id-${++n}`,
      now: () => new Date('2025-09-04T08:00:00.000Z'),
    });
    const first = makeEvent({ enquiryId: 'enq-1', type: 'question.submit', authorId: 'p-ana', payload: {} });
    const second = makeEvent({ enquiryId: 'enq-1', type: 'enquiry.rename', authorId: 'p-ben', payload: { title: 'New' } });
    assert.deepEqual(first, {
      schemaVersion: EVENT_SCHEMA_VERSION,
      id: 'id-1',
      enquiryId: 'enq-1',
      type: 'question.submit',
      at: '2025-09-04T08:00:00.000Z',
      hlc: formatHlc({ ms: Date.parse('2025-09-04T08:00:00.000Z'), counter: 0, node: 'tablet-1' }),
      authorId: 'p-ana',
      payload: {},
    });
    assert.equal(second.id, 'id-2');
    assert.ok(second.hlc > first.hlc, 'the same millisecond still orders the events');
  });

  it('uses the real time only when no wall time is injected', () => {
    const makeEvent = createEventFactory({ clock: { now: () => formatHlc({ ms: 1, counter: 0, node: 'x' }) }, newId: () => 'e' });
    const before = Date.now();
    const at = Date.parse(makeEvent({ enquiryId: 'enq-1', type: 'enquiry.resume', authorId: 'p', payload: {} }).at);
    assert.ok(at >= before && at <= Date.now());
  });
});

describe('ordering and merging', () => {
  const stamp = (ms: number, counter: number, node: string, id: string) => ({ hlc: formatHlc({ ms, counter, node }), id });

  it('compareEvents orders by clock stamp, then by id', () => {
    const events = [stamp(2, 0, 'a', 'e-1'), stamp(1, 1, 'a', 'e-9'), stamp(1, 0, 'b', 'e-2'), stamp(1, 0, 'a', 'e-5'), stamp(1, 0, 'a', 'e-3')];
    assert.deepEqual([...events].sort(compareEvents).map((e) => e.id), ['e-3', 'e-5', 'e-2', 'e-9', 'e-1']);
    assert.equal(compareEvents(events[0]!, events[0]!), 0);
  });

  it('eventKey is `<hlc>|<id>`: split at the bar, it orders like compareEvents (which plain string order does not)', () => {
    const events = [
      stamp(1, 0, 'd1', 'e-2'),
      stamp(1, 0, 'd10', 'e-1'),
      stamp(1, 0, 'd1', 'e-10'),
      stamp(1, 0, 'tab', 'e-3'),
      stamp(1, 0, 'tablet', 'e-4'),
      stamp(1, 1, 'a', 'e-7'),
    ];
    const parts = (key: string) => ({ hlc: key.slice(0, key.indexOf('|')), id: key.slice(key.indexOf('|') + 1) });
    for (const event of events) assert.deepEqual(parts(eventKey(event)), event);
    assert.equal(eventKey({ hlc: undefined as unknown as string, id: 'x' }), '|x', 'a missing stamp sorts first, as in compareEvents');
    const [d1, d10] = [events[0]!, events[1]!];
    assert.ok(compareEvents(d1, d10) < 0 && eventKey(d1) > eventKey(d10), 'why keys are not compared as strings');
  });

  it('mergeLogs keeps one copy of each id in the shared order, whatever order the logs come in', () => {
    const fx = createFixture();
    const [a, b, c, d] = [fx.event('enquiry.create', details(), { device: 'laptop' }), fx.event('theme.choose', { themeId: 't' }, { device: 'tablet' }), fx.event('question.draft', question(), { device: 'laptop' }), fx.event('question.submit', {}, { device: 'phone' })] as [DomainEvent, DomainEvent, DomainEvent, DomainEvent];
    const laptop = [a, c];
    const tablet = [b, a];
    const phone = [d, c, b];
    const expected = [a, b, c, d].map((e) => e.id);
    assert.deepEqual(mergeLogs(laptop, tablet, phone).map((e) => e.id), expected);
    assert.deepEqual(mergeLogs(phone, laptop, tablet).map((e) => e.id), expected);
    assert.deepEqual(mergeLogs([d, c, b, a, a, d]).map((e) => e.id), expected);
    assert.deepEqual(mergeLogs(), []);
  });
});
