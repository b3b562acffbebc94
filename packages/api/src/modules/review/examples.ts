import { REVIEW_IDS } from '../../lib/examples.js';

/**
 * Examples of the review operations (rounds, rubrics, assignments, scores, ranking, advancement), on
 * the 2024 Guangxi data of lib/examples.ts: 韦志强 scores the society-track project in the
 * preliminary round. Redocly checks each example against its schema.
 */

const TITLE = '北部湾港多式联运数据协同平台';
const SECOND_EXPERT = '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b';
const THIRD_EXPERT = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
const REASON = '分差超过阈值，增派专家复评。';
const DIGEST = '1d3f5b7a9c2e4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c';

export const ROUND_EXAMPLE = {
  id: REVIEW_IDS.round,
  editionId: REVIEW_IDS.edition,
  kind: 'preliminary',
  status: 'open',
  expertsPerProject: 3,
  normalize: false,
  spreadMeasure: 'range',
  spreadThreshold: 20,
  confidenceWeighting: false,
  openedAt: '2024-08-16T09:00:00.000+08:00',
  closedAt: null,
};

export const CREATE_ROUND_EXAMPLE = {
  kind: 'preliminary',
  expertsPerProject: 3,
  spreadMeasure: 'range',
  spreadThreshold: 20,
};

export const UPDATE_ROUND_EXAMPLE = { expertsPerProject: 5, normalize: true };

export const STAGE_OVERRIDE_EXAMPLE = {
  override: true,
  reason: '受台风“摩羯”影响，经组委会同意延后一天关闭初赛评审。',
};

export const CRITERIA_EXAMPLE = [
  { code: 'innovation', nameZh: '创新性', nameEn: 'Innovation', weight: 30, maxScore: 30 },
  { code: 'value', nameZh: '应用价值', nameEn: 'Application value', weight: 30, maxScore: 30 },
  { code: 'data', nameZh: '数据要素作用', nameEn: 'Use of data', weight: 20, maxScore: 20 },
  { code: 'feasibility', nameZh: '可行性', nameEn: 'Feasibility', weight: 20, maxScore: 20 },
];

export const RUBRIC_EXAMPLE = {
  directionCode: 'product_innovation',
  criteria: CRITERIA_EXAMPLE,
  updatedAt: '2024-08-14T16:00:00.000+08:00',
};

export const ROUND_PROJECT_EXAMPLE = {
  projectId: REVIEW_IDS.project,
  title: TITLE,
  advancedWith: null,
  assigned: 3,
  submitted: 2,
};

export const AUTO_ASSIGN_EXAMPLE = {
  created: 402,
  projects: 134,
  experts: 41,
  shortfalls: [],
  fieldMatch: { matched: 371, assignments: 402, share: 0.92 },
  topicMatch: { matched: 158, assignments: 402, share: 0.39 },
};

export const SUMMARY_EXAMPLE = {
  roundId: REVIEW_IDS.round,
  status: 'open',
  expertsPerProject: 3,
  projects: 134,
  assignments: 401,
  submitted: 335,
  shortfallProjects: 1,
  shortfalls: [
    {
      projectId: REVIEW_IDS.project,
      title: TITLE,
      assigned: 2,
      submitted: 2,
      missing: 1,
      lost: [
        {
          expertId: THIRD_EXPERT,
          expertName: '黄海涛',
          cause: 'conflict',
          reason: '专家申报与合作单位存在任职关系',
          at: '2024-08-18T11:20:00.000+08:00',
        },
      ],
    },
  ],
};

const SCORE_STATE = { id: REVIEW_IDS.score, status: 'submitted', total: 86.5 };

export const ASSIGNMENT_EXAMPLE = {
  id: REVIEW_IDS.assignment,
  roundId: REVIEW_IDS.round,
  projectId: REVIEW_IDS.project,
  expertId: REVIEW_IDS.expert,
  source: 'manual',
  reason: '专家研究方向为交通物流大数据，与项目高度匹配。',
  createdAt: '2024-08-16T10:30:00.000+08:00',
  score: SCORE_STATE,
};

export const ASSIGNMENT_ITEM_EXAMPLE = { ...ASSIGNMENT_EXAMPLE, projectTitle: TITLE, expertName: '韦志强' };

export const ASSIGNMENT_BODY_EXAMPLE = {
  roundId: REVIEW_IDS.round,
  projectId: REVIEW_IDS.project,
  expertId: REVIEW_IDS.expert,
  reason: ASSIGNMENT_EXAMPLE.reason,
};

export const REASON_EXAMPLE = { reason: '专家赴外地出差，无法在初赛截止前完成评审。' };

export const REOPEN_EXAMPLE = { reason: '专家反馈评分时误填“可行性”一项，申请退回修改。' };

export const CANDIDATES_EXAMPLE = {
  items: [
    {
      id: SECOND_EXPERT,
      displayName: '黄丽萍',
      affiliationName: '广西交通设计集团有限公司',
      fieldCodes: ['transportation'],
      load: 8,
      matchingFields: ['transportation'],
    },
  ],
  conflicted: 1,
  assigned: 2,
};

export const SCORE_BODY_EXAMPLE = {
  values: { innovation: 26, value: 27, data: 18, feasibility: 15.5 },
  comments: { feasibility: '铁路数据接口尚依赖人工对接，建议明确自动化计划。' },
  comment: '港铁联运数据打通程度高，应用成效有量化数据支撑。',
  confidence: 3,
};

export const SCORE_EXAMPLE = {
  id: REVIEW_IDS.score,
  status: 'submitted',
  ...SCORE_BODY_EXAMPLE,
  total: 86.5,
  submittedAt: '2024-08-28T21:14:05.000+08:00',
  reopenedAt: null,
  reopenReason: null,
};

export const SCORE_DETAIL_EXAMPLE = {
  ...SCORE_EXAMPLE,
  assignmentId: REVIEW_IDS.assignment,
  projectId: REVIEW_IDS.project,
  expertId: REVIEW_IDS.expert,
  roundId: REVIEW_IDS.round,
};

export const MY_ASSIGNMENT_EXAMPLE = {
  id: REVIEW_IDS.assignment,
  round: { id: REVIEW_IDS.round, kind: 'preliminary', status: 'open' },
  project: {
    id: REVIEW_IDS.project,
    title: TITLE,
    summary: '汇聚港口、铁路与道路货运数据，为货主提供多式联运全程可视、运力预测与碳排放核算。',
    trackCode: 'society',
    directionCode: 'product_innovation',
    categoryCode: 'data_product',
    publicComponentKind: null,
    completeBeforeNationalFinal: false,
    latestVersion: 1,
    fieldCodes: ['transportation'],
    topics: [{ id: REVIEW_IDS.topic, title: '多式联运数据协同', fieldCode: 'transportation' }],
    files: [
      { id: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d', kind: 'proposal', mimeType: 'application/pdf', sizeBytes: 2481152 },
    ],
  },
  score: SCORE_EXAMPLE,
};

export const ASSIGNMENT_DETAIL_EXAMPLE = { ...MY_ASSIGNMENT_EXAMPLE, rubric: CRITERIA_EXAMPLE };

const RESOLUTION = {
  kind: 're_review',
  reason: REASON,
  spread: 24,
  panelScore: null,
  expertIds: [THIRD_EXPERT],
  decidedAt: '2024-08-30T15:00:00.000+08:00',
};

export const RANKING_EXAMPLE = {
  roundId: REVIEW_IDS.round,
  normalize: false,
  spread: { measure: 'range', threshold: 20 },
  groups: [
    {
      trackCode: 'society',
      categoryCode: 'data_product',
      rule: { method: 'mean', normalize: false, confidenceWeighted: false, minScores: 3 },
      entries: [
        {
          projectId: REVIEW_IDS.project,
          title: TITLE,
          rank: 1,
          result: 84.5,
          method: 'mean',
          scoredResult: 84.5,
          median: 88.25,
          count: 4,
          trimmed: false,
          kept: [86.5, 90, 66, 95.5],
          spread: 29.5,
          flagged: true,
          resolvedBy: 're_review',
          resolutions: [RESOLUTION],
        },
      ],
    },
  ],
};

export const ADVANCE_EXAMPLE = {
  topK: 30,
  adjustments: [
    {
      projectId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
      advance: true,
      reason: '评审委员会复议：项目已在桂林落地并有客流数据佐证，破格晋级决赛。',
    },
  ],
  previewDigest: DIGEST,
};

const ADVANCED = { projectId: REVIEW_IDS.project, group: 'society/data_product', rank: 1, result: 84.5 };

export const ADVANCEMENT_PREVIEW_EXAMPLE = {
  rule: { topK: 30 },
  roundStatus: 'closed',
  digest: DIGEST,
  items: [
    {
      ...ADVANCED,
      title: TITLE,
      trackCode: 'society',
      categoryCode: 'data_product',
      method: 'mean',
      alreadyAdvanced: false,
    },
  ],
};

export const ADVANCEMENT_EXAMPLE = {
  finalRoundId: REVIEW_IDS.finalRound,
  advanced: [{ ...ADVANCED, manual: false }],
  heldBack: [],
};

export const RE_REVIEW_BODY_EXAMPLE = { experts: 1, reason: REASON };

export const RE_REVIEW_EXAMPLE = {
  ...RESOLUTION,
  assignments: [{ id: '0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a', expertId: THIRD_EXPERT }],
};

export const PANEL_DECISION_BODY_EXAMPLE = { score: 85, reason: '复评后分差仍超过阈值，由评审组合议确定成绩。' };

export const PANEL_DECISION_EXAMPLE = {
  kind: 'panel',
  reason: PANEL_DECISION_BODY_EXAMPLE.reason,
  spread: 29.5,
  panelScore: 85,
  expertIds: [],
  decidedAt: '2024-08-31T10:00:00.000+08:00',
};
