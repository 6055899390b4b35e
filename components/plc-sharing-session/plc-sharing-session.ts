import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { msg, str } from '@lit/localize';
import { previousCycleOf } from '../../src/analysis/cycleStaff.js';
import { moveSlot, programmeOf, sessionAttendance, sharingCandidates, slotFor, type SharingCandidate } from '../../src/analysis/sharingSession.js';
import { LIMITS } from '../../src/schema/common.js';
import type { Cycle } from '../../src/schema/directory.js';
import type { SharingSession, SharingSlot } from '../../src/schema/sharing.js';
import type { PlcSession } from '../context/session.js';
import { PlcElement } from '../base/plc-element.js';
import { formatDate, formatDateTime, localToday } from '../localization.js';
import { sharedStyles } from '../styles/shared.js';
import { rowListStyles } from '../styles/row-list.js';
import { clampLevel, heading } from '../shared/heading.js';
import { stateNotice, stateNoticeStyles } from '../shared/state-notice.js';
import { StoreQueryController } from '../controllers/store-query.js';
import { RecordEditorController } from '../controllers/record-editor.js';
import { conflictView, conflictViewStyles } from '../shared/conflict-view.js';
import { savedText } from '../shared/saved-text.js';
import { KeptFormController } from '../controllers/kept-form.js';
import { attendanceSummary, programmeView } from './session-parts.js';
import { mayPlanSessions, planErrors, staffOnDay } from './session-model.js';
import { sharingSessionStyles } from './plc-sharing-session.styles.js';
import { needsProviderText, noCycleText } from '../strings.js';

/** A field of the new-session form. */
type NewField = 'title' | 'date' | 'startsAt' | 'room';

/**
 * Sharing sessions for all staff, as the case study's year 3 held them: "sessions were held for
 * all staff where themes and good practice from the previous set of PLCs were shared".
 *
 * Everyone on the staff sees the cycle's sessions and each one's programme (times per room, what
 * is presented and by whom) and can print it. A CPD leader also plans: starts a session (title,
 * day, start, main room, and the cycle whose outcomes are shared, the previous one by default),
 * adds published outcomes to the running order, sets each item's presenters, minutes and room,
 * reorders items with **Move up** / **Move down** or Alt+↑ / Alt+↓, saves, invites the presenters
 * (each gets a notification) and, on the day, ticks who came. A plan that does not fit (a day
 * outside the cycle, a presenter not on the staff that day) is refused with the field named.
 *
 * @summary Plan, print and record a sharing session of published outcomes for all staff.
 * @csspart sessions - The list of the cycle's sessions.
 * @csspart new-session - The form that starts a session (CPD leaders).
 * @csspart draft-prompt - The offer to restore a session (or its plan) typed but not saved before a reload.
 * @csspart programme - The printed programme.
 * @csspart candidates - The published outcomes that can be added (CPD leaders).
 * @csspart running-order - The editable running order (CPD leaders).
 * @csspart attendance - The "who came" checklist (CPD leaders).
 * @csspart attendance-summary - "N of M staff came (x%)".
 * @csspart state - The loading, empty, missing or error message shown instead of the content.
 */
export class PlcSharingSession extends PlcElement {
  static override styles = [sharedStyles, rowListStyles, stateNoticeStyles, conflictViewStyles, sharingSessionStyles];

  static override properties: PropertyDeclarations = {
    cycleId: { attribute: 'cycle-id', reflect: true },
    sessionId: { attribute: 'session-id', reflect: true },
    headingLevel: { attribute: 'heading-level', type: Number },
    sourceId: { state: true },
    formErrors: { state: true },
    announcement: { state: true },
    saved: { state: true },
    offline: { state: true },
  };

  constructor() {
    super();
    this.headingLevel = 2;
    this.sourceId = '';
    this.formErrors = {};
    this.announcement = '';
    this.saved = '';
    this.offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  }

  /** The cycle whose sessions are listed; defaults to the provider's cycle. */
  declare cycleId: string | undefined;

  /** The session open; set by the element when one is started or opened. */
  declare sessionId: string | undefined;

  /** The level of the element's heading (2 to 6). */
  declare headingLevel: number;

  /** The "Plan a session" form, kept on the device as it is typed until the session starts. */
  private readonly newForm = new KeptFormController<Record<NewField, string>>(
    this,
    () => this.session,
    () => (this.editor.isOpen || !this.session ? undefined : `sharing-new/${this.cycleOf(this.session)?.id ?? ''}`),
    () => ({ title: '', date: localToday(), startsAt: '15:30', room: '' }),
    'new-title',
  );
  private declare sourceId: string;
  private declare formErrors: Readonly<Record<string, string>>;
  private declare announcement: string;
  private declare saved: string;
  private declare offline: boolean;
  private loadedFor: string | undefined;

  /** The cycle's sessions, newest day first. */
  private readonly sessions = new StoreQueryController<SharingSession[]>(this, () => this.session, {
    key: (session) => this.cycleOf(session)?.id,
    load: async (session) => {
      const cycleId = this.cycleOf(session)?.id;
      const all = (await session.store.list('sharingSessions')).map((row) => row.record).filter((s) => s.cycleId === cycleId);
      return all.sort((a, b) => (a.date === b.date ? a.id.localeCompare(b.id) : a.date < b.date ? 1 : -1));
    },
    affects: (change) => change.kind === 'record' && change.collection === 'sharingSessions',
  });

  /** The outcomes published in the open session's source cycle. */
  private readonly candidates = new StoreQueryController<SharingCandidate[]>(this, () => this.session, {
    key: () => this.editor.draft?.sourceCycleId,
    load: async (session) => {
      const sourceCycleId = this.editor.draft?.sourceCycleId;
      return sourceCycleId ? sharingCandidates(await session.store.listEnquiries({ cycleId: sourceCycleId }), sourceCycleId) : [];
    },
    affects: (change) => change.kind === 'events',
  });

  /** The open session, saved at the version it was read. */
  private readonly editor = new RecordEditorController<SharingSession, SharingSession>(this, () => this.session, {
    collection: 'sharingSessions',
    draftOf: (record) => record!,
    recordOf: (draft) => {
      const session = this.session;
      const errors = planErrors(draft, {
        cycle: session?.directory.cycles.get(draft.cycleId),
        people: [...(session?.directory.people.values() ?? [])],
        candidates: this.candidates.value ?? [],
      });
      return Object.keys(errors).length ? { errors } : { record: draft };
    },
    fieldLabels: () => ({
      title: msg('Title', { id: 'sharing.field.title' }),
      date: msg('Day', { id: 'sharing.field.date' }),
      slots: msg('Running order', { id: 'sharing.order.title' }),
      attendance: msg('Who came', { id: 'sharing.attendance.title' }),
    }),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.onNetwork);
    window.addEventListener('offline', this.onNetwork);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('online', this.onNetwork);
    window.removeEventListener('offline', this.onNetwork);
    super.disconnectedCallback();
  }

  private onNetwork = () => {
    this.offline = navigator.onLine === false;
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('sessionId') || changed.has('session')) && this.session?.ready && this.sessionId !== this.loadedFor) {
      this.loadedFor = this.sessionId;
      this.saved = '';
      if (this.sessionId) void this.editor.load(this.sessionId);
      else this.editor.close();
    }
  }

  private cycleOf(session: PlcSession): Cycle | undefined {
    return this.cycleId ? session.directory.cycles.get(this.cycleId) : session.cycle;
  }

  private get level(): number {
    return clampLevel(this.headingLevel);
  }

  /** Moves keyboard focus to the element's title (used by `<plc-app>` after navigating here). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('.title')?.focus();
  }

  // ---------------------------------------------------------------------------------------------
  // Render

  protected override render() {
    const title = heading(this.level, msg('Sharing sessions', { id: 'sharing.title' }), { className: 'title', focusable: true });
    const session = this.session;
    if (!session) return html`${title}${this.noSessionNotice(needsProviderText)}`;
    if (!session.ready || this.editor.status === 'loading') return html`${title}${stateNotice(msg('Loading…', { id: 'sharing.loading' }))}`;
    if (!session.person) return html`${title}${stateNotice(msg('Choose who you are to see the sharing sessions.', { id: 'sharing.no-person' }))}`;
    const cycle = this.cycleOf(session);
    if (!cycle) return html`${title}${stateNotice(noCycleText())}`;
    const offline = this.offline
      ? html`<p class="notice" role="status">${msg('You are offline: what you save is kept on this device and sent when you are back online.', { id: 'sharing.offline' })}</p>`
      : nothing;
    if (this.editor.status === 'missing') {
      return html`${title}${offline}${stateNotice(msg('This sharing session could not be found.', { id: 'sharing.missing' }), true)}${this.backButton()}`;
    }
    if (this.editor.status === 'error') {
      return html`${title}${offline}${stateNotice(msg(str`The sharing session could not be loaded: ${this.editor.failure}`, { id: 'sharing.load-error' }), true)}${this.backButton()}`;
    }
    const draft = this.editor.draft;
    if (draft) return html`${offline}${this.renderSession(session, draft)}`;
    return html`${title}${offline}${this.renderList(session, cycle)}`;
  }

  private backButton() {
    return html`<p class="no-print"><button @click=${() => this.open(undefined)}>${msg('All sharing sessions', { id: 'sharing.back' })}</button></p>`;
  }

  private renderList(session: PlcSession, cycle: Cycle) {
    if (this.sessions.status === 'error') return stateNotice(msg(str`The sharing sessions could not be loaded: ${this.sessions.error ?? ''}`, { id: 'sharing.list-error' }), true);
    const sessions = this.sessions.value;
    if (!sessions) return stateNotice(msg('Loading…', { id: 'sharing.loading' }));
    return html`<section part="sessions" aria-labelledby="sessions-title">
        ${heading(this.level + 1, msg(str`Sessions in ${cycle.name}`, { id: 'sharing.list.title' }), { id: 'sessions-title' })}
        ${sessions.length === 0
          ? html`<p class="empty" role="status">${msg(str`No sharing sessions are planned for ${cycle.name} yet.`, { id: 'sharing.list.empty' })}</p>`
          : html`<ul class="row-list">
              ${sessions.map(
                (s) => html`<li>
                  <span><strong>${s.title}</strong> · ${formatDate(s.date)} · ${s.startsAt} · ${s.room}</span>
                  <button @click=${() => this.open(s.id)} aria-label=${msg(str`Open ${s.title}, ${formatDate(s.date)}`, { id: 'sharing.list.open-label' })}>
                    ${msg('Open', { id: 'sharing.list.open' })}
                  </button>
                </li>`,
              )}
            </ul>`}
      </section>
      ${mayPlanSessions(session.person) ? this.renderNewForm(session, cycle) : nothing}`;
  }

  private field(name: NewField, label: string, type: string, hint?: string) {
    const error = this.formErrors[name];
    const id = `new-${name}`;
    const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${id}>${label}</label>
      ${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : nothing}
      <input
        id=${id}
        type=${type}
        .value=${this.newForm.value[name]}
        maxlength=${LIMITS.shortText}
        autocomplete="off"
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${describedBy || nothing}
        @input=${(e: Event) => this.newForm.set({ [name]: (e.target as HTMLInputElement).value })}
      />
      ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : nothing}
    </div>`;
  }

  private renderNewForm(session: PlcSession, cycle: Cycle) {
    const cycles = [...session.directory.cycles.values()].filter((c) => c.startsOn <= cycle.startsOn).sort((a, b) => (a.startsOn < b.startsOn ? 1 : -1));
    const source = this.sourceId || previousCycleOf(cycle, session.directory.cycles.values())?.id || cycle.id;
    return html`<form class="card" part="new-session" novalidate @submit=${this.start}>
      ${heading(this.level + 1, msg('Plan a session', { id: 'sharing.new.title' }))} ${this.newForm.prompt('new-draft')}
      ${this.field('title', msg('Title', { id: 'sharing.field.title' }), 'text', msg('E.g. "What last year\u2019s PLCs learned".', { id: 'sharing.field.title-hint' }))}
      <div class="pair">
        ${this.field('date', msg('Day', { id: 'sharing.field.date' }), 'date')}
        ${this.field('startsAt', msg('Starts at', { id: 'sharing.field.starts' }), 'time')}
      </div>
      ${this.field('room', msg('Main room', { id: 'sharing.field.room' }), 'text', msg('Items without a room of their own take place here.', { id: 'sharing.field.room-hint' }))}
      <div class="field">
        <label for="new-source">${msg('Share the outcomes published in', { id: 'sharing.field.source' })}</label>
        <select id="new-source" @change=${(e: Event) => (this.sourceId = (e.target as HTMLSelectElement).value)}>
          ${cycles.map((c) => html`<option value=${c.id} ?selected=${c.id === source}>${c.name}</option>`)}
        </select>
      </div>
      <div class="actions"><button class="primary" type="submit">${msg('Start planning', { id: 'sharing.new.start' })}</button></div>
    </form>`;
  }

  private renderSession(session: PlcSession, draft: SharingSession) {
    const names = (id: string) => session.directory.people.get(id)?.name;
    const planner = mayPlanSessions(session.person);
    const marked = draft.attendance.length;
    return html`<div class="session-head">
        ${heading(this.level, draft.title, { className: 'title', focusable: true })}
        <div class="actions no-print">
          <button @click=${() => window.print()}>${msg('Print the programme', { id: 'sharing.print' })}</button>
          <button @click=${() => this.open(undefined)}>${msg('All sharing sessions', { id: 'sharing.back' })}</button>
        </div>
      </div>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
      ${programmeView(programmeOf(draft, names), this.level + 1)}
      ${attendanceSummary(sessionAttendance(draft, [...session.directory.people.values()]), marked)}
      ${planner ? this.renderPlanner(session, draft) : nothing}`;
  }

  private renderPlanner(session: PlcSession, draft: SharingSession) {
    const errors = this.editor.errors;
    return html`<div class="planner no-print">
      ${errors['date'] ? html`<p class="notice error" role="alert">${errors['date']}</p>` : nothing}
      ${conflictView(this.editor, { keepMine: () => this.save(), takeTheirs: () => this.editor.takeTheirs() })}
      ${this.renderCandidates(session, draft)} ${this.renderOrder(session, draft)}
      <div class="actions">
        <button class="primary" @click=${() => this.save()} ?disabled=${this.editor.saving}>${msg('Save the plan', { id: 'sharing.save' })}</button>
        <button @click=${this.invite} ?disabled=${this.editor.saving || draft.slots.length === 0}>
          ${draft.invitedAt ? msg('Invite the presenters again', { id: 'sharing.invite-again' }) : msg('Invite the presenters', { id: 'sharing.invite' })}
        </button>
      </div>
      <p class="status muted" role="status">${this.statusText(draft)}</p>
      ${this.editor.failure && !this.editor.saving ? html`<p class="notice error" role="alert">${msg(str`Not saved: ${this.editor.failure}`, { id: 'sharing.save-error' })}</p>` : nothing}
      ${this.renderAttendance(session, draft)}
    </div>`;
  }

  private statusText(draft: SharingSession): string {
    if (this.editor.saving) return msg('Saving…', { id: 'sharing.saving' });
    if (this.editor.dirty) return msg('Changes not saved yet.', { id: 'sharing.unsaved' });
    if (this.saved) return this.saved;
    return draft.invitedAt ? msg(str`Presenters invited ${formatDateTime(draft.invitedAt)}.`, { id: 'sharing.invited-at' }) : '';
  }

  private renderCandidates(session: PlcSession, draft: SharingSession) {
    const source = session.directory.cycles.get(draft.sourceCycleId)?.name ?? draft.sourceCycleId;
    const candidates = this.candidates.value;
    const used = new Set(draft.slots.map((s) => s.enquiryId));
    const themeOf = (id: string | undefined) => (id ? session.directory.themes.get(id)?.name : undefined);
    return html`<section class="card" part="candidates" aria-labelledby="candidates-title">
      ${heading(this.level + 1, msg(str`Outcomes published in ${source}`, { id: 'sharing.candidates.title' }), { id: 'candidates-title' })}
      ${!candidates
        ? stateNotice(msg('Loading…', { id: 'sharing.loading' }))
        : candidates.length === 0
          ? html`<p class="empty" role="status">${msg(str`No outcomes were published in ${source}.`, { id: 'sharing.candidates.empty' })}</p>`
          : html`<ul class="row-list">
              ${candidates.map(
                (c) => html`<li>
                  <span><strong>${c.title}</strong>${themeOf(c.themeId) ? html` · ${themeOf(c.themeId)}` : nothing}
                    · ${c.ownerIds.map((id) => session.directory.people.get(id)?.name ?? id).join(', ')}</span>
                  <button
                    @click=${() => this.addSlot(c)}
                    aria-label=${used.has(c.enquiryId)
                      ? msg(str`Add again to the running order: ${c.title}`, { id: 'sharing.candidates.add-again-label' })
                      : msg(str`Add to the running order: ${c.title}`, { id: 'sharing.candidates.add-label' })}
                  >
                    ${used.has(c.enquiryId) ? msg('Add again', { id: 'sharing.candidates.add-again' }) : msg('Add', { id: 'sharing.candidates.add' })}
                  </button>
                </li>`,
              )}
            </ul>`}
    </section>`;
  }

  private renderOrder(session: PlcSession, draft: SharingSession) {
    const staff = staffOnDay(session.directory.people.values(), draft.date);
    return html`<section class="card" part="running-order" aria-labelledby="order-title">
      ${heading(this.level + 1, msg('Running order', { id: 'sharing.order.title' }), { id: 'order-title' })}
      <p class="hint">${msg('Move an item with its buttons, or with Alt+Up and Alt+Down from any of its fields.', { id: 'sharing.order.hint' })}</p>
      ${draft.slots.length === 0
        ? html`<p class="empty" role="status">${msg('Add published outcomes above to build the running order.', { id: 'sharing.order.empty' })}</p>`
        : html`<ol class="slots">${draft.slots.map((slot, i) => this.renderSlot(session, draft, slot, i, staff))}</ol>`}
    </section>`;
  }

  private renderSlot(session: PlcSession, draft: SharingSession, slot: SharingSlot, index: number, staff: readonly { id: string; name: string }[]) {
    const errors = this.editor.errors;
    const id = `slot-${slot.id}`;
    const error = (field: string) => errors[`slots.${index}.${field}`];
    const others = staff.filter((p) => !slot.presenterIds.includes(p.id));
    const last = draft.slots.length - 1;
    return html`<li class="slot" data-slot=${slot.id} @keydown=${(e: KeyboardEvent) => this.onSlotKey(e, index)}>
      <div class="field">
        <label for="${id}-title">${msg(str`Item ${index + 1}: title`, { id: 'sharing.slot.title' })}</label>
        <input id="${id}-title" .value=${slot.title} maxlength=${LIMITS.shortText} aria-invalid=${error('title') ? 'true' : 'false'}
          aria-describedby=${error('title') ? `${id}-title-error` : nothing} @input=${(e: Event) => this.updateSlot(index, { title: (e.target as HTMLInputElement).value })} />
        ${error('title') ? html`<p class="field-error" id="${id}-title-error">${error('title')}</p>` : nothing}
      </div>
      <div class="pair">
        <div class="field">
          <label for="${id}-minutes">${msg('Minutes', { id: 'sharing.slot.minutes' })}</label>
          <input id="${id}-minutes" type="number" min="5" max="120" step="5" .value=${String(slot.minutes)} aria-invalid=${error('minutes') ? 'true' : 'false'}
            aria-describedby=${error('minutes') ? `${id}-minutes-error` : nothing} @input=${(e: Event) => this.updateSlot(index, { minutes: Number((e.target as HTMLInputElement).value) })} />
          ${error('minutes') ? html`<p class="field-error" id="${id}-minutes-error">${error('minutes')}</p>` : nothing}
        </div>
        <div class="field">
          <label for="${id}-room">${msg('Room', { id: 'sharing.slot.room' })}</label>
          <input id="${id}-room" .value=${slot.room ?? ''} placeholder=${draft.room} maxlength=${LIMITS.shortText}
            @input=${(e: Event) => this.updateSlot(index, { room: (e.target as HTMLInputElement).value.trim() || undefined })} />
        </div>
      </div>
      <fieldset aria-describedby=${error('presenterIds') ? `${id}-presenters-error` : nothing}>
        <legend>${msg('Presented by', { id: 'sharing.slot.presenters' })}</legend>
        ${slot.presenterIds.map(
          (personId) => html`<label class="check"><input type="checkbox" checked @change=${() => this.updateSlot(index, { presenterIds: slot.presenterIds.filter((p) => p !== personId) })} />
            ${session.directory.people.get(personId)?.name ?? personId}</label>`,
        )}
        ${error('presenterIds') ? html`<p class="field-error" id="${id}-presenters-error">${error('presenterIds')}</p>` : nothing}
        <label for="${id}-add">${msg('Add a presenter', { id: 'sharing.slot.add-presenter' })}</label>
        <select id="${id}-add" @change=${(e: Event) => this.addPresenter(index, e.target as HTMLSelectElement)}>
          <option value="">${msg('Choose a colleague…', { id: 'sharing.slot.choose' })}</option>
          ${others.map((p) => html`<option value=${p.id}>${p.name}</option>`)}
        </select>
      </fieldset>
      <div class="actions" role="group" aria-label=${msg(str`Item ${index + 1}`, { id: 'sharing.slot.group' })}>
        <button data-move="up" ?disabled=${index === 0} @click=${() => this.move(index, -1, 'up')}>${msg('Move up', { id: 'sharing.slot.up' })}</button>
        <button data-move="down" ?disabled=${index === last} @click=${() => this.move(index, 1, 'down')}>${msg('Move down', { id: 'sharing.slot.down' })}</button>
        <button data-move="remove" @click=${() => this.removeSlot(index)}>${msg('Remove', { id: 'sharing.slot.remove' })}</button>
      </div>
    </li>`;
  }

  private renderAttendance(session: PlcSession, draft: SharingSession) {
    const staff = staffOnDay(session.directory.people.values(), draft.date);
    const present = new Map(draft.attendance.map((row) => [row.personId, row.present]));
    return html`<section class="card" part="attendance" aria-labelledby="attendance-title">
      ${heading(this.level + 1, msg('Who came', { id: 'sharing.attendance.title' }), { id: 'attendance-title' })}
      ${staff.length === 0
        ? html`<p class="empty" role="status">${msg('No one is on the staff on this day.', { id: 'sharing.attendance.empty' })}</p>`
        : html`<fieldset>
            <legend>${msg(str`Staff on ${formatDate(draft.date)}`, { id: 'sharing.attendance.legend' })}</legend>
            <div class="attendance-grid">
              ${staff.map(
                (p) => html`<label class="check"><input type="checkbox" .checked=${present.get(p.id) === true} @change=${(e: Event) => this.mark(p.id, (e.target as HTMLInputElement).checked)} />${p.name}</label>`,
              )}
            </div>
          </fieldset>
          <div class="actions"><button @click=${() => this.save()} ?disabled=${this.editor.saving}>${msg('Save who came', { id: 'sharing.attendance.save' })}</button></div>`}
    </section>`;
  }

  // ---------------------------------------------------------------------------------------------
  // Actions

  private open(sessionId: string | undefined): void {
    this.sessionId = sessionId;
    void this.loaded.then(() => this.focusHeading());
  }

  private start = async (event: Event) => {
    event.preventDefault();
    const session = this.session;
    const cycle = session ? this.cycleOf(session) : undefined;
    if (!session || !cycle) return;
    const { title, date, startsAt, room } = this.newForm.value;
    const source = this.sourceId || previousCycleOf(cycle, session.directory.cycles.values())?.id || cycle.id;
    const draft: SharingSession = { schemaVersion: 1, id: session.newId('sharing'), title: title.trim(), cycleId: cycle.id, sourceCycleId: source, date, startsAt, room: room.trim(), slots: [], attendance: [] };
    const errors = planErrors(draft, { cycle, people: [...session.directory.people.values()], candidates: [] });
    this.formErrors = errors;
    if (Object.keys(errors).length) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    this.editor.openNew(draft);
    const result = await this.editor.save();
    if (!result.ok) {
      this.formErrors = { title: msg(str`The session could not be started: ${this.editor.failure}`, { id: 'sharing.start-failed' }) };
      this.editor.close();
      return;
    }
    this.loadedFor = draft.id;
    this.newForm.reset();
    this.open(draft.id);
  };

  private updateSlot(index: number, patch: Partial<SharingSlot>): void {
    const draft = this.editor.draft;
    if (!draft) return;
    this.editor.update({ slots: draft.slots.map((slot, i) => (i === index ? { ...slot, ...patch } : slot)) });
  }

  private addSlot(candidate: SharingCandidate): void {
    const draft = this.editor.draft;
    const session = this.session;
    if (!draft || !session) return;
    this.editor.update({ slots: [...draft.slots, slotFor(candidate, session.newId('slot'))] });
    this.announcement = msg(str`Added ${candidate.title} as item ${draft.slots.length + 1}.`, { id: 'sharing.announce.added' });
  }

  private addPresenter(index: number, select: HTMLSelectElement): void {
    const draft = this.editor.draft;
    const personId = select.value;
    if (!draft || !personId) return;
    this.updateSlot(index, { presenterIds: [...draft.slots[index]!.presenterIds, personId] });
    select.value = '';
  }

  private async move(index: number, offset: number, keep: 'up' | 'down' | 'title'): Promise<void> {
    const draft = this.editor.draft;
    if (!draft) return;
    const slots = moveSlot(draft.slots, index, offset);
    const moved = draft.slots[index]!;
    const to = slots.indexOf(moved);
    if (to === index) return;
    this.editor.update({ slots });
    this.announcement = msg(str`${moved.title} is now item ${to + 1} of ${slots.length}.`, { id: 'sharing.announce.moved' });
    await this.updateComplete;
    // Keep focus on the control that moved it, now in the item's new place (or its other button at an end).
    const item = this.renderRoot.querySelector<HTMLElement>(`[data-slot="${moved.id}"]`);
    const target = keep === 'title' ? item?.querySelector<HTMLElement>('input') : item?.querySelector<HTMLButtonElement>(`[data-move="${keep}"]`);
    const usable = target && !(target as HTMLButtonElement).disabled ? target : item?.querySelector<HTMLElement>(`[data-move="${keep === 'up' ? 'down' : 'up'}"]`);
    usable?.focus();
  }

  private onSlotKey(event: KeyboardEvent, index: number): void {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    const inButton = (event.composedPath()[0] as HTMLElement | undefined)?.dataset?.['move'];
    const keep = inButton === 'up' || inButton === 'down' ? inButton : 'title';
    void this.move(index, event.key === 'ArrowUp' ? -1 : 1, keep);
  }

  private async removeSlot(index: number): Promise<void> {
    const draft = this.editor.draft;
    if (!draft) return;
    const removed = draft.slots[index]!;
    this.editor.update({ slots: draft.slots.filter((_, i) => i !== index) });
    this.announcement = msg(str`Removed ${removed.title}.`, { id: 'sharing.announce.removed' });
    await this.updateComplete;
    // Focus goes to the item that took its place (or the one before), else back to the outcomes.
    const items = this.renderRoot.querySelectorAll<HTMLElement>('.slot');
    const next = items[Math.min(index, items.length - 1)]?.querySelector<HTMLElement>('input') ?? this.renderRoot.querySelector<HTMLElement>('[part="candidates"] button');
    next?.focus();
  }

  private mark(personId: string, present: boolean): void {
    const draft = this.editor.draft;
    if (!draft) return;
    const others = draft.attendance.filter((row) => row.personId !== personId);
    this.editor.update({ attendance: [...others, { personId, present }] });
  }

  private invite = async () => {
    const before = this.editor.draft?.invitedAt;
    this.editor.update({ invitedAt: new Date().toISOString() });
    if (await this.save()) this.saved = msg('Presenters invited: each of them gets a notification.', { id: 'sharing.invited' });
    else this.editor.update({ invitedAt: before });
  };

  /** Saves the plan; on problems, focuses the first field at fault. */
  private async save(): Promise<boolean> {
    const result = await this.editor.save();
    if (result.ok) {
      this.saved = savedText(this.session?.store, msg('Saved.', { id: 'sharing.saved' }));
      return true;
    }
    this.saved = '';
    if (result.reason === 'invalid') {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.planner [aria-invalid="true"]')?.focus();
    }
    return false;
  }
}
