/**
 * Fixtures for store tests and benchmarks: a small school directory (people, cycles, a theme,
 * communities), the enquiry payloads written in it, and a deterministic event writer (injected
 * wall clock, hybrid clock, sequential ids) with walks that bring an enquiry to a given stage.
 * The lifecycle fixtures (`lifecycle-fixtures.ts`) write in the same school with the same clock
 * set-up, from here. Pure: runs in Node and the browser.
 */
import { createEventFactory, type DomainEvent } from '../../src/lifecycle/events.js';
import { createHybridClock, type HybridClock } from '../../src/lifecycle/hlc.js';
import { DEFAULT_POLICY, type Collection, type Community, type Cycle, type Person, type School, type Theme } from '../../src/schema/directory.js';
import type { DrivingQuestion, EnquiryDetails, Observation } from '../../src/schema/enquiry.js';
import type { Store } from '../../src/store/store.js';

export const SCHOOL: School = { schemaVersion: 1, id: 'sch-north', name: 'Northgate Academy' };

const person = (id: string, name: string, roles: Person['roles'] = ['teacher']): Person => ({
  schemaVersion: 1,
  id,
  name,
  schoolId: SCHOOL.id,
  roles,
});

/** The community lead reviews; Ana and Ben are members; the CPD leader reviews individual projects. */
export const PEOPLE = {
  lead: person('p-lead', 'Lena Lead'),
  ana: person('p-ana', 'Ana Adeyemi'),
  ben: person('p-ben', 'Ben Brook'),
  cpd: person('p-cpd', 'Cara CPD', ['teacher', 'cpd-leader']),
};

/** This year's cycle: the case study's policy (observation, student voice, lead review). */
export const CYCLE: Cycle = {
  schemaVersion: 2,
  id: 'cycle-2025',
  name: '2025-26',
  startsOn: '2025-09-01',
  endsOn: '2026-07-20',
  status: 'active',
  themeIds: ['theme-afl'],
  policy: { ...DEFAULT_POLICY },
};

/** Last year's cycle, without review of the question. */
export const OLD_CYCLE: Cycle = {
  ...CYCLE,
  id: 'cycle-2024',
  name: '2024-25',
  startsOn: '2024-09-01',
  endsOn: '2025-07-20',
  status: 'closed',
  policy: { ...DEFAULT_POLICY, questionReviewRequired: false },
};

export const THEME: Theme = {
  schemaVersion: 1,
  id: 'theme-afl',
  name: 'Assessment for learning',
  aspects: [{ id: 'asp-feedback', name: 'Feedback' }],
};

export const COMMUNITY: Community = {
  schemaVersion: 1,
  id: 'com-afl',
  name: 'Feedback that works',
  cycleId: CYCLE.id,
  themeId: THEME.id,
  leadId: PEOPLE.lead.id,
  memberIds: [PEOPLE.ana.id, PEOPLE.ben.id],
  coachIds: [],
  schoolIds: [SCHOOL.id],
  meetingSlots: [{ weekday: 3, start: '15:30', minutes: 60 }],
};

/** Every fixture record, by collection. */
export const DIRECTORY_RECORDS: Array<[Collection, { id: string }]> = [
  ['schools', SCHOOL],
  ...Object.values(PEOPLE).map((p) => ['people', p] as [Collection, { id: string }]),
  ['cycles', CYCLE],
  ['cycles', OLD_CYCLE],
  ['themes', THEME],
  ['communities', COMMUNITY],
];

/** Puts every fixture record into a store (each at version 1). */
export async function seedDirectory(store: Store): Promise<void> {
  for (const [collection, record] of DIRECTORY_RECORDS) await store.put(collection, record as never, 0);
}

/** A group enquiry's details in the fixture community, before a theme is chosen. */
export function unthemedDetails(overrides: Partial<EnquiryDetails> = {}): EnquiryDetails {
  return {
    title: 'Engaging with written feedback',
    kind: 'group',
    cycleId: CYCLE.id,
    communityId: COMMUNITY.id,
    ownerIds: [PEOPLE.ana.id, PEOPLE.ben.id],
    track: 'plc',
    ...overrides,
  };
}

/** A group enquiry's details in the fixture community. */
export const groupDetails = (overrides: Partial<EnquiryDetails> = {}): EnquiryDetails => unthemedDetails({ themeId: THEME.id, ...overrides });

/** An individual project's details (no community: the CPD leader reviews). */
export function individualDetails(overrides: Partial<EnquiryDetails> = {}): EnquiryDetails {
  return {
    title: 'Retrieval starters in Year 8 science',
    kind: 'individual',
    cycleId: CYCLE.id,
    themeId: THEME.id,
    ownerIds: [PEOPLE.ben.id],
    track: 'plc',
    ...overrides,
  };
}

export const QUESTION: DrivingQuestion = {
  text: 'How can we encourage students to engage more actively with written feedback?',
  rationale: 'Students read the grade and skip the comments.',
  targetStudents: 'Year 9 English',
  plannedActions: ['Green-pen response time at the start of each lesson'],
  successCriteria: ['Most students act on at least one comment per piece of work'],
  plannedEvidence: [{ kind: 'student-voice', description: 'A short survey before and after' }],
};

export const observation = (n: number): Observation => ({
  id: `obs-${n}`,
  observerId: PEOPLE.ben.id,
  observedId: PEOPLE.ana.id,
  className: '9E2',
  date: '2025-10-06',
  focus: 'Response time after marking',
  strengths: 'Clear routine; students knew what to do.',
  wonderings: 'Could the prompts be differentiated?',
  nextSteps: 'Try sentence starters.',
  sharedWith: [],
});

export const studentVoice = (id = 'ev-sv') => ({
  id,
  kind: 'student-voice',
  title: 'Feedback survey',
  questions: [{ id: 'q1', text: 'I read the comments on my work', type: 'agree' }],
  responseCount: 27,
  results: [{ questionId: 'q1', counts: [1, 2, 5, 12, 7] }],
});

/** Stages {@link EventWriter.walk} can bring an enquiry to. */
export type Walk = 'created' | 'question.drafting' | 'question.review' | 'observation' | 'evidence';

/**
 * A wall clock the test moves, each device's hybrid clock reading it, and event factories giving
 * sequential ids `<prefix>-<n padded to digits>`: what every deterministic event writer is built on.
 */
export function fixtureClock(options: { start?: string; prefix?: string; digits: number }) {
  let wall = Date.parse(options.start ?? '2025-09-04T08:00:00.000Z');
  let seq = 0;
  const clocks = new Map<string, HybridClock>();
  const factories = new Map<string, ReturnType<typeof createEventFactory>>();
  const clock = (device: string): HybridClock => {
    if (!clocks.has(device)) clocks.set(device, createHybridClock(device, () => wall));
    return clocks.get(device)!;
  };
  const newId = () => `${options.prefix ?? 'e'}-${String(++seq).padStart(options.digits, '0')}`;
  const factory = (device: string) => {
    if (!factories.has(device)) factories.set(device, createEventFactory({ clock: clock(device), newId, now: () => new Date(wall) }));
    return factories.get(device)!;
  };
  return { clock, factory, tick: (ms: number) => (wall += ms), now: () => wall, count: () => seq };
}

/**
 * A deterministic event writer: each event moves the wall clock on by `stepMs` and gets the next
 * id `<prefix>-00001`, ... from one device's hybrid clock.
 */
export function eventWriter(options: { prefix?: string; node?: string; start?: string; stepMs?: number } = {}) {
  const time = fixtureClock({ start: options.start, prefix: options.prefix, digits: 5 });
  const make = time.factory(options.node ?? 'd1');

  function event(enquiryId: string, type: string, payload: object = {}, authorId: string = PEOPLE.ana.id): DomainEvent {
    time.tick(options.stepMs ?? 60_000);
    return make({ enquiryId, type, authorId, payload: payload as Record<string, unknown> });
  }

  /** A valid log that brings an enquiry to `target` under {@link CYCLE}'s policy. */
  function walk(enquiryId: string, target: Walk, details: EnquiryDetails = groupDetails()): DomainEvent[] {
    const reviewer = details.communityId ? PEOPLE.lead.id : PEOPLE.cpd.id;
    const steps: Array<[string, object, string?]> = [['enquiry.create', details]];
    if (target !== 'created') steps.push(['question.draft', QUESTION]);
    if (target !== 'created' && target !== 'question.drafting') steps.push(['question.submit', {}]);
    if (target === 'observation' || target === 'evidence') steps.push(['question.approve', { comment: 'Clear and open.' }, reviewer]);
    if (target === 'evidence') steps.push(['observation.record', observation(1)], ['evidence.start', {}]);
    return steps.map(([type, payload, author]) => event(enquiryId, type, payload, author));
  }

  return { event, walk, now: time.now, tick: time.tick };
}

export type EventWriter = ReturnType<typeof eventWriter>;
