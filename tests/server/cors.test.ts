/**
 * Browser access for development: CORS for configured origins only, and the development token
 * endpoint, which exists only with the development secret and an explicit flag.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { serverOptionsFromEnv } from '../../src/server/index.js';
import { client, ON, openTestDb, SECRET, startServer, type TestDb, type TestServer } from './helpers.js';

const ALLOWED = 'http://localhost:8123';

describe(`CORS and development tokens (${ON})`, () => {
  let testDb: TestDb;
  let plain: TestServer;
  let dev: TestServer;
  before(async () => {
    testDb = await openTestDb();
    plain = await startServer(testDb.db);
    dev = await startServer(testDb.db, { corsOrigins: [ALLOWED], devTokens: true });
  });
  after(async () => {
    await dev?.close();
    await plain?.close();
    await testDb?.cleanup();
  });

  it('sends CORS headers to a configured origin only', async () => {
    const allowed = await client(dev.url).get('/healthz', { origin: ALLOWED });
    assert.equal(allowed.headers.get('access-control-allow-origin'), ALLOWED);
    assert.match(allowed.headers.get('access-control-expose-headers') ?? '', /etag/i);
    const other = await client(dev.url).get('/healthz', { origin: 'http://evil.example' });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    const none = await client(plain.url).get('/healthz', { origin: ALLOWED });
    assert.equal(none.headers.get('access-control-allow-origin'), null);
  });

  it('answers a preflight from a configured origin', async () => {
    const headers = { origin: ALLOWED, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization, if-match' };
    const response = await fetch(`${dev.url}/v1/records/people/p-ana`, { method: 'OPTIONS', headers });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), ALLOWED);
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /PUT/);
    for (const name of ['authorization', 'content-type', 'if-match', 'if-none-match']) {
      assert.match(response.headers.get('access-control-allow-headers') ?? '', new RegExp(name));
    }
    const refused = await fetch(`${dev.url}/v1/records/people/p-ana`, { method: 'OPTIONS', headers: { ...headers, origin: 'http://evil.example' } });
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
    assert.notEqual(refused.status, 204);
  });

  it('signs development tokens the server accepts, only when enabled', async () => {
    const reply = await client(dev.url).post('/v1/dev/token', { personId: 'p-ana', trustId: 'demo', roles: ['teacher'] }, { origin: ALLOWED });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.get('access-control-allow-origin'), ALLOWED);
    const records = await client(dev.url, reply.body.token).get('/v1/records/people');
    assert.equal(records.status, 200);
    const service = await client(dev.url).post('/v1/dev/token', { service: true, trustId: 'demo' });
    assert.equal(service.status, 200);
    const invalid = await client(dev.url).post('/v1/dev/token', { personId: 'not an id!' });
    assert.equal(invalid.status, 400);
    const absent = await client(plain.url).post('/v1/dev/token', { personId: 'p-ana' });
    assert.equal(absent.status, 404);
  });

  it('gives a development token the roles on the person\'s directory record when none are asked for', async () => {
    const { token: serviceToken } = (await client(dev.url).post('/v1/dev/token', { service: true, trustId: 'roles-trust' })).body;
    const person = { schemaVersion: 1, id: 'p-lead', name: 'Lee Lead', schoolId: 'sch-1', roles: ['cpd-leader', 'teacher'] };
    assert.equal((await client(dev.url, serviceToken).put('/v1/records/people/p-lead', person, { 'if-none-match': '*' })).status, 201);
    const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    const lead = await client(dev.url).post('/v1/dev/token', { personId: 'p-lead', trustId: 'roles-trust' });
    assert.deepEqual(claimsOf(lead.body.token).plc_roles, ['cpd-leader', 'teacher']);
    const asked = await client(dev.url).post('/v1/dev/token', { personId: 'p-lead', trustId: 'roles-trust', roles: ['teacher'] });
    assert.deepEqual(claimsOf(asked.body.token).plc_roles, ['teacher']);
    const unknown = await client(dev.url).post('/v1/dev/token', { personId: 'p-nobody', trustId: 'roles-trust' });
    assert.equal(unknown.status, 200);
    assert.notDeepEqual(claimsOf(unknown.body.token).plc_roles, ['cpd-leader', 'teacher']);
  });

  it('reads PLC_CORS_ORIGINS and enables dev tokens only with the secret and PLC_DEV_TOKENS=1', () => {
    const on = serverOptionsFromEnv({ PLC_JWT_SECRET: SECRET, PLC_DEV_TOKENS: '1', PLC_CORS_ORIGINS: 'http://localhost:8123, http://a.example/' });
    assert.deepEqual(on.options.corsOrigins, ['http://localhost:8123', 'http://a.example']);
    assert.equal(on.options.devTokens, true);
    assert.equal(serverOptionsFromEnv({ PLC_JWT_SECRET: SECRET }).options.devTokens, undefined);
    assert.equal(serverOptionsFromEnv({ PLC_JWT_SECRET: SECRET }).options.corsOrigins, undefined);
    assert.equal(serverOptionsFromEnv({ PLC_JWKS_URL: 'https://x.example/jwks', PLC_JWT_SECRET: SECRET, PLC_DEV_TOKENS: '1' }).options.devTokens, undefined);
    assert.equal(serverOptionsFromEnv({ PLC_DEV_TOKENS: '1' }).options.devTokens, undefined);
    assert.throws(() => serverOptionsFromEnv({ PLC_JWT_SECRET: SECRET, PLC_DEV_TOKENS: '1', NODE_ENV: 'production' }));
  });
});
