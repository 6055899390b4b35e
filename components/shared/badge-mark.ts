/**
 * The badge's mark: a rosette drawn in the accent colour, decorative (the badge's name says what
 * it is), so hidden from assistive technology.
 * @internal shared by plc-credentials and plc-celebrate
 */
import { svg } from 'lit';

/** The mark, sized by the font (1.75em square unless the host's CSS says otherwise). */
export const badgeMark = () =>
  svg`<svg class="badge-mark" part="mark" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false">
    <path d="M10 20 L6 30 L11 28 L14 31 L16 22 Z M22 20 L26 30 L21 28 L18 31 L16 22 Z" fill="currentColor" opacity="0.7"></path>
    <circle cx="16" cy="13" r="11" fill="currentColor"></circle>
    <path d="M11 13.5 L14.5 17 L21 10" fill="none" stroke="var(--plc-color-surface-raised, #fff)" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"></path>
  </svg>`;
