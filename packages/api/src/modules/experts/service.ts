import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Static } from 'typebox';
import { checkCreditCode, maskEmail, normalizeCreditCode } from '@saishi/shared';
import type { Actor, Db, Deps, Transaction } from '../../lib/deps.js';
import { DomainError, assertNoViolations, forbidden, notFound } from '../../lib/errors.js';
import { decodeCursor, keysetOrder, toPage, type KeysetOrder } from '../../lib/pagination.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { firstOrThrow } from '../../lib/rows.js';
import { users } from '../accounts/tables.js';
import { topics } from '../editions/tables.js';
import { INVITATION_LINK_DAYS, issuePasswordToken } from '../accounts/password-links.js';
import { hashPassword } from '../accounts/service.js';
import type { EXPERT_SORTS, ExpertListQuery, ExpertUpdateBody, InviteBody } from './schemas.js';
import { expertProfiles } from './tables.js';

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
  topicIds: expertProfiles.topicIds,
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
  topicIds: row.topicIds,
});
export type ExpertView = ReturnType<typeof present>;

/** An expert as organizers see them: the e-mail masked (minimization); the expert sees their own. */
const masked = (expert: ExpertView): ExpertView => ({ ...expert, email: maskEmail(expert.email) });

export const normalizeCode = (code: string | null | undefined) => (code ? normalizeCreditCode(code) : null);

/** A credit code given for an affiliation or a conflict must be a valid GB 32100-2015 code (as units' are, R-SOC-1). */
export function assertValidCode(code: string | null | undefined, path: string): void {
  const normalized = normalizeCode(code);
  if (normalized) assertNoViolations(checkCreditCode(normalized, path));
}

/** An expert sees only themself; organizers see every expert. */
export function assertMaySee(actor: Actor, expertId: string): void {
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

/** The declared topics, each of which must exist (404 TOPIC_NOT_FOUND naming the first unknown one). */
async function knownTopics(db: Db, ids: readonly string[] | undefined): Promise<string[]> {
  if (!ids || ids.length === 0) return [];
  const found = new Set(
    (
      await db
        .select({ id: topics.id })
        .from(topics)
        .where(inArray(topics.id, [...ids]))
    ).map((row) => row.id),
  );
  const unknown = ids.find((id) => !found.has(id));
  if (unknown) throw notFound('TOPIC_NOT_FOUND', { id: unknown });
  return [...ids];
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
        topicIds: await knownTopics(tx, input.topicIds),
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

export async function findExpert(db: Db, id: string): Promise<ExpertView> {
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

const EXPERT_ORDERS: Record<(typeof EXPERT_SORTS)[number], KeysetOrder> = {
  name: keysetOrder('text', users.displayName, expertProfiles.userId, 'asc'),
  affiliation: keysetOrder('text', expertProfiles.affiliationName, expertProfiles.userId, 'asc'),
  newest: keysetOrder('instant', expertProfiles.createdAt, expertProfiles.userId, 'desc'),
};

export async function listExperts(deps: Deps, query: Static<typeof ExpertListQuery>) {
  const order = EXPERT_ORDERS[query.sort];
  const after = query.cursor ? (decodeCursor(query.cursor, order.kinds) as [string, string]) : undefined;
  const filters = query.field
    ? sql`${expertProfiles.fieldCodes} @> ${JSON.stringify([query.field])}::jsonb`
    : undefined;
  const rows = await deps.db
    .select({ ...expertColumns, sortKey: order.key })
    .from(expertProfiles)
    .innerJoin(users, eq(users.id, expertProfiles.userId))
    .where(and(after ? order.after(...after) : undefined, filters))
    .orderBy(...order.orderBy)
    .limit(query.limit + 1);
  return toPage(
    rows,
    query.limit,
    ({ sortKey: _key, ...row }) => masked(present(row)),
    (row) => [row.sortKey, row.id],
    await deps.db.$count(expertProfiles, filters),
  );
}

/** What an expert may change of their own profile: their expertise, not their affiliation (it decides conflicts). */
const SELF_EDITABLE = new Set(['fieldCodes', 'topicIds']);

export async function updateExpert(
  deps: Deps,
  id: string,
  input: Static<typeof ExpertUpdateBody>,
  actor: Actor,
): Promise<ExpertView> {
  assertMaySee(actor, id);
  if (actor.role === 'expert' && Object.keys(input).some((key) => !SELF_EDITABLE.has(key))) throw forbidden();
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
      ...(input.topicIds !== undefined ? { topicIds: await knownTopics(deps.db, input.topicIds) } : {}),
      updatedAt: deps.clock.now(),
    })
    .where(eq(expertProfiles.userId, id));
  return findExpert(deps.db, id);
}
