import { and, asc, desc, eq, ilike, inArray, lt, or, sql } from 'drizzle-orm';
import type { Static } from 'typebox';
import { DEFAULT_TIME_ZONE, type ConflictKind } from '@saishi/shared';
import type { Actor, Db, Deps, Transaction } from '../../lib/deps.js';
import { DomainError, forbidden, notFound } from '../../lib/errors.js';
import { wholeList } from '../../lib/http-schemas.js';
import { decodeCursor, toPage } from '../../lib/pagination.js';
import { firstOrThrow } from '../../lib/rows.js';
import { isoInZone, isoInZoneOrNull } from '../../lib/time.js';
import { users } from '../accounts/tables.js';
import { editions } from '../editions/tables.js';
import { recordDecision } from '../ledger/service.js';
import { projects } from '../projects/tables.js';
import { assignments, scores } from '../review/tables.js';
import { teams, units } from '../teams/tables.js';
import { conflictKeysOfExpert, projectConflictKeys } from './conflict-keys.js';
import type {
  ConflictBody,
  ConflictListQuery,
  ConflictReviewBody,
  ConflictSubjectQuery,
  ConflictWithdrawBody,
} from './schemas.js';
import { assertMaySee, assertValidCode, findExpert, normalizeCode } from './service.js';
import { expertConflicts } from './tables.js';
import { containsPattern } from '../../lib/text.js';

type ConflictInput = Static<typeof ConflictBody>;
type ConflictRow = typeof expertConflicts.$inferSelect;

/** What the conflict names, in words: the unit's, team's or project's name (a unit known only by code: none). */
async function subjectNames(db: Db, rows: readonly ConflictRow[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const idsOf = (kind: ConflictKind) =>
    rows.filter((row) => row.kind === kind && row.subjectId).map((row) => row.subjectId!);
  const unitIds = idsOf('unit');
  const teamIds = idsOf('team');
  const projectIds = idsOf('project');
  const codes = rows
    .filter((row) => row.kind === 'unit' && !row.subjectId && row.creditCode)
    .map((row) => row.creditCode!);
  if (unitIds.length > 0)
    for (const row of await db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, unitIds)))
      names.set(row.id, row.name);
  if (teamIds.length > 0)
    for (const row of await db.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, teamIds)))
      names.set(row.id, row.name);
  if (projectIds.length > 0)
    for (const row of await db
      .select({ id: projects.id, name: projects.title })
      .from(projects)
      .where(inArray(projects.id, projectIds)))
      names.set(row.id, row.name);
  // A unit named by its code alone: the most recent unit registered with that code names it.
  if (codes.length > 0)
    for (const row of await db
      .selectDistinctOn([units.creditCode], { code: units.creditCode, name: units.name })
      .from(units)
      .where(inArray(units.creditCode, codes))
      .orderBy(units.creditCode, desc(units.createdAt)))
      names.set(row.code, row.name);
  return names;
}

const presentConflict = (row: ConflictRow, names: Map<string, string>) => ({
  id: row.id,
  expertId: row.expertUserId,
  kind: row.kind,
  subjectId: row.subjectId,
  creditCode: row.creditCode,
  subjectName: names.get(row.subjectId ?? row.creditCode ?? '') ?? null,
  reason: row.reason,
  declaredBy: row.declaredBy,
  // A conflict belongs to an expert, not to an edition: presented in the platform's default zone.
  createdAt: isoInZone(row.createdAt, DEFAULT_TIME_ZONE),
  status: row.status,
  reviewNote: row.reviewNote,
  reviewedAt: isoInZoneOrNull(row.reviewedAt, DEFAULT_TIME_ZONE),
  withdrawnAt: isoInZoneOrNull(row.withdrawnAt, DEFAULT_TIME_ZONE),
  withdrawalReason: row.withdrawalReason,
});

async function presentOne(db: Db, row: ConflictRow) {
  return presentConflict(row, await subjectNames(db, [row]));
}

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
 * An expert's declaration keeps them off at once and waits for an organizer's review.
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
        status: actor.role === 'admin' ? 'confirmed' : 'pending',
        ...(actor.role === 'admin' ? { reviewedBy: actor.sub, reviewedAt: now } : {}),
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
          status: conflict.status,
        },
      },
      now,
    );
    await withdrawConflicting(tx, expertId, conflict.id, actor, now);
    return presentOne(tx, conflict);
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
  const names = await subjectNames(deps.db, rows);
  return rows.map((row) => presentConflict(row, names));
}

/** The conflict of the expert, locked; 404 when it is not theirs. */
async function lockConflict(tx: Transaction, expertId: string, conflictId: string): Promise<ConflictRow> {
  return firstOrThrow(
    await tx
      .select()
      .from(expertConflicts)
      .where(and(eq(expertConflicts.id, conflictId), eq(expertConflicts.expertUserId, expertId)))
      .for('update'),
    () => notFound('CONFLICT_NOT_FOUND'),
  );
}

/**
 * The expert (or an organizer) withdraws a conflict with a reason: it stays on record, no longer
 * keeps the expert off, and the next auto-assignment may assign the expert again.
 */
export async function withdrawConflict(
  deps: Deps,
  expertId: string,
  conflictId: string,
  input: Static<typeof ConflictWithdrawBody>,
  actor: Actor,
) {
  assertMaySee(actor, expertId);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const conflict = await lockConflict(tx, expertId, conflictId);
    if (conflict.withdrawnAt) throw new DomainError('CONFLICT_ALREADY_WITHDRAWN', 409);
    const row = firstOrThrow(
      await tx
        .update(expertConflicts)
        .set({ withdrawnAt: now, withdrawnBy: actor.sub, withdrawalReason: input.reason })
        .where(eq(expertConflicts.id, conflictId))
        .returning(),
    );
    await recordDecision(
      tx,
      actor,
      {
        action: 'conflict.withdrawn',
        subjectType: 'expert_conflict',
        subjectId: conflictId,
        payload: { expertId, kind: row.kind, conflictSubjectId: row.subjectId, reason: input.reason },
      },
      now,
    );
    return presentOne(tx, row);
  });
}

/** An organizer confirms or rejects an expert's pending declaration, with a note; a rejected one no longer counts. */
export async function reviewConflict(
  deps: Deps,
  expertId: string,
  conflictId: string,
  input: Static<typeof ConflictReviewBody>,
  actor: Actor,
) {
  if (actor.role !== 'admin') throw forbidden();
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const conflict = await lockConflict(tx, expertId, conflictId);
    if (conflict.status !== 'pending' || conflict.withdrawnAt)
      throw new DomainError('CONFLICT_NOT_PENDING', 409, { params: { status: conflict.status } });
    const row = firstOrThrow(
      await tx
        .update(expertConflicts)
        .set({ status: input.decision, reviewedBy: actor.sub, reviewedAt: now, reviewNote: input.note })
        .where(eq(expertConflicts.id, conflictId))
        .returning(),
    );
    await recordDecision(
      tx,
      actor,
      {
        action: 'conflict.reviewed',
        subjectType: 'expert_conflict',
        subjectId: conflictId,
        payload: { expertId, decision: input.decision, note: input.note },
      },
      now,
    );
    return presentOne(tx, row);
  });
}

/** Organizers' list of declared conflicts of every expert, newest first, by status; with names. */
export async function listAllConflicts(deps: Deps, query: Static<typeof ConflictListQuery>) {
  const after = query.cursor ? decodeCursor(query.cursor, ['instant', 'uuid']) : undefined;
  const filters = and(
    query.status ? eq(expertConflicts.status, query.status) : undefined,
    query.status === 'pending' ? sql`${expertConflicts.withdrawnAt} is null` : undefined,
  );
  const rows = await deps.db
    .select({ conflict: expertConflicts, expertName: users.displayName })
    .from(expertConflicts)
    .innerJoin(users, eq(users.id, expertConflicts.expertUserId))
    .where(
      and(
        filters,
        after
          ? or(
              lt(expertConflicts.createdAt, new Date(after[0])),
              and(eq(expertConflicts.createdAt, new Date(after[0])), lt(expertConflicts.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(desc(expertConflicts.createdAt), desc(expertConflicts.id))
    .limit(query.limit + 1);
  const names = await subjectNames(
    deps.db,
    rows.map((row) => row.conflict),
  );
  return toPage(
    rows,
    query.limit,
    (row) => ({ ...presentConflict(row.conflict, names), expertName: row.expertName }),
    (row) => [row.conflict.createdAt.toISOString(), row.conflict.id],
    await deps.db.$count(expertConflicts, filters),
  );
}

/**
 * Units, teams and projects whose name contains the words, for an expert to pick a conflict by
 * name: names and the edition only, never who a project belongs to (experts review blind).
 */
export async function searchConflictSubjects(deps: Deps, query: Static<typeof ConflictSubjectQuery>) {
  const pattern = containsPattern(query.q.trim());
  // At most `limit` of each kind.
  const limit = query.limit;
  const want = (kind: ConflictKind) => !query.kind || query.kind === kind;
  const items: { kind: ConflictKind; id: string; name: string; editionName: string; creditCode: string | null }[] = [];
  if (want('unit'))
    for (const row of await deps.db
      .select({ id: units.id, name: units.name, code: units.creditCode, editionName: editions.name })
      .from(units)
      .innerJoin(editions, eq(editions.id, units.editionId))
      .where(ilike(units.name, pattern))
      .orderBy(asc(units.name), asc(units.id))
      .limit(limit))
      items.push({ kind: 'unit', id: row.id, name: row.name, editionName: row.editionName, creditCode: row.code });
  if (want('team'))
    for (const row of await deps.db
      .select({ id: teams.id, name: teams.name, editionName: editions.name })
      .from(teams)
      .innerJoin(editions, eq(editions.id, teams.editionId))
      .where(ilike(teams.name, pattern))
      .orderBy(asc(teams.name), asc(teams.id))
      .limit(limit))
      items.push({ kind: 'team', ...row, creditCode: null });
  if (want('project'))
    for (const row of await deps.db
      .select({ id: projects.id, name: projects.title, editionName: editions.name })
      .from(projects)
      .innerJoin(editions, eq(editions.id, projects.editionId))
      .where(ilike(projects.title, pattern))
      .orderBy(asc(projects.title), asc(projects.id))
      .limit(limit))
      items.push({ kind: 'project', ...row, creditCode: null });
  return wholeList(items);
}
