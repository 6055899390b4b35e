/**
 * Extension point: a new evidence kind. Homework handed in before and after a change (as
 * percentages) is evidence some enquiries need. An integrator gives the kind a zod schema (the base fields
 * every item has, spread from `evidenceBase`, plus `kind: z.literal(name)`) and a renderer; the
 * lifecycle validates `evidence.add` against it and refuses bad items with the field at fault.
 *
 * Run: npx tsx examples/extending/homework-evidence.ts
 */
import * as z from 'zod/mini';
import { createEvidenceKinds, createLifecycle, defaultLifecycle, evidenceBase, ShortText, type EnquiryState } from '../../src/index.js';
import { BEN, createWriter, details, INPUT, LEAD, observation, question, runIfMain } from './sample.js';

const Percent = z.number().check(z.minimum(0), z.maximum(100));

/** Homework handed in by a group before and after the change, as percentages of what was set. */
export const HomeworkEvidence = z.strictObject({
  ...evidenceBase,
  kind: z.literal('homework'),
  group: ShortText,
  students: z.int().check(z.minimum(1)),
  before: Percent,
  after: Percent,
});
export type HomeworkEvidence = z.infer<typeof HomeworkEvidence>;

/** The evidence kinds this school uses: the built-in ones and homework. */
export const evidenceKinds = createEvidenceKinds({ homework: HomeworkEvidence });

export const homeworkLifecycle = createLifecycle({ evidenceKinds });

/** The renderer, as text here; a component renders the same fields. */
export function describeHomework(item: HomeworkEvidence): string {
  const change = item.after - item.before;
  return `${item.title}: ${item.group} (${item.students} students) ${item.before}% -> ${item.after}% (${change >= 0 ? '+' : ''}${change.toFixed(1)} points)`;
}

export const homework = (extra: object = {}) => ({
  id: 'ev-homework',
  kind: 'homework',
  title: 'Autumn homework',
  group: '9E2',
  students: 28,
  before: 91.2,
  after: 94.6,
  ...extra,
});

/** Items an integrator's form might send by mistake, each refused with the field named. */
export const badItems: Array<[string, object]> = [
  ['a percentage above 100', homework({ id: 'ev-bad-1', after: 120 })],
  ['a missing figure', { ...homework({ id: 'ev-bad-2' }), before: undefined }],
  ['a field the kind does not have', homework({ id: 'ev-bad-3', pupilNames: ['Sam'] })],
  ['a misspelt kind', homework({ id: 'ev-bad-4', kind: 'homewrok' })],
];

/** An enquiry at the evidence stage. */
export function atEvidence(write = createWriter()) {
  return [
    write('enquiry.create', details()),
    write('question.draft', question()),
    write('question.submit'),
    write('question.approve', {}, LEAD),
    write('observation.record', observation(1, BEN), BEN),
    write('evidence.start'),
  ];
}

export function main(log: (line: string) => void = console.log) {
  const write = createWriter();
  let state: EnquiryState = homeworkLifecycle.replay(atEvidence(write), INPUT);
  const added = homeworkLifecycle.step(state, write('evidence.add', homework()));
  state = added.state;
  log(`Added: ${describeHomework(state.data.evidence[0] as HomeworkEvidence)}`);
  for (const [what, item] of badItems) {
    const step = homeworkLifecycle.step(state, write('evidence.add', item));
    log(`Refused ${what}: [${step.refusal?.code}] ${step.refusal?.message}`);
    state = step.state;
  }
  const withoutKind = defaultLifecycle.check(defaultLifecycle.replay(atEvidence(createWriter()), INPUT), write('evidence.add', homework()));
  log(`Under the default lifecycle: ${withoutKind.ok ? 'accepted' : withoutKind.refusal.message}`);
  return { state, withoutKind };
}

runIfMain(import.meta.url, main);
