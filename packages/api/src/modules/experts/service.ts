import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import {
  checkCreditCode,
  normalizeCreditCode,
  DEFAULT_TIME_ZONE,
  type AffiliationType,
  type ConflictKind,
  type FieldCode,
} from '@saishi/shared';
import type { Database } from '../../db/client.js';
import type { Db } from '../../lib/deps.js';
import { DomainError, assertNoViolations, notFound } from '../../lib/errors.js';
import { decodeCursor, toPage } from '../../lib/pagination.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { users } from '../accounts/tables.js';
import { hashPassword } from '../accounts/service.js';
import { appendLedger } from '../ledger/service.js';
import { projects } from '../projects/tables.js';
import { assignments, scores } from '../review/tables.js';
import { teamMembers, teamUnits as teamUnitsTable, teams, units } from '../teams/tables.js';
import { expertConflicts, expertProfiles } from './tables.js';
import { isoInZone } from '../../lib/time.js';

export interface ExpertInput {
  affiliationName: string;
  affiliationCreditCode?: string | null | undefined;
  affiliationType?: AffiliationType | undefined;
  title?: string | undefined;
  fieldCodes?: FieldCode[] | undefined;
}

export interface InviteInput extends ExpertInput {
  userId?: string | undefined;
  email?: string | undefined;
  displayName?: string | undefined;
  /** An initial password the organizer hands over; without it the account cannot log in yet. */
  password?: string | undefined;
}

/** A password hash no password matches, for an expert invited without an initial password. */
const UNUSABLE_PASSWORD = '!invited';

const expertColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  disabledAt: users.disabledAt,
  affiliationName: expertProfiles.affiliationName,
  affiliationCreditCode: expertProfiles.affiliationCreditCode,
  affiliationType: expertProfiles.affiliationType,
  title: expertProfiles.title,
  fieldCodes: expertProfiles.fieldCodes,
};

const present = (
  row: { id: string; email: string | null; displayName: string; disabledAt: Date | null } & Omit<
    typeof expertProfiles.$inferSelect,
    'userId' | 'createdAt' | 'updatedAt'
  >,
) => ({
  id: row.id,
  email: row.email,
  displayName: row.displayName,
  active: row.disabledAt === null,
  affiliationName: row.affiliationName,
  affiliationCreditCode: row.affiliationCreditCode,
  affiliationType: row.affiliationType,
  title: row.title,
  fieldCodes: row.fieldCodes,
});
export type ExpertView = ReturnType<typeof present>;

const normalizeCode = (code: string | null | undefined) => (code ? normalizeCreditCode(code) : null);

/** A credit code given for an affiliation or a conflict must be a valid GB 32100-2015 code (as units' are, R-SOC-1). */
function assertValidCode(code: string | null | undefined, path: string): void {
  const normalized = normalizeCode(code);
  if (normalized) assertNoViolations(checkCreditCode(normalized, path));
}

/** Invites an expert: a new `users` row of role expert, or an existing expert account, plus the profile. */
export async function inviteExpert(db: Database, input: InviteInput): Promise<ExpertView> {
  assertValidCode(input.affiliationCreditCode, '/body/affiliationCreditCode');
  return db.transaction(async (tx) => {
    let userId = input.userId;
    if (!userId) {
      const email = input.email!.trim();
      const [existing] = await tx
        .select({ id: users.id, role: users.role })
        .from(users)
        .where(sql`lower(${users.email}) = lower(${email})`);
      if (existing && existing.role !== 'expert')
        throw new DomainError('EXPERT_EMAIL_TAKEN', 409, { params: { email } });
      if (existing) userId = existing.id;
      else {
        const [created] = await tx
          .insert(users)
          .values({
            email,
            displayName: input.displayName ?? email,
            role: 'expert',
            passwordHash: input.password ? await hashPassword(input.password) : UNUSABLE_PASSWORD,
          })
          .returning({ id: users.id });
        userId = created!.id;
      }
    } else {
      const [user] = await tx.select({ role: users.role }).from(users).where(eq(users.id, userId));
      if (!user) throw notFound('EXPERT_NOT_FOUND');
      if (user.role !== 'expert') await tx.update(users).set({ role: 'expert' }).where(eq(users.id, userId));
    }
    try {
      await tx.insert(expertProfiles).values({
        userId,
        affiliationName: input.affiliationName,
        affiliationCreditCode: normalizeCode(input.affiliationCreditCode),
        affiliationType: input.affiliationType ?? 'other',
        title: input.title ?? '',
        fieldCodes: input.fieldCodes ?? [],
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('EXPERT_ALREADY_EXISTS', 409);
      throw error;
    }
    return getExpert(tx, userId);
  });
}

export async function getExpert(db: Database, id: string): Promise<ExpertView> {
  const [row] = await db
    .select(expertColumns)
    .from(expertProfiles)
    .innerJoin(users, eq(users.id, expertProfiles.userId))
    .where(eq(expertProfiles.userId, id));
  if (!row) throw notFound('EXPERT_NOT_FOUND');
  return present(row);
}

export async function listExperts(
  db: Database,
  query: { limit: number; cursor?: string | undefined; field?: string | undefined },
) {
  const after = query.cursor ? String(decodeCursor(query.cursor, 1)[0]) : undefined;
  const rows = await db
    .select(expertColumns)
    .from(expertProfiles)
    .innerJoin(users, eq(users.id, expertProfiles.userId))
    .where(
      and(
        after ? gt(expertProfiles.userId, after) : undefined,
        query.field ? sql`${expertProfiles.fieldCodes} @> ${JSON.stringify([query.field])}::jsonb` : undefined,
      ),
    )
    .orderBy(asc(expertProfiles.userId))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, present, (row) => [row.id]);
}

export async function updateExpert(
  db: Database,
  id: string,
  input: Partial<ExpertInput>,
  now: Date,
): Promise<ExpertView> {
  assertValidCode(input.affiliationCreditCode, '/body/affiliationCreditCode');
  await getExpert(db, id);
  await db
    .update(expertProfiles)
    .set({
      ...(input.affiliationName !== undefined ? { affiliationName: input.affiliationName } : {}),
      ...(input.affiliationCreditCode !== undefined
        ? { affiliationCreditCode: normalizeCode(input.affiliationCreditCode) }
        : {}),
      ...(input.affiliationType !== undefined ? { affiliationType: input.affiliationType } : {}),
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.fieldCodes !== undefined ? { fieldCodes: input.fieldCodes } : {}),
      updatedAt: now,
    })
    .where(eq(expertProfiles.userId, id));
  return getExpert(db, id);
}

export interface ConflictInput {
  kind: ConflictKind;
  subjectId?: string | undefined;
  creditCode?: string | undefined;
  reason?: string | undefined;
}

const presentConflict = (row: typeof expertConflicts.$inferSelect) => ({
  id: row.id,
  expertId: row.expertUserId,
  kind: row.kind,
  subjectId: row.subjectId,
  creditCode: row.creditCode,
  reason: row.reason,
  declaredBy: row.declaredBy,
  // A conflict belongs to an expert, not to an edition: presented in the platform's default zone.
  createdAt: isoInZone(row.createdAt, DEFAULT_TIME_ZONE),
});

/**
 * Records a conflict of interest and withdraws the expert's pending (unsubmitted) assignments it
 * now forbids; each withdrawal is written to the ledger.
 */
export async function declareConflict(
  db: Database,
  expertId: string,
  input: ConflictInput,
  actorId: string,
  now: Date,
) {
  await getExpert(db, expertId);
  if (input.kind === 'unit' ? !input.subjectId && !input.creditCode : !input.subjectId) {
    throw new DomainError('VALIDATION_FAILED', 400, {
      fields: [{ path: '/body/subjectId', code: 'CONFLICT_SUBJECT_NOT_FOUND', params: { kind: input.kind } }],
    });
  }
  assertValidCode(input.creditCode, '/body/creditCode');
  if (input.subjectId) {
    const table = input.kind === 'project' ? projects : input.kind === 'team' ? teams : units;
    const [found] = await db.select({ id: table.id }).from(table).where(eq(table.id, input.subjectId));
    if (!found) throw new DomainError('CONFLICT_SUBJECT_NOT_FOUND', 404, { params: { kind: input.kind } });
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(expertConflicts)
      .values({
        expertUserId: expertId,
        kind: input.kind,
        subjectId: input.subjectId ?? null,
        creditCode: normalizeCode(input.creditCode),
        reason: input.reason ?? '',
        declaredBy: actorId,
        createdAt: now,
      })
      .returning();
    const keys = new Set(await conflictKeysOfExpert(tx, expertId));
    const pending = await tx
      .select({
        id: assignments.id,
        projectId: assignments.projectId,
        roundId: assignments.roundId,
        status: scores.status,
      })
      .from(assignments)
      .leftJoin(scores, eq(scores.assignmentId, assignments.id))
      .where(eq(assignments.expertUserId, expertId));
    const projectKeys = await projectConflictKeys(tx, [...new Set(pending.map((entry) => entry.projectId))]);
    for (const entry of pending) {
      if (entry.status === 'submitted') continue;
      if (!(projectKeys.get(entry.projectId) ?? []).some((key) => keys.has(key))) continue;
      await tx.delete(assignments).where(eq(assignments.id, entry.id));
      await appendLedger(
        tx,
        {
          action: 'assignment.removed',
          actorId,
          subjectType: 'assignment',
          subjectId: entry.id,
          payload: {
            roundId: entry.roundId,
            projectId: entry.projectId,
            expertId,
            reason: 'conflict declared',
            conflictId: row!.id,
          },
        },
        now,
      );
    }
    return presentConflict(row!);
  });
}

export async function listConflicts(db: Database, expertId: string) {
  await getExpert(db, expertId);
  const rows = await db
    .select()
    .from(expertConflicts)
    .where(eq(expertConflicts.expertUserId, expertId))
    .orderBy(asc(expertConflicts.createdAt), asc(expertConflicts.id));
  return rows.map(presentConflict);
}

/** Conflict keys of many experts (see shared rules/assignment.ts): affiliation, own teams and declared conflicts. */
export async function expertConflictKeys(
  db: Db,
  expertIds?: readonly string[],
): Promise<Map<string, { keys: string[]; fields: string[] }>> {
  const profiles = await db
    .select({
      userId: expertProfiles.userId,
      code: expertProfiles.affiliationCreditCode,
      name: expertProfiles.affiliationName,
      fields: expertProfiles.fieldCodes,
    })
    .from(expertProfiles)
    .where(expertIds ? inArray(expertProfiles.userId, [...expertIds]) : undefined);
  const conflicts = await db
    .select({
      expertId: expertConflicts.expertUserId,
      kind: expertConflicts.kind,
      subjectId: expertConflicts.subjectId,
      creditCode: expertConflicts.creditCode,
      unitCode: units.creditCode,
    })
    .from(expertConflicts)
    .leftJoin(units, and(eq(expertConflicts.kind, 'unit'), eq(units.id, expertConflicts.subjectId)))
    .where(expertIds ? inArray(expertConflicts.expertUserId, [...expertIds]) : undefined);
  const result = new Map(
    profiles.map((profile) => [
      profile.userId,
      {
        keys: [profile.code ? `unit:${profile.code.toUpperCase()}` : `unit-name:${profile.name}`],
        fields: profile.fields,
      },
    ]),
  );
  // An expert who is on a team (e.g. as advising teacher) never reviews that team.
  const memberships = await db
    .select({ userId: teamMembers.userId, teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(
      expertIds
        ? inArray(teamMembers.userId, [...expertIds])
        : inArray(
            teamMembers.userId,
            profiles.map((profile) => profile.userId),
          ),
    );
  for (const membership of memberships) result.get(membership.userId)?.keys.push(`team:${membership.teamId}`);
  for (const conflict of conflicts) {
    const entry = result.get(conflict.expertId);
    if (!entry) continue;
    if (conflict.kind === 'unit') {
      const code = conflict.unitCode ?? conflict.creditCode;
      if (code) entry.keys.push(`unit:${code.toUpperCase()}`);
    } else entry.keys.push(`${conflict.kind}:${conflict.subjectId}`);
  }
  return result;
}

async function conflictKeysOfExpert(db: Db, expertId: string): Promise<string[]> {
  return (await expertConflictKeys(db, [expertId])).get(expertId)?.keys ?? [];
}

/** Conflict keys of projects: the project, its team, and every unit of the team by credit code and name. */
export async function projectConflictKeys(db: Db, projectIds: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (projectIds.length === 0) return result;
  const chunks: string[][] = [];
  for (let index = 0; index < projectIds.length; index += 5000) chunks.push(projectIds.slice(index, index + 5000));
  for (const chunk of chunks) {
    const rows = await db
      .select({ projectId: projects.id, teamId: projects.teamId, code: units.creditCode, name: units.name })
      .from(projects)
      .leftJoin(teamUnitsTable, eq(teamUnitsTable.teamId, projects.teamId))
      .leftJoin(units, eq(units.id, teamUnitsTable.unitId))
      .where(inArray(projects.id, chunk));
    for (const row of rows) {
      let keys = result.get(row.projectId);
      if (!keys) result.set(row.projectId, (keys = [`project:${row.projectId}`, `team:${row.teamId}`]));
      if (row.code) keys.push(`unit:${row.code.toUpperCase()}`);
      if (row.name) keys.push(`unit-name:${row.name}`);
    }
  }
  return result;
}
