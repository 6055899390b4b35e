/**
 * Open Badges on the server: each trust's issuing key (made the first time it is needed, its
 * secret half never read outside this file), the credentials a published enquiry earns its
 * members, and what the celebrate view shows. Issuing is derived from the trust's data, like
 * notifications: {@link issueCredentials} signs a credential for each member of each published
 * enquiry who has none yet, and a row per enquiry and person is written once, so calling it again
 * (from any process) never issues a second one. The server calls it for an enquiry right after a
 * push stores its publication, and the reading routes for the whole trust as a backstop.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { enquiryMemberIds } from '../../policy/policy.js';
import type { EnquirySummary } from '../../store/store.js';
import type { Celebration, CredentialListing } from '../../sync/badges.js';
import type { Db, Queryable } from '../db.js';
import { readCollection } from '../sql.js';
import { buildCredential } from './credential.js';
import { generateIssuerKey, issuerDocument, signBadge, type IssuerDocument, type IssuerKey } from './signing.js';

/** Where the issuer documents are published: `<base>/v1/badges/issuers/<trustId>`. */
export const issuerIdFor = (base: string, trustId: string) => `${base.replace(/\/+$/, '')}/v1/badges/issuers/${encodeURIComponent(trustId)}`;

interface KeyRow {
  issuer_id: string;
  key_id: string;
  public_key_multibase: string;
  secret_key_multibase: string;
}

const keyOf = (row: KeyRow): IssuerKey => ({ id: row.key_id, controller: row.issuer_id, publicKeyMultibase: row.public_key_multibase, secretKeyMultibase: row.secret_key_multibase });

/** The trust's issuing key, made (once, whichever process asks first) when it has none. */
async function trustKey(db: Db, trustId: string, base: string): Promise<IssuerKey> {
  const read = async () => (await db.query<KeyRow>('SELECT issuer_id, key_id, public_key_multibase, secret_key_multibase FROM badge_keys WHERE trust_id = $1', [trustId])).rows[0];
  const found = await read();
  if (found) return keyOf(found);
  const key = await generateIssuerKey(issuerIdFor(base, trustId));
  await db.query(
    `INSERT INTO badge_keys (trust_id, issuer_id, key_id, public_key_multibase, secret_key_multibase) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (trust_id) DO NOTHING`,
    [trustId, key.controller, key.id, key.publicKeyMultibase, key.secretKeyMultibase],
  );
  return keyOf((await read())!);
}

/** The issuer's name: the trust's schools, as staff know them. */
async function issuerName(q: Queryable, trustId: string): Promise<string> {
  const schools = await readCollection(q, trustId, 'schools');
  return schools.map((s) => s.name).join(', ') || trustId;
}

/**
 * The trust's published issuer document (its public key), or undefined for a
 * trust with no data (so an address never makes keys for a trust that does not exist).
 */
export async function readIssuer(db: Db, trustId: string, base: string): Promise<IssuerDocument | undefined> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM trusts WHERE id = $1', [trustId]);
  if (!rows.length) return undefined;
  return issuerDocument(await trustKey(db, trustId, base));
}

/**
 * Signs a credential for every member of every published enquiry of the trust (or of `enquiryId`
 * alone) who has none yet. The push calls it for an enquiry as its outcome is published; the
 * reading routes call it for the whole trust, which catches what a push did not (an enquiry
 * published before issuing at publish time, a signing that failed). Members are read from the
 * directory when the credential is issued; a credential, once issued, stays as it was
 * (docs/privacy.md, rule 6).
 * @returns how many credentials were issued now.
 */
export async function issueCredentials(db: Db, trustId: string, base: string, now: Date, enquiryId?: string): Promise<number> {
  const { rows } = await db.query<{ summary: EnquirySummary }>(
    `SELECT summary FROM summaries WHERE trust_id = $1 AND summary->>'publishedAt' IS NOT NULL AND ($2::text IS NULL OR enquiry_id = $2)
     ORDER BY enquiry_id COLLATE "C"`,
    [trustId, enquiryId ?? null],
  );
  if (!rows.length) return 0;
  const [people, communities, cycles] = await Promise.all([readCollection(db, trustId, 'people'), readCollection(db, trustId, 'communities'), readCollection(db, trustId, 'cycles')]);
  const personById = new Map(people.map((p) => [p.id, p]));
  const communityById = new Map(communities.map((c) => [c.id, c]));
  const cycleById = new Map(cycles.map((c) => [c.id, c]));
  const key = await trustKey(db, trustId, base);
  const issuer = { id: key.controller, name: await issuerName(db, trustId) };
  const { rows: held } = await db.query<{ enquiry_id: string; person_id: string }>('SELECT enquiry_id, person_id FROM badge_credentials WHERE trust_id = $1', [trustId]);
  const has = new Set(held.map((row) => `${row.enquiry_id}\u0000${row.person_id}`));
  let issued = 0;
  for (const { summary } of rows) {
    const community = summary.communityId ? communityById.get(summary.communityId) : undefined;
    const members = enquiryMemberIds({ enquiry: { details: summary, observations: [], status: summary.status, publishedAt: summary.publishedAt }, community });
    for (const personId of members) {
      const person = personById.get(personId);
      // An erased person (docs/privacy.md, "Erasure") is never issued a credential again: erasure
      // marks the record (`erasedAt`); the name it shows is no mark, someone may really be called that.
      if (!person || person.erasedAt || has.has(`${summary.enquiryId}\u0000${personId}`)) continue;
      const id = randomUUID();
      const unsigned = buildCredential({
        id,
        issuer,
        person: { id: person.id, name: person.name },
        enquiry: { id: summary.enquiryId, title: summary.title, cycleName: cycleById.get(summary.cycleId)?.name, publishedAt: summary.publishedAt!, kind: summary.kind },
        role: summary.ownerIds.includes(personId) ? 'owner' : 'member',
      });
      const signed = await signBadge(unsigned, key, now);
      const { rowCount } = await db.query(
        `INSERT INTO badge_credentials (trust_id, id, enquiry_id, person_id, published_at, document, issued_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (trust_id, enquiry_id, person_id) DO NOTHING`,
        [trustId, id, summary.enquiryId, personId, summary.publishedAt, JSON.stringify(signed), now.toISOString()],
      );
      issued += rowCount ?? 0;
    }
  }
  return issued;
}

interface CredentialRow {
  id: string;
  person_id: string;
  enquiry_id: string;
  published_at: string | Date;
  issued_at: string | Date;
  title: string | null;
  document: Record<string, unknown> & { name?: string; credentialSubject?: { achievement?: { name?: string } } };
}

const iso = (value: string | Date) => new Date(value).toISOString();
const listing = (row: CredentialRow): CredentialListing => ({
  id: row.id,
  personId: row.person_id,
  enquiryId: row.enquiry_id,
  title: row.title ?? row.document.name ?? '',
  name: row.document.name ?? '',
  achievement: row.document.credentialSubject?.achievement?.name ?? '',
  publishedAt: iso(row.published_at),
  issuedAt: iso(row.issued_at),
});

/** A person's credentials, newest first. */
export async function listCredentials(db: Db, trustId: string, personId: string): Promise<CredentialListing[]> {
  const { rows } = await db.query<CredentialRow>(
    `SELECT c.id, c.person_id, c.enquiry_id, c.published_at, c.issued_at, c.document, s.summary->>'title' AS title
     FROM badge_credentials c LEFT JOIN summaries s ON s.trust_id = c.trust_id AND s.enquiry_id = c.enquiry_id
     WHERE c.trust_id = $1 AND c.person_id = $2 ORDER BY c.published_at DESC, c.id`,
    [trustId, personId],
  );
  return rows.map(listing);
}

/** One credential: its listing and the signed document, or undefined. */
export async function readCredential(db: Db, trustId: string, id: string): Promise<{ listing: CredentialListing; document: Record<string, unknown> } | undefined> {
  const { rows } = await db.query<CredentialRow>('SELECT id, person_id, enquiry_id, published_at, issued_at, document, NULL AS title FROM badge_credentials WHERE trust_id = $1 AND id = $2', [trustId, id]);
  const row = rows[0];
  return row ? { listing: listing(row), document: row.document } : undefined;
}

/**
 * The most recently published enquiries and their members' badges: only what all staff read
 * already (published enquiries, their titles and members' names), never a credential's document.
 */
export async function celebrations(db: Db, trustId: string, limit: number): Promise<Celebration[]> {
  const { rows } = await db.query<{ enquiry_id: string; published_at: string | Date; people: Array<{ personId: string; name: string | null }>; achievement: string | null }>(
    `SELECT c.enquiry_id, max(c.published_at) AS published_at,
            min(c.document->'credentialSubject'->'achievement'->>'name') AS achievement,
            jsonb_agg(jsonb_build_object('personId', c.person_id, 'name', c.document->'credentialSubject'->'identifier'->0->>'identityHash') ORDER BY c.person_id) AS people
     FROM badge_credentials c WHERE c.trust_id = $1 GROUP BY c.enquiry_id ORDER BY max(c.published_at) DESC, c.enquiry_id LIMIT $2`,
    [trustId, limit],
  );
  if (!rows.length) return [];
  const [cycles, summaries] = await Promise.all([
    readCollection(db, trustId, 'cycles'),
    db.query<{ summary: EnquirySummary }>('SELECT summary FROM summaries WHERE trust_id = $1 AND enquiry_id = ANY($2)', [trustId, rows.map((r) => r.enquiry_id)]),
  ]);
  const cycleName = new Map(cycles.map((c) => [c.id, c.name]));
  const summaryOf = new Map(summaries.rows.map((r) => [r.summary.enquiryId, r.summary]));
  return rows.flatMap((row) => {
    const summary = summaryOf.get(row.enquiry_id);
    if (!summary?.publishedAt) return [];
    return [
      {
        enquiryId: row.enquiry_id,
        title: summary.title,
        kind: summary.kind,
        cycleName: cycleName.get(summary.cycleId),
        publishedAt: iso(row.published_at),
        achievement: row.achievement ?? '',
        members: row.people.map((p) => ({ personId: p.personId, name: p.name ?? '' })),
      },
    ];
  });
}
