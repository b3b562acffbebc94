import type { MessageCatalog } from './types.js';

/** Messages for projects, their versions and files (SPEC §2, §3, §5). */
export const projectMessages = {
  PROJECT_NOT_FOUND: { 'zh-CN': '参赛作品不存在', en: 'No such project' },
  PROJECT_VERSION_PINNED: {
    'zh-CN': '作品已以第 {version} 版推荐至全国赛，全国赛评审的就是该版本，不能再提交新版本',
    en: 'The project was recommended to the national final as version {version}, which the national final reviews: no newer version can be submitted',
  },
  PROJECT_EXISTS: {
    'zh-CN': '每个团队只能提交一个参赛作品，该团队已有作品',
    en: 'Each team submits exactly one project, and this team already has one',
  },
  TEAM_NOT_APPROVED: {
    'zh-CN': '团队资格审核尚未通过（当前状态：{status}），不能创建或提交作品',
    en: 'The team is not approved (status: {status}): it cannot create or submit a project',
  },
  NOT_PROJECT_TEAM_MEMBER: { 'zh-CN': '只有本团队成员可以操作该作品', en: 'Only members of the team may do this' },
  TOPIC_REQUIRED: { 'zh-CN': '请至少选择一个赛题', en: 'Choose at least one topic' },
  TOPICS_NOT_IN_ONE_FIELD: {
    'zh-CN': '单一领域作品的赛题必须属于同一行业领域（当前涉及 {fields} 个领域），跨领域请选择“跨领域”',
    en: 'A single-field project picks topics of one field (these span {fields}); choose cross-field instead',
  },
  CROSS_FIELD_NEEDS_TWO_FIELDS: {
    'zh-CN': '跨领域作品的赛题须来自至少两个行业领域',
    en: 'A cross-field project picks topics of at least two fields',
  },
  TOPIC_NOT_IN_EDITION: { 'zh-CN': '赛题不属于本届赛事：{topic}', en: 'The topic is not of this edition: {topic}' },
  PUBLIC_COMPONENT_KIND_REQUIRED: {
    'zh-CN': '公共组件产品须选择组件类型（知识组件、工具组件或应用组件）',
    en: 'A public component names its kind (knowledge, tool or application component)',
  },
  PUBLIC_COMPONENT_KIND_NOT_APPLICABLE: {
    'zh-CN': '只有公共组件产品有组件类型（当前类别：{category}）',
    en: 'Only public components have a component kind (category: {category})',
  },
  COMPLETION_NOT_DECLARED: {
    'zh-CN': '数据建模与算法设计作品须声明是否在全国总决赛前完成研发和应用',
    en: 'A modeling project declares whether R&D and application are complete before the national final',
  },
  COMPLETION_FLAG_ONLY_FOR_MODELING: {
    'zh-CN': '“全国总决赛前完成研发和应用”仅适用于数据建模与算法设计作品（当前类别：{category}）',
    en: '"Complete before the national final" applies to modeling projects only (category: {category})',
  },
  PROJECT_FIELD_REQUIRED: { 'zh-CN': '请填写{property}', en: 'Required: {property}' },
  DATA_SOURCES_REQUIRED: {
    'zh-CN': '数据建模与算法设计作品须列出所用数据（公共数据资源目录条目或自有数据）',
    en: 'A modeling project lists the data it uses (public data catalog entries or its own data)',
  },
  BENEFIT_PROOF_REQUIRED: {
    'zh-CN': '“{category}”类作品须提供应用成效证明：部署地点、起始时间及经济或社会效益',
    en: 'A "{category}" project proves its benefit: where and since when it is deployed, and economic or social figures',
  },
  PROPOSAL_FILE_REQUIRED: {
    'zh-CN': '提交前请上传作品申报书（PDF）',
    en: 'Upload the proposal (PDF) before submitting',
  },
  ITERATION_CLOSED: {
    'zh-CN': '全国总决赛（{nationalFinalAt}）已开始，作品不能再迭代（当前阶段：{stage}）',
    en: 'The national final ({nationalFinalAt}) has begun: the project can no longer be iterated (stage: {stage})',
  },
  TITLE_LOCKED: {
    'zh-CN': '项目征集结束后作品名称不能修改（当前阶段：{stage}）',
    en: 'The title is locked once collection has ended (stage: {stage})',
  },
  CATEGORY_LOCKED: {
    'zh-CN': '项目征集结束后参赛类别不能修改（当前阶段：{stage}）',
    en: 'The category is locked once collection has ended (stage: {stage})',
  },
  VERSION_NOT_FOUND: { 'zh-CN': '作品版本不存在：{number}', en: 'No such version: {number}' },
  PROJECT_FILE_NOT_FOUND: { 'zh-CN': '作品附件不存在', en: 'No such project file' },
} satisfies MessageCatalog;
