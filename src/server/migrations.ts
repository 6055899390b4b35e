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
