/**
 * The embed page's routes on a real server: `/embed`, `/embed/` and the allow-listed files, with
 * their content types, the Content-Security-Policy whose frame-ancestors is the configured list
 * (the same list written into the page for its postMessage checks), ETags and 304s, gzip, 503
 * before a build, and no way out of the folder. The folder is a temporary one made by the build's
 * own page step (scripts/embed-page.js), so these tests never depend on dist/.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { writeEmbedPage } from '../../scripts/embed-page.js';
import { createServer, serverOptionsFromEnv } from '../../src/server/index.js';
import { checkEmbedAncestors, defaultEmbedDir, embedPolicy } from '../../src/server/embed.js';
import { ON, openTestDb, SECRET, startServer, type TestDb, type TestServer } from './helpers.js';

const VLE = 'https://vle.school.example';
const SITE = 'https://www.school.example';
/** Large enough to be gzipped. */
const BUNDLE = `export function startEmbed() { return 'bundle'; }\n${'// the elements\n'.repeat(200)}`;
const RESIZER = "export function setTokenProvider() {}\n";
const WORKER = "self.addEventListener('fetch', () => {});\n";

/** A built embed folder, as `npm run build` writes it, with stand-ins for the bundle and resizer. */
function builtFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plc-kit-embed-'));
  fillFolder(dir);
  return dir;
}

function fillFolder(dir: string): void {
  writeEmbedPage(dir);
  writeFileSync(join(dir, 'bundle.js'), BUNDLE);
  writeFileSync(join(dir, 'resizer.js'), RESIZER);
}

/** A raw GET: the path goes on the wire exactly as written (fetch would normalise `..`). */
function rawGet(url: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const meta = (html: string, name: string) => html.match(new RegExp(`<meta name="${name}" content="([^"]*)"`))?.[1];

describe(`the embed page routes (${ON})`, () => {
  let testDb: TestDb;
  let test: TestServer;
  let dir: string;

  before(async () => {
    testDb = await openTestDb();
    dir = builtFolder();
    test = await startServer(testDb.db, { embed: { dir, ancestors: [VLE, "'self'", SITE] } });
  });

  after(async () => {
    await test?.close();
    await testDb?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers /embed with the page: its links point into embed/, its server is this one, its parents the configured list', async () => {
    const reply = await fetch(`${test.url}/embed?view=enquiry&id=enq-1`);
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.get('content-type'), 'text/html; charset=utf-8');
    const html = await reply.text();
    assert.match(html, /<script type="module" src="embed\/embed\.js"><\/script>/);
    assert.match(html, /<link rel="stylesheet" href="embed\/embed\.css" \/>/);
    assert.equal(meta(html, 'plc-kit-server'), './');
    assert.equal(meta(html, 'plc-kit-parent-origins'), `${VLE} 'self' ${SITE}`);
    // Resolved as the browser does, both pages point at the same files and the same server.
    assert.equal(new URL('embed/embed.js', `${test.url}/embed`).href, `${test.url}/embed/embed.js`);
    assert.equal(new URL('./', `${test.url}/embed`).href, `${test.url}/`);
  });

  it('answers /embed/ and /embed/index.html with the same page, its links relative to the folder', async () => {
    for (const path of ['/embed/', '/embed/index.html']) {
      const reply = await fetch(`${test.url}${path}`);
      assert.equal(reply.status, 200, path);
      assert.equal(reply.headers.get('content-type'), 'text/html; charset=utf-8');
      const html = await reply.text();
      assert.match(html, /src="\.\/embed\.js"/, path);
      assert.match(html, /href="\.\/embed\.css"/, path);
      assert.equal(meta(html, 'plc-kit-server'), '../', path);
      assert.equal(new URL('../', `${test.url}${path}`).href, `${test.url}/`);
      assert.equal(meta(html, 'plc-kit-parent-origins'), `${VLE} 'self' ${SITE}`);
    }
  });

  it('sends a strict policy with the page: nothing inline, no eval, framed only by the configured origins', async () => {
    const reply = await fetch(`${test.url}/embed`);
    const policy = reply.headers.get('content-security-policy') ?? '';
    assert.equal(policy, embedPolicy([VLE, "'self'", SITE]));
    const directives = new Map(policy.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));
    assert.deepEqual(directives.get('script-src'), ["'self'"]);
    assert.deepEqual(directives.get('style-src'), ["'self'"]);
    assert.deepEqual(directives.get('frame-ancestors'), [VLE, "'self'", SITE]);
    assert.deepEqual(directives.get('object-src'), ["'none'"]);
    assert.deepEqual(directives.get('base-uri'), ["'none'"]);
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|\*/);
    assert.equal(reply.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(reply.headers.get('referrer-policy'), 'same-origin');
    assert.equal(reply.headers.get('cache-control'), 'no-cache');
  });

  it('serves each file of the folder with its content type; the host script and the bundle to any origin', async () => {
    const expected: Array<[string, string, string]> = [
      ['embed.js', 'text/javascript; charset=utf-8', "startEmbed } from './bundle.js';"],
      ['embed.css', 'text/css; charset=utf-8', '#plc-embed'],
      ['bundle.js', 'text/javascript; charset=utf-8', BUNDLE],
      ['resizer.js', 'text/javascript; charset=utf-8', RESIZER],
    ];
    for (const [name, type, content] of expected) {
      const reply = await fetch(`${test.url}/embed/${name}`, { headers: { 'accept-encoding': 'identity', origin: SITE } });
      assert.equal(reply.status, 200, name);
      assert.equal(reply.headers.get('content-type'), type, name);
      assert.equal(reply.headers.get('x-content-type-options'), 'nosniff', name);
      assert.equal(reply.headers.get('access-control-allow-origin'), '*', name);
      assert.equal(reply.headers.get('cross-origin-resource-policy'), 'cross-origin', name);
      assert.ok((await reply.text()).includes(content), name);
    }
  });

  it('answers HEAD with the headers only', async () => {
    const reply = await fetch(`${test.url}/embed/bundle.js`, { method: 'HEAD', headers: { 'accept-encoding': 'identity' } });
    assert.equal(reply.status, 200);
    assert.equal(reply.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.ok(reply.headers.get('etag'));
    assert.equal(await reply.text(), '');
  });

  it('revalidates with a strong ETag: 304 without a body when it matches, the file when it does not', async () => {
    for (const path of ['/embed', '/embed/', '/embed/bundle.js', '/embed/resizer.js']) {
      const first = await rawGet(test.url, path, { 'accept-encoding': 'identity' });
      const etag = String(first.headers['etag']);
      assert.match(etag, /^"[A-Za-z0-9_-]+"$/, path);
      assert.equal(first.headers['cache-control'], path === '/embed/resizer.js' ? 'max-age=3600' : 'no-cache', path);
      const again = await rawGet(test.url, path, { 'accept-encoding': 'identity', 'if-none-match': etag });
      assert.equal(again.status, 304, path);
      assert.equal(again.body.length, 0, path);
      assert.equal(again.headers['etag'], etag, path);
      assert.equal((await rawGet(test.url, path, { 'accept-encoding': 'identity', 'if-none-match': `"other", W/${etag}` })).status, 304, `${path}: a list, weak`);
      assert.equal((await rawGet(test.url, path, { 'accept-encoding': 'identity', 'if-none-match': '"stale"' })).status, 200, `${path}: another tag`);
    }
    // The two pages differ, so their tags do.
    const [route, folder] = await Promise.all([rawGet(test.url, '/embed'), rawGet(test.url, '/embed/')]);
    assert.notEqual(route.headers['etag'], folder.headers['etag']);
  });

  it('gzips what is worth it when the browser accepts gzip, with its own ETag and Vary', async () => {
    const plain = await rawGet(test.url, '/embed/bundle.js', { 'accept-encoding': 'identity' });
    const zipped = await rawGet(test.url, '/embed/bundle.js', { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.equal(zipped.headers['vary'], 'Accept-Encoding');
    assert.ok(zipped.body.length < plain.body.length / 5, `${zipped.body.length} gzipped vs ${plain.body.length}`);
    assert.equal(gunzipSync(zipped.body).toString(), plain.body.toString());
    assert.notEqual(zipped.headers['etag'], plain.headers['etag']);
    assert.equal((await rawGet(test.url, '/embed/bundle.js', { 'accept-encoding': 'gzip', 'if-none-match': String(zipped.headers['etag']) })).status, 304);
    // gzip;q=0 is a refusal.
    assert.equal((await rawGet(test.url, '/embed/bundle.js', { 'accept-encoding': 'gzip;q=0' })).headers['content-encoding'], undefined);
  });

  it('keeps the Vary of the CORS hook when the server answers configured origins', async () => {
    const server = await startServer(testDb.db, { embed: { dir }, corsOrigins: [SITE] });
    try {
      const reply = await rawGet(server.url, '/embed', { 'accept-encoding': 'gzip', origin: SITE });
      assert.equal(reply.headers['vary'], 'Origin, Accept-Encoding');
    } finally {
      await server.close();
    }
  });

  it('serves nothing outside the allow-list: no other file of the folder, no way out of it', async () => {
    writeFileSync(join(dir, 'secret.txt'), 'not for the web');
    const unknown = await fetch(`${test.url}/embed/secret.txt`);
    assert.equal(unknown.status, 404);
    const body = (await unknown.json()) as { error: string; message: string };
    assert.equal(body.error, 'not-found');
    assert.match(body.message, /index\.html, embed\.js, embed\.css, bundle\.js, resizer\.js/);

    const attempts = [
      '/embed/../package.json',
      '/embed/..%2Fpackage.json',
      '/embed/..%2fpackage.json',
      '/embed/%2e%2e/package.json',
      '/embed/%2e%2e%2fpackage.json',
      '/embed/..%5cpackage.json',
      '/embed/....//package.json',
      '/embed//etc/passwd',
      '/embed/%2Fetc%2Fpasswd',
      '/embed/bundle.js%00.txt',
      '/embed/secret.txt',
      '/embed/./secret.txt',
      '/embed/%2e/secret.txt',
      `/embed/${encodeURIComponent(join(dir, 'secret.txt'))}`,
      '/embed/__proto__',
      '/embed/constructor',
    ];
    for (const path of attempts) {
      const reply = await rawGet(test.url, path);
      assert.ok(reply.status === 404 || reply.status === 400, `${path}: ${reply.status}`);
      const text = reply.body.toString();
      assert.doesNotMatch(text, /"name": "plc-kit"|not for the web|root:/, path);
    }
  });

  it('serves sw.js, the page\'s service worker, with the scope /embed allowed, and 404 naming the build where the folder has none', async () => {
    const missing = await fetch(`${test.url}/embed/sw.js`);
    assert.equal(missing.status, 404);
    assert.match(((await missing.json()) as { message: string }).message, /no sw\.js.*npm run build/);
    const withWorker = mkdtempSync(join(tmpdir(), 'plc-kit-embed-sw-'));
    fillFolder(withWorker);
    writeFileSync(join(withWorker, 'sw.js'), WORKER);
    const built = await startServer(testDb.db, { embed: { dir: withWorker } });
    try {
      const reply = await fetch(`${built.url}/embed/sw.js`, { headers: { 'accept-encoding': 'identity' } });
      assert.equal(reply.status, 200);
      assert.equal(reply.headers.get('content-type'), 'text/javascript; charset=utf-8');
      assert.equal(reply.headers.get('service-worker-allowed'), '/embed', 'the worker in /embed/ may serve the page at /embed');
      assert.equal(reply.headers.get('access-control-allow-origin'), null, 'a worker is same-origin only');
      assert.equal(reply.headers.get('cache-control'), 'no-cache', 'the browser checks for a new release at each visit');
      assert.equal(await reply.text(), WORKER);
    } finally {
      await built.close();
      rmSync(withWorker, { recursive: true, force: true });
    }
  });

  it('picks up a folder built while it runs: 503 naming `npm run build` before, the page after', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'plc-kit-embed-unbuilt-'));
    const unbuilt = await startServer(testDb.db, { embed: { dir: empty } });
    try {
      for (const path of ['/embed', '/embed/', '/embed/embed.js', '/embed/resizer.js']) {
        const reply = await fetch(`${unbuilt.url}${path}`);
        assert.equal(reply.status, 503, path);
        const body = (await reply.json()) as { error: string; message: string };
        assert.equal(body.error, 'unavailable');
        assert.match(body.message, /run `npm run build`/);
        assert.ok(body.message.includes(empty), 'the message names the folder');
      }
      // Half a build (the page without its files) is still not built, and says which file is missing.
      writeEmbedPage(empty);
      const half = (await (await fetch(`${unbuilt.url}/embed`)).json()) as { message: string };
      assert.match(half.message, /bundle\.js is missing/);
      fillFolder(empty);
      const built = await fetch(`${unbuilt.url}/embed`);
      assert.equal(built.status, 200);
      // Without a list, only this server's own pages may frame it.
      assert.match(built.headers.get('content-security-policy') ?? '', /frame-ancestors 'self'$/);
      assert.equal(meta(await built.text(), 'plc-kit-parent-origins'), "'self'");
    } finally {
      await unbuilt.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('refuses a folder whose index.html is not the embed page', async () => {
    const other = mkdtempSync(join(tmpdir(), 'plc-kit-embed-other-'));
    fillFolder(other);
    writeFileSync(join(other, 'index.html'), '<!doctype html><title>something else</title>');
    const server = await startServer(testDb.db, { embed: { dir: other } });
    try {
      const reply = await fetch(`${server.url}/embed`);
      assert.equal(reply.status, 503);
      assert.match(((await reply.json()) as { message: string }).message, /not plc-kit's embed page/);
    } finally {
      await server.close();
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('leaves the routes out with embed: false', async () => {
    const server = await startServer(testDb.db, { embed: false });
    try {
      assert.equal((await fetch(`${server.url}/embed`)).status, 404);
      assert.equal((await fetch(`${server.url}/embed/resizer.js`)).status, 404);
    } finally {
      await server.close();
    }
  });
});

describe('the embed page settings', () => {
  it('reads PLC_EMBED_ANCESTORS: origins and self, separated by spaces or commas, duplicates dropped', () => {
    const { options } = serverOptionsFromEnv({ PLC_JWT_SECRET: SECRET, PLC_EMBED_ANCESTORS: ` ${VLE}, 'self'  ${SITE}/,${VLE} self ` });
    assert.deepEqual(options.embed, { ancestors: [VLE, "'self'", SITE] });
    assert.equal(serverOptionsFromEnv({ PLC_JWT_SECRET: SECRET }).options.embed, undefined, 'unset: the default');
    assert.equal(serverOptionsFromEnv({ PLC_JWT_SECRET: SECRET, PLC_EMBED_ANCESTORS: '  ' }).options.embed, undefined, 'blank: the default');
  });

  it('refuses anything that is not exactly an origin, naming the variable and the fix', () => {
    for (const bad of ['https://*.school.example', '*', "'none'", 'https://vle.school.example/course/1', 'vle.school.example', 'ftp://files.school.example', 'https://vle.school.example?x=1', 'null']) {
      assert.throws(
        () => serverOptionsFromEnv({ PLC_JWT_SECRET: SECRET, PLC_EMBED_ANCESTORS: `${VLE} ${bad}` }),
        (error: Error) => error.message.startsWith(`PLC_EMBED_ANCESTORS: "${bad}" is not an origin`) && error.message.includes('https://vle.school.example'),
        bad,
      );
    }
    assert.throws(() => createServer({ auth: { secret: SECRET }, embed: { ancestors: ['https://*.school.example'] } }), /embed\.ancestors: "https:\/\/\*\.school\.example" is not an origin/);
    assert.deepEqual(checkEmbedAncestors([]), ["'self'"]);
  });

  it('looks for the built folder in dist/embed of this installation', () => {
    assert.equal(defaultEmbedDir(), fileURLToPath(new URL('../../dist/embed', import.meta.url)));
  });
});
