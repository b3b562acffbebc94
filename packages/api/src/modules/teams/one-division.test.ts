import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import { DURING_COLLECTION_2025, auth, setUpTwoDivisions } from '../../test/divisions.js';
import { teamMembers } from './tables.js';

let t: TestApp;

/** The 2025 national edition with two division editions: 广西 cloned from 2024, 江苏 from scratch. */
beforeAll(async () => {
  t = await createTestApp({ now: DURING_COLLECTION_2025 });
  await setUpTwoDivisions(t);
});
afterAll(() => t.close());

const registerIn = (edition: string, user: { token: string }, name = `${edition} 团队`) =>
  t.http.post('/api/v1/teams').set(auth(user)).send({ edition, name, track: 'society', entrantKind: 'individual' });

describe('one person, one division of a national edition (R-DIV-1)', () => {
  it('refuses a team in a second division, by registration and by invitation', async () => {
    const person = await t.userWithToken('participant');
    expect((await registerIn('2025-guangxi', person)).status).toBe(201);
    expectProblem(await registerIn('2025-jiangsu', person), 422, 'ONE_DIVISION_ONLY', 'R-DIV-1');

    const jiangsuLeader = await t.userWithToken('participant');
    const jiangsuTeam = await registerIn('2025-jiangsu', jiangsuLeader);
    expect(jiangsuTeam.status).toBe(201);
    expectProblem(
      await t.http.post('/api/v1/teams/join').set(auth(person)).send({ inviteCode: jiangsuTeam.body.inviteCode }),
      422,
      'ONE_DIVISION_ONLY',
      'R-DIV-1',
    );
  });

  it('lets a person who entered 2024 enter a division of 2025: the pledge is per national edition', async () => {
    const person = await t.userWithToken('participant');
    t.clock.set('2024-07-15T10:00:00+08:00');
    expect((await registerIn('2024-guangxi', person)).status).toBe(201);
    t.clock.set('2025-07-15T10:00:00+08:00');
    expect((await registerIn('2025-jiangsu', person)).status).toBe(201);
  });

  it('keeps one of 20 concurrent registrations of one person across two divisions', async () => {
    const person = await t.userWithToken('participant');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        registerIn(index % 2 ? '2025-jiangsu' : '2025-guangxi', person, `并发团队 ${index}`),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 422)).toHaveLength(19);
    for (const response of responses.filter((item) => item.status === 422))
      expect(['ONE_DIVISION_ONLY', 'ALREADY_IN_A_TEAM']).toContain(response.body.code);
    expect(await t.db.$count(teamMembers, eq(teamMembers.userId, person.id))).toBe(1);
  });

  it('holds in the database even when the service is bypassed', async () => {
    const person = await t.userWithToken('participant');
    const guangxi = await registerIn('2025-guangxi', person);
    const other = await t.userWithToken('participant');
    const jiangsu = await registerIn('2025-jiangsu', other);
    const [membership] = await t.db.select().from(teamMembers).where(eq(teamMembers.teamId, guangxi.body.id));
    expect(membership?.nationalEditionId).not.toBeNull();
    await expect(
      t.db.insert(teamMembers).values({
        teamId: jiangsu.body.id,
        editionId: jiangsu.body.editionId,
        userId: person.id,
        role: 'member',
        joinedAt: t.clock.now(),
      }),
    ).rejects.toThrow();
  });
});
