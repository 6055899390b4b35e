import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Collection } from '../../src/schema/directory.js';
import { StaleWriteError, type Store, type Versioned } from '../../src/store/store.js';
import type { PlcSession } from '../context/session.js';
import { PlcErrorEvent } from '../events/error.js';
import { DraftController } from './draft-controller.js';

/** What a draft kept on the device started from: the stored version and record (none for a new record). */
interface DraftBase<R> {
  version: number;
  record: R | undefined;
}

/** Problems that stop a save, by field (the form shows each under its field). */
export type FieldErrors = Readonly<Record<string, string>>;

/** Where the editor stands: no record open, one loading, one open, not found, or failed to load. */
export type EditorStatus = 'closed' | 'loading' | 'open' | 'missing' | 'error';

/**
 * A colleague's version that was saved after the person's draft started: what the conflict view
 * shows. The draft itself is untouched. `base` and `theirs` are what a field-by-field choice
 * (issue 16) compares: a field `theirs` changed since `base` is theirs to offer.
 */
export interface RecordConflict<R> {
  /** Their version, or undefined when they deleted the record. */
  theirs: Versioned<R> | undefined;
  /** The stored record the draft started from (undefined for a new record). */
  base: R | undefined;
  /** The form's fields they changed since `base`, labelled ones first in the editor's order. */
  changed: string[];
}

/** What a save came to. */
export type SaveResult<R> =
  | { ok: true; saved: Versioned<R> }
  /** `invalid`: problems by field (in `errors`); `conflict`: someone else saved first (see `conflict`); `failed`: the store failed (see `failure`); `closed`: no record open. */
  | { ok: false; reason: 'invalid' | 'conflict' | 'failed' | 'closed' };

/** How an editor turns a stored record into a form's draft and back. */
export interface RecordEditorOptions<R extends { id: string }, D> {
  /** The directory collection the record lives in. */
  collection: Collection;
  /** The form's draft of a stored record, or of a new one (undefined). */
  draftOf(record: R | undefined): D;
  /**
   * The record to save from the draft, or the problems by field that stop it (then nothing is
   * written). `base` is the stored record the draft started from: keep the fields the form does
   * not show, and its id.
   */
  recordOf(draft: D, base: R | undefined): { record: R } | { errors: Record<string, string> };
  /**
   * Names people recognise for the record's fields, in the form's order: the conflict view says
   * which of them a colleague changed.
   */
  fieldLabels?(): Readonly<Record<string, string>>;
}

type Host = ReactiveControllerHost & HTMLElement;

const IGNORED_FIELDS = new Set(['id', 'schemaVersion', 'kind']);

/**
 * The seam between a versioned directory record (a meeting, a survey, a learning walk, a
 * community) and the form that edits it: the draft as typed, whether it has unsaved changes
 * (`dirty`), and saving at the version the draft started from, so a colleague's save in between
 * is never overwritten unseen. When the store refuses a stale write, nothing is lost: the draft
 * stays, `conflict` holds their version and the fields they changed, and the person chooses with
 * the conflict view ({@link conflictView}): keep mine (`save({ overTheirs: true })`) or take
 * theirs (`takeTheirs()`).
 *
 * Saves follow each other (a save asked for while one is under way runs after it, writing the
 * draft as it is then), so an editor that saves as it goes (the learning walk) never races
 * itself. While the draft is clean, a colleague's newer version is taken as it arrives.
 *
 * `update()` is the one place the draft changes, and where it is kept on the device as the
 * person types (`kept`, a {@link DraftController}): after a reload the kept draft is offered back
 * (`draftPrompt(editor.kept, ...)`); restoring it over a version someone else saved since opens
 * the conflict view. `loaded` resolves when the load or save under way has finished.
 * @example
 * ```ts
 * private readonly editor = new RecordEditorController(this, () => this.session, {
 *   collection: 'meetings',
 *   draftOf: (meeting) => ({ notes: meeting?.notes ?? '' }),
 *   recordOf: (draft, base) => ({ record: { ...base!, notes: draft.notes } }),
 * });
 * render() {
 *   return html`<textarea .value=${this.editor.draft?.notes ?? ''} @input=${(e) => this.editor.update({ notes: e.target.value })}></textarea>
 *     ${conflictView(this.editor, { keepMine: () => this.editor.save({ overTheirs: true }), takeTheirs: () => this.editor.takeTheirs() })}`;
 * }
 * ```
 */
export class RecordEditorController<R extends { id: string }, D> implements ReactiveController {
  status: EditorStatus = 'closed';
  /** The draft as typed; undefined while no record is open. */
  draft: D | undefined;
  /** The stored record the draft started from, with its version (undefined for a new record). */
  base: Versioned<R> | undefined;
  /** Problems found by the last save, by field. */
  errors: FieldErrors = {};
  /** Set when a save found that someone else had saved first. */
  conflict: RecordConflict<R> | undefined;
  /** Why the last save or load failed (the store's words), or ''. */
  failure = '';
  /** Whether a save is under way. */
  saving = false;
  /** Resolves when the load or save under way has finished. */
  loaded: Promise<void> = Promise.resolve();

  /** What the person types, kept on the device until it is saved (see `restoreDraft`). */
  readonly kept: DraftController<D>;

  private snapshot = '';
  /** The id `load()` was last asked for: a record that arrives after it was missing (a sync) is opened. */
  private wanted: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private generation = 0;
  private store: Store | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: Host,
    private readonly getSession: () => PlcSession | undefined,
    private readonly options: RecordEditorOptions<R, D>,
  ) {
    host.addController(this);
    this.kept = new DraftController<D>(host, getSession, () => (this.draft === undefined ? undefined : this.draftKey()));
  }

  /** The key of the open record's draft on the device. */
  private draftKey(): string {
    return `records/${this.options.collection}/${this.base?.record.id ?? 'new'}`;
  }

  hostConnected(): void {
    this.follow();
  }

  hostUpdate(): void {
    this.follow();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.store = undefined;
  }

  /** Whether a record (stored or new) is open in the form. */
  get isOpen(): boolean {
    return this.draft !== undefined;
  }

  /** Whether the open record has never been saved. */
  get isNew(): boolean {
    return this.base === undefined;
  }

  /** The stored version the draft started from (0 for a new record). */
  get version(): number {
    return this.base?.version ?? 0;
  }

  /** Whether the draft differs from what was last opened or saved. */
  get dirty(): boolean {
    return this.draft !== undefined && JSON.stringify(this.draft) !== this.snapshot;
  }

  /** Opens a stored record, or a new one (undefined), in the form: a clean draft, no problems. */
  open(entry: Versioned<R> | undefined): void {
    this.start(entry, this.options.draftOf(entry?.record));
    this.snapshot = JSON.stringify(this.draft);
    void this.kept.look(this.draft!);
  }

  /** Opens a new record whose draft was made elsewhere (a setup form): unsaved, so dirty. */
  openNew(draft: D): void {
    this.start(undefined, draft);
    this.keep();
  }

  /**
   * Fills the form with the draft kept on this device (`kept.offer`). When someone else saved the
   * record after that draft started, the conflict view opens: their version beside it.
   */
  restoreDraft(): void {
    const entry = this.kept.restore();
    if (!entry || this.draft === undefined) return;
    const started = entry.base as DraftBase<R> | undefined;
    this.draft = entry.value;
    if (started && started.version !== this.version) {
      this.conflict = { theirs: this.base, base: started.record, changed: this.changedFields(started.record, this.base?.record) };
    }
    this.host.requestUpdate();
  }

  /** Keeps the draft on the device while it differs from what is stored; forgets it when it does not. */
  private keep(): void {
    if (this.draft === undefined) return;
    if (this.dirty || this.conflict) this.kept.keep(this.draft, { version: this.version, record: this.base?.record } satisfies DraftBase<R>);
    else void this.kept.clear();
  }

  private start(entry: Versioned<R> | undefined, draft: D): void {
    this.generation += 1;
    this.base = entry;
    this.draft = draft;
    this.snapshot = '';
    this.errors = {};
    this.conflict = undefined;
    this.failure = '';
    this.status = 'open';
    this.host.requestUpdate();
  }

  /** Loads the record `id` from the store and opens it; says whether it was found. */
  load(id: string): Promise<EditorStatus> {
    const generation = ++this.generation;
    this.wanted = id;
    const session = this.getSession();
    this.status = 'loading';
    this.draft = undefined;
    this.host.requestUpdate();
    const work = (async (): Promise<EditorStatus> => {
      try {
        const found = session ? await this.read(session.store, id) : undefined;
        if (generation !== this.generation) return this.status;
        if (found) this.open(found);
        else this.status = 'missing';
      } catch (error) {
        if (generation !== this.generation) return this.status;
        this.status = 'error';
        this.failure = error instanceof Error ? error.message : String(error);
        this.host.dispatchEvent(new PlcErrorEvent(this.failure, error));
      }
      this.host.requestUpdate();
      return this.status;
    })();
    this.loaded = work.then(() => undefined);
    return work;
  }

  /** Closes the form; changes not saved stay on the device and are offered when it opens again. */
  close(): void {
    void this.kept.release();
    this.generation += 1;
    this.status = 'closed';
    this.draft = undefined;
    this.base = undefined;
    this.errors = {};
    this.conflict = undefined;
    this.failure = '';
    this.host.requestUpdate();
  }

  /** Changes the draft (the one place it changes). */
  update(patch: Partial<D>): void {
    if (this.draft === undefined) return;
    this.draft = { ...this.draft, ...patch };
    this.keep();
    this.host.requestUpdate();
  }

  /** Shows `errors` under their fields (the form's own checks); `{}` clears them. */
  setErrors(errors: FieldErrors): void {
    this.errors = errors;
    this.host.requestUpdate();
  }

  /** Clears the problem under one field, once the person has changed it. */
  clearError(field: string): void {
    if (!(field in this.errors)) return;
    const { [field]: _cleared, ...rest } = this.errors;
    this.setErrors(rest);
  }

  /**
   * Saves the draft at the version it started from; with `overTheirs`, over the colleague's
   * version the conflict view showed ("keep mine"). Runs after any save under way.
   */
  save(options: { overTheirs?: boolean } = {}): Promise<SaveResult<R>> {
    const run = this.queue.then(() => this.saveNow(options.overTheirs === true));
    this.queue = run.catch(() => undefined);
    this.loaded = this.queue.then(() => undefined);
    return run;
  }

  /** Opens the colleague's version the conflict view showed, dropping the draft ("take theirs"). */
  takeTheirs(): void {
    const conflict = this.conflict;
    if (!conflict) return;
    void this.kept.clear();
    if (conflict.theirs) this.open(conflict.theirs);
    else this.open(undefined);
  }

  private async saveNow(overTheirs: boolean): Promise<SaveResult<R>> {
    const session = this.getSession();
    const draft = this.draft;
    if (!session || draft === undefined) return { ok: false, reason: 'closed' };
    const conflict = this.conflict;
    if (conflict && !overTheirs) return { ok: false, reason: 'conflict' };
    // Saved already (a save queued behind another that wrote the same draft): nothing to write.
    if (this.base && !conflict && !this.dirty) return { ok: true, saved: this.base };
    const built = this.options.recordOf(draft, this.base?.record);
    if ('errors' in built) {
      this.setErrors(built.errors);
      return { ok: false, reason: 'invalid' };
    }
    const generation = this.generation;
    const expected = overTheirs && conflict ? (conflict.theirs?.version ?? 0) : this.version;
    const sent = JSON.stringify(draft);
    this.errors = {};
    this.failure = '';
    this.saving = true;
    this.host.requestUpdate();
    try {
      const saved = (await session.store.put(this.options.collection, built.record as never, expected)) as unknown as Versioned<R>;
      if (generation !== this.generation) return { ok: true, saved };
      const typedSince = JSON.stringify(this.draft) !== sent;
      // Forget the draft kept under the key it was saved from (a new record gets its id now).
      void this.kept.clear();
      this.base = saved;
      this.conflict = undefined;
      if (!typedSince) {
        // Nothing typed while saving: show the record as stored (trimmed, ordered).
        this.draft = this.options.draftOf(saved.record);
        this.snapshot = JSON.stringify(this.draft);
      } else {
        this.snapshot = sent;
        this.keep();
      }
      return { ok: true, saved };
    } catch (error) {
      if (generation !== this.generation) return { ok: false, reason: 'failed' };
      if (error instanceof StaleWriteError) {
        const theirs = await this.read(session.store, built.record.id).catch(() => undefined);
        this.conflict = { theirs, base: this.base?.record, changed: this.changedFields(this.base?.record, theirs?.record) };
        return { ok: false, reason: 'conflict' };
      }
      this.failure = error instanceof Error ? error.message : String(error);
      this.host.dispatchEvent(new PlcErrorEvent(this.failure, error));
      return { ok: false, reason: 'failed' };
    } finally {
      this.saving = false;
      this.host.requestUpdate();
    }
  }

  /**
   * The form's fields that differ between two versions (their drafts are compared, so the keys
   * are the form's), labelled ones first in the editor's order.
   */
  private changedFields(base: R | undefined, theirs: R | undefined): string[] {
    if (!base || !theirs) return [];
    const a = this.options.draftOf(base) as Record<string, unknown>;
    const b = this.options.draftOf(theirs) as Record<string, unknown>;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((key) => !IGNORED_FIELDS.has(key)));
    const differs = (key: string) => JSON.stringify(a[key]) !== JSON.stringify(b[key]);
    const labelled = Object.keys(this.options.fieldLabels?.() ?? {});
    return [...labelled.filter((key) => keys.has(key)), ...[...keys].filter((key) => !labelled.includes(key))].filter(differs);
  }

  /**
   * Takes a colleague's newer version of the open record as it arrives, while the draft is clean;
   * opens a record asked for while it was missing once it arrives.
   */
  private follow(): void {
    const store = this.getSession()?.store;
    if (store === this.store) return;
    this.unsubscribe?.();
    this.store = store;
    this.unsubscribe = store?.subscribe((change) => {
      if (change.kind !== 'record' || change.collection !== this.options.collection) return;
      if (this.status === 'missing' && change.id === this.wanted && change.version !== undefined) {
        void this.load(change.id);
        return;
      }
      const id = this.base?.record.id;
      if (change.id !== id) return;
      if (change.version === this.base?.version || this.dirty || this.saving || this.conflict) return;
      const generation = this.generation;
      void this.read(store, id).then((entry) => {
        if (generation === this.generation && entry && entry.version !== this.base?.version && !this.dirty && !this.saving && !this.conflict) this.open(entry);
      });
    });
  }

  /** The stored record `id` of the editor's collection. */
  private async read(store: Store, id: string): Promise<Versioned<R> | undefined> {
    return (await store.get(this.options.collection, id)) as unknown as Versioned<R> | undefined;
  }

  /** One field of the draft and of the colleague's version in the conflict, for the field-by-field choice. */
  fieldValues(key: string): { mine: unknown; theirs: unknown } {
    const theirs = this.conflict?.theirs ? (this.options.draftOf(this.conflict.theirs.record) as Record<string, unknown>) : {};
    return { mine: (this.draft as Record<string, unknown> | undefined)?.[key], theirs: theirs[key] };
  }

  /** Puts the colleague's value of one field into the draft ("Use theirs"); keep mine then saves the mix. */
  takeField(key: string): void {
    const theirs = this.conflict?.theirs;
    if (!theirs || this.draft === undefined) return;
    this.update({ [key]: (this.options.draftOf(theirs.record) as Record<string, unknown>)[key] } as Partial<D>);
  }

  /** The name of a field for people: its label, else the key. */
  fieldLabel(key: string): string {
    return this.options.fieldLabels?.()[key] ?? key;
  }
}
