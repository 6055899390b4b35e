import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PlcSession } from '../context/session.js';
import { isOffline, serverJson } from '../shared/server-json.js';

/** Where a {@link ServerQueryController} is: no server to ask, asking, answered, unreachable, or refused. */
export type ServerQueryStatus = 'no-server' | 'loading' | 'ready' | 'offline' | 'error';

/**
 * Loads JSON that only the plc-kit server keeps (a person's badges, the celebrations) for its
 * host, again whenever the path it asks for changes (another person, another server) and on
 * {@link ServerQueryController.refresh}. `loaded` resolves once the current read has finished,
 * so `await element.loaded` covers it like a store query.
 * @example
 * ```ts
 * private badges = new ServerQueryController<{ credentials: Listing[] }>(this, () => this.session, (s) => s.person && '/v1/credentials');
 * ```
 */
export class ServerQueryController<T> implements ReactiveController {
  status: ServerQueryStatus = 'no-server';
  value: T | undefined;
  /** The server's message when the read failed. */
  problem = '';
  loaded: Promise<void> = Promise.resolve();
  private asked: string | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly session: () => PlcSession | undefined,
    /** The path to read for this session, or undefined when there is nothing to ask (no person). */
    private readonly pathOf: (session: PlcSession) => string | undefined,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const session = this.session();
    const path = session?.server ? this.pathOf(session) : undefined;
    const key = path && session?.server ? `${session.server.url}|${path}` : undefined;
    if (key === this.asked) return;
    this.asked = key;
    if (!key) {
      this.status = 'no-server';
      this.value = undefined;
      return;
    }
    this.status = 'loading';
    this.loaded = this.read(key);
  }

  /** Reads the current path again (after a failure, or to show what changed). */
  refresh(): Promise<void> {
    if (!this.asked) return Promise.resolve();
    this.loaded = this.read(this.asked);
    return this.loaded;
  }

  private async read(key: string): Promise<void> {
    const server = this.session()?.server;
    const path = key.slice(key.indexOf('|') + 1);
    if (!server) return;
    try {
      const value = await serverJson<T>(server, path);
      if (key !== this.asked) return;
      this.value = value;
      this.status = 'ready';
      this.problem = '';
    } catch (error) {
      if (key !== this.asked) return;
      this.status = isOffline(error) ? 'offline' : 'error';
      this.problem = error instanceof Error ? error.message : String(error);
    } finally {
      this.host.requestUpdate();
    }
  }
}
