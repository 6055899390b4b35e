import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { AGREE_LEVELS } from '../../src/analysis/survey.js';
import { decide } from '../../src/policy/policy.js';
import { Id } from '../../src/schema/common.js';
import type { Survey, SurveyResponse } from '../../src/schema/directory.js';
import type { SurveyQuestion } from '../../src/schema/evidence.js';
import { PlcElement } from '../base/plc-element.js';
import { PlcErrorEvent } from '../events/error.js';
import { formatNumber } from '../localization.js';
import { sharedStyles } from '../styles/shared.js';
import { SurveyDataController } from '../controllers/survey-data.js';
import { agreeLabel } from '../shared/survey-labels.js';
import { surveyResponseStyles } from './plc-survey-response.styles.js';

type Phase = 'form' | 'saving' | 'done';

let instances = 0;

/** The survey id in the page's address (`?survey=<id>`), when it is a valid id. */
function surveyIdFromAddress(): string | undefined {
  try {
    const value = new URL(window.location.href).searchParams.get('survey');
    return value && Id.safeParse(value).success ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The anonymous form a student fills in on a class page: no names, no accounts. It says so
 * plainly, asks each question (agree/disagree as a five-point scale of large radio buttons,
 * multiple choice as radio buttons, comments in a text box with a reminder not to write names)
 * and stores one answer sheet with nothing but the answers. Any question can be skipped. It needs
 * no signed-in person: place it in a `<plc-provider>` without `person-id`.
 *
 * The survey comes from `survey-id`, or else from the page address (`?survey=<id>`), so one
 * class page can serve every survey a teacher shares.
 *
 * @summary Anonymous student-voice survey form for a class page.
 * @csspart form - The form.
 * @csspart anonymous - The statement that answers are anonymous.
 * @csspart question - Each question's fieldset (or field for comments).
 * @csspart option - Each answer's label (a large target around its radio button).
 * @csspart submit - The send button.
 * @csspart thanks - The thank-you panel.
 * @event plc-error - Saving the answers failed (the answers stay in the form).
 */
export class PlcSurveyResponse extends PlcElement {
  static override styles = [sharedStyles, surveyResponseStyles];

  /** The survey to answer; when unset, the `survey` parameter of the page address is used. */
  @property({ attribute: 'survey-id', reflect: true }) accessor surveyId: string | undefined;

  @state() private accessor answers: Readonly<Record<string, number | string>> = {};
  @state() private accessor phase: Phase = 'form';
  @state() private accessor formError: string | undefined;
  @state() private accessor saveError: string | undefined;

  private readonly uid = `plc-sv-${(instances += 1)}`;
  private readonly addressSurveyId = surveyIdFromAddress();
  private readonly data = new SurveyDataController(this, () => this.session, () => ({ surveyId: this.activeSurveyId }));

  /** The survey being answered: the attribute, else the page address. */
  get activeSurveyId(): string | undefined {
    return this.surveyId || this.addressSurveyId;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('surveyId') && changed.get('surveyId') !== undefined) this.reset();
  }

  private reset(): void {
    this.answers = {};
    this.phase = 'form';
    this.formError = undefined;
    this.saveError = undefined;
  }

  protected override render() {
    if (!this.activeSurveyId) {
      return html`<p class="notice warning">${msg('This page has no survey link. Ask your teacher for the link to the survey.', { id: 'survey.response.no-survey' })}</p>`;
    }
    if (!this.session) {
      return html`<p class="notice warning">${msg('This survey needs a plc-provider around it to load.', { id: 'survey.response.no-provider' })}</p>`;
    }
    if (this.phase === 'done') return this.renderThanks();
    if (this.data.status === 'error') {
      return html`<p class="notice error" role="alert">${msg('The survey could not be loaded. Check your connection and reload the page.', { id: 'survey.response.load-error' })}</p>`;
    }
    if (this.data.status !== 'ready') {
      return html`<p class="muted" role="status">${msg('Loading the survey…', { id: 'survey.response.loading' })}</p>`;
    }
    const survey = this.data.survey?.record;
    if (!survey) {
      return html`<p class="notice warning" role="status">${msg('This survey could not be found. Check the link you were given.', { id: 'survey.response.missing' })}</p>`;
    }
    const decision = decide({ kind: 'student' }, 'survey.respond', { survey, token: { surveyId: this.activeSurveyId } });
    if (!decision.allowed) {
      return html`<h2>${survey.title}</h2>
        <p class="notice" role="status">
          ${survey.status === 'draft'
            ? msg('This survey is not open yet. Try again when your teacher says it is ready.', { id: 'survey.response.not-open' })
            : msg('This survey has closed, so no more answers can be given. Thank you!', { id: 'survey.response.closed' })}
        </p>`;
    }
    return this.renderForm(survey);
  }

  private renderThanks() {
    return html`<div class="thanks card" part="thanks">
      <h2 tabindex="-1" id="thanks">${msg('Thank you!', { id: 'survey.response.thanks-title' })}</h2>
      <p role="status">${msg('Your answers have been sent. No name or account was recorded with them.', { id: 'survey.response.thanks' })}</p>
      <div class="actions centred">
        <button @click=${this.startAgain}>${msg('Start a new response for the next person', { id: 'survey.response.again' })}</button>
      </div>
    </div>`;
  }

  private renderForm(survey: Survey) {
    const errorId = `${this.uid}-error`;
    return html`<form part="form" novalidate @submit=${this.submit} aria-describedby=${this.formError || this.saveError ? errorId : nothing}>
      <h2 tabindex="-1" class="title">${survey.title}</h2>
      <p class="notice success anonymous" part="anonymous">
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><rect x="5" y="11" width="14" height="10" rx="2"></rect><path d="M8 11V7a4 4 0 0 1 8 0v4"></path></svg>
        <span>${msg('Your answers are anonymous: no name or account is recorded.', { id: 'survey.response.anonymous' })}</span>
      </p>
      <p class="muted">${msg('Answer as honestly as you can. You can skip any question.', { id: 'survey.response.intro' })}</p>
      ${survey.questions.map((question, index) => this.renderQuestion(question, index))}
      <div id=${errorId} role="alert">
        ${this.formError ? html`<p class="notice error">${this.formError}</p>` : nothing}
        ${this.saveError ? html`<p class="notice error">${this.saveError}</p>` : nothing}
      </div>
      <div class="actions">
        <button class="primary submit" part="submit" type="submit" ?disabled=${this.phase === 'saving'}>
          ${this.phase === 'saving' ? msg('Sending…', { id: 'survey.response.sending' }) : msg('Send my answers', { id: 'survey.response.send' })}
        </button>
      </div>
    </form>`;
  }

  private renderQuestion(question: SurveyQuestion, index: number) {
    const number = html`<span class="number">${formatNumber(index + 1)}.</span>`;
    const id = `${this.uid}-${question.id}`;
    if (question.type === 'text') {
      const hintId = `${id}-hint`;
      const value = this.answers[question.id];
      return html`<div class="comment" part="question">
        <label for=${id}>${number} ${question.text}</label>
        <span class="hint" id=${hintId}>${msg('Please do not write names (yours or anyone else’s).', { id: 'survey.response.no-names' })}</span>
        <textarea
          id=${id}
          maxlength="500"
          aria-describedby=${hintId}
          .value=${typeof value === 'string' ? value : ''}
          @input=${(e: Event) => this.setAnswer(question.id, (e.target as HTMLTextAreaElement).value)}
        ></textarea>
      </div>`;
    }
    const choices =
      question.type === 'agree'
        ? AGREE_LEVELS.map((level, i) => ({ value: i + 1, label: agreeLabel(level) }))
        : (question.options ?? []).map((label, i) => ({ value: i, label }));
    const selected = this.answers[question.id];
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
              @change=${() => this.setAnswer(question.id, choice.value)}
            />
            <span>${choice.label}</span>
          </label>`,
        )}
      </div>
      ${selected === undefined
        ? nothing
        : html`<button type="button" class="link clear" @click=${() => this.setAnswer(question.id, undefined)}>
            ${msg(str`Clear my answer to question ${formatNumber(index + 1)}`, { id: 'survey.response.clear' })}
          </button>`}
    </fieldset>`;
  }

  private setAnswer(questionId: string, value: number | string | undefined): void {
    const next = { ...this.answers };
    if (value === undefined || value === '') delete next[questionId];
    else next[questionId] = value;
    this.answers = next;
    this.formError = undefined;
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const session = this.session;
    const surveyId = this.activeSurveyId;
    if (!session || !surveyId || this.phase === 'saving') return;
    const survey = this.data.survey?.record;
    const answers: SurveyResponse['answers'] = {};
    for (const question of survey?.questions ?? []) {
      const value = this.answers[question.id];
      if (typeof value === 'string') {
        if (value.trim()) answers[question.id] = value.trim().slice(0, 500);
      } else if (typeof value === 'number') answers[question.id] = value;
    }
    if (Object.keys(answers).length === 0) {
      this.formError = msg('Answer at least one question before sending.', { id: 'survey.response.nothing' });
      return;
    }
    this.phase = 'saving';
    this.saveError = undefined;
    try {
      // The survey may have closed while the form was open: check again before saving.
      const current = await session.store.get('surveys', surveyId);
      if (!current || current.record.status !== 'open') {
        this.phase = 'form';
        this.saveError = msg('This survey has closed, so no more answers can be given. Thank you!', { id: 'survey.response.closed' });
        await this.data.reload();
        return;
      }
      const response: SurveyResponse = { schemaVersion: 1, id: session.newId('sr'), surveyId, answers };
      await session.store.put('surveyResponses', response, 0);
      this.answers = {};
      this.phase = 'done';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#thanks')?.focus();
    } catch (error) {
      this.phase = 'form';
      this.saveError = msg('Your answers could not be sent. They are still here: please try again.', { id: 'survey.response.save-error' });
      this.dispatchEvent(new PlcErrorEvent(this.saveError, error));
    }
  }

  private startAgain = async (): Promise<void> => {
    this.reset();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h2.title')?.focus();
  };
}
