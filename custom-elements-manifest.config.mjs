// The Custom Elements Manifest (custom-elements.json) is generated from the components' TypeScript
// sources and their class-level JSDoc (@summary, @slot, @event, @csspart, @cssproperty), then made
// to describe the package as installed (publishedManifest): module paths are the dist/ .js files,
// every event has its name and its class as type, private members are left out. From it come the
// editors' data (VS Code's custom data, JetBrains' web-types) and the JSX types
// (scripts/jsx-types.js: dist/jsx.d.ts, dist/react.d.ts).
import { readFileSync, readdirSync } from 'node:fs';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { writeJsxTypes } from './scripts/jsx-types.js';

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

/**
 * Elements declare their reactive properties in `static properties` (see CONVENTIONS.md); the
 * analyzer reads that object but takes every entry for an attribute, internal `{ state: true }`
 * ones included. A state is no attribute: this plugin takes those off again.
 */
function statesAreNoAttributes() {
  return {
    name: 'plc-kit: states are no attributes',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const properties = node.members.find((m) => ts.isPropertyDeclaration(m) && m.name.getText() === 'properties' && m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword));
      if (!properties?.initializer || !ts.isObjectLiteralExpression(properties.initializer)) return;
      const states = properties.initializer.properties
        .filter((p) => ts.isPropertyAssignment(p) && ts.isObjectLiteralExpression(p.initializer))
        .filter((p) => p.initializer.properties.some((o) => ts.isPropertyAssignment(o) && o.name.getText() === 'state' && o.initializer.kind === ts.SyntaxKind.TrueKeyword))
        .map((p) => p.name.getText());
      const declaration = moduleDoc.declarations?.find((d) => d.name === node.name.text);
      if (!declaration || states.length === 0) return;
      declaration.attributes = declaration.attributes?.filter((a) => !states.includes(a.fieldName));
      for (const member of declaration.members ?? []) if (states.includes(member.name)) delete member.attribute;
    },
  };
}

/** Every plc-kit DOM event's name, by its class name, read from the event classes' `eventName`. */
function eventClasses() {
  const byClass = new Map();
  const files = readdirSync('components/events')
    .filter((name) => name.endsWith('.ts') && name !== 'index.ts')
    .map((name) => `components/events/${name}`)
    .concat('components/plc-meeting/meeting-save-event.ts');
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const [, klass, name] of text.matchAll(/export class (\w+) extends Event \{\s*static readonly eventName = '([\w-]+)'/g)) byClass.set(klass, { name, file });
  }
  return byClass;
}

/** `components/x.ts` -> `dist/components/x.js`: the file the package ships. */
const shipped = (path) => (typeof path === 'string' && /^(components|src|examples)\/.*(?<!\.d)\.ts$/.test(path) ? `dist/${path.replace(/\.ts$/, '.js')}` : path);

/** Rewrites every `path` and `module` in the manifest to the shipped files. */
function shipPaths(node) {
  if (Array.isArray(node)) node.forEach(shipPaths);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'path' || key === 'module') && typeof value === 'string') node[key] = shipped(value);
      else shipPaths(value);
    }
  }
}

/**
 * The manifest as the package ships it: dist/ .js paths; each element's events named and typed by
 * their class (`@event` tags give names, `dispatchEvent(new PlcXEvent())` gives classes: the two
 * meet here, once per name); no private members, which are no one's API (they were 572 of 822).
 */
function publishedManifest() {
  const classes = eventClasses();
  const names = new Map([...classes].map(([klass, { name }]) => [name, klass]));
  return {
    name: 'plc-kit: the manifest as published',
    packageLinkPhase({ customElementsManifest }) {
      const unknown = [];
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          if (declaration.members) declaration.members = declaration.members.filter((member) => member.privacy !== 'private' && !member.name.startsWith('#'));
          if (!declaration.events) continue;
          const events = new Map();
          for (const event of declaration.events) {
            // A class says which event it is; the analyzer names `dispatchEvent(new X(message))` after
            // its first argument, so a name only counts when no class is known.
            const name = classes.get(event.type?.text)?.name ?? event.name;
            const klass = names.get(name);
            if (!name || !klass) {
              unknown.push(`${declaration.name}: ${event.name ?? event.type?.text ?? 'an unnamed event'}`);
              continue;
            }
            const known = events.get(name);
            events.set(name, { name, type: { text: klass }, description: event.description ?? known?.description ?? '' });
          }
          declaration.events = [...events.values()];
        }
      }
      if (unknown.length) throw new Error(`events the manifest cannot name or type (document them with @event and a class in components/events/): ${unknown.join(', ')}`);
      shipPaths(customElementsManifest);
    },
  };
}

/** dist/jsx.d.ts and dist/react.d.ts from the finished manifest. */
function jsxTypes() {
  return {
    name: 'plc-kit: JSX types',
    packageLinkPhase({ customElementsManifest }) {
      writeJsxTypes(customElementsManifest, eventClasses());
    },
  };
}

export default {
  globs: ['components/**/*.ts'],
  // The locale catalogues are data, no one's API.
  exclude: ['**/*.test.ts', '**/*.spec.ts', '**/*.d.ts', 'components/locales/**'],
  outdir: '.',
  litelement: true,
  plugins: [
    defineElementCalls(),
    statesAreNoAttributes(),
    publishedManifest(),
    jsxTypes(),
    customElementVsCodePlugin({ outdir: 'dist', htmlFileName: 'vscode.html-custom-data.json', cssFileName: 'vscode.css-custom-data.json', hideLogs: true }),
    customElementJetBrainsPlugin({ outdir: 'dist', webTypesFileName: 'web-types.json', packageJson: false, hideLogs: true }),
  ],
};
