/**
 * LTI 1.3 against the platform simulator (tests/support/lti-platform.ts), over real HTTP on
 * loopback: the login step, the launch into a plc-kit session (cookie and platform-storage
 * bindings), every refusal with its page and log line (bad signature, wrong audience, expired,
 * replayed nonce, unknown deployment or client, wrong issuer, missing state), the certification
 * suite's awkward launches, keys that rotate, session tokens accepted by the API, refreshed,
 * signed out, and refused for a leaver.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launcher, pageData, STAFF } from '../support/lti-launch.js';
import { startPlatform, ROLE, type LaunchSpec, type TestPlatform } from '../support/lti-platform.js';
import { defaultLifecycle } from '../../src/lifecycle/lifecycle.js';
import { erase } from '../../src/server/index.js';
import { client, ON, seedTrust, serverForSuite, type Json, type TestDb, type TestServer } from './helpers.js';

const TRUST = 'trust-lti';
describe(`server: LTI 1.3 launches (${ON})`, () => {
  let test: TestServer;
  let platform: TestPlatform;
  serverForSuite((_db: TestDb, server) => (test = server), { signin: { jwksCooldownMs: 0 } });
  const { login, post, launch } = launcher(() => test.url, () => platform);
  const refusals = (code: string) => test.logs.filter((l) => l.msg === 'lti refused' && l['code'] === code);

  before(async () => {
    platform = await startPlatform();
    platform.toolJwksUrl = `${test.url}/lti/jwks`;
    await seedTrust(test, TRUST, STAFF.map((p) => ['people', p] as [string, { id: string }]));
    const admin = await test.as('p-admin', TRUST, ['admin']);
    const created = await admin.put('/v1/lti/platforms/vle', { name: 'Simulated VLE', issuer: platform.issuer, clientId: platform.clientId, authUrl: `${platform.url}/auth`, tokenUrl: `${platform.url}/token`, jwksUrl: `${platform.url}/jwks`, deploymentIds: [platform.deploymentId], schoolId: 'sch-north' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
  });
  after(() => platform?.close());

  it('launches a member of staff matched by email into a session whose token the API accepts, refreshes and signs out', async () => {
    const result = await launch({ sub: 'u-ola', name: 'Ola Okafor', email: 'OLA@north.example', roles: [ROLE.instructor], custom: { plc_view: 'board', plc_community: 'com-feedback' } });
    assert.equal(result.status, 200, result.html);
    assert.match(result.headers.get('content-security-policy') ?? '', new RegExp(`frame-ancestors ${platform.url.replace(/[.]/g, '\\.')}`));
    assert.equal(result.headers.get('cache-control'), 'no-store');
    const { session, view } = result.data;
    assert.deepEqual([session.personId, session.trustId, session.roles], ['p-ola', TRUST, ['teacher']]);
    assert.deepEqual(view, { view: 'board', lang: 'en-GB', community: 'com-feedback' });
    assert.ok(!result.html.includes(result.fields.id_token), 'the platform’s id_token never reaches the page');
    const api = client(test.url, session.token);
    assert.equal((await api.get('/v1/enquiries')).status, 200, 'the session token is accepted like a host JWT');

    const refreshed = await client(test.url).post('/auth/refresh', { refreshToken: session.refreshToken });
    assert.equal(refreshed.status, 200);
    assert.notEqual(refreshed.body.refreshToken, session.refreshToken, 'the refresh token rotates');
    const reused = await client(test.url).post('/auth/refresh', { refreshToken: session.refreshToken });
    assert.deepEqual([reused.status, reused.body.reason], [401, 'refresh-reused']);
    const afterReuse = await client(test.url, refreshed.body.token).get('/v1/enquiries');
    assert.deepEqual([afterReuse.status, afterReuse.body.reason], [401, 'revoked'], 'a reused refresh token ends the session for every holder');

    const second = await launch({ sub: 'u-ola', roles: [ROLE.instructor] });
    assert.equal(second.data.session.personId, 'p-ola', 'the second launch finds Ola by the link, with no personal data');
    assert.equal((await client(test.url, second.data.session.token).post('/auth/signout', undefined)).status, 204);
    const signedOut = await client(test.url, second.data.session.token).get('/v1/enquiries');
    assert.deepEqual([signedOut.status, signedOut.body.reason], [401, 'revoked']);
    assert.ok(test.logs.some((l) => l.msg === 'lti launch' && l['personId'] === 'p-ola' && l['binding'] === 'cookie'));
  });

  it('keeps working when the platform rotates its keys, and refuses a token signed with a key not in its JWKS', async () => {
    await platform.rotate(true);
    const rotated = await launch({ sub: 'u-kim', email: 'kim@north.example', roles: [ROLE.instructor, ROLE.mentor] });
    assert.equal(rotated.status, 200, rotated.html);
    assert.deepEqual(rotated.data.session.roles, ['teacher', 'cpd-leader'], 'roles come from the directory record');
    const forged = await launch({ sub: 'u-kim', email: 'kim@north.example', foreignKey: true });
    assert.equal(forged.status, 401);
    assert.match(forged.html, /could not be verified/);
    assert.equal(refusals('bad-signature').length, 1);
  });

  it('refuses a wrong audience, an expired token, another issuer, an unknown deployment, a replay and a missing state, each with a page and a log line', async () => {
    const cases: Array<[string, LaunchSpec, number]> = [
      ['wrong-audience', { sub: 'u-ola', tamper: (c) => (c['aud'] = 'another-tool') }, 401],
      ['wrong-audience', { sub: 'u-ola', tamper: (c) => (c['aud'] = [platform.clientId, 'another-tool']) }, 401],
      ['expired', { sub: 'u-ola', tamper: (c) => Object.assign(c, { iat: 1_700_000_000, exp: 1_700_000_300 }) }, 401],
      ['wrong-issuer', { sub: 'u-ola', tamper: (c) => (c['iss'] = 'https://unknown-vle.example') }, 401],
      ['unknown-deployment', { sub: 'u-ola', deploymentId: 'deployment-rogue' }, 401],
      ['invalid-message', { sub: 'u-ola', tamper: (c) => (c['https://purl.imsglobal.org/spec/lti/claim/version'] = '1.1') }, 400],
    ];
    for (const [code, spec, status] of cases) {
      const before = refusals(code).length;
      const result = await launch(spec);
      assert.equal(result.status, status, `${code}: ${result.html.slice(0, 300)}`);
      assert.equal(result.data, undefined, `${code}: no session`);
      const line = refusals(code).at(-1)!;
      assert.equal(refusals(code).length, before + 1, code);
      assert.match(result.html, new RegExp(`${code} · ${line['reference']}`), 'the page shows the reference of the log line');
    }

    const first = await launch({ sub: 'u-ola', roles: [ROLE.instructor] });
    assert.equal(first.status, 200);
    const replay = await post({ id_token: first.fields.id_token, state: first.fields.state }, first.cookie);
    assert.equal(replay.status, 401);
    assert.equal(refusals('replayed-nonce').length, 1);

    const started = await login(platform.prepare({ sub: 'u-ola' }));
    const fields = await platform.authorize(started.location!);
    const stateless = await post({ id_token: fields.id_token }, started.cookie);
    assert.deepEqual([stateless.status, refusals('missing-state').length], [401, 1]);
    const wrongState = await login(platform.prepare({ sub: 'u-ola' }));
    const wrongFields = await platform.authorize(wrongState.location!);
    const crossed = await post({ id_token: wrongFields.id_token, state: fields.state }, started.cookie);
    assert.equal(crossed.status, 401, 'a state from another login does not fit this id_token');
    assert.ok(refusals('nonce-mismatch').length + refusals('missing-state').length >= 2);

    const blocked = await launch({ sub: 'u-ola' }, { cookie: false });
    assert.equal(blocked.status, 401, 'no cookie and no platform storage: refused');
    assert.match(blocked.html, /new window/);

    const unknownClient = await login(platform.prepare({ sub: 'u-ola' }), { client_id: 'nobody' });
    assert.equal(unknownClient.status, 401);
    assert.ok(refusals('unknown-client').some((l) => l['clientId'] === 'nobody'));
  });

  it('handles the certification suite’s awkward launches: no personal data, only an email, unknown and several roles, a learner, no sub, a shared email', async () => {
    const onlyEmail = await launch({ sub: 'u-ola-2', email: 'ola@north.example', roles: [ROLE.instructor] });
    assert.equal(onlyEmail.data.session.personId, 'p-ola');
    const noData = await launch({ sub: 'u-stranger', roles: [ROLE.instructor] });
    assert.deepEqual([noData.status, refusals('unknown-person').length], [403, 1]);
    assert.match(noData.html, /not in plc-kit’s staff list/);
    const several = await launch({ sub: 'u-ola', roles: ['http://example.com/role#Wizard', ROLE.learner, ROLE.faculty] });
    assert.equal(several.status, 200, 'a staff role among unknown ones opens plc-kit');
    const unknownOnly = await launch({ sub: 'u-ola', roles: ['http://example.com/role#Wizard'] });
    assert.equal(unknownOnly.status, 403);
    const learner = await launch({ sub: 'u-stu', name: 'A Student', roles: [ROLE.learner] });
    assert.equal(learner.status, 403);
    assert.match(learner.html, /plc-kit is for staff/);
    assert.match(learner.html, /A Student/);
    const mentorAlone = await launch({ sub: 'u-parent', roles: [ROLE.mentor] });
    assert.equal(mentorAlone.status, 403);
    assert.equal(refusals('not-staff').length, 3);
    const anonymous = await launch({ roles: [ROLE.instructor] });
    assert.deepEqual([anonymous.status, refusals('anonymous').length], [403, 1]);
    const twins = await launch({ sub: 'u-twin', email: 'twin@north.example' });
    assert.deepEqual([twins.status, refusals('ambiguous-email').length], [403, 1]);
    const spanish = await launch({ sub: 'u-stu2', roles: [ROLE.learner], locale: 'es_ES' });
    assert.match(spanish.html, /lang="es"/);
    assert.match(spanish.html, /plc-kit es para el personal/);
  });

  it('binds the launch through the platform’s storage when the cookie is blocked (lti-cs-oidc)', async () => {
    const hint = platform.prepare({ sub: 'u-ola', roles: [ROLE.instructor] });
    const started = await login(hint, { lti_storage_target: 'post_message_forwarding' });
    assert.equal(started.status, 200, 'the login answers a page that stores the state in the platform first');
    const loginData = pageData(started.html, 'plc-login');
    assert.deepEqual([loginData.target, loginData.origin], ['post_message_forwarding', platform.url]);
    const fields = await platform.authorize(loginData.authUrl);
    assert.equal(fields.state, loginData.state);
    const launched = await post({ id_token: fields.id_token, state: fields.state });
    assert.equal(launched.status, 200, launched.html);
    assert.equal(launched.data.session, undefined, 'no session before the page has checked the platform’s storage');
    assert.deepEqual([launched.data.state, launched.data.storage], [fields.state, { target: 'post_message_forwarding', origin: platform.url }]);
    const confirmed = await client(test.url).post('/lti/launch/confirm', { ticket: launched.data.ticket });
    assert.deepEqual([confirmed.status, confirmed.body.personId], [200, 'p-ola']);
    const again = await client(test.url).post('/lti/launch/confirm', { ticket: launched.data.ticket });
    assert.equal(again.status, 401, 'a ticket is used once');
  });

  it('refuses a leaver at once: their session token, their refresh and the host JWT all answer 401 left', async () => {
    const launched = await launch({ sub: 'u-leaver', email: 'lee@north.example' }).catch(() => undefined);
    assert.equal(launched?.status, 403, 'Lee is not in the directory yet');
    const admin = await test.as('p-admin', TRUST, ['admin']);
    const lee = { schemaVersion: 1, id: 'p-lee', name: 'Lee Long', email: 'lee@north.example', schoolId: 'sch-north', roles: ['teacher'] };
    assert.equal((await admin.put('/v1/records/people/p-lee', lee, { 'if-none-match': '*' })).status, 201);
    const { session } = (await launch({ sub: 'u-leaver', email: 'lee@north.example' })).data;
    const host = await test.as('p-lee', TRUST);
    assert.equal((await host.get('/v1/enquiries')).status, 200);
    // The person's record gains leftOn (as the roster's apply writes it).
    await test.server.db!.query(`UPDATE records SET data = jsonb_set(data, '{leftOn}', '"2020-01-01"') WHERE trust_id = $1 AND collection = 'people' AND id = 'p-lee'`, [TRUST]);
    for (const reply of [await client(test.url, session.token).get('/v1/enquiries'), await host.get('/v1/enquiries'), await client(test.url).post('/auth/refresh', { refreshToken: session.refreshToken })]) {
      assert.deepEqual([reply.status, reply.body.error, reply.body.leftOn], [401, 'left', '2020-01-01']);
    }
    const relaunch = await launch({ sub: 'u-leaver', email: 'lee@north.example' });
    assert.equal(relaunch.status, 403);
    assert.match(relaunch.html, /you have left the school/);
    assert.ok(refusals('left').length >= 1);
  });

  it('publishes the tool keys and lists the courses launched from', async () => {
    const jwks = await client(test.url).get('/lti/jwks');
    assert.equal(jwks.status, 200);
    assert.ok(jwks.body.keys.length >= 1 && jwks.body.keys.every((k: Json) => k.kty === 'RSA' && !('d' in k)), 'public parts only');
    assert.deepEqual((await client(test.url).get('/.well-known/jwks.json')).body, jwks.body);
    const contexts = await (await test.as('p-admin', TRUST, ['admin'])).get('/v1/lti/contexts');
    assert.deepEqual(contexts.body.contexts.map((c: Json) => [c.platformId, c.contextId, c.membershipsUrl]), [['vle', 'course-staffroom', `${platform.url}/nrps/course-staffroom`]]);
    const teacher = await test.as('p-ola', TRUST);
    assert.equal((await teacher.get('/v1/lti/platforms')).status, 403);
  });
  it('erasing a person removes their sign-in links and sessions', async () => {
    const { session } = (await launch({ sub: 'u-ola', roles: [ROLE.instructor] })).data;
    const report = await erase(test.server.db!, defaultLifecycle, TRUST, 'p-ola');
    assert.equal(report.person, true);
    const left = await test.server.db!.query("SELECT (SELECT count(*) FROM person_links WHERE trust_id = $1 AND person_id = 'p-ola') AS links, (SELECT count(*) FROM sessions WHERE trust_id = $1 AND person_id = 'p-ola') AS sessions", [TRUST]);
    assert.deepEqual(left.rows[0], { links: 0, sessions: 0 });
    assert.equal((await client(test.url, session.token).get('/v1/enquiries')).status, 401);
    assert.equal((await launch({ sub: 'u-ola', roles: [ROLE.instructor] })).status, 403, 'the VLE user id no longer finds anyone');
  });
});
