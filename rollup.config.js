// Rollup works on tsc's output in dist/ (run `npm run build`, not rollup alone): tsc already emits
// one ESM module and one .d.ts per source file, so rollup only makes the minified builds.
//   dist/bundle.js         every element registered and the whole core API, every dependency
//                          inside; what a site admin loads with one <script type="module">. What is
//                          only needed sometimes is in files beside it, which it imports by relative
//                          URL when needed: the en-US and Spanish catalogues (dist/bundle-es-*.js,
//                          dist/bundle-en-US-*.js) and plc-app's demo school (dist/bundle-seed-*.js,
//                          dist/bundle-server-*.js).
//   dist/embed-bundle.js   the same as one file with everything inside, for the embed page
//                          (dist/embed/bundle.js), whose server serves a fixed list of files.
//   dist/core.min.js       the core entry minified with its dependencies, for the size budget only.
// Both `npm run size` figures come with a breakdown, written to .size-tmp/ as each file is made.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { minifyTemplates } from './scripts/minify-templates.js';
import { shareTsHelpers } from './scripts/share-ts-helpers.js';
import { sizeBreakdown } from './scripts/size-breakdown.js';

const fromRoot = (path) => fileURLToPath(new URL(path, import.meta.url));
const CORE = fromRoot('./dist/src/index.js');
const DEFINE = fromRoot('./dist/components/define.js');
const BUNDLE_ENTRY = '\0plc-kit-bundle';

/** The bundle's entry: importing it registers every element and exposes the core API. */
function bundleEntry() {
  return {
    name: 'plc-kit-bundle-entry',
    resolveId: (id) => (id === BUNDLE_ENTRY ? BUNDLE_ENTRY : null),
    load: (id) => (id === BUNDLE_ENTRY ? `export * from ${JSON.stringify(CORE)};\nexport * from ${JSON.stringify(DEFINE)};\n` : null),
  };
}

const plugins = () => [
  // `browser` picks each package's browser build; lit's default export condition is production.
  nodeResolve({ browser: true }),
  terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
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

const config = [
  {
    input: CORE,
    output: { file: 'dist/core.min.js', format: 'es' },
    plugins: [...plugins(), sizeBreakdown()],
    onwarn,
  },
];

// components/define.ts comes with the components; until then scripts/build.js reports it missing.
if (existsSync(DEFINE)) {
  config.push({
    input: BUNDLE_ENTRY,
    // The files beside bundle.js import what they share from it: it may export a few more
    // (minified) names than the API, rather than become a facade over one more file.
    preserveEntrySignatures: 'allow-extension',
    output: [
      { dir: 'dist', entryFileNames: 'bundle.js', chunkFileNames: 'bundle-[name]-[hash].js', format: 'es' },
      { file: 'dist/embed-bundle.js', format: 'es', inlineDynamicImports: true },
    ],
    plugins: [bundleEntry(), shareTsHelpers(), minifyTemplates(), ...plugins(), sizeBreakdown()],
    onwarn,
  });
}

export default config;
