/**
 * The booklet export: grouping by theme in the cycle's order, a contents with working anchors,
 * Markdown and standalone HTML with every typed text escaped (a `<script>` in a title, a question
 * or a finding never reaches the output as a tag), paragraphs kept, and file names.
 */
import { describe, it } from 'node:test';
import { marked } from 'marked';
import assert from 'node:assert/strict';
import {
  anchorId,
  bookletFileName,
  bookletToHtml,
  bookletToMarkdown,
  buildBooklet,
  countOutcomes,
  escapeHtml,
  escapeMarkdownLine,
  safeUrl,
  type BookletOutcome,
} from '../../../src/export/booklet.js';

const outcome = (id: string, title: string, extra: Partial<BookletOutcome> = {}): BookletOutcome => ({
  enquiryId: id,
  title,
  question: `What happens when we try ${title.toLowerCase()}?`,
  authors: ['Amir Khan', 'Beth Evans'],
  summary: `Summary of ${title}.`,
  findings: [`${title}: finding one`],
  recommendations: [`${title}: do it again`],
  ...extra,
});

const themes = [
  { id: 'th-strategic', name: 'Strategic learning' },
  { id: 'th-afl', name: 'Assessment for learning' },
  { id: 'th-oracy', name: 'Oracy' },
];

const sample = () =>
  buildBooklet({
    title: 'Sharing what we learned',
    schoolName: 'Oakfield Academy',
    cycleName: '2025-26',
    subtitle: '3 outcomes',
    themes,
    outcomes: [
      { ...outcome('enq-b', 'Written feedback'), themeId: 'th-afl' },
      { ...outcome('enq-a', 'Exit tickets'), themeId: 'th-afl' },
      { ...outcome('enq-c', 'Planning routes'), themeId: 'th-strategic' },
      { ...outcome('enq-x', 'Lunchtime clubs'), themeId: undefined },
      { ...outcome('enq-y', 'Rewards charts'), themeId: 'th-unknown' },
    ],
  });

const XSS = '<script>alert("x")</script>';

/** The text of rendered HTML, with the entities a Markdown renderer writes turned back into characters. */
const decode = (html: string) =>
  html.replace(/&(lt|gt|amp|quot|#39);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'" })[e]!).replace(/\s+/g, ' ');

describe('buildBooklet', () => {
  it("groups outcomes by theme in the themes' order, titles alphabetical, others last", () => {
    const booklet = sample();
    assert.deepEqual(
      booklet.sections.map((s) => [s.id, s.title, s.outcomes.map((o) => o.enquiryId)]),
      [
        ['theme-th-strategic', 'Strategic learning', ['enq-c']],
        ['theme-th-afl', 'Assessment for learning', ['enq-a', 'enq-b']],
        ['theme-other', 'Other enquiries', ['enq-x', 'enq-y']],
      ],
    );
    // Oracy has no outcome, so no section; the other section is ordered by title.
    assert.deepEqual(booklet.sections[2]!.outcomes.map((o) => o.title), ['Lunchtime clubs', 'Rewards charts']);
    assert.equal(countOutcomes(booklet), 5);
  });

  it('uses the labels given, the rest in British English', () => {
    const booklet = buildBooklet({ title: 't', schoolName: 's', cycleName: 'c', themes: [], outcomes: [], labels: { contents: 'Índice' } });
    assert.equal(booklet.labels.contents, 'Índice');
    assert.equal(booklet.labels.findings, 'What we found');
    assert.equal(booklet.lang, 'en-GB');
    assert.deepEqual(booklet.sections, []);
  });

  it('makes anchors from ids with only safe characters', () => {
    assert.equal(anchorId('outcome', 'enq:2025.a_b-c'), 'outcome-enq-2025-a_b-c');
  });
});

describe('bookletToMarkdown', () => {
  it('writes a title, a linked contents and each outcome with its parts', () => {
    const text = bookletToMarkdown(sample());
    assert.ok(text.startsWith('# Sharing what we learned\n\n**Oakfield Academy** · 2025\\-26\n\n3 outcomes\n\n## Contents\n\n'), text.slice(0, 120));
    assert.match(text, /^1\. \[Strategic learning\]\(#theme-th-strategic\)\n {4}- \[Planning routes\]\(#outcome-enq-c\)$/m);
    assert.match(text, /^2\. \[Assessment for learning\]\(#theme-th-afl\)$/m);
    assert.match(text, /<a id="theme-th-afl"><\/a>\n\n## Assessment for learning/);
    assert.match(text, /<a id="outcome-enq-a"><\/a>\n\n### Exit tickets\n\n\*\*Driving question:\*\* What happens when we try exit tickets\\\?/);
    assert.match(text, /\*\*By:\*\* Amir Khan, Beth Evans/);
    assert.match(text, /#### What we found\n\n- Exit tickets\\: finding one/);
    assert.match(text, /#### What we recommend\n\n- Exit tickets\\: do it again/);
    assert.ok(text.endsWith('\n'));
    assert.ok(text.indexOf('### Planning routes') < text.indexOf('### Exit tickets'));
  });

  it('escapes every typed text: no tag, no Markdown syntax gets through', () => {
    const booklet = buildBooklet({
      title: XSS,
      schoolName: 'Oak *& Ash*',
      cycleName: '2025-26',
      themes: [{ id: 'th-1', name: `# ${XSS}` }],
      outcomes: [
        {
          ...outcome('enq-1', `[click](javascript:alert(1)) ${XSS}`),
          question: `${XSS} and <img src=x onerror=alert(1)>`,
          authors: ['<b>Mallory</b>'],
          summary: `1. not a list\n\n${XSS}\n- not a list either`,
          findings: [XSS, '_under_ and `code`'],
          recommendations: ['&amp; stays as typed'],
          reflection: { whatWorked: XSS, whatDidNot: '', nextSteps: '> not a quote' },
          themeId: 'th-1',
        },
      ],
    });
    const text = bookletToMarkdown(booklet);
    assert.ok(!/<script|<img|<b>/i.test(text), text);
    // Only our own anchors are HTML.
    assert.deepEqual(text.match(/<[a-z]/g), ['<a', '<a']);
    // What a reader sees once a common renderer has rendered it: exactly what was typed, as text.
    const html = marked.parse(text, { async: false });
    assert.ok(!/<script|<img|<b>|<blockquote|<code|<em>/i.test(html), html);
    assert.deepEqual([...html.matchAll(/<a [^>]*>/g)].map((m) => m[0]).sort(), ['<a href="#outcome-enq-1">', '<a href="#theme-th-1">', '<a id="outcome-enq-1">', '<a id="theme-th-1">'], 'only our own anchors and contents links');
    const shown = decode(html.replace(/<[^>]+>/g, ' '));
    for (const typed of [XSS, 'Oak *& Ash*', `# ${XSS}`, '[click](javascript:alert(1))', '<img src=x onerror=alert(1)>', '<b>Mallory</b>', '1. not a list', '- not a list either', '_under_ and `code`', '&amp; stays as typed', '> not a quote']) {
      assert.ok(shown.includes(typed), `shown as typed: ${typed}`);
    }
  });

  it('a title cannot become an image or a link in any renderer (trust #12)', () => {
    for (const title of ['![x](https://tracker.example/p.gif)', '![x](javascript:alert(1))', '[x]: https://tracker.example/ref', '<https://tracker.example/auto>', 'https://tracker.example/bare']) {
      const booklet = buildBooklet({ title, schoolName: 's', cycleName: 'c', themes: [], outcomes: [outcome('e', title)] });
      const html = marked.parse(bookletToMarkdown(booklet), { async: false });
      assert.ok(!/<img/i.test(html), `no image from ${title}: ${html}`);
      assert.ok(!/href="(?!#)/i.test(html), `no link from ${title}: ${html}`);
      assert.ok(decode(html.replace(/<[^>]+>/g, '')).includes(title), `shown as typed: ${title}`);
    }
  });

  it('keeps paragraphs of a long summary', () => {
    const booklet = buildBooklet({
      title: 't',
      schoolName: 's',
      cycleName: 'c',
      themes: [],
      outcomes: [outcome('e', 'T', { summary: 'First paragraph\nsame paragraph.\r\n\r\nSecond paragraph.' })],
    });
    assert.match(bookletToMarkdown(booklet), /#### Summary\n\nFirst paragraph\nsame paragraph\\\.\n\nSecond paragraph\\\.\n/);
  });
});

describe('bookletToHtml', () => {
  it('is a standalone document with inline styles, print rules and a linked contents', () => {
    const page = bookletToHtml(sample());
    assert.ok(page.startsWith('<!doctype html>\n<html lang="en-GB">'));
    assert.match(page, /<title>Sharing what we learned · Oakfield Academy · 2025-26<\/title>/);
    assert.match(page, /<style>[\s\S]*@media print[\s\S]*\.theme \{ break-before: page; \}[\s\S]*\.outcome \{ break-inside: avoid; \}[\s\S]*<\/style>/);
    assert.ok(!/<link|<script|src=/i.test(page), 'nothing external, no script');
    assert.match(page, /<a href="#theme-th-afl">Assessment for learning<\/a>/);
    assert.match(page, /<a href="#outcome-enq-a">Exit tickets<\/a>/);
    assert.match(page, /<section class="theme" id="theme-th-afl" aria-labelledby="theme-th-afl-title">\n<h2 id="theme-th-afl-title">Assessment for learning<\/h2>/);
    assert.match(page, /<article class="outcome" id="outcome-enq-a">\n<h3>Exit tickets<\/h3>/);
    assert.match(page, /<h4>What we found<\/h4>\n<ul>\n<li>Exit tickets: finding one<\/li>\n<\/ul>/);
    // Every contents link has its target.
    for (const [, target] of page.matchAll(/href="#([^"]+)"/g)) assert.ok(page.includes(`id="${target}"`), target);
  });

  it('escapes every typed text', () => {
    const booklet = buildBooklet({
      title: XSS,
      schoolName: '"Oak" & <Ash>',
      cycleName: "'26",
      lang: 'en-GB" onload="x',
      themes: [{ id: 'th-1', name: XSS }],
      outcomes: [
        {
          ...outcome('enq-1', XSS),
          question: '<img src=x onerror=alert(1)>',
          authors: ['<b>Mallory</b>'],
          summary: `${XSS}\nline two`,
          findings: [XSS],
          recommendations: [XSS],
          reflection: { whatWorked: XSS, whatDidNot: XSS, nextSteps: XSS },
          themeId: 'th-1',
        },
      ],
    });
    const page = bookletToHtml(booklet);
    assert.ok(!/<script|<img|<b>|onload="/i.test(page), page);
    assert.match(page, /<h1>&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;<\/h1>/);
    assert.match(page, /<p class="school">&quot;Oak&quot; &amp; &lt;Ash&gt;<\/p>/);
    assert.match(page, /<p class="cycle">&#39;26<\/p>/);
    assert.match(page, /<p>&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;<br>\nline two<\/p>/);
    assert.match(page, /<html lang="en-GB&quot; onload=&quot;x">/);
    assert.match(page, /<p><span class="label">What worked:<\/span> &lt;script&gt;/);
  });

  it('leaves out the contents when nothing is published', () => {
    const page = bookletToHtml(buildBooklet({ title: 't', schoolName: 's', cycleName: 'c', themes, outcomes: [] }));
    assert.ok(!page.includes('<nav'));
    assert.ok(!page.includes('<section'));
  });
});

describe('evidence lists', () => {
  const withEvidence = () =>
    buildBooklet({
      title: 't',
      schoolName: 's',
      cycleName: 'c',
      themes: [],
      outcomes: [
        outcome('e', 'T', {
          evidence: [
            { kind: 'Artefact', title: 'Book samples (Year 9)', url: 'https://vle.example.org/books(1)' },
            { kind: 'Artefact', title: 'Sneaky', url: 'javascript:alert(1)' },
            { kind: 'Student voice survey', title: '<b>Survey</b>' },
          ],
        }),
      ],
    });

  it('links only http(s) artefacts, in Markdown and HTML', () => {
    const text = bookletToMarkdown(withEvidence());
    assert.match(text, /#### Evidence\n\n- Artefact: \[Book samples \\\(Year 9\\\)\]\(https:\/\/vle\.example\.org\/books%281%29\)\n- Artefact: Sneaky\n- Student voice survey: &lt;b&gt;Survey&lt;\\\/b&gt;/);
    assert.ok(!text.includes('javascript:'));
    const page = bookletToHtml(withEvidence());
    assert.match(page, /<li>Artefact: <a href="https:\/\/vle\.example\.org\/books\(1\)">Book samples \(Year 9\)<\/a><\/li>/);
    assert.match(page, /<li>Artefact: Sneaky<\/li>/);
    assert.ok(!page.includes('javascript:'));
  });

  it('safeUrl keeps http(s) only', () => {
    assert.equal(safeUrl('http://example.org'), 'http://example.org/');
    assert.equal(safeUrl('data:text/html,hi'), undefined);
    assert.equal(safeUrl('not a url'), undefined);
    assert.equal(safeUrl(undefined), undefined);
  });
});

describe('escaping helpers and file names', () => {
  it('escapeHtml turns the five special characters into entities', () => {
    assert.equal(escapeHtml(`<a href="x">Tom & Jerry's</a>`), '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
  });

  it('escapeMarkdownLine escapes every ASCII punctuation character, angle brackets and ampersands as entities', () => {
    assert.equal(escapeMarkdownLine('## heading'), '\\#\\# heading');
    assert.equal(escapeMarkdownLine('12) twelve'), '12\\) twelve');
    assert.equal(escapeMarkdownLine('![x](y)'), '\\!\\[x\\]\\(y\\)');
    assert.equal(escapeMarkdownLine('<script>x</script>'), '&lt;script&gt;x&lt;\\/script&gt;');
    assert.equal(escapeMarkdownLine('Fine & dandy'), 'Fine &amp; dandy');
    const punctuation = '!"#$%\'()*+,-./:;=?@[\\]^_`{|}~';
    assert.equal(escapeMarkdownLine(punctuation), [...punctuation].map((c) => `\\${c}`).join(''));
    assert.equal(decode(marked.parseInline(escapeMarkdownLine(`a ${punctuation} <&>`), { async: false })), `a ${punctuation} <&>`);
  });

  it('names files after the cycle', () => {
    assert.equal(bookletFileName({ cycleName: '2025-26' }, 'md'), 'booklet-2025-26.md');
    assert.equal(bookletFileName({ cycleName: 'Año 2025/26' }, 'html'), 'booklet-ano-2025-26.html');
    assert.equal(bookletFileName({ cycleName: '' }, 'md'), 'booklet.md');
  });
});

describe('the booklet\u2019s sharing sessions', () => {
  const withSession = () =>
    buildBooklet({
      title: 'Sharing what we learned',
      schoolName: 'Oakfield Academy',
      cycleName: '2025-26',
      themes,
      outcomes: [{ ...outcome('e-plan', 'Planning before doing'), themeId: 'th-strategic' }],
      sessions: [
        {
          id: 'ss 1',
          title: 'What last year\u2019s PLCs learned <b>',
          when: '14 Oct 2026, 15:30 to 16:00',
          slots: [
            { start: '15:30', end: '15:45', room: 'Hall', title: 'Planning before doing', presenters: ['Amir Khan'], enquiryId: 'e-plan' },
            { start: '15:30', end: '15:50', room: 'Library', title: 'Not in this booklet', presenters: ['Dana Okafor', '<i>Eve</i>'], enquiryId: 'e-elsewhere' },
          ],
        },
      ],
    });

  it('lists where the outcomes were shared, in the contents and as its own section, linking the outcomes the booklet holds', () => {
    const page = bookletToHtml(withSession());
    assert.match(page, /<li><a href="#sharing-sessions">Shared with all staff<\/a><\/li>/);
    assert.match(page, /<section class="theme sessions" id="sharing-sessions"/);
    assert.match(page, /<article class="session" id="session-ss-1">/);
    assert.match(page, /15:30–15:45<\/span> · Hall · <a href="#outcome-e-plan">Planning before doing<\/a> · Amir Khan/);
    assert.match(page, /· Library · Not in this booklet · Dana Okafor, &lt;i&gt;Eve&lt;\/i&gt;/);
    assert.ok(!page.includes('<b>') && page.includes('learned &lt;b&gt;'));
    const md = bookletToMarkdown(withSession());
    assert.match(md, /\d\. \[Shared with all staff\]\(#sharing-sessions\)/);
    assert.match(md, /- 15:30–15:45 · Hall · \[Planning before doing\]\(#outcome-e-plan\) · Amir Khan/);
    const rendered = marked.parse(md) as string;
    assert.ok(!rendered.includes('<i>') && !rendered.includes('<b>'), 'no typed tag survives a Markdown renderer');
  });

  it('prints no sessions part when none presented the outcomes', () => {
    assert.ok(!bookletToHtml(sample()).includes('sharing-sessions'));
    assert.ok(!bookletToMarkdown(sample()).includes('sharing-sessions'));
  });
});
