import { css } from 'lit';

/** Styles of <plc-impact-report>: the impact report: summary figures, charts with their tables, and the export. */
export const impactReportStyles = css`
  :host {
    min-width: 0;
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    gap: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 2);
    align-items: flex-start;
    justify-content: space-between;
    margin-block-end: calc(var(--plc-space, 0.5rem) * 2);
  }
  .header > div {
    flex: 1 1 18rem;
    min-width: 0;
  }
  .header :is(h2, h3, h4, h5, h6) {
    margin-block-end: calc(var(--plc-space, 0.5rem) / 2);
  }
  h5,
  h6 {
    font-size: 1rem;
    margin: 0 0 calc(var(--plc-space, 0.5rem) / 2);
  }
  .section {
    margin-block: calc(var(--plc-space, 0.5rem) * 4);
  }
  .scope {
    display: inline-flex;
    flex-wrap: wrap;
    gap: var(--plc-space, 0.5rem);
    align-items: center;
    font-weight: 600;
  }
  .findings {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--plc-space, 0.5rem) * 2);
  }
  .finding {
    break-inside: avoid;
    min-width: 0;
    padding-block-start: calc(var(--plc-space, 0.5rem) * 2);
    border-block-start: 1px solid var(--plc-color-border, #c9cfd8);
  }
  .sentence {
    font-size: 1.05rem;
    font-weight: 600;
    max-width: 60ch;
  }
  .explain {
    max-width: 70ch;
  }
  .note {
    font-size: 0.9em;
  }
  @media print {
    .toggle,
    [part='download'] {
      display: none;
    }
    .table-wrap[hidden] {
      display: block !important;
    }
    .section {
      break-before: auto;
    }
  }
`;
