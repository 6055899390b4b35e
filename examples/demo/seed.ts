/**
 * A demo school modelled on the seeds' case study: three cycles of PLCs, the themes each year
 * offered, communities with leads and members, a new-staff track, appraisal records for the
 * impact report, and a few enquiries already under way; last year's published outcomes, this
 * year's sharing session and each year's new-staff group are in `programme.ts`; the first two years' staff feedback in `staffFeedback.ts`. Used by the demo (`npm start`) and by
 * the component tests.
 */
import type {
  AppraisalRecord,
  Community,
  Cycle,
  LearningWalk,
  Person,
  School,
  Theme,
} from '../../src/schema/directory.js';
import type { Store } from '../../src/store/store.js';
import type { CoachingLogEntry, CoachingPair } from '../../src/schema/coaching.js';
import type { DomainEvent } from '../../src/lifecycle/events.js';
import { createEventFactory } from '../../src/lifecycle/events.js';
import { createHybridClock } from '../../src/lifecycle/hlc.js';
import { RULES_VERSION } from '../../src/lifecycle/enquiryMachine.js';
import { defaultLifecycle } from '../../src/lifecycle/lifecycle.js';
import { habitsCommunities, habitsSessions, pastYearEvents, sharingSessions } from './programme.js';
import { staffFeedback } from './staffFeedback.js';

const v = { schemaVersion: 1 } as const;

export const school: School = { ...v, id: 'sch-oakfield', name: 'Oakfield Academy', trustId: 'trust-riverside' };
export const secondSchool: School = { ...v, id: 'sch-brookside', name: 'Brookside School', trustId: 'trust-riverside' };

const person = (id: string, name: string, roles: Person['roles'], extra: Partial<Person> = {}): Person => ({
  ...v,
  id,
  name,
  schoolId: school.id,
  roles,
  ...extra,
});

/** Staff: a CPD leader (deputy head), PLC leads, teachers, a coach and two new members of staff. */
export const people: Person[] = [
  person('p-clare', 'Clare Berry', ['cpd-leader', 'teacher'], { trustWide: true }),
  person('p-amir', 'Amir Khan', ['teacher'], { lineManagerId: 'p-clare' }),
  person('p-beth', 'Beth Evans', ['teacher'], { lineManagerId: 'p-amir' }),
  person('p-chen', 'Chen Li', ['teacher'], { lineManagerId: 'p-amir' }),
  person('p-dana', 'Dana Okafor', ['teacher', 'coach'], { lineManagerId: 'p-clare' }),
  person('p-eli', 'Eli Novak', ['teacher'], { lineManagerId: 'p-dana' }),
  person('p-fern', 'Fern Walsh', ['teacher'], { lineManagerId: 'p-dana' }),
  person('p-gus', 'Gus Patel', ['teacher'], { lineManagerId: 'p-amir', schoolId: secondSchool.id }),
  person('p-hana', 'Hana Sato', ['teacher'], { lineManagerId: 'p-dana', schoolId: secondSchool.id }),
  // This year's new staff: on the "Building Learning Habits" track in 2026-27 only.
  person('p-ivo', 'Ivo Rossi', ['teacher'], { newStaff: true, lineManagerId: 'p-amir', joinedOn: '2026-08-27' }),
  person('p-jade', 'Jade Morris', ['teacher'], { newStaff: true, lineManagerId: 'p-dana', joinedOn: '2026-08-27' }),
  person('p-kit', 'Kit Adeyemi', ['admin', 'teacher']),
  ...staff(),
];

/**
 * The rest of the teaching staff (p-s01 .. p-s30), line managed by the PLC leads, so the impact
 * report has groups large enough to compare.
 */
function staff(): Person[] {
  const names = [
    'Aisha Bello', 'Ben Carter', 'Carmen Diaz', 'David Osei', 'Ella Hughes', 'Farid Haddad',
    'Grace Kim', 'Harry Lewis', 'Isla Murphy', 'Jonah Price', 'Kezia Grant', 'Liam Doyle',
    'Maya Shah', 'Noah Bennett', 'Olivia Clarke', 'Priya Nair', 'Quinn Foster', 'Rosa Ferreira',
    'Sam Whitfield', 'Tara Byrne', 'Umar Siddiqui', 'Vera Kowalski', 'Will Turner', 'Xin Zhao',
    'Yusuf Demir', 'Zoe Marshall', 'Adam Fletcher', 'Bella Romano', 'Callum Reid', 'Daisy Ng',
  ];
  const managers = ['p-amir', 'p-dana', 'p-clare'];
  // Daisy Ng joined for 2025-26: new staff that year, not in 2026-27.
  const joined: Record<string, string> = { 'Daisy Ng': '2025-08-26' };
  return names.map((name, i) =>
    person(`p-s${String(i + 1).padStart(2, '0')}`, name, ['teacher'], { lineManagerId: managers[i % managers.length], ...(joined[name] ? { joinedOn: joined[name] } : {}) }),
  );
}

/** The ids of the extra staff from `from` to `to` (1-based, inclusive). */
const staffIds = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `p-s${String(from + i).padStart(2, '0')}`);

const theme = (id: string, name: string, aspects: Array<[string, string]>, description = ''): Theme => ({
  ...v,
  id,
  name,
  description,
  aspects: aspects.map(([aspectId, aspectName]) => ({ id: aspectId, name: aspectName })),
});

/** The themes of the case study's three years. */
export const themes: Theme[] = [
  theme('th-habits', 'Learning habits', [['asp-independence', 'Independent learning']], 'Building Learning Power: the how of learning.'),
  theme('th-literacy', 'Literacy', [['asp-literacy', 'Literacy across the curriculum']]),
  theme('th-oracy', 'Oracy', [['asp-oracy', 'Talk for learning']]),
  theme('th-numeracy', 'Numeracy', [['asp-numeracy', 'Numeracy across the curriculum']]),
  theme('th-mindsets', 'Mindsets', [['asp-resilience', 'Resilience and challenge']]),
  theme('th-visible', 'Visible thinking', [['asp-thinking', 'Making thinking visible']]),
  theme('th-routines', 'Routines', [['asp-routines', 'Classroom routines']]),
  theme('th-meta', 'Meta-learning', [['asp-metacognition', 'Metacognition']]),
  theme('th-coaching', 'Coaching', [['asp-coaching', 'Coaching conversations']]),
  theme('th-strategic', 'Strategic learning', [['asp-strategic', 'Strategic learning']]),
  theme('th-flipped', 'Flipped learning', [['asp-flipped', 'Preparation before lessons']]),
  theme('th-afl', 'Assessment for learning', [['asp-feedback', 'Feedback'], ['asp-questioning', 'Questioning']]),
  theme('th-wellbeing', 'Student wellbeing', [['asp-wellbeing', 'Student wellbeing']]),
  theme('th-rewards', 'Rewards', [['asp-rewards', 'Recognition and rewards']]),
];

const policy = { minObservations: 1, studentVoiceRequired: true, questionReviewRequired: true, minEvidence: 2 };
/** Cycles are at schema version 2 (policy grouped in `policy`); version 1 would be migrated, losing `minEvidence`. */
const cycleVersion = { schemaVersion: 2 } as const;

/** Three cycles, as in the case study; the third is the one in progress. */
export const cycles: Cycle[] = [
  {
    ...cycleVersion,
    id: 'cy-2024',
    name: '2024-25',
    startsOn: '2024-09-01',
    endsOn: '2025-07-19',
    status: 'closed',
    themeIds: ['th-habits', 'th-literacy', 'th-numeracy', 'th-mindsets', 'th-visible', 'th-routines', 'th-meta', 'th-coaching'],
    policy,
  },
  {
    ...cycleVersion,
    id: 'cy-2025',
    name: '2025-26',
    startsOn: '2025-09-02',
    endsOn: '2026-07-18',
    status: 'closed',
    themeIds: ['th-strategic', 'th-flipped', 'th-literacy', 'th-oracy', 'th-afl'],
    policy,
    tracks: [{ id: 'new-staff', name: 'Building Learning Habits' }],
  },
  {
    ...cycleVersion,
    id: 'cy-2026',
    name: '2026-27',
    startsOn: '2026-09-01',
    endsOn: '2027-07-17',
    status: 'active',
    themeIds: ['th-strategic', 'th-literacy', 'th-oracy', 'th-afl', 'th-wellbeing', 'th-rewards'],
    policy,
    tracks: [{ id: 'new-staff', name: 'Building Learning Habits' }],
  },
];

const community = (id: string, name: string, cycleId: string, themeId: string, leadId: string, memberIds: string[], extra: Partial<Community> = {}): Community => ({
  ...v,
  id,
  name,
  cycleId,
  themeId,
  leadId,
  memberIds,
  coachIds: [],
  schoolIds: [school.id],
  meetingSlots: [{ weekday: 3, start: '15:30', minutes: 60, location: 'Library' }],
  ...extra,
});

/** Last cycle's two PLCs, ten members each. */
const strategicMembers: readonly string[] = ['p-amir', 'p-beth', 'p-eli', ...staffIds(1, 7)];
const literacyMembers: readonly string[] = ['p-dana', 'p-chen', 'p-fern', 'p-gus', ...staffIds(8, 13)];

/** Communities of the current and previous cycle. */
export const communities: Community[] = [
  community('com-feedback', 'Feedback that moves learning', 'cy-2026', 'th-afl', 'p-amir', ['p-amir', 'p-beth', 'p-chen'], { coachIds: ['p-dana'] }),
  community('com-oracy', 'Talk for learning', 'cy-2026', 'th-oracy', 'p-dana', ['p-dana', 'p-eli', 'p-fern', 'p-gus'], {
    schoolIds: [school.id, secondSchool.id],
  }),
  community('com-wellbeing', 'Calm classrooms', 'cy-2026', 'th-wellbeing', 'p-hana', ['p-hana', 'p-gus'], { schoolIds: [secondSchool.id] }),
  community('com-strategic-25', 'Strategic learners', 'cy-2025', 'th-strategic', 'p-amir', [...strategicMembers]),
  community('com-literacy-25', 'Reading in every subject', 'cy-2025', 'th-literacy', 'p-dana', [...literacyMembers]),
];

/**
 * Appraisal records of the current cycle for everyone: last cycle's PLC members show strength in
 * their theme's aspect more often (7 in 10) than other staff (about 1 in 3). Deterministic.
 */
export const appraisals: AppraisalRecord[] = people.flatMap((p, index) => {
  const strength = (members: readonly string[], offset: number) => {
    const at = members.indexOf(p.id);
    return at >= 0 ? at % 10 < 7 : (index * 7 + offset) % 20 < 7;
  };
  return [
    { ...v, id: `ap-${p.id}-strategic`, personId: p.id, cycleId: 'cy-2026', aspectId: 'asp-strategic', strength: strength(strategicMembers, 0) },
    { ...v, id: `ap-${p.id}-literacy`, personId: p.id, cycleId: 'cy-2026', aspectId: 'asp-literacy', strength: strength(literacyMembers, 3) },
  ];
});

/** One completed learning walk of the current cycle: 22 of 30 lessons show the focus (73%). */
export const learningWalks: LearningWalk[] = [
  {
    ...v,
    id: 'walk-demo-strategic',
    cycleId: 'cy-2026',
    focus: 'elements of strategic learning',
    date: '2026-11-12',
    leaderIds: ['p-clare', 'p-amir'],
    lessons: Array.from({ length: 30 }, (_, i) => ({
      showsFocus: ![2, 6, 11, 14, 17, 21, 26, 29].includes(i),
      yearGroup: ['Year 7', 'Year 8', 'Year 9', 'Year 10', 'Year 11'][i % 5]!,
      subject: ['Maths', 'English', 'Science', 'History', 'Geography', 'Art'][i % 6]!,
      at: new Date(Date.UTC(2026, 10, 12, 8, 50) + i * 8 * 60_000).toISOString(),
    })),
  },
];

/**
 * Events for two enquiries already under way, so the demo opens on real work: Amir's group's
 * feedback enquiry waiting in observation, and Dana's oracy enquiry with its question drafted.
 */
export function demoEvents(now: Date = new Date('2026-10-06T08:00:00.000Z')): DomainEvent[] {
  let time = now.getTime();
  let n = 0;
  const make = createEventFactory({
    clock: createHybridClock('seed', () => time),
    newId: () => `seed-${String(++n).padStart(3, '0')}`,
    now: () => new Date(time),
  });
  const later = (hours: number) => (time += hours * 3_600_000);
  const stages = [...defaultLifecycle.stages];
  const feedback = 'enq-feedback';
  const oracy = 'enq-oracy';
  const events: DomainEvent[] = [];
  const push = (event: DomainEvent) => {
    events.push(event);
    later(20);
  };
  push(
    make({
      enquiryId: feedback,
      type: 'enquiry.create',
      authorId: 'p-amir',
      payload: { title: 'Engaging with written feedback', kind: 'group', cycleId: 'cy-2026', themeId: 'th-afl', communityId: 'com-feedback', ownerIds: ['p-amir', 'p-beth', 'p-chen'], track: 'plc', stages, rulesVersion: RULES_VERSION },
    }),
  );
  push(
    make({
      enquiryId: feedback,
      type: 'question.draft',
      authorId: 'p-beth',
      payload: {
        text: 'How can we encourage students to engage more actively with written feedback?',
        rationale: 'Year 9 books show feedback written but rarely acted on; students say they do not know what to do with it.',
        targetStudents: 'Year 9 English and science classes',
        plannedActions: ['Dedicated improvement and reflection time (DIRT) every fortnight', 'Feedback written as questions'],
        successCriteria: ['Most students respond to feedback in their books', 'Students can say what their next step is'],
        plannedEvidence: [
          { kind: 'student-voice', description: 'Anonymous survey on how students use feedback' },
          { kind: 'artefact', description: 'Book samples before and after' },
        ],
      },
    }),
  );
  push(make({ enquiryId: feedback, type: 'question.submit', authorId: 'p-beth', payload: {} }));
  push(make({ enquiryId: feedback, type: 'question.approve', authorId: 'p-amir', payload: { comment: 'A clear, open question. Good to see student voice planned.' } }));
  push(
    make({
      enquiryId: oracy,
      type: 'enquiry.create',
      authorId: 'p-dana',
      payload: { title: 'Structured talk in mixed-attainment groups', kind: 'group', cycleId: 'cy-2026', themeId: 'th-oracy', communityId: 'com-oracy', ownerIds: ['p-dana', 'p-eli', 'p-fern', 'p-gus'], track: 'plc', stages, rulesVersion: RULES_VERSION },
    }),
  );
  push(
    make({
      enquiryId: oracy,
      type: 'question.draft',
      authorId: 'p-eli',
      payload: {
        text: 'In what ways do talk roles change how Year 7 students explain their reasoning?',
        rationale: '',
        targetStudents: 'Year 7',
        plannedActions: ['Introduce talk roles in maths and geography'],
        successCriteria: [],
        plannedEvidence: [],
      },
    }),
  );
  return events;
}

/** Peer coaching (the case study's third programme strand): Dana, a coach, paired Beth and Chen this year. */
const coachingPairs: CoachingPair[] = [
  {
    schemaVersion: 1,
    id: 'cp-beth-chen',
    cycleId: 'cy-2026',
    personIds: ['p-beth', 'p-chen'],
    arrangedById: 'p-dana',
    slots: [
      { observerId: 'p-beth', observedId: 'p-chen', date: '2026-10-05', focus: 'Questioning' },
      { observerId: 'p-chen', observedId: 'p-beth', date: '2026-10-19', focus: 'Questioning' },
    ],
  },
];
const coachingLogs: CoachingLogEntry[] = [
  { schemaVersion: 1, id: 'cl-beth-1', pairId: 'cp-beth-chen', memberIds: ['p-beth', 'p-chen'], authorId: 'p-beth', date: '2026-09-21', text: 'We agreed to watch how long we wait after a question, and to try "no hands up" for a fortnight.' },
];

/** Fills an empty store with the demo school. Does nothing if the school is already there. */
export async function seedDemo(store: Store): Promise<boolean> {
  if (await store.get('schools', school.id)) return false;
  await store.put('schools', school, 0);
  await store.put('schools', secondSchool, 0);
  for (const p of people) await store.put('people', p, 0);
  for (const t of themes) await store.put('themes', t, 0);
  for (const c of cycles) await store.put('cycles', c, 0);
  for (const c of [...communities, ...habitsCommunities]) await store.put('communities', c, 0);
  for (const m of habitsSessions) await store.put('meetings', m, 0);
  for (const a of appraisals) await store.put('appraisals', a, 0);
  for (const w of learningWalks) await store.put('learningWalks', w, 0);
  for (const c of coachingPairs) await store.put('coachingPairs', c, 0);
  for (const l of coachingLogs) await store.put('coachingLogs', l, 0);
  const events = [...pastYearEvents(), ...demoEvents()];
  for (const enquiryId of new Set(events.map((e) => e.enquiryId))) {
    await store.append(enquiryId, events.filter((e) => e.enquiryId === enquiryId));
  }
  for (const session of sharingSessions) await store.put('sharingSessions', session, 0);
  const feedback = staffFeedback(cycles);
  for (const survey of feedback.surveys) await store.put('staffSurveys', survey, 0);
  for (const sheet of feedback.sheets) await store.put('surveyResponses', sheet, 0);
  return true;
}
