/**
 * Property tests of replay over random logs: valid and invalid events from three authors on
 * three devices whose clocks drift and sync. Each property runs 1,000 logs.
 *
 * The seed is fixed so every run checks the same logs; set PLC_FC_SEED to explore others (a
 * failure prints the seed and the shrunk log to reproduce it).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  compareEvents,
  createHybridClock,
  createLifecycle,
  formatHlc,
  mergeLogs,
  migrateEvent,
  type DomainEvent,
  type EnquiryState,
  type HybridClock,
  type LifecycleInput,
} from '../../../src/index.js';
import { details, evidence, observation, outcome, PEOPLE, question, reflection } from '../../support/lifecycle-fixtures.js';
import { AUTHORS, BUILT_IN_TEMPLATES, policyArb } from '../../support/lifecycle-steps.js';

const NUM_RUNS = 1_000;
const SEED = process.env['PLC_FC_SEED'] ? Number(process.env['PLC_FC_SEED']) : 20_250_904;
const settings = { numRuns: NUM_RUNS, seed: SEED };

const lifecycle = createLifecycle();

// ---------------------------------------------------------------------------------------------
// Random logs, described as data first so fast-check can shrink them, then written as events.

const DEVICES = ['d1', 'd10', 'tab'] as const; // `d1` prefixes `d10`: the order must not care

type Corruption = 'none' | 'payload' | 'envelope' | 'unknown-type' | 'newer-version' | 'v1' | 'wrong-enquiry' | 'bad-hlc';

interface Action {
  /** Writes the next event of the happy path instead of a random one, so logs get far. */
  next: boolean;
  template: number;
  /** Which id from a small pool: reused ids make duplicates the guards must refuse. */
  ref: number;
  device: number;
  author: number;
  /** Milliseconds the shared wall clock moves before the event (0: same millisecond). */
  advance: number;
  /** Whether the device syncs (receives the latest stamp) before writing. */
  sync: boolean;
  corruption: Corruption;
}

const TEMPLATES = BUILT_IN_TEMPLATES;

/** The happy path from theme to archived, with who writes each step. */
const HAPPY_PATH: Array<[string, object, string]> = [
  ['theme.choose', { themeId: 'theme-afl' }, PEOPLE.ana],
  ['question.draft', question(), PEOPLE.ana],
  ['question.submit', {}, PEOPLE.ana],
  ['question.approve', {}, PEOPLE.lead],
  ['observation.record', observation(9), PEOPLE.ben],
  ['evidence.start', {}, PEOPLE.ana],
  ['evidence.add', evidence.studentVoice('ev-9'), PEOPLE.ana],
  ['reflection.save', reflection(), PEOPLE.ana],
  ['sharing.start', {}, PEOPLE.ana],
  ['outcome.save', outcome(), PEOPLE.ana],
  ['outcome.publish', {}, PEOPLE.ana],
  ['enquiry.archive', {}, PEOPLE.ana],
];

const actionArb: fc.Arbitrary<Action> = fc.record({
  next: fc.oneof({ weight: 2, arbitrary: fc.constant(true) }, { weight: 3, arbitrary: fc.constant(false) }),
  template: fc.integer({ min: 0, max: TEMPLATES.length - 1 }),
  ref: fc.integer({ min: 1, max: 4 }),
  device: fc.integer({ min: 0, max: DEVICES.length - 1 }),
  author: fc.integer({ min: 0, max: AUTHORS.length - 1 }),
  advance: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1_000, max: 600_000 })),
  sync: fc.boolean(),
  corruption: fc.oneof(
    { weight: 20, arbitrary: fc.constant<Corruption>('none') },
    { weight: 1, arbitrary: fc.constantFrom<Corruption>('payload', 'envelope', 'unknown-type', 'newer-version', 'v1', 'wrong-enquiry', 'bad-hlc') },
  ),
});


const inputArb: fc.Arbitrary<LifecycleInput> = fc.record({
  policy: policyArb,
  reviewerIds: fc.subarray([PEOPLE.lead, PEOPLE.ana, PEOPLE.cpd]),
});

const skewArb = fc.oneof(fc.constant(0), fc.integer({ min: -120_000, max: 120_000 }));

/** A log: usually started by enquiry.create, then up to 60 random events. */
const logArb = fc.record({
  created: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  // Device clocks run up to two minutes apart, or together (then stamps collide across devices).
  skews: fc.tuple(skewArb, skewArb, skewArb),
  actions: fc.array(actionArb, { minLength: 0, maxLength: 60, size: 'max' }),
});

type LogSpec = { created: boolean; skews: [number, number, number]; actions: Action[] };

/** Writes the events a log spec describes; pure: the same spec gives the same events. */
function writeLog(spec: LogSpec): DomainEvent[] {
  let wall = Date.parse('2025-09-04T08:00:00.000Z');
  let seq = 0;
  let latest: string | undefined;
  const clocks: HybridClock[] = DEVICES.map((node, i) => createHybridClock(node, () => wall + spec.skews[i]!));
  const events: DomainEvent[] = [];
  const write = (type: string, payload: object, action: Pick<Action, 'device' | 'author' | 'sync' | 'advance'>): DomainEvent => {
    wall += action.advance;
    const clock = clocks[action.device]!;
    if (action.sync && latest) clock.receive(latest);
    const hlc = clock.now();
    if (!latest || hlc > latest) latest = hlc;
    return {
      schemaVersion: 2,
      id: `e-${String(++seq).padStart(4, '0')}`,
      enquiryId: 'enq-1',
      type,
      at: new Date(wall + spec.skews[action.device]!).toISOString(),
      hlc,
      authorId: AUTHORS[action.author]!,
      payload: payload as Record<string, unknown>,
    };
  };
  if (spec.created) events.push(write('enquiry.create', details(), { device: 0, author: 0, sync: false, advance: 0 }));
  let progress = 0;
  for (const action of spec.actions) {
    const happy = action.next ? HAPPY_PATH[progress++ % HAPPY_PATH.length] : undefined;
    const [type, payload] = happy ?? TEMPLATES[action.template]!(action.ref);
    const event = write(type, payload, happy ? { ...action, sync: true, author: AUTHORS.indexOf(happy[2] as never) } : action);
    events.push(corrupt(event, action.corruption));
  }
  return events;
}

function corrupt(event: DomainEvent, corruption: Corruption): DomainEvent {
  switch (corruption) {
    case 'none':
      return event;
    case 'payload':
      return { ...event, payload: { ...event.payload, id: 'not an id', title: 7, themeId: '' } };
    case 'envelope':
      return { ...event, authorId: '' };
    case 'unknown-type':
      return { ...event, type: 'coaching.session' };
    case 'newer-version':
      return { ...event, schemaVersion: 9 };
    case 'v1': {
      const { hlc: _dropped, ...v1 } = event;
      return { ...v1, schemaVersion: 1 } as DomainEvent;
    }
    case 'wrong-enquiry':
      return { ...event, enquiryId: 'enq-2' };
    case 'bad-hlc':
      return { ...event, hlc: 'yesterday' };
  }
}

/** The order replay uses: events upgraded (v1 stamps come from `at`), one per id, sorted. */
function replayOrder(events: readonly DomainEvent[]): DomainEvent[] {
  const upgraded = events.map((event) => {
    try {
      return migrateEvent(event) as DomainEvent;
    } catch {
      return event;
    }
  });
  return mergeLogs(upgraded);
}

/** A deterministic shuffle from a seed (mulberry32), so a failing case can be replayed. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const view = (state: EnquiryState) => ({
  data: state.data,
  stage: state.stage,
  step: state.step,
  refusals: state.refusals,
  eventCount: state.eventCount,
  lastKey: state.lastKey,
});

// ---------------------------------------------------------------------------------------------

describe(`replay properties (${NUM_RUNS} random logs each, seed ${SEED})`, () => {
  it('replay never throws, and no event is lost: every unique id is counted, accepted or refused', () => {
    const steps = new Set<string>();
    const codes = new Set<string>();
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(logArb, inputArb, (spec, input) => {
        const events = writeLog(spec);
        const state = lifecycle.replay(events, input);
        steps.add(state.step);
        for (const refusal of state.refusals) codes.add(refusal.code);
        const ids = new Set(events.map((e) => e.id));
        assert.equal(state.eventCount, ids.size);
        const refusedIds = state.refusals.map((r) => r.eventId);
        assert.equal(new Set(refusedIds).size, refusedIds.length, 'no event is refused twice');
        for (const id of refusedIds) assert.ok(ids.has(id));
        // Live steps in the same order agree with replay and account for every event.
        let live = lifecycle.initial(input);
        let acceptedHere = 0;
        for (const event of replayOrder(events)) {
          const step = lifecycle.step(live, event);
          if (step.accepted) acceptedHere += 1;
          live = step.state;
        }
        assert.equal(acceptedHere + state.refusals.length, state.eventCount);
        assert.deepEqual(view(live), view(state));
        accepted += acceptedHere;
        refused += state.refusals.length;
      }),
      settings,
    );
    // The generator is worth something only if the logs get everywhere, valid and not.
    for (const step of ['new', 'theme', 'question.drafting', 'question.review', 'observation', 'evidence', 'sharing', 'shared', 'paused', 'withdrawn', 'archived']) {
      assert.ok(steps.has(step), `no random log ended in ${step}: ${[...steps].join(', ')}`);
    }
    for (const code of ['invalid-event', 'invalid-payload', 'unknown-event', 'wrong-enquiry', 'not-created', 'already-created', 'not-in-stage', 'duplicate-id', 'paused', 'closed', 'not-reviewer']) {
      assert.ok(codes.has(code), `no random log was refused with ${code}`);
    }
    assert.ok(accepted > NUM_RUNS * 5 && refused > NUM_RUNS * 5, `accepted ${accepted}, refused ${refused}`);
  });

  it('replay is deterministic: the same log gives a deep-equal state, in any lifecycle instance', () => {
    fc.assert(
      fc.property(logArb, inputArb, (spec, input) => {
        const events = writeLog(spec);
        const first = lifecycle.replay(events, input);
        assert.deepEqual(view(createLifecycle().replay(writeLog(spec), input)), view(first));
      }),
      settings,
    );
  });

  it('incremental equals full: resume from a prefix\'s state with the rest, at any split', () => {
    fc.assert(
      fc.property(logArb, inputArb, fc.double({ min: 0, max: 1, noNaN: true }), (spec, input, at) => {
        const ordered = replayOrder(writeLog(spec));
        const full = view(lifecycle.replay(ordered, input));
        const split = Math.floor(at * ordered.length);
        const resumed = lifecycle.resume(lifecycle.replay(ordered.slice(0, split), input), ordered.slice(split));
        assert.ok(resumed, `resume refused the rest at ${split} of ${ordered.length}`);
        assert.deepEqual(view(resumed), full);
        // One event at a time, as a device appends them: every split is a valid resume point.
        let state = lifecycle.initial(input);
        for (const [i, event] of ordered.entries()) {
          const next = lifecycle.resume(state, [event]);
          assert.ok(next, `resume refused event ${i} (${event.hlc} ${event.id}) after ${state.lastKey}`);
          state = next;
        }
        assert.deepEqual(view(state), full);
      }),
      settings,
    );
  });

  it('merge order does not matter: shuffled, duplicated and split across devices, the same state', () => {
    fc.assert(
      fc.property(logArb, inputArb, fc.integer(), fc.array(fc.nat(), { maxLength: 10 }), (spec, input, seed, duplicates) => {
        const events = writeLog(spec);
        const reference = view(lifecycle.replay(events, input));
        const shuffled = shuffle(events, seed);
        const withCopies = [...shuffled, ...duplicates.filter((i) => i < events.length).map((i) => ({ ...events[i]! }))];
        assert.deepEqual(view(lifecycle.replay(shuffle(withCopies, seed + 1), input)), reference);
        // Each device holds an overlapping part of the log; they merge in any order.
        const devices: DomainEvent[][] = [[], [], []];
        shuffled.forEach((event, i) => {
          devices[i % 3]!.push(event);
          if ((seed + i) % 4 === 0) devices[(i + 1) % 3]!.push(event);
        });
        assert.deepEqual(view(lifecycle.replay(mergeLogs(...shuffle(devices, seed)), input)), reference);
      }),
      settings,
    );
  });

  it('the replay order sorts v1 events by their time, and everything by stamp then id', () => {
    fc.assert(
      fc.property(logArb, (spec) => {
        const ordered = replayOrder(writeLog(spec));
        for (let i = 1; i < ordered.length; i++) assert.ok(compareEvents(ordered[i - 1]!, ordered[i]!) < 0);
      }),
      { ...settings, numRuns: 200 },
    );
    assert.equal(formatHlc({ ms: 0, counter: 0, node: 'v1' }) < formatHlc({ ms: 1, counter: 0, node: 'a' }), true);
  });
});
