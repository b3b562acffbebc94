import type {
  AwardCategoryCode,
  CategoryCode,
  DirectionCode,
  FieldCode,
  GradeCode,
  StageCode,
  TrackCode,
} from '@saishi/shared';
import type { Committee, Contact, Organizers, events } from '../modules/editions/tables.js';
import { STANDARD_VOCABULARY, type Named } from '../modules/editions/vocabulary.js';

// The 2024 "数据要素×" Guangxi division, from SPEC.md (桂数发〔2024〕19号).
// Stage dates follow the notice's "late June – mid August / mid – late August / September /
// from October"; where the notice gives a range rather than a day, the day chosen is marked.

/** An edition as the seed loads it: the shared vocabulary's codes with the edition's own names and dates. */
export interface EditionSeed {
  code: string;
  name: string;
  year: number;
  division: string;
  divisionCode: string;
  theme: string;
  timeZone: string;
  organizers: Organizers;
  contacts: Contact[];
  committees: Committee[];
  nationalFinalAt: string;
  /** When the edition, its accounts and its review set-up were created (rows carry it, not the wall clock). */
  setUpAt: string;
  tracks: (Named<TrackCode> & { description: string })[];
  directions: (Named<DirectionCode> & {
    description: string;
    categories: (Named<CategoryCode> & { description: string })[];
  })[];
  awardCategories: Record<TrackCode, (Named<AwardCategoryCode> & { categoryCode: CategoryCode })[]>;
  grades: (Named<GradeCode> & { rank: number })[];
  fields: (Named<FieldCode> & { aliases: string[] })[];
  exampleTopics: Partial<Record<FieldCode, string[]>>;
  stages: (Named<StageCode> & { startsAt: string; endsAt: string | null })[];
  events: (Omit<typeof events.$inferInsert, 'editionId' | 'signInAt' | 'startsAt' | 'endsAt'> & {
    signInAt: string;
    startsAt: string;
    endsAt: string;
  })[];
}

export const guangxi2024: EditionSeed = {
  code: '2024-guangxi',
  name: '2024年"数据要素×"大赛广西分赛',
  year: 2024,
  division: '广西分赛',
  divisionCode: 'guangxi',
  theme: '乘数而上，数创未来',
  timeZone: 'Asia/Shanghai',
  organizers: {
    guidance: ['国家数据局', '广西壮族自治区人民政府'],
    host: ['广西壮族自治区大数据发展局'],
    undertaker: ['广西壮族自治区信息中心'],
  },
  contacts: [
    { name: '杨通来', phone: '18276199280' },
    { name: '谢璐璐', phone: '18174711096' },
    { name: '朱若菡', phone: '18697921456' },
  ],
  committees: [
    { code: 'organizing', name: '组织委员会', description: '负责大赛的组织、协调和保障工作' },
    {
      code: 'expert',
      name: '专家委员会',
      description: '由高校、科研院所、龙头企业和投资机构专家组成，负责赛题遴选、规则制定和成果评审',
    },
  ],
  /** Not given by the Guangxi notice; an editable placeholder for R-TIME-3. */
  nationalFinalAt: '2024-11-30T23:59:59+08:00',
  setUpAt: '2024-06-20T09:00:00+08:00',
  tracks: [
    {
      code: 'society',
      nameZh: '社会赛道',
      nameEn: 'Society track',
      description: '面向企业、事业单位、科研院所、高校及个人',
    },
    {
      code: 'university',
      nameZh: '高校赛道',
      nameEn: 'University track',
      description: '面向在校大学生；列入广西教育C类赛事',
    },
  ],
  directions: STANDARD_VOCABULARY.directions,
  awardCategories: STANDARD_VOCABULARY.awardCategories,
  grades: STANDARD_VOCABULARY.grades,
  fields: STANDARD_VOCABULARY.fields,
  /** Illustrations only (isExample): the official topics come from the national topic guide (赛题指南). */
  exampleTopics: {
    industrial_manufacturing: ['示例：制造业供应链协同数据应用', '示例：工业设备预测性维护模型'],
    modern_agriculture: ['示例：糖料蔗种植气象与土壤数据融合', '示例：农产品质量追溯'],
    commerce_circulation: ['示例：跨境电商物流数据服务', '示例：面向东盟的商贸流通监测'],
    transportation: ['示例：西部陆海新通道多式联运数据协同', '示例：城市交通拥堵预测'],
    financial_services: ['示例：基于公共数据的中小企业信用评估', '示例：普惠金融风险识别'],
    technology_innovation: ['示例：科技成果与企业需求智能匹配', '示例：科研数据共享平台'],
    culture_tourism: ['示例：文旅客流预测与智慧导览', '示例：民族文化数字资源开发'],
    healthcare: ['示例：医保数据赋能商业健康险', '示例：区域医疗检查结果互认'],
    emergency_management: ['示例：洪涝灾害风险预警', '示例：危化品运输安全监测'],
    meteorological_services: ['示例：台风路径与强降雨精细化预报应用', '示例：气象数据赋能农业保险'],
    urban_governance: ['示例：城市运行“一网统管”事件智能分拨', '示例：基层治理数据融合'],
    green_low_carbon: ['示例：企业碳排放核算与监测', '示例：新能源消纳预测'],
  },
  /** Half-open windows in Asia/Shanghai. Collection opens on a chosen day of "late June" and closes after 2024-08-15. */
  stages: [
    {
      code: 'collection',
      nameZh: '项目征集',
      nameEn: 'Project collection',
      startsAt: '2024-06-24T00:00:00+08:00',
      endsAt: '2024-08-16T00:00:00+08:00',
    },
    {
      code: 'preliminary',
      nameZh: '初赛评审',
      nameEn: 'Preliminary review',
      startsAt: '2024-08-16T00:00:00+08:00',
      endsAt: '2024-09-01T00:00:00+08:00',
    },
    {
      code: 'final',
      nameZh: '决赛评审',
      nameEn: 'Final review',
      startsAt: '2024-09-01T00:00:00+08:00',
      endsAt: '2024-10-01T00:00:00+08:00',
    },
    {
      code: 'promotion',
      nameZh: '成果推介',
      nameEn: 'Results promotion',
      startsAt: '2024-10-01T00:00:00+08:00',
      endsAt: null,
    },
  ],
  events: [
    {
      title: '2024年"数据要素×"大赛广西分赛推荐会',
      mode: '线上线下结合（桂融会视频系统）',
      venue: '线上：桂融会视频系统；线下：南宁',
      signInAt: '2024-07-26T08:30:00+08:00',
      startsAt: '2024-07-26T09:00:00+08:00',
      endsAt: '2024-07-26T10:40:00+08:00',
      agenda: [
        { time: '08:30', title: '签到' },
        { time: '09:00', title: '领导致辞' },
        { title: '大赛方案解读' },
        { title: '赛题发布与解读' },
        { title: '参赛单位代表发言' },
        { time: '10:40', title: '会议结束' },
      ],
    },
  ],
};

/** The demo's set-up time as a Date: the creation time of its accounts, experts and rubrics. */
export const DEMO_SET_UP_AT = new Date(guangxi2024.setUpAt);
