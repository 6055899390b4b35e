import { css } from 'lit';

/** Styles of <plc-question-editor>: the driving-question editor: its fields, the live quality checklist and the review panel. */
export const questionEditorStyles = css`
  .layout {
    container-type: inline-size;
  }
  /* One column that may shrink below its widest content, so long words (in Spanish) wrap at 320 px. */
  .columns {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--plc-space, 0.5rem) * 2);
  }
  .columns > .field {
    margin-block-end: 0;
  }
  .refine-hint {
    margin-block-start: calc(var(--plc-space, 0.5rem) * 2);
  }
  @container (min-width: 52rem) {
    .columns {
      grid-template-columns: minmax(0, 3fr) minmax(16rem, 2fr);
      align-items: start;
    }
    .columns {
      grid-template-rows: auto 1fr;
    }
    .columns > .checklist {
      grid-column: 2;
      grid-row: 1 / span 2;
      position: sticky;
      top: var(--plc-space, 0.5rem);
    }
  }
  .checklist {
    background: var(--plc-color-surface, #f6f7f9);
    border: 1px solid var(--plc-color-border, #c9cfd8);
    border-radius: var(--plc-radius-large, 12px);
    padding: calc(var(--plc-space, 0.5rem) * 1.5) calc(var(--plc-space, 0.5rem) * 2);
  }
  .checklist ul {
    list-style: none;
    margin: 0 0 var(--plc-space, 0.5rem);
    padding: 0;
    display: grid;
    gap: var(--plc-space, 0.5rem);
  }
  .check {
    display: grid;
    grid-template-columns: 1.75rem minmax(0, 1fr);
    gap: var(--plc-space, 0.5rem);
    align-items: start;
  }
  .check p {
    margin: 0;
  }
  .mark {
    display: inline-grid;
    place-items: center;
    width: 1.5rem;
    height: 1.5rem;
    border-radius: 50%;
    font-weight: 700;
    font-size: 0.9rem;
    border: 2px solid currentColor;
    margin-top: 0.1rem;
  }
  .check.met .mark {
    color: var(--plc-color-success, #1d7a46);
  }
  .check.not-met .mark {
    color: var(--plc-color-warning, #8a5a00);
  }
  .check.unknown .mark {
    color: var(--plc-color-text-muted, #4f5967);
  }
  .score {
    font-weight: 600;
  }
  .question-text {
    font-size: 1.2rem;
    font-weight: 600;
    border-inline-start: 4px solid var(--plc-color-accent, #1f5fbf);
    padding-inline-start: calc(var(--plc-space, 0.5rem) * 1.5);
    margin: 0 0 calc(var(--plc-space, 0.5rem) * 2);
    overflow-wrap: anywhere;
  }
  blockquote {
    margin: calc(var(--plc-space, 0.5rem) / 2) 0 0;
    padding-inline-start: var(--plc-space, 0.5rem);
    border-inline-start: 3px solid var(--plc-color-border, #c9cfd8);
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  .notice p:last-child {
    margin-block-end: 0;
  }
  .notice blockquote + p {
    margin-block-start: var(--plc-space, 0.5rem);
  }
  .status-line {
    min-height: 1.5em;
    margin: 0;
  }
  .review {
    margin-block-start: calc(var(--plc-space, 0.5rem) * 2);
  }
  .evidence-row > select {
    flex: 0 1 14rem;
    min-width: 0;
    max-width: 100%;
  }
`;
