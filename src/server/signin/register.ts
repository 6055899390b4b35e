/**
 * Sign-in as the server wires it: the installation's keys, plc-kit sessions, and the route
 * plugins of sessions, LTI 1.3 (launches, registration, the administrator's API), single sign-on
 * rosters and the VLE post. `createServer` calls {@link createSignin} once and registers the routes with one line.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import type { Lifecycle } from '../../lifecycle/lifecycle.js';
import { createAuthenticator, type AuthOptions, type Authenticator } from '../auth.js';
import type { Db } from '../db.js';
import type { Logger } from '../log.js';
import { ltiAdminRoutes } from '../lti/adminRoutes.js';
import { registrationRoutes } from '../lti/registration.js';
import { ltiRoutes } from '../lti/routes.js';
import { rosterRoutes } from '../routes/roster.js';
import { vleRoutes } from '../routes/vle.js';
import { createKeyStore, type KeyOptions, type KeyStore } from './keys.js';
import { sessionRoutes } from './routes.js';
import { createSessions, DEFAULT_SESSION_SETTINGS, type SessionSettings, type Sessions } from './sessions.js';
import { ssoRoutes, type SsoProvider } from './sso.js';

/** Sign-in options (`createServer({ signin })`). */
export interface SigninOptions {
  /** This server's public address as browsers and VLEs reach it (`https://plc.trust.example`); the listening address by default. */
  publicUrl?: string | undefined;
  /** Token and session lifetimes, and the time zone of "today" for leavers. */
  sessions?: Partial<SessionSettings> | undefined;
  /** Key rotation. */
  keys?: KeyOptions | undefined;
  /** Milliseconds between two fetches of a platform's JWKS for an unknown key id (5,000). */
  jwksCooldownMs?: number | undefined;
  /** Single sign-on providers (Google Workspace, Microsoft Entra ID, any OpenID Provider), each for one trust. */
  sso?: readonly SsoProvider[] | undefined;
  /** Origins besides a platform's that may frame the launch page. */
  frameAncestors?: readonly string[] | undefined;
}

/** The sign-in parts of a server. */
export interface Signin {
  keys: KeyStore;
  sessions: Sessions;
  /** The host's authenticator wrapped: session tokens, and leavers refused whatever token they bring. */
  authenticate: Authenticator;
  /** Registers every sign-in route plugin on `app`. */
  register(app: FastifyInstance, more: { lifecycle: Lifecycle; log: Logger; publicUrl: () => string }): void;
}

/** Creates the keys, sessions and authenticator over `db` (open later: it is a function). */
export function createSignin(db: () => Db, auth: AuthOptions, now: () => Date, options: SigninOptions = {}): Signin {
  const keys = createKeyStore(db, { now, ...options.keys });
  const sessions = createSessions({ db, keys, now, settings: options.sessions });
  const authenticate = sessions.authenticator(createAuthenticator(auth));
  const timeZone = options.sessions?.timeZone ?? DEFAULT_SESSION_SETTINGS.timeZone;
  return {
    keys,
    sessions,
    authenticate,
    register(app, { lifecycle, log, publicUrl }) {
      const url = () => (options.publicUrl ?? publicUrl()).replace(/\/+$/, '');
      void app.register(sessionRoutes, { sessions, keys });
      void app.register(ltiRoutes, { db, keys, sessions, log, now, lifecycle, publicUrl: url, jwksCooldownMs: options.jwksCooldownMs, frameAncestors: options.frameAncestors });
      // The VLE post needs this server's public address too: its links go into VLE pages.
      void app.register(vleRoutes, { db, authenticate, lifecycle, publicUrl: url, frameAncestors: options.frameAncestors, now });
      void app.register(registrationRoutes, { db, log, now, publicUrl: url });
      void app.register(ltiAdminRoutes, { db, authenticate, now, publicUrl: url });
      void app.register(rosterRoutes, { db, lifecycle, authenticate, keys, sessions, log, now, timeZone });
      void app.register(ssoRoutes, { db, sessions, log, now, publicUrl: url, providers: options.sso ?? [] });
    },
  };
}
