import { html, nothing, type PropertyValues, type TemplateResult, type PropertyDeclarations } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { msg, str } from '@lit/localize';
import { LIMITS } from '../../src/schema/common.js';
import type { Audience, Outcome, Reflection } from '../../src/schema/enquiry.js';
import { verdict } from '../../src/policy/index.js';
import type { Refusal } from '../../src/lifecycle/refusals.js';
import { PlcElement } from '../base/plc-element.js';
import { EnquiryController } from '../controllers/enquiry-controller.js';
import { StepController } from '../controllers/step-controller.js';
import { StepFormController } from '../controllers/step-form.js';
import { draftPromptStyles } from '../shared/draft-prompt.js';
import { conflictViewStyles } from '../shared/conflict-view.js';
import { foldStyles, foldText } from '../shared/fold.js';
import { PlcPublishEvent } from '../events/publish.js';
import { formatDate } from '../localization.js';
import { stageLabel } from '../strings.js';
import { refusalText } from '../refusal-text.js';
import { sharedStyles } from '../styles/shared.js';
import { editorStyles } from '../styles/editor.js';
import { listField, listFieldStyles } from '../shared/list-field.js';
import { headingLevel, headingStyles, styledHeading } from '../shared/heading.js';
import { enquiryStateNotice, stateNotice, stateNoticeStyles } from '../shared/state-notice.js';
import { outcomeEditorStyles } from './plc-outcome-editor.styles.js';
import '../plc-vle-post/index.js';

const AUDIENCES: readonly Audience[] = ['booklet', 'vle', 'sharing-session'];
const EMPTY_REFLECTION: Reflection = { whatWorked: '', whatDidNot: '', nextSteps: '' };
const EMPTY_OUTCOME: Outcome = { summary: '', findings: [], recommendations: [], audiences: [] };

/** What would be saved: trimmed, blank rows left out. */
function cleanReflection(r: Reflection): Reflection {
  return { whatWorked: r.whatWorked.trim(), whatDidNot: r.whatDidNot.trim(), nextSteps: r.nextSteps.trim() };
}
function cleanOutcome(o: Outcome): Outcome {
  const list = (items: readonly string[]) => items.map((i) => i.trim()).filter(Boolean);
  return {
    summary: o.summary.trim(),
    findings: list(o.findings),
    recommendations: list(o.recommendations),
    audiences: AUDIENCES.filter((a) => o.audiences.includes(a)),
  };
}
const REFLECTION_FIELDS = ['whatWorked', 'whatDidNot', 'nextSteps'] as const;
const OUTCOME_FIELDS = ['summary', 'findings', 'recommendations', 'audiences'] as const;

function reflectionLabels(): Record<string, string> {
  return {
    whatWorked: msg('What worked', { id: 'outcome.reflection.worked' }),
    whatDidNot: msg('What did not', { id: 'outcome.reflection.did-not' }),
    nextSteps: msg('Next steps', { id: 'outcome.reflection.next' }),
  };
}

function outcomeLabels(): Record<string, string> {
  return {
    summary: msg('Summary for colleagues', { id: 'outcome.summary' }),
    findings: msg('Findings', { id: 'outcome.findings' }),
    recommendations: msg('Recommendations', { id: 'outcome.recommendations' }),
    audiences: msg('Share it through', { id: 'outcome.audiences' }),
  };
}

/** The name of a place an outcome is shared. */
function audienceLabel(audience: string): string {
  switch (audience) {
    case 'booklet':
      return msg("The cycle's booklet", { id: 'outcome.audience.booklet' });
    case 'vle':
      return msg('The VLE', { id: 'outcome.audience.vle' });
    case 'sharing-session':
      return msg('A sharing session for all staff', { id: 'outcome.audience.sharing-session' });
    default:
      return audience;
  }
}

/**
 * The end of an enquiry: the group's reflection (what worked, what did not, next steps) and the
 * outcome written for colleagues (a summary, findings, recommendations, and where to share it:
 * the cycle's booklet, the VLE, a sharing session), then publishing it. Publishing is refused,
 * with the reason shown, until the reflection and the summary are written. After publishing the
 * outcome is shown as published, and can still be corrected.
 *
 * Nothing typed is lost: each part is saved on its own Save button (publishing saves both
 * first), an "Unsaved changes" badge shows what is not saved, and a failed save keeps the text.
 * What the person types is kept on their device as they type and offered back after a reload;
 * when a colleague's version of a part replaced (or would replace) the person's words, both are
 * shown with the differences marked: keep mine, take theirs, or field by field.
 *
 * @tagname plc-outcome-editor
 * @summary Writes the reflection and the outcome for colleagues, and publishes it.
 * @event plc-publish - The outcome was published: `enquiryId`, `summary`, `audiences`.
 * @event plc-change - The reflection or the outcome was saved, or published (`step` names it).
 * @event plc-stage-change - Publishing moved the enquiry to `shared`.
 * @event plc-refused - Publishing (or a save) was refused; the reason is shown too.
 * @event plc-error - The enquiry could not be loaded or a step could not be saved.
 * @csspart base - The element's outer section.
 * @csspart published - The "published on" banner.
 * @csspart vle-post - The "Post to your VLE" panel, under the banner of an outcome published for the VLE.
 * @csspart reflection - The reflection section.
 * @csspart outcome - The outcome section.
 * @csspart list-field - A list built row by row (findings, recommendations).
 * @csspart actions - A row of buttons.
 * @csspart unsaved - An "Unsaved changes" badge.
 * @csspart draft-prompt - The offer to restore changes kept on this device.
 * @csspart conflict - A colleague's version beside the person's, to choose from.
 * @csspart status - The live status line ("Reflection saved").
 * @csspart problem - An error or a refusal reason.
 * @csspart state - Loading, error, signed-out and not-allowed messages.
 * @cssproperty --plc-color-success - The published banner.
 */
export class PlcOutcomeEditor extends PlcElement {
  static override styles = [sharedStyles, listFieldStyles, headingStyles, editorStyles, stateNoticeStyles, draftPromptStyles, conflictViewStyles, foldStyles, outcomeEditorStyles];

  static override properties: PropertyDeclarations = {
    enquiryId: { attribute: 'enquiry-id', reflect: true },
    headingLevel: { attribute: 'heading-level', type: Number },
    correcting: { state: true },
  };

  constructor() {
    super();
    this.headingLevel = 2;
    this.correcting = false;
  }

  /** The enquiry whose reflection and outcome are written. */
  declare enquiryId: string | undefined;

  /**
   * The level of the element's heading, 1 to 6 (default 2); its sections' headings are one level
   * below. Set it to fit the page, e.g. `4` inside a panel under an `<h3>`.
   */
  declare headingLevel: number;


  /** Whether a published outcome is open for correction. */
  private declare correcting: boolean;

  private readonly enquiry = new EnquiryController(this, () => this.session, () => this.enquiryId);
  private readonly steps = new StepController(this, this.enquiry, 'outcome-problem');
  /** Each part's form, its drafts kept on the device and its conflict view: the path every enquiry editor shares. */
  private readonly reflectionForm = new StepFormController<Reflection, Reflection>(this, () => this.session, this.enquiry, this.steps, () => this.enquiryId, {
    part: 'reflection',
    step: 'reflection.save',
    fields: REFLECTION_FIELDS,
    read: (data) => cleanReflection(data.reflection ?? EMPTY_REFLECTION),
    toForm: (reflection) => ({ ...reflection }),
    clean: cleanReflection,
    labels: reflectionLabels,
    editable: () => this.enquiry.may('reflection.save'),
    firstFieldId: 'reflection-whatWorked',
  });
  private readonly outcomeForm = new StepFormController<Outcome, Outcome>(this, () => this.session, this.enquiry, this.steps, () => this.enquiryId, {
    part: 'outcome',
    step: 'outcome.save',
    fields: OUTCOME_FIELDS,
    read: (data) => cleanOutcome(data.outcome ?? EMPTY_OUTCOME),
    toForm: (outcome) => ({ ...outcome, findings: [...outcome.findings], recommendations: [...outcome.recommendations], audiences: [...outcome.audiences] }),
    clean: cleanOutcome,
    labels: outcomeLabels,
    editable: () => this.enquiry.may('outcome.save'),
    firstFieldId: 'outcome-summary',
  });

  private get reflection(): Reflection {
    return this.reflectionForm.form ?? EMPTY_REFLECTION;
  }

  private get outcome(): Outcome {
    return this.outcomeForm.form ?? EMPTY_OUTCOME;
  }

  /** Whether the reflection form holds changes not saved yet. */
  get reflectionDirty(): boolean {
    return this.reflectionForm.dirty;
  }

  /** Whether the outcome form holds changes not saved yet. */
  get outcomeDirty(): boolean {
    return this.outcomeForm.dirty;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('enquiryId')) {
      this.correcting = false;
      this.steps.clear();
    }
    this.reflectionForm.sync();
    this.outcomeForm.sync();
  }

  /** Whether the policy lets the person append `type`, and the lifecycle takes it now. */
  private can(type: string, payload: Record<string, unknown>): boolean {
    return this.enquiry.may(type) && this.enquiry.check(type, payload).ok;
  }

  /** Whether Publish is offered: the person may publish and the enquiry is at the sharing step. */
  private get canOfferPublish(): boolean {
    if (!this.enquiry.may('outcome.publish')) return false;
    const verdict = this.enquiry.check('outcome.publish', {});
    return verdict.ok || !['not-in-stage', 'paused', 'closed'].includes(verdict.refusal.code);
  }

  // ----- rendering -------------------------------------------------------------------------

  protected override render() {
    const notice = enquiryStateNotice(this.enquiry, {
      loading: () => msg('Loading the reflection and outcome…', { id: 'outcome.loading' }),
      'no-enquiry': () => msg('No enquiry is chosen, so there is no outcome to show.', { id: 'outcome.no-enquiry' }),
      'signed-out': () => msg('Choose who you are to see the reflection and the outcome.', { id: 'outcome.signed-out' }),
      missing: () => msg('This enquiry could not be found. It may have been removed, or not synced to this device yet.', { id: 'outcome.missing' }),
      error: (error) => msg(str`The enquiry could not be loaded: ${error}`, { id: 'outcome.load-error' }),
    });
    if (notice) return notice;
    const data = this.enquiry.state!.data;
    if (!verdict(this.enquiry.actor!, 'outcome.read', { enquiry: data, community: this.enquiry.community }).allowed) {
      return stateNotice(msg("This outcome is not published yet: only the enquiry's members can read it.", { id: 'outcome.unpublished' }));
    }
    const reflectionEditable = this.can('reflection.save', { ...EMPTY_REFLECTION });
    const outcomeEditable = this.can('outcome.save', { ...EMPTY_OUTCOME });
    const published = Boolean(data.publishedAt);
    return html`
      <section part="base" aria-labelledby="outcome-heading">
        ${styledHeading(this.headingLevel, 'outcome-heading', msg('Reflection and outcome', { id: 'outcome.heading' }), 'title')}
        ${published ? this.renderPublishedBanner() : nothing} ${this.renderStatusNotice(data.status)} ${this.steps.renderProblem()}
        ${this.renderReflection(reflectionEditable)} ${this.renderOutcome(outcomeEditable, published)}
        <p class="status-line" role="status" part="status">${this.steps.announcement}</p>
      </section>
    `;
  }

  private renderStatusNotice(status: string): TemplateResult | typeof nothing {
    if (status === 'active') return nothing;
    const refusal: Pick<Refusal, 'code' | 'params' | 'message'> = { code: status === 'paused' ? 'paused' : 'closed', params: {}, message: '' };
    return html`<p class="notice warning">${refusalText(refusal, this.session?.views)}</p>`;
  }

  private renderPublishedBanner(): TemplateResult {
    const data = this.enquiry.state!.data;
    const audiences = data.outcome?.audiences ?? [];
    return html`<div class="notice success published" part="published">
      ${styledHeading(headingLevel(this.headingLevel, 1), 'published-heading', msg(str`Published on ${formatDate(data.publishedAt)}`, { id: 'outcome.published-on' }), 'section', true)}
      ${audiences.length
        ? html`<p id="published-to">${msg('Shared through:', { id: 'outcome.published-to' })}</p>
            ${this.renderAudiences(audiences, 'published-to')}`
        : nothing}
    </div>
    ${audiences.includes('vle') ? html`<plc-vle-post part="vle-post" enquiry-id=${this.enquiryId ?? ''} heading-level=${headingLevel(this.headingLevel, 1)}></plc-vle-post>` : nothing}`;
  }

  /** Why a part cannot be written yet, by stage. */
  private lockedText(part: 'reflection' | 'outcome'): string {
    const stages = this.session?.lifecycle.stages ?? [];
    const stage = this.enquiry.state!.stage;
    const at = stages.indexOf(stage);
    if (part === 'reflection') {
      return at < stages.indexOf('evidence')
        ? msg(str`The reflection is written from the ${stageLabel('evidence', this.session?.views)} stage, as the evidence comes in.`, { id: 'outcome.reflection.too-early' })
        : msg('No reflection was written.', { id: 'outcome.reflection.none' });
    }
    return at < stages.indexOf('sharing')
      ? msg(str`The outcome for colleagues is written at the ${stageLabel('sharing', this.session?.views)} stage.`, { id: 'outcome.too-early' })
      : msg('No outcome was written.', { id: 'outcome.none' });
  }

  private renderReflection(editable: boolean): TemplateResult {
    const saved = this.enquiry.state!.data.reflection;
    const members = this.enquiry.may('reflection.save');
    const title = styledHeading(headingLevel(this.headingLevel, 1), 'reflection-heading', msg('Reflection', { id: 'outcome.reflection.heading' }), 'section');
    if (!editable) {
      return html`<section class="part" part="reflection" aria-labelledby="reflection-heading">
        ${title}
        ${saved && (saved.whatWorked || saved.whatDidNot || saved.nextSteps)
          ? html`<dl>
              <dt>${msg('What worked', { id: 'outcome.reflection.worked' })}</dt>
              <dd>${saved.whatWorked ? foldText(saved.whatWorked, 'div') : '—'}</dd>
              <dt>${msg('What did not', { id: 'outcome.reflection.did-not' })}</dt>
              <dd>${saved.whatDidNot ? foldText(saved.whatDidNot, 'div') : '—'}</dd>
              <dt>${msg('Next steps', { id: 'outcome.reflection.next' })}</dt>
              <dd>${saved.nextSteps ? foldText(saved.nextSteps, 'div') : '—'}</dd>
            </dl>`
          : html`<p class="notice">${members ? this.lockedText('reflection') : msg('No reflection was written.', { id: 'outcome.reflection.none' })}</p>`}
      </section>`;
    }
    const textarea = (name: keyof Reflection, label: string, hint: string) => html`<div class="field">
      <label for=${`reflection-${name}`}>${label}</label>
      <span class="hint" id=${`reflection-${name}-hint`}>${hint}</span>
      <textarea
        id=${`reflection-${name}`}
        rows="4"
        maxlength=${LIMITS.longText}
        aria-describedby=${`reflection-${name}-hint`}
        .value=${this.reflection[name]}
        @input=${(event: Event) => this.reflectionForm.patch({ [name]: (event.target as HTMLTextAreaElement).value })}
      ></textarea>
    </div>`;
    return html`<section class="part" part="reflection" aria-labelledby="reflection-heading">
      ${title}
      ${this.reflectionForm.render({ keepMine: () => this.saveReflection() })}
      <p class="hint">${msg('For the group: honest, and about what the evidence showed.', { id: 'outcome.reflection.hint' })}</p>
      ${textarea('whatWorked', msg('What worked', { id: 'outcome.reflection.worked' }), msg('What changed for the students, and what shows it.', { id: 'outcome.reflection.worked.hint' }))}
      ${textarea('whatDidNot', msg('What did not', { id: 'outcome.reflection.did-not' }), msg('What you would drop or do differently.', { id: 'outcome.reflection.did-not.hint' }))}
      ${textarea('nextSteps', msg('Next steps', { id: 'outcome.reflection.next' }), msg('What you will keep doing, and what you would research next.', { id: 'outcome.reflection.next.hint' }))}
      <div class="actions" part="actions">
        <button type="button" ?disabled=${this.steps.busy} @click=${() => void this.saveReflection()}>${msg('Save reflection', { id: 'outcome.reflection.save' })}</button>
        ${this.reflectionDirty ? html`<span class="badge unsaved" part="unsaved">${msg('Unsaved changes', { id: 'outcome.unsaved' })}</span>` : nothing}
      </div>
    </section>`;
  }

  private renderOutcome(editable: boolean, published: boolean): TemplateResult {
    const title = styledHeading(headingLevel(this.headingLevel, 1), 'outcome-part-heading', msg('Outcome for colleagues', { id: 'outcome.outcome.heading' }), 'section');
    const saved = this.enquiry.state!.data.outcome;
    if (!editable || (published && !this.correcting)) {
      return html`<section class="part" part="outcome" aria-labelledby="outcome-part-heading">
        ${title}
        ${saved && saved.summary ? this.renderOutcomeView(saved) : html`<p class="notice">${this.enquiry.may('outcome.save') ? this.lockedText('outcome') : msg('No outcome was written.', { id: 'outcome.none' })}</p>`}
        ${editable
          ? html`<div class="actions" part="actions">
              <button type="button" id="correct" @click=${() => this.startCorrecting()}>${msg('Correct the outcome', { id: 'outcome.correct' })}</button>
            </div>`
          : nothing}
      </section>`;
    }
    const o = this.outcome;
    return html`<section class="part" part="outcome" aria-labelledby="outcome-part-heading">
      ${title}
      ${this.outcomeForm.render({ keepMine: () => this.saveOutcome() })}
      ${published ? html`<p class="notice">${msg('You are correcting the published outcome: colleagues see your corrections once you save them.', { id: 'outcome.correcting' })}</p>` : nothing}
      <div class="field">
        <label for="outcome-summary">${msg('Summary for colleagues', { id: 'outcome.summary' })}</label>
        <span class="hint" id="outcome-summary-hint">${msg('A few sentences any colleague can read in a minute: the question, what you tried, what you found.', { id: 'outcome.summary.hint' })}</span>
        <textarea
          id="outcome-summary"
          rows="5"
          maxlength=${LIMITS.longText}
          aria-describedby="outcome-summary-hint"
          .value=${o.summary}
          @input=${(event: Event) => this.patchOutcome({ summary: (event.target as HTMLTextAreaElement).value })}
        ></textarea>
      </div>
      ${listField({
        host: this,
        id: 'outcome-findings',
        legend: msg('Findings', { id: 'outcome.findings' }),
        hint: msg('What the evidence showed, one finding a row.', { id: 'outcome.findings.hint' }),
        items: o.findings,
        itemLabel: (n) => msg(str`Finding ${n}`, { id: 'outcome.findings.item' }),
        removeText: msg('Remove', { id: 'outcome.remove' }),
        addText: msg('Add a finding', { id: 'outcome.findings.add' }),
        maxLength: LIMITS.shortText,
        onChange: (findings) => this.patchOutcome({ findings }),
      })}
      ${listField({
        host: this,
        id: 'outcome-recommendations',
        legend: msg('Recommendations', { id: 'outcome.recommendations' }),
        hint: msg('What you would suggest colleagues try.', { id: 'outcome.recommendations.hint' }),
        items: o.recommendations,
        itemLabel: (n) => msg(str`Recommendation ${n}`, { id: 'outcome.recommendations.item' }),
        removeText: msg('Remove', { id: 'outcome.remove' }),
        addText: msg('Add a recommendation', { id: 'outcome.recommendations.add' }),
        maxLength: LIMITS.shortText,
        onChange: (recommendations) => this.patchOutcome({ recommendations }),
      })}
      ${this.renderAudienceChoice(o)}
      <div class="actions" part="actions">
        <button type="button" ?disabled=${this.steps.busy} @click=${() => void this.saveOutcome()}>${msg('Save outcome', { id: 'outcome.save' })}</button>
        ${published
          ? html`<button type="button" ?disabled=${this.steps.busy} @click=${() => this.stopCorrecting()}>${msg('Cancel', { id: 'outcome.cancel' })}</button>`
          : nothing}
        ${!published && this.canOfferPublish
          ? html`<button type="button" class="primary" ?disabled=${this.steps.busy} @click=${() => void this.publish()}>${msg('Publish', { id: 'outcome.publish' })}</button>`
          : nothing}
        ${this.outcomeDirty ? html`<span class="badge unsaved" part="unsaved">${msg('Unsaved changes', { id: 'outcome.unsaved' })}</span>` : nothing}
      </div>
      ${!published && this.canOfferPublish
        ? html`<p class="hint">${msg('Publishing saves your changes first, then shares the outcome with colleagues.', { id: 'outcome.publish.hint' })}</p>`
        : nothing}
    </section>`;
  }

  /** Where the outcome is to be shared: the booklet, the VLE, a sharing session. */
  private renderAudienceChoice(o: Outcome): TemplateResult {
    return html`<fieldset class="audiences">
        <legend>${msg('Share it through', { id: 'outcome.audiences' })}</legend>
        ${AUDIENCES.map(
          (audience) => html`<label>
            <input
              type="checkbox"
              .checked=${o.audiences.includes(audience)}
              @change=${(event: Event) => {
                const on = (event.target as HTMLInputElement).checked;
                this.patchOutcome({ audiences: on ? [...o.audiences, audience] : o.audiences.filter((a) => a !== audience) });
              }}
            />
            ${audienceLabel(audience)}
          </label>`,
        )}
      </fieldset>`;
  }

  private renderOutcomeView(outcome: Outcome): TemplateResult {
    const list = (items: readonly string[]) => (items.length ? html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>` : '—');
    return html`<dl>
      <dt>${msg('Summary for colleagues', { id: 'outcome.summary' })}</dt>
      <dd>${foldText(outcome.summary, 'div')}</dd>
      <dt>${msg('Findings', { id: 'outcome.findings' })}</dt>
      <dd>${list(outcome.findings)}</dd>
      <dt>${msg('Recommendations', { id: 'outcome.recommendations' })}</dt>
      <dd>${list(outcome.recommendations)}</dd>
      <dt>${msg('Shared through', { id: 'outcome.audiences.view' })}</dt>
      <dd>${outcome.audiences.length ? this.renderAudiences(outcome.audiences) : '—'}</dd>
    </dl>`;
  }

  private renderAudiences(audiences: readonly string[], labelledBy?: string): TemplateResult {
    return html`<ul class="chips" aria-labelledby=${ifDefined(labelledBy)}>
      ${audiences.map((a) => html`<li class="badge">${audienceLabel(a)}</li>`)}
    </ul>`;
  }

  // ----- actions ---------------------------------------------------------------------------

  private patchOutcome(change: Partial<Outcome>): void {
    this.outcomeForm.patch(change);
  }

  private startCorrecting(): void {
    this.correcting = true;
    this.steps.announce('');
    void this.updateComplete.then(() => (this.shadowRoot?.getElementById('outcome-summary') as HTMLElement | null)?.focus());
  }

  private stopCorrecting(): void {
    this.correcting = false;
    this.outcomeForm.reset('correct');
  }

  private async saveReflection(): Promise<boolean> {
    if (this.steps.busy) return false;
    this.steps.clear();
    const saved = await this.reflectionForm.save((error) =>
      msg(str`The reflection could not be saved (${error}). Everything you typed is still here: try again.`, { id: 'outcome.reflection.failed' }),
    );
    if (!saved) return false;
    this.steps.announceSaved(msg('Reflection saved.', { id: 'outcome.reflection.saved' }));
    return true;
  }

  private async saveOutcome(): Promise<boolean> {
    if (this.steps.busy) return false;
    this.steps.clear();
    const saved = await this.outcomeForm.save((error) =>
      msg(str`The outcome could not be saved (${error}). Everything you typed is still here: try again.`, { id: 'outcome.save-failed' }),
    );
    if (!saved) return false;
    this.steps.announceSaved(msg('Outcome saved.', { id: 'outcome.saved' }));
    if (this.correcting) {
      this.correcting = false;
      void this.updateComplete.then(() => (this.shadowRoot?.getElementById('correct') as HTMLElement | null)?.focus());
    }
    return true;
  }

  private async publish(): Promise<void> {
    if (this.steps.busy) return;
    if (this.reflectionDirty && !(await this.saveReflection())) return;
    if (this.outcomeDirty && !(await this.saveOutcome())) return;
    this.steps.clear();
    const result = await this.steps.take('outcome.publish', {}, (error) =>
      msg(str`The outcome could not be published (${error}). Try again.`, { id: 'outcome.publish-failed' }),
    );
    if (!result?.ok) return;
    const outcome = this.enquiry.state?.data.outcome ?? EMPTY_OUTCOME;
    this.dispatchEvent(new PlcPublishEvent(this.enquiryId!, outcome.summary, [...outcome.audiences]));
    this.steps.announce(msg('Published: colleagues can now read the outcome.', { id: 'outcome.published' }));
    await this.updateComplete;
    (this.shadowRoot?.getElementById('published-heading') as HTMLElement | null)?.focus();
  }
}
