/**
 * The notification routes: a person's in-app list (derived afresh from the trust's data on each
 * read), marking read, the email digest setting, and the one-click unsubscribe an email links to.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import * as z from 'zod/mini';
import type { Principal } from '../auth.js';
import type { Db } from '../db.js';
import { badRequest, forbidden } from '../errors.js';
import { listNotifications, markRead, NOTIFICATION_KINDS, readSettings, refreshNotifications, unsubscribe, writeSettings } from '../notifications.js';
import type { Authenticator } from '../auth.js';
import { authenticated, principalOf } from './context.js';
import { AUTHENTICATED_ERRORS, errors, route } from './route.js';

/** What the notification routes need. */
export interface NotificationRouteDeps {
  db: () => Db;
  authenticate: Authenticator;
  now: () => Date;
}

const personOf = (principal: Principal) => {
  if (principal.kind !== 'person') throw forbidden('not-a-person', 'Notifications belong to a person: a service token has none.');
  return principal;
};

const NotificationBody = z.object({
  key: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  enquiryId: z.optional(z.string()),
  data: z.object({ title: z.optional(z.string()), date: z.optional(z.string()), weeks: z.optional(z.int()), stage: z.optional(z.string()) }),
  createdAt: z.string(),
  read: z.boolean(),
});
const Settings = z.object({ emailDigest: z.boolean() });

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head>` +
  `<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem"><h1>${title}</h1>${body}</body></html>`;

/** The notification routes (register with `app.register(notificationRoutes, deps)`). */
export async function notificationRoutes(app: FastifyInstance, deps: NotificationRouteDeps): Promise<void> {
  const onRequest = authenticated(deps.authenticate);
  // A mail client's one-click unsubscribe posts a form (RFC 8058); its fields are not read.
  for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data']) {
    app.addContentTypeParser(type, { parseAs: 'string', bodyLimit: 4096 }, (_request, _body, done) => done(null, {}));
  }

  route(app, {
    method: 'GET',
    url: '/v1/notifications',
    operationId: 'listNotifications',
    summary: 'The signed-in person\u2019s notifications, newest first, and how many are unread',
    description: 'Titles and kinds only: never observation notes, review comments, observers\u2019 names or answers (docs/privacy.md).',
    responses: { 200: { description: 'The notifications.', body: z.object({ notifications: z.array(NotificationBody), unread: z.int() }) }, ...AUTHENTICATED_ERRORS },
    onRequest,
    handler: async (request, reply) => {
      const person = personOf(principalOf(request));
      await refreshNotifications(deps.db(), person.trustId, deps.now());
      return reply.header('cache-control', 'private, no-store').send(await listNotifications(deps.db(), person.trustId, person.personId));
    },
  });

  route(app, {
    method: 'POST',
    url: '/v1/notifications/read',
    operationId: 'markNotificationsRead',
    summary: 'Mark notifications read: those named in `keys`, or all with `all: true`',
    body: { schema: z.object({ keys: z.optional(z.array(z.string()).check(z.maxLength(500))), all: z.optional(z.boolean()) }) },
    responses: { 200: { description: 'How many were marked.', body: z.object({ marked: z.int() }) }, ...AUTHENTICATED_ERRORS },
    onRequest,
    handler: async (request) => {
      const person = personOf(principalOf(request));
      const parsed = z.object({ keys: z.optional(z.array(z.string()).check(z.maxLength(500))), all: z.optional(z.boolean()) }).safeParse(request.body ?? {});
      if (!parsed.success || (!parsed.data.all && !parsed.data.keys)) throw errorBody();
      return { marked: await markRead(deps.db(), person.trustId, person.personId, parsed.data.all ? 'all' : parsed.data.keys!, deps.now()) };
    },
  });

  route(app, {
    method: 'GET',
    url: '/v1/notifications/settings',
    operationId: 'readNotificationSettings',
    summary: 'Whether the signed-in person gets the email digest',
    responses: { 200: { description: 'The settings.', body: Settings }, ...AUTHENTICATED_ERRORS },
    onRequest,
    handler: async (request) => {
      const person = personOf(principalOf(request));
      return readSettings(deps.db(), person.trustId, person.personId);
    },
  });

  route(app, {
    method: 'PUT',
    url: '/v1/notifications/settings',
    operationId: 'writeNotificationSettings',
    summary: 'Turn the signed-in person\u2019s email digest on or off',
    body: { schema: Settings },
    responses: { 200: { description: 'The settings now.', body: Settings }, ...AUTHENTICATED_ERRORS },
    onRequest,
    handler: async (request) => {
      const person = personOf(principalOf(request));
      return writeSettings(deps.db(), person.trustId, person.personId, request.body);
    },
  });

  const Token = z.object({ token: z.optional(z.string().check(z.maxLength(100), z.describe('The token from the email\u2019s link.'))) });
  route(app, {
    method: 'GET',
    url: '/v1/notifications/unsubscribe',
    operationId: 'unsubscribePage',
    summary: 'The page an email\u2019s unsubscribe link opens: one button that stops the digest',
    description: 'Opening the link changes nothing (mail scanners open links); the button, or a mail client\u2019s one-click unsubscribe (RFC 8058), POSTs.',
    public: true,
    querystring: Token,
    responses: { 200: { description: 'The page.', contentType: 'text/html' } },
    handler: async (request, reply) => {
      const token = request.query.token ?? '';
      const form = `<p>Stop the plc-kit email digest? Notifications stay in the app.</p><form method="post" action="?token=${encodeURIComponent(token)}"><button type="submit">Stop the emails</button></form>`;
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page('plc-kit emails', form));
    },
  });

  route(app, {
    method: 'POST',
    url: '/v1/notifications/unsubscribe',
    operationId: 'unsubscribe',
    summary: 'One-click unsubscribe (RFC 8058): stops the digest of the person the token names',
    public: true,
    querystring: Token,
    body: { schema: z.looseObject({}), contentType: ['application/x-www-form-urlencoded', 'multipart/form-data', 'application/json', 'text/plain'] },
    responses: { 200: { description: 'Stopped.', contentType: 'text/html' }, ...errors([404, 'The link is not known (it may have been mistyped).']) },
    handler: async (request, reply) => {
      const done = await unsubscribe(deps.db(), request.query.token);
      return reply
        .code(done ? 200 : 404)
        .type('text/html; charset=utf-8')
        .send(done ? page('Emails stopped', '<p>You will get no more plc-kit email digests. Turn them on again in plc-kit\u2019s notification settings.</p>') : page('Link not known', '<p>This unsubscribe link is not known.</p>'));
    },
  });
}

const errorBody = () => badRequest('keys', 'must be a list of notification keys, or send { "all": true }');
