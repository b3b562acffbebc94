import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Static } from 'typebox';
import type { PersonalDataAccessKind } from '@saishi/shared';
import type { Actor, Db, Deps } from '../../lib/deps.js';
import { DomainError, forbidden, notFound } from '../../lib/errors.js';
import { decodeCursor, instantKey, instantParam, toPage } from '../../lib/pagination.js';
import { firstOrThrow } from '../../lib/rows.js';
import { organizerScope } from '../../lib/scope.js';
import { users } from '../accounts/tables.js';
import type { AccessLogQuery } from './schemas.js';
import { personalDataAccessLog, personalDataGrants } from './tables.js';

/**
 * Minimization (个人信息保护法 §6, §51; GB/T 35273 §7.4): organizers' lists and exports show
 * contacts masked; an organizer holding `personalData.view` unmasks one person's contact or an
 * export's, each time giving a reason, and each access is logged: who, when, whose, why.
 */

/** Whether the user holds the right to see personal contacts unmasked. */
export async function holdsPersonalDataRight(db: Db, userId: string): Promise<boolean> {
  const [grant] = await db
    .select({ userId: personalDataGrants.userId })
    .from(personalDataGrants)
    .where(eq(personalDataGrants.userId, userId));
  return grant !== undefined;
}

/** 403 `PERSONAL_DATA_RIGHT_REQUIRED` unless the actor is an organizer holding the right. */
export async function assertPersonalDataRight(db: Db, actor: Actor): Promise<void> {
  if (actor.role !== 'admin' || !(await holdsPersonalDataRight(db, actor.sub)))
    throw forbidden('PERSONAL_DATA_RIGHT_REQUIRED');
}

/** Only a platform organizer (no division scope) grants and revokes the right, and reads the log. */
async function assertPlatformOrganizer(db: Db, actor: Actor): Promise<void> {
  if (actor.role !== 'admin' || (await organizerScope(db, actor.sub)) !== null) throw forbidden();
}

export interface AccessRecord {
  actor: Actor;
  subjectUserIds: readonly string[];
  kind: PersonalDataAccessKind;
  resource: string;
  reason: string;
}

/**
 * Logs one access per person whose data was shown, in one statement whatever their number: the
 * people go as one array parameter (an export names tens of thousands).
 */
export async function logAccess(db: Db, record: AccessRecord, now: Date): Promise<void> {
  const { subjectUserIds, kind, ...shared } = record;
  await logAccesses(
    db,
    shared,
    subjectUserIds.map((subjectUserId) => ({ subjectUserId, kind })),
    now,
  );
}

/**
 * Logs accesses of one act (an export's page) to several people, each with its own kind (e.g.
 * `export` for those whose contacts went out, `export_masked` for the others), in one statement:
 * the people and their kinds go as two array parameters. A person is logged once per kind.
 */
export async function logAccesses(
  db: Db,
  record: Omit<AccessRecord, 'subjectUserIds' | 'kind'>,
  entries: readonly { subjectUserId: string; kind: PersonalDataAccessKind }[],
  now: Date,
): Promise<void> {
  const unique = new Map(entries.map((entry) => [`${entry.kind} ${entry.subjectUserId}`, entry]));
  if (unique.size === 0) return;
  const subjects = [...unique.values()].map((entry) => entry.subjectUserId);
  const kinds = [...unique.values()].map((entry) => entry.kind);
  await db.execute(sql`
    insert into ${personalDataAccessLog} (actor_user_id, subject_user_id, kind, resource, reason, at)
    select ${record.actor.sub}::uuid, entry.subject, entry.kind, ${record.resource}, ${record.reason}, ${now}
      from unnest(${sql.param(subjects)}::uuid[], ${sql.param(kinds)}::text[]) as entry(subject, kind)`);
}

const presentGrant = (userId: string, grantedAt: Date | null) => ({
  userId,
  personalDataView: grantedAt !== null,
  grantedAt: grantedAt?.toISOString() ?? null,
});

/** Grants `personalData.view` to an organizer account (409 `PERSONAL_DATA_RIGHT_ORGANIZERS_ONLY` for others). */
export async function grantRight(deps: Deps, userId: string, actor: Actor) {
  await assertPlatformOrganizer(deps.db, actor);
  const [user] = await deps.db.select({ role: users.role }).from(users).where(eq(users.id, userId));
  if (!user) throw notFound('USER_NOT_FOUND');
  if (user.role !== 'admin') throw new DomainError('PERSONAL_DATA_RIGHT_ORGANIZERS_ONLY', 409);
  await deps.db
    .insert(personalDataGrants)
    .values({ userId, grantedBy: actor.sub, grantedAt: deps.clock.now() })
    .onConflictDoNothing();
  const [grant] = await deps.db.select().from(personalDataGrants).where(eq(personalDataGrants.userId, userId));
  return presentGrant(userId, grant?.grantedAt ?? null);
}

export async function revokeRight(deps: Deps, userId: string, actor: Actor) {
  await assertPlatformOrganizer(deps.db, actor);
  await deps.db.delete(personalDataGrants).where(eq(personalDataGrants.userId, userId));
  return presentGrant(userId, null);
}

/** An organizer holding the right sees one person's contact unmasked; the access is logged with the reason. */
export async function revealContact(deps: Deps, userId: string, reason: string, actor: Actor) {
  await assertPersonalDataRight(deps.db, actor);
  const rows = await deps.db
    .select({ id: users.id, displayName: users.displayName, email: users.email, mobile: users.mobile })
    .from(users)
    .where(eq(users.id, userId));
  const user = firstOrThrow(rows, () => notFound('USER_NOT_FOUND'));
  await logAccess(
    deps.db,
    { actor, subjectUserIds: [userId], kind: 'reveal', resource: `users/${userId}/contact`, reason },
    deps.clock.now(),
  );
  return { userId: user.id, displayName: user.displayName, email: user.email, mobile: user.mobile };
}

export function presentAccess(row: typeof personalDataAccessLog.$inferSelect) {
  return {
    id: row.id,
    actorUserId: row.actorUserId,
    subjectUserId: row.subjectUserId,
    kind: row.kind,
    resource: row.resource,
    reason: row.reason,
    at: row.at.toISOString(),
  };
}

/** The access log, newest first, filtered by whose data or by who looked (platform organizers). */
export async function listAccessLog(deps: Deps, query: Static<typeof AccessLogQuery>, actor: Actor) {
  await assertPlatformOrganizer(deps.db, actor);
  const after = query.cursor ? decodeCursor(query.cursor, ['instant', 'uuid']) : undefined;
  const log = personalDataAccessLog;
  const filters = and(
    query.subjectUserId ? eq(log.subjectUserId, query.subjectUserId) : undefined,
    query.actorUserId ? eq(log.actorUserId, query.actorUserId) : undefined,
  );
  const rows = await deps.db
    .select({ entry: log, atKey: instantKey(log.at) })
    .from(log)
    .where(
      and(
        filters,
        after
          ? or(lt(log.at, instantParam(after[0])), and(eq(log.at, instantParam(after[0])), lt(log.id, after[1])))
          : undefined,
      ),
    )
    .orderBy(desc(log.at), desc(log.id))
    .limit(query.limit + 1);
  return toPage(
    rows,
    query.limit,
    (row) => presentAccess(row.entry),
    (row) => [row.atKey, row.entry.id],
    await deps.db.$count(log, filters),
  );
}
