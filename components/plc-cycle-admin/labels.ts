/**
 * The words `plc-cycle-admin` shows for records' fields, roles, statuses, weekdays and import
 * problems, all from the locale catalogue (ids `admin.*`).
 * @internal
 */
import { msg, str } from '@lit/localize';
import type { ImportProblem } from '../../src/export/directoryCsv.js';
import type { StaffRole } from '../../src/schema/directory.js';
import { formatNumber } from '../localization.js';

/** The name of a programme role. */
export function roleLabel(role: StaffRole | string): string {
  switch (role) {
    case 'teacher':
      return msg('Teacher', { id: 'admin.role.teacher' });
    case 'cpd-leader':
      return msg('CPD leader', { id: 'admin.role.cpd-leader' });
    case 'coach':
      return msg('Coach', { id: 'admin.role.coach' });
    case 'admin':
      return msg('Administrator', { id: 'admin.role.admin' });
    default:
      return role;
  }
}

/** The name of a cycle's status. */
export function cycleStatusLabel(status: string): string {
  switch (status) {
    case 'planning':
      return msg('Planning', { id: 'admin.status.planning' });
    case 'active':
      return msg('Active', { id: 'admin.status.active' });
    case 'closed':
      return msg('Closed', { id: 'admin.status.closed' });
    default:
      return status;
  }
}

/** A weekday's name, ISO numbering (1 is Monday), in the active locale. */
export function weekdayLabel(weekday: number): string {
  switch (weekday) {
    case 1:
      return msg('Monday', { id: 'admin.weekday.1' });
    case 2:
      return msg('Tuesday', { id: 'admin.weekday.2' });
    case 3:
      return msg('Wednesday', { id: 'admin.weekday.3' });
    case 4:
      return msg('Thursday', { id: 'admin.weekday.4' });
    case 5:
      return msg('Friday', { id: 'admin.weekday.5' });
    case 6:
      return msg('Saturday', { id: 'admin.weekday.6' });
    default:
      return msg('Sunday', { id: 'admin.weekday.7' });
  }
}

/** The name of a field in an import report (the core names fields in English). */
export function importFieldLabel(field: string): string {
  switch (field) {
    case 'id':
      return msg('Id', { id: 'admin.csv.field.id' });
    case 'name':
      return msg('Name', { id: 'admin.csv.field.name' });
    case 'email':
      return msg('Email', { id: 'admin.csv.field.email' });
    case 'school':
      return msg('School', { id: 'admin.csv.field.school' });
    case 'roles':
      return msg('Roles', { id: 'admin.csv.field.roles' });
    case 'new staff':
      return msg('New staff', { id: 'admin.csv.field.new-staff' });
    case 'line manager':
      return msg('Line manager', { id: 'admin.csv.field.line-manager' });
    case 'person':
      return msg('Person', { id: 'admin.csv.field.person' });
    case 'cycle':
      return msg('Cycle', { id: 'admin.csv.field.cycle' });
    case 'aspect':
      return msg('Aspect', { id: 'admin.csv.field.aspect' });
    case 'strength':
      return msg('Strength', { id: 'admin.csv.field.strength' });
    case 'file':
      return msg('Whole file', { id: 'admin.csv.field.file' });
    default:
      return msg('Whole row', { id: 'admin.csv.field.row' });
  }
}

/** What is wrong, in the active language: by the problem's code, with its value and line. */
export function importProblemText(problem: ImportProblem): string {
  const value = problem.value ?? '';
  const field = importFieldLabel(problem.field);
  const other = formatNumber(problem.otherLine ?? 0);
  switch (problem.code) {
    case 'empty-file':
      return msg('The file is empty: it needs a header row naming the columns, then one row per record.', { id: 'admin.csv.problem.empty-file' });
    case 'missing-column':
      return msg(str`The header row has no “${field}” column.`, { id: 'admin.csv.problem.missing-column' });
    case 'duplicate-column':
      return msg(str`Two columns give the ${field}; the first is used and “${value}” is ignored.`, { id: 'admin.csv.problem.duplicate-column' });
    case 'unclosed-quote':
      return msg('A quotation mark opened in this row is never closed, so the rest of the file was read as one cell.', { id: 'admin.csv.problem.unclosed-quote' });
    case 'text-after-quote':
      return msg('There is text after a closing quotation mark: put the whole cell in quotation marks.', { id: 'admin.csv.problem.text-after-quote' });
    case 'extra-cells':
      return msg('This row has more cells than the header: put text that contains commas in quotation marks.', { id: 'admin.csv.problem.extra-cells' });
    case 'required':
      return msg(str`The ${field} is empty.`, { id: 'admin.csv.problem.required' });
    case 'invalid-email':
      return msg(str`“${value}” is not an email address.`, { id: 'admin.csv.problem.invalid-email' });
    case 'invalid-id':
      return msg(str`“${value}” cannot be an id: use letters, digits, - _ . and : only.`, { id: 'admin.csv.problem.invalid-id' });
    case 'invalid':
      return msg(str`The ${field} is not valid.`, { id: 'admin.csv.problem.invalid' });
    case 'too-long':
      return msg(str`The ${field} is too long.`, { id: 'admin.csv.problem.too-long' });
    case 'unknown-school':
      return msg(str`There is no school “${value}”.`, { id: 'admin.csv.problem.unknown-school' });
    case 'unknown-role':
      return msg(str`Unknown role “${value}”: use teacher, cpd-leader, coach or admin.`, { id: 'admin.csv.problem.unknown-role' });
    case 'not-yes-no':
      return msg(str`“${value}” is not yes or no (use yes/no, true/false or 1/0).`, { id: 'admin.csv.problem.not-yes-no' });
    case 'unknown-line-manager':
      return msg(str`Nobody with the id or email “${value}” is in the directory or the file.`, { id: 'admin.csv.problem.unknown-line-manager' });
    case 'own-line-manager':
      return msg('A person cannot be their own line manager.', { id: 'admin.csv.problem.own-line-manager' });
    case 'duplicate':
      return msg(str`The same record is also on line ${other}.`, { id: 'admin.csv.problem.duplicate' });
    case 'email-taken':
      return msg(str`${value} is another person’s email address.`, { id: 'admin.csv.problem.email-taken' });
    case 'unknown-person':
      return msg(str`Nobody with the id or email “${value}” is in the directory.`, { id: 'admin.csv.problem.unknown-person' });
    case 'unknown-cycle':
      return msg(str`There is no cycle “${value}”.`, { id: 'admin.csv.problem.unknown-cycle' });
    case 'unknown-aspect':
      return msg(str`No theme has an aspect “${value}”.`, { id: 'admin.csv.problem.unknown-aspect' });
    case 'ambiguous':
      return msg(str`More than one record is called “${value}”: use its id.`, { id: 'admin.csv.problem.ambiguous' });
    default:
      return problem.problem;
  }
}

/**
 * The records' fields as people name them, in the forms' order (one list for every section: a
 * key means the same everywhere): the conflict view lists those a colleague changed.
 */
export function fieldLabels(): Record<string, string> {
  return {
    name: msg('Name', { id: 'admin.cycle.name' }),
    startsOn: msg('Starts on', { id: 'admin.cycle.starts' }),
    endsOn: msg('Ends on', { id: 'admin.cycle.ends' }),
    status: msg('Status', { id: 'admin.cycle.status' }),
    themeIds: msg('Themes offered', { id: 'admin.cycle.themes' }),
    minObservations: msg('Observations needed before evidence', { id: 'admin.cycle.min-observations' }),
    minEvidence: msg('Evidence items needed before sharing', { id: 'admin.cycle.min-evidence' }),
    studentVoiceRequired: msg('Student voice is required', { id: 'admin.cycle.student-voice' }),
    questionReviewRequired: msg('The lead reviews each driving question', { id: 'admin.cycle.review' }),
    tracks: msg('Tracks besides the PLCs', { id: 'admin.cycle.tracks' }),
    description: msg('Description', { id: 'admin.theme.description' }),
    aspects: msg('Aspects of practice', { id: 'admin.theme.aspects' }),
    cycleId: msg('Cycle', { id: 'admin.community.cycle' }),
    themeId: msg('Theme', { id: 'admin.community.theme' }),
    leadId: msg('Lead', { id: 'admin.community.lead' }),
    memberIds: msg('Members', { id: 'admin.community.members' }),
    coachIds: msg('Coaches', { id: 'admin.community.coaches' }),
    schoolIds: msg('Schools', { id: 'admin.community.schools' }),
    slots: msg('Meeting slots', { id: 'admin.community.slots' }),
    trackId: msg('Track', { id: 'admin.community.track' }),
    email: msg('Email', { id: 'admin.person.email' }),
    schoolId: msg('School', { id: 'admin.person.school' }),
    roles: msg('Roles', { id: 'admin.person.roles' }),
    newStaff: msg('New member of staff', { id: 'admin.person.new-staff' }),
    lineManagerId: msg('Line manager', { id: 'admin.person.line-manager' }),
    joinedOn: msg('Joined on', { id: 'admin.person.joined' }),
    leftOn: msg('Left on', { id: 'admin.person.left' }),
  };
}
