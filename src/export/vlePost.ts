/**
 * The VLE post: what a school pastes into, or places in, its VLE once an outcome is published
 * ("outcomes shared through the VLE", as the case study's school did in year 2). Three forms of
 * the same published words:
 *
 * - {@link outcomeSnippet} and {@link bookletSnippet}: HTML fragments for a VLE's editor, written
 *   in the subset that both Moodle's HTML Purifier (`purify_html` in `lib/weblib.php`) and
 *   Canvas's sanitizer (the `canvas_sanitize` gem) keep as they are: block and list elements,
 *   `strong`, `em`, links with absolute http(s) addresses, `class`, `lang`, and inline styles of
 *   properties both allow (no `script`, no `style` element, no `id`, no `aria-*`, no `target`).
 *   `tests/unit/export/vlePost.test.ts` runs them through both allow-lists.
 * - {@link iframeCode}: the iframe a VLE page shows the read-only page in.
 * - the read-only page itself: the booklet's standalone HTML (`bookletToHtml`) of one outcome or
 *   of a cycle, served by the server at the link.
 *
 * Pure: no DOM, no I/O, no clock. Every typed text is escaped.
 * @module
 */
import { escapeHtml, safeUrl, type Booklet, type BookletLabels, type BookletOutcome } from './booklet.js';

/** The words a snippet prints besides the booklet's labels, in the reader's language. */
export interface VleLabels extends Pick<BookletLabels, 'drivingQuestion' | 'authors' | 'findings' | 'recommendations'> {
  /** The link to the read-only page of one outcome, e.g. "Read the whole outcome". */
  readOutcome: string;
  /** The link to the read-only page of the booklet, e.g. "Read the booklet". */
  readBooklet: string;
}

/** English labels, for callers that pass none. */
export const VLE_LABELS: Readonly<VleLabels> = Object.freeze({
  drivingQuestion: 'Driving question',
  authors: 'By',
  findings: 'What we found',
  recommendations: 'What we recommend',
  readOutcome: 'Read the whole outcome',
  readBooklet: 'Read the booklet',
});

/**
 * The inline styles a snippet uses. Each property is in Canvas's `style_properties` or
 * `style_expressions` and in HTML Purifier's CSS definition, and each value is one both accept
 * (no `url()`, no colons): the snippet looks the same wherever it is pasted.
 */
export const SNIPPET_STYLES = Object.freeze({
  box: 'border-left: 4px solid #1f5fbf; padding-left: 16px; margin: 16px 0;',
  muted: 'color: #4f5967;',
});

/** Escapes text and keeps its line breaks as paragraphs (blank lines) and `<br>` (single lines). */
function paragraphsHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.split('\n').map((line) => line.trim()).filter(Boolean))
    .filter((lines) => lines.length)
    .map((lines) => `<p>${lines.map(escapeHtml).join('<br>')}</p>`)
    .join('\n');
}

/** An absolute http(s) address, or an error naming `field`: a relative link breaks once pasted into a VLE. */
function absoluteUrl(url: string, field: string): string {
  const safe = safeUrl(url);
  if (!safe) throw new TypeError(`${field} must be an absolute http(s) address, such as https://plc.school.example/vle/…; got "${url.slice(0, 80)}".`);
  return safe;
}

const list = (title: string, items: readonly string[]): string => {
  const kept = items.map((item) => item.trim()).filter(Boolean);
  return kept.length ? `<h4>${escapeHtml(title)}</h4>\n<ul>\n${kept.map((item) => `<li>${escapeHtml(item)}</li>`).join('\n')}\n</ul>` : '';
};

/** What {@link outcomeSnippet} needs. */
export interface OutcomeSnippetInput {
  outcome: Pick<BookletOutcome, 'title' | 'question' | 'authors' | 'summary' | 'findings' | 'recommendations'>;
  /** The absolute address of the outcome's read-only page. */
  pageUrl: string;
  /** The language of the words (BCP 47), written as the fragment's `lang`. */
  lang: string;
  labels?: Partial<VleLabels> | undefined;
}

/**
 * One published outcome as an HTML fragment for a VLE's editor: title, driving question,
 * authors, summary, findings, recommendations and a link to the whole outcome.
 * @throws TypeError when `pageUrl` is not an absolute http(s) address.
 * @example
 * ```ts
 * const html = outcomeSnippet({ outcome, pageUrl: 'https://plc.school.example/vle/4f…', lang: 'en-GB' });
 * navigator.clipboard.writeText(html);
 * ```
 */
export function outcomeSnippet(input: OutcomeSnippetInput): string {
  const labels = { ...VLE_LABELS, ...input.labels };
  const url = absoluteUrl(input.pageUrl, 'pageUrl');
  const e = escapeHtml;
  const { outcome } = input;
  return [
    `<div class="plc-kit-outcome" lang="${e(input.lang)}" style="${SNIPPET_STYLES.box}">`,
    `<h3>${e(outcome.title)}</h3>`,
    outcome.question.trim() ? `<p><strong>${e(labels.drivingQuestion)}:</strong> ${e(outcome.question.trim())}</p>` : '',
    outcome.authors.length ? `<p style="${SNIPPET_STYLES.muted}">${e(labels.authors)}: ${outcome.authors.map(e).join(', ')}</p>` : '',
    paragraphsHtml(outcome.summary),
    list(labels.findings, outcome.findings),
    list(labels.recommendations, outcome.recommendations),
    `<p><a href="${e(url)}">${e(labels.readOutcome)}</a></p>`,
    `</div>`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** What {@link bookletSnippet} needs. */
export interface BookletSnippetInput {
  booklet: Pick<Booklet, 'title' | 'schoolName' | 'cycleName' | 'lang' | 'sections'>;
  /** The absolute address of the booklet's read-only page (each outcome is an anchor on it). */
  pageUrl: string;
  labels?: Partial<VleLabels> | undefined;
}

/**
 * A cycle's booklet as an HTML fragment for a VLE's editor: the title, then each theme with its
 * outcomes' titles, authors and the first paragraph of each summary, and a link to the booklet.
 * @throws TypeError when `pageUrl` is not an absolute http(s) address.
 */
export function bookletSnippet(input: BookletSnippetInput): string {
  const labels = { ...VLE_LABELS, ...input.labels };
  const url = absoluteUrl(input.pageUrl, 'pageUrl');
  const e = escapeHtml;
  const { booklet } = input;
  const outcome = (item: BookletOutcome) => {
    const first = paragraphsHtml(item.summary).split('\n')[0] ?? '';
    const authors = item.authors.length ? ` <span style="${SNIPPET_STYLES.muted}">(${item.authors.map(e).join(', ')})</span>` : '';
    return `<li><strong>${e(item.title)}</strong>${authors}${first ? `\n${first}` : ''}</li>`;
  };
  return [
    `<div class="plc-kit-booklet" lang="${e(booklet.lang)}" style="${SNIPPET_STYLES.box}">`,
    `<h3>${e(booklet.title)}</h3>`,
    `<p style="${SNIPPET_STYLES.muted}">${e(booklet.schoolName)} · ${e(booklet.cycleName)}</p>`,
    ...booklet.sections.map((section) => `<h4>${e(section.title)}</h4>\n<ul>\n${section.outcomes.map(outcome).join('\n')}\n</ul>`),
    `<p><a href="${e(url)}">${e(labels.readBooklet)}</a></p>`,
    `</div>`,
  ].join('\n');
}

/**
 * The iframe code for a VLE page: the read-only page at `pageUrl`, full width, titled for
 * screen readers. Canvas keeps iframes; Moodle keeps them for teachers with "trusted content".
 * @throws TypeError when `pageUrl` is not an absolute http(s) address.
 */
export function iframeCode(pageUrl: string, title: string, height = 640): string {
  const url = absoluteUrl(pageUrl, 'pageUrl');
  return `<iframe src="${escapeHtml(url)}" title="${escapeHtml(title)}" width="100%" height="${Math.max(200, Math.round(height))}" style="border: 0;" loading="lazy"></iframe>`;
}
