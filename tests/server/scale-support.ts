/**
 * Support for the scale and fault tests (db-faults, multi-process, pgbouncer, replica) and the
 * load benchmark: a scratch database of their own on the PostgreSQL server (so terminating its
 * connections touches nobody else), a client that pushes and retries as the HTTP store does, and
 * the exactly-once check of what was stored.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DomainEvent } from '../../src/lifecycle/events.js';
import { PEOPLE, eventWriter, individualDetails } from '../support/store-fixtures.js';
import { DATABASE_URL, client, tokenFor } from './helpers.js';

/** Why the PostgreSQL-only tests are skipped, or undefined when they can run. */
export const NEEDS_POSTGRES = DATABASE_URL ? undefined : 'needs a PostgreSQL server: set DATABASE_URL (e.g. postgres://root@127.0.0.1:5432/test)';

/** A database of the test's own on the PostgreSQL server, dropped at the end. */
export interface ScratchDb {
  name: string;
  url: string;
  /** A connection to the server's maintenance database, for faults and checks. */
  admin: pg.Client;
  /** Ends every connection to the database from anyone, as `pg_terminate_backend` does. */
  terminateAll(filter?: string): Promise<number>;
  drop(): Promise<void>;
}

/** Creates a fresh database next to DATABASE_URL's, named `plc_<label>_<random>`. */
export async function createScratchDb(label: string): Promise<ScratchDb> {
  if (!DATABASE_URL) throw new Error(NEEDS_POSTGRES);
  const name = `plc_${label}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    admin,
    async terminateAll(filter = '') {
      const { rows } = await admin.query<{ n: number }>(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() ${filter}`,
        [name],
      );
      return rows[0]!.n;
    },
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** An individual enquiry's log of `count` events by `author`: a create, then drafts of the question. */
export function draftLog(enquiryId: string, count: number, author: string = PEOPLE.ana.id): DomainEvent[] {
  const write = eventWriter({ prefix: enquiryId, node: enquiryId });
  const log = write.walk(enquiryId, 'question.drafting', individualDetails({ ownerIds: [author] })).map((e) => ({ ...e, authorId: author }));
  while (log.length < count) {
    log.push(write.event(enquiryId, 'question.draft', { text: `Draft ${log.length}`, rationale: '', targetStudents: '', plannedActions: [], successCriteria: [], plannedEvidence: [] }, author));
  }
  return log;
}

/** What a retrying pusher saw. */
export interface PushTally {
  statuses: Map<number | 'connection lost', number>;
  retryAfter: string[];
  retries: number;
  latencies: number[];
}

export const newTally = (): PushTally => ({ statuses: new Map(), retryAfter: [], retries: 0, latencies: [] });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Pushes one batch as the HTTP store does: a 503 is retried after its Retry-After (capped at
 * `maxWaitMs`), a 409 (another request stored some of the same events) at once; anything else
 * but 200 throws. Every answer is counted in `tally`.
 */
export async function pushWithRetry(
  url: string | (() => string),
  token: string,
  batch: readonly DomainEvent[],
  tally: PushTally,
  options: { attempts?: number; maxWaitMs?: number; retryLostConnection?: boolean } = {},
): Promise<Array<{ status: string }>> {
  const attempts = options.attempts ?? 20;
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    const base = typeof url === 'string' ? url : url();
    const reply = await client(base, token)
      .post(`/v1/enquiries/${batch[0]!.enquiryId}/events`, { events: batch })
      .catch(() => undefined);
    tally.latencies.push(performance.now() - started);
    const status = reply?.status ?? 'connection lost';
    tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
    if (reply?.status === 200) return reply.body.results;
    const retryable = reply?.status === 503 || reply?.status === 409 || (!reply && options.retryLostConnection);
    if (!retryable || attempt >= attempts) throw new Error(`push of ${batch[0]!.id}: ${status} ${JSON.stringify(reply?.body ?? '').slice(0, 300)}`);
    tally.retries += 1;
    if (reply?.status === 503) {
      const after = reply.headers.get('retry-after');
      if (after) tally.retryAfter.push(after);
      await sleep(Math.min(Number(after ?? 1) * 1000, options.maxWaitMs ?? 1000));
    } else if (!reply) await sleep(100);
  }
}

/** A token for a teacher of `trust`. */
export const teacherToken = (person: string, trust: string) => tokenFor({ sub: person, trust, roles: ['teacher'], expiresIn: '1h' });

/** Counts the events stored for a trust: every expected id once, nothing else. */
export async function storedCounts(q: pg.Client | pg.Pool, schema: string, trust: string, expected: readonly string[]): Promise<{ lost: number; duplicated: number; extra: number }> {
  const { rows } = await q.query<{ id: string; n: number }>(`SELECT id, count(*)::int AS n FROM ${schema}.events WHERE trust_id = $1 GROUP BY id`, [trust]);
  const stored = new Map(rows.map((row) => [row.id, row.n]));
  const wanted = new Set(expected);
  return {
    lost: expected.filter((id) => !stored.has(id)).length,
    duplicated: rows.reduce((sum, row) => sum + Math.max(0, row.n - 1), 0),
    extra: rows.filter((row) => !wanted.has(row.id)).length,
  };
}

/** Debian's PgBouncer, where installed (`apt-get install -y pgbouncer`). */
export const PGBOUNCER = ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer'].find((path) => existsSync(path));

/** A PgBouncer in transaction pooling mode on a port of its own, in front of one database. */
export interface Bouncer {
  url: string;
  /** Stops it at once (SIGTERM: connections in flight are cut). */
  stop(): Promise<void>;
  start(): Promise<void>;
}

/**
 * Starts PgBouncer (transaction pooling, no authentication on loopback) in front of `target`
 * (a `postgres://` URL with the database and user), as the `postgres` user when run as root
 * (PgBouncer refuses root). Its files live in a temporary folder removed by `stop` at the end.
 */
export async function startBouncer(target: string, port: number): Promise<Bouncer & { remove(): Promise<void> }> {
  if (!PGBOUNCER) throw new Error('pgbouncer is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'plc-pgbouncer-'));
  chmodSync(dir, 0o755);
  const t = new URL(target);
  const ini = join(dir, 'pgbouncer.ini');
  writeFileSync(
    ini,
    [
      '[databases]',
      `plc = host=${t.hostname} port=${t.port || 5432} dbname=${t.pathname.slice(1)} user=${decodeURIComponent(t.username) || 'postgres'}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = any',
      'pool_mode = transaction',
      'default_pool_size = 8',
      'max_client_conn = 500',
      'server_reset_query =',
      'ignore_startup_parameters = extra_float_digits',
      '',
    ].join('\n'),
  );
  chmodSync(ini, 0o644);
  let child: ChildProcess | undefined;
  const start = async () => {
    const asRoot = process.getuid?.() === 0;
    child = spawn(PGBOUNCER, [...(asRoot ? ['-u', 'postgres'] : []), ini], { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr!.on('data', (chunk) => (errors += chunk));
    // Ready once it accepts a connection that reaches the database.
    for (let attempt = 0; ; attempt++) {
      const probe = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/plc` });
      try {
        await probe.connect();
        await probe.query('SELECT 1');
        await probe.end();
        return;
      } catch (error) {
        await probe.end().catch(() => undefined);
        if (attempt > 100 || child.exitCode !== null) throw new Error(`pgbouncer did not start: ${(error as Error).message} ${errors.slice(-1000)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  const stop = async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/plc`,
    start,
    stop,
    async remove() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** PostgreSQL 15's programs, for a primary and a streaming replica of the test's own. */
const PG_BIN = '/usr/lib/postgresql/15/bin';

/** Why the replica tests cannot run here, or undefined. */
export const NEEDS_PG_BIN = ['initdb', 'pg_ctl', 'pg_basebackup'].every((name) => existsSync(join(PG_BIN, name))) ? undefined : `needs PostgreSQL 15's programs in ${PG_BIN}`;

/** Runs a PostgreSQL program, as the `postgres` user when this process is root (PostgreSQL refuses root). */
function pgRun(program: string, args: string[]): Promise<string> {
  const asRoot = process.getuid?.() === 0;
  const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, program), ...args]] : [join(PG_BIN, program), args];
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv as string[], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (chunk) => (out += chunk));
    child.stderr!.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${program} ${args.join(' ')} exited ${code}: ${out.slice(-1500)}`))));
  });
}

/** A PostgreSQL 15 cluster in a temporary folder on a port of its own. */
export interface Cluster {
  dir: string;
  port: number;
  url(database?: string): string;
  start(): Promise<void>;
  /** `immediate` is a crash, as when a machine goes away; `fast` a clean stop. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
}

function cluster(dir: string, port: number): Cluster {
  return {
    dir,
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: () => pgRun('pg_ctl', ['-D', dir, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, 'start']).then(() => undefined),
    stop: (mode = 'fast') => pgRun('pg_ctl', ['-D', dir, '-m', mode, '-w', 'stop']).then(() => undefined),
  };
}

/**
 * A primary (initdb, replication allowed on loopback) and a streaming replica made from it with
 * pg_basebackup, each on its own port in a temporary folder; never the machine's own cluster.
 */
export async function startPrimaryAndReplica(ports: [number, number]): Promise<{ primary: Cluster; replica: Cluster; remove(): Promise<void> }> {
  const root = mkdtempSync(join(tmpdir(), 'plc-replica-'));
  chmodSync(root, 0o755);
  const owned = (name: string) => {
    const dir = join(root, name);
    mkdirSync(dir, { mode: 0o700 });
    if (process.getuid?.() === 0) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
    return dir;
  };
  const primary = cluster(owned('primary'), ports[0]);
  const replica = cluster(owned('replica'), ports[1]);
  await pgRun('initdb', ['-D', primary.dir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  appendFileSync(join(primary.dir, 'pg_hba.conf'), '\nhost replication all 127.0.0.1/32 trust\n');
  appendFileSync(join(primary.dir, 'postgresql.conf'), '\nwal_level = replica\nmax_wal_senders = 4\nfsync = off\nshared_buffers = 32MB\n');
  await primary.start();
  await pgRun('pg_basebackup', ['-D', replica.dir, '-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-R', '-X', 'stream', '--no-sync']);
  await replica.start();
  return {
    primary,
    replica,
    async remove() {
      await replica.stop('immediate').catch(() => undefined);
      await primary.stop('immediate').catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
