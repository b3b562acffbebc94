import { and, eq, inArray, isNotNull, ne, or } from 'drizzle-orm';
import type { Actor, Deps } from '../../lib/deps.js';
import { DomainError } from '../../lib/errors.js';
import { refreshTokens, users } from '../accounts/tables.js';
import { editions } from '../editions/tables.js';
import { expertConflicts, expertProfiles } from '../experts/tables.js';
import { discardStoredFiles, purgeDiscardedFiles } from '../files/discard.js';
import { storedFiles } from '../files/tables.js';
import { deliveries, notifications, notificationSettings } from '../messages/tables.js';
import { assignments, reviewRounds } from '../review/tables.js';
import { teamInvitations, teamMembers, teams } from '../teams/tables.js';

/**
 * Deletion at the person's request (个人信息保护法 §47): their personal information is erased or
 * irreversibly anonymized, files included, while the account's id stays as the pseudonym the
 * ledger, scores and teams keep pointing at. Refused while a team of theirs is in qualification
 * or review, or while they are an expert assigned, in an edition not yet archived: the
 * competition's integrity needs it until then.
 *
 * What is kept, and why: the account's id (a pseudonym: teams, scores, assignments and the ledger
 * point at it, and the ledger's hash chain cannot change), the team's files other than their
 * student ID image (the team's work, renamed `file`), scores and comments they gave as an expert
 * (the review's record), organizers' notes about their team, and the ledger's entries (ids and
 * hashes, never names or numbers), and the log of who accessed their data (under the pseudonym:
 * those who looked stay accountable).
 */

/** Qualification statuses of a team still being judged. */
const UNDER_REVIEW = ['submitted', 'returned', 'approved'] as const;

async function assertNoTeamUnderReview(deps: Deps, userId: string): Promise<void> {
  const [busy] = await deps.db
    .select({ team: teams.name, edition: editions.name })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .innerJoin(editions, eq(editions.id, teams.editionId))
    .where(
      and(
        eq(teamMembers.userId, userId),
        inArray(teams.qualificationStatus, UNDER_REVIEW),
        ne(editions.status, 'archived'),
      ),
    )
    .limit(1);
  if (busy) throw new DomainError('PERSONAL_DATA_DELETION_REFUSED', 409, { params: busy });
  // An expert assigned in an edition not yet archived: their affiliation keeps the review free of conflicts.
  const [reviewing] = await deps.db
    .select({ edition: editions.name })
    .from(assignments)
    .innerJoin(reviewRounds, eq(reviewRounds.id, assignments.roundId))
    .innerJoin(editions, eq(editions.id, reviewRounds.editionId))
    .where(and(eq(assignments.expertUserId, userId), ne(editions.status, 'archived')))
    .limit(1);
  if (reviewing) throw new DomainError('PERSONAL_DATA_DELETION_REFUSED_REVIEWING', 409, { params: reviewing });
}

/** The account's own name, login and secrets replaced by values that say nothing about the person. */
const anonymousAccount = (userId: string) => ({
  email: `${userId}@deleted.invalid`,
  mobile: null,
  displayName: '已注销用户',
  passwordHash: '!deleted',
  verificationCodeHash: null,
  verificationExpiresAt: null,
  pendingContact: null,
});

export async function erasePersonalData(deps: Deps, actor: Actor) {
  await assertNoTeamUnderReview(deps, actor.sub);
  const now = deps.clock.now();
  const discarded = await deps.db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, actor.sub)).for('update');
    if (!user) throw new DomainError('USER_NOT_FOUND', 404);
    const addresses = [user.email, user.mobile, user.pendingContact].filter((value): value is string => value !== null);
    // Student ID images are sensitive information: deleted, bytes included, once this commits.
    const cards = await tx
      .select({ id: teamMembers.studentIdFileId })
      .from(teamMembers)
      .where(and(eq(teamMembers.userId, actor.sub), isNotNull(teamMembers.studentIdFileId)));
    await tx
      .update(teamMembers)
      .set({ studentNumber: null, studentIdFileId: null })
      .where(eq(teamMembers.userId, actor.sub));
    const fileIds = await discardStoredFiles(
      tx,
      cards.map((card) => card.id),
      now,
    );
    // Names of what they uploaded may name them (张三的学生证.png): the team keeps the file, not the name.
    await tx.update(storedFiles).set({ originalName: 'file' }).where(eq(storedFiles.uploadedBy, actor.sub));
    // Messages to them, and sign-up codes sent to their address before the account existed.
    const sentToThem = tx
      .select({ id: deliveries.notificationId })
      .from(deliveries)
      .where(inArray(deliveries.recipient, addresses.length > 0 ? addresses : ['']));
    await tx
      .delete(notifications)
      .where(or(eq(notifications.userId, actor.sub), inArray(notifications.id, sentToThem)));
    await tx.delete(notificationSettings).where(eq(notificationSettings.userId, actor.sub));
    // Invitations a leader mailed to their address: the team keeps that one was sent, not to whom.
    const emails = addresses.filter((address) => address.includes('@')).map((address) => address.toLowerCase());
    if (emails.length > 0)
      await tx
        .update(teamInvitations)
        .set({ email: anonymousAccount(actor.sub).email })
        .where(inArray(teamInvitations.email, emails));
    await tx.delete(refreshTokens).where(eq(refreshTokens.userId, actor.sub));
    // An expert's profile: affiliation, its credit code and title say who they are.
    await tx
      .update(expertProfiles)
      .set({ affiliationName: '', affiliationCreditCode: null, title: '', fieldCodes: [], updatedAt: now })
      .where(eq(expertProfiles.userId, actor.sub));
    // Their own free text: the reasons they gave for their conflicts of interest and withdrawals.
    await tx.update(expertConflicts).set({ reason: '' }).where(eq(expertConflicts.declaredBy, actor.sub));
    await tx.update(expertConflicts).set({ withdrawalReason: null }).where(eq(expertConflicts.withdrawnBy, actor.sub));
    await tx
      .update(users)
      .set({ ...anonymousAccount(actor.sub), disabledAt: user.disabledAt ?? now })
      .where(eq(users.id, actor.sub));
    return fileIds;
  });
  // A storage fault leaves the rows marked: the storage sweep deletes them later.
  await purgeDiscardedFiles(deps, discarded);
  return { userId: actor.sub, erasedAt: now.toISOString() };
}
