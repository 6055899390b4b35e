/**
 * The booklet: a cycle's published outcomes, grouped by theme, as the case study's school printed
 * and shared them ("a booklet that was published to share learning and good practice"), and the
 * sharing sessions where they were presented to all staff ("Shared with all staff"). Built
 * once as plain data ({@link buildBooklet}), then written as Markdown ({@link bookletToMarkdown})
 * or as one standalone HTML file with its own styles, print rules included ({@link bookletToHtml}).
 *
 * Every text a person typed (titles, questions, summaries, names) is escaped for the format it is
 * written in: HTML special characters become entities, and Markdown syntax is backslash-escaped
 * (angle brackets included, so no raw HTML gets through a Markdown renderer). The headings and
 * labels come in `labels`, already translated by the caller: the core never localises.
 *
 * Pure: no DOM, no I/O, no clock.
 * @module
 */

/** A reflection published with an outcome: what worked, what did not, what next. */
export interface BookletReflection {
  whatWorked: string;
  whatDidNot: string;
  nextSteps: string;
}

/** A piece of evidence listed under an outcome; a link is kept only when it is http(s). */
export interface BookletEvidence {
  /** The kind's name in the reader's language, e.g. "Student voice survey". */
  kind: string;
  title: string;
  /** A link to the artefact (only http and https links are written). */
  url?: string | undefined;
  /** What it found, in the reader's language ("60% agree, up from 35%"; see `evidenceFindings`). */
  finding?: string | undefined;
}

/** One published outcome, ready to print. */
export interface BookletOutcome {
  /** The enquiry it comes from; makes the outcome's anchor (`outcome-<id>`). */
  enquiryId: string;
  /** The enquiry's title. */
  title: string;
  /** The driving question. */
  question: string;
  /** The authors' names, in the order to print them. */
  authors: string[];
  /** The summary for colleagues (paragraphs separated by a blank line). */
  summary: string;
  findings: string[];
  recommendations: string[];
  /** The reflection, when there is one to print. */
  reflection?: BookletReflection | undefined;
  /** The evidence the enquiry gathered, when it is to be listed. */
  evidence?: BookletEvidence[] | undefined;
  /** When it was published (ISO instant), for ordering and reference; not printed. */
  publishedAt?: string | undefined;
}

/** The outcomes of one theme. */
export interface BookletSection {
  /** The section's anchor: `theme-<theme id>`, or `theme-other` for outcomes without a theme. */
  id: string;
  /** The theme, or undefined for the section of outcomes without one. */
  themeId: string | undefined;
  /** The theme's name (or the "other" label). */
  title: string;
  outcomes: BookletOutcome[];
}

/** One item of a sharing session's programme, as the booklet prints it. */
export interface BookletSessionSlot {
  /** `HH:MM`. */
  start: string;
  end: string;
  room: string;
  title: string;
  presenters: string[];
  /** The enquiry whose outcome is presented: linked when the outcome is in the booklet. */
  enquiryId: string;
}

/** A sharing session where the booklet's outcomes were presented to all staff. */
export interface BookletSession {
  /** Makes the session's anchor (`session-<id>`). */
  id: string;
  title: string;
  /** When it was held, already written in the reader's language ("14 Oct 2026, 15:30 to 16:00"). */
  when: string;
  /** The running order, room by room. */
  slots: BookletSessionSlot[];
}

/** The headings and labels a booklet prints, in the reader's language. */
export interface BookletLabels {
  contents: string;
  drivingQuestion: string;
  authors: string;
  summary: string;
  findings: string;
  recommendations: string;
  reflection: string;
  whatWorked: string;
  whatDidNot: string;
  nextSteps: string;
  evidence: string;
  /** The title of the section for outcomes with no theme (or a theme not in the list). */
  otherTheme: string;
  /** The title of the section listing the sharing sessions where the outcomes were presented. */
  sessions: string;
}

/** The labels in British English, the source language. */
export const BOOKLET_LABELS: Readonly<BookletLabels> = Object.freeze({
  contents: 'Contents',
  drivingQuestion: 'Driving question',
  authors: 'By',
  summary: 'Summary',
  findings: 'What we found',
  recommendations: 'What we recommend',
  reflection: 'Reflection',
  whatWorked: 'What worked',
  whatDidNot: 'What did not work',
  nextSteps: 'Next steps',
  evidence: 'Evidence',
  otherTheme: 'Other enquiries',
  sessions: 'Shared with all staff',
});

/** A booklet: title page, contents and the outcomes grouped by theme. */
export interface Booklet {
  /** The language it is written in (BCP 47), for `<html lang>`. */
  lang: string;
  /** The booklet's title, e.g. "Sharing what we learned". */
  title: string;
  schoolName: string;
  /** The cycle's name, e.g. "2025-26". */
  cycleName: string;
  /** A line under the title (e.g. "12 outcomes from 5 themes"); empty for none. */
  subtitle: string;
  labels: BookletLabels;
  /** Whether reflections print "what did not work" (a school may leave it out of the printed booklet). */
  showWhatDidNot: boolean;
  /** Sections in theme order; a theme without outcomes has none. */
  sections: BookletSection[];
  /** The sharing sessions where these outcomes were presented, in the order given. */
  sessions: BookletSession[];
}

/** What {@link buildBooklet} needs. */
export interface BookletInput {
  title: string;
  schoolName: string;
  cycleName: string;
  subtitle?: string;
  /** The language; `en-GB` by default. */
  lang?: string;
  /** Labels to override; the rest are {@link BOOKLET_LABELS}. */
  labels?: Partial<BookletLabels>;
  /** The themes, in the order their sections appear (usually the cycle's order). */
  themes: ReadonlyArray<{ id: string; name: string }>;
  /** The outcomes to print, each with its theme. */
  outcomes: ReadonlyArray<BookletOutcome & { themeId?: string | undefined }>;
  /** Print "what did not work" in reflections; true by default. */
  showWhatDidNot?: boolean;
  /** The sharing sessions where these outcomes were presented (none by default). */
  sessions?: readonly BookletSession[];
}

/** A collator for titles in `lang`, or in the runtime's default language when `lang` is not a valid tag. */
function collatorFor(lang: string): Intl.Collator {
  try {
    return new Intl.Collator(lang, { sensitivity: 'base', numeric: true });
  } catch {
    return new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  }
}

/** An anchor-safe form of an id: letters, digits, `-` and `_` only. */
export function anchorId(prefix: string, id: string): string {
  return `${prefix}-${id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/**
 * Groups outcomes into sections by theme, in the order of `themes` (outcomes whose theme is not
 * listed, or who have none, come last under the "other" label), each section's outcomes ordered
 * by title in the booklet's language, then by enquiry id.
 * @example
 * ```ts
 * const booklet = buildBooklet({
 *   title: 'Sharing what we learned', schoolName: 'Oakfield Academy', cycleName: '2025-26',
 *   themes: [{ id: 'th-afl', name: 'Assessment for learning' }],
 *   outcomes: [{ enquiryId: 'enq-1', themeId: 'th-afl', title: 'Engaging with feedback', question: '…', authors: ['Amir Khan'],
 *                summary: '…', findings: ['…'], recommendations: ['…'] }],
 * });
 * booklet.sections[0].id; // 'theme-th-afl'
 * ```
 */
export function buildBooklet(input: BookletInput): Booklet {
  const lang = input.lang ?? 'en-GB';
  const labels: BookletLabels = { ...BOOKLET_LABELS, ...input.labels };
  const byTheme = new Map<string | undefined, BookletOutcome[]>();
  const known = new Set(input.themes.map((theme) => theme.id));
  for (const { themeId, ...outcome } of input.outcomes) {
    const key = themeId !== undefined && known.has(themeId) ? themeId : undefined;
    const list = byTheme.get(key);
    if (list) list.push(outcome);
    else byTheme.set(key, [outcome]);
  }
  const collator = collatorFor(lang);
  const order = (list: BookletOutcome[]) =>
    list.sort((a, b) => collator.compare(a.title, b.title) || (a.enquiryId < b.enquiryId ? -1 : a.enquiryId > b.enquiryId ? 1 : 0));
  const sections: BookletSection[] = [];
  const seen = new Set<string>();
  for (const theme of input.themes) {
    if (seen.has(theme.id)) continue;
    seen.add(theme.id);
    const list = byTheme.get(theme.id);
    if (list?.length) sections.push({ id: anchorId('theme', theme.id), themeId: theme.id, title: theme.name, outcomes: order(list) });
  }
  const other = byTheme.get(undefined);
  if (other?.length) sections.push({ id: 'theme-other', themeId: undefined, title: labels.otherTheme, outcomes: order(other) });
  return {
    lang,
    title: input.title,
    schoolName: input.schoolName,
    cycleName: input.cycleName,
    subtitle: input.subtitle ?? '',
    labels,
    showWhatDidNot: input.showWhatDidNot ?? true,
    sections,
    sessions: [...(input.sessions ?? [])],
  };
}

/** A reflection as printed: without "what did not work" when the booklet leaves it out. */
export function printedReflection(reflection: BookletReflection | undefined, showWhatDidNot: boolean): BookletReflection | undefined {
  return reflection && !showWhatDidNot ? { ...reflection, whatDidNot: '' } : reflection;
}

/** How many outcomes a booklet holds. */
export function countOutcomes(booklet: Pick<Booklet, 'sections'>): number {
  return booklet.sections.reduce((sum, section) => sum + section.outcomes.length, 0);
}

// ---------------------------------------------------------------------------------------------
// Escaping

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML content and attribute values: `& < > " '` become entities.
 * @example
 * ```ts
 * escapeHtml('<script>alert("hi")</script>'); // '&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

/**
 * Escapes one line of text for Markdown: every ASCII punctuation character CommonMark lets a
 * backslash escape is escaped (so no `![x](...)`, link, emphasis, heading, list or rule can form,
 * whatever a renderer supports), angle brackets become `&lt;` and `&gt;` (a renderer that allows
 * raw HTML never sees a tag, and the text holds no `<` at all) and `&` becomes `&amp;`.
 * @example
 * ```ts
 * escapeMarkdownLine('<script>x</script>');          // '&lt;script&gt;x&lt;\\/script&gt;'
 * escapeMarkdownLine('1. first');                    // '1\\. first'
 * escapeMarkdownLine('![x](https://t.example/p.gif)'); // '\\!\\[x\\]\\(https\\:\\/\\/t\\.example\\/p\\.gif\\)'
 * ```
 */
export function escapeMarkdownLine(text: string): string {
  return text.trim().replace(/[!-/:-@[-`{-~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

/**
 * The link as written into an export when it is http(s), else undefined: `javascript:`, `data:`
 * and anything unparsable never become links.
 * @example
 * ```ts
 * safeUrl('https://vle.example.org/plc'); // 'https://vle.example.org/plc'
 * safeUrl('javascript:alert(1)');         // undefined
 * ```
 */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** The paragraphs of a text typed over several lines (blank lines separate paragraphs). */
function paragraphs(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.split('\n').map((line) => line.trim()).filter(Boolean))
    .filter((lines) => lines.length > 0);
}

// ---------------------------------------------------------------------------------------------
// Markdown

/**
 * The booklet as Markdown (CommonMark): a title, the school and cycle, a contents list linking to
 * each theme and outcome, then each theme's outcomes with their driving question, authors,
 * summary, findings, recommendations and reflection. Anchors are `<a id>` tags so links work
 * in renderers that do not generate heading ids; every typed text is escaped.
 * @example
 * ```ts
 * const text = bookletToMarkdown(booklet);
 * download(new Blob([text], { type: 'text/markdown' }), 'booklet-2025-26.md');
 * ```
 */
export function bookletToMarkdown(booklet: Booklet): string {
  const md = escapeMarkdownLine;
  const { labels } = booklet;
  const out: string[] = [];
  const block = (...lines: string[]) => out.push(lines.join('\n'));
  const text = (value: string) => paragraphs(value).map((lines) => lines.map(md).join('\n'));

  block(`# ${md(booklet.title)}`);
  block(`**${md(booklet.schoolName)}** · ${md(booklet.cycleName)}`);
  if (booklet.subtitle.trim()) block(md(booklet.subtitle));

  if (booklet.sections.length > 0) {
    block(`## ${md(labels.contents)}`);
    block(
      ...booklet.sections.flatMap((section, i) => [
        `${i + 1}. [${md(section.title)}](#${section.id})`,
        ...section.outcomes.map((outcome) => `    - [${md(outcome.title)}](#${anchorId('outcome', outcome.enquiryId)})`),
      ]),
      ...(booklet.sessions.length ? [`${booklet.sections.length + 1}. [${md(labels.sessions)}](#sharing-sessions)`] : []),
    );
  }

  for (const section of booklet.sections) {
    block(`<a id="${section.id}"></a>`, '', `## ${md(section.title)}`);
    for (const outcome of section.outcomes) {
      block(`<a id="${anchorId('outcome', outcome.enquiryId)}"></a>`, '', `### ${md(outcome.title)}`);
      if (outcome.question.trim()) block(`**${md(labels.drivingQuestion)}:** ${md(outcome.question.replace(/\s+/g, ' '))}`);
      if (outcome.authors.length) block(`**${md(labels.authors)}:** ${outcome.authors.map(md).join(', ')}`);
      const summary = text(outcome.summary);
      if (summary.length) out.push(`#### ${md(labels.summary)}`, ...summary);
      const list = (title: string, items: string[]) => {
        const kept = items.map((item) => item.replace(/\s+/g, ' ').trim()).filter(Boolean);
        if (kept.length) out.push(`#### ${md(title)}`, kept.map((item) => `- ${md(item)}`).join('\n'));
      };
      list(labels.findings, outcome.findings);
      list(labels.recommendations, outcome.recommendations);
      const reflection = printedReflection(outcome.reflection, booklet.showWhatDidNot);
      if (reflection && (reflection.whatWorked.trim() || reflection.whatDidNot.trim() || reflection.nextSteps.trim())) {
        out.push(`#### ${md(labels.reflection)}`);
        for (const [label, value] of [
          [labels.whatWorked, reflection.whatWorked],
          [labels.whatDidNot, reflection.whatDidNot],
          [labels.nextSteps, reflection.nextSteps],
        ] as const) {
          const parts = text(value);
          if (parts.length) out.push(`**${md(label)}:** ${parts[0]}`, ...parts.slice(1));
        }
      }
      const evidence = (outcome.evidence ?? []).filter((item) => item.title.trim());
      if (evidence.length) {
        out.push(
          `#### ${md(labels.evidence)}`,
          evidence
            .map((item) => {
              const url = safeUrl(item.url);
              const title = url ? `[${md(item.title)}](${url.replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'))})` : md(item.title);
              return `- ${md(item.kind)}: ${title}${item.finding?.trim() ? ` (${md(item.finding.trim())})` : ''}`;
            })
            .join('\n'),
        );
      }
    }
  }
  if (booklet.sessions.length) {
    const inBooklet = outcomeIds(booklet);
    block('<a id="sharing-sessions"></a>', '', `## ${md(labels.sessions)}`);
    for (const session of booklet.sessions) {
      block(`<a id="${anchorId('session', session.id)}"></a>`, '', `### ${md(session.title)}`);
      block(md(session.when));
      block(
        ...session.slots.map((slot) => {
          const title = inBooklet.has(slot.enquiryId) ? `[${md(slot.title)}](#${anchorId('outcome', slot.enquiryId)})` : md(slot.title);
          return `- ${slot.start}–${slot.end} · ${md(slot.room)} · ${title} · ${slot.presenters.map(md).join(', ')}`;
        }),
      );
    }
  }
  return `${out.join('\n\n')}\n`;
}

/** The enquiries whose outcomes a booklet holds. */
function outcomeIds(booklet: Pick<Booklet, 'sections'>): Set<string> {
  return new Set(booklet.sections.flatMap((section) => section.outcomes.map((outcome) => outcome.enquiryId)));
}

/** The sessions section of the HTML booklet (empty when there are none). */
function sessionsHtml(booklet: Booklet): string {
  if (!booklet.sessions.length) return '';
  const e = escapeHtml;
  const inBooklet = outcomeIds(booklet);
  const slot = (item: BookletSessionSlot) => {
    const title = inBooklet.has(item.enquiryId) ? `<a href="#${anchorId('outcome', item.enquiryId)}">${e(item.title)}</a>` : e(item.title);
    return `<li><span class="time">${e(item.start)}–${e(item.end)}</span> · ${e(item.room)} · ${title} · ${item.presenters.map(e).join(', ')}</li>`;
  };
  const sessions = booklet.sessions.map(
    (session) =>
      `<article class="session" id="${anchorId('session', session.id)}">\n<h3>${e(session.title)}</h3>\n<p class="when">${e(session.when)}</p>\n<ul>\n${session.slots.map(slot).join('\n')}\n</ul>\n</article>`,
  );
  return `<section class="theme sessions" id="sharing-sessions" aria-labelledby="sharing-sessions-title">\n<h2 id="sharing-sessions-title">${e(booklet.labels.sessions)}</h2>\n${sessions.join('\n')}\n</section>`;
}

// ---------------------------------------------------------------------------------------------
// HTML

/** The standalone file's styles: readable on screen, and on paper with a page per theme (marked as CSS so the bundles minify it). */
export const BOOKLET_CSS = /* css */ `
:root { color-scheme: light; }
body { margin: 0 auto; max-width: 46rem; padding: 2rem 1.25rem 4rem; font: 1.0625rem/1.6 Georgia, 'Times New Roman', serif; color: #1b1f24; background: #fff; }
h1, h2, h3, h4 { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; line-height: 1.25; }
h1 { font-size: 2.25rem; margin: 0 0 .5rem; }
h2 { font-size: 1.6rem; margin: 2.5rem 0 1rem; padding-bottom: .25rem; border-bottom: 2px solid #1f5fbf; }
h3 { font-size: 1.25rem; margin: 2rem 0 .5rem; }
h4 { font-size: 1rem; margin: 1.25rem 0 .25rem; }
a { color: #1f5fbf; }
.title-page { padding: 3rem 0 2rem; border-bottom: 1px solid #c9cfd8; }
.school { font-size: 1.25rem; margin: 0; }
.cycle, .subtitle { color: #4f5967; margin: .25rem 0 0; }
.contents ol { padding-left: 1.5rem; }
.contents ul { padding-left: 1.25rem; margin: .25rem 0 .5rem; }
.outcome { margin: 0 0 2rem; }
.question { margin: .5rem 0; padding: .5rem 1rem; border-left: 4px solid #1f5fbf; background: #f6f7f9; }
.label { font-weight: 700; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
.authors { color: #4f5967; margin: .25rem 0 1rem; }
.when, .time { color: #4f5967; }
p, li { overflow-wrap: anywhere; }
@media print {
  @page { margin: 18mm 16mm; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  .title-page { break-after: page; border: none; padding-top: 30vh; }
  .contents { break-after: page; }
  .theme { break-before: page; }
  .theme > h2 { break-after: avoid; }
  .outcome { break-inside: avoid; }
  h3, h4 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .9em; }
}
`.trim();

/**
 * The booklet as one standalone HTML document: styles inline (print rules too: a page break
 * before each theme, no break inside an outcome), a linked contents, every typed text escaped.
 * Open it in any browser, print it, or put it on the school's VLE.
 * @example
 * ```ts
 * const page = bookletToHtml(booklet);
 * download(new Blob([page], { type: 'text/html' }), 'booklet-2025-26.html');
 * ```
 */
export function bookletToHtml(booklet: Booklet): string {
  const e = escapeHtml;
  const { labels } = booklet;
  const text = (value: string) =>
    paragraphs(value)
      .map((lines) => `<p>${lines.map(e).join('<br>\n')}</p>`)
      .join('\n');
  const list = (title: string, items: string[]) => {
    const kept = items.map((item) => item.trim()).filter(Boolean);
    return kept.length ? `<h4>${e(title)}</h4>\n<ul>\n${kept.map((item) => `<li>${e(item)}</li>`).join('\n')}\n</ul>` : '';
  };
  const reflection = (value: BookletReflection | undefined) => {
    if (!value) return '';
    const parts = [
      [labels.whatWorked, value.whatWorked],
      [labels.whatDidNot, value.whatDidNot],
      [labels.nextSteps, value.nextSteps],
    ]
      .filter(([, body]) => body!.trim())
      .map(([label, body]) =>
        paragraphs(body!)
          .map((lines, i) => `<p>${i === 0 ? `<span class="label">${e(label!)}:</span> ` : ''}${lines.map(e).join('<br>\n')}</p>`)
          .join('\n'),
      );
    return parts.length ? `<h4>${e(labels.reflection)}</h4>\n${parts.join('\n')}` : '';
  };
  const evidence = (items: BookletEvidence[] | undefined) => {
    const kept = (items ?? []).filter((item) => item.title.trim());
    if (!kept.length) return '';
    const entry = (item: BookletEvidence) => {
      const url = safeUrl(item.url);
      const finding = item.finding?.trim() ? ` <span class="finding">(${e(item.finding.trim())})</span>` : '';
      return `<li>${e(item.kind)}: ${url ? `<a href="${e(url)}">${e(item.title)}</a>` : e(item.title)}${finding}</li>`;
    };
    return `<h4>${e(labels.evidence)}</h4>\n<ul class="evidence">\n${kept.map(entry).join('\n')}\n</ul>`;
  };
  const outcome = (item: BookletOutcome) =>
    [
      `<article class="outcome" id="${anchorId('outcome', item.enquiryId)}">`,
      `<h3>${e(item.title)}</h3>`,
      item.question.trim() ? `<p class="question"><span class="label">${e(labels.drivingQuestion)}:</span> ${e(item.question)}</p>` : '',
      item.authors.length ? `<p class="authors"><span class="label">${e(labels.authors)}:</span> ${item.authors.map(e).join(', ')}</p>` : '',
      item.summary.trim() ? `<h4>${e(labels.summary)}</h4>\n${text(item.summary)}` : '',
      list(labels.findings, item.findings),
      list(labels.recommendations, item.recommendations),
      reflection(printedReflection(item.reflection, booklet.showWhatDidNot)),
      evidence(item.evidence),
      `</article>`,
    ]
      .filter(Boolean)
      .join('\n');
  const contents = booklet.sections.length
    ? [
        `<nav class="contents" aria-labelledby="contents-title">`,
        `<h2 id="contents-title">${e(labels.contents)}</h2>`,
        `<ol>`,
        ...booklet.sections.map(
          (section) =>
            `<li><a href="#${section.id}">${e(section.title)}</a>\n<ul>\n${section.outcomes
              .map((item) => `<li><a href="#${anchorId('outcome', item.enquiryId)}">${e(item.title)}</a></li>`)
              .join('\n')}\n</ul></li>`,
        ),
        ...(booklet.sessions.length ? [`<li><a href="#sharing-sessions">${e(labels.sessions)}</a></li>`] : []),
        `</ol>`,
        `</nav>`,
      ].join('\n')
    : '';
  const sections = booklet.sections
    .map((section) => `<section class="theme" id="${section.id}" aria-labelledby="${section.id}-title">\n<h2 id="${section.id}-title">${e(section.title)}</h2>\n${section.outcomes.map(outcome).join('\n')}\n</section>`)
    .join('\n');
  const heading = `${booklet.title} · ${booklet.schoolName} · ${booklet.cycleName}`;
  return `<!doctype html>
<html lang="${e(booklet.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(heading)}</title>
<style>
${BOOKLET_CSS}
</style>
</head>
<body>
<header class="title-page">
<h1>${e(booklet.title)}</h1>
<p class="school">${e(booklet.schoolName)}</p>
<p class="cycle">${e(booklet.cycleName)}</p>
${booklet.subtitle.trim() ? `<p class="subtitle">${e(booklet.subtitle)}</p>` : ''}
</header>
<main>
${contents}
${sections}
${sessionsHtml(booklet)}
</main>
</body>
</html>
`;
}

/**
 * A file name for a booklet export: `booklet-<cycle>.<extension>`, with the cycle's name reduced
 * to letters, digits and dashes.
 * @example
 * ```ts
 * bookletFileName({ cycleName: '2025-26' }, 'md'); // 'booklet-2025-26.md'
 * ```
 */
export function bookletFileName(booklet: Pick<Booklet, 'cycleName'>, extension: 'md' | 'html'): string {
  const slug = booklet.cycleName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return `booklet${slug ? `-${slug}` : ''}.${extension}`;
}
