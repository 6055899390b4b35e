/**
 * Database faults under load (issue 13 item 14): eight clients push 200-event batches to a
 * server process while every connection to its database is terminated by an administrator
 * (`pg_terminate_backend`), several times. The process must survive; the requests in flight
 * are answered 503 with Retry-After (never 500, never a dropped connection); clients retry and
 * every event is stored exactly once. PostgreSQL only (PGlite has no connections to drop): a
 * database of the test's own, so nobody else's connections are touched.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CHILD_SERVER, startChild, type Child } from './helpers.js';
import { NEEDS_POSTGRES, createScratchDb, draftLog, newTally, pushWithRetry, storedCounts, teacherToken, type ScratchDb } from './scale-support.js';

const CLIENTS = 8;
const BATCHES = 4;
const BATCH = 200;

describe('server: PostgreSQL drops its connections under load', { skip: NEEDS_POSTGRES }, () => {
  let scratch: ScratchDb;
  let child: Child;
  before(async () => {
    scratch = await createScratchDb('faults');
    child = await startChild(CHILD_SERVER, [], { PLC_TEST_DB: JSON.stringify({ databaseUrl: scratch.url, schema: 'plc' }) });
  });
  after(async () => {
    if (child && child.process.exitCode === null) {
      child.process.kill('SIGTERM');
      await child.exited;
    }
    await scratch?.drop();
  });

  it(`${CLIENTS} clients pushing ${BATCH}-event batches; every connection terminated mid-push: the process lives, in-flight requests get 503 + Retry-After, nothing is lost`, async () => {
    const trust = 'trust-faults';
    let exitCode: number | null | undefined;
    void child.exited.then((code) => (exitCode = code));
    const tally = newTally();
    const logs = Array.from({ length: CLIENTS }, (_, n) => draftLog(`enq-fault-${n}`, BATCHES * BATCH));
    let stored = 0;
    const pushing = Promise.allSettled(
      logs.map(async (log, n) => {
        const token = await teacherToken('p-ana', trust);
        for (let i = 0; i < log.length; i += BATCH) {
          const results = await pushWithRetry(child.url, token, log.slice(i, i + BATCH), tally, { maxWaitMs: 300 });
          assert.ok(results.every((r) => r.status === 'appended' || r.status === 'duplicate'), `client ${n}: ${JSON.stringify(results.find((r) => r.status !== 'appended'))}`);
          stored += 1;
        }
      }),
    );
    // Once pushes are flowing, terminate every connection of the database until requests in
    // flight have been hit (the pool also loses its idle connections each time).
    let terminations = 0;
    let killed = 0;
    while (stored < 2 && exitCode === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
    while (exitCode === undefined && terminations < 12 && (terminations < 3 || !tally.statuses.get(503))) {
      killed += await scratch.terminateAll();
      terminations += 1;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const outcomes = await pushing;

    assert.equal(exitCode, undefined, 'the server process is still running');
    for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
    assert.ok(killed > 0, 'connections were terminated');
    assert.ok((tally.statuses.get(503) ?? 0) > 0, `some requests in flight were answered 503 (answers: ${JSON.stringify([...tally.statuses])})`);
    assert.ok(tally.retryAfter.length === tally.statuses.get(503) && tally.retryAfter.every((value) => /^\d+$/.test(value)), 'every 503 says when to retry');
    assert.equal(tally.statuses.get(500), undefined, 'no request failed with 500');
    assert.equal(tally.statuses.get('connection lost'), undefined, 'no connection was dropped without an answer');

    const ids = logs.flat().map((e) => e.id);
    const counts = await withDb(scratch.url, (q) => storedCounts(q, 'plc', trust, ids));
    assert.deepEqual(counts, { lost: 0, duplicated: 0, extra: 0 }, 'every event stored exactly once');

    const ready = await fetch(`${child.url}/readyz`);
    assert.equal(ready.status, 200, 'ready again once the database is back');
    child.process.kill('SIGTERM');
    assert.equal(await child.exited, 0, 'a graceful stop afterwards');
  });
});

async function withDb<T>(url: string, fn: (q: import('pg').Client) => Promise<T>): Promise<T> {
  const { default: pg } = await import('pg');
  const q = new pg.Client({ connectionString: url });
  await q.connect();
  try {
    return await fn(q);
  } finally {
    await q.end();
  }
}
