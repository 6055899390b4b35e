/**
 * Sending xAPI statements to a Learning Record Store (LRS). The event log is the queue: a
 * forwarder in the server process follows each trust's events in change order (`seq`) from a
 * checkpoint kept in `lrs_checkpoints`, turns each lifecycle step into its statement
 * (`toXapiStatement`, the same builder the browser's `plc-xapi` events use) and POSTs them in
 * batches to `<endpoint>/statements` with `X-Experience-API-Version: 1.0.3` and HTTP Basic auth.
 *
 * Nothing is lost and nothing is sent twice:
 * - the checkpoint moves only past statements the LRS accepted or that were skipped on purpose
 *   (logged with the statement and event ids: a 409 conflict, or a 400 for that one statement);
 * - `lrs_statements` remembers each step sent, skipped or held back, because an event can come
 *   again later in change order (renumbered when who may read it changes, or by a backup import)
 *   and must not be sent again;
 * - a step refused by the lifecycle makes no statement, but it is held: when a late event makes
 *   it valid (merged logs from several devices) it is sent then;
 * - statement ids are name-based UUIDs of the event ids, so a batch sent again after a crash
 *   between the LRS's answer and the checkpoint's commit is the same statements to the LRS.
 *
 * Several server processes may share one database: each trust is forwarded by one process at a
 * time, under a lease in its checkpoint row (renewed before each request), not a lock held
 * across a network call, which on PGlite would stop every other query.
 *
 * A failed batch backs the trust off, in this process's memory: 401/403 (credentials) and other
 * configuration errors for a long while; 429/503 for the LRS's `Retry-After`; 5xx, timeouts and
 * network errors exponentially with jitter, capped. Other trusts go on.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { PLC_KIT_NAMESPACE, toXapiStatement, uuidV5, XAPI_VERBS, XAPI_VERSION, type XapiEnquiry, type XapiStatement } from '../export/xapi.js';
import type { DomainEvent } from '../lifecycle/events.js';
import { VERSION } from '../version.js';
import type { Principal } from './auth.js';
import type { Db, Queryable } from './db.js';
import { forbidden } from './errors.js';
import type { Logger } from './log.js';
import { json, type EventRow } from './sql.js';

/** Where statements go, as `createServer({ lrs })` takes it (or `PLC_LRS_*` in the environment). */
export interface LrsOptions {
  /**
   * The LRS's xAPI endpoint, such as `https://lrs.trust.example/xapi`: statements are POSTed to
   * `<endpoint>/statements`. https, or http for this machine only (`localhost`, `127.0.0.1`, `[::1]`).
   */
  endpoint: string;
  /** The LRS credential's key (Basic auth user name). */
  key: string;
  /** The LRS credential's secret (Basic auth password). */
  secret: string;
  /**
   * The `homePage` of every actor's account: the origin of the pages where plc-kit runs (the
   * browser's `plc-xapi` statements use it), so one person is one agent in the LRS.
   */
  homePage: string;
  /** Where activity IRIs start; `<homePage>/plc-kit` by default, as in the browser. */
  activityBase?: string | undefined;
  /** Statements per request; 50 by default (1 to 500). */
  batchSize?: number | undefined;
  /** How often to look for new events when nothing nudges the forwarder, in ms; 5,000 by default. */
  pollMs?: number | undefined;
  /** How long one request may take, in ms; 10,000 by default. */
  timeoutMs?: number | undefined;
  /** Back-off after failures, in ms. */
  retry?: Partial<RetryOptions> | undefined;
}

/** Back-off after failures, in ms. */
export interface RetryOptions {
  /** The first wait after a 5xx, a timeout or a network error; doubled each time. 1,000 by default. */
  baseMs: number;
  /** The longest such wait; 300,000 (5 minutes) by default. */
  maxMs: number;
  /**
   * The wait after the LRS refuses the credentials (401/403) or the address (404, a redirect, a
   * 400 for every statement): someone has to fix the configuration. 900,000 (15 minutes) by default.
   */
  refusedMs: number;
}

/** {@link LrsOptions} checked and with every default filled in. */
export interface ResolvedLrsOptions {
  /** The endpoint without a trailing slash. */
  endpoint: string;
  /** `<endpoint>/statements`. */
  statementsUrl: string;
  key: string;
  secret: string;
  homePage: string;
  activityBase: string | undefined;
  batchSize: number;
  pollMs: number;
  timeoutMs: number;
  retry: RetryOptions;
}

/** The names each setting is known by in error messages: option paths, or environment variables. */
export interface LrsSettingNames {
  endpoint: string;
  key: string;
  secret: string;
  homePage: string;
  activityBase: string;
}

const OPTION_NAMES: LrsSettingNames = { endpoint: 'lrs.endpoint', key: 'lrs.key', secret: 'lrs.secret', homePage: 'lrs.homePage', activityBase: 'lrs.activityBase' };

/** The environment variables of the LRS settings. */
export const LRS_ENV: LrsSettingNames = {
  endpoint: 'PLC_LRS_ENDPOINT',
  key: 'PLC_LRS_KEY',
  secret: 'PLC_LRS_SECRET',
  homePage: 'PLC_XAPI_HOMEPAGE',
  activityBase: 'PLC_XAPI_ACTIVITY_BASE',
};

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function parseUrl(value: string, name: string, example: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new Error(`${name} must be an absolute address such as ${example} (got "${value}").`);
  }
}

function httpAddress(value: string, name: string, example: string): string {
  const url = parseUrl(value, name, example);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${name} must be an http(s) address such as ${example} (got "${value}").`);
  return value.replace(/\/+$/, '');
}

const whole = (value: number | undefined, name: string, min: number, max: number, fallback: number): number => {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max} (got ${value}).`);
  return value;
};

/**
 * Checks LRS settings and fills in the defaults. Every error names the setting (`names`: the
 * option paths by default, {@link LRS_ENV} for the environment) and says what is expected.
 */
export function checkLrsOptions(options: LrsOptions, names: LrsSettingNames = OPTION_NAMES): ResolvedLrsOptions {
  const example = 'https://lrs.trust.example/xapi';
  if (!options.endpoint) throw new Error(`${names.endpoint} is empty: set it to the LRS's xAPI endpoint, such as ${example}.`);
  const url = parseUrl(options.endpoint, names.endpoint, example);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new Error(`${names.endpoint} must be an https address such as ${example} (http only for localhost, since statements and credentials would cross the network in clear); got "${options.endpoint}".`);
  }
  if (url.username || url.password) throw new Error(`${names.endpoint} must not hold credentials: put them in ${names.key} and ${names.secret}.`);
  if (url.search || url.hash) throw new Error(`${names.endpoint} must not have a query or fragment (got "${options.endpoint}").`);
  const endpoint = options.endpoint.replace(/\/+$/, '');
  if (/\/statements$/i.test(endpoint)) throw new Error(`${names.endpoint} is the xAPI endpoint itself, without /statements (got "${options.endpoint}"): plc-kit adds /statements.`);
  if (!options.key || !options.secret) {
    throw new Error(`${names.key} and ${names.secret} are both needed with ${names.endpoint}: the key and secret of a credential the LRS issued for plc-kit (sent as HTTP Basic auth).`);
  }
  if (!options.homePage) {
    throw new Error(
      `${names.homePage} is needed with ${names.endpoint}: the homePage of every person's xAPI account, such as https://portal.school.example. ` +
        'It must be the origin of the pages where plc-kit runs, which the browser\'s plc-xapi statements use, or the LRS sees each person as two.',
    );
  }
  const homePage = httpAddress(options.homePage, names.homePage, 'https://portal.school.example');
  const activityBase = options.activityBase ? httpAddress(options.activityBase, names.activityBase, 'https://portal.school.example/plc-kit') : undefined;
  const retry = options.retry ?? {};
  return {
    endpoint,
    statementsUrl: `${endpoint}/statements`,
    key: options.key,
    secret: options.secret,
    homePage,
    activityBase,
    batchSize: whole(options.batchSize, 'lrs.batchSize', 1, 500, 50),
    pollMs: whole(options.pollMs, 'lrs.pollMs', 1, 3_600_000, 5_000),
    timeoutMs: whole(options.timeoutMs, 'lrs.timeoutMs', 1, 600_000, 10_000),
    retry: {
      baseMs: whole(retry.baseMs, 'lrs.retry.baseMs', 1, 3_600_000, 1_000),
      maxMs: whole(retry.maxMs, 'lrs.retry.maxMs', 1, 86_400_000, 300_000),
      refusedMs: whole(retry.refusedMs, 'lrs.retry.refusedMs', 1, 86_400_000, 900_000),
    },
  };
}

/**
 * The LRS settings in the environment: `PLC_LRS_ENDPOINT`, `PLC_LRS_KEY`, `PLC_LRS_SECRET`,
 * `PLC_XAPI_HOMEPAGE` and `PLC_XAPI_ACTIVITY_BASE`. Undefined without an endpoint (with a
 * warning when the others are set alone); errors name the variable.
 */
export function lrsOptionsFromEnv(env: Record<string, string | undefined>, warnings: string[]): LrsOptions | undefined {
  const value = (name: string) => env[name] || undefined;
  const endpoint = value(LRS_ENV.endpoint);
  if (!endpoint) {
    const stray = [LRS_ENV.key, LRS_ENV.secret, LRS_ENV.homePage, LRS_ENV.activityBase].filter((name) => value(name));
    if (stray.length) warnings.push(`${stray.join(', ')} ${stray.length === 1 ? 'is' : 'are'} ignored without ${LRS_ENV.endpoint}: no statements are sent to an LRS.`);
    return undefined;
  }
  const options: LrsOptions = {
    endpoint,
    key: value(LRS_ENV.key) ?? '',
    secret: value(LRS_ENV.secret) ?? '',
    homePage: value(LRS_ENV.homePage) ?? '',
    activityBase: value(LRS_ENV.activityBase),
  };
  checkLrsOptions(options, LRS_ENV);
  return options;
}

// ---- waiting -------------------------------------------------------------------------------------

/** The longest `Retry-After` honoured (an hour): a larger one is taken as an hour. */
export const MAX_RETRY_AFTER_MS = 3_600_000;

/**
 * A `Retry-After` header's wait in ms: delay-seconds or an HTTP date; undefined when absent or
 * unreadable. Never negative, at most {@link MAX_RETRY_AFTER_MS}.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    // An HTTP date starts with the day's name ("Mon, 06 Oct 2025 09:00:30 GMT").
    const at = /^[A-Za-z]{3}/.test(text) ? Date.parse(text) : Number.NaN;
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS);
}

/**
 * The wait after the `failures`th failure in a row: `baseMs` doubled each time up to `maxMs`,
 * then "equal jitter" (between half and all of it) so many servers do not retry in step.
 */
export function backoffDelay(failures: number, retry: Pick<RetryOptions, 'baseMs' | 'maxMs'>, random: () => number = Math.random): number {
  const ceiling = Math.min(retry.maxMs, retry.baseMs * 2 ** Math.min(Math.max(failures - 1, 0), 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

// ---- reading the queue ---------------------------------------------------------------------------

/** The lifecycle steps that make a statement; other events are passed over. */
const STEP_TYPES = Object.keys(XAPI_VERBS);

/**
 * An event as the forwarder reads it, with its enquiry's details from `summaries`. The payload
 * is cut down in SQL to what a statement uses (a create's details, evidence's kind), so notes
 * and other free text are never even read.
 */
interface QueuedRow extends Omit<EventRow, 'refusal'> {
  title: string | null;
  cycle_id: string | null;
  community_id: string | null;
  theme_id: string | null;
}

const QUEUED_COLUMNS = `e.id, e.enquiry_id, e.hlc, e.type, e.author_id, e.at, e.schema_version, e.refused, e.seq,
  CASE e.type
    WHEN 'evidence.add' THEN jsonb_build_object('kind', e.payload->'kind')
    WHEN 'enquiry.create' THEN jsonb_strip_nulls(jsonb_build_object('title', e.payload->'title', 'cycleId', e.payload->'cycleId',
      'communityId', e.payload->'communityId', 'themeId', e.payload->'themeId'))
    ELSE '{}'::jsonb
  END AS payload,
  s.summary->>'title' AS title, s.summary->>'cycleId' AS cycle_id, s.summary->>'communityId' AS community_id, s.summary->>'themeId' AS theme_id`;

const SUMMARY_JOIN = 'LEFT JOIN summaries s ON s.trust_id = e.trust_id AND s.enquiry_id = e.enquiry_id';

/** What happens to one queued event. */
type Item = {
  eventId: string;
  type: string;
  seq: number;
  /** Read from the tail (after the checkpoint), not from the held steps behind it. */
  fromTail: boolean;
} & ({ kind: 'held' } | { kind: 'none' } | { kind: 'send'; statement: XapiStatement });

function toItem(row: QueuedRow, fromTail: boolean, options: ResolvedLrsOptions): Item {
  const base = { eventId: row.id, type: row.type, seq: Number(row.seq), fromTail };
  if (row.refused) return { ...base, kind: 'held' };
  const event: DomainEvent = {
    schemaVersion: Number(row.schema_version),
    id: row.id,
    enquiryId: row.enquiry_id,
    type: row.type,
    at: row.at,
    hlc: row.hlc,
    authorId: row.author_id,
    payload: row.payload,
  };
  // The enquiry's details as they are now; a create with no summary yet names itself.
  const enquiry: XapiEnquiry | undefined =
    row.title || row.cycle_id
      ? { title: row.title || undefined, cycleId: row.cycle_id || undefined, communityId: row.community_id ?? undefined, themeId: row.theme_id ?? undefined }
      : undefined;
  const statement = toXapiStatement(event, { homePage: options.homePage, activityBase: options.activityBase, enquiry });
  return statement ? { ...base, kind: 'send', statement } : { ...base, kind: 'none' };
}

/** One batch: the items in order, and how far the checkpoint may move once they are all done. */
interface Batch {
  items: Item[];
  /** The checkpoint once every tail item is done. */
  complete: number;
  /** More is waiting after this batch. */
  more: boolean;
}

async function readBatch(q: Queryable, trustId: string, checkpoint: number, size: number, options: ResolvedLrsOptions): Promise<Batch> {
  // Numbers are taken under the trust row's lock and committed with their rows, so every change
  // up to the counter read here is visible to the next query.
  const { rows: counter } = await q.query<{ seq: number }>('SELECT seq FROM trusts WHERE id = $1', [trustId]);
  const upTo = Number(counter[0]?.seq ?? 0);
  // Steps refused when the tail passed them that the lifecycle has accepted since.
  const { rows: held } = await q.query<QueuedRow>(
    `SELECT ${QUEUED_COLUMNS} FROM lrs_statements l
     JOIN events e ON e.trust_id = l.trust_id AND e.id = l.event_id ${SUMMARY_JOIN}
     WHERE l.trust_id = $1 AND l.state = 'held' AND NOT e.refused AND e.seq <= $2
     ORDER BY e.seq LIMIT $3`,
    [trustId, checkpoint, size],
  );
  const room = size - held.length;
  const { rows: tail } = room > 0
    ? await q.query<QueuedRow>(
        `SELECT ${QUEUED_COLUMNS} FROM events e ${SUMMARY_JOIN}
         WHERE e.trust_id = $1 AND e.seq > $2 AND e.seq <= $3 AND e.type = ANY($4::text[])
           AND NOT EXISTS (SELECT 1 FROM lrs_statements l WHERE l.trust_id = e.trust_id AND l.event_id = e.id AND l.state <> 'held')
         ORDER BY e.seq LIMIT $5`,
        [trustId, checkpoint, upTo, STEP_TYPES, room],
      )
    : { rows: [] as QueuedRow[] };
  const full = room <= 0 || tail.length === room;
  return {
    items: [...held.map((row) => toItem(row, false, options)), ...tail.map((row) => toItem(row, true, options))],
    complete: full ? Math.max(checkpoint, ...tail.map((row) => Number(row.seq))) : Math.max(checkpoint, upTo),
    more: full,
  };
}

// ---- talking to the LRS -------------------------------------------------------------------------

/** Why a batch stopped: what to log, and how long to wait. */
interface Failure {
  /** `refused`: credentials or configuration; `busy`: 429/503; `down`: 5xx, timeout, network. */
  kind: 'refused' | 'busy' | 'down';
  status: number | undefined;
  message: string;
  /** The LRS's `Retry-After`, in ms. */
  retryAfterMs?: number | undefined;
}

/** An LRS answer to one request: accepted, refused for a statement's fault (with the LRS's message), or failed. */
type Answer =
  | { ok: true; status: number }
  | { ok: false; status: number; statementFault: true; message: string }
  | { ok: false; status: number; statementFault: false; failure: Failure };

const snippet = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 300);

/** The LRS's message from an error body (`{ message }`, `{ error: { message } }`, or text). */
function lrsMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; error?: { message?: unknown } | unknown };
    const message = parsed.message ?? (typeof parsed.error === 'object' && parsed.error ? (parsed.error as { message?: unknown }).message : parsed.error);
    if (typeof message === 'string' && message) return snippet(message);
  } catch {
    // Not JSON: the text itself.
  }
  return snippet(body) || '(no message)';
}

function classify(status: number, body: string, retryAfter: string | null, endpoint: string): Answer {
  if (status >= 200 && status < 300) return { ok: true, status };
  const message = lrsMessage(body);
  // The statement's own fault: the batch is sent again one by one to find it.
  if (status === 400 || status === 409 || status === 413) return { ok: false, status, statementFault: true, message };
  let failure: Failure;
  if (status === 401 || status === 403) {
    failure = { kind: 'refused', status, message: `The LRS refused plc-kit's credentials (${status}: ${message}): check PLC_LRS_KEY and PLC_LRS_SECRET (lrs.key, lrs.secret).` };
  } else if (status === 429 || status === 503) {
    failure = { kind: 'busy', status, message: `The LRS is busy (${status}: ${message}).`, retryAfterMs: parseRetryAfter(retryAfter, Date.now()) };
  } else if (status >= 500) {
    failure = { kind: 'down', status, message: `The LRS failed (${status}: ${message}).` };
  } else {
    failure = { kind: 'refused', status, message: `The LRS answered ${status} at ${endpoint}/statements (${message}): check PLC_LRS_ENDPOINT (lrs.endpoint), the LRS's xAPI endpoint.` };
  }
  return { ok: false, status, statementFault: false, failure };
}

/** What was done with each statement of a batch, and why it stopped early, if it did. */
interface Delivery {
  done: Map<string, { state: 'sent' } | { state: 'skipped'; detail: string }>;
  failure: Failure | undefined;
  requests: number;
  status: number | undefined;
}

// ---- the forwarder -------------------------------------------------------------------------------

/** A trust's forwarding, for its administrators (`GET /v1/lrs`). */
export interface LrsTrustStatus {
  trustId: string;
  /** The change number statements have been sent up to. */
  checkpoint: number;
  /** Steps waiting to be sent. */
  pending: number;
  /** Statements the LRS accepted, in all. */
  sent: number;
  /** Statements skipped on purpose (logged): the LRS refused them alone (400) or had a different one with that id (409). */
  skipped: number;
  /** The last failure, until a batch goes through. */
  lastError: string | null;
  /** When forwarding started failing. */
  failingSince: string | null;
  /** When this process tries again, while it is backing off. */
  retryAt: string | null;
  /** When the checkpoint last changed. */
  updatedAt: string | null;
  /** The latest skipped statements (at most 20), newest first. */
  recentSkips: Array<{ eventId: string; statementId: string; reason: string; at: string }>;
}

/** The answer of `GET /v1/lrs`. */
export type LrsStatus = { enabled: false } | ({ enabled: true; endpoint: string; homePage: string } & LrsTrustStatus);

/** The running forwarder of a server (`server.lrs`). */
export interface LrsForwarder {
  /** The settings in use. */
  readonly options: ResolvedLrsOptions;
  /** Starts polling (the first look at once). */
  start(): void;
  /** Something was stored: look for new steps now rather than at the next poll. */
  nudge(): void;
  /**
   * Sends everything that can be sent now, and resolves when nothing more can: every trust's
   * queue empty, or backing off after a failure, or forwarded by another process.
   */
  drain(): Promise<void>;
  /** Stops polling and waits for the batch in flight (its outcome is recorded). */
  stop(): Promise<void>;
  /** The forwarding of one trust. */
  status(trustId: string): Promise<LrsTrustStatus>;
}

/** Who may read a trust's forwarding status: its administrators, CPD leaders and services. */
export function checkLrsStatusRight(principal: Principal): void {
  if (principal.kind === 'service' || principal.roles.includes('admin') || principal.roles.includes('cpd-leader')) return;
  throw forbidden('not-admin', "The LRS status is for the trust's administrators and CPD leaders.");
}

/** Creates the forwarder of a server; it does nothing until {@link LrsForwarder.start} or `drain`. */
export function createLrsForwarder(db: Db, lrs: ResolvedLrsOptions, log: Logger): LrsForwarder {
  const owner = randomUUID();
  const leaseMs = Math.max(60_000, lrs.timeoutMs * 3);
  const authorization = `Basic ${Buffer.from(`${lrs.key}:${lrs.secret}`).toString('base64')}`;
  /** Trusts backing off in this process. */
  const backoff = new Map<string, { failures: number; until: number }>();
  let queue: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let started = false;
  let stopping = false;
  let nudged = false;

  /** Runs one piece of work after the others: only one batch is ever in flight per process. */
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };

  async function takeLease(trustId: string): Promise<number | undefined> {
    await db.query('INSERT INTO lrs_checkpoints (trust_id) VALUES ($1) ON CONFLICT (trust_id) DO NOTHING', [trustId]);
    const { rows } = await db.query<{ seq: number }>(
      `UPDATE lrs_checkpoints SET lease_owner = $2, lease_until = now() + $3::integer * interval '1 millisecond'
       WHERE trust_id = $1 AND (lease_owner IS NULL OR lease_owner = $2 OR lease_until < now())
       RETURNING seq`,
      [trustId, owner, leaseMs],
    );
    return rows[0] ? Number(rows[0].seq) : undefined;
  }

  /** Extends the lease before a request; false when another process has taken it over. */
  async function renewLease(trustId: string): Promise<boolean> {
    const { rowCount } = await db.query(
      `UPDATE lrs_checkpoints SET lease_until = now() + $3::integer * interval '1 millisecond' WHERE trust_id = $1 AND lease_owner = $2`,
      [trustId, owner, leaseMs],
    );
    return rowCount === 1;
  }

  async function releaseLease(trustId: string): Promise<void> {
    await db.query('UPDATE lrs_checkpoints SET lease_owner = NULL, lease_until = NULL WHERE trust_id = $1 AND lease_owner = $2', [trustId, owner]);
  }

  async function post(statements: readonly XapiStatement[]): Promise<Answer> {
    let response: Response;
    try {
      response = await fetch(lrs.statementsUrl, {
        method: 'POST',
        headers: {
          'x-experience-api-version': XAPI_VERSION,
          'content-type': 'application/json',
          authorization,
          'user-agent': `plc-kit/${VERSION}`,
        },
        body: JSON.stringify(statements),
        // A redirect would carry the credentials somewhere else: report it instead.
        redirect: 'manual',
        signal: AbortSignal.timeout(lrs.timeoutMs),
      });
    } catch (error) {
      const e = error as Error & { cause?: { code?: string; message?: string } };
      const message =
        e.name === 'TimeoutError'
          ? `The LRS did not answer within ${lrs.timeoutMs} ms.`
          : `Could not reach the LRS at ${lrs.endpoint} (${e.cause?.code ?? e.cause?.message ?? e.message}).`;
      return { ok: false, status: 0, statementFault: false, failure: { kind: 'down', status: undefined, message } };
    }
    let body = '';
    try {
      body = await response.text();
    } catch {
      // The answer's status is what counts.
    }
    if (response.status >= 300 && response.status < 400) {
      const message = `The LRS redirected to ${response.headers.get('location') ?? '(nowhere)'} (${response.status}): set PLC_LRS_ENDPOINT (lrs.endpoint) to the address it redirects to.`;
      return { ok: false, status: response.status, statementFault: false, failure: { kind: 'refused', status: response.status, message } };
    }
    return classify(response.status, body, response.headers.get('retry-after'), lrs.endpoint);
  }

  /** Whether this trust has had any statement accepted by the LRS. */
  async function everSent(trustId: string): Promise<boolean> {
    const { rows } = await db.query<{ sent: number }>('SELECT sent FROM lrs_checkpoints WHERE trust_id = $1', [trustId]);
    return Number(rows[0]?.sent ?? 0) > 0;
  }

  /** Sends a batch; on a statement's fault, again one by one, skipping only the statements at fault. */
  async function deliver(trustId: string, items: ReadonlyArray<Extract<Item, { kind: 'send' }>>): Promise<Delivery> {
    const delivery: Delivery = { done: new Map(), failure: undefined, requests: 0, status: undefined };
    if (!items.length) return delivery;
    const lost: Failure = { kind: 'down', status: undefined, message: 'Another server process took over forwarding this trust.' };
    if (!(await renewLease(trustId))) return { ...delivery, failure: lost };
    const answer = await post(items.map((item) => item.statement));
    delivery.requests += 1;
    delivery.status = answer.status || undefined;
    if (answer.ok) {
      for (const item of items) delivery.done.set(item.eventId, { state: 'sent' });
      return delivery;
    }
    if (!answer.statementFault) return { ...delivery, failure: answer.failure };
    const rejected: string[] = [];
    const closing: Failure = { kind: 'down', status: undefined, message: 'The server is closing: the rest of the batch is sent after the restart.' };
    for (const item of items) {
      // One by one can take a request per statement: stop at once when the server closes (the
      // statements not yet answered stay queued, and ids make a resend harmless).
      if (stopping && items.length > 1) return { ...delivery, failure: closing };
      const single = items.length === 1 ? answer : (await renewLease(trustId)) ? await post([item.statement]) : undefined;
      if (!single) return { ...delivery, failure: lost };
      if (items.length > 1) delivery.requests += 1;
      if (single.ok) {
        delivery.done.set(item.eventId, { state: 'sent' });
        continue;
      }
      if (!single.statementFault) return { ...delivery, failure: single.failure };
      const reason = single.status === 409 ? `409: the LRS has a different statement with this id (${single.message})` : `${single.status}: ${single.message}`;
      if (single.status === 400) rejected.push(item.eventId);
      delivery.done.set(item.eventId, { state: 'skipped', detail: reason });
      log({ level: 'warn', msg: 'lrs statement skipped', trustId, statementId: item.statement.id, eventId: item.eventId, type: item.type, status: single.status, reason });
    }
    // When the LRS takes none and refuses several as invalid, or refuses the first statement it
    // is ever sent for this trust, the fault is not theirs (a wrong endpoint, an LRS of another
    // xAPI version): skip nothing, and wait for the configuration. (In steady state a push makes
    // a batch of one, which a misconfigured LRS would otherwise have skipped for ever.)
    const noneSent = ![...delivery.done.values()].some((d) => d.state === 'sent');
    if (rejected.length > 0 && noneSent && (rejected.length > 1 || !(await everSent(trustId)))) {
      for (const eventId of rejected) delivery.done.delete(eventId);
      return {
        ...delivery,
        failure: { kind: 'refused', status: 400, message: `The LRS refused every statement of the batch as invalid (400: ${answer.message}): check that PLC_LRS_ENDPOINT (lrs.endpoint) is an xAPI ${XAPI_VERSION} LRS.` },
      };
    }
    return delivery;
  }

  /** Records a batch's outcome and moves the checkpoint, if this process still holds the lease. */
  async function commit(trustId: string, checkpoint: number, items: readonly Item[], delivery: Delivery, complete: number): Promise<number | undefined> {
    const states: Array<{ event_id: string; state: string; detail: string | null }> = [];
    let next: number | undefined;
    for (const item of items) {
      // A held step that needs no statement after all (no author) is settled as `none`.
      const done = item.kind === 'held' ? { state: 'held' as const } : item.kind === 'none' ? { state: 'none' as const } : delivery.done.get(item.eventId);
      if (!done) {
        // The first step not done stops the checkpoint; later ones done are remembered.
        if (item.fromTail && next === undefined) next = item.seq - 1;
        continue;
      }
      if (done.state !== 'none' || !item.fromTail) states.push({ event_id: item.eventId, state: done.state, detail: done.state === 'skipped' ? done.detail : null });
    }
    const seq = Math.max(checkpoint, next ?? complete);
    const sent = states.filter((s) => s.state === 'sent').length;
    const skipped = states.filter((s) => s.state === 'skipped').length;
    const error = delivery.failure?.message ?? null;
    return db.transaction(async (tx) => {
      const { rowCount } = await tx.query(
        `UPDATE lrs_checkpoints SET seq = $3, sent = sent + $4, skipped = skipped + $5, last_error = $6,
           failing_since = CASE WHEN $6::text IS NULL THEN NULL ELSE COALESCE(failing_since, now()) END,
           updated_at = CASE WHEN seq <> $3 THEN now() ELSE updated_at END
         WHERE trust_id = $1 AND lease_owner = $2`,
        [trustId, owner, seq, sent, skipped, error],
      );
      if (rowCount !== 1) return undefined;
      if (states.length) {
        await tx.query(
          `INSERT INTO lrs_statements (trust_id, event_id, state, detail)
           SELECT $1, x.event_id, x.state, x.detail FROM jsonb_to_recordset($2::jsonb) AS x(event_id text, state text, detail text)
           ON CONFLICT (trust_id, event_id) DO UPDATE SET state = EXCLUDED.state, detail = EXCLUDED.detail, updated_at = now()`,
          [trustId, json(states)],
        );
      }
      return seq;
    });
  }

  function backOff(trustId: string, failure: Failure): number {
    const failures = (backoff.get(trustId)?.failures ?? 0) + 1;
    const wait =
      failure.kind === 'refused'
        ? lrs.retry.refusedMs
        : failure.kind === 'busy' && failure.retryAfterMs !== undefined
          ? Math.max(failure.retryAfterMs, lrs.retry.baseMs)
          : backoffDelay(failures, lrs.retry);
    backoff.set(trustId, { failures, until: Date.now() + wait });
    return wait;
  }

  /** Forwards one trust's queue batch after batch; true when anything moved. */
  async function forwardTrust(trustId: string): Promise<boolean> {
    let checkpoint = await takeLease(trustId);
    if (checkpoint === undefined) return false;
    let moved = false;
    try {
      while (!stopping) {
        const batch = await readBatch(db, trustId, checkpoint, lrs.batchSize, lrs);
        if (!batch.items.length && batch.complete === checkpoint) return moved;
        const started = Date.now();
        const sending = batch.items.filter((item): item is Extract<Item, { kind: 'send' }> => item.kind === 'send');
        const delivery = await deliver(trustId, sending);
        const next = await commit(trustId, checkpoint, batch.items, delivery, batch.complete);
        if (next === undefined) {
          log({ level: 'warn', msg: 'lrs lease lost', trustId, detail: 'another server process forwards this trust now; it sends these statements again (same ids)' });
          return moved;
        }
        const sent = [...delivery.done.values()].filter((d) => d.state === 'sent').length;
        const skipped = delivery.done.size - sent;
        moved ||= next !== checkpoint || delivery.done.size > 0;
        checkpoint = next;
        if (sending.length || delivery.failure) {
          log({
            level: delivery.failure ? 'warn' : 'info',
            msg: 'lrs batch',
            trustId,
            sent,
            skipped,
            held: batch.items.filter((item) => item.kind === 'held').length,
            status: delivery.status ?? null,
            requests: delivery.requests,
            checkpoint,
            ms: Date.now() - started,
          });
        }
        if (delivery.failure) {
          const wait = backOff(trustId, delivery.failure);
          log({
            level: delivery.failure.kind === 'refused' ? 'error' : 'warn',
            msg: 'lrs forwarding paused',
            trustId,
            status: delivery.failure.status ?? null,
            error: delivery.failure.message,
            retryInMs: wait,
          });
          return moved;
        }
        backoff.delete(trustId);
        if (!batch.more) return moved;
      }
      return moved;
    } finally {
      await releaseLease(trustId).catch(() => undefined);
    }
  }

  /** The trusts with something to send: changes past the checkpoint, or held steps accepted since. */
  async function trustsWithWork(): Promise<string[]> {
    const { rows } = await db.query<{ id: string }>(
      `SELECT t.id FROM trusts t LEFT JOIN lrs_checkpoints c ON c.trust_id = t.id
       WHERE t.seq > COALESCE(c.seq, 0)
          OR EXISTS (SELECT 1 FROM lrs_statements l JOIN events e ON e.trust_id = l.trust_id AND e.id = l.event_id
                     WHERE l.trust_id = t.id AND l.state = 'held' AND NOT e.refused AND e.seq <= COALESCE(c.seq, 0))
       ORDER BY t.id`,
    );
    return rows.map((row) => row.id);
  }

  /** One pass over every trust that has work and is not backing off; true when anything moved. */
  async function pass(): Promise<boolean> {
    nudged = false;
    let moved = false;
    let trusts: string[];
    try {
      trusts = await trustsWithWork();
    } catch (error) {
      log({ level: 'warn', msg: 'lrs forwarding could not read the queue', error: (error as Error).message });
      return false;
    }
    for (const trustId of trusts) {
      if (stopping) break;
      if ((backoff.get(trustId)?.until ?? 0) > Date.now()) continue;
      try {
        moved = (await forwardTrust(trustId)) || moved;
      } catch (error) {
        const wait = backOff(trustId, { kind: 'down', status: undefined, message: (error as Error).message });
        log({ level: 'warn', msg: 'lrs forwarding failed', trustId, error: (error as Error).message, retryInMs: wait });
      }
    }
    return moved;
  }

  function schedule(delay: number): void {
    if (!started || stopping) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void serial(pass).then(() => schedule(nextDelay()));
    }, delay);
    timer.unref();
  }

  /** The next look: at once after a nudge, else at the next poll or the end of a back-off. */
  function nextDelay(): number {
    if (nudged) return 0;
    const now = Date.now();
    const ends = [...backoff.values()].map((b) => b.until - now).filter((ms) => ms > 0);
    return Math.max(0, Math.min(lrs.pollMs, ...ends));
  }

  return {
    options: lrs,
    start() {
      if (started || stopping) return;
      started = true;
      schedule(0);
    },
    nudge() {
      nudged = true;
      // A pass in flight may have read the queue already: schedule() after it sees `nudged`.
      if (timer) schedule(0);
    },
    async drain() {
      while (!stopping && (await serial(pass)));
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      timer = undefined;
      await queue;
    },
    async status(trustId) {
      const { rows } = await db.query<{ seq: number; sent: number; skipped: number; last_error: string | null; failing_since: Date | string | null; updated_at: Date | string | null }>(
        'SELECT seq, sent, skipped, last_error, failing_since, updated_at FROM lrs_checkpoints WHERE trust_id = $1',
        [trustId],
      );
      const row = rows[0];
      const checkpoint = Number(row?.seq ?? 0);
      const { rows: counts } = await db.query<{ pending: number }>(
        `SELECT (SELECT count(*) FROM events e
                 WHERE e.trust_id = $1 AND e.seq > $2 AND e.type = ANY($3::text[]) AND NOT e.refused
                   AND NOT EXISTS (SELECT 1 FROM lrs_statements l WHERE l.trust_id = e.trust_id AND l.event_id = e.id AND l.state <> 'held'))
              + (SELECT count(*) FROM lrs_statements l JOIN events e ON e.trust_id = l.trust_id AND e.id = l.event_id
                 WHERE l.trust_id = $1 AND l.state = 'held' AND NOT e.refused AND e.seq <= $2) AS pending`,
        [trustId, checkpoint, STEP_TYPES],
      );
      const { rows: skips } = await db.query<{ event_id: string; detail: string | null; updated_at: Date | string }>(
        `SELECT event_id, detail, updated_at FROM lrs_statements WHERE trust_id = $1 AND state = 'skipped' ORDER BY updated_at DESC, event_id LIMIT 20`,
        [trustId],
      );
      const iso = (value: Date | string | null | undefined) => (value === null || value === undefined ? null : new Date(value).toISOString());
      const until = backoff.get(trustId)?.until;
      return {
        trustId,
        checkpoint,
        pending: Number(counts[0]?.pending ?? 0),
        sent: Number(row?.sent ?? 0),
        skipped: Number(row?.skipped ?? 0),
        lastError: row?.last_error ?? null,
        failingSince: iso(row?.failing_since),
        retryAt: until && until > Date.now() ? new Date(until).toISOString() : null,
        updatedAt: iso(row?.updated_at),
        recentSkips: skips.map((skip) => ({ eventId: skip.event_id, statementId: uuidV5(skip.event_id, PLC_KIT_NAMESPACE), reason: skip.detail ?? '', at: iso(skip.updated_at)! })),
      };
    },
  };
}
