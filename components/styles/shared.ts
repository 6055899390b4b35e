import { css } from 'lit';

/**
 * Styles every plc-kit element shares: type, focus rings, buttons, form fields, status badges
 * and a visually hidden utility. Targets are at least 44px for fingers on a classroom tablet;
 * motion is dropped when the person prefers reduced motion.
 */
export const sharedStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    color: var(--plc-color-text, #1b1f24);
    font-family: var(--plc-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--plc-font-size, 1rem);
    line-height: var(--plc-line-height, 1.5);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  h2,
  h3,
  h4 {
    line-height: 1.25;
    margin: 0 0 calc(var(--plc-space, 0.5rem) * 1.5);
  }
  h2 {
    font-size: 1.35rem;
  }
  h3 {
    font-size: 1.15rem;
  }
  h4 {
    font-size: 1rem;
  }
  p {
    margin: 0 0 var(--plc-space, 0.5rem);
  }
  a {
    color: var(--plc-color-accent, #1f5fbf);
  }
  :focus-visible,
  /* Chromium's date and time fields focus a segment inside and never match :focus-visible; like
     any text field they show focus however it came. */
  input:is([type='date'], [type='time'], [type='datetime-local'], [type='month'], [type='week']):focus {
    outline: 3px solid var(--plc-color-focus, #b45309);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0, 0, 0, 0);
    white-space: nowrap;
    border: 0;
  }
  .muted {
    color: var(--plc-color-text-muted, #4f5967);
  }
  button,
  .button {
    font: inherit;
    min-height: var(--plc-target-size, 44px);
    min-width: var(--plc-target-size, 44px);
    padding: calc(var(--plc-space, 0.5rem) * 1) calc(var(--plc-space, 0.5rem) * 2);
    border-radius: var(--plc-radius, 6px);
    border: 1px solid var(--plc-color-border, #c9cfd8);
    background: var(--plc-color-surface-raised, #ffffff);
    color: var(--plc-color-text, #1b1f24);
    cursor: pointer;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--plc-space, 0.5rem);
    text-decoration: none;
  }
  button:hover:not(:disabled) {
    border-color: var(--plc-color-accent, #1f5fbf);
  }
  button.primary,
  .button.primary {
    background: var(--plc-color-accent, #1f5fbf);
    border-color: var(--plc-color-accent, #1f5fbf);
    color: var(--plc-color-accent-text, #ffffff);
    font-weight: 600;
  }
  button.danger {
    color: var(--plc-color-danger, #b42318);
    border-color: var(--plc-color-danger, #b42318);
  }
  button.link {
    border: none;
    background: none;
    color: var(--plc-color-accent, #1f5fbf);
    text-decoration: underline;
    padding-inline: calc(var(--plc-space, 0.5rem) / 2);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  label,
  .label {
    display: block;
    font-weight: 600;
    margin-block-end: calc(var(--plc-space, 0.5rem) / 2);
  }
  .hint {
    display: block;
    font-weight: normal;
    color: var(--plc-color-text-muted, #4f5967);
    font-size: 0.9em;
    margin-block-end: calc(var(--plc-space, 0.5rem) / 2);
  }
  input:not([type='checkbox']):not([type='radio']),
  textarea,
  select {
    font: inherit;
    width: 100%;
    min-height: var(--plc-target-size, 44px);
    padding: var(--plc-space, 0.5rem);
    border: 1px solid var(--plc-color-border, #c9cfd8);
    border-radius: var(--plc-radius, 6px);
    background: var(--plc-color-bg, #ffffff);
    color: var(--plc-color-text, #1b1f24);
  }
  input[type='checkbox'],
  input[type='radio'] {
    width: 1.25rem;
    height: 1.25rem;
    accent-color: var(--plc-color-accent, #1f5fbf);
  }
  textarea {
    min-height: 6rem;
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--plc-color-danger, #b42318) !important;
  }
  .field {
    margin-block-end: calc(var(--plc-space, 0.5rem) * 2);
  }
  .field-error {
    color: var(--plc-color-danger, #b42318);
    font-size: 0.9em;
    margin-block-start: calc(var(--plc-space, 0.5rem) / 2);
  }
  /* A fieldset is as wide as its widest content by default (min-inline-size: min-content): it
     may shrink, so its content wraps at 320 px (WCAG 1.4.10). */
  fieldset {
    min-inline-size: 0;
    border: 1px solid var(--plc-color-border, #c9cfd8);
    border-radius: var(--plc-radius, 6px);
    padding: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 2);
    margin: 0 0 calc(var(--plc-space, 0.5rem) * 2);
  }
  legend {
    font-weight: 600;
    padding: 0 calc(var(--plc-space, 0.5rem) / 2);
  }
  .card {
    background: var(--plc-color-surface-raised, #ffffff);
    border: 1px solid var(--plc-color-border, #c9cfd8);
    border-radius: var(--plc-radius-large, 12px);
    padding: calc(var(--plc-space, 0.5rem) * 2);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--plc-space, 0.5rem);
    align-items: center;
    margin-block: calc(var(--plc-space, 0.5rem) * 2);
  }
  .notice {
    border-radius: var(--plc-radius, 6px);
    padding: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 1.5);
    margin-block: var(--plc-space, 0.5rem);
    border-inline-start: 4px solid var(--plc-color-border, #c9cfd8);
    background: var(--plc-color-surface, #f6f7f9);
  }
  .notice.error {
    border-color: var(--plc-color-danger, #b42318);
    background: var(--plc-color-danger-soft, #fde8e6);
  }
  .notice.warning {
    border-color: var(--plc-color-warning, #8a5a00);
    background: var(--plc-color-warning-soft, #fdf2dc);
  }
  .notice.success {
    border-color: var(--plc-color-success, #1d7a46);
    background: var(--plc-color-success-soft, #e3f4ea);
  }
  .badge {
    display: inline-block;
    font-size: 0.85em;
    font-weight: 600;
    padding: 0.1em 0.6em;
    border-radius: 999px;
    background: var(--plc-color-accent-soft, #e6eefb);
    color: var(--plc-color-text, #1b1f24);
    border: 1px solid var(--plc-color-border, #c9cfd8);
  }
  .empty {
    padding: calc(var(--plc-space, 0.5rem) * 3);
    text-align: center;
    color: var(--plc-color-text-muted, #4f5967);
    border: 1px dashed var(--plc-color-border, #c9cfd8);
    border-radius: var(--plc-radius-large, 12px);
  }
  @media (prefers-reduced-motion: no-preference) {
    button {
      transition: border-color 120ms ease, background-color 120ms ease;
    }
  }
`;
