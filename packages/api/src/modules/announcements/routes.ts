import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, WholeList, problemResponses, wholeList } from '../../lib/http-schemas.js';
import { operations } from './operations.js';
import {
  Announcement,
  AnnouncementBody,
  AnnouncementListParams,
  AnnouncementListQuery,
  AnnouncementPatch,
} from './schemas.js';
import * as service from './service.js';

const tags = ['announcements'];

/** Anyone reads an edition's published announcements; organizers their drafts too. */
const readRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/editions/:edition/announcements',
    {
      onRequest: [app.identifyIfPossible],
      schema: {
        tags,
        ...operations.listAnnouncements,
        params: AnnouncementListParams,
        querystring: AnnouncementListQuery,
        response: { 200: WholeList(Announcement), ...problemResponses(400, 403, 404) },
      },
    },
    async (request) =>
      wholeList(
        await service.listAnnouncements(app.deps, request.params.edition, request.query.drafts ?? false, request.user),
      ),
  );

  app.get(
    '/announcements/:id',
    {
      onRequest: [app.identifyIfPossible],
      schema: {
        tags,
        ...operations.getAnnouncement,
        params: IdParams,
        response: { 200: Announcement, ...problemResponses(400, 404) },
      },
    },
    async (request) => service.getAnnouncement(app.deps, request.params.id, request.user),
  );
};

/** Organizers write, publish and delete announcements. */
const writeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = [app.requireRole('admin')];

  app.post(
    '/editions/:edition/announcements',
    {
      onRequest: admin,
      schema: {
        tags,
        ...operations.createAnnouncement,
        params: AnnouncementListParams,
        body: AnnouncementBody,
        response: { 201: Announcement, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.createAnnouncement(app.deps, request.params.edition, request.body, request.user)),
  );

  app.patch(
    '/announcements/:id',
    {
      onRequest: admin,
      schema: {
        tags,
        ...operations.updateAnnouncement,
        params: IdParams,
        body: AnnouncementPatch,
        response: { 200: Announcement, ...problemResponses(400, 404) },
      },
    },
    async (request) => service.updateAnnouncement(app.deps, request.params.id, request.body),
  );

  app.delete(
    '/announcements/:id',
    {
      onRequest: admin,
      schema: {
        tags,
        ...operations.deleteAnnouncement,
        params: IdParams,
        response: { 204: Type.Null(), ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      await service.deleteAnnouncement(app.deps, request.params.id);
      return reply.code(204).send(null);
    },
  );
};

/** Announcements per edition: organizers write them; anyone reads the published ones. */
const announcementsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(readRoutes);
  await app.register(writeRoutes);
};

export default announcementsRoutes;
