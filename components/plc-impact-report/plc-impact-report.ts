import { html, nothing, type TemplateResult, type PropertyDeclarations } from 'lit';
import { msg, str } from '@lit/localize';
import type { ImpactGroup, ImpactResult } from '../../src/analysis/impact.js';
import { describeProportion } from '../../src/analysis/stats.js';
import { toCsv, type CsvCell } from '../../src/export/csv.js';
import type { ScopeFigures } from '../../src/analysis/leaders.js';
import { previousCycleOf } from '../../src/analysis/cycleStaff.js';
import type { Cycle } from '../../src/schema/directory.js';
import { PlcElement } from '../base/plc-element.js';
import { formatDate, formatNumber, formatPercent } from '../localization.js';
import { needsProviderText, noCycleText, stageLabel } from '../strings.js';
import { sharedStyles } from '../styles/shared.js';
import { dataTableStyles } from '../styles/data-table.js';
import { clampLevel, heading } from '../shared/heading.js';
import { offerDownload } from '../shared/download.js';
import { intervalChart, intervalChartDefs, intervalChartStyles, intervalText, type ChartRow } from '../shared/interval-chart.js';
import { figuresAllowed, loadFigures, type LoadedFigures } from '../controllers/analysis-source.js';
import { impactSentence, participationSentence, stagesSentence, surveysSentence, walkSentence } from '../shared/sentences.js';
import { StoreQueryController } from '../controllers/store-query.js';
import { WidthController } from '../controllers/width-controller.js';
import { TableToggles } from '../shared/table-toggles.js';
import { dataTable } from '../shared/data-table.js';
import { impactReportStyles } from './plc-impact-report.styles.js';

/** A row of a figures table (and of the CSV): a chart's bar without its tone. */
type FigureRow = Omit<ChartRow, 'tone'>;

/** What the report draws: the figures, the cycle and the one it is compared with. */
interface ReportData {
  cycle: Cycle;
  previousCycle: Cycle | undefined;
  figures: LoadedFigures;
}

/** The key of a scope in the picker: `trust`, or a school id. */
const scopeKey = (scope: ScopeFigures['scope']) => (scope.kind === 'trust' ? 'trust' : `school:${scope.schoolId}`);

const round1 = (value: number | undefined) => (value === undefined ? undefined : Math.round(value * 10) / 10);
const pct = (value: number | undefined) => (value === undefined ? undefined : round1(value * 100));

let instances = 0;

/**
 * The impact report of a cycle, for CPD leaders: the three analyses of the case study, each as an
 * SVG chart with 95% intervals drawn as error bars, a data table, and a plain-language sentence
 * per finding.
 * - **Impact of membership**: for each aspect of practice last cycle's PLCs worked on, the share
 *   of staff whose appraisal this cycle shows it as a strength, among last year's members, all
 *   staff and everyone else ("Staff in last year's Literacy PLC were 1.8 times as likely to show
 *   strength in literacy (14 of 20) as staff as a whole (24 of 60).").
 * - **Learning walks** of the cycle: the share of lessons showing the focus.
 * - **Participation**: staff in group PLCs, on individual projects and on the new-staff track, and
 *   how far the cycle's enquiries got (with the median days spent in each stage).
 *
 * - **Student voice**: how many of the cycle's surveys have enough answers to read.
 *
 * With a plc-kit server (the provider's `server`), the figures are computed there over everyone's
 * data, so they are the same on every device; without one, on this device from its own records.
 * A trust-wide CPD leader chooses between the trust and each school; a school's CPD leader sees
 * their school. Groups of fewer than five staff, and any group they could be worked out from, show
 * as "too few to read". The figures download as CSV. It only ever shows aggregates: no one's
 * appraisal record, observation notes or lesson notes. Readers the policy does not allow see why.
 *
 * @summary Impact, learning walks and participation of a cycle: charts, tables, sentences, CSV.
 * @event plc-download - Just before the CSV downloads (cancelable: call `preventDefault()` to take the file yourself).
 * @csspart header - The title, the comparison line and the download button.
 * @csspart not-allowed - The notice shown to readers the policy does not allow.
 * @csspart download - The "Download the figures (CSV)" button.
 * @csspart section - Each of the three sections.
 * @csspart finding - Each finding: its heading, sentence, chart and table.
 * @csspart sentence - The plain-language sentence of a finding.
 * @csspart chart - Each chart's SVG.
 * @csspart table - Each data table.
 * @csspart toggle - The "Show the figures" buttons.
 * @csspart scope - The "Figures for" picker (the trust or a school), when there is a choice.
 * @cssproperty --plc-color-chart-focus - The bars of the group a finding is about (default: the accent colour).
 * @cssproperty --plc-color-chart-comparison - The bars of all staff (default: the muted text colour).
 * @cssproperty --plc-color-chart-other - The bars of staff not in the PLCs (default: the soft accent colour, outlined).
 */
export class PlcImpactReport extends PlcElement {
  static override styles = [sharedStyles, dataTableStyles, intervalChartStyles, impactReportStyles];

  static override properties: PropertyDeclarations = {
    cycleId: { attribute: 'cycle-id', reflect: true },
    headingLevel: { attribute: 'heading-level', type: Number },
    showTables: { attribute: 'show-tables', type: Boolean },
    scope: { state: true },
  };

  constructor() {
    super();
    this.headingLevel = 2;
    this.showTables = false;
  }

  /** The cycle to report on; defaults to the provider's cycle. The previous cycle is the one that started before it. */
  declare cycleId: string | undefined;

  /** The level of the report's heading (2 to 6); sections and findings are one and two levels below. */
  declare headingLevel: number;

  /** Show every data table from the start instead of behind a toggle. */
  declare showTables: boolean;

  /** The scope picked: `trust` or `school:<id>`; the first available by default. */
  private declare scope: string | undefined;

  private readonly uid = `plc-ir-${(instances += 1)}`;
  private readonly chart = new WidthController(this, 640);
  private readonly tables = new TableToggles(this, () => this.showTables);

  /** The figures, loaded when the reader may see them and reloaded as records change. */
  private readonly report = new StoreQueryController<ReportData | undefined>(this, () => this.session, {
    key: (session) => {
      const cycle = this.cycleOf(session.directory.cycles);
      if (!cycle || !this.allowed) return undefined;
      return JSON.stringify([cycle.id, session.person?.id, session.server?.url, session.directory.cycles.size, session.directory.communities.size]);
    },
    load: async (session) => {
      const cycle = this.cycleOf(session.directory.cycles);
      if (!cycle) return undefined;
      return { cycle, previousCycle: previousCycleOf(cycle, session.directory.cycles.values()), figures: await loadFigures(session, cycle.id) };
    },
    affects: (change) =>
      change.kind === 'events' ||
      (change.kind === 'record' && ['appraisals', 'learningWalks', 'communities', 'people', 'cycles', 'themes', 'surveys', 'schools'].includes(change.collection)),
  });

  private cycleOf(cycles: ReadonlyMap<string, Cycle>): Cycle | undefined {
    return this.cycleId ? cycles.get(this.cycleId) : this.session?.cycle;
  }

  /** Whether the policy lets the reader see leaders' figures at all. */
  private get allowed(): boolean {
    return figuresAllowed(this.session?.person);
  }

  /** The scopes the figures cover (the trust first, then each school), and the one shown. */
  private scopes(data: ReportData): { all: ScopeFigures[]; shown: ScopeFigures | undefined } {
    const all = [...(data.figures.trust ? [data.figures.trust] : []), ...data.figures.schools];
    return { all, shown: all.find((s) => scopeKey(s.scope) === this.scope) ?? all[0] };
  }

  private scopeName(data: ReportData, scope: ScopeFigures['scope']): string {
    if (scope.kind === 'trust') return msg('The whole trust', { id: 'impact.scope.trust' });
    return data.figures.schoolNames.get(scope.schoolId) ?? scope.schoolId;
  }

  /** Moves keyboard focus to the report's heading (used by `<plc-app>` after navigating here). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>(`#${this.uid}-title`)?.focus();
  }

  private get level(): number {
    return clampLevel(this.headingLevel);
  }

  /** The figures as CSV text (what the download button saves), or undefined before they load. */
  figuresCsv(): string | undefined {
    const data = this.report.value;
    return data ? toCsv(this.csvRows(data), { bom: true }) : undefined;
  }

  protected override render() {
    const title = (cycleName: string) =>
      heading(this.level, msg(str`Impact report: ${cycleName}`, { id: 'impact.title' }), { id: `${this.uid}-title`, focusable: true });
    const plain = heading(this.level, msg('Impact report', { id: 'impact.title-plain' }), { id: `${this.uid}-title`, focusable: true });
    if (!this.session) {
      return html`${plain}${this.noSessionNotice(needsProviderText)}`;
    }
    if (!this.session.ready) return html`${plain}<p class="muted" role="status">${msg('Loading the figures…', { id: 'impact.loading' })}</p>`;
    const cycle = this.cycleOf(this.session.directory.cycles);
    if (!cycle) {
      return html`${plain}<p class="empty">${noCycleText()}</p>`;
    }
    if (!this.session.person) {
      return html`${title(cycle.name)}<p class="notice">${msg('Choose who you are to see the impact report.', { id: 'impact.sign-in' })}</p>`;
    }
    if (!this.allowed) {
      return html`${title(cycle.name)}
        <p class="notice warning" part="not-allowed">
          ${msg('Impact and participation figures are for CPD leaders, and for PLC leads about their own community.', { id: 'impact.not-allowed' })}
        </p>`;
    }
    if (this.report.status === 'error') {
      const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
      return html`${title(cycle.name)}<p class="notice error" role="alert">
          ${offline
            ? msg('You are offline: the figures are computed on the server, so they show once you are back online.', { id: 'impact.offline' })
            : msg('The figures could not be loaded.', { id: 'impact.load-error' })}
          ${offline ? nothing : this.report.error}
        </p>`;
    }
    const data = this.report.value;
    if (this.report.status !== 'ready' || !data) {
      return html`${title(cycle.name)}<p class="muted" role="status">${msg('Loading the figures…', { id: 'impact.loading' })}</p>`;
    }
    const { all, shown } = this.scopes(data);
    if (!shown) return html`${title(cycle.name)}<p class="empty">${msg('There are no figures for your school yet.', { id: 'impact.no-scope' })}</p>`;
    return html`${intervalChartDefs()}
      <div class="header" part="header">
        <div>
          ${title(cycle.name)}
          <p class="muted">
            ${data.previousCycle
              ? msg(str`Compared with the PLCs of ${data.previousCycle.name}.`, { id: 'impact.compared' })
              : nothing}
            ${msg("Figures across staff only: no one's appraisal record, observation notes or lesson notes are shown.", { id: 'impact.aggregates-only' })}
            ${data.figures.source === 'server'
              ? msg("Computed by the server over everyone's records, so every device shows the same figures.", { id: 'impact.source.server' })
              : nothing}
          </p>
        </div>
        <button part="download" @click=${this.downloadCsv}>${msg('Download the figures (CSV)', { id: 'impact.download' })}</button>
      </div>
      ${all.length > 1
        ? html`<label class="scope" part="scope"
            >${msg('Figures for', { id: 'impact.scope.label' })}
            <select
              @change=${(e: Event) => (this.scope = (e.target as HTMLSelectElement).value)}
              .value=${scopeKey(shown.scope)}
            >
              ${all.map((s) => html`<option value=${scopeKey(s.scope)} ?selected=${s === shown}>${this.scopeName(data, s.scope)}</option>`)}
            </select></label
          >`
        : html`<p class="muted">${this.scopeName(data, shown.scope)}</p>`}
      ${this.renderImpact(data, shown)} ${this.renderWalks(shown)} ${this.renderParticipation(shown)} ${this.renderSurveys(shown)}`;
  }

  // ---------------------------------------------------------------------------------------------

  private section(key: string, title: string, body: TemplateResult) {
    const id = `${this.uid}-${key}`;
    return html`<section class="section" part="section" aria-labelledby=${id}>${heading(this.level + 1, title, { id })}${body}</section>`;
  }

  private groupRows(result: ImpactResult): ChartRow[] {
    const row = (label: string, group: ImpactGroup, tone: ChartRow['tone']) => ({
      label,
      successes: group.strengths,
      count: group.count,
      proportion: group.proportion,
      interval: group.interval,
      tooSmall: group.tooSmall,
      suppressed: group.suppressed === true,
      tone,
    });
    return [
      row(msg("In last year's PLC", { id: 'impact.group.members' }), result.members, 'accent'),
      row(msg('All staff', { id: 'impact.group.all' }), result.all, 'muted'),
      row(msg("Not in last year's PLC", { id: 'impact.group.non-members' }), result.nonMembers, 'light'),
    ];
  }

  private renderImpact(data: ReportData, scope: ScopeFigures) {
    const title = msg('Impact of PLC membership', { id: 'impact.section.impact' });
    const impact = scope.impact;
    if (!impact) {
      return this.section(
        'impact',
        title,
        html`<p class="notice">${msg('Appraisal figures are for CPD leaders and administrators.', { id: 'impact.appraisals-not-allowed' })}</p>`,
      );
    }
    if (!data.previousCycle) {
      return this.section('impact', title, html`<p class="empty">${msg('There is no earlier cycle to compare with.', { id: 'impact.no-previous' })}</p>`);
    }
    if (impact.length === 0) {
      return this.section(
        'impact',
        title,
        html`<p class="empty">${msg(str`No PLCs with aspects of practice ran in ${data.previousCycle.name}.`, { id: 'impact.no-plcs' })}</p>`,
      );
    }
    const explain = msg(
      "The share of staff whose appraisal this cycle shows each aspect of practice as a strength: staff in last year's PLC on it, against all staff and everyone else. The lines across the bars show the range the true share is likely to be in (95% confidence). Groups of fewer than 5 are too small to read.",
      { id: 'impact.explain' },
    );
    return this.section(
      'impact',
      title,
      html`<p class="explain muted">${explain}</p>
        <div class="findings">
          ${impact.map((result) => {
            const sentence = impactSentence(result.summary);
            const rows = this.groupRows(result);
            // Ratios of groups too small to read would mislead more than they tell.
            const readable = result.summary.direction !== 'too-small' && result.summary.direction !== 'no-data';
            const extra =
              readable && (result.ratio !== undefined || result.difference !== undefined)
                ? html`<p class="note muted">
                    ${result.ratio !== undefined
                      ? msg(str`Ratio to all staff: ${formatNumber(result.ratio, { maximumFractionDigits: 2 })}.`, { id: 'impact.ratio' })
                      : nothing}
                    ${result.difference !== undefined
                      ? msg(str`Difference: ${formatNumber(result.difference, { maximumFractionDigits: 1, signDisplay: 'exceptZero' })} percentage points.`, {
                          id: 'impact.difference',
                        })
                      : nothing}
                  </p>`
                : nothing;
            return this.finding(`aspect-${result.aspectId}`, result.summary.aspectName, sentence, rows, extra);
          })}
        </div>`,
    );
  }

  private renderWalks(data: ScopeFigures) {
    const title = msg('Learning walks', { id: 'impact.section.walks' });
    if (data.walks.length === 0) {
      return this.section('walks', title, html`<p class="empty">${msg('No learning walks in this cycle yet.', { id: 'impact.walks.empty' })}</p>`);
    }
    const rows: ChartRow[] = data.walks.map(({ walk, result }) => ({
      label: msg(str`${walk.focus} (${formatDate(walk.date)})`, { id: 'impact.walk.label' }),
      successes: result.lessonsShowingFocus,
      count: result.lessonsVisited,
      proportion: result.proportion,
      interval: result.interval,
      tooSmall: result.tooSmall,
      tone: 'accent',
    }));
    const sentences = data.walks.map(({ walk, result }) => walkSentence(walk.focus, walk.date, result));
    return this.section(
      'walks',
      title,
      html`<p class="explain muted">
          ${msg('The share of lessons visited that showed the focus of each walk, with the range the share across all lessons is likely to be in.', {
            id: 'impact.walks.explain',
          })}
        </p>
        ${this.finding('walks', undefined, sentences, rows, nothing, msg('Lessons showing the focus', { id: 'impact.walks.caption' }))}`,
    );
  }

  private renderSurveys(data: ScopeFigures) {
    return this.section('surveys', msg('Student voice', { id: 'impact.section.surveys' }), html`<p class="sentence" part="sentence">${surveysSentence(data.surveys)}</p>`);
  }

  private renderParticipation(data: ScopeFigures) {
    const title = msg('Participation', { id: 'impact.section.participation' });
    const result = data.participation;
    const total = result.staff.total;
    const staffRow = (label: string, value: number, tone: ChartRow['tone']) => {
      const estimate = describeProportion(value, total);
      return { label, successes: value, count: total, proportion: estimate.proportion, interval: estimate.interval, tooSmall: estimate.tooSmall, tone };
    };
    const staffRows = [
      staffRow(msg('In a group PLC', { id: 'impact.staff.group' }), result.staff.inGroupPlc, 'accent'),
      staffRow(msg('On an individual project', { id: 'impact.staff.individual' }), result.staff.onIndividualProject, 'accent'),
      staffRow(msg('On the new-staff track', { id: 'impact.staff.new-staff' }), result.staff.onNewStaffTrack, 'accent'),
      staffRow(msg('Taking part in any way', { id: 'impact.staff.any' }), result.staff.participating, 'muted'),
    ];
    const stageRows = result.stages.map((row) => {
      const estimate = describeProportion(row.reached, result.enquiries);
      return {
        label: stageLabel(row.stage, this.session?.views),
        successes: row.reached,
        count: result.enquiries,
        proportion: estimate.proportion,
        interval: estimate.interval,
        tooSmall: estimate.tooSmall,
        tone: 'accent' as const,
      };
    });
    const times = new Map(result.timeInStage.map((t) => [t.stage, t]));
    const timeCaption = msg('Time spent in each stage', { id: 'impact.time.caption' });
    const stageTable = html`<div class="table-wrap" role="region" tabindex="0" aria-label=${timeCaption}>
      ${dataTable({
        caption: timeCaption,
        part: 'table',
        columns: [
          msg('Stage', { id: 'impact.col.stage' }),
          msg('Enquiries at it now', { id: 'impact.col.current' }),
          msg('Median days in it', { id: 'impact.col.median-days' }),
        ],
        rows: result.stages.map((row) => {
          const days = times.get(row.stage)?.medianDays;
          return {
            label: stageLabel(row.stage, this.session?.views),
            cells: [formatNumber(row.current), days === undefined ? '–' : formatNumber(days, { maximumFractionDigits: 1 })],
          };
        }),
      })}
    </div>`;
    return this.section(
      'participation',
      title,
      html`<div class="findings">
        ${this.finding('staff', msg('Who took part', { id: 'impact.staff.title' }), participationSentence(result), staffRows, nothing)}
        ${result.enquiries > 0
          ? this.finding('stages', msg('How far enquiries got', { id: 'impact.stages.title' }), stagesSentence(result), stageRows, stageTable)
          : html`<p class="empty">${stagesSentence(result)}</p>`}
      </div>`,
    );
  }

  /** One finding: heading, sentence(s), chart, a note and the data table behind a toggle. */
  private finding(
    key: string,
    title: string | undefined,
    sentence: string | string[],
    rows: ChartRow[],
    extra: TemplateResult | typeof nothing,
    caption?: string,
  ) {
    const sentences = Array.isArray(sentence) ? sentence : [sentence];
    const tableId = `${this.uid}-t-${key}`;
    const open = this.tables.isOpen(key);
    const headingId = `${this.uid}-h-${key}`;
    return html`<article class="finding" part="finding" aria-labelledby=${title ? headingId : nothing} aria-label=${title ? nothing : caption ?? nothing}>
      ${title ? heading(this.level + 2, title, { id: headingId }) : nothing}
      ${sentences.map((s) => html`<p class="sentence" part="sentence">${s}</p>`)}
      ${intervalChart(rows, { width: this.chart.width, summary: sentences.join(' ') })} ${extra}
      ${this.tables.button(key, tableId, {
        show: msg('Show the figures as a table', { id: 'impact.show-table' }),
        hide: msg('Hide the figures', { id: 'impact.hide-table' }),
      })}
      <!-- Focusable, so keyboard users can scroll the table when it is wider than a phone. -->
      <div class="table-wrap" id=${tableId} ?hidden=${!open} role="region" tabindex="0" aria-label=${title ?? caption ?? ''}>
        ${this.figuresTable(title ?? caption ?? '', rows)}
      </div>
    </article>`;
  }

  private figuresTable(caption: string, rows: FigureRow[]) {
    return dataTable({
      caption,
      part: 'table',
      columns: [
        msg('Group', { id: 'impact.col.group' }),
        msg('Count', { id: 'impact.col.successes' }),
        msg('Out of', { id: 'impact.col.count' }),
        msg('Share', { id: 'impact.col.share' }),
        msg('Likely range (95%)', { id: 'impact.col.interval' }),
      ],
      rows: rows.map((row) => ({
        label: row.label,
        cells: [
          row.suppressed ? '–' : formatNumber(row.successes),
          row.suppressed ? '–' : formatNumber(row.count),
          row.proportion === undefined ? '–' : formatPercent(row.proportion),
          row.suppressed ? msg('too few to read', { id: 'impact.too-few' }) : row.count === 0 ? '–' : row.tooSmall ? msg('too few to read', { id: 'impact.too-few' }) : intervalText(row.interval),
        ],
      })),
    });
  }

  // ---------------------------------------------------------------------------------------------

  private csvRows(report: ReportData): CsvCell[][] {
    const data = this.scopes(report).shown;
    if (!data) return [];
    const header: CsvCell[] = [
      msg('Analysis', { id: 'impact.csv.analysis' }),
      msg('Finding', { id: 'impact.csv.subject' }),
      msg('Group', { id: 'impact.col.group' }),
      msg('Count', { id: 'impact.col.successes' }),
      msg('Out of', { id: 'impact.col.count' }),
      msg('Percentage', { id: 'impact.csv.percentage' }),
      msg('Lower bound (95%)', { id: 'impact.csv.lower' }),
      msg('Upper bound (95%)', { id: 'impact.csv.upper' }),
      msg('Too small to read', { id: 'impact.csv.too-small' }),
      msg('Ratio to all staff', { id: 'impact.csv.ratio' }),
      msg('Difference (percentage points)', { id: 'impact.csv.difference' }),
    ];
    const yes = msg('yes', { id: 'impact.csv.yes' });
    const no = msg('no', { id: 'impact.csv.no' });
    const line = (analysis: string, subject: string, row: FigureRow, ratio?: number, difference?: number): CsvCell[] => [
      analysis,
      subject,
      row.label,
      row.suppressed ? undefined : row.successes,
      row.suppressed ? undefined : row.count,
      pct(row.proportion),
      row.tooSmall ? undefined : pct(row.interval?.lower),
      row.tooSmall ? undefined : pct(row.interval?.upper),
      row.tooSmall ? yes : no,
      ratio === undefined ? undefined : Math.round(ratio * 100) / 100,
      round1(difference),
    ];
    const rows: CsvCell[][] = [header];
    const impactName = msg('Impact of PLC membership', { id: 'impact.section.impact' });
    for (const result of data.impact ?? []) {
      const [members, all, non] = this.groupRows(result);
      rows.push(line(impactName, result.summary.aspectName, members!, result.ratio, result.difference));
      rows.push(line(impactName, result.summary.aspectName, all!));
      rows.push(line(impactName, result.summary.aspectName, non!, result.versusNonMembers.ratio, result.versusNonMembers.difference));
    }
    const walksName = msg('Learning walks', { id: 'impact.section.walks' });
    for (const { walk, result } of data.walks) {
      rows.push(
        line(walksName, `${walk.focus} (${walk.date})`, {
          label: msg('Lessons showing the focus', { id: 'impact.walks.caption' }),
          successes: result.lessonsShowingFocus,
          count: result.lessonsVisited,
          proportion: result.proportion,
          interval: result.interval,
          tooSmall: result.tooSmall,
        }),
      );
    }
    const participationName = msg('Participation', { id: 'impact.section.participation' });
    const staff = data.participation.staff;
    for (const [label, value] of [
      [msg('In a group PLC', { id: 'impact.staff.group' }), staff.inGroupPlc],
      [msg('On an individual project', { id: 'impact.staff.individual' }), staff.onIndividualProject],
      [msg('On the new-staff track', { id: 'impact.staff.new-staff' }), staff.onNewStaffTrack],
      [msg('Taking part in any way', { id: 'impact.staff.any' }), staff.participating],
    ] as const) {
      const estimate = describeProportion(value, staff.total);
      rows.push(line(participationName, msg('Who took part', { id: 'impact.staff.title' }), { label, ...estimate }));
    }
    for (const stage of data.participation.stages) {
      const estimate = describeProportion(stage.reached, data.participation.enquiries);
      rows.push(
        line(participationName, msg('How far enquiries got', { id: 'impact.stages.title' }), {
          label: stageLabel(stage.stage, this.session?.views),
          ...estimate,
        }),
      );
    }
    return rows;
  }

  private downloadCsv = () => {
    const text = this.figuresCsv();
    const cycle = this.report.value?.cycle;
    if (!text || !cycle) return;
    const slug = cycle.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase();
    offerDownload(this, `impact-${slug || cycle.id}.csv`, 'text/csv;charset=utf-8', text);
  };
}
