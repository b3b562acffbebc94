import type { MessageCatalog } from './types.js';

/** Messages for experts, review rounds, rubrics, assignments, scores, awards, results and the ledger. */
export const reviewMessages = {
  EXPERT_NOT_FOUND: { 'zh-CN': '评审专家不存在', en: 'No such expert' },
  EXPERT_ALREADY_EXISTS: { 'zh-CN': '该账号已是评审专家', en: 'This account is already an expert' },
  EXPERT_EMAIL_TAKEN: {
    'zh-CN': '邮箱已被非专家账号使用：{email}',
    en: 'The email belongs to a non-expert account: {email}',
  },
  CONFLICT_SUBJECT_NOT_FOUND: { 'zh-CN': '回避对象不存在：{kind}', en: 'The conflict names an unknown {kind}' },
  CONFLICT_NOT_FOUND: { 'zh-CN': '该专家没有这条回避声明', en: 'The expert has no such conflict of interest' },
  CONFLICT_ALREADY_WITHDRAWN: { 'zh-CN': '该回避声明已撤回', en: 'The conflict of interest is already withdrawn' },
  CONFLICT_NOT_PENDING: {
    'zh-CN': '只能审核待审核的回避声明（当前状态：{status}，或已撤回）',
    en: 'Only a pending conflict of interest can be reviewed (status: {status}, or withdrawn)',
  },
  LEDGER_BROKEN: {
    'zh-CN': '审计账本校验未通过（{rows} 行记录与账本不符，链条断点：#{seq}），排名、晋级和奖项分配暂停，请先核查',
    en: 'The audit ledger does not verify ({rows} rows disagree with it, chain broken at: #{seq}); ranking, advancement and award allocation are suspended until it is resolved',
  },
  LEDGER_CHAIN_BROKEN: { 'zh-CN': '账本条目 #{seq}：{breakReason}', en: 'Ledger entry #{seq}: {breakReason}' },
  LEDGER_ROW_ALTERED: {
    'zh-CN': '{table}记录 {rowId} 与账本条目 #{seq} 不符（已被改动）',
    en: '{table} row {rowId} differs from ledger entry #{seq} (altered)',
  },
  LEDGER_ROW_UNRECORDED: {
    'zh-CN': '{table}记录 {rowId} 在账本中没有记录',
    en: '{table} row {rowId} is recorded by no ledger entry',
  },
  LEDGER_ROW_DELETED: {
    'zh-CN': '账本条目 #{seq} 记录的{table} {rowId} 已被删除或撤回',
    en: '{table} row {rowId} certified by ledger entry #{seq} is gone or undone',
  },
  ROUND_NOT_FOUND: { 'zh-CN': '评审轮次不存在', en: 'No such review round' },
  ROUND_EXISTS: { 'zh-CN': '该赛事已有此评审轮次：{kind}', en: 'The edition already has a {kind} round' },
  ROUND_NOT_DRAFT: {
    'zh-CN': '评审轮次已开始，评分细则不能再修改',
    en: 'The round has opened: its rubrics can no longer change',
  },
  ROUND_NOT_OPEN: {
    'zh-CN': '评审轮次未开放（当前状态：{status}）',
    en: 'The review round is not open (status: {status})',
  },
  STAGE_GATE_CLOSED: {
    'zh-CN': '当前阶段（{stage}）不能执行此操作（{action}），仅限：{allowed}；组织方可说明理由后强制执行',
    en: 'This action ({action}) is not allowed in the current stage ({stage}), only in: {allowed}; an organizer may override it with a reason',
  },
  OVERRIDE_REASON_REQUIRED: {
    'zh-CN': '越过阶段限制时必须填写理由（reason）',
    en: 'An override of the stage timeline needs a reason (reason)',
  },
  FEEDBACK_ALREADY_PUBLISHED: {
    'zh-CN': '该轮次的评审反馈已公布（公布范围：{visibility}），不能再次公布',
    en: 'The feedback of this round was published already (showing: {visibility})',
  },
  FEEDBACK_NOT_PUBLISHED: {
    'zh-CN': '该轮次的评审反馈尚未公布',
    en: 'The feedback of this round is not published',
  },
  ADVANCEMENT_NOT_DECIDED: {
    'zh-CN': '初赛晋级名单尚未确定，请先确定晋级作品再公布反馈',
    en: 'No project has advanced to the final yet: decide the advancement before publishing the feedback',
  },
  RESULTS_NOT_PUBLISHED: {
    'zh-CN': '获奖结果尚未发布，请先发布结果再公布决赛反馈',
    en: 'The awards are not published: publish them before the feedback of the final',
  },
  ROUND_NOT_CLOSED: {
    'zh-CN': '评审轮次尚未结束（当前状态：{status}）',
    en: 'The review round is not closed (status: {status})',
  },
  ROUND_TRANSITION_INVALID: {
    'zh-CN': '评审轮次不能从“{from}”变为“{to}”',
    en: 'A round cannot go from "{from}" to "{to}"',
  },
  RUBRIC_MISSING: { 'zh-CN': '参赛方向“{direction}”缺少评分细则', en: 'Direction "{direction}" has no rubric' },
  RUBRIC_EMPTY: { 'zh-CN': '评分细则至少需要一项指标', en: 'A rubric needs at least one criterion' },
  RUBRIC_DUPLICATE_CRITERION: { 'zh-CN': '评分指标重复：{criterion}', en: 'Duplicate criterion: {criterion}' },
  RUBRIC_WEIGHTS_NOT_100: {
    'zh-CN': '评分指标权重之和须为 100（当前 {total}）',
    en: 'Criterion weights must total 100 (now {total})',
  },
  PROJECT_NOT_FLAGGED: {
    'zh-CN': '该项目的评分分差未超过本轮阈值，不能送复评或合议',
    en: 'The project’s score spread is not above the round’s threshold: no re-review or panel decision',
  },
  SPREAD_ALREADY_RESOLVED: {
    'zh-CN': '该项目在本轮已经过{resolution}',
    en: 'The project already had a {resolution} in this round',
  },
  ROUND_ALREADY_ADVANCED: {
    'zh-CN': '本轮作品已晋级，不能再作合议决定',
    en: 'The round’s projects have already advanced: no panel decision any more',
  },
  RE_REVIEW_EXPERTS_SHORT: {
    'zh-CN': '无利益冲突的可用专家不足：需要 {wanted} 位，仅有 {available} 位',
    en: 'Not enough conflict-free experts: {wanted} wanted, {available} available',
  },
  PROJECT_NOT_IN_ROUND: { 'zh-CN': '该项目不在本轮评审中', en: 'The project is not in this review round' },
  ASSIGNMENT_NOT_FOUND: { 'zh-CN': '评审分配不存在', en: 'No such assignment' },
  AUTO_ASSIGNMENT_RUNNING: {
    'zh-CN': '本轮正在自动分配评审专家，请稍后再试',
    en: 'An automatic assignment of this round is running: try again when it has finished',
  },
  ASSIGNMENT_EXISTS: { 'zh-CN': '该专家已分配评审此项目', en: 'The expert is already assigned to this project' },
  EXPERT_CONFLICT_OF_INTEREST: {
    'zh-CN': '专家与该项目存在利益冲突（本单位/本校或已声明回避），不能分配',
    en: 'The expert has a conflict of interest with this project (own unit or university, or a declared conflict)',
  },
  ASSIGNMENT_HAS_SUBMITTED_SCORE: {
    'zh-CN': '该分配已有提交的评分，请先退回评分',
    en: 'The assignment has a submitted score: reopen it first',
  },
  SCORE_ALREADY_SUBMITTED: {
    'zh-CN': '评分已提交，只有管理员可以退回',
    en: 'The score is submitted; only an admin can reopen it',
  },
  SCORE_NOT_FOUND: { 'zh-CN': '评分不存在', en: 'No such score' },
  SCORE_NOT_SUBMITTED: { 'zh-CN': '评分尚未提交', en: 'The score is not submitted' },
  SCORE_UNKNOWN_CRITERION: { 'zh-CN': '评分指标不存在：{criterion}', en: 'Unknown criterion: {criterion}' },
  SCORE_CRITERION_MISSING: { 'zh-CN': '缺少指标“{criterion}”的评分', en: 'Criterion "{criterion}" is not scored' },
  SCORE_OUT_OF_RANGE: {
    'zh-CN': '指标“{criterion}”的分数须在 0 到 {max} 之间',
    en: 'Criterion "{criterion}" must be scored from 0 to {max}',
  },
  ADVANCEMENT_RULE_REQUIRED: {
    'zh-CN': '请指定晋级名额（topK）或分数线（threshold）之一',
    en: 'Give either topK or threshold',
  },
  ADJUSTMENT_DUPLICATE: { 'zh-CN': '同一项目只能调整一次', en: 'A project can be adjusted only once' },
  ADJUSTMENT_NOT_RANKED: {
    'zh-CN': '该项目不在本轮排名中，不能调整',
    en: 'The project is not ranked in this round and cannot be adjusted',
  },
  ADJUSTMENT_NO_CHANGE: {
    'zh-CN': '该调整与规则结果相同，无需调整',
    en: 'The adjustment is what the rule already decides',
  },
  DECISION_PREVIEW_STALE: {
    'zh-CN': '预览后排名已变化，请重新预览后再确认',
    en: 'The ranking changed since the preview; preview again before committing',
  },
  FINAL_ROUND_MISSING: { 'zh-CN': '尚未创建决赛评审轮次', en: 'The final review round does not exist' },
  AWARD_CATEGORY_NOT_FOR_TRACK: {
    'zh-CN': '赛道“{track}”不设“{awardCategory}”奖项',
    en: 'Track "{track}" has no "{awardCategory}" award',
  },
  AWARD_QUOTA_INVALID: {
    'zh-CN': '获奖名额须为非负整数（{quota}）',
    en: 'An award quota must be a non-negative integer ({quota})',
  },
  AWARD_QUOTA_EXCEEDED: {
    'zh-CN': '赛道“{track}”“{awardCategory}”的“{grade}”超出名额 {quota}',
    en: 'Track "{track}" {awardCategory} {grade} exceeds its quota of {quota}',
  },
  AWARDS_ALREADY_PUBLISHED: {
    'zh-CN': '获奖结果已公布，不能再分配',
    en: 'The results are published and can no longer change',
  },
  NO_AWARDS_TO_PUBLISH: { 'zh-CN': '尚未分配奖项，无法公布', en: 'No awards have been allocated yet' },
  NOT_A_FINAL_WINNER: {
    'zh-CN': '只有广西分赛决赛获奖项目可推荐至全国总决赛',
    en: 'Only Guangxi final winners may be recommended to the national final',
  },
  MODELING_NOT_COMPLETE_BEFORE_NATIONAL_FINAL: {
    'zh-CN': '数据建模与算法设计方向须在全国总决赛前完成研发并应用，方可推荐',
    en: 'A modeling project qualifies only if R&D and application are complete before the national final',
  },
  RESULT_NOT_FOUND: { 'zh-CN': '成果不存在或尚未公布', en: 'No such published result' },
  CJK_FONT_UNAVAILABLE: {
    'zh-CN': '服务器缺少中文字体，无法生成 PDF 成果汇编',
    en: 'No CJK font is installed on the server: the PDF compilation cannot be generated',
  },
} satisfies MessageCatalog;
