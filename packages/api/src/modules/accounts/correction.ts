import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Static } from 'typebox';
import {
  checkPersonalDataCorrection,
  maskEmail,
  maskMobile,
  ROSTER_JUDGED_STATUSES,
  type JudgedTeam,
  type Locale,
} from '@saishi/shared';
import type { Actor, Db, Deps } from '../../lib/deps.js';
import { assertNoViolations, DomainError, notFound } from '../../lib/errors.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { firstOrThrow } from '../../lib/rows.js';
import { editions } from '../editions/tables.js';
import { recordDecision } from '../ledger/service.js';
import { deliveries, notifications } from '../messages/tables.js';
import { teamMembers, teams } from '../teams/tables.js';
import type { ContactVerificationBody, MeUpdateBody } from './schemas.js';
import { normalizeLogin, presentUser, type UserRow } from './service.js';
import { users } from './tables.js';
import {
  codeMatches,
  newVerificationCode,
  VERIFICATION_CODE_MINUTES,
  type VerificationSender,
} from './verification.js';

/**
 * A person corrects their own personal information (个人信息保护法 §46). The name changes at once,
 * unless a team of theirs is judged (`ROSTER_JUDGED_STATUSES`): organizers judged that roster.
 * A new email or mobile is a login the platform verifies, so it changes only once the code sent
 * to it is confirmed. Each correction is recorded in the ledger by field name only: the ledger
 * outlives the data and must never hold the old or the new values.
 */

type CorrectedField = 'displayName' | 'email' | 'mobile';

async function judgedTeamOf(db: Db, userId: string): Promise<JudgedTeam | null> {
  const [judged] = await db
    .select({ team: teams.name, edition: editions.name })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .innerJoin(editions, eq(editions.id, teams.editionId))
    .where(
      and(
        eq(teamMembers.userId, userId),
        inArray(teams.qualificationStatus, ROSTER_JUDGED_STATUSES),
        ne(editions.status, 'archived'),
      ),
    )
    .limit(1);
  return judged ?? null;
}

function assertCorrectable(input: Static<typeof MeUpdateBody>, judged: JudgedTeam | null): void {
  const violations = checkPersonalDataCorrection(input, judged);
  if (input.email !== undefined && input.mobile !== undefined)
    violations.push({ code: 'CONTACT_CHANGE_ONE_AT_A_TIME', path: '/mobile' });
  const refused = violations.some((violation) => violation.code === 'PERSONAL_DATA_CORRECTION_REFUSED');
  assertNoViolations(
    violations.map((violation) => ({ ...violation, path: `/body${violation.path ?? ''}` })),
    refused ? 409 : 400,
  );
}

function recordCorrection(tx: Db, actor: Actor, fields: CorrectedField[], now: Date) {
  return recordDecision(
    tx,
    actor,
    { action: 'personal_data.corrected', subjectType: 'user', subjectId: actor.sub, payload: { fields } },
    now,
  );
}

/** Whether another account already uses the login: then no code is sent, yet the answer is the same. */
async function loginTakenByAnother(db: Db, userId: string, contact: string): Promise<boolean> {
  const [other] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(ne(users.id, userId), or(sql`lower(${users.email}) = ${contact}`, eq(users.mobile, contact))))
    .limit(1);
  return other !== undefined;
}

/**
 * `PATCH /me`: the name at once (recorded), a new email or mobile pending its code. Like sign-up,
 * the answer does not tell whether another account holds the new address: no code goes there then.
 */
export async function correctMe(
  deps: Deps,
  sender: VerificationSender,
  actor: Actor,
  input: Static<typeof MeUpdateBody>,
  locale?: Locale,
) {
  assertCorrectable(input, input.displayName !== undefined ? await judgedTeamOf(deps.db, actor.sub) : null);
  const now = deps.clock.now();
  const contact = input.email !== undefined ? normalizeLogin(input.email) : input.mobile;
  const channel = input.email !== undefined ? ('email' as const) : ('sms' as const);
  const { user, code } = await deps.db.transaction(async (tx) => {
    const [current] = await tx.select().from(users).where(eq(users.id, actor.sub)).for('update');
    if (!current) throw notFound('USER_NOT_FOUND');
    const displayName = input.displayName?.trim();
    const renamed = displayName !== undefined && displayName !== current.displayName;
    const changesContact = contact !== undefined && contact !== (channel === 'email' ? current.email : current.mobile);
    const verification = changesContact ? newVerificationCode(now) : null;
    const [updated] = await tx
      .update(users)
      .set({
        ...(renamed ? { displayName } : {}),
        ...(verification
          ? {
              pendingContact: contact,
              verificationCodeHash: verification.hash,
              verificationExpiresAt: verification.expiresAt,
            }
          : {}),
      })
      .where(eq(users.id, actor.sub))
      .returning();
    if (renamed) await recordCorrection(tx, actor, ['displayName'], now);
    return { user: updated ?? current, code: verification };
  });
  if (code && contact && !(await loginTakenByAnother(deps.db, actor.sub, contact)))
    await sender.send({
      channel,
      to: contact,
      code: code.code,
      minutes: VERIFICATION_CODE_MINUTES,
      ...(locale ? { locale } : {}),
    });
  return {
    user: presentUser(user),
    verification: code ? { channel, expiresAt: code.expiresAt.toISOString() } : null,
  };
}

/**
 * `POST /me/contact-verification`: the code sent to the new email or mobile makes it the login.
 * Wrong, expired or nothing pending: one answer. Another account took the address meanwhile: 409.
 */
export async function confirmContactChange(deps: Deps, actor: Actor, input: Static<typeof ContactVerificationBody>) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, actor.sub)).for('update');
    const pending = user?.pendingContact ?? null;
    const valid =
      codeMatches(user?.pendingContact ? user.verificationCodeHash : null, input.code) &&
      user?.verificationExpiresAt !== null &&
      user?.verificationExpiresAt !== undefined &&
      user.verificationExpiresAt > now;
    if (!user || !pending || !valid)
      throw new DomainError('VERIFICATION_CODE_INVALID', 400, {
        fields: [{ path: '/body/code', code: 'VERIFICATION_CODE_INVALID' }],
      });
    const field: CorrectedField = pending.includes('@') ? 'email' : 'mobile';
    let updated: UserRow;
    try {
      updated = firstOrThrow(
        await tx
          .update(users)
          .set({ [field]: pending, pendingContact: null, verificationCodeHash: null, verificationExpiresAt: null })
          .where(eq(users.id, actor.sub))
          .returning(),
      );
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_unique') || isUniqueViolation(error, 'users_mobile_unique'))
        throw new DomainError('LOGIN_TAKEN', 409);
      throw error;
    }
    // Codes sent to the old address are the only messages no user id ties to the person: once
    // the address is no longer theirs, deletion could not find them, so they go now.
    const previous = user[field];
    if (previous) {
      const codesToPrevious = tx
        .select({ id: deliveries.notificationId })
        .from(deliveries)
        .where(eq(deliveries.recipient, previous));
      await tx
        .delete(notifications)
        .where(and(eq(notifications.kind, 'verification_code'), inArray(notifications.id, codesToPrevious)));
      // The old address is told, so that a stolen session cannot move the login away unseen. The
      // notice is the person's own (their inbox, erased with them); the new address is masked.
      const newContact = (field === 'email' ? maskEmail(pending) : maskMobile(pending)) ?? '';
      await deps.notify?.(
        {
          kind: 'contact_changed',
          userId: actor.sub,
          to: field === 'email' ? { email: previous } : { mobile: previous },
          params: { newContact },
        },
        tx,
      );
    }
    await recordCorrection(tx, actor, [field], now);
    return presentUser(updated);
  });
}
