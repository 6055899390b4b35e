import { css } from 'lit';

/** Styles of <plc-vle-post>: the panel, the two code boxes and their copy buttons, the stop confirmation. */
export const vlePostStyles = css`
  :host {
    display: block;
    border: 1px solid var(--plc-color-border, #c8c8d0);
    border-radius: var(--plc-radius, 6px);
    padding: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 1.5);
    background: var(--plc-color-surface-raised, #fff);
  }
  .code {
    display: grid;
    gap: calc(var(--plc-space, 0.5rem) / 2);
    margin-block: var(--plc-space, 0.5rem);
  }
  textarea {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.875em;
    min-height: 6rem;
    width: 100%;
    box-sizing: border-box;
  }
  .tools {
    display: flex;
    flex-wrap: wrap;
    gap: var(--plc-space, 0.5rem);
    align-items: center;
  }
  .link {
    overflow-wrap: anywhere;
  }
  .confirm {
    margin-block-start: var(--plc-space, 0.5rem);
  }
`;
