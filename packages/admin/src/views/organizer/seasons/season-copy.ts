import { api, call } from '../../../api/client';

/** What a season copied from this edition would hold (the clone copies these, never teams, projects or people). */
export const COPIED = [
  'stages',
  'tracks',
  'directions',
  'categories',
  'fields',
  'topics',
  'rubrics',
  'quotas',
  'events',
] as const;
export type CopiedCounts = Record<(typeof COPIED)[number] | 'rounds', number>;

/** Counts what the clone would copy from the edition, for the wizard's review. */
export async function countCopied(edition: string): Promise<CopiedCounts> {
  const path = { params: { path: { edition } } };
  const [stages, tracks, directions, fields, topics, rounds, quotas, events] = await Promise.all([
    call(api.GET('/api/v1/editions/{edition}/stages', path)),
    call(api.GET('/api/v1/editions/{edition}/tracks', path)),
    call(api.GET('/api/v1/editions/{edition}/directions', path)),
    call(api.GET('/api/v1/editions/{edition}/fields', path)),
    call(api.GET('/api/v1/editions/{edition}/topics', path)),
    call(api.GET('/api/v1/editions/{edition}/review-rounds', path)),
    call(api.GET('/api/v1/editions/{edition}/award-quotas', path)),
    call(api.GET('/api/v1/editions/{edition}/events', path)),
  ]);
  const rubrics = await Promise.all(
    rounds.items.map((round) =>
      call(api.GET('/api/v1/review-rounds/{id}/rubrics', { params: { path: { id: round.id } } })),
    ),
  );
  return {
    stages: stages.stages.length,
    tracks: tracks.items.length,
    directions: directions.items.length,
    categories: directions.items.reduce((sum, direction) => sum + direction.categories.length, 0),
    fields: fields.items.length,
    topics: topics.items.length,
    rubrics: rubrics.reduce((sum, list) => sum + list.items.length, 0),
    rounds: rounds.items.length,
    quotas: quotas.items.length,
    events: events.items.length,
  };
}
