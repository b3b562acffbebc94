import { and, eq, isNotNull, like, not, or } from 'drizzle-orm';
import type { Db } from '../../lib/deps.js';
import { SEALED_PREFIX, type SecretBox } from '../../lib/secret-box.js';
import { webhookEndpoints } from './tables.js';

/** What a webhook secret is sealed for: the current and the previous secret alike (a rotation copies one to the other). */
const PURPOSE = 'webhook signing secret';

export const sealWebhookSecret = (box: SecretBox, plain: string) => box.seal(plain, PURPOSE);
export const openWebhookSecret = (box: SecretBox, sealed: string) => box.open(sealed, PURPOSE);

/** The secret, or null when the box cannot open it (sealed under another key). */
export function openableWebhookSecret(box: SecretBox, sealed: string): string | null {
  try {
    return openWebhookSecret(box, sealed);
  } catch {
    return null;
  }
}

const isPlain = (column: typeof webhookEndpoints.secret | typeof webhookEndpoints.previousSecret) =>
  and(isNotNull(column), not(like(column, `${SEALED_PREFIX}%`)));

/**
 * Encrypts the secrets stored in plain text before they were sealed (a database of an earlier
 * version), so none is left readable; run at start-up, after the migrations. Each row is updated
 * only if it still holds what was read, so replicas doing it at once cannot seal a value twice.
 * Answers how many endpoints it sealed.
 */
export async function sealPlainWebhookSecrets(db: Db, box: SecretBox): Promise<number> {
  const rows = await db
    .select({ id: webhookEndpoints.id, secret: webhookEndpoints.secret, previous: webhookEndpoints.previousSecret })
    .from(webhookEndpoints)
    .where(or(isPlain(webhookEndpoints.secret), isPlain(webhookEndpoints.previousSecret)));
  let sealed = 0;
  for (const row of rows) {
    const seal = (value: string) => (value.startsWith(SEALED_PREFIX) ? value : sealWebhookSecret(box, value));
    const updated = await db
      .update(webhookEndpoints)
      .set({ secret: seal(row.secret), previousSecret: row.previous === null ? null : seal(row.previous) })
      .where(and(eq(webhookEndpoints.id, row.id), eq(webhookEndpoints.secret, row.secret)))
      .returning({ id: webhookEndpoints.id });
    sealed += updated.length;
  }
  return sealed;
}
