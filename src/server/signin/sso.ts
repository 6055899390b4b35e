/**
 * Single sign-on with a school's Google Workspace, Microsoft Entra ID or any OpenID Provider,
 * through `openid-client` (a certified relying party): the authorisation code flow with PKCE,
 * `state` bound to the browser by a first-party cookie and `nonce`, and only the basic scopes
 * (`openid email profile`), so Google's restrictions on apps for under-18 accounts never block
 * staff. A trust allows accounts by email domain (the email must be verified) or by Entra tenant
 * (`tid`). The person is the directory's (by this provider's link, else a unique email); their
 * roles are the directory record's, plus those a configured groups claim maps to. The browser
 * then gets a plc-kit session token in the page, as after an LTI launch.
 *
 * Routes: `GET /signin/{trustId}` (the trust's sign-in buttons), `GET /signin/{trustId}/{provider}`
 * (to the provider), `GET /signin/callback` (back from it).
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import * as z from 'zod/mini';
import type { StaffRole } from '../../schema/directory.js';
import type { Db } from '../db.js';
import { HttpError } from '../errors.js';
import type { Logger } from '../log.js';
import { linkedPerson, linkPerson, peopleWithEmail } from '../lti/platforms.js';
import { errors, route } from '../routes/route.js';
import { pageLocale, pageText, type PageLocale } from './pageText.js';
import { escapeHtml, htmlPage, newReference, refusalPage, sendPage } from './pages.js';
import type { Sessions } from './sessions.js';
import { putTicket, takeTicket } from './tickets.js';

/** One single sign-on provider of a trust. */
export interface SsoProvider {
  /** The provider's id in addresses (`google`, `entra`). */
  id: string;
  trustId: string;
  /** Shown on the button: "Google Workspace", "Microsoft". */
  name: string;
  /** The OpenID Provider's issuer: `https://accounts.google.com`, `https://login.microsoftonline.com/<tenant id>/v2.0`. */
  issuer: string;
  clientId: string;
  clientSecret?: string | undefined;
  /** Email domains allowed to sign in (`school.example`); the provider must say the email is verified. */
  domains?: readonly string[] | undefined;
  /** Entra tenant ids allowed (the `tid` claim). */
  tenants?: readonly string[] | undefined;
  /** A claim listing the person's groups (`groups`), and the plc-kit roles each group adds. */
  groups?: { claim: string; roles: Readonly<Record<string, readonly StaffRole[]>> } | undefined;
}

/** What the SSO routes need. */
export interface SsoDeps {
  db: () => Db;
  sessions: Sessions;
  log: Logger;
  now: () => Date;
  publicUrl: () => string;
  providers: readonly SsoProvider[];
}

class SsoRefusal extends Error {
  constructor(readonly code: 'domain-not-allowed' | 'email-unverified' | 'sso-failed' | 'unknown-person' | 'ambiguous-email' | 'left' | 'missing-state' | 'unknown-provider', readonly detail: string, readonly who?: string) {
    super(detail);
  }
}

const COOKIE = 'plc-sso';
const local = (issuer: string) => /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\//.test(`${issuer}/`);

/** The SSO routes (register with `app.register(ssoRoutes, deps)`). */
export async function ssoRoutes(app: FastifyInstance, deps: SsoDeps): Promise<void> {
  const configs = new Map<string, Promise<oidc.Configuration>>();
  const configOf = (provider: SsoProvider) => {
    const key = `${provider.trustId}/${provider.id}`;
    if (!configs.has(key)) {
      const found = oidc
        .discovery(new URL(provider.issuer), provider.clientId, undefined, provider.clientSecret ? oidc.ClientSecretPost(provider.clientSecret) : oidc.None(), local(provider.issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined)
        .catch((error: unknown) => {
          configs.delete(key);
          throw error;
        });
      configs.set(key, found);
    }
    return configs.get(key)!;
  };
  const find = (trustId: string, id: string) => deps.providers.find((p) => p.trustId === trustId && p.id === id);
  const secure = () => deps.publicUrl().startsWith('https:');
  const refuse = (reply: FastifyReply, request: FastifyRequest, locale: PageLocale, error: SsoRefusal, context: Record<string, unknown>) => {
    const reference = newReference();
    deps.log({ level: 'warn', msg: 'sso refused', code: error.code, detail: error.detail, reference, reqId: request.id, ...context });
    const status = error.code === 'sso-failed' ? 502 : error.code === 'missing-state' ? 400 : 403;
    return sendPage(reply, status, refusalPage(locale, { code: error.code, next: error.code === 'sso-failed' || error.code === 'missing-state' ? 'launch-again' : 'ask-admin', reference, who: error.who }, '../lti/assets/'), { frameAncestors: [] });
  };

  route(app, {
    method: 'GET',
    url: '/signin/:trustId',
    operationId: 'signinProviders',
    summary: 'A trust\'s single sign-on page: one button per provider',
    public: true,
    params: z.object({ trustId: z.string().check(z.describe('The trust.')) }),
    responses: { 200: { description: 'The page.', body: z.string(), contentType: 'text/html' }, ...errors([403, 'The person may not sign in here, or no single sign-on is configured (an HTML page says why).']) },
    handler: async (request, reply) => {      const locale = pageLocale(request.headers['accept-language']);
      const providers = deps.providers.filter((p) => p.trustId === request.params.trustId);
      if (!providers.length) return refuse(reply, request, locale, new SsoRefusal('unknown-provider', `trust ${request.params.trustId.slice(0, 64)} has no single sign-on configured`), {});
      const t = (id: Parameters<typeof pageText>[1]) => escapeHtml(pageText(locale, id));
      const html = htmlPage({
        locale,
        title: pageText(locale, 'title.signin'),
        assets: '../lti/assets/',
        body: `<main><h1>${t('title.signin')}</h1>${providers.map((p) => `<p><a class="button" href="./${encodeURIComponent(p.trustId)}/${encodeURIComponent(p.id)}">${t('signin.with')} ${escapeHtml(p.name)}</a></p>`).join('\n')}</main>`,
      });
      return sendPage(reply, 200, html, { frameAncestors: [] });
    },
  });

  route(app, {
    method: 'GET',
    url: '/signin/:trustId/:providerId',
    operationId: 'signinStart',
    summary: 'Starts signing in with one provider (OpenID Connect, PKCE)',
    public: true,
    params: z.object({ trustId: z.string().check(z.describe('The trust.')), providerId: z.string().check(z.describe('The provider.')) }),
    responses: {
      302: { description: 'On to the provider.', headers: { Location: 'The provider\'s authorisation request.' } },
      ...errors([403, 'The person may not sign in here, or no single sign-on is configured (an HTML page says why).']),
      ...errors([502, 'The provider\'s configuration could not be read (an HTML page says so).']),
    },
    handler: async (request, reply) => {      const locale = pageLocale(request.headers['accept-language']);
      const provider = find(request.params.trustId, request.params.providerId);
      if (!provider) return refuse(reply, request, locale, new SsoRefusal('unknown-provider', `no provider ${request.params.providerId.slice(0, 64)} for trust ${request.params.trustId.slice(0, 64)}`), {});
      let config: oidc.Configuration;
      try {
        config = await configOf(provider);
      } catch (error) {
        return refuse(reply, request, locale, new SsoRefusal('sso-failed', `the provider's configuration at ${provider.issuer} could not be read: ${(error as Error).message}`), { trustId: provider.trustId, providerId: provider.id });
      }
      const verifier = oidc.randomPKCECodeVerifier();
      const nonce = oidc.randomNonce();
      const state = await putTicket(deps.db(), provider.trustId, 'sso', { providerId: provider.id, verifier, nonce, locale }, 600, deps.now());
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: `${deps.publicUrl()}/signin/callback`,
        scope: 'openid email profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return reply
        .code(302)
        .header('cache-control', 'no-store')
        .header('set-cookie', `${COOKIE}=${state}; Path=/signin; Max-Age=600; HttpOnly; SameSite=Lax${secure() ? '; Secure' : ''}`)
        .header('location', url.href)
        .send();
    },
  });

  route(app, {
    method: 'GET',
    url: '/signin/callback',
    operationId: 'signinCallback',
    summary: 'Where the provider sends the browser back: signs the person in and opens plc-kit',
    public: true,
    querystring: z.looseObject({ code: z.optional(z.string()), state: z.optional(z.string()) }),
    responses: {
      200: { description: 'A page that starts the session and opens My enquiries.', body: z.string(), contentType: 'text/html' },
      ...errors([400, 'No state, or not this browser\'s (an HTML page says so).'], [502, 'The provider refused the code (an HTML page says so).']),
      ...errors([403, 'The person may not sign in here, or no single sign-on is configured (an HTML page says why).']),
    },
    handler: async (request, reply) => {      let locale = pageLocale(request.headers['accept-language']);
      const state = request.query['state'];
      const cookie = (request.headers.cookie ?? '').split(';').map((c) => c.trim()).find((c) => c.startsWith(`${COOKIE}=`))?.slice(COOKIE.length + 1);
      void reply.header('set-cookie', `${COOKIE}=; Path=/signin; Max-Age=0`);
      // The state must come back in the same browser that set it (no login CSRF).
      const taken = state && cookie === state ? await takeTicket<{ providerId: string; verifier: string; nonce: string; locale: PageLocale }>(deps.db(), 'sso', state, deps.now()) : undefined;
      if (!taken) return refuse(reply, request, locale, new SsoRefusal('missing-state', state ? 'the sign-in state is unknown, expired, used or not this browser’s' : 'the provider came back with no state'), {});
      locale = taken.data.locale;
      const provider = find(taken.trustId, taken.data.providerId);
      const context = { trustId: taken.trustId, providerId: taken.data.providerId };
      try {
        if (!provider) throw new SsoRefusal('unknown-provider', 'the provider was removed during the sign-in');
        const current = new URL(request.url, deps.publicUrl());
        let claims: Record<string, unknown>;
        try {
          const tokens = await oidc.authorizationCodeGrant(await configOf(provider), current, { pkceCodeVerifier: taken.data.verifier, expectedState: state, expectedNonce: taken.data.nonce, idTokenExpected: true });
          claims = (tokens.claims() ?? {}) as Record<string, unknown>;
        } catch (error) {
          throw new SsoRefusal('sso-failed', `${provider.issuer}: ${(error as Error).message}`);
        }
        const sub = String(claims['sub']);
        const email = typeof claims['email'] === 'string' ? claims['email'] : typeof claims['preferred_username'] === 'string' && claims['preferred_username'].includes('@') ? claims['preferred_username'] : undefined;
        const who = (typeof claims['name'] === 'string' ? claims['name'] : undefined) ?? email;
        if (provider.tenants?.length) {
          if (typeof claims['tid'] !== 'string' || !provider.tenants.includes(claims['tid'])) throw new SsoRefusal('domain-not-allowed', `tenant ${String(claims['tid'])} is not one of this trust's (${provider.tenants.join(', ')})`, who);
        }
        if (provider.domains?.length) {
          const domain = email?.split('@')[1]?.toLowerCase();
          if (!domain || !provider.domains.map((d) => d.toLowerCase()).includes(domain)) throw new SsoRefusal('domain-not-allowed', `subject ${sub}'s email domain (${domain ?? 'none'}) is not allowed (${provider.domains.join(', ')})`, who);
          if (claims['email_verified'] !== true) throw new SsoRefusal('email-unverified', `the provider does not say subject ${sub}'s email is verified`, who);
          if (typeof claims['hd'] === 'string' && claims['hd'].toLowerCase() !== domain) throw new SsoRefusal('domain-not-allowed', `the account's hosted domain ${claims['hd']} is not its email's`, who);
        }
        if (!provider.tenants?.length && !provider.domains?.length) throw new SsoRefusal('domain-not-allowed', 'the provider allows no domains or tenants: set domains or tenants', who);
        const source = `sso:${provider.id}`;
        let personId = await linkedPerson(deps.db(), provider.trustId, source, sub);
        if (!personId) {
          const matches = email ? await peopleWithEmail(deps.db(), provider.trustId, email) : [];
          if (matches.length > 1) throw new SsoRefusal('ambiguous-email', `${matches.length} people have subject ${sub}'s email: ${matches.join(', ')}`, who);
          if (!matches[0]) throw new SsoRefusal('unknown-person', email ? `nobody in the directory has subject ${sub}'s email` : `subject ${sub} has no email`, who);
          personId = matches[0];
          await linkPerson(deps.db(), provider.trustId, source, sub, personId);
        }
        const groups = provider.groups ? claims[provider.groups.claim] : undefined;
        const extraRoles = Array.isArray(groups) ? groups.flatMap((g) => provider.groups!.roles[String(g)] ?? []) : [];
        let session;
        try {
          session = await deps.sessions.start({ trustId: provider.trustId, personId, via: source, extraRoles });
        } catch (error) {
          if (error instanceof HttpError && error.status === 401) throw new SsoRefusal(error.body.error === 'left' ? 'left' : 'unknown-person', `${personId}: ${error.body.message}`, who);
          throw error;
        }
        deps.log({ level: 'info', msg: 'sso signed in', ...context, personId, extraRoles });
        const html = htmlPage({
          locale,
          title: 'plc-kit',
          assets: '../lti/assets/',
          styles: ['../embed/embed.css'],
          scripts: ['launch.js'],
          data: { 'plc-launch': { session, view: { view: 'my-enquiries', lang: locale }, text: {} } },
          body: `<main id="plc-embed"><p class="plc-embed-loading">${escapeHtml(pageText(locale, 'title.loading'))}</p></main>`,
        });
        return sendPage(reply, 200, html, { frameAncestors: [] });
      } catch (error) {
        if (error instanceof SsoRefusal) return refuse(reply, request, locale, error, context);
        throw error;
      }
    },
  });
}
