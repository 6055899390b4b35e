/**
 * HTML pages of the sign-in routes: a refusal page for the person (what happened, what to do, a
 * reference the administrator finds in the log), and the frame every page shares. No inline
 * script or style; data for a page's script goes in a JSON block.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { pageText, type PageLocale, type PageTextId } from './pageText.js';

/** Escapes text for HTML content and attribute values. */
export const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON safe inside `<script type="application/json">` (no `</script>`, no `<!--`). */
export const jsonForScript = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');

/** What a page is made of. */
export interface PageParts {
  locale: PageLocale;
  title: string;
  /** HTML of the page's main content (already escaped). */
  body: string;
  /** Where `/lti/assets/` is from this page, such as `./assets/` or `../lti/assets/`. */
  assets: string;
  /** Scripts from the assets folder, by file name. */
  scripts?: readonly string[] | undefined;
  /** JSON data blocks: element id to value. */
  data?: Readonly<Record<string, unknown>> | undefined;
  /** Extra stylesheets (relative URLs), such as the embed page's. */
  styles?: readonly string[] | undefined;
}

/** A whole HTML page. */
export function htmlPage(parts: PageParts): string {
  const data = Object.entries(parts.data ?? {}).map(([id, value]) => `<script type="application/json" id="${escapeHtml(id)}">${jsonForScript(value)}</script>`);
  const styles = [`${parts.assets}page.css`, ...(parts.styles ?? [])].map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`);
  const scripts = (parts.scripts ?? []).map((name) => `<script type="module" src="${escapeHtml(parts.assets + name)}"></script>`);
  return `<!doctype html>
<html lang="${parts.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(parts.title)}</title>
${styles.join('\n')}
${data.join('\n')}
${scripts.join('\n')}
</head>
<body>
${parts.body}
</body>
</html>`;
}

/** Options of the page's Content-Security-Policy. */
export interface PagePolicy {
  /** Who may frame the page (`'none'`, or the VLE's origins). */
  frameAncestors: readonly string[];
  /** Where the page's forms may post (a VLE's deep-linking return URL); `'self'` always. */
  formAction?: readonly string[] | undefined;
}

/** The Content-Security-Policy of a sign-in page. */
export function pagePolicy(policy: PagePolicy): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    `form-action 'self'${(policy.formAction ?? []).map((o) => ` ${o}`).join('')}`,
    `frame-ancestors ${policy.frameAncestors.length ? policy.frameAncestors.join(' ') : "'none'"}`,
  ].join('; ');
}

/** Sends a page with its status and headers: never cached, never sniffed, never a referrer. */
export function sendPage(reply: FastifyReply, status: number, html: string, policy: PagePolicy): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', pagePolicy(policy))
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .send(html);
}

/** A short reference that ties a refusal page to its log line. */
export const newReference = (): string => randomBytes(6).toString('hex');

/** A refusal's code and what the person should do next. */
export interface RefusalView {
  code: string;
  next: 'launch-again' | 'ask-admin' | 'new-window';
  reference: string;
  /** Who the VLE or provider said the person is (name or email), when it said. */
  who?: string | undefined;
}

/** The page a person sees when sign-in is refused: what happened and what to do. */
export function refusalPage(locale: PageLocale, view: RefusalView, assets: string): string {
  const t = (id: PageTextId) => escapeHtml(pageText(locale, id));
  const reason = `refused.${view.code}` as PageTextId;
  const explanation = pageText(locale, reason) ?? pageText(locale, 'refused.invalid-message');
  return htmlPage({
    locale,
    title: pageText(locale, 'title.refused'),
    assets,
    body: `<main class="refusal">
<h1>${t('title.refused')}</h1>
<p>${escapeHtml(explanation)}</p>
${view.who ? `<p>${t('you-are')}: <strong>${escapeHtml(view.who)}</strong></p>` : ''}
<p>${t(`next.${view.next}`)}</p>
<p class="reference">${t('reference')}: ${escapeHtml(view.code)} · ${escapeHtml(view.reference)}</p>
</main>`,
  });
}
