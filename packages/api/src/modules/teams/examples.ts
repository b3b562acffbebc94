import { TEAM_EXAMPLE } from '../../lib/examples.js';

/**
 * Examples of the team operations beyond lib/examples.ts (blacklists, invitations, qualification
 * decisions and history, annotations), on the same 2024 Guangxi society-track team.
 */

const ORGANIZER_ID = '2e4d6f80-1a3c-4e5b-9d7f-0b2c4e6a8d1f';
const IMPORT_ID = '0d9c8b7a-6f5e-4d3c-a2b1-9f8e7d6c5b4a';
const OTHER_TEAM_ID = '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e';
const FLAGGED_TEAM_ID = '7e8f9a0b-1c2d-4e3f-9a4b-5c6d7e8f9a0b';

export const BLACKLIST_ENTRY_EXAMPLE = {
  id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  creditCode: '91450103MA5KX2RT3P',
  name: '南宁某某数据服务有限公司',
  listKind: 'dishonest_debtor',
  sourceDate: '2024-06-30',
  importId: IMPORT_ID,
  importedAt: '2024-07-05T14:20:00.000+08:00',
};

const VALID_ROW = {
  row: 2,
  creditCode: BLACKLIST_ENTRY_EXAMPLE.creditCode,
  name: BLACKLIST_ENTRY_EXAMPLE.name,
  listKind: 'dishonest_debtor',
  sourceDate: '2024-06-30',
  valid: true,
  errors: [],
  affectedTeamIds: [FLAGGED_TEAM_ID],
};

const INVALID_ROW = {
  row: 3,
  creditCode: '91450200MA5L8Q7K1W',
  name: '柳州某某科技有限公司',
  listKind: '黑名单',
  sourceDate: '2024-06-30',
  valid: false,
  errors: [{ field: 'listKind', code: 'BLACKLIST_LIST_KIND_UNKNOWN', message: '未知的名单类型：黑名单' }],
  affectedTeamIds: [],
};

export const IMPORT_REPORT_EXAMPLE = {
  total: 2,
  valid: 1,
  invalid: 1,
  affectedTeamIds: [FLAGGED_TEAM_ID],
  rows: [VALID_ROW, INVALID_ROW],
};

export const IMPORT_RESULT_EXAMPLE = {
  ...IMPORT_REPORT_EXAMPLE,
  importId: IMPORT_ID,
  imported: 1,
  flaggedTeamIds: [FLAGGED_TEAM_ID],
};

export const INVITATION_BODY_EXAMPLE = { email: 'wujing@gxszkj.example.cn' };

export const INVITATION_EXAMPLE = {
  teamId: TEAM_EXAMPLE.id,
  email: INVITATION_BODY_EXAMPLE.email,
  createdAt: '2024-07-01T10:20:00.000+08:00',
};

export const BULK_DECISION_BODY_EXAMPLE = { teamIds: [TEAM_EXAMPLE.id, OTHER_TEAM_ID], decision: 'approve' };

export const BULK_DECISION_RESULT_EXAMPLE = {
  results: [
    { teamId: TEAM_EXAMPLE.id, ok: true, status: 'approved', code: null, ruleId: null },
    { teamId: OTHER_TEAM_ID, ok: false, status: null, code: 'QUALIFICATION_TRANSITION_NOT_ALLOWED', ruleId: null },
  ],
};

export const TRANSITION_EXAMPLE = {
  id: '3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7',
  fromStatus: 'submitted',
  toStatus: 'returned',
  actorUserId: ORGANIZER_ID,
  actorName: '覃晓燕',
  reason: '参赛承诺书缺少牵头单位盖章，请补充后重新提交。',
  at: '2024-07-16T09:30:00.000+08:00',
};

const ANNOTATION_TEXT = '已电话联系李明，牵头单位盖章版承诺书预计 7 月 18 日前重新上传。';

export const ANNOTATION_BODY_EXAMPLE = { body: ANNOTATION_TEXT };

export const ANNOTATION_EXAMPLE = {
  id: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  teamId: TEAM_EXAMPLE.id,
  authorUserId: ORGANIZER_ID,
  body: ANNOTATION_TEXT,
  createdAt: '2024-07-16T10:05:00.000+08:00',
};

export const CLEAR_FLAG_BODY_EXAMPLE = { reason: '经信用中国复核，该单位已于 2024 年 7 月移出失信被执行人名单' };

export const UPDATE_TEAM_BODY_EXAMPLE = { name: '北部湾智慧物流数据联合体' };

export const MEMBER_UPDATE_BODY_EXAMPLE = { studentNumber: '2021105123' };

export const PLEDGE_BODY_EXAMPLE = { accept: true };
