import { and, eq } from 'drizzle-orm';
import type { Actor, Db, Deps, Transaction } from '../../lib/deps.js';
import { notFound } from '../../lib/errors.js';
import { discardStoredFiles, purgeDiscardedFiles } from '../files/discard.js';
import { assertConsent } from '../privacy/consent.js';
import {
  findStoredFile,
  storeUpload,
  type IncomingFile,
  type StoredFile,
  type UploadPolicy,
} from '../files/service.js';
import {
  assertCanSee,
  assertEditable,
  assertLeader,
  assertRosterOpen,
  currentTeam,
  findTeam,
  lockTeam,
} from './queries.js';
import { teamMembers, teams } from './tables.js';

/** What a team hands in for qualification (R-ALL-3, R-UNI-1): the pledge, the commitment letter, student IDs. */

/** Student ID cards and commitment letters: PDF, JPEG or PNG by content, at most 10 MiB. */
export const DOCUMENT_POLICY: UploadPolicy = { kinds: ['pdf', 'jpeg', 'png'], maxBytes: 10 * 1024 ** 2 };

/** Reads the uploaded file once the upload is authorized (the route's multipart part). */
export type ReadUpload = () => Promise<IncomingFile>;

/** The leader accepts the IP and single-division pledge (R-ALL-3). */
export async function acceptPledge(deps: Deps, teamId: string, actor: Actor) {
  const now = deps.clock.now();
  const team = await findTeam(deps.db, teamId);
  assertLeader(team, actor);
  assertEditable(team);
  await deps.db.update(teams).set({ pledgeAcceptedAt: now, updatedAt: now }).where(eq(teams.id, teamId));
  return currentTeam(deps.db, teamId);
}

async function findMember(db: Db, teamId: string, userId: string) {
  const [member] = await db
    .select({ fileId: teamMembers.studentIdFileId })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
  if (!member) throw notFound('MEMBER_NOT_FOUND');
  return member;
}

/**
 * Puts a new document in place of the old one: `swap` runs in a transaction, sets the new file and
 * returns the replaced file's id, which is discarded with it and deleted from storage after the
 * commit. When the swap fails, the new file is the one deleted.
 */
async function replaceDocument(
  deps: Deps,
  file: StoredFile,
  swap: (tx: Transaction, now: Date) => Promise<string | null>,
): Promise<void> {
  const now = deps.clock.now();
  let discarded: string[];
  try {
    discarded = await deps.db.transaction(async (tx) => discardStoredFiles(tx, [await swap(tx, now)], now));
  } catch (error) {
    await purgeDiscardedFiles(deps, await discardStoredFiles(deps.db, [file.id], now));
    throw error;
  }
  await purgeDiscardedFiles(deps, discarded);
}

/** The leader uploads the signed commitment letter 参赛承诺书 (R-ALL-3); a replaced one is deleted. */
export async function uploadCommitmentLetter(deps: Deps, teamId: string, readUpload: ReadUpload, actor: Actor) {
  const team = await findTeam(deps.db, teamId);
  assertLeader(team, actor);
  assertEditable(team);
  await assertRosterOpen(deps.db, team.editionId, deps.clock.now());
  const file = await storeUpload(deps, await readUpload(), DOCUMENT_POLICY, actor.sub);
  await replaceDocument(deps, file, async (tx, now) => {
    const locked = await lockTeam(tx, teamId);
    assertEditable(locked);
    await tx.update(teams).set({ commitmentFileId: file.id, updatedAt: now }).where(eq(teams.id, teamId));
    return locked.commitmentFileId;
  });
  return currentTeam(deps.db, teamId);
}

/**
 * A member (or the leader for them) uploads the member's student ID card (R-UNI-1), once the member
 * gave the separate consent to sensitive information; a replaced card is deleted.
 */
export async function uploadStudentId(
  deps: Deps,
  teamId: string,
  userId: string,
  readUpload: ReadUpload,
  actor: Actor,
) {
  const team = await findTeam(deps.db, teamId);
  if (actor.sub !== userId) assertLeader(team, actor);
  await findMember(deps.db, teamId, userId);
  assertEditable(team);
  await assertRosterOpen(deps.db, team.editionId, deps.clock.now());
  // The card is the member's sensitive information: their own separate consent, whoever uploads it.
  await assertConsent(deps.db, userId, team.editionId, 'sensitive');
  const file = await storeUpload(deps, await readUpload(), DOCUMENT_POLICY, actor.sub);
  await replaceDocument(deps, file, async (tx) => {
    assertEditable(await lockTeam(tx, teamId));
    const member = await findMember(tx, teamId, userId);
    await tx
      .update(teamMembers)
      .set({ studentIdFileId: file.id })
      .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
    return member.fileId;
  });
  return currentTeam(deps.db, teamId);
}

/** The commitment letter, for a member of the team or an admin. */
export async function commitmentLetter(deps: Deps, teamId: string, actor: Actor): Promise<StoredFile> {
  const team = await findTeam(deps.db, teamId);
  await assertCanSee(deps.db, team, actor);
  if (!team.commitmentFileId) throw notFound('TEAM_FILE_NOT_FOUND');
  return findStoredFile(deps.db, team.commitmentFileId);
}

/** A member's student ID card, for a member of the team or an admin. */
export async function studentIdCard(deps: Deps, teamId: string, userId: string, actor: Actor): Promise<StoredFile> {
  const team = await findTeam(deps.db, teamId);
  await assertCanSee(deps.db, team, actor);
  const member = await findMember(deps.db, teamId, userId);
  if (!member.fileId) throw notFound('TEAM_FILE_NOT_FOUND');
  return findStoredFile(deps.db, member.fileId);
}
