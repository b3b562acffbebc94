import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Download, IdParams, WholeList, problemResponses, wholeList } from '../../lib/http-schemas.js';
import { readFilePart, sendStoredFile } from '../files/http.js';
import { operations } from './operations.js';
import {
  Announcement,
  AnnouncementBody,
  AnnouncementListParams,
  AnnouncementListQuery,
  AnnouncementPatch,
  AttachmentParams,
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

/** Anyone downloads a published announcement's attachments; organizers a draft's too. */
const attachmentReadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/announcements/:id/attachments/:fileId',
    {
      onRequest: [app.identifyIfPossible],
      schema: {
        tags,
        ...operations.downloadAnnouncementAttachment,
        params: AttachmentParams,
        response: { 200: Download('The attached file'), ...problemResponses(400, 404, 416) },
      },
    },
    async (request, reply) =>
      sendStoredFile(
        app.deps,
        request,
        reply,
        await service.attachmentFile(app.deps, request.params.id, request.params.fileId, request.user),
        { disposition: 'attachment' },
      ),
  );
};

/** Organizers attach files to announcements and remove them. */
const attachmentWriteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = [app.requireRole('admin')];
  app.post(
    '/announcements/:id/attachments',
    {
      onRequest: admin,
      schema: {
        tags,
        ...operations.attachToAnnouncement,
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: Announcement, ...problemResponses(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await service.addAttachment(
            app.deps,
            request.params.id,
            () => readFilePart(request, service.ATTACHMENT_POLICY.maxBytes),
            request.user,
          ),
        ),
  );

  app.delete(
    '/announcements/:id/attachments/:fileId',
    {
      onRequest: admin,
      schema: {
        tags,
        ...operations.removeAnnouncementAttachment,
        params: AttachmentParams,
        response: { 204: Type.Null(), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await service.removeAttachment(app.deps, request.params.id, request.params.fileId);
      return reply.code(204).send(null);
    },
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
  await app.register(attachmentReadRoutes);
  await app.register(attachmentWriteRoutes);
};

export default announcementsRoutes;
