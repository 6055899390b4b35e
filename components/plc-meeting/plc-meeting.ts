import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { msg, str } from '@lit/localize';
import { verdict } from '../../src/policy/policy.js';
import { LIMITS } from '../../src/schema/common.js';
import type { Community, Meeting, MeetingProtocol, MeetingSlot } from '../../src/schema/directory.js';
import type { EnquirySummary, Versioned } from '../../src/store/store.js';
import { PlcElement } from '../base/plc-element.js';
import { RecordEditorController } from '../controllers/record-editor.js';
import { StoreQueryController } from '../controllers/store-query.js';
import { currentLocale, formatDate, formatNumber } from '../localization.js';
import { placeInProviderText, stageLabel, tryAgainText } from '../strings.js';
import { sharedStyles } from '../styles/shared.js';
import { savedText } from '../shared/saved-text.js';
import { foldStyles } from '../shared/fold.js';
import { conflictView, conflictViewStyles } from '../shared/conflict-view.js';
import { clampLevel, heading } from '../shared/heading.js';
import { listField, listFieldStyles } from '../shared/list-field.js';
import { agendaFieldset, attendanceFieldset, enquiriesFieldset, pastMeetings, protocolsFieldset, type MeetingFormContext } from './meeting-form.js';
import { agendaDraft, draftOf, MAX_AGENDA, meetingFieldLabels, recordOf, sameAgenda, type MeetingDraft } from './meeting-model.js';
import { PlcMeetingSaveEvent } from './meeting-save-event.js';
import { noteVersions, noteVersionsStyles } from './meeting-versions.js';
import { PROTOCOLS, protocolAgenda } from './protocols.js';
import { meetingStyles } from './plc-meeting.styles.js';

/** What the element lists beside the form: the community's meetings and enquiries. */
interface MeetingLists {
  meetings: Array<Versioned<Meeting>>;
  enquiries: EnquirySummary[];
}

/**
 * A professional learning community's meeting: choose a protocol ("Looking at student data",
 * "A lesson that didn't go to plan", "Sharing an observation", planning, or an open meeting) and
 * its agenda is filled in with timings, ready to edit; then notes, decisions, who attended (the
 * community's lead, members and coaches) and which of the community's enquiries the meeting was
 * about. Saved as a `meetings` record at the version the form opened (a record editor): when
 * someone else saved the same meeting first, the form keeps everything typed and the conflict
 * view names what they changed and offers to keep mine or take theirs.
 * The community's past meetings are listed by date, to open and read or carry on.
 *
 * Without `meeting-id` the form starts a new meeting. The community's lead, members and coaches,
 * CPD leaders and administrators read and record its meetings (docs/privacy.md, meeting and
 * write-meeting: the same people), so there is no read-only view; anyone else is told whose the
 * meetings are and shown none of them.
 *
 * @summary A PLC meeting from a protocol: agenda, notes, decisions, attendance, linked enquiries.
 * @event plc-meeting-save - A meeting was saved (`meetingId`, `communityId`, `version`).
 * @event plc-error - The meetings could not be loaded, or a meeting could not be saved.
 * @csspart form - The meeting form.
 * @csspart protocols - The protocol choice.
 * @csspart agenda - The agenda list.
 * @csspart attendance - The attendance checkboxes.
 * @csspart enquiries - The linked enquiries.
 * @csspart save - The Save button.
 * @csspart conflict - The notice shown when someone else saved the meeting first.
 * @csspart past - The list of past meetings.
 * @cssproperty --plc-color-accent-soft - Background of the chosen protocol and the open meeting in the list.
 * @cssproperty --plc-color-border - Borders of the sections.
 */
export class PlcMeeting extends PlcElement {
  static override styles = [sharedStyles, listFieldStyles, conflictViewStyles, foldStyles, noteVersionsStyles, meetingStyles];

  static override properties: PropertyDeclarations = {
    communityId: { attribute: 'community-id', reflect: true },
    meetingId: { attribute: 'meeting-id', reflect: true },
    headingLevel: { attribute: 'heading-level', type: Number },
    replaceAgendaWith: { state: true },
    pendingOpen: { state: true },
    announcement: { state: true },
  };

  constructor() {
    super();
    this.headingLevel = 2;
    this.announcement = '';
  }

  /** The community whose meetings these are. */
  declare communityId: string | undefined;

  /** The meeting to show or edit; without it the form starts a new meeting. Set after a new meeting is saved. */
  declare meetingId: string | undefined;

  /** The level of the element's heading (2 to 6); sections are one level below. */
  declare headingLevel: number;

  private declare replaceAgendaWith: MeetingProtocol | undefined;
  private declare pendingOpen: string | null | undefined;
  private declare announcement: string;

  /** The community's meetings and enquiries, loaded again when either changes. */
  private readonly lists = new StoreQueryController<MeetingLists>(this, () => this.session, {
    key: (session) => (session.person && this.community ? this.community.id : undefined),
    load: async (session) => {
      const communityId = this.community!.id;
      const [all, enquiries] = await Promise.all([session.store.list('meetings'), session.store.listEnquiries({ communityId })]);
      return {
        meetings: all
          .filter((m) => m.record.communityId === communityId)
          .sort((a, b) => b.record.date.localeCompare(a.record.date) || a.record.id.localeCompare(b.record.id)),
        enquiries: enquiries.sort((a, b) => a.title.localeCompare(b.title)),
      };
    },
    // Meetings, and enquiries (a new one in this community, a stage change) that the form lists.
    affects: (change) => (change.kind === 'record' && change.collection === 'meetings') || change.kind === 'events',
    delay: 50,
  });

  /** The open meeting: the draft as typed, saved at the version it was opened at. */
  private readonly editor = new RecordEditorController<Meeting, MeetingDraft>(this, () => this.session, {
    collection: 'meetings',
    draftOf,
    recordOf: (draft, base) => recordOf(draft, base?.id ?? this.meetingId ?? this.session!.newId('mtg'), this.community!, this.session!.person!.id),
    fieldLabels: meetingFieldLabels,
  });

  /** What the editor was last opened for (store, community, meeting), to open it again when that changes. */
  private openedFor: { store: unknown; key: string } | undefined;

  private get community(): Community | undefined {
    return this.communityId ? this.session?.directory.communities.get(this.communityId) : undefined;
  }

  /** Whether the signed-in person may record this community's meetings. */
  private get canWrite(): boolean {
    const person = this.session?.person;
    if (!person) return false;
    return verdict({ kind: 'person', person }, 'directory.write', { collection: 'meetings', community: this.community }).allowed;
  }

  private get draft(): MeetingDraft {
    return this.editor.draft ?? draftOf(undefined);
  }

  /** Moves keyboard focus to the meetings' heading (used by `<plc-app>` after navigating here). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('#meetings-heading')?.focus();
  }

  private get level(): number {
    return clampLevel(this.headingLevel);
  }

  // ---- loading ------------------------------------------------------------------------------

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const session = this.session;
    if (!session?.ready || !session.person || !this.community) return;
    const key = `${this.communityId}|${this.meetingId ?? ''}|${session.person.id}`;
    if (this.openedFor?.store === session.store && this.openedFor.key === key) return;
    this.openedFor = { store: session.store, key };
    this.replaceAgendaWith = undefined;
    this.pendingOpen = undefined;
    if (this.meetingId) void this.editor.load(this.meetingId);
    else this.editor.open(undefined);
  }

  /** Where the meeting stands: loading, shown, not found (or of another community), or failed to load. */
  private get status(): 'loading' | 'ready' | 'missing' | 'error' {
    const list = this.lists.status;
    if (list === 'error' || this.editor.status === 'error') return 'error';
    if (list !== 'ready' || this.editor.status === 'loading' || this.editor.status === 'closed') return 'loading';
    if (this.editor.status === 'missing' || (this.editor.base && this.editor.base.record.communityId !== this.communityId)) return 'missing';
    return 'ready';
  }

  private retry(): void {
    void this.lists.reload();
    this.openedFor = undefined;
    this.requestUpdate();
  }

  /** Opens a past meeting (an id) or a new one (null), asking first when there are unsaved changes. */
  private openMeeting(id: string | null, confirmed = false): void {
    if (!confirmed && this.editor.dirty && this.canWrite) {
      this.pendingOpen = id;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#discard-confirm')?.focus());
      return;
    }
    this.pendingOpen = undefined;
    if ((id ?? undefined) === this.meetingId) this.openedFor = undefined;
    this.meetingId = id ?? undefined;
    this.requestUpdate();
    void this.loaded.then(() => this.renderRoot.querySelector<HTMLElement>('#meeting-title')?.focus());
  }

  // ---- editing ------------------------------------------------------------------------------

  private edit(patch: Partial<MeetingDraft>): void {
    this.editor.update(patch);
    if (this.announcement) this.announcement = '';
  }

  private chooseProtocol(protocol: MeetingProtocol): void {
    const previous = this.draft.protocol;
    const untouched = this.draft.agenda.length === 0 || (previous !== '' && sameAgenda(this.draft.agenda, protocolAgenda(previous)));
    this.replaceAgendaWith = undefined;
    if (untouched) {
      this.edit({ protocol, agenda: agendaDraft(protocolAgenda(protocol)) });
    } else {
      // The agenda has been edited: replacing it would lose work, so ask.
      this.edit({ protocol });
      this.replaceAgendaWith = protocol;
    }
    this.editor.clearError('protocol');
  }

  private replaceAgenda(): void {
    const protocol = this.replaceAgendaWith;
    if (!protocol) return;
    this.replaceAgendaWith = undefined;
    this.edit({ agenda: agendaDraft(protocolAgenda(protocol)) });
    this.focusLater('agenda-title-0');
  }

  private keepAgenda(): void {
    this.replaceAgendaWith = undefined;
    this.focusLater(`protocol-${this.draft.protocol}`);
  }

  private editItem(index: number, patch: Partial<MeetingDraft['agenda'][number]>): void {
    this.edit({ agenda: this.draft.agenda.map((item, i) => (i === index ? { ...item, ...patch } : item)) });
    this.editor.clearError(`agenda-${'title' in patch ? 'title' : 'minutes'}-${index}`);
  }

  private addItem(): void {
    if (this.draft.agenda.length >= MAX_AGENDA) return;
    this.edit({ agenda: [...this.draft.agenda, { title: '', minutes: '10' }] });
    this.focusLater(`agenda-title-${this.draft.agenda.length - 1}`);
  }

  private removeItem(index: number): void {
    const agenda = this.draft.agenda.filter((_, i) => i !== index);
    this.edit({ agenda });
    this.editor.setErrors({});
    this.focusLater(agenda.length === 0 ? 'agenda-add' : `agenda-title-${Math.min(index, agenda.length - 1)}`);
  }

  private moveItem(index: number, by: -1 | 1): void {
    const target = index + by;
    const agenda = [...this.draft.agenda];
    if (target < 0 || target >= agenda.length) return;
    [agenda[index], agenda[target]] = [agenda[target]!, agenda[index]!];
    this.edit({ agenda });
    this.editor.setErrors({});
    // Focus follows the item; at the end of the list the other move button takes it.
    const edge = (by < 0 && target === 0) || (by > 0 && target === agenda.length - 1);
    this.focusLater(`agenda-${edge ? (by < 0 ? 'down' : 'up') : by < 0 ? 'up' : 'down'}-${target}`);
    this.announcement = msg(str`Moved to position ${target + 1}`, { id: 'meeting.agenda.moved' });
  }

  private setPresent(personId: string, present: boolean): void {
    this.edit({ present: { ...this.draft.present, [personId]: present } });
  }

  private toggleEnquiry(enquiryId: string, linked: boolean): void {
    const ids = this.draft.enquiryIds.filter((id) => id !== enquiryId);
    this.edit({ enquiryIds: linked ? [...ids, enquiryId] : ids });
  }

  private focusLater(id: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(id)}`)?.focus());
  }

  // ---- saving -------------------------------------------------------------------------------

  /** Saves the meeting; with `overTheirs`, over a colleague's version the conflict view showed. */
  private async save(overTheirs = false): Promise<void> {
    if (!this.community || this.editor.saving || !this.canWrite) return;
    this.announcement = '';
    const result = await this.editor.save({ overTheirs });
    if (result.ok) {
      const saved = result.saved;
      if (this.meetingId !== saved.record.id) {
        // The new record is what the form already shows: no need to open it again.
        this.openedFor = { store: this.session?.store, key: `${this.communityId}|${saved.record.id}|${this.session?.person?.id}` };
        this.meetingId = saved.record.id;
      }
      this.announcement = savedText(this.session?.store, msg('Meeting saved.', { id: 'meeting.saved' }));
      this.dispatchEvent(new PlcMeetingSaveEvent(saved.record.id, saved.record.communityId, saved.version));
    } else if (result.reason === 'invalid') {
      const first = Object.keys(this.editor.errors)[0]!;
      this.focusLater(first === 'protocol' ? `protocol-${PROTOCOLS[0]}` : first);
    } else if (result.reason === 'conflict') {
      this.focusLater('conflict');
    } else if (result.reason === 'failed') {
      this.focusLater('save-error');
    }
  }

  private onSubmit(event: Event): void {
    event.preventDefault();
    void this.save();
  }

  private takeTheirs(): void {
    this.editor.takeTheirs();
    this.focusLater('meeting-title');
  }

  // ---- rendering ----------------------------------------------------------------------------

  /** What the form's parts read and do. */
  private formContext(): MeetingFormContext {
    return {
      draft: this.draft,
      errors: this.editor.errors,
      isNew: this.editor.isNew,
      level: this.level,
      replaceAgendaWith: this.replaceAgendaWith,
      enquiries: this.lists.value?.enquiries ?? [],
      personName: (id) => this.personName(id),
      stageName: (stage) => stageLabel(stage, this.session?.views),
      edit: (patch) => this.edit(patch),
      chooseProtocol: (protocol) => this.chooseProtocol(protocol),
      replaceAgenda: () => this.replaceAgenda(),
      keepAgenda: () => this.keepAgenda(),
      editItem: (index, patch) => this.editItem(index, patch),
      addItem: () => this.addItem(),
      removeItem: (index) => this.removeItem(index),
      moveItem: (index, by) => this.moveItem(index, by),
      setPresent: (personId, present) => this.setPresent(personId, present),
      toggleEnquiry: (enquiryId, linked) => this.toggleEnquiry(enquiryId, linked),
    };
  }

  protected override render() {
    const session = this.session;
    const community = this.community;
    const title = community
      ? msg(str`Meetings of ${community.name}`, { id: 'meeting.heading' })
      : msg('Meetings', { id: 'meeting.heading-plain' });
    const head = heading(this.level, title, { id: 'meetings-heading', focusable: true });
    if (!session) {
      return html`${head}${this.noSessionNotice(placeInProviderText)}`;
    }
    if (!this.communityId) {
      return html`${head}<p class="empty">${msg(str`No community chosen: set the ${'community-id'} attribute.`, { id: 'meeting.no-community' })}</p>`;
    }
    if (!session.ready) return html`${head}${this.renderLoading()}`;
    if (!community) return html`${head}<p class="notice warning">${msg('This community could not be found.', { id: 'meeting.community-missing' })}</p>`;
    if (!session.person) {
      return html`${head}<div class="empty" role="status"><p>${msg('Choose who you are to see this community’s meetings.', { id: 'meeting.no-person' })}</p></div>`;
    }
    if (!verdict({ kind: 'person', person: session.person }, 'record.read', { collection: 'meetings', record: { communityId: community.id }, community }).allowed) {
      // A local store (the demo, one shared device) may hold meetings this person may not read
      // (docs/privacy.md, meeting): say whose they are, show none of them.
      return html`${head}<p class="notice" role="status">
          ${msg('This community’s meetings are read by its lead, members and coaches, CPD leaders and administrators.', { id: 'meeting.private' })}
        </p>`;
    }
    if (this.status === 'loading') return html`${head}${this.renderLoading()}`;
    if (this.status === 'error') {
      return html`${head}<div class="notice error" role="alert">
          <p>${msg('The meetings could not be loaded.', { id: 'meeting.load-failed' })} <span class="muted">${this.lists.error ?? this.editor.failure}</span></p>
          <button @click=${() => this.retry()}>${tryAgainText()}</button>
        </div>`;
    }
    // Whoever reads a community's meetings also records them (docs/privacy.md: the meeting row
    // and write-meeting row are the same), so a reader always gets the form.
    return html`<div class="head">${head}${this.renderSlots(community.meetingSlots)}</div>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
      <div class="layout">
        <div class="main">
          ${this.status === 'missing'
            ? html`<div class="notice warning">
                <p id="meeting-title" tabindex="-1">${msg('This meeting could not be found.', { id: 'meeting.missing' })}</p>
                <button @click=${() => this.openMeeting(null, true)}>${msg('Start a new meeting', { id: 'meeting.new' })}</button>
              </div>`
            : this.renderForm(community)}
          ${this.renderVersions(community)}
        </div>
        ${pastMeetings({ level: this.level, meetings: this.lists.value?.meetings ?? [], meetingId: this.meetingId, openMeeting: (id) => this.openMeeting(id) })}
      </div>`;
  }

  /** The notes' versions of the open meeting, for those who may read the meeting (docs/privacy.md, meeting-versions). */
  private renderVersions(community: Community) {
    const meeting = this.editor.base?.record;
    const person = this.session?.person;
    if (!meeting || !person || this.status !== 'ready') return nothing;
    if (!verdict({ kind: 'person', person }, 'record.read', { collection: 'meetings', record: meeting, community }).allowed) return nothing;
    return noteVersions({ level: this.level + 1, meeting, personName: (id) => this.formContext().personName(id) });
  }

  private renderLoading() {
    return html`<p class="muted" role="status">${msg('Loading the meetings…', { id: 'meeting.loading' })}</p>`;
  }

  private renderSlots(slots: readonly MeetingSlot[]) {
    if (slots.length === 0) return nothing;
    const weekday = new Intl.DateTimeFormat(currentLocale(), { weekday: 'long', timeZone: 'UTC' });
    // 1 January 2024 was a Monday, so day n of that week is weekday n (1 = Monday).
    const text = slots
      .map((slot) => {
        const day = weekday.format(new Date(Date.UTC(2024, 0, slot.weekday)));
        const minutes = formatNumber(slot.minutes);
        return slot.location
          ? msg(str`${day} ${slot.start}, ${minutes} minutes, ${slot.location}`, { id: 'meeting.slot.where' })
          : msg(str`${day} ${slot.start}, ${minutes} minutes`, { id: 'meeting.slot' });
      })
      .join('; ');
    return html`<p class="muted">${msg(str`Meeting time: ${text}`, { id: 'meeting.slots' })}</p>`;
  }

  private renderForm(community: Community) {
    const draft = this.draft;
    const sub = this.level + 1;
    const isNew = this.editor.isNew;
    const ctx = this.formContext();
    const errors = this.editor.errors;
    const formTitle = isNew
      ? msg('New meeting', { id: 'meeting.form.new' })
      : msg(str`Meeting on ${formatDate(draft.date)}`, { id: 'meeting.form.existing' });
    const errorCount = Object.keys(errors).length;
    return html`<form part="form" novalidate aria-labelledby="meeting-title" @submit=${this.onSubmit}>
      <div class="form-head">
        ${heading(sub, formTitle, { id: 'meeting-title', focusable: true })}
        ${isNew ? nothing : html`<button type="button" @click=${() => this.openMeeting(null)}>${msg('Start a new meeting', { id: 'meeting.new' })}</button>`}
      </div>
      ${this.renderPendingOpen()}
      <div class="field">
        <label for="meeting-date">${msg('Date', { id: 'meeting.date' })}</label>
        <input
          id="meeting-date"
          type="date"
          .value=${draft.date}
          aria-invalid=${errors['meeting-date'] ? 'true' : 'false'}
          aria-describedby=${errors['meeting-date'] ? 'meeting-date-error' : nothing}
          @input=${(e: Event) => (this.edit({ date: (e.target as HTMLInputElement).value }), this.editor.clearError('meeting-date'))}
        />
        ${errors['meeting-date'] ? html`<p class="field-error" id="meeting-date-error">${errors['meeting-date']}</p>` : nothing}
      </div>
      ${protocolsFieldset(ctx)} ${agendaFieldset(ctx, community)}
      <div class="field">
        <label for="meeting-notes"
          >${msg('Notes', { id: 'meeting.notes' })}
          <span class="hint" id="meeting-notes-hint">${msg('What was said and learned. No names of students.', { id: 'meeting.notes.hint' })}</span></label
        >
        <textarea
          id="meeting-notes"
          rows="6"
          maxlength=${LIMITS.longText}
          aria-describedby="meeting-notes-hint"
          .value=${draft.notes}
          @input=${(e: Event) => this.edit({ notes: (e.target as HTMLTextAreaElement).value })}
        ></textarea>
      </div>
      ${listField({
        host: this,
        id: 'decision',
        legend: msg('Decisions', { id: 'meeting.decisions' }),
        hint: msg('What the community agreed, one per line.', { id: 'meeting.decisions.hint' }),
        items: draft.decisions,
        itemLabel: (n) => msg(str`Decision ${n}`, { id: 'meeting.decision' }),
        removeText: msg('Remove', { id: 'meeting.remove' }),
        addText: msg('Add a decision', { id: 'meeting.decisions.add' }),
        maxLength: LIMITS.shortText,
        onChange: (decisions) => this.edit({ decisions }),
      })}
      ${attendanceFieldset(ctx, community)} ${enquiriesFieldset(ctx)}
      ${errorCount > 0
        ? html`<p class="notice error" role="alert">${msg('Some fields need attention before the meeting can be saved.', { id: 'meeting.error.summary' })}</p>`
        : nothing}
      ${conflictView(this.editor, { keepMine: () => this.save(true), takeTheirs: () => this.takeTheirs() })}
      ${this.editor.failure
        ? html`<p class="notice error" role="alert" id="save-error" tabindex="-1">
            ${msg(str`The meeting could not be saved: ${this.editor.failure}`, { id: 'meeting.save-failed' })}
          </p>`
        : nothing}
      <div class="actions">
        <button type="submit" class="primary" part="save" ?disabled=${this.editor.saving}>
          ${this.editor.saving ? msg('Saving…', { id: 'meeting.saving' }) : msg('Save the meeting', { id: 'meeting.save' })}
        </button>
        ${this.editor.dirty && !isNew ? html`<span class="muted">${msg('Unsaved changes', { id: 'meeting.unsaved' })}</span>` : nothing}
      </div>
    </form>`;
  }

  private renderPendingOpen() {
    if (this.pendingOpen === undefined) return nothing;
    const target = this.pendingOpen;
    return html`<div class="notice warning" role="alert">
      <p>${msg('This meeting has changes that are not saved. Leave them and open the other meeting?', { id: 'meeting.discard.question' })}</p>
      <div class="actions">
        <button type="button" id="discard-confirm" @click=${() => this.openMeeting(target, true)}>${msg('Leave my changes', { id: 'meeting.discard.yes' })}</button>
        <button type="button" class="primary" @click=${() => (this.pendingOpen = undefined)}>${msg('Keep editing', { id: 'meeting.discard.no' })}</button>
      </div>
    </div>`;
  }

}
