import type { MessageCatalog } from './types.js';

/** Messages for plumbing and the competition model (editions, stages, topics). */
export const commonMessages = {
  BAD_REQUEST: { 'zh-CN': '请求无效：{reason}', en: 'Bad request: {reason}' },
  MALFORMED_BODY: { 'zh-CN': '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  VALIDATION_FAILED: { 'zh-CN': '请求参数校验失败', en: 'The request is not valid' },
  TEXT_CONTROL_CHARACTER: {
    'zh-CN': '字段 {path} 不能包含控制字符（如 NUL）',
    en: 'Field {path} must not contain control characters (such as NUL)',
  },
  NOT_FOUND: { 'zh-CN': '未找到资源：{resource}', en: 'Not found: {resource}' },
  ROUTE_NOT_FOUND: { 'zh-CN': '接口不存在：{method} {url}', en: 'No such route: {method} {url}' },
  UNAUTHORIZED: { 'zh-CN': '请先登录', en: 'Authentication required' },
  TOKEN_INVALID: { 'zh-CN': '登录凭证无效或已过期', en: 'The access token is invalid or expired' },
  FORBIDDEN: { 'zh-CN': '无权执行此操作', en: 'You are not allowed to do this' },
  CSRF_TOKEN_INVALID: {
    'zh-CN': '缺少或无效的 CSRF 令牌，请刷新页面后重试',
    en: 'The CSRF token is missing or invalid; reload the page and try again',
  },
  CONFLICT: { 'zh-CN': '与现有数据冲突：{detail}', en: 'Conflicts with existing data: {detail}' },
  PAYLOAD_TOO_LARGE: { 'zh-CN': '上传内容过大', en: 'The payload is too large' },
  URI_TOO_LONG: { 'zh-CN': '请求地址或其中的参数过长', en: 'The URL or one of its parameters is too long' },
  UNSUPPORTED_MEDIA_TYPE: { 'zh-CN': '不支持的内容类型', en: 'Unsupported media type' },
  RATE_LIMITED: { 'zh-CN': '请求过于频繁，请稍后再试', en: 'Too many requests, please retry later' },
  INTERNAL_ERROR: { 'zh-CN': '服务器内部错误', en: 'Internal server error' },
  SERVICE_UNAVAILABLE: { 'zh-CN': '服务暂不可用', en: 'Service unavailable' },
  INVALID_CURSOR: { 'zh-CN': '分页游标无效', en: 'The pagination cursor is not valid' },
  IDEMPOTENCY_KEY_REUSED: {
    'zh-CN': '幂等键已用于不同的请求',
    en: 'The Idempotency-Key was already used for a different request',
  },
  IDEMPOTENCY_REQUEST_IN_PROGRESS: {
    'zh-CN': '使用该幂等键的请求仍在处理中',
    en: 'A request with this Idempotency-Key is still being processed',
  },
  EDITION_NOT_FOUND: { 'zh-CN': '赛事不存在：{edition}', en: 'No such edition: {edition}' },
  NO_CURRENT_EDITION: { 'zh-CN': '当前没有进行中的赛事', en: 'There is no current edition' },
  EDITION_CODE_TAKEN: { 'zh-CN': '赛事代码已被使用：{code}', en: 'The edition code is already taken: {code}' },
  EDITION_ARCHIVED: {
    'zh-CN': '赛事“{edition}”已归档，不能再修改',
    en: 'Edition "{edition}" is archived and cannot change',
  },
  EDITION_STATUS_CONFLICT: {
    'zh-CN': '赛事当前状态为“{status}”，不能执行“{action}”',
    en: 'The edition is {status}: it cannot {action}',
  },
  EDITION_PARENT_NOT_NATIONAL: {
    'zh-CN': '分赛赛事只能归属于全国赛事',
    en: "A division's edition can only belong to a national edition",
  },
  DIVISION_READ_ONLY: {
    'zh-CN': '全国组织者只能查看分赛赛事“{edition}”，不能修改',
    en: 'National organizers see the division edition "{edition}" read-only',
  },
  NOT_A_NATIONAL_EDITION: {
    'zh-CN': '赛事“{edition}”不是全国赛事：重复报名只在其各分赛之间比对',
    en: 'Edition "{edition}" is not a national edition: duplicate entries are compared across its divisions',
  },
  EDITION_HAS_NO_NATIONAL: {
    'zh-CN': '赛事“{edition}”不属于任何全国赛事，无法推荐到全国总决赛',
    en: 'Edition "{edition}" belongs to no national edition: there is no national final to recommend to',
  },
  RECOMMENDATION_NOT_FOUND: { 'zh-CN': '推荐记录不存在', en: 'No such recommendation' },
  RECOMMENDATION_DECIDED: {
    'zh-CN': '该推荐已处理（{status}），不能再次处理',
    en: 'The recommendation was already decided ({status})',
  },
  DIVISION_NOT_FOUND: { 'zh-CN': '分赛区不存在：{division}', en: 'No such division: {division}' },
  DIVISION_CODE_TAKEN: { 'zh-CN': '分赛区代码已被使用：{code}', en: 'The division code is already taken: {code}' },
  SCOPE_NEEDS_ORGANIZER: {
    'zh-CN': '只有组织者账号可以限定到分赛区',
    en: 'Only organizer accounts can be kept to a division',
  },
  STAGES_INCOMPLETE: {
    'zh-CN': '赛程须包含且仅包含以下阶段各一次：{stages}',
    en: 'The timeline needs each of these stages exactly once: {stages}',
  },
  EVENT_NOT_FOUND: { 'zh-CN': '活动不存在', en: 'No such event' },
  TOPIC_NOT_FOUND: { 'zh-CN': '赛题不存在', en: 'No such topic' },
  FIELD_NOT_FOUND: { 'zh-CN': '行业领域不存在：{field}', en: 'No such field: {field}' },
  STAGE_NOT_FOUND: { 'zh-CN': '赛程阶段不存在：{stage}', en: 'No such stage: {stage}' },
  STAGE_ENDS_BEFORE_START: {
    'zh-CN': '阶段“{stage}”的结束时间必须晚于开始时间',
    en: 'Stage "{stage}" must end after it starts',
  },
  STAGES_OVERLAP: {
    'zh-CN': '阶段“{stage}”与前一阶段“{previous}”时间重叠',
    en: 'Stage "{stage}" overlaps the previous stage "{previous}"',
  },
  COLLECTION_CLOSED: {
    'zh-CN': '项目征集阶段已结束或未开始（当前阶段：{stage}），不接受报名、团队变更或提交',
    en: 'Collection is not open (current stage: {stage}): registration, team changes and submissions are closed',
  },
  CATEGORY_NOT_IN_DIRECTION: {
    'zh-CN': '类别“{category}”不属于参赛方向“{direction}”',
    en: 'Category "{category}" does not belong to direction "{direction}"',
  },
  CATEGORY_NOT_ALLOWED_FOR_TRACK: {
    'zh-CN': '赛道“{track}”不能参加“{category}”类别',
    en: 'Track "{track}" cannot enter category "{category}"',
  },
} satisfies MessageCatalog;
