import { css } from 'lit';

/** Styles of <plc-review-queue>: the questions waiting for review, as cards with their decisions. */
export const reviewQueueStyles = css`
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--plc-space, 0.5rem) * 2);
  }
  .item {
    border: 1px solid var(--plc-color-border, #c8c8d0);
    border-radius: var(--plc-radius, 6px);
    background: var(--plc-color-surface-raised, #fff);
    padding: calc(var(--plc-space, 0.5rem) * 2);
  }
  .item h3 {
    margin: 0 0 calc(var(--plc-space, 0.5rem) / 2);
    font-size: 1.05rem;
  }
  .question {
    font-size: 1.05rem;
    margin-block: var(--plc-space, 0.5rem);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--plc-space, 0.5rem);
    align-items: flex-end;
    margin-block-start: var(--plc-space, 0.5rem);
  }
  label {
    display: grid;
    gap: calc(var(--plc-space, 0.5rem) / 2);
    flex: 1 1 18rem;
  }
  textarea {
    min-height: 4rem;
    font: inherit;
  }
  .link {
    background: none;
    border: none;
    padding: 0;
    color: var(--plc-color-accent, #1f5fbf);
    text-decoration: underline;
    cursor: pointer;
    font: inherit;
  }
`;
