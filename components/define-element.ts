/**
 * Registers custom elements safely. Two plugins on one page may each carry plc-kit: defining a
 * tag that is already registered never throws and keeps the first definition. A copy of the
 * same version is silent (it defines the same elements); a copy of another version warns once,
 * naming both versions. No global state: the version travels on each element class.
 */
import { VERSION } from '../src/version.js';

/** The other versions already warned about, so that a copy of another version warns once, not once per tag. */
const warned = new Set<string>();

/**
 * Defines `tag` unless it is already defined, in which case it keeps the first definition (and
 * warns once per other version of plc-kit found on the page).
 * @returns whether this call registered the element.
 */
export function defineElement(tag: string, constructor: CustomElementConstructor): boolean {
  if (typeof customElements === 'undefined') return false;
  const existing = customElements.get(tag);
  if (existing) {
    const other = (existing as { plcKitVersion?: string }).plcKitVersion;
    if (existing !== constructor && other !== VERSION && !warned.has(other ?? '')) {
      warned.add(other ?? '');
      console.warn(
        `plc-kit: <${tag}> is already defined (plc-kit ${other ?? 'an unknown version'}); this copy (plc-kit ${VERSION}) keeps that definition of every plc-kit element. Load plc-kit once per page to avoid mixing versions.`,
      );
    }
    return false;
  }
  customElements.define(tag, constructor);
  return true;
}
