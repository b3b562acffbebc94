/**
 * Examples of the OpenAPI document, from the 2024 Guangxi division (2024年"数据要素×"大赛广西分赛):
 * one edition, one society-track team of two units, its project and its award, with the same ids
 * throughout so an integrator can follow them from one operation to the next. The schemas carry
 * them (`examples: [...]`); Redocly checks each against its schema (`pnpm lint:openapi`).
 */

const EDITION_ID = '7958bc6c-4432-44a0-96cb-bc0ac92e88e3';
const TRACK_ID = '93ba3d74-cb9d-47f1-b50f-ca40e09a44a2';
const LEADER_ID = '76bdb578-4fc0-44c9-b3ac-213a9e2f1281';
const MEMBER_ID = '6a8b1254-8ce0-4ff5-bd71-796e85898ab1';
const LEAD_UNIT_ID = '4328fd02-f9d7-47c5-abc2-323a39b766bd';
const PARTNER_UNIT_ID = 'ae34c83a-7d46-4370-a77b-2db42ccd5b3a';
const TEAM_ID = '4f33e378-de68-4393-a69e-700fe4016bca';
const PROJECT_ID = 'c2d5e8a1-3b4f-4c6d-9e7f-8a9b0c1d2e3f';
const TOPIC_ID = '1f0e9d8c-7b6a-4594-8382-716253443526';
const PROPOSAL_FILE_ID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const STORED_FILE_ID = 'e1f2a3b4-c5d6-4e7f-8091-a2b3c4d5e6f7';

export const EDITION_EXAMPLE = {
  id: EDITION_ID,
  code: '2024-guangxi',
  name: '2024年"数据要素×"大赛广西分赛',
  year: 2024,
  division: '广西分赛',
  divisionCode: 'guangxi',
  parentId: null,
  status: 'published',
  publishedAt: '2024-06-24T00:00:00.000+08:00',
  theme: '乘数而上，数创未来',
  timeZone: 'Asia/Shanghai',
  organizers: {
    guidance: ['国家数据局', '广西壮族自治区人民政府'],
    host: ['广西壮族自治区大数据发展局'],
    undertaker: ['广西壮族自治区信息中心'],
  },
  contacts: [{ name: '杨通来', phone: '18276199280' }],
  committees: [{ code: 'organizing', name: '组织委员会', description: '负责大赛的组织、协调和保障工作' }],
  nationalFinalAt: '2024-11-30T23:59:59.000+08:00',
};

export const TIMELINE_EXAMPLE = {
  now: '2024-07-15T10:00:00.000+08:00',
  timeZone: 'Asia/Shanghai',
  currentStage: 'collection',
  nextStage: 'preliminary',
  stages: [
    {
      code: 'collection',
      nameZh: '项目征集',
      nameEn: 'Project collection',
      startsAt: '2024-06-24T00:00:00.000+08:00',
      endsAt: '2024-08-16T00:00:00.000+08:00',
      isOpen: true,
    },
    {
      code: 'preliminary',
      nameZh: '初赛评审',
      nameEn: 'Preliminary review',
      startsAt: '2024-08-16T00:00:00.000+08:00',
      endsAt: '2024-09-01T00:00:00.000+08:00',
      isOpen: false,
    },
  ],
};

export const USER_EXAMPLE = {
  id: LEADER_ID,
  email: 'liming@gxszkj.example.cn',
  mobile: '13800000001',
  displayName: '李明',
  role: 'participant',
  disabled: false,
  createdAt: '2024-06-20T09:00:00.000+08:00',
};

export const SIGN_UP_EXAMPLE = {
  email: 'liming@gxszkj.example.cn',
  password: 'Beibu-Gulf-Port-2024',
  displayName: '李明',
  privacyNoticeId: 'b8e0c3f4-6a1d-4b7e-9c2f-0d1e2f3a4b5c',
};

export const VERIFY_EXAMPLE = { login: 'liming@gxszkj.example.cn', code: '402871' };

export const LOGIN_EXAMPLE = { login: 'liming@gxszkj.example.cn', password: 'Beibu-Gulf-Port-2024' };

export const SESSION_EXAMPLE = {
  accessToken:
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI3NmJkYjU3OC00ZmMwLTQ0YzktYjNhYy0yMTNhOWUyZjEyODEiLCJyb2xlIjoicGFydGljaXBhbnQifQ.6qW9bXq1Yt2x5nI0m2cFz3R8kJp4sLd7aVe1oTgHhUw',
  refreshToken: 'c1Bq9Zr2Xs8Tm4Vn6Wk0Yl3Pj5Hf7Dg',
  tokenType: 'Bearer',
  user: USER_EXAMPLE,
};

export const UNIT_BODY_EXAMPLE = {
  name: '广西数智科技有限公司',
  type: 'enterprise',
  creditCode: '91450100MA5N00017R',
  region: '南宁市',
};

export const UNIT_EXAMPLE = {
  id: LEAD_UNIT_ID,
  editionId: EDITION_ID,
  ...UNIT_BODY_EXAMPLE,
  blacklisted: false,
  createdAt: '2024-06-28T09:00:00.000+08:00',
};

export const CREATE_TEAM_EXAMPLE = {
  edition: '2024-guangxi',
  track: 'society',
  name: '智慧物流数据联合体',
  entrantKind: 'units',
  units: [
    { unitId: LEAD_UNIT_ID, isLead: true },
    { unitId: PARTNER_UNIT_ID, isLead: false },
  ],
};

export const JOIN_TEAM_EXAMPLE = { inviteCode: 'gx24-k7p2m9', role: 'member' };

export const DECISION_EXAMPLE = { decision: 'return', reason: '参赛承诺书缺少牵头单位盖章，请补充后重新提交。' };

export const TEAM_EXAMPLE = {
  id: TEAM_ID,
  editionId: EDITION_ID,
  trackId: TRACK_ID,
  trackCode: 'society',
  name: '智慧物流数据联合体',
  entrantKind: 'units',
  leaderUserId: LEADER_ID,
  qualificationStatus: 'submitted',
  inviteCode: 'gx24-k7p2m9',
  units: [
    {
      unitId: LEAD_UNIT_ID,
      name: '广西数智科技有限公司',
      type: 'enterprise',
      creditCode: '91450100MA5N00017R',
      isLead: true,
      blacklisted: false,
      listKinds: [],
    },
    {
      unitId: PARTNER_UNIT_ID,
      name: '广西信息技术研究所',
      type: 'research_institute',
      creditCode: '12450000MB0000031K',
      isLead: false,
      blacklisted: false,
      listKinds: [],
    },
  ],
  members: [
    {
      userId: LEADER_ID,
      role: 'leader',
      displayName: '李明',
      email: 'liming@gxszkj.example.cn',
      studentNumber: null,
      hasStudentId: false,
      joinedAt: '2024-07-01T10:00:00.000+08:00',
    },
    {
      userId: MEMBER_ID,
      role: 'member',
      displayName: '吴静',
      email: 'wujing@gxszkj.example.cn',
      studentNumber: null,
      hasStudentId: false,
      joinedAt: '2024-07-02T15:30:00.000+08:00',
    },
  ],
  hasCommitmentLetter: true,
  pledgeAcceptedAt: '2024-07-10T10:00:00.000+08:00',
  flaggedAt: null,
  flagReason: null,
  missing: [
    { step: 'organizer_approval', code: 'STEP_AWAIT_APPROVAL', ruleId: null, path: '/qualificationStatus', params: {} },
  ],
  createdAt: '2024-07-01T10:00:00.000+08:00',
  updatedAt: '2024-07-10T10:00:00.000+08:00',
};

const DATA_SOURCES = [
  { kind: 'public_catalog', name: '广西公共数据开放平台：道路货运车辆轨迹' },
  { kind: 'own', name: '北部湾港集装箱作业记录', note: '2021–2024 年脱敏数据' },
];
const TECHNOLOGY = {
  privacyComputing: true,
  dataSandbox: false,
  blockchain: false,
  domesticTechnology: true,
  notes: '联邦学习平台部署于国产服务器',
};

export const CREATE_PROJECT_EXAMPLE = {
  title: '北部湾港多式联运数据协同平台',
  category: 'data_product',
  summary: '汇聚港口、铁路与道路货运数据，为货主提供多式联运全程可视与运力预测。',
  direction: 'product_innovation',
  topicScope: 'single_field',
  topicIds: [TOPIC_ID],
  dataSources: DATA_SOURCES,
  technology: TECHNOLOGY,
};

export const UPDATE_PROJECT_EXAMPLE = {
  summary: '汇聚港口、铁路与道路货运数据，为货主提供多式联运全程可视、运力预测与碳排放核算。',
  benefitProof: {
    deployedWhere: '钦州港、防城港集装箱码头',
    deployedSince: '2023-09',
    economicBenefit: '平均在港停留时间缩短 0.8 天',
    figures: [{ label: '接入企业', value: '126 家' }],
  },
};

const CONTENT = {
  title: CREATE_PROJECT_EXAMPLE.title,
  summary: UPDATE_PROJECT_EXAMPLE.summary,
  direction: 'product_innovation',
  category: 'data_product',
  publicComponentKind: null,
  topicScope: 'single_field',
  topics: [{ id: TOPIC_ID, title: '多式联运数据协同', fieldCode: 'transportation' }],
  dataSources: DATA_SOURCES,
  benefitProof: UPDATE_PROJECT_EXAMPLE.benefitProof,
  technology: TECHNOLOGY,
  completeBeforeNationalFinal: false,
  completionDeclared: false,
  files: [
    {
      id: PROPOSAL_FILE_ID,
      kind: 'proposal',
      storedFileId: STORED_FILE_ID,
      name: '项目申报书.pdf',
      mimeType: 'application/pdf',
      sizeBytes: 2481152,
      sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    },
  ],
};

export const PROJECT_EXAMPLE = {
  id: PROJECT_ID,
  editionId: EDITION_ID,
  teamId: TEAM_ID,
  teamName: TEAM_EXAMPLE.name,
  track: 'society',
  ...CONTENT,
  latestVersion: 1,
  status: 'submitted',
  mayEnterNationalFinal: true,
  editable: 'collection',
  firstSubmittedAt: '2024-08-10T16:20:00.000+08:00',
  lastSubmittedAt: '2024-08-10T16:20:00.000+08:00',
  createdAt: '2024-07-18T09:12:00.000+08:00',
  updatedAt: '2024-08-10T16:20:00.000+08:00',
};

export const VERSION_EXAMPLE = {
  number: 1,
  submittedBy: LEADER_ID,
  submittedAt: '2024-08-10T16:20:00.000+08:00',
  snapshot: CONTENT,
};

export const RESULT_EXAMPLE = {
  projectId: PROJECT_ID,
  editionId: EDITION_ID,
  title: CONTENT.title,
  summary: CONTENT.summary,
  trackCode: 'society',
  trackName: '社会赛道',
  directionCode: 'product_innovation',
  categoryCode: 'data_product',
  awardCategoryCode: 'product_award',
  awardCategoryName: '数据产品奖',
  gradeCode: 'first',
  gradeName: '一等奖',
  teamName: TEAM_EXAMPLE.name,
  units: [
    { name: '广西数智科技有限公司', isLead: true },
    { name: '广西信息技术研究所', isLead: false },
  ],
  fields: [{ code: 'transportation', nameZh: '交通运输' }],
  publishedAt: '2024-10-18T10:00:00.000+08:00',
};

export const RESULT_DETAIL_EXAMPLE = {
  ...RESULT_EXAMPLE,
  directionName: '产品创新',
  topics: [{ title: '多式联运数据协同', fieldCode: 'transportation' }],
};

/** Ids of the review, expert and award examples (modules' examples.ts), shared so they agree. */
export const REVIEW_IDS = {
  edition: EDITION_ID,
  track: TRACK_ID,
  team: TEAM_ID,
  project: PROJECT_ID,
  topic: TOPIC_ID,
  round: 'd4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f70',
  finalRound: 'e5f6a7b8-c9d0-4e1f-9a2b-3c4d5e6f7081',
  expert: '8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d',
  assignment: 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b',
  score: 'a9b8c7d6-e5f4-4a3b-8c2d-1e0f9a8b7c6d',
  job: '6d5c4b3a-2f1e-4d0c-9b8a-7f6e5d4c3b2a',
  organizer: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e',
};
