import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp } from '../../test/app.js';
import { DURING_COLLECTION_2025, auth, setUpTwoDivisions, type TwoDivisions } from '../../test/divisions.js';
import { createProject, createUnit, fakeCreditCode } from '../review/fixtures.js';
import { editions } from './tables.js';

/** Likely duplicate entries across the divisions of a national edition (R-DIV-1, issue 14.3). */
let t: TestApp;
let divisions: TwoDivisions;
const projectIds: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ now: DURING_COLLECTION_2025 });
  divisions = await setUpTwoDivisions(t);
  const editionId = async (code: string) =>
    (await t.db.select({ id: editions.id }).from(editions).where(eq(editions.code, code)))[0]!.id;
  const guangxi = await editionId('2025-guangxi');
  const jiangsu = await editionId('2025-jiangsu');
  // One company entered both divisions, under a new project title in 江苏.
  const sameCode = fakeCreditCode(914_001);
  const liuzhou = await createUnit(t.db, guangxi, { name: '柳州智造数据有限公司', creditCode: sameCode });
  const liuzhouInJiangsu = await createUnit(t.db, jiangsu, {
    name: '柳州智造数据有限公司江苏分公司',
    creditCode: sameCode,
  });
  // Two other units whose projects carry nearly the same title.
  const nanning = await createUnit(t.db, guangxi, { name: '南宁交通数据公司', creditCode: fakeCreditCode(914_002) });
  const suzhou = await createUnit(t.db, jiangsu, { name: '苏州交通数据公司', creditCode: fakeCreditCode(914_003) });
  const other = await createUnit(t.db, jiangsu, { name: '南京医疗数据公司', creditCode: fakeCreditCode(914_004) });
  const entries = [
    ['sameUnitGx', guangxi, liuzhou.id, '汽车零部件设备数据采集组件'],
    ['sameUnitJs', jiangsu, liuzhouInJiangsu.id, '工业设备数据采集标准化组件'],
    ['alikeGx', guangxi, nanning.id, '城市交通出行数据融合服务平台'],
    ['alikeJs', jiangsu, suzhou.id, '城市交通出行数据融合服务平台（江苏版）'],
    ['unrelated', jiangsu, other.id, '基层医疗机构慢病管理数据产品'],
  ] as const;
  for (const [key, edition, unitId, title] of entries)
    projectIds[key] = (
      await createProject(t.db, { editionId: edition, trackCode: 'society', unitIds: [unitId], title })
    ).projectId;
});
afterAll(() => t.close());

const duplicatesOf = (edition: string, user: { token: string }) =>
  t.http.get(`/api/v1/editions/${edition}/duplicate-entries`).set(auth(user));

describe('likely duplicate entries of a national edition', () => {
  it('lists projects of two divisions sharing a unit first, then alike titles, and nothing else', async () => {
    for (const organizer of [divisions.platform, divisions.organizers.national]) {
      const response = await duplicatesOf('2025-national', organizer).expect(200);
      const pairs = response.body.items as {
        entries: { projectId: string; edition: string }[];
        sharedCreditCodes: string[];
        titleSimilarity: number;
      }[];
      expect(pairs).toHaveLength(2);
      expect(new Set(pairs[0]!.entries.map((entry) => entry.projectId))).toEqual(
        new Set([projectIds.sameUnitGx, projectIds.sameUnitJs]),
      );
      expect(pairs[0]!.sharedCreditCodes).toEqual([fakeCreditCode(914_001)]);
      expect(new Set(pairs[0]!.entries.map((entry) => entry.edition))).toEqual(
        new Set(['2025-guangxi', '2025-jiangsu']),
      );
      expect(new Set(pairs[1]!.entries.map((entry) => entry.projectId))).toEqual(
        new Set([projectIds.alikeGx, projectIds.alikeJs]),
      );
      expect(pairs[1]!.sharedCreditCodes).toEqual([]);
      expect(pairs[1]!.titleSimilarity).toBeGreaterThanOrEqual(0.5);
      expect(JSON.stringify(pairs)).not.toContain(projectIds.unrelated);
    }
  });

  it('is for the organizers who see the national edition', async () => {
    expect((await duplicatesOf('2025-national', divisions.organizers.jiangsu)).status).toBe(404);
    expectProblem(await duplicatesOf('2025-guangxi', divisions.platform), 422, 'NOT_A_NATIONAL_EDITION');
    const participant = await t.userWithToken('participant');
    expectProblem(await duplicatesOf('2025-national', participant), 403, 'FORBIDDEN');
  });
});
