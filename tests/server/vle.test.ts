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

  it('stops sharing a link: only whoever may, then its page answers 410 saying so, and posting again gives a new link', async () => {
    const { url } = (await staff.post('/v1/vle/posts', { enquiryId: 'enq-vle' })).body;
    const token = new URL(url).pathname.split('/').pop()!;
    const colleague = await test.as('p-tom', TRUST);
    const refused = await colleague.delete(`/v1/vle/posts/${token}`);
    assert.deepEqual([refused.status, refused.body.reason, refused.body.field], [403, 'not-vle-revoker', 'token'], 'a colleague who neither made it nor is a member');
    assert.equal((await fetch(url)).status, 200, 'still shared');
    assert.equal((await (await test.as('p-cpd', OTHER, ['teacher', 'cpd-leader'])).delete(`/v1/vle/posts/${token}`)).status, 404, 'another trust’s link is not found');
    assert.equal((await staff.delete('/v1/vle/posts/0123456789abcdef0123456789abcdef')).status, 404);
    assert.equal((await client(test.url).delete(`/v1/vle/posts/${token}`)).status, 401);

    const member = await test.as('p-ana', TRUST);
    const stopped = await member.delete(`/v1/vle/posts/${token}`);
    assert.equal(stopped.status, 200, JSON.stringify(stopped.body));
    assert.deepEqual([stopped.body.token, stopped.body.kind, stopped.body.targetId], [token, 'outcome', 'enq-vle']);
    assert.ok(!Number.isNaN(Date.parse(stopped.body.revokedAt)));
    const gone = await fetch(url);
    const html = await gone.text();
    assert.equal(gone.status, 410);
    assert.match(html, /no longer shared here/);
    assert.doesNotMatch(html, /Feedback that lands|VLE summary/, 'nothing of the outcome');
    assert.match(gone.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.match(await (await fetch(`${url.split('?')[0]}?lang=es`)).text(), /ya no se comparte aquí/);
    assert.equal((await member.delete(`/v1/vle/posts/${token}`)).body.revokedAt, stopped.body.revokedAt, 'stopping again changes nothing');

    const again = (await staff.post('/v1/vle/posts', { enquiryId: 'enq-vle' })).body.url;
    assert.notEqual(again.split('?')[0], url.split('?')[0], 'a new link, never the stopped one');
    assert.equal((await fetch(again)).status, 200);
    assert.equal((await fetch(url)).status, 410, 'the stopped link stays stopped');

    // A booklet's link: a CPD leader may stop it; whoever made it may, and another colleague may not.
    const cpdBooklet = (await staff.post('/v1/vle/posts', { cycleId: 'cycle-2025' })).body.url;
    assert.equal((await staff.delete(`/v1/vle/posts/${new URL(cpdBooklet).pathname.split('/').pop()}`)).status, 200, 'a CPD leader');
    const booklet = (await colleague.post('/v1/vle/posts', { cycleId: 'cycle-2025' })).body.url;
    const bookletToken = new URL(booklet).pathname.split('/').pop()!;
    assert.equal((await (await test.as('p-tim', TRUST)).delete(`/v1/vle/posts/${bookletToken}`)).status, 403);
    assert.equal((await colleague.delete(`/v1/vle/posts/${bookletToken}`)).status, 200, 'its maker');
    assert.equal((await fetch(booklet)).status, 410);
  });
});
