import { html, nothing, svg, type PropertyValues, type TemplateResult, type PropertyDeclarations } from 'lit';
import { msg, str } from '@lit/localize';
import {
  AGREE_LEVELS,
  agreementSummary,
  aggregateSurvey,
  resultsFromEvidence,
  type QuestionResults,
  type StudentVoiceResults,
  type SurveyResults,
} from '../../src/analysis/survey.js';
import { verdict } from '../../src/policy/policy.js';
import { PlcElement } from '../base/plc-element.js';
import { EnquiryController } from '../controllers/enquiry-controller.js';
import { formatNumber, formatPercent } from '../localization.js';
import { sharedStyles } from '../styles/shared.js';
import { dataTableStyles } from '../styles/data-table.js';
import { clampLevel, heading } from '../shared/heading.js';
import { SurveyDataController } from '../controllers/survey-data.js';
import { WidthController } from '../controllers/width-controller.js';
import { TableToggles } from '../shared/table-toggles.js';
import { dataTable } from '../shared/data-table.js';
import { agreeLabel, responsesText, suppressedCommentsText, suppressedText } from '../shared/survey-labels.js';
import { wrapLabel } from '../shared/wrap-label.js';
import { surveyResultsStyles } from './plc-survey-results.styles.js';
import { compareSurveys, discussionPoints } from '../../src/analysis/surveyCompare.js';
import { renderCommentGroups, renderComparison, renderDiscussion } from './acting-on-results.js';

const share = (count: number, total: number) => (total > 0 ? count / total : 0);

/** A question's text without its closing punctuation, to lead a summary ("I like it: 3 of 5 agree"). */
const bare = (text: string) => text.trim().replace(/[.?!:;…]+$/u, '');

let instances = 0;

/**
 * Student-voice results as SVG bar charts: a stacked bar per agree/disagree question and a bar
 * per option of a multiple-choice question, comments listed for comment questions. Every chart
 * has a text summary (`role="img"` with `aria-label`) and a data table (`<table>` with a caption
 * and header cells), shown with a toggle and always when printed. Groups with fewer than five
 * responses are never shown: "Fewer than 5 responses: hidden to keep answers anonymous"; free-text
 * answers need 10 ("Fewer than 10 comments: ...").
 * Patterns as well as colours tell the answers apart.
 *
 * Give it `survey-id` to show a survey's live results (for the enquiry's members), or set the
 * `results` property to stored results (a student-voice evidence item).
 *
 * @summary Anonymous student-voice results: charts, tables, small groups hidden.
 * @csspart question - The block of one question (heading, chart, legend, table).
 * @csspart chart - Each chart's SVG.
 * @csspart legend - The legend of an agree/disagree chart.
 * @csspart table - Each data table.
 * @csspart toggle - The "Show table" buttons.
 * @csspart suppressed - The notice shown in place of a group that is too small.
 * @csspart comments - The list of comments of a comment question.
 * @cssproperty --plc-color-chart-strongly-disagree - Fill of "strongly disagree" (default: the danger colour).
 * @cssproperty --plc-color-chart-disagree - Stripes of "disagree" (default: the danger colour).
 * @cssproperty --plc-color-chart-neutral - Dots of "neither" (default: the muted text colour).
 * @cssproperty --plc-color-chart-agree - Stripes of "agree" (default: the success colour).
 * @cssproperty --plc-color-chart-strongly-agree - Fill of "strongly agree" (default: the success colour).
 * @cssproperty --plc-color-chart-bar - Bars of multiple-choice questions (default: the accent colour).
 */
export class PlcSurveyResults extends PlcElement {
  static override styles = [sharedStyles, dataTableStyles, surveyResultsStyles];

  static override properties: PropertyDeclarations = {
    surveyId: { attribute: 'survey-id', reflect: true },
    results: { attribute: false },
    earlier: { attribute: false },
    headingLevel: { attribute: 'heading-level', type: Number },
    showTables: { attribute: 'show-tables', type: Boolean },
  };

  constructor() {
    super();
    this.headingLevel = 2;
    this.showTables = false;
  }

  /** The survey whose live results to show (read from the store; for the enquiry's members). */
  declare surveyId: string | undefined;

  /**
   * Stored results to show instead of a survey's live ones: a student-voice evidence item, or
   * anything with its `questions`, `responseCount` and `results`.
   */
  declare results: StudentVoiceResults | undefined;

  /**
   * Results of the same survey asked earlier (before a change of practice), as `results` takes
   * them, with an optional `title`: each question asked in both is compared, with an interval.
   */
  declare earlier: (StudentVoiceResults & { title?: string | undefined }) | undefined;

  /** The heading level of the survey's title (2 to 6); questions are one level below. */
  declare headingLevel: number;

  /** Show every data table from the start instead of behind a toggle. */
  declare showTables: boolean;

  private readonly data = new SurveyDataController(this, () => this.session, () => ({
    surveyId: this.results ? undefined : this.surveyId,
    responses: true,
  }));

  /** The survey's enquiry, for the policy's "members only" check on live results. */
  private readonly enquiry = new EnquiryController(this, () => this.session, () => (this.results ? undefined : this.data.survey?.record.enquiryId));

  private readonly uid = `plc-sr-${(instances += 1)}`;
  private readonly chart = new WidthController(this, 640);
  private readonly tables = new TableToggles(this, () => this.showTables);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('surveyId') || changed.has('results')) this.tables.reset();
  }

  private get level(): number {
    return clampLevel(this.headingLevel);
  }

  protected override render() {
    if (this.results) return this.renderResults(resultsFromEvidence(this.results), this.level);
    if (!this.surveyId) {
      return html`<p class="empty">${msg('No survey chosen: set survey-id, or give results to show.', { id: 'survey.results.no-survey' })}</p>`;
    }
    if (!this.session) {
      return this.noSessionNotice(() => msg('These results need a plc-provider around them to load.', { id: 'survey.no-provider' }));
    }
    if (this.data.status === 'error') {
      return html`<p class="notice error" role="alert">${msg('The results could not be loaded.', { id: 'survey.results.error' })} ${this.data.error}</p>`;
    }
    if (this.data.status !== 'ready' || !this.session.ready) {
      return html`<p class="muted" role="status">${msg('Loading results…', { id: 'survey.results.loading' })}</p>`;
    }
    const survey = this.data.survey?.record;
    if (!survey) return html`<p class="notice warning">${msg('This survey could not be found.', { id: 'survey.results.missing' })}</p>`;
    const person = this.session.person;
    if (!person) {
      return html`<p class="notice">${msg('Choose who you are to see these results.', { id: 'survey.results.sign-in' })}</p>`;
    }
    if (this.enquiry.status === 'loading' || this.enquiry.status === 'idle') {
      return html`<p class="muted" role="status">${msg('Loading results…', { id: 'survey.results.loading' })}</p>`;
    }
    const data = this.enquiry.state?.data;
    const details = data?.details;
    const community = details?.communityId ? this.session.directory.communities.get(details.communityId) : undefined;
    const allowed = data
      ? verdict({ kind: 'person', person }, 'survey.results.read', { enquiry: data, community, aggregated: true }).allowed
      : false;
    if (!allowed) {
      return html`<p class="notice">${msg("Student-voice results are for the enquiry's members.", { id: 'survey.results.members-only' })}</p>`;
    }
    const aggregate = aggregateSurvey(survey, this.data.responsesOf(survey.id));
    const tag = clampLevel(this.level);
    return html`${heading(tag, html`${survey.title}`, { className: 'title' })}${this.renderResults(aggregate, this.level + 1)}`;
  }

  private renderResults(results: SurveyResults, questionLevel: number) {
    const count = html`<p class="muted count">${responsesText(results.responseCount)}</p>`;
    if (results.responseCount === 0) {
      return html`${count}<p class="empty">${msg('No responses yet. Results appear once 5 students have answered.', { id: 'survey.results.empty' })}</p>`;
    }
    if (results.suppressed) {
      return html`${count}
        <p class="notice suppressed" part="suppressed">${suppressedText()}</p>
        <p>${msg('The questions asked:', { id: 'survey.results.questions-asked' })}</p>
        <ol>
          ${results.questions.map((q) => html`<li>${q.question.text}</li>`)}
        </ol>`;
    }
    const before = this.earlier ? resultsFromEvidence(this.earlier) : undefined;
    const optionName = (questionId: string, index: number) => results.questions.find((q) => q.question.id === questionId)?.question.options?.[index] ?? '';
    return html`${count}${this.renderDefs()}${results.questions.map((q, i) => this.renderQuestion(q, i, questionLevel))}
    ${before ? renderComparison(compareSurveys(before, results), this.earlier?.title ?? '', questionLevel, optionName) : nothing}
    ${renderDiscussion(discussionPoints(results), questionLevel)}`;
  }

  /** Patterns shared by every chart in this element: colour plus texture, so no answer relies on colour. */
  private renderDefs() {
    return html`<svg class="defs" aria-hidden="true" focusable="false">
      <defs>
        <pattern id="plc-sr-lvl0" width="8" height="8" patternUnits="userSpaceOnUse">
          <rect class="lvl0-bg" width="8" height="8"></rect>
        </pattern>
        <pattern id="plc-sr-lvl1" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect class="lvl1-bg" width="8" height="8"></rect>
          <line class="lvl1-fg" x1="0" y1="0" x2="0" y2="8"></line>
        </pattern>
        <pattern id="plc-sr-lvl2" width="8" height="8" patternUnits="userSpaceOnUse">
          <rect class="lvl2-bg" width="8" height="8"></rect>
          <circle class="lvl2-fg" cx="4" cy="4" r="1.6"></circle>
        </pattern>
        <pattern id="plc-sr-lvl3" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">
          <rect class="lvl3-bg" width="8" height="8"></rect>
          <line class="lvl3-fg" x1="0" y1="0" x2="0" y2="8"></line>
        </pattern>
        <pattern id="plc-sr-lvl4" width="8" height="8" patternUnits="userSpaceOnUse">
          <rect class="lvl4-bg" width="8" height="8"></rect>
        </pattern>
        <pattern id="plc-sr-bar" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect class="bar-bg" width="6" height="6"></rect>
          <line class="bar-fg" x1="0" y1="0" x2="0" y2="6"></line>
        </pattern>
      </defs>
    </svg>`;
  }

  private renderQuestion(result: QuestionResults, index: number, level: number) {
    const tag = clampLevel(level);
    const { question } = result;
    const headingId = `${this.uid}-h${index}`;
    const head = heading(tag, html`<span class="question-number">${formatNumber(index + 1)}.</span> ${question.text}`, { id: headingId });
    let body: TemplateResult;
    if (result.suppressed) body = html`<p class="notice suppressed" part="suppressed">${question.type === 'text' ? suppressedCommentsText() : suppressedText()}</p>`;
    else if (question.type === 'agree') body = this.renderAgree(result, index);
    else if (question.type === 'choice') body = this.renderChoice(result, index);
    else body = this.renderComments(result);
    const answered =
      result.answered === undefined
        ? nothing
        : html`<p class="muted">${msg(str`${formatNumber(result.answered)} answered`, { id: 'survey.results.answered' })}</p>`;
    return html`<section class="question" part="question" aria-labelledby=${headingId}>
      ${head}${answered}${body}
    </section>`;
  }

  private renderComments(result: QuestionResults) {
    return renderCommentGroups(result.comments);
  }

  private renderAgree(result: QuestionResults, index: number) {
    const total = result.counts.reduce((a, b) => a + b, 0);
    const bands = agreementSummary(result.counts);
    const width = Math.max(240, Math.min(900, this.chart.width));
    const height = 58;
    let x = 0;
    const segments = AGREE_LEVELS.map((level, i) => {
      const count = result.counts[i] ?? 0;
      const w = share(count, total) * width;
      const segment = { level, i, count, x, w };
      x += w;
      return segment;
    });
    const summary = msg(
      str`${bare(result.question.text)}: ${formatNumber(bands.agree)} of ${formatNumber(bands.total)} agree, ${formatNumber(bands.neutral)} neither, ${formatNumber(bands.disagree)} disagree.`,
      { id: 'survey.results.agree-summary' },
    );
    const chart = html`<svg
      class="chart"
      part="chart"
      role="img"
      aria-label=${summary}
      viewBox=${`0 0 ${width} ${height}`}
      preserveAspectRatio="xMinYMin meet"
    >
      ${segments.map((s) =>
        s.w >= 40
          ? svg`<text class="bar-text" x=${s.x + s.w / 2} y="15" text-anchor="middle">${formatPercent(share(s.count, total))}</text>`
          : nothing,
      )}
      ${segments.map((s) =>
        s.w > 0 ? svg`<rect class="segment" x=${s.x} y="22" width=${s.w} height="34" fill=${`url(#plc-sr-lvl${s.i})`}></rect>` : nothing,
      )}
      <rect class="outline" x="0" y="22" width=${width} height="34"></rect>
    </svg>`;
    const legend = html`<ul class="legend" part="legend">
      ${segments.map(
        (s) => html`<li>
          <svg class="swatch" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <rect x="1" y="1" width="22" height="22" fill=${`url(#plc-sr-lvl${s.i})`}></rect>
            <rect class="outline" x="1" y="1" width="22" height="22"></rect>
          </svg>
          <span>${agreeLabel(s.level)}: <strong>${formatNumber(s.count)}</strong> (${formatPercent(share(s.count, total))})</span>
        </li>`,
      )}
    </ul>`;
    const rows = segments.map((s) => ({ label: agreeLabel(s.level), count: s.count }));
    return html`<p class="summary">
        ${msg(str`${formatPercent(share(bands.agree, total))} agree, ${formatPercent(share(bands.disagree, total))} disagree`, {
          id: 'survey.results.agree-short',
        })}
      </p>
      ${chart}${legend}${this.renderTable(result, index, rows, total)}`;
  }

  private renderChoice(result: QuestionResults, index: number) {
    const options = result.question.options ?? [];
    const total = result.counts.reduce((a, b) => a + b, 0);
    const width = Math.max(240, Math.min(900, this.chart.width));
    const valueSpace = 96;
    const barSpace = width - valueSpace;
    const lineHeight = 19;
    const maxChars = Math.max(16, Math.floor(width / 8.2));
    const max = Math.max(1, ...result.counts);
    let y = 0;
    const rows = options.map((label, i) => {
      const count = result.counts[i] ?? 0;
      const lines = wrapLabel(label, maxChars);
      const top = y;
      y += lines.length * lineHeight + 4 + 26 + 14;
      return { label, lines, count, top };
    });
    const height = Math.max(y - 10, 20);
    const summary = msg(
      str`${bare(result.question.text)}: ${rows.map((r) => msg(str`${r.label} ${formatNumber(r.count)}`, { id: 'survey.results.choice-pair' })).join('; ')}.`,
      { id: 'survey.results.choice-summary' },
    );
    const chart = html`<svg
      class="chart"
      part="chart"
      role="img"
      aria-label=${summary}
      viewBox=${`0 0 ${width} ${height}`}
      preserveAspectRatio="xMinYMin meet"
    >
      ${rows.map((row) => {
        const barTop = row.top + row.lines.length * lineHeight + 4;
        const barWidth = (row.count / max) * barSpace;
        return svg`
          <text class="bar-text">${row.lines.map((line, i) => svg`<tspan x="0" y=${row.top + 14 + i * lineHeight}>${line}</tspan>`)}</text>
          <rect class="track" x="0" y=${barTop} width=${barSpace} height="26" rx="3"></rect>
          ${barWidth > 0 ? svg`<rect class="bar" x="0" y=${barTop} width=${barWidth} height="26" rx="3"></rect>` : nothing}
          <text class="value-text" x=${barSpace + 8} y=${barTop + 18}>${formatNumber(row.count)} (${formatPercent(share(row.count, total))})</text>`;
      })}
    </svg>`;
    return html`${chart}${this.renderTable(
      result,
      index,
      rows.map((r) => ({ label: r.label, count: r.count })),
      total,
    )}`;
  }

  private renderTable(result: QuestionResults, index: number, rows: Array<{ label: string; count: number }>, total: number) {
    const id = `${this.uid}-t${index}`;
    const open = this.tables.isOpen(result.question.id);
    return html`${this.tables.button(result.question.id, id, {
        show: msg('Show as a table', { id: 'survey.results.show-table' }),
        hide: msg('Hide the table', { id: 'survey.results.hide-table' }),
      })}
      <div class="table-wrap" id=${id} ?hidden=${!open} role="region" tabindex="0" aria-label=${result.question.text}>
        ${dataTable({
          caption: result.question.text,
          part: 'table',
          columns: [
            msg('Answer', { id: 'survey.results.col-answer' }),
            msg('Responses', { id: 'survey.results.col-count' }),
            msg('Share', { id: 'survey.results.col-share' }),
          ],
          rows: rows.map((row) => ({ label: row.label, cells: [formatNumber(row.count), formatPercent(share(row.count, total))] })),
          total: { label: msg('Total', { id: 'survey.results.total' }), cells: [formatNumber(total), formatPercent(total > 0 ? 1 : 0)] },
        })}
      </div>`;
  }
}
