import { and, asc, eq } from 'drizzle-orm';
import { checkStageOrder, currentStage, nextStage, type FieldCode } from '@saishi/shared';
import type { Db } from '../../lib/deps.js';
import { DomainError, assertNoViolations, notFound } from '../../lib/errors.js';
import { isoInZone, isoInZoneOrNull } from '../../lib/time.js';
import {
  awardCategories,
  categories,
  directions,
  editions,
  events,
  fields,
  grades,
  stages,
  topics,
  tracks,
} from './tables.js';

export type EditionRow = typeof editions.$inferSelect;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Resolves `current`, an edition code (e.g. `2024-guangxi`) or an id. */
export async function resolveEdition(db: Db, ref: string): Promise<EditionRow> {
  const condition =
    ref === 'current'
      ? eq(editions.isCurrent, true)
      : UUID_PATTERN.test(ref)
        ? eq(editions.id, ref)
        : eq(editions.code, ref);
  const [edition] = await db.select().from(editions).where(condition).limit(1);
  if (!edition) {
    throw ref === 'current'
      ? new DomainError('NO_CURRENT_EDITION', 404)
      : notFound('EDITION_NOT_FOUND', { edition: ref });
  }
  return edition;
}

/** The edition's IANA time zone (`editions.time_zone`), in which its records' instants are presented. */
export async function editionTimeZone(db: Db, editionId: string): Promise<string> {
  const [edition] = await db.select({ timeZone: editions.timeZone }).from(editions).where(eq(editions.id, editionId));
  if (!edition) throw notFound('EDITION_NOT_FOUND', { edition: editionId });
  return edition.timeZone;
}

export function presentEdition(edition: EditionRow) {
  return {
    id: edition.id,
    code: edition.code,
    name: edition.name,
    year: edition.year,
    division: edition.division,
    theme: edition.theme,
    timeZone: edition.timeZone,
    organizers: edition.organizers,
    contacts: edition.contacts,
    committees: edition.committees,
    nationalFinalAt: isoInZoneOrNull(edition.nationalFinalAt, edition.timeZone),
    isCurrent: edition.isCurrent,
  };
}

export async function listEditions(db: Db) {
  const rows = await db.select().from(editions).orderBy(asc(editions.year), asc(editions.code));
  return rows.map(presentEdition);
}

export async function listTracks(db: Db, editionId: string) {
  return db
    .select({
      id: tracks.id,
      code: tracks.code,
      nameZh: tracks.nameZh,
      nameEn: tracks.nameEn,
      description: tracks.description,
    })
    .from(tracks)
    .where(eq(tracks.editionId, editionId))
    .orderBy(asc(tracks.sortOrder));
}

export async function listDirections(db: Db, editionId: string) {
  const [directionRows, categoryRows] = await Promise.all([
    db.select().from(directions).where(eq(directions.editionId, editionId)).orderBy(asc(directions.sortOrder)),
    db.select().from(categories).where(eq(categories.editionId, editionId)).orderBy(asc(categories.sortOrder)),
  ]);
  return directionRows.map((direction) => ({
    id: direction.id,
    code: direction.code,
    nameZh: direction.nameZh,
    nameEn: direction.nameEn,
    description: direction.description,
    categories: categoryRows
      .filter((category) => category.directionId === direction.id)
      .map(({ id, code, nameZh, nameEn, description }) => ({ id, code, nameZh, nameEn, description })),
  }));
}

export async function listFields(db: Db, editionId: string) {
  return db
    .select({ id: fields.id, code: fields.code, nameZh: fields.nameZh, nameEn: fields.nameEn, aliases: fields.aliases })
    .from(fields)
    .where(eq(fields.editionId, editionId))
    .orderBy(asc(fields.sortOrder));
}

const topicColumns = {
  id: topics.id,
  editionId: topics.editionId,
  fieldId: topics.fieldId,
  fieldCode: fields.code,
  title: topics.title,
  description: topics.description,
  isExample: topics.isExample,
  sortOrder: topics.sortOrder,
};

export async function listTopics(db: Db, editionId: string, fieldCode?: FieldCode) {
  return db
    .select(topicColumns)
    .from(topics)
    .innerJoin(fields, eq(fields.id, topics.fieldId))
    .where(and(eq(topics.editionId, editionId), fieldCode ? eq(fields.code, fieldCode) : undefined))
    .orderBy(asc(fields.sortOrder), asc(topics.sortOrder), asc(topics.id));
}

async function findTopic(db: Db, topicId: string) {
  const [topic] = await db
    .select(topicColumns)
    .from(topics)
    .innerJoin(fields, eq(fields.id, topics.fieldId))
    .where(eq(topics.id, topicId));
  if (!topic) throw notFound('TOPIC_NOT_FOUND');
  return topic;
}

async function fieldIdByCode(db: Db, editionId: string, fieldCode: FieldCode): Promise<string> {
  const [field] = await db
    .select({ id: fields.id })
    .from(fields)
    .where(and(eq(fields.editionId, editionId), eq(fields.code, fieldCode)));
  if (!field) {
    throw new DomainError('FIELD_NOT_FOUND', 422, {
      params: { field: fieldCode },
      fields: [{ path: '/body/fieldCode', code: 'FIELD_NOT_FOUND', params: { field: fieldCode } }],
    });
  }
  return field.id;
}

export interface TopicInput {
  fieldCode: FieldCode;
  title: string;
  description?: string | undefined;
  isExample?: boolean | undefined;
  sortOrder?: number | undefined;
}

export async function createTopic(db: Db, editionId: string, input: TopicInput) {
  const fieldId = await fieldIdByCode(db, editionId, input.fieldCode);
  const [created] = await db
    .insert(topics)
    .values({
      editionId,
      fieldId,
      title: input.title,
      description: input.description ?? '',
      isExample: input.isExample ?? false,
      sortOrder: input.sortOrder ?? 0,
    })
    .returning({ id: topics.id });
  return findTopic(db, created!.id);
}

export async function updateTopic(db: Db, topicId: string, input: Partial<TopicInput>, now: Date) {
  const existing = await findTopic(db, topicId);
  const fieldId = input.fieldCode ? await fieldIdByCode(db, existing.editionId, input.fieldCode) : undefined;
  await db
    .update(topics)
    .set({
      ...(fieldId ? { fieldId } : {}),
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.isExample !== undefined ? { isExample: input.isExample } : {}),
      ...(input.sortOrder !== undefined ? { sortOrder: input.sortOrder } : {}),
      updatedAt: now,
    })
    .where(eq(topics.id, topicId));
  return findTopic(db, topicId);
}

export async function deleteTopic(db: Db, topicId: string): Promise<void> {
  await findTopic(db, topicId);
  await db.delete(topics).where(eq(topics.id, topicId));
}

export type StageRow = typeof stages.$inferSelect;

export async function loadStages(db: Db, editionId: string): Promise<StageRow[]> {
  return db.select().from(stages).where(eq(stages.editionId, editionId)).orderBy(asc(stages.sortOrder));
}

/** Stage windows for the shared timeline rules. */
export const toStageWindows = (rows: readonly StageRow[]) =>
  rows.map((row) => ({ code: row.code, startsAt: row.startsAt, endsAt: row.endsAt }));

function presentStage(stage: StageRow, timeZone: string, now: Date) {
  return {
    code: stage.code,
    nameZh: stage.nameZh,
    nameEn: stage.nameEn,
    startsAt: isoInZone(stage.startsAt, timeZone),
    endsAt: isoInZoneOrNull(stage.endsAt, timeZone),
    isOpen: stage.startsAt <= now && (stage.endsAt === null || now < stage.endsAt),
  };
}

/** The timeline with the stage open now (R-TIME-1) computed from the clock. */
export async function timeline(db: Db, edition: EditionRow, now: Date) {
  const rows = await loadStages(db, edition.id);
  const windows = toStageWindows(rows);
  return {
    now: isoInZone(now, edition.timeZone),
    timeZone: edition.timeZone,
    currentStage: currentStage(windows, now)?.code ?? null,
    nextStage: nextStage(windows, now)?.code ?? null,
    stages: rows.map((row) => presentStage(row, edition.timeZone, now)),
  };
}

/** Changes one stage's dates; the whole timeline must stay ordered and non-overlapping. */
export async function updateStageDates(
  db: Db,
  edition: EditionRow,
  stageCode: string,
  dates: { startsAt?: string | undefined; endsAt?: string | null | undefined },
  now: Date,
) {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(stages)
      .where(eq(stages.editionId, edition.id))
      .orderBy(asc(stages.sortOrder))
      .for('update');
    const target = rows.find((row) => row.code === stageCode);
    if (!target) throw notFound('STAGE_NOT_FOUND', { stage: stageCode });
    if (dates.startsAt !== undefined) target.startsAt = new Date(dates.startsAt);
    if (dates.endsAt !== undefined) target.endsAt = dates.endsAt === null ? null : new Date(dates.endsAt);
    assertNoViolations(
      checkStageOrder(toStageWindows(rows)).map((violation) => ({
        ...violation,
        path: `/body${violation.path?.replace(/^\/stages\/\d+/, '') ?? ''}`,
      })),
    );
    await tx
      .update(stages)
      .set({ startsAt: target.startsAt, endsAt: target.endsAt, updatedAt: now })
      .where(eq(stages.id, target.id));
    return timeline(tx, edition, now);
  });
}

export async function listAwardCategories(db: Db, editionId: string) {
  const [trackRows, awardRows, gradeRows] = await Promise.all([
    listTracks(db, editionId),
    db
      .select()
      .from(awardCategories)
      .where(eq(awardCategories.editionId, editionId))
      .orderBy(asc(awardCategories.sortOrder)),
    listGrades(db, editionId),
  ]);
  return {
    grades: gradeRows,
    tracks: trackRows.map((track) => ({
      trackCode: track.code,
      awardCategories: awardRows
        .filter((award) => award.trackId === track.id)
        .map(({ id, code, categoryCode, nameZh, nameEn }) => ({ id, code, categoryCode, nameZh, nameEn })),
    })),
  };
}

export async function listGrades(db: Db, editionId: string) {
  return db
    .select({ id: grades.id, code: grades.code, nameZh: grades.nameZh, nameEn: grades.nameEn, rank: grades.rank })
    .from(grades)
    .where(eq(grades.editionId, editionId))
    .orderBy(asc(grades.rank));
}

export async function listEvents(db: Db, edition: EditionRow) {
  const rows = await db.select().from(events).where(eq(events.editionId, edition.id)).orderBy(asc(events.startsAt));
  return rows.map((event) => ({
    id: event.id,
    title: event.title,
    mode: event.mode,
    venue: event.venue,
    signInAt: isoInZoneOrNull(event.signInAt, edition.timeZone),
    startsAt: isoInZone(event.startsAt, edition.timeZone),
    endsAt: isoInZoneOrNull(event.endsAt, edition.timeZone),
    agenda: event.agenda,
  }));
}
