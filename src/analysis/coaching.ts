/**
 * Peer-coaching pairs of a cycle, as the screen that arranges them reads them: each pair with its
 * next slot and how many slots are past, and the colleagues not yet paired. Pure: `today` is
 * given, nothing is read or stored here (the records and their rules are in
 * `src/schema/coaching.ts`, who may see them in `src/policy`).
 * @module
 */
import type { CoachingPair, CoachingSlot } from '../schema/coaching.js';
import type { Person } from '../schema/directory.js';

/**
 * The two slots of a reciprocal pair: `a` observes `b` on `first`, then `b` observes `a` on `second`.
 * @example
 * ```ts
 * reciprocalSlots('p-ann', 'p-bea', '2025-10-06', '2025-10-20');
 * // [{ observerId: 'p-ann', observedId: 'p-bea', date: '2025-10-06' }, { observerId: 'p-bea', observedId: 'p-ann', date: '2025-10-20' }]
 * ```
 */
export function reciprocalSlots(a: string, b: string, first: string, second: string, focus?: string): CoachingSlot[] {
  const extra = focus?.trim() ? { focus: focus.trim() } : {};
  return [
    { observerId: a, observedId: b, date: first, ...extra },
    { observerId: b, observedId: a, date: second, ...extra },
  ];
}

/** The other colleague of a pair, or undefined when `personId` is not in it. */
export function partnerOf(pair: Pick<CoachingPair, 'personIds'>, personId: string): string | undefined {
  const [a, b] = pair.personIds;
  return personId === a ? b : personId === b ? a : undefined;
}

/** A pair as the overview shows it. */
export interface PairOverview {
  pair: CoachingPair;
  /** The first slot on or after today, in date order. */
  next: CoachingSlot | undefined;
  /** How many slots are before today. */
  past: number;
}

/** A cycle's pairs and who is not paired yet. */
export interface CoachingOverview {
  pairs: PairOverview[];
  /** Staff who have not left by the cycle's start and are in no pair of the cycle, in name order. */
  unpaired: Array<Pick<Person, 'id' | 'name'>>;
}

/**
 * The overview of a cycle's pairs on `today` (an ISO date): pairs in order of their first
 * colleague's name, each with its next slot; and the colleagues without a pair.
 */
export function coachingOverview(
  pairs: readonly CoachingPair[],
  people: ReadonlyArray<Pick<Person, 'id' | 'name' | 'leftOn'>>,
  cycle: { id: string; startsOn: string },
  today: string,
): CoachingOverview {
  const ofCycle = pairs.filter((p) => p.cycleId === cycle.id);
  const name = (id: string) => people.find((p) => p.id === id)?.name ?? id;
  const collator = new Intl.Collator(undefined, { sensitivity: 'base' });
  const overview = ofCycle
    .map((pair) => {
      const slots = [...pair.slots].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
      return { pair, next: slots.find((s) => s.date >= today), past: slots.filter((s) => s.date < today).length };
    })
    .sort((x, y) => collator.compare(name(x.pair.personIds[0]), name(y.pair.personIds[0])) || (x.pair.id < y.pair.id ? -1 : 1));
  const paired = new Set(ofCycle.flatMap((p) => p.personIds));
  const unpaired = people
    .filter((p) => !paired.has(p.id) && !(p.leftOn && p.leftOn <= cycle.startsOn))
    .map((p) => ({ id: p.id, name: p.name }))
    .sort((x, y) => collator.compare(x.name, y.name));
  return { pairs: overview, unpaired };
}
