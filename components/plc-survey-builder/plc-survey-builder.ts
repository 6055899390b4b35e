import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { aggregateSurvey, studentVoiceEvidence, toSurveyResults, MIN_GROUP_SIZE } from '../../src/analysis/survey.js';
import { decide } from '../../src/policy/policy.js';
import type { Survey } from '../../src/schema/directory.js';
import type { SurveyQuestion } from '../../src/schema/evidence.js';
import { StaleWriteError, type Versioned } from '../../src/store/store.js';
import { PlcElement } from '../base/plc-element.js';
import { EnquiryController } from '../controllers/enquiry-controller.js';
import { PlcChangeEvent } from '../events/change.js';
import { PlcErrorEvent } from '../events/error.js';
import { formatNumber } from '../localization.js';
import { refusalText } from '../strings.js';
import { sharedStyles } from '../styles/shared.js';
import { clampLevel, heading } from '../shared/heading.js';
import { SurveyDataController } from '../controllers/survey-data.js';
import { questionTypeLabel, responsesText, surveyStatusLabel } from '../shared/survey-labels.js';
import '../plc-survey-results/index.js';
import { frequencyOptions, suggestedQuestions, type Suggestion } from './suggestions.js';

/** The most questions a survey may have, and the most options a choice question may have. */
const MAX_QUESTIONS = 20;
const MIN_OPTIONS = 2;
const MAX_OPTIONS = 10;

interface DraftQuestion {
  id: string;
  text: string;
  type: SurveyQuestion['type'];
  options: string[];
}

interface Draft {
  /** The survey's id (new surveys get theirs when the draft starts). */
  id: string;
  /** The stored version the draft started from; 0 for a new survey. */
  version: number;
  title: string;
  questions: DraftQuestion[];
  createdById: string | undefined;
}

type View = { kind: 'list' } | { kind: 'edit'; draft: Draft } | { kind: 'manage'; surveyId: string };

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Builds short, anonymous student-voice surveys tied to an enquiry's driving question (shown at
 * the top, with starter questions drawn from it): agree/disagree scales, multiple choice (2 to 10
 * options) and short comments, up to 20 questions. A survey is saved as a draft, opened for
 * answers (giving a link and a snippet for a class page with `<plc-survey-response>`), and closed.
 * Once it is closed, or whenever 5 or more students have answered, its aggregated results can be
 * added to the enquiry's evidence (in the evidence stage) with one click.
 *
 * @summary Student-voice survey builder: questions, open and share, close, add as evidence.
 * @event plc-change - A survey was saved (`step`: `survey.draft`, `survey.open`, `survey.close`) or its results were added as evidence (`evidence.add`).
 * @event plc-refused - Adding the results as evidence was refused by the lifecycle (with the reason).
 * @event plc-error - A survey could not be loaded or saved.
 * @csspart question-text - The driving question shown at the top.
 * @csspart list - The list of the enquiry's surveys.
 * @csspart editor - The survey form (title and questions).
 * @csspart question - Each question being edited.
 * @csspart suggestions - The suggested starter questions.
 * @csspart share - The panel with the link and snippet for a class page.
 * @csspart results - The results shown while managing a survey.
 */
export class PlcSurveyBuilder extends PlcElement {
  static override styles = [
    sharedStyles,
    css`
      .driving {
        margin: 0 0 calc(var(--plc-space, 0.5rem) * 2);
        padding: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 2);
        border-inline-start: 4px solid var(--plc-color-accent, #1f5fbf);
        background: var(--plc-color-accent-soft, #e6eefb);
        border-radius: var(--plc-radius, 6px);
      }
      .driving p {
        margin: 0;
      }
      .driving .label {
        font-size: 0.85em;
        text-transform: uppercase;
        letter-spacing: 0.04em;
        margin: 0;
      }
      .driving q {
        font-size: 1.1em;
        font-weight: 600;
        quotes: none;
      }
      ul.surveys,
      ol.questions,
      ul.suggestions,
      ol.options {
        list-style: none;
        padding: 0;
        margin: 0 0 calc(var(--plc-space, 0.5rem) * 2);
      }
      ul.surveys > li,
      ol.questions > li {
        margin-block-end: var(--plc-space, 0.5rem);
      }
      .survey-row {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 2);
      }
      .survey-row .grow {
        flex: 1 1 14rem;
        min-width: 0;
      }
      .survey-row h4,
      .survey-row .name {
        margin: 0;
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .badge.open {
        background: var(--plc-color-success-soft, #e3f4ea);
      }
      .badge.closed {
        background: var(--plc-color-surface, #f6f7f9);
      }
      .question-card legend {
        font-size: 1rem;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0 calc(var(--plc-space, 0.5rem) * 2);
      }
      .row .grow {
        flex: 1 1 20rem;
        min-width: 0;
      }
      .row .type {
        flex: 0 1 15rem;
        min-width: min(100%, 12rem);
      }
      h5,
      h6 {
        font-size: 1rem;
        margin: 0 0 var(--plc-space, 0.5rem);
      }
      ol.options li {
        display: flex;
        gap: var(--plc-space, 0.5rem);
        align-items: flex-start;
        margin-block-end: var(--plc-space, 0.5rem);
      }
      ol.options li .field {
        flex: 1 1 auto;
        min-width: 0;
        margin: 0;
      }
      textarea.question-text {
        min-height: 3.5rem;
      }
      .options-editor {
        margin-block-end: var(--plc-space, 0.5rem);
      }
      .tools {
        display: flex;
        flex-wrap: wrap;
        gap: var(--plc-space, 0.5rem);
      }
      .suggestions li {
        display: flex;
        flex-wrap: wrap;
        gap: var(--plc-space, 0.5rem);
        align-items: center;
        justify-content: space-between;
        padding-block: calc(var(--plc-space, 0.5rem) / 2);
        border-block-end: 1px solid var(--plc-color-border, #c9cfd8);
      }
      .suggestions li span {
        flex: 1 1 14rem;
        min-width: 0;
      }
      .share dl {
        margin: 0;
      }
      .share dt {
        font-weight: 600;
        margin-block-start: var(--plc-space, 0.5rem);
      }
      .share dd {
        margin: 0;
      }
      .code {
        font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
        font-size: 1.35rem;
        letter-spacing: 0.04em;
        overflow-wrap: anywhere;
      }
      .copy-row {
        display: flex;
        flex-wrap: wrap;
        gap: var(--plc-space, 0.5rem);
        align-items: flex-start;
      }
      .copy-row input,
      .copy-row textarea {
        flex: 1 1 16rem;
        min-width: 0;
        font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
        font-size: 0.9rem;
      }
      .copy-row textarea {
        min-height: 4.5rem;
      }
      section + section {
        margin-block-start: calc(var(--plc-space, 0.5rem) * 3);
      }
      .error-summary ul {
        margin: 0;
      }
    `,
  ];

  /** The enquiry whose surveys to build and manage. */
  @property({ attribute: 'enquiry-id', reflect: true }) accessor enquiryId: string | undefined;

  /** Open this survey straight away (to edit a draft, or to share, close and add its results). */
  @property({ attribute: 'survey-id', reflect: true }) accessor surveyId: string | undefined;

  /**
   * The address of the class page where `<plc-survey-response>` is placed; the shared link adds
   * `?survey=<id>` to it. Defaults to this page's address.
   */
  @property({ attribute: 'response-url' }) accessor responseUrl: string | undefined;

  /** The level of this element's heading (2 to 6); its sections are one level below. */
  @property({ attribute: 'heading-level', type: Number }) accessor headingLevel = 2;

  @state() private accessor view: View = { kind: 'list' };
  @state() private accessor errors: Readonly<Record<string, string>> = {};
  @state() private accessor announcement = '';
  @state() private accessor failure: string | undefined;
  @state() private accessor busy = false;

  /** The enquiry (question, stage, evidence) the surveys belong to. */
  readonly enquiry = new EnquiryController(this, () => this.session, () => this.enquiryId);
  private readonly data = new SurveyDataController(this, () => this.session, () => ({ enquiryId: this.enquiryId, responses: true }));
  private openedFromAttribute: string | undefined;

  protected override async getUpdateComplete(): Promise<boolean> {
    await super.getUpdateComplete();
    await this.data.settled;
    await this.enquiry.settled;
    return super.getUpdateComplete();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('enquiryId') && changed.get('enquiryId') !== undefined) this.view = { kind: 'list' };
    // Open the survey named by `survey-id` once it has loaded.
    if (this.surveyId && this.surveyId !== this.openedFromAttribute && this.data.status === 'ready') {
      const found = this.data.surveys.find((s) => s.record.id === this.surveyId);
      if (found) {
        this.openedFromAttribute = this.surveyId;
        this.view = found.record.status === 'draft' ? { kind: 'edit', draft: this.draftOf(found) } : { kind: 'manage', surveyId: found.record.id };
      }
    }
  }

  private get level(): number {
    return clampLevel(this.headingLevel);
  }

  /** Whether the signed-in person may create and change this enquiry's surveys. */
  private get canWrite(): boolean {
    const actor = this.enquiry.actor;
    const data = this.enquiry.state?.data;
    if (!actor || !data) return false;
    return decide(actor, 'directory.write', { collection: 'surveys', enquiry: data, community: this.enquiry.community }).allowed;
  }

  /** Whether the signed-in person may add evidence to this enquiry (who, not when). */
  private get canAddEvidence(): boolean {
    return this.enquiry.may('evidence.add');
  }

  protected override render() {
    const tag = clampLevel(this.level);
    const head = heading(tag, html`${msg('Student-voice surveys', { id: 'survey.builder.title' })}`);
    if (!this.session) {
      return html`${head}<p class="notice warning">${msg('This element needs a plc-provider around it.', { id: 'survey.builder.no-provider' })}</p>`;
    }
    if (!this.enquiryId) {
      return html`${head}<p class="empty">${msg(str`No enquiry chosen: set the ${'enquiry-id'} attribute.`, { id: 'survey.builder.no-enquiry' })}</p>`;
    }
    if (this.enquiry.status === 'error' || this.data.status === 'error') {
      return html`${head}<p class="notice error" role="alert">
          ${msg('The surveys could not be loaded.', { id: 'survey.builder.load-error' })} ${this.enquiry.error ?? this.data.error}
        </p>`;
    }
    if (this.enquiry.status === 'missing') {
      return html`${head}<p class="notice warning">${msg('This enquiry could not be found.', { id: 'survey.builder.missing' })}</p>`;
    }
    if (this.enquiry.status !== 'ready' || this.data.status !== 'ready') {
      return html`${head}<p class="muted" role="status">${msg('Loading surveys…', { id: 'survey.builder.loading' })}</p>`;
    }
    if (!this.session.person) {
      return html`${head}<p class="notice">${msg('Choose who you are to create and manage surveys.', { id: 'survey.builder.sign-in' })}</p>`;
    }
    const question = this.enquiry.state?.data.question.text.trim();
    return html`${head}
      <div class="driving" part="question-text">
        <p class="label muted">${msg('Driving question', { id: 'survey.builder.driving-question' })}</p>
        ${question
          ? html`<p><q>${question}</q></p>`
          : html`<p>${msg('No driving question yet: the suggestions below are general ones.', { id: 'survey.builder.no-question' })}</p>`}
      </div>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
      ${this.failure ? html`<p class="notice error" role="alert">${this.failure}</p>` : nothing}
      ${this.view.kind === 'edit' ? this.renderEditor(this.view.draft) : this.view.kind === 'manage' ? this.renderManage(this.view.surveyId) : this.renderList()}`;
  }

  // ---------------------------------------------------------------------------------------------
  // The list of the enquiry's surveys.

  private renderList() {
    const sub = clampLevel(this.level + 1);
    const surveys = this.data.surveys;
    return html`<section part="list">
      ${heading(sub, html`${msg('Surveys for this enquiry', { id: 'survey.builder.list-title' })}`, { className: 'visually-hidden' })}
      ${this.canWrite
        ? nothing
        : html`<p class="notice">${msg("Only the enquiry's members can create or change its surveys.", { id: 'survey.builder.members-only' })}</p>`}
      ${surveys.length === 0
        ? html`<p class="empty">${msg('No surveys yet. A short, anonymous survey is the quickest way to hear from students.', { id: 'survey.builder.empty' })}</p>`
        : html`<ul class="surveys">
            ${surveys.map((s) => this.renderListItem(s))}
          </ul>`}
      ${this.canWrite
        ? html`<div class="actions">
            <button class="primary" @click=${this.startNew}>${msg('Create a new survey', { id: 'survey.builder.new' })}</button>
          </div>`
        : nothing}
    </section>`;
  }

  private renderListItem(entry: Versioned<Survey>) {
    const survey = entry.record;
    const count = this.data.responsesOf(survey.id).length;
    return html`<li class="card survey-row">
      <div class="grow">
        <p class="name">${survey.title}</p>
        <p class="muted">
          <span class="badge ${survey.status}">${surveyStatusLabel(survey.status)}</span>
          ${msg(str`${formatNumber(survey.questions.length)} questions`, { id: 'survey.builder.question-count' })} ·
          ${responsesText(count)}
        </p>
      </div>
      ${survey.status === 'draft' && this.canWrite
        ? html`<button @click=${() => this.edit(entry)} aria-label=${msg(str`Edit ${survey.title}`, { id: 'survey.builder.edit-named' })}>
            ${msg('Edit', { id: 'survey.builder.edit' })}
          </button>`
        : html`<button @click=${() => this.manage(survey.id)} aria-label=${msg(str`Open ${survey.title}`, { id: 'survey.builder.open-named' })}>
            ${survey.status === 'draft' ? msg('View', { id: 'survey.builder.view' }) : msg('Results and sharing', { id: 'survey.builder.manage' })}
          </button>`}
    </li>`;
  }

  private startNew = async () => {
    const session = this.session!;
    const title = this.enquiry.details?.title;
    this.view = {
      kind: 'edit',
      draft: {
        id: session.newId('sv'),
        version: 0,
        title: title ? msg(str`Student voice: ${title}`, { id: 'survey.builder.default-title' }) : '',
        questions: [],
        createdById: undefined,
      },
    };
    this.errors = {};
    this.failure = undefined;
    await this.focusSelector('#sv-title');
  };

  private draftOf(entry: Versioned<Survey>): Draft {
    const survey = entry.record;
    return {
      id: survey.id,
      version: entry.version,
      title: survey.title,
      questions: survey.questions.map((q) => ({ id: q.id, text: q.text, type: q.type, options: [...(q.options ?? [])] })),
      createdById: survey.createdById,
    };
  }

  private edit = async (entry: Versioned<Survey>) => {
    this.view = { kind: 'edit', draft: this.draftOf(entry) };
    this.errors = {};
    this.failure = undefined;
    await this.focusSelector('#sv-title');
  };

  private manage = async (surveyId: string) => {
    this.view = { kind: 'manage', surveyId };
    this.failure = undefined;
    await this.focusSelector('.manage-title');
  };

  private backToList = async () => {
    this.view = { kind: 'list' };
    this.errors = {};
    this.failure = undefined;
    await this.focusSelector('.actions button.primary');
  };

  private async focusSelector(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  // ---------------------------------------------------------------------------------------------
  // The editor of a draft.

  private renderEditor(draft: Draft) {
    const sub = clampLevel(this.level + 1);
    const sub2 = clampLevel(this.level + 2);
    const full = draft.questions.length >= MAX_QUESTIONS;
    const existing = new Set(draft.questions.map((q) => q.text.trim().toLowerCase()));
    const suggestions = suggestedQuestions(this.enquiry.state?.data.question.text ?? '').filter((s) => !existing.has(s.text.toLowerCase()));
    const errorCount = Object.keys(this.errors).length;
    return html`<section part="editor">
      ${heading(sub, html`${draft.version === 0 ? msg('New survey', { id: 'survey.builder.new-title' }) : msg('Edit survey', { id: 'survey.builder.edit-title' })}`, { className: 'editor-title' })}
      <form novalidate @submit=${(e: Event) => { e.preventDefault(); void this.save('draft'); }}>
        <div class="field">
          <label for="sv-title">${msg('Survey title', { id: 'survey.builder.field.title' })}</label>
          <span class="hint" id="sv-title-hint">${msg('Students see this at the top of the survey.', { id: 'survey.builder.field.title-hint' })}</span>
          <input
            id="sv-title"
            maxlength="200"
            .value=${draft.title}
            aria-invalid=${this.errors['title'] ? 'true' : 'false'}
            aria-describedby=${this.errors['title'] ? 'sv-title-hint sv-title-error' : 'sv-title-hint'}
            @input=${(e: Event) => this.updateDraft({ title: (e.target as HTMLInputElement).value })}
          />
          ${this.errors['title'] ? html`<p class="field-error" id="sv-title-error">${this.errors['title']}</p>` : nothing}
        </div>

        ${heading(sub2, html`${msg('Questions', { id: 'survey.builder.questions' })}`)}
        <p class="hint">
          ${msg(str`Keep it short: up to ${MAX_QUESTIONS} questions. Answers are anonymous, and results from fewer than ${MIN_GROUP_SIZE} students are hidden.`, {
            id: 'survey.builder.questions-hint',
          })}
        </p>
        ${draft.questions.length === 0
          ? html`<p class="empty">${msg('No questions yet: add one of the suggestions below or write your own.', { id: 'survey.builder.no-questions' })}</p>`
          : html`<ol class="questions">
              ${draft.questions.map((q, i) => this.renderQuestionEditor(draft, q, i))}
            </ol>`}
        ${this.errors['questions'] ? html`<p class="field-error" id="sv-questions-error">${this.errors['questions']}</p>` : nothing}
        <div class="actions">
          <button type="button" ?disabled=${full} aria-describedby=${full ? 'sv-full' : nothing} @click=${() => this.addQuestion({ type: 'agree', text: '' })}>
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
                    <button type="button" aria-label=${msg(str`Add the question: ${s.text}`, { id: 'survey.builder.add-suggestion-named' })} @click=${() => this.addQuestion(s)}>
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
                ${Object.values(this.errors).map((e) => html`<li>${e}</li>`)}
              </ul>
            </div>`
          : nothing}
        <div class="actions">
          <button type="submit" ?disabled=${this.busy}>${msg('Save draft', { id: 'survey.builder.save' })}</button>
          <button type="button" class="primary" ?disabled=${this.busy} @click=${() => this.save('open')}>
            ${msg('Save and open for answers', { id: 'survey.builder.save-open' })}
          </button>
          <button type="button" class="link" @click=${this.backToList}>${msg('Back to the surveys (unsaved changes are lost)', { id: 'survey.builder.back-discard' })}</button>
        </div>
      </form>
    </section>`;
  }

  private renderQuestionEditor(draft: Draft, q: DraftQuestion, index: number) {
    const n = formatNumber(index + 1);
    const base = `sv-q${index}`;
    const textError = this.errors[`${q.id}.text`];
    const optionsError = this.errors[`${q.id}.options`];
    return html`<li>
      <fieldset class="question-card" part="question">
        <legend>${msg(str`Question ${n}`, { id: 'survey.builder.question-n' })}</legend>
        <div class="row">
          <div class="field grow">
            <label for="${base}-text">${msg('Question', { id: 'survey.builder.field.question' })}</label>
            <textarea
              id="${base}-text"
              class="question-text"
              rows="2"
              maxlength="200"
              .value=${q.text}
              aria-invalid=${textError ? 'true' : 'false'}
              aria-describedby=${textError ? `${base}-text-error` : nothing}
              @input=${(e: Event) => this.updateQuestion(index, { text: (e.target as HTMLTextAreaElement).value.replace(/\s*\n\s*/g, ' ') })}
            ></textarea>
            ${textError ? html`<p class="field-error" id="${base}-text-error">${textError}</p>` : nothing}
          </div>
          <div class="field type">
            <label for="${base}-type">${msg('Type of answer', { id: 'survey.builder.field.type' })}</label>
            <select id="${base}-type" @change=${(e: Event) => this.changeType(index, (e.target as HTMLSelectElement).value as SurveyQuestion['type'])}>
              ${(['agree', 'choice', 'text'] as const).map(
                (type) => html`<option value=${type} ?selected=${q.type === type}>${questionTypeLabel(type)}</option>`,
              )}
            </select>
          </div>
        </div>
        ${q.type === 'choice' ? this.renderOptionsEditor(q, index, base, optionsError) : nothing}
        ${q.type === 'text'
          ? html`<p class="hint">${msg('Students are reminded not to write names.', { id: 'survey.builder.text-hint' })}</p>`
          : nothing}
        <div class="tools">
          <button type="button" ?disabled=${index === 0} @click=${() => this.moveQuestion(index, -1)} aria-label=${msg(str`Move question ${n} up`, { id: 'survey.builder.move-up' })}>
            ↑ ${msg('Up', { id: 'survey.builder.up' })}
          </button>
          <button
            type="button"
            ?disabled=${index === draft.questions.length - 1}
            @click=${() => this.moveQuestion(index, 1)}
            aria-label=${msg(str`Move question ${n} down`, { id: 'survey.builder.move-down' })}
          >
            ↓ ${msg('Down', { id: 'survey.builder.down' })}
          </button>
          <button type="button" class="danger" @click=${() => this.removeQuestion(index)} aria-label=${msg(str`Remove question ${n}`, { id: 'survey.builder.remove-question' })}>
            ${msg('Remove', { id: 'survey.builder.remove' })}
          </button>
        </div>
      </fieldset>
    </li>`;
  }

  private renderOptionsEditor(q: DraftQuestion, index: number, base: string, error: string | undefined) {
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
                @input=${(e: Event) => this.updateOption(index, i, (e.target as HTMLInputElement).value)}
              />
            </div>
            <button
              type="button"
              ?disabled=${q.options.length <= MIN_OPTIONS}
              @click=${() => this.removeOption(index, i)}
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
        @click=${() => this.addOption(index)}
      >
        ${msg('Add an option', { id: 'survey.builder.add-option-short' })}
      </button>
    </div>`;
  }

  private get draft(): Draft | undefined {
    return this.view.kind === 'edit' ? this.view.draft : undefined;
  }

  private updateDraft(change: Partial<Draft>): void {
    const draft = this.draft;
    if (!draft) return;
    this.view = { kind: 'edit', draft: { ...draft, ...change } };
  }

  private updateQuestion(index: number, change: Partial<DraftQuestion>): void {
    const draft = this.draft;
    if (!draft) return;
    this.updateDraft({ questions: draft.questions.map((q, i) => (i === index ? { ...q, ...change } : q)) });
  }

  private changeType(index: number, type: SurveyQuestion['type']): void {
    const q = this.draft?.questions[index];
    if (!q) return;
    const options = type === 'choice' && q.options.length < MIN_OPTIONS ? ['', ''] : q.options;
    this.updateQuestion(index, { type, options });
  }

  private async addQuestion(suggestion: Suggestion): Promise<void> {
    const draft = this.draft;
    if (!draft || draft.questions.length >= MAX_QUESTIONS) return;
    const question: DraftQuestion = {
      id: this.session!.newId('q'),
      text: suggestion.text,
      type: suggestion.type,
      options: suggestion.type === 'choice' ? [...(suggestion.options ?? frequencyOptions())] : [],
    };
    this.updateDraft({ questions: [...draft.questions, question] });
    this.announcement = msg(str`Question ${formatNumber(draft.questions.length + 1)} added.`, { id: 'survey.builder.added' });
    await this.focusSelector(`#sv-q${draft.questions.length}-text`);
  }

  private async moveQuestion(index: number, by: number): Promise<void> {
    const draft = this.draft;
    const target = index + by;
    if (!draft || target < 0 || target >= draft.questions.length) return;
    const questions = [...draft.questions];
    [questions[index], questions[target]] = [questions[target]!, questions[index]!];
    this.updateDraft({ questions });
    this.announcement = msg(str`Question moved to position ${formatNumber(target + 1)}.`, { id: 'survey.builder.moved' });
    const direction = by < 0 ? 'up' : 'down';
    await this.updateComplete;
    // Keep focus on the same button of the moved question, or its other move button at an end.
    const buttons = this.renderRoot.querySelectorAll<HTMLButtonElement>(`ol.questions > li:nth-child(${target + 1}) .tools button`);
    const wanted = direction === 'up' ? buttons[0] : buttons[1];
    (wanted && !wanted.disabled ? wanted : direction === 'up' ? buttons[1] : buttons[0])?.focus();
  }

  private async removeQuestion(index: number): Promise<void> {
    const draft = this.draft;
    if (!draft) return;
    const questions = draft.questions.filter((_, i) => i !== index);
    this.updateDraft({ questions });
    this.announcement = msg(str`Question ${formatNumber(index + 1)} removed.`, { id: 'survey.builder.removed' });
    await this.updateComplete;
    const next = Math.min(index, questions.length - 1);
    this.renderRoot.querySelector<HTMLElement>(next >= 0 ? `#sv-q${next}-text` : '.actions button')?.focus();
  }

  private updateOption(index: number, option: number, value: string): void {
    const q = this.draft?.questions[index];
    if (!q) return;
    this.updateQuestion(index, { options: q.options.map((o, i) => (i === option ? value : o)) });
  }

  private async addOption(index: number): Promise<void> {
    const q = this.draft?.questions[index];
    if (!q || q.options.length >= MAX_OPTIONS) return;
    this.updateQuestion(index, { options: [...q.options, ''] });
    await this.focusSelector(`#sv-q${index}-o${q.options.length}`);
  }

  private async removeOption(index: number, option: number): Promise<void> {
    const q = this.draft?.questions[index];
    if (!q || q.options.length <= MIN_OPTIONS) return;
    this.updateQuestion(index, { options: q.options.filter((_, i) => i !== option) });
    await this.focusSelector(`#sv-q${index}-o${Math.min(option, q.options.length - 2)}`);
  }

  /** Checks the draft; returns the errors by field (empty when it can be saved). */
  private validate(draft: Draft): Record<string, string> {
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

  private async save(status: 'draft' | 'open'): Promise<void> {
    const session = this.session;
    const draft = this.draft;
    const person = session?.person;
    if (!session || !draft || !person || !this.enquiryId || this.busy) return;
    const errors = this.validate(draft);
    this.errors = errors;
    this.failure = undefined;
    if (Object.keys(errors).length > 0) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      if (errors['questions']) this.renderRoot.querySelector<HTMLElement>('.actions button')?.focus();
      return;
    }
    const survey: Survey = {
      schemaVersion: 1,
      id: draft.id,
      enquiryId: this.enquiryId,
      title: draft.title.trim(),
      questions: draft.questions.map((q) => ({
        id: q.id,
        text: q.text.trim(),
        type: q.type,
        ...(q.type === 'choice' ? { options: q.options.map((o) => o.trim()) } : {}),
      })),
      status,
      createdById: draft.createdById ?? person.id,
    };
    this.busy = true;
    try {
      const saved = await session.store.put('surveys', survey, draft.version);
      this.dispatchEvent(new PlcChangeEvent(this.enquiryId, status === 'open' ? 'survey.open' : 'survey.draft'));
      await this.data.reload();
      if (status === 'open') {
        this.announcement = msg('Saved and open for answers.', { id: 'survey.builder.opened' });
        this.view = { kind: 'manage', surveyId: survey.id };
        await this.focusSelector('.manage-title');
      } else {
        this.announcement = msg('Saved', { id: 'survey.builder.saved' });
        this.view = { kind: 'edit', draft: { ...draft, version: saved.version, createdById: survey.createdById } };
      }
    } catch (error) {
      this.failure =
        error instanceof StaleWriteError
          ? msg('Someone else changed this survey since you opened it. Your changes are still here: copy anything you need, then go back and open it again.', {
              id: 'survey.builder.stale',
            })
          : msg(str`The survey could not be saved: ${error instanceof Error ? error.message : String(error)}`, { id: 'survey.builder.save-error' });
      this.dispatchEvent(new PlcErrorEvent(this.failure, error));
    } finally {
      this.busy = false;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Managing an open or closed survey: share, close, results, add as evidence.

  private renderManage(surveyId: string) {
    const entry = this.data.surveys.find((s) => s.record.id === surveyId);
    const sub = clampLevel(this.level + 1);
    const sub2 = clampLevel(this.level + 2);
    if (!entry) {
      return html`<p class="notice warning">${msg('This survey could not be found.', { id: 'survey.builder.survey-missing' })}</p>
        <button @click=${this.backToList}>${msg('Back to the surveys', { id: 'survey.builder.back' })}</button>`;
    }
    const survey = entry.record;
    const responses = this.data.responsesOf(survey.id);
    const aggregate = aggregateSurvey(survey, responses);
    return html`<section>
      ${heading(sub, html`${survey.title}`, { className: 'manage-title', focusable: true })}
      <p>
        <span class="badge ${survey.status}">${surveyStatusLabel(survey.status)}</span>
        <strong class="response-count">${responsesText(responses.length)}</strong>
      </p>
      ${survey.status === 'open' ? this.renderShare(survey, sub2) : nothing}
      ${this.canWrite
        ? html`<div class="actions">
            ${survey.status === 'open'
              ? html`<button @click=${() => this.setStatus(entry, 'closed')} ?disabled=${this.busy}>${msg('Close the survey', { id: 'survey.builder.close' })}</button>`
              : survey.status === 'closed'
                ? html`<button @click=${() => this.setStatus(entry, 'open')} ?disabled=${this.busy}>${msg('Reopen the survey', { id: 'survey.builder.reopen' })}</button>`
                : html`<button @click=${() => this.edit(entry)}>${msg('Edit', { id: 'survey.builder.edit' })}</button>`}
          </div>`
        : nothing}
      ${this.renderEvidenceAction(survey, responses.length)}
      <section part="results">
        ${heading(sub2, html`${msg('Results so far', { id: 'survey.builder.results' })}`)}
        <plc-survey-results
          heading-level=${Math.min(6, this.level + 3)}
          .results=${{ surveyId: survey.id, questions: survey.questions, responseCount: aggregate.responseCount, results: toSurveyResults(aggregate) }}
        ></plc-survey-results>
      </section>
      <div class="actions">
        <button class="link" @click=${this.backToList}>${msg('Back to the surveys', { id: 'survey.builder.back' })}</button>
      </div>
    </section>`;
  }

  private shareUrl(surveyId: string): string {
    try {
      const url = new URL(this.responseUrl || window.location.href, window.location.href);
      url.searchParams.set('survey', surveyId);
      url.hash = '';
      return url.href;
    } catch {
      return `?survey=${encodeURIComponent(surveyId)}`;
    }
  }

  private renderShare(survey: Survey, sub2: number) {
    const snippet = `<plc-survey-response survey-id="${survey.id}"></plc-survey-response>`;
    const url = this.shareUrl(survey.id);
    return html`<div class="card share" part="share">
      ${heading(sub2, html`${msg('Share with your class', { id: 'survey.builder.share' })}`)}
      <p>${msg('Students answer anonymously through this link: no names, no accounts.', { id: 'survey.builder.share-intro' })}</p>
      <dl>
        <dt>${msg('Survey code', { id: 'survey.builder.code' })}</dt>
        <dd class="code">${survey.id}</dd>
        <dt><label for="sv-link">${msg('Link for students', { id: 'survey.builder.link' })}</label></dt>
        <dd class="copy-row">
          <input id="sv-link" readonly .value=${url} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
          <button @click=${() => this.copy(url)}>${msg('Copy the link', { id: 'survey.builder.copy-link' })}</button>
        </dd>
        <dt><label for="sv-snippet">${msg('To place the survey on a class page', { id: 'survey.builder.snippet' })}</label></dt>
        <dd class="copy-row">
          <textarea id="sv-snippet" readonly .value=${snippet} @focus=${(e: Event) => (e.target as HTMLTextAreaElement).select()}></textarea>
          <button @click=${() => this.copy(snippet)}>${msg('Copy the code', { id: 'survey.builder.copy-snippet' })}</button>
        </dd>
      </dl>
    </div>`;
  }

  private async copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.announcement = msg('Copied', { id: 'survey.builder.copied' });
    } catch {
      this.announcement = msg('Could not copy: select the text and copy it yourself.', { id: 'survey.builder.copy-failed' });
    }
  }

  private async setStatus(entry: Versioned<Survey>, status: 'open' | 'closed'): Promise<void> {
    const session = this.session;
    if (!session || !this.enquiryId || this.busy) return;
    this.busy = true;
    this.failure = undefined;
    try {
      await session.store.put('surveys', { ...entry.record, status }, entry.version);
      this.dispatchEvent(new PlcChangeEvent(this.enquiryId, status === 'open' ? 'survey.open' : 'survey.close'));
      await this.data.reload();
      this.announcement =
        status === 'closed'
          ? msg('The survey is closed: no more answers are accepted.', { id: 'survey.builder.closed' })
          : msg('Saved and open for answers.', { id: 'survey.builder.opened' });
    } catch (error) {
      this.failure =
        error instanceof StaleWriteError
          ? msg('Someone else changed this survey since you opened it. Your changes are still here: copy anything you need, then go back and open it again.', {
              id: 'survey.builder.stale',
            })
          : msg(str`The survey could not be saved: ${error instanceof Error ? error.message : String(error)}`, { id: 'survey.builder.save-error' });
      await this.data.reload();
      this.dispatchEvent(new PlcErrorEvent(this.failure, error));
    } finally {
      this.busy = false;
    }
  }

  private renderEvidenceAction(survey: Survey, count: number) {
    const added = this.enquiry.state?.data.evidence.some((e) => e.kind === 'student-voice' && e['surveyId'] === survey.id);
    if (added) {
      return html`<p class="notice success">${msg('These results are on the evidence board.', { id: 'survey.builder.evidence-added' })}</p>`;
    }
    if (!this.canAddEvidence) return nothing;
    const ready = survey.status === 'closed' || count >= MIN_GROUP_SIZE;
    if (!ready) {
      return html`<p class="hint">
        ${msg(str`The results can be added as evidence once ${MIN_GROUP_SIZE} students have answered, or when the survey is closed.`, {
          id: 'survey.builder.evidence-not-ready',
        })}
      </p>`;
    }
    const verdict = this.enquiry.check('evidence.add', studentVoiceEvidence(survey, this.data.responsesOf(survey.id), { id: 'ev-check' }));
    return html`<div class="evidence-action">
      ${count < MIN_GROUP_SIZE
        ? html`<p class="notice warning">
            ${msg(str`Fewer than ${MIN_GROUP_SIZE} students answered, so the results will be hidden to keep answers anonymous.`, { id: 'survey.builder.evidence-small' })}
          </p>`
        : nothing}
      ${verdict.ok
        ? html`<div class="actions">
            <button class="primary" ?disabled=${this.busy} @click=${() => this.addEvidence(survey)}>
              ${msg('Add results as evidence', { id: 'survey.builder.add-evidence' })}
            </button>
          </div>`
        : html`<p class="notice warning" id="sv-evidence-locked">
            ${msg('The results cannot be added as evidence yet:', { id: 'survey.builder.evidence-locked' })} ${refusalText(verdict.refusal)}
          </p>`}
    </div>`;
  }

  private async addEvidence(survey: Survey): Promise<void> {
    const session = this.session;
    if (!session || this.busy) return;
    const payload = studentVoiceEvidence(survey, this.data.responsesOf(survey.id), {
      id: session.newId('ev'),
      title: survey.title,
      collectedOn: today(),
    });
    const verdict = this.enquiry.check('evidence.add', payload);
    if (!verdict.ok) {
      this.failure = refusalText(verdict.refusal);
      return;
    }
    this.busy = true;
    try {
      const result = await this.enquiry.act('evidence.add', payload);
      if (result.ok) this.announcement = msg('The results were added to the evidence board.', { id: 'survey.builder.evidence-done' });
      else this.failure = result.refusal ? refusalText(result.refusal) : (result.error ?? '');
    } finally {
      this.busy = false;
    }
  }
}
