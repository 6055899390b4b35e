import { css } from 'lit';

/** Styles of <plc-observation-list>: the observation list: cards, sharing and folding long notes. */
export const observationListStyles = css`
  ol.observations {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--plc-space, 0.5rem) * 2);
  }
  /*
   * A long list costs layout only for the cards near the screen. A card not yet shown keeps
   * the estimated height (a card is 17 to 23rem at tablet width), then the height it last had,
   * so the page's scroll height stays steady. Its content stays in the page for find-in-page
   * and assistive technology; printing lays out every card.
   */
  ol.observations > li {
    content-visibility: auto;
    /* Only the height is estimated and remembered: a remembered width would keep a card as wide
       as the window was, wider than the page once it narrows (WCAG 1.4.10). */
    contain-intrinsic-size: none auto 18rem;
  }
  @media print {
    ol.observations > li {
      content-visibility: visible;
    }
  }
  article .heading-section {
    margin-block-end: calc(var(--plc-space, 0.5rem) / 2);
    overflow-wrap: anywhere;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0 calc(var(--plc-space, 0.5rem) * 2);
    color: var(--plc-color-text-muted, #4f5967);
    margin-block-end: var(--plc-space, 0.5rem);
  }
  .focus {
    overflow-wrap: anywhere;
  }
  dl {
    margin: 0;
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
    gap: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 2);
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  .card > :last-child {
    margin-block-end: 0;
  }
  .private {
    font-style: italic;
  }
  .shared-with {
    margin-block-start: var(--plc-space, 0.5rem);
    font-size: 0.95em;
  }
  .people {
    max-height: 16rem;
    overflow-y: auto;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 12rem), 1fr));
    gap: 0 var(--plc-space, 0.5rem);
  }
  .person {
    display: flex;
    align-items: center;
    gap: var(--plc-space, 0.5rem);
    min-height: var(--plc-target-size, 44px);
  }
  .person label {
    margin: 0;
    font-weight: normal;
  }
  .share {
    margin-block-start: var(--plc-space, 0.5rem);
  }
  .share > .actions:last-child {
    margin-block-end: 0;
  }
  .share input[type='search'] {
    max-width: 24rem;
  }
  .status-line {
    min-height: 1.5em;
    margin: var(--plc-space, 0.5rem) 0 0;
  }
`;
