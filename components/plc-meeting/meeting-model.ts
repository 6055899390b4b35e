/**
 * A meeting as `<plc-meeting>`'s form holds it (minutes as typed, attendance by person), and the
 * record saved from it, with the problems by field that stop a save.
 * @internal
 */
import { msg } from '@lit/localize';
import type { Community, Meeting, MeetingProtocol } from '../../src/schema/directory.js';
import { localToday } from '../localization.js';

/** The meeting as the form holds it: minutes as typed, attendance by person. */
export interface MeetingDraft {
  date: string;
  protocol: MeetingProtocol | '';
  agenda: Array<{ title: string; minutes: string }>;
  notes: string;
  decisions: string[];
  present: Record<string, boolean>;
  enquiryIds: string[];
}

/** Why a person is on the attendance list. */
export type Role = 'lead' | 'member' | 'coach' | 'former';

/** The most agenda items a meeting has. */
export const MAX_AGENDA = 30;

/** The form's draft of a stored meeting, or of a new one (today, no protocol yet). */
export function draftOf(meeting: Meeting | undefined): MeetingDraft {
  if (!meeting) return { date: localToday(), protocol: '', agenda: [], notes: '', decisions: [], present: {}, enquiryIds: [] };
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

/** Whether `agenda` is still exactly a protocol's template (so choosing another loses nothing). */
export const sameAgenda = (agenda: MeetingDraft['agenda'], template: ReadonlyArray<{ title: string; minutes: number }>): boolean =>
  agenda.length === template.length && agenda.every((item, i) => item.title === template[i]!.title && item.minutes === String(template[i]!.minutes));

/** An agenda as the form holds it. */
export const agendaDraft = (template: ReadonlyArray<{ title: string; minutes: number }>): MeetingDraft['agenda'] =>
  template.map((item) => ({ title: item.title, minutes: String(item.minutes) }));

/** Whole minutes 1 to 240, or undefined. */
export function minutesOf(text: string): number | undefined {
  if (!/^\s*\d+\s*$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 1 && value <= 240 ? value : undefined;
}

/** The community's lead, members and coaches (and anyone recorded who has since left), with their role. */
export function attendeesOf(community: Community, present: Readonly<Record<string, boolean>>): Array<{ id: string; role: Role }> {
  const seen = new Map<string, Role>();
  seen.set(community.leadId, 'lead');
  for (const id of community.memberIds) if (!seen.has(id)) seen.set(id, 'member');
  for (const id of community.coachIds) if (!seen.has(id)) seen.set(id, 'coach');
  for (const id of Object.keys(present)) if (!seen.has(id)) seen.set(id, 'former');
  return [...seen].map(([id, role]) => ({ id, role }));
}

/**
 * The record to save, or the problems (by the form's field ids) that stop it. `writerId` is who
 * saves it: a local store keeps it as the notes' writer when the notes change (the server puts
 * the signed-in person there whatever it is given).
 */
export function recordOf(draft: MeetingDraft, id: string, community: Community, writerId: string): { record: Meeting } | { errors: Record<string, string> } {
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
      attendance: attendeesOf(community, draft.present).map(({ id: personId }) => ({ personId, present: draft.present[personId] === true })),
      enquiryIds: [...draft.enquiryIds],
      notesBy: writerId,
    },
  };
}

/** The meeting's fields as people name them, in the form's order: the conflict view lists those a colleague changed. */
export function meetingFieldLabels(): Record<string, string> {
  return {
    date: msg('Date', { id: 'meeting.date' }),
    protocol: msg('Protocol', { id: 'meeting.protocol' }),
    agenda: msg('Agenda', { id: 'meeting.agenda' }),
    notes: msg('Notes', { id: 'meeting.notes' }),
    decisions: msg('Decisions', { id: 'meeting.decisions' }),
    present: msg('Attendance', { id: 'meeting.attendance' }),
    enquiryIds: msg('Enquiries discussed', { id: 'meeting.enquiries' }),
  };
}
