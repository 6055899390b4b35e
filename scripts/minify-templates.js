// Build-time minification of the text inside Lit's tagged templates, for the single-file bundle:
// terser leaves template literals alone, and their indentation and CSS comments were about a
// seventh of the bundle before gzip. Only what cannot change rendering is removed:
//   css``  comments; whitespace runs become one space, and none is kept next to { } ; , or after
//          a colon (a space before a colon is a descendant combinator, `.a :hover`, and is kept).
//   html`` svg``  a whitespace run containing a line break becomes a single line break, which
//          renders the same under every `white-space` except pre/pre-wrap, where such indentation
//          would already show; the content of <pre> and <textarea> is kept byte for byte.
// A plain template literal marked `/* css */` (CSS that is not Lit's, e.g. a downloaded file's
// styles) is minified as css``.
// Whitespace next to an expression (`${...}`) is shortened but never removed, so an expression is
// never glued to the text beside it. Strings in CSS are kept as written.

import { walk } from './estree-walk.js';

/** The tags whose templates are minified, and how. */
const TAGS = { css: 'css', html: 'html', svg: 'html', staticHtml: 'html' };
/** A `css` block comment just before a plain template literal, as editors mark CSS for highlighting. */
const CSS_COMMENT = /\/\*\s*css\s*\*\/\s*$/;

/**
 * Minifies one piece of CSS template text (a quasi's raw text).
 * @param {string} text
 * @returns {string}
 */
export function minifyCss(text) {
  let out = '';
  let plain = '';
  const flush = () => {
    out += plain
      .replace(/\s+/g, ' ')
      .replace(/ ?([{};,]) ?/g, '$1')
      .replace(/: /g, ':')
      .replace(/;}/g, '}');
    plain = '';
  };
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw new Error(`minifyCss: a comment is not closed inside one template part: ${JSON.stringify(text.slice(i, i + 60))}`);
      // A space, not nothing: `a/**/b` must not become `ab`; the space then goes the way of any other.
      plain += ' ';
      i = end + 2;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      flush();
      out += text.slice(i, j + 1);
      i = j + 1;
    } else {
      plain += c;
      i += 1;
    }
  }
  flush();
  return out;
}

/**
 * Minifies one piece of HTML or SVG template text (a quasi's raw text).
 * @param {string} text
 * @returns {string}
 */
export function minifyHtml(text) {
  const kept = /<(pre|textarea)\b[\s\S]*?<\/\1\s*>/gi;
  let out = '';
  let last = 0;
  for (const match of text.matchAll(kept)) {
    out += collapseLines(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + collapseLines(text.slice(last));
}

const collapseLines = (text) => text.replace(/[ \t\r\n\f]*\n[ \t\r\n\f]*/g, '\n');

/** Whether a template's parts open a <pre> or <textarea> in one part and close it in another. */
function splitsKeptElement(parts) {
  return parts.some((part) => (part.match(/<(pre|textarea)\b/gi)?.length ?? 0) !== (part.match(/<\/(pre|textarea)\s*>/gi)?.length ?? 0));
}

/**
 * Minifies the tagged templates of one module's code.
 * @param {string} code
 * @param {{ type: string }} ast the module's ESTree program (rollup's `this.parse(code)`)
 * @returns {string | null} the new code, or null when nothing changed
 */
export function minifyTemplatesIn(code, ast) {
  const edits = [];
  walk(ast, (node) => {
    let kind;
    let quasis;
    if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier') {
      kind = TAGS[node.tag.name];
      quasis = node.quasi.quasis;
    } else if (node.type === 'TemplateLiteral' && CSS_COMMENT.test(code.slice(Math.max(0, node.start - 20), node.start))) {
      kind = 'css';
      quasis = node.quasis;
    }
    if (!kind) return;
    const parts = quasis.map((quasi) => code.slice(quasi.start, quasi.end));
    if (kind === 'html' && splitsKeptElement(parts)) return;
    quasis.forEach((quasi, i) => {
      const text = kind === 'css' ? minifyCss(parts[i]) : minifyHtml(parts[i]);
      if (text !== parts[i]) edits.push({ start: quasi.start, end: quasi.end, text });
    });
  });
  if (edits.length === 0) return null;
  edits.sort((a, b) => b.start - a.start);
  let out = code;
  for (const { start, end, text } of edits) out = out.slice(0, start) + text + out.slice(end);
  return out;
}

/**
 * The rollup plugin: minifies the tagged templates of our own modules (dependencies ship theirs
 * as their authors chose).
 * @returns {import('rollup').Plugin}
 */
export function minifyTemplates() {
  return {
    name: 'plc-kit-minify-templates',
    transform(code, id) {
      if (id.includes('/node_modules/') || !/(?:\b(?:css|html|svg|staticHtml)|\/\*\s*css\s*\*\/)\s*`/.test(code)) return null;
      const out = minifyTemplatesIn(code, this.parse(code));
      return out === null ? null : { code: out, map: null };
    },
  };
}
