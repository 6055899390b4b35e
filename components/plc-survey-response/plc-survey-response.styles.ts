import { css } from 'lit';

/** Styles of <plc-survey-response>: the student survey page: large answer targets for a phone or a classroom PC. */
export const surveyResponseStyles = css`
  :host {
    max-width: 48rem;
  }
  .actions.centred {
    justify-content: center;
  }
  .anonymous {
    font-weight: 600;
  }
  .anonymous {
    display: flex;
    gap: var(--plc-space, 0.5rem);
    align-items: flex-start;
  }
  .anonymous svg {
    flex: none;
    width: 1.25rem;
    height: 1.25rem;
    margin-block-start: 0.1rem;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  fieldset {
    padding-block: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 1.5);
    min-width: 0;
  }
  legend {
    font-size: 1.05rem;
    padding-inline: calc(var(--plc-space, 0.5rem) / 2);
  }
  .number {
    color: var(--plc-color-text-muted, #4f5967);
  }
  .options {
    display: grid;
    gap: var(--plc-space, 0.5rem);
    margin-block-start: var(--plc-space, 0.5rem);
  }
  .options.scale {
    grid-template-columns: repeat(auto-fit, minmax(8.5rem, 1fr));
  }
  .options.choice {
    grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
  }
  label.option {
    display: flex;
    align-items: center;
    gap: var(--plc-space, 0.5rem);
    min-height: 3.25rem;
    margin: 0;
    padding: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 1.5);
    border: 2px solid var(--plc-color-border, #c9cfd8);
    border-radius: var(--plc-radius, 6px);
    background: var(--plc-color-surface-raised, #ffffff);
    font-weight: normal;
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  label.option:hover {
    border-color: var(--plc-color-accent, #1f5fbf);
  }
  label.option:has(input:checked) {
    border-color: var(--plc-color-accent, #1f5fbf);
    background: var(--plc-color-accent-soft, #e6eefb);
    font-weight: 600;
  }
  label.option:has(input:focus-visible) {
    outline: 3px solid var(--plc-color-focus, #b45309);
    outline-offset: 2px;
  }
  label.option input {
    flex: none;
    margin: 0;
  }
  .clear {
    margin-block-start: calc(var(--plc-space, 0.5rem) / 2);
    font-size: 0.9em;
  }
  .comment {
    border: 1px solid var(--plc-color-border, #c9cfd8);
    border-radius: var(--plc-radius, 6px);
    padding: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 2) calc(var(--plc-space, 0.5rem) * 2);
    margin: 0 0 calc(var(--plc-space, 0.5rem) * 2);
  }
  .comment label {
    font-size: 1.05rem;
  }
  .submit {
    width: 100%;
    max-width: 24rem;
    min-height: 3.25rem;
    font-size: 1.05rem;
  }
  .thanks {
    text-align: center;
    padding: calc(var(--plc-space, 0.5rem) * 4) calc(var(--plc-space, 0.5rem) * 2);
  }
  h2[tabindex]:focus {
    outline: none;
  }
  h2[tabindex]:focus-visible {
    outline: 3px solid var(--plc-color-focus, #b45309);
  }
`;
