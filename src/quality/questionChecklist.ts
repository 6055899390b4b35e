/**
 * The driving-question checklist: the editor's coach towards a good question. It checks that the
 * question is open rather than yes/no, about student learning, actionable within the cycle, with
 * success criteria and evidence (student voice first of all) named in advance.
 *
 * The checks are heuristics over English text, meant as prompts for a teacher, never as a gate:
 * each item says `met`, `not-met` or `unknown` (the text alone cannot tell), with a stable code,
 * parameters, and an English message and hint that components translate by code.
 *
 * The heuristics:
 * - **open**: the question (or the clause after a lead-in such as "In Year 9,") starts with an
 *   open word (how, what, why, which, when, where, who, to what extent, in what ways, how far).
 *   A question starting with a yes/no word (is, are, does, do, can, will, should, has, have, did,
 *   could, would, whether, ...) is closed, unless an open word follows ("Can we find out how ...?"),
 *   which is `unknown`. Text with no question word at all is not a question.
 * - **about-learning**: the question names students (students, pupils, learners, children, a
 *   class, a year group, Year 9, KS3, boys, girls, ...) or what they do as learners (engage,
 *   understand, learn, think, talk, read, write, feedback, explain, recall, motivation,
 *   confidence, ...). A question only about what the teacher does is not.
 * - **actionable**: there is at least one planned action; neither the question nor the actions are
 *   sweeping ("all students in the school", "whole-school", "every subject", "everything") or
 *   vague ("improve my teaching", "teaching and learning", "raise standards"); and, when the cycle's
 *   end and today's date are given, the cycle has not ended, at least {@link MIN_WEEKS_LEFT} weeks
 *   remain, and there are no more actions than one per {@link WEEKS_PER_ACTION} weeks left.
 * - **success-criteria**, **evidence-planned**: at least one non-blank entry.
 * - **student-voice-planned**: one planned evidence item of kind `student-voice`.
 */
import type { DrivingQuestion } from '../schema/enquiry.js';

/** The checklist's items, in the order they are shown. */
export const QUESTION_CHECK_IDS = [
  'open',
  'about-learning',
  'actionable',
  'success-criteria',
  'evidence-planned',
  'student-voice-planned',
] as const;

/** One item of the checklist. */
export type QuestionCheckId = (typeof QUESTION_CHECK_IDS)[number];

/** Whether an item is met; `unknown` when the text alone cannot tell. */
export type QuestionCheckStatus = 'met' | 'not-met' | 'unknown';

/** Fewest weeks that must remain in the cycle to try the actions and gather evidence. */
export const MIN_WEEKS_LEFT = 6;

/** Weeks each planned action needs, to try it, observe it and hear from students. */
export const WEEKS_PER_ACTION = 2;

/**
 * The checklist's messages and hints in English, by code. `{name}` placeholders take the item's
 * `params`. Components translate by code: give a translated table with the same placeholders to
 * {@link checkQuestion} (`options.messages`) or format `params` into their own catalogue.
 * @example
 * ```ts
 * const fr = { ...QUESTION_CHECK_MESSAGES, 'closed-question': { message: 'On peut y répondre par oui ou non.', hint: '...' } };
 * checkQuestion(question, { messages: fr });
 * ```
 */
export const QUESTION_CHECK_MESSAGES = {
  'question-empty': {
    message: 'Write the driving question.',
    hint: 'Start with "How", "What" or "To what extent", and name the students and the learning you want to change.',
  },
  open: {
    message: 'The question is open: it cannot be answered with yes or no.',
    hint: 'Keep it open, so the enquiry looks at how and why, not only whether.',
  },
  'closed-question': {
    message: 'The question can be answered with yes or no.',
    hint: 'Rephrase it as an open question, e.g. "How can ...", "In what ways ..." or "To what extent ...".',
  },
  'open-unclear': {
    message: 'The question starts like a yes/no question.',
    hint: 'Check that it invites more than yes or no; "How ..." or "To what extent ..." makes that clear.',
  },
  'not-a-question': {
    message: 'This is not phrased as a question yet.',
    hint: 'Turn it into a question that starts with "How", "What", "Why" or "To what extent".',
  },
  'about-learning': {
    message: 'The question is about student learning ({terms}).',
    hint: 'Keep the students and their learning at the centre of the enquiry.',
  },
  'not-about-learning': {
    message: 'The question does not say which students or what learning it is about.',
    hint: 'Name the students (e.g. "Year 8 students") and what they will do differently, e.g. "engage with written feedback".',
  },
  actionable: {
    message: 'The plan has {actions} action(s) you can carry out within the cycle.',
    hint: 'Try the actions early, so there is time to observe them and hear from students.',
  },
  'no-planned-actions': {
    message: 'No actions are planned yet.',
    hint: 'List one or two things you will try in your classroom, e.g. "Five minutes of feedback time at the start of each lesson".',
  },
  'too-sweeping': {
    message: 'The enquiry reaches too far ("{phrase}").',
    hint: 'Narrow it to your own classes: one group of students, one strategy, one cycle.',
  },
  'too-vague': {
    message: 'The enquiry is too general ("{phrase}").',
    hint: 'Say which strategy you will try, with which students, and what you expect to change for them.',
  },
  'cycle-ended': {
    message: 'The cycle ended on {cycleEndsOn}.',
    hint: 'Plan this enquiry for the next cycle.',
  },
  'too-little-time': {
    message: 'The cycle ends on {cycleEndsOn}, {daysLeft} day(s) from now: too soon to try the actions and gather evidence.',
    hint: 'Choose one small action you can try straight away, or plan the enquiry for the next cycle.',
  },
  'too-many-actions': {
    message: '{actions} planned actions are more than the {weeksLeft} week(s) left in the cycle allow.',
    hint: 'Focus on the one or two actions that matter most; each needs about {weeksPerAction} weeks to try and observe.',
  },
  'success-criteria': {
    message: 'Success criteria are stated ({count}).',
    hint: 'Make each criterion something you could see or hear in a lesson or a survey.',
  },
  'no-success-criteria': {
    message: 'No success criteria yet: how will you know it worked?',
    hint: 'Describe what students will do differently, e.g. "Most students act on at least one comment in their next piece of work".',
  },
  'evidence-planned': {
    message: 'Evidence is planned: {kinds}.',
    hint: 'Gather a baseline before you start, so you can compare.',
  },
  'no-evidence-planned': {
    message: 'No evidence is planned yet.',
    hint: 'Name the evidence in advance: a student-voice survey, assessment data before and after, observations, work samples.',
  },
  'student-voice-planned': {
    message: 'Student voice is planned.',
    hint: 'Keep the survey short and anonymous, and ask the same questions before and after.',
  },
  'no-student-voice': {
    message: 'No student voice is planned.',
    hint: 'Add an anonymous student-voice survey: what students say is the first evidence of a change in learning.',
  },
} as const satisfies Record<string, { message: string; hint: string }>;

/** A stable code for a checklist result. */
export type QuestionCheckCode = keyof typeof QUESTION_CHECK_MESSAGES;

/** A message table: the English defaults, or a translation with the same codes and placeholders. */
export type QuestionCheckMessages = Record<QuestionCheckCode, { message: string; hint: string }>;

/** One item of the checklist as {@link questionChecks} finds it: what a translation needs, no text. */
export interface QuestionCheck {
  id: QuestionCheckId;
  status: QuestionCheckStatus;
  /** Stable code for translations and tests. */
  code: QuestionCheckCode;
  /** Values the message and hint mention. */
  params: Record<string, string | number>;
}

/** One item of the driving-question checklist. */
export interface ChecklistItem extends QuestionCheck {
  /** What the check found, in the table's language (English by default). */
  message: string;
  /** How to improve, in the table's language. */
  hint: string;
}

/** Options for {@link checkQuestion}. */
export interface CheckQuestionOptions {
  /** The last day of the cycle, `YYYY-MM-DD`; with `today`, checks the plan fits the time left. */
  cycleEndsOn?: string | undefined;
  /** Today's date, `YYYY-MM-DD`. Injected: the checker never reads the clock. */
  today?: string | undefined;
  /** Messages to use instead of the English defaults (missing codes fall back to English). */
  messages?: Partial<QuestionCheckMessages> | undefined;
}

const OPEN_START = /^(?:how|what|why|which|when|where|who|whose|whom|to what extent|in what ways?|in which ways?)\b/;
const CLOSED_START =
  /^(?:is|are|am|was|were|does|do|did|can|could|will|would|should|shall|has|have|had|may|might|must|whether|isn't|aren't|doesn't|don't|didn't|can't|won't|wouldn't|shouldn't)\b/;
const OPEN_ANYWHERE = /\b(?:how|what|why|which|to what extent|in what ways?|in which ways?)\b/;

const STUDENT_TERMS =
  /\b(?:students?|pupils?|learners?|child(?:ren)?|kids|class(?:es)?|year groups?|year \d{1,2}s?|y\d{1,2}|ks\d|key stage \d|sixth form(?:ers)?|boys|girls|cohorts?|young people|teenagers|eal|pupil premium|disadvantaged)\b/g;
const LEARNING_TERMS =
  /\b(?:engag(?:e|es|ed|ing|ement)|understand(?:s|ing)?|learn(?:s|ing|t|ed)?|think(?:s|ing)?|thought|talk(?:s|ing)?|discuss(?:es|ion|ions|ing)?|read(?:s|ing|ers?)?|writ(?:e|es|ing|ten)|feedback|explain(?:s|ing)?|explanations?|respond(?:s|ing)?|recall|remember(?:s|ing)?|retriev(?:e|al)|revis(?:e|ion|ing)|reason(?:s|ing)?|problem[- ]solving|attain(?:ment)?|achiev(?:e|es|ement)|progress|motivat(?:e|ed|ion)|confiden(?:ce|t)|independen(?:ce|t|tly)|resilien(?:ce|t)|persever(?:e|ance)|concentrat(?:e|ion)|participat(?:e|es|ion)|metacogniti(?:on|ve)|self[- ]regulat(?:ion|ed)|mindsets?|wellbeing|behaviour|attendance|homework|vocabulary|oracy|literacy|numeracy)\b/g;

const SWEEPING = [
  /\b(?:everything|every aspect|all aspects)\b/,
  /\b(?:whole[- ]school|school[- ]wide|trust[- ]wide)\b/,
  /\b(?:all|every)\b[^.?!]{0,40}?\b(?:in|across|throughout) (?:the|our|this) (?:whole )?(?:school|trust|academy|country)\b/,
  /\bacross (?:the|our) (?:whole )?(?:school|trust|curriculum)\b/,
  /\b(?:all|every) (?:subjects?|year groups?|departments?|key stages?)\b/,
];
const VAGUE = [
  /\bimprov\w* (?:my|our) (?:teaching|practice|lessons)\b/,
  /\b(?:be|become) (?:a )?better teachers?\b/,
  /\braise standards\b/,
  /\bteaching and learning\b/,
];

const DAY_MS = 86_400_000;

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d"]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s'\-*\u2022]+/, '')
    .trim();
}

function dayNumber(date: string | undefined): number | undefined {
  const match = date && /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(time) ? undefined : Math.round(time / DAY_MS);
}

function firstMatch(patterns: readonly RegExp[], texts: readonly string[]): string | undefined {
  for (const text of texts) {
    for (const pattern of patterns) {
      const found = pattern.exec(text);
      if (found) return found[0];
    }
  }
  return undefined;
}

type Result = { status: QuestionCheckStatus; code: QuestionCheckCode; params?: Record<string, string | number> };

function checkOpen(text: string): Result {
  if (!text) return { status: 'not-met', code: 'question-empty' };
  // A lead-in ("In Year 9 science, how ...") is skipped: the first clause that starts with a
  // question word decides.
  const clauses = text.split(/\s*[,:;\u2013\u2014]\s*|\s+-\s+/);
  for (const clause of clauses) {
    if (OPEN_START.test(clause)) return { status: 'met', code: 'open' };
    if (CLOSED_START.test(clause)) {
      return OPEN_ANYWHERE.test(clause) ? { status: 'unknown', code: 'open-unclear' } : { status: 'not-met', code: 'closed-question' };
    }
  }
  return { status: 'not-met', code: 'not-a-question' };
}

function checkAboutLearning(text: string): Result {
  if (!text) return { status: 'not-met', code: 'question-empty' };
  const terms = [...new Set([...text.matchAll(STUDENT_TERMS), ...text.matchAll(LEARNING_TERMS)].map((m) => m[0]))];
  if (terms.length === 0) return { status: 'not-met', code: 'not-about-learning' };
  return { status: 'met', code: 'about-learning', params: { terms: terms.slice(0, 3).join(', ') } };
}

function checkActionable(text: string, actions: readonly string[], options: CheckQuestionOptions): Result {
  const texts = [text, ...actions];
  const sweeping = firstMatch(SWEEPING, texts);
  if (sweeping) return { status: 'not-met', code: 'too-sweeping', params: { phrase: sweeping } };
  const vague = firstMatch(VAGUE, texts);
  if (vague) return { status: 'not-met', code: 'too-vague', params: { phrase: vague } };
  if (actions.length === 0) return { status: 'not-met', code: 'no-planned-actions' };
  const [end, today] = [dayNumber(options.cycleEndsOn), dayNumber(options.today)];
  if (end === undefined || today === undefined) return { status: 'met', code: 'actionable', params: { actions: actions.length } };
  const cycleEndsOn = options.cycleEndsOn!;
  const daysLeft = end - today;
  const weeksLeft = Math.floor(daysLeft / 7);
  if (daysLeft < 0) return { status: 'not-met', code: 'cycle-ended', params: { cycleEndsOn } };
  if (weeksLeft < MIN_WEEKS_LEFT) return { status: 'not-met', code: 'too-little-time', params: { cycleEndsOn, daysLeft, weeksLeft } };
  if (actions.length > Math.max(1, Math.floor(weeksLeft / WEEKS_PER_ACTION))) {
    return { status: 'not-met', code: 'too-many-actions', params: { actions: actions.length, weeksLeft, weeksPerAction: WEEKS_PER_ACTION } };
  }
  return { status: 'met', code: 'actionable', params: { actions: actions.length, weeksLeft } };
}

function format(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * The checks of {@link checkQuestion} without their text: status, code and parameters in the same
 * order, for a caller that words them in its own catalogue (the question editor translates by
 * code, so the English table stays out of its bundle).
 */
export function questionChecks(question: DrivingQuestion, options: Pick<CheckQuestionOptions, 'cycleEndsOn' | 'today'> = {}): QuestionCheck[] {
  const text = normalise(question.text);
  const actions = question.plannedActions.map(normalise).filter(Boolean);
  const criteria = question.successCriteria.filter((c) => c.trim());
  const evidence = question.plannedEvidence.filter((e) => e.kind.trim());
  const kinds = [...new Set(evidence.map((e) => e.kind))];

  const results: Record<QuestionCheckId, Result> = {
    open: checkOpen(text),
    'about-learning': checkAboutLearning(text),
    actionable: checkActionable(text, actions, options),
    'success-criteria': criteria.length
      ? { status: 'met', code: 'success-criteria', params: { count: criteria.length } }
      : { status: 'not-met', code: 'no-success-criteria' },
    'evidence-planned': evidence.length
      ? { status: 'met', code: 'evidence-planned', params: { count: evidence.length, kinds: kinds.join(', ') } }
      : { status: 'not-met', code: 'no-evidence-planned' },
    'student-voice-planned': kinds.includes('student-voice')
      ? { status: 'met', code: 'student-voice-planned' }
      : { status: 'not-met', code: 'no-student-voice' },
  };

  return QUESTION_CHECK_IDS.map((id) => {
    const { status, code, params = {} } = results[id];
    return { id, status, code, params };
  });
}

/**
 * Checks a driving question and its plan, and returns the checklist in a fixed order (see
 * {@link QUESTION_CHECK_IDS}). Pure: time comes from `options.today`, never from the clock; without
 * `today` and `cycleEndsOn`, "actionable" does not look at the time left.
 * @example
 * ```ts
 * const items = checkQuestion(
 *   { ...EMPTY_QUESTION, text: 'How can we encourage students to engage more actively with written feedback?' },
 *   { cycleEndsOn: '2026-07-17', today: '2025-10-01' },
 * );
 * items.find((item) => item.id === 'open')?.status; // 'met'
 * items.find((item) => item.id === 'student-voice-planned')?.code; // 'no-student-voice'
 * ```
 */
export function checkQuestion(question: DrivingQuestion, options: CheckQuestionOptions = {}): ChecklistItem[] {
  return questionChecks(question, options).map((item) => {
    const texts = options.messages?.[item.code] ?? QUESTION_CHECK_MESSAGES[item.code];
    return { ...item, message: format(texts.message, item.params), hint: format(texts.hint, item.params) };
  });
}

/** The checklist in numbers. */
export interface QuestionScore {
  met: number;
  notMet: number;
  unknown: number;
  total: number;
  /** `met / total`, from 0 to 1 (0 for an empty list). */
  ratio: number;
}

/**
 * Sums up a checklist: how many items are met out of how many, for a progress ring or a badge.
 * @example
 * ```ts
 * const score = questionScore(checkQuestion(question));
 * label.textContent = `${score.met} of ${score.total} met`;
 * ```
 */
export function questionScore(items: readonly Pick<ChecklistItem, 'status'>[]): QuestionScore {
  const count = (status: QuestionCheckStatus) => items.filter((item) => item.status === status).length;
  const met = count('met');
  return { met, notMet: count('not-met'), unknown: count('unknown'), total: items.length, ratio: items.length ? met / items.length : 0 };
}
