import type {
  AwardCategoryCode,
  CategoryCode,
  DirectionCode,
  FieldCode,
  GradeCode,
  StageCode,
  TrackCode,
} from '@saishi/shared';

/**
 * The names of the shared vocabulary (SPEC §2–3) that every edition starts with, whether
 * created from scratch or seeded; organizers then edit topics, dates and quotas per edition.
 */
export interface Named<Code extends string> {
  code: Code;
  nameZh: string;
  nameEn: string;
}

export interface Vocabulary {
  tracks: (Named<TrackCode> & { description: string })[];
  directions: (Named<DirectionCode> & {
    description: string;
    categories: (Named<CategoryCode> & { description: string })[];
  })[];
  awardCategories: Record<TrackCode, (Named<AwardCategoryCode> & { categoryCode: CategoryCode })[]>;
  grades: (Named<GradeCode> & { rank: number })[];
  fields: (Named<FieldCode> & { aliases: string[] })[];
  stages: Named<StageCode>[];
}

export const STANDARD_VOCABULARY: Vocabulary = {
  tracks: [
    {
      code: 'society',
      nameZh: '社会赛道',
      nameEn: 'Society track',
      description: '面向企业、事业单位、科研院所、高校及个人',
    },
    { code: 'university', nameZh: '高校赛道', nameEn: 'University track', description: '面向在校大学生' },
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
  stages: [
    { code: 'collection', nameZh: '项目征集', nameEn: 'Project collection' },
    { code: 'preliminary', nameZh: '初赛评审', nameEn: 'Preliminary review' },
    { code: 'final', nameZh: '决赛评审', nameEn: 'Final review' },
    { code: 'promotion', nameZh: '成果推介', nameEn: 'Results promotion' },
  ],
};
