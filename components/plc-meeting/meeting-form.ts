/**
 * The parts of `<plc-meeting>`: the form's fieldsets (protocol, agenda, attendance, enquiries
 * discussed) and the list of past meetings. Each draws from a context the
 * element gives it: the draft, the problems by field, and what each control does.
 * @internal
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { LIMITS } from '../../src/schema/common.js';
import type { Community, Meeting, MeetingProtocol } from '../../src/schema/directory.js';
import type { EnquirySummary, Versioned } from '../../src/store/store.js';
import type { FieldErrors } from '../controllers/record-editor.js';
import { formatDate, formatNumber } from '../localization.js';
import { heading } from '../shared/heading.js';
import { attendeesOf, MAX_AGENDA, minutesOf, type MeetingDraft, type Role } from './meeting-model.js';
import { PROTOCOLS, protocolName, protocolPurpose } from './protocols.js';

/** What the form's parts read and do. */
export interface MeetingFormContext {
  draft: MeetingDraft;
  errors: FieldErrors;
  /** Whether the open meeting has never been saved. */
  isNew: boolean;
  /** The level of the form's heading. */
  level: number;
  /** A protocol chosen while the agenda was edited: the form asks before replacing it. */
  replaceAgendaWith: MeetingProtocol | undefined;
  /** The community's enquiries, to link. */
  enquiries: readonly EnquirySummary[];
  personName(id: string): string;
  stageName(stage: string): string;
  edit(patch: Partial<MeetingDraft>): void;
  chooseProtocol(protocol: MeetingProtocol): void;
  replaceAgenda(): void;
  keepAgenda(): void;
  editItem(index: number, patch: Partial<MeetingDraft['agenda'][number]>): void;
  addItem(): void;
  removeItem(index: number): void;
  moveItem(index: number, by: -1 | 1): void;
  setPresent(personId: string, present: boolean): void;
  toggleEnquiry(enquiryId: string, linked: boolean): void;
}

/** What the list of past meetings reads and does. */
export interface MeetingPastContext {
  level: number;
  meetings: ReadonlyArray<Versioned<Meeting>>;
  meetingId: string | undefined;
  openMeeting(id: string): void;
}

export function protocolsFieldset(ctx: MeetingFormContext): TemplateResult {
  const error = ctx.errors['protocol'];
  return html`<fieldset part="protocols" aria-describedby=${error ? 'protocol-error' : nothing}>
    <legend>${msg('Protocol', { id: 'meeting.protocol' })}</legend>
    <p class="hint">${msg('Choosing a protocol fills in its agenda, which you can then change.', { id: 'meeting.protocol.hint' })}</p>
    <ul class="protocols">
      ${PROTOCOLS.map(
        (protocol) => html`<li class="protocol ${ctx.draft.protocol === protocol ? 'chosen' : ''}">
          <input
            type="radio"
            name="protocol"
            id=${`protocol-${protocol}`}
            value=${protocol}
            .checked=${ctx.draft.protocol === protocol}
            aria-describedby=${`protocol-${protocol}-purpose`}
            @change=${() => ctx.chooseProtocol(protocol)}
          />
          <div>
            <label for=${`protocol-${protocol}`}>${protocolName(protocol)}</label>
            <p class="hint" id=${`protocol-${protocol}-purpose`}>${protocolPurpose(protocol)}</p>
          </div>
        </li>`,
      )}
    </ul>
    ${error ? html`<p class="field-error" id="protocol-error">${error}</p>` : nothing}
    ${ctx.replaceAgendaWith
      ? html`<div class="notice warning" role="alert">
          <p>${msg(str`You have changed the agenda. Replace it with the agenda of “${protocolName(ctx.replaceAgendaWith)}”?`, { id: 'meeting.replace.question' })}</p>
          <div class="actions">
            <button type="button" @click=${ctx.replaceAgenda}>${msg('Replace the agenda', { id: 'meeting.replace.yes' })}</button>
            <button type="button" @click=${ctx.keepAgenda}>${msg('Keep my agenda', { id: 'meeting.replace.no' })}</button>
          </div>
        </div>`
      : nothing}
  </fieldset>`;
}

export function agendaFieldset(ctx: MeetingFormContext, community: Community): TemplateResult {
  const agenda = ctx.draft.agenda;
  const total = agenda.reduce((sum, item) => sum + (minutesOf(item.minutes) ?? 0), 0);
  const slot = community.meetingSlots[0]?.minutes;
  const itemError = (key: string) =>
    ctx.errors[key] ? html`<p class="field-error" id=${`${key}-error`}>${ctx.errors[key]}</p>` : nothing;
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
              aria-invalid=${ctx.errors[titleKey] ? 'true' : 'false'}
              aria-describedby=${ctx.errors[titleKey] ? `${titleKey}-error` : nothing}
              @input=${(e: Event) => ctx.editItem(i, { title: (e.target as HTMLInputElement).value })}
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
              aria-invalid=${ctx.errors[minutesKey] ? 'true' : 'false'}
              aria-describedby=${ctx.errors[minutesKey] ? `${minutesKey}-error` : nothing}
              @input=${(e: Event) => ctx.editItem(i, { minutes: (e.target as HTMLInputElement).value })}
            />
            ${itemError(minutesKey)}
          </div>
          <div class="moves">
            <button type="button" id=${`agenda-up-${i}`} ?disabled=${i === 0} @click=${() => ctx.moveItem(i, -1)}>
              <span aria-hidden="true">↑</span><span class="visually-hidden">${msg(str`Move item ${n} up`, { id: 'meeting.agenda.up' })}</span>
            </button>
            <button type="button" id=${`agenda-down-${i}`} ?disabled=${i === agenda.length - 1} @click=${() => ctx.moveItem(i, 1)}>
              <span aria-hidden="true">↓</span><span class="visually-hidden">${msg(str`Move item ${n} down`, { id: 'meeting.agenda.down' })}</span>
            </button>
            <button type="button" @click=${() => ctx.removeItem(i)}>
              ${msg('Remove', { id: 'meeting.remove' })}<span class="visually-hidden"> ${msg(str`Item ${n}`, { id: 'meeting.agenda.item' })}</span>
            </button>
          </div>
        </li>`;
      })}
    </ol>
    <div class="actions">
      <button type="button" id="agenda-add" ?disabled=${agenda.length >= MAX_AGENDA} @click=${ctx.addItem}>
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

function roleText(role: Role): string {
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

export function attendanceFieldset(ctx: MeetingFormContext, community: Community): TemplateResult {
  const people = attendeesOf(community, ctx.draft.present);
  const present = people.filter((p) => ctx.draft.present[p.id]).length;
  return html`<fieldset part="attendance">
    <legend>${msg('Attendance', { id: 'meeting.attendance' })}</legend>
    <p class="hint">${msg(str`${formatNumber(present)} of ${formatNumber(people.length)} present`, { id: 'meeting.attendance.count' })}</p>
    <ul class="people">
      ${people.map(({ id, role }) => {
        const roleName = roleText(role);
        return html`<li class="check">
          <input
            type="checkbox"
            id=${`present-${id}`}
            .checked=${ctx.draft.present[id] === true}
            @change=${(e: Event) => ctx.setPresent(id, (e.target as HTMLInputElement).checked)}
          />
          <label for=${`present-${id}`}>${ctx.personName(id)}${roleName ? html` <span class="muted">(${roleName})</span>` : nothing}</label>
        </li>`;
      })}
    </ul>
    <div class="actions">
      <button type="button" @click=${() => ctx.edit({ present: Object.fromEntries(people.map((p) => [p.id, true])) })}>
        ${msg('Mark everyone present', { id: 'meeting.attendance.all' })}
      </button>
    </div>
  </fieldset>`;
}

export function enquiriesFieldset(ctx: MeetingFormContext): TemplateResult {
  const listed = new Set(ctx.enquiries.map((e) => e.enquiryId));
  const unknown = ctx.draft.enquiryIds.filter((id) => !listed.has(id));
  return html`<fieldset part="enquiries">
    <legend>${msg('Enquiries discussed', { id: 'meeting.enquiries' })}</legend>
    ${ctx.enquiries.length === 0 && unknown.length === 0
      ? html`<p class="hint">${msg('This community has no enquiries yet.', { id: 'meeting.enquiries.none' })}</p>`
      : html`<ul class="people">
          ${ctx.enquiries.map(
            (e) => html`<li class="check">
              <input
                type="checkbox"
                id=${`enquiry-${e.enquiryId}`}
                .checked=${ctx.draft.enquiryIds.includes(e.enquiryId)}
                @change=${(ev: Event) => ctx.toggleEnquiry(e.enquiryId, (ev.target as HTMLInputElement).checked)}
              />
              <label for=${`enquiry-${e.enquiryId}`}
                >${e.title || msg('Untitled enquiry', { id: 'meeting.untitled' })} <span class="muted">(${ctx.stageName(e.stage)})</span></label
              >
            </li>`,
          )}
          ${unknown.map(
            (id) => html`<li class="check">
              <input type="checkbox" id=${`enquiry-${id}`} checked @change=${(ev: Event) => ctx.toggleEnquiry(id, (ev.target as HTMLInputElement).checked)} />
              <label for=${`enquiry-${id}`}>${id} <span class="muted">(${msg('not found', { id: 'meeting.enquiries.unknown' })})</span></label>
            </li>`,
          )}
        </ul>`}
  </fieldset>`;
}

export function pastMeetings(ctx: MeetingPastContext): TemplateResult {
  const sub = ctx.level + 1;
  return html`<section class="past" part="past" aria-labelledby="past-heading">
    ${heading(sub, msg('Past meetings', { id: 'meeting.past' }), { id: 'past-heading' })}
    ${ctx.meetings.length === 0
      ? html`<p class="muted">${msg('No meetings recorded yet.', { id: 'meeting.past.none' })}</p>`
      : html`<ol>
          ${ctx.meetings.map(({ record }) => {
            const current = record.id === ctx.meetingId;
            const decisions = record.decisions.length;
            const present = record.attendance.filter((a) => a.present).length;
            return html`<li class=${current ? 'current' : ''}>
              <button class="link" aria-current=${current ? 'true' : 'false'} @click=${() => ctx.openMeeting(record.id)}>
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
