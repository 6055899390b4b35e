/**
 * Directory records over HTTP: ETag / If-Match (412 when stale, 428 when missing, If-None-Match
 * to create), field errors, the policy on writes and reads, summaries following the directory.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CYCLE, OLD_CYCLE, PEOPLE, eventWriter } from '../support/store-fixtures.js';
import { ON, pushAsAuthors, seedTrust, type Json, type TestServer, serverForSuite } from './helpers.js';

describe(`server: directory records (${ON})`, () => {
  let test: TestServer;
  serverForSuite((_db, server) => (test = server));

  it('creates, reads, updates and deletes with ETags; stale writes get 412 and change nothing', async () => {
    const admin = await test.as('p-admin', 'trust-rec', ['admin']);
    const created = await admin.put(`/v1/records/cycles/${CYCLE.id}`, CYCLE, { 'if-none-match': '*' });
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('etag'), '"1"');
    assert.deepEqual(created.body, { record: CYCLE, version: 1 });

    const read = await admin.get(`/v1/records/cycles/${CYCLE.id}`);
    assert.deepEqual([read.status, read.headers.get('etag'), read.body.version], [200, '"1"', 1]);
    assert.equal((await admin.get(`/v1/records/cycles/${CYCLE.id}`, { 'if-none-match': '"1"' })).status, 304);

    const renamed = await admin.put(`/v1/records/cycles/${CYCLE.id}`, { ...CYCLE, name: '  2025 to 2026  ' }, { 'if-match': '"1"' });
    assert.deepEqual([renamed.status, renamed.headers.get('etag'), renamed.body.record.name], [200, '"2"', '2025 to 2026']);

    const stale = await admin.put(`/v1/records/cycles/${CYCLE.id}`, { ...CYCLE, name: 'Lost update' }, { 'if-match': '"1"' });
    assert.equal(stale.status, 412);
    assert.deepEqual([stale.body.error, stale.body.field, stale.body.expectedVersion, stale.body.actualVersion], ['stale', `cycles/${CYCLE.id}`, 1, 2]);
    assert.equal((await admin.get(`/v1/records/cycles/${CYCLE.id}`)).body.record.name, '2025 to 2026', 'nothing applied');

    const missing = await admin.put(`/v1/records/cycles/${CYCLE.id}`, { ...CYCLE, name: 'Blind write' });
    assert.deepEqual([missing.status, missing.body.error, missing.body.field], [428, 'precondition-required', 'If-Match']);
    const exists = await admin.put(`/v1/records/cycles/${CYCLE.id}`, CYCLE, { 'if-none-match': '*' });
    assert.deepEqual([exists.status, exists.body.actualVersion], [412, 2]);
    const updateMissing = await admin.put(`/v1/records/cycles/nope`, { ...CYCLE, id: 'nope' }, { 'if-match': '"3"' });
    assert.deepEqual([updateMissing.status, updateMissing.body.actualVersion], [412, null]);
    const noHeaderCreate = await admin.put(`/v1/records/cycles/${OLD_CYCLE.id}`, OLD_CYCLE);
    assert.equal(noHeaderCreate.status, 201, 'a new record needs no precondition');

    const listed = await admin.get('/v1/records/cycles');
    assert.deepEqual(listed.body.records.map((r: Json) => [r.record.id, r.version]), [[OLD_CYCLE.id, 1], [CYCLE.id, 2]], 'by id');

    assert.equal((await admin.delete(`/v1/records/cycles/${CYCLE.id}`)).status, 428);
    assert.equal((await admin.delete(`/v1/records/cycles/${CYCLE.id}`, { 'if-match': '"1"' })).status, 412);
    assert.equal((await admin.delete(`/v1/records/cycles/${CYCLE.id}`, { 'if-match': '"2"' })).status, 204);
    assert.equal((await admin.get(`/v1/records/cycles/${CYCLE.id}`)).status, 404);
    const gone = await admin.delete(`/v1/records/cycles/${CYCLE.id}`, { 'if-match': '"2"' });
    assert.deepEqual([gone.status, gone.body.field], [404, 'id']);
    const again = await admin.put(`/v1/records/cycles/${CYCLE.id}`, CYCLE, { 'if-none-match': '*' });
    assert.deepEqual([again.status, again.body.version], [201, 1], 'a deleted id can be created again');
  });

  it('answers 400 naming the field for a bad record, collection, id or header', async () => {
    const admin = await test.as('p-admin', 'trust-400', ['admin']);
    const bad = await admin.put(`/v1/records/cycles/${CYCLE.id}`, { ...CYCLE, policy: { ...CYCLE.policy, minObservations: -1 } });
    assert.deepEqual([bad.status, bad.body.error, bad.body.field], [400, 'invalid', 'record.policy.minObservations']);
    assert.match(bad.body.message, /at least 0/);
    const wrongId = await admin.put('/v1/records/cycles/other', CYCLE);
    assert.deepEqual([wrongId.status, wrongId.body.field], [400, 'record.id']);
    const collection = await admin.get('/v1/records/potatoes');
    assert.deepEqual([collection.status, collection.body.field], [400, 'collection']);
    const header = await admin.put(`/v1/records/cycles/${CYCLE.id}`, CYCLE, { 'if-match': 'yesterday' });
    assert.deepEqual([header.status, header.body.field], [400, 'If-Match']);
    const tooBig = await admin.put(`/v1/records/themes/t-big`, { schemaVersion: 1, id: 't-big', name: 'Big', description: 'x'.repeat(2 * 1024 * 1024), aspects: [] });
    assert.deepEqual([tooBig.status, tooBig.body.error], [413, 'too-large']);
  });

  it('lets only CPD leaders and administrators change the programme, and never shows appraisal records', async () => {
    const trust = 'trust-rights';
    await seedTrust(test, trust);
    const teacher = await test.as(PEOPLE.ana.id, trust);
    const refused = await teacher.put(`/v1/records/cycles/${CYCLE.id}`, CYCLE, { 'if-match': '"1"' });
    assert.deepEqual([refused.status, refused.body.reason], [403, 'not-directory-writer']);
    const admin = await test.as('p-admin', trust, ['admin']);
    const appraisal = { schemaVersion: 1, id: 'ap-1', personId: PEOPLE.ana.id, cycleId: CYCLE.id, aspectId: 'asp-feedback', strength: true };
    assert.equal((await admin.put('/v1/records/appraisals/ap-1', appraisal)).status, 201);
    for (const reader of [teacher, admin, await test.as(PEOPLE.cpd.id, trust, ['cpd-leader'])]) {
      assert.equal((await reader.get('/v1/records/appraisals')).body.reason, 'appraisal-aggregate-only');
      assert.equal((await reader.get('/v1/records/appraisals/ap-1')).status, 403);
      const feed = await reader.get('/v1/changes?limit=2000');
      assert.ok(!feed.body.changes.some((c: Json) => c.collection === 'appraisals'), 'not in the change feed either');
    }
    const walk = { schemaVersion: 1, id: 'lw-1', cycleId: CYCLE.id, focus: 'Students acting on feedback', date: '2025-11-12', leaderIds: [PEOPLE.lead.id], lessons: [] };
    const byLead = await (await test.as(PEOPLE.lead.id, trust)).put('/v1/records/learningWalks/lw-1', walk);
    assert.equal(byLead.status, 201, 'a lead of one of the cycle\'s communities records a learning walk');
    const byTeacher = await teacher.put('/v1/records/learningWalks/lw-2', { ...walk, id: 'lw-2' });
    assert.deepEqual([byTeacher.status, byTeacher.body.reason], [403, 'not-walk-leader']);
    const answers = await admin.put('/v1/records/surveyResponses/r-1', { schemaVersion: 1, id: 'r-1', surveyId: 's', answers: {} });
    assert.deepEqual([answers.status, answers.body.reason], [403, 'use-survey-link']);
  });

  it('replays the summaries a directory change affects', async () => {
    const trust = 'trust-follow';
    await seedTrust(test, trust);
    const write = eventWriter({ prefix: 'fl' });
    await pushAsAuthors(test, trust, 'enq-f', write.walk('enq-f', 'question.review'));
    const ana = await test.as(PEOPLE.ana.id, trust);
    assert.equal((await ana.get('/v1/enquiries/enq-f')).body.step, 'question.review');
    const admin = await test.as('p-admin', trust, ['admin']);
    const noReview = { ...CYCLE, policy: { ...CYCLE.policy, questionReviewRequired: false } };
    assert.equal((await admin.put(`/v1/records/cycles/${CYCLE.id}`, noReview, { 'if-match': '"1"' })).status, 200);
    assert.equal((await ana.get('/v1/enquiries/enq-f')).body.step, 'question.review', 'submitted under review: the past stays as it was');
    write.tick(Date.now() + 60_000 - write.now());
    await pushAsAuthors(test, trust, 'enq-g', write.walk('enq-g', 'question.review'));
    assert.equal((await ana.get('/v1/enquiries/enq-g')).body.stage, 'observation', 'submitted after the change: no review, it moves on');
    const list = await ana.get(`/v1/enquiries?cycleId=${CYCLE.id}&stage=observation`);
    assert.deepEqual(list.body.enquiries.map((s: Json) => s.enquiryId), ['enq-g']);
    const badFilter = await ana.get('/v1/enquiries?colour=red');
    assert.deepEqual([badFilter.status, badFilter.body.field], [400, 'filter.colour']);
  });
});

