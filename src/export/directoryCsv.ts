/**
 * Staff and appraisal records from CSV, checked row by row, and people, communities and
 * appraisal records to CSV.
 *
 * Importing never writes anything: {@link importStaffCsv} and {@link importAppraisalsCsv} read the
 * text, check every row against the schemas and against the directory given (the school, the
 * cycle, the aspect and the person must exist) and return a report: the valid rows with the
 * record each would write, and every problem with its line, field and what is wrong. The caller
 * shows the report and writes only the valid rows the user accepts.
 *
 * ## Columns
 * The first row names the columns. Names are matched ignoring case, accents, spaces, `-`, `_`
 * and `.`; columns that match nothing are ignored (and listed in the report). The delimiter is
 * detected (comma, semicolon or tab), or taken from Excel's `sep=;` first line when there is one.
 *
 * Staff (`importStaffCsv`):
 * | field | column names accepted | value |
 * | --- | --- | --- |
 * | id | `id`, `person id`, `staff id` | optional; new people without one get an id made from the name |
 * | name | `name`, `full name`, `staff name`, `nombre` | required |
 * | email | `email`, `e-mail`, `email address`, `mail`, `correo` | optional |
 * | school | `school`, `school id`, `school name`, `centro`, `escuela` | a school's id or name; needed for new people unless the directory has one school |
 * | roles | `roles`, `role`, `rol` | `teacher`, `cpd-leader`, `coach`, `admin` (or `CPD leader`, `administrator`...), separated by `;`, `,`, `/` or `|`; `teacher` when empty |
 * | new staff | `new staff`, `new`, `ect`, `personal nuevo` | yes/no, true/false, 1/0 (y/n, sí accepted); empty is no |
 * | line manager | `line manager`, `manager`, `line manager id`, `line manager email`, `responsable` | the id or email of a person in the directory or in the file |
 *
 * A row updates the person with its id, or else the person with its email (ignoring case); other
 * rows create people. A row that would create a person whose name is already in the directory, or
 * added by an earlier line, is valid but carries a `same-name` warning: a names-only file imported
 * twice would otherwise add a second "Ann Lee", so the caller asks before writing it. For a person already in the directory, a column missing from the file or
 * an empty cell keeps what is stored.
 *
 * Appraisal records (`importAppraisalsCsv`):
 * | field | column names accepted | value |
 * | --- | --- | --- |
 * | person | `person`, `person id`, `staff id`, `email`, `staff email`, `teacher`, `persona`, `docente` | the id or email of a person in the directory |
 * | cycle | `cycle`, `cycle id`, `year`, `ciclo`, `curso` | a cycle's id or name (`cy-2025` or `2025-26`) |
 * | aspect | `aspect`, `aspect id`, `aspect of practice`, `aspecto` | the id or name of an aspect of some theme |
 * | strength | `strength`, `is strength`, `fortaleza`, `punto fuerte` | yes/no, true/false, 1/0 (y/n, sí accepted) |
 *
 * A person has one record per cycle and aspect: a row for a combination already stored updates
 * that record; two rows for one combination in a file are a problem.
 *
 * Cells exported with a formula guard (a leading apostrophe before `=`, `+`, `-`, `@`) are read
 * back without it, so an export imports unchanged.
 * @module
 */
import type * as z from 'zod/mini';
import { AppraisalRecord, Person, type Community, type Cycle, type School, type StaffRole, type Theme } from '../schema/directory.js';
import { LIMITS } from '../schema/common.js';
import { CURRENT_VERSIONS } from '../schema/migrate.js';
import { describeIssues } from '../schema/errors.js';
import { parseCsv, toCsv, unguardFormula, type CsvCell, type CsvRow, type CsvWriteOptions } from './csv.js';
import { parseSafely } from '../schema/zod.js';

/** Why a row (or the file) cannot be imported, by stable code: components translate by code. */
export type ImportProblemCode =
  /** The text has no header row. */
  | 'empty-file'
  /** A column the import needs is not in the header (`field` names it). */
  | 'missing-column'
  /** Two columns mean the same field; the first is used. */
  | 'duplicate-column'
  /** A quoted cell is never closed. */
  | 'unclosed-quote'
  /** Text follows a closing quote. */
  | 'text-after-quote'
  /**
   * The row has more cells than the header (often an unquoted comma in a name). Like the quoting
   * problems, it is the only problem reported for its row: the other cells cannot be trusted.
   */
  | 'extra-cells'
  /** A required value is empty. */
  | 'required'
  /** The value is not valid for the field (`problem` says how). */
  | 'invalid'
  | 'invalid-email'
  | 'invalid-id'
  | 'too-long'
  | 'unknown-school'
  | 'unknown-role'
  /** Not yes/no, true/false or 1/0. */
  | 'not-yes-no'
  | 'unknown-line-manager'
  | 'own-line-manager'
  /** The same person (or person, cycle and aspect) is on another line of the file (`otherLine`). */
  | 'duplicate'
  /** The email belongs to another person in the directory. */
  | 'email-taken'
  | 'unknown-person'
  | 'unknown-cycle'
  | 'unknown-aspect'
  /** The name matches more than one record: use the id. */
  | 'ambiguous'
  /**
   * A warning, not a problem: a row with no id or email would create a person whose name is
   * already in the directory (`otherId`) or on an earlier line of the file (`otherLine`), as a
   * names-only file imported twice would. The row is in `valid` with this `warning`; it is
   * written only if the person confirms that it is someone else.
   */
  | 'same-name';

/** One problem in an import: where (line and field) and what. */
export interface ImportProblem {
  /** The line the row starts on (the header is line 1, or 2 under Excel's `sep=` line). */
  line: number;
  /** The field at fault (`name`, `email`, `school`, `roles`, `new staff`, `line manager`, `person`, `cycle`, `aspect`, `strength`, `id`), or `row` or `file`. */
  field: string;
  /** What is wrong, in English. */
  problem: string;
  /** A stable code for the problem, for translation. */
  code: ImportProblemCode;
  /** The value at fault, as written in the file. */
  value?: string;
  /** For `duplicate` and `same-name`: the line where the same record (or name) first appears. */
  otherLine?: number;
  /** For `same-name`: the person in the directory who already has the name. */
  otherId?: string;
}

/** A row that can be imported, with the record it would write. */
export interface ImportRow<T> {
  line: number;
  record: T;
  /** True when it replaces a record already in the directory (same id). */
  update: boolean;
  /** Why the row needs confirming before it is written (see `same-name`); also in the report's `warnings`. */
  warning?: ImportProblem;
}

/** The row-by-row report of an import. Nothing has been written. */
export interface ImportReport<T> {
  /** Rows that passed every check, in file order. */
  valid: Array<ImportRow<T>>;
  /** Every problem, in line order; a row with a problem is not in `valid`. */
  problems: ImportProblem[];
  /** Valid rows to confirm before writing (a second "Ann Lee"), in line order; each is also its row's `warning`. */
  warnings: ImportProblem[];
  /** Data rows read (blank rows are skipped and not counted). */
  rows: number;
  /** Header cells that matched no field, as written. */
  ignoredColumns: string[];
}

/** What a staff import checks rows against. */
export interface StaffImportContext {
  schools: ReadonlyArray<Pick<School, 'id' | 'name'>>;
  people: readonly Person[];
}

/** What an appraisal import checks rows against. */
export interface AppraisalImportContext {
  people: ReadonlyArray<Pick<Person, 'id' | 'email'>>;
  cycles: ReadonlyArray<Pick<Cycle, 'id' | 'name'>>;
  themes: ReadonlyArray<Pick<Theme, 'id' | 'aspects'>>;
  /** Records already stored, so a row for the same person, cycle and aspect updates it. */
  appraisals: ReadonlyArray<Pick<AppraisalRecord, 'id' | 'personId' | 'cycleId' | 'aspectId'>>;
}

// -------------------------------------------------------------------------------------------------
// Reading the header.

/** Lower case, accents, spaces and punctuation removed: `Line-Manager E-mail` -> `linemanageremail`. */
const normalise = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9@]/g, '');

const STAFF_COLUMNS = {
  id: ['id', 'personid', 'staffid', 'identificador'],
  name: ['name', 'fullname', 'staffname', 'nombre', 'nombrecompleto'],
  email: ['email', 'emailaddress', 'mail', 'correo', 'correoelectronico'],
  school: ['school', 'schoolid', 'schoolname', 'centro', 'escuela', 'colegio'],
  roles: ['roles', 'role', 'rol'],
  'new staff': ['newstaff', 'new', 'ect', 'nuevo', 'personalnuevo'],
  'line manager': ['linemanager', 'linemanagerid', 'linemanageremail', 'manager', 'responsable', 'responsabledirecto'],
} as const;

const APPRAISAL_COLUMNS = {
  person: ['person', 'personid', 'staff', 'staffid', 'email', 'staffemail', 'personemail', 'teacher', 'persona', 'docente', 'correo'],
  cycle: ['cycle', 'cycleid', 'year', 'ciclo', 'curso'],
  aspect: ['aspect', 'aspectid', 'aspectofpractice', 'aspecto'],
  strength: ['strength', 'isstrength', 'fortaleza', 'puntofuerte'],
} as const;

type Columns<F extends string> = Record<F, readonly string[]>;

interface Header<F extends string> {
  index: Partial<Record<F, number>>;
  ignored: string[];
  problems: ImportProblem[];
}

function readHeader<F extends string>(row: CsvRow, columns: Columns<F>): Header<F> {
  const index: Partial<Record<F, number>> = {};
  const ignored: string[] = [];
  const problems: ImportProblem[] = [];
  row.fields.forEach((cell, i) => {
    const key = normalise(cell);
    const field = (Object.keys(columns) as F[]).find((f) => columns[f].includes(key));
    if (!field) {
      if (cell.trim()) ignored.push(cell.trim());
      return;
    }
    if (index[field] !== undefined) {
      problems.push({
        line: row.line,
        field,
        code: 'duplicate-column',
        value: cell.trim(),
        problem: `Two columns give the ${field} ("${row.fields[index[field]!]!.trim()}" and "${cell.trim()}"); the first is used.`,
      });
      return;
    }
    index[field] = i;
  });
  return { index, ignored, problems };
}

// -------------------------------------------------------------------------------------------------
// Reading values.

const YES = new Set(['yes', 'y', 'true', '1', 'si', 'sí']);
const NO = new Set(['no', 'n', 'false', '0']);

/** yes/no, true/false, 1/0 (and y/n, sí), ignoring case; `undefined` when it is none of them. */
export function parseYesNo(text: string): boolean | undefined {
  const value = text.trim().toLowerCase();
  if (YES.has(value)) return true;
  if (NO.has(value)) return false;
  return undefined;
}

const ROLE_NAMES: Record<string, StaffRole> = {
  teacher: 'teacher',
  teachers: 'teacher',
  docente: 'teacher',
  profesor: 'teacher',
  profesora: 'teacher',
  cpdleader: 'cpd-leader',
  cpdlead: 'cpd-leader',
  cpd: 'cpd-leader',
  responsabledeformacion: 'cpd-leader',
  coach: 'coach',
  mentor: 'coach',
  admin: 'admin',
  administrator: 'admin',
  administrador: 'admin',
  administradora: 'admin',
  administracion: 'admin',
};

/** Reads a roles cell (`teacher; CPD leader`); unknown names are returned apart. */
export function parseRoles(text: string): { roles: StaffRole[]; unknown: string[] } {
  const roles: StaffRole[] = [];
  const unknown: string[] = [];
  for (const part of text.split(/[;,|/]+/)) {
    if (!part.trim()) continue;
    const role = ROLE_NAMES[normalise(part)];
    if (!role) unknown.push(part.trim());
    else if (!roles.includes(role)) roles.push(role);
  }
  return { roles, unknown };
}

/** A lookup by id first, then by a name (ignoring case): one match, `ambiguous`, or undefined. */
function lookup<T extends { id: string }>(items: readonly T[], value: string, nameOf: (item: T) => string | undefined): T | 'ambiguous' | undefined {
  const byId = items.find((item) => item.id === value);
  if (byId) return byId;
  const wanted = value.toLowerCase();
  const named = items.filter((item) => nameOf(item)?.toLowerCase() === wanted);
  if (named.length > 1) return 'ambiguous';
  return named[0];
}

/** A short, stable hash (FNV-1a, base 36) for ids that would be too long. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/**
 * A readable id from a name, unique among `taken`: `slugId('p', 'Clare Berry', taken)` is
 * `p-clare-berry`, or `p-clare-berry-2` when that is taken. Accents are dropped; at most 64
 * characters.
 */
export function slugId(prefix: string, name: string, taken: { has(id: string): boolean }): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    // Room for the prefix, its dash and a "-9999" suffix.
    .slice(0, LIMITS.id - prefix.length - 6)
    .replace(/-+$/, '');
  const base = slug ? `${prefix}-${slug}` : `${prefix}-${hash(name || prefix)}`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

// -------------------------------------------------------------------------------------------------
// Rows.

interface Cells<F extends string> {
  /** The trimmed cell of a field, `undefined` when the file has no such column. */
  get(field: F): string | undefined;
}

/** Reads the rows after the header: syntax problems, extra cells, blank rows. */
function eachRow<F extends string>(
  rows: readonly CsvRow[],
  header: Header<F>,
  syntax: Map<number, ImportProblem[]>,
  visit: (row: CsvRow, cells: Cells<F>, problems: ImportProblem[]) => void,
): { problems: ImportProblem[]; count: number } {
  const problems: ImportProblem[] = [];
  const width = rows[0]?.fields.length ?? 0;
  let count = 0;
  for (const row of rows.slice(1)) {
    if (row.fields.every((cell) => cell.trim() === '')) continue;
    count += 1;
    const rowProblems: ImportProblem[] = [...(syntax.get(row.line) ?? [])];
    const extra = row.fields.slice(width).filter((cell) => cell.trim() !== '');
    if (extra.length > 0) {
      rowProblems.push({
        line: row.line,
        field: 'row',
        code: 'extra-cells',
        value: extra.join(', '),
        problem: `This row has ${row.fields.length} cells but the header has ${width}: put text containing commas in double quotes.`,
      });
    }
    // Quoting gone wrong or shifted columns make every other check on the row meaningless.
    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      continue;
    }
    const cells: Cells<F> = {
      get: (field) => {
        const i = header.index[field];
        return i === undefined ? undefined : unguardFormula((row.fields[i] ?? '').trim()).trim();
      },
    };
    visit(row, cells, rowProblems);
    problems.push(...rowProblems);
  }
  return { problems, count };
}

/** The CSV read, its header checked; `undefined` header when the text has no rows. */
function readFile<F extends string>(text: string, columns: Columns<F>, required: readonly F[]) {
  const { rows, errors } = parseCsv(text, { delimiter: 'auto' });
  const syntax = new Map<number, ImportProblem[]>();
  for (const error of errors) {
    const row = rows.find((r) => r.line <= error.line && error.line <= r.endLine);
    const line = row?.line ?? error.line;
    syntax.set(line, [...(syntax.get(line) ?? []), { line, field: 'row', code: error.code, problem: error.message }]);
  }
  const first = rows[0];
  if (!first) {
    return { rows, syntax, header: undefined, fatal: [{ line: 1, field: 'file', code: 'empty-file' as const, problem: 'The file is empty: it needs a header row naming the columns, then one row per record.' }] };
  }
  const header = readHeader(first, columns);
  const fatal: ImportProblem[] = required
    .filter((field) => header.index[field] === undefined)
    .map((field) => ({ line: first.line, field, code: 'missing-column' as const, problem: `The header has no ${field} column.` }));
  return { rows, syntax, header, fatal: [...(syntax.get(first.line) ?? []), ...fatal] };
}

const FIELD_OF_PATH: Record<string, string> = {
  id: 'id',
  name: 'name',
  email: 'email',
  schoolId: 'school',
  roles: 'roles',
  newStaff: 'new staff',
  lineManagerId: 'line manager',
  personId: 'person',
  cycleId: 'cycle',
  aspectId: 'aspect',
  strength: 'strength',
};

/** Schema problems as import problems, one per field. */
function schemaProblems(schema: z.ZodMiniType, record: unknown, line: number, valueOf: (field: string) => string | undefined): ImportProblem[] {
  const result = parseSafely(schema, record);
  if (result.success) return [];
  const seen = new Set<string>();
  const problems: ImportProblem[] = [];
  for (const { path, message } of describeIssues(result.error.issues)) {
    const field = FIELD_OF_PATH[path.split('.')[0]!] ?? 'row';
    if (seen.has(field)) continue;
    seen.add(field);
    const code: ImportProblemCode =
      field === 'email' ? 'invalid-email' : message.startsWith('must be at most') ? 'too-long' : message.startsWith('contains characters') ? 'invalid-id' : 'invalid';
    const value = valueOf(field);
    problems.push({ line, field, code, problem: `The ${field} ${message}.`, ...(value ? { value } : {}) });
  }
  return problems;
}

const byLine = (a: ImportProblem, b: ImportProblem) => a.line - b.line;

// -------------------------------------------------------------------------------------------------
// Staff.

type StaffField = keyof typeof STAFF_COLUMNS;

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
  const existingById = new Map(context.people.map((p) => [p.id, p]));
  const existingByEmail = new Map(context.people.filter((p) => p.email).map((p) => [p.email!.toLowerCase(), p]));
  const taken = new Set(context.people.map((p) => p.id));
  const seenIds = new Map<string, number>();
  const seenEmails = new Map<string, number>();
  // Names in the directory, and names of people the file creates, to warn before a second "Ann Lee".
  const existingByName = new Map<string, Person>();
  for (const p of context.people) if (!existingByName.has(normalise(p.name))) existingByName.set(normalise(p.name), p);
  const createdNames = new Map<string, number>();
  // People made from the file, kept to check line managers against the whole file afterwards.
  const candidates: Array<{ line: number; record: Person; update: boolean; manager: string | undefined; problems: ImportProblem[]; warning: ImportProblem | undefined }> = [];

  const { problems: rowProblems, count } = eachRow(file.rows, header, file.syntax, (row, cells, problems) => {
    const line = row.line;
    const name = cells.get('name') ?? '';
    const givenId = cells.get('id') || undefined;
    const email = cells.get('email') || undefined;
    if (!name) problems.push({ line, field: 'name', code: 'required', problem: 'The name is empty.' });

    let existing = givenId ? existingById.get(givenId) : undefined;
    if (!givenId && email) existing = existingByEmail.get(email.toLowerCase());
    if (email) {
      const owner = existingByEmail.get(email.toLowerCase());
      if (owner && existing && owner.id !== existing.id) {
        problems.push({ line, field: 'email', code: 'email-taken', value: email, problem: `${email} is the email of another person in the directory (${owner.id}).` });
      } else if (owner && givenId && !existing) {
        problems.push({ line, field: 'email', code: 'email-taken', value: email, problem: `${email} is the email of another person in the directory (${owner.id}).` });
      }
      const other = seenEmails.get(email.toLowerCase());
      if (other !== undefined) {
        problems.push({ line, field: 'email', code: 'duplicate', value: email, otherLine: other, problem: `${email} is also on line ${other}.` });
      } else seenEmails.set(email.toLowerCase(), line);
    }

    let schoolId = existing?.schoolId;
    const schoolCell = cells.get('school');
    if (schoolCell) {
      const school = lookup(context.schools, schoolCell, (s) => s.name);
      if (school === 'ambiguous') problems.push({ line, field: 'school', code: 'ambiguous', value: schoolCell, problem: `More than one school is called "${schoolCell}": use its id.` });
      else if (!school) problems.push({ line, field: 'school', code: 'unknown-school', value: schoolCell, problem: `There is no school "${schoolCell}" in the directory.` });
      else schoolId = school.id;
    } else if (!schoolId) {
      if (context.schools.length === 1) schoolId = context.schools[0]!.id;
      else problems.push({ line, field: 'school', code: 'required', problem: 'The school is empty: a new person needs one.' });
    }

    let roles: StaffRole[] = existing?.roles ?? ['teacher'];
    const rolesCell = cells.get('roles');
    if (rolesCell) {
      const parsed = parseRoles(rolesCell);
      if (parsed.unknown.length > 0) {
        problems.push({
          line,
          field: 'roles',
          code: 'unknown-role',
          value: parsed.unknown.join(', '),
          problem: `Unknown role "${parsed.unknown.join('", "')}": use teacher, cpd-leader, coach or admin.`,
        });
      } else roles = parsed.roles;
    }

    let newStaff = existing?.newStaff;
    const newCell = cells.get('new staff');
    if (newCell) {
      const value = parseYesNo(newCell);
      if (value === undefined) problems.push({ line, field: 'new staff', code: 'not-yes-no', value: newCell, problem: `"${newCell}" is not yes or no (use yes/no, true/false or 1/0).` });
      else newStaff = value;
    }

    const id = existing?.id ?? givenId ?? slugId('p', name || email || `line-${line}`, taken);
    if (!existing && !givenId) taken.add(id);
    const otherLine = seenIds.get(id);
    if (otherLine !== undefined && (givenId || existing) && !problems.some((p) => p.code === 'duplicate')) {
      problems.push({ line, field: givenId ? 'id' : 'email', code: 'duplicate', value: givenId ?? email ?? id, otherLine, problem: `This person is also on line ${otherLine}.` });
    } else seenIds.set(id, line);

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
    let warning: ImportProblem | undefined;
    if (!existing && !givenId && name) {
      const key = normalise(name);
      const namesake = existingByName.get(key);
      const earlier = createdNames.get(key);
      if (namesake) {
        warning = {
          line,
          field: 'name',
          code: 'same-name',
          value: name,
          otherId: namesake.id,
          problem: `${namesake.name} (${namesake.id}) is already in the directory: this row would add a second person called ${name}. Give an id or email to update them instead.`,
        };
      } else if (earlier !== undefined) {
        warning = { line, field: 'name', code: 'same-name', value: name, otherLine: earlier, problem: `Line ${earlier} already adds a person called ${name}: this row would add a second one.` };
      } else createdNames.set(key, line);
    }
    candidates.push({ line, record, update: existing !== undefined, manager: cells.get('line manager') || undefined, problems, warning });
  });

  // Line managers may be further down the file: resolve them once every row is read.
  const fileById = new Map(candidates.map((c) => [c.record.id, c.record]));
  const fileByEmail = new Map(candidates.filter((c) => c.record.email).map((c) => [c.record.email!.toLowerCase(), c.record]));
  const valid: Array<ImportRow<Person>> = [];
  const managerProblems: ImportProblem[] = [];
  for (const candidate of candidates) {
    const { manager, line } = candidate;
    if (manager) {
      const key = manager.toLowerCase();
      const found = existingById.get(manager) ?? fileById.get(manager) ?? fileByEmail.get(key) ?? existingByEmail.get(key);
      let problem: ImportProblem | undefined;
      if (!found) {
        problem = { line, field: 'line manager', code: 'unknown-line-manager', value: manager, problem: `No person with the id or email "${manager}" is in the directory or the file.` };
      } else if (found.id === candidate.record.id) {
        problem = { line, field: 'line manager', code: 'own-line-manager', value: manager, problem: 'A person cannot be their own line manager.' };
      } else candidate.record = { ...candidate.record, lineManagerId: found.id };
      if (problem) {
        candidate.problems.push(problem);
        managerProblems.push(problem);
      }
    }
    if (candidate.problems.length === 0) valid.push({ line, record: candidate.record, update: candidate.update, ...(candidate.warning ? { warning: candidate.warning } : {}) });
  }
  const warnings = valid.flatMap((row) => (row.warning ? [row.warning] : []));
  // A stable sort keeps each row's problems in the order they were found.
  const problems = [...file.fatal, ...header.problems, ...rowProblems, ...managerProblems].sort(byLine);
  return { valid, problems, warnings, rows: count, ignoredColumns: header.ignored };
}

// -------------------------------------------------------------------------------------------------
// Appraisal records.

type AppraisalField = keyof typeof APPRAISAL_COLUMNS;

/** The id an imported appraisal record gets: readable when it fits, hashed when it would not. */
function appraisalId(personId: string, cycleId: string, aspectId: string): string {
  const id = `ap-${personId}-${cycleId}-${aspectId}`;
  return id.length <= LIMITS.id ? id : `ap-${hash(id)}-${hash(`${aspectId}|${cycleId}|${personId}`)}`;
}

/**
 * Checks an appraisal CSV (a header row, then one record per row: person, cycle, aspect,
 * strength) against the schema and the directory. Writes nothing.
 * @example
 * ```ts
 * const report = importAppraisalsCsv(text, { people, cycles, themes, appraisals });
 * console.log(`${report.valid.length} of ${report.rows} rows can be imported`);
 * ```
 */
export function importAppraisalsCsv(text: string, context: AppraisalImportContext): ImportReport<AppraisalRecord> {
  const file = readFile<AppraisalField>(text, APPRAISAL_COLUMNS, ['person', 'cycle', 'aspect', 'strength']);
  if (!file.header) return { valid: [], problems: file.fatal, warnings: [], rows: 0, ignoredColumns: [] };
  const { header } = file;
  if (file.fatal.some((p) => p.code === 'missing-column')) {
    return { valid: [], problems: [...file.fatal, ...header.problems], warnings: [], rows: Math.max(0, file.rows.length - 1), ignoredColumns: header.ignored };
  }
  const peopleById = new Map(context.people.map((p) => [p.id, p]));
  const peopleByEmail = new Map(context.people.filter((p) => p.email).map((p) => [p.email!.toLowerCase(), p]));
  const aspects = context.themes.flatMap((t) => t.aspects);
  const aspectList = [...new Map(aspects.map((a) => [a.id, a])).values()];
  const stored = new Map(context.appraisals.map((a) => [`${a.personId}\u0000${a.cycleId}\u0000${a.aspectId}`, a.id]));
  const seen = new Map<string, number>();
  const valid: Array<ImportRow<AppraisalRecord>> = [];

  const { problems: rowProblems, count } = eachRow(file.rows, header, file.syntax, (row, cells, problems) => {
    const line = row.line;
    const personCell = cells.get('person') ?? '';
    const cycleCell = cells.get('cycle') ?? '';
    const aspectCell = cells.get('aspect') ?? '';
    const strengthCell = cells.get('strength') ?? '';

    let personId: string | undefined;
    if (!personCell) problems.push({ line, field: 'person', code: 'required', problem: 'The person is empty.' });
    else {
      const person = peopleById.get(personCell) ?? peopleByEmail.get(personCell.toLowerCase());
      if (!person) problems.push({ line, field: 'person', code: 'unknown-person', value: personCell, problem: `No person with the id or email "${personCell}" is in the directory.` });
      else personId = person.id;
    }

    let cycleId: string | undefined;
    if (!cycleCell) problems.push({ line, field: 'cycle', code: 'required', problem: 'The cycle is empty.' });
    else {
      const cycle = lookup(context.cycles, cycleCell, (c) => c.name);
      if (cycle === 'ambiguous') problems.push({ line, field: 'cycle', code: 'ambiguous', value: cycleCell, problem: `More than one cycle is called "${cycleCell}": use its id.` });
      else if (!cycle) problems.push({ line, field: 'cycle', code: 'unknown-cycle', value: cycleCell, problem: `There is no cycle "${cycleCell}" in the directory.` });
      else cycleId = cycle.id;
    }

    let aspectId: string | undefined;
    if (!aspectCell) problems.push({ line, field: 'aspect', code: 'required', problem: 'The aspect is empty.' });
    else {
      const aspect = lookup(aspectList, aspectCell, (a) => a.name);
      if (aspect === 'ambiguous') problems.push({ line, field: 'aspect', code: 'ambiguous', value: aspectCell, problem: `More than one aspect is called "${aspectCell}": use its id.` });
      else if (!aspect) problems.push({ line, field: 'aspect', code: 'unknown-aspect', value: aspectCell, problem: `No theme has an aspect "${aspectCell}".` });
      else aspectId = aspect.id;
    }

    let strength: boolean | undefined;
    if (!strengthCell) problems.push({ line, field: 'strength', code: 'required', problem: 'The strength is empty (use yes or no).' });
    else {
      strength = parseYesNo(strengthCell);
      if (strength === undefined) problems.push({ line, field: 'strength', code: 'not-yes-no', value: strengthCell, problem: `"${strengthCell}" is not yes or no (use yes/no, true/false or 1/0).` });
    }

    if (personId === undefined || cycleId === undefined || aspectId === undefined || strength === undefined) return;
    const key = `${personId}\u0000${cycleId}\u0000${aspectId}`;
    const other = seen.get(key);
    if (other !== undefined) {
      problems.push({ line, field: 'row', code: 'duplicate', otherLine: other, problem: `The same person, cycle and aspect are also on line ${other}.` });
      return;
    }
    seen.set(key, line);
    const storedId = stored.get(key);
    const record: AppraisalRecord = { schemaVersion: CURRENT_VERSIONS.appraisals, id: storedId ?? appraisalId(personId, cycleId, aspectId), personId, cycleId, aspectId, strength };
    problems.push(...schemaProblems(AppraisalRecord, record, line, (field) => cells.get(field as AppraisalField)));
    if (problems.length === 0) valid.push({ line, record, update: storedId !== undefined });
  });
  return { valid, problems: [...file.fatal, ...header.problems, ...rowProblems].sort(byLine), warnings: [], rows: count, ignoredColumns: header.ignored };
}

// -------------------------------------------------------------------------------------------------
// Export.

/** Names to write instead of ids, where known (ids are written when a lookup returns nothing). */
export interface CsvNames {
  person?(id: string): string | undefined;
  cycle?(id: string): string | undefined;
  theme?(id: string): string | undefined;
  school?(id: string): string | undefined;
  aspect?(id: string): string | undefined;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * People as CSV, in the columns {@link importStaffCsv} reads (so the file imports back
 * unchanged): id, name, email, school (id), roles, new staff, line manager (id).
 */
export function peopleToCsv(people: readonly Person[], options: CsvWriteOptions = {}): string {
  const rows: CsvCell[][] = [['id', 'name', 'email', 'school', 'roles', 'new staff', 'line manager']];
  for (const p of people) rows.push([p.id, p.name, p.email, p.schoolId, p.roles.join('; '), p.newStaff ? 'yes' : 'no', p.lineManagerId]);
  return toCsv(rows, options);
}

/**
 * Communities as CSV: id, name, cycle, theme, lead, members, coaches, schools and meeting slots
 * (`Wed 15:30, 60 min, Library`), lists separated by `; `. Names replace ids where `names` knows them.
 */
export function communitiesToCsv(communities: readonly Community[], options: CsvWriteOptions & { names?: CsvNames } = {}): string {
  const { names = {}, ...write } = options;
  const name = (lookup: ((id: string) => string | undefined) | undefined, id: string) => lookup?.(id) ?? id;
  const rows: CsvCell[][] = [['id', 'name', 'cycle', 'theme', 'lead', 'members', 'coaches', 'schools', 'meeting slots']];
  for (const c of communities) {
    rows.push([
      c.id,
      c.name,
      name(names.cycle, c.cycleId),
      name(names.theme, c.themeId),
      name(names.person, c.leadId),
      c.memberIds.map((id) => name(names.person, id)).join('; '),
      c.coachIds.map((id) => name(names.person, id)).join('; '),
      c.schoolIds.map((id) => name(names.school, id)).join('; '),
      c.meetingSlots.map((s) => [`${WEEKDAYS[s.weekday - 1] ?? s.weekday} ${s.start}`, `${s.minutes} min`, s.location].filter(Boolean).join(', ')).join('; '),
    ]);
  }
  return toCsv(rows, write);
}

/**
 * Individual appraisal records as CSV, in the columns {@link importAppraisalsCsv} reads: person,
 * cycle, aspect, strength (ids). For moving records between systems: the policy never shows
 * individual appraisal records in the interface (`appraisal.read` with `scope: 'individual'`),
 * so hosts should offer this only where their own rules allow it.
 */
export function appraisalsToCsv(records: readonly AppraisalRecord[], options: CsvWriteOptions = {}): string {
  const rows: CsvCell[][] = [['person', 'cycle', 'aspect', 'strength']];
  for (const r of records) rows.push([r.personId, r.cycleId, r.aspectId, r.strength ? 'yes' : 'no']);
  return toCsv(rows, options);
}

/**
 * Appraisal records as figures across staff, one row per cycle and aspect: records, strengths
 * and the share (0 to 1, rounded to 3 places). Shows no individual.
 */
export function appraisalSummaryToCsv(records: readonly AppraisalRecord[], options: CsvWriteOptions & { names?: CsvNames } = {}): string {
  const { names = {}, ...write } = options;
  const groups = new Map<string, { cycleId: string; aspectId: string; records: number; strengths: number }>();
  for (const r of records) {
    const key = `${r.cycleId}\u0000${r.aspectId}`;
    const group = groups.get(key) ?? { cycleId: r.cycleId, aspectId: r.aspectId, records: 0, strengths: 0 };
    group.records += 1;
    if (r.strength) group.strengths += 1;
    groups.set(key, group);
  }
  const sorted = [...groups.values()].sort((a, b) => a.cycleId.localeCompare(b.cycleId) || a.aspectId.localeCompare(b.aspectId));
  const rows: CsvCell[][] = [['cycle', 'aspect', 'records', 'strengths', 'share']];
  for (const g of sorted) {
    rows.push([names.cycle?.(g.cycleId) ?? g.cycleId, names.aspect?.(g.aspectId) ?? g.aspectId, g.records, g.strengths, Math.round((g.strengths / g.records) * 1000) / 1000]);
  }
  return toCsv(rows, write);
}
