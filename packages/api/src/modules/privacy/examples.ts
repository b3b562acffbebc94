import { EDITION_EXAMPLE, SIGN_UP_EXAMPLE, TEAM_EXAMPLE, USER_EXAMPLE } from '../../lib/examples.js';

/**
 * Examples of the privacy operations (notice, consents, personal-data rights and access, copies,
 * erasure, retention), on the 2024 Guangxi data of lib/examples.ts: the team leader 李明 is the
 * person, an organizer of the Guangxi division the one who looks.
 */

const NOTICE_ID = SIGN_UP_EXAMPLE.privacyNoticeId;
const ORGANIZER_ID = '2e4d6f80-1a3c-4e5b-9d7f-0b2c4e6a8d1f';

const NOTICE_TEXT = {
  'zh-CN':
    '广西壮族自治区信息中心作为大赛承办单位，仅为参赛报名、资格审核、评审和结果公示处理您的姓名、联系方式、单位及学生证信息；学生证图像属于敏感个人信息，需您单独同意，并于资格审核后按保存期限删除。',
  en: 'The Guangxi Information Center, undertaker of the competition, processes your name, contacts, unit and student ID only for registration, qualification, review and publishing the results; student ID images are sensitive and need your separate consent.',
};

export const PRIVACY_NOTICE_BODY_EXAMPLE = { text: NOTICE_TEXT };

export const PRIVACY_NOTICE_EXAMPLE = {
  id: NOTICE_ID,
  editionId: EDITION_EXAMPLE.id,
  version: 2,
  text: NOTICE_TEXT,
  publishedAt: '2024-06-24T00:00:00.000+08:00',
};

export const CONSENT_BODY_EXAMPLE = { noticeId: NOTICE_ID, scopes: ['personal', 'sensitive'] };

export const CONSENT_EXAMPLE = {
  noticeId: NOTICE_ID,
  editionId: EDITION_EXAMPLE.id,
  version: 2,
  scope: 'personal',
  givenAt: '2024-06-28T09:05:00.000+08:00',
};

export const REVEAL_BODY_EXAMPLE = { reason: '核实参赛承诺书签字人，需电话联系团队负责人' };

export const CONTACT_EXAMPLE = {
  userId: USER_EXAMPLE.id,
  displayName: USER_EXAMPLE.displayName,
  email: USER_EXAMPLE.email,
  mobile: USER_EXAMPLE.mobile,
};

export const PERSONAL_DATA_RIGHT_EXAMPLE = {
  userId: ORGANIZER_ID,
  personalDataView: true,
  grantedAt: '2024-07-01T09:00:00.000+08:00',
};

export const ACCESS_ENTRY_EXAMPLE = {
  id: '6f5e4d3c-2b1a-4098-8f7e-6d5c4b3a2910',
  actorUserId: ORGANIZER_ID,
  subjectUserId: USER_EXAMPLE.id,
  kind: 'reveal',
  resource: `users/${USER_EXAMPLE.id}/contact`,
  reason: REVEAL_BODY_EXAMPLE.reason,
  at: '2024-07-16T09:12:00.000+08:00',
};

export const PERSONAL_DATA_COPY_EXAMPLE = {
  userId: USER_EXAMPLE.id,
  generatedAt: '2024-11-05T14:00:00.000+08:00',
  tables: {
    users: [
      {
        id: USER_EXAMPLE.id,
        email: USER_EXAMPLE.email,
        mobile: USER_EXAMPLE.mobile,
        display_name: USER_EXAMPLE.displayName,
        created_at: USER_EXAMPLE.createdAt,
      },
    ],
    team_members: [
      {
        team_id: TEAM_EXAMPLE.id,
        user_id: USER_EXAMPLE.id,
        role: 'leader',
        joined_at: '2024-07-01T10:00:00.000+08:00',
      },
    ],
    privacy_consents: [
      { notice_id: NOTICE_ID, user_id: USER_EXAMPLE.id, scope: 'personal', given_at: CONSENT_EXAMPLE.givenAt },
    ],
  },
};

export const ERASURE_EXAMPLE = { userId: USER_EXAMPLE.id, erasedAt: '2024-12-20T10:00:00.000+08:00' };

export const RETENTION_POLICY_BODY_EXAMPLE = {
  studentIdImageDays: 30,
  studentIdImageAnchor: 'qualification',
  departedMobileDays: 180,
};

export const RETENTION_POLICY_EXAMPLE = {
  editionId: EDITION_EXAMPLE.id,
  ...RETENTION_POLICY_BODY_EXAMPLE,
  updatedAt: '2024-06-24T00:00:00.000+08:00',
  updatedBy: ORGANIZER_ID,
};

export const RETENTION_REPORT_EXAMPLE = {
  editionId: EDITION_EXAMPLE.id,
  asOf: '2024-10-01T03:00:00.000+08:00',
  items: [
    { kind: 'student_id_images', count: 214 },
    { kind: 'departed_mobiles', count: 0 },
  ],
};
