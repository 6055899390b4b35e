/**
 * Pushing events: idempotent by id, one result per event, refused events stored and reported,
 * invalid ones named by field, oversized ones 413, the policy deciding who may write.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_BATCH, MAX_EVENT_JSON } from '../../src/store/store.js';
import { COMMUNITY, PEOPLE, QUESTION, eventWriter, groupDetails, individualDetails, observation } from '../support/store-fixtures.js';
import { ON, pushAsAuthors, seedTrust, type Json, type TestDb, type TestServer, serverForSuite } from './helpers.js';

describe(`server: pushing events (${ON})`, () => {
  let testDb: TestDb;
  let test: TestServer;
  serverForSuite((db, server) => ([testDb, test] = [db, server]));

  it('answers one result per event and a retried push changes nothing', async () => {
    const trust = 'trust-idem';
    await seedTrust(test, trust);
    const write = eventWriter({ prefix: 'idem' });
    const ana = await test.as(PEOPLE.ana.id, trust);
    const events = [write.event('enq-1', 'enquiry.create', groupDetails()), write.event('enq-1', 'question.draft', QUESTION)];
    const first = await ana.post('/v1/enquiries/enq-1/events', { events });
    assert.equal(first.status, 200);
    assert.deepEqual(first.body.results.map((r: Json) => [r.index, r.eventId, r.status]), [
      [0, events[0]!.id, 'appended'],
      [1, events[1]!.id, 'appended'],
    ]);
    assert.equal(first.body.summary.step, 'question.drafting');
    const again = await ana.post('/v1/enquiries/enq-1/events', { events: [...events, events[0]] });
    assert.equal(again.status, 200);
    assert.deepEqual(again.body.results.map((r: Json) => r.status), ['duplicate', 'duplicate', 'duplicate']);
    const log = await ana.get('/v1/enquiries/enq-1/events');
    assert.deepEqual(log.body.events.map((e: Json) => e.id), events.map((e) => e.id));
    const summary = await ana.get('/v1/enquiries/enq-1');
    assert.equal(summary.body.counts.events, 2, 'stored once');
  });

  it('stores an event the lifecycle refuses and reports it refused with the reason', async () => {
    const trust = 'trust-refused';
    await seedTrust(test, trust);
    const write = eventWriter({ prefix: 'ref' });
    await pushAsAuthors(test, trust, 'enq-r', write.walk('enq-r', 'question.drafting'));
    const ana = await test.as(PEOPLE.ana.id, trust);
    const early = write.event('enq-r', 'evidence.start');
    const reply = await ana.post('/v1/enquiries/enq-r/events', { events: [early] });
    assert.equal(reply.status, 200);
    const [result] = reply.body.results;
    assert.equal(result.status, 'refused');
    assert.equal(result.refusal.eventId, early.id);
    assert.match(result.refusal.message, /./);
    const log = await ana.get('/v1/enquiries/enq-r/events');
    assert.ok(log.body.events.some((e: Json) => e.id === early.id), 'the refused event is in the log');
    assert.deepEqual(log.body.refusals.map((r: Json) => r.eventId), [early.id]);
    assert.equal(reply.body.summary.counts.refusals, 1);
    const row = await testDb.db.query<{ refused: boolean; refusal: { code: string } }>('SELECT refused, refusal FROM events WHERE trust_id = $1 AND id = $2', [trust, early.id]);
    assert.equal(row.rows[0]?.refused, true);
    assert.equal(row.rows[0]?.refusal.code, result.refusal.code);
  });

  it('an event that arrives late is replayed in order, and the refusals of stored events follow', async () => {
    const trust = 'trust-late';
    await seedTrust(test, trust);
    const write = eventWriter({ prefix: 'late' });
    const [create, draft, submit] = write.walk('enq-l', 'question.review');
    const ana = await test.as(PEOPLE.ana.id, trust);
    // The submit arrives before the draft that comes before it (the draft was made on another device).
    const early = await ana.post('/v1/enquiries/enq-l/events', { events: [create, submit] });
    assert.deepEqual(early.body.results.map((r: Json) => r.status), ['appended', 'refused']);
    const late = await ana.post('/v1/enquiries/enq-l/events', { events: [draft] });
    assert.equal(late.body.results[0].status, 'appended');
    assert.deepEqual([late.body.summary.step, late.body.summary.counts.refusals], ['question.review', 0]);
    const row = await testDb.db.query<{ refused: boolean }>('SELECT refused FROM events WHERE trust_id = $1 AND id = $2', [trust, submit!.id]);
    assert.equal(row.rows[0]?.refused, false, 'the submit is no longer refused once the draft is in');
    assert.deepEqual((await ana.get('/v1/enquiries/enq-l/events')).body.refusals, []);

    // A service (the host's back end) may relay events in any order, even before the create.
    const sync = await test.service(trust);
    const [create2, draft2] = write.walk('enq-s', 'question.drafting');
    const first = await sync.post('/v1/enquiries/enq-s/events', { events: [draft2] });
    assert.deepEqual([first.body.results[0].status, first.body.results[0].refusal.code, first.body.summary.status], ['refused', 'not-created', 'new']);
    const second = await sync.post('/v1/enquiries/enq-s/events', { events: [create2] });
    assert.deepEqual([second.body.summary.step, second.body.summary.counts.refusals], ['question.drafting', 0]);
  });

  it('names the field of an invalid event and stores the valid ones; atomic stores nothing', async () => {
    const trust = 'trust-invalid';
    await seedTrust(test, trust);
    const write = eventWriter({ prefix: 'inv' });
    const [create] = write.walk('enq-i', 'created');
    const bad = { ...write.event('enq-i', 'question.draft', { text: 42 }) };
    const ana = await test.as(PEOPLE.ana.id, trust);
    const atomic = await ana.post('/v1/enquiries/enq-i/events?atomic=true', { events: [create, bad] });
    assert.equal(atomic.status, 400);
    assert.equal(atomic.body.error, 'invalid');
    assert.equal(atomic.body.field, 'events.1.payload.text');
    assert.ok(atomic.body.problems.length >= 1);
    assert.equal((await ana.get('/v1/enquiries/enq-i/events')).body.events.length, 0, 'atomic: nothing stored');

    const partial = await ana.post('/v1/enquiries/enq-i/events', { events: [create, bad, 'nonsense', { ...create, id: 'other-enq', enquiryId: 'enq-other' }] });
    assert.equal(partial.status, 200);
    const [ok, invalid, notAnEvent, wrongEnquiry] = partial.body.results;
    assert.equal(ok.status, 'appended');
    assert.deepEqual([invalid.status, invalid.field], ['invalid', 'events.1.payload.text']);
    assert.deepEqual([notAnEvent.status, notAnEvent.field, notAnEvent.eventId], ['invalid', 'events.2', null]);
    assert.deepEqual([wrongEnquiry.status, wrongEnquiry.field], ['invalid', 'events.3.enquiryId']);
  });

  it('answers 400 naming the field for a malformed body, 413 for too much', async () => {
    const trust = 'trust-400';
    const ana = await test.as(PEOPLE.ana.id, trust);
    const notJson = await ana.post('/v1/enquiries/enq-x/events', '{"events": [');
    assert.equal(notJson.status, 400);
    assert.equal(notJson.body.field, '(body)');
    const noEvents = await ana.post('/v1/enquiries/enq-x/events', { event: [] });
    assert.deepEqual([noEvents.status, noEvents.body.field], [400, 'events']);
    const badId = await ana.post('/v1/enquiries/bad%20id/events', { events: [] });
    assert.deepEqual([badId.status, badId.body.field], [400, 'enquiryId']);

    const write = eventWriter({ prefix: 'big' });
    const tooMany = Array.from({ length: MAX_BATCH + 1 }, () => write.event('enq-x', 'question.refine', {}));
    const many = await ana.post('/v1/enquiries/enq-x/events', { events: tooMany });
    assert.deepEqual([many.status, many.body.error, many.body.field], [413, 'too-large', 'events']);
    const huge = write.event('enq-x', 'question.refine', { reason: 'x'.repeat(MAX_EVENT_JSON) });
    const big = await ana.post('/v1/enquiries/enq-x/events', { events: [huge] });
    assert.deepEqual([big.status, big.body.field], [413, 'events.0']);
    const body = await ana.post('/v1/enquiries/enq-x/events', { events: [], padding: 'y'.repeat(17 * 1024 * 1024) });
    assert.deepEqual([body.status, body.body.error], [413, 'too-large']);
  });

  it('lets only members write, each as themselves; the policy decides per event', async () => {
    const trust = 'trust-policy';
    await seedTrust(test, trust);
    const write = eventWriter({ prefix: 'pol' });
    await pushAsAuthors(test, trust, 'enq-p', write.walk('enq-p', 'observation'));
    const outsider = await test.as('p-outsider', trust);
    const byOutsider = write.event('enq-p', 'observation.record', observation(7), 'p-outsider');
    const refused = await outsider.post('/v1/enquiries/enq-p/events', { events: [byOutsider] });
    assert.equal(refused.status, 200);
    assert.deepEqual([refused.body.results[0].status, refused.body.results[0].reason], ['forbidden', 'not-member']);
    const atomic = await outsider.post('/v1/enquiries/enq-p/events?atomic=1', { events: [byOutsider] });
    assert.deepEqual([atomic.status, atomic.body.reason], [403, 'not-member']);

    const ben = await test.as(PEOPLE.ben.id, trust);
    const forged = write.event('enq-p', 'observation.record', observation(8), PEOPLE.ana.id);
    const impostor = await ben.post('/v1/enquiries/enq-p/events', { events: [forged] });
    assert.deepEqual([impostor.body.results[0].status, impostor.body.results[0].reason], ['forbidden', 'author-mismatch']);

    const approve = write.event('enq-p', 'question.approve', {}, PEOPLE.ben.id);
    const notReviewer = await ben.post('/v1/enquiries/enq-p/events', { events: [approve] });
    assert.deepEqual([notReviewer.body.results[0].status, notReviewer.body.results[0].reason], ['forbidden', 'not-reviewer']);
    const log = await ben.get('/v1/enquiries/enq-p/events');
    assert.ok(!log.body.events.some((e: Json) => [byOutsider.id, forged.id, approve.id].includes(e.id)), 'nothing forbidden was stored');

    const individual = write.event('enq-ind', 'enquiry.create', individualDetails({ ownerIds: [PEOPLE.ana.id] }), PEOPLE.ben.id);
    const notOwner = await ben.post('/v1/enquiries/enq-ind/events', { events: [individual] });
    assert.equal(notOwner.body.results[0].reason, 'not-owner');
    assert.equal(COMMUNITY.leadId, PEOPLE.lead.id);
  });

  it('refuses a request without a valid token', async () => {
    const anonymous = await fetch(`${test.url}/v1/enquiries`);
    assert.equal(anonymous.status, 401);
    assert.match(anonymous.headers.get('www-authenticate') ?? '', /Bearer/);
    const forged = await fetch(`${test.url}/v1/enquiries`, { headers: { authorization: 'Bearer not.a.token' } });
    assert.equal(forged.status, 401);
    assert.equal((await forged.json()).error, 'unauthorized');
  });
});
