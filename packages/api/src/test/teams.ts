import { expect } from 'vitest';
import type { TestApp } from './app.js';

type User = { id: string; token: string };

/**
 * A university-track team created through the API as its leader would: a new participant
 * registers a university unit and the team (with their student number). The caller gives a
 * unique credit code and student number.
 */
export async function universityTeamThroughApi(
  t: TestApp,
  input: { name: string; creditCode: string; studentNumber: string },
): Promise<{ leader: User; team: { id: string; inviteCode: string } }> {
  const leader = await t.userWithToken('participant');
  const authorization = `Bearer ${leader.token}`;
  const unit = await t.http
    .post('/api/v1/editions/current/units')
    .set('authorization', authorization)
    .send({ name: `大学 ${input.creditCode}`, type: 'university', creditCode: input.creditCode, region: '南宁市' });
  expect(unit.status, JSON.stringify(unit.body)).toBe(201);
  const team = await t.http
    .post('/api/v1/teams')
    .set('authorization', authorization)
    .send({
      name: input.name,
      track: 'university',
      entrantKind: 'units',
      units: [{ unitId: unit.body.id, isLead: true }],
      studentNumber: input.studentNumber,
    });
  expect(team.status, JSON.stringify(team.body)).toBe(201);
  return { leader, team: team.body as { id: string; inviteCode: string } };
}
