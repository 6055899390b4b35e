/**
 * Erasure's tombstones stay valid events: every built-in event type, with its words erased, still
 * passes its schema, and a whole log erased replays to the same stage with the same refusals.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLifecycle } from '../../../src/index.js';
import { ERASED, eraseEventWords, erasePerson, FORMER_COLLEAGUE, subjectAccessPack } from '../../../src/export/subjectRights.js';
import type { Meeting, Person } from '../../../src/schema/directory.js';
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

describe('meeting notes’ versions in subject access and erasure', () => {
  const meeting: Meeting = {
    schemaVersion: 1, id: 'mtg-1', communityId: 'com-1', date: '2025-10-01', protocol: 'open', agenda: [], decisions: [], attendance: [], enquiryIds: [],
    notes: 'Ben now.', notesBy: 'p-ben', notesAt: '2025-10-02T09:00:00.000Z',
    pastNotes: [
      { notes: 'Ana first.', by: 'p-ana', at: '2025-10-01T16:00:00.000Z', until: '2025-10-01T17:00:00.000Z' },
      { notes: 'Old, writer unknown.', until: '2025-10-01T18:00:00.000Z' },
      { notes: 'Ana again.', by: 'p-ana', at: '2025-10-01T18:00:00.000Z', until: '2025-10-02T09:00:00.000Z' },
    ],
  };
  const ana: Person = { schemaVersion: 1, id: 'p-ana', name: 'Ana Adeyemi', schoolId: 'sch-1', roles: ['teacher'] } as Person;

  it('a subject-access pack lists every version of meeting notes the person wrote, and only theirs', () => {
    const pack = subjectAccessPack({ events: [], people: [ana], appraisals: [], meetings: [meeting] }, 'p-ana', new Date('2026-01-01T00:00:00Z'));
    assert.deepEqual(pack.meetingNotesWritten.map((v) => [v.meetingId, v.at, v.notes, v.current]), [
      ['mtg-1', '2025-10-01T16:00:00.000Z', 'Ana first.', false],
      ['mtg-1', '2025-10-01T18:00:00.000Z', 'Ana again.', false],
    ]);
    const ben = subjectAccessPack({ events: [], people: [], appraisals: [], meetings: [meeting] }, 'p-ben');
    assert.deepEqual(ben.meetingNotesWritten.map((v) => [v.notes, v.current]), [['Ben now.', true]]);
  });

  it('erasure takes the name the versions show: they name their writer by id, whose record loses the name', () => {
    const { person } = erasePerson({ events: [], people: [ana], appraisals: [], meetings: [meeting] }, 'p-ana');
    assert.equal(person?.name, FORMER_COLLEAGUE);
    assert.ok(!JSON.stringify(meeting).includes('Ana Adeyemi'), 'no version carries a name of its own');
  });
});
