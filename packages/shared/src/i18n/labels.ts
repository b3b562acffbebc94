import {
  type AFFILIATION_TYPES,
  type BLACKLIST_LIST_KINDS,
  type AWARD_CATEGORY_CODES,
  type CATEGORY_CODES,
  type DIRECTION_CODES,
  type FIELD_CODES,
  type GRADE_CODES,
  type PUBLIC_COMPONENT_KINDS,
  type ROLES,
  type STAGE_CODES,
  type TRACK_CODES,
} from '../domain/competition.js';
import {
  type CERTIFIED_TABLES,
  type LEDGER_ACTIONS,
  type LEDGER_BREAK_REASONS,
  type LEDGER_ROW_PROBLEMS,
  type LEDGER_SUBJECT_TYPES,
} from '../domain/ledger.js';
import { type CONSENT_SCOPES, type RETENTION_KINDS, type STUDENT_ID_RETENTION_ANCHORS } from '../domain/privacy.js';
import {
  type FEEDBACK_VISIBILITIES,
  type ROUND_KINDS,
  type ROUND_OUTCOMES,
  type ROUND_STATUSES,
  type SCORE_STATUSES,
  type SPREAD_RESOLUTIONS,
} from '../domain/review.js';
import { type CONFLICT_STATUSES } from '../rules/assignment.js';
import { type ScoreConfidence } from '../rules/confidence.js';
import { type PROJECT_STATUSES } from '../rules/project.js';
import { type ENTRANT_KINDS, type MEMBER_ROLES, type QUALIFICATION_STATUSES } from '../rules/team.js';
import { type TEAM_STEPS } from '../rules/team-steps.js';
import { type WEBHOOK_DELIVERY_STATES, type WEBHOOK_EVENT_TYPES } from '../domain/webhooks.js';
import type { LocalizedMessage } from './catalog/types.js';

// The names people read for the codes of every enumeration, in zh-CN and English: one source for
// the API's messages and exports and the admin, so that no code reaches a reader.

type Labels<Code extends string> = Record<Code, LocalizedMessage>;
const l = (zh: string, en: string): LocalizedMessage => ({ 'zh-CN': zh, en });

export const TRACK_LABELS: Labels<(typeof TRACK_CODES)[number]> = {
  society: l('社会赛道', 'Society track'),
  university: l('高校赛道', 'University track'),
};

export const DIRECTION_LABELS: Labels<(typeof DIRECTION_CODES)[number]> = {
  modeling: l('数据建模', 'Data modeling'),
  product_innovation: l('产品创新', 'Product innovation'),
};

export const CATEGORY_LABELS: Labels<(typeof CATEGORY_CODES)[number]> = {
  modeling: l('数据建模', 'Data modeling'),
  data_product: l('数据产品', 'Data product'),
  public_component: l('公共组件', 'Public component'),
};

export const COMPONENT_KIND_LABELS: Labels<(typeof PUBLIC_COMPONENT_KINDS)[number]> = {
  knowledge: l('知识类', 'Knowledge'),
  tool: l('工具类', 'Tool'),
  application: l('应用类', 'Application'),
};

export const AWARD_CATEGORY_LABELS: Labels<(typeof AWARD_CATEGORY_CODES)[number]> = {
  modeling_award: l('数据建模奖', 'Data modeling award'),
  product_award: l('数据产品奖', 'Data product award'),
  component_award: l('公共组件奖', 'Public component award'),
};

export const GRADE_LABELS: Labels<(typeof GRADE_CODES)[number]> = {
  first: l('一等奖', 'First prize'),
  second: l('二等奖', 'Second prize'),
  third: l('三等奖', 'Third prize'),
  honorable: l('优秀奖', 'Honorable mention'),
};

export const FIELD_LABELS: Labels<(typeof FIELD_CODES)[number]> = {
  industrial_manufacturing: l('工业制造', 'Industrial manufacturing'),
  modern_agriculture: l('现代农业', 'Modern agriculture'),
  commerce_circulation: l('商贸流通', 'Commerce and circulation'),
  transportation: l('交通运输', 'Transportation'),
  financial_services: l('金融服务', 'Financial services'),
  technology_innovation: l('科技创新', 'Technology innovation'),
  culture_tourism: l('文化旅游', 'Culture and tourism'),
  healthcare: l('医疗健康', 'Healthcare'),
  emergency_management: l('应急管理', 'Emergency management'),
  meteorological_services: l('气象服务', 'Meteorological services'),
  urban_governance: l('城市治理', 'Urban governance'),
  green_low_carbon: l('绿色低碳', 'Green and low-carbon'),
};

export const STAGE_LABELS: Labels<(typeof STAGE_CODES)[number]> = {
  collection: l('项目征集', 'Project collection'),
  preliminary: l('初赛评审', 'Preliminary review'),
  final: l('决赛评审', 'Final review'),
  promotion: l('成果推介', 'Promotion'),
};

export const ROLE_LABELS: Labels<(typeof ROLES)[number]> = {
  admin: l('组织者', 'Organizer'),
  expert: l('评审专家', 'Expert'),
  participant: l('参赛者', 'Participant'),
};

/** Who enters: a person in their own name, or one or more units. */
export const ENTRANT_KIND_LABELS: Labels<(typeof ENTRANT_KINDS)[number]> = {
  individual: l('个人', 'Individual'),
  units: l('单位', 'Units'),
};

/** A unit's type, or `individual` for a team without a unit. */
export const UNIT_TYPE_LABELS: Labels<(typeof AFFILIATION_TYPES)[number] | 'individual'> = {
  individual: l('个人', 'Individual'),
  enterprise: l('企业', 'Enterprise'),
  public_institution: l('事业单位', 'Public institution'),
  research_institute: l('科研院所', 'Research institute'),
  university: l('高校', 'University'),
  investment_institution: l('投资机构', 'Investment institution'),
  other: l('其他', 'Other'),
};

export const QUALIFICATION_STATUS_LABELS: Labels<(typeof QUALIFICATION_STATUSES)[number]> = {
  draft: l('草稿', 'Draft'),
  submitted: l('待审核', 'Awaiting review'),
  approved: l('已通过', 'Approved'),
  rejected: l('未通过', 'Rejected'),
  returned: l('已退回', 'Returned'),
};

/** The steps of a team's path to review (rules/team-steps.ts), as the team's `missing` list names them. */
export const TEAM_STEP_LABELS: Labels<(typeof TEAM_STEPS)[number]> = {
  complete_members: l('成员到齐并提交证明材料', 'All members joined, with their proofs'),
  pledge_and_letter: l('接受承诺并上传参赛承诺书', 'Pledge accepted and commitment letter uploaded'),
  submit_team: l('队长提交资格审核', 'Leader submits the team'),
  organizer_approval: l('主办方资格审核通过', 'Organizers approve the team'),
  create_project: l('创建参赛作品', 'Create the project'),
  submit_version: l('提交作品版本', 'Submit a version of the project'),
  flag_clearance: l('主办方清除失信名单标记', 'Organizers clear the blacklist flag'),
};

export const CONSENT_SCOPE_LABELS: Labels<(typeof CONSENT_SCOPES)[number]> = {
  personal: l('个人信息的收集与使用', 'Collection and use of personal information'),
  sensitive: l(
    '敏感个人信息（学生证等证件图像）的单独同意',
    'Separate consent to sensitive information (images of ID documents such as student ID cards)',
  ),
};

export const RETENTION_KIND_LABELS: Labels<(typeof RETENTION_KINDS)[number]> = {
  student_id_images: l('学生证图像', 'Student ID card images'),
  departed_mobiles: l('已离开人员的手机号', 'Mobile numbers of people who left'),
};

export const STUDENT_ID_RETENTION_ANCHOR_LABELS: Labels<(typeof STUDENT_ID_RETENTION_ANCHORS)[number]> = {
  qualification: l('资格审核决定之后', 'After the qualification decision'),
  results: l('结果发布之后', 'After the results are published'),
};

export const MEMBER_ROLE_LABELS: Labels<(typeof MEMBER_ROLES)[number]> = {
  leader: l('负责人', 'Leader'),
  member: l('成员', 'Member'),
  advisor: l('指导老师', 'Advisor'),
};

export const PROJECT_STATUS_LABELS: Labels<(typeof PROJECT_STATUSES)[number]> = {
  draft: l('草稿', 'Draft'),
  submitted: l('已提交', 'Submitted'),
};

export const ROUND_KIND_LABELS: Labels<(typeof ROUND_KINDS)[number]> = {
  preliminary: l('初赛', 'Preliminary'),
  final: l('决赛', 'Final'),
};

export const ROUND_OUTCOME_LABELS: Labels<(typeof ROUND_OUTCOMES)[number]> = {
  advanced: l('晋级决赛', 'advanced to the final'),
  not_advanced: l('未晋级决赛', 'did not advance to the final'),
  awarded: l('获奖', 'awarded'),
  not_awarded: l('未获奖', 'not awarded'),
};

export const FEEDBACK_VISIBILITY_LABELS: Labels<(typeof FEEDBACK_VISIBILITIES)[number]> = {
  status: l('仅结果', 'Outcome only'),
  scores: l('结果和评分', 'Outcome and scores'),
  comments: l('结果、评分和专家评语（匿名）', 'Outcome, scores and anonymized expert comments'),
};

export const ROUND_STATUS_LABELS: Labels<(typeof ROUND_STATUSES)[number]> = {
  draft: l('草稿', 'Draft'),
  open: l('评审中', 'Open'),
  closed: l('已结束', 'Closed'),
};

/** The confidence scale an expert picks from with each score, keyed by its value. */
export const SCORE_CONFIDENCE_LABELS: Record<ScoreConfidence, LocalizedMessage> = {
  1: l('低：不太熟悉该领域', 'Low: not my field'),
  2: l('中：比较熟悉', 'Medium: familiar with it'),
  3: l('高：本人专业领域', 'High: my own field'),
};

export const SPREAD_RESOLUTION_LABELS: Labels<(typeof SPREAD_RESOLUTIONS)[number]> = {
  re_review: l('复评', 'Re-review'),
  panel: l('合议', 'Panel decision'),
};

export const SCORE_STATUS_LABELS: Labels<(typeof SCORE_STATUSES)[number]> = {
  draft: l('草稿', 'Draft'),
  submitted: l('已提交', 'Submitted'),
};

export const LEDGER_ACTION_LABELS: Labels<(typeof LEDGER_ACTIONS)[number]> = {
  'round.opened': l('开启评审轮次', 'Round opened'),
  'round.closed': l('结束评审轮次', 'Round closed'),
  'round.enrolled': l('纳入评审作品', 'Projects enrolled in the round'),
  'assignments.auto': l('自动分配专家', 'Experts assigned automatically'),
  'assignment.added': l('添加评审分配', 'Assignment added'),
  'assignment.removed': l('移除评审分配', 'Assignment removed'),
  'score.submitted': l('提交评分', 'Score submitted'),
  'score.reopened': l('退回评分重评', 'Score reopened'),
  'project.advanced': l('晋级决赛', 'Advanced to the final'),
  'award.allocated': l('分配奖项', 'Awards allocated'),
  'award.withdrawn': l('撤销奖项', 'Award withdrawn'),
  'results.published': l('发布结果', 'Results published'),
  'feedback.published': l('向团队公布评审反馈', 'Feedback published to teams'),
  'feedback.visibility_changed': l('变更评审反馈公开范围', 'Feedback visibility changed'),
  'team.flagged': l('团队因失信名单被标记', 'Team flagged by a blacklist'),
  'team.flag_cleared': l('清除团队标记', 'Team flag cleared'),
  'conflict.declared': l('声明回避', 'Conflict of interest declared'),
  'conflict.withdrawn': l('撤回回避声明', 'Conflict of interest withdrawn'),
  'conflict.reviewed': l('审核回避声明', 'Conflict of interest reviewed'),
  'qualification.submitted': l('提交资格审核', 'Submitted for qualification'),
  'qualification.decided': l('资格审核决定', 'Qualification decided'),
  'user.updated': l('变更账号角色或状态', 'Account role or status changed'),
  'blacklist.imported': l('导入失信名单', 'Blacklist imported'),
  'blacklist.entry_deleted': l('删除失信名单条目', 'Blacklist entry deleted'),
  'decision.adjusted': l('人工调整决定', 'Decision adjusted by hand'),
  'project.re_review_requested': l('分差复评', 'Sent to re-review (score spread)'),
  'project.panel_decided': l('合议定分', 'Panel decision (score spread)'),
  'recommendations.sent': l('推荐至全国总决赛', 'Recommended to the national final'),
  'recommendation.accepted': l('全国总决赛接收推荐', 'Recommendation accepted by the national final'),
  'recommendation.declined': l('全国总决赛未接收推荐', 'Recommendation declined by the national final'),
  'retention.applied': l('到期删除个人信息', 'Personal information deleted at the end of its retention period'),
  'personal_data.corrected': l('本人更正个人信息', 'Personal information corrected by its owner'),
};

export const LEDGER_SUBJECT_LABELS: Labels<(typeof LEDGER_SUBJECT_TYPES)[number]> = {
  review_round: l('评审轮次', 'Review round'),
  assignment: l('评审分配', 'Assignment'),
  score: l('评分', 'Score'),
  project: l('作品', 'Project'),
  edition: l('赛事', 'Edition'),
  team: l('团队', 'Team'),
  user: l('账号', 'Account'),
  expert_conflict: l('回避声明', 'Conflict of interest'),
  blacklist_import: l('名单导入', 'List import'),
  blacklist_entry: l('名单条目', 'List entry'),
};

export const CERTIFIED_TABLE_LABELS: Labels<(typeof CERTIFIED_TABLES)[number]> = {
  scores: l('评分', 'Scores'),
  teams: l('资格审核决定', 'Qualification decisions'),
  project_awards: l('奖项', 'Awards'),
  spread_resolutions: l('分差复评与合议决定', 'Re-review and panel decisions'),
};

export const LEDGER_ROW_PROBLEM_LABELS: Labels<(typeof LEDGER_ROW_PROBLEMS)[number]> = {
  altered: l('与账本记录不符（已被改动）', 'Differs from its ledger entry (altered)'),
  unrecorded: l('账本中没有记录', 'No ledger entry records it'),
  deleted: l('账本记录的行已被删除或撤回', 'The row its ledger entry certifies is gone or undone'),
};

export const LEDGER_BREAK_REASON_LABELS: Labels<(typeof LEDGER_BREAK_REASONS)[number]> = {
  seq_gap: l('序号不连续', 'A sequence number is missing'),
  prev_hash_mismatch: l('前序哈希不一致', 'The link to the previous entry is broken'),
  hash_mismatch: l('内容被改动', 'The content was altered'),
  head_mismatch: l('链头与最新条目不一致', 'The head does not match the last entry'),
};

export const BLACKLIST_KIND_LABELS: Labels<(typeof BLACKLIST_LIST_KINDS)[number]> = {
  dishonest_debtor: l('失信被执行人', 'Dishonest judgment debtor'),
  major_tax_violation: l('重大税收违法案件当事人', 'Major tax violation'),
  procurement_dishonesty: l('政府采购严重违法失信', 'Government procurement dishonesty'),
};

/** What an expert declares a conflict of interest with. */
export const CONFLICT_KIND_LABELS: Record<'unit' | 'team' | 'project', LocalizedMessage> = {
  unit: l('单位', 'unit'),
  team: l('团队', 'team'),
  project: l('作品', 'project'),
};

export const CONFLICT_STATUS_LABELS: Labels<(typeof CONFLICT_STATUSES)[number]> = {
  pending: l('待审核', 'Pending review'),
  confirmed: l('已确认', 'Confirmed'),
  rejected: l('已驳回', 'Rejected'),
};

/** The name of a code in a locale; the code itself only when the table does not know it. */
export function labelOf(
  labels: Readonly<Record<string, LocalizedMessage>>,
  code: string | null | undefined,
  locale: 'zh-CN' | 'en',
): string {
  if (code === null || code === undefined) return '';
  return (labels as Partial<Record<string, LocalizedMessage>>)[code]?.[locale] ?? code;
}

export const WEBHOOK_EVENT_LABELS: Labels<(typeof WEBHOOK_EVENT_TYPES)[number]> = {
  'team.submitted': l('团队提交资格审核', 'Team submitted for qualification'),
  'team.qualified': l('团队资格审核通过', 'Team qualified'),
  'team.returned': l('团队资格审核退回修改', 'Team returned for changes'),
  'team.rejected': l('团队资格审核不通过', 'Team rejected'),
  'project.version_submitted': l('作品提交新版本', 'Project version submitted'),
  'round.opened': l('评审轮次开启', 'Review round opened'),
  'round.closed': l('评审轮次结束', 'Review round closed'),
  'results.published': l('获奖结果发布', 'Results and awards published'),
};

export const WEBHOOK_DELIVERY_STATE_LABELS: Labels<(typeof WEBHOOK_DELIVERY_STATES)[number]> = {
  pending: l('待投递', 'Pending'),
  delivered: l('已送达', 'Delivered'),
  failed: l('投递失败', 'Failed'),
};
