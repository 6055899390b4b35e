/**
 * Fixtures for the evidence and survey element tests: the seed's feedback enquiry moved on to the
 * evidence stage (an observation recorded and evidence started by a member), surveys and
 * anonymous answer sheets written straight to a store, and a few finders scoped to one question.
 */
import { createEventFactory, type DomainEvent } from '../../src/lifecycle/events.js';
import { createHybridClock } from '../../src/lifecycle/hlc.js';
import type { Survey, SurveyResponse } from '../../src/schema/directory.js';
import type { Store } from '../../src/store/store.js';
import { queryAllDeep } from './component-harness.js';

/** The seed's group enquiry (Amir's community: Amir, Beth, Chen; coach Dana). */
export const ENQUIRY = 'enq-feedback';

/**
 * A factory for events that sort after the seed's (the seed's clock starts on 6 October 2025 and
 * moves 20 hours per event), with sequential ids.
 */
export function testEventFactory(prefix = 'test') {
  let time = Date.parse('2026-11-03T09:00:00.000Z');
  let n = 0;
  const make = createEventFactory({
    clock: createHybridClock(`${prefix}-device`, () => time),
    newId: () => `${prefix}-${String((n += 1)).padStart(3, '0')}`,
    now: () => new Date(time),
  });
  return (enquiryId: string, type: string, authorId: string, payload: Record<string, unknown>): DomainEvent => {
    time += 3_600_000;
    return make({ enquiryId, type, authorId, payload: payload as never });
  };
}

/** Moves enq-feedback from observation to evidence: Beth records an observation, then starts evidence. */
export function evidenceStageEvents(extra: Array<{ type: string; payload: Record<string, unknown>; authorId?: string }> = []): DomainEvent[] {
  const make = testEventFactory();
  return [
    make(ENQUIRY, 'observation.record', 'p-beth', {
      id: 'obs-1',
      observerId: 'p-beth',
      observedId: 'p-chen',
      className: '9C science',
      date: '2026-10-20',
      focus: 'How students respond to written feedback',
      strengths: 'Students used DIRT time well.',
      wonderings: 'Would questions as feedback help?',
      nextSteps: 'Try feedback as questions.',
      sharedWith: [],
    }),
    make(ENQUIRY, 'evidence.start', 'p-beth', {}),
    ...extra.map((e) => make(ENQUIRY, e.type, e.authorId ?? 'p-beth', e.payload)),
  ];
}

/** A survey on enq-feedback with one question of each type. */
export function feedbackSurvey(overrides: Partial<Survey> = {}): Survey {
  return {
    schemaVersion: 1,
    id: 'sv-feedback',
    enquiryId: ENQUIRY,
    title: 'How you use written feedback',
    status: 'open',
    createdById: 'p-beth',
    questions: [
      { id: 'q-know', text: 'I know what to do when I get written feedback.', type: 'agree' },
      { id: 'q-often', text: 'How often do you act on feedback?', type: 'choice', options: ['Every time', 'Sometimes', 'Never'] },
      { id: 'q-help', text: 'What would make feedback more useful?', type: 'text' },
    ],
    ...overrides,
  };
}

/** Stores anonymous answer sheets for a survey, as the response form would. */
export async function addResponses(store: Store, surveyId: string, sheets: Array<SurveyResponse['answers']>): Promise<void> {
  let n = 0;
  for (const answers of sheets) {
    n += 1;
    await store.put('surveyResponses', { schemaVersion: 1, id: `sr-${surveyId}-${n}-${Math.random().toString(36).slice(2, 8)}`, surveyId, answers }, 0);
  }
}

/** The fieldsets (one per agree/choice question) of a response form, in order. */
export function questionFieldsets(root: Element): HTMLFieldSetElement[] {
  return queryAllDeep<HTMLFieldSetElement>(root, 'fieldset');
}

/** The radio labelled exactly `label` inside `scope`. */
export function radio(scope: Element, label: string): HTMLInputElement {
  const found = queryAllDeep<HTMLInputElement>(scope, 'input[type="radio"]').find(
    (input) => (input.labels?.[0]?.textContent ?? '').replace(/\s+/g, ' ').trim() === label,
  );
  if (!found) throw new Error(`No radio labelled "${label}"`);
  return found;
}

/** Waits until `check` passes (polling), for changes that arrive through store subscriptions. */
export async function waitFor(check: () => boolean, what: string, timeout = 3000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The rows of every data table under `root`: each row's cells' text, header cells included. */
export function tableRows(root: Element): string[][] {
  return queryAllDeep<HTMLTableRowElement>(root, 'tbody tr, tfoot tr').map((row) =>
    [...row.cells].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim()),
  );
}
