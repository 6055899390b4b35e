/**
 * Versioned schema migrations, run at start in one transaction and recorded in the
 * `migrations` table. A migration is never edited once released: changes are new migrations.
 *
 * Why the tables look as they do:
 * - Every table's key starts with `trust_id` and every query filters on it, so one trust never
 *   sees another's rows, and a distributed PostgreSQL (Citus) can shard every table by trust.
 *   `survey_tokens` is the exception: a student's link carries only the token, so it is looked
 *   up by the token's hash alone (small; a Citus reference table).
 * - `seq` numbers every change of a trust (events and records) for pull checkpoints. It comes
 *   from the trust's own counter, taken under the trust row's lock at the end of each write, so
 *   a higher number is never visible before a lower one (a plain sequence can commit out of
 *   order and a reader would skip the late one).
 * - Survey responses have no time, no order of arrival, no address and no person: only the
 *   answers, under a random id.
 * - `lrs_checkpoints` is how far each trust's steps have gone to the LRS (src/server/lrs.ts);
 *   `lrs_statements` remembers each step sent, skipped or held back, since an event can come
 *   again in change order (renumbered, or by a backup import) and must not be sent twice.
 * - Sign-in (migration 3): `signing_keys` are the installation's own keys (the tool's JWKS, session
 *   tokens), so they have no trust. `lti_platforms` are found by `(issuer, client_id)` from a
 *   launch that names no trust, and `signin_states` by the hash of the state a browser brings
 *   back: both carry `trust_id` as a column (small; Citus reference tables). Everything else is
 *   keyed by trust. `person_links` say who an outside identity is (an LTI `sub`, a OneRoster
 *   `sourcedId`, an SSO subject) per source; `lti_nonces` refuse a replayed launch until expiry.
 * - Student voice (migration 5): `survey_codes` are found by the code a student types, which
 *   names no trust (small; a Citus reference table), one per survey. `survey_receipts` hold the
 *   hash of the random receipt a student's device sends with an answer sheet, so a sheet sent
 *   again after a dropped connection is stored once; a receipt has no time and no link to the
 *   sheet it came with (they are random numbers the device made up and forgets once sent).
 * - `rate_limits` (migration 4) count hits per fixed window for every process sharing the
 *   database (src/server/rateLimit.ts). A survey link's key is its token's hash, which names no
 *   trust (as in `survey_tokens`), so the table has no `trust_id`: small and short-lived, a
 *   Citus reference table.
 * - Notifications (migration 5): one row per person and notification key, so deriving them again
 *   never doubles one; `email_outbox` holds each digest until sent, claimed with
 *   `FOR UPDATE SKIP LOCKED` so several processes never send one twice (src/server/notificationsSender.ts).
 *   `unsubscribe_tokens` (by hash, like survey tokens) are what an email's one-click link carries.
 * - `summaries.cache` (migration 8) is stored out of line and uncompressed: every push rewrites
 *   it whole (and reads it, unless the row is the version the same process wrote last: see
 *   `SummaryMemo`), and compressing it cost more than the disk it saves.
 * - Open Badges (migration 9): `badge_keys` holds each trust's Ed25519 issuing key; its secret half
 *   is read only to sign, and leaves the server only in the complete backup (docs/privacy.md). `badge_credentials` keeps each signed
 *   credential as issued, one per enquiry and person, so issuing again changes nothing.
 * - Staff feedback (migration 10): a staff survey's sheets go into `survey_responses` like a
 *   student's (no person); `staff_survey_receipts` say only that a person answered a survey, so
 *   they answer once. A receipt has no time and no sheet id, and is written in the same
 *   transaction as the sheet but never joined to it.
 * @module
 */
import { checkSchemaName, type Db } from './db.js';

/** One migration: its version (1, 2, ...), a name, and its statements in order. */
export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}

/** Every migration, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'trusts, events, summaries, records, survey tokens and responses',
    statements: [
      `CREATE TABLE trusts (
        id text PRIMARY KEY,
        seq bigint NOT NULL DEFAULT 0,
        epoch integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE events (
        trust_id text NOT NULL,
        id text NOT NULL,
        enquiry_id text NOT NULL,
        hlc text NOT NULL,
        type text NOT NULL,
        author_id text NOT NULL,
        at text NOT NULL,
        schema_version integer NOT NULL,
        payload jsonb NOT NULL,
        refused boolean NOT NULL DEFAULT false,
        refusal jsonb,
        seq bigint NOT NULL,
        PRIMARY KEY (trust_id, id)
      )`,
      `CREATE INDEX events_by_seq ON events (trust_id, seq)`,
      `CREATE INDEX events_by_enquiry ON events (trust_id, enquiry_id)`,
      `CREATE TABLE summaries (
        trust_id text NOT NULL,
        enquiry_id text NOT NULL,
        cycle_id text,
        community_id text,
        summary jsonb NOT NULL,
        cache jsonb NOT NULL,
        input_key text NOT NULL,
        PRIMARY KEY (trust_id, enquiry_id)
      )`,
      `CREATE INDEX summaries_by_cycle ON summaries (trust_id, cycle_id)`,
      `CREATE INDEX summaries_by_community ON summaries (trust_id, community_id)`,
      `CREATE TABLE records (
        trust_id text NOT NULL,
        collection text NOT NULL,
        id text NOT NULL,
        version integer NOT NULL,
        data jsonb,
        deleted boolean NOT NULL DEFAULT false,
        seq bigint NOT NULL,
        PRIMARY KEY (trust_id, collection, id)
      )`,
      `CREATE INDEX records_by_seq ON records (trust_id, seq)`,
      `CREATE TABLE survey_tokens (
        token_hash text PRIMARY KEY,
        trust_id text NOT NULL,
        survey_id text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE survey_responses (
        trust_id text NOT NULL,
        survey_id text NOT NULL,
        id text NOT NULL,
        data jsonb NOT NULL,
        PRIMARY KEY (trust_id, id)
      )`,
      `CREATE INDEX survey_responses_by_survey ON survey_responses (trust_id, survey_id)`,
    ],
  },
  {
    version: 2,
    name: 'LRS forwarding: checkpoints and the statements sent, skipped or held',
    statements: [
      `CREATE TABLE lrs_checkpoints (
        trust_id text PRIMARY KEY,
        seq bigint NOT NULL DEFAULT 0,
        sent bigint NOT NULL DEFAULT 0,
        skipped bigint NOT NULL DEFAULT 0,
        last_error text,
        failing_since timestamptz,
        lease_owner text,
        lease_until timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE lrs_statements (
        trust_id text NOT NULL,
        event_id text NOT NULL,
        state text NOT NULL CHECK (state IN ('sent', 'skipped', 'held', 'none')),
        detail text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (trust_id, event_id)
      )`,
      `CREATE INDEX lrs_statements_held ON lrs_statements (trust_id) WHERE state = 'held'`,
    ],
  },
  {
    version: 3,
    name: 'sign-in: tool keys, LTI platforms, launch states, nonces, sessions, person links, roster plans',
    statements: [
      `CREATE TABLE signing_keys (
        kid text PRIMARY KEY,
        alg text NOT NULL,
        private_jwk jsonb NOT NULL,
        public_jwk jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz
      )`,
      `CREATE TABLE lti_platforms (
        trust_id text NOT NULL,
        id text NOT NULL,
        name text NOT NULL,
        issuer text NOT NULL,
        client_id text NOT NULL,
        auth_url text NOT NULL,
        token_url text,
        token_audience text,
        jwks_url text NOT NULL,
        school_id text,
        trust_new_deployments boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (trust_id, id)
      )`,
      `CREATE UNIQUE INDEX lti_platforms_by_client ON lti_platforms (issuer, client_id)`,
      `CREATE TABLE lti_deployments (
        trust_id text NOT NULL,
        platform_id text NOT NULL,
        deployment_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (trust_id, platform_id, deployment_id)
      )`,
      `CREATE TABLE lti_contexts (
        trust_id text NOT NULL,
        platform_id text NOT NULL,
        context_id text NOT NULL,
        title text,
        deployment_id text NOT NULL,
        memberships_url text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (trust_id, platform_id, context_id)
      )`,
      `CREATE TABLE lti_nonces (
        trust_id text NOT NULL,
        platform_id text NOT NULL,
        nonce text NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (trust_id, platform_id, nonce)
      )`,
      `CREATE INDEX lti_nonces_expiry ON lti_nonces (expires_at)`,
      `CREATE TABLE signin_states (
        state_hash text PRIMARY KEY,
        trust_id text NOT NULL,
        kind text NOT NULL,
        data jsonb NOT NULL,
        expires_at timestamptz NOT NULL
      )`,
      `CREATE INDEX signin_states_expiry ON signin_states (expires_at)`,
      `CREATE TABLE sessions (
        trust_id text NOT NULL,
        id text NOT NULL,
        person_id text NOT NULL,
        via text NOT NULL,
        extra_roles jsonb NOT NULL DEFAULT '[]',
        refresh_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        refreshed_at timestamptz,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text,
        PRIMARY KEY (trust_id, id)
      )`,
      `CREATE INDEX sessions_by_person ON sessions (trust_id, person_id)`,
      `CREATE TABLE person_links (
        trust_id text NOT NULL,
        source text NOT NULL,
        external_id text NOT NULL,
        person_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (trust_id, source, external_id)
      )`,
      `CREATE INDEX person_links_by_person ON person_links (trust_id, person_id)`,
      `CREATE TABLE roster_plans (
        trust_id text NOT NULL,
        id text NOT NULL,
        created_by text NOT NULL,
        source text NOT NULL,
        plan jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        applied_at timestamptz,
        PRIMARY KEY (trust_id, id)
      )`,
    ],
  },
  {
    version: 4,
    name: 'rate limits shared by several server processes',
    statements: [
      `CREATE TABLE rate_limits (
        scope text NOT NULL,
        key text NOT NULL,
        window_start timestamptz NOT NULL,
        hits integer NOT NULL,
        PRIMARY KEY (scope, key)
      )`,
    ],
  },
  {
    version: 5,
    name: 'student voice: short survey codes, and receipts that make a queued answer count once',
    statements: [
      `CREATE TABLE survey_codes (
        code text PRIMARY KEY,
        trust_id text NOT NULL,
        survey_id text NOT NULL,
        UNIQUE (trust_id, survey_id)
      )`,
      `CREATE TABLE survey_receipts (
        trust_id text NOT NULL,
        survey_id text NOT NULL,
        receipt_hash text NOT NULL,
        PRIMARY KEY (trust_id, survey_id, receipt_hash)
      )`,
    ],
  },
  {
    version: 6,
    name: 'notifications: in-app list, settings, unsubscribe tokens, the email outbox',
    statements: [
      `CREATE TABLE notifications (
        trust_id text NOT NULL,
        person_id text NOT NULL,
        key text NOT NULL,
        kind text NOT NULL,
        enquiry_id text,
        data jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        emailed_at timestamptz,
        PRIMARY KEY (trust_id, person_id, key)
      )`,
      `CREATE INDEX notifications_unread ON notifications (trust_id, person_id) WHERE read_at IS NULL`,
      `CREATE TABLE notification_checkpoints (
        trust_id text PRIMARY KEY,
        seq bigint NOT NULL DEFAULT 0,
        digest_on date
      )`,
      `CREATE TABLE notification_settings (
        trust_id text NOT NULL,
        person_id text NOT NULL,
        email_digest boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (trust_id, person_id)
      )`,
      `CREATE TABLE unsubscribe_tokens (
        token_hash text PRIMARY KEY,
        trust_id text NOT NULL,
        person_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE email_outbox (
        trust_id text NOT NULL,
        id text NOT NULL,
        person_id text NOT NULL,
        to_address text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        unsubscribe_url text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'unknown')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        claimed_by text,
        claimed_at timestamptz,
        sent_at timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (trust_id, id)
      )`,
      `CREATE INDEX email_outbox_due ON email_outbox (next_attempt_at) WHERE status = 'pending'`,
    ],
  },
  {
    version: 7,
    name: 'VLE posts: the link of an outcome or a booklet placed in a VLE',
    statements: [
      // One link per outcome or booklet, so copying it again gives the same address. The token is
      // the link's only secret: 128 random bits, unguessable, answering only for its own trust.
      `CREATE TABLE vle_posts (
        token text PRIMARY KEY,
        trust_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('outcome', 'booklet')),
        target_id text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (trust_id, kind, target_id)
      )`,
    ],
  },
  {
    version: 8,
    name: 'summaries: the cached state stored uncompressed',
    statements: [
      // Every push reads and rewrites its enquiry's cached state (about 120 kB of JSON at 1,000
      // events); compressing it on each write and decompressing it on each read cost more than
      // the disk it saves. Rows take the new storage when they are next written.
      `ALTER TABLE summaries ALTER COLUMN cache SET STORAGE EXTERNAL`,
    ],
  },
  {
    version: 9,
    name: 'Open Badges: the trust\'s issuing key and the credentials it signed',
    statements: [
      `CREATE TABLE badge_keys (
        trust_id text PRIMARY KEY,
        issuer_id text NOT NULL,
        key_id text NOT NULL,
        public_key_multibase text NOT NULL,
        secret_key_multibase text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE badge_credentials (
        trust_id text NOT NULL,
        id text NOT NULL,
        enquiry_id text NOT NULL,
        person_id text NOT NULL,
        published_at timestamptz NOT NULL,
        document jsonb NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (trust_id, id),
        UNIQUE (trust_id, enquiry_id, person_id)
      )`,
      `CREATE INDEX badge_credentials_person ON badge_credentials (trust_id, person_id)`,
    ],
  },
  {
    version: 10,
    name: 'Staff feedback: who has answered a staff survey, apart from the anonymous sheets',
    statements: [
      // No time, no sheet id: a receipt says only that this person answered this survey.
      `CREATE TABLE staff_survey_receipts (
        trust_id text NOT NULL,
        survey_id text NOT NULL,
        person_id text NOT NULL,
        PRIMARY KEY (trust_id, survey_id, person_id)
      )`,
    ],
  },
  {
    version: 11,
    name: 'VLE posts can be stopped: a stopped link stays, answering 410, and the outcome gets a new one if posted again',
    statements: [
      `ALTER TABLE vle_posts ADD COLUMN revoked_at timestamptz`,
      `ALTER TABLE vle_posts ADD COLUMN revoked_by text`,
      // One live link per outcome or booklet; stopped ones are kept beside it (their pages say so).
      `ALTER TABLE vle_posts DROP CONSTRAINT vle_posts_trust_id_kind_target_id_key`,
      `CREATE UNIQUE INDEX vle_posts_live ON vle_posts (trust_id, kind, target_id) WHERE revoked_at IS NULL`,
    ],
  },
  {
    version: 12,
    name: 'summaries: the reader context the change feed filters by, kept by the database',
    statements: [
      // What a reader's view of an enquiry's events depends on (its details, status, publication
      // and who observed whom and shared with whom), taken from the cached state whenever a row
      // is written, whoever writes it: the feed reads this small value, not the 120 kB state.
      // jsonb_build_object is only STABLE because of other types' output; over jsonb it is not.
      `CREATE FUNCTION summary_reader(cache jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT jsonb_build_object(
          'details', c->'details', 'status', c->'status', 'publishedAt', c->'publishedAt',
          'ids', jsonb_path_query_array(c, '$.observations[*].id'),
          'observers', jsonb_path_query_array(c, '$.observations[*].observerId'),
          'observed', jsonb_path_query_array(c, '$.observations[*].observedId'),
          'shared', jsonb_path_query_array(c, '$.observations[*].sharedWith'))
        FROM (SELECT cache->'context' AS c) AS cached
      $$`,
      `ALTER TABLE summaries ADD COLUMN reader jsonb GENERATED ALWAYS AS (summary_reader(cache)) STORED`,
    ],
  },
  {
    version: 13,
    name: 'events: the change feed finds a page\'s enquiries from the seq index alone',
    statements: [
      // The feed reads the enquiries of a page before its events (their reader contexts decide
      // what is sent): with the enquiry in the index that orders the page, that is one range of it.
      `DROP INDEX events_by_seq`,
      `CREATE INDEX events_by_seq ON events (trust_id, seq) INCLUDE (enquiry_id)`,
    ],
  },
  {
    version: 14,
    name: 'summaries: the reader context taken from the cached state without copying it',
    statements: [
      // Every push writes the summary row, and the reader column (migration 12) is derived then.
      // Migration 12's function copied the state's whole context (`cache->'context'`, 90 kB at
      // 1,000 events) before reading five small values from it: on PostgreSQL 15 that was about
      // 1.2 of the 4.5 ms of backend CPU a 120 kB summary write takes. Paths from the top read
      // the same values without the copy. The result is the same for every cache a lifecycle
      // writes (its context is always an object), so the rows written before need no update.
      `CREATE OR REPLACE FUNCTION summary_reader(cache jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT jsonb_build_object(
          'details', cache #> '{context,details}', 'status', cache #> '{context,status}', 'publishedAt', cache #> '{context,publishedAt}',
          'ids', jsonb_path_query_array(cache, '$.context.observations[*].id'),
          'observers', jsonb_path_query_array(cache, '$.context.observations[*].observerId'),
          'observed', jsonb_path_query_array(cache, '$.context.observations[*].observedId'),
          'shared', jsonb_path_query_array(cache, '$.context.observations[*].sharedWith'))
      $$`,
    ],
  },
];

/** Advisory lock key (two int4s) held while migrating, so two processes never migrate at once. */
const MIGRATION_LOCK = [0x706c63, 1] as const;

/**
 * Brings the database up to the newest migration, in one transaction: the schema and the
 * `migrations` table are created when missing, then every migration not yet recorded runs and
 * is recorded. Safe to run at every start and from several processes at once.
 * @returns the versions applied now (empty when the database was up to date).
 */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const schema = checkSchemaName(db.schema);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [...MIGRATION_LOCK]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await tx.query(`CREATE TABLE IF NOT EXISTS ${schema}.migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ version: number }>(`SELECT version FROM ${schema}.migrations`);
    const done = new Set(rows.map((row) => Number(row.version)));
    const newest = Math.max(0, ...done);
    const known = Math.max(0, ...migrations.map((m) => m.version));
    if (newest > known) {
      throw new Error(`The database is at migration ${newest}, newer than this plc-kit knows (${known}): update plc-kit.`);
    }
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query(`INSERT INTO ${schema}.migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
      applied.push(migration.version);
    }
    return applied;
  });
}
