import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createFixture, inputFor } from '../../support/lifecycleFixtures.js';
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
  it('still refuses an event type the lifecycle does not know', () => {
    const log = createFixture().walkToStage('question.drafting');
    const odd = { ...log[log.length - 1]!, id: 'odd-1', hlc: '999999999999999-00000-zz', type: 'made.up' };
    const state = defaultLifecycle.replay([...log, odd], inputFor(), { validated: true });
    assert.equal(state.refusals.at(-1)?.code, 'unknown-event');
  });
});
