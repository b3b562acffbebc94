import type { LocalizedMessage } from './catalog/types.js';

// The words for what a person typed into (request fields) and for the records a database
// constraint protects, so that a refused request names "邮箱" and "赛题", never `email` or
// `project_topics_topic_id_topics_id_fk`.

const l = (zh: string, en: string): LocalizedMessage => ({ 'zh-CN': zh, en });

/** Request fields by their property name (the last segment of a problem's JSON pointer). */
export const FIELD_ID_LABELS: Record<string, LocalizedMessage> = {
  login: l('邮箱或手机号', 'Email or mobile'),
  email: l('邮箱', 'Email'),
  mobile: l('手机号', 'Mobile'),
  password: l('密码', 'Password'),
  displayName: l('姓名', 'Name'),
  name: l('名称', 'Name'),
  nameZh: l('中文名称', 'Chinese name'),
  nameEn: l('英文名称', 'English name'),
  title: l('标题', 'Title'),
  summary: l('简介', 'Summary'),
  description: l('说明', 'Description'),
  creditCode: l('统一社会信用代码', 'Unified social credit code'),
  affiliationCreditCode: l('单位统一社会信用代码', 'Credit code of the affiliation'),
  affiliationName: l('单位/高校', 'Affiliation'),
  affiliationType: l('单位类型', 'Affiliation type'),
  startsAt: l('开始时间', 'Start'),
  endsAt: l('结束时间', 'End'),
  nationalFinalAt: l('全国总决赛时间', 'National final'),
  timeZone: l('时区', 'Time zone'),
  role: l('角色', 'Role'),
  reason: l('原因', 'Reason'),
  comment: l('评语', 'Comment'),
  note: l('备注', 'Note'),
  values: l('评分', 'Scores'),
  weight: l('权重', 'Weight'),
  maxScore: l('满分', 'Maximum score'),
  criteria: l('评分指标', 'Criteria'),
  expertsPerProject: l('每个作品的评审专家数', 'Experts per project'),
  quota: l('名额', 'Quota'),
  track: l('赛道', 'Track'),
  trackCode: l('赛道', 'Track'),
  direction: l('参赛方向', 'Direction'),
  directionCode: l('参赛方向', 'Direction'),
  category: l('类别', 'Category'),
  categoryCode: l('类别', 'Category'),
  publicComponentKind: l('组件类型', 'Component kind'),
  field: l('行业领域', 'Field'),
  fieldCode: l('行业领域', 'Field'),
  fieldCodes: l('行业领域', 'Fields'),
  fieldId: l('行业领域', 'Field'),
  topicIds: l('赛题', 'Topics'),
  topic: l('赛题', 'Topic'),
  grade: l('奖项等级', 'Grade'),
  gradeCode: l('奖项等级', 'Grade'),
  awardCategory: l('奖项类别', 'Award category'),
  listKind: l('名单类型', 'List kind'),
  sourceDate: l('来源日期', 'Source date'),
  studentNumber: l('学号', 'Student number'),
  inviteCode: l('邀请码', 'Invitation code'),
  entrantKind: l('参赛主体', 'Entrant'),
  members: l('成员', 'Members'),
  mode: l('方式', 'Mode'),
  q: l('搜索词', 'Search'),
  limit: l('每页条数', 'Page size'),
  cursor: l('分页位置', 'Page position'),
  format: l('文件格式', 'File format'),
};

/** The records behind the tables a constraint names. */
const TABLE_LABELS: Record<string, LocalizedMessage> = {
  assignments: l('评审分配', 'assignment'),
  award_categories: l('奖项类别', 'award category'),
  award_quotas: l('奖项名额', 'award quota'),
  blacklist_entries: l('信用名单记录', 'credit list entry'),
  categories: l('参赛类别', 'category'),
  directions: l('参赛方向', 'direction'),
  editions: l('赛事', 'edition'),
  events: l('赛事活动', 'event'),
  expert_conflicts: l('回避记录', 'conflict of interest'),
  expert_profiles: l('专家', 'expert'),
  fields: l('行业领域', 'field'),
  grades: l('奖项等级', 'grade'),
  ledger_entries: l('存证记录', 'ledger entry'),
  project_awards: l('获奖记录', 'award'),
  project_files: l('作品附件', 'project file'),
  project_topics: l('作品', 'project'),
  project_versions: l('作品版本', 'project version'),
  projects: l('作品', 'project'),
  qualification_transitions: l('资格审核记录', 'qualification decision'),
  refresh_tokens: l('登录会话', 'session'),
  result_publications: l('结果发布', 'publication of results'),
  review_rounds: l('评审轮次', 'review round'),
  round_projects: l('评审轮次', 'review round'),
  rubrics: l('评分细则', 'rubric'),
  scores: l('评分', 'score'),
  stages: l('赛程阶段', 'stage'),
  stored_files: l('文件', 'file'),
  team_annotations: l('团队备注', 'team note'),
  team_members: l('团队成员', 'team member'),
  team_units: l('团队', 'team'),
  teams: l('团队', 'team'),
  topics: l('赛题', 'topic'),
  tracks: l('赛道', 'track'),
  units: l('参赛单位', 'unit'),
  users: l('账号', 'account'),
};

/** What a unique constraint keeps single, said as a sentence. */
const UNIQUE_CONSTRAINTS: Record<string, LocalizedMessage> = {
  assignments_once_per_round: l('该专家已分配到这个作品', 'The expert is already assigned to this project'),
  blacklist_entries_code_kind: l('该单位已在这份名单中', 'The unit is already on this list'),
  editions_code_unique: l('赛事代码已被使用', 'The edition code is taken'),
  editions_single_current: l('只能有一个当前赛事', 'Only one edition can be current'),
  project_awards_one_per_project: l('该作品已获奖', 'The project already has an award'),
  project_versions_number: l('该作品版本已存在', 'The project version already exists'),
  projects_one_per_team: l('每个团队只能有一个作品', 'A team has one project'),
  review_rounds_one_per_kind: l('该评审轮次已存在', 'The round already exists'),
  rubrics_one_per_direction: l('该方向的评分细则已存在', 'The rubric of this direction already exists'),
  scores_one_per_assignment: l('该分配已有评分', 'The assignment is already scored'),
  team_members_one_team_per_edition: l('该用户已加入本届的其他团队', 'The user is already in a team of this edition'),
  team_members_one_student_per_edition: l('该学号已在本届的团队中', 'The student number is already in a team'),
  team_units_single_lead: l('团队只能有一个牵头单位', 'A team has one lead unit'),
  units_edition_credit_code: l('该统一社会信用代码已登记', 'The credit code is already registered'),
  users_email_unique: l('该邮箱已注册', 'The email is already registered'),
  users_mobile_unique: l('该手机号已注册', 'The mobile number is already registered'),
};

const tableOf = (name: string) => TABLE_LABELS[name];

/**
 * A database constraint said as a sentence: a named unique constraint by its own words, a foreign
 * key `<table>_<column>_<referenced>_<column>_fk` as "the referenced record is still used (or gone)",
 * anything else as a general conflict. Never the constraint's name.
 */
export function describeConstraint(constraint: string | undefined, kind: 'unique' | 'foreign_key'): LocalizedMessage {
  if (constraint && UNIQUE_CONSTRAINTS[constraint]) return UNIQUE_CONSTRAINTS[constraint];
  if (kind === 'foreign_key' && constraint?.endsWith('_fk')) {
    const tables = Object.keys(TABLE_LABELS).sort((a, b) => b.length - a.length);
    const owner = tables.find((table) => constraint.startsWith(`${table}_`));
    const rest = owner ? constraint.slice(owner.length) : constraint;
    const referenced = tables.find((table) => rest.includes(`_${table}_`));
    const [ownerLabel, referencedLabel] = [owner && tableOf(owner), referenced && tableOf(referenced)];
    if (ownerLabel && referencedLabel)
      return l(
        `该${referencedLabel['zh-CN']}仍被${ownerLabel['zh-CN']}使用，或所引用的${referencedLabel['zh-CN']}不存在`,
        `The ${referencedLabel.en} is still used by a ${ownerLabel.en}, or does not exist`,
      );
  }
  return kind === 'unique'
    ? l('相同的记录已存在', 'The same record already exists')
    : l('所引用的记录不存在或仍在使用中', 'A referenced record is missing or still in use');
}

/** The label of a request field; the generic "该字段" when it is not known. */
export function fieldLabel(fieldId: string | undefined, locale: 'zh-CN' | 'en'): string {
  return (fieldId && FIELD_ID_LABELS[fieldId]?.[locale]) || (locale === 'en' ? 'This field' : '该字段');
}
