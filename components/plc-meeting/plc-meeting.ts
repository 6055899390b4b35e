import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { decide } from '../../src/policy/policy.js';
import { LIMITS } from '../../src/schema/common.js';
import type { Community, Meeting, MeetingProtocol, MeetingSlot } from '../../src/schema/directory.js';
import { StaleWriteError, type EnquirySummary, type Versioned } from '../../src/store/store.js';
import { PlcElement } from '../base/plc-element.js';
import { PlcErrorEvent } from '../events/error.js';
import { currentLocale, formatDate, formatNumber, localToday } from '../localization.js';
import { stageLabel } from '../strings.js';
import { sharedStyles } from '../styles/shared.js';
import { clampLevel, heading } from '../shared/heading.js';
import { listField, listFieldStyles } from '../shared/list-field.js';
import { PlcMeetingSaveEvent } from './meeting-save-event.js';
import { PROTOCOLS, protocolAgenda, protocolName, protocolPurpose } from './protocols.js';

/** The meeting as the form holds it: minutes as typed, attendance by person. */
interface Draft {
  date: string;
  protocol: MeetingProtocol | '';
  agenda: Array<{ title: string; minutes: string }>;
  notes: string;
  decisions: string[];
  present: Record<string, boolean>;
  enquiryIds: string[];
}

type Role = 'lead' | 'member' | 'coach' | 'former';

const MAX_AGENDA = 30;

const emptyDraft = (): Draft => ({ date: localToday(), protocol: '', agenda: [], notes: '', decisions: [], present: {}, enquiryIds: [] });

function draftOf(meeting: Meeting): Draft {
  return {
    date: meeting.date,
    protocol: meeting.protocol,
    agenda: meeting.agenda.map((item) => ({ title: item.title, minutes: String(item.minutes) })),
    notes: meeting.notes,
    decisions: [...meeting.decisions],
    present: Object.fromEntries(meeting.attendance.map((a) => [a.personId, a.present])),
    enquiryIds: [...meeting.enquiryIds],
  };
}

const sameAgenda = (agenda: Draft['agenda'], template: Array<{ title: string; minutes: number }>) =>
  agenda.length === template.length && agenda.every((item, i) => item.title === template[i]!.title && item.minutes === String(template[i]!.minutes));

/** Whole minutes 1 to 240, or undefined. */
function minutesOf(text: string): number | undefined {
  if (!/^\s*\d+\s*$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 1 && value <= 240 ? value : undefined;
}

/**
 * A professional learning community's meeting: choose a protocol ("Looking at student data",
 * "A lesson that didn't go to plan", "Sharing an observation", planning, or an open meeting) and
 * its agenda is filled in with timings, ready to edit; then notes, decisions, who attended (the
 * community's lead, members and coaches) and which of the community's enquiries the meeting was
 * about. Saved as a `meetings` record with optimistic concurrency: when someone else saved the
 * same meeting first, the form keeps everything typed and offers to save over theirs or load it.
 * The community's past meetings are listed by date, to open and read or carry on.
 *
 * Without `meeting-id` the form starts a new meeting. The community's lead, members and coaches,
 * CPD leaders and administrators record meetings; everyone else reads them.
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
 * @csspart meeting - A meeting shown read-only.
 * @csspart past - The list of past meetings.
 * @cssproperty --plc-color-accent-soft - Background of the chosen protocol and the open meeting in the list.
 * @cssproperty --plc-color-border - Borders of the sections.
 */
export class PlcMeeting extends PlcElement {
  static override styles = [
    sharedStyles,
    listFieldStyles,
    css`
      :host {
        container-type: inline-size;
      }
      [tabindex='-1']:focus {
        outline: none;
      }
      .head p {
        margin: 0 0 calc(var(--plc-space, 0.5rem) * 2);
      }
      .layout {
        display: grid;
        gap: calc(var(--plc-space, 0.5rem) * 3);
        grid-template-columns: minmax(0, 1fr);
      }
      @container (min-width: 52rem) {
        .layout {
          grid-template-columns: minmax(0, 1fr) minmax(14rem, 18rem);
        }
      }
      .form-head {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        justify-content: space-between;
        gap: var(--plc-space, 0.5rem);
      }
      .protocols {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--plc-space, 0.5rem);
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 15rem), 1fr));
      }
      .protocol {
        display: flex;
        gap: var(--plc-space, 0.5rem);
        align-items: flex-start;
        border: 1px solid var(--plc-color-border, #c9cfd8);
        border-radius: var(--plc-radius, 6px);
        padding: var(--plc-space, 0.5rem);
        height: 100%;
      }
      .protocol.chosen {
        border-color: var(--plc-color-accent, #1f5fbf);
        background: var(--plc-color-accent-soft, #e6eefb);
      }
      .protocol input {
        flex: none;
        margin-block-start: 0.2rem;
      }
      .protocol label {
        margin: 0;
      }
      .protocol .hint {
        margin: 0;
      }
      .agenda {
        list-style: none;
        margin: 0 0 var(--plc-space, 0.5rem);
        padding: 0;
        display: grid;
        gap: var(--plc-space, 0.5rem);
      }
      .agenda-row {
        display: flex;
        flex-wrap: wrap;
        gap: var(--plc-space, 0.5rem);
        align-items: flex-start;
        padding-block-end: var(--plc-space, 0.5rem);
        border-block-end: 1px solid var(--plc-color-border, #c9cfd8);
      }
      .agenda-row .title {
        flex: 1 1 14rem;
        min-width: 0;
      }
      .agenda-row .minutes {
        flex: 0 0 5.5rem;
      }
      .agenda-row .label {
        font-weight: normal;
        font-size: 0.9em;
        margin-block-end: 0.15rem;
      }
      .agenda-row .moves {
        display: flex;
        flex-wrap: wrap;
        gap: calc(var(--plc-space, 0.5rem) / 2);
        align-self: flex-end;
      }
      .total {
        font-weight: 600;
      }
      .people {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0 calc(var(--plc-space, 0.5rem) * 2);
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr));
      }
      .check {
        display: flex;
        align-items: center;
        gap: var(--plc-space, 0.5rem);
        min-height: var(--plc-target-size, 44px);
      }
      .check input {
        flex: none;
      }
      .check label {
        margin: 0;
        font-weight: normal;
        overflow-wrap: anywhere;
      }
      .past ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: calc(var(--plc-space, 0.5rem) / 2);
      }
      .past li {
        border-radius: var(--plc-radius, 6px);
        padding-inline: calc(var(--plc-space, 0.5rem) / 2);
      }
      .past li.current {
        background: var(--plc-color-accent-soft, #e6eefb);
      }
      .past button.link {
        display: block;
        width: 100%;
        padding-inline: 0;
        text-align: start;
      }
      .past .muted {
        font-size: 0.9em;
        margin: 0 0 calc(var(--plc-space, 0.5rem) / 2);
      }
      .read dl {
        display: grid;
        grid-template-columns: minmax(7rem, max-content) minmax(0, 1fr);
        gap: calc(var(--plc-space, 0.5rem) / 2) calc(var(--plc-space, 0.5rem) * 2);
        margin: 0 0 calc(var(--plc-space, 0.5rem) * 2);
      }
      .read dt {
        font-weight: 600;
      }
      .read dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .read ul,
      .read ol {
        margin: 0;
        padding-inline-start: 1.25rem;
      }
      .notes {
        white-space: pre-wrap;
      }
    `,
  ];

  /** The community whose meetings these are. */
  @property({ attribute: 'community-id', reflect: true }) accessor communityId: string | undefined;

  /** The meeting to show or edit; without it the form starts a new meeting. Set after a new meeting is saved. */
  @property({ attribute: 'meeting-id', reflect: true }) accessor meetingId: string | undefined;

  /** The level of the element's heading (2 to 6); sections are one level below. */
  @property({ attribute: 'heading-level', type: Number }) accessor headingLevel = 2;

  @state() private accessor status: 'loading' | 'ready' | 'missing' | 'error' = 'loading';
  @state() private accessor loadError = '';
  @state() private accessor meetings: Array<Versioned<Meeting>> = [];
  @state() private accessor enquiries: EnquirySummary[] = [];
  @state() private accessor draft: Draft = emptyDraft();
  @state() private accessor version = 0;
  @state() private accessor snapshot = JSON.stringify(this.draft);
  @state() private accessor errors: Readonly<Record<string, string>> = {};
  @state() private accessor saving = false;
  @state() private accessor saveError = '';
  @state() private accessor stale: { actualVersion: number | undefined } | undefined;
  @state() private accessor replaceAgendaWith: MeetingProtocol | undefined;
  @state() private accessor pendingOpen: string | null | undefined;
  @state() private accessor announcement = '';

  /** Resolves when the current load has finished (tests and hosts can await it). */
  loaded: Promise<void> = Promise.resolve();

  private loadedFor: { store: unknown; communityId: string | undefined; meetingId: string | undefined; ready: boolean; person: string | undefined } | undefined;
  private unsubscribe: (() => void) | undefined;
  private generation = 0;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.loadedFor = undefined;
    clearTimeout(this.refreshTimer);
  }

  private get community(): Community | undefined {
    return this.communityId ? this.session?.directory.communities.get(this.communityId) : undefined;
  }

  /** Whether the signed-in person may record this community's meetings. */
  private get canWrite(): boolean {
    const person = this.session?.person;
    if (!person) return false;
    return decide({ kind: 'person', person }, 'directory.write', { collection: 'meetings', community: this.community }).allowed;
  }

  private get dirty(): boolean {
    return JSON.stringify(this.draft) !== this.snapshot;
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
    const key = { store: session?.store, communityId: this.communityId, meetingId: this.meetingId, ready: Boolean(session?.ready), person: session?.person?.id };
    const previous = this.loadedFor;
    if (
      !previous ||
      previous.store !== key.store ||
      previous.communityId !== key.communityId ||
      previous.meetingId !== key.meetingId ||
      previous.ready !== key.ready ||
      previous.person !== key.person
    ) {
      if (previous?.store !== key.store) {
        this.unsubscribe?.();
        this.unsubscribe = session?.store.subscribe((change) => {
          // Meetings, and enquiries (a new one in this community, a stage change) that the form lists.
          if ((change.kind === 'record' && change.collection === 'meetings') || change.kind === 'events' || change.kind === 'reset') this.queueRefresh();
        });
      }
      this.loadedFor = key;
      void this.load();
    }
  }

  /** Changes from elsewhere refresh the lists (and the open meeting, unless it has unsaved changes). */
  private queueRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.load(true), 50);
  }

  private load(quiet = false): Promise<void> {
    const generation = ++this.generation;
    const session = this.session;
    const communityId = this.communityId;
    const meetingId = this.meetingId;
    if (!session || !session.ready || !session.person || !communityId || !this.community) {
      this.status = 'loading';
      return (this.loaded = Promise.resolve());
    }
    if (!quiet) {
      this.status = 'loading';
      this.resetMessages();
    }
    const work = (async () => {
      try {
        const [all, enquiries, current] = await Promise.all([
          session.store.list('meetings'),
          session.store.listEnquiries({ communityId }),
          meetingId ? session.store.get('meetings', meetingId) : Promise.resolve(undefined),
        ]);
        if (generation !== this.generation) return;
        this.meetings = all
          .filter((m) => m.record.communityId === communityId)
          .sort((a, b) => b.record.date.localeCompare(a.record.date) || a.record.id.localeCompare(b.record.id));
        this.enquiries = enquiries.sort((a, b) => a.title.localeCompare(b.title));
        const found = current && current.record.communityId === communityId ? current : undefined;
        if (quiet && this.status !== 'missing') {
          // Keep what the person is typing; take the new version only when nothing is unsaved.
          if (found && found.version !== this.version && !this.dirty && !this.saving) this.take(found);
          return;
        }
        if (meetingId && !found) {
          this.status = 'missing';
          return;
        }
        if (found) this.take(found);
        else this.startNew();
        this.status = 'ready';
      } catch (error) {
        if (generation !== this.generation) return;
        this.loadError = error instanceof Error ? error.message : String(error);
        if (!quiet) this.status = 'error';
        this.dispatchEvent(new PlcErrorEvent(this.loadError, error));
      }
    })();
    if (!quiet) this.loaded = work;
    return work;
  }

  private take(found: Versioned<Meeting>): void {
    this.draft = draftOf(found.record);
    this.version = found.version;
    this.snapshot = JSON.stringify(this.draft);
  }

  private startNew(): void {
    this.draft = emptyDraft();
    this.version = 0;
    this.snapshot = JSON.stringify(this.draft);
  }

  private resetMessages(): void {
    this.errors = {};
    this.saveError = '';
    this.stale = undefined;
    this.replaceAgendaWith = undefined;
    this.pendingOpen = undefined;
  }

  /** Opens a past meeting (an id) or a new one (null), asking first when there are unsaved changes. */
  private openMeeting(id: string | null, confirmed = false): void {
    if (!confirmed && this.dirty && this.canWrite) {
      this.pendingOpen = id;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#discard-confirm')?.focus());
      return;
    }
    this.pendingOpen = undefined;
    if ((id ?? undefined) === this.meetingId) {
      void this.load();
    } else {
      this.meetingId = id ?? undefined;
    }
    void this.loaded.then(() => this.updateComplete).then(() => this.renderRoot.querySelector<HTMLElement>('#meeting-title')?.focus());
  }

  // ---- editing ------------------------------------------------------------------------------

  private edit(patch: Partial<Draft>): void {
    this.draft = { ...this.draft, ...patch };
    if (this.announcement) this.announcement = '';
  }

  private chooseProtocol(protocol: MeetingProtocol): void {
    const previous = this.draft.protocol;
    const untouched = this.draft.agenda.length === 0 || (previous !== '' && sameAgenda(this.draft.agenda, protocolAgenda(previous)));
    this.replaceAgendaWith = undefined;
    if (untouched) {
      this.edit({ protocol, agenda: protocolAgenda(protocol).map((item) => ({ title: item.title, minutes: String(item.minutes) })) });
    } else {
      // The agenda has been edited: replacing it would lose work, so ask.
      this.edit({ protocol });
      this.replaceAgendaWith = protocol;
    }
    this.clearError('protocol');
  }

  private replaceAgenda(): void {
    const protocol = this.replaceAgendaWith;
    if (!protocol) return;
    this.replaceAgendaWith = undefined;
    this.edit({ agenda: protocolAgenda(protocol).map((item) => ({ title: item.title, minutes: String(item.minutes) })) });
    this.focusLater('agenda-title-0');
  }

  private keepAgenda(): void {
    this.replaceAgendaWith = undefined;
    this.focusLater(`protocol-${this.draft.protocol}`);
  }

  private editItem(index: number, patch: Partial<Draft['agenda'][number]>): void {
    this.edit({ agenda: this.draft.agenda.map((item, i) => (i === index ? { ...item, ...patch } : item)) });
    this.clearError(`agenda-${'title' in patch ? 'title' : 'minutes'}-${index}`);
  }

  private addItem(): void {
    if (this.draft.agenda.length >= MAX_AGENDA) return;
    this.edit({ agenda: [...this.draft.agenda, { title: '', minutes: '10' }] });
    this.focusLater(`agenda-title-${this.draft.agenda.length - 1}`);
  }

  private removeItem(index: number): void {
    const agenda = this.draft.agenda.filter((_, i) => i !== index);
    this.edit({ agenda });
    this.errors = {};
    this.focusLater(agenda.length === 0 ? 'agenda-add' : `agenda-title-${Math.min(index, agenda.length - 1)}`);
  }

  private moveItem(index: number, by: -1 | 1): void {
    const target = index + by;
    const agenda = [...this.draft.agenda];
    if (target < 0 || target >= agenda.length) return;
    [agenda[index], agenda[target]] = [agenda[target]!, agenda[index]!];
    this.edit({ agenda });
    this.errors = {};
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

  private clearError(key: string): void {
    if (!(key in this.errors)) return;
    const { [key]: _gone, ...rest } = this.errors;
    this.errors = rest;
  }

  private focusLater(id: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(id)}`)?.focus());
  }

  /** The community's lead, members and coaches (and anyone recorded who has since left), with their role. */
  private attendees(community: Community): Array<{ id: string; role: Role }> {
    const seen = new Map<string, Role>();
    seen.set(community.leadId, 'lead');
    for (const id of community.memberIds) if (!seen.has(id)) seen.set(id, 'member');
    for (const id of community.coachIds) if (!seen.has(id)) seen.set(id, 'coach');
    for (const id of Object.keys(this.draft.present)) if (!seen.has(id)) seen.set(id, 'former');
    return [...seen].map(([id, role]) => ({ id, role }));
  }

  // ---- saving -------------------------------------------------------------------------------

  /** The record to save, or the field errors (by field id) that stop it. */
  private recordFrom(community: Community): { record: Meeting } | { errors: Record<string, string> } {
    const draft = this.draft;
    const errors: Record<string, string> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.date)) errors['meeting-date'] = msg('Give the date of the meeting.', { id: 'meeting.error.date' });
    if (!draft.protocol) errors['protocol'] = msg('Choose the protocol the meeting follows.', { id: 'meeting.error.protocol' });
    const agenda: Meeting['agenda'] = [];
    draft.agenda.forEach((item, i) => {
      const title = item.title.trim();
      const minutes = minutesOf(item.minutes);
      if (!title) errors[`agenda-title-${i}`] = msg('Say what this item is about, or remove it.', { id: 'meeting.error.item-title' });
      if (minutes === undefined) errors[`agenda-minutes-${i}`] = msg('Whole minutes, 1 to 240.', { id: 'meeting.error.item-minutes' });
      agenda.push({ title, minutes: minutes ?? 0 });
    });
    if (Object.keys(errors).length > 0) return { errors };
    const id = this.meetingId ?? this.session!.newId('mtg');
    return {
      record: {
        schemaVersion: 1,
        id,
        communityId: community.id,
        date: draft.date,
        protocol: draft.protocol as MeetingProtocol,
        agenda,
        notes: draft.notes,
        decisions: draft.decisions.map((d) => d.trim()).filter(Boolean),
        attendance: this.attendees(community).map(({ id: personId }) => ({ personId, present: draft.present[personId] === true })),
        enquiryIds: [...draft.enquiryIds],
      },
    };
  }

  private async save(overwrite = false): Promise<void> {
    const session = this.session;
    const community = this.community;
    if (!session || !community || this.saving || !this.canWrite) return;
    this.saveError = '';
    this.announcement = '';
    const built = this.recordFrom(community);
    if ('errors' in built) {
      this.errors = built.errors;
      this.stale = undefined;
      const first = Object.keys(built.errors)[0]!;
      this.focusLater(first === 'protocol' ? `protocol-${PROTOCOLS[0]}` : first);
      return;
    }
    this.errors = {};
    const expected = overwrite && this.stale ? (this.stale.actualVersion ?? 0) : this.version;
    this.saving = true;
    try {
      const saved = await session.store.put('meetings', built.record, expected);
      this.stale = undefined;
      this.take(saved);
      if (this.meetingId !== saved.record.id) {
        // The new record is what the form already shows: no need to load it again.
        this.loadedFor = this.loadedFor && { ...this.loadedFor, meetingId: saved.record.id };
        this.meetingId = saved.record.id;
      }
      this.announcement = msg('Meeting saved.', { id: 'meeting.saved' });
      this.dispatchEvent(new PlcMeetingSaveEvent(saved.record.id, saved.record.communityId, saved.version));
      void this.load(true);
    } catch (error) {
      if (error instanceof StaleWriteError) {
        this.stale = { actualVersion: error.actualVersion };
        this.focusLater('stale');
      } else {
        const message = error instanceof Error ? error.message : String(error);
        this.saveError = msg(str`The meeting could not be saved: ${message}`, { id: 'meeting.save-failed' });
        this.dispatchEvent(new PlcErrorEvent(message, error));
        this.focusLater('save-error');
      }
    } finally {
      this.saving = false;
    }
  }

  private onSubmit(event: Event): void {
    event.preventDefault();
    void this.save();
  }

  private async loadTheirs(): Promise<void> {
    this.stale = undefined;
    await this.load();
    this.focusLater('meeting-title');
  }

  // ---- rendering ----------------------------------------------------------------------------

  protected override render() {
    const session = this.session;
    const community = this.community;
    const title = community
      ? msg(str`Meetings of ${community.name}`, { id: 'meeting.heading' })
      : msg('Meetings', { id: 'meeting.heading-plain' });
    const head = heading(this.level, title, { id: 'meetings-heading', focusable: true });
    if (!session) {
      return html`${head}<p class="notice warning" role="status">
          ${msg('Place this element inside <plc-provider> (or use <plc-app>) so it can reach your school’s data.', { id: 'meeting.no-provider' })}
        </p>`;
    }
    if (!this.communityId) {
      return html`${head}<p class="empty">${msg(str`No community chosen: set the ${'community-id'} attribute.`, { id: 'meeting.no-community' })}</p>`;
    }
    if (!session.ready) return html`${head}${this.renderLoading()}`;
    if (!community) return html`${head}<p class="notice warning">${msg('This community could not be found.', { id: 'meeting.community-missing' })}</p>`;
    if (!session.person) {
      return html`${head}<div class="empty" role="status"><p>${msg('Choose who you are to see this community’s meetings.', { id: 'meeting.no-person' })}</p></div>`;
    }
    if (this.status === 'loading') return html`${head}${this.renderLoading()}`;
    if (this.status === 'error') {
      return html`${head}<div class="notice error" role="alert">
          <p>${msg('The meetings could not be loaded.', { id: 'meeting.load-failed' })} <span class="muted">${this.loadError}</span></p>
          <button @click=${() => void this.load()}>${msg('Try again', { id: 'meeting.retry' })}</button>
        </div>`;
    }
    const writer = this.canWrite;
    return html`<div class="head">${head}${this.renderSlots(community.meetingSlots)}</div>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
      <div class="layout">
        <div class="main">
          ${this.status === 'missing'
            ? html`<div class="notice warning">
                <p id="meeting-title" tabindex="-1">${msg('This meeting could not be found.', { id: 'meeting.missing' })}</p>
                ${writer ? html`<button @click=${() => this.openMeeting(null, true)}>${msg('Start a new meeting', { id: 'meeting.new' })}</button>` : nothing}
              </div>`
            : writer
              ? this.renderForm(community)
              : this.renderReadOnly(community)}
        </div>
        ${this.renderPast()}
      </div>`;
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
    const isNew = this.version === 0;
    const formTitle = isNew
      ? msg('New meeting', { id: 'meeting.form.new' })
      : msg(str`Meeting on ${formatDate(draft.date)}`, { id: 'meeting.form.existing' });
    const errorCount = Object.keys(this.errors).length;
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
          aria-invalid=${this.errors['meeting-date'] ? 'true' : 'false'}
          aria-describedby=${this.errors['meeting-date'] ? 'meeting-date-error' : nothing}
          @input=${(e: Event) => (this.edit({ date: (e.target as HTMLInputElement).value }), this.clearError('meeting-date'))}
        />
        ${this.errors['meeting-date'] ? html`<p class="field-error" id="meeting-date-error">${this.errors['meeting-date']}</p>` : nothing}
      </div>
      ${this.renderProtocols()} ${this.renderAgenda(community)}
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
      ${this.renderAttendance(community)} ${this.renderEnquiries()}
      ${errorCount > 0
        ? html`<p class="notice error" role="alert">${msg('Some fields need attention before the meeting can be saved.', { id: 'meeting.error.summary' })}</p>`
        : nothing}
      ${this.stale ? this.renderStale() : nothing}
      ${this.saveError ? html`<p class="notice error" role="alert" id="save-error" tabindex="-1">${this.saveError}</p>` : nothing}
      <div class="actions">
        <button type="submit" class="primary" part="save" ?disabled=${this.saving}>
          ${this.saving ? msg('Saving…', { id: 'meeting.saving' }) : msg('Save the meeting', { id: 'meeting.save' })}
        </button>
        ${this.dirty && !isNew ? html`<span class="muted">${msg('Unsaved changes', { id: 'meeting.unsaved' })}</span>` : nothing}
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

  private renderStale() {
    return html`<div class="notice warning" role="alert" id="stale" tabindex="-1">
      <p>
        ${this.stale?.actualVersion === undefined
          ? msg('Someone else deleted this meeting while you were editing it. Everything you typed is still here.', { id: 'meeting.stale.deleted' })
          : msg('Someone else saved this meeting while you were editing it. Everything you typed is still here.', { id: 'meeting.stale' })}
      </p>
      <div class="actions">
        <button type="button" class="primary" @click=${() => void this.save(true)}>${msg('Save mine over theirs', { id: 'meeting.stale.overwrite' })}</button>
        ${this.stale?.actualVersion === undefined
          ? nothing
          : html`<button type="button" @click=${() => void this.loadTheirs()}>${msg('Load their version (mine is lost)', { id: 'meeting.stale.load' })}</button>`}
      </div>
    </div>`;
  }

  private renderProtocols() {
    const error = this.errors['protocol'];
    return html`<fieldset part="protocols" aria-describedby=${error ? 'protocol-error' : nothing}>
      <legend>${msg('Protocol', { id: 'meeting.protocol' })}</legend>
      <p class="hint">${msg('Choosing a protocol fills in its agenda, which you can then change.', { id: 'meeting.protocol.hint' })}</p>
      <ul class="protocols">
        ${PROTOCOLS.map(
          (protocol) => html`<li class="protocol ${this.draft.protocol === protocol ? 'chosen' : ''}">
            <input
              type="radio"
              name="protocol"
              id=${`protocol-${protocol}`}
              value=${protocol}
              .checked=${this.draft.protocol === protocol}
              aria-describedby=${`protocol-${protocol}-purpose`}
              @change=${() => this.chooseProtocol(protocol)}
            />
            <div>
              <label for=${`protocol-${protocol}`}>${protocolName(protocol)}</label>
              <p class="hint" id=${`protocol-${protocol}-purpose`}>${protocolPurpose(protocol)}</p>
            </div>
          </li>`,
        )}
      </ul>
      ${error ? html`<p class="field-error" id="protocol-error">${error}</p>` : nothing}
      ${this.replaceAgendaWith
        ? html`<div class="notice warning" role="alert">
            <p>${msg(str`You have changed the agenda. Replace it with the agenda of “${protocolName(this.replaceAgendaWith)}”?`, { id: 'meeting.replace.question' })}</p>
            <div class="actions">
              <button type="button" @click=${this.replaceAgenda}>${msg('Replace the agenda', { id: 'meeting.replace.yes' })}</button>
              <button type="button" @click=${this.keepAgenda}>${msg('Keep my agenda', { id: 'meeting.replace.no' })}</button>
            </div>
          </div>`
        : nothing}
    </fieldset>`;
  }

  private renderAgenda(community: Community) {
    const agenda = this.draft.agenda;
    const total = agenda.reduce((sum, item) => sum + (minutesOf(item.minutes) ?? 0), 0);
    const slot = community.meetingSlots[0]?.minutes;
    const itemError = (key: string) =>
      this.errors[key] ? html`<p class="field-error" id=${`${key}-error`}>${this.errors[key]}</p>` : nothing;
    return html`<fieldset part="agenda">
      <legend>${msg('Agenda', { id: 'meeting.agenda' })}</legend>
      ${agenda.length === 0 ? html`<p class="hint">${msg('Choose a protocol above, or add items yourself.', { id: 'meeting.agenda.empty' })}</p>` : nothing}
      <ol class="agenda">
        ${agenda.map((item, i) => {
          const n = i + 1;
          const titleKey = `agenda-title-${i}`;
          const minutesKey = `agenda-minutes-${i}`;
          return html`<li class="agenda-row">
            <div class="title">
              <label class="label" for=${titleKey}>${msg(str`Item ${n}`, { id: 'meeting.agenda.item' })}</label>
              <input
                id=${titleKey}
                type="text"
                maxlength=${LIMITS.shortText}
                .value=${item.title}
                aria-invalid=${this.errors[titleKey] ? 'true' : 'false'}
                aria-describedby=${this.errors[titleKey] ? `${titleKey}-error` : nothing}
                @input=${(e: Event) => this.editItem(i, { title: (e.target as HTMLInputElement).value })}
              />
              ${itemError(titleKey)}
            </div>
            <div class="minutes">
              <label class="label" for=${minutesKey}>${msg('Minutes', { id: 'meeting.agenda.minutes-short' })}</label>
              <input
                id=${minutesKey}
                aria-label=${msg(str`Minutes for item ${n}`, { id: 'meeting.agenda.minutes' })}
                type="number"
                inputmode="numeric"
                min="1"
                max="240"
                step="1"
                .value=${item.minutes}
                aria-invalid=${this.errors[minutesKey] ? 'true' : 'false'}
                aria-describedby=${this.errors[minutesKey] ? `${minutesKey}-error` : nothing}
                @input=${(e: Event) => this.editItem(i, { minutes: (e.target as HTMLInputElement).value })}
              />
              ${itemError(minutesKey)}
            </div>
            <div class="moves">
              <button type="button" id=${`agenda-up-${i}`} ?disabled=${i === 0} @click=${() => this.moveItem(i, -1)}>
                <span aria-hidden="true">↑</span><span class="visually-hidden">${msg(str`Move item ${n} up`, { id: 'meeting.agenda.up' })}</span>
              </button>
              <button type="button" id=${`agenda-down-${i}`} ?disabled=${i === agenda.length - 1} @click=${() => this.moveItem(i, 1)}>
                <span aria-hidden="true">↓</span><span class="visually-hidden">${msg(str`Move item ${n} down`, { id: 'meeting.agenda.down' })}</span>
              </button>
              <button type="button" @click=${() => this.removeItem(i)}>
                ${msg('Remove', { id: 'meeting.remove' })}<span class="visually-hidden"> ${msg(str`Item ${n}`, { id: 'meeting.agenda.item' })}</span>
              </button>
            </div>
          </li>`;
        })}
      </ol>
      <div class="actions">
        <button type="button" id="agenda-add" ?disabled=${agenda.length >= MAX_AGENDA} @click=${this.addItem}>
          <span aria-hidden="true">+</span> ${msg('Add an item', { id: 'meeting.agenda.add' })}
        </button>
        ${agenda.length > 0
          ? html`<span class="total ${slot !== undefined && total > slot ? 'over' : ''}">
              ${slot === undefined
                ? msg(str`Total: ${formatNumber(total)} minutes`, { id: 'meeting.agenda.total' })
                : msg(str`Total: ${formatNumber(total)} of the ${formatNumber(slot)} minutes set aside`, { id: 'meeting.agenda.total-slot' })}
            </span>`
          : nothing}
      </div>
      ${slot !== undefined && total > slot
        ? html`<p class="notice warning">${msg('The agenda is longer than the meeting time: shorten or drop an item.', { id: 'meeting.agenda.too-long' })}</p>`
        : nothing}
    </fieldset>`;
  }

  private roleText(role: Role): string {
    switch (role) {
      case 'lead':
        return msg('lead', { id: 'meeting.role.lead' });
      case 'coach':
        return msg('coach', { id: 'meeting.role.coach' });
      case 'former':
        return msg('no longer in the community', { id: 'meeting.role.former' });
      default:
        return '';
    }
  }

  private renderAttendance(community: Community) {
    const people = this.attendees(community);
    const present = people.filter((p) => this.draft.present[p.id]).length;
    return html`<fieldset part="attendance">
      <legend>${msg('Attendance', { id: 'meeting.attendance' })}</legend>
      <p class="hint">${msg(str`${formatNumber(present)} of ${formatNumber(people.length)} present`, { id: 'meeting.attendance.count' })}</p>
      <ul class="people">
        ${people.map(({ id, role }) => {
          const roleText = this.roleText(role);
          return html`<li class="check">
            <input
              type="checkbox"
              id=${`present-${id}`}
              .checked=${this.draft.present[id] === true}
              @change=${(e: Event) => this.setPresent(id, (e.target as HTMLInputElement).checked)}
            />
            <label for=${`present-${id}`}>${this.personName(id)}${roleText ? html` <span class="muted">(${roleText})</span>` : nothing}</label>
          </li>`;
        })}
      </ul>
      <div class="actions">
        <button type="button" @click=${() => this.edit({ present: Object.fromEntries(people.map((p) => [p.id, true])) })}>
          ${msg('Mark everyone present', { id: 'meeting.attendance.all' })}
        </button>
      </div>
    </fieldset>`;
  }

  private renderEnquiries() {
    const listed = new Set(this.enquiries.map((e) => e.enquiryId));
    const unknown = this.draft.enquiryIds.filter((id) => !listed.has(id));
    return html`<fieldset part="enquiries">
      <legend>${msg('Enquiries discussed', { id: 'meeting.enquiries' })}</legend>
      ${this.enquiries.length === 0 && unknown.length === 0
        ? html`<p class="hint">${msg('This community has no enquiries yet.', { id: 'meeting.enquiries.none' })}</p>`
        : html`<ul class="people">
            ${this.enquiries.map(
              (e) => html`<li class="check">
                <input
                  type="checkbox"
                  id=${`enquiry-${e.enquiryId}`}
                  .checked=${this.draft.enquiryIds.includes(e.enquiryId)}
                  @change=${(ev: Event) => this.toggleEnquiry(e.enquiryId, (ev.target as HTMLInputElement).checked)}
                />
                <label for=${`enquiry-${e.enquiryId}`}
                  >${e.title || msg('Untitled enquiry', { id: 'meeting.untitled' })} <span class="muted">(${stageLabel(e.stage)})</span></label
                >
              </li>`,
            )}
            ${unknown.map(
              (id) => html`<li class="check">
                <input type="checkbox" id=${`enquiry-${id}`} checked @change=${(ev: Event) => this.toggleEnquiry(id, (ev.target as HTMLInputElement).checked)} />
                <label for=${`enquiry-${id}`}>${id} <span class="muted">(${msg('not found', { id: 'meeting.enquiries.unknown' })})</span></label>
              </li>`,
            )}
          </ul>`}
    </fieldset>`;
  }

  private renderReadOnly(community: Community) {
    const sub = this.level + 1;
    const notice = html`<p class="notice">
      ${msg('Only the community’s lead, members and coaches, CPD leaders and administrators can record its meetings.', { id: 'meeting.read-only' })}
    </p>`;
    if (this.version === 0) {
      return html`${heading(sub, msg('Meeting', { id: 'meeting.read.title' }), { id: 'meeting-title', focusable: true })}${notice}
        <p class="empty">${msg('Choose a meeting from the list to read it.', { id: 'meeting.read.choose' })}</p>`;
    }
    const draft = this.draft;
    const present = this.attendees(community).filter((p) => draft.present[p.id]);
    const linked = draft.enquiryIds.map((id) => this.enquiries.find((e) => e.enquiryId === id)?.title ?? id);
    const none = msg('None recorded', { id: 'meeting.read.none' });
    return html`<article class="read" part="meeting" aria-labelledby="meeting-title">
      ${heading(sub, msg(str`Meeting on ${formatDate(draft.date)}`, { id: 'meeting.form.existing' }), { id: 'meeting-title', focusable: true })}
      ${notice}
      <dl>
        <dt>${msg('Protocol', { id: 'meeting.protocol' })}</dt>
        <dd>${draft.protocol ? protocolName(draft.protocol) : none}</dd>
        <dt>${msg('Agenda', { id: 'meeting.agenda' })}</dt>
        <dd>
          ${draft.agenda.length
            ? html`<ol>
                ${draft.agenda.map((item) => html`<li>${item.title} (${msg(str`${item.minutes} min`, { id: 'meeting.read.minutes' })})</li>`)}
              </ol>`
            : none}
        </dd>
        <dt>${msg('Notes', { id: 'meeting.notes' })}</dt>
        <dd class="notes">${draft.notes || none}</dd>
        <dt>${msg('Decisions', { id: 'meeting.decisions' })}</dt>
        <dd>${draft.decisions.length ? html`<ul>${draft.decisions.map((d) => html`<li>${d}</li>`)}</ul>` : none}</dd>
        <dt>${msg('Present', { id: 'meeting.read.present' })}</dt>
        <dd>${present.length ? present.map((p) => this.personName(p.id)).join(', ') : none}</dd>
        <dt>${msg('Enquiries discussed', { id: 'meeting.enquiries' })}</dt>
        <dd>${linked.length ? html`<ul>${linked.map((t) => html`<li>${t}</li>`)}</ul>` : none}</dd>
      </dl>
    </article>`;
  }

  private renderPast() {
    const sub = this.level + 1;
    return html`<section class="past" part="past" aria-labelledby="past-heading">
      ${heading(sub, msg('Past meetings', { id: 'meeting.past' }), { id: 'past-heading' })}
      ${this.meetings.length === 0
        ? html`<p class="muted">${msg('No meetings recorded yet.', { id: 'meeting.past.none' })}</p>`
        : html`<ol>
            ${this.meetings.map(({ record }) => {
              const current = record.id === this.meetingId;
              const decisions = record.decisions.length;
              const present = record.attendance.filter((a) => a.present).length;
              return html`<li class=${current ? 'current' : ''}>
                <button class="link" aria-current=${current ? 'true' : 'false'} @click=${() => this.openMeeting(record.id)}>
                  <time datetime=${record.date}>${formatDate(record.date)}</time> · ${protocolName(record.protocol)}
                </button>
                <p class="muted">
                  ${decisions === 1
                    ? msg(str`1 decision, ${formatNumber(present)} present`, { id: 'meeting.past.one-decision' })
                    : msg(str`${formatNumber(decisions)} decisions, ${formatNumber(present)} present`, { id: 'meeting.past.summary' })}
                </p>
              </li>`;
            })}
          </ol>`}
    </section>`;
  }
}
