/**
 * Building blocks of the random logs the lifecycle's property tests write
 * (tests/unit/lifecycle/properties.test.ts, transition-table.test.ts): who writes, the event
 * templates a random step picks from, and cycle policies. Each test adds its own happy path and
 * any templates of the stages it inserts.
 */
import fc from 'fast-check';
import type { CyclePolicy } from '../../src/index.js';
import { details, evidence, observation, outcome, PEOPLE, question, reflection } from './lifecycle-fixtures.js';

/** The people random steps are written by. */
export const AUTHORS = [PEOPLE.ana, PEOPLE.ben, PEOPLE.lead] as const;

/** An event template: its type and payload, from a small id pool (`ref`) so ids repeat. */
export type EventTemplate = (ref: number) => [string, object];

/** The built-in lifecycle's events: the happy path's steps, loops back, duplicates and closing. */
export const BUILT_IN_TEMPLATES: EventTemplate[] = [
  () => ['enquiry.create', details()],
  () => ['enquiry.create', details({ themeId: 'theme-afl' })],
  () => ['enquiry.rename', { title: 'Renamed' }],
  () => ['theme.choose', { themeId: 'theme-afl' }],
  (ref) => ['question.draft', ref % 3 === 0 ? question({ successCriteria: [] }) : question()],
  () => ['question.submit', {}],
  () => ['question.approve', { comment: 'Good' }],
  () => ['question.return', { comment: 'Sharper' }],
  () => ['question.refine', { reason: 'What we saw' }],
  (ref) => ['observation.record', observation(ref, { observedId: ref % 2 ? PEOPLE.ana : PEOPLE.ben })],
  (ref) => ['observation.record', observation(ref, { observerId: PEOPLE.cy })],
  (ref) => ['observation.share', { observationId: `obs-${ref}`, personIds: ['p-hod'] }],
  () => ['evidence.start', {}],
  (ref) => ['evidence.add', evidence.studentVoice(`ev-${ref}`)],
  (ref) => ['evidence.add', [evidence.note, evidence.assessment, evidence.learningWalk, evidence.artefact][ref % 4]!(`ev-${ref}`)],
  (ref) => ['evidence.remove', { evidenceId: `ev-${ref}` }],
  () => ['evidence.reopen', {}],
  () => ['reflection.save', reflection()],
  () => ['sharing.start', {}],
  () => ['outcome.save', outcome()],
  () => ['outcome.publish', {}],
  () => ['enquiry.pause', { reason: 'Exams' }],
  () => ['enquiry.resume', {}],
  () => ['enquiry.withdraw', {}],
  () => ['enquiry.archive', {}],
];

/** Cycle policies, from none required to two of each. */
export const policyArb: fc.Arbitrary<CyclePolicy> = fc.record({
  minObservations: fc.integer({ min: 0, max: 2 }),
  studentVoiceRequired: fc.boolean(),
  questionReviewRequired: fc.boolean(),
  minEvidence: fc.integer({ min: 0, max: 2 }),
});
