import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { Static } from 'typebox';
import type { Actor, Deps } from '../../lib/deps.js';
import { forbidden, notFound } from '../../lib/errors.js';
import { firstOrThrow } from '../../lib/rows.js';
import { isoInZone, isoInZoneOrNull } from '../../lib/time.js';
import { editionTimeZone } from '../editions/service.js';
import type { AnnouncementBody, AnnouncementPatch } from './schemas.js';
import { announcements } from './tables.js';

type Row = typeof announcements.$inferSelect;

/** How many announcements a list shows (the newest). */
const LIST_LIMIT = 200;

const present = (row: Row, zone: string) => ({
  id: row.id,
  editionId: row.editionId,
  titleZh: row.titleZh,
  titleEn: row.titleEn,
  bodyZh: row.bodyZh,
  bodyEn: row.bodyEn,
  pinned: row.pinned,
  publishedAt: isoInZoneOrNull(row.publishedAt, zone),
  updatedAt: isoInZone(row.updatedAt, zone),
});

/** The edition's announcements, pinned first then newest; drafts only for organizers who ask. */
export async function listAnnouncements(deps: Deps, editionId: string, drafts: boolean, viewer?: Actor) {
  if (drafts && viewer?.role !== 'admin') throw forbidden();
  const rows = await deps.db
    .select()
    .from(announcements)
    .where(and(eq(announcements.editionId, editionId), drafts ? undefined : isNotNull(announcements.publishedAt)))
    .orderBy(desc(announcements.pinned), desc(announcements.publishedAt), desc(announcements.createdAt))
    .limit(LIST_LIMIT);
  const zone = await editionTimeZone(deps.db, editionId);
  return rows.map((row) => present(row, zone));
}

async function findRow(deps: Deps, id: string): Promise<Row> {
  return firstOrThrow(await deps.db.select().from(announcements).where(eq(announcements.id, id)), () =>
    notFound('ANNOUNCEMENT_NOT_FOUND', { id }),
  );
}

/** One announcement: a draft does not exist but for organizers. */
export async function getAnnouncement(deps: Deps, id: string, viewer?: Actor) {
  const row = await findRow(deps, id);
  if (!row.publishedAt && viewer?.role !== 'admin') throw notFound('ANNOUNCEMENT_NOT_FOUND', { id });
  return present(row, await editionTimeZone(deps.db, row.editionId));
}

export async function createAnnouncement(
  deps: Deps,
  editionId: string,
  input: Static<typeof AnnouncementBody>,
  actor: Actor,
) {
  const now = deps.clock.now();
  const [row] = await deps.db
    .insert(announcements)
    .values({
      editionId,
      titleZh: input.titleZh,
      titleEn: input.titleEn ?? null,
      bodyZh: input.bodyZh,
      bodyEn: input.bodyEn ?? null,
      pinned: input.pinned ?? false,
      publishedAt: input.published ? now : null,
      createdBy: actor.sub,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return present(row!, await editionTimeZone(deps.db, editionId));
}

/** Edits, pins, publishes (dated now) or takes back to a draft. */
export async function updateAnnouncement(deps: Deps, id: string, input: Static<typeof AnnouncementPatch>) {
  const existing = await findRow(deps, id);
  const now = deps.clock.now();
  const { published, ...fields } = input;
  const publishedAt = published === undefined ? existing.publishedAt : published ? (existing.publishedAt ?? now) : null;
  const [row] = await deps.db
    .update(announcements)
    .set({ ...fields, publishedAt, updatedAt: now })
    .where(eq(announcements.id, id))
    .returning();
  return present(row!, await editionTimeZone(deps.db, row!.editionId));
}

export async function deleteAnnouncement(deps: Deps, id: string): Promise<void> {
  await findRow(deps, id);
  await deps.db.delete(announcements).where(eq(announcements.id, id));
}
