import type { ReactiveController, ReactiveControllerHost, TemplateResult, nothing } from 'lit';
import type { EnquiryState } from '../../src/lifecycle/lifecycle.js';
import { isSyncingStore } from '../../src/store/sync.js';
import type { PlcSession } from '../context/session.js';
import { conflictView, type ConflictViewEditor } from '../shared/conflict-view.js';
import { DraftController } from './draft-controller.js';
import type { EnquiryController } from './enquiry-controller.js';
import type { RecordConflict } from './record-editor.js';
import type { StepController } from './step-controller.js';
import { changedFields, forgetSent, hlcTime, readSent, rememberSent, replacedFields, stepConflict, type SentVersion } from './step-conflict.js';

type Host = ReactiveControllerHost & HTMLElement;

/** How an editor's form maps onto the part of the enquiry a step saves. */
export interface StepFormOptions<V, F> {
  /** The part edited: drafts are kept under `<part>/<enquiry id>`; the conflict notice's id is `<part>-conflict`. */
  part: string;
  /** The step that saves the part (`question.draft`, `reflection.save`, `outcome.save`). */
  step: string;
  /** The part's fields in the form's order: what the conflict view compares. */
  fields: readonly (keyof V & string)[];
  /** The part as it stands in the enquiry (undefined when there is nothing to edit yet). */
  read(data: EnquiryState['data']): V | undefined;
  /** The form's copy of a saved version (every row, to edit). */
  toForm(value: V): F;
  /** What would be saved from the form: trimmed, blank rows left out. */
  clean(form: F): V;
  /** Names people recognise for the fields (the form's labels). */
  labels(): Readonly<Record<string, string>>;
  /** Whether the person writes the part now: drafts are offered and sent versions checked only then. */
  editable(): boolean;
  /** The field focused once the person takes their colleague's version or restores a draft. */
  firstFieldId: string;
}

const keyOf = (value: unknown) => JSON.stringify(value);

/**
 * The one path every enquiry editor (the driving question, the reflection, the outcome) takes so
 * that no word is lost: the form as typed, kept on the device as the person types (`kept`) and
 * offered back after a reload; a colleague's version followed while the form is clean; and when
 * a colleague's version replaced (or would replace) the person's words, the shared conflict view
 * with keep mine, take theirs, or field by field. It works live (a version arrives while the
 * person types) and after an offline save (see `step-conflict.ts`).
 *
 * The host calls {@link sync} from `willUpdate`, {@link patch} on input, {@link save} on its
 * Save button (after its own checks), and renders {@link render} above the form.
 * @example
 * ```ts
 * private readonly reflection = new StepFormController(this, () => this.session, this.enquiry, this.steps, () => this.enquiryId, {
 *   part: 'reflection', step: 'reflection.save', fields: ['whatWorked', 'whatDidNot', 'nextSteps'],
 *   read: (data) => data.reflection ?? EMPTY, toForm: (r) => ({ ...r }), clean, labels, editable: () => true, firstFieldId: 'reflection-whatWorked',
 * });
 * willUpdate() { this.reflection.sync(); }
 * render() { return html`${this.reflection.render({ keepMine: () => this.save() })}<textarea …></textarea>`; }
 * ```
 * @internal shared by the enquiry editors
 */
export class StepFormController<V, F> implements ReactiveController {
  /** The form as typed; undefined until the enquiry is loaded. */
  form: F | undefined;
  /** A colleague's version that replaced (or would replace) the person's words: both are shown. */
  conflict: RecordConflict<V> | undefined;
  /** What the person types, kept on the device until it is saved. */
  readonly kept: DraftController<F>;

  /** The saved version the form was filled from (see `keyOf`). */
  private loadedKey: string | undefined;
  private openFor: string | undefined;
  /** The version this person saved that the server may not have confirmed. */
  private sent: SentVersion<V> | undefined;
  private sentReadFor: string | undefined;
  private syncWatched: unknown;
  private unsubscribeSync: (() => void) | undefined;

  constructor(
    private readonly host: Host,
    private readonly getSession: () => PlcSession | undefined,
    private readonly enquiry: EnquiryController,
    private readonly steps: StepController,
    private readonly getEnquiryId: () => string | undefined,
    private readonly options: StepFormOptions<V, F>,
  ) {
    host.addController(this);
    this.kept = new DraftController<F>(host, getSession, () => this.draftKey());
  }

  private draftKey(): string | undefined {
    const enquiryId = this.getEnquiryId();
    return enquiryId ? `${this.options.part}/${enquiryId}` : undefined;
  }

  hostDisconnected(): void {
    this.unsubscribeSync?.();
    this.unsubscribeSync = undefined;
    this.syncWatched = undefined;
  }

  /** Whether the form holds changes not saved yet. */
  get dirty(): boolean {
    return this.form !== undefined && this.loadedKey !== undefined && keyOf(this.options.clean(this.form)) !== this.loadedKey;
  }

  private standing(): V | undefined {
    const data = this.enquiry.state?.data;
    return data && data.enquiryId === this.getEnquiryId() ? this.options.read(data) : undefined;
  }

  /**
   * Follows the enquiry (call it from the host's `willUpdate`): fills the form from what is saved
   * unless the person has changes of their own, looks for a kept draft, checks a sent version.
   */
  sync(): void {
    const enquiryId = this.getEnquiryId();
    if (this.openFor !== enquiryId) {
      this.openFor = enquiryId;
      this.form = undefined;
      this.loadedKey = undefined;
      this.conflict = undefined;
      this.sent = undefined;
      this.sentReadFor = undefined;
      void this.kept.release();
    }
    this.watchSync();
    const saved = this.standing();
    if (!saved) return;
    const key = keyOf(saved);
    // Someone else saved (another tab, another device): follow it unless this person has changes of their own.
    if (!this.form || (key !== this.loadedKey && !this.dirty)) {
      this.form = this.options.toForm(saved);
      this.loadedKey = key;
    }
    if (!this.getSession()?.person || !this.options.editable()) return;
    void this.kept.look(this.options.toForm(saved));
    this.checkSent(saved);
  }

  /** Looks again at a remembered version once the store has synced (it may now be confirmed). */
  private watchSync(): void {
    const store = this.getSession()?.store;
    if (store === this.syncWatched) return;
    this.unsubscribeSync?.();
    this.unsubscribeSync = undefined;
    this.syncWatched = store;
    if (isSyncingStore(store)) this.unsubscribeSync = store.subscribeSync((state) => state.status === 'synced' && this.sent && this.host.requestUpdate());
  }

  /** Whether the server has everything written here (or there is no server). */
  private get allSent(): boolean {
    const store = this.getSession()?.store;
    return !isSyncingStore(store) || (store.syncState.status === 'synced' && store.syncState.waiting === 0);
  }

  /**
   * Compares the version this person saved with the one that stands: forgets it once it stands
   * and is sent, or once every change it made stands; when a colleague's version replaced words
   * it changed, opens the conflict view with the person's words back in the form.
   */
  private checkSent(saved: V): void {
    const person = this.getSession()?.person;
    const drafts = this.getSession()?.drafts;
    const key = this.draftKey();
    if (!person || !drafts || !key) return;
    if (this.sentReadFor !== key) {
      this.sentReadFor = key;
      void readSent<V>(drafts, person.id, key)
        .then((sent) => {
          if (this.draftKey() !== key) return;
          this.sent = sent;
          if (sent) this.host.requestUpdate();
        })
        .catch(() => undefined);
      return;
    }
    const sent = this.sent;
    if (!sent || this.conflict) return;
    if (keyOf(saved) === keyOf(sent.mine)) {
      // It stands; once everything is sent, note when (a sync may push before it pulls, so a
      // colleague's concurrent version can still arrive after this).
      if (this.allSent && sent.confirmedAt === undefined) {
        this.sent = { ...sent, confirmedAt: Date.now() };
        void rememberSent(drafts, person.id, key, this.sent).catch(() => undefined);
      }
      return;
    }
    const standing = this.enquiry.log.filter((e) => e.type === this.options.step).at(-1);
    const knowingly = sent.confirmedAt !== undefined && standing !== undefined && hlcTime(standing.hlc) > sent.confirmedAt;
    const replaced = knowingly ? [] : replacedFields(this.options.fields, sent.base, sent.mine, saved);
    if (replaced.length === 0) {
      this.sent = undefined;
      void forgetSent(drafts, person.id, key).catch(() => undefined);
      return;
    }
    this.conflict = { ...stepConflict(this.options.fields, sent.base, saved), changed: replaced };
    if (!this.dirty) this.form = this.options.toForm(sent.mine);
    this.loadedKey = keyOf(saved);
    this.focus(`${this.options.part}-conflict`);
  }

  private focus(id: string): void {
    void this.host.updateComplete.then(() => (this.host.shadowRoot?.getElementById(id) as HTMLElement | null)?.focus());
  }

  /** Opens the conflict view: `saved` was written over `base`, the version the form started from. */
  private showConflict(base: V, saved: V): void {
    this.conflict = { ...stepConflict(this.options.fields, base, saved), changed: changedFields(this.options.fields, base, saved) };
    this.host.requestUpdate();
    this.focus(`${this.options.part}-conflict`);
  }

  /** Changes the form (the one place it changes as the person types) and keeps it on the device. */
  patch(change: Partial<F>): void {
    if (!this.form) return;
    this.form = { ...this.form, ...change };
    this.steps.announce('');
    if (this.dirty) this.kept.keep(this.form, this.loadedKey);
    else void this.kept.clear();
    this.host.requestUpdate();
  }

  /** Fills the form with the changes kept on this device; over a colleague's later save, shows both. */
  restoreDraft(): void {
    const entry = this.kept.restore();
    if (!entry || !this.form) return;
    this.form = entry.value;
    this.host.requestUpdate();
    const saved = this.standing();
    if (saved && typeof entry.base === 'string' && entry.base !== this.loadedKey) {
      this.showConflict(JSON.parse(entry.base) as V, saved);
      return;
    }
    this.focus(this.options.firstFieldId);
  }

  /**
   * Saves the form with the part's step, unless a colleague's version stands that the form did
   * not start from (then the conflict view opens). Returns whether it was saved.
   */
  async save(failed: (error: string) => string): Promise<boolean> {
    if (!this.form || this.steps.busy) return false;
    if (this.conflict) {
      this.focus(`${this.options.part}-conflict`);
      return false;
    }
    const standing = this.standing();
    if (standing && this.loadedKey !== undefined && keyOf(standing) !== this.loadedKey) {
      this.showConflict(JSON.parse(this.loadedKey) as V, standing);
      return false;
    }
    const value = this.options.clean(this.form);
    const result = await this.steps.take(this.options.step, { ...value } as Record<string, unknown>, failed);
    if (!result?.ok) return false;
    this.loadedKey = keyOf(value);
    if (!this.dirty) void this.kept.clear();
    const person = this.getSession()?.person;
    const drafts = this.getSession()?.drafts;
    const key = this.draftKey();
    if (isSyncingStore(this.getSession()?.store) && drafts && person && key) {
      this.sent = { mine: value, base: standing };
      void rememberSent(drafts, person.id, key, this.sent).catch(() => undefined);
    }
    return true;
  }

  /** Keep mine: `save` (the host's, with its checks) writes the form over the version that stands. */
  keepMine(save: () => Promise<unknown>): Promise<unknown> {
    const saved = this.standing();
    if (!saved) return Promise.resolve();
    this.loadedKey = keyOf(saved);
    this.conflict = undefined;
    // The version the conflict came from is settled: saving remembers the new one.
    this.sent = undefined;
    return save();
  }

  /** Take theirs (or drop the changes): the version that stands fills the form; the person's is dropped. */
  reset(focusId = this.options.firstFieldId): void {
    const saved = this.standing();
    const person = this.getSession()?.person;
    const drafts = this.getSession()?.drafts;
    const key = this.draftKey();
    if (!saved) return;
    this.form = this.options.toForm(saved);
    this.loadedKey = keyOf(saved);
    this.conflict = undefined;
    this.sent = undefined;
    void this.kept.clear();
    if (person && drafts && key) void forgetSent(drafts, person.id, key).catch(() => undefined);
    this.host.requestUpdate();
    this.focus(focusId);
  }

  /** The conflict view's view of this form. */
  private get conflictEditor(): ConflictViewEditor {
    const field = (form: F | undefined, key: string) => (form as Record<string, unknown> | undefined)?.[key];
    const theirs = () => {
      const version = this.conflict?.theirs?.record ?? this.standing();
      return version === undefined ? undefined : this.options.toForm(version);
    };
    return {
      conflict: this.conflict as RecordConflict<unknown> | undefined,
      saving: this.steps.busy,
      fieldLabel: (key) => this.options.labels()[key] ?? key,
      fieldValues: (key) => ({ mine: field(this.form, key), theirs: field(theirs(), key) }),
      takeField: (key) => this.patch({ [key]: field(theirs(), key) } as Partial<F>),
      kept: this.kept as DraftController<unknown>,
      restoreDraft: () => this.restoreDraft(),
    };
  }

  /** The restore prompt and the conflict view, above the form. `keepMine` is the host's save. */
  render(options: { keepMine: () => Promise<unknown> }): TemplateResult | typeof nothing {
    return conflictView(this.conflictEditor, {
      keepMine: () => this.keepMine(options.keepMine),
      takeTheirs: () => this.reset(),
      id: `${this.options.part}-conflict`,
    });
  }
}
