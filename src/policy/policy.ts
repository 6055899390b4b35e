/**
 * Who may do what, with reasons. One pure function, {@link decide}, answers "may this person do
 * this to this record?": the components call it to hide what a user may not do, and a server calls
 * the same function to enforce it. Everything it needs comes in the resource (the enquiry, its
 * community, the observation, the survey); it never reads a store, the clock or the network.
 *
 * The rules, in short:
 * - Any member of staff may read an enquiry (its question, stage and evidence) and start their own
 *   individual project; only the enquiry's members write to it.
 * - Only the community's lead reviews the driving question (a CPD leader for an individual project
 *   with no community); only the observed colleague shares an observation further.
 * - Observation notes are developmental, never evaluative: the enquiry's members, the observer, the
 *   observed colleague and whoever the observed colleague shared them with may read them. Line
 *   managers, CPD leaders and appraisal have no access of their own.
 * - CPD leaders see aggregates and published outcomes; PLC leads see their community's aggregates.
 *   Individual appraisal records are never shown to anyone.
 * - An anonymous student can only answer an open survey through its link.
 *
 * Membership always wins: a line manager or CPD leader who is a member of the enquiry reads its
 * notes as a member. The policy decides *who*; *when* (which stage accepts which event) is the
 * lifecycle's job, so an allowed event may still be refused by the lifecycle's guards.
 */
import type { Collection, Community, LearningWalk, Meeting, Person, Survey } from '../schema/directory.js';
import type { CoachingLogEntry, CoachingPair } from '../schema/coaching.js';
import type { EnquiryDetails, Observation } from '../schema/enquiry.js';
import type { EnquiryStatus } from '../lifecycle/enquiryMachine.js';
import { EVENT_PAYLOADS } from '../lifecycle/events.js';

/** The parts of a {@link Person} the policy reads. A full `Person` record fits. */
export type PolicyPerson = Pick<Person, 'id' | 'roles'>;

/**
 * Who is acting: a signed-in member of staff, or an anonymous student (who has no identity at
 * all: student voice is anonymous by construction).
 * @example
 * ```ts
 * const teacher: Actor = { kind: 'person', person: { id: 'p-ana', roles: ['teacher'] } };
 * const student: Actor = { kind: 'student' };
 * ```
 */
export type Actor = { kind: 'person'; person: PolicyPerson } | { kind: 'student' };

/** The parts of a {@link Community} the policy reads. */
export type PolicyCommunity = Pick<Community, 'id' | 'leadId' | 'memberIds' | 'coachIds'>;

/** The parts of an {@link Observation} the policy reads. */
export type PolicyObservation = Pick<Observation, 'id' | 'observerId' | 'observedId' | 'sharedWith'>;

/**
 * The parts of an enquiry the policy reads. The lifecycle's `EnquiryData` (a replayed enquiry)
 * fits as it is. An outcome counts as published when `publishedAt` is set.
 */
export interface PolicyEnquiry {
  details: Pick<EnquiryDetails, 'kind' | 'ownerIds' | 'communityId'> | undefined;
  observations: readonly PolicyObservation[];
  status: EnquiryStatus;
  publishedAt?: string | undefined;
}

/**
 * An enquiry and, for a group enquiry (or an individual project a community supports), its
 * community. A community whose id is not the enquiry's `communityId` is ignored, so passing the
 * wrong one can never grant access.
 */
export interface EnquiryContext {
  enquiry: PolicyEnquiry;
  community?: PolicyCommunity | undefined;
}

/** What an impact or participation figure is about. Integrators may name their own kinds. */
export type AggregateKind = 'impact' | 'participation' | 'learning-walk' | 'question-quality' | (string & {});

/**
 * The resource each action needs, by action. `decide` is typed on this table, so a caller cannot
 * forget the context a rule depends on.
 */
export interface PolicyResources {
  /** Read an enquiry: details, stage, question, evidence, observations without their notes. */
  'enquiry.read': EnquiryContext;
  /** Start an enquiry with these details (a group enquiry needs its community). */
  'enquiry.create': { details: Pick<EnquiryDetails, 'kind' | 'ownerIds' | 'communityId'>; community?: PolicyCommunity | undefined };
  /**
   * Append one domain event. `payload` refines the decision where the rule depends on it:
   * `observation.share` checks the observation named, `enquiry.create` the new details.
   */
  'event.append': EnquiryContext & { eventType: string; payload?: Record<string, unknown> | undefined };
  /** Read an observation's notes (strengths, wonderings, next steps). */
  'observation.read-notes': EnquiryContext & {
    observation: PolicyObservation;
    /** The observed colleague's record, if known: lets {@link rolesFor} name a line manager. */
    observed?: Pick<Person, 'id' | 'lineManagerId'> | undefined;
  };
  /** Read an enquiry's reflection and outcome. */
  'outcome.read': EnquiryContext;
  /** Read impact or participation figures, school-wide or (with `community`) for one community. */
  'aggregate.read': { kind: AggregateKind; community?: PolicyCommunity | undefined };
  /**
   * Write a directory record. `surveys` belong to an enquiry (pass it); `meetings` to a community
   * (pass it); survey responses are never written here (see `survey.respond`).
   */
  'directory.write': {
    collection: Collection;
    enquiry?: PolicyEnquiry | undefined;
    community?: PolicyCommunity | undefined;
    /** The cycle's communities: a learning walk may be recorded by any of their leads. */
    communities?: readonly PolicyCommunity[] | undefined;
    /** The record written (a coaching pair's arranger, a coaching log entry's pair and author). */
    record?: unknown;
  };
  /** Read appraisal records: figures across staff (`aggregate`) or one person's (`individual`). */
  'appraisal.read': { scope: 'aggregate' | 'individual' };
  /**
   * Answer a survey anonymously. `token` holds the claims of the survey link the host already
   * verified (the policy does no cryptography): which survey the link opens.
   */
  'survey.respond': { survey: Pick<Survey, 'id' | 'status'>; token?: { surveyId: string } | undefined };
  /** Read a survey's results: `aggregated: true` for counts, `false` for the raw answer sheets. */
  'survey.results.read': EnquiryContext & { aggregated: boolean };
  /** Read the comments a reviewer wrote when approving or returning the driving question. */
  'review.read': EnquiryContext;
  /**
   * Read one directory record. `community` is a meeting's community; `communities` the
   * communities of a learning walk's cycle (their leads read the walk).
   */
  'record.read': {
    collection: Collection;
    record: unknown;
    community?: PolicyCommunity | undefined;
    communities?: ReadonlyArray<PolicyCommunity & Pick<Community, 'cycleId'>> | undefined;
  };
  /**
   * Export the trust's data: `complete` is the whole backup (only the host's service token);
   * otherwise what the reader may read anyway (administrators).
   */
  'backup.export': { complete: boolean };
  /** Replace the trust's data with a complete backup. */
  'backup.import': Record<string, never>;
  /** Read (and download) an Open Badges credential, which names the person it was issued to. */
  'credential.read': { recipientId: string };
  /**
   * Make the VLE link (or place in a VLE course) of a published outcome: `audiences` are the ones
   * its members published it for. The VLE page is read by anyone with the link (docs/privacy.md,
   * outcome-vle-page), so only an outcome published with the VLE among its audiences is posted.
   */
  'outcome.post-vle': EnquiryContext & { audiences: readonly string[] };
  /** Stop sharing a VLE link: who made it and, for an outcome's link, its enquiry (whose members may). */
  'vle.revoke': { createdBy: string; enquiry?: EnquiryContext | undefined };
  /** Give one anonymous answer sheet to a cycle's staff feedback survey (once: the server keeps the receipt). */
  'staff-feedback.answer': { survey: { status: 'open' | 'closed' } };
  /** Read a staff feedback survey's participation count and, once closed, its results. */
  'staff-feedback.results.read': Record<string, never>;
}

/** An action the policy decides on. */
export type PolicyAction = keyof PolicyResources;

/**
 * Every action, in a stable order (for tables, docs and tests).
 * @example
 * ```ts
 * for (const action of POLICY_ACTIONS) console.log(action);
 * ```
 */
export const POLICY_ACTIONS: readonly PolicyAction[] = [
  'enquiry.read',
  'enquiry.create',
  'event.append',
  'observation.read-notes',
  'outcome.read',
  'aggregate.read',
  'directory.write',
  'appraisal.read',
  'survey.respond',
  'survey.results.read',
  'review.read',
  'record.read',
  'backup.export',
  'backup.import',
  'credential.read',
  'outcome.post-vle',
  'vle.revoke',
  'staff-feedback.answer',
  'staff-feedback.results.read',
];

/**
 * Why an action is refused, in English, by stable code. Components translate by code (the
 * reasons take no parameters), so this table is the source of the locale catalogue's entries.
 * @example
 * ```ts
 * const decision = decide(actor, 'outcome.read', { enquiry });
 * if (!decision.allowed) show(translate(decision.code) ?? POLICY_REASONS[decision.code]);
 * ```
 */
export const POLICY_REASONS = {
  'student-not-allowed': 'Students can only answer a survey, through the link they were given.',
  'enquiry-archived': 'This enquiry is archived: it can be read but no longer changed.',
  'community-required': "This enquiry belongs to a community that could not be found, so membership cannot be checked.",
  'details-missing': "The new enquiry's details are missing.",
  'already-created': 'This enquiry already exists: its owners are the ones it was started with, and no one can start it again.',
  'not-member': "Only the enquiry's members can change it.",
  'not-owner': 'An individual project can only be started by the teacher it belongs to.',
  'not-community-member': "Only the community's lead and members can start a group enquiry for it.",
  'not-reviewer':
    'Only the community lead can review the driving question (a CPD leader for an individual project with no community).',
  'not-observed-colleague': 'Only the colleague who was observed can share the observation notes.',
  'record-unshared':
    'Record the observation without sharing it: only the colleague who was observed can share the notes about her lesson, afterwards.',
  'notes-private':
    "Observation notes are developmental: only the enquiry's members, the observer, the observed colleague and the people they share them with can read them, not line managers or appraisal.",
  'outcome-unpublished': "This outcome is not published yet: only the enquiry's members can read it.",
  'not-aggregate-reader': 'Impact and participation figures are for CPD leaders, and for PLC leads about their own community.',
  'not-directory-writer': "Only CPD leaders and administrators can change the programme's records.",
  'not-meeting-writer': "Only the community's lead, members and coaches, CPD leaders and administrators can record its meetings.",
  'not-walk-leader': 'Only CPD leaders, administrators and community leads can record learning walks.',
  'not-session-planner': 'Only CPD leaders can plan sharing sessions, invite their presenters and record who came.',
  'use-survey-link': "Survey answers are only ever given anonymously through the survey's link.",
  'not-appraisal-reader': 'Appraisal figures are for CPD leaders and administrators.',
  'appraisal-aggregate-only': 'Individual appraisal records are never shown; only figures across staff are.',
  'survey-token-missing': 'This survey is answered through the link its teacher shared.',
  'survey-token-mismatch': 'This link opens a different survey.',
  'survey-not-open': 'This survey is not open for answers.',
  'responses-anonymous': 'Student-voice answers are anonymous: they can only be read as aggregated results.',
  'results-members-only': "Student-voice results are for the enquiry's members.",
  'review-private': "The reviewer's comments are for the enquiry's members and its reviewers.",
  'credential-private': 'A credential names the person it was issued to: only they and CPD leaders can read it.',
  'record-private': 'This record is for the people it concerns.',
  'backup-service-only':
    "A complete backup holds everyone's notes, appraisal records and answer sheets: only the host's service token can export one. Administrators export what they may read.",
  'not-admin': "Only the trust's administrators can export or import its data.",
  'unknown-action': 'This action is not one the policy knows.',
  'outcome-not-for-vle': 'This outcome was not published for the VLE: its members can add the VLE to its audiences and publish it again.',
  'not-pair-arranger': 'Only CPD leaders, administrators and coaches can pair colleagues, and a coach changes only the pairs they arranged.',
  'coaching-log-private': "A coaching pair's log is for the two colleagues of the pair only, as observation notes are.",
  'not-vle-revoker': "Only whoever made this VLE link, the outcome's members, CPD leaders and administrators can stop sharing it.",
  'not-staff-feedback-reader': "A staff feedback survey's results are for CPD leaders and administrators.",
} as const;

/** A stable code for why the policy refused an action. */
export type PolicyCode = keyof typeof POLICY_REASONS;

/**
 * The policy's answer: allowed, or refused with a stable code and a readable English reason.
 * @example
 * ```ts
 * const decision: PolicyDecision = decide(actor, 'enquiry.read', { enquiry });
 * if (!decision.allowed) console.log(decision.code, decision.reason);
 * ```
 */
export type PolicyDecision = { allowed: true } | { allowed: false; code: PolicyCode; reason: string };

/**
 * The policy's answer without its text: allowed, or refused with a stable code. What
 * {@link verdict} gives, for callers that only hide actions or translate by code, so the English
 * reasons ({@link POLICY_REASONS}) stay out of their bundle.
 */
export type PolicyVerdict = { allowed: true } | { allowed: false; code: PolicyCode };

/**
 * A role a person holds towards a record. Programme roles (`cpd-leader`, `admin`) come from the
 * person; the others from the records in the context.
 * - `teacher`: any member of staff.
 * - `owner`: one of the enquiry's owners.
 * - `member`: an enquiry member: an owner or, for a group enquiry, the community's lead or one of
 *   its members. Without an enquiry in the context, a member of the community given.
 * - `lead`, `coach`: the community's lead, one of its coaches.
 * - `observer`, `observed-colleague`, `shared-with`, `line-manager`: towards the observation given
 *   (a line manager only when the observed colleague's record is given).
 * - `student`: an anonymous student.
 */
export type PolicyRole =
  | 'student'
  | 'teacher'
  | 'owner'
  | 'member'
  | 'lead'
  | 'coach'
  | 'cpd-leader'
  | 'admin'
  | 'observer'
  | 'observed-colleague'
  | 'shared-with'
  | 'line-manager';

/** The records {@link rolesFor} derives roles from; each is optional. */
export interface RoleContext {
  enquiry?: PolicyEnquiry | undefined;
  community?: PolicyCommunity | undefined;
  observation?: PolicyObservation | undefined;
  observed?: Pick<Person, 'id' | 'lineManagerId'> | undefined;
}

const ROLE_ORDER: readonly PolicyRole[] = [
  'student',
  'teacher',
  'owner',
  'member',
  'lead',
  'coach',
  'cpd-leader',
  'admin',
  'observer',
  'observed-colleague',
  'shared-with',
  'line-manager',
];

const ALLOW: PolicyVerdict = Object.freeze({ allowed: true });

function refuse(code: PolicyCode): PolicyVerdict {
  return { allowed: false, code };
}

/** The community that counts for this context: the enquiry's own, never another. */
function communityOf(context: { enquiry?: PolicyEnquiry | undefined; community?: PolicyCommunity | undefined }) {
  const { enquiry, community } = context;
  if (!community) return undefined;
  if (!enquiry) return community;
  return enquiry.details?.communityId === community.id ? community : undefined;
}

/** Whether the decision depends on a group enquiry's community that was not supplied. */
function communityMissing(context: EnquiryContext): boolean {
  const details = context.enquiry.details;
  return details?.kind === 'group' && details.communityId !== undefined && communityOf(context) === undefined;
}

/**
 * The members of an enquiry: its owners and, for a group enquiry, its community's lead and
 * members (the people a published enquiry earns a credential).
 */
export function enquiryMemberIds(context: EnquiryContext): string[] {
  const details = context.enquiry.details;
  if (!details) return [];
  const community = details.kind === 'group' ? communityOf(context) : undefined;
  return [...new Set([...details.ownerIds, ...(community ? [community.leadId, ...community.memberIds] : [])])];
}

function isEnquiryMember(personId: string, context: EnquiryContext): boolean {
  const details = context.enquiry.details;
  if (!details) return false;
  if (details.ownerIds.includes(personId)) return true;
  if (details.kind !== 'group') return false;
  const community = communityOf(context);
  return Boolean(community && (community.leadId === personId || community.memberIds.includes(personId)));
}

function hasRole(person: PolicyPerson, role: Person['roles'][number]): boolean {
  return person.roles.includes(role);
}

/** A member of the enquiry, else refused (saying so when the community needed was missing). */
function memberOnly(person: PolicyPerson, context: EnquiryContext, code: PolicyCode): PolicyVerdict {
  if (isEnquiryMember(person.id, context)) return ALLOW;
  return refuse(communityMissing(context) ? 'community-required' : code);
}

/**
 * The roles a person (or an anonymous student) holds towards the records given. Use it to explain
 * a screen ("you see this as the observed colleague") or to write rules of your own; the policy's
 * own rules are in {@link decide}.
 * @example
 * ```ts
 * rolesFor({ kind: 'person', person: lee }, { enquiry, community });
 * // ['teacher', 'member', 'lead']
 * rolesFor({ kind: 'student' }, { enquiry }); // ['student']
 * ```
 */
export function rolesFor(actor: Actor, context: RoleContext = {}): PolicyRole[] {
  if (actor.kind === 'student') return ['student'];
  const { person } = actor;
  const roles = new Set<PolicyRole>(['teacher']);
  const community = communityOf(context);
  if (context.enquiry) {
    if (context.enquiry.details?.ownerIds.includes(person.id)) roles.add('owner');
    if (isEnquiryMember(person.id, { enquiry: context.enquiry, community })) roles.add('member');
  } else if (community?.memberIds.includes(person.id)) {
    roles.add('member');
  }
  if (community?.leadId === person.id) roles.add('lead');
  if (community?.coachIds.includes(person.id)) roles.add('coach');
  if (hasRole(person, 'cpd-leader')) roles.add('cpd-leader');
  if (hasRole(person, 'admin')) roles.add('admin');
  const observation = context.observation;
  if (observation) {
    if (observation.observerId === person.id) roles.add('observer');
    if (observation.observedId === person.id) roles.add('observed-colleague');
    if (observation.sharedWith.includes(person.id)) roles.add('shared-with');
  }
  const observed = context.observed;
  if (observed && observed.lineManagerId === person.id && (!observation || observation.observedId === observed.id)) {
    roles.add('line-manager');
  }
  return ROLE_ORDER.filter((role) => roles.has(role));
}

function asDetails(value: unknown): PolicyResources['enquiry.create']['details'] | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { kind, ownerIds, communityId } = value as Record<string, unknown>;
  if ((kind !== 'group' && kind !== 'individual') || !Array.isArray(ownerIds)) return undefined;
  return {
    kind,
    ownerIds: ownerIds.filter((id): id is string => typeof id === 'string'),
    communityId: typeof communityId === 'string' ? communityId : undefined,
  };
}

function decideCreate(person: PolicyPerson, resource: PolicyResources['enquiry.create']): PolicyVerdict {
  const { details, community } = resource;
  if (details.kind === 'individual') return details.ownerIds.includes(person.id) ? ALLOW : refuse('not-owner');
  if (!community || community.id !== details.communityId) return refuse('community-required');
  return community.leadId === person.id || community.memberIds.includes(person.id) ? ALLOW : refuse('not-community-member');
}

function decideReview(person: PolicyPerson, context: EnquiryContext): PolicyVerdict {
  const details = context.enquiry.details;
  if (!details) return refuse('not-reviewer');
  if (details.communityId !== undefined) {
    const community = communityOf(context);
    if (!community) return refuse('community-required');
    return community.leadId === person.id ? ALLOW : refuse('not-reviewer');
  }
  return hasRole(person, 'cpd-leader') ? ALLOW : refuse('not-reviewer');
}

function decideAppend(person: PolicyPerson, resource: PolicyResources['event.append']): PolicyVerdict {
  if (resource.enquiry.status === 'archived') return refuse('enquiry-archived');
  switch (resource.eventType) {
    case 'enquiry.create': {
      // An enquiry's owners are what its first create says: no create, earlier or later dated,
      // ever replaces them (the caller passes the enquiry as stored, not a prefix of it).
      if (resource.enquiry.status !== 'new' || resource.enquiry.details) return refuse('already-created');
      const details = asDetails(resource.payload);
      if (!details) return refuse('details-missing');
      return decideCreate(person, { details, community: resource.community });
    }
    case 'observation.record': {
      // Recorded unshared: only the observed colleague widens who reads notes about her lesson.
      const shared = resource.payload?.['sharedWith'];
      if (Array.isArray(shared) && shared.length > 0 && resource.payload?.['observedId'] !== person.id) return refuse('record-unshared');
      return memberOnly(person, resource, 'not-member');
    }
    case 'question.approve':
    case 'question.return':
      return decideReview(person, resource);
    case 'observation.share': {
      const observationId = resource.payload?.['observationId'];
      const own = resource.enquiry.observations.filter((o) => o.observedId === person.id);
      const allowed = typeof observationId === 'string' ? own.some((o) => o.id === observationId) : own.length > 0;
      return allowed ? ALLOW : refuse('not-observed-colleague');
    }
    default:
      // Every other event, integrators' included: only the enquiry's members write to it.
      return memberOnly(person, resource, 'not-member');
  }
}

function decideNotes(person: PolicyPerson, resource: PolicyResources['observation.read-notes']): PolicyVerdict {
  const { observation, enquiry } = resource;
  if (observation.observedId === person.id || observation.observerId === person.id || observation.sharedWith.includes(person.id)) {
    return ALLOW;
  }
  // Membership grants notes only for the enquiry's own observations.
  if (!enquiry.observations.some((o) => o.id === observation.id)) return refuse('notes-private');
  return memberOnly(person, resource, 'notes-private');
}

function decideDirectoryWrite(person: PolicyPerson, resource: PolicyResources['directory.write']): PolicyVerdict {
  const programmeWriter = hasRole(person, 'cpd-leader') || hasRole(person, 'admin');
  switch (resource.collection) {
    case 'surveyResponses':
      return refuse('use-survey-link');
    case 'surveys':
      if (!resource.enquiry) return refuse('not-member');
      return memberOnly(person, { enquiry: resource.enquiry, community: resource.community }, 'not-member');
    case 'meetings': {
      if (programmeWriter) return ALLOW;
      const community = resource.community;
      if (!community) return refuse('community-required');
      const inCommunity =
        community.leadId === person.id || community.memberIds.includes(person.id) || community.coachIds.includes(person.id);
      return inCommunity ? ALLOW : refuse('not-meeting-writer');
    }
    case 'sharingSessions':
      // Planning the programme is the CPD leader's job; every member of staff reads it.
      return hasRole(person, 'cpd-leader') ? ALLOW : refuse('not-session-planner');
    case 'learningWalks': {
      if (programmeWriter) return ALLOW;
      const leads = [resource.community, ...(resource.communities ?? [])].some((c) => c?.leadId === person.id);
      return leads ? ALLOW : refuse('not-walk-leader');
    }
    case 'coachingPairs': {
      if (programmeWriter) return ALLOW;
      const pair = resource.record as Partial<CoachingPair> | undefined;
      return hasRole(person, 'coach') && pair?.arrangedById === person.id ? ALLOW : refuse('not-pair-arranger');
    }
    case 'coachingLogs': {
      // Not even programme writers: the log is the pair's own, as observation notes are.
      const entry = resource.record as Partial<CoachingLogEntry> | undefined;
      return entry?.authorId === person.id && entry.memberIds?.includes(person.id) ? ALLOW : refuse('coaching-log-private');
    }
    default:
      return programmeWriter ? ALLOW : refuse('not-directory-writer');
  }
}

/**
 * Who reads a directory record (docs/privacy.md): programme records and people's public fields
 * are for all staff; meetings for their community and programme leaders; learning walks' lessons
 * for programme leaders, the walk's leaders and the cycle's community leads; individual
 * appraisal records and answer sheets for no person at all (aggregates only).
 */
function decideRecordRead(person: PolicyPerson, resource: PolicyResources['record.read']): PolicyVerdict {
  const programme = hasRole(person, 'cpd-leader') || hasRole(person, 'admin');
  switch (resource.collection) {
    case 'appraisals':
      return refuse('appraisal-aggregate-only');
    case 'surveyResponses':
      return refuse('responses-anonymous');
    case 'meetings': {
      if (programme) return ALLOW;
      const community = resource.community;
      const meeting = resource.record as Partial<Meeting> | undefined;
      if (!community || community.id !== meeting?.communityId) return refuse('record-private');
      const inCommunity = community.leadId === person.id || community.memberIds.includes(person.id) || community.coachIds.includes(person.id);
      return inCommunity ? ALLOW : refuse('record-private');
    }
    case 'learningWalks': {
      if (programme) return ALLOW;
      const walk = resource.record as Partial<LearningWalk> | undefined;
      if (walk?.leaderIds?.includes(person.id)) return ALLOW;
      const leads = (resource.communities ?? []).some((c) => c.leadId === person.id && c.cycleId === walk?.cycleId);
      return leads ? ALLOW : refuse('record-private');
    }
    case 'coachingPairs': {
      // Who coaches whom is as private as an observation's fact: the pair and who arranges pairs.
      const pair = resource.record as Partial<CoachingPair> | undefined;
      return programme || pair?.personIds?.includes(person.id) || pair?.arrangedById === person.id ? ALLOW : refuse('record-private');
    }
    case 'coachingLogs': {
      const entry = resource.record as Partial<CoachingLogEntry> | undefined;
      return entry?.memberIds?.includes(person.id) ? ALLOW : refuse('coaching-log-private');
    }
    default:
      return ALLOW;
  }
}

function decideSurveyRespond(resource: PolicyResources['survey.respond']): PolicyVerdict {
  if (!resource.token) return refuse('survey-token-missing');
  if (resource.token.surveyId !== resource.survey.id) return refuse('survey-token-mismatch');
  return resource.survey.status === 'open' ? ALLOW : refuse('survey-not-open');
}

/**
 * Decides whether `actor` may perform `action` on `resource`. Pure and synchronous: the same
 * inputs always give the same answer, in a component (to hide an action) and on a server (to
 * enforce it). Every refusal has a stable `code` (translate by it) and an English `reason`.
 *
 * When a rule depends on a group enquiry's community and none (or another one) is given, the
 * answer is a refusal with code `community-required`: the policy fails closed.
 * @example
 * ```ts
 * const ana: Actor = { kind: 'person', person: { id: 'p-ana', roles: ['teacher'] } };
 * decide(ana, 'event.append', { enquiry, community, eventType: 'question.draft' });
 * // { allowed: true } when Ana is a member of the enquiry
 * decide(ana, 'observation.read-notes', { enquiry, community, observation });
 * // { allowed: false, code: 'notes-private', reason: 'Observation notes are developmental: ...' }
 * decide({ kind: 'student' }, 'survey.respond', { survey, token: { surveyId: survey.id } });
 * // { allowed: true } while the survey is open
 * ```
 */
export function decide<A extends PolicyAction>(actor: Actor, action: A, resource: PolicyResources[A]): PolicyDecision {
  const answer = verdict(actor, action, resource);
  return answer.allowed ? answer : { ...answer, reason: POLICY_REASONS[answer.code] };
}

/**
 * {@link decide} without the English reason: the same answer and code for the same inputs. The
 * elements and the redaction use it, since they hide actions or translate by code.
 * @example
 * ```ts
 * if (verdict(actor, 'outcome.read', { enquiry, community }).allowed) showOutcome();
 * ```
 */
export function verdict<A extends PolicyAction>(actor: Actor, action: A, resource: PolicyResources[A]): PolicyVerdict {
  if (action === 'survey.respond') return decideSurveyRespond(resource as PolicyResources['survey.respond']);
  if (!(POLICY_ACTIONS as readonly string[]).includes(action)) return refuse('unknown-action');
  if (actor.kind === 'student') return refuse('student-not-allowed');
  const person = actor.person;
  switch (action as PolicyAction) {
    case 'enquiry.read':
      return ALLOW;
    case 'enquiry.create':
      return decideCreate(person, resource as PolicyResources['enquiry.create']);
    case 'event.append':
      return decideAppend(person, resource as PolicyResources['event.append']);
    case 'observation.read-notes':
      return decideNotes(person, resource as PolicyResources['observation.read-notes']);
    case 'outcome.read': {
      const context = resource as PolicyResources['outcome.read'];
      return context.enquiry.publishedAt ? ALLOW : memberOnly(person, context, 'outcome-unpublished');
    }
    case 'aggregate.read': {
      const { community } = resource as PolicyResources['aggregate.read'];
      if (hasRole(person, 'cpd-leader')) return ALLOW;
      return community?.leadId === person.id ? ALLOW : refuse('not-aggregate-reader');
    }
    case 'directory.write':
      return decideDirectoryWrite(person, resource as PolicyResources['directory.write']);
    case 'appraisal.read': {
      const { scope } = resource as PolicyResources['appraisal.read'];
      if (scope !== 'aggregate') return refuse('appraisal-aggregate-only');
      return hasRole(person, 'cpd-leader') || hasRole(person, 'admin') ? ALLOW : refuse('not-appraisal-reader');
    }
    case 'survey.results.read': {
      const context = resource as PolicyResources['survey.results.read'];
      if (context.aggregated !== true) return refuse('responses-anonymous');
      return memberOnly(person, context, 'results-members-only');
    }
    case 'review.read': {
      const context = resource as PolicyResources['review.read'];
      if (isEnquiryMember(person.id, context) || decideReview(person, context).allowed) return ALLOW;
      return refuse(communityMissing(context) ? 'community-required' : 'review-private');
    }
    case 'record.read':
      return decideRecordRead(person, resource as PolicyResources['record.read']);
    case 'backup.export': {
      const { complete } = resource as PolicyResources['backup.export'];
      if (complete) return refuse('backup-service-only');
      return hasRole(person, 'admin') ? ALLOW : refuse('not-admin');
    }
    case 'backup.import':
      return hasRole(person, 'admin') ? ALLOW : refuse('not-admin');
    case 'credential.read': {
      const { recipientId } = resource as PolicyResources['credential.read'];
      return recipientId === person.id || hasRole(person, 'cpd-leader') ? ALLOW : refuse('credential-private');
    }
    case 'outcome.post-vle': {
      const context = resource as PolicyResources['outcome.post-vle'];
      if (!context.enquiry.publishedAt) return refuse('outcome-unpublished');
      return context.audiences.includes('vle') ? ALLOW : refuse('outcome-not-for-vle');
    }
    case 'vle.revoke': {
      const { createdBy, enquiry } = resource as PolicyResources['vle.revoke'];
      const mayStop = createdBy === person.id || hasRole(person, 'cpd-leader') || hasRole(person, 'admin') || (enquiry && isEnquiryMember(person.id, enquiry));
      return mayStop ? ALLOW : refuse('not-vle-revoker');
    }
    case 'staff-feedback.answer':
      // Every member of staff, including leaders: the programme is everyone's to judge.
      return (resource as PolicyResources['staff-feedback.answer']).survey.status === 'open' ? ALLOW : refuse('survey-not-open');
    case 'staff-feedback.results.read':
      return hasRole(person, 'cpd-leader') || hasRole(person, 'admin') ? ALLOW : refuse('not-staff-feedback-reader');
    default:
      return refuse('unknown-action');
  }
}

/** Extra context for {@link allowedEventTypes}. */
export interface AllowedEventTypesOptions {
  /** The enquiry's community, for a group enquiry's members and lead. */
  community?: PolicyCommunity | undefined;
  /** The event types to consider; every built-in type by default. Add integrators' types here. */
  eventTypes?: readonly string[] | undefined;
}

/**
 * The event types `actor` may append to `enquiry`, so a component hides the actions for the rest.
 * This says who, not when: the lifecycle may still refuse an allowed type in the current stage.
 * `observation.share` is listed when the actor was observed in at least one of the observations.
 * @example
 * ```ts
 * const types = allowedEventTypes(actor, enquiry, { community });
 * approveButton.hidden = !types.includes('question.approve');
 * ```
 */
export function allowedEventTypes(actor: Actor, enquiry: PolicyEnquiry, options: AllowedEventTypesOptions = {}): string[] {
  const eventTypes = options.eventTypes ?? Object.keys(EVENT_PAYLOADS);
  return eventTypes.filter((eventType) => verdict(actor, 'event.append', { enquiry, community: options.community, eventType }).allowed);
}
