/**
 * The anonymity thresholds of student voice, in one place: every aggregation, every results
 * view and the lifecycle's "student voice required" rule read them from here (docs/privacy.md).
 * @module
 */

/** The fewest answers a question needs before its results are shown. */
export const MIN_GROUP_SIZE = 5;

/** The fewest answers a free-text question needs before its comments are shown. */
export const MIN_TEXT_GROUP_SIZE = 10;

/** What {@link canShowStudentVoice} reads of a student-voice evidence item. */
export interface StudentVoiceSnapshot {
  questions?: ReadonlyArray<{ id: string; type: string }> | undefined;
  results?: ReadonlyArray<{ questionId: string; counts?: readonly number[] | undefined; comments?: readonly string[] | undefined }> | undefined;
  [field: string]: unknown;
}

/**
 * Whether at least one question of saved student-voice results can be shown: a scale or choice
 * question answered by at least {@link MIN_GROUP_SIZE}, or a free-text question with at least
 * {@link MIN_TEXT_GROUP_SIZE} comments. Only such a survey counts towards a cycle's "student
 * voice required".
 * @example
 * ```ts
 * canShowStudentVoice({ questions: [{ id: 'q1', type: 'agree' }], results: [{ questionId: 'q1', counts: [1, 1, 1, 0, 0] }] }); // false
 * ```
 */
export function canShowStudentVoice(item: StudentVoiceSnapshot): boolean {
  const types = new Map((item.questions ?? []).map((q) => [q.id, q.type]));
  return (item.results ?? []).some((result) => {
    if (types.get(result.questionId) === 'text') return (result.comments?.length ?? 0) >= MIN_TEXT_GROUP_SIZE;
    return (result.counts ?? []).reduce((sum, n) => sum + n, 0) >= MIN_GROUP_SIZE;
  });
}
