import { css } from 'lit';

/** Styles of <plc-survey-results>: the survey results: bar charts, their data tables and comments. */
export const surveyResultsStyles = css`
  :host {
    min-width: 0;
    --_sd: var(--plc-color-chart-strongly-disagree, var(--plc-color-danger, #b42318));
    --_d: var(--plc-color-chart-disagree, var(--plc-color-danger, #b42318));
    --_n: var(--plc-color-chart-neutral, var(--plc-color-text-muted, #4f5967));
    --_a: var(--plc-color-chart-agree, var(--plc-color-success, #1d7a46));
    --_sa: var(--plc-color-chart-strongly-agree, var(--plc-color-success, #1d7a46));
    --_bar: var(--plc-color-chart-bar, var(--plc-color-accent, #1f5fbf));
  }
  .defs {
    position: absolute;
    width: 0;
    height: 0;
    overflow: hidden;
  }
  .question {
    margin-block: calc(var(--plc-space, 0.5rem) * 3);
    break-inside: avoid;
  }
  .question:first-of-type {
    margin-block-start: var(--plc-space, 0.5rem);
  }
  h5,
  h6 {
    font-size: 1rem;
    margin: 0 0 calc(var(--plc-space, 0.5rem) / 2);
  }
  .question :is(h2, h3, h4, h5, h6) {
    margin-block-end: calc(var(--plc-space, 0.5rem) / 4);
  }
  .question-number {
    color: var(--plc-color-text-muted, #4f5967);
    font-weight: 600;
  }
  svg.chart {
    display: block;
    width: 100%;
    height: auto;
    max-width: 56rem;
    overflow: visible;
  }
  svg text {
    fill: var(--plc-color-text, #1b1f24);
    font-family: inherit;
  }
  .bar-text {
    font-size: 14px;
  }
  .value-text {
    font-size: 14px;
    font-weight: 600;
  }
  .track {
    fill: var(--plc-color-surface, #f6f7f9);
    stroke: var(--plc-color-border, #c9cfd8);
  }
  .bar {
    fill: url(#plc-sr-bar);
    stroke: var(--_bar);
    stroke-width: 1.5;
  }
  .segment {
    stroke: var(--plc-color-bg, #ffffff);
    stroke-width: 2;
  }
  .lvl0-bg,
  .lvl0-fg {
    fill: var(--_sd);
  }
  .lvl1-bg {
    fill: var(--plc-color-danger-soft, #fde8e6);
  }
  .lvl1-fg {
    stroke: var(--_d);
    stroke-width: 3;
  }
  .lvl2-bg {
    fill: var(--plc-color-surface, #f6f7f9);
  }
  .lvl2-fg {
    fill: var(--_n);
  }
  .lvl3-bg {
    fill: var(--plc-color-success-soft, #e3f4ea);
  }
  .lvl3-fg {
    stroke: var(--_a);
    stroke-width: 3;
  }
  .lvl4-bg,
  .lvl4-fg {
    fill: var(--_sa);
  }
  .bar-bg {
    fill: var(--plc-color-accent-soft, #e6eefb);
  }
  .bar-fg {
    stroke: var(--_bar);
    stroke-width: 2;
  }
  .outline {
    fill: none;
    stroke: var(--plc-color-border, #c9cfd8);
  }
  .legend {
    max-width: 56rem;
    list-style: none;
    padding: 0;
    margin: var(--plc-space, 0.5rem) 0;
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    gap: calc(var(--plc-space, 0.5rem) / 2) calc(var(--plc-space, 0.5rem) * 2);
  }
  .legend li {
    display: flex;
    align-items: center;
    gap: var(--plc-space, 0.5rem);
  }
  .swatch {
    flex: none;
    width: 1.5rem;
    height: 1.5rem;
  }
  .summary {
    font-weight: 600;
  }
  .comments {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  .comments li {
    margin-block: calc(var(--plc-space, 0.5rem) / 2);
    overflow-wrap: anywhere;
  }
  .toggle {
    margin-block-start: calc(var(--plc-space, 0.5rem) / 2);
  }
  .suppressed {
    font-weight: 600;
  }
  @media print {
    .toggle {
      display: none;
    }
    .table-wrap[hidden] {
      display: block !important;
    }
    svg,
    .swatch {
      print-color-adjust: exact;
      -webkit-print-color-adjust: exact;
    }
  }
  .group-label {
    font-weight: 600;
    margin: var(--plc-space, 0.5rem) 0 0;
  }
  .comparison,
  .discussion {
    margin-block-start: calc(var(--plc-space, 0.5rem) * 3);
  }
  .changes li {
    margin-block: var(--plc-space, 0.5rem);
  }
  .change-question {
    display: block;
    font-weight: 600;
  }
  .verdict.up {
    color: var(--plc-color-success, #1a7f37);
  }
  .verdict.down {
    color: var(--plc-color-danger, #b42318);
  }
`;
