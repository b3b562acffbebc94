import { and, eq, sql } from 'drizzle-orm';
import {
  maskEmail,
  checkOneTeamPerEdition,
  checkReadyForQualification,
  teamNextSteps,
  checkRosterChange,
  type MemberRole,
  type QualificationStatus,
  type RuleViolation,
  type TrackCode,
  type BlacklistListKind,
  type UnitType,
} from '@saishi/shared';
import { isAnyOfIds } from '../../db/conditions.js';
import { keptPerDatabase } from '../../db/prepared.js';
import type { Actor, Db, Transaction } from '../../lib/deps.js';
import { DomainError, assertNoViolations, forbidden, notFound } from '../../lib/errors.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { firstOrThrow, getOrThrow, sqlRows } from '../../lib/rows.js';
import { isoInZone, isoInZoneOrNull } from '../../lib/time.js';
import { users } from '../accounts/tables.js';
import { editionTimeZones, loadStages, toStageWindows } from '../editions/service.js';
import { tracks } from '../editions/tables.js';
import { projects } from '../projects/tables.js';
import { blacklistEntries, teamMembers, teams, teamUnits, units } from './tables.js';

/**
 * What the team use cases share: finding and locking a team, its members and units, who may see
 * or change it, and how it is presented.
 */

export type TeamRow = typeof teams.$inferSelect;

/** Statuses in which the leader may still change the team; later it is under or past review. */
const EDITABLE: readonly QualificationStatus[] = ['draft', 'returned'];

// A team's reads of most participant requests, prepared once per database (`keptPerDatabase`).
const teamById = keptPerDatabase((db) =>
  db
    .select()
    .from(teams)
    .where(eq(teams.id, sql.placeholder('teamId')))
    .prepare(''),
);

const membership = keptPerDatabase((db) =>
  db
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, sql.placeholder('teamId')), eq(teamMembers.userId, sql.placeholder('userId'))))
    .prepare(''),
);

export async function findTeam(db: Db, teamId: string): Promise<TeamRow> {
  return firstOrThrow(await teamById(db).execute({ teamId }), () => notFound('TEAM_NOT_FOUND'));
}

/** The team row, locked until the transaction ends (size and status checks under concurrency). */
export async function lockTeam(tx: Transaction, teamId: string): Promise<TeamRow> {
  const rows = await tx.select().from(teams).where(eq(teams.id, teamId)).for('update');
  return firstOrThrow(rows, () => notFound('TEAM_NOT_FOUND'));
}

export async function trackCodeOf(db: Db, trackId: string): Promise<TrackCode> {
  return firstOrThrow(await db.select({ code: tracks.code }).from(tracks).where(eq(tracks.id, trackId))).code;
}

/** R-TIME-1 and R-TIME-2: the roster changes only during collection. */
export async function assertRosterOpen(db: Db, editionId: string, now: Date): Promise<void> {
  assertNoViolations(checkRosterChange(toStageWindows(await loadStages(db, editionId)), now));
}

export function assertEditable(team: TeamRow): void {
  if (!EDITABLE.includes(team.qualificationStatus)) {
    throw new DomainError('TEAM_LOCKED_FOR_REVIEW', 409, { params: { status: team.qualificationStatus } });
  }
}

export function assertLeader(team: TeamRow, actor: Actor): void {
  if (team.leaderUserId !== actor.sub) throw forbidden('NOT_TEAM_LEADER');
}

/** Whether the actor is a member of the team (or an admin, who sees every team). */
export async function assertCanSee(db: Db, team: TeamRow, actor: Actor): Promise<void> {
  if (actor.role === 'admin') return;
  const [member] = await membership(db).execute({ teamId: team.id, userId: actor.sub });
  if (!member) throw forbidden('NOT_TEAM_MEMBER');
}

/** R-UNI-1: students of the university track give their student number (advisors do not). */
export function assertStudentNumber(trackCode: TrackCode, role: MemberRole, studentNumber: string | undefined): void {
  if (trackCode === 'university' && role !== 'advisor' && !studentNumber?.trim()) {
    throw new DomainError('STUDENT_NUMBER_REQUIRED', 422, {
      ruleId: 'R-UNI-1',
      fields: [{ path: '/body/studentNumber', code: 'STUDENT_NUMBER_REQUIRED', ruleId: 'R-UNI-1' }],
    });
  }
}

/** R-ALL-2: the problem of a person already in a team of the edition, naming that team (id and name). */
export async function alreadyInATeam(db: Db, editionId: string, userId: string): Promise<DomainError> {
  const [existing] = await db
    .select({ id: teams.id, name: teams.name })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(and(eq(teamMembers.editionId, editionId), eq(teamMembers.userId, userId)));
  const violation = checkOneTeamPerEdition({ existing: existing ?? null, teamId: '' })[0];
  return new DomainError('ALREADY_IN_A_TEAM', 422, {
    ruleId: 'R-ALL-2',
    params: violation?.params ?? { teamId: '', teamName: '' },
    ...(existing ? { existing } : {}),
  });
}

/** Turns the database's R-ALL-2 guards into problems; `who` is the person whose membership was refused. */
export async function mapMembershipError(
  db: Db,
  error: unknown,
  who: { editionId: string; userId: string },
): Promise<never> {
  if (isUniqueViolation(error, 'team_members_one_team_per_edition'))
    throw await alreadyInATeam(db, who.editionId, who.userId);
  if (isUniqueViolation(error, 'team_members_one_division_per_national_edition'))
    throw new DomainError('ONE_DIVISION_ONLY', 422, { ruleId: 'R-DIV-1' });
  if (isUniqueViolation(error, 'team_members_one_student_per_university'))
    throw new DomainError('STUDENT_NUMBER_TAKEN', 422, { ruleId: 'R-ALL-2' });
  throw error;
}

/** The university of a university-track team (its one unit of type university), or null. */
export async function universityOf(db: Db, teamId: string): Promise<string | null> {
  const [row] = await db
    .select({ unitId: teamUnits.unitId })
    .from(teamUnits)
    .innerJoin(units, eq(units.id, teamUnits.unitId))
    .where(and(eq(teamUnits.teamId, teamId), eq(units.type, 'university')))
    .limit(1);
  return row?.unitId ?? null;
}

/** A member of a team, in joining order (`surroundingsOf`). */
export interface MemberRow {
  teamId: string;
  userId: string;
  role: MemberRole;
  displayName: string;
  email: string | null;
  studentNumber: string | null;
  studentIdFileId: string | null;
  joinedAt: Date;
}

/** A unit of a team, the lead unit first, with the blacklists its credit code is on (R-SOC-3). */
export interface TeamUnitRow {
  teamId: string;
  unitId: string;
  name: string;
  type: UnitType;
  creditCode: string;
  isLead: boolean;
  blacklisted: boolean;
  listKinds: BlacklistListKind[];
}

/** What a team is presented and checked with besides its row: its track, units, members and project. */
interface Surroundings {
  trackCode: TrackCode;
  teamUnitRows: TeamUnitRow[];
  memberRows: MemberRow[];
  project: { id: string; latestVersion: number } | undefined;
}

interface SurroundingsRow {
  teamId: string;
  trackCode: TrackCode;
  units: Omit<TeamUnitRow, 'blacklisted'>[];
  members: (Omit<MemberRow, 'joinedAt'> & { joinedAt: string })[];
  projectId: string | null;
  latestVersion: number | null;
}

/**
 * The track, units (with their listings), members and project of each of the teams, in one query
 * and one round trip whatever their number: a team's units and members come as JSON arrays in
 * their order, each read by an index of the team (a page of teams is at most a hundred). It was
 * six queries (five at once, then the listings), and a participant's read of one team cost six
 * times the round trips of `GET /me`.
 */
async function surroundingsOf(db: Db, teamIds: readonly string[]): Promise<Map<string, Surroundings>> {
  const rows = await sqlRows<SurroundingsRow>(
    db,
    sql`
    select t.id as "teamId", tr.code as "trackCode", coalesce(u.units, '[]') as units,
           coalesce(m.members, '[]') as members, p.id as "projectId", p.latest_version as "latestVersion"
      from ${teams} t
      join ${tracks} tr on tr.id = t.track_id
      left join lateral (
        select json_agg(json_build_object(
                 'teamId', tu.team_id, 'unitId', un.id, 'name', un.name, 'type', un.type,
                 'creditCode', un.credit_code, 'isLead', tu.is_lead,
                 'listKinds', coalesce((select json_agg(b.list_kind order by b.list_kind)
                                          from ${blacklistEntries} b where b.credit_code = un.credit_code), '[]'))
                 order by tu.is_lead desc, un.name) as units
          from ${teamUnits} tu join ${units} un on un.id = tu.unit_id
         where tu.team_id = t.id
      ) u on true
      left join lateral (
        select json_agg(json_build_object(
                 'teamId', tm.team_id, 'userId', tm.user_id, 'role', tm.role, 'displayName', us.display_name,
                 'email', us.email, 'studentNumber', tm.student_number, 'studentIdFileId', tm.student_id_file_id,
                 'joinedAt', tm.joined_at)
                 order by tm.joined_at, tm.id) as members
          from ${teamMembers} tm join ${users} us on us.id = tm.user_id
         where tm.team_id = t.id
      ) m on true
      left join ${projects} p on p.team_id = t.id
     where ${isAnyOfIds(sql`t.id`, teamIds)}`,
  );
  return new Map(
    rows.map((row) => [
      row.teamId,
      {
        trackCode: row.trackCode,
        teamUnitRows: row.units.map((unit) => ({ ...unit, blacklisted: unit.listKinds.length > 0 })),
        memberRows: row.members.map((member) => ({ ...member, joinedAt: new Date(member.joinedAt) })),
        project: row.projectId === null ? undefined : { id: row.projectId, latestVersion: row.latestVersion ?? 0 },
      },
    ]),
  );
}

/** The track, units, members and project of one (existing) team, in one query (`surroundingsOf`). */
export async function surroundingsOfTeam(db: Db, teamId: string): Promise<Surroundings> {
  return getOrThrow(await surroundingsOf(db, [teamId]), teamId);
}

/** The team's units, the lead unit first, each with whether it is on a blacklist (R-SOC-3). */
export async function unitsOf(db: Db, teamId: string): Promise<TeamUnitRow[]> {
  return (await surroundingsOfTeam(db, teamId)).teamUnitRows;
}

/** The rules a team must meet to be submitted (R-ALL-3, R-UNI-1, composition and size), as the admin UI shows them. */
export function readiness(
  team: TeamRow,
  trackCode: TrackCode,
  teamUnitRows: readonly TeamUnitRow[],
  memberRows: readonly MemberRow[],
): RuleViolation[] {
  return checkReadyForQualification({
    track: trackCode,
    entrantKind: team.entrantKind,
    units: teamUnitRows,
    members: memberRows.map((member) => ({
      userId: member.userId,
      role: member.role,
      hasStudentNumber: Boolean(member.studentNumber),
      hasStudentIdFile: member.studentIdFileId !== null,
    })),
    hasCommitmentLetter: team.commitmentFileId !== null,
    pledgeAccepted: team.pledgeAcceptedAt !== null,
  });
}

/** What a team is presented with besides its row: its surroundings and its edition's time zone. */
type TeamSurroundings = Surroundings & { zone: string };

/**
 * Teams as the API shows them, their instants in their edition's time zone: one query for the
 * surroundings of them all (`surroundingsOf`), whatever their number (a page of a hundred teams
 * asked five queries of each team, 100–160 ms a page at 20,000 teams).
 */
export async function presentTeams(db: Db, teamRows: readonly TeamRow[]) {
  if (teamRows.length === 0) return [];
  const [surroundings, zones] = await Promise.all([
    surroundingsOf(
      db,
      teamRows.map((team) => team.id),
    ),
    editionTimeZones(
      db,
      teamRows.map((team) => team.editionId),
    ),
  ]);
  return teamRows.map((team) =>
    presented(team, { ...getOrThrow(surroundings, team.id), zone: getOrThrow(zones, team.editionId) }),
  );
}

/** A team as the API shows it, its instants in the edition's time zone. */
export async function presentTeam(db: Db, team: TeamRow) {
  return firstOrThrow(await presentTeams(db, [team]));
}

function presented(team: TeamRow, { trackCode, teamUnitRows, memberRows, project, zone }: TeamSurroundings) {
  return {
    id: team.id,
    editionId: team.editionId,
    trackId: team.trackId,
    trackCode,
    name: team.name,
    entrantKind: team.entrantKind,
    leaderUserId: team.leaderUserId,
    qualificationStatus: team.qualificationStatus,
    inviteCode: team.inviteCode,
    units: teamUnitRows,
    members: memberRows.map((member) => ({
      userId: member.userId,
      role: member.role,
      displayName: member.displayName,
      // Masked for everyone who sees the team, teammates and organizers (minimization); an organizer
      // holding `personalData.view` reveals a contact through the logged reveal.
      email: maskEmail(member.email),
      studentNumber: member.studentNumber,
      hasStudentId: member.studentIdFileId !== null,
      joinedAt: isoInZone(member.joinedAt, zone),
    })),
    hasCommitmentLetter: team.commitmentFileId !== null,
    pledgeAcceptedAt: isoInZoneOrNull(team.pledgeAcceptedAt, zone),
    flaggedAt: isoInZoneOrNull(team.flaggedAt, zone),
    flagReason: team.flagReason,
    missing: teamNextSteps({
      teamId: team.id,
      status: team.qualificationStatus,
      readiness: readiness(team, trackCode, teamUnitRows, memberRows),
      flagged: team.flaggedAt !== null,
      project: project ? { id: project.id, submittedVersions: project.latestVersion } : null,
    }).map((item) => ({
      step: item.step,
      code: item.code,
      ruleId: item.ruleId ?? null,
      path: item.path ?? '',
      params: item.params ?? {},
    })),
    createdAt: isoInZone(team.createdAt, zone),
    updatedAt: isoInZone(team.updatedAt, zone),
  };
}

/** The team as it is now, presented: the answer of most team use cases. */
export async function currentTeam(db: Db, teamId: string) {
  return presentTeam(db, await findTeam(db, teamId));
}
