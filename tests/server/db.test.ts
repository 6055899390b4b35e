/**
 * The PostgreSQL pool: statements with parameters are prepared once per connection (PostgreSQL
 * then skips parsing and planning them again), except through a transaction pooler, where the
 * next statement may reach another server connection.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { ANALYZE_AFTER_ROWS, createPgDb, createPgliteDb, serial, type Db, type Queryable } from '../../src/server/db.js';
import { DATABASE_URL } from './helpers.js';
import { NEEDS_POSTGRES } from './scale-support.js';

/** The statements prepared on the connection a transaction holds, after running `sql` twice on it. */
async function preparedAfter(db: Db, sql: string): Promise<string[]> {
  return db.transaction(async (tx) => {
    const first = await tx.query<{ n: number }>(sql, [41]);
    const second = await tx.query<{ n: number }>(sql, [41]);
    assert.deepEqual([first.rows, second.rows], [[{ n: 42 }], [{ n: 42 }]]);
    const { rows } = await tx.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements');
    return rows.map((row) => row.statement);
  });
}

describe('server: PostgreSQL statements', { skip: NEEDS_POSTGRES }, () => {
  const dbs: Db[] = [];
  after(() => Promise.all(dbs.map((db) => db.close())));
  const open = (transactionPooler: boolean) => {
    const db = createPgDb({ connectionString: DATABASE_URL!, maxConnections: 1, transactionPooler });
    dbs.push(db);
    return db;
  };

  it('prepares a statement with parameters once per connection', async () => {
    const sql = 'SELECT $1::int + 1 AS n /* db.test prepared */';
    assert.deepEqual(await preparedAfter(open(false), sql), [sql]);
  });

  it('prepares nothing through a transaction pooler', async () => {
    assert.deepEqual(await preparedAfter(open(true), 'SELECT $1::int + 1 AS n /* db.test pooled */'), []);
  });
});

describe('server: a transaction runs its statements one at a time', () => {
  it('has each statement wait for the one before, in the order asked, each failing on its own', async () => {
    let running = 0;
    let most = 0;
    const ran: string[] = [];
    const q = serial({
      async query<R>(sql: string) {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setImmediate(resolve));
        running -= 1;
        ran.push(sql);
        if (sql === 'fails') throw new Error('refused');
        return { rows: [{ sql }] as R[], rowCount: 1 };
      },
    });
    const results = await Promise.allSettled(['a', 'fails', 'b', 'c'].map((sql) => q.query(sql)));
    assert.equal(most, 1);
    assert.deepEqual(ran, ['a', 'fails', 'b', 'c']);
    assert.deepEqual(results.map((r) => (r.status === 'fulfilled' ? r.value.rows : (r.reason as Error).message)), [[{ sql: 'a' }], 'refused', [{ sql: 'b' }], [{ sql: 'c' }]]);
    await q.idle();
  });

  it('never asks pg to queue a statement on its connection, and commits after one left running', { skip: NEEDS_POSTGRES }, async () => {
    const db = createPgDb({ connectionString: DATABASE_URL!, maxConnections: 1, schema: 'public' });
    const query = pg.Client.prototype.query;
    let queued = 0;
    pg.Client.prototype.query = function (this: pg.Client & { _activeQuery?: unknown; _queryQueue: unknown[] }, ...args: unknown[]) {
      if (this._activeQuery || this._queryQueue.length) queued += 1;
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    try {
      const numbers = await db.transaction(async (tx) => {
        await tx.query('CREATE TEMP TABLE db_test_left_running (n int)');
        const all = await Promise.all(Array.from({ length: 8 }, (_, n) => tx.query<{ n: number }>('SELECT $1::int AS n', [n])));
        // Started and not waited for: it still runs before the COMMIT, not with it.
        void tx.query('INSERT INTO db_test_left_running SELECT 7 FROM pg_sleep(0.05)');
        return all.map((r) => r.rows[0]!.n);
      });
      assert.deepEqual(numbers, [0, 1, 2, 3, 4, 5, 6, 7]);
      // One connection: the same session, which sees its temporary table.
      assert.deepEqual((await db.query('SELECT n FROM db_test_left_running')).rows, [{ n: 7 }]);
      assert.equal(queued, 0);
    } finally {
      pg.Client.prototype.query = query;
      await db.close();
    }
  });
});

describe('server: PGlite keeps its planner statistics (it has no autovacuum)', () => {
  it('runs ANALYZE once enough rows were written and the database is quiet, then after as many again', async () => {
    const db = await createPgliteDb({ schema: 'public' });
    try {
      const tuples = async (q: Queryable = db) => (await q.query<{ reltuples: number }>(`SELECT reltuples FROM pg_class WHERE oid = 'feed'::regclass`)).rows[0]!.reltuples;
      const plan = async () => (await db.query<{ 'QUERY PLAN': string }>('EXPLAIN SELECT * FROM feed WHERE trust_id = $1 AND seq > $2 ORDER BY seq LIMIT 10', ['t', 100])).rows.map((row) => row['QUERY PLAN']).join('\n');
      const insert = (from: number, to: number) => db.query(`INSERT INTO feed SELECT 't', n, repeat('x', 100) FROM generate_series($1::int, $2::int) n`, [from, to]);
      await db.query('CREATE TABLE feed (trust_id text, seq bigint, body text, PRIMARY KEY (trust_id, seq))');
      await insert(1, ANALYZE_AFTER_ROWS - 1);
      await db.statisticsGathered();
      // Never analysed: PostgreSQL says -1, and plans from a guess.
      assert.equal(await tuples(), -1);
      await db.transaction(async (tx) => {
        await tx.query(`INSERT INTO feed VALUES ('t', $1, 'last')`, [ANALYZE_AFTER_ROWS]);
        assert.equal(await tuples(tx), -1);
      });
      await db.statisticsGathered();
      assert.equal(await tuples(), ANALYZE_AFTER_ROWS);
      assert.match(await plan(), /Index Scan using feed_pkey/);
      // The next run waits for as many rows again as had been written by the last.
      await insert(ANALYZE_AFTER_ROWS + 1, 2 * ANALYZE_AFTER_ROWS - 1);
      await db.statisticsGathered();
      assert.equal(await tuples(), ANALYZE_AFTER_ROWS);
      await insert(2 * ANALYZE_AFTER_ROWS, 2 * ANALYZE_AFTER_ROWS);
      await db.statisticsGathered();
      assert.equal(await tuples(), 2 * ANALYZE_AFTER_ROWS);
    } finally {
      await db.close();
    }
  });
});
