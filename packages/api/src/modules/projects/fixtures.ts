import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { QualificationStatus, TrackCode, UnitType } from '@saishi/shared';
import { firstOrThrow } from '../../lib/rows.js';
import { editions, tracks } from '../editions/tables.js';
import { certifyFixtureTeam } from '../review/fixtures.js';
import { teamMembers, teamUnits, teams, units } from '../teams/tables.js';
import type { TestApp } from '../../test/app.js';

/**
 * Test teams inserted directly (the teams API is not what these tests are about): a leader and a
 * member with tokens, a lead unit, and the qualification status asked for.
 */
export async function createTeamFixture(
  t: TestApp,
  options: {
    track?: TrackCode;
    status?: QualificationStatus;
    name?: string;
    unit?: { name: string; type: UnitType };
  } = {},
) {
  const edition = firstOrThrow(await t.db.select().from(editions).where(eq(editions.code, '2024-guangxi')));
  const track = firstOrThrow(
    await t.db
      .select()
      .from(tracks)
      .where(and(eq(tracks.editionId, edition.id), eq(tracks.code, options.track ?? 'society'))),
  );
  const leader = await t.userWithToken('participant');
  const member = await t.userWithToken('participant');
  const team = firstOrThrow(
    await t.db
      .insert(teams)
      .values({
        editionId: edition.id,
        trackId: track.id,
        name: options.name ?? `测试团队 ${randomUUID().slice(0, 8)}`,
        entrantKind: 'units',
        leaderUserId: leader.id,
        qualificationStatus: options.status ?? 'approved',
        inviteCode: randomUUID(),
        createdAt: t.clock.now(),
        updatedAt: t.clock.now(),
      })
      .returning(),
  );
  if (team.qualificationStatus !== 'draft') await certifyFixtureTeam(t.db, team.id, t.clock.now());
  const unit = options.unit ?? {
    name: `广西测试科技有限公司 ${randomUUID().slice(0, 6)}`,
    type: 'enterprise' as const,
  };
  const unitRow = firstOrThrow(
    await t.db
      .insert(units)
      .values({
        editionId: edition.id,
        name: unit.name,
        type: unit.type,
        creditCode: randomUUID().replaceAll('-', '').slice(0, 18).toUpperCase(),
        createdAt: t.clock.now(),
      })
      .returning(),
  );
  await t.db.insert(teamUnits).values({ teamId: team.id, unitId: unitRow.id, isLead: true });
  await t.db.insert(teamMembers).values([
    { teamId: team.id, editionId: edition.id, userId: leader.id, role: 'leader', joinedAt: t.clock.now() },
    { teamId: team.id, editionId: edition.id, userId: member.id, role: 'member', joinedAt: t.clock.now() },
  ]);
  return { team, edition, leader, member, unit: unitRow };
}
