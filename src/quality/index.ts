/**
 * Question quality: the driving-question checklist the editor coaches with.
 * @example
 * ```ts
 * import { checkQuestion, questionScore } from 'plc-kit';
 * const items = checkQuestion(question, { cycleEndsOn: cycle.endsOn, today: '2025-10-01' });
 * const { met, total } = questionScore(items);
 * ```
 * @module
 */
export {
  MIN_WEEKS_LEFT,
  QUESTION_CHECK_IDS,
  QUESTION_CHECK_MESSAGES,
  WEEKS_PER_ACTION,
  checkQuestion,
  questionChecks,
  questionScore,
  type CheckQuestionOptions,
  type ChecklistItem,
  type QuestionCheck,
  type QuestionCheckCode,
  type QuestionCheckId,
  type QuestionCheckMessages,
  type QuestionCheckStatus,
  type QuestionScore,
} from './questionChecklist.js';
