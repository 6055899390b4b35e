import { css } from 'lit';

/** Styles of <plc-learning-walk>: the learning-walk tally: the two big targets, chips, the running result and lessons list. */
export const learningWalkStyles = css`
  :host {
    min-width: 0;
  }
  h5,
  h6 {
    font-size: 1rem;
  }
  .walk-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 0 var(--plc-space, 0.5rem);
  }
  .walk-head :is(h2, h3, h4, h5, h6) {
    margin-block-end: calc(var(--plc-space, 0.5rem) / 2);
    overflow-wrap: anywhere;
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  [tabindex='-1']:focus-visible {
    outline: 3px solid var(--plc-color-focus, #b45309);
  }
  .walking {
    container-type: inline-size;
  }
  /* One column on a tablet held upright: the result first, then the lesson and its two targets. */
  .layout {
    display: grid;
    gap: calc(var(--plc-space, 0.5rem) * 2);
    grid-template-columns: minmax(0, 1fr);
    grid-template-areas: 'result' 'form' 'lessons';
    align-items: start;
  }
  .area-result {
    grid-area: result;
  }
  .area-form {
    grid-area: form;
  }
  .area-lessons {
    grid-area: lessons;
  }
  @container (min-width: 50rem) {
    .layout {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      grid-template-areas: 'form result' 'form lessons';
    }
  }
  .result {
    min-width: 0;
  }
  .result .big {
    font-size: clamp(1.5rem, 5vw, 2.25rem);
    font-weight: 700;
    line-height: 1.2;
    margin-block-end: var(--plc-space, 0.5rem);
    font-variant-numeric: tabular-nums;
  }
  .tally {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: calc(var(--plc-space, 0.5rem) * 1.5);
    margin-block: calc(var(--plc-space, 0.5rem) * 2);
  }
  .tally button {
    min-height: max(64px, var(--plc-walk-target-size, 6rem));
    font-size: 1.25rem;
    font-weight: 700;
    border-width: 2px;
    flex-direction: column;
    white-space: normal;
    text-align: center;
    touch-action: manipulation;
  }
  .tally .shows {
    background: var(--plc-color-success-soft, #e3f4ea);
    border-color: var(--plc-color-success, #1d7a46);
  }
  .tally .not-seen {
    background: var(--plc-color-surface, #f6f7f9);
    border-color: var(--plc-color-text-muted, #4f5967);
  }
  .tally .mark {
    font-size: 1.75rem;
    line-height: 1;
  }
  .tally button:active:not(:disabled) {
    transform: translateY(1px);
  }
  .walk-actions button {
    min-height: 64px;
    touch-action: manipulation;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--plc-space, 0.5rem) / 2);
    margin-block-start: calc(var(--plc-space, 0.5rem) / 2);
  }
  .chips button {
    min-height: 44px;
    border-radius: 999px;
    padding-inline: calc(var(--plc-space, 0.5rem) * 1.5);
  }
  .chips button[aria-pressed='true'] {
    background: var(--plc-color-accent-soft, #e6eefb);
    border-color: var(--plc-color-accent, #1f5fbf);
    font-weight: 600;
  }
  .pair {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
    gap: 0 calc(var(--plc-space, 0.5rem) * 2);
  }
  textarea {
    min-height: 4.5rem;
  }
  .area-lessons :is(h2, h3, h4, h5, h6) {
    margin-block-start: var(--plc-space, 0.5rem);
  }
  .lessons {
    margin: 0;
    padding-inline-start: 2.5rem;
  }
  .lessons li {
    margin-block: calc(var(--plc-space, 0.5rem) / 2);
    overflow-wrap: anywhere;
  }
  .lessons .note {
    display: block;
  }
  .lessons .no {
    color: var(--plc-color-text-muted, #4f5967);
  }
  .status {
    min-height: 1.5em;
    margin: 0;
  }
  [part='walks'] {
    margin-block-start: calc(var(--plc-space, 0.5rem) * 3);
  }
  .table-wrap {
    margin-block: 0;
  }
  table {
    margin-block: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 2);
  }
  @media (prefers-reduced-motion: reduce) {
    .tally button:active:not(:disabled) {
      transform: none;
    }
  }
`;
