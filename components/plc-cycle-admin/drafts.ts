/**
 * The forms of `plc-cycle-admin` as drafts: what a person has typed, kept as typed (numbers as
 * text, lists as rows) so nothing is lost while it is invalid, turned into a record only on
 * Save, with a message per field for whatever is wrong.
 * @internal
 */
import { msg } from '@lit/localize';
import { CURRENT_VERSIONS } from '../../src/schema/migrate.js';
import { Community, Cycle, Person, Theme, type StaffRole } from '../../src/schema/directory.js';
import { slugId } from '../../src/export/directoryCsv.js';
import type { core } from 'zod/mini';
import { parseSafely } from '../../src/schema/zod.js';

/** The collections the element edits. */
export type AdminCollection = 'cycles' | 'themes' | 'communities' | 'people';

export interface CycleDraft {
  kind: 'cycles';
  name: string;
  startsOn: string;
  endsOn: string;
  status: Cycle['status'];
  themeIds: string[];
  minObservations: string;
  minEvidence: string;
  studentVoiceRequired: boolean;
  questionReviewRequired: boolean;
  tracks: Array<{ id: string | undefined; name: string }>;
}

export interface ThemeDraft {
  kind: 'themes';
  name: string;
  description: string;
  aspects: Array<{ id: string | undefined; name: string }>;
}

export interface SlotDraft {
  weekday: string;
  start: string;
  minutes: string;
  location: string;
}

export interface CommunityDraft {
  kind: 'communities';
  name: string;
  cycleId: string;
  themeId: string;
  leadId: string;
  memberIds: string[];
  coachIds: string[];
  schoolIds: string[];
  slots: SlotDraft[];
  /** One of the cycle's tracks when the group is on it rather than a PLC; empty for a PLC. */
  trackId: string;
}

export interface PersonDraft {
  kind: 'people';
  name: string;
  email: string;
  schoolId: string;
  roles: StaffRole[];
  newStaff: boolean;
  lineManagerId: string;
  /** The day they joined the staff (`YYYY-MM-DD`), or empty. */
  joinedOn: string;
  /** The day they left (they lose access from then; their past work keeps their name), or empty. */
  leftOn: string;
}

export type Draft = CycleDraft | ThemeDraft | CommunityDraft | PersonDraft;

/** The record type of each collection. */
export interface AdminRecords {
  cycles: Cycle;
  themes: Theme;
  communities: Community;
  people: Person;
}
export type AdminRecord = AdminRecords[AdminCollection];

/** Defaults for a new record: the cycle the session works in, the only school, ... */
export interface DraftDefaults {
  cycleId?: string | undefined;
  schoolId?: string | undefined;
  /** Themes a new cycle offers at first (the current cycle's). */
  themeIds?: readonly string[] | undefined;
}

export const NEW_SLOT: SlotDraft = { weekday: '3', start: '15:30', minutes: '60', location: '' };

/** An empty form for a new record. */
export function emptyDraft(kind: AdminCollection, defaults: DraftDefaults = {}): Draft {
  switch (kind) {
    case 'cycles':
      return {
        kind,
        name: '',
        startsOn: '',
        endsOn: '',
        status: 'planning',
        themeIds: [...(defaults.themeIds ?? [])],
        minObservations: '1',
        minEvidence: '1',
        studentVoiceRequired: true,
        questionReviewRequired: true,
        tracks: [],
      };
    case 'themes':
      return { kind, name: '', description: '', aspects: [{ id: undefined, name: '' }] };
    case 'communities':
      return {
        kind,
        name: '',
        cycleId: defaults.cycleId ?? '',
        themeId: '',
        leadId: '',
        memberIds: [],
        coachIds: [],
        schoolIds: defaults.schoolId ? [defaults.schoolId] : [],
        slots: [{ ...NEW_SLOT }],
        trackId: '',
      };
    default:
      return { kind: 'people', name: '', email: '', schoolId: defaults.schoolId ?? '', roles: ['teacher'], newStaff: false, lineManagerId: '', joinedOn: '', leftOn: '' };
  }
}

/** The form for a stored record. */
export function draftOf(kind: AdminCollection, record: AdminRecord): Draft {
  switch (kind) {
    case 'cycles': {
      const c = record as Cycle;
      return {
        kind,
        name: c.name,
        startsOn: c.startsOn,
        endsOn: c.endsOn,
        status: c.status,
        themeIds: [...c.themeIds],
        minObservations: String(c.policy.minObservations),
        minEvidence: String(c.policy.minEvidence),
        studentVoiceRequired: c.policy.studentVoiceRequired,
        questionReviewRequired: c.policy.questionReviewRequired,
        tracks: (c.tracks ?? []).map((t) => ({ id: t.id, name: t.name })),
      };
    }
    case 'themes': {
      const t = record as Theme;
      return { kind, name: t.name, description: t.description ?? '', aspects: t.aspects.map((a) => ({ id: a.id, name: a.name })) };
    }
    case 'communities': {
      const c = record as Community;
      return {
        kind,
        name: c.name,
        cycleId: c.cycleId,
        themeId: c.themeId,
        leadId: c.leadId,
        memberIds: [...c.memberIds],
        coachIds: [...c.coachIds],
        schoolIds: [...c.schoolIds],
        slots: c.meetingSlots.map((s) => ({ weekday: String(s.weekday), start: s.start, minutes: String(s.minutes), location: s.location ?? '' })),
        trackId: c.trackId ?? '',
      };
    }
    default: {
      const p = record as Person;
      return { kind: 'people', name: p.name, email: p.email ?? '', schoolId: p.schoolId, roles: [...p.roles], newStaff: p.newStaff ?? false, lineManagerId: p.lineManagerId ?? '', joinedOn: p.joinedOn ?? '', leftOn: p.leftOn ?? '' };
    }
  }
}

/** Field errors by field key (`name`, `aspects.2`, `slots.0.start`, ...). */
export type FieldErrors = Record<string, string>;

const required = () => msg('Fill this in.', { id: 'admin.error.required' });
const tooLong = () => msg('This is too long (200 characters at most).', { id: 'admin.error.too-long' });

function wholeNumber(text: string, min: number, max: number): number | undefined {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}

function checkName(errors: FieldErrors, key: string, value: string): string {
  const name = value.trim();
  if (!name) errors[key] = required();
  else if (name.length > 200) errors[key] = tooLong();
  return name;
}

/** What a draft needs to know about the rest of the directory to become a record. */
export interface BuildContext {
  /** Every aspect id in every theme, so a new aspect gets an unused id. */
  aspectIds: ReadonlySet<string>;
}

/**
 * Turns a draft into the record to store, or the errors to show. `existing` is the record as it
 * was opened: fields the form does not show are kept from it.
 */
export function buildRecord(draft: Draft, id: string, existing: AdminRecord | undefined, context: BuildContext): { record?: AdminRecord; errors: FieldErrors } {
  const errors: FieldErrors = {};
  let record: AdminRecord;
  let schema: core.$ZodType;
  switch (draft.kind) {
    case 'cycles': {
      const name = checkName(errors, 'name', draft.name);
      if (!draft.startsOn) errors['startsOn'] = required();
      if (!draft.endsOn) errors['endsOn'] = required();
      else if (draft.startsOn && draft.endsOn < draft.startsOn) errors['endsOn'] = msg('The cycle must end after it starts.', { id: 'admin.error.dates' });
      const minObservations = wholeNumber(draft.minObservations, 0, 50);
      if (minObservations === undefined) errors['minObservations'] = msg('Enter a whole number from 0 to 50.', { id: 'admin.error.policy-number' });
      const minEvidence = wholeNumber(draft.minEvidence, 0, 50);
      if (minEvidence === undefined) errors['minEvidence'] = msg('Enter a whole number from 0 to 50.', { id: 'admin.error.policy-number' });
      const taken = new Set(draft.tracks.map((t) => t.id).filter((t): t is string => Boolean(t)));
      const tracks = draft.tracks.map((track, i) => {
        const trackName = checkName(errors, `tracks.${i}`, track.name);
        const trackId = track.id ?? slugId('track', trackName, taken);
        taken.add(trackId);
        return { id: trackId, name: trackName };
      });
      record = {
        ...(existing as Cycle | undefined),
        schemaVersion: CURRENT_VERSIONS.cycles,
        id,
        name,
        startsOn: draft.startsOn,
        endsOn: draft.endsOn,
        status: draft.status,
        themeIds: [...draft.themeIds],
        policy: {
          minObservations: minObservations ?? 0,
          minEvidence: minEvidence ?? 0,
          studentVoiceRequired: draft.studentVoiceRequired,
          questionReviewRequired: draft.questionReviewRequired,
        },
        tracks,
      } satisfies Cycle;
      if (tracks.length === 0) delete (record as Partial<Cycle>).tracks;
      schema = Cycle;
      break;
    }
    case 'themes': {
      const name = checkName(errors, 'name', draft.name);
      if (draft.description.length > 10_000) errors['description'] = msg('This is too long (10,000 characters at most).', { id: 'admin.error.too-long-text' });
      const taken = new Set(context.aspectIds);
      const seen = new Map<string, number>();
      const aspects = draft.aspects.map((aspect, i) => {
        const aspectName = checkName(errors, `aspects.${i}`, aspect.name);
        const key = aspectName.toLowerCase();
        if (aspectName && seen.has(key)) errors[`aspects.${i}`] = msg('Another aspect of this theme has this name.', { id: 'admin.error.aspect-twice' });
        seen.set(key, i);
        const aspectId = aspect.id ?? slugId('asp', aspectName, taken);
        taken.add(aspectId);
        return { id: aspectId, name: aspectName };
      });
      const description = draft.description.trim();
      record = { ...(existing as Theme | undefined), schemaVersion: CURRENT_VERSIONS.themes, id, name, description, aspects } satisfies Theme;
      schema = Theme;
      break;
    }
    case 'communities': {
      const name = checkName(errors, 'name', draft.name);
      if (!draft.cycleId) errors['cycleId'] = required();
      if (!draft.themeId) errors['themeId'] = required();
      if (!draft.leadId) errors['leadId'] = msg('Choose who leads this community.', { id: 'admin.error.lead' });
      if (draft.schoolIds.length === 0) errors['schoolIds'] = msg('Choose at least one school.', { id: 'admin.error.schools' });
      const meetingSlots = draft.slots.map((slot, i) => {
        const weekday = wholeNumber(slot.weekday, 1, 7) ?? 1;
        if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(slot.start)) errors[`slots.${i}.start`] = msg('Enter a time such as 15:30.', { id: 'admin.error.time' });
        const minutes = wholeNumber(slot.minutes, 5, 480);
        if (minutes === undefined) errors[`slots.${i}.minutes`] = msg('Enter a whole number of minutes from 5 to 480.', { id: 'admin.error.minutes' });
        const location = slot.location.trim();
        if (location.length > 200) errors[`slots.${i}.location`] = tooLong();
        return { weekday, start: slot.start, minutes: minutes ?? 60, ...(location ? { location } : {}) };
      });
      // The lead is always a member: the policy and the enquiries count members, lead included.
      const memberIds = draft.leadId && !draft.memberIds.includes(draft.leadId) ? [draft.leadId, ...draft.memberIds] : [...draft.memberIds];
      record = {
        ...(existing as Community | undefined),
        schemaVersion: CURRENT_VERSIONS.communities,
        id,
        name,
        cycleId: draft.cycleId,
        themeId: draft.themeId,
        leadId: draft.leadId,
        memberIds,
        coachIds: [...draft.coachIds],
        schoolIds: [...draft.schoolIds],
        meetingSlots,
      } satisfies Community;
      // A PLC again (no track) drops the stored track.
      if (draft.trackId) (record as Community).trackId = draft.trackId;
      else delete (record as Community).trackId;
      schema = Community;
      break;
    }
    default: {
      const name = checkName(errors, 'name', draft.name);
      const email = draft.email.trim();
      if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors['email'] = msg('Enter an email address such as name@school.org.', { id: 'admin.error.email' });
      if (!draft.schoolId) errors['schoolId'] = required();
      if (draft.roles.length === 0) errors['roles'] = msg('Choose at least one role.', { id: 'admin.error.roles' });
      if (draft.lineManagerId && draft.lineManagerId === id) errors['lineManagerId'] = msg('A person cannot be their own line manager.', { id: 'admin.error.own-manager' });
      // A draft kept on the device before these fields existed has neither.
      const joinedOn = draft.joinedOn ?? '';
      const leftOn = draft.leftOn ?? '';
      if (joinedOn && leftOn && leftOn < joinedOn) errors['leftOn'] = msg('The leaving day must be on or after the joining day.', { id: 'admin.error.left-before-joined' });
      const base: Partial<Person> = { ...(existing as Person | undefined) };
      delete base.email;
      delete base.lineManagerId;
      delete base.newStaff;
      delete base.joinedOn;
      delete base.leftOn;
      record = {
        ...base,
        schemaVersion: CURRENT_VERSIONS.people,
        id,
        name,
        schoolId: draft.schoolId,
        roles: [...draft.roles],
        ...(email ? { email } : {}),
        ...(draft.newStaff ? { newStaff: true } : {}),
        ...(draft.lineManagerId ? { lineManagerId: draft.lineManagerId } : {}),
        ...(joinedOn ? { joinedOn } : {}),
        ...(leftOn ? { leftOn } : {}),
      } satisfies Person;
      schema = Person;
    }
  }
  if (Object.keys(errors).length > 0) return { errors };
  // What the form cannot check itself (limits, id characters) the schema still refuses: name the field.
  const parsed = parseSafely(schema, record);
  if (!parsed.success) {
    for (const issue of parsed.error?.issues ?? []) {
      const [head, index] = issue.path;
      const numbered = (head === 'aspects' || head === 'tracks') && typeof index === 'number';
      const key = head === 'policy' ? String(index) : head === 'meetingSlots' ? `slots.${String(index)}.start` : numbered ? `${String(head)}.${String(index)}` : String(head ?? 'name');
      errors[key] ??= msg('Check this value.', { id: 'admin.error.invalid' });
    }
    return { errors };
  }
  return { record, errors };
}
