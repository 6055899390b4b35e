/**
 * A streaming replica for the change feed: a primary and a replica of the test's own (initdb,
 * then pg_basebackup; PostgreSQL 15 on ports of their own, never the machine's cluster), and a
 * `plc-kit serve` process with DATABASE_URL on the primary and DATABASE_REPLICA_URL on the
 * replica. The feed is read from the replica and may lag (replay paused here) but never skips;
 * reads of one's own writes go to the primary; the replica crashing costs no request at all.
 * Skipped, with the reason, without PostgreSQL (DATABASE_URL unset: run with the PostgreSQL
 * pass) or its programs.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PEOPLE } from '../support/store-fixtures.js';
import { client, freePort, startChild, tokenFor, type Child, type Client, type Json } from './helpers.js';
import { NEEDS_PG_BIN, NEEDS_POSTGRES, draftLog, newTally, pushWithRetry, startPrimaryAndReplica, teacherToken } from './scale-support.js';

const BIN = fileURLToPath(new URL('../../bin/plc-kit.js', import.meta.url));
const skip = NEEDS_POSTGRES ?? NEEDS_PG_BIN;
if (skip) console.log(`# replica tests skipped: ${skip}`);

describe('server: a streaming replica takes the change feed', { skip }, () => {
  let clusters: Awaited<ReturnType<typeof startPrimaryAndReplica>>;
  let child: Child;
  let replicaDb: pg.Client;
  const trust = 'trust-replica';
  let reader: Client;
  let checkpoint: string | undefined;
  const seen: Json[] = [];
  const enquiryId = 'enq-r';
  const log = draftLog(enquiryId, 900);

  /** Pulls every page there is now from the reader's checkpoint. */
  const pullNow = async () => {
    for (;;) {
      const reply = await reader.get(`/v1/changes?${new URLSearchParams({ limit: '200', ...(checkpoint ? { since: checkpoint } : {}) })}`);
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      seen.push(...reply.body.changes.filter((c: Json) => c.kind === 'event'));
      checkpoint = reply.body.checkpoint;
      if (!reply.body.hasMore) return;
    }
  };
  const seenIds = () => seen.map((c) => c.event.id as string);
  /** Statements the server has run on the replica's plc database. */
  const replicaReads = async () => Number((await replicaDb.query<{ n: string }>("SELECT xact_commit AS n FROM pg_stat_database WHERE datname = 'plc'")).rows[0]?.n ?? 0);
  const push = async (from: number, to: number) => {
    const token = await teacherToken(PEOPLE.ana.id, trust);
    for (let i = from; i < to; i += 100) await pushWithRetry(child.url, token, log.slice(i, Math.min(to, i + 100)), newTally());
  };

  before(async () => {
    clusters = await startPrimaryAndReplica([await freePort(), await freePort()]);
    const admin = new pg.Client({ connectionString: clusters.primary.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE plc');
    await admin.end();
    child = await startChild(BIN, ['serve'], {
      DATABASE_URL: clusters.primary.url('plc'),
      DATABASE_REPLICA_URL: clusters.replica.url('plc'),
      PLC_DB_SCHEMA: 'plc',
      PLC_PORT: '0',
    });
    replicaDb = new pg.Client({ connectionString: clusters.replica.url('postgres') });
    // The replica is crashed on purpose in the last test.
    replicaDb.on('error', () => undefined);
    await replicaDb.connect();
    reader = client(child.url, await tokenFor({ sub: PEOPLE.ana.id, trust, expiresIn: '1h' }));
  });
  after(async () => {
    await replicaDb?.end().catch(() => undefined);
    if (child && child.process.exitCode === null) {
      child.process.kill('SIGTERM');
      await child.exited;
    }
    await clusters?.remove();
  });

  it('the feed is read from the replica, and catches up with every event', async () => {
    await push(0, 300);
    const before = await replicaReads();
    for (let attempt = 0; seenIds().length < 300 && attempt < 100; attempt++) {
      await pullNow();
      if (seenIds().length < 300) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.deepEqual(seenIds(), log.slice(0, 300).map((e) => e.id));
    assert.ok((await replicaReads()) > before, 'the replica answered the feed');
  });

  it('while the replica lags, the feed lags but skips nothing, and one reads one’s own writes from the primary', async () => {
    await replicaDb.query('SELECT pg_wal_replay_pause()');
    await push(300, 500);
    const summary = await reader.get(`/v1/enquiries/${enquiryId}`);
    assert.equal(summary.body.counts.events, 500, 'the enquiry just written is read from the primary');
    await pullNow();
    assert.equal(seenIds().length, 300, 'the feed waits for the replica');
    await replicaDb.query('SELECT pg_wal_replay_resume()');
    for (let attempt = 0; seenIds().length < 500 && attempt < 100; attempt++) {
      await pullNow();
      if (seenIds().length < 500) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.deepEqual(seenIds(), log.slice(0, 500).map((e) => e.id), 'then every event, once, in order');
  });

  it('the replica crashing costs no request: the feed moves to the primary', async () => {
    const pushing = push(500, 900);
    await clusters.replica.stop('immediate');
    for (let attempt = 0; seenIds().length < 900 && attempt < 200; attempt++) {
      await pullNow();
      if (seenIds().length < 900) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await pushing;
    await pullNow();
    assert.equal(child.process.exitCode, null, 'the server process is still running');
    assert.deepEqual(seenIds(), log.map((e) => e.id), 'every event once, in order');
    assert.equal((await fetch(`${child.url}/readyz`)).status, 200);
  });
});
