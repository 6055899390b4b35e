/**
 * Staff feedback on the programme (docs/privacy.md, "Staff feedback"): a member of staff answers
 * a cycle's staff survey once, anonymously; the CPD leader reads how many answered and, once it
 * is closed, the results beside the previous cycle's. The sheet is stored like a student's
 * (`survey_responses`: the survey's id and the answers); the receipt that stops a second answer
 * (`staff_survey_receipts`) holds the survey's id and the person's, with no time and nothing that
 * points to the sheet.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { staffFeedbackReport } from '../analysis/staffFeedback.js';
import type { SurveyResponse } from '../schema/directory.js';
import { CURRENT_VERSIONS } from '../schema/migrate.js';
import type { StaffSurvey } from '../schema/staffFeedback.js';
import type { StaffFeedbackReceipt, StaffFeedbackResults } from '../sync/staffFeedback.js';
import { authorize } from './access.js';
import type { Principal } from './auth.js';
import type { Db, Queryable } from './db.js';
import { forbidden, HttpError, notFound } from './errors.js';
import { checkAnswers } from './surveys.js';
import { json, lockTrustShared, readCollection, readRecord } from './sql.js';

/** A staff survey of the caller's trust, or 404. */
async function readStaffSurvey(q: Queryable, trustId: string, surveyId: string): Promise<StaffSurvey> {
  const survey = await readRecord(q, trustId, 'staffSurveys', surveyId);
  if (!survey) throw notFound('surveyId', `staffSurveys/${surveyId} does not exist.`);
  return survey;
}

/** Only members of staff answer and hold receipts: the host's service token is no one. */
function personOf(principal: Principal): Extract<Principal, { kind: 'person' }> {
  if (principal.kind !== 'person') throw forbidden('staff-only', 'Staff feedback is given by members of staff, each for themselves: a service token has no answer to give.');
  return principal;
}

const answeredBy = async (q: Queryable, trustId: string, surveyId: string, personId: string): Promise<boolean> =>
  (await q.query('SELECT 1 FROM staff_survey_receipts WHERE trust_id = $1 AND survey_id = $2 AND person_id = $3', [trustId, surveyId, personId])).rows.length > 0;

/** Whether the caller has answered the survey: their own receipt only. */
export async function staffFeedbackReceipt(db: Db, principal: Principal, surveyId: string): Promise<StaffFeedbackReceipt> {
  const person = personOf(principal);
  await readStaffSurvey(db, person.trustId, surveyId);
  return { surveyId, answered: await answeredBy(db, person.trustId, surveyId, person.personId) };
}

/**
 * Stores one anonymous answer sheet from the caller, once. The survey row is read with a share
 * lock in the transaction that stores the sheet, so a close committed first refuses it. The
 * receipt is written first: a second answer finds it and is refused (409) with nothing stored.
 */
export async function answerStaffSurvey(db: Db, principal: Principal, surveyId: string, body: unknown): Promise<void> {
  const person = personOf(principal);
  const trustId = person.trustId;
  await db.transaction(async (tx) => {
    await lockTrustShared(tx, trustId);
    const { rows } = await tx.query<{ data: StaffSurvey }>(
      "SELECT data FROM records WHERE trust_id = $1 AND collection = 'staffSurveys' AND id = $2 AND NOT deleted FOR SHARE",
      [trustId, surveyId],
    );
    const survey = rows[0]?.data;
    if (!survey) throw notFound('surveyId', `staffSurveys/${surveyId} does not exist.`);
    const decision = authorize(principal, 'staff-feedback.answer', { survey });
    if (!decision.allowed) throw forbidden(decision.code, 'This staff survey has closed, so no more answers can be given. Nothing was saved.', 'surveyId');
    const answers = checkAnswers(survey, body);
    const receipt = await tx.query(
      'INSERT INTO staff_survey_receipts (trust_id, survey_id, person_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1',
      [trustId, surveyId, person.personId],
    );
    if (!receipt.rows.length) {
      throw new HttpError(409, { error: 'conflict', reason: 'already-answered', field: 'surveyId', message: 'You have already answered this staff survey: each person answers once, and your answers cannot be found again to change them.' });
    }
    const sheet: SurveyResponse = { schemaVersion: CURRENT_VERSIONS.surveyResponses, id: randomUUID(), surveyId, answers };
    await tx.query('INSERT INTO survey_responses (trust_id, survey_id, id, data) VALUES ($1, $2, $3, $4::jsonb)', [trustId, surveyId, sheet.id, json(sheet)]);
  });
}

const sheetsOf = async (q: Queryable, trustId: string, surveyId: string) =>
  (await q.query<{ data: SurveyResponse }>('SELECT data FROM survey_responses WHERE trust_id = $1 AND survey_id = $2', [trustId, surveyId])).rows.map((row) => row.data);

/** The closed staff survey of the cycle that started last before `cycleId`'s, if any. */
async function previousSurvey(q: Queryable, trustId: string, cycleId: string): Promise<StaffSurvey | undefined> {
  const cycles = await readCollection(q, trustId, 'cycles');
  const cycle = cycles.find((c) => c.id === cycleId);
  if (!cycle) return undefined;
  const before = cycles.filter((c) => c.startsOn < cycle.startsOn).sort((a, b) => b.startsOn.localeCompare(a.startsOn))[0];
  if (!before) return undefined;
  const surveys = await readCollection(q, trustId, 'staffSurveys');
  return surveys.find((s) => s.cycleId === before.id && s.status === 'closed');
}

/**
 * A staff survey for its CPD leader: how many of the cycle's staff answered and, once it is
 * closed, its results (student voice's thresholds) and the comparison with the previous cycle's
 * closed survey. While it is open only the counts leave the server, so no one can read the
 * results before and after a colleague answers.
 */
export async function staffFeedbackResults(db: Db, principal: Principal, surveyId: string): Promise<StaffFeedbackResults> {
  const decision = authorize(principal, 'staff-feedback.results.read', {});
  if (!decision.allowed) throw forbidden(decision.code, decision.reason);
  const trustId = principal.trustId;
  const survey = await readStaffSurvey(db, trustId, surveyId);
  const cycle = await readRecord(db, trustId, 'cycles', survey.cycleId);
  const people = await readCollection(db, trustId, 'people');
  const previous = survey.status === 'closed' ? await previousSurvey(db, trustId, survey.cycleId) : undefined;
  const report = staffFeedbackReport({
    cycle: cycle ?? { startsOn: '0000-01-01', endsOn: '9999-12-31' },
    survey,
    responses: await sheetsOf(db, trustId, surveyId),
    people,
    previous: previous ? { survey: previous, responses: await sheetsOf(db, trustId, previous.id) } : undefined,
  });
  const counts = { surveyId, cycleId: survey.cycleId, status: survey.status, ...report.participation };
  if (survey.status === 'open') return counts;
  return { ...counts, results: report.results, ...(previous ? { previousSurveyId: previous.id, comparison: report.comparison } : {}) };
}
