import { css } from 'lit';

/** Styles of <plc-community-board>: the community board: filters, the board by theme, community or stage, and its cards. */
export const communityBoardStyles = css`
  :host {
    container-type: inline-size;
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 calc(var(--plc-space, 0.5rem) * 2);
    margin-block-end: var(--plc-space, 0.5rem);
  }
  .header h2,
  .header h3,
  .header h4,
  .header h5,
  .header h6 {
    margin: 0;
  }
  .header p {
    margin: 0;
  }
  [tabindex='-1']:focus:not([role]) {
    outline: none;
  }
  form {
    margin-block-end: var(--plc-space, 0.5rem);
  }
  .filters {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 11rem), 1fr));
    gap: 0 calc(var(--plc-space, 0.5rem) * 1.5);
  }
  .filters .field {
    min-width: 0;
  }
  .filters .field.check {
    display: flex;
    gap: calc(var(--plc-space, 0.5rem) / 2);
    align-items: center;
    min-height: var(--plc-target-size, 44px);
    align-self: end;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 2);
    margin-block-end: var(--plc-space, 0.5rem);
  }
  .bar fieldset {
    display: flex;
    flex-wrap: wrap;
    gap: 0 calc(var(--plc-space, 0.5rem) * 2);
    margin: 0;
    padding: 0;
    border: none;
  }
  .filters-toggle {
    display: none;
    margin-block-end: var(--plc-space, 0.5rem);
  }
  .n-short {
    display: none;
  }
  @container (max-width: 36rem) {
    .filters-toggle {
      display: inline-flex;
    }
    .filters:not(.open) {
      display: none;
    }
    .n-full {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0, 0, 0, 0);
      white-space: nowrap;
    }
    .n-short {
      display: inline-block;
    }
  }
  .radio {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--plc-space, 0.5rem) / 2);
    min-height: var(--plc-target-size, 44px);
  }
  .radio label {
    margin: 0;
    font-weight: normal;
  }
  .count {
    margin: 0;
    font-weight: 600;
  }
  .viewport {
    position: relative;
    height: var(--plc-board-height, min(70vh, 40rem));
    overflow-y: auto;
    overflow-x: hidden;
    overscroll-behavior: contain;
    border: 1px solid var(--plc-color-border, #c9cfd8);
    border-radius: var(--plc-radius, 6px);
    background: var(--plc-color-bg, #ffffff);
  }
  .spacer {
    position: relative;
    width: 100%;
  }
  .row {
    position: absolute;
    inset-inline: 0;
    overflow: hidden;
    cursor: pointer;
    border-block-end: 1px solid var(--plc-color-border, #c9cfd8);
    padding-inline-end: var(--plc-space, 0.5rem);
  }
  .row:focus-visible {
    outline: 3px solid var(--plc-color-focus, #b45309);
    outline-offset: -3px;
  }
  .viewport:focus-within .row[tabindex='0'] {
    background: var(--plc-color-accent-soft, #e6eefb);
  }
  .row:hover {
    background: var(--plc-color-accent-soft, #e6eefb);
  }
  .group {
    display: flex;
    align-items: center;
    gap: var(--plc-space, 0.5rem);
    background: var(--plc-color-surface, #f6f7f9);
    font-weight: 600;
  }
  .group.level-1 {
    font-size: 1.05em;
  }
  .group.level-3 {
    font-weight: 500;
  }
  .chevron {
    flex: none;
    display: inline-block;
    width: 1em;
    text-align: center;
  }
  .group .name,
  .enquiry .title,
  .enquiry .question,
  .enquiry .meta {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    min-width: 0;
  }
  .group .name {
    flex: 1 1 auto;
  }
  .group .n {
    flex: none;
    font-weight: normal;
    color: var(--plc-color-text-muted, #4f5967);
    font-size: 0.9em;
  }
  .enquiry {
    display: flex;
    flex-direction: column;
    justify-content: center;
    gap: 0.1em;
    padding-block: calc(var(--plc-space, 0.5rem) / 2);
  }
  .enquiry .line {
    display: flex;
    align-items: baseline;
    gap: calc(var(--plc-space, 0.5rem) / 2);
    min-width: 0;
    font-size: 0.875em;
  }
  .enquiry .title {
    font-weight: 700;
    color: var(--plc-color-accent, #1f5fbf);
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  .enquiry .badge {
    flex: none;
    white-space: nowrap;
    font-size: 0.95em;
    padding-block: 0;
  }
  .enquiry .question {
    font-style: italic;
    font-size: 0.95em;
  }
  .enquiry .meta {
    flex: 1 1 auto;
    color: var(--plc-color-text-muted, #4f5967);
  }
  .badge.quiet {
    background: var(--plc-color-warning-soft, #fdf2dc);
  }
  .keys {
    margin-block-start: var(--plc-space, 0.5rem);
    font-size: 0.9em;
  }
  @media (prefers-reduced-motion: no-preference) {
    .viewport {
      scroll-behavior: auto;
    }
  }
  @media (forced-colors: active) {
    .viewport:focus-within .row[tabindex='0'] {
      outline: 2px solid CanvasText;
      outline-offset: -2px;
    }
  }
`;
