import type { MessageCatalog } from './types.js';

/** Messages for accounts, units, blacklists, teams and qualification review (SPEC §4). */
export const teamsMessages = {
  INVALID_CREDENTIALS: { 'zh-CN': '账号或密码错误', en: 'Wrong login or password' },
  ACCOUNT_DISABLED: { 'zh-CN': '账号已停用', en: 'The account is disabled' },
  LOGIN_TAKEN: { 'zh-CN': '该邮箱或手机号已注册', en: 'This email or mobile number is already registered' },
  ACCOUNT_LOCKED: {
    'zh-CN': '该账号尝试次数过多，请 {seconds} 秒后再试',
    en: 'Too many attempts for this account, retry in {seconds} s',
  },
  PASSWORD_TOO_SHORT: {
    'zh-CN': '密码至少需要 {min} 个字符',
    en: 'The password needs at least {min} characters',
  },
  PASSWORD_TOO_COMMON: {
    'zh-CN': '该密码过于常见，请换一个不易猜到的密码',
    en: 'This password is too common; choose one that is hard to guess',
  },
  PASSWORD_SAME_AS_LOGIN: {
    'zh-CN': '密码不能与邮箱或手机号相同',
    en: 'The password must not be the email or the mobile number',
  },
  ACCOUNT_NOT_VERIFIED: {
    'zh-CN': '账号尚未验证：请填写发送到邮箱或手机的验证码',
    en: 'The account is not verified yet: enter the code sent to the email or mobile',
  },
  VERIFICATION_CODE_INVALID: {
    'zh-CN': '验证码错误或已过期',
    en: 'The code is wrong or has expired',
  },
  LOGIN_REQUIRED: { 'zh-CN': '请提供邮箱或手机号', en: 'An email or a mobile number is required' },
  REFRESH_TOKEN_INVALID: {
    'zh-CN': '刷新凭证无效、已过期或已撤销',
    en: 'The refresh token is invalid, expired or revoked',
  },
  REFRESH_TOKEN_REUSED: {
    'zh-CN': '刷新凭证被重复使用，该登录会话已全部撤销，请重新登录',
    en: 'A refresh token was reused; the whole session was revoked, please log in again',
  },
  USER_NOT_FOUND: { 'zh-CN': '用户不存在', en: 'No such user' },
  CANNOT_CHANGE_OWN_ACCOUNT: {
    'zh-CN': '不能停用自己或修改自己的角色',
    en: 'You cannot disable yourself or change your own role',
  },
  CREDIT_CODE_MALFORMED: {
    'zh-CN': '统一社会信用代码“{creditCode}”格式不正确（18 位，不含 I、O、Z、S、V）',
    en: 'Unified social credit code "{creditCode}" is malformed (18 characters, no I, O, Z, S, V)',
  },
  CREDIT_CODE_CHECK_DIGIT: {
    'zh-CN': '统一社会信用代码“{creditCode}”校验位错误（应为 {expected}）',
    en: 'Unified social credit code "{creditCode}" has a wrong check character (expected {expected})',
  },
  UNIT_NOT_FOUND: { 'zh-CN': '参赛单位不存在', en: 'No such unit' },
  UNIT_EXISTS: {
    'zh-CN': '本届赛事已登记统一社会信用代码为 {creditCode} 的单位“{name}”（id {unitId}），请直接使用该单位',
    en: 'A unit with credit code {creditCode} is already registered in this edition: "{name}" (id {unitId}); use it',
  },
  UNIT_TYPE_NOT_ELIGIBLE: { 'zh-CN': '单位类型“{type}”不能参赛', en: 'Unit type "{type}" cannot enter' },
  UNIT_BLACKLISTED: {
    'zh-CN': '该单位被列入信用中国失信名单，不能参赛',
    en: 'The unit is on a 信用中国 dishonesty list and cannot enter',
  },
  INDIVIDUAL_TEAM_HAS_UNITS: {
    'zh-CN': '以个人名义参赛的团队不能有参赛单位',
    en: 'A team entering as an individual has no units',
  },
  UNIT_TEAM_NEEDS_UNIT: {
    'zh-CN': '以单位名义参赛的团队至少需要一个单位',
    en: 'A team entering as units needs at least one unit',
  },
  LEAD_UNIT_REQUIRED: {
    'zh-CN': '联合参赛须且只能指定一个牵头单位（当前 {leads} 个）',
    en: 'Exactly one lead unit is required (found {leads})',
  },
  DUPLICATE_TEAM_UNIT: { 'zh-CN': '同一单位不能重复加入团队', en: 'A unit is listed twice' },
  UNIVERSITY_TEAM_NEEDS_UNIVERSITY: {
    'zh-CN':
      '高校赛道团队须且只能有一个参赛单位，即所在高校（当前 {count} 个单位或类型不是高校）：在 units 中只填一所类型为 university 的单位并设为牵头单位；高校尚未登记时先登记该单位',
    en: 'A university-track team has exactly one unit, its university (now {count} units, or one that is not a university): give units one unit of type university, as the lead; register the university as a unit first if it is not yet',
  },
  UNIVERSITY_TEAM_ENTERS_AS_UNITS: {
    'zh-CN': '高校赛道团队以所在高校的名义参赛：请将 entrantKind 设为 units，并在 units 中填写所在高校',
    en: 'A university-track team enters in the name of its university: set entrantKind to units and give its university in units',
  },
  TEAM_NOT_FOUND: { 'zh-CN': '团队不存在', en: 'No such team' },
  TRACK_NOT_FOUND: { 'zh-CN': '赛道不存在：{track}', en: 'No such track: {track}' },
  INVITE_CODE_INVALID: { 'zh-CN': '邀请码无效', en: 'The invite code is not valid' },
  INVITATION_ALREADY_SENT: {
    'zh-CN': '已向 {email} 发送过本团队的邀请',
    en: 'An invitation to this team was already sent to {email}',
  },
  TEAM_INVITATION_LIMIT: {
    'zh-CN': '每个团队最多邀请 {max} 个邮箱',
    en: 'A team invites {max} addresses at most',
  },
  TEAM_SIZE_EXCEEDED: { 'zh-CN': '团队人数已达上限（{max} 人）', en: 'The team is full ({max} people at most)' },
  ADVISOR_ONLY_UNIVERSITY: {
    'zh-CN': '只有高校赛道团队可以有指导老师',
    en: 'Only university-track teams have an advisor',
  },
  ONE_ADVISOR_PER_TEAM: { 'zh-CN': '团队已有指导老师', en: 'The team already has an advisor' },
  ONE_DIVISION_ONLY: {
    'zh-CN': '同一届全国赛事中，每人只能在一个分赛区参赛',
    en: 'A person enters only one division of a national edition',
  },
  ALREADY_IN_A_TEAM: {
    'zh-CN': '每人在本届赛事中只能代表一个团队，你已在团队“{teamName}”（id {teamId}）中',
    en: 'A person represents only one team in an edition; you are already in team "{teamName}" (id {teamId})',
  },
  STUDENT_NUMBER_TAKEN: {
    'zh-CN': '该学号已在本届赛事的其他团队中',
    en: 'This student number is already in a team of this edition',
  },
  STUDENT_NUMBER_REQUIRED: {
    'zh-CN': '高校赛道学生成员须填写学号',
    en: 'Students of the university track give their student number',
  },
  ROSTER_FROZEN: { 'zh-CN': '报名截止后团队成员不能变更', en: 'The roster is frozen after the registration deadline' },
  NOT_TEAM_LEADER: { 'zh-CN': '只有队长可以执行此操作', en: 'Only the team leader can do this' },
  NOT_TEAM_MEMBER: { 'zh-CN': '你不是该团队成员', en: 'You are not a member of this team' },
  LEADER_CANNOT_LEAVE: { 'zh-CN': '队长不能离开团队', en: 'The leader cannot leave the team' },
  MEMBER_NOT_FOUND: { 'zh-CN': '团队成员不存在', en: 'No such team member' },
  TEAM_LOCKED_FOR_REVIEW: {
    'zh-CN': '团队已提交资格审核（状态：{status}），不能修改',
    en: 'The team is under or past qualification review (status: {status}) and cannot change',
  },
  COMMITMENT_LETTER_REQUIRED: { 'zh-CN': '请上传签署的参赛承诺书', en: 'Upload the signed commitment letter' },
  PLEDGE_REQUIRED: {
    'zh-CN': '请确认知识产权及仅参加广西分赛的承诺',
    en: 'Accept the IP and single-division pledge',
  },
  STUDENT_PROOF_REQUIRED: {
    'zh-CN': '学生成员须提供学号和学生证',
    en: 'Each student gives a student number and a student ID upload',
  },
  QUALIFICATION_TRANSITION_NOT_ALLOWED: {
    'zh-CN': '资格审核状态不能从“{from}”变为“{to}”',
    en: 'Qualification status cannot go from "{from}" to "{to}"',
  },
  QUALIFICATION_REASON_REQUIRED: { 'zh-CN': '驳回或退回须填写理由', en: 'A reason is required to reject or return' },
  IMPORT_UNPACKS_TOO_LARGE: {
    'zh-CN': '表格文件解压后超过 {maxMiB} MiB，拒绝读取',
    en: 'The workbook unpacks to more than {maxMiB} MiB and is not read',
  },
  BLACKLIST_FILE_UNREADABLE: { 'zh-CN': '名单文件无法读取：{reason}', en: 'The list file cannot be read: {reason}' },
  BLACKLIST_ROW_INVALID: { 'zh-CN': '名单第 {row} 行无效', en: 'Row {row} of the list is not valid' },
  BLACKLIST_LIST_KIND_UNKNOWN: { 'zh-CN': '未知的名单类型：{kind}', en: 'Unknown list kind: {kind}' },
  BLACKLIST_NAME_REQUIRED: { 'zh-CN': '单位名称不能为空', en: 'The unit name is required' },
  BLACKLIST_DATE_INVALID: { 'zh-CN': '来源日期无效：{value}', en: 'Invalid source date: {value}' },
  BLACKLIST_DUPLICATE_ROW: { 'zh-CN': '与第 {row} 行重复', en: 'Duplicates row {row}' },
  TEAM_FILE_NOT_FOUND: { 'zh-CN': '尚未上传该文件', en: 'This file has not been uploaded' },
  TEAM_FLAG_REASON_REQUIRED: { 'zh-CN': '清除标记须填写理由', en: 'A reason is required to clear the flag' },
  TEAM_NOT_FLAGGED: { 'zh-CN': '该团队没有黑名单标记', en: 'The team is not flagged' },
  TEAM_UNIT_STILL_BLACKLISTED: {
    'zh-CN': '团队的参赛单位仍在信用中国失信名单上（{units}），不能清除标记',
    en: 'A unit of the team is still on a 信用中国 dishonesty list ({units}); the flag cannot be cleared',
  },
  TEAM_FLAG_CLEARED: {
    'zh-CN': '已清除黑名单标记（原因：{reason}）：{note}',
    en: 'Blacklist flag cleared (was: {reason}): {note}',
  },
} satisfies MessageCatalog;
