import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { msg, str } from '@lit/localize';
import { verdict } from '../../src/policy/policy.js';
import { Id } from '../../src/schema/common.js';
import type { Survey, SurveyResponse } from '../../src/schema/directory.js';
import type { SurveyQuestion } from '../../src/schema/evidence.js';
import { PlcElement } from '../base/plc-element.js';
import { PlcErrorEvent } from '../events/error.js';
import { formatNumber } from '../localization.js';
import { sharedStyles } from '../styles/shared.js';
import { SurveyDataController } from '../controllers/survey-data.js';
import { answersToSend, renderSurveyQuestion, withAnswer } from '../shared/survey-questions.js';
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
 * With `kiosk`, students answer one after another on one device (a tablet passed round, with
 * no server): after each answer sheet the form says thank you and, after `kiosk-delay` seconds
 * or at "Next student", starts again empty. Nothing of the previous answers stays on screen or
 * in the element: the sheet is saved and forgotten before the thank-you shows.
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

  static override properties: PropertyDeclarations = {
    surveyId: { attribute: 'survey-id', reflect: true },
    kiosk: { type: Boolean, reflect: true },
    kioskDelay: { attribute: 'kiosk-delay', type: Number },
    kioskCount: { state: true },
    answers: { state: true },
    phase: { state: true },
    formError: { state: true },
    saveError: { state: true },
  };

  constructor() {
    super();
    this.kiosk = false;
    this.kioskDelay = 5;
    this.kioskCount = 0;
    this.answers = {};
    this.phase = 'form';
  }

  /** The survey to answer; when unset, the `survey` parameter of the page address is used. */
  declare surveyId: string | undefined;

  /** Kiosk mode: one device, students one after another; the form resets itself after each sheet. */
  declare kiosk: boolean;

  /** In kiosk mode, the seconds the thank-you stays before the form starts again (5 by default; 0 waits for "Next student"). */
  declare kioskDelay: number;

  /** How many answer sheets this kiosk took since it was shown (a count only). */
  private declare kioskCount: number;

  private declare answers: Readonly<Record<string, number | string>>;
  private declare phase: Phase;
  private declare formError: string | undefined;
  private declare saveError: string | undefined;

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
      return this.noSessionNotice(() => msg('This survey needs a plc-provider around it to load.', { id: 'survey.response.no-provider' }));
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
    const decision = verdict({ kind: 'student' }, 'survey.respond', { survey, token: { surveyId: this.activeSurveyId } });
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
    if (this.kiosk) {
      return html`<div class="thanks card" part="thanks">
        <h2 tabindex="-1" id="thanks">${msg('Thank you!', { id: 'survey.response.thanks-title' })}</h2>
        <p role="status">${msg('Your answers were saved. Please pass the tablet to the next student.', { id: 'survey.response.kiosk-thanks' })}</p>
        <p class="muted">${msg(str`Answers on this device so far: ${formatNumber(this.kioskCount)}`, { id: 'survey.response.kiosk-count' })}</p>
        <div class="actions centred">
          <button class="primary" @click=${this.startAgain}>${msg('Next student', { id: 'survey.response.kiosk-next' })}</button>
        </div>
      </div>`;
    }
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
    return renderSurveyQuestion(question, index, { uid: this.uid, answers: this.answers, setAnswer: (id, value) => this.setAnswer(id, value), formatNumber });
  }

  private setAnswer(questionId: string, value: number | string | undefined): void {
    this.answers = withAnswer(this.answers, questionId, value);
    this.formError = undefined;
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const session = this.session;
    const surveyId = this.activeSurveyId;
    if (!session || !surveyId || this.phase === 'saving') return;
    const answers: SurveyResponse['answers'] = answersToSend(this.data.survey?.record.questions ?? [], this.answers);
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
      if (this.kiosk) {
        this.kioskCount += 1;
        if (this.kioskDelay > 0) this.kioskTimer = setTimeout(() => void this.startAgain(), this.kioskDelay * 1000);
      }
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#thanks')?.focus();
    } catch (error) {
      this.phase = 'form';
      this.saveError = msg('Your answers could not be sent. They are still here: please try again.', { id: 'survey.response.save-error' });
      this.dispatchEvent(new PlcErrorEvent(this.saveError, error));
    }
  }

  private kioskTimer: ReturnType<typeof setTimeout> | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.kioskTimer);
  }

  private startAgain = async (): Promise<void> => {
    clearTimeout(this.kioskTimer);
    if (this.phase !== 'done') return;
    this.reset();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h2.title')?.focus();
  };
}
