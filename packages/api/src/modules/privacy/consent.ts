import { and, desc, eq, max } from 'drizzle-orm';
import type { Static } from 'typebox';
import type { ConsentScope } from '@saishi/shared';
import type { Actor, Db, Deps } from '../../lib/deps.js';
import { DomainError } from '../../lib/errors.js';
import { isUuid } from '../editions/resolve.js';
import { editions } from '../editions/tables.js';
import type { PrivacyNoticeBody } from './schemas.js';
import { privacyConsents, privacyNotices } from './tables.js';

/**
 * The privacy notice of an edition and the consents given to it (个人信息保护法 §14, §17, §29):
 * nothing personal is collected before the person consented to the current version, and
 * sensitive information (ID document images) needs its own, separate consent.
 */

type NoticeRow = typeof privacyNotices.$inferSelect;

function presentNotice(notice: NoticeRow) {
  return {
    id: notice.id,
    editionId: notice.editionId,
    version: notice.version,
    text: { 'zh-CN': notice.textZh, en: notice.textEn },
    publishedAt: notice.publishedAt.toISOString(),
  };
}

async function latestNotice(db: Db, editionId: string): Promise<NoticeRow | undefined> {
  const [notice] = await db
    .select()
    .from(privacyNotices)
    .where(eq(privacyNotices.editionId, editionId))
    .orderBy(desc(privacyNotices.version))
    .limit(1);
  return notice;
}

/** The edition's notice in force (its latest version), or 404 `PRIVACY_NOTICE_MISSING`. */
export async function currentNotice(deps: Pick<Deps, 'db'>, editionId: string) {
  const notice = await latestNotice(deps.db, editionId);
  if (!notice) throw new DomainError('PRIVACY_NOTICE_MISSING', 404);
  return presentNotice(notice);
}

/** An organizer publishes the next version of the edition's notice; consents to older ones no longer count. */
export async function publishNotice(
  deps: Deps,
  editionId: string,
  input: Static<typeof PrivacyNoticeBody>,
  actor: Actor,
) {
  const notice = await deps.db.transaction(async (tx) => {
    // The edition row is locked so that two publications cannot take the same version number.
    await tx.select({ id: editions.id }).from(editions).where(eq(editions.id, editionId)).for('update');
    const [last] = await tx
      .select({ version: max(privacyNotices.version) })
      .from(privacyNotices)
      .where(eq(privacyNotices.editionId, editionId));
    const [inserted] = await tx
      .insert(privacyNotices)
      .values({
        editionId,
        version: (last?.version ?? 0) + 1,
        textZh: input.text['zh-CN'],
        textEn: input.text.en,
        publishedAt: deps.clock.now(),
        publishedBy: actor.sub,
      })
      .returning();
    return inserted!;
  });
  return presentNotice(notice);
}

/**
 * The notice a person says they accept must be the version in force: an unknown one is 404, an
 * older one 409 `PRIVACY_NOTICE_OUTDATED` (they have not read what is asked now).
 */
export async function assertNoticeInForce(db: Db, noticeId: string, path: string): Promise<NoticeRow> {
  const [notice] = isUuid(noticeId)
    ? await db.select().from(privacyNotices).where(eq(privacyNotices.id, noticeId))
    : [];
  if (!notice)
    throw new DomainError('PRIVACY_NOTICE_NOT_FOUND', 404, { fields: [{ path, code: 'PRIVACY_NOTICE_NOT_FOUND' }] });
  const latest = await latestNotice(db, notice.editionId);
  if (latest && latest.id !== notice.id)
    throw new DomainError('PRIVACY_NOTICE_OUTDATED', 409, {
      params: { current: latest.version },
      fields: [{ path, code: 'PRIVACY_NOTICE_OUTDATED', params: { current: latest.version } }],
    });
  return notice;
}

/** Records the person's consent to the notice in force, once per scope (giving it again changes nothing). */
export async function recordConsent(
  db: Db,
  userId: string,
  noticeId: string,
  scopes: readonly ConsentScope[],
  now: Date,
  path = '/body/noticeId',
): Promise<void> {
  await assertNoticeInForce(db, noticeId, path);
  await db
    .insert(privacyConsents)
    .values(scopes.map((scope) => ({ userId, noticeId, scope, givenAt: now })))
    .onConflictDoNothing();
}

/** Every consent the person gave, newest first, with the notice version it was given to. */
export async function listConsents(deps: Pick<Deps, 'db'>, userId: string) {
  const rows = await deps.db
    .select({ consent: privacyConsents, notice: privacyNotices })
    .from(privacyConsents)
    .innerJoin(privacyNotices, eq(privacyNotices.id, privacyConsents.noticeId))
    .where(eq(privacyConsents.userId, userId))
    .orderBy(desc(privacyConsents.givenAt), desc(privacyNotices.version), privacyConsents.scope);
  return rows.map(({ consent, notice }) => ({
    noticeId: notice.id,
    editionId: notice.editionId,
    version: notice.version,
    scope: consent.scope,
    givenAt: consent.givenAt.toISOString(),
  }));
}

/**
 * Refuses to collect what the scope covers before the person consented to the edition's notice in
 * force: 409 `PRIVACY_NOTICE_MISSING` without a notice, 422 `CONSENT_REQUIRED` naming the consent.
 */
export async function assertConsent(db: Db, userId: string, editionId: string, scope: ConsentScope): Promise<void> {
  const notice = await latestNotice(db, editionId);
  if (!notice) throw new DomainError('PRIVACY_NOTICE_MISSING', 409);
  const [consent] = await db
    .select({ id: privacyConsents.id })
    .from(privacyConsents)
    .where(
      and(
        eq(privacyConsents.userId, userId),
        eq(privacyConsents.noticeId, notice.id),
        eq(privacyConsents.scope, scope),
      ),
    );
  if (!consent)
    throw new DomainError('CONSENT_REQUIRED', 422, {
      params: { consent: scope, noticeId: notice.id, version: notice.version },
    });
}
