import { and, eq } from 'drizzle-orm';
import type { Actor, Db, Deps } from '../../lib/deps.js';
import { notFound } from '../../lib/errors.js';
import {
  findStoredFile,
  storeUpload,
  type IncomingFile,
  type StoredFile,
  type UploadPolicy,
} from '../files/service.js';
import { assertCanSee, assertEditable, assertLeader, assertRosterOpen, currentTeam, findTeam } from './queries.js';
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

/** The leader uploads the signed commitment letter 参赛承诺书 (R-ALL-3). */
export async function uploadCommitmentLetter(deps: Deps, teamId: string, readUpload: ReadUpload, actor: Actor) {
  const now = deps.clock.now();
  const team = await findTeam(deps.db, teamId);
  assertLeader(team, actor);
  assertEditable(team);
  await assertRosterOpen(deps.db, team.editionId, now);
  const file = await storeUpload(deps, await readUpload(), DOCUMENT_POLICY, actor.sub);
  await deps.db.update(teams).set({ commitmentFileId: file.id, updatedAt: now }).where(eq(teams.id, teamId));
  return currentTeam(deps.db, teamId);
}

/** A member (or the leader for them) uploads the member's student ID card (R-UNI-1). */
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
  const file = await storeUpload(deps, await readUpload(), DOCUMENT_POLICY, actor.sub);
  await deps.db
    .update(teamMembers)
    .set({ studentIdFileId: file.id })
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
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
