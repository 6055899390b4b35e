/**
 * The `staffFeedbackReceipts` section of a trust's complete backup (docs/privacy.md, "Staff
 * feedback"): who has answered each staff survey, so that a restored trust still takes one
 * answer per person. It says who, never what: each survey with the ids of the people who answered
 * it, in id order, and nothing else (no time, no sheet id), kept apart from the sheets, which stay
 * in `records.surveyResponses` in the order of their random ids. Only the complete backup (the
 * host's service token) carries it; the stores' own backups know nothing of it, so it is read and
 * checked here, beside the backup's core document.
 * @module
 */
import * as z from 'zod/mini';
import { describeIssues, type FieldProblem } from '../schema/errors.js';
import { parseSafely } from '../schema/zod.js';
import type { Queryable } from './db.js';
import { json } from './sql.js';

const Id = z.string().check(z.minLength(1), z.maxLength(200));

/** The section's shape, checked before anything is written. */
export const StaffFeedbackReceiptsSection = z.array(z.object({ surveyId: Id, personIds: z.array(Id).check(z.minLength(1)) }));
export type StaffFeedbackReceiptsSection = z.infer<typeof StaffFeedbackReceiptsSection>;

/** The trust's receipts as a backup section, by survey then person id; undefined when no one has answered. */
export async function exportStaffFeedbackReceipts(q: Queryable, trustId: string): Promise<StaffFeedbackReceiptsSection | undefined> {
  const { rows } = await q.query<{ survey_id: string; person_id: string }>(
    'SELECT survey_id, person_id FROM staff_survey_receipts WHERE trust_id = $1 ORDER BY survey_id COLLATE "C", person_id COLLATE "C"',
    [trustId],
  );
  if (!rows.length) return undefined;
  const section: StaffFeedbackReceiptsSection = [];
  for (const row of rows) {
    const last = section.at(-1);
    if (last?.surveyId === row.survey_id) last.personIds.push(row.person_id);
    else section.push({ surveyId: row.survey_id, personIds: [row.person_id] });
  }
  return section;
}

/**
 * Checks a backup's `staffFeedbackReceipts` section (absent is fine: an older backup, a browser
 * store's, or a trust where no one has answered) against the staff surveys the backup holds: a
 * receipt is deleted with its survey, so one without it means the document is not whole.
 * @returns the section, or the problems, each with its path under `staffFeedbackReceipts`.
 */
export function readStaffFeedbackReceipts(value: unknown, staffSurveyIds: ReadonlySet<string>): { section: StaffFeedbackReceiptsSection; problems: FieldProblem[] } {
  if (value === undefined) return { section: [], problems: [] };
  const parsed = parseSafely(StaffFeedbackReceiptsSection, value);
  if (!parsed.success) return { section: [], problems: describeIssues(parsed.error.issues, 'staffFeedbackReceipts') };
  const problems: FieldProblem[] = [];
  const surveys = new Map<string, number>();
  parsed.data.forEach(({ surveyId, personIds }, index) => {
    const path = `staffFeedbackReceipts.${index}`;
    const first = surveys.get(surveyId);
    if (first !== undefined) problems.push({ path: `${path}.surveyId`, message: `repeats the survey of staffFeedbackReceipts.${first} (${surveyId})` });
    else surveys.set(surveyId, index);
    if (!staffSurveyIds.has(surveyId)) problems.push({ path: `${path}.surveyId`, message: `must name a staff survey in this backup's records.staffSurveys (got "${surveyId}")` });
    const seen = new Set<string>();
    personIds.forEach((personId, j) => {
      if (seen.has(personId)) problems.push({ path: `${path}.personIds.${j}`, message: `repeats ${personId}: each person answers a survey once` });
      seen.add(personId);
    });
  });
  return { section: parsed.data, problems };
}

/** Writes the section's receipts (the trust's were deleted first), by survey then person id: never in the sheets' order. */
export async function importStaffFeedbackReceipts(q: Queryable, trustId: string, section: StaffFeedbackReceiptsSection): Promise<void> {
  const rows = section.flatMap(({ surveyId, personIds }) => personIds.map((personId) => ({ survey_id: surveyId, person_id: personId })));
  if (!rows.length) return;
  rows.sort((a, b) => (a.survey_id < b.survey_id ? -1 : a.survey_id > b.survey_id ? 1 : a.person_id < b.person_id ? -1 : a.person_id > b.person_id ? 1 : 0));
  await q.query(
    `INSERT INTO staff_survey_receipts (trust_id, survey_id, person_id)
     SELECT $1, x.survey_id, x.person_id FROM jsonb_to_recordset($2::jsonb) AS x(survey_id text, person_id text)`,
    [trustId, json(rows)],
  );
}
