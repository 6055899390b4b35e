/**
 * "Waiting for my review": the driving questions a person reviews that are waiting for them,
 * oldest first. Who reviews is the policy's rule (`verdict`, action `event.append` with
 * `question.approve`): a community's lead for its enquiries, a CPD leader for individual projects
 * with no community. A CPD leader's own individual project waits for another CPD leader.
 * @module
 */
import type { EnquirySummary } from '../store/store.js';
import { verdict, type PolicyCommunity, type PolicyPerson } from './policy.js';

/** The fields of a summary the queue reads. */
export type QueueSummary = Pick<EnquirySummary, 'enquiryId' | 'kind' | 'ownerIds' | 'communityId' | 'step' | 'status' | 'updatedAt'>;

/** The step of an enquiry whose driving question waits for its reviewer. */
export const REVIEW_STEP = 'question.review';

/**
 * The summaries whose driving question waits for `person`'s review, oldest first (by when the
 * enquiry last changed, which for a question under review is when it was submitted; ties by id).
 * @example
 * ```ts
 * const queue = waitingForReview(lee, await store.listEnquiries({ cycleId }), directory.communities);
 * navCount.textContent = String(queue.length);
 * ```
 */
export function waitingForReview<S extends QueueSummary>(person: PolicyPerson, summaries: readonly S[], communities: ReadonlyMap<string, PolicyCommunity>): S[] {
  const actor = { kind: 'person' as const, person };
  return summaries
    .filter((s) => {
      if (s.step !== REVIEW_STEP || s.status === 'archived' || s.status === 'withdrawn') return false;
      if (!s.communityId && s.ownerIds.includes(person.id)) return false;
      const community = s.communityId ? communities.get(s.communityId) : undefined;
      const enquiry = { details: { kind: s.kind, ownerIds: s.ownerIds, communityId: s.communityId }, observations: [], status: s.status };
      return verdict(actor, 'event.append', { enquiry, community, eventType: 'question.approve' }).allowed;
    })
    .sort((a, b) => {
      const at = (a.updatedAt ?? '').localeCompare(b.updatedAt ?? '');
      return at !== 0 ? at : a.enquiryId < b.enquiryId ? -1 : a.enquiryId > b.enquiryId ? 1 : 0;
    });
}
