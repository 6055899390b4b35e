/**
 * The installation's own signing keys: RSA keys (RS256, as LTI requires of tools) that sign the
 * session tokens plc-kit hands a browser, the deep-linking responses and the client assertions
 * it sends a VLE. They live in `signing_keys`, so every server process signs and verifies with
 * the same ones, and are rotated: a key signs for `rotateAfterDays` (90), then a new one takes
 * over and the old one stays in the JWKS (`/.well-known/jwks.json`, `/lti/jwks`) for
 * `keepRetiredDays` (14) so that a platform's cached copy and tokens already signed still verify.
 * @module
 */
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Db } from '../db.js';

/** How long keys live. */
export interface KeyOptions {
  /** Days a key signs before a new one takes over; 90 by default. */
  rotateAfterDays?: number | undefined;
  /** Days a retired key stays published (verifying what it signed); 14 by default. */
  keepRetiredDays?: number | undefined;
  /** Wall time. */
  now?: (() => Date) | undefined;
}

/** The key that signs now. */
export interface SigningKey {
  kid: string;
  alg: 'RS256';
  privateKey: CryptoKey;
}

/** The installation's keys, as the routes and sign-in modules use them. */
export interface KeyStore {
  /** The key to sign with now (a new one is made when there is none, or it is due for rotation). */
  current(): Promise<SigningKey>;
  /** The public key with this `kid`, while it is published. */
  publicKey(kid: string): Promise<CryptoKey | undefined>;
  /** The public keys, for `/.well-known/jwks.json`. */
  jwks(): Promise<{ keys: JWK[] }>;
  /** Makes a new key the signing key at once (the old one is kept published). */
  rotate(): Promise<SigningKey>;
}

const DAY = 86_400_000;
/** Advisory lock key held while a key is made, so two processes never make two at once. */
const KEY_LOCK = [0x706c63, 3] as const;

interface KeyRow {
  kid: string;
  private_jwk: JWK;
  public_jwk: JWK;
  created_at: Date | string;
  retired_at: Date | string | null;
}

/**
 * Creates the key store over `db`. Keys are read from the database at most once a minute (and
 * at once for an unknown `kid`), so a key made by another process is seen quickly.
 * @example
 * ```ts
 * const keys = createKeyStore(() => db);
 * const { kid, privateKey } = await keys.current();
 * ```
 */
export function createKeyStore(db: () => Db, options: KeyOptions = {}): KeyStore {
  const now = options.now ?? (() => new Date());
  const rotateMs = (options.rotateAfterDays ?? 90) * DAY;
  const keepMs = (options.keepRetiredDays ?? 14) * DAY;
  let cache: { at: number; rows: KeyRow[] } | undefined;
  const imported = new Map<string, Promise<CryptoKey>>();

  const load = async (force = false): Promise<KeyRow[]> => {
    const at = now().getTime();
    if (!force && cache && at - cache.at < 60_000) return cache.rows;
    await db().query('DELETE FROM signing_keys WHERE retired_at < $1', [new Date(at - keepMs)]);
    const { rows } = await db().query<KeyRow>('SELECT kid, private_jwk, public_jwk, created_at, retired_at FROM signing_keys ORDER BY created_at DESC, kid');
    cache = { at, rows };
    return rows;
  };
  const importOnce = (kid: string, jwk: JWK) => {
    if (!imported.has(kid)) imported.set(kid, importJWK(jwk, 'RS256') as Promise<CryptoKey>);
    return imported.get(kid)!;
  };
  const signing = async (row: KeyRow): Promise<SigningKey> => ({ kid: row.kid, alg: 'RS256', privateKey: await importOnce(`private:${row.kid}`, row.private_jwk) });

  const make = async (retireOthers: boolean): Promise<SigningKey> => {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
    const at = now();
    const kid = `plc-${at.toISOString().slice(0, 10)}-${crypto.randomUUID().slice(0, 8)}`;
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256' };
    const made = await db().transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [...KEY_LOCK]);
      // Another process may have made one meanwhile: use it rather than making two.
      if (!retireOthers) {
        const { rows } = await tx.query<KeyRow>('SELECT kid, private_jwk, public_jwk, created_at, retired_at FROM signing_keys WHERE retired_at IS NULL AND created_at > $1 ORDER BY created_at DESC LIMIT 1', [new Date(at.getTime() - rotateMs)]);
        if (rows[0]) return rows[0];
      }
      await tx.query('UPDATE signing_keys SET retired_at = $1 WHERE retired_at IS NULL', [at]);
      await tx.query('INSERT INTO signing_keys (kid, alg, private_jwk, public_jwk, created_at) VALUES ($1, $2, $3, $4, $5)', [kid, 'RS256', JSON.stringify(privateJwk), JSON.stringify(publicJwk), at]);
      return { kid, private_jwk: privateJwk, public_jwk: publicJwk, created_at: at, retired_at: null } satisfies KeyRow;
    });
    cache = undefined;
    return signing(made);
  };

  return {
    async current() {
      const rows = await load();
      const live = rows.find((row) => row.retired_at === null);
      if (live && now().getTime() - new Date(live.created_at).getTime() < rotateMs) return signing(live);
      return make(false);
    },
    async publicKey(kid) {
      let row = (await load()).find((r) => r.kid === kid);
      row ??= (await load(true)).find((r) => r.kid === kid);
      return row ? importOnce(`public:${kid}`, row.public_jwk) : undefined;
    },
    async jwks() {
      await this.current();
      return { keys: (await load()).map((row) => row.public_jwk) };
    },
    rotate: () => make(true),
  };
}
