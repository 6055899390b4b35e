/**
 * Reads a OneRoster 1.2 CSV export (the files a student information system writes: `users.csv`,
 * `orgs.csv`, `enrollments.csv`, and `roles.csv` where the export has it; 1.1's `role` and
 * `orgSourcedIds` columns of `users.csv` are read too) into roster entries for
 * {@link reconcileRoster}. Only staff become entries: students, parents and guardians are never
 * read beyond their role. Schools are matched to plc-kit's by the org's `sourcedId` or
 * `identifier` (as a school id) or its name.
 *
 * Pure: text in, entries and problems out.
 * @module
 */
import { parseCsv } from '../export/csv.js';
import type { School } from '../schema/directory.js';
import type { RosterEntry } from './reconcile.js';
import { mapOneRosterRoles } from './roles.js';

/** The CSV files of an export, as text; `users` is required. */
export interface OneRosterFiles {
  users: string;
  orgs?: string | undefined;
  enrollments?: string | undefined;
  roles?: string | undefined;
}

/** Something in the files that could not be used. */
export interface OneRosterProblem {
  file: 'users.csv' | 'orgs.csv' | 'enrollments.csv' | 'roles.csv';
  line: number;
  field: string;
  message: string;
}

/** What {@link readOneRoster} gives. */
export interface OneRosterRead {
  entries: RosterEntry[];
  problems: OneRosterProblem[];
  /** Students and others who are not staff, counted only. */
  skipped: number;
}

type FileName = OneRosterProblem['file'];
type Row = { line: number; get(column: string): string };

/** Reads one file into rows by column name (case-insensitive), checking the columns it needs. */
function rows(file: FileName, text: string | undefined, required: readonly string[], problems: OneRosterProblem[]): Row[] {
  if (text === undefined || text.trim() === '') return [];
  const parsed = parseCsv(text);
  for (const error of parsed.errors) problems.push({ file, line: error.line, field: `column ${error.field + 1}`, message: error.message });
  const [header, ...body] = parsed.rows;
  if (!header) return [];
  const index = new Map(header.fields.map((name, i) => [name.trim().toLowerCase(), i]));
  const missing = required.filter((column) => !index.has(column.toLowerCase()));
  if (missing.length) {
    problems.push({ file, line: header.line, field: missing.join(', '), message: `${file} has no ${missing.join(', ')} column: is it a OneRoster export?` });
    return [];
  }
  return body.map((row) => ({ line: row.line, get: (column: string) => (row.fields[index.get(column.toLowerCase()) ?? -1] ?? '').trim() }));
}

const split = (value: string) => value.split(',').map((v) => v.trim()).filter(Boolean);

interface Place {
  role: string;
  orgId?: string | undefined;
  active: boolean;
  endDate?: string | undefined;
}

/**
 * Reads the export's staff as roster entries, each with their plc-kit roles, school and whether
 * they are still active (`status` not `tobedeleted`, `enabledUser` not false, and at least one
 * staff role or enrollment not ended by `today`).
 * @example
 * ```ts
 * const { entries, problems } = readOneRoster({ users, orgs, enrollments }, schools, '2026-09-01');
 * ```
 */
export function readOneRoster(files: OneRosterFiles, schools: readonly School[], today: string): OneRosterRead {
  const problems: OneRosterProblem[] = [];
  const orgSchool = new Map<string, string | undefined>();
  for (const org of rows('orgs.csv', files.orgs, ['sourcedId', 'name'], problems)) {
    const id = org.get('sourcedId');
    const name = org.get('name').toLowerCase();
    const identifier = org.get('identifier');
    const school = schools.find((s) => s.id === id || (identifier && s.id === identifier) || s.name.trim().toLowerCase() === name);
    orgSchool.set(id, school?.id);
  }
  const places = new Map<string, Place[]>();
  const addPlace = (userId: string, place: Place) => places.set(userId, [...(places.get(userId) ?? []), place]);
  const ended = (endDate: string) => /^\d{4}-\d{2}-\d{2}/.test(endDate) && endDate.slice(0, 10) < today;
  for (const role of rows('roles.csv', files.roles, ['userSourcedId', 'role'], problems)) {
    const endDate = role.get('endDate').slice(0, 10) || undefined;
    addPlace(role.get('userSourcedId'), { role: role.get('role'), orgId: role.get('orgSourcedId') || undefined, active: role.get('status') !== 'tobedeleted' && !(endDate && ended(endDate)), endDate });
  }
  for (const enrollment of rows('enrollments.csv', files.enrollments, ['userSourcedId', 'role'], problems)) {
    const endDate = enrollment.get('endDate').slice(0, 10) || undefined;
    addPlace(enrollment.get('userSourcedId'), { role: enrollment.get('role'), orgId: enrollment.get('schoolSourcedId') || undefined, active: enrollment.get('status') !== 'tobedeleted' && !(endDate && ended(endDate)), endDate });
  }

  const entries: RosterEntry[] = [];
  let skipped = 0;
  const users = rows('users.csv', files.users, ['sourcedId'], problems);
  if (files.users.trim() === '') problems.push({ file: 'users.csv', line: 1, field: '(file)', message: 'users.csv is empty: export the users file from your student information system.' });
  for (const user of users) {
    const id = user.get('sourcedId');
    if (!id) {
      problems.push({ file: 'users.csv', line: user.line, field: 'sourcedId', message: 'sourcedId is empty: every user needs one.' });
      continue;
    }
    const own = user.get('role') ? split(user.get('role')).map((role) => ({ role, orgId: split(user.get('orgSourcedIds'))[0], active: true })) : [];
    const all: Place[] = [...own, ...(places.get(id) ?? [])];
    const mapped = mapOneRosterRoles(all.map((p) => p.role));
    if (!mapped.staff) {
      skipped += 1;
      continue;
    }
    const staffPlaces = all.filter((p) => mapOneRosterRoles([p.role]).staff);
    const livePlaces = staffPlaces.filter((p) => p.active);
    const active = user.get('status') !== 'tobedeleted' && user.get('enabledUser').toLowerCase() !== 'false' && livePlaces.length > 0;
    const orgId = user.get('primaryOrgSourcedId') || (livePlaces.find((p) => p.orgId) ?? staffPlaces.find((p) => p.orgId))?.orgId;
    let schoolId: string | undefined;
    if (orgId) {
      schoolId = orgSchool.get(orgId);
      if (!schoolId && active) problems.push({ file: 'users.csv', line: user.line, field: 'orgSourcedId', message: `${id}'s school (org ${orgId}) matches no plc-kit school by id or name: add the school, or set a default school.` });
    }
    const given = user.get('preferredGivenName') || user.get('givenName');
    const family = user.get('preferredFamilyName') || user.get('familyName');
    const endDates = staffPlaces.map((p) => p.endDate).filter((d): d is string => Boolean(d)).sort();
    entries.push({
      externalId: id,
      name: [given, family].filter(Boolean).join(' ') || undefined,
      email: user.get('email') || undefined,
      roles: mapped.roles,
      schoolId,
      active,
      ...(!active && endDates.length ? { endedOn: endDates[endDates.length - 1] } : {}),
    });
  }
  return { entries, problems, skipped };
}
