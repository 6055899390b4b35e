/**
 * Extension point, in the components: how the evidence board shows and adds the homework kind
 * from homework-evidence.ts. The description names the kind and its fields in each language
 * the school uses, lists the add form's fields (paths into the item, so `before` and `after`
 * land where the schema wants them), checks across fields, and draws an item. Give it to the
 * provider with the lifecycle that knows the kind's schema:
 *
 * ```html
 * <plc-provider .lifecycle=${homeworkLifecycle} .evidenceViews=${[homeworkView]}>
 *   <plc-evidence-board enquiry-id="enq-1"></plc-evidence-board>
 * </plc-provider>
 * ```
 *
 * Without a description the kind still gets an add form, made from its schema with field names
 * taken from the schema's keys, in English only.
 */
import { html } from 'lit';
// In an application: `from 'plc-kit/components/plc-provider.js'` and `'plc-kit/components/plc-evidence-board.js'`.
import { fill, textOf } from '../../components/plc-provider/index.js';
import type { EvidenceKindView } from '../../components/plc-evidence-board/index.js';
import type { HomeworkEvidence } from './homework-evidence.js';

/** The words the renderer uses, in each language (exported, so a test can check none is missing). */
export const homeworkText = {
  rose: { en: '{group}: homework completion went from {before}% to {after}% ({students} students).', es: '{group}: la entrega de deberes pasó del {before}% al {after}% ({students} alumnos).' },
  notAbove: { en: 'Homework handed in after cannot be above 100%.', es: 'Los deberes entregados después no pueden superar el 100%.' },
};

const percent = { en: 'A percentage of homework handed in, 0 to 100.', es: 'Un porcentaje de deberes entregados, de 0 a 100.' };

export const homeworkView: EvidenceKindView = {
  kind: 'homework',
  label: { en: 'Homework', es: 'Deberes' },
  form: [
    {
      fields: [
        { name: 'group', label: { en: 'Class', es: 'Grupo' }, required: true },
        { name: 'students', label: { en: 'Students', es: 'Alumnos' }, type: 'number', numbers: 'positive', required: true },
      ],
    },
    {
      fields: [
        { name: 'before', label: { en: 'Homework handed in before (%)', es: 'Deberes entregados antes (%)' }, type: 'number', required: true, hint: percent },
        { name: 'after', label: { en: 'Homework handed in after (%)', es: 'Deberes entregados después (%)' }, type: 'number', required: true, hint: percent },
      ],
    },
  ],
  check: (item) => (Number(item['after']) > 100 ? { after: textOf(homeworkText.notAbove) } : {}),
  render: (item) => {
    const a = item as unknown as HomeworkEvidence;
    return html`<p class="homework">${fill(homeworkText.rose, { group: a.group, before: a.before, after: a.after, students: a.students })}</p>`;
  },
};
