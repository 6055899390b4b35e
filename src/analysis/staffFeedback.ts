/**
 * Staff feedback on the programme (issue 19): the case study's year 2 changed "in response to
 * staff feedback". An anonymous staff survey per cycle, read with the same thresholds as student
 * voice ({@link aggregateSurvey}: no question below 5 answers, no comments below 10), beside how
 * many of the cycle's staff answered, and compared with the previous cycle's survey question by
 * question ({@link compareSurveys}: a question hidden on either side gives no figures).
 *
 * The starting template asks, in our own words, what helped (dedicated time, peer observation,
 * student voice, meetings, coaching, working alone or in a group) and what to change. Its words
 * come from the caller in the reader's language; the structure (which questions, of which type,
 * under which stable id) is here, so every year's survey asks the same questions and compares.
 * @module
 */
import type { Cycle, Person, Survey, SurveyResponse } from '../schema/directory.js';
import type { SurveyQuestion } from '../schema/evidence.js';
import { staffOfCycle } from './cycleStaff.js';
import { aggregateSurvey, type SurveyResults } from './survey.js';
import { compareSurveys, type SurveyComparison } from './surveyCompare.js';
import { MIN_GROUP_SIZE } from './thresholds.js';

/** What the template asks whether it helped, one agreement question each. */
export const STAFF_FEEDBACK_HELPS = ['dedicated-time', 'peer-observation', 'student-voice', 'meetings', 'coaching'] as const;
export type StaffFeedbackHelp = (typeof STAFF_FEEDBACK_HELPS)[number];

/** The template's words in the reader's language: one statement per help, the project question and its options, what to change. */
export interface StaffFeedbackTexts {
  helps: Record<StaffFeedbackHelp, string>;
  /** "Which way of working suited you best?" */
  projects: string;
  /** Its options, in this order: an individual project, a group enquiry, either. */
  projectOptions: [individual: string, group: string, either: string];
  /** "What should we change for next year?" */
  change: string;
}

/**
 * The starting template's questions: an agreement question for each thing that may have helped,
 * a choice between individual and group projects, and a free-text question on what to change.
 * Ids are stable (`help-dedicated-time`, ..., `projects`, `change`).
 * @example
 * ```ts
 * staffFeedbackQuestions(texts).map((q) => q.id);
 * // ['help-dedicated-time', 'help-peer-observation', 'help-student-voice', 'help-meetings', 'help-coaching', 'projects', 'change']
 * ```
 */
export function staffFeedbackQuestions(texts: StaffFeedbackTexts): SurveyQuestion[] {
  return [
    ...STAFF_FEEDBACK_HELPS.map((help): SurveyQuestion => ({ id: `help-${help}`, text: texts.helps[help], type: 'agree' })),
    { id: 'projects', text: texts.projects, type: 'choice', options: [...texts.projectOptions] },
    { id: 'change', text: texts.change, type: 'text' },
  ];
}

/** How many of the cycle's staff answered. */
export interface StaffFeedbackParticipation {
  answered: number;
  /** The staff of the cycle (those on the staff on some day of it). */
  staff: number;
  /** `answered / staff`, 0 to 1 (0 with no staff). */
  share: number;
}

/** A cycle's staff feedback for its CPD leader: results, participation and the change since the previous cycle. */
export interface StaffFeedbackReport {
  results: SurveyResults;
  participation: StaffFeedbackParticipation;
  /** Against the previous cycle's survey; undefined when there is none to compare with. */
  comparison: SurveyComparison | undefined;
}

/** What {@link staffFeedbackReport} reads. */
export interface StaffFeedbackInput {
  cycle: Pick<Cycle, 'startsOn' | 'endsOn'>;
  survey: Pick<Survey, 'id' | 'questions'>;
  /** Answer sheets: other surveys' sheets are ignored, so a whole collection may be passed. */
  responses: readonly Pick<SurveyResponse, 'surveyId' | 'answers'>[];
  people: ReadonlyArray<Pick<Person, 'joinedOn' | 'leftOn'>>;
  /** The previous cycle's staff survey and its sheets, when there was one. */
  previous?: { survey: Pick<Survey, 'id' | 'questions'>; responses: readonly Pick<SurveyResponse, 'surveyId' | 'answers'>[] } | undefined;
}

/**
 * A cycle's staff feedback: the anonymous results with student voice's thresholds, how many of
 * the cycle's staff answered, and the comparison with the previous cycle, where both sides can
 * be shown. A count of sheets above the staff count (a sheet from someone who left) still counts
 * the sheets; the share is capped at 1.
 */
export function staffFeedbackReport(input: StaffFeedbackInput): StaffFeedbackReport {
  const results = aggregateSurvey(input.survey, input.responses);
  const staff = staffOfCycle(input.people, input.cycle).length;
  const answered = results.responseCount;
  const participation = { answered, staff, share: staff ? Math.min(1, answered / staff) : 0 };
  const previous = input.previous ? aggregateSurvey(input.previous.survey, input.previous.responses) : undefined;
  return { results, participation, comparison: previous ? compareSurveys(previous, results) : undefined };
}

/** Whether a report can be read at all: at least {@link MIN_GROUP_SIZE} sheets. */
export const canReadStaffFeedback = (report: Pick<StaffFeedbackReport, 'results'>): boolean => report.results.responseCount >= MIN_GROUP_SIZE;
