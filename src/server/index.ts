/**
 * The plc-kit server (Node only, never part of a browser bundle): a small HTTP API that stores
 * enquiry logs, directory records and anonymous student voice in PostgreSQL (a server through
 * `DATABASE_URL`, or PGlite embedded in a data folder), so a community or a whole trust works
 * together. Authentication is the host's (a JWT verified against its JWKS); every read and write
 * is decided by the same policy function the components use.
 * @example
 * ```ts
 * import { createServer } from '@plc-kit/server';
 * const server = createServer({ auth: { jwksUrl: 'https://portal.example.org/.well-known/jwks.json' } });
 * const url = await server.listen(8787); // http://127.0.0.1:8787
 * process.on('SIGTERM', () => server.close());
 * ```
 * @packageDocumentation
 */
import { SignJWT } from 'jose';
import { defaultLifecycle, type Lifecycle } from '../lifecycle/lifecycle.js';
import { buildApp, DEFAULT_LIMITS, type BodyLimits, type DevTokenClaims } from './app.js';
import type { AuthOptions } from './auth.js';
import { checkSearchPath, openDb, type Db } from './db.js';
import { registerEmbedRoutes, type EmbedOptions } from './embed.js';
import { studentPageRoutes, type StudentPageOptions } from './routes/studentPage.js';
import { jsonLogger, silentLogger, type Logger } from './log.js';
import { checkLrsOptions, createLrsForwarder, type LrsForwarder, type LrsOptions } from './lrs.js';
import { migrate } from './migrations.js';
import { openApiDocument as documentOf } from './openapi.js';
import { createSignin, type SigninOptions } from './signin/register.js';
import { rateLimiterFor } from './rateLimit.js';
import { RateLimiter, SURVEY_RATE_LIMIT, type RateLimitOptions } from './surveys.js';
import { analysisRoutes } from './routes/analysis.js';
import { FiguresCache } from './routes/analysisRepository.js';
import { issueCredentials } from './badges/repository.js';
import { badgeRoutes } from './routes/badges.js';
import { notificationRoutes } from './routes/notifications.js';
import { createNotifier, type Notifier, type NotifierOptions } from './notificationsSender.js';

/** Options for {@link createServer}. */
export interface ServerOptions {
  /** How tokens are verified (the host's JWKS, or a development secret). */
  auth: AuthOptions;
  /** A PostgreSQL server's `postgres://` URL; without one the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** The embedded database's folder; `./plc-data` by default. */
  dataDir?: string | undefined;
  /** The schema of plc-kit's tables; `plc` by default. */
  schema?: string | undefined;
  /** The most pooled connections to a PostgreSQL server; 10 by default. */
  maxConnections?: number | undefined;
  /**
   * `databaseUrl` is a transaction pooler's, such as PgBouncer in `pool_mode = transaction`: the
   * schema then comes from the role's or database's search path, checked at start
   * (docs/server/deploy.md).
   */
  transactionPooler?: boolean | undefined;
  /** A streaming replica's URL: the change feed reads from it once it has caught up (replica.ts). */
  replicaUrl?: string | undefined;
  /**
   * How long {@link PlcServer.close} lets requests in flight finish before it closes their
   * connections; 20 s by default, within the 30 s most orchestrators wait after SIGTERM.
   */
  shutdownGraceMs?: number | undefined;
  /** An open database to use instead; the caller keeps it and closes it after the server. */
  db?: Db | undefined;
  /**
   * The lifecycle events are validated and replayed with. Integrators who insert stages or add
   * event types pass the same lifecycle as their components.
   */
  lifecycle?: Lifecycle | undefined;
  /** Where log lines go; JSON lines on standard output by default. */
  log?: Logger | undefined;
  /** Survey answers per window: per survey, per code and per link token. */
  surveyRateLimit?: RateLimitOptions | undefined;
  /** Body size limits in bytes. */
  limits?: Partial<BodyLimits> | undefined;
  /** Wall time (backups' `exportedAt`). */
  now?: (() => Date) | undefined;
  /** Exact origins allowed to call the server from a browser (CORS); none by default. */
  corsOrigins?: readonly string[] | undefined;
  /**
   * Development only: adds `POST /v1/dev/token`, which signs tokens with `auth.secret` for the
   * demo. Ignored (the route does not exist) unless the server verifies with a secret, not a JWKS.
   */
  devTokens?: boolean | undefined;
  /**
   * The embed page at `/embed` (the built `dist/embed/` folder by default) and the origins that
   * may frame it (`['self']` by default); `false` leaves the routes out.
   */
  embed?: EmbedOptions | false | undefined;
  /** The student page at `/s/<code>` (the built `dist/student/` folder by default). */
  student?: StudentPageOptions | undefined;
  /**
   * Sends every lifecycle step to a Learning Record Store as an xAPI statement (see
   * docs/server/README.md, "Sending statements to an LRS"); without it nothing is sent.
   */
  lrs?: LrsOptions | undefined;
  /**
   * Sign-in beyond the host's JWT: LTI 1.3 launches from a VLE, single sign-on, plc-kit session
   * tokens and rosters (docs/server/sign-in.md). The LTI and session routes are always there; a
   * trust uses them once an administrator registers a VLE.
   */
  signin?: SigninOptions | undefined;
  /**
   * Email digests of notifications over SMTP (docs/server/README.md, "Notifications by email").
   * Without it notifications are in the app only.
   */
  notifications?: NotifierOptions | undefined;
}

/** A running (or ready to run) server. */
export interface PlcServer {
  /**
   * Opens the database, runs the migrations and listens. Binds 127.0.0.1 by default; pass `0`
   * as the port for any free one.
   * @returns the server's URL, such as `http://127.0.0.1:8787`.
   */
  listen(port?: number, host?: string): Promise<string>;
  /**
   * Shuts down gracefully: stops accepting requests (new ones get 503), lets the ones in flight
   * finish (their writes commit), then closes the database.
   */
  close(): Promise<void>;
  /** The URL once listening, else undefined. */
  readonly url: string | undefined;
  /** The database, once open (for hosts' own health checks and for tests). */
  readonly db: Db | undefined;
  /** The LRS forwarder, once the database is open, when `lrs` is configured. */
  readonly lrs: LrsForwarder | undefined;
  /** The email notifier, once the database is open, when `notifications` is configured. */
  readonly notifier: Notifier | undefined;
  /** Every route this server answers, as `GET /v1/changes` (no database needed). */
  routes(): Promise<string[]>;
  /** The OpenAPI 3.1 document of this server's routes, as served at `/openapi.json` (no database needed). */
  openapi(): Promise<Record<string, unknown>>;
}

/** Counts database work in flight, so shutting down waits for every write to commit. */
class WorkCounter {
  running = 0;
  #waiters: Array<() => void> = [];

  track(db: Db): Db {
    const run = async <T>(work: () => Promise<T>): Promise<T> => {
      this.running += 1;
      try {
        return await work();
      } finally {
        this.running -= 1;
        if (this.running === 0) for (const resolve of this.#waiters.splice(0)) resolve();
      }
    };
    return {
      kind: db.kind,
      schema: db.schema,
      query: (sql, params) => run(() => db.query(sql, params)),
      transaction: (fn) => run(() => db.transaction(fn)),
      close: () => db.close(),
      ...(db.replica ? { replica: { available: () => db.replica!.available(), query: (sql, params) => run(() => db.replica!.query(sql, params)) } } : {}),
    };
  }

  idle(): Promise<void> {
    return this.running === 0 ? Promise.resolve() : new Promise((resolve) => this.#waiters.push(resolve));
  }
}

/** The port `plc-kit serve` uses by default. */
export const DEFAULT_PORT = 8787;

/**
 * Creates the plc-kit server. Nothing happens until {@link PlcServer.listen}.
 * @example
 * ```ts
 * const server = createServer({ auth: { secret: process.env.PLC_JWT_SECRET }, dataDir: './plc-data' });
 * await server.listen(8787);
 * ```
 */
export function createServer(options: ServerOptions): PlcServer {
  const lifecycle = options.lifecycle ?? defaultLifecycle;
  const log = options.log ?? jsonLogger();
  const now = options.now ?? (() => new Date());
  const openDbOrThrow = () => {
    if (!tracked) throw new Error('The database is not open yet.');
    return tracked;
  };
  // The sites allowed to frame /embed may also frame a launch page (besides the launching VLE).
  const signin = createSignin(openDbOrThrow, options.auth, now, { frameAncestors: options.embed ? options.embed.ancestors : undefined, ...options.signin });
  const authenticate = signin.authenticate;
  // Survey links are limited across every process sharing the database (in memory on PGlite).
  const limiter = rateLimiterFor(openDbOrThrow, 'survey-link', {
    max: options.surveyRateLimit?.max ?? SURVEY_RATE_LIMIT.max,
    windowMs: options.surveyRateLimit?.windowMs ?? SURVEY_RATE_LIMIT.windowMs,
  }, new RateLimiter(options.surveyRateLimit));
  const lrsOptions = options.lrs ? checkLrsOptions(options.lrs) : undefined;
  let forwarder: LrsForwarder | undefined;
  let notifier: Notifier | undefined;
  let db: Db | undefined = options.db;
  /** The database as the routes use it: every statement and transaction counted. */
  let tracked: Db | undefined;
  const ownsDb = !options.db;
  let opening: Promise<Db> | undefined;
  let url: string | undefined;
  let closing: Promise<void> | undefined;
  const work = new WorkCounter();

  const open = () =>
    (opening ??= (async () => {
      db ??= await openDb({
        databaseUrl: options.databaseUrl,
        dataDir: options.dataDir,
        schema: options.schema,
        maxConnections: options.maxConnections,
        transactionPooler: options.transactionPooler,
        replicaUrl: options.replicaUrl,
        onError: (error) => log({ level: 'warn', msg: 'database connection error', error: error.message }),
      });
      if (options.transactionPooler) await checkSearchPath(db);
      tracked = work.track(db);
      const applied = await migrate(db);
      if (applied.length) log({ level: 'info', msg: 'migrated', versions: applied, schema: db.schema, database: db.kind });
      if (lrsOptions) forwarder = createLrsForwarder(tracked, lrsOptions, log);
      if (options.notifications) notifier = createNotifier(tracked, options.notifications, () => url ?? `http://127.0.0.1:${DEFAULT_PORT}`, now);
      return db;
    })());

  const publicUrl = () => options.signin?.publicUrl ?? url ?? `http://127.0.0.1:${DEFAULT_PORT}`;
  const { app, table } = buildApp({
    db: openDbOrThrow,
    lifecycle,
    authenticate,
    log,
    limiter,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    now,
    openapi: () => documentOf(table.contracts, lifecycle),
    onEventsStored: () => forwarder?.nudge(),
    // Issued at publish time (or, for a whole trust, when a backup is imported), idempotently; a
    // signing that fails is logged, and the next read of the credentials or the celebrate view
    // issues them (docs/privacy.md, "Recognition").
    async onPublishedStored(trustId, enquiryId) {
      try {
        await issueCredentials(openDbOrThrow(), trustId, publicUrl(), now(), enquiryId);
      } catch (error) {
        log({ level: 'error', msg: 'badge issuing failed', trustId, enquiryId, error: error instanceof Error ? error.message : String(error) });
      }
    },
    async lrsStatus(trustId) {
      if (!lrsOptions || !forwarder) return { enabled: false };
      return { enabled: true, endpoint: lrsOptions.endpoint, homePage: lrsOptions.homePage, ...(await forwarder.status(trustId)) };
    },
    corsOrigins: options.corsOrigins,
    devToken: options.devTokens && options.auth.secret && !options.auth.jwksUrl ? devTokenSigner(options.auth.secret, options.auth) : undefined,
    async readiness() {
      if (closing) return { ready: false, reason: 'shutting down' };
      if (!db) return { ready: false, reason: 'the database is not open yet' };
      try {
        await db.query('SELECT 1');
        return { ready: true };
      } catch (error) {
        return { ready: false, reason: `the database does not answer: ${(error as Error).message}` };
      }
    },
  });

  void app.register(analysisRoutes, { db: openDbOrThrow, authenticate, lifecycle, cache: new FiguresCache() });
  void app.register(notificationRoutes, { db: openDbOrThrow, authenticate, now });
  void app.register(badgeRoutes, { db: openDbOrThrow, authenticate, now, publicUrl });
  if (options.embed !== false) registerEmbedRoutes(app, options.embed);
  void app.register(studentPageRoutes, { db: openDbOrThrow, limiter, options: options.student });
  signin.register(app, { lifecycle, log, publicUrl: () => url ?? `http://127.0.0.1:${DEFAULT_PORT}` });

  // Responses sent while shutting down close their connection, so the server can stop at once.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) void reply.header('connection', 'close');
    return payload;
  });

  return {
    get url() {
      return url;
    },
    get db() {
      return db;
    },
    get lrs() {
      return forwarder;
    },
    get notifier() {
      return notifier;
    },
    async routes() {
      await app.ready();
      return [...table.routes];
    },
    async openapi() {
      await app.ready();
      return documentOf(table.contracts, lifecycle);
    },
    async listen(port = DEFAULT_PORT, host = '127.0.0.1') {
      if (closing) throw new Error('This server has been closed: create a new one.');
      await open();
      await app.listen({ port, host });
      const address = app.server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
      log({ level: 'info', msg: 'listening', url, database: db!.kind, schema: db!.schema });
      notifier?.start((error) => log({ level: 'error', msg: 'notifications', error: error instanceof Error ? error.message : String(error) }));
      if (forwarder) {
        forwarder.start();
        log({ level: 'info', msg: 'lrs forwarding', endpoint: forwarder.options.endpoint, homePage: forwarder.options.homePage });
      }
      return url;
    },
    close() {
      closing ??= (async () => {
        log({ level: 'info', msg: 'shutting down', running: work.running });
        // New requests get 503; the server closes once every response in flight is sent. The
        // forwarder and the notifier stop too, once what they are sending has its outcome recorded.
        // A request still running after the grace period loses its connection (its client retries).
        const grace = setTimeout(() => {
          log({ level: 'warn', msg: 'shutdown grace period over: closing connections', running: work.running });
          app.server.closeAllConnections();
        }, options.shutdownGraceMs ?? 20_000);
        await Promise.all([app.close(), forwarder?.stop(), notifier?.stop()]).finally(() => clearTimeout(grace));
        // A request whose client went away may still be writing: let it commit.
        await work.idle();
        if (opening) await opening.catch(() => undefined);
        if (ownsDb) await db?.close();
        log({ level: 'info', msg: 'stopped' });
      })();
      return closing;
    },
  };
}

export { createAuthenticator, defaultClaims, type AuthOptions, type ClaimsMapper, type Principal } from './auth.js';
export { createPgDb, createPgliteDb, DatabaseUnavailableError, openDb, type Db, type DatabaseOptions, type Queryable, type QueryResult, type Replica } from './db.js';
export { checkEmbedAncestors, embedPolicy, parseEmbedAncestors, type EmbedOptions } from './embed.js';
export { HttpError, type ErrorBody, type ErrorCode } from './errors.js';
export { jsonLogger, silentLogger, type LogEntry, type Logger } from './log.js';
export { checkLrsOptions, type LrsForwarder, type LrsOptions, type LrsStatus, type LrsTrustStatus, type RetryOptions } from './lrs.js';
export { MIGRATIONS, migrate, type Migration } from './migrations.js';
export { DEFAULT_STUCK_WEEKS, NOTIFICATION_KINDS, type Notification, type NotificationKind, type NotificationSettings } from './notifications.js';
export { smtpTransport, type MailTransport, type Notifier, type NotifierOptions, type SmtpOptions } from './notificationsSender.js';
export { serverOptionsFromEnv } from './config.js';
export type { SigninOptions } from './signin/register.js';
export type { SsoProvider } from './signin/sso.js';
export type { IssuedSession, SessionSettings } from './signin/sessions.js';
export { erase, subjectAccess, type ErasureReport, type ServerSubjectAccessPack } from './subjectRights.js';
export { verifyBadge, type IssuerDocument, type Verification } from './badges/signing.js';
export { defaultLifecycle } from '../lifecycle/lifecycle.js';
export type { Change, ChangesPage } from './changes.js';
export type { PushResponse, PushResult } from './enquiries.js';
export type { BodyLimits } from './app.js';
export type { RateLimitOptions } from './surveys.js';

/**
 * The OpenAPI 3.1 document of a server made with `options` (the default server's: every route but
 * the development token route), as `npx plc-kit openapi` prints it into docs/server/openapi.json.
 */
export async function openApiDocument(options: Partial<ServerOptions> = {}): Promise<Record<string, unknown>> {
  const server = createServer({ auth: { secret: 'openapi-document-only-never-verifies-0123' }, log: silentLogger, ...options });
  try {
    return await server.openapi();
  } finally {
    await server.close();
  }
}

/** Signs development tokens with the shared secret, with the claims the default mapping reads. */
function devTokenSigner(secret: string, auth: AuthOptions): (claims: DevTokenClaims) => Promise<string> {
  const key = new TextEncoder().encode(secret);
  return async ({ personId, trustId, roles, service }) => {
    const body: Record<string, unknown> = { plc_trust: trustId };
    if (roles?.length) body['plc_roles'] = roles;
    if (service) body['plc_service'] = true;
    const jwt = new SignJWT(body).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('8h');
    if (personId) jwt.setSubject(personId);
    if (auth.issuer) jwt.setIssuer(auth.issuer);
    if (auth.audience) jwt.setAudience(auth.audience);
    return jwt.sign(key);
  };
}
