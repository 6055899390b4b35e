/**
 * Headings at a level the host chooses, so an element keeps the page's outline wherever it is
 * placed: at the top of a page (`heading-level="2"`, the default) or inside a panel under an
 * `<h3>` (`heading-level="4"`). An element's title is at that level and its sections below it.
 * @internal shared by the elements
 */
import { css, nothing, type TemplateResult } from 'lit';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';

const TAGS = [1, 2, 3, 4, 5, 6].map((n) => unsafeStatic(`h${n}`));

/** Options for {@link heading}. */
export interface HeadingOptions {
  id?: string | undefined;
  className?: string | undefined;
  /** Whether script may move focus to it (tabindex="-1"). */
  focusable?: boolean;
}

/** A heading level between 1 and 6 from an attribute value, `offset` levels below it. */
export function headingLevel(value: number | undefined, offset = 0): number {
  const level = Math.round(Number.isFinite(value) ? Number(value) : 2) + offset;
  return Math.min(6, Math.max(1, level));
}

/** Clamps a heading level to 2..6, for elements whose title is never the page's `<h1>`. */
export const clampLevel = (level: number): number => Math.min(6, Math.max(2, Math.round(level || 2)));

/** An `<h1>`..`<h6>` at `level` (kept within 1 to 6). */
function headingAt(level: number, content: unknown, options: HeadingOptions): TemplateResult {
  const tag = TAGS[headingLevel(level) - 1]!;
  const id = options.id ?? nothing;
  const cls = options.className ?? nothing;
  const tabindex = options.focusable ? '-1' : nothing;
  return staticHtml`<${tag} id=${id} class=${cls} tabindex=${tabindex}>${content}</${tag}>`;
}

/** An `<h2>`..`<h6>` with `content` (a level outside 2 to 6 is clamped). */
export function heading(level: number, content: unknown, options: HeadingOptions = {}): TemplateResult {
  return headingAt(clampLevel(level), content, options);
}

/**
 * An `<h1>`..`<h6>` with an id and one of the editors' two looks, `title` or `section` (add
 * {@link headingStyles} to the host's styles) and, if asked, focusable from script.
 */
export function styledHeading(level: number, id: string, content: unknown, look: 'title' | 'section', focusable = false): TemplateResult {
  return headingAt(level, content, { id, className: `heading-${look}`, focusable });
}

/**
 * The looks of {@link styledHeading}, the same at every level, and a title row (`<header>`) for a
 * title with a count or badge beside it; add them to the host's `styles`.
 */
export const headingStyles = css`
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--plc-space, 0.5rem);
    margin-block-end: var(--plc-space, 0.5rem);
  }
  header .heading-title {
    margin: 0;
  }
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
