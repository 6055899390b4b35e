/**
 * The host's tokens: a token that verified is remembered by the process for a few seconds, so a
 * browser's next requests skip the signature check, but never past its `exp`, never past the
 * cache's time, and only for exactly the same token.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SignJWT, type JWTPayload } from 'jose';
import { createAuthenticator, defaultClaims, type AuthOptions } from '../../src/server/auth.js';
import { HttpError } from '../../src/server/errors.js';

const SECRET = 'plc-kit-auth-test-secret-0123456789abcdef';
const T = Date.parse('2026-12-07T09:00:00Z');

const sign = (claims: JWTPayload, expiresAt: number) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt(Math.floor(T / 1000))
    .setExpirationTime(Math.floor(expiresAt / 1000))
    .sign(new TextEncoder().encode(SECRET));

/** An authenticator on a clock the test moves, counting how often claims are mapped (once per verification). */
function harness(options: Partial<AuthOptions> = {}) {
  let now = T;
  let mapped = 0;
  const authenticate = createAuthenticator({
    secret: SECRET,
    now: () => new Date(now),
    claims: (claims) => {
      mapped += 1;
      return defaultClaims(claims);
    },
    ...options,
  });
  return {
    authenticate: (token: string) => authenticate(`Bearer ${token}`),
    at: (ms: number) => (now = ms),
    mapped: () => mapped,
  };
}

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof HttpError, 'refused');
  return { status: error.status, message: error.body.message };
};

describe('verified tokens', () => {
  it('verifies a token once, then reuses its principal for the same token', async () => {
    const auth = harness();
    const token = await sign({ sub: 'p-ana', plc_trust: 'trust-a', plc_roles: ['coach'] }, T + 15 * 60_000);
    const first = await auth.authenticate(token);
    auth.at(T + 20_000);
    const second = await auth.authenticate(token);
    assert.deepEqual(first, { kind: 'person', personId: 'p-ana', trustId: 'trust-a', roles: ['coach'] });
    assert.equal(second, first);
    assert.equal(auth.mapped(), 1);
    assert.ok(Object.isFrozen(first) && Object.isFrozen((first as { roles: unknown }).roles), 'a shared principal cannot be changed by one request');
  });

  it('checks the token again once the cache time is over', async () => {
    const auth = harness({ verifiedCacheSeconds: 60 });
    const token = await sign({ sub: 'p-ana', plc_trust: 'trust-a' }, T + 15 * 60_000);
    await auth.authenticate(token);
    auth.at(T + 60_000);
    await auth.authenticate(token);
    assert.equal(auth.mapped(), 2);
  });

  it('never lets a remembered token outlive its exp (with the clock tolerance)', async () => {
    const auth = harness({ verifiedCacheSeconds: 3600, clockToleranceSeconds: 30 });
    const token = await sign({ sub: 'p-ana', plc_trust: 'trust-a' }, T + 120_000);
    await auth.authenticate(token);
    auth.at(T + 149_000);
    await auth.authenticate(token);
    assert.equal(auth.mapped(), 1, 'still within exp + tolerance: remembered');
    auth.at(T + 151_000);
    assert.deepEqual(await refusal(auth.authenticate(token)), { status: 401, message: 'The token has expired: sign in again.' });
  });

  it('remembers only the exact token: a changed signature is checked and refused', async () => {
    const auth = harness();
    const token = await sign({ sub: 'p-ana', plc_trust: 'trust-a' }, T + 15 * 60_000);
    await auth.authenticate(token);
    const forged = `${token.slice(0, -4)}${token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    assert.equal((await refusal(auth.authenticate(forged))).status, 401);
  });

  it('checks every request with verifiedCacheSeconds 0', async () => {
    const auth = harness({ verifiedCacheSeconds: 0 });
    const token = await sign({ sub: 'p-ana', plc_trust: 'trust-a' }, T + 15 * 60_000);
    await auth.authenticate(token);
    await auth.authenticate(token);
    assert.equal(auth.mapped(), 2);
  });
});
