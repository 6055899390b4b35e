import { css } from 'lit';

/** Styles of <plc-booklet>: the printable booklet: cover, contents, one article per outcome, and print rules. */
export const bookletStyles = css`
  :host {
    min-width: 0;
  }
  .toolbar {
    margin-block: 0 calc(var(--plc-space, 0.5rem) * 2);
  }
  .title-page {
    padding-block: calc(var(--plc-space, 0.5rem) * 4);
    border-block-end: 1px solid var(--plc-color-border, #c9cfd8);
    margin-block-end: calc(var(--plc-space, 0.5rem) * 3);
  }
  .title-page :is(h2, h3, h4, h5, h6) {
    font-size: 2rem;
    margin-block-end: var(--plc-space, 0.5rem);
  }
  .school {
    font-size: 1.25rem;
    margin: 0;
  }
  .cycle,
  .subtitle {
    color: var(--plc-color-text-muted, #4f5967);
    margin: calc(var(--plc-space, 0.5rem) / 2) 0 0;
  }
  .contents ol {
    padding-inline-start: 1.5rem;
    margin: 0;
  }
  .contents > ol > li {
    margin-block: var(--plc-space, 0.5rem);
    font-weight: 600;
  }
  .contents ul {
    font-weight: normal;
    padding-inline-start: 1.25rem;
    margin-block: calc(var(--plc-space, 0.5rem) / 2);
  }
  .contents li {
    padding-block: 2px;
  }
  .theme {
    margin-block-start: calc(var(--plc-space, 0.5rem) * 5);
  }
  .theme > :is(h3, h4, h5, h6):first-child,
  .theme > h2:first-child {
    font-size: 1.5rem;
    padding-block-end: calc(var(--plc-space, 0.5rem) / 2);
    border-block-end: 2px solid var(--plc-color-accent, #1f5fbf);
  }
  .outcome {
    margin-block: calc(var(--plc-space, 0.5rem) * 3);
    max-width: 46rem;
  }
  .outcome > :is(h3, h4, h5, h6):first-child {
    font-size: 1.2rem;
    margin-block-end: var(--plc-space, 0.5rem);
  }
  .outcome :is(h4, h5, h6):not(:first-child) {
    font-size: 1rem;
    margin: calc(var(--plc-space, 0.5rem) * 2) 0 calc(var(--plc-space, 0.5rem) / 2);
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  [tabindex='-1']:focus-visible {
    outline: 3px solid var(--plc-color-focus, #b45309);
  }
  .question {
    border-inline-start: 4px solid var(--plc-color-accent, #1f5fbf);
    background: var(--plc-color-surface, #f6f7f9);
    padding: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 2);
    margin-block: var(--plc-space, 0.5rem);
  }
  .term {
    font-weight: 700;
  }
  .summary-text {
    white-space: pre-line;
  }
  .authors {
    color: var(--plc-color-text-muted, #4f5967);
  }
  .outcome p,
  .outcome li {
    overflow-wrap: anywhere;
    max-width: 70ch;
  }
  .outcome ul {
    margin-block: 0;
    padding-inline-start: 1.25rem;
  }
  .empty-hint {
    margin-block-start: var(--plc-space, 0.5rem);
  }
  @media print {
    :host {
      --plc-color-text: #000;
      --plc-color-text-muted: #333;
      --plc-color-bg: #fff;
      --plc-color-surface: #f2f2f2;
      --plc-color-border: #999;
      --plc-color-accent: #000;
      font-family: Georgia, 'Times New Roman', serif;
      font-size: 11pt;
      line-height: 1.45;
      color: #000;
      background: #fff;
    }
    .toolbar,
    [role='status'] {
      display: none !important;
    }
    :is(h2, h3, h4, h5, h6) {
      font-family: var(--plc-font-family, system-ui, sans-serif);
      break-after: avoid;
    }
    .title-page {
      break-after: page;
      border: none;
      padding-block-start: 30vh;
    }
    .title-page :is(h2, h3, h4, h5, h6) {
      font-size: 26pt;
    }
    .contents {
      break-after: page;
    }
    .theme {
      break-before: page;
      margin-block-start: 0;
    }
    .outcome {
      break-inside: avoid;
      max-width: none;
    }
    a {
      color: inherit;
      text-decoration: none;
    }
    a[href^='http']::after {
      content: ' (' attr(href) ')';
      font-size: 0.9em;
      overflow-wrap: anywhere;
    }
  }
  .option {
    display: inline-flex;
    gap: calc(var(--plc-space, 0.5rem) / 2);
    align-items: center;
    min-height: var(--plc-target-size, 44px);
  }
  .finding {
    font-weight: 600;
  }
  plc-vle-post {
    margin-block-start: calc(var(--plc-space, 0.5rem) * 4);
  }
  @media print {
    .option,
    plc-vle-post {
      display: none;
    }
  }
`;
