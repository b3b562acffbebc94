import { PassThrough, Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { Type } from 'typebox';
import {
  CATEGORY_CODES,
  DATA_SOURCE_KINDS,
  DIRECTION_CODES,
  FIELD_CODES,
  PROJECT_FILE_KINDS,
  PUBLIC_COMPONENT_KINDS,
  TRACK_CODES,
} from '@saishi/shared';
import { DateTime, IdParams, NullableDateTime, Page, PageQuery, problemResponses } from '../../lib/http-schemas.js';
import { sendStoredFile } from '../files/http.js';
import * as projectsService from './service.js';

/** A string of a fixed vocabulary: validated as an enum, typed as the union of its values. */
const literals = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const Uuid = Type.String({ format: 'uuid' });

const DataSourceSchema = Type.Object(
  {
    kind: literals(DATA_SOURCE_KINDS),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
const BenefitProofSchema = Type.Object(
  {
    deployedWhere: Type.String({ maxLength: 1000 }),
    deployedSince: Type.String({
      maxLength: 10,
      pattern: '^(\\d{4}-\\d{2}(-\\d{2})?)?$',
      description: 'YYYY-MM or YYYY-MM-DD',
    }),
    economicBenefit: Type.Optional(Type.String({ maxLength: 5000 })),
    socialBenefit: Type.Optional(Type.String({ maxLength: 5000 })),
    figures: Type.Optional(
      Type.Array(
        Type.Object(
          { label: Type.String({ maxLength: 200 }), value: Type.String({ maxLength: 200 }) },
          { additionalProperties: false },
        ),
        {
          maxItems: 50,
        },
      ),
    ),
  },
  { additionalProperties: false },
);
const TechnologySchema = Type.Object(
  {
    privacyComputing: Type.Optional(Type.Boolean({ description: '隐私计算' })),
    dataSandbox: Type.Optional(Type.Boolean({ description: '数据沙箱' })),
    blockchain: Type.Optional(Type.Boolean({ description: '区块链' })),
    domesticTechnology: Type.Optional(Type.Boolean({ description: '国产化自主研发技术/平台' })),
    notes: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { additionalProperties: false },
);

const editableFields = {
  summary: Type.Optional(Type.String({ maxLength: 10000 })),
  direction: Type.Optional(literals(DIRECTION_CODES)),
  publicComponentKind: Type.Optional(Type.Union([literals(PUBLIC_COMPONENT_KINDS), Type.Null()])),
  topicScope: Type.Optional(
    Type.Union([Type.Literal('single_field'), Type.Literal('cross_field')], { description: 'R-TOPIC-1' }),
  ),
  topicIds: Type.Optional(Type.Array(Uuid, { maxItems: 20 })),
  dataSources: Type.Optional(Type.Array(DataSourceSchema, { maxItems: 100 })),
  benefitProof: Type.Optional(Type.Union([BenefitProofSchema, Type.Null()])),
  technology: Type.Optional(TechnologySchema),
  completeBeforeNationalFinal: Type.Optional(
    Type.Boolean({
      description:
        'modeling only: R&D and application complete before the national final (R-PROJ-1); sending it declares it',
    }),
  ),
};
const CreateBody = Type.Object(
  { title: Type.String({ minLength: 1, maxLength: 200 }), category: literals(CATEGORY_CODES), ...editableFields },
  { additionalProperties: false },
);
const UpdateBody = Type.Object(
  {
    title: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'Locked after collection (R-TIME-3)' }),
    ),
    category: Type.Optional(literals(CATEGORY_CODES)),
    ...editableFields,
  },
  { additionalProperties: false },
);

const TopicRef = Type.Object({ id: Uuid, title: Type.String(), fieldCode: Type.String() });
const FileRef = Type.Object({
  id: Uuid,
  kind: Type.String(),
  storedFileId: Uuid,
  name: Type.String(),
  mimeType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
});
const Content = {
  title: Type.String(),
  summary: Type.String(),
  direction: Type.String(),
  category: Type.String(),
  publicComponentKind: Type.Union([Type.String(), Type.Null()]),
  topicScope: Type.String(),
  topics: Type.Array(TopicRef),
  dataSources: Type.Array(DataSourceSchema),
  benefitProof: Type.Union([BenefitProofSchema, Type.Null()]),
  technology: Type.Object({
    privacyComputing: Type.Boolean(),
    dataSandbox: Type.Boolean(),
    blockchain: Type.Boolean(),
    domesticTechnology: Type.Boolean(),
    notes: Type.String(),
  }),
  completeBeforeNationalFinal: Type.Boolean(),
  completionDeclared: Type.Boolean(),
  files: Type.Array(FileRef),
};
const Project = Type.Object({
  id: Uuid,
  editionId: Uuid,
  teamId: Uuid,
  teamName: Type.String(),
  track: Type.String(),
  ...Content,
  latestVersion: Type.Integer(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('submitted')]),
  mayEnterNationalFinal: Type.Boolean({
    description: 'Whether the category allows a national final recommendation if it wins (R-PROJ-1)',
  }),
  editable: Type.Union([Type.Literal('collection'), Type.Literal('iteration'), Type.Literal('closed')], {
    description:
      'What the timeline allows now: everything (collection), new versions with title and category locked (iteration, R-TIME-3), nothing',
  }),
  firstSubmittedAt: NullableDateTime,
  lastSubmittedAt: NullableDateTime,
  createdAt: DateTime,
  updatedAt: DateTime,
});
const Version = Type.Object({
  number: Type.Integer(),
  submittedBy: Type.Union([Uuid, Type.Null()]),
  submittedAt: DateTime,
  snapshot: Type.Object(Content, { description: 'The project as submitted, files included' }),
});
const ProjectFile = Type.Object({
  id: Uuid,
  kind: literals(PROJECT_FILE_KINDS),
  storedFileId: Uuid,
  name: Type.String(),
  mimeType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  addedAt: DateTime,
  removedAt: NullableDateTime,
});
const Comparison = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  changes: Type.Array(Type.Object({ field: Type.String(), from: Type.Unknown(), to: Type.Unknown() })),
});
const ListedProject = Type.Object({
  id: Uuid,
  title: Type.String(),
  teamId: Uuid,
  teamName: Type.String(),
  leadUnitName: Type.Union([Type.String(), Type.Null()]),
  leadUnitType: Type.Union([Type.String(), Type.Null()]),
  track: Type.String(),
  direction: Type.String(),
  category: Type.String(),
  publicComponentKind: Type.Union([Type.String(), Type.Null()]),
  fieldCodes: Type.Array(Type.String()),
  topics: Type.Array(TopicRef),
  qualificationStatus: Type.String(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('submitted')]),
  latestVersion: Type.Integer(),
  firstSubmittedAt: NullableDateTime,
  lastSubmittedAt: NullableDateTime,
  createdAt: DateTime,
});
const Filters = {
  edition: Type.Optional(
    Type.String({ minLength: 1, maxLength: 64, description: '`current` (default), an edition code or id' }),
  ),
  track: Type.Optional(literals(TRACK_CODES)),
  direction: Type.Optional(literals(DIRECTION_CODES)),
  category: Type.Optional(literals(CATEGORY_CODES)),
  field: Type.Optional(literals(FIELD_CODES)),
  topic: Type.Optional(Uuid),
  qualificationStatus: Type.Optional(literals(['draft', 'submitted', 'approved', 'rejected', 'returned'] as const)),
  status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('submitted')])),
  q: Type.Optional(
    Type.String({ maxLength: 100, description: 'Search in title, team name and unit names (pg_trgm-indexed ILIKE)' }),
  ),
};
const ListQuery = Type.Object({ ...PageQuery.properties, ...Filters });
const ExportQuery = Type.Object({
  ...Filters,
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'csv' }),
});
const Count = Type.Array(Type.Object({ key: Type.String(), count: Type.Integer() }));
const Statistics = Type.Object({
  edition: Type.String(),
  scope: Type.String(),
  totals: Type.Object({ projects: Type.Integer(), submitted: Type.Integer(), drafts: Type.Integer() }),
  byTrack: Count,
  byDirection: Count,
  byCategory: Count,
  byField: Count,
  byUnitType: Count,
  byDay: Count,
});
const Binary = (description: string) => ({
  description,
  content: {
    'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
  },
});

/** Spreadsheet programs run a cell starting with = + - @ as a formula: such text gets a leading apostrophe. */
const inert = (value: string | number) =>
  typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;

/** The export's columns, in order: header (Chinese, for the organizers' spreadsheet) and value. */
const EXPORT_COLUMNS: { header: string; value: (project: projectsService.ListedProject) => string | number }[] = [
  { header: '作品编号', value: (p) => p.id },
  { header: '作品名称', value: (p) => p.title },
  { header: '团队', value: (p) => p.teamName },
  { header: '牵头单位', value: (p) => p.leadUnitName ?? '' },
  { header: '单位类型', value: (p) => p.leadUnitType ?? 'individual' },
  { header: '赛道', value: (p) => p.track },
  { header: '参赛方向', value: (p) => p.direction },
  { header: '类别', value: (p) => p.category },
  { header: '组件类型', value: (p) => p.publicComponentKind ?? '' },
  { header: '行业领域', value: (p) => p.fieldCodes.join('; ') },
  { header: '赛题', value: (p) => p.topics.map((topic) => topic.title).join('; ') },
  { header: '资格审核', value: (p) => p.qualificationStatus },
  { header: '状态', value: (p) => p.status },
  { header: '最新版本', value: (p) => p.latestVersion },
  { header: '首次提交', value: (p) => p.firstSubmittedAt ?? '' },
  { header: '最近提交', value: (p) => p.lastSubmittedAt ?? '' },
];

/** Projects (参赛作品): a team's one project, its versions and files, and the organizers' list. */
const projectsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const secured = { tags: ['projects'], security: [{ bearerAuth: [] }] };

  app.post(
    '/teams/:id/project',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        summary: "Create the team's project as a draft (R-ALL-1: one per team; R-TIME-1: during collection; R-CAT-1)",
        params: IdParams,
        body: CreateBody,
        response: { 201: Project, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await projectsService.createProject(app, request.params.id, request.body, request.user)),
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
    async (request) => projectsService.getTeamProject(app, request.params.id, request.user),
  );

  app.get(
    '/projects',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...secured,
        summary: 'List projects with filters and search (organizers)',
        querystring: ListQuery,
        response: { 200: Page(ListedProject), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { limit, cursor, ...filters } = request.query;
      return projectsService.listProjects(app.db, filters, { limit, cursor });
    },
  );

  app.get(
    '/projects/export',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...secured,
        summary: 'Export the filtered list as CSV (UTF-8 with BOM) or XLSX (organizers)',
        querystring: ExportQuery,
        response: { 200: Binary('text/csv or XLSX'), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { format, ...filters } = request.query;
      const rows = projectsService.eachProject(app.db, filters);
      const first = await rows.next(); // resolves the edition, so an unknown one is a 404 before any byte is sent
      async function* all() {
        if (!first.done) yield first.value;
        yield* rows;
      }
      const name = `projects.${format}`;
      reply.header('content-disposition', `attachment; filename="${name}"`);
      if (format === 'csv') {
        const csv = stringify({ bom: true, header: true, columns: EXPORT_COLUMNS.map((column) => column.header) });
        const source = Readable.from(
          (async function* () {
            for await (const project of all()) yield EXPORT_COLUMNS.map((column) => inert(column.value(project)));
          })(),
        );
        source.on('error', (error) => csv.destroy(error));
        return reply.type('text/csv; charset=utf-8').send(source.pipe(csv));
      }
      const output = new PassThrough();
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: output,
        useStyles: false,
        useSharedStrings: false,
      });
      const sheet = workbook.addWorksheet('参赛作品');
      sheet.columns = EXPORT_COLUMNS.map((column) => ({ header: column.header, width: 24 }));
      void (async () => {
        for await (const project of all())
          sheet.addRow(EXPORT_COLUMNS.map((column) => inert(column.value(project)))).commit();
        sheet.commit();
        await workbook.commit();
      })().catch((error: unknown) => output.destroy(error as Error));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(output);
    },
  );

  app.get(
    '/projects/statistics',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...secured,
        summary:
          'Counts for the dashboard: by track, direction, category, field, lead unit type and day of first submission',
        querystring: Type.Object({
          edition: Type.String({ minLength: 1, maxLength: 64, default: 'current' }),
          scope: Type.Union([Type.Literal('submitted'), Type.Literal('all')], {
            default: 'submitted',
            description: 'Count submitted projects only, or drafts too',
          }),
        }),
        response: { 200: Statistics, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => projectsService.projectStatistics(app.db, request.query.edition, request.query.scope),
  );

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
    async (request) => projectsService.getProject(app, request.params.id, request.user),
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
    async (request) => projectsService.updateProject(app, request.params.id, request.body, request.user),
  );

  app.post(
    '/projects/:id/versions',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        summary: 'Submit: record the next immutable numbered version (R-TIME-1, R-TIME-3, R-TOPIC-1, R-PROJ-1)',
        params: IdParams,
        response: { 201: Version, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await projectsService.submitProject(app, request.params.id, request.user)),
  );

  app.get(
    '/projects/:id/versions',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        summary: 'Every submitted version',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Version) }), ...problemResponses(401, 404) },
      },
    },
    async (request) => ({ items: await projectsService.listVersions(app, request.params.id, request.user) }),
  );

  app.get(
    '/projects/:id/versions/compare',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...secured,
        summary: 'Field-by-field differences between two versions (organizers)',
        params: IdParams,
        querystring: Type.Object({ from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) }),
        response: { 200: Comparison, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => projectsService.compareVersions(app, request.params.id, request.query.from, request.query.to),
  );

  app.get(
    '/projects/:id/versions/:number',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        summary: 'One version',
        params: Type.Object({ id: Uuid, number: Type.Integer({ minimum: 1 }) }),
        response: { 200: Version, ...problemResponses(401, 404) },
      },
    },
    async (request) => projectsService.getVersion(app, request.params.id, request.params.number, request.user),
  );

  app.post(
    '/projects/:id/files',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        summary:
          'Attach a file (multipart/form-data, one file): proposal PDF ≤50 MiB, slides PDF/PPTX ≤200 MiB, video MP4 ≤2 GiB, proof PDF/JPEG/PNG ≤50 MiB; type by content',
        params: IdParams,
        querystring: Type.Object({ kind: literals(PROJECT_FILE_KINDS) }),
        consumes: ['multipart/form-data'],
        response: { 201: ProjectFile, ...problemResponses(400, 401, 403, 404, 413, 415, 422) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await projectsService.addProjectFile(
            app,
            request.params.id,
            request.query.kind,
            () => request.file(),
            request.user,
          ),
        ),
  );

  app.get(
    '/projects/:id/files',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        summary: 'Files attached now (or ever, with includeRemoved)',
        params: IdParams,
        querystring: Type.Object({ includeRemoved: Type.Boolean({ default: false }) }),
        response: { 200: Type.Object({ items: Type.Array(ProjectFile) }), ...problemResponses(401, 404) },
      },
    },
    async (request) => ({
      items: await projectsService.listProjectFiles(app, request.params.id, request.user, request.query.includeRemoved),
    }),
  );

  app.get(
    '/projects/:id/files/:fileId/content',
    {
      onRequest: [app.authenticate],
      schema: {
        ...secured,
        summary:
          'Download a file, streamed, with Range support (team members and admins; experts download through /assignments)',
        params: Type.Object({ id: Uuid, fileId: Uuid }),
        response: {
          200: Binary('The whole file'),
          206: Binary('The requested byte range'),
          ...problemResponses(401, 403, 404, 416),
        },
      },
    },
    async (request, reply) => {
      const file = await projectsService.storedFileForDownload(
        app,
        request.params.id,
        request.params.fileId,
        request.user,
      );
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
        params: Type.Object({ id: Uuid, fileId: Uuid }),
        response: { 204: Type.Null(), ...problemResponses(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      await projectsService.removeProjectFile(app, request.params.id, request.params.fileId, request.user);
      return reply.code(204).send(null);
    },
  );
};

export default projectsRoutes;
