import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aggregateSurvey } from '../../../src/analysis/survey.js';
import { compareSurveys, differenceInterval, discussionPoints, groupComments, sameQuestion } from '../../../src/analysis/surveyCompare.js';
import type { Survey } from '../../../src/schema/directory.js';

const survey = (id: string, extra: Survey['questions'] = []): Survey => ({
  schemaVersion: 1,
  id,
  enquiryId: 'e',
  title: id,
  status: 'closed',
  createdById: 'p',
  questions: [
    { id: 'q1', text: 'I know what to do with feedback.', type: 'agree' },
    { id: 'q2', text: 'How often?', type: 'choice', options: ['Always', 'Sometimes', 'Never'] },
    { id: 'q3', text: 'Anything else?', type: 'text' },
    ...extra,
  ],
});
const sheets = (surveyId: string, q1: number[], q2: number[] = []) => q1.map((answer, i) => ({ surveyId, answers: { q1: answer, ...(q2[i] !== undefined ? { q2: q2[i]! } : {}) } }));

describe('comparing a survey before and after', () => {
  it('gives the change in those agreeing with a Newcombe interval, and says when it is more than chance', () => {
    const before = aggregateSurvey(survey('a'), sheets('a', [1, 2, 2, 3, 4, 2, 1, 2, 3, 2, 2, 4, 1, 2, 2, 3, 2, 2, 1, 4]));
    const after = aggregateSurvey(survey('b'), sheets('b', [4, 5, 4, 4, 5, 3, 4, 4, 5, 4, 2, 4, 5, 4, 4, 5, 4, 3, 4, 5]));
    const change = compareSurveys(before, after);
    const m = change.questions[0]!.measures[0]!;
    assert.equal(m.key, 'agree');
    assert.deepEqual([m.before, m.after], [{ successes: 3, count: 20 }, { successes: 17, count: 20 }]);
    assert.equal(m.difference, 70);
    assert.ok(m.interval.lower > 35 && m.interval.lower < 55 && m.interval.upper > 78 && m.interval.upper < 90, JSON.stringify(m.interval));
    assert.equal(m.direction, 'up');
    const small = compareSurveys(aggregateSurvey(survey('a'), sheets('a', [2, 4, 2, 4, 2, 4])), aggregateSurvey(survey('b'), sheets('b', [4, 4, 2, 4, 2, 4])));
    assert.equal(small.questions[0]!.measures[0]!.direction, 'unclear', 'one more of six agreeing may be chance');
  });

  it('matches questions by wording, type and options; hides any question hidden on either side; skips free text', () => {
    const before = aggregateSurvey(survey('a'), sheets('a', [1, 2, 3, 4, 5], [0, 1, 2, 0]));
    const after = aggregateSurvey(survey('b', [{ id: 'q4', text: 'New question', type: 'agree' }]), sheets('b', [5, 5, 4, 4, 3], [0, 0, 0, 1, 2]));
    const change = compareSurveys(before, after);
    assert.deepEqual(change.questions.map((q) => q.question.id), ['q1']);
    assert.deepEqual(change.suppressed.map((q) => q.id), ['q2'], 'four answers before: hidden, no figures');
    assert.deepEqual(change.unmatched.map((q) => q.id), ['q4']);
    assert.ok(sameQuestion({ id: 'x', text: ' How  often? ', type: 'choice', options: ['always', 'Sometimes', 'Never'] }, survey('a').questions[1]!));
    assert.ok(!sameQuestion({ id: 'x', text: 'How often?', type: 'choice', options: ['Always', 'Never'] }, survey('a').questions[1]!));
  });

  it('keeps the interval inside ±100 points, even at the extremes', () => {
    const { difference, interval } = differenceInterval({ successes: 5, count: 5 }, { successes: 0, count: 5 });
    assert.equal(difference, 100);
    assert.ok(interval.upper <= 100 && interval.lower > 0 && interval.lower < 100);
  });
});

describe('grouping comments and the class discussion', () => {
  it('groups comments by the word most of them share, in a stable order, the rest last', () => {
    const comments = ['More time to redraft', 'Examples of good work', 'Time in lessons', 'Shorter comments please', 'Worked examples help', 'More TIME'];
    const groups = groupComments(comments);
    assert.deepEqual(groups, [
      { word: 'time', comments: ['More TIME', 'More time to redraft', 'Time in lessons'] },
      { word: 'examples', comments: ['Examples of good work', 'Worked examples help'] },
      { word: undefined, comments: ['Shorter comments please'] },
    ]);
    assert.deepEqual(groupComments([...comments].reverse()), groups, 'arrival order changes nothing');
    assert.deepEqual(groupComments(['<script>alert(1)</script>', 'alert me']), [{ word: 'alert', comments: ['<script>alert(1)</script>', 'alert me'] }], 'text stays text');
  });

  it('raises what most and fewest agreed with, from shown results only', () => {
    const s = survey('a', [{ id: 'q5', text: 'I act on it.', type: 'agree' }]);
    const results = aggregateSurvey(s, [5, 4, 4, 5, 2].map((q1, i) => ({ surveyId: 'a', answers: { q1, q5: [1, 2, 4, 2, 1][i]! } })));
    const points = discussionPoints(results);
    assert.deepEqual([points.strongest?.question.id, points.strongest?.agree, points.strongest?.total], ['q1', 4, 5]);
    assert.deepEqual([points.weakest?.question.id, points.weakest?.agree], ['q5', 1]);
    assert.equal(points.hasComments, false);
    assert.deepEqual(discussionPoints(aggregateSurvey(s, [])), { strongest: undefined, weakest: undefined, hasComments: false });
  });
});
