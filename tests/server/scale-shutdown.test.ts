/**
 * SIGTERM under load: `plc-kit serve`, with twelve clients pushing without pause over keep-alive
 * connections (Node's fetch keeps them open), is told to stop. It must exit 0 well within its
 * grace period (keep-alive connections do not hold it open), answer nothing with 500, and every push it answered 200 must be stored: a
 * request it takes is finished, one it refuses is refused whole (503, or the connection closed
 * before the request was read). On PGlite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openDb } from '../../src/server/index.js';
import { ON, openTestDb, startChild, type TestDb } from './helpers.js';
import { draftLog, teacherToken } from './scale-support.js';

const BIN = fileURLToPath(new URL('../../bin/plc-kit.js', import.meta.url));
const GRACE_SECONDS = 15;

describe(`server: SIGTERM under load with keep-alive clients (${ON})`, () => {
  let testDb: TestDb;
  before(async () => {
    testDb = await openTestDb();
    await testDb.db.close();
  });
  after(async () => {
    testDb.db = await openDb(testDb.reopen);
    await testDb.cleanup();
  });

  it('finishes what it took, refuses the rest whole, and exits 0 within its grace period', async () => {
    const { databaseUrl, dataDir, schema } = testDb.reopen;
    const env: Record<string, string> = { PLC_DB_SCHEMA: schema, PLC_PORT: '0', PLC_SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS) };
    if (databaseUrl) env['DATABASE_URL'] = databaseUrl;
    const child = await startChild(BIN, ['serve', ...(dataDir ? ['--data', dataDir] : [])], env);
    const trust = 'trust-sigterm';
    const token = await teacherToken('p-ana', trust);
    const answered: string[] = [];
    const unanswered: string[] = [];
    const statuses = new Map<number | string, number>();
    let stopping = false;
    const clients = Array.from({ length: 12 }, async (_, n) => {
      const log = draftLog(`enq-term-${n}`, 2_000);
      for (let i = 0; i < log.length && !stopping; i += 50) {
        const batch = log.slice(i, i + 50);
        const reply = await fetch(`${child.url}/v1/enquiries/${batch[0]!.enquiryId}/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ events: batch }),
        }).then(
          async (response) => ({ status: response.status, body: await response.text() }),
          () => ({ status: 'connection closed', body: '' }),
        );
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        if (reply.status === 200) answered.push(...batch.map((e) => e.id));
        else {
          unanswered.push(...batch.map((e) => e.id));
          break;
        }
      }
    });
    while (answered.length < 300) await new Promise((resolve) => setTimeout(resolve, 20));
    const signalled = performance.now();
    child.process.kill('SIGTERM');
    const code = await child.exited;
    const tookMs = performance.now() - signalled;
    stopping = true;
    await Promise.all(clients);

    console.log(`# SIGTERM: exit in ${Math.round(tookMs)} ms; answers ${JSON.stringify([...statuses])}`);
    assert.equal(code, 0, 'a graceful exit');
    assert.ok(tookMs < GRACE_SECONDS * 1000, `it stopped in ${Math.round(tookMs)} ms, within its ${GRACE_SECONDS} s grace period`);
    assert.deepEqual([...statuses.keys()].filter((s) => s !== 200 && s !== 503 && s !== 'connection closed'), [], JSON.stringify([...statuses]));
    const db = await openDb(testDb.reopen);
    try {
      const { rows } = await db.query<{ id: string }>('SELECT id FROM events WHERE trust_id = $1 AND id = ANY($2::text[])', [trust, answered]);
      assert.equal(rows.length, answered.length, 'every push answered 200 is stored');
      const { rows: cut } = await db.query<{ id: string }>('SELECT id FROM events WHERE trust_id = $1 AND id = ANY($2::text[])', [trust, unanswered]);
      assert.equal(cut.length, 0, 'a push that got no 200 was never taken: no request is cut after it started');
      const { rows: enquiries } = await db.query<{ enquiry_id: string; n: number; counted: number }>(
        `SELECT e.enquiry_id, count(*)::int AS n, (s.summary->'counts'->>'events')::int AS counted FROM events e JOIN summaries s USING (trust_id, enquiry_id)
         WHERE e.trust_id = $1 GROUP BY e.enquiry_id, s.summary`,
        [trust],
      );
      for (const row of enquiries) assert.equal(row.n, row.counted, `${row.enquiry_id}: no push half-stored (summary and log agree)`);
    } finally {
      await db.close();
    }
  });
});
