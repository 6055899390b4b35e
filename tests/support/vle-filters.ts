/**
 * Two VLEs' HTML filters, written down as data from the allow-lists they publish, and one small
 * sanitizer (over parse5's HTML parser) that applies either. The VLE-post tests run our snippets
 * through both to show they come out unchanged in meaning.
 *
 * Sources (read 2026-12-07):
 * - **Moodle**: `purify_html()` in `lib/weblib.php` (moodle/moodle, commit 0b675e0ca2d2): HTML
 *   Purifier with `HTML.Doctype` "XHTML 1.0 Transitional", `URI.AllowedSchemes` http, https, ftp,
 *   irc, nntp, news, rtsp, rtmp, teamspeak, gopher, mms, mailto; `Attr.AllowedFrameTargets`
 *   `_blank`; `Attr.EnableID` only with the `allowid` option (off for editor text); elements it
 *   adds: nolink, tex, algebra, lang, video, audio, source, track, the Ruby module. HTML
 *   Purifier's own defaults: the XHTML 1.0 Transitional element set of its HTML modules, the
 *   common attributes class, title, style, lang, xml:lang, dir (id dropped without EnableID,
 *   `rel`/`rev` dropped while `Attr.AllowedRel` is empty, unknown attributes such as `aria-*`,
 *   `role` and `on*` dropped), and the CSS properties of `HTMLPurifier_CSSDefinition::doSetup`
 *   (ezyang/htmlpurifier, library/HTMLPurifier/CSSDefinition.php, commit 0f961c6af4e3).
 * - **Canvas**: `CanvasSanitize::SANITIZE` in `gems/canvas_sanitize/lib/canvas_sanitize/
 *   canvas_sanitize.rb` (instructure/canvas-lms, commit 03f405c9c2e1): its `elements`,
 *   `attributes` (`:all` and per element), `protocols`, `style_properties`, `style_expressions`
 *   and `style_methods` (only `url`), with `sanitize_style`'s two checks on the whole attribute.
 *   Elements not listed are unwrapped (their text kept), except script and style, which go with
 *   their contents (the sanitize gem's `remove_contents` default).
 *
 * What is not mirrored: HTML Purifier's value checks per property (its enums and lengths) are
 * reduced to "no url(), no expression(), no escapes"; both filters' whitespace and attribute
 * re-serialisation is not imitated (meaning, not bytes, is compared).
 */
import { parseFragment, serialize, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];

/** One VLE's filter, as data. */
export interface HtmlFilter {
  name: string;
  elements: ReadonlySet<string>;
  /** Elements removed with everything inside them. */
  dropWithContents: ReadonlySet<string>;
  /** Attributes every allowed element keeps. */
  globalAttributes: ReadonlySet<string>;
  /** Attributes by element. */
  attributes: Readonly<Record<string, readonly string[]>>;
  /** URL attributes and the schemes they may use; `relative` allows a relative address. */
  protocols: Readonly<Record<string, { schemes: readonly string[]; relative: boolean }>>;
  /** Whether a CSS property may stay in a `style` attribute. */
  styleProperty: (property: string) => boolean;
  /** Whether a CSS value may stay. */
  styleValue: (value: string) => boolean;
  /** A check on the whole `style` attribute (Canvas empties one that fails it). */
  styleGauntlet: (style: string) => boolean;
  /** Allowed values of `target` on links (none: the attribute goes). */
  frameTargets: readonly string[];
}

const set = (...items: string[]) => new Set(items);
const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

/** HTML Purifier's CSS definition (default, no CSS.Proprietary). */
const PURIFIER_CSS = set(
  'text-align', 'border-bottom-style', 'border-right-style', 'border-left-style', 'border-top-style', 'border-style',
  'clear', 'float', 'font-style', 'font-variant', 'list-style-position', 'list-style-type', 'list-style-image', 'list-style',
  'text-transform', 'color', 'background-image', 'background-repeat', 'background-attachment', 'background-position',
  'border-top-color', 'border-bottom-color', 'border-left-color', 'border-right-color', 'background-color', 'background',
  'border-color', 'border-top-width', 'border-bottom-width', 'border-left-width', 'border-right-width', 'border-width',
  'letter-spacing', 'word-spacing', 'font-size', 'line-height', 'margin-top', 'margin-bottom', 'margin-left', 'margin-right',
  'margin', 'padding-top', 'padding-bottom', 'padding-left', 'padding-right', 'padding', 'text-indent', 'width', 'height',
  'text-decoration', 'font-family', 'font-weight', 'font', 'border', 'border-bottom', 'border-top', 'border-left',
  'border-right', 'border-collapse', 'caption-side', 'table-layout', 'vertical-align', 'border-spacing', 'white-space',
);

/** Moodle's `purify_html` (HTML Purifier, XHTML 1.0 Transitional, Moodle's additions). */
export const MOODLE_PURIFY_HTML: HtmlFilter = {
  name: 'Moodle purify_html',
  elements: set(
    'a', 'abbr', 'acronym', 'address', 'b', 'bdo', 'big', 'blockquote', 'br', 'caption', 'center', 'cite', 'code', 'col',
    'colgroup', 'dd', 'del', 'dfn', 'dir', 'div', 'dl', 'dt', 'em', 'font', ...HEADINGS, 'hr', 'i', 'img', 'ins', 'kbd', 'li',
    'menu', 'ol', 'p', 'pre', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td',
    'tfoot', 'th', 'thead', 'tr', 'tt', 'u', 'ul', 'var',
    'nolink', 'tex', 'algebra', 'lang', 'video', 'audio', 'source', 'track', 'ruby', 'rb', 'rp', 'rt', 'rtc',
  ),
  dropWithContents: set('script', 'style'),
  globalAttributes: set('class', 'title', 'style', 'lang', 'xml:lang', 'dir'),
  attributes: {
    a: ['href', 'target'],
    img: ['src', 'alt', 'width', 'height', 'longdesc', 'border', 'hspace', 'vspace', 'align'],
    ol: ['start', 'type', 'compact'],
    ul: ['type', 'compact'],
    li: ['value', 'type'],
    blockquote: ['cite'],
    q: ['cite'],
    table: ['summary', 'width', 'border', 'cellpadding', 'cellspacing', 'frame', 'rules', 'align', 'bgcolor'],
    td: ['abbr', 'align', 'axis', 'colspan', 'rowspan', 'headers', 'scope', 'valign', 'width', 'height', 'nowrap', 'bgcolor'],
    th: ['abbr', 'align', 'axis', 'colspan', 'rowspan', 'headers', 'scope', 'valign', 'width', 'height', 'nowrap', 'bgcolor'],
    video: ['src', 'poster', 'preload', 'controls', 'width', 'height', 'muted', 'loop', 'playsinline', 'crossorigin'],
    audio: ['src', 'preload', 'controls', 'loop', 'muted', 'crossorigin'],
  },
  protocols: Object.fromEntries(
    ['href', 'src', 'cite', 'longdesc', 'poster'].map((attribute) => [
      attribute,
      { schemes: ['http', 'https', 'ftp', 'irc', 'nntp', 'news', 'rtsp', 'rtmp', 'teamspeak', 'gopher', 'mms', 'mailto'], relative: true },
    ]),
  ),
  styleProperty: (property) => PURIFIER_CSS.has(property),
  styleValue: (value) => !/url\s*\(|expression\s*\(|\\|javascript:/i.test(value),
  styleGauntlet: () => true,
  frameTargets: ['_blank'],
};

const CANVAS_STYLE_PROPERTIES = set(
  'background', 'border', 'clear', 'color', 'cursor', 'direction', 'display', 'float', 'font', 'height', 'left', 'line-height',
  'list-style', 'margin', 'max-height', 'max-width', 'min-height', 'min-width', 'overflow', 'overflow-x', 'overflow-y',
  'padding', 'position', 'right', 'text-align', 'table-layout', 'text-decoration', 'text-indent', 'top', 'vertical-align',
  'visibility', 'white-space', 'width', 'z-index', 'zoom',
);
const CANVAS_STYLE_EXPRESSIONS = [
  /^background-(?:attachment|color|image|position|repeat)$/,
  /^background-position-(?:x|y)$/,
  /^border-(?:bottom|collapse|color|left|right|spacing|style|top|width)$/,
  /^border-(?:bottom|left|right|top)-(?:color|style|width)$/,
  /^font-(?:family|size|stretch|style|variant|weight)$/,
  /^list-style-(?:image|position|type)$/,
  /^margin-(?:bottom|left|right|top|offset)$/,
  /^padding-(?:bottom|left|right|top)$/,
];
const CANVAS_ARIA = [
  'aria-labelledby', 'aria-atomic', 'aria-busy', 'aria-controls', 'aria-describedby', 'aria-disabled', 'aria-dropeffect',
  'aria-flowto', 'aria-grabbed', 'aria-haspopup', 'aria-hidden', 'aria-invalid', 'aria-label', 'aria-live', 'aria-owns',
  'aria-relevant', 'aria-autocomplete', 'aria-checked', 'aria-expanded', 'aria-level', 'aria-multiline',
  'aria-multiselectable', 'aria-orientation', 'aria-pressed', 'aria-readonly', 'aria-required', 'aria-selected',
  'aria-sort', 'aria-valuemax', 'aria-valuemin', 'aria-valuenow', 'aria-valuetext',
];

/** Canvas's `CanvasSanitize::SANITIZE`. */
export const CANVAS_SANITIZE: HtmlFilter = {
  name: 'Canvas canvas_sanitize',
  elements: set(
    'a', 'b', 'blockquote', 'br', 'caption', 'cite', 'code', 'col', 'hr', ...HEADINGS, 'h7', 'h8', 'del', 'ins', 'iframe', 'font',
    'colgroup', 'dd', 'div', 'dl', 'dt', 'em', 'figure', 'figcaption', 'i', 'img', 'li', 'ol', 'p', 'pre', 'q', 'small', 'span',
    'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'u', 'ul', 'object', 'embed',
    'param', 'video', 'audio',
  ),
  dropWithContents: set('script', 'style', 'noscript', 'noembed', 'noframes', 'plaintext', 'xmp', 'math', 'svg'),
  globalAttributes: set('style', 'class', 'id', 'title', 'role', 'lang', 'dir', ...CANVAS_ARIA),
  attributes: {
    a: ['href', 'target', 'name'],
    blockquote: ['cite'],
    col: ['span', 'width'],
    colgroup: ['span', 'width'],
    img: ['align', 'alt', 'height', 'src', 'width'],
    iframe: ['src', 'width', 'height', 'name', 'align', 'frameborder', 'scrolling', 'sandbox', 'allowfullscreen', 'webkitallowfullscreen', 'mozallowfullscreen'],
    ol: ['start', 'type'],
    q: ['cite'],
    table: ['summary', 'width', 'border', 'cellpadding', 'cellspacing', 'center', 'frame', 'rules'],
    tr: ['align', 'valign', 'dir'],
    td: ['abbr', 'axis', 'colspan', 'rowspan', 'width', 'align', 'valign', 'dir'],
    th: ['abbr', 'axis', 'colspan', 'rowspan', 'width', 'align', 'valign', 'dir', 'scope'],
    ul: ['type'],
    param: ['name', 'value'],
    object: ['width', 'height', 'style', 'data', 'type', 'classid', 'codebase'],
    embed: ['name', 'src', 'type', 'allowfullscreen', 'pluginspage', 'wmode', 'allowscriptaccess', 'width', 'height'],
    video: ['name', 'src', 'allowfullscreen', 'muted', 'poster', 'width', 'height'],
    audio: ['name', 'src', 'muted'],
    font: ['face', 'color', 'size'],
  },
  protocols: {
    href: { schemes: ['ftp', 'http', 'https', 'mailto'], relative: true },
    cite: { schemes: ['http', 'https'], relative: true },
    src: { schemes: ['http', 'https'], relative: true },
    data: { schemes: ['http', 'https'], relative: true },
  },
  styleProperty: (property) => CANVAS_STYLE_PROPERTIES.has(property) || CANVAS_STYLE_EXPRESSIONS.some((e) => e.test(property)),
  // clean_style_value: every "name(" must be url( and every "scheme:" must be http, https or none.
  styleValue: (value) => {
    const lower = value.toLowerCase();
    for (const [, method] of lower.matchAll(/([a-z0-9+\-.&;#\s]*?)(?:\(|&#0*40|&#x0*28)/gi)) if (method!.trim() !== 'url') return false;
    for (const [, scheme] of lower.matchAll(/([a-z0-9+\-.&;#\s]*?)(?::|&#0*58|&#x0*3a)/gi)) if (!['http', 'https', ''].includes(scheme!.trim())) return false;
    return true;
  },
  styleGauntlet: (style) =>
    /^(?:[-:,;#%.()/\sa-zA-Z0-9!]|'[\s\w]+'|"[\s\w]+"|\([\d,\s]+\))*$/.test(style) && /^\s*(?:[-\w]+\s*:[^;]*(?:;\s*|$))*$/.test(style),
  frameTargets: ['_blank', '_self', '_parent', '_top'],
};

/** What a filter took out, so a test can say why a snippet changed. */
export interface FilterReport {
  html: string;
  removed: string[];
}

const isElement = (node: Node): node is Element => 'tagName' in node;

function cleanStyle(filter: HtmlFilter, style: string, removed: string[], where: string): string | undefined {
  if (!filter.styleGauntlet(style)) {
    removed.push(`${where} style="${style}" (whole attribute)`);
    return undefined;
  }
  const declarations = style.split(';').map((d) => d.trim()).filter(Boolean);
  const kept = declarations.filter((declaration) => {
    const colon = declaration.indexOf(':');
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim();
    const ok = colon > 0 && filter.styleProperty(property) && filter.styleValue(value);
    if (!ok) removed.push(`${where} style ${declaration}`);
    return ok;
  });
  if (kept.length === declarations.length) return style;
  return kept.length ? `${kept.join('; ')};` : undefined;
}

function urlAllowed(rule: { schemes: readonly string[]; relative: boolean }, value: string): boolean {
  const scheme = /^\s*([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(value)?.[1]?.toLowerCase();
  return scheme ? rule.schemes.includes(scheme) : rule.relative;
}

function cleanAttributes(filter: HtmlFilter, element: Element, removed: string[]): void {
  const where = `<${element.tagName}>`;
  const own = new Set(filter.attributes[element.tagName] ?? []);
  element.attrs = element.attrs.flatMap((attr) => {
    const name = attr.name.toLowerCase();
    if (!filter.globalAttributes.has(name) && !own.has(name)) {
      removed.push(`${where} ${name}`);
      return [];
    }
    const protocol = filter.protocols[name];
    if (protocol && !urlAllowed(protocol, attr.value)) {
      removed.push(`${where} ${name}="${attr.value}"`);
      return [];
    }
    if (name === 'target' && !filter.frameTargets.includes(attr.value)) {
      removed.push(`${where} target="${attr.value}"`);
      return [];
    }
    if (name === 'style') {
      const style = cleanStyle(filter, attr.value, removed, where);
      return style === undefined ? [] : [{ ...attr, value: style }];
    }
    return [attr];
  });
}

function cleanChildren(filter: HtmlFilter, parent: ParentNode, removed: string[]): void {
  const out: Node[] = [];
  for (const child of parent.childNodes) {
    if (child.nodeName === '#comment') continue;
    if (!isElement(child)) {
      out.push(child);
      continue;
    }
    if (filter.dropWithContents.has(child.tagName)) {
      removed.push(`<${child.tagName}> and its contents`);
      continue;
    }
    cleanChildren(filter, child, removed);
    if (!filter.elements.has(child.tagName)) {
      removed.push(`<${child.tagName}> (contents kept)`);
      for (const grandchild of child.childNodes) (grandchild as { parentNode: ParentNode }).parentNode = parent;
      out.push(...child.childNodes);
      continue;
    }
    cleanAttributes(filter, child, removed);
    out.push(child);
  }
  parent.childNodes = out as typeof parent.childNodes;
}

/** The fragment as a browser parses it, serialised again: the "unchanged" a filtered result is compared to. */
export function normaliseHtml(html: string): string {
  return serialize(parseFragment(html));
}

/** Runs `html` through `filter`: the cleaned fragment and what was removed. */
export function applyFilter(filter: HtmlFilter, html: string): FilterReport {
  const fragment = parseFragment(html);
  const removed: string[] = [];
  cleanChildren(filter, fragment, removed);
  return { html: serialize(fragment), removed };
}
