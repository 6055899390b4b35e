/**
 * A heading at a level the host chooses (2 to 6), so an element nested in another keeps the
 * page's headings in order.
 * @internal
 */
import { html, nothing, type TemplateResult } from 'lit';

/** Options for {@link heading}. */
export interface HeadingOptions {
  id?: string | undefined;
  className?: string | undefined;
  /** Whether script may move focus to it (tabindex="-1"). */
  focusable?: boolean;
}

/** Clamps a heading level to 2..6. */
export const clampLevel = (level: number): number => Math.min(6, Math.max(2, Math.round(level || 2)));

/** An `<h2>`..`<h6>` with `content`. */
export function heading(level: number, content: unknown, options: HeadingOptions = {}): TemplateResult {
  const id = options.id ?? nothing;
  const cls = options.className ?? nothing;
  const tabindex = options.focusable ? '-1' : nothing;
  switch (clampLevel(level)) {
    case 2:
      return html`<h2 id=${id} class=${cls} tabindex=${tabindex}>${content}</h2>`;
    case 3:
      return html`<h3 id=${id} class=${cls} tabindex=${tabindex}>${content}</h3>`;
    case 4:
      return html`<h4 id=${id} class=${cls} tabindex=${tabindex}>${content}</h4>`;
    case 5:
      return html`<h5 id=${id} class=${cls} tabindex=${tabindex}>${content}</h5>`;
    default:
      return html`<h6 id=${id} class=${cls} tabindex=${tabindex}>${content}</h6>`;
  }
}
