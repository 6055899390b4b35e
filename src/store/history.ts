/**
 * The directory's memory: when a community's lead, a person's programme roles or a cycle's
 * policy changes, the value that ends is kept with the instant it ended (`pastLeads`,
 * `pastRoles`, `pastPolicies`), and a meeting's notes that are replaced are kept with who wrote
 * them and when (`pastNotes`, issue 16). Replay judges each step of an enquiry against the directory as it
 * was when the step was made, so no directory change alters a decision already in an enquiry's
 * history (docs/privacy.md, rule 6). Every store calls these two functions on every write, so
 * the rule lives here once.
 * @module
 */
import type { Collection, Community, Cycle, Meeting, PastNotes, Person } from '../schema/directory.js';
import { LIMITS } from '../schema/common.js';
import { StoreError } from './store.js';

type Json = Record<string, unknown>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** `history` with `entry` added, or the record without the field when there is nothing to keep. */
function withHistory<T extends Json>(record: T, field: string, history: readonly unknown[]): T {
  const next: Json = { ...record };
  if (history.length) next[field] = history;
  else delete next[field];
  return next as T;
}

/**
 * The record to store when `next` replaces `previous` at instant `now`: the history `previous`
 * carried is kept whatever `next` says of it (a writer cannot rewrite the past), and the value
 * that changed is added to it. A new record (no `previous`) keeps the history it is given, so a
 * backup or an import arrives whole.
 * @example
 * ```ts
 * const stored = recordDirectoryHistory('communities', { ...afl, leadId: 'p-lee' }, { ...afl, leadId: 'p-kim' }, now);
 * stored.pastLeads; // [{ personId: 'p-lee', until: now }]
 * ```
 */
export function recordDirectoryHistory<R>(collection: Collection, previous: unknown, next: R, now: string): R {
  if (collection === 'meetings' && !previous && next && typeof next === 'object' && !(next as Partial<Meeting>).notesAt) return { ...next, notesAt: now };
  if (!previous || typeof previous !== 'object' || !next || typeof next !== 'object') return next;
  switch (collection) {
    case 'communities': {
      const before = previous as Community;
      const after = next as unknown as Community;
      const kept = [...(before.pastLeads ?? [])];
      if (before.leadId !== after.leadId) kept.push({ personId: before.leadId, until: now });
      return withHistory(after as unknown as Json, 'pastLeads', kept) as R;
    }
    case 'people': {
      const before = previous as Person;
      const after = next as unknown as Person;
      const kept = [...(before.pastRoles ?? [])];
      for (const role of before.roles) if (!after.roles.includes(role)) kept.push({ role, until: now });
      // Only erasure marks a person erased (it writes the record itself): a write keeps the mark as it was.
      const marked: Json = { ...after, erasedAt: before.erasedAt };
      if (!before.erasedAt) delete marked['erasedAt'];
      return withHistory(marked, 'pastRoles', kept) as R;
    }
    case 'cycles': {
      const before = previous as Cycle;
      const after = next as unknown as Cycle;
      const kept = [...(before.pastPolicies ?? [])];
      if (!same(before.policy, after.policy)) kept.push({ policy: before.policy, until: now });
      return withHistory(after as unknown as Json, 'pastPolicies', kept) as R;
    }
    case 'meetings':
      return meetingWithPastNotes(previous as Meeting, next as unknown as Meeting, now) as R;
    default:
      return next;
  }
}

/**
 * A meeting saved over `before`: when the notes change, the notes they replace are kept (with
 * their writer and time) and the new notes are stamped `now`; when they do not, the stamp stays
 * that of whoever wrote them. Only the newest {@link LIMITS.listItems} versions are kept. Empty
 * notes are not a version: nothing was written.
 */
function meetingWithPastNotes(before: Meeting, after: Meeting, now: string): Meeting {
  const kept: PastNotes[] = [...(before.pastNotes ?? [])];
  const next: Json = { ...after };
  if (before.notes === after.notes) {
    next['notesBy'] = before.notesBy;
    next['notesAt'] = before.notesAt;
  } else {
    if (before.notes.trim()) {
      const version: PastNotes = { notes: before.notes, until: now };
      if (before.notesBy) version.by = before.notesBy;
      if (before.notesAt) version.at = before.notesAt;
      kept.push(version);
    }
    next['notesAt'] = now;
  }
  for (const field of ['notesBy', 'notesAt']) if (next[field] === undefined) delete next[field];
  return withHistory(next, 'pastNotes', kept.slice(-LIMITS.listItems)) as unknown as Meeting;
}

/**
 * A meeting as the server stores it from `personId`: the writer of its notes is the signed-in
 * person and the time the server's, whatever the browser sent (kept only when the notes did not
 * change, by {@link recordDirectoryHistory}), and earlier versions are never taken from a person
 * (the stored ones are kept on an update). Other records are returned as they are.
 */
export function stampWriter<R>(collection: Collection, record: R, personId: string, now: string): R {
  if (collection !== 'meetings') return record;
  const stamped: Json = { ...record, notesBy: personId, notesAt: now };
  delete stamped['pastNotes'];
  return stamped as R;
}

export { MAKE_REPLICA, type ReplicaCapable } from './replica.js';

/** What a store knows of the records a deletion would take from enquiries' history. */
export interface DeletionReferences {
  /** How many enquiries name the record (a cycle's or a community's). */
  enquiries: number;
  /** Whether the person leads, or once led, a community. */
  leadsCommunity: boolean;
}

/**
 * Refuses a deletion that would change an enquiry's history: a cycle or a community that
 * enquiries belong to, or a person who reviews (or reviewed) questions as a CPD leader or a
 * community lead. People who leave are marked with `leftOn` instead; their past decisions keep
 * their author.
 * @throws StoreError with code `conflict` naming what to do instead.
 */
export function checkDirectoryDelete(collection: Collection, record: unknown, references: DeletionReferences): void {
  const id = (record as { id?: string } | undefined)?.id ?? '';
  if ((collection === 'cycles' || collection === 'communities') && references.enquiries > 0) {
    const what = collection === 'cycles' ? 'cycle' : 'community';
    throw new StoreError(
      'conflict',
      `${collection}/${id} cannot be deleted: ${references.enquiries} ${references.enquiries === 1 ? 'enquiry belongs' : 'enquiries belong'} to this ${what}, and their history depends on it.`,
      'id',
    );
  }
  if (collection === 'people') {
    const person = record as Partial<Person> | undefined;
    const reviewer = person?.roles?.includes('cpd-leader') || (person?.pastRoles ?? []).some((r) => r.role === 'cpd-leader') || references.leadsCommunity;
    if (reviewer) {
      throw new StoreError(
        'conflict',
        `people/${id} cannot be deleted: they review (or reviewed) driving questions, and enquiries' history keeps their decisions. Mark them as left (leftOn) instead.`,
        'id',
      );
    }
  }
}

/** Whether a community is led, or was once led, by `personId`. */
export const ledBy = (community: Pick<Community, 'leadId' | 'pastLeads'>, personId: string): boolean =>
  community.leadId === personId || (community.pastLeads ?? []).some((past) => past.personId === personId);
