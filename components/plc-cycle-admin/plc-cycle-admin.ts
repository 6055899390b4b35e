import { html, nothing, type PropertyDeclarations } from 'lit';
import { msg, str } from '@lit/localize';
import { verdict, type Actor } from '../../src/policy/policy.js';
import type { Collection } from '../../src/schema/directory.js';
import type { Versioned } from '../../src/store/store.js';
import { appraisalSummaryToCsv, communitiesToCsv, peopleToCsv, slugId } from '../../src/export/directoryCsv.js';
import { PlcElement } from '../base/plc-element.js';
import { RecordEditorController } from '../controllers/record-editor.js';
import { StoreQueryController } from '../controllers/store-query.js';
import { savedText } from '../shared/saved-text.js';
import { conflictView } from '../shared/conflict-view.js';
import { formatNumber, localToday } from '../localization.js';
import { sharedStyles } from '../styles/shared.js';
import { clampLevel, heading } from '../shared/heading.js';
import { offerDownload } from '../shared/download.js';
import { buildRecord, draftOf, emptyDraft, type AdminCollection, type AdminRecord, type Draft } from './drafts.js';
import { draftForm, type FormContext } from './forms.js';
import { CsvImport } from './csv-import.js';
import { columnsHelp, importReport, importResult } from './csv-view.js';
import { tables, type Lists, type TablesContext } from './tables.js';
import { fieldLabels } from './labels.js';
import { Handover, handoverView } from './handover.js';
import { cycleAdminStyles } from './plc-cycle-admin.styles.js';
import { needsProviderText, tryAgainText } from '../strings.js';

/** The sections of the element, in tab order. */
export type CycleAdminSection = 'cycles' | 'themes' | 'communities' | 'people' | 'handover' | 'csv';
const SECTIONS: CycleAdminSection[] = ['cycles', 'themes', 'communities', 'people', 'handover', 'csv'];
const EDITED: AdminCollection[] = ['cycles', 'themes', 'communities', 'people'];
const ID_PREFIX: Record<AdminCollection, string> = { cycles: 'cy', themes: 'th', communities: 'com', people: 'p' };


/** The form open on one section's record. */
type AdminEditor = RecordEditorController<AdminRecord, Draft>;

const byName = <T extends { record: { name: string } }>(a: T, b: T) => a.record.name.localeCompare(b.record.name);

/**
 * Programme administration for CPD leaders and administrators: cycles with their policy settings
 * and tracks, themes with their aspects of practice, communities (lead, members, coaches,
 * schools, meeting slots) and people; CSV import of staff and of appraisal records, with a
 * row-by-row report (line, field, problem) where nothing is written until the valid rows are
 * accepted; and CSV export.
 *
 * Every save writes at the version the form was opened at (a record editor per section): when
 * someone else saved first, the element keeps what was typed, names the fields they changed, and
 * offers to keep mine or take theirs (the conflict view every editor shares). Other
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
 * @csspart conflict - The notice shown when someone else changed the record first.
 * @csspart import - The CSV import section.
 * @csspart report - The import report (counts and problems table).
 * @csspart export - The CSV export section.
 */
export class PlcCycleAdmin extends PlcElement {
  static override styles = [sharedStyles, cycleAdminStyles];

  static override properties: PropertyDeclarations = {
    section: { reflect: true },
    headingLevel: { attribute: 'heading-level', type: Number },
    announcement: { state: true },
    saved: { state: true },
    communityCycle: { state: true },
    personQuery: { state: true },
    filters: { state: true },
  };

  constructor() {
    super();
    this.section = 'cycles';
    this.headingLevel = 2;
    this.announcement = '';
    this.personQuery = '';
    this.filters = {};
  }

  /** The section shown: `cycles` (default), `themes`, `communities`, `people`, `handover` (a PLC's lead or the CPD leader role handed over mid-year) or `csv` (import and export). */
  declare section: CycleAdminSection;

  /** The level of the element's heading (2 to 6); sections and forms are one and two below. */
  declare headingLevel: number;

  private declare announcement: string;
  private declare saved: { section: AdminCollection; text: string } | undefined;
  private declare communityCycle: string | undefined;
  private declare personQuery: string;
  private declare filters: Readonly<Record<string, string>>;

  /** The staff and appraisal import. */
  private readonly csv = new CsvImport(this, () => this.session?.store);

  /** The handover of a PLC's lead or the CPD leader role. */
  private readonly handover = new Handover(this, () => this.session?.store);

  private async runHandover(lists: Lists): Promise<void> {
    const ok = await this.handover.run(lists, localToday());
    if (ok) {
      this.announcement = this.handover.done;
      await this.lists.reload();
    }
  }

  /** Every programme record, loaded again when any of them changes. */
  private readonly lists = new StoreQueryController<Lists>(this, () => this.session, {
    key: () => 'all',
    load: async ({ store }) => {
      const [cycles, themes, communities, people, schools] = await Promise.all([
        store.list('cycles'),
        store.list('themes'),
        store.list('communities'),
        store.list('people'),
        store.list('schools'),
      ]);
      return {
        cycles: cycles.sort((a, b) => b.record.startsOn.localeCompare(a.record.startsOn)),
        themes: themes.sort(byName),
        communities: communities.sort(byName),
        people: people.sort(byName),
        schools: schools.sort(byName),
      };
    },
    affects: (change) => change.kind === 'record' && ['cycles', 'themes', 'communities', 'people', 'schools'].includes(change.collection),
    // An import writes hundreds of records: reload once they are in, not once per record.
    delay: 50,
  });

  /** One record editor per section: a form open on a cycle, a theme, a community or a person. */
  private readonly editors = Object.fromEntries(EDITED.map((collection) => [collection, this.editorFor(collection)])) as Record<AdminCollection, AdminEditor>;

  private editorFor(collection: AdminCollection): AdminEditor {
    return new RecordEditorController<AdminRecord, Draft>(this, () => this.session, {
      collection,
      draftOf: (record) => draftOf(collection, record!),
      recordOf: (draft, base) => {
        const name = 'name' in draft ? draft.name.trim() : '';
        const id = base?.id ?? slugId(ID_PREFIX[collection], name, this.takenIds(collection));
        const aspectIds = new Set((this.lists.value?.themes ?? []).flatMap((t) => t.record.aspects.map((a) => a.id)));
        const { record, errors } = buildRecord(draft, id, base, { aspectIds });
        return record ? { record } : { errors };
      },
      fieldLabels,
    });
  }

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
    return actor ? verdict(actor, 'directory.write', { collection }).allowed : false;
  }

  // -----------------------------------------------------------------------------------------------
  // Rendering: states.

  protected override render() {
    const head = heading(this.level, html`${msg('Programme administration', { id: 'admin.title' })}`, { className: 'admin-title', focusable: true });
    if (!this.session) {
      return html`${head}${this.noSessionNotice(needsProviderText)}`;
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
    const lists = this.lists.value;
    if (this.lists.status === 'error') {
      return html`${head}
        <div class="notice error" role="alert">
          <p>${msg('The programme records could not be loaded.', { id: 'admin.load-error' })} ${this.lists.error}</p>
          <button @click=${() => this.lists.reload()}>${tryAgainText()}</button>
        </div>`;
    }
    if (!lists) {
      return html`${head}<p class="muted" role="status">${msg('Loading the programme’s records…', { id: 'admin.loading' })}</p>`;
    }
    return html`${head}
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
      ${this.renderTabs()}
      <section class="panel" part="panel" role="tabpanel" id="ca-panel" aria-labelledby="ca-tab-${this.current}">${this.renderSection(lists)}</section>`;
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
      case 'handover':
        return msg('Handovers', { id: 'admin.tab.handover' });
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
    if (this.current === 'handover') return handoverView(this.handover, lists, this.level + 1, () => void this.runHandover(lists));
    const collection = this.current as AdminCollection;
    if (this.editors[collection].isOpen) return this.renderForm(collection, lists);
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
      ${tables[collection](this.tablesContext(), lists)}`;
  }

  // -----------------------------------------------------------------------------------------------
  // Tables.

  private tablesContext(): TablesContext {
    return {
      communityCycle: this.communityCycle ?? this.session?.cycle?.id ?? '',
      personQuery: this.personQuery,
      personName: (id) => this.personName(id),
      openEdit: (collection, row) => void this.openEdit(collection, row),
      setCommunityCycle: (id) => (this.communityCycle = id),
      setPersonQuery: (text) => (this.personQuery = text),
    };
  }

  // -----------------------------------------------------------------------------------------------
  // Editing.

  private defaults(lists: Lists) {
    const cycle = this.session?.cycle;
    return { cycleId: cycle?.id, themeIds: cycle?.themeIds, schoolId: lists.schools.length === 1 ? lists.schools[0]!.record.id : undefined };
  }

  private async openNew(collection: AdminCollection): Promise<void> {
    const lists = this.lists.value;
    if (!lists) return;
    this.saved = undefined;
    this.editors[collection].openNew(emptyDraft(collection, this.defaults(lists)));
    await this.focusForm();
  }

  private async openEdit(collection: AdminCollection, row: Versioned<AdminRecord>): Promise<void> {
    this.saved = undefined;
    this.editors[collection].open(row);
    await this.focusForm();
  }

  private async focusForm(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.form-title')?.focus();
  }

  private formTitle(collection: AdminCollection, editor: AdminEditor): string {
    const name = (editor.base?.record as { name?: string } | undefined)?.name ?? '';
    if (editor.isNew) {
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

  private renderForm(collection: AdminCollection, lists: Lists) {
    const editor = this.editors[collection];
    const draft = editor.draft!;
    const ctx: FormContext = {
      draft,
      errors: editor.errors,
      update: (patch) => editor.update(patch as Partial<Draft>),
      cycles: lists.cycles.map((c) => c.record),
      themes: lists.themes.map((t) => t.record),
      people: lists.people.map((p) => p.record),
      schools: lists.schools.map((s) => s.record),
      editingId: editor.base?.record.id,
      filters: this.filters,
      setFilter: (key, text) => (this.filters = { ...this.filters, [key]: text }),
    };
    const errorCount = Object.keys(editor.errors).length;
    return html`<form class="form" part="form" novalidate @submit=${(e: Event) => this.save(e, collection)}>
      ${heading(this.level + 1, html`${this.formTitle(collection, editor)}`, { className: 'form-title', focusable: true })}
      ${conflictView(editor, { keepMine: () => this.save(undefined, collection, true), takeTheirs: () => this.takeTheirs(collection), id: 'ca-conflict' })}
      ${errorCount > 0 ? html`<p class="notice error" role="alert">${msg('Some values need checking: see the messages below.', { id: 'admin.form.errors' })}</p>` : nothing}
      ${editor.failure ? html`<p class="notice error" role="alert">${msg(str`This could not be saved: ${editor.failure}`, { id: 'admin.save-error' })}</p>` : nothing}
      ${draftForm(ctx)}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${editor.saving}>${msg('Save', { id: 'admin.save' })}</button>
        <button type="button" @click=${() => this.closeForm(collection)}>${msg('Cancel', { id: 'admin.cancel' })}</button>
      </div>
    </form>`;
  }

  private async takeTheirs(collection: AdminCollection): Promise<void> {
    this.editors[collection].takeTheirs();
    this.announcement = msg('Reloaded their version.', { id: 'admin.stale.took-theirs' });
    await this.focusForm();
  }

  private async closeForm(collection: AdminCollection, focusId?: string): Promise<void> {
    const id = focusId ?? this.editors[collection].base?.record.id;
    this.editors[collection].close();
    await this.updateComplete;
    const target =
      (id ? this.renderRoot.querySelector<HTMLElement>(`[data-edit="${CSS.escape(id)}"]`) : null) ?? this.renderRoot.querySelector<HTMLElement>(`[data-new="${collection}"]`);
    target?.focus();
  }

  private takenIds(collection: AdminCollection): Set<string> {
    return new Set((this.lists.value?.[collection] ?? []).map((row) => row.record.id));
  }

  /** Saves the open form; with `overTheirs`, over the version a colleague saved first. */
  private async save(event: Event | undefined, collection: AdminCollection, overTheirs = false): Promise<void> {
    event?.preventDefault();
    const editor = this.editors[collection];
    if (!editor.isOpen || editor.saving || !this.may(collection)) return;
    const result = await editor.save({ overTheirs });
    if (result.ok) {
      const record = result.saved.record as AdminRecord & { name: string };
      editor.close();
      const text = savedText(this.session?.store, msg(str`Saved “${record.name}”.`, { id: 'admin.saved' }));
      this.saved = { section: collection, text };
      this.announcement = text;
      await this.lists.reload();
      await this.updateComplete;
      (this.renderRoot.querySelector<HTMLElement>(`[data-edit="${CSS.escape(record.id)}"]`) ?? this.renderRoot.querySelector<HTMLElement>('.panel-title'))?.focus();
      return;
    }
    await this.updateComplete;
    if (result.reason === 'invalid') this.renderRoot.querySelector<HTMLElement>('form [aria-invalid="true"], form fieldset[data-invalid] input')?.focus();
    if (result.reason === 'conflict') this.renderRoot.querySelector<HTMLElement>('#ca-conflict')?.focus();
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
          ${this.actor && verdict(this.actor, 'appraisal.read', { scope: 'aggregate' }).allowed
            ? html`<button @click=${() => this.exportAppraisals(lists)}>${msg('Download appraisal figures (CSV)', { id: 'admin.export.appraisals' })}</button>`
            : nothing}
        </div>
        <p class="hint">${msg('Appraisal figures are counts by cycle and aspect: individual appraisal records are never shown or exported.', { id: 'admin.export.appraisals-hint' })}</p>
      </section>`;
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
      ${columnsHelp(csv.kind)}
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
            ${csv.report && (csv.status === 'checked' || csv.status === 'importing')
              ? importReport(csv, sub + 1, { accept: () => void this.acceptImport(), schoolName: (id) => this.lists.value?.schools.find((s) => s.record.id === id)?.record.name ?? id })
              : nothing}
            ${csv.result ? importResult(csv, sub + 1) : nothing}`
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

  private acceptImport = async () => {
    if (!this.may(this.csv.reportKind)) return;
    const result = await this.csv.accept();
    if (!result) return;
    const done = result.created + result.updated;
    this.announcement = msg(str`Imported ${formatNumber(done)} rows.`, { id: 'admin.csv.imported-short' });
    await this.lists.reload();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.result-title')?.focus();
  };

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
