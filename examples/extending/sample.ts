/**
 * Sample data for the extension examples: a deterministic event writer (a fixed clock and
 * sequential ids, so every run prints the same thing) and payloads that pass the schemas.
 * In an application the clock is `createHybridClock(deviceId)` and ids are `crypto.randomUUID()`.
 */
// In an application: `from 'plc-kit'`.
import { createEventFactory, createHybridClock, type DomainEvent, type LifecycleInput } from '../../src/index.js';

/** The community lead reviews the question; Ana and Ben own the enquiry; Cy observes too. */
export const LEAD = 'p-lead';
export const ANA = 'p-ana';
export const BEN = 'p-ben';
export const CY = 'p-cy';

/** The case study's policy: one observation, student voice, the lead's review, one piece of evidence. */
export const INPUT: LifecycleInput = {
  policy: { minObservations: 1, studentVoiceRequired: true, questionReviewRequired: true, minEvidence: 1 },
  reviewerIds: [LEAD],
};

/** Writes events for one enquiry, one minute apart from 4 September 2025, 08:00 UTC. */
export function createWriter(enquiryId = 'enq-feedback') {
  let wall = Date.parse('2025-09-04T08:00:00.000Z');
  let seq = 0;
  const makeEvent = createEventFactory({
    clock: createHybridClock('staffroom-pc', () => wall),
    newId: () => `evt-${String(++seq).padStart(3, '0')}`,
    now: () => new Date(wall),
  });
  return (type: string, payload: object = {}, authorId: string = ANA): DomainEvent => {
    wall += 60_000;
    return makeEvent({ enquiryId, type, authorId, payload: payload as Record<string, unknown> });
  };
}

export const details = (extra: object = {}) => ({
  title: 'Engaging with written feedback',
  kind: 'group',
  cycleId: 'cycle-2025',
  communityId: 'com-afl',
  themeId: 'theme-afl',
  ownerIds: [ANA, BEN],
  ...extra,
});

export const question = (extra: object = {}) => ({
  text: 'How can we encourage students to engage more actively with written feedback?',
  rationale: 'Students read the grade and skip the comments.',
  targetStudents: 'Year 9 English',
  plannedActions: ['Green-pen response time at the start of each lesson'],
  successCriteria: ['Most students act on at least one comment per piece of work'],
  plannedEvidence: [{ kind: 'student-voice', description: 'A short survey before and after' }],
  ...extra,
});

export const observation = (n: number, observerId: string, extra: object = {}) => ({
  id: `obs-${n}`,
  observerId,
  observedId: ANA,
  className: '9E2',
  date: '2025-10-06',
  focus: 'Response time after marking',
  strengths: 'Clear routine.',
  wonderings: 'Could prompts be differentiated?',
  nextSteps: 'Try sentence starters.',
  sharedWith: [],
  ...extra,
});

export const studentVoice = (id = 'ev-survey') => ({
  id,
  kind: 'student-voice',
  title: 'Feedback survey',
  questions: [{ id: 'q1', text: 'I read the comments on my work', type: 'agree' }],
  responseCount: 27,
  results: [{ questionId: 'q1', counts: [1, 2, 5, 12, 7] }],
});

/**
 * Runs `main` when the file is run directly (`npx tsx examples/extending/<file>.ts`). Imported
 * in a browser (the component examples use these lifecycles), it does nothing.
 */
export function runIfMain(url: string, main: () => unknown) {
  const script = typeof process === 'undefined' ? undefined : process.argv[1];
  if (script && decodeURIComponent(new URL(url).pathname) === script.replace(/\\/g, '/').replace(/^([A-Za-z]:)/, '/$1')) main();
}
