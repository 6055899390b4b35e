/**
 * What each reader receives: the read table of docs/privacy.md applied to an observation, an
 * event of an enquiry's log and a directory record. The server sends every event, summary and
 * record through these functions, per reader; a component renders the same view offline with
 * them. The decisions themselves are {@link verdict}'s: this module only shapes the answer.
 * @module
 */
import type { DomainEvent } from '../lifecycle/events.js';
import type { EnquiryData } from '../lifecycle/enquiryMachine.js';
import type { Collection, Community, Person } from '../schema/directory.js';
import type { Observation } from '../schema/enquiry.js';
import { verdict, type Actor, type EnquiryContext, type PolicyCommunity, type PolicyEnquiry, type PolicyObservation } from './policy.js';

/** The id that stands for a person a reader may not know of (an observation's author, observer, observed colleague). */
export const HIDDEN = 'hidden';

/** The observation fields that hold its developmental notes. */
export const OBSERVATION_NOTE_FIELDS = ['strengths', 'wonderings', 'nextSteps'] as const;

/** An observation field that holds notes. */
export type ObservationNoteField = (typeof OBSERVATION_NOTE_FIELDS)[number];

/** The observation fields that say that it happened: who observed whom, which class, when, with what focus, shared with whom. */
export const OBSERVATION_FACT_FIELDS = ['observerId', 'observedId', 'className', 'date', 'focus', 'sharedWith'] as const;

/** An observation field that is part of the fact of the observation. */
export type ObservationFactField = (typeof OBSERVATION_FACT_FIELDS)[number];

/**
 * An observation as one reader may see it: whole, or only its id, marked `notesHidden` and
 * `factHidden` so a component can say why the rest is missing. The fact of an observation is as
 * private as its notes (docs/privacy.md).
 */
export type VisibleObservation<O extends PolicyObservation = Observation> =
  | O
  | (Omit<O, ObservationNoteField | ObservationFactField> & { notesHidden: true; factHidden: true });

/** Extra context for {@link visibleObservation}. */
export interface VisibleObservationOptions {
  /** The enquiry's community, for a group enquiry's members. */
  community?: PolicyCommunity | undefined;
}

/**
 * The observation as `actor` may see it: unchanged (the same object) when they may read it,
 * otherwise a copy with neither its notes nor its fact (observer, observed colleague, class,
 * date, focus, sharing). A server filters every observation it sends with this, per reader; a
 * component uses it to render the same view offline.
 * @example
 * ```ts
 * const forReader = enquiry.observations.map((o) => visibleObservation(actor, o, enquiry, { community }));
 * if ('factHidden' in forReader[0]) showObservationIsPrivate();
 * ```
 */
export function visibleObservation<O extends PolicyObservation>(
  actor: Actor,
  observation: O,
  enquiry: PolicyEnquiry,
  options: VisibleObservationOptions = {},
): VisibleObservation<O> {
  if (verdict(actor, 'observation.read-notes', { enquiry, community: options.community, observation }).allowed) return observation;
  const rest: Record<string, unknown> = { ...observation };
  for (const field of [...OBSERVATION_NOTE_FIELDS, ...OBSERVATION_FACT_FIELDS]) delete rest[field];
  return { ...(rest as Omit<O, ObservationNoteField | ObservationFactField>), notesHidden: true, factHidden: true };
}

/**
 * The event types whose payload a reader may see only in part. When who may see them changes
 * (an observation shared, an outcome published, a community's members or lead changed) a server
 * sends them again, and a client replaces its copy.
 */
export const FILTERED_EVENT_TYPES = [
  'observation.record',
  'observation.share',
  'question.approve',
  'question.return',
  'reflection.save',
  'outcome.save',
] as const;

/** The enquiry's current observation with this id (every share applied), else the one given. */
const currentObservation = (context: EnquiryContext, id: unknown, fallback?: PolicyObservation): PolicyObservation | undefined =>
  context.enquiry.observations.find((o) => o.id === id) ?? fallback;

/**
 * An event as `actor` may see it (docs/privacy.md, "What leaves the server"), or undefined when
 * they may not read the enquiry at all. What they may not read is replaced by placeholders that
 * still pass the event's schema, so their replay reaches the same stage as everyone else's:
 * - an observation they may not read keeps only its id: observer and observed colleague read
 *   {@link HIDDEN}, class and notes are empty, the focus is a placeholder, the date is the day it
 *   was recorded, and the event's author is hidden (`factHidden`, `notesHidden`);
 * - a share of such an observation shows neither who shared it nor with whom;
 * - a reviewer's comment is removed (`commentHidden`);
 * - an unpublished reflection or outcome is empty (`hidden`).
 * @example
 * ```ts
 * const sent = log.map((event) => eventForReader(actor, event, { enquiry: state.data, community })).filter(Boolean);
 * ```
 */
export function eventForReader(actor: Actor, event: DomainEvent, context: EnquiryContext): DomainEvent | undefined {
  if (!verdict(actor, 'enquiry.read', context).allowed) return undefined;
  const { enquiry, community } = context;
  const canRead = (observation: PolicyObservation | undefined) =>
    observation !== undefined && verdict(actor, 'observation.read-notes', { enquiry, community, observation }).allowed;
  switch (event.type) {
    case 'observation.record': {
      const payload = event.payload as unknown as Observation;
      if (canRead(currentObservation(context, payload.id, payload))) return event;
      const hidden: Observation & { notesHidden: true; factHidden: true } = {
        id: payload.id,
        observerId: HIDDEN,
        observedId: HIDDEN,
        className: '',
        date: event.at.slice(0, 10),
        focus: HIDDEN,
        strengths: '',
        wonderings: '',
        nextSteps: '',
        sharedWith: [],
        notesHidden: true,
        factHidden: true,
      };
      return { ...event, authorId: HIDDEN, payload: hidden };
    }
    case 'observation.share': {
      const observationId = event.payload['observationId'];
      if (canRead(currentObservation(context, observationId))) return event;
      return { ...event, authorId: HIDDEN, payload: { observationId, personIds: [HIDDEN], factHidden: true } };
    }
    case 'question.approve':
    case 'question.return': {
      if (event.payload['comment'] === undefined || verdict(actor, 'review.read', context).allowed) return event;
      return { ...event, payload: event.type === 'question.return' ? { comment: '…', commentHidden: true } : { commentHidden: true } };
    }
    case 'reflection.save':
      if (verdict(actor, 'outcome.read', context).allowed) return event;
      return { ...event, payload: { whatWorked: '', whatDidNot: '', nextSteps: '', hidden: true } };
    case 'outcome.save':
      if (verdict(actor, 'outcome.read', context).allowed) return event;
      return { ...event, payload: { summary: '', findings: [], recommendations: [], audiences: event.payload['audiences'] ?? [], hidden: true } };
    default:
      return event;
  }
}

/**
 * What a reader sees whole of an enquiry's events of the {@link FILTERED_EVENT_TYPES}, as facts a
 * database can test without the policy (the change feed does): the observations whose record and
 * shares they see whole, whether they see reviewers' comments, whether they see the reflection and
 * outcome. An event these facts do not show whole goes through {@link eventForReader}, which has
 * the last word; these facts never show whole an event that {@link eventForReader} would change.
 * @example
 * ```ts
 * const facts = wholeEvents(actor, { enquiry, community });
 * const whole = event.type === 'reflection.save' ? facts.outcome : true;
 * ```
 */
export interface WholeEvents {
  /** The observations the reader sees whole (their `observation.record` and `observation.share` events). */
  observations: string[];
  /** Whether they see reviewers' comments (`question.approve`, `question.return`). */
  review: boolean;
  /** Whether they see the reflection and the outcome (`reflection.save`, `outcome.save`). */
  outcome: boolean;
}

/** The {@link WholeEvents} of one reader and enquiry, decided by the policy. */
export function wholeEvents(actor: Actor, context: EnquiryContext): WholeEvents {
  const { enquiry, community } = context;
  return {
    observations: enquiry.observations.filter((observation) => verdict(actor, 'observation.read-notes', { enquiry, community, observation }).allowed).map((o) => o.id),
    review: verdict(actor, 'review.read', context).allowed,
    outcome: verdict(actor, 'outcome.read', context).allowed,
  };
}

/** A person's fields that only they, CPD leaders and administrators read (docs/privacy.md, person-private). */
export const PERSON_PRIVATE_FIELDS = ['email', 'lineManagerId', 'joinedOn', 'leftOn', 'pastRoles', 'erasedAt'] as const;

/** What a reader's view of a directory record depends on, besides the record. */
export interface RecordContext {
  /** Every community of the trust (a meeting's, a learning walk's cycle's). */
  communities?: ReadonlyArray<PolicyCommunity & Pick<Community, 'cycleId'>> | undefined;
}

/**
 * A directory record as `actor` may see it, or undefined when they may not read it at all (then
 * a server answers exactly as for a record that does not exist). People's private fields are
 * removed for everyone but the person, CPD leaders and administrators.
 * @example
 * ```ts
 * const visible = records.map((r) => recordForReader(actor, 'people', r, { communities })).filter(Boolean);
 * ```
 */
export function recordForReader<R>(actor: Actor, collection: Collection, record: R, context: RecordContext = {}): R | undefined {
  const communityId = (record as { communityId?: unknown } | undefined)?.communityId;
  const community = typeof communityId === 'string' ? context.communities?.find((c) => c.id === communityId) : undefined;
  if (!verdict(actor, 'record.read', { collection, record, community, communities: context.communities }).allowed) return undefined;
  if (collection !== 'people' || actor.kind !== 'person') return record;
  const person = record as unknown as Person;
  const reader = actor.person;
  if (person.id === reader.id || reader.roles.includes('cpd-leader') || reader.roles.includes('admin')) return record;
  const rest: Record<string, unknown> = { ...person };
  for (const field of PERSON_PRIVATE_FIELDS) delete rest[field];
  return rest as R;
}

/** What became visible to more readers: a publication, observations shared further (their ids). */
export interface VisibilityChange {
  published: boolean;
  shared: ReadonlySet<string>;
}

/**
 * What became visible to more readers between two states of an enquiry: a publication,
 * observations shared further. A server sends the events that show more again ({@link eventsToResend}).
 */
export function visibilityChanges(before: Pick<EnquiryData, 'observations' | 'publishedAt'> | undefined, after: Pick<EnquiryData, 'observations' | 'publishedAt'>): VisibilityChange | undefined {
  const published = !before?.publishedAt && Boolean(after.publishedAt);
  const shared = new Set(
    after.observations
      .filter((o) => JSON.stringify(before?.observations.find((b) => b.id === o.id)?.sharedWith ?? o.sharedWith) !== JSON.stringify(o.sharedWith))
      .map((o) => o.id),
  );
  return published || shared.size ? { published, shared } : undefined;
}

/** The events of a log a visibility change shows more of: a server sends them again in its change feed. */
export function eventsToResend(change: VisibilityChange, log: ReadonlyArray<Pick<DomainEvent, 'id' | 'type' | 'payload'>>): string[] {
  return log
    .filter(
      (event) =>
        (change.published && (event.type === 'reflection.save' || event.type === 'outcome.save')) ||
        (event.type === 'observation.record' && change.shared.has(String(event.payload['id']))),
    )
    .map((event) => event.id);
}
