// The Custom Elements Manifest (custom-elements.json) is generated from the components' TypeScript
// sources and their class-level JSDoc (@summary, @slot, @event, @csspart, @cssproperty).

/**
 * Elements are registered through `defineElement('plc-x', PlcX)` (components/define-element.ts),
 * which the analyzer does not recognise as `customElements.define`: without this plugin most
 * classes would have no tag name in the manifest, and the one `customElements.define(tag, ...)`
 * inside the helper would be listed as an element called "tag".
 */
function defineElementCalls() {
  return {
    name: 'plc-kit: defineElement calls',
    analyzePhase({ ts, node, moduleDoc, context }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'defineElement') return;
      const [tag, klass] = node.arguments;
      if (!tag || !klass || !ts.isStringLiteral(tag) || !ts.isIdentifier(klass)) return;
      const imported = context.imports?.find((entry) => entry.name === klass.text && !entry.isBareModuleSpecifier);
      const module = imported ? new URL(imported.importPath, `file:///${moduleDoc.path}`).pathname.slice(1) : moduleDoc.path;
      const definition = { kind: 'custom-element-definition', name: tag.text, declaration: { name: klass.text, module } };
      moduleDoc.exports = [...(moduleDoc.exports ?? []), definition];
    },
    packageLinkPhase({ customElementsManifest }) {
      const definitions = new Map();
      const paths = new Set(customElementsManifest.modules.map((mod) => mod.path));
      for (const mod of customElementsManifest.modules) {
        mod.exports = mod.exports?.filter((entry) => !(mod.path === 'components/define-element.ts' && entry.kind === 'custom-element-definition'));
        for (const entry of mod.exports ?? []) {
          if (entry.kind !== 'custom-element-definition') continue;
          // The source imports './plc-x.js'; the manifest names modules by their .ts path.
          const source = entry.declaration.module?.replace(/\.js$/, '.ts');
          if (source && paths.has(source)) entry.declaration.module = source;
          definitions.set(entry.declaration.name, entry.name);
        }
      }
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          const tagName = declaration.kind === 'class' ? definitions.get(declaration.name) : undefined;
          if (!tagName) continue;
          declaration.tagName = tagName;
          declaration.customElement = true;
        }
      }
    },
  };
}

export default {
  globs: ['components/**/*.ts'],
  exclude: ['**/*.test.ts', '**/*.spec.ts', '**/*.d.ts'],
  outdir: '.',
  litelement: true,
  plugins: [defineElementCalls()],
};
