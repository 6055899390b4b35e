import { css } from 'lit';

/**
 * Cycle administration: a tab bar that wraps on narrow screens, record tables that scroll inside
 * their own focusable region rather than the page, and forms laid out in auto-fit grids so they
 * fit from a phone (320px) to a desktop.
 * @internal
 */
export const cycleAdminStyles = css`
  .admin-title {
    margin-block-end: calc(var(--plc-space, 0.5rem) * 2);
  }
  .admin-title:focus,
  .panel-title:focus,
  .form-title:focus,
  .report-title:focus {
    outline: none;
  }
  .admin-title:focus-visible,
  .panel-title:focus-visible,
  .form-title:focus-visible,
  .report-title:focus-visible {
    outline: 3px solid var(--plc-color-focus, #b45309);
  }
  [role='tablist'] {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--plc-space, 0.5rem) / 2);
    border-block-end: 2px solid var(--plc-color-border, #c9cfd8);
    margin-block-end: calc(var(--plc-space, 0.5rem) * 2);
  }
  [role='tab'] {
    border: 1px solid transparent;
    border-block-end: none;
    border-radius: var(--plc-radius, 6px) var(--plc-radius, 6px) 0 0;
    background: none;
    margin-block-end: -2px;
    border-block-end: 4px solid transparent;
  }
  [role='tab'][aria-selected='true'] {
    border-block-end-color: var(--plc-color-accent, #1f5fbf);
    font-weight: 700;
    color: var(--plc-color-text, #1b1f24);
  }
  [role='tab']:hover:not([aria-selected='true']) {
    border-block-end-color: var(--plc-color-border, #c9cfd8);
  }
  .panel-head {
    display: flex;
    flex-wrap: wrap;
    gap: var(--plc-space, 0.5rem);
    align-items: center;
    justify-content: space-between;
    margin-block-end: var(--plc-space, 0.5rem);
  }
  .panel-head h3,
  .panel-head h4,
  .panel-head h5,
  .panel-head h6 {
    margin: 0;
  }
  .tools {
    display: flex;
    flex-wrap: wrap;
    gap: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 2);
    align-items: end;
    margin-block-end: var(--plc-space, 0.5rem);
  }
  .tools .field {
    margin: 0;
    flex: 1 1 14rem;
    max-width: 24rem;
  }
  .table-wrap {
    overflow-x: auto;
    max-width: 100%;
    border: 1px solid var(--plc-color-border, #c9cfd8);
    border-radius: var(--plc-radius, 6px);
    margin-block: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 2);
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding: var(--plc-space, 0.5rem);
  }
  th,
  td {
    border-block-start: 1px solid var(--plc-color-border, #c9cfd8);
    padding: calc(var(--plc-space, 0.5rem) * 0.75) var(--plc-space, 0.5rem);
    text-align: start;
    vertical-align: top;
  }
  td.policy {
    min-width: 10rem;
  }
  thead td,
  thead th {
    background: var(--plc-color-surface, #f6f7f9);
    font-size: 0.9em;
    white-space: nowrap;
  }
  /* Record tables scroll sideways in their region on a phone rather than squeeze into towers. */
  table.records {
    min-width: 40rem;
  }
  tbody th {
    font-weight: 600;
    min-width: 7rem;
  }
  td.dates {
    min-width: 8.5rem;
  }
  td.num {
    font-variant-numeric: tabular-nums;
  }
  td.actions-cell {
    width: 1%;
    white-space: nowrap;
  }
  td.list {
    min-width: 12rem;
  }
  .id {
    display: block;
    font-weight: normal;
    font-size: 0.85em;
    color: var(--plc-color-text-muted, #4f5967);
    overflow-wrap: anywhere;
  }
  .form {
    max-width: 60rem;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 13rem), 1fr));
    gap: 0 calc(var(--plc-space, 0.5rem) * 2);
  }
  .checks {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 13rem), 1fr));
    gap: calc(var(--plc-space, 0.5rem) / 2) calc(var(--plc-space, 0.5rem) * 2);
  }
  .checks.scroll {
    max-height: 16rem;
    overflow-y: auto;
    padding: calc(var(--plc-space, 0.5rem) / 2);
    border: 1px solid var(--plc-color-border, #c9cfd8);
    border-radius: var(--plc-radius, 6px);
  }
  .check {
    display: flex;
    align-items: center;
    gap: var(--plc-space, 0.5rem);
    min-height: var(--plc-target-size, 44px);
  }
  .check label {
    display: inline;
    font-weight: normal;
    margin: 0;
    overflow-wrap: anywhere;
  }
  .check input {
    flex: none;
  }
  /* A checkbox's hint lines up with its label, not with the box. */
  .check + .hint {
    margin-inline-start: calc(1.25rem + var(--plc-space, 0.5rem));
  }
  .choice {
    display: flex;
    flex-wrap: wrap;
    gap: 0 calc(var(--plc-space, 0.5rem) * 3);
  }
  .choice legend {
    flex-basis: 100%;
  }
  .report {
    margin-block: calc(var(--plc-space, 0.5rem) * 2);
  }
  @media (max-width: 30rem) {
    .report {
      padding: var(--plc-space, 0.5rem);
    }
  }
  .report .table-wrap {
    background: var(--plc-color-bg, #ffffff);
  }
  .rows {
    list-style: none;
    margin: 0 0 var(--plc-space, 0.5rem);
    padding: 0;
    display: grid;
    gap: var(--plc-space, 0.5rem);
  }
  .row-item {
    display: flex;
    flex-wrap: wrap;
    gap: var(--plc-space, 0.5rem);
    align-items: end;
  }
  .row-item .field {
    flex: 1 1 14rem;
    margin: 0;
  }
  .slot {
    margin: 0;
  }
  .slot .grid {
    align-items: end;
  }
  .stale {
    border-inline-start-width: 6px;
  }
  .stale ul {
    margin: 0 0 var(--plc-space, 0.5rem);
  }
  .summary-list {
    margin: 0 0 var(--plc-space, 0.5rem);
    padding-inline-start: 1.25rem;
  }
  .columns-help {
    margin-block-end: calc(var(--plc-space, 0.5rem) * 2);
  }
  .columns-help summary {
    cursor: pointer;
    min-height: var(--plc-target-size, 44px);
    display: flex;
    align-items: center;
    font-weight: 600;
    color: var(--plc-color-accent, #1f5fbf);
  }
  .columns-help dl {
    display: grid;
    grid-template-columns: minmax(7rem, max-content) 1fr;
    gap: calc(var(--plc-space, 0.5rem) / 2) calc(var(--plc-space, 0.5rem) * 2);
    margin: 0;
  }
  .columns-help dt {
    font-weight: 600;
  }
  .columns-help dd {
    margin: 0;
  }
  code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
    overflow-wrap: anywhere;
  }
  textarea.csv {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
    min-height: 9rem;
    white-space: pre;
    overflow-wrap: normal;
  }
  input[type='file'] {
    padding: calc(var(--plc-space, 0.5rem) * 0.75);
  }
  .section {
    margin-block-end: calc(var(--plc-space, 0.5rem) * 4);
  }
  .section + .section {
    border-block-start: 1px solid var(--plc-color-border, #c9cfd8);
    padding-block-start: calc(var(--plc-space, 0.5rem) * 2);
  }
  .counts {
    display: flex;
    flex-wrap: wrap;
    gap: var(--plc-space, 0.5rem);
    list-style: none;
    padding: 0;
    margin: 0 0 var(--plc-space, 0.5rem);
  }
  .counts li {
    border: 1px solid var(--plc-color-border, #c9cfd8);
    border-radius: var(--plc-radius, 6px);
    padding: calc(var(--plc-space, 0.5rem) / 2) var(--plc-space, 0.5rem);
    background: var(--plc-color-surface, #f6f7f9);
  }
  .counts strong {
    font-size: 1.2em;
    font-variant-numeric: tabular-nums;
  }
`;
