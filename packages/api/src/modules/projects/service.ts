import type { MultipartFile } from '@fastify/multipart';
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import {
  CATEGORY_DIRECTION,
  checkLockedFields,
  checkProjectShape,
  checkProjectSubmittable,
  checkTopics,
  mayEnterNationalFinal,
  projectWindow,
  type BenefitProof,
  type CategoryCode,
  type DataSource,
  type DirectionCode,
  type ProjectFileKind,
  type ProjectWindow,
  type PublicComponentKind,
  type QualificationStatus,
  type Role,
  type TrackCode,
} from '@saishi/shared';
import type { Database } from '../../db/client.js';
import { DomainError, assertNoViolations, forbidden, notFound } from '../../lib/errors.js';
import { decodeCursor, toPage } from '../../lib/pagination.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { isoInZone, isoInZoneOrNull } from '../../lib/time.js';
import { editions, fields, topics, tracks } from '../editions/tables.js';
import { loadStages, resolveEdition, toStageWindows, type EditionRow } from '../editions/service.js';
import { storedFiles } from '../files/tables.js';
import { findStoredFile, storeUpload, type UploadPolicy } from '../files/service.js';
import { teamMembers, teamUnits, teams, units } from '../teams/tables.js';
import { projectFiles, projectTopics, projectVersions, projects } from './tables.js';

export interface Actor {
  sub: string;
  role: Role;
}

type ProjectRow = typeof projects.$inferSelect;
type TeamRow = typeof teams.$inferSelect;

/** Per-kind content and size limits of project attachments. */
export const PROJECT_FILE_POLICIES: Record<ProjectFileKind, UploadPolicy> = {
  proposal: { kinds: ['pdf'], maxBytes: 50 * 1024 ** 2 },
  slides: { kinds: ['pdf', 'pptx'], maxBytes: 200 * 1024 ** 2 },
  video: { kinds: ['mp4'], maxBytes: 2 * 1024 ** 3 },
  proof: { kinds: ['pdf', 'jpeg', 'png'], maxBytes: 50 * 1024 ** 2 },
};

export interface TechnologyInput {
  privacyComputing?: boolean | undefined;
  dataSandbox?: boolean | undefined;
  blockchain?: boolean | undefined;
  domesticTechnology?: boolean | undefined;
  notes?: string | undefined;
}

export interface ProjectInput {
  title?: string | undefined;
  summary?: string | undefined;
  direction?: DirectionCode | undefined;
  category?: CategoryCode | undefined;
  publicComponentKind?: PublicComponentKind | null | undefined;
  topicScope?: 'single_field' | 'cross_field' | undefined;
  topicIds?: string[] | undefined;
  dataSources?: DataSource[] | undefined;
  benefitProof?: BenefitProof | null | undefined;
  technology?: TechnologyInput | undefined;
  completeBeforeNationalFinal?: boolean | undefined;
}

// ---------------------------------------------------------------------------------------------
// Loading and authorization

async function findTeam(db: Database, teamId: string): Promise<TeamRow & { trackCode: TrackCode }> {
  const [row] = await db
    .select({ team: teams, trackCode: tracks.code })
    .from(teams)
    .innerJoin(tracks, eq(tracks.id, teams.trackId))
    .where(eq(teams.id, teamId));
  if (!row) throw notFound('TEAM_NOT_FOUND');
  return { ...row.team, trackCode: row.trackCode };
}

async function findProjectRow(db: Database, projectId: string): Promise<ProjectRow> {
  const [project] = await db.select().from(projects).where(eq(projects.id, projectId));
  if (!project) throw notFound('PROJECT_NOT_FOUND');
  return project;
}

async function isTeamMember(
  db: Database,
  team: Pick<TeamRow, 'id' | 'leaderUserId'>,
  userId: string,
): Promise<boolean> {
  if (team.leaderUserId === userId) return true;
  const [member] = await db
    .select({ id: teamMembers.id })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, userId)));
  return member !== undefined;
}

async function assertTeamMember(db: Database, team: Pick<TeamRow, 'id' | 'leaderUserId'>, actor: Actor): Promise<void> {
  if (!(await isTeamMember(db, team, actor.sub))) throw forbidden('NOT_PROJECT_TEAM_MEMBER');
}

/** Whoever may download the files reads the project too; everyone else gets 404, so ids reveal nothing. */
async function assertCanRead(db: Database, project: ProjectRow, actor: Actor): Promise<void> {
  if (!(await canReadProject(db, actor, project.id))) throw notFound('PROJECT_NOT_FOUND');
}

/**
 * Who may read a project and download its files here: admins and the team's members (leader
 * included). Experts never read through this module, which shows the team: blind review serves
 * them an anonymized view and neutral file names under /assignments/{id}.
 */
export async function canReadProject(db: Database, user: Actor, projectId: string): Promise<boolean> {
  if (user.role === 'admin') return true;
  if (user.role !== 'participant') return false;
  const [project] = await db.select({ teamId: projects.teamId }).from(projects).where(eq(projects.id, projectId));
  if (!project) return false;
  const [team] = await db
    .select({ id: teams.id, leaderUserId: teams.leaderUserId })
    .from(teams)
    .where(eq(teams.id, project.teamId));
  return team !== undefined && (await isTeamMember(db, team, user.sub));
}

function assertApproved(team: TeamRow): void {
  if (team.qualificationStatus !== 'approved') {
    throw new DomainError('TEAM_NOT_APPROVED', 409, { params: { status: team.qualificationStatus } });
  }
}

async function windowFor(
  db: Database,
  editionId: string,
  now: Date,
  everSubmitted: boolean,
): Promise<{ edition: EditionRow; window: ProjectWindow }> {
  const [edition] = await db.select().from(editions).where(eq(editions.id, editionId));
  const stages = toStageWindows(await loadStages(db, editionId));
  return {
    edition: edition!,
    window: projectWindow({ stages, now, nationalFinalAt: edition!.nationalFinalAt, everSubmitted }),
  };
}

/** R-TIME-1 / R-TIME-3: refuses, naming the stage and the rule, when the timeline allows no change. */
function assertWindowOpen(window: ProjectWindow): asserts window is Exclude<ProjectWindow, { kind: 'closed' }> {
  if (window.kind === 'closed') assertNoViolations([window.violation]);
}

// ---------------------------------------------------------------------------------------------
// Presenting

async function topicsOf(db: Database, projectIds: readonly string[]) {
  if (projectIds.length === 0) return [];
  return db
    .select({ projectId: projectTopics.projectId, id: topics.id, title: topics.title, fieldCode: fields.code })
    .from(projectTopics)
    .innerJoin(topics, eq(topics.id, projectTopics.topicId))
    .innerJoin(fields, eq(fields.id, topics.fieldId))
    .where(inArray(projectTopics.projectId, projectIds))
    .orderBy(asc(fields.sortOrder), asc(topics.sortOrder), asc(topics.id));
}

async function currentFilesOf(db: Database, projectId: string) {
  return db
    .select({
      id: projectFiles.id,
      kind: projectFiles.kind,
      storedFileId: storedFiles.id,
      name: storedFiles.originalName,
      mimeType: storedFiles.mimeType,
      sizeBytes: storedFiles.sizeBytes,
      sha256: storedFiles.sha256,
      addedAt: projectFiles.addedAt,
    })
    .from(projectFiles)
    .innerJoin(storedFiles, eq(storedFiles.id, projectFiles.storedFileId))
    .where(and(eq(projectFiles.projectId, projectId), isNull(projectFiles.removedAt)))
    .orderBy(asc(projectFiles.addedAt), asc(projectFiles.id));
}

/** The version-worthy content of a project: what a snapshot holds and what compare diffs. */
async function contentOf(db: Database, project: ProjectRow) {
  const [topicRows, fileRows] = await Promise.all([topicsOf(db, [project.id]), currentFilesOf(db, project.id)]);
  return {
    title: project.title,
    summary: project.summary,
    direction: project.directionCode,
    category: project.categoryCode,
    publicComponentKind: project.publicComponentKind,
    topicScope: project.topicScope,
    topics: topicRows.map(({ id, title, fieldCode }) => ({ id, title, fieldCode })),
    dataSources: project.dataSources,
    benefitProof: project.benefitProof ?? null,
    technology: {
      privacyComputing: project.usesPrivacyComputing,
      dataSandbox: project.usesDataSandbox,
      blockchain: project.usesBlockchain,
      domesticTechnology: project.usesDomesticTechnology,
      notes: project.technologyNotes,
    },
    completeBeforeNationalFinal: project.completeBeforeNationalFinal,
    completionDeclared: project.completionDeclared,
    files: fileRows.map(({ id, kind, storedFileId, name, mimeType, sizeBytes, sha256 }) => ({
      id,
      kind,
      storedFileId,
      name,
      mimeType,
      sizeBytes,
      sha256,
    })),
  };
}

/** The version-worthy content of a project, as a snapshot holds it (also used by the demo seed). */
export const projectContent = contentOf;

async function presentProject(db: Database, project: ProjectRow, now: Date) {
  const [content, team, timing] = await Promise.all([
    contentOf(db, project),
    findTeam(db, project.teamId),
    windowFor(db, project.editionId, now, project.latestVersion > 0),
  ]);
  const { edition, window } = timing;
  return {
    id: project.id,
    editionId: project.editionId,
    teamId: project.teamId,
    teamName: team.name,
    track: team.trackCode,
    ...content,
    files: content.files,
    latestVersion: project.latestVersion,
    status: project.latestVersion > 0 ? ('submitted' as const) : ('draft' as const),
    mayEnterNationalFinal: mayEnterNationalFinal(
      project.categoryCode as CategoryCode,
      project.completeBeforeNationalFinal,
    ),
    /** What the timeline allows now: `collection`, `iteration` (title and category locked) or `closed`. */
    editable: window.kind,
    firstSubmittedAt: isoInZoneOrNull(project.firstSubmittedAt, edition.timeZone),
    lastSubmittedAt: isoInZoneOrNull(project.lastSubmittedAt, edition.timeZone),
    createdAt: isoInZone(project.createdAt, edition.timeZone),
    updatedAt: isoInZone(project.updatedAt, edition.timeZone),
  };
}

// ---------------------------------------------------------------------------------------------
// Use cases

async function resolveTopics(db: Database, editionId: string, topicIds: readonly string[]) {
  if (topicIds.length === 0) return [];
  const unique = [...new Set(topicIds)];
  const rows = await db
    .select({ topicId: topics.id, fieldCode: fields.code })
    .from(topics)
    .innerJoin(fields, eq(fields.id, topics.fieldId))
    .where(and(eq(topics.editionId, editionId), inArray(topics.id, unique)));
  const missing = unique.find((id) => !rows.some((row) => row.topicId === id));
  if (missing) {
    throw new DomainError('TOPIC_NOT_IN_EDITION', 422, {
      params: { topic: missing },
      fields: [{ path: '/body/topicIds', code: 'TOPIC_NOT_IN_EDITION', params: { topic: missing } }],
    });
  }
  return rows;
}

const withBodyPaths = (violations: ReturnType<typeof checkProjectShape>) =>
  violations.map((violation) => ({ ...violation, path: `/body${violation.path ?? ''}` }));

function technologyColumns(technology: TechnologyInput | undefined) {
  if (!technology) return {};
  return {
    ...(technology.privacyComputing !== undefined ? { usesPrivacyComputing: technology.privacyComputing } : {}),
    ...(technology.dataSandbox !== undefined ? { usesDataSandbox: technology.dataSandbox } : {}),
    ...(technology.blockchain !== undefined ? { usesBlockchain: technology.blockchain } : {}),
    ...(technology.domesticTechnology !== undefined ? { usesDomesticTechnology: technology.domesticTechnology } : {}),
    ...(technology.notes !== undefined ? { technologyNotes: technology.notes } : {}),
  };
}

/** The column values of an input, merged over the current project when there is one. */
function mergedColumns(input: ProjectInput, current?: ProjectRow) {
  const category = (input.category ?? current?.categoryCode) as CategoryCode;
  return {
    title: input.title ?? current?.title ?? '',
    summary: input.summary ?? current?.summary ?? '',
    directionCode: (input.direction ??
      (input.category ? CATEGORY_DIRECTION[input.category] : current?.directionCode)) as DirectionCode,
    categoryCode: category,
    publicComponentKind: (input.publicComponentKind !== undefined
      ? input.publicComponentKind
      : (current?.publicComponentKind ?? null)) as PublicComponentKind | null,
    topicScope: (input.topicScope ?? current?.topicScope ?? 'single_field') as 'single_field' | 'cross_field',
    dataSources: input.dataSources ?? current?.dataSources ?? [],
    benefitProof: input.benefitProof !== undefined ? input.benefitProof : (current?.benefitProof ?? null),
    completeBeforeNationalFinal: input.completeBeforeNationalFinal ?? current?.completeBeforeNationalFinal ?? false,
    completionDeclared: input.completeBeforeNationalFinal !== undefined || (current?.completionDeclared ?? false),
    ...technologyColumns(input.technology),
  };
}

/** Creates the team's one project as a draft (R-ALL-1, R-TIME-1, R-CAT-1). */
export async function createProject(
  app: FastifyInstance,
  teamId: string,
  input: ProjectInput & { title: string; category: CategoryCode },
  actor: Actor,
) {
  const now = app.clock.now();
  const team = await findTeam(app.db, teamId);
  await assertTeamMember(app.db, team, actor);
  assertApproved(team);
  const { window } = await windowFor(app.db, team.editionId, now, false);
  assertWindowOpen(window);
  const columns = mergedColumns(input);
  assertNoViolations(
    withBodyPaths(
      checkProjectShape({
        ...columns,
        track: team.trackCode,
        direction: columns.directionCode,
        category: columns.categoryCode,
      }),
    ),
  );
  const topicRows = await resolveTopics(app.db, team.editionId, input.topicIds ?? []);
  if (topicRows.length > 0) assertNoViolations(withBodyPaths(checkTopics(columns.topicScope, topicRows)));

  try {
    const projectId = await app.db.transaction(async (tx) => {
      // The team row lock orders this against a concurrent qualification change of the team.
      const [locked] = await tx.select().from(teams).where(eq(teams.id, teamId)).for('update');
      assertApproved(locked!);
      const [created] = await tx
        .insert(projects)
        .values({ ...columns, editionId: team.editionId, teamId, createdAt: now, updatedAt: now })
        .returning({ id: projects.id });
      if (topicRows.length > 0) {
        await tx
          .insert(projectTopics)
          .values(topicRows.map((topic) => ({ projectId: created!.id, topicId: topic.topicId })));
      }
      return created!.id;
    });
    return presentProject(app.db, await findProjectRow(app.db, projectId), now);
  } catch (error) {
    if (isUniqueViolation(error, 'projects_one_per_team'))
      throw new DomainError('PROJECT_EXISTS', 409, { ruleId: 'R-ALL-1' });
    throw error;
  }
}

export async function getProject(app: FastifyInstance, projectId: string, actor: Actor) {
  const project = await findProjectRow(app.db, projectId);
  await assertCanRead(app.db, project, actor);
  return presentProject(app.db, project, app.clock.now());
}

export async function getTeamProject(app: FastifyInstance, teamId: string, actor: Actor) {
  const team = await findTeam(app.db, teamId);
  if (actor.role !== 'admin') await assertTeamMember(app.db, team, actor);
  const [project] = await app.db.select().from(projects).where(eq(projects.teamId, teamId));
  if (!project) throw notFound('PROJECT_NOT_FOUND');
  return presentProject(app.db, project, app.clock.now());
}

/** Edits the working copy: any field during collection; after it, not the title or category (R-TIME-3). */
export async function updateProject(app: FastifyInstance, projectId: string, input: ProjectInput, actor: Actor) {
  const now = app.clock.now();
  const existing = await findProjectRow(app.db, projectId);
  const team = await findTeam(app.db, existing.teamId);
  await assertTeamMember(app.db, team, actor);
  await app.db.transaction(async (tx) => {
    const [current] = await tx.select().from(projects).where(eq(projects.id, projectId)).for('update');
    const { window } = await windowFor(tx, current!.editionId, now, current!.latestVersion > 0);
    assertWindowOpen(window);
    assertNoViolations(
      withBodyPaths(
        checkLockedFields(
          window,
          { title: current!.title, category: current!.categoryCode as CategoryCode },
          { title: input.title, category: input.category },
        ),
      ),
    );
    const columns = mergedColumns(input, current);
    assertNoViolations(
      withBodyPaths(
        checkProjectShape({
          ...columns,
          track: team.trackCode,
          direction: columns.directionCode,
          category: columns.categoryCode,
        }),
      ),
    );
    if (input.topicIds !== undefined) {
      const topicRows = await resolveTopics(tx, current!.editionId, input.topicIds);
      if (topicRows.length > 0) assertNoViolations(withBodyPaths(checkTopics(columns.topicScope, topicRows)));
      await tx.delete(projectTopics).where(eq(projectTopics.projectId, projectId));
      if (topicRows.length > 0) {
        await tx.insert(projectTopics).values(topicRows.map((topic) => ({ projectId, topicId: topic.topicId })));
      }
    } else if (input.topicScope !== undefined) {
      const topicRows = await topicsOf(tx, [projectId]);
      if (topicRows.length > 0) {
        assertNoViolations(
          withBodyPaths(
            checkTopics(
              columns.topicScope,
              topicRows.map((row) => ({ topicId: row.id, fieldCode: row.fieldCode })),
            ),
          ),
        );
      }
    }
    await tx
      .update(projects)
      .set({ ...columns, updatedAt: now })
      .where(eq(projects.id, projectId));
  });
  return presentProject(app.db, await findProjectRow(app.db, projectId), now);
}

/** Submits: checks everything a submission needs and records an immutable numbered version (R-TIME-1, R-TIME-3). */
export async function submitProject(app: FastifyInstance, projectId: string, actor: Actor) {
  const now = app.clock.now();
  const existing = await findProjectRow(app.db, projectId);
  const team = await findTeam(app.db, existing.teamId);
  await assertTeamMember(app.db, team, actor);
  const version = await app.db.transaction(async (tx) => {
    const [project] = await tx.select().from(projects).where(eq(projects.id, projectId)).for('update');
    const [lockedTeam] = await tx.select().from(teams).where(eq(teams.id, project!.teamId));
    assertApproved(lockedTeam!);
    const { window } = await windowFor(tx, project!.editionId, now, project!.latestVersion > 0);
    assertWindowOpen(window);
    const content = await contentOf(tx, project!);
    assertNoViolations(
      withBodyPaths(
        checkProjectSubmittable({
          track: team.trackCode,
          direction: project!.directionCode as DirectionCode,
          category: project!.categoryCode as CategoryCode,
          title: project!.title,
          summary: project!.summary,
          publicComponentKind: project!.publicComponentKind as PublicComponentKind | null,
          topicScope: project!.topicScope as 'single_field' | 'cross_field',
          topics: content.topics.map((topic) => ({ topicId: topic.id, fieldCode: topic.fieldCode })),
          dataSources: project!.dataSources,
          benefitProof: project!.benefitProof ?? null,
          completionDeclared: project!.completionDeclared,
          completeBeforeNationalFinal: project!.completeBeforeNationalFinal,
          fileKinds: content.files.map((file) => file.kind as ProjectFileKind),
        }),
      ),
    );
    const number = project!.latestVersion + 1;
    const [created] = await tx
      .insert(projectVersions)
      .values({ projectId, number, snapshot: content, submittedBy: actor.sub, submittedAt: now })
      .returning();
    await tx
      .update(projects)
      .set({
        latestVersion: number,
        firstSubmittedAt: project!.firstSubmittedAt ?? now,
        lastSubmittedAt: now,
        updatedAt: now,
      })
      .where(eq(projects.id, projectId));
    return created!;
  });
  const [edition] = await app.db.select().from(editions).where(eq(editions.id, existing.editionId));
  return presentVersion(version, edition!.timeZone);
}

type ProjectContent = Awaited<ReturnType<typeof contentOf>>;

function presentVersion(version: typeof projectVersions.$inferSelect, timeZone: string) {
  return {
    number: version.number,
    submittedBy: version.submittedBy,
    submittedAt: isoInZone(version.submittedAt, timeZone),
    snapshot: version.snapshot as ProjectContent,
  };
}

async function editionTimeZone(db: Database, editionId: string): Promise<string> {
  const [edition] = await db.select({ timeZone: editions.timeZone }).from(editions).where(eq(editions.id, editionId));
  return edition!.timeZone;
}

export async function listVersions(app: FastifyInstance, projectId: string, actor: Actor) {
  const project = await findProjectRow(app.db, projectId);
  await assertCanRead(app.db, project, actor);
  const timeZone = await editionTimeZone(app.db, project.editionId);
  const rows = await app.db
    .select()
    .from(projectVersions)
    .where(eq(projectVersions.projectId, projectId))
    .orderBy(asc(projectVersions.number));
  return rows.map((row) => presentVersion(row, timeZone));
}

async function findVersion(db: Database, projectId: string, number: number) {
  const [version] = await db
    .select()
    .from(projectVersions)
    .where(and(eq(projectVersions.projectId, projectId), eq(projectVersions.number, number)));
  if (!version) throw notFound('VERSION_NOT_FOUND', { number });
  return version;
}

export async function getVersion(app: FastifyInstance, projectId: string, number: number, actor: Actor) {
  const project = await findProjectRow(app.db, projectId);
  await assertCanRead(app.db, project, actor);
  return presentVersion(await findVersion(app.db, projectId, number), await editionTimeZone(app.db, project.editionId));
}

/** Field-by-field differences between two versions (organizers see every version, R-TIME-3). */
export async function compareVersions(app: FastifyInstance, projectId: string, from: number, to: number) {
  await findProjectRow(app.db, projectId);
  const [older, newer] = await Promise.all([findVersion(app.db, projectId, from), findVersion(app.db, projectId, to)]);
  const keys = [...new Set([...Object.keys(older.snapshot), ...Object.keys(newer.snapshot)])];
  const changes = keys
    .filter((key) => JSON.stringify(older.snapshot[key] ?? null) !== JSON.stringify(newer.snapshot[key] ?? null))
    .map((key) => ({ field: key, from: older.snapshot[key] ?? null, to: newer.snapshot[key] ?? null }));
  return { from, to, changes };
}

// ---------------------------------------------------------------------------------------------
// Files

async function assertMayChangeFiles(app: FastifyInstance, project: ProjectRow, actor: Actor, now: Date): Promise<void> {
  const team = await findTeam(app.db, project.teamId);
  await assertTeamMember(app.db, team, actor);
  const { window } = await windowFor(app.db, project.editionId, now, project.latestVersion > 0);
  assertWindowOpen(window);
}

/** Attaches an uploaded file of a kind, after the same team and timeline checks as an edit. */
export async function addProjectFile(
  app: FastifyInstance,
  projectId: string,
  kind: ProjectFileKind,
  readFile: () => Promise<MultipartFile | undefined>,
  actor: Actor,
) {
  const now = app.clock.now();
  const project = await findProjectRow(app.db, projectId);
  await assertMayChangeFiles(app, project, actor, now);
  const part = await readFile();
  if (!part) throw new DomainError('FILE_MISSING', 400);
  const stored = await storeUpload(app.deps, part, PROJECT_FILE_POLICIES[kind], actor.sub);
  const [row] = await app.db
    .insert(projectFiles)
    .values({ projectId, kind, storedFileId: stored.id, addedBy: actor.sub, addedAt: now })
    .returning();
  await app.db.update(projects).set({ updatedAt: now }).where(eq(projects.id, projectId));
  return presentFile(row!, stored, await editionTimeZone(app.db, project.editionId));
}

function presentFile(row: typeof projectFiles.$inferSelect, stored: typeof storedFiles.$inferSelect, timeZone: string) {
  return {
    id: row.id,
    kind: row.kind as ProjectFileKind,
    storedFileId: stored.id,
    name: stored.originalName,
    mimeType: stored.mimeType,
    sizeBytes: stored.sizeBytes,
    sha256: stored.sha256,
    addedAt: isoInZone(row.addedAt, timeZone),
    removedAt: isoInZoneOrNull(row.removedAt, timeZone),
  };
}

export async function listProjectFiles(app: FastifyInstance, projectId: string, actor: Actor, includeRemoved: boolean) {
  const project = await findProjectRow(app.db, projectId);
  await assertCanRead(app.db, project, actor);
  const timeZone = await editionTimeZone(app.db, project.editionId);
  const rows = await app.db
    .select({ file: projectFiles, stored: storedFiles })
    .from(projectFiles)
    .innerJoin(storedFiles, eq(storedFiles.id, projectFiles.storedFileId))
    .where(and(eq(projectFiles.projectId, projectId), includeRemoved ? undefined : isNull(projectFiles.removedAt)))
    .orderBy(asc(projectFiles.addedAt), asc(projectFiles.id));
  return rows.map(({ file, stored }) => presentFile(file, stored, timeZone));
}

async function findProjectFile(db: Database, projectId: string, fileId: string) {
  const [row] = await db
    .select()
    .from(projectFiles)
    .where(and(eq(projectFiles.projectId, projectId), eq(projectFiles.id, fileId)));
  if (!row) throw notFound('PROJECT_FILE_NOT_FOUND');
  return row;
}

/** Detaches a file; versions that listed it keep it, so the bytes stay. */
export async function removeProjectFile(app: FastifyInstance, projectId: string, fileId: string, actor: Actor) {
  const now = app.clock.now();
  const project = await findProjectRow(app.db, projectId);
  await assertMayChangeFiles(app, project, actor, now);
  const row = await findProjectFile(app.db, projectId, fileId);
  if (row.removedAt === null) {
    await app.db.update(projectFiles).set({ removedAt: now }).where(eq(projectFiles.id, fileId));
    await app.db.update(projects).set({ updatedAt: now }).where(eq(projects.id, projectId));
  }
}

/** The stored file behind a project file, for a caller allowed by `canReadProject`. */
export async function storedFileForDownload(app: FastifyInstance, projectId: string, fileId: string, actor: Actor) {
  await findProjectRow(app.db, projectId);
  if (!(await canReadProject(app.db, actor, projectId))) throw forbidden();
  const row = await findProjectFile(app.db, projectId, fileId);
  return findStoredFile(app.db, row.storedFileId);
}

// ---------------------------------------------------------------------------------------------
// Organizers' list, export and statistics

export interface ProjectFilters {
  edition?: string | undefined;
  track?: TrackCode | undefined;
  direction?: string | undefined;
  category?: string | undefined;
  field?: string | undefined;
  topic?: string | undefined;
  qualificationStatus?: QualificationStatus | undefined;
  status?: 'draft' | 'submitted' | undefined;
  q?: string | undefined;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

const leadUnit = sql`(select u.name from ${teamUnits} tu join ${units} u on u.id = tu.unit_id where tu.team_id = ${teams.id} and tu.is_lead limit 1)`;
const leadUnitType = sql`(select u.type from ${teamUnits} tu join ${units} u on u.id = tu.unit_id where tu.team_id = ${teams.id} and tu.is_lead limit 1)`;

function filterConditions(editionId: string, filters: ProjectFilters): SQL[] {
  const conditions: SQL[] = [eq(projects.editionId, editionId)];
  if (filters.track) conditions.push(eq(tracks.code, filters.track));
  if (filters.direction) conditions.push(eq(projects.directionCode, filters.direction));
  if (filters.category) conditions.push(eq(projects.categoryCode, filters.category));
  if (filters.qualificationStatus) conditions.push(eq(teams.qualificationStatus, filters.qualificationStatus));
  if (filters.status === 'submitted') conditions.push(sql`${projects.latestVersion} > 0`);
  if (filters.status === 'draft') conditions.push(sql`${projects.latestVersion} = 0`);
  if (filters.topic) {
    conditions.push(
      sql`exists (select 1 from ${projectTopics} pt where pt.project_id = ${projects.id} and pt.topic_id = ${filters.topic})`,
    );
  }
  if (filters.field) {
    conditions.push(
      sql`exists (select 1 from ${projectTopics} pt join ${topics} tp on tp.id = pt.topic_id join ${fields} f on f.id = tp.field_id where pt.project_id = ${projects.id} and f.code = ${filters.field})`,
    );
  }
  const q = filters.q?.trim();
  if (q) {
    // ILIKE '%…%' is what pg_trgm's GIN indexes accelerate (title, team and unit names).
    const pattern = `%${escapeLike(q)}%`;
    conditions.push(
      sql`(${projects.title} ilike ${pattern} or ${teams.name} ilike ${pattern} or exists (select 1 from ${teamUnits} tu join ${units} u on u.id = tu.unit_id where tu.team_id = ${teams.id} and u.name ilike ${pattern}))`,
    );
  }
  return conditions;
}

async function queryProjects(
  db: Database,
  editionId: string,
  filters: ProjectFilters,
  limit: number,
  after?: [string, string],
) {
  const conditions = filterConditions(editionId, filters);
  if (after)
    conditions.push(sql`(${projects.createdAt}, ${projects.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`);
  const rows = await db
    .select({
      project: projects,
      teamName: teams.name,
      qualificationStatus: teams.qualificationStatus,
      trackCode: tracks.code,
      leadUnitName: sql<string | null>`${leadUnit}`,
      leadUnitType: sql<string | null>`${leadUnitType}`,
    })
    .from(projects)
    .innerJoin(teams, eq(teams.id, projects.teamId))
    .innerJoin(tracks, eq(tracks.id, teams.trackId))
    .where(and(...conditions))
    .orderBy(desc(projects.createdAt), desc(projects.id))
    .limit(limit);
  const topicRows = await topicsOf(
    db,
    rows.map((row) => row.project.id),
  );
  return rows.map((row) => {
    const own = topicRows.filter((topic) => topic.projectId === row.project.id);
    return { ...row, topics: own, fieldCodes: [...new Set(own.map((topic) => topic.fieldCode))] };
  });
}

type ListedRow = Awaited<ReturnType<typeof queryProjects>>[number];

function presentListed(row: ListedRow, timeZone: string) {
  const { project } = row;
  return {
    id: project.id,
    title: project.title,
    teamId: project.teamId,
    teamName: row.teamName,
    leadUnitName: row.leadUnitName,
    leadUnitType: row.leadUnitType,
    track: row.trackCode,
    direction: project.directionCode,
    category: project.categoryCode,
    publicComponentKind: project.publicComponentKind,
    fieldCodes: row.fieldCodes,
    topics: row.topics.map(({ id, title, fieldCode }) => ({ id, title, fieldCode })),
    qualificationStatus: row.qualificationStatus,
    status: project.latestVersion > 0 ? ('submitted' as const) : ('draft' as const),
    latestVersion: project.latestVersion,
    firstSubmittedAt: isoInZoneOrNull(project.firstSubmittedAt, timeZone),
    lastSubmittedAt: isoInZoneOrNull(project.lastSubmittedAt, timeZone),
    createdAt: isoInZone(project.createdAt, timeZone),
  };
}

export type ListedProject = ReturnType<typeof presentListed>;

/** Organizers' list: filters, search, newest first, keyset pagination. */
export async function listProjects(
  db: Database,
  filters: ProjectFilters,
  page: { limit: number; cursor?: string | undefined },
) {
  const edition = await resolveEdition(db, filters.edition ?? 'current');
  const after = page.cursor ? (decodeCursor(page.cursor, 2) as [string, string]) : undefined;
  const rows = await queryProjects(db, edition.id, filters, page.limit + 1, after);
  return toPage(
    rows,
    page.limit,
    (row) => presentListed(row, edition.timeZone),
    (row) => [row.project.createdAt.toISOString(), row.project.id],
  );
}

/** Every project matching the filters, fetched a batch at a time, for exports. */
export async function* eachProject(db: Database, filters: ProjectFilters): AsyncGenerator<ListedProject> {
  const edition = await resolveEdition(db, filters.edition ?? 'current');
  const batch = 500;
  let after: [string, string] | undefined;
  for (;;) {
    const rows = await queryProjects(db, edition.id, filters, batch, after);
    for (const row of rows) yield presentListed(row, edition.timeZone);
    if (rows.length < batch) return;
    const last = rows.at(-1)!.project;
    after = [last.createdAt.toISOString(), last.id];
  }
}

/** Counts for the admin dashboard: by track, direction, category, field, lead unit type and day of first submission. */
export async function projectStatistics(db: Database, editionRef: string, scope: 'submitted' | 'all') {
  const edition = await resolveEdition(db, editionRef);
  const base = and(
    eq(projects.editionId, edition.id),
    scope === 'submitted' ? sql`${projects.latestVersion} > 0` : undefined,
  );
  const count = sql<number>`count(distinct ${projects.id})::int`;
  const unitType = sql<string>`coalesce(${leadUnitType}, 'individual')`;
  const day = sql<string>`to_char(${projects.firstSubmittedAt} at time zone ${edition.timeZone}, 'YYYY-MM-DD')`;
  const [totals, byTrack, byDirection, byCategory, byField, byUnitType, byDay] = await Promise.all([
    db
      .select({
        all: sql<number>`count(*)::int`,
        submitted: sql<number>`(count(*) filter (where ${projects.latestVersion} > 0))::int`,
      })
      .from(projects)
      .where(eq(projects.editionId, edition.id)),
    db
      .select({ key: tracks.code, count })
      .from(projects)
      .innerJoin(teams, eq(teams.id, projects.teamId))
      .innerJoin(tracks, eq(tracks.id, teams.trackId))
      .where(base)
      .groupBy(tracks.code)
      .orderBy(tracks.code),
    db
      .select({ key: projects.directionCode, count })
      .from(projects)
      .where(base)
      .groupBy(projects.directionCode)
      .orderBy(projects.directionCode),
    db
      .select({ key: projects.categoryCode, count })
      .from(projects)
      .where(base)
      .groupBy(projects.categoryCode)
      .orderBy(projects.categoryCode),
    db
      .select({ key: fields.code, count })
      .from(projects)
      .innerJoin(projectTopics, eq(projectTopics.projectId, projects.id))
      .innerJoin(topics, eq(topics.id, projectTopics.topicId))
      .innerJoin(fields, eq(fields.id, topics.fieldId))
      .where(base)
      .groupBy(fields.code, fields.sortOrder)
      .orderBy(fields.sortOrder),
    db
      .select({ key: unitType, count })
      .from(projects)
      .innerJoin(teams, eq(teams.id, projects.teamId))
      .where(base)
      .groupBy(unitType)
      .orderBy(unitType),
    db
      .select({ key: day, count })
      .from(projects)
      .where(and(base, sql`${projects.firstSubmittedAt} is not null`))
      // By position: the time zone is a bound parameter, so the expression cannot be repeated.
      .groupBy(sql`1`)
      .orderBy(sql`1`),
  ]);
  return {
    edition: edition.code,
    scope,
    totals: {
      projects: totals[0]!.all,
      submitted: totals[0]!.submitted,
      drafts: totals[0]!.all - totals[0]!.submitted,
    },
    byTrack,
    byDirection,
    byCategory,
    byField,
    byUnitType,
    byDay,
  };
}
