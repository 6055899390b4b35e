/**
 * The live examples on the element pages: one memory store per page, filled with the demo school
 * (examples/demo/seed.ts) plus one observation and one student-voice survey with six answer
 * sheets, so the observation and survey elements have something to show. Every
 * `<plc-provider>` in a `[data-live-example]` box gets that store as its `store` property, as a
 * host page would (examples/hosts/plain.js). Nothing leaves the page.
 *
 * scripts/docs.ts bundles this file with the built elements into the site's
 * assets/live-examples.js (a classic script, so the pages work when opened from disk); the
 * browser test runs it from source.
 */
import type { Store } from '../../src/store/store.js';
import type { Survey, SurveyResponse } from '../../src/schema/directory.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { createEventFactory } from '../../src/lifecycle/events.js';
import { createHybridClock } from '../../src/lifecycle/hlc.js';
import { seedDemo } from '../../examples/demo/seed.js';

/** The docs' survey: on the feedback enquiry, one question of each type. */
export const DOCS_SURVEY: Survey = {
  schemaVersion: 1,
  id: 'sv-feedback',
  enquiryId: 'enq-feedback',
  title: 'How you use written feedback',
  status: 'open',
  createdById: 'p-beth',
  questions: [
    { id: 'q-know', text: 'I know what to do when I get written feedback.', type: 'agree' },
    { id: 'q-often', text: 'How often do you act on feedback?', type: 'choice', options: ['Every time', 'Sometimes', 'Never'] },
    { id: 'q-help', text: 'What would make feedback more useful?', type: 'text' },
  ],
};

const ANSWERS: Array<SurveyResponse['answers']> = [
  { 'q-know': 5, 'q-often': 0, 'q-help': 'Questions instead of comments' },
  { 'q-know': 4, 'q-often': 0, 'q-help': 'More time in lessons' },
  { 'q-know': 4, 'q-often': 1, 'q-help': 'Examples of good work' },
  { 'q-know': 3, 'q-often': 1, 'q-help': 'Shorter comments' },
  { 'q-know': 2, 'q-often': 2, 'q-help': 'Talking it through' },
  { 'q-know': 1, 'q-often': 0 },
];

/** The demo school, Beth's observation of Chen's lesson, and the survey with six answers. */
export async function seedDocsExamples(store: Store): Promise<void> {
  await seedDemo(store);
  // After the seed's own events (which start on 6 October 2026 and move 20 hours each).
  const time = Date.parse('2026-10-20T15:00:00.000Z');
  const makeEvent = createEventFactory({ clock: createHybridClock('docs', () => time), newId: () => 'docs-observation-1', now: () => new Date(time) });
  await store.append('enq-feedback', [
    makeEvent({
      enquiryId: 'enq-feedback',
      type: 'observation.record',
      authorId: 'p-beth',
      payload: {
        id: 'obs-docs-1',
        observerId: 'p-beth',
        observedId: 'p-chen',
        className: '9C science',
        date: '2026-10-20',
        focus: 'How students respond to written feedback',
        strengths: 'Students used the DIRT time well and most rewrote one paragraph.',
        wonderings: 'Would feedback written as questions get longer answers?',
        nextSteps: 'Try feedback as questions with one class for two weeks.',
        sharedWith: [],
      },
    }),
  ]);
  await store.put('surveys', DOCS_SURVEY, 0);
  for (const [index, answers] of ANSWERS.entries()) {
    await store.put('surveyResponses', { schemaVersion: 1, id: `sr-docs-${index + 1}`, surveyId: DOCS_SURVEY.id, answers }, 0);
  }
}

/**
 * Gives every provider in the live-example boxes under `root` one seeded memory store, and
 * resolves when they have loaded it. Resolves with the number of providers it found.
 */
export async function startLiveExamples(root: ParentNode = document): Promise<number> {
  type Provider = HTMLElement & { store?: Store; ready?: Promise<void>; updateComplete?: Promise<unknown> };
  const providers = [...root.querySelectorAll<Provider>('[data-live-example] plc-provider')];
  if (!providers.length) return 0;
  const store = createMemoryStore();
  await seedDocsExamples(store);
  for (const provider of providers) provider.store = store;
  // The new store is opened in the update that follows; `ready` covers it only after that.
  await Promise.all(providers.map(async (provider) => {
    await provider.updateComplete;
    await provider.ready;
  }));
  return providers.length;
}
