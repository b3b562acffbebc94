import { announcements } from '../modules/announcements/tables.js';
import { eq } from 'drizzle-orm';
import { cachedReference } from '../modules/editions/reference-cache.js';
import { divisions, editions, events, organizerScopes, topics } from '../modules/editions/tables.js';
import { projects } from '../modules/projects/tables.js';
import { nationalRecommendations } from '../modules/recommendations/tables.js';
import { assignments, reviewRounds, scores } from '../modules/review/tables.js';
import { teams, units } from '../modules/teams/tables.js';
import { webhookEndpoints } from '../modules/webhooks/tables.js';
import type { Actor, Db } from './deps.js';
import { DomainError, notFound } from './errors.js';

/**
 * An organizer's division scope (SPEC §9): `null` for a platform organizer (every edition);
 * otherwise their division, and whether it is the national one (every division read-only, the
 * national editions read-write).
 */
export type OrganizerScope = { divisionId: string; divisionCode: string; national: boolean } | null;

/**
 * The organizer's scope, asked on every organizer request: kept with the edition reference data
 * (modules/editions/reference-cache.ts), which every write request of this process empties before
 * it runs and before it answers, so a scope changed here applies from the next request; another
 * instance applies it within `REFERENCE_CACHE_TTL_MS`, as it does a draft edition's publication.
 */
export function organizerScope(db: Db, userId: string): Promise<OrganizerScope> {
  return cachedReference(db, `organizer-scope:${userId}`, () => readOrganizerScope(db, userId));
}

async function readOrganizerScope(db: Db, userId: string): Promise<OrganizerScope> {
  const [row] = await db
    .select({ divisionId: divisions.id, divisionCode: divisions.code, kind: divisions.kind })
    .from(organizerScopes)
    .innerJoin(divisions, eq(divisions.id, organizerScopes.divisionId))
    .where(eq(organizerScopes.userId, userId));
  return row ? { divisionId: row.divisionId, divisionCode: row.divisionCode, national: row.kind === 'national' } : null;
}

/**
 * Which drafts a reader of the edition list sees: every one (platform and national organizers),
 * none (entrants, the public), or those of one division (its organizers: never another's drafts).
 */
export type DraftVisibility = 'all' | 'none' | { divisionId: string };

export async function draftVisibility(db: Db, user: Actor | undefined): Promise<DraftVisibility> {
  if (user?.role !== 'admin') return 'none';
  const scope = await organizerScope(db, user.sub);
  return !scope || scope.national ? 'all' : { divisionId: scope.divisionId };
}

/**
 * Refuses an edition outside the organizer's scope: another division's edition does not exist
 * for a division organizer (404, nothing leaks); a national organizer reads it but changes it not (403).
 */
export function assertEditionInScope(
  scope: OrganizerScope,
  edition: { code: string; divisionId: string | null },
  write: boolean,
): void {
  if (!scope || edition.divisionId === scope.divisionId) return;
  if (!scope.national) throw notFound('EDITION_NOT_FOUND', { edition: edition.code });
  if (write) throw new DomainError('DIVISION_READ_ONLY', 403, { params: { edition: edition.code } });
}

/** The edition of the resource a route names by `:id`, by the route's first path segment. */
const EDITION_OF: Record<string, (db: Db, id: string) => Promise<{ editionId: string }[]>> = {
  teams: (db, id) => db.select({ editionId: teams.editionId }).from(teams).where(eq(teams.id, id)),
  projects: (db, id) => db.select({ editionId: projects.editionId }).from(projects).where(eq(projects.id, id)),
  units: (db, id) => db.select({ editionId: units.editionId }).from(units).where(eq(units.id, id)),
  topics: (db, id) => db.select({ editionId: topics.editionId }).from(topics).where(eq(topics.id, id)),
  announcements: (db, id) =>
    db.select({ editionId: announcements.editionId }).from(announcements).where(eq(announcements.id, id)),
  events: (db, id) => db.select({ editionId: events.editionId }).from(events).where(eq(events.id, id)),
  // A recommendation is decided by the national edition it was sent to.
  recommendations: (db, id) =>
    db
      .select({ editionId: nationalRecommendations.nationalEditionId })
      .from(nationalRecommendations)
      .where(eq(nationalRecommendations.id, id)),
  webhooks: (db, id) =>
    db.select({ editionId: webhookEndpoints.editionId }).from(webhookEndpoints).where(eq(webhookEndpoints.id, id)),
  'review-rounds': (db, id) =>
    db.select({ editionId: reviewRounds.editionId }).from(reviewRounds).where(eq(reviewRounds.id, id)),
  assignments: (db, id) =>
    db
      .select({ editionId: reviewRounds.editionId })
      .from(assignments)
      .innerJoin(reviewRounds, eq(reviewRounds.id, assignments.roundId))
      .where(eq(assignments.id, id)),
  scores: (db, id) =>
    db
      .select({ editionId: reviewRounds.editionId })
      .from(scores)
      .innerJoin(assignments, eq(assignments.id, scores.assignmentId))
      .innerJoin(reviewRounds, eq(reviewRounds.id, assignments.roundId))
      .where(eq(scores.id, id)),
};

/** The first path segments of the routes whose `:id` names an edition-bound resource (scope-checked). */
export const EDITION_BOUND_SEGMENTS: ReadonlySet<string> = new Set(Object.keys(EDITION_OF));

/** Platform-wide routes a division-scoped organizer may not use: accounts, the whole audit ledger, the job runner. */
const PLATFORM_ONLY = new Set(['users', 'ledger', 'divisions', 'jobs']);

/**
 * The edition a route's `:id` belongs to, for the scope check; undefined when the route names no
 * edition-bound resource (or the resource does not exist: the handler answers 404 itself).
 */
export async function editionOfResource(
  db: Db,
  segment: string,
  id: string,
): Promise<{ code: string; divisionId: string | null } | undefined> {
  const lookup = EDITION_OF[segment];
  if (!lookup) return undefined;
  const [row] = await lookup(db, id);
  if (!row) return undefined;
  const [edition] = await db
    .select({ code: editions.code, divisionId: editions.divisionId })
    .from(editions)
    .where(eq(editions.id, row.editionId));
  return edition;
}

export function assertPlatformRoute(scope: OrganizerScope, segment: string, write: boolean): void {
  if (scope && PLATFORM_ONLY.has(segment) && (write || segment !== 'divisions'))
    throw new DomainError('FORBIDDEN', 403);
}
