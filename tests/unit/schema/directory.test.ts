import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { describeIssues } from '../../../src/schema/errors.js';
import {
  AppraisalRecord,
  COLLECTIONS,
  Community,
  Cycle,
  CyclePolicy,
  learningWalkDateProblem,
  DEFAULT_POLICY,
  DIRECTORY,
  LearningWalk,
  Meeting,
  MeetingSlot,
  Person,
  School,
  Survey,
  SurveyResponse,
  Theme,
} from '../../../src/index.js';
import { accepts, parsesAsZod, refuses, throwsNaming } from './helpers.js';

const school = { schemaVersion: 1, id: 'sch-1', name: 'Riverside Academy', trustId: 'trust-1' };
const person = { schemaVersion: 1, id: 'p-ana', name: 'Ana Diaz', email: 'ana@example.org', schoolId: 'sch-1', roles: ['teacher'] };
const cycle = {
  schemaVersion: 2,
  id: 'cycle-2025',
  name: '2025-26',
  startsOn: '2025-09-01',
  endsOn: '2026-07-22',
  status: 'active',
  themeIds: ['theme-afl'],
  policy: DEFAULT_POLICY,
  tracks: [{ id: 'new-staff', name: 'Building Learning Habits' }],
};
const theme = { schemaVersion: 1, id: 'theme-afl', name: 'Assessment for learning', aspects: [{ id: 'asp-feedback', name: 'Feedback' }] };
const community = {
  schemaVersion: 1,
  id: 'com-afl',
  name: 'Feedback that moves learning',
  cycleId: 'cycle-2025',
  themeId: 'theme-afl',
  leadId: 'p-lead',
  memberIds: ['p-ana', 'p-ben'],
  coachIds: [],
  schoolIds: ['sch-1', 'sch-2'],
  meetingSlots: [{ weekday: 3, start: '15:30', minutes: 60, location: 'Library' }],
};
const meeting = {
  schemaVersion: 1,
  id: 'meet-1',
  communityId: 'com-afl',
  date: '2025-10-01',
  protocol: 'failed-lesson',
  agenda: [{ title: 'A lesson that failed', minutes: 20 }],
  notes: '',
  decisions: ['Try response time'],
  attendance: [{ personId: 'p-ana', present: true }],
  enquiryIds: ['enq-1'],
};
const appraisal = { schemaVersion: 1, id: 'apr-1', personId: 'p-ana', cycleId: 'cycle-2024', aspectId: 'asp-feedback', strength: true };
const walk = {
  schemaVersion: 1,
  id: 'walk-1',
  cycleId: 'cycle-2025',
  focus: 'Strategic learning',
  date: '2025-11-12',
  leaderIds: ['p-cpd'],
  lessons: [{ showsFocus: true, yearGroup: 'Year 8', subject: 'Maths', at: '2025-11-12T09:10:00.000Z' }, { showsFocus: false }],
};
const survey = {
  schemaVersion: 1,
  id: 'sv-1',
  enquiryId: 'enq-1',
  title: 'Feedback survey',
  questions: [{ id: 'q1', text: 'I read the comments', type: 'agree' }, { id: 'q2', text: 'Which helps most?', type: 'choice', options: ['Time', 'Prompts'] }],
  status: 'open',
  createdById: 'p-ana',
};

describe('directory records', () => {
  it('accepts a valid record of every collection', () => {
    const samples: Record<string, unknown> = {
      schools: school,
      people: person,
      cycles: cycle,
      themes: theme,
      communities: community,
      meetings: meeting,
      appraisals: appraisal,
      coachingPairs: { schemaVersion: 1, id: 'cp-1', cycleId: 'cycle-2025', personIds: ['p-ana', 'p-ben'], arrangedById: 'p-cpd', slots: [{ observerId: 'p-ana', observedId: 'p-ben', date: '2025-10-06' }, { observerId: 'p-ben', observedId: 'p-ana', date: '2025-10-20', focus: 'Wait time' }] },
      coachingLogs: { schemaVersion: 1, id: 'cl-1', pairId: 'cp-1', memberIds: ['p-ana', 'p-ben'], authorId: 'p-ben', date: '2025-10-21', text: 'Tried cold calling with wait time.' },
      learningWalks: walk,
      sharingSessions: {
        schemaVersion: 1,
        id: 'ss-1',
        title: 'What last year\u2019s PLCs learned',
        cycleId: 'cycle-2025',
        sourceCycleId: 'cycle-2024',
        date: '2025-10-14',
        startsAt: '15:30',
        room: 'Main hall',
        slots: [{ id: 'slot-1', enquiryId: 'enq-1', title: 'Planning before doing', presenterIds: ['p-ana'], minutes: 15 }],
        attendance: [{ personId: 'p-ben', present: true }],
      },
      surveys: survey,
      surveyResponses: { schemaVersion: 1, id: 'r-1', surveyId: 'sv-1', answers: { q1: 4, q2: 1, q3: 'More time please' } },
      staffSurveys: { schemaVersion: 1, id: 'staff-cycle-2025', cycleId: 'cycle-2025', title: 'Staff feedback 2025-26', questions: [{ id: 'change', text: 'What should we change?', type: 'text' }], status: 'open', createdById: 'p-cpd' },
    };
    assert.deepEqual([...COLLECTIONS].sort(), Object.keys(samples).sort());
    for (const collection of COLLECTIONS) accepts(DIRECTORY[collection], samples[collection]);
  });

  it('a staff survey belongs to a cycle and its id starts with staff-, so its sheets are never a student survey\'s', () => {
    const staff = { schemaVersion: 1, id: 'staff-cy-1', cycleId: 'cy-1', title: 'Staff feedback', questions: [{ id: 'change', text: 'What should we change?', type: 'text' }], status: 'open', createdById: 'p-cpd' };
    accepts(DIRECTORY.staffSurveys, staff);
    const wrong = DIRECTORY.staffSurveys.safeParse({ ...staff, id: 'sv-1' });
    assert.equal(wrong.success, false);
    assert.deepEqual(describeIssues(wrong.error!.issues).map((p) => [p.path, p.message]), [['id', 'must start with "staff-" (e.g. staff-cy-2026)']]);
    assert.equal(DIRECTORY.staffSurveys.safeParse({ ...staff, status: 'draft' }).success, false, 'open or closed only');
  });

  it('requires schemaVersion on every record', () => {
    for (const [collection, sample] of [['schools', school], ['people', person], ['cycles', cycle], ['themes', theme]] as const) {
      const { schemaVersion: _omitted, ...rest } = sample;
      refuses(DIRECTORY[collection], rest, 'schemaVersion', /is required/);
    }
  });

  it('School: names and ids', () => {
    refuses(School, { ...school, name: '  ' }, 'name', /must not be empty/);
    refuses(School, { ...school, trustId: 'trust 1' }, 'trustId', /not allowed/);
  });

  it('Person: email, school and at least one known role', () => {
    accepts(Person, { ...person, newStaff: true, lineManagerId: 'p-hod' });
    refuses(Person, { ...person, email: 'not-an-email' }, 'email');
    refuses(Person, { ...person, roles: [] }, 'roles', /at least 1 item/);
    refuses(Person, { ...person, roles: ['headteacher'] }, 'roles.0', /must be one of: "teacher", "cpd-leader", "coach", "admin"/);
    refuses(Person, { ...person, schoolId: undefined }, 'schoolId', /is required/);
  });

  it("Person: its email checks and describes what zod's email() does", () => {
    parsesAsZod(Person.shape.email, z.optional(z.email().check(z.maxLength(200))), [
      'ana@example.org',
      "o'neil.b+plc@school.example.co.uk",
      'not-an-email',
      'a@b',
      'a@b.c',
      ' ana@example.org',
      `${'a'.repeat(190)}@example.org`,
      '',
      7,
      undefined,
    ]);
  });

  it('CyclePolicy and Cycle: policy bounds, dates and status', () => {
    accepts(CyclePolicy, { minObservations: 0, studentVoiceRequired: false, questionReviewRequired: false, minEvidence: 0 });
    refuses(CyclePolicy, { ...DEFAULT_POLICY, minObservations: -1 }, 'minObservations', /at least 0/);
    refuses(CyclePolicy, { ...DEFAULT_POLICY, minEvidence: 51 }, 'minEvidence', /at most 50/);
    refuses(CyclePolicy, { ...DEFAULT_POLICY, minObservations: 1.5 }, 'minObservations');
    refuses(CyclePolicy, { ...DEFAULT_POLICY, studentVoiceRequired: 'yes' }, 'studentVoiceRequired', /must be a boolean/);
    refuses(Cycle, { ...cycle, startsOn: '1 Sept 2025' }, 'startsOn', /a date such as/);
    refuses(Cycle, { ...cycle, status: 'open' }, 'status', /must be one of: "planning", "active", "closed"/);
    refuses(Cycle, { ...cycle, policy: { ...DEFAULT_POLICY, minEvidence: undefined } }, 'policy.minEvidence', /is required/);
    refuses(Cycle, { ...cycle, tracks: [{ id: 'new staff', name: 'x' }] }, 'tracks.0.id', /not allowed/);
    throwsNaming(Cycle, { ...cycle, policy: undefined }, 'cycle', 'policy');
  });

  it('a cycle that ends before it starts is refused at endsOn; a one-day cycle is fine', () => {
    refuses(Cycle, { ...cycle, startsOn: '2026-09-01', endsOn: '2026-07-22' }, 'endsOn', /on or after startsOn: a cycle cannot end before it starts/);
    accepts(Cycle, { ...cycle, startsOn: '2026-07-22', endsOn: '2026-07-22' });
  });

  it('a learning walk must fall within its cycle’s dates, named at date', () => {
    assert.equal(learningWalkDateProblem(walk, cycle), undefined);
    assert.equal(learningWalkDateProblem({ date: cycle.startsOn }, cycle), undefined);
    assert.equal(learningWalkDateProblem({ date: cycle.endsOn }, cycle), undefined);
    assert.deepEqual(learningWalkDateProblem({ date: '2026-09-03' }, cycle), {
      path: 'date',
      message: 'must be within its cycle 2025-26 (2025-09-01 to 2026-07-22), not 2026-09-03',
    });
    assert.match(learningWalkDateProblem({ date: '2025-08-31' }, cycle)!.message, /not 2025-08-31/);
    assert.equal(learningWalkDateProblem({ date: '1999-01-01' }, undefined), undefined, 'an unknown cycle is for other checks');
  });

  it('Theme: aspects of practice it improves', () => {
    accepts(Theme, { ...theme, description: 'Feedback that students act on.' });
    refuses(Theme, { ...theme, aspects: [{ id: 'asp-1' }] }, 'aspects.0.name', /is required/);
  });

  it('Community and MeetingSlot: one or more schools, meeting time as HH:MM', () => {
    refuses(Community, { ...community, schoolIds: [] }, 'schoolIds', /at least 1 item/);
    refuses(Community, { ...community, leadId: '' }, 'leadId', /must not be empty/);
    refuses(MeetingSlot, { weekday: 8, start: '15:30', minutes: 60 }, 'weekday', /at most 7/);
    refuses(MeetingSlot, { weekday: 1, start: '25:00', minutes: 60 }, 'start');
    refuses(MeetingSlot, { weekday: 1, start: '15:30', minutes: 2 }, 'minutes', /at least 5/);
  });

  it('Meeting: protocol, agenda, attendance', () => {
    for (const protocol of ['data-analysis', 'failed-lesson', 'observation-sharing', 'planning', 'open']) accepts(Meeting, { ...meeting, protocol });
    refuses(Meeting, { ...meeting, protocol: 'gossip' }, 'protocol', /must be one of/);
    refuses(Meeting, { ...meeting, agenda: [{ title: 'Long', minutes: 241 }] }, 'agenda.0.minutes', /at most 240/);
    refuses(Meeting, { ...meeting, attendance: [{ personId: 'p-ana' }] }, 'attendance.0.present', /is required/);
  });

  it('AppraisalRecord: strength is a yes or no', () => {
    refuses(AppraisalRecord, { ...appraisal, strength: 'yes' }, 'strength', /must be a boolean/);
    refuses(AppraisalRecord, { ...appraisal, aspectId: undefined }, 'aspectId', /is required/);
  });

  it('LearningWalk: lessons with or without the focus', () => {
    refuses(LearningWalk, { ...walk, lessons: [{ showsFocus: 1 }] }, 'lessons.0.showsFocus', /must be a boolean/);
    refuses(LearningWalk, { ...walk, lessons: [{ showsFocus: true, at: 'nine o\'clock' }] }, 'lessons.0.at', /ISO 8601/);
  });

  it('Survey: one to twenty questions of a known type', () => {
    refuses(Survey, { ...survey, questions: [] }, 'questions', /at least 1 item/);
    refuses(Survey, { ...survey, questions: [{ id: 'q1', text: 'x', type: 'scale' }] }, 'questions.0.type', /must be one of: "agree", "choice", "text"/);
    refuses(Survey, { ...survey, questions: [{ id: 'q1', text: 'x', type: 'choice', options: ['only one'] }] }, 'questions.0.options', /at least 2 items/);
  });

  it('SurveyResponse is anonymous by construction: no person, time or device can be stored', () => {
    const response = { schemaVersion: 1, id: 'r-1', surveyId: 'sv-1', answers: { q1: 4 } };
    for (const field of ['personId', 'studentId', 'submittedAt', 'deviceId', 'name']) {
      refuses(SurveyResponse, { ...response, [field]: 'x' }, '(value)', new RegExp(`has unknown field: ${field}`));
    }
    refuses(SurveyResponse, { ...response, answers: { q1: 10 } }, 'answers.q1');
    refuses(SurveyResponse, { ...response, answers: { q1: 'x'.repeat(501) } }, 'answers.q1');
  });
});
