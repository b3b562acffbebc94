import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import {
  CATEGORY_DIRECTION,
  creditCodeCheckCharacter,
  type CategoryCode,
  type FieldCode,
  type TrackCode,
  type UnitType,
} from '@saishi/shared';
import type { Db } from '../../lib/deps.js';
import { DURING_COLLECTION } from '../../test/app.js';
import { firstOrThrow } from '../../lib/rows.js';
import { appendLedger } from '../ledger/service.js';
import { users } from '../accounts/tables.js';
import { editions, fields, topics, tracks } from '../editions/tables.js';
import { projectContent } from '../projects/content.js';
import { projectVersions, projects, projectTopics } from '../projects/tables.js';
import { teamMembers, teams, teamUnits, units } from '../teams/tables.js';

/**
 * Test fixtures of the review modules: units, teams and projects inserted directly (the
 * accounts, teams and projects APIs are not what these tests are about).
 */

/** The time fixtures' rows carry: inside the 2024 collection stage, never the wall clock. */
const FIXTURE_AT = new Date(DURING_COLLECTION);

export async function currentEditionId(db: Db): Promise<string> {
  const edition = firstOrThrow(
    await db.select({ id: editions.id }).from(editions).where(eq(editions.code, '2024-guangxi')),
  );
  return edition.id;
}

/** A valid unified social credit code (GB 32100-2015 check character), distinct per seed. */
export function fakeCreditCode(seed: number): string {
  const first17 = `91450100${String(seed).padStart(9, '0')}`;
  return `${first17}${creditCodeCheckCharacter(first17)}`;
}

export async function createUnit(
  db: Db,
  editionId: string,
  input: { name: string; creditCode: string; type?: UnitType },
) {
  return firstOrThrow(
    await db
      .insert(units)
      .values({
        editionId,
        name: input.name,
        creditCode: input.creditCode,
        type: input.type ?? 'enterprise',
        createdAt: FIXTURE_AT,
      })
      .returning(),
  );
}

export interface ProjectFixture {
  editionId: string;
  trackCode: TrackCode;
  unitIds: string[];
  teamName?: string;
  memberName?: string;
  title?: string;
  summary?: string;
  categoryCode?: CategoryCode;
  fieldCode?: FieldCode;
  completeBeforeNationalFinal?: boolean;
  qualificationStatus?: 'approved' | 'submitted';
}

/**
 * Writes the ledger entry certifying a fixture team's qualification status, as the review would
 * have: without it the ledger reports the team as unrecorded and ranking refuses to run.
 */
export async function certifyFixtureTeam(db: Db, teamId: string, at: Date = FIXTURE_AT): Promise<void> {
  await db.transaction((tx) =>
    appendLedger(
      tx,
      {
        action: 'qualification.decided',
        actorId: null,
        subjectType: 'team',
        subjectId: teamId,
        payload: { fixture: true },
        certifies: { table: 'teams', rowId: teamId },
      },
      at,
    ),
  );
}

/** A team (approved by default) with its leader and units. */
async function createTeam(db: Db, input: ProjectFixture, suffix: string) {
  const track = firstOrThrow(
    await db
      .select({ id: tracks.id })
      .from(tracks)
      .where(and(eq(tracks.editionId, input.editionId), eq(tracks.code, input.trackCode))),
  );
  const leader = firstOrThrow(
    await db
      .insert(users)
      .values({
        email: `leader-${suffix}@example.test`,
        displayName: input.memberName ?? `Leader ${suffix}`,
        passwordHash: 'not-a-login',
        role: 'participant',
        createdAt: FIXTURE_AT,
      })
      .returning({ id: users.id }),
  );
  const team = firstOrThrow(
    await db
      .insert(teams)
      .values({
        editionId: input.editionId,
        trackId: track.id,
        name: input.teamName ?? `Team ${suffix}`,
        entrantKind: 'units',
        leaderUserId: leader.id,
        qualificationStatus: input.qualificationStatus ?? 'approved',
        inviteCode: `INV${suffix}`,
        createdAt: FIXTURE_AT,
        updatedAt: FIXTURE_AT,
      })
      .returning({ id: teams.id }),
  );
  await certifyFixtureTeam(db, team.id);
  await db
    .insert(teamMembers)
    .values({ teamId: team.id, editionId: input.editionId, userId: leader.id, role: 'leader', joinedAt: FIXTURE_AT });
  if (input.unitIds.length > 0) {
    await db
      .insert(teamUnits)
      .values(input.unitIds.map((unitId, index) => ({ teamId: team.id, unitId, isLead: index === 0 })));
  }
  return { teamId: team.id, leaderId: leader.id };
}

/** A team (approved by default) with its units and leader, and its submitted project on one topic. */
export async function createProject(db: Db, input: ProjectFixture) {
  const suffix = randomUUID().slice(0, 8);
  const { teamId, leaderId } = await createTeam(db, input, suffix);
  const categoryCode = input.categoryCode ?? 'data_product';
  const project = firstOrThrow(
    await db
      .insert(projects)
      .values({
        editionId: input.editionId,
        teamId,
        title: input.title ?? `Project ${suffix}`,
        summary: input.summary ?? 'A data-elements project.',
        directionCode: CATEGORY_DIRECTION[categoryCode],
        categoryCode,
        completeBeforeNationalFinal: input.completeBeforeNationalFinal ?? false,
        latestVersion: 1,
        createdAt: FIXTURE_AT,
        updatedAt: FIXTURE_AT,
      })
      .returning({ id: projects.id }),
  );
  const [topic] = await db
    .select({ id: topics.id })
    .from(topics)
    .innerJoin(fields, eq(fields.id, topics.fieldId))
    .where(and(eq(topics.editionId, input.editionId), eq(fields.code, input.fieldCode ?? 'healthcare')))
    .limit(1);
  if (topic) await db.insert(projectTopics).values({ projectId: project.id, topicId: topic.id });
  // Submitted: version 1 holds what public and derived views read.
  const row = firstOrThrow(await db.select().from(projects).where(eq(projects.id, project.id)));
  await db.insert(projectVersions).values({
    projectId: project.id,
    number: 1,
    snapshot: await projectContent(db, row),
    submittedBy: leaderId,
    submittedAt: FIXTURE_AT,
  });
  return { projectId: project.id, teamId, leaderId };
}
