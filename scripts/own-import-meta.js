// An esbuild plugin for the test bundles (scripts/test-bundles.js for Node, scripts/wtr-bundles.js
// for the browser): a bundle would give every module the chunk's `import.meta`, so each of the
// project's modules that names `import.meta.<key>` gets its own value instead, as `replacements`
// gives it for the module's path (each value a JavaScript expression). Modules that name none,
// and node_modules, load as esbuild would load them.
import { readFileSync } from 'node:fs';
import { extname, sep } from 'node:path';

export function ownImportMeta(name, replacements) {
  return {
    name,
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, (args) => {
        if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta.')) return undefined;
        let contents = source;
        for (const [key, value] of Object.entries(replacements(args.path))) contents = contents.replaceAll(`import.meta.${key}`, value);
        return { contents, loader: extname(args.path).slice(1).replace(/^[cm]/, '') };
      });
    },
  };
}
