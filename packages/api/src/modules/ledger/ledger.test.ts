import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DURING_PRELIMINARY, createTestApp, type TestApp } from '../../test/app.js';
import { ledgerEntries } from './tables.js';
import { pgErrorOf } from '../../lib/pg-errors.js';
import { appendLedger, canonicalJson, entryHash } from './service.js';

let t: TestApp;
let admin: { token: string };
/** Entries the demo data wrote (its qualification decisions) before the tests append theirs. */
let base: number;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await createTestApp({ now: DURING_PRELIMINARY });
  admin = await t.userWithToken('admin');
});
afterAll(() => t.close());

describe('the hash-chained audit ledger', () => {
  it('sorts keys at every depth in the canonical JSON', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
  });

  it('verifies the chain of the demo data and refuses non-admins', async () => {
    const response = await t.http.get('/api/v1/ledger/verify').set(auth(admin.token)).expect(200);
    expect(response.body).toMatchObject({ valid: true, firstBroken: null, brokenRows: [] });
    base = response.body.entries;
    const expert = await t.userWithToken('expert');
    await t.http.get('/api/v1/ledger/verify').set(auth(expert.token)).expect(403);
    await t.http.get('/api/v1/ledger/verify').expect(401);
  });

  it('chains each entry to the SHA-256 of the previous one, also under concurrent appends', async () => {
    const now = t.clock.now();
    await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        t.db.transaction((tx) =>
          appendLedger(
            tx,
            {
              action: 'score.submitted',
              actorId: null,
              subjectType: 'score',
              subjectId: String(index),
              payload: { index, nested: { z: 1, a: [1, 2] } },
            },
            now,
          ),
        ),
      ),
    );
    const page = await t.http.get('/api/v1/ledger?limit=5').set(auth(admin.token)).expect(200);
    expect(page.body.items.map((entry: { seq: number }) => entry.seq)).toEqual([1, 2, 3, 4, 5]);
    const appended = await t.db
      .select()
      .from(ledgerEntries)
      .where(sql`${ledgerEntries.seq} > ${base}`);
    expect(appended.map((entry) => entry.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, index) => base + index + 1),
    );
    expect(page.body.items[1].prevHash).toBe(page.body.items[0].hash);
    expect(page.body.items[0].prevHash).toBe('0'.repeat(64));
    const next = await t.http
      .get(`/api/v1/ledger?limit=50&cursor=${page.body.nextCursor}`)
      .set(auth(admin.token))
      .expect(200);
    expect(next.body.items[0].seq).toBe(6);
    const verified = await t.http.get('/api/v1/ledger/verify').set(auth(admin.token)).expect(200);
    expect(verified.body).toMatchObject({ valid: true, entries: base + 12, firstBroken: null });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of ledger entries in the database (append-only trigger)', async () => {
    for (const statement of [
      sql`update ledger_entries set payload = '{}'::jsonb where seq = ${base + 7}`,
      sql`delete from ledger_entries where seq = ${base + 7}`,
      sql`truncate ledger_entries`,
    ]) {
      const error = await t.db.execute(statement).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(pgErrorOf(error)?.code).toBe('SA003');
    }
    const verified = await t.http.get('/api/v1/ledger/verify').set(auth(admin.token)).expect(200);
    expect(verified.body).toMatchObject({ valid: true, entries: base + 12 });
  });

  it('detects a payload tampered with directly in SQL by someone who disabled the trigger, and names the first broken link', async () => {
    // A database superuser can switch the append-only triggers off; verification is the last line.
    await t.db.execute(sql`alter table ledger_entries disable trigger user`);
    await t.db.execute(
      sql`update ledger_entries set payload = jsonb_set(payload, '{index}', '999') where seq = ${base + 7}`,
    );
    const response = await t.http.get('/api/v1/ledger/verify').set(auth(admin.token)).expect(200);
    expect(response.body).toMatchObject({
      valid: false,
      entries: base + 6,
      firstBroken: { seq: base + 7, reason: 'hash_mismatch' },
    });
  });

  it('detects a tampered entry whose own hash was recomputed, by the broken link to the next one', async () => {
    // A forger who recomputes seq 7's hash over the forged payload still breaks seq 8's prevHash.
    const [row] = await t.db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.seq, base + 7));
    const forgedHash = entryHash({ ...row!, payload: row!.payload });
    await t.db.execute(sql`update ledger_entries set hash = ${forgedHash} where seq = ${base + 7}`);
    const response = await t.http.get('/api/v1/ledger/verify').set(auth(admin.token)).expect(200);
    expect(response.body).toMatchObject({
      valid: false,
      entries: base + 7,
      firstBroken: { seq: base + 8, reason: 'prev_hash_mismatch' },
    });
  });

  it('detects a deleted entry as a gap', async () => {
    await t.db.execute(sql`delete from ledger_entries where seq = ${base + 3}`);
    const response = await t.http.get('/api/v1/ledger/verify').set(auth(admin.token)).expect(200);
    expect(response.body).toMatchObject({
      valid: false,
      entries: base + 2,
      firstBroken: { seq: base + 3, reason: 'seq_gap' },
    });
  });
});
