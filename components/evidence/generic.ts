/**
 * What the evidence board does for a kind it has no description of (an integrator's kind given
 * only as a zod schema): a form made from the schema, and items shown as a list of their fields.
 * @internal
 */
import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type * as z from 'zod/mini';
import type { AnyEvidence } from '../../src/schema/evidence.js';
import { formatNumber } from '../localization.js';
import { humanise } from '../shared/text.js';
import type { EvidenceField, EvidenceFormPart } from './evidence-view.js';

/** The fields every item has: the board's own form and heading show them. */
const BASE_FIELDS = new Set(['id', 'kind', 'title', 'collectedOn']);

interface SchemaDef {
  type: string;
  shape?: Record<string, { _zod: { def: SchemaDef } }>;
  innerType?: { _zod: { def: SchemaDef } };
  format?: string;
}

const defOf = (schema: unknown): SchemaDef | undefined => (schema as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def;

/** A form field for one scalar of the schema, or undefined when a form cannot ask for it. */
function fieldFor(name: string, def: SchemaDef, required: boolean): EvidenceField | undefined {
  const label = humanise(name.split('.').pop()!);
  if (def.type === 'string') return { name, label, required, type: def.format === 'url' ? 'url' : 'text' };
  if (def.type === 'number') return { name, label, required, type: 'number', ...(def.format?.includes('int') ? { numbers: 'whole' as const } : {}) };
  return undefined;
}

/**
 * An add form for a kind from its zod schema: a field per string or number, a group per object
 * of them (`before: { value, students }`). Undefined when a required field cannot be asked for in
 * a form (a list, a choice between values, yes or no): then the kind has no add button.
 */
export function formFromSchema(schema: z.ZodMiniType | undefined): EvidenceFormPart[] | undefined {
  const shape = defOf(schema)?.shape;
  if (!shape) return undefined;
  const form: EvidenceFormPart[] = [];
  for (const [key, value] of Object.entries(shape)) {
    if (BASE_FIELDS.has(key)) continue;
    let def = value._zod.def;
    const required = def.type !== 'optional';
    if (!required) def = def.innerType!._zod.def;
    if (def.type === 'object' && def.shape) {
      const fields = Object.entries(def.shape).map(([sub, inner]) => fieldFor(`${key}.${sub}`, inner._zod.def, required));
      if (fields.some((f) => f === undefined)) {
        if (required) return undefined;
        continue;
      }
      form.push({ legend: humanise(key), fields: fields as EvidenceField[] });
      continue;
    }
    const field = fieldFor(key, def, required);
    if (field) form.push(field);
    else if (required) return undefined;
  }
  return form;
}

/** A value as text: numbers in the active locale, yes or no, anything else as JSON. */
function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? msg('Yes', { id: 'evidence.yes' }) : msg('No', { id: 'evidence.no' });
  return JSON.stringify(value);
}

/** An item shown as a list of its fields (beyond the title and date), named from their keys. */
export function renderFieldList(item: AnyEvidence): TemplateResult {
  const entries = Object.entries(item).filter(([key]) => !BASE_FIELDS.has(key));
  if (entries.length === 0) return html`<p class="muted">${msg('No details.', { id: 'evidence.no-details' })}</p>`;
  return html`<dl class="kv">
    ${entries.map(([key, value]) => html`<dt>${humanise(key)}</dt><dd>${valueText(value)}</dd>`)}
  </dl>`;
}
