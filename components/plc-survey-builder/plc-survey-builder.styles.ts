import { css } from 'lit';

/** Styles of <plc-survey-builder>: the survey builder: the question list, option editors, sharing and results. */
export const surveyBuilderStyles = css`
  .driving {
    margin: 0 0 calc(var(--plc-space, 0.5rem) * 2);
    padding: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 2);
    border-inline-start: 4px solid var(--plc-color-accent, #1f5fbf);
    background: var(--plc-color-accent-soft, #e6eefb);
    border-radius: var(--plc-radius, 6px);
  }
  .driving p {
    margin: 0;
  }
  .driving .label {
    font-size: 0.85em;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    margin: 0;
  }
  .driving q {
    font-size: 1.1em;
    font-weight: 600;
    quotes: none;
  }
  ul.surveys,
  ol.questions,
  ul.suggestions,
  ol.options {
    list-style: none;
    padding: 0;
    margin: 0 0 calc(var(--plc-space, 0.5rem) * 2);
  }
  ul.surveys > li,
  ol.questions > li {
    margin-block-end: var(--plc-space, 0.5rem);
  }
  .survey-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 2);
  }
  .survey-row .grow {
    flex: 1 1 14rem;
    min-width: 0;
  }
  .survey-row h4,
  .survey-row .name {
    margin: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .badge.open {
    background: var(--plc-color-success-soft, #e3f4ea);
  }
  .badge.closed {
    background: var(--plc-color-surface, #f6f7f9);
  }
  .question-card legend {
    font-size: 1rem;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0 calc(var(--plc-space, 0.5rem) * 2);
  }
  .row .grow {
    flex: 1 1 20rem;
    min-width: 0;
  }
  .row .type {
    flex: 0 1 15rem;
    min-width: min(100%, 12rem);
  }
  h5,
  h6 {
    font-size: 1rem;
    margin: 0 0 var(--plc-space, 0.5rem);
  }
  ol.options li {
    display: flex;
    gap: var(--plc-space, 0.5rem);
    align-items: flex-start;
    margin-block-end: var(--plc-space, 0.5rem);
  }
  ol.options li .field {
    flex: 1 1 auto;
    min-width: 0;
    margin: 0;
  }
  textarea.question-text {
    min-height: 3.5rem;
  }
  .options-editor {
    margin-block-end: var(--plc-space, 0.5rem);
  }
  .tools {
    display: flex;
    flex-wrap: wrap;
    gap: var(--plc-space, 0.5rem);
  }
  .suggestions li {
    display: flex;
    flex-wrap: wrap;
    gap: var(--plc-space, 0.5rem);
    align-items: center;
    justify-content: space-between;
    padding-block: calc(var(--plc-space, 0.5rem) / 2);
    border-block-end: 1px solid var(--plc-color-border, #c9cfd8);
  }
  .suggestions li span {
    flex: 1 1 14rem;
    min-width: 0;
  }
  .share dl {
    margin: 0;
  }
  .share dt {
    font-weight: 600;
    margin-block-start: var(--plc-space, 0.5rem);
  }
  .share dd {
    margin: 0;
  }
  .code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 1.35rem;
    letter-spacing: 0.04em;
    overflow-wrap: anywhere;
  }
  .copy-row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--plc-space, 0.5rem);
    align-items: flex-start;
  }
  .copy-row input,
  .copy-row textarea {
    flex: 1 1 16rem;
    min-width: 0;
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9rem;
  }
  .copy-row textarea {
    min-height: 4.5rem;
  }
  section + section {
    margin-block-start: calc(var(--plc-space, 0.5rem) * 3);
  }
  .error-summary ul {
    margin: 0;
  }
  .share-grid {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--plc-space, 0.5rem) * 2);
    align-items: flex-start;
  }
  .share-grid dl {
    flex: 1 1 18rem;
    min-width: 0;
  }
  svg.qr {
    width: 10rem;
    height: 10rem;
    flex: none;
  }
  .class-view {
    width: 100vw;
    max-width: 100vw;
    height: 100vh;
    max-height: 100vh;
    margin: 0;
    border: 0;
    padding: calc(var(--plc-space, 0.5rem) * 4);
    background: var(--plc-color-surface, #ffffff);
    color: var(--plc-color-text, #1b1f24);
    text-align: center;
  }
  .class-view h2 {
    font-size: clamp(1.5rem, 3vw, 2.5rem);
  }
  .class-grid {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--plc-space, 0.5rem) * 6);
    justify-content: center;
    align-items: center;
  }
  .class-grid svg.qr {
    width: min(40vh, 80vw);
    height: min(40vh, 80vw);
  }
  .class-label {
    font-size: clamp(1.1rem, 2vw, 1.6rem);
    margin: 0;
  }
  .class-url {
    font-size: clamp(1.4rem, 3vw, 2.4rem);
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .class-code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: clamp(3rem, 9vw, 7rem);
    font-weight: 700;
    letter-spacing: 0.08em;
    margin: 0;
  }
  .class-count {
    font-size: clamp(1.4rem, 3vw, 2.4rem);
    font-weight: 600;
  }
`;
