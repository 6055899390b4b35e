/**
 * The docs site's pages as HTML strings: the shared page shell (skip link, site navigation,
 * main, footer, a strict Content-Security-Policy), the home page, the element index, one page
 * per element generated from the Custom Elements Manifest, the Markdown guides and the xAPI
 * profile. Pure and browser-safe: scripts/docs/site.ts writes the pages to disk, and the
 * browser test mounts them.
 */
import { escapeHtml, relativeUrl, renderInline, renderMarkdown, type LinkContext } from './markdown.js';
import type { ElementDoc, ManifestAttribute, ManifestMember, ManifestNamed } from './manifest.js';
import type { ElementExample } from './examples.js';

/**
 * The policy every generated page declares: the live examples run under it, so the site shows
 * what docs/embedding/csp.md promises (no inline script or style, no eval).
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

/** Where the shared assets live in the site. */
export const ASSETS = { css: 'assets/site.css', liveExamples: 'assets/live-examples.js' } as const;

/** The top-level sections, in the order the site navigation lists them. */
export const SECTIONS = [
  { id: 'start', label: 'Getting started', page: 'getting-started.html' },
  { id: 'elements', label: 'Elements', page: 'elements/index.html' },
  { id: 'api', label: 'API reference', page: 'api/index.html' },
  { id: 'server', label: 'Server', page: 'server/index.html' },
  { id: 'embedding', label: 'Embedding', page: 'embedding/index.html' },
  { id: 'xapi', label: 'xAPI profile', page: 'xapi-profile.html' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'] | 'home';

/** What every page needs to know about the site. */
export interface SiteInfo {
  version: string;
  /** The package description, for the home page. */
  description: string;
  /**
   * The API reference page of a class, as a site path (`api/classes/...html`), when the site
   * has one; the element pages link class and event names to it.
   */
  apiPage?: (className: string) => string | undefined;
}

/** A link in a side navigation. */
export interface SideLink {
  label: string;
  page: string;
}

export interface ShellOptions {
  /** This page's path in the site, such as `elements/plc-enquiry.html`. */
  page: string;
  title: string;
  section: SectionId;
  /** The content of `<main>`. */
  main: string;
  site: SiteInfo;
  /** A side navigation (the element list, the embedding guides). */
  side?: { label: string; links: readonly SideLink[] };
  /** Load the live examples' script. */
  liveExamples?: boolean;
}

/** A whole page: head, skip link, site navigation, main, optional side navigation, footer. */
export function pageShell(options: ShellOptions): string {
  const { page, site } = options;
  const href = (target: string) => escapeHtml(relativeUrl(page, target));
  const navItem = (label: string, target: string, current: boolean) => {
    const state = target === page ? ' aria-current="page"' : current ? ' aria-current="true"' : '';
    return `<li><a href="${href(target)}"${state}>${escapeHtml(label)}</a></li>`;
  };
  const sections = SECTIONS.map((section) => navItem(section.label, section.page, section.id === options.section)).join('\n          ');
  const side = options.side
    ? `
      <nav class="side-nav" aria-label="${escapeHtml(options.side.label)}">
        <h2 class="side-nav-heading">${escapeHtml(options.side.label)}</h2>
        <ul>
          ${options.side.links.map((link) => navItem(link.label, link.page, false)).join('\n          ')}
        </ul>
      </nav>`
    : '';
  const script = options.liveExamples ? `\n    <script src="${href(ASSETS.liveExamples)}" defer></script>` : '';
  return `<!doctype html>
<html lang="en-GB">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light dark">
    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
    <title>${escapeHtml(options.title === 'plc-kit' ? 'plc-kit documentation' : `${options.title} · plc-kit`)}</title>
    <link rel="stylesheet" href="${href(ASSETS.css)}">${script}
  </head>
  <body>
    <a class="skip-link" href="#main">Skip to main content</a>
    <header class="site-header">
      <a class="brand" href="${href('index.html')}"${page === 'index.html' ? ' aria-current="page"' : ''}>plc-kit <span class="version">${escapeHtml(site.version)}</span></a>
      <nav class="site-nav" aria-label="Site">
        <ul>
          ${sections}
        </ul>
      </nav>
    </header>
    <div class="page${options.side ? ' has-side-nav' : ''}">
      <main id="main" tabindex="-1">
${options.main}
      </main>${side}
    </div>
    <footer class="site-footer">
      <p>plc-kit ${escapeHtml(site.version)}, MIT licence. Generated from the sources by <code>npm run docs</code>.</p>
    </footer>
  </body>
</html>
`;
}

const code = (text: string) => `<code>${escapeHtml(text)}</code>`;
const muted = (text: string) => `<span class="muted">${escapeHtml(text)}</span>`;
const describe = (item: { description?: string; summary?: string }) => {
  const text = item.description || item.summary || '';
  return text ? renderInline(text) : muted('No description.');
};
const deprecatedNote = (item: { deprecated?: boolean | string }) =>
  item.deprecated ? ` <strong class="deprecated">Deprecated${typeof item.deprecated === 'string' ? `: ${escapeHtml(item.deprecated)}` : '.'}</strong>` : '';

/** A table with a column header row and a row header per entry. */
function table(labelledBy: string, columns: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const head = columns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join('');
  const body = rows.map(([first, ...rest]) => `<tr><th scope="row">${first}</th>${rest.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('\n');
  return `<div class="table-wrap" role="region" tabindex="0" aria-labelledby="${labelledBy}"><table aria-labelledby="${labelledBy}">
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody></table></div>`;
}

interface ApiSection {
  id: string;
  heading: string;
  /** "This element has no ..." */
  noun: string;
  columns: readonly string[];
  rows: ReadonlyArray<readonly string[]>;
}

function apiSection(tag: string, section: ApiSection): string {
  const content = section.rows.length
    ? table(section.id, section.columns, section.rows)
    : `<p class="none">None: ${code(`<${tag}>`)} has no ${escapeHtml(section.noun)}.</p>`;
  // No aria-labelledby: the table's scrolling region carries the heading's name, and two
  // landmarks with one name are one too many.
  return `<section class="api-section api-${section.id}">
<h2 id="${section.id}">${escapeHtml(section.heading)} <span class="count">(${section.rows.length})</span></h2>
${content}
</section>`;
}

const typeCell = (type?: { text: string }) => (type?.text ? code(type.text) : muted('not declared'));
const defaultCell = (value?: string) => (value !== undefined && value !== '' ? code(value) : muted('none'));

function attributeRow(attribute: ManifestAttribute): string[] {
  return [code(attribute.name), typeCell(attribute.type), defaultCell(attribute.default), describe(attribute) + deprecatedNote(attribute)];
}

function propertyRow(property: ManifestMember): string[] {
  const notes = [property.readonly ? 'Read-only.' : '', property.inheritedFrom ? `Inherited from ${code(property.inheritedFrom.name)}.` : '']
    .filter(Boolean)
    .join(' ');
  return [
    code(property.name),
    property.attribute ? code(property.attribute) : muted('none'),
    typeCell(property.type),
    defaultCell(property.default),
    describe(property) + (notes ? ` <span class="notes">${notes}</span>` : '') + deprecatedNote(property),
  ];
}

function methodRow(method: ManifestMember): string[] {
  const parameters = (method.parameters ?? []).map((p) => `${p.name}${p.optional ? '?' : ''}${p.type?.text ? `: ${p.type.text}` : ''}`).join(', ');
  const signature = `${method.name}(${parameters})${method.return?.type?.text ? `: ${method.return.type.text}` : ''}`;
  const notes = method.inheritedFrom ? ` <span class="notes">Inherited from ${code(method.inheritedFrom.name)}.</span>` : '';
  return [code(method.name), code(signature), describe(method) + notes + deprecatedNote(method)];
}

const namedRow = (item: ManifestNamed, name: string) => [code(name), describe(item)];

/** A link to a class's API page when the site has one, or its name. */
function classLink(className: string | undefined, page: string, site: SiteInfo): string {
  if (!className) return muted('Event');
  const target = site.apiPage?.(className);
  return target ? `<a href="${escapeHtml(relativeUrl(page, target))}">${code(className)}</a>` : code(className);
}

/** The element pages' side navigation: every element. */
export function elementLinks(elements: readonly ElementDoc[]): SideLink[] {
  return elements.map((element) => ({ label: `<${element.tag}>`, page: `elements/${element.tag}.html` }));
}

/** One element's page: summary, facts, description, live example, then each part of its API. */
export function elementPage(element: ElementDoc, example: ElementExample, site: SiteInfo, elements: readonly ElementDoc[]): string {
  const page = `elements/${element.tag}.html`;
  const { tag } = element;
  const folder = /^(?:dist\/)?components\/([^/]+)\//.exec(element.modulePath)?.[1];
  const sections: ApiSection[] = [
    { id: 'attributes', heading: 'Attributes', noun: 'attributes', columns: ['Attribute', 'Type', 'Default', 'Description'], rows: element.attributes.map(attributeRow) },
    {
      id: 'properties',
      heading: 'Properties',
      noun: 'public properties',
      columns: ['Property', 'Attribute', 'Type', 'Default', 'Description'],
      rows: element.properties.map(propertyRow),
    },
    { id: 'methods', heading: 'Methods', noun: 'public methods', columns: ['Method', 'Signature', 'Description'], rows: element.methods.map(methodRow) },
    {
      id: 'events',
      heading: 'Events',
      noun: 'events',
      columns: ['Event', 'Class', 'Description'],
      rows: element.events.map((event) => [code(event.name), classLink(event.type, page, site), event.description ? renderInline(event.description) : muted('No description.')]),
    },
    { id: 'slots', heading: 'Slots', noun: 'slots', columns: ['Slot', 'Description'], rows: element.slots.map((slot) => namedRow(slot, slot.name || '(default)')) },
    { id: 'css-parts', heading: 'CSS parts', noun: 'CSS parts', columns: ['Part', 'Description'], rows: element.cssParts.map((part) => namedRow(part, part.name)) },
    {
      id: 'css-custom-properties',
      heading: 'CSS custom properties',
      noun: 'CSS custom properties',
      columns: ['Custom property', 'Default', 'Description'],
      rows: element.cssProperties.map((property) => [code(property.name), defaultCell(property.default), describe(property)]),
    },
  ];
  const facts = [
    `<dt>Class</dt><dd>${classLink(element.className, page, site)}</dd>`,
    folder ? `<dt>Import</dt><dd>${code(`import 'plc-kit/components/${folder}.js';`)} (or the whole bundle)</dd>` : '',
    `<dt>Source</dt><dd>${code(element.modulePath)}</dd>`,
  ].join('\n');
  const toc = [
    `<li><a href="#live-example">Live example</a></li>`,
    ...sections.map((section) => `<li><a href="#${section.id}">${escapeHtml(section.heading)}</a> <span class="count">(${section.rows.length})</span></li>`),
  ].join('\n');
  const main = `<h1>${code(`<${tag}>`)}</h1>
${element.summary ? `<p class="lead">${renderInline(element.summary)}</p>` : ''}
<dl class="facts">
${facts}
</dl>
<nav class="toc" aria-label="On this page">
<ul>
${toc}
</ul>
</nav>
<div class="description">
${element.description ? renderMarkdown(element.description, undefined, 2).html : `<p>${muted('No description.')}</p>`}
</div>
${liveExample(tag, example)}
${sections.map((section) => apiSection(tag, section)).join('\n')}`;
  return pageShell({ page, title: `<${tag}>`, section: 'elements', main, site, side: { label: 'Elements', links: elementLinks(elements) }, liveExamples: true });
}

/** How the examples' providers get their data, since the markup alone does not say. */
const STORE_NOTE =
  '<p class="muted-note">The page\'s script gives each <code>&lt;plc-provider&gt;</code> here a memory store with the demo school (<code>examples/demo/seed.ts</code>), one observation and one survey: <code>provider.store = store</code>. Nothing leaves this page.</p>';

/**
 * The markup and, beside it (below it on narrower screens), the element it produces, running.
 * The markup comes first: it is short, and reading it first explains what follows.
 */
export function liveExample(tag: string, example: ElementExample): string {
  return `<section class="example" aria-labelledby="live-example">
<h2 id="live-example">Live example</h2>
<p>${renderInline(example.caption)}</p>
<div class="example-grid">
<div class="example-code">
<h3 id="example-html">HTML</h3>
<pre aria-labelledby="example-html"><code>${escapeHtml(example.html)}</code></pre>
${example.html.includes('<plc-provider') ? STORE_NOTE : ''}
</div>
<div class="example-result">
<h3 id="example-result">Result</h3>
<div class="example-live" data-live-example="${escapeHtml(tag)}">
${example.html}
<noscript><p class="none">The live example needs JavaScript.</p></noscript>
</div>
</div>
</div>
</section>`;
}

/** Every element with its summary. */
export function elementsIndexPage(elements: readonly ElementDoc[], site: SiteInfo): string {
  const page = 'elements/index.html';
  const rows = elements.map((element) => [`<a href="${escapeHtml(relativeUrl(page, `elements/${element.tag}.html`))}">${code(`<${element.tag}>`)}</a>`, element.summary ? renderInline(element.summary) : muted('No summary.')]);
  const main = `<h1>Elements</h1>
<p class="lead">${elements.length} custom elements, each with a page generated from the Custom Elements Manifest (<a href="${escapeHtml(relativeUrl(page, 'custom-elements.json'))}">custom-elements.json</a>) and a live example on the demo school.</p>
<p>Load them all with the drop-in bundle (<code>&lt;script type="module" src="bundle.js"&gt;</code>, each element loaded the first time the page uses it) or import one: <code>import 'plc-kit/components/plc-enquiry.js'</code>. Put them inside a <code>&lt;plc-provider&gt;</code>, or use <code>&lt;plc-app&gt;</code>, which has one.</p>
<section>
<h2 id="all-elements">All elements</h2>
${table('all-elements', ['Element', 'Summary'], rows)}
</section>`;
  return pageShell({ page, title: 'Elements', section: 'elements', main, site, side: { label: 'Elements', links: elementLinks(elements) } });
}

/** A Markdown guide to render as a page. */
export interface GuidePage {
  /** Its path in the repository, such as `docs/embedding/moodle.md`. */
  source: string;
  /** Its path in the site, such as `embedding/moodle.html`. */
  page: string;
  section: SectionId;
  markdown: string;
}

/** A guide rendered in the page shell; its first heading titles the page. */
export function guidePage(guide: GuidePage, sitePaths: ReadonlyMap<string, string>, site: SiteInfo, side?: ShellOptions['side']): { html: string; title: string } {
  const context: LinkContext = { source: guide.source, page: guide.page, sitePaths };
  const rendered = renderMarkdown(guide.markdown, context);
  if (!rendered.title) throw new Error(`${guide.source}: the guide needs a heading (# Title) to title its page.`);
  const main = `<div class="prose">\n${rendered.html}</div>`;
  return { html: pageShell({ page: guide.page, title: rendered.title, section: guide.section, main, site, ...(side ? { side } : {}) }), title: rendered.title };
}

/** The guides the home page lists. */
export interface GuideLink {
  title: string;
  page: string;
}

/** The home page: what plc-kit is and where everything is. */
export function homePage(site: SiteInfo, elements: readonly ElementDoc[], embeddingGuides: readonly GuideLink[], screenshot?: { src: string; alt: string }): string {
  const page = 'index.html';
  const link = (target: string, text: string) => `<a href="${escapeHtml(relativeUrl(page, target))}">${escapeHtml(text)}</a>`;
  const guides = embeddingGuides.map((guide) => `<li>${link(guide.page, guide.title)}</li>`).join('\n');
  const picture = screenshot ? `<img class="hero" src="${escapeHtml(relativeUrl(page, screenshot.src))}" alt="${escapeHtml(screenshot.alt)}" width="1280" height="800">` : '';
  const main = `<h1>plc-kit</h1>
<p class="lead">${escapeHtml(site.description)}</p>
${picture}
<div class="cards">
<section class="card" aria-labelledby="card-start">
<h2 id="card-start">${link('getting-started.html', 'Getting started')}</h2>
<p>Install, run the demo, and the quick starts for developers, site admins and integrators.</p>
</section>
<section class="card" aria-labelledby="card-elements">
<h2 id="card-elements">${link('elements/index.html', 'Elements')}</h2>
<p>${elements.length} web components, each with its attributes, properties, events, slots, parts and custom properties, and a live example.</p>
</section>
<section class="card" aria-labelledby="card-api">
<h2 id="card-api">${link('api/index.html', 'API reference')}</h2>
<p>The core (schemas, lifecycle, policy, stores, analysis, export) and the element classes, generated by typedoc.</p>
</section>
<section class="card" aria-labelledby="card-server">
<h2 id="card-server">${link('server/index.html', 'Server guide')}</h2>
<p>Run the plc-kit server on PostgreSQL or embedded PGlite: configuration, the REST contract, scaling out.</p>
</section>
<section class="card" aria-labelledby="card-embedding">
<h2 id="card-embedding">${link('embedding/index.html', 'Embedding guides')}</h2>
<ul>
${guides}
</ul>
</section>
<section class="card" aria-labelledby="card-xapi">
<h2 id="card-xapi">${link('xapi-profile.html', 'xAPI profile')}</h2>
<p>The verbs, activity types and statement templates of the statements plc-kit sends to a learning record store.</p>
</section>
</div>`;
  return pageShell({ page, title: 'plc-kit', section: 'home', main, site });
}

type LanguageMap = Readonly<Record<string, string>>;
interface XapiConcept {
  id: string;
  type: string;
  prefLabel?: LanguageMap;
  definition?: LanguageMap;
}
interface XapiTemplate extends XapiConcept {
  verb?: string;
  objectActivityType?: string;
}
/** The parts of an xAPI profile (JSON-LD) the page shows. */
export interface XapiProfile {
  id: string;
  prefLabel: LanguageMap;
  definition: LanguageMap;
  concepts?: XapiConcept[];
  templates?: XapiTemplate[];
}

/** The xAPI profile as a page: what it is, its concepts and statement templates, and the file. */
export function xapiPage(profile: XapiProfile, site: SiteInfo, file: string): string {
  for (const field of ['id', 'prefLabel', 'definition'] as const) {
    if (!profile?.[field]) throw new Error(`docs/xapi-profile.jsonld: "${field}" is missing; an xAPI profile needs id, prefLabel and definition.`);
  }
  const page = 'xapi-profile.html';
  const en = (map?: LanguageMap) => map?.en ?? Object.values(map ?? {})[0] ?? '';
  const concepts = (profile.concepts ?? []).map((concept) => [escapeHtml(en(concept.prefLabel) || concept.id), escapeHtml(concept.type), code(concept.id), escapeHtml(en(concept.definition))]);
  const templates = (profile.templates ?? []).map((template) => [code(en(template.prefLabel) || template.id), template.verb ? code(template.verb) : muted('none'), escapeHtml(en(template.definition))]);
  const main = `<h1>xAPI profile</h1>
<p class="lead">${escapeHtml(en(profile.prefLabel))}</p>
<p>${escapeHtml(en(profile.definition))}</p>
<p>Profile id ${code(profile.id)}. The profile itself, as JSON-LD: <a href="${escapeHtml(relativeUrl(page, file))}" download>xapi-profile.jsonld</a>.</p>
<section>
<h2 id="concepts">Concepts <span class="count">(${concepts.length})</span></h2>
${table('concepts', ['Label', 'Type', 'IRI', 'Definition'], concepts)}
</section>
<section>
<h2 id="templates">Statement templates <span class="count">(${templates.length})</span></h2>
<p>One per lifecycle event that becomes a statement; the template's label is the event type.</p>
${table('templates', ['Event', 'Verb', 'Definition'], templates)}
</section>`;
  return pageShell({ page, title: 'xAPI profile', section: 'xapi', main, site });
}
