import { and, eq, gt, isNull, lte, ne, notExists, sql } from 'drizzle-orm';
import type { Deps } from '../../lib/deps.js';
import { isoInZone } from '../../lib/time.js';
import { editions, stages } from '../editions/tables.js';
import { projects } from '../projects/tables.js';
import { teams } from '../teams/tables.js';
import { notifyTeam } from './audience.js';
import { collectionReminders } from './tables.js';

/** The queue of the periodic look for reminders due. */
export const REMINDERS_QUEUE = 'messages.reminders';

/** Days before the collection deadline when teams without a submitted version are reminded. */
export const REMINDER_DAYS = [7, 1] as const;

const DAY_MS = 86_400_000;

/** `2024-07-31 23:59 (UTC+08:00)` from an instant, in the edition's time zone. */
function readableDeadline(instant: Date, timeZone: string): string {
  const iso = isoInZone(instant, timeZone);
  return `${iso.slice(0, 16).replace('T', ' ')} (UTC${iso.slice(23)})`;
}

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
    const daysBefore = Math.min(...REMINDER_DAYS.filter((days) => endsAt.getTime() - days * DAY_MS <= now.getTime()));
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
