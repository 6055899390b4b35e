/**
 * Builds further events for the demo enquiries, so component tests can start from any step:
 * a deterministic clock that starts after the demo seed's events, sequential ids, and payloads
 * for the usual steps (a complete question, an observation, evidence, reflection, outcome), and a
 * wait for text that arrives asynchronously (a locale loading).
 */
import { createEventFactory, type DomainEvent } from '../../src/lifecycle/events.js';
import { createHybridClock } from '../../src/lifecycle/hlc.js';
import type { DrivingQuestion, Observation, Outcome, Reflection } from '../../src/schema/enquiry.js';
import { textOf } from './component-harness.js';

/** A log builder: `add()` makes one event an hour after the previous one. */
export function logBuilder(start = '2026-11-03T09:00:00.000Z', prefix = 'test') {
  let time = new Date(start).getTime();
  let n = 0;
  const make = createEventFactory({
    clock: createHybridClock(prefix, () => time),
    newId: () => `${prefix}-${String(++n).padStart(3, '0')}`,
    now: () => new Date(time),
  });
  const events: DomainEvent[] = [];
  return {
    events,
    add(enquiryId: string, type: string, authorId: string, payload: Record<string, unknown> = {}): DomainEvent {
      const event = make({ enquiryId, type, authorId, payload: payload as never });
      events.push(event);
      time += 3_600_000;
      return event;
    },
  };
}

/** A complete question for the oracy enquiry (text and success criteria), ready to submit. */
export const ORACY_QUESTION: DrivingQuestion = {
  text: 'In what ways do talk roles change how Year 7 students explain their reasoning?',
  rationale: 'Students answer in single words in group work.',
  targetStudents: 'Year 7',
  plannedActions: ['Introduce talk roles in maths and geography'],
  successCriteria: ['Students give reasons with "because" in group talk'],
  plannedEvidence: [{ kind: 'student-voice', description: 'Survey on how students feel about group talk' }],
};

/** An observation payload. */
export function observation(overrides: Partial<Observation> = {}): Observation {
  return {
    id: 'obs-1',
    observerId: 'p-beth',
    observedId: 'p-chen',
    className: '9X2 science',
    date: '2026-11-04',
    focus: 'How students respond to written feedback',
    strengths: 'Students used the first ten minutes to respond to comments.',
    wonderings: 'Would questions in the margin get more thought than statements?',
    nextSteps: 'Try margin questions with one class.',
    sharedWith: [],
    ...overrides,
  };
}

export const REFLECTION: Reflection = {
  whatWorked: 'Fortnightly improvement time: students acted on most comments.',
  whatDidNot: 'Feedback written as questions took too long to mark.',
  nextSteps: 'Share the improvement-time routine with the science department.',
};

export const OUTCOME: Outcome = {
  summary: 'Giving students protected time to act on feedback made the biggest difference.',
  findings: ['Most students acted on feedback when time was given in lessons'],
  recommendations: ['Plan improvement time every fortnight'],
  audiences: ['booklet', 'vle'],
};

/**
 * Events that take the feedback enquiry (in observation in the seed) on to sharing: one
 * observation, evidence with student voice, and `sharing.start`.
 */
export function feedbackToSharing(log: ReturnType<typeof logBuilder>): void {
  log.add('enq-feedback', 'observation.record', 'p-beth', observation() as unknown as Record<string, unknown>);
  log.add('enq-feedback', 'evidence.start', 'p-beth');
  log.add('enq-feedback', 'evidence.add', 'p-beth', {
    id: 'ev-voice',
    kind: 'student-voice',
    title: 'How do you use feedback?',
    questions: [{ id: 'q1', text: 'I know what to do with the feedback I get', type: 'agree' }],
    responseCount: 24,
    results: [{ questionId: 'q1', counts: [1, 3, 5, 9, 6] }],
  });
  log.add('enq-feedback', 'evidence.add', 'p-chen', { id: 'ev-note', kind: 'note', title: 'Book look', text: 'Most books show responses.' });
  log.add('enq-feedback', 'sharing.start', 'p-amir');
}

/** Waits until `element` (shadow tree included) shows `text`, e.g. after a locale loads. */
export async function waitForText(element: Element, text: string | RegExp, tries = 100): Promise<void> {
  for (let i = 0; i < tries; i += 1) {
    const now = textOf(element);
    if (typeof text === 'string' ? now.includes(text) : text.test(now)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Never showed ${String(text)}; shows: ${textOf(element).slice(0, 400)}`);
}
