/**
 * Helpers for the server tests: a database per test file (embedded PGlite by default, a fresh
 * schema on the PostgreSQL server when DATABASE_URL is set), a server on a free loopback port,
 * tokens signed with the development secret, and a small JSON client.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { SignJWT } from 'jose';
import pg from 'pg';
import type { DomainEvent } from '../../src/lifecycle/events.js';
import { createPgDb, createPgliteDb, createServer, migrate, MIGRATIONS, type Db, type PlcServer, type ServerOptions } from '../../src/server/index.js';
import type { LogEntry } from '../../src/server/log.js';
import { expandChange, type ChangesForm } from '../../src/sync/wire.js';
import { recordingStatements } from '../support/sql-statements.js';
import { DIRECTORY_RECORDS, PEOPLE } from '../support/store-fixtures.js';

export const SECRET = 'plc-kit-test-secret-0123456789abcdef';
export const DATABASE_URL = process.env['DATABASE_URL'] || undefined;
/** Which database the suite runs on, for test names. */
export const ON = DATABASE_URL ? 'PostgreSQL' : 'PGlite';

/** A database for one test file, and how to remove it. */
export interface TestDb {
  /** The open database (a test that reopens it puts the new one here, for cleanup to close). */
  db: Db;
  /** Options that open the same database again (for restarts and child processes). */
  reopen: { databaseUrl?: string; dataDir?: string; schema: string };
  /** Closes `db` and removes the data. */
  cleanup(this: TestDb): Promise<void>;
}

/** A random schema name for one test run on a shared PostgreSQL database. */
export const randomSchema = () => `plc_test_${randomBytes(5).toString('hex')}`;

/**
 * Opens a fresh database: a new schema on the PostgreSQL server when DATABASE_URL is set
 * (dropped on cleanup), otherwise a new PGlite folder in the temporary directory.
 */
export async function openTestDb(): Promise<TestDb> {
  const schema = randomSchema();
  if (DATABASE_URL) {
    const db = recordingStatements(createPgDb({ connectionString: DATABASE_URL, schema }));
    return {
      db,
      reopen: { databaseUrl: DATABASE_URL, schema },
      async cleanup() {
        await this.db.close().catch(() => undefined);
        await dropSchema(schema);
      },
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'plc-kit-test-'));
  cpSync(await migratedPgliteTemplate(), dataDir, { recursive: true });
  const db = recordingStatements(await createPgliteDb({ dataDir, schema }));
  await db.query(`ALTER SCHEMA ${TEMPLATE_SCHEMA} RENAME TO ${schema}`);
  return {
    db,
    reopen: { dataDir, schema },
    async cleanup() {
      await db.close().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const PGLITE_VERSION = (JSON.parse(readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * Makes a template folder once per machine: `build(folder)` fills a fresh folder, which then
 * takes the name `name` in the temporary directory (when two test files build it at once, the
 * first to finish wins and the other's is removed).
 */
async function template(name: string, build: (folder: string) => Promise<void>): Promise<string> {
  const path = join(tmpdir(), name);
  if (existsSync(join(path, 'PG_VERSION'))) return path;
  const building = mkdtempSync(join(tmpdir(), 'plc-kit-pglite-building-'));
  await build(building);
  try {
    renameSync(building, path);
  } catch {
    rmSync(building, { recursive: true, force: true });
  }
  return path;
}

/** A freshly initialised PGlite data folder, per PGlite version: initialising one takes several seconds. */
const pgliteTemplate = () =>
  template(`plc-kit-pglite-template-${PGLITE_VERSION}`, async (folder) => {
    const { PGlite } = await import('@electric-sql/pglite');
    const lite = new PGlite(folder);
    await lite.waitReady;
    await lite.close();
  });

/** The schema the migrated template's tables are in, renamed to each test file's own schema. */
const TEMPLATE_SCHEMA = 'plc_test_template';

/**
 * A PGlite data folder with every migration applied in TEMPLATE_SCHEMA, per PGlite version and
 * set of migrations, copied for each test file: copying takes a fraction of a second, migrating
 * about two CPU-seconds in every server test file and child server (migrations still run on
 * PGlite once per change of them, and on PostgreSQL in every test schema).
 */
async function migratedPgliteTemplate(): Promise<string> {
  const migrations = createHash('sha256').update(JSON.stringify(MIGRATIONS)).digest('hex').slice(0, 12);
  const fresh = await pgliteTemplate();
  return template(`plc-kit-pglite-migrated-${PGLITE_VERSION}-${migrations}`, async (folder) => {
    cpSync(fresh, folder, { recursive: true });
    const db = recordingStatements(await createPgliteDb({ dataDir: folder, schema: TEMPLATE_SCHEMA }));
    await migrate(db);
    await db.close();
  });
}

/** Drops a test schema on the PostgreSQL server. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** Claims of a test token. */
export interface TestClaims {
  sub?: string;
  trust: string;
  roles?: string[];
  service?: boolean;
  expiresIn?: string;
}

/** Signs a token with the development secret, as a host would. */
export async function tokenFor(claims: TestClaims): Promise<string> {
  const body: Record<string, unknown> = { plc_trust: claims.trust };
  if (claims.roles) body['plc_roles'] = claims.roles;
  if (claims.service) body['plc_service'] = true;
  const jwt = new SignJWT(body).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(claims.expiresIn ?? '10m');
  if (claims.sub) jwt.setSubject(claims.sub);
  return jwt.sign(new TextEncoder().encode(SECRET));
}

/** A parsed JSON body, loosely typed: tests read response bodies freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one loose type of the server tests
export type Json = any;

/** A JSON response. */
export interface Reply<T = Json> {
  status: number;
  headers: Headers;
  body: T;
}

/** A small JSON client for one token. */
export function client(url: string, token?: string) {
  const call = async <T = Json>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };
  return {
    get: <T = Json>(path: string, headers?: Record<string, string>) => call<T>('GET', path, undefined, headers),
    post: <T = Json>(path: string, body: unknown, headers?: Record<string, string>) => call<T>('POST', path, body, headers),
    put: <T = Json>(path: string, body: unknown, headers?: Record<string, string>) => call<T>('PUT', path, body, headers),
    delete: <T = Json>(path: string, headers?: Record<string, string>) => call<T>('DELETE', path, undefined, headers),
  };
}

export type Client = ReturnType<typeof client>;

/** A running test server and what tests use with it. */
export interface TestServer {
  server: PlcServer;
  url: string;
  logs: LogEntry[];
  /** A client signed in as `sub` in `trust` with `roles`. */
  as(sub: string, trust: string, roles?: string[]): Promise<Client>;
  /** A client with a service token for `trust`. */
  service(trust: string): Promise<Client>;
  close(): Promise<void>;
}

/**
 * A test database and a server on it for the tests of the enclosing `describe`: opened before
 * them and closed after, handed to `use` (so the suite keeps its own names for them).
 * @example
 * ```ts
 * let testDb: TestDb, test: TestServer;
 * serverForSuite((db, server) => ([testDb, test] = [db, server]));
 * ```
 */
export function serverForSuite(use: (testDb: TestDb, server: TestServer) => void, options: Partial<ServerOptions> = {}): void {
  let testDb: TestDb | undefined;
  let server: TestServer | undefined;
  before(async () => {
    testDb = await openTestDb();
    server = await startServer(testDb.db, options);
    use(testDb, server);
  });
  after(async () => {
    await server?.close();
    await testDb?.cleanup();
  });
}

/** Starts a server on a free loopback port over `db`, logging into an array. */
export async function startServer(db: Db, options: Partial<ServerOptions> = {}, port = 0): Promise<TestServer> {
  const logs: LogEntry[] = [];
  const server = createServer({ auth: { secret: SECRET }, db, log: (entry) => logs.push(entry), ...options });
  const url = await server.listen(port);
  return {
    server,
    url,
    logs,
    as: async (sub, trust, roles = ['teacher']) => client(url, await tokenFor({ sub, trust, roles })),
    service: async (trust) => client(url, await tokenFor({ trust, service: true, sub: 'sync-job' })),
    close: () => server.close(),
  };
}

/** A loopback port nothing listens on now, for a server whose options must name its own address. */
export async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Puts the fixture directory (school, people, cycles, theme, community) into a trust. */
export async function seedTrust(test: TestServer, trust: string, extra: Array<[string, { id: string }]> = []): Promise<void> {
  const admin = await test.as('p-admin', trust, ['admin']);
  for (const [collection, record] of [...DIRECTORY_RECORDS, ...extra]) {
    const reply = await admin.put(`/v1/records/${collection}/${record.id}`, record, { 'if-none-match': '*' });
    if (reply.status !== 201) throw new Error(`seeding ${collection}/${record.id}: ${reply.status} ${JSON.stringify(reply.body)}`);
  }
}

/**
 * Pushes events as their authors would: consecutive events by the same author go in one batch
 * with that author's token. Returns every result in order.
 */
export async function pushAsAuthors(test: TestServer, trust: string, enquiryId: string, events: readonly DomainEvent[]): Promise<Json[]> {
  const results: Json[] = [];
  let i = 0;
  while (i < events.length) {
    const author = events[i]!.authorId;
    const batch: DomainEvent[] = [];
    while (i < events.length && events[i]!.authorId === author) batch.push(events[i++]!);
    const roles = author === PEOPLE.cpd.id ? ['teacher', 'cpd-leader'] : ['teacher'];
    const reply = await (await test.as(author, trust, roles)).post(`/v1/enquiries/${enquiryId}/events`, { events: batch });
    if (reply.status !== 200) throw new Error(`push by ${author}: ${reply.status} ${JSON.stringify(reply.body)}`);
    results.push(...reply.body.results);
  }
  return results;
}

/**
 * Pulls every page of the change feed from `since`; in the compact form when `form` says so,
 * each change then read back as an object (`expandChange`, as the HTTP store does).
 */
export async function pullAll(api: Client, since?: string, limit = 500, form?: ChangesForm): Promise<{ changes: Json[]; checkpoint: string; pages: number; reset: boolean }> {
  const changes: Json[] = [];
  let checkpoint = since;
  let pages = 0;
  let reset = false;
  for (;;) {
    const query = new URLSearchParams({ limit: String(limit), ...(checkpoint ? { since: checkpoint } : {}), ...(form ? { form } : {}) });
    const reply = await api.get(`/v1/changes?${query}`);
    if (reply.status !== 200) throw new Error(`pull: ${reply.status} ${JSON.stringify(reply.body)}`);
    pages += 1;
    reset ||= reply.body.reset;
    if (form === 'compact' && !reply.body.changes.every(Array.isArray)) throw new Error('pull: the compact form has a change that is not an array');
    changes.push(...(reply.body.changes as Json[]).map(expandChange));
    checkpoint = reply.body.checkpoint;
    if (!reply.body.hasMore) return { changes, checkpoint: checkpoint!, pages, reset };
  }
}

/** A plc-kit server (or command) in a child process, read through its JSON log lines. */
export interface Child {
  process: ChildProcess;
  url: string;
  /** Resolves when the child prints a log line with this message. */
  line(msg: string): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

/**
 * V8 flags of this test process that its child servers take too: scripts/test.js runs the server
 * tests with `--liftoff-only`, since optimising PGlite's WebAssembly costs a short-lived test
 * process more CPU than it saves.
 */
const SHARED_V8_FLAGS = process.execArgv.filter((arg) => arg === '--liftoff-only');

/** Starts a process that logs JSON lines and waits for its `listening` line. */
export async function startChild(command: string, args: string[], env: Record<string, string>): Promise<Child> {
  const child = spawn(process.execPath, [...SHARED_V8_FLAGS, ...command.endsWith('.ts') ? ['--import', 'tsx'] : [], command, ...args], {
    env: { ...process.env, PLC_JWT_SECRET: SECRET, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const seen: Array<Record<string, unknown>> = [];
  const waiting: Array<{ msg: string; resolve: (entry: Record<string, unknown>) => void }> = [];
  let buffered = '';
  let errors = '';
  child.stderr!.on('data', (chunk) => (errors += chunk));
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const text = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(text);
      } catch {
        continue;
      }
      seen.push(entry);
      for (const w of waiting.filter((w) => w.msg === entry['msg'])) w.resolve(entry);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const line = (msg: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const found = seen.find((entry) => entry['msg'] === msg);
      if (found) return resolve(found);
      waiting.push({ msg, resolve });
      void exited.then((code) => reject(new Error(`the child exited (${code}) before "${msg}": ${errors.slice(-2000)}`)));
    });
  const listening = await line('listening');
  return { process: child, url: String(listening['url']), line, exited };
}

/** The test server run as a child process (tests/server/fixtures/child-server.ts), for killing mid-push. */
export const CHILD_SERVER = fileURLToPath(new URL('./fixtures/child-server.ts', import.meta.url));
