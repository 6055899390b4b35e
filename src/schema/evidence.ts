/**
 * Evidence is a discriminated union on `kind`. The built-in kinds are below; integrators add
 * their own with {@link createEvidenceKinds} (a zod schema per kind), and the lifecycle validates
 * `evidence.add` against the kinds it was given. There is no global registry.
 */
import * as z from 'zod/mini';
import { CalendarDate, HttpUrl, Id, LIMITS, LongText, ShortText } from './common.js';

/** Fields every evidence item has, whatever its kind. */
export const evidenceBase = {
  id: Id,
  title: ShortText,
  collectedOn: z.optional(CalendarDate),
};

/** A question in a student-voice survey. */
export const SurveyQuestion = z.object({
  id: Id,
  text: ShortText,
  /** `agree`: a five-point agreement scale; `choice`: one of `options`; `text`: a short comment. */
  type: z.enum(['agree', 'choice', 'text']),
  options: z.optional(z.array(ShortText).check(z.minLength(2), z.maxLength(10))),
});
export type SurveyQuestion = z.infer<typeof SurveyQuestion>;

/**
 * Aggregated results of one survey question. Anonymous by construction: only counts per option
 * and, for text questions, comments with no author, time or order of arrival.
 */
export const SurveyResult = z.object({
  questionId: Id,
  counts: z.array(z.int().check(z.minimum(0))).check(z.maxLength(10)),
  comments: z.optional(z.array(z.string().check(z.maxLength(500))).check(z.maxLength(2_000))),
});
export type SurveyResult = z.infer<typeof SurveyResult>;

/** An anonymous student-voice survey: questions, response count and aggregated results, no names. */
export const StudentVoiceEvidence = z.strictObject({
  ...evidenceBase,
  kind: z.literal('student-voice'),
  surveyId: z.optional(Id),
  questions: z.array(SurveyQuestion).check(z.minLength(1), z.maxLength(20)),
  responseCount: z.int().check(z.minimum(0)),
  results: z.array(SurveyResult).check(z.maxLength(20)),
});

/** A measure before and after the change, e.g. a reading age or a quiz score. */
export const AssessmentEvidence = z.strictObject({
  ...evidenceBase,
  kind: z.literal('assessment'),
  measure: ShortText,
  unit: z.optional(z.string().check(z.maxLength(40))),
  before: z.object({ value: z.number(), students: z.int().check(z.minimum(1)) }),
  after: z.object({ value: z.number(), students: z.int().check(z.minimum(1)) }),
});

/** The tally of a learning walk: lessons visited and lessons showing the focus. */
export const LearningWalkEvidence = z.strictObject({
  ...evidenceBase,
  kind: z.literal('learning-walk'),
  learningWalkId: z.optional(Id),
  focus: ShortText,
  lessonsVisited: z.int().check(z.minimum(1)),
  lessonsShowingFocus: z.int().check(z.minimum(0)),
});

/** A link to work, a resource or a photo, with a caption. Only http(s) links are accepted. */
export const ArtefactEvidence = z.strictObject({
  ...evidenceBase,
  kind: z.literal('artefact'),
  url: HttpUrl,
  caption: z.string().check(z.maxLength(LIMITS.shortText)),
});

/** A written note. */
export const NoteEvidence = z.strictObject({
  ...evidenceBase,
  kind: z.literal('note'),
  text: LongText,
});

/** A percentage, 0 to 100. */
const Percent = z.number().check(z.minimum(0), z.maximum(100));

/**
 * Attendance of the members' classes before and after the change, as percentages of sessions
 * attended, and optionally the rest of the school's classes over the same two periods (`others`),
 * so the change can be set beside the school's (see `compareAttendance`).
 */
export const AttendanceEvidence = z.strictObject({
  ...evidenceBase,
  kind: z.literal('attendance'),
  /** The class or group ("9E2", "Year 9 boys"). */
  group: ShortText,
  students: z.int().check(z.minimum(1)),
  before: Percent,
  after: Percent,
  others: z.optional(z.strictObject({ students: z.int().check(z.minimum(1)), before: Percent, after: Percent })),
});

/** How many students got each grade, in the order of the item's `grades`. */
const GradeCounts = z.array(z.int().check(z.minimum(0))).check(z.minLength(2), z.maxLength(20));

/** One cohort's grade distribution: the cohort's name ("Year 11, 2025") and a count per grade. */
const CohortResults = z.strictObject({ cohort: ShortText, counts: GradeCounts });

/**
 * Exam results of a cohort before and after the change (often last year's cohort and this
 * year's): a count per grade, grades listed best first, and optionally the same for the rest of
 * the school's classes (`others`). `passFrom` names the grade from which a result counts as a
 * pass ("4"), for the share at or above it.
 */
export const ExamResultsEvidence = z
  .strictObject({
    ...evidenceBase,
    kind: z.literal('exam-results'),
    /** The exam or assessment ("GCSE English Language"). */
    exam: ShortText,
    /** The grades, best first ("9", "8", ... "U"). */
    grades: z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(20))).check(z.minLength(2), z.maxLength(20)),
    passFrom: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(20))),
    before: CohortResults,
    after: CohortResults,
    others: z.optional(z.strictObject({ before: GradeCounts, after: GradeCounts })),
  })
  .check(
    z.superRefine((item, ctx) => {
      const n = item.grades.length;
      const counts: Array<[PropertyKey[], number[]]> = [
        [['before', 'counts'], item.before.counts],
        [['after', 'counts'], item.after.counts],
        ...(item.others ? ([[['others', 'before'], item.others.before], [['others', 'after'], item.others.after]] as Array<[PropertyKey[], number[]]>) : []),
      ];
      for (const [path, list] of counts) {
        if (list.length !== n) ctx.issues.push({ code: 'custom', message: `must have one count per grade (${n})`, path, input: list });
      }
      if (new Set(item.grades).size !== n) ctx.issues.push({ code: 'custom', message: 'must not name a grade twice', path: ['grades'], input: item.grades });
      if (item.passFrom !== undefined && !item.grades.includes(item.passFrom)) {
        ctx.issues.push({ code: 'custom', message: 'must be one of the grades', path: ['passFrom'], input: item.passFrom });
      }
    }),
  );

/** The evidence kinds every lifecycle knows. */
export const BUILT_IN_EVIDENCE = {
  'student-voice': StudentVoiceEvidence,
  assessment: AssessmentEvidence,
  'learning-walk': LearningWalkEvidence,
  artefact: ArtefactEvidence,
  note: NoteEvidence,
  attendance: AttendanceEvidence,
  'exam-results': ExamResultsEvidence,
} as const;

/** A built-in evidence item. */
export type Evidence =
  | z.infer<typeof StudentVoiceEvidence>
  | z.infer<typeof AssessmentEvidence>
  | z.infer<typeof LearningWalkEvidence>
  | z.infer<typeof ArtefactEvidence>
  | z.infer<typeof NoteEvidence>
  | z.infer<typeof AttendanceEvidence>
  | z.infer<typeof ExamResultsEvidence>;

/** Any evidence item, including integrator kinds: the base fields plus a `kind` tag. */
export interface AnyEvidence {
  id: string;
  kind: string;
  title: string;
  collectedOn?: string;
  [field: string]: unknown;
}

/** A map from evidence kind to the zod schema of its items. */
export type EvidenceKinds = Readonly<Record<string, z.ZodMiniType>>;

/**
 * The evidence kinds a lifecycle accepts: the built-in ones plus `extra`. An extra kind's schema
 * must include the base fields (spread {@link evidenceBase}) and `kind: z.literal(name)`.
 * @example
 * ```ts
 * const kinds = createEvidenceKinds({
 *   'reading-log': z.object({ ...evidenceBase, kind: z.literal('reading-log'), booksBefore: z.number(), booksAfter: z.number() }),
 * });
 * ```
 */
export function createEvidenceKinds(extra: EvidenceKinds = {}): EvidenceKinds {
  for (const name of Object.keys(extra)) {
    if (name in BUILT_IN_EVIDENCE) throw new Error(`Evidence kind "${name}" is built in and cannot be replaced.`);
    if (!/^[a-z][a-z0-9-]{0,39}$/.test(name)) throw new Error(`Evidence kind "${name}" must be lowercase letters, digits and dashes.`);
  }
  return Object.freeze({ ...BUILT_IN_EVIDENCE, ...extra });
}
