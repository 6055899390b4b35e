import { css } from 'lit';

/** Styles of <plc-coaching-pairs>: the pairs, their slots, the log and the two forms. */
export const coachingPairsStyles = css`
  ul.pairs,
  ol.log {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--plc-space, 0.5rem);
  }
  ul.pairs > li,
  ol.log > li {
    border: 1px solid var(--plc-color-border, #c8c8d0);
    border-radius: var(--plc-radius, 6px);
    padding: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 1.5);
    background: var(--plc-color-surface-raised, #fff);
  }
  form {
    display: grid;
    gap: var(--plc-space, 0.5rem);
    max-width: 36rem;
    margin-block: calc(var(--plc-space, 0.5rem) * 2);
  }
  .row {
    display: grid;
    gap: calc(var(--plc-space, 0.5rem) / 2);
  }
  .pair-name {
    font-weight: 600;
    margin: 0;
  }
  .slots {
    margin: calc(var(--plc-space, 0.5rem) / 2) 0 0;
    padding-inline-start: 1.25rem;
  }
`;
