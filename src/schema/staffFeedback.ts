/**
 * A cycle's staff feedback survey on the programme (issue 19): asked of all staff, answered
 * anonymously once per person, read by the CPD leader beside participation and compared with the
 * previous cycle's. Unlike a student-voice {@link Survey} it belongs to a cycle, not an enquiry.
 * Its answer sheets have the shape of a student's (`SurveyResponse`: the survey's id and the
 * answers, nothing about who answered); who reads what is in docs/privacy.md ("Staff feedback").
 * @module
 */
import * as z from 'zod/mini';
import { Id, LanguageTag, SchemaVersion, ShortText } from './common.js';
import { SurveyQuestion } from './evidence.js';

/**
 * Staff survey ids start with `staff-`, so their answer sheets (stored beside students' by
 * survey id) can never be taken for a student-voice survey's.
 */
export const StaffSurveyId = Id.check(z.regex(/^staff-/, { error: 'must start with "staff-" (e.g. staff-cy-2026)' }));

/** One cycle's staff feedback survey. */
export const StaffSurvey = z.object({
  schemaVersion: SchemaVersion,
  id: StaffSurveyId,
  cycleId: Id,
  title: ShortText,
  questions: z.array(SurveyQuestion).check(z.minLength(1), z.maxLength(20)),
  /** Open: staff answer and leaders see only how many did. Closed: no more answers, results shown. */
  status: z.enum(['open', 'closed']),
  createdById: Id,
  /** The language it was written in (a BCP 47 tag); unset means en-GB. */
  lang: z.optional(LanguageTag),
});
export type StaffSurvey = z.infer<typeof StaffSurvey>;

/** The staff survey of a cycle: the id the template's survey gets, so a cycle has one. */
export const staffSurveyIdOf = (cycleId: string): string => `staff-${cycleId}`;
