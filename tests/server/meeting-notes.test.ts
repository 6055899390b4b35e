/**
 * Meeting notes keep their versions on the server (issue 16): the writer of each version is the
 * signed-in person, never the author the browser sends, subject access lists each person's
 * versions, and the versions reach exactly the meeting's readers (docs/privacy.md, meeting-versions; every role is in the privacy matrix).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PEOPLE } from '../support/store-fixtures.js';
import { subjectAccess } from '../../src/server/subjectRights.js';
import { MEETING } from '../support/meeting-notes-conformance.js';
import { ON, seedTrust, type TestDb, type TestServer, serverForSuite } from './helpers.js';

const TRUST = 'trust-meeting-notes';

describe(`server: meeting notes keep their versions (${ON})`, () => {
  let test: TestServer;
  let testDb: TestDb;
  serverForSuite((db, server) => ((testDb = db), (test = server)));

  it('stamps each version with the signed-in writer and the server’s time, and keeps the one replaced', async () => {
    await seedTrust(test, TRUST, [['people', { ...PEOPLE.ana, id: 'p-out', name: 'Olu Outside' } as { id: string }]]);
    const ana = await test.as(PEOPLE.ana.id, TRUST);
    const ben = await test.as(PEOPLE.ben.id, TRUST);
    const started = Date.now();
    // Ana's browser claims Ben wrote the notes, a year ago: the server believes neither.
    const forged = { ...MEETING, notesBy: PEOPLE.ben.id, notesAt: '2024-01-01T00:00:00.000Z', pastNotes: [{ notes: 'Invented', by: PEOPLE.lead.id, until: '2024-01-02T00:00:00.000Z' }] };
    const created = await ana.put(`/v1/records/meetings/${MEETING.id}`, forged, { 'if-none-match': '*' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.record.notesBy, PEOPLE.ana.id, 'the writer is the signed-in person');
    assert.ok(Date.parse(created.body.record.notesAt) >= started - 1000, 'the time is the server’s');
    assert.equal(created.body.record.pastNotes, undefined, 'a browser cannot invent earlier versions');

    // Ben saves his notes over Ana's at the version he read ("keep mine"), claiming to be Ana.
    const mine = await ben.put(`/v1/records/meetings/${MEETING.id}`, { ...MEETING, notes: 'Ben: codes took too long.', notesBy: PEOPLE.ana.id }, { 'if-match': '"1"' });
    assert.equal(mine.status, 200, JSON.stringify(mine.body));
    assert.equal(mine.body.record.notesBy, PEOPLE.ben.id);
    assert.deepEqual(
      mine.body.record.pastNotes.map((v: { notes: string; by: string; at: string }) => [v.notes, v.by, v.at]),
      [[MEETING.notes, PEOPLE.ana.id, created.body.record.notesAt]],
      'Ana’s notes are kept with who wrote them and when',
    );

    // The lead changes the attendance only: the notes stay Ben's.
    const lead = await test.as(PEOPLE.lead.id, TRUST);
    const attended = await lead.put(`/v1/records/meetings/${MEETING.id}`, { ...mine.body.record, attendance: [{ personId: PEOPLE.ana.id, present: true }], pastNotes: [] }, { 'if-match': '"2"' });
    assert.equal(attended.status, 200, JSON.stringify(attended.body));
    assert.deepEqual([attended.body.record.notesBy, attended.body.record.pastNotes.length], [PEOPLE.ben.id, 1]);

    // Read back by a member; a colleague outside the community gets neither the meeting nor its versions.
    const read = await ana.get(`/v1/records/meetings/${MEETING.id}`);
    assert.equal(read.body.record.pastNotes[0].notes, MEETING.notes);
    const outside = await test.as('p-out', TRUST);
    const refused = await outside.get(`/v1/records/meetings/${MEETING.id}`);
    assert.notEqual(refused.status, 200);
    assert.ok(!JSON.stringify(refused.body).includes('feedback codes'));
    const listed = await outside.get('/v1/records/meetings');
    assert.ok(!JSON.stringify(listed.body).includes('feedback codes'), 'nor in the list');

    // Subject access: Ana's replaced notes are hers; Ben's current notes are his.
    const anas = await subjectAccess(testDb.db, TRUST, PEOPLE.ana.id);
    assert.deepEqual(anas.meetingNotesWritten.map((v) => [v.meetingId, v.notes, v.current]), [[MEETING.id, MEETING.notes, false]]);
    const bens = await subjectAccess(testDb.db, TRUST, PEOPLE.ben.id);
    assert.deepEqual(bens.meetingNotesWritten.map((v) => [v.notes, v.current]), [['Ben: codes took too long.', true]]);
  });
});
