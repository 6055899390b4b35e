/**
 * The VLE post on the server: `POST /v1/vle/posts` gives the link, snippet and iframe code of an
 * outcome published for the VLE (refused for one published for the booklet only, 404 for an
 * unpublished one, another trust's or none), the same link each time; `GET /vle/<token>` is the
 * read-only page for anyone with the link: no script, its one style allowed by hash, framed only
 * by the configured origins and the trust's VLEs, in the asked language, showing only what the
 * booklet shows (no "what did not work"); a cycle's booklet page holds only outcomes published
 * for both the booklet and the VLE.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { publishedLog } from '../support/vle-fixtures.js';
import { client, ON, seedTrust, serverForSuite, type Client, type TestServer } from './helpers.js';

const TRUST = 'trust-vle';
const OTHER = 'trust-vle-other';

describe(`server: the VLE post (${ON})`, () => {
  let test: TestServer;
  let staff: Client;
  serverForSuite((_db, server) => (test = server), { embed: { ancestors: ['https://vle.north.example'] } });

  before(async () => {
    await seedTrust(test, TRUST);
    await seedTrust(test, OTHER);
    const service = await test.service(TRUST);
    const logs = {
      'enq-vle': publishedLog('enq-vle', 'Feedback that lands', ['booklet', 'vle']),
      'enq-book': publishedLog('enq-book', 'Booklet only', ['booklet']),
      'enq-wip': publishedLog('enq-wip', 'Not yet', ['vle'], { published: false }),
      'enq-vle-only': publishedLog('enq-vle-only', 'VLE but not the booklet', ['vle']),
    };
    for (const [id, events] of Object.entries(logs)) {
      const pushed = await service.post(`/v1/enquiries/${id}/events`, { events });
      assert.deepEqual(pushed.body.results.map((r: { status: string }) => r.status), events.map(() => 'appended'), `${id}: ${JSON.stringify(pushed.body)}`);
    }
    staff = await test.as('p-cpd', TRUST, ['teacher', 'cpd-leader']);
  });

  it('gives a published outcome’s link, snippet and iframe code, the same link each time', async () => {
    const first = await staff.post('/v1/vle/posts', { enquiryId: 'enq-vle' });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.match(first.body.url, new RegExp(`^${test.url}/vle/[0-9a-f]{32}\\?lang=en-GB$`));
    assert.equal(first.body.title, 'Feedback that lands');
    assert.match(first.body.snippet, /<h3>Feedback that lands<\/h3>/);
    assert.ok(first.body.snippet.includes(`<a href="${first.body.url}">Read the whole outcome</a>`));
    assert.ok(first.body.iframe.startsWith(`<iframe src="${first.body.url}" title="Feedback that lands"`));
    const teacher = await test.as('p-ben', TRUST);
    const again = await teacher.post('/v1/vle/posts', { enquiryId: 'enq-vle', lang: 'es' });
    assert.equal(again.body.url.split('?')[0], first.body.url.split('?')[0], 'one link per outcome, whoever asks');
    assert.match(again.body.snippet, /Pregunta guía:/);
  });

  it('refuses what may not go to a VLE, and says which field is wrong', async () => {
    const bookOnly = await staff.post('/v1/vle/posts', { enquiryId: 'enq-book' });
    assert.deepEqual([bookOnly.status, bookOnly.body.reason, bookOnly.body.field], [403, 'outcome-not-for-vle', 'enquiryId']);
    assert.equal((await staff.post('/v1/vle/posts', { enquiryId: 'enq-wip' })).status, 404, 'an unpublished outcome is not there to post');
    assert.equal((await staff.post('/v1/vle/posts', { enquiryId: 'enq-none' })).status, 404);
    const outsider = await test.as('p-cpd', OTHER, ['teacher', 'cpd-leader']);
    assert.equal((await outsider.post('/v1/vle/posts', { enquiryId: 'enq-vle' })).status, 404, 'another trust’s outcome is not found');
    const both = await staff.post('/v1/vle/posts', { enquiryId: 'enq-vle', cycleId: 'cycle-2025' });
    assert.deepEqual([both.status, both.body.field], [400, 'cycleId']);
    assert.deepEqual([(await staff.post('/v1/vle/posts', {})).status, (await staff.post('/v1/vle/posts', {})).body.field], [400, 'enquiryId']);
    const lang = await staff.post('/v1/vle/posts', { enquiryId: 'enq-vle', lang: 'fr' });
    assert.deepEqual([lang.status, lang.body.field], [400, 'lang']);
    assert.equal((await client(test.url).post('/v1/vle/posts', { enquiryId: 'enq-vle' })).status, 401);
  });

  it('serves the page to anyone with the link: no script, its style by hash, framed by the configured origin, no “what did not work”', async () => {
    const { url } = (await staff.post('/v1/vle/posts', { enquiryId: 'enq-vle' })).body;
    const page = await fetch(url);
    const html = await page.text();
    assert.equal(page.status, 200, html);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /frame-ancestors https:\/\/vle\.north\.example(;|$)/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    assert.ok(csp.includes(`'sha256-${createHash('sha256').update(style).digest('base64')}'`), 'the page’s own style is allowed, nothing else');
    assert.doesNotMatch(html, /<script/);
    assert.match(html, /<h3>Feedback that lands<\/h3>/);
    assert.match(html, /VLE summary of Feedback that lands\./);
    assert.match(html, /Ana Adeyemi, Ben Brook/);
    assert.match(html, /Northgate Academy/);
    assert.doesNotMatch(html, /Long comments were still ignored|What did not work/, 'the public page leaves out what did not work');
    assert.doesNotMatch(html, /A clear, open question|Lesson \d|strengths/i, 'no review comment, no observation');
    const spanish = await (await fetch(`${url.split('?')[0]}?lang=es`)).text();
    assert.match(spanish, /<html lang="es">/);
    assert.match(spanish, /Pregunta guía/);
  });

  it('answers the same 404 page for a mistyped link, a made-up token and a bad language', async () => {
    for (const path of ['/vle/0123456789abcdef0123456789abcdef', '/vle/not-a-token']) {
      const page = await fetch(`${test.url}${path}`);
      assert.equal(page.status, 404);
      assert.match(await page.text(), /nothing to show at this link/);
      assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    }
    assert.equal((await fetch(`${test.url}/vle/0123456789abcdef0123456789abcdef?lang=xx`)).status, 400);
  });

  it('posts a cycle’s booklet: only outcomes published for both the booklet and the VLE', async () => {
    const posted = await staff.post('/v1/vle/posts', { cycleId: 'cycle-2025' });
    assert.equal(posted.status, 200, JSON.stringify(posted.body));
    assert.equal(posted.body.kind, 'booklet');
    assert.match(posted.body.snippet, /Feedback that lands/);
    for (const text of [posted.body.snippet, await (await fetch(posted.body.url)).text()]) {
      assert.match(text, /Feedback that lands/);
      assert.doesNotMatch(text, /Booklet only|VLE but not the booklet|Not yet/);
    }
    assert.equal((await staff.post('/v1/vle/posts', { cycleId: 'cycle-none' })).status, 404);
  });
});
