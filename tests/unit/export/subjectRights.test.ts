/**
 * Erasure's tombstones stay valid events: every built-in event type, with its words erased, still
 * passes its schema, and a whole log erased replays to the same stage with the same refusals.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLifecycle } from '../../../src/index.js';
import { ERASED, eraseEventWords, erasePerson } from '../../../src/export/subjectRights.js';
import { createFixture, evidence, inputFor, PEOPLE, WALK_TARGETS } from '../../support/lifecycle-fixtures.js';

const lifecycle = createLifecycle();

describe('erasure by tombstones that replay', () => {
  for (const target of WALK_TARGETS) {
    it(`a log walked to ${target}, every word of its author erased, replays to the same state`, () => {
      const log = createFixture().walkToStage(target);
      const erased = log.map((event) => (event.authorId === PEOPLE.ana ? eraseEventWords(event) : event));
      for (const event of erased) assert.doesNotThrow(() => lifecycle.validate(event), event.type);
      const before = lifecycle.replay(log, inputFor());
      const after = lifecycle.replay(erased, inputFor());
      assert.deepEqual([after.stage, after.step, after.refusals], [before.stage, before.step, before.refusals]);
    });
  }

  it('every evidence kind keeps a valid payload', () => {
    const f = createFixture();
    for (const item of Object.values(evidence)) {
      const event = eraseEventWords(f.event('evidence.add', item()));
      assert.doesNotThrow(() => lifecycle.validate(event), String(item().kind));
      assert.equal(event.payload['title'], ERASED);
    }
  });

  it('only the person\'s words and the notes about their lessons change', () => {
    const f = createFixture();
    const log = f.walkToStage('evidence');
    const { events } = erasePerson({ events: log, people: [], appraisals: [] }, PEOPLE.lead);
    assert.deepEqual(events.map((e) => e.type), ['question.approve'], "the lead wrote only the approval's comment");
    assert.equal(events[0]!.payload['comment'], ERASED);
  });
});
