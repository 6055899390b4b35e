/**
 * Directory records: list a collection, read, write and delete one record at a version (its ETag).
 * @module
 */
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import { COLLECTIONS } from '../../schema/directory.js';
import { MAX_RECORD_JSON } from '../../store/store.js';
import { deleteRecord, etagOf, getRecord, listRecords, putRecord } from '../records.js';
import { authenticated, header, idOf, precondition, principalOf, type AppDeps } from './context.js';
import { AUTHENTICATED_ERRORS, errors, ref, route } from './route.js';

const Collection = z.enum(COLLECTIONS).check(z.describe('The collection.'));
const RecordParams = z.object({ collection: Collection, id: idOf('The record id.') });

/** The record routes (register with `app.register(recordRoutes, deps)`). */
export async function recordRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const onRequest = authenticated(deps.authenticate);

  route(app, {
    method: 'GET',
    url: '/v1/records/:collection',
    operationId: 'listRecords',
    summary: 'Every record of a collection, ordered by id',
    description: 'Appraisal records and raw survey answers are never listed (the policy refuses them): read aggregates instead.',
    params: z.object({ collection: Collection }),
    responses: { 200: { description: 'Records with versions.', body: ref('RecordList') }, ...AUTHENTICATED_ERRORS },
    onRequest,
    handler: async (request) => {
      const { collection } = request.params;
      return { collection, records: await listRecords(deps.db(), principalOf(request), collection) };
    },
  });

  route(app, {
    method: 'GET',
    url: '/v1/records/:collection/:id',
    operationId: 'getRecord',
    summary: 'One record; its version is the ETag',
    params: RecordParams,
    headers: [{ name: 'If-None-Match' }],
    responses: {
      200: { description: 'The record.', body: ref('Versioned'), headers: { ETag: 'The version, quoted: `"3"`.' } },
      304: { description: 'Not changed since the ETag sent in If-None-Match.' },
      ...AUTHENTICATED_ERRORS,
      ...errors([404, 'No such record.']),
    },
    onRequest,
    handler: async (request, reply) => {
      const found = await getRecord(deps.db(), principalOf(request), request.params.collection, request.params.id);
      const etag = etagOf(found.version);
      void reply.header('etag', etag).header('cache-control', 'private, no-cache');
      if (header(request, 'if-none-match') === etag) return reply.code(304).send();
      return found;
    },
  });

  route(app, {
    method: 'PUT',
    url: '/v1/records/:collection/:id',
    operationId: 'putRecord',
    summary: 'Create or update a record',
    description: [
      `The body is the record itself (at most ${MAX_RECORD_JSON} characters of JSON), validated by its collection's schema`,
      'and migrated to the current version. Send `If-Match: <ETag you read>` to update, `If-None-Match: *` to create.',
      'A stale ETag answers 412 (nothing written; `actualVersion` says the current one); updating an existing record',
      'without If-Match answers 428.',
    ],
    params: RecordParams,
    headers: [{ name: 'If-Match' }, { name: 'If-None-Match', description: '`*` to create.' }],
    body: { schema: ref('AnyRecord'), limit: deps.limits.record },
    responses: {
      200: { description: 'Updated; the new version is also the ETag header.', body: ref('Versioned') },
      201: { description: 'Created.', body: ref('Versioned') },
      ...AUTHENTICATED_ERRORS,
      ...errors(413, 415, [412, 'Stale: someone else wrote first, or the record exists (If-None-Match: *). Nothing was written.'], [428, 'The record exists: send If-Match.']),
    },
    onRequest,
    handler: async (request, reply) => {
      const { collection, id } = request.params;
      const { stored, created } = await putRecord(deps.db(), deps.lifecycle, principalOf(request), collection, id, request.body, precondition(request));
      return reply.code(created ? 201 : 200).header('etag', etagOf(stored.version)).send(stored);
    },
  });

  route(app, {
    method: 'DELETE',
    url: '/v1/records/:collection/:id',
    operationId: 'deleteRecord',
    summary: 'Delete a record at the version you read',
    params: RecordParams,
    headers: [{ name: 'If-Match', required: true }],
    responses: {
      204: { description: 'Deleted; the change feed reports it.' },
      ...AUTHENTICATED_ERRORS,
      ...errors([404, 'No such record.'], [412, 'Stale: nothing was deleted.'], [428, 'Send If-Match.']),
    },
    onRequest,
    handler: async (request, reply) => {
      await deleteRecord(deps.db(), deps.lifecycle, principalOf(request), request.params.collection, request.params.id, precondition(request));
      return reply.code(204).send();
    },
  });
}
