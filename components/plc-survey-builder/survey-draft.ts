/**
 * A survey as `<plc-survey-builder>`'s form holds it, the changes the form makes to it (pure
 * functions of the draft), and the record saved from it with the problems by field that stop a
 * save.
 * @internal
 */
import { msg, str } from '@lit/localize';
import type { Survey } from '../../src/schema/directory.js';
import type { SurveyQuestion } from '../../src/schema/evidence.js';
import { formatNumber } from '../localization.js';

/** The most questions a survey may have, and the fewest and most options a choice question may have. */
export const MAX_QUESTIONS = 20;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 10;

export interface DraftQuestion {
  id: string;
  text: string;
  type: SurveyQuestion['type'];
  options: string[];
}

export interface SurveyDraft {
  /** The survey's id (a new survey gets its id when the draft starts). */
  id: string;
  title: string;
  questions: DraftQuestion[];
  /** `draft` while it is written, `open` for answers, `closed`. */
  status: Survey['status'];
  createdById: string | undefined;
  /** The language students answer in: kept from the stored survey, else the teacher's language when it is first saved. */
  lang?: string | undefined;
}

/** The form's draft of a stored survey. */
export function draftOf(survey: Survey): SurveyDraft {
  return {
    id: survey.id,
    title: survey.title,
    questions: survey.questions.map((q) => ({ id: q.id, text: q.text, type: q.type, options: [...(q.options ?? [])] })),
    status: survey.status,
    createdById: survey.createdById,
    lang: survey.lang,
  };
}

/** The draft with question `index` changed. */
export const withQuestion = (draft: SurveyDraft, index: number, change: Partial<DraftQuestion>): Pick<SurveyDraft, 'questions'> => ({
  questions: draft.questions.map((q, i) => (i === index ? { ...q, ...change } : q)),
});

/** A question's new type; a choice question starts with two empty options. */
export function typeChange(q: DraftQuestion, type: SurveyQuestion['type']): Partial<DraftQuestion> {
  return { type, options: type === 'choice' && q.options.length < MIN_OPTIONS ? ['', ''] : q.options };
}

/** The questions with `index` moved `by` places (unchanged at an end). */
export function moved(questions: readonly DraftQuestion[], index: number, by: number): DraftQuestion[] {
  const target = index + by;
  const out = [...questions];
  if (target < 0 || target >= out.length) return out;
  [out[index], out[target]] = [out[target]!, out[index]!];
  return out;
}

/** Checks the draft; the problems by field (empty when it can be saved). */
export function validate(draft: SurveyDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!draft.title.trim()) errors['title'] = msg('Give the survey a title.', { id: 'survey.builder.error.title' });
  if (draft.questions.length === 0) errors['questions'] = msg('Add at least one question.', { id: 'survey.builder.error.no-questions' });
  draft.questions.forEach((q, i) => {
    const n = formatNumber(i + 1);
    if (!q.text.trim()) errors[`${q.id}.text`] = msg(str`Question ${n}: write the question.`, { id: 'survey.builder.error.text' });
    if (q.type === 'choice') {
      const filled = q.options.filter((o) => o.trim());
      if (filled.length < MIN_OPTIONS) {
        errors[`${q.id}.options`] = msg(str`Question ${n}: give at least ${MIN_OPTIONS} options.`, { id: 'survey.builder.error.options' });
      } else if (filled.length !== q.options.length) {
        errors[`${q.id}.options`] = msg(str`Question ${n}: fill in or remove the empty options.`, { id: 'survey.builder.error.empty-option' });
      }
    }
  });
  return errors;
}

/** The survey to save from the draft, or the problems that stop it. */
export function recordOf(draft: SurveyDraft, enquiryId: string, personId: string, lang?: string): { record: Survey } | { errors: Record<string, string> } {
  const errors = validate(draft);
  if (Object.keys(errors).length > 0) return { errors };
  return {
    record: {
      schemaVersion: 1,
      id: draft.id,
      enquiryId,
      title: draft.title.trim(),
      questions: draft.questions.map((q) => ({
        id: q.id,
        text: q.text.trim(),
        type: q.type,
        ...(q.type === 'choice' ? { options: q.options.map((o) => o.trim()) } : {}),
      })),
      status: draft.status,
      createdById: draft.createdById ?? personId,
      ...((draft.lang ?? lang) ? { lang: draft.lang ?? lang } : {}),
    },
  };
}

/** The survey's fields as people name them: the conflict view lists those a colleague changed. */
export function surveyFieldLabels(): Record<string, string> {
  return {
    title: msg('Survey title', { id: 'survey.builder.field.title' }),
    questions: msg('Questions', { id: 'survey.builder.questions' }),
    status: msg('Open for answers', { id: 'survey.builder.field.status' }),
  };
}
