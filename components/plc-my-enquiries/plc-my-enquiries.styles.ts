import { css } from 'lit';

/** Styles of <plc-my-enquiries>: the list of a person's enquiries and the new-enquiry form. */
export const myEnquiriesStyles = css`
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 2);
    margin-block-end: calc(var(--plc-space, 0.5rem) * 2);
  }
  .header h2 {
    margin: 0;
  }
  .header .cycle {
    margin: 0;
  }
  /* Headings take focus only to move a screen reader's place (tabindex=-1): no ring. */
  [tabindex='-1']:focus {
    outline: none;
  }
  ul.list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--plc-space, 0.5rem) * 1.5);
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr));
  }
  .item {
    display: flex;
    flex-direction: column;
    gap: var(--plc-space, 0.5rem);
    min-width: 0;
  }
  .item h3 {
    margin: 0;
    font-size: 1.1rem;
  }
  .item h3 button {
    display: block;
    width: 100%;
    text-align: start;
    padding: calc(var(--plc-space, 0.5rem) / 2) 0;
    font-weight: 700;
    justify-content: flex-start;
    overflow-wrap: anywhere;
  }
  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--plc-space, 0.5rem) / 2);
    margin: 0;
  }
  .badge.status-paused,
  .badge.review {
    background: var(--plc-color-warning-soft, #fdf2dc);
  }
  .badge.status-withdrawn,
  .badge.status-archived {
    background: var(--plc-color-surface, #f6f7f9);
  }
  dl.facts {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: 0 var(--plc-space, 0.5rem);
    margin: 0;
    font-size: 0.95em;
  }
  dl.facts dt {
    color: var(--plc-color-text-muted, #4f5967);
  }
  dl.facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .question {
    margin: 0;
    font-style: italic;
    overflow-wrap: anywhere;
  }
  .empty p {
    margin-block-end: calc(var(--plc-space, 0.5rem) * 2);
  }
  form {
    margin-block-end: calc(var(--plc-space, 0.5rem) * 3);
    max-width: 42rem;
  }
  .radio {
    display: flex;
    align-items: flex-start;
    gap: var(--plc-space, 0.5rem);
    margin-block: var(--plc-space, 0.5rem);
  }
  .radio label {
    font-weight: normal;
    margin: 0;
  }
  .radio input {
    margin-block-start: 0.15rem;
    flex: none;
  }
  .theme-fixed {
    margin: 0 0 calc(var(--plc-space, 0.5rem) * 2);
  }
`;
