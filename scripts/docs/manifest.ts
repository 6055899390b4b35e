/**
 * Reads the elements out of a Custom Elements Manifest (custom-elements.json, schema 2.x) in the
 * shape the docs pages need. Only the fields the pages use are typed; everything else in the
 * manifest is ignored. Browser-safe.
 */

export interface ManifestType {
  text: string;
}

export interface ManifestAttribute {
  name: string;
  type?: ManifestType;
  default?: string;
  description?: string;
  summary?: string;
  fieldName?: string;
  deprecated?: boolean | string;
}

export interface ManifestMember {
  kind: 'field' | 'method';
  name: string;
  type?: ManifestType;
  default?: string;
  description?: string;
  summary?: string;
  privacy?: 'public' | 'private' | 'protected';
  static?: boolean;
  readonly?: boolean;
  attribute?: string;
  reflects?: boolean;
  parameters?: Array<{ name: string; type?: ManifestType; optional?: boolean; description?: string }>;
  return?: { type?: ManifestType; description?: string };
  inheritedFrom?: { name: string; module?: string };
  deprecated?: boolean | string;
}

export interface ManifestEvent {
  name?: string;
  type?: ManifestType;
  description?: string;
  summary?: string;
}

export interface ManifestNamed {
  name: string;
  description?: string;
  summary?: string;
  syntax?: string;
  default?: string;
}

export interface ManifestDeclaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  summary?: string;
  description?: string;
  attributes?: ManifestAttribute[];
  members?: ManifestMember[];
  events?: ManifestEvent[];
  slots?: ManifestNamed[];
  cssParts?: ManifestNamed[];
  cssProperties?: ManifestNamed[];
  deprecated?: boolean | string;
}

export interface ManifestModule {
  kind?: string;
  path: string;
  declarations?: ManifestDeclaration[];
}

export interface Manifest {
  schemaVersion?: string;
  modules: ManifestModule[];
}

/** A documented event: its name, the class a listener receives, and what it means. */
export interface ElementEvent {
  name: string;
  /** The event's class (`PlcStageChangeEvent`) when the manifest has it, or the declared type. */
  type?: string;
  description: string;
}

/** One element as its page shows it. */
export interface ElementDoc {
  tag: string;
  className: string;
  /** The module that declares the class, e.g. `dist/components/plc-enquiry/plc-enquiry.js`. */
  modulePath: string;
  summary: string;
  description: string;
  attributes: ManifestAttribute[];
  properties: ManifestMember[];
  methods: ManifestMember[];
  events: ElementEvent[];
  slots: ManifestNamed[];
  cssParts: ManifestNamed[];
  cssProperties: ManifestNamed[];
}

const isPublic = (member: ManifestMember) => !member.privacy || member.privacy === 'public';
const isHidden = (name: string) => name.startsWith('_') || name.startsWith('#');

/** `plc-stage-change` to `PlcStageChangeEvent`: how plc-kit names an event's class. */
export function eventClassName(eventName: string): string {
  return `${eventName.replace(/(^|-)([a-z0-9])/g, (_, __, letter: string) => letter.toUpperCase())}Event`;
}

/**
 * The events worth a row. The class JSDoc (`@event name - description`) is the contract. The
 * analyzer also guesses events from `dispatchEvent(new PlcErrorEvent(message))` calls and names
 * them after the constructor's first argument (`message`, `state`): those carry a type but no
 * description, and are left out. Events named twice are listed once.
 */
function documentedEvents(events: readonly ManifestEvent[], classes: ReadonlySet<string>): ElementEvent[] {
  const byName = new Map<string, ElementEvent>();
  for (const event of events) {
    if (!event.name) continue;
    const description = event.description ?? event.summary ?? '';
    if (!description && event.type) continue;
    const className = eventClassName(event.name);
    const type = classes.has(className) ? className : event.type?.text;
    const known = byName.get(event.name);
    if (!known || (!known.description && description)) byName.set(event.name, { name: event.name, type, description });
  }
  return [...byName.values()];
}

/**
 * Every element (a class with a tag name) in the manifest, sorted by tag. Throws when two
 * classes claim one tag, since one of them would go undocumented.
 */
export function elementsOf(manifest: Manifest): ElementDoc[] {
  if (!manifest || !Array.isArray(manifest.modules)) {
    throw new Error('custom-elements.json: expected an object with a "modules" array (run `npx cem analyze` to regenerate it).');
  }
  const classes = new Set(manifest.modules.flatMap((mod) => (mod.declarations ?? []).filter((d) => d.kind === 'class').map((d) => d.name)));
  const elements = new Map<string, ElementDoc>();
  for (const mod of manifest.modules) {
    for (const declaration of mod.declarations ?? []) {
      if (declaration.kind !== 'class' || !declaration.tagName) continue;
      const tag = declaration.tagName;
      const other = elements.get(tag);
      if (other) throw new Error(`custom-elements.json: <${tag}> is declared by ${other.className} (${other.modulePath}) and by ${declaration.name} (${mod.path}); give each class its own tag.`);
      const members = (declaration.members ?? []).filter((member) => isPublic(member) && !member.static && !isHidden(member.name));
      elements.set(tag, {
        tag,
        className: declaration.name,
        modulePath: mod.path,
        summary: declaration.summary ?? '',
        description: declaration.description ?? '',
        attributes: (declaration.attributes ?? []).filter((attribute) => !isHidden(attribute.name)),
        properties: members.filter((member) => member.kind === 'field'),
        methods: members.filter((member) => member.kind === 'method'),
        events: documentedEvents(declaration.events ?? [], classes),
        slots: declaration.slots ?? [],
        cssParts: declaration.cssParts ?? [],
        cssProperties: declaration.cssProperties ?? [],
      });
    }
  }
  return [...elements.values()].sort((a, b) => a.tag.localeCompare(b.tag));
}
