/**
 * The database seam: a tiny interface, `query` and `transaction`, with two implementations:
 * a `pg` pool on a PostgreSQL server (`DATABASE_URL`), and PGlite, PostgreSQL compiled to WASM,
 * embedded in this process with its files in a data folder. Every statement the server runs is
 * written to work on both (PostgreSQL 15 and later; PGlite is PostgreSQL 18).
 * @module
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { StoreError } from '../store/store.js';

/** The rows of a query and how many rows it touched. */
export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

/** Something that runs one SQL statement with `$1`-style parameters. */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
}

/** A database: statements, transactions and closing. */
export interface Db extends Queryable {
  /** `postgres` for a server reached through `pg`, `pglite` for the embedded one. */
  readonly kind: 'postgres' | 'pglite';
  /** The schema every table lives in (set as the search path of every connection). */
  readonly schema: string;
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws.
   * Statements outside `fn` never join it. Its statements run one at a time in the order they
   * were asked for (several may be started at once), and all have finished before the end.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Waits for running statements and closes every connection. */
  close(): Promise<void>;
  /**
   * A streaming replica for reads that may lag a moment behind (the change feed), when one is
   * configured; see `readerFor` in replica.ts for when it is used.
   */
  readonly replica?: Replica | undefined;
}

/** A read-only copy of the database that may lag behind it. */
export interface Replica extends Queryable {
  /** False for a while after the replica failed to answer: reads go to the primary meanwhile. */
  available(): boolean;
}

/** A schema name the server accepts: lowercase letters, digits and `_`, starting with a letter or `_`. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Checks a schema name; it is interpolated into SQL, so nothing else is allowed. */
export function checkSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`The database schema name "${schema}" must be lowercase letters, digits and _ (at most 63).`);
  return schema;
}

/** Options for {@link createPgDb}. */
export interface PgDbOptions {
  /** A `postgres://` connection string. */
  connectionString: string;
  /** The schema of plc-kit's tables; `plc` by default. */
  schema?: string;
  /** The most connections the pool opens; 10 by default. */
  maxConnections?: number;
  /** Called with errors of idle connections (the pool replaces them). */
  onError?: (error: Error) => void;
  /** How long a request waits for a connection before it is answered 503; 10 s by default. */
  connectTimeoutMs?: number;
  /**
   * Connections go through a pooler in transaction mode (PgBouncer `pool_mode = transaction`),
   * which keeps no session settings and refuses the `options` startup parameter: the schema is
   * then not set per connection, and the database or role must have it as its search path
   * (`ALTER ROLE ... SET search_path TO plc`), which {@link checkSearchPath} verifies at start.
   */
  transactionPooler?: boolean;
  /** A streaming replica's `postgres://` URL, for reads that may lag (see {@link Db.replica}). */
  replicaUrl?: string | undefined;
}

/**
 * The database could not be reached, or dropped the connection of a statement in flight (an
 * administrator ended it, the server or PgBouncer restarted, the network failed). The request
 * is answered 503 with Retry-After; nothing it wrote was committed unless its COMMIT had
 * already been answered, and pushes are idempotent by event id, so clients send it again.
 */
export class DatabaseUnavailableError extends StoreError {
  override readonly name = 'DatabaseUnavailableError';
  constructor(cause: unknown) {
    super('unavailable', 'The database is unavailable for a moment (its connection was lost): nothing was lost; send the request again shortly.', undefined, { cause });
  }
}

/** SQLSTATEs of a lost connection: class 08, the administrator or a crash ending the session, too many connections. */
const CONNECTION_STATES = /^(08...|57P0[1-3]|53300)$/;
/** Node's network errors and the messages `pg` uses for a connection it has lost. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const LOST_MESSAGES = /Connection terminated|connection error and is not queryable|Client was closed|timeout exceeded when trying to connect|terminating connection|server closed the connection/i;

/** Whether an error means the connection was lost or could not be made (rather than a fault of the statement). */
export function isConnectionError(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  const e = error as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.code === 'string' && (CONNECTION_STATES.test(e.code) || NETWORK_CODES.has(e.code))) return true;
  return typeof e.message === 'string' && LOST_MESSAGES.test(e.message);
}

/** Rethrows a lost connection as {@link DatabaseUnavailableError}, anything else as it is. */
function unavailableIfLost(error: unknown): never {
  throw isConnectionError(error) && !(error instanceof DatabaseUnavailableError) ? new DatabaseUnavailableError(error) : error;
}

/** bigint columns (sequence numbers) arrive as numbers: they stay far below 2^53. */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/** At most this many statements are prepared per connection; others are planned each time. */
const MAX_PREPARED = 500;

/**
 * Names for the statements the server runs with parameters, so each connection prepares a
 * statement once and PostgreSQL parses and plans it from then on from its cache (the change
 * feed's statement took 0.6-0.9 ms to plan, as long as it took to run). Not through a
 * transaction pooler, where the next statement may reach another server connection.
 */
function statementNames(): (sql: string) => string | undefined {
  const names = new Map<string, string>();
  return (sql) => {
    let name = names.get(sql);
    if (name === undefined && names.size < MAX_PREPARED) names.set(sql, (name = `plc_${names.size + 1}`));
    return name;
  };
}

/**
 * A database on a PostgreSQL server through a `pg` connection pool. The schema is set as each
 * connection's search path, so several plc-kit installations (or test runs) can share one
 * database in separate schemas.
 * @example
 * ```ts
 * const db = createPgDb({ connectionString: process.env.DATABASE_URL! });
 * await db.query('SELECT 1');
 * ```
 */
export function createPgDb(options: PgDbOptions): Db {
  const schema = checkSchemaName(options.schema ?? 'plc');
  const pool = createPool(options.connectionString, schema, options);
  const replica = options.replicaUrl ? createReplica(createPool(options.replicaUrl, schema, { ...options, maxConnections: options.maxConnections ?? 10 }), options.onError) : undefined;
  const names = options.transactionPooler ? undefined : statementNames();
  const run = async <R>(client: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> => {
    const name = params?.length ? names?.(sql) : undefined;
    try {
      const result = name ? await client.query({ name, text: sql, values: params as unknown[] }) : await client.query(sql, params as unknown[] | undefined);
      return { rows: result.rows as R[], rowCount: result.rowCount ?? result.rows.length };
    } catch (error) {
      return unavailableIfLost(error);
    }
  };
  return {
    kind: 'postgres',
    schema,
    query: (sql, params) => run(pool, sql, params),
    async transaction(fn) {
      const client = await pool.connect().catch(unavailableIfLost);
      const tx = serial({ query: (sql, params) => run(client, sql, params) });
      let broken = false;
      try {
        await run(client, 'BEGIN');
        const result = await fn(tx);
        // A statement the caller started and did not wait for runs before the COMMIT, never with it.
        await tx.idle();
        await run(client, 'COMMIT');
        return result;
      } catch (error) {
        await tx.idle();
        if (isConnectionError(error)) broken = true;
        else {
          try {
            await client.query('ROLLBACK');
          } catch {
            broken = true;
          }
        }
        return unavailableIfLost(error);
      } finally {
        client.release(broken);
      }
    },
    close: async () => {
      await Promise.all([pool.end(), replica?.close()]);
    },
    ...(replica ? { replica } : {}),
  };
}

/** How long an unused pooled connection stays open. */
const IDLE_CONNECTION_MS = 5 * 60_000;

function createPool(connectionString: string, schema: string, options: Omit<PgDbOptions, 'connectionString'>): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: options.maxConnections ?? 10,
    ...(options.transactionPooler ? {} : { options: `-c search_path=${schema}` }),
    types: pgTypes,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    // pg closes a connection idle for 10 s by default, and hands out the most recently used
    // first, so under steady traffic the pool kept closing and reopening its spare connections:
    // each new PostgreSQL backend costs a fork and cold catalog caches (a first statement planned
    // in 2-40 ms against 0.1-1 ms warm). Idle connections are closed after five quiet minutes.
    idleTimeoutMillis: IDLE_CONNECTION_MS,
    keepAlive: true,
  });
  // The pool listens for errors of idle connections only. A connection checked out by a
  // transaction that loses its server (pg_terminate_backend, a restart) emits 'error' too, and
  // an 'error' event without a listener ends the process: every connection gets one for life.
  // The statement in flight rejects with the same error, and the transaction gives the
  // connection back broken, so it is closed rather than reused.
  pool.on('connect', (client) => client.on('error', () => undefined));
  pool.on('error', (error) => options.onError?.(error));
  return pool;
}

/** How long reads stay on the primary after the replica failed to answer. */
const REPLICA_BACKOFF_MS = 5_000;

/**
 * A replica's pool. When the replica cannot answer (it is down, restarting, or gone), it is left
 * alone for a few seconds, so `readerFor` (replica.ts) sends reads to the primary meanwhile.
 */
function createReplica(pool: pg.Pool, onError?: (error: Error) => void): Replica & { close(): Promise<void> } {
  let downUntil = 0;
  return {
    available: () => Date.now() >= downUntil,
    async query<R>(sql: string, params?: readonly unknown[]) {
      try {
        const result = await pool.query(sql, params as unknown[] | undefined);
        return { rows: result.rows as R[], rowCount: result.rowCount ?? result.rows.length };
      } catch (error) {
        if (isConnectionError(error)) {
          downUntil = Date.now() + REPLICA_BACKOFF_MS;
          onError?.(error as Error);
        }
        return unavailableIfLost(error);
      }
    },
    close: () => pool.end(),
  };
}

/**
 * Checks that statements find plc-kit's schema first on their search path: through a
 * transaction pooler the schema comes from the database's or role's settings, not from the
 * connection, and a wrong one would create and read tables elsewhere.
 */
export async function checkSearchPath(db: Db): Promise<void> {
  const { rows } = await db.query<{ search_path: string }>('SHOW search_path');
  const first = rows[0]?.search_path.split(',')[0]?.trim().replace(/^"|"$/g, '');
  if (first !== db.schema) {
    throw new Error(
      `Through a transaction pooler the search path must start with the schema ${db.schema}, but it is "${rows[0]?.search_path}": run ALTER ROLE <role> SET search_path TO ${db.schema} (or ALTER DATABASE <database> SET search_path TO ${db.schema}) on PostgreSQL.`,
    );
  }
}

/** Options for {@link createPgliteDb}. */
export interface PgliteDbOptions {
  /** The data folder (created when missing); omit for a database in memory only. */
  dataDir?: string;
  /** The schema of plc-kit's tables; `plc` by default. */
  schema?: string;
}

/** An embedded database, which gathers its planner statistics itself (see {@link ANALYZE_AFTER_ROWS}). */
export interface PgliteDb extends Db {
  /** Resolves once statistics due after the writes so far are gathered (at once when none are). */
  statisticsGathered(): Promise<void>;
}

/** The file that says which process has a data folder open. */
const PID_FILE = 'plc-kit.pid';

/** PGlite is one process's database: refuse a folder another live process has open. */
function claimDataDir(dataDir: string): () => void {
  const pidFile = join(dataDir, PID_FILE);
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    let alive = pid === process.pid;
    if (!alive && Number.isInteger(pid) && pid > 0) {
      try {
        process.kill(pid, 0);
        alive = true;
      } catch (error) {
        alive = (error as NodeJS.ErrnoException).code === 'EPERM';
      }
    }
    if (alive) throw new Error(`The data folder ${dataDir} is open in another process (pid ${pid}): an embedded database has one process. Stop it, or use DATABASE_URL for several.`);
  }
  return () => {
    writeFileSync(pidFile, String(process.pid));
  };
}

/**
 * A database embedded in this process: PGlite (PostgreSQL compiled to WASM), its files in
 * `dataDir`. One process at a time may open a data folder; statements and transactions run one
 * after another. Creating a new folder takes a few seconds; opening an existing one about half
 * a second.
 * @example
 * ```ts
 * const db = await createPgliteDb({ dataDir: './plc-data' });
 * ```
 */
export async function createPgliteDb(options: PgliteDbOptions = {}): Promise<PgliteDb> {
  const schema = checkSchemaName(options.schema ?? 'plc');
  const { PGlite } = await import('@electric-sql/pglite');
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  let release: (() => void) | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    release = claimDataDir(dataDir);
  }
  const lite = dataDir ? new PGlite(dataDir) : new PGlite();
  await lite.waitReady;
  release?.();
  // One connection: the search path set here holds for every later statement.
  await lite.query(`SET search_path TO ${schema}`);
  type Runner = Pick<typeof lite, 'query'>;
  const statistics = statisticsKeeper(lite, schema);
  const run = async <R>(target: Runner, sql: string, params?: readonly unknown[], written?: { rows: number }): Promise<QueryResult<R>> => {
    statistics.started();
    const result = await target.query<R>(sql, params as unknown[] | undefined);
    if (result.command && WRITES.has(result.command)) {
      if (written) written.rows += result.affectedRows ?? 0;
      else statistics.wrote(result.affectedRows ?? 0);
    }
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
  };
  return {
    kind: 'pglite',
    schema,
    query: (sql, params) => run(lite, sql, params),
    async transaction(fn) {
      const written = { rows: 0 };
      const result = await lite.transaction(async (tx) => {
        const q = serial({ query: (sql, params) => run(tx, sql, params, written) });
        try {
          return await fn(q);
        } finally {
          await q.idle();
        }
      });
      // Counted once committed: rows a transaction rolled back change nothing.
      statistics.wrote(written.rows);
      return result;
    },
    statisticsGathered: () => statistics.settled(),
    async close() {
      statistics.stop();
      await statistics.settled();
      await lite.close();
      if (dataDir) rmSync(join(dataDir, PID_FILE), { force: true });
    },
  };
}

/** The commands whose rows count towards the statistics going stale. */
const WRITES = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'COPY']);

/**
 * PGlite gathers statistics once at least this many rows were written, and at least as many as
 * had been written when it last did (so the work stays in proportion to the writes: each row is
 * sampled about twice in all, however the tables grow).
 */
export const ANALYZE_AFTER_ROWS = 1_000;

/** How long PGlite must have run no statement before it gathers statistics that are due. */
export const ANALYZE_QUIET_MS = 200;

/** The longest statistics that are due wait for a quiet moment: then they are gathered anyway. */
const ANALYZE_MAX_WAIT_MS = 10_000;

/**
 * PGlite has no autovacuum, so nothing gathers the planner's statistics: on tables filled since
 * they were last gathered the planner guesses a handful of rows, and the change feed's page
 * scans (and any keyset read) became a bitmap scan of every later row and a sort instead of
 * reading a page of the `(trust_id, seq)` index (68 ms rather than 24 ms for a page after a
 * bulk import). This keeper counts the rows written and, past the threshold, runs `ANALYZE` on
 * the schema's tables (about 60 ms for 20,000 rows) once the database has been quiet for a
 * moment. PGlite runs one statement at a time in this process, so whatever statement comes
 * during an `ANALYZE` waits for it: run straight after the write that crossed the threshold, it
 * had made that request (or the next) pay for it.
 */
function statisticsKeeper(lite: { query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }> }, schema: string) {
  let written = 0;
  let analyzed = 0;
  let lastStatement = 0;
  let deadline = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let done: Promise<void> = Promise.resolve();
  let finish = () => {};
  let running: Promise<void> | undefined;
  const analyze = async () => {
    analyzed += written;
    written = 0;
    const { rows } = await lite.query(`SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname = $1`, [schema]);
    if (rows.length) await lite.query(`ANALYZE ${(rows as Array<{ name: string }>).map((table) => table.name).join(', ')}`);
  };
  const fire = () => {
    const now = Date.now();
    const quietFor = now - lastStatement;
    if (quietFor < ANALYZE_QUIET_MS && now < deadline) {
      timer = setTimeout(fire, Math.min(ANALYZE_QUIET_MS - quietFor, deadline - now));
      timer.unref();
      return;
    }
    timer = undefined;
    // Statistics are an aid to the planner: if gathering them fails, later writes try again.
    const gathered = finish;
    running = analyze()
      .catch(() => undefined)
      .finally(() => {
        running = undefined;
        gathered();
      });
  };
  return {
    /** Called as each statement starts. */
    started() {
      lastStatement = Date.now();
    },
    /** Called with the rows a statement (or a committed transaction) wrote. */
    wrote(rows: number) {
      written += rows;
      if (timer || written < Math.max(ANALYZE_AFTER_ROWS, analyzed)) return;
      deadline = Date.now() + ANALYZE_MAX_WAIT_MS;
      done = new Promise((resolve) => (finish = resolve));
      timer = setTimeout(fire, ANALYZE_QUIET_MS);
      timer.unref();
    },
    /** Resolves once the statistics due (if any) are gathered. */
    settled: async () => {
      // The timer does not keep the process alive on its own; a caller waiting for it does.
      const alive = setInterval(() => undefined, 1_000);
      try {
        await done;
        await running;
      } finally {
        clearInterval(alive);
      }
    },
    /** Stops waiting (an `ANALYZE` already running goes on): statistics not gathered yet are left for later. */
    stop() {
      if (!timer) return;
      clearTimeout(timer);
      timer = undefined;
      finish();
    },
  };
}

/**
 * A transaction's statements, one at a time: a caller that starts several at once (such as
 * `Promise.all` over a `Queryable`) has each wait for the one before to finish, rather than
 * queueing them on the transaction's one connection, which `pg` deprecates ("client.query() when
 * the client is already executing a query", to be refused in pg 9). Each still succeeds or
 * fails on its own, in the order they were asked for.
 */
export function serial(q: Queryable): Queryable & { idle(): Promise<void> } {
  let last: Promise<unknown> = Promise.resolve();
  return {
    query<R>(sql: string, params?: readonly unknown[]) {
      const result = last.then(() => q.query<R>(sql, params));
      last = result.catch(() => undefined);
      return result;
    },
    /** Resolves when every statement asked for so far has finished. */
    idle: () => last.then(() => undefined),
  };
}

/** Where the server keeps its data: a PostgreSQL server, or an embedded one in a folder. */
export interface DatabaseOptions {
  /** A `postgres://` URL; when set, the server uses that PostgreSQL server. */
  databaseUrl?: string | undefined;
  /** The embedded database's folder when there is no URL; `./plc-data` by default. */
  dataDir?: string | undefined;
  /** The schema of plc-kit's tables; `plc` by default. */
  schema?: string | undefined;
  /** The most pooled connections to a PostgreSQL server. */
  maxConnections?: number | undefined;
  onError?: (error: Error) => void;
  /** The URL is a transaction pooler's, such as PgBouncer's (see {@link PgDbOptions.transactionPooler}). */
  transactionPooler?: boolean | undefined;
  /** A streaming replica's URL, for reads that may lag. */
  replicaUrl?: string | undefined;
}

/** Opens the database the options name: PostgreSQL with a URL, else PGlite in the data folder. */
export async function openDb(options: DatabaseOptions): Promise<Db> {
  if (options.databaseUrl) {
    return createPgDb({
      connectionString: options.databaseUrl,
      ...(options.schema ? { schema: options.schema } : {}),
      ...(options.maxConnections ? { maxConnections: options.maxConnections } : {}),
      ...(options.onError ? { onError: options.onError } : {}),
      ...(options.transactionPooler ? { transactionPooler: true } : {}),
      ...(options.replicaUrl ? { replicaUrl: options.replicaUrl } : {}),
    });
  }
  return createPgliteDb({ dataDir: options.dataDir ?? './plc-data', ...(options.schema ? { schema: options.schema } : {}) });
}
