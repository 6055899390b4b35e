/**
 * The HTTP routes, on Fastify. Handlers are thin: each authenticates, parses its parameters and
 * calls one function of the modules beside this one; errors become JSON bodies naming the field.
 * @module
 */
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Lifecycle } from '../lifecycle/lifecycle.js';
import { MAX_RECORD_JSON, StoreError } from '../store/store.js';
import { checkFilter, checkId } from '../store/validate.js';
import { eventForReader } from './access.js';
import type { Authenticator, Principal } from './auth.js';
import { exportTrust, importTrust } from './backup.js';
import { parseLimit, readChanges } from './changes.js';
import type { Db } from './db.js';
import { listSummaries, pushEvents, readLogFor, readSummary } from './enquiries.js';
import { fromStoreError, HttpError, notFound, type ErrorBody } from './errors.js';
import type { Logger } from './log.js';
import { checkLrsStatusRight, type LrsStatus } from './lrs.js';
import { deleteRecord, etagOf, getRecord, listRecords, parseCollection, putRecord, type Precondition } from './records.js';
import { createSurveyToken, submitResponse, surveyCount, surveyResults, type RateLimiter } from './surveys.js';

/** Byte limits of request bodies. */
export interface BodyLimits {
  /** A pushed batch (16 MB: a full batch of typical events, with room to spare). */
  push: number;
  /** A directory record (a little over `MAX_RECORD_JSON`). */
  record: number;
  /** A backup being imported (256 MB). */
  backup: number;
  /** Anything else, such as a survey answer sheet (64 KB). */
  other: number;
}

export const DEFAULT_LIMITS: BodyLimits = {
  push: 16 * 1024 * 1024,
  record: MAX_RECORD_JSON + 64 * 1024,
  backup: 256 * 1024 * 1024,
  other: 64 * 1024,
};

/** What the routes need. */
export interface AppDeps {
  db: () => Db;
  lifecycle: Lifecycle;
  authenticate: Authenticator;
  log: Logger;
  limiter: RateLimiter;
  limits: BodyLimits;
  now: () => Date;
  openapi: () => unknown;
  /** Whether the server is ready for traffic (database open and migrated, not shutting down). */
  readiness: () => Promise<{ ready: true } | { ready: false; reason: string }>;
  /** Exact origins (`http://localhost:8123`) answered with CORS headers; none by default. */
  corsOrigins?: readonly string[] | undefined;
  /**
   * Development only: signs a token for `POST /v1/dev/token`. Set only when the server verifies
   * tokens with the development secret and `PLC_DEV_TOKENS=1`; without it the route does not exist.
   */
  devToken?: ((claims: DevTokenClaims) => Promise<string>) | undefined;
  /** Called after a push stored events: the LRS forwarder looks for new steps at once. */
  onEventsStored?: (() => void) | undefined;
  /** A trust's LRS forwarding, for `GET /v1/lrs`. */
  lrsStatus: (trustId: string) => Promise<LrsStatus>;
}

/** What the demo asks a development token for. */
export interface DevTokenClaims {
  personId?: string | undefined;
  trustId: string;
  roles?: string[] | undefined;
  service?: boolean | undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | undefined;
  }
}

const principalOf = (request: FastifyRequest): Principal => {
  if (!request.principal) throw new HttpError(401, { error: 'unauthorized', message: 'Sign in first.' });
  return request.principal;
};

const idParam = (value: string, field: string): string => {
  try {
    return checkId(value, field);
  } catch (error) {
    if (error instanceof StoreError) throw fromStoreError(error);
    throw error;
  }
};

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

const precondition = (request: FastifyRequest): Precondition => ({ ifMatch: header(request, 'if-match'), ifNoneMatch: header(request, 'if-none-match') });

const flag = (value: unknown) => value === 'true' || value === '1';

/** The roles on a person's directory record in a trust, if the record exists (development tokens). */
async function directoryRoles(db: Db, trustId: string, personId: string): Promise<string[] | undefined> {
  try {
    const record = await getRecord(db, { kind: 'service', subject: 'dev-token', trustId }, 'people', personId);
    const roles = (record.record as { roles?: unknown }).roles;
    return Array.isArray(roles) && roles.every((role) => typeof role === 'string') ? roles : undefined;
  } catch (error) {
    if (error instanceof HttpError && error.status === 404) return undefined;
    throw error;
  }
}

/** Maps any error to its status and JSON body; unexpected errors are logged and answered 500. */
function toHttp(error: unknown, log: Logger, request: FastifyRequest): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof StoreError) return fromStoreError(error);
  const e = error as { code?: string; statusCode?: number; message?: string; name?: string };
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpError(413, { error: 'too-large', message: 'The request body is larger than this endpoint accepts: send smaller batches.', field: '(body)' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpError(415, { error: 'unsupported-media-type', message: 'Send JSON with Content-Type: application/json.', field: 'Content-Type' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new HttpError(400, { error: 'invalid', message: '(body) is empty: send a JSON document.', field: '(body)' });
  }
  if (e.statusCode === 400 && (e.name === 'SyntaxError' || e.code === 'FST_ERR_CTP_INVALID_JSON_BODY')) {
    return new HttpError(400, { error: 'invalid', message: `(body) is not valid JSON: ${e.message ?? ''}`.trim(), field: '(body)' });
  }
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return new HttpError(e.statusCode, { error: 'invalid', message: e.message ?? 'Bad request.' });
  }
  log({ level: 'error', msg: 'unexpected error', method: request.method, path: request.url.split('?')[0], error: e.message ?? String(error), name: e.name });
  return new HttpError(500, { error: 'internal', message: 'Something went wrong on the server; it has been logged. Try again.' });
}

/** Builds the Fastify application with every route. */
export function buildApp(deps: AppDeps): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: deps.limits.other,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: 200 },
  });
  app.decorateRequest('principal', undefined);

  const corsOrigins = new Set(deps.corsOrigins ?? []);
  if (corsOrigins.size) {
    // CORS for the configured origins only (exact match); other origins get no CORS headers.
    app.addHook('onRequest', async (request, reply) => {
      void reply.header('vary', 'Origin');
      const origin = header(request, 'origin');
      if (!origin || !corsOrigins.has(origin)) return;
      void reply.header('access-control-allow-origin', origin).header('access-control-expose-headers', 'etag');
      if (request.method === 'OPTIONS' && header(request, 'access-control-request-method')) {
        return reply
          .code(204)
          .header('access-control-allow-methods', 'GET, POST, PUT, DELETE')
          .header('access-control-allow-headers', 'authorization, content-type, if-match, if-none-match')
          .header('access-control-max-age', '600')
          .send();
      }
    });
  }

  app.addHook('onResponse', async (request, reply) => {
    deps.log({
      level: reply.statusCode >= 500 ? 'error' : 'info',
      msg: 'request',
      reqId: request.id,
      method: request.method,
      path: request.url.split('?')[0],
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    });
  });

  app.setErrorHandler((error, request, reply) => {
    const http = toHttp(error, deps.log, request);
    void reply.code(http.status).headers(http.headers).send(http.body satisfies ErrorBody);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ error: 'not-found', message: `There is no ${request.method} ${request.url.split('?')[0]}: see /openapi.json.` } satisfies ErrorBody);
  });

  const authenticated = async (request: FastifyRequest) => {
    request.principal = await deps.authenticate(header(request, 'authorization'));
  };

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const state = await deps.readiness();
    if (state.ready) return { status: 'ready' };
    return reply.code(503).send({ status: 'not-ready', reason: state.reason });
  });
  app.get('/openapi.json', async () => deps.openapi());

  const devToken = deps.devToken;
  if (devToken) {
    // Development only (see AppDeps.devToken): lets the demo page sign in as any person.
    app.post<{ Body: unknown }>('/v1/dev/token', async (request) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      if (typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, { error: 'invalid', message: '(body) must be a JSON object.', field: '(body)' });
      const service = body['service'] === true;
      const trustId = idParam(typeof body['trustId'] === 'string' ? body['trustId'] : 'trust-riverside', 'trustId');
      const personId = service && body['personId'] === undefined ? undefined : idParam(typeof body['personId'] === 'string' ? body['personId'] : '', 'personId');
      const roles = body['roles'];
      if (roles !== undefined && !(Array.isArray(roles) && roles.every((role) => typeof role === 'string'))) {
        throw new HttpError(400, { error: 'invalid', message: 'roles must be an array of role names.', field: 'roles' });
      }
      // Without roles, the person's own directory record says which (as a school portal would).
      const known = roles === undefined && personId && !service ? await directoryRoles(deps.db(), trustId, personId) : undefined;
      return { token: await devToken({ personId, trustId, roles: (roles as string[] | undefined) ?? known, service }) };
    });
  }

  // Enquiries and their logs.
  app.post<{ Params: { enquiryId: string }; Querystring: { atomic?: string } }>(
    '/v1/enquiries/:enquiryId/events',
    { onRequest: authenticated, bodyLimit: deps.limits.push },
    async (request) => {
      const enquiryId = idParam(request.params.enquiryId, 'enquiryId');
      const length = Number(header(request, 'content-length'));
      const pushed = await pushEvents(deps.db(), { lifecycle: deps.lifecycle }, principalOf(request), enquiryId, request.body, {
        atomic: flag(request.query.atomic),
        bodyBytes: Number.isFinite(length) ? length : undefined,
      });
      if (pushed.summary) deps.onEventsStored?.();
      return pushed;
    },
  );
  app.get<{ Params: { enquiryId: string } }>('/v1/enquiries/:enquiryId/events', { onRequest: authenticated }, async (request) => {
    const principal = principalOf(request);
    const enquiryId = idParam(request.params.enquiryId, 'enquiryId');
    const { events, refusals } = await readLogFor(deps.db(), principal, enquiryId, (event, context) => eventForReader(principal, event, context));
    return { enquiryId, events, refusals };
  });
  app.get<{ Querystring: Record<string, string> }>('/v1/enquiries', { onRequest: authenticated }, async (request) => {
    let filter;
    try {
      filter = checkFilter({ ...request.query });
    } catch (error) {
      if (error instanceof StoreError) throw fromStoreError(error);
      throw error;
    }
    return { enquiries: await listSummaries(deps.db(), principalOf(request), filter) };
  });
  app.get<{ Params: { enquiryId: string } }>('/v1/enquiries/:enquiryId', { onRequest: authenticated }, async (request) => {
    const enquiryId = idParam(request.params.enquiryId, 'enquiryId');
    const summary = await readSummary(deps.db(), principalOf(request), enquiryId);
    if (!summary) throw notFound('enquiryId', `Enquiry ${enquiryId} has no events yet.`);
    return summary;
  });

  // Forwarding to the LRS.
  app.get('/v1/lrs', { onRequest: authenticated }, async (request) => {
    const principal = principalOf(request);
    checkLrsStatusRight(principal);
    return deps.lrsStatus(principal.trustId);
  });

  // The change feed.
  app.get<{ Querystring: { since?: string; limit?: string } }>('/v1/changes', { onRequest: authenticated }, async (request, reply) => {
    const page = await readChanges(deps.db(), principalOf(request), request.query.since, parseLimit(request.query.limit));
    return reply.type('application/json; charset=utf-8').send(page);
  });

  // Directory records.
  app.get<{ Params: { collection: string } }>('/v1/records/:collection', { onRequest: authenticated }, async (request) => {
    const collection = parseCollection(request.params.collection);
    return { collection, records: await listRecords(deps.db(), principalOf(request), collection) };
  });
  app.get<{ Params: { collection: string; id: string } }>('/v1/records/:collection/:id', { onRequest: authenticated }, async (request, reply) => {
    const collection = parseCollection(request.params.collection);
    const found = await getRecord(deps.db(), principalOf(request), collection, request.params.id);
    const etag = etagOf(found.version);
    void reply.header('etag', etag).header('cache-control', 'private, no-cache');
    if (header(request, 'if-none-match') === etag) return reply.code(304).send();
    return found;
  });
  app.put<{ Params: { collection: string; id: string } }>(
    '/v1/records/:collection/:id',
    { onRequest: authenticated, bodyLimit: deps.limits.record },
    async (request, reply) => {
      const collection = parseCollection(request.params.collection);
      const { stored, created } = await putRecord(deps.db(), deps.lifecycle, principalOf(request), collection, request.params.id, request.body, precondition(request));
      return reply.code(created ? 201 : 200).header('etag', etagOf(stored.version)).send(stored);
    },
  );
  app.delete<{ Params: { collection: string; id: string } }>('/v1/records/:collection/:id', { onRequest: authenticated }, async (request, reply) => {
    const collection = parseCollection(request.params.collection);
    await deleteRecord(deps.db(), deps.lifecycle, principalOf(request), collection, request.params.id, precondition(request));
    return reply.code(204).send();
  });

  // Backups.
  app.get('/v1/backup', { onRequest: authenticated }, async (request, reply) => {
    const backup = await exportTrust(deps.db(), principalOf(request), deps.now());
    return reply.header('content-disposition', `attachment; filename="plc-kit-backup-${backup.exportedAt.slice(0, 10)}.json"`).send(backup);
  });
  app.post('/v1/backup', { onRequest: authenticated, bodyLimit: deps.limits.backup }, async (request) => {
    const imported = await importTrust(deps.db(), deps.lifecycle, principalOf(request), request.body);
    return { imported };
  });

  // Student voice.
  app.post<{ Params: { surveyId: string } }>('/v1/surveys/:surveyId/tokens', { onRequest: authenticated }, async (request, reply) => {
    const surveyId = idParam(request.params.surveyId, 'surveyId');
    return reply.code(201).send(await createSurveyToken(deps.db(), principalOf(request), surveyId));
  });
  app.post<{ Params: { surveyId: string }; Querystring: { token?: string } }>('/v1/surveys/:surveyId/responses', async (request, reply) => {
    const surveyId = idParam(request.params.surveyId, 'surveyId');
    await submitResponse(deps.db(), deps.limiter, surveyId, request.query.token, request.body);
    return reply.code(201).header('cache-control', 'no-store').send({ status: 'received' });
  });
  app.get<{ Params: { surveyId: string } }>('/v1/surveys/:surveyId/results', { onRequest: authenticated }, async (request) => {
    const surveyId = idParam(request.params.surveyId, 'surveyId');
    return surveyResults(deps.db(), principalOf(request), surveyId);
  });
  app.get<{ Params: { surveyId: string } }>('/v1/surveys/:surveyId/count', { onRequest: authenticated }, async (request, reply) => {
    const surveyId = idParam(request.params.surveyId, 'surveyId');
    return reply.header('cache-control', 'no-store').send(await surveyCount(deps.db(), principalOf(request), surveyId));
  });

  return app;
}
