/**
 * Registering plc-kit with a VLE, as one Fastify plugin: LTI Dynamic Registration 1.0 at
 * `GET /lti/register` (Moodle 4+, Canvas, Brightspace, Sakai: an administrator pastes a one-time
 * link made in plc-kit, the VLE adds `openid_configuration` and `registration_token`, plc-kit
 * reads the platform's configuration, registers itself and records the platform in the link's
 * trust), and the manual configuration page at `GET /lti/config`, listing every URL and value an
 * administrator types into a VLE that has no dynamic registration.
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod/mini';
import type { Db } from '../db.js';
import type { Logger } from '../log.js';
import { errors, route } from '../routes/route.js';
import { pageLocale, pageText, type PageLocale } from '../signin/pageText.js';
import { escapeHtml, htmlPage, newReference, refusalPage, sendPage } from '../signin/pages.js';
import { peekTicket, takeTicket } from '../signin/tickets.js';
import { savePlatform } from './platforms.js';
import { NRPS_SCOPE } from './services.js';

/** What the registration routes need. */
export interface RegistrationDeps {
  db: () => Db;
  log: Logger;
  now: () => Date;
  publicUrl: () => string;
  fetch?: typeof fetch | undefined;
}

const PLATFORM_CONFIG = 'https://purl.imsglobal.org/spec/lti-platform-configuration';
const TOOL_CONFIG = 'https://purl.imsglobal.org/spec/lti-tool-configuration';

/** The tool's URLs, as a VLE is given them. */
export function toolUrls(publicUrl: string) {
  return {
    targetLinkUri: `${publicUrl}/lti/launch`,
    loginUrl: `${publicUrl}/lti/login`,
    redirectUris: [`${publicUrl}/lti/launch`],
    jwksUrl: `${publicUrl}/lti/jwks`,
    deepLinkingUrl: `${publicUrl}/lti/launch`,
    registrationUrl: `${publicUrl}/lti/register`,
    domain: new URL(publicUrl).host,
  };
}

/** The registration request plc-kit sends (Dynamic Registration section 3.5). */
export function registrationRequest(publicUrl: string) {
  const urls = toolUrls(publicUrl);
  return {
    application_type: 'web',
    response_types: ['id_token'],
    grant_types: ['implicit', 'client_credentials'],
    initiate_login_uri: urls.loginUrl,
    redirect_uris: urls.redirectUris,
    client_name: 'plc-kit',
    jwks_uri: urls.jwksUrl,
    token_endpoint_auth_method: 'private_key_jwt',
    scope: NRPS_SCOPE,
    [TOOL_CONFIG]: {
      domain: urls.domain,
      target_link_uri: urls.targetLinkUri,
      description: 'Professional learning communities: enquiries, observations, student voice and outcomes.',
      claims: ['iss', 'sub', 'name', 'given_name', 'family_name', 'email'],
      messages: [
        { type: 'LtiResourceLinkRequest', target_link_uri: urls.targetLinkUri, label: 'plc-kit' },
        { type: 'LtiDeepLinkingRequest', target_link_uri: urls.deepLinkingUrl, label: 'plc-kit', placements: ['ContentArea'] },
      ],
    },
  };
}

class RegistrationError extends Error {}

/** The registration routes (register with `app.register(registrationRoutes, deps)`). */
export async function registrationRoutes(app: FastifyInstance, deps: RegistrationDeps): Promise<void> {
  const fetcher = deps.fetch ?? fetch;
  const refuse = (reply: FastifyReply, request: FastifyRequest, locale: PageLocale, code: 'registration-link' | 'registration-failed', detail: string, context: Record<string, unknown> = {}) => {
    const reference = newReference();
    deps.log({ level: 'warn', msg: 'lti registration refused', code, detail, reference, reqId: request.id, ...context });
    return sendPage(reply, code === 'registration-link' ? 401 : 502, refusalPage(locale, { code, next: 'ask-admin', reference }, './assets/'), { frameAncestors: ['*'] });
  };

  route(app, {
    method: 'GET',
    url: '/lti/register',
    operationId: 'ltiRegister',
    summary: 'LTI Dynamic Registration: the VLE opens this link, and plc-kit registers itself with the VLE',
    public: true,
    querystring: z.object({
      t: z.optional(z.string().check(z.describe('The one-time link an administrator made (POST /v1/lti/registration-links).'))),
      openid_configuration: z.optional(z.string().check(z.describe('The VLE\'s configuration address.'))),
      registration_token: z.optional(z.string()),
    }),
    responses: {
      200: { description: 'Registered: a page that tells the VLE to close its window.', body: z.string(), contentType: 'text/html' },
      ...errors([400, 'A parameter given twice.'], [401, 'The link is unknown, used or expired (an HTML page says so).'], [502, 'The VLE refused or did not answer (an HTML page says so).']),
    },
    handler: async (request, reply) => {      const locale = pageLocale(request.headers['accept-language']);
      const { t, openid_configuration: configUrl, registration_token: registrationToken } = request.query;
      const now = deps.now();
      const link = await peekTicket<{ schoolId?: string }>(deps.db(), 'lti-registration', t, now);
      if (!link) return refuse(reply, request, locale, 'registration-link', 'the registration link is unknown, used or expired: make a new one (POST /v1/lti/registration-links)');
      const context = { trustId: link.trustId, openidConfiguration: configUrl };
      try {
        if (!configUrl) throw new RegistrationError('the VLE sent no openid_configuration: start the registration from the VLE\'s "register a tool" page');
        const auth: Record<string, string> = registrationToken ? { authorization: `Bearer ${registrationToken}` } : {};
        const configResponse = await fetcher(configUrl, { headers: { accept: 'application/json', ...auth }, signal: AbortSignal.timeout(10_000) });
        if (!configResponse.ok) throw new RegistrationError(`the VLE's configuration at ${configUrl} answered ${configResponse.status}`);
        const config = (await configResponse.json()) as Record<string, unknown>;
        const issuer = config['issuer'];
        if (typeof issuer !== 'string' || !configUrl.startsWith(issuer)) throw new RegistrationError(`the configuration's issuer (${String(issuer)}) does not start its own address ${configUrl}`);
        for (const field of ['authorization_endpoint', 'token_endpoint', 'jwks_uri', 'registration_endpoint']) {
          if (typeof config[field] !== 'string') throw new RegistrationError(`the VLE's configuration has no ${field}`);
        }
        const platformConfig = (config[PLATFORM_CONFIG] ?? {}) as { product_family_code?: unknown };
        const registered = await fetcher(String(config['registration_endpoint']), {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', ...auth },
          body: JSON.stringify(registrationRequest(deps.publicUrl())),
          signal: AbortSignal.timeout(10_000),
        });
        const answer = (await registered.json().catch(() => ({}))) as Record<string, unknown>;
        if (!registered.ok || typeof answer['client_id'] !== 'string') throw new RegistrationError(`the VLE refused the registration (${registered.status}): ${JSON.stringify(answer).slice(0, 300)}`);
        const deploymentId = (answer[TOOL_CONFIG] as { deployment_id?: unknown } | undefined)?.deployment_id;
        // Taken only now: a failed attempt leaves the link usable for another try.
        if (!(await takeTicket(deps.db(), 'lti-registration', t, now))) throw new RegistrationError('the registration link was used meanwhile');
        const family = typeof platformConfig.product_family_code === 'string' ? platformConfig.product_family_code : new URL(issuer).hostname;
        const id = `${family.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase().slice(0, 40)}-${newReference().slice(0, 6)}`;
        await deps.db().transaction((tx) =>
          savePlatform(tx, {
            trustId: link.trustId,
            id,
            name: `${family} (${new URL(issuer).host})`,
            issuer,
            clientId: answer['client_id'] as string,
            authUrl: String(config['authorization_endpoint']),
            tokenUrl: String(config['token_endpoint']),
            // Dynamic Registration 3.3: the audience of the client assertion when it is not the token endpoint.
            tokenAudience: typeof config['authorization_server'] === 'string' ? config['authorization_server'] : undefined,
            jwksUrl: String(config['jwks_uri']),
            schoolId: link.data.schoolId,
            trustNewDeployments: typeof deploymentId !== 'string',
            deploymentIds: typeof deploymentId === 'string' ? [deploymentId] : [],
          }),
        );
        deps.log({ level: 'info', msg: 'lti registered', trustId: link.trustId, platformId: id, issuer, clientId: answer['client_id'], deploymentId: deploymentId ?? null });
        const html = htmlPage({
          locale,
          title: pageText(locale, 'title.registered'),
          assets: './assets/',
          scripts: ['registered.js'],
          body: `<main><h1>${escapeHtml(pageText(locale, 'title.registered'))}</h1><p>${escapeHtml(pageText(locale, 'registered.body'))}</p></main>`,
        });
        return sendPage(reply, 200, html, { frameAncestors: [new URL(issuer).origin] });
      } catch (error) {
        if (error instanceof RegistrationError || (error as Error).name === 'TimeoutError' || error instanceof TypeError) return refuse(reply, request, locale, 'registration-failed', (error as Error).message, context);
        throw error;
      }
    },
  });

  route(app, {
    method: 'GET',
    url: '/lti/config',
    operationId: 'ltiConfig',
    summary: 'What to type into a VLE that registers tools by hand',
    public: true,
    responses: { 200: { description: 'A page of the tool\'s addresses.', body: z.string(), contentType: 'text/html' } },
    handler: async (request, reply) => {      const locale = pageLocale(request.headers['accept-language']);
      const urls = toolUrls(deps.publicUrl());
      const rows: Array<[string, string]> = [
        ['Tool URL / Target link URI', urls.targetLinkUri],
        ['OpenID Connect login URL (login initiation)', urls.loginUrl],
        ['Redirection URI(s)', urls.redirectUris.join('\n')],
        ['Public keyset URL (JWKS)', urls.jwksUrl],
        ['Public key type', 'Keyset URL (RSA, RS256)'],
        ['Deep linking (content selection) URL', urls.deepLinkingUrl],
        ['Dynamic registration URL', `${urls.registrationUrl}?t=… (a one-time link an administrator makes in plc-kit)`],
        ['Domain', urls.domain],
        ['LTI version', 'LTI 1.3 (LTI Advantage)'],
        ['Services', `Names and Role Provisioning: ${NRPS_SCOPE}`],
        ['Privacy', 'Share the launcher’s name and email with the tool'],
        ['Custom parameters', '(none: the deep-linking picker sets them)'],
      ];
      const t = (id: Parameters<typeof pageText>[1]) => escapeHtml(pageText(locale, id));
      const html = htmlPage({
        locale,
        title: pageText(locale, 'title.config'),
        assets: './assets/',
        body: `<main>
<h1>${t('title.config')}</h1>
<p>${t('config.intro')}</p>
<table><thead><tr><th scope="col">${t('config.field')}</th><th scope="col">${t('config.value')}</th></tr></thead><tbody>
${rows.map(([field, value]) => `<tr><th scope="row">${escapeHtml(field)}</th><td><code>${escapeHtml(value).replace(/\n/g, '<br>')}</code></td></tr>`).join('\n')}
</tbody></table>
</main>`,
      });
      return sendPage(reply, 200, html, { frameAncestors: [] });
    },
  });
}
