import { css } from 'lit';

/**
 * A list of cards, one per item (a notification, a badge): no bullets, spaced, each card a
 * wrapping row with a border. Apply with the class `cards` on the `ol` or `ul`.
 */
export const cardListStyles = css`
  .cards {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--plc-space, 0.5rem);
  }
  .cards > li {
    display: flex;
    flex-wrap: wrap;
    gap: var(--plc-space, 0.5rem);
    align-items: center;
    border: 1px solid var(--plc-color-border, #c8c8d0);
    border-radius: var(--plc-radius, 6px);
    padding: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 1.5);
    background: var(--plc-color-surface-raised, #fff);
  }
`;
