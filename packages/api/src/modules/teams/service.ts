import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gt, ilike, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import {
  formatMessage,
  type Locale,
  checkCollectionOpen,
  checkJoin,
  checkQualificationTransition,
  checkReadyForQualification,
  checkRosterChange,
  checkTeamComposition,
  qualificationTarget,
  type EntrantKind,
  type MemberRole,
  type QualificationDecision,
  type QualificationStatus,
  type Role,
  type RuleViolation,
  type TrackCode,
} from '@saishi/shared';
import type { Database } from '../../db/client.js';
import { DomainError, assertNoViolations, forbidden, notFound } from '../../lib/errors.js';
import { decodeCursor, toPage } from '../../lib/pagination.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { isoInZone, isoInZoneOrNull } from '../../lib/time.js';
import { users } from '../accounts/tables.js';
import { loadStages, toStageWindows } from '../editions/service.js';
import { editions, tracks } from '../editions/tables.js';
import { qualificationTransitions, teamAnnotations, teamMembers, teams, teamUnits, units } from './tables.js';
import { blacklistedCodes } from './units.js';

export type TeamRow = typeof teams.$inferSelect;
type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
type Db = Database | Tx;

export interface Viewer {
  sub: string;
  role: Role;
}

/** Statuses in which the leader may still change the team; later it is under or past review. */
const EDITABLE: readonly QualificationStatus[] = ['draft', 'returned'];

const newInviteCode = () => randomBytes(9).toString('base64url');

async function assertRosterOpen(db: Db, editionId: string, now: Date): Promise<void> {
  assertNoViolations(checkRosterChange(toStageWindows(await loadStages(db, editionId)), now));
}

function assertEditable(team: TeamRow): void {
  if (!EDITABLE.includes(team.qualificationStatus)) {
    throw new DomainError('TEAM_LOCKED_FOR_REVIEW', 409, { params: { status: team.qualificationStatus } });
  }
}

/** Turns the database's R-ALL-2 guards into problems. */
function mapMembershipError(error: unknown): never {
  if (isUniqueViolation(error, 'team_members_one_team_per_edition'))
    throw new DomainError('ALREADY_IN_A_TEAM', 422, { ruleId: 'R-ALL-2' });
  if (isUniqueViolation(error, 'team_members_one_student_per_edition'))
    throw new DomainError('STUDENT_NUMBER_TAKEN', 422, { ruleId: 'R-ALL-2' });
  throw error;
}

/** The edition's time zone, in which the team's instants are presented. */
async function timeZoneOf(db: Db, editionId: string): Promise<string> {
  const [edition] = await db.select({ timeZone: editions.timeZone }).from(editions).where(eq(editions.id, editionId));
  return edition!.timeZone;
}

async function trackCodeOf(db: Db, trackId: string): Promise<TrackCode> {
  const [track] = await db.select({ code: tracks.code }).from(tracks).where(eq(tracks.id, trackId));
  return track!.code;
}

export async function findTeam(db: Db, teamId: string): Promise<TeamRow> {
  const [team] = await db.select().from(teams).where(eq(teams.id, teamId));
  if (!team) throw notFound('TEAM_NOT_FOUND');
  return team;
}

async function lockTeam(tx: Tx, teamId: string): Promise<TeamRow> {
  const [team] = await tx.select().from(teams).where(eq(teams.id, teamId)).for('update');
  if (!team) throw notFound('TEAM_NOT_FOUND');
  return team;
}

async function membersOf(db: Db, teamId: string) {
  return db
    .select({
      userId: teamMembers.userId,
      role: teamMembers.role,
      displayName: users.displayName,
      email: users.email,
      studentNumber: teamMembers.studentNumber,
      studentIdFileId: teamMembers.studentIdFileId,
      joinedAt: teamMembers.joinedAt,
    })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(eq(teamMembers.teamId, teamId))
    .orderBy(asc(teamMembers.joinedAt), asc(teamMembers.id));
}

async function unitsOf(db: Db, teamId: string) {
  const rows = await db
    .select({
      unitId: units.id,
      name: units.name,
      type: units.type,
      creditCode: units.creditCode,
      isLead: teamUnits.isLead,
    })
    .from(teamUnits)
    .innerJoin(units, eq(units.id, teamUnits.unitId))
    .where(eq(teamUnits.teamId, teamId))
    .orderBy(desc(teamUnits.isLead), asc(units.name));
  const listed = await blacklistedCodes(
    db,
    rows.map((row) => row.creditCode),
  );
  return rows.map((row) => ({ ...row, blacklisted: listed.has(row.creditCode) }));
}

/** Whether the viewer is a member of the team (or an admin, who sees every team). */
export async function assertCanSee(db: Db, team: TeamRow, viewer: Viewer): Promise<void> {
  if (viewer.role === 'admin') return;
  const [member] = await db
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, viewer.sub)));
  if (!member) throw forbidden('NOT_TEAM_MEMBER');
}

function assertLeader(team: TeamRow, viewer: Viewer): void {
  if (team.leaderUserId !== viewer.sub) throw forbidden('NOT_TEAM_LEADER');
}

/** The rules a team must meet to be submitted (R-ALL-3, R-UNI-1, composition and size), as the admin UI shows them. */
function readiness(
  team: TeamRow,
  trackCode: TrackCode,
  teamUnitRows: Awaited<ReturnType<typeof unitsOf>>,
  memberRows: Awaited<ReturnType<typeof membersOf>>,
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

export async function presentTeam(db: Db, team: TeamRow) {
  const [trackCode, teamUnitRows, memberRows, zone] = await Promise.all([
    trackCodeOf(db, team.trackId),
    unitsOf(db, team.id),
    membersOf(db, team.id),
    timeZoneOf(db, team.editionId),
  ]);
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
      email: member.email,
      studentNumber: member.studentNumber,
      hasStudentId: member.studentIdFileId !== null,
      joinedAt: isoInZone(member.joinedAt, zone),
    })),
    hasCommitmentLetter: team.commitmentFileId !== null,
    pledgeAcceptedAt: isoInZoneOrNull(team.pledgeAcceptedAt, zone),
    flaggedAt: isoInZoneOrNull(team.flaggedAt, zone),
    flagReason: team.flagReason,
    missing: readiness(team, trackCode, teamUnitRows, memberRows).map((violation) => ({
      code: violation.code,
      ruleId: violation.ruleId ?? null,
      path: violation.path ?? '',
      params: violation.params ?? {},
    })),
    createdAt: isoInZone(team.createdAt, zone),
    updatedAt: isoInZone(team.updatedAt, zone),
  };
}

export async function getTeam(db: Database, teamId: string, viewer: Viewer) {
  const team = await findTeam(db, teamId);
  await assertCanSee(db, team, viewer);
  return presentTeam(db, team);
}

export interface TeamUnitInput {
  unitId: string;
  isLead: boolean;
}

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
  input.forEach((unit, index) => {
    if (!byId.has(unit.unitId))
      throw new DomainError('UNIT_NOT_FOUND', 422, {
        fields: [{ path: `/body/units/${index}/unitId`, code: 'UNIT_NOT_FOUND' }],
      });
  });
  const listed = await blacklistedCodes(
    db,
    rows.map((row) => row.creditCode),
  );
  const violations = checkTeamComposition({
    track: trackCode,
    entrantKind,
    units: input.map((unit) => ({
      unitId: unit.unitId,
      type: byId.get(unit.unitId)!.type,
      isLead: unit.isLead,
      blacklisted: listed.has(byId.get(unit.unitId)!.creditCode),
    })),
  });
  assertNoViolations(violations.map((violation) => ({ ...violation, path: `/body${violation.path ?? ''}` })));
}

export interface CreateTeamInput {
  editionId: string;
  trackCode: TrackCode;
  name: string;
  entrantKind: EntrantKind;
  units: TeamUnitInput[];
  /** The leader's student number; required in the university track (R-UNI-1). */
  studentNumber?: string | undefined;
}

function assertStudentNumber(trackCode: TrackCode, role: MemberRole, studentNumber: string | undefined): void {
  if (trackCode === 'university' && role !== 'advisor' && !studentNumber?.trim()) {
    throw new DomainError('STUDENT_NUMBER_REQUIRED', 422, {
      ruleId: 'R-UNI-1',
      fields: [{ path: '/body/studentNumber', code: 'STUDENT_NUMBER_REQUIRED', ruleId: 'R-UNI-1' }],
    });
  }
}

/** A participant creates a team and becomes its leader (R-TIME-1, R-SOC-1..3, R-UNI-1, R-ALL-2). */
export async function createTeam(db: Database, input: CreateTeamInput, leader: Viewer, now: Date) {
  await assertRosterOpen(db, input.editionId, now);
  const [track] = await db
    .select()
    .from(tracks)
    .where(and(eq(tracks.editionId, input.editionId), eq(tracks.code, input.trackCode)));
  if (!track) throw new DomainError('TRACK_NOT_FOUND', 422, { params: { track: input.trackCode } });
  assertStudentNumber(input.trackCode, 'leader', input.studentNumber);
  await checkUnits(db, input.editionId, input.trackCode, input.entrantKind, input.units);
  try {
    const teamId = await db.transaction(async (tx) => {
      const [team] = await tx
        .insert(teams)
        .values({
          editionId: input.editionId,
          trackId: track.id,
          name: input.name.trim(),
          entrantKind: input.entrantKind,
          leaderUserId: leader.sub,
          inviteCode: newInviteCode(),
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: teams.id });
      if (input.units.length)
        await tx
          .insert(teamUnits)
          .values(input.units.map((unit) => ({ teamId: team!.id, unitId: unit.unitId, isLead: unit.isLead })));
      await tx.insert(teamMembers).values({
        teamId: team!.id,
        editionId: input.editionId,
        userId: leader.sub,
        role: 'leader',
        studentNumber: input.trackCode === 'university' ? input.studentNumber!.trim() : null,
        joinedAt: now,
      });
      return team!.id;
    });
    return presentTeam(db, await findTeam(db, teamId));
  } catch (error) {
    mapMembershipError(error);
  }
}

/** The leader renames the team or replaces its units while it is a draft and collection is open. */
export async function updateTeam(
  db: Database,
  teamId: string,
  input: { name?: string | undefined; entrantKind?: EntrantKind | undefined; units?: TeamUnitInput[] | undefined },
  viewer: Viewer,
  now: Date,
) {
  const team = await findTeam(db, teamId);
  assertLeader(team, viewer);
  assertEditable(team);
  await assertRosterOpen(db, team.editionId, now);
  const trackCode = await trackCodeOf(db, team.trackId);
  const entrantKind = input.entrantKind ?? team.entrantKind;
  if (input.units || input.entrantKind) {
    const unitInput =
      input.units ?? (await unitsOf(db, teamId)).map((unit) => ({ unitId: unit.unitId, isLead: unit.isLead }));
    await checkUnits(db, team.editionId, trackCode, entrantKind, unitInput);
  }
  await db.transaction(async (tx) => {
    const locked = await lockTeam(tx, teamId);
    assertEditable(locked);
    await tx
      .update(teams)
      .set({ ...(input.name ? { name: input.name.trim() } : {}), entrantKind, updatedAt: now })
      .where(eq(teams.id, teamId));
    if (input.units) {
      await tx.delete(teamUnits).where(eq(teamUnits.teamId, teamId));
      if (input.units.length)
        await tx
          .insert(teamUnits)
          .values(input.units.map((unit) => ({ teamId, unitId: unit.unitId, isLead: unit.isLead })));
    }
  });
  return presentTeam(db, await findTeam(db, teamId));
}

/**
 * Accepting an invitation: joins the team of the invite code. The team row is locked so that
 * concurrent joins cannot overfill it (R-SOC-4, R-UNI-2); the unique (edition, user) constraint
 * keeps a person in one team (R-ALL-2).
 */
export async function joinTeam(
  db: Database,
  input: { inviteCode: string; role: 'member' | 'advisor'; studentNumber?: string | undefined },
  viewer: Viewer,
  now: Date,
) {
  const [found] = await db.select().from(teams).where(eq(teams.inviteCode, input.inviteCode));
  if (!found) throw new DomainError('INVITE_CODE_INVALID', 404);
  await assertRosterOpen(db, found.editionId, now);
  const trackCode = await trackCodeOf(db, found.trackId);
  assertStudentNumber(trackCode, input.role, input.studentNumber);
  try {
    await db.transaction(async (tx) => {
      const team = await lockTeam(tx, found.id);
      assertEditable(team);
      const current = await tx
        .select({ role: teamMembers.role, userId: teamMembers.userId })
        .from(teamMembers)
        .where(eq(teamMembers.teamId, team.id));
      if (current.some((member) => member.userId === viewer.sub))
        throw new DomainError('ALREADY_IN_A_TEAM', 422, { ruleId: 'R-ALL-2' });
      assertNoViolations(
        checkJoin({
          track: trackCode,
          currentRoles: current.map((member) => member.role),
          role: input.role,
        }),
      );
      await tx.insert(teamMembers).values({
        teamId: team.id,
        editionId: team.editionId,
        userId: viewer.sub,
        role: input.role,
        studentNumber: trackCode === 'university' && input.role !== 'advisor' ? input.studentNumber!.trim() : null,
        joinedAt: now,
      });
      await tx.update(teams).set({ updatedAt: now }).where(eq(teams.id, team.id));
    });
  } catch (error) {
    mapMembershipError(error);
  }
  return presentTeam(db, await findTeam(db, found.id));
}

/** The leader removes a member, or a member leaves; only during collection (R-TIME-1, R-TIME-2). */
export async function removeMember(
  db: Database,
  teamId: string,
  userId: string,
  viewer: Viewer,
  now: Date,
): Promise<void> {
  const team = await findTeam(db, teamId);
  if (viewer.sub !== userId) assertLeader(team, viewer);
  if (userId === team.leaderUserId) throw new DomainError('LEADER_CANNOT_LEAVE', 409);
  await assertRosterOpen(db, team.editionId, now);
  await db.transaction(async (tx) => {
    const locked = await lockTeam(tx, teamId);
    assertEditable(locked);
    const removed = await tx
      .delete(teamMembers)
      .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
      .returning({ id: teamMembers.id });
    if (removed.length === 0) throw notFound('MEMBER_NOT_FOUND');
    await tx.update(teams).set({ updatedAt: now }).where(eq(teams.id, teamId));
  });
}

/** A member gives or corrects a student number (R-UNI-1). */
export async function updateMember(
  db: Database,
  teamId: string,
  userId: string,
  input: { studentNumber: string },
  viewer: Viewer,
  now: Date,
) {
  const team = await findTeam(db, teamId);
  if (viewer.sub !== userId) assertLeader(team, viewer);
  assertEditable(team);
  await assertRosterOpen(db, team.editionId, now);
  try {
    const updated = await db
      .update(teamMembers)
      .set({ studentNumber: input.studentNumber.trim() })
      .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
      .returning({ id: teamMembers.id });
    if (updated.length === 0) throw notFound('MEMBER_NOT_FOUND');
  } catch (error) {
    mapMembershipError(error);
  }
  return presentTeam(db, await findTeam(db, teamId));
}

/** The leader accepts the IP and single-division pledge (R-ALL-3). */
export async function acceptPledge(db: Database, teamId: string, viewer: Viewer, now: Date) {
  const team = await findTeam(db, teamId);
  assertLeader(team, viewer);
  assertEditable(team);
  await db.update(teams).set({ pledgeAcceptedAt: now, updatedAt: now }).where(eq(teams.id, teamId));
  return presentTeam(db, await findTeam(db, teamId));
}

export async function setCommitmentLetter(db: Database, teamId: string, fileId: string, now: Date): Promise<void> {
  await db.update(teams).set({ commitmentFileId: fileId, updatedAt: now }).where(eq(teams.id, teamId));
}

export async function setStudentIdFile(db: Database, teamId: string, userId: string, fileId: string): Promise<void> {
  await db
    .update(teamMembers)
    .set({ studentIdFileId: fileId })
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
}

/** Who may upload a team document: the leader for the commitment letter, the member (or leader) for a student ID. */
export async function authorizeUpload(
  db: Database,
  teamId: string,
  viewer: Viewer,
  target: { kind: 'commitment' } | { kind: 'student-id'; userId: string },
  now: Date,
) {
  const team = await findTeam(db, teamId);
  if (target.kind === 'commitment') assertLeader(team, viewer);
  else {
    if (viewer.sub !== target.userId) assertLeader(team, viewer);
    const [member] = await db
      .select({ id: teamMembers.id })
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, target.userId)));
    if (!member) throw notFound('MEMBER_NOT_FOUND');
  }
  assertEditable(team);
  await assertRosterOpen(db, team.editionId, now);
  return team;
}

/** The stored file id of a team document, for a member of the team or an admin. */
export async function documentFileId(
  db: Database,
  teamId: string,
  viewer: Viewer,
  target: { kind: 'commitment' } | { kind: 'student-id'; userId: string },
): Promise<string> {
  const team = await findTeam(db, teamId);
  await assertCanSee(db, team, viewer);
  if (target.kind === 'commitment') {
    if (!team.commitmentFileId) throw notFound('TEAM_FILE_NOT_FOUND');
    return team.commitmentFileId;
  }
  const [member] = await db
    .select({ fileId: teamMembers.studentIdFileId })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, target.userId)));
  if (!member) throw notFound('MEMBER_NOT_FOUND');
  if (!member.fileId) throw notFound('TEAM_FILE_NOT_FOUND');
  return member.fileId;
}

/** The teams the user belongs to, newest edition first. */
export async function myTeams(db: Database, userId: string) {
  const rows = await db
    .select({ team: teams })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(teamMembers.userId, userId))
    .orderBy(desc(teams.createdAt));
  return Promise.all(rows.map((row) => presentTeam(db, row.team)));
}

async function recordTransition(
  tx: Tx,
  team: TeamRow,
  to: QualificationStatus,
  actorId: string,
  reason: string | null,
  now: Date,
) {
  await tx.update(teams).set({ qualificationStatus: to, updatedAt: now }).where(eq(teams.id, team.id));
  await tx.insert(qualificationTransitions).values({
    teamId: team.id,
    fromStatus: team.qualificationStatus,
    toStatus: to,
    actorUserId: actorId,
    reason,
    at: now,
  });
}

/** The leader submits the team for qualification review once every requirement is met (R-ALL-3, R-UNI-1, R-TIME-1). */
export async function submitTeam(db: Database, teamId: string, viewer: Viewer, now: Date) {
  const team = await findTeam(db, teamId);
  assertLeader(team, viewer);
  // Submissions are accepted only during collection (R-TIME-1).
  assertNoViolations(checkCollectionOpen(toStageWindows(await loadStages(db, team.editionId)), now));
  await db.transaction(async (tx) => {
    const locked = await lockTeam(tx, teamId);
    assertNoViolations(checkQualificationTransition({ from: locked.qualificationStatus, to: 'submitted' }), 409);
    const [trackCode, teamUnitRows, memberRows] = await Promise.all([
      trackCodeOf(tx, locked.trackId),
      unitsOf(tx, teamId),
      membersOf(tx, teamId),
    ]);
    assertNoViolations(readiness(locked, trackCode, teamUnitRows, memberRows));
    await recordTransition(tx, locked, 'submitted', viewer.sub, null, now);
  });
  return presentTeam(db, await findTeam(db, teamId));
}

/** An organizer decides on a submitted team: approve, reject (reason required) or return for changes (reason required). */
export async function decide(
  db: Database,
  teamId: string,
  decision: QualificationDecision,
  reason: string | undefined,
  actorId: string,
  now: Date,
) {
  await db.transaction(async (tx) => {
    const team = await lockTeam(tx, teamId);
    const to = qualificationTarget(decision);
    const violations = checkQualificationTransition({
      from: team.qualificationStatus,
      to,
      reason,
    });
    const [first] = violations;
    if (first) assertNoViolations(violations, first.code === 'QUALIFICATION_REASON_REQUIRED' ? 400 : 409);
    await recordTransition(tx, team, to, actorId, reason?.trim() || null, now);
  });
  return presentTeam(db, await findTeam(db, teamId));
}

/** Bulk decisions: each team is decided on its own; the answer lists each outcome. */
export async function decideMany(
  db: Database,
  teamIds: readonly string[],
  decision: QualificationDecision,
  reason: string | undefined,
  actorId: string,
  now: Date,
) {
  const results = [];
  for (const teamId of new Set(teamIds)) {
    try {
      const team = await decide(db, teamId, decision, reason, actorId, now);
      results.push({ teamId, ok: true, status: team.qualificationStatus, code: null, ruleId: null });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      results.push({ teamId, ok: false, status: null, code: error.code as string, ruleId: error.ruleId ?? null });
    }
  }
  return { results };
}

export async function listTransitions(db: Database, teamId: string, viewer: Viewer) {
  const team = await findTeam(db, teamId);
  await assertCanSee(db, team, viewer);
  const rows = await db
    .select({
      id: qualificationTransitions.id,
      fromStatus: qualificationTransitions.fromStatus,
      toStatus: qualificationTransitions.toStatus,
      actorUserId: qualificationTransitions.actorUserId,
      actorName: users.displayName,
      reason: qualificationTransitions.reason,
      at: qualificationTransitions.at,
    })
    .from(qualificationTransitions)
    .leftJoin(users, eq(users.id, qualificationTransitions.actorUserId))
    .where(eq(qualificationTransitions.teamId, teamId))
    .orderBy(asc(qualificationTransitions.at), asc(qualificationTransitions.seq));
  const zone = await timeZoneOf(db, team.editionId);
  return rows.map((row) => ({ ...row, at: isoInZone(row.at, zone) }));
}

export interface QueueQuery {
  limit: number;
  cursor?: string | undefined;
  editionId?: string | undefined;
  track?: TrackCode | undefined;
  status?: QualificationStatus | undefined;
  flagged?: boolean | undefined;
  q?: string | undefined;
}

/** The organizers' list of teams (资格审核 queue): filters, oldest change first, keyset pages. */
export async function listTeams(db: Database, query: QueueQuery) {
  const after = query.cursor ? decodeCursor(query.cursor, 2) : undefined;
  const rows = await db
    .select({ team: teams })
    .from(teams)
    .innerJoin(tracks, eq(tracks.id, teams.trackId))
    .where(
      and(
        query.editionId ? eq(teams.editionId, query.editionId) : undefined,
        query.track ? eq(tracks.code, query.track) : undefined,
        query.status ? eq(teams.qualificationStatus, query.status) : undefined,
        query.flagged === undefined ? undefined : query.flagged ? isNotNull(teams.flaggedAt) : isNull(teams.flaggedAt),
        query.q ? ilike(teams.name, `%${query.q}%`) : undefined,
        after
          ? or(
              gt(teams.updatedAt, new Date(String(after[0]))),
              and(eq(teams.updatedAt, new Date(String(after[0]))), gt(teams.id, String(after[1]))),
            )
          : undefined,
      ),
    )
    .orderBy(asc(teams.updatedAt), asc(teams.id))
    .limit(query.limit + 1);
  const page = toPage(
    rows,
    query.limit,
    (row) => row.team,
    (row) => [row.team.updatedAt.toISOString(), row.team.id],
  );
  return { items: await Promise.all(page.items.map((team) => presentTeam(db, team))), nextCursor: page.nextCursor };
}

export async function addAnnotation(db: Database, teamId: string, body: string, actorId: string, now: Date) {
  const team = await findTeam(db, teamId);
  const [row] = await db
    .insert(teamAnnotations)
    .values({ teamId, authorUserId: actorId, body: body.trim(), createdAt: now })
    .returning();
  return {
    id: row!.id,
    teamId,
    authorUserId: actorId,
    body: row!.body,
    createdAt: isoInZone(row!.createdAt, await timeZoneOf(db, team.editionId)),
  };
}

export async function listAnnotations(db: Database, teamId: string) {
  const team = await findTeam(db, teamId);
  const zone = await timeZoneOf(db, team.editionId);
  const rows = await db
    .select()
    .from(teamAnnotations)
    .where(eq(teamAnnotations.teamId, teamId))
    .orderBy(asc(teamAnnotations.createdAt), asc(teamAnnotations.id));
  return rows.map((row) => ({
    id: row.id,
    teamId: row.teamId,
    authorUserId: row.authorUserId,
    body: row.body,
    createdAt: isoInZone(row.createdAt, zone),
  }));
}

/**
 * An organizer clears the flag a blacklist import set (R-SOC-3), with a reason, once no unit of
 * the team is on a list any more (e.g. its entry was removed after delisting). The clearing is
 * kept in the team's annotations: who, when and why. The team row is locked so that a concurrent
 * clearing or import sees the outcome of this one.
 */
export async function clearFlag(
  db: Database,
  teamId: string,
  reason: string,
  actorId: string,
  locale: Locale,
  now: Date,
) {
  const note = reason.trim();
  if (!note)
    throw new DomainError('TEAM_FLAG_REASON_REQUIRED', 400, {
      fields: [{ path: '/body/reason', code: 'TEAM_FLAG_REASON_REQUIRED' }],
    });
  await db.transaction(async (tx) => {
    const team = await lockTeam(tx, teamId);
    if (!team.flaggedAt) throw new DomainError('TEAM_NOT_FLAGGED', 409);
    const listed = (await unitsOf(tx, teamId)).filter((unit) => unit.blacklisted);
    if (listed.length > 0) {
      throw new DomainError('TEAM_UNIT_STILL_BLACKLISTED', 409, {
        ruleId: 'R-SOC-3',
        params: { units: listed.map((unit) => `${unit.name} ${unit.creditCode}`).join(', ') },
      });
    }
    await tx.update(teams).set({ flaggedAt: null, flagReason: null, updatedAt: now }).where(eq(teams.id, teamId));
    const body = formatMessage('TEAM_FLAG_CLEARED', locale, { reason: team.flagReason ?? '', note });
    await tx.insert(teamAnnotations).values({ teamId, authorUserId: actorId, body, createdAt: now });
  });
  return presentTeam(db, await findTeam(db, teamId));
}
