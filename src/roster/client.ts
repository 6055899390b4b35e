/**
 * The roster's wire types and an HTTP client for them (the plc-kit server's `/v1/roster` and
 * `/v1/lti` routes), for `<plc-roster-review>` and for hosts' own tools. Framework-free: `fetch`
 * and a token provider are given.
 * @module
 */
import type { OneRosterFiles, OneRosterProblem } from './oneRoster.js';
import type { RosterPlan } from './reconcile.js';

/** A course plc-kit was launched from, whose members can be read (LTI Names and Roles). */
export interface RosterCourse {
  platformId: string;
  platformName: string;
  contextId: string;
  title?: string | undefined;
  /** Whether the VLE offered Names and Roles for it. */
  readable: boolean;
}

/** What to preview: a course's members, or a OneRoster export. */
export type PreviewRequest =
  | { source: 'lti'; platformId: string; contextId: string }
  | { source: 'oneroster'; files: OneRosterFiles; defaultSchoolId?: string | undefined };

/** A previewed plan, kept by the server for an hour. */
export interface RosterPreview {
  planId: string;
  expiresAt: string;
  plan: RosterPlan;
  /** Problems in the CSV files (OneRoster). */
  fileProblems: OneRosterProblem[];
  /** Students and others who are not staff, counted only. */
  skipped: number;
  /** Pages read from the VLE (Names and Roles). */
  pages?: number | undefined;
}

/** What happened to one change when the plan was applied. */
export interface ApplyResult {
  externalId: string;
  personId: string;
  kind: 'joiner' | 'mover' | 'leaver';
  /** `stale`: the record changed after the preview (preview again); `refused`: the policy said no. */
  status: 'applied' | 'skipped' | 'stale' | 'refused';
  message?: string | undefined;
}

/** What `<plc-roster-review>` needs from a server. */
export interface RosterService {
  courses(): Promise<RosterCourse[]>;
  preview(request: PreviewRequest): Promise<RosterPreview>;
  apply(planId: string, skip: readonly string[]): Promise<ApplyResult[]>;
}

/** An error from the server, with its message and the field at fault. */
export class RosterServiceError extends Error {
  override readonly name = 'RosterServiceError';
  constructor(message: string, readonly status: number, readonly field?: string | undefined) {
    super(message);
  }
}

/**
 * A {@link RosterService} over HTTP.
 * @example
 * ```ts
 * reviewElement.service = createRosterClient('https://plc.trust.example', () => auth.token());
 * ```
 */
export function createRosterClient(server: string, tokenProvider: () => Promise<string>, fetcher: typeof fetch = (...args) => fetch(...args)): RosterService {
  const base = server.replace(/\/+$/, '');
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetcher(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${await tokenProvider()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json().catch(() => ({}))) as { message?: string; field?: string };
    if (!response.ok) throw new RosterServiceError(json.message ?? `The server answered ${response.status}.`, response.status, json.field);
    return json as T;
  };
  return {
    async courses() {
      const [{ platforms }, { contexts }] = await Promise.all([
        call<{ platforms: Array<{ id: string; name: string }> }>('GET', '/v1/lti/platforms'),
        call<{ contexts: Array<{ platformId: string; contextId: string; title?: string; membershipsUrl?: string }> }>('GET', '/v1/lti/contexts'),
      ]);
      const names = new Map(platforms.map((p) => [p.id, p.name]));
      return contexts.map((c) => ({ platformId: c.platformId, platformName: names.get(c.platformId) ?? c.platformId, contextId: c.contextId, title: c.title, readable: Boolean(c.membershipsUrl) }));
    },
    preview: (request) => call<RosterPreview>('POST', '/v1/roster/preview', request),
    async apply(planId, skip) {
      return (await call<{ results: ApplyResult[] }>('POST', `/v1/roster/plans/${encodeURIComponent(planId)}/apply`, { skip })).results;
    },
  };
}
