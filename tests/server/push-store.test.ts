/**
 * How a push is stored: an id another enquiry already uses is refused for that event alone (the
 * whole batch with `atomic`), and a push's events take consecutive change numbers in the order
 * of the batch, after every earlier change of the trust, with the summary written alongside.
 * A new batch is stored without probing its ids (insert first); a batch sent again is probed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultLifecycle, type Lifecycle } from '../../src/lifecycle/lifecycle.js';
import type { Db, Queryable } from '../../src/server/db.js';
import { MIGRATIONS } from '../../src/server/migrations.js';
import { readSummaryForPush, SummaryMemo, type WrittenSummary } from '../../src/server/pushRepository.js';
import { eventually } from '../support/assert.js';
import { PEOPLE, eventWriter, individualDetails } from '../support/store-fixtures.js';
import { ON, pushAsAuthors, seedTrust, startServer, type Json, type TestDb, type TestServer, serverForSuite } from './helpers.js';

describe(`server: storing a push (${ON})`, () => {
  let testDb: TestDb;
  let test: TestServer;
  serverForSuite((db, server) => ([testDb, test] = [db, server]));

  it('refuses an event whose id another enquiry already uses, and stores the rest', async () => {
    const trust = 'trust-ids';
    await seedTrust(test, trust);
    const ana = await test.as(PEOPLE.ana.id, trust);
    const details = individualDetails({ ownerIds: [PEOPLE.ana.id] });
    const [taken] = eventWriter({ prefix: 'a' }).walk('enq-a', 'created', details);
    assert.equal((await ana.post('/v1/enquiries/enq-a/events', { events: [taken] })).body.results[0].status, 'appended');

    const [create, draft] = eventWriter({ prefix: 'b' }).walk('enq-b', 'question.drafting', details);
    const clash = { ...draft!, id: taken!.id };
    const atomic = await ana.post('/v1/enquiries/enq-b/events?atomic=true', { events: [create, clash] });
    assert.deepEqual([atomic.status, atomic.body.error, atomic.body.field], [409, 'conflict', 'events.1.id']);
    assert.equal((await ana.get('/v1/enquiries/enq-b/events')).body.events.length, 0, 'atomic: nothing stored');

    const partial = await ana.post('/v1/enquiries/enq-b/events', { events: [create, clash] });
    assert.equal(partial.status, 200);
    assert.deepEqual(partial.body.results.map((r: Json) => r.status), ['appended', 'invalid']);
    assert.equal(partial.body.results[1].field, 'events.1.id');
    assert.match(partial.body.results[1].message, /already an event of enquiry enq-a/);
    assert.equal(partial.body.summary.counts.events, 1);
    const { rows } = await testDb.db.query<{ enquiry_id: string }>('SELECT enquiry_id FROM events WHERE trust_id = $1 AND id = $2', [trust, taken!.id]);
    assert.deepEqual(rows.map((row) => row.enquiry_id), ['enq-a'], 'the first enquiry keeps its event');
  });

  it('numbers a push\'s changes consecutively in batch order, after the trust\'s earlier changes', async () => {
    const trust = 'trust-seq';
    await seedTrust(test, trust);
    const { rows: counter } = await testDb.db.query<{ seq: number }>('SELECT seq FROM trusts WHERE id = $1', [trust]);
    const earlier = Number(counter[0]!.seq);
    const write = eventWriter({ prefix: 's' });
    const events = [
      ...write.walk('enq-s', 'question.drafting', individualDetails({ ownerIds: [PEOPLE.ana.id] })),
      ...Array.from({ length: 5 }, (_, i) => write.event('enq-s', 'enquiry.rename', { title: `Title ${i}` })),
    ];
    // Sent out of merge order: numbering follows the batch, not the clock.
    const batch = [...events.slice(0, 2), ...events.slice(2).reverse()];
    const ana = await test.as(PEOPLE.ana.id, trust);
    const reply = await ana.post('/v1/enquiries/enq-s/events', { events: batch });
    assert.deepEqual([...new Set(reply.body.results.map((r: Json) => r.status))], ['appended']);
    const { rows } = await testDb.db.query<{ id: string; seq: number }>('SELECT id, seq FROM events WHERE trust_id = $1 ORDER BY seq', [trust]);
    assert.deepEqual(rows.map((row) => row.id), batch.map((event) => event.id));
    assert.deepEqual(rows.map((row) => Number(row.seq)), batch.map((_, i) => earlier + 1 + i));
    const { rows: now } = await testDb.db.query<{ seq: number }>('SELECT seq FROM trusts WHERE id = $1', [trust]);
    assert.equal(Number(now[0]!.seq), earlier + batch.length, 'the counter moved past them');
    const summary = await ana.get('/v1/enquiries/enq-s');
    assert.deepEqual([summary.body.counts.events, summary.body.title], [batch.length, 'Title 4']);
  });

  it('settles a returning device\'s late batch with one replay, to the state a full replay gives', async () => {
    // A lifecycle that counts full replays, passed to the server as an integrator would.
    let replays = 0;
    const counting: Lifecycle = { ...defaultLifecycle, replay: (...args) => (replays++, defaultLifecycle.replay(...args)) };
    const counted = await startServer(testDb.db, { lifecycle: counting });
    try {
      const trust = 'trust-late';
      await seedTrust(counted, trust);
      const ana = await counted.as(PEOPLE.ana.id, trust);
      // The tablet stays online and renames the enquiry 60 times; the laptop, offline meanwhile,
      // renamed it 20 times at moments in between, and comes back.
      const tablet = eventWriter({ prefix: 'tab', node: 'd1', start: '2026-01-05T08:00:00.000Z', stepMs: 2000 });
      const laptop = eventWriter({ prefix: 'lap', node: 'd2', start: '2026-01-05T08:00:15.000Z', stepMs: 3000 });
      const stored = [...tablet.walk('enq-late', 'question.drafting', individualDetails({ ownerIds: [PEOPLE.ana.id] }))];
      stored.push(...Array.from({ length: 60 }, (_, i) => tablet.event('enq-late', 'enquiry.rename', { title: `Tablet ${i}` })));
      assert.equal((await ana.post('/v1/enquiries/enq-late/events', { events: stored })).status, 200);
      const late = Array.from({ length: 20 }, (_, i) => laptop.event('enq-late', 'enquiry.rename', { title: `Laptop ${i}` }));
      const before = replays;
      const reply = await ana.post('/v1/enquiries/enq-late/events', { events: late });
      assert.deepEqual([...new Set(reply.body.results.map((r: Json) => r.status))], ['appended']);
      assert.ok(replays - before <= 2, `the log replayed once up to the batch (at most once more to load the enquiry), not once per event: ${replays - before}`);
      // The stored summary is what replaying everything from scratch gives.
      const all = defaultLifecycle.replay([...stored, ...late]);
      const summary = await ana.get('/v1/enquiries/enq-late');
      assert.deepEqual([summary.body.counts.events, summary.body.title], [stored.length + late.length, all.data.details?.title]);
      assert.equal(all.data.details?.title, 'Tablet 59', 'the latest rename by the merged clock wins');

      // Access is decided on the enquiry as it stands with the late events before each one: the
      // laptop withdrew and archived it while offline, so its rename after that is forbidden.
      const closing = [
        laptop.event('enq-late', 'enquiry.withdraw', { reason: 'Moved to another school.' }),
        laptop.event('enq-late', 'enquiry.archive', {}),
        laptop.event('enq-late', 'enquiry.rename', { title: 'After archiving' }),
      ];
      const closed = await ana.post('/v1/enquiries/enq-late/events', { events: closing });
      assert.deepEqual(closed.body.results.map((r: Json) => r.status), ['appended', 'appended', 'forbidden']);
      assert.equal(closed.body.results[2].reason, 'enquiry-archived');
      assert.equal(closed.body.summary.status, 'archived');
    } finally {
      await counted.close();
    }
  });

  it('stores a new batch without probing its ids, probes a batch sent again, and reports an id of another enquiry all the same', async () => {
    // The statements of pushes, counted by a database wrapper given to a server of its own.
    const statements: string[] = [];
    const counting = (q: Queryable): Queryable => ({ query: (sql, params) => (statements.push(sql), q.query(sql, params)) });
    const db: Db = { ...testDb.db, query: counting(testDb.db).query, transaction: (fn) => testDb.db.transaction((tx) => fn(counting(tx))) };
    const counted = await startServer(db);
    const probes = () => statements.filter((sql) => /unnest\(\$2::text\[\]\) AS x\(id\)/.test(sql)).length;
    try {
      const trust = 'trust-probe';
      await seedTrust(counted, trust);
      const ana = await counted.as(PEOPLE.ana.id, trust);
      const write = eventWriter({ prefix: 'pr' });
      const first = write.walk('enq-p', 'question.drafting', individualDetails({ ownerIds: [PEOPLE.ana.id] }));
      const next = Array.from({ length: 3 }, (_, i) => write.event('enq-p', 'enquiry.rename', { title: `Title ${i}` }));
      const sourceReads = () => statements.filter((sql) => /^SELECT \(SELECT data FROM records WHERE trust_id = \$1 AND collection = 'cycles'/.test(sql)).length;
      const reads: number[] = [];
      for (const batch of [first, next]) {
        const reply = await ana.post('/v1/enquiries/enq-p/events', { events: batch });
        assert.deepEqual([...new Set(reply.body.results.map((r: Json) => r.status))], ['appended']);
        reads.push(sourceReads());
      }
      assert.equal(probes(), 0, 'new batches: no probe of their ids');
      assert.deepEqual(reads, [1, 1], 'the directory read alone for a new enquiry, then with the summary row');

      const again = await ana.post('/v1/enquiries/enq-p/events', { events: [...next, write.event('enq-p', 'enquiry.rename', { title: 'Last' })] });
      assert.deepEqual(again.body.results.map((r: Json) => r.status), ['duplicate', 'duplicate', 'duplicate', 'appended']);
      assert.equal(probes(), 1, 'a batch with stored events is probed');

      // New to this enquiry by the clock, but its id is stored under another: the insert fails,
      // and the push runs again with the probe, storing the rest and reporting the clash.
      const clash = { ...write.event('enq-p', 'enquiry.rename', { title: 'Clash' }), id: first[0]!.id };
      const tail = write.event('enq-p', 'enquiry.rename', { title: 'After the clash' });
      const mixed = await ana.post('/v1/enquiries/enq-p/events', { events: [clash, tail] });
      assert.deepEqual(mixed.body.results.map((r: Json) => r.status), ['duplicate', 'appended'], 'the clash is an event of this enquiry already: a duplicate');
      assert.equal(probes(), 2);
      const other = { ...write.event('enq-q', 'enquiry.rename', { title: 'Elsewhere' }), id: tail.id };
      const [create] = eventWriter({ prefix: 'q' }).walk('enq-q', 'created', individualDetails({ ownerIds: [PEOPLE.ana.id] }));
      const elsewhere = await ana.post('/v1/enquiries/enq-q/events', { events: [create, other] });
      assert.deepEqual(elsewhere.body.results.map((r: Json) => r.status), ['appended', 'invalid']);
      assert.match(elsewhere.body.results[1].message, /already an event of enquiry enq-p/);
      const { rows } = await testDb.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE trust_id = $1', [trust]);
      assert.equal(Number(rows[0]!.n), first.length + next.length + 2 + 1, 'every event stored once');
    } finally {
      await counted.close();
    }
  });

  it('derives the reader column as migration 12 did, from every shape of cached state', async () => {
    // Migration 14 replaced the function for speed; migration 12's original, under another name,
    // must give the same value for real caches and for the corners of their shape.
    const original = MIGRATIONS.find((m) => m.version === 12)!.statements[0]!.replace('FUNCTION summary_reader(', 'FUNCTION pg_temp.reader_12(');
    assert.notEqual(original, MIGRATIONS.find((m) => m.version === 12)!.statements[0]);
    const trust = 'trust-reader-fn';
    await seedTrust(test, trust);
    const write = eventWriter({ prefix: 'rf' });
    const walk = write.walk('enq-rf', 'evidence', individualDetails({ ownerIds: [PEOPLE.ana.id] }));
    const share = write.event('enq-rf', 'observation.share', { observationId: 'obs-1', personIds: [PEOPLE.ana.id] });
    await pushAsAuthors(test, trust, 'enq-rf', [...walk, share]);
    // One transaction, so the temporary function is on its connection (and no HTTP inside: PGlite runs one at a time).
    await testDb.db.transaction(async (tx) => {
      await tx.query(original);
      const { rows } = await tx.query<{ cache: Json }>('SELECT cache FROM summaries WHERE trust_id = $1', [trust]);
      const real = rows[0]!.cache;
      assert.ok(real.context.observations.length > 0, 'a cache with observations');
      const caches = [
        real,
        { ...real, context: { ...real.context, observations: [], publishedAt: '2026-01-01T00:00:00.000Z' } },
        { ...real, context: { ...real.context, observations: [{ id: 'o' }, { observerId: 'p', sharedWith: [] }, { id: 'x', observedId: null, sharedWith: ['a', 'b'] }] } },
        { ...real, context: { status: 'draft' } },
        { ...real, context: {} },
      ];
      for (const cache of caches) {
        const { rows: both } = await tx.query<{ now: Json; before: Json }>('SELECT summary_reader($1::jsonb) AS now, pg_temp.reader_12($1::jsonb) AS before', [JSON.stringify(cache)]);
        assert.deepEqual(both[0]!.now, both[0]!.before, JSON.stringify(cache.context).slice(0, 200));
      }
      const { rows: stored } = await tx.query<{ same: boolean }>('SELECT reader = pg_temp.reader_12(cache) AS same FROM summaries WHERE trust_id = $1', [trust]);
      assert.deepEqual(stored.map((row) => row.same), [true], 'the stored column too');
    });
  });

  it('takes the cached state from memory only while the row is the version this process wrote', async () => {
    const trust = 'trust-memo';
    await seedTrust(test, trust);
    const ana = await test.as(PEOPLE.ana.id, trust);
    const write = eventWriter({ prefix: 'm' });
    const first = write.walk('enq-m', 'question.drafting', individualDetails({ ownerIds: [PEOPLE.ana.id] }));
    assert.equal((await ana.post('/v1/enquiries/enq-m/events', { events: first })).status, 200);
    const row = async () =>
      (await testDb.db.query<{ version: string; summary: string; cache: Json }>(
        `SELECT xmin::text AS version, summary::text AS summary, cache FROM summaries WHERE trust_id = $1 AND enquiry_id = 'enq-m'`,
        [trust],
      )).rows[0]!;
    const stored = await row();
    const marker = { ...stored.cache, lastKey: 'from memory' };
    const known = (version: string, summary: string): WrittenSummary => ({ version, summary, cache: marker, size: 1, at: Date.now() });
    const read = (given: WrittenSummary | undefined) => readSummaryForPush(testDb.db, trust, 'enq-m', given);
    assert.equal((await read(known(stored.version, stored.summary)))!.cache.lastKey, 'from memory', 'the version written: not sent');
    assert.equal((await read(known(String(Number(stored.version) + 1), stored.summary)))!.cache.lastKey, stored.cache.lastKey, 'another version');
    assert.equal((await read(known(stored.version, '{"title":"other"}')))!.cache.lastKey, stored.cache.lastKey, 'another summary');
    assert.equal((await read(undefined))!.cache.lastKey, stored.cache.lastKey);

    // Another writer (a process knowing nothing of this one) renames the enquiry in the row: this
    // process's next push builds on what the row holds, not on what it wrote last.
    const renamed = { ...stored.cache, context: { ...stored.cache.context, details: { ...stored.cache.context.details, title: 'Renamed elsewhere' } } };
    await testDb.db.query(`UPDATE summaries SET cache = $2::jsonb WHERE trust_id = $1 AND enquiry_id = 'enq-m'`, [trust, JSON.stringify(renamed)]);
    const next = await ana.post('/v1/enquiries/enq-m/events', { events: [write.event('enq-m', 'reflection.save', { whatWorked: 'a', whatDidNot: '', nextSteps: '' })] });
    assert.equal(next.status, 200);
    assert.equal(next.body.summary.title, 'Renamed elsewhere');
    assert.equal((await row()).cache.context.details.title, 'Renamed elsewhere');
  });

  it('keeps a bounded memo of summary rows, oldest written dropped first, for ten minutes', () => {
    let now = 0;
    const memo = new SummaryMemo(100, 10 * 60_000, () => now);
    const entry = (size: number): WrittenSummary => ({ version: '1', summary: '{}', cache: {} as WrittenSummary['cache'], size, at: now });
    memo.set('t', 'a', entry(20));
    memo.set('t', 'b', entry(20));
    memo.set('u', 'a', entry(20));
    assert.equal(memo.size, 3);
    memo.set('t', 'a', entry(20)); // written again: now the newest
    memo.set('t', 'c', entry(25));
    memo.set('t', 'd', entry(25)); // 110 characters: the oldest written (t/b) goes
    assert.deepEqual(['a', 'b', 'c', 'd'].map((id) => Boolean(memo.get('t', id))), [true, false, true, true]);
    assert.ok(memo.get('u', 'a'), 'trusts apart');
    memo.set('t', 'huge', entry(26));
    assert.equal(memo.get('t', 'huge'), undefined, 'a state over a quarter of the memo is not kept');
    now += 10 * 60_000 + 1;
    assert.equal(memo.get('t', 'a'), undefined, 'expired');
  });

  it('drops its copies once their age is up though no push comes', async () => {
    const memo = new SummaryMemo(1_000, 40);
    const entry = (): WrittenSummary => ({ version: '1', summary: '{}', cache: {} as WrittenSummary['cache'], size: 10, at: Date.now() });
    memo.set('t', 'a', entry());
    memo.set('t', 'b', entry());
    assert.equal(memo.size, 2);
    // Nothing is asked of the memo from here on: only its own sweep can empty it.
    await eventually(() => memo.size === 0, 'an idle memo to drop its copies', 10_000);
    memo.set('t', 'c', entry());
    assert.equal(memo.size, 1, 'and keeps new ones again, swept in turn');
    await eventually(() => memo.size === 0, 'the next sweep', 10_000);
  });
});
