import { EDITION_EXAMPLE, REVIEW_IDS } from '../../lib/examples.js';

/**
 * Examples of the edition operations (divisions, the edition's settings and timeline, events and the
 * vocabularies), on the 2024 Guangxi data of lib/examples.ts; Redocly checks each against its schema.
 */

const FIELD_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

export const DIVISION_BODY_EXAMPLE = { code: 'guangxi', name: '广西分赛', kind: 'provincial', sortOrder: 20 };

export const DIVISION_EXAMPLE = {
  id: '51c2a3b4-d5e6-4f70-8192-a3b4c5d6e7f8',
  code: 'guangxi',
  name: '广西分赛',
  kind: 'provincial',
  isDefault: true,
};

export const ORGANIZER_SCOPE_BODY_EXAMPLE = { division: 'guangxi' };

export const ORGANIZER_SCOPE_EXAMPLE = { userId: REVIEW_IDS.organizer, division: DIVISION_EXAMPLE };

export const STAGES_EXAMPLE = [
  { code: 'collection', startsAt: '2024-06-24T00:00:00.000+08:00', endsAt: '2024-08-16T00:00:00.000+08:00' },
  { code: 'preliminary', startsAt: '2024-08-16T00:00:00.000+08:00', endsAt: '2024-09-01T00:00:00.000+08:00' },
  { code: 'final', startsAt: '2024-09-10T00:00:00.000+08:00', endsAt: '2024-09-30T00:00:00.000+08:00' },
  { code: 'promotion', startsAt: '2024-10-18T00:00:00.000+08:00', endsAt: null },
];

export const CREATE_EDITION_EXAMPLE = {
  code: EDITION_EXAMPLE.code,
  year: 2024,
  divisionCode: 'guangxi',
  name: EDITION_EXAMPLE.name,
  theme: EDITION_EXAMPLE.theme,
  timeZone: 'Asia/Shanghai',
  organizers: EDITION_EXAMPLE.organizers,
  contacts: EDITION_EXAMPLE.contacts,
  nationalFinalAt: EDITION_EXAMPLE.nationalFinalAt,
  stages: STAGES_EXAMPLE,
};

export const CLONE_EDITION_EXAMPLE = { code: '2025-guangxi', year: 2025, name: '2025年"数据要素×"大赛广西分赛' };

export const UPDATE_EDITION_EXAMPLE = {
  contacts: [
    { name: '杨通来', phone: '18276199280' },
    { name: '韦晓燕', phone: '0771-5558123' },
  ],
};

export const STAGE_DATES_EXAMPLE = { endsAt: '2024-08-20T00:00:00.000+08:00' };

export const EVENT_BODY_EXAMPLE = {
  title: '广西分赛决赛路演',
  mode: '线下路演，线上同步直播',
  venue: '南宁市 广西大学 君武馆报告厅',
  signInAt: '2024-09-20T08:30:00.000+08:00',
  startsAt: '2024-09-20T09:00:00.000+08:00',
  endsAt: '2024-09-20T17:30:00.000+08:00',
  agenda: [
    { time: '09:00', title: '开幕式' },
    { time: '09:30', title: '社会赛道项目路演' },
    { time: '14:00', title: '高校赛道项目路演' },
  ],
};

export const EVENT_EXAMPLE = { id: '7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f', ...EVENT_BODY_EXAMPLE };

export const EVENT_UPDATE_EXAMPLE = { venue: '南宁市 广西大学 大礼堂' };

export const TRACK_EXAMPLE = {
  id: REVIEW_IDS.track,
  code: 'society',
  nameZh: '社会赛道',
  nameEn: 'Society track',
  description: '面向企业、科研院所等单位组成的团队',
};

export const DIRECTION_EXAMPLE = {
  id: '2b3c4d5e-6f70-4812-93a4-b5c6d7e8f901',
  code: 'product_innovation',
  nameZh: '产品创新',
  nameEn: 'Product innovation',
  description: '以数据产品或公共组件推动数据要素在行业中的应用',
  categories: [
    {
      id: '3c4d5e6f-7081-4923-a4b5-c6d7e8f90a12',
      code: 'data_product',
      nameZh: '数据产品',
      nameEn: 'Data product',
      description: '已落地或可落地的数据产品与服务',
    },
  ],
};

export const FIELD_EXAMPLE = {
  id: FIELD_ID,
  code: 'transportation',
  nameZh: '交通运输',
  nameEn: 'Transportation',
  aliases: ['交通', '物流'],
};

export const TOPIC_BODY_EXAMPLE = {
  fieldCode: 'transportation',
  title: '多式联运数据协同',
  description: '打通港口、铁路与道路货运数据，提升北部湾港多式联运效率。',
  sortOrder: 3,
};

export const TOPIC_EXAMPLE = {
  id: REVIEW_IDS.topic,
  editionId: REVIEW_IDS.edition,
  fieldId: FIELD_ID,
  ...TOPIC_BODY_EXAMPLE,
  isExample: false,
};

export const TOPIC_UPDATE_EXAMPLE = { description: '打通港口、铁路、道路与海关数据，提升北部湾港多式联运效率。' };

export const AWARD_CATEGORIES_EXAMPLE = {
  grades: [
    { id: '4d5e6f70-8192-4a34-b5c6-d7e8f90a1b23', code: 'first', nameZh: '一等奖', nameEn: 'First prize', rank: 1 },
    { id: '5e6f7081-92a3-4b45-86d7-e8f90a1b2c34', code: 'second', nameZh: '二等奖', nameEn: 'Second prize', rank: 2 },
  ],
  tracks: [
    {
      trackCode: 'society',
      awardCategories: [
        {
          id: '6f708192-a3b4-4c56-97e8-f90a1b2c3d45',
          code: 'product_award',
          nameZh: '数据产品奖',
          nameEn: 'Data product award',
          categoryCode: 'data_product',
        },
      ],
    },
  ],
};

export const DUPLICATE_EXAMPLE = {
  entries: [
    {
      projectId: REVIEW_IDS.project,
      title: '北部湾港多式联运数据协同平台',
      teamName: '智慧物流数据联合体',
      edition: '2024-guangxi',
      divisionName: '广西分赛',
    },
    {
      projectId: '708192a3-b4c5-4d67-88f9-0a1b2c3d4e56',
      title: '北部湾港多式联运数据协同服务平台',
      teamName: '湾区港航数据联合体',
      edition: '2024-guangdong',
      divisionName: '广东分赛',
    },
  ],
  sharedCreditCodes: ['91450100MA5N00017R'],
  titleSimilarity: 0.86,
};
