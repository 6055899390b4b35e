import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { analyseLearningWalk, naturalCompare, type WalkBreakdown, type WalkGroup } from '../../src/analysis/learningWalk.js';
import { decide } from '../../src/policy/policy.js';
import { LIMITS } from '../../src/schema/common.js';
import type { Community, Cycle, LearningWalk, Person } from '../../src/schema/directory.js';
import { StaleWriteError } from '../../src/store/store.js';
import type { PlcSession } from '../context/session.js';
import { PlcElement } from '../base/plc-element.js';
import { formatDate, formatNumber, formatPercent, localToday } from '../localization.js';
import { sharedStyles } from '../styles/shared.js';
import { clampLevel, heading } from '../shared/heading.js';
import { intervalChart, intervalChartDefs, intervalChartStyles, intervalText } from '../shared/interval-chart.js';
import { lessonsText, walkIntervalText } from '../shared/sentences.js';
import { StoreQueryController } from '../controllers/store-query.js';
import { WidthController } from '../controllers/width-controller.js';
import { dataTable } from '../shared/data-table.js';
import { dataTableStyles } from '../styles/data-table.js';

type Lesson = LearningWalk['lessons'][number];
type Mode = 'setup' | 'walking' | 'finished';
type SaveState = 'idle' | 'saving' | 'saved' | 'error' | 'stale';

/**
 * The `limit` most recent distinct values, in natural order ("Year 7" before "Year 10"), so a
 * chip stays where the leader's thumb expects it from one lesson to the next.
 */
function recent(values: Iterable<string | undefined>, limit = 8): string[] {
  const out: string[] = [];
  for (const value of values) {
    const text = value?.trim();
    if (text && !out.includes(text)) out.push(text);
    if (out.length === limit) break;
  }
  return out.sort(naturalCompare);
}

/** "shows the focus" / "not seen", for a lesson in a sentence. */
const verdict = (showsFocus: boolean): string =>
  showsFocus ? msg('shows the focus', { id: 'walk.lesson.shows' }) : msg('not seen', { id: 'walk.lesson.not-seen' });

/** Whether a person may lead learning walks: CPD leaders and administrators, and PLC leads. */
export function mayLeadWalks(person: Person, communities: Iterable<Community>, cycleId: string | undefined): boolean {
  const ofCycle = [...communities].filter((community) => !cycleId || community.cycleId === cycleId);
  return decide({ kind: 'person', person }, 'directory.write', { collection: 'learningWalks', communities: ofCycle }).allowed;
}

/**
 * A learning-walk tally made for a tablet carried between classrooms. The leader sets the focus
 * (e.g. "elements of strategic learning") and the date, then for each lesson taps one of two large
 * targets, **Shows the focus** or **Not seen**, after optionally picking the year group and subject
 * (recent values are one tap away) and writing a note. **Undo** takes back the last lesson (and
 * puts its details back in the form). The result grows as they go ("22 of 30 lessons (73%)", with
 * its 95% interval in words) and the walk is saved after every lesson, so nothing is lost if the
 * tablet sleeps. **Finish** shows the result by year group and subject.
 *
 * Without `walk-id` it opens on the setup form, with this cycle's walks listed to continue one.
 * Only CPD leaders, administrators and PLC leads record walks; others see why not.
 *
 * @summary Tablet-first learning-walk tally: two big targets, undo, saved after every lesson.
 * @csspart setup - The focus and date form.
 * @csspart walks - The list of this cycle's walks to continue.
 * @csspart result - The running result (text and chart).
 * @csspart lesson - The fieldset for the next lesson (year group, subject, note).
 * @csspart chip - Each quick-pick button of a recent year group or subject.
 * @csspart shows - The "Shows the focus" button.
 * @csspart not-seen - The "Not seen" button.
 * @csspart undo - The Undo button.
 * @csspart finish - The "Finish the walk" button.
 * @csspart lessons - The list of lessons recorded so far.
 * @csspart status - The save status line.
 * @cssproperty --plc-walk-target-size - The height of the two tally buttons (default 6rem; never under 64px).
 */
export class PlcLearningWalk extends PlcElement {
  static override styles = [
    sharedStyles,
    intervalChartStyles,
    dataTableStyles,
    css`
      :host {
        min-width: 0;
      }
      h5,
      h6 {
        font-size: 1rem;
      }
      .walk-head {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        justify-content: space-between;
        gap: 0 var(--plc-space, 0.5rem);
      }
      .walk-head :is(h2, h3, h4, h5, h6) {
        margin-block-end: calc(var(--plc-space, 0.5rem) / 2);
        overflow-wrap: anywhere;
      }
      [tabindex='-1']:focus {
        outline: none;
      }
      [tabindex='-1']:focus-visible {
        outline: 3px solid var(--plc-color-focus, #b45309);
      }
      .walking {
        container-type: inline-size;
      }
      /* One column on a tablet held upright: the result first, then the lesson and its two targets. */
      .layout {
        display: grid;
        gap: calc(var(--plc-space, 0.5rem) * 2);
        grid-template-columns: minmax(0, 1fr);
        grid-template-areas: 'result' 'form' 'lessons';
        align-items: start;
      }
      .area-result {
        grid-area: result;
      }
      .area-form {
        grid-area: form;
      }
      .area-lessons {
        grid-area: lessons;
      }
      @container (min-width: 50rem) {
        .layout {
          grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
          grid-template-areas: 'form result' 'form lessons';
        }
      }
      .result {
        min-width: 0;
      }
      .result .big {
        font-size: clamp(1.5rem, 5vw, 2.25rem);
        font-weight: 700;
        line-height: 1.2;
        margin-block-end: var(--plc-space, 0.5rem);
        font-variant-numeric: tabular-nums;
      }
      .tally {
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: calc(var(--plc-space, 0.5rem) * 1.5);
        margin-block: calc(var(--plc-space, 0.5rem) * 2);
      }
      .tally button {
        min-height: max(64px, var(--plc-walk-target-size, 6rem));
        font-size: 1.25rem;
        font-weight: 700;
        border-width: 2px;
        flex-direction: column;
        white-space: normal;
        text-align: center;
        touch-action: manipulation;
      }
      .tally .shows {
        background: var(--plc-color-success-soft, #e3f4ea);
        border-color: var(--plc-color-success, #1d7a46);
      }
      .tally .not-seen {
        background: var(--plc-color-surface, #f6f7f9);
        border-color: var(--plc-color-text-muted, #4f5967);
      }
      .tally .mark {
        font-size: 1.75rem;
        line-height: 1;
      }
      .tally button:active:not(:disabled) {
        transform: translateY(1px);
      }
      .walk-actions button {
        min-height: 64px;
        touch-action: manipulation;
      }
      .chips {
        display: flex;
        flex-wrap: wrap;
        gap: calc(var(--plc-space, 0.5rem) / 2);
        margin-block-start: calc(var(--plc-space, 0.5rem) / 2);
      }
      .chips button {
        min-height: 44px;
        border-radius: 999px;
        padding-inline: calc(var(--plc-space, 0.5rem) * 1.5);
      }
      .chips button[aria-pressed='true'] {
        background: var(--plc-color-accent-soft, #e6eefb);
        border-color: var(--plc-color-accent, #1f5fbf);
        font-weight: 600;
      }
      .pair {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
        gap: 0 calc(var(--plc-space, 0.5rem) * 2);
      }
      textarea {
        min-height: 4.5rem;
      }
      .area-lessons :is(h2, h3, h4, h5, h6) {
        margin-block-start: var(--plc-space, 0.5rem);
      }
      .lessons {
        margin: 0;
        padding-inline-start: 2.5rem;
      }
      .lessons li {
        margin-block: calc(var(--plc-space, 0.5rem) / 2);
        overflow-wrap: anywhere;
      }
      .lessons .note {
        display: block;
      }
      .lessons .no {
        color: var(--plc-color-text-muted, #4f5967);
      }
      .status {
        min-height: 1.5em;
        margin: 0;
      }
      [part='walks'] {
        margin-block-start: calc(var(--plc-space, 0.5rem) * 3);
      }
      .walk-list {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        gap: var(--plc-space, 0.5rem);
      }
      .walk-list li {
        display: flex;
        flex-wrap: wrap;
        gap: var(--plc-space, 0.5rem);
        align-items: center;
        justify-content: space-between;
        padding: var(--plc-space, 0.5rem) 0;
        border-block-end: 1px solid var(--plc-color-border, #c9cfd8);
      }
      .walk-list span {
        overflow-wrap: anywhere;
        min-width: 0;
      }
      .table-wrap {
        margin-block: 0;
      }
      table {
        margin-block: var(--plc-space, 0.5rem) calc(var(--plc-space, 0.5rem) * 2);
      }
      @media (prefers-reduced-motion: reduce) {
        .tally button:active:not(:disabled) {
          transform: none;
        }
      }
    `,
  ];

  /** The cycle the walk belongs to; defaults to the provider's cycle. */
  @property({ attribute: 'cycle-id', reflect: true }) accessor cycleId: string | undefined;

  /** The walk to continue. Set by the element itself when a new walk starts. */
  @property({ attribute: 'walk-id', reflect: true }) accessor walkId: string | undefined;

  /** The level of the element's heading (2 to 6). */
  @property({ attribute: 'heading-level', type: Number }) accessor headingLevel = 2;

  @state() private accessor mode: Mode = 'setup';
  @state() private accessor walk: LearningWalk | undefined;
  @state() private accessor version = 0;
  @state() private accessor loadingWalk = false;
  @state() private accessor missing = false;
  @state() private accessor focusText = '';
  @state() private accessor dateText = localToday();
  @state() private accessor yearGroup = '';
  @state() private accessor subject = '';
  @state() private accessor note = '';
  @state() private accessor setupErrors: Readonly<Record<string, string>> = {};
  @state() private accessor saveState: SaveState = 'idle';
  @state() private accessor saveError = '';
  @state() private accessor announcement = '';

  /** This cycle's walks, for "continue a walk" and the quick picks. */
  private readonly walks = new StoreQueryController<LearningWalk[]>(this, () => this.session, {
    key: (session) => this.cycleOf(session)?.id,
    load: async (session) => {
      const cycleId = this.cycleOf(session)?.id;
      return (await session.store.list('learningWalks')).map((w) => w.record).filter((w) => w.cycleId === cycleId);
    },
    affects: (change) => change.kind === 'record' && change.collection === 'learningWalks',
  });

  private saving: Promise<void> = Promise.resolve();
  /** Bumped by every local change; a save writes only when it is ahead of the last one written. */
  private changes = 0;
  private savedChanges = 0;
  private loadedFor: string | undefined;
  private walkLoad: Promise<void> = Promise.resolve();

  /** Sizes the result chart to its card, which moves between the setup, walking and finished views. */
  private readonly chart = new WidthController(this, 480, () => this.renderRoot.querySelector('.result'));

  protected override async getUpdateComplete(): Promise<boolean> {
    await super.getUpdateComplete();
    await this.walkLoad;
    await this.saving;
    await this.walks.settled;
    return super.getUpdateComplete();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('walkId') || changed.has('session')) && this.session?.ready && this.walkId !== this.loadedFor) {
      this.loadedFor = this.walkId;
      this.walkLoad = this.loadWalk(this.walkId);
    }
  }

  private cycleOf(session: PlcSession): Cycle | undefined {
    return this.cycleId ? session.directory.cycles.get(this.cycleId) : session.cycle;
  }

  private get level(): number {
    return clampLevel(this.headingLevel);
  }

  private async loadWalk(walkId: string | undefined): Promise<void> {
    if (this.walk && this.walk.id === walkId) return;
    if (!walkId) {
      this.walk = undefined;
      this.mode = 'setup';
      this.missing = false;
      return;
    }
    const session = this.session;
    if (!session) return;
    this.loadingWalk = true;
    try {
      const found = await session.store.get('learningWalks', walkId);
      if (this.walkId !== walkId) return;
      this.missing = !found;
      this.walk = found?.record;
      this.version = found?.version ?? 0;
      this.mode = found ? 'walking' : 'setup';
      this.saveState = 'idle';
      this.changes = this.savedChanges = 0;
    } catch (error) {
      this.saveState = 'error';
      this.saveError = error instanceof Error ? error.message : String(error);
    } finally {
      this.loadingWalk = false;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Render

  protected override render() {
    const title = heading(this.level, msg('Learning walk', { id: 'walk.title' }), { className: 'title', focusable: true });
    const session = this.session;
    if (!session) {
      return html`${title}<p class="notice warning">${msg('This element needs a plc-provider around it.', { id: 'walk.no-provider' })}</p>`;
    }
    if (!session.ready || this.loadingWalk) {
      return html`${title}<p class="muted" role="status">${msg('Loading…', { id: 'walk.loading' })}</p>`;
    }
    const person = session.person;
    if (!person) return html`${title}<p class="notice">${msg('Choose who you are to record a learning walk.', { id: 'walk.sign-in' })}</p>`;
    const cycle = this.walk ? session.directory.cycles.get(this.walk.cycleId) : this.cycleOf(session);
    if (!cycle) {
      return html`${title}<p class="empty">${msg('No cycle chosen: set cycle-id, or choose a cycle in the provider.', { id: 'walk.no-cycle' })}</p>`;
    }
    if (!mayLeadWalks(person, session.directory.communities.values(), cycle.id)) {
      return html`${title}<p class="notice warning">
          ${msg('Learning walks are recorded by CPD leaders, administrators and PLC leads.', { id: 'walk.not-allowed' })}
        </p>`;
    }
    if (this.walk && this.mode === 'walking') return this.renderWalking(this.walk);
    if (this.walk && this.mode === 'finished') return this.renderFinished(this.walk);
    return html`${title}
      ${this.missing ? html`<p class="notice warning">${msg('This learning walk could not be found.', { id: 'walk.missing' })}</p>` : nothing}
      ${this.saveState === 'error' ? html`<p class="notice error" role="alert">${this.saveError}</p>` : nothing} ${this.renderSetup(cycle)}`;
  }

  private renderSetup(cycle: Cycle) {
    const errors = this.setupErrors;
    const walks = [...(this.walks.value ?? [])].sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? 1 : -1));
    return html`<form class="card" part="setup" novalidate @submit=${this.start}>
        ${heading(this.level + 1, msg('Start a walk', { id: 'walk.setup.title' }))}
        <div class="field">
          <label for="walk-focus">${msg('What are you looking for?', { id: 'walk.focus.label' })}</label>
          <span class="hint" id="walk-focus-hint">
            ${msg('The focus you look for in every lesson, e.g. "elements of strategic learning".', { id: 'walk.focus.hint' })}
          </span>
          <input
            id="walk-focus"
            .value=${this.focusText}
            maxlength=${LIMITS.shortText}
            required
            autocomplete="off"
            aria-invalid=${errors['focus'] ? 'true' : 'false'}
            aria-describedby=${errors['focus'] ? 'walk-focus-hint walk-focus-error' : 'walk-focus-hint'}
            @input=${(e: Event) => (this.focusText = (e.target as HTMLInputElement).value)}
          />
          ${errors['focus'] ? html`<p class="field-error" id="walk-focus-error">${errors['focus']}</p>` : nothing}
        </div>
        <div class="field">
          <label for="walk-date">${msg('Date', { id: 'walk.date.label' })}</label>
          <input
            id="walk-date"
            type="date"
            .value=${this.dateText}
            required
            aria-invalid=${errors['date'] ? 'true' : 'false'}
            aria-describedby=${errors['date'] ? 'walk-date-error' : nothing}
            @input=${(e: Event) => (this.dateText = (e.target as HTMLInputElement).value)}
          />
          ${errors['date'] ? html`<p class="field-error" id="walk-date-error">${errors['date']}</p>` : nothing}
        </div>
        <div class="actions">
          <button class="primary" type="submit">${msg('Start the walk', { id: 'walk.start' })}</button>
        </div>
      </form>
      ${walks.length
        ? html`<section part="walks" aria-labelledby="walk-list-title">
            ${heading(this.level + 1, msg(str`Walks in ${cycle.name}`, { id: 'walk.list.title' }), { id: 'walk-list-title' })}
            <ul class="walk-list">
              ${walks.map((walk) => {
                const result = analyseLearningWalk(walk);
                return html`<li>
                  <span><strong>${walk.focus}</strong> · ${formatDate(walk.date)} · ${lessonsText(result)}</span>
                  <button @click=${() => this.open(walk.id)} aria-label=${msg(str`Continue: ${walk.focus}, ${formatDate(walk.date)}`, { id: 'walk.list.continue-label' })}>
                    ${msg('Continue', { id: 'walk.list.continue' })}
                  </button>
                </li>`;
              })}
            </ul>
          </section>`
        : nothing}`;
  }

  private walkHeader(walk: LearningWalk) {
    return html`<div class="walk-head">
      ${heading(this.level, msg(str`Learning walk: ${walk.focus}`, { id: 'walk.walking.title' }), { className: 'title', focusable: true })}
      <span class="muted">${formatDate(walk.date)}</span>
    </div>`;
  }

  private renderResult(walk: LearningWalk, level: number) {
    const result = analyseLearningWalk(walk);
    const title = this.mode === 'finished' ? msg('Result', { id: 'walk.result.final' }) : msg('Result so far', { id: 'walk.result.title' });
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
            { width: this.chart.width, summary: `${lessonsText(result)}. ${walkIntervalText(result)}` },
          )
        : nothing}
    </section>`;
  }

  private chips(kind: 'yearGroup' | 'subject', values: string[], current: string, label: string) {
    if (!values.length) return nothing;
    return html`<div class="chips" role="group" aria-label=${label}>
      ${values.map(
        (value) => html`<button
          type="button"
          part="chip"
          aria-pressed=${current === value ? 'true' : 'false'}
          @click=${() => {
            const next = current === value ? '' : value;
            if (kind === 'yearGroup') this.yearGroup = next;
            else this.subject = next;
          }}
        >
          ${value}
        </button>`,
      )}
    </div>`;
  }

  private renderWalking(walk: LearningWalk) {
    const next = walk.lessons.length + 1;
    const others = (this.walks.value ?? []).filter((w) => w.id !== walk.id);
    const lessonsNewestFirst = [...walk.lessons].reverse();
    const years = recent([...lessonsNewestFirst.map((l) => l.yearGroup), ...others.flatMap((w) => [...w.lessons].reverse().map((l) => l.yearGroup))]);
    const subjects = recent([...lessonsNewestFirst.map((l) => l.subject), ...others.flatMap((w) => [...w.lessons].reverse().map((l) => l.subject))]);
    const last = walk.lessons[walk.lessons.length - 1];
    return html`${this.walkHeader(walk)}
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
      <div class="walking"><div class="layout">
        <div class="area-result">${this.renderResult(walk, this.level + 1)}</div>
        <div class="area-form">
          <fieldset part="lesson">
            <legend>${msg(str`Lesson ${formatNumber(next)}`, { id: 'walk.lesson.legend' })}</legend>
            <div class="pair">
              <div class="field">
                <label for="walk-year">${msg('Year group (optional)', { id: 'walk.year.label' })}</label>
                <input id="walk-year" .value=${this.yearGroup} maxlength=${LIMITS.shortText} autocomplete="off" @input=${(e: Event) => (this.yearGroup = (e.target as HTMLInputElement).value)} />
                ${this.chips('yearGroup', years, this.yearGroup.trim(), msg('Recent year groups', { id: 'walk.year.recent' }))}
              </div>
              <div class="field">
                <label for="walk-subject">${msg('Subject (optional)', { id: 'walk.subject.label' })}</label>
                <input id="walk-subject" .value=${this.subject} maxlength=${LIMITS.shortText} autocomplete="off" @input=${(e: Event) => (this.subject = (e.target as HTMLInputElement).value)} />
                ${this.chips('subject', subjects, this.subject.trim(), msg('Recent subjects', { id: 'walk.subject.recent' }))}
              </div>
            </div>
            <div class="field">
              <label for="walk-note">${msg('Note (optional)', { id: 'walk.note.label' })}</label>
              <span class="hint" id="walk-note-hint">${msg('What you saw. No names of staff or students.', { id: 'walk.note.hint' })}</span>
              <textarea id="walk-note" aria-describedby="walk-note-hint" maxlength=${LIMITS.longText} .value=${this.note} @input=${(e: Event) => (this.note = (e.target as HTMLTextAreaElement).value)}></textarea>
            </div>
          </fieldset>
          <div class="tally" role="group" aria-label=${msg(str`Record lesson ${formatNumber(next)}`, { id: 'walk.tally.group' })}>
            <button class="shows" part="shows" @click=${() => this.tally(true)}>
              <span class="mark" aria-hidden="true">✓</span>${msg('Shows the focus', { id: 'walk.tally.shows' })}
            </button>
            <button class="not-seen" part="not-seen" @click=${() => this.tally(false)}>
              <span class="mark" aria-hidden="true">–</span>${msg('Not seen', { id: 'walk.tally.not-seen' })}
            </button>
          </div>
          <p class="status muted" part="status" role="status">${this.statusText()}</p>
          ${this.saveState === 'error' || this.saveState === 'stale'
            ? html`<div class="notice error" role="alert">
                <p>${this.saveError}</p>
                ${this.saveState === 'stale'
                  ? html`<button @click=${this.reloadLatest}>${msg('Load the latest version', { id: 'walk.save.reload' })}</button>`
                  : html`<button @click=${() => this.queueSave()}>${msg('Try again', { id: 'walk.save.retry' })}</button>`}
              </div>`
            : nothing}
          <div class="actions walk-actions">
            <button part="undo" ?disabled=${!last} @click=${this.undo}>
              ${last
                ? msg(str`Undo lesson ${formatNumber(walk.lessons.length)} (${verdict(last.showsFocus)})`, {
                    id: 'walk.undo',
                  })
                : msg('Undo', { id: 'walk.undo-none' })}
            </button>
            <button part="finish" @click=${this.finish}>${msg('Finish the walk', { id: 'walk.finish' })}</button>
          </div>
        </div>
        ${walk.lessons.length ? html`<div class="area-lessons">${this.renderLessons(walk)}</div>` : nothing}
      </div></div>`;
  }

  private renderLessons(walk: LearningWalk) {
    return html`<section part="lessons" aria-labelledby="walk-lessons-title">
      ${heading(this.level + 1, msg('Lessons so far', { id: 'walk.lessons.title' }), { id: 'walk-lessons-title' })}
      <ol class="lessons" reversed>
        ${[...walk.lessons].reverse().map((lesson) => {
          const where = [lesson.yearGroup, lesson.subject].filter(Boolean).join(' · ');
          return html`<li class=${lesson.showsFocus ? 'yes' : 'no'}>
            <strong>${lesson.showsFocus ? msg('Shows the focus', { id: 'walk.tally.shows' }) : msg('Not seen', { id: 'walk.tally.not-seen' })}</strong>${where
              ? html` · ${where}`
              : nothing}${lesson.note ? html` <span class="note muted">${lesson.note}</span>` : nothing}
          </li>`;
        })}
      </ol>
    </section>`;
  }

  private renderFinished(walk: LearningWalk) {
    const breakdown = (by: WalkBreakdown, caption: string, column: string) => {
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
    };
    return html`${this.walkHeader(walk)}
      <p class="notice success">${msg('Walk finished and saved.', { id: 'walk.finished' })}</p>
      ${this.renderResult(walk, this.level + 1)}
      ${breakdown('yearGroup', msg('By year group', { id: 'walk.by-year' }), msg('Year group', { id: 'walk.col.year' }))}
      ${breakdown('subject', msg('By subject', { id: 'walk.by-subject' }), msg('Subject', { id: 'walk.col.subject' }))}
      <div class="actions walk-actions">
        <button @click=${this.resume}>${msg('Continue this walk', { id: 'walk.resume' })}</button>
        <button class="primary" @click=${this.newWalk}>${msg('Start a new walk', { id: 'walk.new' })}</button>
      </div>`;
  }

  private statusText(): string {
    switch (this.saveState) {
      case 'saving':
        return msg('Saving…', { id: 'walk.save.saving' });
      case 'saved':
        return msg('Saved', { id: 'walk.save.saved' });
      case 'error':
      case 'stale':
        return msg('Not saved', { id: 'walk.save.not-saved' });
      default:
        return '';
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Actions

  private start = async (event: Event) => {
    event.preventDefault();
    const session = this.session;
    const person = session?.person;
    const cycle = session ? this.cycleOf(session) : undefined;
    if (!session || !person || !cycle) return;
    const focus = this.focusText.trim();
    const errors: Record<string, string> = {};
    if (!focus) errors['focus'] = msg('Say what you are looking for.', { id: 'walk.focus.required' });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(this.dateText)) errors['date'] = msg('Choose the date of the walk.', { id: 'walk.date.required' });
    this.setupErrors = errors;
    if (Object.keys(errors).length) {
      await this.updateComplete;
      (this.renderRoot.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus();
      return;
    }
    const walk: LearningWalk = {
      schemaVersion: 1,
      id: session.newId('walk'),
      cycleId: cycle.id,
      focus,
      date: this.dateText,
      leaderIds: [person.id],
      lessons: [],
    };
    try {
      const saved = await session.store.put('learningWalks', walk, 0);
      this.walk = saved.record;
      this.version = saved.version;
      this.loadedFor = walk.id;
      this.walkId = walk.id;
      this.mode = 'walking';
      this.saveState = 'saved';
      this.changes = this.savedChanges = 0;
      this.resetLesson();
      await this.updateComplete;
      this.focusHeading();
    } catch (error) {
      this.saveState = 'error';
      this.saveError = msg(str`The walk could not be started: ${error instanceof Error ? error.message : String(error)}`, { id: 'walk.start-failed' });
    }
  };

  private open(walkId: string): void {
    this.walkId = walkId;
    void this.updateComplete.then(() => this.focusHeading());
  }

  /** Moves keyboard focus to the walk's title (used by `<plc-app>` after navigating here). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('.title')?.focus();
  }

  private resetLesson(): void {
    this.yearGroup = '';
    this.subject = '';
    this.note = '';
  }

  private tally(showsFocus: boolean): void {
    const walk = this.walk;
    if (!walk) return;
    const lesson: Lesson = { showsFocus, at: new Date().toISOString() };
    const yearGroup = this.yearGroup.trim();
    const subject = this.subject.trim();
    const note = this.note.trim();
    if (yearGroup) lesson.yearGroup = yearGroup;
    if (subject) lesson.subject = subject;
    if (note) lesson.note = note;
    this.walk = { ...walk, lessons: [...walk.lessons, lesson] };
    this.resetLesson();
    const result = analyseLearningWalk(this.walk);
    this.announcement = msg(
      str`Lesson ${formatNumber(this.walk.lessons.length)}: ${verdict(showsFocus)}. ${lessonsText(result)}.`,
      { id: 'walk.announce.tally' },
    );
    this.queueSave();
  }

  private undo = () => {
    const walk = this.walk;
    const last = walk?.lessons[walk.lessons.length - 1];
    if (!walk || !last) return;
    const number = walk.lessons.length;
    this.walk = { ...walk, lessons: walk.lessons.slice(0, -1) };
    // Put the lesson's details back, so tapping the other target records it again.
    this.yearGroup = last.yearGroup ?? '';
    this.subject = last.subject ?? '';
    this.note = last.note ?? '';
    this.announcement = msg(str`Undid lesson ${formatNumber(number)}. ${lessonsText(analyseLearningWalk(this.walk))}.`, { id: 'walk.announce.undo' });
    this.queueSave();
  };

  private finish = async () => {
    this.mode = 'finished';
    await this.updateComplete;
    this.focusHeading();
  };

  private resume = async () => {
    this.mode = 'walking';
    await this.updateComplete;
    this.focusHeading();
  };

  private newWalk = async () => {
    this.walk = undefined;
    this.loadedFor = undefined;
    this.walkId = undefined;
    this.mode = 'setup';
    this.focusText = '';
    this.dateText = localToday();
    this.saveState = 'idle';
    this.resetLesson();
    await this.updateComplete;
    (this.renderRoot.querySelector('#walk-focus') as HTMLElement | null)?.focus();
  };

  private reloadLatest = async () => {
    const id = this.walk?.id;
    if (!id) return;
    this.walk = undefined;
    this.loadedFor = id;
    this.walkLoad = this.loadWalk(id);
    await this.walkLoad;
  };

  /** Saves the walk as it is now, after any save already under way (so versions follow each other). */
  private queueSave(): void {
    this.changes += 1;
    this.saveState = 'saving';
    this.saving = this.saving.then(() => this.saveNow());
  }

  private async saveNow(): Promise<void> {
    const session = this.session;
    const walk = this.walk;
    if (!session || !walk) return;
    const changes = this.changes;
    if (changes === this.savedChanges && this.saveState !== 'error') return;
    try {
      const saved = await session.store.put('learningWalks', walk, this.version);
      this.version = saved.version;
      this.savedChanges = changes;
      if (this.changes === changes) this.saveState = 'saved';
    } catch (error) {
      if (error instanceof StaleWriteError) {
        this.saveState = 'stale';
        this.saveError = msg(
          'This walk was changed on another device, so your last lessons were not saved. Load the latest version and record them again.',
          { id: 'walk.save.stale' },
        );
      } else {
        this.saveState = 'error';
        this.saveError = msg(str`Not saved: ${error instanceof Error ? error.message : String(error)}`, { id: 'walk.save.error' });
      }
    }
  }
}
