import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Static } from 'typebox';
import { checkCreditCode, maskEmail, normalizeCreditCode, DEFAULT_TIME_ZONE } from '@saishi/shared';
import type { Actor, Db, Deps, Transaction } from '../../lib/deps.js';
import { DomainError, assertNoViolations, forbidden, notFound } from '../../lib/errors.js';
import { decodeCursor, toPage } from '../../lib/pagination.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { firstOrThrow } from '../../lib/rows.js';
import { isoInZone } from '../../lib/time.js';
import { users } from '../accounts/tables.js';
import { INVITATION_LINK_DAYS, issuePasswordToken } from '../accounts/password-links.js';
import { hashPassword } from '../accounts/service.js';
import { recordDecision } from '../ledger/service.js';
import { projects } from '../projects/tables.js';
import { assignments, scores } from '../review/tables.js';
import { teams, units } from '../teams/tables.js';
import { conflictKeysOfExpert, projectConflictKeys } from './conflict-keys.js';
import type { ConflictBody, ExpertListQuery, ExpertUpdateBody, InviteBody } from './schemas.js';
import { expertConflicts, expertProfiles } from './tables.js';

export { expertConflictKeys, projectConflictKeys } from './conflict-keys.js';

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

/** An expert as organizers see them: the e-mail masked (minimization); the expert sees their own. */
const masked = (expert: ExpertView): ExpertView => ({ ...expert, email: maskEmail(expert.email) });

const normalizeCode = (code: string | null | undefined) => (code ? normalizeCreditCode(code) : null);

/** A credit code given for an affiliation or a conflict must be a valid GB 32100-2015 code (as units' are, R-SOC-1). */
function assertValidCode(code: string | null | undefined, path: string): void {
  const normalized = normalizeCode(code);
  if (normalized) assertNoViolations(checkCreditCode(normalized, path));
}

/** An expert sees only themself; organizers see every expert. */
function assertMaySee(actor: Actor, expertId: string): void {
  if (actor.role === 'expert' && actor.sub !== expertId) throw forbidden();
}

/**
 * The account an invitation is for: the given one (made an expert), or the expert account of the
 * email, or a new one, which is mailed a link to choose its password unless one was given.
 */
async function expertAccount(
  deps: Deps,
  tx: Transaction,
  input: Static<typeof InviteBody>,
  now: Date,
): Promise<string> {
  if ('userId' in input) {
    const [user] = await tx.select({ role: users.role }).from(users).where(eq(users.id, input.userId));
    if (!user) throw notFound('EXPERT_NOT_FOUND');
    if (user.role !== 'expert') await tx.update(users).set({ role: 'expert' }).where(eq(users.id, input.userId));
    return input.userId;
  }
  const email = input.email.trim();
  const [existing] = await tx
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`);
  if (existing && existing.role !== 'expert') throw new DomainError('EXPERT_EMAIL_TAKEN', 409, { params: { email } });
  if (existing) return existing.id;
  const created = await tx
    .insert(users)
    .values({
      email,
      displayName: input.displayName,
      role: 'expert',
      passwordHash: input.password ? await hashPassword(input.password) : UNUSABLE_PASSWORD,
      createdAt: now,
    })
    .returning({ id: users.id });
  const userId = firstOrThrow(created).id;
  if (!input.password) await sendInvitation(deps, tx, { userId, email, displayName: input.displayName }, now);
  return userId;
}

/**
 * Mails the expert a one-time link to choose their password (the invitation), in `tx`; an earlier
 * link stops working.
 */
async function sendInvitation(
  deps: Deps,
  tx: Transaction,
  expert: { userId: string; email: string; displayName: string },
  now: Date,
): Promise<void> {
  const token = await issuePasswordToken(tx, expert.userId, 'invitation', now);
  await deps.notify?.(
    {
      kind: 'expert_invitation',
      userId: expert.userId,
      params: { name: expert.displayName, email: expert.email, days: String(INVITATION_LINK_DAYS) },
      secrets: { token },
    },
    tx,
  );
}

/**
 * Sends an expert who has not chosen a password yet a new invitation link (the earlier one stops
 * working); an expert who already logs in with a password is refused (they can reset it).
 */
export async function resendInvitation(deps: Deps, id: string): Promise<{ sentTo: string }> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [expert] = await tx
      .select({ id: users.id, email: users.email, displayName: users.displayName, passwordHash: users.passwordHash })
      .from(expertProfiles)
      .innerJoin(users, eq(users.id, expertProfiles.userId))
      .where(eq(expertProfiles.userId, id));
    if (!expert) throw notFound('EXPERT_NOT_FOUND');
    if (expert.passwordHash !== UNUSABLE_PASSWORD || !expert.email) throw new DomainError('EXPERT_ALREADY_ACTIVE', 409);
    await sendInvitation(deps, tx, { userId: expert.id, email: expert.email, displayName: expert.displayName }, now);
    return { sentTo: expert.email };
  });
}

/** Invites an expert: a new `users` row of role expert, or an existing expert account, plus the profile. */
export async function inviteExpert(deps: Deps, input: Static<typeof InviteBody>): Promise<ExpertView> {
  assertValidCode(input.affiliationCreditCode, '/body/affiliationCreditCode');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const userId = await expertAccount(deps, tx, input, now);
    try {
      await tx.insert(expertProfiles).values({
        userId,
        affiliationName: input.affiliationName,
        affiliationCreditCode: normalizeCode(input.affiliationCreditCode),
        affiliationType: input.affiliationType ?? 'other',
        title: input.title ?? '',
        fieldCodes: input.fieldCodes ?? [],
        createdAt: now,
        updatedAt: now,
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('EXPERT_ALREADY_EXISTS', 409);
      throw error;
    }
    return findExpert(tx, userId);
  });
}

async function findExpert(db: Db, id: string): Promise<ExpertView> {
  const rows = await db
    .select(expertColumns)
    .from(expertProfiles)
    .innerJoin(users, eq(users.id, expertProfiles.userId))
    .where(eq(expertProfiles.userId, id));
  return present(firstOrThrow(rows, () => notFound('EXPERT_NOT_FOUND')));
}

export async function getExpert(deps: Deps, id: string, actor: Actor): Promise<ExpertView> {
  assertMaySee(actor, id);
  const expert = await findExpert(deps.db, id);
  return actor.sub === id ? expert : masked(expert);
}

export async function listExperts(deps: Deps, query: Static<typeof ExpertListQuery>) {
  const after = query.cursor ? decodeCursor(query.cursor, ['uuid'])[0] : undefined;
  const rows = await deps.db
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
  return toPage(
    rows,
    query.limit,
    (row) => masked(present(row)),
    (row) => [row.id],
  );
}

export async function updateExpert(
  deps: Deps,
  id: string,
  input: Static<typeof ExpertUpdateBody>,
): Promise<ExpertView> {
  assertValidCode(input.affiliationCreditCode, '/body/affiliationCreditCode');
  await findExpert(deps.db, id);
  await deps.db
    .update(expertProfiles)
    .set({
      ...(input.affiliationName !== undefined ? { affiliationName: input.affiliationName } : {}),
      ...(input.affiliationCreditCode !== undefined
        ? { affiliationCreditCode: normalizeCode(input.affiliationCreditCode) }
        : {}),
      ...(input.affiliationType !== undefined ? { affiliationType: input.affiliationType } : {}),
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.fieldCodes !== undefined ? { fieldCodes: input.fieldCodes } : {}),
      updatedAt: deps.clock.now(),
    })
    .where(eq(expertProfiles.userId, id));
  return findExpert(deps.db, id);
}

type ConflictInput = Static<typeof ConflictBody>;

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

/** A conflict names its subject: a unit by id or credit code, a project or a team by id, which must exist. */
async function assertSubjectExists(db: Db, input: ConflictInput): Promise<void> {
  if (input.kind === 'unit' ? !input.subjectId && !input.creditCode : !input.subjectId) {
    throw new DomainError('VALIDATION_FAILED', 400, {
      fields: [{ path: '/body/subjectId', code: 'CONFLICT_SUBJECT_NOT_FOUND', params: { kind: input.kind } }],
    });
  }
  assertValidCode(input.creditCode, '/body/creditCode');
  if (!input.subjectId) return;
  const table = input.kind === 'project' ? projects : input.kind === 'team' ? teams : units;
  const [found] = await db.select({ id: table.id }).from(table).where(eq(table.id, input.subjectId));
  if (!found) throw new DomainError('CONFLICT_SUBJECT_NOT_FOUND', 404, { params: { kind: input.kind } });
}

/** Withdraws the expert's unsubmitted assignments the expert's conflicts now forbid, each written to the ledger. */
async function withdrawConflicting(tx: Transaction, expertId: string, conflictId: string, actor: Actor, now: Date) {
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
    await recordDecision(
      tx,
      actor,
      {
        action: 'assignment.removed',
        subjectType: 'assignment',
        subjectId: entry.id,
        payload: {
          roundId: entry.roundId,
          projectId: entry.projectId,
          expertId,
          reason: 'conflict declared',
          conflictId,
        },
      },
      now,
    );
  }
}

/**
 * Records a conflict of interest and withdraws the expert's pending (unsubmitted) assignments it
 * now forbids; the declaration and each withdrawal are written to the ledger, naming who acted.
 */
export async function declareConflict(deps: Deps, expertId: string, input: ConflictInput, actor: Actor) {
  assertMaySee(actor, expertId);
  await findExpert(deps.db, expertId);
  await assertSubjectExists(deps.db, input);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const rows = await tx
      .insert(expertConflicts)
      .values({
        expertUserId: expertId,
        kind: input.kind,
        subjectId: input.subjectId ?? null,
        creditCode: normalizeCode(input.creditCode),
        reason: input.reason ?? '',
        declaredBy: actor.sub,
        createdAt: now,
      })
      .returning();
    const conflict = firstOrThrow(rows);
    await recordDecision(
      tx,
      actor,
      {
        action: 'conflict.declared',
        subjectType: 'expert_conflict',
        subjectId: conflict.id,
        payload: {
          expertId,
          kind: conflict.kind,
          conflictSubjectId: conflict.subjectId,
          creditCode: conflict.creditCode,
          reason: conflict.reason,
        },
      },
      now,
    );
    await withdrawConflicting(tx, expertId, conflict.id, actor, now);
    return presentConflict(conflict);
  });
}

export async function listConflicts(deps: Deps, expertId: string, actor: Actor) {
  assertMaySee(actor, expertId);
  await findExpert(deps.db, expertId);
  const rows = await deps.db
    .select()
    .from(expertConflicts)
    .where(eq(expertConflicts.expertUserId, expertId))
    .orderBy(asc(expertConflicts.createdAt), asc(expertConflicts.id));
  return rows.map(presentConflict);
}
