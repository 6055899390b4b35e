/**
 * Pulling changes: pages from a checkpoint, deletions, events filtered per reader by the policy
 * (observation notes never sent to someone who may not see them), and trusts kept apart.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Person } from '../../src/schema/directory.js';
import { PEOPLE, eventWriter, observation, studentVoice } from '../support/store-fixtures.js';
import { ON, pullAll, pushAsAuthors, seedTrust, type Json, type TestDb, type TestServer, serverForSuite } from './helpers.js';

const LINE_MANAGER: Person = { schemaVersion: 1, id: 'p-lm', name: 'Lee Manager', schoolId: 'sch-north', roles: ['teacher'] };
const ANA_MANAGED: Person = { ...PEOPLE.ana, lineManagerId: LINE_MANAGER.id };
const NOTES = observation(1).strengths;

describe(`server: pulling changes (${ON})`, () => {
  let testDb: TestDb;
  let test: TestServer;
  serverForSuite((db, server) => ([testDb, test] = [db, server]));

  it('pages through everything from a checkpoint, with deletions, and never repeats or skips', async () => {
    const trust = 'trust-pages';
    await seedTrust(test, trust);
    const write = eventWriter({ prefix: 'pg' });
    const events = write.walk('enq-1', 'evidence');
    await pushAsAuthors(test, trust, 'enq-1', events);
    const reader = await test.as(PEOPLE.ben.id, trust);

    const all = await pullAll(reader, undefined, 3);
    assert.ok(all.pages >= 4, `several pages (${all.pages})`);
    const eventIds = all.changes.filter((c) => c.kind === 'event').map((c) => c.event.id);
    assert.deepEqual([...eventIds].sort(), events.map((e) => e.id).sort(), 'every event once');
    const recordKeys = all.changes.filter((c) => c.kind === 'record').map((c) => `${c.collection}/${c.id}`);
    assert.equal(new Set(recordKeys).size, recordKeys.length, 'every record once');
    assert.ok(recordKeys.includes('cycles/cycle-2025'));

    const quiet = await reader.get(`/v1/changes?since=${all.checkpoint}`);
    assert.deepEqual([quiet.body.changes, quiet.body.checkpoint, quiet.body.hasMore], [[], all.checkpoint, false], 'nothing new: same checkpoint');

    const admin = await test.as('p-admin', trust, ['admin']);
    assert.equal((await admin.delete('/v1/records/cycles/cycle-2024', { 'if-match': '"1"' })).status, 204);
    const more = write.event('enq-1', 'evidence.add', studentVoice(), PEOPLE.ben.id);
    await pushAsAuthors(test, trust, 'enq-1', [more]);
    const next = await pullAll(reader, all.checkpoint);
    assert.deepEqual(
      next.changes.map((c) => (c.kind === 'event' ? c.event.id : `${c.collection}/${c.id}${c.deleted ? ' deleted' : ''}`)),
      ['cycles/cycle-2024 deleted', more.id],
      'only what changed since, deletions included, in the order it changed',
    );
    assert.equal(next.reset, false);

    const bad = await reader.get('/v1/changes?since=yesterday');
    assert.deepEqual([bad.status, bad.body.field], [400, 'since']);
    const badLimit = await reader.get('/v1/changes?limit=0');
    assert.deepEqual([badLimit.status, badLimit.body.field], [400, 'limit']);
  });

  it('sends the same changes in the compact form, in fewer bytes, and objects to a client that does not ask for it', async () => {
    const trust = 'trust-compact';
    await seedTrust(test, trust, [['people', LINE_MANAGER]]);
    const admin = await test.as('p-admin', trust, ['admin']);
    assert.equal((await admin.put(`/v1/records/people/${PEOPLE.ana.id}`, ANA_MANAGED, { 'if-match': '"1"' })).status, 200);
    assert.equal((await admin.delete('/v1/records/cycles/cycle-2024', { 'if-match': '"1"' })).status, 204);
    const write = eventWriter({ prefix: 'cf' });
    // The walk's observation is one the line manager sees only in part; the second evidence.start is refused.
    const events = [...write.walk('enq-c', 'evidence'), write.event('enq-c', 'evidence.start', {})];
    const results = await pushAsAuthors(test, trust, 'enq-c', events);
    assert.equal(results.at(-1).status, 'refused');

    for (const api of [await test.as(PEOPLE.ana.id, trust), await test.as(LINE_MANAGER.id, trust), admin, await test.service(trust)]) {
      const objects = await pullAll(api, undefined, 4);
      const compact = await pullAll(api, undefined, 4, 'compact');
      assert.deepEqual(compact.changes, objects.changes, 'the same changes, in the same order');
      assert.equal(compact.checkpoint, objects.checkpoint);
      assert.ok(objects.changes.some((c) => c.kind === 'record' && c.deleted) && objects.changes.some((c) => c.kind === 'event' && c.refusal), 'a deletion and a refusal among them');
      const [asObjects, asArrays] = [await api.get('/v1/changes?limit=2000'), await api.get('/v1/changes?limit=2000&form=compact')];
      assert.ok(JSON.stringify(asArrays.body).length < JSON.stringify(asObjects.body).length * 0.8, 'at least a fifth fewer bytes');
    }
    const lineManager = await pullAll(await test.as(LINE_MANAGER.id, trust), undefined, 4, 'compact');
    assert.equal(JSON.stringify(lineManager.changes).includes(NOTES), false, 'what the policy shapes is shaped in the compact form too');

    const unknown = await admin.get('/v1/changes?form=columns');
    assert.deepEqual([unknown.status, unknown.body.field], [400, 'form']);
  });

  it('never sends observation notes to a line manager or a CPD leader who is not a member', async () => {
    const trust = 'trust-notes';
    await seedTrust(test, trust, [['people', LINE_MANAGER]]);
    const admin = await test.as('p-admin', trust, ['admin']);
    assert.equal((await admin.put(`/v1/records/people/${PEOPLE.ana.id}`, ANA_MANAGED, { 'if-match': '"1"' })).status, 200);
    const write = eventWriter({ prefix: 'nt' });
    const events = [...write.walk('enq-n', 'evidence'), write.event('enq-n', 'reflection.save', { whatWorked: 'Response time.', whatDidNot: 'Long comments.', nextSteps: 'Shorter ones.' })];
    await pushAsAuthors(test, trust, 'enq-n', events);
    const observationEvent = events.find((e) => e.type === 'observation.record')!;

    const readers = {
      observed: await test.as(PEOPLE.ana.id, trust),
      observer: await test.as(PEOPLE.ben.id, trust),
      lead: await test.as(PEOPLE.lead.id, trust),
      lineManager: await test.as(LINE_MANAGER.id, trust),
      cpdLeader: await test.as(PEOPLE.cpd.id, trust, ['teacher', 'cpd-leader']),
    };
    for (const [who, api] of Object.entries(readers)) {
      const allowed = !['lineManager', 'cpdLeader'].includes(who);
      const log = await api.get('/v1/enquiries/enq-n/events');
      const feed = await pullAll(api);
      for (const [where, body, observed] of [
        ['log', log.body, log.body.events.find((e: Json) => e.id === observationEvent.id)],
        ['feed', feed, feed.changes.find((c) => c.kind === 'event' && c.event.id === observationEvent.id)?.event],
      ] as const) {
        assert.ok(observed, `${who} sees that the observation happened (${where})`);
        assert.equal(JSON.stringify(body).includes(NOTES), allowed, `${who} ${allowed ? 'reads' : 'never receives'} the notes (${where})`);
        if (!allowed) {
          assert.deepEqual([observed.payload.strengths, observed.payload.nextSteps, observed.payload.notesHidden], ['', '', true]);
          // The fact of an observation is as private as its notes (docs/privacy.md).
          assert.deepEqual(
            [observed.payload.observerId, observed.payload.observedId, observed.payload.className, observed.payload.focus, observed.authorId, observed.payload.factHidden],
            ['hidden', 'hidden', '', 'hidden', 'hidden', true],
          );
          assert.equal(JSON.stringify(body).includes(observation(1).focus), false, `${who} never receives the focus (${where})`);
        }
      }
      const reflection = log.body.events.find((e: Json) => e.type === 'reflection.save');
      assert.equal(reflection.payload.hidden === true, !allowed, `${who}: an unpublished reflection is for members`);
    }

    // Ana, the observed colleague, shares her notes with her line manager: they arrive in his next pull.
    const before = await pullAll(readers.lineManager);
    const share = write.event('enq-n', 'observation.share', { observationId: 'obs-1', personIds: [LINE_MANAGER.id] });
    const shared = await pushAsAuthors(test, trust, 'enq-n', [share]);
    assert.equal(shared[0].status, 'appended');
    const after = await pullAll(readers.lineManager, before.checkpoint);
    const again = after.changes.find((c) => c.kind === 'event' && c.event.id === observationEvent.id);
    assert.ok(again, 'the observation is sent again now he may read it');
    assert.equal(again.event.payload.strengths, NOTES);
    assert.equal(JSON.stringify((await pullAll(readers.cpdLeader, before.checkpoint)).changes).includes(NOTES), false, 'still not to the CPD leader');
  });

  it('filters by a reader context the database keeps with the cached state, whoever writes the row', async () => {
    const trust = 'trust-reader';
    await seedTrust(test, trust, [['people', LINE_MANAGER]]);
    const write = eventWriter({ prefix: 'rd' });
    await pushAsAuthors(test, trust, 'enq-r', write.walk('enq-r', 'evidence'));
    const readerOf = async () =>
      (await testDb.db.query<{ reader: Json; cache: Json }>('SELECT reader, cache FROM summaries WHERE trust_id = $1 AND enquiry_id = $2', [trust, 'enq-r'])).rows[0]!;
    const { reader, cache } = await readerOf();
    const observations = cache.context.observations as Json[];
    assert.ok(observations.length > 0);
    assert.deepEqual(reader, {
      details: cache.context.details,
      status: cache.context.status,
      publishedAt: null,
      ids: observations.map((o) => o.id),
      observers: observations.map((o) => o.observerId),
      observed: observations.map((o) => o.observedId),
      shared: observations.map((o) => o.sharedWith),
    });

    // A writer that knows nothing of the column (an older server process during an upgrade)
    // writes a cached state in which the notes are shared with the line manager: the feed
    // filters by it at once.
    const lineManager = await test.as(LINE_MANAGER.id, trust);
    assert.equal(JSON.stringify((await pullAll(lineManager)).changes).includes(NOTES), false);
    const sharedCache = { ...cache, context: { ...cache.context, observations: observations.map((o) => ({ ...o, sharedWith: [LINE_MANAGER.id] })) } };
    await testDb.db.query('UPDATE summaries SET cache = $3::jsonb WHERE trust_id = $1 AND enquiry_id = $2', [trust, 'enq-r', JSON.stringify(sharedCache)]);
    assert.deepEqual((await readerOf()).reader.shared, observations.map(() => [LINE_MANAGER.id]));
    assert.equal(JSON.stringify((await pullAll(lineManager)).changes).includes(NOTES), true);
  });

  it('keeps trusts apart: a token for another trust gets nothing, even an administrator\'s', async () => {
    const trust = 'trust-a';
    await seedTrust(test, trust);
    const write = eventWriter({ prefix: 'ta' });
    await pushAsAuthors(test, trust, 'enq-a', write.walk('enq-a', 'observation'));
    for (const other of [await test.as('p-admin', 'trust-b', ['admin', 'cpd-leader']), await test.service('trust-b'), await test.as(PEOPLE.ana.id, 'trust-b')]) {
      assert.deepEqual((await other.get('/v1/enquiries')).body.enquiries, []);
      assert.equal((await other.get('/v1/enquiries/enq-a')).status, 404);
      assert.deepEqual((await other.get('/v1/enquiries/enq-a/events')).body.events, []);
      assert.deepEqual((await pullAll(other)).changes, []);
      assert.deepEqual((await other.get('/v1/records/people')).body.records, []);
      assert.equal((await other.get(`/v1/records/people/${PEOPLE.ana.id}`)).status, 404);
    }
    const backup = await (await test.as('p-admin', 'trust-b', ['admin'])).get('/v1/backup');
    assert.equal(backup.status, 200);
    assert.deepEqual(backup.body.events, []);

    // The same ids in another trust are another trust's own enquiry and records.
    await seedTrust(test, 'trust-b');
    const sameIds = await pushAsAuthors(test, 'trust-b', 'enq-a', eventWriter({ prefix: 'ta' }).walk('enq-a', 'created'));
    assert.deepEqual(sameIds.map((r) => r.status), ['appended'], 'not a duplicate of trust A\'s event');
    const a = await test.as(PEOPLE.ana.id, trust);
    assert.equal((await a.get('/v1/enquiries/enq-a')).body.step, 'observation', 'trust A is unchanged');
    const rows = await testDb.db.query<{ trust_id: string; n: number }>("SELECT trust_id, count(*)::int AS n FROM events WHERE id LIKE 'ta-%' GROUP BY trust_id ORDER BY trust_id");
    assert.deepEqual(rows.rows.map((r) => [r.trust_id, Number(r.n)]), [['trust-a', 4], ['trust-b', 1]]);
  });
});
