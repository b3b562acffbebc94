import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Static } from 'typebox';
import {
  isDepartedMobileOver,
  isRetentionOver,
  type RetainedMembership,
  type RetentionKind,
  type StudentIdRetentionAnchor,
} from '@saishi/shared';
import type { Actor, Db, Deps } from '../../lib/deps.js';
import { notFound } from '../../lib/errors.js';
import { users } from '../accounts/tables.js';
import { resultPublications } from '../awards/tables.js';
import { editions } from '../editions/tables.js';
import { discardStoredFiles, purgeDiscardedFiles } from '../files/discard.js';
import { deliveries } from '../messages/tables.js';
import { appendLedger } from '../ledger/service.js';
import { qualificationTransitions, teamDepartures, teamMembers, teams } from '../teams/tables.js';
import type { RetentionPolicyBody } from './schemas.js';
import { retentionPolicies } from './tables.js';

/**
 * Retention (个人信息保护法 §19, §47; GB/T 35273 §6.1): personal information is deleted once its
 * purpose is fulfilled, as each edition's organizers set it (`retention_policies`): student ID
 * images N days after the team's qualification decision or the results' publication, and the
 * mobile numbers of participants who left N days after their editions closed. A job applies the
 * periods (./retention.plugin.ts); organizers see beforehand what it would delete (the dry run).
 * Replaced or removed documents are not kept at all: they are deleted when replaced (files/discard).
 */

type PolicyRow = typeof retentionPolicies.$inferSelect;

/** The policy of an edition that set none: everything kept (null periods). */
const NO_POLICY = {
  studentIdImageDays: null,
  studentIdImageAnchor: 'qualification',
  departedMobileDays: null,
} as const;

function presentPolicy(editionId: string, row: PolicyRow | undefined) {
  return {
    editionId,
    studentIdImageDays: row?.studentIdImageDays ?? null,
    studentIdImageAnchor: row?.studentIdImageAnchor ?? NO_POLICY.studentIdImageAnchor,
    departedMobileDays: row?.departedMobileDays ?? null,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    updatedBy: row?.updatedBy ?? null,
  };
}

async function policyRow(db: Db, editionId: string): Promise<PolicyRow | undefined> {
  const [row] = await db.select().from(retentionPolicies).where(eq(retentionPolicies.editionId, editionId));
  return row;
}

export async function getPolicy(deps: Pick<Deps, 'db'>, editionId: string) {
  return presentPolicy(editionId, await policyRow(deps.db, editionId));
}

/** Organizers set the edition's periods (validated by the body's schema and the table's checks). */
export async function setPolicy(
  deps: Deps,
  editionId: string,
  input: Static<typeof RetentionPolicyBody>,
  actor: Actor,
) {
  const values = {
    studentIdImageDays: input.studentIdImageDays,
    studentIdImageAnchor: input.studentIdImageAnchor,
    departedMobileDays: input.departedMobileDays,
    updatedAt: deps.clock.now(),
    updatedBy: actor.sub,
  };
  const [row] = await deps.db
    .insert(retentionPolicies)
    .values({ editionId, ...values })
    .onConflictDoUpdate({ target: retentionPolicies.editionId, set: values })
    .returning();
  return presentPolicy(editionId, row);
}

/** What is due for deletion in an edition now: the members' cards, and the users whose mobile goes. */
interface RetentionPlan {
  /** team_members ids and the file each holds. */
  cards: { memberId: string; fileId: string }[];
  /** users whose mobile number is due. */
  mobileUserIds: string[];
}

/** The instant each card of the edition is kept from: its team's decision, or the results' publication. */
async function cardsWithAnchor(db: Db, editionId: string, anchor: StudentIdRetentionAnchor) {
  const cards = await db
    .select({
      memberId: teamMembers.id,
      fileId: teamMembers.studentIdFileId,
      teamId: teams.id,
      status: teams.qualificationStatus,
    })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(and(eq(teamMembers.editionId, editionId), isNotNull(teamMembers.studentIdFileId)));
  if (anchor === 'results') {
    const [published] = await db
      .select({ at: resultPublications.publishedAt })
      .from(resultPublications)
      .where(eq(resultPublications.editionId, editionId));
    return cards.map((card) => ({ ...card, anchorAt: published?.at ?? null }));
  }
  // A team decided (approved or rejected) is anchored at its latest transition to that status;
  // a team sent back or still in draft or qualification needs its cards: no anchor.
  const decided = cards.filter((card) => card.status === 'approved' || card.status === 'rejected');
  const transitions =
    decided.length === 0
      ? []
      : await db
          .select({
            teamId: qualificationTransitions.teamId,
            to: qualificationTransitions.toStatus,
            at: qualificationTransitions.at,
          })
          .from(qualificationTransitions)
          .where(inArray(qualificationTransitions.teamId, [...new Set(decided.map((card) => card.teamId))]));
  const decidedAt = new Map<string, Date>();
  const statusOf = new Map(decided.map((card) => [card.teamId, card.status]));
  for (const transition of transitions) {
    if (statusOf.get(transition.teamId) !== transition.to) continue;
    const last = decidedAt.get(transition.teamId);
    if (!last || transition.at > last) decidedAt.set(transition.teamId, transition.at);
  }
  return cards.map((card) => ({ ...card, anchorAt: decidedAt.get(card.teamId) ?? null }));
}

/**
 * The editions each person took part in: their memberships, and the teams they left (their
 * membership row is gone, their personal information is not), with each edition's period.
 */
async function editionsTakenPartIn(db: Db, userIds: string[]) {
  const of = (table: typeof teamMembers | typeof teamDepartures) =>
    db
      .select({
        userId: table.userId,
        editionStatus: editions.status,
        archivedAt: editions.archivedAt,
        departedMobileDays: retentionPolicies.departedMobileDays,
      })
      .from(table)
      .innerJoin(editions, eq(editions.id, table.editionId))
      .leftJoin(retentionPolicies, eq(retentionPolicies.editionId, table.editionId))
      .where(inArray(table.userId, userIds));
  return [...(await of(teamMembers)), ...(await of(teamDepartures))];
}

/**
 * Participants of the edition holding a mobile number whose every edition is closed and past its
 * period: its members, and those who left one of its teams.
 */
async function departedMobileUsers(db: Db, editionId: string, now: Date): Promise<string[]> {
  const withMobile = (table: typeof teamMembers | typeof teamDepartures) =>
    db
      .selectDistinct({ userId: users.id })
      .from(table)
      .innerJoin(users, eq(users.id, table.userId))
      .where(and(eq(table.editionId, editionId), eq(users.role, 'participant'), isNotNull(users.mobile)));
  const candidates = [
    ...new Set([...(await withMobile(teamMembers)), ...(await withMobile(teamDepartures))].map((row) => row.userId)),
  ];
  if (candidates.length === 0) return [];
  const byUser = new Map<string, RetainedMembership[]>();
  for (const { userId, ...membership } of await editionsTakenPartIn(db, candidates))
    byUser.set(userId, [...(byUser.get(userId) ?? []), membership]);
  return [...byUser].filter(([, held]) => isDepartedMobileOver(held, now)).map(([userId]) => userId);
}

async function planRetention(db: Db, editionId: string, now: Date): Promise<RetentionPlan> {
  const policy = (await policyRow(db, editionId)) ?? NO_POLICY;
  const cards =
    policy.studentIdImageDays === null
      ? []
      : (await cardsWithAnchor(db, editionId, policy.studentIdImageAnchor))
          .filter((card) => isRetentionOver(card.anchorAt, policy.studentIdImageDays, now))
          .flatMap((card) => (card.fileId ? [{ memberId: card.memberId, fileId: card.fileId }] : []));
  const mobileUserIds = policy.departedMobileDays === null ? [] : await departedMobileUsers(db, editionId, now);
  return { cards, mobileUserIds };
}

type RetentionCounts = Record<RetentionKind, number>;

const countsOf = (plan: { cards: unknown[]; mobileUserIds: unknown[] }): RetentionCounts => ({
  student_id_images: plan.cards.length,
  departed_mobiles: plan.mobileUserIds.length,
});

async function assertEdition(db: Db, editionId: string): Promise<void> {
  const [edition] = await db.select({ id: editions.id }).from(editions).where(eq(editions.id, editionId));
  if (!edition) throw notFound('EDITION_NOT_FOUND', { edition: editionId });
}

/** The dry run: what the job would delete in the edition now, counts per kind; nothing is deleted. */
export async function retentionReport(deps: Pick<Deps, 'db' | 'clock'>, editionId: string) {
  await assertEdition(deps.db, editionId);
  const asOf = deps.clock.now();
  const counts = countsOf(await planRetention(deps.db, editionId, asOf));
  return {
    editionId,
    asOf: asOf.toISOString(),
    items: Object.entries(counts).map(([kind, count]) => ({ kind: kind as RetentionKind, count })),
  };
}

/**
 * Deletes what is due in one edition, in one transaction recorded in the ledger (counts only,
 * never names or numbers); the card images' bytes go once it has committed. Running it again
 * finds nothing left to delete and records nothing: it is idempotent.
 */
async function applyToEdition(deps: Pick<Deps, 'db' | 'clock' | 'storage'>, editionId: string, now: Date) {
  const { counts, discarded } = await deps.db.transaction(async (tx) => {
    const plan = await planRetention(tx, editionId, now);
    // Only what is still there counts: a concurrent change (a new card, an erasure) is left alone.
    const cleared = [];
    for (const card of plan.cards) {
      const rows = await tx
        .update(teamMembers)
        .set({ studentIdFileId: null })
        .where(and(eq(teamMembers.id, card.memberId), eq(teamMembers.studentIdFileId, card.fileId)))
        .returning({ id: teamMembers.id });
      if (rows.length > 0) cleared.push(card.fileId);
    }
    const fileIds = await discardStoredFiles(tx, cleared, now);
    const mobiles =
      plan.mobileUserIds.length === 0
        ? []
        : await tx
            .select({ id: users.id, mobile: users.mobile })
            .from(users)
            .where(and(inArray(users.id, plan.mobileUserIds), isNotNull(users.mobile)))
            .for('update');
    const numbers = mobiles.flatMap((row) => (row.mobile ? [row.mobile] : []));
    if (numbers.length > 0) {
      await tx
        .update(users)
        .set({ mobile: null })
        .where(
          inArray(
            users.id,
            mobiles.map((row) => row.id),
          ),
        );
      // The text messages' records name the number too.
      await tx.delete(deliveries).where(inArray(deliveries.recipient, numbers));
    }
    const done = countsOf({ cards: cleared, mobileUserIds: numbers });
    if (done.student_id_images + done.departed_mobiles > 0) {
      await appendLedger(
        tx,
        {
          action: 'retention.applied',
          actorId: null,
          subjectType: 'edition',
          subjectId: editionId,
          payload: { counts: done },
        },
        now,
      );
    }
    return { counts: done, discarded: fileIds };
  });
  // A storage fault leaves the rows marked: the storage sweep deletes them later.
  await purgeDiscardedFiles(deps, discarded);
  return counts;
}

/** Applies every edition's periods now; what was deleted per edition (editions with a policy only). */
export async function applyRetention(deps: Pick<Deps, 'db' | 'clock' | 'storage'>) {
  const now = deps.clock.now();
  const policies = await deps.db.select({ editionId: retentionPolicies.editionId }).from(retentionPolicies);
  const editionsDone = [];
  for (const { editionId } of policies)
    editionsDone.push({ editionId, counts: await applyToEdition(deps, editionId, now) });
  return { asOf: now.toISOString(), editions: editionsDone };
}
