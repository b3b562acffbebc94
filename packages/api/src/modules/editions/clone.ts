import { eq, inArray } from 'drizzle-orm';
import type { Static } from 'typebox';
import type { Deps, Transaction } from '../../lib/deps.js';
import { firstOrThrow, getOrThrow } from '../../lib/rows.js';
import { shiftYears, shiftYearsOrNull } from '../../lib/time.js';
import { awardQuotas } from '../awards/tables.js';
import { reviewRounds, rubrics } from '../review/tables.js';
import { checkParent, mapEditionCodeTaken } from './lifecycle.js';
import { type EditionRow } from './resolve.js';
import type { CloneEditionBody } from './schemas.js';
import { getEdition } from './service.js';
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

// Opening the next season in minutes: a new draft edition with everything the organizers set up
// for the last one (vocabulary, fields and topics, dates moved by whole years, events, rubrics,
// award quotas) and nothing the entrants brought (never teams, units, projects or people).

type Ids = Map<string, string>;

/** Copies the rows of a table from one edition to another, returning old id → new id. */
async function copyRows<Row extends { id: string; editionId: string }>(
  tx: Transaction,
  rows: Row[],
  insert: (values: Omit<Row, 'id'>[]) => Promise<{ id: string }[]>,
  editionId: string,
  adapt: (row: Row) => Partial<Row> = () => ({}),
): Promise<Ids> {
  if (!rows.length) return new Map();
  const inserted = await insert(
    rows.map(({ id: _id, ...row }) => ({ ...row, ...adapt({ id: _id, ...row } as Row), editionId })),
  );
  return new Map(rows.map((row, index) => [row.id, firstOrThrow(inserted.slice(index, index + 1)).id]));
}

async function copyVocabulary(tx: Transaction, source: string, target: string) {
  const trackIds = await copyRows(
    tx,
    await tx.select().from(tracks).where(eq(tracks.editionId, source)),
    (values) => tx.insert(tracks).values(values).returning({ id: tracks.id }),
    target,
  );
  const directionIds = await copyRows(
    tx,
    await tx.select().from(directions).where(eq(directions.editionId, source)),
    (values) => tx.insert(directions).values(values).returning({ id: directions.id }),
    target,
  );
  await copyRows(
    tx,
    await tx.select().from(categories).where(eq(categories.editionId, source)),
    (values) => tx.insert(categories).values(values).returning({ id: categories.id }),
    target,
    (row) => ({ directionId: getOrThrow(directionIds, row.directionId) }),
  );
  await copyRows(
    tx,
    await tx.select().from(awardCategories).where(eq(awardCategories.editionId, source)),
    (values) => tx.insert(awardCategories).values(values).returning({ id: awardCategories.id }),
    target,
    (row) => ({ trackId: getOrThrow(trackIds, row.trackId) }),
  );
  await copyRows(
    tx,
    await tx.select().from(grades).where(eq(grades.editionId, source)),
    (values) => tx.insert(grades).values(values).returning({ id: grades.id }),
    target,
  );
  const fieldIds = await copyRows(
    tx,
    await tx.select().from(fields).where(eq(fields.editionId, source)),
    (values) => tx.insert(fields).values(values).returning({ id: fields.id }),
    target,
  );
  await copyRows(
    tx,
    await tx.select().from(topics).where(eq(topics.editionId, source)),
    (values) => tx.insert(topics).values(values).returning({ id: topics.id }),
    target,
    (row) => ({ fieldId: getOrThrow(fieldIds, row.fieldId) }),
  );
}

/** Replaces the source's year in a name, e.g. 2024年…广西分赛 → 2025年…广西分赛. */
const renameForYear = (name: string, from: number, to: number) => name.replaceAll(String(from), String(to));

async function copyTimeline(tx: Transaction, source: EditionRow, target: string, year: number, now: Date) {
  const years = year - source.year;
  await copyRows(
    tx,
    await tx.select().from(stages).where(eq(stages.editionId, source.id)),
    (values) => tx.insert(stages).values(values).returning({ id: stages.id }),
    target,
    (row) => ({
      startsAt: shiftYears(row.startsAt, years),
      endsAt: shiftYearsOrNull(row.endsAt, years),
      createdAt: now,
      updatedAt: now,
    }),
  );
  await copyRows(
    tx,
    await tx.select().from(events).where(eq(events.editionId, source.id)),
    (values) => tx.insert(events).values(values).returning({ id: events.id }),
    target,
    (row) => ({
      title: renameForYear(row.title, source.year, year),
      signInAt: shiftYearsOrNull(row.signInAt, years),
      startsAt: shiftYears(row.startsAt, years),
      endsAt: shiftYearsOrNull(row.endsAt, years),
    }),
  );
}

/** The review rounds' settings and rubrics (as drafts) and the award quotas. */
async function copyReviewAndAwards(tx: Transaction, source: string, target: string, now: Date) {
  const rounds = await tx.select().from(reviewRounds).where(eq(reviewRounds.editionId, source));
  for (const round of rounds) {
    const copy = firstOrThrow(
      await tx
        .insert(reviewRounds)
        .values({
          editionId: target,
          kind: round.kind,
          expertsPerProject: round.expertsPerProject,
          normalize: round.normalize,
          createdAt: now,
        })
        .returning({ id: reviewRounds.id }),
    );
    const rubricRows = await tx
      .select()
      .from(rubrics)
      .where(inArray(rubrics.roundId, [round.id]));
    if (rubricRows.length)
      await tx.insert(rubrics).values(
        rubricRows.map((rubric) => ({
          roundId: copy.id,
          directionCode: rubric.directionCode,
          criteria: rubric.criteria,
          updatedAt: now,
        })),
      );
  }
  const quotas = await tx.select().from(awardQuotas).where(eq(awardQuotas.editionId, source));
  if (quotas.length) await tx.insert(awardQuotas).values(quotas.map((quota) => ({ ...quota, editionId: target })));
}

/** Clones an edition into a new draft season `input.year`, its dates moved by the difference in years. */
export async function cloneEdition(deps: Deps, source: EditionRow, input: Static<typeof CloneEditionBody>) {
  const now = deps.clock.now();
  const years = input.year - source.year;
  const [division] = source.divisionId
    ? await deps.db.select({ kind: divisions.kind }).from(divisions).where(eq(divisions.id, source.divisionId))
    : [];
  const parent = input.parent ? await checkParent(deps.db, input.parent, division?.kind ?? 'provincial') : undefined;
  try {
    const editionId = await deps.db.transaction(async (tx) => {
      const edition = firstOrThrow(
        await tx
          .insert(editions)
          .values({
            code: input.code,
            name: input.name ?? renameForYear(source.name, source.year, input.year),
            year: input.year,
            division: source.division,
            divisionId: source.divisionId,
            parentId: parent ? parent.id : null,
            status: 'draft',
            theme: source.theme,
            timeZone: source.timeZone,
            organizers: source.organizers,
            contacts: source.contacts,
            committees: source.committees,
            nationalFinalAt: shiftYearsOrNull(source.nationalFinalAt, years),
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: editions.id }),
      );
      await copyVocabulary(tx, source.id, edition.id);
      await copyTimeline(tx, source, edition.id, input.year, now);
      await copyReviewAndAwards(tx, source.id, edition.id, now);
      return edition.id;
    });
    return getEdition(deps, editionId);
  } catch (error) {
    mapEditionCodeTaken(error, input.code);
  }
}
