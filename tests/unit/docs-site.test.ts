/**
 * The docs site generator (`npm run docs`): from a small fixture manifest it writes a page per
 * element with every attribute, property, method, event, slot, part and custom property listed,
 * a clear "none" for what an element lacks, and the HTML in descriptions escaped; it refuses to
 * build when an element has no example or a link points nowhere; Markdown guides keep their
 * links and anchors. And the real example map covers exactly the elements plc-kit registers.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLES, checkExamples, type ElementExample } from '../../scripts/docs/examples.js';
import { elementsOf, type Manifest } from '../../scripts/docs/manifest.js';
import { renderMarkdown, siteLink } from '../../scripts/docs/markdown.js';
import { CONTENT_SECURITY_POLICY } from '../../scripts/docs/pages.js';
import { findBrokenLinks, planSite, writeSite, type SiteInput } from '../../scripts/docs/site.js';

const ROOT = join(import.meta.dirname, '..', '..');

const FIXTURE: Manifest = {
  schemaVersion: '2.1.0',
  modules: [
    {
      kind: 'javascript-module',
      path: 'components/x-alpha/x-alpha.ts',
      declarations: [
        {
          kind: 'class',
          name: 'XAlpha',
          tagName: 'x-alpha',
          customElement: true,
          summary: 'Alpha with <b>bold</b> claims.',
          description: 'Writes `code` and <script>alert("owned")</script> and <img src=x onerror=alert(1)>.',
          attributes: [
            { name: 'enquiry-id', type: { text: 'string | undefined' }, description: 'The enquiry <em>to show</em>.', fieldName: 'enquiryId' },
            { name: 'heading-level', type: { text: 'number' }, default: '2', description: 'The heading level.', fieldName: 'headingLevel' },
          ],
          members: [
            { kind: 'field', name: 'enquiryId', type: { text: 'string | undefined' }, attribute: 'enquiry-id', description: 'The enquiry to show.' },
            { kind: 'field', name: 'loaded', type: { text: 'Promise<void>' }, readonly: true, description: 'Resolves when loaded.' },
            { kind: 'field', name: 'secret', privacy: 'private', description: 'Not for the docs.' },
            { kind: 'field', name: 'plcKitVersion', static: true, readonly: true, description: 'Static, in the API reference only.' },
            { kind: 'method', name: 'focusHeading', parameters: [{ name: 'smooth', type: { text: 'boolean' }, optional: true }], return: { type: { text: 'void' } }, description: 'Moves focus.' },
          ],
          events: [
            { name: 'x-change', description: 'Something was saved: `step`.' },
            { name: 'message', type: { text: 'XChangeEvent' } },
            { type: { text: 'XChangeEvent' } },
          ],
          slots: [
            { name: '', description: 'The content.' },
            { name: 'footer', description: 'Below the content.' },
          ],
          cssParts: [{ name: 'header', description: 'The header.' }],
          cssProperties: [{ name: '--x-color', default: '#123456', description: 'The colour.' }],
        },
      ],
    },
    { kind: 'javascript-module', path: 'components/events/change.ts', declarations: [{ kind: 'class', name: 'XChangeEvent' }] },
    { kind: 'javascript-module', path: 'components/base/base.ts', declarations: [{ kind: 'class', name: 'XBase', customElement: true }] },
    { kind: 'javascript-module', path: 'components/x-beta/x-beta.ts', declarations: [{ kind: 'class', name: 'XBeta', tagName: 'x-beta', customElement: true }] },
  ],
};

const FIXTURE_EXAMPLES: Record<string, ElementExample> = {
  'x-alpha': { caption: 'Alpha on the demo school.', html: '<plc-provider storage="memory"><x-alpha enquiry-id="enq-feedback"></x-alpha></plc-provider>' },
  'x-beta': { caption: 'Beta.', html: '<x-beta></x-beta>' },
};

const temporary: string[] = [];
after(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** A whole site's inputs, small: the fixture manifest, four guides and the files they need. */
function fixtureSite(overrides: Partial<SiteInput> = {}): { input: SiteInput; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'plc-docs-'));
  temporary.push(dir);
  mkdirSync(join(dir, 'api'));
  writeFileSync(join(dir, 'api', 'index.html'), '<!doctype html><title>API</title>');
  writeFileSync(join(dir, 'custom-elements.json'), JSON.stringify(FIXTURE));
  writeFileSync(join(dir, 'profile.jsonld'), '{}');
  const input: SiteInput = {
    info: { version: '9.9.9', description: 'A kit & <its> parts.' },
    manifest: FIXTURE,
    examples: FIXTURE_EXAMPLES,
    guides: [
      { source: 'README.md', page: 'getting-started.html', section: 'start', markdown: '# Kit\n\nSee [the guides](docs/embedding/) and [the server](docs/server/README.md#run-it).' },
      { source: 'docs/server/README.md', page: 'server/index.html', section: 'server', markdown: '# Server\n\n## Run it\n\nThe [contract](./openapi.json).' },
      { source: 'docs/embedding/README.md', page: 'embedding/index.html', section: 'embedding', markdown: '# Embedding\n\n[Moodle](./moodle.md#which-path)' },
      { source: 'docs/embedding/moodle.md', page: 'embedding/moodle.html', section: 'embedding', markdown: '# Moodle\n\n## Which path?\n\nBack to [embedding](./README.md).' },
    ],
    files: [
      { from: join(ROOT, 'docs/site-assets/site.css'), page: 'assets/site.css' },
      { from: join(dir, 'api'), page: 'api' },
      { from: join(dir, 'custom-elements.json'), page: 'custom-elements.json', source: 'custom-elements.json' },
      { from: join(dir, 'profile.jsonld'), page: 'server/openapi.json', source: 'docs/server/openapi.json' },
      { from: join(dir, 'profile.jsonld'), page: 'xapi-profile.jsonld' },
    ],
    xapi: {
      page: 'xapi-profile.jsonld',
      profile: {
        id: 'https://example.test/profile',
        prefLabel: { en: 'Kit profile' },
        definition: { en: 'Statements.' },
        concepts: [{ id: 'https://example.test/verbs/made', type: 'Verb', prefLabel: { en: 'made' }, definition: { en: 'Made <it>.' } }],
        templates: [{ id: 'https://example.test/templates/make', type: 'StatementTemplate', prefLabel: { en: 'thing.make' }, verb: 'https://example.test/verbs/made' }],
      },
    },
    ...overrides,
  };
  return { input, dir };
}

/** The live examples' script, built from dist/ by `npm run docs`; these tests need only its file. */
const LIVE_SCRIPT = new Map([['assets/live-examples.js', '/* the live examples */']]);

/** The HTML of one `<section>` of an element page, by its heading id. */
function sectionOf(html: string, id: string): string {
  const start = html.indexOf(`<section class="api-section api-${id}">`);
  assert.ok(start >= 0, `no section ${id}`);
  return html.slice(start, html.indexOf('</section>', start));
}

describe('docs site: elements from the manifest', () => {
  it('lists the classes with a tag, sorted, with public instance members and documented events only', () => {
    const elements = elementsOf(FIXTURE);
    assert.deepEqual(
      elements.map((e) => e.tag),
      ['x-alpha', 'x-beta'],
    );
    const alpha = elements[0]!;
    assert.deepEqual(
      alpha.properties.map((p) => p.name),
      ['enquiryId', 'loaded'],
    );
    assert.deepEqual(
      alpha.methods.map((m) => m.name),
      ['focusHeading'],
    );
    // The analyzer's guesses from `new XChangeEvent(message)` (a type, no description) are left out.
    assert.deepEqual(alpha.events, [{ name: 'x-change', type: 'XChangeEvent', description: 'Something was saved: `step`.' }]);
  });

  it('refuses a manifest without modules, and two classes with one tag', () => {
    assert.throws(() => elementsOf({} as Manifest), /custom-elements\.json: expected an object with a "modules" array/);
    const twice: Manifest = { modules: [{ path: 'a.ts', declarations: [{ kind: 'class', name: 'A', tagName: 'x-a' }] }, { path: 'b.ts', declarations: [{ kind: 'class', name: 'B', tagName: 'x-a' }] }] };
    assert.throws(() => elementsOf(twice), /<x-a> is declared by A \(a\.ts\) and by B \(b\.ts\)/);
  });
});

describe('docs site: element pages', () => {
  const { input, dir } = fixtureSite();
  const out = join(dir, 'site');
  const result = writeSite(out, planSite(input), LIVE_SCRIPT);
  const page = (path: string) => readFileSync(join(out, path), 'utf8');

  it('writes one page per element, the element index, the guides and the home page', () => {
    assert.deepEqual(readdirSync(join(out, 'elements')).sort(), ['index.html', 'x-alpha.html', 'x-beta.html']);
    for (const path of ['index.html', 'getting-started.html', 'server/index.html', 'embedding/index.html', 'embedding/moodle.html', 'xapi-profile.html']) assert.ok(page(path).startsWith('<!doctype html>'), path);
    assert.equal(result.pages, 9);
  });

  it('lists every attribute, property, method, event, slot, part and custom property in its section', () => {
    const html = page('elements/x-alpha.html');
    const expected: Record<string, string[]> = {
      attributes: ['<code>enquiry-id</code>', '<code>heading-level</code>', '<code>string | undefined</code>', '<code>2</code>'],
      properties: ['<code>enquiryId</code>', '<code>loaded</code>', 'Read-only.'],
      methods: ['<code>focusHeading</code>', '<code>focusHeading(smooth?: boolean): void</code>'],
      events: ['<code>x-change</code>', '<code>XChangeEvent</code>', 'Something was saved: <code>step</code>.'],
      slots: ['<code>(default)</code>', '<code>footer</code>'],
      'css-parts': ['<code>header</code>', 'The header.'],
      'css-custom-properties': ['<code>--x-color</code>', '<code>#123456</code>', 'The colour.'],
    };
    for (const [id, needles] of Object.entries(expected)) {
      const section = sectionOf(html, id);
      for (const needle of needles) assert.ok(section.includes(needle), `${id} should include ${needle}`);
      assert.match(section, /<th scope="col">/);
      assert.match(section, /<th scope="row">/);
    }
    assert.ok(!html.includes('secret'), 'private members stay out');
    assert.ok(!html.includes('plcKitVersion'), 'static members stay out');
    assert.ok(!sectionOf(html, 'events').includes('<code>message</code>'), "the analyzer's guessed event stays out");
  });

  it('escapes the HTML in descriptions and summaries, and keeps their Markdown', () => {
    const html = page('elements/x-alpha.html');
    for (const escaped of [
      '&lt;script&gt;alert("owned")&lt;/script&gt;',
      '&lt;img src=x onerror=alert(1)&gt;',
      'Alpha with &lt;b&gt;bold&lt;/b&gt; claims.',
      'The enquiry &lt;em&gt;to show&lt;/em&gt;.',
      'Writes <code>code</code> and',
    ]) {
      assert.ok(html.includes(escaped), `the page should include ${escaped}`);
    }
    assert.doesNotMatch(html, /<script>alert|<img src=x|<b>bold|<em>to show/);
    assert.ok(page('index.html').includes('A kit &amp; &lt;its&gt; parts.'), 'the description on the home page');
    assert.ok(page('xapi-profile.html').includes('Made &lt;it&gt;.'), 'the xAPI definitions');
  });

  it('says "none" for each part of the API an element lacks', () => {
    const html = page('elements/x-beta.html');
    for (const [id, noun] of [
      ['attributes', 'attributes'],
      ['properties', 'public properties'],
      ['methods', 'public methods'],
      ['events', 'events'],
      ['slots', 'slots'],
      ['css-parts', 'CSS parts'],
      ['css-custom-properties', 'CSS custom properties'],
    ] as const) {
      assert.ok(sectionOf(html, id).includes(`<p class="none">None: <code>&lt;x-beta&gt;</code> has no ${noun}.</p>`), id);
    }
  });

  it('shows the live example running and, escaped, the markup that produced it', () => {
    const html = page('elements/x-alpha.html');
    assert.ok(html.includes(`<div class="example-live" data-live-example="x-alpha">\n${FIXTURE_EXAMPLES['x-alpha']!.html}`), 'the running markup');
    assert.ok(html.includes('<pre aria-labelledby="example-html"><code>&lt;plc-provider storage=&quot;memory&quot;&gt;&lt;x-alpha enquiry-id=&quot;enq-feedback&quot;&gt;'), 'the markup shown');
    assert.ok(html.includes('<script src="../assets/live-examples.js" defer></script>'), "the live examples' script");
    assert.ok(html.includes('<code>provider.store = store</code>'), 'how the provider gets the demo school');
    assert.ok(!page('elements/x-beta.html').includes('provider.store'), 'no provider, no note about it');
  });

  it('gives every page the policy, a skip link to main, landmarks, and no inline script or style', () => {
    for (const path of ['index.html', 'elements/index.html', 'elements/x-alpha.html', 'embedding/moodle.html', 'xapi-profile.html']) {
      const html = page(path);
      assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`), path);
      assert.match(html, /<a class="skip-link" href="#main">/);
      assert.match(html, /<main id="main"/);
      assert.match(html, /<nav class="site-nav" aria-label="Site">/);
      assert.equal(html.match(/<h1[\s>]/g)?.length, 1, `${path}: one h1`);
      assert.ok(!/<script(?![^>]*\ssrc=)[^>]*>/.test(html), `${path}: inline script`);
      assert.ok(!/<[a-z][^>]*\sstyle=/i.test(html), `${path}: style attribute`);
    }
    assert.ok(!page('elements/x-alpha.html').includes("'unsafe-inline'"), 'no unsafe-inline in the policy');
  });

  it('links each element page to every other and marks the current one', () => {
    const html = page('elements/x-beta.html');
    assert.match(html, /<a href="x-alpha.html">&lt;x-alpha&gt;<\/a>/);
    assert.match(html, /<a href="x-beta.html" aria-current="page">&lt;x-beta&gt;<\/a>/);
    assert.match(html, /<a href="index.html" aria-current="true">Elements<\/a>/);
  });
});

describe('docs site: refusals', () => {
  it('refuses to build when an element in the manifest has no example, naming it and the fix', () => {
    const { input } = fixtureSite({ examples: { 'x-alpha': FIXTURE_EXAMPLES['x-alpha']! } });
    assert.throws(() => planSite(input), /<x-beta> has no live example: add one to EXAMPLES in scripts\/docs\/examples\.ts/);
  });

  it("refuses an example that does not use its element, and one for an element the manifest lacks", () => {
    assert.throws(() => checkExamples(['x-alpha'], { 'x-alpha': { caption: '', html: '<x-alphabet></x-alphabet>' } }), /<x-alpha>'s example does not use <x-alpha>/);
    assert.throws(() => checkExamples(['x-alpha'], { ...FIXTURE_EXAMPLES }), /EXAMPLES in scripts\/docs\/examples\.ts has <x-beta>, which the manifest does not list/);
  });

  it('refuses a link to a missing file or a missing heading, listing each', () => {
    const { input, dir } = fixtureSite();
    const guides = input.guides.map((guide) =>
      guide.page === 'embedding/moodle.html' ? { ...guide, markdown: '# Moodle\n\n## Which path?\n\n[Gone](./README.md#no-such-heading) and ![a picture](./missing.png)' } : guide,
    );
    const files = [...input.files, { from: join(dir, 'profile.jsonld'), page: 'missing.png', source: 'docs/embedding/missing.png' }];
    const plan = planSite({ ...input, guides, files });
    // The picture is mapped but the file is then left out, as if a copy step had been forgotten.
    assert.throws(
      () => writeSite(join(dir, 'broken'), { ...plan, files: input.files }, LIVE_SCRIPT),
      (error: Error) =>
        error.message.includes('docs: 2 broken links') &&
        error.message.includes('embedding/moodle.html: index.html#no-such-heading (no id "no-such-heading" on embedding/index.html)') &&
        error.message.includes('embedding/moodle.html: ../missing.png (no file missing.png)'),
    );
  });

  it('checks only real tags, not markup shown as text', () => {
    const pages = new Map([['a.html', '<p><code>&lt;script src="nowhere.js"&gt;</code> <a href="b.html#top">b</a> <a href="https://example.test/x">x</a></p>'], ['b.html', '<h1 id="top">B</h1>']]);
    assert.deepEqual(findBrokenLinks(pages, new Set(['a.html', 'b.html'])), []);
    assert.deepEqual(findBrokenLinks(pages, new Set(['a.html'])), ['a.html: b.html#top (no file b.html)']);
  });
});

describe('docs site: Markdown guides', () => {
  const sitePaths = new Map([
    ['docs/embedding/README.md', 'embedding/index.html'],
    ['docs/embedding/csp.md', 'embedding/csp.html'],
    ['docs/screenshots/demo.png', 'screenshots/demo.png'],
  ]);
  const context = { source: 'docs/embedding/moodle.md', page: 'embedding/moodle.html', sitePaths };

  it("points links at the guides' pages, keeping anchors, and outside links as written", () => {
    assert.deepEqual(siteLink('./csp.md#why', context), { href: 'csp.html#why' });
    assert.deepEqual(siteLink('../embedding/', context), { href: 'index.html' });
    assert.deepEqual(siteLink('../screenshots/demo.png', context), { href: '../screenshots/demo.png' });
    assert.deepEqual(siteLink('https://moodle.org/', context), { href: 'https://moodle.org/' });
    assert.deepEqual(siteLink('#top', context), { href: '#top' });
    assert.deepEqual(siteLink('../../examples/plain.html', context), { repositoryPath: 'examples/plain.html' });
  });

  it("gives headings GitHub's ids, escapes raw HTML and heads tables with th scope", () => {
    const { html, title } = renderMarkdown(
      "# plc-kit in Moodle\n\n## Storage in an iframe is the embedding site's, not plc-kit's\n\n## Storage in an iframe is the embedding site's, not plc-kit's\n\n<plc-app person-id=\"p\"></plc-app>\n\n| where | what |\n| --- | ---: |\n| a | [b](../../examples/plain.html) |\n",
      context,
    );
    assert.equal(title, 'plc-kit in Moodle');
    assert.match(html, /<h1 id="plc-kit-in-moodle">/);
    assert.match(html, /<h2 id="storage-in-an-iframe-is-the-embedding-sites-not-plc-kits">/);
    assert.match(html, /<h2 id="storage-in-an-iframe-is-the-embedding-sites-not-plc-kits-1">/);
    assert.ok(html.includes('&lt;plc-app person-id=&quot;p&quot;&gt;&lt;/plc-app&gt;'), 'raw HTML shown as text');
    assert.ok(!html.includes('<plc-app'), 'raw HTML is never passed through');
    assert.match(html, /<th scope="col">where<\/th><th scope="col" class="align-right">what<\/th>/);
    assert.ok(html.includes('b (<code>examples/plain.html</code> in the plc-kit repository)'), 'a file the site lacks is named by its repository path');
  });

  it('makes code blocks focusable, so a keyboard can scroll them, and escapes their text', () => {
    const { html } = renderMarkdown('```html\n<plc-app demo></plc-app>\n```\n');
    assert.equal(html, '<pre tabindex="0"><code class="language-html">&lt;plc-app demo&gt;&lt;/plc-app&gt;</code></pre>\n');
  });
});

describe("docs site: plc-kit's own examples", () => {
  it('has an example for exactly the elements that components/ registers', () => {
    const registered = readdirSync(join(ROOT, 'components'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => {
        let source = '';
        try {
          source = readFileSync(join(ROOT, 'components', entry.name, 'index.ts'), 'utf8');
        } catch {
          return [];
        }
        return [...source.matchAll(/defineElement\('([a-z0-9-]+)'/g)].map((match) => match[1]!);
      })
      .sort();
    assert.ok(registered.length >= 19, `found ${registered.length} registered elements`);
    assert.doesNotThrow(() => checkExamples(registered, EXAMPLES));
  });
});
