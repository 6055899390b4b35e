/**
 * When two people change an enquiry's written part (the driving question, the reflection, the
 * outcome) from the same starting point, neither version is lost: the person whose words were
 * replaced sees both in the shared conflict view.
 *
 * Two ways it happens. Live: the person is typing when a colleague's version arrives; saving then
 * opens the conflict view instead of writing over it. Later: the person saved offline (their step
 * waits on this device) and a colleague's version, written without seeing theirs, sorts after it
 * once both reach the server. For the second, a saved version is remembered on the device
 * (`<part>/<enquiry id>/sent`, in the drafts database) until the server has it and it still
 * stands; when the version that stands has replaced words the person changed, the conflict is
 * offered. {@link StepFormController} uses these for every such editor.
 * @internal
 */
import type { DraftStore } from '../../src/store/drafts.js';
import type { RecordConflict } from './record-editor.js';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields (of `fields`, in that order) that differ between two versions. */
export function changedFields<V>(fields: readonly (keyof V & string)[], a: V | undefined, b: V | undefined): (keyof V & string)[] {
  if (!a || !b) return [];
  return fields.filter((field) => !same(a[field], b[field]));
}

/**
 * The fields the person changed from `base` whose words no longer stand in `current`: what a
 * colleague's version replaced. Empty when every change of theirs stands.
 */
export function replacedFields<V>(fields: readonly (keyof V & string)[], base: V | undefined, mine: V, current: V): (keyof V & string)[] {
  return fields.filter((field) => (!base || !same(base[field], mine[field])) && !same(mine[field], current[field]));
}

/** A conflict for the conflict view: `theirs` is the version that stands now, `changed` what differs from `base`. */
export function stepConflict<V>(fields: readonly (keyof V & string)[], base: V | undefined, theirs: V): RecordConflict<V> {
  return { theirs: { record: theirs, version: 0 }, base, changed: base ? changedFields(fields, base, theirs) : [...fields] };
}

/** A version the person saved, remembered until the server has it and it stands. */
export interface SentVersion<V> {
  mine: V;
  /** The version it was written over (undefined when none had been written). */
  base: V | undefined;
  /**
   * When this device first saw it standing with everything sent (ms since 1970). A colleague's
   * version written after that was written over it knowingly; one written before was not.
   */
  confirmedAt?: number;
}

/** The wall time of a hybrid logical clock stamp, in ms. */
export function hlcTime(hlc: string): number {
  return Number.parseInt(hlc.slice(0, 15), 10);
}

/** Where the version sent for `draftKey` (`question/enq-1`) is remembered. */
const sentKey = (draftKey: string) => `${draftKey}/sent`;

/** Remembers the version the person just saved, with the one it replaced. */
export async function rememberSent<V>(drafts: DraftStore, personId: string, draftKey: string, sent: SentVersion<V>): Promise<void> {
  await drafts.put({ personId, key: sentKey(draftKey), value: sent, base: sent.base, savedAt: new Date().toISOString() });
}

/** The version the person saved and the server may not have confirmed, if any. */
export async function readSent<V>(drafts: DraftStore, personId: string, draftKey: string): Promise<SentVersion<V> | undefined> {
  return (await drafts.get<SentVersion<V>>(personId, sentKey(draftKey)))?.value;
}

/** Forgets the remembered version (it stands on the server, or the conflict was settled). */
export async function forgetSent(drafts: DraftStore, personId: string, draftKey: string): Promise<void> {
  await drafts.remove(personId, sentKey(draftKey));
}
