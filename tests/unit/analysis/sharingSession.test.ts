/**
 * Sharing sessions, the pure parts: which published outcomes can be shared, the running order
 * and its times per room, the printed programme, who came, and a plan's problems by field.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  moveSlot,
  programmeOf,
  schedule,
  sessionAttendance,
  sharingCandidates,
  sharingSessionProblems,
  slotFor,
} from '../../../src/analysis/index.js';
import { SharingSession } from '../../../src/schema/index.js';

const year2 = { id: 'cy-2025', name: '2025-26', startsOn: '2025-09-02', endsOn: '2026-07-18' };
const year3 = { id: 'cy-2026', name: '2026-27', startsOn: '2026-09-01', endsOn: '2027-07-17' };
const summaries = [
  { enquiryId: 'e-late', title: 'Oracy', cycleId: 'cy-2025', themeId: 'th-o', ownerIds: ['p-bo'], publishedAt: '2026-06-10T10:00:00.000Z' },
  { enquiryId: 'e-early', title: 'Flipped', cycleId: 'cy-2025', themeId: 'th-f', ownerIds: ['p-ann', 'p-cy'], publishedAt: '2026-05-01T10:00:00.000Z' },
  { enquiryId: 'e-draft', title: 'Unpublished', cycleId: 'cy-2025', themeId: 'th-f', ownerIds: ['p-ann'], publishedAt: undefined },
  { enquiryId: 'e-other', title: 'Other year', cycleId: 'cy-2026', themeId: 'th-f', ownerIds: ['p-ann'], publishedAt: '2026-10-01T10:00:00.000Z' },
];
const people = [
  { id: 'p-ann', name: 'Ann Lee', joinedOn: '2019-09-01' },
  { id: 'p-bo', name: 'Bo Diaz' },
  { id: 'p-cy', name: 'Cy Park', leftOn: '2026-08-31' },
  { id: 'p-new', name: 'Dee New', joinedOn: '2026-12-01' },
];
const session = (over: Partial<SharingSession> = {}): SharingSession => ({
  schemaVersion: 1,
  id: 'ss-1',
  title: 'What our PLCs learned',
  cycleId: 'cy-2026',
  sourceCycleId: 'cy-2025',
  date: '2026-10-14',
  startsAt: '15:30',
  room: 'Hall',
  slots: [
    { id: 's1', enquiryId: 'e-early', title: 'Flipped', presenterIds: ['p-ann'], minutes: 15 },
    { id: 's2', enquiryId: 'e-late', title: 'Oracy', presenterIds: ['p-bo'], minutes: 10, room: 'Library' },
    { id: 's3', enquiryId: 'e-late', title: 'Oracy, part 2', presenterIds: ['p-bo'], minutes: 20 },
  ],
  attendance: [],
  ...over,
});

describe('sharing sessions', () => {
  it('offers only the outcomes published in the source cycle, in the order they were published', () => {
    assert.deepEqual(sharingCandidates(summaries, 'cy-2025').map((c) => c.enquiryId), ['e-early', 'e-late']);
    assert.deepEqual(sharingCandidates(summaries, 'cy-2024'), []);
  });

  it('a new slot presents the outcome with its owners as presenters', () => {
    const slot = slotFor(sharingCandidates(summaries, 'cy-2025')[0]!, 'slot-a');
    assert.deepEqual(slot, { id: 'slot-a', enquiryId: 'e-early', title: 'Flipped', presenterIds: ['p-ann', 'p-cy'], minutes: 10 });
  });

  it('moves a slot up and down the running order, clamped at the ends, without changing the original', () => {
    const order = ['a', 'b', 'c'];
    assert.deepEqual(moveSlot(order, 2, -1), ['a', 'c', 'b']);
    assert.deepEqual(moveSlot(order, 0, 1), ['b', 'a', 'c']);
    assert.deepEqual(moveSlot(order, 0, -1), ['a', 'b', 'c']);
    assert.deepEqual(moveSlot(order, 2, 5), ['a', 'b', 'c']);
    assert.deepEqual(moveSlot(order, 7, 1), ['a', 'b', 'c']);
    assert.deepEqual(order, ['a', 'b', 'c']);
  });

  it('times each room from the start: slots in another room run side by side', () => {
    const times = schedule(session()).map((s) => `${s.order} ${s.room} ${s.start}-${s.end}`);
    assert.deepEqual(times, ['1 Hall 15:30-15:45', '2 Library 15:30-15:40', '3 Hall 15:45-16:05']);
  });

  it('prints the programme by room with the presenters\u2019 names and the time it ends', () => {
    const names = new Map(people.map((p) => [p.id, p.name]));
    const programme = programmeOf(session(), (id) => names.get(id));
    assert.equal(programme.endsAt, '16:05');
    assert.deepEqual(programme.rooms.map((r) => [r.room, r.slots.map((s) => s.presenters.join(' & '))]), [
      ['Hall', ['Ann Lee', 'Bo Diaz']],
      ['Library', ['Bo Diaz']],
    ]);
    assert.equal(programmeOf(session({ slots: [] }), () => undefined).endsAt, '15:30');
    assert.deepEqual(programmeOf(session({ slots: [{ id: 'x', enquiryId: 'e-late', title: 'X', presenterIds: ['p-gone'], minutes: 5 }] }), () => undefined).rooms[0]!.slots[0]!.presenters, ['p-gone']);
  });

  it('counts who came of the staff on the day: a leaver or a later joiner marked present does not count', () => {
    const s = session({ attendance: [{ personId: 'p-ann', present: true }, { personId: 'p-bo', present: false }, { personId: 'p-cy', present: true }, { personId: 'p-new', present: true }] });
    assert.deepEqual(sessionAttendance(s, people), { present: 1, staff: 2, share: 0.5 });
    assert.deepEqual(sessionAttendance(s, []), { present: 0, staff: 0, share: 0 });
  });

  it('names every field at fault in a plan that does not fit the trust\u2019s data', () => {
    const candidates = sharingCandidates(summaries, 'cy-2025');
    assert.deepEqual(sharingSessionProblems(session(), { cycle: year3, people, candidates }), []);
    const bad = session({
      date: '2027-08-01',
      startsAt: '23:50',
      slots: [{ id: 's1', enquiryId: 'e-draft', title: 'Unpublished', presenterIds: ['p-cy', 'p-nobody'], minutes: 15 }],
    });
    assert.deepEqual(sharingSessionProblems(bad, { cycle: year3, people, candidates }).map((p) => p.path), [
      'date',
      'slots.0.enquiryId',
      'slots.0.presenterIds.0',
      'slots.0.presenterIds.1',
      'slots.0.minutes',
    ]);
    assert.match(sharingSessionProblems(bad, { cycle: year3, people, candidates })[0]!.message, /within its cycle 2026-27 \(2026-09-01 to 2027-07-17\), not 2027-08-01/);
    assert.deepEqual(sharingSessionProblems(session(), { cycle: undefined, people, candidates }).map((p) => p.path), ['cycleId']);
    assert.equal(sharingSessionProblems(session({ cycleId: 'cy-2025', date: '2026-07-01' }), { cycle: year2, people, candidates }).length, 0);
  });

  it('the schema refuses two slots with one id, a person marked twice and a time that is not HH:MM', () => {
    const problems = (value: unknown) => (SharingSession.safeParse(value).error?.issues ?? []).map((i) => i.path.join('.'));
    assert.deepEqual(problems(session()), []);
    assert.deepEqual(problems(session({ slots: [...session().slots, { ...session().slots[0]! }] })), ['slots']);
    assert.deepEqual(problems(session({ attendance: [{ personId: 'p-ann', present: true }, { personId: 'p-ann', present: false }] })), ['attendance']);
    assert.deepEqual(problems(session({ startsAt: '3.30pm' })), ['startsAt']);
    assert.deepEqual(problems(session({ slots: [{ ...session().slots[0]!, presenterIds: [] }] })), ['slots.0.presenterIds']);
  });
});
