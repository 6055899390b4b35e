import { css } from 'lit';

/** Styles of <plc-celebrate>: large type for a screen read from across a staff room. */
export const celebrateStyles = css`
  :host {
    display: block;
  }
  .stage {
    display: grid;
    gap: calc(var(--plc-space, 0.5rem) * 2);
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: var(--plc-space, 0.5rem);
  }
  .slide {
    border: 1px solid var(--plc-color-border, #c8c8d0);
    border-radius: var(--plc-radius, 6px);
    padding: calc(var(--plc-space, 0.5rem) * 3);
    background: var(--plc-color-surface-raised, #fff);
  }
  .slide p {
    margin: 0 0 var(--plc-space, 0.5rem);
    overflow-wrap: anywhere;
  }
  .kicker,
  .meta,
  .earned {
    font-size: clamp(1.125rem, 2.5vw, 1.75rem);
  }
  .title {
    font-size: var(--plc-celebrate-size, clamp(1.75rem, 5vw, 3.5rem));
    font-weight: 700;
    line-height: 1.15;
  }
  .members {
    list-style: none;
    margin: calc(var(--plc-space, 0.5rem) * 2) 0 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 3);
    font-size: clamp(1.25rem, 3vw, 2.25rem);
  }
  .members li {
    display: flex;
    align-items: center;
    gap: var(--plc-space, 0.5rem);
  }
  .badge-mark {
    flex: none;
    width: 1.5em;
    height: 1.5em;
    color: var(--plc-color-accent, #1f5fbf);
  }
`;
