import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { msg, str } from '@lit/localize';
import { analyseLearningWalk, naturalCompare } from '../../src/analysis/learningWalk.js';
import { verdict as policyVerdict } from '../../src/policy/policy.js';
import { LIMITS } from '../../src/schema/common.js';
import { learningWalkDateProblem, type Community, type Cycle, type LearningWalk, type Person } from '../../src/schema/directory.js';
import type { PlcSession } from '../context/session.js';
import { PlcElement } from '../base/plc-element.js';
import { formatDate, formatNumber, localToday } from '../localization.js';
import { sharedStyles } from '../styles/shared.js';
import { clampLevel, heading } from '../shared/heading.js';
import { intervalChartStyles } from '../shared/interval-chart.js';
import { lessonsText } from '../shared/sentences.js';
import { StoreQueryController } from '../controllers/store-query.js';
import { RecordEditorController } from '../controllers/record-editor.js';
import { conflictView, conflictViewStyles } from '../shared/conflict-view.js';
import { notSentText, savedOnDeviceOnly } from '../shared/saved-text.js';
import { KeptFormController } from '../controllers/kept-form.js';
import { foldStyles } from '../shared/fold.js';
import { WidthController } from '../controllers/width-controller.js';
import { dataTableStyles } from '../styles/data-table.js';
import { rowListStyles } from '../styles/row-list.js';
import { walkBreakdown, walkLessons, walkResult } from './walk-parts.js';
import { learningWalkStyles } from './plc-learning-walk.styles.js';
import { needsProviderText, noCycleText, tryAgainText } from '../strings.js';

type Lesson = LearningWalk['lessons'][number];

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
  return policyVerdict({ kind: 'person', person }, 'directory.write', { collection: 'learningWalks', communities: ofCycle }).allowed;
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
 * @csspart draft-prompt - The offer to restore a setup or a lesson typed but not used before a reload.
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
  static override styles = [sharedStyles, intervalChartStyles, dataTableStyles, rowListStyles, conflictViewStyles, foldStyles, learningWalkStyles];

  static override properties: PropertyDeclarations = {
    cycleId: { attribute: 'cycle-id', reflect: true },
    walkId: { attribute: 'walk-id', reflect: true },
    headingLevel: { attribute: 'heading-level', type: Number },
    finished: { state: true },
    startError: { state: true },
    savedHere: { state: true },
    setupErrors: { state: true },
    announcement: { state: true },
  };

  constructor() {
    super();
    this.headingLevel = 2;
    this.finished = false;
    this.startError = '';
    this.savedHere = false;
    this.setupErrors = {};
    this.announcement = '';
  }

  /** The cycle the walk belongs to; defaults to the provider's cycle. */
  declare cycleId: string | undefined;

  /** The walk to continue. Set by the element itself when a new walk starts. */
  declare walkId: string | undefined;

  /** The level of the element's heading (2 to 6). */
  declare headingLevel: number;

  /** Whether the open walk shows its finished result rather than the tally. */
  private declare finished: boolean;
  /** Why a new walk could not be started, or ''. */
  private declare startError: string;
  /** Whether the open walk has been saved from this page (the status line then says so). */
  private declare savedHere: boolean;
  private declare setupErrors: Readonly<Record<string, string>>;
  private declare announcement: string;

  /** This cycle's walks, for "continue a walk" and the quick picks. */
  private readonly walks = new StoreQueryController<LearningWalk[]>(this, () => this.session, {
    key: (session) => this.cycleOf(session)?.id,
    load: async (session) => {
      const cycleId = this.cycleOf(session)?.id;
      return (await session.store.list('learningWalks')).map((w) => w.record).filter((w) => w.cycleId === cycleId);
    },
    affects: (change) => change.kind === 'record' && change.collection === 'learningWalks',
  });

  /** The open walk: saved at its version after every lesson, so nothing is lost if the tablet sleeps. */
  private readonly editor = new RecordEditorController<LearningWalk, LearningWalk>(this, () => this.session, {
    collection: 'learningWalks',
    draftOf: (walk) => walk!,
    recordOf: (walk) => ({ record: walk }),
    fieldLabels: () => ({
      focus: msg('What are you looking for?', { id: 'walk.focus.label' }),
      date: msg('Date', { id: 'walk.date.label' }),
      lessons: msg('Lessons so far', { id: 'walk.lessons.title' }),
    }),
  });
  private loadedFor: string | undefined;
  /** The setup form (focus, date), kept on the device as it is typed until the walk starts. */
  private readonly setup = new KeptFormController(this, () => this.session, () => (this.walk ? undefined : `walk-setup/${this.session ? (this.cycleOf(this.session)?.id ?? '') : ''}`), () => ({ focus: '', date: localToday() }), 'walk-focus');
  /** The lesson being described (year group, subject, note), kept on the device until it is tallied. */
  private readonly lesson = new KeptFormController(this, () => this.session, () => (this.walk && !this.editor.isNew ? `walk-lesson/${this.walk.id}` : undefined), () => ({ yearGroup: '', subject: '', note: '' }), 'walk-note');

  /** Sizes the result chart to its card, which moves between the setup, walking and finished views. */
  private readonly chart = new WidthController(this, 480, () => this.renderRoot.querySelector('.result'));

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('walkId') || changed.has('session')) && this.session?.ready && this.walkId !== this.loadedFor) {
      this.loadedFor = this.walkId;
      this.openWalk(this.walkId);
    }
  }

  private cycleOf(session: PlcSession): Cycle | undefined {
    return this.cycleId ? session.directory.cycles.get(this.cycleId) : session.cycle;
  }

  private get level(): number {
    return clampLevel(this.headingLevel);
  }

  /** The walk open in the editor (the draft, saved after every lesson). */
  private get walk(): LearningWalk | undefined {
    return this.editor.draft;
  }

  private openWalk(walkId: string | undefined): void {
    if (this.walk && this.walk.id === walkId) return;
    this.finished = false;
    this.savedHere = false;
    if (walkId) void this.editor.load(walkId);
    else this.editor.close();
  }

  // ---------------------------------------------------------------------------------------------
  // Render

  protected override render() {
    const title = heading(this.level, msg('Learning walk', { id: 'walk.title' }), { className: 'title', focusable: true });
    const session = this.session;
    if (!session) {
      return html`${title}${this.noSessionNotice(needsProviderText)}`;
    }
    if (!session.ready || this.editor.status === 'loading') {
      return html`${title}<p class="muted" role="status">${msg('Loading…', { id: 'walk.loading' })}</p>`;
    }
    const person = session.person;
    if (!person) return html`${title}<p class="notice">${msg('Choose who you are to record a learning walk.', { id: 'walk.sign-in' })}</p>`;
    const cycle = this.walk ? session.directory.cycles.get(this.walk.cycleId) : this.cycleOf(session);
    if (!cycle) {
      return html`${title}<p class="empty">${noCycleText()}</p>`;
    }
    if (!mayLeadWalks(person, session.directory.communities.values(), cycle.id)) {
      return html`${title}<p class="notice warning">
          ${msg('Learning walks are recorded by CPD leaders, administrators and PLC leads.', { id: 'walk.not-allowed' })}
        </p>`;
    }
    const walk = this.walk;
    if (walk && !this.editor.isNew) return this.finished ? this.renderFinished(walk) : this.renderWalking(walk);
    return html`${title}
      ${this.editor.status === 'missing' ? html`<p class="notice warning">${msg('This learning walk could not be found.', { id: 'walk.missing' })}</p>` : nothing}
      ${this.editor.status === 'error' ? html`<p class="notice error" role="alert">${this.editor.failure}</p>` : nothing}
      ${this.startError ? html`<p class="notice error" role="alert">${this.startError}</p>` : nothing} ${this.renderSetup(cycle)}`;
  }

  private renderSetup(cycle: Cycle) {
    const errors = this.setupErrors;
    const walks = [...(this.walks.value ?? [])].sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? 1 : -1));
    return html`<form class="card" part="setup" novalidate @submit=${this.start}>
        ${heading(this.level + 1, msg('Start a walk', { id: 'walk.setup.title' }))} ${this.setup.prompt('setup-draft')}
        <div class="field">
          <label for="walk-focus">${msg('What are you looking for?', { id: 'walk.focus.label' })}</label>
          <span class="hint" id="walk-focus-hint">
            ${msg('The focus you look for in every lesson, e.g. "elements of strategic learning".', { id: 'walk.focus.hint' })}
          </span>
          <input
            id="walk-focus"
            .value=${this.setup.value.focus}
            maxlength=${LIMITS.shortText}
            required
            autocomplete="off"
            aria-invalid=${errors['focus'] ? 'true' : 'false'}
            aria-describedby=${errors['focus'] ? 'walk-focus-hint walk-focus-error' : 'walk-focus-hint'}
            @input=${(e: Event) => this.setup.set({ focus: (e.target as HTMLInputElement).value })}
          />
          ${errors['focus'] ? html`<p class="field-error" id="walk-focus-error">${errors['focus']}</p>` : nothing}
        </div>
        <div class="field">
          <label for="walk-date">${msg('Date', { id: 'walk.date.label' })}</label>
          <input
            id="walk-date"
            type="date"
            .value=${this.setup.value.date}
            required
            aria-invalid=${errors['date'] ? 'true' : 'false'}
            aria-describedby=${errors['date'] ? 'walk-date-error' : nothing}
            @input=${(e: Event) => this.setup.set({ date: (e.target as HTMLInputElement).value })}
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
            <ul class="row-list">
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
            this.lesson.set({ [kind]: next });
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
        <div class="area-result">${walkResult(walk, this.level + 1, { finished: this.finished, width: this.chart.width })}</div>
        <div class="area-form">
          ${this.lesson.prompt('lesson-draft')}
          <fieldset part="lesson">
            <legend>${msg(str`Lesson ${formatNumber(next)}`, { id: 'walk.lesson.legend' })}</legend>
            <div class="pair">
              <div class="field">
                <label for="walk-year">${msg('Year group (optional)', { id: 'walk.year.label' })}</label>
                <input id="walk-year" .value=${this.lesson.value.yearGroup} maxlength=${LIMITS.shortText} autocomplete="off" @input=${(e: Event) => this.lesson.set({ yearGroup: (e.target as HTMLInputElement).value })} />
                ${this.chips('yearGroup', years, this.lesson.value.yearGroup.trim(), msg('Recent year groups', { id: 'walk.year.recent' }))}
              </div>
              <div class="field">
                <label for="walk-subject">${msg('Subject (optional)', { id: 'walk.subject.label' })}</label>
                <input id="walk-subject" .value=${this.lesson.value.subject} maxlength=${LIMITS.shortText} autocomplete="off" @input=${(e: Event) => this.lesson.set({ subject: (e.target as HTMLInputElement).value })} />
                ${this.chips('subject', subjects, this.lesson.value.subject.trim(), msg('Recent subjects', { id: 'walk.subject.recent' }))}
              </div>
            </div>
            <div class="field">
              <label for="walk-note">${msg('Note (optional)', { id: 'walk.note.label' })}</label>
              <span class="hint" id="walk-note-hint">${msg('What you saw. No names of staff or students.', { id: 'walk.note.hint' })}</span>
              <textarea id="walk-note" aria-describedby="walk-note-hint" maxlength=${LIMITS.longText} .value=${this.lesson.value.note} @input=${(e: Event) => this.lesson.set({ note: (e.target as HTMLTextAreaElement).value })}></textarea>
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
          ${this.editor.failure && !this.editor.saving
            ? html`<div class="notice error" role="alert">
                <p>${msg(str`Not saved: ${this.editor.failure}`, { id: 'walk.save.error' })}</p>
                <button @click=${() => this.save()}>${tryAgainText()}</button>
              </div>`
            : nothing}
          ${conflictView(this.editor, { keepMine: () => this.save({ overTheirs: true }), takeTheirs: () => this.editor.takeTheirs() })}
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
        ${walk.lessons.length ? html`<div class="area-lessons">${walkLessons(walk, this.level + 1)}</div>` : nothing}
      </div></div>`;
  }

  private renderFinished(walk: LearningWalk) {
    return html`${this.walkHeader(walk)}
      <p class="notice success">${msg('Walk finished and saved.', { id: 'walk.finished' })}</p>
      ${walkResult(walk, this.level + 1, { finished: this.finished, width: this.chart.width })}
      ${walkBreakdown(walk, 'yearGroup', msg('By year group', { id: 'walk.by-year' }), msg('Year group', { id: 'walk.col.year' }))}
      ${walkBreakdown(walk, 'subject', msg('By subject', { id: 'walk.by-subject' }), msg('Subject', { id: 'walk.col.subject' }))}
      <div class="actions walk-actions">
        <button @click=${this.resume}>${msg('Continue this walk', { id: 'walk.resume' })}</button>
        <button class="primary" @click=${this.newWalk}>${msg('Start a new walk', { id: 'walk.new' })}</button>
      </div>`;
  }

  private statusText(): string {
    const editor = this.editor;
    if (editor.saving) return msg('Saving…', { id: 'walk.save.saving' });
    if (editor.failure || editor.conflict) return msg('Not saved', { id: 'walk.save.not-saved' });
    if (editor.dirty) return msg('Saving…', { id: 'walk.save.saving' });
    if (!this.savedHere) return '';
    return savedOnDeviceOnly(this.session?.store) ? notSentText() : msg('Saved', { id: 'walk.save.saved' });
  }

  // ---------------------------------------------------------------------------------------------
  // Actions

  private start = async (event: Event) => {
    event.preventDefault();
    const session = this.session;
    const person = session?.person;
    const cycle = session ? this.cycleOf(session) : undefined;
    if (!session || !person || !cycle) return;
    const { focus: focusTyped, date } = this.setup.value;
    const focus = focusTyped.trim();
    const errors: Record<string, string> = {};
    if (!focus) errors['focus'] = msg('Say what you are looking for.', { id: 'walk.focus.required' });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) errors['date'] = msg('Choose the date of the walk.', { id: 'walk.date.required' });
    else if (learningWalkDateProblem({ date }, cycle)) {
      const [name, from, to] = [cycle.name, formatDate(cycle.startsOn), formatDate(cycle.endsOn)];
      errors['date'] = msg(str`Choose a date within the cycle ${name} (${from} to ${to}).`, { id: 'walk.date.outside-cycle' });
    }
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
      date,
      leaderIds: [person.id],
      lessons: [],
    };
    this.startError = '';
    this.editor.openNew(walk);
    const result = await this.editor.save();
    if (!result.ok) {
      this.startError = msg(str`The walk could not be started: ${this.editor.failure}`, { id: 'walk.start-failed' });
      this.editor.close();
      return;
    }
    this.loadedFor = walk.id;
    this.walkId = walk.id;
    this.finished = false;
    this.savedHere = true;
    this.setup.reset();
    this.lesson.reset();
    await this.updateComplete;
    this.focusHeading();
  };

  private open(walkId: string): void {
    this.walkId = walkId;
    void this.loaded.then(() => this.focusHeading());
  }

  /** Moves keyboard focus to the walk's title (used by `<plc-app>` after navigating here). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('.title')?.focus();
  }

  private tally(showsFocus: boolean): void {
    const walk = this.walk;
    if (!walk) return;
    const lesson: Lesson = { showsFocus, at: new Date().toISOString() };
    const yearGroup = this.lesson.value.yearGroup.trim();
    const subject = this.lesson.value.subject.trim();
    const note = this.lesson.value.note.trim();
    if (yearGroup) lesson.yearGroup = yearGroup;
    if (subject) lesson.subject = subject;
    if (note) lesson.note = note;
    const lessons = [...walk.lessons, lesson];
    this.editor.update({ lessons });
    this.lesson.reset();
    const result = analyseLearningWalk({ ...walk, lessons });
    this.announcement = msg(str`Lesson ${formatNumber(lessons.length)}: ${verdict(showsFocus)}. ${lessonsText(result)}.`, { id: 'walk.announce.tally' });
    void this.save();
  }

  private undo = () => {
    const walk = this.walk;
    const last = walk?.lessons[walk.lessons.length - 1];
    if (!walk || !last) return;
    const number = walk.lessons.length;
    const lessons = walk.lessons.slice(0, -1);
    this.editor.update({ lessons });
    // Put the lesson's details back, so tapping the other target records it again.
    this.lesson.set({ yearGroup: last.yearGroup ?? '', subject: last.subject ?? '', note: last.note ?? '' });
    this.announcement = msg(str`Undid lesson ${formatNumber(number)}. ${lessonsText(analyseLearningWalk({ ...walk, lessons }))}.`, { id: 'walk.announce.undo' });
    void this.save();
  };

  private finish = async () => {
    this.finished = true;
    await this.updateComplete;
    this.focusHeading();
  };

  private resume = async () => {
    this.finished = false;
    await this.updateComplete;
    this.focusHeading();
  };

  private newWalk = async () => {
    this.editor.close();
    this.loadedFor = undefined;
    this.walkId = undefined;
    this.finished = false;
    // A lesson described but not tallied stays on the device, offered when the walk is opened again.
    void this.lesson.kept.release();
    this.lesson.value = { yearGroup: '', subject: '', note: '' };
    await this.updateComplete;
    (this.renderRoot.querySelector('#walk-focus') as HTMLElement | null)?.focus();
  };

  /** Saves the walk as it is now, after any save under way (so versions follow each other). */
  private async save(options: { overTheirs?: boolean } = {}): Promise<void> {
    const result = await this.editor.save(options);
    if (result.ok) this.savedHere = true;
  }
}
