/** The built-in evidence kind "assessment data": a measure before and after, with the change. */
import { html } from 'lit';
import { formatNumber } from '../localization.js';
import { fill, textOf } from '../shared/text.js';
import type { EvidenceKindView } from './evidence-view.js';

export const BEFORE = { en: 'Before', es: 'Antes' };
export const AFTER = { en: 'After', es: 'Después' };

export const text = {
  change: { en: 'Change: {change}', es: 'Cambio: {change}' },
  changeRelative: { en: 'Change: {change} ({relative})', es: 'Cambio: {change} ({relative})' },
  average: { en: 'Average', es: 'Media' },
  students: { en: 'Students', es: 'Alumnos' },
};

type Side = { value?: number; students?: number };

export const assessmentView: EvidenceKindView = {
  kind: 'assessment',
  label: { en: 'Assessment data', es: 'Datos de evaluación' },
  form: [
    {
      fields: [
        {
          name: 'measure',
          label: { en: 'What was measured', es: 'Qué se midió' },
          required: true,
          hint: { en: 'For example: reading age, end-of-unit quiz score.', es: 'Por ejemplo: edad lectora, nota de la prueba de final de unidad.' },
        },
        { name: 'unit', label: { en: 'Unit', es: 'Unidad' }, maxLength: 40, hint: { en: 'For example: %, months, marks.', es: 'Por ejemplo: %, meses, puntos.' } },
      ],
    },
    {
      legend: BEFORE,
      fields: [
        { name: 'before.value', label: { en: 'Average before', es: 'Media antes' }, type: 'number', required: true },
        { name: 'before.students', label: { en: 'Students before', es: 'Alumnos antes' }, type: 'number', numbers: 'positive', required: true },
      ],
    },
    {
      legend: AFTER,
      fields: [
        { name: 'after.value', label: { en: 'Average after', es: 'Media después' }, type: 'number', required: true },
        { name: 'after.students', label: { en: 'Students after', es: 'Alumnos después' }, type: 'number', numbers: 'positive', required: true },
      ],
    },
  ],
  render: (item) => {
    const before = (item['before'] ?? {}) as Side;
    const after = (item['after'] ?? {}) as Side;
    const rawUnit = typeof item['unit'] === 'string' ? item['unit'].trim() : '';
    // "61%" but "126 months".
    const unit = !rawUnit ? '' : rawUnit === '%' ? '%' : ` ${rawUnit}`;
    const b = Number(before.value) || 0;
    const a = Number(after.value) || 0;
    const change = `${formatNumber(a - b, { signDisplay: 'exceptZero', maximumFractionDigits: 2 })}${unit}`;
    const relative = b !== 0 ? formatNumber((a - b) / Math.abs(b), { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 0 }) : undefined;
    return html`<p class="big">${relative ? fill(text.changeRelative, { change, relative }) : fill(text.change, { change })}</p>
      <table>
        <caption>${String(item['measure'] ?? '')}</caption>
        <thead>
          <tr>
            <td></td>
            <th scope="col">${textOf(BEFORE)}</th>
            <th scope="col">${textOf(AFTER)}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">${textOf(text.average)}</th>
            <td>${formatNumber(b, { maximumFractionDigits: 2 })}${unit}</td>
            <td>${formatNumber(a, { maximumFractionDigits: 2 })}${unit}</td>
          </tr>
          <tr>
            <th scope="row">${textOf(text.students)}</th>
            <td>${formatNumber(Number(before.students) || 0)}</td>
            <td>${formatNumber(Number(after.students) || 0)}</td>
          </tr>
        </tbody>
      </table>`;
  },
};
