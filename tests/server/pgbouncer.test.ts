/**
 * The server behind Debian's PgBouncer in transaction pooling mode (started and stopped here,
 * on a port of its own, in front of a database of the test's own): it refuses to start when
 * the database's search path would put its tables elsewhere, works through the pooler, and a
 * PgBouncer restart under load costs only the requests in flight (503, retried), never the
 * process. Skipped, with the reason, without PostgreSQL or pgbouncer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createServer } from '../../src/server/index.js';
import { freePort, SECRET, startChild, type Child } from './helpers.js';
import { NEEDS_POSTGRES, PGBOUNCER, createScratchDb, draftLog, newTally, pushWithRetry, startBouncer, storedCounts, teacherToken, type ScratchDb } from './scale-support.js';

const BIN = fileURLToPath(new URL('../../bin/plc-kit.js', import.meta.url));
const skip = NEEDS_POSTGRES ?? (PGBOUNCER ? undefined : 'needs pgbouncer: apt-get install -y pgbouncer');
if (skip) console.log(`# pgbouncer tests skipped: ${skip}`);

describe('server: behind PgBouncer in transaction pooling mode', { skip }, () => {
  let scratch: ScratchDb;
  let bouncer: Awaited<ReturnType<typeof startBouncer>>;
  let child: Child | undefined;
  before(async () => {
    scratch = await createScratchDb('bouncer');
    bouncer = await startBouncer(scratch.url, await freePort());
  });
  after(async () => {
    if (child && child.process.exitCode === null) {
      child.process.kill('SIGTERM');
      await child.exited;
    }
    await bouncer?.remove();
    await scratch?.drop();
  });

  it('refuses to start while the search path would not find its schema (the pooler keeps no per-connection setting)', async () => {
    const server = createServer({ auth: { secret: SECRET }, databaseUrl: bouncer.url, transactionPooler: true, schema: 'plc', log: () => {}, embed: false });
    await assert.rejects(server.listen(0), /search path must start with the schema plc.*ALTER ROLE/s);
    await server.close();
  });

  it('serves pushes through the pooler; a PgBouncer restart under load costs only the requests in flight', async () => {
    await scratch.admin.query(`ALTER DATABASE ${scratch.name} SET search_path TO plc`);
    // PgBouncer's open server connections keep the old setting: start it afresh.
    await bouncer.stop();
    await bouncer.start();
    child = await startChild(BIN, ['serve'], { DATABASE_URL: bouncer.url, PLC_DB_POOLER: 'transaction', PLC_DB_SCHEMA: 'plc', PLC_PORT: '0' });
    let exitCode: number | null | undefined;
    void child.exited.then((code) => (exitCode = code));
    const trust = 'trust-bouncer';
    const tally = newTally();
    const logs = Array.from({ length: 6 }, (_, n) => draftLog(`enq-b-${n}`, 600));
    let stored = 0;
    const pushing = Promise.allSettled(
      logs.map(async (log) => {
        const token = await teacherToken('p-ana', trust);
        for (let i = 0; i < log.length; i += 100) {
          await pushWithRetry(child!.url, token, log.slice(i, i + 100), tally, { maxWaitMs: 300, attempts: 40 });
          stored += 1;
        }
      }),
    );
    for (let restart = 0; restart < 2; restart++) {
      while (stored < 4 + restart * 8 && exitCode === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
      await bouncer.stop();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await bouncer.start();
    }
    const outcomes = await pushing;
    assert.equal(exitCode, undefined, 'the server process is still running');
    for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
    assert.deepEqual([...tally.statuses.keys()].filter((s) => s !== 200 && s !== 503), [], `only 200 and 503 (answers: ${JSON.stringify([...tally.statuses])})`);
    const q = new pg.Client({ connectionString: scratch.url });
    await q.connect();
    const counts = await storedCounts(q, 'plc', trust, logs.flat().map((e) => e.id)).finally(() => q.end());
    assert.deepEqual(counts, { lost: 0, duplicated: 0, extra: 0 }, 'every event stored exactly once');
    assert.ok((tally.statuses.get(503) ?? 0) > 0, 'requests in flight during a restart were answered 503');
    assert.equal((await fetch(`${child.url}/readyz`)).status, 200);
  });
});
