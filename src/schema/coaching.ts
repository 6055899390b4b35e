/**
 * Peer-coaching pairs (the case study's "peer coaching"): a coach or CPD leader pairs two
 * colleagues for a cycle, with reciprocal observation slots (A observes B, B observes A, each
 * with a date), and the pair keeps a shared private log. Who reads what is in docs/privacy.md
 * (coaching-pair, coaching-log) and `src/policy`; the checks across fields are here, beside the
 * schemas, so every store and the server refuse the same records with the same field named.
 * @module
 */
import * as z from 'zod/mini';
import { CalendarDate, Id, LongText, SchemaVersion, ShortText } from './common.js';
import type { FieldProblem } from './errors.js';

/** One observation of the pair: who observes whom, on which day, with an optional focus. */
export const CoachingSlot = z.object({
  observerId: Id,
  observedId: Id,
  date: CalendarDate,
  focus: z.optional(ShortText),
});
export type CoachingSlot = z.infer<typeof CoachingSlot>;

/** Two colleagues paired for a cycle, and their observation slots. */
export const CoachingPair = z.object({
  schemaVersion: SchemaVersion,
  id: Id,
  cycleId: Id,
  /** The two colleagues (in the order they were paired). */
  personIds: z.tuple([Id, Id]),
  /** Who paired them: a CPD leader, an administrator or a coach. */
  arrangedById: Id,
  slots: z.array(CoachingSlot).check(z.maxLength(40)),
});
export type CoachingPair = z.infer<typeof CoachingPair>;

/**
 * An entry of a pair's shared log. `memberIds` are the pair's two colleagues when it was
 * written: the entry stays theirs (and only theirs) whatever later happens to the pair.
 */
export const CoachingLogEntry = z.object({
  schemaVersion: SchemaVersion,
  id: Id,
  pairId: Id,
  memberIds: z.tuple([Id, Id]),
  authorId: Id,
  date: CalendarDate,
  text: LongText.check(z.minLength(1)),
});
export type CoachingLogEntry = z.infer<typeof CoachingLogEntry>;

/**
 * What is wrong with a pair across its fields, each problem naming its field: two different
 * colleagues; every slot between the two of them, one observing the other; both directions
 * (A observes B and B observes A) once there are slots; every slot's date within the cycle.
 * @example
 * ```ts
 * coachingPairProblems({ ...pair, slots: [{ observerId: 'p-a', observedId: 'p-a', date: '2025-10-01' }] }, cycle);
 * // [{ path: 'slots.0.observedId', message: 'must be the other colleague of the pair (p-b), not p-a' }, ...]
 * ```
 */
export function coachingPairProblems(
  pair: Pick<CoachingPair, 'personIds' | 'slots'>,
  cycle: { name: string; startsOn: string; endsOn: string } | undefined,
): FieldProblem[] {
  const [a, b] = pair.personIds;
  if (a === b) return [{ path: 'personIds.1', message: `must be a different colleague from personIds.0 (${a})` }];
  const problems: FieldProblem[] = [];
  pair.slots.forEach((slot, i) => {
    if (slot.observerId !== a && slot.observerId !== b) problems.push({ path: `slots.${i}.observerId`, message: `must be one of the pair (${a} or ${b}), not ${slot.observerId}` });
    else if (slot.observedId !== (slot.observerId === a ? b : a)) {
      problems.push({ path: `slots.${i}.observedId`, message: `must be the other colleague of the pair (${slot.observerId === a ? b : a}), not ${slot.observedId}` });
    }
    if (cycle && (slot.date < cycle.startsOn || slot.date > cycle.endsOn)) {
      problems.push({ path: `slots.${i}.date`, message: `must be within the cycle ${cycle.name} (${cycle.startsOn} to ${cycle.endsOn}), not ${slot.date}` });
    }
  });
  if (!problems.length && pair.slots.length) {
    for (const [observer, observed] of [[a, b], [b, a]] as const) {
      if (!pair.slots.some((s) => s.observerId === observer && s.observedId === observed)) {
        problems.push({ path: 'slots', message: `must be reciprocal: add a slot where ${observer} observes ${observed}` });
      }
    }
  }
  return problems;
}

/**
 * What is wrong with a log entry given its pair as stored: the pair must exist, the entry's
 * `memberIds` must be the pair's colleagues, and its author one of them.
 */
export function coachingLogProblems(entry: Pick<CoachingLogEntry, 'pairId' | 'memberIds' | 'authorId'>, pair: Pick<CoachingPair, 'personIds'> | undefined): FieldProblem[] {
  if (!pair) return [{ path: 'pairId', message: `must be a stored coaching pair, not ${entry.pairId}` }];
  const same = [...entry.memberIds].sort().join() === [...pair.personIds].sort().join();
  if (!same) return [{ path: 'memberIds', message: `must be the pair's colleagues (${pair.personIds.join(', ')}), not ${entry.memberIds.join(', ')}` }];
  if (!entry.memberIds.includes(entry.authorId)) return [{ path: 'authorId', message: `must be one of the pair (${entry.memberIds.join(' or ')}), not ${entry.authorId}` }];
  return [];
}
