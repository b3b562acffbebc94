import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretsKey } from '../../config.js';
import { createSecretBox, SEALED_PREFIX } from '../../lib/secret-box.js';
import { sqlRows } from '../../lib/rows.js';
import { createTestApp, DURING_COLLECTION, expectProblem, type TestApp } from '../../test/app.js';
import { bearer } from '../projects/test-kit.js';
import { openWebhookSecret, sealPlainWebhookSecrets } from './secrets.js';
import { MAX_ENDPOINTS_PER_EDITION } from './service.js';
import { webhookEndpoints } from './tables.js';

// Webhook secrets at rest (encrypted, read back only to sign) and the cap on an edition's endpoints.

describe('webhook secrets at rest and endpoints per edition', () => {
  let t: TestApp;
  let admin: { id: string; token: string };

  beforeAll(async () => {
    t = await createTestApp({ now: DURING_COLLECTION, config: { WEBHOOK_ALLOW_PRIVATE_TARGETS: true } });
    admin = await t.userWithToken('admin');
  });
  afterAll(() => t?.close());

  const create = () =>
    t.http
      .post('/api/v1/editions/current/webhooks')
      .set(bearer(admin.token))
      .send({ url: 'http://127.0.0.1:9/hooks', events: ['results.published'] });
  const stored = (id: string) =>
    sqlRows<{ secret: string; previous_secret: string | null }>(
      t.db,
      sql`select secret, previous_secret from webhook_endpoints where id = ${id}`,
    );

  it('keeps no secret in plain text: the columns hold AES-GCM ciphertext only', async () => {
    const created = await create().expect(201);
    const rotated = await t.http
      .post(`/api/v1/webhooks/${created.body.id}/rotate-secret`)
      .set(bearer(admin.token))
      .expect(200);
    const [row] = await stored(created.body.id);
    for (const plain of [created.body.secret as string, rotated.body.secret as string]) {
      expect(plain).toMatch(/^whsec_/);
      expect(JSON.stringify(row)).not.toContain(plain);
      expect(JSON.stringify(row)).not.toContain(plain.slice('whsec_'.length));
    }
    expect(row!.secret.startsWith(SEALED_PREFIX)).toBe(true);
    expect(row!.previous_secret!.startsWith(SEALED_PREFIX)).toBe(true);
    // Only the key of the configuration opens them: the current secret and the one it replaced.
    const box = createSecretBox(secretsKey(t.config));
    expect(openWebhookSecret(box, row!.secret)).toBe(rotated.body.secret);
    expect(openWebhookSecret(box, row!.previous_secret!)).toBe(created.body.secret);
    await t.http.delete(`/api/v1/webhooks/${created.body.id}`).set(bearer(admin.token)).expect(204);
  });

  it('encrypts the secrets an earlier version stored in plain text, once', async () => {
    const created = await create().expect(201);
    const [plain] = await t.db
      .insert(webhookEndpoints)
      .values({
        editionId: created.body.editionId,
        url: 'http://127.0.0.1:9/old',
        events: ['team.returned'],
        secret: 'whsec_stored-in-plain-text-before',
        previousSecret: 'whsec_the-one-before-that',
        previousSecretExpiresAt: new Date(Date.now() + 3600_000),
        createdAt: new Date(),
        updatedAt: new Date(),
      })
      .returning({ id: webhookEndpoints.id });
    const box = createSecretBox(secretsKey(t.config));
    expect(await sealPlainWebhookSecrets(t.db, box)).toBe(1);
    const [row] = await stored(plain!.id);
    expect(JSON.stringify(row)).not.toMatch(/stored-in-plain-text|the-one-before-that/);
    expect(openWebhookSecret(box, row!.secret)).toBe('whsec_stored-in-plain-text-before');
    expect(openWebhookSecret(box, row!.previous_secret!)).toBe('whsec_the-one-before-that');
    // Already sealed, the endpoint created through the API is left as it was.
    const [untouched] = await stored(created.body.id);
    expect(openWebhookSecret(box, untouched!.secret)).toBe(created.body.secret);
    expect(await sealPlainWebhookSecrets(t.db, box)).toBe(0);
    await t.db.execute(sql`delete from webhook_endpoints`);
  });

  it(`refuses an edition's endpoint past ${MAX_ENDPOINTS_PER_EDITION}, in both languages`, async () => {
    for (let index = 0; index < MAX_ENDPOINTS_PER_EDITION - 1; index++) await create().expect(201);
    // The last two places asked at once: one is given, the other refused.
    const race = await Promise.all([create(), create()]);
    expect(race.map((answer) => answer.status).sort()).toEqual([201, 409]);
    const refused = race.find((answer) => answer.status === 409)!;
    expect(expectProblem(refused, 409, 'WEBHOOK_ENDPOINT_LIMIT').detail).toContain(String(MAX_ENDPOINTS_PER_EDITION));
    const english = await create().set('accept-language', 'en');
    expect(expectProblem(english, 409, 'WEBHOOK_ENDPOINT_LIMIT').detail).toBe(
      `An edition may have at most ${MAX_ENDPOINTS_PER_EDITION} webhook endpoints: delete one no longer used first`,
    );
    const listed = await t.http.get('/api/v1/editions/current/webhooks').set(bearer(admin.token)).expect(200);
    expect(listed.body.items).toHaveLength(MAX_ENDPOINTS_PER_EDITION);
    // One deleted frees a place.
    await t.http.delete(`/api/v1/webhooks/${listed.body.items[0].id}`).set(bearer(admin.token)).expect(204);
    await create().expect(201);
  });
});
