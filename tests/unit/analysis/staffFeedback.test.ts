/**
 * Staff feedback on the programme, the pure parts: the template's questions in the caller's
 * words with stable ids, results under student voice's thresholds, participation against the
 * cycle's own staff, and the year-on-year comparison hiding any question too few answered.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canReadStaffFeedback, staffFeedbackQuestions, staffFeedbackReport, type StaffFeedbackTexts } from '../../../src/analysis/index.js';

const texts: StaffFeedbackTexts = {
  helps: {
    'dedicated-time': 'Time set aside for my enquiry made a difference.',
    'peer-observation': 'Watching and being watched by a colleague helped me.',
    'student-voice': 'Asking students what they thought changed what I did.',
    meetings: 'Our group\u2019s meetings moved my work on.',
    coaching: 'Coaching conversations helped me think it through.',
  },
  projects: 'Which way of working suited you best?',
  projectOptions: ['On my own project', 'In a group enquiry', 'Either'],
  change: 'What should we change for next year?',
};
const questions = staffFeedbackQuestions(texts);
const year2 = { startsOn: '2025-09-02', endsOn: '2026-07-18' };
const people = [
  ...Array.from({ length: 18 }, () => ({})),
  { leftOn: '2025-08-31' }, // left before year 2
  { joinedOn: '2026-09-01' }, // joined after it
];
const sheet = (surveyId: string, agree: number, project: number, change?: string) => ({
  surveyId,
  answers: { 'help-dedicated-time': agree, 'help-peer-observation': 5, 'help-student-voice': 3, 'help-meetings': agree, 'help-coaching': 4, projects: project, ...(change ? { change } : {}) },
});

describe('staff feedback', () => {
  it('builds the template in the caller\u2019s words: five things that may have helped, individual or group, what to change', () => {
    assert.deepEqual(questions.map((q) => [q.id, q.type]), [
      ['help-dedicated-time', 'agree'],
      ['help-peer-observation', 'agree'],
      ['help-student-voice', 'agree'],
      ['help-meetings', 'agree'],
      ['help-coaching', 'agree'],
      ['projects', 'choice'],
      ['change', 'text'],
    ]);
    assert.deepEqual(questions[5]!.options, ['On my own project', 'In a group enquiry', 'Either']);
    assert.equal(questions[3]!.text, texts.helps.meetings);
  });

  it('reads answers only from five, comments only from ten, beside how many of the cycle\u2019s staff answered', () => {
    const survey = { id: 'sf-2025', questions };
    const four = staffFeedbackReport({ cycle: year2, survey, responses: [1, 2, 3, 4].map((n) => sheet('sf-2025', n, 0, 'More time')), people });
    assert.equal(canReadStaffFeedback(four), false);
    assert.ok(four.results.questions.every((q) => q.suppressed && q.counts.length === 0));
    assert.deepEqual(four.participation, { answered: 4, staff: 18, share: 4 / 18 });
    assert.equal(four.comparison, undefined);

    const nine = staffFeedbackReport({ cycle: year2, survey, responses: Array.from({ length: 9 }, (_, i) => sheet('sf-2025', 4, i % 3, `Change ${i}`)), people });
    assert.equal(canReadStaffFeedback(nine), true);
    assert.deepEqual(nine.results.questions[0]!.counts, [0, 0, 0, 9, 0]);
    assert.deepEqual(nine.results.questions[5]!.counts, [3, 3, 3]);
    assert.equal(nine.results.questions[6]!.suppressed, true, 'nine comments are too few to show');
  });

  it('compares with the previous cycle question by question, and hides a question too few answered on either side', () => {
    const before = { id: 'sf-2024', questions };
    const after = { id: 'sf-2025', questions };
    const previous = { survey: before, responses: Array.from({ length: 12 }, (_, i) => sheet('sf-2024', i < 3 ? 4 : 2, 1)) };
    const responses = Array.from({ length: 12 }, (_, i) => sheet('sf-2025', i < 10 ? 5 : 2, 0));
    const report = staffFeedbackReport({ cycle: year2, survey: after, responses, people, previous });
    const time = report.comparison!.questions.find((q) => q.question.id === 'help-dedicated-time')!.measures[0]!;
    assert.deepEqual([time.before, time.after], [{ successes: 3, count: 12 }, { successes: 10, count: 12 }]);
    assert.equal(time.direction, 'up');
    assert.ok(Math.abs(time.difference - 58.33) < 0.01);

    const small = staffFeedbackReport({ cycle: year2, survey: after, responses, people, previous: { survey: before, responses: previous.responses.slice(0, 4) } });
    assert.deepEqual(small.comparison!.questions, []);
    assert.equal(small.comparison!.suppressed.length, 6, 'every scale and choice question hidden: last year had four answers');
  });
});
