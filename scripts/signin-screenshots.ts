// `node --import tsx scripts/signin-screenshots.ts`: screenshots of plc-kit's own sign-in pages
// for the VLE guides, taken in Debian's Chromium against a real server (embedded PGlite in a
// temporary folder) and the tests' LTI platform simulator:
//   docs/screenshots/lti-config-desktop.png   the manual configuration page (/lti/config)
//   docs/screenshots/lti-picker-desktop.png   the deep-linking picker a teacher sees
//   docs/screenshots/lti-refused-phone.png    a refusal page (a learner's launch), 390 px wide
// With --extra <dir>, the same pages at the other widths (desktop, tablet, phone) go there too.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROMIUM, CHROMIUM_ARGS, ensureChromium } from './browser.js';
import { createPgliteDb, createServer } from '../src/server/index.js';
import { startPlatform, ROLE } from '../tests/support/lti-platform.js';
import { DIRECTORY_RECORDS } from '../tests/support/store-fixtures.js';
import { SignJWT } from 'jose';

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const extraAt = process.argv.indexOf('--extra');
const EXTRA = extraAt > 0 ? process.argv[extraAt + 1] : undefined;
const SECRET = 'screenshots-secret-0123456789abcdef';
const TRUST = 'trust-riverside';

ensureChromium();
const dir = mkdtempSync(join(tmpdir(), 'plc-kit-shots-'));
const db = await createPgliteDb({ dataDir: dir });
const server = createServer({ auth: { secret: SECRET }, db, log: () => undefined, signin: { jwksCooldownMs: 0 } });
const url = await server.listen(0);
const platform = await startPlatform();
platform.toolJwksUrl = `${url}/lti/jwks`;
const token = await new SignJWT({ plc_trust: TRUST, plc_roles: ['admin'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('p-admin').setExpirationTime('10m').sign(new TextEncoder().encode(SECRET));
const call = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
for (const [collection, record] of DIRECTORY_RECORDS) await call('PUT', `/v1/records/${collection}/${record.id}`, collection === 'people' && record.id === 'p-ana' ? { ...record, email: 'ana@north.example' } : record, { 'if-none-match': '*' });
await call('PUT', '/v1/lti/platforms/vle', { name: 'Moodle', issuer: platform.issuer, clientId: platform.clientId, authUrl: `${platform.url}/auth`, jwksUrl: `${platform.url}/jwks`, deploymentIds: [platform.deploymentId] });

/** A launch's HTML page from the simulator (login, the platform's answer, the launch POST). */
async function launchPage(spec: Parameters<typeof platform.prepare>[0]): Promise<string> {
  const login = await fetch(`${url}/lti/login`, { method: 'POST', body: new URLSearchParams({ ...platform.loginParams(platform.prepare(spec)), target_link_uri: `${url}/lti/launch` }), redirect: 'manual' });
  const fields = await platform.authorize(login.headers.get('location')!);
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  return (await fetch(`${url}/lti/launch`, { method: 'POST', headers: { cookie }, body: new URLSearchParams({ id_token: fields.id_token, state: fields.state }) })).text();
}

const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
const widths = { desktop: [1280, 800], tablet: [768, 1024], phone: [390, 844] } as const;
async function shoot(name: string, load: (page: puppeteer.Page) => Promise<unknown>, main: keyof typeof widths) {
  for (const [size, [width, height]] of Object.entries(widths)) {
    if (size !== main && !EXTRA) continue;
    const page = await browser.newPage();
    await page.setViewport({ width, height });
    await load(page);
    const out = size === main ? join(OUT, `${name}-${size}.png`) : join(EXTRA!, `${name}-${size}.png`);
    mkdirSync(join(out, '..'), { recursive: true });
    await page.screenshot({ path: out, fullPage: true });
    await page.close();
    console.log(out);
  }
}
// Pages with relative asset links load from the server: a page's HTML is served back at its own address.
const served = async (page: puppeteer.Page, html: string, at: string) => {
  await page.setRequestInterception(true);
  page.on('request', (request) => (request.url() === at ? request.respond({ status: 200, contentType: 'text/html', body: html }) : request.continue()));
  await page.goto(at);
};
try {
  await shoot('lti-config', (page) => page.goto(`${url}/lti/config`), 'desktop');
  const picker = await launchPage({ sub: 'u-ana', email: 'ana@north.example', messageType: 'LtiDeepLinkingRequest' });
  await shoot('lti-picker', (page) => served(page, picker, `${url}/lti/launch`), 'desktop');
  const refused = await launchPage({ sub: 'u-stu', name: 'Sam Student', roles: [ROLE.learner] });
  await shoot('lti-refused', (page) => served(page, refused, `${url}/lti/launch`), 'phone');
} finally {
  await browser.close();
  await platform.close();
  await server.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
}
