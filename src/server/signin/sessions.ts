/**
 * plc-kit sessions: after an LTI launch or a single sign-on the browser gets a short-lived
 * session token (a JWT signed with the installation's key, 15 minutes by default) and a refresh
 * token, never the platform's or provider's id_token. The session itself lives in `sessions`
 * (12 hours by default): every request checks it is neither revoked nor over and that the person
 * has not left, so signing out, an administrator's revocation and a leaver's `leftOn` take
 * effect at once. A refresh rotates the refresh token; a refresh token used twice revokes the
 * session (someone copied it).
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import { StaffRole } from '../../schema/directory.js';
import { bearerToken, type Authenticator, type Principal } from '../auth.js';
import type { Db, Queryable } from '../db.js';
import { HttpError } from '../errors.js';
import type { KeyStore } from './keys.js';

/** The `typ` header that marks a plc-kit session token (a host's JWT never carries it). */
export const SESSION_TOKEN_TYPE = 'plc-session+jwt';
const ISSUER = 'urn:plc-kit:session';
const AUDIENCE = 'plc-kit';

/** How long tokens and sessions last, and which calendar says "today" for leavers. */
export interface SessionSettings {
  /** Seconds a session token is valid; 900 (15 minutes) by default. */
  accessSeconds: number;
  /** Seconds a session lives, however often it is refreshed; 43,200 (12 hours) by default. */
  sessionSeconds: number;
  /** The IANA time zone whose date decides whether `leftOn` has come; `UTC` by default. */
  timeZone: string;
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = { accessSeconds: 900, sessionSeconds: 12 * 3600, timeZone: 'UTC' };

/** What a browser is handed after signing in (and after each refresh). */
export interface IssuedSession {
  /** The bearer token for the API (`Authorization: Bearer …`). */
  token: string;
  /** When `token` expires (ISO 8601). */
  expiresAt: string;
  /** Exchanged at `POST /auth/refresh` for a new pair; kept in the page's memory only. */
  refreshToken: string;
  /** When the session ends, however often it is refreshed. */
  sessionExpiresAt: string;
  trustId: string;
  personId: string;
  roles: StaffRole[];
}

/** Today's date (`YYYY-MM-DD`) in `timeZone`. */
export function todayIn(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** Whether a person whose record says `leftOn` has left by `today` (both calendar dates). */
export const hasLeft = (leftOn: unknown, today: string): boolean => typeof leftOn === 'string' && leftOn !== '' && leftOn <= today;

/** The 401 a leaver gets, for every token they hold. */
export const leftError = (leftOn: string) =>
  new HttpError(401, {
    error: 'left',
    message: `Your access to plc-kit ended on ${leftOn}, when you left: your past work stays with the school. If this is wrong, ask your school's plc-kit administrator.`,
    leftOn,
  }, { 'www-authenticate': 'Bearer error="invalid_token"' });

const unauthorized = (reason: string, message: string) =>
  new HttpError(401, { error: 'unauthorized', reason, message }, { 'www-authenticate': 'Bearer error="invalid_token"' });

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const secret = () => randomBytes(32).toString('base64url');

/** A person's directory record as sign-in needs it. */
export interface DirectoryPerson {
  roles: StaffRole[];
  leftOn?: string | undefined;
}

/** Reads a person's roles and `leftOn` from the trust's directory; undefined when there is no record. */
export async function readDirectoryPerson(q: Queryable, trustId: string, personId: string): Promise<DirectoryPerson | undefined> {
  const { rows } = await q.query<{ roles: unknown; left_on: string | null }>(
    `SELECT data->'roles' AS roles, data->>'leftOn' AS left_on FROM records WHERE trust_id = $1 AND collection = 'people' AND id = $2 AND NOT deleted`,
    [trustId, personId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return { roles: rolesOf(row.roles), leftOn: row.left_on ?? undefined };
}

const rolesOf = (value: unknown): StaffRole[] => {
  const roles = (Array.isArray(value) ? value : []).filter((role): role is StaffRole => StaffRole.safeParse(role).success);
  return roles.length ? [...new Set(roles)] : ['teacher'];
};

/** What starts a session. */
export interface SessionStart {
  trustId: string;
  personId: string;
  /** How the person signed in: `lti:<platform id>` or `sso:<provider id>`. */
  via: string;
  /** Roles given on top of the directory's (an SSO groups claim). */
  extraRoles?: readonly StaffRole[] | undefined;
}

/** The session service. */
export interface Sessions {
  /** Starts a session for a person in the directory; refused when they have left or are unknown. */
  start(start: SessionStart): Promise<IssuedSession>;
  /** Refuses (as `start` would) a person who is not in the directory or has left. */
  check(trustId: string, personId: string): Promise<void>;
  /** Exchanges a refresh token for a new pair (the old refresh token stops working). */
  refresh(refreshToken: unknown): Promise<IssuedSession>;
  /** Ends the session a session token belongs to. */
  signOut(authorization: string | undefined): Promise<void>;
  /** Ends every session of a person (a leaver, an administrator's decision). */
  revokePerson(q: Queryable, trustId: string, personId: string, reason: string): Promise<number>;
  /** Wraps the host's authenticator: session tokens are checked here, and every person (host JWT too) against `leftOn`. */
  authenticator(host: Authenticator): Authenticator;
}

interface SessionRow {
  person_id: string;
  via: string;
  extra_roles: unknown;
  refresh_hash: string;
  expires_at: Date | string;
  revoked_at: Date | string | null;
  revoked_reason: string | null;
}

/**
 * Creates the session service.
 * @example
 * ```ts
 * const sessions = createSessions({ db: () => db, keys, now: () => new Date() });
 * const issued = await sessions.start({ trustId: 'trust-north', personId: 'p-ana', via: 'lti:moodle' });
 * const authenticate = sessions.authenticator(createAuthenticator(auth));
 * ```
 */
export function createSessions(deps: { db: () => Db; keys: KeyStore; now: () => Date; settings?: Partial<SessionSettings> | undefined }): Sessions {
  const settings = { ...DEFAULT_SESSION_SETTINGS, ...deps.settings };
  const today = () => todayIn(settings.timeZone, deps.now());

  const issue = async (trustId: string, sessionId: string, personId: string, roles: StaffRole[], sessionExpiresAt: Date, refreshSecret: string): Promise<IssuedSession> => {
    const key = await deps.keys.current();
    const now = deps.now();
    const expires = new Date(Math.min(now.getTime() + settings.accessSeconds * 1000, sessionExpiresAt.getTime()));
    const token = await new SignJWT({ plc_trust: trustId, plc_roles: roles, sid: sessionId })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: SESSION_TOKEN_TYPE })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(personId)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(expires.getTime() / 1000))
      .sign(key.privateKey);
    return {
      token,
      expiresAt: expires.toISOString(),
      refreshToken: `${trustId}~${sessionId}~${refreshSecret}`,
      sessionExpiresAt: sessionExpiresAt.toISOString(),
      trustId,
      personId,
      roles,
    };
  };

  const rolesFor = (directory: DirectoryPerson, extra: unknown): StaffRole[] => {
    const more = (Array.isArray(extra) ? extra : []).filter((role): role is StaffRole => StaffRole.safeParse(role).success);
    return [...new Set([...directory.roles, ...more])];
  };

  const checkPerson = async (q: Queryable, trustId: string, personId: string): Promise<DirectoryPerson> => {
    const person = await readDirectoryPerson(q, trustId, personId);
    if (!person) throw unauthorized('unknown-person', 'You are not in this school’s plc-kit staff list: ask its plc-kit administrator to add you.');
    if (hasLeft(person.leftOn, today())) throw leftError(person.leftOn!);
    return person;
  };

  return {
    async start({ trustId, personId, via, extraRoles }) {
      const db = deps.db();
      const person = await checkPerson(db, trustId, personId);
      const sessionId = `s-${randomBytes(12).toString('base64url')}`;
      const refreshSecret = secret();
      const sessionExpiresAt = new Date(deps.now().getTime() + settings.sessionSeconds * 1000);
      const extra = [...new Set(extraRoles ?? [])];
      await db.query(
        'INSERT INTO sessions (trust_id, id, person_id, via, extra_roles, refresh_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [trustId, sessionId, personId, via, JSON.stringify(extra), sha256(refreshSecret), deps.now(), sessionExpiresAt],
      );
      return issue(trustId, sessionId, personId, rolesFor(person, extra), sessionExpiresAt, refreshSecret);
    },

    async check(trustId, personId) {
      await checkPerson(deps.db(), trustId, personId);
    },

    async refresh(refreshToken) {
      const parts = typeof refreshToken === 'string' ? refreshToken.split('~') : [];
      if (parts.length !== 3 || parts.some((part) => part.length === 0 || part.length > 200)) {
        throw new HttpError(400, { error: 'invalid', field: 'refreshToken', message: 'refreshToken must be the refresh token given at sign-in.' });
      }
      const [trustId, sessionId, given] = parts as [string, string, string];
      const db = deps.db();
      // A refusal that ends the session is written after the transaction (which rolls back on a throw).
      let end: { reason: string; error: HttpError } | undefined;
      const issued = await db.transaction(async (tx) => {
        const { rows } = await tx.query<SessionRow>(
          'SELECT person_id, via, extra_roles, refresh_hash, expires_at, revoked_at, revoked_reason FROM sessions WHERE trust_id = $1 AND id = $2 FOR UPDATE',
          [trustId, sessionId],
        );
        const row = rows[0];
        if (!row) throw unauthorized('no-session', 'This sign-in is not known: sign in again.');
        if (row.revoked_at) throw unauthorized('revoked', 'You have been signed out: sign in again.');
        if (new Date(row.expires_at).getTime() <= deps.now().getTime()) throw unauthorized('session-over', 'Your session is over: sign in again.');
        if (row.refresh_hash !== sha256(given)) {
          // An older refresh token came back: someone else holds a copy. End the session for both.
          end = { reason: 'refresh-reused', error: unauthorized('refresh-reused', 'This refresh token was already used, so the session has been ended for safety: sign in again.') };
          return undefined;
        }
        let person: DirectoryPerson;
        try {
          person = await checkPerson(tx, trustId, row.person_id);
        } catch (error) {
          if (error instanceof HttpError && error.body.error === 'left') {
            end = { reason: 'left', error };
            return undefined;
          }
          throw error;
        }
        const next = secret();
        await tx.query('UPDATE sessions SET refresh_hash = $3, refreshed_at = $4 WHERE trust_id = $1 AND id = $2', [trustId, sessionId, sha256(next), deps.now()]);
        return issue(trustId, sessionId, row.person_id, rolesFor(person, row.extra_roles), new Date(row.expires_at), next);
      });
      if (end) {
        await db.query('UPDATE sessions SET revoked_at = $3, revoked_reason = $4 WHERE trust_id = $1 AND id = $2 AND revoked_at IS NULL', [trustId, sessionId, deps.now(), end.reason]);
        throw end.error;
      }
      return issued!;
    },

    async signOut(authorization) {
      const claims = await verifySessionToken(authorization);
      await deps.db().query("UPDATE sessions SET revoked_at = $3, revoked_reason = 'signed-out' WHERE trust_id = $1 AND id = $2 AND revoked_at IS NULL", [claims.trustId, claims.sessionId, deps.now()]);
    },

    async revokePerson(q, trustId, personId, reason) {
      const { rowCount } = await q.query('UPDATE sessions SET revoked_at = $3, revoked_reason = $4 WHERE trust_id = $1 AND person_id = $2 AND revoked_at IS NULL', [trustId, personId, deps.now(), reason]);
      return rowCount;
    },

    authenticator(host) {
      return async (authorization) => {
        const token = bearerToken(authorization);
        if (token && isSessionToken(token)) {
          const claims = await verifySessionToken(authorization);
          const { rows } = await deps.db().query<{ revoked_at: unknown; revoked_reason: string | null; expires_at: Date | string; left_on: string | null; roles: unknown; person: boolean }>(
            `SELECT s.revoked_at, s.revoked_reason, s.expires_at, r.data->>'leftOn' AS left_on, r.data->'roles' AS roles, r.id IS NOT NULL AS person
             FROM sessions s LEFT JOIN records r ON r.trust_id = s.trust_id AND r.collection = 'people' AND r.id = s.person_id AND NOT r.deleted
             WHERE s.trust_id = $1 AND s.id = $2`,
            [claims.trustId, claims.sessionId],
          );
          const row = rows[0];
          if (!row) throw unauthorized('no-session', 'This sign-in is not known: sign in again.');
          if (row.left_on && hasLeft(row.left_on, today())) throw leftError(row.left_on);
          if (row.revoked_at) throw unauthorized('revoked', row.revoked_reason === 'signed-out' ? 'You have signed out: sign in again.' : 'Your session was ended: sign in again.');
          if (new Date(row.expires_at).getTime() <= deps.now().getTime()) throw unauthorized('session-over', 'Your session is over: sign in again.');
          if (!row.person) throw unauthorized('unknown-person', 'You are no longer in this school’s plc-kit staff list.');
          return { kind: 'person', personId: claims.personId, trustId: claims.trustId, roles: claims.roles } satisfies Principal;
        }
        const principal = await host(authorization);
        if (principal.kind === 'person') {
          const { rows } = await deps.db().query<{ left_on: string | null }>(
            `SELECT data->>'leftOn' AS left_on FROM records WHERE trust_id = $1 AND collection = 'people' AND id = $2 AND NOT deleted`,
            [principal.trustId, principal.personId],
          );
          const leftOn = rows[0]?.left_on;
          if (leftOn && hasLeft(leftOn, today())) throw leftError(leftOn);
        }
        return principal;
      };
    },
  };

  async function verifySessionToken(authorization: string | undefined): Promise<{ trustId: string; sessionId: string; personId: string; roles: StaffRole[] }> {
    const token = bearerToken(authorization);
    if (!token || !isSessionToken(token)) throw unauthorized('no-token', 'Send the session token as Authorization: Bearer <token>.');
    const { kid } = decodeProtectedHeader(token);
    const key = kid ? await deps.keys.publicKey(kid) : undefined;
    if (!key) throw unauthorized('unknown-key', 'The session token was signed with a key this server no longer has: sign in again.');
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['RS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        typ: SESSION_TOKEN_TYPE,
        currentDate: deps.now(),
        clockTolerance: 5,
      });
      const trustId = payload['plc_trust'];
      const sessionId = payload['sid'];
      if (typeof trustId !== 'string' || typeof sessionId !== 'string' || typeof payload.sub !== 'string') throw new Error('claims');
      return { trustId, sessionId, personId: payload.sub, roles: rolesOf(payload['plc_roles']) };
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_JWT_EXPIRED') throw unauthorized('expired', 'The session token has expired: refresh it (POST /auth/refresh).');
      throw unauthorized('invalid', 'The session token is not valid.');
    }
  }
}

/** Whether a bearer token is a plc-kit session token (by its `typ` header). */
export function isSessionToken(token: string): boolean {
  try {
    return decodeProtectedHeader(token).typ === SESSION_TOKEN_TYPE;
  } catch {
    return false;
  }
}
