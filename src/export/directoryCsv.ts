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
import { AppraisalRecord, type Community, type Cycle, type Person, type School, type Theme } from '../schema/directory.js';
import { LIMITS } from '../schema/common.js';
import { CURRENT_VERSIONS } from '../schema/migrate.js';
import { toCsv, type CsvCell, type CsvWriteOptions } from './csv.js';
import { byLine, eachRow, hash, lookup, parseYesNo, readFile, schemaProblems } from './directoryCsvRows.js';

export { parseRoles, parseYesNo, slugId } from './directoryCsvRows.js';
export { importStaffCsv } from './staffCsv.js';

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
// Appraisal records.

const APPRAISAL_COLUMNS = {
  person: ['person', 'personid', 'staff', 'staffid', 'email', 'staffemail', 'personemail', 'teacher', 'persona', 'docente', 'correo'],
  cycle: ['cycle', 'cycleid', 'year', 'ciclo', 'curso'],
  aspect: ['aspect', 'aspectid', 'aspectofpractice', 'aspecto'],
  strength: ['strength', 'isstrength', 'fortaleza', 'puntofuerte'],
} as const;

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
