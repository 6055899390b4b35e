/**
 * When two people change the driving question from the same starting point, neither version is
 * lost: the person whose words were replaced sees both in the shared conflict view.
 *
 * Two ways it happens. Live: the person is typing when a colleague's version arrives; saving then
 * opens the conflict view instead of writing over it. Later: the person saved offline (their step
 * waits on this device) and a colleague's version, written without seeing theirs, sorts after it
 * once both reach the server. For the second, a saved version is remembered on the device
 * (`question/<id>/sent`, in the drafts database) until the server has it and it still stands;
 * when the question that stands has replaced words the person changed, the conflict is offered.
 * @internal
 */
import type { DrivingQuestion } from '../../src/schema/enquiry.js';
import type { DraftStore } from '../../src/store/drafts.js';
import type { RecordConflict } from '../controllers/record-editor.js';

/** The question's fields, in the form's order. */
export const QUESTION_FIELDS = ['text', 'rationale', 'targetStudents', 'plannedActions', 'successCriteria', 'plannedEvidence'] as const;
type Field = (typeof QUESTION_FIELDS)[number];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields that differ between two versions of the question. */
export function changedFields(a: DrivingQuestion | undefined, b: DrivingQuestion | undefined): Field[] {
  if (!a || !b) return [];
  return QUESTION_FIELDS.filter((field) => !same(a[field], b[field]));
}

/**
 * The fields the person changed from `base` whose words no longer stand in `current`: what a
 * colleague's version replaced. Empty when every change of theirs stands.
 */
export function replacedFields(base: DrivingQuestion | undefined, mine: DrivingQuestion, current: DrivingQuestion): Field[] {
  return QUESTION_FIELDS.filter((field) => (base === undefined || !same(base[field], mine[field])) && !same(mine[field], current[field]));
}

/** A conflict for the conflict view: `theirs` is the question that stands now. */
export function questionConflict(base: DrivingQuestion | undefined, theirs: DrivingQuestion): RecordConflict<DrivingQuestion> {
  return { theirs: { record: theirs, version: 0 }, base, changed: base ? changedFields(base, theirs) : [...QUESTION_FIELDS] };
}

/** A version the person saved, remembered until the server has it and it stands. */
export interface SentVersion {
  mine: DrivingQuestion;
  /** The question it was written over (undefined when none had been written). */
  base: DrivingQuestion | undefined;
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

const sentKey = (enquiryId: string) => `question/${enquiryId}/sent`;

/** Remembers the version the person just saved, with the one it replaced. */
export async function rememberSent(drafts: DraftStore, personId: string, enquiryId: string, sent: SentVersion): Promise<void> {
  await drafts.put({ personId, key: sentKey(enquiryId), value: sent, base: sent.base, savedAt: new Date().toISOString() });
}

/** The version the person saved and the server may not have confirmed, if any. */
export async function readSent(drafts: DraftStore, personId: string, enquiryId: string): Promise<SentVersion | undefined> {
  return (await drafts.get<SentVersion>(personId, sentKey(enquiryId)))?.value;
}

/** Forgets the remembered version (it stands on the server, or the conflict was settled). */
export async function forgetSent(drafts: DraftStore, personId: string, enquiryId: string): Promise<void> {
  await drafts.remove(personId, sentKey(enquiryId));
}
