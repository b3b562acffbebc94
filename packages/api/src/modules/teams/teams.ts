import { randomBytes } from 'node:crypto';
import { and, count, desc, eq, ilike, inArray, isNotNull, isNull, type SQL } from 'drizzle-orm';
import type { Static } from 'typebox';
import { checkCollectionOpen, checkTeamComposition, type EntrantKind, type TrackCode } from '@saishi/shared';
import type { Actor, Db, Deps, Transaction } from '../../lib/deps.js';
import { DomainError, assertNoViolations } from '../../lib/errors.js';
import { decodeCursor, keysetOrder, toPage, type KeysetOrder } from '../../lib/pagination.js';
import { firstOrThrow } from '../../lib/rows.js';
import { loadStages, resolveEdition, toStageWindows } from '../editions/service.js';
import { tracks } from '../editions/tables.js';
import {
  assertCanSee,
  assertEditable,
  assertLeader,
  assertRosterOpen,
  assertStudentNumber,
  currentTeam,
  findTeam,
  lockTeam,
  mapMembershipError,
  presentTeam,
  presentTeams,
  trackCodeOf,
  unitsOf,
} from './queries.js';
import type { CreateTeamBody, TEAM_SORTS, TeamFilterQuery, TeamListQuery, UpdateTeamBody } from './schemas.js';
import { teamMembers, teams, teamUnits, units } from './tables.js';
import { blacklistedCodes } from './units.js';
import { containsPattern } from '../../lib/text.js';

/** Teams themselves: registration by the leader, changes, and the lists of teams. */

type TeamUnitInput = NonNullable<Static<typeof UpdateTeamBody>['units']>[number];

const newInviteCode = () => randomBytes(9).toString('base64url');

/** Loads the units, refusing units of another edition, and checks the make-up (R-SOC-1..3, R-UNI-1). */
async function checkUnits(
  db: Db,
  editionId: string,
  trackCode: TrackCode,
  entrantKind: EntrantKind,
  input: readonly TeamUnitInput[],
) {
  const ids = input.map((unit) => unit.unitId);
  const rows = ids.length
    ? await db
        .select()
        .from(units)
        .where(and(inArray(units.id, ids), eq(units.editionId, editionId)))
    : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const listed = await blacklistedCodes(
    db,
    rows.map((row) => row.creditCode),
  );
  const facts = input.map((unit, index) => {
    const row = byId.get(unit.unitId);
    if (!row)
      throw new DomainError('UNIT_NOT_FOUND', 422, {
        fields: [{ path: `/body/units/${index}/unitId`, code: 'UNIT_NOT_FOUND' }],
      });
    return { unitId: unit.unitId, type: row.type, isLead: unit.isLead, blacklisted: listed.has(row.creditCode) };
  });
  const violations = checkTeamComposition({ track: trackCode, entrantKind, units: facts });
  assertNoViolations(violations.map((violation) => ({ ...violation, path: `/body${violation.path ?? ''}` })));
}

export async function getTeam(deps: Deps, teamId: string, actor: Actor) {
  const team = await findTeam(deps.db, teamId);
  await assertCanSee(deps.db, team, actor);
  return presentTeam(deps.db, team);
}

/**
 * A participant creates a team and becomes its leader (R-TIME-1, R-SOC-1..3, R-UNI-1, R-ALL-2).
 * Registration is a collection-stage action: outside it the answer is COLLECTION_CLOSED (R-TIME-1),
 * even after the deadline, when the roster of existing teams is frozen (R-TIME-2).
 */
export async function createTeam(deps: Deps, input: Static<typeof CreateTeamBody>, actor: Actor) {
  const now = deps.clock.now();
  const edition = await resolveEdition(deps.db, input.edition);
  assertNoViolations(checkCollectionOpen(toStageWindows(await loadStages(deps.db, edition.id)), now));
  const [track] = await deps.db
    .select()
    .from(tracks)
    .where(and(eq(tracks.editionId, edition.id), eq(tracks.code, input.track)));
  if (!track) throw new DomainError('TRACK_NOT_FOUND', 422, { params: { track: input.track } });
  assertStudentNumber(input.track, 'leader', input.studentNumber);
  const teamUnitInput = input.units ?? [];
  await checkUnits(deps.db, edition.id, input.track, input.entrantKind, teamUnitInput);
  try {
    const teamId = await deps.db.transaction(async (tx) => {
      const inserted = await tx
        .insert(teams)
        .values({
          editionId: edition.id,
          trackId: track.id,
          name: input.name.trim(),
          entrantKind: input.entrantKind,
          leaderUserId: actor.sub,
          inviteCode: newInviteCode(),
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: teams.id });
      const { id } = firstOrThrow(inserted);
      if (teamUnitInput.length)
        await tx
          .insert(teamUnits)
          .values(teamUnitInput.map((unit) => ({ teamId: id, unitId: unit.unitId, isLead: unit.isLead })));
      await tx.insert(teamMembers).values({
        teamId: id,
        editionId: edition.id,
        userId: actor.sub,
        role: 'leader',
        studentNumber: input.track === 'university' ? (input.studentNumber?.trim() ?? null) : null,
        // checkUnits made sure a university team has exactly its university.
        universityUnitId: input.track === 'university' ? (teamUnitInput[0]?.unitId ?? null) : null,
        joinedAt: now,
      });
      return id;
    });
    return currentTeam(deps.db, teamId);
  } catch (error) {
    return mapMembershipError(deps.db, error, { editionId: edition.id, userId: actor.sub });
  }
}

/** Replaces the team's units; a university team's students move to its new university. */
async function replaceUnits(tx: Transaction, teamId: string, trackCode: TrackCode, input: readonly TeamUnitInput[]) {
  await tx.delete(teamUnits).where(eq(teamUnits.teamId, teamId));
  if (input.length)
    await tx.insert(teamUnits).values(input.map((unit) => ({ teamId, unitId: unit.unitId, isLead: unit.isLead })));
  if (trackCode === 'university')
    await tx
      .update(teamMembers)
      .set({ universityUnitId: input[0]?.unitId ?? null })
      .where(and(eq(teamMembers.teamId, teamId), isNotNull(teamMembers.studentNumber)));
}

/** The leader renames the team or replaces its units while it is a draft and collection is open. */
export async function updateTeam(deps: Deps, teamId: string, input: Static<typeof UpdateTeamBody>, actor: Actor) {
  const now = deps.clock.now();
  const team = await findTeam(deps.db, teamId);
  assertLeader(team, actor);
  assertEditable(team);
  await assertRosterOpen(deps.db, team.editionId, now);
  const trackCode = await trackCodeOf(deps.db, team.trackId);
  const entrantKind = input.entrantKind ?? team.entrantKind;
  if (input.units || input.entrantKind) {
    const unitInput =
      input.units ?? (await unitsOf(deps.db, teamId)).map((unit) => ({ unitId: unit.unitId, isLead: unit.isLead }));
    await checkUnits(deps.db, team.editionId, trackCode, entrantKind, unitInput);
  }
  try {
    await deps.db.transaction(async (tx) => {
      assertEditable(await lockTeam(tx, teamId));
      await tx
        .update(teams)
        .set({ ...(input.name ? { name: input.name.trim() } : {}), entrantKind, updatedAt: now })
        .where(eq(teams.id, teamId));
      if (input.units) await replaceUnits(tx, teamId, trackCode, input.units);
    });
  } catch (error) {
    await mapMembershipError(deps.db, error, { editionId: team.editionId, userId: actor.sub });
  }
  return currentTeam(deps.db, teamId);
}

/** The teams the actor belongs to, newest edition first. */
export async function myTeams(deps: Deps, actor: Actor) {
  const rows = await deps.db
    .select({ team: teams })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(teamMembers.userId, actor.sub))
    .orderBy(desc(teams.createdAt));
  return presentTeams(
    deps.db,
    rows.map((row) => row.team),
  );
}

type TeamSort = (typeof TEAM_SORTS)[number];

const TEAM_ORDERS: Record<TeamSort, KeysetOrder> = {
  updated: keysetOrder('instant', teams.updatedAt, teams.id, 'asc'),
  recent: keysetOrder('instant', teams.updatedAt, teams.id, 'desc'),
  name: keysetOrder('text', teams.name, teams.id, 'asc'),
  newest: keysetOrder('instant', teams.createdAt, teams.id, 'desc'),
};

/**
 * The organizers' filters of teams, for the list and its export, on the teams alone (the track by
 * its code in a subquery): the list reads a page in the order of an index of teams, which a join
 * would let the planner trade for sorting every team (a page at 20,000 teams took 20–40 ms). An
 * unknown edition is a 404.
 */
export async function teamFilters(deps: Deps, query: Static<typeof TeamFilterQuery>): Promise<SQL | undefined> {
  const editionId = query.edition ? (await resolveEdition(deps.db, query.edition)).id : undefined;
  return and(
    editionId ? eq(teams.editionId, editionId) : undefined,
    query.track
      ? inArray(teams.trackId, deps.db.select({ id: tracks.id }).from(tracks).where(eq(tracks.code, query.track)))
      : undefined,
    query.status ? eq(teams.qualificationStatus, query.status) : undefined,
    query.flagged === undefined ? undefined : query.flagged ? isNotNull(teams.flaggedAt) : isNull(teams.flaggedAt),
    query.q ? ilike(teams.name, containsPattern(query.q)) : undefined,
  );
}

/** A page of the teams matching the filters in an order, after its keyset if `after`, `limit` at most. */
export function teamsPage(
  db: Db,
  filters: SQL | undefined,
  sort: TeamSort,
  options: { after?: [string, string]; limit: number },
) {
  const order = TEAM_ORDERS[sort];
  return db
    .select({ team: teams, sortKey: order.key })
    .from(teams)
    .where(and(filters, options.after ? order.after(...options.after) : undefined))
    .orderBy(...order.orderBy)
    .limit(options.limit);
}

/** The organizers' list of teams (资格审核 queue): filters, in the order asked (oldest change first), keyset pages. */
export async function listTeams(deps: Deps, query: Static<typeof TeamListQuery>) {
  const order = TEAM_ORDERS[query.sort];
  const after = query.cursor ? (decodeCursor(query.cursor, order.kinds) as [string, string]) : undefined;
  const filters = await teamFilters(deps, query);
  const [rows, [counted]] = await Promise.all([
    teamsPage(deps.db, filters, query.sort, { after, limit: query.limit + 1 }),
    deps.db.select({ total: count() }).from(teams).where(filters),
  ]);
  const page = toPage(
    rows,
    query.limit,
    (row) => row.team,
    (row) => [row.sortKey, row.team.id],
    counted?.total ?? 0,
  );
  return { ...page, items: await presentTeams(deps.db, page.items) };
}
