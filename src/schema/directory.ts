/**
 * Directory records: the school, its people, cycles, themes, communities, meetings, appraisal
 * records and learning walks. Each carries `schemaVersion`; older versions migrate on read
 * (see `migrate.ts`).
 */
import * as z from 'zod/mini';
import { CalendarDate, Id, IdList, Instant, LanguageTag, LIMITS, LongText, SchemaVersion, ShortText, TextList } from './common.js';
import { SurveyQuestion } from './evidence.js';
import { SharingSession } from './sharing.js';
import { CoachingLogEntry, CoachingPair } from './coaching.js';
import { StaffSurvey } from './staffFeedback.js';

/** A school; several schools form a trust, and one trust's data is never visible to another. */
export const School = z.object({
  schemaVersion: SchemaVersion,
  id: Id,
  name: ShortText,
  trustId: z.optional(Id),
});
export type School = z.infer<typeof School>;

/** Programme-wide roles a person holds. Enquiry roles (member, lead of a community) come from the records. */
export const StaffRole = z.enum(['teacher', 'cpd-leader', 'coach', 'admin']);
export type StaffRole = z.infer<typeof StaffRole>;

/**
 * An email address: zod's `email()` written as a string format of the same name with zod's own
 * pattern (the same check, issue and JSON Schema; 43 B less gzip in the first view, whose
 * bundle has zod's string formats already). tests/unit/schema/directory.test.ts compares the two.
 */
const Email = z.stringFormat('email', z.regexes.email).check(z.maxLength(LIMITS.shortText));

/** A member of staff. */
export const Person = z.object({
  schemaVersion: SchemaVersion,
  id: Id,
  name: ShortText,
  email: z.optional(Email),
  schoolId: Id,
  roles: z.array(StaffRole).check(z.minLength(1), z.maxLength(4)),
  /** New staff follow their own track (e.g. "Building Learning Habits") before joining a PLC. */
  newStaff: z.optional(z.boolean()),
  /**
   * For a CPD leader: their figures cover the whole trust, each school and the trust's totals.
   * Without it a CPD leader's figures cover their own school (`schoolId`).
   */
  trustWide: z.optional(z.boolean()),
  /** Kept so the policy can refuse line managers access to developmental observation notes. */
  lineManagerId: z.optional(Id),
  /** The day the person joined the school's staff (a cycle's staff are those there during it). */
  joinedOn: z.optional(CalendarDate),
  /**
   * The day the person left: from that day they lose access at once, and their past work stays
   * in the record with their name. People who leave are marked, never deleted.
   */
  leftOn: z.optional(CalendarDate),
  /**
   * Programme roles the person held before and no longer holds, each until an instant. Written
   * by the stores when a role is removed (see `recordDirectoryHistory`), so a step they took in
   * that role stays valid in every enquiry's history.
   */
  pastRoles: z.optional(z.array(z.object({ role: StaffRole, until: Instant })).check(z.maxLength(LIMITS.listItems))),
  /**
   * When the person's data was erased (docs/privacy.md, "Erasure"): set by erasure only, and kept
   * by every store whatever a later write says, so no writer can set or clear it. An erased
   * person is never issued an Open Badges credential again.
   */
  erasedAt: z.optional(Instant),
});
export type Person = z.infer<typeof Person>;

/** The policy a cycle sets for every enquiry in it; the lifecycle's guards read it. */
export const CyclePolicy = z.object({
  /** Observations needed before evidence gathering starts. */
  minObservations: z.int().check(z.minimum(0), z.maximum(50)),
  /** Whether sharing needs at least one anonymous student-voice survey among the evidence. */
  studentVoiceRequired: z.boolean(),
  /** Whether the community lead must approve the driving question before observing. */
  questionReviewRequired: z.boolean(),
  /** Evidence items needed before sharing. */
  minEvidence: z.int().check(z.minimum(0), z.maximum(50)),
});
export type CyclePolicy = z.infer<typeof CyclePolicy>;

/** The policy used when a cycle sets none: the case study's (observe, student voice, lead review). */
export const DEFAULT_POLICY: CyclePolicy = {
  minObservations: 1,
  studentVoiceRequired: true,
  questionReviewRequired: true,
  minEvidence: 1,
};

/** One programme period, usually an academic year ("2025-26"). It cannot end before it starts. */
export const Cycle = z
  .object({
    schemaVersion: SchemaVersion,
    id: Id,
    name: ShortText,
    startsOn: CalendarDate,
    endsOn: CalendarDate,
    status: z.enum(['planning', 'active', 'closed']),
    themeIds: IdList,
    policy: CyclePolicy,
    /**
     * After how many weeks in one stage an enquiry's owners are reminded that it has not moved
     * (in-app and in the email digest); 6 when unset.
     */
    stuckAfterWeeks: z.optional(z.int().check(z.minimum(1), z.maximum(52))),
    /** Tracks offered besides the PLC itself, e.g. a new-staff track. */
    tracks: z.optional(z.array(z.object({ id: Id, name: ShortText })).check(z.maxLength(20))),
    /**
     * The cycle's earlier policies, each in force until an instant (oldest first). Written by the
     * stores when the policy changes, so steps taken under an earlier policy stay valid.
     */
    pastPolicies: z.optional(z.array(z.object({ policy: CyclePolicy, until: Instant })).check(z.maxLength(LIMITS.listItems))),
  })
  .check(
    z.refine((cycle) => cycle.endsOn >= cycle.startsOn, {
      message: 'must be on or after startsOn: a cycle cannot end before it starts',
      path: ['endsOn'],
    }),
  );
export type Cycle = z.infer<typeof Cycle>;

/** An aspect of practice a theme improves, matched against appraisal records to measure impact. */
export const Aspect = z.object({ id: Id, name: ShortText });
export type Aspect = z.infer<typeof Aspect>;

/** An area of practice: literacy, oracy, learning habits, assessment for learning, ... */
export const Theme = z.object({
  schemaVersion: SchemaVersion,
  id: Id,
  name: ShortText,
  description: z.optional(LongText),
  aspects: z.array(Aspect).check(z.maxLength(50)),
});
export type Theme = z.infer<typeof Theme>;

/** A regular meeting slot: the dedicated time a community is given. */
export const MeetingSlot = z.object({
  weekday: z.int().check(z.minimum(1), z.maximum(7)),
  start: z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/)),
  minutes: z.int().check(z.minimum(5), z.maximum(480)),
  location: z.optional(ShortText),
});
export type MeetingSlot = z.infer<typeof MeetingSlot>;

/** A professional learning community: staff working on one theme in one cycle. */
export const Community = z.object({
  schemaVersion: SchemaVersion,
  id: Id,
  name: ShortText,
  cycleId: Id,
  themeId: Id,
  leadId: Id,
  memberIds: IdList,
  coachIds: IdList,
  schoolIds: z.array(Id).check(z.minLength(1), z.maxLength(LIMITS.listItems)),
  meetingSlots: z.array(MeetingSlot).check(z.maxLength(10)),
  /**
   * For a group on one of the cycle's tracks instead of a PLC (the id of a track in the cycle's
   * `tracks`, e.g. new staff on "Building Learning Habits"): its members are on that track, and
   * its meetings (with attendance) are the track's sessions, not the six enquiry stages.
   */
  trackId: z.optional(Id),
  /**
   * Earlier leads, each until an instant (oldest first). Written by the stores when the lead
   * changes (a PLC handed over at Easter), so the questions an earlier lead reviewed stay reviewed.
   */
  pastLeads: z.optional(z.array(z.object({ personId: Id, until: Instant })).check(z.maxLength(LIMITS.listItems))),
});
export type Community = z.infer<typeof Community>;

/** Protocols that structure a meeting (from the seeds: data analysis, a lesson that failed, ...). */
export const MeetingProtocol = z.enum(['data-analysis', 'failed-lesson', 'observation-sharing', 'planning', 'open']);
export type MeetingProtocol = z.infer<typeof MeetingProtocol>;

/** One earlier version of a meeting's notes. */
export const PastNotes = z.object({ notes: LongText, by: z.optional(Id), at: z.optional(Instant), until: Instant });
export type PastNotes = z.infer<typeof PastNotes>;

/** A community meeting: agenda from a protocol, notes, decisions and attendance. */
export const Meeting = z.object({
  schemaVersion: SchemaVersion,
  id: Id,
  communityId: Id,
  date: CalendarDate,
  protocol: MeetingProtocol,
  agenda: z.array(z.object({ title: ShortText, minutes: z.int().check(z.minimum(1), z.maximum(240)) })).check(z.maxLength(30)),
  notes: LongText,
  decisions: TextList,
  attendance: z.array(z.object({ personId: Id, present: z.boolean() })).check(z.maxLength(LIMITS.listItems)),
  enquiryIds: IdList,
  /** Who wrote the notes as they are now. The server sets it to the signed-in person; local stores keep what the writer gave. */
  notesBy: z.optional(Id),
  /** When the notes as they are now were saved (set by the store that kept them). */
  notesAt: z.optional(Instant),
  /**
   * The notes' earlier versions, oldest first: what each said, who wrote it and when (unknown for
   * notes saved before versions were kept), and when it was replaced. Written by the stores when
   * the notes change (`recordDirectoryHistory`), so a colleague's notes replaced by "keep mine"
   * stay readable. Read by the meeting's readers only (docs/privacy.md, meeting-versions).
   */
  pastNotes: z.optional(z.array(PastNotes).check(z.maxLength(LIMITS.listItems))),
});
export type Meeting = z.infer<typeof Meeting>;

/** Imported, read-only: whether an aspect of practice was a strength in a person's appraisal. */
export const AppraisalRecord = z.object({
  schemaVersion: SchemaVersion,
  id: Id,
  personId: Id,
  cycleId: Id,
  aspectId: Id,
  strength: z.boolean(),
});
export type AppraisalRecord = z.infer<typeof AppraisalRecord>;

/** Leaders visit many lessons looking for one focus; the result is the share showing it. */
export const LearningWalk = z.object({
  schemaVersion: SchemaVersion,
  id: Id,
  cycleId: Id,
  focus: ShortText,
  date: CalendarDate,
  leaderIds: IdList,
  lessons: z
    .array(
      z.object({
        showsFocus: z.boolean(),
        yearGroup: z.optional(ShortText),
        subject: z.optional(ShortText),
        note: z.optional(LongText),
        at: z.optional(Instant),
      }),
    )
    .check(z.maxLength(1_000)),
});
export type LearningWalk = z.infer<typeof LearningWalk>;

/**
 * Why a learning walk's date does not fit its cycle (the walk is refused at `date`), or
 * `undefined` when it fits or the cycle is unknown. Stores and backups check it when a walk is
 * written, as it needs the cycle besides the walk.
 * @example
 * ```ts
 * learningWalkDateProblem({ date: '2027-09-03' }, { name: '2026-27', startsOn: '2026-09-01', endsOn: '2027-07-17' });
 * // { path: 'date', message: 'must be within its cycle 2026-27 (2026-09-01 to 2027-07-17), not 2027-09-03' }
 * ```
 */
export function learningWalkDateProblem(
  walk: Pick<LearningWalk, 'date'>,
  cycle: Pick<Cycle, 'name' | 'startsOn' | 'endsOn'> | undefined,
): { path: 'date'; message: string } | undefined {
  if (!cycle || (walk.date >= cycle.startsOn && walk.date <= cycle.endsOn)) return undefined;
  return { path: 'date', message: `must be within its cycle ${cycle.name} (${cycle.startsOn} to ${cycle.endsOn}), not ${walk.date}` };
}

/** A short student-voice survey tied to an enquiry's question, answered anonymously. */
export const Survey = z.object({
  schemaVersion: SchemaVersion,
  id: Id,
  enquiryId: Id,
  title: ShortText,
  questions: z.array(SurveyQuestion).check(z.minLength(1), z.maxLength(20)),
  status: z.enum(['draft', 'open', 'closed']),
  createdById: Id,
  /**
   * The language students answer in (a BCP 47 tag such as `en-GB`, `en-US` or `es`): the
   * student page is shown in it. The builder sets the teacher's language; unset means en-GB.
   */
  lang: z.optional(LanguageTag),
});
export type Survey = z.infer<typeof Survey>;

/**
 * One anonymous answer sheet. Anonymous by construction: no person, account, time or device is
 * stored, only the answers (agree scale 1-5, an option index, or a short comment).
 */
export const SurveyResponse = z.strictObject({
  schemaVersion: SchemaVersion,
  id: Id,
  surveyId: Id,
  answers: z.record(Id, z.union([z.int().check(z.minimum(0), z.maximum(9)), z.string().check(z.maxLength(500))])),
});
export type SurveyResponse = z.infer<typeof SurveyResponse>;

/** Every directory collection a store keeps, with the schema of its records. */
export const DIRECTORY = {
  schools: School,
  people: Person,
  cycles: Cycle,
  themes: Theme,
  communities: Community,
  meetings: Meeting,
  appraisals: AppraisalRecord,
  learningWalks: LearningWalk,
  surveys: Survey,
  surveyResponses: SurveyResponse,
  sharingSessions: SharingSession,
  coachingPairs: CoachingPair,
  coachingLogs: CoachingLogEntry,
  staffSurveys: StaffSurvey,
} as const;

/** The name of a directory collection. */
export type Collection = keyof typeof DIRECTORY;

/** The record type stored in a directory collection. */
export type DirectoryRecord<C extends Collection> = z.infer<(typeof DIRECTORY)[C]>;

/** The names of all directory collections, in a stable order. */
export const COLLECTIONS = Object.keys(DIRECTORY) as Collection[];
