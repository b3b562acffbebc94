import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import type { Transaction } from '../lib/deps.js';
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
} from '../db/tables.js';
import { guangxi2024 } from './guangxi-2024.js';

/** The division of the code, created when missing; the first division is the default. */
async function seedDivision(tx: Transaction, code: string, name: string): Promise<string> {
  const [existing] = await tx.select({ id: divisions.id }).from(divisions).where(eq(divisions.code, code));
  if (existing) return existing.id;
  const isDefault = (await tx.$count(divisions)) === 0;
  const [division] = await tx.insert(divisions).values({ code, name, isDefault }).returning({ id: divisions.id });
  return division!.id;
}

/** Loads the 2024 Guangxi edition unless an edition with its code exists; returns its id. */
export async function seedGuangxi2024(db: Database): Promise<string> {
  const data = guangxi2024;
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: editions.id }).from(editions).where(eq(editions.code, data.code));
    if (existing) return existing.id;

    const divisionId = await seedDivision(tx, data.divisionCode, data.division);
    const setUpAt = new Date(data.setUpAt);
    const [edition] = await tx
      .insert(editions)
      .values({
        code: data.code,
        name: data.name,
        year: data.year,
        division: data.division,
        divisionId,
        status: 'published',
        publishedAt: new Date(data.stages[0]?.startsAt ?? data.nationalFinalAt),
        theme: data.theme,
        timeZone: data.timeZone,
        organizers: data.organizers,
        contacts: data.contacts,
        committees: data.committees,
        nationalFinalAt: new Date(data.nationalFinalAt),
        createdAt: setUpAt,
        updatedAt: setUpAt,
      })
      .returning({ id: editions.id });
    const editionId = edition!.id;

    const trackRows = await tx
      .insert(tracks)
      .values(data.tracks.map((track, index) => ({ ...track, editionId, sortOrder: index + 1 })))
      .returning({ id: tracks.id, code: tracks.code });

    for (const [index, direction] of data.directions.entries()) {
      const [row] = await tx
        .insert(directions)
        .values({
          editionId,
          code: direction.code,
          nameZh: direction.nameZh,
          nameEn: direction.nameEn,
          description: direction.description,
          sortOrder: index + 1,
        })
        .returning({ id: directions.id });
      await tx.insert(categories).values(
        direction.categories.map((category, position) => ({
          ...category,
          editionId,
          directionId: row!.id,
          sortOrder: index * 10 + position + 1,
        })),
      );
    }

    for (const track of trackRows) {
      const awards = data.awardCategories[track.code];
      await tx
        .insert(awardCategories)
        .values(awards.map((award, index) => ({ ...award, editionId, trackId: track.id, sortOrder: index + 1 })));
    }

    await tx.insert(grades).values(data.grades.map((grade) => ({ ...grade, editionId })));

    const fieldRows = await tx
      .insert(fields)
      .values(data.fields.map((field, index) => ({ ...field, editionId, sortOrder: index + 1 })))
      .returning({ id: fields.id, code: fields.code });

    await tx.insert(topics).values(
      fieldRows.flatMap((field) =>
        (data.exampleTopics[field.code] ?? []).map((title, index) => ({
          editionId,
          fieldId: field.id,
          title,
          description: '演示数据中的示例赛题，正式赛题以国家赛题指南为准。',
          isExample: true,
          sortOrder: index + 1,
          createdAt: setUpAt,
          updatedAt: setUpAt,
        })),
      ),
    );

    await tx.insert(stages).values(
      data.stages.map((stage, index) => ({
        ...stage,
        editionId,
        startsAt: new Date(stage.startsAt),
        endsAt: stage.endsAt ? new Date(stage.endsAt) : null,
        sortOrder: index + 1,
        createdAt: setUpAt,
        updatedAt: setUpAt,
      })),
    );

    await tx.insert(events).values(
      data.events.map((event) => ({
        ...event,
        editionId,
        signInAt: new Date(event.signInAt),
        startsAt: new Date(event.startsAt),
        endsAt: new Date(event.endsAt),
      })),
    );
    return editionId;
  });
}
