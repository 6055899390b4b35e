/**
 * How the evidence board shows and adds one kind of evidence: its name, the fields of its add
 * form, how the form becomes an item, and how an item is drawn. Every built-in kind is one such
 * description in a file of its own beside this one; an integrator writes the same for a kind
 * they add and gives it to `<plc-provider .evidenceViews=${[...]}>`.
 *
 * A description carries its own words in every language (see `Text`); words its renderer or
 * panel uses are kept in an exported table beside it, so tests/unit/views.test.ts finds any
 * that lacks a language.
 */
import type { TemplateResult } from 'lit';
import type { AnyEvidence } from '../../src/schema/evidence.js';
import type { Text } from '../shared/text.js';

/** One field of an add form. */
export interface EvidenceField {
  /**
   * Where the value goes in the item: a field name (`focus`), or a path into an object
   * (`before.value`). The schema's complaints about that path are shown under the field.
   */
  name: string;
  label: Text;
  /** `text` (the default), `long-text` (a text area), `number`, `date` or `url`. */
  type?: 'text' | 'long-text' | 'number' | 'date' | 'url';
  /** Whether it must be filled in (default false: an empty optional field is left out of the item). */
  required?: boolean;
  /** A line under the label. */
  hint?: Text;
  /** For numbers: `any` (the default), `whole` (0 or more) or `positive` (1 or more). */
  numbers?: 'any' | 'whole' | 'positive';
  /** The most characters (text fields; default 200). */
  maxLength?: number;
  /** What to say when the kind's schema refuses the value (default "Check this value."). */
  invalid?: Text;
}

/** Fields shown side by side, under a legend when they belong together ("Before"). */
export interface EvidenceFieldGroup {
  legend?: Text;
  fields: readonly EvidenceField[];
}

/** What an add form is made of, top to bottom (after the title and date every kind has). */
export type EvidenceFormPart = EvidenceField | EvidenceFieldGroup;

/** The item's fields built from the form, and problems by field name (empty when none). */
export type FieldProblems = Record<string, string>;

/** What an item's renderer can use besides the item. */
export interface EvidenceRenderContext {
  /** The level for a heading inside the item (2 to 6). */
  headingLevel: number;
}

/**
 * One evidence kind as the evidence board shows it.
 * @example
 * ```ts
 * export const homeworkView: EvidenceKindView = {
 *   kind: 'homework',
 *   label: { 'en-GB': 'Homework', es: 'Deberes' },
 *   form: [{ name: 'group', label: { 'en-GB': 'Class', es: 'Grupo' }, required: true }],
 *   render: (item) => html`${item['before']}% → ${item['after']}%`,
 * };
 * ```
 */
export interface EvidenceKindView<Item extends AnyEvidence = AnyEvidence> {
  /** The kind, as named in the lifecycle's evidence kinds (its zod schema validates every item). */
  kind: string;
  /** What people call it ("Assessment data"): group headings, the add button, the history. */
  label: Text;
  /**
   * The add form's fields after the title and the date. Without one the form is made from the
   * kind's schema (a field per text or number); `false` gives the kind no button in "Add
   * evidence" (student voice comes from the survey builder).
   */
  form?: readonly EvidenceFormPart[] | false;
  /**
   * The item to store from what the form gave (each field's value at its path, numbers as
   * numbers, empty optional fields left out), for a kind whose stored shape differs from its
   * form. Default: as given.
   */
  toPayload?(item: Record<string, unknown>, values: Readonly<Record<string, string>>): Record<string, unknown>;
  /**
   * Checks that need several fields (the lessons showing the focus cannot outnumber those
   * visited), once each field's own checks pass: problems by field name.
   */
  check?(item: Readonly<Record<string, unknown>>): Readonly<Record<string, string | undefined>>;
  /** Draws an item below its title and date. Without one, the item's fields are listed. */
  render?(item: Item, context: EvidenceRenderContext): TemplateResult | string;
}

/** Whether a form part is a group of fields. */
export const isGroup = (part: EvidenceFormPart): part is EvidenceFieldGroup => 'fields' in part;

/** Every field of a form, groups opened. */
export const fieldsOf = (form: readonly EvidenceFormPart[]): EvidenceField[] => form.flatMap((part) => (isGroup(part) ? [...part.fields] : [part]));
