/**
 * The Fastify application: error bodies, CORS, request logs, and the core route plugins (one per
 * resource, in routes/). Each route is declared with `route()`, so the application also keeps a
 * {@link RouteTable} the OpenAPI document is generated from.
 * @module
 */
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { compiledParse } from '../schema/compiledParse.js';
import { useFastPath } from '../schema/zod.js';
import { StoreError } from '../store/store.js';
import { fromStoreError, HttpError, type ErrorBody } from './errors.js';
import type { Logger } from './log.js';
import { backupRoutes } from './routes/backup.js';
import { changeRoutes } from './routes/changes.js';
import { header, type AppDeps } from './routes/context.js';
import { devTokenRoutes } from './routes/devToken.js';
import { enquiryRoutes } from './routes/enquiries.js';
import { healthRoutes } from './routes/health.js';
import { recordRoutes } from './routes/records.js';
import { routeTable, type RouteTable } from './routes/route.js';
import { surveyRoutes } from './routes/surveys.js';
import { sharingSessionRoutes } from './routes/sharingSessions.js';
import { staffFeedbackRoutes } from './routes/staffFeedback.js';

export { DEFAULT_LIMITS, type AppDeps, type BodyLimits, type DevTokenClaims } from './routes/context.js';

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

/**
 * Builds the Fastify application with the core routes; more plugins may be registered on it
 * before it listens, and their routes join its table.
 */
export function buildApp(deps: AppDeps): { app: FastifyInstance; table: RouteTable } {
  // The server's parses (a push's events above all) try the compiled fast path first: the same
  // results as zod's, zod's own errors when it declines (src/schema/compiledParse.ts).
  useFastPath(compiledParse);
  const app = Fastify({
    logger: false,
    bodyLimit: deps.limits.other,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: 200 },
  });
  const table = routeTable(app);
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

  void app.register(healthRoutes, deps);
  if (deps.devToken) void app.register(devTokenRoutes, { db: deps.db, sign: deps.devToken });
  void app.register(enquiryRoutes, deps);
  void app.register(changeRoutes, deps);
  void app.register(recordRoutes, deps);
  void app.register(backupRoutes, deps);
  void app.register(surveyRoutes, deps);
  void app.register(sharingSessionRoutes, deps);
  void app.register(staffFeedbackRoutes, deps);
  return { app, table };
}
