/**
 * The VLE post's routes, as one Fastify plugin:
 *
 * | route | what |
 * | --- | --- |
 * | `POST /v1/vle/posts` | staff: the link of a published outcome (`enquiryId`) or a cycle's booklet (`cycleId`), with the snippet and the iframe code |
 * | `DELETE /v1/vle/posts/<token>` | whoever made the link, the outcome's members, CPD leaders, administrators: stop sharing through it |
 * | `GET /vle/<token>` | anyone with the link: the read-only page, framed only by the configured embed origins and the trust's VLEs (410 once stopped) |
 *
 * What may be posted and shown is decided in `../vle.ts` (and the policy's `outcome.post-vle`).
 * @module
 */
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import type { Lifecycle } from '../../lifecycle/lifecycle.js';
import { parseSafely } from '../../schema/zod.js';
import type { Authenticator } from '../auth.js';
import type { Db } from '../db.js';
import { HttpError } from '../errors.js';
import { listPlatforms } from '../lti/platforms.js';
import { platformOrigins } from '../lti/routes.js';
import { escapeHtml, htmlPage } from '../signin/pages.js';
import { pageLocale, pageText, type PageLocale } from '../signin/pageText.js';
import { createPost, revokePost, vlePage, VLE_STYLE_HASH } from '../vle.js';
import { authenticated, idOf, principalOf } from './context.js';
import { AUTHENTICATED_ERRORS, errors, route } from './route.js';

/** What the plugin needs from the server. */
export interface VleDeps {
  db: () => Db;
  authenticate: Authenticator;
  lifecycle: Lifecycle;
  /** This server's public address, as a VLE's users reach it (links must be absolute). */
  publicUrl: () => string;
  /** Origins besides the trust's VLEs that may frame the page (`PLC_EMBED_ANCESTORS`). */
  frameAncestors?: readonly string[] | undefined;
  /** The server's clock (when a link was stopped). */
  now: () => Date;
}

const Lang = z.enum(['en-GB', 'en-US', 'es']).check(z.describe('The language of the page and snippet; en-GB by default.'));
const PostBody = z.strictObject({ enquiryId: z.optional(idOf('The enquiry whose outcome to post.')), cycleId: z.optional(idOf('The cycle whose booklet to post.')), lang: z.optional(Lang) });

/** The page's policy: no script at all, its one inline style by hash, framed by the given origins. */
export function vlePagePolicy(ancestors: readonly string[]): string {
  return [
    "default-src 'none'",
    `style-src ${VLE_STYLE_HASH}`,
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${ancestors.length ? ancestors.join(' ') : "'none'"}`,
  ].join('; ');
}

/** The VLE routes (register with `app.register(vleRoutes, deps)`). */
export async function vleRoutes(app: FastifyInstance, deps: VleDeps): Promise<void> {
  const configured = deps.frameAncestors?.length ? deps.frameAncestors : ["'self'"];

  route(app, {
    method: 'POST',
    url: '/v1/vle/posts',
    operationId: 'createVlePost',
    summary: 'The VLE link of a published outcome or of a cycle\'s booklet, with its snippet and iframe code',
    description: [
      'Give `enquiryId` (an outcome published with the VLE among its audiences) or `cycleId` (the booklet of the cycle\'s outcomes published for the booklet and the VLE).',
      'The link is made once and the same each time; anyone with it reads the page (docs/privacy.md, outcome-vle-page).',
    ],
    body: { schema: PostBody },
    responses: {
      200: {
        description: 'The page\'s address, the HTML snippet for a VLE\'s editor and the iframe code.',
        body: z.object({ kind: z.enum(['outcome', 'booklet']), targetId: z.string(), title: z.string(), url: z.string(), snippet: z.string(), iframe: z.string(), lang: Lang }),
      },
      ...AUTHENTICATED_ERRORS,
      ...errors(400, 415, [404, 'No published outcome of that enquiry, or no such cycle.']),
    },
    onRequest: authenticated(deps.authenticate),
    handler: async (request, reply) => {
      const parsed = parseSafely(PostBody, request.body ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new HttpError(400, { error: 'invalid', field: issue?.path.join('.') || 'body', message: `The body takes enquiryId or cycleId (ids) and lang (en-GB, en-US or es): ${issue?.message ?? 'not an object'}.` });
      }
      const { enquiryId, cycleId, lang } = parsed.data;
      if ((enquiryId === undefined) === (cycleId === undefined)) {
        throw new HttpError(400, { error: 'invalid', field: enquiryId === undefined ? 'enquiryId' : 'cycleId', message: 'Give either enquiryId (an outcome) or cycleId (a booklet), not both and not neither.' });
      }
      const answer = await createPost(deps.db(), deps.lifecycle, principalOf(request), { enquiryId, cycleId }, deps.publicUrl(), lang ?? 'en-GB');
      return reply.header('cache-control', 'no-store').send(answer);
    },
  });

  route(app, {
    method: 'DELETE',
    url: '/v1/vle/posts/:token',
    operationId: 'revokeVlePost',
    summary: 'Stop sharing through a VLE link: its page answers 410 from then on',
    description: [
      'Whoever made the link, the outcome\'s members, CPD leaders and administrators may (docs/privacy.md, revoke-vle-link). Stopping a stopped link changes nothing.',
      'Posting the outcome (or booklet) again afterwards gives a new link, never the stopped one.',
    ],
    params: z.object({ token: z.string().check(z.maxLength(64), z.describe('The link\'s token (the last part of its address).')) }),
    responses: {
      200: { description: 'The link is stopped.', body: z.object({ token: z.string(), kind: z.enum(['outcome', 'booklet']), targetId: z.string(), revokedAt: z.string() }) },
      ...AUTHENTICATED_ERRORS,
      ...errors([404, 'No such link in this trust.']),
    },
    onRequest: authenticated(deps.authenticate),
    handler: async (request, reply) => {
      const post = await revokePost(deps.db(), deps.lifecycle, principalOf(request), request.params.token, deps.now());
      return reply.header('cache-control', 'no-store').send({ token: post.token, kind: post.kind, targetId: post.targetId, revokedAt: post.revokedAt! });
    },
  });

  route(app, {
    method: 'GET',
    url: '/vle/:token',
    operationId: 'vlePage',
    summary: 'The read-only page of a posted outcome or booklet, for a VLE\'s iframe or link',
    description: 'No sign-in: the link\'s token is the credential. No script; framed only by the configured embed origins and the trust\'s VLEs. Unknown tokens and outcomes not published for the VLE answer the same 404.',
    public: true,
    params: z.object({ token: z.string().check(z.maxLength(64), z.describe('The link\'s token.')) }),
    querystring: z.object({ lang: z.optional(Lang) }),
    responses: {
      200: { description: 'The page.', body: z.string(), contentType: 'text/html' },
      ...errors([400, 'A language that is not one of en-GB, en-US, es.'], [404, 'Nothing at this link (a page says so).'], [410, 'Sharing through this link was stopped (a page says so).']),
    },
    handler: async (request, reply) => {
      const locale: PageLocale = request.query.lang ?? pageLocale(request.headers['accept-language']);
      const answer = await vlePage(deps.db(), deps.lifecycle, request.params.token, locale);
      const found = answer && 'html' in answer ? answer : undefined;
      const platforms = found ? await listPlatforms(deps.db(), found.trustId) : [];
      const ancestors = [...new Set([...configured, ...platforms.flatMap(platformOrigins)])];
      const says = answer && 'revokedAt' in answer ? 'vle.revoked' : 'vle.not-found';
      const html = found?.html ?? htmlPage({ locale, title: 'plc-kit', assets: './', body: `<main><p>${escapeHtml(pageText(locale, says))}</p></main>` });
      return reply
        .code(found ? 200 : answer ? 410 : 404)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('content-security-policy', vlePagePolicy(ancestors))
        .header('referrer-policy', 'no-referrer')
        .header('x-content-type-options', 'nosniff')
        .send(html);
    },
  });
}
