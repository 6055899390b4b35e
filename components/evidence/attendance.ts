/**
 * The built-in evidence kind "attendance": a class's attendance before and after the change, as
 * percentages, beside the rest of the school's when known (`compareAttendance`; groups under
 * five students are not shown).
 */
import { html, nothing } from 'lit';
import { compareAttendance, type ShownAttendance } from '../../src/analysis/classComparison.js';
import { formatNumber } from '../localization.js';
import { fill, textOf } from '../shared/text.js';
import { AFTER, BEFORE } from './assessment.js';
import type { EvidenceKindView } from './evidence-view.js';
import { comparisonText, difference, percent, points, tooSmall, wideTable } from './school-comparison.js';

const percentHint = { en: 'A percentage of sessions attended, 0 to 100.', es: 'Un porcentaje de sesiones con asistencia, de 0 a 100.' };

export const text = {
  change: { en: 'Attendance {before} → {after} ({change})', es: 'Asistencia {before} → {after} ({change})' },
  group: { en: 'This group', es: 'Este grupo' },
  others: { en: 'Rest of the school', es: 'Resto del centro' },
  changeColumn: { en: 'Change', es: 'Cambio' },
  notPercent: { en: 'Enter a percentage from 0 to 100.', es: 'Escribe un porcentaje de 0 a 100.' },
  othersHint: {
    en: 'Optional: the other classes over the same two periods, so the change can be compared.',
    es: 'Opcional: las demás clases en los mismos dos periodos, para comparar el cambio.',
  },
};


function row(label: string, group: ShownAttendance) {
  if (!group.shown) {
    return html`<tr>
      <th scope="row">${label}</th>
      <td colspan="3">${tooSmall()}</td>
      <td>${formatNumber(group.students)}</td>
    </tr>`;
  }
  return html`<tr>
    <th scope="row">${label}</th>
    <td>${percent(group.before)}</td>
    <td>${percent(group.after)}</td>
    <td>${points(group.change)}</td>
    <td>${formatNumber(group.students)}</td>
  </tr>`;
}

export const attendanceView: EvidenceKindView = {
  kind: 'attendance',
  label: { en: 'Attendance', es: 'Asistencia' },
  form: [
    {
      fields: [
        { name: 'group', label: { en: 'Class or group', es: 'Clase o grupo' }, required: true },
        { name: 'students', label: { en: 'Students', es: 'Alumnos' }, type: 'number', numbers: 'positive', required: true },
      ],
    },
    {
      fields: [
        { name: 'before', label: { en: 'Attendance before (%)', es: 'Asistencia antes (%)' }, type: 'number', required: true, hint: percentHint, invalid: text.notPercent },
        { name: 'after', label: { en: 'Attendance after (%)', es: 'Asistencia después (%)' }, type: 'number', required: true, hint: percentHint, invalid: text.notPercent },
      ],
    },
    {
      legend: text.others,
      fields: [
        { name: 'others.students', label: { en: 'Students in other classes', es: 'Alumnos de las demás clases' }, type: 'number', numbers: 'positive', hint: text.othersHint },
        { name: 'others.before', label: { en: 'Their attendance before (%)', es: 'Su asistencia antes (%)' }, type: 'number', invalid: text.notPercent },
        { name: 'others.after', label: { en: 'Their attendance after (%)', es: 'Su asistencia después (%)' }, type: 'number', invalid: text.notPercent },
      ],
    },
  ],
  render: (item) => {
    const num = (v: unknown) => Number(v) || 0;
    const others = item['others'] as Record<string, unknown> | undefined;
    const comparison = compareAttendance({
      students: num(item['students']),
      before: num(item['before']),
      after: num(item['after']),
      ...(others ? { others: { students: num(others['students']), before: num(others['before']), after: num(others['after']) } } : {}),
    });
    const { members } = comparison;
    return html`${members.shown
        ? html`<p class="big">${fill(text.change, { before: percent(members.before), after: percent(members.after), change: points(members.change) })}</p>`
        : nothing}
      ${wideTable(
        String(item['group'] ?? ''),
        html`<table>
        <caption>${String(item['group'] ?? '')}</caption>
        <thead>
          <tr>
            <td></td>
            <th scope="col">${textOf(BEFORE)}</th>
            <th scope="col">${textOf(AFTER)}</th>
            <th scope="col">${textOf(text.changeColumn)}</th>
            <th scope="col">${textOf(comparisonText.students)}</th>
          </tr>
        </thead>
        <tbody>
          ${row(textOf(text.group), members)} ${comparison.others ? row(textOf(text.others), comparison.others) : nothing}
        </tbody>
      </table>`,
      )}
      ${comparison.difference !== undefined ? difference(comparison.difference) : nothing}`;
  },
};
