/**
 * What the staff feedback routes send (`GET /v1/staff-surveys/{id}/receipt` and `/results`), as
 * plain types both ends import: the server's route schemas are checked against them, and
 * `<plc-staff-feedback>` reads them.
 * @module
 */
import type { SurveyResults } from '../analysis/survey.js';
import type { SurveyComparison } from '../analysis/surveyCompare.js';

/** Whether the reader has answered a staff feedback survey (their own receipt, never anyone else's). */
export interface StaffFeedbackReceipt {
  surveyId: string;
  answered: boolean;
}

/**
 * A staff feedback survey as its CPD leader reads it: how many of the cycle's staff answered
 * (counts only) and, once the survey is closed, its results and the change since the previous
 * cycle's survey.
 */
export interface StaffFeedbackResults {
  surveyId: string;
  cycleId: string;
  status: 'open' | 'closed';
  /** Answer sheets received. */
  answered: number;
  /** The cycle's staff: those on the staff on some day of it. */
  staff: number;
  /** `answered / staff`, 0 to 1. */
  share: number;
  /** Results with student voice's thresholds; only once the survey is closed. */
  results?: SurveyResults | undefined;
  /** The previous cycle's closed staff survey, when there is one. */
  previousSurveyId?: string | undefined;
  /** Question by question against the previous survey; only once this one is closed. */
  comparison?: SurveyComparison | undefined;
}
