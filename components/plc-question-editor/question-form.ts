/**
 * The driving question as its editor's form holds it, and back: what the form shows, what a save
 * writes, the fields the conflict view compares and the names people know them by.
 * @internal
 */
import { msg } from '@lit/localize';
import { LIMITS } from '../../src/schema/common.js';
import type { DrivingQuestion, PlannedEvidence } from '../../src/schema/enquiry.js';

/** The question as the form holds it: every row, even blank ones, until it is saved. */
export interface QuestionForm {
  text: string;
  rationale: string;
  targetStudents: string;
  plannedActions: string[];
  successCriteria: string[];
  plannedEvidence: PlannedEvidence[];
}

export const QUESTION_MAX = LIMITS.shortText * 2;

/** The question's fields, in the form's order: what the conflict view compares. */
export const QUESTION_FIELDS = ['text', 'rationale', 'targetStudents', 'plannedActions', 'successCriteria', 'plannedEvidence'] as const;

/** The form's copy of a saved question (rows to edit). */
export function toForm(question: DrivingQuestion): QuestionForm {
  return {
    text: question.text,
    rationale: question.rationale,
    targetStudents: question.targetStudents,
    plannedActions: [...question.plannedActions],
    successCriteria: [...question.successCriteria],
    plannedEvidence: question.plannedEvidence.map((e) => ({ ...e })),
  };
}

/** What would be saved: trimmed, blank rows left out (a blank row holds nothing to lose). */
export function toQuestion(form: QuestionForm): DrivingQuestion {
  const list = (items: readonly string[]) => items.map((item) => item.trim()).filter(Boolean);
  return {
    text: form.text.trim(),
    rationale: form.rationale.trim(),
    targetStudents: form.targetStudents.trim(),
    plannedActions: list(form.plannedActions),
    successCriteria: list(form.successCriteria),
    plannedEvidence: form.plannedEvidence
      .map((e) => ({ kind: e.kind, description: e.description.trim() }))
      .filter((e) => e.description),
  };
}

/** The fields' names as the form labels them. */
export function questionLabels(): Record<string, string> {
  return {
    text: msg('The question', { id: 'question.text' }),
    rationale: msg('Why this question?', { id: 'question.rationale' }),
    targetStudents: msg('Which students?', { id: 'question.target-students' }),
    plannedActions: msg('What will you try?', { id: 'question.actions' }),
    successCriteria: msg('How will we know?', { id: 'question.criteria' }),
    plannedEvidence: msg('Evidence you will gather', { id: 'question.evidence' }),
  };
}
