/**
 * Student-voice aggregation with known answers: counts per option, sorted comments, suppression
 * of groups and questions below five, and the evidence payload the lifecycle accepts.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  MIN_GROUP_SIZE,
  aggregateSurvey,
  agreementSummary,
  answerIndex,
  resultsFromEvidence,
  studentVoiceEvidence,
  surveyTopic,
} from '../../../src/analysis/index.js';
import { StudentVoiceEvidence } from '../../../src/schema/evidence.js';
import { Survey, SurveyResponse } from '../../../src/schema/directory.js';

const survey: Survey = {
  schemaVersion: 1,
  id: 'sv-1',
  enquiryId: 'enq-1',
  title: 'Feedback survey',
  status: 'open',
  createdById: 'p-ana',
  questions: [
    { id: 'q-agree', text: 'I know what to do with my feedback.', type: 'agree' },
    { id: 'q-choice', text: 'How often do you read your feedback?', type: 'choice', options: ['Always', 'Sometimes', 'Never'] },
    { id: 'q-text', text: 'What would help?', type: 'text' },
  ],
};

let n = 0;
const response = (answers: SurveyResponse['answers'], surveyId = 'sv-1'): SurveyResponse => ({
  schemaVersion: 1,
  id: `sr-${++n}`,
  surveyId,
  answers,
});

/** Six answer sheets: agree 5,4,4,3,2,(missing); choice 0,0,1,2,1,0; five comments and one blank. */
const six = (): SurveyResponse[] => [
  response({ 'q-agree': 5, 'q-choice': 0, 'q-text': 'More time to fix mistakes' }),
  response({ 'q-agree': 4, 'q-choice': 0, 'q-text': '  Examples of good answers ' }),
  response({ 'q-agree': 4, 'q-choice': 1, 'q-text': 'Clearer handwriting' }),
  response({ 'q-agree': 3, 'q-choice': 2, 'q-text': 'Talking it through' }),
  response({ 'q-agree': 2, 'q-choice': 1, 'q-text': 'Being told what to do next' }),
  response({ 'q-choice': 0, 'q-text': '   ' }),
];

/** Six sheets and five more with comments: ten comments, enough for free text to be shown. */
const eleven = (): SurveyResponse[] => [
  ...six(),
  ...['Marking codes', 'Peer feedback', 'A checklist', 'Reading it aloud', 'Time after marking'].map((t) => response({ 'q-agree': 4, 'q-text': t })),
];

describe('aggregateSurvey', () => {
  it('counts agree answers from strongly disagree to strongly agree', () => {
    const results = aggregateSurvey(survey, six());
    assert.equal(results.responseCount, 6);
    assert.equal(results.suppressed, false);
    const agree = results.questions[0]!;
    assert.deepEqual(agree.counts, [0, 1, 1, 2, 1]);
    assert.equal(agree.answered, 5);
    assert.equal(agree.suppressed, false);
  });

  it('counts choice answers per option, in option order', () => {
    const choice = aggregateSurvey(survey, six()).questions[1]!;
    assert.deepEqual(choice.counts, [3, 2, 1]);
    assert.equal(choice.answered, 6);
  });

  it('keeps comments trimmed and sorted, never in arrival order, and drops blank ones', () => {
    const text = aggregateSurvey(survey, eleven()).questions[2]!;
    assert.deepEqual(text.comments, [
      'A checklist',
      'Being told what to do next',
      'Clearer handwriting',
      'Examples of good answers',
      'Marking codes',
      'More time to fix mistakes',
      'Peer feedback',
      'Reading it aloud',
      'Talking it through',
      'Time after marking',
    ]);
    assert.deepEqual(text.counts, []);
    const reversed = aggregateSurvey(survey, eleven().reverse()).questions[2]!;
    assert.deepEqual(reversed.comments, text.comments);
  });

  it('shows free text only from ten answers (five for the scales); a host can raise it, never lower it', () => {
    const five = aggregateSurvey(survey, six());
    assert.equal(five.questions[0]!.suppressed, false, 'the scale is shown with five answers');
    assert.deepEqual([five.questions[2]!.suppressed, five.questions[2]!.comments], [true, []], 'five comments are not');
    assert.equal(aggregateSurvey(survey, eleven()).questions[2]!.suppressed, false);
    assert.equal(aggregateSurvey(survey, eleven(), { minTextGroupSize: 12 }).questions[2]!.suppressed, true);
    assert.equal(aggregateSurvey(survey, six(), { minTextGroupSize: 3 }).questions[2]!.suppressed, true);
  });

  it('gives the same results whatever order the responses arrive in', () => {
    const a = aggregateSurvey(survey, six());
    const sheets = six();
    const b = aggregateSurvey(survey, [sheets[3]!, sheets[0]!, sheets[5]!, sheets[1]!, sheets[4]!, sheets[2]!]);
    assert.deepEqual(a, b);
  });

  it('suppresses the whole survey below five responses: no counts, no comments', () => {
    const four = six().slice(0, 4);
    const results = aggregateSurvey(survey, four);
    assert.equal(results.responseCount, 4);
    assert.equal(results.suppressed, true);
    for (const question of results.questions) {
      assert.equal(question.suppressed, true);
      assert.deepEqual(question.counts, []);
      assert.deepEqual(question.comments, []);
      assert.equal(question.answered, undefined);
    }
  });

  it('shows results at exactly five responses', () => {
    const results = aggregateSurvey(survey, six().slice(0, 5));
    assert.equal(results.suppressed, false);
    assert.deepEqual(results.questions[0]!.counts, [0, 1, 1, 2, 1]);
  });

  it('suppresses a single question answered by fewer than five, even when the group is large enough', () => {
    const sheets = [
      response({ 'q-agree': 5, 'q-text': 'a' }),
      response({ 'q-agree': 5, 'q-text': 'b' }),
      response({ 'q-agree': 4 }),
      response({ 'q-agree': 4 }),
      response({ 'q-agree': 1 }),
    ];
    const results = aggregateSurvey(survey, sheets);
    assert.equal(results.suppressed, false);
    assert.equal(results.questions[0]!.suppressed, false);
    assert.deepEqual(results.questions[0]!.counts, [1, 0, 0, 2, 2]);
    assert.equal(results.questions[1]!.suppressed, true, 'nobody answered the choice question');
    assert.equal(results.questions[2]!.suppressed, true, 'two comments would identify their writers');
    assert.deepEqual(results.questions[2]!.comments, []);
  });

  it('ignores responses to other surveys and answers that do not fit their question', () => {
    const sheets = [
      ...six(),
      response({ 'q-agree': 1, 'q-choice': 2 }, 'sv-other'),
      response({ 'q-agree': 0, 'q-choice': 7, 'q-text': 3 as unknown as string, 'q-unknown': 1 }),
      response({ 'q-agree': 'five' as unknown as number, 'q-choice': 1.5 }),
    ];
    const results = aggregateSurvey(survey, sheets);
    assert.equal(results.responseCount, 8);
    assert.deepEqual(results.questions[0]!.counts, [0, 1, 1, 2, 1]);
    assert.deepEqual(results.questions[1]!.counts, [3, 2, 1]);
    assert.equal(results.questions[2]!.comments.length, 0, 'five comments: too few to show');
  });

  it('lets a host raise the minimum group size but never lower it below five', () => {
    assert.equal(aggregateSurvey(survey, six(), { minGroupSize: 10 }).suppressed, true);
    const lowered = aggregateSurvey(survey, six().slice(0, 3), { minGroupSize: 2 });
    assert.equal(lowered.minGroupSize, MIN_GROUP_SIZE);
    assert.equal(lowered.suppressed, true);
  });

  it('handles a survey with no responses', () => {
    const results = aggregateSurvey(survey, []);
    assert.equal(results.responseCount, 0);
    assert.equal(results.suppressed, true);
    assert.equal(results.questions.length, 3);
  });
});

describe('answerIndex', () => {
  it('maps agree answers 1-5 to counts 0-4 and choice answers to their option', () => {
    assert.equal(answerIndex({ type: 'agree' }, 1), 0);
    assert.equal(answerIndex({ type: 'agree' }, 5), 4);
    assert.equal(answerIndex({ type: 'agree' }, 6), undefined);
    assert.equal(answerIndex({ type: 'choice', options: ['a', 'b'] }, 1), 1);
    assert.equal(answerIndex({ type: 'choice', options: ['a', 'b'] }, 2), undefined);
    assert.equal(answerIndex({ type: 'text' }, 1), undefined);
  });
});

describe('studentVoiceEvidence', () => {
  it('builds a payload the student-voice schema accepts, with known results', () => {
    const payload = studentVoiceEvidence(survey, six(), { id: 'ev-sv', collectedOn: '2025-11-20' });
    assert.ok(StudentVoiceEvidence.safeParse(payload).success, JSON.stringify(StudentVoiceEvidence.safeParse(payload).error?.issues));
    assert.equal(payload.kind, 'student-voice');
    assert.equal(payload.title, 'Feedback survey');
    assert.equal(payload.surveyId, 'sv-1');
    assert.equal(payload.responseCount, 6);
    assert.deepEqual(payload.results, [
      { questionId: 'q-agree', counts: [0, 1, 1, 2, 1] },
      { questionId: 'q-choice', counts: [3, 2, 1] },
      { questionId: 'q-text', counts: [] },
    ]);
  });

  it('stores a suppressed survey with no counts and no comments', () => {
    const payload = studentVoiceEvidence(survey, six().slice(0, 3), { id: 'ev-small', title: 'Small class' });
    assert.equal(payload.title, 'Small class');
    assert.equal(payload.responseCount, 3);
    assert.deepEqual(payload.results, [
      { questionId: 'q-agree', counts: [] },
      { questionId: 'q-choice', counts: [] },
      { questionId: 'q-text', counts: [] },
    ]);
    assert.equal('collectedOn' in payload, false);
    assert.ok(StudentVoiceEvidence.safeParse(payload).success);
  });

  it('never stores who answered: no response ids in the payload', () => {
    const sheets = six();
    const json = JSON.stringify(studentVoiceEvidence(survey, sheets, { id: 'ev-sv' }));
    for (const sheet of sheets) assert.equal(json.includes(sheet.id), false);
  });

  it('reads back into the same results', () => {
    const payload = studentVoiceEvidence(survey, six(), { id: 'ev-sv' });
    const direct = aggregateSurvey(survey, six());
    assert.deepEqual(resultsFromEvidence(payload), direct);
  });
});

describe('resultsFromEvidence', () => {
  it('suppresses again stored results whose groups are below five', () => {
    const results = resultsFromEvidence({
      questions: survey.questions,
      responseCount: 9,
      results: [
        { questionId: 'q-agree', counts: [1, 0, 1, 1, 0] },
        { questionId: 'q-choice', counts: [4, 3, 2] },
        { questionId: 'q-text', counts: [], comments: ['only one'] },
      ],
    });
    assert.equal(results.suppressed, false);
    assert.equal(results.questions[0]!.suppressed, true);
    assert.deepEqual(results.questions[1]!.counts, [4, 3, 2]);
    assert.equal(results.questions[2]!.suppressed, true);
  });

  it('suppresses everything when the stored response count is below five', () => {
    const results = resultsFromEvidence({ questions: survey.questions, responseCount: 4, results: [{ questionId: 'q-choice', counts: [9, 9, 9] }] });
    assert.equal(results.suppressed, true);
    assert.ok(results.questions.every((q) => q.suppressed && q.counts.length === 0));
  });

  it('treats a question with no stored result as suppressed', () => {
    const results = resultsFromEvidence({ questions: survey.questions, responseCount: 12, results: [] });
    assert.ok(results.questions.every((q) => q.suppressed));
  });
});

describe('agreementSummary', () => {
  it('folds five counts into disagree, neutral and agree', () => {
    assert.deepEqual(agreementSummary([1, 2, 3, 4, 5]), { total: 15, disagree: 3, neutral: 3, agree: 9 });
    assert.deepEqual(agreementSummary([]), { total: 0, disagree: 0, neutral: 0, agree: 0 });
  });
});

describe('surveyTopic', () => {
  it('finds the topic at the end of a driving question', () => {
    assert.equal(surveyTopic('How can we encourage students to engage more actively with written feedback?'), 'written feedback');
    assert.equal(surveyTopic('How does peer talk change confidence in maths?'), 'maths');
    assert.equal(surveyTopic('What is the impact of our retrieval practice?'), 'retrieval practice');
  });

  it('gives up when the phrase is missing or too long to read well', () => {
    assert.equal(surveyTopic('In what ways do talk roles change how Year 7 students explain their reasoning?'), undefined);
    assert.equal(surveyTopic(''), undefined);
    assert.equal(surveyTopic('Does homework work?'), undefined);
  });
});

describe('fixtures', () => {
  it('are Survey and SurveyResponse records as the schemas define them', () => {
    assert.ok(Survey.safeParse(survey).success);
    assert.ok(SurveyResponse.safeParse(response({ 'q-agree': 3 })).success);
  });
});
