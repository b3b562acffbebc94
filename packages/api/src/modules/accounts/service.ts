import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { and, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import type { Static } from 'typebox';
import { maskEmail, maskMobile, type Role } from '@saishi/shared';
import type { Actor, Db, Deps } from '../../lib/deps.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { decodeCursor, keysetOrder, toPage, type KeysetOrder } from '../../lib/pagination.js';
import { keptPerDatabase } from '../../db/prepared.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { firstOrThrow } from '../../lib/rows.js';
import { recordDecision } from '../ledger/service.js';
import { assertPasswordAccepted } from './password-policy.js';
import type { LoginBody, SignUpBody, USER_SORTS, UserListQuery, UserUpdateBody } from './schemas.js';
import { refreshTokens, users } from './tables.js';
import { containsPattern } from '../../lib/text.js';

export type UserRow = typeof users.$inferSelect;

/** Signs an access token for the user's current role; provided by the routes (`app.jwt.sign`). */
export type SignAccessToken = (claims: Actor) => string;

export interface TokenSettings {
  sign: SignAccessToken;
  refreshTtlDays: number;
}

/** argon2id with the library's defaults (19 MiB, t=2), as OWASP recommends. */
export const hashPassword = (password: string) => hash(password);

/** A hash to verify against when the login is unknown, so both cases take as long. */
let dummyHash: Promise<string> | undefined;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function presentUser(user: UserRow) {
  return {
    id: user.id,
    email: user.email,
    mobile: user.mobile,
    displayName: user.displayName,
    role: user.role,
    disabled: user.disabledAt !== null,
    createdAt: user.createdAt.toISOString(),
  };
}

/** An account as organizers' lists show it: e-mail and mobile masked (minimization, 个人信息保护法 §6). */
export function presentMaskedUser(user: UserRow) {
  return { ...presentUser(user), email: maskEmail(user.email), mobile: maskMobile(user.mobile) };
}

const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** An email in lower case, or a mobile number, as accounts are looked up. */
export const normalizeLogin = (login: string) => (login.includes('@') ? normalizeEmail(login) : login.trim());

/** A new account (sign-up, or an admin from the CLI), a participant unless told otherwise. */
export async function createUser(deps: Deps, input: Static<typeof SignUpBody> & { role?: Role }): Promise<UserRow> {
  if (!input.email && !input.mobile)
    throw new DomainError('LOGIN_REQUIRED', 400, { fields: [{ path: '/body/email', code: 'LOGIN_REQUIRED' }] });
  assertPasswordAccepted(input.password, [input.email, input.mobile]);
  try {
    const rows = await deps.db
      .insert(users)
      .values({
        email: input.email ? normalizeEmail(input.email) : null,
        mobile: input.mobile ?? null,
        passwordHash: await hashPassword(input.password),
        displayName: input.displayName,
        role: input.role ?? 'participant',
        createdAt: deps.clock.now(),
      })
      .returning();
    return firstOrThrow(rows);
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_unique') || isUniqueViolation(error, 'users_mobile_unique')) {
      throw new DomainError('LOGIN_TAKEN', 409);
    }
    throw error;
  }
}

/** Finds the account by email (any case) or mobile number and checks the password. */
export async function authenticate(deps: Deps, input: Static<typeof LoginBody>): Promise<UserRow> {
  const login = input.login.trim();
  const [user] = await deps.db
    .select()
    .from(users)
    .where(login.includes('@') ? sql`lower(${users.email}) = ${normalizeEmail(login)}` : eq(users.mobile, login))
    .limit(1);
  if (!user) {
    dummyHash ??= hashPassword(randomUUID());
    await verify(await dummyHash, input.password).catch(() => false);
    throw new DomainError('INVALID_CREDENTIALS', 401);
  }
  const ok = await verify(user.passwordHash, input.password).catch(() => false);
  if (!ok) throw new DomainError('INVALID_CREDENTIALS', 401);
  if (user.disabledAt) throw new DomainError('ACCOUNT_DISABLED', 403);
  if (!user.verifiedAt) throw new DomainError('ACCOUNT_NOT_VERIFIED', 403);
  return user;
}

async function insertRefreshToken(db: Db, userId: string, familyId: string, now: Date, ttlDays: number) {
  const token = randomBytes(32).toString('base64url');
  await db.insert(refreshTokens).values({
    userId,
    familyId,
    tokenHash: sha256(token),
    createdAt: now,
    expiresAt: new Date(now.getTime() + ttlDays * 86_400_000),
  });
  return token;
}

function session(user: UserRow, refreshToken: string, settings: TokenSettings) {
  return {
    accessToken: settings.sign({ sub: user.id, role: user.role }),
    refreshToken,
    tokenType: 'Bearer' as const,
    user: presentUser(user),
  };
}

/** Starts a new refresh-token family (one per login) and issues both tokens. */
export async function issueSession(deps: Deps, user: UserRow, settings: TokenSettings) {
  const now = deps.clock.now();
  const refreshToken = await insertRefreshToken(deps.db, user.id, randomUUID(), now, settings.refreshTtlDays);
  return session(user, refreshToken, settings);
}

/** Revokes every live token of a family. */
async function revokeTokens(db: Db, familyId: string, now: Date): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

type Rotation = { kind: 'invalid' | 'reused' | 'disabled' } | { kind: 'ok'; user: UserRow; refreshToken: string };

/** The rotation itself, in one transaction: the presented token row is locked. */
async function rotate(deps: Deps, presented: string, now: Date, ttlDays: number): Promise<Rotation> {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, sha256(presented)))
      .for('update');
    if (!row || row.revokedAt || row.expiresAt <= now) return { kind: 'invalid' };
    if (row.rotatedAt) {
      await revokeTokens(tx, row.familyId, now);
      return { kind: 'reused' };
    }
    const [user] = await tx.select().from(users).where(eq(users.id, row.userId));
    if (!user || user.disabledAt) {
      await tx.update(refreshTokens).set({ revokedAt: now }).where(eq(refreshTokens.familyId, row.familyId));
      return { kind: 'disabled' };
    }
    await tx.update(refreshTokens).set({ rotatedAt: now }).where(eq(refreshTokens.id, row.id));
    return { kind: 'ok', user, refreshToken: await insertRefreshToken(tx, user.id, row.familyId, now, ttlDays) };
  });
}

/**
 * Rotates a refresh token. The access token is signed with the role read now, so a role change
 * or a disabled account takes effect at the next refresh at the latest (one access-token TTL).
 * A token presented a second time means it leaked: the whole family is revoked.
 */
export async function refreshSession(deps: Deps, presented: string, settings: TokenSettings) {
  const outcome = await rotate(deps, presented, deps.clock.now(), settings.refreshTtlDays);
  switch (outcome.kind) {
    case 'invalid':
      throw new DomainError('REFRESH_TOKEN_INVALID', 401);
    case 'reused':
      throw new DomainError('REFRESH_TOKEN_REUSED', 401);
    case 'disabled':
      throw new DomainError('ACCOUNT_DISABLED', 403);
    case 'ok':
      return session(outcome.user, outcome.refreshToken, settings);
  }
}

/** Logout: revokes the family of the presented refresh token (an unknown token is not an error). */
export async function revokeFamily(deps: Deps, presented: string): Promise<void> {
  const [row] = await deps.db
    .select({ familyId: refreshTokens.familyId })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, sha256(presented)));
  if (row) await revokeTokens(deps.db, row.familyId, deps.clock.now());
}

/** An account by its id, the read of every request for the caller's own profile. */
const userById = keptPerDatabase((db) =>
  db
    .select()
    .from(users)
    .where(eq(users.id, sql.placeholder('userId')))
    .prepare(''),
);

export async function findUser(db: Db, userId: string): Promise<UserRow> {
  return firstOrThrow(await userById(db).execute({ userId }), () => notFound('USER_NOT_FOUND'));
}

/** The account of the actor. */
export async function currentUser(deps: Deps, actor: Actor) {
  return presentUser(await findUser(deps.db, actor.sub));
}

const USER_ORDERS: Record<(typeof USER_SORTS)[number], KeysetOrder> = {
  oldest: keysetOrder('instant', users.createdAt, users.id, 'asc'),
  newest: keysetOrder('instant', users.createdAt, users.id, 'desc'),
  name: keysetOrder('text', users.displayName, users.id, 'asc'),
};

export async function listUsers(deps: Deps, query: Static<typeof UserListQuery>) {
  const order = USER_ORDERS[query.sort];
  const after = query.cursor ? (decodeCursor(query.cursor, order.kinds) as [string, string]) : undefined;
  const filters = and(
    query.role ? eq(users.role, query.role) : undefined,
    query.q
      ? or(
          ilike(users.email, containsPattern(query.q)),
          ilike(users.displayName, containsPattern(query.q)),
          ilike(users.mobile, containsPattern(query.q)),
        )
      : undefined,
  );
  const rows = await deps.db
    .select({ user: users, sortKey: order.key })
    .from(users)
    .where(and(filters, after ? order.after(...after) : undefined))
    .orderBy(...order.orderBy)
    .limit(query.limit + 1);
  return toPage(
    rows,
    query.limit,
    (row) => presentMaskedUser(row.user),
    (row) => [row.sortKey, row.user.id],
    await deps.db.$count(users, filters),
  );
}

/**
 * An organizer changes a role or disables an account; every refresh token of the user is
 * revoked, and the change is written to the ledger naming the organizer.
 */
export async function updateUser(deps: Deps, userId: string, input: Static<typeof UserUpdateBody>, actor: Actor) {
  if (actor.sub === userId) throw new DomainError('CANNOT_CHANGE_OWN_ACCOUNT', 409);
  const before = await findUser(deps.db, userId);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const rows = await tx
      .update(users)
      .set({
        ...(input.role ? { role: input.role } : {}),
        ...(input.disabled !== undefined ? { disabledAt: input.disabled ? now : null } : {}),
      })
      .where(eq(users.id, userId))
      .returning();
    await tx
      .update(refreshTokens)
      .set({ revokedAt: now })
      .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
    const after = firstOrThrow(rows, () => notFound('USER_NOT_FOUND'));
    await recordDecision(
      tx,
      actor,
      {
        action: 'user.updated',
        subjectType: 'user',
        subjectId: userId,
        payload: {
          role: { from: before.role, to: after.role },
          disabled: { from: before.disabledAt !== null, to: after.disabledAt !== null },
        },
      },
      now,
    );
    return presentMaskedUser(after);
  });
}

/** Creates the admin account if no account has that email; used by the CLI and the env bootstrap. */
export async function ensureAdmin(
  deps: Deps,
  input: { email: string; password: string; displayName?: string | undefined },
): Promise<{ created: boolean; user: UserRow }> {
  const [existing] = await deps.db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${normalizeEmail(input.email)}`);
  if (existing) return { created: false, user: existing };
  const displayName = input.displayName ?? '管理员';
  return { created: true, user: await createUser(deps, { ...input, displayName, role: 'admin' }) };
}
