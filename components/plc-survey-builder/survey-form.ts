/**
 * The form of `<plc-survey-builder>` that writes a survey: its title, its questions (agree
 * scales, choices with their options, short comments) with the tools to order and remove them,
 * suggested questions drawn from the driving question, and the save buttons. It draws from a
 * context the element gives it: the draft, the problems by field, and what each control does.
 * @internal
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { MIN_GROUP_SIZE } from '../../src/analysis/survey.js';
import type { SurveyQuestion } from '../../src/schema/evidence.js';
import type { FieldErrors } from '../controllers/record-editor.js';
import { formatNumber } from '../localization.js';
import { clampLevel, heading } from '../shared/heading.js';
import { questionTypeLabel } from '../shared/survey-labels.js';
import { textField } from '../shared/text-field.js';
import { suggestedQuestions, type Suggestion } from './suggestions.js';
import { MAX_OPTIONS, MAX_QUESTIONS, MIN_OPTIONS, type DraftQuestion, type SurveyDraft } from './survey-draft.js';

/** What the survey form reads and does. */
export interface SurveyFormContext {
  draft: SurveyDraft;
  errors: FieldErrors;
  isNew: boolean;
  busy: boolean;
  level: number;
  /** The enquiry's driving question, where the suggested questions come from. */
  drivingQuestion: string;
  update(change: Partial<SurveyDraft>): void;
  addQuestion(suggestion: Suggestion): void;
  updateQuestion(index: number, change: Partial<DraftQuestion>): void;
  changeType(index: number, type: SurveyQuestion['type']): void;
  moveQuestion(index: number, by: number): void;
  removeQuestion(index: number): void;
  updateOption(index: number, option: number, value: string): void;
  addOption(index: number): void;
  removeOption(index: number, option: number): void;
  save(status: 'draft' | 'open'): void;
  back(): void;
}

export function surveyEditor(ctx: SurveyFormContext): TemplateResult {
  const draft = ctx.draft;
  const sub = clampLevel(ctx.level + 1);
  const sub2 = clampLevel(ctx.level + 2);
  const full = draft.questions.length >= MAX_QUESTIONS;
  const existing = new Set(draft.questions.map((q) => q.text.trim().toLowerCase()));
  const suggestions = suggestedQuestions(ctx.drivingQuestion).filter((s) => !existing.has(s.text.toLowerCase()));
  const errorCount = Object.keys(ctx.errors).length;
  return html`<section part="editor">
    ${heading(sub, html`${ctx.isNew ? msg('New survey', { id: 'survey.builder.new-title' }) : msg('Edit survey', { id: 'survey.builder.edit-title' })}`, { className: 'editor-title' })}
    <form novalidate @submit=${(e: Event) => { e.preventDefault(); void ctx.save('draft'); }}>
      ${textField({
        id: 'sv-title',
        label: msg('Survey title', { id: 'survey.builder.field.title' }),
        hint: msg('Students see this at the top of the survey.', { id: 'survey.builder.field.title-hint' }),
        maxLength: 200,
        validated: true,
        error: ctx.errors['title'],
        value: draft.title,
        onInput: (title) => ctx.update({ title }),
      })}

      ${heading(sub2, html`${msg('Questions', { id: 'survey.builder.questions' })}`)}
      <p class="hint">
        ${msg(str`Keep it short: up to ${MAX_QUESTIONS} questions. Answers are anonymous, and results from fewer than ${MIN_GROUP_SIZE} students are hidden.`, {
          id: 'survey.builder.questions-hint',
        })}
      </p>
      ${draft.questions.length === 0
        ? html`<p class="empty">${msg('No questions yet: add one of the suggestions below or write your own.', { id: 'survey.builder.no-questions' })}</p>`
        : html`<ol class="questions">
            ${draft.questions.map((q, i) => questionEditor(ctx, q, i))}
          </ol>`}
      ${ctx.errors['questions'] ? html`<p class="field-error" id="sv-questions-error">${ctx.errors['questions']}</p>` : nothing}
      <div class="actions">
        <button type="button" ?disabled=${full} aria-describedby=${full ? 'sv-full' : nothing} @click=${() => ctx.addQuestion({ type: 'agree', text: '' })}>
          ${msg('Add a question', { id: 'survey.builder.add-question' })}
        </button>
        ${full ? html`<span class="hint" id="sv-full">${msg(str`A survey can have up to ${MAX_QUESTIONS} questions.`, { id: 'survey.builder.full' })}</span>` : nothing}
      </div>

      ${suggestions.length > 0 && !full
        ? html`<div part="suggestions">
            ${heading(sub2, html`${msg('Suggested questions', { id: 'survey.builder.suggestions' })}`)}
            <p class="hint">${msg('Drawn from your driving question. Add one, then change its words if you like.', { id: 'survey.builder.suggestions-hint' })}</p>
            <ul class="suggestions">
              ${suggestions.map(
                (s) => html`<li>
                  <span>${s.text} <span class="muted">(${questionTypeLabel(s.type)})</span></span>
                  <button type="button" aria-label=${msg(str`Add the question: ${s.text}`, { id: 'survey.builder.add-suggestion-named' })} @click=${() => ctx.addQuestion(s)}>
                    ${msg('Add', { id: 'survey.builder.add-suggestion' })}
                  </button>
                </li>`,
              )}
            </ul>
          </div>`
        : nothing}

      ${errorCount > 0
        ? html`<div class="notice error error-summary" role="alert">
            <p>${msg('The survey could not be saved yet:', { id: 'survey.builder.error-summary' })}</p>
            <ul>
              ${Object.values(ctx.errors).map((e) => html`<li>${e}</li>`)}
            </ul>
          </div>`
        : nothing}
      <div class="actions">
        <button type="submit" ?disabled=${ctx.busy}>${msg('Save draft', { id: 'survey.builder.save' })}</button>
        <button type="button" class="primary" ?disabled=${ctx.busy} @click=${() => ctx.save('open')}>
          ${msg('Save and open for answers', { id: 'survey.builder.save-open' })}
        </button>
        <button type="button" class="link" @click=${ctx.back}>${msg('Back to the surveys (unsaved changes stay on this device)', { id: 'survey.builder.back-kept' })}</button>
      </div>
    </form>
  </section>`;
}

function questionEditor(ctx: SurveyFormContext, q: DraftQuestion, index: number): TemplateResult {
  const draft = ctx.draft;
  const n = formatNumber(index + 1);
  const base = `sv-q${index}`;
  const textError = ctx.errors[`${q.id}.text`];
  const optionsError = ctx.errors[`${q.id}.options`];
  return html`<li>
    <fieldset class="question-card" part="question">
      <legend>${msg(str`Question ${n}`, { id: 'survey.builder.question-n' })}</legend>
      <div class="row">
        <div class="field grow">
          <label for="${base}-text">${msg('Question', { id: 'survey.builder.field.question' })}<span class="visually-hidden"> ${n}</span></label>
          <textarea
            id="${base}-text"
            class="question-text"
            rows="2"
            maxlength="200"
            .value=${q.text}
            aria-invalid=${textError ? 'true' : 'false'}
            aria-describedby=${textError ? `${base}-text-error` : nothing}
            @input=${(e: Event) => ctx.updateQuestion(index, { text: (e.target as HTMLTextAreaElement).value.replace(/\s*\n\s*/g, ' ') })}
          ></textarea>
          ${textError ? html`<p class="field-error" id="${base}-text-error">${textError}</p>` : nothing}
        </div>
        <div class="field type">
          <label for="${base}-type">${msg('Type of answer', { id: 'survey.builder.field.type' })}</label>
          <select id="${base}-type" @change=${(e: Event) => ctx.changeType(index, (e.target as HTMLSelectElement).value as SurveyQuestion['type'])}>
            ${(['agree', 'choice', 'text'] as const).map(
              (type) => html`<option value=${type} ?selected=${q.type === type}>${questionTypeLabel(type)}</option>`,
            )}
          </select>
        </div>
      </div>
      ${q.type === 'choice' ? optionsEditor(ctx, q, index, base, optionsError) : nothing}
      ${q.type === 'text'
        ? html`<p class="hint">${msg('Students are reminded not to write names.', { id: 'survey.builder.text-hint' })}</p>`
        : nothing}
      <div class="tools">
        <button type="button" ?disabled=${index === 0} @click=${() => ctx.moveQuestion(index, -1)} aria-label=${msg(str`Move question ${n} up`, { id: 'survey.builder.move-up' })}>
          ↑ ${msg('Up', { id: 'survey.builder.up' })}
        </button>
        <button
          type="button"
          ?disabled=${index === draft.questions.length - 1}
          @click=${() => ctx.moveQuestion(index, 1)}
          aria-label=${msg(str`Move question ${n} down`, { id: 'survey.builder.move-down' })}
        >
          ↓ ${msg('Down', { id: 'survey.builder.down' })}
        </button>
        <button type="button" class="danger" @click=${() => ctx.removeQuestion(index)} aria-label=${msg(str`Remove question ${n}`, { id: 'survey.builder.remove-question' })}>
          ${msg('Remove', { id: 'survey.builder.remove' })}
        </button>
      </div>
    </fieldset>
  </li>`;
}

function optionsEditor(ctx: SurveyFormContext, q: DraftQuestion, index: number, base: string, error: string | undefined): TemplateResult {
  const n = formatNumber(index + 1);
  return html`<div class="options-editor">
    <p class="label" id="${base}-options-label">${msg('Options', { id: 'survey.builder.options' })}</p>
    <ol class="options" aria-labelledby="${base}-options-label">
      ${q.options.map((option, i) => {
        const m = formatNumber(i + 1);
        return html`<li>
          <div class="field">
            <label class="visually-hidden" for="${base}-o${i}">${msg(str`Option ${m} of question ${n}`, { id: 'survey.builder.option-n' })}</label>
            <input
              id="${base}-o${i}"
              maxlength="200"
              placeholder=${msg(str`Option ${m}`, { id: 'survey.builder.option-placeholder' })}
              .value=${option}
              aria-invalid=${error && !option.trim() ? 'true' : 'false'}
              aria-describedby=${error ? `${base}-options-error` : nothing}
              @input=${(e: Event) => ctx.updateOption(index, i, (e.target as HTMLInputElement).value)}
            />
          </div>
          <button
            type="button"
            ?disabled=${q.options.length <= MIN_OPTIONS}
            @click=${() => ctx.removeOption(index, i)}
            aria-label=${msg(str`Remove option ${m} of question ${n}`, { id: 'survey.builder.remove-option' })}
          >
            ✕
          </button>
        </li>`;
      })}
    </ol>
    ${error ? html`<p class="field-error" id="${base}-options-error">${error}</p>` : nothing}
    <button
      type="button"
      ?disabled=${q.options.length >= MAX_OPTIONS}
      aria-label=${msg(str`Add an option to question ${n}`, { id: 'survey.builder.add-option' })}
      @click=${() => ctx.addOption(index)}
    >
      ${msg('Add an option', { id: 'survey.builder.add-option-short' })}
    </button>
  </div>`;
}
