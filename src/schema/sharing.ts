/**
 * Sharing sessions: the case study's year 3, "sessions were held for all staff where themes and
 * good practice from the previous set of PLCs were shared". A CPD leader plans one from a cycle's
 * published outcomes (who presents what, in which room, in what order), invites the presenters
 * and records who came. Stored as a directory record (`sharingSessions`).
 * @module
 */
import * as z from 'zod/mini';
import { CalendarDate, Id, IdList, Instant, LIMITS, SchemaVersion, ShortText } from './common.js';

/** A time of day, `HH:MM` (24-hour). */
export const TimeOfDay = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/));

/** One item of the running order: who presents which published outcome, where, for how long. */
export const SharingSlot = z.object({
  id: Id,
  /** The enquiry whose published outcome is presented. */
  enquiryId: Id,
  /** What the programme prints (the enquiry's title when planned; the planner may shorten it). */
  title: ShortText,
  presenterIds: IdList.check(z.minLength(1)),
  minutes: z.int().check(z.minimum(5), z.maximum(120)),
  /** The room; the session's room when unset. Slots in different rooms run side by side. */
  room: z.optional(ShortText),
});
export type SharingSlot = z.infer<typeof SharingSlot>;

/**
 * A sharing session for all staff. The running order is the order of `slots`; each room's slots
 * follow one another from `startsAt`.
 */
export const SharingSession = z
  .object({
    schemaVersion: SchemaVersion,
    id: Id,
    title: ShortText,
    /** The cycle the session is held in. */
    cycleId: Id,
    /** The cycle whose published outcomes are shared (usually the previous one). */
    sourceCycleId: Id,
    date: CalendarDate,
    startsAt: TimeOfDay,
    /** The main room: where slots without a room of their own take place. */
    room: ShortText,
    slots: z.array(SharingSlot).check(z.maxLength(60)),
    /** When the presenters were invited (each gets a notification); unset while still a draft. */
    invitedAt: z.optional(Instant),
    /** Who came, recorded on the day: staff of the session's cycle. */
    attendance: z.array(z.object({ personId: Id, present: z.boolean() })).check(z.maxLength(LIMITS.listItems * 5)),
  })
  .check(
    z.refine((session) => new Set(session.slots.map((slot) => slot.id)).size === session.slots.length, {
      message: 'must have a different id for every slot',
      path: ['slots'],
    }),
    z.refine((session) => new Set(session.attendance.map((row) => row.personId)).size === session.attendance.length, {
      message: 'must name each person once',
      path: ['attendance'],
    }),
  );
export type SharingSession = z.infer<typeof SharingSession>;
