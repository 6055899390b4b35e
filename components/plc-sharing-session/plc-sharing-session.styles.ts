import { css } from 'lit';

/**
 * Styles of <plc-sharing-session>: the programme (printable on its own: the print rules hide the
 * planner and the buttons), the session and outcome lists, the running order and the attendance
 * checklist.
 */
export const sharingSessionStyles = css`
  :host {
    min-width: 0;
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  [tabindex='-1']:focus-visible {
    outline: 3px solid var(--plc-color-focus, #b45309);
  }
  .session-head :is(h2, h3, h4, h5, h6),
  .programme :is(h3, h4, h5, h6) {
    overflow-wrap: anywhere;
  }
  .pair {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
    gap: 0 calc(var(--plc-space, 0.5rem) * 2);
  }
  [part='sessions'],
  [part='new-session'],
  .planner > .card {
    margin-block: calc(var(--plc-space, 0.5rem) * 2);
  }
  .when {
    color: var(--plc-color-text-muted, #4f5967);
    margin-block-start: 0;
  }
  .running-order {
    padding-inline-start: 0;
    list-style: none;
    margin: 0 0 calc(var(--plc-space, 0.5rem) * 2);
  }
  .running-order li {
    display: grid;
    grid-template-columns: 7.5rem minmax(0, 1fr);
    gap: var(--plc-space, 0.5rem);
    padding: calc(var(--plc-space, 0.5rem) / 2) 0;
    border-block-end: 1px solid var(--plc-color-border, #c9cfd8);
  }
  .running-order .time {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  .running-order .what {
    overflow-wrap: anywhere;
  }
  .slots {
    padding-inline-start: 1.5rem;
    margin: 0;
  }
  .slot {
    padding-block: var(--plc-space, 0.5rem);
    border-block-end: 1px solid var(--plc-color-border, #c9cfd8);
  }
  .check {
    display: flex;
    gap: var(--plc-space, 0.5rem);
    align-items: center;
    min-height: 2.75rem;
  }
  .attendance-grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr));
    gap: 0 calc(var(--plc-space, 0.5rem) * 2);
  }
  .attendance-summary {
    font-weight: 600;
  }
  .status {
    min-height: 1.5em;
    margin: 0;
  }
  @media (max-width: 24rem) {
    .running-order li {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  @media print {
    .no-print,
    .notice,
    .status {
      display: none !important;
    }
    :host {
      color: #000;
      background: #fff;
    }
    .room {
      break-inside: avoid;
    }
    .running-order li {
      break-inside: avoid;
      border-color: #999;
    }
  }
`;
