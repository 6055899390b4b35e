// tsc writes its helpers (`__esDecorate`, `__runInitializers`, ...) into every module that uses
// them, so the bundle had twenty copies of the decorator helpers, too far apart for gzip to
// match. This rollup plugin keeps one: in our modules it replaces each top-level
//   var __name = (this && this.__name) || function (...) { ... };
// with an import of the same function from a virtual module. (tsc's `importHelpers` would do
// the same through tslib, a runtime dependency for the modules in dist/ that this avoids.)
const PREFIX = '\0plc-kit-ts-helper:';

/**
 * @returns {import('rollup').Plugin}
 */
export function shareTsHelpers() {
  /** @type {Map<string, string>} helper name -> the function's source text */
  const helpers = new Map();
  return {
    name: 'plc-kit-share-ts-helpers',
    resolveId: (id) => (id.startsWith(PREFIX) ? id : null),
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const name = id.slice(PREFIX.length);
      return `export var ${name} = ${helpers.get(name)};\n`;
    },
    transform(code, id) {
      if (id.includes('/node_modules/') || !code.includes('(this && this.__')) return null;
      const edits = [];
      for (const statement of this.parse(code).body) {
        const helper = tsHelper(statement, code);
        if (!helper) continue;
        const known = helpers.get(helper.name);
        if (known !== undefined && known !== helper.source) {
          this.error(`${id}: tsc's ${helper.name} differs from the one in an earlier module; build every module with the same tsc.`);
        }
        helpers.set(helper.name, helper.source);
        edits.push({ start: statement.start, end: statement.end, text: `import { ${helper.name} } from ${JSON.stringify(PREFIX + helper.name)};` });
      }
      if (edits.length === 0) return null;
      let out = code;
      for (const { start, end, text } of edits.reverse()) out = out.slice(0, start) + text + out.slice(end);
      return { code: out, map: null };
    },
  };
}

/** `var __x = (this && this.__x) || function ...;` -> its name and the function's source. */
function tsHelper(statement, code) {
  if (statement.type !== 'VariableDeclaration' || statement.declarations.length !== 1) return null;
  const [{ id, init }] = statement.declarations;
  if (id.type !== 'Identifier' || !id.name.startsWith('__') || init?.type !== 'LogicalExpression' || init.operator !== '||') return null;
  const guard = init.left;
  const isGuard =
    guard.type === 'LogicalExpression' && guard.operator === '&&' && guard.left.type === 'ThisExpression' &&
    guard.right.type === 'MemberExpression' && guard.right.object.type === 'ThisExpression' && guard.right.property.name === id.name;
  if (!isGuard || init.right.type !== 'FunctionExpression') return null;
  return { name: id.name, source: code.slice(init.right.start, init.right.end) };
}
