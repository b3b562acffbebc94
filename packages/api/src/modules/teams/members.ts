import { and, count, eq, sql } from 'drizzle-orm';
import type { Static } from 'typebox';
import { checkJoin, type TrackCode } from '@saishi/shared';
import type { Actor, Deps, Transaction } from '../../lib/deps.js';
import { DomainError, assertNoViolations, notFound } from '../../lib/errors.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { users } from '../accounts/tables.js';
import { editions } from '../editions/tables.js';
import { discardStoredFiles, purgeDiscardedFiles } from '../files/discard.js';
import { recordDecision } from '../ledger/service.js';
import {
  alreadyInATeam,
  assertEditable,
  assertLeader,
  assertRosterOpen,
  assertStudentNumber,
  currentTeam,
  findTeam,
  lockTeam,
  mapMembershipError,
  trackCodeOf,
  universityOf,
} from './queries.js';
import type { InvitationBody, JoinBody, MemberUpdateBody } from './schemas.js';
import { teamDepartures, teamInvitations, teamMembers, teams } from './tables.js';

/** Members and invitations: joining by invite code, leaving or being removed, student numbers. */

type JoinInput = Static<typeof JoinBody>;

/** Adds the actor to the locked team, within the size and advisor rules of its track (R-SOC-4, R-UNI-2). */
async function addMember(
  tx: Transaction,
  teamId: string,
  trackCode: TrackCode,
  input: JoinInput,
  actor: Actor,
  now: Date,
) {
  const team = await lockTeam(tx, teamId);
  assertEditable(team);
  const current = await tx
    .select({ role: teamMembers.role, userId: teamMembers.userId })
    .from(teamMembers)
    .where(eq(teamMembers.teamId, team.id));
  if (current.some((member) => member.userId === actor.sub)) throw await alreadyInATeam(tx, team.editionId, actor.sub);
  assertNoViolations(
    checkJoin({ track: trackCode, currentRoles: current.map((member) => member.role), role: input.role }),
  );
  const student = trackCode === 'university' && input.role !== 'advisor';
  await tx.insert(teamMembers).values({
    teamId: team.id,
    editionId: team.editionId,
    userId: actor.sub,
    role: input.role,
    studentNumber: student ? (input.studentNumber?.trim() ?? null) : null,
    universityUnitId: student ? await universityOf(tx, team.id) : null,
    joinedAt: now,
  });
  await tx.update(teams).set({ updatedAt: now }).where(eq(teams.id, team.id));
}

/**
 * Accepting an invitation: joins the team of the invite code. The team row is locked so that
 * concurrent joins cannot overfill it (R-SOC-4, R-UNI-2); the unique (edition, user) constraint
 * keeps a person in one team (R-ALL-2).
 */
export async function joinTeam(deps: Deps, input: JoinInput, actor: Actor) {
  const now = deps.clock.now();
  const [found] = await deps.db.select().from(teams).where(eq(teams.inviteCode, input.inviteCode));
  if (!found) throw new DomainError('INVITE_CODE_INVALID', 404);
  await assertRosterOpen(deps.db, found.editionId, now);
  const trackCode = await trackCodeOf(deps.db, found.trackId);
  assertStudentNumber(trackCode, input.role, input.studentNumber);
  try {
    await deps.db.transaction((tx) => addMember(tx, found.id, trackCode, input, actor, now));
  } catch (error) {
    await mapMembershipError(deps.db, error, { editionId: found.editionId, userId: actor.sub });
  }
  return currentTeam(deps.db, found.id);
}

/** How many addresses a team may invite by e-mail: enough for any roster, too few for spam. */
export const TEAM_INVITATION_LIMIT = 30;

/**
 * The leader mails an invitation link (carrying the invite code, a secret masked in the stored
 * copy) to an address, during collection. The team row is locked so that the limit holds under
 * concurrency; the primary key sends each address once per team.
 */
export async function inviteMember(deps: Deps, teamId: string, input: Static<typeof InvitationBody>, actor: Actor) {
  const now = deps.clock.now();
  const email = input.email.trim().toLowerCase();
  const team = await findTeam(deps.db, teamId);
  assertLeader(team, actor);
  await assertRosterOpen(deps.db, team.editionId, now);
  try {
    return await deps.db.transaction(async (tx) => {
      assertEditable(await lockTeam(tx, teamId));
      const [sent] = await tx
        .select({ count: count() })
        .from(teamInvitations)
        .where(eq(teamInvitations.teamId, teamId));
      if ((sent?.count ?? 0) >= TEAM_INVITATION_LIMIT) {
        throw new DomainError('TEAM_INVITATION_LIMIT', 409, { params: { max: TEAM_INVITATION_LIMIT } });
      }
      const [invitation] = await tx
        .insert(teamInvitations)
        .values({ teamId, email, invitedBy: actor.sub, createdAt: now })
        .returning({ createdAt: teamInvitations.createdAt });
      const [inviter] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, actor.sub));
      const [edition] = await tx.select({ name: editions.name }).from(editions).where(eq(editions.id, team.editionId));
      const [account] = await tx
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.email}) = ${email}`);
      await deps.notify?.(
        {
          kind: 'team_invitation',
          ...(account ? { userId: account.id } : { to: { email } }),
          params: { team: team.name, edition: edition?.name ?? '', inviter: inviter?.name ?? '' },
          secrets: { code: team.inviteCode },
        },
        tx,
      );
      return { teamId, email, createdAt: invitation!.createdAt.toISOString() };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'team_invitations_pkey')) {
      throw new DomainError('INVITATION_ALREADY_SENT', 409, { params: { email } });
    }
    throw error;
  }
}

/**
 * The leader removes a member, or a member leaves; only during collection (R-TIME-1, R-TIME-2).
 * The member's student ID card goes with them, from storage too.
 */
export async function removeMember(deps: Deps, teamId: string, userId: string, actor: Actor): Promise<void> {
  const now = deps.clock.now();
  const team = await findTeam(deps.db, teamId);
  if (actor.sub !== userId) assertLeader(team, actor);
  if (userId === team.leaderUserId) throw new DomainError('LEADER_CANNOT_LEAVE', 409);
  await assertRosterOpen(deps.db, team.editionId, now);
  const discarded = await deps.db.transaction(async (tx) => {
    assertEditable(await lockTeam(tx, teamId));
    const removed = await tx
      .delete(teamMembers)
      .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
      .returning({ studentIdFileId: teamMembers.studentIdFileId });
    if (removed.length === 0) throw notFound('MEMBER_NOT_FOUND');
    // The edition still holds their personal information: retention must find them without the row.
    await tx
      .insert(teamDepartures)
      .values({ editionId: team.editionId, userId, leftAt: now })
      .onConflictDoUpdate({ target: [teamDepartures.editionId, teamDepartures.userId], set: { leftAt: now } });
    await tx.update(teams).set({ updatedAt: now }).where(eq(teams.id, teamId));
    return discardStoredFiles(
      tx,
      removed.map((member) => member.studentIdFileId),
      now,
    );
  });
  await purgeDiscardedFiles(deps, discarded);
}

/** A member gives or corrects a student number (R-UNI-1). */
export async function updateMember(
  deps: Deps,
  teamId: string,
  userId: string,
  input: Static<typeof MemberUpdateBody>,
  actor: Actor,
) {
  const team = await findTeam(deps.db, teamId);
  if (actor.sub !== userId) assertLeader(team, actor);
  assertEditable(team);
  await assertRosterOpen(deps.db, team.editionId, deps.clock.now());
  const studentNumber = input.studentNumber.trim();
  const universityUnitId = await universityOf(deps.db, teamId);
  try {
    await deps.db.transaction(async (tx) => {
      const [before] = await tx
        .select({ studentNumber: teamMembers.studentNumber })
        .from(teamMembers)
        .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
        .for('update');
      if (!before) throw notFound('MEMBER_NOT_FOUND');
      await tx
        .update(teamMembers)
        .set({ studentNumber, universityUnitId })
        .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
      // A number given before and now changed is a correction of personal information: recorded
      // by field name only (个人信息保护法 §46), as PATCH /me records the others.
      if (before.studentNumber !== null && before.studentNumber !== studentNumber)
        await recordDecision(
          tx,
          actor,
          {
            action: 'personal_data.corrected',
            subjectType: 'user',
            subjectId: userId,
            payload: { fields: ['studentNumber'], teamId },
          },
          deps.clock.now(),
        );
    });
  } catch (error) {
    await mapMembershipError(deps.db, error, { editionId: team.editionId, userId });
  }
  return currentTeam(deps.db, teamId);
}
