/**
 * What sign-in costs each API request (not a test: `npm run bench`, or
 * `node --import tsx tests/bench/signin.bench.ts`). The same authenticated read
 * (`GET /v1/enquiries/{id}`) with three bearer tokens, alternating in small rounds so load from
 * elsewhere falls on all alike:
 * - the host's JWT (HS256) with the leaver check (one indexed lookup of the person's `leftOn`);
 * - a plc-kit session token (RS256, and one lookup joining the session row and `leftOn`);
 * - baseline: `GET /healthz`, a request with no authentication at all.
 * Prints the median milliseconds of each and the ratios; PGlite, or PostgreSQL with DATABASE_URL.
 */
import { performance } from 'node:perf_hooks';
import { eventWriter } from '../support/store-fixtures.js';
import { ON, openTestDb, pushAsAuthors, seedTrust, startServer, tokenFor } from '../server/helpers.js';

const ROUNDS = 40;
const PER_ROUND = 25;
const TRUST = 'trust-bench';
const line = (name: string, value: string | number, unit: string) => console.log(`bench ${name}: ${value} ${unit}`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const testDb = await openTestDb();
const server = await startServer(testDb.db);
try {
  await seedTrust(server, TRUST);
  await pushAsAuthors(server, TRUST, 'enq-bench', eventWriter({ prefix: 'bn' }).walk('enq-bench', 'observation'));
  const hostToken = await tokenFor({ sub: 'p-ana', trust: TRUST, roles: ['teacher'] });
  const { token: sessionToken } = await signInByHand();
  const get = async (path: string, token?: string) => {
    const started = performance.now();
    const response = await fetch(`${server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    return performance.now() - started;
  };
  const times = { host: [] as number[], session: [] as number[], none: [] as number[] };
  for (let round = 0; round < ROUNDS; round += 1) {
    for (let i = 0; i < PER_ROUND; i += 1) times.host.push(await get('/v1/enquiries/enq-bench', hostToken));
    for (let i = 0; i < PER_ROUND; i += 1) times.session.push(await get('/v1/enquiries/enq-bench', sessionToken));
    for (let i = 0; i < PER_ROUND; i += 1) times.none.push(await get('/healthz'));
  }
  line(`authenticated read with the host JWT and leaver check (${ON})`, median(times.host).toFixed(2), 'ms');
  line(`authenticated read with a session token (${ON})`, median(times.session).toFixed(2), 'ms');
  line(`unauthenticated /healthz (${ON})`, median(times.none).toFixed(2), 'ms');
  line(`session token (${ON})`, (median(times.session) / median(times.host)).toFixed(2), 'x vs the host JWT');
} finally {
  await server.close();
  await testDb.cleanup();
}

/** A plc-kit session for Ana, started as a launch would start it. */
async function signInByHand(): Promise<{ token: string }> {
  const { createKeyStore } = await import('../../src/server/signin/keys.js');
  const { createSessions } = await import('../../src/server/signin/sessions.js');
  const db = () => server.server.db!;
  const sessions = createSessions({ db, keys: createKeyStore(db), now: () => new Date() });
  return sessions.start({ trustId: TRUST, personId: 'p-ana', via: 'bench' });
}
