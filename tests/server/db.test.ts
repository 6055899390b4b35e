/**
 * The PostgreSQL pool: statements with parameters are prepared once per connection (PostgreSQL
 * then skips parsing and planning them again), except through a transaction pooler, where the
 * next statement may reach another server connection.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createPgDb, type Db } from '../../src/server/db.js';
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
