/**
 * What replay needs from the directory: the cycle's policy and who may review the question.
 * Kept pure so a store, a server and a component all resolve it the same way.
 */
import type { Community, Cycle, Person } from '../schema/directory.js';
import { DEFAULT_POLICY } from '../schema/directory.js';
import type { EnquiryDetails } from '../schema/enquiry.js';
import type { LifecycleInput } from './enquiryMachine.js';

/**
 * Resolves the lifecycle input for an enquiry: its cycle's policy (the default policy if the
 * cycle is unknown) and its reviewers: the lead of its community (a group enquiry's, or an
 * individual project's supporting community), or, with no community, every CPD leader. This is
 * the same rule as the policy's `question.approve` (src/policy).
 */
export function lifecycleInputFor(
  details: Pick<EnquiryDetails, 'cycleId' | 'communityId'> | undefined,
  directory: { cycle?: Cycle | undefined; community?: Community | undefined; cpdLeaders?: readonly Pick<Person, 'id'>[] },
): LifecycleInput {
  const reviewerIds = new Set<string>();
  if (directory.community && details?.communityId && directory.community.id === details.communityId) {
    reviewerIds.add(directory.community.leadId);
  } else {
    for (const leader of directory.cpdLeaders ?? []) reviewerIds.add(leader.id);
  }
  return {
    policy: directory.cycle && directory.cycle.id === details?.cycleId ? directory.cycle.policy : DEFAULT_POLICY,
    reviewerIds: [...reviewerIds],
  };
}
