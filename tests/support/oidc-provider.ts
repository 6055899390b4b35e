/**
 * A real OpenID Provider on loopback for the single sign-on tests: `oidc-provider` (a certified
 * implementation) playing the school's Google Workspace or Microsoft Entra ID, with accounts the
 * test chooses (email, verified or not, `hd`, `tid`, groups). PKCE is required, as it is for
 * public clients at Google and Entra. The login and consent screens are answered by the test:
 * whoever `signInAs` names signs in and consents.
 */
import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';

/** An account's claims. */
export type Account = Record<string, unknown> & { sub: string };

/** A running provider. */
export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, Account>;
  /** The account the next login signs in as. */
  signInAs: string;
  close(): Promise<void>;
}

/** Starts a provider on a free loopback port for a client whose redirect URI is `redirectUri()`. */
export async function startProvider(redirectUri: () => string): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const issuer = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const state: TestProvider = {
    issuer,
    clientId: 'plc-kit-sso',
    clientSecret: 'a-client-secret-of-the-school-0123456789',
    accounts: new Map(),
    signInAs: '',
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const provider = new Provider(issuer, {
    clients: [{ client_id: state.clientId, client_secret: state.clientSecret, redirect_uris: [redirectUri()], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_post' }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'hd', 'tid', 'groups'] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    cookies: { keys: ['a-cookie-key-for-the-test-provider'] },
    findAccount: (_ctx, id) => {
      const account = state.accounts.get(id);
      return account ? { accountId: id, claims: () => account } : undefined;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  });
  const handler = provider.callback();
  server.on('request', (request, response) => {
    if (!request.url?.startsWith('/interaction/')) return handler(request, response);
    void (async () => {
      const details = await provider.interactionDetails(request, response);
      if (details.prompt.name === 'login') {
        await provider.interactionFinished(request, response, { login: { accountId: state.signInAs } }, { mergeWithLastSubmission: false });
        return;
      }
      const grant = new provider.Grant({ accountId: String(details.session?.accountId), clientId: String(details.params['client_id']) });
      grant.addOIDCScope(String(details.params['scope']));
      await provider.interactionFinished(request, response, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    })().catch((error: unknown) => {
      response.statusCode = 500;
      response.end(String(error));
    });
  });
  return state;
}

/** Follows redirects from `start` as a browser would, with a cookie jar per origin; stops at `stopAt` (or a non-redirect). */
export async function followRedirects(start: string, jar: Map<string, Map<string, string>> = new Map(), stopAt?: string): Promise<{ url: string; status: number; body: string; jar: Map<string, Map<string, string>> }> {
  let url = start;
  for (let step = 0; step < 20; step += 1) {
    const origin = new URL(url).origin;
    const cookies = jar.get(origin) ?? new Map<string, string>();
    const response = await fetch(url, { redirect: 'manual', headers: cookies.size ? { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {} });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) cookies.delete(name!.trim());
      else cookies.set(name!.trim(), value.join('='));
    }
    jar.set(origin, cookies);
    const location = response.headers.get('location');
    if (!location || (response.status !== 302 && response.status !== 303)) return { url, status: response.status, body: await response.text(), jar };
    await response.body?.cancel();
    url = new URL(location, url).href;
    if (stopAt && url.startsWith(stopAt)) return { url, status: response.status, body: '', jar };
  }
  throw new Error(`more than 20 redirects from ${start}`);
}
