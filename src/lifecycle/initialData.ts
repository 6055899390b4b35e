/**
 * An enquiry's data before its first event, and the rules version new enquiries start under:
 * apart from the machine (enquiryMachine.ts) so replay with the default lifecycle's table
 * (replayLifecycle.ts) loads no XState.
 */
import { DEFAULT_POLICY } from '../schema/directory.js';
import { EMPTY_QUESTION } from '../schema/enquiry.js';
import type { EnquiryData, LifecycleInput } from './types.js';

/**
 * The version of the lifecycle's rules new enquiries are started under (`EnquiryDetails.rulesVersion`).
 * A rule made stricter, or a stage added, applies from the version that introduced it, so logs
 * written before it replay to the same state. 2: student voice counts only when one of its
 * questions can be shown.
 */
export const RULES_VERSION = 2;

/** Past terms oldest first, so the first one that lasted beyond an event is the one in force. */
export function sortedByUntil<T extends { until: string }>(terms: readonly T[] | undefined): T[] {
  return terms?.length ? [...terms].sort((a, b) => (a.until < b.until ? -1 : a.until > b.until ? 1 : 0)) : [];
}

/** The enquiry's data before its first event. */
export function initialData(input: LifecycleInput): EnquiryData {
  return {
    enquiryId: undefined,
    details: undefined,
    stage: 'theme',
    status: 'new',
    question: EMPTY_QUESTION,
    questionRevision: 0,
    review: { status: 'none' },
    observations: [],
    evidence: [],
    reflection: undefined,
    outcome: undefined,
    publishedAt: undefined,
    stageVisits: [],
    contributorIds: [],
    createdAt: undefined,
    updatedAt: undefined,
    extra: {},
    policy: input.policy ?? DEFAULT_POLICY,
    reviewerIds: input.reviewerIds ?? [],
    pastPolicies: sortedByUntil(input.pastPolicies),
    pastReviewers: input.pastReviewers ?? [],
  };
}
