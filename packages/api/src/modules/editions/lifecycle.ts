import { and, asc, eq } from 'drizzle-orm';
import type { Static } from 'typebox';
import { checkStageOrder, STAGE_CODES, type EditionStatus } from '@saishi/shared';
import type { Db, Deps, Transaction } from '../../lib/deps.js';
import { DomainError, assertNoViolations } from '../../lib/errors.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { firstOrThrow, getOrThrow } from '../../lib/rows.js';
import { forgetReferenceData } from './reference-cache.js';
import { findDivision, resolveEdition, type EditionRow } from './resolve.js';
import type { CreateEditionBody, StagesBody, UpdateEditionBody } from './schemas.js';
import { getEdition, loadStages, timeline, toStageWindows } from './service.js';
import {
  awardCategories,
  categories,
  directions,
  divisions,
  editions,
  fields,
  grades,
  stages,
  tracks,
} from './tables.js';
import { STANDARD_VOCABULARY, type Vocabulary } from './vocabulary.js';

// An edition's lifecycle: created as a draft (from scratch here, or cloned in clone.ts), its
// settings edited, then published to entrants and the public, and archived after the season.

const EMPTY_ORGANIZERS = { guidance: [], host: [], undertaker: [] };

/** Refuses to change an archived edition: its season is over and its records are final. */
export function assertNotArchived(edition: EditionRow): void {
  if (edition.status === 'archived')
    throw new DomainError('EDITION_ARCHIVED', 409, { params: { edition: edition.code } });
}

/** A division edition belongs to a national edition, and only a national one has divisions (R-DIV-2). */
export async function checkParent(db: Db, parentRef: string, divisionKind: string): Promise<EditionRow> {
  const parent = await resolveEdition(db, parentRef);
  const [parentDivision] = parent.divisionId
    ? await db.select({ kind: divisions.kind }).from(divisions).where(eq(divisions.id, parent.divisionId))
    : [];
  if (divisionKind !== 'provincial' || parentDivision?.kind !== 'national')
    throw new DomainError('EDITION_PARENT_NOT_NATIONAL', 422, {
      ruleId: 'R-DIV-2',
      fields: [{ path: '/body/parent', code: 'EDITION_PARENT_NOT_NATIONAL', ruleId: 'R-DIV-2' }],
    });
  return parent;
}

/** Maps a duplicate edition code to a 409 naming the field. */
export function mapEditionCodeTaken(error: unknown, code: string): never {
  if (isUniqueViolation(error, 'editions_code_unique'))
    throw new DomainError('EDITION_CODE_TAKEN', 409, {
      params: { code },
      fields: [{ path: '/body/code', code: 'EDITION_CODE_TAKEN', params: { code } }],
    });
  throw error;
}

/** Checks a whole timeline: every stage once, in order, without overlaps (R-TIME-1). */
export function assertTimeline(input: Static<typeof StagesBody>['stages'], path = '/body/stages'): void {
  const byCode = new Map(input.map((stage) => [stage.code, stage]));
  const missing = STAGE_CODES.filter((code) => !byCode.has(code));
  if (missing.length || byCode.size !== input.length)
    throw new DomainError('STAGES_INCOMPLETE', 422, {
      params: { stages: STAGE_CODES.join(', ') },
      fields: [{ path, code: 'STAGES_INCOMPLETE', params: { stages: STAGE_CODES.join(', ') } }],
    });
  const windows = STAGE_CODES.map((code) => {
    const stage = getOrThrow(byCode, code);
    return { code, startsAt: new Date(stage.startsAt), endsAt: stage.endsAt ? new Date(stage.endsAt) : null };
  });
  assertNoViolations(
    checkStageOrder(windows).map((violation) => ({
      ...violation,
      path: `${path}${violation.path?.replace(/^\/stages/, '') ?? ''}`,
    })),
  );
}

/** Inserts the vocabulary every edition starts with: tracks, directions, categories, awards, grades, fields. */
async function insertVocabulary(tx: Transaction, editionId: string, vocabulary: Vocabulary) {
  const trackRows = await tx
    .insert(tracks)
    .values(vocabulary.tracks.map((track, index) => ({ ...track, editionId, sortOrder: index + 1 })))
    .returning({ id: tracks.id, code: tracks.code });
  for (const [index, direction] of vocabulary.directions.entries()) {
    const row = firstOrThrow(
      await tx
        .insert(directions)
        .values({
          editionId,
          code: direction.code,
          nameZh: direction.nameZh,
          nameEn: direction.nameEn,
          description: direction.description,
          sortOrder: index + 1,
        })
        .returning({ id: directions.id }),
    );
    await tx.insert(categories).values(
      direction.categories.map((category, position) => ({
        ...category,
        editionId,
        directionId: row.id,
        sortOrder: index * 10 + position + 1,
      })),
    );
  }
  for (const track of trackRows)
    await tx.insert(awardCategories).values(
      vocabulary.awardCategories[track.code].map((award, index) => ({
        ...award,
        editionId,
        trackId: track.id,
        sortOrder: index + 1,
      })),
    );
  await tx.insert(grades).values(vocabulary.grades.map((grade) => ({ ...grade, editionId })));
  await tx
    .insert(fields)
    .values(vocabulary.fields.map((field, index) => ({ ...field, editionId, sortOrder: index + 1 })));
}

/** An organizer creates a draft edition from scratch: the standard vocabulary, its own dates and settings. */
export async function createEdition(deps: Deps, input: Static<typeof CreateEditionBody>) {
  const now = deps.clock.now();
  assertTimeline(input.stages);
  const division = await findDivisionOrRefuse(deps.db, input.divisionCode);
  const parent = input.parent ? await checkParent(deps.db, input.parent, division.kind) : undefined;
  try {
    const editionId = await deps.db.transaction(async (tx) => {
      const edition = firstOrThrow(
        await tx
          .insert(editions)
          .values({
            code: input.code,
            name: input.name,
            year: input.year,
            division: division.name,
            divisionId: division.id,
            parentId: parent?.id ?? null,
            status: 'draft',
            theme: input.theme ?? '',
            ...(input.timeZone ? { timeZone: input.timeZone } : {}),
            organizers: input.organizers ?? EMPTY_ORGANIZERS,
            contacts: input.contacts ?? [],
            committees: input.committees ?? [],
            nationalFinalAt: input.nationalFinalAt ? new Date(input.nationalFinalAt) : null,
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: editions.id }),
      );
      await insertVocabulary(tx, edition.id, STANDARD_VOCABULARY);
      const names = new Map(STANDARD_VOCABULARY.stages.map((stage) => [stage.code, stage]));
      await tx.insert(stages).values(
        STAGE_CODES.map((code, index) => {
          const dates = getOrThrow(new Map(input.stages.map((stage) => [stage.code, stage])), code);
          const { nameZh, nameEn } = getOrThrow(names, code);
          return {
            editionId: edition.id,
            code,
            nameZh,
            nameEn,
            startsAt: new Date(dates.startsAt),
            endsAt: dates.endsAt ? new Date(dates.endsAt) : null,
            sortOrder: index + 1,
            createdAt: now,
            updatedAt: now,
          };
        }),
      );
      return edition.id;
    });
    return getEdition(deps, editionId);
  } catch (error) {
    mapEditionCodeTaken(error, input.code);
  }
}

async function findDivisionOrRefuse(db: Db, code: string) {
  try {
    return await findDivision(db, code);
  } catch {
    throw new DomainError('DIVISION_NOT_FOUND', 422, {
      params: { division: code },
      fields: [{ path: '/body/divisionCode', code: 'DIVISION_NOT_FOUND', params: { division: code } }],
    });
  }
}

/** Changes the settings of an edition (name, theme, organizers, contacts, committees, time zone, final date). */
export async function updateEdition(deps: Deps, edition: EditionRow, input: Static<typeof UpdateEditionBody>) {
  assertNotArchived(edition);
  const { nationalFinalAt, ...settings } = input;
  await deps.db
    .update(editions)
    .set({
      ...settings,
      ...(nationalFinalAt !== undefined ? { nationalFinalAt: nationalFinalAt ? new Date(nationalFinalAt) : null } : {}),
      updatedAt: deps.clock.now(),
    })
    .where(eq(editions.id, edition.id));
  forgetReferenceData(deps.db);
  return getEdition(deps, edition.id);
}

/** Replaces the dates of several stages at once, so that a whole timeline can move without passing through overlaps. */
export async function replaceStageDates(deps: Deps, edition: EditionRow, input: Static<typeof StagesBody>) {
  assertNotArchived(edition);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(stages)
      .where(eq(stages.editionId, edition.id))
      .orderBy(asc(stages.sortOrder))
      .for('update');
    const byCode = new Map(input.stages.map((stage) => [stage.code, stage]));
    const merged = rows.map((row) => {
      const change = byCode.get(row.code);
      return change
        ? { ...row, startsAt: new Date(change.startsAt), endsAt: change.endsAt ? new Date(change.endsAt) : null }
        : row;
    });
    assertNoViolations(
      checkStageOrder(toStageWindows(merged)).map((violation) => ({
        ...violation,
        path: `/body${violation.path ?? ''}`,
      })),
    );
    for (const row of merged.filter((stage) => byCode.has(stage.code)))
      await tx
        .update(stages)
        .set({ startsAt: row.startsAt, endsAt: row.endsAt, updatedAt: now })
        .where(eq(stages.id, row.id));
    return timeline({ ...deps, db: tx }, edition);
  });
}

const TRANSITIONS: Record<'publish' | 'archive', { from: EditionStatus; to: EditionStatus }> = {
  publish: { from: 'draft', to: 'published' },
  archive: { from: 'published', to: 'archived' },
};

/**
 * Publishes a draft (entrants and the public see it; a complete, ordered timeline is required)
 * or archives a published edition (read-only from then on).
 */
export async function transitionEdition(deps: Deps, edition: EditionRow, action: 'publish' | 'archive') {
  const { from, to } = TRANSITIONS[action];
  if (edition.status !== from)
    throw new DomainError('EDITION_STATUS_CONFLICT', 409, { params: { status: edition.status, action } });
  if (action === 'publish') {
    const rows = await loadStages(deps.db, edition.id);
    assertTimeline(
      rows.map((row) => ({
        code: row.code,
        startsAt: row.startsAt.toISOString(),
        endsAt: row.endsAt?.toISOString() ?? null,
      })),
      '/stages',
    );
  }
  const now = deps.clock.now();
  const updated = await deps.db
    .update(editions)
    .set({ status: to, ...(to === 'published' ? { publishedAt: now } : { archivedAt: now }), updatedAt: now })
    .where(and(eq(editions.id, edition.id), eq(editions.status, from)))
    .returning({ id: editions.id });
  if (!updated.length) throw new DomainError('EDITION_STATUS_CONFLICT', 409, { params: { status: to, action } });
  forgetReferenceData(deps.db);
  return getEdition(deps, edition.id);
}
