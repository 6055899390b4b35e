/**
 * Liveness, readiness and the contract: `GET /healthz`, `GET /readyz`, `GET /openapi.json`.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import type { AppDeps } from './context.js';
import { route } from './route.js';

const Status = (description: string) => z.object({ status: z.string() }).check(z.describe(description));

/** The health routes (register with `app.register(healthRoutes, deps)`). */
export async function healthRoutes(app: FastifyInstance, deps: Pick<AppDeps, 'readiness' | 'openapi'>): Promise<void> {
  route(app, {
    method: 'GET',
    url: '/healthz',
    operationId: 'health',
    summary: 'Liveness: the process answers',
    public: true,
    responses: { 200: { description: 'Alive.', body: Status('`ok`') } },
    handler: async () => ({ status: 'ok' }),
  });
  route(app, {
    method: 'GET',
    url: '/readyz',
    operationId: 'ready',
    summary: 'Readiness: the database answers and the server is not shutting down',
    public: true,
    responses: {
      200: { description: 'Ready.', body: Status('`ready`') },
      503: { description: 'Not ready, with the reason.', body: z.object({ status: z.literal('not-ready'), reason: z.string() }) },
    },
    handler: async (_request, reply) => {
      const state = await deps.readiness();
      if (state.ready) return { status: 'ready' };
      return reply.code(503).send({ status: 'not-ready', reason: state.reason });
    },
  });
  route(app, {
    method: 'GET',
    url: '/openapi.json',
    operationId: 'openapi',
    summary: 'This document',
    public: true,
    responses: { 200: { description: 'OpenAPI 3.1.', body: z.record(z.string(), z.unknown()) } },
    handler: async () => deps.openapi(),
  });
}
