/**
 * The LTI 1.3 routes a VLE calls, as one Fastify plugin: `GET|POST /lti/login` (third-party
 * initiated login), `POST /lti/launch` (the launch: resource links open a plc-kit view in the same
 * page with a plc-kit session token; deep-linking requests open the picker), `POST
 * /lti/launch/confirm` (the session, once the page has checked the platform's storage),
 * `POST /lti/deep-link` (the picker's choice, signed and posted back), `GET /lti/jwks` and the
 * pages' assets. Refusals are pages for the person and `lti refused` log lines for the
 * administrator, tied by a reference.
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import { mapLtiRoles } from '../../roster/roles.js';
import { isId } from '../auth.js';
import type { Db, Queryable } from '../db.js';
import { HttpError } from '../errors.js';
import type { Logger } from '../log.js';
import { SIGNIN_ASSETS } from '../signin/assets.js';
import type { KeyStore } from '../signin/keys.js';
import { pageLocale, pageText, type PageLocale } from '../signin/pageText.js';
import { escapeHtml, htmlPage, newReference, refusalPage, sendPage, type RefusalView } from '../signin/pages.js';
import type { Sessions } from '../signin/sessions.js';
import { putTicket, takeTicket } from '../signin/tickets.js';
import { pickerPage, pickerItem, returnPage } from './deepLinkPages.js';
import { CLAIM, LtiRefusal, startLogin, stateCookieName, stateHashOf as createStateHash, verifyLaunch, type LoginParams, type VerifiedLaunch } from './launch.js';
import { linkedPerson, linkPerson, peopleWithEmail, readPlatform, saveContext, type Platform } from './platforms.js';
import { deepLinkingResponse, type HtmlItem } from './services.js';
import type { Lifecycle } from '../../lifecycle/lifecycle.js';
import { readRecord } from '../sql.js';
import { createPost, vleOutcomes } from '../vle.js';
import { errors, ref, route } from '../routes/route.js';

const FORM = 'application/x-www-form-urlencoded';

/** The login initiation's parameters (LTI 1.3 core, 4.1), in the query or a form. */
const LoginForm = z.object(
  Object.fromEntries(
    ['iss', 'login_hint', 'target_link_uri', 'lti_message_hint', 'client_id', 'lti_deployment_id', 'lti_storage_target'].map((name) => [name, z.optional(z.string())]),
  ),
);

/** What the LTI routes need. */
export interface LtiDeps {
  db: () => Db;
  keys: KeyStore;
  sessions: Sessions;
  log: Logger;
  now: () => Date;
  /** This server's public address (`https://plc.trust.example`), as VLEs reach it. */
  publicUrl: () => string;
  /** Milliseconds between two fetches of a platform's JWKS for an unknown key id. */
  jwksCooldownMs?: number | undefined;
  /** Origins besides the platform's that may frame the launch page (`PLC_EMBED_ANCESTORS`). */
  frameAncestors?: readonly string[] | undefined;
  /** The enquiry lifecycle, to find the published outcomes the picker offers. */
  lifecycle: Lifecycle;
}

/** The views a launch can open (the embed page's). */
const VIEWS = ['enquiry', 'board', 'impact', 'booklet', 'my-enquiries'];

const NEXT: Record<string, RefusalView['next']> = {
  'missing-state': 'new-window',
  expired: 'launch-again',
  'replayed-nonce': 'launch-again',
  'nonce-mismatch': 'launch-again',
  'invalid-message': 'launch-again',
  'wrong-issuer': 'launch-again',
};
const PERSON_CODES = new Set(['not-staff', 'anonymous', 'unknown-person', 'ambiguous-email', 'left']);

const form = (request: FastifyRequest): Record<string, string> => ({
  ...((request.query as Record<string, string> | undefined) ?? {}),
  ...((request.body as Record<string, string> | undefined) ?? {}),
});

const cookies = (request: FastifyRequest): Set<string> =>
  new Set((request.headers.cookie ?? '').split(';').map((part) => part.trim().split('=')[0]!).filter(Boolean));

/** Origins of a platform that frame plc-kit: its issuer's and its authorisation endpoint's. */
export const platformOrigins = (platform: Pick<Platform, 'issuer' | 'authUrl'>): string[] => {
  const out = new Set<string>();
  for (const url of [platform.issuer, platform.authUrl]) {
    try {
      out.add(new URL(url).origin);
    } catch {
      // an issuer that is not a URL frames nothing
    }
  }
  return [...out];
};

/** The person a verified launch is for (by this platform's link, else a unique email), or a refusal. */
async function personOf(q: Queryable, launch: VerifiedLaunch): Promise<string> {
  const { platform, claims } = launch;
  const name = typeof claims['name'] === 'string' ? claims['name'] : undefined;
  const email = typeof claims['email'] === 'string' ? claims['email'] : undefined;
  const who = name ?? email;
  const context = { trustId: platform.trustId, platformId: platform.id, deploymentId: launch.deploymentId };
  const roles = mapLtiRoles((claims[CLAIM.roles] as unknown[]).filter((r): r is string => typeof r === 'string'));
  if (typeof claims.sub !== 'string' || claims.sub === '') throw new LtiRefusal('anonymous', 'the launch has no sub (an anonymous launch): plc-kit needs to know who is signing in', context);
  if (!roles.staff) throw new LtiRefusal('not-staff', `the launch's roles (${(claims[CLAIM.roles] as unknown[]).join(', ') || 'none'}) are not a member of staff's`, { ...context, sub: claims.sub, unknownRoles: roles.unknown }, who);
  const source = `lti:${platform.id}`;
  const linked = await linkedPerson(q, platform.trustId, source, claims.sub);
  if (linked) return linked;
  if (!email) throw new LtiRefusal('unknown-person', `sub ${claims.sub} is linked to nobody and the launch shares no email: import the course's members (Names and Roles) or share emails with plc-kit`, { ...context, sub: claims.sub }, who);
  const matches = await peopleWithEmail(q, platform.trustId, email);
  if (matches.length > 1) throw new LtiRefusal('ambiguous-email', `${matches.length} people have the email of sub ${claims.sub}: ${matches.join(', ')}`, { ...context, sub: claims.sub }, who);
  if (!matches[0]) throw new LtiRefusal('unknown-person', `nobody in the directory has the email of sub ${claims.sub}: add them, or import the course's members`, { ...context, sub: claims.sub }, who);
  await linkPerson(q, platform.trustId, source, claims.sub, matches[0]);
  return matches[0];
}

/** The view a resource link opens, from its custom parameters (set by the deep-linking picker). */
function viewOf(claims: Record<string, unknown>, locale: PageLocale): Record<string, string> {
  const custom = (claims[CLAIM.custom] ?? {}) as Record<string, unknown>;
  const view = typeof custom['plc_view'] === 'string' && VIEWS.includes(custom['plc_view']) ? custom['plc_view'] : 'my-enquiries';
  const out: Record<string, string> = { view, lang: locale };
  for (const [claim, param] of [['plc_id', 'id'], ['plc_community', 'community'], ['plc_cycle', 'cycle'], ['plc_theme', 'theme']] as const) {
    const value = custom[claim];
    if (typeof value === 'string' && isId(value)) out[param] = value;
  }
  return out;
}

/**
 * A published outcome placed in the course as HTML: its VLE snippet (made with its link, as
 * `POST /v1/vle/posts` makes it), or undefined when the person may not post it (not published
 * for the VLE, no such outcome): the picker then answers 400 as for any unknown choice.
 */
async function outcomeItem(deps: LtiDeps, trustId: string, personId: string, enquiryId: string, title: string | undefined, locale: PageLocale): Promise<HtmlItem | undefined> {
  if (!isId(enquiryId)) return undefined;
  const person = await readRecord(deps.db(), trustId, 'people', personId);
  if (!person) return undefined;
  try {
    const post = await createPost(deps.db(), deps.lifecycle, { kind: 'person', personId, trustId, roles: person.roles }, { enquiryId }, deps.publicUrl(), locale);
    return { type: 'html', title: (title ?? '').trim().slice(0, 120) || post.title, html: post.snippet };
  } catch (error) {
    if (error instanceof HttpError && (error.status === 403 || error.status === 404)) return undefined;
    throw error;
  }
}

/** The LTI routes (register with `app.register(ltiRoutes, deps)`). */
export async function ltiRoutes(app: FastifyInstance, deps: LtiDeps): Promise<void> {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  const extraAncestors = (deps.frameAncestors ?? []).filter((origin) => origin !== "'self'");

  const refuse = (reply: FastifyReply, request: FastifyRequest, error: LtiRefusal, locale: PageLocale, ancestors: readonly string[] = []) => {
    const reference = newReference();
    deps.log({ level: 'warn', msg: 'lti refused', code: error.code, detail: error.detail, reference, reqId: request.id, ...error.context });
    const status = error.code === 'invalid-message' ? 400 : PERSON_CODES.has(error.code) ? 403 : 401;
    const html = refusalPage(locale, { code: error.code, next: NEXT[error.code] ?? 'ask-admin', reference, who: error.who }, './assets/');
    return sendPage(reply, status, html, { frameAncestors: [...ancestors, ...extraAncestors] });
  };
  const localeOf = (request: FastifyRequest, claims?: Record<string, unknown>) => {
    const presentation = claims?.[CLAIM.presentation] as { locale?: unknown } | undefined;
    return pageLocale(typeof presentation?.locale === 'string' ? presentation.locale : request.headers['accept-language']);
  };
  const asRefusal = async <T>(trustId: string, personId: string, platformId: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof HttpError && error.status === 401) {
        const code = error.body.error === 'left' ? 'left' : 'unknown-person';
        throw new LtiRefusal(code, `${personId}: ${error.body.message}`, { trustId, platformId, personId });
      }
      throw error;
    }
  };
  const startSession = (trustId: string, personId: string, platformId: string) =>
    asRefusal(trustId, personId, platformId, () => deps.sessions.start({ trustId, personId, via: `lti:${platformId}` }));
  const checkPerson = (trustId: string, personId: string, platformId: string) => asRefusal(trustId, personId, platformId, () => deps.sessions.check(trustId, personId));

  const login = async (request: FastifyRequest, reply: FastifyReply) => {
    const locale = localeOf(request);
    try {
      const params = form(request) as LoginParams;
      const result = await startLogin(deps.db(), params, `${deps.publicUrl()}/lti/launch`, deps.now());
      const https = deps.publicUrl().startsWith('https:');
      // The cookie ties the launch to this browser where the browser keeps it in a VLE's frame
      // (Partitioned: Chrome's third-party cookie partitions); platform storage covers the rest.
      void reply.header('set-cookie', `${stateCookieName(createStateHash(result.state))}=1; Path=/lti; Max-Age=600; HttpOnly; ${https ? 'SameSite=None; Secure; Partitioned' : 'SameSite=Lax'}`);
      deps.log({ level: 'info', msg: 'lti login', trustId: result.platform.trustId, platformId: result.platform.id, storage: Boolean(result.storage) });
      if (!result.storage) return reply.code(302).header('cache-control', 'no-store').header('location', result.redirect).send();
      const html = htmlPage({
        locale,
        title: pageText(locale, 'title.loading'),
        assets: './assets/',
        scripts: ['login.js'],
        data: { 'plc-login': { authUrl: result.redirect, target: result.storage.target, origin: result.storage.origin, state: result.state, nonce: result.nonce } },
        body: `<main><p>${escapeHtml(pageText(locale, 'loading.body'))}</p></main>`,
      });
      return sendPage(reply, 200, html, { frameAncestors: [...platformOrigins(result.platform), ...extraAncestors] });
    } catch (error) {
      if (error instanceof LtiRefusal) return refuse(reply, request, error, locale);
      throw error;
    }
  };
  const loginAnswers = {
    200: { description: 'A page that asks the VLE\'s frame for platform storage, then goes on to the platform.', body: z.string(), contentType: 'text/html' },
    302: { description: 'On to the platform\'s authorisation endpoint.', headers: { Location: 'The platform\'s authorisation request.' } },
    ...errors([400, 'Not an LTI login (an HTML page says why).'], [401, 'An unknown platform or client (an HTML page says why).']),
  };
  const loginSummary = 'LTI 1.3 third-party initiated login (OIDC), from the platform';
  route(app, { method: 'GET', url: '/lti/login', operationId: 'ltiLogin', summary: loginSummary, public: true, querystring: LoginForm, responses: loginAnswers, handler: login });
  route(app, {
    method: 'POST',
    url: '/lti/login',
    operationId: 'ltiLoginPost',
    summary: `${loginSummary}, as a form post`,
    public: true,
    body: { schema: LoginForm, contentType: FORM },
    responses: loginAnswers,
    handler: login,
  });

  route(app, {
    method: 'POST',
    url: '/lti/launch',
    operationId: 'ltiLaunch',
    summary: 'An LTI 1.3 launch (resource link or deep linking request), posted by the platform',
    description: 'The id_token is verified against the platform\'s keys and the state of the login; the answer is the view\'s page, or the deep-linking picker.',
    public: true,
    body: { schema: z.object({ id_token: z.string(), state: z.string() }), contentType: FORM },
    responses: {
      200: { description: 'The launched view, or the picker of a deep-linking request.', body: z.string(), contentType: 'text/html' },
      ...errors([400, 'Not a valid launch (an HTML page says why).'], [401, 'An unknown platform, a bad token or state (an HTML page says why).'], [403, 'A person plc-kit does not know or who has left (an HTML page says why).'], 415),
    },
    handler: async (request, reply) => {
    const body = form(request);
    let locale = localeOf(request);
    let ancestors: string[] = [];
    try {
      const launch = await verifyLaunch(deps.db(), body['id_token'], body['state'], { now: deps.now(), jwksCooldownMs: deps.jwksCooldownMs });
      const { platform, claims } = launch;
      locale = localeOf(request, claims);
      ancestors = platformOrigins(platform);
      const personId = await personOf(deps.db(), launch);
      const contextClaim = claims[CLAIM.context] as { id?: unknown; title?: unknown } | undefined;
      if (typeof contextClaim?.id === 'string') {
        const nrps = claims[CLAIM.nrps] as { context_memberships_url?: unknown } | undefined;
        await saveContext(deps.db(), platform.trustId, {
          platformId: platform.id,
          contextId: contextClaim.id,
          title: typeof contextClaim.title === 'string' ? contextClaim.title : undefined,
          deploymentId: launch.deploymentId,
          membershipsUrl: typeof nrps?.context_memberships_url === 'string' ? nrps.context_memberships_url : undefined,
        }, deps.now());
      }
      const logged = { trustId: platform.trustId, platformId: platform.id, deploymentId: launch.deploymentId, personId, messageType: launch.messageType };

      if (launch.messageType === 'LtiDeepLinkingRequest') {
        const settings = claims[CLAIM.deepLinking] as { deep_link_return_url: string; data?: unknown; accept_types?: unknown };
        const ticket = await putTicket(deps.db(), platform.trustId, 'lti-deep-link', { platformId: platform.id, deploymentId: launch.deploymentId, returnUrl: settings.deep_link_return_url, data: typeof settings.data === 'string' ? settings.data : undefined, personId, locale }, 1800, deps.now());
        deps.log({ level: 'info', msg: 'lti deep linking', ...logged });
        const outcomes = await vleOutcomes(deps.db(), deps.lifecycle, platform.trustId);
        return sendPage(reply, 200, await pickerPage(deps.db(), platform.trustId, locale, ticket, outcomes), { frameAncestors: [...ancestors, ...extraAncestors] });
      }

      const view = viewOf(claims, locale);
      const text = { missingState: `${pageText(locale, 'refused.missing-state')} ${pageText(locale, 'next.new-window')}` };
      let data: Record<string, unknown>;
      if (cookies(request).has(stateCookieName(launch.stateHash))) {
        data = { session: await startSession(platform.trustId, personId, platform.id), view, text };
      } else if (launch.storage) {
        await checkPerson(platform.trustId, personId, platform.id);
        const ticket = await putTicket(deps.db(), platform.trustId, 'lti-launch', { personId, platformId: platform.id }, 120, deps.now());
        data = { ticket, state: body['state'], storage: launch.storage, view, text };
      } else {
        throw new LtiRefusal('missing-state', 'the browser brought back no state cookie (blocked in the VLE\'s frame) and the platform offered no storage (lti_storage_target)', logged);
      }
      deps.log({ level: 'info', msg: 'lti launch', ...logged, binding: data['session'] ? 'cookie' : 'platform-storage', view: view['view'] });
      void reply.header('set-cookie', `${stateCookieName(launch.stateHash)}=; Path=/lti; Max-Age=0`);
      const html = htmlPage({
        locale,
        title: 'plc-kit',
        assets: './assets/',
        styles: ['../embed/embed.css'],
        scripts: ['launch.js'],
        data: { 'plc-launch': data },
        body: `<main id="plc-embed"><p class="plc-embed-loading">${escapeHtml(pageText(locale, 'loading.body'))}</p></main>`,
      });
      return sendPage(reply, 200, html, { frameAncestors: [...ancestors, ...extraAncestors] });
    } catch (error) {
      if (error instanceof LtiRefusal) return refuse(reply, request, error, locale, ancestors);
      throw error;
    }
    },
  });

  route(app, {
    method: 'POST',
    url: '/lti/launch/confirm',
    operationId: 'ltiLaunchConfirm',
    summary: 'The launch page trades its one-time ticket for a plc-kit session (when the state came back through platform storage)',
    public: true,
    body: { schema: z.object({ ticket: z.string() }) },
    responses: { 200: { description: 'The session.', body: ref('IssuedSession') }, ...errors(401, 415) },
    handler: async (request) => {
    const taken = await takeTicket<{ personId: string; platformId: string }>(deps.db(), 'lti-launch', (request.body as { ticket?: unknown } | undefined)?.ticket, deps.now());
    if (!taken) throw new HttpError(401, { error: 'unauthorized', field: 'ticket', message: 'This launch has expired or was already used: open plc-kit again from your course.' });
    try {
      return await startSession(taken.trustId, taken.data.personId, taken.data.platformId);
    } catch (error) {
      if (error instanceof LtiRefusal) throw new HttpError(401, { error: error.code === 'left' ? 'left' : 'unauthorized', message: error.detail });
      throw error;
    }
    },
  });

  route(app, {
    method: 'POST',
    url: '/lti/deep-link',
    operationId: 'ltiDeepLink',
    summary: 'The picker\'s choice: answers with a page that posts the signed deep-linking response back to the platform',
    public: true,
    body: { schema: z.object({ ticket: z.string(), choice: z.string(), title: z.optional(z.string()) }), contentType: FORM },
    responses: {
      200: { description: 'The page that returns to the platform.', body: z.string(), contentType: 'text/html' },
      ...errors([400, 'Not one of the picker\'s options.'], [401, 'The ticket expired or was used (an HTML page says so).'], 415),
    },
    handler: async (request, reply) => {
    const body = form(request);
    const taken = await takeTicket<{ platformId: string; deploymentId: string; returnUrl: string; data?: string; personId: string; locale: PageLocale }>(deps.db(), 'lti-deep-link', body['ticket'], deps.now());
    const locale = taken?.data.locale ?? localeOf(request);
    if (!taken) return refuse(reply, request, new LtiRefusal('missing-state', 'the deep-linking choice came after its ticket expired (30 minutes) or was used'), locale);
    const platform = await readPlatform(deps.db(), taken.trustId, taken.data.platformId);
    if (!platform) return refuse(reply, request, new LtiRefusal('unknown-client', `platform ${taken.data.platformId} was removed during the choice`), locale);
    const item = body['choice'] === 'none' ? undefined : body['choice']?.startsWith('outcome:')
      ? await outcomeItem(deps, taken.trustId, taken.data.personId, body['choice'].slice('outcome:'.length), body['title'], locale)
      : pickerItem(body['choice'], body['title'], `${deps.publicUrl()}/lti/launch`);
    if (body['choice'] !== 'none' && !item) throw new HttpError(400, { error: 'invalid', field: 'choice', message: 'choice must be one of the picker’s options.' });
    const jwt = await deepLinkingResponse(deps.keys, platform, taken.data.deploymentId, taken.data.data, item ? [item] : [], deps.now());
    deps.log({ level: 'info', msg: 'lti deep link', trustId: platform.trustId, platformId: platform.id, personId: taken.data.personId, item: item ? (item.type === 'html' ? { html: body['choice'] } : item.custom) : null });
    const returnOrigin = new URL(taken.data.returnUrl).origin;
    return sendPage(reply, 200, returnPage(locale, taken.data.returnUrl, jwt), { frameAncestors: [...platformOrigins(platform), ...extraAncestors], formAction: [returnOrigin] });
    },
  });

  route(app, {
    method: 'GET',
    url: '/lti/jwks',
    operationId: 'ltiJwks',
    summary: 'The tool\'s public keys, for platforms (the same as /.well-known/jwks.json)',
    public: true,
    responses: { 200: { description: 'A JSON Web Key Set.', body: ref('Jwks') } },
    handler: async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send(await deps.keys.jwks()),
  });
  route(app, {
    method: 'GET',
    url: '/lti/assets/:file',
    operationId: 'ltiAsset',
    summary: 'A script or style sheet of the sign-in pages',
    public: true,
    params: z.object({ file: z.string().check(z.describe(`One of ${Object.keys(SIGNIN_ASSETS).join(', ')}.`)) }),
    responses: { 200: { description: 'The file.', body: z.string(), contentType: ['text/javascript', 'text/css'] }, ...errors([404, 'No such file.']) },
    handler: async (request, reply) => {
      const asset = Object.hasOwn(SIGNIN_ASSETS, request.params.file) ? SIGNIN_ASSETS[request.params.file] : undefined;
      if (!asset) throw new HttpError(404, { error: 'not-found', field: 'path', message: `There is no /lti/assets/${request.params.file.slice(0, 80)}.` });
      return reply.type(asset.type).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').send(asset.body);
    },
  });
}
