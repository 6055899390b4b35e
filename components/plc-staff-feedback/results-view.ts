/**
 * How `<plc-staff-feedback>` shows a survey's figures to its CPD leader: participation as counts,
 * each question's counts as a table (or why it is hidden), comments grouped, and the change since
 * the previous cycle with the student-voice results' own comparison view.
 * @internal
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { AGREE_LEVELS, type QuestionResults } from '../../src/analysis/survey.js';
import type { StaffFeedbackResults } from '../../src/sync/staffFeedback.js';
import { formatNumber, formatPercent } from '../localization.js';
import { renderCommentGroups, renderComparison } from '../plc-survey-results/acting-on-results.js';
import { dataTable } from '../shared/data-table.js';
import { clampLevel, heading } from '../shared/heading.js';
import { agreeLabel, suppressedCommentsText, suppressedText } from '../shared/survey-labels.js';

/** "12 of 40 staff answered (30%)": counts only, never who. */
export function renderParticipation(report: Pick<StaffFeedbackResults, 'answered' | 'staff' | 'share'>): TemplateResult {
  return html`<p class="participation" part="participation">
    ${msg(str`${formatNumber(report.answered)} of ${formatNumber(report.staff)} staff answered (${formatPercent(report.share)})`, { id: 'feedback.participation' })}
  </p>`;
}

function questionBody(result: QuestionResults): TemplateResult {
  const { question } = result;
  if (result.suppressed) return html`<p class="notice suppressed" part="suppressed">${question.type === 'text' ? suppressedCommentsText() : suppressedText()}</p>`;
  if (question.type === 'text') return renderCommentGroups(result.comments);
  const labels = question.type === 'agree' ? AGREE_LEVELS.map((level) => agreeLabel(level)) : (question.options ?? []);
  const total = result.counts.reduce((sum, n) => sum + n, 0);
  return dataTable({
    // The question is the section's heading already: the caption names it for screen readers only.
    caption: html`<span class="visually-hidden">${question.text}</span>`,
    columns: [msg('Answer', { id: 'feedback.answer' }), msg('Staff', { id: 'feedback.staff' }), msg('Share', { id: 'feedback.share' })],
    rows: result.counts.map((n, i) => ({ label: labels[i] ?? String(i), cells: [formatNumber(n), formatPercent(total ? n / total : 0)] })),
  });
}

/** The figures of a closed survey, one section per question, then the change since last cycle. */
export function renderResults(report: StaffFeedbackResults, level: number, previousTitle: string): TemplateResult {
  const results = report.results;
  if (!results) return html``;
  const tag = clampLevel(level);
  const optionName = (questionId: string, index: number) => results.questions.find((q) => q.question.id === questionId)?.question.options?.[index] ?? '';
  return html`${results.suppressed
      ? html`<p class="notice suppressed" part="suppressed">${msg('Fewer than 5 staff answered, so no figures are shown: no one can be picked out.', { id: 'feedback.too-few' })}</p>`
      : nothing}
    ${results.questions.map(
      (q, i) => html`<section class="question" part="question">
        ${heading(tag, html`${formatNumber(i + 1)}. ${q.question.text}`)}
        ${q.answered === undefined ? nothing : html`<p class="muted">${msg(str`${formatNumber(q.answered)} answered`, { id: 'feedback.answered' })}</p>`}
        ${questionBody(q)}
      </section>`,
    )}
    ${report.comparison
      ? renderComparison(report.comparison, previousTitle, tag, optionName)
      : html`<p class="muted">${msg('There is no closed staff survey of the previous cycle to compare with.', { id: 'feedback.no-previous' })}</p>`}`;
}
