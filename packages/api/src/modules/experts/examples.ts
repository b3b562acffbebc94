import { REVIEW_IDS } from '../../lib/examples.js';

/**
 * Examples of the expert operations (experts, their conflicts of interest), on the 2024 Guangxi data
 * of lib/examples.ts: the expert reviews the society-track project; Redocly checks each example.
 */

const PROFILE = {
  affiliationName: '广西大学',
  affiliationCreditCode: '12450000498500374D',
  affiliationType: 'university',
  title: '教授、博士生导师',
  fieldCodes: ['transportation', 'commerce_circulation'],
  topicIds: [REVIEW_IDS.topic],
};

export const INVITE_EXAMPLE = {
  email: 'weizhiqiang@gxu.example.edu.cn',
  displayName: '韦志强',
  ...PROFILE,
};

export const INVITE_USER_EXAMPLE = { userId: REVIEW_IDS.expert, ...PROFILE };

export const EXPERT_EXAMPLE = {
  id: REVIEW_IDS.expert,
  email: INVITE_EXAMPLE.email,
  displayName: '韦志强',
  active: true,
  ...PROFILE,
};

export const EXPERT_UPDATE_EXAMPLE = { title: '教授', fieldCodes: ['transportation', 'green_low_carbon'] };

export const INVITATION_SENT_EXAMPLE = { sentTo: INVITE_EXAMPLE.email };

export const CONFLICT_BODY_EXAMPLE = {
  kind: 'unit',
  creditCode: '12450000MB0000031K',
  reason: '本人在广西信息技术研究所兼任客座研究员（2023年起）。',
};

export const CONFLICT_EXAMPLE = {
  id: 'b7c8d9e0-f1a2-4b3c-8d4e-5f6a7b8c9d0e',
  expertId: REVIEW_IDS.expert,
  kind: 'unit',
  subjectId: null,
  creditCode: CONFLICT_BODY_EXAMPLE.creditCode,
  subjectName: '广西信息技术研究所',
  reason: CONFLICT_BODY_EXAMPLE.reason,
  declaredBy: REVIEW_IDS.expert,
  createdAt: '2024-08-12T10:20:00.000+08:00',
  status: 'confirmed',
  reviewNote: '经核实，兼职关系属实，回避该单位参与的项目。',
  reviewedAt: '2024-08-13T09:05:00.000+08:00',
  withdrawnAt: null,
  withdrawalReason: null,
};

export const CONFLICT_LIST_ITEM_EXAMPLE = { ...CONFLICT_EXAMPLE, expertName: '韦志强' };

export const CONFLICT_WITHDRAW_EXAMPLE = { reason: '兼职已于2024年7月结束，附解聘证明。' };

export const CONFLICT_REVIEW_EXAMPLE = { decision: 'confirmed', note: CONFLICT_EXAMPLE.reviewNote };

export const CONFLICT_SUBJECT_EXAMPLE = {
  kind: 'unit',
  id: '4328fd02-f9d7-47c5-abc2-323a39b766bd',
  name: '广西数智科技有限公司',
  editionName: '2024年"数据要素×"大赛广西分赛',
  creditCode: '91450100MA5N00017R',
};
