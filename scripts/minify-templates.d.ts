import type { Plugin } from 'rollup';
/** Minifies one piece of CSS template text (see minify-templates.js). */
export function minifyCss(text: string): string;
/** Minifies one piece of HTML or SVG template text (see minify-templates.js). */
export function minifyHtml(text: string): string;
/** Minifies the css``, html``, svg`` and staticHtml`` templates of one module; null when nothing changed. */
export function minifyTemplatesIn(code: string, ast: unknown): string | null;
/** The rollup plugin. */
export function minifyTemplates(): Plugin;
