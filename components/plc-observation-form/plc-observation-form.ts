import { html, nothing, type PropertyValues, type TemplateResult, type PropertyDeclarations } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { msg, str } from '@lit/localize';
import { LIMITS } from '../../src/schema/common.js';
import type { Person } from '../../src/schema/directory.js';
import type { Observation } from '../../src/schema/enquiry.js';
import type { Refusal } from '../../src/lifecycle/refusals.js';
import { PlcElement } from '../base/plc-element.js';
import { EnquiryController } from '../controllers/enquiry-controller.js';
import { StepController } from '../controllers/step-controller.js';
import { DraftController } from '../controllers/draft-controller.js';
import { draftPrompt, draftPromptStyles } from '../shared/draft-prompt.js';
import { formatDate, localToday } from '../localization.js';
import { stageLabel } from '../strings.js';
import { refusalText } from '../refusal-text.js';
import { sharedStyles } from '../styles/shared.js';
import { editorStyles } from '../styles/editor.js';
import { headingLevel, headingStyles, styledHeading } from '../shared/heading.js';
import { enquiryStateNotice, stateNotice, stateNoticeStyles } from '../shared/state-notice.js';
import { observationFormStyles } from './plc-observation-form.styles.js';

/** What the form holds until it is saved. */
interface ObservationForm {
  observedId: string;
  className: string;
  date: string;
  focus: string;
  strengths: string;
  wonderings: string;
  nextSteps: string;
}

type FieldName = 'observedId' | 'date' | 'focus';

const byName = (a: Person, b: Person) => a.name.localeCompare(b.name);

/**
 * Records a peer observation focused on the enquiry's driving question: who observed whom, the
 * class, the date, the focus (pre-filled from the question), and developmental notes:
 * strengths, wonderings and next steps. The form says plainly who will see the notes: the
 * enquiry's members and the observed colleague, never line managers or appraisal, unless the
 * observed colleague shares them.
 *
 * Missing fields are named before anything is saved; after a save the form is cleared for the
 * next observation and the save is announced. A failed save keeps everything typed.
 *
 * @tagname plc-observation-form
 * @summary Records a developmental peer observation for an enquiry.
 * @event plc-change - An observation was recorded (`step` is `observation.record`).
 * @event plc-refused - The enquiry's stage does not take observations; the reason is shown too.
 * @event plc-error - The enquiry could not be loaded or the observation could not be saved.
 * @csspart base - The element's outer section.
 * @csspart privacy - The statement of who will see the notes.
 * @csspart error-summary - The list of fields to fix.
 * @csspart form - The form.
 * @csspart notes - The fieldset of notes (strengths, wonderings, next steps).
 * @csspart actions - The row of buttons.
 * @csspart status - The live status line ("Observation saved").
 * @csspart problem - An error or a refusal reason.
 * @csspart state - Loading, empty, error, signed-out and not-allowed messages.
 * @cssproperty --plc-color-accent - The save button and the privacy statement's bar.
 */
export class PlcObservationForm extends PlcElement {
  static override styles = [sharedStyles, headingStyles, editorStyles, stateNoticeStyles, draftPromptStyles, observationFormStyles];

  static override properties: PropertyDeclarations = {
    enquiryId: { attribute: 'enquiry-id', reflect: true },
    headingLevel: { attribute: 'heading-level', type: Number },
    today: {},
    form: { state: true },
    errors: { state: true },
  };

  constructor() {
    super();
    this.headingLevel = 2;
    this.form = this.emptyForm('');
    this.errors = {};
  }

  /** The enquiry the observation is for. */
  declare enquiryId: string | undefined;

  /**
   * The level of the element's heading, 1 to 6 (default 2); its sections' headings are one level
   * below. Set it to fit the page, e.g. `4` inside a panel under an `<h3>`.
   */
  declare headingLevel: number;


  /** The date the form starts with (`YYYY-MM-DD`); defaults to today on this device. */
  declare today: string | undefined;

  private declare form: ObservationForm;
  private declare errors: Partial<Record<FieldName, string>>;

  /** Whether the person changed the focus (then the question no longer fills it). */
  private focusEdited = false;
  private prefilledFrom = '';

  private readonly enquiry = new EnquiryController(this, () => this.session, () => this.enquiryId);
  private readonly steps = new StepController(this, this.enquiry, 'obs-problem');
  /** What the person types, kept on the device until the observation is recorded. */
  private readonly kept = new DraftController<ObservationForm>(this, () => this.session, () => (this.enquiryId ? `observation/${this.enquiryId}/new` : undefined));

  private emptyForm(focus: string): ObservationForm {
    return { observedId: '', className: '', date: this.today || localToday(), focus, strengths: '', wonderings: '', nextSteps: '' };
  }

  /** The focus the form suggests: the driving question, cut to a single line's length. */
  private get suggestedFocus(): string {
    return (this.enquiry.state?.data.question.text ?? '').trim().slice(0, LIMITS.shortText);
  }

  /** Whether the form holds anything the person typed that is not saved. */
  get dirty(): boolean {
    const f = this.form;
    return Boolean(f.observedId || f.className.trim() || f.strengths.trim() || f.wonderings.trim() || f.nextSteps.trim() || this.focusEdited);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('today') && !this.dirty) this.form = { ...this.form, date: this.today || localToday() };
    const suggested = this.suggestedFocus;
    if (!this.focusEdited && suggested !== this.prefilledFrom) {
      this.prefilledFrom = suggested;
      this.form = { ...this.form, focus: suggested };
    }
    if (this.enquiry.view === 'ready') void this.kept.look(this.form);
  }

  /** Why observations cannot be recorded now, if they cannot (the stage, a pause). */
  private stageRefusal(): Refusal | undefined {
    const person = this.session?.person;
    if (!person) return undefined;
    const verdict = this.enquiry.check('observation.record', {
      id: 'obs-check',
      observerId: person.id,
      observedId: person.id,
      className: '',
      date: this.form.date || localToday(),
      focus: 'check',
      strengths: '',
      wonderings: '',
      nextSteps: '',
      sharedWith: [],
    });
    return verdict.ok ? undefined : verdict.refusal;
  }

  // ----- rendering -------------------------------------------------------------------------

  protected override render() {
    const notice = enquiryStateNotice(this.enquiry, {
      loading: () => msg('Loading the observation form…', { id: 'observation.form.loading' }),
      'no-enquiry': () => msg('No enquiry is chosen, so there is nothing to observe for.', { id: 'observation.form.no-enquiry' }),
      'signed-out': () => msg('Choose who you are to record an observation.', { id: 'observation.form.signed-out' }),
      missing: () => msg('This enquiry could not be found. It may have been removed, or not synced to this device yet.', { id: 'observation.missing' }),
      error: (error) => msg(str`The enquiry could not be loaded: ${error}`, { id: 'observation.load-error' }),
    });
    if (notice) return notice;
    if (!this.enquiry.may('observation.record')) {
      return stateNotice(msg("Only the enquiry's members record observations for it.", { id: 'observation.form.members-only' }));
    }
    const refusal = this.stageRefusal();
    return html`
      <section class="observation-form" part="base" aria-labelledby="obs-form-heading">
        ${styledHeading(this.headingLevel, 'obs-form-heading', msg('Record an observation', { id: 'observation.form.heading' }), 'title')}
        ${refusal ? this.renderLocked(refusal) : this.renderForm()}
      </section>
    `;
  }

  private renderLocked(refusal: Refusal): TemplateResult {
    const stages = this.session?.lifecycle.stages ?? [];
    const stage = this.enquiry.state!.stage;
    const early = refusal.code === 'not-in-stage' && stages.indexOf(stage) < stages.indexOf('observation');
    const text = early
      ? msg(str`Observations are recorded from the ${stageLabel('observation', this.session?.views)} stage, once the driving question is agreed.`, { id: 'observation.form.too-early' })
      : refusal.code === 'not-in-stage'
        ? msg(str`This enquiry is at the ${stageLabel(stage, this.session?.views)} stage: it takes no more observations.`, { id: 'observation.form.too-late' })
        : refusalText(refusal, this.session?.views);
    return html`<p class="notice warning" part="state">${text}</p>`;
  }

  private renderPrivacy(): TemplateResult {
    const observed = this.form.observedId ? this.personName(this.form.observedId) : '';
    return html`<p class="notice privacy" part="privacy" id="obs-privacy">
      ${observed
        ? msg(str`Seen by the enquiry's members and ${observed} only — not by line managers or appraisal, unless ${observed} chooses to share them.`, {
            id: 'observation.privacy.named',
          })
        : msg("Seen by the enquiry's members and the colleague you observed only — not by line managers or appraisal, unless that colleague chooses to share them.", {
            id: 'observation.privacy',
          })}
    </p>`;
  }

  private renderForm(): TemplateResult {
    const f = this.form;
    const me = this.session!.person!;
    const members = this.enquiry.memberIds();
    const others = [...(this.session?.directory.people.values() ?? [])].filter((p) => p.id !== me.id);
    const inEnquiry = others.filter((p) => members.has(p.id)).sort(byName);
    const rest = others.filter((p) => !members.has(p.id)).sort(byName);
    const option = (p: Person) => html`<option value=${p.id} ?selected=${p.id === f.observedId}>${p.name}</option>`;
    const errorIds = (name: FieldName, hint?: string) => ifDefined([hint, this.errors[name] ? `obs-${name}-error` : ''].filter(Boolean).join(' ') || undefined);
    const fieldError = (name: FieldName) =>
      this.errors[name] ? html`<p class="field-error" id=${`obs-${name}-error`}>${this.errors[name]}</p>` : nothing;
    const required = html`<span class="required">${msg('(required)', { id: 'observation.required' })}</span>`;
    return html`
      ${this.renderPrivacy()} ${this.renderErrorSummary()} ${this.steps.renderProblem()}
      ${draftPrompt(this.kept as DraftController<unknown>, { restore: () => this.restoreDraft(), discard: () => this.kept.discard() })}
      <form part="form" novalidate @submit=${(event: Event) => this.onSubmit(event)}>
        <p class="observer">
          ${msg(str`Observer: ${me.name} (you)`, { id: 'observation.observer-you' })}
        </p>
        <div class="grid">
          <div class="field">
            <label for="obs-observedId">${msg('Colleague observed', { id: 'observation.observed' })} ${required}</label>
            <select
              id="obs-observedId"
              aria-invalid=${this.errors.observedId ? 'true' : 'false'}
              aria-describedby=${errorIds('observedId')}
              @change=${(event: Event) => this.patch({ observedId: (event.target as HTMLSelectElement).value }, 'observedId')}
            >
              <option value="" ?selected=${!f.observedId}>${msg('Choose a colleague', { id: 'observation.observed.choose' })}</option>
              ${inEnquiry.length
                ? html`<optgroup label=${msg('In this enquiry', { id: 'observation.observed.members' })}>${inEnquiry.map(option)}</optgroup>`
                : nothing}
              ${rest.length ? html`<optgroup label=${msg('Other colleagues', { id: 'observation.observed.others' })}>${rest.map(option)}</optgroup>` : nothing}
            </select>
            ${fieldError('observedId')}
          </div>
          <div class="field">
            <label for="obs-class">${msg('Class', { id: 'observation.class' })}</label>
            <input
              id="obs-class"
              type="text"
              maxlength=${LIMITS.shortText}
              placeholder=${msg('e.g. 9X2 science', { id: 'observation.class.placeholder' })}
              .value=${f.className}
              @input=${(event: Event) => this.patch({ className: (event.target as HTMLInputElement).value })}
            />
          </div>
          <div class="field">
            <label for="obs-date">${msg('Date of the lesson', { id: 'observation.date' })} ${required}</label>
            <input
              id="obs-date"
              type="date"
              max=${this.today || localToday()}
              aria-invalid=${this.errors.date ? 'true' : 'false'}
              aria-describedby=${errorIds('date')}
              .value=${f.date}
              @input=${(event: Event) => this.patch({ date: (event.target as HTMLInputElement).value }, 'date')}
            />
            ${fieldError('date')}
          </div>
        </div>
        <div class="field">
          <label for="obs-focus">${msg('Focus', { id: 'observation.focus' })} ${required}</label>
          <span class="hint" id="obs-focus-hint">${msg('Filled in from the driving question; narrow it to what you looked for in this lesson.', { id: 'observation.focus.hint' })}</span>
          <textarea
            id="obs-focus"
            rows="2"
            class="focus"
            maxlength=${LIMITS.shortText}
            aria-invalid=${this.errors.focus ? 'true' : 'false'}
            aria-describedby=${errorIds('focus', 'obs-focus-hint')}
            .value=${f.focus}
            @keydown=${(event: KeyboardEvent) => {
              // One line only: Enter saves, as in the other single-line fields.
              if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
                event.preventDefault();
                (event.target as HTMLTextAreaElement).form?.requestSubmit();
              }
            }}
            @input=${(event: Event) => {
              this.focusEdited = true;
              this.patch({ focus: (event.target as HTMLTextAreaElement).value }, 'focus');
            }}
          ></textarea>
          ${fieldError('focus')}
        </div>
        <fieldset part="notes" aria-describedby="obs-notes-hint obs-privacy">
          <legend>${msg('Notes', { id: 'observation.notes' })}</legend>
          <p class="hint" id="obs-notes-hint">${msg('Developmental, never evaluative: what you saw and what it makes you wonder, for the enquiry.', { id: 'observation.notes.hint' })}</p>
          ${this.renderNote('strengths', msg('Strengths', { id: 'observation.strengths' }), msg('What went well for the students, with what you saw or heard.', { id: 'observation.strengths.hint' }))}
          ${this.renderNote('wonderings', msg('Wonderings', { id: 'observation.wonderings' }), msg('Questions the lesson raised for you: "I wonder what would happen if..."', { id: 'observation.wonderings.hint' }))}
          ${this.renderNote('nextSteps', msg('Next steps', { id: 'observation.next-steps' }), msg('Something to try next, agreed with your colleague.', { id: 'observation.next-steps.hint' }))}
        </fieldset>
        <div class="actions" part="actions">
          <button type="submit" class="primary" ?disabled=${this.steps.busy}>${msg('Save observation', { id: 'observation.save' })}</button>
          ${this.dirty ? html`<span class="badge unsaved">${msg('Not saved yet', { id: 'observation.unsaved' })}</span>` : nothing}
        </div>
        <p class="status-line" role="status" part="status">${this.steps.announcement}</p>
      </form>
    `;
  }

  private renderNote(name: 'strengths' | 'wonderings' | 'nextSteps', label: string, hint: string): TemplateResult {
    return html`<div class="field">
      <label for=${`obs-${name}`}>${label}</label>
      <span class="hint" id=${`obs-${name}-hint`}>${hint}</span>
      <textarea
        id=${`obs-${name}`}
        rows="3"
        maxlength=${LIMITS.longText}
        aria-describedby=${`obs-${name}-hint`}
        .value=${this.form[name]}
        @input=${(event: Event) => this.patch({ [name]: (event.target as HTMLTextAreaElement).value })}
      ></textarea>
    </div>`;
  }

  private renderErrorSummary(): TemplateResult | typeof nothing {
    const entries = Object.entries(this.errors) as Array<[FieldName, string]>;
    if (!entries.length) return nothing;
    return html`<div class="notice error error-summary" part="error-summary" role="alert" tabindex="-1" id="obs-error-summary" aria-labelledby="obs-error-title">
      ${styledHeading(headingLevel(this.headingLevel, 1), 'obs-error-title', msg('Check these before saving:', { id: 'observation.errors.title' }), 'section')}
      <ul>
        ${entries.map(
          ([name, text]) => html`<li>
            <button type="button" class="link" @click=${() => (this.shadowRoot?.getElementById(`obs-${name}`) as HTMLElement | null)?.focus()}>${text}</button>
          </li>`,
        )}
      </ul>
    </div>`;
  }

  // ----- actions ---------------------------------------------------------------------------

  private patch(change: Partial<ObservationForm>, clears?: FieldName): void {
    this.form = { ...this.form, ...change };
    if (this.dirty) this.kept.keep(this.form, undefined);
    else void this.kept.clear();
    if (clears && this.errors[clears]) {
      const { [clears]: _gone, ...rest } = this.errors;
      this.errors = rest;
    }
    this.steps.announce('');
  }

  /** Fills the form with what was typed before a reload, kept on this device. */
  private restoreDraft(): void {
    const entry = this.kept.restore();
    if (!entry) return;
    this.form = entry.value;
    this.focusEdited = entry.value.focus !== this.suggestedFocus;
  }

  private validate(): boolean {
    const f = this.form;
    const errors: Partial<Record<FieldName, string>> = {};
    if (!f.observedId) errors.observedId = msg('Choose the colleague you observed.', { id: 'observation.error.observed' });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(f.date)) errors.date = msg('Enter the date of the lesson.', { id: 'observation.error.date' });
    else if (f.date > (this.today || localToday())) errors.date = msg('The date cannot be in the future.', { id: 'observation.error.date-future' });
    if (!f.focus.trim()) errors.focus = msg('Write what the observation focused on.', { id: 'observation.error.focus' });
    this.errors = errors;
    return Object.keys(errors).length === 0;
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.steps.busy) return;
    this.steps.clear();
    if (!this.validate()) {
      await this.updateComplete;
      (this.shadowRoot?.getElementById('obs-error-summary') as HTMLElement | null)?.focus();
      return;
    }
    const session = this.session!;
    const f = this.form;
    const observation: Observation = {
      id: session.newId('obs'),
      observerId: session.person!.id,
      observedId: f.observedId,
      className: f.className.trim(),
      date: f.date,
      focus: f.focus.replace(/\s+/g, ' ').trim(),
      strengths: f.strengths.trim(),
      wonderings: f.wonderings.trim(),
      nextSteps: f.nextSteps.trim(),
      sharedWith: [],
    };
    const result = await this.steps.take('observation.record', observation as unknown as Record<string, unknown>, (error) =>
      msg(str`The observation could not be saved (${error}). Everything you typed is still here: try again.`, { id: 'observation.save-failed' }),
    );
    if (!result?.ok) return;
    this.focusEdited = false;
    this.prefilledFrom = this.suggestedFocus;
    this.form = this.emptyForm(this.suggestedFocus);
    void this.kept.clear();
    this.steps.announceSaved(
      msg(str`Observation of ${this.personName(observation.observedId)} on ${formatDate(observation.date)} saved.`, { id: 'observation.saved' }),
    );
  }
}
