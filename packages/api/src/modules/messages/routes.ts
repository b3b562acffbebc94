import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Page, problemResponses } from '../../lib/http-schemas.js';
import { listDeliveries, resendDelivery } from './deliveries.js';
import * as inbox from './inbox.js';
import {
  DeliveryListQuery,
  MarkedRead,
  Notification,
  NotificationListQuery,
  NotificationParams,
  NotificationSettings,
  NotificationSettingsPatch,
  SentMessage,
  UnreadCount,
  Unsubscribed,
  UnsubscribePreview,
  UnsubscribeQuery,
} from './schemas.js';
import { operations } from './operations.js';

const tags = ['notifications'];

/** A person's in-app inbox: every message the platform sent them. */
const inboxRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const onRequest = [app.authenticate];

  app.get(
    '/me/notifications',
    {
      onRequest,
      schema: {
        tags,
        ...operations.listMyNotifications,
        querystring: NotificationListQuery,
        response: { 200: Page(Notification), ...problemResponses(400, 401) },
      },
    },
    async (request) => inbox.listInbox(app.deps, request.user.sub, request.query),
  );

  app.get(
    '/me/notifications/unread-count',
    {
      onRequest,
      schema: {
        tags,
        ...operations.countMyUnreadNotifications,
        response: { 200: UnreadCount },
      },
    },
    async (request) => inbox.unreadCount(app.deps, request.user.sub),
  );

  app.post(
    '/me/notifications/:id/read',
    {
      onRequest,
      schema: {
        tags,
        ...operations.markNotificationRead,
        params: NotificationParams,
        response: { 200: Notification, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => inbox.markRead(app.deps, request.user.sub, request.params.id),
  );

  app.post(
    '/me/notifications/read-all',
    {
      onRequest,
      schema: {
        tags,
        ...operations.markAllNotificationsRead,
        response: { 200: MarkedRead },
      },
    },
    async (request) => inbox.markAllRead(app.deps, request.user.sub),
  );
};

/** A person's settings of messages, and the unsubscribe link of a mail. */
const settingsRoutes: FastifyPluginAsyncTypebox<{ secret: string }> = async (app, { secret }) => {
  const onRequest = [app.authenticate];

  app.get(
    '/me/notification-settings',
    {
      onRequest,
      schema: {
        tags,
        ...operations.getMyNotificationSettings,
        response: { 200: NotificationSettings },
      },
    },
    async (request) => inbox.getSettings(app.deps, request.user.sub, request.locale),
  );

  app.patch(
    '/me/notification-settings',
    {
      onRequest,
      schema: {
        tags,
        ...operations.updateMyNotificationSettings,
        body: NotificationSettingsPatch,
        response: { 200: NotificationSettings, ...problemResponses(400, 401) },
      },
    },
    async (request) => inbox.updateSettings(app.deps, request.user.sub, request.body, request.locale),
  );

  // Mail clients' one-click unsubscribe (RFC 8058) posts `List-Unsubscribe=One-Click` form-encoded.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  app.get(
    '/unsubscribe',
    {
      schema: {
        tags,
        ...operations.previewUnsubscribe,
        querystring: UnsubscribeQuery,
        response: { 200: UnsubscribePreview, ...problemResponses(400) },
      },
    },
    async (request) =>
      inbox.previewUnsubscribe(
        app.deps,
        request.query.token,
        secret,
        `${app.messenger.publicUrl}/api/v1/unsubscribe?token=${encodeURIComponent(request.query.token)}`,
      ),
  );

  app.post(
    '/unsubscribe',
    {
      schema: {
        tags,
        ...operations.unsubscribe,
        querystring: UnsubscribeQuery,
        response: { 200: Unsubscribed, ...problemResponses(400) },
      },
    },
    async (request) => inbox.unsubscribe(app.deps, request.query.token, secret),
  );
};

/** Organizers: what was sent to whom, where it is, and sending one again. */
const deliveryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const onRequest = [app.requireRole('admin')];
  const schema = { tags, security: [{ bearerAuth: [] }] };

  app.get(
    '/messages',
    {
      onRequest,
      schema: {
        ...schema,
        ...operations.listSentMessages,
        querystring: DeliveryListQuery,
        response: { 200: Page(SentMessage), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => listDeliveries(app.deps, request.query),
  );

  app.post(
    '/messages/:id/resend',
    {
      onRequest,
      schema: {
        ...schema,
        ...operations.resendMessage,
        params: IdParams,
        response: { 202: SentMessage, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(202).send(await resendDelivery(app.deps, app.jobs, request.params.id)),
  );
};

const messagesRoutes: FastifyPluginAsyncTypebox<{ secret: string }> = async (app, options) => {
  await app.register(inboxRoutes);
  await app.register(deliveryRoutes);
  await app.register(settingsRoutes, options);
};

export default messagesRoutes;
