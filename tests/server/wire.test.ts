/**
 * The sync protocol's messages (src/sync/wire.ts) are what the server really sends: every push
 * status, a change page with events, records and deletions, and error bodies parse with the
 * schemas the HTTP store and the OpenAPI document are written from.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as z from 'zod/mini';
import { ChangesPage, ErrorBody, PushResponse } from '../../src/sync/wire.js';
import { PEOPLE, QUESTION, eventWriter, groupDetails } from '../support/store-fixtures.js';
import { ON, seedTrust, serverForSuite, type TestServer } from './helpers.js';

const parses = (schema: z.ZodMiniType, value: unknown, what: string) => {
  const result = schema.safeParse(value);
  assert.ok(result.success, `${what}: ${JSON.stringify(result.error?.issues.slice(0, 3))}\n${JSON.stringify(value).slice(0, 400)}`);
};

describe(`server: the sync protocol's messages (${ON})`, () => {
  let test: TestServer;
  serverForSuite((_db, server) => (test = server));

  it('sends push results, change pages and error bodies as src/sync declares them', async () => {
    const trust = 'trust-wire';
    await seedTrust(test, trust);
    const write = eventWriter({ prefix: 'wire' });
    const ana = await test.as(PEOPLE.ana.id, trust);
    const events = [write.event('enq-w', 'enquiry.create', groupDetails()), write.event('enq-w', 'question.draft', QUESTION)];
    const early = write.event('enq-w', 'evidence.start');
    const pushed = await ana.post('/v1/enquiries/enq-w/events', { events: [...events, early, events[0], { id: 'no' }] });
    assert.equal(pushed.status, 200);
    assert.deepEqual(pushed.body.results.map((r: { status: string }) => r.status), ['appended', 'appended', 'refused', 'duplicate', 'invalid']);
    parses(PushResponse, pushed.body, 'a push answer');
    const stranger = await test.as('p-stranger', trust);
    const forbidden = await stranger.post('/v1/enquiries/enq-w/events', { events: [write.event('enq-w', 'question.submit', {}, 'p-stranger')] });
    assert.equal(forbidden.body.results[0].status, 'forbidden');
    parses(PushResponse, forbidden.body, 'a forbidden push');

    const admin = await test.as('p-admin', trust, ['admin']);
    const school = await admin.get('/v1/records/schools');
    const first = school.body.records[0];
    assert.equal((await admin.delete(`/v1/records/schools/${first.record.id}`, { 'if-match': `"${first.version}"` })).status, 204);
    const page = await ana.get('/v1/changes?limit=2000');
    parses(ChangesPage, page.body, 'a change page');
    const kinds = new Set(page.body.changes.map((c: { kind: string; deleted?: boolean }) => `${c.kind}${c.deleted ? ' deleted' : ''}`));
    assert.deepEqual([...kinds].sort(), ['event', 'record', 'record deleted']);

    for (const reply of [await ana.get('/v1/changes?since=x'), await ana.get('/v1/records/nothing'), await test.as(PEOPLE.ana.id, 'trust-none').then((c) => c.get('/v1/backup'))]) {
      assert.ok(reply.status >= 400);
      parses(ErrorBody, reply.body, `an error answer (${reply.status})`);
    }
  });
});
