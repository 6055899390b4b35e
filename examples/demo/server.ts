/**
 * The demo against a local plc-kit server (`npm run start:server`): signing in as the demo's
 * people with development tokens, and putting the demo school on the server the first time.
 * Development only: it relies on the server's `POST /v1/dev/token` (`PLC_DEV_TOKENS=1`), which
 * lets anyone act as anyone. A real page gets its token from the school's sign-in instead.
 */
import { createMemoryStore } from '../../src/store/memory.js';
import { school as demoSchool, seedDemo } from './seed.js';

/** The demo school's trust on the server. */
export const DEMO_TRUST = demoSchool.trustId;

/** Tokens last 8 hours; ask again well before that. */
const TOKEN_LIFETIME_MS = 7 * 60 * 60 * 1000;

const base = (server: string) => server.replace(/\/+$/, '');

/** Asks the server for a development token; the error says how to start a server that gives one. */
async function requestToken(server: string, body: Record<string, unknown>, fetchImpl: typeof fetch): Promise<string> {
  let response: Response;
  try {
    response = await fetchImpl(`${base(server)}/v1/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ trustId: DEMO_TRUST, ...body }),
    });
  } catch (error) {
    throw new Error(`The demo server at ${server} cannot be reached (${error instanceof Error ? error.message : String(error)}): start it with \`npm run start:server\`.`, { cause: error });
  }
  if (response.status === 404) {
    throw new Error(`The server at ${server} gives no development tokens: start it with PLC_DEV_TOKENS=1 (\`npm run start:server\` does).`);
  }
  if (!response.ok) throw new Error(`The server at ${server} refused a development token (${response.status}).`);
  const { token } = (await response.json()) as { token?: unknown };
  if (typeof token !== 'string') throw new Error(`The server at ${server} answered without a token.`);
  return token;
}

/** Options of {@link createDemoServer}. */
export interface DemoServerOptions {
  /** For tests; the page's fetch by default. */
  fetch?: typeof fetch;
  /** Wall time, for token expiry; `Date.now` by default. */
  now?: () => number;
}

/** What the demo app needs from the server: the school put there once, and a token per person. */
export interface DemoServer {
  /** Resolves once the server has the demo school (putting it there the first time). */
  ready(): Promise<void>;
  /** A token for `personId`, with the roles of their directory record (cached until near expiry). */
  tokenFor(personId: string): Promise<string>;
}

/**
 * The demo's side of a development server. The first time, the school is put on the server with
 * a service token, as one backup import; later visits find it there.
 */
export function createDemoServer(server: string, options: DemoServerOptions = {}): DemoServer {
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  const now = options.now ?? Date.now;
  const tokens = new Map<string, { token: Promise<string>; at: number }>();
  let seeded: Promise<void> | undefined;

  async function seed(): Promise<void> {
    const service = await requestToken(server, { service: true }, fetchImpl);
    // The list, not the record itself: a 404 for a first visit would be a console error.
    const probe = await fetchImpl(`${base(server)}/v1/records/schools`, { headers: { authorization: `Bearer ${service}` } });
    if (!probe.ok) throw new Error(`The server at ${server} answered ${probe.status} when asked for the demo school.`);
    const { records } = (await probe.json()) as { records?: Array<{ record?: { id?: string } }> };
    if (records?.some((row) => row.record?.id === demoSchool.id)) return;
    // The whole school in one request: built in memory, sent as a backup (which the server checks
    // as a whole and imports in one transaction).
    const school = createMemoryStore();
    await seedDemo(school);
    const response = await fetchImpl(`${base(server)}/v1/backup`, {
      method: 'POST',
      headers: { authorization: `Bearer ${service}`, 'content-type': 'application/json' },
      body: JSON.stringify(await school.exportBackup()),
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { message?: string };
      throw new Error(`The demo school could not be put on ${server} (${response.status}): ${body.message ?? 'no reason given'}.`);
    }
  }

  return {
    ready() {
      // A failed attempt is not remembered: the next call tries again (the server may be up now).
      seeded ??= seed().catch((error: unknown) => {
        seeded = undefined;
        throw error;
      });
      return seeded;
    },
    async tokenFor(personId) {
      await this.ready();
      const cached = tokens.get(personId);
      if (cached && now() - cached.at < TOKEN_LIFETIME_MS) return cached.token;
      const token = requestToken(server, { personId }, fetchImpl);
      tokens.set(personId, { token, at: now() });
      token.catch(() => tokens.delete(personId));
      return token;
    },
  };
}
