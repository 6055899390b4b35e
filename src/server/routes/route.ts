/**
 * One way to declare an HTTP route. A route says what it takes (path parameters, query
 * parameters, body and its media types) and what it answers, with zod schemas; {@link route}
 * checks every request against that declaration before the handler runs and keeps the
 * declaration on the route, where the OpenAPI document is generated from (src/server/openapi.ts).
 * A route that is not declared this way is not in the document, and a test says so.
 * @example
 * ```ts
 * export async function healthRoutes(app: FastifyInstance) {
 *   route(app, {
 *     method: 'GET', url: '/healthz', operationId: 'health', summary: 'Liveness', public: true,
 *     responses: { 200: { description: 'Alive.', body: z.object({ status: z.literal('ok') }) } },
 *     handler: async () => ({ status: 'ok' }),
 *   });
 * }
 * ```
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type * as z from 'zod/mini';
import { describeIssues, type FieldProblem } from '../../schema/errors.js';
import { HttpError } from '../errors.js';

/** A reference to a schema of the document's `components.schemas`. */
export interface Ref {
  $ref: string;
}

/** A reference to the named component schema (`ref('PushResponse')`). */
export const ref = (name: string): Ref => ({ $ref: `#/components/schemas/${name}` });

/** A schema in a route's declaration: a zod schema, a component the document defines, or one of several components. */
export type Shape = z.ZodMiniType | Ref | { oneOf: Ref[] };

/** What a route answers with one status. */
export interface ResponseSpec {
  description: string;
  /** The body's schema; none for an empty answer (204, 304). */
  body?: Shape | undefined;
  /** The body's media type (`application/json` by default). */
  contentType?: string | readonly string[] | undefined;
  /** Response headers worth documenting, by name: their description. */
  headers?: Record<string, string> | undefined;
}

/** A request body. */
export interface BodySpec {
  schema: Shape;
  /** The media types accepted (`application/json` by default); any other answers 415. */
  contentType?: string | readonly string[] | undefined;
  /** The byte limit, when not the server's default. */
  limit?: number | undefined;
}

/** A request header worth documenting (preconditions, mostly). */
export interface HeaderSpec {
  name: string;
  required?: boolean | undefined;
  description?: string | undefined;
}

/** A route's declaration: everything but its handler, and what the document is made of. */
export interface RouteContract {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Fastify's form: `/v1/enquiries/:enquiryId/events`. */
  url: string;
  operationId: string;
  summary: string;
  /** Longer prose; an array is joined with spaces. */
  description?: string | readonly string[] | undefined;
  /** Needs no bearer token (the document's `security: []`). */
  public?: boolean | undefined;
  /** Path parameters: a `z.object` with one key per `:name` in the URL. */
  params?: z.ZodMiniObject | undefined;
  /** Query parameters: a `z.object` (unknown ones dropped) or `z.strictObject` (unknown ones refused). */
  querystring?: z.ZodMiniObject | undefined;
  headers?: readonly HeaderSpec[] | undefined;
  body?: BodySpec | undefined;
  /** By status; the error statuses share the `Error` body ({@link errors}). */
  responses: Record<number, ResponseSpec>;
}

type Infer<S> = S extends z.ZodMiniType ? z.output<S> : Record<string, never>;

/** A route: its declaration, how its caller is authenticated, and its handler. */
export interface RouteSpec<P extends z.ZodMiniObject | undefined, Q extends z.ZodMiniObject | undefined> extends RouteContract {
  params?: P;
  querystring?: Q;
  /** Runs first (authentication). */
  onRequest?: onRequestHookHandler | undefined;
  /** Receives parameters and query already checked against the declaration. */
  handler: (request: FastifyRequest<{ Params: Infer<P>; Querystring: Infer<Q>; Body: unknown }>, reply: FastifyReply) => unknown;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's declaration, set by `route()`. */
    contract?: RouteContract;
  }
}

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid: `field` names the parameter or path at fault and `problems` lists each with what was expected.',
  401: 'No token, or a token that is not valid.',
  403: 'The policy does not allow this: `reason` is its stable code.',
  404: 'Not found.',
  409: 'Conflict.',
  412: 'Stale: nothing was written.',
  413: 'Too large: `field` says what.',
  415: 'The body is not of a media type this route accepts.',
  428: 'Send the precondition header.',
  429: 'Too many requests just now.',
  503: 'Not available just now: try again.',
};

/**
 * Error answers, each with the shared `Error` body: `errors(400, 401, [404, 'No such survey.'])`.
 * A bare status gets the usual wording.
 */
export function errors(...statuses: Array<number | [number, string]>): Record<number, ResponseSpec> {
  const out: Record<number, ResponseSpec> = {};
  for (const entry of statuses) {
    const [status, description] = Array.isArray(entry) ? entry : [entry, ERROR_TEXT[entry] ?? 'An error.'];
    out[status] = { description, body: ref('Error') };
  }
  return out;
}

/** The answers every authenticated route may give besides its own: 400, 401, 403. */
export const AUTHENTICATED_ERRORS = errors(400, 401, 403);

const mediaTypes = (value: string | readonly string[] | undefined): readonly string[] => (value === undefined ? ['application/json'] : typeof value === 'string' ? [value] : value);

const invalid = (problems: FieldProblem[]) =>
  new HttpError(400, { error: 'invalid', message: problems.map((p) => `${p.path} ${p.message}`).join('; '), field: problems[0]?.path ?? '(value)', problems });

/**
 * Checks a parsed query or path against its schema: a value given twice, a value of the wrong
 * type or an unknown name (with `z.strictObject`) answers 400 naming the parameter.
 */
export function checkParameters(schema: z.ZodMiniObject | undefined, input: unknown): unknown {
  const values = (input ?? {}) as Record<string, unknown>;
  const repeated = Object.entries(values).filter(([, value]) => Array.isArray(value));
  if (repeated.length) {
    throw invalid(repeated.map(([name, value]) => ({ path: name, message: `was given ${(value as unknown[]).length} times: give it once` })));
  }
  if (!schema) return values;
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  throw invalid(
    result.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ path: key, message: `is not a parameter here (use ${Object.keys(schema._zod.def.shape).join(', ')})` }))
        : describeIssues([issue]),
    ),
  );
}

/** Whether a request carries a body (a length above zero, or a chunked one). */
const hasBody = (request: FastifyRequest) => {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
};

/**
 * Declares a route on `app` (a Fastify instance or plugin scope): on a route with a body, checks
 * the content type before the body is read (415 for any type not declared), then the path and query parameters (400 for a
 * parameter of the wrong type or given twice), then runs the handler.
 */
export function route<P extends z.ZodMiniObject | undefined = undefined, Q extends z.ZodMiniObject | undefined = undefined>(
  app: FastifyInstance,
  spec: RouteSpec<P, Q>,
): void {
  const { handler, onRequest, ...contract } = spec;
  const accepted = spec.body ? mediaTypes(spec.body.contentType) : undefined;
  app.route({
    method: spec.method,
    url: spec.url,
    config: { contract },
    ...(spec.body?.limit ? { bodyLimit: spec.body.limit } : {}),
    ...(onRequest ? { onRequest } : {}),
    preParsing: async (request, _reply, payload) => {
      if (!accepted || !hasBody(request)) return payload;
      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!accepted.includes(type)) {
        throw new HttpError(415, { error: 'unsupported-media-type', message: `Send ${accepted.join(' or ')} (Content-Type: ${type || 'none'} is not accepted here).`, field: 'Content-Type' });
      }
      return payload;
    },
    preValidation: async (request) => {
      request.params = checkParameters(spec.params, request.params);
      request.query = checkParameters(spec.querystring, request.query);
    },
    handler: handler as (request: FastifyRequest, reply: FastifyReply) => unknown,
  });
}

/** What a server answers: every route's method and path, and the declarations among them. */
export interface RouteTable {
  /** The declarations of the routes made with {@link route}, in the order they were added. */
  readonly contracts: RouteContract[];
  /** Every route, declared or not, as `GET /v1/changes` (HEAD, added by Fastify for each GET, left out). */
  readonly routes: string[];
}

/** Starts keeping the {@link RouteTable} of `app`: call before any route or plugin is added. */
export function routeTable(app: FastifyInstance): RouteTable {
  const table: RouteTable = { contracts: [], routes: [] };
  app.addHook('onRoute', (options) => {
    for (const method of [options.method].flat()) if (method !== 'HEAD') table.routes.push(`${method} ${options.url}`);
    if (options.config?.contract) table.contracts.push(options.config.contract);
  });
  return table;
}
