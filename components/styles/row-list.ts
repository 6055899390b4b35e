import { css } from 'lit';

/**
 * A list of records, one row each with its description and a button to open it (the learning
 * walks to continue, the sharing sessions of a cycle, the outcomes to add): `<ul class="row-list">`.
 */
export const rowListStyles = css`
  .row-list {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    gap: var(--plc-space, 0.5rem);
  }
  .row-list li {
    display: flex;
    flex-wrap: wrap;
    gap: var(--plc-space, 0.5rem);
    align-items: center;
    justify-content: space-between;
    padding: var(--plc-space, 0.5rem) 0;
    border-block-end: 1px solid var(--plc-color-border, #c9cfd8);
  }
  .row-list span {
    overflow-wrap: anywhere;
    min-width: 0;
  }
`;
