/**
 * The parts of `<plc-learning-walk>` that show a walk: its result so far (in words and as a
 * chart with its interval), the lessons recorded, and the breakdown by year group or subject.
 * @internal
 */
import { foldText } from '../shared/fold.js';
import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { analyseLearningWalk, type WalkBreakdown, type WalkGroup } from '../../src/analysis/learningWalk.js';
import type { LearningWalk } from '../../src/schema/directory.js';
import { formatNumber, formatPercent } from '../localization.js';
import { dataTable } from '../shared/data-table.js';
import { heading } from '../shared/heading.js';
import { intervalChart, intervalChartDefs, intervalText } from '../shared/interval-chart.js';
import { lessonsText, walkIntervalText } from '../shared/sentences.js';

/** The result so far: "22 of 30 lessons (73%)", the likely range in words, and the chart. */
export function walkResult(walk: LearningWalk, level: number, options: { finished: boolean; width: number }): TemplateResult {
  const result = analyseLearningWalk(walk);
  const title = options.finished ? msg('Result', { id: 'walk.result.final' }) : msg('Result so far', { id: 'walk.result.title' });
  return html`${intervalChartDefs()}<section class="result card" part="result" aria-labelledby="walk-result-title">
    ${heading(level, title, { id: 'walk-result-title' })}
    <p class="big">${lessonsText(result)}</p>
    <p>${walkIntervalText(result)}</p>
    ${result.lessonsVisited > 0
      ? intervalChart(
          [
            {
              label: msg('Lessons showing the focus', { id: 'walk.result.chart-label' }),
              successes: result.lessonsShowingFocus,
              count: result.lessonsVisited,
              proportion: result.proportion,
              interval: result.interval,
              tooSmall: result.tooSmall,
            },
          ],
          { width: options.width, summary: `${lessonsText(result)}. ${walkIntervalText(result)}` },
        )
      : nothing}
  </section>`;
}

/** The lessons recorded so far, newest first. */
export function walkLessons(walk: LearningWalk, level: number): TemplateResult {
  return html`<section part="lessons" aria-labelledby="walk-lessons-title">
    ${heading(level, msg('Lessons so far', { id: 'walk.lessons.title' }), { id: 'walk-lessons-title' })}
    <ol class="lessons" reversed>
      ${[...walk.lessons].reverse().map((lesson) => {
        const where = [lesson.yearGroup, lesson.subject].filter(Boolean).join(' · ');
        return html`<li class=${lesson.showsFocus ? 'yes' : 'no'}>
          <strong>${lesson.showsFocus ? msg('Shows the focus', { id: 'walk.tally.shows' }) : msg('Not seen', { id: 'walk.tally.not-seen' })}</strong>${where
            ? html` · ${where}`
            : nothing}${lesson.note ? html` <div class="note muted">${foldText(lesson.note, 'div')}</div>` : nothing}
        </li>`;
      })}
    </ol>
  </section>`;
}

/** A walk's result by year group or by subject, as a table (nothing when none were recorded). */
export function walkBreakdown(walk: LearningWalk, by: WalkBreakdown, caption: string, column: string): TemplateResult | typeof nothing {
  const groups = analyseLearningWalk(walk, { by }).breakdown;
  if (!groups.length || groups.every((g) => g.key === undefined)) return nothing;
  // Focusable, so keyboard users can scroll it when it is wider than a phone.
  return html`<div class="table-wrap" role="region" tabindex="0" aria-label=${caption}>
    ${dataTable({
      caption,
      columns: [
        column,
        msg('Showing the focus', { id: 'walk.col.showing' }),
        msg('Lessons', { id: 'walk.col.lessons' }),
        msg('Share', { id: 'walk.col.share' }),
        msg('Likely range (95%)', { id: 'walk.col.interval' }),
      ],
      rows: groups.map((group: WalkGroup) => ({
        label: group.key ?? msg('Not recorded', { id: 'walk.not-recorded' }),
        cells: [
          formatNumber(group.lessonsShowingFocus),
          formatNumber(group.lessonsVisited),
          group.proportion === undefined ? '–' : formatPercent(group.proportion),
          group.tooSmall ? msg('too few to read', { id: 'walk.too-few' }) : intervalText(group.interval),
        ],
      })),
    })}
  </div>`;
}
