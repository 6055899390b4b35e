// `npm run build`'s server step: packages/server/ (the @plc-kit/server package) from tsc's output.
// The server's sources stay in src/server/ beside the core they import; this copies the compiled
// server and exactly the core modules it reaches (JavaScript and declarations, found by following
// imports from dist/src/server/index.js), the command line (bin/cli.js as dist/cli.js), the embed
// page (dist/embed/, which the server serves at /embed), the student page (dist/student/, served at
// /s/<code>) and the LICENSE into packages/server/,
// keeping dist/'s layout so compiled paths stay as they are. It fails when the server imports a
// package that packages/server/package.json does not list, or lists at another range than the
// root package.json's: the two must not drift.
import { builtinModules } from 'node:module';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PACKAGE = join(ROOT, 'packages/server');
// Static imports and re-exports, side-effect imports, and dynamic imports (and `import("...")` types).
const IMPORTS = [/^\s*(?:import|export)\s[^;]*?\bfrom\s*['"]([^'"]+)['"]/gm, /^\s*import\s*['"]([^'"]+)['"]/gm, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];

/** The package a bare specifier names (`@scope/name/sub` -> `@scope/name`), or undefined for a builtin. */
export function packageOf(specifier) {
  if (specifier.startsWith('node:') || builtinModules.includes(specifier)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Every file reached from `entry` through relative imports (static, dynamic and, in declarations,
 * `import("...")` types), and the packages imported on the way.
 * @param {string} entry an absolute path
 * @param {boolean} [follow] whether to follow relative imports (the command line's one relative
 *   import is the server itself, laid out beside it only in the package)
 */
export function reach(entry, follow = true) {
  const files = new Set([entry]);
  const packages = new Set();
  for (const file of files) {
    // Comments may show imports (a TSDoc example): only code counts.
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const [, specifier] of IMPORTS.flatMap((pattern) => [...code.matchAll(pattern)])) {
      if (specifier.startsWith('.')) {
        if (!follow) continue;
        let target = resolve(dirname(file), specifier);
        // In the TypeScript sources, './x.js' is the file './x.ts'.
        if (!existsSync(target) && file.endsWith('.ts')) target = target.replace(/\.js$/, '.ts');
        if (existsSync(target)) files.add(target);
        else throw new Error(`${relative(ROOT, file)} imports ${specifier}, which tsc did not write`);
      } else {
        const name = packageOf(specifier);
        if (name) packages.add(name);
      }
    }
  }
  return { files, packages };
}

/** Writes packages/server/ from dist/; returns what it copied and the packages the server imports. */
export function writeServerPackage() {
  const dist = join(ROOT, 'dist');
  const js = reach(join(dist, 'src/server/index.js'));
  const types = reach(join(dist, 'src/server/index.d.ts'));
  const cli = reach(join(ROOT, 'bin/cli.js'), false);
  const imported = new Set([...js.packages, ...types.packages, ...cli.packages]);

  const manifest = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8'));
  const rootManifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const rootRanges = { ...rootManifest.devDependencies, ...rootManifest.peerDependencies, ...rootManifest.dependencies };
  const problems = [];
  for (const name of [...imported].sort()) {
    const range = manifest.dependencies?.[name];
    if (!range) problems.push(`the server imports ${name}: add it to packages/server/package.json "dependencies" (at the root's range, ${rootRanges[name] ?? 'missing there too'})`);
    else if (rootRanges[name] !== range) problems.push(`${name} is ${range} in packages/server/package.json but ${rootRanges[name] ?? 'missing'} in package.json: keep them the same`);
  }
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    if (!imported.has(name)) problems.push(`packages/server/package.json lists ${name}, which the server never imports: remove it`);
  }
  if (problems.length) throw new Error(problems.join('\n'));

  const out = join(PACKAGE, 'dist');
  rmSync(out, { recursive: true, force: true });
  for (const file of [...js.files, ...types.files]) {
    const target = join(out, relative(dist, file));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(file, target);
  }
  cpSync(join(ROOT, 'bin/cli.js'), join(out, 'cli.js'));
  if (existsSync(join(dist, 'embed'))) cpSync(join(dist, 'embed'), join(out, 'embed'), { recursive: true });
  if (existsSync(join(dist, 'student'))) cpSync(join(dist, 'student'), join(out, 'student'), { recursive: true });
  cpSync(join(ROOT, 'LICENSE'), join(PACKAGE, 'LICENSE'));
  return { files: js.files.size + types.files.size, packages: [...imported].sort() };
}
