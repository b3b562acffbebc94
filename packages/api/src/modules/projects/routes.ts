import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams, Page, problemResponses } from '../../lib/http-schemas.js';
import { readFilePart, sendStoredFile } from '../files/http.js';
import { exportProjects } from './export.js';
import * as files from './files.js';
import { listProjects } from './listing.js';
import {
  CompareQuery,
  Comparison,
  CreateBody,
  Download,
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
  VersionList,
  VersionParams,
} from './schemas.js';
import { teamPathNote } from '../teams/schemas.js';
import * as projectsService from './service.js';
import { projectStatistics } from './statistics.js';
import * as versions from './versions.js';

const secured = { tags: ['projects'], security: [{ bearerAuth: [] }] };

/** A team's one project, created and read through the team. */
const teamProjectRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/teams/:id/project',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        summary: "Create the team's project as a draft (R-ALL-1: one per team; R-TIME-1: during collection; R-CAT-1)",
        description: `Only an approved team creates its project. ${teamPathNote('create_project')}`,
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
        summary: "The team's project (members and admins)",
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
        summary: 'List projects with filters and search (organizers)',
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
        summary: 'Export the filtered list as CSV (UTF-8 with BOM) or XLSX (organizers)',
        querystring: ExportQuery,
        response: { 200: Download('text/csv or XLSX'), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const file = await exportProjects(app.deps, request.query);
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
        summary:
          'Counts for the dashboard: by track, direction, category, field, lead unit type and day of first submission',
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
        summary: 'One project (team members and admins; experts review blind through /assignments)',
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
        summary:
          'Edit the working copy (R-TIME-1 during collection; R-TIME-3 after it: title and category locked, until the national final)',
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
        summary: 'Submit: record the next immutable numbered version (R-TIME-1, R-TIME-3, R-TOPIC-1, R-PROJ-1)',
        description: `Reviews and public views read the submitted version only. ${teamPathNote('submit_version')}`,
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
        summary: 'Every submitted version',
        params: IdParams,
        response: { 200: VersionList, ...problemResponses(401, 404) },
      },
    },
    async (request) => ({ items: await versions.listVersions(app.deps, request.params.id, request.user) }),
  );

  app.get(
    '/projects/:id/versions/compare',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...secured,
        summary: 'Field-by-field differences between two versions (organizers)',
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
        summary: 'One version',
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
        summary:
          'Attach a file (multipart/form-data, one file): proposal PDF ≤50 MiB, slides PDF/PPTX ≤200 MiB, video MP4 ≤2 GiB, proof PDF/JPEG/PNG ≤50 MiB; type by content',
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
        summary: 'Files attached now (or ever, with includeRemoved)',
        params: IdParams,
        querystring: FileListQuery,
        response: { 200: ProjectFileList, ...problemResponses(401, 404) },
      },
    },
    async (request) => ({
      items: await files.listProjectFiles(app.deps, request.params.id, request.user, request.query.includeRemoved),
    }),
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
        summary:
          'Download a file, streamed, with Range support (team members and admins; experts download through /assignments)',
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
        summary: 'Detach a file (earlier versions keep it)',
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
