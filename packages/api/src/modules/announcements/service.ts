import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Static } from 'typebox';
import type { Actor, Db, Deps } from '../../lib/deps.js';
import { forbidden, notFound } from '../../lib/errors.js';
import { firstOrThrow } from '../../lib/rows.js';
import { isoInZone, isoInZoneOrNull } from '../../lib/time.js';
import { editionTimeZone } from '../editions/service.js';
import { discardStoredFiles, purgeDiscardedFiles } from '../files/discard.js';
import {
  findStoredFile,
  storeUpload,
  type IncomingFile,
  type StoredFile,
  type UploadPolicy,
} from '../files/service.js';
import { storedFiles } from '../files/tables.js';
import type { AnnouncementBody, AnnouncementPatch } from './schemas.js';
import { announcementAttachments, announcements } from './tables.js';

type Row = typeof announcements.$inferSelect;

/** How many announcements a list shows (the newest). */
const LIST_LIMIT = 200;

/** Attachments: PDF, images or slides by content, at most 20 MiB each. */
export const ATTACHMENT_POLICY: UploadPolicy = { kinds: ['pdf', 'jpeg', 'png', 'pptx'], maxBytes: 20 * 1024 ** 2 };

type AttachmentItem = { fileId: string; name: string; mimeType: string; sizeBytes: number; sha256: string };

/** Each announcement's attachments, in the order they were attached. */
async function attachmentsOf(db: Db, ids: readonly string[]): Promise<Map<string, AttachmentItem[]>> {
  const byAnnouncement = new Map<string, AttachmentItem[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byAnnouncement;
  const rows = await db
    .select({
      announcementId: announcementAttachments.announcementId,
      fileId: storedFiles.id,
      name: storedFiles.originalName,
      mimeType: storedFiles.mimeType,
      sizeBytes: storedFiles.sizeBytes,
      sha256: storedFiles.sha256,
    })
    .from(announcementAttachments)
    .innerJoin(storedFiles, eq(storedFiles.id, announcementAttachments.fileId))
    .where(inArray(announcementAttachments.announcementId, [...ids]))
    .orderBy(asc(announcementAttachments.createdAt), asc(storedFiles.id));
  for (const { announcementId, ...item } of rows) byAnnouncement.get(announcementId)?.push(item);
  return byAnnouncement;
}

const present = (row: Row, zone: string, attachments: AttachmentItem[] = []) => ({
  id: row.id,
  editionId: row.editionId,
  titleZh: row.titleZh,
  titleEn: row.titleEn,
  bodyZh: row.bodyZh,
  bodyEn: row.bodyEn,
  pinned: row.pinned,
  publishedAt: isoInZoneOrNull(row.publishedAt, zone),
  updatedAt: isoInZone(row.updatedAt, zone),
  attachments,
});

/** One announcement as answered, with its attachments. */
async function presentOne(deps: Deps, row: Row) {
  const attachments = await attachmentsOf(deps.db, [row.id]);
  return present(row, await editionTimeZone(deps.db, row.editionId), attachments.get(row.id));
}

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
  const attachments = await attachmentsOf(
    deps.db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => present(row, zone, attachments.get(row.id)));
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
  return presentOne(deps, row);
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
  return presentOne(deps, row!);
}

/** Deletes an announcement, and its attachments' files from storage once that has committed. */
export async function deleteAnnouncement(deps: Deps, id: string): Promise<void> {
  await findRow(deps, id);
  const discarded = await deps.db.transaction(async (tx) => {
    const files = await tx
      .delete(announcementAttachments)
      .where(eq(announcementAttachments.announcementId, id))
      .returning({ fileId: announcementAttachments.fileId });
    await tx.delete(announcements).where(eq(announcements.id, id));
    return discardStoredFiles(
      tx,
      files.map((file) => file.fileId),
      deps.clock.now(),
    );
  });
  await purgeDiscardedFiles(deps, discarded);
}

/** Attaches an uploaded file (ATTACHMENT_POLICY) to an announcement, draft or published; the announcement again. */
export async function addAttachment(deps: Deps, id: string, readUpload: () => Promise<IncomingFile>, actor: Actor) {
  await findRow(deps, id);
  const file = await storeUpload(deps, await readUpload(), ATTACHMENT_POLICY, actor.sub);
  try {
    await deps.db
      .insert(announcementAttachments)
      .values({ announcementId: id, fileId: file.id, createdAt: deps.clock.now() });
  } catch (error) {
    // Deleted meanwhile: the file goes too.
    await purgeDiscardedFiles(deps, await discardStoredFiles(deps.db, [file.id], deps.clock.now()));
    throw error;
  }
  return presentOne(deps, await findRow(deps, id));
}

/** Removes an attachment, and its file from storage once that has committed. */
export async function removeAttachment(deps: Deps, id: string, fileId: string): Promise<void> {
  await findRow(deps, id);
  const discarded = await deps.db.transaction(async (tx) => {
    const removed = await tx
      .delete(announcementAttachments)
      .where(and(eq(announcementAttachments.announcementId, id), eq(announcementAttachments.fileId, fileId)))
      .returning({ fileId: announcementAttachments.fileId });
    if (removed.length === 0) throw notFound('ANNOUNCEMENT_ATTACHMENT_NOT_FOUND', { fileId });
    return discardStoredFiles(tx, [fileId], deps.clock.now());
  });
  await purgeDiscardedFiles(deps, discarded);
}

/** An attachment's file: public once the announcement is published, organizers' only before. */
export async function attachmentFile(deps: Deps, id: string, fileId: string, viewer?: Actor): Promise<StoredFile> {
  const row = await findRow(deps, id);
  if (!row.publishedAt && viewer?.role !== 'admin') throw notFound('ANNOUNCEMENT_NOT_FOUND', { id });
  const [attached] = await deps.db
    .select({ fileId: announcementAttachments.fileId })
    .from(announcementAttachments)
    .where(and(eq(announcementAttachments.announcementId, id), eq(announcementAttachments.fileId, fileId)));
  if (!attached) throw notFound('ANNOUNCEMENT_ATTACHMENT_NOT_FOUND', { fileId });
  return findStoredFile(deps.db, fileId);
}
