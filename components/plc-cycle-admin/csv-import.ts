/**
 * The CSV import of `plc-cycle-admin` as a reactive controller: read (file or pasted text), check
 * (a row-by-row report; nothing written), then, only when the person accepts, write the valid
 * rows, each at the version read when the file was checked.
 * @internal
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { msg } from '@lit/localize';
import { importAppraisalsCsv, importStaffCsv, type ImportReport, type ImportRow } from '../../src/export/directoryCsv.js';
import type { AppraisalRecord, Person } from '../../src/schema/directory.js';
import { StoreError, type Store } from '../../src/store/store.js';

/** What is being imported. */
export type ImportKind = 'people' | 'appraisals';

/** The largest file read, in bytes (about 50,000 rows of staff). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** A row that could not be written when the import ran. */
export interface ImportFailure {
  line: number;
  message: string;
}

/** The outcome of an accepted import. */
export interface ImportResult {
  created: number;
  updated: number;
  failed: ImportFailure[];
}

type Report = ImportReport<Person> | ImportReport<AppraisalRecord>;

export class CsvImport implements ReactiveController {
  kind: ImportKind = 'people';
  text = '';
  fileName: string | undefined;
  status: 'idle' | 'reading' | 'checking' | 'checked' | 'importing' | 'done' = 'idle';
  report: Report | undefined;
  result: ImportResult | undefined;
  /** Rows written so far while importing. */
  progress = 0;
  /** Why the file could not be read or checked. */
  error: string | undefined;
  /** The kind the report is about (the radio may change after checking). */
  reportKind: ImportKind = 'people';
  /**
   * Whether the person confirmed that rows warned `same-name` (a second "Ann Lee") are other
   * people: until then those rows are left out of the import.
   */
  confirmSameName = false;
  private versions = new Map<string, number>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly store: () => Store | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Forgets the report (the text stays, so it can be corrected and checked again). */
  clear(): void {
    this.report = undefined;
    this.confirmSameName = false;
    this.result = undefined;
    this.error = undefined;
    this.status = 'idle';
    this.host.requestUpdate();
  }

  setKind(kind: ImportKind): void {
    if (kind === this.kind) return;
    this.kind = kind;
    this.clear();
  }

  setText(text: string): void {
    this.text = text;
    this.fileName = undefined;
    if (this.report || this.result) this.clear();
    else this.host.requestUpdate();
  }

  /** Reads a chosen file into the text, then checks it. */
  async readFile(file: File): Promise<void> {
    this.clear();
    if (file.size > MAX_IMPORT_BYTES) {
      this.error = msg('This file is larger than 5 MB: split it into smaller files.', { id: 'admin.csv.too-big' });
      this.host.requestUpdate();
      return;
    }
    this.status = 'reading';
    this.host.requestUpdate();
    try {
      this.text = await file.text();
      this.fileName = file.name;
    } catch {
      this.status = 'idle';
      this.error = msg('The file could not be read.', { id: 'admin.csv.read-error' });
      this.host.requestUpdate();
      return;
    }
    await this.check();
  }

  /** Checks the text against the directory as it is now. Writes nothing. */
  async check(): Promise<void> {
    const store = this.store();
    if (!store) return;
    this.result = undefined;
    this.error = undefined;
    this.status = 'checking';
    this.host.requestUpdate();
    try {
      if (this.kind === 'people') {
        const [people, schools] = await Promise.all([store.list('people'), store.list('schools')]);
        this.versions = new Map(people.map((p) => [p.record.id, p.version]));
        this.report = importStaffCsv(this.text, { people: people.map((p) => p.record), schools: schools.map((s) => s.record) });
      } else {
        const [people, cycles, themes, appraisals] = await Promise.all([store.list('people'), store.list('cycles'), store.list('themes'), store.list('appraisals')]);
        this.versions = new Map(appraisals.map((a) => [a.record.id, a.version]));
        this.report = importAppraisalsCsv(this.text, {
          people: people.map((p) => p.record),
          cycles: cycles.map((c) => c.record),
          themes: themes.map((t) => t.record),
          appraisals: appraisals.map((a) => a.record),
        });
      }
      this.reportKind = this.kind;
      this.status = 'checked';
    } catch (error) {
      this.status = 'idle';
      this.error = error instanceof Error ? error.message : String(error);
    }
    this.host.requestUpdate();
  }

  setConfirmSameName(confirmed: boolean): void {
    this.confirmSameName = confirmed;
    this.host.requestUpdate();
  }

  /** The rows the import would write: the valid ones, less unconfirmed second namesakes. */
  rowsToWrite(): Array<ImportRow<Person> | ImportRow<AppraisalRecord>> {
    const valid: Array<ImportRow<Person> | ImportRow<AppraisalRecord>> = [...(this.report?.valid ?? [])];
    return this.confirmSameName ? valid : valid.filter((row) => !row.warning);
  }

  /** Writes the valid rows of the report the person accepted. */
  async accept(): Promise<ImportResult | undefined> {
    const store = this.store();
    const report = this.report;
    if (!store || !report || this.status !== 'checked') return undefined;
    this.status = 'importing';
    this.progress = 0;
    this.host.requestUpdate();
    const result: ImportResult = { created: 0, updated: 0, failed: [] };
    const collection = this.reportKind;
    for (const row of this.rowsToWrite()) {
      const expected = this.versions.get(row.record.id) ?? 0;
      try {
        if (collection === 'people') await store.put('people', row.record as Person, expected);
        else await store.put('appraisals', row.record as AppraisalRecord, expected);
        if (expected === 0) result.created += 1;
        else result.updated += 1;
      } catch (error) {
        const stale = error instanceof StoreError && error.code === 'stale';
        result.failed.push({
          line: row.line,
          message: stale
            ? msg('Someone else changed this record after the file was checked: check the file again.', { id: 'admin.csv.row-stale' })
            : error instanceof Error
              ? error.message
              : String(error),
        });
      }
      this.progress += 1;
      if (this.progress % 50 === 0) this.host.requestUpdate();
    }
    this.result = result;
    this.report = undefined;
    this.confirmSameName = false;
    this.status = 'done';
    this.host.requestUpdate();
    return result;
  }
}
