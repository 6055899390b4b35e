/**
 * Enquiry summaries: what a list of enquiries shows, computed from a replayed state and kept by
 * the store next to the log so listing never replays. Also the pieces every adapter shares to
 * keep them current: which details an enquiry's log sets, the lifecycle input the directory
 * gives it, and a cached state that new events resume from.
 */
import type { Community, Cycle, Person } from '../schema/directory.js';
import type { EnquiryDetails } from '../schema/enquiry.js';
import type { LifecycleInput } from '../lifecycle/enquiryMachine.js';
import { compareEvents, type DomainEvent } from '../lifecycle/events.js';
import { lifecycleInputFor, type CpdLeaderSource } from '../lifecycle/input.js';
import type { EnquiryCache, EnquiryState, ReplayLifecycle } from '../lifecycle/replayLifecycle.js';
import type { EnquiryFilter, EnquirySummary } from './store.js';

/**
 * The summary of an enquiry from its replayed state. An enquiry whose log has no accepted
 * `enquiry.create` yet (its events arrived first) has status `new`, an empty title and cycle id,
 * no owners and kind `individual` until the create event arrives.
 * @example
 * ```ts
 * const state = lifecycle.replay(await store.readLog('enq-1'), input);
 * const summary = summarizeEnquiry('enq-1', state);
 * summary.step; // 'question.review'
 * ```
 */
export function summarizeEnquiry(enquiryId: string, state: EnquiryState): EnquirySummary {
  const data = state.data;
  const details = data.details;
  return {
    enquiryId,
    title: details?.title ?? '',
    kind: details?.kind ?? 'individual',
    cycleId: details?.cycleId ?? '',
    themeId: details?.themeId,
    communityId: details?.communityId,
    ownerIds: [...(details?.ownerIds ?? [])],
    track: details?.track ?? 'plc',
    stage: state.stage,
    step: state.step,
    status: data.status,
    questionText: data.question.text,
    counts: {
      events: state.eventCount,
      observations: data.observations.length,
      evidence: data.evidence.length,
      refusals: state.refusals.length,
    },
    contributorIds: [...data.contributorIds],
    createdAt: data.createdAt,
    updatedAt: data.updatedAt,
    publishedAt: data.publishedAt,
  };
}

/**
 * The details an enquiry's log sets: the payload of its first `enquiry.create` in merge order
 * (later ones are refused by the lifecycle). Undefined while the log has none.
 */
export function enquiryDetailsOf(events: readonly DomainEvent[]): EnquiryDetails | undefined {
  let first: DomainEvent | undefined;
  for (const event of events) {
    if (event.type === 'enquiry.create' && (!first || compareEvents(event, first) < 0)) first = event;
  }
  return first?.payload as EnquiryDetails | undefined;
}

/** The directory records that decide an enquiry's lifecycle input. */
export interface InputSources {
  cycle: Cycle | undefined;
  community: Community | undefined;
  /** People who are CPD leaders, and (with `roles`/`pastRoles`) those who were. */
  cpdLeaders: ReadonlyArray<CpdLeaderSource>;
}

/** Whether a person is a CPD leader, who reviews individual projects' questions. */
export const isCpdLeader = (person: Pick<Person, 'roles'>): boolean => person.roles.includes('cpd-leader');

/**
 * A key that changes whenever the lifecycle input or the lifecycle's stages change: a cached
 * state is only resumed under the same key, otherwise the log is replayed.
 * @internal
 */
export function inputKeyOf(input: LifecycleInput, lifecycle: ReplayLifecycle): string {
  return JSON.stringify([
    lifecycle.stages,
    input.policy ?? null,
    [...(input.reviewerIds ?? [])].sort(),
    ...(input.pastPolicies?.length || input.pastReviewers?.length ? [input.pastPolicies ?? [], input.pastReviewers ?? []] : []),
  ]);
}

/** A replayed state as an adapter keeps it: the plain-JSON cache and the input it was made with. @internal */
export interface CachedEnquiry {
  enquiryId: string;
  inputKey: string;
  cache: EnquiryCache;
}

/** Resolves the lifecycle input of an enquiry whose details are `details`. @internal */
export function resolveInput(details: EnquiryDetails | undefined, sources: InputSources): LifecycleInput {
  return lifecycleInputFor(details, { cycle: sources.cycle, community: sources.community, cpdLeaders: sources.cpdLeaders });
}

/**
 * Continues a cached state with new events when the input is unchanged and none of them sorts
 * before the cached position; otherwise returns undefined and the caller replays the whole log.
 * @internal
 */
export function resumeCached(
  lifecycle: ReplayLifecycle,
  cached: CachedEnquiry | undefined,
  newEvents: readonly DomainEvent[],
  input: LifecycleInput,
  inputKey: string,
): EnquiryState | undefined {
  if (!cached || cached.inputKey !== inputKey) return undefined;
  return lifecycle.resume(lifecycle.restore(cached.cache, input), newEvents, input);
}

/** `<hlc>|<id>` (an `eventKey`) back into its parts. @internal */
export function parseEventKey(key: string | undefined): { hlc: string; id: string } | undefined {
  if (key === undefined) return undefined;
  const split = key.indexOf('|');
  return { hlc: key.slice(0, split), id: key.slice(split + 1) };
}

/**
 * Whether every event sorts after a cached position in merge order (`compareEvents`: clock
 * stamp, then id, the order of the IndexedDB index), so that reading the log after that
 * position finds them all.
 * @internal
 */
export function allSortAfter(events: readonly DomainEvent[], lastKey: string | undefined): boolean {
  const last = parseEventKey(lastKey);
  return last === undefined || events.every((event) => compareEvents(event, last) > 0);
}

/** Whether a summary matches every field of a filter. @internal */
export function matchesFilter(summary: EnquirySummary, filter: EnquiryFilter): boolean {
  return (
    (filter.cycleId === undefined || summary.cycleId === filter.cycleId) &&
    (filter.communityId === undefined || summary.communityId === filter.communityId) &&
    (filter.themeId === undefined || summary.themeId === filter.themeId) &&
    (filter.stage === undefined || summary.stage === filter.stage || summary.step === filter.stage) &&
    (filter.ownerId === undefined || summary.ownerIds.includes(filter.ownerId))
  );
}

/** Newest change first; enquiries with no accepted event last; then by id. @internal */
export function compareSummaries(a: EnquirySummary, b: EnquirySummary): number {
  const [ua, ub] = [a.updatedAt ?? '', b.updatedAt ?? ''];
  if (ua !== ub) return ua < ub ? 1 : -1;
  return a.enquiryId < b.enquiryId ? -1 : a.enquiryId > b.enquiryId ? 1 : 0;
}

/**
 * Which enquiries a directory write can change the lifecycle input of: a cycle's policy, a
 * community's lead, or who is a CPD leader. Undefined when none.
 * @internal
 */
export type InputImpact = { field: 'cycleId' | 'communityId'; id: string } | { field: 'all' } | undefined;

/** @internal */
export function inputImpactOf(collection: string, id: string, before: unknown, after: unknown): InputImpact {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const field = <T>(value: unknown, key: string): T | undefined => (value as Record<string, T> | undefined)?.[key];
  switch (collection) {
    case 'cycles':
      return same(field(before, 'policy'), field(after, 'policy')) ? undefined : { field: 'cycleId', id };
    case 'communities':
      return same(field(before, 'leadId'), field(after, 'leadId')) ? undefined : { field: 'communityId', id };
    case 'people': {
      const leader = (value: unknown) => Boolean(value && isCpdLeader(value as Pick<Person, 'roles'>));
      return leader(before) === leader(after) ? undefined : { field: 'all' };
    }
    default:
      return undefined;
  }
}

/** The summary and the cache entry of a replayed state. @internal */
export function snapshotOf(lifecycle: ReplayLifecycle, enquiryId: string, state: EnquiryState, inputKey: string): { summary: EnquirySummary; cached: CachedEnquiry } {
  return { summary: summarizeEnquiry(enquiryId, state), cached: { enquiryId, inputKey, cache: lifecycle.toCache(state) } };
}
