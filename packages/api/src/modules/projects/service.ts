import { and, eq, inArray } from 'drizzle-orm';
import type { Static } from 'typebox';
import {
  CATEGORY_DIRECTION,
  checkLockedFields,
  checkProjectShape,
  checkTopics,
  type RuleViolation,
  type TopicScope,
  type TrackCode,
} from '@saishi/shared';
import type { Actor, Db, Deps } from '../../lib/deps.js';
import { DomainError, assertNoViolations, notFound } from '../../lib/errors.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { firstOrThrow } from '../../lib/rows.js';
import { fields, topics } from '../editions/tables.js';
import { teams } from '../teams/tables.js';
import {
  assertApproved,
  assertCanRead,
  assertTeamMember,
  assertWindowOpen,
  findProjectRow,
  findTeamWithTrack,
  lockProjectRow,
  windowFor,
  type ProjectRow,
} from './access.js';
import { presentProject, topicsOf } from './content.js';
import type { CreateBody, UpdateBody } from './schemas.js';
import { projectTopics, projects } from './tables.js';

// Creating a team's project, reading it, and editing its working copy.

type ProjectInput = Static<typeof UpdateBody>;

/** The columns an edit may change (the declared technology aside). */
type EditableColumns = Pick<
  ProjectRow,
  | 'title'
  | 'summary'
  | 'directionCode'
  | 'categoryCode'
  | 'publicComponentKind'
  | 'topicScope'
  | 'dataSources'
  | 'benefitProof'
  | 'completeBeforeNationalFinal'
  | 'completionDeclared'
>;

/** The topics of the edition by id, with their field; an id of no topic of the edition is refused. */
async function resolveTopics(db: Db, editionId: string, topicIds: readonly string[]) {
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

/** Refuses the violations, pointing each at the request body. */
const assertBodyValid = (violations: readonly RuleViolation[]) =>
  assertNoViolations(violations.map((violation) => ({ ...violation, path: `/body${violation.path ?? ''}` })));

function technologyColumns(technology: ProjectInput['technology']) {
  if (!technology) return {};
  return {
    ...(technology.privacyComputing !== undefined ? { usesPrivacyComputing: technology.privacyComputing } : {}),
    ...(technology.dataSandbox !== undefined ? { usesDataSandbox: technology.dataSandbox } : {}),
    ...(technology.blockchain !== undefined ? { usesBlockchain: technology.blockchain } : {}),
    ...(technology.domesticTechnology !== undefined ? { usesDomesticTechnology: technology.domesticTechnology } : {}),
    ...(technology.notes !== undefined ? { technologyNotes: technology.notes } : {}),
  };
}

/** The column values of an input merged over the current ones; a new category brings its direction. */
function mergedColumns(input: ProjectInput, current: EditableColumns) {
  return {
    title: input.title ?? current.title,
    summary: input.summary ?? current.summary,
    directionCode: input.direction ?? (input.category ? CATEGORY_DIRECTION[input.category] : current.directionCode),
    categoryCode: input.category ?? current.categoryCode,
    publicComponentKind:
      input.publicComponentKind !== undefined ? input.publicComponentKind : current.publicComponentKind,
    topicScope: input.topicScope ?? current.topicScope,
    dataSources: input.dataSources ?? current.dataSources,
    benefitProof: input.benefitProof !== undefined ? input.benefitProof : current.benefitProof,
    completeBeforeNationalFinal: input.completeBeforeNationalFinal ?? current.completeBeforeNationalFinal,
    completionDeclared: input.completeBeforeNationalFinal !== undefined || current.completionDeclared,
    ...technologyColumns(input.technology),
  };
}

/** What a new project holds before its input is applied. */
const blankProject = (input: Static<typeof CreateBody>): EditableColumns => ({
  title: input.title,
  summary: '',
  directionCode: CATEGORY_DIRECTION[input.category],
  categoryCode: input.category,
  publicComponentKind: null,
  topicScope: 'single_field',
  dataSources: [],
  benefitProof: null,
  completeBeforeNationalFinal: false,
  completionDeclared: false,
});

/** R-CAT-1 and the fields that fit the category, for the project's track. */
function assertShape(columns: ReturnType<typeof mergedColumns>, track: TrackCode): void {
  assertBodyValid(
    checkProjectShape({ ...columns, track, direction: columns.directionCode, category: columns.categoryCode }),
  );
}

/** Creates the team's one project as a draft (R-ALL-1, R-TIME-1, R-CAT-1). */
export async function createProject(deps: Deps, teamId: string, input: Static<typeof CreateBody>, actor: Actor) {
  const now = deps.clock.now();
  const team = await findTeamWithTrack(deps.db, teamId);
  await assertTeamMember(deps.db, team, actor);
  assertApproved(team);
  const { window } = await windowFor(deps.db, team.editionId, now, false);
  assertWindowOpen(window);
  const columns = mergedColumns(input, blankProject(input));
  assertShape(columns, team.trackCode);
  const topicRows = await resolveTopics(deps.db, team.editionId, input.topicIds ?? []);
  if (topicRows.length > 0) assertBodyValid(checkTopics(columns.topicScope, topicRows));
  try {
    const projectId = await deps.db.transaction(async (tx) => {
      // The team row lock orders this against a concurrent qualification change of the team.
      assertApproved(firstOrThrow(await tx.select().from(teams).where(eq(teams.id, teamId)).for('update')));
      const created = firstOrThrow(
        await tx
          .insert(projects)
          .values({ ...columns, editionId: team.editionId, teamId, createdAt: now, updatedAt: now })
          .returning({ id: projects.id }),
      );
      if (topicRows.length > 0) {
        await tx
          .insert(projectTopics)
          .values(topicRows.map((topic) => ({ projectId: created.id, topicId: topic.topicId })));
      }
      return created.id;
    });
    return presentProject(deps.db, await findProjectRow(deps.db, projectId), now);
  } catch (error) {
    if (isUniqueViolation(error, 'projects_one_per_team'))
      throw new DomainError('PROJECT_EXISTS', 409, { ruleId: 'R-ALL-1' });
    throw error;
  }
}

export async function getProject(deps: Deps, projectId: string, actor: Actor) {
  const project = await findProjectRow(deps.db, projectId);
  await assertCanRead(deps.db, project, actor);
  return presentProject(deps.db, project, deps.clock.now());
}

export async function getTeamProject(deps: Deps, teamId: string, actor: Actor) {
  const team = await findTeamWithTrack(deps.db, teamId);
  if (actor.role !== 'admin') await assertTeamMember(deps.db, team, actor);
  const project = firstOrThrow(await deps.db.select().from(projects).where(eq(projects.teamId, teamId)), () =>
    notFound('PROJECT_NOT_FOUND'),
  );
  return presentProject(deps.db, project, deps.clock.now());
}

/**
 * New topics replace the old ones (R-TOPIC-1 checked against the scope); a new scope alone is
 * checked against the topics the project has.
 */
async function updateTopics(tx: Db, project: ProjectRow, input: ProjectInput, topicScope: TopicScope) {
  if (input.topicIds !== undefined) {
    const topicRows = await resolveTopics(tx, project.editionId, input.topicIds);
    if (topicRows.length > 0) assertBodyValid(checkTopics(topicScope, topicRows));
    await tx.delete(projectTopics).where(eq(projectTopics.projectId, project.id));
    if (topicRows.length > 0) {
      await tx
        .insert(projectTopics)
        .values(topicRows.map((topic) => ({ projectId: project.id, topicId: topic.topicId })));
    }
  } else if (input.topicScope !== undefined) {
    const topicRows = await topicsOf(tx, [project.id]);
    if (topicRows.length > 0) {
      assertBodyValid(
        checkTopics(
          topicScope,
          topicRows.map((row) => ({ topicId: row.id, fieldCode: row.fieldCode })),
        ),
      );
    }
  }
}

/** Edits the working copy: any field during collection; after it, not the title or category (R-TIME-3). */
export async function updateProject(deps: Deps, projectId: string, input: ProjectInput, actor: Actor) {
  const now = deps.clock.now();
  const existing = await findProjectRow(deps.db, projectId);
  const team = await findTeamWithTrack(deps.db, existing.teamId);
  await assertTeamMember(deps.db, team, actor);
  await deps.db.transaction(async (tx) => {
    const current = await lockProjectRow(tx, projectId);
    const { window } = await windowFor(tx, current.editionId, now, current.latestVersion > 0);
    assertWindowOpen(window);
    assertBodyValid(
      checkLockedFields(
        window,
        { title: current.title, category: current.categoryCode },
        { title: input.title, category: input.category },
      ),
    );
    const columns = mergedColumns(input, current);
    assertShape(columns, team.trackCode);
    await updateTopics(tx, current, input, columns.topicScope);
    await tx
      .update(projects)
      .set({ ...columns, updatedAt: now })
      .where(eq(projects.id, projectId));
  });
  return presentProject(deps.db, await findProjectRow(deps.db, projectId), now);
}
