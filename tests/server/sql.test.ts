/**
 * The directory reader of src/server/sql.ts, without a database: the records an enquiry's input
 * comes from are read in one statement, cached, overridden by a record being written, and a
 * lost connection fails the caller without ending the process.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Queryable } from '../../src/server/db.js';
import { createDirectoryReader } from '../../src/server/sql.js';

/** A Queryable that answers every statement with `answer` (or its error), counting them. */
function fakeDb(answer: () => Record<string, unknown>) {
  const statements: Array<readonly unknown[] | undefined> = [];
  const q: Queryable = {
    async query<R>(_sql: string, params?: readonly unknown[]) {
      statements.push(params);
      return { rows: [answer()] as R[], rowCount: 1 };
    },
  };
  return { q, statements };
}

const cycle = { id: 'c1', name: 'Cycle' };
const community = { id: 'm1', name: 'Maths' };
const leader = { id: 'p-lead', roles: ['cpd-leader'] };

describe('server: directory reader (sql.ts)', () => {
  it('reads an enquiry’s cycle, community and CPD leaders in one statement, then from its cache', async () => {
    const db = fakeDb(() => ({ cycle, community, leaders: [leader] }));
    const reader = createDirectoryReader(db.q, 't1');
    const sources = await reader.sources({ cycleId: 'c1', communityId: 'm1' });
    assert.deepEqual(sources, { cycle, community, cpdLeaders: [leader] });
    assert.deepEqual(db.statements, [['t1', 'c1', 'm1', true]]);
    assert.deepEqual(await reader.community('m1'), community);
    await reader.sources({ cycleId: 'c1', communityId: 'm1' });
    assert.equal(db.statements.length, 1, 'nothing read twice');
  });

  it('asks only for what is neither cached nor overridden', async () => {
    const db = fakeDb(() => ({ cycle: null, community: null, leaders: [] }));
    const override = { collection: 'cycles' as const, id: 'c1', record: { ...cycle, name: 'Being written' } };
    const reader = createDirectoryReader(db.q, 't1', override);
    const sources = await reader.sources({ cycleId: 'c1', communityId: undefined });
    assert.deepEqual(sources, { cycle: override.record, community: undefined, cpdLeaders: [] });
    assert.deepEqual(db.statements, [['t1', null, null, true]]);
  });

  it('fails the caller on a lost connection, leaving no rejection unhandled (which would end the process)', async () => {
    const lost = Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
    const db = fakeDb(() => {
      throw lost;
    });
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', listener);
    try {
      await assert.rejects(createDirectoryReader(db.q, 't1').sources({ cycleId: 'c1', communityId: 'm1' }), /Connection terminated/);
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });
});
