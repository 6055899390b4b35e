/**
 * Plans and writes the docs site. `planSite` turns the inputs (the manifest, the examples, the
 * Markdown guides, the files to copy) into pages; `writeSite` writes them to a folder and then
 * checks that every link and image on every generated page points at a file (and an id) that
 * is there, so a renamed guide or a missing element page fails the build instead of shipping.
 * `readRepositorySources` gathers the inputs plc-kit's own site uses.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { checkExamples, type ElementExample } from './examples.js';
import { elementsOf, type Manifest } from './manifest.js';
import { resolvePath } from './markdown.js';
import { elementPage, elementsIndexPage, guidePage, homePage, xapiPage, type GuideLink, type GuidePage, type SiteInfo, type XapiProfile } from './pages.js';
import { renderMarkdown } from './markdown.js';

/** A file (or folder) copied into the site as it is. */
export interface CopiedFile {
  /** Absolute path on disk. */
  from: string;
  /** Path in the site. */
  page: string;
  /** Its path in the repository, when Markdown may link to it (`docs/server/openapi.json`). */
  source?: string;
}

export interface SiteInput {
  info: SiteInfo;
  manifest: Manifest;
  examples: Readonly<Record<string, ElementExample>>;
  guides: readonly GuidePage[];
  files: readonly CopiedFile[];
  /** The parsed docs/xapi-profile.jsonld and its path in the site, for the xAPI page. */
  xapi?: { profile: XapiProfile; page: string };
}

export interface SitePlan {
  /** Site path to HTML. */
  pages: Map<string, string>;
  files: readonly CopiedFile[];
}

/** Every page of the site, in memory. Throws when an element has no example (see checkExamples). */
export function planSite(input: SiteInput): SitePlan {
  const elements = elementsOf(input.manifest);
  checkExamples(
    elements.map((element) => element.tag),
    input.examples,
  );
  const pages = new Map<string, string>();
  const sitePaths = new Map<string, string>();
  for (const guide of input.guides) sitePaths.set(guide.source, guide.page);
  for (const file of input.files) if (file.source) sitePaths.set(file.source, file.page);

  const embedding: GuideLink[] = input.guides
    .filter((guide) => guide.section === 'embedding')
    .map((guide) => ({ page: guide.page, title: renderMarkdown(guide.markdown).title || guide.source }));
  const embeddingNav = { label: 'Embedding guides', links: embedding.map((guide) => ({ label: guide.title, page: guide.page })) };
  for (const guide of input.guides) {
    pages.set(guide.page, guidePage(guide, sitePaths, input.info, guide.section === 'embedding' ? embeddingNav : undefined).html);
  }
  for (const element of elements) pages.set(`elements/${element.tag}.html`, elementPage(element, input.examples[element.tag]!, input.info, elements));
  pages.set('elements/index.html', elementsIndexPage(elements, input.info));
  if (input.xapi) pages.set('xapi-profile.html', xapiPage(input.xapi.profile, input.info, input.xapi.page));
  const screenshot = input.files.find((file) => file.source === 'docs/screenshots/demo-desktop.png');
  pages.set('index.html', homePage(input.info, elements, embedding, screenshot ? { src: screenshot.page, alt: 'The plc-kit demo: an enquiry at the observation stage, with its stage stepper and actions.' } : undefined));
  return { pages, files: input.files };
}

/** Every file under `dir`, as site paths with forward slashes. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

const unescapeAttribute = (value: string) => value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * Links on the generated pages that point nowhere: a relative `href` or `src` whose file is not
 * in `files`, or whose `#id` is not on the generated page it names. Outside addresses are not
 * fetched.
 */
export function findBrokenLinks(pages: ReadonlyMap<string, string>, files: ReadonlySet<string>): string[] {
  const broken: string[] = [];
  const ids = new Map<string, Set<string>>();
  const idsOf = (page: string) => {
    let found = ids.get(page);
    if (!found) {
      found = new Set([...pages.get(page)!.matchAll(/\sid="([^"]+)"/g)].map((match) => unescapeAttribute(match[1]!)));
      ids.set(page, found);
    }
    return found;
  };
  for (const [page, html] of pages) {
    const folder = page.includes('/') ? page.slice(0, page.lastIndexOf('/')) : '';
    const links = [...html.matchAll(/<[a-zA-Z][^>]*>/g)].flatMap((tag) => [...tag[0].matchAll(/\s(?:href|src)="([^"]*)"/g)].map((match) => match[1]!));
    for (const value of links) {
      const link = unescapeAttribute(value);
      if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(link)) continue;
      const [path = '', hash] = link.split('#', 2);
      const target = path ? resolvePath(folder, path) : page;
      if (!files.has(target)) broken.push(`${page}: ${link} (no file ${target})`);
      else if (hash && pages.has(target) && !idsOf(target).has(decodeURIComponent(hash))) broken.push(`${page}: ${link} (no id "${hash}" on ${target})`);
    }
  }
  return broken;
}

/**
 * Writes the site to `outDir` (emptied first): the pages, the copied files and `extra` (generated
 * assets, site path to contents). Throws, listing them, when any link is broken.
 */
export function writeSite(outDir: string, plan: SitePlan, extra: ReadonlyMap<string, string | Uint8Array> = new Map()): { pages: number; files: number } {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const write = (page: string, contents: string | Uint8Array) => {
    const path = join(outDir, ...page.split('/'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, contents);
  };
  for (const file of plan.files) {
    if (!existsSync(file.from)) throw new Error(`docs: ${file.from} is missing (wanted at ${file.page} in the site).`);
    cpSync(file.from, join(outDir, ...file.page.split('/')), { recursive: true });
  }
  for (const [page, contents] of extra) write(page, contents);
  for (const [page, html] of plan.pages) write(page, html);
  const files = listFiles(outDir);
  const broken = findBrokenLinks(plan.pages, new Set(files));
  if (broken.length) throw new Error(`docs: ${broken.length} broken link${broken.length === 1 ? '' : 's'} in ${outDir}:\n  ${broken.join('\n  ')}`);
  return { pages: plan.pages.size, files: files.length };
}

/** The Markdown guides, the files to copy and the xAPI profile of plc-kit's own repository. */
export function readRepositorySources(rootDir: string): Pick<SiteInput, 'guides' | 'files' | 'xapi'> {
  const read = (path: string) => readFileSync(join(rootDir, path), 'utf8');
  const embedding = readdirSync(join(rootDir, 'docs/embedding'))
    .filter((name) => name.endsWith('.md'))
    .sort((a, b) => (a === 'README.md' ? -1 : b === 'README.md' ? 1 : a.localeCompare(b)));
  const guides: GuidePage[] = [
    { source: 'README.md', page: 'getting-started.html', section: 'start', markdown: read('README.md') },
    { source: 'docs/server/README.md', page: 'server/index.html', section: 'server', markdown: read('docs/server/README.md') },
    { source: 'docs/accessibility.md', page: 'accessibility.html', section: 'start', markdown: read('docs/accessibility.md') },
    ...embedding.map((name) => ({
      source: `docs/embedding/${name}`,
      page: `embedding/${name === 'README.md' ? 'index' : name.replace(/\.md$/, '')}.html`,
      section: 'embedding' as const,
      markdown: read(`docs/embedding/${name}`),
    })),
  ];
  const copy = (source: string, page: string): CopiedFile => ({ from: join(rootDir, source), page, source });
  const screenshots = existsSync(join(rootDir, 'docs/screenshots'))
    ? readdirSync(join(rootDir, 'docs/screenshots'))
        .filter((name) => name.endsWith('.png'))
        .map((name) => copy(`docs/screenshots/${name}`, `screenshots/${name}`))
    : [];
  const files: CopiedFile[] = [
    copy('docs/site-assets/site.css', 'assets/site.css'),
    copy('docs/server/openapi.json', 'server/openapi.json'),
    copy('docs/xapi-profile.jsonld', 'xapi-profile.jsonld'),
    copy('custom-elements.json', 'custom-elements.json'),
    ...screenshots,
  ];
  return { guides, files, xapi: { profile: JSON.parse(read('docs/xapi-profile.jsonld')) as XapiProfile, page: 'xapi-profile.jsonld' } };
}
