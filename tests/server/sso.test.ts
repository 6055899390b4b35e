/**
 * Single sign-on against a real OpenID Provider on loopback (oidc-provider as the school's Google
 * Workspace or Entra ID): PKCE and only the basic scopes are asked for; a verified email in an
 * allowed domain, or an allowed tenant, signs in the directory's person with a plc-kit session
 * token (roles from the directory, plus a groups claim's); other domains and tenants, unverified
 * emails, strangers, leavers and a state from another browser are refused with a page and a log line.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SsoProvider } from '../../src/server/index.js';
import { pageData, STAFF } from '../support/lti-launch.js';
import { followRedirects, startProvider, type TestProvider } from '../support/oidc-provider.js';
import { client, ON, seedTrust, serverForSuite, type TestServer } from './helpers.js';

const TRUST = 'trust-sso';

describe(`server: single sign-on (${ON})`, () => {
  let test: TestServer;
  let provider: TestProvider;
  const providers: SsoProvider[] = [];
  serverForSuite((_db, server) => (test = server), { signin: { sso: providers } });
  const refusals = (code: string) => test.logs.filter((l) => l.msg === 'sso refused' && l['code'] === code);
  const signIn = async (providerId: string, account: string) => {
    provider.signInAs = account;
    const end = await followRedirects(`${test.url}/signin/${TRUST}/${providerId}`);
    return { ...end, data: pageData(end.body, 'plc-launch') };
  };

  before(async () => {
    provider = await startProvider(() => `${test.url}/signin/callback`);
    const base = { trustId: TRUST, issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret };
    providers.push({ ...base, id: 'google', name: 'Google Workspace', domains: ['north.example'] });
    providers.push({ ...base, id: 'entra', name: 'Microsoft', tenants: ['tenant-north'], groups: { claim: 'groups', roles: { 'g-cpd': ['cpd-leader'], 'g-admins': ['admin'] } } });
    await seedTrust(test, TRUST, STAFF.map((p) => ['people', p] as [string, { id: string }]));
    const accounts: Array<Record<string, unknown> & { sub: string }> = [
      { sub: 'g-ola', email: 'ola@north.example', email_verified: true, name: 'Ola Okafor', hd: 'north.example' },
      { sub: 'g-unverified', email: 'kim@north.example', email_verified: false },
      { sub: 'g-gmail', email: 'ola.okafor@gmail.example', email_verified: true },
      { sub: 'g-stranger', email: 'who@north.example', email_verified: true },
      { sub: 'e-kim', email: 'kim@north.example', tid: 'tenant-north', groups: ['g-admins'] },
      { sub: 'e-other', email: 'ola@north.example', tid: 'tenant-south' },
    ];
    for (const account of accounts) provider.accounts.set(account.sub, account);
  });
  after(() => provider?.close());

  it('signs a Google Workspace account in with PKCE and basic scopes, into a session the API accepts', async () => {
    const first = await fetch(`${test.url}/signin/${TRUST}/google`, { redirect: 'manual' });
    const authorize = new URL(first.headers.get('location')!);
    assert.equal(authorize.searchParams.get('scope'), 'openid email profile', 'only the basic scopes');
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(authorize.searchParams.get('code_challenge') && authorize.searchParams.get('state') && authorize.searchParams.get('nonce'));
    const result = await signIn('google', 'g-ola');
    assert.equal(result.status, 200, result.body.slice(0, 500));
    assert.deepEqual([result.data.session.personId, result.data.session.roles], ['p-ola', ['teacher']]);
    assert.equal((await client(test.url, result.data.session.token).get('/v1/enquiries')).status, 200);
    assert.ok(test.logs.some((l) => l.msg === 'sso signed in' && l['personId'] === 'p-ola'));
  });

  it('signs an Entra account in by tenant, adding the roles of its groups', async () => {
    const result = await signIn('entra', 'e-kim');
    assert.deepEqual([result.status, result.data.session.personId, result.data.session.roles], [200, 'p-kim', ['teacher', 'cpd-leader', 'admin']]);
  });

  it('refuses other domains and tenants, unverified emails, strangers and shared emails, each with a page and a log line', async () => {
    for (const [providerId, account, code] of [
      ['google', 'g-gmail', 'domain-not-allowed'],
      ['google', 'g-unverified', 'email-unverified'],
      ['google', 'g-stranger', 'unknown-person'],
      ['entra', 'e-other', 'domain-not-allowed'],
    ] as const) {
      const before = refusals(code).length;
      const result = await signIn(providerId, account);
      assert.equal(result.status, 403, `${account}: ${result.body.slice(0, 300)}`);
      assert.equal(result.data, undefined);
      assert.equal(refusals(code).length, before + 1, `${account} → ${code}`);
      assert.match(result.body, new RegExp(`${code} · ${refusals(code).at(-1)!['reference']}`));
    }
  });

  it('refuses a callback whose state this browser did not start, an unknown provider, and a leaver', async () => {
    provider.signInAs = 'g-ola';
    const stolen = await followRedirects(`${test.url}/signin/${TRUST}/google`, new Map(), `${test.url}/signin/callback`);
    const replayed = await fetch(stolen.url);
    assert.equal(replayed.status, 400, 'the callback without the browser’s cookie is refused');
    assert.equal(refusals('missing-state').length, 1);
    assert.equal((await fetch(`${test.url}/signin/${TRUST}/nope`)).status, 403);
    const buttons = await (await fetch(`${test.url}/signin/${TRUST}`)).text();
    assert.match(buttons, /Sign in with Google Workspace/);
    assert.match(buttons, /Sign in with Microsoft/);

    await test.server.db!.query(`UPDATE records SET data = jsonb_set(data, '{leftOn}', '"2021-07-31"') WHERE trust_id = $1 AND collection = 'people' AND id = 'p-ola'`, [TRUST]);
    const leaver = await signIn('google', 'g-ola');
    assert.equal(leaver.status, 403);
    assert.match(leaver.body, /you have left the school/);
    assert.equal(refusals('left').length, 1);
  });
});
