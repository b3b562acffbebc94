import { randomUUID } from 'node:crypto';
import type { Actor, Deps } from '../../lib/deps.js';
import { assertPersonalDataRight, logAccesses } from './access.js';

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

/** The log entries of a page: the people whose contacts go out unmasked as `export`, the others named as `export_masked`. */
function pageEntries<Row>(page: readonly Row[], disclosure: Disclosure, peopleOf: (row: Row) => NamedPeople) {
  const people = page.map(peopleOf);
  const unmasked = new Set(disclosure.unmasked ? people.flatMap((person) => person.contacts) : []);
  const named = people.flatMap((person) => [...person.contacts, ...person.named]);
  return [
    ...[...unmasked].map((subjectUserId) => ({ subjectUserId, kind: 'export' as const })),
    ...named
      .filter((userId) => !unmasked.has(userId))
      .map((subjectUserId) => ({ subjectUserId, kind: 'export_masked' as const })),
  ];
}

/**
 * The pages, each page's people logged (one statement) before it is handed out, so before their
 * names and contacts are written: those whose contacts go out unmasked as `export`, everyone else
 * named as `export_masked`. The next page is read and logged while this one is written; a reader
 * that stops early may leave the next page logged but not written (the log errs on telling more).
 */
export async function* disclosedPages<Row>(
  deps: Deps,
  pages: AsyncIterable<Row[]>,
  disclosure: Disclosure,
  peopleOf: (row: Row) => NamedPeople,
): AsyncGenerator<Row[]> {
  const record = { actor: disclosure.actor, resource: disclosure.resource, reason: disclosure.reason };
  const iterator = pages[Symbol.asyncIterator]();
  const loggedNext = async () => {
    const next = await iterator.next();
    if (!next.done) await logAccesses(deps.db, record, pageEntries(next.value, disclosure, peopleOf), deps.clock.now());
    return next;
  };
  try {
    for (let next = loggedNext(); ;) {
      const current = await next;
      if (current.done) return;
      next = loggedNext();
      // Awaited at the next page; a reader that stops early leaves it unawaited, not unhandled.
      next.catch(() => {});
      yield current.value;
    }
  } finally {
    await iterator.return?.();
  }
}
