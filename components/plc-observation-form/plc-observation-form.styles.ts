import { css } from 'lit';

/** Styles of <plc-observation-form>: the observation form: its fields, the observed colleague and the privacy note. */
export const observationFormStyles = css`
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
    gap: 0 calc(var(--plc-space, 0.5rem) * 2);
  }
  /* Label, control and error share rows across the columns, so the controls line up even
     when one label wraps. */
  .grid > .field {
    display: grid;
    grid-row: span 3;
    grid-template-rows: subgrid;
    align-content: start;
  }
  .grid > .field > label {
    align-self: end;
  }
  .privacy {
    border-inline-start-color: var(--plc-color-accent, #1f5fbf);
    background: var(--plc-color-accent-soft, #e6eefb);
  }
  .observer {
    margin-block-end: calc(var(--plc-space, 0.5rem) * 2);
  }
  .error-summary {
    margin-block-end: calc(var(--plc-space, 0.5rem) * 2);
  }
  .error-summary ul {
    margin: var(--plc-space, 0.5rem) 0 0;
    padding-inline-start: 1.25rem;
  }
  .error-summary .heading-section {
    margin: 0;
    font-size: 1rem;
  }
  .error-summary button.link {
    min-height: 0;
    padding: 0;
    color: var(--plc-color-danger, #b42318);
  }
  .status-line {
    min-height: 1.5em;
    margin: 0;
  }
  textarea.focus {
    min-height: 0;
  }
  .required {
    font-weight: normal;
    color: var(--plc-color-text-muted, #4f5967);
  }
`;
