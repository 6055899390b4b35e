/**
 * One reconcile step for every roster: a VLE course's members (LTI Names and Role Provisioning),
 * a OneRoster 1.2 CSV export, or any list a host brings. Given the directory's people, who this
 * source already linked to whom, and the roster as it is now, it works out joiners (new people),
 * movers (a changed name, email, school or role, or someone coming back) and leavers (inactive or
 * gone from a source that manages them), for an administrator to confirm before anything changes.
 * Leavers are marked with `leftOn`, never deleted: their past work stays in the record.
 *
 * Pure: no I/O, no clock (today is given), no random ids (`newId` is given); the same in Node and
 * the browser.
 * @module
 */
import { Person, type StaffRole } from '../schema/directory.js';

/** A person as the directory holds them (with `joinedOn` and `leftOn`). */
export type RosterPerson = Person;

/** One member of staff as a roster gives them. */
export interface RosterEntry {
  /** The source's own id (an LTI `user_id`, a OneRoster `sourcedId`). */
  externalId: string;
  name?: string | undefined;
  email?: string | undefined;
  /** plc-kit roles (see roles.ts); a joiner with none starts as `teacher`. */
  roles: readonly StaffRole[];
  /** The plc-kit school, when the source says. */
  schoolId?: string | undefined;
  /** False when the source says the person is inactive, deleted or disabled. */
  active: boolean;
  /** When their place ended, when the source says (`YYYY-MM-DD`); leavers without one leave today. */
  endedOn?: string | undefined;
}

/** A link between a source's id and a person, kept so the next roster finds them again. */
export interface RosterLink {
  externalId: string;
  personId: string;
}

/** What {@link reconcileRoster} needs. */
export interface ReconcileInput {
  /** Names the roster (`lti:<platform>:<course>`, `oneroster`); links are per source. */
  source: string;
  /** Every person in the trust's directory. */
  people: readonly RosterPerson[];
  /** This source's links from earlier imports and launches. */
  links: readonly RosterLink[];
  /** The roster now. */
  entries: readonly RosterEntry[];
  /** Today's date, `YYYY-MM-DD`. */
  today: string;
  /** The school of joiners whose entry names none. */
  defaultSchoolId?: string | undefined;
  /** The id of a joiner's new record (a deterministic one keeps a preview stable). */
  newId: (entry: RosterEntry) => string;
}

/** A field a mover's record changes. */
export interface FieldChange {
  field: 'name' | 'email' | 'schoolId' | 'roles' | 'leftOn';
  from: unknown;
  to: unknown;
}

/** Someone new to the directory. */
export interface Joiner {
  externalId: string;
  person: RosterPerson;
}

/** Someone whose record changes. */
export interface Mover {
  externalId: string;
  personId: string;
  /** How the entry was matched: this source's link, or the email address (a link is then made). */
  matchedBy: 'link' | 'email';
  before: RosterPerson;
  after: RosterPerson;
  changes: FieldChange[];
}

/** Someone who has left. */
export interface Leaver {
  externalId: string;
  personId: string;
  /** `inactive`: the source says so; `missing`: no longer in a source that had them. */
  reason: 'inactive' | 'missing';
  before: RosterPerson;
  after: RosterPerson;
}

/** An entry that cannot be used, and why (naming the field). */
export interface RosterProblem {
  externalId: string;
  field: string;
  code: 'duplicate-entry' | 'ambiguous-email' | 'already-matched' | 'invalid' | 'no-school';
  message: string;
}

/** What applying the roster would do. */
export interface RosterPlan {
  source: string;
  today: string;
  joiners: Joiner[];
  movers: Mover[];
  leavers: Leaver[];
  /** Entries matched to a person whose record stays as it is. */
  unchanged: number;
  problems: RosterProblem[];
  /** Links to record (joiners, and matches made by email). */
  links: RosterLink[];
}

const sameEmail = (a: string | undefined, b: string | undefined) => (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();
const clean = (text: string | undefined) => text?.replace(/\s+/g, ' ').trim() || undefined;

/** The joiner's or mover's record, checked against the Person schema; problems name the field. */
function checked(record: RosterPerson, externalId: string, problems: RosterProblem[]): boolean {
  const parsed = Person.safeParse(record);
  if (parsed.success) return true;
  for (const issue of parsed.error.issues) {
    const field = issue.path.join('.') || '(record)';
    problems.push({ externalId, field, code: 'invalid', message: `${field}: ${issue.message}` });
  }
  return false;
}

/**
 * Works out joiners, movers and leavers. Entries are matched to people by this source's links
 * first, then by email (case-insensitive, only when exactly one person has it). Roles only ever
 * grow (a role an administrator gave stays); name, email and school follow the roster when it
 * gives them. A leaver's record keeps everything and gains `leftOn` (the source's end date, or
 * today); someone who had left and is active again comes back (their `leftOn` goes).
 * @example
 * ```ts
 * const plan = reconcileRoster({ source: 'oneroster', people, links, entries, today: '2026-09-01', newId: (e) => `p-${e.externalId}` });
 * plan.joiners.length; plan.movers[0]?.changes; plan.leavers.map((l) => l.personId);
 * ```
 */
export function reconcileRoster(input: ReconcileInput): RosterPlan {
  const plan: RosterPlan = { source: input.source, today: input.today, joiners: [], movers: [], leavers: [], unchanged: 0, problems: [], links: [] };
  const byId = new Map(input.people.map((person) => [person.id, person]));
  const linked = new Map(input.links.map((link) => [link.externalId, link.personId]));
  const matched = new Set<string>();
  const seen = new Set<string>();

  for (const entry of input.entries) {
    if (seen.has(entry.externalId)) {
      plan.problems.push({ externalId: entry.externalId, field: 'externalId', code: 'duplicate-entry', message: `${entry.externalId} appears more than once in the roster; only the first is used.` });
      continue;
    }
    seen.add(entry.externalId);
    const name = clean(entry.name);
    const email = clean(entry.email);

    let person: RosterPerson | undefined;
    let matchedBy: Mover['matchedBy'] = 'link';
    const linkedId = linked.get(entry.externalId);
    if (linkedId) person = byId.get(linkedId);
    if (!person && email) {
      const withEmail = input.people.filter((p) => sameEmail(p.email, email));
      if (withEmail.length > 1) {
        plan.problems.push({ externalId: entry.externalId, field: 'email', code: 'ambiguous-email', message: `${withEmail.length} people have the email ${email}: give them different addresses first.` });
        continue;
      }
      person = withEmail[0];
      matchedBy = 'email';
    }
    if (person && matched.has(person.id)) {
      plan.problems.push({ externalId: entry.externalId, field: 'externalId', code: 'already-matched', message: `${person.name} (${person.id}) is already matched to another entry of this roster.` });
      continue;
    }

    if (!person) {
      if (!entry.active) continue; // someone inactive the directory never had: nothing to do
      const schoolId = entry.schoolId ?? input.defaultSchoolId;
      if (!schoolId) {
        plan.problems.push({ externalId: entry.externalId, field: 'schoolId', code: 'no-school', message: `${name ?? email ?? entry.externalId} has no school: the roster names none and no default school is set.` });
        continue;
      }
      const record: RosterPerson = {
        schemaVersion: 1,
        id: input.newId(entry),
        name: name ?? email ?? '',
        ...(email ? { email } : {}),
        schoolId,
        roles: entry.roles.length ? [...entry.roles].sort() : ['teacher'],
        joinedOn: input.today,
      };
      if (!name && !email) {
        plan.problems.push({ externalId: entry.externalId, field: 'name', code: 'invalid', message: `${entry.externalId} has neither a name nor an email in the roster, so there is nothing to call them: share names with plc-kit, or add them by hand.` });
        continue;
      }
      if (!checked(record, entry.externalId, plan.problems)) continue;
      plan.joiners.push({ externalId: entry.externalId, person: record });
      plan.links.push({ externalId: entry.externalId, personId: record.id });
      continue;
    }

    matched.add(person.id);
    if (matchedBy === 'email') plan.links.push({ externalId: entry.externalId, personId: person.id });
    if (!entry.active) {
      if (!person.leftOn) {
        const leftOn = entry.endedOn && entry.endedOn < input.today ? entry.endedOn : input.today;
        plan.leavers.push({ externalId: entry.externalId, personId: person.id, reason: 'inactive', before: person, after: { ...person, leftOn } });
      } else plan.unchanged += 1;
      continue;
    }
    const changes: FieldChange[] = [];
    const after: RosterPerson = { ...person };
    if (name && name !== person.name) {
      changes.push({ field: 'name', from: person.name, to: name });
      after.name = name;
    }
    if (email && !sameEmail(email, person.email)) {
      changes.push({ field: 'email', from: person.email, to: email });
      after.email = email;
    }
    if (entry.schoolId && entry.schoolId !== person.schoolId) {
      changes.push({ field: 'schoolId', from: person.schoolId, to: entry.schoolId });
      after.schoolId = entry.schoolId;
    }
    const roles = [...new Set([...person.roles, ...entry.roles])].sort();
    if (roles.length !== person.roles.length) {
      changes.push({ field: 'roles', from: person.roles, to: roles });
      after.roles = roles;
    }
    if (person.leftOn) {
      changes.push({ field: 'leftOn', from: person.leftOn, to: undefined });
      delete after.leftOn;
      after.joinedOn = input.today;
    }
    if (!changes.length) {
      plan.unchanged += 1;
      continue;
    }
    if (!checked(after, entry.externalId, plan.problems)) continue;
    plan.movers.push({ externalId: entry.externalId, personId: person.id, matchedBy, before: person, after, changes });
  }

  // People this source had, who are no longer in it.
  for (const link of input.links) {
    if (seen.has(link.externalId)) continue;
    const person = byId.get(link.personId);
    if (!person || person.leftOn || matched.has(person.id)) continue;
    plan.leavers.push({ externalId: link.externalId, personId: person.id, reason: 'missing', before: person, after: { ...person, leftOn: input.today } });
  }
  return plan;
}
