import { and, eq, sql } from 'drizzle-orm';
import { DIRECTION_CODES } from '@saishi/shared';
import { hashPassword } from '../modules/accounts/service.js';
import { DEMO_PASSWORD } from './accounts.js';
import { DEMO_SET_UP_AT } from './guangxi-2024.js';
import type { AffiliationType, FieldCode, RubricCriterion } from '@saishi/shared';
import type { Database } from '../db/client.js';
import { users } from '../modules/accounts/tables.js';
import { editions } from '../modules/editions/tables.js';
import { expertProfiles } from '../modules/experts/tables.js';
import { reviewRounds, rubrics } from '../modules/review/tables.js';

const criterion = (code: string, nameZh: string, nameEn: string, weight: number): RubricCriterion => ({
  code,
  nameZh,
  nameEn,
  weight,
  maxScore: weight,
});

/**
 * Demo rubrics of 2024 for both rounds and both directions. Experts give points up to each
 * criterion's weight (满分 = 权重), so totals are out of 100. The criteria follow the notice's
 * emphasis (innovation, data-element value, feasibility, benefit, security and compliance);
 * the exact weights are illustrative, not the official scoring sheet.
 */
export const DEMO_RUBRICS: Record<
  'preliminary' | 'final',
  Record<'modeling' | 'product_innovation', RubricCriterion[]>
> = {
  preliminary: {
    modeling: [
      criterion('innovation', '创新性', 'Innovation', 25),
      criterion('data_value', '数据要素价值', 'Data-element value', 25),
      criterion('feasibility', '技术可行性', 'Technical feasibility', 20),
      criterion('benefit', '应用前景与效益', 'Prospects and benefit', 20),
      criterion('security', '安全与合规', 'Security and compliance', 10),
    ],
    product_innovation: [
      criterion('innovation', '创新性', 'Innovation', 20),
      criterion('data_value', '数据要素价值', 'Data-element value', 25),
      criterion('feasibility', '落地可行性', 'Feasibility in use', 15),
      criterion('benefit', '经济社会效益', 'Economic and social benefit', 30),
      criterion('security', '安全与合规', 'Security and compliance', 10),
    ],
  },
  final: {
    modeling: [
      criterion('innovation', '创新性', 'Innovation', 20),
      criterion('data_value', '数据要素价值', 'Data-element value', 25),
      criterion('feasibility', '技术可行性', 'Technical feasibility', 20),
      criterion('benefit', '应用前景与效益', 'Prospects and benefit', 15),
      criterion('security', '安全与合规', 'Security and compliance', 10),
      criterion('defense', '现场答辩', 'Presentation and defense', 10),
    ],
    product_innovation: [
      criterion('innovation', '创新性', 'Innovation', 15),
      criterion('data_value', '数据要素价值', 'Data-element value', 20),
      criterion('feasibility', '落地可行性', 'Feasibility in use', 15),
      criterion('benefit', '经济社会效益', 'Economic and social benefit', 30),
      criterion('security', '安全与合规', 'Security and compliance', 10),
      criterion('defense', '现场答辩', 'Presentation and defense', 10),
    ],
  },
};

/** Demo experts of the expert committee; they have no password (only expert@saishi.demo logs in). */
const DEMO_EXPERTS: {
  email: string;
  displayName: string;
  affiliationName: string;
  affiliationCreditCode: string | null;
  affiliationType: AffiliationType;
  title: string;
  fieldCodes: FieldCode[];
}[] = [
  {
    email: 'expert@saishi.demo',
    displayName: '评审专家（演示）',
    affiliationName: '广西大学',
    affiliationCreditCode: null,
    affiliationType: 'university',
    title: '教授',
    fieldCodes: ['technology_innovation', 'industrial_manufacturing'],
  },
  {
    email: 'expert2@saishi.demo',
    displayName: '覃教授（演示）',
    affiliationName: '桂林电子科技大学',
    affiliationCreditCode: null,
    affiliationType: 'university',
    title: '教授',
    fieldCodes: ['transportation', 'urban_governance'],
  },
  {
    email: 'expert3@saishi.demo',
    displayName: '蒙研究员（演示）',
    affiliationName: '广西科学院',
    affiliationCreditCode: null,
    affiliationType: 'research_institute',
    title: '研究员',
    fieldCodes: ['modern_agriculture', 'green_low_carbon'],
  },
  {
    email: 'expert4@saishi.demo',
    displayName: '韦总工（演示）',
    affiliationName: '广西某大数据龙头企业',
    affiliationCreditCode: null,
    affiliationType: 'enterprise',
    title: '总工程师',
    fieldCodes: ['financial_services', 'commerce_circulation'],
  },
  {
    email: 'expert5@saishi.demo',
    displayName: '黄合伙人（演示）',
    affiliationName: '广西某创业投资机构',
    affiliationCreditCode: null,
    affiliationType: 'investment_institution',
    title: '合伙人',
    fieldCodes: ['financial_services', 'culture_tourism'],
  },
  {
    email: 'expert6@saishi.demo',
    displayName: '陆主任医师（演示）',
    affiliationName: '广西医科大学',
    affiliationCreditCode: null,
    affiliationType: 'university',
    title: '主任医师',
    fieldCodes: ['healthcare', 'emergency_management'],
  },
  {
    email: 'expert7@saishi.demo',
    displayName: '莫高工（演示）',
    affiliationName: '广西气象信息中心',
    affiliationCreditCode: null,
    affiliationType: 'public_institution',
    title: '正高级工程师',
    fieldCodes: ['meteorological_services', 'emergency_management'],
  },
];

/** Review rounds (draft) with their rubrics for the 2024 edition, and the demo expert committee. Idempotent. */
export async function seedReview(db: Database): Promise<void> {
  const [edition] = await db.select({ id: editions.id }).from(editions).where(eq(editions.code, '2024-guangxi'));
  if (!edition) return;
  await db.transaction(async (tx) => {
    for (const kind of ['preliminary', 'final'] as const) {
      const [existing] = await tx
        .select({ id: reviewRounds.id })
        .from(reviewRounds)
        .where(and(eq(reviewRounds.editionId, edition.id), eq(reviewRounds.kind, kind)));
      if (existing) continue;
      const [round] = await tx
        .insert(reviewRounds)
        .values({
          editionId: edition.id,
          kind,
          expertsPerProject: kind === 'preliminary' ? 5 : 7,
          createdAt: DEMO_SET_UP_AT,
        })
        .returning({ id: reviewRounds.id });
      for (const directionCode of DIRECTION_CODES) {
        const criteria = DEMO_RUBRICS[kind][directionCode];
        await tx.insert(rubrics).values({ roundId: round!.id, directionCode, criteria, updatedAt: DEMO_SET_UP_AT });
      }
    }
    let passwordHash: string | undefined;
    for (const expert of DEMO_EXPERTS) {
      let [user] = await tx
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.email}) = ${expert.email}`);
      if (!user) {
        passwordHash ??= await hashPassword(DEMO_PASSWORD);
        [user] = await tx
          .insert(users)
          .values({
            email: expert.email,
            displayName: expert.displayName,
            role: 'expert',
            passwordHash,
            createdAt: DEMO_SET_UP_AT,
          })
          .returning({ id: users.id });
      }
      const { email: _email, displayName: _name, ...profile } = expert;
      await tx
        .insert(expertProfiles)
        .values({ userId: user!.id, ...profile, createdAt: DEMO_SET_UP_AT, updatedAt: DEMO_SET_UP_AT })
        .onConflictDoNothing();
    }
  });
}
