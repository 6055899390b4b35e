// Where the bytes of a minified build go, for `npm run size`: a rollup plugin that, as each file
// is written, minifies every module's part of it alone (terser, names mangled) and gzips it, and
// writes the figures to .size-tmp/<file>.json. A module's figure is an estimate: alone it cannot
// share gzip's dictionary with its neighbours, so the figures add up to more than the file's size.
import { mkdirSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import { minify } from 'terser';

export const BREAKDOWN_DIR = '.size-tmp';

/** What a module counts towards: a dependency, a folder of ours, or a locale's catalogue. */
export function contributor(id) {
  const path = id.replace(/\\/g, '/');
  let match;
  if ((match = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/))) return match[1];
  if ((match = path.match(/components\/locales\/(?:parts\/[\w-]+\.)?([\w-]+)\.js$/))) return `catalogue ${match[1]}`;
  if ((match = path.match(/^dist\/(src|components|examples)\/([^/]+)\//))) return `${match[1]}/${match[2]}`;
  return path.replace(/^dist\//, '');
}

/**
 * @returns {import('rollup').Plugin}
 */
export function sizeBreakdown() {
  return {
    name: 'plc-kit-size-breakdown',
    async generateBundle(options, bundle) {
      mkdirSync(BREAKDOWN_DIR, { recursive: true });
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const modules = [];
        for (const [id, { code }] of Object.entries(chunk.modules)) {
          if (!code) continue;
          const { code: small = '' } = await minify(code, { ecma: 2022, module: true, compress: false, mangle: true });
          modules.push({ id: relative(process.cwd(), id.replace(/^\0/, '')), bytes: gzipSync(small, { level: constants.Z_BEST_COMPRESSION }).length });
        }
        writeFileSync(`${BREAKDOWN_DIR}/${chunk.fileName}.json`, JSON.stringify({ file: chunk.fileName, lazy: !chunk.isEntry, modules }, null, 1));
      }
    },
  };
}
