import { css } from 'lit';

/** The enquiry view's own styles: header, stepper (a sidebar when there is room), panel and history. */
export const enquiryStyles = css`
  :host {
    container: plc-enquiry / inline-size;
  }
  /* Headings take focus only to move a screen reader's place (tabindex=-1): no ring. */
  [tabindex='-1']:focus {
    outline: none;
  }
  .header {
    margin-block-end: calc(var(--plc-space, 0.5rem) * 2);
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    column-gap: calc(var(--plc-space, 0.5rem) * 2);
  }
  .header-main {
    min-width: 0;
  }
  @container plc-enquiry (min-width: 40rem) {
    .header {
      grid-template-columns: minmax(0, 1fr) auto;
    }
    .header .manage-wrap {
      align-self: start;
      margin-block-start: calc(var(--plc-space, 0.5rem) * 2.5);
    }
    .header .manage {
      justify-content: flex-end;
      margin-block: 0;
    }
    .header .confirm {
      grid-column: 1 / -1;
    }
  }
  .header h2 {
    font-size: 1.75rem;
    margin-block-end: var(--plc-space, 0.5rem);
    overflow-wrap: anywhere;
  }
  .eyebrow {
    margin: 0;
    font-size: 0.9em;
  }
  dl.facts {
    display: flex;
    flex-wrap: wrap;
    gap: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 3);
    margin: 0;
  }
  dl.facts div {
    min-width: 0;
  }
  dl.facts dt {
    font-size: 0.85em;
    color: var(--plc-color-text-muted, #4f5967);
  }
  dl.facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .manage {
    margin-block-end: 0;
  }
  .badge.status-paused,
  .badge.status-withdrawn {
    background: var(--plc-color-warning-soft, #fdf2dc);
  }
  .badge.status-archived {
    background: var(--plc-color-surface, #f6f7f9);
  }

  .layout {
    display: grid;
    gap: calc(var(--plc-space, 0.5rem) * 2);
    align-items: start;
  }
  .main {
    min-width: 0;
  }
  @container plc-enquiry (min-width: 56rem) {
    .layout {
      grid-template-columns: 15rem minmax(0, 1fr);
    }
    .stepper-nav {
      position: sticky;
      top: var(--plc-space, 0.5rem);
    }
  }

  /* The stepper: a vertical list of stages with a connecting line. */
  .stepper {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0;
  }
  .step {
    position: relative;
    display: grid;
    grid-template-columns: 2rem minmax(0, 1fr);
    gap: var(--plc-space, 0.5rem);
    padding-block-end: calc(var(--plc-space, 0.5rem) * 1.5);
  }
  .step:not(:last-child)::before {
    content: '';
    position: absolute;
    inset-inline-start: calc(1rem - 1px);
    top: 2rem;
    bottom: 0;
    border-inline-start: 2px solid var(--plc-color-border, #c9cfd8);
  }
  .step.done:not(:last-child)::before {
    border-color: var(--plc-color-success, #1d7a46);
  }
  .marker {
    width: 2rem;
    height: 2rem;
    border-radius: 50%;
    display: grid;
    place-items: center;
    font-weight: 700;
    font-size: 0.9rem;
    border: 2px solid var(--plc-color-border, #c9cfd8);
    background: var(--plc-color-bg, #ffffff);
    color: var(--plc-color-text-muted, #4f5967);
  }
  .step.done .marker {
    background: var(--plc-color-success, #1d7a46);
    border-color: var(--plc-color-success, #1d7a46);
    color: var(--plc-color-bg, #ffffff);
  }
  .step.current .marker {
    background: var(--plc-color-accent, #1f5fbf);
    border-color: var(--plc-color-accent, #1f5fbf);
    color: var(--plc-color-accent-text, #ffffff);
  }
  .step.locked .marker {
    border-style: dashed;
    border-color: var(--plc-color-warning, #8a5a00);
  }
  .step-body {
    display: flex;
    flex-direction: column;
    min-width: 0;
    padding-block-start: 0.2rem;
  }
  .step-name {
    font-weight: 600;
    line-height: 1.3;
  }
  button.step-name {
    min-height: 0;
    min-width: 0;
    padding: 0.1rem 0;
    justify-content: flex-start;
    text-align: start;
    /* Keeps a 44px target without growing the row: the hit area extends past the text. */
    position: relative;
  }
  button.step-name::after {
    content: '';
    position: absolute;
    inset: -0.6rem -0.4rem;
  }
  .step.shown .step-name {
    text-decoration: none;
  }
  .step.current .step-name {
    color: var(--plc-color-accent, #1f5fbf);
  }
  .step-state {
    font-size: 0.85em;
    color: var(--plc-color-text-muted, #4f5967);
  }
  .step-reason {
    font-size: 0.85em;
    margin-block-start: 0.15rem;
    overflow-wrap: anywhere;
  }
  .step-reason.locked {
    color: var(--plc-color-warning, #8a5a00);
  }
  .step-reason.ready,
  .next-note.ready {
    color: var(--plc-color-success, #1d7a46);
  }
  .next-note {
    display: none;
    margin: var(--plc-space, 0.5rem) 0 0;
    font-size: 0.9em;
  }
  .next-note.locked {
    color: var(--plc-color-warning, #8a5a00);
  }

  /* On a tablet the stepper lies flat above the panel; the next stage's note goes under it. */
  @container plc-enquiry (min-width: 30rem) and (max-width: 55.99rem) {
    .stepper {
      grid-auto-flow: column;
      grid-auto-columns: minmax(0, 1fr);
    }
    .step {
      grid-template-columns: minmax(0, 1fr);
      justify-items: center;
      text-align: center;
      padding: var(--plc-space, 0.5rem) 0.25rem;
      gap: 0.25rem;
    }
    .step:not(:last-child)::before {
      inset-inline-start: calc(50% + 1.25rem);
      inset-inline-end: calc(-50% + 1.25rem);
      top: calc(var(--plc-space, 0.5rem) + 1rem - 1px);
      bottom: auto;
      border-inline-start: none;
      border-block-start: 2px solid var(--plc-color-border, #c9cfd8);
    }
    .step.done:not(:last-child)::before {
      border-color: var(--plc-color-success, #1d7a46);
    }
    .step-body {
      align-items: center;
      padding: 0;
    }
    button.step-name {
      justify-content: center;
      text-align: center;
    }
    .step-reason {
      position: absolute !important;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0, 0, 0, 0);
      white-space: nowrap;
    }
    .next-note {
      display: block;
    }
  }
  .step.shown {
    background: var(--plc-color-accent-soft, #e6eefb);
    border-radius: var(--plc-radius, 6px);
  }

  .panel {
    background: var(--plc-color-surface, #f6f7f9);
    border: 1px solid var(--plc-color-border, #c9cfd8);
    border-radius: var(--plc-radius-large, 12px);
    padding: calc(var(--plc-space, 0.5rem) * 2);
    min-width: 0;
  }
  @container plc-enquiry (max-width: 30rem) {
    .panel {
      padding: var(--plc-space, 0.5rem);
    }
  }
  .panel-head .position {
    margin: 0;
    font-size: 0.85em;
  }
  .panel-head h3 {
    font-size: 1.5rem;
    margin-block-end: var(--plc-space, 0.5rem);
  }
  .guidance {
    margin-block-end: 0;
  }
  .stage-content {
    margin-block-start: calc(var(--plc-space, 0.5rem) * 2);
    display: grid;
    gap: calc(var(--plc-space, 0.5rem) * 2);
    min-width: 0;
  }
  .stage-content > * {
    min-width: 0;
  }
  .why {
    font-size: 0.9em;
    color: var(--plc-color-warning, #8a5a00);
    margin-block: calc(var(--plc-space, 0.5rem) * -1) calc(var(--plc-space, 0.5rem) * 2);
  }
  button[aria-disabled='true'],
  button.primary[aria-disabled='true'] {
    cursor: not-allowed;
    background: var(--plc-color-surface, #f6f7f9);
    color: var(--plc-color-text-muted, #4f5967);
    border: 1px dashed var(--plc-color-border, #c9cfd8);
    font-weight: normal;
  }
  .confirm {
    margin-block: calc(var(--plc-space, 0.5rem) * 2);
    border-color: var(--plc-color-warning, #8a5a00);
  }
  .confirm h3 {
    font-size: 1.05rem;
  }
  details.more {
    border: 1px solid var(--plc-color-border, #c9cfd8);
    border-radius: var(--plc-radius, 6px);
    background: var(--plc-color-surface-raised, #ffffff);
    padding: 0 calc(var(--plc-space, 0.5rem) * 1.5);
  }
  details.more summary {
    min-height: var(--plc-target-size, 44px);
    display: flex;
    align-items: center;
    gap: var(--plc-space, 0.5rem);
    cursor: pointer;
    font-weight: 600;
  }
  details.more summary::before {
    content: '+';
    display: inline-grid;
    place-items: center;
    width: 1.25rem;
    height: 1.25rem;
    border: 1px solid var(--plc-color-border, #c9cfd8);
    border-radius: 50%;
    line-height: 1;
  }
  details.more[open] summary::before {
    content: '−';
  }
  details.more[open] {
    padding-block-end: calc(var(--plc-space, 0.5rem) * 1.5);
  }
  .radio {
    display: flex;
    align-items: flex-start;
    gap: var(--plc-space, 0.5rem);
    margin-block: var(--plc-space, 0.5rem);
  }
  .radio label {
    font-weight: 600;
    margin: 0;
  }
  .radio input {
    margin-block-start: 0.15rem;
    flex: none;
  }

  .history {
    margin-block-start: calc(var(--plc-space, 0.5rem) * 4);
  }
  .timeline {
    list-style: none;
    margin: 0;
    padding: 0;
    border-inline-start: 2px solid var(--plc-color-border, #c9cfd8);
  }
  .timeline li {
    position: relative;
    padding: 0 0 calc(var(--plc-space, 0.5rem) * 1.5) calc(var(--plc-space, 0.5rem) * 2);
  }
  .timeline li::before {
    content: '';
    position: absolute;
    inset-inline-start: calc(-0.35rem - 1px);
    top: 0.45rem;
    width: 0.7rem;
    height: 0.7rem;
    border-radius: 50%;
    background: var(--plc-color-accent, #1f5fbf);
  }
  .timeline li.refused::before {
    background: var(--plc-color-danger, #b42318);
  }
  .timeline p {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .timeline .note {
    font-style: italic;
  }
  .timeline .why {
    color: var(--plc-color-danger, #b42318);
  }
  .timeline .when {
    font-size: 0.85em;
  }
  .refused-badge {
    background: var(--plc-color-danger-soft, #fde8e6);
    border-color: var(--plc-color-danger, #b42318);
  }
`;
