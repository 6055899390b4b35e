import type { ReactiveController, ReactiveControllerHost, TemplateResult, nothing } from 'lit';
import type { PlcSession } from '../context/session.js';
import { draftPrompt } from '../shared/draft-prompt.js';
import { DraftController } from './draft-controller.js';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * A small form that is not a stored record yet (a learning walk's setup, the lesson being
 * described before it is tallied, a sharing session about to be planned), kept on the device as
 * the person types and offered back after a reload, like every editor's draft. Its `value` is
 * the form; `set` changes it, `reset` empties it once it has been used (and forgets the draft).
 * @example
 * ```ts
 * private readonly setup = new KeptFormController(this, () => this.session, () => `walk-setup/${this.cycleId}`, () => ({ focus: '' }), 'walk-focus');
 * render() { return html`${this.setup.prompt('setup-draft')}<input .value=${this.setup.value.focus} @input=${(e) => this.setup.set({ focus: e.target.value })}>`; }
 * ```
 * @internal shared by the elements
 */
export class KeptFormController<V extends Record<string, string>> implements ReactiveController {
  /** The form as typed. */
  value: V;
  /** The form kept on the device until it is used or discarded. */
  readonly kept: DraftController<V>;

  constructor(
    private readonly host: Host,
    getSession: () => PlcSession | undefined,
    /** What the form is for (`walk-lesson/walk-1`), or undefined while it is not shown. */
    private readonly getKey: () => string | undefined,
    /** The form before anything is typed. */
    private readonly empty: () => V,
    /** The field focused once a kept form is restored. */
    private readonly firstFieldId: string,
  ) {
    host.addController(this);
    this.value = empty();
    this.kept = new DraftController<V>(host, getSession, getKey);
  }

  hostUpdate(): void {
    if (this.getKey()) void this.kept.look(this.value);
  }

  /** Changes the form, and keeps it on the device while anything is typed in it. */
  set(change: Partial<V>): void {
    this.value = { ...this.value, ...change };
    const typed = Object.entries(this.value).some(([key, text]) => text.trim() && text !== this.empty()[key]);
    if (typed) this.kept.keep(this.value, undefined);
    else void this.kept.clear();
    this.host.requestUpdate();
  }

  /** Empties the form once it has been used, forgetting what was kept. */
  reset(): void {
    this.value = this.empty();
    void this.kept.clear();
    this.host.requestUpdate();
  }

  /** The offer to restore the form kept on this device (else nothing). */
  prompt(id: string): TemplateResult | typeof nothing {
    return draftPrompt(this.kept as DraftController<unknown>, {
      id,
      restore: () => {
        const entry = this.kept.restore();
        if (!entry) return;
        this.set(entry.value);
        void this.host.updateComplete.then(() => (this.host.shadowRoot?.getElementById(this.firstFieldId) as HTMLElement | null)?.focus());
      },
      discard: () => this.kept.discard(),
    });
  }
}
