/**
 * The questions of an anonymous survey form, drawn the same way on a class page
 * (`<plc-survey-response>`) and on the student page (`<plc-student-survey>`): an agreement scale
 * or a choice as large radio buttons in a fieldset, a comment in a text box with a reminder not
 * to write names. Answers go back through `setAnswer`; the form owns them.
 * @internal
 */
import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import { AGREE_LEVELS } from '../../src/analysis/survey.js';
import type { SurveyQuestion } from '../../src/schema/evidence.js';
import { agreeLabel } from './survey-labels.js';

/** The longest comment, as the server accepts it. */
export const MAX_COMMENT = 500;

/** What drawing the questions needs from the form. */
export interface SurveyQuestionsContext {
  /** A prefix for the ids of this form's controls, unique on the page. */
  uid: string;
  answers: Readonly<Record<string, number | string>>;
  setAnswer(questionId: string, value: number | string | undefined): void;
  formatNumber(value: number): string;
}

/** One question of the form. */
export function renderSurveyQuestion(question: SurveyQuestion, index: number, ctx: SurveyQuestionsContext) {
  const number = html`<span class="number">${ctx.formatNumber(index + 1)}.</span>`;
  const id = `${ctx.uid}-${question.id}`;
  if (question.type === 'text') {
    const hintId = `${id}-hint`;
    const value = ctx.answers[question.id];
    return html`<div class="comment" part="question">
      <label for=${id}>${number} ${question.text}</label>
      <span class="hint" id=${hintId}>${msg('Please do not write names (yours or anyone else’s).', { id: 'survey.response.no-names' })}</span>
      <textarea
        id=${id}
        maxlength=${MAX_COMMENT}
        aria-describedby=${hintId}
        .value=${typeof value === 'string' ? value : ''}
        @input=${(e: Event) => ctx.setAnswer(question.id, (e.target as HTMLTextAreaElement).value)}
      ></textarea>
    </div>`;
  }
  const choices =
    question.type === 'agree'
      ? AGREE_LEVELS.map((level, i) => ({ value: i + 1, label: agreeLabel(level) }))
      : (question.options ?? []).map((label, i) => ({ value: i, label }));
  const selected = ctx.answers[question.id];
  return html`<fieldset part="question">
    <legend>${number} ${question.text}</legend>
    <div class="options ${question.type === 'agree' ? 'scale' : 'choice'}">
      ${choices.map(
        (choice) => html`<label class="option" part="option">
          <input
            type="radio"
            name=${id}
            .value=${String(choice.value)}
            .checked=${selected === choice.value}
            @change=${() => ctx.setAnswer(question.id, choice.value)}
          />
          <span>${choice.label}</span>
        </label>`,
      )}
    </div>
    ${selected === undefined
      ? nothing
      : html`<button type="button" class="link clear" @click=${() => ctx.setAnswer(question.id, undefined)}>
          ${msg(str`Clear my answer to question ${ctx.formatNumber(index + 1)}`, { id: 'survey.response.clear' })}
        </button>`}
  </fieldset>`;
}

/** The answers worth sending: comments trimmed (and cut to {@link MAX_COMMENT}), empty ones left out, only this survey's questions. */
export function answersToSend(questions: readonly SurveyQuestion[], answers: Readonly<Record<string, number | string>>): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const question of questions) {
    const value = answers[question.id];
    if (typeof value === 'string') {
      if (value.trim()) out[question.id] = value.trim().slice(0, MAX_COMMENT);
    } else if (typeof value === 'number') out[question.id] = value;
  }
  return out;
}

/** The same answers with one changed (an empty comment or `undefined` removes it). */
export function withAnswer(answers: Readonly<Record<string, number | string>>, questionId: string, value: number | string | undefined): Record<string, number | string> {
  const next = { ...answers };
  if (value === undefined || value === '') delete next[questionId];
  else next[questionId] = value;
  return next;
}
