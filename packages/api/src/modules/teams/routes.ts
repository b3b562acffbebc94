import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  BLACKLIST_LIST_KINDS,
  ENTRANT_KINDS,
  QUALIFICATION_DECISIONS,
  QUALIFICATION_STATUSES,
  TRACK_CODES,
  UNIT_TYPES,
} from '@saishi/shared';
import { DateTime, IdParams, NullableDateTime, Page, PageQuery, problemResponses } from '../../lib/http-schemas.js';
import { resolveEdition } from '../editions/service.js';
import { readFilePart, sendStoredFile } from '../files/http.js';
import { findStoredFile, storeUpload } from '../files/service.js';
import * as blacklists from './blacklists.js';
import * as teamsService from './service.js';
import * as unitsService from './units.js';

const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const EditionParams = Type.Object({
  edition: Type.String({ minLength: 1, maxLength: 64, description: '`current`, an edition code or an id' }),
});
const MemberParams = Type.Object({ id: Uuid, userId: Uuid });

const Unit = Type.Object({
  id: Uuid,
  editionId: Uuid,
  name: Type.String(),
  type: Type.Enum(UNIT_TYPES),
  creditCode: Type.String({ description: 'Unified social credit code (GB 32100-2015)' }),
  region: Type.String(),
  blacklisted: Type.Boolean({ description: 'On an imported 信用中国 list (R-SOC-3)' }),
  createdAt: DateTime,
});

const Team = Type.Object({
  id: Uuid,
  editionId: Uuid,
  trackId: Uuid,
  trackCode: Type.Enum(TRACK_CODES),
  name: Type.String(),
  entrantKind: Type.Enum(ENTRANT_KINDS),
  leaderUserId: Uuid,
  qualificationStatus: Type.Enum(QUALIFICATION_STATUSES),
  inviteCode: Type.String({ description: 'Share it (or a link carrying it) to invite members' }),
  units: Type.Array(
    Type.Object({
      unitId: Uuid,
      name: Type.String(),
      type: Type.String(),
      creditCode: Type.String(),
      isLead: Type.Boolean(),
      blacklisted: Type.Boolean(),
    }),
  ),
  members: Type.Array(
    Type.Object({
      userId: Uuid,
      role: Type.Enum(['leader', 'member', 'advisor'] as const),
      displayName: Type.String(),
      email: Nullable(Type.String()),
      studentNumber: Nullable(Type.String()),
      hasStudentId: Type.Boolean(),
      joinedAt: DateTime,
    }),
  ),
  hasCommitmentLetter: Type.Boolean(),
  pledgeAcceptedAt: NullableDateTime,
  flaggedAt: Type.Union([DateTime, Type.Null()], {
    description: 'Set when a unit was found on a blacklist after registration (R-SOC-3)',
  }),
  flagReason: Nullable(Type.String()),
  missing: Type.Array(
    Type.Object({
      code: Type.String(),
      ruleId: Nullable(Type.String()),
      path: Type.String(),
      params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), {
        description:
          'Values of the catalog message of `code` (`formatMessage(code, locale, params)` from @saishi/shared); `{}` when none',
      }),
    }),
    { description: 'What still blocks submission for qualification (empty when ready)' },
  ),
  createdAt: DateTime,
  updatedAt: DateTime,
});

const TeamUnitsBody = Type.Array(
  Type.Object({ unitId: Uuid, isLead: Type.Boolean() }, { additionalProperties: false }),
  { maxItems: 20 },
);
const StudentNumber = Type.String({ minLength: 1, maxLength: 40 });
const Reason = Type.String({ maxLength: 2000 });

const Transition = Type.Object({
  id: Uuid,
  fromStatus: Type.String(),
  toStatus: Type.String(),
  actorUserId: Nullable(Uuid),
  actorName: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  at: DateTime,
});
const Annotation = Type.Object({
  id: Uuid,
  teamId: Uuid,
  authorUserId: Nullable(Uuid),
  body: Type.String(),
  createdAt: DateTime,
});

const RowReport = Type.Object({
  row: Type.Integer({ description: 'Line (CSV) or row (XLSX) number in the file, the header being 1' }),
  creditCode: Type.String(),
  name: Type.String(),
  listKind: Type.String(),
  sourceDate: Type.String(),
  valid: Type.Boolean(),
  errors: Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() })),
  affectedTeamIds: Type.Array(Uuid),
});
const ImportReport = Type.Object({
  total: Type.Integer(),
  valid: Type.Integer(),
  invalid: Type.Integer(),
  affectedTeamIds: Type.Array(Uuid),
  rows: Type.Array(RowReport),
});
const BlacklistEntry = Type.Object({
  id: Uuid,
  creditCode: Type.String(),
  name: Type.String(),
  listKind: Type.Enum(BLACKLIST_LIST_KINDS),
  sourceDate: Type.String({ format: 'date' }),
  importId: Uuid,
  importedAt: DateTime,
});

const multipartNote = 'multipart/form-data with one file field';
const uploadSchema = { consumes: ['multipart/form-data'] };

/** Student ID cards and commitment letters: PDF, JPEG or PNG by content, at most 10 MiB. */
const DOCUMENT_POLICY = { kinds: ['pdf', 'jpeg', 'png'] as const, maxBytes: 10 * 1024 ** 2 };

/**
 * Units (参赛单位), blacklists, teams, members and invitations, team documents, and the
 * qualification review (资格审核) — SPEC §4. Rules come from @saishi/shared; the database backs
 * R-ALL-2 (unique edition + person) and team size (team row locked while joining).
 */
const teamsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const user = { tags: ['teams'], security: [{ bearerAuth: [] }] };

  app.post(
    '/editions/:edition/units',
    {
      onRequest: [app.authenticate],
      schema: {
        ...user,
        summary: 'Register a unit with its unified social credit code (R-SOC-1); unique per edition',
        params: EditionParams,
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            type: Type.Enum(UNIT_TYPES),
            creditCode: Type.String({ minLength: 1, maxLength: 40 }),
            region: Type.Optional(Type.String({ maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Unit, ...problemResponses(400, 401, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const edition = await resolveEdition(app.db, request.params.edition);
      return reply
        .code(201)
        .send(await unitsService.createUnit(app.db, edition.id, request.body, request.user.sub, app.clock.now()));
    },
  );

  app.get(
    '/editions/:edition/units',
    {
      onRequest: [app.authenticate],
      schema: {
        ...user,
        summary: 'Find units of an edition by name, credit code or type',
        params: EditionParams,
        querystring: Type.Object({
          ...PageQuery.properties,
          q: Type.Optional(Type.String({ maxLength: 100 })),
          creditCode: Type.Optional(Type.String({ maxLength: 40 })),
          type: Type.Optional(Type.Enum(UNIT_TYPES)),
        }),
        response: { 200: Page(Unit), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const edition = await resolveEdition(app.db, request.params.edition);
      return unitsService.listUnits(app.db, edition.id, request.query);
    },
  );

  app.get(
    '/units/:id',
    {
      onRequest: [app.authenticate],
      schema: {
        ...user,
        summary: 'One unit',
        params: IdParams,
        response: { 200: Unit, ...problemResponses(401, 404) },
      },
    },
    async (request) => unitsService.getUnit(app.db, request.params.id),
  );

  app.get(
    '/blacklists',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...user,
        summary: 'Imported 信用中国 list entries (R-SOC-3)',
        querystring: Type.Object({
          ...PageQuery.properties,
          creditCode: Type.Optional(Type.String({ maxLength: 40 })),
          listKind: Type.Optional(Type.Enum(BLACKLIST_LIST_KINDS)),
        }),
        response: { 200: Page(BlacklistEntry), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => blacklists.listEntries(app.db, request.query),
  );

  app.post(
    '/blacklists/preview',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...user,
        ...uploadSchema,
        summary: 'Validate a CSV or XLSX list file row by row without writing anything',
        description: `${multipartNote}. Columns: credit_code (统一社会信用代码), name (单位名称), list_kind (名单类型: dishonest_debtor 失信被执行人, major_tax_violation 重大税收违法案件当事人, procurement_dishonesty 政府采购严重违法失信行为记录名单), source_date (来源日期, YYYY-MM-DD).`,
        response: { 200: ImportReport, ...problemResponses(400, 401, 403, 413) },
      },
    },
    async (request) => {
      const part = await readFilePart(request, blacklists.MAX_IMPORT_BYTES);
      const rows = await blacklists.readImportRows(part.file);
      return blacklists.summarize(await blacklists.validateRows(app.db, rows, request.locale));
    },
  );

  app.post(
    '/blacklists/import',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...user,
        ...uploadSchema,
        summary: 'Import the valid rows of a list file and flag teams whose unit is listed (R-SOC-3)',
        description: `${multipartNote}; same columns as the preview. Invalid rows are skipped and reported.`,
        response: {
          200: Type.Object({
            ...ImportReport.properties,
            importId: Uuid,
            imported: Type.Integer(),
            flaggedTeamIds: Type.Array(Uuid),
          }),
          ...problemResponses(400, 401, 403, 413),
        },
      },
    },
    async (request) => {
      const part = await readFilePart(request, blacklists.MAX_IMPORT_BYTES);
      const rows = await blacklists.readImportRows(part.file);
      const reports = await blacklists.validateRows(app.db, rows, request.locale);
      return blacklists.commitImport(app.db, reports, request.user.sub, app.clock.now());
    },
  );

  app.delete(
    '/blacklists/:id',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...user,
        summary: 'Remove a list entry (e.g. the unit was delisted)',
        params: IdParams,
        response: { 204: Type.Null(), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await blacklists.deleteEntry(app.db, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/teams',
    {
      onRequest: [app.authenticate],
      schema: {
        ...user,
        summary: 'Create a team in a track and become its leader (R-TIME-1, R-SOC-1..3, R-UNI-1, R-ALL-2)',
        body: Type.Object(
          {
            edition: Type.String({ minLength: 1, maxLength: 64, default: 'current' }),
            track: Type.Enum(TRACK_CODES),
            name: Type.String({ minLength: 1, maxLength: 100 }),
            entrantKind: Type.Enum(ENTRANT_KINDS),
            units: Type.Optional(TeamUnitsBody),
            studentNumber: Type.Optional(StudentNumber),
          },
          { additionalProperties: false },
        ),
        response: { 201: Team, ...problemResponses(400, 401, 404, 422) },
      },
    },
    async (request, reply) => {
      const edition = await resolveEdition(app.db, request.body.edition);
      const body = request.body;
      const team = await teamsService.createTeam(
        app.db,
        {
          editionId: edition.id,
          trackCode: body.track,
          name: body.name,
          entrantKind: body.entrantKind,
          units: body.units ?? [],
          studentNumber: body.studentNumber,
        },
        request.user,
        app.clock.now(),
      );
      return reply.code(201).send(team);
    },
  );

  app.get(
    '/teams',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...user,
        summary: 'Teams for organizers: the qualification queue, with filters (least recently changed first)',
        querystring: Type.Object({
          ...PageQuery.properties,
          edition: Type.Optional(Type.String({ maxLength: 64 })),
          track: Type.Optional(Type.Enum(TRACK_CODES)),
          status: Type.Optional(Type.Enum(QUALIFICATION_STATUSES)),
          flagged: Type.Optional(Type.Boolean()),
          q: Type.Optional(Type.String({ maxLength: 100 })),
        }),
        response: { 200: Page(Team), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { edition, ...query } = request.query;
      const editionId = edition ? (await resolveEdition(app.db, edition)).id : undefined;
      return teamsService.listTeams(app.db, { ...query, editionId });
    },
  );

  app.get(
    '/me/teams',
    {
      onRequest: [app.authenticate],
      schema: {
        ...user,
        summary: 'The teams of the logged-in user',
        response: { 200: Type.Object({ items: Type.Array(Team) }), ...problemResponses(401) },
      },
    },
    async (request) => ({ items: await teamsService.myTeams(app.db, request.user.sub) }),
  );

  app.get(
    '/teams/:id',
    {
      onRequest: [app.authenticate],
      schema: {
        ...user,
        summary: 'One team (its members and organizers)',
        params: IdParams,
        response: { 200: Team, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => teamsService.getTeam(app.db, request.params.id, request.user),
  );

  app.patch(
    '/teams/:id',
    {
      onRequest: [app.authenticate],
      schema: {
        ...user,
        summary: 'Rename the team or change its units (leader, draft or returned, during collection)',
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            entrantKind: Type.Optional(Type.Enum(ENTRANT_KINDS)),
            units: Type.Optional(TeamUnitsBody),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Team, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => teamsService.updateTeam(app.db, request.params.id, request.body, request.user, app.clock.now()),
  );

  app.post(
    '/teams/join',
    {
      onRequest: [app.authenticate],
      schema: {
        ...user,
        summary:
          'Accept an invitation: join the team of the invite code (R-SOC-4, R-UNI-1, R-UNI-2, R-ALL-2, R-TIME-1/2)',
        body: Type.Object(
          {
            inviteCode: Type.String({ minLength: 4, maxLength: 64 }),
            role: Type.Union([Type.Literal('member'), Type.Literal('advisor')], {
              default: 'member',
              description: '`advisor` (指导老师) in the university track only',
            }),
            studentNumber: Type.Optional(StudentNumber),
          },
          { additionalProperties: false },
        ),
        response: { 200: Team, ...problemResponses(400, 401, 404, 409, 422) },
      },
    },
    async (request) => teamsService.joinTeam(app.db, request.body, request.user, app.clock.now()),
  );

  app.patch(
    '/teams/:id/members/:userId',
    {
      onRequest: [app.authenticate],
      schema: {
        ...user,
        summary: 'Set a member’s student number (the member or the leader, R-UNI-1)',
        params: MemberParams,
        body: Type.Object({ studentNumber: StudentNumber }, { additionalProperties: false }),
        response: { 200: Team, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      teamsService.updateMember(
        app.db,
        request.params.id,
        request.params.userId,
        request.body,
        request.user,
        app.clock.now(),
      ),
  );

  app.delete(
    '/teams/:id/members/:userId',
    {
      onRequest: [app.authenticate],
      schema: {
        ...user,
        summary: 'Remove a member (leader) or leave the team (member), during collection (R-TIME-1/2)',
        params: MemberParams,
        response: { 204: Type.Null(), ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      await teamsService.removeMember(app.db, request.params.id, request.params.userId, request.user, app.clock.now());
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/teams/:id/pledge',
    {
      onRequest: [app.authenticate],
      schema: {
        ...user,
        summary: 'Accept the IP and single-division pledge (leader, R-ALL-3)',
        params: IdParams,
        body: Type.Object({ accept: Type.Literal(true) }, { additionalProperties: false }),
        response: { 200: Team, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => teamsService.acceptPledge(app.db, request.params.id, request.user, app.clock.now()),
  );

  app.put(
    '/teams/:id/commitment-letter',
    {
      onRequest: [app.authenticate],
      schema: {
        ...user,
        ...uploadSchema,
        summary: 'Upload the signed commitment letter 参赛承诺书 (leader; PDF, JPEG or PNG, 10 MiB, R-ALL-3)',
        description: multipartNote,
        params: IdParams,
        response: { 200: Team, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request) => {
      const now = app.clock.now();
      await teamsService.authorizeUpload(app.db, request.params.id, request.user, { kind: 'commitment' }, now);
      const file = await storeUpload(
        app.deps,
        await readFilePart(request, DOCUMENT_POLICY.maxBytes),
        DOCUMENT_POLICY,
        request.user.sub,
      );
      await teamsService.setCommitmentLetter(app.db, request.params.id, file.id, now);
      return teamsService.getTeam(app.db, request.params.id, request.user);
    },
  );

  app.get(
    '/teams/:id/commitment-letter',
    {
      onRequest: [app.authenticate],
      schema: {
        ...user,
        summary: 'Download the commitment letter (team members and organizers)',
        params: IdParams,
        response: { 200: Type.Unsafe({ type: 'string', format: 'binary' }), ...problemResponses(401, 403, 404, 416) },
      },
    },
    async (request, reply) => {
      const fileId = await teamsService.documentFileId(app.db, request.params.id, request.user, { kind: 'commitment' });
      return sendStoredFile(app.deps, request, reply, await findStoredFile(app.db, fileId));
    },
  );

  app.put(
    '/teams/:id/members/:userId/student-id',
    {
      onRequest: [app.authenticate],
      schema: {
        ...user,
        ...uploadSchema,
        summary: 'Upload a student ID card (the member or the leader; PDF, JPEG or PNG, 10 MiB, R-UNI-1)',
        description: multipartNote,
        params: MemberParams,
        response: { 200: Team, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request) => {
      const { id, userId } = request.params;
      const now = app.clock.now();
      await teamsService.authorizeUpload(app.db, id, request.user, { kind: 'student-id', userId }, now);
      const file = await storeUpload(
        app.deps,
        await readFilePart(request, DOCUMENT_POLICY.maxBytes),
        DOCUMENT_POLICY,
        request.user.sub,
      );
      await teamsService.setStudentIdFile(app.db, id, userId, file.id);
      return teamsService.getTeam(app.db, id, request.user);
    },
  );

  app.get(
    '/teams/:id/members/:userId/student-id',
    {
      onRequest: [app.authenticate],
      schema: {
        ...user,
        summary: 'Download a student ID card (team members and organizers)',
        params: MemberParams,
        response: { 200: Type.Unsafe({ type: 'string', format: 'binary' }), ...problemResponses(401, 403, 404, 416) },
      },
    },
    async (request, reply) => {
      const fileId = await teamsService.documentFileId(app.db, request.params.id, request.user, {
        kind: 'student-id',
        userId: request.params.userId,
      });
      return sendStoredFile(app.deps, request, reply, await findStoredFile(app.db, fileId));
    },
  );

  app.post(
    '/teams/:id/submit',
    {
      onRequest: [app.authenticate],
      schema: {
        ...user,
        summary: 'Submit the team for qualification review (leader; R-ALL-3, R-UNI-1, R-TIME-1)',
        params: IdParams,
        response: { 200: Team, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => teamsService.submitTeam(app.db, request.params.id, request.user, app.clock.now()),
  );

  const DecisionBody = {
    decision: Type.Enum(QUALIFICATION_DECISIONS),
    reason: Type.Optional(Reason),
  };

  app.post(
    '/teams/:id/qualification',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...user,
        summary:
          'Decide on a submitted team: approve, reject or return for changes (reason required to reject or return)',
        params: IdParams,
        body: Type.Object(DecisionBody, { additionalProperties: false }),
        response: { 200: Team, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      teamsService.decide(
        app.db,
        request.params.id,
        request.body.decision,
        request.body.reason,
        request.user.sub,
        app.clock.now(),
      ),
  );

  app.post(
    '/teams/qualification',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...user,
        summary: 'Decide on several teams at once; each outcome is reported',
        body: Type.Object(
          { teamIds: Type.Array(Uuid, { minItems: 1, maxItems: 200 }), ...DecisionBody },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            results: Type.Array(
              Type.Object({
                teamId: Uuid,
                ok: Type.Boolean(),
                status: Nullable(Type.String()),
                code: Nullable(Type.String()),
                ruleId: Nullable(Type.String()),
              }),
            ),
          }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request) =>
      teamsService.decideMany(
        app.db,
        request.body.teamIds,
        request.body.decision,
        request.body.reason,
        request.user.sub,
        app.clock.now(),
      ),
  );

  app.get(
    '/teams/:id/transitions',
    {
      onRequest: [app.authenticate],
      schema: {
        ...user,
        summary: 'The qualification history: who changed the status, when and why',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Transition) }), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => ({ items: await teamsService.listTransitions(app.db, request.params.id, request.user) }),
  );

  app.post(
    '/teams/:id/flag/clear',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...user,
        summary:
          'Clear the blacklist flag of a team, with a reason (R-SOC-3); refused while a unit of the team is still listed',
        description:
          'The clearing is recorded in the team’s annotations (who, when, why). 409 `TEAM_NOT_FLAGGED` when there is no flag, 409 `TEAM_UNIT_STILL_BLACKLISTED` (R-SOC-3) while a unit is on a list.',
        params: IdParams,
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
        response: { 200: Team, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      teamsService.clearFlag(
        app.db,
        request.params.id,
        request.body.reason,
        request.user.sub,
        request.locale,
        app.clock.now(),
      ),
  );

  app.get(
    '/teams/:id/annotations',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...user,
        summary: 'Organizers’ notes on a team',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Annotation) }), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => ({ items: await teamsService.listAnnotations(app.db, request.params.id) }),
  );

  app.post(
    '/teams/:id/annotations',
    {
      onRequest: [app.requireRole('admin')],
      schema: {
        ...user,
        summary: 'Add a note to a team (possible at any stage, also after the roster is frozen)',
        params: IdParams,
        body: Type.Object({ body: Type.String({ minLength: 1, maxLength: 5000 }) }, { additionalProperties: false }),
        response: { 201: Annotation, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await teamsService.addAnnotation(
            app.db,
            request.params.id,
            request.body.body,
            request.user.sub,
            app.clock.now(),
          ),
        ),
  );
};

export default teamsRoutes;
