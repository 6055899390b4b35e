/**
 * What each piece of evidence found, as data for a sentence in the booklet ("60% agree, up from
 * 35%", "4.2 -> 6.1 marks", "22 of 30 lessons"): the components turn it into words in the
 * reader's language. Student voice uses the results already saved into the evidence, which are
 * thresholded (a question answered fewer than five times has no counts), so a finding never
 * shows what the results view would not. A survey is compared with an earlier one of the same
 * enquiry that asked the same agreement question (the same text), the "before" of a before/after.
 * Pure: no DOM, no clock.
 * @module
 */
import { MIN_GROUP_SIZE } from '../analysis/thresholds.js';

/** What one piece of evidence found. */
export type EvidenceFinding =
  | {
      kind: 'agree';
      /** The share answering agree or strongly agree, in [0, 1]. */
      share: number;
      /** The same question's share in the earlier survey, when there is one. */
      previous: number | undefined;
      /** The question asked. */
      question: string;
    }
  | { kind: 'assessment'; before: number; after: number; unit: string | undefined; measure: string }
  | { kind: 'walk'; showing: number; visited: number };

/** The fields of evidence items this reads (any kind; only three have findings). */
interface Item {
  id: string;
  kind: string;
  collectedOn?: string | undefined;
  [field: string]: unknown;
}

interface Agree {
  text: string;
  share: number;
}

/** The first agreement question with enough answers, and its share agreeing. */
function agreement(item: Item): Agree | undefined {
  const questions = Array.isArray(item['questions']) ? (item['questions'] as Array<{ id: string; text: string; type: string }>) : [];
  const results = Array.isArray(item['results']) ? (item['results'] as Array<{ questionId: string; counts?: number[] }>) : [];
  for (const question of questions) {
    if (question.type !== 'agree') continue;
    const counts = results.find((r) => r.questionId === question.id)?.counts ?? [];
    const answered = counts.reduce((sum, n) => sum + n, 0);
    if (counts.length !== 5 || answered < MIN_GROUP_SIZE) continue;
    return { text: question.text.trim(), share: (counts[3]! + counts[4]!) / answered };
  }
  return undefined;
}

/**
 * The findings of an enquiry's evidence, by evidence id, in the order given (earlier items are
 * the "before" of later ones with the same agreement question).
 * @example
 * ```ts
 * const findings = evidenceFindings(enquiry.evidence);
 * findings.get('ev-after'); // { kind: 'agree', share: 0.6, previous: 0.35, question: 'I read the comments' }
 * ```
 */
export function evidenceFindings(items: readonly Item[]): Map<string, EvidenceFinding> {
  const findings = new Map<string, EvidenceFinding>();
  const earlier = new Map<string, number>();
  for (const item of items) {
    if (item.kind === 'student-voice') {
      const agree = agreement(item);
      if (!agree) continue;
      const key = agree.text.toLowerCase();
      findings.set(item.id, { kind: 'agree', share: agree.share, previous: earlier.get(key), question: agree.text });
      earlier.set(key, agree.share);
    } else if (item.kind === 'assessment') {
      const before = (item['before'] as { value?: unknown } | undefined)?.value;
      const after = (item['after'] as { value?: unknown } | undefined)?.value;
      if (typeof before !== 'number' || typeof after !== 'number') continue;
      const unit = typeof item['unit'] === 'string' && item['unit'].trim() ? item['unit'].trim() : undefined;
      findings.set(item.id, { kind: 'assessment', before, after, unit, measure: String(item['measure'] ?? '') });
    } else if (item.kind === 'learning-walk') {
      const visited = item['lessonsVisited'];
      const showing = item['lessonsShowingFocus'];
      if (typeof visited === 'number' && typeof showing === 'number' && visited >= MIN_GROUP_SIZE) findings.set(item.id, { kind: 'walk', showing, visited });
    }
  }
  return findings;
}
