/**
 * The VLE post on the server: the link of a published outcome or of a cycle's booklet
 * (`vle_posts`), the read-only page at that link, and the snippet and iframe code for a VLE's
 * editor. What the page shows is decided here once, for the route and for deep linking alike:
 * only outcomes published with the VLE among their audiences (docs/privacy.md,
 * outcome-vle-page), and of them only what the printed booklet shows, without "what did not
 * work" (the page is for everyone in a course, students included).
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import { bookletToHtml, BOOKLET_CSS, buildBooklet, type Booklet, type BookletLabels, type BookletOutcome } from '../export/booklet.js';
import { bookletSnippet, iframeCode, outcomeSnippet, type VleLabels } from '../export/vlePost.js';
import type { Lifecycle } from '../lifecycle/lifecycle.js';
import type { PolicyResources } from '../policy/policy.js';
import { authorize } from './access.js';
import type { Principal } from './auth.js';
import type { Queryable } from './db.js';
import { HttpError } from './errors.js';
import { loadEnquiry } from './pushRepository.js';
import { pageText, type PageLocale, type PageTextId } from './signin/pageText.js';
import { createDirectoryReader, readRecord } from './sql.js';

/** What a VLE link opens. */
export type VlePostKind = 'outcome' | 'booklet';

/** A link as stored. */
export interface VlePost {
  token: string;
  trustId: string;
  kind: VlePostKind;
  targetId: string;
  createdBy: string;
  /** When sharing through this link was stopped (its page then answers 410), or undefined. */
  revokedAt: string | undefined;
}

/** What `POST /v1/vle/posts` answers: everything a member of staff pastes into a VLE. */
export interface VlePostAnswer {
  kind: VlePostKind;
  targetId: string;
  /** The outcome's title, or the booklet's title and cycle. */
  title: string;
  /** The read-only page (absolute), for a link or an iframe. */
  url: string;
  /** The HTML fragment for a VLE's editor. */
  snippet: string;
  /** The iframe code for a VLE page. */
  iframe: string;
  lang: PageLocale;
}

/** The booklet's labels in a page language. */
export function vleBookletLabels(locale: PageLocale): BookletLabels & VleLabels {
  const t = (id: PageTextId) => pageText(locale, id);
  return {
    contents: t('vle.contents'),
    drivingQuestion: t('vle.driving-question'),
    authors: t('vle.authors'),
    summary: t('vle.summary'),
    findings: t('vle.findings'),
    recommendations: t('vle.recommendations'),
    reflection: t('vle.reflection'),
    whatWorked: t('vle.what-worked'),
    whatDidNot: t('vle.what-did-not'),
    nextSteps: t('vle.next-steps'),
    evidence: t('vle.evidence'),
    otherTheme: t('vle.other-theme'),
    sessions: t('vle.sessions'),
    readOutcome: t('vle.read-outcome'),
    readBooklet: t('vle.read-booklet'),
  };
}

/** A published outcome as the VLE may show it, with what decides whether it may. */
interface VleOutcome {
  outcome: BookletOutcome & { themeId: string | undefined };
  cycleId: string;
  audiences: readonly string[];
  context: Parameters<typeof authorize<'outcome.post-vle'>>[2];
}

/** An enquiry's published outcome, or undefined when it has none (not published, or no such enquiry). */
async function publishedOutcome(q: Queryable, lifecycle: Lifecycle, trustId: string, enquiryId: string): Promise<VleOutcome | undefined> {
  const directory = createDirectoryReader(q, trustId);
  const { state } = await loadEnquiry(q, trustId, enquiryId, lifecycle, directory);
  const data = state.data;
  const details = data.details;
  if (!details || !data.publishedAt || !data.outcome) return undefined;
  const people = await Promise.all(details.ownerIds.map((id) => readRecord(q, trustId, 'people', id)));
  const community = details.communityId ? await readRecord(q, trustId, 'communities', details.communityId) : undefined;
  return {
    outcome: {
      enquiryId,
      themeId: details.themeId,
      title: details.title,
      question: data.question.text,
      authors: details.ownerIds.map((id, i) => people[i]?.name ?? id),
      summary: data.outcome.summary,
      findings: data.outcome.findings,
      recommendations: data.outcome.recommendations,
      reflection: data.reflection,
      publishedAt: data.publishedAt,
    },
    cycleId: details.cycleId,
    audiences: data.outcome.audiences,
    context: { enquiry: data, community, audiences: data.outcome.audiences },
  };
}

const forVle = (o: VleOutcome) => o.audiences.includes('vle');

/** The outcomes of a cycle's VLE booklet: published both for the booklet and for the VLE. */
async function bookletOutcomes(q: Queryable, lifecycle: Lifecycle, trustId: string, cycleId: string): Promise<VleOutcome[]> {
  const { rows } = await q.query<{ enquiry_id: string }>('SELECT enquiry_id FROM summaries WHERE trust_id = $1 AND cycle_id = $2 ORDER BY enquiry_id', [trustId, cycleId]);
  const out: VleOutcome[] = [];
  for (const row of rows) {
    const found = await publishedOutcome(q, lifecycle, trustId, row.enquiry_id);
    if (found && forVle(found) && found.audiences.includes('booklet')) out.push(found);
  }
  return out;
}

/** The booklet of `outcomes` in `locale`, with the school of whoever made the link. */
async function vleBooklet(q: Queryable, post: Pick<VlePost, 'trustId' | 'createdBy'>, cycleId: string, outcomes: VleOutcome[], locale: PageLocale): Promise<Booklet> {
  const { trustId } = post;
  const cycle = await readRecord(q, trustId, 'cycles', cycleId);
  const author = await readRecord(q, trustId, 'people', post.createdBy);
  const school = author?.schoolId ? await readRecord(q, trustId, 'schools', author.schoolId) : undefined;
  const themeIds = [...(cycle?.themeIds ?? []), ...outcomes.map((o) => o.outcome.themeId).filter((id): id is string => Boolean(id))];
  const themes = (await Promise.all([...new Set(themeIds)].map((id) => readRecord(q, trustId, 'themes', id)))).filter((t) => t !== undefined);
  return buildBooklet({
    title: pageText(locale, 'vle.title'),
    schoolName: school?.name ?? '',
    cycleName: cycle?.name ?? '',
    lang: locale,
    labels: vleBookletLabels(locale),
    themes: themes.map((t) => ({ id: t.id, name: t.name })),
    outcomes: outcomes.map((o) => o.outcome),
    showWhatDidNot: false,
  });
}

/**
 * The link's token, made once per outcome or booklet and kept (the same link each time) until it
 * is stopped; after that, the next link is a new one.
 */
export async function ensurePost(q: Queryable, trustId: string, kind: VlePostKind, targetId: string, personId: string): Promise<string> {
  await q.query(
    `INSERT INTO vle_posts (token, trust_id, kind, target_id, created_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (trust_id, kind, target_id) WHERE revoked_at IS NULL DO NOTHING`,
    [randomBytes(16).toString('hex'), trustId, kind, targetId, personId],
  );
  const { rows } = await q.query<{ token: string }>('SELECT token FROM vle_posts WHERE trust_id = $1 AND kind = $2 AND target_id = $3 AND revoked_at IS NULL', [trustId, kind, targetId]);
  return rows[0]!.token;
}

/** The link behind a token (of `trustId` when given), or undefined. */
async function readPost(q: Queryable, token: string, trustId?: string): Promise<VlePost | undefined> {
  if (!/^[0-9a-f]{32}$/.test(token)) return undefined;
  const { rows } = await q.query<{ token: string; trust_id: string; kind: VlePostKind; target_id: string; created_by: string; revoked_at: string | Date | null }>(
    'SELECT token, trust_id, kind, target_id, created_by, revoked_at FROM vle_posts WHERE token = $1 AND ($2::text IS NULL OR trust_id = $2)',
    [token, trustId ?? null],
  );
  const row = rows[0];
  const revokedAt = row?.revoked_at ? new Date(row.revoked_at).toISOString() : undefined;
  return row && { token: row.token, trustId: row.trust_id, kind: row.kind, targetId: row.target_id, createdBy: row.created_by, revokedAt };
}

/**
 * Stops sharing through a link (docs/privacy.md, revoke-vle-link): its page answers 410 from now
 * on. Whoever made it, the outcome's members, CPD leaders and administrators may; a link of
 * another trust, or none, is a 404. Stopping a stopped link changes nothing.
 * @returns the link as it now is.
 */
export async function revokePost(q: Queryable, lifecycle: Lifecycle, principal: Principal, token: string, now: Date): Promise<VlePost> {
  const post = await readPost(q, token, principal.trustId);
  if (!post) throw notFound('token', 'VLE link');
  let enquiry: PolicyResources['vle.revoke']['enquiry'];
  if (post.kind === 'outcome') {
    const { state } = await loadEnquiry(q, post.trustId, post.targetId, lifecycle, createDirectoryReader(q, post.trustId));
    const communityId = state.data.details?.communityId;
    enquiry = { enquiry: state.data, community: communityId ? await readRecord(q, post.trustId, 'communities', communityId) : undefined };
  }
  const decision = authorize(principal, 'vle.revoke', { createdBy: post.createdBy, enquiry });
  if (!decision.allowed) throw new HttpError(403, { error: 'forbidden', field: 'token', reason: decision.code, message: decision.reason });
  if (post.revokedAt) return post;
  const by = principal.kind === 'person' ? principal.personId : 'service';
  await q.query('UPDATE vle_posts SET revoked_at = $3, revoked_by = $4 WHERE trust_id = $1 AND token = $2 AND revoked_at IS NULL', [post.trustId, token, now.toISOString(), by]);
  return (await readPost(q, token, post.trustId))!;
}

const notFound = (field: string, what: string) => new HttpError(404, { error: 'not-found', field, message: `There is no ${what} here.` });

/**
 * Makes (or finds) the VLE link of a published outcome (`enquiryId`) or of a cycle's booklet
 * (`cycleId`), and answers with the page's address, the snippet and the iframe code in `lang`.
 * An outcome is refused unless the policy allows it (published for the VLE); an outcome the
 * caller cannot read, or a missing one, is a 404.
 */
export async function createPost(
  q: Queryable,
  lifecycle: Lifecycle,
  principal: Principal,
  target: { enquiryId?: string | undefined; cycleId?: string | undefined },
  publicUrl: string,
  lang: PageLocale,
): Promise<VlePostAnswer> {
  const trustId = principal.trustId;
  const personId = principal.kind === 'person' ? principal.personId : 'service';
  const labels = vleBookletLabels(lang);
  if (target.enquiryId !== undefined) {
    const found = await publishedOutcome(q, lifecycle, trustId, target.enquiryId);
    if (!found) throw notFound('enquiryId', 'published outcome of this enquiry');
    const decision = authorize(principal, 'outcome.post-vle', found.context);
    if (!decision.allowed) throw new HttpError(403, { error: 'forbidden', field: 'enquiryId', reason: decision.code, message: decision.reason });
    const url = `${publicUrl}/vle/${await ensurePost(q, trustId, 'outcome', target.enquiryId, personId)}?lang=${lang}`;
    const snippet = outcomeSnippet({ outcome: found.outcome, pageUrl: url, lang, labels });
    return { kind: 'outcome', targetId: target.enquiryId, title: found.outcome.title, url, snippet, iframe: iframeCode(url, found.outcome.title), lang };
  }
  const cycleId = target.cycleId!;
  if (!(await readRecord(q, trustId, 'cycles', cycleId))) throw notFound('cycleId', 'cycle');
  const token = await ensurePost(q, trustId, 'booklet', cycleId, personId);
  const url = `${publicUrl}/vle/${token}?lang=${lang}`;
  const booklet = await vleBooklet(q, { trustId, createdBy: personId }, cycleId, await bookletOutcomes(q, lifecycle, trustId, cycleId), lang);
  const title = `${booklet.title} · ${booklet.cycleName}`;
  return { kind: 'booklet', targetId: cycleId, title, url, snippet: bookletSnippet({ booklet, pageUrl: url, labels }), iframe: iframeCode(url, title), lang };
}

/** The `sha256-…` source of the booklet page's one inline style, for its Content-Security-Policy. */
export const VLE_STYLE_HASH = `'sha256-${createHash('sha256').update(`\n${BOOKLET_CSS}\n`).digest('base64')}'`;

/**
 * The read-only page behind a token, in `locale`, and the trust it belongs to; `revokedAt` alone
 * for a stopped link (a 410); undefined for a 404.
 */
export async function vlePage(q: Queryable, lifecycle: Lifecycle, token: string, locale: PageLocale): Promise<{ html: string; trustId: string } | { revokedAt: string } | undefined> {
  const post = await readPost(q, token);
  if (!post) return undefined;
  if (post.revokedAt) return { revokedAt: post.revokedAt };
  if (post.kind === 'outcome') {
    const found = await publishedOutcome(q, lifecycle, post.trustId, post.targetId);
    if (!found || !forVle(found)) return undefined;
    return { html: bookletToHtml(await vleBooklet(q, post, found.cycleId, [found], locale)), trustId: post.trustId };
  }
  if (!(await readRecord(q, post.trustId, 'cycles', post.targetId))) return undefined;
  const outcomes = await bookletOutcomes(q, lifecycle, post.trustId, post.targetId);
  return { html: bookletToHtml(await vleBooklet(q, post, post.targetId, outcomes, locale)), trustId: post.trustId };
}

/** Published outcomes of a trust that may go to a VLE (for the deep-linking picker): id and title. */
export async function vleOutcomes(q: Queryable, lifecycle: Lifecycle, trustId: string): Promise<Array<{ id: string; name: string }>> {
  const { rows } = await q.query<{ enquiry_id: string }>("SELECT enquiry_id FROM summaries WHERE trust_id = $1 AND summary->>'stage' = 'shared' ORDER BY enquiry_id", [trustId]);
  const out: Array<{ id: string; name: string }> = [];
  for (const row of rows) {
    const found = await publishedOutcome(q, lifecycle, trustId, row.enquiry_id);
    if (found && forVle(found)) out.push({ id: row.enquiry_id, name: found.outcome.title });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
}
