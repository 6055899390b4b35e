/**
 * The data table beside a chart (styled by `dataTableStyles`): a caption, a header cell per
 * column, and per row a header cell naming it and its figures, aligned as numbers.
 * @internal shared by the chart elements
 */
import { html, nothing, type TemplateResult } from 'lit';

/** One row: the header cell that names it and its figures, one per column after the first. */
export interface DataTableRow {
  label: unknown;
  cells: readonly unknown[];
}

/** What a {@link dataTable} shows. */
export interface DataTableOptions {
  caption: unknown;
  /** The column headers, the first one over the rows' names. */
  columns: readonly unknown[];
  rows: readonly DataTableRow[];
  /** A total row, in the table's footer. */
  total?: DataTableRow | undefined;
  /** The table's `part`, when the element documents one. */
  part?: string | undefined;
}

const tableRow = (row: DataTableRow) =>
  html`<tr>
    <th scope="row">${row.label}</th>
    ${row.cells.map((cell) => html`<td class="number">${cell}</td>`)}
  </tr>`;

/** A data table with a caption and header cells for columns and rows. */
export function dataTable(options: DataTableOptions): TemplateResult {
  return html`<table part=${options.part ?? nothing}>
    <caption>
      ${options.caption}
    </caption>
    <thead>
      <tr>
        ${options.columns.map((column) => html`<th scope="col">${column}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${options.rows.map(tableRow)}
    </tbody>
    ${options.total ? html`<tfoot>${tableRow(options.total)}</tfoot>` : nothing}
  </table>`;
}
