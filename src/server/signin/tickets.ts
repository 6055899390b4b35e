/**
 * Short-lived one-time values of the sign-in flows, in `signin_states`: a launch waiting for the
 * browser's platform-storage check, a deep-linking choice in progress, an SSO login's state and
 * PKCE verifier, a dynamic registration link. Only the SHA-256 hash of the value is stored; a
 * value is taken once (deleted as it is read) and never after it expires.
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db.js';

const hash = (value: string) => createHash('sha256').update(value).digest('hex');

/** Stores `data` under a new random value for `seconds`, and returns the value. */
export async function putTicket(q: Queryable, trustId: string, kind: string, data: unknown, seconds: number, now: Date): Promise<string> {
  const ticket = randomBytes(24).toString('base64url');
  await q.query('DELETE FROM signin_states WHERE expires_at < $1', [now]);
  await q.query('INSERT INTO signin_states (state_hash, trust_id, kind, data, expires_at) VALUES ($1, $2, $3, $4, $5)', [hash(ticket), trustId, kind, JSON.stringify(data), new Date(now.getTime() + seconds * 1000)]);
  return ticket;
}

/** Takes a ticket of `kind` (it cannot be taken again); undefined when unknown, used or expired. */
export async function takeTicket<T>(q: Queryable, kind: string, ticket: unknown, now: Date): Promise<{ trustId: string; data: T } | undefined> {
  if (typeof ticket !== 'string' || ticket.length === 0 || ticket.length > 200) return undefined;
  const { rows } = await q.query<{ trust_id: string; data: T }>('DELETE FROM signin_states WHERE state_hash = $1 AND kind = $2 RETURNING trust_id, data, expires_at > $3 AS live', [hash(ticket), kind, now]);
  const row = rows[0] as { trust_id: string; data: T; live?: boolean } | undefined;
  return row && row.live ? { trustId: row.trust_id, data: row.data } : undefined;
}

/** Reads a ticket without taking it (a registration link shown before it is used). */
export async function peekTicket<T>(q: Queryable, kind: string, ticket: unknown, now: Date): Promise<{ trustId: string; data: T } | undefined> {
  if (typeof ticket !== 'string' || ticket.length === 0 || ticket.length > 200) return undefined;
  const { rows } = await q.query<{ trust_id: string; data: T }>('SELECT trust_id, data FROM signin_states WHERE state_hash = $1 AND kind = $2 AND expires_at > $3', [hash(ticket), kind, now]);
  return rows[0] ? { trustId: rows[0].trust_id, data: rows[0].data } : undefined;
}
