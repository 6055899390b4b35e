import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { decide, type Actor } from '../../src/policy/policy.js';
import type { Collection, Community, Cycle, Person, School, Theme } from '../../src/schema/directory.js';
import { StoreError, type Store, type Versioned } from '../../src/store/store.js';
import { appraisalSummaryToCsv, communitiesToCsv, peopleToCsv, slugId, type ImportProblem } from '../../src/export/directoryCsv.js';
import { PlcElement } from '../base/plc-element.js';
import { PlcErrorEvent } from '../events/error.js';
import { formatDate, formatNumber } from '../localization.js';
import { sharedStyles } from '../styles/shared.js';
import { clampLevel, heading } from '../shared/heading.js';
import { offerDownload } from '../shared/download.js';
import { buildRecord, changedFields, draftOf, emptyDraft, type AdminCollection, type AdminRecord, type Draft, type FieldErrors } from './drafts.js';
import { draftForm, type FormContext } from './forms.js';
import { CsvImport, type ImportKind } from './csv-import.js';
import { cycleStatusLabel, importFieldLabel, importProblemText, roleLabel, weekdayLabel } from './labels.js';
import { cycleAdminStyles } from './plc-cycle-admin.styles.js';

/** The sections of the element, in tab order. */
export type CycleAdminSection = 'cycles' | 'themes' | 'communities' | 'people' | 'csv';
const SECTIONS: CycleAdminSection[] = ['cycles', 'themes', 'communities', 'people', 'csv'];
const EDITED: AdminCollection[] = ['cycles', 'themes', 'communities', 'people'];
const ID_PREFIX: Record<AdminCollection, string> = { cycles: 'cy', themes: 'th', communities: 'com', people: 'p' };
/** Problems shown in the report table; the rest are counted (a 50,000-row file can have many). */
const MAX_PROBLEMS_SHOWN = 500;

interface Lists {
  cycles: Array<Versioned<Cycle>>;
  themes: Array<Versioned<Theme>>;
  communities: Array<Versioned<Community>>;
  people: Array<Versioned<Person>>;
  schools: Array<Versioned<School>>;
}

/** A form open on one record: the draft as typed, and the version it was opened at. */
interface Editing {
  /** The record's id; undefined until a new record is first saved. */
  id: string | undefined;
  /** The version read when the form opened (0 for a new record): `store.put` expects it. */
  version: number;
  /** The record as it was read, to keep fields the form does not show and to compare. */
  original: AdminRecord | undefined;
  draft: Draft;
  errors: FieldErrors;
  /** Set when a save found that someone else wrote first. */
  stale?: { theirs: Versioned<AdminRecord> | undefined; fields: string[] } | undefined;
  /** Set after "Reload, keeping my changes": the next save replaces their version. */
  rebased?: boolean;
  failure?: string | undefined;
}

const byName = <T extends { record: { name: string } }>(a: T, b: T) => a.record.name.localeCompare(b.record.name);

/**
 * Programme administration for CPD leaders and administrators: cycles with their policy settings
 * and tracks, themes with their aspects of practice, communities (lead, members, coaches,
 * schools, meeting slots) and people; CSV import of staff and of appraisal records, with a
 * row-by-row report (line, field, problem) where nothing is written until the valid rows are
 * accepted; and CSV export.
 *
 * Every save writes at the version the form was opened at (optimistic concurrency): when someone
 * else saved first, the element says so, keeps what was typed, and offers to reload. Other
 * people see a message that the CPD leader or admin role is needed (the policy's
 * `directory.write`). Individual appraisal records are never shown: the appraisal import reports
 * only counts and problems, and the export gives figures across staff.
 *
 * @summary Cycles, themes, communities and people; CSV import with a report; CSV export.
 * @event plc-download - Just before an export downloads (cancelable: call `preventDefault()` to take the file yourself).
 * @event plc-error - The records could not be loaded, or a save failed for a reason other than a stale version.
 * @csspart tabs - The tab list of sections.
 * @csspart tab - Each section's tab.
 * @csspart panel - The selected section.
 * @csspart table - Each table of records.
 * @csspart form - The form editing a record.
 * @csspart stale - The notice shown when someone else changed the record first.
 * @csspart import - The CSV import section.
 * @csspart report - The import report (counts and problems table).
 * @csspart export - The CSV export section.
 */
export class PlcCycleAdmin extends PlcElement {
  static override styles = [sharedStyles, cycleAdminStyles];

  /** The section shown: `cycles` (default), `themes`, `communities`, `people` or `csv` (import and export). */
  @property({ reflect: true }) accessor section: CycleAdminSection = 'cycles';

  /** The level of the element's heading (2 to 6); sections and forms are one and two below. */
  @property({ attribute: 'heading-level', type: Number }) accessor headingLevel = 2;

  @state() private accessor lists: Lists | undefined;
  @state() private accessor status: 'loading' | 'ready' | 'error' = 'loading';
  @state() private accessor loadError = '';
  @state() private accessor edits: Partial<Record<AdminCollection, Editing>> = {};
  @state() private accessor saving = false;
  @state() private accessor announcement = '';
  @state() private accessor saved: { section: AdminCollection; text: string } | undefined;
  @state() private accessor communityCycle: string | undefined;
  @state() private accessor personQuery = '';
  @state() private accessor filters: Readonly<Record<string, string>> = {};

  /** The staff and appraisal import. */
  private readonly csv = new CsvImport(this, () => this.session?.store);
  private store: Store | undefined;
  private unsubscribe: (() => void) | undefined;
  private loading: Promise<void> = Promise.resolve();
  private reloadQueued = false;

  protected override async getUpdateComplete(): Promise<boolean> {
    await super.getUpdateComplete();
    await this.loading;
    return super.getUpdateComplete();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.store = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.session?.store && !this.store) this.follow(this.session.store);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const store = this.session?.store;
    if (changed.has('session') && store && store !== this.store) this.follow(store);
  }

  /** Loads the records from `store` and reloads them whenever one of them changes. */
  private follow(store: Store): void {
    this.unsubscribe?.();
    this.store = store;
    this.status = 'loading';
    this.unsubscribe = store.subscribe((change) => {
      const relevant = (change.kind === 'record' && ['cycles', 'themes', 'communities', 'people', 'schools'].includes(change.collection)) || change.kind === 'reset';
      if (relevant && !this.reloadQueued) {
        // An import writes hundreds of records: reload once they are in, not once per record.
        this.reloadQueued = true;
        setTimeout(() => {
          this.reloadQueued = false;
          this.loading = this.load(store);
        }, 50);
      }
    });
    this.loading = this.load(store);
  }

  private async load(store: Store): Promise<void> {
    try {
      const [cycles, themes, communities, people, schools] = await Promise.all([
        store.list('cycles'),
        store.list('themes'),
        store.list('communities'),
        store.list('people'),
        store.list('schools'),
      ]);
      if (store !== this.store) return;
      this.lists = {
        cycles: cycles.sort((a, b) => b.record.startsOn.localeCompare(a.record.startsOn)),
        themes: themes.sort(byName),
        communities: communities.sort(byName),
        people: people.sort(byName),
        schools: schools.sort(byName),
      };
      this.status = 'ready';
    } catch (error) {
      if (store !== this.store) return;
      this.status = 'error';
      this.loadError = error instanceof Error ? error.message : String(error);
      this.dispatchEvent(new PlcErrorEvent(msg('The programme records could not be loaded.', { id: 'admin.load-error' }), error));
    }
  }

  private retry = () => {
    if (this.store) {
      this.status = 'loading';
      this.loading = this.load(this.store);
    }
  };

  /** Moves keyboard focus to the administration's heading (used by `<plc-app>` after navigating here). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('.admin-title')?.focus();
  }

  private get level(): number {
    return clampLevel(this.headingLevel);
  }

  private get actor(): Actor | undefined {
    const person = this.session?.person;
    return person ? { kind: 'person', person } : undefined;
  }

  private may(collection: Collection): boolean {
    const actor = this.actor;
    return actor ? decide(actor, 'directory.write', { collection }).allowed : false;
  }

  // -----------------------------------------------------------------------------------------------
  // Rendering: states.

  protected override render() {
    const head = heading(this.level, html`${msg('Programme administration', { id: 'admin.title' })}`, { className: 'admin-title', focusable: true });
    if (!this.session) {
      return html`${head}<p class="notice warning">${msg('This element needs a plc-provider around it.', { id: 'admin.no-provider' })}</p>`;
    }
    if (!this.session.ready) {
      return html`${head}<p class="muted" role="status">${msg('Loading the programme’s records…', { id: 'admin.loading' })}</p>`;
    }
    if (!this.session.person) {
      return html`${head}<p class="notice">${msg('Choose who you are to manage the programme.', { id: 'admin.sign-in' })}</p>`;
    }
    if (!EDITED.every((c) => this.may(c))) {
      return html`${head}<p class="notice warning" role="note">
          ${msg('You need the CPD leader or admin role to manage cycles, themes, communities and people.', { id: 'admin.not-allowed' })}
        </p>`;
    }
    if (this.status === 'error') {
      return html`${head}
        <div class="notice error" role="alert">
          <p>${msg('The programme records could not be loaded.', { id: 'admin.load-error' })} ${this.loadError}</p>
          <button @click=${this.retry}>${msg('Try again', { id: 'admin.retry' })}</button>
        </div>`;
    }
    if (this.status === 'loading' || !this.lists) {
      return html`${head}<p class="muted" role="status">${msg('Loading the programme’s records…', { id: 'admin.loading' })}</p>`;
    }
    return html`${head}
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
      ${this.renderTabs()}
      <section class="panel" part="panel" role="tabpanel" id="ca-panel" aria-labelledby="ca-tab-${this.current}">${this.renderSection(this.lists)}</section>`;
  }

  private sectionLabel(section: CycleAdminSection): string {
    switch (section) {
      case 'cycles':
        return msg('Cycles', { id: 'admin.tab.cycles' });
      case 'themes':
        return msg('Themes', { id: 'admin.tab.themes' });
      case 'communities':
        return msg('Communities', { id: 'admin.tab.communities' });
      case 'people':
        return msg('People', { id: 'admin.tab.people' });
      default:
        return msg('Import and export', { id: 'admin.tab.csv' });
    }
  }

  private renderTabs() {
    return html`<div role="tablist" part="tabs" aria-label=${msg('Sections', { id: 'admin.sections' })} @keydown=${this.onTabKey}>
      ${SECTIONS.map((section) => {
        const selected = section === this.current;
        return html`<button
          role="tab"
          part="tab"
          id="ca-tab-${section}"
          aria-selected=${selected ? 'true' : 'false'}
          aria-controls="ca-panel"
          tabindex=${selected ? '0' : '-1'}
          @click=${() => this.select(section)}
        >
          ${this.sectionLabel(section)}
        </button>`;
      })}
    </div>`;
  }

  /** Arrow keys, Home and End move between tabs (roving tabindex); the panel follows. */
  private onTabKey = async (event: KeyboardEvent) => {
    const index = SECTIONS.indexOf(this.current);
    const next =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? (index + 1) % SECTIONS.length
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? (index - 1 + SECTIONS.length) % SECTIONS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? SECTIONS.length - 1
              : -1;
    if (next < 0) return;
    event.preventDefault();
    this.select(SECTIONS[next]!);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#ca-tab-${SECTIONS[next]!}`)?.focus();
  };

  private select(section: CycleAdminSection): void {
    this.section = section;
    this.saved = undefined;
  }

  /** The section shown: the `section` attribute, or cycles when it names none. */
  private get current(): CycleAdminSection {
    return SECTIONS.includes(this.section) ? this.section : 'cycles';
  }

  private renderSection(lists: Lists) {
    if (this.current === 'csv') return this.renderCsv(lists);
    const collection = this.current as AdminCollection;
    const editing = this.edits[collection];
    if (editing) return this.renderForm(collection, editing, lists);
    const sub = this.level + 1;
    const newLabel = {
      cycles: msg('New cycle', { id: 'admin.cycle.new' }),
      themes: msg('New theme', { id: 'admin.theme.new' }),
      communities: msg('New community', { id: 'admin.community.new' }),
      people: msg('New person', { id: 'admin.person.new' }),
    }[collection];
    return html`<div class="panel-head">
        ${heading(sub, html`${this.sectionLabel(collection)}`, { className: 'panel-title', focusable: true, id: 'ca-panel-title' })}
        <button class="primary" data-new=${collection} @click=${() => this.openNew(collection)}>${newLabel}</button>
      </div>
      ${this.saved?.section === collection ? html`<p class="notice success">${this.saved.text}</p>` : nothing}
      ${collection === 'cycles' ? this.renderCycles(lists) : collection === 'themes' ? this.renderThemes(lists) : collection === 'communities' ? this.renderCommunities(lists) : this.renderPeople(lists)}`;
  }

  // -----------------------------------------------------------------------------------------------
  // Tables.

  private table(caption: string, head: TemplateResult, body: TemplateResult[], empty: string) {
    if (body.length === 0) return html`<p class="empty">${empty}</p>`;
    return html`<div class="table-wrap" role="region" aria-label=${caption} tabindex="0">
      <table part="table" class="records">
        <caption class="visually-hidden">${caption}</caption>
        <thead>
          ${head}
        </thead>
        <tbody>
          ${body}
        </tbody>
      </table>
    </div>`;
  }

  private editButton(collection: AdminCollection, row: Versioned<AdminRecord>) {
    const name = (row.record as { name: string }).name;
    return html`<td class="actions-cell">
      <button data-edit=${row.record.id} aria-label=${msg(str`Edit ${name}`, { id: 'admin.edit-named' })} @click=${() => this.openEdit(collection, row)}>
        ${msg('Edit', { id: 'admin.edit' })}
      </button>
    </td>`;
  }

  private renderCycles(lists: Lists) {
    const themeName = (id: string) => lists.themes.find((t) => t.record.id === id)?.record.name ?? id;
    const rows = lists.cycles.map(
      (row) => html`<tr>
        <th scope="row">${row.record.name}</th>
        <td class="dates">${msg(str`${formatDate(row.record.startsOn)} to ${formatDate(row.record.endsOn)}`, { id: 'admin.cycle.dates' })}</td>
        <td><span class="badge">${cycleStatusLabel(row.record.status)}</span></td>
        <td class="list">${row.record.themeIds.map(themeName).join(', ')}</td>
        <td class="policy">
          ${msg(str`Observations: ${formatNumber(row.record.policy.minObservations)}; evidence: ${formatNumber(row.record.policy.minEvidence)}`, { id: 'admin.cycle.policy-summary' })}${row.record.policy.studentVoiceRequired
            ? html`; ${msg('student voice', { id: 'admin.cycle.policy-voice' })}`
            : nothing}${row.record.policy.questionReviewRequired ? html`; ${msg('question review', { id: 'admin.cycle.policy-review' })}` : nothing}
        </td>
        ${this.editButton('cycles', row)}
      </tr>`,
    );
    return this.table(
      msg('Cycles', { id: 'admin.tab.cycles' }),
      html`<tr>
        <th scope="col">${msg('Name', { id: 'admin.cycle.name' })}</th>
        <th scope="col">${msg('Dates', { id: 'admin.cycle.dates-column' })}</th>
        <th scope="col">${msg('Status', { id: 'admin.cycle.status' })}</th>
        <th scope="col">${msg('Themes offered', { id: 'admin.cycle.themes' })}</th>
        <th scope="col">${msg('Policy', { id: 'admin.cycle.policy-column' })}</th>
        <td></td>
      </tr>`,
      rows,
      msg('No cycles yet. Create the first one: usually the school year.', { id: 'admin.cycle.empty' }),
    );
  }

  private renderThemes(lists: Lists) {
    const rows = lists.themes.map(
      (row) => html`<tr>
        <th scope="row">${row.record.name}</th>
        <td class="list">${row.record.aspects.map((a) => a.name).join(', ')}</td>
        <td class="list">${row.record.description ?? ''}</td>
        ${this.editButton('themes', row)}
      </tr>`,
    );
    return this.table(
      msg('Themes', { id: 'admin.tab.themes' }),
      html`<tr>
        <th scope="col">${msg('Name', { id: 'admin.theme.name' })}</th>
        <th scope="col">${msg('Aspects of practice', { id: 'admin.theme.aspects' })}</th>
        <th scope="col">${msg('Description', { id: 'admin.theme.description' })}</th>
        <td></td>
      </tr>`,
      rows,
      msg('No themes yet. A theme is an area of practice, such as literacy or oracy.', { id: 'admin.theme.empty' }),
    );
  }

  private renderCommunities(lists: Lists) {
    const cycleId = this.communityCycle ?? this.session?.cycle?.id ?? '';
    const shown = cycleId ? lists.communities.filter((c) => c.record.cycleId === cycleId) : lists.communities;
    const themeName = (id: string) => lists.themes.find((t) => t.record.id === id)?.record.name ?? id;
    const cycleName = (id: string) => lists.cycles.find((c) => c.record.id === id)?.record.name ?? id;
    const rows = shown.map((row) => {
      const c = row.record;
      return html`<tr>
        <th scope="row">${c.name}</th>
        <td>${cycleName(c.cycleId)}</td>
        <td>${themeName(c.themeId)}</td>
        <td>${this.personName(c.leadId)}</td>
        <td class="list">${c.memberIds.map((id) => this.personName(id)).join(', ')}</td>
        <td class="list">${c.meetingSlots.map((s) => `${weekdayLabel(s.weekday)} ${s.start}${s.location ? `, ${s.location}` : ''}`).join('; ')}</td>
        ${this.editButton('communities', row)}
      </tr>`;
    });
    return html`<div class="tools">
        <div class="field">
          <label for="ca-community-cycle">${msg('Cycle', { id: 'admin.community.cycle' })}</label>
          <select id="ca-community-cycle" @change=${(e: Event) => (this.communityCycle = (e.target as HTMLSelectElement).value)}>
            <option value="" ?selected=${cycleId === ''}>${msg('All cycles', { id: 'admin.community.all-cycles' })}</option>
            ${lists.cycles.map((c) => html`<option value=${c.record.id} ?selected=${c.record.id === cycleId}>${c.record.name}</option>`)}
          </select>
        </div>
      </div>
      ${this.table(
        msg('Communities', { id: 'admin.tab.communities' }),
        html`<tr>
          <th scope="col">${msg('Name', { id: 'admin.community.name' })}</th>
          <th scope="col">${msg('Cycle', { id: 'admin.community.cycle' })}</th>
          <th scope="col">${msg('Theme', { id: 'admin.community.theme' })}</th>
          <th scope="col">${msg('Lead', { id: 'admin.community.lead' })}</th>
          <th scope="col">${msg('Members', { id: 'admin.community.members' })}</th>
          <th scope="col">${msg('Meets', { id: 'admin.community.meets' })}</th>
          <td></td>
        </tr>`,
        rows,
        msg('No communities in this cycle yet.', { id: 'admin.community.empty' }),
      )}`;
  }

  private renderPeople(lists: Lists) {
    const query = this.personQuery.trim().toLowerCase();
    const shown = query ? lists.people.filter((p) => p.record.name.toLowerCase().includes(query) || (p.record.email ?? '').toLowerCase().includes(query)) : lists.people;
    const schoolName = (id: string) => lists.schools.find((s) => s.record.id === id)?.record.name ?? id;
    const rows = shown.map((row) => {
      const p = row.record;
      return html`<tr>
        <th scope="row">${p.name}</th>
        <td>${p.email ?? ''}</td>
        <td>${schoolName(p.schoolId)}</td>
        <td>${p.roles.map(roleLabel).join(', ')}${p.newStaff ? html` <span class="badge">${msg('New staff', { id: 'admin.person.new-badge' })}</span>` : nothing}</td>
        <td>${p.lineManagerId ? this.personName(p.lineManagerId) : ''}</td>
        ${this.editButton('people', row)}
      </tr>`;
    });
    return html`<div class="tools">
        <div class="field">
          <label for="ca-person-query">${msg('Find a person', { id: 'admin.person.find' })}</label>
          <input id="ca-person-query" type="search" .value=${this.personQuery} @input=${(e: Event) => (this.personQuery = (e.target as HTMLInputElement).value)} />
        </div>
        <p class="muted" aria-live="polite">${msg(str`${formatNumber(shown.length)} of ${formatNumber(lists.people.length)} people`, { id: 'admin.person.count' })}</p>
      </div>
      ${this.table(
        msg('People', { id: 'admin.tab.people' }),
        html`<tr>
          <th scope="col">${msg('Name', { id: 'admin.person.name' })}</th>
          <th scope="col">${msg('Email', { id: 'admin.person.email' })}</th>
          <th scope="col">${msg('School', { id: 'admin.person.school' })}</th>
          <th scope="col">${msg('Roles', { id: 'admin.person.roles' })}</th>
          <th scope="col">${msg('Line manager', { id: 'admin.person.line-manager' })}</th>
          <td></td>
        </tr>`,
        rows,
        query ? msg('Nobody matches.', { id: 'admin.no-match' }) : msg('No people yet. Add them one by one or import a staff list (Import and export).', { id: 'admin.person.empty' }),
      )}`;
  }

  // -----------------------------------------------------------------------------------------------
  // Editing.

  private defaults(lists: Lists) {
    const cycle = this.session?.cycle;
    return { cycleId: cycle?.id, themeIds: cycle?.themeIds, schoolId: lists.schools.length === 1 ? lists.schools[0]!.record.id : undefined };
  }

  private async openNew(collection: AdminCollection): Promise<void> {
    if (!this.lists) return;
    this.saved = undefined;
    this.edits = { ...this.edits, [collection]: { id: undefined, version: 0, original: undefined, draft: emptyDraft(collection, this.defaults(this.lists)), errors: {} } };
    await this.focusForm();
  }

  private async openEdit(collection: AdminCollection, row: Versioned<AdminRecord>): Promise<void> {
    this.saved = undefined;
    this.edits = { ...this.edits, [collection]: { id: row.record.id, version: row.version, original: row.record, draft: draftOf(collection, row.record), errors: {} } };
    await this.focusForm();
  }

  private async focusForm(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.form-title')?.focus();
  }

  private patch(collection: AdminCollection, change: Partial<Editing>): void {
    const editing = this.edits[collection];
    if (editing) this.edits = { ...this.edits, [collection]: { ...editing, ...change } };
  }

  private formTitle(collection: AdminCollection, editing: Editing): string {
    const name = (editing.original as { name?: string } | undefined)?.name ?? '';
    if (!editing.original) {
      return {
        cycles: msg('New cycle', { id: 'admin.cycle.new' }),
        themes: msg('New theme', { id: 'admin.theme.new' }),
        communities: msg('New community', { id: 'admin.community.new' }),
        people: msg('New person', { id: 'admin.person.new' }),
      }[collection];
    }
    return {
      cycles: msg(str`Edit cycle “${name}”`, { id: 'admin.cycle.edit' }),
      themes: msg(str`Edit theme “${name}”`, { id: 'admin.theme.edit' }),
      communities: msg(str`Edit community “${name}”`, { id: 'admin.community.edit' }),
      people: msg(str`Edit “${name}”`, { id: 'admin.person.edit' }),
    }[collection];
  }

  private renderForm(collection: AdminCollection, editing: Editing, lists: Lists) {
    const ctx: FormContext = {
      draft: editing.draft,
      errors: editing.errors,
      update: (patch) => this.patch(collection, { draft: { ...editing.draft, ...patch } as Draft }),
      cycles: lists.cycles.map((c) => c.record),
      themes: lists.themes.map((t) => t.record),
      people: lists.people.map((p) => p.record),
      schools: lists.schools.map((s) => s.record),
      editingId: editing.id,
      filters: this.filters,
      setFilter: (key, text) => (this.filters = { ...this.filters, [key]: text }),
    };
    const errorCount = Object.keys(editing.errors).length;
    return html`<form class="form" part="form" novalidate @submit=${(e: Event) => this.save(e, collection)}>
      ${heading(this.level + 1, html`${this.formTitle(collection, editing)}`, { className: 'form-title', focusable: true })}
      ${editing.stale ? this.renderStale(collection, editing) : nothing}
      ${editing.rebased && !editing.stale
        ? html`<p class="notice warning" role="status">${msg('Your changes are kept. Save to replace their version with yours.', { id: 'admin.stale.rebased' })}</p>`
        : nothing}
      ${errorCount > 0 ? html`<p class="notice error" role="alert">${msg('Some values need checking: see the messages below.', { id: 'admin.form.errors' })}</p>` : nothing}
      ${editing.failure ? html`<p class="notice error" role="alert">${msg(str`This could not be saved: ${editing.failure}`, { id: 'admin.save-error' })}</p>` : nothing}
      ${draftForm(ctx)}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.saving}>${msg('Save', { id: 'admin.save' })}</button>
        <button type="button" @click=${() => this.closeForm(collection)}>${msg('Cancel', { id: 'admin.cancel' })}</button>
      </div>
    </form>`;
  }

  private fieldLabel(collection: AdminCollection, key: string): string {
    const labels: Record<string, string> = {
      name: msg('Name', { id: 'admin.cycle.name' }),
      startsOn: msg('Starts on', { id: 'admin.cycle.starts' }),
      endsOn: msg('Ends on', { id: 'admin.cycle.ends' }),
      status: msg('Status', { id: 'admin.cycle.status' }),
      themeIds: msg('Themes offered', { id: 'admin.cycle.themes' }),
      minObservations: msg('Observations needed before evidence', { id: 'admin.cycle.min-observations' }),
      minEvidence: msg('Evidence items needed before sharing', { id: 'admin.cycle.min-evidence' }),
      studentVoiceRequired: msg('Student voice is required', { id: 'admin.cycle.student-voice' }),
      questionReviewRequired: msg('The lead reviews each driving question', { id: 'admin.cycle.review' }),
      tracks: msg('Tracks besides the PLCs', { id: 'admin.cycle.tracks' }),
      description: msg('Description', { id: 'admin.theme.description' }),
      aspects: msg('Aspects of practice', { id: 'admin.theme.aspects' }),
      cycleId: msg('Cycle', { id: 'admin.community.cycle' }),
      themeId: msg('Theme', { id: 'admin.community.theme' }),
      leadId: msg('Lead', { id: 'admin.community.lead' }),
      memberIds: msg('Members', { id: 'admin.community.members' }),
      coachIds: msg('Coaches', { id: 'admin.community.coaches' }),
      schoolIds: msg('Schools', { id: 'admin.community.schools' }),
      slots: msg('Meeting slots', { id: 'admin.community.slots' }),
      email: msg('Email', { id: 'admin.person.email' }),
      schoolId: msg('School', { id: 'admin.person.school' }),
      roles: msg('Roles', { id: 'admin.person.roles' }),
      newStaff: msg('New member of staff', { id: 'admin.person.new-staff' }),
      lineManagerId: msg('Line manager', { id: 'admin.person.line-manager' }),
    };
    return labels[key] ?? key;
  }

  private renderStale(collection: AdminCollection, editing: Editing) {
    const stale = editing.stale!;
    return html`<div class="notice warning stale" part="stale" role="alert" id="ca-stale" tabindex="-1">
      <p><strong>${msg('Someone else changed this since you opened it.', { id: 'admin.stale' })}</strong></p>
      ${stale.theirs
        ? stale.fields.length > 0
          ? html`<p>${msg('They changed:', { id: 'admin.stale.fields' })}</p>
              <ul>
                ${stale.fields.map((f) => html`<li>${this.fieldLabel(collection, f)}</li>`)}
              </ul>`
          : nothing
        : html`<p>${msg('It has been deleted.', { id: 'admin.stale.deleted' })}</p>`}
      <p>${msg('Nothing was saved. What you typed is still in the form.', { id: 'admin.stale.kept' })}</p>
      <div class="actions">
        <button class="primary" type="button" @click=${() => this.rebase(collection)}>${msg('Reload, keeping my changes', { id: 'admin.stale.keep' })}</button>
        ${stale.theirs
          ? html`<button type="button" @click=${() => this.takeTheirs(collection)}>${msg('Reload their version (discard mine)', { id: 'admin.stale.theirs' })}</button>`
          : nothing}
      </div>
    </div>`;
  }

  /** Keeps the typed values and takes the stored version, so the next save replaces it. */
  private async rebase(collection: AdminCollection): Promise<void> {
    const editing = this.edits[collection];
    if (!editing?.stale) return;
    const theirs = editing.stale.theirs;
    this.patch(collection, { stale: undefined, rebased: true, version: theirs?.version ?? 0, original: theirs?.record ?? editing.original });
    this.announcement = msg('Reloaded. Your changes are kept.', { id: 'admin.stale.reloaded' });
    await this.focusForm();
  }

  private async takeTheirs(collection: AdminCollection): Promise<void> {
    const theirs = this.edits[collection]?.stale?.theirs;
    if (!theirs) return;
    this.patch(collection, { stale: undefined, rebased: false, version: theirs.version, original: theirs.record, draft: draftOf(collection, theirs.record), errors: {} });
    this.announcement = msg('Reloaded their version.', { id: 'admin.stale.took-theirs' });
    await this.focusForm();
  }

  private async closeForm(collection: AdminCollection, focusId?: string): Promise<void> {
    const id = focusId ?? this.edits[collection]?.id;
    const { [collection]: _closed, ...rest } = this.edits;
    this.edits = rest;
    await this.updateComplete;
    const target =
      (id ? this.renderRoot.querySelector<HTMLElement>(`[data-edit="${CSS.escape(id)}"]`) : null) ?? this.renderRoot.querySelector<HTMLElement>(`[data-new="${collection}"]`);
    target?.focus();
  }

  private takenIds(collection: AdminCollection): Set<string> {
    return new Set((this.lists?.[collection] ?? []).map((row) => row.record.id));
  }

  private async save(event: Event, collection: AdminCollection): Promise<void> {
    event.preventDefault();
    const editing = this.edits[collection];
    const store = this.session?.store;
    if (!editing || !store || this.saving || !this.may(collection)) return;
    const name = 'name' in editing.draft ? editing.draft.name.trim() : '';
    const id = editing.id ?? slugId(ID_PREFIX[collection], name, this.takenIds(collection));
    const aspectIds = new Set((this.lists?.themes ?? []).flatMap((t) => t.record.aspects.map((a) => a.id)));
    const { record, errors } = buildRecord(editing.draft, id, editing.original, { aspectIds });
    if (!record) {
      this.patch(collection, { errors, failure: undefined });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('form [aria-invalid="true"], form fieldset[data-invalid] input')?.focus();
      return;
    }
    this.saving = true;
    this.patch(collection, { errors: {}, failure: undefined });
    try {
      await store.put(collection, record as never, editing.version);
      const { [collection]: _done, ...rest } = this.edits;
      this.edits = rest;
      const text = msg(str`Saved “${(record as { name: string }).name}”.`, { id: 'admin.saved' });
      this.saved = { section: collection, text };
      this.announcement = text;
      await this.load(store);
      await this.updateComplete;
      (this.renderRoot.querySelector<HTMLElement>(`[data-edit="${CSS.escape(id)}"]`) ?? this.renderRoot.querySelector<HTMLElement>('.panel-title'))?.focus();
    } catch (error) {
      if (error instanceof StoreError && error.code === 'stale') {
        const theirs = (await store.get(collection, id)) as Versioned<AdminRecord> | undefined;
        this.patch(collection, { stale: { theirs, fields: changedFields(collection, editing.original, theirs?.record) }, rebased: false });
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('#ca-stale')?.focus();
      } else {
        const message = error instanceof Error ? error.message : String(error);
        this.patch(collection, { failure: message });
        this.dispatchEvent(new PlcErrorEvent(message, error));
      }
    } finally {
      this.saving = false;
    }
  }

  // -----------------------------------------------------------------------------------------------
  // CSV import and export.

  private renderCsv(lists: Lists) {
    const sub = this.level + 1;
    return html`${this.renderImport(sub)}
      <section class="section" part="export" aria-labelledby="ca-export-title">
        ${heading(sub, html`${msg('Export to CSV', { id: 'admin.export.title' })}`, { id: 'ca-export-title' })}
        <p>${msg('Files open in any spreadsheet. Cells that a spreadsheet would run as a formula start with an apostrophe.', { id: 'admin.export.hint' })}</p>
        <div class="actions">
          <button @click=${() => this.exportPeople(lists)}>${msg('Download staff (CSV)', { id: 'admin.export.people' })}</button>
          <button @click=${() => this.exportCommunities(lists)}>${msg('Download communities (CSV)', { id: 'admin.export.communities' })}</button>
          ${this.actor && decide(this.actor, 'appraisal.read', { scope: 'aggregate' }).allowed
            ? html`<button @click=${() => this.exportAppraisals(lists)}>${msg('Download appraisal figures (CSV)', { id: 'admin.export.appraisals' })}</button>`
            : nothing}
        </div>
        <p class="hint">${msg('Appraisal figures are counts by cycle and aspect: individual appraisal records are never shown or exported.', { id: 'admin.export.appraisals-hint' })}</p>
      </section>`;
  }

  private renderColumnsHelp(kind: ImportKind) {
    const rows: Array<[string, string]> =
      kind === 'people'
        ? [
            [importFieldLabel('name'), msg('Required.', { id: 'admin.csv.help.name' })],
            [importFieldLabel('email'), msg('Optional. A row with the email of someone already here updates that person.', { id: 'admin.csv.help.email' })],
            [importFieldLabel('school'), msg('The school’s name or id (not needed when there is one school).', { id: 'admin.csv.help.school' })],
            [importFieldLabel('roles'), msg('teacher, cpd-leader, coach, admin; several separated by semicolons. Teacher when empty.', { id: 'admin.csv.help.roles' })],
            [importFieldLabel('new staff'), msg('yes or no (true/false, 1/0).', { id: 'admin.csv.help.new-staff' })],
            [importFieldLabel('line manager'), msg('The id or email of someone here or in the file.', { id: 'admin.csv.help.line-manager' })],
            [importFieldLabel('id'), msg('Optional: a row with an existing id updates that person.', { id: 'admin.csv.help.id' })],
          ]
        : [
            [importFieldLabel('person'), msg('The person’s id or email.', { id: 'admin.csv.help.person' })],
            [importFieldLabel('cycle'), msg('The cycle’s name or id, such as 2025-26.', { id: 'admin.csv.help.cycle' })],
            [importFieldLabel('aspect'), msg('The name or id of an aspect of practice of a theme.', { id: 'admin.csv.help.aspect' })],
            [importFieldLabel('strength'), msg('yes or no (true/false, 1/0).', { id: 'admin.csv.help.strength' })],
          ];
    return html`<details class="columns-help">
      <summary>${msg('Columns the file can have', { id: 'admin.csv.help' })}</summary>
      <p>${msg('The first row names the columns, in any order; capitals and spaces do not matter, and other columns are ignored.', { id: 'admin.csv.help.intro' })}</p>
      <dl>
        ${rows.map(([name, text]) => html`<dt>${name}</dt><dd>${text}</dd>`)}
      </dl>
    </details>`;
  }

  private renderImport(sub: number) {
    const csv = this.csv;
    const allowed = csv.kind === 'people' ? this.may('people') : this.may('appraisals');
    const busy = csv.status === 'checking' || csv.status === 'reading' || csv.status === 'importing';
    return html`<section class="section" part="import" aria-labelledby="ca-import-title">
      ${heading(sub, html`${msg('Import from CSV', { id: 'admin.csv.title' })}`, { id: 'ca-import-title' })}
      <p>${msg('Nothing is imported until you have seen the check and chosen to import the valid rows.', { id: 'admin.csv.intro' })}</p>
      <fieldset class="choice">
        <legend>${msg('What are you importing?', { id: 'admin.csv.kind' })}</legend>
        ${(['people', 'appraisals'] as const).map(
          (kind) => html`<div class="check">
            <input type="radio" id="ca-csv-kind-${kind}" name="ca-csv-kind" .checked=${csv.kind === kind} ?disabled=${busy} @change=${() => csv.setKind(kind)} />
            <label for="ca-csv-kind-${kind}">${kind === 'people' ? msg('Staff', { id: 'admin.csv.kind.people' }) : msg('Appraisal records', { id: 'admin.csv.kind.appraisals' })}</label>
          </div>`,
        )}
      </fieldset>
      ${this.renderColumnsHelp(csv.kind)}
      ${allowed
        ? html`<div class="field">
              <label for="ca-csv-file">${msg('Choose a CSV file', { id: 'admin.csv.file' })}</label>
              <span class="hint" id="ca-csv-file-hint">${msg('It is checked as soon as you choose it.', { id: 'admin.csv.file-hint' })}</span>
              <input id="ca-csv-file" type="file" accept=".csv,.txt,text/csv,text/plain" aria-describedby="ca-csv-file-hint" ?disabled=${busy} @change=${this.onFile} />
            </div>
            <div class="field">
              <label for="ca-csv-text">${msg('Or paste the CSV text', { id: 'admin.csv.paste' })}</label>
              <textarea id="ca-csv-text" class="csv" spellcheck="false" .value=${csv.text} ?disabled=${busy} @input=${(e: Event) => csv.setText((e.target as HTMLTextAreaElement).value)}></textarea>
            </div>
            <div class="actions">
              <button class="primary" ?disabled=${busy || !csv.text.trim()} @click=${this.checkCsv}>${msg('Check the rows', { id: 'admin.csv.check' })}</button>
            </div>
            ${csv.error ? html`<p class="notice error" role="alert">${csv.error}</p>` : nothing}
            ${csv.status === 'checking' || csv.status === 'reading' ? html`<p class="muted" role="status">${msg('Checking…', { id: 'admin.csv.checking' })}</p>` : nothing}
            ${csv.report && (csv.status === 'checked' || csv.status === 'importing') ? this.renderReport(sub + 1) : nothing}
            ${csv.result ? this.renderResult(sub + 1) : nothing}`
        : html`<p class="notice warning">${msg('You need the CPD leader or admin role to import these records.', { id: 'admin.csv.not-allowed' })}</p>`}
    </section>`;
  }

  private onFile = async (event: Event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    await this.csv.readFile(file);
    await this.focusReport();
  };

  private checkCsv = async () => {
    await this.csv.check();
    await this.focusReport();
  };

  private async focusReport(): Promise<void> {
    await this.updateComplete;
    const report = this.csv.report;
    if (report) {
      const invalid = report.rows - report.valid.length;
      this.announcement = msg(str`Checked: ${formatNumber(report.valid.length)} rows can be imported, ${formatNumber(invalid)} have problems.`, { id: 'admin.csv.checked' });
    }
    this.renderRoot.querySelector<HTMLElement>('.report-title')?.focus();
  }

  private renderReport(level: number) {
    const csv = this.csv;
    const report = csv.report!;
    const fileProblems = report.problems.filter((p) => p.code === 'missing-column' || p.code === 'empty-file');
    const created = report.valid.filter((r) => !r.update).length;
    const updated = report.valid.length - created;
    const n = report.valid.length;
    const importing = csv.status === 'importing';
    return html`<section class="card report" part="report" aria-labelledby="ca-report-title">
      ${heading(level, html`${msg('Check result', { id: 'admin.csv.report' })}${csv.fileName ? html` <span class="muted">(${csv.fileName})</span>` : nothing}`, {
        id: 'ca-report-title',
        className: 'report-title',
        focusable: true,
      })}
      <ul class="counts">
        <li>${msg('Rows read:', { id: 'admin.csv.count.rows' })} <strong>${formatNumber(report.rows)}</strong></li>
        <li>${msg('Can be imported:', { id: 'admin.csv.count.valid' })} <strong>${formatNumber(n)}</strong>
          <span class="muted">${msg(str`(${formatNumber(created)} new, ${formatNumber(updated)} updates)`, { id: 'admin.csv.count.split' })}</span></li>
        <li>${msg('Rows with problems:', { id: 'admin.csv.count.invalid' })} <strong>${formatNumber(Math.max(0, report.rows - n))}</strong></li>
      </ul>
      ${report.ignoredColumns.length > 0
        ? html`<p class="notice">${msg(str`Columns ignored: ${report.ignoredColumns.join(', ')}`, { id: 'admin.csv.ignored' })}</p>`
        : nothing}
      ${fileProblems.length > 0 ? html`<p class="notice error">${msg('The file cannot be imported as it is: see the problems below.', { id: 'admin.csv.file-problem' })}</p>` : nothing}
      ${report.problems.length > 0 ? this.problemTable(report.problems) : html`<p class="notice success">${msg('No problems found.', { id: 'admin.csv.no-problems' })}</p>`}
      ${csv.reportKind === 'people' && n > 0 ? this.validPeople() : nothing}
      ${csv.reportKind === 'appraisals' ? html`<p class="hint">${msg('Individual appraisal records are not shown here, only counts and problems.', { id: 'admin.csv.appraisals-private' })}</p>` : nothing}
      <div class="actions">
        ${n > 0
          ? html`<button class="primary" ?disabled=${importing} @click=${this.acceptImport}>
              ${n === 1 ? msg('Import 1 valid row', { id: 'admin.csv.import-one' }) : msg(str`Import ${formatNumber(n)} valid rows`, { id: 'admin.csv.import' })}
            </button>`
          : nothing}
        <button ?disabled=${importing} @click=${() => this.csv.clear()}>${msg('Cancel', { id: 'admin.cancel' })}</button>
      </div>
      ${importing
        ? html`<p class="muted" role="status">${msg(str`Importing… ${formatNumber(csv.progress)} of ${formatNumber(n)}`, { id: 'admin.csv.importing' })}</p>`
        : html`<p class="hint">${msg('Nothing has been imported yet. Rows with problems are left out; correct them and import the file again later.', { id: 'admin.csv.nothing-yet' })}</p>`}
    </section>`;
  }

  private problemTable(problems: readonly ImportProblem[]) {
    const shown = problems.slice(0, MAX_PROBLEMS_SHOWN);
    const caption = msg(str`Problems (${formatNumber(problems.length)})`, { id: 'admin.csv.problems' });
    return html`<div class="table-wrap" role="region" aria-label=${caption} tabindex="0">
        <table part="table" class="problems">
          <caption>${caption}</caption>
          <thead>
            <tr>
              <th scope="col">${msg('Line', { id: 'admin.csv.line' })}</th>
              <th scope="col">${msg('Field', { id: 'admin.csv.field' })}</th>
              <th scope="col">${msg('Problem', { id: 'admin.csv.problem' })}</th>
            </tr>
          </thead>
          <tbody>
            ${shown.map(
              (p) => html`<tr>
                <td class="num">${formatNumber(p.line)}</td>
                <td>${importFieldLabel(p.field)}</td>
                <td>${importProblemText(p)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${problems.length > shown.length
        ? html`<p class="muted">${msg(str`The first ${formatNumber(shown.length)} problems are shown.`, { id: 'admin.csv.problems-more' })}</p>`
        : nothing}`;
  }

  private validPeople() {
    const report = this.csv.report!;
    const rows = report.valid.slice(0, MAX_PROBLEMS_SHOWN) as Array<{ line: number; record: Person; update: boolean }>;
    const schoolName = (id: string) => this.lists?.schools.find((s) => s.record.id === id)?.record.name ?? id;
    const caption = msg('People to import', { id: 'admin.csv.valid-people' });
    return html`<details class="columns-help">
      <summary>
        ${report.valid.length === 1
          ? msg('Show the person to import', { id: 'admin.csv.show-valid-one' })
          : msg(str`Show the ${formatNumber(report.valid.length)} people to import`, { id: 'admin.csv.show-valid' })}
      </summary>
      <div class="table-wrap" role="region" aria-label=${caption} tabindex="0">
        <table part="table">
          <caption class="visually-hidden">${caption}</caption>
          <thead>
            <tr>
              <th scope="col">${msg('Line', { id: 'admin.csv.line' })}</th>
              <th scope="col">${msg('Name', { id: 'admin.person.name' })}</th>
              <th scope="col">${msg('Email', { id: 'admin.person.email' })}</th>
              <th scope="col">${msg('School', { id: 'admin.person.school' })}</th>
              <th scope="col">${msg('Roles', { id: 'admin.person.roles' })}</th>
              <th scope="col">${msg('Change', { id: 'admin.csv.change' })}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (r) => html`<tr>
                <td class="num">${formatNumber(r.line)}</td>
                <td>${r.record.name}</td>
                <td>${r.record.email ?? ''}</td>
                <td>${schoolName(r.record.schoolId)}</td>
                <td>${r.record.roles.map(roleLabel).join(', ')}</td>
                <td>${r.update ? msg('Update', { id: 'admin.csv.update' }) : msg('New', { id: 'admin.csv.new' })}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </details>`;
  }

  private acceptImport = async () => {
    if (!this.may(this.csv.reportKind)) return;
    const result = await this.csv.accept();
    if (!result) return;
    const done = result.created + result.updated;
    this.announcement = msg(str`Imported ${formatNumber(done)} rows.`, { id: 'admin.csv.imported-short' });
    if (this.store) await this.load(this.store);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.result-title')?.focus();
  };

  private renderResult(level: number) {
    const result = this.csv.result!;
    const done = result.created + result.updated;
    return html`<section class="card report" aria-labelledby="ca-result-title">
      ${heading(level, html`${msg('Import finished', { id: 'admin.csv.result' })}`, { id: 'ca-result-title', className: 'result-title report-title', focusable: true })}
      <p class="notice ${result.failed.length > 0 ? 'warning' : 'success'}">
        ${msg(str`Imported ${formatNumber(done)} rows: ${formatNumber(result.created)} new, ${formatNumber(result.updated)} updated.`, { id: 'admin.csv.imported' })}
        ${result.failed.length > 0 ? msg(str`${formatNumber(result.failed.length)} could not be saved.`, { id: 'admin.csv.failed' }) : nothing}
      </p>
      ${result.failed.length > 0
        ? html`<div class="table-wrap" role="region" aria-label=${msg('Rows not saved', { id: 'admin.csv.not-saved' })} tabindex="0">
            <table part="table">
              <caption>${msg('Rows not saved', { id: 'admin.csv.not-saved' })}</caption>
              <thead>
                <tr>
                  <th scope="col">${msg('Line', { id: 'admin.csv.line' })}</th>
                  <th scope="col">${msg('Problem', { id: 'admin.csv.problem' })}</th>
                </tr>
              </thead>
              <tbody>
                ${result.failed.map((f) => html`<tr><td class="num">${formatNumber(f.line)}</td><td>${f.message}</td></tr>`)}
              </tbody>
            </table>
          </div>`
        : nothing}
    </section>`;
  }

  private today(): string {
    return new Date().toISOString().slice(0, 10);
  }

  private download(fileName: string, text: string): void {
    if (offerDownload(this, fileName, 'text/csv;charset=utf-8', text)) {
      this.announcement = msg(str`Downloaded ${fileName}.`, { id: 'admin.export.done' });
    }
  }

  private exportPeople(lists: Lists): void {
    this.download(`plc-staff-${this.today()}.csv`, peopleToCsv(lists.people.map((p) => p.record), { bom: true }));
  }

  private exportCommunities(lists: Lists): void {
    const find = <T extends { id: string; name: string }>(rows: Array<Versioned<T>>) => (id: string) => rows.find((r) => r.record.id === id)?.record.name;
    const text = communitiesToCsv(
      lists.communities.map((c) => c.record),
      { bom: true, names: { person: find(lists.people), cycle: find(lists.cycles), theme: find(lists.themes), school: find(lists.schools) } },
    );
    this.download(`plc-communities-${this.today()}.csv`, text);
  }

  private async exportAppraisals(lists: Lists): Promise<void> {
    const store = this.session?.store;
    if (!store) return;
    const records = (await store.list('appraisals')).map((a) => a.record);
    const aspects = new Map(lists.themes.flatMap((t) => t.record.aspects.map((a) => [a.id, a.name] as const)));
    const text = appraisalSummaryToCsv(records, {
      bom: true,
      names: { cycle: (id) => lists.cycles.find((c) => c.record.id === id)?.record.name, aspect: (id) => aspects.get(id) },
    });
    this.download(`plc-appraisal-figures-${this.today()}.csv`, text);
  }
}
