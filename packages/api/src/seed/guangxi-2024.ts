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

/**
 * The 2024 "数据要素×" Guangxi division, from SPEC.md (桂数发〔2024〕19号).
 * Stage dates follow the notice's "late June – mid August / mid – late August / September /
 * from October"; where the notice gives a range rather than a day, the day chosen is marked.
 */
interface Named<Code extends string> {
  code: Code;
  nameZh: string;
  nameEn: string;
}

/** An edition as the seed loads it: the shared vocabulary's codes with the edition's own names and dates. */
export interface EditionSeed {
  code: string;
  name: string;
  year: number;
  division: string;
  theme: string;
  timeZone: string;
  organizers: Organizers;
  contacts: Contact[];
  committees: Committee[];
  nationalFinalAt: string;
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
  directions: [
    {
      code: 'modeling',
      nameZh: '数据建模与算法设计',
      nameEn: 'Data modeling and algorithm design',
      description: '基于公共数据资源目录（政务数据及水电气等公共服务数据）与自有数据，开展尚未部署或在研的算法模型设计',
      categories: [
        {
          code: 'modeling',
          nameZh: '数据建模与算法设计',
          nameEn: 'Data modeling and algorithm design',
          description: '',
        },
      ],
    },
    {
      code: 'product_innovation',
      nameZh: '数据产品应用创新',
      nameEn: 'Data product application innovation',
      description: '已实际应用并取得经济或社会效益的数据产品与公共组件',
      categories: [
        {
          code: 'data_product',
          nameZh: '"数据要素×"产品',
          nameEn: '"Data elements ×" product',
          description: '已实际应用、具有自主知识产权的技术、产品、解决方案等，已产生经济或社会效益',
        },
        {
          code: 'public_component',
          nameZh: '公共组件产品',
          nameEn: 'Public component product',
          description: '从本单位信息系统中提炼的可复用、标准化软件工具，分为知识组件、工具组件、应用组件',
        },
      ],
    },
  ],
  awardCategories: {
    society: [
      {
        code: 'modeling_award',
        categoryCode: 'modeling',
        nameZh: '数据建模与算法设计奖',
        nameEn: 'Modeling and algorithm award',
      },
      {
        code: 'product_award',
        categoryCode: 'data_product',
        nameZh: '"数据要素×"产品奖',
        nameEn: '"Data elements ×" product award',
      },
      {
        code: 'component_award',
        categoryCode: 'public_component',
        nameZh: '公共组件奖',
        nameEn: 'Public component award',
      },
    ],
    university: [
      {
        code: 'modeling_award',
        categoryCode: 'modeling',
        nameZh: '数据建模与算法设计奖',
        nameEn: 'Modeling and algorithm award',
      },
      {
        code: 'product_award',
        categoryCode: 'data_product',
        nameZh: '"数据要素×"产品奖',
        nameEn: '"Data elements ×" product award',
      },
    ],
  },
  grades: [
    { code: 'first', nameZh: '一等奖', nameEn: 'First prize', rank: 1 },
    { code: 'second', nameZh: '二等奖', nameEn: 'Second prize', rank: 2 },
    { code: 'third', nameZh: '三等奖', nameEn: 'Third prize', rank: 3 },
    { code: 'honorable', nameZh: '优胜奖', nameEn: 'Honorable mention', rank: 4 },
  ],
  fields: [
    { code: 'industrial_manufacturing', nameZh: '工业制造', nameEn: 'Industrial manufacturing', aliases: [] },
    { code: 'modern_agriculture', nameZh: '现代农业', nameEn: 'Modern agriculture', aliases: [] },
    { code: 'commerce_circulation', nameZh: '商贸流通', nameEn: 'Commerce and circulation', aliases: ['商贸物流'] },
    { code: 'transportation', nameZh: '交通运输', nameEn: 'Transportation', aliases: [] },
    { code: 'financial_services', nameZh: '金融服务', nameEn: 'Financial services', aliases: [] },
    { code: 'technology_innovation', nameZh: '科技创新', nameEn: 'Technology innovation', aliases: [] },
    { code: 'culture_tourism', nameZh: '文化旅游', nameEn: 'Culture and tourism', aliases: [] },
    { code: 'healthcare', nameZh: '医疗健康', nameEn: 'Healthcare', aliases: [] },
    { code: 'emergency_management', nameZh: '应急管理', nameEn: 'Emergency management', aliases: [] },
    { code: 'meteorological_services', nameZh: '气象服务', nameEn: 'Meteorological services', aliases: [] },
    { code: 'urban_governance', nameZh: '城市治理', nameEn: 'Urban governance', aliases: [] },
    { code: 'green_low_carbon', nameZh: '绿色低碳', nameEn: 'Green and low-carbon', aliases: [] },
  ],
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
