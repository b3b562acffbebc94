import { EDITION_EXAMPLE } from '../../lib/examples.js';

/** Examples of the announcement operations, on the 2024 Guangxi edition of lib/examples.ts. */

export const ANNOUNCEMENT_BODY_EXAMPLE = {
  titleZh: '关于2024年"数据要素×"大赛广西分赛项目征集截止时间的通知',
  titleEn: 'Project collection of the 2024 Guangxi division closes on 16 August',
  bodyZh:
    '各参赛团队：广西分赛项目征集将于2024年8月16日0时截止，请于截止前在平台提交项目申报书及参赛承诺书。咨询电话：0771-5500000。',
  bodyEn:
    'Teams of the Guangxi division: submit your proposal and commitment letter before 16 August 2024, 00:00 (UTC+8).',
  pinned: true,
  published: true,
};

export const ANNOUNCEMENT_PATCH_EXAMPLE = { pinned: false };

export const ANNOUNCEMENT_EXAMPLE = {
  id: 'd7c6b5a4-3e2f-4109-8a7b-6c5d4e3f2a1b',
  editionId: EDITION_EXAMPLE.id,
  titleZh: ANNOUNCEMENT_BODY_EXAMPLE.titleZh,
  titleEn: ANNOUNCEMENT_BODY_EXAMPLE.titleEn,
  bodyZh: ANNOUNCEMENT_BODY_EXAMPLE.bodyZh,
  bodyEn: ANNOUNCEMENT_BODY_EXAMPLE.bodyEn,
  pinned: true,
  publishedAt: '2024-08-01T10:00:00.000+08:00',
  updatedAt: '2024-08-01T10:00:00.000+08:00',
  attachments: [
    {
      fileId: 'f0e1d2c3-b4a5-4697-8879-6a5b4c3d2e1f',
      name: '广西分赛参赛承诺书模板.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      sizeBytes: 38912,
      sha256: '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
    },
  ],
};
