/**
 * Fixtures for the leaders' elements (learning walk, impact report, booklet): enquiries taken all
 * the way to a published outcome through real events, learning-walk records, a synthetic school
 * with the case study's 14 of 20 against 24 of 60, a store whose writes can be made to fail, and
 * a catcher for the files the elements offer to download.
 */
import type { DomainEvent } from '../../src/lifecycle/events.js';
import { defaultLifecycle } from '../../src/lifecycle/lifecycle.js';
import type { Outcome, Reflection } from '../../src/schema/enquiry.js';
import type { Community, Cycle, LearningWalk, Person, School, Theme } from '../../src/schema/directory.js';
import { createMemoryStore } from '../../src/store/memory.js';
import type { Store } from '../../src/store/store.js';
import type { PlcDownloadEvent } from '../../components/events/download.js';
import { feedbackToSharing, logBuilder, observation, OUTCOME, REFLECTION } from './log-harness.js';

type Log = ReturnType<typeof logBuilder>;

/** The seed's feedback enquiry (Amir, Beth, Chen; theme Assessment for learning) published with `outcome`. */
export function publishFeedback(log: Log, outcome: Outcome = OUTCOME, reflection: Reflection = REFLECTION): void {
  feedbackToSharing(log);
  log.add('enq-feedback', 'reflection.save', 'p-beth', reflection as unknown as Record<string, unknown>);
  log.add('enq-feedback', 'outcome.save', 'p-beth', outcome as unknown as Record<string, unknown>);
  log.add('enq-feedback', 'outcome.publish', 'p-amir');
}

/** What {@link publishIndividual} writes. */
export interface IndividualProject {
  enquiryId: string;
  ownerId: string;
  themeId: string;
  title: string;
  question: string;
  outcome: Outcome;
  reflection?: Reflection;
  /** More evidence, added after the survey and the artefact (the "after" of a before/after). */
  extraEvidence?: Array<Record<string, unknown>>;
  /** Stop before publishing (the enquiry stays in sharing). */
  unpublished?: boolean;
}

/**
 * An individual project of 2026-27 taken from creation to a published outcome: question drafted,
 * submitted and approved by the CPD leader, one observation, student voice and a note as evidence,
 * sharing, reflection, outcome, publish.
 */
export function publishIndividual(log: Log, project: IndividualProject): void {
  const { enquiryId: id, ownerId: owner } = project;
  log.add(id, 'enquiry.create', owner, {
    title: project.title,
    kind: 'individual',
    cycleId: 'cy-2026',
    themeId: project.themeId,
    ownerIds: [owner],
    track: 'plc',
    stages: [...defaultLifecycle.stages],
  });
  log.add(id, 'question.draft', owner, {
    text: project.question,
    rationale: 'Students rarely read beyond the textbook.',
    targetStudents: 'Year 8',
    plannedActions: ['Weekly reading of a subject article'],
    successCriteria: ['Students use subject vocabulary in their writing'],
    plannedEvidence: [{ kind: 'student-voice', description: 'Survey on reading' }],
  });
  log.add(id, 'question.submit', owner);
  log.add(id, 'question.approve', 'p-clare', { comment: 'Go ahead.' });
  log.add(id, 'observation.record', owner, observation({ id: `${id}-obs`, observerId: owner, observedId: 'p-eli' }) as unknown as Record<string, unknown>);
  log.add(id, 'evidence.start', owner);
  log.add(id, 'evidence.add', owner, {
    id: `${id}-voice`,
    kind: 'student-voice',
    title: 'How much do you read?',
    questions: [{ id: 'q1', text: 'I read about this subject outside lessons', type: 'agree' }],
    responseCount: 20,
    results: [{ questionId: 'q1', counts: [2, 3, 5, 6, 4] }],
  });
  log.add(id, 'evidence.add', owner, {
    id: `${id}-books`,
    kind: 'artefact',
    title: 'Reading journals',
    url: 'https://vle.example.org/reading-journals',
    caption: 'Journals from 8B, before and after',
  });
  for (const item of project.extraEvidence ?? []) log.add(id, 'evidence.add', owner, item);
  log.add(id, 'sharing.start', owner);
  log.add(id, 'reflection.save', owner, (project.reflection ?? REFLECTION) as unknown as Record<string, unknown>);
  log.add(id, 'outcome.save', owner, project.outcome as unknown as Record<string, unknown>);
  if (!project.unpublished) log.add(id, 'outcome.publish', owner);
}

/** Events for two published outcomes: the feedback PLC's and Fern's literacy project. */
export function twoPublished(literacy: Partial<IndividualProject> = {}): DomainEvent[] {
  const log = logBuilder();
  publishFeedback(log);
  publishIndividual(log, {
    enquiryId: 'enq-reading',
    ownerId: 'p-fern',
    themeId: 'th-literacy',
    title: 'Reading like a scientist',
    question: 'How does weekly subject reading change the vocabulary Year 8 use in their writing?',
    outcome: {
      summary: 'A short article each week, read together, brought subject words into students’ writing.\n\nThe effect was strongest for weaker readers.',
      findings: ['Students used more subject vocabulary by week six', 'Weaker readers gained most'],
      recommendations: ['Keep one shared article a week in every science class'],
      audiences: ['booklet', 'sharing-session'],
    },
    ...literacy,
  });
  return log.events;
}

/** A learning walk of 2026-27 with `lessons` lessons of which `showing` show the focus. */
export function walkRecord(lessons: number, showing: number, overrides: Partial<LearningWalk> = {}): LearningWalk {
  const years = ['Year 7', 'Year 8', 'Year 9', 'Year 10', 'Year 11'];
  const subjects = ['Maths', 'English', 'Science'];
  return {
    schemaVersion: 1,
    id: 'walk-strategic',
    cycleId: 'cy-2026',
    focus: 'elements of strategic learning',
    date: '2027-03-04',
    leaderIds: ['p-clare'],
    lessons: Array.from({ length: lessons }, (_, i) => ({
      showsFocus: i < showing,
      yearGroup: years[i % years.length],
      subject: subjects[i % subjects.length],
      at: new Date(Date.UTC(2027, 2, 4, 9, i)).toISOString(),
    })),
    ...overrides,
  };
}

const v = { schemaVersion: 1 } as const;

/**
 * A synthetic school with the case study's figures: 60 staff with a literacy appraisal record in
 * 2026-27, 20 of whom were in last year's Literacy PLC. 14 of the 20 members show strength in
 * literacy, and 10 of the other 40, so 24 of 60 staff as a whole. Signed in: a CPD leader, `p-lead`.
 */
export async function literacyImpactStore(): Promise<Store> {
  const store = createMemoryStore({ lifecycle: defaultLifecycle });
  const school: School = { ...v, id: 'sch-1', name: 'Synthetic School' };
  await store.put('schools', school, 0);
  const policy = { minObservations: 1, studentVoiceRequired: false, questionReviewRequired: false, minEvidence: 1 };
  const cycles: Cycle[] = [
    { schemaVersion: 2, id: 'y1', name: '2025-26', startsOn: '2025-09-01', endsOn: '2026-07-20', status: 'closed', themeIds: ['t-literacy'], policy },
    { schemaVersion: 2, id: 'y2', name: '2026-27', startsOn: '2026-09-01', endsOn: '2027-07-20', status: 'active', themeIds: ['t-literacy'], policy },
  ];
  for (const cycle of cycles) await store.put('cycles', cycle, 0);
  const theme: Theme = { ...v, id: 't-literacy', name: 'Literacy', description: '', aspects: [{ id: 'a-literacy', name: 'literacy' }] };
  await store.put('themes', theme, 0);
  const staff = Array.from({ length: 60 }, (_, i) => `s-${String(i + 1).padStart(2, '0')}`);
  const people: Person[] = [
    { ...v, id: 'p-lead', name: 'Lee Lead', schoolId: 'sch-1', roles: ['cpd-leader', 'teacher'] },
    ...staff.map((id, i): Person => ({ ...v, id, name: `Teacher ${i + 1}`, schoolId: 'sch-1', roles: ['teacher'] })),
  ];
  for (const person of people) await store.put('people', person, 0);
  const members = staff.slice(0, 20);
  const community: Community = {
    ...v,
    id: 'c-literacy',
    name: 'Literacy PLC',
    cycleId: 'y1',
    themeId: 't-literacy',
    leadId: members[0]!,
    memberIds: members.slice(1),
    coachIds: [],
    schoolIds: ['sch-1'],
    meetingSlots: [],
  };
  await store.put('communities', community, 0);
  for (const [i, personId] of staff.entries()) {
    const strength = i < 20 ? i < 14 : i < 30;
    await store.put('appraisals', { ...v, id: `ap-${personId}`, personId, cycleId: 'y2', aspectId: 'a-literacy', strength }, 0);
  }
  return store;
}

/** A store whose directory writes fail while `failing.on` is true (as when the device's storage is full). */
export function failingStore(store: Store): { store: Store; failing: { on: boolean } } {
  const failing = { on: false };
  const proxy = new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'put' && failing.on) return async () => Promise.reject(new Error('The device storage is full.'));
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store: proxy, failing };
}

/** What an element offered to download. */
export interface CaughtDownload {
  fileName: string;
  mediaType: string;
  content: string;
}

/** Runs `action` and returns the file the element offered, keeping the browser from saving it. */
export async function catchDownload(element: HTMLElement, action: () => Promise<void>): Promise<CaughtDownload> {
  let caught: CaughtDownload | undefined;
  const listener = (event: PlcDownloadEvent) => {
    event.preventDefault();
    caught = { fileName: event.fileName, mediaType: event.mediaType, content: event.content };
  };
  element.addEventListener('plc-download', listener);
  try {
    await action();
  } finally {
    element.removeEventListener('plc-download', listener);
  }
  if (!caught) throw new Error('No file was offered for download');
  return caught;
}
