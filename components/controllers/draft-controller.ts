import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DraftEntry } from '../../src/store/drafts.js';
import type { PlcSession } from '../context/session.js';

type Host = ReactiveControllerHost & HTMLElement;

/** How long typing must pause before the draft is written to the device, by default. */
export const DRAFT_DELAY_MS = 400;

/** Every controller on the page with changes not saved yet: the one `beforeunload` listener asks them. */
const unsavedControllers = new Set<DraftController<unknown>>();
let listening = false;

function listenForLeaving(): void {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  window.addEventListener('beforeunload', (event) => {
    for (const controller of unsavedControllers) void controller.flush();
    if (unsavedControllers.size === 0) return;
    // The browser shows its own "Leave site? Changes you made may not be saved." dialog.
    event.preventDefault();
    event.returnValue = '';
  });
  const flushAll = () => {
    for (const controller of unsavedControllers) void controller.flush();
  };
  window.addEventListener('pagehide', flushAll);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushAll();
  });
}

/** Whether any editor on the page has changes that are not saved yet (`beforeunload` warns then). */
export function hasUnsavedDrafts(): boolean {
  return unsavedControllers.size > 0;
}

/**
 * Keeps what a person types in an editor on their device as they type (debounced, in the
 * session's draft store: IndexedDB beside a stored or syncing store), offers it back after a
 * reload or a crash, warns before the page is left with unsaved changes, and forgets it once it
 * is saved or discarded. A draft never leaves the device.
 *
 * The editor says what is edited (`key`), calls {@link look} once it has filled its form from
 * what is stored, {@link keep} on every change, and {@link clear} once saved. While a kept draft
 * differs from the form, {@link offer} holds it: the editor shows the restore prompt
 * (`draftPrompt`) and calls {@link restore} or {@link discard}.
 * @example
 * ```ts
 * private readonly kept = new DraftController<Form>(this, () => this.session, () => `question/${this.enquiryId}`);
 * // once the form is filled:  void this.kept.look(this.form);
 * // on input:                 this.kept.keep(this.form, savedKey);
 * // once saved:               void this.kept.clear();
 * ```
 * @internal shared by the editors
 */
export class DraftController<V> implements ReactiveController {
  /** A draft kept on this device that differs from the form: offered back until restored or discarded. */
  offer: DraftEntry<V> | undefined;
  /** Resolves when the look or the write under way has finished. */
  loaded: Promise<void> = Promise.resolve();

  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: DraftEntry<V> | undefined;
  private lookedFor: string | undefined;
  private generation = 0;
  private writes: Promise<void> = Promise.resolve();
  /** Resolves `loaded` once the draft waiting for typing to pause is written. */
  private written: (() => void) | undefined;

  constructor(
    private readonly host: Host,
    private readonly getSession: () => PlcSession | undefined,
    /** What is edited (`question/enq-1`), or undefined while nothing is open. */
    private readonly getKey: () => string | undefined,
    private readonly delayMs = DRAFT_DELAY_MS,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    listenForLeaving();
  }

  hostDisconnected(): void {
    void this.flush();
    unsavedControllers.delete(this as DraftController<unknown>);
  }

  /** Whether there are changes not saved yet (kept on the device, or about to be). */
  get unsaved(): boolean {
    return unsavedControllers.has(this as DraftController<unknown>);
  }

  private where(): { drafts: NonNullable<PlcSession['drafts']>; personId: string; key: string } | undefined {
    const session = this.getSession();
    const key = this.getKey();
    const personId = session?.person?.id;
    if (!session?.drafts || !personId || !key) return undefined;
    return { drafts: session.drafts, personId, key };
  }

  /**
   * Looks for a draft of what is open now, once per key: offers it when it differs from
   * `current` (the form as filled from what is stored), forgets it when it is the same.
   */
  look(current: V): Promise<void> {
    const where = this.where();
    if (!where) return Promise.resolve();
    const lookKey = `${where.personId}\u0000${where.key}`;
    if (this.lookedFor === lookKey) return this.loaded;
    this.lookedFor = lookKey;
    const generation = ++this.generation;
    this.offer = undefined;
    const work = (async () => {
      try {
        const entry = await where.drafts.get<V>(where.personId, where.key);
        if (generation !== this.generation || !entry) return;
        if (JSON.stringify(entry.value) === JSON.stringify(current)) await where.drafts.remove(where.personId, where.key);
        else this.offer = entry;
      } catch {
        // A draft that cannot be read is not offered; the stored record is shown as before.
      }
      this.host.requestUpdate();
    })();
    this.loaded = work;
    return work;
  }

  /**
   * The person changed the form: writes `value` (started from `base`) to the device once typing
   * pauses. Marks the page as having unsaved changes.
   */
  keep(value: V, base: unknown): void {
    const where = this.where();
    if (!where) return;
    unsavedControllers.add(this as DraftController<unknown>);
    this.pending = { personId: where.personId, key: where.key, value: structuredClone(value), base: structuredClone(base), savedAt: new Date().toISOString() };
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (!this.written) this.loaded = new Promise<void>((resolve) => (this.written = resolve));
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Writes a draft still waiting for typing to pause, now (the page is being left). */
  flush(): Promise<void> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const entry = this.pending;
    this.pending = undefined;
    const drafts = this.getSession()?.drafts;
    if (entry && drafts) this.writes = this.writes.then(() => drafts.put(entry)).catch(() => undefined);
    const written = this.written;
    this.written = undefined;
    if (written) void this.writes.then(written);
    return this.writes;
  }

  /**
   * Gives the offered draft back to the editor (which fills its form with `value`); it stays on
   * the device until the form is saved.
   */
  restore(): DraftEntry<V> | undefined {
    const entry = this.offer;
    if (!entry) return undefined;
    this.offer = undefined;
    unsavedControllers.add(this as DraftController<unknown>);
    this.host.requestUpdate();
    return entry;
  }

  /** Forgets the offered draft, on the device too. */
  discard(): Promise<void> {
    this.offer = undefined;
    this.host.requestUpdate();
    return this.clear();
  }

  /** The form was saved (or its changes dropped): forgets the kept draft of what is open. */
  clear(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
    const written = this.written;
    this.written = undefined;
    unsavedControllers.delete(this as DraftController<unknown>);
    const where = this.where();
    if (where) this.writes = this.writes.then(() => where.drafts.remove(where.personId, where.key)).catch(() => undefined);
    if (written) void this.writes.then(written);
    this.loaded = this.writes;
    return this.writes;
  }

  /**
   * The form was closed with its changes kept on the device (offered again when it is next
   * opened): the page no longer warns about them.
   */
  release(): Promise<void> {
    const written = this.flush();
    unsavedControllers.delete(this as DraftController<unknown>);
    this.lookedFor = undefined;
    return written;
  }
}
