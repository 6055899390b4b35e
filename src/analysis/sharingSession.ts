/**
 * Sharing sessions, worked out: which published outcomes a CPD leader can choose from, the
 * running order with each slot's times per room, the programme as it is printed (presenters'
 * names, rooms, times), who came, and what is wrong with a plan before it is saved. Pure: the
 * element, the server's programme route and the booklet use the same functions.
 * @module
 */
import type { Cycle, Person } from '../schema/directory.js';
import type { FieldProblem } from '../schema/errors.js';
import type { SharingSession, SharingSlot } from '../schema/sharing.js';
import { onStaffDuring } from './cycleStaff.js';

/** A published outcome a session can present: what the enquiry summary says of it. */
export interface SharingCandidate {
  enquiryId: string;
  title: string;
  themeId: string | undefined;
  ownerIds: string[];
  publishedAt: string;
}

/** The fields of an enquiry summary {@link sharingCandidates} reads. */
export interface CandidateSummary {
  enquiryId: string;
  title: string;
  cycleId: string;
  themeId: string | undefined;
  ownerIds: readonly string[];
  publishedAt: string | undefined;
}

/**
 * The outcomes published in `sourceCycleId`, oldest publication first (the order they became
 * available to share), then by enquiry id.
 * @example
 * ```ts
 * sharingCandidates(summaries, 'cy-2025').map((c) => c.title); // ['Feedback that is read', ...]
 * ```
 */
export function sharingCandidates(summaries: Iterable<CandidateSummary>, sourceCycleId: string): SharingCandidate[] {
  const out: SharingCandidate[] = [];
  for (const s of summaries) {
    if (s.cycleId !== sourceCycleId || !s.publishedAt) continue;
    out.push({ enquiryId: s.enquiryId, title: s.title, themeId: s.themeId, ownerIds: [...s.ownerIds], publishedAt: s.publishedAt });
  }
  return out.sort((a, b) => (a.publishedAt < b.publishedAt ? -1 : a.publishedAt > b.publishedAt ? 1 : a.enquiryId < b.enquiryId ? -1 : 1));
}

/** The minutes a slot gets when first added to the running order. */
export const DEFAULT_SLOT_MINUTES = 10;

/** A new slot presenting `candidate`, its owners as presenters, in the session's main room. */
export function slotFor(candidate: Pick<SharingCandidate, 'enquiryId' | 'title' | 'ownerIds'>, id: string): SharingSlot {
  return { id, enquiryId: candidate.enquiryId, title: candidate.title.slice(0, 200), presenterIds: [...candidate.ownerIds], minutes: DEFAULT_SLOT_MINUTES };
}

/**
 * The running order with the slot at `index` moved by `offset` places (clamped to the ends).
 * A new array: the one given is unchanged.
 * @example
 * ```ts
 * moveSlot([a, b, c], 2, -1); // [a, c, b]
 * ```
 */
export function moveSlot<T>(slots: readonly T[], index: number, offset: number): T[] {
  const out = [...slots];
  if (index < 0 || index >= out.length) return out;
  const target = Math.min(out.length - 1, Math.max(0, index + offset));
  const [moved] = out.splice(index, 1);
  out.splice(target, 0, moved as T);
  return out;
}

/** One slot of a programme: its place, room and times (`HH:MM`). */
export interface ScheduledSlot extends SharingSlot {
  /** Its place in the running order, from 1. */
  order: number;
  room: string;
  start: string;
  end: string;
}

const toMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const toTime = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * Each slot's room and times: every room's slots follow one another from the session's start,
 * in running order (slots in different rooms run side by side).
 * @example
 * ```ts
 * schedule({ startsAt: '15:30', room: 'Hall', slots: [{ minutes: 10, ... }, { minutes: 15, ... }] })
 *   .map((s) => `${s.start}-${s.end}`); // ['15:30-15:40', '15:40-15:55']
 * ```
 */
export function schedule(session: Pick<SharingSession, 'startsAt' | 'room' | 'slots'>): ScheduledSlot[] {
  const next = new Map<string, number>();
  return session.slots.map((slot, i) => {
    const room = slot.room?.trim() || session.room;
    const start = next.get(room) ?? toMinutes(session.startsAt);
    next.set(room, start + slot.minutes);
    return { ...slot, order: i + 1, room, start: toTime(start), end: toTime(start + slot.minutes) };
  });
}

/** A printed programme: the session's slots with times and names, grouped by room. */
export interface Programme {
  title: string;
  date: string;
  startsAt: string;
  /** When the last slot ends, in any room (`startsAt` for an empty session). */
  endsAt: string;
  rooms: Array<{ room: string; slots: Array<ScheduledSlot & { presenters: string[] }> }>;
}

/**
 * The programme as printed and sent by the server: rooms in the order they first appear, each
 * with its slots and the presenters' names (`nameOf` gives a name for an id; an unknown id prints
 * as it is).
 */
export function programmeOf(session: SharingSession, nameOf: (personId: string) => string | undefined): Programme {
  const rooms: Programme['rooms'] = [];
  let endsAt = session.startsAt;
  for (const slot of schedule(session)) {
    let room = rooms.find((r) => r.room === slot.room);
    if (!room) rooms.push((room = { room: slot.room, slots: [] }));
    room.slots.push({ ...slot, presenters: slot.presenterIds.map((id) => nameOf(id) ?? id) });
    if (slot.end > endsAt) endsAt = slot.end;
  }
  return { title: session.title, date: session.date, startsAt: session.startsAt, endsAt, rooms };
}

/** Who came to a session, of the staff of its cycle. */
export interface SessionAttendance {
  present: number;
  /** The staff of the session's cycle (those on the staff on its day). */
  staff: number;
  /** `present / staff`, 0 to 1 (0 when there are no staff). */
  share: number;
}

/** How many of the staff on the session's day came (a person marked present who was not on the staff then does not count). */
export function sessionAttendance(session: Pick<SharingSession, 'date' | 'attendance'>, people: ReadonlyArray<Pick<Person, 'id' | 'joinedOn' | 'leftOn'>>): SessionAttendance {
  const day = { startsOn: session.date, endsOn: session.date };
  const staff = people.filter((p) => onStaffDuring(p, day));
  const ids = new Set(staff.map((p) => p.id));
  const present = session.attendance.filter((row) => row.present && ids.has(row.personId)).length;
  return { present, staff: staff.length, share: staff.length ? present / staff.length : 0 };
}

/** What {@link sharingSessionProblems} checks a session against. */
export interface SessionContext {
  /** The cycle the session is held in. */
  cycle: Pick<Cycle, 'id' | 'name' | 'startsOn' | 'endsOn'> | undefined;
  /** Everyone in the directory (presenters must be on the staff on the day). */
  people: ReadonlyArray<Pick<Person, 'id' | 'name' | 'joinedOn' | 'leftOn'>>;
  /** The outcomes published in the session's source cycle. */
  candidates: ReadonlyArray<Pick<SharingCandidate, 'enquiryId'>>;
}

/**
 * What is wrong with a session that its schema cannot see, each problem naming its field: a day
 * outside its cycle, a slot presenting something not published in the source cycle, a presenter
 * not on the staff that day, a room running past midnight. Empty when the plan holds.
 */
export function sharingSessionProblems(session: SharingSession, context: SessionContext): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { cycle } = context;
  if (!cycle) problems.push({ path: 'cycleId', message: `must name a cycle that exists (got "${session.cycleId}")` });
  else if (session.date < cycle.startsOn || session.date > cycle.endsOn) {
    problems.push({ path: 'date', message: `must be within its cycle ${cycle.name} (${cycle.startsOn} to ${cycle.endsOn}), not ${session.date}` });
  }
  const published = new Set(context.candidates.map((c) => c.enquiryId));
  const people = new Map(context.people.map((p) => [p.id, p]));
  const day = { startsOn: session.date, endsOn: session.date };
  schedule(session).forEach((slot, i) => {
    if (!published.has(slot.enquiryId)) problems.push({ path: `slots.${i}.enquiryId`, message: `must be an outcome published in the source cycle (got "${slot.enquiryId}")` });
    slot.presenterIds.forEach((id, j) => {
      const person = people.get(id);
      if (!person) problems.push({ path: `slots.${i}.presenterIds.${j}`, message: `must be a person in the directory (got "${id}")` });
      else if (!onStaffDuring(person, day)) problems.push({ path: `slots.${i}.presenterIds.${j}`, message: `must be on the staff on ${session.date} (${person.name} is not)` });
    });
    if (toMinutes(slot.start) + slot.minutes > 24 * 60) problems.push({ path: `slots.${i}.minutes`, message: `must end by midnight (the room ${slot.room} would run past it)` });
  });
  return problems;
}
