import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../lib/deps.js';
import { cachedReference, keepReference } from './reference-cache.js';
import { fields, topics } from './tables.js';

/** A topic as lists name it, and its rank in the edition's order (by field, then topic, then id). */
export interface IndexedTopic {
  id: string;
  title: string;
  fieldCode: string;
  rank: number;
}

export type TopicIndex = ReadonlyMap<string, IndexedTopic>;

async function readTopicIndex(db: Db, editionId: string): Promise<TopicIndex> {
  const rows = await db
    .select({ id: topics.id, title: topics.title, fieldCode: fields.code })
    .from(topics)
    .innerJoin(fields, eq(fields.id, topics.fieldId))
    .where(eq(topics.editionId, editionId))
    .orderBy(asc(fields.sortOrder), asc(topics.sortOrder), asc(topics.id));
  return new Map(rows.map((row, rank) => [row.id, { ...row, rank }]));
}

/**
 * The edition's topics by id, kept with the edition's reference data: a list names its projects'
 * topics by id and takes titles and field codes from here, instead of joining topics and fields for
 * every page. When an id is missing (a topic added on another instance since this one kept the
 * index), the index is read again.
 */
export async function topicIndex(db: Db, editionId: string, ids: Iterable<string> = []): Promise<TopicIndex> {
  const key = `topic-index:${editionId}`;
  const kept = await cachedReference(db, key, () => readTopicIndex(db, editionId));
  for (const id of ids) {
    if (!kept.has(id)) {
      const read = await readTopicIndex(db, editionId);
      keepReference(db, key, read);
      return read;
    }
  }
  return kept;
}

/**
 * The topics of the ids in the edition's order. A project's topics are its edition's (refused
 * otherwise with `TOPIC_NOT_IN_EDITION`), so every id is found.
 */
export function topicsInOrder(index: TopicIndex, ids: readonly string[]): IndexedTopic[] {
  const found: IndexedTopic[] = [];
  for (const id of ids) {
    const topic = index.get(id);
    if (topic) found.push(topic);
  }
  return found.sort((a, b) => a.rank - b.rank);
}
