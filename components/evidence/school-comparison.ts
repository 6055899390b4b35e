/**
 * What the attendance and exam-results kinds share: the words for a comparison with the rest of
 * the school, figures as percentages and points, and a table that scrolls on its own on a phone.
 */
import { html, type TemplateResult } from 'lit';
import { MIN_GROUP_SIZE } from '../../src/analysis/thresholds.js';
import { formatNumber } from '../localization.js';
import { fill } from '../shared/text.js';

export const comparisonText = {
  points: { en: '{n} points', es: '{n} puntos' },
  students: { en: 'Students', es: 'Alumnos' },
  tooSmall: { en: 'Fewer than {min} students: not shown', es: 'Menos de {min} alumnos: no se muestra' },
  difference: { en: '{difference} against the rest of the school.', es: '{difference} respecto al resto del centro.' },
};

/** "94.6%". */
export const percent = (n: number): string => `${formatNumber(n, { maximumFractionDigits: 1 })}%`;

/** "+3.4 points". */
export const points = (n: number): string => fill(comparisonText.points, { n: formatNumber(n, { signDisplay: 'exceptZero', maximumFractionDigits: 1 }) });

/** "Fewer than 5 students: not shown". */
export const tooSmall = (): string => fill(comparisonText.tooSmall, { min: MIN_GROUP_SIZE });

/** "+2.9 points against the rest of the school." */
export const difference = (n: number): TemplateResult => html`<p>${fill(comparisonText.difference, { difference: points(n) })}</p>`;

/** Wraps `table` in a focusable region named `label` that scrolls sideways (the board styles `.table-scroll`). */
export const wideTable = (label: string, table: TemplateResult): TemplateResult =>
  html`<div class="table-scroll" role="region" tabindex="0" aria-label=${label}>${table}</div>`;
