import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { countsAsStudentVoice } from '../../src/lifecycle/enquiryMachine.js';
import { MIN_GROUP_SIZE } from '../../src/analysis/thresholds.js';
import { decide } from '../../src/policy/policy.js';
import type { AnyEvidence } from '../../src/schema/evidence.js';
import type { StudentVoiceResults } from '../../src/analysis/survey.js';
import { PlcElement } from '../base/plc-element.js';
import { EnquiryController } from '../controllers/enquiry-controller.js';
import { formatDate, formatNumber, formatPercent } from '../localization.js';
import { evidenceKindLabel, refusalText, stageLabel } from '../strings.js';
import { sharedStyles } from '../styles/shared.js';
import { clampLevel, heading } from '../shared/heading.js';
import '../plc-survey-results/index.js';
import '../plc-survey-builder/index.js';
import { parseSafely } from '../../src/schema/zod.js';

/**
 * Renders one evidence item's content (below its title and date). Integrators register one per
 * evidence kind they add; one given for a built-in kind replaces the built-in view.
 */
export type EvidenceRenderer = (item: AnyEvidence) => TemplateResult | string;

/** The built-in kinds that have an add form here (student voice comes from the survey builder). */
const FORM_KINDS = ['assessment', 'learning-walk', 'artefact', 'note'] as const;
type FormKind = (typeof FORM_KINDS)[number];

const BASE_FIELDS = new Set(['id', 'kind', 'title', 'collectedOn']);

/** A link is clickable only when it is http(s). */
function safeHref(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const humanise = (key: string) =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]/g, ' ')
    .toLowerCase()
    .replace(/^./, (c) => c.toUpperCase());

const valueText = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? msg('Yes', { id: 'evidence.yes' }) : msg('No', { id: 'evidence.no' });
  return JSON.stringify(value);
};

/**
 * An enquiry's evidence board: every item grouped by kind, each with a view made for its kind
 * (student voice as charts with data tables, assessment data before and after with the change, a
 * learning walk as "n of m lessons (x%)", an artefact as a link and caption, a note as text),
 * forms to add the built-in kinds, removal with a confirmation, and the student-voice survey
 * builder. It shows whether the cycle's student-voice requirement is met and how far the
 * enquiry is towards the minimum number of evidence items.
 *
 * Integrator kinds (registered with `createLifecycle({ evidenceKinds })`) are shown with the
 * renderer given for them in `renderers`, or else as a list of their fields.
 *
 * A long board stays quick: each item is drawn with `content-visibility: auto`, so only the items
 * near the screen are laid out; every item's content is in the page all along, and printing lays
 * out every item.
 *
 * @summary Evidence board: every evidence kind, add and remove, student-voice surveys.
 * @event plc-change - Evidence was added or removed (`step`: `evidence.add`, `evidence.remove`), or a survey saved.
 * @event plc-refused - The lifecycle refused a step (with the reason, also shown).
 * @event plc-error - The enquiry could not be loaded or a step could not be saved.
 * @event plc-stage-change - The enquiry's stage changed while the board was open.
 * @csspart requirements - The requirement summary (student voice, minimum evidence).
 * @csspart add - The "Add evidence" section with its kind buttons and form.
 * @csspart form - The add form.
 * @csspart group - Each group of items of one kind.
 * @csspart item - Each evidence item's card.
 * @csspart remove - Each item's remove button.
 * @csspart builder - The embedded survey builder.
 */
export class PlcEvidenceBoard extends PlcElement {
  static override styles = [
    sharedStyles,
    css`
      .requirements {
        list-style: none;
        padding: 0;
        margin: 0 0 calc(var(--plc-space, 0.5rem) * 2);
        display: grid;
        gap: var(--plc-space, 0.5rem);
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 17rem), 1fr));
      }
      .requirements li {
        margin: 0;
      }
      .requirements .notice {
        height: 100%;
        margin: 0;
      }
      .met::before {
        content: '✓ ';
        font-weight: 700;
      }
      .unmet::before {
        content: '! ';
        font-weight: 700;
      }
      progress {
        display: block;
        width: 100%;
        height: 0.75rem;
        margin-block-start: calc(var(--plc-space, 0.5rem) / 2);
        accent-color: var(--plc-color-success, #1d7a46);
      }
      .kinds {
        display: flex;
        flex-wrap: wrap;
        gap: var(--plc-space, 0.5rem);
        margin-block: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 2);
      }
      .kinds button[aria-pressed='true'] {
        background: var(--plc-color-accent-soft, #e6eefb);
        border-color: var(--plc-color-accent, #1f5fbf);
        font-weight: 600;
      }
      .row {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
        gap: 0 calc(var(--plc-space, 0.5rem) * 2);
      }
      .group {
        margin-block-start: calc(var(--plc-space, 0.5rem) * 3);
      }
      .items {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: calc(var(--plc-space, 0.5rem) * 1.5);
      }
      /*
       * Only the items near the screen are laid out: one not yet shown keeps an estimated height
       * (items are 10 to 36rem), then the height it last had. Its content stays in the page for
       * find-in-page and assistive technology; printing lays out every item.
       */
      .items > li {
        content-visibility: auto;
        contain-intrinsic-size: auto 12rem;
      }
      .item-head {
        display: flex;
        flex-wrap: wrap;
        gap: var(--plc-space, 0.5rem);
        align-items: baseline;
        justify-content: space-between;
      }
      h5,
      h6 {
        font-size: 1rem;
      }
      .item-head h4,
      .item-head h5,
      .item-head h6 {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .board-title:focus,
      .item-head :focus {
        outline: none;
      }
      .board-title:focus-visible,
      .item-head :focus-visible {
        outline: 3px solid var(--plc-color-focus, #b45309);
      }
      .note-text {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .big {
        font-size: 1.35rem;
        font-weight: 700;
      }
      .kv {
        display: grid;
        grid-template-columns: minmax(6rem, max-content) 1fr;
        gap: calc(var(--plc-space, 0.5rem) / 2) calc(var(--plc-space, 0.5rem) * 2);
        margin: 0;
      }
      .kv dt {
        font-weight: 600;
      }
      .kv dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      table {
        border-collapse: collapse;
        margin-block: var(--plc-space, 0.5rem);
      }
      caption {
        text-align: start;
        font-weight: 600;
      }
      th,
      td {
        border: 1px solid var(--plc-color-border, #c9cfd8);
        padding: calc(var(--plc-space, 0.5rem) / 2) var(--plc-space, 0.5rem);
        text-align: start;
      }
      td {
        font-variant-numeric: tabular-nums;
      }
      .artefact-link {
        overflow-wrap: anywhere;
        font-weight: 600;
      }
      .confirm {
        margin-block-start: var(--plc-space, 0.5rem);
      }
      .builder {
        margin-block: calc(var(--plc-space, 0.5rem) * 2);
      }
      @media print {
        .items > li {
          content-visibility: visible;
        }
        [part='add'],
        .actions,
        [role='status'] {
          display: none;
        }
      }
    `,
  ];

  /** The enquiry whose evidence to show. */
  @property({ attribute: 'enquiry-id', reflect: true }) accessor enquiryId: string | undefined;

  /**
   * Renderers for evidence kinds, by kind: integrators' own kinds, or replacements for the
   * built-in views. A kind without one is shown as a list of its fields.
   * @example
   * ```ts
   * board.renderers = { attendance: (item) => html`${item.before}% → ${item.after}%` };
   * ```
   */
  @property({ attribute: false }) accessor renderers: Readonly<Record<string, EvidenceRenderer>> = {};

  /** The level of the board's heading (2 to 6); groups and items are one and two levels below. */
  @property({ attribute: 'heading-level', type: Number }) accessor headingLevel = 2;

  /**
   * Where students answer surveys: passed to the survey builder (its link adds `?survey=<id>`).
   */
  @property({ attribute: 'response-url' }) accessor responseUrl: string | undefined;

  @state() private accessor adding: FormKind | undefined;
  @state() private accessor showBuilder = false;
  @state() private accessor values: Readonly<Record<string, string>> = {};
  @state() private accessor errors: Readonly<Record<string, string>> = {};
  @state() private accessor confirming: string | undefined;
  @state() private accessor announcement = '';
  @state() private accessor failure: string | undefined;
  @state() private accessor busy = false;

  /** The enquiry's log, replayed. */
  readonly enquiry = new EnquiryController(this, () => this.session, () => this.enquiryId);

  protected override async getUpdateComplete(): Promise<boolean> {
    await super.getUpdateComplete();
    await this.enquiry.settled;
    return super.getUpdateComplete();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('enquiryId') && changed.get('enquiryId') !== undefined) {
      this.adding = undefined;
      this.showBuilder = false;
      this.confirming = undefined;
    }
  }

  private get level(): number {
    return clampLevel(this.headingLevel);
  }

  /** The evidence steps the policy lets this person take (who, not when). */
  private get allowed(): { add: boolean; remove: boolean; surveys: boolean } {
    const actor = this.enquiry.actor;
    const data = this.enquiry.state?.data;
    if (!actor || !data) return { add: false, remove: false, surveys: false };
    return {
      add: this.enquiry.may('evidence.add'),
      remove: this.enquiry.may('evidence.remove'),
      surveys: decide(actor, 'directory.write', { collection: 'surveys', enquiry: data, community: this.enquiry.community }).allowed,
    };
  }

  protected override render() {
    const tag = clampLevel(this.level);
    const head = heading(tag, html`${msg('Evidence', { id: 'evidence.title' })}`, { className: 'board-title', focusable: true });
    if (!this.session) {
      return html`${head}<p class="notice warning">${msg('This element needs a plc-provider around it.', { id: 'evidence.no-provider' })}</p>`;
    }
    if (!this.enquiryId) return html`${head}<p class="empty">${msg(str`No enquiry chosen: set the ${'enquiry-id'} attribute.`, { id: 'evidence.no-enquiry' })}</p>`;
    if (this.enquiry.status === 'error') {
      return html`${head}<p class="notice error" role="alert">${msg('The evidence could not be loaded.', { id: 'evidence.load-error' })} ${this.enquiry.error}</p>`;
    }
    if (this.enquiry.status === 'missing') {
      return html`${head}<p class="notice warning">${msg('This enquiry could not be found.', { id: 'evidence.missing' })}</p>`;
    }
    if (this.enquiry.status !== 'ready' || !this.enquiry.state) {
      return html`${head}<p class="muted" role="status">${msg('Loading evidence…', { id: 'evidence.loading' })}</p>`;
    }
    if (!this.session.person) {
      return html`${head}<p class="notice">${msg("Choose who you are to see this enquiry's evidence.", { id: 'evidence.sign-in' })}</p>`;
    }
    const allowed = this.allowed;
    return html`${head}
      ${this.renderRequirements()}
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
      ${this.failure ? html`<p class="notice error" role="alert">${this.failure}</p>` : nothing}
      ${allowed.add || allowed.surveys
        ? this.renderAdd(allowed)
        : html`<p class="notice">${msg("Only the enquiry's members can add or remove evidence.", { id: 'evidence.members-only' })}</p>`}
      ${this.renderGroups(allowed.remove)}`;
  }

  // ---------------------------------------------------------------------------------------------

  private renderRequirements() {
    const data = this.enquiry.state!.data;
    const policy = data.policy;
    const count = data.evidence.length;
    const hasVoice = data.evidence.some((e) => countsAsStudentVoice(data, e));
    // A survey too small to show any of its results does not count as student voice.
    const tooFew = !hasVoice && data.evidence.some((e) => e.kind === 'student-voice');
    const voice = policy.studentVoiceRequired
      ? hasVoice
        ? html`<p class="notice success met">${msg('Student voice: required — added', { id: 'evidence.voice.added' })}</p>`
        : tooFew
          ? html`<p class="notice warning unmet">${msg(str`Student voice: required — a survey is added, but too few students answered to show it (${formatNumber(MIN_GROUP_SIZE)} needed)`, { id: 'evidence.voice.too-few' })}</p>`
          : html`<p class="notice warning unmet">${msg('Student voice: required — not yet added', { id: 'evidence.voice.missing' })}</p>`
      : html`<p class="notice">${msg('Student voice: not required in this cycle', { id: 'evidence.voice.optional' })}</p>`;
    const needed = policy.minEvidence;
    const met = count >= needed;
    const progressLabel = met
      ? msg(str`Evidence: ${formatNumber(count)} added (at least ${formatNumber(needed)} needed) — met`, { id: 'evidence.count.met' })
      : msg(str`Evidence: ${formatNumber(count)} of ${formatNumber(needed)} needed`, { id: 'evidence.count.progress' });
    return html`<ul class="requirements" part="requirements">
      <li>${voice}</li>
      <li>
        <div class="notice ${met ? 'success' : 'warning'}">
          <span id="ev-progress-label" class=${met ? 'met' : 'unmet'}>${progressLabel}</span>
          ${needed > 0
            ? html`<progress max=${needed} .value=${Math.min(count, needed)} aria-labelledby="ev-progress-label"></progress>`
            : nothing}
        </div>
      </li>
    </ul>`;
  }

  /** A note payload that passes its schema: to ask the lifecycle whether evidence can be added now. */
  private addVerdict() {
    return this.enquiry.check('evidence.add', { id: 'ev-check', kind: 'note', title: 'check', text: '' });
  }

  private renderAdd(allowed: { add: boolean; surveys: boolean }) {
    const sub = clampLevel(this.level + 1);
    const verdict = this.addVerdict();
    const stage = this.enquiry.state!.stage;
    return html`<section part="add" aria-labelledby="ev-add-title">
      ${heading(sub, html`${msg('Add evidence', { id: 'evidence.add.title' })}`, { id: 'ev-add-title' })}
      ${allowed.add && !verdict.ok
        ? html`<p class="notice warning">
            ${msg(str`Evidence is added in the Evidence stage; this enquiry is at the ${stageLabel(stage)} stage.`, { id: 'evidence.add.locked' })}
            ${refusalText(verdict.refusal)}
          </p>`
        : nothing}
      <div class="kinds" role="group" aria-label=${msg('Kind of evidence to add', { id: 'evidence.add.kinds' })}>
        ${allowed.surveys
          ? html`<button aria-pressed=${this.showBuilder ? 'true' : 'false'} @click=${this.toggleBuilder}>
              ${msg('Create a student-voice survey', { id: 'evidence.add.survey' })}
            </button>`
          : nothing}
        ${allowed.add && verdict.ok
          ? FORM_KINDS.map(
              (kind) => html`<button aria-pressed=${this.adding === kind ? 'true' : 'false'} @click=${() => this.startAdding(kind)}>
                ${evidenceKindLabel(kind)}
              </button>`,
            )
          : nothing}
      </div>
      ${this.adding && allowed.add && verdict.ok ? this.renderForm(this.adding) : nothing}
      ${this.showBuilder && allowed.surveys
        ? html`<div class="builder card" part="builder">
            <plc-survey-builder
              enquiry-id=${this.enquiryId!}
              heading-level=${Math.min(6, this.level + 2)}
              response-url=${this.responseUrl ?? nothing}
            ></plc-survey-builder>
          </div>`
        : nothing}
    </section>`;
  }

  private toggleBuilder = () => {
    this.showBuilder = !this.showBuilder;
    if (this.showBuilder) this.adding = undefined;
  };

  private async startAdding(kind: FormKind): Promise<void> {
    if (this.adding === kind) {
      this.adding = undefined;
      return;
    }
    this.adding = kind;
    this.showBuilder = false;
    this.values = {};
    this.errors = {};
    this.failure = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#ev-title')?.focus();
  }

  // ---------------------------------------------------------------------------------------------
  // Add forms.

  private input(name: string, label: string, options: { type?: string; hint?: string; required?: boolean; max?: number; min?: number; step?: string } = {}) {
    const id = `ev-${name}`;
    const error = this.errors[name];
    const described = [options.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${id}>${label}${options.required ? nothing : html` <span class="muted">${msg('(optional)', { id: 'evidence.optional' })}</span>`}</label>
      ${options.hint ? html`<span class="hint" id="${id}-hint">${options.hint}</span>` : nothing}
      <input
        id=${id}
        type=${options.type ?? 'text'}
        maxlength=${options.type === 'number' || options.type === 'date' ? nothing : (options.max ?? 200)}
        min=${options.min ?? nothing}
        step=${options.step ?? nothing}
        inputmode=${options.type === 'number' ? (options.step === 'any' ? 'decimal' : 'numeric') : nothing}
        .value=${this.values[name] ?? ''}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${described || nothing}
        @input=${(e: Event) => this.setValue(name, (e.target as HTMLInputElement).value)}
      />
      ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : nothing}
    </div>`;
  }

  private setValue(name: string, value: string): void {
    this.values = { ...this.values, [name]: value };
  }

  private renderForm(kind: FormKind) {
    const common = html`${this.input('title', msg('Title', { id: 'evidence.field.title' }), { required: true })}
    ${this.input('collectedOn', msg('Date collected', { id: 'evidence.field.date' }), { type: 'date' })}`;
    let fields: TemplateResult;
    switch (kind) {
      case 'assessment':
        fields = html`<div class="row">
            ${this.input('measure', msg('What was measured', { id: 'evidence.field.measure' }), {
              required: true,
              hint: msg('For example: reading age, end-of-unit quiz score.', { id: 'evidence.field.measure-hint' }),
            })}
            ${this.input('unit', msg('Unit', { id: 'evidence.field.unit' }), { max: 40, hint: msg('For example: %, months, marks.', { id: 'evidence.field.unit-hint' }) })}
          </div>
          <fieldset>
            <legend>${msg('Before', { id: 'evidence.field.before' })}</legend>
            <div class="row">
              ${this.input('beforeValue', msg('Average before', { id: 'evidence.field.before-value' }), { type: 'number', step: 'any', required: true })}
              ${this.input('beforeStudents', msg('Students before', { id: 'evidence.field.before-students' }), { type: 'number', min: 1, step: '1', required: true })}
            </div>
          </fieldset>
          <fieldset>
            <legend>${msg('After', { id: 'evidence.field.after' })}</legend>
            <div class="row">
              ${this.input('afterValue', msg('Average after', { id: 'evidence.field.after-value' }), { type: 'number', step: 'any', required: true })}
              ${this.input('afterStudents', msg('Students after', { id: 'evidence.field.after-students' }), { type: 'number', min: 1, step: '1', required: true })}
            </div>
          </fieldset>`;
        break;
      case 'learning-walk':
        fields = html`${this.input('focus', msg('Focus of the walk', { id: 'evidence.field.focus' }), { required: true })}
          <div class="row">
            ${this.input('lessonsVisited', msg('Lessons visited', { id: 'evidence.field.visited' }), { type: 'number', min: 1, step: '1', required: true })}
            ${this.input('lessonsShowingFocus', msg('Lessons showing the focus', { id: 'evidence.field.showing' }), { type: 'number', min: 0, step: '1', required: true })}
          </div>`;
        break;
      case 'artefact':
        fields = html`${this.input('url', msg('Link', { id: 'evidence.field.url' }), {
            type: 'url',
            required: true,
            max: 2000,
            hint: msg('A web address starting with https:// (a shared document, a photo, a resource).', { id: 'evidence.field.url-hint' }),
          })}
          ${this.input('caption', msg('Caption', { id: 'evidence.field.caption' }), {})}`;
        break;
      default:
        fields = html`<div class="field">
          <label for="ev-text">${msg('Note', { id: 'evidence.field.text' })}</label>
          <textarea
            id="ev-text"
            maxlength="10000"
            .value=${this.values['text'] ?? ''}
            aria-invalid=${this.errors['text'] ? 'true' : 'false'}
            aria-describedby=${this.errors['text'] ? 'ev-text-error' : nothing}
            @input=${(e: Event) => this.setValue('text', (e.target as HTMLTextAreaElement).value)}
          ></textarea>
          ${this.errors['text'] ? html`<p class="field-error" id="ev-text-error">${this.errors['text']}</p>` : nothing}
        </div>`;
    }
    return html`<form class="card" part="form" novalidate @submit=${this.submit}>
      <fieldset>
        <legend>${msg(str`New evidence: ${evidenceKindLabel(kind)}`, { id: 'evidence.form.legend' })}</legend>
        ${common}${fields}
      </fieldset>
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Add to the evidence', { id: 'evidence.form.save' })}</button>
        <button type="button" @click=${this.cancelAdding}>${msg('Cancel', { id: 'evidence.form.cancel' })}</button>
      </div>
    </form>`;
  }

  private cancelAdding = async () => {
    const kind = this.adding;
    this.adding = undefined;
    this.errors = {};
    await this.updateComplete;
    if (kind) {
      const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.kinds button')];
      buttons.find((b) => b.textContent?.trim() === evidenceKindLabel(kind))?.focus();
    }
  };

  /** Builds the payload from the form, or the errors by field. */
  private payloadFor(kind: FormKind, id: string): { payload?: Record<string, unknown>; errors: Record<string, string> } {
    const v = (name: string) => (this.values[name] ?? '').trim();
    const errors: Record<string, string> = {};
    const required = (name: string) => {
      if (!v(name)) errors[name] = msg('Fill this in.', { id: 'evidence.error.required' });
      return v(name);
    };
    const number = (name: string, rule: 'any' | 'positive' | 'whole') => {
      const text = v(name);
      if (!text) {
        errors[name] = msg('Fill this in.', { id: 'evidence.error.required' });
        return 0;
      }
      const value = Number(text);
      if (!Number.isFinite(value)) errors[name] = msg('Enter a number.', { id: 'evidence.error.number' });
      else if (rule === 'positive' && (!Number.isInteger(value) || value < 1)) {
        errors[name] = msg('Enter a whole number, 1 or more.', { id: 'evidence.error.positive' });
      } else if (rule === 'whole' && (!Number.isInteger(value) || value < 0)) {
        errors[name] = msg('Enter a whole number, 0 or more.', { id: 'evidence.error.whole' });
      }
      return value;
    };
    const title = required('title');
    const collectedOn = v('collectedOn');
    const base = { id, kind, title, ...(collectedOn ? { collectedOn } : {}) };
    let payload: Record<string, unknown>;
    switch (kind) {
      case 'assessment': {
        const unit = v('unit');
        payload = {
          ...base,
          measure: required('measure'),
          ...(unit ? { unit } : {}),
          before: { value: number('beforeValue', 'any'), students: number('beforeStudents', 'positive') },
          after: { value: number('afterValue', 'any'), students: number('afterStudents', 'positive') },
        };
        break;
      }
      case 'learning-walk': {
        const visited = number('lessonsVisited', 'positive');
        const showing = number('lessonsShowingFocus', 'whole');
        if (!errors['lessonsVisited'] && !errors['lessonsShowingFocus'] && showing > visited) {
          errors['lessonsShowingFocus'] = msg('This cannot be more than the lessons visited.', { id: 'evidence.error.showing' });
        }
        payload = { ...base, focus: required('focus'), lessonsVisited: visited, lessonsShowingFocus: showing };
        break;
      }
      case 'artefact': {
        const url = required('url');
        if (url && !safeHref(url)) errors['url'] = msg('Enter a web address that starts with http:// or https://.', { id: 'evidence.error.url' });
        payload = { ...base, url, caption: v('caption') };
        break;
      }
      default:
        payload = { ...base, text: required('text') };
    }
    if (Object.keys(errors).length > 0) return { errors };
    const schema = this.session!.lifecycle.evidenceKinds[kind];
    const parsed = schema && parseSafely(schema, payload);
    if (parsed && !parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] === 'before' || issue.path[0] === 'after' ? `${String(issue.path[0])}Value` : String(issue.path[0] ?? 'title');
        errors[field in this.fieldNames(kind) ? field : 'title'] ??= msg('Check this value.', { id: 'evidence.error.invalid' });
      }
      return { errors };
    }
    return { payload: (parsed?.data as Record<string, unknown> | undefined) ?? payload, errors };
  }

  private fieldNames(kind: FormKind): Record<string, true> {
    const names: Record<FormKind, string[]> = {
      assessment: ['measure', 'unit', 'beforeValue', 'beforeStudents', 'afterValue', 'afterStudents'],
      'learning-walk': ['focus', 'lessonsVisited', 'lessonsShowingFocus'],
      artefact: ['url', 'caption'],
      note: ['text'],
    };
    return Object.fromEntries(['title', 'collectedOn', ...names[kind]].map((n) => [n, true]));
  }

  private submit = async (event: Event) => {
    event.preventDefault();
    const kind = this.adding;
    const session = this.session;
    if (!kind || !session || this.busy) return;
    const { payload, errors } = this.payloadFor(kind, session.newId('ev'));
    this.errors = errors;
    this.failure = undefined;
    if (!payload) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('form [aria-invalid="true"]')?.focus();
      return;
    }
    const verdict = this.enquiry.check('evidence.add', payload);
    if (!verdict.ok) {
      this.failure = refusalText(verdict.refusal);
      return;
    }
    this.busy = true;
    try {
      const result = await this.enquiry.act('evidence.add', payload);
      if (!result.ok) {
        this.failure = result.refusal ? refusalText(result.refusal) : msg(str`The evidence could not be saved: ${result.error ?? ''}`, { id: 'evidence.save-error' });
        return;
      }
      this.adding = undefined;
      this.values = {};
      this.announcement = msg(str`Saved: “${String(payload['title'])}” added to the evidence.`, { id: 'evidence.added' });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`[data-evidence-id="${CSS.escape(String(payload['id']))}"] .item-title`)?.focus();
    } finally {
      this.busy = false;
    }
  };

  // ---------------------------------------------------------------------------------------------
  // The evidence, grouped by kind.

  private renderGroups(canRemove: boolean) {
    const evidence = this.enquiry.state!.data.evidence;
    if (evidence.length === 0) {
      return html`<p class="empty">${msg('No evidence yet. Student voice, assessment data, learning walks, artefacts and notes all count.', { id: 'evidence.empty' })}</p>`;
    }
    const known = Object.keys(this.session!.lifecycle.evidenceKinds);
    const kinds = [...known, ...evidence.map((e) => e.kind).filter((k) => !known.includes(k))];
    const groups = [...new Set(kinds)].map((kind) => ({ kind, items: evidence.filter((e) => e.kind === kind) })).filter((g) => g.items.length > 0);
    const sub = clampLevel(this.level + 1);
    // Removal is a step of the evidence stage: offer it only when the lifecycle would take it now.
    const removable = canRemove && this.enquiry.check('evidence.remove', { evidenceId: evidence[0]!.id }).ok;
    return groups.map(
      (group) => html`<section class="group" part="group" aria-labelledby=${`ev-group-${group.kind}`}>
        ${heading(sub, html`${evidenceKindLabel(group.kind)} <span class="muted">(${formatNumber(group.items.length)})</span>`, { id: `ev-group-${group.kind}` })}
        <ul class="items">
          ${group.items.map((item) => this.renderItem(item, removable))}
        </ul>
      </section>`,
    );
  }

  private renderItem(item: AnyEvidence, canRemove: boolean) {
    const tag = clampLevel(this.level + 2);
    const confirming = this.confirming === item.id;
    return html`<li class="card" part="item" data-evidence-id=${item.id} data-kind=${item.kind}>
      <div class="item-head">
        ${heading(tag, html`${item.title}`, { className: 'item-title', focusable: true })}
        ${item.collectedOn ? html`<span class="muted">${formatDate(item.collectedOn)}</span>` : nothing}
      </div>
      <div class="item-body">${this.renderBody(item)}</div>
      ${canRemove
        ? confirming
          ? html`<div class="notice warning confirm" role="group" aria-labelledby=${`ev-confirm-${item.id}`}>
              <p id=${`ev-confirm-${item.id}`}>
                ${msg(str`Remove “${item.title}” from the evidence? The removal is kept in the history.`, { id: 'evidence.remove.confirm' })}
              </p>
              <div class="actions">
                <button class="danger" ?disabled=${this.busy} @click=${() => this.removeItem(item)}>${msg('Yes, remove it', { id: 'evidence.remove.yes' })}</button>
                <button class="keep" @click=${() => this.cancelRemove(item)}>${msg('Keep it', { id: 'evidence.remove.no' })}</button>
              </div>
            </div>`
          : html`<div class="actions">
              <button class="danger" part="remove" @click=${() => this.askRemove(item)} aria-label=${msg(str`Remove ${item.title}`, { id: 'evidence.remove.named' })}>
                ${msg('Remove', { id: 'evidence.remove' })}
              </button>
            </div>`
        : nothing}
    </li>`;
  }

  private renderBody(item: AnyEvidence): TemplateResult | string {
    const custom = this.renderers[item.kind];
    if (custom) return custom(item);
    switch (item.kind) {
      case 'student-voice':
        return html`<plc-survey-results heading-level=${Math.min(6, this.level + 3)} .results=${item as unknown as StudentVoiceResults}></plc-survey-results>`;
      case 'assessment':
        return this.renderAssessment(item);
      case 'learning-walk': {
        const visited = Number(item['lessonsVisited']) || 0;
        const showing = Number(item['lessonsShowingFocus']) || 0;
        return html`<p class="big">
            ${msg(str`${formatNumber(showing)} of ${formatNumber(visited)} lessons (${formatPercent(visited ? showing / visited : 0)})`, { id: 'evidence.walk.result' })}
          </p>
          <p>${msg(str`Focus: ${String(item['focus'] ?? '')}`, { id: 'evidence.walk.focus' })}</p>`;
      }
      case 'artefact': {
        const href = safeHref(item['url']);
        const caption = String(item['caption'] ?? '');
        return html`<p>
            ${href
              ? html`<a class="artefact-link" href=${href} target="_blank" rel="noopener noreferrer">${href}</a>`
              : html`<span class="artefact-link">${String(item['url'] ?? '')}</span>`}
          </p>
          ${caption ? html`<p>${caption}</p>` : nothing}`;
      }
      case 'note':
        return html`<p class="note-text">${String(item['text'] ?? '')}</p>`;
      default:
        return this.renderGeneric(item);
    }
  }

  private renderAssessment(item: AnyEvidence) {
    const before = (item['before'] ?? {}) as { value?: number; students?: number };
    const after = (item['after'] ?? {}) as { value?: number; students?: number };
    const rawUnit = typeof item['unit'] === 'string' ? item['unit'].trim() : '';
    // "61%" but "126 months".
    const unit = !rawUnit ? '' : rawUnit === '%' ? '%' : ` ${rawUnit}`;
    const b = Number(before.value) || 0;
    const a = Number(after.value) || 0;
    const change = a - b;
    const changeText = `${formatNumber(change, { signDisplay: 'exceptZero', maximumFractionDigits: 2 })}${unit}`;
    const relative = b !== 0 ? formatNumber(change / Math.abs(b), { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 0 }) : undefined;
    return html`<p class="big">
        ${relative
          ? msg(str`Change: ${changeText} (${relative})`, { id: 'evidence.assessment.change-relative' })
          : msg(str`Change: ${changeText}`, { id: 'evidence.assessment.change' })}
      </p>
      <table>
        <caption>${String(item['measure'] ?? '')}</caption>
        <thead>
          <tr>
            <td></td>
            <th scope="col">${msg('Before', { id: 'evidence.field.before' })}</th>
            <th scope="col">${msg('After', { id: 'evidence.field.after' })}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">${msg('Average', { id: 'evidence.assessment.average' })}</th>
            <td>${formatNumber(b, { maximumFractionDigits: 2 })}${unit}</td>
            <td>${formatNumber(a, { maximumFractionDigits: 2 })}${unit}</td>
          </tr>
          <tr>
            <th scope="row">${msg('Students', { id: 'evidence.assessment.students' })}</th>
            <td>${formatNumber(Number(before.students) || 0)}</td>
            <td>${formatNumber(Number(after.students) || 0)}</td>
          </tr>
        </tbody>
      </table>`;
  }

  private renderGeneric(item: AnyEvidence) {
    const entries = Object.entries(item).filter(([key]) => !BASE_FIELDS.has(key));
    if (entries.length === 0) return html`<p class="muted">${msg('No details.', { id: 'evidence.no-details' })}</p>`;
    return html`<dl class="kv">
      ${entries.map(([key, value]) => html`<dt>${humanise(key)}</dt><dd>${valueText(value)}</dd>`)}
    </dl>`;
  }

  private askRemove = async (item: AnyEvidence) => {
    this.confirming = item.id;
    this.failure = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-evidence-id="${CSS.escape(item.id)}"] button.keep`)?.focus();
  };

  private cancelRemove = async (item: AnyEvidence) => {
    this.confirming = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-evidence-id="${CSS.escape(item.id)}"] [part='remove']`)?.focus();
  };

  private async removeItem(item: AnyEvidence): Promise<void> {
    if (this.busy) return;
    const payload = { evidenceId: item.id };
    const verdict = this.enquiry.check('evidence.remove', payload);
    if (!verdict.ok) {
      this.failure = refusalText(verdict.refusal);
      this.confirming = undefined;
      return;
    }
    this.busy = true;
    try {
      const result = await this.enquiry.act('evidence.remove', payload);
      if (!result.ok) {
        this.failure = result.refusal ? refusalText(result.refusal) : msg(str`The evidence could not be saved: ${result.error ?? ''}`, { id: 'evidence.save-error' });
        return;
      }
      this.confirming = undefined;
      this.announcement = msg(str`Removed: “${item.title}”.`, { id: 'evidence.removed' });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.board-title')?.focus();
    } finally {
      this.busy = false;
    }
  }
}
