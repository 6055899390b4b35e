/**
 * Authentication is the host's: the host (a school portal, an LMS) signs a JWT for the person
 * who is signed in, and the server verifies it against the host's JWKS, or, in development
 * only, a shared secret (HS256). The claims are mapped to a person id, a trust id and roles.
 * The server keeps no accounts and no passwords.
 * @module
 */
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { Id } from '../schema/common.js';
import { StaffRole } from '../schema/directory.js';
import type { Actor } from '../policy/policy.js';
import { HttpError } from './errors.js';

/**
 * Who is calling, from their token. A `person` is a member of staff and every read and write is
 * decided by the policy for them. A `service` is the host's own back end (an import, an
 * integration, a conformance run): it acts for its whole trust, unfiltered, and must never be
 * given to a browser. Both are confined to their trust.
 */
export type Principal =
  | { kind: 'person'; personId: string; trustId: string; roles: StaffRole[] }
  | { kind: 'service'; subject: string; trustId: string };

/** The policy's view of a principal (services have no actor: they are not a reader). */
export function actorOf(principal: Extract<Principal, { kind: 'person' }>): Actor {
  return { kind: 'person', person: { id: principal.personId, roles: principal.roles } };
}

/** Maps verified claims to a principal, or says which claim is missing. */
export type ClaimsMapper = (claims: JWTPayload) => Principal | string;

/** How tokens are verified; one of `jwksUrl` and `secret` is needed. */
export interface AuthOptions {
  /** The host's JWKS URL; tokens are verified with its public keys (RS*, PS*, ES*, EdDSA). */
  jwksUrl?: string | undefined;
  /** Development only: a shared secret of at least 32 characters for HS256 tokens. */
  secret?: string | undefined;
  /** Expected `iss`, when the host sets one. */
  issuer?: string | undefined;
  /** Expected `aud`, when the host sets one. */
  audience?: string | undefined;
  /** Maps claims to a principal; {@link defaultClaims} by default. */
  claims?: ClaimsMapper | undefined;
  /** Seconds of clock difference tolerated on `exp` and `nbf`; 30 by default. */
  clockToleranceSeconds?: number | undefined;
  /**
   * Seconds a verified token is remembered by this process, so a browser's next requests skip
   * the signature check (never past the token's `exp`); 60 by default, 0 to check every request.
   * Whether the person has left is still looked up on every request (signin/sessions.ts).
   */
  verifiedCacheSeconds?: number | undefined;
  /** The clock tokens are checked against; the system's by default (tests pass their own). */
  now?: (() => Date) | undefined;
}

/** Whether `value` is an id (letters, digits, `-`, `_`, `.`, `:`; up to 64), as every record's. */
export const isId = (value: unknown): value is string => typeof value === 'string' && Id.safeParse(value).success;

/**
 * The default claim mapping: `sub` is the person id; the trust is `plc_trust` (or `trust_id`);
 * roles are `plc_roles` (or `roles`), an array of `teacher`, `cpd-leader`, `coach`, `admin`
 * (others ignored; none means `teacher`); `plc_service: true` marks a service token.
 * @example
 * ```json
 * { "sub": "p-ana", "plc_trust": "trust-north", "plc_roles": ["teacher"], "exp": 1767225600 }
 * ```
 */
export const defaultClaims: ClaimsMapper = (claims) => {
  const trustId = claims['plc_trust'] ?? claims['trust_id'];
  if (!isId(trustId)) return 'the token has no trust: set plc_trust to the trust id';
  if (claims['plc_service'] === true) {
    return { kind: 'service', subject: typeof claims.sub === 'string' ? claims.sub : 'service', trustId };
  }
  if (!isId(claims.sub)) return 'the token has no person: set sub to the person id';
  const raw = claims['plc_roles'] ?? claims['roles'];
  const roles = (Array.isArray(raw) ? raw : []).filter((role): role is StaffRole => StaffRole.safeParse(role).success);
  return { kind: 'person', personId: claims.sub, trustId, roles: roles.length ? [...new Set(roles)] : ['teacher'] };
};

/** Verifies a request's `Authorization` header and returns who is calling. */
export type Authenticator = (authorization: string | undefined) => Promise<Principal>;

const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
}

/** At most this many verified tokens are remembered per process; the oldest go first. */
const VERIFIED_CACHE_SIZE = 10_000;

/**
 * Tokens that verified, each with its principal and until when it may be used without checking
 * it again: the signature check (an HMAC or a public-key operation through WebCrypto) was the
 * largest single cost of a small request. A token is the same string as long as it is the same
 * token, so a hit is exactly a token that verified before; it is never kept past its `exp` (with
 * the clock tolerance), nor past the cache's few seconds, so a key the host withdraws stops
 * working within them.
 */
class VerifiedTokens {
  readonly #entries = new Map<string, { principal: Principal; until: number }>();
  constructor(
    readonly ttlMs: number,
    readonly toleranceMs: number,
  ) {}

  get(token: string, now: number): Principal | undefined {
    const entry = this.#entries.get(token);
    if (!entry) return undefined;
    if (now < entry.until) return entry.principal;
    this.#entries.delete(token);
    return undefined;
  }

  /** Remembers a token that verified; the principal comes back frozen, as every later hit shares it. */
  remember(token: string, principal: Principal, payload: JWTPayload, now: number): Principal {
    if (this.ttlMs <= 0) return principal;
    const until = Math.min(now + this.ttlMs, typeof payload.exp === 'number' ? payload.exp * 1000 + this.toleranceMs : Infinity);
    const shared = Object.freeze(principal.kind === 'person' ? { ...principal, roles: Object.freeze([...principal.roles]) as StaffRole[] } : { ...principal });
    if (this.#entries.size >= VERIFIED_CACHE_SIZE) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(token, { principal: shared, until });
    return shared;
  }
}

function unauthorized(message: string): HttpError {
  return new HttpError(401, { error: 'unauthorized', message }, { 'www-authenticate': `Bearer error="invalid_token"` });
}

/**
 * Creates the authenticator for `options`. Without a JWKS URL or a secret every request is
 * refused with 401 (the server never runs open).
 * @example
 * ```ts
 * const authenticate = createAuthenticator({ jwksUrl: 'https://portal.example.org/.well-known/jwks.json' });
 * const principal = await authenticate(request.headers.authorization);
 * ```
 */
export function createAuthenticator(options: AuthOptions): Authenticator {
  const mapClaims = options.claims ?? defaultClaims;
  let key: JWTVerifyGetKey | Uint8Array | undefined;
  let algorithms: string[];
  if (options.jwksUrl) {
    key = createRemoteJWKSet(new URL(options.jwksUrl));
    algorithms = ASYMMETRIC;
  } else if (options.secret) {
    if (options.secret.length < 32) throw new Error('PLC_JWT_SECRET must be at least 32 characters.');
    key = new TextEncoder().encode(options.secret);
    algorithms = ['HS256'];
  } else {
    algorithms = [];
  }
  const clockTolerance = options.clockToleranceSeconds ?? 30;
  const now = options.now ?? (() => new Date());
  const verifyOptions = {
    algorithms,
    clockTolerance,
    ...(options.issuer ? { issuer: options.issuer } : {}),
    ...(options.audience ? { audience: options.audience } : {}),
  };
  const verifiedTokens = new VerifiedTokens((options.verifiedCacheSeconds ?? 60) * 1000, clockTolerance * 1000);
  return async (authorization) => {
    if (!key) throw unauthorized('This server has no way to verify tokens: set PLC_JWKS_URL (or PLC_JWT_SECRET in development).');
    const token = bearerToken(authorization);
    if (!token) throw unauthorized('Send the token from your portal as Authorization: Bearer <token>.');
    const at = now();
    const known = verifiedTokens.get(token, at.getTime());
    if (known) return known;
    let payload: JWTPayload;
    try {
      const verifyAt = { ...verifyOptions, currentDate: at };
      const verified = key instanceof Uint8Array ? await jwtVerify(token, key, verifyAt) : await jwtVerify(token, key, verifyAt);
      payload = verified.payload;
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (code === 'ERR_JWT_EXPIRED') throw unauthorized('The token has expired: sign in again.');
      if (code === 'ERR_JWKS_TIMEOUT' || code === 'ERR_JWKS_INVALID' || (error as Error).name === 'TypeError') {
        throw new HttpError(503, { error: 'unavailable', message: "The host's signing keys could not be fetched; try again shortly." });
      }
      throw unauthorized('The token is not valid (signature, issuer, audience or time).');
    }
    const principal = mapClaims(payload);
    if (typeof principal === 'string') throw unauthorized(`The token is not usable: ${principal}.`);
    return verifiedTokens.remember(token, principal, payload, at.getTime());
  };
}
