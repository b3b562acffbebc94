import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Static } from 'typebox';
import type { Locale } from '@saishi/shared';
import type { Deps } from '../../lib/deps.js';
import { DomainError } from '../../lib/errors.js';
import { assertNoticeInForce, recordConsent } from '../privacy/consent.js';
import { assertPasswordAccepted } from './password-policy.js';
import type { SignUpBody, VerifyBody } from './schemas.js';
import { hashPassword, normalizeLogin, type UserRow } from './service.js';
import { users } from './tables.js';

/** How long a sign-up code works. */
export const VERIFICATION_CODE_MINUTES = 15;

export interface VerificationMessage {
  channel: 'email' | 'sms';
  to: string;
  code: string;
  /** How long the code works. */
  minutes: number;
  /** The language of the person signing up (their request's). */
  locale?: Locale;
}

/** Sends the sign-up code: the messenger (modules/messages), or a memory sender in tests. */
export interface VerificationSender {
  send(message: VerificationMessage): Promise<void>;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A fresh 6-digit code, the hash to store instead of it, and when it stops working. */
export function newVerificationCode(now: Date) {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  return { code, hash: sha256(code), expiresAt: new Date(now.getTime() + VERIFICATION_CODE_MINUTES * 60_000) };
}

/** Whether the code is the one stored (as its hash), in constant time; no stored hash never matches. */
export function codeMatches(storedHash: string | null, code: string): boolean {
  const expected = Buffer.from(storedHash ?? sha256('no code'), 'hex');
  return timingSafeEqual(expected, Buffer.from(sha256(code), 'hex')) && storedHash !== null;
}

const loginCondition = (login: string) =>
  login.includes('@') ? sql`lower(${users.email}) = ${normalizeLogin(login)}` : eq(users.mobile, login.trim());

/**
 * Sign-up that tells nothing about existing accounts: the answer is the same whether the login
 * is new, pending or taken. A new login gets an unverified account and a code; a pending one
 * (never confirmed) takes the new password and name and a new code, since only the owner of the
 * address can confirm it; a verified one is left alone and nothing is sent.
 */
export async function signUp(
  deps: Deps,
  sender: VerificationSender,
  input: Static<typeof SignUpBody>,
  locale?: Locale,
): Promise<{ channel: 'email' | 'sms'; expiresAt: string }> {
  const login = input.email ?? input.mobile;
  if (!login)
    throw new DomainError('LOGIN_REQUIRED', 400, { fields: [{ path: '/body/email', code: 'LOGIN_REQUIRED' }] });
  assertPasswordAccepted(input.password, [input.email, input.mobile]);
  const noticeId = await assertPersonalConsent(deps, input.privacyNoticeId);
  const channel = input.email ? ('email' as const) : ('sms' as const);
  const now = deps.clock.now();
  const { code, hash, expiresAt } = newVerificationCode(now);
  const pending = {
    passwordHash: await hashPassword(input.password),
    displayName: input.displayName,
    verificationCodeHash: hash,
    verificationExpiresAt: expiresAt,
  };
  const stored = await deps.db.transaction(async (tx) => {
    const [existing] = await tx.select().from(users).where(loginCondition(login)).for('update');
    if (existing?.verifiedAt) return false;
    if (existing) await tx.update(users).set(pending).where(eq(users.id, existing.id));
    const [created] = existing
      ? []
      : await tx
          .insert(users)
          .values({
            email: input.email ? normalizeLogin(input.email) : null,
            mobile: input.mobile ?? null,
            role: 'participant',
            verifiedAt: null,
            createdAt: now,
            ...pending,
          })
          .returning({ id: users.id });
    await recordConsent(tx, (existing ?? created)!.id, noticeId, ['personal'], now, CONSENT_PATH);
    return true;
  });
  if (stored)
    await sender.send({
      channel,
      to: normalizeLogin(login),
      code,
      minutes: VERIFICATION_CODE_MINUTES,
      ...(locale ? { locale } : {}),
    });
  return { channel, expiresAt: expiresAt.toISOString() };
}

const CONSENT_PATH = '/body/privacyNoticeId';

/**
 * Nothing is collected before the person consented to the privacy notice in force: without it,
 * 422 `CONSENT_REQUIRED` naming the consent; an outdated or unknown notice is refused as well.
 */
async function assertPersonalConsent(deps: Deps, noticeId: string | undefined): Promise<string> {
  if (!noticeId)
    throw new DomainError('CONSENT_REQUIRED', 422, {
      params: { consent: 'personal' },
      fields: [{ path: CONSENT_PATH, code: 'CONSENT_REQUIRED', params: { consent: 'personal' } }],
    });
  await assertNoticeInForce(deps.db, noticeId, CONSENT_PATH);
  return noticeId;
}

/** Confirms the code sent at sign-up: the account becomes usable. Wrong, expired or unknown: one answer. */
export async function confirmSignUp(deps: Deps, input: Static<typeof VerifyBody>): Promise<UserRow> {
  const now = deps.clock.now();
  const [user] = await deps.db
    .select()
    .from(users)
    .where(and(loginCondition(input.login), isNull(users.verifiedAt)));
  const matches = codeMatches(user?.verificationCodeHash ?? null, input.code);
  if (!user || !matches || !user.verificationExpiresAt || user.verificationExpiresAt <= now)
    throw new DomainError('VERIFICATION_CODE_INVALID', 400, {
      fields: [{ path: '/body/code', code: 'VERIFICATION_CODE_INVALID' }],
    });
  const [verified] = await deps.db
    .update(users)
    .set({ verifiedAt: now, verificationCodeHash: null, verificationExpiresAt: null })
    .where(and(eq(users.id, user.id), isNull(users.verifiedAt)))
    .returning();
  if (!verified) throw new DomainError('VERIFICATION_CODE_INVALID', 400);
  return verified;
}
