import { css } from 'lit';

/**
 * What the enquiry editors share: the "Unsaved changes" badge and the read-only record of what
 * was written (labels over the text, line breaks kept, lists indented).
 */
export const editorStyles = css`
  .unsaved {
    background: var(--plc-color-warning-soft, #fdf2dc);
    border-color: var(--plc-color-warning, #8a5a00);
  }
  dl {
    margin: 0;
  }
  dt {
    font-weight: 600;
    margin-block-start: calc(var(--plc-space, 0.5rem) * 1.5);
  }
  dd {
    margin: calc(var(--plc-space, 0.5rem) / 2) 0 0;
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  dd ul {
    margin: 0;
    padding-inline-start: 1.25rem;
    white-space: normal;
  }
`;
