/**
 * The demo school's programme (issue 19): last year's outcomes are published, so this year's
 * sharing session presents them and fits every rule the server checks; each year's new staff
 * meet as their own group with attendance.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryStore } from '../../src/store/memory.js';
import { seedDemo } from '../../examples/demo/seed.js';
import { sessionAttendance, sharingCandidates, sharingSessionProblems } from '../../src/analysis/index.js';

describe('the demo school\u2019s programme', () => {
  it('publishes last year\u2019s two PLC outcomes and shares them at this year\u2019s session, a plan with no problems', async () => {
    const store = createMemoryStore();
    await seedDemo(store);
    const candidates = sharingCandidates(await store.listEnquiries({ cycleId: 'cy-2025' }), 'cy-2025');
    assert.deepEqual(candidates.map((c) => c.enquiryId).sort(), ['enq-reading-25', 'enq-strategic-25']);
    const [session] = (await store.list('sharingSessions')).map((row) => row.record);
    assert.ok(session);
    const people = (await store.list('people')).map((row) => row.record);
    const cycle = (await store.get('cycles', session.cycleId))?.record;
    assert.deepEqual(sharingSessionProblems(session, { cycle, people, candidates }), []);
    assert.deepEqual(sessionAttendance(session, people), { present: 16, staff: 42, share: 16 / 42 });
  });

  it('gives each year\u2019s new staff a Building Learning Habits group on the cycle\u2019s track, with sessions and attendance', async () => {
    const store = createMemoryStore();
    await seedDemo(store);
    const groups = (await store.list('communities')).map((row) => row.record).filter((c) => c.trackId === 'new-staff');
    assert.deepEqual(groups.map((g) => [g.cycleId, g.memberIds]), [['cy-2025', ['p-s30']], ['cy-2026', ['p-ivo', 'p-jade']]]);
    const meetings = (await store.list('meetings')).map((row) => row.record).filter((m) => groups.some((g) => g.id === m.communityId));
    assert.equal(meetings.length, 3);
    assert.ok(meetings.every((m) => m.attendance.length > 0));
  });

  it('shows the built-in measures in last year’s evidence: exam results and attendance, each beside the rest of the year group', async () => {
    const store = createMemoryStore();
    await seedDemo(store);
    const kinds = new Map<string, string[]>();
    for (const enquiryId of ['enq-strategic-25', 'enq-reading-25']) {
      const log = await store.readLog(enquiryId);
      kinds.set(enquiryId, log.filter((e) => e.type === 'evidence.add').map((e) => String(e.payload['kind'])));
      assert.equal((await store.getSummary(enquiryId))?.counts.refusals, 0, `${enquiryId}: nothing refused`);
    }
    assert.deepEqual(Object.fromEntries(kinds), { 'enq-strategic-25': ['student-voice', 'note', 'exam-results'], 'enq-reading-25': ['student-voice', 'note', 'attendance'] });
    const measures = (await store.readLog('enq-reading-25')).concat(await store.readLog('enq-strategic-25')).filter((e) => e.type === 'evidence.add' && e.payload['others']);
    assert.equal(measures.length, 2, 'both with a school-level comparison');
  });
});
