import { randomUUID } from 'node:crypto';
import type { Actor, Deps } from '../../lib/deps.js';
import { assertPersonalDataRight, logAccess } from './access.js';

/**
 * Who exports, why and under which id: every export of personal information is logged, masked or
 * not (`unmasked`: contacts go out in clear). The id in `resource` groups an export's entries, so
 * the log tells how many people one export named.
 */
export interface Disclosure {
  actor: Actor;
  unmasked: boolean;
  resource: string;
  reason: string;
}

/**
 * An export's disclosure: unmasked only with a reason, which needs `personalData.view` (403
 * `PERSONAL_DATA_RIGHT_REQUIRED`, before any byte is sent); `kind` names the export in the log,
 * e.g. `teams` for `teams/export/{id}`.
 */
export async function startDisclosure(
  deps: Deps,
  actor: Actor,
  kind: string,
  reason: string | undefined,
): Promise<Disclosure> {
  if (reason !== undefined) await assertPersonalDataRight(deps.db, actor);
  return { actor, unmasked: reason !== undefined, resource: `${kind}/export/${randomUUID()}`, reason: reason ?? '' };
}

/** The people an exported row names: those whose contacts it shows, and everyone else it names. */
export interface NamedPeople {
  contacts: readonly string[];
  named: readonly string[];
}

/**
 * The pages, each page's people logged before it is handed out (so before their names and
 * contacts are written): those whose contacts go out unmasked as `export`, everyone else named as
 * `export_masked`.
 */
export async function* disclosedPages<Row>(
  deps: Deps,
  pages: AsyncIterable<Row[]>,
  disclosure: Disclosure,
  peopleOf: (row: Row) => NamedPeople,
): AsyncGenerator<Row[]> {
  const record = { actor: disclosure.actor, resource: disclosure.resource, reason: disclosure.reason };
  for await (const page of pages) {
    const people = page.map(peopleOf);
    const unmasked = new Set(disclosure.unmasked ? people.flatMap((person) => person.contacts) : []);
    const named = people.flatMap((person) => [...person.contacts, ...person.named]);
    const now = deps.clock.now();
    await logAccess(deps.db, { ...record, kind: 'export', subjectUserIds: [...unmasked] }, now);
    await logAccess(
      deps.db,
      { ...record, kind: 'export_masked', subjectUserIds: named.filter((userId) => !unmasked.has(userId)) },
      now,
    );
    yield page;
  }
}
