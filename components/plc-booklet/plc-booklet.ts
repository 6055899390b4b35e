import { html, nothing, type PropertyDeclarations } from 'lit';
import { msg, str } from '@lit/localize';
import {
  anchorId,
  bookletFileName,
  bookletToHtml,
  bookletToMarkdown,
  buildBooklet,
  countOutcomes,
  printedReflection,
  safeUrl,
  type Booklet,
  type BookletLabels,
  type BookletOutcome,
} from '../../src/export/booklet.js';
import { verdict } from '../../src/policy/policy.js';
import { evidenceFindings, type EvidenceFinding } from '../../src/export/evidenceFindings.js';
import type { Cycle } from '../../src/schema/directory.js';
import type { SharingSession } from '../../src/schema/sharing.js';
import type { PlcSession } from '../context/session.js';
import { PlcElement } from '../base/plc-element.js';
import { currentLocale, formatNumber, formatPercent } from '../localization.js';
import { lessonsText } from '../shared/sentences.js';
import { evidenceKindLabel, needsProviderText, noCycleText } from '../strings.js';
// The built-in evidence kinds' names, forms and renderers, loaded with this element (context/views.ts).
import '../evidence/built-in.js';
import { sharedStyles } from '../styles/shared.js';
import { clampLevel, heading } from '../shared/heading.js';
import { StoreQueryController } from '../controllers/store-query.js';
import { offerDownload } from '../shared/download.js';
import { bookletSession, bookletSessionsView } from './booklet-sessions.js';
import { bookletStyles } from './plc-booklet.styles.js';
import '../plc-vle-post/index.js';

/** A published outcome as read from its log, before the labels of the reader's language are applied. */
interface PublishedOutcome extends Omit<BookletOutcome, 'evidence'> {
  themeId: string | undefined;
  evidence: Array<{ kind: string; title: string; url?: string | undefined; finding?: EvidenceFinding | undefined }>;
}

interface BookletSource {
  cycle: Cycle;
  schoolName: string;
  outcomes: PublishedOutcome[];
  /** The sharing sessions that presented this cycle's outcomes. */
  sessions: SharingSession[];
}

/** Splits typed text into paragraphs (blank lines between them). */
const paragraphs = (text: string): string[] =>
  text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

/**
 * The booklet of a cycle: every outcome published with the booklet among its audiences, grouped
 * by theme in the cycle's order, with a title page (school and cycle), a contents page linking to
 * each theme and outcome, and for each outcome its title, driving question, authors, summary,
 * findings, recommendations, reflection and evidence.
 *
 * It prints well: the print stylesheet hides the buttons, starts each theme on a new page, keeps
 * each outcome together, sets readable type and prints the address of every web link. It also
 * downloads as Markdown or as a standalone HTML page (styles inline), with every typed text escaped.
 *
 * Each piece of evidence is printed with what it found, where the data says ("60% agree, up from
 * 35%" for a survey asked before and after, "4.2 → 6.1 marks" for an assessment, "22 of 30
 * lessons (73%)" for a learning walk); "what did not work" can be left out (`hide-what-did-not`,
 * or the checkbox beside the buttons), on screen, in print and in the downloads.
 *
 * @summary The cycle's published outcomes, by theme: print, Markdown and HTML.
 * @event plc-download - Just before a Markdown or HTML file downloads (cancelable: call `preventDefault()` to take the file yourself).
 * @csspart toolbar - The print and download buttons.
 * @csspart print - The Print button.
 * @csspart title-page - The title page: title, school, cycle.
 * @csspart contents - The contents page.
 * @csspart section - Each theme's section.
 * @csspart outcome - Each outcome.
 * @csspart question - Each outcome's driving question.
 * @csspart vle-post - The "Post to your VLE" panel of the booklet (with a plc-kit server only).
 */
export class PlcBooklet extends PlcElement {
  static override styles = [sharedStyles, bookletStyles];

  static override properties: PropertyDeclarations = {
    cycleId: { attribute: 'cycle-id', reflect: true },
    headingLevel: { attribute: 'heading-level', type: Number },
    hideWhatDidNot: { attribute: 'hide-what-did-not', type: Boolean, reflect: true },
    announcement: { state: true },
  };

  constructor() {
    super();
    this.headingLevel = 2;
    this.hideWhatDidNot = false;
    this.announcement = '';
  }

  /** The cycle whose booklet to show; defaults to the provider's cycle. */
  declare cycleId: string | undefined;

  /** The level of the booklet's title (2 to 6); themes and outcomes are one and two levels below. */
  declare headingLevel: number;

  /** Leave "what did not work" out of reflections, on screen, in print and in the downloads. */
  declare hideWhatDidNot: boolean;

  private declare announcement: string;

  private readonly source = new StoreQueryController<BookletSource | undefined>(this, () => this.session, {
    key: (session) => {
      const cycle = this.cycleOf(session);
      return cycle && session.person ? JSON.stringify([cycle.id, session.person.id, session.directory.people.size, session.directory.themes.size]) : undefined;
    },
    load: (session) => this.load(session),
    affects: (change) => change.kind === 'events' || (change.kind === 'record' && ['schools', 'people', 'themes', 'cycles', 'communities', 'sharingSessions'].includes(change.collection)),
  });

  private cycleOf(session: PlcSession): Cycle | undefined {
    return this.cycleId ? session.directory.cycles.get(this.cycleId) : session.cycle;
  }

  /** Moves keyboard focus to the booklet's title (used by `<plc-app>` after navigating here). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('#booklet-title')?.focus();
  }

  private get level(): number {
    return clampLevel(this.headingLevel);
  }

  private async load(session: PlcSession): Promise<BookletSource | undefined> {
    const cycle = this.cycleOf(session);
    const person = session.person;
    if (!cycle || !person) return undefined;
    const { store, lifecycle, directory } = session;
    const [summaries, schools, sessions] = await Promise.all([
      store.listEnquiries({ cycleId: cycle.id, stage: 'shared' }),
      store.list('schools'),
      store.list('sharingSessions'),
    ]);
    const school = schools.find((s) => s.record.id === person.schoolId) ?? schools[0];
    const outcomes: PublishedOutcome[] = [];
    await Promise.all(
      summaries.map(async (summary) => {
        const log = await store.readLog(summary.enquiryId);
        const data = lifecycle.replay(log, session.inputFor({ cycleId: summary.cycleId, communityId: summary.communityId })).data;
        const details = data.details;
        if (!details || !data.publishedAt || !data.outcome?.audiences.includes('booklet')) return;
        const community = details.communityId ? directory.communities.get(details.communityId) : undefined;
        if (!verdict({ kind: 'person', person }, 'outcome.read', { enquiry: data, community }).allowed) return;
        outcomes.push({
          enquiryId: summary.enquiryId,
          themeId: details.themeId,
          title: details.title,
          question: data.question.text,
          authors: details.ownerIds.map((id) => directory.people.get(id)?.name ?? id),
          summary: data.outcome.summary,
          findings: data.outcome.findings,
          recommendations: data.outcome.recommendations,
          reflection: data.reflection,
          publishedAt: data.publishedAt,
          evidence: ((findings) =>
            data.evidence.map((item) => ({
              kind: item.kind,
              title: item.title,
              url: 'url' in item && typeof item.url === 'string' ? item.url : undefined,
              finding: findings.get(item.id),
            })))(evidenceFindings(data.evidence)),
        });
      }),
    );
    const shared = sessions.map((row) => row.record).filter((s) => s.sourceCycleId === cycle.id);
    shared.sort((a, b) => (a.date === b.date ? a.startsAt.localeCompare(b.startsAt) : a.date < b.date ? -1 : 1));
    return { cycle, schoolName: school?.record.name ?? '', outcomes, sessions: shared };
  }

  private labels(): BookletLabels {
    return {
      contents: msg('Contents', { id: 'booklet.contents' }),
      drivingQuestion: msg('Driving question', { id: 'booklet.driving-question' }),
      authors: msg('By', { id: 'booklet.authors' }),
      summary: msg('Summary', { id: 'booklet.summary' }),
      findings: msg('What we found', { id: 'booklet.findings' }),
      recommendations: msg('What we recommend', { id: 'booklet.recommendations' }),
      reflection: msg('Reflection', { id: 'booklet.reflection' }),
      whatWorked: msg('What worked', { id: 'booklet.what-worked' }),
      whatDidNot: msg('What did not work', { id: 'booklet.what-did-not' }),
      nextSteps: msg('Next steps', { id: 'booklet.next-steps' }),
      evidence: msg('Evidence', { id: 'booklet.evidence' }),
      otherTheme: msg('Other enquiries', { id: 'booklet.other-theme' }),
      sessions: msg('Shared with all staff', { id: 'booklet.sessions' }),
    };
  }

  /** The booklet as shown, in the active language, or undefined until it has loaded. */
  get booklet(): Booklet | undefined {
    const source = this.source.value;
    const session = this.session;
    if (!source || !session) return undefined;
    const themes = session.directory.themes;
    const order = [...source.cycle.themeIds, ...source.outcomes.map((o) => o.themeId).filter((id): id is string => Boolean(id))];
    const count = source.outcomes.length;
    const themeCount = new Set(source.outcomes.map((o) => o.themeId ?? '')).size;
    return buildBooklet({
      title: msg('Sharing what we learned', { id: 'booklet.title' }),
      schoolName: source.schoolName,
      cycleName: source.cycle.name,
      subtitle:
        count === 1
          ? msg('One outcome from our professional learning communities', { id: 'booklet.subtitle-one' })
          : msg(str`${formatNumber(count)} outcomes from ${formatNumber(themeCount)} themes`, { id: 'booklet.subtitle' }),
      lang: currentLocale(),
      labels: this.labels(),
      themes: order.filter((id) => themes.has(id)).map((id) => ({ id, name: themes.get(id)!.name })),
      outcomes: source.outcomes.map((o) => ({
        ...o,
        evidence: o.evidence.map((e) => ({ ...e, kind: evidenceKindLabel(e.kind, this.session?.views), finding: e.finding ? findingText(e.finding) : undefined })),
      })),
      showWhatDidNot: !this.hideWhatDidNot,
      sessions: source.sessions.map((s) => bookletSession(s, (id) => session.directory.people.get(id)?.name)),
    });
  }

  /**
   * Which cycle's booklet to read, newest first: a CPD leader prints last year's booklet while a new
   * cycle has begun. Shown when the directory holds more than one cycle.
   */
  private cyclePicker(current: Cycle) {
    const cycles = [...(this.session?.directory.cycles.values() ?? [])].sort((a, b) => b.startsOn.localeCompare(a.startsOn));
    if (cycles.length < 2) return nothing;
    return html`<label class="option cycle-picker"
      >${msg('Cycle', { id: 'booklet.cycle' })}
      <select
        @change=${(e: Event) => {
          this.cycleId = (e.target as HTMLSelectElement).value;
        }}
      >
        ${cycles.map((c) => html`<option value=${c.id} ?selected=${c.id === current.id}>${c.name}</option>`)}
      </select></label
    >`;
  }

  protected override render() {
    const level = this.level;
    const title = { id: 'booklet-title', focusable: true };
    const plain = heading(level, msg('Booklet', { id: 'booklet.plain-title' }), title);
    if (!this.session) {
      return html`${plain}${this.noSessionNotice(needsProviderText)}`;
    }
    if (!this.session.ready) return html`${plain}<p class="muted" role="status">${msg('Loading the booklet…', { id: 'booklet.loading' })}</p>`;
    const cycle = this.cycleOf(this.session);
    if (!cycle) {
      return html`${plain}<p class="empty">${noCycleText()}</p>`;
    }
    if (!this.session.person) {
      return html`${plain}<p class="notice">${msg('Choose who you are to read the booklet.', { id: 'booklet.sign-in' })}</p>`;
    }
    if (this.source.status === 'error') {
      return html`${plain}<p class="notice error" role="alert">${msg('The booklet could not be loaded.', { id: 'booklet.load-error' })} ${this.source.error}</p>`;
    }
    const booklet = this.booklet;
    if (this.source.status !== 'ready' || !booklet) {
      return html`${plain}<p class="muted" role="status">${msg('Loading the booklet…', { id: 'booklet.loading' })}</p>`;
    }
    if (countOutcomes(booklet) === 0) {
      return html`${heading(level, msg(str`Booklet ${cycle.name}`, { id: 'booklet.empty-title' }), title)}
        <div class="toolbar actions" part="toolbar">${this.cyclePicker(cycle)}</div>
        <div class="empty">
          <p>${msg(str`Nothing published for ${cycle.name} yet`, { id: 'booklet.empty' })}</p>
          <p class="empty-hint">
            ${msg('Outcomes appear here when an enquiry is published with the booklet among its audiences.', { id: 'booklet.empty-hint' })}
          </p>
        </div>`;
    }
    return html`<div class="toolbar actions" part="toolbar" role="group" aria-label=${msg('Print or download the booklet', { id: 'booklet.toolbar' })}>
        <button class="primary" part="print" @click=${this.print}>${msg('Print', { id: 'booklet.print' })}</button>
        <button @click=${this.downloadMarkdown}>${msg('Download as Markdown', { id: 'booklet.download-md' })}</button>
        <button @click=${this.downloadHtml}>${msg('Download as a web page (HTML)', { id: 'booklet.download-html' })}</button>
        <label class="option"
          ><input type="checkbox" .checked=${!this.hideWhatDidNot} @change=${(e: Event) => (this.hideWhatDidNot = !(e.target as HTMLInputElement).checked)} />
          ${msg('Include "what did not work"', { id: 'booklet.include-what-did-not' })}</label
        >
        ${this.cyclePicker(cycle)}
      </div>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
      <header class="title-page" part="title-page">
        ${heading(level, booklet.title, title)}
        <p class="school">${booklet.schoolName}</p>
        <p class="cycle">${booklet.cycleName}</p>
        ${booklet.subtitle ? html`<p class="subtitle">${booklet.subtitle}</p>` : nothing}
      </header>
      <nav class="contents" part="contents" aria-labelledby="booklet-contents">
        ${heading(level + 1, booklet.labels.contents, { id: 'booklet-contents' })}
        <ol>
          ${booklet.sections.map(
            (section) => html`<li>
              <a href=${`#${section.id}`} @click=${this.jump}>${section.title}</a>
              <ul>
                ${section.outcomes.map(
                  (outcome) => html`<li><a href=${`#${anchorId('outcome', outcome.enquiryId)}`} @click=${this.jump}>${outcome.title}</a></li>`,
                )}
              </ul>
            </li>`,
          )}
          ${booklet.sessions.length ? html`<li><a href="#sharing-sessions" @click=${this.jump}>${booklet.labels.sessions}</a></li>` : nothing}
        </ol>
      </nav>
      ${booklet.sections.map(
        (section) => html`<section class="theme" part="section" id=${section.id} aria-labelledby=${`${section.id}-title`}>
          ${heading(level + 1, section.title, { id: `${section.id}-title`, focusable: true })}
          ${section.outcomes.map((outcome) => this.renderOutcome(booklet, outcome, level + 2))}
        </section>`,
      )}
      ${bookletSessionsView(booklet, level + 1, this.jump)}
      ${this.session.server ? html`<plc-vle-post part="vle-post" cycle-id=${cycle.id} heading-level=${level + 1}></plc-vle-post>` : nothing}`;
  }

  private renderOutcome(booklet: Booklet, outcome: BookletOutcome, level: number) {
    const { labels } = booklet;
    const id = anchorId('outcome', outcome.enquiryId);
    const sub = level + 1;
    const list = (title: string, items: string[]) =>
      items.length ? html`${heading(sub, title)}<ul>${items.map((item) => html`<li>${item}</li>`)}</ul>` : nothing;
    const reflection = printedReflection(outcome.reflection, booklet.showWhatDidNot);
    const reflectionParts = reflection
      ? ([
          [labels.whatWorked, reflection.whatWorked],
          [labels.whatDidNot, reflection.whatDidNot],
          [labels.nextSteps, reflection.nextSteps],
        ] as const).filter(([, text]) => text.trim())
      : [];
    const evidence = outcome.evidence ?? [];
    return html`<article class="outcome" part="outcome" id=${id} aria-labelledby=${`${id}-title`}>
      ${heading(level, outcome.title, { id: `${id}-title`, focusable: true })}
      ${outcome.question.trim()
        ? html`<p class="question" part="question"><span class="term">${labels.drivingQuestion}:</span> ${outcome.question}</p>`
        : nothing}
      ${outcome.authors.length ? html`<p class="authors"><span class="term">${labels.authors}:</span> ${outcome.authors.join(', ')}</p>` : nothing}
      ${outcome.summary.trim() ? html`${heading(sub, labels.summary)}${paragraphs(outcome.summary).map((p) => html`<p class="summary-text">${p}</p>`)}` : nothing}
      ${list(labels.findings, outcome.findings)} ${list(labels.recommendations, outcome.recommendations)}
      ${reflectionParts.length
        ? html`${heading(sub, labels.reflection)}${reflectionParts.map(
            ([label, text]) => html`<p><span class="term">${label}:</span> ${text}</p>`,
          )}`
        : nothing}
      ${evidence.length
        ? html`${heading(sub, labels.evidence)}
            <ul>
              ${evidence.map((item) => {
                const url = safeUrl(item.url);
                return html`<li>
                  ${item.kind}: ${url ? html`<a href=${url}>${item.title}</a>` : item.title}${item.finding ? html` <span class="finding">${`(${item.finding})`}</span>` : nothing}
                </li>`;
              })}
            </ul>`
        : nothing}
    </article>`;
  }

  /** Contents links: the targets are inside this shadow root, where the browser does not look for `#id`. */
  private jump = (event: MouseEvent) => {
    const link = event.currentTarget as HTMLAnchorElement;
    const id = link.getAttribute('href')?.slice(1);
    const target = id ? this.shadowRoot?.getElementById(`${id}-title`) : null;
    if (!target) return;
    event.preventDefault();
    // Instant, like following an ordinary `#id` link (the host page's scroll-behavior still applies).
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  };

  private print = () => {
    window.print();
  };

  private downloadMarkdown = () => {
    const booklet = this.booklet;
    if (!booklet) return;
    const name = bookletFileName(booklet, 'md');
    if (offerDownload(this, name, 'text/markdown;charset=utf-8', bookletToMarkdown(booklet))) this.announce(name);
  };

  private downloadHtml = () => {
    const booklet = this.booklet;
    if (!booklet) return;
    const name = bookletFileName(booklet, 'html');
    if (offerDownload(this, name, 'text/html;charset=utf-8', bookletToHtml(booklet))) this.announce(name);
  };

  private announce(fileName: string): void {
    this.announcement = msg(str`Downloading ${fileName}`, { id: 'booklet.downloading' });
  }
}

/** What a piece of evidence found, in the active language: "60% agree, up from 35%", "4.2 → 6.1 marks". */
export function findingText(finding: EvidenceFinding): string {
  switch (finding.kind) {
    case 'agree': {
      const now = formatPercent(finding.share);
      if (finding.previous === undefined) return msg(str`${now} agree`, { id: 'booklet.finding.agree' });
      const before = formatPercent(finding.previous);
      if (finding.share > finding.previous) return msg(str`${now} agree, up from ${before}`, { id: 'booklet.finding.agree-up' });
      if (finding.share < finding.previous) return msg(str`${now} agree, down from ${before}`, { id: 'booklet.finding.agree-down' });
      return msg(str`${now} agree, as before`, { id: 'booklet.finding.agree-same' });
    }
    case 'assessment': {
      const number = (value: number) => formatNumber(value, { maximumFractionDigits: 2 });
      const unit = finding.unit ?? '';
      return msg(str`${number(finding.before)} → ${number(finding.after)} ${unit}`, { id: 'booklet.finding.assessment' }).trim();
    }
    case 'walk':
      return lessonsText({ lessonsShowingFocus: finding.showing, lessonsVisited: finding.visited });
  }
}
