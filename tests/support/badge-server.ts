/**
 * A plc-kit server double for the badge routes (`/v1/credentials`, `/v1/celebrate`), installed
 * over `fetch` for the browser tests: it answers as the server does, records what it was asked
 * and with which token, and can be taken down to test the offline state.
 */
import { expect } from '@open-wc/testing';
import type { PlcProvider } from '../../components/plc-provider/plc-provider.js';

export const BADGE_SERVER = 'https://plc.test';

export const CREDENTIALS = [
  { id: '0b5e2f4c-1111-4a2b-8c3d-000000000001', personId: 'p-beth', enquiryId: 'enq-feedback', title: 'Engaging with written feedback', name: 'Published enquiry: Engaging with written feedback', achievement: 'Published a professional enquiry', publishedAt: '2027-06-20T09:00:00.000Z', issuedAt: '2027-06-20T09:05:00.000Z' },
  { id: '0b5e2f4c-1111-4a2b-8c3d-000000000002', personId: 'p-beth', enquiryId: 'enq-oracy', title: 'Structured talk', name: 'Published enquiry: Structured talk', achievement: 'Published a professional enquiry', publishedAt: '2026-06-18T09:00:00.000Z', issuedAt: '2026-06-18T09:05:00.000Z' },
];

export const CELEBRATIONS = [
  { enquiryId: 'enq-feedback', title: 'Engaging with written feedback', kind: 'group', cycleName: '2026-27', publishedAt: '2027-06-20T09:00:00.000Z', achievement: 'Published a professional enquiry', members: [{ personId: 'p-amir', name: 'Amir Haddad' }, { personId: 'p-beth', name: 'Beth Okafor' }] },
  { enquiryId: 'enq-oracy', title: 'Structured talk', kind: 'individual', cycleName: '2026-27', publishedAt: '2027-06-18T09:00:00.000Z', achievement: 'Published a professional enquiry', members: [{ personId: 'p-gus', name: 'Gus Lee' }] },
  { enquiryId: 'enq-wellbeing', title: 'Calm starts', kind: 'group', cycleName: '2026-27', publishedAt: '2027-06-10T09:00:00.000Z', achievement: 'Published a professional enquiry', members: [{ personId: 'p-ivo', name: 'Ivo Marsh' }] },
];

/** Installs the double; `restore()` puts the real fetch back. */
export function badgeServer() {
  const state = { down: false, failDownload: false, asked: [] as string[], tokens: [] as string[], credentials: [...CREDENTIALS], celebrations: [...CELEBRATIONS] };
  const original = window.fetch;
  window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    if (url.origin !== BADGE_SERVER) return original(input, init);
    if (state.down) throw new TypeError('Failed to fetch');
    state.asked.push(`${init?.method ?? 'GET'} ${url.pathname}${url.search}`);
    state.tokens.push(new Headers(init?.headers).get('authorization') ?? '');
    const json = (body: unknown, status = 200, type = 'application/json') => new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
    if (url.pathname === '/v1/credentials') {
      const whose = url.searchParams.get('personId');
      if (whose && whose !== 'p-beth') return json({ error: 'forbidden', reason: 'credential-private', message: 'A credential names the person it was issued to: only they and CPD leaders can read it.' }, 403);
      return json({ credentials: state.credentials });
    }
    const one = /^\/v1\/credentials\/(.+)$/.exec(url.pathname);
    if (one) {
      if (state.failDownload) return json({ error: 'internal', message: 'Something went wrong on the server; it has been logged. Try again.' }, 500);
      const found = state.credentials.find((c) => c.id === one[1]);
      if (!found) return json({ error: 'not-found', message: 'There is no such credential.' }, 404);
      return json({ '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'], id: `urn:uuid:${found.id}`, type: ['VerifiableCredential', 'OpenBadgeCredential'], name: found.name, proof: [{ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' }] }, 200, 'application/vc+ld+json');
    }
    if (url.pathname === '/v1/celebrate') return json({ enquiries: state.celebrations.slice(0, Number(url.searchParams.get('limit') ?? 12)) });
    return json({ error: 'not-found', message: 'no' }, 404);
  }) as typeof fetch;
  return { state, restore: () => (window.fetch = original) };
}

/** Connects the provider's session to the double, signed in with a recognisable token. */
export async function connectBadgeServer(provider: PlcProvider): Promise<void> {
  provider.session = {
    ...provider.session!,
    server: { url: BADGE_SERVER, token: async () => 'token-for-beth', request: async (path, init) => fetch(new URL(path, BADGE_SERVER), { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), authorization: 'Bearer token-for-beth' } }) },
  };
  await provider.updateComplete;
}

/**
 * axe (WCAG A and AA) in light and in dark, as the sweep does; after each switch it waits out the
 * buttons' colour transition (120 ms), so what is checked is the colours the person sees.
 */
export async function accessibleInBothThemes(element: Element, provider: PlcProvider): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    provider.theme = theme;
    await provider.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 200));
    // On a busy machine a transition can still be running after 200 ms: wait for it (up to 3 s).
    const root = element.shadowRoot;
    for (let i = 0; i < 60 && root?.getAnimations().some((a) => a.playState === 'running'); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(element, theme).to.be.accessible();
  }
}
