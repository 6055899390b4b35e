import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { RULES_VERSION } from '../../src/lifecycle/initialData.js';
import { decide } from '../../src/policy/policy.js';
import { LIMITS } from '../../src/schema/common.js';
import type { Community, Cycle } from '../../src/schema/directory.js';
import type { EnquiryDetails, EnquiryKind } from '../../src/schema/enquiry.js';
import type { EnquirySummary } from '../../src/store/store.js';
import { PlcElement } from '../base/plc-element.js';
import { StoreQueryController } from '../controllers/store-query.js';
import type { PlcSession } from '../context/session.js';
import { PlcEnquiryOpenEvent } from '../events/enquiry-open.js';
import { PlcErrorEvent } from '../events/error.js';
import { formatDateTime } from '../localization.js';
import { stageLabel, statusLabel } from '../strings.js';
import { sharedStyles } from '../styles/shared.js';
import { myEnquiriesStyles } from './plc-my-enquiries.styles.js';

/** How the signed-in person is connected to an enquiry in the list. */
type Relation = 'owner' | 'community' | 'reviewer';

interface ListedEnquiry {
  summary: EnquirySummary;
  relation: Relation;
}

/** The value of the "track" select for the programme itself. */
const PLC_TRACK = 'plc';

/**
 * The signed-in person's enquiries in a cycle (the ones they own, their community's group
 * enquiries, and the ones they review as a community lead), each with its theme, stage, status,
 * last change and driving question, and a form to start a new one: a group enquiry in one of
 * their communities, or an individual project (optionally supported by a community), on the PLC
 * or a cycle track such as the new-staff track.
 *
 * @summary A person's enquiries, and starting a new one.
 * @event plc-enquiry-open - A person opened an enquiry from the list (`created: false`) or has just started one (`created: true`). Detail on the event: `enquiryId`, `created`.
 * @event plc-error - The list could not be loaded or a new enquiry could not be saved.
 * @csspart header - The heading row with the "Start a new enquiry" button.
 * @csspart list - The list of enquiries.
 * @csspart item - One enquiry in the list.
 * @csspart open-button - The button that opens an enquiry (its title).
 * @csspart empty - The message shown when the person has no enquiries in the cycle.
 * @csspart form - The "Start a new enquiry" form.
 * @cssproperty --plc-color-surface-raised - Background of the enquiry cards.
 * @cssproperty --plc-color-accent-soft - Background of the stage badge.
 * @cssproperty --plc-color-border - Borders of the cards and the form.
 */
export class PlcMyEnquiries extends PlcElement {
  static override styles = [sharedStyles, myEnquiriesStyles];

  /** The cycle whose enquiries are listed; the session's cycle (the provider's, else the active one) when unset. */
  @property({ attribute: 'cycle-id', reflect: true }) accessor cycleId: string | undefined;

  @state() private accessor formOpen = false;
  @state() private accessor saving = false;
  @state() private accessor saveError = '';
  @state() private accessor titleError = '';
  @state() private accessor formCycleId = '';
  @state() private accessor formKind: EnquiryKind = 'group';
  @state() private accessor formCommunityId = '';
  @state() private accessor formThemeId = '';
  @state() private accessor formSupportId = '';
  @state() private accessor formTitle = '';
  @state() private accessor formTrack = PLC_TRACK;

  /** The enquiries the person owns, and those of their communities in the cycle. */
  private readonly list = new StoreQueryController<ListedEnquiry[]>(this, () => this.session, {
    key: (session) => (session.person ? JSON.stringify([session.person.id, this.activeCycle?.id ?? '']) : undefined),
    load: (session) => this.listFor(session),
    // A sync or a seed writes many events: the list loads once they are in.
    affects: (change) => change.kind === 'events',
  });
  private shownFor: string | undefined;

  /** Moves keyboard focus to the list's heading (used by `<plc-app>` after navigating here). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('#heading')?.focus();
  }

  private get activeCycle(): Cycle | undefined {
    const session = this.session;
    if (!session) return undefined;
    return (this.cycleId ? session.directory.cycles.get(this.cycleId) : undefined) ?? session.cycle;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const personId = this.session?.person?.id;
    if (personId !== this.shownFor) {
      // Another person signed in: their list, not the half-filled form of the one before.
      if (this.shownFor !== undefined) this.closeForm(false);
      this.shownFor = personId;
    }
  }

  /** PLCs of `cycleId` the person leads or belongs to (a group on a track, such as new staff's, holds no enquiries). */
  private communitiesOf(session: PlcSession, cycleId: string | undefined): Community[] {
    const personId = session.person?.id;
    if (!personId || !cycleId) return [];
    return [...session.directory.communities.values()]
      .filter((c) => c.cycleId === cycleId && c.trackId === undefined && (c.leadId === personId || c.memberIds.includes(personId)))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  private async listFor(session: PlcSession): Promise<ListedEnquiry[]> {
    const person = session.person!;
    const cycleId = this.activeCycle?.id;
    const inCycle = cycleId ? { cycleId } : {};
    const communities = this.communitiesOf(session, cycleId);
    const [own, ...byCommunity] = await Promise.all([
      session.store.listEnquiries({ ownerId: person.id, ...inCycle }),
      ...communities.map((c) => session.store.listEnquiries({ communityId: c.id, ...inCycle })),
    ]);
    const listed = new Map<string, ListedEnquiry>();
    for (const summary of own ?? []) listed.set(summary.enquiryId, { summary, relation: 'owner' });
    byCommunity.forEach((summaries, index) => {
      const community = communities[index]!;
      for (const summary of summaries) {
        if (listed.has(summary.enquiryId)) continue;
        // Group enquiries are every member's; the lead also reviews individual projects the community supports.
        if (summary.kind === 'group') listed.set(summary.enquiryId, { summary, relation: 'community' });
        else if (community.leadId === person.id) listed.set(summary.enquiryId, { summary, relation: 'reviewer' });
      }
    });
    return [...listed.values()].sort((a, b) => (b.summary.updatedAt ?? '').localeCompare(a.summary.updatedAt ?? ''));
  }

  private open(enquiryId: string): void {
    this.dispatchEvent(new PlcEnquiryOpenEvent(enquiryId, false));
  }

  // ---- the form ---------------------------------------------------------------------------

  /** The cycles a new enquiry can be started in: planning and active ones, and the listed one. */
  private formCycles(session: PlcSession): Cycle[] {
    const current = this.activeCycle?.id;
    return [...session.directory.cycles.values()]
      .filter((c) => c.status !== 'closed' || c.id === current)
      .sort((a, b) => b.startsOn.localeCompare(a.startsOn));
  }

  private openForm(): void {
    const session = this.session;
    if (!session) return;
    this.formOpen = true;
    this.saveError = '';
    this.titleError = '';
    this.formTitle = '';
    this.setFormCycle(this.activeCycle?.id ?? this.formCycles(session)[0]?.id ?? '');
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#form-heading')?.focus());
  }

  private closeForm(restoreFocus = true): void {
    if (!this.formOpen) return;
    this.formOpen = false;
    this.saveError = '';
    this.titleError = '';
    if (restoreFocus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#start')?.focus());
  }

  /** Picks sensible defaults for a cycle: a group enquiry when the person has a community, the new-staff track for new staff. */
  private setFormCycle(cycleId: string): void {
    const session = this.session;
    if (!session) return;
    this.formCycleId = cycleId;
    const cycle = session.directory.cycles.get(cycleId);
    const communities = this.communitiesOf(session, cycleId);
    this.formKind = communities.length > 0 ? 'group' : 'individual';
    this.formCommunityId = communities[0]?.id ?? '';
    this.formThemeId = '';
    this.formSupportId = '';
    const tracks = cycle?.tracks ?? [];
    const newStaffTrack = tracks.find((t) => t.id === 'new-staff') ?? tracks[0];
    this.formTrack = session.person?.newStaff && newStaffTrack ? newStaffTrack.id : PLC_TRACK;
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const session = this.session;
    const person = session?.person;
    if (!session || !person || this.saving) return;
    const title = this.formTitle.trim();
    this.saveError = '';
    if (!title) {
      this.titleError = msg('Give the enquiry a title.', { id: 'enquiry.list.title-missing' });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#title')?.focus();
      return;
    }
    this.titleError = '';
    const community = this.formKind === 'group' ? session.directory.communities.get(this.formCommunityId) : undefined;
    if (this.formKind === 'group' && !community) {
      this.saveError = msg('Choose the community this group enquiry belongs to.', { id: 'enquiry.list.community-missing' });
      return;
    }
    const support = this.formKind === 'individual' && this.formSupportId ? session.directory.communities.get(this.formSupportId) : undefined;
    const themeId = community ? community.themeId : this.formThemeId || undefined;
    const communityId = community?.id ?? support?.id;
    const details: EnquiryDetails = {
      title,
      kind: this.formKind,
      cycleId: this.formCycleId,
      ...(themeId ? { themeId } : {}),
      ...(communityId ? { communityId } : {}),
      ownerIds: [person.id],
      track: this.formTrack || PLC_TRACK,
      stages: [...session.lifecycle.stages],
      rulesVersion: RULES_VERSION,
    };
    const decision = decide({ kind: 'person', person }, 'enquiry.create', { details, community: community ?? support });
    if (!decision.allowed) {
      this.saveError = msg('You can only start a group enquiry in a community you belong to.', { id: 'enquiry.list.not-allowed' });
      return;
    }
    this.saving = true;
    const enquiryId = session.newId('enq');
    try {
      await session.store.append(enquiryId, [session.newEvent(enquiryId, 'enquiry.create', details)]);
      this.formOpen = false;
      this.dispatchEvent(new PlcEnquiryOpenEvent(enquiryId, true));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.saveError = msg(str`The enquiry could not be saved: ${message}`, { id: 'enquiry.list.save-failed' });
      this.dispatchEvent(new PlcErrorEvent(message, error));
    } finally {
      this.saving = false;
    }
  }

  // ---- rendering --------------------------------------------------------------------------

  protected override render() {
    const session = this.session;
    if (!session) {
      return html`<p class="notice warning" role="status">
        ${msg('Place this element inside <plc-provider> (or use <plc-app>) so it can reach your school’s data.', { id: 'enquiry.list.no-provider' })}
      </p>`;
    }
    if (!session.ready) return this.renderLoading();
    if (!session.person) {
      return html`<div class="empty" role="status">
        <p>${msg('Choose who you are to see your enquiries.', { id: 'enquiry.list.no-person' })}</p>
      </div>`;
    }
    const cycle = this.activeCycle;
    const cycleName = cycle?.name ?? '';
    const status = this.list.status;
    const items = this.list.value ?? [];
    return html`
      <div class="header" part="header">
        <div>
          <h2 id="heading" tabindex="-1">${msg('My enquiries', { id: 'enquiry.list.heading' })}</h2>
          ${cycle ? html`<p class="cycle muted">${msg(str`Cycle ${cycleName}`, { id: 'enquiry.list.cycle' })}</p>` : nothing}
        </div>
        ${status === 'ready' && items.length > 0 && !this.formOpen
          ? html`<button id="start" class="primary" @click=${this.openForm}>${msg('Start a new enquiry', { id: 'enquiry.list.start' })}</button>`
          : nothing}
      </div>
      ${this.formOpen ? this.renderForm(session) : nothing}
      ${status === 'idle' || status === 'loading'
        ? this.renderLoading()
        : status === 'error'
          ? html`<div class="notice error" role="alert">
              <p>${msg('Your enquiries could not be loaded.', { id: 'enquiry.list.load-failed' })} <span class="muted">${this.list.error}</span></p>
              <button @click=${() => void this.list.reload()}>${msg('Try again', { id: 'enquiry.list.retry' })}</button>
            </div>`
          : items.length === 0
            ? this.formOpen
              ? nothing
              : html`<div class="empty" part="empty">
                  <p>${cycle
                    ? msg(str`You have no enquiries in ${cycleName} yet.`, { id: 'enquiry.list.empty' })
                    : msg('You have no enquiries yet.', { id: 'enquiry.list.empty-any' })}</p>
                  <button id="start" class="primary" @click=${this.openForm}>${msg('Start a new enquiry', { id: 'enquiry.list.start' })}</button>
                </div>`
            : html`<ul class="list" part="list">${items.map((item) => this.renderItem(session, item))}</ul>`}
    `;
  }

  private renderLoading() {
    return html`<p class="muted" role="status">${msg('Loading your enquiries…', { id: 'enquiry.list.loading' })}</p>`;
  }

  private renderItem(session: PlcSession, { summary, relation }: ListedEnquiry) {
    const community = summary.communityId ? session.directory.communities.get(summary.communityId) : undefined;
    const kind =
      summary.kind === 'group'
        ? msg('Group enquiry', { id: 'enquiry.list.kind-group' })
        : msg('Individual project', { id: 'enquiry.list.kind-individual' });
    const relationText =
      relation === 'owner'
        ? nothing
        : relation === 'community'
          ? msg('Your community’s enquiry', { id: 'enquiry.list.relation-community' })
          : msg('You review this question', { id: 'enquiry.list.relation-reviewer' });
    const titleId = `t-${summary.enquiryId}`;
    return html`<li class="item card" part="item">
      <h3>
        <button class="link" part="open-button" id=${titleId} @click=${() => this.open(summary.enquiryId)}>
          ${summary.title || msg('Untitled enquiry', { id: 'enquiry.list.untitled' })}
        </button>
      </h3>
      <p class="badges">
        <span class="badge stage">${msg('Stage:', { id: 'enquiry.list.stage-label' })} ${stageLabel(summary.stage, this.session?.views)}</span>
        ${summary.step === 'question.review' && summary.status === 'active'
          ? html`<span class="badge review">${msg('Awaiting review', { id: 'enquiry.list.awaiting-review' })}</span>`
          : nothing}
        <span class="badge status-${summary.status}"
          ><span class="visually-hidden">${msg('Status:', { id: 'enquiry.list.status-label' })} </span>${statusLabel(summary.status)}</span
        >
      </p>
      <dl class="facts">
        <dt>${msg('Theme', { id: 'enquiry.list.theme' })}</dt>
        <dd>${summary.themeId ? this.themeName(summary.themeId) : msg('Not chosen yet', { id: 'enquiry.list.theme-none' })}</dd>
        <dt>${msg('Kind', { id: 'enquiry.list.kind' })}</dt>
        <dd>${community ? `${kind} · ${community.name}` : kind}</dd>
        <dt>${msg('Last change', { id: 'enquiry.list.updated' })}</dt>
        <dd>${summary.updatedAt ? html`<time datetime=${summary.updatedAt}>${formatDateTime(summary.updatedAt)}</time>` : '—'}</dd>
      </dl>
      ${relationText === nothing ? nothing : html`<p class="muted relation">${relationText}</p>`}
      ${summary.questionText
        ? html`<p class="question"><span class="visually-hidden">${msg('Driving question:', { id: 'enquiry.list.question-label' })} </span>${summary.questionText}</p>`
        : html`<p class="muted">${msg('No driving question yet.', { id: 'enquiry.list.no-question' })}</p>`}
    </li>`;
  }

  private renderForm(session: PlcSession) {
    const cycles = this.formCycles(session);
    const cycle = session.directory.cycles.get(this.formCycleId);
    const communities = this.communitiesOf(session, this.formCycleId);
    const allCommunities = [...session.directory.communities.values()]
      .filter((c) => c.cycleId === this.formCycleId && c.trackId === undefined)
      .sort((a, b) => a.name.localeCompare(b.name));
    const themes = (cycle?.themeIds ?? []).map((id) => session.directory.themes.get(id)).filter((t) => t !== undefined);
    const groupCommunity = session.directory.communities.get(this.formCommunityId);
    const tracks = cycle?.tracks ?? [];
    const canGroup = communities.length > 0;
    return html`<form class="card" part="form" novalidate @submit=${this.submit} aria-labelledby="form-heading">
      <h3 id="form-heading" tabindex="-1">${msg('Start a new enquiry', { id: 'enquiry.list.start' })}</h3>
      <div class="field">
        <label for="cycle">${msg('Cycle', { id: 'enquiry.list.form.cycle' })}</label>
        <select id="cycle" @change=${(e: Event) => this.setFormCycle((e.target as HTMLSelectElement).value)}>
          ${cycles.map((c) => html`<option value=${c.id} ?selected=${c.id === this.formCycleId}>${c.name}</option>`)}
        </select>
      </div>
      <fieldset>
        <legend>${msg('What kind of enquiry?', { id: 'enquiry.list.form.kind' })}</legend>
        <div class="radio">
          <input
            type="radio"
            id="kind-group"
            name="kind"
            value="group"
            .checked=${this.formKind === 'group'}
            ?disabled=${!canGroup}
            aria-describedby=${canGroup ? nothing : 'kind-group-hint'}
            @change=${() => (this.formKind = 'group')}
          />
          <label for="kind-group"
            >${msg('Group enquiry in one of my communities', { id: 'enquiry.list.form.kind-group' })}
            ${canGroup
              ? nothing
              : html`<span class="hint" id="kind-group-hint"
                  >${msg(str`You are not in a community in ${cycle?.name ?? ''}.`, { id: 'enquiry.list.form.no-community' })}</span
                >`}</label
          >
        </div>
        <div class="radio">
          <input
            type="radio"
            id="kind-individual"
            name="kind"
            value="individual"
            .checked=${this.formKind === 'individual'}
            @change=${() => (this.formKind = 'individual')}
          />
          <label for="kind-individual">${msg('Individual project', { id: 'enquiry.list.kind-individual' })}</label>
        </div>
      </fieldset>
      ${this.formKind === 'group'
        ? html`<div class="field">
              <label for="community">${msg('Community', { id: 'enquiry.list.form.community' })}</label>
              <select id="community" @change=${(e: Event) => (this.formCommunityId = (e.target as HTMLSelectElement).value)}>
                ${communities.map((c) => html`<option value=${c.id} ?selected=${c.id === this.formCommunityId}>${c.name}</option>`)}
              </select>
            </div>
            <p class="theme-fixed">
              <span class="muted">${msg('Theme (the community’s):', { id: 'enquiry.list.form.theme-fixed' })}</span>
              ${this.themeName(groupCommunity?.themeId)}
            </p>`
        : html`<div class="field">
              <label for="theme">${msg('Theme', { id: 'enquiry.list.theme' })}</label>
              <select id="theme" @change=${(e: Event) => (this.formThemeId = (e.target as HTMLSelectElement).value)}>
                <option value="" ?selected=${!this.formThemeId}>${msg('Choose later', { id: 'enquiry.list.form.theme-later' })}</option>
                ${themes.map((t) => html`<option value=${t.id} ?selected=${t.id === this.formThemeId}>${t.name}</option>`)}
              </select>
            </div>
            <div class="field">
              <label for="support"
                >${msg('Supporting community (optional)', { id: 'enquiry.list.form.support' })}
                <span class="hint">${msg('Its lead reviews your driving question.', { id: 'enquiry.list.form.support-hint' })}</span></label
              >
              <select id="support" @change=${(e: Event) => (this.formSupportId = (e.target as HTMLSelectElement).value)}>
                <option value="" ?selected=${!this.formSupportId}>${msg('None', { id: 'enquiry.list.form.support-none' })}</option>
                ${allCommunities.map((c) => html`<option value=${c.id} ?selected=${c.id === this.formSupportId}>${c.name}</option>`)}
              </select>
            </div>`}
      <div class="field">
        <label for="title">${msg('Title', { id: 'enquiry.list.form.title' })}</label>
        <input
          id="title"
          type="text"
          maxlength=${LIMITS.shortText}
          autocomplete="off"
          .value=${this.formTitle}
          aria-invalid=${this.titleError ? 'true' : 'false'}
          aria-describedby=${this.titleError ? 'title-error' : nothing}
          @input=${(e: Event) => (this.formTitle = (e.target as HTMLInputElement).value)}
        />
        ${this.titleError ? html`<p class="field-error" id="title-error">${this.titleError}</p>` : nothing}
      </div>
      ${tracks.length > 0
        ? html`<div class="field">
            <label for="track">${msg('Track', { id: 'enquiry.list.form.track' })}</label>
            <select id="track" @change=${(e: Event) => (this.formTrack = (e.target as HTMLSelectElement).value)}>
              <option value=${PLC_TRACK} ?selected=${this.formTrack === PLC_TRACK}>${msg('Professional learning community', { id: 'enquiry.list.form.track-plc' })}</option>
              ${tracks.map((t) => html`<option value=${t.id} ?selected=${t.id === this.formTrack}>${t.name}</option>`)}
            </select>
          </div>`
        : nothing}
      ${this.saveError ? html`<p class="notice error" role="alert">${this.saveError}</p>` : nothing}
      <div class="actions">
        <button type="submit" class="primary" ?disabled=${this.saving}>${msg('Start the enquiry', { id: 'enquiry.list.form.submit' })}</button>
        <button type="button" @click=${() => this.closeForm()}>${msg('Cancel', { id: 'enquiry.list.form.cancel' })}</button>
      </div>
    </form>`;
  }
}
