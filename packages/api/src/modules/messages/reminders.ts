import { and, count, eq, gt, isNull, lte, ne, notExists, or, sql } from 'drizzle-orm';
import { ROUND_KIND_LABELS, type JobQueueName } from '@saishi/shared';
import type { Deps } from '../../lib/deps.js';
import { isoInZone } from '../../lib/time.js';
import { editions, stages } from '../editions/tables.js';
import { projects } from '../projects/tables.js';
import { assignments, reviewRounds, scores } from '../review/tables.js';
import { teams } from '../teams/tables.js';
import { notifyTeam } from './audience.js';
import { collectionReminders, reviewReminders } from './tables.js';

/** The queue of the periodic look for reminders due. */
export const REMINDERS_QUEUE = 'messages.reminders' satisfies JobQueueName;

/** Days before the collection deadline when teams without a submitted version are reminded. */
export const REMINDER_DAYS = [7, 1] as const;

/** Days before a review round's stage ends when experts with projects not scored yet are reminded. */
export const REVIEW_REMINDER_DAYS = [3, 1] as const;

const DAY_MS = 86_400_000;

/** `2024-07-31 23:59 (UTC+08:00)` from an instant, in the edition's time zone. */
function readableDeadline(instant: Date, timeZone: string): string {
  const iso = isoInZone(instant, timeZone);
  return `${iso.slice(0, 16).replace('T', ' ')} (UTC${iso.slice(23)})`;
}

/** The nearest of the lead times whose moment has come (`days` before `endsAt`). */
const nearestDue = (days: readonly number[], endsAt: Date, now: Date) =>
  Math.min(...days.filter((lead) => endsAt.getTime() - lead * DAY_MS <= now.getTime()));

/**
 * Reminds the teams that have not submitted a version of their project when an edition's
 * collection closes within 7 days, and again within 1 day (by the platform clock). Each team gets
 * each reminder once (a row of collection_reminders, written with the notifications); a reminder
 * whose moment passed while the platform was down is sent late, but only the nearest one. Rejected
 * and flagged teams are not reminded. Returns how many teams were reminded.
 */
export async function sendCollectionReminders(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const horizon = new Date(now.getTime() + Math.max(...REMINDER_DAYS) * DAY_MS);
  const closing = await deps.db
    .select({ editionId: stages.editionId, endsAt: stages.endsAt, timeZone: editions.timeZone })
    .from(stages)
    .innerJoin(editions, eq(editions.id, stages.editionId))
    .where(and(eq(stages.code, 'collection'), gt(stages.endsAt, now), lte(stages.endsAt, horizon)));
  let reminded = 0;
  for (const stage of closing) {
    const endsAt = stage.endsAt!;
    const daysBefore = nearestDue(REMINDER_DAYS, endsAt, now);
    const due = await deps.db
      .select({ id: teams.id })
      .from(teams)
      .where(
        and(
          eq(teams.editionId, stage.editionId),
          ne(teams.qualificationStatus, 'rejected'),
          isNull(teams.flaggedAt),
          notExists(
            deps.db
              .select({ one: sql`1` })
              .from(projects)
              .where(and(eq(projects.teamId, teams.id), gt(projects.latestVersion, 0))),
          ),
          notExists(
            deps.db
              .select({ one: sql`1` })
              .from(collectionReminders)
              .where(and(eq(collectionReminders.teamId, teams.id), lte(collectionReminders.daysBefore, daysBefore))),
          ),
        ),
      );
    for (const team of due) {
      const sent = await deps.db.transaction(async (tx) => {
        const claimed = await tx
          .insert(collectionReminders)
          .values({ teamId: team.id, daysBefore, sentAt: now })
          .onConflictDoNothing()
          .returning({ teamId: collectionReminders.teamId });
        if (claimed.length === 0) return false;
        await notifyTeam(deps, tx, team.id, 'collection_reminder', {
          days: String(daysBefore),
          deadline: readableDeadline(endsAt, stage.timeZone),
        });
        return true;
      });
      if (sent) reminded += 1;
    }
  }
  return reminded;
}

/** The experts of a round with projects not scored yet, and how many, who were not reminded `daysBefore` or later. */
function expertsBehind(deps: Deps, roundId: string, daysBefore: number) {
  return deps.db
    .select({ expertUserId: assignments.expertUserId, unscored: count() })
    .from(assignments)
    .leftJoin(scores, eq(scores.assignmentId, assignments.id))
    .where(
      and(
        eq(assignments.roundId, roundId),
        or(isNull(scores.status), ne(scores.status, 'submitted')),
        notExists(
          deps.db
            .select({ one: sql`1` })
            .from(reviewReminders)
            .where(
              and(
                eq(reviewReminders.roundId, roundId),
                eq(reviewReminders.expertUserId, assignments.expertUserId),
                lte(reviewReminders.daysBefore, daysBefore),
              ),
            ),
        ),
      ),
    )
    .groupBy(assignments.expertUserId);
}

/**
 * Reminds the experts of each open review round whose stage (the edition's stage of the round's
 * kind) ends within 3 days, and again within 1 day, of the projects they have not submitted a
 * score for. Each expert gets each reminder of a round once (the primary key of review_reminders,
 * written with the notification); a missed one is sent late, but only the nearest. Returns how
 * many experts were reminded.
 */
export async function sendReviewReminders(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const horizon = new Date(now.getTime() + Math.max(...REVIEW_REMINDER_DAYS) * DAY_MS);
  const closing = await deps.db
    .select({
      roundId: reviewRounds.id,
      kind: reviewRounds.kind,
      endsAt: stages.endsAt,
      edition: editions.name,
      timeZone: editions.timeZone,
    })
    .from(reviewRounds)
    .innerJoin(stages, and(eq(stages.editionId, reviewRounds.editionId), eq(stages.code, reviewRounds.kind)))
    .innerJoin(editions, eq(editions.id, reviewRounds.editionId))
    .where(and(eq(reviewRounds.status, 'open'), gt(stages.endsAt, now), lte(stages.endsAt, horizon)));
  let reminded = 0;
  for (const round of closing) {
    const endsAt = round.endsAt!;
    const daysBefore = nearestDue(REVIEW_REMINDER_DAYS, endsAt, now);
    const due = await expertsBehind(deps, round.roundId, daysBefore);
    const label = ROUND_KIND_LABELS[round.kind];
    for (const expert of due) {
      const sent = await deps.db.transaction(async (tx) => {
        const claimed = await tx
          .insert(reviewReminders)
          .values({ roundId: round.roundId, expertUserId: expert.expertUserId, daysBefore, sentAt: now })
          .onConflictDoNothing()
          .returning({ roundId: reviewReminders.roundId });
        if (claimed.length === 0) return false;
        await deps.notify?.(
          {
            kind: 'review_reminder',
            userId: expert.expertUserId,
            params: {
              edition: round.edition,
              round: label['zh-CN'],
              roundEn: label.en,
              count: String(expert.unscored),
              days: String(daysBefore),
              deadline: readableDeadline(endsAt, round.timeZone),
            },
          },
          tx,
        );
        return true;
      });
      if (sent) reminded += 1;
    }
  }
  return reminded;
}
