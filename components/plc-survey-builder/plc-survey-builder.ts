import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { msg, str } from '@lit/localize';
import { studentVoiceFromResults, toSurveyResults } from '../../src/analysis/survey.js';
import { verdict } from '../../src/policy/policy.js';
import type { Survey } from '../../src/schema/directory.js';
import type { SurveyQuestion } from '../../src/schema/evidence.js';
import type { Versioned } from '../../src/store/store.js';
import { PlcElement } from '../base/plc-element.js';
import { EnquiryController } from '../controllers/enquiry-controller.js';
import { PlcChangeEvent } from '../events/change.js';
import { currentLocale, formatNumber } from '../localization.js';
import { refusalText } from '../refusal-text.js';
import { sharedStyles } from '../styles/shared.js';
import { clampLevel, heading } from '../shared/heading.js';
import { SurveyDataController } from '../controllers/survey-data.js';
import { responsesText, surveyStatusLabel } from '../shared/survey-labels.js';
import '../plc-survey-results/index.js';
import { RecordEditorController } from '../controllers/record-editor.js';
import { StepController } from '../controllers/step-controller.js';
import { savedText } from '../shared/saved-text.js';
import { conflictView, conflictViewStyles } from '../shared/conflict-view.js';
import { frequencyOptions, type Suggestion } from './suggestions.js';
import { draftOf, MAX_OPTIONS, MAX_QUESTIONS, MIN_OPTIONS, moved, recordOf, surveyFieldLabels, typeChange, withQuestion, type DraftQuestion, type SurveyDraft } from './survey-draft.js';
import { surveyEditor, type SurveyFormContext } from './survey-form.js';
import { focusAfterStep } from '../shared/focus.js';
import { surveyBuilderStyles } from './plc-survey-builder.styles.js';
import { renderClassView, renderSharePanel, SurveyShareController, type SharePanelContext } from './share-panel.js';
import '../plc-survey-response/index.js';
import { aggregateOf, earlierResults, renderCompareChoice, renderEvidenceAction, renderKiosk, shareUrl, type ResultsSource } from './manage-parts.js';
import { needsProviderText } from '../strings.js';

type View = { kind: 'list' } | { kind: 'edit' } | { kind: 'manage'; surveyId: string } | { kind: 'kiosk'; surveyId: string };

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Builds short, anonymous student-voice surveys tied to an enquiry's driving question (shown at
 * the top, with starter questions drawn from it): agree/disagree scales, multiple choice (2 to 10
 * options) and short comments, up to 20 questions. A survey is saved as a draft, opened for
 * answers, and closed. Sharing an open survey: with a plc-kit server (the provider's `server`),
 * its short code, a QR code of its link drawn here as SVG, the link, and a full-screen "show to
 * the class" view with a live count of answers; without a server, kiosk mode (students answer
 * one after another on this device) and a link and snippet for a class page with
 * `<plc-survey-response>`. Results can be compared with an earlier survey of the enquiry.
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
 * @csspart share - The sharing panel: code, QR code and link, or kiosk mode and a class-page link.
 * @csspart qr - The QR code of the student link.
 * @csspart class-view - The full-screen view shown to the class.
 * @csspart kiosk - The kiosk mode's section.
 * @csspart results - The results shown while managing a survey.
 */
export class PlcSurveyBuilder extends PlcElement {
  static override styles = [sharedStyles, conflictViewStyles, surveyBuilderStyles];

  static override properties: PropertyDeclarations = {
    enquiryId: { attribute: 'enquiry-id', reflect: true },
    surveyId: { attribute: 'survey-id', reflect: true },
    responseUrl: { attribute: 'response-url' },
    headingLevel: { attribute: 'heading-level', type: Number },
    view: { state: true },
    announcement: { state: true },
    failure: { state: true },
    classView: { state: true },
    compareWith: { state: true },
  };

  constructor() {
    super();
    this.headingLevel = 2;
    this.view = { kind: 'list' };
    this.announcement = '';
    this.classView = false;
  }

  /** The enquiry whose surveys to build and manage. */
  declare enquiryId: string | undefined;

  /** Open this survey straight away (to edit a draft, or to share, close and add its results). */
  declare surveyId: string | undefined;

  /**
   * The address of the class page where `<plc-survey-response>` is placed; the shared link adds
   * `?survey=<id>` to it. Defaults to this page's address.
   */
  declare responseUrl: string | undefined;

  /** The level of this element's heading (2 to 6); its sections are one level below. */
  declare headingLevel: number;

  private declare view: View;
  private declare announcement: string;
  private declare failure: string | undefined;
  private declare classView: boolean;
  /** The earlier survey the results are compared with, by id. */
  private declare compareWith: string | undefined;

  /** The enquiry (question, stage, evidence) the surveys belong to. */
  readonly enquiry = new EnquiryController(this, () => this.session, () => this.enquiryId);
  private readonly data = new SurveyDataController(this, () => this.session, () => ({ enquiryId: this.enquiryId, responses: true }));
  /** Adding a survey's results as evidence: one step at a time, the reason shown when it is refused. */
  private readonly steps = new StepController(this, this.enquiry, 'sv-problem');
  /** The survey being written, or opened or closed: saved at the version it was opened at. */
  private readonly editor = new RecordEditorController<Survey, SurveyDraft>(this, () => this.session, {
    collection: 'surveys',
    draftOf: (survey) => draftOf(survey!),
    recordOf: (draft) => recordOf(draft, this.enquiryId!, this.session!.person!.id, currentLocale()),
    fieldLabels: surveyFieldLabels,
  });
  private openedFromAttribute: string | undefined;
  /** The survey's code and link from the server, and the figures polled while it is managed. */
  private readonly share = new SurveyShareController(this, () => this.session);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('enquiryId') && changed.get('enquiryId') !== undefined) this.view = { kind: 'list' };
    // Open the survey named by `survey-id` once it has loaded.
    if (this.surveyId && this.surveyId !== this.openedFromAttribute && this.data.status === 'ready') {
      const found = this.data.surveys.find((s) => s.record.id === this.surveyId);
      if (found) {
        this.openedFromAttribute = this.surveyId;
        if (found.record.status === 'draft') this.editor.open(found);
        this.view = found.record.status === 'draft' ? { kind: 'edit' } : { kind: 'manage', surveyId: found.record.id };
        if (this.view.kind === 'manage') this.share.watch(found.record.id, 'results');
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
    return verdict(actor, 'directory.write', { collection: 'surveys', enquiry: data, community: this.enquiry.community }).allowed;
  }

  /** Whether the signed-in person may add evidence to this enquiry (who, not when). */
  private get canAddEvidence(): boolean {
    return this.enquiry.may('evidence.add');
  }

  protected override render() {
    const tag = clampLevel(this.level);
    const head = heading(tag, html`${msg('Student-voice surveys', { id: 'survey.builder.title' })}`);
    if (!this.session) {
      return html`${head}${this.noSessionNotice(needsProviderText)}`;
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
      ${this.failure ? html`<p class="notice error" role="alert">${this.failure}</p>` : nothing} ${this.steps.renderProblem()}
      ${this.view.kind === 'edit' && this.editor.draft
        ? html`${surveyEditor(this.formContext(this.editor.draft))}${this.renderConflict()}`
        : this.view.kind === 'manage'
          ? this.renderManage(this.view.surveyId)
          : this.view.kind === 'kiosk'
            ? renderKiosk(this.view.surveyId, (surveyId) => void this.manage(surveyId))
            : this.renderList()}`;
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
        ? html`<button @click=${() => this.edit(entry)}>
            ${msg('Edit', { id: 'survey.builder.edit' })}<span class="visually-hidden">: ${survey.title}</span>
          </button>`
        : html`<button @click=${() => this.manage(survey.id)}>
            ${survey.status === 'draft' ? msg('View', { id: 'survey.builder.view' }) : msg('Results and sharing', { id: 'survey.builder.manage' })}<span class="visually-hidden"
              >: ${survey.title}</span
            >
          </button>`}
    </li>`;
  }

  private startNew = async () => {
    const session = this.session!;
    const title = this.enquiry.details?.title;
    this.editor.openNew({
      id: session.newId('sv'),
      title: title ? msg(str`Student voice: ${title}`, { id: 'survey.builder.default-title' }) : '',
      questions: [],
      status: 'draft',
      createdById: undefined,
    });
    this.view = { kind: 'edit' };
    this.failure = undefined;
    await this.focusSelector('#sv-title');
  };

  private edit = async (entry: Versioned<Survey>) => {
    this.editor.open(entry);
    this.view = { kind: 'edit' };
    this.failure = undefined;
    await this.focusSelector('#sv-title');
  };

  private manage = async (surveyId: string) => {
    this.view = { kind: 'manage', surveyId };
    this.failure = undefined;
    this.share.watch(surveyId, 'results');
    await this.focusSelector('.manage-title');
  };

  private backToList = async () => {
    this.share.stopCounting();
    this.view = { kind: 'list' };
    this.editor.close();
    this.failure = undefined;
    await this.focusSelector('.actions button.primary');
  };

  private async focusSelector(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  // ---------------------------------------------------------------------------------------------
  // The editor of a draft (survey-form.ts draws it).

  private formContext(draft: SurveyDraft): SurveyFormContext {
    return {
      draft,
      errors: this.editor.errors,
      isNew: this.editor.isNew,
      busy: this.editor.saving,
      level: this.level,
      drivingQuestion: this.enquiry.state?.data.question.text ?? '',
      update: (change) => this.editor.update(change),
      addQuestion: (suggestion) => void this.addQuestion(suggestion),
      updateQuestion: (index, change) => this.updateQuestion(index, change),
      changeType: (index, type) => this.changeType(index, type),
      moveQuestion: (index, by) => void this.moveQuestion(index, by),
      removeQuestion: (index) => void this.removeQuestion(index),
      updateOption: (index, option, value) => this.updateOption(index, option, value),
      addOption: (index) => void this.addOption(index),
      removeOption: (index, option) => void this.removeOption(index, option),
      save: (status) => void this.save(status),
      back: () => void this.backToList(),
    };
  }

  /** The shared conflict view, when someone else changed the survey since it was opened. */
  private renderConflict() {
    return conflictView(this.editor, {
      keepMine: () => this.resolve(true),
      takeTheirs: () => this.resolve(false),
      id: 'sv-conflict',
    });
  }

  private get draft(): SurveyDraft | undefined {
    return this.editor.draft;
  }

  private updateQuestion(index: number, change: Partial<DraftQuestion>): void {
    if (this.draft) this.editor.update(withQuestion(this.draft, index, change));
  }

  private changeType(index: number, type: SurveyQuestion['type']): void {
    const q = this.draft?.questions[index];
    if (q) this.updateQuestion(index, typeChange(q, type));
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
    this.editor.update({ questions: [...draft.questions, question] });
    this.announcement = msg(str`Question ${formatNumber(draft.questions.length + 1)} added.`, { id: 'survey.builder.added' });
    await this.focusSelector(`#sv-q${draft.questions.length}-text`);
  }

  private async moveQuestion(index: number, by: number): Promise<void> {
    const draft = this.draft;
    const target = index + by;
    if (!draft || target < 0 || target >= draft.questions.length) return;
    this.editor.update({ questions: moved(draft.questions, index, by) });
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
    this.editor.update({ questions });
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

  private async save(status: 'draft' | 'open'): Promise<void> {
    const person = this.session?.person;
    if (!this.draft || !person || !this.enquiryId || this.editor.saving) return;
    this.failure = undefined;
    this.editor.update({ status });
    const result = await this.editor.save();
    if (!result.ok) {
      if (result.reason === 'invalid') {
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
        if (this.editor.errors['questions']) this.renderRoot.querySelector<HTMLElement>('.actions button')?.focus();
      } else if (result.reason === 'conflict') {
        await this.focusSelector('#sv-conflict');
      } else if (result.reason === 'failed') {
        this.failure = msg(str`The survey could not be saved: ${this.editor.failure}`, { id: 'survey.builder.save-error' });
      }
      // A survey not yet opened for answers stays a draft in the form.
      if (status === 'open' && this.editor.draft) this.editor.update({ status: this.editor.base?.record.status ?? 'draft' });
      return;
    }
    await this.afterSave(result.saved.record);
  }

  /** After a save: the change is announced, and an open survey goes to its sharing page. */
  private async afterSave(survey: Survey): Promise<void> {
    this.dispatchEvent(new PlcChangeEvent(this.enquiryId!, survey.status === 'open' ? 'survey.open' : survey.status === 'closed' ? 'survey.close' : 'survey.draft'));
    await this.data.reload();
    if (survey.status === 'draft') {
      this.announcement = savedText(this.session?.store, msg('Saved', { id: 'survey.builder.saved' }));
      return;
    }
    this.announcement =
      survey.status === 'closed'
        ? msg('The survey is closed: no more answers are accepted.', { id: 'survey.builder.closed' })
        : savedText(this.session?.store, msg('Saved and open for answers.', { id: 'survey.builder.opened' }));
    if (this.view.kind === 'edit') {
      this.editor.close();
      this.view = { kind: 'manage', surveyId: survey.id };
      await this.focusSelector('.manage-title');
    }
  }

  /** The conflict view's choice: save mine over theirs, or take theirs. */
  private async resolve(keepMine: boolean): Promise<void> {
    if (!keepMine) {
      this.editor.takeTheirs();
      await this.data.reload();
      // On the sharing page, or when theirs is open for answers already, it is managed, not written.
      const theirs = this.editor.base?.record;
      if (this.view.kind === 'manage' || !theirs || theirs.status !== 'draft') {
        this.editor.close();
        if (theirs) this.view = { kind: 'manage', surveyId: theirs.id };
      }
      return;
    }
    const result = await this.editor.save({ overTheirs: true });
    if (!result.ok) return;
    if (this.view.kind === 'manage') this.editor.close();
    await this.afterSave(result.saved.record);
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
    const aggregate = aggregateOf(this.results, survey);
    return html`<section>
      ${heading(sub, html`${survey.title}`, { className: 'manage-title', focusable: true })}
      <p>
        <span class="badge ${survey.status}">${surveyStatusLabel(survey.status)}</span>
        <strong class="response-count">${responsesText(aggregate.responseCount)}</strong>
      </p>
      ${survey.status === 'open' ? renderSharePanel(this.shareContext(survey, sub2)) : nothing}
      ${this.classView && survey.status === 'open' ? renderClassView({ ...this.shareContext(survey, sub2), close: () => void this.closeClassView() }) : nothing}
      ${this.canWrite
        ? html`<div class="actions">
            ${survey.status === 'open'
              ? html`<button id="sv-status-toggle" @click=${() => this.setStatus(entry, 'closed')} ?disabled=${this.editor.saving}>${msg('Close the survey', { id: 'survey.builder.close' })}</button>`
              : survey.status === 'closed'
                ? html`<button id="sv-status-toggle" @click=${() => this.setStatus(entry, 'open')} ?disabled=${this.editor.saving}>${msg('Reopen the survey', { id: 'survey.builder.reopen' })}</button>`
                : html`<button @click=${() => this.edit(entry)}>${msg('Edit', { id: 'survey.builder.edit' })}</button>`}
          </div>`
        : nothing}
      ${this.renderConflict()}
      ${renderEvidenceAction({
        survey,
        count: aggregate.responseCount,
        added: Boolean(this.enquiry.state?.data.evidence.some((e) => e.kind === 'student-voice' && e['surveyId'] === survey.id)),
        canAddEvidence: this.canAddEvidence,
        check: () => this.enquiry.check('evidence.add', studentVoiceFromResults(survey, aggregateOf(this.results, survey), { id: 'ev-check' })),
        busy: this.steps.busy,
        session: this.session,
        add: () => void this.addEvidence(survey),
      })}
      <section part="results">
        ${heading(sub2, html`${msg('Results so far', { id: 'survey.builder.results' })}`)}
        ${renderCompareChoice(this.data.surveys, survey, this.compareWith, (surveyId) => void this.chooseEarlier(surveyId))}
        <plc-survey-results
          heading-level=${Math.min(6, this.level + 3)}
          .results=${{ surveyId: survey.id, questions: survey.questions, responseCount: aggregate.responseCount, results: toSurveyResults(aggregate) }}
          .earlier=${earlierResults(this.results, survey, this.compareWith)}
        ></plc-survey-results>
      </section>
      <div class="actions">
        <button class="link" @click=${this.backToList}>${msg('Back to the surveys', { id: 'survey.builder.back' })}</button>
      </div>
    </section>`;
  }

  /** Where the figures come from: the server's aggregate, or the answers on this device. */
  private get results(): ResultsSource {
    return { session: this.session, data: this.data, share: this.share };
  }

  private async chooseEarlier(surveyId: string | undefined): Promise<void> {
    this.compareWith = surveyId;
    if (surveyId && this.session?.server) await this.share.loadEarlier(surveyId);
  }

  private shareContext(survey: Survey, level: number): SharePanelContext {
    const hasServer = Boolean(this.session?.server);
    if (hasServer) void this.share.ensureLink(survey.id);
    return {
      survey,
      level,
      share: this.share,
      classPageUrl: shareUrl(this.responseUrl, survey.id),
      count: hasServer ? (this.share.serverCount ?? 0) : this.data.responsesOf(survey.id).length,
      copy: (text) => void this.copy(text),
      showToClass: () => void this.openClassView(survey.id),
      startKiosk: () => void this.startKiosk(survey.id),
      hasServer,
    };
  }

  private async openClassView(surveyId: string): Promise<void> {
    this.classView = true;
    this.share.watch(surveyId, 'count');
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog.class-view');
    if (dialog && !dialog.open) dialog.showModal();
    dialog?.requestFullscreen?.().catch(() => undefined);
    dialog?.querySelector<HTMLElement>('#sv-class-title')?.focus();
  }

  private async closeClassView(): Promise<void> {
    if (!this.classView) return;
    this.classView = false;
    if (document.fullscreenElement) await document.exitFullscreen().catch(() => undefined);
    if (this.view.kind === 'manage') this.share.watch(this.view.surveyId, 'results');
    await this.focusSelector('.share .actions button.primary');
  }

  /** Kiosk mode (no server): students answer one after another on this device. */
  private async startKiosk(surveyId: string): Promise<void> {
    this.view = { kind: 'kiosk', surveyId };
    await this.updateComplete;
    const response = this.renderRoot.querySelector('plc-survey-response');
    await response?.updateComplete;
    response?.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  private async copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.announcement = msg('Copied', { id: 'survey.builder.copied' });
    } catch {
      this.announcement = msg('Could not copy: select the text and copy it yourself.', { id: 'survey.builder.copy-failed' });
    }
  }

  /** Opens or closes a survey: a save through the editor, at the version the list showed. */
  private async setStatus(entry: Versioned<Survey>, status: 'open' | 'closed'): Promise<void> {
    if (!this.enquiryId || this.editor.saving) return;
    this.failure = undefined;
    this.editor.open(entry);
    this.editor.update({ status });
    const result = await this.editor.save();
    if (result.ok) {
      this.editor.close();
      await this.afterSave(result.saved.record);
      // Close and Reopen replace each other: focus goes to the one now there.
      await focusAfterStep(this, 'sv-status-toggle');
    } else if (result.reason === 'conflict') {
      await this.focusSelector('#sv-conflict');
    } else if (result.reason === 'failed') {
      this.failure = msg(str`The survey could not be saved: ${this.editor.failure}`, { id: 'survey.builder.save-error' });
      this.editor.close();
    }
  }

  private async addEvidence(survey: Survey): Promise<void> {
    const session = this.session;
    if (!session || this.steps.busy) return;
    const payload = studentVoiceFromResults(survey, aggregateOf(this.results, survey), {
      id: session.newId('ev'),
      title: survey.title,
      collectedOn: today(),
    });
    // A refused evidence.add carries no words worth keeping in the log: check before appending.
    const verdict = this.enquiry.check('evidence.add', payload);
    if (!verdict.ok) return this.steps.showProblem(refusalText(verdict.refusal, session.views));
    const result = await this.steps.take('evidence.add', payload, (error) => msg(str`The survey could not be saved: ${error}`, { id: 'survey.builder.save-error' }));
    // The button is replaced by the notice saying so: focus goes there, and the notice is the news.
    if (result?.ok && !(await focusAfterStep(this, 'sv-evidence-added'))) this.announcement = msg('The results were added to the evidence board.', { id: 'survey.builder.evidence-done' });
  }
}
