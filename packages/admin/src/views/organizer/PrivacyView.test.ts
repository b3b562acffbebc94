import ElementPlus from 'element-plus';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeI18n } from '../../i18n';
import { useEditionStore } from '../../stores/edition';
import { byTest, click, inputOf, json, pageText, stubFetch, type } from '../../test/dom';
import PrivacyView from './PrivacyView.vue';

// The organizers' personal-information screen (issue 19): the privacy notice's versions in zh/en,
// the edition's retention periods with their dry run, and who accessed whose personal data.

const EDITION = '/api/v1/editions/2024-guangxi';
const ORGANIZER = '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const STUDENT = '6b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e';
const notice = {
  id: '7c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f',
  editionId: '11111111-1111-4111-8111-111111111111',
  version: 2,
  text: {
    'zh-CN': '我们收集姓名、手机号与学生证，仅用于参赛资格审核。',
    en: 'We collect names, mobiles and student IDs for qualification only.',
  },
  publishedAt: '2024-06-20T09:00:00.000+08:00',
};
const policy = {
  editionId: notice.editionId,
  studentIdImageDays: 30,
  studentIdImageAnchor: 'qualification',
  departedMobileDays: null,
  updatedAt: '2024-06-21T09:00:00.000+08:00',
  updatedBy: ORGANIZER,
};
const entry = {
  id: '8d4e5f6a-7b8c-4d9e-9f0a-2b3c4d5e6f7a',
  actorUserId: ORGANIZER,
  subjectUserId: STUDENT,
  kind: 'reveal',
  resource: `users/${STUDENT}/contact`,
  reason: '核实学生证信息',
  at: '2024-07-20T10:00:00.000+08:00',
};

/** The API as the screen meets it; `published` says whether a notice exists yet. */
function stubApi(published = true) {
  return stubFetch(async (request) => {
    const path = new URL(request.url).pathname;
    if (path === `${EDITION}/privacy-notice` && request.method === 'GET')
      return published
        ? json(notice)
        : json({ status: 404, code: 'PRIVACY_NOTICE_NOT_FOUND', detail: '隐私政策不存在' }, 404);
    if (path === `${EDITION}/privacy-notice` && request.method === 'PUT')
      return json({ ...notice, version: 3, ...((await request.clone().json()) as object) }, 201);
    if (path === `${EDITION}/retention-policy` && request.method === 'GET') return json(policy);
    if (path === `${EDITION}/retention-policy` && request.method === 'PUT')
      return json({ ...policy, ...((await request.clone().json()) as object) });
    if (path === `${EDITION}/retention-policy/report`)
      return json({
        editionId: notice.editionId,
        asOf: '2024-08-20T10:00:00.000+08:00',
        items: [
          { kind: 'student_id_images', count: 12 },
          { kind: 'departed_mobiles', count: 0 },
        ],
      });
    if (path === '/api/v1/personal-data/access-log') return json({ items: [entry], nextCursor: null, total: 1 });
    return json({ status: 404, code: 'NOT_FOUND', detail: 'not here' }, 404);
  });
}

async function mountView(locale: 'zh-CN' | 'en' = 'zh-CN') {
  const pinia = createPinia();
  setActivePinia(pinia);
  useEditionStore().edition = { code: '2024-guangxi', name: '2024 广西', timeZone: 'Asia/Shanghai' } as never;
  mount(PrivacyView, { global: { plugins: [pinia, makeI18n(locale), ElementPlus] }, attachTo: document.body });
  await flushPromises();
}

describe('the personal-information screen', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('shows the notice in force in both languages and publishes a new version', async () => {
    const { requests } = stubApi();
    await mountView();
    expect(byTest('privacy-notice-version').textContent).toContain('第 2 版');
    expect(inputOf('privacy-notice-zh').value).toBe(notice.text['zh-CN']);
    await type(
      inputOf('privacy-notice-en'),
      'We collect names and mobiles; ID images are deleted 30 days after qualification.',
    );
    await click(byTest('privacy-notice-publish'));
    const put = requests().find((request) => request.method === 'PUT' && request.url.endsWith('/privacy-notice'))!;
    expect(await put.clone().json()).toEqual({
      text: {
        'zh-CN': notice.text['zh-CN'],
        en: 'We collect names and mobiles; ID images are deleted 30 days after qualification.',
      },
    });
    expect(byTest('privacy-notice-version').textContent).toContain('第 3 版');
  });

  it('says when no notice is published yet, and publishes only with both texts', async () => {
    stubApi(false);
    await mountView('en');
    expect(byTest('privacy-notice-version').textContent).toContain('has not published a privacy notice');
    expect(byTest('privacy-notice-publish').hasAttribute('disabled')).toBe(true);
  });

  it('saves the retention periods, an emptied one as kept (null), and shows the dry run’s counts', async () => {
    const { requests } = stubApi();
    await mountView();
    expect(inputOf('retention-student-id-days').value).toBe('30');
    await type(inputOf('retention-student-id-days'), '');
    await type(inputOf('retention-departed-mobile-days'), '90');
    await click(byTest('retention-save'));
    const put = requests().find((request) => request.method === 'PUT' && request.url.endsWith('/retention-policy'))!;
    expect(await put.clone().json()).toEqual({
      studentIdImageDays: null,
      studentIdImageAnchor: 'qualification',
      departedMobileDays: 90,
    });
    await click(byTest('retention-dry-run'));
    expect(byTest('retention-count-student_id_images').textContent).toContain('学生证图片: 12');
    expect(byTest('retention-count-departed_mobiles').textContent).toContain('0');
  });

  it('lists who accessed whose data, when and why, and filters by a whole id only', async () => {
    const { requests } = stubApi();
    await mountView();
    const row = byTest('access-log-list').querySelector('.el-table__row')!;
    expect(row.textContent).toContain('查看联系方式');
    expect(row.textContent).toContain('核实学生证信息');
    expect(row.textContent).toContain(STUDENT);
    await type(inputOf('access-log-subject'), STUDENT.slice(0, 8));
    await type(inputOf('access-log-subject'), STUDENT);
    const asked = requests()
      .map((request) => new URL(request.url))
      .filter((url) => url.pathname === '/api/v1/personal-data/access-log');
    expect(asked.map((url) => url.searchParams.get('subjectUserId'))).toEqual([null, null, STUDENT]);
    expect(pageText()).toContain('个人信息访问记录');
  });
});
