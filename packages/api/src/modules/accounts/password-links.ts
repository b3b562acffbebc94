import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Locale } from '@saishi/shared';
import type { Db, Deps } from '../../lib/deps.js';
import { DomainError } from '../../lib/errors.js';
import { assertPasswordAccepted } from './password-policy.js';
import { hashPassword, normalizeLogin } from './service.js';
import { passwordTokens, refreshTokens, users } from './tables.js';

/** How long a reset link works. */
export const RESET_LINK_MINUTES = 30;
/** How long an expert's invitation link works. */
export const INVITATION_LINK_DAYS = 7;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * A new one-time link for the account, in `tx`: earlier unused links of the account stop working.
 * Returns the token, which only the message carries (the table keeps its hash).
 */
export async function issuePasswordToken(
  tx: Db,
  userId: string,
  purpose: 'reset' | 'invitation',
  now: Date,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const minutes = purpose === 'reset' ? RESET_LINK_MINUTES : INVITATION_LINK_DAYS * 24 * 60;
  await tx
    .update(passwordTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt)));
  await tx.insert(passwordTokens).values({
    userId,
    purpose,
    tokenHash: sha256(token),
    expiresAt: new Date(now.getTime() + minutes * 60_000),
    createdAt: now,
  });
  return token;
}

/**
 * Someone forgot their password: a reset link goes to the account's e-mail (else its mobile). The
 * answer is the same whether or not the login is registered; a disabled or unconfirmed account
 * gets nothing.
 */
export async function requestPasswordReset(deps: Deps, login: string, locale: Locale): Promise<void> {
  const normalized = normalizeLogin(login);
  const condition = normalized.includes('@')
    ? sql`lower(${users.email}) = ${normalized}`
    : eq(users.mobile, normalized);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(condition);
    if (!user || user.disabledAt || !user.verifiedAt) return;
    const token = await issuePasswordToken(tx, user.id, 'reset', now);
    await deps.notify?.(
      {
        kind: 'password_reset',
        userId: user.id,
        params: { minutes: String(RESET_LINK_MINUTES) },
        secrets: { token },
        locale,
      },
      tx,
    );
  });
}

/**
 * Chooses a password with a link's token (reset or invitation): the token is used up, and every
 * session of the account ends. An unknown, used or expired token is refused alike.
 */
export async function setPasswordWithToken(deps: Deps, token: string, password: string): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ link: passwordTokens, user: users })
      .from(passwordTokens)
      .innerJoin(users, eq(users.id, passwordTokens.userId))
      .where(eq(passwordTokens.tokenHash, sha256(token)))
      .for('update');
    if (!row || row.link.usedAt || row.link.expiresAt <= now || row.user.disabledAt) {
      throw new DomainError('PASSWORD_LINK_INVALID', 400, {
        fields: [{ path: '/body/token', code: 'PASSWORD_LINK_INVALID' }],
      });
    }
    assertPasswordAccepted(password, [row.user.email, row.user.mobile]);
    await tx.update(passwordTokens).set({ usedAt: now }).where(eq(passwordTokens.id, row.link.id));
    await tx
      .update(users)
      .set({ passwordHash: await hashPassword(password), verifiedAt: row.user.verifiedAt ?? now })
      .where(eq(users.id, row.user.id));
    await tx
      .update(refreshTokens)
      .set({ revokedAt: now })
      .where(and(eq(refreshTokens.userId, row.user.id), isNull(refreshTokens.revokedAt)));
  });
}
