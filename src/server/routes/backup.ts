/**
 * A trust's backup: export everything the caller may read, import a backup in place of the trust's data.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import { exportTrust, importTrust } from '../backup.js';
import { authenticated, principalOf, type AppDeps } from './context.js';
import { AUTHENTICATED_ERRORS, errors, ref, route } from './route.js';

/** The backup routes (register with `app.register(backupRoutes, deps)`). */
export async function backupRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const onRequest = authenticated(deps.authenticate);

  route(app, {
    method: 'GET',
    url: '/v1/backup',
    operationId: 'exportBackup',
    summary: 'Every event, record and anonymous answer sheet of the trust (administrators only)',
    responses: { 200: { description: 'A plc-kit backup document.', body: ref('Backup') }, ...AUTHENTICATED_ERRORS },
    onRequest,
    handler: async (request, reply) => {
      const backup = await exportTrust(deps.db(), principalOf(request), deps.now());
      return reply.header('content-disposition', `attachment; filename="plc-kit-backup-${backup.exportedAt.slice(0, 10)}.json"`).send(backup);
    },
  });

  route(app, {
    method: 'POST',
    url: '/v1/backup',
    operationId: 'importBackup',
    summary: 'Replace the trust\'s data with a backup, atomically (administrators only)',
    description: 'Checked completely first: a corrupt or too new backup answers 400 with every problem (`error: "corrupt"`) and nothing changes.',
    body: { schema: ref('Backup'), limit: deps.limits.backup },
    responses: { 200: { description: 'Imported.', body: ref('ImportResult') }, ...AUTHENTICATED_ERRORS, ...errors(413, 415) },
    onRequest,
    handler: async (request) => {
      const imported = await importTrust(deps.db(), deps.lifecycle, principalOf(request), request.body);
      // A backup made by a browser's store carries no credentials: its published enquiries earn theirs now.
      await deps.onPublishedStored?.(principalOf(request).trustId);
      return { imported };
    },
  });
}
