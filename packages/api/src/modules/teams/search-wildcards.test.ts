import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/app.js';
import { createTeamFixture } from '../projects/fixtures.js';
import { bearer, openProjectsTestApp } from '../projects/test-kit.js';

// A search term is text, not a LIKE pattern: `%` and `_` typed by an organizer match themselves
// (lib/text.ts containsPattern), in every list that searches by name.

let t: TestApp;
let token: string;

beforeAll(async () => {
  const context = await openProjectsTestApp();
  ({ t } = context);
  token = context.admin.token;
  await createTeamFixture(t, { name: '通配_数据队', unit: { name: '通配100%科技有限公司', type: 'enterprise' } });
  await createTeamFixture(t, { name: '通配X数据队', unit: { name: '通配1000科技有限公司', type: 'enterprise' } });
});
afterAll(async () => t?.close());

const names = async (path: string, key: 'name') => {
  const response = await t.http.get(path).set(bearer(token));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return (response.body.items as Record<typeof key, string>[]).map((item) => item[key]);
};

describe('searching by name with % and _', () => {
  it('finds the team whose name holds the underscore, not every name with a character there', async () => {
    expect(await names(`/api/v1/teams?edition=current&q=${encodeURIComponent('通配_')}`, 'name')).toEqual([
      '通配_数据队',
    ]);
  });

  it('finds the unit whose name holds the percent sign, not every name that goes on', async () => {
    expect(await names(`/api/v1/editions/current/units?q=${encodeURIComponent('通配100%')}`, 'name')).toEqual([
      '通配100%科技有限公司',
    ]);
  });

  it('finds no team by a bare percent sign', async () => {
    expect(await names(`/api/v1/teams?edition=current&q=${encodeURIComponent('%')}`, 'name')).toEqual([]);
  });
});
