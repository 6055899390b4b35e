import { css } from 'lit';

/** Styles of <plc-staff-feedback>: the leader's panel, the participation figure and the results tables. */
export const staffFeedbackStyles = css`
  :host {
    max-width: 56rem;
  }
  section.panel {
    margin-block: var(--plc-space-l, 1.5rem);
  }
  .share {
    display: flex;
    flex-wrap: wrap;
    gap: var(--plc-space, 0.5rem);
    align-items: center;
  }
  .share input {
    flex: 1 1 16rem;
    min-width: 0;
  }
  .participation {
    font-size: 1.25rem;
    font-weight: 600;
  }
  .question {
    margin-block: var(--plc-space, 0.5rem) var(--plc-space-l, 1.5rem);
  }
  table {
    max-width: 100%;
  }
`;
