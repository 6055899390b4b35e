/**
 * A person's rights over their data (docs/privacy.md): what a subject-access request returns,
 * and what an erasure request does to an append-only log. Pure functions over a trust's content
 * (a complete backup's events and records); the server applies them in one transaction.
 *
 * Erasure leaves tombstones that replay: every event keeps its id, type, author id, time and
 * place in the order, and every field the schemas require stays valid, so each enquiry replays
 * to the same stage; only the words go.
 * @module
 */
import type { DomainEvent } from '../lifecycle/events.js';
import type { AppraisalRecord, Meeting, Person } from '../schema/directory.js';

/** What replaces erased words. */
export const ERASED = '[erased]';

/** The name an erased person's record shows. */
export const FORMER_COLLEAGUE = 'Former colleague';

/** A trust's content, as a complete backup holds it. */
export interface TrustContent {
  events: readonly DomainEvent[];
  people: readonly Person[];
  appraisals: readonly AppraisalRecord[];
  /** The trust's meetings (their notes' versions name their writers). */
  meetings?: readonly Meeting[];
}

/** One version of a meeting's notes that a person wrote. */
export interface MeetingNotesWritten {
  meetingId: string;
  communityId: string;
  /** The meeting's date. */
  date: string;
  /** When the version was saved, when known. */
  at?: string;
  notes: string;
  /** Whether these are the meeting's notes as they are now (else an earlier version). */
  current: boolean;
}

/** Everything plc-kit holds about one person, for a subject-access request. */
export interface SubjectAccessPack {
  format: 'plc-kit-subject-access';
  personId: string;
  producedAt: string;
  /** Their directory record. */
  person: Person | undefined;
  /** Every event they wrote, in full (their own words). */
  eventsWritten: DomainEvent[];
  /** Every observation of their lessons, with its notes, whoever wrote them. */
  observationsOfTheirLessons: DomainEvent[];
  /** Shares of those observations' notes (by them). */
  sharesOfTheirNotes: DomainEvent[];
  /** Reviewers' comments on the driving questions of enquiries they own. */
  reviewsOfTheirQuestions: DomainEvent[];
  /** Every version of a meeting's notes they wrote (docs/privacy.md, meeting-versions). */
  meetingNotesWritten: MeetingNotesWritten[];
  /** Their appraisal records. */
  appraisalRecords: AppraisalRecord[];
  /** What is deliberately not included, and why. */
  notIncluded: string[];
}

const ownedEnquiries = (events: readonly DomainEvent[], personId: string) =>
  new Set(
    events
      .filter((e) => e.type === 'enquiry.create' && Array.isArray(e.payload['ownerIds']) && (e.payload['ownerIds'] as unknown[]).includes(personId))
      .map((e) => e.enquiryId),
  );

const observedIn = (events: readonly DomainEvent[], personId: string) =>
  new Set(events.filter((e) => e.type === 'observation.record' && e.payload['observedId'] === personId).map((e) => String(e.payload['id'])));

/**
 * The subject-access pack of `personId`: their record, their words, observations of their
 * lessons (the notes are their personal data too), reviews of their questions, their appraisal
 * records. Survey answers are anonymous and cannot be linked to anyone, so none are included.
 * @example
 * ```ts
 * const pack = subjectAccessPack({ events, people, appraisals }, 'p-ana', new Date());
 * pack.observationsOfTheirLessons.length;
 * ```
 */
export function subjectAccessPack(content: TrustContent, personId: string, now: Date = new Date()): SubjectAccessPack {
  const owned = ownedEnquiries(content.events, personId);
  const observed = observedIn(content.events, personId);
  return {
    format: 'plc-kit-subject-access',
    personId,
    producedAt: now.toISOString(),
    person: content.people.find((p) => p.id === personId),
    eventsWritten: content.events.filter((e) => e.authorId === personId),
    observationsOfTheirLessons: content.events.filter((e) => e.type === 'observation.record' && e.payload['observedId'] === personId && e.authorId !== personId),
    sharesOfTheirNotes: content.events.filter((e) => e.type === 'observation.share' && observed.has(String(e.payload['observationId'])) && e.authorId !== personId),
    reviewsOfTheirQuestions: content.events.filter(
      (e) => (e.type === 'question.approve' || e.type === 'question.return') && owned.has(e.enquiryId) && e.authorId !== personId,
    ),
    meetingNotesWritten: meetingNotesBy(content.meetings ?? [], personId),
    appraisalRecords: content.appraisals.filter((a) => a.personId === personId),
    notIncluded: [
      'Student-voice answers: anonymous by construction, they cannot be linked to anyone.',
      "Other people's words in the enquiries this person belongs to, except those about this person's lessons and questions.",
    ],
  };
}

/** The versions of meeting notes `personId` wrote, the current ones and the earlier ones. */
function meetingNotesBy(meetings: readonly Meeting[], personId: string): MeetingNotesWritten[] {
  const written: MeetingNotesWritten[] = [];
  for (const m of meetings) {
    const about = { meetingId: m.id, communityId: m.communityId, date: m.date };
    for (const v of m.pastNotes ?? []) if (v.by === personId) written.push({ ...about, ...(v.at ? { at: v.at } : {}), notes: v.notes, current: false });
    if (m.notesBy === personId) written.push({ ...about, ...(m.notesAt ? { at: m.notesAt } : {}), notes: m.notes, current: true });
  }
  return written;
}

/** A text field erased: kept empty when it was empty (so nothing appears that was not there). */
const erase = (value: unknown): unknown => (typeof value === 'string' ? (value.trim() ? ERASED : value) : value);
const eraseList = (value: unknown): unknown => (Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? ERASED : item)) : value);

/** The fields of each event type that hold someone's words. Integrators' types: none known. */
const WORDS: Record<string, { text?: string[]; lists?: string[] }> = {
  'enquiry.create': { text: ['title'] },
  'enquiry.rename': { text: ['title'] },
  'question.draft': { text: ['text', 'rationale', 'targetStudents'], lists: ['plannedActions', 'successCriteria'] },
  'question.approve': { text: ['comment'] },
  'question.return': { text: ['comment'] },
  'question.refine': { text: ['reason'] },
  'observation.record': { text: ['className', 'focus', 'strengths', 'wonderings', 'nextSteps'] },
  'evidence.add': { text: ['title', 'caption', 'text', 'measure', 'focus', 'note'] },
  'evidence.remove': { text: ['reason'] },
  'evidence.reopen': { text: ['reason'] },
  'reflection.save': { text: ['whatWorked', 'whatDidNot', 'nextSteps'] },
  'outcome.save': { text: ['summary'], lists: ['findings', 'recommendations'] },
  'enquiry.pause': { text: ['reason'] },
  'enquiry.withdraw': { text: ['reason'] },
};

/** One event with its words erased (every required field stays valid for its schema). */
export function eraseEventWords(event: DomainEvent): DomainEvent {
  const words = WORDS[event.type];
  if (!words) return event;
  const payload: Record<string, unknown> = { ...event.payload };
  for (const field of words.text ?? []) if (field in payload) payload[field] = field === 'className' ? '' : erase(payload[field]);
  for (const field of words.lists ?? []) if (field in payload) payload[field] = eraseList(payload[field]);
  if (event.type === 'question.draft' && Array.isArray(payload['plannedEvidence'])) {
    payload['plannedEvidence'] = (payload['plannedEvidence'] as Array<Record<string, unknown>>).map((p) => ({ ...p, description: ERASED }));
  }
  return { ...event, payload };
}

/** What erasing a person changes in a trust's content. */
export interface Erasure {
  /** Events whose payload changed (same ids, same order): the words the person wrote, and notes about their lessons. */
  events: DomainEvent[];
  /** Their directory record without their name, e-mail or line manager (id, roles and dates kept), marked `erasedAt`. */
  person: Person | undefined;
  /** Ids of their appraisal records, to delete. */
  appraisalIds: string[];
}

/**
 * What erasing `personId` changes: their words in every event they wrote, and the notes of
 * observations of their lessons, become {@link ERASED}; their record keeps its id, roles and
 * dates (so past decisions keep a valid author), loses their name, e-mail and line manager and
 * is marked erased (`erasedAt`, what the badge issuer reads: never the name); their appraisal
 * records go. Other people's words elsewhere are untouched.
 * @example
 * ```ts
 * const { events, person, appraisalIds } = erasePerson(content, 'p-ana');
 * ```
 */
export function erasePerson(content: TrustContent, personId: string, now: Date = new Date()): Erasure {
  const events: DomainEvent[] = [];
  for (const event of content.events) {
    let next = event;
    if (event.authorId === personId) next = eraseEventWords(event);
    else if (event.type === 'observation.record' && event.payload['observedId'] === personId) {
      next = { ...event, payload: { ...event.payload, strengths: erase(event.payload['strengths']), wonderings: erase(event.payload['wonderings']), nextSteps: erase(event.payload['nextSteps']) } };
    }
    if (JSON.stringify(next.payload) !== JSON.stringify(event.payload)) events.push(next);
  }
  const before = content.people.find((p) => p.id === personId);
  let person: Person | undefined;
  if (before) {
    const rest: Record<string, unknown> = { ...before, name: FORMER_COLLEAGUE, erasedAt: before.erasedAt ?? now.toISOString() };
    delete rest['email'];
    delete rest['lineManagerId'];
    person = rest as unknown as Person;
  }
  return { events, person, appraisalIds: content.appraisals.filter((a) => a.personId === personId).map((a) => a.id) };
}
