import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { and, asc, eq, gt, ilike, isNull, or, sql } from 'drizzle-orm';
import type { Role } from '@saishi/shared';
import type { Database } from '../../db/client.js';
import { DomainError, notFound } from '../../lib/errors.js';
import { decodeCursor, toPage } from '../../lib/pagination.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { refreshTokens, users } from './tables.js';

export type UserRow = typeof users.$inferSelect;

/** Signs an access token for the user's current role; provided by the routes (`app.jwt.sign`). */
export type SignAccessToken = (claims: { sub: string; role: Role }) => string;

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

const normalizeEmail = (email: string) => email.trim().toLowerCase();

export interface SignUpInput {
  email?: string | undefined;
  mobile?: string | undefined;
  password: string;
  displayName: string;
}

export async function createUser(db: Database, input: SignUpInput & { role?: Role }): Promise<UserRow> {
  if (!input.email && !input.mobile)
    throw new DomainError('LOGIN_REQUIRED', 400, { fields: [{ path: '/body/email', code: 'LOGIN_REQUIRED' }] });
  try {
    const [user] = await db
      .insert(users)
      .values({
        email: input.email ? normalizeEmail(input.email) : null,
        mobile: input.mobile ?? null,
        passwordHash: await hashPassword(input.password),
        displayName: input.displayName,
        role: input.role ?? 'participant',
      })
      .returning();
    return user!;
  } catch (error) {
    if (isUniqueViolation(error, 'users_email_unique') || isUniqueViolation(error, 'users_mobile_unique')) {
      throw new DomainError('LOGIN_TAKEN', 409);
    }
    throw error;
  }
}

/** Finds the account by email (any case) or mobile number and checks the password. */
export async function authenticate(db: Database, login: string, password: string): Promise<UserRow> {
  const trimmed = login.trim();
  const [user] = await db
    .select()
    .from(users)
    .where(trimmed.includes('@') ? sql`lower(${users.email}) = ${normalizeEmail(trimmed)}` : eq(users.mobile, trimmed))
    .limit(1);
  if (!user) {
    dummyHash ??= hashPassword(randomUUID());
    await verify(await dummyHash, password).catch(() => false);
    throw new DomainError('INVALID_CREDENTIALS', 401);
  }
  const ok = await verify(user.passwordHash, password).catch(() => false);
  if (!ok) throw new DomainError('INVALID_CREDENTIALS', 401);
  if (user.disabledAt) throw new DomainError('ACCOUNT_DISABLED', 403);
  return user;
}

async function insertRefreshToken(
  db: Pick<Database, 'insert'>,
  userId: string,
  familyId: string,
  now: Date,
  ttlDays: number,
) {
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

/** Starts a new refresh-token family (one per login) and issues both tokens. */
export async function issueSession(db: Database, user: UserRow, now: Date, settings: TokenSettings) {
  const refreshToken = await insertRefreshToken(db, user.id, randomUUID(), now, settings.refreshTtlDays);
  return {
    accessToken: settings.sign({ sub: user.id, role: user.role }),
    refreshToken,
    tokenType: 'Bearer' as const,
    user: presentUser(user),
  };
}

/**
 * Rotates a refresh token. The access token is signed with the role read now, so a role change
 * or a disabled account takes effect at the next refresh at the latest (one access-token TTL).
 * A token presented a second time means it leaked: the whole family is revoked.
 */
export async function refreshSession(db: Database, presented: string, now: Date, settings: TokenSettings) {
  const outcome = await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, sha256(presented)))
      .for('update');
    if (!row || row.revokedAt || row.expiresAt <= now) return { kind: 'invalid' as const };
    if (row.rotatedAt) {
      await tx
        .update(refreshTokens)
        .set({ revokedAt: now })
        .where(and(eq(refreshTokens.familyId, row.familyId), isNull(refreshTokens.revokedAt)));
      return { kind: 'reused' as const };
    }
    const [user] = await tx.select().from(users).where(eq(users.id, row.userId));
    if (!user || user.disabledAt) {
      await tx.update(refreshTokens).set({ revokedAt: now }).where(eq(refreshTokens.familyId, row.familyId));
      return { kind: 'disabled' as const };
    }
    await tx.update(refreshTokens).set({ rotatedAt: now }).where(eq(refreshTokens.id, row.id));
    const refreshToken = await insertRefreshToken(tx, user.id, row.familyId, now, settings.refreshTtlDays);
    return { kind: 'ok' as const, user, refreshToken };
  });
  if (outcome.kind === 'invalid') throw new DomainError('REFRESH_TOKEN_INVALID', 401);
  if (outcome.kind === 'reused') throw new DomainError('REFRESH_TOKEN_REUSED', 401);
  if (outcome.kind === 'disabled') throw new DomainError('ACCOUNT_DISABLED', 403);
  return {
    accessToken: settings.sign({ sub: outcome.user.id, role: outcome.user.role }),
    refreshToken: outcome.refreshToken,
    tokenType: 'Bearer' as const,
    user: presentUser(outcome.user),
  };
}

/** Logout: revokes the family of the presented refresh token (an unknown token is not an error). */
export async function revokeFamily(db: Database, presented: string, now: Date): Promise<void> {
  const [row] = await db
    .select({ familyId: refreshTokens.familyId })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, sha256(presented)));
  if (!row) return;
  await db
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.familyId, row.familyId), isNull(refreshTokens.revokedAt)));
}

export async function findUser(db: Database, userId: string): Promise<UserRow> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw notFound('USER_NOT_FOUND');
  return user;
}

export async function listUsers(
  db: Database,
  query: { limit: number; cursor?: string | undefined; role?: Role | undefined; q?: string | undefined },
) {
  const after = query.cursor ? decodeCursor(query.cursor, 2) : undefined;
  const rows = await db
    .select()
    .from(users)
    .where(
      and(
        query.role ? eq(users.role, query.role) : undefined,
        query.q
          ? or(
              ilike(users.email, `%${query.q}%`),
              ilike(users.displayName, `%${query.q}%`),
              ilike(users.mobile, `%${query.q}%`),
            )
          : undefined,
        after
          ? or(
              gt(users.createdAt, new Date(String(after[0]))),
              and(eq(users.createdAt, new Date(String(after[0]))), gt(users.id, String(after[1]))),
            )
          : undefined,
      ),
    )
    .orderBy(asc(users.createdAt), asc(users.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, presentUser, (row) => [row.createdAt.toISOString(), row.id]);
}

/** An organizer changes a role or disables an account; every refresh token of the user is revoked. */
export async function updateUser(
  db: Database,
  actorId: string,
  userId: string,
  input: { role?: Role | undefined; disabled?: boolean | undefined },
  now: Date,
) {
  if (actorId === userId) throw new DomainError('CANNOT_CHANGE_OWN_ACCOUNT', 409);
  await findUser(db, userId);
  return db.transaction(async (tx) => {
    const [user] = await tx
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
    return presentUser(user!);
  });
}

/** Creates the admin account if no account has that email; used by the CLI and the env bootstrap. */
export async function ensureAdmin(
  db: Database,
  email: string,
  password: string,
  displayName = '管理员',
): Promise<{ created: boolean; user: UserRow }> {
  const [existing] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${normalizeEmail(email)}`);
  if (existing) return { created: false, user: existing };
  return { created: true, user: await createUser(db, { email, password, displayName, role: 'admin' }) };
}
