/**
 * Markdown to HTML for the docs site: the guides in docs/, the README, and the Markdown in the
 * element descriptions of the Custom Elements Manifest. Built on `marked`, with four changes:
 *
 * - raw HTML in the Markdown is shown as text, never passed through (a description that says
 *   `<plc-provider>` outside backticks must not become an element on the page);
 * - headings get GitHub's ids, so links such as `./README.md#the-script-tag` keep working;
 * - links to files of the repository become links to their page on the site (`./csp.md` to
 *   `csp.html`), and links to files the site does not carry are shown as their repository path;
 * - tables get `<th scope="col">` and a focusable scrolling wrapper for narrow screens, and code
 *   blocks are focusable, so a keyboard can scroll them.
 *
 * Browser-safe (no Node imports): the browser test renders pages with it too.
 */
import { Marked, type Tokens } from 'marked';

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** HTML back to its text: tags dropped, the entities that escapeHtml and marked write decoded. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(lt|gt|quot|#39|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name]!);
}

/** GitHub's heading ids: lower case, punctuation dropped, spaces to hyphens. */
export function slugOf(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Where a Markdown file is rendered and where the links in it point. */
export interface LinkContext {
  /** The source file's path in the repository, such as `docs/embedding/moodle.md`. */
  source: string;
  /** The page's path in the site, such as `embedding/moodle.html`. */
  page: string;
  /**
   * Repository paths the site carries, to their path in the site: rendered Markdown files
   * (`docs/embedding/csp.md` to `embedding/csp.html`) and copied files (screenshots, JSON).
   */
  sitePaths: ReadonlyMap<string, string>;
}

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/** Joins and normalises a relative path against a folder (`a/b` + `../c` = `a/c`). */
export function resolvePath(folder: string, relative: string): string {
  const parts = folder ? folder.split('/') : [];
  for (const part of relative.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

const folderOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');

/** The relative address of site page `to` from site page `from`. */
export function relativeUrl(from: string, to: string): string {
  const fromParts = folderOf(from).split('/').filter(Boolean);
  const toParts = to.split('/');
  let common = 0;
  while (common < fromParts.length && common < toParts.length - 1 && fromParts[common] === toParts[common]) common += 1;
  return [...fromParts.slice(common).map(() => '..'), ...toParts.slice(common)].join('/') || '.';
}

/**
 * Where a link in a Markdown file should point on the site: `{ href }` for a page or file the
 * site has (or an outside address, unchanged), `{ repositoryPath }` for a file it does not.
 */
export function siteLink(href: string, context: LinkContext): { href: string } | { repositoryPath: string } {
  if (!href || href.startsWith('#') || EXTERNAL.test(href)) return { href };
  const hashAt = href.indexOf('#');
  const path = hashAt >= 0 ? href.slice(0, hashAt) : href;
  const hash = hashAt >= 0 ? href.slice(hashAt) : '';
  const target = resolvePath(folderOf(context.source), path);
  const mapped = context.sitePaths.get(target) ?? (path.endsWith('/') || !/\.[a-z0-9]+$/i.test(path) ? context.sitePaths.get(`${target}/README.md`) : undefined);
  if (mapped === undefined) return { repositoryPath: target };
  return { href: `${relativeUrl(context.page, mapped)}${hash}` };
}

/** The rendered page and its first heading, which titles the page. */
export interface RenderedMarkdown {
  html: string;
  title: string;
}

/**
 * Renders a Markdown document. Without `context` (element descriptions), links are kept as
 * written; with it, they are mapped with `siteLink`. `headingOffset` moves every heading down
 * (a description's `#` heading under the page's own h1).
 */
export function renderMarkdown(markdown: string, context?: LinkContext, headingOffset = 0): RenderedMarkdown {
  const state = { title: '' };
  const html = createMarked(state, context, headingOffset).parse(markdown, { async: false });
  return { html, title: state.title };
}

/** Renders one paragraph's worth of Markdown (code, emphasis, links) with no `<p>` around it. */
export function renderInline(markdown: string): string {
  return createMarked({ title: '' }).parseInline(markdown, { async: false });
}

function createMarked(state: { title: string }, context?: LinkContext, headingOffset = 0): Marked {
  const used = new Map<string, number>();
  return new Marked({
    gfm: true,
    async: false,
    renderer: {
      html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text),
      // Focusable, so a keyboard can scroll a long line into view.
      code: ({ text, lang }: Tokens.Code) => {
        const language = lang?.match(/^\S+/)?.[0];
        return `<pre tabindex="0"><code${language ? ` class="language-${escapeHtml(language)}"` : ''}>${escapeHtml(text)}</code></pre>\n`;
      },
      heading({ tokens, depth }: Tokens.Heading) {
        const inner = this.parser.parseInline(tokens);
        const text = textOf(inner);
        if (!state.title) state.title = text;
        const base = slugOf(text) || 'section';
        const seen = used.get(base) ?? 0;
        used.set(base, seen + 1);
        const id = seen ? `${base}-${seen}` : base;
        const level = Math.min(6, depth + headingOffset);
        return `<h${level} id="${escapeHtml(id)}">${inner}</h${level}>\n`;
      },
      link({ href, title: linkTitle, tokens }: Tokens.Link) {
        const inner = this.parser.parseInline(tokens);
        const target = context ? siteLink(href, context) : { href };
        if ('repositoryPath' in target) {
          const path = `<code>${escapeHtml(target.repositoryPath)}</code>`;
          return textOf(inner) === target.repositoryPath ? `${path} (in the plc-kit repository)` : `${inner} (<code>${escapeHtml(target.repositoryPath)}</code> in the plc-kit repository)`;
        }
        const titleAttribute = linkTitle ? ` title="${escapeHtml(linkTitle)}"` : '';
        return `<a href="${escapeHtml(target.href)}"${titleAttribute}>${inner}</a>`;
      },
      image({ href, title: imageTitle, text }: Tokens.Image) {
        const target = context ? siteLink(href, context) : { href };
        if ('repositoryPath' in target) return `${escapeHtml(text)} (<code>${escapeHtml(target.repositoryPath)}</code> in the plc-kit repository)`;
        const titleAttribute = imageTitle ? ` title="${escapeHtml(imageTitle)}"` : '';
        return `<img src="${escapeHtml(target.href)}" alt="${escapeHtml(text)}"${titleAttribute} loading="lazy">`;
      },
      table(token: Tokens.Table) {
        const align = (cell: Tokens.TableCell) => (cell.align ? ` class="align-${cell.align}"` : '');
        const head = token.header.map((cell) => `<th scope="col"${align(cell)}>${this.parser.parseInline(cell.tokens)}</th>`).join('');
        const rows = token.rows.map((row) => `<tr>${row.map((cell) => `<td${align(cell)}>${this.parser.parseInline(cell.tokens)}</td>`).join('')}</tr>`).join('\n');
        const label = token.header.map((cell) => textOf(this.parser.parseInline(cell.tokens))).join(', ');
        return `<div class="table-wrap" role="region" tabindex="0" aria-label="${escapeHtml(`Table: ${label}`)}"><table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody></table></div>\n`;
      },
    },
  });
}
