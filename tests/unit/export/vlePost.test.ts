/**
 * The VLE post's snippets through Moodle's and Canvas's HTML filters (their allow-lists, written
 * down in tests/support/vle-filters.ts with their sources): a snippet comes out of each filter
 * exactly as a browser parses it, whatever the authors typed; no script or style element, only
 * inline styles both allow, links absolute. The filters themselves are shown to bite, so a
 * snippet that kept only because a filter let everything through would fail.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { buildBooklet, type BookletOutcome } from '../../../src/export/booklet.js';
import { bookletSnippet, iframeCode, outcomeSnippet, SNIPPET_STYLES } from '../../../src/export/vlePost.js';
import { applyFilter, CANVAS_SANITIZE, MOODLE_PURIFY_HTML, normaliseHtml } from '../../support/vle-filters.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const FILTERS = [MOODLE_PURIFY_HTML, CANVAS_SANITIZE];
const PAGE = 'https://plc.oakfield.example/vle/0123456789abcdef0123456789abcdef';

const outcome = (extra: Partial<BookletOutcome> = {}): BookletOutcome => ({
  enquiryId: 'enq-1',
  title: 'Engaging with feedback',
  question: 'How do Year 9 act on written comments?',
  authors: ['Amir Khan', 'Beth Evans'],
  summary: 'Students read comments more when they had time in the lesson.\n\nWe gave ten minutes.',
  findings: ['More redrafting', 'Fewer repeated errors'],
  recommendations: ['Plan DIRT time'],
  ...extra,
});

/** A hostile outcome: everything an author could type that a filter would act on if it reached the markup. */
const HOSTILE = outcome({
  title: '<script>alert(1)</script> & "quotes"',
  question: '<style>body{display:none}</style><img src=x onerror=alert(1)>',
  authors: ['<a href="javascript:alert(1)">Eve</a>'],
  summary: 'Line one\nline two <iframe src="https://evil.example"></iframe>\n\n<b style="position:fixed">para</b>',
  findings: ['<p id="x" aria-label="y">finding</p>'],
  recommendations: ['url(javascript:alert(1))'],
});

const elements = (html: string): Element[] => {
  const out: Element[] = [];
  const walk = (node: Node) => {
    if ('tagName' in node) out.push(node);
    if ('childNodes' in node) node.childNodes.forEach(walk);
  };
  walk(parseFragment(html));
  return out;
};

function assertSurvives(html: string): void {
  for (const filter of FILTERS) {
    const { html: filtered, removed } = applyFilter(filter, html);
    assert.deepEqual(removed, [], `${filter.name} removed: ${removed.join('; ')}`);
    assert.equal(filtered, normaliseHtml(html), `${filter.name} changed the snippet`);
  }
  const found = elements(html);
  assert.ok(!found.some((e) => e.tagName === 'script' || e.tagName === 'style'), 'no script, no style element');
  for (const e of found) {
    for (const attr of e.attrs) {
      if (attr.name === 'href') assert.match(attr.value, /^https:\/\//, 'links are absolute');
      assert.ok(!attr.name.startsWith('on'), `no event handler (${attr.name})`);
    }
  }
}

describe('export: the VLE post survives Moodle’s and Canvas’s HTML filters', () => {
  it('the filters bite: script, style, handlers, ids, aria, tricky styles and javascript: links are taken out', () => {
    const bad = '<div id="a" aria-label="b" onclick="x()" style="position: fixed; color: red;"><script>x()</script><style>p{}</style><a href="javascript:x()" target="_top">go</a><section>kept text</section></div>';
    const moodle = applyFilter(MOODLE_PURIFY_HTML, bad);
    const canvas = applyFilter(CANVAS_SANITIZE, bad);
    assert.ok(moodle.removed.includes('<div> id') && moodle.removed.includes('<div> aria-label') && moodle.removed.includes('<div> style position: fixed'), moodle.removed.join('; '));
    assert.ok(moodle.removed.includes('<a> target="_top"'));
    assert.ok(canvas.removed.includes('<div> onclick') && !canvas.removed.includes('<div> id'), 'Canvas keeps ids and aria, drops handlers');
    for (const report of [moodle, canvas]) {
      assert.ok(report.removed.includes('<script> and its contents') && report.removed.includes('<style> and its contents'));
      assert.ok(report.removed.includes('<a> href="javascript:x()"'));
      assert.ok(report.removed.includes('<section> (contents kept)'));
      assert.match(report.html, /kept text/);
    }
    assert.ok(applyFilter(CANVAS_SANITIZE, '<p style="background: expression(alert(1));">x</p>').removed.length, 'Canvas refuses any method but url()');
  });

  it('one outcome: title, question, authors, summary paragraphs, findings, recommendations and the link, unchanged by both', () => {
    const html = outcomeSnippet({ outcome: outcome(), pageUrl: PAGE, lang: 'en-GB' });
    assertSurvives(html);
    assert.match(html, /<h3>Engaging with feedback<\/h3>/);
    assert.match(html, /<p><strong>Driving question:<\/strong> How do Year 9 act on written comments\?<\/p>/);
    assert.match(html, /By: Amir Khan, Beth Evans/);
    assert.equal((html.match(/<p>Students read|<p>We gave/g) ?? []).length, 2, 'each paragraph of the summary is a paragraph');
    assert.match(html, /<li>Fewer repeated errors<\/li>/);
    assert.match(html, new RegExp(`<a href="${PAGE}">Read the whole outcome</a>`));
    assert.match(html, new RegExp(`style="${SNIPPET_STYLES.box}"`));
  });

  it('whatever the authors typed stays text: a hostile outcome survives both filters unchanged, as escaped text', () => {
    const html = outcomeSnippet({ outcome: HOSTILE, pageUrl: PAGE, lang: 'en-GB' });
    assertSurvives(html);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &quot;quotes&quot;/);
    assert.equal(elements(html).filter((e) => e.tagName === 'a').length, 1, 'only our own link is a link');
  });

  it('in another language, with its own labels', () => {
    const html = outcomeSnippet({ outcome: outcome(), pageUrl: PAGE, lang: 'es', labels: { drivingQuestion: 'Pregunta guía', readOutcome: 'Leer el resultado completo' } });
    assertSurvives(html);
    assert.match(html, /lang="es"/);
    assert.match(html, /Pregunta guía:/);
  });

  it('the booklet: every theme and outcome, each summary’s first paragraph, the link, unchanged by both', () => {
    const booklet = buildBooklet({
      title: 'Sharing what we learned',
      schoolName: 'Oakfield <Academy>',
      cycleName: '2025-26',
      themes: [{ id: 'th-1', name: 'Feedback' }],
      outcomes: [{ ...outcome(), themeId: 'th-1' }, { ...HOSTILE, enquiryId: 'enq-2' }],
    });
    const html = bookletSnippet({ booklet, pageUrl: `${PAGE}#outcomes` });
    assertSurvives(html);
    assert.match(html, /<h4>Feedback<\/h4>/);
    assert.match(html, /<h4>Other enquiries<\/h4>/);
    assert.match(html, /<li><strong>Engaging with feedback<\/strong>/);
    assert.match(html, /Students read comments more/);
    assert.doesNotMatch(html, /We gave ten minutes/, 'only the first paragraph');
    assert.match(html, /Oakfield &lt;Academy&gt;/);
  });

  it('refuses a relative or non-web page address, naming the field', () => {
    assert.throws(() => outcomeSnippet({ outcome: outcome(), pageUrl: '/vle/abc', lang: 'en-GB' }), /pageUrl must be an absolute http\(s\) address/);
    assert.throws(() => iframeCode('javascript:alert(1)', 'x'), /pageUrl/);
  });

  it('the iframe code: titled, full width, and kept by Canvas (Moodle keeps iframes only as trusted content)', () => {
    const code = iframeCode(PAGE, 'Engaging "with" feedback');
    assert.match(code, /^<iframe src="https:\/\/plc\.oakfield\.example\/vle\/[0-9a-f]{32}" title="Engaging &quot;with&quot; feedback" width="100%" height="640"/);
    const canvas = applyFilter(CANVAS_SANITIZE, code);
    assert.deepEqual(canvas.removed, ['<iframe> loading'], 'Canvas drops only the loading hint');
    assert.deepEqual(applyFilter(MOODLE_PURIFY_HTML, code).removed, ['<iframe> (contents kept)']);
  });
});
