import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createFixture, inputFor } from '../../support/lifecycle-fixtures.js';
import { defaultLifecycle } from '../../../src/lifecycle/lifecycle.js';

describe('replay of events a store already validated', () => {
  it('gives the same state as a validating replay', () => {
    const log = createFixture().walkToStage('shared');
    const input = inputFor();
    const full = defaultLifecycle.replay(log, input);
    const trusted = defaultLifecycle.replay(log, input, { validated: true });
    assert.deepEqual(trusted.data, full.data);
    assert.equal(trusted.stage, 'shared');
    assert.deepEqual(trusted.refusals, full.refusals);
  });
  it('resume() takes the same option and gives the same state as a validating resume', () => {
    const log = createFixture().walkToStage('shared');
    const input = inputFor();
    const start = defaultLifecycle.replay(log.slice(0, 4), input);
    const checked = log.slice(4).map((event) => defaultLifecycle.validate(event));
    const full = defaultLifecycle.resume(start, checked);
    const trusted = defaultLifecycle.resume(start, checked, undefined, { validated: true });
    assert.ok(full && trusted);
    assert.deepEqual(defaultLifecycle.toCache(trusted), defaultLifecycle.toCache(full));
    assert.equal(trusted.stage, 'shared');
    const odd = { ...log[log.length - 1]!, id: 'odd-2', hlc: '999999999999999-00000-zz', type: 'made.up' };
    assert.equal(defaultLifecycle.resume(trusted, [odd], undefined, { validated: true })?.refusals.at(-1)?.code, 'unknown-event');
  });
  it('resume() with the option checks only the type: the caller vouches for the payload', () => {
    const fx = createFixture();
    const start = defaultLifecycle.replay(fx.walkToStage('question.drafting'), inputFor());
    const rename = { ...fx.event('enquiry.rename', { title: 'Shorter feedback' }), payload: { title: 42 } };
    assert.equal(defaultLifecycle.resume(start, [rename])?.refusals.at(-1)?.code, 'invalid-payload');
    assert.deepEqual(defaultLifecycle.resume(start, [rename], undefined, { validated: true })?.refusals, start.refusals);
  });
  it('still refuses an event type the lifecycle does not know', () => {
    const log = createFixture().walkToStage('question.drafting');
    const odd = { ...log[log.length - 1]!, id: 'odd-1', hlc: '999999999999999-00000-zz', type: 'made.up' };
    const state = defaultLifecycle.replay([...log, odd], inputFor(), { validated: true });
    assert.equal(state.refusals.at(-1)?.code, 'unknown-event');
  });
});
