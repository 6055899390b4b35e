import { css } from 'lit';

/** The roster review's own styles (the shared ones come first). */
export const rosterReviewStyles = css`
  :host {
    display: block;
  }
  fieldset {
    border: 1px solid var(--plc-color-border, #c5cbd3);
    border-radius: var(--plc-radius, 6px);
    margin: 0 0 var(--plc-space-lg, 1rem);
    padding: var(--plc-space, 0.5rem) var(--plc-space-lg, 1rem) var(--plc-space-lg, 1rem);
  }
  legend {
    font-weight: 600;
  }
  .choice {
    display: flex;
    gap: var(--plc-space, 0.5rem);
    align-items: flex-start;
    min-height: 24px;
    padding: 0.25rem 0;
  }
  .files {
    display: grid;
    gap: var(--plc-space, 0.5rem);
    margin-inline-start: 1.75rem;
  }
  .files label,
  .course label {
    display: block;
    font-weight: 500;
  }
  select,
  input[type='file'] {
    font: inherit;
    max-width: 100%;
  }
  section {
    margin: var(--plc-space-lg, 1rem) 0;
  }
  ul.changes {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  ul.changes li {
    border-bottom: 1px solid var(--plc-color-border, #c5cbd3);
    padding: var(--plc-space, 0.5rem) 0;
  }
  ul.changes label {
    display: flex;
    gap: var(--plc-space, 0.5rem);
    align-items: flex-start;
    overflow-wrap: anywhere;
  }
  .detail {
    color: var(--plc-color-text-muted, #4f5967);
    font-size: 0.95em;
  }
  .summary {
    font-weight: 600;
  }
  .problems li {
    color: var(--plc-color-danger, #a3261b);
    overflow-wrap: anywhere;
  }
`;
