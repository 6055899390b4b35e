/**
 * Replay as the reducer of a log that syncs: merge order, incremental replay from a cached
 * state, live steps with host actions and observers.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createLifecycle,
  formatHlc,
  mergeLogs,
  type DomainEvent,
  type EnquiryState,
  type Lifecycle,
  type LifecycleTransition,
} from '../../../src/index.js';
import { createFixture, evidence, inputFor, observation, outcome, PEOPLE, question, reflection, viaJson } from '../../support/lifecycle-fixtures.js';

const lifecycle = createLifecycle();

/** What a state says, without the machine snapshot. */
const view = (state: EnquiryState) => ({
  data: state.data,
  stage: state.stage,
  step: state.step,
  refusals: state.refusals,
  eventCount: state.eventCount,
  lastKey: state.lastKey,
});
/** The same as JSON, for states that went through a cache (JSON drops undefined fields). */
const jsonView = (state: EnquiryState) => viaJson(view(state));

/** Three devices working on one enquiry, partly offline. */
function concurrentLogs() {
  const fx = createFixture();
  const shared = fx.walkToStage('observation');
  for (const event of shared) for (const device of ['laptop', 'tablet', 'phone']) fx.clock(device).receive(event.hlc);
  // Offline on the tablet: Ben records an observation; on the phone Cy records another; on the
  // laptop Ana starts gathering evidence after her own observation.
  const tablet = [fx.event('observation.record', observation(2, { observerId: PEOPLE.ben }), { device: 'tablet', author: PEOPLE.ben })];
  const phone = [fx.event('observation.record', observation(3, { observerId: PEOPLE.cy }), { device: 'phone', author: PEOPLE.cy }), fx.event('enquiry.rename', { title: 'Feedback loops' }, { device: 'phone', author: PEOPLE.cy })];
  const laptop = [fx.event('observation.record', observation(1), { device: 'laptop' }), fx.event('evidence.start', {}, { device: 'laptop' }), fx.event('evidence.add', evidence.studentVoice(), { device: 'laptop' })];
  return { fx, shared, laptop: [...shared, ...laptop], tablet: [...shared, ...tablet], phone: [...shared, ...phone] };
}

describe('merging logs from several devices', () => {
  it('the same set of events gives the same state, whatever order it arrives in, with duplicates', () => {
    const { laptop, tablet, phone } = concurrentLogs();
    const reference = lifecycle.replay(mergeLogs(laptop, tablet, phone), inputFor());
    assert.equal(reference.data.observations.length, 3);
    assert.deepEqual(reference.refusals, []);
    const orders = [
      [...phone, ...tablet, ...laptop],
      [...laptop].reverse().concat(tablet, phone),
      [...tablet, ...laptop, ...phone, ...laptop],
      mergeLogs(phone, laptop, tablet).reverse(),
    ];
    for (const events of orders) assert.deepEqual(view(lifecycle.replay(events, inputFor())), view(reference));
    assert.equal(reference.eventCount, new Set([...laptop, ...tablet, ...phone].map((e) => e.id)).size);
  });

  it('an event the merged order makes invalid is kept and refused with its reason, on every device', () => {
    const fx = createFixture();
    const shared = fx.walkToStage('observation');
    for (const event of shared) fx.clock('tablet').receive(event.hlc);
    const laptop = [...shared, fx.event('enquiry.pause', { reason: 'Mocks' }, { device: 'd1' })];
    const tablet = [...shared, fx.event('observation.record', observation(1), { device: 'tablet', author: PEOPLE.ben })];
    const a = lifecycle.replay([...laptop, ...tablet], inputFor());
    const b = lifecycle.replay([...tablet, ...laptop], inputFor());
    assert.deepEqual(view(a), view(b));
    assert.equal(a.step, 'paused');
    assert.deepEqual(a.refusals.map((r) => [r.type, r.code]), [['observation.record', 'paused']]);
    assert.equal(a.eventCount, shared.length + 2);
  });
});

describe('incremental replay', () => {
  it('resume(state, newer events) equals a full replay, at every split of the log', () => {
    const fx = createFixture();
    const log = [...fx.walkToStage('shared'), fx.event('evidence.start'), fx.event('outcome.save', outcome({ summary: 'v2' }))];
    const full = lifecycle.replay(log, inputFor());
    for (let split = 0; split <= log.length; split++) {
      const head = lifecycle.replay(log.slice(0, split), inputFor());
      const resumed = lifecycle.resume(head, log.slice(split));
      assert.ok(resumed, `split at ${split}`);
      assert.deepEqual(view(resumed), view(full), `split at ${split}`);
    }
  });

  it('returns undefined when a new event sorts before the last one replayed (arrived late)', () => {
    const fx = createFixture();
    const log = fx.walkToStage('observation');
    const late = fx.event('observation.record', observation(1), { device: 'tablet', author: PEOPLE.ben });
    const newer = fx.event('observation.record', observation(2));
    const state = lifecycle.replay([...log, newer], inputFor());
    assert.ok(late.hlc < newer.hlc, 'written earlier, arriving later');
    assert.equal(lifecycle.resume(state, [late]), undefined);
    assert.equal(lifecycle.resume(state, [newer]), undefined, 'the last event again');
    assert.equal(lifecycle.resume(state, [fx.event('evidence.start'), late]), undefined, 'any event of the batch sorting early');
    assert.deepEqual(lifecycle.replay([...log, newer, late], inputFor()).data.observations.map((o) => o.id), ['obs-1', 'obs-2']);
  });

  it('never accepts an event that the full order puts earlier: node ids that prefix each other', () => {
    const fx = createFixture();
    const log = fx.walkToStage('observation');
    const ms = Date.parse(log[log.length - 1]!.at) + 60_000;
    const fromD10 = { ...fx.event('observation.record', observation(1), { device: 'd10' }), hlc: formatHlc({ ms, counter: 0, node: 'd10' }) };
    const fromD1 = { ...fx.event('evidence.start'), hlc: formatHlc({ ms, counter: 0, node: 'd1' }) };
    const full = lifecycle.replay([...log, fromD10, fromD1], inputFor());
    assert.equal(full.step, 'observation', 'd1 sorts first: evidence.start comes before the observation');
    const head = lifecycle.replay([...log, fromD10], inputFor());
    const resumed = lifecycle.resume(head, [fromD1]);
    assert.ok(resumed === undefined || view(resumed).step === full.step, 'resume must not apply an earlier event after a later one');
    assert.equal(resumed, undefined);
  });

  it('resume with an empty batch changes nothing; a new policy can be given', () => {
    const fx = createFixture();
    const state = lifecycle.replay(fx.walkToStage('observation'), inputFor());
    assert.deepEqual(view(lifecycle.resume(state, [])!), view(state));
    const stricter = lifecycle.resume(state, [fx.event('observation.record', observation(1)), fx.event('evidence.start')], inputFor({ policy: { minObservations: 2 } }))!;
    assert.deepEqual(stricter.refusals.map((r) => r.code), ['too-few-observations']);
    assert.equal(stricter.data.policy.minObservations, 2);
  });
});

describe('caching', () => {
  for (const target of ['new', 'question.review', 'observation', 'paused', 'sharing', 'withdrawn', 'archived'] as const) {
    it(`toCache -> JSON -> restore -> continue equals a full replay (${target})`, () => {
      const fx = createFixture();
      const head = fx.walkToStage(target);
      const state = lifecycle.replay(head, inputFor());
      const restored = lifecycle.restore(viaJson(lifecycle.toCache(state)), inputFor());
      assert.deepEqual(jsonView(restored), jsonView(state));
      const next = [fx.event('enquiry.resume'), fx.event('question.approve', {}, { author: PEOPLE.lead }), fx.event('observation.record', observation(5)), fx.event('evidence.start'), fx.event('enquiry.rename', { title: 'Renamed' })];
      const continued = lifecycle.resume(restored, next)!;
      assert.deepEqual(jsonView(continued), jsonView(lifecycle.replay([...head, ...next], inputFor())));
      let live = restored;
      for (const event of next) live = lifecycle.step(live, event).state;
      assert.deepEqual(jsonView(live), jsonView(continued), 'live steps from a restored state agree');
    });
  }

  it('the cache is plain JSON', () => {
    const fx = createFixture();
    const cache = lifecycle.toCache(lifecycle.replay(fx.walkToStage('shared'), inputFor()));
    assert.deepEqual(viaJson(cache), JSON.parse(JSON.stringify(viaJson(cache))));
    assert.deepEqual(Object.keys(cache).sort(), ['context', 'eventCount', 'lastKey', 'refusals', 'value']);
  });

  it('restore() takes a new policy and reviewers', () => {
    const fx = createFixture();
    const cache = viaJson(lifecycle.toCache(lifecycle.replay(fx.walkToStage('question.review'), inputFor())));
    const restored = lifecycle.restore(cache, inputFor({ reviewerIds: [PEOPLE.cpd] }));
    assert.deepEqual(restored.data.reviewerIds, [PEOPLE.cpd]);
    assert.equal(lifecycle.step(restored, fx.event('question.approve', {}, { author: PEOPLE.lead })).refusal?.code, 'not-reviewer');
  });
});

describe('live steps, host actions and observers', () => {
  function withHooks() {
    const calls: string[] = [];
    const hooked: Lifecycle = createLifecycle({
      actions: {
        stageEntered: ({ context }) => void calls.push(`stageEntered:${context.stage}`),
        questionSubmitted: ({ event }) => void calls.push(`questionSubmitted:${event.event.authorId}`),
        questionApproved: ({ context }) => void calls.push(`questionApproved:${context.review.byId}`),
        questionReturned: ({ context }) => void calls.push(`questionReturned:${context.review.comment}`),
        outcomePublished: ({ context }) => void calls.push(`outcomePublished:${context.publishedAt}`),
      },
    });
    return { calls, hooked };
  }

  it('step() runs the host actions; replay(), resume() and check() never do', () => {
    const { calls, hooked } = withHooks();
    const fx = createFixture();
    const log = fx.walkToStage('shared');
    const replayed = hooked.replay(log, inputFor());
    hooked.resume(hooked.initial(inputFor()), log);
    hooked.check(replayed, fx.event('enquiry.archive'));
    assert.deepEqual(calls, []);
    let state = hooked.initial(inputFor());
    for (const event of log) state = hooked.step(state, event).state;
    assert.deepEqual(calls, [
      'stageEntered:theme',
      'stageEntered:question',
      `questionSubmitted:${PEOPLE.ana}`,
      `questionApproved:${PEOPLE.lead}`,
      'stageEntered:observation',
      'stageEntered:evidence',
      'stageEntered:sharing',
      `outcomePublished:${log[log.length - 1]!.at}`,
      'stageEntered:shared',
    ]);
    assert.deepEqual(view(state), view(replayed));
  });

  it('questionReturned runs when the lead returns the question; refused events run nothing', () => {
    const { calls, hooked } = withHooks();
    const fx = createFixture();
    let state = hooked.replay(fx.walkToStage('question.review'), inputFor());
    state = hooked.step(state, fx.event('question.approve', {}, { author: PEOPLE.ben })).state;
    assert.deepEqual(calls, []);
    hooked.step(state, fx.event('question.return', { comment: 'Sharper, please' }, { author: PEOPLE.lead }));
    assert.deepEqual(calls, ['questionReturned:Sharper, please']);
  });

  it('observe() hears every live transition, accepted or refused, until unsubscribed', () => {
    const fx = createFixture();
    const heard: LifecycleTransition[] = [];
    const observed = createLifecycle();
    const stop = observed.observe((transition) => heard.push(transition));
    observed.replay(fx.walkToStage('evidence'), inputFor());
    assert.equal(heard.length, 0, 'replay is not live');
    let state = observed.replay(fx.walkToStage('observation'), inputFor());
    const events: DomainEvent[] = [fx.event('evidence.start'), fx.event('observation.record', observation(1)), fx.event('evidence.start'), fx.event('enquiry.pause')];
    for (const event of events) state = observed.step(state, event).state;
    assert.deepEqual(
      heard.map((t) => [t.event.type, t.accepted, t.refusal?.code, `${t.from.stage}/${t.from.status}`, `${t.to.stage}/${t.to.status}`]),
      [
        ['evidence.start', false, 'too-few-observations', 'observation/active', 'observation/active'],
        ['observation.record', true, undefined, 'observation/active', 'observation/active'],
        ['evidence.start', true, undefined, 'observation/active', 'evidence/active'],
        ['enquiry.pause', true, undefined, 'evidence/active', 'evidence/paused'],
      ],
    );
    assert.equal(heard[3]!.state, state);
    stop();
    observed.step(state, fx.event('enquiry.resume'));
    assert.equal(heard.length, 4);
  });

  it('every observer hears every transition, and a lifecycle only tells its own observers', () => {
    const fx = createFixture();
    const one: string[] = [];
    const two: string[] = [];
    const other: string[] = [];
    const observed = createLifecycle();
    observed.observe((t) => one.push(t.event.id));
    observed.observe((t) => two.push(t.event.id));
    createLifecycle().observe((t) => other.push(t.event.id));
    let state = observed.initial(inputFor());
    for (const event of fx.walkToStage('sharing')) state = observed.step(state, event).state;
    assert.equal(one.length, state.eventCount);
    assert.deepEqual(two, one);
    assert.deepEqual(other, []);
  });

  it('step() counts events and keeps the last key like replay', () => {
    const fx = createFixture();
    const log = [...fx.walkToStage('evidence'), fx.event('evidence.add', evidence.note()), fx.event('reflection.save', reflection()), fx.event('question.draft', question())];
    let state = lifecycle.initial(inputFor());
    for (const event of log) state = lifecycle.step(state, event).state;
    assert.deepEqual(view(state), view(lifecycle.replay(log, inputFor())));
  });
});
