/**
 * What `<plc-cycle-admin>` shows of a CSV import: the columns a file can have, the check's report
 * (counts, problems by line and field, the people to import) and the import's result. Individual
 * appraisal records are never shown: only counts and problems.
 * @internal
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Person } from '../../src/schema/directory.js';
import type { ImportProblem } from '../../src/export/directoryCsv.js';
import { formatNumber } from '../localization.js';
import { heading } from '../shared/heading.js';
import type { CsvImport, ImportKind } from './csv-import.js';
import { importFieldLabel, importProblemText, roleLabel } from './labels.js';

/** Problems shown in the report table; the rest are counted (a 50,000-row file can have many). */
const MAX_PROBLEMS_SHOWN = 500;

/** What the report's buttons do, and how it names schools. */
export interface ReportActions {
  accept(): void;
  schoolName(id: string): string;
}

export function columnsHelp(kind: ImportKind): TemplateResult {
  const rows: Array<[string, string]> =
    kind === 'people'
      ? [
          [importFieldLabel('name'), msg('Required.', { id: 'admin.csv.help.name' })],
          [importFieldLabel('email'), msg('Optional. A row with the email of someone already here updates that person.', { id: 'admin.csv.help.email' })],
          [importFieldLabel('school'), msg('The school’s name or id (not needed when there is one school).', { id: 'admin.csv.help.school' })],
          [importFieldLabel('roles'), msg('teacher, cpd-leader, coach, admin; several separated by semicolons. Teacher when empty.', { id: 'admin.csv.help.roles' })],
          [importFieldLabel('new staff'), msg('yes or no (true/false, 1/0).', { id: 'admin.csv.help.new-staff' })],
          [importFieldLabel('line manager'), msg('The id or email of someone here or in the file.', { id: 'admin.csv.help.line-manager' })],
          [importFieldLabel('id'), msg('Optional: a row with an existing id updates that person.', { id: 'admin.csv.help.id' })],
        ]
      : [
          [importFieldLabel('person'), msg('The person’s id or email.', { id: 'admin.csv.help.person' })],
          [importFieldLabel('cycle'), msg('The cycle’s name or id, such as 2025-26.', { id: 'admin.csv.help.cycle' })],
          [importFieldLabel('aspect'), msg('The name or id of an aspect of practice of a theme.', { id: 'admin.csv.help.aspect' })],
          [importFieldLabel('strength'), msg('yes or no (true/false, 1/0).', { id: 'admin.csv.help.strength' })],
        ];
  return html`<details class="columns-help">
    <summary>${msg('Columns the file can have', { id: 'admin.csv.help' })}</summary>
    <p>${msg('The first row names the columns, in any order; capitals and spaces do not matter, and other columns are ignored.', { id: 'admin.csv.help.intro' })}</p>
    <dl>
      ${rows.map(([name, text]) => html`<dt>${name}</dt><dd>${text}</dd>`)}
    </dl>
  </details>`;
}

export function importReport(csv: CsvImport, level: number, actions: ReportActions): TemplateResult {
  const report = csv.report!;
  const fileProblems = report.problems.filter((p) => p.code === 'missing-column' || p.code === 'empty-file');
  const rows = csv.rowsToWrite();
  const created = rows.filter((r) => !r.update).length;
  const updated = rows.length - created;
  const n = rows.length;
  const importing = csv.status === 'importing';
  return html`<section class="card report" part="report" aria-labelledby="ca-report-title">
    ${heading(level, html`${msg('Check result', { id: 'admin.csv.report' })}${csv.fileName ? html` <span class="muted">(${csv.fileName})</span>` : nothing}`, {
      id: 'ca-report-title',
      className: 'report-title',
      focusable: true,
    })}
    <ul class="counts">
      <li>${msg('Rows read:', { id: 'admin.csv.count.rows' })} <strong>${formatNumber(report.rows)}</strong></li>
      <li>${msg('Can be imported:', { id: 'admin.csv.count.valid' })} <strong>${formatNumber(n)}</strong>
        <span class="muted">${msg(str`(${formatNumber(created)} new, ${formatNumber(updated)} updates)`, { id: 'admin.csv.count.split' })}</span></li>
      <li>${msg('Rows with problems:', { id: 'admin.csv.count.invalid' })} <strong>${formatNumber(Math.max(0, report.rows - report.valid.length))}</strong></li>
    </ul>
    ${report.ignoredColumns.length > 0
      ? html`<p class="notice">${msg(str`Columns ignored: ${report.ignoredColumns.join(', ')}`, { id: 'admin.csv.ignored' })}</p>`
      : nothing}
    ${fileProblems.length > 0 ? html`<p class="notice error">${msg('The file cannot be imported as it is: see the problems below.', { id: 'admin.csv.file-problem' })}</p>` : nothing}
    ${report.problems.length > 0 ? problemTable(report.problems) : html`<p class="notice success">${msg('No problems found.', { id: 'admin.csv.no-problems' })}</p>`}
    ${report.warnings.length > 0 ? sameNames(csv) : nothing}
    ${csv.reportKind === 'people' && n > 0 ? validPeople(csv, actions.schoolName) : nothing}
    ${csv.reportKind === 'appraisals' ? html`<p class="hint">${msg('Individual appraisal records are not shown here, only counts and problems.', { id: 'admin.csv.appraisals-private' })}</p>` : nothing}
    <div class="actions">
      ${n > 0
        ? html`<button class="primary" ?disabled=${importing} @click=${actions.accept}>
            ${n === 1 ? msg('Import 1 valid row', { id: 'admin.csv.import-one' }) : msg(str`Import ${formatNumber(n)} valid rows`, { id: 'admin.csv.import' })}
          </button>`
        : nothing}
      <button ?disabled=${importing} @click=${() => csv.clear()}>${msg('Cancel', { id: 'admin.cancel' })}</button>
    </div>
    ${importing
      ? html`<p class="muted" role="status">${msg(str`Importing… ${formatNumber(csv.progress)} of ${formatNumber(n)}`, { id: 'admin.csv.importing' })}</p>`
      : html`<p class="hint">${msg('Nothing has been imported yet. Rows with problems are left out; correct them and import the file again later.', { id: 'admin.csv.nothing-yet' })}</p>`}
  </section>`;
}

/**
 * Rows that would add a second person with a name already in the directory (a names-only file
 * imported twice): listed, and left out unless the person ticks that they are other people.
 */
function sameNames(csv: CsvImport): TemplateResult {
  const warnings = csv.report!.warnings;
  const caption = msg(str`Names already here (${formatNumber(warnings.length)})`, { id: 'admin.csv.same-name.title' });
  return html`<div class="notice warning">
      <p>
        ${msg('These rows have no id or email, and their name is already in the directory or earlier in the file: importing them adds a second person with the same name. To update someone instead, add an id or email column.', {
          id: 'admin.csv.same-name.intro',
        })}
      </p>
    </div>
    <div class="table-wrap" role="region" aria-label=${caption} tabindex="0">
      <table part="table" class="same-names">
        <caption>${caption}</caption>
        <thead>
          <tr>
            <th scope="col">${msg('Line', { id: 'admin.csv.line' })}</th>
            <th scope="col">${msg('Name', { id: 'admin.person.name' })}</th>
            <th scope="col">${msg('Already here as', { id: 'admin.csv.same-name.other' })}</th>
          </tr>
        </thead>
        <tbody>
          ${warnings.slice(0, MAX_PROBLEMS_SHOWN).map(
            (w) => html`<tr>
              <td class="num">${formatNumber(w.line)}</td>
              <td>${w.value ?? ''}</td>
              <td>${w.otherId ?? msg(str`line ${formatNumber(w.otherLine ?? 0)} of this file`, { id: 'admin.csv.same-name.line' })}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <div class="check">
      <input id="ca-same-name" type="checkbox" .checked=${csv.confirmSameName} @change=${(e: Event) => csv.setConfirmSameName((e.target as HTMLInputElement).checked)} />
      <label for="ca-same-name">${msg('They are other people: import these rows too', { id: 'admin.csv.same-name.confirm' })}</label>
    </div>`;
}

function problemTable(problems: readonly ImportProblem[]): TemplateResult {
  const shown = problems.slice(0, MAX_PROBLEMS_SHOWN);
  const caption = msg(str`Problems (${formatNumber(problems.length)})`, { id: 'admin.csv.problems' });
  return html`<div class="table-wrap" role="region" aria-label=${caption} tabindex="0">
      <table part="table" class="problems">
        <caption>${caption}</caption>
        <thead>
          <tr>
            <th scope="col">${msg('Line', { id: 'admin.csv.line' })}</th>
            <th scope="col">${msg('Field', { id: 'admin.csv.field' })}</th>
            <th scope="col">${msg('Problem', { id: 'admin.csv.problem' })}</th>
          </tr>
        </thead>
        <tbody>
          ${shown.map(
            (p) => html`<tr>
              <td class="num">${formatNumber(p.line)}</td>
              <td>${importFieldLabel(p.field)}</td>
              <td>${importProblemText(p)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${problems.length > shown.length
      ? html`<p class="muted">${msg(str`The first ${formatNumber(shown.length)} problems are shown.`, { id: 'admin.csv.problems-more' })}</p>`
      : nothing}`;
}

function validPeople(csv: CsvImport, schoolName: (id: string) => string): TemplateResult {
  const rows = csv.rowsToWrite().slice(0, MAX_PROBLEMS_SHOWN) as Array<{ line: number; record: Person; update: boolean }>;
  const caption = msg('People to import', { id: 'admin.csv.valid-people' });
  return html`<details class="columns-help">
    <summary>
      ${csv.rowsToWrite().length === 1
        ? msg('Show the person to import', { id: 'admin.csv.show-valid-one' })
        : msg(str`Show the ${formatNumber(csv.rowsToWrite().length)} people to import`, { id: 'admin.csv.show-valid' })}
    </summary>
    <div class="table-wrap" role="region" aria-label=${caption} tabindex="0">
      <table part="table">
        <caption class="visually-hidden">${caption}</caption>
        <thead>
          <tr>
            <th scope="col">${msg('Line', { id: 'admin.csv.line' })}</th>
            <th scope="col">${msg('Name', { id: 'admin.person.name' })}</th>
            <th scope="col">${msg('Email', { id: 'admin.person.email' })}</th>
            <th scope="col">${msg('School', { id: 'admin.person.school' })}</th>
            <th scope="col">${msg('Roles', { id: 'admin.person.roles' })}</th>
            <th scope="col">${msg('Change', { id: 'admin.csv.change' })}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) => html`<tr>
              <td class="num">${formatNumber(r.line)}</td>
              <td>${r.record.name}</td>
              <td>${r.record.email ?? ''}</td>
              <td>${schoolName(r.record.schoolId)}</td>
              <td>${r.record.roles.map(roleLabel).join(', ')}</td>
              <td>${r.update ? msg('Update', { id: 'admin.csv.update' }) : msg('New', { id: 'admin.csv.new' })}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </details>`;
}

export function importResult(csv: CsvImport, level: number): TemplateResult {
  const result = csv.result!;
  const done = result.created + result.updated;
  return html`<section class="card report" aria-labelledby="ca-result-title">
    ${heading(level, html`${msg('Import finished', { id: 'admin.csv.result' })}`, { id: 'ca-result-title', className: 'result-title report-title', focusable: true })}
    <p class="notice ${result.failed.length > 0 ? 'warning' : 'success'}">
      ${msg(str`Imported ${formatNumber(done)} rows: ${formatNumber(result.created)} new, ${formatNumber(result.updated)} updated.`, { id: 'admin.csv.imported' })}
      ${result.failed.length > 0 ? msg(str`${formatNumber(result.failed.length)} could not be saved.`, { id: 'admin.csv.failed' }) : nothing}
    </p>
    ${result.failed.length > 0
      ? html`<div class="table-wrap" role="region" aria-label=${msg('Rows not saved', { id: 'admin.csv.not-saved' })} tabindex="0">
          <table part="table">
            <caption>${msg('Rows not saved', { id: 'admin.csv.not-saved' })}</caption>
            <thead>
              <tr>
                <th scope="col">${msg('Line', { id: 'admin.csv.line' })}</th>
                <th scope="col">${msg('Problem', { id: 'admin.csv.problem' })}</th>
              </tr>
            </thead>
            <tbody>
              ${result.failed.map((f) => html`<tr><td class="num">${formatNumber(f.line)}</td><td>${f.message}</td></tr>`)}
            </tbody>
          </table>
        </div>`
      : nothing}
  </section>`;
}
