import { css } from 'lit';

/** Styles of <plc-credentials> beside the card list's: each badge's mark, words and download button. */
export const credentialsStyles = css`
  li {
    column-gap: calc(var(--plc-space, 0.5rem) * 1.5);
  }
  .badge-mark {
    flex: none;
    width: 2em;
    height: 2em;
    color: var(--plc-color-accent, #1f5fbf);
  }
  .text {
    flex: 1 1 14rem;
    min-width: 0;
  }
  .text p {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .name {
    font-weight: 600;
  }
  .intro {
    max-width: 60ch;
  }
`;
