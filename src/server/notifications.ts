/**
 * Notifications: what each person is told in the app and in their email digest. They are derived
 * from the trust's data by {@link refreshNotifications}, idempotently (each has a key, and a row
 * per person and key is written once), and hold only what docs/privacy.md lets a notification
 * carry: the kind, the enquiry, survey or community it is about and its title, never observation
 * notes, review comments, observers' names or answers.
 *
 * | kind | who | when |
 * | --- | --- | --- |
 * | `review-waiting` | the reviewer (community lead; CPD leaders for individual projects) | a question is submitted |
 * | `question-returned` | the enquiry's owners | the reviewer returned the question |
 * | `observation-recorded` | the observed colleague | an observation of her lesson was recorded |
 * | `observation-shared` | each colleague notes were shared with | the observed colleague shared them |
 * | `survey-ready` | the enquiry's owners | a survey has enough answers to read (5) |
 * | `meeting-tomorrow` | the community's lead, members and coaches | the day before a meeting |
 * | `enquiry-stuck` | the enquiry's owners | N weeks in one stage (the cycle's `stuckAfterWeeks`, 6 by default) |
 * | `sharing-invited` | each presenter of a sharing session | the CPD leader invited the presenters (again after each new invitation) |
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import { MIN_GROUP_SIZE } from '../analysis/thresholds.js';
import type { StageVisit } from '../lifecycle/enquiryMachine.js';
import type { EnquirySummary } from '../store/store.js';
import type { Db, Queryable } from './db.js';
import { badRequest } from './errors.js';
import { json, readCollection } from './sql.js';

/** The kinds of notification. */
export const NOTIFICATION_KINDS = [
  'review-waiting',
  'question-returned',
  'observation-recorded',
  'observation-shared',
  'survey-ready',
  'meeting-tomorrow',
  'enquiry-stuck',
  'sharing-invited',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** One notification as its person reads it. */
export interface Notification {
  key: string;
  kind: NotificationKind;
  enquiryId: string | undefined;
  /** What it is about: `title` (an enquiry's, a survey's or a community's), `date` for a meeting, `weeks` and `stage` when stuck. */
  data: { title?: string; date?: string; weeks?: number; stage?: string };
  createdAt: string;
  read: boolean;
}

/** The weeks in one stage before owners are reminded, when a cycle sets none. */
export const DEFAULT_STUCK_WEEKS = 6;

const DAY_MS = 86_400_000;
const OPEN = new Set(['new', 'active', 'paused']);

interface Pending {
  personId: string;
  key: string;
  kind: NotificationKind;
  enquiryId: string | undefined;
  data: Notification['data'];
}

/**
 * Derives the trust's notifications from its data as it is at `now` and stores the new ones.
 * Events are read from the trust's checkpoint on, so each step notifies once; the rest (questions
 * waiting, surveys, meetings, enquiries that have not moved) from the current records. A
 * question no longer waiting marks its reviewer's notification read.
 * @returns how many new notifications were stored.
 */
export async function refreshNotifications(db: Db, trustId: string, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    // One refresher per trust at a time (another process waits, then finds nothing new).
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [trustId, 'notifications']);
    const { rows: checkpoint } = await tx.query<{ seq: number }>('SELECT seq FROM notification_checkpoints WHERE trust_id = $1', [trustId]);
    const since = Number(checkpoint[0]?.seq ?? 0);
    // One after another: a transaction is one connection (pg deprecates queueing queries on it).
    const people = await readCollection(tx, trustId, 'people');
    const cycles = await readCollection(tx, trustId, 'cycles');
    const communities = await readCollection(tx, trustId, 'communities');
    const surveys = await readCollection(tx, trustId, 'surveys');
    const meetings = await readCollection(tx, trustId, 'meetings');
    const sessions = await readCollection(tx, trustId, 'sharingSessions');
    const { rows: summaryRows } = await tx.query<{ summary: EnquirySummary; visits: StageVisit[] | null }>(
      `SELECT summary, cache->'context'->'stageVisits' AS visits FROM summaries WHERE trust_id = $1`,
      [trustId],
    );
    const summaries = new Map(summaryRows.map((row) => [row.summary.enquiryId, row]));
    const communityById = new Map(communities.map((c) => [c.id, c]));
    const cycleById = new Map(cycles.map((c) => [c.id, c]));
    const cpdLeaders = people.filter((p) => p.roles.includes('cpd-leader') && !p.leftOn).map((p) => p.id);
    const pending: Pending[] = [];
    const titleOf = (enquiryId: string) => summaries.get(enquiryId)?.summary.title;

    // Steps taken since the last refresh.
    const { rows: events } = await tx.query<{ id: string; enquiry_id: string; type: string; author_id: string; payload: Record<string, unknown>; seq: number }>(
      `SELECT id, enquiry_id, type, author_id, payload, seq FROM events
       WHERE trust_id = $1 AND seq > $2 AND NOT refused AND type IN ('question.return', 'observation.record', 'observation.share') ORDER BY seq`,
      [trustId, since],
    );
    for (const event of events) {
      const enquiryId = event.enquiry_id;
      const title = titleOf(enquiryId);
      if (event.type === 'question.return') {
        for (const owner of summaries.get(enquiryId)?.summary.ownerIds ?? []) pending.push({ personId: owner, key: `returned:${event.id}`, kind: 'question-returned', enquiryId, data: { title } });
      } else if (event.type === 'observation.record') {
        const observed = event.payload['observedId'];
        if (typeof observed === 'string' && observed !== event.author_id) pending.push({ personId: observed, key: `observed:${event.id}`, kind: 'observation-recorded', enquiryId, data: { title } });
      } else {
        const ids = event.payload['personIds'];
        for (const id of Array.isArray(ids) ? ids : []) if (typeof id === 'string') pending.push({ personId: id, key: `shared:${event.id}`, kind: 'observation-shared', enquiryId, data: { title } });
      }
    }

    // Questions waiting, and enquiries that have not moved.
    const waiting = new Set<string>();
    for (const { summary, visits } of summaries.values()) {
      if (!OPEN.has(summary.status)) continue;
      if (summary.step === 'question.review') {
        waiting.add(summary.enquiryId);
        const community = summary.communityId ? communityById.get(summary.communityId) : undefined;
        const reviewers = community ? [community.leadId] : cpdLeaders.filter((id) => !summary.ownerIds.includes(id));
        for (const reviewer of reviewers) {
          pending.push({ personId: reviewer, key: `review:${summary.enquiryId}:${summary.updatedAt ?? ''}`, kind: 'review-waiting', enquiryId: summary.enquiryId, data: { title: summary.title } });
        }
      }
      const last = visits?.at(-1);
      const weeks = cycleById.get(summary.cycleId)?.stuckAfterWeeks ?? DEFAULT_STUCK_WEEKS;
      if (last && summary.status !== 'paused' && now.getTime() - Date.parse(last.at) >= weeks * 7 * DAY_MS) {
        for (const owner of summary.ownerIds) {
          pending.push({ personId: owner, key: `stuck:${summary.enquiryId}:${last.stage}:${last.at}`, kind: 'enquiry-stuck', enquiryId: summary.enquiryId, data: { title: summary.title, weeks, stage: last.stage } });
        }
      }
    }

    // Surveys with enough answers to read.
    const { rows: answers } = await tx.query<{ survey_id: string; n: number }>('SELECT survey_id, count(*)::int AS n FROM survey_responses WHERE trust_id = $1 GROUP BY survey_id', [trustId]);
    const answerCount = new Map(answers.map((row) => [row.survey_id, Number(row.n)]));
    for (const survey of surveys) {
      if ((answerCount.get(survey.id) ?? 0) < MIN_GROUP_SIZE) continue;
      for (const owner of summaries.get(survey.enquiryId)?.summary.ownerIds ?? []) {
        pending.push({ personId: owner, key: `survey:${survey.id}`, kind: 'survey-ready', enquiryId: survey.enquiryId, data: { title: survey.title } });
      }
    }

    // Meetings tomorrow (the server's calendar day, UTC).
    const tomorrow = new Date(now.getTime() + DAY_MS).toISOString().slice(0, 10);
    for (const meeting of meetings) {
      if (meeting.date !== tomorrow) continue;
      const community = communityById.get(meeting.communityId);
      if (!community) continue;
      for (const id of new Set([community.leadId, ...community.memberIds, ...community.coachIds])) {
        pending.push({ personId: id, key: `meeting:${meeting.id}:${meeting.date}`, kind: 'meeting-tomorrow', enquiryId: undefined, data: { title: community.name, date: meeting.date } });
      }
    }

    // Presenters invited to a sharing session: once per invitation.
    for (const session of sessions) {
      if (!session.invitedAt) continue;
      for (const id of new Set(session.slots.flatMap((slot) => slot.presenterIds))) {
        pending.push({ personId: id, key: `sharing:${session.id}:${session.invitedAt}`, kind: 'sharing-invited', enquiryId: undefined, data: { title: session.title, date: session.date } });
      }
    }

    let stored = 0;
    for (const n of pending) {
      const { rowCount } = await tx.query(
        `INSERT INTO notifications (trust_id, person_id, key, kind, enquiry_id, data, created_at) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
         ON CONFLICT (trust_id, person_id, key) DO NOTHING`,
        [trustId, n.personId, n.key, n.kind, n.enquiryId ?? null, json(n.data), now.toISOString()],
      );
      stored += rowCount;
    }
    // A question decided meanwhile: its reviewer has nothing left to do.
    await tx.query(
      `UPDATE notifications SET read_at = $3 WHERE trust_id = $1 AND kind = 'review-waiting' AND read_at IS NULL AND NOT (enquiry_id = ANY($2::text[]))`,
      [trustId, [...waiting], now.toISOString()],
    );
    const newest = events.at(-1)?.seq;
    if (newest !== undefined) {
      await tx.query(
        `INSERT INTO notification_checkpoints (trust_id, seq) VALUES ($1, $2) ON CONFLICT (trust_id) DO UPDATE SET seq = GREATEST(notification_checkpoints.seq, EXCLUDED.seq)`,
        [trustId, newest],
      );
    }
    return stored;
  });
}

/** A person's notifications, newest first (at most `limit`), and how many are unread. */
export async function listNotifications(q: Queryable, trustId: string, personId: string, limit = 100): Promise<{ notifications: Notification[]; unread: number }> {
  const { rows } = await q.query<{ key: string; kind: NotificationKind; enquiry_id: string | null; data: Notification['data']; created_at: Date | string; read_at: unknown }>(
    `SELECT key, kind, enquiry_id, data, created_at, read_at FROM notifications WHERE trust_id = $1 AND person_id = $2 ORDER BY created_at DESC, key LIMIT $3`,
    [trustId, personId, limit],
  );
  const { rows: count } = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE trust_id = $1 AND person_id = $2 AND read_at IS NULL', [trustId, personId]);
  return {
    notifications: rows.map((row) => ({
      key: row.key,
      kind: row.kind,
      enquiryId: row.enquiry_id ?? undefined,
      data: row.data,
      createdAt: new Date(row.created_at).toISOString(),
      read: row.read_at !== null,
    })),
    unread: Number(count[0]?.n ?? 0),
  };
}

/** Marks a person's notifications read: those named, or all. */
export async function markRead(q: Queryable, trustId: string, personId: string, keys: readonly string[] | 'all', now: Date): Promise<number> {
  const { rowCount } =
    keys === 'all'
      ? await q.query('UPDATE notifications SET read_at = $3 WHERE trust_id = $1 AND person_id = $2 AND read_at IS NULL', [trustId, personId, now.toISOString()])
      : await q.query('UPDATE notifications SET read_at = $4 WHERE trust_id = $1 AND person_id = $2 AND key = ANY($3::text[]) AND read_at IS NULL', [trustId, personId, [...keys], now.toISOString()]);
  return rowCount;
}

/** A person's notification settings. */
export interface NotificationSettings {
  /** Whether the email digest is sent (when the person has an address): yes until they turn it off. */
  emailDigest: boolean;
}

export async function readSettings(q: Queryable, trustId: string, personId: string): Promise<NotificationSettings> {
  const { rows } = await q.query<{ email_digest: boolean }>('SELECT email_digest FROM notification_settings WHERE trust_id = $1 AND person_id = $2', [trustId, personId]);
  return { emailDigest: rows[0]?.email_digest ?? true };
}

export async function writeSettings(q: Queryable, trustId: string, personId: string, body: unknown): Promise<NotificationSettings> {
  const value = (body as { emailDigest?: unknown } | null)?.emailDigest;
  if (typeof value !== 'boolean') throw badRequest('emailDigest', 'must be true or false');
  await q.query(
    `INSERT INTO notification_settings (trust_id, person_id, email_digest, updated_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (trust_id, person_id) DO UPDATE SET email_digest = EXCLUDED.email_digest, updated_at = now()`,
    [trustId, personId, value],
  );
  return { emailDigest: value };
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Turns off the email digest of whoever an email's unsubscribe token names.
 * @returns whether the token was known.
 */
export async function unsubscribe(db: Db, token: string | undefined): Promise<boolean> {
  if (!token) return false;
  const { rows } = await db.query<{ trust_id: string; person_id: string }>('SELECT trust_id, person_id FROM unsubscribe_tokens WHERE token_hash = $1', [hashToken(token)]);
  const row = rows[0];
  if (!row) return false;
  await writeSettings(db, row.trust_id, row.person_id, { emailDigest: false });
  return true;
}

/** The English line of one notification in the digest: titles only, never notes or comments. */
export function digestLine(n: Pick<Notification, 'kind' | 'data'>): string {
  const title = n.data.title ? `“${n.data.title}”` : 'an enquiry';
  switch (n.kind) {
    case 'review-waiting':
      return `A driving question waits for your review: ${title}.`;
    case 'question-returned':
      return `Your driving question was returned with a comment: ${title}. Open plc-kit to read it.`;
    case 'observation-recorded':
      return `An observation of your lesson was recorded for ${title}.`;
    case 'observation-shared':
      return `A colleague shared observation notes with you (${title}).`;
    case 'survey-ready':
      return `Your survey ${title} has enough answers to read.`;
    case 'meeting-tomorrow':
      return `${n.data.title ?? 'Your community'} meets tomorrow (${n.data.date ?? ''}).`;
    case 'enquiry-stuck':
      return `${title} has been in the same stage for ${n.data.weeks ?? DEFAULT_STUCK_WEEKS} weeks or more.`;
    case 'sharing-invited':
      return `You are invited to present at the sharing session ${title} (${n.data.date ?? ''}).`;
  }
}

/** Where the digest's links point. */
export interface DigestOptions {
  /** The server's public address (for the unsubscribe link). */
  publicUrl: string;
  /** Where people open plc-kit (the school's portal); the server's address when unset. */
  appUrl?: string | undefined;
}

/**
 * Puts one digest per person with unsent, unread notifications into the outbox, and marks those
 * notifications emailed, in one transaction: a notification is in at most one digest. People
 * without an address, who left, or who turned the digest off get none.
 * @returns how many digests were queued.
 */
export async function queueDigests(db: Db, trustId: string, now: Date, options: DigestOptions): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [trustId, 'digests']);
    const people = new Map((await readCollection(tx, trustId, 'people')).map((p) => [p.id, p]));
    const { rows } = await tx.query<{ person_id: string; key: string; kind: NotificationKind; data: Notification['data'] }>(
      `SELECT n.person_id, n.key, n.kind, n.data FROM notifications n
       LEFT JOIN notification_settings s ON s.trust_id = n.trust_id AND s.person_id = n.person_id
       WHERE n.trust_id = $1 AND n.emailed_at IS NULL AND n.read_at IS NULL AND COALESCE(s.email_digest, true)
       ORDER BY n.person_id, n.created_at, n.key`,
      [trustId],
    );
    const byPerson = new Map<string, typeof rows>();
    for (const row of rows) byPerson.set(row.person_id, [...(byPerson.get(row.person_id) ?? []), row]);
    let queued = 0;
    for (const [personId, items] of byPerson) {
      const person = people.get(personId);
      if (!person?.email || (person.leftOn && person.leftOn <= now.toISOString().slice(0, 10))) continue;
      const token = randomBytes(24).toString('base64url');
      await tx.query('INSERT INTO unsubscribe_tokens (token_hash, trust_id, person_id) VALUES ($1, $2, $3)', [hashToken(token), trustId, personId]);
      const unsubscribeUrl = `${options.publicUrl}/v1/notifications/unsubscribe?token=${token}`;
      const subject = items.length === 1 ? 'plc-kit: 1 thing for you' : `plc-kit: ${items.length} things for you`;
      const body = [
        `Hello ${person.name},`,
        '',
        ...items.map((item) => `- ${digestLine(item)}`),
        '',
        `Open plc-kit: ${options.appUrl ?? options.publicUrl}`,
        '',
        `You get this digest because it is on in your plc-kit settings. Stop it with one click: ${unsubscribeUrl}`,
      ].join('\n');
      await tx.query(
        `INSERT INTO email_outbox (trust_id, id, person_id, to_address, subject, body, unsubscribe_url, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [trustId, randomBytes(12).toString('hex'), personId, person.email, subject, body, unsubscribeUrl, now.toISOString()],
      );
      await tx.query('UPDATE notifications SET emailed_at = $3 WHERE trust_id = $1 AND person_id = $2 AND key = ANY($4::text[])', [
        trustId,
        personId,
        now.toISOString(),
        items.map((item) => item.key),
      ]);
      queued += 1;
    }
    return queued;
  });
}
