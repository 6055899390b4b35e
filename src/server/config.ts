/**
 * Server options from environment variables, for `plc-kit serve` and container deployments.
 * @module
 */
import { parseEmbedAncestors } from './embed.js';
import type { ServerOptions } from './index.js';
import { lrsOptionsFromEnv } from './lrs.js';
import { signinOptionsFromEnv } from './signin/env.js';

/** Settings read from the environment; the command line can override port, host and data folder. */
export interface EnvSettings {
  options: ServerOptions;
  port: number;
  host: string;
  /** Problems to warn about (a development secret, no way to verify tokens). */
  warnings: string[];
}

const positive = (value: string | undefined, name: string): number | undefined => {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new Error(`${name} must be a whole number (got "${value}").`);
  return n;
};

/**
 * Reads `DATABASE_URL`, `PLC_DATA_DIR`, `PLC_DB_SCHEMA`, `PLC_DB_POOLER=transaction` (DATABASE_URL is
 * PgBouncer's in transaction pooling mode), `DATABASE_REPLICA_URL` (a streaming replica for the
 * change feed), `PLC_DB_MAX_CONNECTIONS` (pooled connections per process),
 * `PLC_SHUTDOWN_GRACE_SECONDS` (how long SIGTERM waits for requests in flight; 20), `PLC_JWKS_URL`, `PLC_JWT_ISSUER`,
 * `PLC_JWT_AUDIENCE`, `PLC_JWT_SECRET` (development only), `PLC_PORT`, `PLC_HOST`,
 * `PLC_SURVEY_RATE_LIMIT` (answers per minute per survey link), `PLC_CORS_ORIGINS` (comma-separated
 * exact origins a browser page may call from; none by default), `PLC_DEV_TOKENS=1` (development
 * only, with `PLC_JWT_SECRET`: adds `POST /v1/dev/token` for the demo), `PLC_EMBED_ANCESTORS` (origins
 * allowed to frame the embed page at `/embed`, separated by spaces or commas; `'self'` by default),
 * and for sending statements to an LRS `PLC_LRS_ENDPOINT`, `PLC_LRS_KEY`, `PLC_LRS_SECRET`,
 * `PLC_XAPI_HOMEPAGE`, `PLC_XAPI_ACTIVITY_BASE`; for sign-in `PLC_PUBLIC_URL`, `PLC_SESSION_MINUTES`,
 * `PLC_SESSION_HOURS`, `PLC_TIME_ZONE`, `PLC_SSO_PROVIDERS` (see signin/env.ts); for the email digest of
 * notifications `PLC_SMTP_HOST`, `PLC_SMTP_PORT` (587), `PLC_SMTP_SECURE=1` (TLS from the start),
 * `PLC_SMTP_USER`, `PLC_SMTP_PASSWORD`, `PLC_MAIL_FROM`, `PLC_APP_URL` (where people open plc-kit),
 * `PLC_DIGEST_HOUR` (UTC, 15 by default).
 * @example
 * ```ts
 * const { options, port, host } = serverOptionsFromEnv(process.env);
 * await createServer(options).listen(port, host);
 * ```
 */
export function serverOptionsFromEnv(env: Record<string, string | undefined>): EnvSettings {
  const warnings: string[] = [];
  const secret = env['PLC_JWT_SECRET'] || undefined;
  const jwksUrl = env['PLC_JWKS_URL'] || undefined;
  if (secret && !jwksUrl) {
    warnings.push('PLC_JWT_SECRET is for development only: in production set PLC_JWKS_URL to your portal\'s signing keys.');
    if (env['NODE_ENV'] === 'production') throw new Error('PLC_JWT_SECRET is refused when NODE_ENV=production: set PLC_JWKS_URL.');
  }
  if (!secret && !jwksUrl) warnings.push('Neither PLC_JWKS_URL nor PLC_JWT_SECRET is set: every API request will be refused with 401.');
  const corsOrigins = (env['PLC_CORS_ORIGINS'] ?? '').split(',').map((origin) => origin.trim().replace(/\/+$/, '')).filter(Boolean);
  const devTokens = env['PLC_DEV_TOKENS'] === '1' && Boolean(secret) && !jwksUrl;
  if (env['PLC_DEV_TOKENS'] === '1' && !devTokens) warnings.push('PLC_DEV_TOKENS=1 is ignored: it needs PLC_JWT_SECRET and no PLC_JWKS_URL.');
  if (devTokens) {
    if (env['NODE_ENV'] === 'production') throw new Error('PLC_DEV_TOKENS is refused when NODE_ENV=production.');
    warnings.push('PLC_DEV_TOKENS=1: anyone who can reach this server can get a token for any person (POST /v1/dev/token). Development only.');
  }
  const rate = positive(env['PLC_SURVEY_RATE_LIMIT'], 'PLC_SURVEY_RATE_LIMIT');
  const pooler = env['PLC_DB_POOLER'] || undefined;
  if (pooler !== undefined && pooler !== 'transaction') throw new Error(`PLC_DB_POOLER must be "transaction" (PgBouncer in transaction pooling mode), or unset (got "${pooler}").`);
  const maxConnections = positive(env['PLC_DB_MAX_CONNECTIONS'], 'PLC_DB_MAX_CONNECTIONS');
  const grace = positive(env['PLC_SHUTDOWN_GRACE_SECONDS'], 'PLC_SHUTDOWN_GRACE_SECONDS');
  const lrs = lrsOptionsFromEnv(env, warnings);
  const smtpHost = env['PLC_SMTP_HOST'] || undefined;
  if (smtpHost && !env['PLC_MAIL_FROM']) throw new Error('PLC_SMTP_HOST is set: set PLC_MAIL_FROM too (the digest\u2019s From address, e.g. "plc-kit <plc@trust.example>").');
  const notifications = smtpHost
    ? {
        smtp: {
          host: smtpHost,
          port: positive(env['PLC_SMTP_PORT'], 'PLC_SMTP_PORT') ?? 587,
          secure: env['PLC_SMTP_SECURE'] === '1',
          ...(env['PLC_SMTP_USER'] ? { auth: { user: env['PLC_SMTP_USER'], pass: env['PLC_SMTP_PASSWORD'] ?? '' } } : {}),
        },
        from: env['PLC_MAIL_FROM']!,
        publicUrl: env['PLC_PUBLIC_URL'] || undefined,
        appUrl: env['PLC_APP_URL'] || undefined,
        digestHour: positive(env['PLC_DIGEST_HOUR'], 'PLC_DIGEST_HOUR'),
      }
    : undefined;
  const signin = signinOptionsFromEnv(env, warnings);
  const embedAncestors = env['PLC_EMBED_ANCESTORS']?.trim() ? parseEmbedAncestors(env['PLC_EMBED_ANCESTORS']) : undefined;
  return {
    options: {
      auth: { jwksUrl, secret: jwksUrl ? undefined : secret, issuer: env['PLC_JWT_ISSUER'] || undefined, audience: env['PLC_JWT_AUDIENCE'] || undefined },
      databaseUrl: env['DATABASE_URL'] || undefined,
      dataDir: env['PLC_DATA_DIR'] || undefined,
      schema: env['PLC_DB_SCHEMA'] || undefined,
      ...(pooler ? { transactionPooler: true } : {}),
      ...(env['DATABASE_REPLICA_URL'] ? { replicaUrl: env['DATABASE_REPLICA_URL'] } : {}),
      ...(maxConnections ? { maxConnections } : {}),
      ...(grace !== undefined ? { shutdownGraceMs: grace * 1000 } : {}),
      ...(corsOrigins.length ? { corsOrigins } : {}),
      ...(embedAncestors ? { embed: { ancestors: embedAncestors } } : {}),
      ...(devTokens ? { devTokens } : {}),
      ...(rate ? { surveyRateLimit: { max: rate, windowMs: 60_000 } } : {}),
      ...(lrs ? { lrs } : {}),
      ...(notifications ? { notifications } : {}),
      ...(signin ? { signin } : {}),
    },
    port: positive(env['PLC_PORT'], 'PLC_PORT') ?? 8787,
    host: env['PLC_HOST'] || '127.0.0.1',
    warnings,
  };
}
