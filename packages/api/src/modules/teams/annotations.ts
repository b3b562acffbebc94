import { asc, eq } from 'drizzle-orm';
import type { Static } from 'typebox';
import { formatMessage, type Locale } from '@saishi/shared';
import type { Actor, Deps } from '../../lib/deps.js';
import { DomainError } from '../../lib/errors.js';
import { firstOrThrow } from '../../lib/rows.js';
import { isoInZone } from '../../lib/time.js';
import { editionTimeZone } from '../editions/service.js';
import { recordDecision } from '../ledger/service.js';
import { enrollClearedTeam } from '../review/flagged-teams.js';
import { currentTeam, findTeam, lockTeam, unitsOf } from './queries.js';
import type { AnnotationBody, ClearFlagBody } from './schemas.js';
import { teamAnnotations, teams } from './tables.js';

/** Organizers' notes on a team, possible at any stage, and the clearing of a blacklist flag they record. */

function presentAnnotation(row: typeof teamAnnotations.$inferSelect, zone: string) {
  return {
    id: row.id,
    teamId: row.teamId,
    authorUserId: row.authorUserId,
    body: row.body,
    createdAt: isoInZone(row.createdAt, zone),
  };
}

export async function addAnnotation(deps: Deps, teamId: string, input: Static<typeof AnnotationBody>, actor: Actor) {
  const team = await findTeam(deps.db, teamId);
  const rows = await deps.db
    .insert(teamAnnotations)
    .values({ teamId, authorUserId: actor.sub, body: input.body.trim(), createdAt: deps.clock.now() })
    .returning();
  return presentAnnotation(firstOrThrow(rows), await editionTimeZone(deps.db, team.editionId));
}

export async function listAnnotations(deps: Deps, teamId: string) {
  const team = await findTeam(deps.db, teamId);
  const zone = await editionTimeZone(deps.db, team.editionId);
  const rows = await deps.db
    .select()
    .from(teamAnnotations)
    .where(eq(teamAnnotations.teamId, teamId))
    .orderBy(asc(teamAnnotations.createdAt), asc(teamAnnotations.id));
  return rows.map((row) => presentAnnotation(row, zone));
}

/**
 * An organizer clears the flag a blacklist import set (R-SOC-3), with a reason, once no unit of
 * the team is on a list any more (e.g. its entry was removed after delisting). The clearing is
 * kept in the team's annotations and in the ledger: who, when and why; the team joins a
 * preliminary that is open. The team row is locked so that a concurrent
 * clearing or import sees the outcome of this one.
 */
export async function clearFlag(
  deps: Deps,
  teamId: string,
  input: Static<typeof ClearFlagBody>,
  locale: Locale,
  actor: Actor,
) {
  const note = input.reason.trim();
  if (!note)
    throw new DomainError('TEAM_FLAG_REASON_REQUIRED', 400, {
      fields: [{ path: '/body/reason', code: 'TEAM_FLAG_REASON_REQUIRED' }],
    });
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const team = await lockTeam(tx, teamId);
    if (!team.flaggedAt) throw new DomainError('TEAM_NOT_FLAGGED', 409);
    const listed = (await unitsOf(tx, teamId)).filter((unit) => unit.blacklisted);
    if (listed.length > 0) {
      throw new DomainError('TEAM_UNIT_STILL_BLACKLISTED', 409, {
        ruleId: 'R-SOC-3',
        params: { units: listed.map((unit) => `${unit.name} ${unit.creditCode}`).join(', ') },
      });
    }
    await tx.update(teams).set({ flaggedAt: null, flagReason: null, updatedAt: now }).where(eq(teams.id, teamId));
    const body = formatMessage('TEAM_FLAG_CLEARED', locale, { reason: team.flagReason ?? '', note });
    await tx.insert(teamAnnotations).values({ teamId, authorUserId: actor.sub, body, createdAt: now });
    await recordDecision(
      tx,
      actor,
      {
        action: 'team.flag_cleared',
        subjectType: 'team',
        subjectId: teamId,
        payload: { ruleId: team.flagReason ?? 'R-SOC-3', flaggedAt: team.flaggedAt.toISOString(), reason: note },
      },
      now,
    );
    await enrollClearedTeam(tx, team.editionId, actor, now);
  });
  return currentTeam(deps.db, teamId);
}
