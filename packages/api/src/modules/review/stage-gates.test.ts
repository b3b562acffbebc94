import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp } from '../../test/app.js';

// R-TIME-4: opening and closing the rounds, advancing, allocating and publishing each happen in
// their stage of the edition's timeline (2024 Guangxi, Asia/Shanghai): tested at both edges of
// each stage, and an organizer's override with a reason is recorded in the ledger.

let t: TestApp;
let admin: { id: string; token: string };
let rounds: { preliminary: string; final: string };
const auth = (token: string) => ({ authorization: `Bearer ${token}` });
/** The last millisecond before the instant, in the edition's zone. */
const justBefore = (iso: string) => new Date(new Date(iso).getTime() - 1).toISOString();

const PRELIMINARY_STARTS = '2024-08-16T00:00:00+08:00';
const FINAL_STARTS = '2024-09-01T00:00:00+08:00';
const PROMOTION_STARTS = '2024-10-01T00:00:00+08:00';

beforeAll(async () => {
  t = await createTestApp({ now: justBefore(PRELIMINARY_STARTS) });
  admin = await t.userWithToken('admin');
  const list = await t.http.get('/api/v1/editions/current/review-rounds').set(auth(admin.token)).expect(200);
  rounds = Object.fromEntries(
    list.body.items.map((round: { kind: string; id: string }) => [round.kind, round.id]),
  ) as typeof rounds;
});
afterAll(() => t.close());

const post = (path: string, body?: Record<string, unknown>) => {
  const request = t.http.post(`/api/v1${path}`).set(auth(admin.token));
  return body ? request.send(body) : request;
};

describe('stage gates (R-TIME-4)', () => {
  it('refuses opening the preliminary in the last millisecond of collection, opens it at the first of its stage', async () => {
    const refused = expectProblem(
      await post(`/review-rounds/${rounds.preliminary}/open`),
      409,
      'STAGE_GATE_CLOSED',
      'R-TIME-4',
    );
    expect(refused.detail).toMatch(/项目征集|collection/);
    t.clock.set(PRELIMINARY_STARTS);
    await post(`/review-rounds/${rounds.preliminary}/open`).expect(200);
  });

  it('refuses closing the preliminary once the final stage began, closes it in its last millisecond', async () => {
    t.clock.set(FINAL_STARTS);
    expectProblem(await post(`/review-rounds/${rounds.preliminary}/close`), 409, 'STAGE_GATE_CLOSED', 'R-TIME-4');
    t.clock.set(justBefore(FINAL_STARTS));
    await post(`/review-rounds/${rounds.preliminary}/close`).expect(200);
  });

  it('refuses advancing after the preliminary stage, allows it in its last millisecond', async () => {
    t.clock.set(FINAL_STARTS);
    expectProblem(
      await post(`/review-rounds/${rounds.preliminary}/advance`, { topK: 1 }),
      409,
      'STAGE_GATE_CLOSED',
      'R-TIME-4',
    );
    t.clock.set(justBefore(FINAL_STARTS));
    await post(`/review-rounds/${rounds.preliminary}/advance`, { topK: 1 }).expect(200);
  });

  it('opens the final early only with an explicit override and a reason, recorded in the ledger', async () => {
    expectProblem(await post(`/review-rounds/${rounds.final}/open`), 409, 'STAGE_GATE_CLOSED', 'R-TIME-4');
    expectProblem(
      await post(`/review-rounds/${rounds.final}/open`, { override: true, reason: ' ' }),
      422,
      'OVERRIDE_REASON_REQUIRED',
      'R-TIME-4',
    );
    expectProblem(
      await post(`/review-rounds/${rounds.final}/open`, { reason: '专家委员会决定提前' }),
      409,
      'STAGE_GATE_CLOSED',
    );
    await post(`/review-rounds/${rounds.final}/open`, { override: true, reason: '专家委员会决定提前' }).expect(200);
    const ledger = await t.http.get('/api/v1/ledger?limit=200').set(auth(admin.token)).expect(200);
    const opened = ledger.body.items.find(
      (entry: { action: string; subjectId: string }) =>
        entry.action === 'round.opened' && entry.subjectId === rounds.final,
    );
    expect(opened.payload.override).toEqual({
      action: 'open_final',
      stage: 'preliminary',
      reason: '专家委员会决定提前',
    });
    expect(opened.actorId ?? opened.actor).toBeTruthy();
  });

  it('refuses closing the final once promotion began, closes it in its last millisecond', async () => {
    t.clock.set(PROMOTION_STARTS);
    expectProblem(await post(`/review-rounds/${rounds.final}/close`), 409, 'STAGE_GATE_CLOSED', 'R-TIME-4');
    t.clock.set(justBefore(PROMOTION_STARTS));
    await post(`/review-rounds/${rounds.final}/close`).expect(200);
  });

  it('allocates awards from the first millisecond of the final stage, not before', async () => {
    t.clock.set(justBefore(FINAL_STARTS));
    expectProblem(await post('/editions/current/awards/allocate'), 409, 'STAGE_GATE_CLOSED', 'R-TIME-4');
    t.clock.set(FINAL_STARTS);
    await post('/editions/current/awards/allocate').expect(200);
  });

  it('publishes only from the first millisecond of promotion: before, the gate refuses', async () => {
    t.clock.set(justBefore(PROMOTION_STARTS));
    expectProblem(await post('/editions/current/awards/publish'), 409, 'STAGE_GATE_CLOSED', 'R-TIME-4');
    t.clock.set(PROMOTION_STARTS);
    // Past the gate: nothing was awarded (no project was scored), which is the next refusal.
    expectProblem(await post('/editions/current/awards/publish'), 409, 'NO_AWARDS_TO_PUBLISH');
  });
});
