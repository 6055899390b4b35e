/**
 * Student-voice survey results: anonymous answer sheets aggregated into counts per option and
 * comments, with small groups suppressed so no student can be picked out. Pure and
 * deterministic: the same survey and responses always give the same results, whatever order
 * the responses arrived in.
 *
 * Anonymity rules, enforced here so every caller (a component, an export, a server) gets them:
 * - A survey with fewer than {@link MIN_GROUP_SIZE} responses shows no results at all.
 * - A question answered fewer than {@link MIN_GROUP_SIZE} times shows no counts; a free-text
 *   question answered fewer than {@link MIN_TEXT_GROUP_SIZE} times shows no comments (the practice
 *   of student-survey providers: a handful of comments can be told apart by their style).
 * - Comments are sorted, so the order they arrived in cannot tell who wrote which.
 * @module
 */
import type * as z from 'zod/mini';
import type { Survey, SurveyResponse } from '../schema/directory.js';
import type { StudentVoiceEvidence as StudentVoiceSchema, SurveyQuestion, SurveyResult } from '../schema/evidence.js';

/** A `student-voice` evidence item. */
export type StudentVoicePayload = z.infer<typeof StudentVoiceSchema>;

import { MIN_GROUP_SIZE, MIN_TEXT_GROUP_SIZE } from './thresholds.js';

export { MIN_GROUP_SIZE, MIN_TEXT_GROUP_SIZE };

/** The points of the agreement scale, stored as answers 1 to 5. */
export const AGREE_LEVELS = ['strongly-disagree', 'disagree', 'neutral', 'agree', 'strongly-agree'] as const;

/** A point of the agreement scale. */
export type AgreeLevel = (typeof AGREE_LEVELS)[number];

/** The results of one question. */
export interface QuestionResults {
  question: SurveyQuestion;
  /** True when too few answered: then `counts` and `comments` are empty and `answered` is unset. */
  suppressed: boolean;
  /** How many answered this question; `undefined` when suppressed. */
  answered: number | undefined;
  /**
   * Answers per option: for `agree`, five counts from strongly disagree to strongly agree; for
   * `choice`, one per option in order; empty for `text` and when suppressed.
   */
  counts: number[];
  /** The comments of a `text` question, sorted; empty otherwise and when suppressed. */
  comments: string[];
}

/** The aggregated, anonymous results of a survey. */
export interface SurveyResults {
  surveyId: string | undefined;
  /** Answer sheets received (each student's sheet counts once). */
  responseCount: number;
  /** True when the whole group is smaller than `minGroupSize`: every question is suppressed. */
  suppressed: boolean;
  /** The group size below which results are hidden (never less than {@link MIN_GROUP_SIZE}). */
  minGroupSize: number;
  questions: QuestionResults[];
}

/** Options for aggregation. */
export interface AggregateOptions {
  /**
   * Hide groups smaller than this. It can be raised for extra caution but never lowered below
   * {@link MIN_GROUP_SIZE}.
   */
  minGroupSize?: number;
  /**
   * Show a free-text question's comments only from this many answers. It can be raised but never
   * lowered below {@link MIN_TEXT_GROUP_SIZE} (nor below `minGroupSize`).
   */
  minTextGroupSize?: number;
}

/** The stored shape of student-voice results: what a `student-voice` evidence item holds. */
export type StudentVoiceResults = Pick<StudentVoicePayload, 'questions' | 'responseCount' | 'results'> & { surveyId?: string | undefined };

const groupSize = (options: AggregateOptions = {}) => Math.max(MIN_GROUP_SIZE, Math.floor(options.minGroupSize ?? MIN_GROUP_SIZE));
const textGroupSize = (options: AggregateOptions = {}) => Math.max(MIN_TEXT_GROUP_SIZE, groupSize(options), Math.floor(options.minTextGroupSize ?? MIN_TEXT_GROUP_SIZE));

/** The number of counts a question has: five for `agree`, one per option for `choice`, none for `text`. */
export function optionCount(question: Pick<SurveyQuestion, 'type' | 'options'>): number {
  if (question.type === 'agree') return AGREE_LEVELS.length;
  if (question.type === 'choice') return question.options?.length ?? 0;
  return 0;
}

/**
 * Where an answer falls among a question's counts, or `undefined` when the answer does not fit
 * the question (an agree answer outside 1-5, an option that does not exist, text for a scale).
 * @example
 * ```ts
 * answerIndex({ id: 'q1', text: '...', type: 'agree' }, 5); // 4 (strongly agree)
 * ```
 */
export function answerIndex(question: Pick<SurveyQuestion, 'type' | 'options'>, answer: unknown): number | undefined {
  if (typeof answer !== 'number' || !Number.isInteger(answer)) return undefined;
  if (question.type === 'agree') return answer >= 1 && answer <= AGREE_LEVELS.length ? answer - 1 : undefined;
  if (question.type === 'choice') return answer >= 0 && answer < optionCount(question) ? answer : undefined;
  return undefined;
}

/** Sorts comments by their text so arrival order tells nothing. Plain code-unit order: the same everywhere. */
const sortComments = (comments: string[]) => comments.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

const suppressedResult = (question: SurveyQuestion): QuestionResults => ({
  question,
  suppressed: true,
  answered: undefined,
  counts: [],
  comments: [],
});

function finish(question: SurveyQuestion, counts: number[], comments: string[], groupSuppressed: boolean, options: AggregateOptions): QuestionResults {
  const answered = question.type === 'text' ? comments.length : counts.reduce((sum, n) => sum + n, 0);
  const needed = question.type === 'text' ? textGroupSize(options) : groupSize(options);
  if (groupSuppressed || answered < needed) return suppressedResult(question);
  return { question, suppressed: false, answered, counts, comments: sortComments(comments) };
}

/**
 * Aggregates a survey's anonymous answer sheets into results per question. Responses to other
 * surveys are ignored (so a whole `surveyResponses` collection can be passed), as are answers
 * that do not fit their question. Groups below the minimum size are suppressed.
 * @example
 * ```ts
 * const results = aggregateSurvey(survey, responses);
 * results.questions[0].counts; // [0, 1, 2, 5, 4] strongly disagree .. strongly agree
 * ```
 */
export function aggregateSurvey(
  survey: Pick<Survey, 'id' | 'questions'>,
  responses: readonly Pick<SurveyResponse, 'surveyId' | 'answers'>[],
  options: AggregateOptions = {},
): SurveyResults {
  const min = groupSize(options);
  const own = responses.filter((response) => response.surveyId === survey.id);
  const groupSuppressed = own.length < min;
  const questions = survey.questions.map((question) => {
    const counts = new Array<number>(optionCount(question)).fill(0);
    const comments: string[] = [];
    for (const response of own) {
      const answer = response.answers[question.id];
      if (question.type === 'text') {
        if (typeof answer === 'string' && answer.trim()) comments.push(answer.trim());
        continue;
      }
      const index = answerIndex(question, answer);
      if (index !== undefined) counts[index]! += 1;
    }
    return finish(question, counts, comments, groupSuppressed, options);
  });
  return { surveyId: survey.id, responseCount: own.length, suppressed: groupSuppressed, minGroupSize: min, questions };
}

/**
 * Reads stored student-voice results (an evidence item) back into {@link SurveyResults},
 * applying suppression again: results written by hand or by an older version with groups
 * below the minimum are hidden all the same.
 */
export function resultsFromEvidence(evidence: StudentVoiceResults, options: AggregateOptions = {}): SurveyResults {
  const min = groupSize(options);
  const groupSuppressed = evidence.responseCount < min;
  const byId = new Map(evidence.results.map((result) => [result.questionId, result]));
  const questions = evidence.questions.map((question) => {
    const stored = byId.get(question.id);
    if (!stored) return suppressedResult(question);
    const size = optionCount(question);
    const counts = question.type === 'text' ? [] : Array.from({ length: size }, (_, i) => Math.max(0, Math.floor(stored.counts[i] ?? 0)));
    const comments = question.type === 'text' ? [...(stored.comments ?? [])] : [];
    return finish(question, counts, comments, groupSuppressed, options);
  });
  return { surveyId: evidence.surveyId, responseCount: evidence.responseCount, suppressed: groupSuppressed, minGroupSize: min, questions };
}

/**
 * The stored form of results: a suppressed question keeps only its id (no counts, no comments),
 * a `text` question keeps its sorted comments.
 */
export function toSurveyResults(results: SurveyResults): SurveyResult[] {
  return results.questions.map(({ question, suppressed, counts, comments }) => {
    if (suppressed) return { questionId: question.id, counts: [] };
    return question.type === 'text' ? { questionId: question.id, counts: [], comments: [...comments] } : { questionId: question.id, counts: [...counts] };
  });
}

/** What a `student-voice` evidence item needs besides the survey: its id, and optionally a title and date. */
export interface StudentVoiceItem {
  id: string;
  title?: string | undefined;
  collectedOn?: string | undefined;
}

/**
 * The `student-voice` evidence payload for a survey and its responses: the questions, the
 * response count and the aggregated, suppressed results. Append it with `evidence.add`.
 * @example
 * ```ts
 * const payload = studentVoiceEvidence(survey, responses, { id: 'ev-1', collectedOn: '2025-11-20' });
 * await store.append(enquiryId, [makeEvent({ enquiryId, type: 'evidence.add', authorId, payload })]);
 * ```
 */
export function studentVoiceEvidence(
  survey: Pick<Survey, 'id' | 'title' | 'questions'>,
  responses: readonly Pick<SurveyResponse, 'surveyId' | 'answers'>[],
  item: StudentVoiceItem,
  options: AggregateOptions = {},
): StudentVoicePayload {
  return studentVoiceFromResults(survey, aggregateSurvey(survey, responses, options), item);
}

/**
 * The `student-voice` evidence payload from results already aggregated (such as the server's
 * `GET /v1/surveys/{id}/results`, whose answer sheets never leave the server). Suppression is
 * applied again, so results that show too much are stored hidden all the same.
 */
export function studentVoiceFromResults(survey: Pick<Survey, 'id' | 'title' | 'questions'>, results: SurveyResults, item: StudentVoiceItem): StudentVoicePayload {
  const questions = survey.questions.map((q) => ({ ...q, ...(q.options ? { options: [...q.options] } : {}) }));
  const stored = resultsFromEvidence({ surveyId: survey.id, questions, responseCount: results.responseCount, results: toSurveyResults(results) }, { minGroupSize: results.minGroupSize });
  return {
    id: item.id,
    kind: 'student-voice',
    title: item.title ?? survey.title,
    ...(item.collectedOn ? { collectedOn: item.collectedOn } : {}),
    surveyId: survey.id,
    questions,
    responseCount: results.responseCount,
    results: toSurveyResults(stored),
  };
}

/** Agreement in three bands, for a one-line summary ("9 of 12 agree"). */
export interface AgreementSummary {
  total: number;
  disagree: number;
  neutral: number;
  agree: number;
}

/** Folds the five agree counts into disagree / neutral / agree. */
export function agreementSummary(counts: readonly number[]): AgreementSummary {
  const at = (i: number) => counts[i] ?? 0;
  const disagree = at(0) + at(1);
  const neutral = at(2);
  const agree = at(3) + at(4);
  return { total: disagree + neutral + agree, disagree, neutral, agree };
}

/**
 * A short topic taken from a driving question, for suggesting survey questions: the phrase after
 * its last "with", "about", "of", "in", "on", "through" or "using", when that is short enough to
 * read well ("... engage more actively with written feedback?" -> "written feedback").
 * `undefined` when no such phrase is found.
 */
export function surveyTopic(questionText: string): string | undefined {
  const text = questionText.trim().replace(/[?.!]+$/, '');
  const match = /.*\b(?:with|about|of|in|on|through|using|during)\s+(.+)$/i.exec(text);
  if (!match) return undefined;
  const topic = match[1]!.replace(/^(?:the|their|our|your|my)\s+/i, '').trim();
  const words = topic.split(/\s+/).length;
  return topic.length >= 3 && words <= 5 ? topic : undefined;
}
