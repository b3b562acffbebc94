import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, Page, WholeList, problemResponses, wholeList } from '../../lib/http-schemas.js';
import { operations } from './operations.js';
import {
  WebhookDelivery,
  WebhookDeliveryListQuery,
  WebhookDeliveryParams,
  WebhookEndpoint,
  WebhookEndpointBody,
  WebhookEndpointPatch,
  WebhookEndpointWithSecret,
  WebhookListParams,
} from './schemas.js';
import * as service from './service.js';

const tags = ['webhooks'];

type Options = { allowPrivateTargets: boolean };

/** An edition's endpoints, without their secrets. */
const readRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const onRequest = [app.requireRole('admin')];

  app.get(
    '/editions/:edition/webhooks',
    {
      onRequest,
      schema: {
        tags,
        ...operations.listWebhooks,
        params: WebhookListParams,
        response: { 200: WholeList(WebhookEndpoint), ...problemResponses(404) },
      },
    },
    async (request) => wholeList(await service.listEndpoints(app.deps, request.params.edition)),
  );

  app.get(
    '/webhooks/:id',
    {
      onRequest,
      schema: {
        tags,
        ...operations.getWebhook,
        params: IdParams,
        response: { 200: WebhookEndpoint, ...problemResponses(404) },
      },
    },
    async (request) => service.getEndpoint(app.deps, request.params.id),
  );
};

/** Registering, changing, rotating and deleting endpoints; a URL is checked against the SSRF guard. */
const writeRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { allowPrivateTargets }) => {
  const settings = { allowPrivateTargets, secrets: app.webhooks.secrets };
  const onRequest = [app.requireRole('admin')];

  app.post(
    '/editions/:edition/webhooks',
    {
      onRequest,
      schema: {
        tags,
        ...operations.createWebhook,
        params: WebhookListParams,
        body: WebhookEndpointBody,
        response: { 201: WebhookEndpointWithSecret, ...problemResponses(404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createEndpoint(app.deps, request.params.edition, request.body, settings)),
  );

  app.patch(
    '/webhooks/:id',
    {
      onRequest,
      schema: {
        tags,
        ...operations.updateWebhook,
        params: IdParams,
        body: WebhookEndpointPatch,
        response: { 200: WebhookEndpoint, ...problemResponses(404) },
      },
    },
    async (request) => service.updateEndpoint(app.deps, request.params.id, request.body, settings.allowPrivateTargets),
  );

  app.delete(
    '/webhooks/:id',
    {
      onRequest,
      schema: {
        tags,
        ...operations.deleteWebhook,
        params: IdParams,
        response: { 204: Type.Null(), ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      await service.deleteEndpoint(app.deps, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/webhooks/:id/rotate-secret',
    {
      onRequest,
      schema: {
        tags,
        ...operations.rotateWebhookSecret,
        params: IdParams,
        response: { 200: WebhookEndpointWithSecret, ...problemResponses(404) },
      },
    },
    async (request) => service.rotateSecret(app.deps, request.params.id, settings.secrets),
  );
};

/** The delivery log of an endpoint, and redelivery. */
const deliveryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const onRequest = [app.requireRole('admin')];

  app.get(
    '/webhooks/:id/deliveries',
    {
      onRequest,
      schema: {
        tags,
        ...operations.listWebhookDeliveries,
        params: IdParams,
        querystring: WebhookDeliveryListQuery,
        response: { 200: Page(WebhookDelivery), ...problemResponses(404) },
      },
    },
    async (request) => service.listDeliveries(app.deps, request.params.id, request.query),
  );

  app.post(
    '/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      onRequest,
      schema: {
        tags,
        ...operations.redeliverWebhook,
        params: WebhookDeliveryParams,
        response: { 202: WebhookDelivery, ...problemResponses(404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await service.redeliver(app.deps, app.jobs, request.params.id, request.params.deliveryId)),
  );
};

/**
 * Organizers register the endpoints of their editions, read their delivery logs and redeliver;
 * the edition-scope plugin keeps division organizers to their division (`:edition`, `/webhooks/:id`).
 */
const webhooksRoutes: FastifyPluginAsyncTypebox<Options> = async (app, options) => {
  await app.register(readRoutes);
  await app.register(writeRoutes, options);
  await app.register(deliveryRoutes);
};

export default webhooksRoutes;
