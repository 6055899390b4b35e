import { html, nothing, type PropertyValues, type TemplateResult, type PropertyDeclarations } from 'lit';
import { msg, str } from '@lit/localize';
import { countsAsStudentVoice } from '../../src/lifecycle/enquiryMachine.js';
import { MIN_GROUP_SIZE } from '../../src/analysis/thresholds.js';
import { verdict } from '../../src/policy/policy.js';
import type { AnyEvidence } from '../../src/schema/evidence.js';
import { PlcElement } from '../base/plc-element.js';
import { EnquiryController } from '../controllers/enquiry-controller.js';
import { StepController } from '../controllers/step-controller.js';
import { DraftController } from '../controllers/draft-controller.js';
import { draftPrompt, draftPromptStyles } from '../shared/draft-prompt.js';
import { foldStyles } from '../shared/fold.js';
import { formatDate, formatNumber } from '../localization.js';
import { evidenceKindLabel, needsProviderText, stageLabel } from '../strings.js';
import { refusalText } from '../refusal-text.js';
// The built-in evidence kinds' names, forms and renderers, loaded with this element (context/views.ts).
import '../evidence/built-in.js';
import { sharedStyles } from '../styles/shared.js';
import { clampLevel, heading } from '../shared/heading.js';
import { controlId, itemFrom, renderFields } from '../evidence/evidence-form.js';
import type { EvidenceFormPart, EvidenceKindView } from '../evidence/evidence-view.js';
import { formFromSchema, renderFieldList } from '../evidence/generic.js';
import '../plc-survey-results/index.js';
import '../plc-survey-builder/index.js';
import { evidenceBoardStyles } from './plc-evidence-board.styles.js';

/**
 * Renders one evidence item's content (below its title and date). Integrators register one per
 * evidence kind they add; one given for a built-in kind replaces the built-in view.
 */
export type EvidenceRenderer = (item: AnyEvidence) => TemplateResult | string;

/**
 * An enquiry's evidence board: every item grouped by kind, each drawn as its kind's description
 * says (components/evidence: student voice as charts with data tables, assessment data before and
 * after with the change, a learning walk as "n of m lessons (x%)", an artefact as a link and
 * caption, a note as text), an add form for each kind, removal with a confirmation, and the
 * student-voice survey builder. It shows whether the cycle's student-voice requirement is met and
 * how far the enquiry is towards the minimum number of evidence items.
 *
 * Integrator kinds (registered with `createLifecycle({ evidenceKinds })`) are drawn and added as
 * their description given to `<plc-provider .evidenceViews>` says, with its labels in the active
 * language; without one, the add form is made from the kind's schema and items are shown as a
 * list of their fields. A renderer in `renderers` replaces a kind's drawing.
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
  static override styles = [sharedStyles, draftPromptStyles, foldStyles, evidenceBoardStyles];

  static override properties: PropertyDeclarations = {
    enquiryId: { attribute: 'enquiry-id', reflect: true },
    renderers: { attribute: false },
    headingLevel: { attribute: 'heading-level', type: Number },
    responseUrl: { attribute: 'response-url' },
    adding: { state: true },
    showBuilder: { state: true },
    values: { state: true },
    errors: { state: true },
    confirming: { state: true },
  };

  constructor() {
    super();
    this.renderers = {};
    this.headingLevel = 2;
    this.showBuilder = false;
    this.values = {};
    this.errors = {};
  }

  /** The enquiry whose evidence to show. */
  declare enquiryId: string | undefined;

  /**
   * Renderers for evidence kinds, by kind: integrators' own kinds, or replacements for the
   * built-in views. A kind without one is shown as a list of its fields.
   * @example
   * ```ts
   * board.renderers = { attendance: (item) => html`${item.before}% → ${item.after}%` };
   * ```
   */
  declare renderers: Readonly<Record<string, EvidenceRenderer>>;

  /** The level of the board's heading (2 to 6); groups and items are one and two levels below. */
  declare headingLevel: number;

  /**
   * Where students answer surveys: passed to the survey builder (its link adds `?survey=<id>`).
   */
  declare responseUrl: string | undefined;

  /** The kind whose add form is open. */
  private declare adding: string | undefined;
  private declare showBuilder: boolean;
  private declare values: Readonly<Record<string, string>>;
  private declare errors: Readonly<Record<string, string>>;
  private declare confirming: string | undefined;

  /** The enquiry's log, replayed. */
  readonly enquiry = new EnquiryController(this, () => this.session, () => this.enquiryId);
  /** Adding and removing evidence: one step at a time, the reason shown when one is refused. */
  private readonly steps = new StepController(this, this.enquiry, 'ev-problem');
  /** The add form as typed (its kind and values), kept on the device until the evidence is added. */
  private readonly kept = new DraftController<{ kind: string; values: Record<string, string> }>(this, () => this.session, () =>
    this.enquiryId ? `evidence/${this.enquiryId}` : undefined,
  );

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('enquiryId') && changed.get('enquiryId') !== undefined) {
      this.adding = undefined;
      this.showBuilder = false;
      this.confirming = undefined;
      void this.kept.release();
    }
    if (this.enquiry.view === 'ready') void this.kept.look({ kind: '', values: {} });
  }

  /** The add form changed: keeps it on the device while it holds anything. */
  private input(name: string, value: string): void {
    this.values = { ...this.values, [name]: value };
    if (this.adding && Object.values(this.values).some((v) => v.trim())) this.kept.keep({ kind: this.adding, values: this.values }, undefined);
    else void this.kept.clear();
  }

  /** Opens the add form with what was typed before a reload. */
  private restoreDraft(): void {
    const entry = this.kept.restore();
    if (!entry) return;
    this.adding = entry.value.kind;
    this.showBuilder = false;
    this.values = entry.value.values;
    this.errors = {};
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
      surveys: verdict(actor, 'directory.write', { collection: 'surveys', enquiry: data, community: this.enquiry.community }).allowed,
    };
  }

  protected override render() {
    const tag = clampLevel(this.level);
    const head = heading(tag, html`${msg('Evidence', { id: 'evidence.title' })}`, { className: 'board-title', focusable: true });
    if (!this.session) {
      return html`${head}${this.noSessionNotice(needsProviderText)}`;
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
      <p class="visually-hidden" role="status" aria-live="polite">${this.steps.announcement}</p>
      ${this.steps.renderProblem()}
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

  /** The description of `kind`: the host's or the built-in one, else one made from its schema. */
  private viewOf(kind: string): EvidenceKindView & { form: readonly EvidenceFormPart[] | false } {
    const view = this.session?.views.evidence(kind);
    const form = view?.form ?? formFromSchema(this.session?.lifecycle.evidenceKinds[kind]) ?? false;
    return { kind, label: evidenceKindLabel(kind, this.session?.views), ...view, form };
  }

  /** The kinds with an add form, in the lifecycle's order (built-in kinds first). */
  private formKinds(): string[] {
    return Object.keys(this.session?.lifecycle.evidenceKinds ?? {}).filter((kind) => this.viewOf(kind).form !== false);
  }

  private renderAdd(allowed: { add: boolean; surveys: boolean }) {
    const sub = clampLevel(this.level + 1);
    const verdict = this.addVerdict();
    const stage = this.enquiry.state!.stage;
    const views = this.session?.views;
    return html`<section part="add" aria-labelledby="ev-add-title">
      ${heading(sub, html`${msg('Add evidence', { id: 'evidence.add.title' })}`, { id: 'ev-add-title' })}
      ${allowed.add && !verdict.ok
        ? html`<p class="notice warning">
            ${msg(str`Evidence is added in the Evidence stage; this enquiry is at the ${stageLabel(stage, views)} stage.`, { id: 'evidence.add.locked' })}
            ${refusalText(verdict.refusal, views)}
          </p>`
        : nothing}
      <div class="kinds" role="group" aria-label=${msg('Kind of evidence to add', { id: 'evidence.add.kinds' })}>
        ${allowed.surveys
          ? html`<button aria-pressed=${this.showBuilder ? 'true' : 'false'} @click=${this.toggleBuilder}>
              ${msg('Create a student-voice survey', { id: 'evidence.add.survey' })}
            </button>`
          : nothing}
        ${allowed.add && verdict.ok
          ? this.formKinds().map(
              (kind) => html`<button data-kind=${kind} aria-pressed=${this.adding === kind ? 'true' : 'false'} @click=${() => this.startAdding(kind)}>
                ${evidenceKindLabel(kind, views)}
              </button>`,
            )
          : nothing}
      </div>
      ${allowed.add && verdict.ok ? draftPrompt(this.kept as DraftController<unknown>, { restore: () => this.restoreDraft(), discard: () => this.kept.discard() }) : nothing}
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

  private async startAdding(kind: string): Promise<void> {
    if (this.adding === kind) {
      this.adding = undefined;
      return;
    }
    this.adding = kind;
    this.showBuilder = false;
    this.values = {};
    this.errors = {};
    this.steps.clear();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#${controlId('title')}`)?.focus();
  }

  // ---------------------------------------------------------------------------------------------
  // The add form, from the kind's description.

  private renderForm(kind: string) {
    const view = this.viewOf(kind);
    const state = { values: this.values, problems: this.errors, onInput: (name: string, value: string) => this.input(name, value) };
    return html`<form class="card" part="form" novalidate @submit=${this.submit}>
      <fieldset>
        <legend>${msg(str`New evidence: ${evidenceKindLabel(kind, this.session?.views)}`, { id: 'evidence.form.legend' })}</legend>
        ${renderFields(view.form || [], state)}
      </fieldset>
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.steps.busy}>${msg('Add to the evidence', { id: 'evidence.form.save' })}</button>
        <button type="button" @click=${this.cancelAdding}>${msg('Cancel', { id: 'evidence.form.cancel' })}</button>
      </div>
    </form>`;
  }

  private cancelAdding = async () => {
    const kind = this.adding;
    this.adding = undefined;
    this.errors = {};
    void this.kept.clear();
    await this.updateComplete;
    if (kind) this.renderRoot.querySelector<HTMLElement>(`.kinds button[data-kind="${CSS.escape(kind)}"]`)?.focus();
  };

  private submit = async (event: Event) => {
    event.preventDefault();
    const kind = this.adding;
    const session = this.session;
    if (!kind || !session || this.steps.busy) return;
    const built = itemFrom(this.viewOf(kind), this.values, session.newId('ev'), session.lifecycle.evidenceKinds[kind]);
    this.steps.clear();
    if ('problems' in built) {
      this.errors = built.problems;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('form [aria-invalid="true"]')?.focus();
      return;
    }
    this.errors = {};
    const payload = built.item;
    // A refused evidence.add carries no words worth keeping in the log: check before appending.
    const verdict = this.enquiry.check('evidence.add', payload);
    if (!verdict.ok) return this.steps.showProblem(refusalText(verdict.refusal, session.views));
    const result = await this.steps.take('evidence.add', payload, (error) => msg(str`The evidence could not be saved: ${error}`, { id: 'evidence.save-error' }));
    if (!result?.ok) return;
    this.adding = undefined;
    this.values = {};
    void this.kept.clear();
    this.steps.announceSaved(msg(str`Saved: “${String(payload['title'])}” added to the evidence.`, { id: 'evidence.added' }));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-evidence-id="${CSS.escape(String(payload['id']))}"] .item-title`)?.focus();
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
        ${heading(sub, html`${evidenceKindLabel(group.kind, this.session?.views)} <span class="muted">(${formatNumber(group.items.length)})</span>`, {
          id: `ev-group-${group.kind}`,
        })}
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
                <button class="danger" ?disabled=${this.steps.busy} @click=${() => this.removeItem(item)}>${msg('Yes, remove it', { id: 'evidence.remove.yes' })}</button>
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

  /** An item's content: the host's renderer, else its kind's, else its fields. */
  private renderBody(item: AnyEvidence): TemplateResult | string {
    const custom = this.renderers[item.kind];
    if (custom) return custom(item);
    const view = this.session?.views.evidence(item.kind);
    return view?.render ? view.render(item, { headingLevel: clampLevel(this.level + 2) }) : renderFieldList(item);
  }

  private askRemove = async (item: AnyEvidence) => {
    this.confirming = item.id;
    this.steps.clear();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-evidence-id="${CSS.escape(item.id)}"] button.keep`)?.focus();
  };

  private cancelRemove = async (item: AnyEvidence) => {
    this.confirming = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-evidence-id="${CSS.escape(item.id)}"] [part='remove']`)?.focus();
  };

  private async removeItem(item: AnyEvidence): Promise<void> {
    if (this.steps.busy) return;
    const payload = { evidenceId: item.id };
    const verdict = this.enquiry.check('evidence.remove', payload);
    if (!verdict.ok) {
      this.confirming = undefined;
      return this.steps.showProblem(refusalText(verdict.refusal, this.session?.views));
    }
    const result = await this.steps.take('evidence.remove', payload, (error) => msg(str`The evidence could not be saved: ${error}`, { id: 'evidence.save-error' }));
    if (!result?.ok) return;
    this.confirming = undefined;
    this.steps.announce(msg(str`Removed: “${item.title}”.`, { id: 'evidence.removed' }));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.board-title')?.focus();
  }
}
