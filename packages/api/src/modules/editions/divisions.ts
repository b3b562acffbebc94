import { eq } from 'drizzle-orm';
import type { Static } from 'typebox';
import type { Actor, Deps } from '../../lib/deps.js';
import { DomainError } from '../../lib/errors.js';
import { isUniqueViolation } from '../../lib/pg-errors.js';
import { firstOrThrow } from '../../lib/rows.js';
import { findUser } from '../accounts/service.js';
import { findDivision } from './resolve.js';
import type { DivisionBody, OrganizerScopeBody } from './schemas.js';
import { divisions, organizerScopes } from './tables.js';

// The platform organizers' set-up of the national competition: its divisions (分赛区) and the
// division each other organizer is kept to (lib/scope.ts enforces the scope on every request).

const presentDivision = (row: typeof divisions.$inferSelect) => ({
  id: row.id,
  code: row.code,
  name: row.name,
  kind: row.kind,
  isDefault: row.isDefault,
});

/** A new division, e.g. 江苏分赛, or the national competition. */
export async function createDivision(deps: Deps, input: Static<typeof DivisionBody>) {
  try {
    const rows = await deps.db
      .insert(divisions)
      .values({ code: input.code, name: input.name, kind: input.kind, sortOrder: input.sortOrder ?? 0 })
      .returning();
    return presentDivision(firstOrThrow(rows));
  } catch (error) {
    if (isUniqueViolation(error, 'divisions_code_unique'))
      throw new DomainError('DIVISION_CODE_TAKEN', 409, {
        params: { code: input.code },
        fields: [{ path: '/body/code', code: 'DIVISION_CODE_TAKEN', params: { code: input.code } }],
      });
    throw error;
  }
}

/**
 * Keeps an organizer to one division (`division`: its code), or makes them a platform organizer
 * again (`null`). Only organizers have a scope, and no one changes their own.
 */
export async function setOrganizerScope(
  deps: Deps,
  userId: string,
  input: Static<typeof OrganizerScopeBody>,
  actor: Actor,
) {
  if (actor.sub === userId) throw new DomainError('CANNOT_CHANGE_OWN_ACCOUNT', 409);
  const user = await findUser(deps.db, userId);
  if (user.role !== 'admin')
    throw new DomainError('SCOPE_NEEDS_ORGANIZER', 422, {
      fields: [{ path: '/params/id', code: 'SCOPE_NEEDS_ORGANIZER' }],
    });
  if (input.division === null) {
    await deps.db.delete(organizerScopes).where(eq(organizerScopes.userId, userId));
    return { userId, division: null };
  }
  const code = input.division;
  const division = await findDivision(deps.db, code).catch(() => {
    throw new DomainError('DIVISION_NOT_FOUND', 422, {
      params: { division: code },
      fields: [{ path: '/body/division', code: 'DIVISION_NOT_FOUND', params: { division: code } }],
    });
  });
  await deps.db
    .insert(organizerScopes)
    .values({ userId, divisionId: division.id })
    .onConflictDoUpdate({ target: organizerScopes.userId, set: { divisionId: division.id } });
  return { userId, division: presentDivision(division) };
}
