import { css } from 'lit';

/** Styles of <plc-outcome-editor>: the reflection and outcome editor. */
export const outcomeEditorStyles = css`
  section.part {
    margin-block-start: calc(var(--plc-space, 0.5rem) * 3);
  }
  .audiences label {
    display: flex;
    align-items: center;
    gap: var(--plc-space, 0.5rem);
    font-weight: normal;
    min-height: var(--plc-target-size, 44px);
    margin: 0;
  }
  .published .heading-section {
    margin: 0;
  }
  .published .heading-section:focus {
    outline: none;
  }
  .published .heading-section:focus-visible {
    outline: 3px solid var(--plc-color-focus, #b45309);
  }
  .chips {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--plc-space, 0.5rem) / 2);
  }
  .published p {
    margin: var(--plc-space, 0.5rem) 0 calc(var(--plc-space, 0.5rem) / 2);
  }
  .status-line {
    min-height: 1.5em;
    margin: var(--plc-space, 0.5rem) 0 0;
  }
`;
