/**
 * What replay needs from the directory: the cycle's policy and who may review the question.
 * Kept pure so a store, a server and a component all resolve it the same way.
 */
import type { Community, Cycle, Person } from '../schema/directory.js';
import { DEFAULT_POLICY } from '../schema/directory.js';
import type { EnquiryDetails } from '../schema/enquiry.js';
import type { LifecycleInput, PastReviewer } from './enquiryMachine.js';

/** A person who is, or was, a CPD leader: `roles` now, `pastRoles` for the terms that ended. */
export type CpdLeaderSource = Pick<Person, 'id'> & Partial<Pick<Person, 'roles' | 'pastRoles'>>;

/**
 * Resolves the lifecycle input for an enquiry: its cycle's policy (the default policy if the
 * cycle is unknown) and its reviewers: the lead of its community (a group enquiry's, or an
 * individual project's supporting community), or, with no community, every CPD leader. This is
 * the same rule as the policy's `question.approve` (src/policy).
 *
 * It also carries the directory's history: the cycle's earlier policies, the community's
 * earlier leads, the people who were CPD leaders until a date. A step in the log is judged by
 * the rules and reviewers of its time, so no directory change alters a past decision.
 * `cpdLeaders` lists people who are CPD leaders; with `roles`/`pastRoles` given, those who were.
 */
export function lifecycleInputFor(
  details: Pick<EnquiryDetails, 'cycleId' | 'communityId'> | undefined,
  directory: { cycle?: Cycle | undefined; community?: Community | undefined; cpdLeaders?: readonly CpdLeaderSource[] },
): LifecycleInput {
  const reviewerIds = new Set<string>();
  const pastReviewers: PastReviewer[] = [];
  if (directory.community && details?.communityId && directory.community.id === details.communityId) {
    reviewerIds.add(directory.community.leadId);
    for (const past of directory.community.pastLeads ?? []) pastReviewers.push({ personId: past.personId, until: past.until });
  } else {
    for (const leader of directory.cpdLeaders ?? []) {
      if (!leader.roles || leader.roles.includes('cpd-leader')) reviewerIds.add(leader.id);
      for (const past of leader.pastRoles ?? []) if (past.role === 'cpd-leader') pastReviewers.push({ personId: leader.id, until: past.until });
    }
  }
  const cycle = directory.cycle && directory.cycle.id === details?.cycleId ? directory.cycle : undefined;
  return {
    policy: cycle ? cycle.policy : DEFAULT_POLICY,
    reviewerIds: [...reviewerIds].sort(),
    ...(cycle?.pastPolicies?.length ? { pastPolicies: cycle.pastPolicies.map((p) => ({ policy: p.policy, until: p.until })) } : {}),
    ...(pastReviewers.length ? { pastReviewers: pastReviewers.sort((a, b) => (a.personId + a.until < b.personId + b.until ? -1 : 1)) } : {}),
  };
}
