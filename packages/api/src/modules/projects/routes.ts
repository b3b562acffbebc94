import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Download, IdParams, Page, PageQuery, problemResponses, wholeList } from '../../lib/http-schemas.js';
import { readFilePart, sendStoredFile } from '../files/http.js';
import { exportProjects } from './export.js';
import * as files from './files.js';
import { listProjects } from './listing.js';
import {
  CompareQuery,
  Comparison,
  CreateBody,
  ExportQuery,
  FileKindQuery,
  FileListQuery,
  FileParams,
  ListQuery,
  ListedProject,
  Project,
  ProjectFile,
  ProjectFileList,
  Statistics,
  StatisticsQuery,
  UpdateBody,
  Version,
  VersionParams,
} from './schemas.js';
import * as projectsService from './service.js';
import { projectStatistics } from './statistics.js';
import * as versions from './versions.js';
import { operations } from './operations.js';

const secured = { tags: ['projects'], security: [{ bearerAuth: [] }] };

/** A team's one project, created and read through the team. */
const teamProjectRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/teams/:id/project',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        ...operations.createProject,
        params: IdParams,
        body: CreateBody,
        response: { 201: Project, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await projectsService.createProject(app.deps, request.params.id, request.body, request.user)),
  );

  app.get(
    '/teams/:id/project',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        ...operations.getTeamProject,
        params: IdParams,
        response: { 200: Project, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => projectsService.getTeamProject(app.deps, request.params.id, request.user),
  );
};

/** The organizers' list, its export and the dashboard's counts. */
const organizerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const admin = [app.requireRole('admin')];

  app.get(
    '/projects',
    {
      onRequest: admin,
      schema: {
        ...secured,
        ...operations.listProjects,
        querystring: ListQuery,
        response: { 200: Page(ListedProject), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => listProjects(app.deps, request.query),
  );

  app.get(
    '/projects/export',
    {
      onRequest: admin,
      schema: {
        ...secured,
        ...operations.exportProjects,
        querystring: ExportQuery,
        response: { 200: Download('text/csv or XLSX'), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const file = await exportProjects(app.deps, request.query, request.user);
      reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
      return reply.type(file.contentType).send(file.body);
    },
  );

  app.get(
    '/projects/statistics',
    {
      onRequest: admin,
      schema: {
        ...secured,
        ...operations.getProjectStatistics,
        querystring: StatisticsQuery,
        response: { 200: Statistics, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => projectStatistics(app.deps, request.query),
  );
};

/** One project: read by its team and the organizers, edited by its team. */
const projectRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/projects/:id',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        ...operations.getProject,
        params: IdParams,
        response: { 200: Project, ...problemResponses(401, 404) },
      },
    },
    async (request) => projectsService.getProject(app.deps, request.params.id, request.user),
  );

  app.patch(
    '/projects/:id',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        ...operations.updateProject,
        params: IdParams,
        body: UpdateBody,
        response: { 200: Project, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => projectsService.updateProject(app.deps, request.params.id, request.body, request.user),
  );
};

/** Submitted versions: submit, list, compare, read one. */
const versionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/projects/:id/versions',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        ...operations.submitProjectVersion,
        params: IdParams,
        response: { 201: Version, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await versions.submitProject(app.deps, request.params.id, request.user)),
  );

  app.get(
    '/projects/:id/versions',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        ...operations.listProjectVersions,
        params: IdParams,
        querystring: PageQuery,
        response: { 200: Page(Version), ...problemResponses(401, 404) },
      },
    },
    async (request) => versions.listVersions(app.deps, request.params.id, request.user, request.query),
  );

  app.get(
    '/projects/:id/versions/compare',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...secured,
        ...operations.compareProjectVersions,
        params: IdParams,
        querystring: CompareQuery,
        response: { 200: Comparison, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => versions.compareVersions(app.deps, request.params.id, request.query.from, request.query.to),
  );

  app.get(
    '/projects/:id/versions/:number',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        ...operations.getProjectVersion,
        params: VersionParams,
        response: { 200: Version, ...problemResponses(401, 404) },
      },
    },
    async (request) => versions.getVersion(app.deps, request.params.id, request.params.number, request.user),
  );
};

/** A project's attachments: uploaded by its team, listed by whoever reads the project. */
const fileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/projects/:id/files',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        ...operations.uploadProjectFile,
        params: IdParams,
        querystring: FileKindQuery,
        consumes: ['multipart/form-data'],
        response: { 201: ProjectFile, ...problemResponses(400, 401, 403, 404, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const readUpload = () => readFilePart(request);
      const file = await files.addProjectFile(app.deps, id, request.query.kind, readUpload, request.user);
      return reply.code(201).send(file);
    },
  );

  app.get(
    '/projects/:id/files',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        ...operations.listProjectFiles,
        params: IdParams,
        querystring: FileListQuery,
        response: { 200: ProjectFileList, ...problemResponses(401, 404) },
      },
    },
    async (request) =>
      wholeList(await files.listProjectFiles(app.deps, request.params.id, request.user, request.query.includeRemoved)),
  );
};

/** One attachment: downloaded by whoever reads the project, detached by its team. */
const oneFileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/projects/:id/files/:fileId/content',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        ...operations.downloadProjectFile,
        params: FileParams,
        response: {
          200: Download('The whole file'),
          206: Download('The requested byte range'),
          ...problemResponses(401, 403, 404, 416),
        },
      },
    },
    async (request, reply) => {
      const { id, fileId } = request.params;
      const file = await files.storedFileForDownload(app.deps, id, fileId, request.user);
      return sendStoredFile(app.deps, request, reply, file);
    },
  );

  app.delete(
    '/projects/:id/files/:fileId',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        ...operations.deleteProjectFile,
        params: FileParams,
        response: { 204: Type.Null(), ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      await files.removeProjectFile(app.deps, request.params.id, request.params.fileId, request.user);
      return reply.code(204).send(null);
    },
  );
};

/** Projects (参赛作品): a team's one project, its versions and files, and the organizers' list. */
const projectsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(teamProjectRoutes);
  await app.register(organizerRoutes);
  await app.register(projectRoutes);
  await app.register(versionRoutes);
  await app.register(fileRoutes);
  await app.register(oneFileRoutes);
};

export default projectsRoutes;
