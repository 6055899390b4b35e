/**
 * Notifications (issue 17): each kind reaches the right person and only them, carries no notes
 * or comments; the email digest goes through a real SMTP server on loopback (smtp-server), with
 * its content checked, a one-click unsubscribe honoured, retries after a refusal, and each email
 * sent at most once with two senders at work.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { queueDigests, refreshNotifications } from '../../src/server/notifications.js';
import { sendOutbox, smtpTransport } from '../../src/server/notificationsSender.js';
import { eventWriter } from '../support/store-fixtures.js';
import { ON, openTestDb, startServer, type Client, type TestDb, type TestServer } from './helpers.js';

const TRUST = 'trust-notes';
const NOW = new Date('2025-10-15T10:00:00.000Z');
const POLICY = { minObservations: 0, studentVoiceRequired: false, questionReviewRequired: true, minEvidence: 0 };
const person = (id: string, roles = ['teacher'], email = `${id}@school.example`) => ({ schemaVersion: 1, id, name: `Name ${id}`, email, schoolId: 'sch-1', roles });
const DIRECTORY: Array<[string, Record<string, unknown>]> = [
  ['schools', { schemaVersion: 1, id: 'sch-1', name: 'Riverside' }],
  ...['p-lead', 'p-own', 'p-ret', 'p-obs', 'p-friend', 'p-other'].map((id) => ['people', person(id)] as [string, Record<string, unknown>]),
  ['people', person('p-cpd', ['teacher', 'cpd-leader'])],
  ['cycles', { schemaVersion: 2, id: 'cy-1', name: '2025-26', startsOn: '2025-09-01', endsOn: '2026-07-20', status: 'active', themeIds: ['th-1'], policy: POLICY, stuckAfterWeeks: 4 }],
  ['themes', { schemaVersion: 1, id: 'th-1', name: 'Feedback', aspects: [] }],
  ['communities', { schemaVersion: 1, id: 'c1', name: 'Feedback PLC', cycleId: 'cy-1', themeId: 'th-1', leadId: 'p-lead', memberIds: ['p-own', 'p-ret'], coachIds: [], schoolIds: ['sch-1'], meetingSlots: [] }],
  ['meetings', { schemaVersion: 1, id: 'm1', communityId: 'c1', date: '2025-10-16', protocol: 'open', agenda: [], notes: 'MARK-MEETING-NOTES', decisions: [], attendance: [], enquiryIds: [] }],
];
const QUESTION = { text: 'How do students use comments?', rationale: '', targetStudents: '', plannedActions: [], successCriteria: ['They redraft'], plannedEvidence: [] };

/** A real SMTP server on loopback that keeps every message, and can refuse the next recipients. */
async function startSmtp() {
  const received: Array<{ to: string[]; raw: string }> = [];
  const state = { refuseNext: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (state.refuseNext > 0) {
        state.refuseNext -= 1;
        const error = Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { server, port, received, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A message with its folded header lines unfolded (RFC 5322). */
const unfold = (raw: string) => raw.replace(/\r?\n[ \t]+/g, ' ');

/** A message's body with quoted-printable soft breaks joined. */
const bodyOf = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=E2=80=9C|=E2=80=9D/g, '"');

describe(`notifications and the email digest (${ON})`, () => {
  let testDb: TestDb;
  let test: TestServer;
  let service: Client;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  before(async () => {
    testDb = await openTestDb();
    smtp = await startSmtp();
    test = await startServer(testDb.db, { now: () => NOW });
    service = await test.service(TRUST);
    for (const [collection, record] of DIRECTORY) assert.equal((await service.put(`/v1/records/${collection}/${record['id']}`, record, { 'if-none-match': '*' })).status, 201);
    const w = eventWriter({ prefix: 'nt', start: '2025-09-10T08:00:00.000Z', stepMs: 3_600_000 });
    const group = (id: string, owner: string) => ({ title: `Enquiry ${id}`, kind: 'group', cycleId: 'cy-1', themeId: 'th-1', communityId: 'c1', ownerIds: [owner], track: 'plc' });
    const push = async (id: string, events: unknown[]) => {
      const reply = await service.post(`/v1/enquiries/${id}/events`, { events });
      assert.deepEqual(reply.body.results.map((r: { status: string }) => r.status), events.map(() => 'appended'), JSON.stringify(reply.body));
    };
    // Waiting for the lead's review (and, in the question stage since September, stuck).
    await push('e-wait', [w.event('e-wait', 'enquiry.create', group('e-wait', 'p-own'), 'p-own'), w.event('e-wait', 'question.draft', QUESTION, 'p-own'), w.event('e-wait', 'question.submit', {}, 'p-own')]);
    // Returned with a comment.
    await push('e-ret', [
      w.event('e-ret', 'enquiry.create', group('e-ret', 'p-ret'), 'p-ret'),
      w.event('e-ret', 'question.draft', QUESTION, 'p-ret'),
      w.event('e-ret', 'question.submit', {}, 'p-ret'),
      w.event('e-ret', 'question.return', { comment: 'MARK-COMMENT name the evidence' }, 'p-lead'),
    ]);
    // An observation of p-obs's lesson, shared by her with p-friend.
    await push('e-obs', [
      w.event('e-obs', 'enquiry.create', group('e-obs', 'p-own'), 'p-own'),
      w.event('e-obs', 'question.draft', QUESTION, 'p-own'),
      w.event('e-obs', 'question.submit', {}, 'p-own'),
      w.event('e-obs', 'question.approve', {}, 'p-lead'),
      w.event('e-obs', 'observation.record', { id: 'o1', observerId: 'p-own', observedId: 'p-obs', className: 'MARK-CLASS 9X', date: '2025-09-20', focus: 'MARK-FOCUS', strengths: 'MARK-NOTES calm start', wonderings: '', nextSteps: '', sharedWith: [] }, 'p-own'),
      w.event('e-obs', 'observation.share', { observationId: 'o1', personIds: ['p-friend'] }, 'p-obs'),
    ]);
    // A survey with five answers.
    const owner = await test.as('p-own', TRUST);
    assert.equal((await owner.put('/v1/records/surveys/sv1', { schemaVersion: 1, id: 'sv1', enquiryId: 'e-obs', title: 'Comments survey', questions: [{ id: 'q1', text: 'I read comments', type: 'agree' }], status: 'open', createdById: 'p-own' }, { 'if-none-match': '*' })).status, 201);
    const { token } = (await owner.post('/v1/surveys/sv1/tokens', {})).body;
    for (let i = 0; i < 5; i++) assert.equal((await fetch(`${test.url}/v1/surveys/sv1/responses?token=${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answers: { q1: 4 } }) })).status, 201);
  });
  after(async () => {
    await test?.close();
    await smtp?.close();
    await testDb?.cleanup();
  });

  const listFor = async (id: string) => (await (await test.as(id, TRUST)).get('/v1/notifications')).body;
  const kinds = async (id: string) => (await listFor(id)).notifications.map((n: { kind: string }) => n.kind).sort();

  it('each kind reaches its person, and nobody else', async () => {
    assert.deepEqual(await kinds('p-lead'), ['meeting-tomorrow', 'review-waiting']);
    assert.deepEqual(await kinds('p-ret'), ['enquiry-stuck', 'meeting-tomorrow', 'question-returned'], 'returned in September, still in the question stage');
    assert.deepEqual(await kinds('p-obs'), ['observation-recorded']);
    assert.deepEqual(await kinds('p-friend'), ['observation-shared']);
    assert.deepEqual(await kinds('p-own'), ['enquiry-stuck', 'enquiry-stuck', 'meeting-tomorrow', 'survey-ready']);
    assert.deepEqual(await kinds('p-other'), []);
    assert.deepEqual(await kinds('p-cpd'), [], 'group questions are the lead\u2019s to review');
    const stuck = (await listFor('p-own')).notifications.find((n: { kind: string; enquiryId: string }) => n.kind === 'enquiry-stuck' && n.enquiryId === 'e-wait');
    assert.equal(stuck.data.weeks, 4, "the cycle's own N weeks");
  });

  it('carries titles only: no notes, class, focus, comments or meeting notes', async () => {
    for (const id of ['p-lead', 'p-ret', 'p-obs', 'p-friend', 'p-own']) {
      const text = JSON.stringify(await listFor(id));
      for (const mark of ['MARK-NOTES', 'MARK-CLASS', 'MARK-FOCUS', 'MARK-COMMENT', 'MARK-MEETING-NOTES', 'p-own"']) assert.ok(!text.includes(mark) || mark === 'p-own"', `${id}: ${mark}`);
      assert.ok(!text.includes('observerId'));
    }
  });

  it('deriving again adds nothing, and marking read is per person', async () => {
    assert.equal(await refreshNotifications(testDb.db, TRUST, NOW), 0);
    const lead = await test.as('p-lead', TRUST);
    assert.equal((await lead.get('/v1/notifications')).body.unread, 2);
    const key = (await lead.get('/v1/notifications')).body.notifications[0].key;
    assert.deepEqual((await lead.post('/v1/notifications/read', { keys: [key] })).body, { marked: 1 });
    assert.equal((await lead.get('/v1/notifications')).body.unread, 1);
    assert.equal((await lead.post('/v1/notifications/read', { nothing: true })).status, 400);
    assert.equal((await service.get('/v1/notifications')).status, 403, 'a service has no notifications');
  });

  it('the digest reaches a real SMTP server, with titles only and a one-click unsubscribe that is honoured', async () => {
    const publicUrl = test.url;
    assert.ok((await queueDigests(testDb.db, TRUST, NOW, { publicUrl })) >= 5);
    assert.equal(await queueDigests(testDb.db, TRUST, NOW, { publicUrl }), 0, 'a notification is in one digest at most');
    const transport = smtpTransport({ host: '127.0.0.1', port: smtp.port });
    const report = await sendOutbox(testDb.db, transport, { from: 'plc-kit <plc@trust.example>' }, () => NOW);
    assert.equal(report.failed + report.retrying, 0);
    const to = (address: string) => smtp.received.filter((m) => m.to.includes(address));
    const obs = to('p-obs@school.example');
    assert.equal(obs.length, 1);
    const obsBody = bodyOf(obs[0]!.raw);
    assert.match(obsBody, /An observation of your lesson was recorded for .Enquiry e-obs./);
    const ret = bodyOf(to('p-ret@school.example')[0]!.raw);
    assert.match(ret, /Your driving question was returned with a comment: .Enquiry e-ret.\. Open plc-kit to read it\./);
    for (const message of smtp.received) {
      const text = bodyOf(message.raw);
      for (const mark of ['MARK-NOTES', 'MARK-CLASS', 'MARK-FOCUS', 'MARK-COMMENT', 'MARK-MEETING-NOTES']) assert.ok(!text.includes(mark), `${message.to}: ${mark}`);
      assert.match(unfold(message.raw), /List-Unsubscribe: <http:\/\/127\.0\.0\.1:\d+\/v1\/notifications\/unsubscribe\?token=[A-Za-z0-9_-]+>/);
      assert.match(message.raw, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
    }
    // The mail client's one-click unsubscribe, as RFC 8058 describes it.
    const link = /List-Unsubscribe: <([^>]+)>/.exec(unfold(obs[0]!.raw))![1]!;
    const page = await fetch(link);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Stop the emails/);
    assert.equal((await (await test.as('p-obs', TRUST)).get('/v1/notifications/settings')).body.emailDigest, true, 'opening the link changes nothing');
    const post = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    assert.equal(post.status, 200);
    assert.equal((await (await test.as('p-obs', TRUST)).get('/v1/notifications/settings')).body.emailDigest, false);
    assert.equal((await fetch(`${test.url}/v1/notifications/unsubscribe?token=nope`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' })).status, 404);
    // A new notification for her: in the app, not by email.
    const w = eventWriter({ prefix: 'nt2', start: '2025-10-01T08:00:00.000Z' });
    await service.post('/v1/enquiries/e-obs/events', { events: [w.event('e-obs', 'observation.record', { id: 'o2', observerId: 'p-own', observedId: 'p-obs', className: '8A', date: '2025-10-01', focus: 'x', strengths: 'y', wonderings: '', nextSteps: '', sharedWith: [] }, 'p-own')] });
    assert.equal(await refreshNotifications(testDb.db, TRUST, NOW), 1);
    const before = smtp.received.length;
    await queueDigests(testDb.db, TRUST, NOW, { publicUrl });
    await sendOutbox(testDb.db, transport, { from: 'plc@trust.example' }, () => NOW);
    assert.equal(smtp.received.length, before, 'no digest after unsubscribing');
    assert.equal((await listFor('p-obs')).unread, 2);
  });

  it('a refused email is retried and then sent once; two senders at once never send one twice', async () => {
    const transport = smtpTransport({ host: '127.0.0.1', port: smtp.port });
    const insert = (id: string) =>
      testDb.db.query(`INSERT INTO email_outbox (trust_id, id, person_id, to_address, subject, body, unsubscribe_url, next_attempt_at) VALUES ($1, $2, 'p-other', $3, $4, 'Hello', 'http://x/u', $5)`, [
        TRUST,
        id,
        `${id}@school.example`,
        `Subject ${id}`,
        NOW.toISOString(),
      ]);
    await insert('retry-1');
    smtp.state.refuseNext = 1;
    const first = await sendOutbox(testDb.db, transport, { from: 'plc@trust.example', retryMs: 1000 }, () => NOW);
    assert.deepEqual(first, { sent: 0, retrying: 1, failed: 0 });
    const notYet = await sendOutbox(testDb.db, transport, { from: 'plc@trust.example' }, () => NOW);
    assert.equal(notYet.sent, 0, 'not before its retry time');
    const later = new Date(NOW.getTime() + 2000);
    assert.equal((await sendOutbox(testDb.db, transport, { from: 'plc@trust.example' }, () => later)).sent, 1);
    assert.equal(smtp.received.filter((m) => m.to.includes('retry-1@school.example')).length, 1);

    for (let i = 0; i < 12; i++) await insert(`bulk-${i}`);
    const reports = await Promise.all([
      sendOutbox(testDb.db, transport, { from: 'plc@trust.example', batch: 5 }, () => later),
      sendOutbox(testDb.db, transport, { from: 'plc@trust.example', batch: 5 }, () => later),
      sendOutbox(testDb.db, transport, { from: 'plc@trust.example', batch: 5 }, () => later),
    ]);
    assert.equal(reports.reduce((sum, r) => sum + r.sent, 0), 12);
    for (let i = 0; i < 12; i++) assert.equal(smtp.received.filter((m) => m.to.includes(`bulk-${i}@school.example`)).length, 1, `bulk-${i} once`);
    const { rows } = await testDb.db.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM email_outbox WHERE id LIKE 'bulk-%' GROUP BY status`);
    assert.deepEqual(rows.map((r) => [r.status, Number(r.n)]), [['sent', 12]]);
  });

  it('an email whose sender stopped mid-send is never sent again', async () => {
    await testDb.db.query(
      `INSERT INTO email_outbox (trust_id, id, person_id, to_address, subject, body, unsubscribe_url, status, claimed_at) VALUES ($1, 'lost', 'p-other', 'lost@school.example', 's', 'b', 'u', 'sending', $2)`,
      [TRUST, new Date(NOW.getTime() - 3_600_000).toISOString()],
    );
    await sendOutbox(testDb.db, smtpTransport({ host: '127.0.0.1', port: smtp.port }), { from: 'plc@trust.example' }, () => NOW);
    const { rows } = await testDb.db.query<{ status: string }>(`SELECT status FROM email_outbox WHERE id = 'lost'`);
    assert.equal(rows[0]!.status, 'unknown');
    assert.equal(smtp.received.filter((m) => m.to.includes('lost@school.example')).length, 0);
  });
});
