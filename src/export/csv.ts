/**
 * CSV as RFC 4180 describes it, read and written without a dependency (about a hundred lines:
 * smaller than any library's wrapper, and it reports the line each record starts on, which the
 * row-by-row import reports need and the small CSV libraries do not give).
 *
 * Reading accepts what spreadsheets and hand-written files produce: a UTF-8 byte order mark,
 * CRLF, LF or CR line ends, quoted fields with `""` for a quote and with delimiters and line
 * breaks inside, a missing or present newline at the end, blank lines (skipped), and spaces
 * before an opening quote, and Excel's `sep=;` first line (which names the delimiter and is not a
 * record). Writing produces CRLF records and guards against formula injection.
 *
 * Pure: no I/O, no DOM; the same in Node and the browser.
 * @module
 */

/** One record of a CSV text. */
export interface CsvRow {
  /** The line (1-based) the record starts on. */
  line: number;
  /** The line it ends on: later than `line` when a quoted field holds line breaks. */
  endLine: number;
  /** The fields, unquoted. Line breaks inside a quoted field are given as `\n`. */
  fields: string[];
}

/** A place where the text is not well-formed CSV. The record is still returned, read leniently. */
export interface CsvSyntaxError {
  /** The line the faulty field starts on. */
  line: number;
  /** The index (0-based) of the faulty field in its record. */
  field: number;
  /** `unclosed-quote`: a quoted field runs to the end of the text; `text-after-quote`: characters follow a closing quote. */
  code: 'unclosed-quote' | 'text-after-quote';
  /** What is wrong, in English. */
  message: string;
}

/** What {@link parseCsv} read. */
export interface CsvParseResult {
  rows: CsvRow[];
  errors: CsvSyntaxError[];
  /** The delimiter used (the one detected, with `delimiter: 'auto'`, or the one a `sep=` line named). */
  delimiter: CsvDelimiter;
  /** Whether the text began with Excel's `sep=` line: it named the delimiter and is not among the rows. */
  sepLine: boolean;
}

/** A field delimiter: comma (RFC 4180), semicolon (spreadsheets in many European locales), tab or a bar. */
export type CsvDelimiter = ',' | ';' | '\t' | '|';

/** Options for {@link parseCsv}. */
export interface CsvParseOptions {
  /**
   * The delimiter, or `auto` to take the most frequent of `,` `;` and tab in the first record
   * (default `,`). A `sep=` first line, as Excel writes and reads it, overrides either.
   */
  delimiter?: CsvDelimiter | 'auto';
}

const BOM = '\uFEFF';

/** Excel's first line naming the delimiter: `sep=;`, `sep=,`, `sep=|` or `sep=` and a tab. */
const SEP_LINE = /^sep=([,;\t|])[ \t]*(\r\n|\n|\r|$)/i;

/** The delimiter a `sep=` first line names and where the text after it starts, if it has one. */
export function readSepLine(text: string): { delimiter: CsvDelimiter; next: number } | undefined {
  const start = text.startsWith(BOM) ? 1 : 0;
  const match = SEP_LINE.exec(text.slice(start, start + 16));
  return match ? { delimiter: match[1] as CsvDelimiter, next: start + match[0].length } : undefined;
}

/** Picks the delimiter most used, outside quotes, in the first record; a comma on a tie. */
export function detectDelimiter(text: string): CsvDelimiter {
  const sep = readSepLine(text);
  if (sep) return sep.delimiter;
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = text.startsWith(BOM) ? 1 : 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts[c] += 1;
  }
  return counts[';'] > counts[','] && counts[';'] >= counts['\t'] ? ';' : counts['\t'] > counts[','] ? '\t' : ',';
}

/**
 * Reads CSV text into records, each with the line it starts on. Malformed quoting is reported in
 * `errors` (with its line) and read leniently rather than stopping the whole file.
 * @example
 * ```ts
 * const { rows } = parseCsv('name,email\r\n"Berry, Clare",clare@example.org\r\n');
 * // rows[1] = { line: 2, endLine: 2, fields: ['Berry, Clare', 'clare@example.org'] }
 * ```
 */
export function parseCsv(text: string, options: CsvParseOptions = {}): CsvParseResult {
  const sep = readSepLine(text);
  const delimiter = sep?.delimiter ?? (options.delimiter === 'auto' ? detectDelimiter(text) : (options.delimiter ?? ','));
  const rows: CsvRow[] = [];
  const errors: CsvSyntaxError[] = [];
  const n = text.length;
  let i = sep ? sep.next : text.startsWith(BOM) ? 1 : 0;
  // The sep= line keeps its number, so problems name the line a spreadsheet shows.
  let line = sep ? 2 : 1;
  const atFieldEnd = (at: number) => at >= n || text[at] === delimiter || text[at] === '\n' || text[at] === '\r';

  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let quotedAny = false;
    for (;;) {
      let field: string;
      // Spaces before an opening quote are a common hand-written slip: `a, "b, c"`.
      let j = i;
      while (text[j] === ' ') j += 1;
      if (text[j] === '"') {
        quotedAny = true;
        const fieldLine = line;
        const parts: string[] = [];
        let closed = false;
        i = j + 1;
        while (i < n) {
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              parts.push('"');
              i += 2;
              continue;
            }
            i += 1;
            closed = true;
            break;
          }
          if (c === '\r' || c === '\n') {
            parts.push('\n');
            i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
            line += 1;
            continue;
          }
          let k = i;
          while (k < n && text[k] !== '"' && text[k] !== '\r' && text[k] !== '\n') k += 1;
          parts.push(text.slice(i, k));
          i = k;
        }
        if (!closed) {
          errors.push({ line: fieldLine, field: fields.length, code: 'unclosed-quote', message: `A quote opened on line ${fieldLine} is never closed.` });
        }
        const after = i;
        while (!atFieldEnd(i)) i += 1;
        const stray = text.slice(after, i);
        if (stray.trim() !== '') {
          errors.push({ line, field: fields.length, code: 'text-after-quote', message: `Unexpected text after a closing quote on line ${line}: ${JSON.stringify(stray)}.` });
          parts.push(stray);
        }
        field = parts.join('');
      } else {
        j = i;
        while (!atFieldEnd(j)) j += 1;
        field = text.slice(i, j);
        i = j;
      }
      fields.push(field);
      if (i < n && text[i] === delimiter) {
        i += 1;
        continue;
      }
      break;
    }
    const endLine = line;
    if (i < n) {
      i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line += 1;
    }
    // An empty line is no record (RFC 4180 has none; spreadsheets leave them at the end).
    if (fields.length === 1 && fields[0] === '' && !quotedAny) continue;
    rows.push({ line: startLine, endLine, fields });
  }
  return { rows, errors, delimiter, sepLine: sep !== undefined };
}

/** A value {@link toCsv} writes: `null` and `undefined` become empty cells. */
export type CsvCell = string | number | boolean | null | undefined;

/** Options for {@link toCsv}. */
export interface CsvWriteOptions {
  /** The record separator: `\r\n` (RFC 4180, the default) or `\n`. */
  newline?: '\r\n' | '\n';
  /** Start with a UTF-8 byte order mark, so spreadsheet programs read accents right (default false). */
  bom?: boolean;
  /** The field delimiter (default `,`). */
  delimiter?: CsvDelimiter;
  /** Guard text cells against formula injection (default true; see {@link guardFormula}). */
  guardFormulas?: boolean;
}

/** The characters that make a spreadsheet read a cell as a formula (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Guards a text cell against CSV formula injection: a cell starting with `=`, `+`, `-`, `@`
 * (or a tab or carriage return) is read by spreadsheet programs as a formula, which can run
 * commands or send data away when the file is opened. Such a cell gets a leading apostrophe, so
 * the spreadsheet shows it as text. Numbers are written as numbers and are not changed, so
 * `-3` stays a number. {@link unguardFormula} removes the apostrophe again on import.
 * @example
 * ```ts
 * guardFormula('=HYPERLINK("http://evil")'); // "'=HYPERLINK(\"http://evil\")"
 * guardFormula('Clare'); // 'Clare'
 * ```
 */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Undoes {@link guardFormula}: removes an apostrophe put before `=`, `+`, `-`, `@`, tab or CR. */
export function unguardFormula(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/** One cell as CSV text: quoted when it holds the delimiter, a quote or a line break. */
export function csvCell(value: CsvCell, options: Pick<CsvWriteOptions, 'delimiter' | 'guardFormulas'> = {}): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const delimiter = options.delimiter ?? ',';
  const text = options.guardFormulas === false ? value : guardFormula(value);
  return text.includes('"') || text.includes(delimiter) || text.includes('\n') || text.includes('\r') ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes records as CSV text: one record per line, each ended by the newline (so the text ends
 * with one), fields quoted where needed, formula cells guarded.
 * @example
 * ```ts
 * toCsv([['name', 'note'], ['Clare', 'Says "hello", twice']]);
 * // 'name,note\r\nClare,"Says ""hello"", twice"\r\n'
 * ```
 */
export function toCsv(rows: ReadonlyArray<readonly CsvCell[]>, options: CsvWriteOptions = {}): string {
  const newline = options.newline ?? '\r\n';
  const delimiter = options.delimiter ?? ',';
  const body = rows.map((row) => row.map((value) => csvCell(value, { delimiter, guardFormulas: options.guardFormulas ?? true })).join(delimiter) + newline).join('');
  return (options.bom ? BOM : '') + body;
}
