import { css } from 'lit';
import { darkTokens, lightTokens, shapeTokens } from '../styles/tokens.js';

/** <plc-provider>'s own styles: the light and dark token sets (`theme`), on the host so every element inside inherits them. */
export const providerStyles = css`
  :host {
    ${lightTokens}
    ${shapeTokens}
    display: block;
    background: var(--plc-color-bg);
    color: var(--plc-color-text);
  }
  :host([theme='dark']) {
    ${darkTokens}
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkTokens}
      color-scheme: dark;
    }
  }
`;
