import type { MessageCatalog } from './types.js';

/** Messages of the privacy notice and consent. */
export const privacyMessages = {
  CONSENT_REQUIRED: {
    'zh-CN': '需要先同意当前版本隐私政策中的「{consent}」，才能收集这些信息',
    en: 'Consent to "{consent}" in the current privacy notice is required before this information is collected',
  },
  PRIVACY_NOTICE_MISSING: {
    'zh-CN': '本届赛事尚未发布隐私政策，暂不能收集个人信息',
    en: 'This edition has not published a privacy notice yet: no personal information can be collected',
  },
  PRIVACY_NOTICE_OUTDATED: {
    'zh-CN': '该隐私政策已有新版本（第 {current} 版），请阅读并同意新版本',
    en: 'The privacy notice has a newer version ({current}): read and accept that one',
  },
  PRIVACY_NOTICE_NOT_FOUND: { 'zh-CN': '隐私政策不存在', en: 'No such privacy notice' },
  PERSONAL_DATA_RIGHT_REQUIRED: {
    'zh-CN': '查看或导出未脱敏的个人信息需要“个人信息查看”权限（personalData.view），请联系平台管理员授权',
    en: 'Seeing or exporting unmasked personal information needs the personalData.view right: ask a platform organizer to grant it',
  },
  PERSONAL_DATA_RIGHT_ORGANIZERS_ONLY: {
    'zh-CN': '只有组织者账号可以被授予“个人信息查看”权限',
    en: 'Only organizer accounts can be granted the personalData.view right',
  },
  PERSONAL_DATA_DELETION_REFUSED: {
    'zh-CN': '团队「{team}」仍在「{edition}」的资格审核或评审中，个人信息须保留至该届赛事结束（归档）后才能删除',
    en: 'Your team "{team}" is still in qualification or review in "{edition}": your personal information can be deleted once that edition is closed (archived)',
  },
  PERSONAL_DATA_DELETION_REFUSED_REVIEWING: {
    'zh-CN': '您仍是「{edition}」的评审专家，个人信息须保留至该届赛事结束（归档）后才能删除',
    en: 'You are still an expert reviewing in "{edition}": your personal information can be deleted once that edition is closed (archived)',
  },
  PERSONAL_DATA_CORRECTION_REFUSED: {
    'zh-CN':
      '团队「{team}」在「{edition}」中已提交资格审核或已通过审核，姓名须与审核时一致，该届赛事结束（归档）前不能自行更改；如有错误请联系组织者',
    en: 'Your team "{team}" in "{edition}" is submitted for qualification or approved: your name stays as it was judged until that edition is closed (archived); ask the organizers if it is wrong',
  },
  CONTACT_CHANGE_ONE_AT_A_TIME: {
    'zh-CN': '邮箱和手机号须分别更改：每次只能更改一个，并以发送到新地址的验证码确认',
    en: 'Change the email and the mobile one at a time: each is confirmed with the code sent to the new address',
  },
  DISPLAY_NAME_BLANK: { 'zh-CN': '姓名不能为空', en: 'The name cannot be blank' },
  MOBILE_INVALID: {
    'zh-CN': '手机号须为 1 开头的 11 位中国大陆手机号',
    en: 'The mobile number must be a mainland number of 11 digits starting with 1',
  },
} satisfies MessageCatalog;
