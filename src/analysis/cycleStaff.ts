/**
 * People over the years: who was on the staff during a cycle, and who was new staff in it, from
 * each person's `joinedOn` and `leftOn`, so a cycle's figures use that cycle's staff without the
 * caller choosing them (a leaver stays in the years they were here; a joiner counts from theirs).
 *
 * New staff are new in one cycle: the first cycle that ends on or after the day they joined
 * (someone who joins in August or in January is new in the cycle under way or about to start).
 * Year 2's new staff are not new in year 3. A person without `joinedOn` keeps the old meaning of
 * `newStaff` (new in every cycle, the record saying no more); `newStaff: false` is never new.
 * @module
 */
import type { Cycle, Person } from '../schema/directory.js';

/** The fields of a person these rules read. */
export type StaffDates = Pick<Person, 'id' | 'joinedOn' | 'leftOn' | 'newStaff'>;

/** The fields of a cycle these rules read. */
export type CycleDates = Pick<Cycle, 'id' | 'startsOn' | 'endsOn'>;

/**
 * Whether the person was on the staff on some day of the cycle: joined by its last day (or no
 * date known) and not left before its first (`leftOn` is the first day away).
 */
export function onStaffDuring(person: Pick<Person, 'joinedOn' | 'leftOn'>, cycle: Pick<Cycle, 'startsOn' | 'endsOn'>): boolean {
  if (person.joinedOn && person.joinedOn > cycle.endsOn) return false;
  if (person.leftOn && person.leftOn <= cycle.startsOn) return false;
  return true;
}

/** The people on the staff during the cycle, in the order given. */
export function staffOfCycle<P extends Pick<Person, 'joinedOn' | 'leftOn'>>(people: readonly P[], cycle: Pick<Cycle, 'startsOn' | 'endsOn'>): P[] {
  return people.filter((person) => onStaffDuring(person, cycle));
}

/** The cycle that started last before `cycle` started, if any. */
export function previousCycleOf<C extends Pick<Cycle, 'id' | 'startsOn'>>(cycle: Pick<Cycle, 'id' | 'startsOn'>, cycles: Iterable<C>): C | undefined {
  let previous: C | undefined;
  for (const other of cycles) {
    if (other.id === cycle.id || other.startsOn >= cycle.startsOn) continue;
    if (!previous || other.startsOn > previous.startsOn) previous = other;
  }
  return previous;
}

/** The cycle a person who joined on `joinedOn` is new staff in: the first one ending on or after that day. */
export function firstCycleOf<C extends CycleDates>(joinedOn: string, cycles: Iterable<C>): C | undefined {
  let first: C | undefined;
  for (const cycle of cycles) {
    if (cycle.endsOn < joinedOn) continue;
    if (!first || cycle.startsOn < first.startsOn) first = cycle;
  }
  return first;
}

/**
 * Whether the person is new staff in `cycle` (see the module notes), given every cycle so the
 * one they joined in can be found.
 * @example
 * ```ts
 * const ivo = { id: 'p-ivo', joinedOn: '2025-08-28' };
 * isNewStaffIn(ivo, year2, cycles); // true: 2025-26 is the first cycle ending after he joined
 * isNewStaffIn(ivo, year3, cycles); // false
 * ```
 */
export function isNewStaffIn(person: Omit<StaffDates, 'id'>, cycle: CycleDates, cycles: Iterable<CycleDates>): boolean {
  if (person.newStaff === false) return false;
  if (!person.joinedOn) return person.newStaff === true;
  return firstCycleOf(person.joinedOn, [cycle, ...cycles])?.id === cycle.id;
}
