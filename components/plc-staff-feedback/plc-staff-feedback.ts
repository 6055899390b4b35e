import { html, nothing, type TemplateResult, type PropertyDeclarations } from 'lit';
import { msg, str } from '@lit/localize';
import { verdict } from '../../src/policy/policy.js';
import type { Cycle } from '../../src/schema/directory.js';
import type { StaffSurvey } from '../../src/schema/staffFeedback.js';
import type { StaffFeedbackReceipt, StaffFeedbackResults } from '../../src/sync/staffFeedback.js';
import type { PlcSession } from '../context/session.js';
import { PlcElement } from '../base/plc-element.js';
import { ServerQueryController } from '../controllers/server-query.js';
import { StoreQueryController } from '../controllers/store-query.js';
import { PlcErrorEvent } from '../events/error.js';
import { formatNumber } from '../localization.js';
import { surveyResponseStyles } from '../plc-survey-response/plc-survey-response.styles.js';
import { surveyResultsStyles } from '../plc-survey-results/plc-survey-results.styles.js';
import { clampLevel, heading } from '../shared/heading.js';
import { serverStateNotice } from '../shared/server-state.js';
import { answersToSend, renderSurveyQuestion, withAnswer } from '../shared/survey-questions.js';
import { dataTableStyles } from '../styles/data-table.js';
import { sharedStyles } from '../styles/shared.js';
import { renderParticipation, renderResults } from './results-view.js';
import { staffFeedbackStyles } from './plc-staff-feedback.styles.js';
import { staffSurveyFromTemplate } from './template.js';
import { needsProviderText, noCycleText, tryAgainText } from '../strings.js';

/** The cycle, its staff survey (with its stored version) and the previous cycle's survey title. */
interface Source {
  cycle: Cycle;
  survey: { record: StaffSurvey; version: number } | undefined;
  previousTitle: string;
}

let instances = 0;

/**
 * Staff feedback on the programme, one survey per cycle (docs/privacy.md, "Staff feedback").
 * Every member of staff answers the cycle's survey here, once and anonymously: the server keeps
 * their answers apart from the receipt that says they answered. A CPD leader or administrator
 * also makes the cycle's survey from the template (in their language), shares its link, sees how
 * many of the staff answered (counts, never who) and, once they close it, its results with
 * student voice's thresholds beside the change since the previous cycle's survey. Answers and
 * results live on the plc-kit server only; without one the element says so.
 *
 * @summary A cycle's anonymous staff feedback survey: answer it; for leaders, make, share, close and read it.
 * @event plc-error - The survey could not be made, changed or answered.
 * @csspart question - A question of the form, or of the results.
 * @csspart option - An answer to choose.
 * @csspart participation - How many staff answered.
 * @csspart suppressed - A figure hidden because too few answered.
 * @csspart comparison - The change since the previous cycle.
 */
export class PlcStaffFeedback extends PlcElement {
  static override styles = [sharedStyles, dataTableStyles, surveyResponseStyles, surveyResultsStyles, staffFeedbackStyles];

  static override properties: PropertyDeclarations = {
    cycleId: { attribute: 'cycle-id', reflect: true },
    shareUrl: { attribute: 'share-url' },
    headingLevel: { attribute: 'heading-level', type: Number },
    answers: { state: true },
    problem: { state: true },
    announcement: { state: true },
    busy: { state: true },
  };

  constructor() {
    super();
    this.headingLevel = 2;
    this.answers = {};
    this.problem = '';
    this.announcement = '';
    this.busy = false;
  }

  /** The cycle whose survey to show; defaults to the provider's cycle. */
  declare cycleId: string | undefined;
  /** The address staff open to answer; this page with `#/feedback` by default. */
  declare shareUrl: string | undefined;
  /** The level of the element's heading (2 to 6). */
  declare headingLevel: number;

  private declare answers: Record<string, number | string>;
  private declare problem: string;
  private declare announcement: string;
  private declare busy: boolean;

  private readonly uid = `plc-sf-${(instances += 1)}`;

  private readonly source = new StoreQueryController<Source | undefined>(this, () => this.session, {
    key: (session) => {
      const cycle = this.cycleOf(session);
      return cycle && session.person ? JSON.stringify([cycle.id, session.person.id]) : undefined;
    },
    load: (session) => this.load(session),
    affects: (change) => change.kind === 'record' && ['staffSurveys', 'cycles'].includes(change.collection),
  });

  private readonly receipt = new ServerQueryController<StaffFeedbackReceipt>(this, () => this.session, () => {
    const survey = this.survey;
    return survey ? `/v1/staff-surveys/${encodeURIComponent(survey.id)}/receipt` : undefined;
  });

  private readonly report = new ServerQueryController<StaffFeedbackResults>(this, () => this.session, () => {
    const survey = this.survey;
    return survey && this.mayLead ? `/v1/staff-surveys/${encodeURIComponent(survey.id)}/results` : undefined;
  });

  private cycleOf(session: PlcSession): Cycle | undefined {
    return this.cycleId ? session.directory.cycles.get(this.cycleId) : session.cycle;
  }

  private async load(session: PlcSession): Promise<Source | undefined> {
    const cycle = this.cycleOf(session);
    if (!cycle) return undefined;
    const surveys = await session.store.list('staffSurveys');
    const previousCycle = [...session.directory.cycles.values()].filter((c) => c.startsOn < cycle.startsOn).sort((a, b) => b.startsOn.localeCompare(a.startsOn))[0];
    const previous = previousCycle && surveys.find((s) => s.record.cycleId === previousCycle.id);
    return { cycle, survey: surveys.find((s) => s.record.cycleId === cycle.id), previousTitle: previous?.record.title ?? '' };
  }

  private get survey(): StaffSurvey | undefined {
    return this.source.value?.survey?.record;
  }

  /** Whether the signed-in person makes the survey and reads its results (CPD leaders, administrators). */
  get mayLead(): boolean {
    const person = this.session?.person;
    return person ? verdict({ kind: 'person', person }, 'staff-feedback.results.read', {}).allowed : false;
  }

  /** Puts keyboard focus on the element's heading (the app does after each navigation). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('#heading')?.focus();
  }

  private get link(): string {
    if (this.shareUrl) return this.shareUrl;
    return typeof location === 'undefined' ? '#/feedback' : `${location.origin}${location.pathname}${location.search}#/feedback`;
  }

  private fail(problem: string, cause?: unknown): void {
    this.problem = problem;
    this.dispatchEvent(new PlcErrorEvent(problem, cause));
  }

  /** Makes this cycle's survey from the template, or opens or closes it. */
  private async write(next: StaffSurvey, version: number, done: string): Promise<void> {
    this.busy = true;
    this.problem = '';
    try {
      await this.session!.store.put('staffSurveys', next, version);
      this.announcement = done;
      // Closing shows the figures and reopening hides them: read them again.
      if (version > 0) await this.report.refresh();
    } catch (error) {
      this.fail(msg(str`The survey could not be saved: ${error instanceof Error ? error.message : String(error)}`, { id: 'feedback.save-error' }), error);
    } finally {
      this.busy = false;
    }
  }

  private create(): Promise<void> {
    const source = this.source.value!;
    return this.write(staffSurveyFromTemplate(source.cycle, this.session!.person!.id), 0, msg('The survey is open: share its link with the staff.', { id: 'feedback.created' }));
  }

  private setStatus(status: StaffSurvey['status']): Promise<void> {
    const stored = this.source.value!.survey!;
    const done = status === 'closed' ? msg('The survey is closed: its results are below.', { id: 'feedback.closed' }) : msg('The survey is open again.', { id: 'feedback.reopened' });
    return this.write({ ...stored.record, status }, stored.version, done);
  }

  /** Sends the answers once; the server refuses a second sheet from the same person. */
  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const survey = this.survey;
    const server = this.session?.server;
    if (!survey || !server) return;
    const answers = answersToSend(survey.questions, this.answers);
    if (!Object.keys(answers).length) {
      this.problem = msg('Answer at least one question before sending.', { id: 'feedback.empty-answer' });
      return;
    }
    this.busy = true;
    this.problem = '';
    try {
      const response = await server.request(`/v1/staff-surveys/${encodeURIComponent(survey.id)}/answers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ answers }),
      });
      const body = (await response.json().catch(() => undefined)) as { message?: string; reason?: string } | undefined;
      if (response.ok || body?.reason === 'already-answered') {
        this.answers = {};
        this.announcement = response.ok ? msg('Thank you: your answers were received, without your name.', { id: 'feedback.thanks' }) : '';
        await this.receipt.refresh();
        if (this.mayLead) await this.report.refresh();
      } else {
        this.fail(body?.message ?? `HTTP ${response.status}`, body);
      }
    } catch (error) {
      this.fail(msg('Your answers could not be sent: check the connection and send again (they are kept in the form).', { id: 'feedback.offline' }), error);
    } finally {
      this.busy = false;
    }
  }

  private renderForm(survey: StaffSurvey, level: number): TemplateResult {
    const ctx = {
      uid: this.uid,
      answers: this.answers,
      setAnswer: (id: string, value: number | string | undefined) => (this.answers = withAnswer(this.answers, id, value)),
      formatNumber: (n: number) => formatNumber(n),
    };
    return html`<section class="panel" aria-labelledby="${this.uid}-form">
      ${heading(level, survey.title, { id: `${this.uid}-form` })}
      <p class="anonymous">${msg('Anonymous: your answers are stored without your name, and no one can see which answers are yours. You can answer once.', { id: 'feedback.anonymous' })}</p>
      <form @submit=${(e: Event) => void this.submit(e)} novalidate>
        ${survey.questions.map((q, i) => renderSurveyQuestion(q, i, ctx))}
        <div class="actions"><button class="primary" type="submit" ?disabled=${this.busy}>${msg('Send my answers', { id: 'feedback.send' })}</button></div>
      </form>
    </section>`;
  }

  private renderAnswering(survey: StaffSurvey, level: number): TemplateResult {
    if (survey.status === 'closed') return html`<p class="notice" role="status">${msg('This survey has closed. Thank you to everyone who answered.', { id: 'feedback.closed-staff' })}</p>`;
    const notice = serverStateNotice(this.session, this.receipt, this.stateTexts(), this.providerOpening);
    if (notice) return notice;
    if (this.receipt.value?.answered) return html`<p class="notice success" role="status">${msg('You have answered this survey. Thank you.', { id: 'feedback.answered-already' })}</p>`;
    return this.renderForm(survey, level);
  }

  private renderLeader(source: Source, level: number): TemplateResult {
    const stored = source.survey;
    if (!stored) {
      return html`<section class="panel">
        <p>${msg(str`${source.cycle.name} has no staff survey yet. The template asks what helped (protected time, peer observation, student voice, meetings, coaching), individual or group projects, and what to change.`, { id: 'feedback.none' })}</p>
        <button class="primary" ?disabled=${this.busy} @click=${() => void this.create()}>${msg('Make this cycle’s survey from the template', { id: 'feedback.create' })}</button>
      </section>`;
    }
    const survey = stored.record;
    const notice = serverStateNotice(this.session, this.report, this.stateTexts(), this.providerOpening);
    const report = this.report.value;
    return html`<section class="panel" aria-labelledby="${this.uid}-lead">
      ${heading(level, msg('For leaders', { id: 'feedback.leaders' }), { id: `${this.uid}-lead` })}
      <div class="share">
        <label for="${this.uid}-link">${msg('Link for the staff', { id: 'feedback.link' })}</label>
        <input id="${this.uid}-link" readonly .value=${this.link} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
      </div>
      ${notice ?? (report ? renderParticipation(report) : nothing)}
      ${survey.status === 'open'
        ? html`<p class="muted">${msg('Results are shown once you close the survey, so no one can tell a colleague’s answers by reading them before and after.', { id: 'feedback.when' })}</p>
            <button ?disabled=${this.busy} @click=${() => void this.setStatus('closed')}>${msg('Close the survey and show its results', { id: 'feedback.close' })}</button>`
        : html`<button ?disabled=${this.busy} @click=${() => void this.setStatus('open')}>${msg('Open the survey again', { id: 'feedback.reopen' })}</button>
            ${report?.results ? renderResults(report, level + 1, source.previousTitle) : nothing}`}
    </section>`;
  }

  /** Which cycle's survey a leader reads, newest first: last year's results once a new cycle has begun. */
  private cyclePicker(current: Cycle) {
    const cycles = [...(this.session?.directory.cycles.values() ?? [])].sort((a, b) => b.startsOn.localeCompare(a.startsOn));
    if (cycles.length < 2) return nothing;
    return html`<div class="share">
      <label for="${this.uid}-cycle">${msg('Cycle', { id: 'feedback.cycle' })}</label>
      <select id="${this.uid}-cycle" @change=${(e: Event) => (this.cycleId = (e.target as HTMLSelectElement).value)}>
        ${cycles.map((c) => html`<option value=${c.id} ?selected=${c.id === current.id}>${c.name}</option>`)}
      </select>
    </div>`;
  }

  private stateTexts() {
    return {
      noProvider: needsProviderText,
      noPerson: () => msg('Choose who you are to answer the staff survey.', { id: 'feedback.no-person' }),
      noServer: () => msg('Staff feedback is collected by the plc-kit server, which keeps answers apart from who answered. This page keeps its work on this device only.', { id: 'feedback.no-server' }),
      loading: () => msg('Loading the staff survey…', { id: 'feedback.loading' }),
      offline: () => msg('Offline: the staff survey shows again once the server can be reached.', { id: 'feedback.offline-read' }),
      loadError: (problem: string) => msg(str`The staff survey could not be loaded: ${problem}`, { id: 'feedback.load-error' }),
      retry: tryAgainText,
    };
  }

  protected override render() {
    const level = clampLevel(this.headingLevel);
    const title = heading(level, msg('Staff feedback on the programme', { id: 'feedback.heading' }), { id: 'heading', focusable: true });
    const live = html`<p class="visually-hidden" role="status">${this.announcement}</p>`;
    const problem = this.problem ? html`<p class="notice error" role="alert">${this.problem}</p>` : nothing;
    const session = this.session;
    if (!session?.person || !session.server) return html`${title}${serverStateNotice(session, this.receipt, this.stateTexts(), this.providerOpening)}`;
    if (this.source.status === 'error') return html`${title}<p class="notice error" role="alert">${this.stateTexts().loadError(this.source.error ?? '')}</p>`;
    const source = this.source.value;
    if (!source) {
      const text = this.source.status === 'ready' ? noCycleText() : this.stateTexts().loading();
      return html`${title}<p class="muted" role="status">${text}</p>`;
    }
    const survey = source.survey?.record;
    return html`${title}${live}${problem}${this.mayLead ? this.cyclePicker(source.cycle) : nothing}
      ${survey ? this.renderAnswering(survey, level + 1) : this.mayLead ? nothing : html`<p class="empty">${msg('There is no staff survey for this cycle yet.', { id: 'feedback.none-staff' })}</p>`}
      ${this.mayLead ? this.renderLeader(source, level + 1) : nothing}`;
  }
}
