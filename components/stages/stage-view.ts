/**
 * How the enquiry view shows one stage of the lifecycle: its name, a sentence of guidance, the
 * step that moves the enquiry on (and the steps back), and the panel of elements that do the
 * stage's work. Every built-in stage is one such description in a file of its own beside this
 * one; an integrator who inserts a stage with `createLifecycle({ stages })` writes the same and
 * gives it to `<plc-provider .stageViews=${[...]}>`.
 *
 * A description carries its own words in every language (see `Text`); words its renderer or
 * panel uses are kept in an exported table beside it, so tests/unit/views.test.ts finds any
 * that lacks a language.
 */
import type { TemplateResult } from 'lit';
import type { EnquiryState } from '../../src/lifecycle/lifecycle.js';
import type { PlcSession } from '../context/session.js';
import type { Text } from '../shared/text.js';

/** A step a stage offers as a button in its panel (the editors inside offer the others). */
export interface StageStep {
  /** The event type appended. */
  type: string;
  label: Text;
  /** The main step of the stage (drawn as the primary button). */
  primary?: boolean;
  /** Asks before appending, with a reason field when `reasonLabel` is given. */
  confirm?: { title: Text; text: Text; button: Text; reasonLabel?: Text; reasonRequired?: boolean };
}

/** What a stage's panel can use. */
export interface StagePanelContext {
  enquiryId: string;
  state: EnquiryState;
  session: PlcSession;
  /** Whether the panel is the current stage's (else an earlier stage a person went back to look at). */
  current: boolean;
  /** Event types the signed-in person may append to this enquiry. */
  allowed: ReadonlySet<string>;
  /** Whether a step is being saved (buttons are disabled meanwhile). */
  busy: boolean;
  /**
   * Takes a step on the enquiry, as the enquiry view's own buttons do: one at a time, a refusal's
   * reason shown in the view's problem notice. Resolves with whether it was taken.
   */
  take(type: string, payload?: Record<string, unknown>): Promise<boolean>;
  /** Shows `text` in the enquiry view's problem notice (a form's own check, say). */
  problem(text: string): void;
}

/** Whether the stage after this one can start, and why not, for the stepper. */
export interface NextNote {
  locked: boolean;
  text: string;
}

/**
 * One stage as the enquiry view shows it.
 * @example
 * ```ts
 * export const coachingView: StageView = {
 *   id: 'coaching',
 *   label: { en: 'Coaching', es: 'Acompañamiento' },
 *   guidance: { en: 'Meet your coach to plan the actions.', es: 'Reúnete con tu acompañante.' },
 *   advance: { type: 'coaching.complete', label: { en: 'Coaching done', es: 'Acompañamiento hecho' }, primary: true },
 *   panel: (ctx) => html`<school-coaching-log enquiry-id=${ctx.enquiryId}></school-coaching-log>`,
 * };
 * ```
 */
export interface StageView {
  /** The stage's id in the lifecycle (`lifecycle.stages`). */
  id: string;
  /** Its name: the stepper, the panel's heading, the board's groups. */
  label: Text;
  /** One sentence under the panel's heading: what people do in this stage. */
  guidance?: Text;
  /**
   * The step that moves the enquiry on to the next stage. The stepper asks the lifecycle whether
   * it would be taken now, and shows the refusal's reason while it would not; with a `label`
   * the panel offers it as a button (without one, an editor in the panel takes it).
   */
  advance?: { type: string; label?: Text; primary?: boolean };
  /** Steps back offered in this stage's panel (refine the question, gather more evidence). */
  back?: readonly StageStep[];
  /** Why the next stage cannot start when the advance step's verdict does not say it well. */
  nextNote?(state: EnquiryState, verdict: (type: string) => NextNote): NextNote | undefined;
  /**
   * How the history tells the stage's own events: a sentence per event type, `{who}` standing for
   * its author (`{ 'coaching.session': { en: '{who} recorded a coaching session' } }`).
   */
  history?: Readonly<Record<string, Text>>;
  /**
   * The panel's content: the elements that do the stage's work. Without one, the enquiry view
   * shows its `stage-<id>` slot, for a host to fill.
   */
  panel?(context: StagePanelContext): TemplateResult;
}
