import { eq } from 'drizzle-orm';
import type { Static } from 'typebox';
import type { Deps } from '../../lib/deps.js';
import { notFound } from '../../lib/errors.js';
import { firstOrThrow } from '../../lib/rows.js';
import { assertNotArchived } from './lifecycle.js';
import { resolveEdition, type EditionRow } from './resolve.js';
import type { EventBody, EventUpdateBody } from './schemas.js';
import { presentEvent } from './service.js';
import { events } from './tables.js';

/** Organizers manage an edition's events, such as the recommendation meeting (推荐会). */

const dateOrNull = (value: string | null | undefined) => (value ? new Date(value) : null);

export async function createEvent(deps: Deps, edition: EditionRow, input: Static<typeof EventBody>) {
  assertNotArchived(edition);
  const row = firstOrThrow(
    await deps.db
      .insert(events)
      .values({
        editionId: edition.id,
        title: input.title,
        mode: input.mode ?? '',
        venue: input.venue ?? '',
        signInAt: dateOrNull(input.signInAt),
        startsAt: new Date(input.startsAt),
        endsAt: dateOrNull(input.endsAt),
        agenda: input.agenda ?? [],
      })
      .returning(),
  );
  return presentEvent(row, edition.timeZone);
}

/** The event and its edition, or 404. */
export async function findEvent(deps: Deps, eventId: string) {
  const event = firstOrThrow(await deps.db.select().from(events).where(eq(events.id, eventId)), () =>
    notFound('EVENT_NOT_FOUND'),
  );
  return { event, edition: await resolveEdition(deps.db, event.editionId) };
}

export async function updateEvent(deps: Deps, eventId: string, input: Static<typeof EventUpdateBody>) {
  const { edition } = await findEvent(deps, eventId);
  assertNotArchived(edition);
  const { signInAt, startsAt, endsAt, ...rest } = input;
  const row = firstOrThrow(
    await deps.db
      .update(events)
      .set({
        ...rest,
        ...(signInAt !== undefined ? { signInAt: dateOrNull(signInAt) } : {}),
        ...(startsAt !== undefined ? { startsAt: new Date(startsAt) } : {}),
        ...(endsAt !== undefined ? { endsAt: dateOrNull(endsAt) } : {}),
      })
      .where(eq(events.id, eventId))
      .returning(),
  );
  return presentEvent(row, edition.timeZone);
}

export async function deleteEvent(deps: Deps, eventId: string): Promise<void> {
  const { edition } = await findEvent(deps, eventId);
  assertNotArchived(edition);
  await deps.db.delete(events).where(eq(events.id, eventId));
}
