/**
 * The reading shared by the directory's CSV imports (staff and appraisal records): the header's
 * columns matched by name, cell values (yes/no, roles, ids), the rows after the header with their
 * syntax problems, and schema problems worded per field. Each import adds its own row checks.
 * @internal
 */
import type * as z from 'zod/mini';
import type { StaffRole } from '../schema/directory.js';
import { LIMITS } from '../schema/common.js';
import { describeIssues } from '../schema/errors.js';
import { parseSafely } from '../schema/zod.js';
import { parseCsv, unguardFormula, type CsvRow } from './csv.js';
import type { ImportProblem, ImportProblemCode } from './directoryCsv.js';

// Reading the header.

/** Lower case, accents, spaces and punctuation removed: `Line-Manager E-mail` -> `linemanageremail`. */
export const normalise = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9@]/g, '');

export type Columns<F extends string> = Record<F, readonly string[]>;

export interface Header<F extends string> {
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
export function lookup<T extends { id: string }>(items: readonly T[], value: string, nameOf: (item: T) => string | undefined): T | 'ambiguous' | undefined {
  const byId = items.find((item) => item.id === value);
  if (byId) return byId;
  const wanted = value.toLowerCase();
  const named = items.filter((item) => nameOf(item)?.toLowerCase() === wanted);
  if (named.length > 1) return 'ambiguous';
  return named[0];
}

/** A short, stable hash (FNV-1a, base 36) for ids that would be too long. */
export function hash(text: string): string {
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

export interface Cells<F extends string> {
  /** The trimmed cell of a field, `undefined` when the file has no such column. */
  get(field: F): string | undefined;
}

/** Reads the rows after the header: syntax problems, extra cells, blank rows. */
export function eachRow<F extends string>(
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
export function readFile<F extends string>(text: string, columns: Columns<F>, required: readonly F[]) {
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
export function schemaProblems(schema: z.ZodMiniType, record: unknown, line: number, valueOf: (field: string) => string | undefined): ImportProblem[] {
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

export const byLine = (a: ImportProblem, b: ImportProblem) => a.line - b.line;
