import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { refusalText } from '../refusal-text.js';
import { savedText } from '../shared/saved-text.js';
import type { ActResult, EnquiryController } from './enquiry-controller.js';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * How an editor takes a person's steps on an enquiry (save a draft, submit, publish, record an
 * observation): one step at a time while the buttons are disabled (`busy`), a live status line
 * for what was saved (`announcement`) and, when a step is refused or cannot be saved, a problem
 * notice that says why and takes focus, with everything typed left in the form.
 * @example
 * ```ts
 * private readonly steps = new StepController(this, this.enquiry, 'outcome-problem');
 * async save() {
 *   const result = await this.steps.take('reflection.save', reflection, (error) => notSavedText(error));
 *   if (result?.ok) this.steps.announce(savedText());
 * }
 * render() { return html`${this.steps.renderProblem()}<button ?disabled=${this.steps.busy}>…</button>`; }
 * ```
 * @internal shared by the enquiry editors
 */
export class StepController {
  /** Whether a step is being saved (the editor disables its buttons meanwhile). */
  busy = false;
  /** Why the last step was not taken, or '' when it was. */
  problem = '';
  /** What the status line says ("Draft saved."), or ''. */
  announcement = '';

  constructor(
    private readonly host: Host,
    private readonly enquiry: EnquiryController,
    /** The id of the problem notice, unique in the host's shadow root. */
    private readonly problemId: string,
  ) {}

  /** Says `text` in the status line ('' clears it). */
  announce(text: string): void {
    if (this.announcement === text) return;
    this.announcement = text;
    this.host.requestUpdate();
  }

  /**
   * Says that a step was saved (`text`, "Draft saved."), adding that it is on this device only
   * while the store cannot reach its server: "saved" never claims that anyone else has it.
   */
  announceSaved(text: string): void {
    this.announce(savedText(this.enquiry.store, text));
  }

  /** Clears the problem notice and the status line, before a new step or for another enquiry. */
  clear(): void {
    if (!this.problem && !this.announcement) return;
    this.problem = '';
    this.announcement = '';
    this.host.requestUpdate();
  }

  /** Shows `text` in the problem notice and moves focus to it. */
  async showProblem(text: string): Promise<void> {
    this.problem = text;
    this.host.requestUpdate();
    await this.host.updateComplete;
    (this.host.shadowRoot?.getElementById(this.problemId) as HTMLElement | null)?.focus();
  }

  /**
   * Appends one step while `busy`. When it is not taken the problem notice says why: the
   * policy's or the lifecycle's reason for a refusal, or `failed(error)` when it could not be saved.
   * @returns the step's result, or undefined when another step was still being saved
   */
  async take(type: string, payload: Record<string, unknown>, failed: (error: string) => string): Promise<ActResult | undefined> {
    if (this.busy) return undefined;
    this.problem = '';
    this.busy = true;
    this.host.requestUpdate();
    try {
      const result = await this.enquiry.act(type, payload);
      if (!result.ok) await this.showProblem(result.refusal ? refusalText(result.refusal, this.enquiry.views) : failed(result.error ?? ''));
      return result;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** The problem notice (an alert that can take focus), when there is a problem. */
  renderProblem(): TemplateResult | typeof nothing {
    return this.problem
      ? html`<div class="notice error" role="alert" part="problem" id=${this.problemId} tabindex="-1">${this.problem}</div>`
      : nothing;
  }
}
