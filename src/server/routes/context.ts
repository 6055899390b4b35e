/**
 * What the core route plugins share: their dependencies, body limits, and the small steps every
 * handler takes (authenticate, read the principal, read a header).
 * @module
 */
import type { FastifyRequest, onRequestHookHandler } from 'fastify';
import * as z from 'zod/mini';
import type { Lifecycle } from '../../lifecycle/lifecycle.js';
import { Id } from '../../schema/common.js';
import { MAX_RECORD_JSON, StoreError } from '../../store/store.js';
import { checkId } from '../../store/validate.js';
import type { Authenticator, Principal } from '../auth.js';
import type { Db } from '../db.js';
import { fromStoreError, HttpError } from '../errors.js';
import type { Logger } from '../log.js';
import type { LrsStatus } from '../lrs.js';
import type { Precondition } from '../records.js';
import type { HitCounter } from '../rateLimit.js';

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
  limiter: HitCounter;
  limits: BodyLimits;
  now: () => Date;
  /** The document of every declared route (`GET /openapi.json`). */
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
  /**
   * Called after a push stored events in a published enquiry, and after a backup was imported
   * (no `enquiryId`: every published enquiry of the trust): the server issues the members' Open
   * Badges credentials there. Never throws: what was stored stays whatever it does.
   */
  onPublishedStored?: ((trustId: string, enquiryId?: string) => Promise<void>) | undefined;
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

/** An `onRequest` hook that puts the caller's principal (or none) on the request. */
export const authenticated =
  (authenticate: Authenticator): onRequestHookHandler =>
  async (request) => {
    request.principal = await authenticate(header(request, 'authorization'));
  };

/** The signed-in caller; 401 without one. */
export const principalOf = (request: FastifyRequest): Principal => {
  if (!request.principal) throw new HttpError(401, { error: 'unauthorized', message: 'Sign in first.' });
  return request.principal;
};

/** Checks an id from a body, as the store does (400 naming the field). */
export const idParam = (value: string, field: string): string => {
  try {
    return checkId(value, field);
  } catch (error) {
    if (error instanceof StoreError) throw fromStoreError(error);
    throw error;
  }
};

/** A request header as one string (repeated headers joined). */
export const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

/** The request's If-Match and If-None-Match. */
export const precondition = (request: FastifyRequest): Precondition => ({ ifMatch: header(request, 'if-match'), ifNoneMatch: header(request, 'if-none-match') });

/** An id in a path, with its description in the document. */
export const idOf = (description: string) => Id.check(z.describe(description));
