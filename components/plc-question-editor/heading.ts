/**
 * Headings at a level the host chooses, so an element keeps the page's outline wherever it is
 * placed: at the top of a page (`heading-level="2"`, the default) or inside a panel under an
 * `<h3>` (`heading-level="4"`). The element's title is at that level and its sections one below.
 * Internal to plc-kit's editors.
 */
import { css, type TemplateResult } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';

const TAGS = [1, 2, 3, 4, 5, 6].map((n) => unsafeStatic(`h${n}`));

/** A heading level between 1 and 6 from an attribute value, `offset` levels below it. */
export function headingLevel(value: number | undefined, offset = 0): number {
  const level = Math.round(Number.isFinite(value) ? Number(value) : 2) + offset;
  return Math.min(6, Math.max(1, level));
}

/** A heading element of `level` with an id, a look (`title` or `section`) and, if asked, focusable from script. */
export function heading(level: number, id: string, content: unknown, look: 'title' | 'section', focusable = false): TemplateResult {
  const tag = TAGS[headingLevel(level) - 1]!;
  return focusable
    ? staticHtml`<${tag} id=${id} class=${`heading-${look}`} tabindex="-1">${content}</${tag}>`
    : staticHtml`<${tag} id=${id} class=${`heading-${look}`}>${content}</${tag}>`;
}

/** The headings look the same at every level; add these to the host's `styles`. */
export const headingStyles = css`
  .heading-title,
  .heading-section {
    line-height: 1.25;
    margin: 0 0 calc(var(--plc-space, 0.5rem) * 1.5);
    font-weight: 700;
  }
  .heading-title {
    font-size: 1.35rem;
  }
  .heading-section {
    font-size: 1.15rem;
  }
`;
