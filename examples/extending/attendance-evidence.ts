/**
 * Extension point: a new evidence kind. Attendance before and after a change (as percentages)
 * is evidence some enquiries need. An integrator gives the kind a zod schema (the base fields
 * every item has, spread from `evidenceBase`, plus `kind: z.literal(name)`) and a renderer; the
 * lifecycle validates `evidence.add` against it and refuses bad items with the field at fault.
 *
 * Run: npx tsx examples/extending/attendance-evidence.ts
 */
import * as z from 'zod/mini';
import { createEvidenceKinds, createLifecycle, defaultLifecycle, evidenceBase, ShortText, type EnquiryState } from '../../src/index.js';
import { BEN, createWriter, details, INPUT, LEAD, observation, question, runIfMain } from './sample.js';

const Percent = z.number().check(z.minimum(0), z.maximum(100));

/** Attendance of a group before and after the change, as percentages of sessions attended. */
export const AttendanceEvidence = z.strictObject({
  ...evidenceBase,
  kind: z.literal('attendance'),
  group: ShortText,
  students: z.int().check(z.minimum(1)),
  before: Percent,
  after: Percent,
});
export type AttendanceEvidence = z.infer<typeof AttendanceEvidence>;

/** The evidence kinds this school uses: the built-in ones and attendance. */
export const evidenceKinds = createEvidenceKinds({ attendance: AttendanceEvidence });

export const attendanceLifecycle = createLifecycle({ evidenceKinds });

/** The renderer, as text here; a component renders the same fields. */
export function describeAttendance(item: AttendanceEvidence): string {
  const change = item.after - item.before;
  return `${item.title}: ${item.group} (${item.students} students) ${item.before}% -> ${item.after}% (${change >= 0 ? '+' : ''}${change.toFixed(1)} points)`;
}

export const attendance = (extra: object = {}) => ({
  id: 'ev-attendance',
  kind: 'attendance',
  title: 'Period 1 attendance',
  group: '9E2',
  students: 28,
  before: 91.2,
  after: 94.6,
  ...extra,
});

/** Items an integrator's form might send by mistake, each refused with the field named. */
export const badItems: Array<[string, object]> = [
  ['a percentage above 100', attendance({ id: 'ev-bad-1', after: 120 })],
  ['a missing figure', { ...attendance({ id: 'ev-bad-2' }), before: undefined }],
  ['a field the kind does not have', attendance({ id: 'ev-bad-3', pupilNames: ['Sam'] })],
  ['a misspelt kind', attendance({ id: 'ev-bad-4', kind: 'attendence' })],
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
  let state: EnquiryState = attendanceLifecycle.replay(atEvidence(write), INPUT);
  const added = attendanceLifecycle.step(state, write('evidence.add', attendance()));
  state = added.state;
  log(`Added: ${describeAttendance(state.data.evidence[0] as AttendanceEvidence)}`);
  for (const [what, item] of badItems) {
    const step = attendanceLifecycle.step(state, write('evidence.add', item));
    log(`Refused ${what}: [${step.refusal?.code}] ${step.refusal?.message}`);
    state = step.state;
  }
  const withoutKind = defaultLifecycle.check(defaultLifecycle.replay(atEvidence(createWriter()), INPUT), write('evidence.add', attendance()));
  log(`Under the default lifecycle: ${withoutKind.ok ? 'accepted' : withoutKind.refusal.message}`);
  return { state, withoutKind };
}

runIfMain(import.meta.url, main);
