import { css } from 'lit';

/**
 * Design tokens. `<plc-provider>` sets these `--plc-*` custom properties (light by default, dark
 * with `theme="dark"` or, with `theme="auto"`, when the device prefers it); every element reads
 * them with the same light values as fallbacks, so an element also works without a provider. A
 * host page themes plc-kit by setting any of them on an ancestor.
 */
export const lightTokens = css`
  --plc-color-bg: #ffffff;
  --plc-color-surface: #f6f7f9;
  --plc-color-surface-raised: #ffffff;
  --plc-color-text: #1b1f24;
  --plc-color-text-muted: #4f5967;
  --plc-color-border: #c9cfd8;
  --plc-color-accent: #1f5fbf;
  --plc-color-accent-text: #ffffff;
  --plc-color-accent-soft: #e6eefb;
  --plc-color-focus: #b45309;
  --plc-color-success: #1d7a46;
  --plc-color-success-soft: #e3f4ea;
  --plc-color-warning: #8a5a00;
  --plc-color-warning-soft: #fdf2dc;
  --plc-color-danger: #b42318;
  --plc-color-danger-soft: #fde8e6;
`;

export const darkTokens = css`
  --plc-color-bg: #12151a;
  --plc-color-surface: #1b2028;
  --plc-color-surface-raised: #232a34;
  --plc-color-text: #eef1f5;
  --plc-color-text-muted: #b3bcc9;
  --plc-color-border: #4a5565;
  --plc-color-accent: #8cb8ff;
  --plc-color-accent-text: #0b1a33;
  --plc-color-accent-soft: #1e3050;
  --plc-color-focus: #fbbf24;
  --plc-color-success: #6fd69b;
  --plc-color-success-soft: #17352a;
  --plc-color-warning: #f5c66b;
  --plc-color-warning-soft: #3a2e12;
  --plc-color-danger: #ff9b91;
  --plc-color-danger-soft: #40201d;
`;

export const shapeTokens = css`
  --plc-font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  --plc-font-size: 1rem;
  --plc-line-height: 1.5;
  --plc-space: 0.5rem;
  --plc-radius: 6px;
  --plc-radius-large: 12px;
  --plc-target-size: 44px;
`;
