import { css } from 'lit';

/** Styles of <plc-sync-status>: the sync status line and its badge. */
export const syncStatusStyles = css`
  :host {
    display: block;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--plc-space, 0.5rem);
  }
  .status {
    display: inline-flex;
    align-items: flex-start;
    gap: var(--plc-space, 0.5rem);
    margin: 0;
    overflow-wrap: anywhere;
  }
  .dot {
    flex: none;
    width: 0.7em;
    height: 0.7em;
    border-radius: 50%;
    margin-top: 0.4em;
    background: var(--plc-color-text-muted, #4f5967);
  }
  .synced .dot {
    background: var(--plc-color-success, #1d7a46);
  }
  .offline .dot {
    background: var(--plc-color-warning, #8a5a00);
  }
  .error .dot {
    background: var(--plc-color-danger, #b42318);
  }
  .error {
    color: var(--plc-color-danger, #b42318);
  }
  .saved-locally {
    color: var(--plc-color-text-muted, #4f5967);
  }
`;
