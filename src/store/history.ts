/**
 * The directory's memory: when a community's lead, a person's programme roles or a cycle's
 * policy changes, the value that ends is kept with the instant it ended (`pastLeads`,
 * `pastRoles`, `pastPolicies`). Replay judges each step of an enquiry against the directory as it
 * was when the step was made, so no directory change alters a decision already in an enquiry's
 * history (docs/privacy.md, rule 6). Every store calls these two functions on every write, so
 * the rule lives here once.
 * @module
 */
import type { Collection, Community, Cycle, Person } from '../schema/directory.js';
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
    default:
      return next;
  }
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
