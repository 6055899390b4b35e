/**
 * The parts of `<plc-survey-results>` that help a teacher act: comments grouped by theme, the
 * change since an earlier survey with its interval, and points for talking the results through
 * with the class. They draw what `src/analysis/surveyCompare.ts` computes.
 * @internal
 */
import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import type { DiscussionPoints, SurveyComparison } from '../../src/analysis/surveyCompare.js';
import { groupComments } from '../../src/analysis/surveyCompare.js';
import { formatNumber } from '../localization.js';
import { heading } from '../shared/heading.js';

const points = (value: number) => `${value > 0 ? '+' : value < 0 ? '−' : '±'}${formatNumber(Math.round(Math.abs(value)))}`;
const percent = (successes: number, count: number) => formatNumber(Math.round((100 * successes) / Math.max(1, count)));

/** Comments theme by theme (a shared word), the rest last. */
export function renderCommentGroups(comments: readonly string[]) {
  const groups = groupComments(comments);
  return html`<div class="comment-groups" part="comments">
    ${groups.map(
      (group) => html`<p class="group-label">
          ${group.word === undefined
            ? msg(str`Other comments (${formatNumber(group.comments.length)})`, { id: 'survey.results.group-other' })
            : msg(str`Mentioning “${group.word}” (${formatNumber(group.comments.length)})`, { id: 'survey.results.group-word' })}
        </p>
        <ul class="comments">
          ${group.comments.map((comment) => html`<li>${comment}</li>`)}
        </ul>`,
    )}
  </div>`;
}

/** The change since an earlier survey, question by question, with the interval and what it means. */
export function renderComparison(comparison: SurveyComparison, beforeTitle: string, level: number, optionName: (questionId: string, index: number) => string) {
  return html`<section class="comparison" part="comparison">
    ${heading(level, html`${msg(str`Change since “${beforeTitle}”`, { id: 'survey.results.change-title' })}`)}
    ${comparison.questions.length === 0
      ? html`<p class="muted">${msg('No question of both surveys can be compared yet (the same wording, and enough answers in both).', { id: 'survey.results.change-none' })}</p>`
      : html`<ul class="changes">
          ${comparison.questions.flatMap((q) =>
            q.measures.map(
              (m) => html`<li>
                <span class="change-question">${q.question.text}${m.key === 'agree' ? nothing : html` · ${optionName(q.question.id, m.key)}`}</span>
                ${m.key === 'agree'
                  ? msg(str`Agreeing: ${percent(m.before.successes, m.before.count)}% before, ${percent(m.after.successes, m.after.count)}% after (${points(m.difference)} points; 95% interval ${points(m.interval.lower)} to ${points(m.interval.upper)}).`, { id: 'survey.results.change-agree' })
                  : msg(str`Choosing it: ${percent(m.before.successes, m.before.count)}% before, ${percent(m.after.successes, m.after.count)}% after (${points(m.difference)} points; 95% interval ${points(m.interval.lower)} to ${points(m.interval.upper)}).`, { id: 'survey.results.change-choice' })}
                <strong class="verdict ${m.direction}">
                  ${m.direction === 'up'
                    ? msg('A real rise.', { id: 'survey.results.change-up' })
                    : m.direction === 'down'
                      ? msg('A real fall.', { id: 'survey.results.change-down' })
                      : msg('It may be chance.', { id: 'survey.results.change-unclear' })}
                </strong>
              </li>`,
            ),
          )}
        </ul>`}
    ${comparison.suppressed.length
      ? html`<p class="muted">${msg(str`${formatNumber(comparison.suppressed.length)} more questions had too few answers in one of the surveys to compare.`, { id: 'survey.results.change-hidden' })}</p>`
      : nothing}
  </section>`;
}

/** A short plan for talking the results through with the class. */
export function renderDiscussion(discussion: DiscussionPoints, level: number) {
  const quote = (text: string) => text.trim().replace(/[.?!]+$/u, '');
  return html`<section class="discussion" part="discussion">
    ${heading(level, html`${msg('Talking it over with the class', { id: 'survey.results.discuss-title' })}`)}
    <ul>
      ${discussion.strongest
        ? html`<li>
            ${msg(str`Most agreed that “${quote(discussion.strongest.question.text)}” (${formatNumber(discussion.strongest.agree)} of ${formatNumber(discussion.strongest.total)}). What makes that work for you?`, { id: 'survey.results.discuss-strongest' })}
          </li>`
        : nothing}
      ${discussion.weakest
        ? html`<li>
            ${msg(str`Fewer agreed that “${quote(discussion.weakest.question.text)}” (${formatNumber(discussion.weakest.agree)} of ${formatNumber(discussion.weakest.total)}). What would help?`, { id: 'survey.results.discuss-weakest' })}
          </li>`
        : nothing}
      ${discussion.hasComments ? html`<li>${msg('Read out a theme from the comments (never who wrote what) and ask what lies behind it.', { id: 'survey.results.discuss-comments' })}</li>` : nothing}
      <li>${msg('Tell the class one thing you will change because of their answers, and when you will ask again.', { id: 'survey.results.discuss-change' })}</li>
    </ul>
  </section>`;
}
