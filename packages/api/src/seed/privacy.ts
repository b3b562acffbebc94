import { eq } from 'drizzle-orm';
import { CONSENT_SCOPES } from '@saishi/shared';
import type { Database } from '../db/client.js';
import { users } from '../modules/accounts/tables.js';
import { editions } from '../modules/editions/tables.js';
import { privacyConsents, privacyNotices } from '../modules/privacy/tables.js';
import { DEMO_USERS } from './accounts.js';
import { DEMO_SET_UP_AT, guangxi2024 } from './guangxi-2024.js';

/** The demo edition's privacy notice (version 1); organizers publish their own from the admin or the API. */
export const DEMO_PRIVACY_NOTICE = {
  zh: [
    '本赛事组委会依据《中华人民共和国个人信息保护法》处理参赛者的个人信息。',
    '收集的信息：姓名、电子邮箱、手机号码、学号及所在单位，仅用于报名、资格审核、评审组织与结果公示。',
    '敏感个人信息：高校赛道成员的学生证图像，仅用于资格审核，须另行单独同意；资格审核或结果公示后按保存期限删除。',
    '您可以在“我的个人信息”中查阅、导出、更正个人信息或申请删除；评审期间的删除申请将在评审结束后处理。',
    '组织者查看或导出您的联系方式均有记录，您可以查阅该访问记录。',
  ].join('\n'),
  en: [
    "The organizing committee processes participants' personal information under the Personal Information Protection Law of the PRC.",
    'Collected: name, email, mobile number, student number and unit, used only for registration, qualification, review and the publication of results.',
    'Sensitive information: images of student ID cards of university-track members, used only for qualification and with a separate consent; deleted after the retention period once qualification or the results are done.',
    'You can see, export, correct or ask to delete your personal information under "My personal information"; a deletion asked during the review is carried out after it.',
    'Every time an organizer views or exports your contact details it is recorded, and you can read that record.',
  ].join('\n'),
};

/** The demo notice, and the demo participants' consents to it (their demo student IDs are on file). Idempotent. */
export async function seedPrivacy(db: Database): Promise<void> {
  const [edition] = await db.select({ id: editions.id }).from(editions).where(eq(editions.code, guangxi2024.code));
  if (!edition) return;
  const [existing] = await db
    .select({ id: privacyNotices.id })
    .from(privacyNotices)
    .where(eq(privacyNotices.editionId, edition.id));
  if (existing) return;
  const [notice] = await db
    .insert(privacyNotices)
    .values({
      editionId: edition.id,
      version: 1,
      textZh: DEMO_PRIVACY_NOTICE.zh,
      textEn: DEMO_PRIVACY_NOTICE.en,
      publishedAt: DEMO_SET_UP_AT,
    })
    .returning({ id: privacyNotices.id });
  for (const demo of DEMO_USERS.filter((user) => user.role === 'participant')) {
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, demo.email));
    if (!user) continue;
    await db
      .insert(privacyConsents)
      .values(
        CONSENT_SCOPES.map((scope) => ({ userId: user.id, noticeId: notice!.id, scope, givenAt: DEMO_SET_UP_AT })),
      )
      .onConflictDoNothing();
  }
}
