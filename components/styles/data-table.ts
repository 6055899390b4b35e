import { css } from 'lit';

/** The accessible data tables beside the charts: bordered cells, shaded headers and totals, a scrolling wrapper, numbers aligned. */
export const dataTableStyles = css`
  .table-wrap {
    overflow-x: auto;
    margin-block: var(--plc-space, 0.5rem);
  }
  table {
    border-collapse: collapse;
    min-width: min(100%, 22rem);
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: calc(var(--plc-space, 0.5rem) / 2);
  }
  th,
  td {
    border: 1px solid var(--plc-color-border, #c9cfd8);
    padding: calc(var(--plc-space, 0.5rem) / 2) var(--plc-space, 0.5rem);
    text-align: start;
    vertical-align: top;
  }
  td.number {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  thead th,
  tfoot th,
  tfoot td {
    background: var(--plc-color-surface, #f6f7f9);
  }
`;
