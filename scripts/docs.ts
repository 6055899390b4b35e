// `npm run docs`: the documentation site in site/ (gitignored), static files that open from disk
// or from any static server:
//   site/index.html                  what plc-kit is and where everything is
//   site/getting-started.html        README.md
//   site/elements/<tag>.html         one page per element from custom-elements.json, with a live
//                                    example (scripts/docs/examples.ts) on the demo school
//   site/api/                        the typedoc API reference (docs/api/)
//   site/server/, site/embedding/    docs/server/README.md and docs/embedding/*.md
//   site/xapi-profile.html           docs/xapi-profile.jsonld
// Steps: `npm run build` (tsc, rollup, cem, typedoc; see scripts/build.js), then the live
// examples' script (rollup: scripts/docs/live-examples.ts with the built elements, one classic
// script, since browsers refuse module scripts from file:// pages), then the pages. It stops at
// the first problem: an element without an example, a broken link, a failed build step.
// `--no-build` reuses the outputs of an earlier `npm run build`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { rollup, type Plugin } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terserImport from '@rollup/plugin-terser';
import { EXAMPLES } from './docs/examples.js';
import type { Manifest } from './docs/manifest.js';
import { planSite, readRepositorySources, writeSite } from './docs/site.js';

// The plugin's types are read as CommonJS under NodeNext, which puts its default export one level
// down; at run time (ES modules) the default import is the function itself.
const terser = terserImport as unknown as typeof terserImport.default;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'site');
const started = Date.now();

if (!process.argv.includes('--no-build')) {
  const build = spawnSync(process.execPath, ['scripts/build.js'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('\ndocs: `npm run build` failed, so the site was not made.');
    process.exit(build.status || 1);
  }
}
for (const needed of ['dist/components/define.js', 'dist/examples/demo/seed.js', 'custom-elements.json', 'docs/api/index.html']) {
  if (!existsSync(join(ROOT, needed))) {
    console.error(`docs: ${needed} is missing: run \`npm run docs\` without --no-build (or \`npm run build\` first).`);
    process.exit(1);
  }
}

/**
 * The live examples' script: scripts/docs/live-examples.ts (compiled here) on top of the built
 * modules in dist/, whose source paths it imports (`../../src/...` is `dist/src/...`).
 */
async function buildLiveExamples(): Promise<string> {
  const entry = join(ROOT, 'scripts/docs/live-examples.ts');
  const ENTRY_ID = '\0plc-kit-docs-live-examples';
  const toDist = (path: string) => path.replace(ROOT, join(ROOT, 'dist') + '/').replace(/\/\/+/g, '/');
  const plugin: Plugin = {
    name: 'plc-kit-docs-live-examples',
    resolveId(source, importer) {
      if (source === ENTRY_ID) return ENTRY_ID;
      if (importer === ENTRY_ID) return source.startsWith('.') ? join(ROOT, source) : null;
      if (importer === entry && source.startsWith('.')) {
        const resolved = join(dirname(entry), source);
        return resolved.endsWith('.js') ? toDist(resolved) : resolved;
      }
      return null;
    },
    load(id) {
      // Registers every element, then fills the examples' providers once the page has parsed.
      if (id === ENTRY_ID) return `import './dist/components/define.js';\nimport { startLiveExamples } from './scripts/docs/live-examples.ts';\nvoid startLiveExamples(document);\n`;
      if (id === entry) {
        const source = readFileSync(entry, 'utf8');
        return ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true }, fileName: entry }).outputText;
      }
      return null;
    },
  };
  const bundle = await rollup({
    input: ENTRY_ID,
    plugins: [plugin, nodeResolve({ browser: true }), terser({ ecma: 2022, compress: { passes: 2 }, format: { comments: false } })],
    onwarn(warning, warn) {
      // The same dependency warnings rollup.config.js leaves out.
      if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('/node_modules/'))) return;
      if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/')) return;
      if (warning.code === 'THIS_IS_UNDEFINED' && /\(this && this\.__\w+\)/.test(warning.frame ?? '')) return;
      warn(warning);
    },
  });
  const { output } = await bundle.generate({ format: 'iife', inlineDynamicImports: true });
  await bundle.close();
  return output[0].code;
}

console.log('\n== docs site (site/)');
const siteStarted = Date.now();
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; description: string };
const manifest = JSON.parse(readFileSync(join(ROOT, 'custom-elements.json'), 'utf8')) as Manifest;
const sources = readRepositorySources(ROOT);
const apiPage = (className: string) => {
  const page = `api/classes/components_define.${className}.html`;
  return existsSync(join(ROOT, 'docs', page)) ? page : undefined;
};
const plan = planSite({ info: { version: pkg.version, description: pkg.description, apiPage }, manifest, examples: EXAMPLES, ...sources, files: [...sources.files, { from: join(ROOT, 'docs/api'), page: 'api' }] });
const liveExamples = await buildLiveExamples();
const written = writeSite(OUT, plan, new Map([['assets/live-examples.js', liveExamples]]));
const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);
console.log(`   ${written.pages} pages and ${written.files} files in site/, every link checked: done in ${seconds(siteStarted)} s (${seconds(started)} s in all)`);
console.log(`   open ${join(OUT, 'index.html')}`);
