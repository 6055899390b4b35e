import { html, nothing, type TemplateResult, type PropertyDeclarations } from 'lit';
import { msg, str } from '@lit/localize';
import type { Person } from '../../src/schema/directory.js';
import type { Observation } from '../../src/schema/enquiry.js';
import { visibleObservation } from '../../src/policy/index.js';
import { PlcElement } from '../base/plc-element.js';
import { EnquiryController } from '../controllers/enquiry-controller.js';
import { StepController } from '../controllers/step-controller.js';
import { currentLocale, formatDate, formatNumber } from '../localization.js';
import { sharedStyles } from '../styles/shared.js';
import { headingLevel, headingStyles, styledHeading } from '../shared/heading.js';
import { enquiryStateNotice, stateNoticeStyles } from '../shared/state-notice.js';
import { foldStyles, foldText } from '../shared/fold.js';
import { observationListStyles } from './plc-observation-list.styles.js';

/** One list formatter per language: building one is costly and a long list names people on many cards. */
const listFormats = new Map<string, Intl.ListFormat | undefined>();

/** A list such as "a, b and c" in the active language. */
function joinNames(names: readonly string[]): string {
  const locale = currentLocale();
  if (!listFormats.has(locale)) {
    let format: Intl.ListFormat | undefined;
    try {
      format = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
    } catch {
      format = undefined;
    }
    listFormats.set(locale, format);
  }
  return listFormats.get(locale)?.format(names) ?? names.join(', ');
}

/** Ids that are safe inside an element id. */
const safe = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '_');

/**
 * The enquiry's peer observations, newest first: date, who observed whom, the class and the
 * focus. The developmental notes (strengths, wonderings, next steps) are shown only to the
 * people the policy lets read them: the enquiry's members, the observer, the observed colleague
 * and whoever the observed colleague shared them with. Everyone else sees that the notes are
 * private. The observed colleague can share their notes further; everyone who sees the
 * observation sees who it is shared with.
 *
 * A long list stays quick: each card is drawn with `content-visibility: auto`, so only the cards
 * near the screen are laid out (the others keep an estimated height until they come near it);
 * every card's content is in the page all along, for find-in-page, assistive technology and
 * printing, which lays out every card.
 *
 * @tagname plc-observation-list
 * @summary Lists an enquiry's observations, with notes only for those allowed to read them.
 * @event plc-change - The observed colleague shared notes (`step` is `observation.share`).
 * @event plc-refused - Sharing was refused; the reason is shown too.
 * @event plc-error - The enquiry could not be loaded or the sharing could not be saved.
 * @csspart base - The element's outer section.
 * @csspart observation - One observation card.
 * @csspart notes - The notes of one observation.
 * @csspart private - The "notes are private" message shown instead of the notes.
 * @csspart shared-with - Who the notes are shared with.
 * @csspart share - The observed colleague's sharing panel.
 * @csspart status - The live status line ("Shared with ...").
 * @csspart empty - The message shown when there are no observations.
 * @csspart state - Loading, error and signed-out messages.
 * @cssproperty --plc-color-surface-raised - Background of the cards.
 */
export class PlcObservationList extends PlcElement {
  static override styles = [sharedStyles, headingStyles, stateNoticeStyles, foldStyles, observationListStyles];

  static override properties: PropertyDeclarations = {
    enquiryId: { attribute: 'enquiry-id', reflect: true },
    headingLevel: { attribute: 'heading-level', type: Number },
    sharing: { state: true },
    chosen: { state: true },
    filter: { state: true },
  };

  constructor() {
    super();
    this.headingLevel = 2;
    this.chosen = new Set();
    this.filter = '';
  }

  /** The enquiry whose observations are listed. */
  declare enquiryId: string | undefined;

  /**
   * The level of the element's heading, 1 to 6 (default 2); its sections' headings are one level
   * below. Set it to fit the page, e.g. `4` inside a panel under an `<h3>`.
   */
  declare headingLevel: number;


  /** The observation whose sharing panel is open. */
  private declare sharing: string | undefined;
  private declare chosen: ReadonlySet<string>;
  private declare filter: string;

  private readonly enquiry = new EnquiryController(this, () => this.session, () => this.enquiryId);
  /** Sharing notes: one step at a time, the reason under the choice when it is not taken. */
  private readonly steps = new StepController(this, this.enquiry, 'share-error');

  /**
   * Whether the signed-in person may share the notes of the observations they were observed in,
   * now. Asked once per render with their first such observation: the policy and the lifecycle's
   * guards depend on the observation only through "it exists and this person was observed in
   * it", which holds for every row it is used for, so 200 rows do not cost 200 lifecycle checks.
   */
  private canShareOwn(observations: readonly Observation[]): boolean {
    const me = this.session?.person;
    const own = me && observations.find((o) => o.observedId === me.id);
    if (!me || !own) return false;
    const payload = { observationId: own.id, personIds: [me.id] };
    return this.enquiry.may('observation.share', payload) && this.enquiry.check('observation.share', payload).ok;
  }

  /** People the notes can still be shared with: not the observed colleague, nor anyone who reads them already. */
  private candidates(observation: Observation): Person[] {
    const members = this.enquiry.memberIds();
    const excluded = new Set([observation.observedId, observation.observerId, ...observation.sharedWith, ...members]);
    return [...(this.session?.directory.people.values() ?? [])].filter((p) => !excluded.has(p.id)).sort((a, b) => a.name.localeCompare(b.name));
  }

  // ----- rendering -------------------------------------------------------------------------

  protected override render() {
    const notice = enquiryStateNotice(this.enquiry, {
      loading: () => msg('Loading observations…', { id: 'observation.list.loading' }),
      'no-enquiry': () => msg('No enquiry is chosen, so there are no observations to show.', { id: 'observation.list.no-enquiry' }),
      'signed-out': () => msg('Choose who you are to see the observations.', { id: 'observation.list.signed-out' }),
      missing: () => msg('This enquiry could not be found. It may have been removed, or not synced to this device yet.', { id: 'observation.missing' }),
      error: (error) => msg(str`The enquiry could not be loaded: ${error}`, { id: 'observation.load-error' }),
    });
    if (notice) return notice;
    const data = this.enquiry.state!.data;
    const observations = data.observations
      .map((o, index) => ({ o, index }))
      .sort((a, b) => b.o.date.localeCompare(a.o.date) || b.index - a.index)
      .map(({ o }) => o);
    const canShare = this.canShareOwn(observations);
    return html`
      <section part="base" aria-labelledby="obs-list-heading">
        <header>
          ${styledHeading(this.headingLevel, 'obs-list-heading', msg('Observations', { id: 'observation.list.heading' }), 'title')}
          ${observations.length ? html`<span class="badge">${formatNumber(observations.length)}</span>` : nothing}
        </header>
        ${observations.length
          ? html`<ol class="observations">
              ${observations.map((o) => html`<li>${this.renderObservation(o, canShare)}</li>`)}
            </ol>`
          : html`<div class="empty" part="empty">
              <p>${msg('No observations yet.', { id: 'observation.list.empty' })}</p>
              <p>${msg('Observations recorded for this enquiry will appear here.', { id: 'observation.list.empty.hint' })}</p>
            </div>`}
        <p class="status-line" role="status" part="status">${this.steps.announcement}</p>
      </section>
    `;
  }

  /** One observation; `canShare`: whether the signed-in person may share the notes of those they were observed in. */
  private renderObservation(observation: Observation, canShare: boolean): TemplateResult {
    const data = this.enquiry.state!.data;
    const visible = visibleObservation(this.enquiry.actor!, observation, data, { community: this.enquiry.community });
    const id = safe(observation.id);
    if ('factHidden' in visible) {
      // The fact of an observation is as private as its notes (docs/privacy.md): no names, class, date or focus.
      return html`<article class="card" part="observation private-observation" aria-labelledby=${`obs-${id}-title`}>
        ${styledHeading(headingLevel(this.headingLevel, 1), `obs-${id}-title`, msg('A private observation', { id: 'observation.list.private-title' }), 'section')}
        <p class="private muted" part="private">
          ${msg("Who observed whom, when and with what focus is for the enquiry's members, the observer, the colleague observed and whoever she shares it with.", { id: 'observation.list.private-fact' })}
        </p>
      </article>`;
    }
    const observer = this.personName(observation.observerId);
    const observed = this.personName(observation.observedId);
    const me = this.session?.person?.id;

    const shareable = canShare && me === observation.observedId;
    return html`<article class="card" part="observation" aria-labelledby=${`obs-${id}-title`}>
      ${styledHeading(headingLevel(this.headingLevel, 1), `obs-${id}-title`, msg(str`${observer} observed ${observed}`, { id: 'observation.list.title' }), 'section')}
      <p class="meta">
        <span>${formatDate(observation.date)}</span>
        ${observation.className ? html`<span>${msg(str`Class: ${observation.className}`, { id: 'observation.list.class' })}</span>` : nothing}
      </p>
      <p class="focus"><strong>${msg('Focus:', { id: 'observation.list.focus' })}</strong> ${observation.focus}</p>
      ${this.renderNotes(visible)}
      ${observation.sharedWith.length
        ? html`<p class="shared-with" part="shared-with">
            ${msg(str`${observed} shared these notes with ${joinNames(observation.sharedWith.map((p) => this.personName(p)))}.`, { id: 'observation.list.shared-with' })}
          </p>`
        : nothing}
      ${shareable ? this.renderShare(observation) : nothing}
    </article>`;
  }

  private renderNotes(observation: Observation): TemplateResult {
    const none = html`<span class="muted">—</span>`;
    return html`<dl part="notes">
      <div>
        <dt>${msg('Strengths', { id: 'observation.strengths' })}</dt>
        <dd>${observation.strengths ? foldText(observation.strengths, 'div') : none}</dd>
      </div>
      <div>
        <dt>${msg('Wonderings', { id: 'observation.wonderings' })}</dt>
        <dd>${observation.wonderings ? foldText(observation.wonderings, 'div') : none}</dd>
      </div>
      <div>
        <dt>${msg('Next steps', { id: 'observation.next-steps' })}</dt>
        <dd>${observation.nextSteps ? foldText(observation.nextSteps, 'div') : none}</dd>
      </div>
    </dl>`;
  }

  private renderShare(observation: Observation): TemplateResult {
    const id = safe(observation.id);
    const open = this.sharing === observation.id;
    const toggle = html`<button
      type="button"
      id=${`share-${id}-toggle`}
      aria-expanded=${open ? 'true' : 'false'}
      aria-controls=${`share-${id}`}
      @click=${() => this.toggleShare(observation.id)}
    >
      ${msg('Share my observation notes', { id: 'observation.share.open' })}
    </button>`;
    return html`<div class="actions">${toggle}</div>
      ${open ? this.renderSharePanel(observation) : nothing}`;
  }

  private renderSharePanel(observation: Observation): TemplateResult {
    const id = safe(observation.id);
    const candidates = this.candidates(observation);
    const needle = this.filter.trim().toLocaleLowerCase();
    const shown = needle ? candidates.filter((p) => p.name.toLocaleLowerCase().includes(needle) || this.chosen.has(p.id)) : candidates;
    return html`<div class="share" id=${`share-${id}`} part="share">
        ${candidates.length
          ? html`<fieldset aria-describedby=${`share-${id}-hint${this.steps.problem ? ' share-error' : ''}`}>
              <legend>${msg('Share with', { id: 'observation.share.legend' })}</legend>
              <p class="hint" id=${`share-${id}-hint`}>
                ${msg("The enquiry's members can already read these notes. Choose who else may read them; this cannot be undone.", { id: 'observation.share.hint' })}
              </p>
              ${candidates.length > 8
                ? html`<div class="field">
                    <label for=${`share-${id}-filter`}>${msg('Find a colleague', { id: 'observation.share.filter' })}</label>
                    <input id=${`share-${id}-filter`} type="search" .value=${this.filter} @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)} />
                  </div>`
                : nothing}
              <div class="people">
                ${shown.map(
                  (p) => html`<div class="person">
                    <input
                      type="checkbox"
                      id=${`share-${id}-${safe(p.id)}`}
                      .checked=${this.chosen.has(p.id)}
                      @change=${(e: Event) => this.choose(p.id, (e.target as HTMLInputElement).checked)}
                    />
                    <label for=${`share-${id}-${safe(p.id)}`}>${p.name}</label>
                  </div>`,
                )}
              </div>
              ${this.steps.problem ? html`<p class="field-error" id="share-error" role="alert" tabindex="-1">${this.steps.problem}</p>` : nothing}
            </fieldset>
            <div class="actions">
              <button type="button" class="primary" ?disabled=${this.steps.busy} @click=${() => void this.share(observation)}>
                ${msg('Share the notes', { id: 'observation.share.confirm' })}
              </button>
              <button type="button" @click=${() => this.toggleShare(observation.id)}>${msg('Cancel', { id: 'observation.share.cancel' })}</button>
            </div>`
          : html`<p class="muted">${msg('Everyone else who could read these notes already can.', { id: 'observation.share.nobody' })}</p>`}
      </div>`;
  }

  // ----- actions ---------------------------------------------------------------------------

  private toggleShare(observationId: string): void {
    const closing = this.sharing === observationId;
    this.sharing = closing ? undefined : observationId;
    this.chosen = new Set();
    this.filter = '';
    // Opening a panel starts afresh; closing it after a share keeps the "shared with" line.
    if (closing) this.steps.problem = '';
    else this.steps.clear();
    const id = safe(observationId);
    void this.updateComplete.then(() => {
      const target = closing ? `share-${id}-toggle` : `share-${id}`;
      const element = this.shadowRoot?.getElementById(target);
      (closing ? element : element?.querySelector<HTMLElement>('input, button'))?.focus();
    });
  }

  private choose(personId: string, on: boolean): void {
    const next = new Set(this.chosen);
    if (on) next.add(personId);
    else next.delete(personId);
    this.chosen = next;
    if (next.size) this.steps.clear();
  }

  private async share(observation: Observation): Promise<void> {
    if (this.steps.busy) return;
    if (!this.chosen.size) return this.steps.showProblem(msg('Choose at least one colleague.', { id: 'observation.share.none-chosen' }));
    const personIds = [...this.chosen];
    const result = await this.steps.take('observation.share', { observationId: observation.id, personIds }, (error) =>
      msg(str`The notes could not be shared (${error}). Try again.`, { id: 'observation.share.failed' }),
    );
    if (!result?.ok) return;
    this.toggleShare(observation.id);
    this.steps.announce(msg(str`Your notes are now shared with ${joinNames(personIds.map((p) => this.personName(p)))}.`, { id: 'observation.share.done' }));
  }
}
