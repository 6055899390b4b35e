import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { msg, str } from '@lit/localize';
import type { Cycle } from '../../src/schema/directory.js';
import type { EnquirySummary } from '../../src/store/store.js';
import { PlcElement, type LoadingController } from '../base/plc-element.js';
import { StoreQueryController } from '../controllers/store-query.js';
import type { PlcSession } from '../context/session.js';
import { PlcEnquiryOpenEvent } from '../events/enquiry-open.js';
import { PlcErrorEvent } from '../events/error.js';
import { formatDateTime } from '../localization.js';
import { placeInProviderText, stageLabel, statusLabel, tryAgainText } from '../strings.js';
import { sharedStyles } from '../styles/shared.js';
import { myEnquiriesStyles } from './plc-my-enquiries.styles.js';
import { communitiesOf } from './communities.js';
import type { StartDraft } from './start-form.js';

/** The "Start a new enquiry" form, loaded the first time it is opened: the first view is the list. */
let startFormModule: Promise<typeof import('./start-form.js')> | undefined;
const loadStartForm = () => (startFormModule ??= import('./start-form.js'));

/** How the signed-in person is connected to an enquiry in the list. */
type Relation = 'owner' | 'community' | 'reviewer';

interface ListedEnquiry {
  summary: EnquirySummary;
  relation: Relation;
}

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

  static override properties: PropertyDeclarations = {
    cycleId: { attribute: 'cycle-id', reflect: true },
    form: { state: true },
    startForm: { state: true },
    formFailed: { state: true },
  };

  /** The cycle whose enquiries are listed; the session's cycle (the provider's, else the active one) when unset. */
  declare cycleId: string | undefined;

  /** The form's draft while it is open. */
  private declare form: StartDraft | undefined;
  /** The form's module, once loaded. */
  private declare startForm: typeof import('./start-form.js') | undefined;
  /** The form's module could not be loaded (a file missing on the site, or no connection). */
  private declare formFailed: boolean;
  /** The form's module while it loads: part of `loaded`, so whoever awaits it sees the form. */
  private readonly formLoad: LoadingController & { loaded: Promise<void> } = { loaded: Promise.resolve() };

  /** The enquiries the person owns, and those of their communities in the cycle. */
  private readonly list = new StoreQueryController<ListedEnquiry[]>(this, () => this.session, {
    key: (session) => (session.person ? JSON.stringify([session.person.id, this.activeCycle?.id ?? '']) : undefined),
    load: (session) => this.listFor(session),
    // A sync or a seed writes many events: the list loads once they are in.
    affects: (change) => change.kind === 'events',
  });
  private shownFor: string | undefined;

  constructor() {
    super();
    this.formFailed = false;
    this.addController(this.formLoad);
  }

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

  private async listFor(session: PlcSession): Promise<ListedEnquiry[]> {
    const person = session.person!;
    const cycleId = this.activeCycle?.id;
    const inCycle = cycleId ? { cycleId } : {};
    const communities = communitiesOf(session, cycleId);
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

  // ---- the form (start-form.ts) ------------------------------------------------------------

  private openForm(): void {
    const session = this.session;
    if (!session) return;
    this.formFailed = false;
    this.formLoad.loaded = loadStartForm().then(
      async (module) => {
        // Someone else signed in meanwhile: their list, not this form.
        if (this.session?.person?.id !== session.person?.id) return;
        this.startForm = module;
        this.form = module.openDraft(session, this.activeCycle?.id);
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('#form-heading')?.focus();
      },
      () => {
        startFormModule = undefined;
        this.formFailed = true;
      },
    );
  }

  private closeForm(restoreFocus = true): void {
    if (!this.form) return;
    this.form = undefined;
    if (restoreFocus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#start')?.focus());
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const session = this.session;
    const form = this.form;
    if (!session?.person || !form || !this.startForm || form.saving) return;
    this.form = { ...form, saving: true };
    const result = await this.startForm.startEnquiry(session, form);
    if ('enquiryId' in result) {
      this.form = undefined;
      this.dispatchEvent(new PlcEnquiryOpenEvent(result.enquiryId, true));
      return;
    }
    this.form = result.draft;
    if (result.error !== undefined) this.dispatchEvent(new PlcErrorEvent(result.error instanceof Error ? result.error.message : String(result.error), result.error));
    if (result.draft.titleError) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#title')?.focus();
    }
  }

  private renderForm(session: PlcSession, form: StartDraft) {
    return this.startForm!.renderStartForm(session, form, this.activeCycle?.id, {
      change: (patch) => {
        if (this.form) this.form = { ...this.form, ...patch };
      },
      // Another cycle: its defaults, keeping the title typed and any problem shown.
      cycle: (cycleId) => {
        const { title, titleError, saveError } = this.form ?? form;
        this.form = { ...this.startForm!.draftIn(session, cycleId, title), titleError, saveError };
      },
      submit: (e) => void this.submit(e),
      cancel: () => this.closeForm(),
    });
  }

  // ---- rendering --------------------------------------------------------------------------

  protected override render() {
    const session = this.session;
    if (!session) {
      return this.noSessionNotice(placeInProviderText);
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
        ${status === 'ready' && items.length > 0 && !this.form
          ? html`<button id="start" class="primary" @click=${this.openForm}>${msg('Start a new enquiry', { id: 'enquiry.list.start' })}</button>`
          : nothing}
      </div>
      ${this.form && this.startForm ? this.renderForm(session, this.form) : nothing}
      ${this.formFailed
        ? html`<p class="notice error" role="alert">
            ${msg('This part of plc-kit could not be loaded. Check the connection, then try again.', { id: 'app.view-failed' })}
          </p>`
        : nothing}
      ${status === 'idle' || status === 'loading'
        ? this.renderLoading()
        : status === 'error'
          ? html`<div class="notice error" role="alert">
              <p>${msg('Your enquiries could not be loaded.', { id: 'enquiry.list.load-failed' })} <span class="muted">${this.list.error}</span></p>
              <button @click=${() => void this.list.reload()}>${tryAgainText()}</button>
            </div>`
          : items.length === 0
            ? this.form
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
}
