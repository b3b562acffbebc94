import { REVIEW_IDS } from '../../lib/examples.js';

/**
 * Examples of the award operations (quotas, allocation, publication, national shortlist), on the
 * 2024 Guangxi data of lib/examples.ts: the society-track project wins a first prize.
 */

const PROJECT_TITLE = '北部湾港多式联运数据协同平台';
const SECOND_PROJECT = { projectId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', title: '桂林文旅客流预测与智慧调度系统' };
const MODELING_PROJECT = { projectId: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e', title: '广西甘蔗产量遥感建模' };
const DIGEST = '5f2b9c1e7a3d4f6b8e0c2a4d6f8b1e3c5a7d9f0b2c4e6a8d1f3b5c7e9a0d2f4b';

export const QUOTAS_BODY_EXAMPLE = {
  quotas: [
    { trackCode: 'society', awardCategoryCode: 'product_award', gradeCode: 'first', quota: 2 },
    { trackCode: 'society', awardCategoryCode: 'product_award', gradeCode: 'second', quota: 4 },
    { trackCode: 'society', awardCategoryCode: 'product_award', gradeCode: 'third', quota: 6 },
  ],
};

export const QUOTA_EXAMPLE = QUOTAS_BODY_EXAMPLE.quotas[0];

export const AWARD_EXAMPLE = {
  projectId: REVIEW_IDS.project,
  title: PROJECT_TITLE,
  trackCode: 'society',
  awardCategoryCode: 'product_award',
  gradeCode: 'first',
  rank: 1,
  result: 91.35,
};

const SECOND_AWARD = { ...AWARD_EXAMPLE, ...SECOND_PROJECT, gradeCode: 'first', rank: 2, result: 89.8 };

export const AWARDS_EXAMPLE = { publishedAt: '2024-10-18T10:00:00.000+08:00', items: [AWARD_EXAMPLE, SECOND_AWARD] };

export const ALLOCATE_EXAMPLE = {
  adjustments: [
    {
      projectId: SECOND_PROJECT.projectId,
      gradeCode: 'second',
      reason: '决赛评审委员会复议：项目落地数据尚待核实，调整为二等奖。',
    },
  ],
  previewDigest: DIGEST,
};

export const PUBLISH_EXAMPLE = { override: true, reason: '组委会决定于10月16日颁奖典礼现场公布获奖名单。' };

export const SHORTLIST_EXAMPLE = {
  eligible: [{ projectId: REVIEW_IDS.project, title: PROJECT_TITLE, categoryCode: 'data_product', gradeCode: 'first' }],
  excluded: [{ ...MODELING_PROJECT, code: 'MODELING_NOT_COMPLETE_BEFORE_NATIONAL_FINAL', ruleId: 'R-PROJ-1' }],
};

export const PREVIEW_EXAMPLE = {
  digest: DIGEST,
  items: [AWARD_EXAMPLE, SECOND_AWARD],
  unawarded: [
    {
      projectId: 'c3d4e5f6-a7b8-4c9d-8e1f-2a3b4c5d6e7f',
      title: '南宁城市内涝气象数据预警服务',
      trackCode: 'society',
      categoryCode: 'data_product',
      rank: 13,
      result: 78.6,
    },
  ],
};
