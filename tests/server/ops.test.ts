/**
 * Operations: health and readiness, graceful shutdown finishing a write in flight, migrations
 * on restart, request logs, the OpenAPI document, backups, and tokens verified against a JWKS.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createServer, jsonLogger, migrate, MIGRATIONS, openApiDocument, openDb, serverOptionsFromEnv, type Db } from '../../src/server/index.js';
import { PEOPLE, eventWriter, individualDetails, observation } from '../support/store-fixtures.js';
import { client, ON, openTestDb, pullAll, pushAsAuthors, seedTrust, startServer, type TestDb, type TestServer } from './helpers.js';

/** A database whose transactions, once armed, wait at a gate before committing: a write held in flight. */
function gated(db: Db) {
  let armed: { reached: () => void; gate: Promise<void> } | undefined;
  const wrapped: Db = {
    kind: db.kind,
    schema: db.schema,
    query: (sql, params) => db.query(sql, params),
    transaction: (fn) =>
      db.transaction(async (tx) => {
        const result = await fn(tx);
        if (armed) {
          armed.reached();
          await armed.gate;
        }
        return result;
      }),
    close: () => db.close(),
  };
  return {
    db: wrapped,
    /** Holds the next transactions; resolves `reached` when one is held, until `open()`. */
    arm() {
      let open!: () => void;
      let reached!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      const held = new Promise<void>((resolve) => (reached = resolve));
      armed = { reached, gate };
      return { held, open };
    },
  };
}

describe(`server: operations (${ON})`, () => {
  let testDb: TestDb;
  let test: TestServer;
  before(async () => {
    testDb = await openTestDb();
    test = await startServer(testDb.db);
  });
  after(async () => {
    await test?.close();
    await testDb?.cleanup();
  });

  it('answers health and readiness', async () => {
    const health = await client(test.url).get('/healthz');
    assert.deepEqual([health.status, health.body.status], [200, 'ok']);
    const ready = await client(test.url).get('/readyz');
    assert.deepEqual([ready.status, ready.body.status], [200, 'ready']);
    let down = false;
    const flaky: Db = { ...testDb.db, query: (sql, params) => (down ? Promise.reject(new Error('connection refused')) : testDb.db.query(sql, params)) };
    const sick = createServer({ auth: { secret: 'x'.repeat(32) }, db: flaky, log: () => {} });
    try {
      const url = await sick.listen(0);
      down = true;
      const notReady = await client(url).get('/readyz');
      assert.deepEqual([notReady.status, notReady.body.status], [503, 'not-ready']);
      assert.match(notReady.body.reason, /connection refused/);
      assert.equal((await client(url).get('/healthz')).status, 200, 'alive all the same');
    } finally {
      await sick.close();
    }
  });

  it('logs one JSON line per request: method, path, status, time; never a token or a body', async () => {
    const lines: string[] = [];
    const log = jsonLogger({ write: (line: string) => lines.push(line) }, () => new Date('2025-09-04T08:30:00.000Z'));
    const logged = await startServer(testDb.db, { log });
    try {
      const ana = await logged.as(PEOPLE.ana.id, 'trust-logs');
      const secretWords = 'Sensitive words in a body';
      await ana.post('/v1/enquiries/enq-log/events?atomic=1', { events: [{ nonsense: secretWords }] });
      await ana.get('/v1/enquiries');
    } finally {
      await logged.close();
    }
    const requests = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'request');
    assert.equal(requests.length, 2);
    assert.deepEqual(Object.keys(requests[0]).sort(), ['level', 'method', 'ms', 'msg', 'path', 'reqId', 'status', 'time']);
    assert.deepEqual([requests[0].method, requests[0].path, requests[0].status, requests[0].time], ['POST', '/v1/enquiries/enq-log/events', 400, '2025-09-04T08:30:00.000Z']);
    assert.equal(typeof requests[0].ms, 'number');
    const all = lines.join('\n');
    assert.ok(!all.includes('Bearer') && !all.includes('eyJ'), 'no token');
    assert.ok(!all.includes('Sensitive words'), 'no body');
    assert.ok(!all.includes('atomic'), 'no query string');
  });

  it('finishes a write in flight when shut down, and then refuses new requests', async () => {
    const gate = gated(testDb.db);
    const draining = await startServer(gate.db);
    const ana = await draining.as(PEOPLE.ana.id, 'trust-drain');
    const events = eventWriter({ prefix: 'dr' }).walk('enq-d', 'created', individualDetails({ ownerIds: [PEOPLE.ana.id] }));
    const held = gate.arm();
    const push = ana.post('/v1/enquiries/enq-d/events', { events });
    await held.held;
    let closed = false;
    const closing = draining.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(closed, false, 'close waits for the write in flight');
    const late = await fetch(`${draining.url}/healthz`).then((r) => r.status, () => 'refused');
    assert.ok(late === 503 || late === 'refused', `new requests are not served (${late})`);
    held.open();
    const reply = await push;
    assert.deepEqual([reply.status, reply.body.results[0].status], [200, 'appended']);
    await closing;
    const stored = await testDb.db.query('SELECT id FROM events WHERE trust_id = $1', ['trust-drain']);
    assert.equal(stored.rows.length, 1, 'the write committed');
  });

  it('serves its OpenAPI 3.1 document, the same as docs/server/openapi.json', async () => {
    const served = await client(test.url).get('/openapi.json');
    assert.equal(served.status, 200);
    assert.equal(served.body.openapi, '3.1.0');
    assert.deepEqual(served.body, JSON.parse(JSON.stringify(await openApiDocument())));
    const documented = JSON.parse(readFileSync(new URL('../../docs/server/openapi.json', import.meta.url), 'utf8'));
    assert.deepEqual(documented, served.body, 'docs/server/openapi.json is up to date (npx plc-kit openapi > docs/server/openapi.json)');
    for (const [path, operations] of Object.entries<Record<string, { operationId?: string }>>(served.body.paths)) {
      for (const [method, operation] of Object.entries(operations)) assert.ok(operation.operationId, `${method} ${path} has an operationId`);
    }
  });

  it('documents every route it answers and no other, with or without the optional ones', async () => {
    const operations = (document: Record<string, unknown>) =>
      Object.entries(document['paths'] as Record<string, Record<string, unknown>>)
        .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`))
        .sort();
    const answered = (routes: string[]) => routes.map((r) => r.replace(/:([A-Za-z0-9_]+)/g, '{$1}')).sort();
    assert.deepEqual(operations((await client(test.url).get('/openapi.json')).body), answered(await test.server.routes()));
    for (const options of [{ devTokens: true }, { embed: false as const }]) {
      const server = createServer({ auth: { secret: 'a-secret-for-this-test-only-0123456789' }, log: () => {}, ...options });
      try {
        const routes = answered(await server.routes());
        assert.deepEqual(operations(await server.openapi()), routes, JSON.stringify(options));
        assert.equal(routes.includes('POST /v1/dev/token'), options.devTokens === true);
        assert.equal(routes.includes('GET /embed'), !('embed' in options));
      } finally {
        await server.close();
      }
    }
  });

  it('exports and imports a trust\'s backup (complete with the service token, as read by an administrator); old checkpoints reset', async () => {
    const trust = 'trust-backup';
    await seedTrust(test, trust);
    await pushAsAuthors(test, trust, 'enq-b', eventWriter({ prefix: 'bk' }).walk('enq-b', 'evidence'));
    const teacher = await test.as(PEOPLE.ana.id, trust);
    assert.equal((await teacher.get('/v1/backup')).status, 403);
    const admin = await test.as('p-admin', trust, ['admin']);
    const partial = await admin.get('/v1/backup');
    assert.equal(partial.status, 200);
    assert.equal(partial.body.complete, false, "an administrator's export holds what they may read");
    assert.equal(JSON.stringify(partial.body).includes(observation(1).strengths), false, 'no observation notes in it');
    const refused = await admin.post('/v1/backup', partial.body);
    assert.deepEqual([refused.status, refused.body.error, refused.body.field], [400, 'corrupt', 'complete'], 'an incomplete export is never imported');
    const exported = await (await test.service(trust)).get('/v1/backup');
    assert.equal(exported.status, 200);
    assert.equal(exported.body.format, 'plc-kit-backup');
    assert.equal('complete' in exported.body, false, 'the service token exports the complete backup');
    assert.equal(exported.body.events.length, 6);
    assert.equal(JSON.stringify(exported.body).includes(observation(1).strengths), true);
    const checkpoint = (await pullAll(teacher)).checkpoint;

    const corrupt = await admin.post('/v1/backup', { ...exported.body, events: [{ ...exported.body.events[0], hlc: 'soon' }] });
    assert.deepEqual([corrupt.status, corrupt.body.error, corrupt.body.field], [400, 'corrupt', 'events.0.hlc']);

    const copy = await test.as('p-admin', 'trust-copy', ['admin']);
    const imported = await copy.post('/v1/backup', exported.body);
    assert.deepEqual([imported.status, imported.body.imported.events], [200, 6]);
    const roundTrip = await (await test.service('trust-copy')).get('/v1/backup');
    assert.deepEqual({ ...roundTrip.body, exportedAt: 0 }, { ...exported.body, exportedAt: 0 });
    assert.equal((await copy.get('/v1/enquiries/enq-b')).body.stage, 'evidence', 'summaries replayed on import');

    assert.equal((await admin.post('/v1/backup', exported.body)).status, 200, 'importing over a trust replaces it');
    const after = await pullAll(teacher, checkpoint);
    assert.equal(after.reset, true, 'a checkpoint from before the import starts again');
    assert.equal(after.changes.filter((c) => c.kind === 'event').length, 6);
  });

  it('verifies tokens against the host\'s JWKS', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'portal-1', alg: 'ES256', use: 'sig' };
    const jwks: Server = createHttpServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const address = jwks.address() as { port: number };
    const portal = await startServer(testDb.db, { auth: { jwksUrl: `http://127.0.0.1:${address.port}/jwks.json`, issuer: 'https://portal.example.org' } });
    try {
      const sign = (claims: Record<string, unknown>, expires = '5m', issuer = 'https://portal.example.org') =>
        new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'portal-1' }).setIssuer(issuer).setSubject(PEOPLE.ana.id).setIssuedAt().setExpirationTime(expires).sign(privateKey);
      const good = await client(portal.url, await sign({ plc_trust: 'trust-jwks' })).get('/v1/enquiries');
      assert.equal(good.status, 200);
      const expired = await client(portal.url, await sign({ plc_trust: 'trust-jwks' }, '-10m')).get('/v1/enquiries');
      assert.deepEqual([expired.status, expired.body.message], [401, 'The token has expired: sign in again.']);
      const wrongIssuer = await client(portal.url, await sign({ plc_trust: 'trust-jwks' }, '5m', 'https://evil.example')).get('/v1/enquiries');
      assert.equal(wrongIssuer.status, 401);
      const noTrust = await client(portal.url, await sign({})).get('/v1/enquiries');
      assert.deepEqual([noTrust.status, /plc_trust/.test(noTrust.body.message)], [401, true]);
      const shared = await (await portal.as(PEOPLE.ana.id, 'trust-jwks')).get('/v1/enquiries');
      assert.equal(shared.status, 401, 'an HS256 token is refused when the server verifies with a JWKS');
    } finally {
      await portal.close();
      await new Promise((resolve) => jwks.close(resolve));
    }
  });

  it('reads its configuration from the environment, refusing a development secret in production', () => {
    const dev = serverOptionsFromEnv({ PLC_JWT_SECRET: 's'.repeat(32), PLC_PORT: '9000', PLC_DATA_DIR: '/srv/plc' });
    assert.deepEqual([dev.port, dev.host, dev.options.dataDir, dev.options.auth.secret], [9000, '127.0.0.1', '/srv/plc', 's'.repeat(32)]);
    assert.match(dev.warnings.join(' '), /development only/);
    assert.throws(() => serverOptionsFromEnv({ PLC_JWT_SECRET: 's'.repeat(32), NODE_ENV: 'production' }), /PLC_JWKS_URL/);
    const portal = serverOptionsFromEnv({ PLC_JWKS_URL: 'https://portal.example.org/jwks.json', PLC_JWT_SECRET: 's'.repeat(32), DATABASE_URL: 'postgres://db/plc' });
    assert.deepEqual([portal.options.auth.jwksUrl, portal.options.auth.secret, portal.options.databaseUrl, portal.warnings], ['https://portal.example.org/jwks.json', undefined, 'postgres://db/plc', []]);
    assert.match(serverOptionsFromEnv({}).warnings.join(' '), /401/);
    assert.throws(() => serverOptionsFromEnv({ PLC_PORT: 'eighty' }), /PLC_PORT/);
  });

  it('runs migrations once: a restart finds the database up to date, data kept', async () => {
    assert.deepEqual(await migrate(testDb.db), [], 'already migrated by the first start');
    await Promise.all([migrate(testDb.db), migrate(testDb.db)]);
    await test.close();
    await testDb.db.close();
    const reopened = await openDb(testDb.reopen);
    testDb = { ...testDb, db: reopened };
    const restarted = await startServer(reopened);
    test = restarted;
    const { rows } = await reopened.query<{ version: number }>('SELECT version FROM migrations ORDER BY version');
    assert.deepEqual(rows.map((r) => Number(r.version)), MIGRATIONS.map((m) => m.version));
    assert.ok(!restarted.logs.some((l) => l.msg === 'migrated'), 'nothing to migrate on restart');
    const kept = await (await restarted.as(PEOPLE.ana.id, 'trust-backup')).get('/v1/enquiries/enq-b');
    assert.equal(kept.body.stage, 'evidence', 'the data survived the restart');
  });
});
