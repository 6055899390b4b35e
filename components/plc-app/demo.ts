/**
 * What plc-app's `demo` mode keeps apart from the app: the visitor's remembered person and
 * language, and the development server's sign-in. The demo's own code (the seed school, the
 * development server client) is imported only when the demo needs it.
 * @internal
 */
import type { DemoServer } from '../../examples/demo/server.js';

/** Who the demo signs in as the first time: a member of the feedback PLC. */
export const DEMO_PERSON = 'p-beth';

/** Where the demo remembers the chosen person and language between visits (one entry per database). */
const DEMO_KEY = 'plc-kit-demo';

const demoKeyOf = (databaseName: string): string => (databaseName === 'plc-kit' ? DEMO_KEY : `${DEMO_KEY}:${databaseName}`);

/** The person and language a visitor chose last time in this database (the demo person when none). */
export function restoreDemoChoices(databaseName: string): { personId: string; lang?: string } {
  try {
    const saved = JSON.parse(localStorage.getItem(demoKeyOf(databaseName)) ?? '{}') as { personId?: string; lang?: string };
    return { personId: saved.personId ?? DEMO_PERSON, lang: saved.lang };
  } catch {
    return { personId: DEMO_PERSON };
  }
}

/** Remembers the visitor's person and language for their next visit. */
export function saveDemoChoices(databaseName: string, choices: { personId: string | undefined; lang: string }): void {
  try {
    localStorage.setItem(demoKeyOf(databaseName), JSON.stringify(choices));
  } catch {
    // Storage may be blocked (private browsing); the choice then lasts for this page only.
  }
}

/**
 * The demo's sign-in through a development server's `/v1/dev/token`: the client for the server
 * the app names now (`serverOf()`), loaded the first time it is needed, and one token provider
 * per demo person.
 */
export class DemoServerSignIn {
  private current: { server: string; client: Promise<DemoServer> } | undefined;
  private readonly tokens = new Map<string, () => Promise<string>>();

  constructor(private readonly serverOf: () => string | undefined) {}

  /** The development server client for `server` (the demo school is put on it the first time). */
  clientFor(server: string): Promise<DemoServer> {
    if (this.current?.server !== server) {
      this.current = { server, client: import('../../examples/demo/server.js').then(({ createDemoServer }) => createDemoServer(server)) };
    }
    return this.current.client;
  }

  /**
   * A development token provider for one demo person. One function per person, bound to them:
   * a sync of the previous person's copy still running after a switch must not be sent with the
   * new person's token.
   */
  tokenProviderFor(personId: string): () => Promise<string> {
    let provider = this.tokens.get(personId);
    if (!provider) {
      provider = async () => {
        const server = this.serverOf();
        if (!server) throw new Error('no server');
        return (await this.clientFor(server)).tokenFor(personId);
      };
      this.tokens.set(personId, provider);
    }
    return provider;
  }
}
