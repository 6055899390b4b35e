// Rollup works on tsc's output in dist/ (run `npm run build`, not rollup alone): tsc already emits
// one ESM module and one .d.ts per source file, so rollup only makes the minified builds.
//   dist/bundle.js         the drop-in script (components/bundle.ts): <plc-app> with its provider
//                          and first view ("My enquiries") at once; every other element, the
//                          locale catalogues and the demo school from files beside it, loaded
//                          the first time they are needed. Those files have stable names, no
//                          hashes (bundle-enquiry.js, bundle-cycle-admin.js, bundle-es.js, ...),
//                          so uploading a new release replaces them.
//   dist/embed/bundle.js   every element and the embed page's bootstrap as one file, for the
//                          iframe embed page, whose server serves a fixed list of files.
// In bundle.js and its files, a file that fails to load is named on the console (missingFiles).
// The `npm run size` figures come with a breakdown, written to .size-tmp/ as each file is made.
// In both builds, message ids are one or two characters, in the msg() calls and the catalogues
// alike (scripts/short-message-ids.js); dist/components/ keeps the readable ones.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { minifyTemplates } from './scripts/minify-templates.js';
import { shareTsHelpers } from './scripts/share-ts-helpers.js';
import { shortMessageIds } from './scripts/short-message-ids.js';
import { sizeBreakdown } from './scripts/size-breakdown.js';

const fromRoot = (path) => fileURLToPath(new URL(path, import.meta.url));
const BUNDLE = fromRoot('./dist/components/bundle.js');
const DEFINE = fromRoot('./dist/components/define.js');

const plugins = () => [
  shareTsHelpers(),
  minifyTemplates(),
  shortMessageIds({ parts: fromRoot('./dist/components/locales/parts') }),
  // `browser` picks each package's browser build; lit's default export condition is production.
  nodeResolve({ browser: true }),
  // Inlining only the simplest functions (inline: 1, not terser's 3) leaves one copy of a small
  // function rather than its body at each call, which gzip prefers; passes 1 and 3 both did worse.
  terser({ ecma: 2022, module: true, compress: { passes: 2, inline: 1 }, format: { comments: false } }),
];

// Dependencies' circular imports and comments rollup cannot place (zod has both) are theirs to
// fix; every warning about our own modules is still shown.
const inDependency = (id) => id?.includes('/node_modules/');
const onwarn = (warning, warn) => {
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every(inDependency)) return;
  if (warning.code === 'INVALID_ANNOTATION' && inDependency(warning.id)) return;
  // tsc's decorator helpers start `(this && this.__esDecorate) || function ...`: top-level `this`
  // is undefined in a module, so they fall back to the inline helper as intended.
  if (warning.code === 'THIS_IS_UNDEFINED' && /\(this && this\.__\w+\)/.test(warning.frame ?? '')) return;
  warn(warning);
};

// Views of plc-app's menu whose own code is under 2.5 KB gzip: each a file of its own cost more
// in gzip's per-file overhead than it saved, so they travel in bundle-shared.js, which every view
// loads anyway (shared.js then weighs 5.5 KB more, everything 3.4 KB less).
const SMALL_VIEWS = /\/dist\/components\/plc-(celebrate|credentials|notifications|review-queue)\//;

/**
 * The manual chunks of bundle.js's files: the code that two or more lazily loaded views (and
 * nothing on the store's side) share is one file, `bundle-shared.js`, rather than rollup's one file
 * per combination of views (28 files, most under 1 KB gzip: gzip compresses each file alone, so
 * each paid its own dictionary). The store's lazily loaded files (memory, HTTP, backup) keep
 * rollup's own layout, so a page never loads view code to open its store. What bundle.js loads at
 * once is named as its own chunk: rollup moves a manual chunk's dependencies into it otherwise.
 * The locale catalogues and the demo school are left out of the count: only one of them loads.
 * @param {string} entry bundle.js's module (dist/components/bundle.js)
 */
export function sharedChunks(entry) {
  const isView = (id) => id.includes('/dist/components/');
  const alternative = (id) => /\/dist\/(components\/locales|examples\/demo)\//.test(id);
  let layout;
  /**
   * What bundle.js loads at once, and for every other module the lazily loaded modules (dynamic
   * imports) whose static imports reach it, each stopping at another lazily loaded module.
   */
  function layoutOf(getModuleInfo) {
    const reached = (start, stops = new Set()) => {
      const seen = new Set([start]);
      for (const id of seen) for (const next of getModuleInfo(id)?.importedIds ?? []) if (!stops.has(next)) seen.add(next);
      return seen;
    };
    const eager = reached(entry);
    const lazyEntries = new Set();
    for (const id of eager) for (const lazy of getModuleInfo(id)?.dynamicallyImportedIds ?? []) lazyEntries.add(lazy);
    for (const id of lazyEntries) for (const next of reached(id)) for (const lazy of getModuleInfo(next)?.dynamicallyImportedIds ?? []) lazyEntries.add(lazy);
    const owners = new Map();
    for (const lazy of lazyEntries) {
      if (alternative(lazy)) continue;
      for (const id of reached(lazy, lazyEntries)) {
        if (eager.has(id) || lazyEntries.has(id)) continue;
        if (!owners.has(id)) owners.set(id, new Set());
        owners.get(id).add(lazy);
      }
    }
    return { eager, owners };
  }
  return (id, { getModuleInfo }) => {
    layout ??= layoutOf(getModuleInfo);
    if (layout.eager.has(id)) return 'bundle';
    if (SMALL_VIEWS.test(id)) return 'shared';
    const lazy = layout.owners.get(id);
    return lazy && lazy.size > 1 && [...lazy].every(isView) ? 'shared' : undefined;
  };
}

/**
 * The stable name of a file beside bundle.js: a lazily loaded module's own name (`plc-enquiry/`
 * -> `bundle-enquiry.js`, `locales/es.js` -> `bundle-es.js`, the demo's `seed.js` ->
 * `bundle-demo-seed.js`), `bundle-shared.js` for what the views share (see sharedChunks), or, for
 * code several of the store's files share, rollup's name for it (after one of its modules, e.g.
 * `bundle-redact.js`: the same from one release to the next while the code is arranged the same).
 */
export function chunkName(chunk) {
  if (chunk.name === 'shared') return 'bundle-shared.js';
  const facade = chunk.facadeModuleId && relative(fromRoot('.'), chunk.facadeModuleId).replace(/\\/g, '/');
  let match;
  if (facade && (match = facade.match(/^dist\/components\/plc-([\w-]+)\/index\.js$/))) return `bundle-${match[1]}.js`;
  if (facade && (match = facade.match(/^dist\/components\/locales\/([\w-]+)\.js$/))) return `bundle-${match[1]}.js`;
  if (facade && (match = facade.match(/^dist\/examples\/demo\/([\w-]+)\.js$/))) return `bundle-demo-${match[1]}.js`;
  // A lazily loaded element whose file other files also import from has no facade module (rollup
  // merged it with what they share): it is still named after the element it holds.
  const element = chunk.isDynamicEntry && !facade && chunk.moduleIds.map((id) => relative(fromRoot('.'), id).replace(/\\/g, '/').match(/^dist\/components\/plc-([\w-]+)\/index\.js$/)).find(Boolean);
  if (element) return `bundle-${element[1]}.js`;
  return 'bundle-[name].js';
}

/**
 * Names a missing file on the console: each dynamic import in bundle.js and its files is wrapped
 * in one small function per file (`__plcNeeds`) that, when the import fails, finds which file is
 * missing (the one imported, or one it imports: it fetches them in turn, following their
 * `import ... from "./..."`, until one is not there), says which and from where, then rethrows,
 * so the caller's own handling (plc-app's "could not be loaded" notice) still runs. Only a failed
 * load does this work: bundle.js carries no list of each view's files (they cost 0.9 KB gzip of
 * the first view).
 * @returns {import('rollup').Plugin}
 */
function missingFiles() {
  const NEEDS = '__plcNeeds';
  const helper =
    `const ${NEEDS}=(p,f)=>p.catch(async e=>{const b=new URL(".",import.meta.url).href,s=new Set([f]);let m=f;` +
    'try{for(const n of s){const r=await fetch(b+n);if(!r.ok){m=n;break}' +
    'for(const[,i]of(await r.text()).matchAll(/(?:from|import)"\\.\\/([\\w.-]+\\.js)"/g))i!="bundle.js"&&s.add(i)}}catch{}' +
    'throw console.error("plc-kit: could not load "+m+" from "+b+": upload every bundle-*.js file of this release there, beside bundle.js.",e),e});';
  return {
    name: 'plc-kit-missing-files',
    renderDynamicImport({ targetChunk }) {
      if (!targetChunk) return null;
      return { left: `${NEEDS}(import(`, right: `),${JSON.stringify(targetChunk.fileName)})` };
    },
    generateBundle(options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && chunk.code.includes(`${NEEDS}(import(`)) chunk.code = helper + chunk.code;
      }
    },
  };
}

const config = [];
// components/bundle.ts comes with the components; until then scripts/build.js reports it missing.
if (existsSync(BUNDLE)) {
  config.push({
    input: BUNDLE,
    // The files beside bundle.js import what they share from it: it may export a few more
    // (minified) names than its API, rather than become a facade over one more file.
    preserveEntrySignatures: 'allow-extension',
    // What the views share is one file (sharedChunks), so opening a view costs two or three
    // requests rather than one per combination of views.
    output: { dir: 'dist', entryFileNames: 'bundle.js', chunkFileNames: chunkName, manualChunks: sharedChunks(BUNDLE), format: 'es' },
    plugins: [...plugins(), missingFiles(), sizeBreakdown()],
    onwarn,
  });
  config.push({
    input: DEFINE,
    output: { file: 'dist/embed/bundle.js', format: 'es', inlineDynamicImports: true },
    plugins: plugins(),
    onwarn,
  });
}

export default config;
