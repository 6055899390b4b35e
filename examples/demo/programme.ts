/**
 * The demo school's programme beyond this year's PLCs, as the case study tells it: last year
 * (2025-26) "more individual projects were undertaken", and two of them published their outcomes; this year's (2026-27) sharing session for all
 * staff presents them, and each year's new staff meet as "Building Learning Habits" instead of
 * joining a PLC, with their sessions' attendance. The two projects' evidence shows the built-in
 * measures: exam results (grade distribution before and after) and attendance, each beside the
 * rest of the year group. Seeded by `seedDemo` beside the school. On a
 * plc-kit server the two published projects earn their owners (Aisha Bello, Harry Lewis) an Open
 * Badges credential as the school is imported, so "Celebrate" and their "My badges" show them.
 */
import type { Community, Meeting } from '../../src/schema/directory.js';
import type { SharingSession } from '../../src/schema/sharing.js';
import type { DomainEvent } from '../../src/lifecycle/events.js';
import { createEventFactory } from '../../src/lifecycle/events.js';
import { createHybridClock } from '../../src/lifecycle/hlc.js';
import { RULES_VERSION } from '../../src/lifecycle/enquiryMachine.js';
import { defaultLifecycle } from '../../src/lifecycle/lifecycle.js';

const v = { schemaVersion: 1 } as const;

/** One of last year's individual projects, carried through to its published outcome (reviewed by the CPD leader). */
interface PastEnquiry {
  id: string;
  title: string;
  themeId: string;
  owner: string;
  /** The colleague whose lesson the owner observed. */
  observed: string;
  question: string;
  summary: string;
  findings: string[];
  recommendations: string[];
  /** A built-in measure among its evidence: exam results or attendance, with the rest of the year group beside it. */
  measure: Record<string, unknown>;
}

const PAST: readonly PastEnquiry[] = [
  {
    id: 'enq-strategic-25', title: 'Planning before doing', themeId: 'th-strategic', owner: 'p-s01', observed: 'p-s02',
    question: 'How does a short planning routine change the way Year 8 students start extended tasks?',
    summary: 'A two-minute "plan, do, review" routine at the start of extended tasks helped most students begin with a strategy rather than a guess.',
    findings: ['More students chose a strategy before starting', 'Reviews were short but specific by the spring term'],
    recommendations: ['Model the routine aloud for the first weeks', 'Keep the planning prompt on the board, not in books'],
    measure: {
      kind: 'exam-results', title: 'Year 8 end-of-year science exam', exam: 'Year 8 science (end of year)',
      grades: ['9', '8', '7', '6', '5', '4', '3', '2', '1', 'U'], passFrom: '4',
      before: { cohort: 'Year 8, 2025', counts: [0, 1, 2, 4, 5, 6, 4, 3, 2, 1] },
      after: { cohort: 'Year 8, 2026', counts: [1, 2, 3, 5, 6, 5, 3, 2, 1, 0] },
      others: { before: [2, 5, 10, 18, 24, 27, 20, 14, 8, 4], after: [2, 6, 10, 19, 24, 26, 20, 13, 8, 4] },
    },
  },
  {
    id: 'enq-reading-25', title: 'Reading aloud in every subject', themeId: 'th-literacy', owner: 'p-s08', observed: 'p-s09',
    question: 'In what ways does reading subject texts aloud together change how confidently Year 7 students read them alone?',
    summary: 'Reading the key text aloud together before independent work made students more willing to tackle subject texts on their own.',
    findings: ['Students said they understood more of the text', 'Fewer students stopped at the first difficult word'],
    recommendations: ['Choose one key text per unit to read together', 'Pre-teach three subject words before reading'],
    measure: { kind: 'attendance', title: 'Attendance at Year 7 humanities lessons', group: '7R', students: 27, before: 92.8, after: 95.1, others: { students: 182, before: 93.4, after: 93.6 } },
  },
];

/** Events that bring last year's two individual projects to published outcomes, in 2025-26. */
export function pastYearEvents(): DomainEvent[] {
  let time = Date.parse('2025-10-01T08:00:00.000Z');
  let n = 0;
  const make = createEventFactory({ clock: createHybridClock('seed-2025', () => time), newId: () => `seed25-${String(++n).padStart(3, '0')}`, now: () => new Date(time) });
  const stages = [...defaultLifecycle.stages];
  return PAST.flatMap((e) => {
    const first = e.owner;
    const step = (type: string, authorId: string, payload: object, days: number) => {
      time += days * 86_400_000;
      return make({ enquiryId: e.id, type, authorId, payload: payload as Record<string, unknown> });
    };
    const voice = {
      id: `ev-${e.id}-voice`,
      kind: 'student-voice',
      title: 'Student voice survey',
      questions: [{ id: 'q1', text: 'I know how to start a task like this', type: 'agree' }],
      responseCount: 24,
      results: [{ questionId: 'q1', counts: [1, 2, 5, 10, 6] }],
    };
    return [
      step('enquiry.create', first, { title: e.title, kind: 'individual', cycleId: 'cy-2025', themeId: e.themeId, ownerIds: [first], track: 'plc', stages, rulesVersion: RULES_VERSION }, 0),
      step('question.draft', first, { text: e.question, rationale: '', targetStudents: 'Year 7 and 8', plannedActions: [], successCriteria: ['Students start with a plan'], plannedEvidence: [] }, 1),
      step('question.submit', first, {}, 1),
      step('question.approve', 'p-clare', { comment: 'Clear and open.' }, 2),
      step('observation.record', first, { id: `obs-${e.id}`, observerId: first, observedId: e.observed, className: '8B', date: '2025-11-12', focus: e.title, strengths: '', wonderings: '', nextSteps: '', sharedWith: [] }, 30),
      step('evidence.start', first, {}, 20),
      step('evidence.add', first, voice, 30),
      step('evidence.add', first, { id: `ev-${e.id}-books`, kind: 'note', title: 'Book samples', text: 'Samples from the autumn and the spring compared.' }, 10),
      step('evidence.add', first, { id: `ev-${e.id}-measure`, ...e.measure }, 0),
      step('reflection.save', first, { whatWorked: 'A routine short enough to keep.', whatDidNot: 'Reviews were rushed at first.', nextSteps: 'Share with the department.' }, 60),
      step('sharing.start', first, {}, 5),
      step('outcome.save', first, { summary: e.summary, findings: e.findings, recommendations: e.recommendations, audiences: ['booklet', 'sharing-session'] }, 5),
      step('outcome.publish', first, {}, 3),
    ];
  });
}

/** The year-3 session where last year's outcomes are shared with all staff (presenters invited, attendance taken). */
export const sharingSessions: SharingSession[] = [
  {
    ...v,
    id: 'ss-2026-autumn',
    title: 'What last year\u2019s PLCs learned',
    cycleId: 'cy-2026',
    sourceCycleId: 'cy-2025',
    date: '2026-10-14',
    startsAt: '15:30',
    room: 'Main hall',
    slots: [
      { id: 'slot-strategic', enquiryId: 'enq-strategic-25', title: 'Planning before doing', presenterIds: ['p-s01'], minutes: 15 },
      { id: 'slot-reading', enquiryId: 'enq-reading-25', title: 'Reading aloud in every subject', presenterIds: ['p-s08'], minutes: 15 },
      { id: 'slot-reading-q', enquiryId: 'enq-reading-25', title: 'Reading aloud: questions and examples', presenterIds: ['p-s08', 'p-s09'], minutes: 20, room: 'Library' },
    ],
    invitedAt: '2026-09-30T12:00:00.000Z',
    attendance: ['p-clare', 'p-amir', 'p-beth', 'p-chen', 'p-dana', 'p-eli', 'p-fern', 'p-ivo', 'p-jade', 'p-s01', 'p-s02', 'p-s03', 'p-s05', 'p-s08', 'p-s13', 'p-s21'].map((personId) => ({
      personId,
      present: true,
    })),
  },
];

/** Each year's new staff on the "Building Learning Habits" track: a group, not a PLC. */
export const habitsCommunities: Community[] = [
  { ...v, id: 'com-habits-25', name: 'Building Learning Habits 2025-26', cycleId: 'cy-2025', themeId: 'th-habits', leadId: 'p-dana', memberIds: ['p-s30'], coachIds: [], schoolIds: ['sch-oakfield'], meetingSlots: [], trackId: 'new-staff' },
  { ...v, id: 'com-habits-26', name: 'Building Learning Habits 2026-27', cycleId: 'cy-2026', themeId: 'th-habits', leadId: 'p-dana', memberIds: ['p-ivo', 'p-jade'], coachIds: [], schoolIds: ['sch-oakfield'], meetingSlots: [], trackId: 'new-staff' },
];

const habitsSession = (id: string, communityId: string, date: string, title: string, attendance: Array<[string, boolean]>): Meeting => ({
  ...v,
  id,
  communityId,
  date,
  protocol: 'open',
  agenda: [{ title, minutes: 45 }],
  notes: '',
  decisions: [],
  attendance: attendance.map(([personId, present]) => ({ personId, present })),
  enquiryIds: [],
});

/** The new-staff sessions of both years, with who came. */
export const habitsSessions: Meeting[] = [
  habitsSession('mtg-habits-25-1', 'com-habits-25', '2025-09-17', 'How we talk about learning here', [['p-dana', true], ['p-s30', true]]),
  habitsSession('mtg-habits-26-1', 'com-habits-26', '2026-09-16', 'How we talk about learning here', [['p-dana', true], ['p-ivo', true], ['p-jade', true]]),
  habitsSession('mtg-habits-26-2', 'com-habits-26', '2026-09-30', 'Resilience: planning for the stuck moment', [['p-dana', true], ['p-ivo', true], ['p-jade', false]]),
];
