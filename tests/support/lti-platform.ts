/**
 * An LTI 1.3 platform (a VLE) for the tests, written from the 1EdTech specifications: LTI Core
 * 1.3 (OIDC third-party-initiated login, the id_token of a resource-link or deep-linking launch),
 * the Security Framework (RS256 keys at a JWKS that rotate; client-credentials grants with a JWT
 * client assertion, verified against the tool's JWKS), Deep Linking 2.0 (the response JWT
 * verified), Names and Role Provisioning 2.0 (a membership container with `Link: rel="next"`
 * paging), Dynamic Registration 1.0 (openid configuration, registration endpoint) and the
 * client-side postMessage storage (lti-pm-s: `lti.put_data` / `lti.get_data` in a storage frame).
 * It also plays the certification suite's awkward launches: no personal data, only an email,
 * unknown or several roles, a learner, no `sub`.
 *
 * Each launch is prepared (`prepare`) under a login_hint; the tool's login step sends the browser
 * to `/auth`, which answers with a form that posts the id_token to the tool (a browser submits it;
 * Node tests read its fields with `authorize`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK } from 'jose';

export const LIS = 'http://purl.imsglobal.org/vocab/lis/v2/';
export const ROLE = {
  instructor: `${LIS}membership#Instructor`,
  learner: `${LIS}membership#Learner`,
  mentor: `${LIS}membership#Mentor`,
  contentDeveloper: `${LIS}membership#ContentDeveloper`,
  institutionAdmin: `${LIS}institution/person#Administrator`,
  faculty: `${LIS}institution/person#Faculty`,
};

/** A launch as the platform will make it. */
export interface LaunchSpec {
  /** Omitted for an anonymous launch. */
  sub?: string | undefined;
  name?: string | undefined;
  email?: string | undefined;
  roles?: string[] | undefined;
  messageType?: 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest' | undefined;
  deploymentId?: string | undefined;
  contextId?: string | undefined;
  contextTitle?: string | undefined;
  custom?: Record<string, string> | undefined;
  locale?: string | undefined;
  /** Changes the claims just before signing (wrong audience, expired, another issuer...). */
  tamper?: ((claims: Record<string, unknown>) => void) | undefined;
  /** Signs with a key that is not in the platform's JWKS. */
  foreignKey?: boolean | undefined;
}

/** One course member as NRPS lists them. */
export interface Member {
  user_id: string;
  roles: string[];
  status?: 'Active' | 'Inactive' | 'Deleted';
  name?: string;
  given_name?: string;
  family_name?: string;
  email?: string;
}

interface Key {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

const makeKey = async (): Promise<Key> => {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `platform-${randomUUID().slice(0, 8)}`;
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
};

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => resolve(body));
  });

const html = (response: ServerResponse, status: number, body: string) => {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  response.end(body);
};
const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};
const escape = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** A running platform. */
export interface TestPlatform {
  url: string;
  issuer: string;
  clientId: string;
  deploymentId: string;
  /** The tool's JWKS URL (set once the tool's address is known). */
  toolJwksUrl: string;
  /** Makes a new signing key; the old one stays in the JWKS unless `drop`. */
  rotate(drop?: boolean): Promise<void>;
  /** The key id the platform signs with now. */
  readonly kid: string;
  /** Prepares a launch; its login_hint goes in the login initiation. */
  prepare(spec: LaunchSpec): string;
  /** Plays the platform's /auth for a Node test: checks the request and returns the fields it would post. */
  authorize(authUrl: string): Promise<{ action: string; id_token: string; state: string }>;
  /** The login initiation's parameters for a prepared launch. */
  loginParams(loginHint: string, extra?: Record<string, string>): Record<string, string>;
  /** The course's members for NRPS, and the page size. */
  members: Member[];
  pageSize: number;
  /** Deep-linking responses received (verified). */
  deepLinks: Array<Record<string, unknown>>;
  /** Tokens granted and NRPS pages served, for assertions. */
  grants: Array<{ scope: string }>;
  nrpsPages: number;
  /** Registrations received through dynamic registration. */
  registrations: Array<Record<string, unknown>>;
  /** The openid configuration URL for dynamic registration. */
  openidConfigurationUrl: string;
  close(): Promise<void>;
}

/** Starts a platform on a free loopback port. */
export async function startPlatform(options: { clientId?: string; deploymentId?: string; host?: string } = {}): Promise<TestPlatform> {
  const keys: Key[] = [await makeKey()];
  const foreign = await makeKey();
  const launches = new Map<string, LaunchSpec>();
  const accessTokens = new Map<string, string>();
  let toolKeys: ReturnType<typeof createRemoteJWKSet> | undefined;
  const host = options.host ?? '127.0.0.1';
  let url = '';

  const sign = async (spec: LaunchSpec, request: URLSearchParams): Promise<string> => {
    const now = Math.floor(Date.now() / 1000);
    const messageType = spec.messageType ?? 'LtiResourceLinkRequest';
    const claims: Record<string, unknown> = {
      nonce: request.get('nonce'),
      'https://purl.imsglobal.org/spec/lti/claim/message_type': messageType,
      'https://purl.imsglobal.org/spec/lti/claim/version': '1.3.0',
      'https://purl.imsglobal.org/spec/lti/claim/deployment_id': spec.deploymentId ?? platform.deploymentId,
      'https://purl.imsglobal.org/spec/lti/claim/target_link_uri': request.get('redirect_uri'),
      'https://purl.imsglobal.org/spec/lti/claim/roles': spec.roles ?? [ROLE.instructor],
      'https://purl.imsglobal.org/spec/lti/claim/context': { id: spec.contextId ?? 'course-staffroom', title: spec.contextTitle ?? 'Staff room', type: ['http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering'] },
      'https://purl.imsglobal.org/spec/lti/claim/launch_presentation': { document_target: 'iframe', locale: spec.locale ?? 'en-GB' },
      'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice': { context_memberships_url: `${url}/nrps/${spec.contextId ?? 'course-staffroom'}`, service_versions: ['2.0'] },
    };
    if (messageType === 'LtiResourceLinkRequest') claims['https://purl.imsglobal.org/spec/lti/claim/resource_link'] = { id: 'link-1', title: 'plc-kit' };
    else claims['https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings'] = { deep_link_return_url: `${url}/deep-link-return`, accept_types: ['ltiResourceLink'], accept_presentation_document_targets: ['iframe'], data: 'opaque-platform-data' };
    if (spec.custom) claims['https://purl.imsglobal.org/spec/lti/claim/custom'] = spec.custom;
    if (spec.name) claims['name'] = spec.name;
    if (spec.email) claims['email'] = spec.email;
    Object.assign(claims, { iss: platform.issuer, aud: platform.clientId, iat: now, exp: now + 300 });
    if (spec.sub !== undefined) claims['sub'] = spec.sub;
    spec.tamper?.(claims);
    const jwt = new SignJWT(claims);
    const key = spec.foreignKey ? foreign : keys[keys.length - 1]!;
    return jwt.setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
  };

  const server: Server = createServer((request, response) => {
    void (async () => {
      const at = new URL(request.url ?? '/', url);
      if (at.pathname === '/jwks') return json(response, 200, { keys: keys.map((k) => k.publicJwk) });
      if (at.pathname === '/auth') {
        try {
          const fields = await platform.authorize(at.href);
          return html(response, 200, `<!doctype html><title>VLE</title><form method="post" action="${escape(fields.action)}"><input type="hidden" name="id_token" value="${escape(fields.id_token)}"><input type="hidden" name="state" value="${escape(fields.state)}"></form><script>document.forms[0].submit()</script>`);
        } catch (error) {
          return html(response, 400, `<p>${escape((error as Error).message)}</p>`);
        }
      }
      if (at.pathname === '/token' && request.method === 'POST') {
        const body = new URLSearchParams(await readBody(request));
        if (body.get('grant_type') !== 'client_credentials' || body.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') return json(response, 400, { error: 'unsupported_grant_type' });
        try {
          toolKeys ??= createRemoteJWKSet(new URL(platform.toolJwksUrl));
          const { payload } = await jwtVerify(body.get('client_assertion') ?? '', toolKeys, { issuer: platform.clientId, subject: platform.clientId, audience: `${url}/token`, algorithms: ['RS256'] });
          if (!payload.jti) throw new Error('no jti');
        } catch (error) {
          return json(response, 401, { error: 'invalid_client', error_description: (error as Error).message });
        }
        const scope = body.get('scope') ?? '';
        const token = randomUUID();
        accessTokens.set(token, scope);
        platform.grants.push({ scope });
        return json(response, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600, scope });
      }
      if (at.pathname.startsWith('/nrps/')) {
        const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
        if (!token || !accessTokens.get(token)?.includes('contextmembership.readonly')) return json(response, 401, { error: 'invalid_token' });
        if (request.headers.accept !== 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json') return json(response, 406, { error: 'not acceptable' });
        const page = Number(at.searchParams.get('page') ?? '1');
        const slice = platform.members.slice((page - 1) * platform.pageSize, page * platform.pageSize);
        const more = page * platform.pageSize < platform.members.length;
        platform.nrpsPages += 1;
        const headers: Record<string, string> = { 'content-type': 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json' };
        if (more) headers['link'] = `<${url}${at.pathname}?page=${page + 1}>; rel="next"`;
        response.writeHead(200, headers);
        return response.end(JSON.stringify({ id: at.href, context: { id: at.pathname.slice(6), title: 'Staff room' }, members: slice }));
      }
      if (at.pathname === '/deep-link-return' && request.method === 'POST') {
        const body = new URLSearchParams(await readBody(request));
        try {
          toolKeys ??= createRemoteJWKSet(new URL(platform.toolJwksUrl));
          const { payload } = await jwtVerify(body.get('JWT') ?? '', toolKeys, { issuer: platform.clientId, audience: platform.issuer, algorithms: ['RS256'] });
          if (payload['https://purl.imsglobal.org/spec/lti/claim/message_type'] !== 'LtiDeepLinkingResponse') throw new Error('not a deep-linking response');
          platform.deepLinks.push(payload);
          return html(response, 200, '<!doctype html><title>VLE</title><h1>Content added to the course</h1>');
        } catch (error) {
          return html(response, 400, `<h1>Refused</h1><p>${escape((error as Error).message)}</p>`);
        }
      }
      if (at.pathname === '/.well-known/openid-configuration') {
        if (request.headers.authorization !== 'Bearer reg-token-1') return json(response, 401, { error: 'registration token required' });
        return json(response, 200, {
          issuer: platform.issuer,
          authorization_endpoint: `${url}/auth`,
          token_endpoint: `${url}/token`,
          jwks_uri: `${url}/jwks`,
          registration_endpoint: `${url}/register`,
          scopes_supported: ['openid', 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly'],
          response_types_supported: ['id_token'],
          id_token_signing_alg_values_supported: ['RS256'],
          claims_supported: ['sub', 'iss', 'name', 'email'],
          'https://purl.imsglobal.org/spec/lti-platform-configuration': { product_family_code: 'simulator', version: '1.0', messages_supported: [{ type: 'LtiResourceLinkRequest' }, { type: 'LtiDeepLinkingRequest' }] },
        });
      }
      if (at.pathname === '/register' && request.method === 'POST') {
        if (request.headers.authorization !== 'Bearer reg-token-1') return json(response, 401, { error: 'registration token required' });
        const registration = JSON.parse(await readBody(request)) as Record<string, unknown>;
        for (const field of ['initiate_login_uri', 'redirect_uris', 'jwks_uri', 'client_name', 'https://purl.imsglobal.org/spec/lti-tool-configuration']) {
          if (!registration[field]) return json(response, 400, { error: 'invalid_client_metadata', error_description: `${field} is missing` });
        }
        platform.registrations.push(registration);
        return json(response, 200, { ...registration, client_id: 'dyn-client-1', 'https://purl.imsglobal.org/spec/lti-tool-configuration': { ...(registration['https://purl.imsglobal.org/spec/lti-tool-configuration'] as object), deployment_id: 'dyn-deployment-1' } });
      }
      if (at.pathname === '/storage') {
        // The platform's storage frame (lti-pm-s): answers put_data and get_data from its own origin.
        return html(response, 200, `<!doctype html><title>storage</title><script>
const store = new Map();
addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.subject === 'lti.put_data') { store.set(event.origin + ' ' + data.key, data.value); event.source.postMessage({ subject: 'lti.put_data.response', message_id: data.message_id, key: data.key, value: data.value }, event.origin); }
  if (data.subject === 'lti.get_data') { event.source.postMessage({ subject: 'lti.get_data.response', message_id: data.message_id, key: data.key, value: store.get(event.origin + ' ' + data.key) }, event.origin); }
});</script>`);
      }
      if (at.pathname === '/course') {
        // A course page: the tool in an iframe whose src is the login initiation, and the storage frame.
        const login = at.searchParams.get('login') ?? '';
        return html(response, 200, `<!doctype html><html lang="en"><title>Course</title><body style="margin:0"><h1>Staff room</h1><iframe name="post_message_forwarding" src="/storage" title="storage" style="display:none"></iframe><iframe id="tool" title="plc-kit" src="${escape(login)}" style="width:1000px;height:700px;border:0"></iframe></body></html>`);
      }
      return json(response, 404, { error: 'not found' });
    })().catch((error: unknown) => json(response, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  url = `http://${host}:${typeof address === 'object' && address ? address.port : 0}`;

  const platform: TestPlatform = {
    url,
    issuer: url,
    clientId: options.clientId ?? 'plc-kit-client-1',
    deploymentId: options.deploymentId ?? 'deployment-1',
    toolJwksUrl: '',
    get kid() {
      return keys[keys.length - 1]!.kid;
    },
    async rotate(drop = false) {
      const next = await makeKey();
      if (drop) keys.splice(0, keys.length);
      keys.push(next);
    },
    prepare(spec) {
      const hint = `hint-${randomUUID()}`;
      launches.set(hint, spec);
      return hint;
    },
    loginParams(loginHint, extra = {}) {
      return { iss: platform.issuer, login_hint: loginHint, target_link_uri: 'TOOL/lti/launch', lti_message_hint: 'message-hint', client_id: platform.clientId, lti_deployment_id: platform.deploymentId, ...extra };
    },
    async authorize(authUrl) {
      const request = new URL(authUrl).searchParams;
      for (const [name, expected] of [['scope', 'openid'], ['response_type', 'id_token'], ['response_mode', 'form_post'], ['prompt', 'none'], ['client_id', platform.clientId]] as const) {
        if (request.get(name) !== expected) throw new Error(`the authentication request's ${name} is ${request.get(name)}, not ${expected}`);
      }
      for (const name of ['redirect_uri', 'login_hint', 'state', 'nonce']) if (!request.get(name)) throw new Error(`the authentication request has no ${name}`);
      if (request.get('lti_message_hint') !== 'message-hint') throw new Error('lti_message_hint was not passed back');
      const spec = launches.get(request.get('login_hint')!);
      if (!spec) throw new Error('unknown login_hint');
      return { action: request.get('redirect_uri')!, id_token: await sign(spec, request), state: request.get('state')! };
    },
    members: [],
    pageSize: 2,
    deepLinks: [],
    grants: [],
    nrpsPages: 0,
    registrations: [],
    openidConfigurationUrl: `${url}/.well-known/openid-configuration`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return platform;
}
