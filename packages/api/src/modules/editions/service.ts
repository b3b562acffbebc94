import { and, asc, eq, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Static } from 'typebox';
import { checkStageOrder, currentStage, nextStage, type FieldCode, type StageCode } from '@saishi/shared';
import type { Db, Deps } from '../../lib/deps.js';
import { DomainError, assertNoViolations, notFound } from '../../lib/errors.js';
import type { DraftVisibility } from '../../lib/scope.js';
import { firstOrThrow } from '../../lib/rows.js';
import { isoInZone, isoInZoneOrNull } from '../../lib/time.js';
import type { EditionRow } from './resolve.js';
import type { EditionListQuery, StageDatesBody, TopicBody, TopicUpdateBody } from './schemas.js';
import {
  awardCategories,
  categories,
  directions,
  divisions,
  editions,
  events,
  fields,
  grades,
  stages,
  topics,
  tracks,
} from './tables.js';

import { divisionCodeOf } from './resolve.js';
import { cachedReference } from './reference-cache.js';
export { divisionCodeOf, editionTimeZone, editionTimeZones, resolveEdition, type EditionRow } from './resolve.js';

export function presentEdition(edition: EditionRow, divisionCode: string | null) {
  return {
    id: edition.id,
    code: edition.code,
    name: edition.name,
    year: edition.year,
    division: edition.division,
    divisionCode,
    parentId: edition.parentId,
    status: edition.status,
    publishedAt: isoInZoneOrNull(edition.publishedAt, edition.timeZone),
    theme: edition.theme,
    timeZone: edition.timeZone,
    organizers: edition.organizers,
    contacts: edition.contacts,
    committees: edition.committees,
    nationalFinalAt: isoInZoneOrNull(edition.nationalFinalAt, edition.timeZone),
  };
}

/** The editions an organizer may change or look into: what `drafts` allows, published ones included. */
function managedBy(drafts: DraftVisibility): SQL | undefined {
  if (drafts === 'all') return undefined;
  return drafts === 'none' ? sql`false` : eq(editions.divisionId, drafts.divisionId);
}

/** The editions, oldest first; drafts only as `drafts` allows. */
export async function listEditions(deps: Deps, query: Static<typeof EditionListQuery>, drafts: DraftVisibility) {
  const rows = await deps.db
    .select({ edition: editions, divisionCode: divisions.code })
    .from(editions)
    .leftJoin(divisions, eq(divisions.id, editions.divisionId))
    .where(
      and(
        drafts === 'all'
          ? undefined
          : drafts === 'none'
            ? ne(editions.status, 'draft')
            : or(ne(editions.status, 'draft'), eq(editions.divisionId, drafts.divisionId)),
        query.division ? eq(divisions.code, query.division) : undefined,
        query.status ? eq(editions.status, query.status) : undefined,
        query.parentId ? eq(editions.parentId, query.parentId) : undefined,
        query.managed ? managedBy(drafts) : undefined,
      ),
    )
    .orderBy(asc(editions.year), asc(divisions.sortOrder), asc(editions.code));
  return rows.map((row) => presentEdition(row.edition, row.divisionCode));
}

/** An edition already resolved (e.g. from the reference data kept in memory), as the API shows it. */
export async function presentResolvedEdition(deps: Deps, edition: EditionRow) {
  return presentEdition(edition, await divisionCodeOf(deps.db, edition));
}

export async function getEdition(deps: Deps, editionId: string) {
  const rows = await deps.db
    .select({ edition: editions, divisionCode: divisions.code })
    .from(editions)
    .leftJoin(divisions, eq(divisions.id, editions.divisionId))
    .where(eq(editions.id, editionId));
  const row = firstOrThrow(rows, () => notFound('EDITION_NOT_FOUND', { edition: editionId }));
  return presentEdition(row.edition, row.divisionCode);
}

export async function listDivisions(deps: Deps) {
  return deps.db
    .select({
      id: divisions.id,
      code: divisions.code,
      name: divisions.name,
      kind: divisions.kind,
      isDefault: divisions.isDefault,
    })
    .from(divisions)
    .orderBy(asc(divisions.sortOrder), asc(divisions.code));
}

async function tracksOf(db: Db, editionId: string) {
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

export async function listTracks(deps: Deps, editionId: string) {
  return tracksOf(deps.db, editionId);
}

export async function listDirections(deps: Deps, editionId: string) {
  const [directionRows, categoryRows] = await Promise.all([
    deps.db.select().from(directions).where(eq(directions.editionId, editionId)).orderBy(asc(directions.sortOrder)),
    deps.db.select().from(categories).where(eq(categories.editionId, editionId)).orderBy(asc(categories.sortOrder)),
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

export async function listFields(deps: Deps, editionId: string) {
  return deps.db
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

export async function listTopics(deps: Deps, editionId: string, fieldCode?: FieldCode) {
  return deps.db
    .select(topicColumns)
    .from(topics)
    .innerJoin(fields, eq(fields.id, topics.fieldId))
    .where(and(eq(topics.editionId, editionId), fieldCode ? eq(fields.code, fieldCode) : undefined))
    .orderBy(asc(fields.sortOrder), asc(topics.sortOrder), asc(topics.id));
}

async function findTopic(db: Db, topicId: string) {
  const rows = await db
    .select(topicColumns)
    .from(topics)
    .innerJoin(fields, eq(fields.id, topics.fieldId))
    .where(eq(topics.id, topicId));
  return firstOrThrow(rows, () => notFound('TOPIC_NOT_FOUND'));
}

async function fieldIdByCode(db: Db, editionId: string, fieldCode: FieldCode): Promise<string> {
  const rows = await db
    .select({ id: fields.id })
    .from(fields)
    .where(and(eq(fields.editionId, editionId), eq(fields.code, fieldCode)));
  return firstOrThrow(
    rows,
    () =>
      new DomainError('FIELD_NOT_FOUND', 422, {
        params: { field: fieldCode },
        fields: [{ path: '/body/fieldCode', code: 'FIELD_NOT_FOUND', params: { field: fieldCode } }],
      }),
  ).id;
}

export async function createTopic(deps: Deps, editionId: string, input: Static<typeof TopicBody>) {
  const fieldId = await fieldIdByCode(deps.db, editionId, input.fieldCode);
  const now = deps.clock.now();
  const rows = await deps.db
    .insert(topics)
    .values({
      editionId,
      fieldId,
      title: input.title,
      description: input.description ?? '',
      isExample: input.isExample ?? false,
      sortOrder: input.sortOrder ?? 0,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: topics.id });
  return findTopic(deps.db, firstOrThrow(rows).id);
}

export async function updateTopic(deps: Deps, topicId: string, input: Static<typeof TopicUpdateBody>) {
  const existing = await findTopic(deps.db, topicId);
  const fieldId = input.fieldCode ? await fieldIdByCode(deps.db, existing.editionId, input.fieldCode) : undefined;
  await deps.db
    .update(topics)
    .set({
      ...(fieldId ? { fieldId } : {}),
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.isExample !== undefined ? { isExample: input.isExample } : {}),
      ...(input.sortOrder !== undefined ? { sortOrder: input.sortOrder } : {}),
      updatedAt: deps.clock.now(),
    })
    .where(eq(topics.id, topicId));
  return findTopic(deps.db, topicId);
}

export async function deleteTopic(deps: Deps, topicId: string): Promise<void> {
  await findTopic(deps.db, topicId);
  await deps.db.delete(topics).where(eq(topics.id, topicId));
}

export type StageRow = typeof stages.$inferSelect;

export async function loadStages(db: Db, editionId: string): Promise<readonly StageRow[]> {
  // Reference data, kept as the edition is (./reference-cache.ts): most requests of a participant
  // check the timeline (R-TIME-1..3).
  return cachedReference(db, `stages:${editionId}`, () =>
    db.select().from(stages).where(eq(stages.editionId, editionId)).orderBy(asc(stages.sortOrder)),
  );
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

function presentTimeline(rows: readonly StageRow[], edition: EditionRow, now: Date) {
  const windows = toStageWindows(rows);
  return {
    now: isoInZone(now, edition.timeZone),
    timeZone: edition.timeZone,
    currentStage: currentStage(windows, now)?.code ?? null,
    nextStage: nextStage(windows, now)?.code ?? null,
    stages: rows.map((row) => presentStage(row, edition.timeZone, now)),
  };
}

/** The timeline with the stage open now (R-TIME-1) computed from the clock. */
export async function timeline(deps: Deps, edition: EditionRow) {
  return presentTimeline(await loadStages(deps.db, edition.id), edition, deps.clock.now());
}

/** Changes one stage's dates; the whole timeline must stay ordered and non-overlapping. */
export async function updateStageDates(
  deps: Deps,
  edition: EditionRow,
  stageCode: StageCode,
  dates: Static<typeof StageDatesBody>,
) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
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
    return presentTimeline(await loadStages(tx, edition.id), edition, now);
  });
}

async function gradesOf(db: Db, editionId: string) {
  return db
    .select({ id: grades.id, code: grades.code, nameZh: grades.nameZh, nameEn: grades.nameEn, rank: grades.rank })
    .from(grades)
    .where(eq(grades.editionId, editionId))
    .orderBy(asc(grades.rank));
}

export async function listAwardCategories(deps: Deps, editionId: string) {
  const [trackRows, awardRows, gradeRows] = await Promise.all([
    tracksOf(deps.db, editionId),
    deps.db
      .select()
      .from(awardCategories)
      .where(eq(awardCategories.editionId, editionId))
      .orderBy(asc(awardCategories.sortOrder)),
    gradesOf(deps.db, editionId),
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

export type EventRow = typeof events.$inferSelect;

export function presentEvent(event: EventRow, timeZone: string) {
  return {
    id: event.id,
    title: event.title,
    mode: event.mode,
    venue: event.venue,
    signInAt: isoInZoneOrNull(event.signInAt, timeZone),
    startsAt: isoInZone(event.startsAt, timeZone),
    endsAt: isoInZoneOrNull(event.endsAt, timeZone),
    agenda: event.agenda,
  };
}

export async function listEvents(deps: Deps, edition: EditionRow) {
  const rows = await deps.db
    .select()
    .from(events)
    .where(eq(events.editionId, edition.id))
    .orderBy(asc(events.startsAt));
  return rows.map((event) => presentEvent(event, edition.timeZone));
}
