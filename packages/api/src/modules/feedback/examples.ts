import { PROJECT_EXAMPLE } from '../../lib/examples.js';

/**
 * Examples of the feedback operations: the 2024 Guangxi preliminary round and the feedback its
 * project of lib/examples.ts reads (anonymized reviews on the product-innovation rubric).
 */

const ROUND_ID = '8d7c6b5a-4f3e-4d2c-9b1a-0f9e8d7c6b5a';

export const PUBLISH_FEEDBACK_EXAMPLE = { visibility: 'scores' };

export const CHANGE_FEEDBACK_EXAMPLE = { visibility: 'comments', reason: '评审委员会同意向团队公开匿名评语' };

export const ROUND_FEEDBACK_EXAMPLE = {
  roundId: ROUND_ID,
  visibility: 'comments',
  publishedAt: '2024-09-05T10:00:00.000+08:00',
  projects: 186,
};

const criterion = (code: string, nameZh: string, nameEn: string, maxScore: number) => ({
  code,
  nameZh,
  nameEn,
  maxScore,
});

export const TEAM_FEEDBACK_EXAMPLE = {
  roundId: ROUND_ID,
  roundKind: 'preliminary',
  visibility: 'comments',
  publishedAt: '2024-09-05T10:00:00.000+08:00',
  projectId: PROJECT_EXAMPLE.id,
  projectTitle: PROJECT_EXAMPLE.title,
  outcome: 'advanced',
  award: null,
  result: 86.5,
  rank: 3,
  groupSize: 41,
  criteria: [
    criterion('innovation', '创新性', 'Innovation', 20),
    criterion('data_value', '数据要素价值', 'Data-element value', 25),
    criterion('feasibility', '落地可行性', 'Feasibility in use', 15),
    criterion('benefit', '经济社会效益', 'Economic and social benefit', 30),
    criterion('security', '安全与合规', 'Security and compliance', 10),
  ],
  reviews: [
    {
      reviewer: 1,
      total: 89,
      values: { innovation: 18, data_value: 23, feasibility: 13, benefit: 26, security: 9 },
      comment: '港口、铁路与道路数据融合充分，已在钦州港落地，效益数据可信。',
      comments: { benefit: '建议补充碳排放核算的测算依据。' },
    },
    {
      reviewer: 2,
      total: 84,
      values: { innovation: 16, data_value: 22, feasibility: 13, benefit: 25, security: 8 },
      comment: '数据授权链条清晰，建议说明跨省推广的数据来源。',
    },
  ],
};
