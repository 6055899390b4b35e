/**
 * Meeting notes keep their versions (issue 16), run by the conformance suite against every store:
 * notes saved over a colleague's (as "keep mine" does) leave the colleague's notes in `pastNotes`
 * with who wrote them and when; a save that leaves the notes alone keeps their writer; no writer
 * can rewrite or drop the versions.
 */
import type { Meeting } from '../../src/schema/directory.js';
import { deepEqual, equal, ok } from './assert.js';
import type { MakeStore, TestApi } from './store-conformance.js';
import { COMMUNITY, PEOPLE, seedDirectory } from './store-fixtures.js';

/** A community meeting with Ana's notes, shared with the server's meeting-notes test. */
export const MEETING: Meeting = {
  schemaVersion: 1,
  id: 'mtg-1',
  communityId: COMMUNITY.id,
  date: '2025-10-01',
  protocol: 'open',
  agenda: [],
  notes: 'Ana: we agreed to try feedback codes.',
  decisions: [],
  attendance: [],
  enquiryIds: [],
  notesBy: PEOPLE.ana.id,
};

/** Runs the meeting notes' part of the conformance suite against `makeStore`. */
export function meetingNotesConformance(makeStore: MakeStore, { describe, it }: TestApi): void {
  describe('meeting notes keep their versions', () => {
    it('keeps a colleague’s notes, with who and when, when notes are saved over them', async () => {
      const { store, cleanup } = await makeStore({});
      try {
        await seedDirectory(store);
        const first = await store.put('meetings', MEETING, 0);
        equal(first.record.notesBy, PEOPLE.ana.id, 'a new meeting names its notes’ writer');
        ok(first.record.notesAt, 'and when they were saved');
        equal(first.record.pastNotes, undefined, 'a new meeting has no earlier versions');
        // Ben read version 1 and saves his own notes over Ana's (what "keep mine" does after a conflict).
        const second = await store.put('meetings', { ...MEETING, notes: 'Ben: codes took too long.', notesBy: PEOPLE.ben.id }, first.version);
        equal(second.record.notes, 'Ben: codes took too long.');
        equal(second.record.notesBy, PEOPLE.ben.id);
        deepEqual(second.record.pastNotes?.map((v) => [v.notes, v.by, v.at]), [[MEETING.notes, PEOPLE.ana.id, first.record.notesAt]], 'Ana’s notes are kept, who and when');
        ok(second.record.pastNotes![0]!.until >= first.record.notesAt!, 'with when they were replaced');
        // A save that changes only the attendance keeps Ben as the writer, whoever saves it.
        const third = await store.put('meetings', { ...second.record, attendance: [{ personId: PEOPLE.ana.id, present: true }], notesBy: PEOPLE.lead.id, pastNotes: [] }, second.version);
        equal(third.record.notesBy, PEOPLE.ben.id, 'the notes’ writer stays when the notes do not change');
        equal(third.record.notesAt, second.record.notesAt);
        deepEqual(third.record.pastNotes, second.record.pastNotes, 'a writer cannot erase the versions');
        const read = await store.get('meetings', MEETING.id);
        deepEqual(read?.record.pastNotes, second.record.pastNotes, 'the versions are stored, not only returned');
      } finally {
        await cleanup();
      }
    });

    it('reads a meeting saved before versions were kept, and keeps its notes with no writer', async () => {
      const { store, cleanup } = await makeStore({});
      try {
        await seedDirectory(store);
        const old: Record<string, unknown> = { ...MEETING };
        delete old['notesBy'];
        const first = await store.put('meetings', old as Meeting, 0);
        const second = await store.put('meetings', { ...first.record, notes: 'New notes.', notesBy: PEOPLE.ben.id }, first.version);
        equal(second.record.pastNotes?.length, 1);
        equal(second.record.pastNotes![0]!.by, undefined, 'the writer of old notes is unknown, not invented');
        equal(second.record.pastNotes![0]!.notes, MEETING.notes);
      } finally {
        await cleanup();
      }
    });
  });
}
