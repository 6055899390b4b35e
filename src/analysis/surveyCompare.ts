/**
 * What a teacher acts on after a student-voice survey: the change between a survey asked before
 * and one asked after a change of practice (same questions), with an interval; free-text answers
 * grouped for reading; and what to raise when talking the results through with the class. Pure
 * and deterministic, and they read only results already aggregated and suppressed
 * ({@link aggregateSurvey}), so nothing here can show a group the thresholds hide.
 * @module
 */
import type { SurveyQuestion } from '../schema/evidence.js';
import { Z_95, wilsonInterval, type Interval } from './stats.js';
import { agreementSummary, type QuestionResults, type SurveyResults } from './survey.js';

/** One share: how many of those who answered, out of how many. */
export interface ShareOf {
  successes: number;
  count: number;
}

/** The change of one question between two surveys. */
export interface QuestionChange {
  /** The question as asked after. */
  question: SurveyQuestion;
  /**
   * What is compared: for `agree`, those agreeing (agree or strongly agree); for `choice`, those
   * choosing each option (one entry per option, in order).
   */
  measures: Array<{
    /** `agree`, or the option's index. */
    key: 'agree' | number;
    before: ShareOf;
    after: ShareOf;
    /** After minus before, in percentage points. */
    difference: number;
    /** The 95% interval of the difference in percentage points (Newcombe's method from Wilson intervals). */
    interval: Interval;
    /** `up` or `down` when the interval leaves out 0; `unclear` when the change may be chance. */
    direction: 'up' | 'down' | 'unclear';
  }>;
}

/** The comparison of two surveys. */
export interface SurveyComparison {
  /** Questions asked in both, shown in both (not suppressed), and not free text. */
  questions: QuestionChange[];
  /** Questions asked in both but hidden on one side (too few answers): no figures. */
  suppressed: SurveyQuestion[];
  /** Questions of the later survey the earlier one did not ask (text, type or options differ). */
  unmatched: SurveyQuestion[];
}

const sameText = (a: string) => a.trim().replace(/\s+/g, ' ').toLowerCase();

/** Whether two questions are the same question: the same type, wording and options. */
export function sameQuestion(a: SurveyQuestion, b: SurveyQuestion): boolean {
  if (a.type !== b.type || sameText(a.text) !== sameText(b.text)) return false;
  const ao = (a.options ?? []).map(sameText);
  const bo = (b.options ?? []).map(sameText);
  return ao.length === bo.length && ao.every((o, i) => o === bo[i]);
}

/**
 * The difference between two shares (after − before) with Newcombe's hybrid score interval
 * (method 10), which stays inside [−1, 1] and behaves with small classes, in percentage points.
 */
export function differenceInterval(after: ShareOf, before: ShareOf, z: number = Z_95): { difference: number; interval: Interval } {
  const p1 = after.successes / after.count;
  const p2 = before.successes / before.count;
  const w1 = wilsonInterval(after.successes, after.count, z)!;
  const w2 = wilsonInterval(before.successes, before.count, z)!;
  const d = p1 - p2;
  const lower = d - Math.sqrt((p1 - w1.lower) ** 2 + (w2.upper - p2) ** 2);
  const upper = d + Math.sqrt((w1.upper - p1) ** 2 + (p2 - w2.lower) ** 2);
  return { difference: d * 100, interval: { lower: Math.max(-100, lower * 100), upper: Math.min(100, upper * 100) } };
}

function measure(key: 'agree' | number, before: ShareOf, after: ShareOf): QuestionChange['measures'][number] {
  const { difference, interval } = differenceInterval(after, before);
  const direction = interval.lower > 0 ? 'up' : interval.upper < 0 ? 'down' : 'unclear';
  return { key, before, after, difference, interval, direction };
}

function change(before: QuestionResults, after: QuestionResults): QuestionChange {
  const total = (r: QuestionResults) => r.counts.reduce((sum, n) => sum + n, 0);
  if (after.question.type === 'agree') {
    const b = agreementSummary(before.counts);
    const a = agreementSummary(after.counts);
    return { question: after.question, measures: [measure('agree', { successes: b.agree, count: b.total }, { successes: a.agree, count: a.total })] };
  }
  return {
    question: after.question,
    measures: after.counts.map((n, i) => measure(i, { successes: before.counts[i] ?? 0, count: total(before) }, { successes: n, count: total(after) })),
  };
}

/**
 * Compares a survey asked before a change with one asked after, question by question (the same
 * wording, type and options). A question hidden on either side gives no figures.
 * @example
 * ```ts
 * const change = compareSurveys(aggregateSurvey(autumn, autumnSheets), aggregateSurvey(spring, springSheets));
 * change.questions[0].measures[0]; // { key: 'agree', difference: 25, interval: { lower: -9.6, upper: 52 }, direction: 'unclear', ... }
 * ```
 */
export function compareSurveys(before: SurveyResults, after: SurveyResults): SurveyComparison {
  const out: SurveyComparison = { questions: [], suppressed: [], unmatched: [] };
  for (const later of after.questions) {
    if (later.question.type === 'text') continue;
    const earlier = before.questions.find((q) => sameQuestion(q.question, later.question));
    if (!earlier) out.unmatched.push(later.question);
    else if (earlier.suppressed || later.suppressed || before.suppressed || after.suppressed) out.suppressed.push(later.question);
    else out.questions.push(change(earlier, later));
  }
  return out;
}

/** A group of comments sharing a word, for reading them theme by theme. */
export interface CommentGroup {
  /** The word the comments share (as most of them write it); `undefined` for the comments left over. */
  word: string | undefined;
  comments: string[];
}

/** Words too common to make a theme (English and Spanish). */
const STOP_WORDS = new Set(
  (
    'about after again also because been before being could does doing done from have having here into just like make makes more most much other over really should some than that their them then there these they this those very what when where which while with would your ' +
    'para pero porque como cuando donde esta este esto estos estas hace hacer más menos mucho muy otro otra sobre también tener tiene todo todos una unos unas algo aquí cada desde entre hasta nada'
  ).split(' '),
);

const wordsOf = (comment: string): Set<string> =>
  new Set(
    comment
      .toLowerCase()
      .normalize('NFC')
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 4 && !STOP_WORDS.has(w)),
  );

/**
 * Groups comments that share a word, the word most comments share first, so a teacher reads
 * them theme by theme ("time": 4 comments, "examples": 3, ...). A word must be shared by at least
 * `minGroup` comments (2 by default); the rest come last, ungrouped. Groups and the comments in
 * them are in a stable order, whatever order the comments came in.
 * @example
 * ```ts
 * groupComments(['More time to redraft', 'Time in lessons', 'Examples']);
 * // [{ word: 'time', comments: ['More time to redraft', 'Time in lessons'] }, { word: undefined, comments: ['Examples'] }]
 * ```
 */
export function groupComments(comments: readonly string[], options: { minGroup?: number; maxGroups?: number } = {}): CommentGroup[] {
  const minGroup = Math.max(2, options.minGroup ?? 2);
  const maxGroups = options.maxGroups ?? 6;
  let left = [...comments].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((text) => ({ text, words: wordsOf(text) }));
  const groups: CommentGroup[] = [];
  while (groups.length < maxGroups) {
    const counts = new Map<string, number>();
    for (const c of left) for (const w of c.words) counts.set(w, (counts.get(w) ?? 0) + 1);
    let best: [string, number] | undefined;
    for (const entry of counts) if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry;
    if (!best || best[1] < minGroup) break;
    const word = best[0];
    groups.push({ word, comments: left.filter((c) => c.words.has(word)).map((c) => c.text) });
    left = left.filter((c) => !c.words.has(word));
  }
  if (left.length) groups.push({ word: undefined, comments: left.map((c) => c.text) });
  return groups;
}

/** What to raise with the class: the statements most and least agreed with, from what can be shown. */
export interface DiscussionPoints {
  /** The agree statement with the largest share agreeing, when one can be shown. */
  strongest: { question: SurveyQuestion; agree: number; total: number } | undefined;
  /** The one with the smallest share agreeing (another question than `strongest`). */
  weakest: { question: SurveyQuestion; agree: number; total: number } | undefined;
  /** Whether comments can be shown (to ask the class what lies behind them). */
  hasComments: boolean;
}

/**
 * The points of a short discussion with the class about their answers: what most agreed with,
 * what fewest did, and whether there are comments to talk through. Only shown results count.
 */
export function discussionPoints(results: SurveyResults): DiscussionPoints {
  const agreeing = results.questions
    .filter((q) => !q.suppressed && q.question.type === 'agree')
    .map((q) => ({ question: q.question, ...agreementSummary(q.counts) }))
    .filter((q) => q.total > 0)
    .map((q) => ({ question: q.question, agree: q.agree, total: q.total, share: q.agree / q.total }));
  const sorted = [...agreeing].sort((a, b) => b.share - a.share);
  const strongest = sorted[0];
  const weakest = sorted.length > 1 ? sorted[sorted.length - 1] : undefined;
  const pick = (q: (typeof sorted)[number] | undefined) => (q ? { question: q.question, agree: q.agree, total: q.total } : undefined);
  return { strongest: pick(strongest), weakest: pick(weakest), hasComments: results.questions.some((q) => !q.suppressed && q.question.type === 'text' && q.comments.length > 0) };
}
