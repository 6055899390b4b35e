/**
 * Registers custom elements safely. Two plugins on one page may each carry plc-kit, perhaps in
 * different versions: defining a tag that is already registered warns once, naming both
 * versions, and never throws. No global state: the version travels on each element class.
 */
import { VERSION } from '../src/version.js';

const warned = new Set<string>();

/**
 * Defines `tag` unless it is already defined, in which case it warns once and keeps the first.
 * @returns whether this call registered the element.
 */
export function defineElement(tag: string, constructor: CustomElementConstructor): boolean {
  if (typeof customElements === 'undefined') return false;
  const existing = customElements.get(tag);
  if (existing) {
    if (existing !== constructor && !warned.has(tag)) {
      warned.add(tag);
      const other = (existing as { plcKitVersion?: string }).plcKitVersion ?? 'an unknown version';
      console.warn(
        `plc-kit: <${tag}> is already defined (plc-kit ${other}); this copy (plc-kit ${VERSION}) keeps that definition. Load plc-kit once per page to avoid mixing versions.`,
      );
    }
    return false;
  }
  customElements.define(tag, constructor);
  return true;
}
