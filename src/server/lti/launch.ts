/**
 * The LTI 1.3 core: the OIDC third-party-initiated login and the launch (LTI Core 1.3 section 5,
 * 1EdTech Security Framework 1.0 section 5.1). The login step stores a state and a nonce (hashed,
 * ten minutes) and sends the browser to the platform; the launch verifies the platform's
 * id_token against its JWKS (signature, issuer, audience and `azp`, expiry, nonce, deployment,
 * message type and version) and refuses a nonce seen before. Every refusal has a stable code the
 * person's page and the administrator's log line share.
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import type { Queryable } from '../db.js';
import { addDeployment, platformsByIssuer, readPlatform, type Platform } from './platforms.js';

/** Claim names of LTI 1.3 and its services. */
export const CLAIM = {
  messageType: 'https://purl.imsglobal.org/spec/lti/claim/message_type',
  version: 'https://purl.imsglobal.org/spec/lti/claim/version',
  deploymentId: 'https://purl.imsglobal.org/spec/lti/claim/deployment_id',
  targetLinkUri: 'https://purl.imsglobal.org/spec/lti/claim/target_link_uri',
  resourceLink: 'https://purl.imsglobal.org/spec/lti/claim/resource_link',
  roles: 'https://purl.imsglobal.org/spec/lti/claim/roles',
  context: 'https://purl.imsglobal.org/spec/lti/claim/context',
  custom: 'https://purl.imsglobal.org/spec/lti/claim/custom',
  presentation: 'https://purl.imsglobal.org/spec/lti/claim/launch_presentation',
  deepLinking: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
  nrps: 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice',
} as const;

/** Why a login or launch was refused (the page's and the log's code). */
export type LtiRefusalCode =
  | 'unknown-client'
  | 'wrong-issuer'
  | 'bad-signature'
  | 'wrong-audience'
  | 'expired'
  | 'replayed-nonce'
  | 'nonce-mismatch'
  | 'unknown-deployment'
  | 'missing-state'
  | 'invalid-message'
  | 'keys-unavailable'
  | 'not-staff'
  | 'anonymous'
  | 'unknown-person'
  | 'ambiguous-email'
  | 'left';

/** A refused login or launch: `code` for the person's page, `detail` for the administrator's log. */
export class LtiRefusal extends Error {
  override readonly name = 'LtiRefusal';
  readonly code: LtiRefusalCode;
  readonly detail: string;
  /** Log fields that help the administrator (issuer, client id, deployment; never a token). */
  readonly context: Record<string, unknown>;
  /** Who the platform said the person is, shown on the page when known. */
  readonly who: string | undefined;
  constructor(code: LtiRefusalCode, detail: string, context: Record<string, unknown> = {}, who?: string) {
    super(`${code}: ${detail}`);
    this.code = code;
    this.detail = detail;
    this.context = context;
    this.who = who;
  }
}

const hash = (value: string) => createHash('sha256').update(value).digest('hex');
const STATE_SECONDS = 600;

/** The parameters of a login initiation (GET query or POST form). */
export interface LoginParams {
  iss?: string | undefined;
  login_hint?: string | undefined;
  target_link_uri?: string | undefined;
  lti_message_hint?: string | undefined;
  client_id?: string | undefined;
  lti_deployment_id?: string | undefined;
  lti_storage_target?: string | undefined;
}

/** What the login step decided: where the browser goes, and how the state is kept in the browser. */
export interface LoginResult {
  platform: Platform;
  /** The platform's authorisation URL with every parameter. */
  redirect: string;
  state: string;
  nonce: string;
  /** When the platform offered its storage (lti-cs-oidc): the frame and the origin to post to. */
  storage?: { target: string; origin: string } | undefined;
}

/** Builds the authentication request of the login step (LTI Core 1.3 section 5.1.1.2) and stores its state. */
export async function startLogin(q: Queryable, params: LoginParams, redirectUri: string, now: Date): Promise<LoginResult> {
  if (!params.iss) throw new LtiRefusal('invalid-message', 'The login initiation has no iss.', {});
  if (!params.login_hint) throw new LtiRefusal('invalid-message', 'The login initiation has no login_hint.', { issuer: params.iss });
  if (!params.target_link_uri) throw new LtiRefusal('invalid-message', 'The login initiation has no target_link_uri.', { issuer: params.iss });
  const candidates = await platformsByIssuer(q, params.iss);
  const platform = params.client_id ? candidates.find((p) => p.clientId === params.client_id) : candidates.length === 1 ? candidates[0] : undefined;
  if (!platform) {
    const detail = candidates.length > 1 ? `several registrations have issuer ${params.iss} and the login names no client_id` : `no trust has registered a platform with issuer ${params.iss}${params.client_id ? ` and client_id ${params.client_id}` : ''}`;
    throw new LtiRefusal('unknown-client', detail, { issuer: params.iss, clientId: params.client_id });
  }
  const state = randomBytes(24).toString('base64url');
  const nonce = randomBytes(24).toString('base64url');
  const storage = params.lti_storage_target ? { target: params.lti_storage_target, origin: new URL(platform.authUrl).origin } : undefined;
  await q.query('DELETE FROM signin_states WHERE expires_at < $1', [now]);
  await q.query('INSERT INTO signin_states (state_hash, trust_id, kind, data, expires_at) VALUES ($1, $2, $3, $4, $5)', [
    hash(state),
    platform.trustId,
    'lti-login',
    JSON.stringify({ platformId: platform.id, nonce, storage }),
    new Date(now.getTime() + STATE_SECONDS * 1000),
  ]);
  const url = new URL(platform.authUrl);
  const query: Record<string, string> = {
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: platform.clientId,
    redirect_uri: redirectUri,
    login_hint: params.login_hint,
    state,
    nonce,
  };
  if (params.lti_message_hint) query['lti_message_hint'] = params.lti_message_hint;
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return { platform, redirect: url.href, state, nonce, storage };
}

/** A launch that passed every check. */
export interface VerifiedLaunch {
  platform: Platform;
  claims: JWTPayload & Record<string, unknown>;
  messageType: 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';
  deploymentId: string;
  /** The platform's storage frame, when the login stored its state there (so the page checks it there). */
  storage: { target: string; origin: string } | undefined;
  /** The hash of the state, for the browser's cookie check. */
  stateHash: string;
}

/** Options of the launch check. */
export interface VerifyOptions {
  now: Date;
  /** Milliseconds between two fetches of a platform's JWKS for an unknown key id; 5,000 by default. */
  jwksCooldownMs?: number | undefined;
}

const jwksSets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
function platformKeys(url: string, cooldown: number) {
  const key = `${cooldown} ${url}`;
  if (!jwksSets.has(key)) jwksSets.set(key, createRemoteJWKSet(new URL(url), { cooldownDuration: cooldown, timeoutDuration: 5000 }));
  return jwksSets.get(key)!;
}

const audiences = (aud: unknown): string[] => (Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : typeof aud === 'string' ? [aud] : []);

/**
 * Verifies a launch's id_token and state (LTI Core 1.3 section 5.1.3; Security Framework 5.1.3).
 * Throws {@link LtiRefusal} with the first check that fails.
 */
export async function verifyLaunch(q: Queryable, idToken: unknown, state: unknown, options: VerifyOptions): Promise<VerifiedLaunch> {
  if (typeof idToken !== 'string' || idToken.length === 0) throw new LtiRefusal('invalid-message', 'The launch has no id_token.');
  let unverified: JWTPayload;
  try {
    unverified = decodeJwt(idToken);
  } catch {
    throw new LtiRefusal('invalid-message', 'The id_token is not a JWT.');
  }
  const issuer = unverified.iss;
  const aud = audiences(unverified.aud);
  if (!issuer || aud.length === 0) throw new LtiRefusal('invalid-message', 'The id_token has no iss or aud.');
  const stateRow = typeof state === 'string' && state.length > 0 ? await readState(q, state, options.now) : undefined;
  const statePlatform = stateRow ? await readPlatform(q, stateRow.trustId, stateRow.platformId) : undefined;
  const context = { issuer, audience: aud };

  const candidates = await platformsByIssuer(q, issuer);
  if (statePlatform && statePlatform.issuer !== issuer) {
    throw new LtiRefusal('wrong-issuer', `the login was started by ${statePlatform.issuer} but the id_token's iss is ${issuer}`, { ...context, expectedIssuer: statePlatform.issuer });
  }
  if (!candidates.length) throw new LtiRefusal('unknown-client', `no trust has registered a platform with issuer ${issuer}`, context);
  const platform = candidates.find((p) => aud.includes(p.clientId));
  if (!platform) throw new LtiRefusal('wrong-audience', `the id_token's aud (${aud.join(', ')}) names no client id registered for ${issuer}`, context);
  const logged = { ...context, trustId: platform.trustId, platformId: platform.id, clientId: platform.clientId };

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, platformKeys(platform.jwksUrl, options.jwksCooldownMs ?? 5000), {
      issuer: platform.issuer,
      audience: platform.clientId,
      algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384'],
      currentDate: options.now,
      clockTolerance: 60,
      maxTokenAge: '1h',
      requiredClaims: ['exp', 'iat', 'nonce'],
    }));
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    const claim = (error as { claim?: string }).claim;
    if (code === 'ERR_JWT_EXPIRED' || (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'iat')) throw new LtiRefusal('expired', `the id_token expired or is too old (${(error as Error).message})`, logged);
    if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'aud') throw new LtiRefusal('wrong-audience', (error as Error).message, logged);
    if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'iss') throw new LtiRefusal('wrong-issuer', (error as Error).message, logged);
    if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') throw new LtiRefusal('invalid-message', (error as Error).message, logged);
    if (code === 'ERR_JWKS_TIMEOUT' || code === 'ERR_JWKS_INVALID' || (error as Error).name === 'TypeError' || /fetch|Expected 200/i.test((error as Error).message)) {
      throw new LtiRefusal('keys-unavailable', `the platform's JWKS at ${platform.jwksUrl} could not be read: ${(error as Error).message}`, logged);
    }
    throw new LtiRefusal('bad-signature', `the id_token's signature does not verify with the keys at ${platform.jwksUrl} (${code || (error as Error).message})`, logged);
  }
  if (aud.length > 1 && payload.azp !== platform.clientId) throw new LtiRefusal('wrong-audience', `the id_token has several audiences and its azp (${String(payload.azp)}) is not ${platform.clientId}`, logged);

  const nonce = String(payload['nonce']);
  const fresh = await q.query('INSERT INTO lti_nonces (trust_id, platform_id, nonce, expires_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
    platform.trustId,
    platform.id,
    nonce,
    new Date(Math.max((payload.exp ?? 0) * 1000, options.now.getTime()) + 3600_000),
  ]);
  await q.query('DELETE FROM lti_nonces WHERE expires_at < $1', [options.now]);
  if (fresh.rowCount === 0) throw new LtiRefusal('replayed-nonce', `the nonce of this id_token was used before: a launch was sent twice`, logged);

  if (!stateRow) throw new LtiRefusal('missing-state', typeof state === 'string' && state ? 'the state is unknown or expired (more than ten minutes since the login step)' : 'the launch has no state', logged);
  if (stateRow.platformId !== platform.id || stateRow.trustId !== platform.trustId) throw new LtiRefusal('wrong-issuer', 'the login was started for another registration', logged);
  if (stateRow.nonce !== nonce) throw new LtiRefusal('nonce-mismatch', "the id_token's nonce is not the one sent at the login step", logged);
  await q.query('DELETE FROM signin_states WHERE state_hash = $1', [stateRow.stateHash]);

  const claims = payload as JWTPayload & Record<string, unknown>;
  const deploymentId = claims[CLAIM.deploymentId];
  if (typeof deploymentId !== 'string' || !deploymentId) throw new LtiRefusal('invalid-message', 'the id_token has no deployment_id claim', logged);
  if (!platform.deploymentIds.includes(deploymentId)) {
    if (!platform.trustNewDeployments) throw new LtiRefusal('unknown-deployment', `deployment ${deploymentId} is not registered for ${platform.name}: add it on the platform's page`, { ...logged, deploymentId });
    await addDeployment(q, platform.trustId, platform.id, deploymentId);
  }
  const messageType = claims[CLAIM.messageType];
  if (messageType !== 'LtiResourceLinkRequest' && messageType !== 'LtiDeepLinkingRequest') throw new LtiRefusal('invalid-message', `message_type ${String(messageType)} is not one plc-kit handles`, logged);
  if (claims[CLAIM.version] !== '1.3.0') throw new LtiRefusal('invalid-message', `version ${String(claims[CLAIM.version])} is not 1.3.0`, logged);
  if (!Array.isArray(claims[CLAIM.roles])) throw new LtiRefusal('invalid-message', 'the roles claim is missing (it must be there, even empty)', logged);
  if (messageType === 'LtiResourceLinkRequest' && typeof (claims[CLAIM.resourceLink] as { id?: unknown } | undefined)?.id !== 'string') {
    throw new LtiRefusal('invalid-message', 'the resource_link claim has no id', logged);
  }
  if (messageType === 'LtiDeepLinkingRequest' && typeof (claims[CLAIM.deepLinking] as { deep_link_return_url?: unknown } | undefined)?.deep_link_return_url !== 'string') {
    throw new LtiRefusal('invalid-message', 'the deep_linking_settings claim has no deep_link_return_url', logged);
  }
  return { platform, claims, messageType, deploymentId, storage: stateRow.storage, stateHash: stateRow.stateHash };
}

interface StateRow {
  stateHash: string;
  trustId: string;
  platformId: string;
  nonce: string;
  storage: { target: string; origin: string } | undefined;
}

async function readState(q: Queryable, state: string, now: Date): Promise<StateRow | undefined> {
  const stateHash = hash(state);
  const { rows } = await q.query<{ trust_id: string; data: { platformId: string; nonce: string; storage?: { target: string; origin: string } } }>(
    "SELECT trust_id, data FROM signin_states WHERE state_hash = $1 AND kind = 'lti-login' AND expires_at > $2",
    [stateHash, now],
  );
  const row = rows[0];
  return row ? { stateHash, trustId: row.trust_id, platformId: row.data.platformId, nonce: row.data.nonce, storage: row.data.storage ?? undefined } : undefined;
}

/** The name of the cookie that ties a login to the browser that started it (one per login, so two launches in one page do not collide). */
export const stateCookieName = (stateHash: string) => `plc-lti-${stateHash.slice(0, 16)}`;

/** A hash of a state, as the launch's cookie check needs. */
export const stateHashOf = hash;
