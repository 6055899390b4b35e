/**
 * The evidence board's add form, drawn from an evidence kind's description: the title and date
 * every kind has, then the kind's own fields; and the item built from what was typed, with a
 * problem under each field that needs one (required, a number, the kind's own checks, then the
 * kind's schema, whose complaints are placed under the field at their path).
 * @internal
 */
import { html, nothing, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type * as z from 'zod/mini';
import { parseSafely } from '../../src/schema/zod.js';
import { textOf } from '../shared/text.js';
import { fieldsOf, isGroup, type EvidenceField, type EvidenceFormPart, type EvidenceKindView, type FieldProblems } from './evidence-view.js';

/** The fields every evidence item has, first in every form. */
export function baseFields(): EvidenceField[] {
  return [
    { name: 'title', label: () => msg('Title', { id: 'evidence.field.title' }), required: true },
    { name: 'collectedOn', label: () => msg('Date collected', { id: 'evidence.field.date' }), type: 'date' },
  ];
}

/** The id of a field's control in the form (`before.value` -> `ev-before-value`). */
export const controlId = (name: string): string => `ev-${name.replace(/\./g, '-')}`;

/** What the form needs from the element that shows it. */
export interface FormState {
  values: Readonly<Record<string, string>>;
  problems: FieldProblems;
  onInput(name: string, value: string): void;
}

function renderField(field: EvidenceField, state: FormState): TemplateResult {
  const id = controlId(field.name);
  const problem = state.problems[field.name];
  const hint = textOf(field.hint);
  const described = [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ');
  const type = field.type ?? 'text';
  const value = state.values[field.name] ?? '';
  const onInput = (e: Event) => state.onInput(field.name, (e.target as HTMLInputElement | HTMLTextAreaElement).value);
  const control =
    type === 'long-text'
      ? html`<textarea
          id=${id}
          maxlength=${field.maxLength ?? 10_000}
          .value=${value}
          aria-invalid=${problem ? 'true' : 'false'}
          aria-describedby=${described || nothing}
          @input=${onInput}
        ></textarea>`
      : html`<input
          id=${id}
          type=${type}
          maxlength=${type === 'number' || type === 'date' ? nothing : (field.maxLength ?? 200)}
          min=${type === 'number' && field.numbers && field.numbers !== 'any' ? (field.numbers === 'positive' ? 1 : 0) : nothing}
          step=${type === 'number' ? (field.numbers && field.numbers !== 'any' ? '1' : 'any') : nothing}
          inputmode=${type === 'number' ? (field.numbers && field.numbers !== 'any' ? 'numeric' : 'decimal') : nothing}
          .value=${value}
          aria-invalid=${problem ? 'true' : 'false'}
          aria-describedby=${described || nothing}
          @input=${onInput}
        />`;
  return html`<div class="field">
    <label for=${id}>${textOf(field.label)}${field.required ? nothing : html` <span class="muted">${msg('(optional)', { id: 'evidence.optional' })}</span>`}</label>
    ${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : nothing} ${control}
    ${problem ? html`<p class="field-error" id="${id}-error">${problem}</p>` : nothing}
  </div>`;
}

/** The form's fields: the base ones, then the kind's, groups side by side under their legend. */
export function renderFields(form: readonly EvidenceFormPart[], state: FormState): TemplateResult {
  const part = (item: EvidenceFormPart): TemplateResult => {
    if (!isGroup(item)) return renderField(item, state);
    const row = html`<div class="row">${item.fields.map((field) => renderField(field, state))}</div>`;
    return item.legend ? html`<fieldset><legend>${textOf(item.legend)}</legend>${row}</fieldset>` : row;
  };
  return html`${baseFields().map((field) => renderField(field, state))}${form.map(part)}`;
}

/** Sets `value` at a dotted `path` of `target`. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]!] = value;
}

/** A field's value from its text, or the problem with it. */
function valueOf(field: EvidenceField, text: string): { value?: unknown; problem?: string } {
  if (!text) return field.required ? { problem: msg('Fill this in.', { id: 'evidence.error.required' }) } : {};
  if (field.type !== 'number') return { value: text };
  const value = Number(text);
  if (!Number.isFinite(value)) return { problem: msg('Enter a number.', { id: 'evidence.error.number' }) };
  if (field.numbers === 'positive' && (!Number.isInteger(value) || value < 1)) return { problem: msg('Enter a whole number, 1 or more.', { id: 'evidence.error.positive' }) };
  if (field.numbers === 'whole' && (!Number.isInteger(value) || value < 0)) return { problem: msg('Enter a whole number, 0 or more.', { id: 'evidence.error.whole' }) };
  return { value };
}

/**
 * The evidence item from the form's `values` (by field name), or the problems by field name.
 * `schema` is the kind's, from the lifecycle: it has the last word, and its complaints are put
 * under the field at their path (the title when no field matches).
 */
export function itemFrom(
  view: Pick<EvidenceKindView, 'kind' | 'form' | 'check' | 'toPayload'>,
  values: Readonly<Record<string, string>>,
  id: string,
  schema: z.ZodMiniType | undefined,
): { item: Record<string, unknown> } | { problems: FieldProblems } {
  const fields = [...baseFields(), ...fieldsOf(view.form || [])];
  const problems: FieldProblems = {};
  let item: Record<string, unknown> = { id, kind: view.kind };
  for (const field of fields) {
    const { value, problem } = valueOf(field, (values[field.name] ?? '').trim());
    if (problem) problems[field.name] = problem;
    else if (value !== undefined) setPath(item, field.name, value);
  }
  if (view.toPayload && Object.keys(problems).length === 0) item = { ...view.toPayload(item, values), id, kind: view.kind };
  if (Object.keys(problems).length === 0) for (const [name, problem] of Object.entries(view.check?.(item) ?? {})) if (problem) problems[name] = problem;
  if (Object.keys(problems).length > 0) return { problems };
  const parsed = schema && parseSafely(schema, item);
  if (parsed && !parsed.success) {
    const names = fields.map((field) => field.name);
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      // The field at the issue's path, or the one the path is inside ("before" -> "before.value").
      const name = names.find((n) => n === path) ?? names.find((n) => n.startsWith(`${path}.`) || path.startsWith(`${n}.`)) ?? 'title';
      const field = fields.find((f) => f.name === name)!;
      problems[name] ??= textOf(field.invalid) || msg('Check this value.', { id: 'evidence.error.invalid' });
    }
    return { problems };
  }
  return { item: (parsed?.data as Record<string, unknown> | undefined) ?? item };
}
