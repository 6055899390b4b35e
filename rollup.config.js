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

/**
 * The stable name of a file beside bundle.js: a lazily loaded module's own name (`plc-enquiry/`
 * -> `bundle-enquiry.js`, `locales/es.js` -> `bundle-es.js`, the demo's `seed.js` ->
 * `bundle-demo-seed.js`), or, for code several of them share, rollup's name for it (after one of
 * its modules, e.g. `bundle-data-table.js`: the same from one release to the next while the code
 * is arranged the same).
 */
export function chunkName(chunk) {
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
    // Small shared files are merged into others where that adds nothing to what a page loads
    // first, so opening a view costs a few requests rather than one per combination of views.
    output: { dir: 'dist', entryFileNames: 'bundle.js', chunkFileNames: chunkName, format: 'es' },
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
