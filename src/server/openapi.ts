/**
 * The REST contract as an OpenAPI 3.1 document, served at `/openapi.json` and kept in
 * docs/server/openapi.json. Its paths are generated from the routes' own declarations (see
 * routes/route.ts), and record and event schemas from the zod schemas the core validates with, so
 * the contract cannot drift from the code.
 * @module
 */
import * as z from 'zod/mini';
import { EVENT_PAYLOADS } from '../lifecycle/events.js';
import { defaultLifecycle, type Lifecycle } from '../lifecycle/lifecycle.js';
import { COLLECTIONS, DIRECTORY } from '../schema/directory.js';
import { MAX_BATCH } from '../store/store.js';
import { WIRE_SCHEMAS } from '../sync/wire.js';
import { VERSION } from '../version.js';
import { ref, type RouteContract, type Shape } from './routes/route.js';

type Json = Record<string, unknown>;

const toSchema = (schema: z.ZodMiniType): Json => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Json;
  return rest;
};

const shape = (schema: Shape): Json => ('$ref' in schema || 'oneOf' in schema ? { ...schema } : toSchema(schema));

const mediaTypes = (value: string | readonly string[] | undefined): readonly string[] => (value === undefined ? ['application/json'] : typeof value === 'string' ? [value] : value);

const prose = (text: string | readonly string[] | undefined) => (typeof text === 'string' ? text : text?.join(' '));

/** The parameters of a `z.object`, one per key, in `in`. */
function parameters(schema: z.ZodMiniObject | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  return Object.entries(schema._zod.def.shape as Record<string, z.ZodMiniType>).map(([name, field]) => {
    const { description, ...fieldSchema } = toSchema(field);
    const required = where === 'path' || field._zod.optin !== 'optional';
    return { name, in: where, required, ...(description ? { description } : {}), schema: fieldSchema };
  });
}

/** One operation of the document, from a route's declaration. */
function operation(contract: RouteContract): Json {
  const params = [
    ...parameters(contract.params, 'path'),
    ...parameters(contract.querystring, 'query'),
    ...(contract.headers ?? []).map((h) => ({ name: h.name, in: 'header', required: h.required ?? false, ...(h.description ? { description: h.description } : {}), schema: { type: 'string' } })),
  ];
  const responses: Json = {};
  for (const [status, answer] of Object.entries(contract.responses)) {
    responses[status] = {
      description: answer.description,
      ...(answer.headers ? { headers: Object.fromEntries(Object.entries(answer.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }])) } : {}),
      ...(answer.body ? { content: Object.fromEntries(mediaTypes(answer.contentType).map((type) => [type, { schema: shape(answer.body!) }])) } : {}),
    };
  }
  const description = prose(contract.description);
  return {
    operationId: contract.operationId,
    summary: contract.summary,
    ...(description ? { description } : {}),
    ...(contract.public ? { security: [] } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(contract.body
      ? { requestBody: { required: true, content: Object.fromEntries(mediaTypes(contract.body.contentType).map((type) => [type, { schema: shape(contract.body!.schema) }])) } }
      : {}),
    responses,
  };
}

/** The sync protocol's messages (src/sync), each a component the others refer to by name. */
function wireSchemas(): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(WIRE_SCHEMAS)) registry.add(schema as z.ZodMiniType, { id });
  const { schemas } = z.toJSONSchema(registry, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, Json> };
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...rest }]) => [id, rest]));
}

/** Fastify's `/a/:b` as OpenAPI's `/a/{b}`. */
export const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

const METHOD_ORDER = ['get', 'put', 'post', 'delete'];

/**
 * The OpenAPI 3.1 document of the given routes (a server's {@link RouteContract}s).
 * @param lifecycle the lifecycle whose event types are listed (the default one by default).
 */
export function openApiDocument(routes: readonly RouteContract[], lifecycle: Lifecycle = defaultLifecycle): Json {
  const records: Json = {};
  for (const collection of COLLECTIONS) records[`Record.${collection}`] = toSchema(DIRECTORY[collection] as unknown as z.ZodMiniType);
  const payloads: Json = {};
  for (const [type, schema] of Object.entries(EVENT_PAYLOADS)) payloads[`Payload.${type}`] = toSchema(schema as unknown as z.ZodMiniType);
  const versioned = (collection: string) => ({
    type: 'object',
    required: ['record', 'version'],
    properties: { record: ref(`Record.${collection}`), version: { type: 'integer', minimum: 1 } },
  });
  const paths: Record<string, Json> = {};
  const wire = wireSchemas();
  for (const contract of [...routes].sort((a, b) => openApiPath(a.url).localeCompare(openApiPath(b.url)) || METHOD_ORDER.indexOf(a.method.toLowerCase()) - METHOD_ORDER.indexOf(b.method.toLowerCase()))) {
    (paths[openApiPath(contract.url)] ??= {})[contract.method.toLowerCase()] = operation(contract);
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'plc-kit server',
      version: VERSION,
      summary: 'Enquiry logs, directory records and anonymous student voice for professional learning communities.',
      description: [
        'Every `/v1` call but a survey answer needs `Authorization: Bearer <JWT>` from the host portal;',
        'the token names a person, a trust and roles, and one trust never sees another trust\'s data.',
        'Every read and write is decided by plc-kit\'s policy function (the same one the components use).',
        'Errors are JSON `{ error, message, field?, problems?, reason? }`; `error` uses the Store\'s error codes',
        '(`invalid`, `not-found`, `stale`, `conflict`, `corrupt`, `unavailable`) plus `unauthorized`, `forbidden`,',
        '`precondition-required`, `too-large`, `unsupported-media-type`, `rate-limited`, `internal`.',
      ].join(' '),
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: 'http://127.0.0.1:8787', description: '`npx plc-kit serve`' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A JWT from the host portal: `sub` (person), `plc_trust`, `plc_roles`.' },
      },
      schemas: {
        ...wire,
        DomainEvent: { ...wire['DomainEvent'], description: `An event; its payload is checked against its type (${lifecycle.eventTypes.join(', ')}); see Payload.<type>.` },
        ...payloads,
        ...records,
        Versioned: { type: 'object', required: ['record', 'version'], properties: { record: { type: 'object' }, version: { type: 'integer', minimum: 1 } } },
        ...Object.fromEntries(COLLECTIONS.map((c) => [`Versioned.${c}`, versioned(c)])),
        IssuedSession: {
          type: 'object',
          required: ['token', 'expiresAt', 'refreshToken', 'sessionExpiresAt', 'trustId', 'personId', 'roles'],
          properties: {
            token: { type: 'string' },
            expiresAt: { type: 'string', format: 'date-time' },
            refreshToken: { type: 'string' },
            sessionExpiresAt: { type: 'string', format: 'date-time' },
            trustId: { type: 'string' },
            personId: { type: 'string' },
            roles: { type: 'array', items: { type: 'string' } },
          },
        },
        Jwks: { type: 'object', required: ['keys'], properties: { keys: { type: 'array', items: { type: 'object' } } } },
        PushRequest: {
          type: 'object',
          required: ['events'],
          properties: { events: { type: 'array', maxItems: MAX_BATCH, items: ref('DomainEvent') } },
        },
        EnquiryLog: {
          type: 'object',
          required: ['enquiryId', 'events', 'refusals'],
          properties: { enquiryId: { type: 'string' }, events: { type: 'array', items: ref('DomainEvent') }, refusals: { type: 'array', items: ref('Refusal') } },
        },
        EnquiryList: { type: 'object', required: ['enquiries'], properties: { enquiries: { type: 'array', items: ref('EnquirySummary') } } },
        RecordList: { type: 'object', required: ['collection', 'records'], properties: { collection: { type: 'string' }, records: { type: 'array', items: ref('Versioned') } } },
        AnyRecord: { oneOf: COLLECTIONS.map((c) => ref(`Record.${c}`)) },
        ImportResult: { type: 'object', properties: { imported: { type: 'object', properties: { events: { type: 'integer' }, records: { type: 'integer' } } } } },
        SurveyToken: {
          type: 'object',
          required: ['token', 'surveyId', 'path', 'code', 'studentPath'],
          properties: {
            token: { type: 'string' },
            surveyId: { type: 'string' },
            path: { type: 'string' },
            code: { type: 'string', pattern: '^[2-9A-HJKMNP-TV-Z]{7}$', description: 'The survey\'s short code, the same each time.' },
            studentPath: { type: 'string', description: 'The student page: `/s/<code>`.' },
          },
        },
        StudentSurvey: {
          type: 'object',
          required: ['code', 'id', 'title', 'lang', 'status', 'questions'],
          properties: {
            code: { type: 'string' },
            id: { type: 'string' },
            title: { type: 'string' },
            lang: { type: 'string' },
            status: { enum: ['draft', 'open', 'closed'] },
            questions: { type: 'array', items: { type: 'object' }, description: 'Only while the survey is open.' },
          },
        },
        StudentSheet: {
          type: 'object',
          required: ['answers', 'receipt'],
          additionalProperties: false,
          properties: {
            answers: { type: 'object', additionalProperties: { oneOf: [{ type: 'integer', minimum: 0, maximum: 9 }, { type: 'string', maxLength: 500 }] } },
            receipt: { type: 'string', pattern: '^[A-Za-z0-9_-]{16,64}$' },
          },
        },
        AnswerSheet: {
          type: 'object',
          required: ['answers'],
          additionalProperties: false,
          properties: { answers: { type: 'object', additionalProperties: { oneOf: [{ type: 'integer', minimum: 0, maximum: 9 }, { type: 'string', maxLength: 500 }] } } },
        },
        Backup: {
          type: 'object',
          required: ['format', 'schemaVersion', 'exportedAt', 'events', 'records'],
          properties: {
            format: { const: 'plc-kit-backup' },
            schemaVersion: { type: 'integer' },
            exportedAt: { type: 'string', format: 'date-time' },
            events: { type: 'array', items: ref('DomainEvent') },
            records: { type: 'object', properties: Object.fromEntries(COLLECTIONS.map((c) => [c, { type: 'array', items: ref(`Versioned.${c}`) }])) },
            badges: {
              type: 'object',
              description: "Only in the complete backup (the service token's): the trust's Open Badges signing key, secret half included, and every credential as issued (docs/privacy.md).",
              required: ['credentials'],
              properties: {
                key: {
                  type: 'object',
                  required: ['issuerId', 'keyId', 'publicKeyMultibase', 'secretKeyMultibase'],
                  properties: { issuerId: { type: 'string' }, keyId: { type: 'string' }, publicKeyMultibase: { type: 'string' }, secretKeyMultibase: { type: 'string' } },
                },
                credentials: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['id', 'enquiryId', 'personId', 'publishedAt', 'issuedAt', 'document'],
                    properties: {
                      id: { type: 'string' },
                      enquiryId: { type: 'string' },
                      personId: { type: 'string' },
                      publishedAt: { type: 'string', format: 'date-time' },
                      issuedAt: { type: 'string', format: 'date-time' },
                      document: { type: 'object', description: 'The signed OpenBadgeCredential.' },
                    },
                  },
                },
              },
            },
            staffFeedbackReceipts: {
              type: 'array',
              description:
                "Only in the complete backup (the service token's): who has answered each staff survey, never what (no time, no sheet id; the sheets are in records.surveyResponses), so a restored trust takes one answer per person (docs/privacy.md).",
              items: {
                type: 'object',
                required: ['surveyId', 'personIds'],
                properties: { surveyId: { type: 'string' }, personIds: { type: 'array', items: { type: 'string' }, minItems: 1 } },
              },
            },
          },
        },
        SurveyResults: {
          type: 'object',
          properties: {
            surveyId: { type: 'string' },
            responseCount: { type: 'integer' },
            suppressed: { type: 'boolean' },
            minGroupSize: { type: 'integer' },
            questions: {
              type: 'array',
              items: { type: 'object', properties: { suppressed: { type: 'boolean' }, answered: { type: 'integer' }, counts: { type: 'array', items: { type: 'integer' } }, comments: { type: 'array', items: { type: 'string' } } } },
            },
          },
        },
        LrsStatus: {
          type: 'object',
          required: ['enabled'],
          properties: {
            enabled: { type: 'boolean' },
            endpoint: { type: 'string', description: 'The LRS\'s xAPI endpoint; statements go to `<endpoint>/statements`.' },
            homePage: { type: 'string', description: 'The homePage of the actors\' accounts.' },
            trustId: { type: 'string' },
            checkpoint: { type: 'integer', description: 'The change number steps have been sent up to.' },
            pending: { type: 'integer', description: 'Steps waiting to be sent.' },
            sent: { type: 'integer' },
            skipped: { type: 'integer', description: 'Refused by the LRS alone (400), or a different statement with the same id there (409); each is logged.' },
            lastError: { type: ['string', 'null'] },
            failingSince: { type: ['string', 'null'], format: 'date-time' },
            retryAt: { type: ['string', 'null'], format: 'date-time' },
            updatedAt: { type: ['string', 'null'], format: 'date-time' },
            recentSkips: {
              type: 'array',
              items: { type: 'object', properties: { eventId: { type: 'string' }, statementId: { type: 'string' }, reason: { type: 'string' }, at: { type: 'string', format: 'date-time' } } },
            },
          },
        },
      },
    },
  };
}
