import { html, LitElement, nothing, type PropertyDeclarations } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { displaySurveyCode, normaliseSurveyCode } from '../../src/schema/surveyCode.js';
import type { SurveyQuestion } from '../../src/schema/evidence.js';
import { sharedStyles } from '../styles/shared.js';
import { surveyResponseStyles } from '../plc-survey-response/plc-survey-response.styles.js';
import { answersToSend, renderSurveyQuestion, withAnswer } from '../shared/survey-questions.js';
import { studentPageStyles } from './plc-student-survey.styles.js';
import { enqueue, flushOutbox, hasAnswered, pageStorage, randomValue, readOutbox, type KeyValue, type SendOutcome } from './outbox.js';

/** The survey as the server's `GET /v1/s/<code>` gives it. */
export interface StudentSurveyData {
  code: string;
  id: string;
  title: string;
  lang: string;
  status: 'draft' | 'open' | 'closed';
  questions: SurveyQuestion[];
}

/** What the page knows when it starts: the survey, an error for the code, or nothing (no code). */
export type StudentPageData = StudentSurveyData | { error: { reason?: string; error?: string; message?: string } | null };

type Phase = 'enter-code' | 'loading' | 'unknown-code' | 'load-error' | 'not-open' | 'closed' | 'already' | 'form' | 'sending' | 'queued' | 'sent';

/**
 * The student page's one element: the anonymous form of one survey, found by its short code,
 * and nothing else (no sign-in, no cookies, no staff data). It shows every state a student can
 * meet: a box to type the code, a wrong code, a survey not open yet or closed, the form, sending,
 * "saved on this device, sent when you are back online", and thank you. An answer sheet is put
 * in the device's outbox before it is sent and leaves it when the server has it, so a dropped
 * connection loses nothing and a sheet counts once (see `outbox.ts`). A second answer from the
 * same browser is discouraged, not prevented: the page says this device has answered and offers
 * to answer anyway (another student sharing the device).
 *
 * @summary The student page: one anonymous survey through its code.
 * @csspart form - The form.
 * @csspart thanks - The thank-you panel.
 */
export class PlcStudentSurvey extends LitElement {
  static override styles = [sharedStyles, surveyResponseStyles, studentPageStyles];

  static override properties: PropertyDeclarations = {
    server: {},
    data: { attribute: false },
    phase: { state: true },
    answers: { state: true },
    problem: { state: true },
    typedCode: { state: true },
  };

  /** The server's base address, ending in `/` (`/` on the server's own page). */
  declare server: string;

  /** What the page was given: the survey's form, the error for its code, or `{ error: null }` when the address has no code. */
  declare data: StudentPageData | undefined;

  private declare phase: Phase;
  private declare answers: Readonly<Record<string, number | string>>;
  private declare problem: string | undefined;
  private declare typedCode: string;

  private survey: StudentSurveyData | undefined;
  private readonly storage: KeyValue = pageStorage();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly formatter = () => new Intl.NumberFormat(document.documentElement.lang || 'en-GB');

  constructor() {
    super();
    this.server = '/';
    this.phase = 'loading';
    this.answers = {};
    this.typedCode = '';
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.flush);
    void this.flush();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.flush);
    clearTimeout(this.retryTimer);
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('data')) this.start(this.data);
  }

  private start(data: StudentPageData | undefined): void {
    this.survey = undefined;
    this.answers = {};
    this.problem = undefined;
    if (!data) this.phase = 'loading';
    else if ('error' in data) {
      if (data.error === null) this.phase = 'enter-code';
      else if (data.error.reason === 'survey-code-unknown' || data.error.error === 'invalid') this.phase = 'unknown-code';
      else this.phase = 'load-error';
      this.problem = data.error?.error === 'rate-limited' ? data.error.message : undefined;
    } else {
      this.survey = data;
      if (data.status === 'draft') this.phase = 'not-open';
      else if (data.status === 'closed') this.phase = 'closed';
      else if (hasAnswered(this.storage, data.code)) this.phase = 'already';
      else if (readOutbox(this.storage).some((sheet) => sheet.code === data.code)) this.phase = 'queued';
      else this.phase = 'form';
    }
  }

  protected override render() {
    return html`<main>${this.renderPhase()}</main>`;
  }

  private renderPhase() {
    const survey = this.survey;
    switch (this.phase) {
      case 'loading':
        return html`<p class="muted" role="status">${msg('Loading the survey…', { id: 'survey.response.loading' })}</p>`;
      case 'enter-code':
        return this.renderCodeBox(undefined);
      case 'unknown-code':
        return this.renderCodeBox(this.problem ?? msg('There is no open survey with that code. Check the code on the board and type it again.', { id: 'student.unknown-code' }));
      case 'load-error':
        return html`<h1>${msg('Student survey', { id: 'student.title' })}</h1>
          <p class="notice error" role="alert">${msg('The survey could not be loaded. Check your connection and reload the page.', { id: 'survey.response.load-error' })}</p>`;
      case 'not-open':
        return html`<h1>${survey!.title}</h1>
          <p class="notice" role="status">${msg('This survey is not open yet. Try again when your teacher says it is ready.', { id: 'survey.response.not-open' })}</p>`;
      case 'closed':
        return html`<h1>${survey!.title}</h1>
          <p class="notice" role="status">${this.problem ?? msg('This survey has closed, so no more answers can be given. Thank you!', { id: 'survey.response.closed' })}</p>`;
      case 'already':
        return html`<h1>${survey!.title}</h1>
          <p class="notice" role="status">${msg('This device has already answered this survey. Thank you!', { id: 'student.already' })}</p>
          <p>${msg('If you are a different student using the same device, you can answer too.', { id: 'student.already-other' })}</p>
          <div class="actions"><button @click=${this.answerAnyway}>${msg('I have not answered yet', { id: 'student.answer-anyway' })}</button></div>`;
      case 'queued':
        return html`<div class="thanks card" part="thanks">
          <h1 tabindex="-1" id="done">${msg('Saved on this device', { id: 'student.queued-title' })}</h1>
          <p role="status">${msg('There is no connection just now. Your answers are kept on this device and will be sent once, as soon as it is back online. Leave this page open if you can.', { id: 'student.queued' })}</p>
        </div>`;
      case 'sent':
        return html`<div class="thanks card" part="thanks">
          <h1 tabindex="-1" id="done">${msg('Thank you!', { id: 'survey.response.thanks-title' })}</h1>
          <p role="status">${msg('Your answers have been sent. No name or account was recorded with them.', { id: 'survey.response.thanks' })}</p>
        </div>`;
      default:
        return this.renderForm(survey!);
    }
  }

  private renderCodeBox(error: string | undefined) {
    return html`<form class="code-box" @submit=${this.goToCode} novalidate>
      <h1>${msg('Student survey', { id: 'student.title' })}</h1>
      <p>${msg('Type the code your teacher gave you. You do not need to sign in, and your answers are anonymous.', { id: 'student.code-intro' })}</p>
      <label for="code">${msg('Survey code', { id: 'student.code-label' })}</label>
      <input
        id="code"
        name="code"
        autocomplete="off"
        autocapitalize="characters"
        spellcheck="false"
        maxlength="12"
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${error ? 'code-error' : nothing}
        .value=${this.typedCode}
        @input=${(e: Event) => (this.typedCode = (e.target as HTMLInputElement).value)}
      />
      ${error ? html`<p class="notice error" id="code-error" role="alert">${error}</p>` : nothing}
      <div class="actions"><button class="primary" type="submit">${msg('Open the survey', { id: 'student.open' })}</button></div>
    </form>`;
  }

  private renderForm(survey: StudentSurveyData) {
    const format = this.formatter();
    return html`<form part="form" novalidate @submit=${this.submit} aria-describedby=${this.problem ? 'form-error' : nothing}>
      <h1 tabindex="-1" class="title">${survey.title}</h1>
      <p class="notice success anonymous">
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><rect x="5" y="11" width="14" height="10" rx="2"></rect><path d="M8 11V7a4 4 0 0 1 8 0v4"></path></svg>
        <span>${msg('Your answers are anonymous: no name or account is recorded.', { id: 'survey.response.anonymous' })}</span>
      </p>
      <p class="muted">${msg('Answer as honestly as you can. You can skip any question.', { id: 'survey.response.intro' })}</p>
      ${survey.questions.map((question, index) =>
        renderSurveyQuestion(question, index, {
          uid: 'sv',
          answers: this.answers,
          setAnswer: (id, value) => {
            this.answers = withAnswer(this.answers, id, value);
            this.problem = undefined;
          },
          formatNumber: (n) => format.format(n),
        }),
      )}
      <div id="form-error" role="alert">${this.problem ? html`<p class="notice error">${this.problem}</p>` : nothing}</div>
      <div class="actions">
        <button class="primary submit" type="submit" ?disabled=${this.phase === 'sending'}>
          ${this.phase === 'sending' ? msg('Sending…', { id: 'survey.response.sending' }) : msg('Send my answers', { id: 'survey.response.send' })}
        </button>
      </div>
    </form>`;
  }

  private goToCode = (event: Event) => {
    event.preventDefault();
    const code = normaliseSurveyCode(this.typedCode);
    if (!code) {
      this.phase = 'unknown-code';
      this.problem = msg(str`A survey code has 7 letters and numbers, like ${displaySurveyCode('K7P4QXM')}.`, { id: 'student.code-format' });
      return;
    }
    window.location.assign(`${this.server}s/${code}`);
  };

  private answerAnyway = async () => {
    this.phase = 'form';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h1.title')?.focus();
  };

  private submit = async (event: Event) => {
    event.preventDefault();
    const survey = this.survey;
    if (!survey || this.phase === 'sending') return;
    const answers = answersToSend(survey.questions, this.answers);
    if (!Object.keys(answers).length) {
      this.problem = msg('Answer at least one question before sending.', { id: 'survey.response.nothing' });
      return;
    }
    this.phase = 'sending';
    this.problem = undefined;
    const receipt = randomValue();
    enqueue(this.storage, { code: survey.code, receipt, answers });
    const outcome = (await flushOutbox(this.storage, this.server)).get(receipt) ?? { kind: 'offline' as const };
    await this.settle(outcome);
  };

  /** Shows how sending this device's sheet ended. */
  private async settle(outcome: SendOutcome): Promise<void> {
    switch (outcome.kind) {
      case 'sent':
        this.answers = {};
        this.phase = 'sent';
        break;
      case 'offline':
      case 'busy':
        this.answers = {};
        this.phase = 'queued';
        this.scheduleRetry(outcome.kind === 'busy' ? outcome.retryAfter : 15);
        break;
      case 'refused':
        if (outcome.reason === 'survey-not-open') {
          this.answers = {};
          this.phase = 'closed';
          this.problem = msg('This survey closed before your answers arrived, so they were not saved. Thank you all the same!', { id: 'student.closed-late' });
        } else if (outcome.reason === 'survey-code-unknown') {
          this.phase = 'unknown-code';
        } else {
          this.phase = 'form';
          this.problem =
            outcome.status === 413
              ? msg('Your answers are too long to send. Shorten your comments and send again.', { id: 'student.too-long' })
              : msg(str`Your answers could not be saved: ${outcome.message} Change them and send again.`, { id: 'student.refused' });
        }
        break;
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(this.phase === 'form' ? '#form-error' : '#done, h1')?.focus();
  }

  private scheduleRetry(seconds: number): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.flush(), seconds * 1000);
  }

  /** Sends whatever waits in the outbox; the page moves on when this device's sheet went through. */
  private flush = async (): Promise<void> => {
    if (!readOutbox(this.storage).length) return;
    const mine = this.survey && readOutbox(this.storage).find((sheet) => sheet.code === this.survey!.code);
    const outcomes = await flushOutbox(this.storage, this.server);
    const outcome = mine && outcomes.get(mine.receipt);
    if (readOutbox(this.storage).length) this.scheduleRetry(15);
    if (outcome && this.phase === 'queued' && outcome.kind !== 'offline' && outcome.kind !== 'busy') await this.settle(outcome);
  };
}
