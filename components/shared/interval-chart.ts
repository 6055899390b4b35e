/**
 * A horizontal bar chart of shares with their 95% intervals as error bars, drawn in SVG: one row
 * per group (label above, bar from 0 to 100%, the interval as a whisker, the share and counts at
 * the end). Groups too small to read are drawn hatched (with {@link intervalChartDefs} rendered
 * once in the same shadow root), without a whisker. The chart is an image
 * with a text summary (`role="img"`, `aria-label`); the numbers are also in a data table next to it.
 * @internal shared by the impact report and the learning walk
 */
import { css, html, nothing, svg, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { Interval } from '../../src/analysis/stats.js';
import { formatNumber, formatPercent } from '../localization.js';
import { wrapLabel } from './wrap-label.js';

/** One bar. */
export interface ChartRow {
  label: string;
  successes: number;
  count: number;
  /** The share in [0, 1], or undefined for an empty group. */
  proportion: number | undefined;
  interval: Interval | undefined;
  tooSmall: boolean;
  /** Hidden so no one can be picked out (leaders' figures): shown as "too few to read", never a count. */
  suppressed?: boolean;
  /** `accent` for the group the finding is about, `muted` for a comparison, `light` for a second one. */
  tone?: 'accent' | 'muted' | 'light';
}

/** "73% (22 of 30)", or "none" for an empty group. */
export function shareText(successes: number, count: number): string {
  if (count === 0) return msg('no records', { id: 'impact.chart.none' });
  return msg(str`${formatPercent(successes / count)} (${formatNumber(successes)} of ${formatNumber(count)})`, { id: 'impact.chart.share' });
}

/** "56% to 86%", or an empty string without an interval. */
export function intervalText(interval: Interval | undefined): string {
  if (!interval) return '';
  return msg(str`${formatPercent(interval.lower)} to ${formatPercent(interval.upper)}`, { id: 'impact.chart.interval' });
}


/** The id of the hatch pattern {@link intervalChartDefs} defines. */
const HATCH = 'plc-ic-hatch';

/**
 * The patterns the charts use, once per shadow root (render it once in the element, before the
 * charts): ids only need to be unique within the root, and CSS can then refer to them.
 */
export const intervalChartDefs = (): TemplateResult =>
  html`<svg class="interval-chart-defs" aria-hidden="true" focusable="false">
    <defs>
      <pattern id=${HATCH} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect class="hatch-bg" width="6" height="6"></rect>
        <line class="hatch-fg" x1="0" y1="0" x2="0" y2="6"></line>
      </pattern>
    </defs>
  </svg>`;

const LINE = 19;
const BAR = 24;
const GAP = 14;
const AXIS = 26;

/**
 * The chart of `rows`, `width` CSS pixels wide, described to assistive technology by `summary`.
 * @example
 * ```ts
 * intervalChart([{ label: 'Members', successes: 14, count: 20, proportion: 0.7, interval, tooSmall: false }], { width: 640, summary });
 * ```
 */
export function intervalChart(rows: readonly ChartRow[], options: { width: number; summary: string }): TemplateResult {
  const width = Math.max(260, Math.min(900, Math.round(options.width)));
  const valueSpace = Math.min(170, Math.round(width * 0.4));
  const barSpace = width - valueSpace - 8;
  const maxChars = Math.max(18, Math.floor(width / 8.4));
  let y = 0;
  const laid = rows.map((row) => {
    const lines = wrapLabel(row.label, maxChars);
    const top = y;
    const barTop = top + lines.length * LINE + 4;
    y = barTop + BAR + GAP;
    return { row, lines, top, barTop };
  });
  const plotBottom = Math.max(y - GAP + 6, 10);
  const height = plotBottom + AXIS;
  const ticks = width >= 420 ? [0, 0.25, 0.5, 0.75, 1] : [0, 0.5, 1];
  return html`<svg
    class="interval-chart"
    part="chart"
    role="img"
    aria-label=${options.summary}
    viewBox=${`0 0 ${width} ${height}`}
    preserveAspectRatio="xMinYMin meet"
  >
    ${ticks.map(
      (t) => svg`<line class="grid" x1=${t * barSpace} x2=${t * barSpace} y1="0" y2=${plotBottom}></line>
        <text class="tick" x=${t * barSpace} y=${plotBottom + 18} text-anchor=${t === 0 ? 'start' : t === 1 ? 'end' : 'middle'}>${formatPercent(t)}</text>`,
    )}
    ${laid.map(({ row, lines, top, barTop }) => {
      const p = row.proportion ?? 0;
      const barWidth = p * barSpace;
      const mid = barTop + BAR / 2;
      const tone = row.tone ?? 'accent';
      const whisker =
        row.interval && !row.tooSmall
          ? svg`<g class="whisker">
              <line class="halo" x1=${row.interval.lower * barSpace} x2=${row.interval.upper * barSpace} y1=${mid} y2=${mid}></line>
              <line class="halo" x1=${row.interval.lower * barSpace} x2=${row.interval.lower * barSpace} y1=${mid - 7} y2=${mid + 7}></line>
              <line class="halo" x1=${row.interval.upper * barSpace} x2=${row.interval.upper * barSpace} y1=${mid - 7} y2=${mid + 7}></line>
              <line class="ink" x1=${row.interval.lower * barSpace} x2=${row.interval.upper * barSpace} y1=${mid} y2=${mid}></line>
              <line class="ink" x1=${row.interval.lower * barSpace} x2=${row.interval.lower * barSpace} y1=${mid - 7} y2=${mid + 7}></line>
              <line class="ink" x1=${row.interval.upper * barSpace} x2=${row.interval.upper * barSpace} y1=${mid - 7} y2=${mid + 7}></line>
            </g>`
          : nothing;
      return svg`<g class=${`row tone-${tone}${row.tooSmall ? ' small' : ''}${row.suppressed ? ' suppressed' : ''}`}>
        <text class="label">${lines.map((line, i) => svg`<tspan x="0" y=${top + 14 + i * LINE}>${line}</tspan>`)}</text>
        <rect class="track" x="0" y=${barTop} width=${barSpace} height=${BAR} rx="3"></rect>
        ${barWidth > 0
          ? svg`<rect class="bar" x="0" y=${barTop} width=${barWidth} height=${BAR} rx="3"></rect>`
          : nothing}
        ${whisker}
        <text class="value" x=${barSpace + 8} y=${barTop + 17}>${row.suppressed ? msg('too few to read', { id: 'impact.too-few' }) : shareText(row.successes, row.count)}</text>
      </g>`;
    })}
  </svg>`;
}

/** Styles for {@link intervalChart}; colours only through the plc tokens. */
export const intervalChartStyles = css`
  svg.interval-chart {
    display: block;
    width: 100%;
    max-width: 56rem;
    height: auto;
    overflow: visible;
    margin-block: var(--plc-space, 0.5rem);
  }
  .interval-chart text {
    fill: var(--plc-color-text, #1b1f24);
    font-family: inherit;
    font-size: 14px;
  }
  .interval-chart .value {
    font-weight: 600;
  }
  .interval-chart .tick {
    fill: var(--plc-color-text-muted, #4f5967);
    font-size: 12px;
  }
  .interval-chart .grid {
    stroke: var(--plc-color-border, #c9cfd8);
    stroke-dasharray: 2 3;
  }
  .interval-chart .track {
    fill: var(--plc-color-surface, #f6f7f9);
    stroke: var(--plc-color-border, #c9cfd8);
  }
  .interval-chart .bar {
    fill: var(--_bar, var(--plc-color-accent, #1f5fbf));
    stroke: var(--_bar, var(--plc-color-accent, #1f5fbf));
  }
  .interval-chart .tone-accent {
    --_bar: var(--plc-color-chart-focus, var(--plc-color-accent, #1f5fbf));
  }
  .interval-chart .tone-muted {
    --_bar: var(--plc-color-chart-comparison, var(--plc-color-text-muted, #4f5967));
  }
  .interval-chart .tone-light {
    --_bar: var(--plc-color-chart-other, var(--plc-color-accent-soft, #e6eefb));
  }
  .interval-chart .tone-light .bar {
    stroke: var(--plc-color-accent, #1f5fbf);
    stroke-width: 1.5;
  }
  .interval-chart-defs {
    position: absolute;
    width: 0;
    height: 0;
    overflow: hidden;
  }
  .interval-chart .small .bar {
    fill: url(#plc-ic-hatch);
    stroke: var(--plc-color-text-muted, #4f5967);
    stroke-dasharray: 4 3;
  }
  .interval-chart-defs .hatch-bg {
    fill: var(--plc-color-surface, #f6f7f9);
  }
  .interval-chart-defs .hatch-fg {
    stroke: var(--plc-color-text-muted, #4f5967);
    stroke-width: 2;
  }
  .interval-chart .whisker line {
    stroke-linecap: round;
  }
  .interval-chart .halo {
    stroke: var(--plc-color-bg, #ffffff);
    stroke-width: 6;
  }
  .interval-chart .ink {
    stroke: var(--plc-color-text, #1b1f24);
    stroke-width: 2.5;
  }
  @media print {
    svg.interval-chart {
      print-color-adjust: exact;
      -webkit-print-color-adjust: exact;
    }
  }
`;
