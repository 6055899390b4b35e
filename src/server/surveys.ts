/**
 * Anonymous student voice. A member of the enquiry creates a link token for a survey; students
 * answer through the link with no account. The server keeps only the answers: no address, no
 * time, no device, no order of arrival, no identifier of any kind (the token is stored only as
 * its hash, and it names the survey, not a student). Answers are rate-limited per token (in
 * memory, or in PostgreSQL when several processes share it), and read back only as aggregated results with small groups suppressed.
 * @module
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
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

/**
 * Creates a link token for a survey. Whoever may manage the survey (its enquiry's members) may
 * create one; the token is returned once and stored only as its hash.
 */
export async function createSurveyToken(db: Db, principal: Principal, surveyId: string): Promise<{ token: string; surveyId: string; path: string }> {
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
  return { token, surveyId, path: `/v1/surveys/${encodeURIComponent(surveyId)}/responses?token=${token}` };
}

/** Checks the answers against the survey's questions: every key a question, every answer fitting it. */
function checkAnswers(survey: Survey, body: unknown): SurveyResponse['answers'] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('(body)', 'must be an object { "answers": { "<question id>": <answer> } }');
  const extra = Object.keys(body).filter((key) => key !== 'answers');
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
  const { rows } = await db.query<{ trust_id: string; survey_id: string }>('SELECT trust_id, survey_id FROM survey_tokens WHERE token_hash = $1', [key]);
  const link = rows[0];
  if (!link) throw forbidden('survey-token-missing', 'This survey link is not valid: ask your teacher for the link again.', 'token');
  const survey = await readRecord(db, link.trust_id, 'surveys', surveyId);
  const decision = authorize({ kind: 'student' }, 'survey.respond', {
    survey: survey ?? { id: surveyId, status: 'closed' },
    token: { surveyId: link.survey_id },
  });
  if (!decision.allowed) throw forbidden(decision.code, decision.reason, 'token');
  if (!survey) throw notFound('surveyId', `surveys/${surveyId} does not exist.`);
  const answers = checkAnswers(survey, body);
  const response: SurveyResponse = { schemaVersion: CURRENT_VERSIONS.surveyResponses, id: randomUUID(), surveyId, answers };
  await db.transaction(async (tx) => {
    await lockTrustShared(tx, link.trust_id);
    await tx.query('INSERT INTO survey_responses (trust_id, survey_id, id, data) VALUES ($1, $2, $3, $4::jsonb)', [link.trust_id, surveyId, response.id, json(response)]);
  });
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
