/**
 * Anonymous student voice. A member of the enquiry asks for a survey's link: a short code
 * (`/s/<code>`, one per survey, valid while it is open) and a token for API clients. Students
 * answer with no account. The server keeps only the answers: no address, no time, no device, no
 * order of arrival, no identifier of any kind (the token is stored only as its hash; the code and
 * the token name the survey, not a student). Answers are rate-limited per survey, per code and
 * per token (in memory, or in PostgreSQL when several processes share it), and read back only as
 * aggregated results with small groups suppressed.
 * @module
 */
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { aggregateSurvey, answerIndex, type SurveyResults } from '../analysis/survey.js';
import { DIRECTORY, type Survey, type SurveyResponse } from '../schema/directory.js';
import { describeIssues } from '../schema/errors.js';
import { CURRENT_VERSIONS } from '../schema/migrate.js';
import { authorize } from './access.js';
import type { Principal } from './auth.js';
import type { Db, Queryable } from './db.js';
import { readerContexts } from './enquiries.js';
import { badRequest, forbidden, HttpError, notFound } from './errors.js';
import type { HitCounter } from './rateLimit.js';
import { json, lockTrustShared, readRecord } from './sql.js';
import { parseSafely } from '../schema/zod.js';
import { newSurveyCode, normaliseSurveyCode } from '../schema/surveyCode.js';

/** How many answers one survey link takes per window. */
export const SURVEY_RATE_LIMIT = { max: 120, windowMs: 60_000 } as const;

/** How many answers one survey link takes per window. */
export interface RateLimitOptions {
  /** Answers per window and token; 120 by default (a few classes answering at once). */
  max?: number;
  /** The window in milliseconds; one minute by default. */
  windowMs?: number;
}

/**
 * A fixed-window counter per key, in this process's memory: what one process uses (PGlite).
 * Several processes on one PostgreSQL count in the database instead (`rateLimit.ts`).
 */
export class RateLimiter {
  readonly #max: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(options: RateLimitOptions = {}, now: () => number = Date.now) {
    this.#max = options.max ?? SURVEY_RATE_LIMIT.max;
    this.#windowMs = options.windowMs ?? SURVEY_RATE_LIMIT.windowMs;
    this.#now = now;
  }

  /** Counts one hit for `key`; returns the seconds to wait when over the limit, else 0. */
  hit(key: string): number {
    const now = this.#now();
    if (this.#windows.size > 10_000) {
      for (const [k, w] of this.#windows) if (now - w.start >= this.#windowMs) this.#windows.delete(k);
    }
    let window = this.#windows.get(key);
    if (!window || now - window.start >= this.#windowMs) {
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    window.count += 1;
    return window.count > this.#max ? Math.max(1, Math.ceil((window.start + this.#windowMs - now) / 1000)) : 0;
  }
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A survey of the caller's trust, or 404. */
async function readSurvey(q: Queryable, trustId: string, surveyId: string): Promise<Survey> {
  const survey = await readRecord(q, trustId, 'surveys', surveyId);
  if (!survey) throw notFound('surveyId', `surveys/${surveyId} does not exist.`);
  return survey;
}

/** The enquiry context a survey's rules read. */
async function surveyContext(q: Queryable, trustId: string, survey: Survey) {
  return (await readerContexts(q, trustId, [survey.enquiryId])).get(survey.enquiryId)!;
}

/** What a teacher shares: the survey's code and page, and a token for API clients. */
export interface SurveyLink {
  token: string;
  surveyId: string;
  /** Where an API client posts answers with the token. */
  path: string;
  /** The survey's short code (see `src/schema/surveyCode.ts`). */
  code: string;
  /** The student page, relative to the server: `/s/<code>`. */
  studentPath: string;
}

/** The survey's code, issued the first time it is asked for and the same afterwards. */
async function codeFor(db: Db, trustId: string, surveyId: string): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const { rows } = await db.query<{ code: string }>(
      `INSERT INTO survey_codes (code, trust_id, survey_id) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING code`,
      [newSurveyCode(randomInt), trustId, surveyId],
    );
    if (rows[0]) return rows[0].code;
    const existing = await db.query<{ code: string }>('SELECT code FROM survey_codes WHERE trust_id = $1 AND survey_id = $2', [trustId, surveyId]);
    if (existing.rows[0]) return existing.rows[0].code;
    // The random code was taken by another survey: draw again.
  }
  throw new Error('Could not draw a free survey code in five attempts.');
}

/**
 * Creates a link for a survey: its code (the same each time) and a new token. Whoever may manage
 * the survey (its enquiry's members) may; the token is returned once and stored only as its hash.
 */
export async function createSurveyToken(db: Db, principal: Principal, surveyId: string): Promise<SurveyLink> {
  const survey = await readSurvey(db, principal.trustId, surveyId);
  const context = await surveyContext(db, principal.trustId, survey);
  const decision = authorize(principal, 'directory.write', { collection: 'surveys', enquiry: context.enquiry.details ? context.enquiry : undefined, community: context.community });
  if (!decision.allowed) throw forbidden(decision.code, decision.reason);
  const token = randomBytes(24).toString('base64url');
  await db.query('INSERT INTO survey_tokens (token_hash, trust_id, survey_id, created_by) VALUES ($1, $2, $3, $4)', [
    hashToken(token),
    principal.trustId,
    surveyId,
    principal.kind === 'person' ? principal.personId : principal.subject,
  ]);
  const code = await codeFor(db, principal.trustId, surveyId);
  return { token, surveyId, path: `/v1/surveys/${encodeURIComponent(surveyId)}/responses?token=${token}`, code, studentPath: `/s/${code}` };
}

/** Whether text holds control characters other than tab and line breaks (a comment is plain text). */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}

/** Checks the answers against the survey's questions: every key a question, every answer fitting it (staff feedback's too). */
export function checkAnswers(survey: Pick<Survey, 'id' | 'questions'>, body: unknown, allowed: readonly string[] = ['answers']): SurveyResponse['answers'] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('(body)', 'must be an object { "answers": { "<question id>": <answer> } }');
  const extra = Object.keys(body).filter((key) => !allowed.includes(key));
  if (extra.length) throw badRequest(extra[0]!, 'is not accepted: an anonymous answer sheet holds only "answers" (no name, class or id)');
  const candidate = { schemaVersion: CURRENT_VERSIONS.surveyResponses, id: 'r', surveyId: survey.id, answers: (body as { answers?: unknown }).answers };
  const parsed = parseSafely(DIRECTORY.surveyResponses, candidate);
  if (!parsed.success) {
    const problems = describeIssues(parsed.error.issues);
    throw badRequest(problems[0]!.path, problems[0]!.message, problems);
  }
  const answers = parsed.data.answers;
  const questions = new Map(survey.questions.map((q) => [q.id, q]));
  for (const [id, answer] of Object.entries(answers)) {
    const question = questions.get(id);
    const field = `answers.${id}`;
    if (!question) throw badRequest(field, `is not a question of this survey (its questions: ${[...questions.keys()].join(', ')})`);
    if (question.type === 'text') {
      if (typeof answer !== 'string') throw badRequest(field, 'must be a short comment (a string)');
      if (hasControlCharacters(answer)) throw badRequest(field, 'holds control characters: send plain text');
    } else if (answerIndex(question, answer) === undefined) {
      throw badRequest(field, question.type === 'agree' ? 'must be 1 (strongly disagree) to 5 (strongly agree)' : `must be an option index from 0 to ${(question.options?.length ?? 1) - 1}`);
    }
  }
  if (!Object.keys(answers).length) throw badRequest('answers', 'must answer at least one question');
  return answers;
}

/**
 * Stores one anonymous answer sheet given through a survey link. The policy decides with the
 * link's claims (which survey it opens) and the survey's status; nothing about the sender is
 * read or kept.
 */
export async function submitResponse(db: Db, limiter: HitCounter, surveyId: string, token: string | undefined, body: unknown): Promise<void> {
  if (!token) throw forbidden('survey-token-missing', 'This survey is answered through the link its teacher shared.', 'token');
  const key = hashToken(token);
  const wait = await limiter.hit(key);
  if (wait) {
    throw new HttpError(429, { error: 'rate-limited', message: `Too many answers through this link just now: try again in ${wait} s.` }, { 'retry-after': String(wait) });
  }
  // The link and the survey it is used on, in one statement.
  const { rows } = await db.query<{ trust_id: string; survey_id: string; survey: Survey | null }>(
    `SELECT t.trust_id, t.survey_id, r.data AS survey FROM survey_tokens t
     LEFT JOIN records r ON r.trust_id = t.trust_id AND r.collection = 'surveys' AND r.id = $2 AND NOT r.deleted
     WHERE t.token_hash = $1`,
    [key, surveyId],
  );
  const link = rows[0];
  if (!link) throw forbidden('survey-token-missing', 'This survey link is not valid: ask your teacher for the link again.', 'token');
  const survey = link.survey ?? undefined;
  const decision = authorize({ kind: 'student' }, 'survey.respond', {
    survey: survey ?? { id: surveyId, status: 'closed' },
    token: { surveyId: link.survey_id },
  });
  if (!decision.allowed) throw forbidden(decision.code, decision.reason, 'token');
  if (!survey) throw notFound('surveyId', `surveys/${surveyId} does not exist.`);
  const answers = checkAnswers(survey, body);
  const response: SurveyResponse = { schemaVersion: CURRENT_VERSIONS.surveyResponses, id: randomUUID(), surveyId, answers };
  // One statement is its own transaction: the trust's shared lock (lockTrustShared) is taken
  // and held for the insert, as a transaction of the two would, in one round trip.
  await db.query(
    `INSERT INTO survey_responses (trust_id, survey_id, id, data)
     SELECT $1, $2, $3, $4::jsonb FROM (SELECT pg_advisory_xact_lock_shared(hashtext($1), 0) OFFSET 0) AS trust`,
    [link.trust_id, surveyId, response.id, json(response)],
  );
}

/** A survey's aggregated results, for whoever the policy lets read them (the enquiry's members). */
export async function surveyResults(db: Db, principal: Principal, surveyId: string): Promise<SurveyResults> {
  const survey = await readSurvey(db, principal.trustId, surveyId);
  const context = await surveyContext(db, principal.trustId, survey);
  const decision = authorize(principal, 'survey.results.read', { ...context, aggregated: true });
  if (!decision.allowed) throw forbidden(decision.code, decision.reason);
  const { rows } = await db.query<{ data: SurveyResponse }>('SELECT data FROM survey_responses WHERE trust_id = $1 AND survey_id = $2', [principal.trustId, surveyId]);
  return aggregateSurvey(survey, rows.map((row) => row.data));
}

/** The anonymous form of a survey, as a student page shows it: nothing about the staff or the enquiry. */
export interface StudentSurvey {
  code: string;
  id: string;
  title: string;
  /** The survey's language (`en-GB` when it has none). */
  lang: string;
  status: Survey['status'];
  /** The questions, only while the survey is open. */
  questions: Survey['questions'];
}

/** The answer to a survey code that is not a code, or no survey's. */
const unknownCode = (code: string) =>
  new HttpError(404, {
    error: 'not-found',
    reason: 'survey-code-unknown',
    field: 'code',
    message: `There is no survey with the code ${code.slice(0, 12)}: check the code on the board, or ask your teacher for it again.`,
  });

/** The key counting wrong codes across the server: guessing codes is slowed, right ones never wait. */
const WRONG_CODE_KEY = 'wrong-codes';

function rateLimited(wait: number, what: string): HttpError {
  return new HttpError(429, { error: 'rate-limited', message: `Too many answers ${what} just now: wait ${wait} s and send again (your answers are kept).` }, { 'retry-after': String(wait) });
}

/** The trust and survey a code names, or a 404 (400 when it cannot be a code at all). */
async function resolveCode(db: Queryable, limiter: HitCounter, typed: string): Promise<{ code: string; trustId: string; surveyId: string }> {
  const code = normaliseSurveyCode(typed);
  const link = code
    ? (await db.query<{ trust_id: string; survey_id: string }>('SELECT trust_id, survey_id FROM survey_codes WHERE code = $1', [code])).rows[0]
    : undefined;
  if (!link || !code) {
    const wait = await limiter.hit(WRONG_CODE_KEY);
    if (wait) throw new HttpError(429, { error: 'rate-limited', message: `Too many wrong codes just now: wait ${wait} s and try again.` }, { 'retry-after': String(wait) });
    throw unknownCode(typed);
  }
  return { code, trustId: link.trust_id, surveyId: link.survey_id };
}

/**
 * The anonymous form of the survey a code names, for the student page. Questions only while the
 * survey is open; a draft or closed survey gives its title and status, so the page can say so.
 */
export async function surveyForCode(db: Db, limiter: HitCounter, typed: string): Promise<StudentSurvey> {
  const { code, trustId, surveyId } = await resolveCode(db, limiter, typed);
  const survey = await readRecord(db, trustId, 'surveys', surveyId);
  if (!survey) throw unknownCode(code);
  return { code, id: survey.id, title: survey.title, lang: survey.lang ?? 'en-GB', status: survey.status, questions: survey.status === 'open' ? survey.questions : [] };
}

/** How an answer sheet sent with a code was taken. */
export type CodeSubmission = 'received' | 'duplicate';

const RECEIPT = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * Stores one anonymous answer sheet sent through a survey's code. The body is `{ answers,
 * receipt }`: `receipt` is a random value the student's device made for this sheet, so a sheet
 * sent again (a dropped connection, a queue flushed twice) is stored once and answered
 * `duplicate`. Only the receipt's hash is kept, with no time and no link to the sheet. The survey
 * row is read with a share lock in the transaction that stores the sheet, so a close committed
 * first refuses it and a close arriving meanwhile waits for it: closing stops answers at once.
 */
export async function submitByCode(db: Db, limiter: HitCounter, typed: string, body: unknown): Promise<CodeSubmission> {
  const { code, trustId, surveyId } = await resolveCode(db, limiter, typed);
  const perSurvey = await limiter.hit(`survey:${trustId}/${surveyId}`);
  if (perSurvey) throw rateLimited(perSurvey, 'to this survey');
  const perCode = await limiter.hit(`code:${code}`);
  if (perCode) throw rateLimited(perCode, 'through this code');
  const receipt = typeof body === 'object' && body !== null ? (body as { receipt?: unknown }).receipt : undefined;
  if (typeof receipt !== 'string' || !RECEIPT.test(receipt)) throw badRequest('receipt', 'must be the random receipt of this answer sheet (16 to 64 letters, digits, - or _)');
  return db.transaction(async (tx) => {
    await lockTrustShared(tx, trustId);
    const { rows } = await tx.query<{ data: Survey }>(
      "SELECT data FROM records WHERE trust_id = $1 AND collection = 'surveys' AND id = $2 AND NOT deleted FOR SHARE",
      [trustId, surveyId],
    );
    const survey = rows[0]?.data;
    if (!survey) throw unknownCode(code);
    const decision = authorize({ kind: 'student' }, 'survey.respond', { survey, token: { surveyId } });
    if (!decision.allowed) {
      const message = survey.status === 'draft' ? 'This survey is not open yet: wait until your teacher opens it.' : 'This survey has closed, so no more answers can be given. Nothing was saved.';
      throw forbidden(decision.code, message, 'code');
    }
    const answers = checkAnswers(survey, body, ['answers', 'receipt']);
    const seen = await tx.query('INSERT INTO survey_receipts (trust_id, survey_id, receipt_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1', [
      trustId,
      surveyId,
      hashToken(`${surveyId}:${receipt}`),
    ]);
    if (!seen.rows.length) return 'duplicate';
    const response: SurveyResponse = { schemaVersion: CURRENT_VERSIONS.surveyResponses, id: randomUUID(), surveyId, answers };
    await tx.query('INSERT INTO survey_responses (trust_id, survey_id, id, data) VALUES ($1, $2, $3, $4::jsonb)', [trustId, surveyId, response.id, json(response)]);
    return 'received';
  });
}

/** How many answer sheets a survey has: the live count of the "show to the class" view, for the enquiry's members. */
export async function surveyCount(db: Db, principal: Principal, surveyId: string): Promise<{ surveyId: string; status: Survey['status']; responseCount: number }> {
  const survey = await readSurvey(db, principal.trustId, surveyId);
  const context = await surveyContext(db, principal.trustId, survey);
  const decision = authorize(principal, 'survey.results.read', { ...context, aggregated: true });
  if (!decision.allowed) throw forbidden(decision.code, decision.reason);
  const { rows } = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM survey_responses WHERE trust_id = $1 AND survey_id = $2', [principal.trustId, surveyId]);
  return { surveyId, status: survey.status, responseCount: Number(rows[0]?.n ?? 0) };
}
