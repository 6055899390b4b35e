import { css } from 'lit';

/** Styles of <plc-notifications>: the list, each notification, and the email setting. */
export const notificationsStyles = css`
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--plc-space, 0.5rem);
  }
  li {
    display: flex;
    flex-wrap: wrap;
    gap: var(--plc-space, 0.5rem);
    align-items: center;
    justify-content: space-between;
    border: 1px solid var(--plc-color-border, #c8c8d0);
    border-radius: var(--plc-radius, 6px);
    padding: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 1.5);
    background: var(--plc-color-surface-raised, #fff);
  }
  li.unread {
    border-inline-start: 4px solid var(--plc-color-accent, #1f5fbf);
    font-weight: 600;
  }
  .text {
    flex: 1 1 16rem;
    margin: 0;
  }
  .when {
    display: block;
    font-weight: normal;
  }
  .tools {
    display: flex;
    flex-wrap: wrap;
    gap: var(--plc-space, 0.5rem);
    align-items: center;
    margin-block: var(--plc-space, 0.5rem);
  }
  .setting {
    display: flex;
    gap: calc(var(--plc-space, 0.5rem) / 2);
    align-items: center;
    min-height: var(--plc-target-size, 44px);
  }
`;
