/**
 * Rosters on the server, as one Fastify plugin: `POST /v1/roster/preview` reads a roster (a
 * course's members through LTI Names and Role Provisioning, or a OneRoster 1.2 CSV export),
 * reconciles it with the trust's directory (src/roster, the same pure step the browser can run)
 * and keeps the plan for an hour; `POST /v1/roster/plans/{id}/apply` writes what the
 * administrator confirmed: joiners created, movers updated, leavers given `leftOn` (never
 * deleted) and their sessions ended at once. Each record is written at the version the preview
 * saw, so a change made meanwhile is reported `stale`, never overwritten.
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import type { Lifecycle } from '../../lifecycle/lifecycle.js';
import { readOneRoster, type OneRosterProblem } from '../../roster/oneRoster.js';
import { reconcileRoster, type RosterEntry, type RosterPerson, type RosterPlan } from '../../roster/reconcile.js';
import { mapLtiRoles } from '../../roster/roles.js';
import type { School } from '../../schema/directory.js';
import type { Authenticator, Principal } from '../auth.js';
import type { Db } from '../db.js';
import { badRequest, HttpError, notFound } from '../errors.js';
import type { Logger } from '../log.js';
import { adminOf } from '../lti/adminRoutes.js';
import { linkPerson, listContexts, readPlatform, sourceLinks } from '../lti/platforms.js';
import { PlatformServiceError, readMembership } from '../lti/services.js';
import { putRecord } from '../records.js';
import type { KeyStore } from '../signin/keys.js';
import { todayIn, type Sessions } from '../signin/sessions.js';
import { errors, route } from './route.js';

/** What the roster routes need. */
export interface RosterDeps {
  db: () => Db;
  lifecycle: Lifecycle;
  authenticate: Authenticator;
  keys: KeyStore;
  sessions: Sessions;
  log: Logger;
  now: () => Date;
  timeZone: string;
  fetch?: typeof fetch | undefined;
}

/** A stored plan: the reconcile result, and the version of each record it changes. */
interface StoredPlan {
  plan: RosterPlan;
  versions: Record<string, number>;
  /** Where links go besides the plan's source (an LTI course's people are also linked per platform). */
  identitySource?: string | undefined;
}

const PLAN_MS = 3600_000;

async function directory(db: Db, trustId: string) {
  const { rows } = await db.query<{ collection: string; data: unknown; version: number }>(
    "SELECT collection, data, version FROM records WHERE trust_id = $1 AND collection IN ('people', 'schools') AND NOT deleted",
    [trustId],
  );
  const people = rows.filter((r) => r.collection === 'people');
  return {
    people: people.map((r) => r.data as RosterPerson),
    versions: Object.fromEntries(people.map((r) => [(r.data as RosterPerson).id, Number(r.version)])),
    schools: rows.filter((r) => r.collection === 'schools').map((r) => r.data as School),
  };
}

/** A stable id for a joiner: the same roster previews the same ids. */
const joinerId = (source: string) => (entry: RosterEntry) => `p-${createHash('sha256').update(`${source}\n${entry.externalId}`).digest('hex').slice(0, 16)}`;

/** The roster routes (register with `app.register(rosterRoutes, deps)`). */
export async function rosterRoutes(app: FastifyInstance, deps: RosterDeps): Promise<void> {
  route(app, {
    method: 'POST',
    url: '/v1/roster/preview',
    operationId: 'previewRoster',
    summary: 'What a roster would change in the directory: joiners, movers, leavers and problems (administrators)',
    description: 'From a course\'s members (`source: "lti"`, through the VLE\'s Names and Roles service) or a OneRoster 1.2 CSV export (`source: "oneroster"`). Nothing changes until the plan is applied, within an hour.',
    body: {
      schema: z.object({
        source: z.enum(['lti', 'oneroster']),
        platformId: z.optional(z.string()),
        contextId: z.optional(z.string()),
        files: z.optional(z.object({ users: z.string(), orgs: z.optional(z.string()), enrollments: z.optional(z.string()), roles: z.optional(z.string()) })),
        defaultSchoolId: z.optional(z.string()),
      }),
      limit: 32 * 1024 * 1024,
    },
    responses: {
      200: { description: 'The plan, to show before applying it.', body: z.record(z.string(), z.unknown()) },
      ...errors(400, 401, 403, [404, 'No such platform or course.'], 413, 415, [502, 'The VLE did not answer.']),
    },
    handler: async (request) => {      const principal = await adminOf(deps.authenticate, request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const db = deps.db();
      const now = deps.now();
      const today = todayIn(deps.timeZone, now);
      const { people, versions, schools } = await directory(db, principal.trustId);
      let entries: RosterEntry[];
      let source: string;
      let identitySource: string | undefined;
      let defaultSchoolId = typeof body['defaultSchoolId'] === 'string' ? body['defaultSchoolId'] : undefined;
      let fileProblems: OneRosterProblem[] = [];
      let skipped = 0;
      let pages: number | undefined;
      if (body['source'] === 'lti') {
        const platformId = String(body['platformId'] ?? '');
        const contextId = String(body['contextId'] ?? '');
        const platform = await readPlatform(db, principal.trustId, platformId);
        if (!platform) throw notFound('platformId', `There is no platform ${platformId.slice(0, 64)} in this trust.`);
        const context = (await listContexts(db, principal.trustId)).find((c) => c.platformId === platformId && c.contextId === contextId);
        if (!context) throw notFound('contextId', `plc-kit has not been launched from course ${contextId.slice(0, 100)} of ${platform.name}: launch it there once first.`);
        if (!context.membershipsUrl) throw badRequest('contextId', `${platform.name} offered no Names and Roles service for this course: turn the service on for plc-kit in the VLE and launch again.`);
        let read;
        try {
          read = await readMembership(deps.keys, platform, context.membershipsUrl, now, deps.fetch);
        } catch (error) {
          if (error instanceof PlatformServiceError) throw new HttpError(502, { error: 'unavailable', field: 'platformId', message: error.message });
          throw error;
        }
        pages = read.pages;
        source = `lti:${platform.id}:${contextId}`;
        identitySource = `lti:${platform.id}`;
        defaultSchoolId ??= platform.schoolId;
        entries = [];
        for (const member of read.members) {
          const roles = mapLtiRoles(member.roles);
          if (!roles.staff) {
            skipped += 1;
            continue;
          }
          const name = member.name ?? ([member.given_name, member.family_name].filter(Boolean).join(' ') || undefined);
          entries.push({ externalId: member.user_id, name, email: member.email, roles: roles.roles, active: (member.status ?? 'Active') === 'Active' });
        }
      } else if (body['source'] === 'oneroster') {
        const files = (body['files'] ?? {}) as Record<string, unknown>;
        if (typeof files['users'] !== 'string') throw badRequest('files.users', 'is required: the users.csv of the OneRoster export, as text.');
        for (const name of ['orgs', 'enrollments', 'roles']) if (files[name] !== undefined && typeof files[name] !== 'string') throw badRequest(`files.${name}`, `must be the ${name}.csv file as text.`);
        const read = readOneRoster(files as { users: string }, schools, today);
        entries = read.entries;
        fileProblems = read.problems;
        skipped = read.skipped;
        source = 'oneroster';
      } else throw badRequest('source', 'must be "lti" (a course’s members) or "oneroster" (a CSV export).');

      const links = await sourceLinks(db, principal.trustId, source);
      const plan = reconcileRoster({ source, people, links, entries, today, defaultSchoolId, newId: joinerId(source) });
      const id = `rp-${randomBytes(9).toString('base64url')}`;
      const stored: StoredPlan = { plan, versions, identitySource };
      await db.query('DELETE FROM roster_plans WHERE trust_id = $1 AND expires_at < $2', [principal.trustId, now]);
      await db.query('INSERT INTO roster_plans (trust_id, id, created_by, source, plan, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        principal.trustId, id, who(principal), source, JSON.stringify(stored), now, new Date(now.getTime() + PLAN_MS),
      ]);
      deps.log({ level: 'info', msg: 'roster preview', trustId: principal.trustId, source, planId: id, joiners: plan.joiners.length, movers: plan.movers.length, leavers: plan.leavers.length, problems: plan.problems.length + fileProblems.length, pages: pages ?? null });
      return { planId: id, expiresAt: new Date(now.getTime() + PLAN_MS).toISOString(), plan, fileProblems, skipped, ...(pages !== undefined ? { pages } : {}) };
    },
  });

  route(app, {
    method: 'POST',
    url: '/v1/roster/plans/:planId/apply',
    operationId: 'applyRoster',
    summary: 'Apply a previewed roster, leaving out the entries in `skip` (administrators)',
    params: z.object({ planId: z.string().check(z.describe('The preview\'s `planId`.')) }),
    body: { schema: z.object({ skip: z.optional(z.array(z.string()).check(z.describe('The entries (externalId) to leave out.'))) }) },
    responses: {
      200: { description: 'One result per entry: applied, skipped, stale or refused.', body: z.object({ results: z.array(z.record(z.string(), z.unknown())) }) },
      ...errors(400, 401, 403, [404, 'The preview is unknown or over an hour old.'], [409, 'The preview was already applied.'], 415),
    },
    handler: async (request) => {      const principal = await adminOf(deps.authenticate, request);
      const skip = (request.body as { skip?: unknown } | undefined)?.skip ?? [];
      if (!Array.isArray(skip) || !skip.every((s) => typeof s === 'string')) throw badRequest('skip', 'must be a list of the entries (externalId) to leave out.');
      const db = deps.db();
      const { rows } = await db.query<{ plan: StoredPlan; applied_at: unknown; expires_at: Date | string }>('SELECT plan, applied_at, expires_at FROM roster_plans WHERE trust_id = $1 AND id = $2', [principal.trustId, request.params.planId]);
      const row = rows[0];
      if (!row || new Date(row.expires_at).getTime() < deps.now().getTime()) throw notFound('planId', 'This roster preview is unknown or over an hour old: preview the roster again.');
      if (row.applied_at) throw new HttpError(409, { error: 'conflict', field: 'planId', message: 'This roster preview was already applied: preview the roster again to see what is left.' });
      await db.query('UPDATE roster_plans SET applied_at = $3 WHERE trust_id = $1 AND id = $2', [principal.trustId, request.params.planId, deps.now()]);
      const { plan, versions, identitySource } = row.plan;
      const skipped = new Set(skip as string[]);
      const results: Array<{ externalId: string; personId: string; kind: 'joiner' | 'mover' | 'leaver'; status: 'applied' | 'skipped' | 'stale' | 'refused'; message?: string }> = [];
      const write = async (kind: 'joiner' | 'mover' | 'leaver', externalId: string, record: RosterPerson) => {
        if (skipped.has(externalId)) return results.push({ externalId, personId: record.id, kind, status: 'skipped' });
        const version = versions[record.id];
        try {
          await putRecord(db, deps.lifecycle, principal, 'people', record.id, record, kind === 'joiner' ? { ifMatch: undefined, ifNoneMatch: '*' } : { ifMatch: `"${version}"`, ifNoneMatch: undefined });
        } catch (error) {
          if (!(error instanceof HttpError)) throw error;
          return results.push({ externalId, personId: record.id, kind, status: error.status === 412 ? 'stale' : 'refused', message: error.body.message });
        }
        if (kind === 'leaver') await deps.sessions.revokePerson(db, principal.trustId, record.id, 'left');
        return results.push({ externalId, personId: record.id, kind, status: 'applied' });
      };
      for (const joiner of plan.joiners) await write('joiner', joiner.externalId, joiner.person);
      for (const mover of plan.movers) await write('mover', mover.externalId, mover.after);
      for (const leaver of plan.leavers) await write('leaver', leaver.externalId, leaver.after);
      // Links of what was written, and of people matched by email whose record stays as it is.
      for (const link of plan.links) {
        const result = results.find((r) => r.externalId === link.externalId);
        if (skipped.has(link.externalId) || (result && result.status !== 'applied')) continue;
        await linkPerson(db, principal.trustId, plan.source, link.externalId, link.personId);
        if (identitySource) await linkPerson(db, principal.trustId, identitySource, link.externalId, link.personId);
      }
      const count = (status: string) => results.filter((r) => r.status === status).length;
      deps.log({ level: 'info', msg: 'roster applied', trustId: principal.trustId, source: plan.source, planId: request.params.planId, applied: count('applied'), skipped: count('skipped'), stale: count('stale'), refused: count('refused') });
      return { results };
    },
  });
}

const who = (principal: Principal) => (principal.kind === 'person' ? principal.personId : principal.subject);
