/**
 * Shared fixtures for lifecycle tests, property tests, benchmarks and the extension examples:
 * a deterministic event factory (injected wall clock, hybrid clocks per device, sequential ids),
 * sample payloads that pass the schemas, and `walkToStage()` that writes a valid log ending in
 * any stage. The school (people, cycle, community, theme), the question and observation payloads
 * and the clock set-up are the store fixtures' (`store-fixtures.ts`): one school for every test.
 * Pure: no DOM, no randomness, no real time.
 */
import {
  DEFAULT_POLICY,
  type AnyEvidence,
  type CyclePolicy,
  type DomainEvent,
  type DrivingQuestion,
  type EnquiryDetails,
  type LifecycleInput,
  type Observation,
  type Outcome,
  type Reflection,
} from '../../src/index.js';
import { fixtureClock, observation as schoolObservation, PEOPLE as SCHOOL_PEOPLE, QUESTION, THEME, unthemedDetails } from './store-fixtures.js';

/** The enquiry most fixtures write to. */
export const ENQUIRY_ID = 'enq-1';

/**
 * The people in the fixtures, by id: the store fixtures' school (a community lead who reviews,
 * Ana and Ben its members, a CPD leader) and Cy, a third colleague with no directory record.
 */
export const PEOPLE = {
  lead: SCHOOL_PEOPLE.lead.id,
  ana: SCHOOL_PEOPLE.ana.id,
  ben: SCHOOL_PEOPLE.ben.id,
  cy: 'p-cy',
  cpd: SCHOOL_PEOPLE.cpd.id,
} as const;

/** The case study's policy: one observation, student voice, lead review, one piece of evidence. */
export const REVIEW_POLICY: CyclePolicy = { ...DEFAULT_POLICY };

/** The same policy without the lead's review of the question. */
export const NO_REVIEW_POLICY: CyclePolicy = { ...DEFAULT_POLICY, questionReviewRequired: false };

/** The lifecycle input for the fixtures' community: its lead reviews the question. */
export function inputFor(options: { review?: boolean; policy?: Partial<CyclePolicy>; reviewerIds?: string[] } = {}): LifecycleInput {
  const base = options.review === false ? NO_REVIEW_POLICY : REVIEW_POLICY;
  return { policy: { ...base, ...options.policy }, reviewerIds: options.reviewerIds ?? [PEOPLE.lead] };
}

// ---------------------------------------------------------------------------------------------
// Payloads that pass the schemas.

/** A group enquiry in the fixture community, its theme not chosen yet (walks choose it). */
export const details = (overrides: Partial<EnquiryDetails> = {}): EnquiryDetails => unthemedDetails(overrides);

export const question = (overrides: Partial<DrivingQuestion> = {}): DrivingQuestion => ({ ...QUESTION, ...overrides });

export const observation = (n: number, overrides: Partial<Observation> = {}): Observation => ({ ...schoolObservation(n), ...overrides });

/** One evidence item of each built-in kind, valid for its schema. */
export const evidence = {
  studentVoice: (id = 'ev-sv', overrides: Record<string, unknown> = {}): AnyEvidence => ({
    id,
    kind: 'student-voice',
    title: 'Feedback survey',
    collectedOn: '2025-11-10',
    questions: [
      { id: 'q1', text: 'I read the comments on my work', type: 'agree' },
      { id: 'q2', text: 'What helps you use feedback?', type: 'text' },
    ],
    responseCount: 27,
    results: [
      { questionId: 'q1', counts: [1, 2, 5, 12, 7] },
      { questionId: 'q2', counts: [], comments: ['Time in lesson', 'Sentence starters'] },
    ],
    ...overrides,
  }),
  assessment: (id = 'ev-as', overrides: Record<string, unknown> = {}): AnyEvidence => ({
    id,
    kind: 'assessment',
    title: 'Redrafting quality',
    measure: 'Mean redraft score',
    unit: 'points',
    before: { value: 4.1, students: 28 },
    after: { value: 5.3, students: 27 },
    ...overrides,
  }),
  attendance: (id = 'ev-at', overrides: Record<string, unknown> = {}): AnyEvidence => ({
    id,
    kind: 'attendance',
    title: 'Period 1 attendance',
    group: '9E2',
    students: 28,
    before: 91.2,
    after: 94.6,
    others: { students: 840, before: 92, after: 92.5 },
    ...overrides,
  }),
  examResults: (id = 'ev-ex', overrides: Record<string, unknown> = {}): AnyEvidence => ({
    id,
    kind: 'exam-results',
    title: 'GCSE English Language',
    exam: 'GCSE English Language',
    grades: ['9', '8', '7', '6', '5', '4', '3', '2', '1', 'U'],
    passFrom: '4',
    before: { cohort: 'Year 11, 2025', counts: [1, 2, 3, 4, 5, 5, 4, 3, 2, 1] },
    after: { cohort: 'Year 11, 2026', counts: [2, 3, 4, 5, 5, 4, 3, 2, 1, 1] },
    others: { before: [5, 10, 15, 20, 25, 25, 20, 15, 10, 5], after: [5, 11, 15, 21, 25, 24, 20, 14, 10, 5] },
    ...overrides,
  }),
  learningWalk: (id = 'ev-lw', overrides: Record<string, unknown> = {}): AnyEvidence => ({
    id,
    kind: 'learning-walk',
    title: 'Feedback walk',
    focus: 'Students acting on feedback',
    lessonsVisited: 15,
    lessonsShowingFocus: 11,
    ...overrides,
  }),
  artefact: (id = 'ev-ar', overrides: Record<string, unknown> = {}): AnyEvidence => ({
    id,
    kind: 'artefact',
    title: 'Example of a green-pen response',
    url: 'https://vle.example.org/files/green-pen.jpg',
    caption: 'A student responds to two comments',
    ...overrides,
  }),
  note: (id = 'ev-no', overrides: Record<string, unknown> = {}): AnyEvidence => ({
    id,
    kind: 'note',
    title: 'Department meeting',
    text: 'Colleagues saw more redrafting in Year 9.',
    ...overrides,
  }),
};

export function reflection(overrides: Partial<Reflection> = {}): Reflection {
  return {
    whatWorked: 'Protected response time.',
    whatDidNot: 'Long comments were still ignored.',
    nextSteps: 'Shorter, question-style comments.',
    ...overrides,
  };
}

export function outcome(overrides: Partial<Outcome> = {}): Outcome {
  return {
    summary: 'Response time in lessons doubled how often students acted on feedback.',
    findings: ['Time in lesson matters more than the form of the comment'],
    recommendations: ['Build five minutes of response time into marked lessons'],
    audiences: ['booklet', 'sharing-session'],
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------
// The event factory.

/** Options for {@link createFixture}. */
export interface FixtureOptions {
  /** Wall time of the first event; defaults to 2025-09-04T08:00:00.000Z. */
  start?: string;
  /** Milliseconds the wall clock moves before each event; defaults to one minute. */
  stepMs?: number;
  /** The enquiry events are written to by default. */
  enquiryId?: string;
  /** Prefix of event ids, `e` by default: ids are `e-0001`, `e-0002`, ... */
  idPrefix?: string;
  /** The default device. */
  device?: string;
}

/** Who writes an event and where: the author and their device's clock. */
export interface EventOptions {
  author?: string;
  device?: string;
  enquiryId?: string;
}

/** The stages and sub-states {@link Fixture.walkToStage} can reach. */
export type WalkTarget =
  | 'new'
  | 'theme'
  | 'question.drafting'
  | 'question.review'
  | 'observation'
  | 'evidence'
  | 'sharing'
  | 'shared'
  | 'paused'
  | 'withdrawn'
  | 'archived';

/** Every target of {@link Fixture.walkToStage}, in lifecycle order. */
export const WALK_TARGETS: readonly WalkTarget[] = [
  'new',
  'theme',
  'question.drafting',
  'question.review',
  'observation',
  'evidence',
  'sharing',
  'shared',
  'paused',
  'withdrawn',
  'archived',
];

export interface WalkOptions {
  /** Whether the walk includes the lead's review (replay it with `inputFor({ review })`). */
  review?: boolean;
  /** The stage a `paused` or `withdrawn` walk stops in first; `observation` by default. */
  from?: WalkTarget;
}

/**
 * Creates a deterministic event factory: every event moves the injected wall clock on by
 * `stepMs`, is stamped by its device's hybrid clock and gets the next sequential id.
 */
export function createFixture(options: FixtureOptions = {}) {
  const stepMs = options.stepMs ?? 60_000;
  const enquiryId = options.enquiryId ?? ENQUIRY_ID;
  const defaultDevice = options.device ?? 'd1';
  const time = fixtureClock({ start: options.start, prefix: options.idPrefix, digits: 4 });

  /** Writes one event (not validated: tests give invalid payloads on purpose). */
  function event(type: string, payload: object = {}, at: EventOptions = {}): DomainEvent {
    time.tick(stepMs);
    return time.factory(at.device ?? defaultDevice)({
      enquiryId: at.enquiryId ?? enquiryId,
      type,
      authorId: at.author ?? PEOPLE.ana,
      payload: payload as Record<string, unknown>,
    });
  }

  /** Builds a valid log that ends in `target` (see {@link WalkOptions}). */
  function walkToStage(target: WalkTarget, walk: WalkOptions = {}): DomainEvent[] {
    const review = walk.review ?? true;
    const log: DomainEvent[] = [];
    const add = (type: string, payload: object = {}, author: string = PEOPLE.ana) => log.push(event(type, payload, { author }));
    if (target === 'new') return log;
    if (target === 'paused' || target === 'withdrawn') {
      log.push(...walkToStage(walk.from ?? 'observation', { review }));
      add(target === 'paused' ? 'enquiry.pause' : 'enquiry.withdraw', { reason: 'Staffing changes this term' });
      return log;
    }
    if (target === 'archived') {
      log.push(...walkToStage('shared', { review }));
      add('enquiry.archive');
      return log;
    }
    const order: WalkTarget[] = ['theme', 'question.drafting', 'question.review', 'observation', 'evidence', 'sharing', 'shared'];
    const reach = order.indexOf(target);
    if (target === 'question.review' && !review) throw new Error('question.review needs a walk with review');
    add('enquiry.create', details());
    if (reach < 1) return log;
    add('theme.choose', { themeId: THEME.id });
    add('question.draft', question());
    if (reach < 2) return log;
    add('question.submit');
    if (reach < 3) return log;
    if (review) add('question.approve', { comment: 'A clear, open question.' }, PEOPLE.lead);
    if (reach < 4) return log;
    add('observation.record', observation(1));
    add('evidence.start');
    if (reach < 5) return log;
    add('evidence.add', evidence.studentVoice());
    add('reflection.save', reflection());
    add('sharing.start');
    if (reach < 6) return log;
    add('outcome.save', outcome());
    add('outcome.publish');
    return log;
  }

  return {
    enquiryId,
    event,
    walkToStage,
    /** The hybrid clock of a device (created on first use). */
    clock: time.clock,
    /** Moves the wall clock on (or back, with a negative value). */
    tick(ms: number) {
      time.tick(ms);
    },
    /** The current wall time in milliseconds. */
    now: time.now,
    /** How many events were written so far. */
    count: time.count,
  };
}

/** A fixture's type, for helpers that take one. */
export type Fixture = ReturnType<typeof createFixture>;

/** A JSON round trip: what a cache or a sync leaves of a value. */
export const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
