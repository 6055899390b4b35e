import { html, nothing, type PropertyValues, type TemplateResult, type PropertyDeclarations } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { msg, str } from '@lit/localize';
import { LIMITS } from '../../src/schema/common.js';
import { QUESTION_FIELDS, QUESTION_MAX, questionLabels, toForm, toQuestion, type QuestionForm } from './question-form.js';
import type { DrivingQuestion, PlannedEvidence } from '../../src/schema/enquiry.js';
import { questionChecks, questionScore, type QuestionCheck } from '../../src/quality/index.js';
import { PlcElement } from '../base/plc-element.js';
import { EnquiryController } from '../controllers/enquiry-controller.js';
import { StepController } from '../controllers/step-controller.js';
import { StepFormController } from '../controllers/step-form.js';
import { draftPromptStyles } from '../shared/draft-prompt.js';
import { conflictViewStyles } from '../shared/conflict-view.js';
import { foldStyles, foldText } from '../shared/fold.js';
import { formatDate, formatDateTime, localToday } from '../localization.js';
import { evidenceKindLabel } from '../strings.js';
import { refusalText } from '../refusal-text.js';
// The built-in evidence kinds' names, forms and renderers, loaded with this element (context/views.ts).
import '../evidence/built-in.js';
import { sharedStyles } from '../styles/shared.js';
import { editorStyles } from '../styles/editor.js';
import { checklistText, joinList } from './checklist-text.js';
import { listField, listFieldStyles } from '../shared/list-field.js';
import { headingLevel, headingStyles, styledHeading } from '../shared/heading.js';
import { focusAfterStep } from '../shared/focus.js';
import { enquiryStateNotice, stateNotice, stateNoticeStyles } from '../shared/state-notice.js';
import { questionEditorStyles } from './plc-question-editor.styles.js';

/** Where focus goes once a step has replaced the form or the review panel: the notice saying what happened, else the title. */
const AFTER_STEP = ['step-notice', 'question-heading'];

type Mode = 'theme' | 'draft' | 'read-draft' | 'review' | 'agreed' | 'closed';

/**
 * The driving-question editor: the question, why it matters, the students it is about, the
 * planned actions, how the group will know it worked and the evidence it will gather, with a
 * quality checklist that coaches towards a good question as the person types. Members save
 * drafts and submit the question; the community lead (or a CPD leader) approves it or asks for
 * changes with a comment. Once agreed, the question is shown read-only.
 *
 * Nothing typed is lost: what the person types is kept on their device as they type and
 * offered back after a reload ("Unsaved changes from 10:42: restore or discard"), leaving the
 * page with unsaved changes asks first, an "Unsaved changes" badge shows what is not saved yet,
 * and a failed save keeps the text in the form with the error shown. The question itself is
 * saved (as a step in the enquiry) only on "Save draft" or on submitting.
 *
 * @tagname plc-question-editor
 * @summary Writes, checks and reviews an enquiry's driving question.
 * @event plc-change - A draft, a submission or a review was saved (`step` names it).
 * @event plc-stage-change - Approving (or submitting, when no review is needed) moved the enquiry on.
 * @event plc-refused - A step was refused; the reason is shown in the element too.
 * @event plc-error - The enquiry could not be loaded or a step could not be saved.
 * @csspart base - The element's outer section.
 * @csspart notice - Notices at the top: changes requested, approved, paused.
 * @csspart form - The editing form.
 * @csspart checklist - The live quality checklist.
 * @csspart checklist-item - One item of the checklist.
 * @csspart list-field - A list the person builds row by row (actions, criteria, evidence).
 * @csspart question - The read-only question.
 * @csspart review - The reviewer's panel (approve or request changes).
 * @csspart actions - The row of buttons.
 * @csspart unsaved - The "Unsaved changes" badge.
 * @csspart draft-prompt - The offer to restore changes kept on this device.
 * @csspart conflict - A colleague's version beside the person's, to choose from.
 * @csspart status - The live status line ("Draft saved").
 * @csspart problem - An error or a refusal reason.
 * @csspart state - Loading, empty, error and signed-out messages.
 * @cssproperty --plc-color-success - Met checklist items.
 * @cssproperty --plc-color-warning - Items not met yet, the unsaved badge.
 * @cssproperty --plc-color-accent - Primary buttons and the question's accent bar.
 */
export class PlcQuestionEditor extends PlcElement {
  static override styles = [sharedStyles, listFieldStyles, headingStyles, editorStyles, stateNoticeStyles, draftPromptStyles, conflictViewStyles, foldStyles, questionEditorStyles];

  static override properties: PropertyDeclarations = {
    enquiryId: { attribute: 'enquiry-id', reflect: true },
    headingLevel: { attribute: 'heading-level', type: Number },
    today: {},
    evidenceErrors: { state: true },
    reviewComment: { state: true },
    reviewError: { state: true },
  };

  constructor() {
    super();
    this.headingLevel = 2;
    this.evidenceErrors = {};
    this.reviewComment = '';
    this.reviewError = '';
  }

  /** The enquiry whose driving question is edited. */
  declare enquiryId: string | undefined;

  /**
   * The level of the element's heading, 1 to 6 (default 2); its sections' headings are one level
   * below. Set it to fit the page, e.g. `4` inside a panel under an `<h3>`.
   */
  declare headingLevel: number;


  /**
   * The date the checklist measures the time left in the cycle from (`YYYY-MM-DD`). Defaults to
   * today on this device; set it for previews and tests.
   */
  declare today: string | undefined;

  private declare evidenceErrors: Record<number, string>;
  private declare reviewComment: string;
  private declare reviewError: string;

  private readonly enquiry = new EnquiryController(this, () => this.session, () => this.enquiryId);
  private readonly steps = new StepController(this, this.enquiry, 'question-problem');
  /** The form, its drafts kept on the device and the conflict view: the path every enquiry editor shares. */
  private readonly question = new StepFormController<DrivingQuestion, QuestionForm>(this, () => this.session, this.enquiry, this.steps, () => this.enquiryId, {
    part: 'question',
    step: 'question.draft',
    fields: QUESTION_FIELDS,
    read: (data) => data.question,
    toForm,
    clean: toQuestion,
    labels: questionLabels,
    editable: () => this.enquiry.state !== undefined && this.mode() === 'draft',
    firstFieldId: 'q-text',
  });

  private get form(): QuestionForm | undefined {
    return this.question.form;
  }

  /** Whether the form holds changes not saved yet. */
  get dirty(): boolean {
    return this.question.dirty;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('enquiryId')) this.steps.clear();
    this.question.sync();
  }

  /**
   * Whether the signed-in person reviews the question: the policy's reviewer (the community
   * lead) or one of the lifecycle's reviewers for this enquiry (the lead and CPD leaders).
   */
  private get isReviewer(): boolean {
    const person = this.session?.person;
    const data = this.enquiry.state?.data;
    if (!person || !data) return false;
    return this.enquiry.may('question.return') || data.reviewerIds.includes(person.id);
  }

  /** The people a submitted question waits for, named ("Dana Okafor", "A or B"). */
  private reviewerNames(): string {
    const data = this.enquiry.state?.data;
    const lead = this.enquiry.community?.leadId;
    const ids = data?.reviewerIds.length ? data.reviewerIds : lead ? [lead] : [];
    return ids.length ? joinList(ids.map((id) => this.personName(id)), 'disjunction') : msg('the community lead', { id: 'question.review.the-lead' });
  }

  private mode(): Mode {
    const current = this.enquiry.state!;
    const data = current.data;
    if (data.status !== 'active') return 'closed';
    if (current.stage === 'theme') return 'theme';
    if (current.step === 'question.review') return 'review';
    if (current.stage === 'question') return this.enquiry.may('question.draft') ? 'draft' : 'read-draft';
    return 'agreed';
  }

  private checklist(question: DrivingQuestion): QuestionCheck[] {
    const details = this.enquiry.details;
    const cycle = details ? this.session?.directory.cycles.get(details.cycleId) : undefined;
    return questionChecks(question, { cycleEndsOn: (cycle ?? this.session?.cycle)?.endsOn, today: this.today || localToday() });
  }

  // ----- rendering -------------------------------------------------------------------------

  protected override render() {
    const loadError = (error: string) => msg(str`The driving question could not be loaded: ${error}`, { id: 'question.load-error' });
    const notice = enquiryStateNotice(this.enquiry, {
      loading: () => msg('Loading the driving question…', { id: 'question.loading' }),
      'no-enquiry': () => msg('No enquiry is chosen, so there is no driving question to show.', { id: 'question.no-enquiry' }),
      'signed-out': () => msg('Choose who you are to see and write the driving question.', { id: 'question.signed-out' }),
      missing: () => msg('This enquiry could not be found. It may have been removed, or not synced to this device yet.', { id: 'question.missing' }),
      error: loadError,
    });
    if (notice) return notice;
    // The form is filled from the loaded question (in willUpdate).
    if (!this.form) return stateNotice(loadError(this.enquiry.error ?? ''), true);
    const mode = this.mode();
    return html`
      <section class="editor" part="base" aria-labelledby="question-heading">
        <header>
          ${styledHeading(this.headingLevel, 'question-heading', msg('Driving question', { id: 'question.heading' }), 'title', true)}
        </header>
        ${this.renderNotices(mode)} ${this.steps.renderProblem()}
        ${mode === 'draft' ? this.renderForm() : this.renderReadOnly(mode)}
        <p class="status-line muted" role="status" part="status">${this.steps.announcement}</p>
      </section>
    `;
  }

  private renderNotices(mode: Mode): TemplateResult | typeof nothing {
    const data = this.enquiry.state!.data;
    const review = data.review;
    if (mode === 'closed') {
      const code = data.status === 'paused' ? 'paused' : 'closed';
      return html`<div class="notice warning" part="notice" id="step-notice" tabindex="-1">${refusalText({ code, params: {}, message: '' })}</div>`;
    }
    if (mode === 'theme') {
      return html`<div class="notice warning" part="notice">
        ${refusalText({ code: 'theme-missing', params: {}, message: '' })}
        ${msg('The driving question is written once the enquiry has a theme.', { id: 'question.theme-first' })}
      </div>`;
    }
    if ((mode === 'draft' || mode === 'read-draft') && review.status === 'returned') {
      return html`<div class="notice warning" part="notice" role="note" aria-labelledby="returned-title" id="step-notice" tabindex="-1">
        <p id="returned-title">
          <strong>${msg(str`${this.personName(review.byId)} asked for changes on ${formatDate(review.at)}.`, { id: 'question.returned' })}</strong>
        </p>
        ${review.comment ? html`<blockquote>${review.comment}</blockquote>` : nothing}
        ${mode === 'draft' ? html`<p>${msg('Change the question below, then submit it again.', { id: 'question.returned.next' })}</p>` : nothing}
      </div>`;
    }
    if (mode === 'agreed' && review.status === 'approved') return this.renderApproved();
    return nothing;
  }

  private renderApproved(): TemplateResult {
    const review = this.enquiry.state!.data.review;
    return html`<div class="notice success" part="notice" id="step-notice" tabindex="-1">
      <p>
        <strong>${msg(str`Approved by ${this.personName(review.byId)} on ${formatDate(review.at)}.`, { id: 'question.approved-by' })}</strong>
      </p>
      ${review.comment ? html`<blockquote>${review.comment}</blockquote>` : nothing}
    </div>`;
  }

  private renderForm(): TemplateResult {
    const form = this.form!;
    const question = toQuestion(form);
    const reviewRequired = this.enquiry.state!.data.policy.questionReviewRequired;
    return html`
      ${this.question.render({ keepMine: () => this.saveDraft() })}
      <form class="layout" part="form" novalidate @submit=${(event: Event) => this.onSubmitForm(event)}>
        <div class="columns">
          ${this.renderQuestionField(form)}
          ${this.renderChecklist(question, true)}
          <div class="rest">
            <div class="field">
              <label for="q-rationale">${msg('Why this question?', { id: 'question.rationale' })}</label>
              <span class="hint" id="q-rationale-hint">${msg('What you noticed in lessons, books or what students say.', { id: 'question.rationale.hint' })}</span>
              <textarea
                id="q-rationale"
                rows="3"
                maxlength=${LIMITS.longText}
                aria-describedby="q-rationale-hint"
                .value=${form.rationale}
                @input=${(event: Event) => this.patch({ rationale: (event.target as HTMLTextAreaElement).value })}
              ></textarea>
            </div>
            <div class="field">
              <label for="q-students">${msg('Which students?', { id: 'question.target-students' })}</label>
              <span class="hint" id="q-students-hint">${msg('For example "Year 9 English and science classes".', { id: 'question.target-students.hint' })}</span>
              <input
                id="q-students"
                type="text"
                maxlength=${LIMITS.shortText}
                aria-describedby="q-students-hint"
                .value=${form.targetStudents}
                @input=${(event: Event) => this.patch({ targetStudents: (event.target as HTMLInputElement).value })}
              />
            </div>
            ${listField({
              host: this,
              id: 'q-actions',
              legend: msg('What will you try?', { id: 'question.actions' }),
              hint: msg('The actions you will carry out in your classroom this cycle.', { id: 'question.actions.hint' }),
              items: form.plannedActions,
              itemLabel: (n) => msg(str`Action ${n}`, { id: 'question.actions.item' }),
              removeText: msg('Remove', { id: 'question.remove' }),
              addText: msg('Add an action', { id: 'question.actions.add' }),
              maxLength: LIMITS.shortText,
              onChange: (plannedActions) => this.patch({ plannedActions }),
            })}
            ${listField({
              host: this,
              id: 'q-criteria',
              legend: msg('How will we know?', { id: 'question.criteria' }),
              hint: msg('Success criteria: what students will do or say differently if it works.', { id: 'question.criteria.hint' }),
              items: form.successCriteria,
              itemLabel: (n) => msg(str`Success criterion ${n}`, { id: 'question.criteria.item' }),
              removeText: msg('Remove', { id: 'question.remove' }),
              addText: msg('Add a success criterion', { id: 'question.criteria.add' }),
              maxLength: LIMITS.shortText,
              onChange: (successCriteria) => this.patch({ successCriteria }),
            })}
            ${this.renderEvidenceField(form)}
          </div>
        </div>
        ${this.renderFormActions(reviewRequired)}
      </form>
    `;
  }

  /** The question itself, with its hint. */
  private renderQuestionField(form: QuestionForm): TemplateResult {
    return html`<div class="field main">
            <label for="q-text">${msg('The question', { id: 'question.text' })}</label>
            <span class="hint" id="q-text-hint">
              ${msg('What your enquiry will find out: open, about your students\' learning, and something you can act on this cycle. For example: "How can we encourage students to engage more actively with written feedback?"', {
                id: 'question.text.hint',
              })}
            </span>
            <textarea
              id="q-text"
              rows="3"
              maxlength=${QUESTION_MAX}
              aria-describedby="q-text-hint"
              .value=${form.text}
              @input=${(event: Event) => this.patch({ text: (event.target as HTMLTextAreaElement).value })}
            ></textarea>
          </div>`;
  }

  /** Save draft, submit (or agree), and the "Unsaved changes" badge. */
  private renderFormActions(reviewRequired: boolean): TemplateResult {
    return html`<div class="actions" part="actions">
          <button type="button" ?disabled=${this.steps.busy} @click=${() => void this.saveDraft()}>
            ${msg('Save draft', { id: 'question.save' })}
          </button>
          <button type="button" class="primary" ?disabled=${this.steps.busy} @click=${() => void this.submit()}>
            ${reviewRequired ? msg('Submit for review', { id: 'question.submit' }) : msg('Agree the question', { id: 'question.submit-no-review' })}
          </button>
          ${this.dirty ? html`<span class="badge unsaved" part="unsaved">${msg('Unsaved changes', { id: 'question.unsaved' })}</span>` : nothing}
        </div>`;
  }

  private renderEvidenceField(form: QuestionForm): TemplateResult {
    const kinds = Object.keys(this.session?.lifecycle.evidenceKinds ?? {});
    const rows = form.plannedEvidence;
    const setRows = (plannedEvidence: PlannedEvidence[]) => this.patch({ plannedEvidence });
    const focusLater = (id: string) => void this.updateComplete.then(() => (this.shadowRoot?.getElementById(id) as HTMLElement | null)?.focus());
    const add = () => {
      const kind = rows.some((r) => r.kind === 'student-voice') || !kinds.includes('student-voice') ? (kinds.find((k) => k !== 'student-voice') ?? kinds[0] ?? 'note') : 'student-voice';
      setRows([...rows, { kind, description: '' }]);
      focusLater(`q-evidence-kind-${rows.length}`);
    };
    const remove = (index: number) => {
      const next = rows.filter((_, i) => i !== index);
      this.evidenceErrors = {};
      setRows(next);
      focusLater(next.length ? `q-evidence-desc-${Math.min(index, next.length - 1)}` : 'q-evidence-add');
    };
    const edit = (index: number, change: Partial<PlannedEvidence>) => setRows(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
    const label = (n: number) => msg(str`Evidence ${n}`, { id: 'question.evidence.item' });
    return html`<fieldset class="list-field" part="list-field" aria-describedby="q-evidence-hint">
      <legend>${msg('Evidence you will gather', { id: 'question.evidence' })}</legend>
      <p class="hint" id="q-evidence-hint">
        ${this.enquiry.state?.data.policy.studentVoiceRequired
          ? msg('Name it in advance. This cycle asks for student voice: an anonymous survey of the students concerned.', { id: 'question.evidence.hint' })
          : msg('Name it in advance: student voice, assessment data before and after, work samples, notes.', { id: 'question.evidence.hint-any' })}
      </p>
      ${rows.length
        ? html`<ol class="list-rows">
            ${rows.map((row, index) => {
              const error = this.evidenceErrors[index];
              return html`<li class="list-row evidence-row">
                <label class="visually-hidden" for=${`q-evidence-kind-${index}`}>${msg(str`Kind of evidence ${index + 1}`, { id: 'question.evidence.kind' })}</label>
                <select id=${`q-evidence-kind-${index}`} @change=${(event: Event) => edit(index, { kind: (event.target as HTMLSelectElement).value })}>
                  ${(kinds.includes(row.kind) ? kinds : [...kinds, row.kind]).map(
                    (kind) => html`<option value=${kind} ?selected=${kind === row.kind}>${evidenceKindLabel(kind, this.session?.views)}</option>`,
                  )}
                </select>
                <label class="visually-hidden" for=${`q-evidence-desc-${index}`}>${msg(str`What evidence ${index + 1} will show`, { id: 'question.evidence.description' })}</label>
                <input
                  id=${`q-evidence-desc-${index}`}
                  type="text"
                  maxlength=${LIMITS.shortText}
                  placeholder=${msg('e.g. survey on how students use feedback', { id: 'question.evidence.placeholder' })}
                  aria-invalid=${error ? 'true' : 'false'}
                  aria-describedby=${ifDefined(error ? `q-evidence-error-${index}` : undefined)}
                  .value=${row.description}
                  @input=${(event: Event) => edit(index, { description: (event.target as HTMLInputElement).value })}
                />
                <button type="button" class="remove" @click=${() => remove(index)}>
                  ${msg('Remove', { id: 'question.remove' })}<span class="visually-hidden"> ${label(index + 1)}</span>
                </button>
                ${error ? html`<p class="field-error" id=${`q-evidence-error-${index}`}>${error}</p>` : nothing}
              </li>`;
            })}
          </ol>`
        : nothing}
      <button type="button" id="q-evidence-add" @click=${add}><span aria-hidden="true">+</span> ${msg('Add evidence', { id: 'question.evidence.add' })}</button>
    </fieldset>`;
  }

  private renderChecklist(question: DrivingQuestion, live: boolean): TemplateResult {
    const items = this.checklist(question);
    const score = questionScore(items);
    const statusWord = (item: QuestionCheck) =>
      item.status === 'met'
        ? msg('Met', { id: 'question.check.met' })
        : item.status === 'unknown'
          ? msg('Check', { id: 'question.check.unknown' })
          : msg('Not yet', { id: 'question.check.not-met' });
    return html`<section class="checklist" part="checklist" aria-labelledby="checklist-heading">
      ${styledHeading(headingLevel(this.headingLevel, 1), 'checklist-heading', msg('Quality checklist', { id: 'question.checklist' }), 'section')}
      <p class="score" aria-live=${live ? 'polite' : 'off'}>
        ${msg(str`${score.met} of ${score.total} met`, { id: 'question.checklist.score' })}
      </p>
      <ul>
        ${items.map((item) => {
          const text = checklistText(item, this.session?.views);
          return html`<li class="check ${item.status}" part="checklist-item" data-check=${item.id}>
            <span class="mark" aria-hidden="true">${item.status === 'met' ? '✓' : item.status === 'unknown' ? '?' : '!'}</span>
            <div>
              <p><span class="visually-hidden">${statusWord(item)}: </span>${text.message}</p>
              ${item.status !== 'met' ? html`<p class="hint">${text.hint}</p>` : nothing}
            </div>
          </li>`;
        })}
      </ul>
      ${live
        ? html`<p class="hint">${msg('These are prompts, not rules: the question can be saved and submitted whatever they say.', { id: 'question.checklist.note' })}</p>`
        : nothing}
    </section>`;
  }

  private renderReadOnly(mode: Mode): TemplateResult {
    const question = this.enquiry.state!.data.question;
    const none = html`<span class="muted">${msg('Not written yet', { id: 'question.not-written' })}</span>`;
    const list = (items: readonly TemplateResult[] | readonly string[]) =>
      items.length ? html`<ul>${items.map((item) => html`<li>${item}</li>`)}</ul>` : none;
    const body = html`<div class="question" part="question">
      ${question.text ? html`<p class="question-text">${question.text}</p>` : html`<p class="muted">${msg('No driving question has been written yet.', { id: 'question.empty' })}</p>`}
      <dl>
        <dt>${msg('Why this question?', { id: 'question.rationale' })}</dt>
        <dd>${question.rationale ? foldText(question.rationale, 'div') : none}</dd>
        <dt>${msg('Which students?', { id: 'question.target-students' })}</dt>
        <dd>${question.targetStudents || none}</dd>
        <dt>${msg('What will you try?', { id: 'question.actions' })}</dt>
        <dd>${list(question.plannedActions)}</dd>
        <dt>${msg('How will we know?', { id: 'question.criteria' })}</dt>
        <dd>${list(question.successCriteria)}</dd>
        <dt>${msg('Evidence you will gather', { id: 'question.evidence' })}</dt>
        <dd>${list(question.plannedEvidence.map((e) => html`<strong>${evidenceKindLabel(e.kind, this.session?.views)}:</strong> ${e.description}`))}</dd>
      </dl>
    </div>`;
    if (mode === 'review') {
      return html`<div class="layout">
        <div class="columns">${body}${this.renderChecklist(question, false)}</div>
        ${this.renderReview()}
      </div>`;
    }
    return html`${body}${this.renderAfterword(mode)}`;
  }

  private renderAfterword(mode: Mode): TemplateResult | typeof nothing {
    if (mode === 'agreed') {
      return html`<p class="hint refine-hint">
        ${msg('To refine the agreed question, go back to it from the enquiry\'s actions: it returns to drafting, and to review if this cycle asks for one. Observations and evidence are kept.', {
          id: 'question.refine-hint',
        })}
      </p>`;
    }
    if (mode === 'read-draft') {
      return html`<p class="notice" part="notice">${msg("Only the enquiry's members can edit the driving question.", { id: 'question.members-only' })}</p>`;
    }
    return nothing;
  }

  private renderReview(): TemplateResult {
    const review = this.enquiry.state!.data.review;
    const submitted = review.at ? msg(str`Submitted for review on ${formatDateTime(review.at)}.`, { id: 'question.review.submitted' }) : '';
    if (!this.isReviewer) {
      return html`<div class="notice review" part="review" id="step-notice" tabindex="-1">
        <p><strong>${msg(str`Waiting for review by ${this.reviewerNames()}.`, { id: 'question.review.waiting' })}</strong></p>
        <p class="muted">${submitted}</p>
      </div>`;
    }
    const approve = this.enquiry.check('question.approve', {});
    const ownQuestion = !approve.ok && approve.refusal.code === 'own-question';
    return html`<section class="review card" part="review" aria-labelledby="review-heading">
      ${styledHeading(headingLevel(this.headingLevel, 1), 'review-heading', msg('Review the question', { id: 'question.review.heading' }), 'section')}
      <p class="muted">${submitted}</p>
      <div class="field">
        <label for="review-comment">${msg('Comment for the group', { id: 'question.review.comment' })}</label>
        <span class="hint" id="review-comment-hint">
          ${msg('Optional when you approve; needed when you ask for changes, so the group knows what to change.', { id: 'question.review.comment.hint' })}
        </span>
        <textarea
          id="review-comment"
          rows="3"
          maxlength=${LIMITS.longText}
          aria-invalid=${this.reviewError ? 'true' : 'false'}
          aria-describedby=${this.reviewError ? 'review-comment-hint review-comment-error' : 'review-comment-hint'}
          .value=${this.reviewComment}
          @input=${(event: Event) => {
            this.reviewComment = (event.target as HTMLTextAreaElement).value;
            if (this.reviewComment.trim()) this.reviewError = '';
          }}
        ></textarea>
        ${this.reviewError ? html`<p class="field-error" id="review-comment-error">${this.reviewError}</p>` : nothing}
      </div>
      ${ownQuestion ? html`<p class="notice">${refusalText(approve.refusal, this.session?.views)}</p>` : nothing}
      <div class="actions" part="actions">
        ${ownQuestion
          ? nothing
          : html`<button type="button" class="primary" ?disabled=${this.steps.busy} @click=${() => void this.approve()}>
              ${msg('Approve the question', { id: 'question.review.approve' })}
            </button>`}
        <button type="button" ?disabled=${this.steps.busy} @click=${() => void this.requestChanges()}>
          ${msg('Request changes', { id: 'question.review.return' })}
        </button>
      </div>
    </section>`;
  }

  // ----- actions ---------------------------------------------------------------------------

  private patch(change: Partial<QuestionForm>): void {
    this.question.patch(change);
  }

  private onSubmitForm(event: Event): void {
    event.preventDefault();
    void this.saveDraft();
  }

  /** Checks the rows the schema would refuse; marks them and moves focus to the first. */
  private validate(): boolean {
    const errors: Record<number, string> = {};
    this.form?.plannedEvidence.forEach((row, index) => {
      if (!row.description.trim()) {
        errors[index] = msg(str`Say what evidence ${index + 1} will show, or remove it.`, { id: 'question.evidence.required' });
      }
    });
    this.evidenceErrors = errors;
    const first = Object.keys(errors)[0];
    if (first === undefined) return true;
    void this.updateComplete.then(() => (this.shadowRoot?.getElementById(`q-evidence-desc-${first}`) as HTMLElement | null)?.focus());
    return false;
  }

  /** Saves the form as a draft. Returns whether it was saved and accepted. */
  private async saveDraft(): Promise<boolean> {
    if (!this.form || this.steps.busy) return false;
    this.steps.clear();
    if (!this.validate()) return false;
    const saved = await this.question.save((error) =>
      msg(str`Your draft could not be saved (${error}). Everything you typed is still here: try again.`, { id: 'question.save-failed' }),
    );
    if (!saved) return false;
    this.steps.announceSaved(msg('Draft saved.', { id: 'question.saved' }));
    return true;
  }

  private async submit(): Promise<void> {
    if (!this.form || this.steps.busy) return;
    if (!this.validate()) return;
    if (this.dirty && !(await this.saveDraft())) return;
    const result = await this.steps.take('question.submit', {}, (error) =>
      msg(str`The question could not be submitted (${error}). Try again.`, { id: 'question.submit-failed' }),
    );
    if (!result?.ok) return;
    // The form is gone: focus moves to what says what happened (who reviews it), read out once.
    if (await focusAfterStep(this, AFTER_STEP)) return this.steps.announce('');
    this.steps.announce(
      this.enquiry.state?.step === 'question.review'
        ? msg('Submitted for review.', { id: 'question.submitted' })
        : msg('The question is agreed.', { id: 'question.agreed' }),
    );
  }

  private async approve(): Promise<void> {
    await this.review('question.approve', this.reviewComment.trim() ? { comment: this.reviewComment.trim() } : {});
  }

  private async requestChanges(): Promise<void> {
    if (!this.reviewComment.trim()) {
      this.reviewError = msg('Write what the group should change.', { id: 'question.review.comment-required' });
      await this.updateComplete;
      (this.shadowRoot?.getElementById('review-comment') as HTMLElement | null)?.focus();
      return;
    }
    await this.review('question.return', { comment: this.reviewComment.trim() });
  }

  private async review(type: 'question.approve' | 'question.return', payload: Record<string, unknown>): Promise<void> {
    if (this.steps.busy) return;
    this.reviewError = '';
    const result = await this.steps.take(type, payload, (error) =>
      msg(str`Your review could not be saved (${error}). Your comment is still here: try again.`, { id: 'question.review.failed' }),
    );
    if (!result?.ok) return;
    this.reviewComment = '';
    if (await focusAfterStep(this, AFTER_STEP)) return this.steps.announce('');
    this.steps.announce(
      type === 'question.approve'
        ? msg('Question approved.', { id: 'question.review.approved' })
        : msg('Changes requested: the question is back with the group.', { id: 'question.review.returned' }),
    );
  }
}
