/**
 * The `badges` section of a trust's complete backup (docs/privacy.md, "Recognition: Open Badges"):
 * the trust's issuing key, secret half included, and every credential as issued, so a trust
 * restored on a new server keeps verifying the credentials its people already hold. Only the
 * complete backup (the host's service token) carries it; the stores' own backups know nothing of
 * it, so it is read and checked here, on the server, beside the backup's core document.
 * @module
 */
import * as z from 'zod/mini';
import { Instant } from '../../schema/common.js';
import { describeIssues, type FieldProblem } from '../../schema/errors.js';
import { parseSafely } from '../../schema/zod.js';
import type { Queryable } from '../db.js';
import { json } from '../sql.js';

const Text = z.string().check(z.minLength(1), z.maxLength(2_000));
/** A multibase (base58btc) key, as `@digitalcredentials/ed25519-multikey` writes it. */
const Multibase = z.string().check(z.regex(/^z[1-9A-HJ-NP-Za-km-z]{40,200}$/, 'must be a base58btc multibase key (z...)'));

/** The section's shape, checked before anything is written. */
export const BadgesSection = z.object({
  key: z.optional(z.object({ issuerId: Text, keyId: Text, publicKeyMultibase: Multibase, secretKeyMultibase: Multibase })),
  credentials: z.array(
    z.object({
      id: Text,
      enquiryId: Text,
      personId: Text,
      publishedAt: Instant,
      issuedAt: Instant,
      document: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type BadgesSection = z.infer<typeof BadgesSection>;

/** The trust's key and credentials as a backup's `badges` section, or undefined when it has neither. */
export async function exportBadges(q: Queryable, trustId: string): Promise<BadgesSection | undefined> {
  const { rows: keys } = await q.query<{ issuer_id: string; key_id: string; public_key_multibase: string; secret_key_multibase: string }>(
    'SELECT issuer_id, key_id, public_key_multibase, secret_key_multibase FROM badge_keys WHERE trust_id = $1',
    [trustId],
  );
  const { rows } = await q.query<{ id: string; enquiry_id: string; person_id: string; published_at: string | Date; issued_at: string | Date; document: Record<string, unknown> }>(
    'SELECT id, enquiry_id, person_id, published_at, issued_at, document FROM badge_credentials WHERE trust_id = $1 ORDER BY id COLLATE "C"',
    [trustId],
  );
  const key = keys[0];
  if (!key && !rows.length) return undefined;
  return {
    ...(key ? { key: { issuerId: key.issuer_id, keyId: key.key_id, publicKeyMultibase: key.public_key_multibase, secretKeyMultibase: key.secret_key_multibase } } : {}),
    credentials: rows.map((row) => ({
      id: row.id,
      enquiryId: row.enquiry_id,
      personId: row.person_id,
      publishedAt: new Date(row.published_at).toISOString(),
      issuedAt: new Date(row.issued_at).toISOString(),
      document: row.document,
    })),
  };
}

/**
 * Checks a backup's `badges` section (absent is fine: an older backup, or a trust that never
 * issued one).
 * @returns the section, or the problems, each with its path under `badges`.
 */
export function readBadgesSection(value: unknown): { section?: BadgesSection; problems: FieldProblem[] } {
  if (value === undefined) return { problems: [] };
  const parsed = parseSafely(BadgesSection, value);
  if (!parsed.success) return { problems: describeIssues(parsed.error.issues, 'badges') };
  const section = parsed.data;
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  section.credentials.forEach((credential, index) => {
    const pair = `${credential.enquiryId}\u0000${credential.personId}`;
    if (seen.has(pair)) problems.push({ path: `badges.credentials.${index}`, message: `is a second credential for ${credential.personId} in ${credential.enquiryId}` });
    seen.add(pair);
  });
  return { section, problems };
}

/**
 * Replaces the trust's credentials with the section's, and its key with the section's key when it
 * has one (without a section, the server's key stays: credentials already downloaded keep
 * verifying). Runs inside the import's transaction.
 */
export async function importBadges(tx: Queryable, trustId: string, section: BadgesSection | undefined): Promise<void> {
  await tx.query('DELETE FROM badge_credentials WHERE trust_id = $1', [trustId]);
  if (!section) return;
  if (section.key) {
    const { issuerId, keyId, publicKeyMultibase, secretKeyMultibase } = section.key;
    await tx.query(
      `INSERT INTO badge_keys (trust_id, issuer_id, key_id, public_key_multibase, secret_key_multibase) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (trust_id) DO UPDATE SET issuer_id = excluded.issuer_id, key_id = excluded.key_id,
         public_key_multibase = excluded.public_key_multibase, secret_key_multibase = excluded.secret_key_multibase`,
      [trustId, issuerId, keyId, publicKeyMultibase, secretKeyMultibase],
    );
  }
  if (!section.credentials.length) return;
  await tx.query(
    `INSERT INTO badge_credentials (trust_id, id, enquiry_id, person_id, published_at, issued_at, document)
     SELECT $1, x.id, x.enquiry_id, x.person_id, x.published_at, x.issued_at, x.document
     FROM jsonb_to_recordset($2::jsonb) AS x(id text, enquiry_id text, person_id text, published_at timestamptz, issued_at timestamptz, document jsonb)`,
    [trustId, json(section.credentials.map((c) => ({ id: c.id, enquiry_id: c.enquiryId, person_id: c.personId, published_at: c.publishedAt, issued_at: c.issuedAt, document: c.document })))],
  );
}
