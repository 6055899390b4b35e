/**
 * The driving-question checklist on the case study's questions and on poor ones. Each case states
 * only the items it is about; the status and code of those items must match.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  QUESTION_CHECK_IDS,
  QUESTION_CHECK_MESSAGES,
  checkQuestion,
  questionChecks,
  questionScore,
  type CheckQuestionOptions,
  type ChecklistItem,
  type QuestionCheckCode,
  type QuestionCheckId,
  type QuestionCheckStatus,
} from '../../../src/quality/index.js';
import { EMPTY_QUESTION, type DrivingQuestion } from '../../../src/schema/index.js';

const q = (text: string, plan: Partial<DrivingQuestion> = {}): DrivingQuestion => ({ ...EMPTY_QUESTION, text, ...plan });

/** A full plan around a question, as a well-prepared group would write it. */
const fullPlan: Partial<DrivingQuestion> = {
  rationale: 'Students rarely act on comments in their books.',
  targetStudents: 'Year 9 English, sets 2 and 3',
  plannedActions: ['Ten minutes of feedback time at the start of the lesson after marking', 'Feedback codes students decode themselves'],
  successCriteria: ['Most students act on at least one comment in their next piece of work'],
  plannedEvidence: [
    { kind: 'student-voice', description: 'Anonymous survey before and after' },
    { kind: 'artefact', description: 'Redrafted work samples' },
  ],
};

type Expect = Partial<Record<QuestionCheckId, [QuestionCheckStatus, QuestionCheckCode]>>;
interface Case {
  name: string;
  question: DrivingQuestion;
  options?: CheckQuestionOptions;
  expect: Expect;
}

const CYCLE = { cycleEndsOn: '2026-07-17' };

const CASES: Case[] = [
  {
    name: "the case study's example question, with a full plan",
    question: q('How can we encourage students to engage more actively with written feedback?', fullPlan),
    options: { ...CYCLE, today: '2025-10-01' },
    expect: {
      open: ['met', 'open'],
      'about-learning': ['met', 'about-learning'],
      actionable: ['met', 'actionable'],
      'success-criteria': ['met', 'success-criteria'],
      'evidence-planned': ['met', 'evidence-planned'],
      'student-voice-planned': ['met', 'student-voice-planned'],
    },
  },
  {
    name: "the case study's example question, alone",
    question: q('How can we encourage students to engage more actively with written feedback?'),
    expect: {
      open: ['met', 'open'],
      'about-learning': ['met', 'about-learning'],
      actionable: ['not-met', 'no-planned-actions'],
      'success-criteria': ['not-met', 'no-success-criteria'],
      'evidence-planned': ['not-met', 'no-evidence-planned'],
      'student-voice-planned': ['not-met', 'no-student-voice'],
    },
  },
  {
    name: 'a flipped-learning question (year 2 theme)',
    question: q('How can flipped learning help Year 10 pupils come to lessons ready to apply new content?'),
    expect: { open: ['met', 'open'], 'about-learning': ['met', 'about-learning'] },
  },
  {
    name: 'a strategic-learning question starting "To what extent"',
    question: q('To what extent does retrieval practice improve recall in Year 8 science?'),
    expect: { open: ['met', 'open'], 'about-learning': ['met', 'about-learning'] },
  },
  {
    name: 'an oracy question starting "In what ways"',
    question: q('In what ways can structured talk routines develop students’ oracy in KS3?'),
    expect: { open: ['met', 'open'], 'about-learning': ['met', 'about-learning'] },
  },
  {
    name: 'a wellbeing question with a lead-in clause',
    question: q('In our Year 7 tutor groups, what helps children feel confident to ask for help?'),
    expect: { open: ['met', 'open'], 'about-learning': ['met', 'about-learning'] },
  },
  {
    name: 'a visible-thinking question without a question mark',
    question: q('How do thinking routines change the way learners explain their reasoning'),
    expect: { open: ['met', 'open'], 'about-learning': ['met', 'about-learning'] },
  },
  {
    name: '"Is marking useful?"',
    question: q('Is marking useful?'),
    expect: { open: ['not-met', 'closed-question'], 'about-learning': ['not-met', 'not-about-learning'] },
  },
  {
    name: '"Should we use mini whiteboards?"',
    question: q('Should we use mini whiteboards?'),
    expect: { open: ['not-met', 'closed-question'], 'about-learning': ['not-met', 'not-about-learning'] },
  },
  {
    name: '"How can I improve my teaching?" is open but not about student learning, and vague',
    question: q('How can I improve my teaching?', { plannedActions: ['Try new things'] }),
    expect: {
      open: ['met', 'open'],
      'about-learning': ['not-met', 'not-about-learning'],
      actionable: ['not-met', 'too-vague'],
    },
  },
  {
    name: 'an empty question',
    question: q(''),
    expect: {
      open: ['not-met', 'question-empty'],
      'about-learning': ['not-met', 'question-empty'],
      actionable: ['not-met', 'no-planned-actions'],
      'student-voice-planned': ['not-met', 'no-student-voice'],
    },
  },
  {
    name: 'blank space is empty too',
    question: q('   \n '),
    expect: { open: ['not-met', 'question-empty'] },
  },
  {
    name: 'a yes/no question about learning is still closed',
    question: q('Does peer assessment improve students’ writing?'),
    expect: { open: ['not-met', 'closed-question'], 'about-learning': ['met', 'about-learning'] },
  },
  {
    name: 'a yes/no opener with an open word is unclear',
    question: q('Can we find out how students use the feedback we give?'),
    expect: { open: ['unknown', 'open-unclear'], 'about-learning': ['met', 'about-learning'] },
  },
  {
    name: 'a topic is not a question',
    question: q('Improving feedback in Year 9'),
    expect: { open: ['not-met', 'not-a-question'], 'about-learning': ['met', 'about-learning'] },
  },
  {
    name: 'a sweeping question: all students in the school',
    question: q('How can we make all students in the school love reading?', fullPlan),
    expect: { open: ['met', 'open'], 'about-learning': ['met', 'about-learning'], actionable: ['not-met', 'too-sweeping'] },
  },
  {
    name: 'a sweeping action: every subject',
    question: q('How can we help Year 11 boys revise?', { ...fullPlan, plannedActions: ['Introduce revision clocks in every subject'] }),
    expect: { actionable: ['not-met', 'too-sweeping'] },
  },
  {
    name: '"improve everything"',
    question: q('How can we improve everything about homework?', fullPlan),
    expect: { actionable: ['not-met', 'too-sweeping'] },
  },
  {
    name: 'a plan that starts after the cycle ended',
    question: q('How can we encourage students to engage more actively with written feedback?', fullPlan),
    options: { ...CYCLE, today: '2026-07-20' },
    expect: { actionable: ['not-met', 'cycle-ended'] },
  },
  {
    name: 'a plan with three weeks left',
    question: q('How can we encourage students to engage more actively with written feedback?', fullPlan),
    options: { ...CYCLE, today: '2026-06-26' },
    expect: { actionable: ['not-met', 'too-little-time'] },
  },
  {
    name: 'too many actions for the time left',
    question: q('How can we encourage students to engage more actively with written feedback?', {
      ...fullPlan,
      plannedActions: ['Codes', 'Green pen', 'Gallery critique', 'Feedback time', 'Exemplars', 'Peer review'],
    }),
    options: { ...CYCLE, today: '2026-05-01' },
    expect: { actionable: ['not-met', 'too-many-actions'] },
  },
  {
    name: 'without today, the time left is not checked',
    question: q('How can we encourage students to engage more actively with written feedback?', fullPlan),
    options: CYCLE,
    expect: { actionable: ['met', 'actionable'] },
  },
  {
    name: 'evidence without student voice',
    question: q('What impact do knowledge organisers have on pupils’ recall?', {
      ...fullPlan,
      plannedEvidence: [{ kind: 'assessment', description: 'Quiz scores before and after' }],
    }),
    expect: { 'evidence-planned': ['met', 'evidence-planned'], 'student-voice-planned': ['not-met', 'no-student-voice'] },
  },
  {
    name: 'blank success criteria do not count',
    question: q('Why do some students stop reading for pleasure in Year 8?', { successCriteria: ['  '] }),
    expect: { open: ['met', 'open'], 'success-criteria': ['not-met', 'no-success-criteria'] },
  },
];

const byId = (items: ChecklistItem[], id: QuestionCheckId) => items.find((item) => item.id === id)!;

describe('checkQuestion', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const items = checkQuestion(c.question, c.options);
      assert.deepEqual(
        items.map((item) => item.id),
        [...QUESTION_CHECK_IDS],
      );
      for (const [id, [status, code]] of Object.entries(c.expect) as [QuestionCheckId, [QuestionCheckStatus, QuestionCheckCode]][]) {
        const item = byId(items, id);
        assert.deepEqual([item.status, item.code], [status, code], `${id}: ${item.message}`);
      }
    });
  }

  it('fills messages and hints from the English table, with parameters', () => {
    const items = checkQuestion(q('How can we encourage students to engage more actively with written feedback?', fullPlan));
    for (const item of items) {
      assert.ok(item.message.length > 0 && item.hint.length > 0, item.id);
      assert.doesNotMatch(item.message + item.hint, /\{\w+\}/, `${item.id} has no unfilled placeholder`);
    }
    assert.equal(byId(items, 'success-criteria').message, 'Success criteria are stated (1).');
    assert.deepEqual(byId(items, 'evidence-planned').params, { count: 2, kinds: 'student-voice, artefact' });
    assert.match(byId(items, 'about-learning').message, /students/);
  });

  it('reports the time left as parameters for a translated message', () => {
    const items = checkQuestion(q('How can students read more?', fullPlan), { ...CYCLE, today: '2026-06-26' });
    assert.deepEqual(byId(items, 'actionable').params, { cycleEndsOn: '2026-07-17', daysLeft: 21, weeksLeft: 3 });
  });

  it('uses a translated table when given, falling back to English for missing codes', () => {
    const messages = { 'closed-question': { message: 'On peut y répondre par oui ou non.', hint: 'Commencez par « Comment ».' } };
    const items = checkQuestion(q('Is marking useful?'), { messages });
    assert.equal(byId(items, 'open').message, 'On peut y répondre par oui ou non.');
    assert.equal(byId(items, 'about-learning').message, QUESTION_CHECK_MESSAGES['not-about-learning'].message);
  });

  it('finds the same checks as questionChecks, which gives them without text', () => {
    for (const c of CASES) {
      const bare = questionChecks(c.question, c.options);
      assert.deepEqual(
        checkQuestion(c.question, c.options).map(({ message, hint, ...item }) => (assert.ok(message && hint, item.id), item)),
        bare,
        c.name,
      );
      for (const item of bare) assert.equal('message' in item || 'hint' in item, false, `${c.name}: ${item.id} carries no text`);
    }
  });

  it('never reads the clock: the same input gives the same output', () => {
    const question = q('How can we encourage students to engage more actively with written feedback?', fullPlan);
    assert.deepEqual(checkQuestion(question, { ...CYCLE, today: '2025-10-01' }), checkQuestion(question, { ...CYCLE, today: '2025-10-01' }));
  });
});

describe('questionScore', () => {
  it('counts met items out of the total', () => {
    const full = checkQuestion(q('How can we encourage students to engage more actively with written feedback?', fullPlan));
    assert.deepEqual(questionScore(full), { met: 6, notMet: 0, unknown: 0, total: 6, ratio: 1 });
    const poor = checkQuestion(q('Is marking useful?'));
    assert.deepEqual(questionScore(poor), { met: 0, notMet: 6, unknown: 0, total: 6, ratio: 0 });
    const unclear = checkQuestion(q('Can we find out how students use the feedback we give?'));
    assert.deepEqual(questionScore(unclear), { met: 1, notMet: 4, unknown: 1, total: 6, ratio: 1 / 6 });
  });
  it('is zero for an empty list', () => assert.deepEqual(questionScore([]), { met: 0, notMet: 0, unknown: 0, total: 0, ratio: 0 }));
});
