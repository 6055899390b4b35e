/**
 * The repository of LTI registrations: platforms (a VLE's issuer and the client id it gave
 * plc-kit), their deployments, the courses (contexts) launched from, and person links. Every
 * statement filters on the trust, except finding a platform from a launch, which names none.
 * @module
 */
import type { Queryable } from '../db.js';

/** A VLE registered with a trust. */
export interface Platform {
  trustId: string;
  id: string;
  name: string;
  /** The platform's issuer (`iss` of its id_tokens), such as `https://moodle.school.example`. */
  issuer: string;
  /** The client id the platform gave plc-kit. */
  clientId: string;
  /** The platform's OIDC authorisation endpoint (where the login step sends the browser). */
  authUrl: string;
  /** The platform's OAuth 2 token endpoint (for Names and Roles); none disables the services. */
  tokenUrl?: string | undefined;
  /** The `aud` of plc-kit's client assertion when it is not the token URL (Brightspace: `https://api.brightspace.com/auth/token`). */
  tokenAudience?: string | undefined;
  /** The platform's JWKS URL (its id_tokens are verified with these keys). */
  jwksUrl: string;
  /** The school of people who join through this platform's rosters. */
  schoolId?: string | undefined;
  /** Whether a deployment id plc-kit has not seen is accepted (and recorded) on a verified launch. */
  trustNewDeployments: boolean;
  deploymentIds: string[];
}

interface PlatformRow {
  trust_id: string;
  id: string;
  name: string;
  issuer: string;
  client_id: string;
  auth_url: string;
  token_url: string | null;
  token_audience: string | null;
  jwks_url: string;
  school_id: string | null;
  trust_new_deployments: boolean;
  deployment_ids: string[] | null;
}

const COLUMNS = `p.trust_id, p.id, p.name, p.issuer, p.client_id, p.auth_url, p.token_url, p.token_audience, p.jwks_url, p.school_id, p.trust_new_deployments,
  (SELECT coalesce(array_agg(d.deployment_id ORDER BY d.deployment_id), '{}') FROM lti_deployments d WHERE d.trust_id = p.trust_id AND d.platform_id = p.id) AS deployment_ids`;

const fromRow = (row: PlatformRow): Platform => ({
  trustId: row.trust_id,
  id: row.id,
  name: row.name,
  issuer: row.issuer,
  clientId: row.client_id,
  authUrl: row.auth_url,
  tokenUrl: row.token_url ?? undefined,
  tokenAudience: row.token_audience ?? undefined,
  jwksUrl: row.jwks_url,
  schoolId: row.school_id ?? undefined,
  trustNewDeployments: row.trust_new_deployments,
  deploymentIds: row.deployment_ids ?? [],
});

/** The platforms registered with this issuer (one per client id); a launch names the client in `aud`. */
export async function platformsByIssuer(q: Queryable, issuer: string): Promise<Platform[]> {
  const { rows } = await q.query<PlatformRow>(`SELECT ${COLUMNS} FROM lti_platforms p WHERE p.issuer = $1 ORDER BY p.client_id`, [issuer]);
  return rows.map(fromRow);
}

/** One platform of a trust. */
export async function readPlatform(q: Queryable, trustId: string, id: string): Promise<Platform | undefined> {
  const { rows } = await q.query<PlatformRow>(`SELECT ${COLUMNS} FROM lti_platforms p WHERE p.trust_id = $1 AND p.id = $2`, [trustId, id]);
  return rows[0] ? fromRow(rows[0]) : undefined;
}

/** Every platform of a trust. */
export async function listPlatforms(q: Queryable, trustId: string): Promise<Platform[]> {
  const { rows } = await q.query<PlatformRow>(`SELECT ${COLUMNS} FROM lti_platforms p WHERE p.trust_id = $1 ORDER BY p.name, p.id`, [trustId]);
  return rows.map(fromRow);
}

/** Creates or replaces a platform and its deployments. */
export async function savePlatform(q: Queryable, platform: Platform): Promise<void> {
  await q.query(
    `INSERT INTO lti_platforms (trust_id, id, name, issuer, client_id, auth_url, token_url, jwks_url, school_id, trust_new_deployments, token_audience)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (trust_id, id) DO UPDATE SET name = EXCLUDED.name, issuer = EXCLUDED.issuer, client_id = EXCLUDED.client_id,
       auth_url = EXCLUDED.auth_url, token_url = EXCLUDED.token_url, jwks_url = EXCLUDED.jwks_url, school_id = EXCLUDED.school_id,
       trust_new_deployments = EXCLUDED.trust_new_deployments, token_audience = EXCLUDED.token_audience`,
    [platform.trustId, platform.id, platform.name, platform.issuer, platform.clientId, platform.authUrl, platform.tokenUrl ?? null, platform.jwksUrl, platform.schoolId ?? null, platform.trustNewDeployments, platform.tokenAudience ?? null],
  );
  await q.query('DELETE FROM lti_deployments WHERE trust_id = $1 AND platform_id = $2 AND NOT (deployment_id = ANY($3))', [platform.trustId, platform.id, platform.deploymentIds]);
  for (const deploymentId of platform.deploymentIds) await addDeployment(q, platform.trustId, platform.id, deploymentId);
}

/** Removes a platform, its deployments, contexts and links (its launches stop working at once). */
export async function deletePlatform(q: Queryable, trustId: string, id: string): Promise<boolean> {
  await q.query('DELETE FROM lti_deployments WHERE trust_id = $1 AND platform_id = $2', [trustId, id]);
  await q.query('DELETE FROM lti_contexts WHERE trust_id = $1 AND platform_id = $2', [trustId, id]);
  await q.query("DELETE FROM person_links WHERE trust_id = $1 AND (source = $2 OR source LIKE $3)", [trustId, `lti:${id}`, `lti:${id}:%`]);
  const { rowCount } = await q.query('DELETE FROM lti_platforms WHERE trust_id = $1 AND id = $2', [trustId, id]);
  return rowCount > 0;
}

/** Records a deployment of a platform (nothing when it is known). */
export async function addDeployment(q: Queryable, trustId: string, platformId: string, deploymentId: string): Promise<void> {
  await q.query('INSERT INTO lti_deployments (trust_id, platform_id, deployment_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [trustId, platformId, deploymentId]);
}

/** A course plc-kit was launched from, with its Names and Roles endpoint when the platform offered one. */
export interface LtiContext {
  platformId: string;
  contextId: string;
  title?: string | undefined;
  deploymentId: string;
  membershipsUrl?: string | undefined;
  updatedAt: string;
}

/** Remembers the course of a launch (its title and roster endpoint change over time: the latest wins). */
export async function saveContext(q: Queryable, trustId: string, context: Omit<LtiContext, 'updatedAt'>, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO lti_contexts (trust_id, platform_id, context_id, title, deployment_id, memberships_url, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (trust_id, platform_id, context_id) DO UPDATE SET title = EXCLUDED.title, deployment_id = EXCLUDED.deployment_id,
       memberships_url = coalesce(EXCLUDED.memberships_url, lti_contexts.memberships_url), updated_at = EXCLUDED.updated_at`,
    [trustId, context.platformId, context.contextId, context.title ?? null, context.deploymentId, context.membershipsUrl ?? null, at],
  );
}

/** The courses of a trust plc-kit was launched from, newest first. */
export async function listContexts(q: Queryable, trustId: string): Promise<LtiContext[]> {
  const { rows } = await q.query<{ platform_id: string; context_id: string; title: string | null; deployment_id: string; memberships_url: string | null; updated_at: Date | string }>(
    'SELECT platform_id, context_id, title, deployment_id, memberships_url, updated_at FROM lti_contexts WHERE trust_id = $1 ORDER BY updated_at DESC, context_id',
    [trustId],
  );
  return rows.map((row) => ({
    platformId: row.platform_id,
    contextId: row.context_id,
    title: row.title ?? undefined,
    deploymentId: row.deployment_id,
    membershipsUrl: row.memberships_url ?? undefined,
    updatedAt: new Date(row.updated_at).toISOString(),
  }));
}

/** The person an outside identity was linked to in a source, if any. */
export async function linkedPerson(q: Queryable, trustId: string, source: string, externalId: string): Promise<string | undefined> {
  const { rows } = await q.query<{ person_id: string }>('SELECT person_id FROM person_links WHERE trust_id = $1 AND source = $2 AND external_id = $3', [trustId, source, externalId]);
  return rows[0]?.person_id;
}

/** Links an outside identity to a person in a source (the latest link wins). */
export async function linkPerson(q: Queryable, trustId: string, source: string, externalId: string, personId: string): Promise<void> {
  await q.query(
    `INSERT INTO person_links (trust_id, source, external_id, person_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (trust_id, source, external_id) DO UPDATE SET person_id = EXCLUDED.person_id`,
    [trustId, source, externalId, personId],
  );
}

/** The links of a source. */
export async function sourceLinks(q: Queryable, trustId: string, source: string): Promise<Array<{ externalId: string; personId: string }>> {
  const { rows } = await q.query<{ external_id: string; person_id: string }>('SELECT external_id, person_id FROM person_links WHERE trust_id = $1 AND source = $2 ORDER BY external_id', [trustId, source]);
  return rows.map((row) => ({ externalId: row.external_id, personId: row.person_id }));
}

/** The people of a trust's directory with this email (case-insensitive). */
export async function peopleWithEmail(q: Queryable, trustId: string, email: string): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT id FROM records WHERE trust_id = $1 AND collection = 'people' AND NOT deleted AND lower(data->>'email') = lower($2) ORDER BY id`,
    [trustId, email.trim()],
  );
  return rows.map((row) => row.id);
}
