/**
 * The staff CSV import ({@link importStaffCsv}, documented with its columns in `directoryCsv.ts`):
 * each row is matched to the person it updates, its cells checked one by one into a person record,
 * then line managers are resolved against the directory and the whole file.
 * @internal
 */
import { Person, type StaffRole } from '../schema/directory.js';
import { CURRENT_VERSIONS } from '../schema/migrate.js';
import type { ImportProblem, ImportReport, ImportRow, StaffImportContext } from './directoryCsv.js';
import { byLine, eachRow, lookup, normalise, parseRoles, parseYesNo, readFile, schemaProblems, slugId, type Cells } from './directoryCsvRows.js';

const STAFF_COLUMNS = {
  id: ['id', 'personid', 'staffid', 'identificador'],
  name: ['name', 'fullname', 'staffname', 'nombre', 'nombrecompleto'],
  email: ['email', 'emailaddress', 'mail', 'correo', 'correoelectronico'],
  school: ['school', 'schoolid', 'schoolname', 'centro', 'escuela', 'colegio'],
  roles: ['roles', 'role', 'rol'],
  'new staff': ['newstaff', 'new', 'ect', 'nuevo', 'personalnuevo'],
  'line manager': ['linemanager', 'linemanagerid', 'linemanageremail', 'manager', 'responsable', 'responsabledirecto'],
} as const;

type StaffField = keyof typeof STAFF_COLUMNS;

/** The directory's people as the import looks them up, and what the rows read so far have claimed. */
interface StaffLookup {
  byId: Map<string, Person>;
  /** By email, lower case. */
  byEmail: Map<string, Person>;
  /** By normalised name: the first person with each name, to warn before a second "Ann Lee". */
  byName: Map<string, Person>;
  /** Ids in use: the directory's and those made for new people in the file. */
  taken: Set<string>;
  /** The line each id, email (lower case) and new person's name was first seen on in the file. */
  seenIds: Map<string, number>;
  seenEmails: Map<string, number>;
  createdNames: Map<string, number>;
}

/** A row read into a person record; its line manager is resolved once the whole file is read. */
interface Candidate {
  line: number;
  record: Person;
  update: boolean;
  manager: string | undefined;
  problems: ImportProblem[];
  warning: ImportProblem | undefined;
}

/** What one row gives, before its cells are checked. */
interface RowStart {
  line: number;
  cells: Cells<StaffField>;
  givenId: string | undefined;
  email: string | undefined;
  /** The person the row updates: the one with its id, or else with its email. */
  existing: Person | undefined;
  problems: ImportProblem[];
}

function lookupOf(people: readonly Person[]): StaffLookup {
  const byName = new Map<string, Person>();
  for (const p of people) if (!byName.has(normalise(p.name))) byName.set(normalise(p.name), p);
  return {
    byId: new Map(people.map((p) => [p.id, p])),
    byEmail: new Map(people.filter((p) => p.email).map((p) => [p.email!.toLowerCase(), p])),
    byName,
    taken: new Set(people.map((p) => p.id)),
    seenIds: new Map(),
    seenEmails: new Map(),
    createdNames: new Map(),
  };
}

/** An email that belongs to someone else in the directory, or that an earlier line gave. */
function checkEmail({ line, givenId, email, existing, problems }: RowStart, people: StaffLookup): void {
  if (!email) return;
  const owner = people.byEmail.get(email.toLowerCase());
  if (owner && ((existing && owner.id !== existing.id) || (givenId && !existing))) {
    problems.push({ line, field: 'email', code: 'email-taken', value: email, problem: `${email} is the email of another person in the directory (${owner.id}).` });
  }
  const other = people.seenEmails.get(email.toLowerCase());
  if (other !== undefined) {
    problems.push({ line, field: 'email', code: 'duplicate', value: email, otherLine: other, problem: `${email} is also on line ${other}.` });
  } else people.seenEmails.set(email.toLowerCase(), line);
}

/** The school cell as a school id; empty keeps the stored one, or the directory's only school. */
function schoolOf({ line, cells, existing, problems }: RowStart, schools: StaffImportContext['schools']): string | undefined {
  const schoolCell = cells.get('school');
  if (schoolCell) {
    const school = lookup(schools, schoolCell, (s) => s.name);
    if (school === 'ambiguous') problems.push({ line, field: 'school', code: 'ambiguous', value: schoolCell, problem: `More than one school is called "${schoolCell}": use its id.` });
    else if (!school) problems.push({ line, field: 'school', code: 'unknown-school', value: schoolCell, problem: `There is no school "${schoolCell}" in the directory.` });
    else return school.id;
    return existing?.schoolId;
  }
  if (existing?.schoolId) return existing.schoolId;
  if (schools.length === 1) return schools[0]!.id;
  problems.push({ line, field: 'school', code: 'required', problem: 'The school is empty: a new person needs one.' });
  return undefined;
}

/** The roles cell; empty keeps the stored roles (teacher for a new person). */
function rolesOf({ line, cells, existing, problems }: RowStart): StaffRole[] {
  const stored = existing?.roles ?? ['teacher'];
  const rolesCell = cells.get('roles');
  if (!rolesCell) return stored;
  const parsed = parseRoles(rolesCell);
  if (parsed.unknown.length === 0) return parsed.roles;
  problems.push({
    line,
    field: 'roles',
    code: 'unknown-role',
    value: parsed.unknown.join(', '),
    problem: `Unknown role "${parsed.unknown.join('", "')}": use teacher, cpd-leader, coach or admin.`,
  });
  return stored;
}

/** The new-staff cell; empty keeps what is stored. */
function newStaffOf({ line, cells, existing, problems }: RowStart): boolean | undefined {
  const newCell = cells.get('new staff');
  if (!newCell) return existing?.newStaff;
  const value = parseYesNo(newCell);
  if (value !== undefined) return value;
  problems.push({ line, field: 'new staff', code: 'not-yes-no', value: newCell, problem: `"${newCell}" is not yes or no (use yes/no, true/false or 1/0).` });
  return existing?.newStaff;
}

/** The row's person id (made from the name for a new person), and a person on two lines. */
function idOf({ line, givenId, email, existing, problems }: RowStart, name: string, people: StaffLookup): string {
  const id = existing?.id ?? givenId ?? slugId('p', name || email || `line-${line}`, people.taken);
  if (!existing && !givenId) people.taken.add(id);
  const otherLine = people.seenIds.get(id);
  if (otherLine !== undefined && (givenId || existing) && !problems.some((p) => p.code === 'duplicate')) {
    problems.push({ line, field: givenId ? 'id' : 'email', code: 'duplicate', value: givenId ?? email ?? id, otherLine, problem: `This person is also on line ${otherLine}.` });
  } else people.seenIds.set(id, line);
  return id;
}

/** A row that would add a second person of a name already in the directory or added by an earlier line. */
function sameNameWarning({ line, givenId, existing }: RowStart, name: string, people: StaffLookup): ImportProblem | undefined {
  if (existing || givenId || !name) return undefined;
  const key = normalise(name);
  const namesake = people.byName.get(key);
  if (namesake) {
    return {
      line,
      field: 'name',
      code: 'same-name',
      value: name,
      otherId: namesake.id,
      problem: `${namesake.name} (${namesake.id}) is already in the directory: this row would add a second person called ${name}. Give an id or email to update them instead.`,
    };
  }
  const earlier = people.createdNames.get(key);
  if (earlier !== undefined) {
    return { line, field: 'name', code: 'same-name', value: name, otherLine: earlier, problem: `Line ${earlier} already adds a person called ${name}: this row would add a second one.` };
  }
  people.createdNames.set(key, line);
  return undefined;
}

/** One row checked into a person record, its problems in the order they were found. */
function readStaffRow(row: RowStart, context: StaffImportContext, people: StaffLookup): Candidate {
  const { line, cells, givenId, email, existing, problems } = row;
  const name = cells.get('name') ?? '';
  if (!name) problems.push({ line, field: 'name', code: 'required', problem: 'The name is empty.' });
  checkEmail(row, people);
  const schoolId = schoolOf(row, context.schools);
  const roles = rolesOf(row);
  const newStaff = newStaffOf(row);
  const id = idOf(row, name, people);

  // What the file has no column for (joining and leaving dates, past roles, a CPD leader's
  // trust-wide reach) stays as stored.
  const { joinedOn, leftOn, pastRoles, trustWide } = existing ?? {};
  const record: Person = {
    ...(joinedOn ? { joinedOn } : {}),
    ...(leftOn ? { leftOn } : {}),
    ...(pastRoles ? { pastRoles } : {}),
    ...(trustWide !== undefined ? { trustWide } : {}),
    schemaVersion: CURRENT_VERSIONS.people,
    id,
    name,
    schoolId: schoolId ?? '',
    roles,
    ...((email ?? existing?.email) ? { email: email ?? existing!.email! } : {}),
    ...(newStaff !== undefined ? { newStaff } : {}),
    ...(existing?.lineManagerId ? { lineManagerId: existing.lineManagerId } : {}),
  };
  const raw = (field: string) => (field === 'id' ? givenId : cells.get(field as StaffField));
  const reported = new Set(problems.map((p) => p.field));
  problems.push(...schemaProblems(Person, record, line, raw).filter((p) => !reported.has(p.field)));
  const warning = sameNameWarning(row, name, people);
  return { line, record, update: existing !== undefined, manager: cells.get('line manager') || undefined, problems, warning };
}

/**
 * Line managers may be further down the file: each is resolved, once every row is read, by id or
 * email in the directory or the file. Gives the rows with no problem left, and the line-manager
 * problems found.
 */
function resolveLineManagers(candidates: Candidate[], people: StaffLookup): { valid: Array<ImportRow<Person>>; problems: ImportProblem[] } {
  const fileById = new Map(candidates.map((c) => [c.record.id, c.record]));
  const fileByEmail = new Map(candidates.filter((c) => c.record.email).map((c) => [c.record.email!.toLowerCase(), c.record]));
  const valid: Array<ImportRow<Person>> = [];
  const problems: ImportProblem[] = [];
  for (const candidate of candidates) {
    const { manager, line } = candidate;
    if (manager) {
      const key = manager.toLowerCase();
      const found = people.byId.get(manager) ?? fileById.get(manager) ?? fileByEmail.get(key) ?? people.byEmail.get(key);
      let problem: ImportProblem | undefined;
      if (!found) {
        problem = { line, field: 'line manager', code: 'unknown-line-manager', value: manager, problem: `No person with the id or email "${manager}" is in the directory or the file.` };
      } else if (found.id === candidate.record.id) {
        problem = { line, field: 'line manager', code: 'own-line-manager', value: manager, problem: 'A person cannot be their own line manager.' };
      } else candidate.record = { ...candidate.record, lineManagerId: found.id };
      if (problem) {
        candidate.problems.push(problem);
        problems.push(problem);
      }
    }
    if (candidate.problems.length === 0) valid.push({ line, record: candidate.record, update: candidate.update, ...(candidate.warning ? { warning: candidate.warning } : {}) });
  }
  return { valid, problems };
}

/**
 * Checks a staff CSV (a header row, then one person per row) against the schema and the
 * directory. Writes nothing: store the `valid` rows the user accepts, each at the version read.
 * @example
 * ```ts
 * const report = importStaffCsv(text, { schools, people });
 * for (const problem of report.problems) console.log(problem.line, problem.field, problem.problem);
 * for (const { record } of report.valid) await store.put('people', record, versions.get(record.id) ?? 0);
 * ```
 */
export function importStaffCsv(text: string, context: StaffImportContext): ImportReport<Person> {
  const file = readFile<StaffField>(text, STAFF_COLUMNS, ['name']);
  if (!file.header) return { valid: [], problems: file.fatal, warnings: [], rows: 0, ignoredColumns: [] };
  const { header } = file;
  if (file.fatal.some((p) => p.code === 'missing-column')) {
    return { valid: [], problems: [...file.fatal, ...header.problems], warnings: [], rows: Math.max(0, file.rows.length - 1), ignoredColumns: header.ignored };
  }
  const people = lookupOf(context.people);
  const candidates: Candidate[] = [];
  const { problems: rowProblems, count } = eachRow(file.rows, header, file.syntax, (row, cells, problems) => {
    const givenId = cells.get('id') || undefined;
    const email = cells.get('email') || undefined;
    const existing = givenId ? people.byId.get(givenId) : email ? people.byEmail.get(email.toLowerCase()) : undefined;
    candidates.push(readStaffRow({ line: row.line, cells, givenId, email, existing, problems }, context, people));
  });
  const managers = resolveLineManagers(candidates, people);
  const warnings = managers.valid.flatMap((row) => (row.warning ? [row.warning] : []));
  // A stable sort keeps each row's problems in the order they were found.
  const problems = [...file.fatal, ...header.problems, ...rowProblems, ...managers.problems].sort(byLine);
  return { valid: managers.valid, problems, warnings, rows: count, ignoredColumns: header.ignored };
}
