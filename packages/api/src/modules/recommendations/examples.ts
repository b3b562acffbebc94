import { PROJECT_EXAMPLE } from '../../lib/examples.js';

/** Examples of the national recommendation operations: the 2024 Guangxi project of lib/examples.ts. */

export const RECOMMENDATION_EXAMPLE = {
  id: 'c9b8a7f6-e5d4-4c3b-a291-807f6e5d4c3b',
  projectId: PROJECT_EXAMPLE.id,
  title: PROJECT_EXAMPLE.title,
  divisionEdition: '2024-guangxi',
  versionNumber: 2,
  gradeCode: 'first',
  status: 'accepted',
  recommendedAt: '2024-10-20T10:00:00.000+08:00',
  decidedAt: '2024-10-25T15:00:00.000+08:00',
  reason: '材料齐全，同意进入全国总决赛',
};

export const ACCEPT_RECOMMENDATION_EXAMPLE = { reason: '材料齐全，同意进入全国总决赛' };

export const DECLINE_RECOMMENDATION_EXAMPLE = { reason: '该项目已由其他分赛推荐，按规定不重复推荐' };
