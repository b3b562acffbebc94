import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EditionParams, problemResponses, wholeList } from '../../lib/http-schemas.js';
import * as consent from './consent.js';
import { ConsentBody, ConsentList, PrivacyNotice, PrivacyNoticeBody } from './schemas.js';
import { operations } from './operations.js';

/** The edition's privacy notice (public; organizers publish versions) and a person's consents to it. */
const consentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['privacy'];
  const secured = { tags, security: [{ bearerAuth: [] }] };

  app.get(
    '/editions/:edition/privacy-notice',
    {
      schema: {
        tags,
        ...operations.getPrivacyNotice,
        params: EditionParams,
        response: { 200: PrivacyNotice, ...problemResponses(400, 404) },
      },
    },
    async (request) => consent.currentNotice(app.deps, request.params.edition),
  );

  app.put(
    '/editions/:edition/privacy-notice',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...secured,
        ...operations.publishPrivacyNotice,
        params: EditionParams,
        body: PrivacyNoticeBody,
        response: { 200: PrivacyNotice, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => consent.publishNotice(app.deps, request.params.edition, request.body, request.user),
  );

  app.get(
    '/me/consents',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        ...operations.listMyConsents,
        response: { 200: ConsentList, ...problemResponses(401) },
      },
    },
    async (request) => wholeList(await consent.listConsents(app.deps, request.user.sub)),
  );

  app.post(
    '/me/consents',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        ...operations.giveConsent,
        body: ConsentBody,
        response: { 200: ConsentList, ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (request) => {
      await consent.recordConsent(
        app.deps.db,
        request.user.sub,
        request.body.noticeId,
        request.body.scopes,
        app.deps.clock.now(),
      );
      return wholeList(await consent.listConsents(app.deps, request.user.sub));
    },
  );
};

export default consentRoutes;
