/**
 * The built-in evidence kind "exam results": a cohort's grade distribution before and after the
 * change (often last year's cohort and this year's), as shares of students per grade, with the
 * share at or above the pass grade beside the rest of the school's when known
 * (`compareExamResults`; cohorts under five students are not shown).
 */
import { html, nothing } from 'lit';
import { compareExamResults, type ShownDistribution } from '../../src/analysis/classComparison.js';
import { formatNumber } from '../localization.js';
import { fill, textOf } from '../shared/text.js';
import type { EvidenceKindView } from './evidence-view.js';
import { comparisonText, difference, percent, points, tooSmall, wideTable } from './school-comparison.js';

const countsHint = {
  en: 'Students per grade, in the order of the grades, separated by commas.',
  es: 'Alumnos por calificación, en el orden de las calificaciones, separados por comas.',
};

export const text = {
  pass: { en: 'Grade {grade} or above: {before} → {after} ({change})', es: 'Calificación {grade} o superior: {before} → {after} ({change})' },
  othersPass: { en: 'Rest of the school: {before} → {after} ({change}).', es: 'Resto del centro: {before} → {after} ({change}).' },
  grade: { en: 'Grade', es: 'Calificación' },
  others: { en: 'Rest of the school, {cohort}', es: 'Resto del centro, {cohort}' },
  notCounts: { en: 'Enter whole numbers separated by commas, one per grade.', es: 'Escribe números enteros separados por comas, uno por calificación.' },
  wrongLength: { en: 'Give one count per grade ({n}).', es: 'Indica un número por calificación ({n}).' },
  notAGrade: { en: 'This must be one of the grades.', es: 'Debe ser una de las calificaciones.' },
};

/** "9, 8, 7" or "9;8;7" as a list. */
const listOf = (value: string | undefined): string[] => (value ?? '').split(/[,;]/).map((s) => s.trim()).filter(Boolean);


const COUNT_FIELDS = ['before.counts', 'after.counts', 'others.before', 'others.after'] as const;

function countsAt(item: Readonly<Record<string, unknown>>, path: string): unknown {
  const [outer, inner] = path.split('.') as [string, string];
  return (item[outer] as Record<string, unknown> | undefined)?.[inner];
}

function column(shown: ShownDistribution, index: number) {
  return shown.shown ? percent(shown.shares[index] ?? 0) : '';
}

export const examResultsView: EvidenceKindView = {
  kind: 'exam-results',
  label: { en: 'Exam results', es: 'Resultados de exámenes' },
  form: [
    {
      fields: [
        { name: 'exam', label: { en: 'Exam', es: 'Examen' }, required: true, hint: { en: 'For example: GCSE English Language.', es: 'Por ejemplo: Lengua castellana, 4.º ESO.' } },
        {
          name: 'grades',
          label: { en: 'Grades, best first', es: 'Calificaciones, de mejor a peor' },
          required: true,
          hint: { en: 'Separated by commas: 9, 8, 7, 6, 5, 4, 3, 2, 1, U.', es: 'Separadas por comas: 10, 9, 8, 7, 6, 5, 4, 3, 2, 1.' },
        },
        { name: 'passFrom', label: { en: 'Pass grade', es: 'Calificación de aprobado' }, maxLength: 20, hint: { en: 'For example: 4.', es: 'Por ejemplo: 5.' } },
      ],
    },
    {
      legend: { en: 'Before', es: 'Antes' },
      fields: [
        { name: 'before.cohort', label: { en: 'Cohort before', es: 'Promoción antes' }, required: true, hint: { en: 'For example: Year 11, 2025.', es: 'Por ejemplo: 4.º ESO, 2025.' } },
        { name: 'before.counts', label: { en: 'Students per grade before', es: 'Alumnos por calificación antes' }, required: true, hint: countsHint },
      ],
    },
    {
      legend: { en: 'After', es: 'Después' },
      fields: [
        { name: 'after.cohort', label: { en: 'Cohort after', es: 'Promoción después' }, required: true },
        { name: 'after.counts', label: { en: 'Students per grade after', es: 'Alumnos por calificación después' }, required: true, hint: countsHint },
      ],
    },
    {
      legend: { en: 'Rest of the school (optional)', es: 'Resto del centro (opcional)' },
      fields: [
        { name: 'others.before', label: { en: 'Other classes per grade before', es: 'Demás clases por calificación antes' }, hint: countsHint },
        { name: 'others.after', label: { en: 'Other classes per grade after', es: 'Demás clases por calificación después' }, hint: countsHint },
      ],
    },
  ],
  toPayload: (item) => {
    const out: Record<string, unknown> = structuredClone(item);
    out['grades'] = listOf(item['grades'] as string);
    for (const path of COUNT_FIELDS) {
      const raw = countsAt(item, path);
      if (typeof raw !== 'string') continue;
      const [outer, inner] = path.split('.') as [string, string];
      (out[outer] as Record<string, unknown>)[inner] = listOf(raw).map((s) => (/^\d+$/.test(s) ? Number(s) : Number.NaN));
    }
    return out;
  },
  check: (item) => {
    const grades = (item['grades'] as string[] | undefined) ?? [];
    const problems: Record<string, string> = {};
    for (const path of COUNT_FIELDS) {
      const counts = countsAt(item, path) as number[] | undefined;
      if (!counts) continue;
      if (counts.some((n) => Number.isNaN(n))) problems[path] = textOf(text.notCounts);
      else if (counts.length !== grades.length) problems[path] = fill(text.wrongLength, { n: grades.length });
    }
    const passFrom = item['passFrom'];
    if (typeof passFrom === 'string' && !grades.includes(passFrom)) problems['passFrom'] = textOf(text.notAGrade);
    return problems;
  },
  render: (item) => {
    const before = (item['before'] ?? {}) as { cohort?: string; counts?: number[] };
    const after = (item['after'] ?? {}) as { cohort?: string; counts?: number[] };
    const others = item['others'] as { before: number[]; after: number[] } | undefined;
    const grades = (item['grades'] as string[] | undefined) ?? [];
    const passFrom = typeof item['passFrom'] === 'string' ? item['passFrom'] : undefined;
    const result = compareExamResults({ grades, passFrom, before: { counts: before.counts ?? [] }, after: { counts: after.counts ?? [] }, others });
    const cohorts = [
      { label: String(before.cohort ?? ''), shown: result.before },
      { label: String(after.cohort ?? ''), shown: result.after },
      ...(result.others
        ? [
            { label: fill(text.others, { cohort: String(before.cohort ?? '') }), shown: result.others.before },
            { label: fill(text.others, { cohort: String(after.cohort ?? '') }), shown: result.others.after },
          ]
        : []),
    ];
    const pass = (shown: ShownDistribution) => (shown.shown && shown.passShare !== undefined ? percent(shown.passShare) : '');
    const change = result.passChange;
    return html`${change?.members !== undefined
        ? html`<p class="big">${fill(text.pass, { grade: passFrom ?? '', before: pass(result.before), after: pass(result.after), change: points(change.members) })}</p>`
        : nothing}
      ${change?.others !== undefined && result.others
        ? html`<p>${fill(text.othersPass, { before: pass(result.others.before), after: pass(result.others.after), change: points(change.others) })}</p>`
        : nothing}
      ${change?.difference !== undefined ? difference(change.difference) : nothing}
      ${wideTable(
        String(item['exam'] ?? ''),
        html`<table>
        <caption>${String(item['exam'] ?? '')}</caption>
        <thead>
          <tr>
            <th scope="col">${textOf(text.grade)}</th>
            ${cohorts.map((c) => html`<th scope="col">${c.label}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${grades.map(
            (grade, i) => html`<tr>
              <th scope="row">${grade}</th>
              ${cohorts.map((c) => html`<td>${column(c.shown, i)}</td>`)}
            </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">${textOf(comparisonText.students)}</th>
            ${cohorts.map((c) => html`<td>${c.shown.shown ? formatNumber(c.shown.students) : tooSmall()}</td>`)}
          </tr>
        </tfoot>
        </table>`,
      )}`;
  },
};
