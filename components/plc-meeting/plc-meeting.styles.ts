import { css } from 'lit';

/** Styles of <plc-meeting>: the meeting form: protocols, agenda rows, attendance and the past meetings list. */
export const meetingStyles = css`
  :host {
    container-type: inline-size;
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  .head p {
    margin: 0 0 calc(var(--plc-space, 0.5rem) * 2);
  }
  .layout {
    display: grid;
    gap: calc(var(--plc-space, 0.5rem) * 3);
    grid-template-columns: minmax(0, 1fr);
  }
  @container (min-width: 52rem) {
    .layout {
      grid-template-columns: minmax(0, 1fr) minmax(14rem, 18rem);
    }
  }
  .form-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--plc-space, 0.5rem);
  }
  .protocols {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--plc-space, 0.5rem);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 15rem), 1fr));
  }
  .protocol {
    display: flex;
    gap: var(--plc-space, 0.5rem);
    align-items: flex-start;
    border: 1px solid var(--plc-color-border, #c9cfd8);
    border-radius: var(--plc-radius, 6px);
    padding: var(--plc-space, 0.5rem);
    height: 100%;
  }
  .protocol.chosen {
    border-color: var(--plc-color-accent, #1f5fbf);
    background: var(--plc-color-accent-soft, #e6eefb);
  }
  .protocol input {
    flex: none;
    margin-block-start: 0.2rem;
  }
  .protocol label {
    margin: 0;
  }
  .protocol .hint {
    margin: 0;
  }
  .agenda {
    list-style: none;
    margin: 0 0 var(--plc-space, 0.5rem);
    padding: 0;
    display: grid;
    gap: var(--plc-space, 0.5rem);
  }
  .agenda-row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--plc-space, 0.5rem);
    align-items: flex-start;
    padding-block-end: var(--plc-space, 0.5rem);
    border-block-end: 1px solid var(--plc-color-border, #c9cfd8);
  }
  .agenda-row .title {
    flex: 1 1 14rem;
    min-width: 0;
  }
  .agenda-row .minutes {
    flex: 0 0 5.5rem;
  }
  .agenda-row .label {
    font-weight: normal;
    font-size: 0.9em;
    margin-block-end: 0.15rem;
  }
  .agenda-row .moves {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--plc-space, 0.5rem) / 2);
    align-self: flex-end;
  }
  .total {
    font-weight: 600;
  }
  .people {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0 calc(var(--plc-space, 0.5rem) * 2);
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr));
  }
  .check {
    display: flex;
    align-items: center;
    gap: var(--plc-space, 0.5rem);
    min-height: var(--plc-target-size, 44px);
  }
  .check input {
    flex: none;
  }
  .check label {
    margin: 0;
    font-weight: normal;
    overflow-wrap: anywhere;
  }
  .past ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--plc-space, 0.5rem) / 2);
  }
  .past li {
    border-radius: var(--plc-radius, 6px);
    padding-inline: calc(var(--plc-space, 0.5rem) / 2);
  }
  .past li.current {
    background: var(--plc-color-accent-soft, #e6eefb);
  }
  .past button.link {
    display: block;
    width: 100%;
    padding-inline: 0;
    text-align: start;
  }
  .past .muted {
    font-size: 0.9em;
    margin: 0 0 calc(var(--plc-space, 0.5rem) / 2);
  }
`;
