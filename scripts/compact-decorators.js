// For the minified builds only: a module whose classes use decorators (every element, with its
// `@property() accessor`s) is compiled again from its .ts source by esbuild instead of taken from
// tsc's output. tsc lowers each decorated accessor to about 500 bytes of its own (four variables,
// a descriptor object with three closures, an initializer chain), over 200 of them in the drop-in
// build; esbuild lowers one to a call of a shared helper. It is the lowering the browser tests
// already run (web-test-runner compiles the sources with esbuild), so the elements behave as
// tested. esbuild writes its helpers (`__decorateElement`, `__privateGet`, ...) into every module;
// as with tsc's (share-ts-helpers.js), one copy of each is kept in a virtual module.
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { transform } from 'esbuild';

const PREFIX = '\0plc-kit-esbuild-helper:';

/**
 * @param {{ root: string }} options the project's folder: `<root>/dist/x.js` is compiled from `<root>/x.ts`
 * @returns {import('rollup').Plugin}
 */
export function compactDecorators({ root }) {
  /** @type {Map<string, string>} helper name -> its declaration's initializer */
  const helpers = new Map();
  /** @type {Map<string, string[]>} helper name -> the other helpers it uses */
  const uses = new Map();
  return {
    name: 'plc-kit-compact-decorators',
    resolveId: (id) => (id.startsWith(PREFIX) ? id : null),
    async load(id) {
      if (id.startsWith(PREFIX)) {
        const name = id.slice(PREFIX.length);
        const imports = (uses.get(name) ?? []).map((other) => `import { ${other} } from ${JSON.stringify(PREFIX + other)};\n`).join('');
        return `${imports}export var ${name} = ${helpers.get(name)};\n`;
      }
      const source = sourceOf(root, id);
      if (!source) return null;
      const { code } = await transform(readFileSync(source, 'utf8'), {
        loader: 'ts',
        format: 'esm',
        target: 'es2022',
        sourcefile: source,
        tsconfigRaw: { compilerOptions: { useDefineForClassFields: true, verbatimModuleSyntax: true } },
      });
      const found = new Map();
      const edits = [];
      for (const statement of this.parse(code).body) {
        const helper = esbuildHelper(statement, code);
        if (!helper) continue;
        found.set(helper.name, helper.source);
        edits.push({ start: statement.start, end: statement.end, text: `import { ${helper.name} } from ${JSON.stringify(PREFIX + helper.name)};` });
      }
      for (const [name, text] of found) {
        // esbuild renames a helper's parameters that a module's own names would shadow (`msg2`).
        if (helpers.has(name) && unnumbered(helpers.get(name)) !== unnumbered(text)) this.error(`${source}: esbuild's ${name} differs from the one in an earlier module.`);
        if (!helpers.has(name)) helpers.set(name, text);
        uses.set(name, [...found.keys()].filter((other) => other !== name && new RegExp(`\\b${other}\\b`).test(text)));
      }
      let out = code;
      for (const { start, end, text } of edits.reverse()) out = out.slice(0, start) + text + out.slice(end);
      return { code: out, map: null };
    },
  };
}

const unnumbered = (text) => text.replace(/\b([A-Za-z_$]+)\d+\b/g, '$1');

/** The .ts source of a compiled module of ours that tsc gave decorators, or null. */
function sourceOf(root, id) {
  if (!id.endsWith('.js') || id.includes(`${sep}node_modules${sep}`) || id.startsWith('\0')) return null;
  const path = relative(root, id);
  if (!path.startsWith(`dist${sep}`) || !existsSync(id) || !readFileSync(id, 'utf8').includes('__esDecorate')) return null;
  const source = resolve(root, `${path.slice('dist'.length + 1, -'.js'.length)}.ts`);
  return existsSync(source) ? source : null;
}

/** esbuild's `var __x = ...;` at the top of a module -> its name and initializer. */
function esbuildHelper(statement, code) {
  if (statement.type !== 'VariableDeclaration' || statement.declarations.length !== 1) return null;
  const [{ id, init }] = statement.declarations;
  if (id.type !== 'Identifier' || !/^__[a-zA-Z]+$/.test(id.name) || !init) return null;
  return { name: id.name, source: code.slice(init.start, init.end) };
}
