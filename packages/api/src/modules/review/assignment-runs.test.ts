import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DURING_PRELIMINARY, expectProblem, type TestApp } from '../../test/app.js';
import { auth, type TestUser } from '../../test/divisions.js';
import { lineListDigest } from '../ledger/service.js';
import { AUTO_RUN_STALE_MS } from './assignment-runs.js';
import { createProject, createUnit, currentEditionId, fakeCreditCode } from './fixtures.js';
import { assignments, autoAssignmentRuns } from './tables.js';

/**
 * An automatic run commits its assignments in chunks (other requests get the embedded database
 * between them), so it claims its round while it writes: a failed run, or one whose process
 * ended, leaves none of its assignments behind, and nobody changes the round's assignments by
 * hand in the meantime.
 */
let t: TestApp;
let admin: TestUser;
let roundId: string;
let projectIds: string[];

beforeAll(async () => {
  t = await createTestApp({ now: DURING_PRELIMINARY });
  admin = await t.userWithToken('admin');
  const list = await t.http.get('/api/v1/editions/current/review-rounds').set(auth(admin)).expect(200);
  roundId = list.body.items.find((round: { kind: string }) => round.kind === 'preliminary').id;
  const editionId = await currentEditionId(t.db);
  projectIds = [];
  for (const [index, title] of ['分批项目甲', '分批项目乙', '分批项目丙'].entries()) {
    const unit = await createUnit(t.db, editionId, {
      name: `分批单位${index}`,
      creditCode: fakeCreditCode(882_000 + index),
    });
    projectIds.push(
      (await createProject(t.db, { editionId, trackCode: 'society', unitIds: [unit.id], title })).projectId,
    );
  }
});
afterAll(() => t.close());

const autoAssign = () => t.http.post(`/api/v1/review-rounds/${roundId}/assignments/auto`).set(auth(admin));
const roundAssignments = () => t.db.select().from(assignments).where(eq(assignments.roundId, roundId));
const claims = () => t.db.select().from(autoAssignmentRuns).where(eq(autoAssignmentRuns.roundId, roundId));

/** A claim of the round by a run that showed its last sign of life `silentMs` ago. */
async function claimBy(silentMs: number): Promise<string> {
  const id = randomUUID();
  const aliveAt = new Date(t.clock.now().getTime() - silentMs);
  await t.db.insert(autoAssignmentRuns).values({ id, roundId, startedAt: aliveAt, aliveAt });
  return id;
}

describe('an automatic run in chunks', () => {
  it('leaves none of its assignments when it fails after writing them', async () => {
    // The run's last step (its ledger entry) fails, after its assignments were committed.
    await t.db.execute(sql`
      create function refuse_auto_entry() returns trigger language plpgsql as $$
      begin raise exception 'the ledger refuses the run'; end $$`);
    await t.db.execute(sql`
      create trigger refuse_auto_entry before insert on ledger_entries for each row
        when (new.action = 'assignments.auto') execute function refuse_auto_entry()`);
    try {
      expect((await autoAssign()).status).toBe(500);
    } finally {
      await t.db.execute(sql`drop trigger refuse_auto_entry on ledger_entries`);
      await t.db.execute(sql`drop function refuse_auto_entry()`);
    }
    expect(await roundAssignments()).toEqual([]);
    expect(await claims()).toEqual([]);
  });

  it('records the digest of exactly the rows it wrote, and gives every project its experts', async () => {
    const run = await autoAssign().expect(200);
    const rows = await roundAssignments();
    expect(run.body.created).toBe(rows.length);
    expect(rows.length).toBeGreaterThan(0);
    const ledger = await t.http.get('/api/v1/ledger?action=assignments.auto').set(auth(admin)).expect(200);
    const [entry] = ledger.body.items;
    expect(entry.payload.created).toEqual(
      lineListDigest(rows.map((row) => `${row.id}:${row.projectId}:${row.expertUserId}`)),
    );
    // Who ran it: the entry's actor, found by the run its rows name.
    expect(entry.actorId).toBe(admin.id);
    expect(rows.every((row) => row.autoRunId === entry.payload.run && row.createdBy === null)).toBe(true);
    for (const projectId of projectIds)
      expect(rows.filter((row) => row.projectId === projectId).length).toBeGreaterThan(0);
    expect(await claims()).toEqual([]);
  });

  it("keeps a run's assignments from their experts until the run completes", async () => {
    const [row] = await roundAssignments();
    const expert = { authorization: `Bearer ${t.app.jwt.sign({ sub: row!.expertUserId, role: 'expert' })}` };
    const mine = async () =>
      (await t.http.get('/api/v1/me/assignments').set(expert).expect(200)).body.items.map(
        (item: { id: string }) => item.id,
      );
    expect(await mine()).toContain(row!.id);
    // The row as a run still writing would have it: its claim is there, the run not complete.
    const runId = await claimBy(0);
    await t.db.update(assignments).set({ autoRunId: runId }).where(eq(assignments.id, row!.id));
    try {
      expect(await mine()).not.toContain(row!.id);
      expectProblem(await t.http.get(`/api/v1/assignments/${row!.id}`).set(expert), 404, 'ASSIGNMENT_NOT_FOUND');
    } finally {
      await t.db.delete(autoAssignmentRuns).where(eq(autoAssignmentRuns.id, runId));
    }
    expect(await mine()).toContain(row!.id);
    await t.http.get(`/api/v1/assignments/${row!.id}`).set(expert).expect(200);
  });

  it('refuses changes by hand (409) while a run writes the round', async () => {
    const [row] = await roundAssignments();
    const runId = await claimBy(0);
    try {
      expectProblem(
        await t.http.delete(`/api/v1/assignments/${row!.id}`).set(auth(admin)).send({ reason: '调整' }),
        409,
        'AUTO_ASSIGNMENT_RUNNING',
      );
      expectProblem(
        await t.http
          .post('/api/v1/assignments')
          .set(auth(admin))
          .send({ roundId, projectId: row!.projectId, expertId: row!.expertUserId, reason: '补充' }),
        409,
        'AUTO_ASSIGNMENT_RUNNING',
      );
    } finally {
      await t.db.delete(autoAssignmentRuns).where(eq(autoAssignmentRuns.id, runId));
    }
  });

  it("undoes an abandoned run's assignments before the next run writes", async () => {
    const before = await roundAssignments();
    // What a run whose process ended left: its claim, silent too long, and one of its rows.
    const abandoned = await claimBy(AUTO_RUN_STALE_MS + 1);
    const victim = before[0]!;
    await t.db.update(assignments).set({ autoRunId: abandoned }).where(eq(assignments.id, victim.id));

    const run = await autoAssign().expect(200);
    expect(run.body.created).toBe(1);
    const after = await roundAssignments();
    expect(after.find((row) => row.id === victim.id)).toBeUndefined();
    expect(after).toHaveLength(before.length);
    expect(
      await t.db
        .select()
        .from(assignments)
        .where(and(eq(assignments.roundId, roundId), eq(assignments.projectId, victim.projectId))),
    ).toHaveLength(before.filter((row) => row.projectId === victim.projectId).length);
    expect(await claims()).toEqual([]);
  });
});
