import { css } from 'lit';

/** Styles of <plc-notifications> beside the card list's: each notification, and the email setting. */
export const notificationsStyles = css`
  li {
    justify-content: space-between;
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
