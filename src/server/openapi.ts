/**
 * The REST contract as an OpenAPI 3.1 document, served at `/openapi.json` and kept in
 * docs/server/openapi.json. Record and event schemas are generated from the same zod schemas
 * the core validates with, so the contract cannot drift from the code.
 * @module
 */
import * as z from 'zod/mini';
import { EVENT_PAYLOADS, EventEnvelope } from '../lifecycle/events.js';
import { defaultLifecycle, type Lifecycle } from '../lifecycle/lifecycle.js';
import { COLLECTIONS, DIRECTORY } from '../schema/directory.js';
import { MAX_BATCH, MAX_EVENT_JSON, MAX_RECORD_JSON } from '../store/store.js';
import { VERSION } from '../version.js';
import { PAGE_SIZE } from './changes.js';
import { ANALYSIS_PATHS } from './routes/analysis.js';

type Json = Record<string, unknown>;

const toSchema = (schema: z.ZodMiniType): Json => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Json;
  return rest;
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json, description: string) => ({ description, content: { 'application/json': { schema } } });
const error = (description: string) => json(ref('Error'), description);

const ERRORS = {
  '400': error('Invalid: `field` names the parameter or path at fault and `problems` lists each with what was expected.'),
  '401': error('No token, or a token that is not valid.'),
  '403': error('The policy does not allow this: `reason` is its stable code.'),
  '413': error('Too large: `field` says what.'),
} as const;

const idParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,64}$' },
});

const collectionParam = { name: 'collection', in: 'path', required: true, schema: { type: 'string', enum: [...COLLECTIONS] } };

/**
 * The OpenAPI 3.1 document of the server's REST contract.
 * @param lifecycle the lifecycle whose event types are listed (the default one by default).
 */
export function openApiDocument(lifecycle: Lifecycle = defaultLifecycle): Json {
  const records: Json = {};
  for (const collection of COLLECTIONS) records[`Record.${collection}`] = toSchema(DIRECTORY[collection] as unknown as z.ZodMiniType);
  const payloads: Json = {};
  for (const [type, schema] of Object.entries(EVENT_PAYLOADS)) payloads[`Payload.${type}`] = toSchema(schema as unknown as z.ZodMiniType);
  const versioned = (collection: string) => ({
    type: 'object',
    required: ['record', 'version'],
    properties: { record: ref(`Record.${collection}`), version: { type: 'integer', minimum: 1 } },
  });

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
    paths: {
      ...ANALYSIS_PATHS,
      '/v1/enquiries/{enquiryId}/events': {
        post: {
          operationId: 'pushEvents',
          summary: 'Push a batch of events to an enquiry\'s log',
          description: [
            `At most ${MAX_BATCH} events, each at most ${MAX_EVENT_JSON} characters of JSON. Idempotent by event id: pushing`,
            'the same batch again answers `duplicate` for each event and changes nothing, so a client retries freely.',
            'Each event gets a result: `appended`; `duplicate`; `refused` (stored, and shown as refused by the lifecycle',
            'with its reason: nothing anyone wrote is dropped); `invalid` (not stored: `field` and `problems` say why);',
            '`forbidden` (not stored: the policy does not let the caller write it, or `authorId` is not the caller).',
            'With `atomic=true` the batch is all or nothing: the first invalid event answers 400 (409 for an id used',
            'by another enquiry) and a forbidden one 403, and nothing is stored.',
          ].join(' '),
          parameters: [
            idParam('enquiryId', 'The enquiry; every event\'s `enquiryId` must be this one.'),
            { name: 'atomic', in: 'query', required: false, schema: { type: 'boolean', default: false }, description: 'All or nothing.' },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { type: 'object', required: ['events'], properties: { events: { type: 'array', maxItems: MAX_BATCH, items: ref('DomainEvent') } } },
              },
            },
          },
          responses: {
            '200': json(ref('PushResponse'), 'One result per event, in the order sent, and the enquiry\'s summary.'),
            ...ERRORS,
            '409': error('With `atomic`: an event id already belongs to another enquiry.'),
          },
        },
        get: {
          operationId: 'readLog',
          summary: 'An enquiry\'s log in merge order, with refusals',
          description: 'Observation notes, and reflections and outcomes before they are published, are blanked for readers the policy does not let see them (`notesHidden: true`, `hidden: true`).',
          parameters: [idParam('enquiryId', 'The enquiry.')],
          responses: {
            '200': json(
              {
                type: 'object',
                required: ['enquiryId', 'events', 'refusals'],
                properties: { enquiryId: { type: 'string' }, events: { type: 'array', items: ref('DomainEvent') }, refusals: { type: 'array', items: ref('Refusal') } },
              },
              'The log (empty for an unknown enquiry).',
            ),
            ...ERRORS,
          },
        },
      },
      '/v1/enquiries': {
        get: {
          operationId: 'listEnquiries',
          summary: 'Enquiry summaries, newest change first',
          parameters: ['cycleId', 'communityId', 'themeId', 'stage', 'ownerId'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } })),
          responses: { '200': json({ type: 'object', required: ['enquiries'], properties: { enquiries: { type: 'array', items: ref('EnquirySummary') } } }, 'Summaries.'), ...ERRORS },
        },
      },
      '/v1/enquiries/{enquiryId}': {
        get: {
          operationId: 'getSummary',
          summary: 'One enquiry\'s summary',
          parameters: [idParam('enquiryId', 'The enquiry.')],
          responses: { '200': json(ref('EnquirySummary'), 'The summary.'), '404': error('No events for this enquiry.'), ...ERRORS },
        },
      },
      '/v1/changes': {
        get: {
          operationId: 'pullChanges',
          summary: 'Everything that changed since a checkpoint, in pages',
          description: [
            'Events and directory records (deletions as `deleted: true`) in the order they changed, filtered for the reader',
            'as `readLog` is. Keep `checkpoint` and ask again with `since=<checkpoint>` while `hasMore`.',
            'An event may come again when what the reader may see of it changes (notes shared, an outcome published,',
            'a community\'s members changed): replace the copy you have. `reset: true` means the trust\'s data was',
            'replaced by a backup import: drop what you pulled before.',
          ].join(' '),
          parameters: [
            { name: 'since', in: 'query', required: false, schema: { type: 'string', pattern: '^(0|\\d{1,9}\\.\\d{1,15})$' }, description: 'A checkpoint from an earlier page; omit for everything.' },
            { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: PAGE_SIZE.max, default: PAGE_SIZE.default } },
          ],
          responses: { '200': json(ref('ChangesPage'), 'A page of changes.'), ...ERRORS },
        },
      },
      '/v1/records/{collection}': {
        get: {
          operationId: 'listRecords',
          summary: 'Every record of a collection, ordered by id',
          description: 'Appraisal records and raw survey answers are never listed (the policy refuses them): read aggregates instead.',
          parameters: [collectionParam],
          responses: {
            '200': json({ type: 'object', required: ['collection', 'records'], properties: { collection: { type: 'string' }, records: { type: 'array', items: ref('Versioned') } } }, 'Records with versions.'),
            ...ERRORS,
          },
        },
      },
      '/v1/records/{collection}/{id}': {
        get: {
          operationId: 'getRecord',
          summary: 'One record; its version is the ETag',
          parameters: [collectionParam, idParam('id', 'The record id.'), { name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } }],
          responses: {
            '200': { ...json(ref('Versioned'), 'The record.'), headers: { ETag: { schema: { type: 'string' }, description: 'The version, quoted: `"3"`.' } } },
            '304': { description: 'Not changed since the ETag sent in If-None-Match.' },
            '404': error('No such record.'),
            ...ERRORS,
          },
        },
        put: {
          operationId: 'putRecord',
          summary: 'Create or update a record',
          description: [
            `The body is the record itself (at most ${MAX_RECORD_JSON} characters of JSON), validated by its collection's schema`,
            'and migrated to the current version. Send `If-Match: <ETag you read>` to update, `If-None-Match: *` to create.',
            'A stale ETag answers 412 (nothing written; `actualVersion` says the current one); updating an existing record',
            'without If-Match answers 428.',
          ].join(' '),
          parameters: [
            collectionParam,
            idParam('id', 'The record id; must be the body\'s `id`.'),
            { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } },
            { name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string', const: '*' } },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: { oneOf: COLLECTIONS.map((c) => ref(`Record.${c}`)) } } } },
          responses: {
            '200': json(ref('Versioned'), 'Updated; the new version is also the ETag header.'),
            '201': json(ref('Versioned'), 'Created.'),
            '412': error('Stale: someone else wrote first, or the record exists (If-None-Match: *). Nothing was written.'),
            '428': error('The record exists: send If-Match.'),
            ...ERRORS,
          },
        },
        delete: {
          operationId: 'deleteRecord',
          summary: 'Delete a record at the version you read',
          parameters: [collectionParam, idParam('id', 'The record id.'), { name: 'If-Match', in: 'header', required: true, schema: { type: 'string' } }],
          responses: {
            '204': { description: 'Deleted; the change feed reports it.' },
            '404': error('No such record.'),
            '412': error('Stale: nothing was deleted.'),
            '428': error('Send If-Match.'),
            ...ERRORS,
          },
        },
      },
      '/v1/backup': {
        get: {
          operationId: 'exportBackup',
          summary: 'Every event, record and anonymous answer sheet of the trust (administrators only)',
          responses: { '200': json(ref('Backup'), 'A plc-kit backup document.'), ...ERRORS },
        },
        post: {
          operationId: 'importBackup',
          summary: 'Replace the trust\'s data with a backup, atomically (administrators only)',
          description: 'Checked completely first: a corrupt or too new backup answers 400 with every problem (`error: "corrupt"`) and nothing changes.',
          requestBody: { required: true, content: { 'application/json': { schema: ref('Backup') } } },
          responses: {
            '200': json({ type: 'object', properties: { imported: { type: 'object', properties: { events: { type: 'integer' }, records: { type: 'integer' } } } } }, 'Imported.'),
            ...ERRORS,
          },
        },
      },
      '/v1/lrs': {
        get: {
          operationId: 'lrsStatus',
          summary: 'How the trust\'s steps are going to the Learning Record Store (administrators, CPD leaders, services)',
          description: [
            'When the server sends xAPI statements to an LRS (`PLC_LRS_ENDPOINT`): the checkpoint, the steps waiting,',
            'how many were sent and skipped, the last error and when this process tries again. `{ "enabled": false }` otherwise.',
          ].join(' '),
          responses: { '200': json(ref('LrsStatus'), 'The trust\'s forwarding.'), '401': ERRORS['401'], '403': ERRORS['403'] },
        },
      },
      '/v1/surveys/{surveyId}/tokens': {
        post: {
          operationId: 'createSurveyToken',
          summary: 'Create a link token for students to answer a survey',
          description: 'For the enquiry\'s members. The token is shown once and stored only as a hash.',
          parameters: [idParam('surveyId', 'The survey.')],
          responses: {
            '201': json({ type: 'object', required: ['token', 'surveyId', 'path'], properties: { token: { type: 'string' }, surveyId: { type: 'string' }, path: { type: 'string' } } }, 'The token and the path students post to.'),
            '404': error('No such survey.'),
            ...ERRORS,
          },
        },
      },
      '/v1/surveys/{surveyId}/responses': {
        post: {
          operationId: 'submitSurveyResponse',
          summary: 'An anonymous answer sheet, through a survey link',
          description: 'No authentication: the link\'s token is the only credential. Nothing about the sender is stored (no address, time, order or identifier). Rate-limited per token.',
          security: [],
          parameters: [idParam('surveyId', 'The survey.'), { name: 'token', in: 'query', required: true, schema: { type: 'string' } }],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['answers'],
                  additionalProperties: false,
                  properties: { answers: { type: 'object', additionalProperties: { oneOf: [{ type: 'integer', minimum: 0, maximum: 9 }, { type: 'string', maxLength: 500 }] } } },
                },
              },
            },
          },
          responses: {
            '201': json({ type: 'object', properties: { status: { const: 'received' } } }, 'Received.'),
            '400': ERRORS['400'],
            '403': error('No token, a token for another survey, or the survey is not open (`reason`).'),
            '429': { ...error('Too many answers through this link just now.'), headers: { 'Retry-After': { schema: { type: 'integer' } } } },
          },
        },
      },
      '/v1/surveys/{surveyId}/results': {
        get: {
          operationId: 'surveyResults',
          summary: 'A survey\'s aggregated results (groups under five suppressed), for the enquiry\'s members',
          parameters: [idParam('surveyId', 'The survey.')],
          responses: { '200': json(ref('SurveyResults'), 'Counts per option and sorted comments.'), '404': error('No such survey.'), ...ERRORS },
        },
      },
      '/v1/dev/token': {
        post: {
          operationId: 'devToken',
          summary: 'Development only: a token for any person or a service (the demo\'s sign-in)',
          description: [
            'Exists only when the server verifies tokens with the development secret (`PLC_JWT_SECRET`, no `PLC_JWKS_URL`)',
            'and `PLC_DEV_TOKENS=1`, never with `NODE_ENV=production`; otherwise 404. Anyone who can reach it can act as anyone.',
            'Without `roles`, the token carries those on the person\'s directory record in the trust (none when there is no record).',
          ].join(' '),
          security: [],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    personId: { type: 'string', description: 'The person (`sub`); required unless `service`.' },
                    trustId: { type: 'string', default: 'trust-riverside' },
                    roles: { type: 'array', items: { type: 'string', enum: ['teacher', 'cpd-leader', 'coach', 'admin'] } },
                    service: { type: 'boolean', description: 'A service token for the whole trust (seeding, integrations).' },
                  },
                },
              },
            },
          },
          responses: {
            '200': json({ type: 'object', required: ['token'], properties: { token: { type: 'string', description: 'An HS256 JWT valid for 8 hours.' } } }, 'The token.'),
            '400': ERRORS['400'],
            '404': error('Development tokens are off on this server.'),
          },
        },
      },
      '/healthz': { get: { operationId: 'health', summary: 'Liveness: the process answers', security: [], responses: { '200': json({ type: 'object' }, 'Alive.') } } },
      '/readyz': {
        get: {
          operationId: 'ready',
          summary: 'Readiness: the database answers and the server is not shutting down',
          security: [],
          responses: { '200': json({ type: 'object' }, 'Ready.'), '503': json({ type: 'object' }, 'Not ready, with the reason.') },
        },
      },
      '/openapi.json': { get: { operationId: 'openapi', summary: 'This document', security: [], responses: { '200': json({ type: 'object' }, 'OpenAPI 3.1.') } } },
      '/embed': {
        get: {
          operationId: 'embedPage',
          summary: 'The embed page for iframes (`?view=...`; also at /embed/), framed only by PLC_EMBED_ANCESTORS; see docs/embedding',
          security: [],
          responses: {
            '200': { description: 'The page, with its Content-Security-Policy.', content: { 'text/html': { schema: { type: 'string' } } } },
            '503': error('The embed page is not built: run `npm run build`.'),
          },
        },
      },
      '/embed/{file}': {
        get: {
          operationId: 'embedFile',
          summary: 'A file of the embed page: resizer.js for host pages, and the page\'s embed.js, embed.css, bundle.js',
          security: [],
          parameters: [{ name: 'file', in: 'path', required: true, schema: { enum: ['index.html', 'embed.js', 'embed.css', 'bundle.js', 'resizer.js'] } }],
          responses: {
            '200': { description: 'The file.', content: { 'text/javascript': { schema: { type: 'string' } }, 'text/css': { schema: { type: 'string' } } } },
            '404': error('Not a file of the embed page.'),
            '503': error('The embed page is not built: run `npm run build`.'),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A JWT from the host portal: `sub` (person), `plc_trust`, `plc_roles`.' },
      },
      schemas: {
        DomainEvent: { ...toSchema(EventEnvelope as unknown as z.ZodMiniType), description: `An event; its payload is checked against its type (${lifecycle.eventTypes.join(', ')}); see Payload.<type>.` },
        ...payloads,
        ...records,
        Versioned: { type: 'object', required: ['record', 'version'], properties: { record: { type: 'object' }, version: { type: 'integer', minimum: 1 } } },
        ...Object.fromEntries(COLLECTIONS.map((c) => [`Versioned.${c}`, versioned(c)])),
        Refusal: {
          type: 'object',
          required: ['eventId', 'type', 'code', 'message', 'stage'],
          properties: { eventId: { type: 'string' }, type: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' }, stage: { type: 'string' }, params: { type: 'object' } },
        },
        PushResult: {
          type: 'object',
          required: ['index', 'eventId', 'status'],
          properties: {
            index: { type: 'integer' },
            eventId: { type: ['string', 'null'] },
            status: { enum: ['appended', 'duplicate', 'refused', 'invalid', 'forbidden'] },
            refusal: ref('Refusal'),
            field: { type: 'string' },
            message: { type: 'string' },
            problems: { type: 'array', items: ref('FieldProblem') },
            reason: { type: 'string' },
          },
        },
        PushResponse: {
          type: 'object',
          required: ['enquiryId', 'results'],
          properties: { enquiryId: { type: 'string' }, results: { type: 'array', items: ref('PushResult') }, summary: ref('EnquirySummary') },
        },
        EnquirySummary: {
          type: 'object',
          properties: {
            enquiryId: { type: 'string' },
            title: { type: 'string' },
            kind: { enum: ['group', 'individual'] },
            cycleId: { type: 'string' },
            themeId: { type: 'string' },
            communityId: { type: 'string' },
            ownerIds: { type: 'array', items: { type: 'string' } },
            track: { type: 'string' },
            stage: { type: 'string' },
            step: { type: 'string' },
            status: { type: 'string' },
            questionText: { type: 'string' },
            counts: { type: 'object', properties: { events: { type: 'integer' }, observations: { type: 'integer' }, evidence: { type: 'integer' }, refusals: { type: 'integer' } } },
            contributorIds: { type: 'array', items: { type: 'string' } },
            createdAt: { type: 'string' },
            updatedAt: { type: 'string' },
            publishedAt: { type: 'string' },
          },
        },
        ChangesPage: {
          type: 'object',
          required: ['changes', 'checkpoint', 'hasMore', 'reset'],
          properties: {
            changes: {
              type: 'array',
              items: {
                oneOf: [
                  { type: 'object', required: ['kind', 'event'], properties: { kind: { const: 'event' }, event: ref('DomainEvent'), refusal: { oneOf: [ref('Refusal'), { type: 'null' }] } } },
                  {
                    type: 'object',
                    required: ['kind', 'collection', 'id', 'version'],
                    properties: { kind: { const: 'record' }, collection: { enum: [...COLLECTIONS] }, id: { type: 'string' }, version: { type: 'integer' }, record: { type: 'object' }, deleted: { const: true } },
                  },
                ],
              },
            },
            checkpoint: { type: 'string', description: 'Opaque; send it back as `since`.' },
            hasMore: { type: 'boolean' },
            reset: { type: 'boolean' },
          },
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
        FieldProblem: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } },
        Error: {
          type: 'object',
          required: ['error', 'message'],
          properties: {
            error: { type: 'string' },
            message: { type: 'string' },
            field: { type: 'string' },
            problems: { type: 'array', items: ref('FieldProblem') },
            reason: { type: 'string', description: 'The policy\'s stable code, when the policy refused.' },
            expectedVersion: { type: 'integer' },
            actualVersion: { type: ['integer', 'null'] },
          },
        },
      },
    },
  };
}
