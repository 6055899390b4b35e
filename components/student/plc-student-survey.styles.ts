import { css } from 'lit';

/** Styles of the student page: one column, large targets, readable on a 360 px phone. */
export const studentPageStyles = css`
  :host {
    max-width: 44rem;
    margin-inline: auto;
    padding: calc(var(--plc-space, 0.5rem) * 2);
  }
  h1 {
    font-size: 1.5rem;
    line-height: 1.25;
    margin: 0 0 calc(var(--plc-space, 0.5rem) * 2);
  }
  h1[tabindex]:focus {
    outline: none;
  }
  h1[tabindex]:focus-visible {
    outline: 3px solid var(--plc-color-focus, #b45309);
  }
  .code-box input {
    display: block;
    width: 100%;
    max-width: 16rem;
    font-size: 1.75rem;
    letter-spacing: 0.15em;
    text-transform: uppercase;
    font-family: ui-monospace, 'Cascadia Mono', Menlo, Consolas, monospace;
  }
`;
