/**
 * The rate limit shared through PostgreSQL (rateLimit.ts): a window's hits are counted across
 * callers, the wait is what is left of the window, a new window starts afresh, and scopes and
 * keys are counted apart. PostgreSQL only (PGlite's one process counts in memory).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { migrate } from '../../src/server/index.js';
import { createSharedRateLimiter } from '../../src/server/rateLimit.js';
import { openTestDb, type TestDb } from './helpers.js';
import { NEEDS_POSTGRES } from './scale-support.js';

describe('server: rate limits shared through PostgreSQL', { skip: NEEDS_POSTGRES }, () => {
  let testDb: TestDb;
  before(async () => {
    testDb = await openTestDb();
    await migrate(testDb.db);
  });
  after(async () => {
    await testDb?.cleanup();
  });

  it('counts a window across callers, says how long to wait, and starts a new window afresh', async () => {
    const limit = { max: 3, windowMs: 1_500 };
    // Two limiters over one database, as two processes would have.
    const one = createSharedRateLimiter(() => testDb.db, 'test', limit);
    const two = createSharedRateLimiter(() => testDb.db, 'test', limit);
    assert.deepEqual([await one.hit('k'), await two.hit('k'), await one.hit('k')], [0, 0, 0]);
    const wait = await two.hit('k');
    assert.ok(wait >= 1 && wait <= 2, `over the limit: wait what is left of the window (${wait} s)`);
    assert.equal(await one.hit('other-key'), 0, 'another key has its own count');
    assert.equal(await createSharedRateLimiter(() => testDb.db, 'other-scope', limit).hit('k'), 0, 'another scope too');
    await new Promise((resolve) => setTimeout(resolve, limit.windowMs + 100));
    assert.equal(await two.hit('k'), 0, 'a new window');
  });

  it('sweeps expired windows as hits arrive', async () => {
    const sweeping = createSharedRateLimiter(() => testDb.db, 'sweep', { max: 5, windowMs: 50 }, () => 0);
    await sweeping.hit('old');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await sweeping.hit('new');
    const { rows } = await testDb.db.query<{ key: string }>("SELECT key FROM rate_limits WHERE scope = 'sweep' ORDER BY key");
    assert.deepEqual(rows.map((row) => row.key), ['new']);
  });
});
