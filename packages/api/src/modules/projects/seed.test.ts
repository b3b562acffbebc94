import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedProjects } from '../../seed/projects.js';
import { createTestApp, type TestApp } from '../../test/app.js';

describe('demo projects', () => {
  let t: TestApp;
  let admin: { token: string };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.userWithToken('admin');
    await seedProjects(t.db, t.app.storage);
    await seedProjects(t.db, t.app.storage);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('gives each approved demo team one submitted project with a downloadable proposal, once', async () => {
    const list = await t.http.get('/api/v1/projects?limit=50').set('authorization', `Bearer ${admin.token}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { teamName: string }) => item.teamName).sort()).toEqual(
      ['柳州工业数据要素团队', '桂农数链', '邕江数据建模队'].sort(),
    );
    expect(
      list.body.items.every(
        (item: { status: string; qualificationStatus: string }) =>
          item.status === 'submitted' && item.qualificationStatus === 'approved',
      ),
    ).toBe(true);

    const guinong = list.body.items.find((item: { teamName: string }) => item.teamName === '桂农数链');
    const compare = await t.http
      .get(`/api/v1/projects/${guinong.id}/versions/compare?from=1&to=2`)
      .set('authorization', `Bearer ${admin.token}`);
    expect(compare.body.changes.map((change: { field: string }) => change.field)).toEqual(['summary']);

    const files = await t.http
      .get(`/api/v1/projects/${guinong.id}/files`)
      .set('authorization', `Bearer ${admin.token}`);
    const download = await t.http
      .get(`/api/v1/projects/${guinong.id}/files/${files.body.items[0].id}/content`)
      .set('authorization', `Bearer ${admin.token}`)
      .set('range', 'bytes=0-3');
    expect(download.status).toBe(206);
    expect(download.text ?? Buffer.from(download.body).toString('latin1')).toBe('%PDF');
  });
});
