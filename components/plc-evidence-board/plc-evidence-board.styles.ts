import { css } from 'lit';

/** Styles of <plc-evidence-board>: the evidence board: requirements, add forms, groups of item cards, and print rules. */
export const evidenceBoardStyles = css`
  .requirements {
    list-style: none;
    padding: 0;
    margin: 0 0 calc(var(--plc-space, 0.5rem) * 2);
    display: grid;
    gap: var(--plc-space, 0.5rem);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 17rem), 1fr));
  }
  .requirements li {
    margin: 0;
  }
  .requirements .notice {
    height: 100%;
    margin: 0;
  }
  .met::before {
    content: '✓ ';
    font-weight: 700;
  }
  .unmet::before {
    content: '! ';
    font-weight: 700;
  }
  progress {
    display: block;
    width: 100%;
    height: 0.75rem;
    margin-block-start: calc(var(--plc-space, 0.5rem) / 2);
    accent-color: var(--plc-color-success, #1d7a46);
  }
  .kinds {
    display: flex;
    flex-wrap: wrap;
    gap: var(--plc-space, 0.5rem);
    margin-block: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 2);
  }
  .kinds button[aria-pressed='true'] {
    background: var(--plc-color-accent-soft, #e6eefb);
    border-color: var(--plc-color-accent, #1f5fbf);
    font-weight: 600;
  }
  .row {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
    gap: 0 calc(var(--plc-space, 0.5rem) * 2);
  }
  .group {
    margin-block-start: calc(var(--plc-space, 0.5rem) * 3);
  }
  .items {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--plc-space, 0.5rem) * 1.5);
  }
  /*
   * Only the items near the screen are laid out: one not yet shown keeps an estimated height
   * (items are 10 to 36rem), then the height it last had. Its content stays in the page for
   * find-in-page and assistive technology; printing lays out every item.
   */
  .items > li {
    content-visibility: auto;
    /* Only the height is estimated and remembered: a remembered width would keep a card as wide
       as the window was, wider than the page once it narrows (WCAG 1.4.10). */
    contain-intrinsic-size: none auto 12rem;
  }
  .item-head {
    display: flex;
    flex-wrap: wrap;
    gap: var(--plc-space, 0.5rem);
    align-items: baseline;
    justify-content: space-between;
  }
  h5,
  h6 {
    font-size: 1rem;
  }
  .item-head h4,
  .item-head h5,
  .item-head h6 {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .board-title:focus,
  .item-head :focus {
    outline: none;
  }
  .board-title:focus-visible,
  .item-head :focus-visible {
    outline: 3px solid var(--plc-color-focus, #b45309);
  }
  .big {
    font-size: 1.35rem;
    font-weight: 700;
  }
  .kv {
    display: grid;
    grid-template-columns: minmax(6rem, max-content) 1fr;
    gap: calc(var(--plc-space, 0.5rem) / 2) calc(var(--plc-space, 0.5rem) * 2);
    margin: 0;
  }
  .kv dt {
    font-weight: 600;
  }
  .kv dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  table {
    border-collapse: collapse;
    margin-block: var(--plc-space, 0.5rem);
  }
  /* A wide table (exam results: a column per cohort) scrolls on its own, not the page. */
  .table-scroll {
    overflow-x: auto;
    max-inline-size: 100%;
  }
  /* The card's own surface, drawn by the table too (the same colour the card shows under it): a
     table in a sideways-scrolling region is then on that colour wherever the region sits. At
     320 px axe measured the dark theme's cells against the page's white, not the card. */
  .table-scroll table {
    background: var(--plc-color-surface-raised, #ffffff);
  }
  .table-scroll:focus-visible {
    outline: 3px solid var(--plc-color-focus, #b45309);
    outline-offset: 2px;
  }
  caption {
    text-align: start;
    font-weight: 600;
  }
  th,
  td {
    border: 1px solid var(--plc-color-border, #c9cfd8);
    padding: calc(var(--plc-space, 0.5rem) / 2) var(--plc-space, 0.5rem);
    text-align: start;
  }
  td {
    font-variant-numeric: tabular-nums;
  }
  .artefact-link {
    overflow-wrap: anywhere;
    font-weight: 600;
  }
  .confirm {
    margin-block-start: var(--plc-space, 0.5rem);
  }
  .builder {
    margin-block: calc(var(--plc-space, 0.5rem) * 2);
  }
  @media print {
    .items > li {
      content-visibility: visible;
    }
    [part='add'],
    .actions,
    [role='status'] {
      display: none;
    }
  }
`;
